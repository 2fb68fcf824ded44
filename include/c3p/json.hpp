// The JSON of a check, and of a file's input errors (docs/formats.md): amounts as exact decimal
// strings, keys in a fixed order, messages in the language asked for.
// Target c3p::json: needs nlohmann/json (Debian: nlohmann-json3-dev); not in <c3p/c3p.hpp>.
//
//     std::cout << c3p::format_json(c3p::check(b));
//     std::cout << c3p::format_json(read.errors, c3p::language::japanese);
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "c3p/categories.hpp"
#include "c3p/checker.hpp"
#include "c3p/derivation.hpp"
#include "c3p/detail/sv_literals.hpp"
#include "c3p/input_error.hpp"
#include "c3p/language.hpp"
#include "c3p/messages.hpp"
#include "c3p/plan.hpp"
#include "c3p/policy_sources.hpp"
#include "c3p/score.hpp"
#include "c3p/settlement.hpp"

namespace c3p {

namespace detail {
inline nlohmann::ordered_json figure_json(const std::optional<decimal>& figure) {
    return figure ? nlohmann::ordered_json(to_string(*figure)) : nlohmann::ordered_json(nullptr);
}
/// A value as compact JSON text (invalid UTF-8 replaced, not thrown at).
inline std::string compact_json(const nlohmann::ordered_json& value) {
    return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}
inline nlohmann::ordered_json index_json(const std::optional<std::size_t>& index) {
    return index ? nlohmann::ordered_json(*index) : nlohmann::ordered_json(nullptr);
}
/// The document as text: compact, one line for each top-level member and one for each element
/// of the arrays `listed`, so that it is machine-read yet easy to grep and diff.
inline std::string format_document(const nlohmann::ordered_json& document,
                                   std::initializer_list<std::string_view> listed) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : document.items()) {
        out += first ? "" : ",\n ";
        first = false;
        out += compact_json(key) + ":";
        if (std::find(listed.begin(), listed.end(), key) == listed.end()) {
            out += compact_json(value);
            continue;
        }
        out += '[';
        for (std::size_t i = 0; i < value.size(); ++i) out += (i == 0 ? "\n  " : ",\n  ") + compact_json(value[i]);
        out += value.empty() ? "]" : "\n ]";
    }
    out += "}\n";
    return out;
}
}  // namespace detail

/// {"code", "severity", "line", "source_line", "cell", "item", "actual", "limit", "message"}, and where
/// the violation has them "fiscal_year", "phase", "task" (a plan's, a settlement's record).
[[nodiscard]] inline nlohmann::ordered_json to_json(const violation& v, language lang = language::english) {
    using json = nlohmann::ordered_json;
    json out = {{"code", std::string(v.code())},
                {"severity", std::string(to_string(v.severity))},
                {"line", detail::index_json(v.line)},
                {"source_line", detail::index_json(v.source_line)},
                {"cell", v.cell ? json(to_string(*v.cell)) : json(nullptr)},
                {"item", v.item ? json(std::string(code(*v.item))) : json(nullptr)},
                {"actual", detail::figure_json(v.actual)},
                {"limit", detail::figure_json(v.limit)}};
    if (v.fiscal_year) out["fiscal_year"] = *v.fiscal_year;
    if (v.phase) out["phase"] = *v.phase;
    if (v.task) out["task"] = *v.task;
    out["message"] = describe(v, lang);
    return out;
}

/// {"line", "source_line", "item", "amount"}
[[nodiscard]] inline nlohmann::ordered_json to_json(const checked_line& l) {
    return {{"line", l.line},
            {"source_line", detail::index_json(l.source_line)},
            {"item", std::string(code(l.item))},
            {"amount", to_string(l.amount)}};
}

