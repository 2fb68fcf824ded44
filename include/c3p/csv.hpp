// Reading a budget from CSV text (docs/formats.md): UTF-8 with or without BOM, LF or CRLF,
// RFC 4180 quoting, a header row naming the columns in any order. Every problem is reported as
// an input_error with its 1-based line and column (in characters), all of them, in file order;
// a row with a problem is left out and nothing is guessed.
//
//     auto read = c3p::read_budget_csv(text);            // a budget, or errors
//     auto checked = c3p::check_csv(text, terms);        // checked row by row, no lines kept
//     for (const auto& e : checked.errors) std::cerr << c3p::to_string(e, "budget.csv") << '\n';
//
// One tokenizer cuts every row (detail::csv_tokenizer). c3p::csv_reader hands out the rows one
// at a time; a program that cuts rows faster itself can still have the reader turn its cells
// into a line (parse_cells) and read any row it does not cut (seek, next).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/checker.hpp"
#include "c3p/detail/line_facts.hpp"
#include "c3p/detail/utf8.hpp"
#include "c3p/error.hpp"
#include "c3p/input_error.hpp"
#include "c3p/policy.hpp"
#include "c3p/quantity.hpp"
#include "c3p/yen.hpp"

namespace c3p {

namespace detail {

/// The column a header cell names, if any.
constexpr std::optional<csv_column> csv_column_named(std::string_view name) noexcept {
    for (std::size_t k = 0; k < csv_column_count; ++k)
        if (to_string(static_cast<csv_column>(k)) == name) return static_cast<csv_column>(k);
    return std::nullopt;
}

struct csv_field {
    std::string_view raw;        ///< content (inside the quotes of a quoted field), "" pairs not yet undone
    std::size_t offset = 0;      ///< byte offset of the content in the text
    std::size_t line = 0;        ///< line of the content's first byte
    std::size_t line_start = 0;  ///< byte offset of that line's start
    bool quoted = false;
    bool escaped = false;        ///< holds "" pairs
    bool broken = false;         ///< a structural error was reported for it; its value is not judged

    /// The field's text with "" pairs undone; `scratch` holds it when that was needed.
    std::string_view value(std::string& scratch) const {
        if (!escaped) return raw;
        scratch.clear();
        for (std::size_t i = 0; i < raw.size(); ++i) {
            scratch += raw[i];
            if (raw[i] == '"') ++i;  // skip the second quote of a pair
        }
        return scratch;
    }
};

inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

inline std::string_view trim(std::string_view s, std::size_t& leading) noexcept {
    leading = 0;
    while (leading < s.size() && is_blank(s[leading])) ++leading;
    std::size_t end = s.size();
    while (end > leading && is_blank(s[end - 1])) --end;
    return s.substr(leading, end - leading);
}

/// Splits the text into records of fields: the one place rows are cut. Structural problems and
/// bytes that are not UTF-8 text become errors.
class csv_tokenizer {
public:
    csv_tokenizer(std::string_view text, std::size_t start, std::size_t line, std::vector<input_error>& errors)
        : text_(text), pos_(start), line_(line), line_start_(start), errors_(&errors) {}

    /// The next record, or false at the end of the text. `record_line` is its first line.
    bool next(std::vector<csv_field>& fields, std::size_t& record_line) {
        fields.clear();
        if (pos_ >= text_.size()) return false;
        record_line = line_;
        const std::size_t start = pos_, start_line_start = line_start_;
        for (;;) {
            fields.push_back(read_field());
            if (pos_ >= text_.size()) break;
            if (text_[pos_] == ',') {
                ++pos_;
                if (pos_ >= text_.size()) {  // a trailing comma ends with one more, empty field
                    fields.push_back(csv_field{{}, pos_, line_, line_start_});
                    break;
                }
                continue;
            }
            // read_field stops only at ',', a line end or the end of the text.
            pos_ += text_[pos_] == '\r' ? 2u : 1u;
            ++line_;
            line_start_ = pos_;
            break;
        }
        check_text(start, record_line, start_line_start);
        return true;
    }

