// c3p::budget — the lines of a yearly cost estimate or settlement and its terms (agreed G&A
// rate, requested field-survey uplift, whether outsourcing over half is justified).
//
// Two ways in that build the same budget:
//   typed:   b.add<items::equipment>("PV analyser", 250'000_yen);   // rejects items::general_admin
//            b.state<items::general_admin>(1'000'000_yen);          // a stated computed item
//   runtime: b.add(c3p::line{.item = c3p::item::equipment, .description = "PV analyser", .unit_price = ...});
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "c3p/categories.hpp"
#include "c3p/detail/line_facts.hpp"
#include "c3p/quantity.hpp"
#include "c3p/rate.hpp"
#include "c3p/summary_row.hpp"
#include "c3p/yen.hpp"

namespace c3p {

namespace detail {
struct budget_access;
}

/// What tax the unit price already contains.
enum class price_basis : std::uint8_t {
    exclusive,  ///< tax comes on top (default)
    inclusive,  ///< the price includes consumption tax; the amount is price x 100/110
    untaxed,    ///< no tax inside and none on top of the line (salaries, overseas fares)
};

/// The guidebook's exceptions that keep an item of 200,000 yen or more a consumable.
enum class consumable_reason : std::uint8_t {
    none,
    not_reusable,  ///< cannot be used repeatedly for about two years (reagents)
    fragile,       ///< reusable but prone to breakage (glassware)
    short_life,    ///< useless within two years (regularly updated maps, satellite photos)
};

[[nodiscard]] constexpr std::string_view to_string(price_basis basis) noexcept {
    switch (basis) {
        case price_basis::exclusive: return "exclusive";
        case price_basis::inclusive: return "inclusive";
        case price_basis::untaxed: return "untaxed";
    }
    return "?";
}

[[nodiscard]] constexpr std::string_view to_string(consumable_reason reason) noexcept {
    switch (reason) {
        case consumable_reason::none: return "";
        case consumable_reason::not_reusable: return "not_reusable";
        case consumable_reason::fragile: return "fragile";
        case consumable_reason::short_life: return "short_life";
    }
    return "?";
}

[[nodiscard]] constexpr std::optional<price_basis> price_basis_from_string(std::string_view text) noexcept {
    constexpr std::array all{price_basis::exclusive, price_basis::inclusive, price_basis::untaxed};
    for (auto basis : all)
        if (to_string(basis) == text) return basis;
    return std::nullopt;
}

/// "" is `none`.
[[nodiscard]] constexpr std::optional<consumable_reason> consumable_reason_from_string(std::string_view text) noexcept {
    if (text.empty()) return consumable_reason::none;
    constexpr std::array all{consumable_reason::not_reusable, consumable_reason::fragile, consumable_reason::short_life};
    for (auto reason : all)
        if (to_string(reason) == text) return reason;
    return std::nullopt;
}

/// What a budget states besides its lines.
struct budget_terms {
    std::optional<rate> general_admin_rate{};  ///< agreed in the contract, 0 to 1; none: G&A is 0
    yen uplift{};                              ///< field-survey increase requested on top of the cap
    bool outsourcing_justified = false;      ///< outsourcing over the share is then a warning

    friend bool operator==(const budget_terms&, const budget_terms&) = default;
};

namespace detail {
inline void require_valid_rate(const std::optional<rate>& agreed) {
    if (agreed && *agreed > rate_one)
        throw std::invalid_argument("c3p: a G&A rate must be between 0 and 100%, not " + to_string(*agreed));
}
inline void require_valid_uplift(const yen& requested) {
    if (requested.is_negative())
        throw std::invalid_argument("c3p: an uplift must not be negative, not " + to_string(requested) + " yen");
}
/// Throws std::invalid_argument for a G&A rate above 100% or a negative uplift.
inline void require_valid(const budget_terms& terms) {
    require_valid_rate(terms.general_admin_rate);
    require_valid_uplift(terms.uplift);
}
}  // namespace detail

/// One budget line, booked to one item.
struct line {
    c3p::item item = c3p::item::personnel;
    std::string description{};
    yen unit_price{};
    c3p::quantity quantity = c3p::quantity(1);
    price_basis basis = price_basis::exclusive;
    consumable_reason reason = consumable_reason::none;
    bool field_survey = false;
};

/// The optional parts of a line, for the typed add<Item>().
struct line_options {
    price_basis basis = price_basis::exclusive;
    consumable_reason reason = consumable_reason::none;
    bool field_survey = false;
};

class budget {
public:
    /// Adds a line booked to any item; a line booked to general_admin or consumption_tax is a
    /// stated amount. `source_line` is where the line was read from, for messages (1-based).
    /// Throws c3p::overflow_error when unit price x quantity cannot be represented exactly, and
    /// std::length_error past max_lines lines.
    budget& add(line l, std::optional<std::size_t> source_line = std::nullopt) {
        auto facts = detail::make_line_facts(l.item, static_cast<std::uint8_t>(l.basis),
                                             l.reason == consumable_reason::none, detail::millionths(l.unit_price.value()),
                                             detail::millionths(l.quantity.value()));
        if (facts.has(detail::line_facts::wide)) (void)(l.unit_price * l.quantity);  // representable at all?
        if (lines_.size() >= max_lines) throw std::length_error("c3p: a budget holds at most 2^32 - 1 lines");
        facts.line = static_cast<std::uint32_t>(lines_.size());
        auto& run = l.basis == price_basis::inclusive ? inclusive_facts_ : other_facts_;
        run.push_back(facts);  // first: if a later step throws, it is taken back
        try {
            if (source_line && source_lines_.size() < lines_.size()) source_lines_.resize(lines_.size());
            if (source_line || !source_lines_.empty()) source_lines_.push_back(source_line.value_or(0));
            lines_.push_back(std::move(l));
        } catch (...) {
            run.pop_back();
            source_lines_.resize(std::min(source_lines_.size(), lines_.size()));
            throw;
        }
        if (lines_.back().field_survey) ++field_survey_lines_;
        return *this;
    }

