// c3p::score — a proposal's Table 6 scoring sheet (docs/rules.md, "Scoring"): 185 points for a
// new project and 185 for an ongoing one, of which four rows are computed from figures
// (cost-effectiveness, the expected GHG reduction, the supervising engineer's other projects,
// the past city-to-city projects) and the rest are judged by the evaluators. Exact: a band is
// decided by comparing products (cost <= 4,000 x reduction), never by a divided figure.
//
//     c3p::proposal p{.cost = 20'000'000_yen, .reduction = c3p::decimal(5000)};
//     const c3p::scored_proposal s = c3p::score(p);  // cost-effectiveness 5 points, GHG 2
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "c3p/decimal.hpp"
#include "c3p/detail/sv_literals.hpp"
#include "c3p/quantity.hpp"
#include "c3p/rate.hpp"
#include "c3p/rounding.hpp"
#include "c3p/yen.hpp"

namespace c3p {

/// How a banded row reads a figure between the table's bands (4,000.5 yen per tonne; 99,999.5 t).
enum class band_reading : std::uint8_t {
    contiguous,  ///< default: the bands meet; compared exactly (4,000.5 yen per tonne scores 4)
    rounded,     ///< the figure is rounded to a whole number first (score_options::rounding_mode)
};

struct score_options {
    band_reading bands = band_reading::contiguous;
    rounding rounding_mode = rounding::half_up;  ///< for band_reading::rounded
    int one_other_project_points = 5;  ///< the guidebook lists "less than 1" (5) and "2" (4), not 1
};

/// The rows of Table 6, in its order.
enum class score_row_id : std::uint8_t {
    overall,
    past_achievements,
    cn_declaration,
    infrastructure,
    technology,
    multiple_benefits,
    cost_effectiveness,
    ghg_reduction,
    engineer_workload,
    engineer_suitability,
    past_projects,
    ems_certification,
    work_life_balance,
    ghg_targets,
};

/// How a row gets its points: judged by the evaluators, or computed from one of the proposal's
/// figures (each computation names the row it serves).
enum class score_kind : std::uint8_t {
    judged,
    cost_effectiveness,  ///< from the cost and the GHG reduction: cost_effectiveness_points
    ghg_reduction,       ///< from the GHG reduction: ghg_reduction_points
    engineer_workload,   ///< from the engineer's other projects: engineer_workload_points
    past_projects,       ///< from the past city-to-city projects: past_projects_points
};

/// One row of Table 6: its points for a new and for an ongoing project (none: not scored).
struct score_row {
    score_row_id row;
    std::string_view id, english, japanese;  ///< id: the row's name in CSV sheets and JSON
    std::optional<int> new_project, ongoing_project;
    score_kind kind;

