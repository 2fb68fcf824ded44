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
        return yen(decimal::from_millionths(
            detail::checked("multiplication", [&] { return a.value_.millionths() * detail::int128(count); })));
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

/// An exact, possibly non-terminating amount: whole + remainder / denominator, with
/// 0 <= remainder < denominator. Becomes yen only through round().
class exact_yen {
public:
    using integer = detail::int128;

    constexpr exact_yen() = default;
    constexpr explicit exact_yen(const yen& amount) {
        const auto split = detail::divide_floor(amount.value().millionths(), integer(detail::scale));
        whole_ = split.quotient;
        remainder_ = split.remainder;
        denominator_ = detail::scale;
    }
    /// numerator / denominator (denominator > 0) in yen.
    [[nodiscard]] static exact_yen from_fraction(const detail::int256& numerator, const detail::int256& denominator) {
        if (denominator <= 0) throw std::invalid_argument("c3p: exact_yen needs a positive denominator");
        const auto split = detail::divide_floor(numerator, denominator);
        exact_yen e;
        e.whole_ = detail::narrow(split.quotient, "exact amount");
        e.remainder_ = detail::narrow(split.remainder, "exact amount");
        e.denominator_ = detail::narrow(denominator, "exact amount");
        return e;
    }

    /// The largest whole yen not above the value, and what is left over.
    [[nodiscard]] constexpr const integer& whole() const noexcept { return whole_; }
    [[nodiscard]] constexpr const integer& remainder() const noexcept { return remainder_; }
    [[nodiscard]] constexpr const integer& denominator() const noexcept { return denominator_; }
    [[nodiscard]] constexpr bool is_whole() const { return remainder_ == 0; }

    /// Whole yen, rounded as named. rounding::never throws c3p::inexact_error for a fraction.
    [[nodiscard]] constexpr yen round(rounding mode) const {
        return yen(decimal::from_millionths(detail::checked("rounding", [&] {
            return round_to_whole(mode) * detail::scale;
        })));
    }

    /// Rounded to the nearest representable millionth toward negative infinity (for display).
    [[nodiscard]] decimal floor_to_millionths() const {
        const auto micro = detail::int256(remainder_) * detail::scale / denominator_;
        return decimal::from_millionths(detail::narrow(detail::int256(whole_) * detail::scale + micro, "exact amount"));
    }

    [[nodiscard]] friend exact_yen operator*(const exact_yen& a, const rate& r) {
        // Both factors may approach 2^128, so even the 256-bit product can overflow: checked.
        return detail::checked("multiplication by a rate", [&] {
            const auto numerator = (detail::int256(a.whole_) * a.denominator_ + a.remainder_) * r.numerator();
            return from_fraction(numerator, detail::int256(a.denominator_) * r.denominator());
        });
    }

    [[nodiscard]] friend std::strong_ordering operator<=>(const exact_yen& a, const exact_yen& b) {
        if (a.whole_ != b.whole_) return a.whole_ < b.whole_ ? std::strong_ordering::less : std::strong_ordering::greater;
        const auto left = detail::int256(a.remainder_) * b.denominator_;
        const auto right = detail::int256(b.remainder_) * a.denominator_;
        if (left < right) return std::strong_ordering::less;
        if (left > right) return std::strong_ordering::greater;
        return std::strong_ordering::equal;
    }
    [[nodiscard]] friend bool operator==(const exact_yen& a, const exact_yen& b) { return (a <=> b) == 0; }
    [[nodiscard]] friend std::strong_ordering operator<=>(const exact_yen& a, const yen& b) { return a <=> exact_yen(b); }
    [[nodiscard]] friend bool operator==(const exact_yen& a, const yen& b) { return (a <=> exact_yen(b)) == 0; }

private:
    constexpr integer round_to_whole(rounding mode) const {
        if (remainder_ == 0) return whole_;
        const auto twice = remainder_ * 2;  // compared with the denominator to find ties
        switch (mode) {
            case rounding::floor: return whole_;
            case rounding::ceiling: return whole_ + 1;
            case rounding::truncate: return whole_ < 0 ? whole_ + 1 : whole_;
            case rounding::half_up:
                // Ties go away from zero: up for positive values, down (to whole_) for negative ones.
                if (twice > denominator_ || (twice == denominator_ && whole_ >= 0)) return whole_ + 1;
                return whole_;
            case rounding::half_even:
                if (twice > denominator_ || (twice == denominator_ && whole_ % 2 != 0)) return whole_ + 1;
                return whole_;
            case rounding::never: break;
        }
        throw inexact_error("c3p: an amount with a fraction of a yen was rounded with rounding::never");
    }

    integer whole_ = 0;
    integer remainder_ = 0;
    integer denominator_ = 1;
};

/// yen x quantity: exact; round it to get yen.
[[nodiscard]] inline exact_yen operator*(const yen& price, const quantity& q) {
    const auto& qm = q.value().millionths();
    if (qm % detail::scale == 0) {
        // A whole quantity keeps the product at price scale: one 128-bit multiplication.
        const auto product = detail::checked("multiplication", [&] { return price.value().millionths() * (qm / detail::scale); });
        return exact_yen(yen(decimal::from_millionths(product)));
    }
    return exact_yen::from_fraction(detail::int256(price.value().millionths()) * qm,
                                    detail::int256(detail::scale) * detail::scale);
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
inline std::ostream& operator<<(std::ostream& os, const exact_yen& amount) {
    os << amount.whole();
    if (!amount.is_whole()) os << " + " << amount.remainder() << '/' << amount.denominator();
    return os;
}

inline namespace literals {
/// 200'000_yen
[[nodiscard]] consteval yen operator""_yen(unsigned long long whole_yen) { return yen(whole_yen); }
}  // namespace literals

}  // namespace c3p
