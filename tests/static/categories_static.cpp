// Compile-time checks of the category hierarchy and of the typed budget API.
#include <c3p/c3p.hpp>

#include <type_traits>

namespace {

using namespace c3p::items;
namespace categories = c3p::categories;
namespace groups = c3p::groups;

// A function that accepts only operating-cost items.
template <c3p::operating_item Item>
constexpr std::string_view operating_code() {
    return Item::code;
}
template <class Item>
concept accepted_as_operating = requires { operating_code<Item>(); };

static_assert(accepted_as_operating<equipment>);
static_assert(accepted_as_operating<outsourcing>);
static_assert(!accepted_as_operating<personnel>);
static_assert(!accepted_as_operating<honoraria>);
static_assert(!accepted_as_operating<joint_implementation>);
static_assert(!accepted_as_operating<int>);
static_assert(operating_code<equipment>() == "equipment");

static_assert(std::is_same_v<honoraria::category_type, categories::personnel>);
static_assert(std::is_same_v<outsourcing::category_type, categories::operating>);
static_assert(std::is_same_v<outsourcing::group_type, groups::direct>);
static_assert(std::is_same_v<general_admin::group_type, groups::indirect>);
static_assert(std::is_same_v<joint_implementation::group_type, groups::joint_implementation>);
static_assert(std::is_same_v<categories::operating::group_type, groups::direct>);

static_assert(c3p::personnel_item<honoraria> && !c3p::personnel_item<wages>);
static_assert(c3p::direct_item<outsourcing> && !c3p::direct_item<joint_implementation>);
static_assert(c3p::cost_item<equipment> && !c3p::cost_item<general_admin> && !c3p::cost_item<consumption_tax>);
static_assert(c3p::computed_item<general_admin> && !c3p::computed_item<meeting>);
static_assert(!c3p::item_type<categories::operating> && !c3p::item_type<groups::direct> && !c3p::item_type<int>);

static_assert(equipment::japanese == "備品費" && equipment::english == "Equipment costs");
static_assert(c3p::find_item("外注費") == c3p::item::outsourcing);

// The typed budget API books lines to cost items and states computed ones, not the other way round.
template <class Item>
concept addable_line = requires(c3p::budget b) { b.add<Item>("x", c3p::yen{}); };
template <class Item>
concept stateable = requires(c3p::budget b) { b.state<Item>(c3p::yen{}); };
static_assert(addable_line<equipment> && !addable_line<general_admin> && !addable_line<consumption_tax>);
static_assert(stateable<general_admin> && stateable<consumption_tax> && !stateable<equipment>);

// A user's own year, defined without touching the library.
using namespace c3p::literals;
constexpr c3p::policy fy2026 = [] {
    auto p = c3p::fy2025;
    p.name = "fy2026";
    p.cap = 25'000'000_yen;
    return p;
}();
static_assert(fy2026.cap == 25'000'000_yen && fy2026.maximum_uplift == 5'000'000_yen);
static_assert(c3p::fy2025.consumption_tax == c3p::rate::percent(10));
static_assert(c3p::find_policy("fy2025") == &c3p::fy2025 && c3p::find_policy("fy2024") == nullptr);

}  // namespace
