// c3p::rate — an exact non-negative fraction such as a tax or G&A rate: "10%" is exactly 1/10,
// "7.5%" exactly 3/40. Multiplying yen by a rate gives an exact_yen that must be rounded
// explicitly (see yen.hpp).
#pragma once

#include <compare>
#include <cstddef>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "c3p/decimal.hpp"

namespace c3p {

namespace detail {
struct rate_access;
}

class rate {
public:
    constexpr rate() = default;  // zero

    /// numerator / denominator, reduced; throws std::invalid_argument for a negative value or zero denominator.
    template <exact_integer N, exact_integer D>
    [[nodiscard]] static constexpr rate fraction(N numerator, D denominator) {
        return from_parts(detail::int128(numerator), detail::int128(denominator));
    }
    template <exact_integer N>
    [[nodiscard]] static constexpr rate percent(N value) {
        return fraction(value, 100);
    }
    /// A decimal fraction such as 0.1.
    [[nodiscard]] static constexpr rate from_decimal(const decimal& value) {
        return from_parts(detail::millionths(value), detail::int128(detail::micro));
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
        return {from_parts(r.raw, detail::int128(detail::micro) * (percent ? 100 : 1)), number_error::none, 0};
    }

    /// As try_parse, after the marks of decimal::try_parse_lenient: full-width digits and "％".
    [[nodiscard]] static parse_result<rate> try_parse_lenient(std::string_view text) {
        detail::lenient_number normalized;
        if (!detail::normalize_number(text, normalized)) return try_parse(text);
        auto r = try_parse(normalized.text());
        if (!r) r.position = r.position < normalized.size ? normalized.origin[r.position] : text.size();
        return r;
    }

    [[nodiscard]] constexpr bool is_zero() const { return numerator_ == 0; }

    /// The rate as an exact decimal (0.1 for 10%), when it has at most six fractional digits.
    [[nodiscard]] constexpr std::optional<decimal> to_decimal() const {
        // Operands of one type throughout: Boost instantiates its arithmetic per pair of types.
        const detail::int256 scaled = detail::int256(numerator_) * detail::int256(detail::micro);
        const detail::int256 denominator(denominator_);
        if (scaled % denominator != detail::int256(0)) return std::nullopt;
        const detail::int256 value = scaled / denominator;
        if ((value >> 128) != 0) return std::nullopt;  // beyond the 128-bit magnitude of a decimal
        return detail::decimal_from_millionths(static_cast<detail::int128>(value));
    }

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
        const detail::int256 left = detail::int256(a.numerator_) * detail::int256(b.denominator_);
        const detail::int256 right = detail::int256(b.numerator_) * detail::int256(a.denominator_);
        if (left < right) return std::strong_ordering::less;
        if (left > right) return std::strong_ordering::greater;
        return std::strong_ordering::equal;
    }

private:
    friend struct detail::rate_access;
    static constexpr rate from_parts(detail::int128 numerator, detail::int128 denominator) {
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

    detail::int128 numerator_ = 0;
    detail::int128 denominator_ = 1;
};

namespace detail {
/// The library's own access to a rate's reduced numerator and denominator.
struct rate_access {
    [[nodiscard]] static constexpr const int128& numerator(const rate& r) noexcept { return r.numerator_; }
    [[nodiscard]] static constexpr const int128& denominator(const rate& r) noexcept { return r.denominator_; }
    [[nodiscard]] static constexpr rate from_parts(const int128& numerator, const int128& denominator) {
        return rate::from_parts(numerator, denominator);
    }
};
[[nodiscard]] constexpr const int128& numerator(const rate& r) noexcept { return rate_access::numerator(r); }
[[nodiscard]] constexpr const int128& denominator(const rate& r) noexcept { return rate_access::denominator(r); }
}  // namespace detail

inline constexpr rate rate_one = rate::fraction(1, 1);

/// "10%", "7.5%", "33.333333%"; a rate whose percentage is not a short decimal prints as "1/3".
[[nodiscard]] inline std::string to_string(const rate& r) {
    const detail::int256 hundredfold = detail::int256(detail::numerator(r)) * detail::int256(100 * detail::micro);
    const detail::int256 denominator(detail::denominator(r));
    if (hundredfold % denominator == detail::int256(0)) {
        const auto millionths = detail::narrow(hundredfold / denominator, "rate formatting");
        return to_string(detail::decimal_from_millionths(millionths)) + "%";
    }
    return detail::numerator(r).str() + "/" + detail::denominator(r).str();
}

/// A rate as an exact decimal fraction, "0.1" for 10%; a rate with no short decimal form as
/// "1/3".
[[nodiscard]] inline std::string to_fraction_string(const rate& r) {
    if (const auto exact = r.to_decimal()) return to_string(*exact);
    return detail::numerator(r).str() + "/" + detail::denominator(r).str();
}

inline std::ostream& operator<<(std::ostream& os, const rate& r) { return os << to_string(r); }

}  // namespace c3p
