// Parser for the decimal number syntax of SPEC section 9: optional leading '-', digits with
// optional ',' grouping in threes, optional '.' fraction. Produces a scaled integer; no
// floating point is involved at any step.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "c3p/detail/integer.hpp"
#include "c3p/detail/utf8.hpp"
#include "c3p/language.hpp"
#include "c3p/error.hpp"

namespace c3p {

/// Why a text is not a number. `none` means it parsed.
enum class number_error : std::uint8_t {
    none,
    empty,
    unexpected_character,
    misplaced_minus,
    exponent,
    not_a_number,
    two_decimal_points,
    missing_integer_digits,
    missing_fraction_digits,
    bad_grouping,
    too_many_fraction_digits,
    too_large,
    negative,
};

[[nodiscard]] constexpr std::string_view describe(number_error error, language lang = language::english) noexcept {
    const bool ja = lang == language::japanese;
    switch (error) {
        case number_error::none: return ja ? "誤りはありません" : "no error";
        case number_error::empty: return ja ? "空です" : "empty number";
        case number_error::unexpected_character: return ja ? "数値に使えない文字があります" : "unexpected character";
        case number_error::misplaced_minus: return ja ? "「-」は先頭にだけ置けます" : "'-' is only allowed as the first character";
        case number_error::exponent: return ja ? "指数表記は使えません" : "exponent notation is not accepted";
        case number_error::not_a_number: return ja ? "NaN や無限大は数値ではありません" : "NaN and infinity are not numbers";
        case number_error::two_decimal_points: return ja ? "小数点が二つ以上あります" : "more than one decimal point";
        case number_error::missing_integer_digits:
            return ja ? "小数点の前に数字が必要です" : "digits are required before the decimal point";
        case number_error::missing_fraction_digits:
            return ja ? "小数点の後に数字が必要です" : "digits are required after the decimal point";
        case number_error::bad_grouping:
            return ja ? "「,」は3桁ごとに区切ってください" : "',' must separate groups of exactly three digits";
        case number_error::too_many_fraction_digits:
            return ja ? "小数点以下は6桁までしか正確に扱えません" : "more than 6 fractional digits cannot be held exactly";
        case number_error::too_large: return ja ? "正確に表せる範囲を超えています" : "too large for the exact representation";
        case number_error::negative: return ja ? "負の値は使えません" : "must not be negative";
    }
    return "?";
}

/// Why `text` is not a number, for people: "unexpected character 'a'" (the error at `position`).
inline std::string describe(number_error error, std::string_view text, std::size_t position,
                            language lang = language::english) {
    std::string out(describe(error, lang));
    // The character is quoted only when it is one: a stray byte of broken UTF-8 must not reach the output.
    if (error == number_error::unexpected_character && position < text.size() &&
        static_cast<unsigned char>(text[position]) >= 0x20 && text[position] != 0x7f) {
        const auto length = detail::utf8_sequence_length(text, position);
        if (length != 0) {
            const auto character = text.substr(position, length);
            if (lang == language::japanese) {
                out = "数値に使えない文字「" + std::string(character) + "」があります";
            } else {
                out += " '";
                out += character;
                out += '\'';
            }
        }
    }
    return out;
}

namespace detail {

struct number_parse_result {
    int128 raw = 0;  // value x 10^6
    number_error error = number_error::none;
    std::size_t position = 0;  // offset of the offending character (or text length)
};

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

// 33 integer digits always fit 2^128 / 10^6; more are refused as too large.
inline constexpr std::size_t max_integer_digits = 33;
// Up to 12 integer digits the scaled value fits 64 bits (below 9.2 x 10^12 yen).
inline constexpr std::size_t max_small_digits = 12;

/// The syntax of a number checked, and its value when it is small enough for 64 bits.
struct number_scan {
    number_error error = number_error::none;
    std::size_t position = 0;       ///< offset of the offending character (or text length)
    bool negative = false;
    std::size_t digits = 0;         ///< integer digits
    std::size_t integer_start = 0;  ///< offset of the first integer digit
    std::uint64_t leading = 0;      ///< the integer digits' value, exact while digits <= max_small_digits
    std::uint64_t fraction = 0;     ///< the fraction in millionths

