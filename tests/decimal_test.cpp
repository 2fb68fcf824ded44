#include <c3p/decimal.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>

using c3p::decimal;
using c3p::number_error;

namespace {
std::string round_trip(std::string_view text) { return to_string(decimal::parse(text)); }
}  // namespace

TEST_SUITE("decimal") {
    TEST_CASE("decimal: every valid form parses to the exact value") {
        CHECK(decimal::parse("0") == decimal(0));
        CHECK(decimal::parse("-0") == decimal(0));
        CHECK(decimal::parse("1234567") == decimal(1234567));
        CHECK(decimal::parse("1,234,567") == decimal(1234567));
        CHECK(decimal::parse("-1,234,567") == decimal(-1234567));
        CHECK(decimal::parse("999") == decimal(999));
        CHECK(decimal::parse("1,000") == decimal(1000));
        CHECK(decimal::parse("1234.5") == decimal::from_millionths(1'234'500'000));
        CHECK(decimal::parse("0.000001") == decimal::from_millionths(1));
        CHECK(decimal::parse("-0.000001") == decimal::from_millionths(-1));
        CHECK(decimal::parse("1,234,567.123456") == decimal::from_millionths(1'234'567'123'456));
        CHECK(decimal::parse("007") == decimal(7));
    }

    TEST_CASE("decimal: trailing zeros beyond six fractional digits are exact and accepted") {
        CHECK(decimal::parse("1.5000000000") == decimal::parse("1.5"));
        CHECK(decimal::parse("2.1234560") == decimal::parse("2.123456"));
    }

    TEST_CASE("decimal: amounts up to 10^15 yen and beyond are exact") {
        CHECK(round_trip("1000000000000000") == "1000000000000000");
        CHECK(round_trip("999,999,999,999,999.999999") == "999999999999999.999999");
        CHECK(round_trip("1000000000000000000000000000000") == "1000000000000000000000000000000");  // 10^30
        CHECK(round_trip("-123456789012345678901234567890.123456") == "-123456789012345678901234567890.123456");
        // 2^128 - 1 millionths is the largest magnitude; its whole part has 33 digits.
        CHECK(round_trip("340282366920938463463374607431768.211455") == "340282366920938463463374607431768.211455");
    }

    TEST_CASE("decimal: text at the edges of 64-bit millionths, where writing takes the other path") {
        using c3p::detail::decimal_from_millionths;
        using c3p::detail::int128;
        constexpr auto max = (std::numeric_limits<std::int64_t>::max)(), min = (std::numeric_limits<std::int64_t>::min)();
        CHECK(to_string(decimal_from_millionths(int128(max))) == "9223372036854.775807");
        CHECK(to_string(decimal_from_millionths(int128(max) + 1)) == "9223372036854.775808");
        CHECK(to_string(decimal_from_millionths(int128(min))) == "-9223372036854.775808");
        CHECK(to_string(decimal_from_millionths(int128(min) - 1)) == "-9223372036854.775809");
        CHECK(to_string(decimal_from_millionths(int128(min)), {.grouping = true}) == "-9,223,372,036,854.775808");
        CHECK(to_string(decimal_from_millionths(int128(-1))) == "-0.000001");
        CHECK(to_string(decimal_from_millionths(int128(0))) == "0");
    }

    TEST_CASE("decimal: each invalid form is refused with its reason and position") {
        struct bad {
            std::string_view text;
            number_error error;
            std::size_t position;
        };
        const bad cases[] = {
            {"", number_error::empty, 0},
            {"-", number_error::missing_integer_digits, 1},
            {"abc", number_error::unexpected_character, 0},
            {"12a", number_error::unexpected_character, 2},
            {"+5", number_error::unexpected_character, 0},
            {" 5", number_error::unexpected_character, 0},
            {"5 ", number_error::unexpected_character, 1},
            {"1.2.3", number_error::two_decimal_points, 3},
            {"1..2", number_error::two_decimal_points, 2},
            {"1e5", number_error::exponent, 1},
            {"1.5E-3", number_error::exponent, 3},
            {"NaN", number_error::not_a_number, 0},
            {"-inf", number_error::not_a_number, 1},
            {"Infinity", number_error::not_a_number, 0},
            {"1,23", number_error::bad_grouping, 4},
            {"1234,567", number_error::bad_grouping, 4},
            {",123", number_error::bad_grouping, 0},
            {"1,,234", number_error::bad_grouping, 2},
            {"1,2345", number_error::bad_grouping, 6},
            {"1.5,0", number_error::bad_grouping, 3},
            {"1.1234567", number_error::too_many_fraction_digits, 8},
            {".5", number_error::missing_integer_digits, 0},
            {"-.5", number_error::missing_integer_digits, 1},
            {"5.", number_error::missing_fraction_digits, 1},
            {"--5", number_error::misplaced_minus, 1},
            {"5-", number_error::misplaced_minus, 1},
            {"340282366920938463463374607431768.211456", number_error::too_large, 0},
            {"1000000000000000000000000000000000", number_error::too_large, 0},  // 34 digits
            {"-99999999999999999999999999999999999999999999", number_error::too_large, 1},
            {"\xef\xbc\x91", number_error::unexpected_character, 0},  // full-width 1
            {std::string_view("1\0" "2", 3), number_error::unexpected_character, 1},
        };
        for (const auto& c : cases) {
            CAPTURE(c.text);
            const auto r = decimal::try_parse(c.text);
            CHECK_FALSE(r);
            CHECK(r.error == c.error);
            CHECK(r.position == c.position);
        }
    }

    TEST_CASE("decimal: a parse error says what is wrong and where for people") {
        CHECK_THROWS_WITH_AS((void)decimal::parse("12a"), "invalid number \"12a\": unexpected character 'a' at position 3",
                             c3p::parse_error);
        CHECK_THROWS_WITH_AS((void)decimal::parse("1.1234567"),
                             "invalid number \"1.1234567\": more than 6 fractional digits cannot be held exactly at position 9",
                             c3p::parse_error);
        CHECK_THROWS_WITH_AS((void)decimal::parse(""), "invalid number \"\": empty number", c3p::parse_error);
        try {
            (void)decimal::parse("1,23");
            FAIL("no exception");
        } catch (const c3p::parse_error& e) {
            CHECK(e.position() == 4);
        }
    }

    TEST_CASE("decimal: a broken UTF-8 byte is not copied into the message") {
        CHECK_THROWS_WITH_AS((void)decimal::parse("1\xff"), "invalid number \"1\xff\": unexpected character at position 2",
                             c3p::parse_error);
    }

    TEST_CASE("decimal: formatting is exact with and without grouping") {
        CHECK(to_string(decimal(0)) == "0");
        CHECK(to_string(decimal(999)) == "999");
        CHECK(to_string(decimal(-1234567), {.grouping = true}) == "-1,234,567");
        CHECK(to_string(decimal(100000), {.grouping = true}) == "100,000");
        CHECK(to_string(decimal(1000), {.grouping = true}) == "1,000");
        CHECK(to_string(decimal::parse("1234.50")) == "1234.5");
        CHECK(to_string(decimal::parse("-0.5")) == "-0.5");
        CHECK(to_string(decimal::parse("0.000001")) == "0.000001");
        CHECK(to_string(decimal::parse("1234567.01"), {.grouping = true}) == "1,234,567.01");
    }

    TEST_CASE("decimal: addition and subtraction are exact") {
        CHECK(decimal::parse("0.1") + decimal::parse("0.2") == decimal::parse("0.3"));
        CHECK(decimal::parse("1") - decimal::parse("0.000001") == decimal::parse("0.999999"));
        CHECK(-decimal(5) == decimal(-5));
    }

    TEST_CASE("decimal: overflow at the edge of the representation throws instead of wrapping") {
        const auto largest = decimal::parse("340282366920938463463374607431768.211455");
        const auto tiny = decimal::parse("0.000001");
        CHECK_THROWS_AS((void)(largest + tiny), c3p::overflow_error);
        CHECK_THROWS_AS((void)(-largest - tiny), c3p::overflow_error);
        CHECK(largest - tiny + tiny == largest);  // one step below the edge still works
        CHECK_THROWS_WITH((void)(largest + tiny),
                          "c3p: addition overflows the exact representation (magnitude limit 2^128 - 1 millionths of a yen)");
    }

    TEST_CASE("decimal: every cell of up to 7 bytes over digits, comma, point, minus and a letter parses as a regex would") {
        // The reference: -?(digits | 1-3 digits (,3 digits)+) (.1-6 digits)? with at least one
        // digit before the point; its value from the digits alone.
        const auto reference = [](const std::string& cell) -> std::optional<long long> {
            std::size_t i = cell.starts_with('-') ? 1 : 0;
            const std::size_t start = i;
            std::string digits;
            std::size_t group = 0, groups = 0;
            bool first_group_ok = true;
            for (; i < cell.size() && (std::isdigit(static_cast<unsigned char>(cell[i])) || cell[i] == ','); ++i) {
                if (cell[i] == ',') {
                    if (groups == 0 ? (group == 0 || group > 3) : group != 3) first_group_ok = false;
                    ++groups;
                    group = 0;
                } else {
                    digits += cell[i];
                    ++group;
                }
            }
            if (i == start || !first_group_ok || (groups > 0 && group != 3) || digits.empty()) return std::nullopt;
            std::string fraction;
            if (i < cell.size() && cell[i] == '.') {
                for (++i; i < cell.size() && std::isdigit(static_cast<unsigned char>(cell[i])); ++i) fraction += cell[i];
                if (fraction.empty() || fraction.size() > 6) return std::nullopt;
            }
            if (i != cell.size()) return std::nullopt;
            fraction.resize(6, '0');
            const long long value = std::stoll(digits) * 1'000'000 + std::stoll(fraction);
            return start == 1 ? -value : value;
        };
        constexpr std::string_view alphabet = "09,.-x";
        std::size_t checked = 0, failed = 0, valid = 0;
        std::string cell;
        for (std::size_t length = 0; length <= 7; ++length) {
            std::size_t combinations = 1;
            for (std::size_t k = 0; k < length; ++k) combinations *= alphabet.size();
            cell.assign(length, ' ');
            for (std::size_t n = 0; n < combinations; ++n) {
                for (std::size_t k = 0, rest = n; k < length; ++k, rest /= alphabet.size()) cell[k] = alphabet[rest % alphabet.size()];
                const auto expected = reference(cell);
                const auto parsed = decimal::try_parse(cell);
                failed += static_cast<bool>(parsed) != expected.has_value() ||
                          (expected && parsed.value != decimal::from_millionths(*expected));
                valid += expected.has_value();
                ++checked;
            }
        }
        CHECK(checked == 335'923);
        CHECK(valid > 1'000);
        CHECK(failed == 0);
    }
}
