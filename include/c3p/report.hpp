// The text report for people: the Table 5 layout with subtotals (English with the Japanese name
// beside), G&A with its rate and base, pre-tax total, tax, total, cap and headroom as aligned
// yen figures, then the violations, errors first. Fits an 80-column terminal.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/csv_check.hpp"
#include "c3p/detail/utf8.hpp"
#include "c3p/policy.hpp"
#include "c3p/validate.hpp"

namespace c3p {

/// Where the budget came from, so that violations can name file lines.
struct report_source {
    std::string_view name;                   ///< file name shown in locations; empty: "line index N"
    std::span<const std::size_t> row_lines;  ///< file line of each budget line (from read_budget_csv)
};

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

inline void report_row(std::string& out, std::size_t indent, std::string_view english, std::string_view japanese,
                       const yen& amount) {
    pad_to(out, std::string(indent, ' ') + std::string(english), report_english_width);
    pad_to(out, japanese, report_japanese_width);
    const auto figure = to_string(amount, yen_style::grouped);
    if (figure.size() < report_amount_width) out.append(report_amount_width - figure.size(), ' ');
    out += figure;
    out += '\n';
}

/// Appends `text` word-wrapped to the report width, every line indented by `indent`.
inline void wrapped(std::string& out, std::string_view text, std::size_t indent) {
    const std::size_t room = report_width - indent;
    std::size_t column = 0;
    out.append(indent, ' ');
    while (!text.empty()) {
        const auto space = text.find(' ');
        const auto word = text.substr(0, space);
        const auto width = display_width(word);
        if (column != 0 && column + 1 + width > room) {
            out += '\n';
            out.append(indent, ' ');
            column = 0;
        } else if (column != 0) {
            out += ' ';
            ++column;
        }
        out += word;
        column += width;
        text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
    }
    out += '\n';
}

/// "budget.csv:12" where the file line is known, else "line index 10"; "budget" for budget rules.
template <class FileLine>
std::string location(const violation& v, std::string_view source_name, const FileLine& file_line) {
    if (!v.line) return "budget";
    if (!source_name.empty()) {
        if (const std::optional<std::size_t> at = file_line(*v.line))
            return std::string(source_name) + ":" + std::to_string(*at);
    }
    return "line index " + std::to_string(*v.line);
}

/// The report of `lines` lines with these totals and violations; file_line(index) gives the
/// file line of a line index where it is known.
template <class FileLine>
std::string text_report(std::size_t lines, const budget_terms& terms, const totals& t,
                        std::span<const violation> violations, const policy& p, std::string_view source_name,
                        const FileLine& file_line) {
    std::string out;
    out.reserve(4096);
    if (!source_name.empty()) out += "Budget " + std::string(source_name) + "\n";
    out += "C3P budget, policy " + std::string(p.name) + " (" + std::to_string(lines) +
           (lines == 1 ? " line)" : " lines)") + "\n\n";

    detail::pad_to(out, "Expense category", detail::report_english_width + detail::report_japanese_width);
    out += std::string(detail::report_amount_width - 3, ' ') + "JPY\n";
    const auto& direct = info(group::direct);
    report_row(out, 0, direct.english, direct.japanese, t.direct());
    for (auto c : {category::personnel, category::operating}) {
        report_row(out, 2, info(c).english, info(c).japanese, t.category(c));
        for (const auto& entry : item_table)
            if (entry.category == c) report_row(out, 4, entry.english, entry.japanese, t.item(entry.id));
    }
    const auto& joint = info(group::joint_implementation);
    report_row(out, 0, joint.english, joint.japanese, t.joint_implementation());
    const auto& indirect = info(group::indirect);
    report_row(out, 0, indirect.english, indirect.japanese, t.group(group::indirect));
    const auto& ga = info(item::general_admin);
    report_row(out, 2, ga.english, ga.japanese, t.general_admin());
    const std::string base_text =
        to_string(t.general_admin_base, yen_style::grouped) +
        (p.general_admin_of == general_admin_base::direct_excluding_outsourcing
             ? " (personnel and operating, outsourcing excluded)"
             : " (personnel and operating)");
    std::string ga_note;
    if (!terms.general_admin_rate) {
        ga_note = "no agreed G&A rate";
    } else {
        ga_note = to_string(*terms.general_admin_rate) + " of " + base_text;
    }
    if (t.general_admin_stated)
        ga_note = "stated; at most " + to_string(t.general_admin_maximum, yen_style::grouped) + ": " + ga_note;
    detail::wrapped(out, ga_note, 4);
    report_row(out, 0, "Pre-tax total", "", t.pre_tax);
    const auto& tax = info(item::consumption_tax);
    report_row(out, 0, "Consumption tax (" + to_string(p.consumption_tax) + ")", tax.japanese, t.consumption_tax());
    report_row(out, 0, "Total (tax included)", "", t.total);
    report_row(out, 0, t.granted_uplift.is_zero() ? "Cap" : "Cap (uplift " + to_string(t.granted_uplift, yen_style::grouped) + ")",
               "", t.cap);
    report_row(out, 0, "Headroom", "", t.headroom());

    // Violations: errors first, each group in the validator's order.
    std::vector<const violation*> ordered;
    ordered.reserve(violations.size());
    for (const auto& v : violations) ordered.push_back(&v);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const violation* a, const violation* b) { return a->is_error() && !b->is_error(); });
    const auto errors = static_cast<std::size_t>(std::count_if(ordered.begin(), ordered.end(),
                                                               [](const violation* v) { return v->is_error(); }));
    const auto warnings = ordered.size() - errors;
    out += '\n';
    if (ordered.empty()) {
        out += "No violations: the budget complies with " + std::string(p.name) + ".\n";
        return out;
    }
    out += "Violations: " + std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") + std::to_string(warnings) +
           (warnings == 1 ? " warning\n" : " warnings\n");
    for (const auto* v : ordered) {
        std::string head = v->is_error() ? "ERROR    " : "warning  ";
        head += location(*v, source_name, file_line) + "  " + std::string(v->code());
        out += head + '\n';
        wrapped(out, v->message, 9);
    }
    return out;
}

}  // namespace detail

[[nodiscard]] inline std::string format_text_report(const budget& b, const check_result& result, const policy& p,
                                                    const report_source& source = {}) {
    return detail::text_report(b.size(), b.terms(), result.totals, result.violations, p, source.name,
                               [&](std::size_t index) -> std::optional<std::size_t> {
                                   if (index < source.row_lines.size()) return source.row_lines[index];
                                   return std::nullopt;
                               });
}

/// The report of a CSV check; `source_name` names the file in locations ("budget.csv:12").
[[nodiscard]] inline std::string format_text_report(const csv_check& checked, std::string_view source_name = {}) {
    const auto violations = checked.violations();
    return detail::text_report(checked.size(), checked.terms(), checked.totals(), violations, checked.policy(),
                               source_name, [&](std::size_t index) { return checked.file_line(index); });
}

}  // namespace c3p
