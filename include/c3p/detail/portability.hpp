// The compiler builtins the library uses, each beside a standard C++ fallback, so that the
// headers compile wherever C++20 does (MSVC included). Define C3P_NO_BUILTINS (CMake option
// C3P_PORTABLE_FALLBACK) to use the fallbacks everywhere, as CI does to test them; the tests
// also hold each fallback to its builtin directly.
#pragma once

#include <cstdint>
#include <limits>

#if !defined(C3P_NO_BUILTINS) && (defined(__GNUC__) || defined(__clang__))
#define C3P_USE_BUILTINS 1
#else
#define C3P_USE_BUILTINS 0
#endif

namespace c3p::detail {

inline constexpr std::int64_t int64_max_value = (std::numeric_limits<std::int64_t>::max)();
inline constexpr std::int64_t int64_min_value = (std::numeric_limits<std::int64_t>::min)();

/// Standard C++: out = a + b; true when the sum does not fit (out is then unchanged).
constexpr bool portable_add_overflows(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
    if ((b > 0 && a > int64_max_value - b) || (b < 0 && a < int64_min_value - b)) return true;
    out = a + b;
    return false;
}

/// Standard C++: out = a x b; true when the product does not fit (out is then unchanged).
constexpr bool portable_mul_overflows(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
    if (a != 0 && b != 0) {
        // Each bound divided by the other factor, truncated toward zero, which is the bound's
        // own rounding in every sign combination.
        const bool fits = a > 0 ? (b > 0 ? a <= int64_max_value / b : b >= int64_min_value / a)
                                : (b > 0 ? a >= int64_min_value / b : a >= int64_max_value / b);
        if (!fits) return true;
    }
    out = a * b;
    return false;
}

/// out = a + b; true when the sum does not fit (out is then unspecified).
constexpr bool add_overflows(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
#if C3P_USE_BUILTINS
    return __builtin_add_overflow(a, b, &out);
#else
    return portable_add_overflows(a, b, out);
#endif
}

/// out = a x b; true when the product does not fit (out is then unspecified).
constexpr bool mul_overflows(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
#if C3P_USE_BUILTINS
    return __builtin_mul_overflow(a, b, &out);
#else
    return portable_mul_overflows(a, b, out);
#endif
}

/// Asks for the cache line at `address` to be loaded; a hint, harmless for any address.
inline void prefetch(std::uintptr_t address) noexcept {
#if C3P_USE_BUILTINS
    __builtin_prefetch(reinterpret_cast<const void*>(address));
#else
    (void)address;
#endif
}

}  // namespace c3p::detail