    [[nodiscard]] std::size_t position() const noexcept { return pos_; }
    [[nodiscard]] std::size_t line() const noexcept { return line_; }
    /// Goes on from `offset`, the start of a record on file line `line`.
    void seek(std::size_t offset, std::size_t line) noexcept {
        pos_ = line_start_ = offset;
        line_ = line;
    }

    void error_at(std::size_t line, std::size_t line_start, std::size_t offset, input_error e) {
        e.line = line;
        e.column = column_of(text_, line_start, offset);
        errors_->push_back(std::move(e));
    }

private:
    bool at_line_end(std::size_t i) const {
        return text_[i] == '\n' || (text_[i] == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n');
    }

    csv_field read_field() {
        if (pos_ < text_.size() && text_[pos_] == '"') return read_quoted();
        const std::size_t start = pos_;
        std::size_t i = pos_;
        while (i < text_.size() && text_[i] != ',' && text_[i] != '\n') ++i;
        // A CR belongs to the line end only right before the LF.
        pos_ = (i < text_.size() && text_[i] == '\n' && i > start && text_[i - 1] == '\r') ? i - 1 : i;
        return csv_field{text_.substr(start, pos_ - start), start, line_, line_start_};
    }

    csv_field read_quoted() {
        const std::size_t open = pos_, open_line = line_, open_line_start = line_start_;
        csv_field field{{}, open + 1, line_, line_start_, true};
        ++pos_;
        for (;;) {
            const std::size_t quote = text_.find('"', pos_);
            const std::size_t end = quote == std::string_view::npos ? text_.size() : quote;
            for (std::size_t i = pos_; i < end; ++i) {  // lines inside the quotes
                if (text_[i] == '\n') {
                    ++line_;
                    line_start_ = i + 1;
                }
            }
            if (quote == std::string_view::npos) {
                error_at(open_line, open_line_start, open, {.problem = input_problem::unterminated_quote});
                field.raw = text_.substr(field.offset);
                field.broken = true;
                pos_ = text_.size();
                return field;
            }
            if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
                field.escaped = true;
                pos_ = quote + 2;
                continue;
            }
            field.raw = text_.substr(field.offset, quote - field.offset);
            pos_ = quote + 1;
            break;
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && !at_line_end(pos_)) {
            error_at(line_, line_start_, pos_, {.problem = input_problem::text_after_quote});
            field.broken = true;
            while (pos_ < text_.size() && text_[pos_] != ',' && !at_line_end(pos_)) ++pos_;
        }
        return field;
    }

    /// Reports NUL bytes and invalid UTF-8 in text[start, pos_), at most once a line.
    void check_text(std::size_t start, std::size_t line, std::size_t line_start) {
        std::size_t reported_line = 0;
        for (std::size_t i = start; i < pos_;) {
            const auto c = static_cast<unsigned char>(text_[i]);
            if (c == '\n') {
                ++line;
                line_start = ++i;
                continue;
            }
            if (c >= 0x20 && c < 0x80) {
                ++i;
                continue;
            }
            std::size_t length = utf8_sequence_length(text_, i);
            std::optional<input_problem> problem;
            if (c == 0) {
                problem = input_problem::nul_byte;
            } else if (length == 0) {
                problem = input_problem::invalid_encoding;
                length = 1;
            }
            if (problem && reported_line != line) {
                error_at(line, line_start, i, {.problem = *problem});
                reported_line = line;
            }
            i += length;
        }
    }