    [[nodiscard]] constexpr bool is_small() const noexcept {
        return error == number_error::none && digits <= max_small_digits;
    }
    /// The value x 10^6; only when is_small().
    [[nodiscard]] constexpr std::int64_t small_value() const noexcept {
        const auto value = static_cast<std::int64_t>(leading * static_cast<std::uint64_t>(micro) + fraction);
        return negative ? -value : value;
    }
};

constexpr number_scan scan_number(std::string_view text) noexcept {
    number_scan out;
    auto fail = [&](number_error e, std::size_t at) {
        out.error = e;
        out.position = at;
        return out;
    };
    if (text.empty()) return fail(number_error::empty, 0);

    std::size_t i = 0;
    out.negative = text[0] == '-';
    if (out.negative) ++i;
    {
        const auto rest = text.substr(i);
        if (equals_ignoring_case(rest, "nan") || equals_ignoring_case(rest, "inf") ||
            equals_ignoring_case(rest, "infinity"))
            return fail(number_error::not_a_number, i);
    }

    std::size_t group_length = 0;
    bool grouped = false;
    out.integer_start = i;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (is_digit(c)) {
            if (out.digits == max_integer_digits) return fail(number_error::too_large, out.integer_start);
            if (out.digits < max_small_digits) out.leading = out.leading * 10 + static_cast<std::uint64_t>(c - '0');
            ++out.digits;
            ++group_length;
        } else if (c == ',') {
            if (group_length == 0 || (grouped && group_length != 3) || (!grouped && group_length > 3))
                return fail(number_error::bad_grouping, i);
            grouped = true;
            group_length = 0;
        } else {
            break;
        }
    }
    // A character no number has is named before the groups before it are judged: "12,8O0"
    // (a letter O) is an unexpected 'O', not a misplaced comma.
    if (i < text.size() && text[i] != '.') {
        const char c = text[i];
        if ((c == 'e' || c == 'E') && out.digits > 0) return fail(number_error::exponent, i);
        if (c == '-') return fail(number_error::misplaced_minus, i);
        return fail(number_error::unexpected_character, i);
    }
    if (grouped && group_length != 3) return fail(number_error::bad_grouping, i);

