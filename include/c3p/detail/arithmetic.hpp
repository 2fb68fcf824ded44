// The arithmetic kernel: floor division, the six roundings, scaling by a fraction (the
// tax-inclusive price and every rate), price x quantity and the threshold comparison, each
// written once as a template on the integer type.
//
// Instantiated twice: on std::int64_t for the fast path, where an operation that does not fit
// answers nullopt and the caller hands the work to the exact path; and on the checked Boost
// integers of detail/integer.hpp for the exact path, where overflow throws instead.
#pragma once

#include <cstdint>
#include <optional>

#include "c3p/detail/integer.hpp"
#include "c3p/detail/portability.hpp"
#include "c3p/rounding.hpp"

namespace c3p::detail {

// Overflow-reporting operations. The Boost types are checked: they throw rather than answer true.
template <class Int>
constexpr bool add_overflows(const Int& a, const Int& b, Int& out) {
    out = a + b;
    return false;
}
template <class Int>
constexpr bool mul_overflows(const Int& a, const Int& b, Int& out) {
    out = a * b;
    return false;
}

/// Quotient rounded toward negative infinity and the matching remainder, 0 <= remainder < divisor.
template <class Int>
struct floor_division {
    Int quotient;
    Int remainder;
};

/// Requires divisor > 0 (and, for std::int64_t, numerator > INT64_MIN).
template <class Int>
constexpr floor_division<Int> divide_floor(const Int& numerator, const Int& divisor) {
    // Operands of one type throughout: Boost instantiates its arithmetic per pair of types.
    Int q = numerator / divisor;  // C++ and Boost truncate toward zero
    Int r = numerator % divisor;
    if (r < Int(0)) {
        q -= Int(1);
        r += divisor;
    }
    return {q, r};
}

/// An exact value whole + remainder / denominator, with 0 <= remainder < denominator.
template <class Int>
struct fraction {
    Int whole;
    Int remainder;
    Int denominator;
};

// Each step answers through a reference and a bool (false: not decided here) rather than a
// std::optional: an optional of a Boost integer is a costly class to compile, and GCC copies a
// returned optional through the stack in pieces, a stall in the fast path's loops.

/// The whole number `x` rounds to, into `out`. False when rounding::never meets a fraction, or
/// (64-bit) when rounding up does not fit.
template <class Int>
constexpr bool round(const fraction<Int>& x, rounding mode, Int& out) {
    if (x.remainder == Int(0)) {
        out = x.whole;
        return true;
    }
    // The fraction against one half, as remainder against what it lacks of a whole: no 2 x remainder to overflow.
    const Int lacking = x.denominator - x.remainder;
    bool up = false;
    switch (mode) {
        case rounding::floor: break;
        case rounding::ceiling: up = true; break;
        case rounding::truncate: up = x.whole < Int(0); break;
        case rounding::half_up: up = x.remainder > lacking || (x.remainder == lacking && x.whole >= Int(0)); break;
        case rounding::half_even:
            up = x.remainder > lacking || (x.remainder == lacking && x.whole % Int(2) != Int(0));
            break;
        case rounding::never: return false;
    }
    if (!up) {
        out = x.whole;
        return true;
    }
    return !add_overflows(x.whole, Int(1), out);
}

/// x x numerator / denominator exactly (numerator >= 0, denominator > 0), into `out`; false
/// when it does not fit. Without an intermediate wider than the parts: with remainder x
/// numerator = low.q x den + low.r, x n / d = (whole n + low.q + low.r / den) / d.
template <class Int>
constexpr bool scale(const fraction<Int>& x, const Int& numerator, const Int& denominator, fraction<Int>& out) {
    Int remainder_scaled, whole_scaled, top, new_denominator, rest;
    if (mul_overflows(x.remainder, numerator, remainder_scaled)) return false;
    const auto low = divide_floor(remainder_scaled, x.denominator);
    if (mul_overflows(x.whole, numerator, whole_scaled) || add_overflows(whole_scaled, low.quotient, top)) return false;
    const auto high = divide_floor(top, denominator);
    if (mul_overflows(denominator, x.denominator, new_denominator) ||
        mul_overflows(high.remainder, x.denominator, rest))
        return false;
    // high.remainder <= denominator - 1 and low.remainder <= den - 1: the sum stays below new_denominator.
    out = fraction<Int>{high.quotient, rest + low.remainder, new_denominator};
    return true;
}

/// price x quantity in yen, both given in millionths, into `out`: whole + remainder / 10^6 for
/// a whole quantity, / 10^12 for a fractional one; false when it does not fit. The quantity is
/// split into whole units and millionths, so that no product is wider than price x millionths.
template <class Int>
constexpr bool extend(const Int& price, const Int& quantity, fraction<Int>& out) {
    const Int scale6(micro);
    const auto units = divide_floor(quantity, scale6);
    Int whole_units;
    if (mul_overflows(price, units.quotient, whole_units)) return false;  // millionths of a yen
    const auto yen_part = divide_floor(whole_units, scale6);
    if (units.remainder == Int(0)) {
        out = fraction<Int>{yen_part.quotient, yen_part.remainder, scale6};
        return true;
    }
    const Int scale12(micro * micro);
    Int part_units, low;  // 10^-12 yen
    if (mul_overflows(price, units.remainder, part_units) || mul_overflows(yen_part.remainder, scale6, low) ||
        add_overflows(low, part_units, low))
        return false;
    const auto low_part = divide_floor(low, scale12);
    Int whole;
    if (add_overflows(yen_part.quotient, low_part.quotient, whole)) return false;
    out = fraction<Int>{whole, low_part.remainder, scale12};
    return true;
}

/// a x b >= c x d; nullopt when a product does not fit.
template <class Int>
constexpr std::optional<bool> product_at_least(const Int& a, const Int& b, const Int& c, const Int& d) {
    Int left, right;
    if (mul_overflows(a, b, left) || mul_overflows(c, d, right)) return std::nullopt;
    return left >= right;
}

}  // namespace c3p::detail
