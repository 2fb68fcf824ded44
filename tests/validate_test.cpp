#include <c3p/c3p.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support.hpp"

using namespace c3p::literals;
using c3p::item;
using c3p::price_basis;
using c3p::quantity;
using c3p::rule;
using c3p::severity;

namespace {

// "a, b, c": readable when a check fails.
c3p::decimal d(long long value) { return c3p::decimal(value); }

/// A budget that says outright it claims no G&A (a rate of 0), so the reminder
/// general_admin.not_claimed stays out of the tests about other rules.
c3p::budget without_general_admin() {
    c3p::budget b;
    b.set_general_admin_rate(c3p::rate{});
    return b;
}

c3p::budget one_line(item booked, const c3p::yen& unit_price, price_basis basis = price_basis::exclusive,
                     c3p::consumable_reason reason = c3p::consumable_reason::none) {
    auto b = without_general_admin();
    b.add(c3p::line{.item = booked, .description = "x", .unit_price = unit_price, .basis = basis, .reason = reason});
    return b;
}

bool has(const std::vector<c3p::violation>& violations, rule r) {
    for (const auto& v : violations)
        if (v.rule == r) return true;
    return false;
}

}  // namespace

TEST_SUITE("validate") {
    TEST_CASE("cap: exactly reached passes and one yen of pre-tax more is flagged with its figures") {
        auto at = without_general_admin();
        at.add<c3p::items::personnel>("staff", 18'181'819_yen);
        CHECK(c3p::compute(at).total == 20'000'000_yen);
        CHECK(c3p::validate(at).empty());

        auto over = without_general_admin();
        over.add<c3p::items::personnel>("staff", 18'181'820_yen);
        const auto v = c3p::validate(over);
        REQUIRE(v.size() == 1);
        CHECK(v[0].code() == "cap.exceeded");
        CHECK(v[0].severity == severity::error);
        CHECK_FALSE(v[0].line);
        CHECK_FALSE(v[0].item);
        CHECK(v[0].actual == d(20'000'002));
        CHECK(v[0].limit == d(20'000'000));
        CHECK(c3p::describe(v[0]) == "total 20,000,002 yen exceeds the cap of 20,000,000 yen");

        auto below = without_general_admin();
        below.add<c3p::items::personnel>("staff", 18'181'818_yen);
        CHECK(c3p::validate(below).empty());
    }

    TEST_CASE("equipment: the threshold on the tax-inclusive basis, at, one below and one above") {
        SUBCASE("inclusive prices are judged as given") {
            CHECK_FALSE(has(c3p::validate(one_line(item::equipment, 200'000_yen, price_basis::inclusive)),
                            rule::equipment_below_threshold));
            CHECK_FALSE(has(c3p::validate(one_line(item::equipment, 200'001_yen, price_basis::inclusive)),
                            rule::equipment_below_threshold));
            const auto v = c3p::validate(one_line(item::equipment, 199'999_yen, price_basis::inclusive));
            REQUIRE(v.size() == 2);
            CHECK(v[0].code() == "equipment.below_threshold");
            CHECK(v[0].severity == severity::error);
            CHECK(v[0].line == 0u);
            CHECK(v[0].item == item::equipment);
            CHECK(v[0].actual == d(199'999));
            CHECK(v[0].limit == d(200'000));
            CHECK(c3p::describe(v[0]) ==
                  "equipment unit cost 199,999 yen (tax included) is below the 200,000 yen threshold; book it as consumables");
            CHECK(v[1].code() == "equipment.needs_approval");
            CHECK(v[1].severity == severity::warning);
        }
        SUBCASE("exclusive prices get 10% added, exactly") {
            // 181,818 x 1.1 = 199,999.8 (below); 181,819 x 1.1 = 200,000.9 (above).
            const auto below = c3p::validate(one_line(item::equipment, 181'818_yen));
            REQUIRE(has(below, rule::equipment_below_threshold));
            CHECK(below[0].actual == c3p::decimal::parse("199999.8"));
            CHECK_FALSE(has(c3p::validate(one_line(item::equipment, 181'819_yen)), rule::equipment_below_threshold));
            // 200,000 / 1.1 = 181,818.18...: the nearest representable prices either side.
            CHECK(has(c3p::validate(one_line(item::equipment, c3p::yen::parse("181818.181818"))),
                      rule::equipment_below_threshold));
            CHECK_FALSE(has(c3p::validate(one_line(item::equipment, c3p::yen::parse("181818.181819"))),
                            rule::equipment_below_threshold));
        }
        SUBCASE("untaxed prices are judged as given") {
            CHECK(has(c3p::validate(one_line(item::equipment, 199'999_yen, price_basis::untaxed)),
                      rule::equipment_below_threshold));
            CHECK_FALSE(has(c3p::validate(one_line(item::equipment, 200'000_yen, price_basis::untaxed)),
                            rule::equipment_below_threshold));
        }
    }

    TEST_CASE("equipment: the threshold on the tax-exclusive basis") {
        auto p = c3p::fy2025;
        p.equipment_basis = c3p::threshold_basis::tax_exclusive;
        CHECK_FALSE(has(c3p::validate(one_line(item::equipment, 200'000_yen), p), rule::equipment_below_threshold));
        CHECK(has(c3p::validate(one_line(item::equipment, 199'999_yen), p), rule::equipment_below_threshold));
        CHECK_FALSE(has(c3p::validate(one_line(item::equipment, 200'001_yen), p), rule::equipment_below_threshold));
        // 220,000 inclusive is 200,000 exclusive; 219,999 is 199,999.09...
        CHECK_FALSE(has(c3p::validate(one_line(item::equipment, 220'000_yen, price_basis::inclusive), p),
                        rule::equipment_below_threshold));
        const auto v = c3p::validate(one_line(item::equipment, 219'999_yen, price_basis::inclusive), p);
        REQUIRE(has(v, rule::equipment_below_threshold));
        CHECK(v[0].actual == c3p::decimal::parse("199999.090909"));  // floored to a millionth for display
        CHECK(c3p::describe(v[0]) ==
              "equipment unit cost 199,999.090909 yen (tax excluded) is below the 200,000 yen threshold; book it as consumables");
    }

    TEST_CASE("equipment: every equipment line gets the approval warning") {
        const auto v = c3p::validate(one_line(item::equipment, 300'000_yen));
        REQUIRE(v.size() == 1);
        CHECK(v[0].code() == "equipment.needs_approval");
        CHECK(v[0].actual == d(300'000));
        CHECK(c3p::describe(v[0]) == "equipment of 300,000 yen may be purchased only where the project guidelines allow it");
    }

    TEST_CASE("consumables: at the threshold without an exception is an error, one below is not") {
        CHECK(c3p::validate(one_line(item::consumables, 199'999_yen, price_basis::inclusive)).empty());
        CHECK(c3p::validate(one_line(item::consumables, 181'818_yen)).empty());  // 199,999.8 incl.
        const auto at = c3p::validate(one_line(item::consumables, 200'000_yen, price_basis::inclusive));
        REQUIRE(at.size() == 1);
        CHECK(at[0].code() == "consumable.at_or_above_threshold");
        CHECK(at[0].actual == d(200'000));
        CHECK(at[0].limit == d(200'000));
        CHECK(c3p::describe(at[0]) ==
              "consumable unit cost 200,000 yen (tax included) is at or above the 200,000 yen threshold without an "
              "exception (not_reusable, fragile or short_life); book it as equipment");
        CHECK(has(c3p::validate(one_line(item::consumables, 200'001_yen, price_basis::inclusive)),
                  rule::consumable_at_or_above_threshold));
        CHECK(has(c3p::validate(one_line(item::consumables, 181'819_yen)), rule::consumable_at_or_above_threshold));
    }

    TEST_CASE("consumables: each exception keeps an expensive item a consumable") {
        for (auto reason : {c3p::consumable_reason::not_reusable, c3p::consumable_reason::fragile,
                            c3p::consumable_reason::short_life}) {
            CAPTURE(to_string(reason));
            CHECK(c3p::validate(one_line(item::consumables, 5'000'000_yen, price_basis::exclusive, reason)).empty());
        }
    }

    TEST_CASE("consumables: the threshold is judged per unit, never on the line total") {
        auto b = without_general_admin();
        b.add<c3p::items::consumables>("Loggers", 150'000_yen, quantity(10));  // 1,500,000 in all
        CHECK(c3p::validate(b).empty());
    }

    TEST_CASE("outsourcing: exactly half is allowed and one yen over is flagged") {
        const auto with = [](const c3p::yen& outsourced) {
            auto b = without_general_admin();
            b.add<c3p::items::personnel>("staff", 1'000'000_yen).add<c3p::items::outsourcing>("consultant", outsourced);
            return b;
        };
        CHECK(c3p::validate(with(999'999_yen)).empty());
        CHECK(c3p::validate(with(1'000'000_yen)).empty());  // 2 x 1,000,000 = pre-tax 2,000,000
        const auto v = c3p::validate(with(1'000'001_yen));
        REQUIRE(v.size() == 1);
        CHECK(v[0].code() == "outsourcing.over_half");
        CHECK(v[0].severity == severity::error);
        CHECK(v[0].item == item::outsourcing);
        CHECK(v[0].actual == d(1'000'001));
        CHECK(v[0].limit == c3p::decimal::parse("1000000.5"));
        CHECK(c3p::describe(v[0]) == "outsourcing 1,000,001 yen exceeds 50% of the pre-tax total 2,000,001 yen (1,000,000.5 yen)");

        auto justified = with(1'000'001_yen);
        justified.set_outsourcing_justified(true);
        const auto w = c3p::validate(justified);
        REQUIRE(w.size() == 1);
        CHECK(w[0].severity == severity::warning);
        CHECK(c3p::describe(w[0]).ends_with("; marked as justified"));
    }

    TEST_CASE("outsourcing: the policy may count joint implementation and use the literal base") {
        auto b = without_general_admin();
        b.add<c3p::items::personnel>("staff", 1'000'000_yen)
            .add<c3p::items::outsourcing>("consultant", 600'000_yen)
            .add<c3p::items::joint_implementation>("city", 600'000_yen);
        CHECK(c3p::validate(b).empty());  // 600,000 of 2,200,000
        auto p = c3p::fy2025;
        p.outsourcing_counts = c3p::outsourcing_numerator::outsourcing_and_joint_implementation;
        CHECK(has(c3p::validate(b, p), rule::outsourcing_over_half));  // 1,200,000 of 2,200,000
        p = c3p::fy2025;
        p.outsourcing_of = c3p::outsourcing_base::personnel_operating_general_admin;
        CHECK(c3p::validate(b, p).empty());  // 600,000 of 1,600,000
        b.add<c3p::items::outsourcing>("more", 400'001_yen);  // 1,000,001 of 2,000,001
        CHECK(has(c3p::validate(b, p), rule::outsourcing_over_half));
        CHECK_FALSE(has(c3p::validate(b), rule::outsourcing_over_half));  // of 2,600,001 pre-tax
    }

    TEST_CASE("uplift: 5,000,000 is the most and needs a field-survey line") {
        const auto with = [](const c3p::yen& uplift, bool survey) {
            auto b = without_general_admin();
            b.add<c3p::items::overseas_travel>("wind condition survey", 1'000_yen, quantity(1), {.field_survey = survey});
            b.set_uplift(uplift);
            return b;
        };
        CHECK(c3p::validate(with(4'999'999_yen, true)).empty());
        CHECK(c3p::validate(with(5'000'000_yen, true)).empty());
        const auto over = c3p::validate(with(5'000'001_yen, true));
        REQUIRE(over.size() == 1);
        CHECK(over[0].code() == "uplift.over_maximum");
        CHECK_FALSE(over[0].item);
        CHECK(over[0].actual == d(5'000'001));
        CHECK(over[0].limit == d(5'000'000));
        CHECK(c3p::describe(over[0]) == "requested uplift 5,000,001 yen exceeds the maximum of 5,000,000 yen");

        const auto no_survey = c3p::validate(with(1_yen, false));
        REQUIRE(no_survey.size() == 1);
        CHECK(no_survey[0].code() == "uplift.without_field_survey");
        CHECK(no_survey[0].actual == d(1));
        CHECK(no_survey[0].limit == d(0));
        CHECK(c3p::validate(with(0_yen, false)).empty());
        CHECK(c3p_test::joined_codes(c3p::validate(with(5'000'001_yen, false))) ==
              "uplift.over_maximum, uplift.without_field_survey");
    }

    TEST_CASE("uplift: the granted uplift raises the cap by at most 5,000,000") {
        auto b = without_general_admin();
        b.add<c3p::items::overseas_travel>("environmental assessment", 22'727'273_yen, quantity(1),
                                           {.field_survey = true});  // total 25,000,000 with tax
        b.set_uplift(5'000'000_yen);
        CHECK(c3p::compute(b).total == 25'000'000_yen);
        CHECK(c3p::validate(b).empty());
        b.set_uplift(4'999'999_yen);
        CHECK(c3p_test::joined_codes(c3p::validate(b)) == "cap.exceeded");
    }

    TEST_CASE("general_admin: stated G&A at, one below and one above the agreed rate") {
        const auto with = [](const c3p::yen& stated, bool agreed) {
            c3p::budget b;
            b.add<c3p::items::personnel>("staff", 10'000'000_yen);
            if (agreed) b.set_general_admin_rate(c3p::rate::percent(10));
            b.state<c3p::items::general_admin>(stated);
            return b;
        };
        CHECK(c3p::validate(with(999'999_yen, true)).empty());
        CHECK(c3p::validate(with(1'000'000_yen, true)).empty());
        const auto over = c3p::validate(with(1'000'001_yen, true));
        REQUIRE(over.size() == 1);
        CHECK(over[0].code() == "general_admin.over_rate");
        CHECK(over[0].item == item::general_admin);
        CHECK_FALSE(over[0].line);
        CHECK(over[0].actual == d(1'000'001));
        CHECK(over[0].limit == d(1'000'000));
        CHECK(c3p::describe(over[0]) ==
              "stated general and administrative costs 1,000,001 yen exceed 10% of the base 10,000,000 yen (1,000,000 yen)");

        const auto missing = c3p::validate(with(1_yen, false));
        REQUIRE(missing.size() == 1);
        CHECK(missing[0].code() == "general_admin.rate_missing");
        CHECK(c3p::describe(missing[0]) == "general and administrative costs of 1 yen are stated but no agreed G&A rate is given");
    }

    TEST_CASE("consumption_tax: a stated tax must equal the computed one") {
        const auto with = [](const c3p::yen& stated) {
            auto b = without_general_admin();
            b.add<c3p::items::personnel>("staff", 18'181'819_yen);
            b.state<c3p::items::consumption_tax>(stated);
            return b;
        };
        CHECK(c3p::validate(with(1'818'181_yen)).empty());
        for (const auto& wrong : {1'818'180_yen, 1'818'182_yen}) {
            const auto v = c3p::validate(with(wrong));
            REQUIRE(v.size() == 1);
            CHECK(v[0].code() == "consumption_tax.mismatch");
            CHECK(v[0].item == item::consumption_tax);
            CHECK(v[0].actual == wrong.value());
            CHECK(v[0].limit == d(1'818'181));
        }
        CHECK(c3p::describe(c3p::validate(with(1'818'182_yen))[0]) ==
              "stated consumption tax 1,818,182 yen differs from the computed 1,818,181 yen (10% of 18,181,819 yen)");
    }

    TEST_CASE("line: negative prices and quantities are errors and zero amounts warnings") {
        auto b = without_general_admin();
        b.add<c3p::items::wages>("refund", -1_yen)
            .add<c3p::items::wages>("returned", 1'000_yen, quantity(-1))
            .add<c3p::items::wages>("free", 0_yen)
            .add<c3p::items::wages>("tiny", c3p::yen::parse("0.4"));
        const auto v = c3p::validate(b);
        CHECK(c3p_test::joined_codes(v) == "line.negative_amount, line.negative_amount, line.zero_amount, line.zero_amount");
        CHECK(v[0].line == 0u);
        CHECK(v[0].actual == d(-1));
        CHECK(v[0].limit == d(0));
        CHECK(c3p::describe(v[0]) == "unit price -1 yen is below zero");
        CHECK(v[1].line == 1u);
        CHECK(v[1].actual == d(-1));
        CHECK(c3p::describe(v[1]) == "quantity -1 is below zero");
        CHECK(v[2].line == 2u);
        CHECK(v[2].severity == severity::warning);
        CHECK(c3p::describe(v[2]) == "line amount is 0 yen");
        CHECK(v[3].line == 3u);  // 0.4 yen floors to 0
    }

    TEST_CASE("validate: rules apply to stated lines too") {
        auto b = without_general_admin();
        b.add<c3p::items::personnel>("staff", 1'000_yen);
        b.set_general_admin_rate(c3p::rate::percent(10));
        b.state<c3p::items::general_admin>(-5_yen);
        const auto v = c3p::validate(b);
        REQUIRE(v.size() == 1);
        CHECK(v[0].code() == "line.negative_amount");
        CHECK(v[0].item == item::general_admin);
    }

    TEST_CASE("validate: every violation is listed in the SPEC's order, none is dropped") {
        c3p::budget b;
        b.add<c3p::items::consumables>("server", 300'000_yen)                    // line 0
            .add<c3p::items::equipment>("cable", 1'000_yen)                       // line 1
            .add<c3p::items::wages>("nothing", 0_yen)                             // line 2
            .add<c3p::items::outsourcing>("everything", 30'000'000_yen)           // line 3
            .add<c3p::items::wages>("refund", -100_yen, quantity(0));             // line 4
        b.state<c3p::items::general_admin>(100_yen);
        b.state<c3p::items::consumption_tax>(1_yen);
        b.set_uplift(6'000'000_yen);
        const auto v = c3p::validate(b);
        CHECK(c3p_test::joined_codes(v) == "consumable.at_or_above_threshold, equipment.below_threshold, equipment.needs_approval, line.zero_amount, line.negative_amount, line.zero_amount, general_admin.rate_missing, consumption_tax.mismatch, outsourcing.over_half, uplift.over_maximum, uplift.without_field_survey, cap.exceeded");
        const std::vector<std::optional<std::size_t>> lines{0u, 1u, 1u, 2u, 4u, 4u, {}, {}, {}, {}, {}, {}};
        for (std::size_t i = 0; i < v.size(); ++i) CHECK(v[i].line == lines[i]);
        CHECK(c3p::check(b).has_errors());
    }

    TEST_CASE("validate: warnings alone are not errors") {
        auto b = without_general_admin();
        b.add<c3p::items::equipment>("analyser", 500'000_yen);
        const auto result = c3p::check(b);
        REQUIRE(result.violations.size() == 1);
        CHECK(result.violations[0].severity == severity::warning);
        CHECK_FALSE(result.has_errors());
        b.add<c3p::items::wages>("refund", -1_yen);
        CHECK(c3p::check(b).has_errors());
    }

    TEST_CASE("validate: a user-defined year's figures are used throughout") {
        constexpr c3p::policy fy2030 = [] {
            auto p = c3p::fy2025;
            p.name = "fy2030";
            p.cap = 30'000'000_yen;
            p.consumption_tax = c3p::rate::percent(12);
            p.equipment_threshold = 300'000_yen;
            return p;
        }();
        auto b = without_general_admin();
        b.add<c3p::items::personnel>("staff", 26'785'714_yen);  // x 1.12 = 29,999,999.68
        b.add<c3p::items::equipment>("logger", 267'857_yen);   // x 1.12 = 299,999.84: below 300,000
        const auto v = c3p::validate(b, fy2030);
        CHECK(c3p_test::joined_codes(v) == "equipment.below_threshold, equipment.needs_approval, cap.exceeded");
        CHECK(v[2].limit == d(30'000'000));
    }

    TEST_CASE("validate: the sample budget is clean and its warnings appear when rules are bent") {
        auto b = c3p_test::sample_budget();
        CHECK(c3p::validate(b).empty());
        // 2 x 13,500,000 = 27,000,000 > pre-tax 26,839,799
        b.add<c3p::items::outsourcing>("second consultant", 11'000'000_yen);
        CHECK(c3p_test::joined_codes(c3p::validate(b)) == "outsourcing.over_half, cap.exceeded");
    }

    TEST_CASE("validate: an empty budget and a forgotten G&A rate are warned, an explicit 0% is not") {
        const auto empty = c3p::validate(c3p::budget{});
        CHECK(c3p_test::joined_codes(empty) == "budget.empty");
        CHECK(empty[0].severity == severity::warning);

        c3p::budget forgot;
        forgot.add<c3p::items::wages>("staff", 1_yen);  // a G&A base of one yen is enough
        const auto v = c3p::validate(forgot);
        REQUIRE(c3p_test::joined_codes(v) == "general_admin.not_claimed");
        CHECK(v[0].severity == severity::warning);
        CHECK(v[0].item == item::general_admin);
        CHECK(v[0].actual == d(1));

        auto said_zero = forgot;
        said_zero.set_general_admin_rate(c3p::rate{});
        CHECK(c3p::validate(said_zero).empty());

        auto stated = forgot;
        stated.add(c3p::line{.item = item::general_admin, .description = "G&A as agreed", .unit_price = 0_yen});
        CHECK_FALSE(has(c3p::validate(stated), rule::general_admin_not_claimed));

        // Nothing to claim G&A on: all operating costs outsourced, or only joint implementation.
        c3p::budget no_base;
        no_base.add<c3p::items::outsourcing>("consultant", 1'000'000_yen);
        no_base.add<c3p::items::joint_implementation>("partner city", 1'000'000_yen);
        CHECK_FALSE(has(c3p::validate(no_base), rule::general_admin_not_claimed));
    }
}
