// Parser for the decimal number syntax of SPEC section 9: optional leading '-', digits with
// optional ',' grouping in threes, optional '.' fraction. Produces a scaled integer; no
// floating point is involved at any step.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "c3p/detail/integer.hpp"
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

[[nodiscard]] constexpr std::string_view describe(number_error error) noexcept {
    switch (error) {
        case number_error::none: return "no error";
        case number_error::empty: return "empty number";
        case number_error::unexpected_character: return "unexpected character";
        case number_error::misplaced_minus: return "'-' is only allowed as the first character";
        case number_error::exponent: return "exponent notation is not accepted";
        case number_error::not_a_number: return "NaN and infinity are not numbers";
        case number_error::two_decimal_points: return "more than one decimal point";
        case number_error::missing_integer_digits: return "digits are required before the decimal point";
        case number_error::missing_fraction_digits: return "digits are required after the decimal point";
        case number_error::bad_grouping: return "',' must separate groups of exactly three digits";
        case number_error::too_many_fraction_digits: return "more than 6 fractional digits cannot be held exactly";
        case number_error::too_large: return "too large for the exact representation";
        case number_error::negative: return "must not be negative";
    }
    return "?";
}

/// Why `text` is not a number, for people: "unexpected character 'a'" (the error at `position`).
inline std::string describe(number_error error, std::string_view text, std::size_t position) {
    std::string out(describe(error));
    // Only printable ASCII is quoted: a stray byte of broken UTF-8 must not reach the output.
    if (error == number_error::unexpected_character && position < text.size() && text[position] >= 0x20 &&
        text[position] < 0x7f) {
        out += " '";
        out += text[position];
        out += '\'';
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
        message += " at position ";
        message += std::to_string(r.position + 1);
    }
    return message;
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
