// The text report for people: the Table 5 layout with subtotals (English with the Japanese name
// beside), G&A with its rate and base, pre-tax total, tax, total, cap and headroom as aligned
// yen figures, then the violations, errors first. Fits an 80-column terminal.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/checker.hpp"
#include "c3p/messages.hpp"
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
inline std::string location(const violation& v, std::string_view source_name) {
    if (!v.line) return "budget";
    if (!source_name.empty() && v.source_line) return std::string(source_name) + ":" + std::to_string(*v.source_line);
    return "line index " + std::to_string(*v.line);
}

}  // namespace detail

/// The report of a check for people; `source_name` names the file the budget was read from, so
/// that locations read "budget.csv:12".
[[nodiscard]] inline std::string format_text_report(const check_result& result, std::string_view source_name = {}) {
    using namespace detail;
    const auto& t = result.totals;
    const auto& p = result.policy;
    const auto& terms = result.terms;
    const std::size_t lines = result.line_count;
    std::string out;
    out.reserve(4096);
    if (!source_name.empty()) out += "Budget " + std::string(source_name) + "\n";
    out += "C3P budget, policy " + std::string(p.name) + " (" + std::to_string(lines) +
           (lines == 1 ? " line)" : " lines)") + "\n\n";

    pad_to(out, "Expense category", report_english_width + report_japanese_width);
    out += std::string(report_amount_width - 3, ' ') + "JPY\n";
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
    wrapped(out, ga_note, 4);
    report_row(out, 0, "Pre-tax total", "", t.pre_tax);
    const auto& tax = info(item::consumption_tax);
    report_row(out, 0, "Consumption tax (" + to_string(p.consumption_tax) + ")", tax.japanese, t.consumption_tax());
    report_row(out, 0, "Total (tax included)", "", t.total);
    report_row(out, 0, t.granted_uplift.is_zero() ? "Cap" : "Cap (uplift " + to_string(t.granted_uplift, yen_style::grouped) + ")",
               "", t.cap);
    report_row(out, 0, "Headroom", "", t.headroom());

    // Violations: errors first, each group in the check's order.
    auto ordered = result.violations.to_vector();
    std::stable_partition(ordered.begin(), ordered.end(), [](const violation& v) { return v.is_error(); });
    const auto errors = static_cast<std::size_t>(
        std::count_if(ordered.begin(), ordered.end(), [](const violation& v) { return v.is_error(); }));
    const auto warnings = ordered.size() - errors;
    out += '\n';
    if (ordered.empty()) {
        out += "No violations: the budget complies with " + std::string(p.name) + ".\n";
        return out;
    }
    out += "Violations: " + std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") + std::to_string(warnings) +
           (warnings == 1 ? " warning\n" : " warnings\n");
    for (const auto& v : ordered) {
        std::string head = v.is_error() ? "ERROR    " : "warning  ";
        head += location(v, source_name) + "  " + std::string(v.code());
        out += head + '\n';
        wrapped(out, describe(v), 9);
    }
    return out;
}

}  // namespace c3p
