// Internal integer representation: fixed-width, checked Boost.Multiprecision integers.
// Fixed width means no heap allocation; `checked` means overflow throws instead of wrapping;
// expression templates are off so `auto` never captures a dangling expression.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "c3p/error.hpp"

namespace c3p::detail {

namespace mp = boost::multiprecision;

/// Storage integer: magnitude up to 2^128 - 1 with a separate sign.
using int128 = mp::number<mp::cpp_int_backend<128, 128, mp::signed_magnitude, mp::checked, void>, mp::et_off>;
/// Intermediate integer for products of two stored values.
using int256 = mp::number<mp::cpp_int_backend<256, 256, mp::signed_magnitude, mp::checked, void>, mp::et_off>;

/// Runs `f`, turning Boost's terse overflow messages into one that names the operation.
template <class F>
constexpr auto checked(const char* operation, F&& f) -> decltype(f()) {
    if (std::is_constant_evaluated()) return f();
    try {
        return f();
    } catch (const std::overflow_error&) {
        throw overflow_error(std::string("c3p: ") + operation +
                             " overflows the exact representation (magnitude limit 2^128 - 1 millionths of a yen)");
    } catch (const std::range_error&) {
        throw overflow_error(std::string("c3p: ") + operation +
                             " overflows the exact representation (magnitude limit 2^128 - 1 millionths of a yen)");
    }
}

/// Narrows a 256-bit intermediate to storage width; throws c3p::overflow_error when it does not fit.
inline int128 narrow(const int256& value, const char* operation) {
    return checked(operation, [&] { return static_cast<int128>(value); });
}

/// Euclid on non-negative values (constexpr, unlike Boost's gcd on this backend in 1.74).
constexpr int128 gcd(int128 a, int128 b) {
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) {
        int128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/// Quotient rounded toward negative infinity and the matching non-negative remainder.
template <class Int>
struct floor_division {
    Int quotient;
    Int remainder;  // 0 <= remainder < divisor
};

template <class Int>
constexpr floor_division<Int> divide_floor(const Int& numerator, const Int& divisor) {
    Int q = numerator / divisor;  // Boost truncates toward zero
    Int r = numerator % divisor;
    if (r < 0) {
        q -= 1;
        r += divisor;
    }
    return {q, r};
}

}  // namespace c3p::detail
