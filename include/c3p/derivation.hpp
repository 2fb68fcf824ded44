// c3p::derivation — how every figure was reached (計算根拠): a list of steps, each naming its
// figure, its exact value, the operation, its operands (other steps, policy values, the terms,
// the input's cells) and the rounding used; and the comparisons the rules made with it. Built
// from a result and what it was computed from; docs/derivation.md.
//
//     const auto d = c3p::derive(budget, c3p::check(budget));
//     std::cout << c3p::format_derivation(d, c3p::language::japanese);
//     d.find("total")->operands;  // pre_tax, consumption_tax
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/checker.hpp"
#include "c3p/detail/line_facts.hpp"
#include "c3p/detail/line_rules.hpp"
#include "c3p/detail/sv_literals.hpp"
#include "c3p/detail/utf8.hpp"
#include "c3p/fiscal_year.hpp"
#include "c3p/language.hpp"
#include "c3p/plan.hpp"
#include "c3p/policy_sources.hpp"
#include "c3p/score.hpp"
#include "c3p/settlement.hpp"

namespace c3p {

/// How a step's value is reached from its operands.
enum class step_operation : std::uint8_t {
    given,       ///< as the input or the caller states it: no operands
    sum,         ///< the operands added (none: 0; one: the same figure under this name)
    difference,  ///< the first operand less the second
    product,     ///< the operands multiplied, then rounded as the step says (if it says)
    quotient,    ///< the first operand divided by the second, then rounded as the step says
    minimum,     ///< the least operand
};

/// Where an operand's value comes from.
enum class operand_source : std::uint8_t {
    step,      ///< the figure of an earlier step (name: its id)
    policy,    ///< a value of the policy (name: its key, docs/policies.md; its source in `derivation::policy`)
    term,      ///< a term of the budget or the request (ga_rate, uplift, cost, reduction, ...)
    input,     ///< a cell of the line or record (unit_price, quantity)
    constant,  ///< a number of the rules themselves (1 in 1 + tax; 4,000 yen a tonne)
};

/// What a value measures, for showing it.
enum class value_unit : std::uint8_t {
    yen,     ///< an amount
    rate,    ///< a fraction: 0.1 is shown 10%
    number,  ///< a count, a quantity, tonnes
};

struct derivation_operand {
    operand_source source = operand_source::step;
    std::string name;
    std::string value;  ///< exact: "231000", "0.1", "10/11"
    value_unit unit = value_unit::yen;
    std::string policy{};  ///< a policy operand: the policy's name (see derivation::policies)
    friend bool operator==(const derivation_operand&, const derivation_operand&) = default;
};

/// A comparison a rule made between the step's value and a limit.
struct derivation_judgement {
    derivation_operand limit;
    std::strong_ordering order = std::strong_ordering::equal;  ///< the value compared with the limit
    friend bool operator==(const derivation_judgement& a, const derivation_judgement& b) {
        return a.limit == b.limit && a.order == b.order;
    }
};

struct derivation_step {
    std::string id;     ///< "line.3.amount", "item.equipment", "total", "fy2026.total", ...
    std::string value;  ///< exact, as operands write it
    value_unit unit = value_unit::yen;
    step_operation operation = step_operation::given;
    std::vector<derivation_operand> operands{};
    std::optional<rounding> rounded{};  ///< product and quotient: the rounding to whole yen
    std::optional<std::size_t> source_line{};  ///< a line's or record's steps: its file line
    std::vector<derivation_judgement> judged{};
    friend bool operator==(const derivation_step&, const derivation_step&) = default;
};

/// Every step of a result's figures, each after the steps it uses, and the policies the policy
/// operands are values of (with the source of each value).
struct derivation {
    std::vector<derivation_step> steps;
    std::vector<sourced_policy> policies;

    [[nodiscard]] const derivation_step* find(std::string_view id) const {
        const auto found = std::find_if(steps.begin(), steps.end(), [&](const derivation_step& s) { return s.id == id; });
        return found == steps.end() ? nullptr : &*found;
    }
    [[nodiscard]] const sourced_policy* policy(std::string_view name) const {
        const auto found = std::find_if(policies.begin(), policies.end(),
                                        [&](const sourced_policy& p) { return p.rules.name == name; });
        return found == policies.end() ? nullptr : &*found;
    }
};

[[nodiscard]] constexpr std::string_view to_string(step_operation op) noexcept {
    switch (op) {
        case step_operation::given: return "given";
        case step_operation::sum: return "sum";
        case step_operation::difference: return "difference";
        case step_operation::product: return "product";
        case step_operation::quotient: return "quotient";
        case step_operation::minimum: return "minimum";
    }
    return "?";
}
[[nodiscard]] constexpr std::string_view to_string(operand_source s) noexcept {
    switch (s) {
        case operand_source::step: return "step";
        case operand_source::policy: return "policy";
        case operand_source::term: return "term";
        case operand_source::input: return "input";
        case operand_source::constant: return "constant";
    }
    return "?";
}
[[nodiscard]] constexpr std::string_view to_string(value_unit u) noexcept {
    return u == value_unit::rate ? "rate" : u == value_unit::number ? "number" : "yen";
}

namespace detail {

/// Appends `n` in decimal digits: a long budget's derivation writes a few a line (its lines'
/// ids, their rows), where std::to_string would make a string of each.
inline void append_number(std::string& out, std::size_t n) {
    std::array<char, 20> digits;  // of the largest std::size_t
    out.append(digits.data(), std::to_chars(digits.data(), digits.data() + digits.size(), n).ptr);
}

/// n/d exactly: a decimal when it has one of at most six places, else "n/d" reduced.
inline std::string rational_text(int256 n, int256 d) {
    if (d < 0) {
        n = -n;
        d = -d;
    }
    const int256 scaled = n * int256(micro);
    if (scaled % d == 0) return to_string(decimal_from_millionths(narrow(scaled / d, "derivation")));
    int256 a = n < 0 ? int256(-n) : n, b = d;
    while (b != 0) {
        const int256 r = a % b;
        a = b;
        b = r;
    }
    return (n / a).str() + "/" + (d / a).str();
}
inline std::string exact_text(const exact_yen& e) {
    const auto& f = exact_yen_access::parts(e);
    return rational_text(int256(f.whole) * int256(f.denominator) + int256(f.remainder), int256(f.denominator));
}

/// The policy values' sources: `given`, else the built-in policy of that name; a value the
/// caller changed (an option such as --settlement-basis) is marked as such.
inline sourced_policy sources_of(const policy& used, const sourced_policy* given) {
    sourced_policy out{used, {}};
    const auto base = given ? std::optional<sourced_policy>(*given) : builtin_sourced_policy(used.name);
    for (const auto& k : policy_keys) {
        if (base && value_text(base->rules, k.key) == value_text(used, k.key))
            out.source(k.key) = base->source(k.key);
        else
            out.source(k.key) = {"set by the caller (a c3p-check option or the program)", "", value_status::assumed};
    }
    return out;
}

/// Builds a derivation; every step's id gets `prefix`.
class derivation_builder {
public:
    derivation_builder(derivation& out, std::string prefix)
        : out_(out), prefix_(std::move(prefix)), index_(std::make_shared<std::unordered_map<std::string, std::size_t>>()) {}
    /// Steps of the same derivation whose ids start with `prefix` ("fy2026.", "contract.").
    derivation_builder(const derivation_builder& parent, std::string prefix)
        : out_(parent.out_), prefix_(std::move(prefix)), index_(parent.index_) {}

