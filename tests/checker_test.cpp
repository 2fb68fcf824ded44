// c3p::checker, the streaming check: fed line by line, fed a file by check_csv, or made of
// checkers of pieces joined with append, it gives exactly what check(budget) gives, violations
// and file lines included; a line beyond 64 bits moves it to the exact path without losing
// anything; its violation_list reads the same through every way in.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "csv_generator.hpp"
#include "support.hpp"

using namespace c3p::literals;
using c3p::item;

namespace {

/// Empty when the two results agree in every figure and every violation; else what differs.
std::string differences(const c3p::check_result& a, const c3p::check_result& b) {
    if (a.line_count != b.line_count) return "line counts differ";
    if (!(a.totals == b.totals)) return "totals differ";
    if (a.has_errors() != b.has_errors()) return "has_errors differs";
    const auto va = a.violations.to_vector(), vb = b.violations.to_vector();
    if (va.size() != vb.size()) return "violation counts differ: " + std::to_string(va.size()) + " vs " + std::to_string(vb.size());
    for (std::size_t i = 0; i < va.size(); ++i) {
        if (!(va[i] == vb[i]))
            return "violation " + std::to_string(i) + " differs: " + std::string(va[i].code()) + " " + c3p::describe(va[i]) +
                   " vs " + std::string(vb[i].code()) + " " + c3p::describe(vb[i]);
    }
    return "";
}

/// Empty when check_csv agrees with read_budget_csv + check, errors or result; else what differs.
std::string csv_differences(std::string_view text, const c3p::budget_terms& terms) {
    auto read = c3p::read_budget_csv(text);
    const auto checked = c3p::check_csv(text, terms, c3p::fy2025);
    if (checked.errors != read.errors) return "errors differ";
    if (!read.ok()) return "";
    read.budget.set_terms(terms);
    auto expected = c3p::check(read.budget);
    expected.violations.locate(read.layout);  // as check_csv does
    return differences(checked.result, expected);
}

c3p::decimal decimal_of(std::uint64_t millionths) { return c3p::decimal::from_millionths(static_cast<std::int64_t>(millionths)); }

/// Random budgets whose figures now and then leave 64 bits, so that a check changes path.
c3p::budget random_budget(std::mt19937_64& rng, std::size_t lines) {
    c3p::budget b;
    for (std::size_t i = 0; i < lines; ++i) {
        c3p::line l;
        l.item = static_cast<item>(rng() % c3p::item_count);
        const auto roll = rng() % 100;
        if (roll < 2) {
            l.unit_price = c3p::yen::parse("123456789012345678901.5");  // beyond 64 bits in millionths
        } else if (roll < 5) {
            l.unit_price = c3p::yen(-static_cast<long long>(rng() % 1000));
        } else {
            l.unit_price = c3p::yen(decimal_of(rng() % 400'000'000'000));
        }
        l.quantity = rng() % 4 == 0 ? c3p::quantity(c3p::decimal::from_millionths(static_cast<std::int64_t>(rng() % 30'000'000)))
                                    : c3p::quantity(static_cast<long long>(rng() % 20));
        l.basis = static_cast<c3p::price_basis>(rng() % 3);
        l.reason = rng() % 5 == 0 ? c3p::consumable_reason::fragile : c3p::consumable_reason::none;
        l.field_survey = rng() % 20 == 0;
        b.add(l, i * 2 + 3);
    }
    if (rng() % 3) b.set_general_admin_rate(c3p::rate::percent(static_cast<long long>(rng() % 15)));
    return b;
}

/// check(b) made again by a checker fed each line with its file line.
c3p::check_result streamed(const c3p::budget& b, const c3p::policy& p = c3p::fy2025) {
    c3p::checker c(p, b.terms());
    for (std::size_t i = 0; i < b.size(); ++i) c.add(b.lines()[i], b.source_line(i));
    return std::move(c).finish();
}

/// check(b), or nullopt where its figures overflow.
std::optional<c3p::check_result> checked_whole(const c3p::budget& b) {
    try {
        return c3p::check(b);
    } catch (const c3p::overflow_error&) {
        return std::nullopt;
    }
}

/// The check of `b` by checkers of random pieces of it, each piece's file lines counted from its
/// own start, appended in order; with `as_bytes`, each piece carried as bytes first (to_bytes,
/// from_bytes) where it can be, the others counted in `not_carried`.
c3p::check_result checked_in_pieces(const c3p::budget& b, std::mt19937_64& rng, bool as_bytes, int& not_carried) {
    c3p::checker whole(c3p::fy2025, b.terms());
    for (std::size_t start = 0; start < b.size();) {
        const std::size_t end = std::min(b.size(), start + 1 + rng() % 15);
        const std::size_t lines_before = *b.source_line(start) - 1;
        c3p::checker piece(c3p::fy2025, b.terms());
        for (std::size_t i = start; i < end; ++i) piece.add(b.lines()[i], *b.source_line(i) - lines_before);
        const auto bytes = as_bytes ? piece.to_bytes() : std::nullopt;
        if (bytes) {
            auto read = c3p::checker::from_bytes(*bytes, c3p::fy2025, b.terms());
            REQUIRE(read);
            CHECK(read->to_bytes() == bytes);
            whole.append(std::move(*read), lines_before);
        } else {
            not_carried += as_bytes;  // sums past 64 bits: the piece itself is appended
            whole.append(std::move(piece), lines_before);
        }
        start = end;
    }
    return std::move(whole).finish();
}

}  // namespace

TEST_SUITE("checker") {
    TEST_CASE("checker: fed line by line it gives check()'s result on the sample and the broken sample") {
        CHECK(differences(streamed(c3p_test::sample_budget()), c3p::check(c3p_test::sample_budget())) == "");
        auto broken = c3p::read_budget_csv(c3p_test::sample_file("fy2025_rules_broken.csv"));
        REQUIRE(broken.ok());
        broken.budget.set_terms({c3p::rate::percent(10), 6'000'000_yen, false});
        const auto result = c3p::check(broken.budget);
        CHECK(differences(streamed(broken.budget), result) == "");
        CHECK(result.violations.size() == 12);
        CHECK(result.violations[0].source_line == 3u);  // the file line travels with the violation
        CHECK(result.violations[0].line == 1u);
    }

    TEST_CASE("checker: 2,000 random budgets, figures beyond 64 bits among them, give check()'s result") {
        std::mt19937_64 rng(14);
        int exact = 0;
        for (int n = 0; n < 2'000; ++n) {
            const auto b = random_budget(rng, rng() % 40);
            CAPTURE(n);
            c3p::check_result expected;
            try {
                expected = c3p::check(b);
            } catch (const c3p::overflow_error&) {
                CHECK_THROWS_AS((void)streamed(b), c3p::overflow_error);
                continue;
            }
            CHECK(differences(streamed(b), expected) == "");
            exact += std::any_of(b.lines().begin(), b.lines().end(),
                                 [](const c3p::line& l) { return l.unit_price > c3p::yen::parse("9223372036854"); });
        }
        CHECK(exact > 200);  // the exact path was taken often enough to matter
    }

    TEST_CASE("checker: a line beyond 64 bits moves the rest to the exact path; the sums so far carry over") {
        c3p::checker c(c3p::fy2025, {.general_admin_rate = c3p::rate{}});
        c.add(c3p::line{.item = item::wages, .unit_price = 1'000_yen}, 2);
        c.add(c3p::line{.item = item::equipment, .unit_price = 150'000_yen}, 3);  // below the threshold: 2 violations
        c.add(c3p::line{.item = item::wages, .unit_price = c3p::yen::parse("10000000000000.5")}, 4);  // 10^19 millionths
        c.add(c3p::line{.item = item::equipment, .unit_price = 150'000_yen}, 5);
        const auto r = std::move(c).finish();
        CHECK(r.totals.item(item::wages) == c3p::yen::parse("10000000001000"));  // floored .5
        CHECK(r.totals.item(item::equipment) == 300'000_yen);
        REQUIRE(r.violations.size() == 5);
        CHECK(r.violations[0].code() == "equipment.below_threshold");
        CHECK(r.violations[0].source_line == 3u);
        CHECK(r.violations[2].code() == "equipment.below_threshold");
        CHECK(r.violations[2].line == 3u);
        CHECK(r.violations[2].source_line == 5u);
        CHECK(r.violations[4].code() == "cap.exceeded");
    }

    TEST_CASE("checker: checkers of a budget's pieces, appended as they are or carried as bytes, give the whole budget's result") {
        for (const bool as_bytes : {false, true}) {
            CAPTURE(as_bytes);
            std::mt19937_64 rng(as_bytes ? 11 : 5);
            int compared = 0, carried = 0;  // budgets that do not overflow; those whose every piece was carried as bytes
            for (int n = 0; n < 300; ++n) {
                const auto b = random_budget(rng, 1 + rng() % 60);
                CAPTURE(n);
                const auto expected = checked_whole(b);
                if (!expected) continue;
                int not_carried = 0;
                CHECK(differences(checked_in_pieces(b, rng, as_bytes, not_carried), *expected) == "");
                ++compared;
                carried += as_bytes && not_carried == 0;
            }
            CHECK(compared > 250);  // the overflow escape did not take most of them
            if (as_bytes) {
                CHECK(carried > 120);            // most carried whole as bytes,
                CHECK(compared - carried > 10);  // some with a piece past 64 bits
            }
        }
    }

    TEST_CASE("checker: a state to_bytes does not keep, or bytes that are not a checker's, give nullopt") {
        // Not kept so: line amounts, a skipped summary row, a joined checker.
        c3p::checker amounts(c3p::fy2025, {}, {.line_amounts = true}), summary, joined, other;
        amounts.add(c3p::line{.item = item::wages, .unit_price = 100_yen});
        summary.skipped_summary_row(3);
        other.add(c3p::line{.item = item::equipment, .unit_price = 300'000_yen}, 1);
        joined.add(c3p::line{.item = item::equipment, .unit_price = 300'000_yen}, 1);
        joined.append(std::move(other), 1);
        CHECK_FALSE(amounts.to_bytes());
        CHECK_FALSE(summary.to_bytes());
        CHECK_FALSE(joined.to_bytes());
        // Bytes that are not a checker's are refused.
        c3p::checker one;
        one.add(c3p::line{.item = item::equipment, .unit_price = 300'000_yen}, 1);
        const auto bytes = *one.to_bytes();
        CHECK(c3p::checker::from_bytes(bytes, c3p::fy2025, {}));
        CHECK_FALSE(c3p::checker::from_bytes(bytes.substr(0, bytes.size() - 1), c3p::fy2025, {}));
        CHECK_FALSE(c3p::checker::from_bytes("c3pchk02" + bytes.substr(8), c3p::fy2025, {}));
        CHECK_FALSE(c3p::checker::from_bytes(bytes, c3p::fy2025, {}, {.line_amounts = true}));
    }

    TEST_CASE("checker: lines added after an append follow the appended ones") {
        c3p::checker first, second;
        first.add(c3p::line{.item = item::wages, .unit_price = 0_yen}, 2);
        second.add(c3p::line{.item = item::wages, .unit_price = 0_yen}, 1);
        first.append(std::move(second), 10);
        first.add(c3p::line{.item = item::wages, .unit_price = 0_yen}, 20);
        const auto r = std::move(first).finish();
        REQUIRE(r.violations.size() == 3);
        CHECK(r.violations[0].line == 0u);
        CHECK(r.violations[1].line == 1u);
        CHECK(r.violations[1].source_line == 11u);
        CHECK(r.violations[2].line == 2u);
        CHECK(r.violations[2].source_line == 20u);
        CHECK(r.line_count == 3);
    }

    TEST_CASE("checker: kept line amounts are each line's amount, by every way in, across the exact path and appends") {
        std::mt19937_64 rng(15);
        const c3p::check_options keep{.line_amounts = true};
        int checked = 0;
        for (int n = 0; n < 500; ++n) {
            const auto b = random_budget(rng, rng() % 40);
            CAPTURE(n);
            std::vector<c3p::checked_line> expected;
            try {
                for (std::size_t i = 0; i < b.size(); ++i)
                    expected.push_back({i, b.source_line(i), b.lines()[i].item, c3p::line_amount(b.lines()[i])});
                (void)c3p::check(b);
            } catch (const c3p::overflow_error&) {
                continue;
            }
            ++checked;
            const auto stored = c3p::check(b, c3p::fy2025, keep);
            REQUIRE(stored.line_amounts);
            CHECK(stored.line_amounts->to_vector() == expected);
            CHECK(differences(stored, c3p::check(b)) == "");  // keeping them changes nothing else

            // Fed line by line, in pieces joined with append (the file lines counted per piece).
            c3p::checker whole(c3p::fy2025, b.terms(), keep);
            std::size_t start = 0;
            while (start < b.size()) {
                const std::size_t end = std::min(b.size(), start + 1 + rng() % 15);
                const std::size_t lines_before = *b.source_line(start) - 1;
                c3p::checker piece(c3p::fy2025, b.terms(), keep);
                for (std::size_t i = start; i < end; ++i) piece.add(b.lines()[i], *b.source_line(i) - lines_before);
                whole.append(std::move(piece), lines_before);
                start = end;
            }
            const auto streamed_result = std::move(whole).finish();
            REQUIRE(streamed_result.line_amounts);
            CHECK(streamed_result.line_amounts->to_vector() == expected);
        }
        CHECK(checked > 300);
        CHECK_FALSE(c3p::check(c3p_test::sample_budget()).line_amounts);  // not kept unless asked
    }

    TEST_CASE("checker: a line amount is kept for a line the exact path takes, and not for one that throws") {
        c3p::checker c(c3p::fy2025, {}, {.line_amounts = true});
        c.add(c3p::line{.item = item::wages, .unit_price = 1'000_yen, .basis = c3p::price_basis::inclusive}, 2);
        c.add(c3p::line{.item = item::wages, .unit_price = c3p::yen::parse("10000000000000.5")}, 3);
        const auto huge = c3p::line{.item = item::wages, .unit_price = c3p::yen::parse("9999999999999999999999"),
                                    .quantity = c3p::quantity(1'000'000'000'000LL)};
        CHECK_THROWS_AS(c.add(huge, 4), c3p::overflow_error);
        const auto beyond_64_bits = c3p::yen::parse("100000000000000000000");  // 10^20 yen
        c.add(c3p::line{.item = item::outsourcing, .unit_price = beyond_64_bits}, 5);
        c3p::checker later(c3p::fy2025, {}, {.line_amounts = true});
        later.add(c3p::line{.item = item::meeting, .unit_price = 7_yen}, 1);
        later.add(c3p::line{.item = item::meeting, .unit_price = 8_yen});  // no file line
        c.append(std::move(later), 10);
        const auto r = c.finish();
        REQUIRE(r.line_amounts);
        REQUIRE(r.line_amounts->size() == 5);
        const std::vector<c3p::checked_line> expected{
            {0, 2u, item::wages, 909_yen},  // 1,000 x 100/110, floored
            {1, 3u, item::wages, c3p::yen::parse("10000000000000")},
            {2, 5u, item::outsourcing, beyond_64_bits},
            {3, 11u, item::meeting, 7_yen},
            {4, std::nullopt, item::meeting, 8_yen}};
        CHECK(r.line_amounts->to_vector() == expected);
        for (std::size_t i = 0; i < expected.size(); ++i) CHECK((*r.line_amounts)[i] == expected[i]);
    }

    TEST_CASE("checker: invalid terms and checkers of other rules are refused") {
        CHECK_THROWS_AS((void)c3p::checker(c3p::fy2025, {c3p::rate::percent(101), {}, false}), std::invalid_argument);
        CHECK_THROWS_AS((void)c3p::checker(c3p::fy2025, {std::nullopt, -1_yen, false}), std::invalid_argument);
        auto other = c3p::fy2025;
        other.cap = 30'000'000_yen;
        c3p::checker a, b(other);
        CHECK_THROWS_AS((void)a.append(std::move(b)), std::invalid_argument);
        c3p::checker d, e(c3p::fy2025, {c3p::rate::percent(10), {}, false});
        CHECK_THROWS_AS((void)d.append(std::move(e)), std::invalid_argument);
        c3p::checker keeping(c3p::fy2025, {}, {.line_amounts = true}), not_keeping;
        CHECK_THROWS_AS((void)keeping.append(std::move(not_keeping)), std::invalid_argument);
    }

    TEST_CASE("checker: the result remembers its policy, terms and line count") {
        auto p = c3p::fy2025;
        p.name = "fy2030";
        const c3p::budget_terms terms{c3p::rate::percent(8), 1_yen, true};
        c3p::checker c(p, terms);
        c.add(c3p::line{.item = item::wages, .unit_price = 1_yen});
        const auto r = c.finish();
        CHECK(r.policy.name == "fy2030");
        CHECK(r.terms == terms);
        CHECK(r.line_count == 1);
        CHECK(c.size() == 1);  // finish() on an lvalue leaves the checker as it was
        c.add(c3p::line{.item = item::wages, .unit_price = 1_yen});
        CHECK(c.finish().line_count == 2);
    }

    TEST_CASE("violation_list: indexing, iterating both ways and to_vector read the same violations") {
        auto b = c3p_test::sample_budget();
        for (int i = 0; i < 40; ++i) b.add<c3p::items::equipment>("logger", c3p::yen(100'000 + 10'000 * i));
        b.state<c3p::items::consumption_tax>(1_yen);
        const auto r = c3p::check(b);
        const auto all = r.violations.to_vector();
        REQUIRE(all.size() == r.violations.size());
        REQUIRE(all.size() > 40);
        std::size_t k = 0;
        for (const auto& v : r.violations) CHECK(v == all[k++]);
        for (std::size_t i = 0; i < all.size(); ++i) CHECK(r.violations[i] == all[i]);
        CHECK(r.violations.front() == all.front());
        CHECK(r.violations.back() == all.back());
        auto it = r.violations.end();
        for (std::size_t i = all.size(); i-- > 0;) CHECK(*--it == all[i]);
        CHECK(std::count_if(r.violations.begin(), r.violations.end(), [](const c3p::violation& v) { return v.is_error(); }) ==
              std::count_if(all.begin(), all.end(), [](const c3p::violation& v) { return v.is_error(); }));
        CHECK(r.violations.end() - r.violations.begin() == static_cast<std::ptrdiff_t>(all.size()));
    }

    TEST_CASE("check_csv: the bundled samples give what reading and checking give") {
        const c3p::budget_terms ten_percent{c3p::rate::percent(10), {}, false};
        for (const char* name : {"fy2025_toyama_semarang.csv", "fy2025_japanese_items.csv", "fy2025_rules_broken.csv"}) {
            CAPTURE(name);
            CHECK(csv_differences(c3p_test::sample_file(name), ten_percent) == "");
            CHECK(csv_differences(c3p_test::sample_file(name), {}) == "");
        }
        const auto checked = c3p::check_csv(c3p_test::sample_file("fy2025_rules_broken.csv"), {c3p::rate::percent(10), 6'000'000_yen, false}, c3p::fy2025);
        REQUIRE(checked.ok());
        const auto all = checked.result.violations.to_vector();
        CHECK(std::count_if(all.begin(), all.end(), [](const auto& v) { return v.is_error(); }) == 9);
    }

    TEST_CASE("check_csv: 5,000 generated CSVs give the same errors, or the same result, as reading and checking") {
        c3p_test::csv_generator g(2025);
        int readable = 0, unreadable = 0;
        for (int n = 0; n < 5'000; ++n) {
            const auto text = g.text();
            const auto terms = g.terms();
            CAPTURE(n);
            CAPTURE(text);
            CHECK(csv_differences(text, terms) == "");
            const bool ok = c3p::check_csv(text, terms, c3p::fy2025).ok();
            readable += ok;
            unreadable += !ok;
        }
        CHECK(readable > 800);    // the comparison covers results
        CHECK(unreadable > 500);  // and errors
    }

    TEST_CASE("check_csv: the cap boundary through a CSV, 18,181,819 yen before tax is the most that fits") {
        const c3p::budget_terms no_general_admin{.general_admin_rate = c3p::rate{}};
        const auto at = c3p::check_csv("item,unit_price\npersonnel,18181819\n", no_general_admin, c3p::fy2025);
        REQUIRE(at.ok());
        CHECK(at.result.totals.total == 20'000'000_yen);
        CHECK(at.result.violations.empty());
        const auto over = c3p::check_csv("item,unit_price\npersonnel,18181820\n", no_general_admin, c3p::fy2025);
        REQUIRE(over.result.violations.size() == 1);
        CHECK(over.result.violations[0].code() == "cap.exceeded");
        CHECK(over.result.violations[0].actual == c3p::decimal(20'000'002));
    }

    TEST_CASE("check_csv: figures too large to sum exactly throw instead of giving a wrong total") {
        std::string csv = "item,unit_price\n";
        for (int i = 0; i < 3; ++i) csv += "wages,200000000000000000000000000000000\n";  // 2 x 10^32 each
        CHECK_THROWS_AS((void)c3p::check_csv(csv, c3p::budget_terms{}, c3p::fy2025), c3p::overflow_error);
    }
}
