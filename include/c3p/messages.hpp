// The sentences of violations and input errors, in English or Japanese, written from their data
// on request: a check formats nothing.
//
//     for (const auto& v : result.violations) std::cout << c3p::describe(v, c3p::language::japanese) << '\n';
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "c3p/categories.hpp"
#include "c3p/decimal.hpp"
#include "c3p/detail/utf8.hpp"
#include "c3p/fiscal_year.hpp"
#include "c3p/input_error.hpp"
#include "c3p/language.hpp"
#include "c3p/policy.hpp"
#include "c3p/rate.hpp"
#include "c3p/task.hpp"
#include "c3p/violation.hpp"

namespace c3p {

/// The column's name in a language: "unit_price" or "単価".
[[nodiscard]] constexpr std::string_view column_name(csv_column c, language lang) noexcept {
    if (lang == language::english) return to_string(c);
    switch (c) {
        case csv_column::item: return "費目";
        case csv_column::description: return "内容";
        case csv_column::unit_price: return "単価";
        case csv_column::quantity: return "数量";
        case csv_column::price_basis: return "税区分";
        case csv_column::consumable_reason: return "消耗品理由";
        case csv_column::field_survey: return "現地調査";
        case csv_column::date: return "日付";
        case csv_column::receipt: return "領収書番号";
        case csv_column::fiscal_year: return "年度";
        case csv_column::phase: return "フェーズ";
        case csv_column::task: return "タスク";
    }
    return "?";
}

namespace detail {

/// "1,234,567 yen" or "1,234,567円" appended to `out`.
inline void append_yen_text(std::string& out, const decimal& amount, language lang = language::english) {
    append_to(out, amount, {.grouping = true});
    out += lang == language::japanese ? "円" : " yen";
}

/// "国内旅費 (domestic_travel), 外国旅費 (overseas_travel) or 委員等旅費 (committee_travel)"
inline std::string candidate_list(std::span<const item> candidates, language lang) {
    std::string out;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (i > 0) out += lang == language::japanese ? "・" : (i + 1 == candidates.size() ? " or " : ", ");
        out += info(candidates[i]).japanese;
        out += lang == language::japanese ? "（" : " (";
        out += code(candidates[i]);
        out += lang == language::japanese ? "）" : ")";
    }
    return out;
}

/// The violation's sentence in English, appended to `out`.
inline void append_english(std::string& out, const violation& v) {
    const auto yen_of = [&](const std::optional<decimal>& figure) { append_yen_text(out, figure.value_or(decimal{})); };
    const auto unit_cost_basis = [&] {
        out += v.figure == figure::unit_cost_tax_excluded ? " (tax excluded)" : " (tax included)";
    };
    switch (v.rule) {
        case rule::line_negative_amount:
            if (v.figure == figure::quantity) {
                out += "quantity ";
                append_to(out, v.actual.value_or(decimal{}), {.grouping = true});
            } else {
                out += "unit price ";
                yen_of(v.actual);
            }
            out += " is below zero";
            return;
        case rule::line_zero_amount: out += "line amount is 0 yen"; return;
        case rule::equipment_below_threshold:
            out += "equipment unit cost ";
            yen_of(v.actual);
            unit_cost_basis();
            out += " is below the ";
            yen_of(v.limit);
            out += " threshold; book it as consumables";
            return;
        case rule::equipment_needs_approval:
            out += "equipment of ";
            yen_of(v.actual);
            out += " may be purchased only where the project guidelines allow it";
            return;
        case rule::consumable_at_or_above_threshold:
            out += "consumable unit cost ";
            yen_of(v.actual);
            unit_cost_basis();
            out += " is at or above the ";
            yen_of(v.limit);
            out += " threshold without an exception (not_reusable, fragile or short_life); book it as equipment";
            return;
        case rule::general_admin_over_rate:
            out += "stated general and administrative costs ";
            yen_of(v.actual);
            out += " exceed ";
            if (v.rate) out += to_string(*v.rate);
            out += " of the base ";
            yen_of(v.base);
            out += " (";
            yen_of(v.limit);
            out += ')';
            return;
        case rule::general_admin_rate_missing:
            out += "general and administrative costs of ";
            yen_of(v.actual);
            out += " are stated but no agreed G&A rate is given";
            return;
        case rule::consumption_tax_mismatch:
            out += "stated consumption tax ";
            yen_of(v.actual);
            out += " differs from the computed ";
            yen_of(v.limit);
            out += " (";
            if (v.rate) out += to_string(*v.rate);
            out += " of ";
            yen_of(v.base);
            out += ')';
            return;
        case rule::outsourcing_over_half:
            out += "outsourcing ";
            yen_of(v.actual);
            out += " exceeds ";
            if (v.rate) out += to_string(*v.rate);
            out += v.base_kind == share_base::personnel_operating_general_admin ? " of the personnel, operating and G&A costs "
                                                                                : " of the pre-tax total ";
            yen_of(v.base);
            out += " (";
            yen_of(v.limit);
            out += ')';
            if (!v.is_error()) out += "; marked as justified";
            return;
        case rule::uplift_over_maximum:
            out += "requested uplift ";
            yen_of(v.actual);
            out += " exceeds the maximum of ";
            yen_of(v.limit);
            return;
        case rule::uplift_without_field_survey:
            out += "an uplift of ";
            yen_of(v.actual);
            out += " is requested but no line is flagged as a field survey";
            return;
        case rule::cap_exceeded:
            out += "total ";
            yen_of(v.actual);
            out += " exceeds the cap of ";
            yen_of(v.limit);
            return;
        case rule::input_summary_row:
            out += "a summary row (合計, 小計, total) was skipped: counting it would count the budget twice";
            return;
        case rule::budget_empty: out += "the budget has no lines"; return;
        case rule::general_admin_not_claimed:
            out += "no G&A rate is given and no G&A is stated, so G&A is 0 yen on costs of ";
            yen_of(v.actual);
            out += " (is the agreed rate missing?)";
            return;
        case rule::task_uncovered: {
            const auto& t = task_of(v.task.value_or(1));
            out += "lines name Table 3 tasks, but none serves task " + std::to_string(t.number) + " (" +
                   std::string(t.english) + ")";
            return;
        }
        case rule::policy_assumed:
            out += "FY" + std::to_string(v.fiscal_year.value_or(0)) + " has no policy of its own: checked under " +
                   std::string(v.policy) + ", the latest earlier one";
            return;
        case rule::phase_too_long:
            out += "phase " + std::to_string(v.phase.value_or(0)) + " spans " + to_string(v.actual.value_or(decimal{})) +
                   " fiscal years from FY" + std::to_string(v.fiscal_year.value_or(0)) + "; a phase is at most " +
                   to_string(v.limit.value_or(decimal{}));
            return;
        case rule::phase_not_consecutive:
            out += "phase " + std::to_string(v.phase.value_or(0)) + " is not consecutive at FY" +
                   std::to_string(v.fiscal_year.value_or(0)) +
                   ": a phase's fiscal years follow one another, after the phase before it";
            return;
        case rule::phase_too_many:
            out += to_string(v.actual.value_or(decimal{})) + " phases; a project has at most " +
                   to_string(v.limit.value_or(decimal{}));
            return;
        case rule::transfer_needs_approval:
            out += "moving ";
            yen_of(v.actual);
            out += " to ";
            out += v.category ? info(*v.category).english : "a category";
            out += " exceeds the ";
            yen_of(v.limit);
            out += " that may be moved without approval; only that much was moved";
            return;
        case rule::settlement_overspent:
            out += v.category ? info(*v.category).english : "a category";
            out += ": ";
            yen_of(v.actual);
            out += " spent, ";
            yen_of(v.limit);
            out += " eligible; ";
            yen_of(v.actual.value_or(decimal{}) - v.limit.value_or(decimal{}));
            out += " is not paid";
            return;
        case rule::settlement_over_contract:
            out += "settled total ";
            yen_of(v.actual);
            out += " exceeds the contract amount of ";
            yen_of(v.limit);
            out += "; the payment is capped at the contract amount";
            return;
        case rule::actual_outside_fiscal_year:
            out += "dated " + (v.date ? to_string(*v.date) : std::string("?")) + ", outside FY" +
                   std::to_string(v.fiscal_year.value_or(0)) + " (" + to_string(fiscal_year_start(v.fiscal_year.value_or(0))) +
                   " to " + to_string(fiscal_year_end(v.fiscal_year.value_or(0))) + "); not counted";
            return;
        case rule::actual_item_not_in_contract:
            yen_of(v.actual);
            out += " spent on ";
            out += v.item ? code(*v.item) : "an item";
            out += ", which the contract gives 0 yen";
            return;
        case rule::actual_computed_item:
            out += "a record booked to ";
            out += v.item ? code(*v.item) : "a computed item";
            out += " is not counted: settlement computes it";
            return;
    }
}

/// The violation's sentence in Japanese, appended to `out`.
inline void append_japanese(std::string& out, const violation& v) {
    const auto yen_of = [&](const std::optional<decimal>& figure) {
        append_yen_text(out, figure.value_or(decimal{}), language::japanese);
    };
    const auto unit_cost_basis = [&] { out += v.figure == figure::unit_cost_tax_excluded ? "（税抜）" : "（税込）"; };
    switch (v.rule) {
        case rule::line_negative_amount:
            if (v.figure == figure::quantity) {
                out += "数量";
                append_to(out, v.actual.value_or(decimal{}), {.grouping = true});
            } else {
                out += "単価";
                yen_of(v.actual);
            }
            out += "が負の値です";
            return;
        case rule::line_zero_amount: out += "金額が0円です"; return;
        case rule::equipment_below_threshold:
            out += "備品の単価";
            yen_of(v.actual);
            unit_cost_basis();
            out += "が基準額";
            yen_of(v.limit);
            out += "未満です。消耗品費に計上してください";
            return;
        case rule::equipment_needs_approval:
            out += "備品";
            yen_of(v.actual);
            out += "は、事業の要領で認められる場合に限り購入できます";
            return;
        case rule::consumable_at_or_above_threshold:
            out += "消耗品の単価";
            yen_of(v.actual);
            unit_cost_basis();
            out += "が基準額";
            yen_of(v.limit);
            out += "以上で、例外（繰り返し使用できない・破損しやすい・短期間で使用できなくなる）に当たりません。"
                   "備品費に計上してください";
            return;
        case rule::general_admin_over_rate:
            out += "計上された一般管理費";
            yen_of(v.actual);
            out += "が、対象経費";
            yen_of(v.base);
            out += "の";
            if (v.rate) out += to_string(*v.rate);
            out += "（";
            yen_of(v.limit);
            out += "）を超えています";
            return;
        case rule::general_admin_rate_missing:
            out += "一般管理費";
            yen_of(v.actual);
            out += "が計上されていますが、一般管理費率が指定されていません";
            return;
        case rule::consumption_tax_mismatch:
            out += "計上された消費税";
            yen_of(v.actual);
            out += "が、計算上の消費税";
            yen_of(v.limit);
            out += "（";
            yen_of(v.base);
            out += "の";
            if (v.rate) out += to_string(*v.rate);
            out += "）と一致しません";
            return;
        case rule::outsourcing_over_half:
            out += "外注費";
            yen_of(v.actual);
            out += v.base_kind == share_base::personnel_operating_general_admin ? "が、人件費・業務費・一般管理費の合計"
                                                                                : "が、税抜合計";
            yen_of(v.base);
            out += "の";
            if (v.rate) out += to_string(*v.rate);
            out += "（";
            yen_of(v.limit);
            out += "）を超えています";
            if (!v.is_error()) out += "（理由ありとして警告）";
            return;
        case rule::uplift_over_maximum:
            out += "申請された増額";
            yen_of(v.actual);
            out += "が上限";
            yen_of(v.limit);
            out += "を超えています";
            return;
        case rule::uplift_without_field_survey:
            out += "増額";
            yen_of(v.actual);
            out += "が申請されていますが、現地調査の行がありません";
            return;
        case rule::cap_exceeded:
            out += "合計";
            yen_of(v.actual);
            out += "が上限額";
            yen_of(v.limit);
            out += "を超えています";
            return;
        case rule::input_summary_row:
            out += "合計・小計の行は読み飛ばしました（計上すると予算が二重になります）";
            return;
        case rule::budget_empty: out += "予算に明細行がありません"; return;
        case rule::general_admin_not_claimed:
            out += "一般管理費率の指定も一般管理費の計上もないため、一般管理費は0円です（対象経費";
            yen_of(v.actual);
            out += "）。一般管理費率の指定漏れではありませんか";
            return;
        case rule::task_uncovered: {
            const auto& t = task_of(v.task.value_or(1));
            out += "表3のタスクを指定した明細がありますが、タスク" + std::to_string(t.number) + "（" +
                   std::string(t.japanese) + "）の明細がありません";
            return;
        }
        case rule::policy_assumed:
            out += era_name(v.fiscal_year.value_or(0)) + "（FY" + std::to_string(v.fiscal_year.value_or(0)) +
                   "）の規則がないため、それ以前で直近の " + std::string(v.policy) + " で確認しました";
            return;
        case rule::phase_too_long:
            out += "フェーズ" + std::to_string(v.phase.value_or(0)) + "が" + era_name(v.fiscal_year.value_or(0)) + "から" +
                   to_string(v.actual.value_or(decimal{})) + "年度にわたります。1フェーズは" +
                   to_string(v.limit.value_or(decimal{})) + "年度までです";
            return;
        case rule::phase_not_consecutive:
            out += "フェーズ" + std::to_string(v.phase.value_or(0)) + "の年度が" + era_name(v.fiscal_year.value_or(0)) +
                   "で連続していません（フェーズ内の年度は続けて、前のフェーズの後に置きます）";
            return;
        case rule::phase_too_many:
            out += "フェーズが" + to_string(v.actual.value_or(decimal{})) + "つあります。事業は" +
                   to_string(v.limit.value_or(decimal{})) + "フェーズまでです";
            return;
        case rule::transfer_needs_approval:
            out += v.category ? info(*v.category).japanese : "区分";
            out += "への流用";
            yen_of(v.actual);
            out += "が承認なしで流用できる";
            yen_of(v.limit);
            out += "を超えています（承認がないため流用は";
            yen_of(v.limit);
            out += "まで）";
            return;
        case rule::settlement_overspent:
            out += v.category ? info(*v.category).japanese : "区分";
            out += "の支出";
            yen_of(v.actual);
            out += "のうち精算対象は";
            yen_of(v.limit);
            out += "です（";
            yen_of(v.actual.value_or(decimal{}) - v.limit.value_or(decimal{}));
            out += "は支払われません）";
            return;
        case rule::settlement_over_contract:
            out += "精算額";
            yen_of(v.actual);
            out += "が契約額";
            yen_of(v.limit);
            out += "を超えています（支払額は契約額までです）";
            return;
        case rule::actual_outside_fiscal_year: {
            const int fy = v.fiscal_year.value_or(0);
            out += "日付" + (v.date ? to_string(*v.date) : std::string("?")) + "は" + std::to_string(fy) + "年度（" +
                   to_string(fiscal_year_start(fy)) + "〜" + to_string(fiscal_year_end(fy)) + "）の外です。計上しません";
            return;
        }
        case rule::actual_item_not_in_contract:
            out += v.item ? info(*v.item).japanese : "費目";
            out += "は契約額が0円ですが、";
            yen_of(v.actual);
            out += "の支出があります";
            return;
        case rule::actual_computed_item:
            out += v.item ? info(*v.item).japanese : "この費目";
            out += "は精算で計算する費目のため、この支出は計上しません";
            return;
    }
}

/// The input error's sentence in English, appended to `out`.
inline void append_english(std::string& out, const input_error& e) {
    const auto column = [&] { return std::string(e.column_name ? to_string(*e.column_name) : std::string_view("?")); };
    switch (e.problem) {
        case input_problem::empty_file:
            out += "empty file: expected a header row naming at least the columns item and unit_price";
            return;
        case input_problem::invalid_encoding:
            if (e.text.empty() || e.text == "UTF-8") {
                out += "invalid UTF-8: these bytes are no UTF-8 text (Japanese Excel saves CSV as Shift_JIS, CP932)";
            } else {
                out += "invalid " + e.text + ": these bytes are no character of " + e.text +
                       "; save the file as UTF-8 or Shift_JIS (CP932) CSV";
            }
            return;
        case input_problem::nul_byte: out += "NUL byte: the file is not text"; return;
        case input_problem::unterminated_quote:
            out += "unterminated quoted field: the quote opened here is never closed";
            return;
        case input_problem::text_after_quote:
            out += "unexpected text after a closing quote (a quote inside a quoted field is written twice)";
            return;
        case input_problem::unknown_column:
            out += "unknown column " + detail::quoted(e.text) +
                   " (columns: item, description, unit_price, quantity, price_basis, consumable_reason, field_survey)";
            return;
        case input_problem::duplicate_column:
            out += "duplicate column " + detail::quoted(e.text) + " (also column " + std::to_string(e.expected) + ")";
            return;
        case input_problem::missing_column: out += "missing required column \"" + column() + "\""; return;
        case input_problem::wrong_field_count:
            out += "row has " + std::to_string(e.count) + (e.count == 1 ? " field" : " fields") + " but the header has " +
                   std::to_string(e.expected);
            return;
        case input_problem::empty_item: out += "empty item: every row needs an item code or Japanese item name"; return;
        case input_problem::unknown_item:
            out += "unknown item " + detail::quoted(e.text) + " (an item code such as equipment, or a Japanese name such as 備品費)";
            return;
        case input_problem::ambiguous_item:
            out += "ambiguous item " + detail::quoted(e.text) + ": write " +
                   candidate_list(item_candidates(e.text), language::english);
            return;
        case input_problem::missing_number: out += "empty " + column() + ": a number is required"; return;
        case input_problem::invalid_number:
            out += "invalid " + column() + " " + detail::quoted(e.text) + ": " +
                   c3p::describe(e.number, e.text, e.number_position);
            return;
        case input_problem::unknown_price_basis:
            out += "unknown price_basis " + detail::quoted(e.text) + " (exclusive, inclusive or untaxed; 税抜, 税込 or 不課税)";
            return;
        case input_problem::unknown_reason:
            out += "unknown consumable_reason " + detail::quoted(e.text) +
                   " (not_reusable, fragile, short_life, the guidebook's (2), (3), (4), or empty)";
            return;
        case input_problem::invalid_flag:
            out += "invalid " + column() + " " + detail::quoted(e.text) + " (yes, no, true, false, 1, 0, はい, いいえ, ○ or empty)";
            return;
        case input_problem::too_large: out += "unit_price x quantity is too large for the exact representation"; return;
        case input_problem::unknown_term:
            out += "unknown term " + detail::quoted(e.text) +
                   " in a # line (ga_rate, uplift, outsourcing_justified, policy; 一般管理費率, 増額)";
            return;
        case input_problem::invalid_term:
            out += "invalid value " + detail::quoted(e.text) + " for the term in this # line";
            return;
        case input_problem::unknown_policy:
            out += "unknown policy " + detail::quoted(e.text) + " (known: " + known_policy_names() + ")";
            return;
        case input_problem::invalid_date:
            if (e.text.empty()) {
                out += "empty date: every record needs the date it was spent";
            } else {
                out += "invalid date " + detail::quoted(e.text) + " (write 2025-04-01, 2025/4/1 or 令和7年4月1日)";
            }
            return;
        case input_problem::invalid_fiscal_year:
            out += e.text.empty() ? std::string("empty fiscal_year: every line of a plan needs its fiscal year")
                                  : "invalid fiscal_year " + detail::quoted(e.text) + " (write 2025, FY2025, R7 or 令和7年度)";
            return;
        case input_problem::invalid_phase:
            out += "invalid phase " + detail::quoted(e.text) + " (a phase is a whole number: 1 or 2)";
            return;
        case input_problem::invalid_task:
            out += "invalid task " + detail::quoted(e.text) + " (Table 3 task numbers 1 to 7, such as 4 or 4;5)";
            return;
    }
}

/// The input error's sentence in Japanese, appended to `out`.
inline void append_japanese(std::string& out, const input_error& e) {
    const auto column = [&] {
        return std::string(e.column_name ? column_name(*e.column_name, language::japanese) : std::string_view("?"));
    };
    const auto bracketed = [](std::string_view text) {  // 「text」, made safe as detail::quoted makes it
        const auto q = detail::quoted(text);
        return "「" + q.substr(1, q.size() - 2) + "」";
    };
    switch (e.problem) {
        case input_problem::empty_file:
            out += "空のファイルです。少なくとも費目（item）と単価（unit_price）の列を含む見出し行が必要です";
            return;
        case input_problem::invalid_encoding:
            out += (e.text.empty() ? std::string("UTF-8") : e.text) +
                   " として読めないバイトがあります。UTF-8 または Shift_JIS（CSV（コンマ区切り））で保存してください";
            return;
        case input_problem::nul_byte: out += "NUL バイトがあります。テキストファイルではありません"; return;
        case input_problem::unterminated_quote: out += "ここで始まる引用符が閉じられていません"; return;
        case input_problem::text_after_quote:
            out += "閉じ引用符の後に文字があります（セル内の引用符は二つ重ねて書きます）";
            return;
        case input_problem::unknown_column:
            out += "不明な列" + bracketed(e.text) +
                   "です（列：費目・内容・単価・数量・税区分・消耗品理由・現地調査、または item・description・unit_price・"
                   "quantity・price_basis・consumable_reason・field_survey）";
            return;
        case input_problem::duplicate_column:
            out += "列" + bracketed(e.text) + "が重複しています（第" + std::to_string(e.expected) + "列にもあります）";
            return;
        case input_problem::missing_column: out += "必須の列「" + column() + "」がありません"; return;
        case input_problem::wrong_field_count:
            out += "この行のセルは" + std::to_string(e.count) + "個ですが、見出し行は" + std::to_string(e.expected) + "個です";
            return;
        case input_problem::empty_item: out += "費目が空です。各行に費目名（備品費など）かコードが必要です"; return;
        case input_problem::unknown_item:
            out += "不明な費目" + bracketed(e.text) + "です（備品費のような費目名、または equipment のようなコード）";
            return;
        case input_problem::ambiguous_item:
            out += "費目" + bracketed(e.text) + "はどの費目か決まりません。" +
                   candidate_list(item_candidates(e.text), language::japanese) + "のいずれかを書いてください";
            return;
        case input_problem::missing_number: out += column() + "が空です。数値が必要です"; return;
        case input_problem::invalid_number:
            out += column() + bracketed(e.text) + "は数値として読めません：" +
                   c3p::describe(e.number, e.text, e.number_position, language::japanese);
            return;
        case input_problem::unknown_price_basis:
            out += "税区分" + bracketed(e.text) + "は不明です（税抜・税込・不課税、または exclusive・inclusive・untaxed）";
            return;
        case input_problem::unknown_reason:
            out += "消耗品理由" + bracketed(e.text) +
                   "は不明です（(2) 繰り返し使用できない・(3) 破損しやすい・(4) 短期間で使用できなくなる、"
                   "not_reusable・fragile・short_life、または空欄）";
            return;
        case input_problem::invalid_flag:
            out += column() + bracketed(e.text) + "は不明です（はい・いいえ・○、yes・no、true・false、1・0、または空欄）";
            return;
        case input_problem::too_large: out += "単価×数量が正確に表せる範囲を超えています"; return;
        case input_problem::unknown_term:
            out += "# 行の項目" + bracketed(e.text) +
                   "は不明です（一般管理費率・増額、または ga_rate・uplift・outsourcing_justified・policy）";
            return;
        case input_problem::invalid_term: out += "# 行の値" + bracketed(e.text) + "が正しくありません"; return;
        case input_problem::unknown_policy: out += "不明な方針" + bracketed(e.text) + "です（" + known_policy_names() + "）"; return;
        case input_problem::invalid_date:
            if (e.text.empty()) {
                out += "日付が空欄です（支出した日付が必要です）";
            } else {
                out += "日付" + bracketed(e.text) + "が正しくありません（2025-04-01、2025/4/1、令和7年4月1日 の形で）";
            }
            return;
        case input_problem::invalid_fiscal_year:
            out += e.text.empty() ? std::string("年度が空欄です（計画の各行に年度が必要です）")
                                  : "年度" + bracketed(e.text) + "が正しくありません（2025、FY2025、R7、令和7年度 の形で）";
            return;
        case input_problem::invalid_phase: out += "フェーズ" + bracketed(e.text) + "が正しくありません（1 または 2）"; return;
        case input_problem::invalid_task:
            out += "タスク" + bracketed(e.text) + "が正しくありません（表3のタスク番号 1～7。例: 4、4;5）";
            return;
    }
}

}  // namespace detail

