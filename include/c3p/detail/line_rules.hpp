// The line-level rules (amount, negative and zero lines, the equipment threshold) written once
// and used by both paths of the check: the fast one on a line's 64-bit facts, the exact one on
// its decimals through the 256-bit integers. Each step is a template of detail/arithmetic.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/detail/arithmetic.hpp"
#include "c3p/detail/line_facts.hpp"
#include "c3p/error.hpp"
#include "c3p/policy.hpp"
#include "c3p/violation.hpp"
#include "c3p/yen.hpp"

namespace c3p::detail {

/// Rates derived from the policy once per check rather than once per line.
struct tax_factors {
    rate adding;    ///< 1 + tax
    rate removing;  ///< 1 / (1 + tax): an inclusive price to its exclusive amount
    explicit tax_factors(const policy& p) : adding(rate_one + p.consumption_tax), removing(adding.reciprocal()) {}
};

/// What the unit price is multiplied by to give the unit cost the equipment threshold is judged
/// on: 1 + tax for an exclusive price judged tax-inclusive, 1 / (1 + tax) for an inclusive price
/// judged tax-exclusive, else 1 (the price as given).
inline const rate& threshold_factor(price_basis basis, const policy& p, const tax_factors& tax) noexcept {
    if (p.equipment_basis == threshold_basis::tax_inclusive && basis == price_basis::exclusive) return tax.adding;
    if (p.equipment_basis == threshold_basis::tax_exclusive && basis == price_basis::inclusive) return tax.removing;
    return rate_one;
}

/// A line's amount from its extended price (unit price x quantity): one rounding, of the
/// extended price x 1 / (1 + tax) for a tax-inclusive price.
template <class Int>
constexpr bool line_amount(const fraction<Int>& extended, bool inclusive, const Int& removing_numerator,
                           const Int& removing_denominator, rounding mode, Int& out) {
    if (!inclusive) return round(extended, mode, out);
    fraction<Int> exclusive{};
    return scale(extended, removing_numerator, removing_denominator, exclusive) && round(exclusive, mode, out);
}

/// The line rules a line breaks (the catalogue's line rules), into `broken`. `reaches_threshold()`
/// judges its unit cost against the equipment threshold, as an optional<bool>; false when that
/// judgement does not fit (the fast path then hands the line to the exact one).
template <class ReachesThreshold>
constexpr bool broken_line_rules(item booked, bool negative_input, bool has_reason, bool zero_amount,
                                 ReachesThreshold&& reaches_threshold, rule_set& broken) {
    broken = {};
    if (negative_input) broken.insert(rule::line_negative_amount);
    if (zero_amount) broken.insert(rule::line_zero_amount);
    if (booked == item::equipment) {
        const std::optional<bool> reaches = reaches_threshold();
        if (!reaches) return false;
        if (!*reaches) broken.insert(rule::equipment_below_threshold);
        broken.insert(rule::equipment_needs_approval);
    } else if (booked == item::consumables && !has_reason) {
        const std::optional<bool> reaches = reaches_threshold();
        if (!reaches) return false;
        if (*reaches) broken.insert(rule::consumable_at_or_above_threshold);
    }
    return true;
}

// ---- the exact path ----------------------------------------------------------------------------

/// The amount of a line under a policy, exactly. Throws c3p::overflow_error beyond the
/// representation and c3p::inexact_error for a fraction under rounding::never.
inline yen exact_line_amount(const line& l, const policy& p, const tax_factors& tax) {
    int256 amount;
    const bool whole = checked("line amount", [&] {
        fraction<int256> extended{};
        (void)extend(int256(millionths(l.unit_price.value())), int256(millionths(l.quantity.value())), extended);
        return line_amount(extended, l.basis == price_basis::inclusive, int256(numerator(tax.removing)),
                           int256(denominator(tax.removing)), p.line_rounding, amount);
    });
    if (!whole) throw inexact_error("c3p: a line amount with a fraction of a yen was rounded with rounding::never");
    return yen(decimal_from_millionths(narrow(amount * int256(micro), "line amount")));
}

/// Whether the unit cost of `price` reaches the equipment threshold, exactly.
inline bool exact_reaches_threshold(const yen& price, price_basis basis, const policy& p, const tax_factors& tax) {
    const rate& factor = threshold_factor(basis, p, tax);
    return *product_at_least(int256(millionths(price.value())), int256(numerator(factor)),
                             int256(millionths(p.equipment_threshold.value())), int256(denominator(factor)));
}

/// The line rules `l` with amount `amount` breaks, judged exactly.
inline rule_set exact_broken_line_rules(const line& l, const yen& amount, const policy& p, const tax_factors& tax) {
    rule_set broken;
    broken_line_rules(
        l.item, l.unit_price.is_negative() || l.quantity.is_negative(), l.reason != consumable_reason::none,
        amount.is_zero(), [&] { return std::optional<bool>(exact_reaches_threshold(l.unit_price, l.basis, p, tax)); },
        broken);
    return broken;
}

// ---- the fast path -----------------------------------------------------------------------------

/// The policy's figures in 64 bits, and the line steps on a line's facts.
class fast_line_rules {
public:
    /// nullopt when a policy figure does not fit 64 bits: the exact path then does everything.
    static std::optional<fast_line_rules> make(const policy& p, const tax_factors& tax) {
        fast_line_rules out;
        const auto threshold = to_int64(millionths(p.equipment_threshold.value()));
        const auto removing_numerator = to_int64(numerator(tax.removing));
        const auto removing_denominator = to_int64(denominator(tax.removing));
        if (!threshold || !removing_numerator || !removing_denominator) return std::nullopt;
        out.threshold_ = *threshold;
        out.removing_numerator_ = *removing_numerator;
        out.removing_denominator_ = *removing_denominator;
        out.line_rounding_ = p.line_rounding;
        for (auto basis : {price_basis::exclusive, price_basis::inclusive, price_basis::untaxed}) {
            const rate& factor = threshold_factor(basis, p, tax);
            const auto factor_numerator = to_int64(numerator(factor)), factor_denominator = to_int64(denominator(factor));
            if (!factor_numerator || !factor_denominator) return std::nullopt;
            out.factor_numerator_[static_cast<std::size_t>(basis)] = *factor_numerator;
            out.factor_denominator_[static_cast<std::size_t>(basis)] = *factor_denominator;
        }
        return out;
    }

