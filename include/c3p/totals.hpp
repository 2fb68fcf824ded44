// Computing a budget exactly per SPEC section 4: line amounts (one rounding of the exact
// product), item / category / group subtotals, G&A on its base, pre-tax total, consumption tax,
// total, cap with the granted uplift, headroom.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/policy.hpp"
#include "c3p/violation.hpp"
#include "c3p/yen.hpp"

namespace c3p {

struct totals {
    /// Item subtotals. general_admin and consumption_tax hold the figures the totals use.
    std::array<yen, item_count> items{};
    yen general_admin_base;      ///< what the agreed rate applies to (policy.general_admin_of)
    yen general_admin_maximum;   ///< round(base x agreed rate); 0 without a rate
    std::optional<yen> general_admin_stated;    ///< sum of lines booked to general_admin, if any
    std::optional<yen> consumption_tax_stated;  ///< sum of lines booked to consumption_tax, if any
    yen pre_tax;
    yen total;            ///< the contract amount, tax included
    yen granted_uplift;   ///< min(uplift, maximum) with a field-survey line, else 0
    yen cap;              ///< policy cap + granted uplift

    [[nodiscard]] const yen& item(c3p::item i) const { return items[static_cast<std::size_t>(i)]; }
    [[nodiscard]] yen category(c3p::category c) const {
        yen sum;
        for (const auto& entry : item_table)
            if (entry.category == c) sum += item(entry.id);
        return sum;
    }
    [[nodiscard]] yen group(c3p::group g) const {
        yen sum;
        for (const auto& entry : category_table)
            if (entry.group == g) sum += category(entry.id);
        return sum;
    }
    [[nodiscard]] yen direct() const { return group(c3p::group::direct); }
    [[nodiscard]] const yen& joint_implementation() const { return item(c3p::item::joint_implementation); }
    [[nodiscard]] const yen& general_admin() const { return item(c3p::item::general_admin); }
    [[nodiscard]] const yen& consumption_tax() const { return item(c3p::item::consumption_tax); }
    /// cap - total; negative when over the cap.
    [[nodiscard]] yen headroom() const { return cap - total; }
};

namespace detail {

/// Rates derived from the policy once per computation rather than once per line.
struct tax_factors {
    rate adding;    ///< 1 + tax
    rate removing;  ///< 1 / (1 + tax): an inclusive price to its exclusive amount
    explicit tax_factors(const policy& p) : adding(rate_one + p.consumption_tax), removing(adding.reciprocal()) {}
};

inline exact_yen unit_cost(const yen& unit_price, price_basis basis, const policy& p, const tax_factors& tax) {
    if (p.equipment_basis == threshold_basis::tax_inclusive && basis == price_basis::exclusive)
        return unit_price * tax.adding;
    if (p.equipment_basis == threshold_basis::tax_exclusive && basis == price_basis::inclusive)
        return unit_price * tax.removing;
    return exact_yen(unit_price);
}

inline yen line_amount(const exact_yen& extended, price_basis basis, const policy& p, const tax_factors& tax) {
    if (basis == price_basis::inclusive) return (extended * tax.removing).round(p.line_rounding);
    return extended.round(p.line_rounding);
}

/// Steps 2 to 6 of SPEC section 4, from the item subtotals of the lines (cost items filled in).
inline void finish(totals& t, const budget_terms& terms, bool has_field_survey, const policy& p) {
    auto& ga = t.items[static_cast<std::size_t>(item::general_admin)];
    auto& tax = t.items[static_cast<std::size_t>(item::consumption_tax)];

    t.general_admin_base = t.category(category::personnel) + t.category(category::operating);
    if (p.general_admin_of == general_admin_base::direct_excluding_outsourcing)
        t.general_admin_base -= t.item(item::outsourcing);
    t.general_admin_maximum = terms.general_admin_rate
                                  ? (t.general_admin_base * *terms.general_admin_rate).round(p.general_admin_rounding)
                                  : yen{};
    ga = t.general_admin_stated ? *t.general_admin_stated : t.general_admin_maximum;

    t.pre_tax = t.direct() + t.joint_implementation() + ga;
    tax = (t.pre_tax * p.consumption_tax).round(p.tax_rounding);
    t.total = t.pre_tax + tax;

    t.granted_uplift = has_field_survey ? (terms.uplift < p.maximum_uplift ? terms.uplift : p.maximum_uplift) : yen{};
    t.cap = p.cap + t.granted_uplift;
}
inline void finish(totals& t, const budget& b, const policy& p) { finish(t, b.terms(), b.has_field_survey(), p); }

/// The outsourcing rule's figures (SPEC section 6): what counts, of what, and the exact limit.
struct outsourcing_share {
    yen outsourced;
    yen base;
    exact_yen allowed;  // share x base, exact: "2 x outsourcing <= base" with no rounding
    /// With nothing outsourced there is nothing to limit (a negative pre-tax total is the line rules' to report).
    [[nodiscard]] bool within() const { return outsourced <= yen{} || !(allowed < outsourced); }
};

inline outsourcing_share outsourcing_share_of(const totals& t, const policy& p) {
    outsourcing_share s;
    s.outsourced = t.item(item::outsourcing);
    if (p.outsourcing_counts == outsourcing_numerator::outsourcing_and_joint_implementation)
        s.outsourced += t.joint_implementation();
    s.base = p.outsourcing_of == outsourcing_base::pre_tax_total
                 ? t.pre_tax
                 : t.category(category::personnel) + t.category(category::operating) + t.general_admin();
    s.allowed = s.base * p.outsourcing_share;
    return s;
}

}  // namespace detail

/// The amount of one line under a policy: round(unit price x quantity), or
/// round(unit price x quantity x 1/(1 + tax)) for a tax-inclusive price — one rounding.
[[nodiscard]] inline yen line_amount(const line& l, const policy& p = fy2025) {
    return detail::line_amount(l.unit_price * l.quantity, l.basis, p, detail::tax_factors(p));
}

namespace detail {

/// The exact pass: every line through the Boost.Multiprecision types. Decides alone whenever
/// the fast pass declines. `visit(index, line, amount, rules)` sees every line; `rules` is every
/// line rule, as this pass does not work out which ones the line breaks.
template <class Visitor>
totals exact_totals(const budget& b, const policy& p, const tax_factors& tax, Visitor&& visit) {
    totals t;
    yen stated_ga, stated_tax;
    bool has_stated_ga = false, has_stated_tax = false;
    const auto lines = b.lines();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto amount = line_amount(b.extended_price(i), lines[i].basis, p, tax);
        visit(i, lines[i], amount, rule_set::all());
        switch (lines[i].item) {
            case item::general_admin:
                stated_ga += amount;
                has_stated_ga = true;
                break;
            case item::consumption_tax:
                stated_tax += amount;
                has_stated_tax = true;
                break;
            default: t.items[static_cast<std::size_t>(lines[i].item)] += amount;
        }
    }
    if (has_stated_ga) t.general_admin_stated = stated_ga;
    if (has_stated_tax) t.consumption_tax_stated = stated_tax;
    finish(t, b, p);
    return t;
}

/// a x b >= c x d, or nullopt when a product does not fit 64 bits.
inline std::optional<bool> product_at_least(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) noexcept {
    std::int64_t left, right;
    if (__builtin_mul_overflow(a, b, &left) || __builtin_mul_overflow(c, d, &right)) return std::nullopt;
    return left >= right;
}

/// The fast pass over 64-bit line facts (detail/line_facts.hpp), one line at a time: the policy's
/// figures as 64-bit integers and the running item sums. Used by fast_totals for a stored budget
/// and by the streaming CSV check, which keeps no lines.
class fast_pass {
public:
    /// nullopt when a policy figure does not fit 64 bits: use exact_totals then.
    static std::optional<fast_pass> make(const policy& p, const tax_factors& tax) {
        const auto out_num = to_int64(tax.removing.numerator()), out_den = to_int64(tax.removing.denominator());
        const auto in_num = to_int64(tax.adding.numerator()), in_den = to_int64(tax.adding.denominator());
        const auto threshold = to_int64(p.equipment_threshold.value().millionths());
        if (!out_num || !out_den || !in_num || !in_den || !threshold) return std::nullopt;
        return fast_pass(p, *out_num, *out_den, *in_num, *in_den, *threshold);
    }

