// c3p::check_plan — a project's plan over its fiscal years (docs/rules.md, "Plans"): one or two
// phases of one to three consecutive fiscal years, each year a budget checked alone under its
// own year's policy, with per-year and per-phase totals, the phase rules and the Table 3 tasks
// each line serves. Not in <c3p/c3p.hpp>: a one-year check does not pay for it.
//
//     c3p::plan p;
//     p.lines.push_back({.line = ..., .fiscal_year = 2025, .phase = 1, .tasks = c3p::task_set().add(4)});
//     const c3p::plan_result r = c3p::check_plan(p);  // FY2027 and later: fy2026, assumed
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/checker.hpp"
#include "c3p/fiscal_year.hpp"
#include "c3p/policy.hpp"
#include "c3p/task.hpp"
#include "c3p/violation.hpp"
#include "c3p/violation_list.hpp"
#include "c3p/yen.hpp"

namespace c3p {

/// One line of a plan: a budget line, the fiscal year and phase it belongs to, and the Table 3
/// tasks it serves.
struct plan_line {
    c3p::line line;
    int fiscal_year = 2025;
    int phase = 1;
    task_set tasks{};
    std::optional<std::size_t> source_line{};  ///< 1-based file line, for a line read from a file
};

/// Terms that differ in one fiscal year of a plan: the uplift asked that year (for its field
/// survey), or another agreed G&A rate.
struct year_terms {
    std::optional<rate> general_admin_rate{};
    std::optional<yen> uplift{};

    friend bool operator==(const year_terms&, const year_terms&) = default;
};

/// A plan: every year's lines, and the terms each year's budget is checked with: `terms`, and
/// for a year in `years`, the terms it gives instead.
struct plan {
    std::vector<plan_line> lines;
    budget_terms terms{};
    std::map<int, year_terms> years{};

    /// The terms fiscal year `fiscal_year` is checked with.
    [[nodiscard]] budget_terms terms_of(int fiscal_year) const {
        budget_terms out = terms;
        if (const auto found = years.find(fiscal_year); found != years.end()) {
            if (found->second.general_admin_rate) out.general_admin_rate = found->second.general_admin_rate;
            if (found->second.uplift) out.uplift = *found->second.uplift;
        }
        return out;
    }
    /// Fiscal year `fiscal_year`'s budget, as check_plan checks it: its lines in the plan's order,
    /// with its terms.
    [[nodiscard]] budget year_budget(int fiscal_year) const {
        budget out;
        out.set_terms(terms_of(fiscal_year));
        for (const auto& l : lines)
            if (l.fiscal_year == fiscal_year) out.add(l.line, l.source_line);
        return out;
    }
};

/// A summary row of a plan's file that states an amount: for one fiscal year where its year
/// cell names one, else for the whole plan.
struct plan_summary {
    summary_statement statement;
    std::optional<int> fiscal_year{};

    friend bool operator==(const plan_summary&, const plan_summary&) = default;
};

/// Which rules each year is checked under, and what the plan's file had besides its lines.
struct plan_options {
    std::span<const policy* const> policies = known_policies;  ///< looked up by fiscal year
    const policy* forced = nullptr;  ///< one policy for every year instead (c3p-check --policy)
    std::span<const std::size_t> summary_rows{};  ///< the file lines of the summary rows skipped (input.summary_row)
    std::span<const plan_summary> summaries{};    ///< the amounts they state (input.summary_mismatch)
};

/// A year before every policy: the library cannot guess its cap and rates.
class no_policy_error : public std::invalid_argument {
public:
    explicit no_policy_error(int fiscal_year)
        : std::invalid_argument("c3p: no policy for " + fiscal_year_name(fiscal_year) +
                                ": every known policy is for a later year; define a c3p::policy with that "
                                "year's cap, uplift, tax rate and thresholds (fiscal_year = " +
                                std::to_string(fiscal_year) + ") and pass it in plan_options::policies"),
          fiscal_year_(fiscal_year) {}
    [[nodiscard]] int fiscal_year() const noexcept { return fiscal_year_; }

private:
    int fiscal_year_;
};

/// One fiscal year of a plan, checked.
struct plan_year {
    int fiscal_year = 2025;
    int phase = 1;
    c3p::policy policy = fy2025;
    bool policy_assumed = false;  ///< no policy of its own: the latest earlier one
    check_result result;          ///< the year's budget checked alone (with its line amounts)
    /// The check's violations, then task.uncovered and policy.assumed; each carries the year.
    violation_list violations;
    /// Per Table 3 task (index task - 1), the amount of the lines that name it; none for a task
    /// no line names. A line serving two tasks counts for both.
    std::array<std::optional<yen>, task_count> task_costs{};

    [[nodiscard]] bool has_errors() const { return violations.has_errors(); }
};

/// One phase's years and total.
struct plan_phase {
    int phase = 1;
    int first_year = 2025;
    int last_year = 2025;
    yen total;  ///< the years' totals, tax included

    friend bool operator==(const plan_phase&, const plan_phase&) = default;
};

/// What a plan's check found: the years in order, the phases in order, the phase rules.
struct plan_result {
    std::vector<plan_year> years;
    std::vector<plan_phase> phases;
    violation_list violations;  ///< phase.* in catalogue order, then by phase
    yen total;                  ///< every year's total

