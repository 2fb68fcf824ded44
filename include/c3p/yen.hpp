// c3p::yen — an exact amount of money in yen (six fractional digits for unit prices), and
// c3p::exact_yen — the exact result of yen x quantity or yen x rate, which becomes yen again
// only through an explicit, named rounding.
//
// Only meaningful arithmetic is declared: yen +/- yen, yen x integer, yen x quantity, yen x rate.
// yen + rate, yen x yen and construction from double do not compile (tests/static/).
#pragma once

#include <compare>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "c3p/decimal.hpp"
#include "c3p/detail/arithmetic.hpp"
#include "c3p/quantity.hpp"
#include "c3p/rate.hpp"
#include "c3p/rounding.hpp"

namespace c3p {

class exact_yen;

class yen {
public:
    constexpr yen() = default;  // zero
    template <exact_integer I>
    constexpr explicit yen(I whole_yen) : value_(whole_yen) {}
    constexpr explicit yen(const decimal& value) : value_(value) {}
    template <class F>
        requires std::floating_point<F>
    yen(F) = delete;  // 1.1 as a double is not 1.1

    /// "1234567", "1,234,567", "-1234.5"; throws c3p::parse_error naming the position.
    [[nodiscard]] static constexpr yen parse(std::string_view text) {
        return detail::parse_or_throw<yen>("amount", text);
    }
    [[nodiscard]] static constexpr parse_result<yen> try_parse(std::string_view text) {
        auto r = decimal::try_parse(text);
        return {yen(r.value), r.error, r.position};
    }
    /// As Excel and people write amounts: "¥1,200,000", "1,200,000円", "１２０，０００", "▲5,000"
    /// (decimal::try_parse_lenient).
    [[nodiscard]] static parse_result<yen> try_parse_lenient(std::string_view text) {
        auto r = decimal::try_parse_lenient(text);
        return {yen(r.value), r.error, r.position};
    }
    [[nodiscard]] static yen parse_lenient(std::string_view text) { return yen(decimal::parse_lenient(text)); }

    [[nodiscard]] constexpr const decimal& value() const noexcept { return value_; }
    [[nodiscard]] constexpr bool is_whole() const { return value_.is_whole(); }
    [[nodiscard]] constexpr bool is_negative() const { return value_.is_negative(); }
    [[nodiscard]] constexpr bool is_zero() const { return value_.is_zero(); }

    [[nodiscard]] constexpr yen operator-() const { return yen(-value_); }
    constexpr yen& operator+=(const yen& other) {
        value_ += other.value_;
        return *this;
    }
    constexpr yen& operator-=(const yen& other) {
        value_ -= other.value_;
        return *this;
    }
    [[nodiscard]] friend constexpr yen operator+(yen a, const yen& b) { return a += b; }
    [[nodiscard]] friend constexpr yen operator-(yen a, const yen& b) { return a -= b; }

    /// Scaling by a whole count is exact.
    template <exact_integer I>
    [[nodiscard]] friend constexpr yen operator*(const yen& a, I count) {
        return yen(detail::decimal_from_millionths(
            detail::checked("multiplication", [&] { return detail::millionths(a.value_) * detail::int128(count); })));
    }
    template <exact_integer I>
    [[nodiscard]] friend constexpr yen operator*(I count, const yen& a) {
        return a * count;
    }

    [[nodiscard]] friend constexpr bool operator==(const yen&, const yen&) = default;
    [[nodiscard]] friend constexpr auto operator<=>(const yen& a, const yen& b) { return a.value_ <=> b.value_; }

private:
    decimal value_;
};

namespace detail {
struct exact_yen_access;
}

/// An exact, possibly non-terminating amount, such as 100 yen x 10/11. Becomes yen only
/// through round(), with a named mode.
class exact_yen {
public:
    constexpr exact_yen() = default;
    constexpr explicit exact_yen(const yen& amount) {
        const auto split = detail::divide_floor(detail::millionths(amount.value()), detail::int128(detail::micro));
        value_ = {split.quotient, split.remainder, detail::int128(detail::micro)};
    }

    [[nodiscard]] constexpr bool is_whole() const { return value_.remainder == 0; }

    /// Whole yen, rounded as named. rounding::never throws c3p::inexact_error for a fraction.
    [[nodiscard]] constexpr yen round(rounding mode) const {
        detail::int128 whole;
        if (!detail::checked("rounding", [&] { return detail::round(value_, mode, whole); }))
            throw inexact_error("c3p: an amount with a fraction of a yen was rounded with rounding::never");
        return yen(detail::decimal_from_millionths(
            detail::checked("rounding", [&] { return whole * detail::int128(detail::micro); })));
    }

    /// Rounded to a millionth toward negative infinity (for display).
    [[nodiscard]] decimal floor_to_millionths() const {
        const detail::int256 micro(detail::micro);
        const auto micros = detail::int256(value_.remainder) * micro / detail::int256(value_.denominator);
        return detail::decimal_from_millionths(detail::narrow(detail::int256(value_.whole) * micro + micros, "exact amount"));
    }