/// Appends the violation's sentence to `out` (a writer of many violations reuses one string).
inline void describe(std::string& out, const violation& v, language lang = language::english) {
    if (lang == language::japanese) {
        detail::append_japanese(out, v);
    } else {
        detail::append_english(out, v);
    }
}

/// The violation's sentence, naming its figures: "total 20,000,002 yen exceeds the cap of
/// 20,000,000 yen", or "合計 20,000,002円 が上限額 20,000,000円 を超えています".
[[nodiscard]] inline std::string describe(const violation& v, language lang = language::english) {
    std::string out;
    describe(out, v, lang);
    return out;
}

/// The input error's sentence: "invalid unit_price "12a": unexpected character 'a'".
[[nodiscard]] inline std::string describe(const input_error& e, language lang = language::english) {
    std::string out;
    if (lang == language::japanese) {
        detail::append_japanese(out, e);
    } else {
        detail::append_english(out, e);
    }
    return out;
}

/// "budget.csv:12:5: invalid unit_price "12a": unexpected character 'a'"
[[nodiscard]] inline std::string to_string(const input_error& e, std::string_view source,
                                           language lang = language::english) {
    std::string out(source);
    out += ':' + std::to_string(e.line) + ':' + std::to_string(e.column) + ": ";
    out += describe(e, lang);
    return out;
}

}  // namespace c3p
