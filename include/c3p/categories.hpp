// The guidebook's Table 5 expense categories (SPEC section 2): four groups, the categories
// inside them, and the 18 items a budget line is booked to.
//
// Runtime: enums `group`, `category`, `item` with codes, English and Japanese names and lookups.
// Compile time: tag types `items::equipment`, `categories::operating`, `groups::direct`, whose
// member types spell the hierarchy, and concepts (`operating_item<T>`, `cost_item<T>`, ...) so
// that a function taking only operating costs rejects `items::personnel` at compile time.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "c3p/detail/sv_literals.hpp"

namespace c3p {

enum class group : std::uint8_t { direct, joint_implementation, indirect, consumption_tax };
enum class category : std::uint8_t { personnel, operating, joint_implementation, general_admin, consumption_tax };
enum class item : std::uint8_t {
    personnel,
    honoraria,
    domestic_travel,
    overseas_travel,
    committee_travel,
    meeting,
    equipment,
    consumables,
    rent_and_damage,
    wages,
    communication_logistics,
    utilities,
    printing_binding,
    miscellaneous,
    outsourcing,
    joint_implementation,
    general_admin,
    consumption_tax,
};

inline constexpr std::size_t group_count = 4;
inline constexpr std::size_t category_count = 5;
inline constexpr std::size_t item_count = 18;

struct group_info {
    group id;
    std::string_view code;
    std::string_view english;
    std::string_view japanese;
};

struct category_info {
    category id;
    c3p::group group;
    std::string_view code;
    std::string_view english;
    std::string_view japanese;
};

struct item_info {
    item id;
    c3p::category category;
    std::string_view code;
    std::string_view english;
    std::string_view japanese;
    bool computed;  ///< general_admin and consumption_tax: derived by the rules; lines booked there are "stated"
};

inline constexpr std::array<group_info, group_count> group_table{{
    {group::direct, "direct"sv, "Direct costs"sv, "直接経費"sv},
    {group::joint_implementation, "joint_implementation"sv, "Joint implementation costs"sv, "共同実施費"sv},
    {group::indirect, "indirect"sv, "Indirect costs"sv, "間接経費"sv},
    {group::consumption_tax, "consumption_tax"sv, "Consumption tax"sv, "消費税"sv},
}};

inline constexpr std::array<category_info, category_count> category_table{{
    {category::personnel, group::direct, "personnel"sv, "Personnel costs"sv, "人件費"sv},
    {category::operating, group::direct, "operating"sv, "Operating costs"sv, "業務費"sv},
    {category::joint_implementation, group::joint_implementation, "joint_implementation"sv,
     "Joint implementation costs"sv, "共同実施費"sv},
    {category::general_admin, group::indirect, "general_admin"sv, "General and administrative costs"sv, "一般管理費"sv},
    {category::consumption_tax, group::consumption_tax, "consumption_tax"sv,
     "Consumption tax and local consumption tax"sv, "消費税及び地方消費税"sv},
}};

// The guidebook's English labels the honoraria row "Operating costs"; SPEC section 2 names it.
inline constexpr std::array<item_info, item_count> item_table{{
    {item::personnel, category::personnel, "personnel"sv, "Personnel costs"sv, "人件費"sv, false},
    {item::honoraria, category::personnel, "honoraria"sv, "Honoraria"sv, "謝金"sv, false},
    {item::domestic_travel, category::operating, "domestic_travel"sv, "Domestic travel costs"sv, "国内旅費"sv, false},
    {item::overseas_travel, category::operating, "overseas_travel"sv, "Overseas travel costs"sv, "外国旅費"sv, false},
    {item::committee_travel, category::operating, "committee_travel"sv, "Committee member travel costs"sv,
     "委員等旅費"sv, false},
    {item::meeting, category::operating, "meeting"sv, "Meeting costs"sv, "会議費"sv, false},
    {item::equipment, category::operating, "equipment"sv, "Equipment costs"sv, "備品費"sv, false},
    {item::consumables, category::operating, "consumables"sv, "Consumable costs"sv, "消耗品費"sv, false},
    {item::rent_and_damage, category::operating, "rent_and_damage"sv, "Rent and damage costs"sv, "借料及び損料"sv,
     false},
    {item::wages, category::operating, "wages"sv, "Wages"sv, "賃金"sv, false},
    {item::communication_logistics, category::operating, "communication_logistics"sv,
     "Communication and logistics costs"sv, "通信運搬費"sv, false},
    {item::utilities, category::operating, "utilities"sv, "Water and electricity costs"sv, "光熱水料"sv, false},
    {item::printing_binding, category::operating, "printing_binding"sv, "Printing and binding costs"sv, "印刷製本費"sv,
     false},
    {item::miscellaneous, category::operating, "miscellaneous"sv, "Miscellaneous costs"sv, "雑役務費"sv, false},
    {item::outsourcing, category::operating, "outsourcing"sv, "Outsourcing costs"sv, "外注費"sv, false},
    {item::joint_implementation, category::joint_implementation, "joint_implementation"sv,
     "Joint implementation costs"sv, "共同実施費"sv, false},
    {item::general_admin, category::general_admin, "general_admin"sv, "General and administrative costs"sv,
     "一般管理費"sv, true},
    {item::consumption_tax, category::consumption_tax, "consumption_tax"sv,
     "Consumption tax and local consumption tax"sv, "消費税及び地方消費税"sv, true},
}};

[[nodiscard]] constexpr const group_info& info(group g) noexcept { return group_table[static_cast<std::size_t>(g)]; }
[[nodiscard]] constexpr const category_info& info(category c) noexcept {
    return category_table[static_cast<std::size_t>(c)];
}
[[nodiscard]] constexpr const item_info& info(item i) noexcept { return item_table[static_cast<std::size_t>(i)]; }

[[nodiscard]] constexpr std::string_view code(item i) noexcept { return info(i).code; }
[[nodiscard]] constexpr std::string_view code(category c) noexcept { return info(c).code; }
[[nodiscard]] constexpr std::string_view code(group g) noexcept { return info(g).code; }
[[nodiscard]] constexpr category category_of(item i) noexcept { return info(i).category; }
[[nodiscard]] constexpr group group_of(category c) noexcept { return info(c).group; }
[[nodiscard]] constexpr group group_of(item i) noexcept { return group_of(category_of(i)); }
[[nodiscard]] constexpr bool is_computed(item i) noexcept { return info(i).computed; }

/// By stable code ("equipment").
[[nodiscard]] constexpr std::optional<item> item_from_code(std::string_view text) noexcept {
    for (const auto& entry : item_table)
        if (entry.code == text) return entry.id;
    return std::nullopt;
}
/// By Japanese name ("備品費").
[[nodiscard]] constexpr std::optional<item> item_from_japanese(std::string_view text) noexcept {
    for (const auto& entry : item_table)
        if (entry.japanese == text) return entry.id;
    return std::nullopt;
}
/// A shorter name people write for an item, which the CSV reader takes too.
struct item_alias {
    std::string_view name;
    item id;
};
inline constexpr std::array<item_alias, 4> item_aliases{{
    {"消費税"sv, item::consumption_tax},
    {"海外旅費"sv, item::overseas_travel},
    {"光熱水費"sv, item::utilities},
    {"借料損料"sv, item::rent_and_damage},
}};

/// A name that could mean more than one item: the reader refuses it and names the candidates.
struct ambiguous_item_name {
    std::string_view name;
    std::array<item, 3> candidates;
    std::size_t count;
};
inline constexpr std::array<ambiguous_item_name, 2> ambiguous_item_names{{
    {"旅費"sv, {item::domestic_travel, item::overseas_travel, item::committee_travel}, 3},
    {"委託費"sv, {item::outsourcing, item::joint_implementation, item::outsourcing}, 2},
}};

/// The items an ambiguous name could mean (empty when it is not one).
[[nodiscard]] constexpr std::span<const item> item_candidates(std::string_view name) noexcept {
    for (const auto& entry : ambiguous_item_names)
        if (entry.name == name) return std::span<const item>(entry.candidates.data(), entry.count);
    return {};
}

namespace detail {
// find_item runs once per CSV row: an open-addressing table keyed by a cheap hash of the name
// finds it with one comparison rather than up to 40.
inline constexpr std::size_t item_lookup_slots = 128;
constexpr std::size_t item_name_hash(std::string_view name) noexcept {
    if (name.empty()) return 0;
    const auto byte = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(name[i])); };
    return (name.size() * 31 + byte(0) * 7 + byte(name.size() / 2) * 5 + byte(name.size() - 1) * 3) % item_lookup_slots;
}
struct item_slot {
    std::string_view name;
    item id = item::personnel;
    bool used = false;
};
inline constexpr auto item_lookup = [] {
    std::array<item_slot, item_lookup_slots> slots{};
    const auto insert = [&](std::string_view name, item id) {
        auto slot = item_name_hash(name);
        while (slots[slot].used) slot = (slot + 1) % item_lookup_slots;
        slots[slot] = {name, id, true};
    };
    for (const auto& entry : item_table) {
        insert(entry.code, entry.id);
        insert(entry.japanese, entry.id);
    }
    for (const auto& alias : item_aliases) insert(alias.name, alias.id);
    return slots;
}();
}  // namespace detail

