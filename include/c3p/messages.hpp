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
        case csv_column::amount: return "金額";
        case csv_column::unit: return "単位";
        case csv_column::remarks: return "備考";
        case csv_column::row_number: return "番号";
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

/// The text of one slot of a violation's message, appended to `out`.
/// "人件費の小計", "the subtotal of Personnel costs", "合計（税込）", "the total".
inline void append_summary_figure(std::string& out, const summary_figure& f, language lang) {
    const bool ja = lang == language::japanese;
    const auto subtotal = [&](std::string_view english, std::string_view japanese) {
        out += ja ? std::string(japanese) + "の小計" : "the subtotal of " + std::string(english);
    };
    switch (f.of) {
        case summary_figure::kind::item: subtotal(info(f.item).english, info(f.item).japanese); return;
        case summary_figure::kind::category: subtotal(info(f.category).english, info(f.category).japanese); return;
        case summary_figure::kind::group: subtotal(info(f.group).english, info(f.group).japanese); return;
        case summary_figure::kind::pre_tax: out += ja ? "税抜合計" : "the pre-tax total"; return;
        case summary_figure::kind::total: out += ja ? "合計（税込）" : "the total"; return;
    }
}

inline void append_slot(std::string& out, message_slot slot, const violation& v, language lang) {
    const bool ja = lang == language::japanese;
    const auto yen_of = [&](const std::optional<decimal>& figure) {
        append_yen_text(out, figure.value_or(decimal{}), lang);
    };
    const int fy = v.fiscal_year.value_or(0);
    switch (slot) {
        case message_slot::actual: yen_of(v.actual); return;
        case message_slot::limit: yen_of(v.limit); return;
        case message_slot::base: yen_of(v.base); return;
        case message_slot::excess: yen_of(v.actual.value_or(decimal{}) - v.limit.value_or(decimal{})); return;
        case message_slot::actual_count: out += to_string(v.actual.value_or(decimal{})); return;
        case message_slot::limit_count: out += to_string(v.limit.value_or(decimal{})); return;
        case message_slot::rate:
            if (v.rate) out += to_string(*v.rate);
            return;
        case message_slot::negative_figure:
            if (v.figure == figure::quantity) {
                out += ja ? "数量" : "quantity ";
                append_to(out, v.actual.value_or(decimal{}), {.grouping = true});
            } else {
                out += ja ? "単価" : "unit price ";
                yen_of(v.actual);
            }
            return;
        case message_slot::tax_basis:
            if (v.figure == figure::unit_cost_tax_excluded) out += ja ? "（税抜）" : " (tax excluded)";
            else out += ja ? "（税込）" : " (tax included)";
            return;
        case message_slot::share_base:
            if (v.base_kind == share_base::personnel_operating_general_admin)
                out += ja ? "人件費・業務費・一般管理費の合計" : "the personnel, operating and G&A costs";
            else
                out += ja ? "税抜合計" : "the pre-tax total";
            return;
        case message_slot::justified:
            if (!v.is_error()) out += ja ? "（理由ありとして警告）" : "; marked as justified";
            return;
        case message_slot::category:
            if (v.category) out += ja ? info(*v.category).japanese : info(*v.category).english;
            else out += ja ? "区分" : "a category";
            return;
        case message_slot::item:
            if (v.item) out += ja ? info(*v.item).japanese : code(*v.item);
            else out += ja ? "費目" : "an item";
            return;
        case message_slot::task: out += std::to_string(task_of(v.task.value_or(1)).number); return;
        case message_slot::task_name:
            out += ja ? task_of(v.task.value_or(1)).japanese : task_of(v.task.value_or(1)).english;
            return;
        case message_slot::policy: out += v.policy.view(); return;
        case message_slot::fiscal_year: out += std::to_string(fy); return;
        case message_slot::era: out += era_name(fy); return;
        case message_slot::date: out += v.date ? to_string(*v.date) : std::string("?"); return;
        case message_slot::year_start: out += to_string(fiscal_year_start(fy)); return;
        case message_slot::year_end: out += to_string(fiscal_year_end(fy)); return;
        case message_slot::phase: out += std::to_string(v.phase.value_or(0)); return;
        case message_slot::summary: append_summary_figure(out, v.summary.value_or(summary_figure{}), lang); return;
    }
}

