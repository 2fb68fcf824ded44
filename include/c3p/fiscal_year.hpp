// The Japanese fiscal calendar (docs/rules.md, "Fiscal years"): fiscal year n runs from 1 April
// of year n to 31 March of year n + 1; dates as accountants write them, in the Gregorian
// calendar or in the era (令和7年4月1日), each checked to be a real date of its era.
//
//     const auto d = c3p::parse_date("令和7年4月1日");  // 2025-04-01
//     c3p::fiscal_year_of(*d) == 2025;                 // and 2026-03-31 too
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "c3p/detail/sv_literals.hpp"
#include "c3p/language.hpp"

namespace c3p {

/// The fiscal year a date falls in: April to March, named by the year it starts in.
[[nodiscard]] constexpr int fiscal_year_of(const std::chrono::year_month_day& date) noexcept {
    const int y = static_cast<int>(date.year());
    return date.month() >= std::chrono::April ? y : y - 1;
}

/// 1 April of fiscal year `fy`.
[[nodiscard]] constexpr std::chrono::year_month_day fiscal_year_start(int fy) noexcept {
    return std::chrono::year(fy) / std::chrono::April / 1;
}

/// 31 March of fiscal year `fy` (in the next calendar year).
[[nodiscard]] constexpr std::chrono::year_month_day fiscal_year_end(int fy) noexcept {
    return std::chrono::year(fy + 1) / std::chrono::March / 31;
}

/// "2025-04-01".
[[nodiscard]] inline std::string to_string(const std::chrono::year_month_day& date) {
    const auto two = [](unsigned v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
    return std::to_string(static_cast<int>(date.year())) + "-" + two(static_cast<unsigned>(date.month())) + "-" +
           two(static_cast<unsigned>(date.day()));
}

namespace detail {

/// The eras a date or a fiscal year may be written in: the first and last day of each, and the
/// fiscal years named in it (令和元年度 is FY2019, though 令和 began on 1 May 2019).
struct era {
    std::string_view name;
    char letter;     // R7, H30
    int first_year;  // the Gregorian year of the era's year 1
    std::chrono::year_month_day first, last;
    int last_fiscal_year;
};
inline constexpr era eras[] = {
    {"令和"sv, 'R', 2019, std::chrono::year(2019) / 5 / 1, std::chrono::year(9999) / 12 / 31, 9998},
    {"平成"sv, 'H', 1989, std::chrono::year(1989) / 1 / 8, std::chrono::year(2019) / 4 / 30, 2018},
};
inline constexpr int first_fiscal_year = 1900, last_fiscal_year = 9998;

/// Reads an unsigned number of ASCII or full-width digits at `at`; nullopt without one (or
/// beyond 9,999,999).
inline std::optional<int> read_digits(std::string_view text, std::size_t& at) {
    int value = 0, digits = 0;
    while (at < text.size() && digits < 8) {
        if (text[at] >= '0' && text[at] <= '9') {
            value = value * 10 + (text[at] - '0');
            ++at;
        } else if (text.substr(at, 2) == "\xEF\xBC" && at + 2 < text.size() &&
                   static_cast<unsigned char>(text[at + 2]) >= 0x90 && static_cast<unsigned char>(text[at + 2]) <= 0x99) {
            value = value * 10 + (static_cast<unsigned char>(text[at + 2]) - 0x90);  // ０-９: U+FF10-FF19
            at += 3;
        } else {
            break;
        }
        ++digits;
    }
    if (digits == 0 || digits == 8) return std::nullopt;
    return value;
}

/// Skips `word` at `at`; false when it is not there.
inline bool skip(std::string_view text, std::size_t& at, std::string_view word) {
    if (text.substr(at, word.size()) != word) return false;
    at += word.size();
    return true;
}

inline std::optional<std::chrono::year_month_day> checked_date(int y, int m, int d) {
    if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                           std::chrono::day(static_cast<unsigned>(d))};
    if (!date.ok()) return std::nullopt;
    return date;
}

}  // namespace detail

namespace detail {

/// Strips a weekday in brackets after a date, as Excel's "yyyy/m/d(aaa)" shows it ("(水)",
/// "（水曜日）"), into `weekday` (0 Sunday to 6 Saturday); false when the brackets hold no weekday.
inline bool strip_weekday(std::string_view& text, std::optional<unsigned>& weekday) {
    std::size_t close = 0;
    if (text.ends_with(")")) close = 1;
    else if (text.ends_with("\uFF09")) close = 3;  // ）
    if (close == 0) return true;
    std::string_view inside = text.substr(0, text.size() - close);
    std::size_t open = inside.rfind('(');
    std::size_t open_size = 1;
    if (const auto wide = inside.rfind("\uFF08"); wide != std::string_view::npos && (open == std::string_view::npos || wide > open)) {
        open = wide;
        open_size = 3;
    }
    if (open == std::string_view::npos) return false;
    std::string_view name = inside.substr(open + open_size);
    if (name.ends_with("曜日")) name.remove_suffix(6);
    else if (name.ends_with("曜")) name.remove_suffix(3);
    constexpr std::string_view names[] = {"日"sv, "月"sv, "火"sv, "水"sv, "木"sv, "金"sv, "土"sv};
    for (unsigned k = 0; k < 7; ++k) {
        if (name != names[k]) continue;
        weekday = k;
        text = inside.substr(0, open);
        while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
        return true;
    }
    return false;
}

}  // namespace detail

/// A date as accountants write it: 2025-04-01, 2025/4/1, 2025.4.1, 2025年4月1日, 令和7年4月1日
/// (令和元年 for its first year; 平成 too), R7.4.1, R7/4/1, H30.4.1 (the era's letter, as
/// Japanese Excel shows dates), digits ASCII or full-width, a weekday in brackets after any of
/// them (令和7年4月30日(水): it must be the date's), surrounding spaces ignored. Nullopt for
/// anything else, for a day that does not exist (2025-02-29) and for an era date outside its
/// era (令和元年4月30日: 令和 began on 1 May 2019).
[[nodiscard]] inline std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
    using detail::read_digits, detail::skip;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    std::optional<unsigned> weekday;
    if (!detail::strip_weekday(text, weekday)) return std::nullopt;
    const auto on_its_weekday = [&](std::optional<std::chrono::year_month_day> date) -> std::optional<std::chrono::year_month_day> {
        if (date && weekday && std::chrono::weekday(std::chrono::sys_days(*date)).c_encoding() != *weekday) return std::nullopt;
        return date;
    };
    std::size_t at = 0;
    for (const auto& e : detail::eras) {
        const bool by_name = skip(text, at, e.name);
        const bool by_letter = !by_name && !text.empty() && (text[0] == e.letter || text[0] == e.letter + ('a' - 'A'));
        if (!by_name && !by_letter) continue;
        std::optional<int> era_year, m, d;
        if (by_name) {
            era_year = skip(text, at, "元") ? std::optional<int>(1) : read_digits(text, at);
            if (!era_year || !skip(text, at, "年")) return std::nullopt;
            m = read_digits(text, at);
            if (!m || !skip(text, at, "月")) return std::nullopt;
            d = read_digits(text, at);
            if (!d || !skip(text, at, "日")) return std::nullopt;
        } else {  // R7.4.30, R7/4/30, R7-4-30: one separator throughout
            at = 1;
            era_year = read_digits(text, at);
            if (!era_year || at >= text.size() || (text[at] != '.' && text[at] != '/' && text[at] != '-')) return std::nullopt;
            const std::string_view separator = text.substr(at, 1);
            ++at;
            m = read_digits(text, at);
            if (!m || !skip(text, at, separator)) return std::nullopt;
            d = read_digits(text, at);
        }
        if (!d || *era_year < 1 || at != text.size()) return std::nullopt;
        const auto date = detail::checked_date(e.first_year + *era_year - 1, *m, *d);
        if (!date || *date < e.first || *date > e.last) return std::nullopt;
        return on_its_weekday(date);
    }
    const auto y = read_digits(text, at);
    if (!y || *y < 1000 || *y > 9999 || at >= text.size()) return std::nullopt;
    // The separators of one form throughout: 2025-04-01, 2025/4/1, 2025.4.1 or 2025年4月1日.
    const std::string_view first = text[at] == '-' ? "-" : text[at] == '/' ? "/" : text[at] == '.' ? "." : "年";
    const std::string_view second = first == "年" ? "月" : first;
    if (!skip(text, at, first)) return std::nullopt;
    const auto m = read_digits(text, at);
    if (!m || !skip(text, at, second)) return std::nullopt;
    const auto d = read_digits(text, at);
    if (!d || (first == "年" && !skip(text, at, "日")) || at != text.size()) return std::nullopt;
    return on_its_weekday(detail::checked_date(*y, *m, *d));
}

