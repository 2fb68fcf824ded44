// The JSON of a check (docs/formats.md), amounts as exact decimal strings, keys in a fixed order.
// Target c3p::json: needs nlohmann/json (Debian: nlohmann-json3-dev); not in <c3p/c3p.hpp>.
//
//     std::cout << c3p::format_json(c3p::check(b));
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "c3p/categories.hpp"
#include "c3p/checker.hpp"
#include "c3p/messages.hpp"

namespace c3p {

namespace detail {
inline nlohmann::ordered_json figure_json(const std::optional<decimal>& figure) {
    return figure ? nlohmann::ordered_json(to_string(*figure)) : nlohmann::ordered_json(nullptr);
}
/// A value as compact JSON text (invalid UTF-8 replaced, not thrown at).
inline std::string compact_json(const nlohmann::ordered_json& value) {
    return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}
}  // namespace detail

/// {"code", "severity", "line", "item", "actual", "limit", "message"}
[[nodiscard]] inline nlohmann::ordered_json to_json(const violation& v) {
    using json = nlohmann::ordered_json;
    return {{"code", std::string(v.code())},
            {"severity", std::string(to_string(v.severity))},
            {"line", v.line ? json(*v.line) : json(nullptr)},
            {"item", v.item ? json(std::string(code(*v.item))) : json(nullptr)},
            {"actual", detail::figure_json(v.actual)},
            {"limit", detail::figure_json(v.limit)},
            {"message", describe(v)}};
}

/// {"policy", "totals", "items", "violations"}
[[nodiscard]] inline nlohmann::ordered_json to_json(const check_result& result) {
    using json = nlohmann::ordered_json;
    const auto& t = result.totals;
    const auto amount = [](const yen& y) { return to_string(y); };
    json out;
    out["policy"] = std::string(result.policy.name);
    out["totals"] = {{"direct", amount(t.direct())},
                     {"joint_implementation", amount(t.joint_implementation())},
                     {"general_admin", amount(t.general_admin())},
                     {"pre_tax", amount(t.pre_tax)},
                     {"consumption_tax", amount(t.consumption_tax())},
                     {"total", amount(t.total)},
                     {"cap", amount(t.cap)},
                     {"headroom", amount(t.headroom())}};
    json items = json::object();
    for (const auto& entry : item_table)
        if (!entry.computed) items[std::string(entry.code)] = amount(t.item(entry.id));
    out["items"] = std::move(items);
    json violations = json::array();
    for (const auto& v : result.violations) violations.push_back(to_json(v));
    out["violations"] = std::move(violations);
    return out;
}

/// The document of to_json(result) as text: compact, one line for each top-level member and one
/// for each violation, so that it is machine-read yet easy to grep and diff.
[[nodiscard]] inline std::string format_json(const check_result& result) {
    const auto document = to_json(result);
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : document.items()) {
        out += first ? "" : ",\n ";
        first = false;
        out += detail::compact_json(key) + ":";
        if (key != "violations") {
            out += detail::compact_json(value);
            continue;
        }
        out += '[';
        for (std::size_t i = 0; i < value.size(); ++i) out += (i == 0 ? "\n  " : ",\n  ") + detail::compact_json(value[i]);
        out += value.empty() ? "]" : "\n ]";
    }
    out += "}\n";
    return out;
}

}  // namespace c3p
