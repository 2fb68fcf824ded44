// c3p::policy — every figure and every reading of an ambiguous rule for one fiscal year, as a
// value. `c3p::fy2025` is the default and `c3p::fy2026` the next year's (docs/rules.md, "The
// policy"); define another year by copying one:
//
//     constexpr c3p::policy draft = [] { auto p = c3p::fy2026; p.name = "fy2027_draft"; p.fiscal_year = 2027; return p; }();
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "c3p/rate.hpp"
#include "c3p/rounding.hpp"
#include "c3p/yen.hpp"

namespace c3p {

/// On which price the equipment/consumable threshold is judged (per unit).
enum class threshold_basis : std::uint8_t {
    tax_inclusive,  ///< default: exclusive prices x (1 + tax rate); inclusive and untaxed prices as given
    tax_exclusive,  ///< inclusive prices / (1 + tax rate); exclusive and untaxed prices as given
};

/// What counts against the outsourcing share.
enum class outsourcing_numerator : std::uint8_t {
    outsourcing,                           ///< default
    outsourcing_and_joint_implementation,  ///< also joint implementation (re-commissioned work)
};

/// What the outsourcing share is a share of.
enum class outsourcing_base : std::uint8_t {
    pre_tax_total,                      ///< default: direct + joint implementation + G&A
    personnel_operating_general_admin,  ///< the literal reading of the guidebook's note
};

/// What G&A is a rate of.
enum class general_admin_base : std::uint8_t {
    direct_excluding_outsourcing,  ///< default: personnel + operating costs without outsourcing
    direct,                        ///< personnel + operating costs including outsourcing
};

/// How a contract settles (SPEC 12).
enum class settlement_basis : std::uint8_t {
    whole_contract,  ///< default: the lower of the eligible spending and the contract amount, in total
    per_category,    ///< each category paid up to its contracted amount plus allowed transfers
};

/// What the transfer allowance is a share of.
enum class transfer_base : std::uint8_t {
    direct_total,        ///< default: contracted personnel + operating costs
    receiving_category,  ///< the contracted amount of the category receiving the transfer
};

[[nodiscard]] constexpr std::string_view to_string(settlement_basis basis) noexcept {
    return basis == settlement_basis::per_category ? "per_category" : "whole_contract";
}
[[nodiscard]] constexpr std::string_view to_string(transfer_base base) noexcept {
    return base == transfer_base::receiving_category ? "receiving_category" : "direct_total";
}
/// From "whole_contract" / "per_category".
[[nodiscard]] constexpr std::optional<settlement_basis> settlement_basis_from_string(std::string_view text) noexcept {
    for (auto basis : {settlement_basis::whole_contract, settlement_basis::per_category})
        if (to_string(basis) == text) return basis;
    return std::nullopt;
}
/// From "direct_total" / "receiving_category".
[[nodiscard]] constexpr std::optional<transfer_base> transfer_base_from_string(std::string_view text) noexcept {
    for (auto base : {transfer_base::direct_total, transfer_base::receiving_category})
        if (to_string(base) == text) return base;
    return std::nullopt;
}

/// A policy's name ("fy2025"), held in the policy itself so that a policy read from a file is a
/// value like the built-in ones: at most `capacity` bytes; a longer name throws
/// std::length_error.
class policy_name {
public:
    static constexpr std::size_t capacity = 39;

    constexpr policy_name() = default;
    constexpr policy_name(std::string_view text) {  // NOLINT: implicit, as `p.name = "fy2027"` reads
        if (text.size() > capacity) throw std::length_error("c3p: a policy name is at most 39 bytes");
        std::copy(text.begin(), text.end(), chars_.begin());
        size_ = static_cast<std::uint8_t>(text.size());
    }
    constexpr policy_name(const char* text) : policy_name(std::string_view(text)) {}  // NOLINT

    [[nodiscard]] constexpr std::string_view view() const noexcept { return {chars_.data(), size_}; }
    constexpr operator std::string_view() const noexcept { return view(); }  // NOLINT
    [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }

