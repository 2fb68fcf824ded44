// Differential test: an independent implementation of SPEC sections 4 to 7 on
// boost::multiprecision::cpp_rational (unbounded rationals, a different representation from the
// library's fixed-point integers) checks the library on 10,000 random budgets with fixed seeds,
// on policy variants, on the boundary budgets, and on each year of random plans; plus
// invariants the library must keep.
#include <algorithm>
#include <c3p/c3p.hpp>
#include <c3p/plan.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "random_budgets.hpp"
#include "support.hpp"

namespace {

using c3p_test::floor_of;
using c3p_test::integer;
using c3p_test::rational;
using c3p::item;

// ---- the oracle --------------------------------------------------------------------------

/// A decimal text ("-1234.5") as a rational: the library's figures read back through their text.
rational exact_text(const std::string& text) {
    const auto point = text.find('.');
    if (point == std::string::npos) return rational(integer(text));
    std::string fraction = text.substr(point + 1);
    integer scale = 1;
    for (std::size_t i = 0; i < fraction.size(); ++i) scale *= 10;
    const bool negative = text.starts_with('-');
    const integer whole(std::to_string(std::stoll(text.substr(negative ? 1 : 0, point - (negative ? 1 : 0)))));
    // Boost reads a leading 0 as octal: the fraction's digits without their leading zeros.
    const auto significant = fraction.find_first_not_of('0');
    const integer numerator(significant == std::string::npos ? std::string("0") : fraction.substr(significant));
    const rational magnitude = rational(whole) + rational(numerator, scale);
    return negative ? -magnitude : magnitude;
}
rational exact(const c3p::decimal& d) { return exact_text(to_string(d)); }
rational exact(const c3p::yen& y) { return exact(y.value()); }
rational exact(const c3p::rate& r) {
    const auto text = to_string(r);  // "7.5%" or "1/3"
    if (text.ends_with('%')) return exact_text(text.substr(0, text.size() - 1)) / 100;
    const auto slash = text.find('/');
    return rational(integer(text.substr(0, slash)), integer(text.substr(slash + 1)));
}

rational round_as(const rational& x, c3p::rounding mode) {
    const integer f = floor_of(x);
    const rational fraction = x - rational(f);
    if (fraction == 0) return rational(f);
    const rational half(1, 2);
    switch (mode) {
        case c3p::rounding::floor: return rational(f);
        case c3p::rounding::ceiling: return rational(f + 1);
        case c3p::rounding::truncate: return rational(x < 0 ? f + 1 : f);
        case c3p::rounding::half_up:
            if (fraction > half || (fraction == half && x > 0)) return rational(f + 1);
            return rational(f);
        case c3p::rounding::half_even:
            if (fraction > half || (fraction == half && f % 2 != 0)) return rational(f + 1);
            return rational(f);
        case c3p::rounding::never: break;
    }
    throw std::logic_error("oracle: inexact under never");
}

/// Floored to a millionth, as the library shows figures that are not exact decimals.
rational to_millionth(const rational& x) { return rational(floor_of(x * 1'000'000), integer(1'000'000)); }

struct expected_violation {
    std::string code;
    c3p::severity severity;
    std::optional<std::size_t> line;
    std::optional<item> concerned;
    std::optional<rational> actual, limit;
};

struct oracle_result {
    std::vector<rational> items = std::vector<rational>(c3p::item_count);
    rational ga_maximum, pre_tax, tax, total, cap;
    std::vector<expected_violation> violations;
};

bool in_category(item i, c3p::category c) { return c3p::category_of(i) == c; }

oracle_result oracle(const c3p::budget& b, const c3p::policy& p) {
    oracle_result r;
    const rational t = exact(p.consumption_tax);
    const rational threshold = exact(p.equipment_threshold);
    rational stated_ga = 0, stated_tax = 0;
    bool has_stated_ga = false, has_stated_tax = false, survey = false;
    for (std::size_t i = 0; i < b.size(); ++i) {
        const auto& l = b.lines()[i];
        const rational price = exact(l.unit_price), q = exact(l.quantity.value());
        rational value = price * q;
        if (l.basis == c3p::price_basis::inclusive) value = value / (1 + t);
        const rational amount = round_as(value, p.line_rounding);
        survey = survey || l.field_survey;
        const auto add = [&](std::string code, c3p::severity s, std::optional<rational> actual, std::optional<rational> limit) {
            r.violations.push_back({std::move(code), s, i, l.item, std::move(actual), std::move(limit)});
        };
        if (price < 0) {
            add("line.negative_amount", c3p::severity::error, price, rational(0));
        } else if (q < 0) {
            add("line.negative_amount", c3p::severity::error, q, rational(0));
        }
        if (amount == 0) add("line.zero_amount", c3p::severity::warning, rational(0), std::nullopt);
        rational unit = price;  // the threshold basis
        if (p.equipment_basis == c3p::threshold_basis::tax_inclusive && l.basis == c3p::price_basis::exclusive) unit = price * (1 + t);
        if (p.equipment_basis == c3p::threshold_basis::tax_exclusive && l.basis == c3p::price_basis::inclusive) unit = price / (1 + t);
        if (l.item == item::equipment) {
            if (unit < threshold) add("equipment.below_threshold", c3p::severity::error, to_millionth(unit), threshold);
            add("equipment.needs_approval", c3p::severity::warning, amount, std::nullopt);
        }
        if (l.item == item::consumables && l.reason == c3p::consumable_reason::none && unit >= threshold)
            add("consumable.at_or_above_threshold", c3p::severity::error, to_millionth(unit), threshold);

        if (l.item == item::general_admin) {
            stated_ga += amount;
            has_stated_ga = true;
        } else if (l.item == item::consumption_tax) {
            stated_tax += amount;
            has_stated_tax = true;
        } else {
            r.items[static_cast<std::size_t>(l.item)] += amount;
        }
    }
    rational personnel = 0, operating = 0, direct = 0;
    for (const auto& e : c3p::item_table) {
        const auto& v = r.items[static_cast<std::size_t>(e.id)];
        if (in_category(e.id, c3p::category::personnel)) personnel += v;
        if (in_category(e.id, c3p::category::operating)) operating += v;
    }
    direct = personnel + operating;
    const rational& outsourcing = r.items[static_cast<std::size_t>(item::outsourcing)];
    const rational& joint = r.items[static_cast<std::size_t>(item::joint_implementation)];
    rational ga_base = direct;
    if (p.general_admin_of == c3p::general_admin_base::direct_excluding_outsourcing) ga_base -= outsourcing;
    r.ga_maximum = b.general_admin_rate() ? round_as(ga_base * exact(*b.general_admin_rate()), p.general_admin_rounding) : rational(0);
    const rational ga = has_stated_ga ? stated_ga : r.ga_maximum;
    r.items[static_cast<std::size_t>(item::general_admin)] = ga;
    r.pre_tax = direct + joint + ga;
    r.tax = round_as(r.pre_tax * t, p.tax_rounding);
    r.items[static_cast<std::size_t>(item::consumption_tax)] = r.tax;
    r.total = r.pre_tax + r.tax;
    const rational uplift = exact(b.uplift()), maximum = exact(p.maximum_uplift);
    r.cap = exact(p.cap) + (survey ? (uplift < maximum ? uplift : maximum) : rational(0));

    const auto add = [&](std::string code, c3p::severity s, std::optional<item> concerned, std::optional<rational> actual,
                         std::optional<rational> limit) {
        r.violations.push_back({std::move(code), s, std::nullopt, concerned, std::move(actual), std::move(limit)});
    };
    if (has_stated_ga && b.general_admin_rate() && stated_ga > r.ga_maximum)
        add("general_admin.over_rate", c3p::severity::error, item::general_admin, stated_ga, r.ga_maximum);
    if (has_stated_ga && !b.general_admin_rate())
        add("general_admin.rate_missing", c3p::severity::error, item::general_admin, stated_ga, std::nullopt);
    if (has_stated_tax && stated_tax != r.tax)
        add("consumption_tax.mismatch", c3p::severity::error, item::consumption_tax, stated_tax, r.tax);
    rational counted = outsourcing;
    if (p.outsourcing_counts == c3p::outsourcing_numerator::outsourcing_and_joint_implementation) counted += joint;
    const rational base = p.outsourcing_of == c3p::outsourcing_base::pre_tax_total ? r.pre_tax : direct + ga;
    const rational allowed = base * exact(p.outsourcing_share);
    if (counted > 0 && counted > allowed)
        add("outsourcing.over_half", b.outsourcing_justified() ? c3p::severity::warning : c3p::severity::error,
            item::outsourcing, counted, to_millionth(allowed));
    if (uplift > maximum) add("uplift.over_maximum", c3p::severity::error, std::nullopt, uplift, maximum);
    if (uplift != 0 && !survey) add("uplift.without_field_survey", c3p::severity::error, std::nullopt, uplift, rational(0));
    if (r.total > r.cap) add("cap.exceeded", c3p::severity::error, std::nullopt, r.total, r.cap);
    if (b.lines().empty()) add("budget.empty", c3p::severity::warning, std::nullopt, std::nullopt, std::nullopt);
    if (!b.general_admin_rate() && !has_stated_ga && ga_base > 0)
        add("general_admin.not_claimed", c3p::severity::warning, item::general_admin, ga_base, std::nullopt);
    return r;
}

// ---- random budgets ------------------------------------------------------------------------

using generator = c3p_test::random_budgets;

std::string describe(const std::optional<rational>& r) { return r ? r->str() : "none"; }

/// Compares a check's result with the oracle's; returns the first difference, or "" when they agree.
std::string differences(const c3p::check_result& lib, const oracle_result& ora) {
    const auto& t = lib.totals;
    for (const auto& e : c3p::item_table)
        if (exact(t.item(e.id)) != ora.items[static_cast<std::size_t>(e.id)])
            return "item " + std::string(e.code) + ": " + to_string(t.item(e.id)) + " vs " + ora.items[static_cast<std::size_t>(e.id)].str();
    if (exact(t.general_admin_maximum) != ora.ga_maximum) return "G&A maximum";
    if (exact(t.pre_tax) != ora.pre_tax) return "pre-tax " + to_string(t.pre_tax) + " vs " + ora.pre_tax.str();
    if (exact(t.consumption_tax()) != ora.tax) return "tax";
    if (exact(t.total) != ora.total) return "total";
    if (exact(t.cap) != ora.cap) return "cap";
    if (lib.violations.size() != ora.violations.size())
        return "violation count " + std::to_string(lib.violations.size()) + " vs " + std::to_string(ora.violations.size());
    for (std::size_t i = 0; i < ora.violations.size(); ++i) {
        const auto& l = lib.violations[i];
        const auto& o = ora.violations[i];
        const auto actual = l.actual ? std::optional<rational>(exact(*l.actual)) : std::nullopt;
        const auto limit = l.limit ? std::optional<rational>(exact(*l.limit)) : std::nullopt;
        if (l.code() != o.code || l.severity != o.severity || l.line != o.line || l.item != o.concerned ||
            actual != o.actual || limit != o.limit)
            return "violation " + std::to_string(i) + ": " + std::string(l.code()) + " vs " + o.code + ", actual " +
                   describe(actual) + " vs " + describe(o.actual) + ", limit " + describe(limit) + " vs " + describe(o.limit);
    }
    return "";
}

/// Compares the library's check of `b` with the oracle.
std::string differences(const c3p::budget& b, const c3p::policy& p) { return differences(c3p::check(b, p), oracle(b, p)); }

}  // namespace

