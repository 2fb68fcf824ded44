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
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/checker.hpp"
#include "c3p/fiscal_year.hpp"
#include "c3p/language.hpp"
#include "c3p/plan.hpp"
#include "c3p/policy_sources.hpp"
#include "c3p/score.hpp"
#include "c3p/settlement.hpp"
#include "c3p/detail/utf8.hpp"

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
        auto& s = add_unnamed(id, std::move(value), op, std::move(operands), unit);
        (*index_)[s.id] = out_.steps.size() - 1;
        return s;
    }
    /// A step no other step asks for by id (a line's, a record's: their sums take them as added).
    derivation_step& add_unnamed(std::string_view id, std::string value, step_operation op,
                                 std::vector<derivation_operand> operands = {}, value_unit unit = value_unit::yen) {
        derivation_step s;
        s.id = prefix_ + std::string(id);
        s.value = std::move(value);
        s.unit = unit;
        s.operation = op;
        s.operands = std::move(operands);
        out_.steps.push_back(std::move(s));
        return out_.steps.back();
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
};

/// A line's (or a record's) amount as step `id`: unit price x quantity (x the tax-exclusive
/// factor `removing` for an inclusive price), rounded as the policy says. Its operand, for the sum
/// of its item.
inline derivation_operand add_line_amount(derivation_builder& d, const std::string& id, const line& l,
                                          std::optional<std::size_t> source_line, const policy& p,
                                          const tax_factors& tax, const derivation_operand& removing) {
    std::vector<derivation_operand> operands{derivation_builder::yen_operand(operand_source::input, "unit_price", l.unit_price),
                                             derivation_builder::number_operand(operand_source::input, "quantity", l.quantity.value())};
    if (l.basis == price_basis::inclusive) operands.push_back(removing);
    auto& amount = d.add_unnamed(id, to_string(exact_line_amount(l, p, tax)), step_operation::product, std::move(operands));
    amount.rounded = p.line_rounding;
    amount.source_line = source_line;
    return derivation_builder::operand_of(amount);
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

/// The steps of a check of `b`: its lines, items, categories and totals (ids as docs/derivation.md).
inline void derive_check(derivation_builder& d, const budget& b, const check_result& r) {
    const policy& p = r.policy;
    const tax_factors tax(p);
    const auto& t = r.totals;
    const derivation_operand one{operand_source::constant, "one", "1", value_unit::number};
    d.add("tax.adding", to_fraction_string(tax.adding), step_operation::sum,
          {one, derivation_builder::policy_value(p, policy_key::consumption_tax)}, value_unit::number);
    d.add("tax.removing", to_fraction_string(tax.removing), step_operation::quotient, {one, d.step("tax.adding")},
          value_unit::number);

    // Each line's amount, and the unit cost the threshold rules judge.
    std::array<std::vector<derivation_operand>, item_count> of_item{};
    const auto lines = b.lines();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const line& l = lines[i];
        const std::string id = "line." + std::to_string(i);
        of_item[static_cast<std::size_t>(l.item)].push_back(
            add_line_amount(d, id + ".amount", l, b.source_line(i), p, tax, d.step("tax.removing")));
        if (l.item == item::equipment || (l.item == item::consumables && l.reason == consumable_reason::none)) {
            const rate& factor = threshold_factor(l.basis, p, tax);
            std::vector<derivation_operand> cost{derivation_builder::yen_operand(operand_source::input, "unit_price", l.unit_price)};
            if (factor == tax.adding) cost.push_back(d.step("tax.adding"));
            if (factor == tax.removing && factor != rate_one) cost.push_back(d.step("tax.removing"));
            const exact_yen unit_cost = l.unit_price * factor;
            auto& judged = d.add_unnamed(id + ".unit_cost", exact_text(unit_cost), step_operation::product, std::move(cost));
            judged.source_line = b.source_line(i);
            derivation_builder::judge(judged, derivation_builder::policy_value(p, policy_key::equipment_threshold),
                                      unit_cost <=> p.equipment_threshold);
        }
    }

    // Items, categories; stated G&A and tax are items the totals do not sum.
    for (const auto& entry : item_table) {
        auto& operands = of_item[static_cast<std::size_t>(entry.id)];
        if (operands.empty()) continue;
        const std::string id = entry.computed ? "item." + std::string(entry.code) + ".stated" : "item." + std::string(entry.code);
        const yen value = entry.id == item::general_admin     ? t.general_admin_stated.value_or(yen{})
                          : entry.id == item::consumption_tax ? t.consumption_tax_stated.value_or(yen{})
                                                              : t.item(entry.id);
        d.add(id, value, step_operation::sum, std::move(operands));
    }
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

    if (b.has_field_survey())
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
/// input.summary_row, budget.empty, the plan rules, the records set aside).
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
    {"tax.adding", "tax-inclusive factor", "税込係数"},
    {"tax.removing", "tax-exclusive factor", "税抜係数"},
    {"direct", "direct costs (personnel + operating)", "直接経費（人件費 + 業務費）"},
    {"general_admin.base", "G&A base", "一般管理費の算定基礎"},
    {"general_admin.at_rate", "G&A at the agreed rate", "一般管理費率による額"},
    {"general_admin", "G&A", "一般管理費"},
    {"general_admin.settled", "settled G&A", "精算の一般管理費"},
    {"pre_tax", "pre-tax total", "税抜合計"},
    {"consumption_tax", "consumption tax", "消費税"},
    {"total", "total (tax included)", "合計（税込）"},
    {"uplift.granted", "granted uplift", "認められる増額"},
    {"cap", "cap", "上限額"},
    {"headroom", "headroom", "上限までの残額"},
    {"outsourcing.counted", "outsourcing counted", "外注費（割合の分子）"},
    {"outsourcing.base", "outsourcing share's base", "外注費の割合の分母"},
    {"outsourcing.limit", "outsourcing limit", "外注費の上限"},
    {"outsourcing.eligible", "eligible outsourcing", "精算対象の外注費"},
    {"transfer.base", "transfer base", "流用割合の基礎"},
    {"transfer.allowance", "transfer allowance", "承認なしで流用できる額"},
    {"transfer.overspend", "overspend of the receiving category", "流用先の超過額"},
    {"transfer.underspend", "underspend of the giving category", "流用元の残額"},
    {"eligible.direct", "eligible direct costs", "精算対象の直接経費"},
    {"contract_amount", "contract amount", "契約額"},
    {"payable", "payable", "支払額"},
    {"returned", "returned", "返還額"},
    {"cost", "cost", "事業費"},
    {"reduction", "GHG reduction (t-CO2 a year)", "温室効果ガス削減量（t-CO2/年）"},
    {"reduction.rounded", "GHG reduction, rounded", "温室効果ガス削減量（丸め）"},
    {"yen_per_tonne", "cost per tonne", "1トン当たりの費用"},
    {"yen_per_tonne.rounded", "cost per tonne, rounded", "1トン当たりの費用（丸め）"},
};

