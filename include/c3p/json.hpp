// The JSON result of a check (SPEC section 9), amounts as exact decimal strings, keys in a fixed
// order. Needs nlohmann/json (Debian: nlohmann-json3-dev); not included by <c3p/c3p.hpp>.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "c3p/categories.hpp"
#include "c3p/policy.hpp"
#include "c3p/validate.hpp"

namespace c3p {

[[nodiscard]] inline nlohmann::ordered_json to_json(const check_result& result, const policy& p) {
    using json = nlohmann::ordered_json;
    const auto& t = result.totals;
    const auto amount = [](const yen& y) { return to_string(y); };
    const auto optional_figure = [](const std::optional<decimal>& d) { return d ? json(to_string(*d)) : json(nullptr); };

    json out;
    out["policy"] = std::string(p.name);
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
    for (const auto& v : result.violations) {
        violations.push_back({{"code", std::string(v.code())},
                              {"severity", std::string(to_string(v.severity))},
                              {"line", v.line ? json(*v.line) : json(nullptr)},
                              {"item", v.item ? json(std::string(code(*v.item))) : json(nullptr)},
                              {"actual", optional_figure(v.actual)},
                              {"limit", optional_figure(v.limit)},
                              {"message", v.message}});
    }
    out["violations"] = std::move(violations);
    return out;
}

/// Indented JSON text; any invalid UTF-8 would be replaced, never passed through.
[[nodiscard]] inline std::string format_json(const check_result& result, const policy& p) {
    return to_json(result, p).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace c3p
