// c3p::violation — one broken rule, as data: the violation catalogue (docs/rules.md), the
// severities, and the record a check returns for each broken rule.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "c3p/categories.hpp"
#include "c3p/cell.hpp"
#include "c3p/decimal.hpp"
#include "c3p/detail/sv_literals.hpp"
#include "c3p/policy.hpp"
#include "c3p/rate.hpp"
#include "c3p/summary_row.hpp"

namespace c3p {

/// The violation catalogue of SPEC section 7, in its order (which is also the report order).
enum class rule : std::uint8_t {
    line_negative_amount,
    line_zero_amount,
    equipment_below_threshold,
    equipment_needs_approval,
    consumable_at_or_above_threshold,
    general_admin_over_rate,
    general_admin_rate_missing,
    consumption_tax_mismatch,
    outsourcing_over_half,
    uplift_over_maximum,
    uplift_without_field_survey,
    cap_exceeded,
    input_summary_row,          ///< a 合計 / 小計 / total row of a file, skipped (line-level)
    input_summary_mismatch,     ///< a summary row's stated amount is not the figure it names, as computed
    budget_empty,               ///< no lines
    general_admin_not_claimed,  ///< costs to claim G&A on, but neither a rate nor a stated G&A
    // Plans (c3p::check_plan), in SPEC 13's order.
    task_uncovered,         ///< lines name Table 3 tasks, but none names this one
    policy_assumed,         ///< a fiscal year without a policy of its own, checked under an earlier one
    phase_too_long,         ///< a phase of more than three fiscal years
    phase_not_consecutive,  ///< a phase that skips a fiscal year, or overlaps the phase before it
    phase_too_many,         ///< more than two phases
    // Settlement (c3p::settle), in SPEC 12's order.
    transfer_needs_approval,     ///< a transfer between categories beyond the allowance, not approved
    settlement_overspent,        ///< a category's spending not paid (per-category settlement)
    settlement_over_contract,    ///< the settled total above the contract amount: capped
    actual_outside_fiscal_year,  ///< a record dated outside the contract's fiscal year: excluded
    actual_item_not_in_contract, ///< spending on an item the contract gives nothing
    actual_computed_item,        ///< a record booked to general_admin or consumption_tax: excluded
};

/// Rules in the catalogue.
inline constexpr std::size_t rule_count = 27;

enum class severity : std::uint8_t { error, warning };

[[nodiscard]] constexpr std::string_view to_string(severity s) noexcept {
    return s == severity::error ? "error" : "warning";
}

/// Which part of the library judges a rule.
enum class rule_family : std::uint8_t {
    line,        ///< each budget line alone (c3p::check, settlement records)
    budget,      ///< a budget's totals and terms (c3p::check)
    input,       ///< what a file holds besides budget lines
    plan,        ///< a plan's years, phases and tasks (c3p::check_plan)
    settlement,  ///< the year's records against the contract (c3p::settle)
};

[[nodiscard]] constexpr std::string_view to_string(rule_family f) noexcept {
    switch (f) {
        case rule_family::line: return "line";
        case rule_family::budget: return "budget";
        case rule_family::input: return "input";
        case rule_family::plan: return "plan";
        case rule_family::settlement: return "settlement";
    }
    return "?";
}

/// Where a rule comes from: a document and the place in it. `provisional` marks a reading taken
/// from another ministry's or agency's rules where no MOE text was found.
struct rule_source {
    std::string_view document;
    std::string_view place{};
    bool provisional = false;
};

/// The documents rules come from.
namespace sources {
inline constexpr std::string_view guidebook = "C3P guidebook, FY2024 edition (March 2025)"sv;
inline constexpr std::string_view fy2026_call = "MOE, the FY2026 call (February 2026)"sv;
inline constexpr std::string_view board_of_audit = "Board of Audit report h25-0654 on MOE's commissioned work"sv;
inline constexpr std::string_view nedo_contract = "NEDO standard commissioning contract"sv;
inline constexpr std::string_view own = "c3p-budget's own: input sanity or a reminder, no money rule"sv;

// The sources several rules share.
inline constexpr rule_source own_rule{own};
inline constexpr rule_source general_admin{guidebook, "Table 5, general and administrative costs"sv};
inline constexpr rule_source uplift{guidebook, "3.3 (3), footnote 1"sv};
inline constexpr rule_source phases{fy2026_call,
                                   "a phase of three years, at most two phases (the guidebook's 2.1 before it)"sv};
inline constexpr rule_source payment{board_of_audit,
                                    "MOE pays the lower of the eligible spending and the contract amount"sv};
}  // namespace sources

/// The slots of message templates: each is filled from a violation's data by c3p::describe.
enum class message_slot : std::uint8_t {
    actual,           ///< `actual` in yen: "1,234,567 yen", "1,234,567円"
    limit,            ///< `limit` in yen
    base,             ///< `base` in yen
    excess,           ///< `actual` - `limit` in yen
    actual_count,     ///< `actual` as a plain number: years, phases
    limit_count,      ///< `limit` as a plain number
    rate,             ///< `rate`: "10%"
    negative_figure,  ///< line.negative_amount: "unit price -500 yen" or "quantity -2" (`figure`)
    tax_basis,        ///< the threshold rules: " (tax included)" or " (tax excluded)" (`figure`)
    share_base,       ///< outsourcing.over_half: what the share is of (`base_kind`)
    justified,        ///< outsourcing.over_half: "; marked as justified" when a warning
    category,         ///< `category`'s name
    item,             ///< `item`: its code in English, its Japanese name in Japanese
    task,             ///< `task`'s number
    task_name,        ///< `task`'s name (Table 3)
    policy,           ///< `policy`'s name
    fiscal_year,      ///< `fiscal_year`: "2025"
    era,              ///< `fiscal_year` in its era: "令和7年度"
    date,             ///< `date`: "2025-04-01"
    year_start,       ///< the first day of `fiscal_year`
    year_end,         ///< the last day of `fiscal_year`
    phase,            ///< `phase`'s number
    summary,          ///< `summary`: the figure a summary row names ("人件費の小計", "the total")
};

inline constexpr std::string_view message_slot_names[] = {
    "actual"sv,      "limit"sv,      "base"sv,     "excess"sv,    "actual_count"sv, "limit_count"sv,
    "rate"sv,        "negative_figure"sv, "tax_basis"sv, "share_base"sv, "justified"sv,    "category"sv,
    "item"sv,        "task"sv,       "task_name"sv, "policy"sv,    "fiscal_year"sv,  "era"sv,
    "date"sv,        "year_start"sv, "year_end"sv, "phase"sv,     "summary"sv};

static_assert(std::size(message_slot_names) == static_cast<std::size_t>(message_slot::summary) + 1,
              "a name for every slot");

/// The slot named `name` ("actual" for "{actual}").
[[nodiscard]] constexpr std::optional<message_slot> message_slot_from_string(std::string_view name) noexcept {
    for (std::size_t i = 0; i < std::size(message_slot_names); ++i)
        if (message_slot_names[i] == name) return static_cast<message_slot>(i);
    return std::nullopt;
}

namespace detail {
/// Whether every "{...}" of a template names a slot, and every brace is closed.
[[nodiscard]] constexpr bool valid_template(std::string_view text) noexcept {
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (text[at] == '}') return false;
        if (text[at] != '{') continue;
        const auto close = text.find('}', at);
        if (close == std::string_view::npos || !message_slot_from_string(text.substr(at + 1, close - at - 1)))
            return false;
        at = close;
    }
    return true;
}
}  // namespace detail

