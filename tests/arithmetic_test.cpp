// The arithmetic kernel (detail/arithmetic.hpp): every step gives the exact answer of unbounded
// rationals, its 64-bit instantiation agrees with its 256-bit one wherever it answers, and it
// answers nullopt rather than a wrong figure where 64 bits do not fit.
#include <c3p/detail/arithmetic.hpp>

#include <boost/multiprecision/cpp_int.hpp>
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <random>

namespace {

using c3p::rounding;
using c3p::detail::fraction;
using c3p::detail::int256;
using rational = boost::multiprecision::cpp_rational;
using integer = boost::multiprecision::cpp_int;

constexpr auto max64 = (std::numeric_limits<std::int64_t>::max)();
constexpr rounding all_modes[] = {rounding::floor, rounding::ceiling, rounding::truncate, rounding::half_up,
                                  rounding::half_even, rounding::never};

rational value_of(const fraction<std::int64_t>& x) { return rational(x.whole) + rational(x.remainder, x.denominator); }
rational value_of(const fraction<int256>& x) {
    return rational(integer(x.whole.str())) + rational(integer(x.remainder.str()), integer(x.denominator.str()));
}

/// The reference: the nearest integer by the mode, from unbounded rationals.
std::optional<integer> reference_round(const rational& x, rounding mode) {
    integer floor = boost::multiprecision::numerator(x) / boost::multiprecision::denominator(x);
    if (x < 0 && rational(floor) != x) floor -= 1;
    const rational rest = x - rational(floor);
    if (rest == 0) return floor;
    switch (mode) {
        case rounding::floor: return floor;
        case rounding::ceiling: return floor + 1;
        case rounding::truncate: return x < 0 ? floor + 1 : floor;
        case rounding::half_up: return rest > rational(1, 2) || (rest == rational(1, 2) && x > 0) ? floor + 1 : floor;
        case rounding::half_even: return rest > rational(1, 2) || (rest == rational(1, 2) && floor % 2 != 0) ? floor + 1 : floor;
        case rounding::never: return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

TEST_SUITE("arithmetic") {
    TEST_CASE("arithmetic: floor division rounds toward negative infinity with a non-negative remainder") {
        for (std::int64_t n = -25; n <= 25; ++n) {
            for (std::int64_t d = 1; d <= 7; ++d) {
                const auto q = c3p::detail::divide_floor(n, d);
                CHECK(q.quotient * d + q.remainder == n);
                CHECK(q.remainder >= 0);
                CHECK(q.remainder < d);
                const auto wide = c3p::detail::divide_floor(int256(n), int256(d));
                CHECK(wide.quotient == q.quotient);
                CHECK(wide.remainder == q.remainder);
            }
        }
    }

    TEST_CASE("arithmetic: the six roundings of every fraction with denominators up to 8, both widths") {
        for (std::int64_t whole = -3; whole <= 3; ++whole) {
            for (std::int64_t denominator = 1; denominator <= 8; ++denominator) {
                for (std::int64_t remainder = 0; remainder < denominator; ++remainder) {
                    const fraction<std::int64_t> x{whole, remainder, denominator};
                    for (const auto mode : all_modes) {
                        CAPTURE(whole);
                        CAPTURE(remainder);
                        CAPTURE(denominator);
                        CAPTURE(static_cast<int>(mode));
                        const auto expected = reference_round(value_of(x), mode);
                        std::int64_t narrow = 0;
                        int256 wide;
                        REQUIRE(c3p::detail::round(x, mode, narrow) == expected.has_value());
                        REQUIRE(c3p::detail::round(fraction<int256>{whole, remainder, denominator}, mode, wide) ==
                                expected.has_value());
                        if (expected) {
                            CHECK(integer(narrow) == *expected);
                            CHECK(integer(wide.str()) == *expected);
                        }
                    }
                }
            }
        }
    }

    TEST_CASE("arithmetic: rounding up past the 64-bit range answers nullopt, never a wrapped figure") {
        const fraction<std::int64_t> x{max64, 1, 2};
        std::int64_t out = 0;
        CHECK_FALSE(c3p::detail::round(x, rounding::ceiling, out));
        REQUIRE(c3p::detail::round(x, rounding::floor, out));
        CHECK(out == max64);
        // A remainder near the 64-bit limit against its denominator: no 2 x remainder to overflow.
        const fraction<std::int64_t> near_half{0, max64 / 2 + 1, max64};
        REQUIRE(c3p::detail::round(near_half, rounding::half_up, out));
        CHECK(out == 1);
        REQUIRE(c3p::detail::round(fraction<std::int64_t>{0, max64 / 2, max64}, rounding::half_up, out));
        CHECK(out == 0);
    }

    TEST_CASE("arithmetic: scaling by a fraction is exact, as 110 yen x 10/11 is exactly 100") {
        fraction<std::int64_t> exclusive{};
        REQUIRE(c3p::detail::scale(fraction<std::int64_t>{110, 0, 1'000'000}, std::int64_t{10}, std::int64_t{11}, exclusive));
        CHECK(exclusive.whole == 100);
        CHECK(exclusive.remainder == 0);
        std::mt19937_64 rng(2025);
        for (int i = 0; i < 20'000; ++i) {
            const auto denominator = static_cast<std::int64_t>(rng() % 2 ? 1'000'000 : 1'000'000'000'000);
            const fraction<std::int64_t> x{static_cast<std::int64_t>(rng() % 2'000'000'000'000) - 1'000'000'000'000,
                                           static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(denominator)),
                                           denominator};
            const auto numerator = static_cast<std::int64_t>(rng() % 200 + 1);
            const auto divisor = static_cast<std::int64_t>(rng() % 200 + 1);
            fraction<std::int64_t> narrow{};
            fraction<int256> wide{};
            const bool narrow_fits = c3p::detail::scale(x, numerator, divisor, narrow);
            REQUIRE(c3p::detail::scale(fraction<int256>{x.whole, x.remainder, x.denominator}, int256(numerator),
                                       int256(divisor), wide));
            const rational expected = value_of(x) * rational(numerator, divisor);
            CHECK(value_of(wide) == expected);
            if (narrow_fits) {
                CHECK(value_of(narrow) == expected);
                CHECK(narrow.remainder >= 0);
                CHECK(narrow.remainder < narrow.denominator);
            }
        }
        fraction<std::int64_t> out{};
        CHECK_FALSE(c3p::detail::scale(fraction<std::int64_t>{max64 / 2, 0, 1'000'000}, std::int64_t{3}, std::int64_t{1}, out));
    }

    TEST_CASE("arithmetic: price x quantity in millionths is exact, whole and fractional quantities") {
        std::mt19937_64 rng(7);
        for (int i = 0; i < 20'000; ++i) {
            const auto price = static_cast<std::int64_t>(rng() % 10'000'000'000'000) - 5'000'000'000'000;
            const auto quantity = rng() % 3 == 0 ? static_cast<std::int64_t>(rng() % 100) * 1'000'000
                                                 : static_cast<std::int64_t>(rng() % 100'000'000) - 50'000'000;
            fraction<std::int64_t> narrow{};
            fraction<int256> wide{};
            const bool narrow_fits = c3p::detail::extend(price, quantity, narrow);
            REQUIRE(c3p::detail::extend(int256(price), int256(quantity), wide));
            const rational expected = rational(price, 1'000'000) * rational(quantity, 1'000'000);
            CHECK(value_of(wide) == expected);
            if (narrow_fits) CHECK(value_of(narrow) == expected);
            CHECK((quantity % 1'000'000 == 0) == (wide.denominator == 1'000'000));
        }
        fraction<std::int64_t> out{};
        CHECK_FALSE(c3p::detail::extend(max64, std::int64_t{2'000'000}, out));
        CHECK_FALSE(c3p::detail::extend(max64 / 1000, std::int64_t{1'500'000}, out));
    }

    TEST_CASE("arithmetic: the threshold comparison at, one below and one above, and where 64 bits end") {
        // 181,818.181818 yen x 11/10 = 199,999.9999998 (below 200,000); 181,818.181819 x 11/10 reaches it.
        CHECK(c3p::detail::product_at_least(std::int64_t{181'818'181'818}, std::int64_t{11}, std::int64_t{200'000'000'000},
                                            std::int64_t{10}) == false);
        CHECK(c3p::detail::product_at_least(std::int64_t{181'818'181'819}, std::int64_t{11}, std::int64_t{200'000'000'000},
                                            std::int64_t{10}) == true);
        CHECK(c3p::detail::product_at_least(std::int64_t{200'000'000'000}, std::int64_t{1}, std::int64_t{200'000'000'000},
                                            std::int64_t{1}) == true);
        CHECK_FALSE(c3p::detail::product_at_least(max64, std::int64_t{11}, std::int64_t{1}, std::int64_t{1}));
        CHECK(c3p::detail::product_at_least(int256(max64), int256(11), int256(1), int256(1)) == true);
    }
}
