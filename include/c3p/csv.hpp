// Reading a budget from CSV (SPEC section 9): UTF-8 with or without BOM, LF or CRLF, RFC 4180
// quoting, a header row naming the columns in any order. Every malformed cell is reported with
// its 1-based line and column (in characters); nothing is guessed and nothing stops at the first.
//
//     auto read = c3p::read_budget_csv(text);
//     for (const auto& e : read.errors) std::cerr << c3p::to_string(e, "budget.csv") << '\n';
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/detail/utf8.hpp"
#include "c3p/error.hpp"
#include "c3p/quantity.hpp"
#include "c3p/yen.hpp"

namespace c3p {

struct csv_error {
    std::size_t line;    ///< 1-based line of the file
    std::size_t column;  ///< 1-based column, counted in characters
    std::string message;
};

/// "budget.csv:12:5: invalid unit_price "12a": unexpected character 'a'"
[[nodiscard]] inline std::string to_string(const csv_error& e, std::string_view source) {
    std::string out(source);
    out += ':' + std::to_string(e.line) + ':' + std::to_string(e.column) + ": " + e.message;
    return out;
}

struct csv_budget {
    c3p::budget budget;                  ///< the rows that were read; use it only when ok()
    std::vector<csv_error> errors;       ///< in file order
    std::vector<std::size_t> row_lines;  ///< file line of each budget line, for messages
    [[nodiscard]] bool ok() const noexcept { return errors.empty(); }
};

namespace detail {

enum class csv_column : std::uint8_t { item, description, unit_price, quantity, price_basis, consumable_reason, field_survey };
inline constexpr std::size_t csv_column_count = 7;
inline constexpr std::array<std::string_view, csv_column_count> csv_column_names{
    "item", "description", "unit_price", "quantity", "price_basis", "consumable_reason", "field_survey"};

/// The index of the column a header names, or csv_column_count for an unknown name.
constexpr std::size_t csv_column_index(std::string_view name) noexcept {
    std::size_t k = 0;
    while (k < csv_column_count && csv_column_names[k] != name) ++k;
    return k;
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

inline bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// Splits the text into records of fields. Structural problems become errors.
class csv_tokenizer {
public:
    csv_tokenizer(std::string_view text, std::size_t start, std::vector<csv_error>& errors)
        : text_(text), pos_(start), line_start_(start), errors_(errors) {}

    /// The next record, or false at the end of the text. `record_line` is its first line.
    bool next(std::vector<csv_field>& fields, std::size_t& record_line) {
        fields.clear();
        if (pos_ >= text_.size()) return false;
        record_line = line_;
        for (;;) {
            fields.push_back(read_field());
            if (pos_ >= text_.size()) return true;
            if (text_[pos_] == ',') {
                ++pos_;
                if (pos_ >= text_.size()) {  // a trailing comma ends with one more, empty field
                    fields.push_back(csv_field{{}, pos_, line_, line_start_});
                    return true;
                }
                continue;
            }
            // read_field stops only at ',', a line end or the end of the text.
            pos_ += text_[pos_] == '\r' ? 2 : 1;
            ++line_;
            line_start_ = pos_;
            return true;
        }
    }

    void error_at(std::size_t line, std::size_t line_start, std::size_t offset, std::string message) {
        errors_.push_back(csv_error{line, column_of(text_, line_start, offset), std::move(message)});
    }

private:
    bool at_line_end(std::size_t i) const {
        return text_[i] == '\n' || (text_[i] == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n');
    }

    csv_field read_field() {
        if (pos_ < text_.size() && text_[pos_] == '"') return read_quoted();
        const std::size_t start = pos_;
        const char* const data = text_.data();
        const std::size_t size = text_.size();
        std::size_t i = pos_;
        while (i < size && data[i] != ',' && data[i] != '\n') ++i;
        // A CR belongs to the line end only right before the LF.
        pos_ = (i < size && data[i] == '\n' && i > start && data[i - 1] == '\r') ? i - 1 : i;
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
                error_at(open_line, open_line_start, open, "unterminated quoted field: the quote opened here is never closed");
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
            error_at(line_, line_start_, pos_,
                     "unexpected text after a closing quote (a quote inside a quoted field is written twice)");
            field.broken = true;
            while (pos_ < text_.size() && text_[pos_] != ',' && !at_line_end(pos_)) ++pos_;
        }
        return field;
    }

    std::string_view text_;
    std::size_t pos_;
    std::size_t line_ = 1;
    std::size_t line_start_;
    std::vector<csv_error>& errors_;
};

/// Reports invalid UTF-8 and NUL bytes, at most once per line.
inline void check_encoding(std::string_view text, std::size_t start, std::vector<csv_error>& errors) {
    std::size_t line = 1, line_start = start, reported_line = 0;
    std::size_t i = start;
    while (i < text.size()) {
        // Fast path: eight ASCII bytes without NUL or newline.
        if (i + 8 <= text.size()) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + i, 8);
            constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
            const auto has_zero = [&](std::uint64_t v) { return ((v - ones) & ~v & highs) != 0; };
            if ((word & highs) == 0 && !has_zero(word) && !has_zero(word ^ (ones * '\n'))) {
                i += 8;
                continue;
            }
        }
        const char c = text[i];
        if (c == '\n') {
            ++line;
            line_start = ++i;
            continue;
        }
        std::size_t length = utf8_sequence_length(text, i);
        const char* problem = nullptr;
        if (c == '\0') {
            problem = "NUL byte: the file is not text";
        } else if (length == 0) {
            problem = "invalid UTF-8: the file must be UTF-8 text";
            length = 1;
        }
        if (problem && reported_line != line) {
            errors.push_back(csv_error{line, column_of(text, line_start, i), problem});
            reported_line = line;
        }
        i += length;
    }
}

inline std::string_view trim(std::string_view s, std::size_t& leading) {
    leading = 0;
    while (leading < s.size() && is_blank(s[leading])) ++leading;
    std::size_t end = s.size();
    while (end > leading && is_blank(s[end - 1])) --end;
    return s.substr(leading, end - leading);
}

/// yes/true/1 or no/false/0 in any case, or empty (no). Each length has at most one word, so
/// the length picks the word to compare with: this is asked of every row.
inline std::optional<bool> parse_flag(std::string_view s) {
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

}  // namespace detail

/// Reads a budget CSV held in memory. Never throws for bad input: every problem is in `errors`.
[[nodiscard]] inline csv_budget read_budget_csv(std::string_view text) {
    using detail::csv_column;
    csv_budget out;
    const std::size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // UTF-8 BOM
    detail::check_encoding(text, start, out.errors);
    detail::csv_tokenizer tokens(text, start, out.errors);
    // One budget line per text line at most: reserve once instead of regrowing.
    const auto newlines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    out.budget.reserve(newlines);
    out.row_lines.reserve(newlines);

    std::vector<detail::csv_field> fields;
    std::size_t record_line = 1;
    std::string scratch;
    const auto is_blank_record = [&] { return fields.size() == 1 && !fields[0].quoted && fields[0].raw.empty(); };

    // Header: each known column once; item and unit_price required.
    bool have_header = false;
    while (tokens.next(fields, record_line)) {
        if (!is_blank_record()) {
            have_header = true;
            break;
        }
    }
    if (!have_header) {
        out.errors.push_back(csv_error{1, 1, "empty file: expected a header row naming at least the columns item and unit_price"});
        return out;
    }
    std::array<std::optional<std::size_t>, detail::csv_column_count> where{};
    for (std::size_t i = 0; i < fields.size(); ++i) {
        std::size_t leading;
        const auto name = detail::trim(fields[i].value(scratch), leading);
        const std::size_t k = detail::csv_column_index(name);
        if (k == detail::csv_column_count) {
            tokens.error_at(fields[i].line, fields[i].line_start, fields[i].offset,
                            "unknown column " + detail::quoted(name) +
                                " (columns: item, description, unit_price, quantity, price_basis, consumable_reason, field_survey)");
        } else if (where[k]) {
            tokens.error_at(fields[i].line, fields[i].line_start, fields[i].offset,
                            "duplicate column " + detail::quoted(name) + " (also column " + std::to_string(*where[k] + 1) + ")");
        } else {
            where[k] = i;
        }
    }
    bool columns_missing = false;
    for (auto required : {csv_column::item, csv_column::unit_price}) {
        if (!where[static_cast<std::size_t>(required)]) {
            out.errors.push_back(csv_error{record_line, 1, "missing required column \"" +
                                                               std::string(detail::csv_column_names[static_cast<std::size_t>(required)]) + "\""});
            columns_missing = true;
        }
    }
    if (columns_missing) return out;
    const std::size_t header_size = fields.size();

    // Rows. A row with any error (structural ones included) is not added to the budget.
    for (;;) {
        const std::size_t errors_before = out.errors.size();
        if (!tokens.next(fields, record_line)) break;
        if (is_blank_record()) continue;
        if (fields.size() != header_size) {
            out.errors.push_back(csv_error{record_line, 1, "row has " + std::to_string(fields.size()) +
                                                               (fields.size() == 1 ? " field" : " fields") + " but the header has " +
                                                               std::to_string(header_size)});
            continue;
        }
        const auto cell = [&](csv_column c) -> const detail::csv_field* {
            const auto& index = where[static_cast<std::size_t>(c)];
            return index && !fields[*index].broken ? &fields[*index] : nullptr;
        };
        // The trimmed text of a cell, and where it starts (for error columns).
        struct cell_text {
            std::string_view text;
            std::size_t offset;
            const detail::csv_field* field;
        };
        const auto text_of = [&](csv_column c) -> std::optional<cell_text> {
            const auto* f = cell(c);
            if (!f) return std::nullopt;
            std::size_t leading;
            const auto value = detail::trim(f->value(scratch), leading);
            return cell_text{value, f->escaped ? f->offset : f->offset + leading, f};
        };
        const auto fail = [&](const cell_text& at, std::size_t position, std::string message) {
            tokens.error_at(at.field->line, at.field->line_start, at.offset + (at.field->escaped ? 0 : position),
                            std::move(message));
        };
        const auto name = [](csv_column c) { return std::string(detail::csv_column_names[static_cast<std::size_t>(c)]); };

        line l;
        if (auto c = text_of(csv_column::item)) {
            if (c->text.empty()) {
                fail(*c, 0, "empty item: every row needs an item code or Japanese item name");
            } else if (auto found = find_item(c->text)) {
                l.item = *found;
            } else {
                fail(*c, 0, "unknown item " + detail::quoted(c->text) +
                                " (an item code such as equipment, or a Japanese name such as 備品費)");
            }
        }
        const auto number = [&](csv_column column, auto& target, bool required) {
            auto c = text_of(column);
            if (!c) return;
            if (c->text.empty()) {
                if (required) fail(*c, 0, "empty " + name(column) + ": a number is required");
                return;
            }
            const auto parsed = std::remove_reference_t<decltype(target)>::try_parse(c->text);
            if (parsed) {
                target = parsed.value;
            } else {
                fail(*c, parsed.position,
                     "invalid " + name(column) + " " + detail::quoted(c->text) + ": " +
                         detail::reason(parsed.error, c->text, parsed.position));
            }
        };
        number(csv_column::unit_price, l.unit_price, true);
        number(csv_column::quantity, l.quantity, false);
        if (auto c = text_of(csv_column::price_basis); c && !c->text.empty()) {
            if (auto basis = price_basis_from_string(c->text)) {
                l.basis = *basis;
            } else {
                fail(*c, 0, "unknown price_basis " + detail::quoted(c->text) + " (exclusive, inclusive or untaxed)");
            }
        }
        if (auto c = text_of(csv_column::consumable_reason)) {
            if (auto reason = consumable_reason_from_string(c->text)) {
                l.reason = *reason;
            } else {
                fail(*c, 0, "unknown consumable_reason " + detail::quoted(c->text) +
                                " (not_reusable, fragile, short_life or empty)");
            }
        }
        if (auto c = text_of(csv_column::field_survey)) {
            if (auto flag = detail::parse_flag(c->text)) {
                l.field_survey = *flag;
            } else {
                fail(*c, 0, "invalid field_survey " + detail::quoted(c->text) + " (yes, no, true, false, 1, 0 or empty)");
            }
        }
        if (const auto* f = cell(csv_column::description)) l.description = f->value(scratch);

        if (out.errors.size() != errors_before) continue;
        try {
            out.budget.add(std::move(l));
            out.row_lines.push_back(record_line);
        } catch (const overflow_error&) {
            const auto c = text_of(csv_column::unit_price);
            fail(*c, 0, "unit_price x quantity is too large for the exact representation");
        }
    }
    return out;
}

}  // namespace c3p
