#include <c3p/quantity.hpp>

#include <doctest/doctest.h>

using c3p::quantity;

TEST_SUITE("quantity") {
    TEST_CASE("quantity: whole and fractional counts parse exactly") {
        CHECK(quantity::parse("3") == quantity(3));
        CHECK(quantity::parse("1,000") == quantity(1000));
        CHECK(quantity::parse("2.5").value() == c3p::decimal::parse("2.5"));
        CHECK(quantity::parse("0.000001").value() == c3p::decimal::from_millionths(1));
        CHECK(to_string(quantity::parse("1.50")) == "1.5");
    }

    TEST_CASE("quantity: invalid text names the problem and the position") {
        CHECK_THROWS_WITH_AS((void)quantity::parse("3 pcs"), "invalid quantity \"3 pcs\": unexpected character ' ' at position 2",
                             c3p::parse_error);
        CHECK(quantity::try_parse("1.2.3").error == c3p::number_error::two_decimal_points);
    }

    TEST_CASE("quantity: negative quantities are representable so that the validator can report them") {
        const auto q = quantity::parse("-2");
        CHECK(q.is_negative());
        CHECK(q < quantity(0));
    }

    TEST_CASE("quantity: a default quantity is zero") { CHECK(quantity{} == quantity(0)); }
}
