// The sentences of violations and input errors, written from their data on request: a check
// formats nothing.
//
//     for (const auto& v : result.violations) std::cout << v.code() << ": " << c3p::describe(v) << '\n';
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "c3p/decimal.hpp"
#include "c3p/detail/utf8.hpp"
#include "c3p/input_error.hpp"
#include "c3p/rate.hpp"
#include "c3p/violation.hpp"

namespace c3p {

namespace detail {

/// "1,234,567 yen" appended to `out`.
inline void append_yen_text(std::string& out, const decimal& amount) {
    append_to(out, amount, {.grouping = true});
    out += " yen";
}

/// The violation's sentence in English, appended to `out`.
inline void append_english(std::string& out, const violation& v) {
    const auto yen_of = [&](const std::optional<decimal>& figure) { append_yen_text(out, figure.value_or(decimal{})); };
    const auto unit_cost_basis = [&] {
        out += v.figure == figure::unit_cost_tax_excluded ? " (tax excluded)" : " (tax included)";
    };
    switch (v.rule) {
        case rule::line_negative_amount:
            if (v.figure == figure::quantity) {
                out += "quantity ";
                append_to(out, v.actual.value_or(decimal{}), {.grouping = true});
            } else {
                out += "unit price ";
                yen_of(v.actual);
            }
            out += " is below zero";
            return;
        case rule::line_zero_amount: out += "line amount is 0 yen"; return;
        case rule::equipment_below_threshold:
            out += "equipment unit cost ";
            yen_of(v.actual);
            unit_cost_basis();
            out += " is below the ";
            yen_of(v.limit);
            out += " threshold; book it as consumables";
            return;
        case rule::equipment_needs_approval:
            out += "equipment of ";
            yen_of(v.actual);
            out += " may be purchased only where the project guidelines allow it";
            return;
        case rule::consumable_at_or_above_threshold:
            out += "consumable unit cost ";
            yen_of(v.actual);
            unit_cost_basis();
            out += " is at or above the ";
            yen_of(v.limit);
            out += " threshold without an exception (not_reusable, fragile or short_life); book it as equipment";
            return;
        case rule::general_admin_over_rate:
            out += "stated general and administrative costs ";
            yen_of(v.actual);
            out += " exceed ";
            if (v.rate) out += to_string(*v.rate);
            out += " of the base ";
            yen_of(v.base);
            out += " (";
            yen_of(v.limit);
            out += ')';
            return;
        case rule::general_admin_rate_missing:
            out += "general and administrative costs of ";
            yen_of(v.actual);
            out += " are stated but no agreed G&A rate is given";
            return;
        case rule::consumption_tax_mismatch:
            out += "stated consumption tax ";
            yen_of(v.actual);
            out += " differs from the computed ";
            yen_of(v.limit);
            out += " (";
            if (v.rate) out += to_string(*v.rate);
            out += " of ";
            yen_of(v.base);
            out += ')';
            return;
        case rule::outsourcing_over_half:
            out += "outsourcing ";
            yen_of(v.actual);
            out += " exceeds ";
            if (v.rate) out += to_string(*v.rate);
            out += v.base_kind == share_base::personnel_operating_general_admin ? " of the personnel, operating and G&A costs "
                                                                                : " of the pre-tax total ";
            yen_of(v.base);
            out += " (";
            yen_of(v.limit);
            out += ')';
            if (!v.is_error()) out += "; marked as justified";
            return;
        case rule::uplift_over_maximum:
            out += "requested uplift ";
            yen_of(v.actual);
            out += " exceeds the maximum of ";
            yen_of(v.limit);
            return;
        case rule::uplift_without_field_survey:
            out += "an uplift of ";
            yen_of(v.actual);
            out += " is requested but no line is flagged as a field survey";
            return;
        case rule::cap_exceeded:
            out += "total ";
            yen_of(v.actual);
            out += " exceeds the cap of ";
            yen_of(v.limit);
            return;
    }
}

/// The input error's sentence in English, appended to `out`.
inline void append_english(std::string& out, const input_error& e) {
    const auto column = [&] { return std::string(e.column_name ? to_string(*e.column_name) : std::string_view("?")); };
    switch (e.problem) {
        case input_problem::empty_file:
            out += "empty file: expected a header row naming at least the columns item and unit_price";
            return;
        case input_problem::invalid_encoding: out += "invalid UTF-8: the file must be UTF-8 text"; return;
        case input_problem::nul_byte: out += "NUL byte: the file is not text"; return;
        case input_problem::unterminated_quote:
            out += "unterminated quoted field: the quote opened here is never closed";
            return;
        case input_problem::text_after_quote:
            out += "unexpected text after a closing quote (a quote inside a quoted field is written twice)";
            return;
        case input_problem::unknown_column:
            out += "unknown column " + detail::quoted(e.text) +
                   " (columns: item, description, unit_price, quantity, price_basis, consumable_reason, field_survey)";
            return;
        case input_problem::duplicate_column:
            out += "duplicate column " + detail::quoted(e.text) + " (also column " + std::to_string(e.expected) + ")";
            return;
        case input_problem::missing_column: out += "missing required column \"" + column() + "\""; return;
        case input_problem::wrong_field_count:
            out += "row has " + std::to_string(e.count) + (e.count == 1 ? " field" : " fields") + " but the header has " +
                   std::to_string(e.expected);
            return;
        case input_problem::empty_item: out += "empty item: every row needs an item code or Japanese item name"; return;
        case input_problem::unknown_item:
            out += "unknown item " + detail::quoted(e.text) + " (an item code such as equipment, or a Japanese name such as 備品費)";
            return;
        case input_problem::missing_number: out += "empty " + column() + ": a number is required"; return;
        case input_problem::invalid_number:
            out += "invalid " + column() + " " + detail::quoted(e.text) + ": " + c3p::describe(e.number, e.text, e.number_position);
            return;
        case input_problem::unknown_price_basis:
            out += "unknown price_basis " + detail::quoted(e.text) + " (exclusive, inclusive or untaxed)";
            return;
        case input_problem::unknown_reason:
            out += "unknown consumable_reason " + detail::quoted(e.text) + " (not_reusable, fragile, short_life or empty)";
            return;
        case input_problem::invalid_flag:
            out += "invalid " + column() + " " + detail::quoted(e.text) + " (yes, no, true, false, 1, 0 or empty)";
            return;
        case input_problem::too_large: out += "unit_price x quantity is too large for the exact representation"; return;
    }
}

}  // namespace detail

/// Appends the violation's sentence to `out` (a writer of many violations reuses one string).
inline void describe(std::string& out, const violation& v) { detail::append_english(out, v); }

/// The violation's sentence, naming its figures: "total 20,000,002 yen exceeds the cap of 20,000,000 yen".
[[nodiscard]] inline std::string describe(const violation& v) {
    std::string out;
    describe(out, v);
    return out;
}

/// The input error's sentence: "invalid unit_price "12a": unexpected character 'a'".
[[nodiscard]] inline std::string describe(const input_error& e) {
    std::string out;
    detail::append_english(out, e);
    return out;
}

/// "budget.csv:12:5: invalid unit_price "12a": unexpected character 'a'"
[[nodiscard]] inline std::string to_string(const input_error& e, std::string_view source) {
    std::string out(source);
    out += ':' + std::to_string(e.line) + ':' + std::to_string(e.column) + ": ";
    detail::append_english(out, e);
    return out;
}

}  // namespace c3p