    friend constexpr bool operator==(const policy_name& a, const policy_name& b) noexcept {
        return a.view() == b.view();
    }
    friend constexpr bool operator==(const policy_name& a, std::string_view b) noexcept { return a.view() == b; }
    friend constexpr bool operator==(const policy_name& a, const char* b) noexcept {
        return a.view() == std::string_view(b);
    }
    friend std::ostream& operator<<(std::ostream& os, const policy_name& name) { return os << name.view(); }

private:
    std::array<char, capacity> chars_{};
    std::uint8_t size_ = 0;
};

struct policy {
    policy_name name;
    int fiscal_year = 2025;  ///< the fiscal year the rules are for (April to March)
    yen cap;              ///< per fiscal year, consumption tax included
    yen maximum_uplift;   ///< field-survey increase that may be granted on top of the cap
    rate consumption_tax; ///< national and local consumption tax
    yen equipment_threshold;  ///< per unit: at or above is equipment unless an exception applies
    threshold_basis equipment_basis = threshold_basis::tax_inclusive;
    rate outsourcing_share;   ///< outsourcing may be at most this share of the base
    outsourcing_numerator outsourcing_counts = outsourcing_numerator::outsourcing;
    outsourcing_base outsourcing_of = outsourcing_base::pre_tax_total;
    general_admin_base general_admin_of = general_admin_base::direct_excluding_outsourcing;
    rounding line_rounding = rounding::floor;           ///< unit price x quantity (x 100/110 when inclusive)
    rounding general_admin_rounding = rounding::floor;  ///< G&A base x agreed rate
    rounding tax_rounding = rounding::floor;            ///< pre-tax total x tax rate (1円未満切り捨て)
    c3p::settlement_basis settlement = c3p::settlement_basis::whole_contract;
    rate transfer_share = rate::percent(20);  ///< moved without approval, of transfer_of (floored to yen)
    c3p::transfer_base transfer_of = c3p::transfer_base::direct_total;
    int max_phase_years = 3;  ///< a phase spans at most this many fiscal years (phase.too_long)
    int max_phases = 2;       ///< a project has at most this many phases (phase.too_many)

    friend constexpr bool operator==(const policy&, const policy&) = default;
};

inline constexpr policy fy2025{
    .name = "fy2025",
    .fiscal_year = 2025,
    .cap = yen(20'000'000),
    .maximum_uplift = yen(5'000'000),
    .consumption_tax = rate::percent(10),
    .equipment_threshold = yen(200'000),
    .outsourcing_share = rate::fraction(1, 2),
};

/// FY2026 (令和8年度). The FY2026 call (February 2026) confirms the cap (JPY 20,000,000 a year,
/// tax included) and the phases (three years, at most two); every other figure and reading is
/// carried over from fy2025, as the call's summary does not restate them.
inline constexpr policy fy2026 = [] {
    policy p = fy2025;
    p.name = "fy2026";
    p.fiscal_year = 2026;
    return p;
}();

/// The policies the library knows by name (for `c3p-check --policy`), in fiscal-year order.
inline constexpr std::array<const policy*, 2> known_policies{&fy2025, &fy2026};

[[nodiscard]] constexpr const policy* find_policy(std::string_view name) noexcept {
    for (const auto* p : known_policies)
        if (p->name == name) return p;
    return nullptr;
}

/// The known policies' names, "fy2025, fy2026": for help texts and errors.
[[nodiscard]] inline std::string known_policy_names() {
    std::string out;
    for (const auto* p : known_policies) {
        if (!out.empty()) out += ", ";
        out += p->name;
    }
    return out;
}

/// The rules a fiscal year is checked under, and whether they were assumed.
struct policy_choice {
    const policy* rules = nullptr;
    bool assumed = false;  ///< the year has no policy of its own: the latest earlier one applies
};

/// The policy of fiscal year `fy` among `known`: its own, or else the latest earlier one
/// (assumed). Nullopt when every policy is for a later year: the caller has to define one.
[[nodiscard]] constexpr std::optional<policy_choice> policy_for_fiscal_year(
    int fy, std::span<const policy* const> known = known_policies) noexcept {
    const policy* latest_earlier = nullptr;
    for (const auto* p : known) {
        if (p->fiscal_year == fy) return policy_choice{p, false};
        if (p->fiscal_year < fy && (!latest_earlier || p->fiscal_year > latest_earlier->fiscal_year)) latest_earlier = p;
    }
    if (!latest_earlier) return std::nullopt;
    return policy_choice{latest_earlier, true};
}

}  // namespace c3p