    /// From figures (cost, reduction, counts); else judged by the evaluators.
    [[nodiscard]] constexpr bool computed() const noexcept { return kind != score_kind::judged; }
};

inline constexpr std::size_t score_row_count = 14;

/// Table 6 (FY2025 open call), in its order; each column totals 185.
inline constexpr std::array<score_row, score_row_count> score_sheet{{
    {score_row_id::overall, "overall"sv, "Overall project evaluation"sv, "事業全体の評価"sv, 50, 25, score_kind::judged},
    {score_row_id::past_achievements, "past_achievements"sv, "Past achievements (ongoing projects)"sv, "これまでの成果（継続案件）"sv, std::nullopt, 20, score_kind::judged},
    {score_row_id::cn_declaration, "cn_declaration"sv, "Feasibility of CN declarations and other commitments"sv, "カーボンニュートラル宣言等の実現可能性"sv, 10, 10, score_kind::judged},
    {score_row_id::infrastructure, "infrastructure"sv, "Feasibility of infrastructure for decarbonisation"sv, "脱炭素技術導入の基盤整備の実現可能性"sv, 20, 20, score_kind::judged},
    {score_row_id::technology, "technology"sv, "Feasibility of introducing decarbonisation technology"sv, "脱炭素技術導入の実現可能性"sv, 40, 35, score_kind::judged},
    {score_row_id::multiple_benefits, "multiple_benefits"sv, "Feasibility of multiple benefits"sv, "マルチベネフィットの実現可能性"sv, 20, 20, score_kind::judged},
    {score_row_id::cost_effectiveness, "cost_effectiveness"sv, "Cost-effectiveness"sv, "費用対効果"sv, 5, 5, score_kind::cost_effectiveness},
    {score_row_id::ghg_reduction, "ghg_reduction"sv, "GHG emission reductions"sv, "温室効果ガス排出削減量"sv, 5, 5, score_kind::ghg_reduction},
    {score_row_id::engineer_workload, "engineer_workload"sv, "Supervising engineer's other projects"sv, "管理技術者の業務量"sv, 5, 5, score_kind::engineer_workload},
    {score_row_id::engineer_suitability, "engineer_suitability"sv, "Suitability of the supervising engineer"sv, "管理技術者の適格性"sv, 5, 5, score_kind::judged},
    {score_row_id::past_projects, "past_projects"sv, "Past city-to-city projects (ongoing projects)"sv, "過去の都市間連携事業の実績"sv, std::nullopt, 10, score_kind::past_projects},
    {score_row_id::ems_certification, "ems_certification"sv, "Environmental management certification"sv, "環境マネジメントシステムの認証"sv, 5, 5, score_kind::judged},
    {score_row_id::work_life_balance, "work_life_balance"sv, "Work-life balance certification"sv, "ワーク・ライフ・バランス等の認証"sv, 5, 5, score_kind::judged},
    {score_row_id::ghg_targets, "ghg_targets"sv, "GHG reduction targets for 2050"sv, "2050年に向けた温室効果ガス削減目標"sv, 15, 15, score_kind::judged},
}};
static_assert(
    [] {
        for (std::size_t k = 0; k < score_row_count; ++k)
            if (static_cast<std::size_t>(score_sheet[k].row) != k) return false;
        return true;
    }(),
    "score_sheet is in the rows' order");

/// The row's place in score_sheet (and in proposal::judged, scored_proposal::rows).
[[nodiscard]] constexpr std::size_t index(score_row_id r) noexcept { return static_cast<std::size_t>(r); }

/// The row of Table 6.
[[nodiscard]] constexpr const score_row& info(score_row_id r) noexcept { return score_sheet[index(r)]; }

/// The row with this id, or nullptr.
[[nodiscard]] constexpr const score_row* find_score_row(std::string_view id) noexcept {
    for (const auto& row : score_sheet)
        if (row.id == id) return &row;
    return nullptr;
}

/// A judged row's points beyond its allocation, or given for a row that does not apply.
class score_error : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// What a proposal states: the figures of the computed rows and the judged rows' points.
struct proposal {
    bool ongoing = false;
    yen cost;               ///< the project cost the cost-effectiveness is of (JPY)
    decimal reduction;      ///< expected GHG reduction, t-CO2 per year
    int engineer_projects = 0;  ///< the supervising engineer's other projects
    int past_projects = 0;      ///< city-to-city projects in the past three years (ongoing projects)
    std::array<std::optional<int>, score_row_count> judged{};  ///< by score_sheet index; none: not judged yet

