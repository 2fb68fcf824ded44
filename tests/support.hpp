// What several test files need: the sample files under examples/, a realistic budget, the codes
// of a list of violations, and exact rational arithmetic for the independent models.
#pragma once

#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>

#include <boost/multiprecision/cpp_int.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace c3p_test {

/// The path of a file under examples/: example_path("settlement/contract.csv").
inline std::string example_path(std::string_view relative) {
    return std::string(C3P_EXAMPLES_DIR) + "/" + std::string(relative);
}

/// The bytes of the file at `path`.
inline std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The bytes of examples/budgets/NAME, one of the sample budgets.
inline std::string sample_file(std::string_view name) { return file_bytes(example_path("budgets/" + std::string(name))); }

/// "LINE:COLUMN: message" for each error the CSV reader reports in TEXT, one a line, in the
/// language: readable when a check fails. Their cells: csv_error_cells.
inline std::string csv_errors(std::string_view text, c3p::language lang = c3p::language::english,
                              const c3p::csv_settings& settings = {}) {
    std::string out;
    for (const auto& e : c3p::read_budget_csv(text, settings).errors)
        out += std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + c3p::describe(e, lang) + "\n";
    return out;
}

/// The cells of the input errors of a budget CSV, one per line ("B2", or "-" for none).
inline std::string csv_error_cells(std::string_view text, const c3p::csv_settings& settings = {}) {
    std::string out;
    for (const auto& e : c3p::read_budget_csv(text, settings).errors) out += (e.cell ? c3p::to_string(*e.cell) : "-") + "\n";
    return out;
}