/// A date cell of a file: parse_date, or a serial number of five digits as Excel stores a date
/// (45777 is 2025-04-30: days after 30 December 1899, the count of Excel's 1900 date system
/// from March 1900 on), which a CSV saved from a column not formatted as a date holds.
[[nodiscard]] inline std::optional<std::chrono::year_month_day> parse_date_cell(std::string_view text) {
    if (const auto date = parse_date(text)) return date;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    std::size_t at = 0;
    const auto serial = detail::read_digits(text, at);
    if (!serial || at != text.size() || text.size() != 5) return std::nullopt;
    return std::chrono::year_month_day(std::chrono::sys_days(std::chrono::year(1899) / 12 / 30) + std::chrono::days(*serial));
}

/// A fiscal year as people write it: 2025, FY2025, R7, 令和7年度, 令和元年度, H30, 平成30年度
/// (年度 optional, digits ASCII or full-width, `fy` and `r`/`h` in any case). Nullopt for
/// anything else and for an era year outside its era's fiscal years (平成31年度 is 令和元年度).
[[nodiscard]] inline std::optional<int> parse_fiscal_year(std::string_view text) {
    using detail::read_digits, detail::skip;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    std::size_t at = 0;
    const auto upper = [&](std::size_t i) -> char {
        if (i >= text.size()) return '\0';
        return text[i] >= 'a' && text[i] <= 'z' ? static_cast<char>(text[i] - 'a' + 'A') : text[i];
    };
    for (const auto& e : detail::eras) {
        const bool by_name = skip(text, at, e.name);
        if (!by_name && upper(0) == e.letter) at = 1;
        if (at == 0) continue;
        const auto era_year = by_name && skip(text, at, "元") ? std::optional<int>(1) : read_digits(text, at);
        if (by_name) skip(text, at, "年度");
        if (!era_year || *era_year < 1 || at != text.size()) return std::nullopt;
        const int fy = e.first_year + *era_year - 1;
        if (fy > e.last_fiscal_year) return std::nullopt;
        return fy;
    }
    const bool fy_prefix = upper(0) == 'F' && upper(1) == 'Y';
    if (fy_prefix) at = 2;
    const auto y = read_digits(text, at);
    if (!fy_prefix) skip(text, at, "年度");
    if (!y || at != text.size() || *y < detail::first_fiscal_year || *y > detail::last_fiscal_year) return std::nullopt;
    return y;
}