/// A rule of the catalogue: its code, its severity, the part that judges it, its source, and its
/// message in English and Japanese: a template whose slots ("{actual}", message_slots) are
/// filled from the violation's figures by c3p::describe.
struct rule_info {
    c3p::rule rule;
    std::string_view code;        ///< stable, as in CSV tooling, JSON and tests ("cap.exceeded")
    c3p::severity severity;       ///< outsourcing.over_half becomes a warning where outsourcing is justified
    rule_family family;
    rule_source source;
    std::string_view english;
    std::string_view japanese;
};

/// The violation catalogue, one row a rule, in the rules' order (also the report order).
inline constexpr rule_info rule_table[] = {
    {rule::line_negative_amount, "line.negative_amount"sv, severity::error, rule_family::line, sources::own_rule,
     "{negative_figure} is below zero"sv,
     "{negative_figure}が負の値です"sv},
    {rule::line_zero_amount, "line.zero_amount"sv, severity::warning, rule_family::line, sources::own_rule,
     "line amount is 0 yen"sv,
     "金額が0円です"sv},
    {rule::equipment_below_threshold, "equipment.below_threshold"sv, severity::error, rule_family::line,
     {sources::guidebook, "Table 5, equipment and consumable costs (JPY 200,000 a unit)"sv},
     "equipment unit cost {actual}{tax_basis} is below the {limit} threshold; book it as consumables"sv,
     "備品の単価{actual}{tax_basis}が基準額{limit}未満です。消耗品費に計上してください"sv},
    {rule::equipment_needs_approval, "equipment.needs_approval"sv, severity::warning, rule_family::line,
     {sources::guidebook, "Table 5, equipment costs (bought only as the project's guidelines allow)"sv},
     "equipment of {actual} may be purchased only where the project guidelines allow it"sv,
     "備品{actual}は、事業の要領で認められる場合に限り購入できます"sv},
    {rule::consumable_at_or_above_threshold, "consumable.at_or_above_threshold"sv, severity::error, rule_family::line,
     {sources::guidebook, "Table 5, consumable costs, exceptions (2) to (4)"sv},
     "consumable unit cost {actual}{tax_basis} is at or above the {limit} threshold without an exception "
     "(not_reusable, fragile or short_life); book it as equipment"sv,
     "消耗品の単価{actual}{tax_basis}が基準額{limit}以上で、例外（繰り返し使用できない・破損しやすい・"
     "短期間で使用できなくなる）に当たりません。備品費に計上してください"sv},
    {rule::general_admin_over_rate, "general_admin.over_rate"sv, severity::error, rule_family::budget,
     sources::general_admin,
     "stated general and administrative costs {actual} exceed {rate} of the base {base} ({limit})"sv,
     "計上された一般管理費{actual}が、対象経費{base}の{rate}（{limit}）を超えています"sv},
    {rule::general_admin_rate_missing, "general_admin.rate_missing"sv, severity::error, rule_family::budget,
     sources::general_admin,
     "general and administrative costs of {actual} are stated but no agreed G&A rate is given"sv,
     "一般管理費{actual}が計上されていますが、一般管理費率が指定されていません"sv},
    {rule::consumption_tax_mismatch, "consumption_tax.mismatch"sv, severity::error, rule_family::budget,
     {sources::guidebook, "Table 5, consumption tax"sv},
     "stated consumption tax {actual} differs from the computed {limit} ({rate} of {base})"sv,
     "計上された消費税{actual}が、"
     "計算上の消費税{limit}（{base}の{rate}）と一致しません"sv},
    {rule::outsourcing_over_half, "outsourcing.over_half"sv, severity::error, rule_family::budget,
     {sources::guidebook, "Table 5, outsourcing costs (note); the tax-included comparison and the written reason "
                          "above half follow the METI 委託事業事務処理マニュアル"sv, true},
     "outsourcing {actual} exceeds {rate} of {share_base} {base} ({limit}){justified}"sv,
     "外注費{actual}が、{share_base}{base}の{rate}（{limit}）を超えています{justified}"sv},
    {rule::uplift_over_maximum, "uplift.over_maximum"sv, severity::error, rule_family::budget, sources::uplift,
     "requested uplift {actual} exceeds the maximum of {limit}"sv,
     "申請された増額{actual}が上限{limit}を超えています"sv},
    {rule::uplift_without_field_survey, "uplift.without_field_survey"sv, severity::error, rule_family::budget,
     sources::uplift,
     "an uplift of {actual} is requested but no line is flagged as a field survey"sv,
     "増額{actual}が申請されていますが、現地調査の行がありません"sv},
    {rule::cap_exceeded, "cap.exceeded"sv, severity::error, rule_family::budget,
     {sources::guidebook, "3.3 (3); the FY2026 call keeps JPY 20,000,000 a year, tax included"sv},
     "total {actual} exceeds the cap of {limit}"sv,
     "合計{actual}が上限額{limit}を超えています"sv},
    {rule::input_summary_row, "input.summary_row"sv, severity::warning, rule_family::input, sources::own_rule,
     "a summary or heading row (合計, 小計, 業務費, total) was skipped: counting it would count the budget twice"sv,
     "合計・小計・見出しの行は読み飛ばしました（計上すると予算が二重になります）"sv},
    {rule::input_summary_mismatch, "input.summary_mismatch"sv, severity::warning, rule_family::input, sources::own_rule,
     "the summary row states {actual} for {summary}, but the lines give {limit}; the computed figure is used"sv,
     "集計行に記載された{summary}{actual}が、明細から計算した{limit}と一致しません（計算した金額を使います）"sv},
    {rule::budget_empty, "budget.empty"sv, severity::warning, rule_family::budget, sources::own_rule,
     "the budget has no lines"sv,
     "予算に明細行がありません"sv},
    {rule::general_admin_not_claimed, "general_admin.not_claimed"sv, severity::warning, rule_family::budget,
     sources::own_rule,
     "no G&A rate is given and no G&A is stated, so G&A is 0 yen on costs of {actual} "
     "(is the agreed rate missing?)"sv,
     "一般管理費率の指定も一般管理費の計上もないため、一般管理費は0円です（対象経費{actual}）。"
     "一般管理費率の指定漏れではありませんか"sv},
    {rule::task_uncovered, "task.uncovered"sv, severity::warning, rule_family::plan,
     {sources::guidebook, "3.3 (3) and Table 3"sv},
     "lines name Table 3 tasks, but none serves task {task} ({task_name})"sv,
     "表3のタスクを指定した明細がありますが、"
     "タスク{task}（{task_name}）の明細がありません"sv},
    {rule::policy_assumed, "policy.assumed"sv, severity::warning, rule_family::plan, sources::own_rule,
     "FY{fiscal_year} has no policy of its own: checked under {policy}, the latest earlier one"sv,
     "{era}（FY{fiscal_year}）の規則がないため、それ以前で直近の {policy} で確認しました"sv},
    {rule::phase_too_long, "phase.too_long"sv, severity::error, rule_family::plan, sources::phases,
     "phase {phase} spans {actual_count} fiscal years from FY{fiscal_year}; a phase is at most "
     "{limit_count}"sv,
     "フェーズ{phase}が{era}から{actual_count}年度にわたります。"
     "1フェーズは{limit_count}年度までです"sv},
    {rule::phase_not_consecutive, "phase.not_consecutive"sv, severity::error, rule_family::plan, sources::phases,
     "phase {phase} is not consecutive at FY{fiscal_year}: a phase's fiscal years follow one another, after the "
     "phase before it"sv,
     "フェーズ{phase}の年度が{era}で連続していません（フェーズ内の年度は続けて、"
     "前のフェーズの後に置きます）"sv},
    {rule::phase_too_many, "phase.too_many"sv, severity::error, rule_family::plan, sources::phases,
     "{actual_count} phases; a project has at most {limit_count}"sv,
     "フェーズが{actual_count}つあります。事業は{limit_count}フェーズまでです"sv},
    {rule::transfer_needs_approval, "transfer.needs_approval"sv, severity::error, rule_family::settlement,
     {sources::nedo_contract, "transfers between categories, 20% without approval; no MOE clause found"sv, true},
     "moving {actual} to {category} exceeds the {limit} that may be moved without approval; only that much was "
     "moved"sv,
     "{category}への流用{actual}が承認なしで流用できる{limit}を超えています"
     "（承認がないため流用は{limit}まで）"sv},
    {rule::settlement_overspent, "settlement.overspent"sv, severity::warning, rule_family::settlement, sources::payment,
     "{category}: {actual} spent, {limit} eligible; {excess} is not paid"sv,
     "{category}の支出{actual}のうち精算対象は{limit}です（{excess}は支払われません）"sv},
    {rule::settlement_over_contract, "settlement.over_contract"sv, severity::warning, rule_family::settlement,
     sources::payment,
     "settled total {actual} exceeds the contract amount of {limit}; the payment is capped at the contract "
     "amount"sv,
     "精算額{actual}が契約額{limit}を超えています（支払額は契約額までです）"sv},
    {rule::actual_outside_fiscal_year, "actual.outside_fiscal_year"sv, severity::error, rule_family::settlement,
     {sources::guidebook, "2.1 (the contract is renewed each fiscal year)"sv},
     "dated {date}, outside FY{fiscal_year} ({year_start} to {year_end}); not counted"sv,
     "日付{date}は{era}（{year_start}〜{year_end}）の外です。計上しません"sv},
    {rule::actual_item_not_in_contract, "actual.item_not_in_contract"sv, severity::warning, rule_family::settlement,
     {sources::board_of_audit, "spending is paid within the contract"sv},
     "{actual} spent on {item}, which the contract gives 0 yen"sv,
     "{item}は契約額が0円ですが、{actual}の支出があります"sv},
    {rule::actual_computed_item, "actual.computed_item"sv, severity::error, rule_family::settlement, sources::own_rule,
     "a record booked to {item} is not counted: settlement computes it"sv,
     "{item}は精算で計算する費目のため、この支出は計上しません"sv},
};
static_assert(std::size(rule_table) == rule_count, "a row for every rule");
// Every template's slots are checked when the tests are built (tests/rules_test.cpp), not here,
// where every file that includes this header paid for it (GCC: 0.19 s of this header's own
// compile time, 0.02 s of <c3p/c3p.hpp>'s).
static_assert(
    [] {
        for (std::size_t i = 0; i < rule_count; ++i)
            if (static_cast<std::size_t>(rule_table[i].rule) != i) return false;
        return true;
    }(),
    "rule_table is in the rules' order");

