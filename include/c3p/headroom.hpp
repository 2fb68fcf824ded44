// Headroom per item: the largest whole-yen amount that can still be added to one item without
// breaking the cap, with G&A and consumption tax recomputed exactly; for outsourcing (and joint
// implementation when the policy counts it) also staying within the outsourcing share.
#pragma once

#include <stdexcept>
#include <string>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/policy.hpp"
#include "c3p/checker.hpp"
#include "c3p/totals.hpp"

namespace c3p {

/// Throws std::invalid_argument for general_admin and consumption_tax, which are computed.
[[nodiscard]] inline yen headroom(const budget& b, item target, const policy& p = fy2025) {
    if (is_computed(target))
        throw std::invalid_argument("c3p: headroom is defined for cost items, not for the computed item " +
                                    std::string(code(target)));
    const totals now = compute(b, p);
    const bool share_applies =
        !b.outsourcing_justified() &&
        (target == item::outsourcing ||
         (target == item::joint_implementation &&
          p.outsourcing_counts == outsourcing_numerator::outsourcing_and_joint_implementation));

    // Adding to an item never lowers the total, G&A or tax (every rounding mode is monotone),
    // so the amounts that fit form a range starting at 0: bisect it.
    const auto fits = [&](const yen& extra) {
        totals t = now;
        t.items[static_cast<std::size_t>(target)] += extra;
        detail::complete(t, b.terms(), b.has_field_survey(), p);
        return t.total <= t.cap && (!share_applies || detail::outsourcing_share_of(t, p).within());
    };
    if (!fits(yen{})) return yen{};
    // The total grows by at least the amount added, so no more than cap - total can fit.
    yen low;
    yen high = exact_yen(now.cap - now.total).round(rounding::floor);
    const rate half = rate::fraction(1, 2);
    while (low < high) {
        const yen middle = low + ((high - low) * half).round(rounding::ceiling);
        if (fits(middle)) {
            low = middle;
        } else {
            high = middle - yen(1);
        }
    }
    return low;
}

template <cost_item Item>
[[nodiscard]] yen headroom(const budget& b, const policy& p = fy2025) {
    return headroom(b, Item::value, p);
}

}  // namespace c3p
