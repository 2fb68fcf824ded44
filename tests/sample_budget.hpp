// A realistic FY2025 C3P budget used by several tests: Toyama City and Semarang, two field
// surveys abroad, a local workshop, report sessions in Tokyo, printed deliverables, a local
// consultant as outsourcing, Toyama City as co-implementer, G&A at 10%.
// Totals checked by hand (and with exact fractions), written in totals_test.cpp.
#pragma once

#include <c3p/c3p.hpp>

inline c3p::budget sample_budget() {
    using namespace c3p::literals;
    using namespace c3p::items;
    using c3p::price_basis;
    using c3p::quantity;
    c3p::budget b;
    b.add<personnel>("Project manager (person-days)", 48'000_yen, quantity(60), {.basis = price_basis::untaxed})
        .add<personnel>("Senior engineer (person-days)", 40'000_yen, quantity(80), {.basis = price_basis::untaxed})
        .add<personnel>("Engineer (person-days)", 30'000_yen, quantity(60), {.basis = price_basis::untaxed})
        .add<honoraria>("Expert committee: 3 experts x 2 meetings", 30'000_yen, quantity(6))
        .add<overseas_travel>("Field surveys, Semarang: airfare, 2 trips x 3 people", 180'000_yen, quantity(6),
                              {.basis = price_basis::untaxed, .field_survey = true})
        .add<overseas_travel>("Field surveys, Semarang: lodging and allowance, 36 nights", 22'000_yen, quantity(36),
                              {.basis = price_basis::untaxed, .field_survey = true})
        .add<domestic_travel>("Report sessions in Tokyo: 4 round trips", 28'650_yen, quantity(4),
                              {.basis = price_basis::inclusive})
        .add<meeting>("Local workshop: refreshments for 60", 1'100_yen, quantity(60), {.basis = price_basis::inclusive})
        .add<rent_and_damage>("Local workshop: venue", 150'000_yen)
        .add<miscellaneous>("Interpretation at the workshop: 2 days", 85'000_yen, quantity(2))
        .add<miscellaneous>("Translation of deliverables: 40 pages", 3'500_yen, quantity(40))
        .add<printing_binding>("Final report: 30 copies", 4'400_yen, quantity(30), {.basis = price_basis::inclusive})
        .add<consumables>("Portable power loggers", 165'000_yen, quantity(2))
        .add<communication_logistics>("Shipping of survey instruments", 33'000_yen, quantity(1),
                                      {.basis = price_basis::inclusive})
        .add<outsourcing>("Local consultant: energy audit of 10 buildings", 2'500'000_yen)
        .add<joint_implementation>("Toyama City: workshop coordination", 1'200'000_yen);
    b.set_general_admin_rate(c3p::rate::percent(10));
    return b;
}