TEST_SUITE("oracle") {
    TEST_CASE("oracle: the library agrees with exact rationals on 10,000 random budgets") {
        generator g(20251122);
        int compared = 0, with_violations = 0;
        for (int n = 0; n < 10'000; ++n) {
            const auto b = g.budget();
            const auto p = g.policy();
            CAPTURE(n);
            const auto difference = differences(b, p);
            CHECK_MESSAGE(difference.empty(), difference);
            ++compared;
            with_violations += !c3p::validate(b, p).empty();
        }
        CHECK(compared == 10'000);
        CHECK(with_violations > 1'000);  // the generator does reach the rules
        CHECK(with_violations < 10'000);
    }

    TEST_CASE("oracle: the exact path agrees with exact rationals on 3,000 budgets with figures beyond 64 bits") {
        generator g(99, 8);
        int beyond = 0;
        for (int n = 0; n < 3'000; ++n) {
            const auto b = g.budget();
            const auto p = g.policy();
            CAPTURE(n);
            const auto difference = differences(b, p);
            CHECK_MESSAGE(difference.empty(), difference);
            beyond += std::any_of(b.lines().begin(), b.lines().end(),
                                  [](const c3p::line& l) { return l.unit_price > c3p::yen::parse("10000000000000"); });
        }
        CHECK(beyond > 1'000);  // a third of them go the exact way
    }

    TEST_CASE("oracle: on 10,000 lines of mixed bases a stored budget's check meets the violations line by line") {
        // check(budget) adds a budget's inclusive lines apart from the others, 4,096 lines at a
        // time, and merges the lines either run flags back into order; a checker fed line by
        // line takes each in turn. Their violations must be the same, one for one.
        std::mt19937_64 rng(4096);
        c3p::budget b;
        for (int i = 0; i < 10'000; ++i) {
            const auto basis = static_cast<c3p::price_basis>(rng() % 3);
            const auto pick = rng() % 8;
            const item booked = pick == 0 ? item::equipment : pick == 1 ? item::consumables : item::meeting;
            const auto price = c3p::yen(static_cast<long long>(150'000 + rng() % 100'000));  // around the threshold
            b.add(c3p::line{.item = booked, .unit_price = price, .quantity = c3p::quantity(1 + static_cast<long long>(rng() % 3)), .basis = basis});
        }
        const auto stored = c3p::check(b);
        c3p::checker one_by_one;
        for (const auto& l : b.lines()) one_by_one.add(l);
        const auto streamed = std::move(one_by_one).finish();
        CHECK(stored.totals == streamed.totals);
        CHECK(stored.violations.size() > 1'000);
        CHECK(stored.violations == streamed.violations);
        CHECK(differences(b, c3p::fy2025).empty());
    }

    TEST_CASE("oracle: the boundary budgets agree") {
        using namespace c3p::literals;
        for (long long pre_tax : {18'181'818LL, 18'181'819LL, 18'181'820LL}) {
            c3p::budget b;
            b.add<c3p::items::personnel>("staff", c3p::yen(pre_tax));
            CHECK(differences(b, c3p::fy2025).empty());
        }
        for (auto price : {181'818_yen, 181'819_yen, 199'999_yen, 200'000_yen, 200'001_yen}) {
            for (auto basis : {c3p::price_basis::exclusive, c3p::price_basis::inclusive, c3p::price_basis::untaxed}) {
                for (auto booked : {item::equipment, item::consumables}) {
                    c3p::budget b;
                    b.add(c3p::line{.item = booked, .unit_price = price, .basis = basis});
                    CHECK(differences(b, c3p::fy2025).empty());
                }
            }
        }
        for (long long outsourced : {999'999LL, 1'000'000LL, 1'000'001LL}) {
            c3p::budget b;
            b.add<c3p::items::personnel>("staff", 1'000'000_yen).add<c3p::items::outsourcing>("o", c3p::yen(outsourced));
            CHECK(differences(b, c3p::fy2025).empty());
        }
    }

    TEST_CASE("oracle: invariants hold on random budgets") {
        generator g(7);
        int headroom_checked = 0;  // budgets with room for the drawn item, where the headroom claim is tested
        for (int n = 0; n < 500; ++n) {
            const auto b = g.budget();
            CAPTURE(n);
            const auto t = c3p::compute(b);
            c3p::yen items, categories, groups;
            for (const auto& e : c3p::item_table) items += t.item(e.id);
            for (const auto& e : c3p::category_table) categories += t.category(e.id);
            for (const auto& e : c3p::group_table) groups += t.group(e.id);
            CHECK(items == t.total);
            CHECK(categories == t.total);
            CHECK(groups == t.total);
            CHECK(t.pre_tax + t.consumption_tax() == t.total);

            // Adding an item's headroom keeps the budget within the cap; one more yen breaks it.
            const auto target = static_cast<item>(g.below(16));
            CAPTURE(c3p::code(target));
            const auto room = c3p::headroom(b, target);
            if (room.is_zero()) continue;
            auto plus = [&](const c3p::yen& amount) {
                c3p::budget copy = b;
                copy.add(c3p::line{.item = target, .unit_price = amount});
                return c3p::compute(copy);
            };
            const auto at = plus(room);
            CHECK(at.total <= at.cap);
            const auto over = plus(room + c3p::yen(1));
            const bool share_applies = target == item::outsourcing && !b.outsourcing_justified();
            const bool broken = over.total > over.cap ||
                                (share_applies && c3p::detail::outsourcing_share_of(over, c3p::fy2025).within() == false);
            CHECK(broken);
            ++headroom_checked;
        }
        CHECK(headroom_checked > 150);  // 192 of the 500 have room; a generator change must not leave none
    }

    TEST_CASE("oracle: each year of 1,000 random plans agrees with exact rationals on that year's lines alone") {
        generator g(20251130);
        std::mt19937_64 pick(20251130);
        for (int n = 0; n < 1'000; ++n) {
            CAPTURE(n);
            const auto p = g.policy();
            c3p::plan plan;
            std::map<int, c3p::budget> year_lines;
            const auto years = 1 + pick() % 4;
            for (std::size_t k = 0; k < years; ++k) {
                const auto b = g.budget();
                if (k == 0) plan.terms = b.terms();
                const int fiscal_year = 2025 + static_cast<int>(pick() % 6);
                for (const auto& l : b.lines()) {
                    plan.lines.push_back({l, fiscal_year, 1 + static_cast<int>(pick() % 2)});
                    year_lines[fiscal_year].add(l);
                }
            }
            const auto r = c3p::check_plan(plan, {.forced = &p});
            REQUIRE(r.years.size() == year_lines.size());
            rational total;
            std::size_t k = 0;
            for (auto& [fiscal_year, b] : year_lines) {
                b.set_terms(plan.terms);
                const auto ora = oracle(b, p);
                const auto difference = differences(r.years[k].result, ora);
                CHECK_MESSAGE(difference.empty(), difference);
                CHECK(r.years[k].fiscal_year == fiscal_year);
                total += ora.total;
                ++k;
            }
            CHECK(exact(r.total) == total);
        }
    }
}
