// The JSON result of a check (SPEC section 9), amounts as exact decimal strings, keys in a fixed
// order. Needs nlohmann/json (Debian: nlohmann-json3-dev); not included by <c3p/c3p.hpp>.
#pragma once

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
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

/// A value as compact JSON text (invalid UTF-8 replaced, not thrown at).
inline std::string compact_json(const nlohmann::ordered_json& value) {
    return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

/// `text` as a JSON string literal, escaped by nlohmann.
inline std::string json_string(std::string_view text) { return compact_json(nlohmann::ordered_json(text)); }

/// Bytes gathered for an ostream and written out a piece at a time, so that a long document is
/// neither held whole nor written in many small writes. A violation's line is some twenty short
/// fragments: each is copied here with one check of the room left, where a std::string append
/// would call out for each.
class json_output {
public:
    static constexpr std::size_t piece = std::size_t{1} << 16;  // written out when this full

    explicit json_output(std::ostream& out) : out_(out), bytes_(std::make_unique_for_overwrite<char[]>(piece)) {}
    json_output(const json_output&) = delete;
    json_output& operator=(const json_output&) = delete;

    /// A string literal: its size known here, it is copied with a few moves, not a call.
    template <std::size_t N>
    void put(const char (&literal)[N]) {
        constexpr std::size_t size = N - 1;
        static_assert(size <= piece);
        std::memcpy(room(size), literal, size);
        used_ += size;
    }
    void put(std::string_view text) {
        if (text.size() > piece) [[unlikely]] {  // longer than a piece: no use copying it
            flush();
            out_.write(text.data(), static_cast<std::streamsize>(text.size()));
            return;
        }
        std::memcpy(room(text.size()), text.data(), text.size());
        used_ += text.size();
    }
    /// Where to write up to `size` bytes (at most a piece); commit(end) then keeps them.
    [[nodiscard]] char* room(std::size_t size) {
        if (size > piece - used_) [[unlikely]]
            flush();
        return bytes_.get() + used_;
    }
    void commit(const char* end) noexcept { used_ = static_cast<std::size_t>(end - bytes_.get()); }
    /// A decimal as a JSON string, or null.
    void put_figure(const std::optional<decimal>& figure) {
        if (!figure) {
            put("null");
            return;
        }
        char* at = room(decimal_text_max + 2);
        *at++ = '"';
        at = write_text(at, *figure);
        *at++ = '"';
        commit(at);
    }
    /// A string known to need no escaping (codes from the library's own tables), in quotes.
    void put_plain_string(std::string_view text) {
        put("\"");
        put(text);
        put("\"");
    }
    /// Any text as a JSON string literal: printable ASCII without '"' or '\\' (every message the
    /// validator writes) as it is, anything else through json_string.
    void put_string(std::string_view text) {
        if (is_plain_json(text)) {
            put_plain_string(text);
        } else {
            put(json_string(text));
        }
    }
    void flush() {
        out_.write(bytes_.get(), static_cast<std::streamsize>(used_));
        used_ = 0;
    }

private:
    std::ostream& out_;
    std::unique_ptr<char[]> bytes_;
    std::size_t used_ = 0;
};

/// The document of to_json(...) in the layout of SPEC section 9: compact, one line for each
/// top-level member and one for each violation (machine-read, yet easy to grep and diff). It is
/// written piece by piece: the violations come from for_each_violation(f), one at a time, and no
/// document tree holds them. Each is written with its keys as literals: it is the bulk of a
/// long output.
template <class ForEachViolation>
void write_json_document(std::ostream& out, const totals& t, const policy& p, ForEachViolation&& for_each_violation) {
    const auto head = to_json(check_result{t, {}}, p);  // policy, totals, items: small
    json_output text(out);
    text.put("{\"policy\":");
    text.put(compact_json(head["policy"]));
    text.put(",\n \"totals\":");
    text.put(compact_json(head["totals"]));
    text.put(",\n \"items\":");
    text.put(compact_json(head["items"]));
    text.put(",\n \"violations\":[");
    bool first = true;
    for_each_violation([&](const violation& v) {
        text.put(first ? "\n  {\"code\":\"" : ",\n  {\"code\":\"");
        first = false;
        text.put(v.code());
        text.put("\",\"severity\":\"");
        text.put(to_string(v.severity));
        text.put("\",\"line\":");
        if (v.line) {
            constexpr std::size_t digits = 20;  // of the largest std::size_t
            char* at = text.room(digits);
            text.commit(std::to_chars(at, at + digits, *v.line).ptr);
        } else {
            text.put("null");
        }
        text.put(",\"item\":");
        if (v.item) {
            text.put_plain_string(code(*v.item));
        } else {
            text.put("null");
        }
        text.put(",\"actual\":");
        text.put_figure(v.actual);
        text.put(",\"limit\":");
        text.put_figure(v.limit);
        text.put(",\"message\":");
        text.put_string(v.message);
        text.put("}");
    });
    text.put(first ? "]}\n" : "\n ]}\n");
    text.flush();
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
