// c3p::violation — one broken rule, as data: the violation catalogue (docs/rules.md), the
// severities, and the record a check returns for each broken rule.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "c3p/categories.hpp"
#include "c3p/decimal.hpp"
#include "c3p/rate.hpp"

namespace c3p {

/// The violation catalogue of SPEC section 7, in its order (which is also the report order).
enum class rule : std::uint8_t {
    line_negative_amount,
    line_zero_amount,
    equipment_below_threshold,
    equipment_needs_approval,
    consumable_at_or_above_threshold,
    general_admin_over_rate,
    general_admin_rate_missing,
    consumption_tax_mismatch,
    outsourcing_over_half,
    uplift_over_maximum,
    uplift_without_field_survey,
    cap_exceeded,
    input_summary_row,          ///< a 合計 / 小計 / total row of a file, skipped (line-level)
    budget_empty,               ///< no lines
    general_admin_not_claimed,  ///< costs to claim G&A on, but neither a rate nor a stated G&A
    // Plans (c3p::check_plan), in SPEC 13's order.
    task_uncovered,         ///< lines name Table 3 tasks, but none names this one
    policy_assumed,         ///< a fiscal year without a policy of its own, checked under an earlier one
    phase_too_long,         ///< a phase of more than three fiscal years
    phase_not_consecutive,  ///< a phase that skips a fiscal year, or overlaps the phase before it
    phase_too_many,         ///< more than two phases
    // Settlement (c3p::settle), in SPEC 12's order.
    transfer_needs_approval,     ///< a transfer between categories beyond the allowance, not approved
    settlement_overspent,        ///< a category's spending not paid (per-category settlement)
    settlement_over_contract,    ///< the settled total above the contract amount: capped
    actual_outside_fiscal_year,  ///< a record dated outside the contract's fiscal year: excluded
    actual_item_not_in_contract, ///< spending on an item the contract gives nothing
    actual_computed_item,        ///< a record booked to general_admin or consumption_tax: excluded
};

/// Rules in the catalogue.
inline constexpr std::size_t rule_count = 26;

enum class severity : std::uint8_t { error, warning };

/// The stable code, as in CSV tooling, JSON and tests ("cap.exceeded").
[[nodiscard]] constexpr std::string_view code(rule r) noexcept {
    switch (r) {
        case rule::line_negative_amount: return "line.negative_amount";
        case rule::line_zero_amount: return "line.zero_amount";
        case rule::equipment_below_threshold: return "equipment.below_threshold";
        case rule::equipment_needs_approval: return "equipment.needs_approval";
        case rule::consumable_at_or_above_threshold: return "consumable.at_or_above_threshold";
        case rule::general_admin_over_rate: return "general_admin.over_rate";
        case rule::general_admin_rate_missing: return "general_admin.rate_missing";
        case rule::consumption_tax_mismatch: return "consumption_tax.mismatch";
        case rule::outsourcing_over_half: return "outsourcing.over_half";
        case rule::uplift_over_maximum: return "uplift.over_maximum";
        case rule::uplift_without_field_survey: return "uplift.without_field_survey";
        case rule::cap_exceeded: return "cap.exceeded";
        case rule::input_summary_row: return "input.summary_row";
        case rule::budget_empty: return "budget.empty";
        case rule::general_admin_not_claimed: return "general_admin.not_claimed";
        case rule::task_uncovered: return "task.uncovered";
        case rule::policy_assumed: return "policy.assumed";
        case rule::phase_too_long: return "phase.too_long";
        case rule::phase_not_consecutive: return "phase.not_consecutive";
        case rule::phase_too_many: return "phase.too_many";
        case rule::transfer_needs_approval: return "transfer.needs_approval";
        case rule::settlement_overspent: return "settlement.overspent";
        case rule::settlement_over_contract: return "settlement.over_contract";
        case rule::actual_outside_fiscal_year: return "actual.outside_fiscal_year";
        case rule::actual_item_not_in_contract: return "actual.item_not_in_contract";
        case rule::actual_computed_item: return "actual.computed_item";
    }
    return "?";
}

[[nodiscard]] constexpr std::string_view to_string(severity s) noexcept {
    return s == severity::error ? "error" : "warning";
}

/// The severity the catalogue gives a rule; outsourcing.over_half becomes a warning when the
/// budget marks its outsourcing as justified.
[[nodiscard]] constexpr severity catalogue_severity(rule r) noexcept {
    switch (r) {
        case rule::line_zero_amount:
        case rule::equipment_needs_approval:
        case rule::input_summary_row:
        case rule::budget_empty:
        case rule::general_admin_not_claimed:
        case rule::task_uncovered:
        case rule::policy_assumed:
        case rule::settlement_overspent:
        case rule::settlement_over_contract:
        case rule::actual_item_not_in_contract: return severity::warning;
        default: return severity::error;
    }
}

namespace detail {

/// A set of rules: which line rules a line breaks.
class rule_set {
public:
    constexpr void insert(rule r) noexcept { bits_ |= bit(r); }
    [[nodiscard]] constexpr bool contains(rule r) const noexcept { return (bits_ & bit(r)) != 0; }
    [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }
    friend constexpr bool operator==(rule_set, rule_set) = default;

private:
    static constexpr std::uint64_t bit(rule r) noexcept { return std::uint64_t{1} << static_cast<unsigned>(r); }
    std::uint64_t bits_ = 0;
};

}  // namespace detail

/// What a violation's `actual` figure is, where its rule could mean more than one thing.
enum class figure : std::uint8_t {
    amount,                  ///< a yen amount: the line's, an item's total, the uplift, the total
    unit_price,              ///< line.negative_amount: the unit price is below zero
    quantity,                ///< line.negative_amount: the quantity is below zero
    unit_cost_tax_included,  ///< the threshold rules, judged on the tax-inclusive unit cost
    unit_cost_tax_excluded,  ///< the threshold rules, judged on the tax-exclusive unit cost
};

/// What a share or rate was applied to, in the rules that compare with one.
enum class share_base : std::uint8_t {
    none,
    general_admin_base,                 ///< general_admin.over_rate: personnel and operating costs (policy)
    pre_tax_total,                      ///< consumption_tax.mismatch; outsourcing.over_half by default
    personnel_operating_general_admin,  ///< outsourcing.over_half under the literal reading
};

/// One broken rule, as data: a stable code, a severity, where (line index, file line, item),
/// the figures compared (actual, limit) and the figures that explain the limit (a rate and what
/// it applies to). Its sentence is written from these on request (c3p::describe); nothing is
/// formatted while checking.
struct violation {
    c3p::rule rule = c3p::rule::cap_exceeded;
    c3p::severity severity = c3p::severity::error;
    std::optional<std::size_t> line{};         ///< 0-based index among the budget's lines; none for budget rules
    std::optional<std::size_t> source_line{};  ///< 1-based line of the file the line was read from, when known
    std::optional<c3p::item> item{};           ///< the item concerned; none for uplift.* and cap.*
    std::optional<decimal> actual{};           ///< the figure found (see `figure`)
    std::optional<decimal> limit{};            ///< the figure it was compared with
    c3p::figure figure = c3p::figure::amount;
    std::optional<c3p::rate> rate{};           ///< the G&A rate, the tax rate or the outsourcing share applied
    c3p::share_base base_kind = c3p::share_base::none;
    std::optional<decimal> base{};             ///< the figure `rate` was applied to
    std::optional<c3p::category> category{};   ///< settlement: the category concerned
    std::optional<std::chrono::year_month_day> date{};  ///< settlement: the record's date
    std::optional<int> fiscal_year{};          ///< the fiscal year the rule was judged for
    std::optional<int> phase{};                ///< plans: the phase concerned
    std::optional<int> task{};                 ///< plans: the Table 3 task concerned (1-7)
    std::string_view policy{};                 ///< policy.assumed: the policy's name

    [[nodiscard]] std::string_view code() const noexcept { return c3p::code(rule); }
    [[nodiscard]] bool is_error() const noexcept { return severity == c3p::severity::error; }
    friend bool operator==(const violation&, const violation&) = default;
};

}  // namespace c3p
