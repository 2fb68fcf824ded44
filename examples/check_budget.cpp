// Build a budget with the typed API, check it under the FY2025 policy, print every violation,
// and ask how much more could be spent.
#include <c3p/c3p.hpp>

#include <iostream>

int main() {
    using namespace c3p::literals;
    using namespace c3p::items;

    c3p::budget b;
    b.add<personnel>("Engineer (person-days)", 40'000_yen, c3p::quantity(200), {.basis = c3p::price_basis::untaxed})
        .add<overseas_travel>("Wind condition survey, 2 trips", 450'000_yen, c3p::quantity(2),
                              {.basis = c3p::price_basis::untaxed, .field_survey = true})
        .add<consumables>("Anemometer", 210'000_yen)  // 231,000 with tax: equipment, not a consumable
        .add<outsourcing>("Local consultant", 6'000'000_yen);
    b.set_general_admin_rate(c3p::rate::percent(10));
    b.set_uplift(2'000'000_yen);

    const auto result = c3p::check(b, c3p::fy2025);
    const auto& t = result.totals;
    std::cout << "pre-tax " << to_string(t.pre_tax, c3p::yen_style::grouped) << ", tax "
              << to_string(t.consumption_tax(), c3p::yen_style::grouped) << ", total "
              << to_string(t.total, c3p::yen_style::yen_sign) << " of a cap of "
              << to_string(t.cap, c3p::yen_style::yen_sign) << '\n';
    for (const auto& v : result.violations)
        std::cout << to_string(v.severity) << ' ' << v.code() << (v.line ? " line " + std::to_string(*v.line) : "")
                  << ": " << c3p::describe(v) << '\n';

    std::cout << "personnel could still grow by "
              << to_string(c3p::headroom<personnel>(b), c3p::yen_style::yen_sign) << '\n'
              << "a 210,000 yen anemometer is booked as "
              << c3p::info(c3p::classify(210'000_yen)).english << '\n';
}
