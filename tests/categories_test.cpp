#include <c3p/categories.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

using c3p::item;

TEST_SUITE("categories") {
    TEST_CASE("categories: every item has a unique code and Japanese name that look up back to it") {
        std::set<std::string_view> codes, japanese;
        for (const auto& entry : c3p::item_table) {
            CHECK(codes.insert(entry.code).second);
            CHECK(japanese.insert(entry.japanese).second);
            CHECK(c3p::item_from_code(entry.code) == entry.id);
            CHECK(c3p::item_from_japanese(entry.japanese) == entry.id);
            CHECK(c3p::find_item(entry.code) == entry.id);
            CHECK(c3p::find_item(entry.japanese) == entry.id);
            CHECK(c3p::info(entry.id).id == entry.id);
        }
        CHECK(codes.size() == 18);
    }

    TEST_CASE("categories: the SPEC's names and hierarchy") {
        CHECK(c3p::info(item::equipment).japanese == "備品費");
        CHECK(c3p::info(item::honoraria).english == "Honoraria");
        CHECK(c3p::info(item::consumption_tax).japanese == "消費税及び地方消費税");
        CHECK(c3p::category_of(item::honoraria) == c3p::category::personnel);
        CHECK(c3p::category_of(item::outsourcing) == c3p::category::operating);
        CHECK(c3p::group_of(item::outsourcing) == c3p::group::direct);
        CHECK(c3p::group_of(item::joint_implementation) == c3p::group::joint_implementation);
        CHECK(c3p::group_of(item::general_admin) == c3p::group::indirect);
        CHECK(c3p::group_of(item::consumption_tax) == c3p::group::consumption_tax);
        CHECK(c3p::is_computed(item::general_admin));
        CHECK(c3p::is_computed(item::consumption_tax));
        CHECK_FALSE(c3p::is_computed(item::outsourcing));
    }

    TEST_CASE("categories: codes in any case, Japanese names and the short forms are found") {
        CHECK(c3p::find_item("Equipment") == item::equipment);
        CHECK(c3p::find_item("EQUIPMENT") == item::equipment);
        CHECK(c3p::find_item("備品費") == item::equipment);
        CHECK(c3p::find_item("消費税") == item::consumption_tax);
        CHECK(c3p::find_item("海外旅費") == item::overseas_travel);
        CHECK(c3p::find_item("光熱水費") == item::utilities);
        CHECK(c3p::find_item("借料損料") == item::rent_and_damage);
        for (const auto& info : c3p::item_table) {
            CHECK(c3p::find_item(info.code) == info.id);
            CHECK(c3p::find_item(info.japanese) == info.id);
        }
    }

    TEST_CASE("categories: an ambiguous name is not an item; its candidates are listed") {
        CHECK_FALSE(c3p::find_item("旅費"));
        const auto travel = c3p::item_candidates("旅費");
        CHECK(std::vector<item>(travel.begin(), travel.end()) ==
              std::vector<item>{item::domestic_travel, item::overseas_travel, item::committee_travel});
        CHECK_FALSE(c3p::find_item("委託費"));
        const auto outsourced = c3p::item_candidates("委託費");
        CHECK(std::vector<item>(outsourced.begin(), outsourced.end()) ==
              std::vector<item>{item::outsourcing, item::joint_implementation});
        CHECK(c3p::item_candidates("備品費").empty());
    }

    TEST_CASE("categories: unknown names are not found") {
        CHECK_FALSE(c3p::find_item(""));
        CHECK_FALSE(c3p::find_item("Equipments"));
        CHECK_FALSE(c3p::find_item("備品"));
        CHECK_FALSE(c3p::find_item("equipment "));
    }
}
