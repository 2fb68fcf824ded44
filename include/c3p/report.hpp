// The text report for people: the Table 5 layout with subtotals, G&A with its rate and base,
// pre-tax total, tax, total, cap and headroom as aligned yen figures, then the violations, errors
// first. In English (with the Japanese name beside) or in Japanese (Table 5's labels, amounts in
// 円). Fits an 80-column terminal.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/checker.hpp"
#include "c3p/language.hpp"
#include "c3p/messages.hpp"
#include "c3p/plan.hpp"
#include "c3p/policy_sources.hpp"
#include "c3p/score.hpp"
#include "c3p/settlement.hpp"
#include "c3p/detail/utf8.hpp"
#include "c3p/policy.hpp"

namespace c3p {

namespace detail {

inline constexpr std::size_t report_english_width = 38;
inline constexpr std::size_t report_japanese_width = 22;
inline constexpr std::size_t report_amount_width = 18;
inline constexpr std::size_t report_width = 80;

inline void pad_to(std::string& out, std::string_view text, std::size_t width) {
    out += text;
    const auto used = display_width(text);
    if (used < width) out.append(width - used, ' ');
}

/// One row of the table: the label(s), then the amount right-aligned in the last column.
inline void report_row(std::string& out, language lang, std::size_t indent, std::string_view english,
                       std::string_view japanese, const yen& amount) {
    if (lang == language::japanese) {
        pad_to(out, std::string(indent, ' ') + std::string(japanese), report_english_width + report_japanese_width);
    } else {
        pad_to(out, std::string(indent, ' ') + std::string(english), report_english_width);
        pad_to(out, japanese, report_japanese_width);
    }
    auto figure = to_string(amount, yen_style::grouped);
    if (lang == language::japanese) figure += "円";
    const auto width = display_width(figure);
    if (width < report_amount_width) out.append(report_amount_width - width, ' ');
    out += figure;
    out += '\n';
}

/// Whether a line may not start with the character at text[i] (、。）」 and the like).
inline bool closes_japanese_phrase(std::string_view text, std::size_t i) noexcept {
    for (std::string_view mark : {"、", "。", "）", "」", "』", "・", "，", "："})
        if (text.substr(i).starts_with(mark)) return true;
    return false;
}

/// Appends `text` wrapped to the report width, every line indented by `indent`. Lines break at
/// spaces, and between Japanese characters (never before a closing mark, never inside a run of
/// ASCII such as a number).
inline void wrapped(std::string& out, std::string_view text, std::size_t indent) {
    const std::size_t room = report_width - indent;
    std::size_t column = 0;
    bool pending_space = false;
    out.append(indent, ' ');
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == ' ') {
            pending_space = column != 0;
            ++i;
            continue;
        }
        // The next piece that stays whole: a run of ASCII other than space, or one character.
        std::size_t end = i;
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80 && text[end] != ' ') ++end;
        } else {
            const auto length = utf8_sequence_length(text, i);
            end = i + (length == 0 ? 1 : length);
        }
        const auto piece = text.substr(i, end - i);
        const auto width = display_width(piece) + (pending_space ? 1 : 0);
        if (column != 0 && column + width > room && !closes_japanese_phrase(text, i)) {
            out += '\n';
            out.append(indent, ' ');
            column = 0;
            pending_space = false;
        }
        if (pending_space) {
            out += ' ';
            ++column;
            pending_space = false;
        }
        out += piece;
        column += display_width(piece);
        i = end;
    }
    out += '\n';
}

/// " (D12)", "（D12）", or nothing without a cell.
inline std::string cell_note(const std::optional<cell_ref>& cell, language lang) {
    if (!cell) return {};
    return lang == language::japanese ? "（" + to_string(*cell) + "）" : " (" + to_string(*cell) + ")";
}

/// How a report names the policy it applied: "令和7年度の規則（fy2025）" in Japanese, where a
/// bare name would be a code to a reader; "policy fy2025" in English.
inline std::string policy_label(const policy& p, language lang) {
    if (lang == language::japanese) return era_name(p.fiscal_year) + "の規則（" + std::string(p.name) + "）";
    return "policy " + std::string(p.name);
}

