// c3p::settle — the year's settlement (精算, 額の確定): what MOE pays for a contract given the
// spending actually recorded. The rules are docs/rules.md's "Settlement"; every figure exact,
// every rounding the policy's. Not in <c3p/c3p.hpp>: a proposal's check does not pay for it.
//
//     c3p::contract awarded{proposal};                       // the budget as awarded, G&A rate set
//     std::vector<c3p::actual_record> spent = ...;           // a year of spending, dated
//     const c3p::settlement s = c3p::settle(awarded, spent); // fy2025: whole contract, FY2025
//     s.payable;  s.returned;  s.violations;
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/checker.hpp"
#include "c3p/fiscal_year.hpp"
#include "c3p/policy.hpp"
#include "c3p/totals.hpp"
#include "c3p/violation.hpp"
#include "c3p/violation_list.hpp"
#include "c3p/yen.hpp"

namespace c3p {

/// The contract of one fiscal year: the budget as awarded (its lines and terms, the G&A rate
/// among them) and, when the award was reduced, the contract amount, tax included.
struct contract {
    budget awarded;
    std::optional<yen> amount{};  ///< none: the awarded budget's total
};

/// One record of actual spending: a line (the line formula applies; a negative amount is a
/// refund, 戻入), the date it was spent and, optionally, a receipt number.
struct actual_record {
    c3p::line line;
    std::chrono::year_month_day date{};
    std::string receipt{};
    std::optional<std::size_t> source_line{};  ///< 1-based file line, for a record read from a file
};

/// What a settlement takes besides the contract, the records and the policy.
struct settle_options {
    std::optional<int> fiscal_year{};  ///< the contract's fiscal year; none: the policy's
    bool transfers_approved = false;   ///< transfers beyond the allowance were approved by MOE
    /// The file lines of summary rows the records' file had (csv_records::summary_rows): each is
    /// reported with the warning input.summary_row, as a budget's are.
    std::vector<std::size_t> summary_rows{};
    /// The amounts they state (csv_records::summaries), compared with the records' sums as typed
    /// (input.summary_mismatch).
    std::vector<summary_statement> summaries{};
};

/// The categories that settle, in their order.
inline constexpr std::array<category, 3> settling_categories{category::personnel, category::operating,
                                                             category::joint_implementation};

/// One category's settlement figures.
struct category_settlement {
    yen contracted;  ///< C: the awarded budget's subtotal
    yen actual;      ///< A: the records counted (refunds net)
    yen moved;       ///< T: received (+) or given (-) by a transfer (per-category settlement)
    yen eligible;    ///< E: what is paid for: min(A, C + T) per category, A for the whole contract
    yen unpaid;      ///< A - E

    friend bool operator==(const category_settlement&, const category_settlement&) = default;
};

/// Everything a settlement found: the figures of docs/rules.md and every violation.
struct settlement {
    c3p::policy policy = fy2025;
    int fiscal_year = 2025;
    std::array<category_settlement, settling_categories.size()> categories{};
    yen general_admin_contracted;
    yen general_admin_settled;  ///< min(contracted G&A, round(rate x eligible base))
    yen pre_tax;                ///< eligible categories + settled G&A
    yen consumption_tax;
    yen total;
    yen contract_amount;
    yen payable;   ///< min(total, contract amount)
    yen returned;  ///< contract amount - payable
    yen transfer_allowance;  ///< what may move between personnel and operating without approval
    std::array<yen, item_count> contracted_items{};  ///< the awarded budget's item subtotals
    std::array<yen, item_count> actual_items{};      ///< the counted records' item subtotals
    /// The records file's summary rows (input.summary_row, settle_options::summary_rows), the
    /// record rules in record order (the line rules, actual.outside_fiscal_year,
    /// actual.computed_item), then the settlement rules in catalogue order.
    violation_list violations;

