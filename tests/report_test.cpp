// The text report: the Table 5 layout with aligned figures, the G&A note, the cap, and the
// violations errors first, each located in the file where it came from.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/report.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "support.hpp"

using namespace c3p::literals;

TEST_SUITE("report") {
    TEST_CASE("report: the Table 5 rows carry English and Japanese names and aligned figures") {
        const auto text = c3p::format_text_report(c3p::check(c3p_test::sample_budget()));
        CHECK(text.starts_with("C3P budget, policy fy2025 (16 lines)\n"));
        CHECK(text.find("Direct costs                          直接経費                      13,536,181\n") != std::string::npos);
        CHECK(text.find("  Operating costs                     業務費                         5,476,181\n") != std::string::npos);
        CHECK(text.find("    Equipment costs                   備品費                                 0\n") != std::string::npos);
        CHECK(text.find("    10% of 11,036,181 (personnel and operating, outsourcing excluded)\n") != std::string::npos);
        CHECK(text.find("Consumption tax (10%)                 消費税及び地方消費税           1,583,979\n") != std::string::npos);
        CHECK(text.ends_with("No violations: the budget complies with fy2025.\n"));
        std::istringstream lines(text);
        for (std::string l; std::getline(lines, l);) CHECK(c3p::detail::display_width(l) <= 80);
    }

    TEST_CASE("report: violations name their file line, or the line index without a file") {
        const auto read = c3p::read_budget_csv("# ga_rate: 0%\nitem,unit_price\n\nequipment,100000\n");
        REQUIRE(read.ok());
        const auto result = c3p::check(read.budget);
        CHECK(c3p::format_text_report(result, "b.csv").find(
                  "Violations: 1 error, 1 warning\nERROR    b.csv:4  equipment.below_threshold\n") != std::string::npos);
        CHECK(c3p::format_text_report(result).find("ERROR    line index 0  equipment.below_threshold\n") !=
              std::string::npos);
        CHECK(c3p::format_text_report(result, "b.csv").starts_with("Budget b.csv\nC3P budget, policy fy2025 (1 line)\n"));
    }

    TEST_CASE("report: errors come before warnings, each in the check's order, their sentences wrapped at 80 columns") {
        c3p::budget b;
        b.add<c3p::items::equipment>("analyser", 500'000_yen).add<c3p::items::wages>("refund", -1_yen);
        b.add<c3p::items::personnel>("staff", 20'000'000_yen);
        const auto text = c3p::format_text_report(c3p::check(b));
        const auto negative = text.find("ERROR    line index 1  line.negative_amount\n");
        const auto cap = text.find("ERROR    budget  cap.exceeded\n");
        const auto approval = text.find("warning  line index 0  equipment.needs_approval\n");
        REQUIRE(negative != std::string::npos);
        REQUIRE(cap != std::string::npos);
        REQUIRE(approval != std::string::npos);
        CHECK(negative < cap);
        CHECK(cap < approval);
        CHECK(text.find("         equipment of 500,000 yen may be purchased only where the project\n"
                        "         guidelines allow it\n") != std::string::npos);
    }

    TEST_CASE("report: a stated G&A and a granted uplift are shown") {
        c3p::budget b;
        b.add<c3p::items::overseas_travel>("survey", 1'000'000_yen, c3p::quantity(1), {.field_survey = true});
        b.state<c3p::items::general_admin>(50'000_yen);
        b.set_general_admin_rate(c3p::rate::percent(10)).set_uplift(2'000'000_yen);
        const auto text = c3p::format_text_report(c3p::check(b));
        CHECK(text.find("    stated; at most 100,000: 10% of 1,000,000") != std::string::npos);
        CHECK(text.find("Cap (uplift 2,000,000)                                              22,000,000\n") !=
              std::string::npos);
    }

    TEST_CASE("report: in Japanese, Table 5's labels, amounts in 円, sentences wrapped between characters") {
        c3p::budget b = c3p_test::sample_budget();
        b.add<c3p::items::equipment>("analyser", 500'000_yen);
        b.set_uplift(1'000'000_yen);
        const auto text = c3p::format_text_report(c3p::check(b), "予算.csv", c3p::language::japanese);
        CHECK(text.starts_with("予算 予算.csv\nC3P 予算　令和7年度の規則（fy2025）　明細 17 行\n\n"));
        CHECK(text.find("直接経費                                                          14,036,181円\n") != std::string::npos);
        CHECK(text.find("    外注費                                                         2,500,000円\n") != std::string::npos);
        CHECK(text.find("    基準額 11,536,181円（人件費と業務費、外注費を除く）の 10%\n") != std::string::npos);
        CHECK(text.find("上限額（増額 1,000,000円を含む）") != std::string::npos);
        CHECK(text.find("違反: エラー 0 件、警告 1 件\n警告     予算.csv:") == std::string::npos);  // no file lines here
        CHECK(text.find("違反: エラー 0 件、警告 1 件\n警告     明細 16  equipment.needs_approval\n") != std::string::npos);
        std::istringstream lines(text);
        for (std::string l; std::getline(lines, l);) CHECK(c3p::detail::display_width(l) <= 80);
        // A long Japanese sentence breaks between characters, never before 。 or 、, and keeps numbers whole.
        std::string wrapped;
        c3p::detail::wrapped(wrapped, std::string(30, 'x') + "あいうえおかきくけこさしすせそたちつてとなにぬねの、1,234,567円です。", 9);
        CHECK(wrapped == "         " + std::string(30, 'x') +
                             "あいうえおかきくけこさしすせそたちつてと\n         なにぬねの、1,234,567円です。\n");
    }
}
