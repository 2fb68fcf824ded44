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

    TEST_CASE("fiscal_year: dates as Japanese Excel shows them: era letters, dots, a weekday in brackets") {
        const auto day = year(2025) / April / 30;  // a Wednesday (水)
        for (const char* text : {"R7.4.30", "R7/4/30", "R7-4-30", "r7.4.30", "R07.04.30", "Ｒ7.4.30", "2025.4.30",
                                 "2025.04.30", "令和7年4月30日(水)", "令和7年4月30日（水）", "令和7年4月30日 (水曜日)",
                                 "2025/4/30(水)", "R7.4.30（水曜）", "２０２５/４/３０(水)"}) {
            CAPTURE(text);
            const auto parsed = c3p::parse_date(text);
            if (std::string_view(text).starts_with("Ｒ")) {  // a full-width era letter is not Excel's
                CHECK_FALSE(parsed);
                continue;
            }
            REQUIRE(parsed);
            CHECK(*parsed == day);
        }
        CHECK(c3p::parse_date("H30.4.1") == year(2018) / April / 1);
        CHECK(c3p::parse_date("H31.4.30") == year(2019) / April / 30);  // 平成's last day
        CHECK(c3p::parse_date("R1.5.1") == year(2019) / May / 1);       // 令和's first
        for (const char* text : {"H31.5.1", "R1.4.30", "R7.4.31", "R7.4/30", "R7..4.30", "R7.4.30(木)", "R7.4.30(x)",
                                 "R7.4.30()", "2025.4/30", "R0.4.1", "R7.4.30)", "X7.4.30", "R7.4.30 水"}) {
            CAPTURE(text);
            CHECK_FALSE(c3p::parse_date(text));  // outside the era, no such day, mixed separators, the wrong weekday
        }
    }

    TEST_CASE("fiscal_year: a date cell may hold Excel's serial number of the date") {
        CHECK(c3p::parse_date_cell("45777") == year(2025) / April / 30);
        CHECK(c3p::parse_date_cell("45748") == year(2025) / April / 1);
        CHECK(c3p::parse_date_cell("46112") == year(2026) / March / 31);
        CHECK(c3p::parse_date_cell(" 45777 ") == year(2025) / April / 30);
        CHECK(c3p::parse_date_cell("令和7年4月1日") == year(2025) / April / 1);
        for (const char* text : {"4577", "457770", "45777.5", "-45777", "45,777"}) {  // five digits, nothing else
            CAPTURE(text);
            CHECK_FALSE(c3p::parse_date_cell(text));
        }
        CHECK_FALSE(c3p::parse_date("45777"));  // only in a date cell
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

#include <c3p/policy.hpp>

#include <array>

TEST_SUITE("fiscal_year") {
    TEST_CASE("fiscal_year: fiscal years as written: numbers, FY, R and H, 令和 and 平成 with 年度") {
        const std::pair<const char*, int> written[] = {
            {"2025", 2025},        {"FY2025", 2025},     {"fy2025", 2025},      {"２０２５", 2025},
            {"2025年度", 2025},    {"R7", 2025},         {"r7", 2025},          {"Ｒ７", 0},
            {"令和7年度", 2025},   {"令和７年度", 2025}, {"令和7", 2025},       {"令和元年度", 2019},
            {"R1", 2019},          {"H30", 2018},        {"平成30年度", 2018},  {"平成元年度", 1989},
            {" FY2026 ", 2026},
        };
        for (const auto& entry : written) {
            const char* text = entry.first;  // not a structured binding: CAPTURE's lambda takes it
            const int year_number = entry.second;
            CAPTURE(text);
            const auto parsed = c3p::parse_fiscal_year(text);
            if (year_number == 0) {
                CHECK_FALSE(parsed);
            } else {
                REQUIRE(parsed);
                CHECK(*parsed == year_number);
            }
        }
    }

    TEST_CASE("fiscal_year: era years outside their era's fiscal years, and other text, are refused") {
        // 平成31年度 does not exist: FY2019 is 令和元年度 though 平成 lasted until 30 April 2019.
        for (const char* text : {"H31", "平成31年度", "R0", "令和0年度", "H0", "FY", "R", "令和年度", "2025年", "令和7年",
                                 "FY2025x", "1899", "9999", "x2025", "2025-04-01", "", "R7年度x"}) {
            CAPTURE(text);
            CHECK_FALSE(c3p::parse_fiscal_year(text));
        }
        CHECK(c3p::parse_fiscal_year("1900") == 1900);
        CHECK(c3p::parse_fiscal_year("9998") == 9998);
    }

    TEST_CASE("fiscal_year: a fiscal year is named in both calendars, the era changing at FY2019 and FY1989") {
        CHECK(c3p::era_name(2025) == "令和7年度");
        CHECK(c3p::era_name(2019) == "令和元年度");
        CHECK(c3p::era_name(2018) == "平成30年度");
        CHECK(c3p::era_name(1989) == "平成元年度");
        CHECK(c3p::era_name(1988).empty());
        CHECK(c3p::fiscal_year_name(2025) == "FY2025 (令和7年度)");
        CHECK(c3p::fiscal_year_label(2025, c3p::language::english) == "FY2025 (R7)");
        CHECK(c3p::fiscal_year_label(2025, c3p::language::japanese) == "令和7年度（FY2025）");
        CHECK(c3p::fiscal_year_label(2019, c3p::language::english) == "FY2019 (R1)");
        CHECK(c3p::fiscal_year_label(2018, c3p::language::japanese) == "平成30年度（FY2018）");
        CHECK(c3p::fiscal_year_label(1988, c3p::language::english) == "FY1988");
        CHECK(c3p::fiscal_year_name(1988) == "FY1988");
        for (int fy = 1989; fy <= 2100; ++fy) {
            CAPTURE(fy);
            CHECK(c3p::parse_fiscal_year(c3p::era_name(fy)) == fy);  // the name reads back
        }
    }

    TEST_CASE("fiscal_year: a year's policy is its own, else the latest earlier one, assumed") {
        c3p::policy fy2027 = c3p::fy2025;
        fy2027.name = "fy2027";
        fy2027.fiscal_year = 2027;
        fy2027.cap = c3p::yen(22'000'000);
        const std::array<const c3p::policy*, 2> known{&fy2027, &c3p::fy2025};
        const auto own = c3p::policy_for_fiscal_year(2025, known);
        REQUIRE(own);
        CHECK(own->rules == &c3p::fy2025);
        CHECK_FALSE(own->assumed);
        const auto next = c3p::policy_for_fiscal_year(2026, known);
        REQUIRE(next);
        CHECK(next->rules == &c3p::fy2025);
        CHECK(next->assumed);
        CHECK(c3p::policy_for_fiscal_year(2027, known)->rules == &fy2027);
        CHECK_FALSE(c3p::policy_for_fiscal_year(2027, known)->assumed);
        CHECK(c3p::policy_for_fiscal_year(2030, known)->rules == &fy2027);
        CHECK_FALSE(c3p::policy_for_fiscal_year(2024, known));  // before every policy
        // The library's own policies: FY2026 has its own, FY2027 is assumed under it.
        CHECK(c3p::policy_for_fiscal_year(2025)->rules == &c3p::fy2025);
        CHECK(c3p::policy_for_fiscal_year(2026)->rules == &c3p::fy2026);
        CHECK_FALSE(c3p::policy_for_fiscal_year(2026)->assumed);
        CHECK(c3p::policy_for_fiscal_year(2027)->rules == &c3p::fy2026);
        CHECK(c3p::policy_for_fiscal_year(2027)->assumed);
        CHECK_FALSE(c3p::policy_for_fiscal_year(2024));
    }
}