/// The fiscal year's name in its era: "令和7年度", "令和元年度", "平成30年度"; empty before 平成.
[[nodiscard]] inline std::string era_name(int fy) {
    for (const auto& e : detail::eras) {
        if (fy < e.first_year || fy > e.last_fiscal_year) continue;
        const int era_year = fy - e.first_year + 1;
        return std::string(e.name) + (era_year == 1 ? std::string("元") : std::to_string(era_year)) + "年度";
    }
    return {};
}

/// The fiscal year as every report writes it: "令和7年度（FY2025）" in Japanese, "FY2025 (R7)" in
/// English; the Gregorian name alone before 平成.
[[nodiscard]] inline std::string fiscal_year_label(int fy, language lang) {
    for (const auto& e : detail::eras) {
        if (fy < e.first_year || fy > e.last_fiscal_year) continue;
        if (lang == language::japanese) return era_name(fy) + "（FY" + std::to_string(fy) + "）";
        return "FY" + std::to_string(fy) + " (" + std::string(1, e.letter) + std::to_string(fy - e.first_year + 1) + ")";
    }
    return "FY" + std::to_string(fy);
}

/// "FY2025 (令和7年度)": both names, as the guidebook and Japanese forms write them.
[[nodiscard]] inline std::string fiscal_year_name(int fy) {
    const auto era = era_name(fy);
    return "FY" + std::to_string(fy) + (era.empty() ? std::string() : " (" + era + ")");
}

}  // namespace c3p
