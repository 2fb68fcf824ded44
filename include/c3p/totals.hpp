// Computing a budget exactly per SPEC section 4: line amounts (one rounding of the exact
// product), item / category / group subtotals, G&A on its base, pre-tax total, consumption tax,
// total, cap with the granted uplift, headroom.
#pragma once

#include <array>
#include <cstddef>
#include <optional>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/policy.hpp"
#include "c3p/yen.hpp"

namespace c3p {

struct totals {
    /// Item subtotals. general_admin and consumption_tax hold the figures the totals use.
    std::array<yen, item_count> items{};
    yen general_admin_base;      ///< what the agreed rate applies to (policy.general_admin_of)
    yen general_admin_maximum;   ///< round(base x agreed rate); 0 without a rate
    std::optional<yen> general_admin_stated;    ///< sum of lines booked to general_admin, if any
    std::optional<yen> consumption_tax_stated;  ///< sum of lines booked to consumption_tax, if any
    yen pre_tax;
    yen total;            ///< the contract amount, tax included
    yen granted_uplift;   ///< min(uplift, maximum) with a field-survey line, else 0
    yen cap;              ///< policy cap + granted uplift

    [[nodiscard]] const yen& item(c3p::item i) const { return items[static_cast<std::size_t>(i)]; }
    [[nodiscard]] yen category(c3p::category c) const {
        yen sum;
        for (const auto& entry : item_table)
            if (entry.category == c) sum += item(entry.id);
        return sum;
    }
    [[nodiscard]] yen group(c3p::group g) const {
        yen sum;
        for (const auto& entry : category_table)
            if (entry.group == g) sum += category(entry.id);
        return sum;
    }
    [[nodiscard]] yen direct() const { return group(c3p::group::direct); }
    [[nodiscard]] const yen& joint_implementation() const { return item(c3p::item::joint_implementation); }
    [[nodiscard]] const yen& general_admin() const { return item(c3p::item::general_admin); }
    [[nodiscard]] const yen& consumption_tax() const { return item(c3p::item::consumption_tax); }
    /// cap - total; negative when over the cap.
    [[nodiscard]] yen headroom() const { return cap - total; }
};

namespace detail {

/// Rates derived from the policy once per computation rather than once per line.
struct tax_factors {
    rate removing;  ///< 1 / (1 + tax): an inclusive price to its exclusive amount
    rate adding;    ///< 1 + tax
    explicit tax_factors(const policy& p) : removing((rate_one + p.consumption_tax).reciprocal()), adding(rate_one + p.consumption_tax) {}
};

inline exact_yen unit_cost(const yen& unit_price, price_basis basis, const policy& p, const tax_factors& tax) {
    if (p.equipment_basis == threshold_basis::tax_inclusive && basis == price_basis::exclusive)
        return unit_price * tax.adding;
    if (p.equipment_basis == threshold_basis::tax_exclusive && basis == price_basis::inclusive)
        return unit_price * tax.removing;
    return exact_yen(unit_price);
}

inline yen line_amount(const exact_yen& extended, price_basis basis, const policy& p, const tax_factors& tax) {
    if (basis == price_basis::inclusive) return (extended * tax.removing).round(p.line_rounding);
    return extended.round(p.line_rounding);
}

/// Steps 2 to 6 of SPEC section 4, from the item subtotals of the lines (cost items filled in).
inline void finish(totals& t, const budget& b, const policy& p) {
    auto& ga = t.items[static_cast<std::size_t>(item::general_admin)];
    auto& tax = t.items[static_cast<std::size_t>(item::consumption_tax)];

    t.general_admin_base = t.category(category::personnel) + t.category(category::operating);
    if (p.general_admin_of == general_admin_base::direct_excluding_outsourcing)
        t.general_admin_base -= t.item(item::outsourcing);
    t.general_admin_maximum = b.general_admin_rate()
                                  ? (t.general_admin_base * *b.general_admin_rate()).round(p.general_admin_rounding)
                                  : yen{};
    ga = t.general_admin_stated ? *t.general_admin_stated : t.general_admin_maximum;

    t.pre_tax = t.direct() + t.joint_implementation() + ga;
    tax = (t.pre_tax * p.consumption_tax).round(p.tax_rounding);
    t.total = t.pre_tax + tax;

    t.granted_uplift = b.has_field_survey() ? (b.uplift() < p.maximum_uplift ? b.uplift() : p.maximum_uplift) : yen{};
    t.cap = p.cap + t.granted_uplift;
}

/// The outsourcing rule's figures (SPEC section 6): what counts, of what, and the exact limit.
struct outsourcing_share {
    yen outsourced;
    yen base;
    exact_yen allowed;  // share x base, exact: "2 x outsourcing <= base" with no rounding
    /// With nothing outsourced there is nothing to limit (a negative pre-tax total is the line rules' to report).
    [[nodiscard]] bool within() const { return outsourced <= yen{} || !(allowed < outsourced); }
};

inline outsourcing_share outsourcing_share_of(const totals& t, const policy& p) {
    outsourcing_share s;
    s.outsourced = t.item(item::outsourcing);
    if (p.outsourcing_counts == outsourcing_numerator::outsourcing_and_joint_implementation)
        s.outsourced += t.joint_implementation();
    s.base = p.outsourcing_of == outsourcing_base::pre_tax_total
                 ? t.pre_tax
                 : t.category(category::personnel) + t.category(category::operating) + t.general_admin();
    s.allowed = s.base * p.outsourcing_share;
    return s;
}

}  // namespace detail

/// The amount of one line under a policy: round(unit price x quantity), or
/// round(unit price x quantity x 1/(1 + tax)) for a tax-inclusive price — one rounding.
[[nodiscard]] inline yen line_amount(const line& l, const policy& p = fy2025) {
    return detail::line_amount(l.unit_price * l.quantity, l.basis, p, detail::tax_factors(p));
}

namespace detail {

/// The one pass over the lines: amounts into subtotals, then the budget-level figures.
/// `visit(index, line, amount)` sees every line (the validator checks line rules there).
template <class Visitor>
totals compute(const budget& b, const policy& p, const tax_factors& tax, Visitor&& visit) {
    totals t;
    yen stated_ga, stated_tax;
    bool has_stated_ga = false, has_stated_tax = false;
    const auto lines = b.lines();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto amount = line_amount(b.extended_price(i), lines[i].basis, p, tax);
        visit(i, lines[i], amount);
        switch (lines[i].item) {
            case item::general_admin:
                stated_ga += amount;
                has_stated_ga = true;
                break;
            case item::consumption_tax:
                stated_tax += amount;
                has_stated_tax = true;
                break;
            default: t.items[static_cast<std::size_t>(lines[i].item)] += amount;
        }
    }
    if (has_stated_ga) t.general_admin_stated = stated_ga;
    if (has_stated_tax) t.consumption_tax_stated = stated_tax;
    finish(t, b, p);
    return t;
}

}  // namespace detail

/// All figures of the budget under a policy. Throws only for arithmetic that cannot be exact
/// (c3p::overflow_error; c3p::inexact_error under a rounding::never policy).
[[nodiscard]] inline totals compute(const budget& b, const policy& p = fy2025) {
    return detail::compute(b, p, detail::tax_factors(p), [](std::size_t, const line&, const yen&) {});
}

}  // namespace c3p
