// The sentences of violations and input errors are written from their data alone: each figure
// variant reads as it should, and a violation made by hand reads like one a check found.
#include <c3p/c3p.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support.hpp"

using namespace c3p::literals;
using c3p::item;
using c3p::language;

TEST_SUITE("messages") {
    TEST_CASE("messages: a violation made by hand reads like the one a check finds") {
        c3p::violation v;
        v.rule = c3p::rule::cap_exceeded;
        v.actual = c3p::decimal(20'000'002);
        v.limit = c3p::decimal(20'000'000);
        CHECK(c3p::describe(v) == "total 20,000,002 yen exceeds the cap of 20,000,000 yen");
        c3p::budget b;
        b.add<c3p::items::personnel>("staff", 18'181'820_yen);
        CHECK(c3p::check(b).violations[0] == v);
    }

    TEST_CASE("messages: a negative quantity and a negative price are told apart") {
        c3p::budget b;
        b.set_general_admin_rate(c3p::rate{});
        b.add<c3p::items::wages>("returned", 1'000_yen, c3p::quantity::parse("-1.5"))
            .add<c3p::items::wages>("refund", c3p::yen::parse("-1234.5"), c3p::quantity(-2));
        const auto v = c3p::validate(b);
        REQUIRE(v.size() == 2);
        CHECK(v[0].figure == c3p::figure::quantity);
        CHECK(c3p::describe(v[0]) == "quantity -1.5 is below zero");
        CHECK(v[1].figure == c3p::figure::unit_price);
        CHECK(c3p::describe(v[1]) == "unit price -1,234.5 yen is below zero");
    }

    TEST_CASE("messages: the threshold's basis, the outsourcing base and a justified share are named") {
        auto p = c3p::fy2025;
        p.equipment_basis = c3p::threshold_basis::tax_exclusive;
        c3p::budget b;
        b.set_general_admin_rate(c3p::rate{});
        b.add<c3p::items::consumables>("server", 300'000_yen);
        const auto excluded = c3p::validate(b, p);
        REQUIRE(excluded.size() == 1);
        CHECK(excluded[0].figure == c3p::figure::unit_cost_tax_excluded);
        CHECK(c3p::describe(excluded[0]).starts_with("consumable unit cost 300,000 yen (tax excluded) is at or above"));

        p = c3p::fy2025;
        p.outsourcing_of = c3p::outsourcing_base::personnel_operating_general_admin;
        c3p::budget o;
        o.set_general_admin_rate(c3p::rate{});
        o.add<c3p::items::personnel>("staff", 1'000'000_yen).add<c3p::items::outsourcing>("consultant", 1'000'001_yen);
        o.set_outsourcing_justified(true);
        const auto literal = c3p::validate(o, p);
        REQUIRE(literal.size() == 1);
        CHECK(literal[0].base_kind == c3p::share_base::personnel_operating_general_admin);
        CHECK(literal[0].rate == c3p::rate::fraction(1, 2));
        CHECK(literal[0].base == c3p::decimal(2'000'001));
        CHECK(c3p::describe(literal[0]) ==
              "outsourcing 1,000,001 yen exceeds 50% of the personnel, operating and G&A costs 2,000,001 yen "
              "(1,000,000.5 yen); marked as justified");
    }

    TEST_CASE("messages: describe appends to a string it is given") {
        c3p::budget b;
        b.add<c3p::items::wages>("free", 0_yen);
        const auto v = c3p::validate(b);
        REQUIRE(v.size() == 1);
        std::string out = "line 2: ";
        c3p::describe(out, v[0]);
        CHECK(out == "line 2: line amount is 0 yen");
    }

    TEST_CASE("messages: an input error's text is quoted safely, cut after 40 characters") {
        c3p::input_error e;
        e.problem = c3p::input_problem::unknown_item;
        e.text = "bad\x01\xff" + std::string(60, 'x');
        CHECK(c3p::describe(e) == "unknown item \"bad\\x01\xEF\xBF\xBD" + std::string(35, 'x') +
                                      "...\" (an item code such as equipment, or a Japanese name such as 備品費)");
        e.line = 4;
        e.column = 2;
        CHECK(to_string(e, "b.csv").starts_with("b.csv:4:2: unknown item "));
    }

    TEST_CASE("messages: every input error's Japanese sentence is Japanese, with every field set") {
        const auto last = static_cast<int>(c3p::input_problem::formula_without_value);
        int described = 0;
        for (int k = 0; k <= last; ++k) {
            c3p::input_error e;
            e.problem = static_cast<c3p::input_problem>(k);
            CAPTURE(e.code());
            CHECK(e.code() != "?");
            e.column_name = c3p::csv_column::unit_price;
            e.text = "12a";
            e.number = c3p::number_error::unexpected_character;
            e.number_position = 2;
            e.count = 3;
            e.expected = 2;
            e.suggestion = "単価";
            e.expected_amount = "3,000";
            for (const auto* encoding : {"", "CP932"}) {
                e.text = e.problem == c3p::input_problem::invalid_encoding ? encoding : "12a";
                const auto ja = c3p::describe(e, language::japanese);
                CAPTURE(ja);
                CHECK(c3p_test::english_words(ja).empty());
                CHECK(ja != c3p::describe(e, language::english));
            }
            ++described;
        }
        CHECK(described == 27);
        // The checker of English words finds them.
        CHECK(c3p_test::english_words("金額が is below zero です") == std::vector<std::string>{"is", "below", "zero"});
        CHECK(c3p_test::english_words("「abc」と --format、input.unknown_item、fy2025、FY2025、b.csv").empty());
    }
}
