// Reading a budget from CSV text (docs/formats.md): UTF-8 with or without BOM, LF or CRLF,
// RFC 4180 quoting, a header row naming the columns in any order. Every problem is reported as
// an input_error with its 1-based line and column (in characters), all of them, in file order;
// a row with a problem is left out and nothing is guessed.
//
//     auto read = c3p::read_budget_csv(text);            // a budget, or errors
//     auto checked = c3p::check_csv(text);               // checked row by row, no lines kept
//     for (const auto& e : checked.errors) std::cerr << c3p::to_string(e, "budget.csv") << '\n';
//
// One tokenizer cuts every row (detail::csv_tokenizer). c3p::csv_reader hands out the rows one
// at a time; a program that cuts rows faster itself can still have the reader turn its cells
// into a line (parse_cells) and read any row it does not cut (seek, next).
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/checker.hpp"
#include "c3p/detail/line_facts.hpp"
#include "c3p/detail/nearest.hpp"
#include "c3p/detail/sv_literals.hpp"
#include "c3p/detail/utf8.hpp"
#include "c3p/error.hpp"
#include "c3p/fiscal_year.hpp"
#include "c3p/input_error.hpp"
#include "c3p/plan.hpp"
#include "c3p/policy.hpp"
#include "c3p/quantity.hpp"
#include "c3p/settlement.hpp"
#include "c3p/sheet.hpp"
#include "c3p/task.hpp"
#include "c3p/yen.hpp"