    derivation_operand step(std::string_view id) const { return operand_of(out_.steps[index_->at(prefix_ + std::string(id))]); }
    static derivation_operand operand_of(const derivation_step& s) { return {operand_source::step, s.id, s.value, s.unit}; }
    derivation_operand absolute_step(const std::string& id) const {
        const auto& s = out_.steps[index_->at(id)];
        return {operand_source::step, s.id, s.value, s.unit};
    }
    bool has(std::string_view id) const { return index_->count(prefix_ + std::string(id)) != 0; }
    /// The step `id` added before, to add a judgement to.
    derivation_step& at(std::string_view id) { return out_.steps[index_->at(prefix_ + std::string(id))]; }
    static derivation_operand policy_value(const policy& p, policy_key key) {
        const auto kind = info(key).kind;
        std::string value = value_text(p, key);
        value_unit unit = value_unit::number;
        if (kind == policy_value_kind::rate) {
            unit = value_unit::rate;
            value = to_fraction_string(detail::with_field(p, key, [](const auto& field) {
                if constexpr (std::is_same_v<std::remove_cvref_t<decltype(field)>, rate>) return field;
                else return rate{};
            }));
        } else if (kind == policy_value_kind::amount) {
            unit = value_unit::yen;
        }
        return {operand_source::policy, std::string(info(key).name), std::move(value), unit, std::string(p.name)};
    }
    static derivation_operand yen_operand(operand_source source, std::string name, const yen& amount) {
        return {source, std::move(name), to_string(amount), value_unit::yen};
    }
    static derivation_operand rate_operand(operand_source source, std::string name, const rate& r) {
        return {source, std::move(name), to_fraction_string(r), value_unit::rate};
    }
    static derivation_operand number_operand(operand_source source, std::string name, const decimal& d) {
        return {source, std::move(name), to_string(d), value_unit::number};
    }

    derivation_step& add(std::string_view id, std::string value, step_operation op,
                         std::vector<derivation_operand> operands = {}, value_unit unit = value_unit::yen) {
        out_.steps.push_back(make(std::string(id), std::move(value), op, std::move(operands), unit));
        (*index_)[out_.steps.back().id] = out_.steps.size() - 1;
        return out_.steps.back();
    }
    /// A new step, not yet added (for put).
    derivation_step make(std::string id, std::string value, step_operation op,
                         std::vector<derivation_operand> operands = {}, value_unit unit = value_unit::yen) const {
        derivation_step s;
        s.id = prefix_.empty() ? std::move(id) : prefix_ + id;
        s.value = std::move(value);
        s.unit = unit;
        s.operation = op;
        s.operands = std::move(operands);
        return s;
    }
    /// Adds a whole step no other step asks for by id (a line's, a record's: their sums take
    /// them as operands). Where the steps are streamed, it is handed on with those before it
    /// instead of kept; returns it as an operand.
    derivation_operand put(derivation_step&& s) {
        if (!stream_) {
            out_.steps.push_back(std::move(s));
            return operand_of(out_.steps.back());
        }
        flush();
        stream_(s);
        return {operand_source::step, std::move(s.id), std::move(s.value), s.unit};  // the step is let go
    }