/// The catalogue's row of a rule.
[[nodiscard]] constexpr const rule_info& info(rule r) noexcept { return rule_table[static_cast<std::size_t>(r)]; }

/// The stable code, as in CSV tooling, JSON and tests ("cap.exceeded").
[[nodiscard]] constexpr std::string_view code(rule r) noexcept { return info(r).code; }

/// The severity the catalogue gives a rule; outsourcing.over_half becomes a warning when the
/// budget marks its outsourcing as justified.
[[nodiscard]] constexpr severity catalogue_severity(rule r) noexcept { return info(r).severity; }

namespace detail {

/// A set of rules: which line rules a line breaks.
class rule_set {
public:
    constexpr void insert(rule r) noexcept { bits_ |= bit(r); }
    [[nodiscard]] constexpr bool contains(rule r) const noexcept { return (bits_ & bit(r)) != 0; }
    [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }
    friend constexpr bool operator==(rule_set, rule_set) = default;

private:
    static constexpr std::uint64_t bit(rule r) noexcept { return std::uint64_t{1} << static_cast<unsigned>(r); }
    std::uint64_t bits_ = 0;
};

}  // namespace detail

/// What a violation's `actual` figure is, where its rule could mean more than one thing.
enum class figure : std::uint8_t {
    amount,                  ///< a yen amount: the line's, an item's total, the uplift, the total
    unit_price,              ///< line.negative_amount: the unit price is below zero
    quantity,                ///< line.negative_amount: the quantity is below zero
    unit_cost_tax_included,  ///< the threshold rules, judged on the tax-inclusive unit cost
    unit_cost_tax_excluded,  ///< the threshold rules, judged on the tax-exclusive unit cost
};

