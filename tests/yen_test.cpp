#include <c3p/yen.hpp>

#include <doctest/doctest.h>

#include <sstream>

using c3p::exact_yen;
using c3p::quantity;
using c3p::rate;
using c3p::rounding;
using c3p::yen;
using namespace c3p::literals;

TEST_SUITE("yen") {
    TEST_CASE("yen: the SPEC's exactness examples hold") {
        SUBCASE("110 yen tax-inclusive is exactly 100 yen exclusive") {
            const auto exclusive = yen(110) * quantity(1) * (c3p::rate_one + rate::percent(10)).reciprocal();
            CHECK(exclusive.is_whole());
            CHECK(exclusive.round(rounding::never) == 100_yen);
            CHECK(exclusive.round(rounding::floor) == 100_yen);  // a double gives 99.99..., floored to 99
        }
        SUBCASE("with floor rounding 18,181,819 is the largest pre-tax amount within 20,000,000") {
            const auto tax = rate::percent(10);
            const auto total = [&](const yen& pre_tax) { return pre_tax + (pre_tax * tax).round(rounding::floor); };
            CHECK(total(18'181'818_yen) == 19'999'999_yen);
            CHECK(total(18'181'819_yen) == 20'000'000_yen);
            CHECK(total(18'181'820_yen) == 20'000'002_yen);
        }
    }

    TEST_CASE("yen: products with quantities and rates are exact until rounded") {
        CHECK((yen::parse("1234.5") * quantity(2)).round(rounding::never) == 2'469_yen);
        const auto product = yen::parse("0.333333") * quantity::parse("0.000003");
        // 0.000000999999 yen: between 0 and one millionth, nearer the millionth.
        CHECK(product > 0_yen);
        CHECK(product < exact_yen(yen::parse("0.000001")));
        CHECK(product.floor_to_millionths() == c3p::decimal{});
        CHECK(product == exact_yen(yen::parse("0.999999")) * rate::fraction(1, 1'000'000));
        CHECK(product.round(rounding::ceiling) == 1_yen);
        CHECK(product.round(rounding::floor) == 0_yen);
        CHECK((1000_yen * quantity::parse("1.5")).round(rounding::never) == 1'500_yen);
        CHECK((333_yen * rate::fraction(1, 3)).round(rounding::never) == 111_yen);
        CHECK((yen(-150) * quantity(1)).round(rounding::half_up) == yen(-150));
        CHECK(1000_yen * 3 == 3000_yen);
        CHECK(3 * 1000_yen == 3000_yen);
    }

    TEST_CASE("yen: an exact product compares exactly with yen") {
        const auto ex = 181'819_yen * (c3p::rate_one + rate::percent(10));  // 200,000.9
        CHECK(ex > 200'000_yen);
        CHECK(ex < 200'001_yen);
        CHECK((181'818_yen * (c3p::rate_one + rate::percent(10))) < 200'000_yen);  // 199,999.8
        CHECK((200'000_yen * quantity(1)) == 200'000_yen);
        CHECK(ex.floor_to_millionths() == c3p::decimal::parse("200000.9"));
        CHECK((100_yen * rate::fraction(10, 11)).floor_to_millionths() == c3p::decimal::parse("90.909090"));
    }

    TEST_CASE("yen: formatting styles") {
        CHECK(to_string(1'234'567_yen) == "1234567");
        CHECK(to_string(1'234'567_yen, c3p::yen_style::grouped) == "1,234,567");
        CHECK(to_string(1'234'567_yen, c3p::yen_style::yen_sign) == "¥1,234,567");
        CHECK(to_string(1'234'567_yen, c3p::yen_style::yen_suffix) == "1,234,567円");
        CHECK(to_string(yen(-1234), c3p::yen_style::yen_sign) == "-¥1,234");
        CHECK(to_string(yen::parse("1234.5"), c3p::yen_style::yen_sign) == "¥1,234.5");
        CHECK(to_string(0_yen, c3p::yen_style::yen_suffix) == "0円");
        std::ostringstream os;
        os << yen::parse("-0.25");
        CHECK(os.str() == "-0.25");
    }

    TEST_CASE("yen: overflow anywhere throws c3p::overflow_error") {
        const auto huge = yen::parse("100000000000000000000000000000");  // 10^29
        CHECK_THROWS_AS((void)(huge * 10'000), c3p::overflow_error);
        CHECK(huge * 1'000 == yen::parse("100000000000000000000000000000000"));
        CHECK_THROWS_AS((void)(huge * quantity(10'000)), c3p::overflow_error);
        CHECK_THROWS_AS((void)(huge * quantity::parse("10000.5")).round(rounding::floor), c3p::overflow_error);
        CHECK((yen::parse("1000000000000000000000000000000") * quantity::parse("0.5")).round(rounding::never) ==
              yen::parse("500000000000000000000000000000"));
        // Found by fuzzing: a huge exact product times a huge rate overflows even 256 bits.
        const auto product = yen::parse("236303669646367344346367.00248") * quantity::parse("933800284");
        CHECK_THROWS_AS((void)(product * rate::parse("60282366920938461234567607431768.46")), c3p::overflow_error);
        const auto largest = yen::parse("340282366920938463463374607431768");
        CHECK_THROWS_AS((void)(largest + 1_yen), c3p::overflow_error);
        CHECK_THROWS_AS((void)(largest * rate::fraction(3, 2)).round(rounding::floor), c3p::overflow_error);
    }

    TEST_CASE("yen: parse errors name the text and position") {
        CHECK_THROWS_WITH_AS((void)yen::parse("12a"), "invalid amount \"12a\": unexpected character 'a' at position 3",
                             c3p::parse_error);
        CHECK(yen::try_parse("1,234,567").value == 1'234'567_yen);
    }
}