    /// Streams the steps: each step is handed to `to` (in order, as the derivation would hold
    /// them) once a line's or a record's step comes after it, or at flush(); the lines' and
    /// records' steps are not kept. A step must not change once handed on: no judgement is made
    /// on the steps before the lines' (the tax factors), and the others are judged before flush().
    void stream_to(std::function<void(const derivation_step&)> to) { stream_ = std::move(to); }
    /// Hands on the kept steps not handed on yet.
    void flush() {
        for (; streamed_ < out_.steps.size(); ++streamed_) stream_(out_.steps[streamed_]);
    }
    derivation_step& add(std::string_view id, const yen& value, step_operation op,
                         std::vector<derivation_operand> operands = {}) {
        return add(id, to_string(value), op, std::move(operands));
    }
    /// A step named `id` for a figure another step already has.
    derivation_step& alias(std::string_view id, std::string_view of) { return add_same(id, step(of)); }
    derivation_step& add_same(std::string_view id, derivation_operand of) {
        std::string value = of.value;
        const auto unit = of.unit;
        return add(id, std::move(value), step_operation::sum, {std::move(of)}, unit);
    }
    static void judge(derivation_step& s, derivation_operand limit, std::strong_ordering order) {
        s.judged.push_back({std::move(limit), order});
    }

private:
    derivation& out_;
    std::string prefix_;
    std::shared_ptr<std::unordered_map<std::string, std::size_t>> index_;  // shared with the builders of prefixes
    std::function<void(const derivation_step&)> stream_{};  // where steps are streamed (stream_to)
    std::size_t streamed_ = 0;                              // the kept steps handed on so far
};

/// A line's (or a record's) amount as step `id`: unit price x quantity (x the tax-exclusive
/// factor `removing` for an inclusive price), rounded as the policy says; worked out as a check
/// does, in 64 bits where `fast` is given and the figures fit, else exactly. Its operand, for the
/// sum of its item.
inline derivation_operand add_line_amount(derivation_builder& d, std::string id, const line& l,
                                          std::optional<std::size_t> source_line, const policy& p,
                                          const tax_factors& tax, const derivation_operand& removing,
                                          const fast_line_rules* fast = nullptr) {
    std::vector<derivation_operand> operands;
    operands.reserve(3);
    operands.push_back(derivation_builder::yen_operand(operand_source::input, "unit_price", l.unit_price));
    operands.push_back(derivation_builder::number_operand(operand_source::input, "quantity", l.quantity.value()));
    if (l.basis == price_basis::inclusive) operands.push_back(removing);
    std::int64_t small = 0;
    const bool fits = fast && fast->amount(make_line_facts(l.item, static_cast<std::uint8_t>(l.basis), l.reason == consumable_reason::none,
                                                           millionths(l.unit_price.value()), millionths(l.quantity.value())),
                                           small);
    auto amount = d.make(std::move(id), fits ? std::to_string(small) : to_string(exact_line_amount(l, p, tax)),
                         step_operation::product, std::move(operands));
    amount.rounded = p.line_rounding;
    amount.source_line = source_line;
    return d.put(std::move(amount));
}

/// The outsourcing share's steps: what counts (`counted`), of what (the pre-tax total, or under
/// the literal reading `literal_base`), the exact limit, and the comparison.
inline void add_outsourcing_share(derivation_builder& d, const outsourcing_share& share, const policy& p,
                                  std::vector<derivation_operand> counted, std::vector<derivation_operand> literal_base) {
    d.add("outsourcing.counted", share.outsourced, step_operation::sum, std::move(counted));
    if (p.outsourcing_of == outsourcing_base::pre_tax_total)
        d.alias("outsourcing.base", "pre_tax");
    else
        d.add("outsourcing.base", share.base, step_operation::sum, std::move(literal_base));
    d.add("outsourcing.limit", exact_text(share.allowed), step_operation::product,
          {d.step("outsourcing.base"), derivation_builder::policy_value(p, policy_key::outsourcing_share)});
    derivation_builder::judge(d.at("outsourcing.counted"), d.step("outsourcing.limit"),
                              exact_yen(share.outsourced) <=> share.allowed);
}

/// What the steps of a line use besides the line: the policy, its tax factors and their steps.
struct line_step_terms {
    const policy& rules;
    tax_factors tax;
    derivation_operand adding, removing, threshold;
    std::optional<fast_line_rules> fast;  ///< the policy's figures in 64 bits, where they fit
};

/// The tax factors' steps, which come before the lines', and what the lines' steps use.
inline line_step_terms derive_tax_factors(derivation_builder& d, const policy& p) {
    const tax_factors tax(p);
    const derivation_operand one{operand_source::constant, "one", "1", value_unit::number};
    d.add("tax.adding", to_fraction_string(tax.adding), step_operation::sum,
          {one, derivation_builder::policy_value(p, policy_key::consumption_tax)}, value_unit::number);
    d.add("tax.removing", to_fraction_string(tax.removing), step_operation::quotient, {one, d.step("tax.adding")},
          value_unit::number);
    return {p, tax, d.step("tax.adding"), d.step("tax.removing"),
            derivation_builder::policy_value(p, policy_key::equipment_threshold), fast_line_rules::make(p, tax)};
}

/// The steps of the line at `index` (from 0) of a budget: its amount, and the unit cost the
/// threshold rules judge. Returns the amount, an operand of its item's sum.
inline derivation_operand derive_line(derivation_builder& d, std::size_t index, const line& l,
                                      std::optional<std::size_t> source_line, const line_step_terms& terms) {
    const policy& p = terms.rules;
    // "line.<index>.<what>" made in one string: a long budget's lines name hundreds of thousands
    // of steps, and joining the parts cost more than working out the amounts.
    const auto id = [&](std::string_view what) {
        std::string text;
        text.reserve(5 + 20 + what.size());  // "line.", the index's digits at most: one allocation
        text += "line."sv;
        append_number(text, index);
        text += what;
        return text;
    };
    auto amount = add_line_amount(d, id(".amount"sv), l, source_line, p, terms.tax, terms.removing,
                                  terms.fast ? &*terms.fast : nullptr);
    if (l.item == item::equipment || (l.item == item::consumables && l.reason == consumable_reason::none)) {
        const rate& factor = threshold_factor(l.basis, p, terms.tax);
        std::vector<derivation_operand> cost{derivation_builder::yen_operand(operand_source::input, "unit_price", l.unit_price)};
        if (factor == terms.tax.adding) cost.push_back(terms.adding);
        if (factor == terms.tax.removing && factor != rate_one) cost.push_back(terms.removing);
        const exact_yen unit_cost = l.unit_price * factor;
        auto judged = d.make(id(".unit_cost"sv), exact_text(unit_cost), step_operation::product, std::move(cost));
        judged.source_line = source_line;
        derivation_builder::judge(judged, terms.threshold, unit_cost <=> p.equipment_threshold);
        d.put(std::move(judged));
    }
    return amount;
}

/// An item's sum of its lines' amounts (`operands`); stated G&A and tax are items the totals do
/// not sum ("item.general_admin.stated").
inline derivation_step& add_item_sum(derivation_builder& d, const check_result& r, const item_info& entry,
                                     std::vector<derivation_operand> operands) {
    const auto& t = r.totals;
    const std::string id = entry.computed ? "item." + std::string(entry.code) + ".stated" : "item." + std::string(entry.code);
    const yen value = entry.id == item::general_admin     ? t.general_admin_stated.value_or(yen{})
                      : entry.id == item::consumption_tax ? t.consumption_tax_stated.value_or(yen{})
                                                          : t.item(entry.id);
    return d.add(id, value, step_operation::sum, std::move(operands));
}

/// The steps after the items' sums of a check: categories and totals; `field_survey`: whether a
/// line of the budget is field survey work (the uplift is then granted up to the maximum).
inline void derive_totals(derivation_builder& d, const check_result& r, bool field_survey) {
    const policy& p = r.policy;
    const auto& t = r.totals;

    for (const auto c : {category::personnel, category::operating, category::joint_implementation}) {
        std::vector<derivation_operand> operands;
        for (const auto& entry : item_table)
            if (entry.category == c && d.has("item." + std::string(entry.code))) operands.push_back(d.step("item." + std::string(entry.code)));
        d.add("category." + std::string(code(c)), t.category(c), step_operation::sum, std::move(operands));
    }
    d.add("direct", t.direct(), step_operation::sum, {d.step("category.personnel"), d.step("category.operating")});
    if (p.general_admin_of == general_admin_base::direct_excluding_outsourcing)
        d.add("general_admin.base", t.general_admin_base, step_operation::difference,
              {d.step("direct"), d.has("item.outsourcing") ? d.step("item.outsourcing")
                                                           : derivation_builder::yen_operand(operand_source::constant, "no_outsourcing", yen{})});
    else
        d.alias("general_admin.base", "direct");
    if (r.terms.general_admin_rate) {
        auto& at_rate = d.add("general_admin.at_rate", t.general_admin_maximum, step_operation::product,
                              {d.step("general_admin.base"),
                               derivation_builder::rate_operand(operand_source::term, "ga_rate", *r.terms.general_admin_rate)});
        at_rate.rounded = p.general_admin_rounding;
    } else {
        d.add("general_admin.at_rate", t.general_admin_maximum, step_operation::given);
    }
    auto& ga = d.alias("general_admin", d.has("item.general_admin.stated") ? "item.general_admin.stated" : "general_admin.at_rate");
    if (d.has("item.general_admin.stated") && r.terms.general_admin_rate)
        derivation_builder::judge(ga, d.step("general_admin.at_rate"), t.general_admin() <=> t.general_admin_maximum);
    d.add("pre_tax", t.pre_tax, step_operation::sum,
          {d.step("direct"), d.step("category.joint_implementation"), d.step("general_admin")});
    auto& tax_step = d.add("consumption_tax", t.consumption_tax(), step_operation::product,
                           {d.step("pre_tax"), derivation_builder::policy_value(p, policy_key::consumption_tax)});
    tax_step.rounded = p.tax_rounding;
    if (d.has("item.consumption_tax.stated"))
        derivation_builder::judge(tax_step, d.step("item.consumption_tax.stated"),
                                  t.consumption_tax() <=> t.consumption_tax_stated.value_or(yen{}));
    d.add("total", t.total, step_operation::sum, {d.step("pre_tax"), d.step("consumption_tax")});

    if (field_survey)
        d.add("uplift.granted", t.granted_uplift, step_operation::minimum,
              {derivation_builder::yen_operand(operand_source::term, "uplift", r.terms.uplift),
               derivation_builder::policy_value(p, policy_key::maximum_uplift)});
    else
        d.add("uplift.granted", t.granted_uplift, step_operation::given);
    d.add("cap", t.cap, step_operation::sum, {derivation_builder::policy_value(p, policy_key::cap), d.step("uplift.granted")});
    d.add("headroom", t.headroom(), step_operation::difference, {d.step("cap"), d.step("total")});
    derivation_builder::judge(d.at("total"), d.step("cap"), t.total <=> t.cap);

    // The outsourcing share: what counts, of what, and the exact limit.
    std::vector<derivation_operand> counted;
    if (d.has("item.outsourcing")) counted.push_back(d.step("item.outsourcing"));
    if (p.outsourcing_counts == outsourcing_numerator::outsourcing_and_joint_implementation)
        counted.push_back(d.step("category.joint_implementation"));
    add_outsourcing_share(d, outsourcing_share_of(t, p), p, std::move(counted),
                          {d.step("category.personnel"), d.step("category.operating"), d.step("general_admin")});
}

/// The steps of a check of `b`: its lines, items, categories and totals (ids as docs/derivation.md).
inline void derive_check(derivation_builder& d, const budget& b, const check_result& r) {
    const auto terms = derive_tax_factors(d, r.policy);
    std::array<std::vector<derivation_operand>, item_count> of_item{};  // each item's lines' amounts
    const auto lines = b.lines();
    for (std::size_t i = 0; i < lines.size(); ++i)
        of_item[static_cast<std::size_t>(lines[i].item)].push_back(derive_line(d, i, lines[i], b.source_line(i), terms));
    for (const auto& entry : item_table)
        if (auto& operands = of_item[static_cast<std::size_t>(entry.id)]; !operands.empty())
            add_item_sum(d, r, entry, std::move(operands));
    derive_totals(d, r, b.has_field_survey());
}

/// The steps of a settlement: the contract's check (ids "contract."), each counted record, the
/// actual and eligible categories, the transfer, the settled G&A and the payment.
inline void derive_settlement(derivation_builder& d, const contract& awarded, std::span<const actual_record> records,
                              const settlement& s, const settle_options& options) {
    const policy& p = s.policy;
    derivation_builder contract_steps(d, "contract.");
    derive_check(contract_steps, awarded.awarded, check(awarded.awarded, p));
    const auto contracted = [&](std::string_view id) { return contract_steps.step(id); };

    // The records that count: those no record rule set aside.
    std::vector<bool> set_aside(records.size(), false);
    for (const auto& v : s.violations)
        if ((v.rule == rule::actual_computed_item || v.rule == rule::actual_outside_fiscal_year) && v.line)
            set_aside[*v.line] = true;
    const tax_factors tax(p);
    std::array<std::vector<derivation_operand>, item_count> of_item{};
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (set_aside[i]) continue;
        const line& l = records[i].line;
        of_item[static_cast<std::size_t>(l.item)].push_back(add_line_amount(
            d, "record." + std::to_string(i) + ".amount", l, records[i].source_line, p, tax, contracted("tax.removing")));
    }
    for (const auto& entry : item_table) {
        auto& operands = of_item[static_cast<std::size_t>(entry.id)];
        if (!operands.empty())
            d.add("actual.item." + std::string(entry.code), s.actual_items[static_cast<std::size_t>(entry.id)],
                  step_operation::sum, std::move(operands));
    }
    for (std::size_t k = 0; k < settling_categories.size(); ++k) {
        std::vector<derivation_operand> operands;
        for (const auto& entry : item_table)
            if (entry.category == settling_categories[k] && d.has("actual.item." + std::string(entry.code)))
                operands.push_back(d.step("actual.item." + std::string(entry.code)));
        d.add("actual.category." + std::string(code(settling_categories[k])), s.categories[k].actual,
              step_operation::sum, std::move(operands));
    }