    std::string_view text_;
    std::size_t pos_;
    std::size_t line_;
    std::size_t line_start_;
    std::vector<input_error>* errors_;
};

/// yes/true/1 or no/false/0 in any case, or empty (no). Each length has at most one word, so
/// the length picks the word to compare with: this is asked of every row.
inline std::optional<bool> parse_flag(std::string_view s) noexcept {
    switch (s.size()) {
        case 0: return false;
        case 1: return s[0] == '1' ? std::optional(true) : s[0] == '0' ? std::optional(false) : std::nullopt;
        case 2: return equals_ignoring_case(s, "no") ? std::optional(false) : std::nullopt;
        case 3: return equals_ignoring_case(s, "yes") ? std::optional(true) : std::nullopt;
        case 4: return equals_ignoring_case(s, "true") ? std::optional(true) : std::nullopt;
        case 5: return equals_ignoring_case(s, "false") ? std::optional(false) : std::nullopt;
        default: return std::nullopt;
    }
}

/// Whether unit price x quantity has an exact representation (a budget refuses the line otherwise).
inline bool representable(const yen& price, const quantity& q) {
    const auto small_price = to_int64(millionths(price.value())), small_quantity = to_int64(millionths(q.value()));
    fraction<std::int64_t> extended{};
    if (small_price && small_quantity && extend(*small_price, *small_quantity, extended)) return true;
    try {
        (void)(price * q);
        return true;
    } catch (const overflow_error&) {
        return false;
    }
}

/// A row's cells as a line: `cell(column)` gives a column's trimmed text (nullopt when the
/// column is absent or its field broken), `fail(column, position, error)` hears of each problem,
/// at `position` in that text. False when there was one.
template <class Cell, class Fail>
bool convert_row(Cell&& cell, Fail&& fail, bool keep_description, line& out) {
    bool ok = true;
    const auto failed = [&](csv_column column, std::size_t position, input_error e) {
        ok = false;
        e.column_name = column;
        fail(column, position, std::move(e));
    };
    if (auto text = cell(csv_column::item)) {
        if (text->empty()) {
            failed(csv_column::item, 0, {.problem = input_problem::empty_item});
        } else if (auto found = find_item(*text)) {
            out.item = *found;
        } else {
            failed(csv_column::item, 0, {.problem = input_problem::unknown_item, .text = std::string(*text)});
        }
    }
    // A number cell's decimal, when it is one (parsed straight: a row's cells are most of a file).
    const auto number = [&](csv_column column, bool required) -> std::optional<decimal> {
        const auto text = cell(column);
        if (!text) return std::nullopt;
        if (text->empty()) {
            if (required) failed(column, 0, {.problem = input_problem::missing_number});
            return std::nullopt;
        }
        const auto parsed = parse_number(*text);
        if (parsed.error == number_error::none) return decimal_from_millionths(parsed.raw);
        failed(column, parsed.position,
               {.problem = input_problem::invalid_number, .text = std::string(*text), .number = parsed.error,
                .number_position = parsed.position});
        return std::nullopt;
    };
    if (auto price = number(csv_column::unit_price, true)) out.unit_price = yen(*price);
    if (auto count = number(csv_column::quantity, false)) out.quantity = quantity(*count);
    if (auto text = cell(csv_column::price_basis); text && !text->empty()) {
        if (auto basis = price_basis_from_string(*text)) {
            out.basis = *basis;
        } else {
            failed(csv_column::price_basis, 0, {.problem = input_problem::unknown_price_basis, .text = std::string(*text)});
        }
    }
    if (auto text = cell(csv_column::consumable_reason)) {
        if (auto reason = consumable_reason_from_string(*text)) {
            out.reason = *reason;
        } else {
            failed(csv_column::consumable_reason, 0, {.problem = input_problem::unknown_reason, .text = std::string(*text)});
        }
    }
    if (auto text = cell(csv_column::field_survey)) {
        if (auto flag = parse_flag(*text)) {
            out.field_survey = *flag;
        } else {
            failed(csv_column::field_survey, 0, {.problem = input_problem::invalid_flag, .text = std::string(*text)});
        }
    }
    if (keep_description) {
        if (auto text = cell(csv_column::description)) out.description = *text;
    }
    return ok;
}

}  // namespace detail

/// A data row as a budget line, with the file line where its record starts.
struct csv_row {
    c3p::line line;
    std::size_t source_line = 0;
};

/// Reads the rows of budget CSV text one at a time. The header is read on construction; every
/// problem found on the way is in errors(), and a row with one is skipped.
class csv_reader {
public:
    explicit csv_reader(std::string_view text)
        : text_(text), tokens_(text, text.starts_with("\xEF\xBB\xBF") ? 3 : 0, 1, errors_) {
        read_header();
    }
    /// Reads the rows of `text`, a later part of the same file, under the header `header_from`
    /// read: its first row is at offset 0 on line 1 (seek to start elsewhere).
    csv_reader(std::string_view text, const csv_reader& header_from)
        : text_(text), tokens_(text, 0, 1, errors_), where_(header_from.where_), header_size_(header_from.header_size_),
          has_columns_(header_from.has_columns_) {}
    csv_reader(const csv_reader&) = delete;  // the tokenizer reports into this object's errors
    csv_reader& operator=(const csv_reader&) = delete;

