// The JSON result of a check (SPEC section 9), amounts as exact decimal strings, keys in a fixed
// order. Needs nlohmann/json (Debian: nlohmann-json3-dev); not included by <c3p/c3p.hpp>.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

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

namespace detail {
/// A JSON string literal; nlohmann does the escaping (invalid UTF-8 replaced, never passed through).
inline void append_json_string(std::string& out, std::string_view text) {
    out += nlohmann::ordered_json(text).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}
/// A string that needs no escaping: codes from the library's own tables and decimal figures.
inline void append_json_plain(std::string& out, std::string_view text) {
    out += '"';
    out += text;
    out += '"';
}
}  // namespace detail

/// Indented JSON text, the same as to_json(...).dump(2) but written straight out: a budget with
/// many violations does not build a document tree first.
[[nodiscard]] inline std::string format_json(const check_result& result, const policy& p) {
    auto head = to_json(check_result{result.totals, {}}, p);  // policy, totals, items: small
    std::string out = head.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    if (result.violations.empty()) return out + "\n";
    out.resize(out.size() - 4);  // reopen "[]\n}" of the empty violations array
    out.reserve(out.size() + result.violations.size() * 320);
    out += "[";
    const auto field = [&](std::string_view key, bool first = false) {
        out += first ? "\n      \"" : ",\n      \"";
        out += key;
        out += "\": ";
    };
    const auto figure = [&](const std::optional<decimal>& d) {
        if (d) {
            detail::append_json_plain(out, to_string(*d));
        } else {
            out += "null";
        }
    };
    for (std::size_t i = 0; i < result.violations.size(); ++i) {
        const auto& v = result.violations[i];
        out += i == 0 ? "\n    {" : ",\n    {";
        field("code", true);
        detail::append_json_plain(out, v.code());
        field("severity");
        detail::append_json_plain(out, to_string(v.severity));
        field("line");
        out += v.line ? std::to_string(*v.line) : "null";
        field("item");
        if (v.item) {
            detail::append_json_plain(out, code(*v.item));
        } else {
            out += "null";
        }
        field("actual");
        figure(v.actual);
        field("limit");
        figure(v.limit);
        field("message");
        detail::append_json_string(out, v.message);
        out += "\n    }";
    }
    out += "\n  ]\n}\n";
    return out;
}

}  // namespace c3p