/// What a report is of: a budget's violations without a line concern the budget, a
/// settlement's the settlement, a plan's the plan (a plan's name their fiscal year too).
enum class report_subject : std::uint8_t { budget, settlement, plan };

/// "budget.csv:12 (D12)" where the file line (and the cell) is known, else "line index 10";
/// "budget" (or "settlement") for the rules of the whole.
inline std::string location(const violation& v, std::string_view source_name, language lang,
                            report_subject subject = report_subject::budget) {
    const bool ja = lang == language::japanese;
    if (subject == report_subject::plan && v.fiscal_year) {
        const auto year = fiscal_year_label(*v.fiscal_year, lang);
        if (!v.line && !v.source_line) return year;
        return year + " " + location(v, source_name, lang);
    }
    if (!source_name.empty() && v.source_line)
        return std::string(source_name) + ":" + std::to_string(*v.source_line) + cell_note(v.cell, lang);
    if (v.line) return (ja ? "明細 " : "line index ") + std::to_string(*v.line);
    if (v.source_line) return (ja ? "行 " : "line ") + std::to_string(*v.source_line);
    if (subject == report_subject::settlement) return ja ? "精算全体" : "settlement";
    if (subject == report_subject::plan) return ja ? "計画全体" : "plan";
    return ja ? "予算全体" : "budget";
}

/// What the G&A row's note says: the rate and base, or that there is no rate; stated G&A's cap.
inline std::string general_admin_note(const check_result& result, language lang) {
    const auto& t = result.totals;
    const bool ja = lang == language::japanese;
    const bool outsourcing_excluded = result.policy.general_admin_of == general_admin_base::direct_excluding_outsourcing;
    std::string note;
    if (!result.terms.general_admin_rate) {
        note = ja ? "一般管理費率の指定なし" : "no agreed G&A rate";
    } else if (ja) {
        note = "基準額 " + to_string(t.general_admin_base, yen_style::grouped) + "円（人件費と業務費" +
               (outsourcing_excluded ? "、外注費を除く" : "") + "）の " + to_string(*result.terms.general_admin_rate);
    } else {
        note = to_string(*result.terms.general_admin_rate) + " of " + to_string(t.general_admin_base, yen_style::grouped) +
               (outsourcing_excluded ? " (personnel and operating, outsourcing excluded)" : " (personnel and operating)");
    }
    if (t.general_admin_stated) {
        const auto maximum = to_string(t.general_admin_maximum, yen_style::grouped);
        note = ja ? "明細に記載。上限 " + maximum + "円：" + note : "stated; at most " + maximum + ": " + note;
    }
    return note;
}

/// The violations, errors first (each group in the given order), each with its location and
/// sentence; `none` when there are none.
inline void append_violations(std::string& out, std::vector<violation> ordered, std::string_view source_name,
                              language lang, std::string_view none, report_subject subject = report_subject::budget) {
    const bool ja = lang == language::japanese;
    std::stable_partition(ordered.begin(), ordered.end(), [](const violation& v) { return v.is_error(); });
    const auto errors = static_cast<std::size_t>(
        std::count_if(ordered.begin(), ordered.end(), [](const violation& v) { return v.is_error(); }));
    const auto warnings = ordered.size() - errors;
    out += '\n';
    if (ordered.empty()) {
        out += std::string(none) + "\n";
        return;
    }
    if (ja) {
        out += "違反: エラー " + std::to_string(errors) + " 件、警告 " + std::to_string(warnings) + " 件\n";
    } else {
        out += "Violations: " + std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") +
               std::to_string(warnings) + (warnings == 1 ? " warning\n" : " warnings\n");
    }
    for (const auto& v : ordered) {
        std::string head = v.is_error() ? (ja ? "エラー   " : "ERROR    ") : (ja ? "警告     " : "warning  ");
        head += location(v, source_name, lang, subject) + "  " + std::string(v.code());
        out += head + '\n';
        wrapped(out, describe(v, lang), 9);
    }
}

}  // namespace detail

