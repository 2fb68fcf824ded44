// c3p::input_error — a problem with a budget file, as data: a stable code, where (1-based file
// line and character column, and the cell: "D16"), and what was found. Its sentence is written on request
// (c3p::describe in messages.hpp); the codes are listed in docs/formats.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "c3p/cell.hpp"
#include "c3p/detail/number_parser.hpp"

namespace c3p {

/// The columns of a budget file; `date` and `receipt` are those of a file of spending records,
/// `fiscal_year`, `phase` and `task` those of a plan. `amount` (金額) is unit price x quantity
/// as the spreadsheet computed it: checked against the two, and the amount a summary row states.
/// `unit` (単位: 人日, 式), `remarks` (備考) and `row_number` (No., 項番), which office sheets
/// have, are read and left aside.
enum class csv_column : std::uint8_t {
    item, description, unit_price, quantity, price_basis, consumable_reason, field_survey, date, receipt,
    fiscal_year, phase, task, amount, unit, remarks, row_number
};
inline constexpr std::size_t csv_column_count = 16;

/// The column's header name: "unit_price".
[[nodiscard]] constexpr std::string_view to_string(csv_column c) noexcept {
    switch (c) {
        case csv_column::item: return "item";
        case csv_column::description: return "description";
        case csv_column::unit_price: return "unit_price";
        case csv_column::quantity: return "quantity";
        case csv_column::price_basis: return "price_basis";
        case csv_column::consumable_reason: return "consumable_reason";
        case csv_column::field_survey: return "field_survey";
        case csv_column::date: return "date";
        case csv_column::receipt: return "receipt";
        case csv_column::fiscal_year: return "fiscal_year";
        case csv_column::phase: return "phase";
        case csv_column::task: return "task";
        case csv_column::amount: return "amount";
        case csv_column::unit: return "unit";
        case csv_column::remarks: return "remarks";
        case csv_column::row_number: return "no";
    }
    return "?";
}

/// What is wrong with the input.
enum class input_problem : std::uint8_t {
    empty_file,           ///< no header row
    invalid_encoding,     ///< bytes that are not text in the file's encoding (`text`: its name, or empty for UTF-8)
    nul_byte,             ///< a NUL byte: not a text file
    unterminated_quote,   ///< a quote opened and never closed
    text_after_quote,     ///< text between a closing quote and the next separator
    unknown_column,       ///< a header cell that names no column (`text`)
    duplicate_column,     ///< a column named twice (`expected`: the 1-based column of the first)
    missing_column,       ///< a required column absent (`column_name`)
    wrong_field_count,    ///< a row of `count` fields under a header of `expected`
    empty_item,           ///< a row without an item
    unknown_item,         ///< an item that is neither a code nor a Japanese name (`text`)
    ambiguous_item,       ///< a name that could mean several items (`text`; c3p::item_candidates)
    missing_number,       ///< an empty cell where a number is required (`column_name`)
    invalid_number,       ///< a cell that is not a number (`text`, `number`)
    unknown_price_basis,  ///< `text`
    unknown_reason,       ///< an unknown consumable reason (`text`)
    invalid_flag,         ///< a field_survey cell that is not yes or no (`text`)
    too_large,            ///< unit price x quantity beyond the exact representation
    unknown_term,         ///< a `# key: value` line above the header with an unknown key (`text`)
    invalid_term,         ///< a term's value that is not one (`text`)
    unknown_policy,       ///< a `# policy:` naming no known policy (`text`)
    invalid_date,         ///< a record's date that is empty or no date (`text`)
    invalid_fiscal_year,  ///< a plan's fiscal year that is empty or none (`text`)
    invalid_phase,        ///< a plan's phase that is not a whole number from 1 (`text`)
    invalid_task,         ///< a task cell that is not Table 3 task numbers 1-7 (`text`)
    amount_mismatch,      ///< an amount cell that is not unit price x quantity (`text`; `expected_amount`)
    formula_without_value,  ///< a formula where a value is needed, none computed (`text`: the formula)
};

/// The stable code: "input.unknown_item".
[[nodiscard]] constexpr std::string_view code(input_problem p) noexcept {
    switch (p) {
        case input_problem::empty_file: return "input.empty_file";
        case input_problem::invalid_encoding: return "input.invalid_encoding";
        case input_problem::nul_byte: return "input.nul_byte";
        case input_problem::unterminated_quote: return "input.unterminated_quote";
        case input_problem::text_after_quote: return "input.text_after_quote";
        case input_problem::unknown_column: return "input.unknown_column";
        case input_problem::duplicate_column: return "input.duplicate_column";
        case input_problem::missing_column: return "input.missing_column";
        case input_problem::wrong_field_count: return "input.wrong_field_count";
        case input_problem::empty_item: return "input.empty_item";
        case input_problem::unknown_item: return "input.unknown_item";
        case input_problem::ambiguous_item: return "input.ambiguous_item";
        case input_problem::missing_number: return "input.missing_number";
        case input_problem::invalid_number: return "input.invalid_number";
        case input_problem::unknown_price_basis: return "input.unknown_price_basis";
        case input_problem::unknown_reason: return "input.unknown_consumable_reason";
        case input_problem::invalid_flag: return "input.invalid_flag";
        case input_problem::too_large: return "input.too_large";
        case input_problem::unknown_term: return "input.unknown_term";
        case input_problem::invalid_date: return "input.invalid_date";
        case input_problem::invalid_fiscal_year: return "input.invalid_fiscal_year";
        case input_problem::invalid_phase: return "input.invalid_phase";
        case input_problem::invalid_task: return "input.invalid_task";
        case input_problem::invalid_term: return "input.invalid_term";
        case input_problem::unknown_policy: return "input.unknown_policy";
        case input_problem::amount_mismatch: return "input.amount_mismatch";
        case input_problem::formula_without_value: return "input.formula_without_value";
    }
    return "?";
}

struct input_error {
    std::size_t line = 1;    ///< 1-based line of the file
    std::size_t column = 1;  ///< 1-based column, counted in characters
    input_problem problem = input_problem::empty_file;
    std::optional<csv_column> column_name{};     ///< the column concerned, where one is
    std::string text{};                          ///< the offending text as found (empty where none)
    number_error number = number_error::none;    ///< why `text` is not a number (invalid_number)
    std::size_t number_position = 0;             ///< where in `text` (invalid_number)
    std::size_t count = 0, expected = 0;         ///< wrong_field_count; duplicate_column's first column
    std::string suggestion{};                    ///< unknown_column, unknown_item: the nearest known name, if any
    std::string expected_amount{};               ///< amount_mismatch: unit price x quantity, as text ("2000")
    std::optional<cell_ref> cell{};              ///< the cell as a spreadsheet names it ("D16"), where one is concerned

    [[nodiscard]] std::string_view code() const noexcept { return c3p::code(problem); }
    friend bool operator==(const input_error&, const input_error&) = default;
};

}  // namespace c3p