    [[nodiscard]] const category_settlement& category(c3p::category c) const {
        const auto* found = std::find(settling_categories.begin(), settling_categories.end(), c);
        if (found == settling_categories.end()) throw std::invalid_argument("c3p: only personnel, operating and joint implementation settle");
        return categories[static_cast<std::size_t>(found - settling_categories.begin())];
    }
    [[nodiscard]] bool has_errors() const { return violations.has_errors(); }
};

namespace detail {

/// What a records file's summary rows state against the records' sums: each record's unit price
/// x quantity as typed (a spending list sums the prices paid, whether counted or not), rounded
/// as a line is; the pre-tax total is no sum of such a list and is not compared.
inline std::vector<violation> summary_mismatches(std::span<const actual_record> records,
                                                 std::span<const summary_statement> summaries, const policy& p) {
    std::vector<violation> out;
    if (summaries.empty()) return out;
    const tax_factors tax(p);
    std::array<yen, item_count> typed{};
    for (const auto& r : records) {
        line as_typed = r.line;
        as_typed.basis = price_basis::untaxed;  // the price as typed, no tax taken out
        typed[static_cast<std::size_t>(r.line.item)] += exact_line_amount(as_typed, p, tax);
    }
    for (const auto& s : summaries) {
        if (s.names.of == summary_figure::kind::pre_tax) continue;
        yen sum;
        for (const auto& entry : item_table) {
            const bool counted = s.names.of == summary_figure::kind::total ||
                                 (s.names.of == summary_figure::kind::item && entry.id == s.names.item) ||
                                 (s.names.of == summary_figure::kind::category && entry.category == s.names.category) ||
                                 (s.names.of == summary_figure::kind::group && group_of(entry.id) == s.names.group);
            if (counted) sum += typed[static_cast<std::size_t>(entry.id)];
        }
        if (sum != s.stated) out.push_back(summary_mismatch(s, sum));
    }
    return out;
}

/// A settlement rule's violation with its figures (violation_of with what was compared).
inline violation settlement_violation(rule r, std::optional<decimal> actual = std::nullopt,
                                      std::optional<decimal> limit = std::nullopt) {
    violation v = violation_of(r);
    v.actual = std::move(actual);
    v.limit = std::move(limit);
    return v;
}

/// How far `a` is above `b`: a - b, or zero when it is not above.
inline yen excess(const yen& a, const yen& b) { return a > b ? a - b : yen{}; }

/// Moves spending between personnel and operating (per-category settlement only): the
/// overspent one, `receiving`, gets min(its overspend, the other's underspend), at most the
/// allowance unless approved. Sets `moved` and reports transfer.needs_approval.
inline void transfer(category_settlement& receiving, category_settlement& giving, category receiving_category,
                     const yen& allowance, bool approved, violation_list& out) {
    const yen wanted = std::min(excess(receiving.actual, receiving.contracted), excess(giving.contracted, giving.actual));
    if (wanted <= yen{}) return;
    yen moved = wanted;
    if (wanted > allowance && !approved) {
        violation v = settlement_violation(rule::transfer_needs_approval, wanted.value(), allowance.value());
        v.category = receiving_category;
        out.push_back(std::move(v));
        moved = allowance;
    }
    receiving.moved = moved;
    giving.moved = -moved;
}

}  // namespace detail

/// A settlement's figures in the shape of a budget's totals, for the rules that read totals: the
/// items as spent, the categories as eligible, G&A as settled.
[[nodiscard]] inline totals settled_totals(const settlement& s) {
    totals t;
    t.items = s.actual_items;
    t.items[static_cast<std::size_t>(item::general_admin)] = s.general_admin_settled;
    t.items[static_cast<std::size_t>(item::consumption_tax)] = s.consumption_tax;
    for (std::size_t k = 0; k < settling_categories.size(); ++k)
        t.categories[static_cast<std::size_t>(settling_categories[k])] = s.categories[k].eligible;
    t.categories[static_cast<std::size_t>(category::general_admin)] = s.general_admin_settled;
    t.categories[static_cast<std::size_t>(category::consumption_tax)] = s.consumption_tax;
    t.pre_tax = s.pre_tax;
    t.total = s.total;
    return t;
}

/// The settlement of `awarded` given the spending `records`, under the policy's settlement
/// basis and transfer rules. Records dated outside the fiscal year, and records booked to
/// general_admin or consumption_tax (which settlement computes), are reported and not counted.
/// Throws c3p::overflow_error for figures that cannot be exact.
[[nodiscard]] inline settlement settle(const contract& awarded, std::span<const actual_record> records,
                                       const policy& p = fy2025, const settle_options& options = {}) {
    settlement s;
    s.policy = p;
    s.fiscal_year = options.fiscal_year.value_or(p.fiscal_year);
    const auto first_day = fiscal_year_start(s.fiscal_year), last_day = fiscal_year_end(s.fiscal_year);

    const check_result planned = check(awarded.awarded, p);
    s.contracted_items = planned.totals.items;
    s.general_admin_contracted = planned.totals.general_admin();
    s.contract_amount = awarded.amount.value_or(planned.totals.total);

    // The records that count go through the line rules, as a budget's lines do.
    checker counted(p);
    std::vector<std::size_t> counted_records;  // a counted line's record index
    std::vector<std::pair<std::size_t, violation>> record_violations;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        const auto located = [&](rule broken) {
            violation v = detail::settlement_violation(broken);
            v.line = i;
            v.source_line = r.source_line;
            v.item = r.line.item;
            return v;
        };
        if (is_computed(r.line.item)) {
            record_violations.emplace_back(i, located(rule::actual_computed_item));
        } else if (!r.date.ok() || r.date < first_day || r.date > last_day) {
            violation v = located(rule::actual_outside_fiscal_year);
            v.date = r.date;
            v.fiscal_year = s.fiscal_year;
            record_violations.emplace_back(i, std::move(v));
        } else {
            counted.add(r.line, r.source_line);
            counted_records.push_back(i);
        }
    }
    const check_result spent = std::move(counted).finish();
    for (const auto& v : spent.violations) {
        // A negative record is a refund, not an error; the budget rules are the contract's, not the records'.
        if (!v.line || v.rule == rule::line_negative_amount) continue;
        violation located = v;
        located.line = counted_records[*v.line];
        record_violations.emplace_back(*located.line, std::move(located));
    }
    std::stable_sort(record_violations.begin(), record_violations.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto source_line : options.summary_rows) s.violations.push_back(detail::summary_row_skipped(source_line));
    for (auto& v : detail::summary_mismatches(records, options.summaries, p)) s.violations.push_back(std::move(v));
    for (auto& [index, v] : record_violations) s.violations.push_back(std::move(v));
    s.actual_items = spent.totals.items;

