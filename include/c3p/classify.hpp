// Equipment or consumable? Judged per unit on the policy's basis (docs/rules.md, "Equipment
// versus consumables"), by the same steps the checker takes.
#pragma once

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/detail/line_rules.hpp"
#include "c3p/policy.hpp"
#include "c3p/yen.hpp"

namespace c3p {

/// The unit purchase cost the threshold is compared with: with the default tax-inclusive basis,
/// exclusive prices x (1 + tax rate) exactly; inclusive and untaxed prices as given.
[[nodiscard]] inline exact_yen unit_cost(const yen& unit_price, price_basis basis, const policy& p = fy2025) {
    return unit_price * detail::threshold_factor(basis, p, detail::tax_factors(p));
}

/// item::equipment when the unit cost reaches the threshold and no consumable exception applies;
/// item::consumables otherwise (below the threshold an item is always a consumable).
[[nodiscard]] inline item classify(const yen& unit_price, price_basis basis = price_basis::exclusive,
                                   consumable_reason reason = consumable_reason::none, const policy& p = fy2025) {
    if (!detail::exact_reaches_threshold(unit_price, basis, p, detail::tax_factors(p))) return item::consumables;
    return reason == consumable_reason::none ? item::equipment : item::consumables;
}

}  // namespace c3p
