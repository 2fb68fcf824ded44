// Parser for the decimal number syntax of SPEC section 9: optional leading '-', digits with
// optional ',' grouping in threes, optional '.' fraction. Produces a scaled integer; no
// floating point is involved at any step.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
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

namespace detail {

inline constexpr int fraction_digits = 6;
inline constexpr std::int64_t scale = 1'000'000;  // 10^fraction_digits

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
        const auto value = static_cast<std::int64_t>(leading * static_cast<std::uint64_t>(scale) + fraction);
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
    // Plain digits, the usual cell, need none of the scan's checks.
    if (!text.empty() && text.size() <= max_small_digits) {
        std::int64_t whole = 0;
        std::size_t i = 0;
        for (; i < text.size() && is_digit(text[i]); ++i) whole = whole * 10 + (text[i] - '0');
        if (i == text.size()) return whole * scale;
    }
    const auto scan = scan_number(text);
    if (!scan.is_small()) return std::nullopt;
    return scan.small_value();
}

/// parse_small_number for the usual cells, without a branch per digit (where the digits end
/// is as unpredictable as the prices): 1 to 8 plain digits, or 5 to 7 bytes of digits with one
/// group comma ("12,345"), read as one 64-bit word. False for anything else, which
/// parse_small_number then decides. `p` must have 8 readable bytes, whatever `size` is.
inline bool parse_short_number(const char* p, std::size_t size, std::int64_t& millionths) noexcept {
    if (size - 1 >= 8) return false;  // 0, or more than 8
    constexpr std::uint64_t ones = 0x0101010101010101;
    const auto low_bytes = [](std::size_t k) { return k >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * k)) - 1; };
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);  // byte 0: the first
    word &= low_bytes(size);
    // A comma 4 bytes from the end of 5 to 7 bytes: taken out, the 3 digits after it moved down.
    const std::size_t comma_at = size >= 4 ? size - 4 : 0;
    const bool grouped = (size - 5 <= 2) & (((word >> (8 * comma_at)) & 0xff) == ',');
    const std::uint64_t without_comma = (word & low_bytes(comma_at)) | ((word >> 8) & ~low_bytes(comma_at));
    const auto mask = ~std::uint64_t{0} * grouped;  // a mask, not a branch: a third of prices are grouped
    word = (word & ~mask) | (without_comma & mask);
    size -= grouped;
    // Digits become 0 to 9; any other byte has its high bit set after adding 0x76.
    const std::uint64_t digits = (word ^ (ones * '0')) & low_bytes(size);
    if ((((digits + ones * 0x76) | digits) & (ones * 0x80) & low_bytes(size)) != 0) return false;
    // Eight digits with leading zeros, the first in the lowest byte: pairs, fours, then all.
    std::uint64_t x = digits << (8 * (8 - size));
    x = ((x * 10) + (x >> 8)) & 0x00ff00ff00ff00ff;
    x = ((x * 100) + (x >> 16)) & 0x0000ffff0000ffff;
    x = ((x * 10000) + (x >> 32)) & 0xffffffff;
    millionths = static_cast<std::int64_t>(x) * scale;
    return true;
}

constexpr number_parse_result parse_number(std::string_view text) {
    const auto scan = scan_number(text);
    number_parse_result out;
    if (scan.error != number_error::none) {
        out.error = scan.error;
        out.position = scan.position;
        return out;
    }
    if (scan.digits <= max_small_digits) {
        out.raw = scan.small_value();
        return out;
    }
    // Many digits: the value again, in 128 bits (the scan has bounded their count).
    int128 whole = 0;
    for (std::size_t i = scan.integer_start; i < text.size() && text[i] != '.'; ++i)
        if (is_digit(text[i])) whole = whole * 10 + (text[i] - '0');
    bool overflow = false;
    if (std::is_constant_evaluated()) {
        out.raw = whole * scale + static_cast<std::int64_t>(scan.fraction);
    } else {
        try {
            out.raw = whole * scale + static_cast<std::int64_t>(scan.fraction);
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

/// Why `text` is not a number, for people: "unexpected character 'a'".
inline std::string reason(number_error error, std::string_view text, std::size_t position) {
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

/// "invalid amount "12a": unexpected character 'a' at position 3" (1-based position for people).
inline std::string parse_message(std::string_view what, std::string_view text, const number_parse_result& r) {
    std::string message = "invalid ";
    message += what;
    message += " \"";
    message += text;
    message += "\": ";
    message += reason(r.error, text, r.position);
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