    // The transfer allowance, and what moved between personnel and operating.
    const auto& personnel = s.categories[0];
    const bool personnel_receives = personnel.actual > personnel.contracted;
    const std::string receiving(code(personnel_receives ? category::personnel : category::operating));
    const std::string giving(code(personnel_receives ? category::operating : category::personnel));
    if (p.transfer_of == transfer_base::direct_total)
        d.add_same("transfer.base", contracted("direct"));
    else
        d.add_same("transfer.base", contracted("category." + receiving));
    auto& allowance = d.add("transfer.allowance", s.transfer_allowance, step_operation::product,
                            {d.step("transfer.base"), derivation_builder::policy_value(p, policy_key::transfer_share)});
    allowance.rounded = rounding::floor;
    const bool per_category = p.settlement == settlement_basis::per_category;
    const auto moved_of = [&](const std::string& c) {
        return s.categories[c == code(category::personnel) ? 0 : 1].moved;
    };
    if (per_category && moved_of(receiving) != yen{}) {
        d.add("transfer.overspend", s.categories[personnel_receives ? 0 : 1].actual - s.categories[personnel_receives ? 0 : 1].contracted,
              step_operation::difference, {d.step("actual.category." + receiving), contracted("category." + receiving)});
        d.add("transfer.underspend", s.categories[personnel_receives ? 1 : 0].contracted - s.categories[personnel_receives ? 1 : 0].actual,
              step_operation::difference, {contracted("category." + giving), d.step("actual.category." + giving)});
        std::vector<derivation_operand> limits{d.step("transfer.overspend"), d.step("transfer.underspend")};
        if (!options.transfers_approved) limits.push_back(d.step("transfer.allowance"));
        d.add("moved." + receiving, moved_of(receiving), step_operation::minimum, std::move(limits));
        d.add("moved." + giving, moved_of(giving), step_operation::difference,
              {derivation_builder::yen_operand(operand_source::constant, "zero", yen{}), d.step("moved." + receiving)});
    } else {
        for (const auto& c : {receiving, giving}) d.add("moved." + c, moved_of(c), step_operation::given);
    }

    for (std::size_t k = 0; k < settling_categories.size(); ++k) {
        const std::string c(code(settling_categories[k]));
        if (per_category) {
            const auto moved = k < 2 ? d.step("moved." + c) : derivation_builder::yen_operand(operand_source::constant, "zero", yen{});
            d.add("allowed." + c, s.categories[k].contracted + s.categories[k].moved, step_operation::sum,
                  {contracted("category." + c), moved});
            d.add("eligible." + c, s.categories[k].eligible, step_operation::minimum,
                  {d.step("actual.category." + c), d.step("allowed." + c)});
        } else {
            d.alias("eligible." + c, "actual.category." + c);
        }
        d.add("unpaid." + c, s.categories[k].unpaid, step_operation::difference,
              {d.step("actual.category." + c), d.step("eligible." + c)});
    }

    // The settled G&A, on the eligible costs, at most the contracted G&A.
    const auto& operating = s.categories[1];
    d.add("eligible.direct", personnel.eligible + operating.eligible, step_operation::sum,
          {d.step("eligible.personnel"), d.step("eligible.operating")});
    const yen outsourced = s.actual_items[static_cast<std::size_t>(item::outsourcing)];
    d.add("outsourcing.eligible", std::min(outsourced, operating.eligible), step_operation::minimum,
          {d.has("actual.item.outsourcing") ? d.step("actual.item.outsourcing")
                                            : derivation_builder::yen_operand(operand_source::constant, "no_outsourcing", yen{}),
           d.step("eligible.operating")});
    const yen eligible_base = general_admin_base_of(personnel.eligible, operating.eligible, std::min(outsourced, operating.eligible), p);
    if (p.general_admin_of == general_admin_base::direct_excluding_outsourcing)
        d.add("general_admin.base", eligible_base, step_operation::difference,
              {d.step("eligible.direct"), d.step("outsourcing.eligible")});
    else
        d.alias("general_admin.base", "eligible.direct");
    if (const auto& agreed = awarded.awarded.general_admin_rate()) {
        auto& at_rate = d.add("general_admin.at_rate", general_admin_on(eligible_base, agreed, p), step_operation::product,
                              {d.step("general_admin.base"), derivation_builder::rate_operand(operand_source::term, "ga_rate", *agreed)});
        at_rate.rounded = p.general_admin_rounding;
    } else {
        d.add("general_admin.at_rate", yen{}, step_operation::given);
    }
    d.add("general_admin.settled", s.general_admin_settled, step_operation::minimum,
          {contracted("general_admin"), d.step("general_admin.at_rate")});
    d.add("pre_tax", s.pre_tax, step_operation::sum,
          {d.step("eligible.personnel"), d.step("eligible.operating"), d.step("eligible.joint_implementation"),
           d.step("general_admin.settled")});
    auto& tax_step = d.add("consumption_tax", s.consumption_tax, step_operation::product,
                           {d.step("pre_tax"), derivation_builder::policy_value(p, policy_key::consumption_tax)});
    tax_step.rounded = p.tax_rounding;
    d.add("total", s.total, step_operation::sum, {d.step("pre_tax"), d.step("consumption_tax")});
    if (awarded.amount)
        d.add("contract_amount", s.contract_amount, step_operation::given);
    else
        d.add_same("contract_amount", contracted("total"));
    derivation_builder::judge(d.at("total"), d.step("contract_amount"), s.total <=> s.contract_amount);
    d.add("payable", s.payable, step_operation::minimum, {d.step("total"), d.step("contract_amount")});
    d.add("returned", s.returned, step_operation::difference, {d.step("contract_amount"), d.step("payable")});

    // The outsourcing share of what is settled: the spending counted against the settled totals.
    std::vector<derivation_operand> counted;
    if (d.has("actual.item.outsourcing")) counted.push_back(d.step("actual.item.outsourcing"));
    if (p.outsourcing_counts == outsourcing_numerator::outsourcing_and_joint_implementation &&
        d.has("actual.item.joint_implementation"))
        counted.push_back(d.step("actual.item.joint_implementation"));
    add_outsourcing_share(d, outsourcing_share_of(settled_totals(s), p), p, std::move(counted),
                          {d.step("eligible.personnel"), d.step("eligible.operating"), d.step("general_admin.settled")});
}

}  // namespace detail

/// How a check's figures were reached, from the budget checked and the result. `sources`: the
/// policy's sources when it was read from a file; by default a built-in policy's.
[[nodiscard]] inline derivation derive(const budget& b, const check_result& r, const sourced_policy* sources = nullptr) {
    derivation out;
    out.policies.push_back(detail::sources_of(r.policy, sources));
    detail::derivation_builder d(out, "");
    detail::derive_check(d, b, r);
    return out;
}

/// The text of format_derivation(derive(b, r, sources), lang), written as the steps are reached
/// rather than from a derivation kept whole: the lines' steps are written and let go, so a long
/// budget is explained in less time and memory.
[[nodiscard]] inline std::string format_derivation(const budget& b, const check_result& r, language lang = language::english,
                                                   const sourced_policy* sources = nullptr);

/// How a settlement's figures were reached, from the contract, the records and the result.
[[nodiscard]] inline derivation derive(const contract& awarded, std::span<const actual_record> records,
                                       const settlement& s, const settle_options& options = {},
                                       const sourced_policy* sources = nullptr) {
    derivation out;
    out.policies.push_back(detail::sources_of(s.policy, sources));
    detail::derivation_builder d(out, "");
    detail::derive_settlement(d, awarded, records, s, options);
    return out;
}

/// How a plan's figures were reached: each year's check (ids "fy2025."), each phase's total and
/// the plan's total.
[[nodiscard]] inline derivation derive(const plan& p, const plan_result& r, const sourced_policy* forced_sources = nullptr) {
    derivation out;
    detail::derivation_builder d(out, "");
    std::vector<derivation_operand> years;
    for (const auto& y : r.years) {
        if (!out.policy(y.policy.name)) out.policies.push_back(detail::sources_of(y.policy, forced_sources));
        const std::string prefix = "fy" + std::to_string(y.fiscal_year) + ".";
        detail::derivation_builder year(d, prefix);
        detail::derive_check(year, p.year_budget(y.fiscal_year), y.result);
        years.push_back(d.absolute_step(prefix + "total"));
    }
    for (const auto& ph : r.phases) {
        std::vector<derivation_operand> of_phase;
        for (const auto& y : r.years)
            if (y.phase == ph.phase) of_phase.push_back(d.absolute_step("fy" + std::to_string(y.fiscal_year) + ".total"));
        d.add("phase." + std::to_string(ph.phase) + ".total", ph.total, step_operation::sum, std::move(of_phase));
    }
    d.add("total", r.total, step_operation::sum, std::move(years));
    return out;
}