    for (std::size_t k = 0; k < settling_categories.size(); ++k) {
        s.categories[k].contracted = planned.totals.category(settling_categories[k]);
        s.categories[k].actual = spent.totals.category(settling_categories[k]);
    }
    auto& personnel = s.categories[0];
    auto& operating = s.categories[1];
    auto& joint = s.categories[2];

    // What may move without approval: a share of the contracted direct costs, or of the receiving category's.
    const bool personnel_receives = personnel.actual > personnel.contracted;
    const yen allowance_base = p.transfer_of == transfer_base::direct_total
                                   ? planned.totals.direct()
                                   : (personnel_receives ? personnel.contracted : operating.contracted);
    s.transfer_allowance = (allowance_base * p.transfer_share).round(rounding::floor);

    // The settlement rules' violations, after outsourcing.over_half (the catalogue's order), which
    // needs the settled totals.
    violation_list settlement_rules;
    if (p.settlement == settlement_basis::per_category) {
        if (personnel_receives)
            detail::transfer(personnel, operating, category::personnel, s.transfer_allowance, options.transfers_approved,
                             settlement_rules);
        else
            detail::transfer(operating, personnel, category::operating, s.transfer_allowance, options.transfers_approved,
                             settlement_rules);
        for (auto& c : s.categories) c.eligible = std::min(c.actual, c.contracted + c.moved);
    } else {
        for (auto& c : s.categories) c.eligible = c.actual;
    }
    for (std::size_t k = 0; k < settling_categories.size(); ++k) {
        auto& c = s.categories[k];
        c.unpaid = c.actual - c.eligible;
        if (c.unpaid > yen{}) {
            violation v = detail::settlement_violation(rule::settlement_overspent, c.actual.value(), c.eligible.value());
            v.category = settling_categories[k];
            settlement_rules.push_back(std::move(v));
        }
    }

