#include <c3p/yen.hpp>

#include <doctest/doctest.h>

#include <string>

using c3p::exact_yen;
using c3p::rounding;
using c3p::yen;

namespace {
long long rounded(std::string_view text, rounding mode) {
    const auto whole = exact_yen(yen::parse(text)).round(mode);
    return std::stoll(to_string(whole));
}
}  // namespace

TEST_SUITE("rounding") {
    TEST_CASE("rounding: every mode at ties and near ties for positive and negative values") {
        struct row {
            const char* value;
            long long floor, ceiling, truncate, half_up, half_even;
        };
        const row rows[] = {
            {"2.5", 2, 3, 2, 3, 2},
            {"3.5", 3, 4, 3, 4, 4},
            {"-2.5", -3, -2, -2, -3, -2},
            {"-3.5", -4, -3, -3, -4, -4},
            {"0.5", 0, 1, 0, 1, 0},
            {"-0.5", -1, 0, 0, -1, 0},
            {"2.499999", 2, 3, 2, 2, 2},
            {"2.500001", 2, 3, 2, 3, 3},
            {"-2.499999", -3, -2, -2, -2, -2},
            {"-2.500001", -3, -2, -2, -3, -3},
            {"0.000001", 0, 1, 0, 0, 0},
            {"-0.000001", -1, 0, 0, 0, 0},
            {"7", 7, 7, 7, 7, 7},
            {"-7", -7, -7, -7, -7, -7},
            {"0", 0, 0, 0, 0, 0},
        };
        for (const auto& r : rows) {
            CAPTURE(r.value);
            CHECK(rounded(r.value, rounding::floor) == r.floor);
            CHECK(rounded(r.value, rounding::ceiling) == r.ceiling);
            CHECK(rounded(r.value, rounding::truncate) == r.truncate);
            CHECK(rounded(r.value, rounding::half_up) == r.half_up);
            CHECK(rounded(r.value, rounding::half_even) == r.half_even);
        }
    }

    TEST_CASE("rounding: never accepts whole values and refuses any fraction") {
        CHECK(rounded("7", rounding::never) == 7);
        CHECK(rounded("-7", rounding::never) == -7);
        CHECK_THROWS_AS((void)rounded("7.000001", rounding::never), c3p::inexact_error);
        CHECK_THROWS_AS((void)rounded("-0.5", rounding::never), c3p::inexact_error);
    }

    TEST_CASE("rounding: non-terminating fractions round by exact comparison") {
        const auto ten_elevenths = c3p::rate::fraction(10, 11);
        const auto positive = yen(100) * ten_elevenths;  // 90.90...
        CHECK(positive.round(rounding::floor) == yen(90));
        CHECK(positive.round(rounding::ceiling) == yen(91));
        CHECK(positive.round(rounding::truncate) == yen(90));
        CHECK(positive.round(rounding::half_up) == yen(91));
        CHECK(positive.round(rounding::half_even) == yen(91));
        const auto negative = yen(-100) * ten_elevenths;  // -90.90...
        CHECK(negative.round(rounding::floor) == yen(-91));
        CHECK(negative.round(rounding::ceiling) == yen(-90));
        CHECK(negative.round(rounding::truncate) == yen(-90));
        CHECK(negative.round(rounding::half_up) == yen(-91));
        CHECK(negative.round(rounding::half_even) == yen(-91));
        const auto third = yen(-1) * c3p::rate::fraction(1, 3);  // -0.33...
        CHECK(third.round(rounding::half_up) == yen(0));
        CHECK(third.round(rounding::floor) == yen(-1));
    }

    TEST_CASE("rounding: names round-trip") {
        for (auto mode : {rounding::floor, rounding::ceiling, rounding::truncate, rounding::half_up, rounding::half_even,
                          rounding::never})
            CHECK(c3p::rounding_from_string(to_string(mode)) == mode);
        CHECK_FALSE(c3p::rounding_from_string("round"));
    }
}
