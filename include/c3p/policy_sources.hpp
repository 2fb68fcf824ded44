// c3p::sourced_policy — a policy with, for each of its values, where the value comes from and
// whether it was confirmed for that year or assumed; the values' keys and labels (the keys of a
// policy file, docs/policies.md); the built-in policies' sources.
//
//     const auto fy2026 = c3p::builtin_sourced_policy("fy2026");   // std::optional<sourced_policy>
//     fy2026->source(c3p::policy_key::cap).status                  // value_status::confirmed
//     c3p::value_text(fy2026->rules, c3p::policy_key::consumption_tax)  // "10%"
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "c3p/detail/sv_literals.hpp"
#include "c3p/policy.hpp"
#include "c3p/violation.hpp"

namespace c3p {

/// The values of a policy besides its name and fiscal year, in the order of policy files and of
/// `c3p-check policy show`.
enum class policy_key : std::uint8_t {
    cap,
    maximum_uplift,
    consumption_tax,
    equipment_threshold,
    equipment_basis,
    outsourcing_share,
    outsourcing_counts,
    outsourcing_of,
    general_admin_of,
    line_rounding,
    general_admin_rounding,
    tax_rounding,
    settlement,
    transfer_share,
    transfer_of,
    max_phase_years,
    max_phases,
};
inline constexpr std::size_t policy_key_count = 17;

/// How a policy file writes a value.
enum class policy_value_kind : std::uint8_t {
    amount,  ///< yen as text, "20000000" or "20,000,000"
    rate,    ///< text, "10%", "0.1" or "1/2": never a JSON number, so that no float reads it
    count,   ///< a JSON integer of at least 1
    choice,  ///< one of the names the key lists ("tax_inclusive")
};

/// A key of the policy: its name in policy files, what it holds, and its labels.
struct policy_key_info {
    policy_key key;
    std::string_view name;
    policy_value_kind kind;
    std::string_view english;
    std::string_view japanese;
};

inline constexpr policy_key_info policy_keys[] = {
    {policy_key::cap, "cap"sv, policy_value_kind::amount, "cap a fiscal year, tax included"sv,
     "上限額（年度・税込）"sv},
    {policy_key::maximum_uplift, "maximum_uplift"sv, policy_value_kind::amount, "largest uplift for field surveys"sv,
     "現地調査による増額の上限"sv},
    {policy_key::consumption_tax, "consumption_tax"sv, policy_value_kind::rate, "consumption tax rate"sv, "消費税率"sv},
    {policy_key::equipment_threshold, "equipment_threshold"sv, policy_value_kind::amount,
     "equipment threshold a unit"sv, "備品費の基準額（1単位）"sv},
    {policy_key::equipment_basis, "equipment_basis"sv, policy_value_kind::choice, "price the threshold is judged on"sv,
     "基準額と比べる単価"sv},
    {policy_key::outsourcing_share, "outsourcing_share"sv, policy_value_kind::rate, "largest outsourcing share"sv,
     "外注費の上限割合"sv},
    {policy_key::outsourcing_counts, "outsourcing_counts"sv, policy_value_kind::choice,
     "what counts against the outsourcing share"sv, "外注費の割合に数える費目"sv},
    {policy_key::outsourcing_of, "outsourcing_of"sv, policy_value_kind::choice, "what the outsourcing share is of"sv,
     "外注費の割合の分母"sv},
    {policy_key::general_admin_of, "general_admin_of"sv, policy_value_kind::choice, "what G&A is a rate of"sv,
     "一般管理費の算定基礎"sv},
    {policy_key::line_rounding, "line_rounding"sv, policy_value_kind::choice, "rounding of a line's amount"sv,
     "明細金額の端数処理"sv},
    {policy_key::general_admin_rounding, "general_admin_rounding"sv, policy_value_kind::choice, "rounding of G&A"sv,
     "一般管理費の端数処理"sv},
    {policy_key::tax_rounding, "tax_rounding"sv, policy_value_kind::choice, "rounding of consumption tax"sv,
     "消費税の端数処理"sv},
    {policy_key::settlement, "settlement"sv, policy_value_kind::choice, "how a contract settles"sv, "精算の方法"sv},
    {policy_key::transfer_share, "transfer_share"sv, policy_value_kind::rate, "transfer allowed without approval"sv,
     "承認なしで流用できる割合"sv},
    {policy_key::transfer_of, "transfer_of"sv, policy_value_kind::choice, "what the transfer share is of"sv,
     "流用割合の基礎"sv},
    {policy_key::max_phase_years, "max_phase_years"sv, policy_value_kind::count, "fiscal years a phase, at most"sv,
     "1フェーズの年数の上限"sv},
    {policy_key::max_phases, "max_phases"sv, policy_value_kind::count, "phases a project, at most"sv,
     "フェーズ数の上限"sv},
};
static_assert(std::size(policy_keys) == policy_key_count, "a row for every key");
static_assert(
    [] {
        for (std::size_t i = 0; i < policy_key_count; ++i)
            if (static_cast<std::size_t>(policy_keys[i].key) != i) return false;
        return true;
    }(),
    "policy_keys is in the keys' order");

[[nodiscard]] constexpr const policy_key_info& info(policy_key key) noexcept {
    return policy_keys[static_cast<std::size_t>(key)];
}

/// The key named `name` in policy files.
[[nodiscard]] constexpr std::optional<policy_key> policy_key_from_string(std::string_view name) noexcept {
    for (const auto& k : policy_keys)
        if (k.name == name) return k.key;
    return std::nullopt;
}

/// Whether a value was read for the policy's year or not.
enum class value_status : std::uint8_t {
    confirmed,  ///< read in the named document, for the policy's fiscal year
    assumed,    ///< not stated for that year: carried over from an earlier year, or c3p-budget's reading
};

[[nodiscard]] constexpr std::string_view to_string(value_status s) noexcept {
    return s == value_status::assumed ? "assumed" : "confirmed";
}
[[nodiscard]] constexpr std::optional<value_status> value_status_from_string(std::string_view text) noexcept {
    for (auto s : {value_status::confirmed, value_status::assumed})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

/// Where a policy value comes from: a document, the place in it, and its status.
struct value_source {
    std::string document;
    std::string place{};
    value_status status = value_status::confirmed;
    friend bool operator==(const value_source&, const value_source&) = default;
};

/// A policy and the source of each of its values.
struct sourced_policy {
    c3p::policy rules;
    std::array<value_source, policy_key_count> sources{};

    [[nodiscard]] const value_source& source(policy_key key) const noexcept {
        return sources[static_cast<std::size_t>(key)];
    }
    [[nodiscard]] value_source& source(policy_key key) noexcept { return sources[static_cast<std::size_t>(key)]; }
    friend bool operator==(const sourced_policy&, const sourced_policy&) = default;
};

namespace detail {

// The names of each choice, in the enumerators' order (each enumeration counts from 0).
inline constexpr std::string_view threshold_basis_names[] = {"tax_inclusive"sv, "tax_exclusive"sv};
inline constexpr std::string_view outsourcing_numerator_names[] = {"outsourcing"sv,
                                                                   "outsourcing_and_joint_implementation"sv};
inline constexpr std::string_view outsourcing_base_names[] = {"pre_tax_total"sv, "personnel_operating_general_admin"sv};
inline constexpr std::string_view general_admin_base_names[] = {"direct_excluding_outsourcing"sv, "direct"sv};
inline constexpr std::string_view rounding_names[] = {"floor"sv,   "ceiling"sv,   "truncate"sv,
                                                      "half_up"sv, "half_even"sv, "never"sv};
inline constexpr std::string_view settlement_basis_names[] = {"whole_contract"sv, "per_category"sv};
inline constexpr std::string_view transfer_base_names[] = {"direct_total"sv, "receiving_category"sv};

constexpr std::span<const std::string_view> choice_names(threshold_basis) noexcept { return threshold_basis_names; }
constexpr std::span<const std::string_view> choice_names(outsourcing_numerator) noexcept {
    return outsourcing_numerator_names;
}
constexpr std::span<const std::string_view> choice_names(outsourcing_base) noexcept { return outsourcing_base_names; }
constexpr std::span<const std::string_view> choice_names(general_admin_base) noexcept {
    return general_admin_base_names;
}
constexpr std::span<const std::string_view> choice_names(rounding) noexcept { return rounding_names; }
constexpr std::span<const std::string_view> choice_names(settlement_basis) noexcept { return settlement_basis_names; }
constexpr std::span<const std::string_view> choice_names(transfer_base) noexcept { return transfer_base_names; }

/// Calls `visit` with the policy's field for `key` (the one place that maps keys to fields).
template <class Policy, class Visit>
constexpr decltype(auto) with_field(Policy& p, policy_key key, Visit&& visit) {
    switch (key) {
        case policy_key::cap: return visit(p.cap);
        case policy_key::maximum_uplift: return visit(p.maximum_uplift);
        case policy_key::consumption_tax: return visit(p.consumption_tax);
        case policy_key::equipment_threshold: return visit(p.equipment_threshold);
        case policy_key::equipment_basis: return visit(p.equipment_basis);
        case policy_key::outsourcing_share: return visit(p.outsourcing_share);
        case policy_key::outsourcing_counts: return visit(p.outsourcing_counts);
        case policy_key::outsourcing_of: return visit(p.outsourcing_of);
        case policy_key::general_admin_of: return visit(p.general_admin_of);
        case policy_key::line_rounding: return visit(p.line_rounding);
        case policy_key::general_admin_rounding: return visit(p.general_admin_rounding);
        case policy_key::tax_rounding: return visit(p.tax_rounding);
        case policy_key::settlement: return visit(p.settlement);
        case policy_key::transfer_share: return visit(p.transfer_share);
        case policy_key::transfer_of: return visit(p.transfer_of);
        case policy_key::max_phase_years: return visit(p.max_phase_years);
        case policy_key::max_phases: break;
    }
    return visit(p.max_phases);
}

/// A rate from "10%", "0.1" or "1/2" (two whole numbers).
[[nodiscard]] inline std::optional<rate> rate_from_text(std::string_view text) {
    if (const auto slash = text.find('/'); slash != std::string_view::npos) {
        const auto numerator = decimal::try_parse(text.substr(0, slash));
        const auto denominator = decimal::try_parse(text.substr(slash + 1));
        if (!numerator || !denominator || !numerator.value.is_whole() || !denominator.value.is_whole() ||
            numerator.value.is_negative() || denominator.value.is_negative() || denominator.value.is_zero())
            return std::nullopt;
        return rate_access::from_parts(millionths(numerator.value) / micro, millionths(denominator.value) / micro);
    }
    const auto parsed = rate::try_parse(text);
    if (!parsed) return std::nullopt;
    return parsed.value;
}

}  // namespace detail

/// The names a choice key accepts ("tax_inclusive", "tax_exclusive"); empty for other keys.
[[nodiscard]] inline std::span<const std::string_view> choice_names(policy_key key) {
    const policy p{};
    return detail::with_field(p, key, [](const auto& field) -> std::span<const std::string_view> {
        if constexpr (std::is_enum_v<std::remove_cvref_t<decltype(field)>>) return detail::choice_names(field);
        else return {};
    });
}

/// A value as a policy file writes it: "20000000", "10%", "3", "tax_inclusive".
[[nodiscard]] inline std::string value_text(const policy& p, policy_key key) {
    return detail::with_field(p, key, [](const auto& field) -> std::string {
        using field_type = std::remove_cvref_t<decltype(field)>;
        if constexpr (std::is_enum_v<field_type>)
            return std::string(detail::choice_names(field)[static_cast<std::size_t>(field)]);
        else if constexpr (std::is_same_v<field_type, int>)
            return std::to_string(field);
        else
            return to_string(field);
    });
}

/// Sets the value of `key` from `text` as value_text writes it (amounts also grouped, rates also
/// "1/2"); false, leaving the policy unchanged, when the text is not a value of the key (a
/// negative amount, a count below 1, an unknown name).
[[nodiscard]] inline bool set_value(policy& p, policy_key key, std::string_view text) {
    return detail::with_field(p, key, [&](auto& field) -> bool {
        using field_type = std::remove_cvref_t<decltype(field)>;
        if constexpr (std::is_enum_v<field_type>) {
            const auto names = detail::choice_names(field);
            for (std::size_t i = 0; i < names.size(); ++i)
                if (names[i] == text) {
                    field = static_cast<field_type>(i);
                    return true;
                }
            return false;
        } else if constexpr (std::is_same_v<field_type, int>) {
            int value = 0;
            for (const char c : text) {
                if (c < '0' || c > '9' || value > 1000) return false;
                value = value * 10 + (c - '0');
            }
            if (text.empty() || value < 1) return false;
            field = value;
            return true;
        } else if constexpr (std::is_same_v<field_type, rate>) {
            const auto parsed = detail::rate_from_text(text);
            if (!parsed) return false;
            field = *parsed;
            return true;
        } else {
            const auto parsed = yen::try_parse(text);
            if (!parsed || parsed.value.is_negative()) return false;
            field = parsed.value;
            return true;
        }
    });
}

namespace detail {

struct builtin_source {
    policy_key key;
    std::string_view document;
    std::string_view place;
    value_status status;
};

inline constexpr std::string_view law_on_fractions =
    "Act on fractions in the amounts of claims and debts of the State (国等の債権債務等の金額の端数計算に関する法律)";
inline constexpr std::string_view own_reading = "c3p-budget's reading of a rule the documents leave open"sv;
inline constexpr std::string_view meti_manual =
    "METI 委託事業事務処理マニュアル (provisional: another ministry's rules)"sv;
inline constexpr std::string_view audit_2024 =
    "Board of Audit finding (2024) reporting MOE's 2012 basic policy (provisional: a secondary source)";
inline constexpr std::string_view nedo_provisional =
    "NEDO standard commissioning contract (provisional: no MOE clause found)";

/// fy2025's values: confirmed where the guidebook or the law states them for FY2025, assumed
/// where c3p-budget reads a rule the documents leave open.
inline constexpr builtin_source fy2025_sources[] = {
    {policy_key::cap, sources::guidebook, "3.3 (3): JPY 20,000,000 a year, consumption tax included"sv,
     value_status::confirmed},
    {policy_key::maximum_uplift, sources::guidebook,
     "3.3 (3), footnote 1 (the FY2025 call): up to JPY 5,000,000 more for field surveys"sv, value_status::confirmed},
    {policy_key::consumption_tax, sources::guidebook, "Table 5, consumption tax: 10%"sv, value_status::confirmed},
    {policy_key::equipment_threshold, sources::guidebook,
     "Table 5, equipment and consumable costs: JPY 200,000 a unit"sv, value_status::confirmed},
    {policy_key::equipment_basis, own_reading,
     "the guidebook does not say on which price the threshold is judged: the tax-included unit cost"sv,
     value_status::assumed},
    {policy_key::outsourcing_share, sources::guidebook, "Table 5, outsourcing costs (note): within half"sv,
     value_status::confirmed},
    {policy_key::outsourcing_counts, sources::guidebook,
     "Table 5: outsourcing alone (joint implementation is a category of its own)"sv, value_status::assumed},
    {policy_key::outsourcing_of, meti_manual, "the share of the pre-tax total"sv, value_status::assumed},
    {policy_key::general_admin_of, audit_2024, "G&A is a rate of the direct costs without outsourcing"sv,
     value_status::assumed},
    {policy_key::line_rounding, own_reading, "a line's amount rounded down to the yen"sv, value_status::assumed},
    {policy_key::general_admin_rounding, own_reading, "G&A rounded down to the yen"sv, value_status::assumed},
    {policy_key::tax_rounding, law_on_fractions, "article 2 (1): a fraction of a yen is dropped"sv,
     value_status::confirmed},
    {policy_key::settlement, sources::board_of_audit,
     "MOE pays the lower of the eligible spending and the contract amount, in total"sv, value_status::assumed},
    {policy_key::transfer_share, nedo_provisional, "20% moved between categories without approval"sv,
     value_status::assumed},
    {policy_key::transfer_of, nedo_provisional, "a share of the contracted direct costs"sv, value_status::assumed},
    {policy_key::max_phase_years, sources::guidebook, "2.1: a phase of three years"sv, value_status::confirmed},
    {policy_key::max_phases, sources::guidebook, "2.1: at most two phases"sv, value_status::confirmed},
};
static_assert(std::size(fy2025_sources) == policy_key_count, "a source for every value of fy2025");

/// fy2026's values the FY2026 call confirms; the others are carried over from fy2025.
inline constexpr builtin_source fy2026_confirmed[] = {
    {policy_key::cap, sources::fy2026_call, "全地域一律(上限):2,000万円/年(税込)"sv, value_status::confirmed},
    {policy_key::max_phase_years, sources::fy2026_call, "1フェーズ3年を区切りとし"sv, value_status::confirmed},
    {policy_key::max_phases, sources::fy2026_call, "最大2フェーズ(合計6年)までとする"sv, value_status::confirmed},
};

[[nodiscard]] inline value_source to_value_source(const builtin_source& s) {
    return {std::string(s.document), std::string(s.place), s.status};
}

}  // namespace detail

/// A built-in policy with its sources ("fy2025", "fy2026"); none for another name.
[[nodiscard]] inline std::optional<sourced_policy> builtin_sourced_policy(std::string_view name) {
    const policy* rules = find_policy(name);
    if (!rules) return std::nullopt;
    sourced_policy out{*rules, {}};
    for (const auto& s : detail::fy2025_sources) out.source(s.key) = detail::to_value_source(s);
    if (rules->fiscal_year == fy2025.fiscal_year) return out;
    // A later year: fy2025's values carried over, but for those its call confirms.
    for (auto& s : out.sources) {
        s.place = "carried over from fy2025: " + s.place;
        s.status = value_status::assumed;
    }
    if (rules->name == fy2026.name)
        for (const auto& s : detail::fy2026_confirmed) out.source(s.key) = detail::to_value_source(s);
    return out;
}

/// Every built-in policy with its sources, in fiscal-year order.
[[nodiscard]] inline std::vector<sourced_policy> builtin_sourced_policies() {
    std::vector<sourced_policy> out;
    for (const auto* p : known_policies) out.push_back(*builtin_sourced_policy(p->name));
    return out;
}

}  // namespace c3p