    /// Whether the header names the required columns (item and unit_price). Without them no row is read.
    [[nodiscard]] bool has_columns() const noexcept { return has_columns_; }
    /// Problems so far, in file order.
    [[nodiscard]] const std::vector<input_error>& errors() const noexcept { return errors_; }
    [[nodiscard]] std::vector<input_error> take_errors() noexcept { return std::move(errors_); }

    /// The next data row, or nullopt at the end of the text. Blank lines and rows with a problem are skipped.
    [[nodiscard]] std::optional<csv_row> next() {
        if (!has_columns_) return std::nullopt;
        std::size_t record_line = 1;
        for (;;) {
            const std::size_t errors_before = errors_.size();
            if (!tokens_.next(fields_, record_line)) return std::nullopt;
            if (is_blank_record()) continue;
            if (fields_.size() != column_count()) {
                errors_.push_back({.line = record_line,
                                   .column = 1,
                                   .problem = input_problem::wrong_field_count,
                                   .count = fields_.size(),
                                   .expected = column_count()});
                continue;
            }
            // Every cell is judged, so that all its problems are reported; a row with any is left out.
            csv_row row{{}, record_line};
            if (convert_fields(row.line) && errors_.size() == errors_before) return row;
        }
    }

    // ---- for a program that cuts rows itself -------------------------------------------------

    /// Columns in the header (a row must have as many cells).
    [[nodiscard]] std::size_t column_count() const noexcept { return header_size_; }
    /// Byte offset in the text where the next row starts, and its file line.
    [[nodiscard]] std::size_t position() const noexcept { return tokens_.position(); }
    [[nodiscard]] std::size_t line_number() const noexcept { return tokens_.line(); }
    /// The next row read by next() is the one at `offset`, a row's start on file line `line_number`.
    void seek(std::size_t offset, std::size_t line_number) noexcept { tokens_.seek(offset, line_number); }

    /// A row's cells (column_count() of them, in file order, outside any quotes, with no doubled
    /// quotes) as a line, or nullopt when a cell is invalid: next() then reports why. Without
    /// `keep_description` the line's description stays empty, and nothing is allocated. (Unlike
    /// next(), it does not ask whether unit price x quantity is representable: a checker or budget
    /// given such a line throws c3p::overflow_error.)
    [[nodiscard]] std::optional<line> parse_cells(std::span<const std::string_view> cells, bool keep_description = true) const {
        if (cells.size() != column_count()) return std::nullopt;
        line out;
        const auto cell = [&](csv_column c) -> std::optional<std::string_view> {
            const auto& index = where_[static_cast<std::size_t>(c)];
            if (!index) return std::nullopt;
            std::size_t leading;
            return detail::trim(cells[*index], leading);
        };
        if (!detail::convert_row(cell, [](csv_column, std::size_t, const input_error&) {}, keep_description, out))
            return std::nullopt;
        return out;
    }

private:
    bool is_blank_record() const noexcept {
        return fields_.size() == 1 && !fields_[0].quoted && fields_[0].raw.empty();
    }

    void read_header() {
        std::size_t record_line = 1;
        bool found = false;
        while (tokens_.next(fields_, record_line)) {
            if (!is_blank_record()) {
                found = true;
                break;
            }
        }
        if (!found) {
            errors_.push_back({.line = 1, .column = 1, .problem = input_problem::empty_file});
            return;
        }
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            std::size_t leading;
            const auto name = detail::trim(fields_[i].value(scratch_), leading);
            const auto column = detail::csv_column_named(name);
            const auto at = [&](input_error e) {
                tokens_.error_at(fields_[i].line, fields_[i].line_start, fields_[i].offset, std::move(e));
            };
            if (!column) {
                at({.problem = input_problem::unknown_column, .text = std::string(name)});
            } else if (auto& where = where_[static_cast<std::size_t>(*column)]) {
                at({.problem = input_problem::duplicate_column, .column_name = *column, .text = std::string(name),
                    .expected = *where + 1});
            } else {
                where = i;
            }
        }
        has_columns_ = true;
        for (auto required : {csv_column::item, csv_column::unit_price}) {
            if (!where_[static_cast<std::size_t>(required)]) {
                errors_.push_back({.line = record_line, .column = 1, .problem = input_problem::missing_column,
                                   .column_name = required});
                has_columns_ = false;
            }
        }
        header_size_ = fields_.size();
    }

