// The fiscal calendar: the fiscal year of a date at its edges, and dates as accountants write
// them, in the Gregorian calendar and in the eras, each checked to exist in its era.
#include <c3p/fiscal_year.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace std::chrono;

TEST_SUITE("fiscal_year") {
    TEST_CASE("fiscal_year: a fiscal year runs from 1 April to 31 March") {
        CHECK(c3p::fiscal_year_of(year(2026) / March / 31) == 2025);
        CHECK(c3p::fiscal_year_of(year(2026) / April / 1) == 2026);
        CHECK(c3p::fiscal_year_of(year(2025) / April / 1) == 2025);
        CHECK(c3p::fiscal_year_of(year(2025) / March / 31) == 2024);
        CHECK(c3p::fiscal_year_of(year(2025) / December / 31) == 2025);
        CHECK(c3p::fiscal_year_of(year(2026) / January / 1) == 2025);
        CHECK(c3p::fiscal_year_start(2025) == year(2025) / April / 1);
        CHECK(c3p::fiscal_year_end(2025) == year(2026) / March / 31);
        CHECK(c3p::to_string(year(2025) / April / 1) == "2025-04-01");
        CHECK(c3p::to_string(year(2026) / December / 31) == "2026-12-31");
    }

    TEST_CASE("fiscal_year: dates in ISO, slash and 年月日 forms, ASCII or full-width digits") {
        const auto day = year(2025) / April / 1;
        for (const char* text : {"2025-04-01", "2025-4-1", "2025/4/1", "2025/04/01", "2025年4月1日", " 2025-04-01 ",
                                 "２０２５/４/１", "令和7年4月1日", "令和７年４月１日"}) {
            CAPTURE(text);
            const auto parsed = c3p::parse_date(text);
            REQUIRE(parsed);
            CHECK(*parsed == day);
        }
        CHECK(c3p::parse_date("2024-02-29") == year(2024) / February / 29);  // a leap year
    }

    TEST_CASE("fiscal_year: days that do not exist and mixed or broken forms are refused") {
        for (const char* text : {"2025-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-04-00", "2025/04-01",
                                 "2025-04-01x", "25-04-01", "2025", "2025-04", "", "April 1, 2025", "2025年4月1",
                                 "令和7年4月", "令和年4月1日", "令和0年4月1日", "昭和60年4月1日", "2025-04-01-"}) {
            CAPTURE(text);
            CHECK_FALSE(c3p::parse_date(text));
        }
    }

    TEST_CASE("fiscal_year: era dates follow the era's days, not the fiscal year") {
        // 令和 began on 1 May 2019; 平成 ended the day before.
        CHECK(c3p::parse_date("令和元年5月1日") == year(2019) / May / 1);
        CHECK(c3p::parse_date("令和1年5月1日") == year(2019) / May / 1);
        CHECK_FALSE(c3p::parse_date("令和元年4月30日"));
        CHECK(c3p::parse_date("平成31年4月30日") == year(2019) / April / 30);
        CHECK_FALSE(c3p::parse_date("平成31年5月1日"));
        CHECK(c3p::parse_date("平成30年4月1日") == year(2018) / April / 1);
        CHECK(c3p::parse_date("平成元年1月8日") == year(1989) / January / 8);
        CHECK_FALSE(c3p::parse_date("平成元年1月7日"));  // still 昭和
        // 平成31年4月1日 and 令和元年5月1日 fall in the same fiscal year, FY2019.
        CHECK(c3p::fiscal_year_of(*c3p::parse_date("平成31年4月1日")) == 2019);
        CHECK(c3p::fiscal_year_of(*c3p::parse_date("令和2年3月31日")) == 2019);
    }
}
