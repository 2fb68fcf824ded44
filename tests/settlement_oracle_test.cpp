// Differential test of c3p::settle: an independent model of the settlement rules on
// boost::multiprecision::cpp_rational (no fixed point, no shared code: every figure from the
// rules' text) against the library, on 4,000 random contracts and years of records, under both
// settlement bases, both transfer bases, shares from 0 to 40%, approved and not.
#include <c3p/c3p.hpp>
#include <c3p/settlement.hpp>

#include <boost/multiprecision/cpp_int.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

using c3p_test::floor_of;
using c3p_test::integer;
using c3p_test::rational;
using c3p::item;

// ---- the model ---------------------------------------------------------------------------

struct model_line {
    item booked;
    integer price_yen;   // whole yen
    integer quantity;    // whole units
    bool inclusive;
};

integer amount_of(const model_line& l) {
    const rational gross = rational(l.price_yen * l.quantity);
    return l.inclusive ? floor_of(gross * rational(10, 11)) : floor_of(gross);
}

/// personnel, operating, joint implementation, or -1 for the computed items.
int category_index(item i) {
    if (i == item::personnel || i == item::honoraria) return 0;
    if (i == item::joint_implementation) return 2;
    if (i == item::general_admin || i == item::consumption_tax) return -1;
    return 1;
}

struct model_record {
    model_line line;
    int days_from_start;  // relative to 1 April of the fiscal year; the year has 365 days here (FY2025)
};

struct model_result {
    std::array<integer, 3> contracted{}, actual{}, moved{}, eligible{};
    integer ga_contracted, ga_settled, pre_tax, tax, total, contract_amount, payable, returned;
    std::vector<std::string> codes;  // the settlement and record rules, in the library's order
};

model_result settle_model(const std::vector<model_line>& plan, const std::optional<rational>& ga_rate,
                          const std::vector<model_record>& records, bool per_category, const rational& share,
                          bool receiving_base, bool approved) {
    model_result m;
    std::array<integer, c3p::item_count> planned_items{}, spent_items{};
    for (const auto& l : plan) {
        const integer a = amount_of(l);
        planned_items[static_cast<std::size_t>(l.booked)] += a;
        m.contracted[static_cast<std::size_t>(category_index(l.booked))] += a;
    }
    const integer outsourcing_planned = planned_items[static_cast<std::size_t>(item::outsourcing)];
    m.ga_contracted = ga_rate ? floor_of(*ga_rate * rational(m.contracted[0] + m.contracted[1] - outsourcing_planned)) : 0;
    const integer planned_pre_tax = m.contracted[0] + m.contracted[1] + m.contracted[2] + m.ga_contracted;
    m.contract_amount = planned_pre_tax + floor_of(rational(planned_pre_tax, 10));

    std::vector<std::string> record_codes;
    for (const auto& r : records) {
        if (category_index(r.line.booked) < 0) {
            record_codes.emplace_back("actual.computed_item");
        } else if (r.days_from_start < 0 || r.days_from_start >= 365) {
            record_codes.emplace_back("actual.outside_fiscal_year");
        } else {
            const integer a = amount_of(r.line);
            spent_items[static_cast<std::size_t>(r.line.booked)] += a;
            m.actual[static_cast<std::size_t>(category_index(r.line.booked))] += a;
        }
    }
    m.codes = record_codes;

    if (per_category) {
        const bool personnel_receives = m.actual[0] > m.contracted[0];
        const std::size_t receiving = personnel_receives ? 0 : 1, giving = personnel_receives ? 1 : 0;
        const integer base = receiving_base ? m.contracted[receiving] : m.contracted[0] + m.contracted[1];
        const integer allowance = floor_of(share * rational(base));
        const integer over = std::max(integer(0), integer(m.actual[receiving] - m.contracted[receiving]));
        const integer under = std::max(integer(0), integer(m.contracted[giving] - m.actual[giving]));
        const integer wanted = std::min(over, under);
        integer moved = wanted;
        if (wanted > 0 && wanted > allowance && !approved) {
            m.codes.emplace_back("transfer.needs_approval");
            moved = allowance;
        }
        if (wanted > 0) {
            m.moved[receiving] = moved;
            m.moved[giving] = -moved;
        }
        for (std::size_t c = 0; c < 3; ++c) m.eligible[c] = std::min(m.actual[c], integer(m.contracted[c] + m.moved[c]));
    } else {
        m.eligible = m.actual;
    }
    for (std::size_t c = 0; c < 3; ++c)
        if (m.actual[c] > m.eligible[c]) m.codes.emplace_back("settlement.overspent");

    const integer outsourced = spent_items[static_cast<std::size_t>(item::outsourcing)];
    const integer ga_base = m.eligible[0] + m.eligible[1] - std::min(outsourced, integer(m.eligible[1]));
    m.ga_settled = std::min(m.ga_contracted, ga_rate ? floor_of(*ga_rate * rational(ga_base)) : integer(0));
    m.pre_tax = m.eligible[0] + m.eligible[1] + m.eligible[2] + m.ga_settled;
    m.tax = floor_of(rational(m.pre_tax, 10));
    m.total = m.pre_tax + m.tax;
    m.payable = std::min(m.total, m.contract_amount);
    m.returned = m.contract_amount - m.payable;
    // Outsourcing within half of the settled pre-tax total (fy2025's share and base), before
    // the settlement rules in the catalogue's order.
    if (outsourced > 0 && 2 * outsourced > m.pre_tax)
        m.codes.insert(m.codes.begin() + static_cast<std::ptrdiff_t>(record_codes.size()), "outsourcing.over_half");
    if (m.total > m.contract_amount) m.codes.emplace_back("settlement.over_contract");
    for (std::size_t k = 0; k < c3p::item_count; ++k)
        if (spent_items[k] != 0 && planned_items[k] == 0 && category_index(static_cast<item>(k)) >= 0)
            m.codes.emplace_back("actual.item_not_in_contract");
    return m;
}