    bool convert_fields(line& out) {
        struct located {
            std::string_view text;
            std::size_t offset;  // of the trimmed text in the file
            const detail::csv_field* field;
        };
        std::array<std::optional<located>, csv_column_count> cells{};
        for (std::size_t k = 0; k < csv_column_count; ++k) {
            const auto& index = where_[k];
            if (!index || fields_[*index].broken) continue;
            const auto& f = fields_[*index];
            std::size_t leading;
            auto& scratch = scratch_cells_[k];
            const auto text = detail::trim(f.value(scratch), leading);
            cells[k] = located{text, f.escaped ? f.offset : f.offset + leading, &f};
        }
        const auto cell = [&](csv_column c) -> std::optional<std::string_view> {
            const auto& located_cell = cells[static_cast<std::size_t>(c)];
            if (!located_cell) return std::nullopt;
            return located_cell->text;
        };
        const auto fail = [&](csv_column c, std::size_t position, input_error e) {
            const auto& at = *cells[static_cast<std::size_t>(c)];
            // In a cell with "" pairs the position within the text is not one in the file: its start is shown.
            tokens_.error_at(at.field->line, at.field->line_start, at.offset + (at.field->escaped ? 0 : position),
                             std::move(e));
        };
        if (!detail::convert_row(cell, fail, true, out)) return false;
        if (detail::representable(out.unit_price, out.quantity)) return true;
        fail(csv_column::unit_price, 0, {.problem = input_problem::too_large, .column_name = csv_column::unit_price});
        return false;
    }

    std::string_view text_;
    std::vector<input_error> errors_;
    detail::csv_tokenizer tokens_;
    std::vector<detail::csv_field> fields_;
    std::string scratch_;
    std::array<std::string, csv_column_count> scratch_cells_;  // undone "" pairs, one per column
    std::array<std::optional<std::size_t>, csv_column_count> where_{};
    std::size_t header_size_ = 0;
    bool has_columns_ = false;
};

/// A budget read from CSV, or why it could not be.
struct csv_budget {
    c3p::budget budget;             ///< the rows that were read, each with its file line; use it only when ok()
    std::vector<input_error> errors;  ///< in file order
    [[nodiscard]] bool ok() const noexcept { return errors.empty(); }
};

/// Reads a budget CSV held in memory. Never throws for bad input: every problem is in `errors`.
[[nodiscard]] inline csv_budget read_budget_csv(std::string_view text) {
    csv_budget out;
    csv_reader reader(text);
    while (auto row = reader.next()) out.budget.add(std::move(row->line), row->source_line);
    out.errors = reader.take_errors();
    return out;
}

/// A CSV budget checked row by row, or why it could not be read.
struct csv_check {
    std::vector<input_error> errors;  ///< unreadable input: every problem, in file order; nothing was checked
    check_result result;              ///< meaningful only when ok()
    [[nodiscard]] bool ok() const noexcept { return errors.empty(); }
};

/// Reads and checks a budget CSV held in memory under the budget's terms and a policy, feeding
/// each row to a checker: no line is kept, so memory grows with the violations, not the rows.
/// Never throws for bad input; throws what checker::add throws (arithmetic that cannot be
/// exact) and std::invalid_argument for invalid terms.
[[nodiscard]] inline csv_check check_csv(std::string_view text, const budget_terms& terms, const policy& p = fy2025) {
    checker c(p, terms);
    csv_reader reader(text);
    while (auto row = reader.next()) {
        if (reader.errors().empty()) c.add(row->line, row->source_line);
    }
    csv_check out;
    out.errors = reader.take_errors();
    if (out.ok()) out.result = std::move(c).finish();
    return out;
}

}  // namespace c3p