/// How a proposal's computed rows were decided: the cost per tonne, and the cost and the
/// reduction compared exactly with each band's bound (never a divided figure, unless the band
/// reading is `rounded`).
[[nodiscard]] inline derivation derive(const proposal& p, const score_options& o = {}) {
    using detail::derivation_builder;
    derivation out;
    derivation_builder d(out, "");
    d.add("cost", p.cost, step_operation::given);
    d.add("reduction", to_string(p.reduction), step_operation::given, {}, value_unit::number);
    const auto band = [](int n, value_unit unit) {
        return derivation_operand{operand_source::constant, "band", std::to_string(n), unit};
    };
    const bool rounded = o.bands == band_reading::rounded;
    if (p.reduction > decimal{}) {
        const rate per = rate::from_decimal(p.reduction).reciprocal();
        d.add("yen_per_tonne", detail::exact_text(p.cost * per), step_operation::quotient, {d.step("cost"), d.step("reduction")});
        for (const int limit : {4000, 5000, 6000, 7000, 8000}) {
            if (rounded) {
                if (!d.has("yen_per_tonne.rounded")) {
                    d.add("yen_per_tonne.rounded", (p.cost * per).round(o.rounding_mode), step_operation::quotient,
                          {d.step("cost"), d.step("reduction")})
                        .rounded = o.rounding_mode;
                }
                derivation_builder::judge(d.at("yen_per_tonne.rounded"), band(limit, value_unit::yen),
                                          (p.cost * per).round(o.rounding_mode) <=> yen(limit));
            } else {
                const std::string id = "cost_effectiveness.bound." + std::to_string(limit);
                const exact_yen bound = yen(limit) * quantity(p.reduction);
                d.add(id, detail::exact_text(bound), step_operation::product, {band(limit, value_unit::yen), d.step("reduction")});
                derivation_builder::judge(d.at("cost"), d.step(id), exact_yen(p.cost) <=> bound);
            }
        }
    }
    const yen tonnes(p.reduction);
    if (rounded)
        d.add("reduction.rounded", exact_yen(tonnes).round(o.rounding_mode).value() == decimal{} ? "0"
                                   : to_string(exact_yen(tonnes).round(o.rounding_mode).value()),
              step_operation::quotient, {d.step("reduction"), band(1, value_unit::number)}, value_unit::number)
            .rounded = o.rounding_mode;
    const yen judged_tonnes = rounded ? exact_yen(tonnes).round(o.rounding_mode) : tonnes;
    for (const int floor : {100000, 50000, 10000, 5000, 1000})
        derivation_builder::judge(d.at(rounded ? "reduction.rounded" : "reduction"), band(floor, value_unit::number),
                                  judged_tonnes <=> yen(floor));
    return out;
}

/// The ids of the steps behind a violation's figures (its actual and its limit), in a derivation
/// of the result it belongs to; `prefix` for a plan year's ("fy2026."), `line_stem` "record."
/// for a settlement's records (whose unit costs are not steps: ask the derivation which ids it
/// has). Empty for a rule whose figures are not derived (line.negative_amount,
/// input.summary_row, budget.empty, the plan rules, the records set aside). For a violation of
/// a check, every id is a step of the check's derivation (tests/derivation_test.cpp): c3p-check
/// writes a long file's violations with their steps before it explains the lines.
[[nodiscard]] inline std::vector<std::string> steps_behind(const violation& v, std::string_view prefix = {},
                                                           std::string_view line_stem = "line.") {
    const std::string p(prefix);
    const auto line = [&](std::string_view what) {
        return p + std::string(line_stem) + std::to_string(v.line.value_or(0)) + "." + std::string(what);
    };
    const std::string category = v.category ? std::string(code(*v.category)) : std::string();
    switch (v.rule) {
        case rule::line_zero_amount:
        case rule::equipment_needs_approval: return {line("amount")};
        case rule::equipment_below_threshold:
        case rule::consumable_at_or_above_threshold: return {line("unit_cost")};
        case rule::general_admin_over_rate: return {p + "general_admin", p + "general_admin.at_rate"};
        case rule::general_admin_rate_missing: return {p + "item.general_admin.stated"};
        case rule::consumption_tax_mismatch: return {p + "item.consumption_tax.stated", p + "consumption_tax"};
        case rule::outsourcing_over_half: return {p + "outsourcing.counted", p + "outsourcing.limit"};
        case rule::uplift_over_maximum:
        case rule::uplift_without_field_survey: return {p + "uplift.granted"};
        case rule::cap_exceeded: return {p + "total", p + "cap"};
        case rule::general_admin_not_claimed: return {p + "general_admin.base"};
        case rule::transfer_needs_approval: return {p + "moved." + category, p + "transfer.allowance"};
        case rule::settlement_overspent: return {p + "actual.category." + category, p + "eligible." + category};
        case rule::settlement_over_contract: return {p + "total", p + "contract_amount"};
        case rule::actual_item_not_in_contract: return {p + "actual.item." + std::string(v.item ? code(*v.item) : "")};
        default: return {};
    }
}

// ---- for people ------------------------------------------------------------------------------

