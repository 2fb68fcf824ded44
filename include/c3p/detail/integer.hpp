// The exact representation: fixed-width, checked Boost.Multiprecision integers. Fixed width
// means no heap allocation; `checked` means overflow throws instead of wrapping; expression
// templates are off so that `auto` never captures a dangling expression.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "c3p/error.hpp"

namespace c3p::detail {

namespace mp = boost::multiprecision;

/// Decimals, prices and quantities are held in millionths: six fractional digits.
inline constexpr int fraction_digits = 6;
inline constexpr std::int64_t micro = 1'000'000;  // 10^fraction_digits

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
    } catch (const overflow_error&) {
        throw;  // already says which operation
    } catch (const std::overflow_error&) {
    } catch (const std::range_error&) {
    }
    throw overflow_error(std::string("c3p: ") + operation +
                         " overflows the exact representation (magnitude limit 2^128 - 1 millionths of a yen)");
}

/// Narrows a 256-bit intermediate to storage width; throws c3p::overflow_error when it does not fit.
inline int128 narrow(const int256& value, const char* operation) {
    return checked(operation, [&] { return static_cast<int128>(value); });
}

/// The 64-bit range as wide integers: compared with these, Boost compares two numbers of one
/// type, where a comparison with a builtin converts it first (4x slower, and asked of every line).
inline constexpr int128 int64_max = (std::numeric_limits<std::int64_t>::max)();
inline constexpr int128 int64_min = (std::numeric_limits<std::int64_t>::min)();

/// Whether a wide integer fits 64 bits, and its value. Asked of every line checked: where
/// Boost keeps the 128 bits in one native integer (GCC, Clang), its magnitude and sign are read
/// directly; elsewhere it is compared with the 64-bit range.
constexpr std::optional<std::int64_t> to_int64(const int128& value) {
    if constexpr (mp::backends::is_trivial_cpp_int<int128::backend_type>::value) {
        if (!std::is_constant_evaluated()) {
            using magnitude_type = std::remove_cv_t<std::remove_reference_t<decltype(*value.backend().limbs())>>;
            const magnitude_type magnitude = *value.backend().limbs();
            const auto largest = static_cast<magnitude_type>((std::numeric_limits<std::int64_t>::max)()) +
                                 static_cast<magnitude_type>(value.backend().sign());  // |INT64_MIN| is one more
            if (magnitude > largest) return std::nullopt;
            const auto low = static_cast<std::uint64_t>(magnitude);
            return value.backend().sign() ? static_cast<std::int64_t>(0 - low) : static_cast<std::int64_t>(low);
        }
    }
    if (value > int64_max || value < int64_min) return std::nullopt;
    return static_cast<std::int64_t>(value);
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

}  // namespace c3p::detail