/// The report of a check for people, in `lang`; `source_name` names the file the budget was
/// read from, so that locations read "budget.csv:12".
[[nodiscard]] inline std::string format_text_report(const check_result& result, std::string_view source_name = {},
                                                     language lang = language::english) {
    using namespace detail;
    const bool ja = lang == language::japanese;
    const auto& t = result.totals;
    const auto& p = result.policy;
    const std::size_t lines = result.line_count;
    std::string out;
    out.reserve(4096);
    if (ja) {
        if (!source_name.empty()) out += "予算 " + std::string(source_name) + "\n";
        out += "C3P 予算　" + policy_label(p, lang) + "　明細 " + std::to_string(lines) + " 行\n\n";
        pad_to(out, "費目", report_english_width + report_japanese_width);
        out += std::string(report_amount_width - 4, ' ') + "金額\n";
    } else {
        if (!source_name.empty()) out += "Budget " + std::string(source_name) + "\n";
        out += "C3P budget, policy " + std::string(p.name) + " (" + std::to_string(lines) +
               (lines == 1 ? " line)" : " lines)") + "\n\n";
        pad_to(out, "Expense category", report_english_width + report_japanese_width);
        out += std::string(report_amount_width - 3, ' ') + "JPY\n";
    }
    const auto row = [&](std::size_t indent, std::string_view english, std::string_view japanese, const yen& amount) {
        report_row(out, lang, indent, english, japanese, amount);
    };
    const auto& direct = info(group::direct);
    row(0, direct.english, direct.japanese, t.direct());
    for (auto c : {category::personnel, category::operating}) {
        row(2, info(c).english, info(c).japanese, t.category(c));
        for (const auto& entry : item_table)
            if (entry.category == c) row(4, entry.english, entry.japanese, t.item(entry.id));
    }
    const auto& joint = info(group::joint_implementation);
    row(0, joint.english, joint.japanese, t.joint_implementation());
    const auto& indirect = info(group::indirect);
    row(0, indirect.english, indirect.japanese, t.group(group::indirect));
    const auto& ga = info(item::general_admin);
    row(2, ga.english, ga.japanese, t.general_admin());
    wrapped(out, general_admin_note(result, lang), 4);
    // The totals' rows: the English report has no Japanese label beside these.
    const auto total_row = [&](std::string_view english, std::string_view japanese, const yen& amount) {
        row(0, english, ja ? japanese : std::string_view{}, amount);
    };
    total_row("Pre-tax total", "税抜合計", t.pre_tax);
    const auto& tax = info(item::consumption_tax);
    row(0, "Consumption tax (" + to_string(p.consumption_tax) + ")",
        ja ? std::string(tax.japanese) + "（" + to_string(p.consumption_tax) + "）" : std::string(tax.japanese),
        t.consumption_tax());
    total_row("Total (tax included)", "合計（税込）", t.total);
    const auto uplift = to_string(t.granted_uplift, yen_style::grouped);
    total_row(t.granted_uplift.is_zero() ? "Cap" : "Cap (uplift " + uplift + ")",
              t.granted_uplift.is_zero() ? "上限額" : "上限額（増額 " + uplift + "円を含む）", t.cap);
    total_row("Headroom", "上限までの残額", t.headroom());

    append_violations(out, result.violations.to_vector(), source_name, lang,
                      ja ? "違反はありません。" + policy_label(p, lang) + "に適合しています。"
                         : "No violations: the budget complies with " + std::string(p.name) + ".");
    return out;
}

