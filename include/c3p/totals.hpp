// A budget's figures (docs/rules.md, "How a budget is computed"): item, category and group
// subtotals, G&A on its base, the pre-tax total, consumption tax, the total, the cap with the
// granted uplift, headroom; and the amount of one line. c3p::check (checker.hpp) computes them.
#pragma once

#include <array>
#include <cstddef>
#include <optional>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/policy.hpp"
#include "c3p/detail/line_rules.hpp"
#include "c3p/yen.hpp"

namespace c3p {

struct totals {
    /// Item subtotals. general_admin and consumption_tax hold the figures the totals use.
    std::array<yen, item_count> items{};
    /// Category subtotals of `items`, summed once by the computation (detail::complete).
    std::array<yen, category_count> categories{};
    yen general_admin_base;      ///< what the agreed rate applies to (policy.general_admin_of)
    yen general_admin_maximum;   ///< round(base x agreed rate); 0 without a rate
    std::optional<yen> general_admin_stated;    ///< sum of lines booked to general_admin, if any
    std::optional<yen> consumption_tax_stated;  ///< sum of lines booked to consumption_tax, if any
    yen pre_tax;
    yen total;            ///< the contract amount, tax included
    yen granted_uplift;   ///< min(uplift, maximum) with a field-survey line, else 0
    yen cap;              ///< policy cap + granted uplift

    [[nodiscard]] const yen& item(c3p::item i) const { return items[static_cast<std::size_t>(i)]; }
    [[nodiscard]] const yen& category(c3p::category c) const { return categories[static_cast<std::size_t>(c)]; }
    [[nodiscard]] yen group(c3p::group g) const {
        yen sum;
        for (const auto& entry : category_table)
            if (entry.group == g) sum += category(entry.id);
        return sum;
    }
    [[nodiscard]] yen direct() const { return category(c3p::category::personnel) + category(c3p::category::operating); }
    [[nodiscard]] const yen& joint_implementation() const { return item(c3p::item::joint_implementation); }
    [[nodiscard]] const yen& general_admin() const { return item(c3p::item::general_admin); }
    [[nodiscard]] const yen& consumption_tax() const { return item(c3p::item::consumption_tax); }
    /// cap - total; negative when over the cap.
    [[nodiscard]] yen headroom() const { return cap - total; }

    friend bool operator==(const totals&, const totals&) = default;
};

namespace detail {

/// What the agreed G&A rate applies to (policy.general_admin_of), from the personnel and
/// operating costs and the outsourcing among them.
inline yen general_admin_base_of(const yen& personnel, const yen& operating, const yen& outsourcing, const policy& p) {
    yen base = personnel + operating;
    if (p.general_admin_of == general_admin_base::direct_excluding_outsourcing) base -= outsourcing;
    return base;
}

/// round(base x agreed rate); 0 without a rate.
inline yen general_admin_on(const yen& base, const std::optional<rate>& agreed, const policy& p) {
    return agreed ? (base * *agreed).round(p.general_admin_rounding) : yen{};
}

/// Consumption tax on a pre-tax total, rounded as the policy says.
inline yen consumption_tax_on(const yen& pre_tax, const policy& p) {
    return (pre_tax * p.consumption_tax).round(p.tax_rounding);
}

/// Steps 2 to 6 of the computation (docs/rules.md), from the item subtotals of the lines (cost
/// items, and general_admin_stated / consumption_tax_stated where lines state them).
inline void complete(totals& t, const budget_terms& terms, bool has_field_survey, const policy& p) {
    auto& ga = t.items[static_cast<std::size_t>(item::general_admin)];
    auto& tax = t.items[static_cast<std::size_t>(item::consumption_tax)];
    t.categories = {};  // summed once: the steps below and the rules ask for them again and again
    for (const auto& entry : item_table) t.categories[static_cast<std::size_t>(entry.category)] += t.item(entry.id);

    t.general_admin_base = general_admin_base_of(t.category(category::personnel), t.category(category::operating),
                                                 t.item(item::outsourcing), p);
    t.general_admin_maximum = general_admin_on(t.general_admin_base, terms.general_admin_rate, p);
    ga = t.general_admin_stated ? *t.general_admin_stated : t.general_admin_maximum;

    t.pre_tax = t.direct() + t.joint_implementation() + ga;
    tax = consumption_tax_on(t.pre_tax, p);
    t.total = t.pre_tax + tax;

    t.categories[static_cast<std::size_t>(category::general_admin)] = ga;
    t.categories[static_cast<std::size_t>(category::consumption_tax)] = tax;

    t.granted_uplift = has_field_survey ? (terms.uplift < p.maximum_uplift ? terms.uplift : p.maximum_uplift) : yen{};
    t.cap = p.cap + t.granted_uplift;
}

/// The outsourcing rule's figures: what counts, of what, and the exact limit.
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
/// round(unit price x quantity x 1/(1 + tax)) for a tax-inclusive price: one rounding.
[[nodiscard]] inline yen line_amount(const line& l, const policy& p = fy2025) {
    return detail::exact_line_amount(l, p, detail::tax_factors(p));
}

}  // namespace c3p
