// c3p::decimal — an exact signed decimal with six fractional digits (millionths), the number
// underneath yen amounts and quantities. Stored as a checked 128-bit integer (an internal
// Boost.Multiprecision type): no heap, no binary floating point, overflow throws c3p::overflow_error.
#pragma once

#include <algorithm>
#include <charconv>
#include <compare>
#include <concepts>
#include <cstddef>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

#include "c3p/detail/integer.hpp"
#include "c3p/detail/portability.hpp"
#include "c3p/detail/number_parser.hpp"
#include "c3p/error.hpp"

namespace c3p {

/// Integers that may be converted exactly: not bool, not char types, not floating point.
template <class T>
concept exact_integer = std::integral<T> && !std::same_as<std::remove_cv_t<T>, bool> &&
                        !std::same_as<std::remove_cv_t<T>, char> && !std::same_as<std::remove_cv_t<T>, char8_t> &&
                        !std::same_as<std::remove_cv_t<T>, char16_t> && !std::same_as<std::remove_cv_t<T>, char32_t> &&
                        !std::same_as<std::remove_cv_t<T>, wchar_t>;

class decimal;

/// Outcome of a non-throwing parse: the value, or why and where the text is not a number.
template <class T>
struct parse_result {
    T value{};
    number_error error = number_error::none;
    std::size_t position = 0;  ///< 0-based offset of the offending character
    [[nodiscard]] constexpr explicit operator bool() const noexcept { return error == number_error::none; }
};

namespace detail {
struct decimal_access;
}

class decimal {
public:
    constexpr decimal() = default;
    template <exact_integer I>
    constexpr explicit decimal(I whole) : raw_(from_whole(whole)) {}
    template <class F>
        requires std::floating_point<F>
    decimal(F) = delete;  // binary floating point cannot hold most decimal fractions

    static constexpr int fraction_digits = detail::fraction_digits;

    /// The value `millionths` x 10^-6, exactly: from_millionths(1'234'500'000) is 1234.5.
    [[nodiscard]] static constexpr decimal from_millionths(std::int64_t millionths) {
        decimal d;
        d.raw_ = millionths;
        return d;
    }

    /// Parses "-1,234,567.5" (SPEC number syntax); throws c3p::parse_error naming the position.
    [[nodiscard]] static constexpr decimal parse(std::string_view text) {
        return detail::parse_or_throw<decimal>("number", text);
    }
    [[nodiscard]] static constexpr parse_result<decimal> try_parse(std::string_view text) {
        auto r = detail::parse_number(text);
        decimal d;
        d.raw_ = r.raw;
        return {d, r.error, r.position};
    }

    /// A number as Excel and people write amounts: "¥1,200,000", "1,200,000円", "１２０，０００",
    /// "▲5,000" (minus), "\\1,200" (the byte Japanese fonts draw as ¥), with blanks around. Each
    /// mark is taken out or made ASCII, then the strict syntax applies: exponents, 万 and other unit
    /// words, and blanks inside a number are still refused. An error's position is in `text`.
    [[nodiscard]] static parse_result<decimal> try_parse_lenient(std::string_view text) {
        const auto r = detail::parse_number_lenient(text);
        decimal d;
        d.raw_ = r.raw;
        return {d, r.error, r.position};
    }
    [[nodiscard]] static decimal parse_lenient(std::string_view text) {
        const auto r = try_parse_lenient(text);
        if (!r) throw parse_error(detail::parse_message("number", text, {0, r.error, r.position}), r.position);
        return r.value;
    }

    [[nodiscard]] constexpr bool is_whole() const { return raw_ % detail::micro == 0; }
    [[nodiscard]] constexpr bool is_negative() const { return raw_ < 0; }
    [[nodiscard]] constexpr bool is_zero() const { return raw_ == 0; }

    [[nodiscard]] constexpr decimal operator-() const {
        decimal d;
        d.raw_ = -raw_;
        return d;
    }
    constexpr decimal& operator+=(const decimal& other) {
        raw_ = detail::checked("addition", [&] { return raw_ + other.raw_; });
        return *this;
    }
    constexpr decimal& operator-=(const decimal& other) {
        raw_ = detail::checked("subtraction", [&] { return raw_ - other.raw_; });
        return *this;
    }
    [[nodiscard]] friend constexpr decimal operator+(decimal a, const decimal& b) { return a += b; }
    [[nodiscard]] friend constexpr decimal operator-(decimal a, const decimal& b) { return a -= b; }

    [[nodiscard]] friend constexpr bool operator==(const decimal& a, const decimal& b) { return a.raw_ == b.raw_; }
    [[nodiscard]] friend constexpr std::strong_ordering operator<=>(const decimal& a, const decimal& b) {
        if (a.raw_ < b.raw_) return std::strong_ordering::less;
        if (a.raw_ > b.raw_) return std::strong_ordering::greater;
        return std::strong_ordering::equal;
    }

private:
    friend struct detail::decimal_access;

