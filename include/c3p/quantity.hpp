// c3p::quantity — how many units a budget line buys: an exact decimal (six fractional digits),
// a type of its own so that a quantity is never mistaken for an amount of money.
#pragma once

#include <compare>
#include <ostream>
#include <string>
#include <string_view>

#include "c3p/decimal.hpp"

namespace c3p {

class quantity {
public:
    constexpr quantity() = default;  // zero
    template <exact_integer I>
    constexpr explicit quantity(I count) : value_(count) {}
    constexpr explicit quantity(const decimal& value) : value_(value) {}
    template <class F>
        requires std::floating_point<F>
    quantity(F) = delete;

    [[nodiscard]] static constexpr quantity parse(std::string_view text) {
        return detail::parse_or_throw<quantity>("quantity", text);
    }
    [[nodiscard]] static constexpr parse_result<quantity> try_parse(std::string_view text) {
        auto r = decimal::try_parse(text);
        return {quantity(r.value), r.error, r.position};
    }

    [[nodiscard]] constexpr const decimal& value() const noexcept { return value_; }
    [[nodiscard]] constexpr bool is_negative() const { return value_.is_negative(); }

    [[nodiscard]] friend constexpr bool operator==(const quantity&, const quantity&) = default;
    [[nodiscard]] friend constexpr auto operator<=>(const quantity& a, const quantity& b) { return a.value_ <=> b.value_; }

private:
    decimal value_;
};

[[nodiscard]] inline std::string to_string(const quantity& q) { return to_string(q.value()); }
inline std::ostream& operator<<(std::ostream& os, const quantity& q) { return os << q.value(); }

}  // namespace c3p
