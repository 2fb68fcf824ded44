// Named rounding modes. Every conversion of an exact value to whole yen names one.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace c3p {

enum class rounding : std::uint8_t {
    floor,      ///< toward negative infinity (切り捨て for positive amounts)
    ceiling,    ///< toward positive infinity (切り上げ for positive amounts)
    truncate,   ///< toward zero
    half_up,    ///< to nearest, ties away from zero (四捨五入)
    half_even,  ///< to nearest, ties to the even neighbour (banker's rounding)
    never,      ///< the value must already be whole; otherwise c3p::inexact_error
};

[[nodiscard]] constexpr std::string_view to_string(rounding mode) noexcept {
    switch (mode) {
        case rounding::floor: return "floor";
        case rounding::ceiling: return "ceiling";
        case rounding::truncate: return "truncate";
        case rounding::half_up: return "half_up";
        case rounding::half_even: return "half_even";
        case rounding::never: return "never";
    }
    return "?";
}

[[nodiscard]] constexpr std::optional<rounding> rounding_from_string(std::string_view name) noexcept {
    for (auto mode : {rounding::floor, rounding::ceiling, rounding::truncate, rounding::half_up,
                      rounding::half_even, rounding::never}) {
        if (to_string(mode) == name) return mode;
    }
    return std::nullopt;
}

}  // namespace c3p