namespace detail {

/// A check's "totals": {"direct", "joint_implementation", "general_admin", "pre_tax",
/// "consumption_tax", "total", "cap", "headroom"}.
[[nodiscard]] inline nlohmann::ordered_json totals_json(const totals& t) {
    return {{"direct", to_string(t.direct())},
            {"joint_implementation", to_string(t.joint_implementation())},
            {"general_admin", to_string(t.general_admin())},
            {"pre_tax", to_string(t.pre_tax)},
            {"consumption_tax", to_string(t.consumption_tax())},
            {"total", to_string(t.total)},
            {"cap", to_string(t.cap)},
            {"headroom", to_string(t.headroom())}};
}

/// A check's "categories": {"personnel", "operating", "joint_implementation", "general_admin"}.
[[nodiscard]] inline nlohmann::ordered_json categories_json(const totals& t) {
    return {{"personnel", to_string(t.category(category::personnel))},
            {"operating", to_string(t.category(category::operating))},
            {"joint_implementation", to_string(t.category(category::joint_implementation))},
            {"general_admin", to_string(t.category(category::general_admin))}};
}

/// A check's "items": each item the lines are booked to, not the computed ones.
[[nodiscard]] inline nlohmann::ordered_json items_json(const totals& t) {
    nlohmann::ordered_json items = nlohmann::ordered_json::object();
    for (const auto& entry : item_table)
        if (!entry.computed) items[std::string(entry.code)] = to_string(t.item(entry.id));
    return items;
}

}  // namespace detail

/// {"policy", "totals", "categories", "general_admin_base", "general_admin_rate",
/// "granted_uplift", "items", "lines" (when the check kept line amounts), "violations"}
[[nodiscard]] inline nlohmann::ordered_json to_json(const check_result& result, language lang = language::english) {
    using json = nlohmann::ordered_json;
    const auto& t = result.totals;
    json out;
    out["policy"] = std::string(result.policy.name);
    out["totals"] = detail::totals_json(t);
    out["categories"] = detail::categories_json(t);
    out["general_admin_base"] = to_string(t.general_admin_base);
    out["general_admin_rate"] = result.terms.general_admin_rate
                                    ? json(to_fraction_string(*result.terms.general_admin_rate))
                                    : json(nullptr);
    out["granted_uplift"] = to_string(t.granted_uplift);
    out["items"] = detail::items_json(t);
    if (result.line_amounts) {
        json lines = json::array();
        for (const auto& l : *result.line_amounts) lines.push_back(to_json(l));
        out["lines"] = std::move(lines);
    }
    json violations = json::array();
    for (const auto& v : result.violations) violations.push_back(to_json(v, lang));
    out["violations"] = std::move(violations);
    return out;
}

/// {"policy", "settlement_basis", "fiscal_year", "categories": {"personnel": {"contracted",
/// "actual", "moved", "eligible", "unpaid"}, "operating", "joint_implementation"},
/// "general_admin": {"contracted", "settled"}, "pre_tax", "consumption_tax", "total",
/// "contract_amount", "payable", "returned", "transfer_allowance", "variance": [{"item",
/// "contracted", "actual", "difference"}], "violations"}
[[nodiscard]] inline nlohmann::ordered_json to_json(const settlement& s, language lang = language::english) {
    using json = nlohmann::ordered_json;
    const auto amount = [](const yen& y) { return to_string(y); };
    json out;
    out["policy"] = std::string(s.policy.name);
    out["settlement_basis"] = std::string(to_string(s.policy.settlement));
    out["fiscal_year"] = s.fiscal_year;
    json categories = json::object();
    for (std::size_t k = 0; k < settling_categories.size(); ++k) {
        const auto& c = s.categories[k];
        categories[std::string(code(settling_categories[k]))] = {{"contracted", amount(c.contracted)},
                                                                 {"actual", amount(c.actual)},
                                                                 {"moved", amount(c.moved)},
                                                                 {"eligible", amount(c.eligible)},
                                                                 {"unpaid", amount(c.unpaid)}};
    }
    out["categories"] = std::move(categories);
    out["general_admin"] = {{"contracted", amount(s.general_admin_contracted)}, {"settled", amount(s.general_admin_settled)}};
    out["pre_tax"] = amount(s.pre_tax);
    out["consumption_tax"] = amount(s.consumption_tax);
    out["total"] = amount(s.total);
    out["contract_amount"] = amount(s.contract_amount);
    out["payable"] = amount(s.payable);
    out["returned"] = amount(s.returned);
    out["transfer_allowance"] = amount(s.transfer_allowance);
    json rows = json::array();
    for (const auto& v : variance(s))
        rows.push_back({{"item", std::string(code(v.item))}, {"contracted", amount(v.contracted)},
                        {"actual", amount(v.actual)}, {"difference", amount(v.difference)}});
    out["variance"] = std::move(rows);
    json violations = json::array();
    for (const auto& v : s.violations) violations.push_back(to_json(v, lang));
    out["violations"] = std::move(violations);
    return out;
}

