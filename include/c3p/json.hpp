// The JSON result of a check (SPEC section 9), amounts as exact decimal strings, keys in a fixed
// order. Needs nlohmann/json (Debian: nlohmann-json3-dev); not included by <c3p/c3p.hpp>.
#pragma once

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

#include "c3p/categories.hpp"
#include "c3p/csv_check.hpp"
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
/// Whether every byte is printable ASCII other than '"' and '\\', eight bytes at a time: a long
/// output is mostly messages, and this is asked of each.
inline bool is_plain_json(std::string_view text) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
    // Non-zero exactly when some byte of x is zero.
    const auto zero_byte = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t x;
        std::memcpy(&x, text.data() + i, 8);
        // A byte below 0x20 stays below 0x80 when 0x60 is added; one at 0x7f or above reaches 0x80
        // when 1 is added or has it already. (A carry into the next byte needs a byte of 0xa0 or
        // more, which `high` reports anyway.)
        const std::uint64_t low = ~(x + ones * 0x60) & highs;
        const std::uint64_t high = (x | (x + ones)) & highs;
        if ((low | high | zero_byte(x ^ (ones * '"')) | zero_byte(x ^ (ones * '\\'))) != 0) return false;
    }
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
    }
    return true;
}

/// A JSON string literal. Printable ASCII without '"' or '\\' is copied as it is (every message
/// the validator writes); anything else is escaped by nlohmann (invalid UTF-8 replaced).
inline void append_json_string(std::string& out, std::string_view text) {
    if (!is_plain_json(text)) {
        out += nlohmann::ordered_json(text).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        return;
    }
    out += '"';
    out += text;
    out += '"';
}
/// A string that needs no escaping: codes from the library's own tables and decimal figures.
inline void append_json_plain(std::string& out, std::string_view text) {
    out += '"';
    out += text;
    out += '"';
}

/// The document of to_json(...) in the layout of SPEC section 9: compact, one line for each
/// top-level member and one for each violation (machine-read, yet easy to grep and diff). It is
/// written piece by piece: the violations come from for_each_violation(f), one at a time, and no
/// document tree holds them. Each is appended with its keys as literals: it is the bulk of a
/// long output.
template <class ForEachViolation>
void write_json_document(std::ostream& out, const totals& t, const policy& p, ForEachViolation&& for_each_violation) {
    using namespace std::string_view_literals;
    constexpr std::size_t piece = std::size_t{1} << 16;  // written out when this full; the buffer is reused
    constexpr auto dump = [](const nlohmann::ordered_json& j) {
        return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    };
    const auto head = to_json(check_result{t, {}}, p);  // policy, totals, items: small
    std::string text;
    text.reserve(piece + 4096);  // once: growing by doubling would touch twice the fresh memory
    text += "{\"policy\":"sv;
    text += dump(head["policy"]);
    text += ",\n \"totals\":"sv;
    text += dump(head["totals"]);
    text += ",\n \"items\":"sv;
    text += dump(head["items"]);
    text += ",\n \"violations\":["sv;
    const auto figure = [&](const std::optional<decimal>& d) {
        if (!d) {
            text += "null"sv;
            return;
        }
        text += '"';
        append_to(text, *d);
        text += '"';
    };
    bool first = true;
    for_each_violation([&](const violation& v) {
        text += first ? "\n  {\"code\":\""sv : ",\n  {\"code\":\""sv;
        first = false;
        text += v.code();
        text += "\",\"severity\":\""sv;
        text += to_string(v.severity);
        text += "\",\"line\":"sv;
        if (v.line) {
            char digits[24];
            text.append(digits, static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, *v.line).ptr - digits));
        } else {
            text += "null"sv;
        }
        text += ",\"item\":"sv;
        if (v.item) {
            append_json_plain(text, code(*v.item));
        } else {
            text += "null"sv;
        }
        text += ",\"actual\":"sv;
        figure(v.actual);
        text += ",\"limit\":"sv;
        figure(v.limit);
        text += ",\"message\":"sv;
        append_json_string(text, v.message);
        text += '}';
        if (text.size() >= piece) {
            out << text;
            text.clear();
        }
    });
    out << text << (first ? "]}\n"sv : "\n ]}\n"sv);
}
}  // namespace detail

/// Writes the document of to_json(...) straight to `out`, in the layout of SPEC section 9 (see
/// write_json_document): a check with many violations builds neither a tree nor one large string.
inline void write_json(std::ostream& out, const check_result& result, const policy& p) {
    detail::write_json_document(out, result.totals, p, [&](auto&& f) {
        for (const auto& v : result.violations) f(v);
    });
}

/// The same for a streamed CSV check, its violations built one at a time.
inline void write_json(std::ostream& out, const csv_check& checked) {
    detail::write_json_document(out, checked.totals(), checked.policy(),
                                [&](auto&& f) { checked.for_each_violation(f); });
}

/// write_json into a string.
[[nodiscard]] inline std::string format_json(const check_result& result, const policy& p) {
    std::ostringstream out;
    write_json(out, result, p);
    return std::move(out).str();
}

}  // namespace c3p
