// Every figure explained: an independent evaluator recomputes each derivation step from its
// operands on exact rationals (boost::multiprecision::cpp_rational, none of the library's
// arithmetic) and must get the step's value, on 1,000 random budgets, 1,000 random settlements
// and 300 random plans; the total's derivation reaches every counted line; the text in both
// languages.
#include <c3p/derivation.hpp>

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "lines_parts.hpp"
#include "random_budgets.hpp"
#include "support.hpp"

namespace {

using c3p_test::floor_of;
using c3p_test::integer;
using c3p_test::rational;

/// "1234.5", "-7", "10/11", "10%" as a rational.
rational value_of(std::string text) {
    rational scale = 1;
    if (text.ends_with('%')) {
        text.pop_back();
        scale = rational(1, 100);
    }
    if (const auto slash = text.find('/'); slash != std::string::npos)
        return rational(integer(text.substr(0, slash)), integer(text.substr(slash + 1))) * scale;
    const bool negative = text.starts_with('-');
    if (negative) text.erase(0, 1);
    const auto point = text.find('.');
    rational out(integer(text.substr(0, point)));
    if (point != std::string::npos) {
        const std::string fraction = text.substr(point + 1);
        integer ten = 1;
        for (std::size_t i = 0; i < fraction.size(); ++i) ten *= 10;
        const auto digits = fraction.find_first_not_of('0');  // cpp_int reads a leading 0 as octal
        out += rational(digits == std::string::npos ? integer(0) : integer(fraction.substr(digits)), ten);
    }
    return (negative ? -out : out) * scale;
}

/// x rounded to an integer as `mode` says, from its definition.
rational rounded(const rational& x, c3p::rounding mode) {
    const integer down = floor_of(x);
    const rational fraction = x - rational(down);
    switch (mode) {
        case c3p::rounding::floor: return rational(down);
        case c3p::rounding::ceiling: return rational(fraction == 0 ? down : down + 1);
        case c3p::rounding::truncate: return rational(x < 0 && fraction != 0 ? down + 1 : down);
        case c3p::rounding::half_up:
            if (fraction == rational(1, 2)) return rational(x < 0 ? down : down + 1);
            return rational(fraction > rational(1, 2) ? down + 1 : down);
        case c3p::rounding::half_even:
            if (fraction == rational(1, 2)) return rational(down % 2 == 0 ? down : down + 1);
            return rational(fraction > rational(1, 2) ? down + 1 : down);
        case c3p::rounding::never: REQUIRE(fraction == 0); return x;
    }
    return x;
}

/// The policy value an operand names, read back from the derivation's policies.
std::optional<rational> policy_value(const c3p::derivation& d, const c3p::derivation_operand& o) {
    const auto* p = d.policy(o.policy);
    const auto key = c3p::policy_key_from_string(o.name);
    if (!p || !key) return std::nullopt;
    return value_of(c3p::value_text(p->rules, *key));
}

/// Recomputes every step from its operands; "" when each gives its value, else the first
/// step that does not.
std::string evaluate(const c3p::derivation& d) {
    std::map<std::string, rational> known;
    std::set<std::string> ids;
    for (const auto& s : d.steps)
        if (!ids.insert(s.id).second) return s.id + ": a second step of that id";
    const auto operand = [&](const c3p::derivation_operand& o, bool earlier) -> std::optional<rational> {
        const rational v = value_of(o.value);
        if (o.source == c3p::operand_source::step) {
            const auto found = known.find(o.name);
            if (earlier && (found == known.end() || found->second != v)) return std::nullopt;
        }
        if (o.source == c3p::operand_source::policy && policy_value(d, o) != v) return std::nullopt;
        return v;
    };
    for (const auto& s : d.steps) {
        std::vector<rational> values;
        for (const auto& o : s.operands) {
            const auto v = operand(o, true);
            if (!v) return s.id + ": operand " + o.name + " " + o.value + " is not the figure it names";
            values.push_back(*v);
        }
        const rational value = value_of(s.value);
        rational computed = value;
        switch (s.operation) {
            case c3p::step_operation::given:
                if (!values.empty()) return s.id + ": a given figure with operands";
                break;
            case c3p::step_operation::sum:
                computed = 0;
                for (const auto& v : values) computed += v;
                break;
            case c3p::step_operation::difference:
                if (values.size() != 2) return s.id + ": a difference of " + std::to_string(values.size());
                computed = values[0] - values[1];
                break;
            case c3p::step_operation::product:
                computed = 1;
                for (const auto& v : values) computed *= v;
                break;
            case c3p::step_operation::quotient:
                if (values.size() != 2 || values[1] == 0) return s.id + ": not a quotient of two";
                computed = values[0] / values[1];
                break;
            case c3p::step_operation::minimum:
                if (values.empty()) return s.id + ": the least of nothing";
                computed = *std::min_element(values.begin(), values.end());
                break;
        }
        if (s.rounded) computed = rounded(computed, *s.rounded);
        if (computed != value) return s.id + ": " + s.value + " but its operands give " + computed.str();
        known[s.id] = value;
    }
    for (const auto& s : d.steps) {
        for (const auto& j : s.judged) {
            if (j.limit.source == c3p::operand_source::step && (!known.count(j.limit.name) || known[j.limit.name] != value_of(j.limit.value)))
                return s.id + ": judged against " + j.limit.name + ", which is not that figure";
            const auto limit = operand(j.limit, false);
            if (!limit) return s.id + ": judged against a policy value it is not";
            const rational value = value_of(s.value);
            const auto order = value < *limit ? std::strong_ordering::less
                               : value > *limit ? std::strong_ordering::greater
                                                : std::strong_ordering::equal;
            if (order != j.order) return s.id + ": the comparison with " + j.limit.name + " is wrong";
        }
    }
    return "";
}

/// The steps `root` is reached from, through the operands.
std::set<std::string> reached_from(const c3p::derivation& d, const std::string& root) {
    std::set<std::string> out{root};
    std::vector<std::string> pending{root};
    while (!pending.empty()) {
        const auto* s = d.find(pending.back());
        pending.pop_back();
        REQUIRE(s);
        for (const auto& o : s->operands)
            if (o.source == c3p::operand_source::step && out.insert(o.name).second) pending.push_back(o.name);
    }
    return out;
}

/// Whether a line of this item counts toward the total (a stated consumption tax does not: the rules compute it).
bool counted(c3p::item i) { return i != c3p::item::consumption_tax; }

}  // namespace

