// c3p::score: the computed rows of Table 6 at every band edge under both readings, the sheet's
// allocations, and judged rows checked against them.
#include <c3p/score.hpp>

#include <doctest/doctest.h>

#include <string>

namespace {
c3p::decimal d(const char* text) { return c3p::decimal::parse(text); }
c3p::score_options rounded() { return {.bands = c3p::band_reading::rounded}; }
}  // namespace

TEST_SUITE("score") {
    TEST_CASE("score: cost-effectiveness at 4,000 / 4,000.5 / 4,001 / 8,000 / 8,001 yen per tonne, both readings") {
        const c3p::decimal reduction = d("1000");
        struct edge { long long cost; int contiguous, rounded_points; };
        const edge edges[] = {
            {4'000'000, 5, 5}, {4'000'500, 4, 4}, {4'000'499, 4, 5}, {4'001'000, 4, 4}, {5'000'000, 4, 4},
            {5'000'001, 3, 4}, {7'999'999, 1, 1}, {8'000'000, 1, 1}, {8'000'500, 0, 0}, {8'000'499, 0, 1}, {8'001'000, 0, 0},
        };
        for (const auto& e : edges) {
            CAPTURE(e.cost);
            CHECK(c3p::cost_effectiveness_points(c3p::yen(e.cost), reduction) == e.contiguous);
            CHECK(c3p::cost_effectiveness_points(c3p::yen(e.cost), reduction, rounded()) == e.rounded_points);
        }
        // 4,000.5 half-rounds up to 4,001 (4 points); 4,000.499 rounds to 4,000 (5).
        CHECK(c3p::yen_per_tonne(c3p::yen(4'000'500), reduction) == d("4000.5"));
    }

    TEST_CASE("score: cost-effectiveness is decided by products, not by a rounded quotient") {
        // 20,000,000 / 4,999.999 = 4,000.0008...: above 4,000, so 4 points, though it shows as 4,000.0008.
        CHECK(c3p::cost_effectiveness_points(c3p::yen(20'000'000), d("4999.999")) == 4);
        CHECK(c3p::yen_per_tonne(c3p::yen(20'000'000), d("4999.999")) == d("4000.0008"));
        CHECK(c3p::cost_effectiveness_points(c3p::yen(20'000'000), d("5000")) == 5);
        // 1 / 3 t: the quotient has no decimal end; floored to six places for display.
        CHECK(c3p::yen_per_tonne(c3p::yen(1000), d("3")) == d("333.333333"));
        CHECK(c3p::cost_effectiveness_points(c3p::yen(1), c3p::decimal{}) == 0);  // no reduction
        CHECK_FALSE(c3p::yen_per_tonne(c3p::yen(1), c3p::decimal{}));
    }

    TEST_CASE("score: GHG reduction at 999 / 999.5 / 1,000 and 99,999.5 / 100,000 tonnes, both readings") {
        struct edge { const char* tonnes; int contiguous, rounded_points; };
        const edge edges[] = {
            {"0", 0, 0},          {"999", 0, 0},        {"999.4", 0, 0},     {"999.5", 0, 1},     {"1000", 1, 1},
            {"4999.5", 1, 2},     {"5000", 2, 2},       {"9999", 2, 2},      {"10000", 3, 3},     {"49999.5", 3, 4},
            {"50000", 4, 4},      {"99999", 4, 4},      {"99999.5", 4, 5},   {"100000", 5, 5},    {"1000000", 5, 5},
        };
        for (const auto& e : edges) {
            CAPTURE(e.tonnes);
            CHECK(c3p::ghg_reduction_points(d(e.tonnes)) == e.contiguous);
            CHECK(c3p::ghg_reduction_points(d(e.tonnes), rounded()) == e.rounded_points);
        }
    }

    TEST_CASE("score: the supervising engineer's other projects, one project read as a setting") {
        const int expected[] = {5, 5, 4, 3, 2, 1, 0, 0};
        for (int n = 0; n < 8; ++n) {
            CAPTURE(n);
            CHECK(c3p::engineer_workload_points(n) == expected[n]);
        }
        CHECK(c3p::engineer_workload_points(1, {.one_other_project_points = 4}) == 4);
        CHECK_THROWS_AS((void)c3p::engineer_workload_points(-1), c3p::score_error);
        CHECK(c3p::past_projects_points(0) == 0);
        CHECK(c3p::past_projects_points(1) == 5);
        CHECK(c3p::past_projects_points(2) == 10);
        CHECK(c3p::past_projects_points(3) == 10);
    }

    TEST_CASE("score: the sheet totals 185 for a new and for an ongoing project") {
        int new_total = 0, ongoing_total = 0;
        for (const auto& row : c3p::score_sheet) {
            new_total += row.new_project.value_or(0);
            ongoing_total += row.ongoing_project.value_or(0);
        }
        CHECK(new_total == 185);
        CHECK(ongoing_total == 185);
        CHECK(c3p::find_score_row("past_projects")->computed());
        CHECK_FALSE(c3p::find_score_row("past_projects")->new_project);
        CHECK_FALSE(c3p::find_score_row("nonexistent"));
    }

    TEST_CASE("score: each row is named, in the sheet's order; exactly the four computed rows have a computation") {
        int computed = 0;
        for (std::size_t k = 0; k < c3p::score_row_count; ++k) {
            const auto& row = c3p::score_sheet[k];
            CAPTURE(row.id);
            CHECK(c3p::index(row.row) == k);
            CHECK(&c3p::info(row.row) == &row);
            CHECK(c3p::find_score_row(row.id) == &row);
            computed += row.computed();
        }
        CHECK(computed == 4);
        CHECK(c3p::info(c3p::score_row_id::cost_effectiveness).kind == c3p::score_kind::cost_effectiveness);
        CHECK(c3p::info(c3p::score_row_id::ghg_reduction).kind == c3p::score_kind::ghg_reduction);
        CHECK(c3p::info(c3p::score_row_id::engineer_workload).kind == c3p::score_kind::engineer_workload);
        CHECK(c3p::info(c3p::score_row_id::past_projects).kind == c3p::score_kind::past_projects);
        CHECK(c3p::info(c3p::score_row_id::engineer_suitability).kind == c3p::score_kind::judged);
    }

    TEST_CASE("score: a proposal's sheet: the computed rows from its figures, the judged rows as given") {
        c3p::proposal p{.cost = c3p::yen(46'244'220), .reduction = d("12000"), .engineer_projects = 2};
        p.judge(c3p::score_row_id::overall, 38).judge(c3p::score_row_id::ghg_targets, 10);
        const auto s = c3p::score(p);
        CHECK(s.maximum == 185);
        CHECK(s.total == 38 + 10 + 5 + 3 + 4);
        CHECK(s.row(c3p::score_row_id::cost_effectiveness).points == 5);  // 3,853.685 yen per tonne
        CHECK(s.row(c3p::score_row_id::ghg_reduction).points == 3);       // 12,000 t
        CHECK(s.row(c3p::score_row_id::engineer_workload).points == 4);   // two other projects
        CHECK_FALSE(s.row(c3p::score_row_id::past_achievements).allocation);  // ongoing projects only
        CHECK_FALSE(s.row(c3p::score_row_id::cn_declaration).points);         // judged, not given
        CHECK(s.row(c3p::score_row_id::overall).points == 38);
        CHECK(s.yen_per_tonne == d("3853.685"));
        p.ongoing = true;
        p.past_projects = 2;
        p.judge(c3p::score_row_id::overall, 25);
        const auto ongoing = c3p::score(p);
        CHECK(ongoing.row(c3p::score_row_id::past_projects).points == 10);
        CHECK(ongoing.total == 25 + 10 + 5 + 3 + 4 + 10);
    }

    TEST_CASE("score: a judged row above its allocation, below zero, or where it does not apply, is refused") {
        c3p::proposal p{.cost = c3p::yen(1), .reduction = d("1")};
        p.judged[0] = 50;
        CHECK_NOTHROW((void)c3p::score(p));  // at the allocation
        p.judged[0] = 51;
        CHECK_THROWS_WITH_AS((void)c3p::score(p), "c3p: row overall: 51 points are outside its allocation of 0 to 50",
                             c3p::score_error);
        p.ongoing = true;
        p.judged[0] = 26;  // 25 for an ongoing project
        CHECK_THROWS_AS((void)c3p::score(p), c3p::score_error);
        p.judged[0] = -1;
        CHECK_THROWS_AS((void)c3p::score(p), c3p::score_error);
        p = c3p::proposal{.cost = c3p::yen(1), .reduction = d("1")};
        p.judged[1] = 10;  // past achievements, in a new project
        CHECK_THROWS_WITH_AS((void)c3p::score(p), "c3p: row past_achievements: does not apply to a new project", c3p::score_error);
        p.judged[1].reset();
        p.judged[6] = 5;  // cost-effectiveness is computed
        CHECK_THROWS_WITH_AS((void)c3p::score(p), "c3p: row cost_effectiveness: is computed from the figures, not judged",
                             c3p::score_error);
    }
}
