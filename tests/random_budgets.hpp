// Random budgets and policies for the differential tests (oracle_test, derivation_test): prices
// near the thresholds, fractions, refunds, stated G&A and tax, every price basis and reason,
// field surveys, uplifts at their limits, and every reading of the policy.
#pragma once

#include <c3p/c3p.hpp>

#include <cstdint>
#include <random>
#include <string>

namespace c3p_test {

class random_budgets {
public:
    explicit random_budgets(std::uint64_t seed) : rng_(seed) {}
    std::uint64_t below(std::uint64_t n) { return rng_() % n; }
    bool chance(unsigned percent) { return below(100) < percent; }

    /// Now and then a price beyond 64 bits in millionths, so that the check takes its exact path.
    explicit random_budgets(std::uint64_t seed, unsigned huge_percent) : rng_(seed), huge_percent_(huge_percent) {}

    c3p::yen price() {
        if (chance(huge_percent_)) return c3p::yen::parse(std::to_string(10'000'000 + below(100'000'000)) + "123456789.25");
        const std::int64_t millionths = [&]() -> std::int64_t {
            switch (below(6)) {
                case 0: return static_cast<std::int64_t>(below(1'000'000'000'000));  // up to 1M yen, any fraction
                case 1: return (181'818 + static_cast<std::int64_t>(below(3)) - 1) * 1'000'000 +
                               static_cast<std::int64_t>(below(2)) * 181'818;  // near 200,000 / 1.1
                case 2: return (199'999 + static_cast<std::int64_t>(below(3))) * 1'000'000;  // near 200,000
                case 3: return (219'999 + static_cast<std::int64_t>(below(3))) * 1'000'000;  // near 220,000
                case 4: return static_cast<std::int64_t>(below(5'000'000)) * 1'000'000;     // whole yen to 5M
                default: return static_cast<std::int64_t>(below(100'000)) * 1'000'000 + static_cast<std::int64_t>(below(100)) * 10'000;
            }
        }();
        const auto sign = chance(4) ? -1 : 1;
        return c3p::yen(c3p::decimal::from_millionths(sign * (chance(3) ? 0 : millionths)));
    }

    c3p::quantity quantity() {
        if (chance(40)) return c3p::quantity(1);
        if (chance(5)) return c3p::quantity(-static_cast<long long>(below(3)));
        if (chance(30)) return c3p::quantity(c3p::decimal::from_millionths(static_cast<std::int64_t>(below(50'000'000))));
        return c3p::quantity(static_cast<long long>(below(60)));
    }

    c3p::budget budget() {
        c3p::budget b;
        const auto lines = below(16);
        for (std::uint64_t i = 0; i < lines; ++i) {
            c3p::line l;
            l.item = chance(6) ? (chance(50) ? c3p::item::general_admin : c3p::item::consumption_tax)
                               : static_cast<c3p::item>(below(16));  // the cost items
            l.unit_price = price();
            l.quantity = quantity();
            l.basis = static_cast<c3p::price_basis>(below(3));
            l.reason = chance(75) ? c3p::consumable_reason::none : static_cast<c3p::consumable_reason>(below(4));
            l.field_survey = chance(10);
            b.add(std::move(l));
        }
        if (!chance(30)) b.set_general_admin_rate(c3p::rate::fraction(static_cast<long long>(below(301)), 1000));
        if (chance(40)) {
            const long long uplifts[] = {0, 1, 4'999'999, 5'000'000, 5'000'001, 2'500'000};
            b.set_uplift(c3p::yen(chance(50) ? uplifts[below(6)] : static_cast<long long>(below(7'000'000))));
        }
        b.set_outsourcing_justified(chance(20));
        return b;
    }

    c3p::policy policy() {
        c3p::policy p = c3p::fy2025;
        if (chance(50)) return p;
        const auto mode = [&] { return static_cast<c3p::rounding>(below(5)); };  // never excluded
        p.line_rounding = mode();
        p.general_admin_rounding = mode();
        p.tax_rounding = mode();
        if (chance(50)) p.equipment_basis = c3p::threshold_basis::tax_exclusive;
        if (chance(50)) p.outsourcing_counts = c3p::outsourcing_numerator::outsourcing_and_joint_implementation;
        if (chance(50)) p.outsourcing_of = c3p::outsourcing_base::personnel_operating_general_admin;
        if (chance(50)) p.general_admin_of = c3p::general_admin_base::direct;
        if (chance(30)) p.consumption_tax = c3p::rate::fraction(static_cast<long long>(below(200)), 1000);
        if (chance(30)) p.outsourcing_share = c3p::rate::fraction(static_cast<long long>(1 + below(99)), 100);
        return p;
    }

private:
    std::mt19937_64 rng_;
    unsigned huge_percent_ = 0;
};

}  // namespace c3p_test