/// A message template (rule_info's english or japanese) with its slots filled from `v`,
/// appended to `out`. The templates' slots are checked when the library compiles.
inline void append_message(std::string& out, std::string_view text, const violation& v, language lang) {
    while (!text.empty()) {
        const auto open = text.find('{');
        out += text.substr(0, open);
        if (open == std::string_view::npos) return;
        const auto close = text.find('}', open);
        append_slot(out, *message_slot_from_string(text.substr(open + 1, close - open - 1)), v, lang);
        text.remove_prefix(close + 1);
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
                   (e.suggestion.empty() ? std::string() : ": did you mean " + detail::quoted(e.suggestion) + "?") +
                   " (columns: item, description, unit_price, quantity, amount, price_basis, consumable_reason, field_survey)";
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
            out += "unknown item " + detail::quoted(e.text) +
                   (e.suggestion.empty() ? " (an item code such as equipment, or a Japanese name such as 備品費)"
                                         : ": did you mean " + detail::quoted(e.suggestion) + "?");
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
                out += "invalid date " + detail::quoted(e.text) + " (write 2025-04-01, 2025/4/1, R7.4.1 or 令和7年4月1日)";
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
        case input_problem::amount_mismatch:
            out += "amount " + detail::quoted(e.text) + " is not unit_price x quantity, " + e.expected_amount +
                   " yen: check the amount, or the unit price and quantity";
            return;
        case input_problem::formula_without_value:
            out += "the formula " + e.text + " has no computed value saved; open and save the workbook in Excel";
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
                   (e.suggestion.empty() ? std::string("です") : "です。" + bracketed(e.suggestion) + "のことですか") +
                   "（列：費目・内容・単価・数量・金額・税区分・消耗品理由・現地調査、または item・description・unit_price・"
                   "quantity・amount・price_basis・consumable_reason・field_survey）";
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
            out += "不明な費目" + bracketed(e.text) +
                   (e.suggestion.empty() ? "です（備品費のような費目名、または equipment のようなコード）"
                                         : "です（" + bracketed(e.suggestion) + "のことですか）");
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
                out += "日付" + bracketed(e.text) + "が正しくありません（2025-04-01、2025/4/1、R7.4.1、令和7年4月1日 の形で）";
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
        case input_problem::amount_mismatch:
            out += "金額" + bracketed(e.text) + "が単価×数量（" + e.expected_amount +
                   "円）と一致しません。金額か、単価と数量を確認してください";
            return;
        case input_problem::formula_without_value:
            out += "数式 " + e.text + " の計算結果が保存されていません。Excel で開いて保存してください";
            return;
    }
}

}  // namespace detail

/// Appends the violation's sentence to `out` (a writer of many violations reuses one string).
inline void describe(std::string& out, const violation& v, language lang = language::english) {
    detail::append_message(out, lang == language::japanese ? info(v.rule).japanese : info(v.rule).english, v, lang);
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

/// "budget.csv:12:5 (C12): invalid unit_price "12a": unexpected character 'a'" (the cell in
/// full-width brackets in Japanese: "（C12）").
[[nodiscard]] inline std::string to_string(const input_error& e, std::string_view source,
                                           language lang = language::english) {
    std::string out(source);
    out += ':' + std::to_string(e.line) + ':' + std::to_string(e.column);
    if (e.cell) out += lang == language::japanese ? "（" + to_string(*e.cell) + "）" : " (" + to_string(*e.cell) + ")";
    out += ": ";
    out += describe(e, lang);
    return out;
}

}  // namespace c3p