/// The report of a settlement for people, in `lang`: each category's figures, G&A, the totals,
/// what is paid and returned, then the violations; `source_name` names the records' file.
[[nodiscard]] inline std::string format_settlement_report(const settlement& s, std::string_view source_name = {},
                                                          language lang = language::english) {
    using namespace detail;
    const bool ja = lang == language::japanese;
    const bool per_category = s.policy.settlement == settlement_basis::per_category;
    std::string out;
    if (ja) {
        if (!source_name.empty()) out += "支出記録 " + std::string(source_name) + "\n";
        out += "C3P 精算　" + fiscal_year_label(s.fiscal_year, lang) + "　" + policy_label(s.policy, lang) + "　" +
               (per_category ? "区分経費ごとに精算" : "契約全体で精算") + "\n\n";
    } else {
        if (!source_name.empty()) out += "Records " + std::string(source_name) + "\n";
        out += "C3P settlement, " + fiscal_year_label(s.fiscal_year, lang) + ", policy " + std::string(s.policy.name) + " (" +
               (per_category ? "per category" : "whole contract") + ")\n\n";
    }
    // The tables: amounts of 11 columns each after a label of 24 (communication_logistics), within 80.
    constexpr std::size_t label_width = 24, amount_width = 11;
    const auto cell = [&](const yen& amount) {
        const auto figure = to_string(amount, yen_style::grouped);
        const auto width = display_width(figure);
        if (width < amount_width) out.append(amount_width - width, ' ');
        out += figure;
    };
    const auto heading = [&](std::string_view text) {
        const auto width = display_width(text);
        if (width < amount_width) out.append(amount_width - width, ' ');
        out += text;
    };
    pad_to(out, ja ? "区分（円）" : "JPY", label_width);
    for (const auto* h : ja ? std::array<const char*, 5>{"契約額", "実績", "流用", "精算対象", "不支給"}
                            : std::array<const char*, 5>{"contracted", "actual", "moved", "eligible", "unpaid"})
        heading(h);
    out += '\n';
    for (std::size_t k = 0; k < settling_categories.size(); ++k) {
        const auto& c = s.categories[k];
        const auto& names = info(settling_categories[k]);
        pad_to(out, ja ? names.japanese : names.code, label_width);
        for (const auto* amount : {&c.contracted, &c.actual, &c.moved, &c.eligible, &c.unpaid}) cell(*amount);
        out += '\n';
    }
    out += '\n';
    const auto row = [&](std::string_view english, std::string_view japanese, const yen& amount) {
        report_row(out, lang, 0, english, ja ? japanese : std::string_view{}, amount);
    };
    row("G&A contracted", "一般管理費（契約）", s.general_admin_contracted);
    row("G&A settled", "一般管理費（精算）", s.general_admin_settled);
    row("Pre-tax total", "税抜合計", s.pre_tax);
    row("Consumption tax (" + to_string(s.policy.consumption_tax) + ")",
        "消費税及び地方消費税（" + to_string(s.policy.consumption_tax) + "）", s.consumption_tax);
    row("Total (tax included)", "合計（税込）", s.total);
    row("Contract amount", "契約額", s.contract_amount);
    row("Payable", "支払額（額の確定）", s.payable);
    row("Returned", "返還額", s.returned);
    if (per_category) row("Transfer allowance", "承認なしで流用できる額", s.transfer_allowance);

    // Plan against actual, item by item.
    out += '\n';
    pad_to(out, ja ? "費目（円）" : "Item (JPY)", label_width);
    for (const auto* h : ja ? std::array<const char*, 3>{"契約額", "実績", "差額"}
                            : std::array<const char*, 3>{"contracted", "actual", "difference"})
        heading(h);
    out += '\n';
    for (const auto& v : variance(s)) {
        pad_to(out, ja ? info(v.item).japanese : code(v.item), label_width);
        for (const auto* amount : {&v.contracted, &v.actual, &v.difference}) cell(*amount);
        out += '\n';
    }
    append_violations(out, s.violations.to_vector(), source_name, lang,
                      ja ? "違反はありません。" : "No violations: every record counts and the settlement needs no approval.",
                      report_subject::settlement);
    return out;
}

