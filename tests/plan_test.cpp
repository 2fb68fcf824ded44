// c3p::check_plan and read_plan_csv: each year checked under its own policy, the phase rules at
// their edges (three years and a fourth, a gap year, two phases and a third, an overlap), the
// Table 3 tasks, plans read from CSV with every problem located, and an independent model of
// the totals on random plans.
#include <c3p/csv.hpp>
#include <c3p/messages.hpp>
#include <c3p/plan.hpp>
#include <c3p/report.hpp>

#include <doctest/doctest.h>

#include <array>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

c3p::line personnel(long long amount) {
    return c3p::line{c3p::item::personnel, "", c3p::yen(amount), c3p::quantity(1), c3p::price_basis::untaxed};
}

/// A plan of one untaxed personnel line of `amount` in each (fiscal year, phase).
c3p::plan plan_of(std::initializer_list<std::pair<int, int>> years, long long amount = 1'000'000) {
    c3p::plan p;
    p.terms.general_admin_rate = c3p::rate::percent(10);
    for (const auto& [fiscal_year, phase] : years) p.lines.push_back({personnel(amount), fiscal_year, phase});
    return p;
}

}  // namespace

TEST_SUITE("plan") {
    TEST_CASE("plan: a phase of three consecutive years passes; each year is checked alone, under its policy") {
        const auto r = c3p::check_plan(plan_of({{2025, 1}, {2026, 1}, {2027, 1}}));
        REQUIRE(r.years.size() == 3);
        CHECK(r.violations.empty());
        CHECK(r.years[0].fiscal_year == 2025);
        for (std::size_t k = 0; k < 2; ++k) {  // FY2025 and FY2026 have policies of their own
            CHECK_FALSE(r.years[k].policy_assumed);
            CHECK(r.years[k].policy.fiscal_year == r.years[k].fiscal_year);
            CHECK(c3p_test::codes(r.years[k].violations).empty());
        }
        CHECK(r.years[1].policy == c3p::fy2026);
        CHECK(r.years[2].policy_assumed);
        REQUIRE(c3p_test::codes(r.years[2].violations) == std::vector<std::string>{"policy.assumed"});
        const auto& assumed = r.years[2].violations[0];
        CHECK(assumed.fiscal_year == 2027);
        CHECK(assumed.policy == "fy2026");
        CHECK_FALSE(assumed.is_error());
        CHECK(c3p::describe(assumed) == "FY2027 has no policy of its own: checked under fy2026, the latest earlier one");
        // 1,000,000 + G&A 100,000, then 10% tax: 1,210,000 a year.
        CHECK(r.years[1].result.totals.total == c3p::yen(1'210'000));
        REQUIRE(r.phases.size() == 1);
        CHECK(r.phases[0] == c3p::plan_phase{1, 2025, 2027, c3p::yen(3'630'000)});
        CHECK(r.total == c3p::yen(3'630'000));
        CHECK_FALSE(r.has_errors());
    }

    TEST_CASE("plan: fy2026 is fy2025 for fiscal year 2026; the phase limits are the last year's policy's") {
        c3p::policy carried = c3p::fy2026;
        carried.name = c3p::fy2025.name;
        carried.fiscal_year = c3p::fy2025.fiscal_year;
        CHECK(carried == c3p::fy2025);  // every figure and reading carried over
        CHECK(c3p::fy2026.max_phase_years == 3);
        CHECK(c3p::fy2026.max_phases == 2);

        c3p::policy strict = c3p::fy2025;
        strict.max_phase_years = 2;
        strict.max_phases = 1;
        const auto p = plan_of({{2025, 1}, {2026, 1}, {2027, 1}, {2028, 2}});
        CHECK(c3p::check_plan(p).violations.empty());  // three years, two phases: within fy2026's limits
        const auto r = c3p::check_plan(p, {.forced = &strict});
        REQUIRE(c3p_test::codes(r.violations) == std::vector<std::string>{"phase.too_long", "phase.too_many"});
        CHECK(r.violations[0].actual == c3p::decimal(3));
        CHECK(r.violations[0].limit == c3p::decimal(2));
        CHECK(r.violations[1].limit == c3p::decimal(1));
        // Looked up by year, the last year's policy sets the limits.
        strict.name = "strict2028";
        strict.fiscal_year = 2028;
        const std::array<const c3p::policy*, 2> known{&c3p::fy2025, &strict};
        const auto by_year = c3p::check_plan(p, {.policies = known});
        CHECK(c3p_test::codes(by_year.violations) == std::vector<std::string>{"phase.too_long", "phase.too_many"});
    }

    TEST_CASE("plan: a fourth year in a phase is too long; three are not") {
        const auto four = c3p::check_plan(plan_of({{2025, 1}, {2026, 1}, {2027, 1}, {2028, 1}}));
        REQUIRE(c3p_test::codes(four.violations) == std::vector<std::string>{"phase.too_long"});
        const auto& v = four.violations[0];
        CHECK(v.phase == 1);
        CHECK(v.fiscal_year == 2025);
        CHECK(v.actual == c3p::decimal(4));
        CHECK(v.limit == c3p::decimal(3));
        CHECK(v.is_error());
        CHECK(four.has_errors());
        CHECK(c3p::describe(v) == "phase 1 spans 4 fiscal years from FY2025; a phase is at most 3");
        CHECK(c3p::describe(v, c3p::language::japanese) == "フェーズ1が令和7年度から4年度にわたります。1フェーズは3年度までです");
        CHECK(c3p::check_plan(plan_of({{2026, 1}, {2027, 1}, {2028, 1}})).violations.empty());
    }

    TEST_CASE("plan: a gap year breaks a phase; a gap between phases does not") {
        const auto gap = c3p::check_plan(plan_of({{2025, 1}, {2027, 1}}));
        REQUIRE(c3p_test::codes(gap.violations) == std::vector<std::string>{"phase.not_consecutive"});
        CHECK(gap.violations[0].fiscal_year == 2026);  // the year missing
        CHECK(gap.violations[0].phase == 1);
        // Two phases of three years with a year between them: the rules hold.
        const auto two = c3p::check_plan(plan_of({{2025, 1}, {2026, 1}, {2027, 1}, {2029, 2}, {2030, 2}, {2031, 2}}));
        CHECK(two.violations.empty());
        REQUIRE(two.phases.size() == 2);
        CHECK(two.phases[1] == c3p::plan_phase{2, 2029, 2031, c3p::yen(3'630'000)});
    }

    TEST_CASE("plan: a phase that starts before the one before it ends overlaps it") {
        const auto r = c3p::check_plan(plan_of({{2025, 1}, {2026, 1}, {2026, 2}, {2027, 2}}));
        REQUIRE(c3p_test::codes(r.violations) == std::vector<std::string>{"phase.not_consecutive"});
        CHECK(r.violations[0].phase == 2);
        CHECK(r.violations[0].fiscal_year == 2026);
    }

    TEST_CASE("plan: two phases are the most; a third is too many") {
        const auto three = c3p::check_plan(plan_of({{2025, 1}, {2026, 2}, {2027, 3}}));
        REQUIRE(c3p_test::codes(three.violations) == std::vector<std::string>{"phase.too_many"});
        CHECK(three.violations[0].actual == c3p::decimal(3));
        CHECK(three.violations[0].limit == c3p::decimal(2));
        CHECK(c3p::describe(three.violations[0]) == "3 phases; a project has at most 2");
        CHECK(c3p::check_plan(plan_of({{2025, 1}, {2026, 2}})).violations.empty());
    }

    TEST_CASE("plan: the phase rules come in catalogue order") {
        const auto r = c3p::check_plan(plan_of({{2025, 1}, {2029, 1}, {2030, 2}, {2031, 3}}));
        CHECK(c3p_test::codes(r.violations) ==
              std::vector<std::string>{"phase.too_long", "phase.not_consecutive", "phase.too_many"});
    }

    TEST_CASE("plan: a year's violations carry the year; one year over the cap is that year's error") {
        auto p = plan_of({{2025, 1}, {2026, 1}});
        p.lines[1].line.unit_price = c3p::yen(18'000'000);  // with G&A and tax: 21,780,000
        const auto r = c3p::check_plan(p, {.forced = &c3p::fy2025});
        CHECK(c3p_test::codes(r.years[0].violations).empty());
        REQUIRE(c3p_test::codes(r.years[1].violations) == std::vector<std::string>{"cap.exceeded"});
        CHECK(r.years[1].violations[0].fiscal_year == 2026);
        CHECK(r.years[1].has_errors());
        CHECK(r.has_errors());
        CHECK_FALSE(r.years[1].policy_assumed);  // forced: nothing assumed
    }

    TEST_CASE("plan: a year before every policy is an error that says how to define one") {
        try {
            (void)c3p::check_plan(plan_of({{2024, 1}, {2025, 1}}));
            FAIL("no error");
        } catch (const c3p::no_policy_error& e) {
            CHECK(e.fiscal_year() == 2024);
            CHECK(std::string(e.what()).find("FY2024 (令和6年度)") != std::string::npos);
            CHECK(std::string(e.what()).find("define a c3p::policy") != std::string::npos);
        }
        c3p::policy fy2024 = c3p::fy2025;
        fy2024.name = "fy2024";
        fy2024.fiscal_year = 2024;
        const std::array<const c3p::policy*, 2> known{&fy2024, &c3p::fy2025};
        const auto r = c3p::check_plan(plan_of({{2024, 1}, {2025, 1}}), {.policies = known});
        CHECK(r.years[0].policy.name == "fy2024");
        CHECK(r.years[1].policy.name == "fy2025");
    }

    TEST_CASE("plan: tasks no line serves are reported once lines name tasks; each task's cost is its lines'") {
        auto p = plan_of({{2025, 1}, {2025, 1}, {2025, 1}}, 100'000);
        p.lines[0].tasks = c3p::task_set().add(1).add(2).add(3);
        p.lines[1].tasks = c3p::task_set().add(4).add(5).add(6);
        p.lines[2].tasks = c3p::task_set().add(4);
        auto r = c3p::check_plan(p);
        REQUIRE(c3p_test::codes(r.years[0].violations) == std::vector<std::string>{"task.uncovered"});
        CHECK(r.years[0].violations[0].task == 7);
        CHECK(c3p::describe(r.years[0].violations[0]) ==
              "lines name Table 3 tasks, but none serves task 7 (Working with supporting organisations)");
        CHECK(r.years[0].task_costs[3] == c3p::yen(200'000));  // task 4: two lines
        CHECK(r.years[0].task_costs[0] == c3p::yen(100'000));
        CHECK_FALSE(r.years[0].task_costs[6]);
        p.lines[2].tasks.add(7);
        CHECK(c3p_test::codes(c3p::check_plan(p).years[0].violations).empty());
        // No line names a task: nothing is uncovered.
        CHECK(c3p_test::codes(c3p::check_plan(plan_of({{2025, 1}})).years[0].violations).empty());
    }

    TEST_CASE("plan: task cells as written") {
        CHECK(c3p::task_set::parse("4;5") == c3p::task_set().add(4).add(5));
        CHECK(c3p::task_set::parse("1,7") == c3p::task_set().add(1).add(7));
        CHECK(c3p::task_set::parse("４・５") == c3p::task_set().add(4).add(5));
        CHECK(c3p::task_set::parse(" 3 ") == c3p::task_set().add(3));
        for (const char* bad : {"", "8", "0", "45", "4;x", "task 4", "4０", ";"}) {
            CAPTURE(bad);
            CHECK_FALSE(c3p::task_set::parse(bad));
        }
    }

    TEST_CASE("plan: read from CSV with Japanese headers, era years and tasks") {
        const auto read = c3p::read_plan_csv(
            "# 一般管理費率: 10%\n年度,フェーズ,費目,単価,数量,税区分,タスク\n令和7年度,1,人件費,1000000,1,不課税,4;5\n"
            "R8,,人件費,1000000,1,不課税,\nFY2027,1,人件費,1000000,1,不課税,\n");
        REQUIRE(read.ok());
        REQUIRE(read.plan.lines.size() == 3);
        CHECK(read.plan.lines[0].fiscal_year == 2025);
        CHECK(read.plan.lines[1].fiscal_year == 2026);
        CHECK(read.plan.lines[1].phase == 1);  // empty: 1
        CHECK(read.plan.lines[0].tasks == c3p::task_set().add(4).add(5));
        CHECK(read.plan.lines[2].source_line == 5);
        CHECK(read.forced == nullptr);
        CHECK(read.plan.terms.general_admin_rate == c3p::rate::percent(10));
        CHECK(c3p::check_plan(read.plan).total == c3p::yen(3'630'000));
    }

    TEST_CASE("plan: every problem of a plan file is located; the columns belong to plans only") {
        const auto read = c3p::read_plan_csv(
            "fiscal_year,phase,item,unit_price,task\nFY20x5,1,personnel,100,4\n2025,0,personnel,100,4\n2025,1,personnel,100,9\n"
            "平成31年度,1,personnel,100,\n,1,personnel,100,\n");
        std::vector<std::string> found;
        for (const auto& e : read.errors) found.push_back(std::to_string(e.line) + ":" + std::to_string(e.column) + " " + std::string(e.code()));
        CHECK(found == std::vector<std::string>{"2:1 input.invalid_fiscal_year", "3:6 input.invalid_phase", "4:22 input.invalid_task",
                                                "5:1 input.invalid_fiscal_year", "6:1 input.invalid_fiscal_year"});
        CHECK(c3p::describe(read.errors[0]) == "invalid fiscal_year \"FY20x5\" (write 2025, FY2025, R7 or 令和7年度)");
        CHECK(c3p::describe(read.errors[4]) == "empty fiscal_year: every line of a plan needs its fiscal year");
        CHECK(c3p::describe(read.errors[2], c3p::language::japanese) ==
              "タスク「9」が正しくありません（表3のタスク番号 1～7。例: 4、4;5）");
        const auto missing = c3p::read_plan_csv("item,unit_price\npersonnel,1\n");
        REQUIRE(missing.errors.size() == 1);
        CHECK(missing.errors[0].code() == "input.missing_column");
        CHECK(missing.errors[0].column_name == c3p::csv_column::fiscal_year);
        // In a budget, the plan's columns are unknown.
        const auto budget = c3p::read_budget_csv("item,unit_price,fiscal_year\npersonnel,1,2025\n");
        REQUIRE(budget.errors.size() == 1);
        CHECK(budget.errors[0].code() == "input.unknown_column");
    }

    TEST_CASE("plan: a file's policy, or the settings', is every year's") {
        const auto read = c3p::read_plan_csv("# policy: fy2025\nfiscal_year,item,unit_price\n2026,personnel,1\n");
        REQUIRE(read.ok());
        REQUIRE(read.forced == &c3p::fy2025);
        const auto r = c3p::check_plan(read.plan, {.forced = read.forced});
        CHECK_FALSE(r.years[0].policy_assumed);
    }

    TEST_CASE("plan: terms for one fiscal year, in the file's # lines, over the plan's") {
        const std::string text =
            "# 一般管理費率: 10%\n# uplift R8: 5,000,000\n# 増額　令和9年度: 1000000\n# ga_rate FY2027: 8%\n"
            "# A note R8: a comment\n"
            "年度,費目,単価,数量,現地調査\nR7,人件費,1000000,10,\nR8,人件費,1000000,10,はい\nR9,人件費,1000000,10,はい\n";
        const auto read = c3p::read_plan_csv(text);
        REQUIRE(read.ok());
        CHECK(read.plan.terms.uplift == c3p::yen{});
        REQUIRE(read.plan.years.size() == 2);
        CHECK(read.plan.years.at(2026) == c3p::year_terms{.uplift = 5'000'000_yen});
        CHECK(read.plan.years.at(2027) == c3p::year_terms{.general_admin_rate = c3p::rate::percent(8), .uplift = 1'000'000_yen});
        CHECK(read.plan.terms_of(2025).general_admin_rate == c3p::rate::percent(10));
        CHECK(read.plan.terms_of(2027).general_admin_rate == c3p::rate::percent(8));
        const auto r = c3p::check_plan(read.plan);
        REQUIRE(r.years.size() == 3);
        CHECK(r.years[0].result.totals.cap == 20'000'000_yen);  // no uplift in FY2025, and no warning for it
        CHECK(r.years[1].result.totals.cap == 25'000'000_yen);
        CHECK(r.years[2].result.totals.cap == 21'000'000_yen);
        CHECK(r.years[2].result.totals.general_admin() == 800'000_yen);
        for (const auto& y : r.years)
            for (const auto& v : y.violations) CHECK(v.code() != "uplift.without_field_survey");
        // The settings' terms are every year's: --uplift 0 takes the file's years' uplifts away.
        const auto forced = c3p::read_plan_csv(text, {.uplift = c3p::yen{}});
        REQUIRE(forced.ok());
        CHECK(forced.plan.years.at(2027) == c3p::year_terms{.general_admin_rate = c3p::rate::percent(8)});
        CHECK(forced.plan.years.count(2026) == 0);
        // In a budget a year's term is an error, never a comment; a bad value is one too.
        const auto budget = c3p::read_budget_csv("# uplift R8: 5000000\nitem,unit_price\npersonnel,1\n");
        REQUIRE(budget.errors.size() == 1);
        CHECK(budget.errors[0].code() == "input.unknown_term");
        const auto bad = c3p::read_plan_csv("# uplift R8: -1\nfiscal_year,item,unit_price\n2025,personnel,1\n");
        REQUIRE(bad.errors.size() == 1);
        CHECK(bad.errors[0].code() == "input.invalid_term");
    }

    TEST_CASE("plan: summary rows are warned, and what they state compared: a year's, or the whole plan's") {
        const std::string text = "年度,費目,単価,数量\nR7,人件費,1000000,10\nR7,人件費計,10000000,\n合計（税込）,,1,\n"
                                 "R8,人件費,1000000,10\n令和8年度,合計（税込）,11000000,\n,合計（税込）,22000000,\n";
        const auto read = c3p::read_plan_csv(text);
        REQUIRE(read.ok());
        CHECK(read.summary_rows == std::vector<std::size_t>{3, 4, 6, 7});
        REQUIRE(read.summaries.size() == 4);
        CHECK(read.summaries[0].fiscal_year == 2025);
        CHECK_FALSE(read.summaries[1].fiscal_year);  // 合計 in the year's column: no year, the plan's
        CHECK(read.summaries[2].fiscal_year == 2026);
        auto r = c3p::check_plan(read.plan, {.summary_rows = read.summary_rows, .summaries = read.summaries});
        r.locate(read.layout);
        std::vector<std::string> found;
        for (const auto& v : r.violations)
            found.push_back(std::string(v.code()) + " " + std::to_string(v.source_line.value_or(0)) + " " +
                            (v.cell ? to_string(*v.cell) : "-"));
        // 人件費計 (FY2025: 10,000,000), FY2026's total and the plan's 22,000,000 agree; the 1 does not.
        CHECK(found == std::vector<std::string>{"input.summary_row 3 B3", "input.summary_row 4 A4", "input.summary_row 6 B6",
                                                "input.summary_row 7 B7", "input.summary_mismatch 4 C4"});
        CHECK(r.violations[4].limit == c3p::decimal(22'000'000));
        CHECK_FALSE(r.has_errors());
    }

    TEST_CASE("terms: an amount typed with separators in an unquoted # line is the whole amount") {
        for (const auto* line : {"# uplift: 5,000,000\n", "# uplift:,5000000\n", "# uplift:,\"5,000,000\",,\n",
                                 "# uplift: 5,000,000,,,\n", "# 増額：5,000,000\n"}) {
            CAPTURE(line);
            const auto read = c3p::read_budget_csv(std::string(line) + "item,unit_price\npersonnel,1\n");
            REQUIRE(read.ok());
            CHECK(read.budget.terms().uplift == 5'000'000_yen);
        }
        const auto junk = c3p::read_budget_csv("# ga_rate: 10%,x\nitem,unit_price\npersonnel,1\n");
        REQUIRE(junk.errors.size() == 1);
        CHECK(junk.errors[0].code() == "input.invalid_term");
    }

    TEST_CASE("plan: the report names each year in both calendars and fits 80 columns") {
        auto p = plan_of({{2025, 1}, {2026, 1}, {2027, 1}, {2028, 1}});
        p.lines[0].tasks.add(7);
        const auto r = c3p::check_plan(p);
        for (const auto lang : {c3p::language::english, c3p::language::japanese}) {
            const auto report = c3p::format_plan_report(r, "plan.csv", lang);
            // One way in every report: 令和8年度（FY2026） in Japanese, FY2026 (R8) in English.
            CHECK(report.find(lang == c3p::language::japanese ? "令和8年度（FY2026）" : "FY2026 (R8)") != std::string::npos);
            CHECK(report.find("4,840,000") != std::string::npos);  // the phase total
            CHECK(report.find("phase.too_long") != std::string::npos);
            // Each year's Table 5, its total row the year's total.
            CHECK(report.find(lang == c3p::language::japanese ? "経費内訳（表5、円）" : "Table 5 breakdown (JPY)") !=
                  std::string::npos);
            std::size_t start = 0;
            while (start < report.size()) {
                const auto end = report.find('\n', start);
                CHECK(c3p::detail::display_width(report.substr(start, end - start)) <= 80);
                start = end + 1;
            }
        }
        CHECK(c3p::format_plan_report(r, "plan.csv").find("FY2025 plan.csv:") == std::string::npos);
    }

    TEST_CASE("plan: random plans' totals equal an independent sum of each year's budget checked alone") {
        std::mt19937_64 random(2025);
        for (int round = 0; round < 300; ++round) {
            c3p::plan p;
            p.terms.general_admin_rate = c3p::rate::percent(static_cast<int>(random() % 16));
            std::map<int, c3p::budget> by_year;
            std::map<int, std::set<int>> years_of_phase;
            const auto lines = 1 + random() % 30;
            for (std::size_t i = 0; i < lines; ++i) {
                const int fy = 2025 + static_cast<int>(random() % 5);
                const int phase = 1 + static_cast<int>(random() % 3);
                const auto item = static_cast<c3p::item>(random() % 16);
                const c3p::line l{item, "", c3p::yen(static_cast<long long>(random() % 3'000'000)),
                                  c3p::quantity(static_cast<long long>(random() % 5)),
                                  static_cast<c3p::price_basis>(random() % 3)};
                p.lines.push_back({l, fy, phase});
                by_year[fy].add(l);
                years_of_phase[phase].insert(fy);
            }
            const auto r = c3p::check_plan(p);
            REQUIRE(r.years.size() == by_year.size());
            c3p::yen total;
            std::size_t k = 0;
            for (auto& [fy, b] : by_year) {
                b.set_terms(p.terms);
                const auto alone = c3p::check(b);
                CHECK(r.years[k].fiscal_year == fy);
                CHECK(r.years[k].result.totals == alone.totals);
                total += alone.totals.total;
                ++k;
            }
            CHECK(r.total == total);
            // The phase rules, from their definitions.
            bool too_long = false, gap = false, overlap = false;
            std::optional<int> previous_last;
            for (const auto& [phase, years] : years_of_phase) {
                too_long = too_long || *years.rbegin() - *years.begin() >= 3;
                gap = gap || static_cast<int>(years.size()) != *years.rbegin() - *years.begin() + 1;
                overlap = overlap || (previous_last && *years.begin() <= *previous_last);
                previous_last = *years.rbegin();
            }
            const auto found = c3p_test::codes(r.violations);
            const auto has = [&](const char* code) { return std::find(found.begin(), found.end(), code) != found.end(); };
            CHECK(has("phase.too_long") == too_long);
            CHECK(has("phase.not_consecutive") == (gap || overlap));
            CHECK(has("phase.too_many") == (years_of_phase.size() > 2));
        }
    }
}