// ---- the comparison ----------------------------------------------------------------------

integer integer_of(const c3p::yen& y) {
    const auto text = to_string(y);
    REQUIRE(text.find('.') == std::string::npos);
    return integer(text);
}

c3p::line to_line(const model_line& l) {
    return c3p::line{.item = l.booked,
                     .unit_price = c3p::yen::parse(l.price_yen.str()),
                     .quantity = c3p::quantity::parse(l.quantity.str()),
                     .basis = l.inclusive ? c3p::price_basis::inclusive : c3p::price_basis::exclusive,
                     .reason = c3p::consumable_reason::fragile};  // no threshold rule in the way
}

/// Settlement and record codes of the library's result, in its order (the line rules left out:
/// the budget oracle covers them).
std::vector<std::string> settlement_codes(const c3p::settlement& s) {
    std::vector<std::string> out;
    for (const auto& v : s.violations) {
        const std::string c(v.code());
        if (c.starts_with("transfer.") || c.starts_with("settlement.") || c.starts_with("actual.") ||
            c == "outsourcing.over_half")
            out.push_back(c);
    }
    return out;
}

}  // namespace

TEST_SUITE("settlement_oracle") {
    TEST_CASE("settlement oracle: 4,000 random contracts and years of records agree with an exact rational model") {
        std::mt19937_64 rng(1216);
        const auto pick = [&](std::uint64_t n) { return rng() % n; };
        const std::array<item, 8> items{item::personnel,  item::honoraria,   item::domestic_travel,
                                        item::meeting,    item::consumables, item::outsourcing,
                                        item::wages,      item::joint_implementation};
        int approvals = 0, overspent = 0, outside = 0, over_half = 0;
        for (int n = 0; n < 4'000; ++n) {
            CAPTURE(n);
            const auto random_line = [&](bool refunds) {
                model_line l{items[pick(items.size())], integer(static_cast<long long>(pick(3'000'000))), integer(static_cast<long long>(1 + pick(5))),
                             pick(4) == 0};
                if (refunds && pick(15) == 0) l.price_yen = -l.price_yen;
                return l;
            };
            std::vector<model_line> plan;
            for (std::uint64_t k = 0, lines = 1 + pick(12); k < lines; ++k) plan.push_back(random_line(false));
            std::vector<model_record> records;
            for (std::uint64_t k = 0, count = pick(40); k < count; ++k) {
                model_record r{random_line(true), static_cast<int>(pick(400)) - 20};
                if (pick(40) == 0) r.line.booked = pick(2) ? item::general_admin : item::consumption_tax;
                records.push_back(r);
            }
            const std::optional<rational> ga_rate =
                pick(5) == 0 ? std::nullopt : std::optional<rational>(rational(static_cast<long long>(pick(16)), 100));
            const bool per_category = pick(2) == 0, receiving_base = pick(3) == 0, approved = pick(4) == 0;
            const rational share(static_cast<long long>(pick(41)), 100);

            c3p::budget b;
            for (const auto& l : plan) b.add(to_line(l));
            if (ga_rate)
                b.set_general_admin_rate(c3p::rate::fraction(static_cast<long long>(boost::multiprecision::numerator(*ga_rate)),
                                                             static_cast<long long>(boost::multiprecision::denominator(*ga_rate))));
            std::vector<c3p::actual_record> actual;
            const auto first_day = std::chrono::sys_days(c3p::fiscal_year_start(2025));
            for (const auto& r : records)
                actual.push_back({to_line(r.line), std::chrono::year_month_day(first_day + std::chrono::days(r.days_from_start))});
            auto p = c3p::fy2025;
            p.settlement = per_category ? c3p::settlement_basis::per_category : c3p::settlement_basis::whole_contract;
            p.transfer_share = c3p::rate::fraction(static_cast<long long>(boost::multiprecision::numerator(share)),
                                                   static_cast<long long>(boost::multiprecision::denominator(share)));
            p.transfer_of = receiving_base ? c3p::transfer_base::receiving_category : c3p::transfer_base::direct_total;

            const auto s = c3p::settle(c3p::contract{b}, actual, p, {.transfers_approved = approved});
            const auto m = settle_model(plan, ga_rate, records, per_category, share, receiving_base, approved);
            for (std::size_t c = 0; c < 3; ++c) {
                CHECK(integer_of(s.categories[c].contracted) == m.contracted[c]);
                CHECK(integer_of(s.categories[c].actual) == m.actual[c]);
                CHECK(integer_of(s.categories[c].moved) == m.moved[c]);
                CHECK(integer_of(s.categories[c].eligible) == m.eligible[c]);
                CHECK(integer_of(s.categories[c].unpaid) == m.actual[c] - m.eligible[c]);
            }
            CHECK(integer_of(s.general_admin_contracted) == m.ga_contracted);
            CHECK(integer_of(s.general_admin_settled) == m.ga_settled);
            CHECK(integer_of(s.pre_tax) == m.pre_tax);
            CHECK(integer_of(s.consumption_tax) == m.tax);
            CHECK(integer_of(s.total) == m.total);
            CHECK(integer_of(s.contract_amount) == m.contract_amount);
            CHECK(integer_of(s.payable) == m.payable);
            CHECK(integer_of(s.returned) == m.returned);
            CHECK(settlement_codes(s) == m.codes);
            const auto has = [&](const char* code) { return std::find(m.codes.begin(), m.codes.end(), code) != m.codes.end(); };
            approvals += has("transfer.needs_approval");
            overspent += has("settlement.overspent");
            outside += has("actual.outside_fiscal_year");
            over_half += has("outsourcing.over_half");
        }
        // Every path was taken often enough to matter.
        CHECK(approvals > 100);
        CHECK(overspent > 300);
        CHECK(outside > 1'000);
        CHECK(over_half > 50);
    }
}