    // add and broken_line_rules answer through a reference and a bool: GCC copies a returned
    // std::optional through the stack in pieces and reads it back whole, a stall of a dozen
    // cycles twice a line in the loops that call them.

    /// Adds the line to its item and sets `amount` to its amount; false when a figure does not
    /// fit 64 bits or rounding::never meets a fraction (the exact pass must decide the budget then).
    [[nodiscard]] bool add(const line_facts& f, std::int64_t& amount) noexcept {
        if (f.has(line_facts::wide)) return false;
        const auto rounded = static_cast<price_basis>(f.basis) == price_basis::inclusive
                                 ? round_scaled(f, out_num_, out_den_, line_rounding_)
                                 : round_parts(f.whole, f.remainder, f.denominator(), line_rounding_);
        if (!rounded) return false;
        amount = *rounded;
        auto& sum = sums_[static_cast<std::size_t>(f.item)];
        if (__builtin_add_overflow(sum, amount, &sum)) return false;
        if (f.item == item::general_admin || f.item == item::consumption_tax) [[unlikely]] {
            // Rare: a branch rather than two flags written every line, a chain through memory.
            has_stated_ga_ |= f.item == item::general_admin;
            has_stated_tax_ |= f.item == item::consumption_tax;
        }
        return true;
    }