/// By code, Japanese name or alias (docs/rules.md), as the CSV `item` column accepts; codes
/// in any case ("Equipment").
[[nodiscard]] constexpr std::optional<item> find_item(std::string_view text) noexcept {
    for (auto slot = detail::item_name_hash(text); detail::item_lookup[slot].used;
         slot = (slot + 1) % detail::item_lookup_slots)
        if (detail::item_lookup[slot].name == text) return detail::item_lookup[slot].id;
    // Not found as written: a code with capitals, compared again in lower case.
    if (text.size() > 32) return std::nullopt;
    std::array<char, 32> lower{};
    bool changed = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        changed |= c >= 'A' && c <= 'Z';
        lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (!changed) return std::nullopt;
    const std::string_view folded(lower.data(), text.size());
    for (const auto& entry : item_table)
        if (entry.code == folded) return entry.id;
    return std::nullopt;
}

// ---- compile-time tags -------------------------------------------------------------------

template <group G>
struct group_tag {
    static constexpr group value = G;
    static constexpr std::string_view code = info(G).code;
    static constexpr std::string_view english = info(G).english;
    static constexpr std::string_view japanese = info(G).japanese;
};

template <category C>
struct category_tag {
    static constexpr category value = C;
    using group_type = group_tag<group_of(C)>;
    static constexpr std::string_view code = info(C).code;
    static constexpr std::string_view english = info(C).english;
    static constexpr std::string_view japanese = info(C).japanese;
};