    template <cost_item Item>
    budget& add(std::string description, const yen& unit_price, const c3p::quantity& quantity = c3p::quantity(1),
                const line_options& options = {}) {
        return add(line{Item::value, std::move(description), unit_price, quantity, options.basis, options.reason,
                        options.field_survey});
    }

    /// States the amount of a computed item, as an accounting export does; the validator checks it.
    template <computed_item Item>
    budget& state(const yen& amount, std::string description = {}, price_basis basis = price_basis::untaxed) {
        return add(line{Item::value, std::move(description), amount, c3p::quantity(1), basis, consumable_reason::none,
                        false});
    }

    /// Room for `lines` lines. (Either run of facts may take them all: both reserve them, which
    /// costs address space, not memory, until lines are added.)
    void reserve(std::size_t lines) {
        lines_.reserve(lines);
        other_facts_.reserve(lines);
        inclusive_facts_.reserve(lines);
    }

    /// The most lines a budget holds (a line's index fits 32 bits in the facts the check reads).
    static constexpr std::size_t max_lines = std::numeric_limits<std::uint32_t>::max();

    [[nodiscard]] std::span<const line> lines() const noexcept { return lines_; }
    [[nodiscard]] std::size_t size() const noexcept { return lines_.size(); }
    [[nodiscard]] bool empty() const noexcept { return lines_.empty(); }
    [[nodiscard]] bool has_field_survey() const noexcept { return field_survey_lines_ != 0; }

    /// Notes that the file the budget was read from had a summary row (合計, 小計, total) at
    /// `source_line`, skipped: a check reports it (input.summary_row) among the lines' violations.
    /// Where the row states an amount for a figure it names (`stated`), a check compares them.
    budget& note_summary_row(std::size_t source_line, std::optional<summary_statement> stated = std::nullopt) {
        summary_rows_.push_back(source_line);
        if (stated) summary_statements_.push_back(*stated);
        return *this;
    }
    /// The file lines of the summary rows skipped, in the order noted.
    [[nodiscard]] std::span<const std::size_t> summary_rows() const noexcept { return summary_rows_; }
    /// The amounts the summary rows state, with the figures they name, in the order noted.
    [[nodiscard]] std::span<const summary_statement> summary_statements() const noexcept { return summary_statements_; }

    /// The file line that line `index` was read from, when it was given to add().
    [[nodiscard]] std::optional<std::size_t> source_line(std::size_t index) const noexcept {
        if (index >= source_lines_.size() || source_lines_[index] == 0) return std::nullopt;
        return source_lines_[index];
    }

    /// The G&A rate agreed in the contract, 0 <= rate <= 1; without one, G&A is 0.
    budget& set_general_admin_rate(std::optional<rate> agreed) {
        detail::require_valid_rate(agreed);
        terms_.general_admin_rate = agreed;
        return *this;
    }
    [[nodiscard]] const std::optional<rate>& general_admin_rate() const noexcept { return terms_.general_admin_rate; }

    /// The field-survey increase requested on top of the cap (granted only with a field-survey line).
    budget& set_uplift(const yen& requested) {
        detail::require_valid_uplift(requested);
        terms_.uplift = requested;
        return *this;
    }
    [[nodiscard]] const yen& uplift() const noexcept { return terms_.uplift; }

    /// Outsourcing over the share is then a warning, not an error ("as a general rule").
    budget& set_outsourcing_justified(bool justified) noexcept {
        terms_.outsourcing_justified = justified;
        return *this;
    }
    [[nodiscard]] bool outsourcing_justified() const noexcept { return terms_.outsourcing_justified; }

    /// All three terms at once, checked as by their setters; nothing changes if one is invalid.
    budget& set_terms(const budget_terms& terms) {
        detail::require_valid(terms);
        terms_ = terms;
        return *this;
    }
    [[nodiscard]] const budget_terms& terms() const noexcept { return terms_; }

private:
    friend struct detail::budget_access;

    std::vector<line> lines_;
    // What a check reads: each line's figures in 64 bits, those of tax-inclusive lines apart from
    // the others, each run in line order (see detail::budget_access).
    std::vector<detail::line_facts> other_facts_, inclusive_facts_;
    std::vector<std::size_t> source_lines_;  // 0 where not given; empty when none was
    std::vector<std::size_t> summary_rows_;  // file lines of skipped summary rows
    std::vector<summary_statement> summary_statements_;
    std::size_t field_survey_lines_ = 0;
    budget_terms terms_;
};

namespace detail {
/// The checker's access to a budget's 64-bit facts. An inclusive line takes other steps in the
/// fast path, and in line order the bases follow no pattern a branch predictor could learn:
/// over each run the loop takes one path.
struct budget_access {
    struct fact_runs {
        std::span<const line_facts> others, inclusive;
    };
    [[nodiscard]] static fact_runs facts(const budget& b) noexcept { return {b.other_facts_, b.inclusive_facts_}; }
    /// Each line's file line, 0 where not given; empty when none was.
    [[nodiscard]] static std::span<const std::size_t> source_lines(const budget& b) noexcept { return b.source_lines_; }
};
}  // namespace detail

}  // namespace c3p