    /// Adds the sums of another pass over other lines of the same budget; false on overflow.
    [[nodiscard]] bool merge(const fast_pass& other) noexcept {
        for (std::size_t k = 0; k < item_count; ++k)
            if (__builtin_add_overflow(sums_[k], other.sums_[k], &sums_[k])) return false;
        has_stated_ga_ |= other.has_stated_ga_;
        has_stated_tax_ |= other.has_stated_tax_;
        return true;
    }

    /// Sets `broken` to the line rules the line breaks (SPEC section 7), worked out in 64 bits;
    /// false when a threshold comparison does not fit them (the exact pass must decide the budget then).
    [[nodiscard]] bool broken_line_rules(const line_facts& f, std::int64_t amount, rule_set& broken) const noexcept {
        broken = {};
        if (f.has(line_facts::negative_input)) broken.insert(rule::line_negative_amount);
        if (amount == 0) broken.insert(rule::line_zero_amount);
        if (f.item == item::equipment) {
            const auto reaches = reaches_threshold(f);
            if (!reaches) return false;
            if (!*reaches) broken.insert(rule::equipment_below_threshold);
            broken.insert(rule::equipment_needs_approval);
        } else if (f.item == item::consumables && f.has(line_facts::no_reason)) {
            const auto reaches = reaches_threshold(f);
            if (!reaches) return false;
            if (*reaches) broken.insert(rule::consumable_at_or_above_threshold);
        }
        return true;
    }

    /// The item subtotals so far, with the stated G&A and tax; finish() completes them.
    [[nodiscard]] totals subtotals() const {
        totals t;
        for (std::size_t k = 0; k < item_count; ++k) t.items[k] = yen(sums_[k]);
        if (has_stated_ga_) t.general_admin_stated = t.items[static_cast<std::size_t>(item::general_admin)];
        if (has_stated_tax_) t.consumption_tax_stated = t.items[static_cast<std::size_t>(item::consumption_tax)];
        return t;
    }

private:
    fast_pass(const policy& p, std::int64_t out_num, std::int64_t out_den, std::int64_t in_num, std::int64_t in_den,
              std::int64_t threshold) noexcept
        : out_num_(out_num), out_den_(out_den), in_num_(in_num), in_den_(in_den), threshold_(threshold),
          line_rounding_(p.line_rounding), equipment_basis_(p.equipment_basis) {}

    /// unit cost >= threshold on the policy's basis; nullopt when the products overflow.
    [[nodiscard]] std::optional<bool> reaches_threshold(const line_facts& f) const noexcept {
        const auto basis = static_cast<price_basis>(f.basis);
        if (equipment_basis_ == threshold_basis::tax_inclusive && basis == price_basis::exclusive)
            return product_at_least(f.unit_price, in_num_, threshold_, in_den_);
        if (equipment_basis_ == threshold_basis::tax_exclusive && basis == price_basis::inclusive)
            return product_at_least(f.unit_price, out_num_, threshold_, out_den_);
        return f.unit_price >= threshold_;
    }

