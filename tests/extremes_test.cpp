// Extremes: amounts up to 10^30 yen, quantities with many digits, a million lines. Every figure
// is exact or a clear c3p::overflow_error; never a wrapped value, never undefined behaviour.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace c3p::literals;
using c3p::item;
using c3p::quantity;
using c3p::yen;

TEST_SUITE("extremes") {
    TEST_CASE("extremes: a budget of 10^30 yen is computed exactly") {
        c3p::budget b;
        b.add<c3p::items::personnel>("a great many engineers", yen::parse("1000000000000000000000000000000"));
        b.set_general_admin_rate(c3p::rate::percent(10));
        const auto t = c3p::compute(b);
        CHECK(to_string(t.general_admin()) == "100000000000000000000000000000");
        CHECK(to_string(t.pre_tax) == "1100000000000000000000000000000");
        CHECK(to_string(t.consumption_tax()) == "110000000000000000000000000000");
        CHECK(to_string(t.total) == "1210000000000000000000000000000");
        CHECK(to_string(t.headroom()) == "-1209999999999999999999980000000");
        const auto v = c3p::validate(b);
        REQUIRE(v.size() == 1);
        CHECK(c3p::describe(v[0]) == "total 1,210,000,000,000,000,000,000,000,000,000 yen exceeds the cap of 20,000,000 yen");
    }

    TEST_CASE("extremes: quantities with many digits multiply exactly") {
        const auto product = yen::parse("0.000001") * quantity::parse("123456789012345678901234567.123456");
        CHECK(product.round(c3p::rounding::floor) == yen::parse("123456789012345678901"));
        CHECK(product.floor_to_millionths() == c3p::decimal::parse("123456789012345678901.234567"));
        CHECK((yen::parse("999999999999999.999999") * quantity::parse("999999999999999.999999")).round(c3p::rounding::floor) ==
              yen::parse("999999999999999999998000000000"));  // (10^15 - 10^-6)^2 = 10^30 - 2x10^9 + 10^-12
        CHECK((yen::parse("1000000000000000000000000000000") * quantity::parse("0.000001")).round(c3p::rounding::never) ==
              yen::parse("1000000000000000000000000"));
    }

    TEST_CASE("extremes: beyond the representation is a clear error, at every step") {
        c3p::budget b;
        CHECK_THROWS_WITH_AS((void)b.add<c3p::items::wages>("x", yen::parse("1000000000000000000000000000000"), quantity(1000)),
                             "c3p: multiplication overflows the exact representation (magnitude limit 2^128 - 1 "
                             "millionths of a yen)",
                             c3p::overflow_error);
        // Each line fits; their sum does not: compute refuses instead of wrapping.
        for (int i = 0; i < 3; ++i) b.add<c3p::items::wages>("x", yen::parse("200000000000000000000000000000000"));
        CHECK_THROWS_AS((void)c3p::compute(b), c3p::overflow_error);
        CHECK_THROWS_AS((void)c3p::validate(b), c3p::overflow_error);
        // One line whose tax alone overflows.
        c3p::budget taxed;
        taxed.add<c3p::items::wages>("x", yen::parse("340000000000000000000000000000000"));
        CHECK_THROWS_AS((void)c3p::compute(taxed), c3p::overflow_error);
    }

    TEST_CASE("extremes: a budget of a million lines sums exactly") {
        constexpr long long n = 1'000'000;
        c3p::budget b;
        b.set_general_admin_rate(c3p::rate{});
        b.reserve(n);
        for (long long i = 1; i <= n; ++i)
            b.add(c3p::line{.item = static_cast<item>(i % 16), .unit_price = yen(i), .basis = c3p::price_basis::untaxed});
        const auto t = c3p::compute(b);
        CHECK(t.pre_tax == yen(n * (n + 1) / 2));  // 500,000,500,000; G&A rate 0
        CHECK(t.consumption_tax() == yen(n * (n + 1) / 2 / 10));
        CHECK(c3p::validate(b).back().code() == "cap.exceeded");
    }

    TEST_CASE("extremes: a CSV with a million rows is read in full") {
        std::string csv = "item,unit_price\n";
        csv.reserve(20'000'000);
        for (int i = 0; i < 1'000'000; ++i) csv += "wages,1\n";
        const auto read = c3p::read_budget_csv(csv);
        REQUIRE(read.ok());
        CHECK(read.budget.size() == 1'000'000);
        CHECK(read.budget.source_line(999'999) == 1'000'001u);
        CHECK(c3p::compute(read.budget).item(item::wages) == yen(1'000'000));
    }
}