/// What a share or rate was applied to, in the rules that compare with one.
enum class share_base : std::uint8_t {
    none,
    general_admin_base,                 ///< general_admin.over_rate: personnel and operating costs (policy)
    pre_tax_total,                      ///< consumption_tax.mismatch; outsourcing.over_half by default
    personnel_operating_general_admin,  ///< outsourcing.over_half under the literal reading
};

/// One broken rule, as data: a stable code, a severity, where (line index, file line, item),
/// the figures compared (actual, limit) and the figures that explain the limit (a rate and what
/// it applies to). Its sentence is written from these on request (c3p::describe); nothing is
/// formatted while checking.
struct violation {
    c3p::rule rule = c3p::rule::cap_exceeded;
    c3p::severity severity = c3p::severity::error;
    std::optional<std::size_t> line{};         ///< 0-based index among the budget's lines; none for budget rules
    std::optional<std::size_t> source_line{};  ///< 1-based line of the file the line was read from, when known
    std::optional<cell_ref> cell{};            ///< the cell concerned ("D16"), when the file's layout is known (c3p::sheet_layout)
    std::optional<c3p::item> item{};           ///< the item concerned; none for uplift.* and cap.*
    std::optional<decimal> actual{};           ///< the figure found (see `figure`)
    std::optional<decimal> limit{};            ///< the figure it was compared with
    c3p::figure figure = c3p::figure::amount;
    std::optional<c3p::rate> rate{};           ///< the G&A rate, the tax rate or the outsourcing share applied
    c3p::share_base base_kind = c3p::share_base::none;
    std::optional<decimal> base{};             ///< the figure `rate` was applied to
    std::optional<c3p::category> category{};   ///< settlement: the category concerned
    std::optional<std::chrono::year_month_day> date{};  ///< settlement: the record's date
    std::optional<int> fiscal_year{};          ///< the fiscal year the rule was judged for
    std::optional<int> phase{};                ///< plans: the phase concerned
    std::optional<int> task{};                 ///< plans: the Table 3 task concerned (1-7)
    policy_name policy{};                      ///< policy.assumed: the policy's name
    std::optional<summary_figure> summary{};   ///< input.summary_mismatch: the figure the row names

    [[nodiscard]] std::string_view code() const noexcept { return c3p::code(rule); }
    [[nodiscard]] bool is_error() const noexcept { return severity == c3p::severity::error; }
    friend bool operator==(const violation&, const violation&) = default;
};

namespace detail {

/// The one way a violation is made: rule `r` with the catalogue's severity; the caller sets
/// where and the figures.
[[nodiscard]] inline violation violation_of(rule r) {
    violation v;
    v.rule = r;
    v.severity = catalogue_severity(r);
    return v;
}

}  // namespace detail

}  // namespace c3p
