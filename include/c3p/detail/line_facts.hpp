// A budget line's figures as native 64-bit integers, made once when the line is added, so that
// checking a budget reads 32 bytes a line and does no wide arithmetic. Every step that could
// overflow is checked; a line whose figures do not fit is marked `wide`, and any doubt sends
// the whole budget to the exact Boost.Multiprecision path (totals.hpp), which decides alone.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "c3p/categories.hpp"
#include "c3p/detail/integer.hpp"
#include "c3p/rounding.hpp"

namespace c3p::detail {

inline constexpr std::int64_t micro = 1'000'000;

/// Floor division and its non-negative remainder for a positive divisor.
struct split64 {
    std::int64_t quotient;
    std::int64_t remainder;
};
constexpr split64 floor_divide(std::int64_t numerator, std::int64_t divisor) noexcept {
    std::int64_t q = numerator / divisor, r = numerator % divisor;
    if (r < 0) {
        --q;
        r += divisor;
    }
    return {q, r};
}

/// quotient + remainder / denominator rounded to a whole number; nullopt for an inexact
/// value under rounding::never or on overflow (the exact path then decides and reports).
/// Requires 0 <= remainder < denominator and 2 x denominator representable.
constexpr std::optional<std::int64_t> round_parts(std::int64_t quotient, std::int64_t remainder,
                                                  std::int64_t denominator, rounding mode) noexcept {
    if (remainder == 0) return quotient;
    bool up = false;
    const std::int64_t twice = remainder * 2;
    switch (mode) {
        case rounding::floor: break;
        case rounding::ceiling: up = true; break;
        case rounding::truncate: up = quotient < 0; break;
        case rounding::half_up: up = twice > denominator || (twice == denominator && quotient >= 0); break;
        case rounding::half_even: up = twice > denominator || (twice == denominator && quotient % 2 != 0); break;
        case rounding::never: return std::nullopt;
    }
    if (!up) return quotient;
    std::int64_t result;
    if (__builtin_add_overflow(quotient, 1, &result)) return std::nullopt;
    return result;
}

/// Whether a wide integer fits 64 bits, and its value.
inline std::optional<std::int64_t> to_int64(const int128& value) {
    if (value > (std::numeric_limits<std::int64_t>::max)() || value < (std::numeric_limits<std::int64_t>::min)())
        return std::nullopt;
    return static_cast<std::int64_t>(value);
}

struct line_facts {
    enum flag : std::uint8_t {
        wide = 1,                ///< figures beyond 64 bits: only the exact path may judge this line
        fractional_quantity = 2, ///< remainder is in 10^-12 yen rather than 10^-6
        negative_input = 4,      ///< unit price or quantity below zero
        no_reason = 8,           ///< no consumable exception given
    };
    std::int64_t whole = 0;       ///< floor(unit price x quantity) in yen
    std::int64_t remainder = 0;   ///< the rest, in units of 1 / denominator()
    std::int64_t unit_price = 0;  ///< millionths of a yen
    c3p::item item = c3p::item::personnel;
    std::uint8_t basis = 0;       ///< c3p::price_basis
    std::uint8_t flags = 0;
    std::uint32_t line = 0;       ///< the line's index in its budget (in what was padding)

    [[nodiscard]] constexpr std::int64_t denominator() const noexcept {
        return (flags & fractional_quantity) ? micro * micro : micro;
    }
    [[nodiscard]] constexpr bool has(flag f) const noexcept { return (flags & f) != 0; }
};

/// The facts of a line with unit price `price` and quantity `quantity`, both in millionths
/// that fit 64 bits (as a CSV row's cells usually do).
inline line_facts make_line_facts(c3p::item item, std::uint8_t basis, bool no_reason, std::int64_t price,
                                  std::int64_t quantity) {
    line_facts f;
    f.item = item;
    f.basis = basis;
    f.unit_price = price;
    if (price < 0 || quantity < 0) f.flags |= line_facts::negative_input;
    if (no_reason) f.flags |= line_facts::no_reason;
    if (quantity % micro == 0) {  // whole quantity: price x count stays in millionths
        std::int64_t product;
        if (__builtin_mul_overflow(price, quantity / micro, &product)) {
            f.flags |= line_facts::wide;
            return f;
        }
        const auto s = floor_divide(product, micro);
        f.whole = s.quotient;
        f.remainder = s.remainder;
        return f;
    }
    // Fractional quantity: the product is in 10^-12 yen; split it with the wide integers once.
    f.flags |= line_facts::fractional_quantity;
    const auto s = divide_floor(int128(price) * quantity, int128(micro * micro));
    const auto whole = to_int64(s.quotient);
    if (!whole) {
        f.flags |= line_facts::wide;
        return f;
    }
    f.whole = *whole;
    f.remainder = static_cast<std::int64_t>(s.remainder);
    return f;
}

/// The same for figures of any size: beyond 64 bits the line is `wide`.
inline line_facts make_line_facts(c3p::item item, std::uint8_t basis, bool no_reason, const int128& price,
                                  const int128& quantity) {
    const auto p = to_int64(price), q = to_int64(quantity);
    if (p && q) return make_line_facts(item, basis, no_reason, *p, *q);
    line_facts f;
    f.item = item;
    f.basis = basis;
    if (price < 0 || quantity < 0) f.flags |= line_facts::negative_input;
    if (no_reason) f.flags |= line_facts::no_reason;
    f.flags |= line_facts::wide;
    return f;
}

/// round(line value x multiplier / divisor) where the line value is whole + remainder / denominator,
/// without wide arithmetic: nested floor division, floor(floor(x / m) / n) = floor(x / (m n)).
inline std::optional<std::int64_t> round_scaled(const line_facts& f, std::int64_t multiplier, std::int64_t divisor,
                                                rounding mode) noexcept {
    const std::int64_t denominator = f.denominator();
    std::int64_t scaled_remainder, scaled_whole, top;
    if (__builtin_mul_overflow(f.remainder, multiplier, &scaled_remainder)) return std::nullopt;
    if (__builtin_mul_overflow(f.whole, multiplier, &scaled_whole)) return std::nullopt;
    // remainder x m = low.q x den + low.r; the two denominators as constants, which compilers
    // divide by with a multiplication rather than a division instruction.
    const auto low = f.has(line_facts::fractional_quantity) ? floor_divide(scaled_remainder, micro * micro)
                                                            : floor_divide(scaled_remainder, micro);
    if (__builtin_add_overflow(scaled_whole, low.quotient, &top)) return std::nullopt;
    const auto result = floor_divide(top, divisor);
    // Left over: (result.remainder x den + low.remainder) / (divisor x den).
    std::int64_t fraction_denominator, fraction;
    if (__builtin_mul_overflow(divisor, denominator, &fraction_denominator)) return std::nullopt;
    if (__builtin_mul_overflow(result.remainder, denominator, &fraction)) return std::nullopt;
    fraction += low.remainder;
    if (fraction_denominator > (std::numeric_limits<std::int64_t>::max)() / 2) return std::nullopt;
    return round_parts(result.quotient, fraction, fraction_denominator, mode);
}

}  // namespace c3p::detail