    int fraction_length = 0;
    if (i < text.size() && text[i] == '.') {
        if (out.digits == 0) return fail(number_error::missing_integer_digits, i);
        const std::size_t point = i++;
        const std::size_t fraction_start = i;
        for (; i < text.size() && is_digit(text[i]); ++i) {
            if (fraction_length < fraction_digits) {
                out.fraction = out.fraction * 10 + static_cast<std::uint64_t>(text[i] - '0');
                ++fraction_length;
            } else if (text[i] != '0') {
                return fail(number_error::too_many_fraction_digits, i);
            }
        }
        if (i == fraction_start) {
            if (i < text.size() && text[i] == '.') return fail(number_error::two_decimal_points, i);
            return fail(number_error::missing_fraction_digits, point);
        }
    }
    if (i < text.size()) {
        const char c = text[i];
        if (c == '.') return fail(number_error::two_decimal_points, i);
        if ((c == 'e' || c == 'E') && out.digits > 0) return fail(number_error::exponent, i);
        if (c == ',') return fail(number_error::bad_grouping, i);
        if (c == '-') return fail(number_error::misplaced_minus, i);
        return fail(number_error::unexpected_character, i);
    }
    if (out.digits == 0) return fail(out.negative ? number_error::missing_integer_digits : number_error::empty, i);
    for (int k = fraction_length; k < fraction_digits; ++k) out.fraction *= 10;
    out.position = i;
    return out;
}

/// The number's value x 10^6 in 64 bits, or nullopt when it is malformed or has more than
/// max_small_digits integer digits (parse_number then gives the value or the reason).
constexpr std::optional<std::int64_t> parse_small_number(std::string_view text) noexcept {
    // Digits, plain or grouped by ',' in threes ("1,234,567"), the usual cells, read in one pass
    // without the scan's other checks; anything else (a sign, a fraction, an error) is scanned.
    std::int64_t whole = 0;
    std::size_t digits = 0, group = 0;
    bool grouped = false, plain = !text.empty();
    for (std::size_t i = 0; plain && i < text.size(); ++i) {
        const char c = text[i];
        if (is_digit(c)) {
            whole = whole * 10 + (c - '0');
            ++group;
            plain = ++digits <= max_small_digits;
        } else {
            plain = c == ',' && group != 0 && (grouped ? group == 3 : group <= 3);
            grouped = true;
            group = 0;
        }
    }
    if (plain && group != 0 && (!grouped || group == 3)) return whole * micro;
    const auto scan = scan_number(text);
    if (!scan.is_small()) return std::nullopt;
    return scan.small_value();
}

constexpr number_parse_result parse_number(std::string_view text) {
    number_parse_result out;
    if (const auto small = parse_small_number(text)) {  // the usual cell, without a second scan
        out.raw = *small;
        return out;
    }
    const auto scan = scan_number(text);
    if (scan.error != number_error::none) {
        out.error = scan.error;
        out.position = scan.position;
        return out;
    }
    // Many digits: the value again, in 128 bits (the scan has bounded their count).
    int128 whole = 0;
    for (std::size_t i = scan.integer_start; i < text.size() && text[i] != '.'; ++i)
        if (is_digit(text[i])) whole = whole * 10 + (text[i] - '0');
    bool overflow = false;
    if (std::is_constant_evaluated()) {
        out.raw = whole * micro + static_cast<std::int64_t>(scan.fraction);
    } else {
        try {
            out.raw = whole * micro + static_cast<std::int64_t>(scan.fraction);
        } catch (const std::overflow_error&) {
            overflow = true;
        }
    }
    if (overflow) {
        out.error = number_error::too_large;
        out.position = scan.integer_start;
        return out;
    }
    if (scan.negative) out.raw = -out.raw;
    return out;
}

/// "invalid amount "12a": unexpected character 'a' at position 3" (1-based position for people).
inline std::string parse_message(std::string_view what, std::string_view text, const number_parse_result& r) {
    std::string message = "invalid ";
    message += what;
    message += " \"";
    message += text;
    message += "\": ";
    message += c3p::describe(r.error, text, r.position);
    if (r.error != number_error::empty) {
        message += " at position ";  // in characters, as people count them in "１２，８Ｏ０"
        message += std::to_string(column_of(text, 0, std::min(r.position, text.size())));
    }
    return message;
}

/// A number as Excel and people write it, made the strict syntax: each byte of `plain` keeps the
/// offset in the original text it came from, so that an error points into what was written.
struct lenient_number {
    std::string plain;                ///< the text made ASCII
    std::vector<std::size_t> origin;  ///< for each character of `plain`, where it came from in the text
    std::size_t size = 0;
    [[nodiscard]] std::string_view text() const noexcept { return {plain.data(), size}; }
};

/// Normalises `text` (SPEC of docs/formats.md, "Amounts"): a leading sign mark (-, −, －, ▲, △)
/// and a leading yen mark (¥, ￥, or the byte \ that Japanese fonts draw as ¥) in either order,
/// a trailing 円, blanks (also the full-width one) at either end, and full-width digits, comma,
/// point, minus and percent made ASCII. Anything else is copied for the strict parse to refuse.
/// (A bool for the callers' sake: every text can be normalised.)
inline bool normalize_number(std::string_view text, lenient_number& out) {
    out.plain.assign(text.size(), '\0');  // never longer than the text
    out.origin.assign(text.size(), 0);
    // Code points as UTF-8: full-width forms are EF BC 80 + (c - U+FF00) for U+FF00..U+FF3F.
    const auto starts = [&](std::size_t i, std::string_view mark) { return i <= text.size() && text.substr(i).starts_with(mark); };
    std::size_t begin = 0, end = text.size();
    for (;;) {  // blanks at either end
        if (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
        else if (starts(begin, "\u3000")) begin += 3;
        else break;
    }
    for (;;) {
        if (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
        else if (end - begin >= 3 && text.substr(end - 3, 3) == "\u3000") end -= 3;
        else break;
    }
    const auto emit = [&](char c, std::size_t from) {
        out.plain[out.size] = c;
        out.origin[out.size] = from;
        ++out.size;
    };
    out.size = 0;
    // The marks before the digits, each at most once, in either order.
    const auto mark_at = [&](std::size_t i, std::initializer_list<std::string_view> marks) -> std::size_t {
        for (const auto mark : marks)
            if (i < end && text.substr(i, end - i).starts_with(mark)) return mark.size();
        return 0;
    };
    bool sign = false, yen_mark = false;
    for (;;) {
        if (const auto length = sign ? 0 : mark_at(begin, {"-", "\u2212", "\uFF0D", "\u25B2", "\u25B3"})) {
            emit('-', begin);
            begin += length;
            sign = true;
        } else if (const auto yen_length = yen_mark ? 0 : mark_at(begin, {"\\", "\u00A5", "\uFFE5"})) {
            begin += yen_length;
            yen_mark = true;
        } else {
            break;
        }
    }
    if (end - begin >= 3 && text.substr(end - 3, 3) == "\u5186") end -= 3;  // 円
    for (std::size_t i = begin; i < end;) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xEF && i + 2 < end && static_cast<unsigned char>(text[i + 1]) == 0xBC) {
            const auto low = static_cast<unsigned char>(text[i + 2]);  // U+FF00 + (low - 0x80)
            const char ascii = low >= 0x90 && low <= 0x99 ? static_cast<char>('0' + (low - 0x90))
                               : low == 0x8C              ? ','
                               : low == 0x8E              ? '.'
                               : low == 0x8D              ? '-'
                               : low == 0x85              ? '%'
                                                          : '\0';
            if (ascii != '\0') {
                emit(ascii, i);
                i += 3;
                continue;
            }
        }
        if (starts(i, "\u2212")) {
            emit('-', i);
            i += 3;
            continue;
        }
        emit(text[i], i);
        ++i;
    }
    return true;
}

/// Whether `text` is zero as Excel's accounting format shows it: a dash ("-", "－", "−"), after a
/// yen sign or not ("¥-", "￥ -"), blanks around.
inline bool is_accounting_zero(std::string_view text) {
    text = trim_blanks(text);
    for (const std::string_view yen : {"\\", "\u00A5", "\uFFE5"})
        if (text.starts_with(yen)) {
            text = trim_blanks(text.substr(yen.size()));
            break;
        }
    return text == "-" || text == "\uFF0D" || text == "\u2212";
}

/// parse_number of what normalize_number makes of `text`, the error's position in `text`.
inline number_parse_result parse_number_lenient(std::string_view text) {
    // ASCII without a backslash (CP932's yen sign) or blanks around needs nothing undone: the usual cell.
    bool plain_ascii = text.empty() || (text.front() != ' ' && text.back() != ' ');
    for (std::size_t i = 0; plain_ascii && i < text.size(); ++i)
        plain_ascii = static_cast<unsigned char>(text[i]) < 0x80 && text[i] != '\\';
    // Excel's accounting zero has a dash (or is not ASCII): a plain cell without one is not it.
    if ((!plain_ascii || text.find('-') != std::string_view::npos) && is_accounting_zero(text)) return {};
    if (plain_ascii) return parse_number(text);
    lenient_number normalized;  // made only here: its string and vector cost a plain cell time
    if (!normalize_number(text, normalized)) return parse_number(text);
    auto result = parse_number(normalized.text());
    if (result.error != number_error::none)
        result.position = result.position < normalized.size ? normalized.origin[result.position] : text.size();
    return result;
}

/// T::try_parse(text), or c3p::parse_error naming `what`, the reason and the position.
template <class T>
constexpr T parse_or_throw(std::string_view what, std::string_view text) {
    auto r = T::try_parse(text);
    if (!r) throw parse_error(parse_message(what, text, {0, r.error, r.position}), r.position);
    return r.value;
}

}  // namespace detail
}  // namespace c3p