/// A value for people: amounts and numbers grouped, rates as percentages where they are one.
inline std::string value_for_people(std::string_view value, value_unit unit) {
    if (value.find('/') != std::string_view::npos) return std::string(value);
    const auto parsed = decimal::try_parse(value);
    if (!parsed) return std::string(value);
    if (unit == value_unit::rate) return to_string(rate::from_decimal(parsed.value));
    return to_string(parsed.value, {.grouping = true});
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
    for (const auto& l : figure_labels)
        if (l.id == id) return prefix + std::string(ja ? l.japanese : l.english);
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
    const auto row = [&](std::string_view what_en, std::string_view what_ja, std::string_view kind_en, std::string_view kind_ja) {
        const auto n = std::to_string(std::stoul(std::string(part(1))) + 1);
        if (ja)
            return std::string(kind_ja) + n + (source_line ? "（" + std::to_string(*source_line) + "行目）" : std::string()) +
                   std::string(what_ja);
        return std::string(kind_en) + " " + n + (source_line ? " (row " + std::to_string(*source_line) + ")" : std::string()) +
               " " + std::string(what_en);
    };
    if (id.starts_with("line.") && id.ends_with(".amount")) return prefix + row("amount", "の金額", "line", "明細");
    if (id.starts_with("line.") && id.ends_with(".unit_cost"))
        return prefix + row("unit cost judged against the threshold", "の単価（基準額と比較）", "line", "明細");
    if (id.starts_with("record.")) return prefix + row("amount", "の金額", "record", "支出");
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
    constexpr per_category per_category_labels[] = {{"actual.category.", " spent", "の実績"},
                                                    {"eligible.", " eligible", "の精算対象額"},
                                                    {"moved.", " moved", "の流用額"},
                                                    {"allowed.", " allowed (contracted + moved)", "の契約額 + 流用額"},
                                                    {"unpaid.", " unpaid", "の不支給額"}};
    for (const auto& l : per_category_labels)
        if (id.starts_with(l.stem))
            return prefix + named_category(id.substr(l.stem.size())) + std::string(ja ? l.japanese : l.english);
    return prefix + std::string(id);
}