    std::int64_t out_num_, out_den_;  // 1 / (1 + tax)
    std::int64_t in_num_, in_den_;    // 1 + tax
    std::int64_t threshold_;          // millionths
    rounding line_rounding_;
    threshold_basis equipment_basis_;
    std::array<std::int64_t, item_count> sums_{};
    bool has_stated_ga_ = false, has_stated_tax_ = false;
};

/// How far ahead fast_totals asks for the lines it will read: 4 KiB. The hardware prefetchers
/// stop at a page's end, and the loop's work per line is too long for the processor to run
/// ahead into the next page on its own.
inline constexpr std::size_t prefetch_lines = 4096 / sizeof(line_facts);

/// A line that breaks a line rule, as fast_totals finds it.
struct flagged_line {
    std::size_t index;
    std::int64_t amount;
    rule_set broken;
};

/// Adds a run of facts to `pass`, appending the lines that break a line rule to `flagged` (in
/// the run's order); false when the pass declines.
inline bool add_run(fast_pass& pass, std::span<const line_facts> run, std::vector<flagged_line>& flagged) {
    for (std::size_t i = 0; i < run.size(); ++i) {
        // The address as an integer: near the end it lies past the array, where a pointer may
        // not be formed; a prefetch of any address is harmless.
        __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(run.data()) +
                                                         (i + prefetch_lines) * sizeof(line_facts)));
        std::int64_t amount;
        rule_set broken;
        if (!pass.add(run[i], amount) || !pass.broken_line_rules(run[i], amount, broken)) return false;
        if (!broken.empty()) flagged.push_back({run[i].line, amount, broken});
    }
    return true;
}

/// The fast pass over a stored budget. `visit(index, line, amount, rules)` sees only the lines that
/// break a line rule, with the rules they break, in line order.
/// Returns nullopt (having perhaps visited some lines) whenever the fast pass declines.
///
/// The budget keeps the facts of its inclusive lines apart from the others (budget::facts). The
/// lines go in stretches of 4,096: each run's lines of the stretch are added, the run of others
/// first (the sums come out the same in any order: an order that overflows declines, one that
/// does not adds exactly), and the lines either flags are merged back into line order and
/// visited. A clean budget flags none and allocates nothing.
template <class Visitor>
std::optional<totals> fast_totals(const budget& b, const policy& p, const tax_factors& tax, Visitor&& visit) {
    auto pass = fast_pass::make(p, tax);
    if (!pass) return std::nullopt;
    constexpr std::size_t stretch = 4096;
    const auto runs = b.facts();
    const auto lines = b.lines();
    std::span<const line_facts> others = runs.others, inclusive = runs.inclusive;
    std::vector<flagged_line> flagged;  // of one stretch
    for (std::size_t end = stretch; !others.empty() || !inclusive.empty(); end += stretch) {
        // The facts of lines before `end`: a prefix of each run.
        const auto before_end = [&](std::span<const line_facts> run) {
            const auto stop = std::partition_point(run.begin(), run.end(), [&](const line_facts& f) { return f.line < end; });
            return static_cast<std::size_t>(stop - run.begin());
        };
        const std::size_t other_count = before_end(others), inclusive_count = before_end(inclusive);
        flagged.clear();
        if (!add_run(*pass, others.first(other_count), flagged)) return std::nullopt;
        const auto inclusive_start = static_cast<std::ptrdiff_t>(flagged.size());
        if (!add_run(*pass, inclusive.first(inclusive_count), flagged)) return std::nullopt;
        std::inplace_merge(flagged.begin(), flagged.begin() + inclusive_start, flagged.end(),
                           [](const flagged_line& x, const flagged_line& y) { return x.index < y.index; });
        for (const auto& f : flagged) visit(f.index, lines[f.index], yen(f.amount), f.broken);
        others = others.subspan(other_count);
        inclusive = inclusive.subspan(inclusive_count);
    }
    totals t = pass->subtotals();
    finish(t, b, p);
    return t;
}

}  // namespace detail

/// All figures of the budget under a policy. Throws only for arithmetic that cannot be exact
/// (c3p::overflow_error; c3p::inexact_error under a rounding::never policy).
[[nodiscard]] inline totals compute(const budget& b, const policy& p = fy2025) {
    const detail::tax_factors tax(p);
    const auto ignore = [](std::size_t, const line&, const yen&, rule_set) {};
    if (auto fast = detail::fast_totals(b, p, tax, ignore)) return *fast;
    return detail::exact_totals(b, p, tax, ignore);
}

}  // namespace c3p