    const yen& outsourced = spent.totals.item(item::outsourcing);
    const yen eligible_base = detail::general_admin_base_of(personnel.eligible, operating.eligible,
                                                            std::min(outsourced, operating.eligible), p);
    s.general_admin_settled =
        std::min(s.general_admin_contracted, detail::general_admin_on(eligible_base, awarded.awarded.general_admin_rate(), p));
    s.pre_tax = personnel.eligible + operating.eligible + joint.eligible + s.general_admin_settled;
    s.consumption_tax = detail::consumption_tax_on(s.pre_tax, p);
    s.total = s.pre_tax + s.consumption_tax;
    s.payable = std::min(s.total, s.contract_amount);
    s.returned = s.contract_amount - s.payable;
    if (s.total > s.contract_amount)
        settlement_rules.push_back(detail::settlement_violation(rule::settlement_over_contract, s.total.value(),
                                                                s.contract_amount.value()));
    for (const auto& entry : item_table) {
        const auto k = static_cast<std::size_t>(entry.id);
        if (entry.computed || s.actual_items[k] == yen{} || s.contracted_items[k] != yen{}) continue;
        violation v = detail::settlement_violation(rule::actual_item_not_in_contract, s.actual_items[k].value(), decimal{});
        v.item = entry.id;
        settlement_rules.push_back(std::move(v));
    }

    // Outsourcing stays within its share of what is settled, as of what was planned: the rule of
    // the budget (detail::outsourcing_share_of), on the spending counted and the settled totals.
    const auto share = detail::outsourcing_share_of(settled_totals(s), p);
    if (!share.within()) {
        violation v = detail::violation_of(rule::outsourcing_over_half);
        v.item = item::outsourcing;
        v.actual = share.outsourced.value();
        v.limit = share.allowed.floor_to_millionths();
        v.rate = p.outsourcing_share;
        v.base_kind = p.outsourcing_of == outsourcing_base::pre_tax_total ? share_base::pre_tax_total
                                                                         : share_base::personnel_operating_general_admin;
        v.base = share.base.value();
        if (awarded.awarded.outsourcing_justified()) v.severity = severity::warning;
        s.violations.push_back(std::move(v));
    }
    for (const auto& v : settlement_rules) s.violations.push_back(v);
    return s;
}

/// Plan against actual for one cost item.
struct item_variance {
    c3p::item item = c3p::item::personnel;
    yen contracted;
    yen actual;
    yen difference;  ///< actual - contracted: above zero when more was spent than planned

    friend bool operator==(const item_variance&, const item_variance&) = default;
};

/// The variance table: every cost item the contract or the records have, in Table 5's order.
[[nodiscard]] inline std::vector<item_variance> variance(const settlement& s) {
    std::vector<item_variance> out;
    for (const auto& entry : item_table) {
        const auto k = static_cast<std::size_t>(entry.id);
        if (entry.computed || (s.contracted_items[k] == yen{} && s.actual_items[k] == yen{})) continue;
        out.push_back({entry.id, s.contracted_items[k], s.actual_items[k], s.actual_items[k] - s.contracted_items[k]});
    }
    return out;
}

/// How much more a category may spend.
struct category_room {
    c3p::category category = c3p::category::personnel;
    yen before_overspend;  ///< until its spending reaches its contracted amount
    /// Per-category settlement, personnel and operating: until the transfer it would need goes
    /// beyond the allowance (or the other category's underspend), so that the excess is unpaid
    /// without MOE's approval. None where nothing moves (whole-contract settlement, joint
    /// implementation).
    std::optional<yen> before_approval;

    friend bool operator==(const category_room&, const category_room&) = default;
};

/// The settlement counterpart of headroom: each settling category's room, from the spending so far.
[[nodiscard]] inline std::array<category_room, settling_categories.size()> spending_room(const settlement& s) {
    std::array<category_room, settling_categories.size()> out{};
    for (std::size_t k = 0; k < settling_categories.size(); ++k) {
        const auto& c = s.categories[k];
        out[k].category = settling_categories[k];
        out[k].before_overspend = detail::excess(c.contracted, c.actual);
        if (s.policy.settlement != settlement_basis::per_category || k == 2) continue;
        const auto& other = s.categories[1 - k];
        const yen coverable = std::min(s.transfer_allowance, detail::excess(other.contracted, other.actual));
        out[k].before_approval = detail::excess(c.contracted + coverable, c.actual);
    }
    return out;
}

}  // namespace c3p