/// The label of each step written so far, by id: an operand names an earlier step.
using labels_by_id = std::unordered_map<std::string_view, std::string>;

inline std::string operand_for_people(const derivation_operand& o, const labels_by_id& labels, bool ja) {
    const std::string value = value_for_people(o.value, o.unit);
    switch (o.source) {
        case operand_source::step: {
            const auto found = labels.find(o.name);
            return (found == labels.end() ? step_label(o.name, std::nullopt, ja) : found->second) + " " + value;
        }
        case operand_source::policy: {
            const auto key = policy_key_from_string(o.name);
            const std::string label = key ? std::string(ja ? info(*key).japanese : info(*key).english) : o.name;
            return label + " " + value + (ja ? "［規則 " : " [policy ") + o.policy + (ja ? "］" : "]");
        }
        case operand_source::term: {
            constexpr figure_label terms[] = {{"ga_rate", "agreed G&A rate", "一般管理費率"},
                                              {"uplift", "requested uplift", "申請された増額"}};
            for (const auto& t : terms)
                if (t.id == o.name) return std::string(ja ? t.japanese : t.english) + " " + value;
            return o.name + " " + value;
        }
        case operand_source::input:
            if (o.name == "unit_price") return (ja ? "単価 " : "unit price ") + value;
            if (o.name == "quantity") return (ja ? "数量 " : "quantity ") + value;
            return o.name + " " + value;
        case operand_source::constant: break;
    }
    return value;
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

/// The derivation as text: one line a step, "figure value = how", then the sources of the
/// policy values used.
[[nodiscard]] inline std::string format_derivation(const derivation& d, language lang = language::english) {
    using namespace detail;
    const bool ja = lang == language::japanese;
    std::string out = ja ? "計算根拠\n" : "Derivation (計算根拠)\n";
    std::vector<std::pair<std::string, std::string>> policy_values;  // policy, key
    labels_by_id labels;
    labels.reserve(d.steps.size());
    for (const auto& s : d.steps) {
        const auto& label = labels.emplace(s.id, step_label(s.id, s.source_line, ja)).first->second;
        out += "  " + label + " " + value_for_people(s.value, s.unit) + " = ";
        std::string_view joiner = " + ";
        switch (s.operation) {
            case step_operation::given: out += ja ? "入力・条件のとおり" : "as given"; break;
            case step_operation::sum: joiner = " + "; break;
            case step_operation::difference: joiner = " - "; break;
            case step_operation::product: joiner = " × "; break;
            case step_operation::quotient: joiner = " ÷ "; break;
            case step_operation::minimum: out += ja ? "次の小さい方: " : "the least of "; joiner = ja ? "、" : ", "; break;
        }
        if (s.operation == step_operation::sum && s.operands.empty()) out += "0";
        for (std::size_t i = 0; i < s.operands.size(); ++i) {
            const auto& o = s.operands[i];
            if (o.source == operand_source::policy) policy_values.emplace_back(o.policy, o.name);
            out += (i > 0 ? std::string(joiner) : std::string()) + operand_for_people(o, labels, ja);
        }
        if (s.rounded) out += (ja ? "（" : ", ") + std::string(rounding_for_people(*s.rounded, ja)) + (ja ? "）" : "");
        for (const auto& j : s.judged) {
            if (j.limit.source == operand_source::policy) policy_values.emplace_back(j.limit.policy, j.limit.name);
            const std::string limit = operand_for_people(j.limit, labels, ja);
            if (ja)
                out += "。" + limit + (j.order < 0 ? " 未満" : j.order > 0 ? " を超える" : " と等しい");
            else
                out += "; " + std::string(j.order < 0 ? "below " : j.order > 0 ? "above " : "equal to ") + limit;
        }
        out += '\n';
    }
    std::sort(policy_values.begin(), policy_values.end());
    policy_values.erase(std::unique(policy_values.begin(), policy_values.end()), policy_values.end());
    if (!policy_values.empty()) out += ja ? "規則の値の出典:\n" : "Sources of the policy values:\n";
    for (const auto& [name, key] : policy_values) {
        const auto* p = d.policy(name);
        const auto k = policy_key_from_string(key);
        if (!p || !k) continue;
        const auto& src = p->source(*k);
        const std::string_view comma = ja ? "、" : ", ";
        out += "  " + name + " " + key + " " + value_text(p->rules, *k) + ": " +
               std::string(ja ? (src.status == value_status::confirmed ? "確認済み" : "推定") : to_string(src.status)) +
               std::string(comma) + src.document + (src.place.empty() ? std::string() : std::string(comma) + src.place) + "\n";
    }
    return out;
}

}  // namespace c3p
