#include <c3p/c3p.hpp>
#include <c3p/totals.hpp>

#include <doctest/doctest.h>

using namespace c3p::literals;
using c3p::item;
using c3p::quantity;

TEST_SUITE("budget") {
    TEST_CASE("budget: the typed and the runtime API build the same budget") {
        c3p::budget typed;
        typed.add<c3p::items::consumables>("Reagents", 250'000_yen, quantity(2),
                                            {.basis = c3p::price_basis::inclusive,
                                             .reason = c3p::consumable_reason::not_reusable,
                                             .field_survey = true});
        typed.state<c3p::items::general_admin>(1'000_yen, "G&A");

        c3p::budget runtime;
        runtime.add(c3p::line{.item = item::consumables,
                              .description = "Reagents",
                              .unit_price = 250'000_yen,
                              .quantity = quantity(2),
                              .basis = c3p::price_basis::inclusive,
                              .reason = c3p::consumable_reason::not_reusable,
                              .field_survey = true});
        runtime.add(c3p::line{.item = item::general_admin, .description = "G&A", .unit_price = 1'000_yen,
                              .basis = c3p::price_basis::untaxed});

        REQUIRE(typed.size() == runtime.size());
        for (std::size_t i = 0; i < typed.size(); ++i) {
            const auto& a = typed.lines()[i];
            const auto& b = runtime.lines()[i];
            CHECK(a.item == b.item);
            CHECK(a.description == b.description);
            CHECK(a.unit_price == b.unit_price);
            CHECK(a.quantity == b.quantity);
            CHECK(a.basis == b.basis);
            CHECK(a.reason == b.reason);
            CHECK(a.field_survey == b.field_survey);
            CHECK(c3p::line_amount(a) == c3p::line_amount(b));
        }
        CHECK(typed.has_field_survey());
        CHECK(c3p::compute(typed).item(item::consumables) == c3p::compute(runtime).item(item::consumables));
    }

    TEST_CASE("budget: a line keeps its exact price and quantity; its amount is one rounding of their product") {
        c3p::budget b;
        b.add<c3p::items::wages>("Assistant", c3p::yen::parse("1050.5"), quantity::parse("7.5"));  // 7,878.75
        CHECK(b.lines()[0].unit_price == c3p::yen::parse("1050.5"));
        CHECK(b.lines()[0].quantity == quantity::parse("7.5"));
        CHECK(c3p::line_amount(b.lines()[0]) == 7'878_yen);
        auto half_up = c3p::fy2025;
        half_up.line_rounding = c3p::rounding::half_up;
        CHECK(c3p::line_amount(b.lines()[0], half_up) == 7'879_yen);
    }

    TEST_CASE("budget: a line's file line is kept when given, and unknown otherwise") {
        c3p::budget b;
        b.add(c3p::line{.item = item::wages, .unit_price = 1_yen}, 7);
        b.add(c3p::line{.item = item::wages, .unit_price = 2_yen});
        CHECK(b.source_line(0) == 7u);
        CHECK_FALSE(b.source_line(1));
        CHECK_FALSE(b.source_line(2));
        c3p::budget none;
        none.add(c3p::line{.item = item::wages, .unit_price = 1_yen});
        CHECK_FALSE(none.source_line(0));
    }

    TEST_CASE("budget: terms refuse values outside their range") {
        c3p::budget b;
        CHECK_THROWS_WITH_AS((void)b.set_general_admin_rate(c3p::rate::percent(101)),
                             "c3p: a G&A rate must be between 0 and 100%, not 101%", std::invalid_argument);
        CHECK_NOTHROW((void)b.set_general_admin_rate(c3p::rate::percent(100)));
        CHECK_NOTHROW((void)b.set_general_admin_rate(std::nullopt));
        CHECK_FALSE(b.general_admin_rate());
        CHECK_THROWS_WITH_AS((void)b.set_uplift(-5_yen), "c3p: an uplift must not be negative, not -5 yen",
                             std::invalid_argument);
        b.set_uplift(5'000'000_yen).set_outsourcing_justified(true);
        CHECK(b.uplift() == 5'000'000_yen);
        CHECK(b.outsourcing_justified());
    }

    TEST_CASE("budget: a line whose price times quantity overflows is refused and the budget is unchanged") {
        c3p::budget b;
        CHECK_THROWS_AS((void)b.add<c3p::items::wages>("x", c3p::yen::parse("100000000000000000000000000000"),
                                                 quantity::parse("100000000000")),
                        c3p::overflow_error);
        CHECK(b.empty());
    }

    TEST_CASE("budget: price basis and consumable reason names round-trip") {
        for (auto basis : {c3p::price_basis::exclusive, c3p::price_basis::inclusive, c3p::price_basis::untaxed})
            CHECK(c3p::price_basis_from_string(to_string(basis)) == basis);
        for (auto reason : {c3p::consumable_reason::none, c3p::consumable_reason::not_reusable,
                            c3p::consumable_reason::fragile, c3p::consumable_reason::short_life})
            CHECK(c3p::consumable_reason_from_string(to_string(reason)) == reason);
        CHECK_FALSE(c3p::price_basis_from_string("Exclusive"));
        CHECK_FALSE(c3p::consumable_reason_from_string("broken"));
    }
}
