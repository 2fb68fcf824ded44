// The validator: every violation of SPEC section 7, never an exception for a rule failure,
// never a stop at the first. Order: line rules in line order (catalogue order within a line),
// then budget rules in catalogue order. A budget with nothing to report allocates nothing.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/classify.hpp"
#include "c3p/policy.hpp"
#include "c3p/totals.hpp"
#include "c3p/violation.hpp"

namespace c3p {

/// Totals and violations from one pass.
struct check_result {
    c3p::totals totals;
    std::vector<violation> violations;

    [[nodiscard]] bool has_errors() const noexcept {
        for (const auto& v : violations)
            if (v.is_error()) return true;
        return false;
    }
};

namespace detail {

inline constexpr std::string_view yen_unit = " yen";
/// "1,234,567 yen" appended to `out`.
inline void append_yen_text(std::string& out, const decimal& amount) {
    append_to(out, amount, {.grouping = true});
    out += yen_unit;
}
inline std::string yen_text(const decimal& amount) {
    std::string out;
    append_yen_text(out, amount);
    return out;
}
inline std::string yen_text(const yen& amount) { return yen_text(amount.value()); }
/// Sets `out` to prefix + yen_text(amount) + suffix, in the room it has: a check may write
/// thousands, and a message rewritten in place allocates only when it outgrows the last.
inline void assign_yen_message(std::string& out, std::string_view prefix, const decimal& amount, std::string_view suffix) {
    out.clear();
    out.reserve(prefix.size() + decimal_text_max + yen_unit.size() + suffix.size());  // once
    out += prefix;
    append_yen_text(out, amount);
    out += suffix;
}

/// The violations of one line at a time, their objects kept from line to line (see
/// next_violation): building a long check's violations a line at a time, to write each out,
/// then allocates once rather than once a message.
class line_violations {
public:
    void clear() noexcept { used_ = 0; }
    /// A violation to overwrite in full: the next one kept, or a new one.
    violation& next() {
        if (used_ == kept_.size()) kept_.emplace_back();
        return kept_[used_++];
    }
    [[nodiscard]] std::span<const violation> view() const noexcept { return {kept_.data(), used_}; }

private:
    std::vector<violation> kept_;
    std::size_t used_ = 0;
};

/// Where check_line writes a violation: a new one at the end of a list, or a kept one.
inline violation& next_violation(std::vector<violation>& out) { return out.emplace_back(); }
inline violation& next_violation(line_violations& out) { return out.next(); }

inline std::string basis_text(const policy& p) {
    return p.equipment_basis == threshold_basis::tax_inclusive ? " (tax included)" : " (tax excluded)";
}

/// What the line rules look at: a stored line, or a streamed row's figures.
struct line_rule_input {
    c3p::item item;
    price_basis basis;
    bool has_consumable_reason;
    yen unit_price;
    c3p::quantity quantity;
};
inline line_rule_input rule_input(const line& l) {
    return {l.item, l.basis, l.reason != consumable_reason::none, l.unit_price, l.quantity};
}

// Where a figure is not a whole number of millionths (x 10/11), it is shown floored to one:
// the comparison itself was exact, and flooring keeps "below" below and "at or above" at or above.
// Only the rules in `candidates` are looked at: a caller that knows which rules the line breaks
// (the fast pass, whose answer the oracle test holds to this function's) spares the others'
// exact arithmetic. `out` is a std::vector<violation>, appended to, or line_violations.
template <class Violations>
void check_line(Violations& out, std::size_t index, const line_rule_input& l, const yen& amount, const policy& p,
                const tax_factors& tax, rule_set candidates = rule_set::all()) {
    // Every field of the violation is set; its message is returned, to be written in place.
    const auto add = [&](rule r, std::optional<decimal> actual, std::optional<decimal> limit) -> std::string& {
        violation& v = next_violation(out);
        v.rule = r;
        v.severity = catalogue_severity(r);
        v.line = index;
        v.item = l.item;
        v.actual = std::move(actual);
        v.limit = std::move(limit);
        return v.message;
    };
    if (candidates.contains(rule::line_negative_amount)) {
        if (l.unit_price.is_negative()) {
            assign_yen_message(add(rule::line_negative_amount, l.unit_price.value(), decimal{}), "unit price ",
                               l.unit_price.value(), " is below zero");
        } else if (l.quantity.is_negative()) {
            add(rule::line_negative_amount, l.quantity.value(), decimal{}) =
                "quantity " + to_string(l.quantity.value(), {.grouping = true}) + " is below zero";
        }
    }
    if (candidates.contains(rule::line_zero_amount) && amount.is_zero())
        add(rule::line_zero_amount, decimal{}, std::nullopt) = "line amount is 0 yen";

    if (l.item == item::equipment) {
        if (candidates.contains(rule::equipment_below_threshold)) {
            const auto cost = unit_cost(l.unit_price, l.basis, p, tax);
            if (cost < p.equipment_threshold) {
                add(rule::equipment_below_threshold, cost.floor_to_millionths(), p.equipment_threshold.value()) =
                    "equipment unit cost " + yen_text(cost.floor_to_millionths()) + basis_text(p) + " is below the " +
                    yen_text(p.equipment_threshold) + " threshold; book it as consumables";
            }
        }
        if (candidates.contains(rule::equipment_needs_approval))
            assign_yen_message(add(rule::equipment_needs_approval, amount.value(), std::nullopt), "equipment of ",
                               amount.value(), " may be purchased only where the project guidelines allow it");
    } else if (l.item == item::consumables && !l.has_consumable_reason &&
               candidates.contains(rule::consumable_at_or_above_threshold)) {
        const auto cost = unit_cost(l.unit_price, l.basis, p, tax);
        if (cost >= p.equipment_threshold) {
            add(rule::consumable_at_or_above_threshold, cost.floor_to_millionths(), p.equipment_threshold.value()) =
                "consumable unit cost " + yen_text(cost.floor_to_millionths()) + basis_text(p) + " is at or above the " +
                yen_text(p.equipment_threshold) +
                " threshold without an exception (not_reusable, fragile or short_life); book it as equipment";
        }
    }
}

inline void check_budget(std::vector<violation>& out, const budget_terms& terms, bool has_field_survey, const totals& t,
                         const policy& p) {
    const auto add = [&](rule r, severity s, std::optional<item> concerned, std::optional<decimal> actual,
                         std::optional<decimal> limit, std::string message) {
        out.push_back(violation{r, s, std::nullopt, concerned, std::move(actual), std::move(limit), std::move(message)});
    };

    // over_rate needs a rate and rate_missing its absence: at most one of the two applies.
    if (t.general_admin_stated) {
        const auto& stated = *t.general_admin_stated;
        if (terms.general_admin_rate && stated > t.general_admin_maximum) {
            add(rule::general_admin_over_rate, severity::error, item::general_admin, stated.value(),
                t.general_admin_maximum.value(),
                "stated general and administrative costs " + yen_text(stated) + " exceed " +
                    to_string(*terms.general_admin_rate) + " of the base " + yen_text(t.general_admin_base) + " (" +
                    yen_text(t.general_admin_maximum) + ")");
        }
        if (!terms.general_admin_rate) {
            add(rule::general_admin_rate_missing, severity::error, item::general_admin, stated.value(), std::nullopt,
                "general and administrative costs of " + yen_text(stated) + " are stated but no agreed G&A rate is given");
        }
    }

    if (t.consumption_tax_stated && *t.consumption_tax_stated != t.consumption_tax()) {
        add(rule::consumption_tax_mismatch, severity::error, item::consumption_tax, t.consumption_tax_stated->value(),
            t.consumption_tax().value(),
            "stated consumption tax " + yen_text(*t.consumption_tax_stated) + " differs from the computed " +
                yen_text(t.consumption_tax()) + " (" + to_string(p.consumption_tax) + " of " + yen_text(t.pre_tax) + ")");
    }

    const auto share = outsourcing_share_of(t, p);
    if (!share.within()) {
        const bool justified = terms.outsourcing_justified;
        add(rule::outsourcing_over_half, justified ? severity::warning : severity::error, item::outsourcing,
            share.outsourced.value(), share.allowed.floor_to_millionths(),
            "outsourcing " + yen_text(share.outsourced) + " exceeds " + to_string(p.outsourcing_share) + " of the " +
                (p.outsourcing_of == outsourcing_base::pre_tax_total ? "pre-tax total " : "personnel, operating and G&A costs ") +
                yen_text(share.base) + " (" + yen_text(share.allowed.floor_to_millionths()) + ")" +
                (justified ? "; marked as justified" : ""));
    }

    if (terms.uplift > p.maximum_uplift) {
        add(rule::uplift_over_maximum, severity::error, std::nullopt, terms.uplift.value(), p.maximum_uplift.value(),
            "requested uplift " + yen_text(terms.uplift) + " exceeds the maximum of " + yen_text(p.maximum_uplift));
    }
    if (!terms.uplift.is_zero() && !has_field_survey) {
        add(rule::uplift_without_field_survey, severity::error, std::nullopt, terms.uplift.value(), decimal{},
            "an uplift of " + yen_text(terms.uplift) + " is requested but no line is flagged as a field survey");
    }
    if (t.total > t.cap) {
        add(rule::cap_exceeded, severity::error, std::nullopt, t.total.value(), t.cap.value(),
            "total " + yen_text(t.total) + " exceeds the cap of " + yen_text(t.cap));
    }
}

}  // namespace detail

/// Totals and every violation, in one pass over the lines.
[[nodiscard]] inline check_result check(const budget& b, const policy& p = fy2025) {
    const detail::tax_factors tax(p);
    check_result result;
    const auto check_line = [&](std::size_t index, const line& l, const yen& amount, rule_set candidates) {
        detail::check_line(result.violations, index, detail::rule_input(l), amount, p, tax, candidates);
    };
    if (auto fast = detail::fast_totals(b, p, tax, check_line)) {
        result.totals = *fast;
    } else {  // the exact pass decides alone: drop what the fast pass may have found
        result.violations.clear();
        result.totals = detail::exact_totals(b, p, tax, check_line);
    }
    detail::check_budget(result.violations, b.terms(), b.has_field_survey(), result.totals, p);
    return result;
}

/// Every violation of the budget under the policy; empty when it complies.
[[nodiscard]] inline std::vector<violation> validate(const budget& b, const policy& p = fy2025) {
    return check(b, p).violations;
}

}  // namespace c3p
