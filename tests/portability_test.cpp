// The standard C++ fallbacks of the compiler builtins give the exact answer at every boundary:
// held to a 128-bit reference, and to the builtin where the compiler has one.
#include <c3p/detail/integer.hpp>
#include <c3p/detail/portability.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace {

using c3p::detail::int128;
constexpr auto max = (std::numeric_limits<std::int64_t>::max)();
constexpr auto min = (std::numeric_limits<std::int64_t>::min)();

std::vector<std::int64_t> boundary_values() {
    std::vector<std::int64_t> values{min, min + 1, min / 2, min / 3, -4'294'967'296, -3'037'000'500, -3, -2, -1, 0, 1,
                                     2, 3, 3'037'000'499, 3'037'000'500, 4'294'967'296, max / 3, max / 2, max - 1, max};
    std::mt19937_64 rng(14);
    for (int i = 0; i < 60; ++i) values.push_back(static_cast<std::int64_t>(rng()) >> (rng() % 63));
    return values;
}

bool fits(const int128& exact) { return exact >= int128(min) && exact <= int128(max); }

}  // namespace

TEST_SUITE("portability") {
    TEST_CASE("portability: the fallback sum overflows exactly when the exact sum leaves 64 bits") {
        const auto values = boundary_values();
        for (const auto a : values) {
            for (const auto b : values) {
                CAPTURE(a);
                CAPTURE(b);
                const int128 exact = int128(a) + int128(b);
                std::int64_t out = 7;
                const bool overflowed = c3p::detail::portable_add_overflows(a, b, out);
                REQUIRE(overflowed == !fits(exact));
                if (!overflowed) REQUIRE(int128(out) == exact);
#if C3P_USE_BUILTINS
                std::int64_t builtin;
                REQUIRE(__builtin_add_overflow(a, b, &builtin) == overflowed);
#endif
            }
        }
    }

    TEST_CASE("portability: the fallback product overflows exactly when the exact product leaves 64 bits") {
        const auto values = boundary_values();
        for (const auto a : values) {
            for (const auto b : values) {
                CAPTURE(a);
                CAPTURE(b);
                const int128 exact = int128(a) * int128(b);
                std::int64_t out = 7;
                const bool overflowed = c3p::detail::portable_mul_overflows(a, b, out);
                REQUIRE(overflowed == !fits(exact));
                if (!overflowed) REQUIRE(int128(out) == exact);
#if C3P_USE_BUILTINS
                std::int64_t builtin;
                REQUIRE(__builtin_mul_overflow(a, b, &builtin) == overflowed);
#endif
            }
        }
    }

    TEST_CASE("portability: the functions the library calls agree with the fallbacks") {
        const auto values = boundary_values();
        for (const auto a : values) {
            for (const auto b : values) {
                std::int64_t used = 0, fallback = 0;
                REQUIRE(c3p::detail::add_overflows(a, b, used) == c3p::detail::portable_add_overflows(a, b, fallback));
                if (!c3p::detail::portable_add_overflows(a, b, fallback)) REQUIRE(used == fallback);
                REQUIRE(c3p::detail::mul_overflows(a, b, used) == c3p::detail::portable_mul_overflows(a, b, fallback));
                if (!c3p::detail::portable_mul_overflows(a, b, fallback)) REQUIRE(used == fallback);
            }
        }
    }

    TEST_CASE("portability: a wide integer narrows to 64 bits exactly within the 64-bit range") {
        CHECK(c3p::detail::to_int64(int128(max)) == max);
        CHECK(c3p::detail::to_int64(int128(min)) == min);
        CHECK_FALSE(c3p::detail::to_int64(int128(max) + 1));
        CHECK_FALSE(c3p::detail::to_int64(int128(min) - 1));
        CHECK(c3p::detail::to_int64(int128(-1)) == -1);
    }
}
