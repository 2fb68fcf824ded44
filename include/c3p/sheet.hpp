// c3p::sheet_layout — where a file's columns and rows are, as a spreadsheet shows them: so
// that a violation found on file line 16 names its cell, "D16". A reader of CSV files makes one
// (csv_reader::layout); a result's violations are located with it (violation_list::locate) and
// then carry their cell.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "c3p/cell.hpp"
#include "c3p/input_error.hpp"
#include "c3p/violation.hpp"

namespace c3p {

/// The column a violation of a file's line is about: the unit price for a figure judged on it,
/// the amount a summary row states, the date of a record outside the year, else the item.
[[nodiscard]] constexpr csv_column concerned_column(const violation& v) noexcept {
    switch (v.rule) {
        case rule::line_negative_amount:
            return v.figure == figure::quantity ? csv_column::quantity : csv_column::unit_price;
        case rule::line_zero_amount:
        case rule::equipment_below_threshold:
        case rule::consumable_at_or_above_threshold:
        case rule::general_admin_over_rate:
        case rule::general_admin_rate_missing:
        case rule::consumption_tax_mismatch: return csv_column::unit_price;
        case rule::input_summary_mismatch: return csv_column::amount;
        case rule::actual_outside_fiscal_year: return csv_column::date;
        default: return csv_column::item;
    }
}

struct sheet_layout {
    /// The 0-based field of each column the header names (csv_column order).
    std::array<std::optional<std::size_t>, csv_column_count> fields{};
    /// (file line, line breaks inside cells before it), from that line on; in line order. Empty
    /// when no cell holds a line break: rows are then lines.
    std::vector<std::pair<std::size_t, std::size_t>> line_breaks{};
    /// (file line, 0-based field) of each summary row labelled outside the item column (合計 typed
    /// where the date goes), in line order: its warning names that cell.
    std::vector<std::pair<std::size_t, std::size_t>> summary_labels{};

    /// The row that starts on file line `line`.
    [[nodiscard]] std::size_t row_of(std::size_t line) const noexcept {
        const auto after = std::upper_bound(line_breaks.begin(), line_breaks.end(), line,
                                            [](std::size_t l, const auto& shift) { return l < shift.first; });
        return after == line_breaks.begin() ? line : line - std::prev(after)->second;
    }
    /// The cell of column `c` on the row that starts on file line `line`; none when the header has no such column.
    [[nodiscard]] std::optional<cell_ref> cell(std::size_t line, csv_column c) const noexcept {
        const auto& field = fields[static_cast<std::size_t>(c)];
        if (!field) return std::nullopt;
        return cell_ref{*field + 1, row_of(line)};
    }
    /// The cell a violation of a file's line is about (concerned_column; where the file has no
    /// amount column, the unit price, where a summary row states its amount then); none without
    /// its file line.
    [[nodiscard]] std::optional<cell_ref> cell_of(const violation& v) const noexcept {
        if (!v.source_line) return std::nullopt;
        if (v.rule == rule::input_summary_row) {
            const auto found = std::lower_bound(summary_labels.begin(), summary_labels.end(),
                                                std::pair<std::size_t, std::size_t>{*v.source_line, 0});
            if (found != summary_labels.end() && found->first == *v.source_line)
                return cell_ref{found->second + 1, row_of(*v.source_line)};
        }
        for (const auto c : {concerned_column(v), csv_column::unit_price, csv_column::item})
            if (auto found = cell(*v.source_line, c)) return found;
        return std::nullopt;
    }
    friend bool operator==(const sheet_layout&, const sheet_layout&) = default;
};

}  // namespace c3p
