// c3p::summary_figure — what a summary row of a file states: 人件費計 states the personnel
// category's subtotal, 合計（税込） the total. A reader skips such rows (counting them would count
// the budget twice) and keeps the amount a row states, so that a check can compare it with the
// figure it computes (input.summary_mismatch).
#pragma once

#include <cstddef>
#include <cstdint>

#include "c3p/categories.hpp"
#include "c3p/yen.hpp"

namespace c3p {

/// The figure a summary row names.
struct summary_figure {
    enum class kind : std::uint8_t { item, category, group, pre_tax, total };
    kind of = kind::total;
    c3p::item item = c3p::item::personnel;              ///< of == item
    c3p::category category = c3p::category::personnel;  ///< of == category
    c3p::group group = c3p::group::direct;              ///< of == group

    friend bool operator==(const summary_figure&, const summary_figure&) = default;
};

/// A summary row that names a figure and states an amount for it.
struct summary_statement {
    std::size_t source_line = 0;  ///< the row's file line
    summary_figure names;
    yen stated;

    friend bool operator==(const summary_statement&, const summary_statement&) = default;
};

}  // namespace c3p