/// The English words in a Japanese sentence: runs of two or more ASCII letters, other than what
/// stays ASCII in Japanese text: the user's own text (in 「」 or quotes), options (--format),
/// codes (input.unknown_item, item and column codes, the values options take), file names and
/// paths, policy names (fy2025), FY2025, and the names of formats and programs.
inline std::vector<std::string> english_words(std::string_view text, std::vector<std::string_view> also_allowed = {}) {
    static const std::vector<std::string_view> allowed = {
        // formats and programs
        "c3p-check", "Excel", "CSV", "UTF", "CP", "Shift_JIS", "JSON", "json", "NaN", "NUL", "t-CO2", "CO",
        // the keys of a file's # lines
        "uplift",
        // the values options and columns take, and the words of the tool's syntax
        "text", "en", "ja", "auto", "utf", "cp", "comma", "tab", "total", "pre_tax", "phase", "contiguous", "rounded",
        "whole_contract", "per_category", "direct_total", "receiving_category", "list", "show", "settle", "plan",
        "score", "policy", "yes", "no", "true", "false", "exclusive", "inclusive", "untaxed", "not_reusable", "fragile",
        "short_life", "help"};
    std::vector<std::string> out;
    std::size_t i = 0;
    const auto skip_to = [&](std::string_view close) {
        const auto end = text.find(close, i);
        i = end == std::string_view::npos ? text.size() : end + close.size();
    };
    while (i < text.size()) {
        if (text.substr(i).starts_with("「")) {
            skip_to("」");
            continue;
        }
        if (text[i] == '"') {
            ++i;
            skip_to("\"");
            continue;
        }
        // A token: the run of non-blank ASCII from here.
        const auto is_token_char = [](char c) {
            return c > ' ' && static_cast<unsigned char>(c) < 0x80 && c != '(' && c != ')' && c != ',' && c != ';' &&
                   c != ':' && c != '|' && c != '{' && c != '}' && c != '[' && c != ']' && c != '"';
        };
        if (!is_token_char(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && is_token_char(text[end])) ++end;
        const auto token = text.substr(i, end - i);
        i = end;
        const bool code_or_path = token.starts_with("-") || token.find('.') != std::string_view::npos ||
                                  token.find('/') != std::string_view::npos || token.find('_') != std::string_view::npos;
        if (code_or_path) continue;
        if (c3p::item_from_code(token) || c3p::detail::csv_column_named(token)) continue;
        // The words of the token: FY2025 and fy2025 are names, not words.
        for (std::size_t k = 0; k < token.size();) {
            if (!std::isalpha(static_cast<unsigned char>(token[k]))) {
                ++k;
                continue;
            }
            std::size_t stop = k;
            while (stop < token.size() && std::isalpha(static_cast<unsigned char>(token[stop]))) ++stop;
            const auto word = token.substr(k, stop - k);
            const bool year_name = (word == "FY" || word == "fy" || word == "R" || word == "H") && stop < token.size() &&
                                   std::isdigit(static_cast<unsigned char>(token[stop]));
            if (word.size() >= 2 && !year_name && std::find(allowed.begin(), allowed.end(), word) == allowed.end() &&
                std::find(also_allowed.begin(), also_allowed.end(), word) == also_allowed.end() &&
                std::find(allowed.begin(), allowed.end(), token) == allowed.end())
                out.emplace_back(word);
            k = stop;
        }
    }
    return out;
}

/// The codes of the violations, in their order.
template <class Violations>  // a std::vector<violation> or a c3p::violation_list
std::vector<std::string> codes(const Violations& violations) {
    std::vector<std::string> out;
    for (const auto& v : violations) out.emplace_back(v.code());
    return out;
}

/// The codes of the violations joined by ", ": one string to compare, readable when it differs.
template <class Violations>
std::string joined_codes(const Violations& violations) {
    std::string out;
    for (const auto& v : violations) {
        if (!out.empty()) out += ", ";
        out += v.code();
    }
    return out;
}

// Exact arithmetic of the independent models (oracle tests), which use nothing of the library's.
using rational = boost::multiprecision::cpp_rational;
using integer = boost::multiprecision::cpp_int;

/// The largest integer not above x.
inline integer floor_of(const rational& x) {
    integer q = boost::multiprecision::numerator(x) / boost::multiprecision::denominator(x);  // toward zero
    if (q * boost::multiprecision::denominator(x) > boost::multiprecision::numerator(x)) --q;  // toward -infinity
    return q;
}

/// A realistic FY2025 C3P budget: Toyama City and Semarang, two field surveys abroad, a local
/// workshop, report sessions in Tokyo, printed deliverables, a local consultant as outsourcing,
/// Toyama City as co-implementer, G&A at 10%. Its totals, checked by hand and with exact
/// fractions, are written in totals_test.cpp.
inline c3p::budget sample_budget() {
    using namespace c3p::literals;
    using namespace c3p::items;
    using c3p::price_basis;
    using c3p::quantity;
    c3p::budget b;
    b.add<personnel>("Project manager (person-days)", 48'000_yen, quantity(60), {.basis = price_basis::untaxed})
        .add<personnel>("Senior engineer (person-days)", 40'000_yen, quantity(80), {.basis = price_basis::untaxed})
        .add<personnel>("Engineer (person-days)", 30'000_yen, quantity(60), {.basis = price_basis::untaxed})
        .add<honoraria>("Expert committee: 3 experts x 2 meetings", 30'000_yen, quantity(6))
        .add<overseas_travel>("Field surveys, Semarang: airfare, 2 trips x 3 people", 180'000_yen, quantity(6),
                              {.basis = price_basis::untaxed, .field_survey = true})
        .add<overseas_travel>("Field surveys, Semarang: lodging and allowance, 36 nights", 22'000_yen, quantity(36),
                              {.basis = price_basis::untaxed, .field_survey = true})
        .add<domestic_travel>("Report sessions in Tokyo: 4 round trips", 28'650_yen, quantity(4),
                              {.basis = price_basis::inclusive})
        .add<meeting>("Local workshop: refreshments for 60", 1'100_yen, quantity(60), {.basis = price_basis::inclusive})
        .add<rent_and_damage>("Local workshop: venue", 150'000_yen)
        .add<miscellaneous>("Interpretation at the workshop: 2 days", 85'000_yen, quantity(2))
        .add<miscellaneous>("Translation of deliverables: 40 pages", 3'500_yen, quantity(40))
        .add<printing_binding>("Final report: 30 copies", 4'400_yen, quantity(30), {.basis = price_basis::inclusive})
        .add<consumables>("Portable power loggers", 165'000_yen, quantity(2))
        .add<communication_logistics>("Shipping of survey instruments", 33'000_yen, quantity(1),
                                      {.basis = price_basis::inclusive})
        .add<outsourcing>("Local consultant: energy audit of 10 buildings", 2'500'000_yen)
        .add<joint_implementation>("Toyama City: workshop coordination", 1'200'000_yen);
    b.set_general_admin_rate(c3p::rate::percent(10));
    return b;
}

}  // namespace c3p_test
