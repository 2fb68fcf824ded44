// Equipment or consumable? Judged per unit on the policy's basis (SPEC section 5).
#pragma once

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/policy.hpp"
#include "c3p/totals.hpp"
#include "c3p/yen.hpp"

namespace c3p {

/// The unit purchase cost the threshold is compared with: with the default tax-inclusive basis,
/// exclusive prices x (1 + tax rate) exactly; inclusive and untaxed prices as given.
[[nodiscard]] inline exact_yen unit_cost(const yen& unit_price, price_basis basis, const policy& p = fy2025) {
    return detail::unit_cost(unit_price, basis, p, detail::tax_factors(p));
}

/// item::equipment when the unit cost reaches the threshold and no consumable exception applies;
/// item::consumables otherwise (below the threshold an item is always a consumable).
[[nodiscard]] inline item classify(const yen& unit_price, price_basis basis = price_basis::exclusive,
                                   consumable_reason reason = consumable_reason::none, const policy& p = fy2025) {
    if (unit_cost(unit_price, basis, p) < p.equipment_threshold) return item::consumables;
    return reason == consumable_reason::none ? item::equipment : item::consumables;
}

}  // namespace c3p