namespace detail {

struct figure_label {
    std::string_view id, english, japanese;
};

inline constexpr figure_label figure_labels[] = {
    {"tax.adding"sv, "tax-inclusive factor"sv, "税込係数"sv},
    {"tax.removing"sv, "tax-exclusive factor"sv, "税抜係数"sv},
    {"direct"sv, "direct costs (personnel + operating)"sv, "直接経費（人件費 + 業務費）"sv},
    {"general_admin.base"sv, "G&A base"sv, "一般管理費の算定基礎"sv},
    {"general_admin.at_rate"sv, "G&A at the agreed rate"sv, "一般管理費率による額"sv},
    {"general_admin"sv, "G&A"sv, "一般管理費"sv},
    {"general_admin.settled"sv, "settled G&A"sv, "精算の一般管理費"sv},
    {"pre_tax"sv, "pre-tax total"sv, "税抜合計"sv},
    {"consumption_tax"sv, "consumption tax"sv, "消費税"sv},
    {"total"sv, "total (tax included)"sv, "合計（税込）"sv},
    {"uplift.granted"sv, "granted uplift"sv, "認められる増額"sv},
    {"cap"sv, "cap"sv, "上限額"sv},
    {"headroom"sv, "headroom"sv, "上限までの残額"sv},
    {"outsourcing.counted"sv, "outsourcing counted"sv, "外注費（割合の分子）"sv},
    {"outsourcing.base"sv, "outsourcing share's base"sv, "外注費の割合の分母"sv},
    {"outsourcing.limit"sv, "outsourcing limit"sv, "外注費の上限"sv},
    {"outsourcing.eligible"sv, "eligible outsourcing"sv, "精算対象の外注費"sv},
    {"transfer.base"sv, "transfer base"sv, "流用割合の基礎"sv},
    {"transfer.allowance"sv, "transfer allowance"sv, "承認なしで流用できる額"sv},
    {"transfer.overspend"sv, "overspend of the receiving category"sv, "流用先の超過額"sv},
    {"transfer.underspend"sv, "underspend of the giving category"sv, "流用元の残額"sv},
    {"eligible.direct"sv, "eligible direct costs"sv, "精算対象の直接経費"sv},
    {"contract_amount"sv, "contract amount"sv, "契約額"sv},
    {"payable"sv, "payable"sv, "支払額"sv},
    {"returned"sv, "returned"sv, "返還額"sv},
    {"cost"sv, "cost"sv, "事業費"sv},
    {"reduction"sv, "GHG reduction (t-CO2 a year)"sv, "温室効果ガス削減量（t-CO2/年）"sv},
    {"reduction.rounded"sv, "GHG reduction, rounded"sv, "温室効果ガス削減量（丸め）"sv},
    {"yen_per_tonne"sv, "cost per tonne"sv, "1トン当たりの費用"sv},
    {"yen_per_tonne.rounded"sv, "cost per tonne, rounded"sv, "1トン当たりの費用（丸め）"sv},
};

/// Appends a value for people: amounts and numbers grouped, rates as percentages where they
/// are one, fractions as they are.
inline void append_value_for_people(std::string& out, std::string_view value, value_unit unit) {
    // A decimal's canonical text, as steps hold it (no leading zero, at most six places, no
    // trailing zero), is grouped as it stands: a long budget's derivation writes a few a line.
    const auto digits_from = [&](std::size_t i) {
        while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
        return i;
    };
    const std::size_t whole_begin = value.starts_with('-') ? 1 : 0, whole_end = digits_from(whole_begin);
    const std::size_t whole = whole_end - whole_begin, fraction = value.size() - std::min(value.size(), whole_end + 1);
    const bool negative_zero = whole_begin == 1 && whole == 1 && value[1] == '0' && whole_end == value.size();
    const bool canonical = unit != value_unit::rate && value.size() <= 40 && whole != 0 && (whole == 1 || value[whole_begin] != '0') && !negative_zero &&
                           (whole_end == value.size() || (value[whole_end] == '.' && fraction != 0 && fraction <= fraction_digits &&
                                                          digits_from(whole_end + 1) == value.size() && value.back() != '0'));
    if (canonical) {  // at most 40 bytes and 13 commas
        const std::size_t first_group = (whole - 1) % 3 + 1;
        char text[64];
        char* to = text;
        const char* from = value.data();
        to = std::copy(from, from + whole_begin + first_group, to);  // the sign and the first group
        for (from += whole_begin + first_group; from != value.data() + whole_end; from += 3) {
            *to++ = ',';
            to = std::copy(from, from + 3, to);
        }
        to = std::copy(from, value.data() + value.size(), to);  // the point and the fraction
        out.append(text, static_cast<std::size_t>(to - text));
        return;
    }
    const auto parsed = decimal::try_parse(value);  // a fraction ("10/11") is not a decimal
    if (!parsed)
        out.append(value);
    else if (unit == value_unit::rate)
        out += to_string(rate::from_decimal(parsed.value));
    else
        append_to(out, parsed.value, {.grouping = true});
}
inline std::string value_for_people(std::string_view value, value_unit unit) {
    std::string out;
    append_value_for_people(out, value, unit);
    return out;
}

/// Appends the name of a line's or a record's figure: "line 3 (row 4) amount", "明細3（4行目）の金額";
/// `index` counts from 0, the name from 1.
inline void append_row_label(std::string& out, std::size_t index, std::optional<std::size_t> source_line, bool ja,
                             std::string_view kind_en, std::string_view kind_ja, std::string_view what_en,
                             std::string_view what_ja) {
    out += ja ? kind_ja : kind_en;
    if (!ja) out += ' ';
    append_number(out, index + 1);
    if (source_line) {
        out += ja ? "（"sv : " (row "sv;
        append_number(out, *source_line);
        out += ja ? "行目）"sv : ")"sv;
    }
    if (!ja) out += ' ';
    out += ja ? what_ja : what_en;
}

// Comparisons with a few bytes of text, byte by byte: inlined, where std::string_view's call
// memcmp, and a long budget's derivation makes several a line.
constexpr bool equals_short(std::string_view s, std::string_view text) noexcept {
    if (s.size() != text.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (s[i] != text[i]) return false;
    return true;
}
constexpr bool starts_with_short(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && equals_short(s.substr(0, prefix.size()), prefix);
}
constexpr bool ends_with_short(std::string_view s, std::string_view suffix) noexcept {
    return s.size() >= suffix.size() && equals_short(s.substr(s.size() - suffix.size()), suffix);
}

/// The label of a figure of the check itself ("total", "tax.adding"), or none.
inline const figure_label* find_figure_label(std::string_view id) noexcept {
    const auto found = std::find_if(std::begin(figure_labels), std::end(figure_labels),
                                    [&](const figure_label& l) { return equals_short(l.id, id); });
    return found == std::end(figure_labels) ? nullptr : found;
}

/// Appends the name of a line's or a record's step ("line.3.amount": "line 4 (row 5) amount");
/// false, appending nothing, for any other id.
inline bool append_row_step_label(std::string& out, std::string_view id, std::optional<std::size_t> source_line, bool ja) {
    struct row_step {
        std::string_view stem, what, kind_en, kind_ja, what_en, what_ja;
    };
    static constexpr row_step row_steps[] = {
        {"line."sv, ".amount"sv, "line"sv, "明細"sv, "amount"sv, "の金額"sv},
        {"line."sv, ".unit_cost"sv, "line"sv, "明細"sv, "unit cost judged against the threshold"sv,
         "の単価（基準額と比較）"sv},
        {"record."sv, ".amount"sv, "record"sv, "支出"sv, "amount"sv, "の金額"sv},
    };
    for (const auto& r : row_steps) {
        if (id.size() <= r.stem.size() + r.what.size() || !starts_with_short(id, r.stem) || !ends_with_short(id, r.what))
            continue;
        const std::string_view digits = id.substr(r.stem.size(), id.size() - r.stem.size() - r.what.size());
        std::size_t index = 0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
        if (error != std::errc{} || end != digits.data() + digits.size()) return false;
        append_row_label(out, index, source_line, ja, r.kind_en, r.kind_ja, r.what_en, r.what_ja);
        return true;
    }
    return false;
}

/// A figure's name for people, from its id.
inline std::string step_label(std::string_view id, std::optional<std::size_t> source_line, bool ja) {
    std::string prefix;
    if (id.starts_with("fy") && id.find('.') != std::string_view::npos) {
        const int fy = std::atoi(std::string(id.substr(2, id.find('.') - 2)).c_str());
        prefix = fiscal_year_label(fy, ja ? language::japanese : language::english) + (ja ? "　" : " ");
        id.remove_prefix(id.find('.') + 1);
    } else if (id.starts_with("contract.")) {
        prefix = ja ? "契約　" : "contract: ";
        id.remove_prefix(9);
    }
    if (const auto* l = find_figure_label(id)) return prefix + std::string(ja ? l->japanese : l->english);
    const auto part = [&](std::size_t k) {
        std::size_t start = 0;
        for (std::size_t i = 0; i < k; ++i) start = id.find('.', start) + 1;
        return id.substr(start, id.find('.', start) - start);
    };
    const auto named_item = [&](std::string_view c) -> std::string {
        const auto found = find_item(c);
        return found ? std::string(ja ? info(*found).japanese : info(*found).english) : std::string(c);
    };
    const auto named_category = [&](std::string_view c) -> std::string {
        for (const auto& e : category_table)
            if (e.code == c) return std::string(ja ? e.japanese : e.english);
        return std::string(c);
    };
    if (std::string label = prefix; append_row_step_label(label, id, source_line, ja)) return label;
    if (id.starts_with("item.")) {
        const bool stated = id.ends_with(".stated");
        return prefix + named_item(part(1)) + (stated ? (ja ? "（計上額）" : " stated") : "");
    }
    if (id.starts_with("actual.item.")) return prefix + named_item(part(2)) + (ja ? "の実績" : " spent");
    if (id.starts_with("category.")) return prefix + named_category(part(1)) + (ja ? "（区分計）" : " (category)");
    if (id.starts_with("phase.")) return ja ? "フェーズ" + std::string(part(1)) + "の合計" : "phase " + std::string(part(1)) + " total";
    if (id.starts_with("cost_effectiveness.bound."))
    {
        const std::string per_tonne = value_for_people(part(2), value_unit::yen);
        return ja ? "1トン当たり" + per_tonne + "円の上限" : "bound at " + per_tonne + " yen a tonne";
    }
    struct per_category {
        std::string_view stem, english, japanese;
    };
    constexpr per_category per_category_labels[] = {
        {"actual.category."sv, " spent"sv, "の実績"sv},
        {"eligible."sv, " eligible"sv, "の精算対象額"sv},
        {"moved."sv, " moved"sv, "の流用額"sv},
        {"allowed."sv, " allowed (contracted + moved)"sv, "の契約額 + 流用額"sv},
        {"unpaid."sv, " unpaid"sv, "の不支給額"sv}};
    for (const auto& l : per_category_labels)
        if (id.starts_with(l.stem))
            return prefix + named_category(id.substr(l.stem.size())) + std::string(ja ? l.japanese : l.english);
    return prefix + std::string(id);
}

/// Appends the name of the step `id`: a line's, a record's or a figure's of the check itself
/// at once (a long budget's derivation names hundreds of thousands), any other through step_label.
inline void append_step_label(std::string& out, std::string_view id, std::optional<std::size_t> source_line, bool ja) {
    if (append_row_step_label(out, id, source_line, ja)) return;
    if (const auto* l = find_figure_label(id)) {
        out += ja ? l->japanese : l->english;
        return;
    }
    out += step_label(id, source_line, ja);
}

/// Appends an operand for people: its name, its value (and a policy value's policy). A step is
/// named without its row: the row is on that step's own line.
inline void append_operand_for_people(std::string& out, const derivation_operand& o, bool ja) {
    const auto named = [&](std::string_view label) {
        out += label;
        out += ' ';
    };
    switch (o.source) {
        case operand_source::step: append_step_label(out, o.name, std::nullopt, ja); out += ' '; break;
        case operand_source::policy: {
            const auto key = policy_key_from_string(o.name);
            named(key ? (ja ? info(*key).japanese : info(*key).english) : std::string_view(o.name));
            break;
        }
        case operand_source::term: {
            constexpr figure_label terms[] = {{"ga_rate"sv, "agreed G&A rate"sv, "一般管理費率"sv},
                                              {"uplift"sv, "requested uplift"sv, "申請された増額"sv}};
            const auto found = std::find_if(std::begin(terms), std::end(terms), [&](const figure_label& t) { return t.id == o.name; });
            named(found == std::end(terms) ? std::string_view(o.name) : ja ? found->japanese : found->english);
            break;
        }
        case operand_source::input:
            named(equals_short(o.name, "unit_price") ? (ja ? "単価"sv : "unit price"sv)
                  : equals_short(o.name, "quantity")   ? (ja ? "数量"sv : "quantity"sv)
                                                       : std::string_view(o.name));
            break;
        case operand_source::constant: break;
    }
    append_value_for_people(out, o.value, o.unit);
    if (o.source == operand_source::policy) {
        out += ja ? "［規則 "sv : " [policy "sv;
        out += o.policy;
        out += ja ? "］"sv : "]"sv;
    }
}

/// Hands `write` the texts of a step's operands written in parts (operand_texts of a writer's
/// step), the empty ones skipped, `joiner` between the others.
template <class Write>
void write_operand_texts(std::span<const std::string_view> operand_texts, std::string_view joiner, Write&& write) {
    bool first = true;
    for (const auto text : operand_texts) {
        if (text.empty()) continue;
        if (!first) write(joiner);
        write(text);
        first = false;
    }
}

inline std::string_view rounding_for_people(rounding mode, bool ja) {
    switch (mode) {
        case rounding::floor: return ja ? "円未満切り捨て" : "rounded down to the yen";
        case rounding::ceiling: return ja ? "円未満切り上げ" : "rounded up to the yen";
        case rounding::truncate: return ja ? "円未満切り捨て（0 の方向）" : "truncated to the yen";
        case rounding::half_up: return ja ? "円未満四捨五入" : "rounded half up to the yen";
        case rounding::half_even: return ja ? "円未満偶数丸め" : "rounded half to even";
        case rounding::never: return ja ? "端数なし" : "whole, no rounding";
    }
    return "?";
}

}  // namespace detail

/// Writes a derivation as text: one line a step, "figure value = how", then the sources of the
/// policy values the steps used. Steps may be written in parts by several writers (a long
/// budget's lines on several threads, in order), whose uses are then joined (add_uses_of) before
/// the sources are written. format_derivation writes a whole derivation with one.
class derivation_writer {
public:
    explicit derivation_writer(language lang = language::english) noexcept : ja_(lang == language::japanese) {}
    /// About what a line's steps take, to make room for a part's.
    static constexpr std::size_t bytes_per_line = 128;