/// The report of a plan for people, in `lang`: each fiscal year's total against its cap, each
/// phase's total, each year's Table 5 breakdown, the cost of each Table 3 task the lines name,
/// then every violation with its year; `source_name` names the plan's file.
[[nodiscard]] inline std::string format_plan_report(const plan_result& r, std::string_view source_name = {},
                                                    language lang = language::english) {
    using namespace detail;
    const bool ja = lang == language::japanese;
    constexpr std::size_t label_width = 24, amount_width = 12;
    std::string out;
    const auto right = [&](std::string_view text, std::size_t width) {
        const auto used = display_width(text);
        if (used < width) out.append(width - used, ' ');
        out += text;
    };
    const auto amount = [&](const yen& y) { right(to_string(y, yen_style::grouped), amount_width); };
    if (!source_name.empty()) out += (ja ? "計画 " : "Plan ") + std::string(source_name) + "\n";
    out += ja ? "C3P 事業計画　" + std::to_string(r.years.size()) + " 年度、" + std::to_string(r.phases.size()) + " フェーズ\n\n"
              : "C3P plan: " + std::to_string(r.years.size()) + " fiscal years in " + std::to_string(r.phases.size()) +
                    (r.phases.size() == 1 ? " phase\n\n" : " phases\n\n");
    pad_to(out, ja ? "年度" : "Fiscal year", label_width);
    right(ja ? "フェーズ" : "Phase", 8);
    out += "  ";
    pad_to(out, ja ? "規則" : "Policy", 8);
    for (const auto* h : ja ? std::array<const char*, 3>{"合計（円）", "上限額", "残額"}
                            : std::array<const char*, 3>{"Total", "Cap", "Headroom"})
        right(h, amount_width);
    out += '\n';
    bool any_assumed = false;
    for (const auto& y : r.years) {
        pad_to(out, fiscal_year_label(y.fiscal_year, lang), label_width);
        right(std::to_string(y.phase), 8);
        out += "  ";
        pad_to(out, std::string(y.policy.name) + (y.policy_assumed ? "*" : ""), 8);
        amount(y.result.totals.total);
        amount(y.result.totals.cap);
        amount(y.result.totals.headroom());
        out += '\n';
        any_assumed = any_assumed || y.policy_assumed;
    }
    if (any_assumed)
        out += ja ? "  * その年度の規則がないため、それ以前で直近の規則で確認\n"
                  : "  * no policy of its own: checked under the latest earlier one\n";
    out += '\n';
    for (const auto& ph : r.phases) {
        const auto span = "FY" + std::to_string(ph.first_year) + "-FY" + std::to_string(ph.last_year);
        report_row(out, lang, 0, "Phase " + std::to_string(ph.phase) + "  " + span,
                   ja ? "フェーズ" + std::to_string(ph.phase) + "（" + era_name(ph.first_year) + "～" + era_name(ph.last_year) + "）"
                      : std::string(),
                   ph.total);
    }
    report_row(out, lang, 0, "Plan total", ja ? "計画の合計" : "", r.total);

    // A table of rows by fiscal year, three years a table, so that six years still fit 80
    // columns: a row's label, then its figure each year ("-" for none).
    struct year_row {
        std::string label;
        std::function<std::optional<yen>(const plan_year&)> figure;
    };
    const auto year_tables = [&](std::string_view heading, const std::vector<year_row>& rows) {
        constexpr std::size_t row_width = 42, years_a_table = 3;  // "7 Working with supporting organisations"
        for (std::size_t first = 0; first < r.years.size(); first += years_a_table) {
            const auto last = std::min(r.years.size(), first + years_a_table);
            out += '\n';
            pad_to(out, heading, row_width);
            for (std::size_t k = first; k < last; ++k) right("FY" + std::to_string(r.years[k].fiscal_year), amount_width);
            out += '\n';
            for (const auto& row : rows) {
                pad_to(out, row.label, row_width);
                for (std::size_t k = first; k < last; ++k) {
                    if (const auto figure = row.figure(r.years[k])) amount(*figure);
                    else right("-", amount_width);
                }
                out += '\n';
            }
        }
    };

    // Each year's Table 5: the categories and the items any year uses, G&A, tax and total.
    std::vector<year_row> table5;
    const auto name = [&](std::string_view english, std::string_view japanese) { return std::string(ja ? japanese : english); };
    for (const auto& c : category_table) {
        if (c.id == category::general_admin || c.id == category::consumption_tax) continue;
        table5.push_back({name(c.english, c.japanese), [id = c.id](const plan_year& y) {
                              return std::optional(y.result.totals.category(id));
                          }});
        std::vector<item> used;
        for (const auto& i : item_table)
            if (i.category == c.id && std::any_of(r.years.begin(), r.years.end(), [&](const plan_year& y) {
                    return !y.result.totals.item(i.id).is_zero();
                }))
                used.push_back(i.id);
        // An item named as its category (人件費, 共同実施費) is a row of its own only beside others.
        if (used.size() == 1 && info(used[0]).japanese == c.japanese) used.clear();
        for (const auto id : used)
            table5.push_back({"  " + name(info(id).english, info(id).japanese), [id](const plan_year& y) {
                                  return std::optional(y.result.totals.item(id));
                              }});
    }
    table5.push_back({name("General and administrative costs", "一般管理費"),
                      [](const plan_year& y) { return std::optional(y.result.totals.general_admin()); }});
    table5.push_back({name("Pre-tax total", "税抜合計"), [](const plan_year& y) { return std::optional(y.result.totals.pre_tax); }});
    table5.push_back({name("Consumption tax", "消費税"),
                      [](const plan_year& y) { return std::optional(y.result.totals.consumption_tax()); }});
    table5.push_back({name("Total (tax included)", "合計（税込）"),
                      [](const plan_year& y) { return std::optional(y.result.totals.total); }});
    year_tables(ja ? "経費内訳（表5、円）" : "Table 5 breakdown (JPY)", table5);

    // Cost per Table 3 task, where lines name them.
    const bool any_task = std::any_of(r.years.begin(), r.years.end(), [](const plan_year& y) {
        return std::any_of(y.task_costs.begin(), y.task_costs.end(), [](const auto& c) { return c.has_value(); });
    });
    if (any_task) {
        std::vector<year_row> tasks;
        for (const auto& t : task_table)
            tasks.push_back({std::to_string(t.number) + " " + std::string(ja ? t.japanese : t.english),
                             [index = static_cast<std::size_t>(t.number - 1)](const plan_year& y) { return y.task_costs[index]; }});
        year_tables(ja ? "表3のタスク（円）" : "Table 3 task (JPY)", tasks);
    }
    std::vector<violation> all;
    for (const auto& y : r.years) all.insert(all.end(), y.violations.begin(), y.violations.end());
    all.insert(all.end(), r.violations.begin(), r.violations.end());
    append_violations(out, std::move(all), source_name, lang,
                      ja ? "違反はありません。" : "No violations: every year and every phase passes.", report_subject::plan);
    return out;
}