/// {"years": [{"fiscal_year", "era", "phase", "policy", "policy_assumed", "totals",
/// "categories", "items" (as a check's), "tasks": {"4": amount, ...}, "violations"}], "phases":
/// [{"phase", "first_year", "last_year", "total"}], "total", "violations" (the phase rules)}
[[nodiscard]] inline nlohmann::ordered_json to_json(const plan_result& r, language lang = language::english) {
    using json = nlohmann::ordered_json;
    json years = json::array();
    for (const auto& y : r.years) {
        json tasks = json::object();
        for (std::size_t k = 0; k < y.task_costs.size(); ++k)
            if (y.task_costs[k]) tasks[std::to_string(k + 1)] = to_string(*y.task_costs[k]);
        json violations = json::array();
        for (const auto& v : y.violations) violations.push_back(to_json(v, lang));
        const auto& t = y.result.totals;
        years.push_back({{"fiscal_year", y.fiscal_year},
                         {"era", era_name(y.fiscal_year)},
                         {"phase", y.phase},
                         {"policy", std::string(y.policy.name)},
                         {"policy_assumed", y.policy_assumed},
                         {"totals", detail::totals_json(t)},
                         {"categories", detail::categories_json(t)},
                         {"items", detail::items_json(t)},
                         {"tasks", std::move(tasks)},
                         {"violations", std::move(violations)}});
    }
    json phases = json::array();
    for (const auto& ph : r.phases)
        phases.push_back({{"phase", ph.phase}, {"first_year", ph.first_year}, {"last_year", ph.last_year}, {"total", to_string(ph.total)}});
    json violations = json::array();
    for (const auto& v : r.violations) violations.push_back(to_json(v, lang));
    return {{"years", std::move(years)}, {"phases", std::move(phases)}, {"total", to_string(r.total)},
            {"violations", std::move(violations)}};
}

/// {"ongoing", "cost_effectiveness": {"cost", "reduction", "yen_per_tonne", "points"},
/// "ghg_reduction": {"tonnes", "points"}, "engineer_workload": {"projects", "points"},
/// "past_projects": {"projects", "points"} (null for a new project), "rows": [{"id",
/// "allocation", "points", "computed"}], "total", "maximum"}
[[nodiscard]] inline nlohmann::ordered_json to_json(const scored_proposal& s, const proposal& p) {
    using json = nlohmann::ordered_json;
    const auto points_of = [&](score_row_id id) -> json {
        const auto& line = s.row(id);
        return line.points ? json(*line.points) : json(nullptr);
    };
    json rows = json::array();
    for (const auto& line : s.rows) {
        rows.push_back({{"id", std::string(line.row->id)},
                        {"allocation", line.allocation ? json(*line.allocation) : json(nullptr)},
                        {"points", line.points ? json(*line.points) : json(nullptr)},
                        {"computed", line.row->computed()}});
    }
    return {{"ongoing", p.ongoing},
            {"cost_effectiveness", {{"cost", to_string(p.cost)}, {"reduction", to_string(p.reduction)},
                                    {"yen_per_tonne", detail::figure_json(s.yen_per_tonne)}, {"points", points_of(score_row_id::cost_effectiveness)}}},
            {"ghg_reduction", {{"tonnes", to_string(p.reduction)}, {"points", points_of(score_row_id::ghg_reduction)}}},
            {"engineer_workload", {{"projects", p.engineer_projects}, {"points", points_of(score_row_id::engineer_workload)}}},
            {"past_projects", p.ongoing ? json{{"projects", p.past_projects}, {"points", points_of(score_row_id::past_projects)}} : json(nullptr)},
            {"rows", std::move(rows)},
            {"total", s.total},
            {"maximum", s.maximum}};
}

/// The policy file of `p`: every value with its status and source, in the keys' order.
[[nodiscard]] inline nlohmann::ordered_json to_json(const sourced_policy& p) {
    nlohmann::ordered_json out{{"name", std::string(p.rules.name)}, {"fiscal_year", p.rules.fiscal_year}};
    for (const auto& k : policy_keys) {
        const auto& s = p.source(k.key);
        nlohmann::ordered_json entry;
        if (k.kind == policy_value_kind::count)
            entry["value"] = detail::with_field(p.rules, k.key, [](const auto& field) {
                if constexpr (std::is_same_v<std::remove_cvref_t<decltype(field)>, int>) return field;
                else return 0;
            });
        else
            entry["value"] = value_text(p.rules, k.key);
        entry["status"] = std::string(to_string(s.status));
        entry["source"] = s.document;
        if (!s.place.empty()) entry["place"] = s.place;
        out[std::string(k.name)] = std::move(entry);
    }
    return out;
}

