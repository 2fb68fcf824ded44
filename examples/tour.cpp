// The README's tour, compiled: each block between "README:" markers appears verbatim there
// (tests/readme_snippets.cmake checks it).
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>

#include <iostream>
#include <string_view>

int main() {
    // README: money
    using namespace c3p::literals;

    const c3p::yen pre_tax = 18'181'819_yen;
    const c3p::yen tax = (pre_tax * c3p::rate::percent(10)).round(c3p::rounding::floor);
    std::cout << to_string(pre_tax + tax, c3p::yen_style::grouped) << '\n';  // 20,000,000

    // 110 yen including 10% tax is exactly 100 yen (a double gives 99.99..., floored to 99).
    const c3p::exact_yen exclusive = 110_yen * (c3p::rate_one + c3p::rate::percent(10)).reciprocal();
    std::cout << exclusive.round(c3p::rounding::never) << '\n';  // 100; rounding::never throws when inexact
    std::cout << to_string(1'234'567_yen, c3p::yen_style::yen_sign) << '\n';  // ¥1,234,567
    // README: end

    // README: budget
    using namespace c3p::items;
    c3p::budget b;
    b.add<personnel>("Engineer (person-days)", 40'000_yen, c3p::quantity(200), {.basis = c3p::price_basis::untaxed})
        .add<overseas_travel>("Wind survey", 450'000_yen, c3p::quantity(2), {.field_survey = true})
        .add<consumables>("Anemometer", 210'000_yen)  // 231,000 with tax: that is equipment
        .add<outsourcing>("Local consultant", 6'000'000_yen);
    b.set_general_admin_rate(c3p::rate::percent(10));

    const c3p::check_result result = c3p::check(b, c3p::fy2025);
    std::cout << to_string(result.totals.total, c3p::yen_style::grouped) << '\n';  // 17,623,100
    for (const c3p::violation& v : result.violations)
        std::cout << v.code() << ": " << c3p::describe(v) << '\n';  // consumable.at_or_above_threshold: ...
    // README: end

    // README: helpers
    const c3p::item kind = c3p::classify(210'000_yen);  // item::equipment: 231,000 with tax
    const c3p::item glass = c3p::classify(210'000_yen, c3p::price_basis::exclusive, c3p::consumable_reason::fragile);
    std::cout << c3p::info(kind).english << ", " << c3p::info(glass).english << '\n';

    const c3p::yen room = c3p::headroom<personnel>(b);  // G&A and tax recomputed exactly
    std::cout << to_string(room, c3p::yen_style::grouped) << '\n';       // 1,964,381
    // README: end

    // README: stream
    // A file's rows, checked as they are read: nothing but the sums and the violations is kept.
    const std::string_view csv = "item,unit_price,quantity\npersonnel,45000,220\nequipment,150000,1\n";
    c3p::checker streamed(c3p::fy2025, {.general_admin_rate = c3p::rate::percent(10)});
    c3p::csv_reader rows(csv);
    while (auto row = rows.next()) streamed.add(row->line, row->source_line);
    const c3p::check_result from_file = std::move(streamed).finish();  // or: c3p::check_csv(csv, {.terms = terms})
    for (const c3p::violation& v : from_file.violations)
        std::cout << "line " << *v.source_line << ": " << c3p::describe(v) << '\n';  // line 3: equipment unit cost ...
    // README: end

    // README: policy
    constexpr c3p::policy draft = [] {  // a year the library has no policy for yet
        auto p = c3p::fy2026;
        p.name = "fy2027_draft";
        p.fiscal_year = 2027;
        p.cap = 25'000'000_yen;
        p.outsourcing_of = c3p::outsourcing_base::personnel_operating_general_admin;
        return p;
    }();
    std::cout << c3p::validate(b, draft).size() << " violation(s) under " << draft.name << '\n';
    // README: end
}