/// The scoring sheet for people, in `lang`: every Table 6 row with its allocation and points
/// (judged rows not yet judged are shown as such), the total, and the figures behind the
/// computed rows.
[[nodiscard]] inline std::string format_score_report(const scored_proposal& s, const proposal& p,
                                                     language lang = language::english) {
    using namespace detail;
    const bool ja = lang == language::japanese;
    std::string out;
    out += ja ? std::string("C3P 提案の採点（表6）　") + (p.ongoing ? "継続案件" : "新規案件") + "\n\n"
              : std::string("C3P proposal score (Table 6), ") + (p.ongoing ? "ongoing project" : "new project") + "\n\n";
    const auto right = [&](std::string_view text, std::size_t width) {
        const auto used = display_width(text);
        if (used < width) out.append(width - used, ' ');
        out += text;
    };
    constexpr std::size_t label_width = 62;
    pad_to(out, ja ? "評価項目" : "Row", label_width);
    right(ja ? "配点" : "Points", 8);
    right(ja ? "得点" : "Score", 8);
    out += '\n';
    for (const auto& line : s.rows) {
        if (!line.allocation) continue;
        pad_to(out, std::string(ja ? line.row->japanese : line.row->english) + (line.row->computed() ? " *" : ""), label_width);
        right(std::to_string(*line.allocation), 8);
        right(line.points ? std::to_string(*line.points) : (ja ? "未採点" : "-"), 8);
        out += '\n';
    }
    pad_to(out, ja ? "合計" : "Total", label_width);
    right(std::to_string(s.maximum), 8);
    right(std::to_string(s.total), 8);
    out += '\n';
    out += ja ? "  * 数値から計算する項目\n\n" : "  * computed from the figures\n\n";
    const auto grouped = [](const decimal& d) { return to_string(d, {.grouping = true}); };
    if (ja) {
        out += "事業費 " + to_string(p.cost, yen_style::grouped) + "円、削減量 年 " + grouped(p.reduction) + " t-CO2\n";
        out += "費用対効果 " + (s.yen_per_tonne ? grouped(*s.yen_per_tonne) + " 円/t-CO2（年）" : std::string("計算できません（削減量 0）")) + "\n";
        out += "管理技術者の他の業務 " + std::to_string(p.engineer_projects) + " 件";
        if (p.ongoing) out += "、過去3年の都市間連携事業 " + std::to_string(p.past_projects) + " 件";
    } else {
        out += "Cost " + to_string(p.cost, yen_style::grouped) + " JPY, reduction " + grouped(p.reduction) + " t-CO2 a year\n";
        out += "Cost-effectiveness " + (s.yen_per_tonne ? grouped(*s.yen_per_tonne) + " JPY per t-CO2 a year" : std::string("undefined (no reduction)")) + "\n";
        out += "Supervising engineer's other projects: " + std::to_string(p.engineer_projects);
        if (p.ongoing) out += "; past city-to-city projects in three years: " + std::to_string(p.past_projects);
    }
    out += '\n';
    return out;
}

