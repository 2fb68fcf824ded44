#include <c3p/c3p.hpp>

#include <doctest/doctest.h>

#include "support.hpp"

using namespace c3p::literals;
using c3p::item;
using c3p::quantity;

TEST_SUITE("totals") {
    TEST_CASE("totals: the sample C3P budget matches the figures checked by hand") {
        const auto t = c3p::compute(c3p_test::sample_budget());
        CHECK(t.item(item::personnel) == 7'880'000_yen);
        CHECK(t.item(item::honoraria) == 180'000_yen);
        CHECK(t.item(item::overseas_travel) == 1'872'000_yen);
        CHECK(t.item(item::domestic_travel) == 104'181_yen);  // 28,650 x 4 x 10/11 = 104,181.81...
        CHECK(t.item(item::meeting) == 60'000_yen);
        CHECK(t.item(item::miscellaneous) == 310'000_yen);
        CHECK(t.item(item::printing_binding) == 120'000_yen);
        CHECK(t.item(item::consumables) == 330'000_yen);
        CHECK(t.item(item::communication_logistics) == 30'000_yen);
        CHECK(t.item(item::outsourcing) == 2'500'000_yen);
        CHECK(t.item(item::equipment) == 0_yen);
        CHECK(t.category(c3p::category::personnel) == 8'060'000_yen);
        CHECK(t.category(c3p::category::operating) == 5'476'181_yen);
        CHECK(t.direct() == 13'536'181_yen);
        CHECK(t.group(c3p::group::direct) == 13'536'181_yen);
        CHECK(t.joint_implementation() == 1'200'000_yen);
        CHECK(t.general_admin_base == 11'036'181_yen);  // outsourcing is not in the G&A base
        CHECK(t.general_admin() == 1'103'618_yen);
        CHECK(t.group(c3p::group::indirect) == 1'103'618_yen);
        CHECK(t.pre_tax == 15'839'799_yen);
        CHECK(t.consumption_tax() == 1'583'979_yen);
        CHECK(t.total == 17'423'778_yen);
        CHECK(t.cap == 20'000'000_yen);
        CHECK(t.headroom() == 2'576'222_yen);
        CHECK(c3p::validate(c3p_test::sample_budget()).empty());
    }

    TEST_CASE("totals: items add up to their categories and groups, and total is pre-tax plus tax") {
        const auto t = c3p::compute(c3p_test::sample_budget());
        c3p::yen all_items;
        for (const auto& entry : c3p::item_table) all_items += t.item(entry.id);
        c3p::yen all_groups;
        for (const auto& entry : c3p::group_table) all_groups += t.group(entry.id);
        CHECK(all_items == t.total);
        CHECK(all_groups == t.total);
        CHECK(t.pre_tax + t.consumption_tax() == t.total);
    }

    TEST_CASE("totals: a tax-inclusive line is one rounding of the exact product") {
        c3p::budget b;
        // 3 x 110 inclusive = 330 x 10/11 = 300 exactly; rounding per unit would give the same,
        // but 3 x 105 = 315 x 10/11 = 286.36 must give 286, not 3 x floor(95.45) = 285.
        b.add<c3p::items::meeting>("tea", 105_yen, quantity(3), {.basis = c3p::price_basis::inclusive});
        CHECK(c3p::compute(b).item(item::meeting) == 286_yen);
        CHECK(c3p::line_amount(b.lines()[0]) == 286_yen);
        CHECK(c3p::line_amount(c3p::line{.item = item::meeting, .unit_price = 110_yen,
                                         .basis = c3p::price_basis::inclusive}) == 100_yen);
    }

    TEST_CASE("totals: the policy's rounding applies at each step") {
        c3p::budget b;
        b.add<c3p::items::wages>("w", c3p::yen::parse("100.5"), quantity(1));
        b.set_general_admin_rate(c3p::rate::fraction(1, 3));
        auto p = c3p::fy2025;
        CHECK(c3p::compute(b, p).item(item::wages) == 100_yen);
        p.line_rounding = c3p::rounding::half_even;
        CHECK(c3p::compute(b, p).item(item::wages) == 100_yen);
        p.line_rounding = c3p::rounding::half_up;
        const auto t = c3p::compute(b, p);
        CHECK(t.item(item::wages) == 101_yen);
        CHECK(t.general_admin() == 33_yen);  // 101 / 3 = 33.67 floored
        p.general_admin_rounding = c3p::rounding::ceiling;
        CHECK(c3p::compute(b, p).general_admin() == 34_yen);
        p.tax_rounding = c3p::rounding::ceiling;
        CHECK(c3p::compute(b, p).consumption_tax() == 14_yen);  // 135 x 10% = 13.5
        p.line_rounding = c3p::rounding::never;
        CHECK_THROWS_AS((void)c3p::compute(b, p), c3p::inexact_error);
    }

    TEST_CASE("totals: G&A base options and absent rate") {
        c3p::budget b;
        b.add<c3p::items::personnel>("p", 1'000'000_yen).add<c3p::items::outsourcing>("o", 500'000_yen);
        CHECK(c3p::compute(b).general_admin() == 0_yen);  // no agreed rate
        b.set_general_admin_rate(c3p::rate::percent(10));
        CHECK(c3p::compute(b).general_admin() == 100'000_yen);
        auto p = c3p::fy2025;
        p.general_admin_of = c3p::general_admin_base::direct;
        CHECK(c3p::compute(b, p).general_admin() == 150'000_yen);
    }

    TEST_CASE("totals: stated G&A replaces the computed one and stated tax never does") {
        c3p::budget b;
        b.add<c3p::items::personnel>("p", 1'000'000_yen);
        b.set_general_admin_rate(c3p::rate::percent(10));
        b.state<c3p::items::general_admin>(60'000_yen).state<c3p::items::general_admin>(20'000_yen);
        b.state<c3p::items::consumption_tax>(1_yen);
        const auto t = c3p::compute(b);
        CHECK(t.general_admin_maximum == 100'000_yen);
        CHECK(t.general_admin_stated == 80'000_yen);
        CHECK(t.general_admin() == 80'000_yen);
        CHECK(t.pre_tax == 1'080'000_yen);
        CHECK(t.consumption_tax_stated == 1_yen);
        CHECK(t.consumption_tax() == 108'000_yen);
        CHECK(t.total == 1'188'000_yen);
    }

    TEST_CASE("totals: the uplift is granted only with a field-survey line and only up to the maximum") {
        c3p::budget b;
        b.add<c3p::items::personnel>("p", 1'000_yen);
        b.set_uplift(3'000'000_yen);
        CHECK(c3p::compute(b).cap == 20'000'000_yen);
        b.add<c3p::items::overseas_travel>("wind survey", 1'000_yen, quantity(1), {.field_survey = true});
        CHECK(c3p::compute(b).cap == 23'000'000_yen);
        b.set_uplift(9'000'000_yen);
        CHECK(c3p::compute(b).granted_uplift == 5'000'000_yen);
        CHECK(c3p::compute(b).cap == 25'000'000_yen);
    }
}