template <item I>
struct item_tag {
    static constexpr item value = I;
    using category_type = category_tag<category_of(I)>;
    using group_type = typename category_type::group_type;
    static constexpr std::string_view code = info(I).code;
    static constexpr std::string_view english = info(I).english;
    static constexpr std::string_view japanese = info(I).japanese;
    static constexpr bool computed = info(I).computed;
};

namespace groups {
using direct = group_tag<group::direct>;
using joint_implementation = group_tag<group::joint_implementation>;
using indirect = group_tag<group::indirect>;
using consumption_tax = group_tag<group::consumption_tax>;
}  // namespace groups

namespace categories {
using personnel = category_tag<category::personnel>;
using operating = category_tag<category::operating>;
using joint_implementation = category_tag<category::joint_implementation>;
using general_admin = category_tag<category::general_admin>;
using consumption_tax = category_tag<category::consumption_tax>;
}  // namespace categories

namespace items {
using personnel = item_tag<item::personnel>;
using honoraria = item_tag<item::honoraria>;
using domestic_travel = item_tag<item::domestic_travel>;
using overseas_travel = item_tag<item::overseas_travel>;
using committee_travel = item_tag<item::committee_travel>;
using meeting = item_tag<item::meeting>;
using equipment = item_tag<item::equipment>;
using consumables = item_tag<item::consumables>;
using rent_and_damage = item_tag<item::rent_and_damage>;
using wages = item_tag<item::wages>;
using communication_logistics = item_tag<item::communication_logistics>;
using utilities = item_tag<item::utilities>;
using printing_binding = item_tag<item::printing_binding>;
using miscellaneous = item_tag<item::miscellaneous>;
using outsourcing = item_tag<item::outsourcing>;
using joint_implementation = item_tag<item::joint_implementation>;
using general_admin = item_tag<item::general_admin>;
using consumption_tax = item_tag<item::consumption_tax>;
}  // namespace items

/// Any of the 18 item tags.
template <class T>
concept item_type = std::same_as<T, item_tag<T::value>>;
/// An item whose amount comes from lines (not general_admin or consumption_tax).
template <class T>
concept cost_item = item_type<T> && !T::computed;
/// general_admin or consumption_tax: computed by the rules, only ever "stated".
template <class T>
concept computed_item = item_type<T> && T::computed;
template <class T, class Category>
concept item_in_category = item_type<T> && std::same_as<typename T::category_type, Category>;
template <class T>
concept personnel_item = item_in_category<T, categories::personnel>;
template <class T>
concept operating_item = item_in_category<T, categories::operating>;
template <class T>
concept direct_item = item_type<T> && std::same_as<typename T::group_type, groups::direct>;

}  // namespace c3p