namespace c3p {

namespace detail {

/// The Japanese names of the columns, as headers write them.
inline constexpr std::pair<std::string_view, csv_column> column_japanese_names[] = {
    {"費目"sv, csv_column::item},
    {"費目名"sv, csv_column::item},
    {"項目"sv, csv_column::item},
    {"経費項目"sv, csv_column::item},
    {"内容"sv, csv_column::description},
    {"摘要"sv, csv_column::description},
    {"品名"sv, csv_column::description},
    {"名称"sv, csv_column::description},
    {"仕様"sv, csv_column::description},
    {"品名・仕様"sv, csv_column::description},
    {"単価"sv, csv_column::unit_price},
    {"数量"sv, csv_column::quantity},
    {"金額"sv, csv_column::amount},
    {"税区分"sv, csv_column::price_basis},
    {"課税区分"sv, csv_column::price_basis},
    {"消費税区分"sv, csv_column::price_basis},
    {"消耗品理由"sv, csv_column::consumable_reason},
    {"現地調査"sv, csv_column::field_survey},
    {"単位"sv, csv_column::unit},
    {"備考"sv, csv_column::remarks},
    {"注記"sv, csv_column::remarks},
    {"番号"sv, csv_column::row_number},
    {"項番"sv, csv_column::row_number},
    {"No."sv, csv_column::row_number},
    {"No"sv, csv_column::row_number},
    {"№"sv, csv_column::row_number},
    {"日付"sv, csv_column::date},
    {"支出日"sv, csv_column::date},
    {"領収書番号"sv, csv_column::receipt},
    {"証憑番号"sv, csv_column::receipt},
    {"年度"sv, csv_column::fiscal_year},
    {"フェーズ"sv, csv_column::phase},
    {"タスク"sv, csv_column::task},
};

/// The column a header cell names, if any: its English name in any case ("Unit_Price"), or its
/// Japanese one (column_japanese_names: 費目, 内容 or 摘要, 単価, 数量, 金額, 税区分, ...).
constexpr std::optional<csv_column> csv_column_named(std::string_view name) noexcept {
    for (std::size_t k = 0; k < csv_column_count; ++k)
        if (equals_ignoring_case(to_string(static_cast<csv_column>(k)), name)) return static_cast<csv_column>(k);
    for (const auto& [text, column] : column_japanese_names)
        if (text == name) return column;
    return std::nullopt;
}

/// Column names as an input method writes them for the right reading (たんか: 担架 for 単価).
inline constexpr std::pair<std::string_view, std::string_view> column_slips[] = {
    {"担架"sv, "単価"sv}, {"短歌"sv, "単価"sv}, {"単科"sv, "単価"sv}, {"炭化"sv, "単価"sv},
    {"水量"sv, "数量"sv}, {"適用"sv, "摘要"sv}, {"日附"sv, "日付"sv}, {"品目"sv, "費目"sv},
};

/// Whether a file of this kind has column `c`: records' and plans' own columns are unknown
/// elsewhere.
constexpr bool column_allowed(csv_column c, bool records, bool plan) noexcept {
    const bool record_column = c == csv_column::date || c == csv_column::receipt;
    const bool plan_column = c == csv_column::fiscal_year || c == csv_column::phase || c == csv_column::task;
    return (!record_column || records) && (!plan_column || plan);
}

/// The column name nearest an unknown header cell, among those of this kind of file.
inline std::string column_suggestion(std::string_view name, bool records, bool plan) {
    for (const auto& [slip, meant] : column_slips)
        if (slip == name) return std::string(meant);
    const auto allowed = [&](csv_column c) { return column_allowed(c, records, plan); };
    std::vector<std::string_view> names;
    for (std::size_t k = 0; k < csv_column_count; ++k)
        if (allowed(static_cast<csv_column>(k))) names.push_back(to_string(static_cast<csv_column>(k)));
    for (const auto& [japanese, column] : column_japanese_names)
        if (allowed(column)) names.push_back(japanese);
    const auto found = nearest(name, names);
    return found ? std::string(*found) : std::string();
}

/// The item name nearest an unknown one: a code, a Japanese name or a short form.
inline std::string item_suggestion(std::string_view name) {
    std::vector<std::string_view> names;
    for (const auto& entry : item_table) {
        names.push_back(entry.code);
        names.push_back(entry.japanese);
    }
    for (const auto& alias : item_aliases) names.push_back(alias.name);
    const auto found = nearest(name, names);
    return found ? std::string(*found) : std::string();
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
    csv_tokenizer(std::string_view text, std::size_t start, std::size_t line, std::vector<input_error>& errors,
                  char delimiter = ',')
        : text_(text), pos_(start), line_(line), line_start_(start), errors_(&errors), delimiter_(delimiter) {}

    void set_delimiter(char delimiter) noexcept { delimiter_ = delimiter; }

    /// The next record, or false at the end of the text. `record_line` is its first line.
    bool next(std::vector<csv_field>& fields, std::size_t& record_line) {
        fields.clear();
        if (pos_ >= text_.size()) return false;
        record_line = line_;
        record_line_ = line_;
        record_row_ = line_ - lines_in_cells_;
        const std::size_t start = pos_, start_line_start = line_start_;
        for (;;) {
            field_ = fields.size();
            fields.push_back(read_field());
            if (pos_ >= text_.size()) break;
            if (text_[pos_] == delimiter_) {
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
        check_text(start, record_line, start_line_start, fields);
        return true;
    }

    [[nodiscard]] std::size_t position() const noexcept { return pos_; }
    [[nodiscard]] std::size_t line() const noexcept { return line_; }
    /// Line breaks read inside quoted cells so far: the file lines that start no row.
    [[nodiscard]] std::size_t lines_in_cells() const noexcept { return lines_in_cells_; }
    /// The last record's row, as a spreadsheet numbers it (its line, less the line breaks in cells before it).
    [[nodiscard]] std::size_t record_row() const noexcept { return record_row_; }
    /// The last record's first file line.
    [[nodiscard]] std::size_t line_of_record() const noexcept { return record_line_; }
    /// Goes on from `offset`, the start of a record on file line `line`.
    void seek(std::size_t offset, std::size_t line) noexcept {
        pos_ = line_start_ = offset;
        line_ = line;
    }
    /// Where the tokenizer is, to come back to with rewind().
    struct mark {
        std::size_t position, line, lines_in_cells;
    };
    [[nodiscard]] mark here() const noexcept { return {pos_, line_, lines_in_cells_}; }
    void rewind(const mark& m) noexcept {
        seek(m.position, m.line);
        lines_in_cells_ = m.lines_in_cells;
    }

    /// Reports `e` at `offset`, on the cell of the last record's field `field` (0-based) where one is given.
    void error_at(std::size_t line, std::size_t line_start, std::size_t offset, input_error e,
                  std::optional<std::size_t> field = std::nullopt) {
        e.line = line;
        e.column = column_of(text_, line_start, offset);
        if (field) e.cell = cell_ref{*field + 1, record_row_};
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
        while (i < text_.size() && text_[i] != delimiter_ && text_[i] != '\n') ++i;
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
                    ++lines_in_cells_;
                    line_start_ = i + 1;
                }
            }
            if (quote == std::string_view::npos) {
                error_at(open_line, open_line_start, open, {.problem = input_problem::unterminated_quote}, field_);
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
        if (pos_ < text_.size() && text_[pos_] != delimiter_ && !at_line_end(pos_)) {
            error_at(line_, line_start_, pos_, {.problem = input_problem::text_after_quote}, field_);
            field.broken = true;
            while (pos_ < text_.size() && text_[pos_] != delimiter_ && !at_line_end(pos_)) ++pos_;
        }
        return field;
    }

    /// Reports NUL bytes and invalid UTF-8 in text[start, pos_), at most once a line.
    void check_text(std::size_t start, std::size_t line, std::size_t line_start, const std::vector<csv_field>& fields) {
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
                // The field holding byte i: the last that starts at or before it.
                std::size_t field = 0;
                while (field + 1 < fields.size() && fields[field + 1].offset <= i) ++field;
                error_at(line, line_start, i, {.problem = *problem}, field);
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
    char delimiter_;
    std::size_t lines_in_cells_ = 0;
    std::size_t record_row_ = 1;
    std::size_t record_line_ = 1;
    std::size_t field_ = 0;  // of the field being read
};

/// yes/true/1 or no/false/0 in any case, はい/いいえ, ○ or 〇, or empty (no). Among the English
/// words each length has at most one, so the length picks the word to compare with: this is
/// asked of every row.
inline std::optional<bool> parse_flag(std::string_view s) noexcept {
    switch (s.size()) {
        case 0: return false;
        case 1: return s[0] == '1' ? std::optional(true) : s[0] == '0' ? std::optional(false) : std::nullopt;
        case 2: return equals_ignoring_case(s, "no") ? std::optional(false) : std::nullopt;
        case 3:
            if (equals_ignoring_case(s, "yes") || s == "○" || s == "〇" || s == "有") return true;
            if (s == "無") return false;
            return std::nullopt;
        case 4: return equals_ignoring_case(s, "true") ? std::optional(true) : std::nullopt;
        case 5: return equals_ignoring_case(s, "false") ? std::optional(false) : std::nullopt;
        case 6:
            if (s == "はい" || s == "あり") return true;
            if (s == "なし") return false;
            return std::nullopt;
        case 9: return s == "いいえ" ? std::optional(false) : std::nullopt;
        default: return std::nullopt;
    }
}

/// exclusive / inclusive / untaxed in any case, or 税抜 / 税込 / 不課税.
inline std::optional<price_basis> parse_price_basis(std::string_view s) noexcept {
    for (auto basis : {price_basis::exclusive, price_basis::inclusive, price_basis::untaxed})
        if (equals_ignoring_case(to_string(basis), s)) return basis;
    for (const std::string_view word : {"税抜", "税抜き", "税別", "外税"})
        if (s == word) return price_basis::exclusive;
    for (const std::string_view word : {"税込", "税込み", "内税"})
        if (s == word) return price_basis::inclusive;
    // Non-taxable and exempt alike: no tax inside the price, none on top of it.
    for (const std::string_view word : {"不課税", "非課税", "対象外", "課税対象外"})
        if (s == word) return price_basis::untaxed;
    return std::nullopt;
}

/// not_reusable / fragile / short_life in any case, the guidebook's numbering of the consumable
/// cases ((2), 2, （２）, ２ and so on for not_reusable; 3 fragile; 4 short_life), or empty.
inline std::optional<consumable_reason> parse_consumable_reason(std::string_view s) noexcept {
    if (s.empty()) return consumable_reason::none;
    for (auto reason : {consumable_reason::not_reusable, consumable_reason::fragile, consumable_reason::short_life})
        if (equals_ignoring_case(to_string(reason), s)) return reason;
    lenient_number plain;  // full-width digits and parentheses made ASCII
    if (!normalize_number(s, plain)) return std::nullopt;
    auto digits = plain.text();
    if (digits.starts_with("\uFF08") && digits.ends_with("\uFF09")) digits = digits.substr(3, digits.size() - 6);
    if (digits.starts_with('(') && digits.ends_with(')')) digits = digits.substr(1, digits.size() - 2);
    if (digits == "2") return consumable_reason::not_reusable;
    if (digits == "3") return consumable_reason::fragile;
    if (digits == "4") return consumable_reason::short_life;
    return std::nullopt;
}

/// Whether an item cell marks a summary row: 合計, 小計, 総計, total, subtotal (any case).
/// `s` without bracketed notes at its end ("合計（税込）", "小計 (人件費)") or around it ("【小計】").
inline std::string_view without_notes(std::string_view s) noexcept {
    constexpr std::pair<std::string_view, std::string_view> brackets[] = {
        {"\uFF08"sv, "\uFF09"sv}, {"("sv, ")"sv}, {"\uFF3B"sv, "\uFF3D"sv}, {"["sv, "]"sv}, {"\u3010"sv, "\u3011"sv}};
    for (bool stripped = true; stripped;) {
        stripped = false;
        s = trim_blanks(s);
        for (const auto& [open, close] : brackets) {
            if (!s.ends_with(close)) continue;
            const auto at = s.rfind(open);
            if (at == std::string_view::npos) continue;
            // A note after a word is dropped; a word wholly in brackets is kept: 【小計】 is 小計.
            s = at == 0 ? s.substr(open.size(), s.size() - open.size() - close.size()) : s.substr(0, at);
            stripped = true;
            break;
        }
    }
    return s;
}

/// The text inside the first bracketed note of `s` ("人件費" in "小計（人件費）"), or "".
inline std::string_view note_of(std::string_view s) noexcept {
    constexpr std::pair<std::string_view, std::string_view> brackets[] = {
        {"\uFF08"sv, "\uFF09"sv}, {"("sv, ")"sv}, {"\uFF3B"sv, "\uFF3D"sv}, {"["sv, "]"sv}, {"\u3010"sv, "\u3011"sv}};
    for (const auto& [open, close] : brackets) {
        const auto at = s.find(open);
        const auto end = at == std::string_view::npos ? at : s.find(close, at + open.size());
        if (end != std::string_view::npos) return trim_blanks(s.substr(at + open.size(), end - at - open.size()));
    }
    return {};
}

/// A row's label as its words are matched: without its enumerator (Ⅰ．直接経費), and without the
/// blanks that space out a Japanese label (合　計); English keeps its own ("grand total").
inline std::string label_as_typed(std::string_view typed) {
    auto unspaced = without_blanks(without_enumerator(typed));
    if (unspaced.find_first_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos) return unspaced;
    return std::string(trim_blanks(without_enumerator(typed)));
}

/// A word that marks a total: 合計, 小計, 総計, 総合計, 計, 中計, 税抜合計, 税込合計, or total,
/// subtotal, grand total in any case.
inline bool is_total_word(std::string_view s) noexcept {
    for (const std::string_view word : {"合計", "小計", "総計", "総合計", "計", "中計", "税抜合計", "税別合計", "税込合計"})
        if (s == word) return true;
    for (const std::string_view word : {"total", "subtotal", "sub-total", "grand total"})
        if (equals_ignoring_case(s, word)) return true;
    return false;
}

/// Whether an item cell makes its row a summary or a heading, as budget sheets are typed: a
/// total word (合計, 小計, 総計, 総合計, 計, total, subtotal, grand total), with or without a
/// bracketed note (合計（税込）, 小計（人件費）); a category, group or item name with 計, 小計 or
/// 合計 after it (人件費計, 直接経費小計); or a heading naming a category or group that is no item
/// (業務費, 直接経費, 間接経費, Operating costs).
inline bool is_summary_item(std::string_view typed) {
    const auto label = label_as_typed(typed);
    const auto s = without_notes(label);
    if (s.empty()) return false;
    if (is_total_word(s) || is_total_word(without_blanks(note_of(typed)))) return true;  // 合計, 人件費（小計）
    const auto names_costs = [](std::string_view name) {
        name = trim_blanks(name);
        if (name.ends_with("\u30FB")) name.remove_suffix(3);  // 人件費・計
        if (find_item(name)) return true;
        for (const auto& c : category_table)
            if (c.japanese == name) return true;
        for (const auto& g : group_table)
            if (g.japanese == name) return true;
        for (const auto& a : ambiguous_item_names)
            if (a.name == name) return true;
        return false;
    };
    for (const std::string_view suffix : {"小計", "合計", "計"})
        if (s.size() > suffix.size() && s.ends_with(suffix) && names_costs(s.substr(0, s.size() - suffix.size())))
            return true;
    if (find_item(s)) return false;  // 人件費 is a category and an item: a line
    for (const auto& c : category_table)
        if (c.japanese == s || equals_ignoring_case(c.english, s)) return true;
    for (const auto& g : group_table)
        if (g.japanese == s || equals_ignoring_case(g.english, s)) return true;
    return false;
}

/// The figure a summary row's label names, where it names one: 人件費計 and 小計（人件費） the
/// personnel category's subtotal, 直接経費 (a heading) the direct costs', 消耗品費計 the item's,
/// 税抜合計 and 合計（税抜） the pre-tax total, 合計, 総合計 and 合計（税込） the total. A bare 小計 names
/// none: what it sums depends on the rows above it.
inline std::optional<summary_figure> summary_figure_named(std::string_view typed) {
    using kind = summary_figure::kind;
    const auto named = [](std::string_view name) -> std::optional<summary_figure> {
        name = trim_blanks(name);
        if (name.ends_with("\u30FB")) name.remove_suffix(3);  // 人件費・計
        if (name.empty()) return std::nullopt;
        for (const auto& c : category_table)
            if (c.japanese == name || equals_ignoring_case(c.english, name)) return summary_figure{.of = kind::category, .category = c.id};
        for (const auto& g : group_table)
            if (g.japanese == name || equals_ignoring_case(g.english, name)) return summary_figure{.of = kind::group, .group = g.id};
        if (const auto found = find_item(name)) return summary_figure{.of = kind::item, .item = *found};
        return std::nullopt;
    };
    const auto label = label_as_typed(typed);
    const auto base = without_notes(label);
    const bool excluding_tax = label.find("税抜") != std::string_view::npos || label.find("税別") != std::string_view::npos;
    for (const std::string_view word : {"合計", "総合計", "総計", "total", "grand total"})
        if (base == word || equals_ignoring_case(base, word)) return summary_figure{.of = excluding_tax ? kind::pre_tax : kind::total};
    if (base == "税抜合計" || base == "税別合計") return summary_figure{.of = kind::pre_tax};
    if (base == "税込合計") return summary_figure{.of = kind::total};
    for (const std::string_view word : {"小計", "計", "中計", "subtotal", "sub-total"})
        if (base == word || equals_ignoring_case(base, word)) return named(note_of(label));
    for (const std::string_view suffix : {"小計", "合計", "計"})
        if (base.size() > suffix.size() && base.ends_with(suffix)) return named(base.substr(0, base.size() - suffix.size()));
    if (is_total_word(without_blanks(note_of(label)))) return named(base);  // 人件費（小計）
    if (find_item(base)) return std::nullopt;  // an item's own line, not a heading
    return named(base);
}

/// Tab when the header line (the first line not blank and not a `#` line) has tabs and no commas.
inline char detect_delimiter(std::string_view text, std::size_t start = 0) noexcept {
    std::size_t line_start = start;
    while (line_start < text.size()) {
        const auto end = std::min(text.find('\n', line_start), text.size());
        const auto line = text.substr(line_start, end - line_start);
        std::size_t leading;
        const auto trimmed = trim(line.ends_with('\r') ? line.substr(0, line.size() - 1) : line, leading);
        // The first line of cells decides: not blank, no `#` line, not a title of one cell.
        const bool cells = trimmed.find_first_of(",\t") != std::string_view::npos;
        if (!trimmed.empty() && !trimmed.starts_with('#') && cells && trimmed.find_first_not_of(",\t") != std::string_view::npos)
            return line.find('\t') != std::string_view::npos && line.find(',') == std::string_view::npos ? '\t' : ',';
        line_start = end + 1;
    }
    return ',';
}

/// The column a header cell names as people type it: with a bracketed unit (単価（円）), spaced
/// out to align (単　価), broken over two lines (単価⏎（円）), in English with spaces (Unit Price).
inline std::optional<csv_column> column_named_as_typed(std::string_view name) {
    if (const auto found = csv_column_named(name)) return found;
    const auto unspaced = without_blanks(name);
    if (const auto found = csv_column_named(without_notes(unspaced))) return found;
    std::string underscored(trim_blanks(without_notes(name)));
    std::replace(underscored.begin(), underscored.end(), ' ', '_');
    return csv_column_named(underscored);
}

/// The item a cell names as people type it: under a numbered heading (1. 消耗品費), or spaced
/// out to align (人　件　費); none when it names none.
inline std::optional<item> find_item_as_typed(std::string_view text) {
    if (const auto found = find_item(without_enumerator(text))) return found;
    const auto unspaced = without_blanks(without_enumerator(text));
    if (const auto found = find_item(unspaced)) return found;
    return find_item(without_notes(unspaced));  // 消耗品費（試薬）
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
    const auto is_formula = [&](csv_column column, std::string_view text) {
        if (!text.starts_with('=')) return false;  // a workbook's formula that was never computed
        failed(column, 0, {.problem = input_problem::formula_without_value, .text = std::string(text)});
        return true;
    };
    if (auto text = cell(csv_column::item)) {
        if (text->empty()) {
            failed(csv_column::item, 0, {.problem = input_problem::empty_item});
        } else if (is_formula(csv_column::item, *text)) {
        } else if (auto found = find_item(*text); found || (!is_summary_item(*text) && (found = find_item_as_typed(*text)))) {
            out.item = *found;  // as typed: 1. 消耗品費, 人　件　費, 消耗品費（試薬）; never a summary row's label
        } else {
            const bool ambiguous = !item_candidates(*text).empty();
            failed(csv_column::item, 0,
                   {.problem = ambiguous ? input_problem::ambiguous_item : input_problem::unknown_item,
                    .text = std::string(*text),
                    .suggestion = ambiguous ? std::string() : detail::item_suggestion(*text)});
        }
    }
    // A number cell's decimal, when it is one, as people write amounts ("¥1,200", "１２０"):
    // parsed straight, for a row's cells are most of a file.
    const auto number = [&](csv_column column, bool required) -> std::optional<decimal> {
        const auto text = cell(column);
        if (!text) return std::nullopt;
        if (text->empty()) {
            if (required) failed(column, 0, {.problem = input_problem::missing_number});
            return std::nullopt;
        }
        if (is_formula(column, *text)) return std::nullopt;
        const auto parsed = parse_number_lenient(*text);
        if (parsed.error == number_error::none) return decimal_from_millionths(parsed.raw);
        if (column == csv_column::quantity && without_unit(*text) != *text) {  // 10人日, 1式
            const auto counted = parse_number_lenient(without_unit(*text));
            if (counted.error == number_error::none) return decimal_from_millionths(counted.raw);
        }
        failed(column, parsed.position,
               {.problem = input_problem::invalid_number, .text = std::string(*text), .number = parsed.error,
                .number_position = parsed.position});
        return std::nullopt;
    };
    const auto price = number(csv_column::unit_price, true);
    if (price) out.unit_price = yen(*price);
    const auto quantity_text = cell(csv_column::quantity);
    const bool quantity_given = quantity_text && !quantity_text->empty();
    const auto count = number(csv_column::quantity, false);
    if (count) out.quantity = quantity(*count);
    // The amount the sheet computed: unit price x quantity, or that rounded to a whole yen.
    if (const auto stated = number(csv_column::amount, false); stated && price && (count || !quantity_given)) {
        try {
            const auto product = out.unit_price * out.quantity;
            const yen amount(*stated);
            const bool whole = amount == product.round(rounding::floor) || amount == product.round(rounding::ceiling);
            if (!(product == amount) && !(amount.value().is_whole() && whole)) {
                failed(csv_column::amount, 0,
                       {.problem = input_problem::amount_mismatch, .text = std::string(*cell(csv_column::amount)),
                        .expected_amount = to_string(product.floor_to_millionths(), {.grouping = true})});
            }
        } catch (const overflow_error&) {  // too large: reported as such
        }
    }
    if (auto text = cell(csv_column::price_basis); text && !text->empty()) {
        if (auto basis = parse_price_basis(*text)) {
            out.basis = *basis;
        } else {
            failed(csv_column::price_basis, 0, {.problem = input_problem::unknown_price_basis, .text = std::string(*text)});
        }
    }
    if (auto text = cell(csv_column::consumable_reason)) {
        if (auto reason = parse_consumable_reason(*text)) {
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

/// What a caller sets over a file's own `#` lines, and how to read the file. Each term given
/// individually wins over the file's and over `terms`; `terms`, when given, replaces the file's.
struct csv_settings {
    std::optional<budget_terms> terms{};
    std::optional<rate> general_admin_rate{};
    std::optional<yen> uplift{};
    std::optional<bool> outsourcing_justified{};
    const c3p::policy* rules = nullptr;  ///< none: the file's `# policy:`, else fy2025
    char delimiter = 0;                  ///< ',' or '\t'; 0: tab when the header has tabs and no commas
    check_options options{};             ///< what check_csv keeps besides totals and violations
    /// Spending records (read_records_csv): the `date` column is required and `receipt` allowed;
    /// in a budget both are unknown columns.
    bool records = false;
    /// A plan (read_plan_csv): the `fiscal_year` column is required, `phase` and `task` allowed;
    /// in a budget they are unknown columns.
    bool plan = false;
};

/// The terms a file states in `#` lines above its header ("# ga_rate: 10%").
struct csv_terms {
    std::optional<rate> general_admin_rate{};
    std::optional<yen> uplift{};
    std::optional<bool> outsourcing_justified{};
    std::optional<std::string> policy{};
    /// A plan's terms for one fiscal year: "# uplift R8: 5,000,000", "# 一般管理費率 2026: 8%".
    std::map<int, year_terms> years{};
};

/// Whether `text` is UTF-8 throughout, as csv_reader reads it (a program that takes files in
/// other encodings converts them first: c3p-check takes CP932 when a file is not UTF-8).
[[nodiscard]] constexpr bool is_utf8(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const auto length = detail::utf8_sequence_length(text, i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

/// A data row as a budget line, with the file line where its record starts; or a summary row
/// (合計, 小計, total) that is skipped, not counted: a checker is told of it
/// (checker::skipped_summary_row), a budget notes it (budget::note_summary_row).
struct csv_row {
    c3p::line line;
    std::size_t source_line = 0;
    bool summary = false;
    std::optional<summary_statement> stated{};  ///< a summary row's amount for the figure it names
    std::chrono::year_month_day date{};  ///< a record's (csv_settings::records)
    std::string receipt{};               ///< a record's, when the file has the column
    int fiscal_year = 0;                 ///< a plan line's (csv_settings::plan)
    int phase = 1;                       ///< a plan line's; 1 without the column
    task_set tasks{};                    ///< the Table 3 tasks a plan line names
};

/// Reads the rows of budget CSV text one at a time. The `#` lines and the header are read on
/// construction; every problem found on the way is in errors(), and a row with one is skipped.
class csv_reader {
public:
    explicit csv_reader(std::string_view text, const csv_settings& settings = {})
        : text_(text), settings_(settings), tokens_(text, text.starts_with("\xEF\xBB\xBF") ? 3 : 0, 1, errors_) {
        read_header();
    }
    /// Reads the rows of `text`, a later part of the same file, under the header `header_from`
    /// read: its first row is at offset 0 on line 1 (seek to start elsewhere).
    csv_reader(std::string_view text, const csv_reader& header_from)
        : text_(text), settings_(header_from.settings_), tokens_(text, 0, 1, errors_, header_from.delimiter_),
          where_(header_from.where_), columns_(header_from.columns_),
          delimiter_(header_from.delimiter_), has_header_(header_from.has_header_), has_columns_(header_from.has_columns_),
          terms_(header_from.terms_),
          rules_(header_from.rules_), layout_{header_from.layout_.fields, {}}, default_basis_(header_from.default_basis_) {}
    csv_reader(const csv_reader&) = delete;  // the tokenizer reports into this object's errors
    csv_reader& operator=(const csv_reader&) = delete;

    /// Whether the header names the required columns (item and unit_price). Without them rows are
    /// still read, for their other problems, but none is returned.
    [[nodiscard]] bool has_columns() const noexcept { return has_columns_; }
    /// Problems so far, in file order.
    [[nodiscard]] const std::vector<input_error>& errors() const noexcept { return errors_; }
    [[nodiscard]] std::vector<input_error> take_errors() noexcept { return std::move(errors_); }

    /// The terms the file states in its `#` lines.
    [[nodiscard]] const csv_terms& file_terms() const noexcept { return file_terms_; }
    /// The budget's terms: the settings' over the file's, over none.
    [[nodiscard]] const budget_terms& terms() const noexcept { return terms_; }
    /// The rules to check under: the settings', or the file's `# policy:`, or fy2025.
    [[nodiscard]] const c3p::policy& rules() const noexcept { return *rules_; }
    /// The separator of the file's cells: ',' or '\t'.
    [[nodiscard]] char delimiter() const noexcept { return delimiter_; }
    /// Where the header's columns are, and the rows of the records read so far: the cells of
    /// violations (violation_list::locate).
    [[nodiscard]] const sheet_layout& layout() const noexcept { return layout_; }

    /// The next data row, or nullopt at the end of the text. Blank rows and rows with a problem
    /// are skipped; a summary row is returned marked as one.
    [[nodiscard]] std::optional<csv_row> next() {
        if (!has_header_) return std::nullopt;
        std::size_t record_line = 1;
        for (;;) {
            const std::size_t errors_before = errors_.size();
            if (!tokens_.next(fields_, record_line)) return std::nullopt;
            note_line_breaks();
            if (is_empty_record()) continue;  // also ",,," as spreadsheets write an empty row
            // Cells past the header's named columns are allowed only empty (spreadsheets write them).
            if (fields_.size() < columns_ || !empty_after(columns_)) {
                // The cell: the first one past the header's, or the first missing.
                std::size_t field = columns_;
                while (fields_.size() >= columns_ && field < fields_.size() && is_empty_cell(field)) ++field;
                errors_.push_back({.line = record_line,
                                   .column = 1,
                                   .problem = input_problem::wrong_field_count,
                                   .count = fields_.size(),
                                   .expected = columns_,
                                   .cell = cell_ref{std::min(field, fields_.size()) + 1, tokens_.record_row()}});
                continue;
            }
            if (is_summary_record()) {
                if (!has_columns_) continue;
                csv_row row{{}, record_line, true};
                row.stated = summary_statement_of(record_line);
                if (settings_.plan) row.fiscal_year = summary_fiscal_year();
                return row;
            }
            // Every cell is judged, so that all its problems are reported; a row with any is left
            // out, and every row when a required column is missing (its other cells are still judged).
            csv_row row{{}, record_line};
            if (convert_fields(row) && errors_.size() == errors_before && has_columns_) return row;
        }
    }

    // ---- for a program that cuts rows itself -------------------------------------------------

    /// Cells in a row: the header's, without its empty trailing ones.
    [[nodiscard]] std::size_t column_count() const noexcept { return columns_; }
    /// Byte offset in the text where the next row starts, and its file line.
    [[nodiscard]] std::size_t position() const noexcept { return tokens_.position(); }
    [[nodiscard]] std::size_t line_number() const noexcept { return tokens_.line(); }
    /// The next row read by next() is the one at `offset`, a row's start on file line `line_number`.
    void seek(std::size_t offset, std::size_t line_number) noexcept { tokens_.seek(offset, line_number); }

    /// A row's cells (column_count() of them, in file order, outside any quotes, with no doubled
    /// quotes) as a line, or nullopt when a cell is invalid or the row is a summary row: next()
    /// then tells. Without `keep_description` the line's description stays empty, and nothing is
    /// allocated. (Unlike next(), it does not ask whether unit price x quantity is representable:
    /// a checker or budget given such a line throws c3p::overflow_error.)
    [[nodiscard]] std::optional<line> parse_cells(std::span<const std::string_view> cells, bool keep_description = true) const {
        if (cells.size() != column_count()) return std::nullopt;
        line out;
        const auto cell = [&](csv_column c) -> std::optional<std::string_view> {
            const auto& index = where_[static_cast<std::size_t>(c)];
            if (!index) return std::nullopt;
            std::size_t leading;
            return detail::trim(cells[*index], leading);
        };
        // A summary or heading row names no item (is_summary_item holds no item's name), or has
        // none of its figures: either way no line, and next() tells what the row is.
        out.basis = default_basis_;
        if (!detail::convert_row(cell, [](csv_column, std::size_t, const input_error&) {}, keep_description, out))
            return std::nullopt;
        return out;
    }

private:
    /// No cell holds anything but a row number (a template's numbered empty rows).
    bool is_empty_record() const noexcept {
        const auto& number_column = where_[static_cast<std::size_t>(csv_column::row_number)];
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            std::size_t leading;
            if (i != number_column && (fields_[i].quoted || !detail::trim(fields_[i].raw, leading).empty())) return false;
        }
        return true;
    }
    /// A heading typed as an item without figures: a category's or group's name that is an item
    /// too (人件費, 共同実施費, 消費税), a computed item (一般管理費), or a numbered item (（１）人件費,
    /// 2. 消耗品費), with no unit price, quantity or amount.
    bool is_heading_line(std::string_view label, std::size_t field) const {
        if (field != where_[static_cast<std::size_t>(csv_column::item)]) return false;
        auto found = find_item(label);
        if (!found) found = detail::find_item_as_typed(label);
        if (!found) return false;
        const auto unspaced = detail::without_blanks(detail::without_enumerator(label));
        // A category's or group's name, or a figure the rules compute (一般管理費, 消費税), heads the
        // rows under it or awaits its figure; another item's name without figures is a mistake.
        const bool heading_name =
            is_computed(*found) ||
            std::any_of(category_table.begin(), category_table.end(), [&](const category_info& c) { return c.japanese == unspaced; }) ||
            std::any_of(group_table.begin(), group_table.end(), [&](const group_info& g) { return g.japanese == unspaced; });
        const bool numbered = detail::without_enumerator(label) != label;
        if (!heading_name && !numbered) return false;
        for (const auto column : {csv_column::unit_price, csv_column::quantity, csv_column::amount}) {
            const auto& index = where_[static_cast<std::size_t>(column)];
            std::size_t leading;
            if (index && *index < fields_.size() && !detail::trim(fields_[*index].raw, leading).empty()) return false;
        }
        return true;
    }
    /// How many of the row's cells name a column: a header names two or more.
    std::size_t columns_named() {
        std::size_t named = 0;
        for (const auto& f : fields_) {
            std::size_t leading;
            const auto text = detail::trim(f.value(scratch_), leading);
            if (detail::column_named_as_typed(text)) ++named;
        }
        return named;
    }
    /// Whether cell `i` is empty.
    bool is_empty_cell(std::size_t i) const noexcept {
        std::size_t leading;
        return detail::trim(fields_[i].raw, leading).empty();
    }
    /// Records where rows stop being lines: after a record whose cells held line breaks.
    void note_line_breaks() {
        const auto breaks = tokens_.lines_in_cells();
        if (breaks != (layout_.line_breaks.empty() ? 0 : layout_.line_breaks.back().second))
            layout_.line_breaks.emplace_back(tokens_.line(), breaks);
    }
    /// Whether every cell from `first` on is empty.
    bool empty_after(std::size_t first) const noexcept {
        for (std::size_t i = first; i < fields_.size(); ++i) {
            std::size_t leading;
            if (!detail::trim(fields_[i].raw, leading).empty()) return false;
        }
        return true;
    }
    /// A summary or heading row: its label (summary_label) says so. One labelled outside the
    /// item column is noted in the layout, so that its warning names the label's cell.
    bool is_summary_record() {
        std::size_t field = 0;
        const auto label = summary_label(field);
        if (label.empty() || !(detail::is_summary_item(label) || is_heading_line(label, field))) return false;
        if (field != where_[static_cast<std::size_t>(csv_column::item)])
            layout_.summary_labels.emplace_back(tokens_.line_of_record(), field);
        return true;
    }
    /// What labels a row: its item cell, or, with the item cell empty, its first cell that is
    /// not empty, no number and not in the No. column (合計 typed in the date column of a records
    /// file, or after the row's number), and its field; "" without an item column.
    std::string_view summary_label(std::size_t& field) const {
        const auto& index = where_[static_cast<std::size_t>(csv_column::item)];
        if (!index) return {};
        std::size_t leading;
        field = *index;
        const auto item_cell = detail::trim(fields_[*index].raw, leading);
        if (!item_cell.empty()) return item_cell;
        const auto& number_column = where_[static_cast<std::size_t>(csv_column::row_number)];
        for (std::size_t i = 0; i < columns_ && i < fields_.size(); ++i) {
            const auto cell = detail::trim(fields_[i].raw, leading);
            field = i;
            if (!cell.empty() && i != number_column && !decimal::try_parse_lenient(cell)) return cell;
        }
        return {};
    }
    std::string_view summary_label() const {
        std::size_t field = 0;
        return summary_label(field);
    }
    /// A plan's summary row's fiscal year, where its year cell names one; else 0 (the whole plan).
    int summary_fiscal_year() {
        const auto& index = where_[static_cast<std::size_t>(csv_column::fiscal_year)];
        if (!index || *index >= fields_.size()) return 0;
        std::size_t leading;
        return parse_fiscal_year(detail::trim(fields_[*index].value(scratch_), leading)).value_or(0);
    }
    /// The amount a summary row states (its amount cell, else its unit price cell) for the figure
    /// its label names; none where either is missing or the amount is no number (the row is
    /// skipped either way, so nothing is reported).
    std::optional<summary_statement> summary_statement_of(std::size_t record_line) {
        const auto figure = detail::summary_figure_named(summary_label());
        if (!figure) return std::nullopt;
        for (const auto column : {csv_column::amount, csv_column::unit_price}) {
            const auto& index = where_[static_cast<std::size_t>(column)];
            if (!index || *index >= fields_.size()) continue;
            std::size_t leading;
            const auto text = detail::trim(fields_[*index].value(scratch_), leading);
            if (text.empty()) continue;
            const auto parsed = decimal::try_parse_lenient(text);
            if (!parsed) return std::nullopt;
            return summary_statement{record_line, *figure, yen(parsed.value)};
        }
        return std::nullopt;
    }

    /// `# key: value` lines and blank lines, then the header. Its delimiter is decided here.
    void read_header() {
        std::size_t record_line = 1;
        bool found = false;
        const std::size_t start = tokens_.position();
        delimiter_ = settings_.delimiter != 0 ? settings_.delimiter : detail::detect_delimiter(text_, start);
        tokens_.set_delimiter(delimiter_);
        // The header is the first row naming two columns or more; rows before it that name
        // fewer are a sheet's title rows (経費内訳書, 事業名：…), at most a few. Without such a
        // row the first row is the header, and its problems are reported.
        constexpr std::size_t title_rows_at_most = 10;
        std::optional<detail::csv_tokenizer::mark> first_row;
        std::size_t errors_before_first = 0, line_breaks_before_first = 0, rows_looked_at = 0;
        for (;;) {
            const auto before = tokens_.here();
            if (!tokens_.next(fields_, record_line)) break;
            note_line_breaks();
            if (is_empty_record()) continue;
            std::size_t leading;
            const auto first = detail::trim(fields_[0].value(scratch_), leading);
            if (!fields_[0].quoted && first.starts_with('#')) {
                read_term_line();
                continue;
            }
            if (columns_named() >= 2) {
                found = true;
                break;
            }
            if (!first_row) {
                first_row = before;
                errors_before_first = errors_.size();
                line_breaks_before_first = layout_.line_breaks.size();
            }
            if (++rows_looked_at == title_rows_at_most) break;
        }
        if (!found && first_row) {  // no row names two columns: the first is the header after all
            tokens_.rewind(*first_row);
            errors_.resize(errors_before_first);
            layout_.line_breaks.resize(line_breaks_before_first);
            found = tokens_.next(fields_, record_line);
            note_line_breaks();
        }
        resolve_terms();
        if (!found) {
            errors_.push_back({.line = 1, .column = 1, .problem = input_problem::empty_file});
            return;
        }
        // Trailing empty header cells, as spreadsheets write them, and their columns are left out.
        columns_ = fields_.size();
        while (columns_ > 1) {
            std::size_t leading;
            if (fields_[columns_ - 1].quoted || !detail::trim(fields_[columns_ - 1].raw, leading).empty()) break;
            --columns_;
        }
        for (std::size_t i = 0; i < columns_; ++i) {
            std::size_t leading;
            const auto name = detail::trim(fields_[i].value(scratch_), leading);
            const auto column = detail::column_named_as_typed(name);
            const auto at = [&](input_error e) {
                tokens_.error_at(fields_[i].line, fields_[i].line_start, fields_[i].offset, std::move(e), i);
            };
            if (!column || !detail::column_allowed(*column, settings_.records, settings_.plan)) {
                at({.problem = input_problem::unknown_column, .text = std::string(name),
                    .suggestion = detail::column_suggestion(name, settings_.records, settings_.plan)});
            } else if (auto& where = where_[static_cast<std::size_t>(*column)]) {
                at({.problem = input_problem::duplicate_column, .column_name = *column, .text = std::string(name),
                    .expected = *where + 1});
            } else {
                where = i;
                // 単価（税込）: the prices are tax-included unless a row's 税区分 says otherwise.
                if (column == csv_column::unit_price || column == csv_column::amount) {
                    const auto note = detail::note_of(name);
                    if (note.find("税込") != std::string_view::npos) default_basis_ = price_basis::inclusive;
                    if (note.find("税抜") != std::string_view::npos || note.find("税別") != std::string_view::npos)
                        default_basis_ = price_basis::exclusive;
                }
            }
        }
        // A sheet of amounts alone (費目, 内容, 金額): each amount is its line's price, one of it.
        auto& unit_price = where_[static_cast<std::size_t>(csv_column::unit_price)];
        auto& amount = where_[static_cast<std::size_t>(csv_column::amount)];
        if (!unit_price && amount && !where_[static_cast<std::size_t>(csv_column::quantity)]) {
            unit_price = amount;
            amount.reset();
        }
        layout_.fields = where_;
        has_header_ = true;
        has_columns_ = true;
        for (auto required : {csv_column::item, csv_column::unit_price, csv_column::date, csv_column::fiscal_year}) {
            if (required == csv_column::date && !settings_.records) continue;
            if (required == csv_column::fiscal_year && !settings_.plan) continue;
            if (!where_[static_cast<std::size_t>(required)]) {
                errors_.push_back({.line = record_line, .column = 1, .problem = input_problem::missing_column,
                                   .column_name = required});
                has_columns_ = false;
            }
        }
    }

    /// "# ga_rate: 10%", "# 一般管理費率：10%", "# uplift:,5000000" (the value in the next cell);
    /// in a plan, a term and a fiscal year: "# uplift R8: 5,000,000". A `#` line without a colon,
    /// or with a space before it that does not follow such a term ("# A note: ..."), is a comment.
    void read_term_line() {
        const auto& head = fields_[0];
        std::string line_text(head.value(scratch_));
        std::size_t leading;
        auto text = detail::trim(std::string_view(line_text).substr(1), leading);  // after '#'
        auto colon = text.find(':');
        std::size_t colon_size = 1;
        if (const auto wide = text.find("\uFF1A"); wide != std::string_view::npos && wide < colon) {
            colon = wide;
            colon_size = 3;
        }
        if (colon == std::string_view::npos) return;  // a comment
        auto key = detail::trim(text.substr(0, colon), leading);
        // "uplift R8": a term for one fiscal year.
        std::optional<int> fiscal_year;
        const auto space = std::min(key.find(' '), key.find("\u3000"));
        if (space != std::string_view::npos) {
            const auto term = key.substr(0, space);
            const bool year_term = term == "ga_rate" || term == "一般管理費率" || term == "uplift" || term == "増額";
            const auto rest = detail::trim_blanks(key.substr(key[space] == ' ' ? space + 1 : space + 3));
            fiscal_year = year_term ? parse_fiscal_year(rest) : std::nullopt;
            if (!fiscal_year) return;  // a comment that has a colon
            if (!settings_.plan) {  // a year's term belongs to a plan
                tokens_.error_at(head.line, head.line_start, head.offset,
                                 {.problem = input_problem::unknown_term, .text = std::string(key)}, 0);
                return;
            }
            key = term;
        }
        if (key.empty()) return;
        // The value: the rest of the line after the colon, the cells after it included, for an
        // amount typed with separators in a line that was not quoted ("# uplift: 5,000,000"
        // is three cells) must not be read as its first group. Empty cells padding the row go.
        std::string value_text(detail::trim(text.substr(colon + colon_size), leading));
        const detail::csv_field* value_field = &head;
        for (std::size_t i = 1; i < fields_.size(); ++i) {
            std::string cell(fields_[i].value(scratch_));
            if (value_text.empty() && value_field == &head) {
                value_field = &fields_[i];  // "# uplift:,5000000": the value in the next cell
                value_text = std::move(cell);
            } else {
                value_text += delimiter_;
                value_text += cell;
            }
        }
        while (!value_text.empty() && (value_text.back() == delimiter_ || detail::is_blank(value_text.back())))
            value_text.pop_back();
        const auto value = detail::trim(value_text, leading);
        const auto fail = [&](input_problem problem, std::string_view shown) {
            tokens_.error_at(value_field->line, value_field->line_start, value_field->offset,
                             {.problem = problem, .text = std::string(shown)},
                             static_cast<std::size_t>(value_field - fields_.data()));
        };
        if (key == "ga_rate" || key == "一般管理費率") {
            const auto r = rate::try_parse_lenient(value);
            if (!r || r.value > rate_one) fail(input_problem::invalid_term, value);
            else if (fiscal_year) file_terms_.years[*fiscal_year].general_admin_rate = r.value;
            else file_terms_.general_admin_rate = r.value;
        } else if (key == "uplift" || key == "増額") {
            const auto amount = decimal::try_parse_lenient(value);
            if (!amount || amount.value.is_negative()) fail(input_problem::invalid_term, value);
            else if (fiscal_year) file_terms_.years[*fiscal_year].uplift = yen(amount.value);
            else file_terms_.uplift = yen(amount.value);
        } else if (key == "outsourcing_justified") {
            if (const auto flag = detail::parse_flag(value)) file_terms_.outsourcing_justified = *flag;
            else fail(input_problem::invalid_term, value);
        } else if (key == "policy") {
            file_terms_.policy = std::string(value);
            // Unknown is an error only where no policy is given by the caller (which wins).
            if (!settings_.rules && !find_policy(value)) fail(input_problem::unknown_policy, value);
        } else {
            tokens_.error_at(head.line, head.line_start, head.offset,
                             {.problem = input_problem::unknown_term, .text = std::string(key)}, 0);
        }
    }

    /// The settings' terms over the file's; the policy likewise.
    void resolve_terms() {
        if (settings_.terms) {
            terms_ = *settings_.terms;
        } else {
            terms_.general_admin_rate = file_terms_.general_admin_rate;
            terms_.uplift = file_terms_.uplift.value_or(yen{});
            terms_.outsourcing_justified = file_terms_.outsourcing_justified.value_or(false);
        }
        if (settings_.general_admin_rate) terms_.general_admin_rate = settings_.general_admin_rate;
        if (settings_.uplift) terms_.uplift = *settings_.uplift;
        if (settings_.outsourcing_justified) terms_.outsourcing_justified = *settings_.outsourcing_justified;
        rules_ = settings_.rules;
        if (!rules_ && file_terms_.policy) rules_ = find_policy(*file_terms_.policy);
        if (!rules_) rules_ = &fy2025;
    }

    bool convert_fields(csv_row& row) {
        line& out = row.line;
        struct located {
            std::string_view text;
            std::size_t offset;  // of the trimmed text in the file
            const detail::csv_field* field;
        };
        std::array<std::optional<located>, csv_column_count> cells{};
        for (std::size_t k = 0; k < csv_column_count; ++k) {
            const auto& index = where_[k];
            if (!index || *index >= fields_.size() || fields_[*index].broken) continue;
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
                             std::move(e), static_cast<std::size_t>(at.field - fields_.data()));
        };
        out.basis = default_basis_;
        bool ok = detail::convert_row(cell, fail, true, out);
        if (settings_.records) {
            const auto date_text = cell(csv_column::date);
            if (const auto date = date_text ? parse_date_cell(*date_text) : std::nullopt) {
                row.date = *date;
            } else if (date_text) {
                fail(csv_column::date, 0, {.problem = input_problem::invalid_date, .text = std::string(*date_text)});
                ok = false;
            }
            if (const auto receipt = cell(csv_column::receipt)) row.receipt = *receipt;
        }
        if (settings_.plan) ok = convert_plan_cells(cell, fail, row) && ok;
        if (!ok) return false;
        if (detail::representable(out.unit_price, out.quantity)) return true;
        fail(csv_column::unit_price, 0, {.problem = input_problem::too_large, .column_name = csv_column::unit_price});
        return false;
    }

    /// A plan row's fiscal year, phase and tasks; false after reporting a problem.
    template <class Cell, class Fail>
    static bool convert_plan_cells(Cell& cell, Fail& fail, csv_row& row) {
        bool ok = true;
        const auto year_text = cell(csv_column::fiscal_year);
        if (const auto year = year_text ? parse_fiscal_year(*year_text) : std::nullopt) {
            row.fiscal_year = *year;
        } else if (year_text) {
            fail(csv_column::fiscal_year, 0, {.problem = input_problem::invalid_fiscal_year, .text = std::string(*year_text)});
            ok = false;
        }
        if (const auto phase_text = cell(csv_column::phase); phase_text && !phase_text->empty()) {
            int phase = 0;
            const auto [end, problem] = std::from_chars(phase_text->data(), phase_text->data() + phase_text->size(), phase);
            if (problem == std::errc{} && end == phase_text->data() + phase_text->size() && phase >= 1 && phase <= 99) {
                row.phase = phase;
            } else {
                fail(csv_column::phase, 0, {.problem = input_problem::invalid_phase, .text = std::string(*phase_text)});
                ok = false;
            }
        }
        if (const auto task_text = cell(csv_column::task); task_text && !task_text->empty()) {
            if (const auto tasks = task_set::parse(*task_text)) {
                row.tasks = *tasks;
            } else {
                fail(csv_column::task, 0, {.problem = input_problem::invalid_task, .text = std::string(*task_text)});
                ok = false;
            }
        }
        return ok;
    }

    std::string_view text_;
    csv_settings settings_;
    std::vector<input_error> errors_;
    detail::csv_tokenizer tokens_;
    std::vector<detail::csv_field> fields_;
    std::string scratch_;
    std::array<std::string, csv_column_count> scratch_cells_;  // undone "" pairs, one per column
    std::array<std::optional<std::size_t>, csv_column_count> where_{};
    std::size_t columns_ = 0;      // without its empty trailing cells
    char delimiter_ = ',';
    bool has_header_ = false;   // a header row was read
    bool has_columns_ = false;  // it names the required columns
    csv_terms file_terms_;
    budget_terms terms_;
    const c3p::policy* rules_ = &fy2025;
    sheet_layout layout_;
    price_basis default_basis_ = price_basis::exclusive;  // a row's without a 税区分: the price header's note says
};

/// The cells holding bytes `offsets` (in increasing order) of CSV text, as the reader cuts it
/// (a quoted cell may hold separators and line breaks; `delimiter` 0: as the reader detects it):
/// for problems found before the text is read, such as bytes that were no character of the
/// file's encoding.
[[nodiscard]] inline std::vector<cell_ref> cells_at(std::string_view text, std::span<const std::size_t> offsets,
                                                     char delimiter = 0) {
    if (delimiter == 0) delimiter = detail::detect_delimiter(text);
    std::vector<cell_ref> out;
    out.reserve(offsets.size());
    cell_ref at{1, 1};
    bool quoted = false;
    for (std::size_t i = 0; out.size() < offsets.size(); ++i) {
        while (out.size() < offsets.size() && offsets[out.size()] <= i) out.push_back(at);
        if (i >= text.size()) {
            out.resize(offsets.size(), at);  // offsets past the end: the last cell
            break;
        }
        if (text[i] == '"') {
            quoted = !quoted;  // a doubled quote toggles twice
        } else if (!quoted && text[i] == delimiter) {
            ++at.column;
        } else if (!quoted && text[i] == '\n') {
            ++at.row;
            at.column = 1;
        }
    }
    return out;
}

/// A budget read from CSV, or why it could not be.
struct csv_budget {
    c3p::budget budget;               ///< the rows that were read, each with its file line, and the file's terms
    const c3p::policy* rules = &fy2025;  ///< the settings', or the file's `# policy:`, or fy2025
    std::vector<input_error> errors;  ///< in file order; use `budget` only when there are none
    sheet_layout layout{};            ///< where its cells are: a check's violations are located with it
    [[nodiscard]] bool ok() const noexcept { return errors.empty(); }
};

/// Reads a budget CSV held in memory (its terms: `settings` over the file's `#` lines). Never
/// throws for bad input: every problem is in `errors`.
[[nodiscard]] inline csv_budget read_budget_csv(std::string_view text, const csv_settings& settings = {}) {
    csv_budget out;
    csv_reader reader(text, settings);
    out.budget.set_terms(reader.terms());
    out.rules = &reader.rules();
    while (auto row = reader.next()) {
        if (row->summary) {
            out.budget.note_summary_row(row->source_line, row->stated);
        } else {
            out.budget.add(std::move(row->line), row->source_line);
        }
    }
    out.errors = reader.take_errors();
    out.layout = reader.layout();
    return out;
}

/// Spending records read from CSV, or why they could not be.
struct csv_records {
    std::vector<actual_record> records;  ///< each with its file line
    std::vector<std::size_t> summary_rows;  ///< the file lines of the summary rows skipped (settle_options::summary_rows)
    std::vector<summary_statement> summaries;  ///< the amounts they state (settle_options::summaries)
    std::vector<input_error> errors;     ///< in file order; use `records` only when there are none
    sheet_layout layout{};               ///< where its cells are: a settlement's violations are located with it
    [[nodiscard]] bool ok() const noexcept { return errors.empty(); }
};

/// Reads spending records: the budget columns plus `date` (日付; 2025-04-01, 2025/4/1,
/// 令和7年4月1日) and an optional `receipt` (領収書番号). Summary rows are skipped. Never throws
/// for bad input.
[[nodiscard]] inline csv_records read_records_csv(std::string_view text, csv_settings settings = {}) {
    settings.records = true;
    csv_records out;
    csv_reader reader(text, settings);
    while (auto row = reader.next()) {
        if (row->summary) {
            out.summary_rows.push_back(row->source_line);
            if (row->stated) out.summaries.push_back(*row->stated);
            continue;
        }
        out.records.push_back({std::move(row->line), row->date, std::move(row->receipt), row->source_line});
    }
    out.errors = reader.take_errors();
    out.layout = reader.layout();
    return out;
}

/// A plan read from CSV, or why it could not be.
struct csv_plan {
    c3p::plan plan;                  ///< every row with its fiscal year, phase, tasks and file line; the file's terms
    const c3p::policy* forced = nullptr;  ///< the settings' policy or the file's `# policy:`, for every year
    std::vector<std::size_t> summary_rows;  ///< the file lines of the summary rows skipped (plan_options::summary_rows)
    std::vector<plan_summary> summaries;    ///< the amounts they state (plan_options::summaries)
    std::vector<input_error> errors;  ///< in file order; use `plan` only when there are none
    sheet_layout layout{};            ///< where its cells are: a plan's violations are located with it
    [[nodiscard]] bool ok() const noexcept { return errors.empty(); }
};

/// Reads a plan: the budget columns plus `fiscal_year` (年度; 2025, FY2025, R7, 令和7年度) and
/// the optional `phase` (フェーズ, default 1) and `task` (タスク; 4, 4;5). Summary rows are
/// skipped. Never throws for bad input.
[[nodiscard]] inline csv_plan read_plan_csv(std::string_view text, csv_settings settings = {}) {
    settings.plan = true;
    csv_plan out;
    csv_reader reader(text, settings);
    out.plan.terms = reader.terms();
    // A year's terms in the file, under what the settings give for every year.
    for (auto [fiscal_year, given] : reader.file_terms().years) {
        if (settings.terms || settings.general_admin_rate) given.general_admin_rate.reset();
        if (settings.terms || settings.uplift) given.uplift.reset();
        if (given.general_admin_rate || given.uplift) out.plan.years[fiscal_year] = given;
    }
    if (settings.rules || reader.file_terms().policy) out.forced = &reader.rules();
    while (auto row = reader.next()) {
        if (row->summary) {
            out.summary_rows.push_back(row->source_line);
            if (row->stated)
                out.summaries.push_back({*row->stated, row->fiscal_year ? std::optional(row->fiscal_year) : std::nullopt});
            continue;
        }
        out.plan.lines.push_back({std::move(row->line), row->fiscal_year, row->phase, row->tasks, row->source_line});
    }
    out.errors = reader.take_errors();
    out.layout = reader.layout();
    return out;
}

/// A CSV budget checked row by row, or why it could not be read.
struct csv_check {
    std::vector<input_error> errors;  ///< unreadable input: every problem, in file order; nothing was checked
    check_result result;              ///< meaningful only when ok()
    [[nodiscard]] bool ok() const noexcept { return errors.empty(); }
};

/// Reads and checks a budget CSV held in memory, feeding each row to a checker: no line is
/// kept, so memory grows with the violations, not the rows. The terms are `settings`' over the
/// file's `#` lines; the rules are the settings', or the file's `# policy:`, or fy2025. Never
/// throws for bad input; throws what checker::add throws (arithmetic that cannot be exact).
[[nodiscard]] inline csv_check check_csv(std::string_view text, const csv_settings& settings = {}) {
    csv_reader reader(text, settings);
    checker c(reader.rules(), reader.terms(), settings.options);
    while (auto row = reader.next()) {
        if (!reader.errors().empty()) continue;
        if (row->summary) {
            c.skipped_summary_row(row->source_line, row->stated);
        } else {
            c.add(row->line, row->source_line);
        }
    }
    csv_check out;
    out.errors = reader.take_errors();
    if (out.ok()) {
        out.result = std::move(c).finish();
        out.result.violations.locate(reader.layout());
    }
    return out;
}

/// check_csv with every term and the policy given: the file's `#` lines do not change them.
[[nodiscard]] inline csv_check check_csv(std::string_view text, const budget_terms& terms, const policy& p) {
    return check_csv(text, csv_settings{.terms = terms, .rules = &p});
}

}  // namespace c3p