/// {"source", "name", "value", "unit"}, and "policy" for a policy value.
[[nodiscard]] inline nlohmann::ordered_json to_json(const derivation_operand& o) {
    nlohmann::ordered_json out{{"source", std::string(to_string(o.source))}, {"name", o.name}, {"value", o.value},
                               {"unit", std::string(to_string(o.unit))}};
    if (!o.policy.empty()) out["policy"] = o.policy;
    return out;
}

/// {"id", "value", "unit", "operation", "operands", "rounding", "source_line", "judged": [{"limit",
/// "order": "less" | "equal" | "greater"}]}
[[nodiscard]] inline nlohmann::ordered_json to_json(const derivation_step& s) {
    using json = nlohmann::ordered_json;
    json operands = json::array();
    for (const auto& o : s.operands) operands.push_back(to_json(o));
    json judged = json::array();
    for (const auto& j : s.judged)
        judged.push_back({{"limit", to_json(j.limit)}, {"order", j.order < 0 ? "less" : j.order > 0 ? "greater" : "equal"}});
    return {{"id", s.id},
            {"value", s.value},
            {"unit", std::string(to_string(s.unit))},
            {"operation", std::string(to_string(s.operation))},
            {"operands", std::move(operands)},
            {"rounding", s.rounded ? json(std::string(to_string(*s.rounded))) : json(nullptr)},
            {"source_line", detail::index_json(s.source_line)},
            {"judged", std::move(judged)}};
}

namespace detail {
/// The length of the longest beginning of `text` that a JSON string holds as it stands: no '"',
/// '\\' or control character (below 0x20); with `ascii_only`, no byte from 0x7f up either.
/// Eight bytes at a time: a long derivation's ids, names and values pass through here.
inline std::size_t json_plain_prefix(std::string_view text, bool ascii_only = false) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
    // Whether some byte of x is below n (n at most 0x80), and whether some byte is zero: exact
    // for the word as a whole, though not for each byte, so the word found is then read byte by byte.
    const auto below = [](std::uint64_t x, std::uint64_t n) { return (x - ones * n) & ~x & highs; };
    const auto plain = [&](unsigned char c) { return c >= 0x20 && c != '"' && c != '\\' && (!ascii_only || c < 0x7f); };
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t x = 0;
        std::memcpy(&x, text.data() + i, 8);
        const std::uint64_t marked = below(x, 0x20) | below(x ^ (ones * '"'), 1) | below(x ^ (ones * '\\'), 1) |
                                     (ascii_only ? (x | below(x ^ (ones * 0x7f), 1)) & highs : 0);
        if (marked != 0) break;
    }
    while (i < text.size() && plain(static_cast<unsigned char>(text[i]))) ++i;
    return i;
}

