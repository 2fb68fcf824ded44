// libFuzzer target: the whole check, as c3p-check does it: read, check, write JSON and text;
// the settlement, the same text read as spending records and settled against a contract
// made of their first half; and the same text read as a plan and checked year by year.
//   clang++ -std=c++20 -fsanitize=fuzzer,address,undefined -I include tests/fuzz/check_fuzz.cpp
// Properties: the totals add up; the JSON output is valid and carries the same total and
// violations; a checker fed the lines one by one, or in two pieces joined, gives the same
// result as the stored budget's check; a settlement pays the lower of its total and the
// contract amount, never more than the spending per category, and its figures add up; a
// plan's years and phases add up to its total; the only exceptions are c3p's arithmetic ones
// (and, for a plan year before every policy, no_policy_error).
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/report.hpp>
#include <c3p/json.hpp>
#include <c3p/plan.hpp>
#include <c3p/settlement.hpp>

#include <algorithm>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {
void require(bool condition) {
    if (!condition) std::abort();
}
}  // namespace

/// The text as spending records, settled against a contract of the first half of their lines
/// under the basis, share and approval the knob picks.
void settle_records(std::string_view text, unsigned knob) {
    const auto read = c3p::read_records_csv(text);
    if (!read.ok()) return;
    c3p::budget plan;
    for (std::size_t i = 0; i < read.records.size() / 2; ++i)
        if (!c3p::is_computed(read.records[i].line.item)) plan.add(read.records[i].line);
    plan.set_general_admin_rate(c3p::rate::percent(knob % 26));
    auto p = c3p::fy2025;
    p.settlement = knob & 2 ? c3p::settlement_basis::per_category : c3p::settlement_basis::whole_contract;
    p.transfer_share = c3p::rate::percent(static_cast<long long>(knob % 41));
    p.transfer_of = knob & 4 ? c3p::transfer_base::receiving_category : c3p::transfer_base::direct_total;
    try {
        const auto s = c3p::settle(c3p::contract{plan}, read.records, p, {.transfers_approved = (knob & 8) != 0});
        require(s.payable == std::min(s.total, s.contract_amount));
        require(s.returned == s.contract_amount - s.payable);
        require(s.pre_tax + s.consumption_tax == s.total);
        c3p::yen eligible;
        for (const auto& c : s.categories) {
            require(c.eligible + c.unpaid == c.actual);
            if (p.settlement == c3p::settlement_basis::per_category) require(c.eligible <= c.actual);
            eligible += c.eligible;
        }
        require(eligible + s.general_admin_settled == s.pre_tax);
        require(s.general_admin_settled <= s.general_admin_contracted);
        const auto json = nlohmann::json::parse(c3p::format_json(s, c3p::language::japanese));
        require(json["payable"] == to_string(s.payable));
        require(json["violations"].size() == s.violations.size());
        require(c3p::format_settlement_report(s, "fuzz.csv").starts_with("Records fuzz.csv\n"));
    } catch (const c3p::overflow_error&) {
        // figures beyond the exact representation: refused, never wrapped
    }
}

/// The text as a plan, checked under each year's policy or, as the knob picks, fy2025 for all.
void check_plan_text(std::string_view text, unsigned knob) {
    const auto read = c3p::read_plan_csv(text);
    if (!read.ok()) return;
    try {
        const auto r = c3p::check_plan(read.plan, {.forced = knob & 16 ? &c3p::fy2025 : read.forced});
        c3p::yen years, phases;
        for (const auto& y : r.years) {
            years += y.result.totals.total;
            for (const auto& v : y.violations) require(v.fiscal_year == y.fiscal_year);
        }
        for (const auto& ph : r.phases) {
            phases += ph.total;
            require(ph.first_year <= ph.last_year);
        }
        require(years == r.total && phases == r.total);
        const auto json = nlohmann::json::parse(c3p::format_json(r, c3p::language::japanese));
        require(json["years"].size() == r.years.size() && json["total"] == to_string(r.total));
        require(c3p::format_plan_report(r, "fuzz.csv").starts_with("Plan fuzz.csv\n"));
    } catch (const c3p::overflow_error&) {
    } catch (const c3p::no_policy_error& e) {
        require(e.fiscal_year() < c3p::fy2025.fiscal_year);
    }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // The first byte, when the file is non-empty, picks the terms: G&A rate 0..25%, uplift, justification.
    const unsigned knob = size ? static_cast<unsigned char>(text[0]) : 0;
    settle_records(text, knob);
    check_plan_text(text, knob);
    auto read = c3p::read_budget_csv(text);
    if (!read.ok()) return 0;
    read.budget.set_general_admin_rate(c3p::rate::percent(knob % 26))
        .set_uplift(c3p::yen(static_cast<long long>(knob) * 100'000))
        .set_outsourcing_justified(knob & 1);
    const auto& b = read.budget;
    try {
        auto result = c3p::check(b);
        result.violations.locate(read.layout);  // the cells, as check_csv names them
        const auto& t = result.totals;
        require(t.pre_tax + t.consumption_tax() == t.total);
        c3p::yen groups;
        for (const auto& g : c3p::group_table) groups += t.group(g.id);
        require(groups == t.total);
        require((t.total > t.cap) == (!result.violations.empty() && result.violations.back().code() == "cap.exceeded"));
        const auto json = nlohmann::json::parse(c3p::format_json(result));
        require(json["totals"]["total"] == to_string(t.total));
        require(json["violations"].size() == result.violations.size());
        for (const auto& v : result.violations) require(!c3p::describe(v).empty());
        require(c3p::format_text_report(result, "fuzz.csv").starts_with("Budget fuzz.csv\n"));

        // The file checked row by row, summary rows and all, as c3p-check does.
        const auto csv = c3p::check_csv(text, b.terms(), c3p::fy2025);
        require(csv.ok() && csv.result.totals == t && csv.result.violations == result.violations);
        // The same lines streamed: in one checker, and in two joined at the middle (a checker
        // fed lines alone knows nothing of the summary rows the budget noted).
        if (!b.summary_rows().empty()) return 0;
        const std::size_t middle = b.size() / 2;
        c3p::checker one(c3p::fy2025, b.terms()), first(c3p::fy2025, b.terms()), second(c3p::fy2025, b.terms());
        for (std::size_t i = 0; i < b.size(); ++i) {
            one.add(b.lines()[i], b.source_line(i));
            (i < middle ? first : second).add(b.lines()[i], b.source_line(i));
        }
        first.append(std::move(second));
        auto streamed = std::move(one).finish(), joined = std::move(first).finish();
        streamed.violations.locate(read.layout);
        joined.violations.locate(read.layout);
        require(streamed.totals == t && joined.totals == t);
        require(streamed.violations == result.violations && joined.violations == result.violations);
    } catch (const c3p::overflow_error&) {
        // sums beyond 2^128 millionths of a yen: refused, never wrapped
    }
    return 0;
}