    // A whole number's millionths: in 64 bits when it fits, as nearly always (a default quantity
    // of 1 is made for every line read), else checked in 128.
    template <exact_integer I>
    static constexpr detail::int128 from_whole(I whole) {
        std::int64_t millionths = 0;
        if constexpr (sizeof(I) < sizeof(std::int64_t) || std::is_signed_v<I>) {
            if (!detail::mul_overflows(static_cast<std::int64_t>(whole), detail::micro, millionths)) return millionths;
        } else if (whole <= static_cast<I>(detail::int64_max_value / detail::micro)) {
            return static_cast<std::int64_t>(whole) * detail::micro;
        }
        return detail::checked("decimal construction", [&] { return detail::int128(whole) * detail::micro; });
    }

    detail::int128 raw_ = 0;  // the value x 10^6
};

namespace detail {
/// The library's own access to a decimal's representation (users see only decimals).
struct decimal_access {
    [[nodiscard]] static constexpr const int128& raw(const decimal& d) noexcept { return d.raw_; }
    [[nodiscard]] static constexpr decimal from_raw(const int128& value) {
        decimal d;
        d.raw_ = value;
        return d;
    }
};
/// The value x 10^6.
[[nodiscard]] constexpr const int128& millionths(const decimal& d) noexcept { return decimal_access::raw(d); }
[[nodiscard]] constexpr decimal decimal_from_millionths(const int128& value) {
    return decimal_access::from_raw(value);
}
}  // namespace detail

/// Options for turning an exact decimal into text.
struct decimal_format {
    bool grouping = false;  ///< ',' between groups of three integer digits
};

/// The most bytes write_text writes: 33 integer digits (2^128 / 10^6), 10 group commas, a
/// sign, a point and 6 fractional digits, rounded up.
inline constexpr std::size_t decimal_text_max = 64;

/// Writes the exact text of `value` at `out`, which must have room for decimal_text_max bytes:
/// "-1234567.5", or "-1,234,567.5" with grouping; trailing fractional zeros dropped. Returns
/// the end of what it wrote. For writers that gather output in a buffer of their own.
inline char* write_text(char* out, const decimal& value, decimal_format format = {}) {
    std::int64_t fraction;
    bool negative;
    // The integer digits: 64-bit arithmetic when the value fits, as it nearly always does.
    char narrow[20];
    std::string wide;
    std::string_view digits;
    if (const auto small = detail::to_int64(detail::millionths(value))) {
        negative = *small < 0;
        // The magnitude unsigned: |INT64_MIN| does not fit a signed 64-bit integer.
        const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(*small) : static_cast<std::uint64_t>(*small);
        fraction = static_cast<std::int64_t>(magnitude % detail::micro);
        const auto end = std::to_chars(narrow, narrow + sizeof narrow, magnitude / detail::micro).ptr;
        digits = std::string_view(narrow, static_cast<std::size_t>(end - narrow));
    } else {
        auto magnitude = detail::millionths(value);
        negative = magnitude < 0;
        if (negative) magnitude = -magnitude;
        // Nine digits at a time, the last nine first (Boost's own str() trips a false GCC warning).
        fraction = static_cast<std::int64_t>(magnitude % detail::micro);
        auto whole = magnitude / detail::micro;
        constexpr std::int64_t billion = 1'000'000'000;
        while (whole > 0) {
            auto chunk = static_cast<std::int64_t>(whole % billion);
            whole /= billion;
            for (int k = 0; k < 9 && (whole > 0 || chunk > 0); ++k) {
                wide.insert(wide.begin(), static_cast<char>('0' + chunk % 10));
                chunk /= 10;
            }
        }
        digits = wide;
    }
    char* end = out;
    if (negative) *end++ = '-';
    if (!format.grouping) {
        end = std::copy(digits.begin(), digits.end(), end);
    } else {
        const std::size_t first_group = (digits.size() - 1) % 3 + 1;
        end = std::copy_n(digits.begin(), first_group, end);
        for (std::size_t i = first_group; i < digits.size(); i += 3) {
            *end++ = ',';
            end = std::copy_n(digits.begin() + static_cast<std::ptrdiff_t>(i), 3, end);
        }
    }
    if (fraction != 0) {
        *end++ = '.';
        char* const first = end;
        for (int k = detail::fraction_digits - 1; k >= 0; --k) {
            first[k] = static_cast<char>('0' + fraction % 10);
            fraction /= 10;
        }
        end = first + detail::fraction_digits;
        while (end[-1] == '0') --end;  // trailing zeros dropped; fraction != 0 keeps a digit
    }
    return end;
}

/// Appends the exact text of `value` to `out` (see write_text).
inline void append_to(std::string& out, const decimal& value, decimal_format format = {}) {
    // Written into a buffer and appended once: a long report formats thousands of figures.
    char text[decimal_text_max];
    out.append(text, static_cast<std::size_t>(write_text(text, value, format) - text));
}

/// Exact text: "-1234567.5", or "-1,234,567.5" with grouping. Trailing fractional zeros dropped.
[[nodiscard]] inline std::string to_string(const decimal& value, decimal_format format = {}) {
    std::string out;
    append_to(out, value, format);
    return out;
}

inline std::ostream& operator<<(std::ostream& os, const decimal& value) { return os << to_string(value); }

}  // namespace c3p