    /// "Derivation (計算根拠)", or "計算根拠", and a line end.
    void heading(std::string& out) const {
        out += ja_ ? "計算根拠\n"sv : "Derivation (計算根拠)\n"sv;
    }

    /// The line of step `s`.
    void step(std::string& out, const derivation_step& s) {
        begin(out, s, s.operands.empty());
        for (std::size_t i = 0; i < s.operands.size(); ++i) {
            if (i > 0) out += joiner(s.operation);
            operand(out, s.operands[i]);
        }
        end(out, s);
    }
    /// The line of step `s` whose operands were written elsewhere, by operand() joined by
    /// joiner(), into `operand_texts` (empty ones skipped), rather than held by the step: a long
    /// budget's items' sums, whose operands are its lines' amounts, written in parts. The line up
    /// to its operands is appended to `out`, which is then handed to `write` and cleared; the
    /// operands' texts are handed to `write` as they stand (they are megabytes); the rest of the
    /// line is appended to `out`.
    template <class Write>
    void step(std::string& out, const derivation_step& s, std::span<const std::string_view> operand_texts, Write&& write) {
        begin(out, s, std::all_of(operand_texts.begin(), operand_texts.end(), [](std::string_view t) { return t.empty(); }));
        write(std::string_view(out));
        out.clear();
        detail::write_operand_texts(operand_texts, joiner(s.operation), write);
        end(out, s);
    }
    /// An operand as a step's line names it.
    void operand(std::string& out, const derivation_operand& o) {
        use(o);
        detail::append_operand_for_people(out, o, ja_);
    }
    /// What stands between two operands of `operation`.
    [[nodiscard]] std::string_view joiner(step_operation operation) const noexcept {
        switch (operation) {
            case step_operation::difference: return " - ";
            case step_operation::product: return " × ";
            case step_operation::quotient: return " ÷ ";
            case step_operation::minimum: return ja_ ? "、" : ", ";
            default: return " + ";
        }
    }

    /// Counts the policy values `other` wrote as used here too.
    void add_uses_of(const derivation_writer& other) {
        for (const auto& [name, key] : other.policy_values_) use_policy_value(name, key);
    }

    /// The sources of the policy values used, each once, by policy and key (none: nothing).
    void sources(std::string& out, std::span<const sourced_policy> policies) const {
        if (policy_values_.empty()) return;
        out += ja_ ? "規則の値の出典:\n"sv : "Sources of the policy values:\n"sv;
        const std::string_view comma = ja_ ? "、" : ", ";
        for (const auto& used : policy_values_) {
            const auto& [name, key] = used;
            const auto p = std::find_if(policies.begin(), policies.end(),
                                        [&](const sourced_policy& s) { return s.rules.name == used.first; });
            const auto k = policy_key_from_string(key);
            if (p == policies.end() || !k) continue;
            const auto& src = p->source(*k);
            out += "  " + name + " " + key + " " + value_text(p->rules, *k) + ": ";
            out += ja_ ? (src.status == value_status::confirmed ? "確認済み" : "推定") : to_string(src.status);
            out += comma;
            out += src.document;
            if (!src.place.empty()) out += std::string(comma) + src.place;
            out += '\n';
        }
    }

private:
    // The step's figure, its value, and how it is reached up to the operands.
    void begin(std::string& out, const derivation_step& s, bool no_operands) const {
        using namespace detail;
        out += "  "sv;
        append_step_label(out, s.id, s.source_line, ja_);
        out += ' ';
        append_value_for_people(out, s.value, s.unit);
        out += " = "sv;
        if (s.operation == step_operation::given) out += ja_ ? "入力・条件のとおり"sv : "as given"sv;
        if (s.operation == step_operation::minimum) out += ja_ ? "次の小さい方: "sv : "the least of "sv;
        if (s.operation == step_operation::sum && no_operands) out += '0';
    }
    // After the operands: the rounding, the comparisons, the line's end.
    void end(std::string& out, const derivation_step& s) {
        if (s.rounded) {
            out += ja_ ? "（"sv : ", "sv;
            out += detail::rounding_for_people(*s.rounded, ja_);
            if (ja_) out += "）"sv;
        }
        for (const auto& j : s.judged) {
            use(j.limit);
            const std::string_view order = ja_ ? (j.order < 0 ? " 未満" : j.order > 0 ? " を超える" : " と等しい")
                                               : (j.order < 0 ? "below " : j.order > 0 ? "above " : "equal to ");
            out += ja_ ? "。"sv : "; "sv;
            if (!ja_) out += order;
            detail::append_operand_for_people(out, j.limit, ja_);
            if (ja_) out += order;
        }
        out += '\n';
    }
    void use(const derivation_operand& o) {
        if (o.source == operand_source::policy) use_policy_value(o.policy, o.name);
    }
    // Kept sorted and each once: a long budget's lines use the same few values again and again.
    void use_policy_value(std::string_view name, std::string_view key) {
        const auto less = [](const std::pair<std::string, std::string>& a, std::pair<std::string_view, std::string_view> b) {
            return std::pair<std::string_view, std::string_view>(a.first, a.second) < b;
        };
        const std::pair<std::string_view, std::string_view> wanted(name, key);
        const auto at = std::lower_bound(policy_values_.begin(), policy_values_.end(), wanted, less);
        if (at == policy_values_.end() || std::pair<std::string_view, std::string_view>(at->first, at->second) != wanted)
            policy_values_.emplace(at, std::string(name), std::string(key));
    }

