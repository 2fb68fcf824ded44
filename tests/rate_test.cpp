#include <c3p/rate.hpp>

#include <doctest/doctest.h>

using c3p::number_error;
using c3p::rate;

TEST_SUITE("rate") {
    TEST_CASE("rate: percentages and decimal fractions parse to exact reduced fractions") {
        CHECK(rate::parse("10%") == rate::fraction(1, 10));
        CHECK(rate::parse("0.1") == rate::fraction(1, 10));
        CHECK(rate::parse("7.5%") == rate::fraction(3, 40));
        CHECK(rate::parse("0.075") == rate::fraction(3, 40));
        CHECK(rate::parse("0%").is_zero());
        CHECK(rate::parse("100%") == c3p::rate_one);
        CHECK(rate::parse("150%") == rate::fraction(3, 2));
        CHECK(rate::parse("0.000001%") == rate::fraction(1, 100'000'000));
        CHECK(rate::fraction(20, 200) == rate::fraction(1, 10));
        CHECK(to_string(rate::fraction(20, 200)) == "10%");
        CHECK(to_string(rate::fraction(2, 6)) == "1/3");
        CHECK(rate::fraction(20, 200).to_decimal() == c3p::decimal::parse("0.1"));
        CHECK(rate::fraction(3, 40).to_decimal() == c3p::decimal::parse("0.075"));
        CHECK_FALSE(rate::fraction(1, 3).to_decimal());
        CHECK(rate::fraction(1, 1'000'000).to_decimal() == c3p::decimal::parse("0.000001"));
        CHECK_FALSE(rate::fraction(1, 10'000'000).to_decimal());
    }

    TEST_CASE("rate: invalid text is refused with the reason and position") {
        CHECK(rate::try_parse("-5%").error == number_error::negative);
        CHECK(rate::try_parse("abc").error == number_error::unexpected_character);
        CHECK(rate::try_parse("%").error == number_error::missing_integer_digits);
        CHECK(rate::try_parse("").error == number_error::empty);
        const auto twice = rate::try_parse("10%%");
        CHECK(twice.error == number_error::unexpected_character);
        CHECK(twice.position == 2);
        CHECK(rate::try_parse("1e-1").error == number_error::exponent);
        CHECK_THROWS_WITH_AS((void)rate::parse("ten%"), "invalid rate \"ten%\": unexpected character 't' at position 1",
                             c3p::parse_error);
        CHECK_THROWS_WITH_AS((void)rate::parse("-5%"), "invalid rate \"-5%\": must not be negative at position 1",
                             c3p::parse_error);
    }

    TEST_CASE("rate: construction refuses negative values and zero denominators") {
        CHECK_THROWS_AS((void)rate::fraction(-1, 10), std::invalid_argument);
        CHECK_THROWS_AS((void)rate::fraction(1, 0), std::invalid_argument);
        CHECK(rate::fraction(-1, -10) == rate::fraction(1, 10));
    }

    TEST_CASE("rate: sum, reciprocal and order are exact") {
        const auto with_tax = c3p::rate_one + rate::percent(10);
        CHECK(with_tax == rate::fraction(11, 10));
        CHECK(with_tax.reciprocal() == rate::fraction(10, 11));
        CHECK_THROWS_AS((void)rate{}.reciprocal(), std::domain_error);
        CHECK(rate::fraction(1, 3) < rate::fraction(334, 1000));
        CHECK(rate::fraction(1, 3) > rate::fraction(333, 1000));
        CHECK(rate::fraction(2, 6) == rate::fraction(1, 3));
    }

    TEST_CASE("rate: printed as a percentage when exact, else as a fraction") {
        CHECK(to_string(rate::percent(10)) == "10%");
        CHECK(to_string(rate::fraction(3, 40)) == "7.5%");
        CHECK(to_string(rate::fraction(3, 2)) == "150%");
        CHECK(to_string(rate{}) == "0%");
        CHECK(to_string(rate::fraction(1, 3)) == "1/3");
        CHECK(to_string(rate::fraction(10, 11)) == "10/11");
    }
}
