// c3p::rate — an exact non-negative fraction such as a tax or G&A rate: "10%" is exactly 1/10,
// "7.5%" exactly 3/40. Multiplying yen by a rate gives an exact_yen that must be rounded
// explicitly (see yen.hpp).
#pragma once

#include <compare>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "c3p/decimal.hpp"

namespace c3p {

class rate {
public:
    using representation = detail::int128;

    constexpr rate() = default;  // zero

    /// numerator / denominator, reduced; throws std::invalid_argument for a negative value or zero denominator.
    template <exact_integer N, exact_integer D>
    [[nodiscard]] static constexpr rate fraction(N numerator, D denominator) {
        return from_parts(representation(numerator), representation(denominator));
    }
    template <exact_integer N>
    [[nodiscard]] static constexpr rate percent(N value) {
        return fraction(value, 100);
    }
    /// A decimal fraction such as 0.1.
    [[nodiscard]] static constexpr rate from_decimal(const decimal& value) {
        return from_parts(value.millionths(), representation(detail::scale));
    }
    [[nodiscard]] static constexpr rate from_parts(representation numerator, representation denominator) {
        if (denominator == 0) throw std::invalid_argument("c3p: a rate's denominator must not be zero");
        if (denominator < 0) {
            numerator = -numerator;
            denominator = -denominator;
        }
        if (numerator < 0) throw std::invalid_argument("c3p: a rate must not be negative");
        const auto common = detail::gcd(numerator, denominator);
        rate r;
        r.numerator_ = numerator / common;
        r.denominator_ = denominator / common;
        return r;
    }

    /// "0.1", "10%", "7.5%", "0.075": a decimal, optionally followed by '%'. Throws c3p::parse_error.
    [[nodiscard]] static constexpr rate parse(std::string_view text) {
        return detail::parse_or_throw<rate>("rate", text);
    }
    [[nodiscard]] static constexpr parse_result<rate> try_parse(std::string_view text) {
        const bool percent = !text.empty() && text.back() == '%';
        const auto number = percent ? text.substr(0, text.size() - 1) : text;
        auto r = detail::parse_number(number);
        if (r.error != number_error::none) {
            if (percent && r.error == number_error::empty) r.error = number_error::missing_integer_digits;
            return {rate{}, r.error, r.position};
        }
        if (r.raw < 0) return {rate{}, number_error::negative, 0};
        return {from_parts(r.raw, representation(detail::scale) * (percent ? 100 : 1)), number_error::none, 0};
    }

    [[nodiscard]] constexpr const representation& numerator() const noexcept { return numerator_; }
    [[nodiscard]] constexpr const representation& denominator() const noexcept { return denominator_; }
    [[nodiscard]] constexpr bool is_zero() const { return numerator_ == 0; }

    /// 1 / rate, e.g. (1 + 10%)^-1 = 10/11 to take tax out of an inclusive price.
    [[nodiscard]] constexpr rate reciprocal() const {
        if (numerator_ == 0) throw std::domain_error("c3p: the reciprocal of a zero rate does not exist");
        return from_parts(denominator_, numerator_);
    }

    [[nodiscard]] friend constexpr rate operator+(const rate& a, const rate& b) {
        return detail::checked("rate addition", [&] {
            return from_parts(a.numerator_ * b.denominator_ + b.numerator_ * a.denominator_,
                              a.denominator_ * b.denominator_);
        });
    }

    [[nodiscard]] friend constexpr bool operator==(const rate&, const rate&) = default;  // reduced form is unique
    [[nodiscard]] friend constexpr std::strong_ordering operator<=>(const rate& a, const rate& b) {
        const detail::int256 left = detail::int256(a.numerator_) * b.denominator_;
        const detail::int256 right = detail::int256(b.numerator_) * a.denominator_;
        if (left < right) return std::strong_ordering::less;
        if (left > right) return std::strong_ordering::greater;
        return std::strong_ordering::equal;
    }

private:
    representation numerator_ = 0;
    representation denominator_ = 1;
};

inline constexpr rate rate_one = rate::fraction(1, 1);

/// "10%", "7.5%", "33.333333%"; a rate whose percentage is not a short decimal prints as "1/3".
[[nodiscard]] inline std::string to_string(const rate& r) {
    const detail::int256 hundredfold = detail::int256(r.numerator()) * 100 * detail::scale;
    if (hundredfold % r.denominator() == 0) {
        const auto millionths = detail::narrow(hundredfold / r.denominator(), "rate formatting");
        return to_string(decimal::from_millionths(millionths)) + "%";
    }
    return r.numerator().str() + "/" + r.denominator().str();
}

inline std::ostream& operator<<(std::ostream& os, const rate& r) { return os << to_string(r); }

}  // namespace c3p
