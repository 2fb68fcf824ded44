// A budget line's figures as native 64-bit integers, made once when the line is added, so that
// checking a stored budget reads 32 bytes a line and does no wide arithmetic. A line whose
// figures do not fit is marked `wide`: only the exact path may judge it.
#pragma once

#include <cstdint>

#include "c3p/categories.hpp"
#include "c3p/detail/arithmetic.hpp"
#include "c3p/detail/integer.hpp"

namespace c3p::detail {

struct line_facts {
    enum flag : std::uint8_t {
        wide = 1,                 ///< figures beyond 64 bits: only the exact path may judge this line
        fractional_quantity = 2,  ///< remainder is in 10^-12 yen rather than 10^-6
        negative_input = 4,       ///< unit price or quantity below zero
        no_reason = 8,            ///< no consumable exception given
    };
    std::int64_t whole = 0;       ///< floor(unit price x quantity) in yen
    std::int64_t remainder = 0;   ///< the rest, in units of 1 / denominator()
    std::int64_t unit_price = 0;  ///< millionths of a yen
    c3p::item item = c3p::item::personnel;
    std::uint8_t basis = 0;       ///< c3p::price_basis
    std::uint8_t flags = 0;
    std::uint32_t line = 0;       ///< the line's index in its budget (in what would be padding)

    [[nodiscard]] constexpr std::int64_t denominator() const noexcept {
        return (flags & fractional_quantity) ? micro * micro : micro;
    }
    [[nodiscard]] constexpr bool has(flag f) const noexcept { return (flags & f) != 0; }
};

/// The facts of a line with unit price `price` and quantity `quantity` in millionths.
inline line_facts make_line_facts(c3p::item item, std::uint8_t basis, bool no_reason, const int128& price,
                                  const int128& quantity) {
    line_facts f;
    f.item = item;
    f.basis = basis;
    if (price < 0 || quantity < 0) f.flags |= line_facts::negative_input;
    if (no_reason) f.flags |= line_facts::no_reason;
    const auto small_price = to_int64(price), small_quantity = to_int64(quantity);
    fraction<std::int64_t> extended{};
    if (!small_price || !small_quantity || !extend(*small_price, *small_quantity, extended)) {
        f.flags |= line_facts::wide;
        return f;
    }
    f.unit_price = *small_price;
    f.whole = extended.whole;
    f.remainder = extended.remainder;
    if (extended.denominator != micro) f.flags |= line_facts::fractional_quantity;
    return f;
}

}  // namespace c3p::detail
