#include <c3p/classify.hpp>

#include <doctest/doctest.h>

using namespace c3p::literals;
using c3p::consumable_reason;
using c3p::item;
using c3p::price_basis;

TEST_SUITE("classify") {
    TEST_CASE("classify: at the threshold is equipment, one yen below is a consumable") {
        CHECK(c3p::classify(200'000_yen, price_basis::inclusive) == item::equipment);
        CHECK(c3p::classify(199'999_yen, price_basis::inclusive) == item::consumables);
        CHECK(c3p::classify(200'001_yen, price_basis::inclusive) == item::equipment);
        CHECK(c3p::classify(200'000_yen, price_basis::untaxed) == item::equipment);
        CHECK(c3p::classify(199'999_yen, price_basis::untaxed) == item::consumables);
    }

    TEST_CASE("classify: exclusive prices are judged with tax added, exactly") {
        CHECK(c3p::classify(181'818_yen) == item::consumables);  // 199,999.8
        CHECK(c3p::classify(181'819_yen) == item::equipment);    // 200,000.9
        CHECK(c3p::unit_cost(181'819_yen, price_basis::exclusive) == c3p::yen::parse("200000.9"));
    }

    TEST_CASE("classify: an exception keeps any price a consumable") {
        for (auto reason : {consumable_reason::not_reusable, consumable_reason::fragile, consumable_reason::short_life})
            CHECK(c3p::classify(9'000'000_yen, price_basis::exclusive, reason) == item::consumables);
    }

    TEST_CASE("classify: the tax-exclusive basis takes tax out of inclusive prices") {
        auto p = c3p::fy2025;
        p.equipment_basis = c3p::threshold_basis::tax_exclusive;
        CHECK(c3p::classify(220'000_yen, price_basis::inclusive, consumable_reason::none, p) == item::equipment);
        CHECK(c3p::classify(219'999_yen, price_basis::inclusive, consumable_reason::none, p) == item::consumables);
        CHECK(c3p::classify(200'000_yen, price_basis::exclusive, consumable_reason::none, p) == item::equipment);
        CHECK(c3p::classify(199'999_yen, price_basis::exclusive, consumable_reason::none, p) == item::consumables);
    }
}