    [[nodiscard]] bool has_errors() const {
        return std::any_of(years.begin(), years.end(), [](const plan_year& y) { return y.has_errors(); }) ||
               violations.has_errors();
    }
    /// Every violation of a file's line carries its cell in `layout`, the plan file's (csv_plan::layout).
    void locate(const sheet_layout& layout) {
        for (auto& y : years) {
            y.result.violations.locate(layout);
            y.violations.locate(layout);
        }
        violations.locate(layout);
    }
};

namespace detail {

/// A plan rule's violation for a year and a phase (violation_of with where it was judged).
inline violation plan_violation(rule r, std::optional<int> fiscal_year, std::optional<int> phase = std::nullopt) {
    violation v = violation_of(r);
    v.fiscal_year = fiscal_year;
    v.phase = phase;
    return v;
}

/// The phase rules over the years each phase holds (every year of a phase, in order), with the
/// limits of `limits` (the policy of the plan's last year).
inline violation_list phase_violations(const std::map<int, std::set<int>>& years_of_phase, const policy& limits) {
    const int max_phase_years = limits.max_phase_years, max_phases = limits.max_phases;
    std::vector<violation> too_long, not_consecutive;
    std::optional<int> previous_last;
    for (const auto& [phase, years] : years_of_phase) {
        const int first = *years.begin(), last = *years.rbegin();
        if (last - first + 1 > max_phase_years) {
            violation v = plan_violation(rule::phase_too_long, first, phase);
            v.actual = decimal(last - first + 1);
            v.limit = decimal(max_phase_years);
            too_long.push_back(std::move(v));
        }
        if (previous_last && first <= *previous_last) {
            not_consecutive.push_back(plan_violation(rule::phase_not_consecutive, first, phase));
        } else {
            for (int fy = first; fy <= last; ++fy) {
                if (years.count(fy) != 0) continue;
                not_consecutive.push_back(plan_violation(rule::phase_not_consecutive, fy, phase));
                break;
            }
        }
        previous_last = last;
    }
    violation_list out;
    for (auto* found : {&too_long, &not_consecutive})
        for (auto& v : *found) out.push_back(std::move(v));
    if (years_of_phase.size() > static_cast<std::size_t>(max_phases)) {
        violation v = plan_violation(rule::phase_too_many, std::nullopt);
        v.actual = decimal(static_cast<long long>(years_of_phase.size()));
        v.limit = decimal(max_phases);
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace detail

/// Checks every fiscal year of the plan as a budget of its own, under its year's policy (or
/// `options.forced`), and the plan's phases. A year's phase is the first its lines name; lines
/// of one year in two phases make the later phase overlap (phase.not_consecutive). Throws
/// no_policy_error for a year before every policy, c3p::overflow_error as check does.
[[nodiscard]] inline plan_result check_plan(const plan& p, const plan_options& options = {}) {
    std::map<int, std::vector<std::size_t>> lines_of_year;  // fiscal year -> line indices, in order
    std::map<int, std::set<int>> years_of_phase;
    for (std::size_t i = 0; i < p.lines.size(); ++i) {
        lines_of_year[p.lines[i].fiscal_year].push_back(i);
        years_of_phase[p.lines[i].phase].insert(p.lines[i].fiscal_year);
    }
    plan_result out;
    for (const auto& [fiscal_year, indices] : lines_of_year) {
        plan_year year;
        year.fiscal_year = fiscal_year;
        year.phase = p.lines[indices.front()].phase;
        if (options.forced) {
            year.policy = *options.forced;
        } else {
            const auto chosen = policy_for_fiscal_year(fiscal_year, options.policies);
            if (!chosen) throw no_policy_error(fiscal_year);
            year.policy = *chosen->rules;
            year.policy_assumed = chosen->assumed;
        }
        task_set named;
        for (const auto i : indices) named |= p.lines[i].tasks;
        year.result = check(p.year_budget(fiscal_year), year.policy, {.line_amounts = true});
        for (const auto& v : year.result.violations) {
            violation dated = v;
            dated.fiscal_year = fiscal_year;
            year.violations.push_back(std::move(dated));
        }
        std::size_t k = 0;
        for (const auto& amount : *year.result.line_amounts) {
            const auto& tasks = p.lines[indices[k++]].tasks;
            for (int t = 1; t <= task_count; ++t)
                if (tasks.contains(t)) {
                    auto& cost = year.task_costs[static_cast<std::size_t>(t - 1)];
                    cost = cost.value_or(yen{}) + amount.amount;
                }
        }
        if (!named.empty()) {
            for (int t = 1; t <= task_count; ++t) {
                if (named.contains(t)) continue;
                violation v = detail::plan_violation(rule::task_uncovered, fiscal_year);
                v.task = t;
                year.violations.push_back(std::move(v));
            }
        }
        if (year.policy_assumed) {
            violation v = detail::plan_violation(rule::policy_assumed, fiscal_year);
            v.policy = year.policy.name;
            year.violations.push_back(std::move(v));
        }
        out.total += year.result.totals.total;
        out.years.push_back(std::move(year));
    }
    for (const auto& [phase, years] : years_of_phase) {
        plan_phase summary{phase, *years.begin(), *years.rbegin(), yen{}};
        for (const auto& y : out.years)
            if (y.phase == phase) summary.total += y.result.totals.total;
        out.phases.push_back(summary);
    }
    // The file's summary rows, then what they state against the figures they name.
    for (const auto source_line : options.summary_rows) out.violations.push_back(detail::summary_row_skipped(source_line));
    for (const auto& s : options.summaries) {
        yen computed;
        for (const auto& y : out.years)
            if (!s.fiscal_year || y.fiscal_year == *s.fiscal_year) computed += detail::figure_of(y.result.totals, s.statement.names);
        if (computed == s.statement.stated) continue;
        violation v = detail::summary_mismatch(s.statement, computed);
        v.fiscal_year = s.fiscal_year;
        out.violations.push_back(std::move(v));
    }
    // The phase limits of the latest year's policy: the call the plan's last year is made under.
    if (!out.years.empty())
        for (auto v : detail::phase_violations(years_of_phase, out.years.back().policy)) out.violations.push_back(std::move(v));
    return out;
}

}  // namespace c3p