    // Both answer through a reference and a bool: GCC copies a returned std::optional through
    // the stack in pieces and reads it back whole, a stall twice a line in the check's loops.

    /// The line's amount in yen; false when a figure does not fit 64 bits or rounding::never
    /// meets a fraction (the exact path must decide then).
    [[nodiscard]] bool amount(const line_facts& f, std::int64_t& out) const noexcept {
        if (f.has(line_facts::wide)) return false;
        const bool inclusive = static_cast<price_basis>(f.basis) == price_basis::inclusive;
        // Each denominator as a constant, which the compiler divides by with a multiplication.
        return f.has(line_facts::fractional_quantity)
                   ? line_amount(fraction<std::int64_t>{f.whole, f.remainder, micro * micro}, inclusive,
                                 removing_numerator_, removing_denominator_, line_rounding_, out)
                   : line_amount(fraction<std::int64_t>{f.whole, f.remainder, micro}, inclusive, removing_numerator_,
                                 removing_denominator_, line_rounding_, out);
    }

    /// The line rules the line breaks, into `broken`; false when a threshold comparison does
    /// not fit 64 bits (the exact path must decide then).
    [[nodiscard]] bool broken_rules(const line_facts& f, std::int64_t amount, rule_set& broken) const noexcept {
        const auto basis = static_cast<std::size_t>(f.basis);
        return broken_line_rules(
            f.item, f.has(line_facts::negative_input), !f.has(line_facts::no_reason), amount == 0,
            [&] { return product_at_least(f.unit_price, factor_numerator_[basis], threshold_, factor_denominator_[basis]); },
            broken);
    }

private:
    std::int64_t threshold_ = 0;  // millionths
    std::int64_t removing_numerator_ = 1, removing_denominator_ = 1;
    std::array<std::int64_t, 3> factor_numerator_{}, factor_denominator_{};  // by price basis
    rounding line_rounding_ = rounding::floor;
};

// ---- the violations of a line ------------------------------------------------------------------

/// What a line violation's figures are worked out from.
struct line_figures {
    c3p::item item;
    price_basis basis;
    yen unit_price;
    c3p::quantity quantity;
    yen amount;
};

/// The violation of line rule `r` by line `index` with these figures. Where a unit cost is not a
/// whole number of millionths (x 10/11) it is shown floored to one: the judgement was exact,
/// and flooring keeps "below" below and "at or above" at or above.
inline violation line_violation(rule r, std::size_t index, std::optional<std::size_t> source_line,
                                const line_figures& l, const policy& p, const tax_factors& tax) {
    violation v = violation_of(r);
    v.line = index;
    v.source_line = source_line;
    v.item = l.item;
    switch (r) {
        case rule::line_negative_amount:
            v.figure = l.unit_price.is_negative() ? figure::unit_price : figure::quantity;
            v.actual = l.unit_price.is_negative() ? l.unit_price.value() : l.quantity.value();
            v.limit = decimal{};
            break;
        case rule::line_zero_amount: v.actual = decimal{}; break;
        case rule::equipment_needs_approval: v.actual = l.amount.value(); break;
        case rule::equipment_below_threshold:
        case rule::consumable_at_or_above_threshold:
            v.figure = p.equipment_basis == threshold_basis::tax_inclusive ? figure::unit_cost_tax_included
                                                                             : figure::unit_cost_tax_excluded;
            v.actual = (l.unit_price * threshold_factor(l.basis, p, tax)).floor_to_millionths();
            v.limit = p.equipment_threshold.value();
            break;
        default: break;  // not a line rule
    }
    return v;
}

/// The line rules, in catalogue order.
inline constexpr rule line_rules[] = {rule::line_negative_amount, rule::line_zero_amount, rule::equipment_below_threshold,
                                      rule::equipment_needs_approval, rule::consumable_at_or_above_threshold};

}  // namespace c3p::detail