/// `text` as a JSON string's content (its quotes left to the caller), appended to `out`: UTF-8
/// passes through; quotes, backslashes and control characters are escaped.
inline void append_json_chars(std::string& out, std::string_view text) {
    for (;;) {
        const std::size_t plain = json_plain_prefix(text);  // appended in one go
        out.append(text.data(), plain);
        if (plain == text.size()) return;
        const char c = text[plain];
        const auto byte = static_cast<unsigned char>(c);
        text.remove_prefix(plain + 1);
        out += '\\';
        if (c == '"' || c == '\\') {
            out += c;
        } else if (c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
            constexpr std::string_view short_escapes = "btn?fr"sv;  // \b \t \n \f \r, as nlohmann writes them
            out += short_escapes[static_cast<std::size_t>(byte - 8)];
        } else {
            constexpr char hex[] = "0123456789abcdef";
            out += "u00";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
}
// A long budget's derivation has hundreds of thousands of steps: each is written directly, as
// to_json(step) dumps it compact, the names of enumerators (plain ASCII words) and the text
// between members each appended in one go.
inline void append_json_operand(std::string& out, const derivation_operand& o) {
    out += "{\"source\":\""sv;
    out += to_string(o.source);
    out += "\",\"name\":\""sv;
    append_json_chars(out, o.name);
    out += "\",\"value\":\""sv;
    append_json_chars(out, o.value);
    out += "\",\"unit\":\""sv;
    out += to_string(o.unit);
    if (!o.policy.empty()) {
        out += "\",\"policy\":\""sv;
        append_json_chars(out, o.policy);
    }
    out += "\"}"sv;
}
/// A step up to its operands' array opened; then what follows them.
inline void append_json_step_head(std::string& out, const derivation_step& s) {
    out += "{\"id\":\""sv;
    append_json_chars(out, s.id);
    out += "\",\"value\":\""sv;
    append_json_chars(out, s.value);
    out += "\",\"unit\":\""sv;
    out += to_string(s.unit);
    out += "\",\"operation\":\""sv;
    out += to_string(s.operation);
    out += "\",\"operands\":["sv;
}
inline void append_json_step_tail(std::string& out, const derivation_step& s) {
    if (s.rounded) {
        out += "],\"rounding\":\""sv;
        out += to_string(*s.rounded);
        out += "\",\"source_line\":"sv;
    } else {
        out += "],\"rounding\":null,\"source_line\":"sv;
    }
    if (s.source_line) append_number(out, *s.source_line);
    else out += "null"sv;
    out += ",\"judged\":["sv;
    for (std::size_t i = 0; i < s.judged.size(); ++i) {
        out += i > 0 ? ",{\"limit\":"sv : "{\"limit\":"sv;
        append_json_operand(out, s.judged[i].limit);
        out += s.judged[i].order < 0   ? ",\"order\":\"less\"}"sv
               : s.judged[i].order > 0 ? ",\"order\":\"greater\"}"sv
                                       : ",\"order\":\"equal\"}"sv;
    }
    out += "]}"sv;
}
}  // namespace detail

/// Writes a derivation as the "derivation" and "policy_sources" members of format_json's
/// document: one text line a step. The same members as derivation_writer has (c3p/derivation.hpp),
/// so that check_derivation_json writes them in parts; the steps of a part that does not begin
/// the derivation each begin with a comma.
class derivation_json_writer {
public:
    explicit derivation_json_writer(language = language::english) noexcept {}
    /// About what a line's steps take, to make room for a part's.
    static constexpr std::size_t bytes_per_line = 320;

    /// `"derivation":[`; the next step is the first.
    void heading(std::string& out) {
        out += "\"derivation\":["sv;
        first_ = true;
    }
    /// Step `s` on a text line of its own.
    void step(std::string& out, const derivation_step& s) {
        begin(out);
        detail::append_json_step_head(out, s);
        for (std::size_t i = 0; i < s.operands.size(); ++i) {
            if (i > 0) out += ',';
            detail::append_json_operand(out, s.operands[i]);
        }
        detail::append_json_step_tail(out, s);
    }
    /// Step `s` whose operands were written elsewhere, by operand() joined by joiner(), into
    /// `operand_texts` (empty ones skipped); as derivation_writer::step with the same arguments.
    template <class Write>
    void step(std::string& out, const derivation_step& s, std::span<const std::string_view> operand_texts, Write&& write) {
        begin(out);
        detail::append_json_step_head(out, s);
        write(std::string_view(out));
        out.clear();
        detail::write_operand_texts(operand_texts, joiner(s.operation), write);
        detail::append_json_step_tail(out, s);
    }
    void operand(std::string& out, const derivation_operand& o) { detail::append_json_operand(out, o); }
    [[nodiscard]] std::string_view joiner(step_operation) const noexcept { return ","; }
    /// The document names every policy of the derivation, used or not.
    void add_uses_of(const derivation_json_writer&) noexcept {}

    /// The steps' array closed, then "policy_sources": each policy as its policy file; the
    /// document closed.
    void sources(std::string& out, std::span<const sourced_policy> policies) const {
        out += first_ ? "],\n \"policy_sources\":[" : "\n ],\n \"policy_sources\":[";
        for (std::size_t i = 0; i < policies.size(); ++i)
            out += (i == 0 ? "\n  " : ",\n  ") + detail::compact_json(to_json(policies[i]));
        out += policies.empty() ? "]}\n" : "\n ]}\n";
    }

private:
    void begin(std::string& out) {
        out += first_ ? "\n  "sv : ",\n  "sv;
        first_ = false;
    }
    bool first_ = false;  // no step written yet after the heading
};

/// A check's "derivation" and "policy_sources" written in parts (basic_check_derivation).
using check_derivation_json = basic_check_derivation<derivation_json_writer>;

/// Adds "derivation" (every step) and "policy_sources" (each policy the steps use, as its
/// policy file) to a result's document.
inline void add_derivation(nlohmann::ordered_json& document, const derivation& d) {
    auto steps = nlohmann::ordered_json::array();
    for (const auto& s : d.steps) steps.push_back(to_json(s));
    auto policies = nlohmann::ordered_json::array();
    for (const auto& p : d.policies) policies.push_back(to_json(p));
    document["derivation"] = std::move(steps);
    document["policy_sources"] = std::move(policies);
}

namespace detail {
/// Adds "steps" to each violation of `list` (a document's array of them): the derivation's
/// steps behind its figures.
template <class Violations>
void add_steps(nlohmann::ordered_json& list, const Violations& violations, std::string_view prefix,
               std::string_view line_stem, const std::unordered_set<std::string_view>& ids) {
    std::size_t k = 0;
    for (const auto& v : violations) {
        auto steps = nlohmann::ordered_json::array();
        for (auto& id : steps_behind(v, prefix, line_stem))
            if (ids.count(id) != 0) steps.push_back(std::move(id));
        list[k++]["steps"] = std::move(steps);
    }
}
inline void add_steps(nlohmann::ordered_json& document, const check_result& r,
                      const std::unordered_set<std::string_view>& ids) {
    add_steps(document["violations"], r.violations, "", "line.", ids);
}
inline void add_steps(nlohmann::ordered_json& document, const settlement& s,
                      const std::unordered_set<std::string_view>& ids) {
    add_steps(document["violations"], s.violations, "", "record.", ids);
}
inline void add_steps(nlohmann::ordered_json& document, const plan_result& r,
                      const std::unordered_set<std::string_view>& ids) {
    for (std::size_t k = 0; k < r.years.size(); ++k)
        add_steps(document["years"][k]["violations"], r.years[k].violations,
                  "fy" + std::to_string(r.years[k].fiscal_year) + ".", "line.", ids);
}
}  // namespace detail

/// A result's document with its derivation, as text: one line for each step and each policy;
/// each violation gains "steps", the ids of the steps behind its figures.
template <class Result>
[[nodiscard]] std::string format_json(const Result& result, const derivation& d, language lang = language::english) {
    auto document = to_json(result, lang);
    std::unordered_set<std::string_view> ids;
    for (const auto& s : d.steps) ids.insert(s.id);
    detail::add_steps(document, result, ids);
    std::string out = detail::format_document(document, {"lines", "variance", "violations", "years"});
    out.resize(out.size() - 2);  // "}\n": the document goes on
    out += ",\n ";
    derivation_json_writer writer;
    writer.heading(out);
    for (const auto& s : d.steps) writer.step(out, s);
    writer.sources(out, d.policies);
    return out;
}

/// The document of to_json(plan) as text, one line for each year and each plan violation.
[[nodiscard]] inline std::string format_json(const plan_result& r, language lang = language::english) {
    return detail::format_document(to_json(r, lang), {"years", "violations"});
}

/// The document of to_json(score) as text, one line for each row.
[[nodiscard]] inline std::string format_json(const scored_proposal& s, const proposal& p) {
    return detail::format_document(to_json(s, p), {"rows"});
}

/// {"source_line", "column", "cell", "code", "message"}
[[nodiscard]] inline nlohmann::ordered_json to_json(const input_error& e, language lang = language::english) {
    using json = nlohmann::ordered_json;
    return {{"source_line", e.line},
            {"column", e.column},
            {"cell", e.cell ? json(to_string(*e.cell)) : json(nullptr)},
            {"code", std::string(e.code())},
            {"message", describe(e, lang)}};
}

/// {"errors": [...]}: why a file could not be checked.
[[nodiscard]] inline nlohmann::ordered_json to_json(const std::vector<input_error>& errors,
                                                    language lang = language::english) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& e : errors) list.push_back(to_json(e, lang));
    return {{"errors", std::move(list)}};
}

/// The document of to_json(result) as text: compact, one line for each top-level member and one
/// for each line and each violation.
[[nodiscard]] inline std::string format_json(const check_result& result, language lang = language::english) {
    return detail::format_document(to_json(result, lang), {"lines", "violations"});
}

/// The document of to_json(settlement) as text, one line for each variance row and each violation.
[[nodiscard]] inline std::string format_json(const settlement& s, language lang = language::english) {
    return detail::format_document(to_json(s, lang), {"variance", "violations"});
}

/// The document of to_json(errors) as text, one line for each error.
[[nodiscard]] inline std::string format_json(const std::vector<input_error>& errors, language lang = language::english) {
    return detail::format_document(to_json(errors, lang), {"errors"});
}

}  // namespace c3p