    /// The judged row's points, by name: p.judge(score_row_id::overall, 38).
    proposal& judge(score_row_id r, int points) {
        judged[index(r)] = points;
        return *this;
    }
};

// ---- the computed rows ----------------------------------------------------------------------

/// The cost-effectiveness points: <= 4,000 yen per t-CO2 a year 5, <= 5,000 4, <= 6,000 3,
/// <= 7,000 2, <= 8,000 1, else 0 (and 0 without a positive reduction).
[[nodiscard]] inline int cost_effectiveness_points(const yen& cost, const decimal& reduction, const score_options& o = {}) {
    if (!(reduction > decimal{})) return 0;
    constexpr int limits[] = {4000, 5000, 6000, 7000, 8000};
    if (o.bands == band_reading::rounded) {
        const yen per_tonne = (cost * rate::from_decimal(reduction).reciprocal()).round(o.rounding_mode);
        for (int k = 0; k < 5; ++k)
            if (per_tonne <= yen(limits[k])) return 5 - k;
        return 0;
    }
    for (int k = 0; k < 5; ++k)
        if (exact_yen(cost) <= yen(limits[k]) * quantity(reduction)) return 5 - k;
    return 0;
}

/// Cost per tonne, floored to six decimals, for display only (the points never come from it).
[[nodiscard]] inline std::optional<decimal> yen_per_tonne(const yen& cost, const decimal& reduction) {
    if (!(reduction > decimal{})) return std::nullopt;
    return (cost * rate::from_decimal(reduction).reciprocal()).floor_to_millionths();
}

/// The GHG reduction points: >= 100,000 t a year 5, >= 50,000 4, >= 10,000 3, >= 5,000 2,
/// >= 1,000 1, else 0.
[[nodiscard]] inline int ghg_reduction_points(const decimal& reduction, const score_options& o = {}) {
    constexpr int floors[] = {100000, 50000, 10000, 5000, 1000};
    yen tonnes(reduction);  // a decimal with the rounding yen has
    if (o.bands == band_reading::rounded) tonnes = exact_yen(tonnes).round(o.rounding_mode);
    for (int k = 0; k < 5; ++k)
        if (tonnes >= yen(floors[k])) return 5 - k;
    return 0;
}

/// The supervising engineer's points from their other projects: 0 5, 1 (unlisted) the
/// setting, 2 4, 3 3, 4 2, 5 1, 6 or more 0.
[[nodiscard]] inline int engineer_workload_points(int other_projects, const score_options& o = {}) {
    if (other_projects < 0) throw score_error("c3p: the engineer's other projects cannot be negative");
    if (other_projects == 0) return 5;
    if (other_projects == 1) return o.one_other_project_points;
    return other_projects >= 6 ? 0 : 6 - other_projects;
}

/// Past city-to-city projects in three years (ongoing projects): 2 or more 10, 1 5, none 0.
[[nodiscard]] inline int past_projects_points(int projects) {
    if (projects < 0) throw score_error("c3p: past projects cannot be negative");
    return projects >= 2 ? 10 : projects == 1 ? 5 : 0;
}

// ---- the sheet ------------------------------------------------------------------------------

struct scored_row {
    const score_row* row = nullptr;
    std::optional<int> allocation;  ///< none: the row does not apply to this kind of project
    std::optional<int> points;      ///< none: a judged row not judged yet, or a row that does not apply
};

struct scored_proposal {
    std::array<scored_row, score_row_count> rows{};
    int total = 0;          ///< the points given so far
    int maximum = 0;        ///< the allocations' sum: 185
    std::optional<decimal> yen_per_tonne;  ///< shown, never used for the points

    /// The row's result, by name.
    [[nodiscard]] const scored_row& row(score_row_id r) const noexcept { return rows[index(r)]; }
};

/// The whole sheet: the computed rows from the proposal's figures, the judged rows as given.
/// Throws score_error for a judged row above its allocation, below zero, or given for a row
/// that does not apply (or is computed).
[[nodiscard]] inline scored_proposal score(const proposal& p, const score_options& o = {}) {
    scored_proposal out;
    out.yen_per_tonne = c3p::yen_per_tonne(p.cost, p.reduction);
    for (std::size_t k = 0; k < score_row_count; ++k) {
        const score_row& row = score_sheet[k];
        auto& line = out.rows[k];
        line.row = &row;
        line.allocation = p.ongoing ? row.ongoing_project : row.new_project;
        const auto& given = p.judged[k];
        const std::string named = "c3p: row " + std::string(row.id) + ": ";
        if (given && (row.computed() || !line.allocation))
            throw score_error(named + (row.computed() ? std::string("is computed from the figures, not judged")
                                                    : "does not apply to " + std::string(p.ongoing ? "an ongoing" : "a new") + " project"));
        if (given && (*given < 0 || *given > *line.allocation))
            throw score_error(named + std::to_string(*given) + " points are outside its allocation of 0 to " +
                              std::to_string(*line.allocation));
        if (!line.allocation) continue;
        out.maximum += *line.allocation;
        switch (row.kind) {
            case score_kind::judged: line.points = given; break;
            case score_kind::cost_effectiveness: line.points = cost_effectiveness_points(p.cost, p.reduction, o); break;
            case score_kind::ghg_reduction: line.points = ghg_reduction_points(p.reduction, o); break;
            case score_kind::engineer_workload: line.points = engineer_workload_points(p.engineer_projects, o); break;
            case score_kind::past_projects: line.points = past_projects_points(p.past_projects); break;
        }
        out.total += line.points.value_or(0);
    }
    return out;
}

}  // namespace c3p