TEST_SUITE("derivation") {
    TEST_CASE("derivation: the sample budget, every step by hand") {
        const auto b = c3p_test::sample_budget();
        const auto r = c3p::check(b);
        const auto d = c3p::derive(b, r);
        CHECK(evaluate(d) == "");
        REQUIRE(d.find("total"));
        CHECK(d.find("total")->value == "17423778");
        CHECK(d.find("general_admin.base")->value == "11036181");
        CHECK(d.find("general_admin.at_rate")->value == "1103618");
        CHECK(d.find("general_admin.at_rate")->rounded == c3p::rounding::floor);
        CHECK(d.find("consumption_tax")->operands[1].source == c3p::operand_source::policy);
        CHECK(d.find("consumption_tax")->operands[1].value == "0.1");
        // A tax-inclusive line: 28,650 x 4 x 10/11 = 104,181.8..., rounded down.
        const auto* travel = d.find("line.6.amount");
        REQUIRE(travel);
        CHECK(travel->value == "104181");
        CHECK(travel->operands.back().name == "tax.removing");
        CHECK(d.find("tax.removing")->value == "10/11");
        // The threshold judged on 165,000 x 1.1 = 181,500: below 200,000.
        const auto* consumable = d.find("line.12.unit_cost");
        REQUIRE(consumable);
        CHECK(consumable->value == "181500");
        REQUIRE(consumable->judged.size() == 1);
        CHECK(consumable->judged[0].limit.name == "equipment_threshold");
        CHECK(consumable->judged[0].order == std::strong_ordering::less);
        CHECK(d.find("outsourcing.limit")->value == "7919899.5");
        CHECK(d.policies.size() == 1);
        CHECK(d.policies[0] == *c3p::builtin_sourced_policy("fy2025"));
    }

    TEST_CASE("derivation: 1,000 random budgets, each step recomputed from its operands; the total reaches every line") {
        c3p_test::random_budgets g(20261204);
        std::size_t evaluated = 0, lines_reached = 0, steps_pointed_at = 0;
        for (int n = 0; n < 1'000; ++n) {
            CAPTURE(n);
            const auto b = g.budget();
            const auto p = g.policy();
            const auto r = c3p::check(b, p);
            const auto d = c3p::derive(b, r);
            REQUIRE(evaluate(d) == "");
            CHECK(d.find("total")->value == to_string(r.totals.total));
            CHECK(d.find("headroom")->value == to_string(r.totals.headroom()));
            for (const auto& v : r.violations)  // each violation points at the steps behind its figures
                for (const auto& id : c3p::steps_behind(v)) {
                    CAPTURE(id);
                    CHECK(d.find(id));
                    ++steps_pointed_at;
                }
            const auto reached = reached_from(d, "total");
            for (std::size_t i = 0; i < b.size(); ++i) {
                if (!counted(b.lines()[i].item)) continue;
                // Stated G&A counts only where it is stated; the rate's G&A otherwise.
                if (b.lines()[i].item == c3p::item::general_admin && !r.totals.general_admin_stated) continue;
                CHECK(reached.count("line." + std::to_string(i) + ".amount") == 1);
                ++lines_reached;
            }
            ++evaluated;
        }
        CHECK(evaluated == 1'000);
        CHECK(lines_reached > 5'000);
        CHECK(steps_pointed_at > 1'000);
    }

    TEST_CASE("derivation: a value for people is the decimal's grouped text, whether or not it is written canonically") {
        std::mt19937_64 random(11);
        std::size_t compared = 0;
        for (int n = 0; n < 20'000; ++n) {
            // Magnitudes from 0 to 10^18, up to six places, either sign.
            const auto digits = static_cast<int>(random() % 25);
            std::string text = std::to_string(random() % 10);
            for (int i = 1; i < digits && i < 18; ++i) text += static_cast<char>('0' + random() % 10);
            const auto places = random() % 7;
            if (places != 0) {
                text += '.';
                for (std::uint64_t i = 0; i < places; ++i) text += static_cast<char>('0' + random() % 10);
            }
            if (random() % 3 == 0) text.insert(0, "-");
            const auto parsed = c3p::decimal::try_parse(text);
            REQUIRE(parsed);
            CAPTURE(text);
            const std::string expected = c3p::to_string(parsed.value, {.grouping = true});
            CHECK(c3p::detail::value_for_people(text, c3p::value_unit::yen) == expected);  // as written, leading zeros and all
            CHECK(c3p::detail::value_for_people(c3p::to_string(parsed.value), c3p::value_unit::number) == expected);
            ++compared;
        }
        CHECK(compared == 20'000);
        CHECK(c3p::detail::value_for_people("-0", c3p::value_unit::yen) == "0");
        CHECK(c3p::detail::value_for_people("1234567.50", c3p::value_unit::yen) == "1,234,567.5");
        CHECK(c3p::detail::value_for_people("10/11", c3p::value_unit::number) == "10/11");
        CHECK(c3p::detail::value_for_people("0.1", c3p::value_unit::rate) == "10%");
        const std::string long_digits(60, '7');  // past any decimal: shown as it is, not grouped past a buffer
        CHECK(c3p::detail::value_for_people(long_digits, c3p::value_unit::yen) == long_digits);
    }

    TEST_CASE("derivation: the text written as the steps are reached, or in parts in any order, is the whole derivation's") {
        c3p_test::random_budgets g(20261205);
        std::mt19937 cuts(7);
        std::size_t compared = 0, parted = 0;
        for (int n = 0; n < 300; ++n) {
            CAPTURE(n);
            // Every third budget as read from a file: each line with its file line.
            const auto generated = g.budget();
            c3p::budget b;
            b.set_terms(generated.terms());
            for (std::size_t i = 0; i < generated.size(); ++i)
                b.add(generated.lines()[i], n % 3 == 0 ? std::optional<std::size_t>(2 * i + 3) : std::nullopt);
            const auto r = c3p::check(b, g.policy());
            const auto lang = n % 2 == 0 ? c3p::language::english : c3p::language::japanese;
            const std::string whole = c3p::format_derivation(c3p::derive(b, r), lang);
            CHECK(c3p::format_derivation(b, r, lang) == whole);

            // The lines cut into parts at random, the parts written last first.
            c3p::check_derivation_text text(r.policy, lang);
            auto parts = c3p_test::random_parts(b.lines(), cuts);
            // Each part's file lines given relative to an offset, as c3p-check's pieces give them.
            std::vector<std::vector<std::size_t>> relative(parts.size());
            for (std::size_t k = 0; k < parts.size(); ++k) {
                const std::size_t offset = k;  // any offset: the lines' own file lines are numbered past it
                for (std::size_t i = 0; i < parts[k].lines.size(); ++i) {
                    const auto file_line = b.source_line(parts[k].first_index + i);
                    relative[k].push_back(file_line ? *file_line - offset : 0);
                }
                parts[k].source_lines = relative[k];
                parts[k].source_line_offset = offset;
            }
            CHECK(c3p_test::written_last_first(text, parts, r, b.has_field_survey()) == whole);
            if (n % 3 == 0 && !b.empty()) CHECK(whole.find(lang == c3p::language::english ? " (row " : "行目）") != std::string::npos);
            if (parts.size() > 1) ++parted;
            ++compared;
        }
        CHECK(compared == 300);
        CHECK(parted > 200);
    }

    TEST_CASE("derivation: 1,000 random settlements, each step recomputed; the payment reaches every counted record") {
        c3p_test::random_budgets g(1204);
        std::mt19937_64 rng(42);
        const auto pick = [&](std::uint64_t n) { return rng() % n; };
        std::size_t evaluated = 0, records_reached = 0, moved = 0;
        for (int n = 0; n < 1'000; ++n) {
            CAPTURE(n);
            c3p::contract awarded{g.budget()};
            if (pick(4) == 0) awarded.amount = c3p::yen(static_cast<long long>(pick(20'000'000)));
            std::vector<c3p::actual_record> records;
            const auto first_day = std::chrono::sys_days(c3p::fiscal_year_start(2025));
            for (std::uint64_t k = 0, count = pick(30); k < count; ++k) {
                const auto spent = g.budget();  // a record is a line: take one of a random budget's
                if (spent.size() == 0) continue;
                records.push_back({spent.lines()[0], std::chrono::year_month_day(first_day + std::chrono::days(static_cast<int>(pick(400)) - 20)),
                                   "", k + 2});
            }
            auto p = c3p::fy2025;
            p.settlement = pick(2) ? c3p::settlement_basis::per_category : c3p::settlement_basis::whole_contract;
            p.transfer_share = c3p::rate::percent(static_cast<long long>(pick(41)));
            p.transfer_of = pick(3) == 0 ? c3p::transfer_base::receiving_category : c3p::transfer_base::direct_total;
            if (pick(2)) p.general_admin_of = c3p::general_admin_base::direct;
            const c3p::settle_options options{.transfers_approved = pick(4) == 0};
            const auto s = c3p::settle(awarded, records, p, options);
            const auto d = c3p::derive(awarded, records, s, options);
            REQUIRE(evaluate(d) == "");
            CHECK(d.find("payable")->value == to_string(s.payable));
            CHECK(d.find("returned")->value == to_string(s.returned));
            const auto reached = reached_from(d, "payable");
            for (std::size_t i = 0; i < records.size(); ++i) {
                const std::string id = "record." + std::to_string(i) + ".amount";
                if (!d.find(id)) continue;  // set aside: outside the year, or a computed item
                CHECK(reached.count(id) == 1);
                ++records_reached;
            }
            for (const auto& v : s.violations) {
                if (v.rule == c3p::rule::equipment_below_threshold || v.rule == c3p::rule::consumable_at_or_above_threshold)
                    continue;  // a record's unit cost is not a step
                for (const auto& id : c3p::steps_behind(v, "", "record.")) {
                    CAPTURE(id);
                    CHECK(d.find(id));
                }
            }
            moved += d.find("transfer.overspend") ? 1U : 0U;
            ++evaluated;
        }
        CHECK(evaluated == 1'000);
        CHECK(records_reached > 5'000);
        CHECK(moved > 50);  // per-category transfers are explained, not only given
    }

    TEST_CASE("derivation: 300 random plans, each year's steps and the phases' totals recomputed") {
        c3p_test::random_budgets g(300);
        std::mt19937_64 rng(7);
        const auto pick = [&](std::uint64_t n) { return static_cast<int>(rng() % n); };
        std::size_t evaluated = 0;
        for (int n = 0; n < 300; ++n) {
            CAPTURE(n);
            c3p::plan plan;
            const int years = 1 + pick(4);
            for (int year = 2025; year < 2025 + years; ++year) {
                const auto lines = g.budget();
                for (std::size_t i = 0; i < lines.size(); ++i)
                    plan.lines.push_back({lines.lines()[i], year, year < 2028 ? 1 : 2, {}, std::nullopt});
            }
            const auto r = c3p::check_plan(plan);
            const auto d = c3p::derive(plan, r);
            REQUIRE(evaluate(d) == "");
            CHECK(d.find("total")->value == to_string(r.total));
            for (const auto& y : r.years) {
                const std::string prefix = "fy" + std::to_string(y.fiscal_year) + ".";
                REQUIRE(d.find(prefix + "total"));
                CHECK(d.find(prefix + "total")->value == to_string(y.result.totals.total));
                CHECK(reached_from(d, "total").count(prefix + "total") == 1);
            }
            std::set<std::string> policies;  // each year's, once: fy2025, and fy2026 for the later years
            for (const auto& y : r.years) policies.insert(std::string(y.policy.name));
            CHECK(d.policies.size() == policies.size());
            for (const auto& name : policies) CHECK(d.policy(name));
            ++evaluated;
        }
        CHECK(evaluated == 300);
    }

    TEST_CASE("derivation: the score's bands compared exactly at their boundaries") {
        for (const auto* reduction : {"5000", "4999.999", "1000", "999.5", "0"}) {
            for (const long long cost : {20'000'000LL, 20'000'001LL, 40'000'000LL}) {
                for (const auto bands : {c3p::band_reading::contiguous, c3p::band_reading::rounded}) {
                    CAPTURE(reduction);
                    CAPTURE(cost);
                    const c3p::proposal p{.cost = c3p::yen(cost), .reduction = c3p::decimal::parse(reduction)};
                    const c3p::score_options o{.bands = bands};
                    const auto d = c3p::derive(p, o);
                    REQUIRE(evaluate(d) == "");
                    // The points follow from the judgements: the first band whose bound the cost is within.
                    const auto* cost_step = d.find("cost");
                    int points = 0;
                    if (bands == c3p::band_reading::contiguous) {
                        for (std::size_t k = cost_step->judged.size(); k-- > 0;)
                            if (cost_step->judged[k].order <= 0) points = 5 - static_cast<int>(k);
                    } else if (const auto* rounded_step = d.find("yen_per_tonne.rounded")) {
                        for (std::size_t k = rounded_step->judged.size(); k-- > 0;)
                            if (rounded_step->judged[k].order <= 0) points = 5 - static_cast<int>(k);
                    }
                    CHECK(points == c3p::cost_effectiveness_points(p.cost, p.reduction, o));
                }
            }
        }
        const auto d = c3p::derive(c3p::proposal{.cost = c3p::yen(20'000'000), .reduction = c3p::decimal(5000)});
        CHECK(d.find("yen_per_tonne")->value == "4000");
        CHECK(d.find("cost_effectiveness.bound.4000")->value == "20000000");
        CHECK(d.find("cost")->judged[0].order == std::strong_ordering::equal);  // 4,000 a tonne: the best band
    }

    TEST_CASE("derivation: the text names each figure, its operands, the rounding and the sources, in both languages") {
        const auto b = c3p_test::sample_budget();
        const auto d = c3p::derive(b, c3p::check(b));
        const auto en = c3p::format_derivation(d);
        CHECK(en.starts_with("Derivation (計算根拠)\n"));
        CHECK(en.find("  G&A at the agreed rate 1,103,618 = G&A base 11,036,181 × agreed G&A rate 10%, rounded down to "
                      "the yen\n") != std::string::npos);
        CHECK(en.find("  total (tax included) 17,423,778 = pre-tax total 15,839,799 + consumption tax 1,583,979; below "
                      "cap 20,000,000\n") != std::string::npos);
        CHECK(en.find("  fy2025 consumption_tax 10%: confirmed, C3P guidebook, FY2024 edition (March 2025), Table 5, "
                      "consumption tax: 10%\n") != std::string::npos);
        const auto ja = c3p::format_derivation(d, c3p::language::japanese);
        CHECK(ja.starts_with("計算根拠\n"));
        CHECK(ja.find("  合計（税込） 17,423,778 = 税抜合計 15,839,799 + 消費税 1,583,979。上限額 20,000,000 未満\n") !=
              std::string::npos);
        CHECK(ja.find("（円未満切り捨て）") != std::string::npos);
        CHECK(ja.find("規則の値の出典:\n") != std::string::npos);
        std::size_t lines = 0;
        for (const char c : en) lines += c == '\n' ? 1 : 0;
        CHECK(lines == 1 + d.steps.size() + 1 + 5);  // heading, the steps, the sources' heading, five policy values
    }
}
