// c3p::violation — one broken rule, as data: a stable code, a severity, where (line index and
// item), the figures compared (actual, limit) and an English message that names them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "c3p/categories.hpp"
#include "c3p/decimal.hpp"

namespace c3p {

/// The violation catalogue of SPEC section 7, in its order (which is also the report order).
enum class rule : std::uint8_t {
    line_negative_amount,
    line_zero_amount,
    equipment_below_threshold,
    equipment_needs_approval,
    consumable_at_or_above_threshold,
    general_admin_over_rate,
    general_admin_rate_missing,
    consumption_tax_mismatch,
    outsourcing_over_half,
    uplift_over_maximum,
    uplift_without_field_survey,
    cap_exceeded,
};

enum class severity : std::uint8_t { error, warning };

/// The stable code, as in CSV tooling, JSON and tests ("cap.exceeded").
[[nodiscard]] constexpr std::string_view code(rule r) noexcept {
    switch (r) {
        case rule::line_negative_amount: return "line.negative_amount";
        case rule::line_zero_amount: return "line.zero_amount";
        case rule::equipment_below_threshold: return "equipment.below_threshold";
        case rule::equipment_needs_approval: return "equipment.needs_approval";
        case rule::consumable_at_or_above_threshold: return "consumable.at_or_above_threshold";
        case rule::general_admin_over_rate: return "general_admin.over_rate";
        case rule::general_admin_rate_missing: return "general_admin.rate_missing";
        case rule::consumption_tax_mismatch: return "consumption_tax.mismatch";
        case rule::outsourcing_over_half: return "outsourcing.over_half";
        case rule::uplift_over_maximum: return "uplift.over_maximum";
        case rule::uplift_without_field_survey: return "uplift.without_field_survey";
        case rule::cap_exceeded: return "cap.exceeded";
    }
    return "?";
}

[[nodiscard]] constexpr std::string_view to_string(severity s) noexcept {
    return s == severity::error ? "error" : "warning";
}

/// The severity the catalogue gives a rule; outsourcing.over_half becomes a warning when the
/// budget marks its outsourcing as justified.
[[nodiscard]] constexpr severity catalogue_severity(rule r) noexcept {
    return r == rule::line_zero_amount || r == rule::equipment_needs_approval ? severity::warning : severity::error;
}

/// A set of rules: which line rules a line breaks, as the fast pass works them out.
class rule_set {
public:
    /// Every rule of the catalogue.
    [[nodiscard]] static constexpr rule_set all() noexcept {
        rule_set s;
        for (auto r = 0; r <= static_cast<int>(rule::cap_exceeded); ++r) s.insert(static_cast<rule>(r));
        return s;
    }
    constexpr void insert(rule r) noexcept { bits_ = static_cast<std::uint16_t>(bits_ | bit(r)); }
    [[nodiscard]] constexpr bool contains(rule r) const noexcept { return (bits_ & bit(r)) != 0; }
    [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }
    /// Whether a rule of the set is an error by the catalogue.
    [[nodiscard]] constexpr bool has_error() const noexcept {
        for (auto r = 0; r <= static_cast<int>(rule::cap_exceeded); ++r)
            if (contains(static_cast<rule>(r)) && catalogue_severity(static_cast<rule>(r)) == severity::error) return true;
        return false;
    }
    friend constexpr bool operator==(rule_set, rule_set) = default;

private:
    static constexpr std::uint16_t bit(rule r) noexcept { return static_cast<std::uint16_t>(1u << static_cast<unsigned>(r)); }
    std::uint16_t bits_ = 0;
};

struct violation {
    c3p::rule rule;
    c3p::severity severity;
    std::optional<std::size_t> line;  ///< 0-based line index; none for budget-level rules
    std::optional<c3p::item> item;    ///< the item concerned; none for uplift.* and cap.*
    std::optional<decimal> actual;    ///< the figure found (yen, or a quantity for a negative quantity)
    std::optional<decimal> limit;     ///< the figure it was compared with
    std::string message;              ///< English, naming the figures

    [[nodiscard]] std::string_view code() const noexcept { return c3p::code(rule); }
    [[nodiscard]] bool is_error() const noexcept { return severity == c3p::severity::error; }
};

}  // namespace c3p