namespace detail {
/// A policy's value for people: amounts grouped (円 in Japanese), rates as percentages.
inline std::string policy_value_for_people(const policy& p, policy_key key, bool ja) {
    if (info(key).kind != policy_value_kind::amount) return value_text(p, key);
    const yen amount = detail::with_field(p, key, [](const auto& field) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(field)>, yen>) return field;
        else return yen{};
    });
    return to_string(amount, ja ? yen_style::yen_suffix : yen_style::grouped);
}
inline std::string policy_status_for_people(value_status status, bool ja) {
    if (!ja) return std::string(to_string(status));
    return status == value_status::confirmed ? "確認済み" : "推定";
}
inline std::size_t confirmed_values(const sourced_policy& p) {
    return static_cast<std::size_t>(std::count_if(p.sources.begin(), p.sources.end(),
                                                  [](const value_source& s) { return s.status == value_status::confirmed; }));
}
}  // namespace detail

/// `c3p-check policy list`: each policy's name, fiscal year and how many values are confirmed.
[[nodiscard]] inline std::string format_policy_list(std::span<const sourced_policy> policies,
                                                    language lang = language::english) {
    const bool ja = lang == language::japanese;
    std::string out = ja ? "規則（名前、年度、その年度の資料で確認済みの値）:\n"
                         : "Policies (name, fiscal year, values confirmed for that year):\n";
    for (const auto& p : policies) {
        out += "  ";
        detail::pad_to(out, p.rules.name, 10);
        detail::pad_to(out, fiscal_year_label(p.rules.fiscal_year, lang), 24);
        const auto confirmed = std::to_string(detail::confirmed_values(p)), all = std::to_string(policy_key_count);
        out += ja ? all + " 件中 " + confirmed + " 件確認済み\n" : confirmed + " of " + all + " confirmed\n";
    }
    out += ja ? "値と出典: c3p-check policy show 名前\n" : "Each value and its source: c3p-check policy show NAME\n";
    return out;
}

/// `c3p-check policy show`: every value of the policy, its status and its source.
[[nodiscard]] inline std::string format_policy_report(const sourced_policy& p, language lang = language::english) {
    const bool ja = lang == language::japanese;
    const auto confirmed = detail::confirmed_values(p);
    const auto assumed = policy_key_count - confirmed;
    std::string out =
        ja ? "規則 " + std::string(p.rules.name) + "　" + fiscal_year_label(p.rules.fiscal_year, lang) +
                 "　確認済み " + std::to_string(confirmed) + " 件、推定 " + std::to_string(assumed) + " 件\n"
           : "Policy " + std::string(p.rules.name) + ", " + fiscal_year_label(p.rules.fiscal_year, lang) + ": " +
                 std::to_string(confirmed) + " values confirmed, " + std::to_string(assumed) + " assumed\n";
    for (const auto& k : policy_keys) {
        const auto& s = p.source(k.key);
        out += "\n" + std::string(ja ? k.japanese : k.english) + " (" + std::string(k.name) + "): " +
               detail::policy_value_for_people(p.rules, k.key, ja) + "\n";
        out += "    " + detail::policy_status_for_people(s.status, ja) + (ja ? "　" : ": ") + s.document +
               (s.place.empty() ? std::string() : (ja ? "、" : ", ") + s.place) + "\n";
    }
    out += ja ? "\n確認済み: その年度の資料で確かめた値。推定: その年度の資料に記載がなく、前年度から引き継いだ値または c3p-budget の解釈。\n"
              : "\nconfirmed: read in the named document for that year. assumed: not stated for that year, carried over "
                "from an earlier year or c3p-budget's reading.\n";
    return out;
}

}  // namespace c3p