    bool ja_;
    std::vector<std::pair<std::string, std::string>> policy_values_;  // (policy, key), sorted
};

/// The derivation as text: one line a step, "figure value = how", then the sources of the
/// policy values used (derivation_writer).
[[nodiscard]] inline std::string format_derivation(const derivation& d, language lang = language::english) {
    derivation_writer writer(lang);
    std::string out;
    writer.heading(out);
    for (const auto& s : d.steps) writer.step(out, s);
    writer.sources(out, d.policies);
    return out;
}

/// Some of a budget's lines, in order, for writing its derivation in parts.
struct lines_part {
    std::span<const line> lines;
    std::span<const std::size_t> source_lines{};  ///< each line's file line; 0, or none given: not known
    std::size_t first_index = 0;                  ///< the index in the budget of the part's first line
    std::size_t source_line_offset = 0;           ///< added to each file line known
};

/// A check's derivation written in parts by a `Writer`: the text before the lines' steps, the
/// steps of each part of the lines (several parts at once on several threads, if the caller
/// likes: the library starts none), and the text after them, which gathers the items' sums from
/// the parts. c3p-check explains a long file so, a part for each piece it reads on its threads.
/// check_derivation_text writes format_derivation's text; check_derivation_json (c3p/json.hpp)
/// the "derivation" and "policy_sources" members of format_json's document.
///
///     c3p::check_derivation_text text(result.policy, c3p::language::japanese);
///     auto lines = text.lines({budget.lines()});
///     std::cout << text.head() << lines.text << text.rest(result, std::span(&lines, 1), budget.has_field_survey());
///
/// A Writer has derivation_writer's members: bytes_per_line, heading, step (whole, and with its
/// operands written elsewhere), operand, joiner, add_uses_of and sources.
template <class Writer>
class basic_check_derivation {
public:
    /// A part's lines' steps as text, and what the steps after them take from it.
    struct lines_text {
        std::string text;
        std::array<std::string, item_count> item_sums{};  ///< each item's operands its lines add, joined
        Writer writer;                                     ///< the policy values they used
    };

    /// For a check under `rules`: the lines' steps need only the policy, so that they may be
    /// written before the check is done.
    basic_check_derivation(const policy& rules, language lang, const sourced_policy* sources = nullptr)
        : rules_(rules), lang_(lang), writer_(lang), builder_(kept_, "") {
        kept_.policies.push_back(detail::sources_of(rules_, sources));
        writer_.heading(head_);
        builder_.stream_to([this](const derivation_step& s) { write_kept(s); });
        terms_.emplace(detail::derive_tax_factors(builder_, rules_));
        builder_.flush();
    }
    basic_check_derivation(const basic_check_derivation&) = delete;  // the builder refers to kept_
    basic_check_derivation& operator=(const basic_check_derivation&) = delete;

    /// The heading and the steps before the lines' (the tax factors).
    [[nodiscard]] const std::string& head() const noexcept { return head_; }

    /// The steps of `part`'s lines, after `text`. May be called for several parts at once.
    [[nodiscard]] lines_text lines(const lines_part& part, std::string text = {}) const {
        lines_text out{std::move(text), {}, Writer(lang_)};
        out.text.reserve(out.text.size() + part.lines.size() * Writer::bytes_per_line);
        derivation scratch;  // stays empty: a line's steps are streamed
        detail::derivation_builder lines(scratch, "");
        lines.stream_to([&](const derivation_step& s) { out.writer.step(out.text, s); });
        for (std::size_t i = 0; i < part.lines.size(); ++i) {
            const std::size_t file_line = i < part.source_lines.size() ? part.source_lines[i] : 0;
            const auto amount = detail::derive_line(
                lines, part.first_index + i, part.lines[i],
                file_line == 0 ? std::nullopt : std::optional<std::size_t>(file_line + part.source_line_offset), *terms_);
            std::string& sum = out.item_sums[static_cast<std::size_t>(part.lines[i].item)];
            if (!sum.empty()) sum += out.writer.joiner(step_operation::sum);
            out.writer.operand(sum, amount);
        }
        return out;
    }

    /// The steps after the lines', from the check `r` of the lines under the policy given: the
    /// items' sums, whose operands `parts` (every part, in order; their text may be gone) wrote,
    /// the categories and totals, and the sources of the policy values used. `field_survey`:
    /// whether a line is field survey work. Once.
    [[nodiscard]] std::string rest(const check_result& r, std::span<const lines_text> parts, bool field_survey) {
        std::string out;
        rest(r, parts, field_survey, [&](std::string_view text) { out += text; });
        return out;
    }
    /// The same text handed to `write` piece by piece, in order (the items' sums' operands as
    /// the parts wrote them, without a copy).
    template <class Write>
    void rest(const check_result& r, std::span<const lines_text> parts, bool field_survey, Write&& write) {
        std::string out;
        write_ = [&](std::string_view text) { write(text); };
        for (const auto& part : parts) writer_.add_uses_of(part.writer);
        for (const auto& entry : item_table) {
            const auto k = static_cast<std::size_t>(entry.id);
            for (const auto& part : parts) item_sums_[k].push_back(part.item_sums[k]);
            if (std::any_of(item_sums_[k].begin(), item_sums_[k].end(), [](std::string_view t) { return !t.empty(); }))
                item_ids_[k] = detail::add_item_sum(builder_, r, entry, {}).id;
        }
        out_ = &out;
        detail::derive_totals(builder_, r, field_survey);
        builder_.flush();
        writer_.sources(out, kept_.policies);
        write(std::string_view(out));
        write_ = nullptr;
    }

private:
    // A step other steps ask for, once those after it are added; an item's sum with the
    // operands the parts wrote.
    void write_kept(const derivation_step& s) {
        const auto item = std::find(item_ids_.begin(), item_ids_.end(), s.id);
        if (s.id.empty() || item == item_ids_.end())
            writer_.step(*out_, s);
        else
            writer_.step(*out_, s, item_sums_[static_cast<std::size_t>(item - item_ids_.begin())], write_);
    }

    policy rules_;
    language lang_;
    derivation kept_;  // the steps other steps ask for, and the policy's sources
    Writer writer_;
    detail::derivation_builder builder_;
    std::string head_;
    std::string* out_ = &head_;                                          // where write_kept writes
    std::function<void(std::string_view)> write_{};                      // where rest() hands its text on
    std::optional<detail::line_step_terms> terms_;                       // what the lines' steps use
    std::array<std::string, item_count> item_ids_{};                     // the items' sums' ids, once added
    std::array<std::vector<std::string_view>, item_count> item_sums_{};  // their operands, a text a part
};

/// The text of a check's derivation, in parts (format_derivation's).
using check_derivation_text = basic_check_derivation<derivation_writer>;

inline std::string format_derivation(const budget& b, const check_result& r, language lang, const sourced_policy* sources) {
    check_derivation_text text(r.policy, lang, sources);
    auto lines = text.lines({b.lines(), detail::budget_access::source_lines(b)}, text.head());
    std::string out = std::move(lines.text);
    out += text.rest(r, std::span(&lines, 1), b.has_field_survey());
    return out;
}

}  // namespace c3p