    [[nodiscard]] friend exact_yen operator*(const exact_yen& a, const rate& r) {
        const detail::fraction<detail::int256> wide{a.value_.whole, a.value_.remainder, a.value_.denominator};
        // Both factors may approach 2^128, so even 256 bits can overflow: checked.
        detail::fraction<detail::int256> product{};
        detail::checked("multiplication by a rate", [&] {
            return detail::scale(wide, detail::int256(detail::numerator(r)), detail::int256(detail::denominator(r)), product);
        });
        return from_wide(product, "multiplication by a rate");
    }

    [[nodiscard]] friend std::strong_ordering operator<=>(const exact_yen& a, const exact_yen& b) {
        if (a.value_.whole != b.value_.whole)
            return a.value_.whole < b.value_.whole ? std::strong_ordering::less : std::strong_ordering::greater;
        const auto left = detail::int256(a.value_.remainder) * detail::int256(b.value_.denominator);
        const auto right = detail::int256(b.value_.remainder) * detail::int256(a.value_.denominator);
        if (left < right) return std::strong_ordering::less;
        if (left > right) return std::strong_ordering::greater;
        return std::strong_ordering::equal;
    }
    [[nodiscard]] friend bool operator==(const exact_yen& a, const exact_yen& b) { return (a <=> b) == 0; }
    [[nodiscard]] friend std::strong_ordering operator<=>(const exact_yen& a, const yen& b) { return a <=> exact_yen(b); }
    [[nodiscard]] friend bool operator==(const exact_yen& a, const yen& b) { return (a <=> exact_yen(b)) == 0; }

    /// "90 + 10/11": the whole yen below the value and the fraction above them.
    friend std::ostream& operator<<(std::ostream& os, const exact_yen& amount) {
        os << amount.value_.whole;
        if (!amount.is_whole()) os << " + " << amount.value_.remainder << '/' << amount.value_.denominator;
        return os;
    }

private:
    friend struct detail::exact_yen_access;
    /// Throws c3p::overflow_error beyond the range of yen amounts (2^128 - 1 millionths).
    static exact_yen from_wide(const detail::fraction<detail::int256>& wide, const char* operation) {
        (void)detail::narrow(detail::checked(operation, [&] { return wide.whole * detail::int256(detail::micro); }), operation);
        exact_yen e;
        e.value_ = {detail::narrow(wide.whole, operation), detail::narrow(wide.remainder, operation),
                    detail::narrow(wide.denominator, operation)};
        return e;
    }

    detail::fraction<detail::int128> value_{0, 0, 1};
};

namespace detail {
/// The library's own access to an exact amount's parts.
struct exact_yen_access {
    [[nodiscard]] static constexpr const fraction<int128>& parts(const exact_yen& e) noexcept { return e.value_; }
    [[nodiscard]] static exact_yen from_wide(const fraction<int256>& wide, const char* operation) {
        return exact_yen::from_wide(wide, operation);
    }
};
}  // namespace detail

/// yen x quantity: exact; round it to get yen.
[[nodiscard]] inline exact_yen operator*(const yen& price, const quantity& q) {
    detail::fraction<detail::int256> product{};
    detail::checked("multiplication", [&] {
        return detail::extend(detail::int256(detail::millionths(price.value())),
                              detail::int256(detail::millionths(q.value())), product);
    });
    return detail::exact_yen_access::from_wide(product, "multiplication");
}
[[nodiscard]] inline exact_yen operator*(const quantity& q, const yen& price) { return price * q; }

/// yen x rate: exact; round it to get yen.
[[nodiscard]] inline exact_yen operator*(const yen& amount, const rate& r) { return exact_yen(amount) * r; }
[[nodiscard]] inline exact_yen operator*(const rate& r, const yen& amount) { return exact_yen(amount) * r; }

/// How a yen figure is written for people.
enum class yen_style : std::uint8_t {
    plain,       ///< 1234567
    grouped,     ///< 1,234,567
    yen_sign,    ///< ¥1,234,567
    yen_suffix,  ///< 1,234,567円
};

[[nodiscard]] inline std::string to_string(const yen& amount, yen_style style = yen_style::plain) {
    if (style == yen_style::plain) return to_string(amount.value());
    std::string digits = to_string(amount.value(), {.grouping = true});
    if (style == yen_style::grouped) return digits;
    if (style == yen_style::yen_suffix) return digits + "円";
    const bool negative = amount.is_negative();
    return (negative ? "-¥" : "¥") + digits.substr(negative ? 1 : 0);
}

inline std::ostream& operator<<(std::ostream& os, const yen& amount) { return os << to_string(amount); }

inline namespace literals {
/// 200'000_yen
[[nodiscard]] consteval yen operator""_yen(unsigned long long whole_yen) { return yen(whole_yen); }
}  // namespace literals

}  // namespace c3p
