// Policy files: a policy and the source of each value as JSON (docs/policies.md), read with every
// problem named by its key, and written so that reading it back gives the same policy.
// Target c3p::json: needs nlohmann/json; not in <c3p/c3p.hpp>.
//
//     const auto read = c3p::read_policy_json(text);
//     if (!read.ok()) for (const auto& e : read.errors) std::cerr << c3p::describe(e, lang) << '\n';
//     c3p::check(b, read.policy->rules);
//     std::cout << c3p::format_json(*c3p::builtin_sourced_policy("fy2026"));
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "c3p/detail/nearest.hpp"
#include "c3p/detail/sv_literals.hpp"
#include "c3p/fiscal_year.hpp"
#include "c3p/json.hpp"
#include "c3p/language.hpp"
#include "c3p/policy.hpp"
#include "c3p/policy_sources.hpp"

namespace c3p {

/// What is wrong in a policy file.
enum class policy_problem : std::uint8_t {
    not_json,        ///< the text is not JSON (line and column given)
    not_an_object,   ///< the document, or a value's entry, is not a JSON object
    unknown_key,     ///< a key the format does not have (`found`: the nearest known key, if any)
    wrong_type,      ///< a member of the wrong JSON type (`expected`)
    missing,         ///< a member that must be given
    rate_as_number,  ///< a rate written as a JSON number (`found`): rates are text
    bad_value,       ///< text that is not a value of the key (`found`, `expected`)
    unknown_base,    ///< "based_on" names no built-in policy (`found`)
};

/// What a member should have held, for wrong_type and bad_value.
enum class policy_expected : std::uint8_t {
    object,       ///< {"value", "status", "source", "place"}
    text,         ///< a JSON string
    name,         ///< a name of 1 to 39 bytes
    fiscal_year,  ///< an integer from 1900 to 9999
    amount,       ///< yen as text, not negative
    rate,         ///< "10%", "0.1" or "1/2"
    count,        ///< an integer of at least 1
    choice,       ///< one of the key's names
    status,       ///< "confirmed" or "assumed"
};

/// One problem of a policy file, named by its key ("cap.value"; empty for the whole document).
struct policy_error {
    policy_problem problem = policy_problem::not_json;
    std::string key{};
    std::string found{};
    policy_expected expected = policy_expected::text;
    std::size_t line = 0, column = 0;  ///< not_json: where, 1-based (column in characters)
    friend bool operator==(const policy_error&, const policy_error&) = default;
};

/// A policy file read: the policy, or every problem found.
struct policy_read {
    std::optional<sourced_policy> policy{};
    std::vector<policy_error> errors{};
    [[nodiscard]] bool ok() const noexcept { return errors.empty(); }
};

namespace detail {

inline constexpr std::string_view value_members[] = {"value"sv, "status"sv, "source"sv, "place"sv};
inline constexpr std::string_view document_members[] = {"name"sv, "fiscal_year"sv, "based_on"sv};

[[nodiscard]] inline std::vector<std::string_view> policy_file_keys() {
    std::vector<std::string_view> keys(std::begin(document_members), std::end(document_members));
    for (const auto& k : policy_keys) keys.push_back(k.name);
    return keys;
}

[[nodiscard]] inline policy_expected expected_value(policy_value_kind kind) noexcept {
    switch (kind) {
        case policy_value_kind::amount: return policy_expected::amount;
        case policy_value_kind::rate: return policy_expected::rate;
        case policy_value_kind::count: return policy_expected::count;
        case policy_value_kind::choice: break;
    }
    return policy_expected::choice;
}

/// The text of a value entry's "value", or a problem: amounts are text or JSON integers, counts
/// JSON integers, rates and choices text.
[[nodiscard]] inline std::optional<std::string> value_of(const nlohmann::ordered_json& value, const policy_key_info& k,
                                                         const std::string& where, std::vector<policy_error>& errors) {
    const auto expected = expected_value(k.kind);
    if (value.is_number() && k.kind == policy_value_kind::rate) {
        errors.push_back({policy_problem::rate_as_number, where, value.dump(), expected});
        return std::nullopt;
    }
    if (value.is_string() && k.kind != policy_value_kind::count) return value.get<std::string>();
    if (value.is_number_integer() && (k.kind == policy_value_kind::amount || k.kind == policy_value_kind::count))
        return value.dump();
    errors.push_back({policy_problem::wrong_type, where, value.dump(), expected});
    return std::nullopt;
}

/// The text of a string member, or a wrong_type problem.
[[nodiscard]] inline std::optional<std::string> text_of(const nlohmann::ordered_json& value, const std::string& where,
                                                        std::vector<policy_error>& errors) {
    if (value.is_string()) return value.get<std::string>();
    errors.push_back({policy_problem::wrong_type, where, value.dump(), policy_expected::text});
    return std::nullopt;
}

/// Reads one value entry {"value", "status", "source", "place"} into `out`.
inline void read_value_entry(const nlohmann::ordered_json& entry, const policy_key_info& k, sourced_policy& out,
                             std::vector<policy_error>& errors) {
    const std::string key(k.name);
    if (!entry.is_object()) {
        errors.push_back({policy_problem::not_an_object, key, entry.dump(), policy_expected::object});
        return;
    }
    value_source source;
    for (const auto& [member, value] : entry.items()) {
        const std::string where = key + "." + member;
        if (member == "value") {
            if (const auto text = value_of(value, k, where, errors); text && !set_value(out.rules, k.key, *text))
                errors.push_back({policy_problem::bad_value, where, *text, expected_value(k.kind)});
        } else if (member == "status") {
            const auto text = text_of(value, where, errors);
            const auto status = text ? value_status_from_string(*text) : std::nullopt;
            if (status) source.status = *status;
            else if (text) errors.push_back({policy_problem::bad_value, where, *text, policy_expected::status});
        } else if (member == "source" || member == "place") {
            if (auto text = text_of(value, where, errors))
                (member == "source" ? source.document : source.place) = std::move(*text);
        } else {
            const auto meant = nearest(member, value_members);
            errors.push_back({policy_problem::unknown_key, where, meant ? std::string(*meant) : std::string()});
        }
    }
    for (const auto member : {"value", "status", "source"})
        if (!entry.contains(member)) errors.push_back({policy_problem::missing, key + "." + member});
    out.source(k.key) = std::move(source);
}

/// Line and character (1-based) of byte `offset` in UTF-8 `text`.
[[nodiscard]] inline std::pair<std::size_t, std::size_t> line_and_character(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < std::min(offset, text.size()); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

}  // namespace detail

/// Reads a policy file's text (UTF-8 JSON). Every problem is found, each named by its key.
[[nodiscard]] inline policy_read read_policy_json(std::string_view text) {
    using json = nlohmann::ordered_json;
    policy_read out;
    auto& errors = out.errors;
    json document;
    try {
        document = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // nlohmann's byte is one past the character it could not read.
        const auto [line, column] = detail::line_and_character(text, e.byte == 0 ? 0 : e.byte - 1);
        errors.push_back({policy_problem::not_json, {}, {}, policy_expected::object, line, column});
        return out;
    }
    if (!document.is_object()) {
        errors.push_back({policy_problem::not_an_object, {}, document.dump(), policy_expected::object});
        return out;
    }

    sourced_policy read{};
    // "based_on" first: the values the file leaves out are carried over from it.
    std::optional<sourced_policy> base;
    if (const auto found = document.find("based_on"); found != document.end()) {
        if (const auto name = detail::text_of(*found, "based_on", errors)) {
            base = builtin_sourced_policy(*name);
            if (!base) errors.push_back({policy_problem::unknown_base, "based_on", *name});
        }
    }
    if (base) {
        read = *base;
        for (auto& s : read.sources) {
            s.place = "carried over from " + std::string(base->rules.name) + ": " + s.place;
            s.status = value_status::assumed;
        }
    }

    const auto file_keys = detail::policy_file_keys();
    for (const auto& [key, value] : document.items()) {
        if (key == "based_on") continue;
        if (key == "name") {
            const auto name = detail::text_of(value, key, errors);
            if (name && (name->empty() || name->size() > policy_name::capacity))
                errors.push_back({policy_problem::bad_value, key, *name, policy_expected::name});
            else if (name)
                read.rules.name = std::string_view(*name);
        } else if (key == "fiscal_year") {
            if (value.is_number_integer() && value.get<long long>() >= 1900 && value.get<long long>() <= 9999)
                read.rules.fiscal_year = value.get<int>();
            else
                errors.push_back({value.is_number_integer() ? policy_problem::bad_value : policy_problem::wrong_type,
                                  key, value.dump(), policy_expected::fiscal_year});
        } else if (const auto k = policy_key_from_string(key)) {
            detail::read_value_entry(value, info(*k), read, errors);
        } else {
            const auto meant = detail::nearest(key, file_keys);
            errors.push_back({policy_problem::unknown_key, key, meant ? std::string(*meant) : std::string()});
        }
    }
    for (const auto member : {"name", "fiscal_year"})
        if (!document.contains(member)) errors.push_back({policy_problem::missing, member});
    if (!base && !document.contains("based_on"))
        for (const auto& k : policy_keys)
            if (!document.contains(k.name)) errors.push_back({policy_problem::missing, std::string(k.name)});
    if (errors.empty()) out.policy = std::move(read);
    return out;
}

/// The policy file of `p` as text: one line for each value.
[[nodiscard]] inline std::string format_json(const sourced_policy& p) {
    return detail::format_document(to_json(p), {});
}

/// What a policy file's problem says, in the language.
[[nodiscard]] inline std::string describe(const policy_error& e, language lang = language::english) {
    const bool ja = lang == language::japanese;
    const std::string where = e.key.empty() ? std::string() : e.key + ": ";
    const auto expected = [&]() -> std::string {
        switch (e.expected) {
            case policy_expected::object:
                return ja ? R"({"value", "status", "source", "place"} のオブジェクト)"
                          : R"(an object {"value", "status", "source", "place"})";
            case policy_expected::text: return ja ? "文字列" : "text";
            case policy_expected::name: return ja ? "1〜39 バイトの名前" : "a name of 1 to 39 bytes";
            case policy_expected::fiscal_year:
                return ja ? "1900〜9999 の整数（例: 2026）" : "a year from 1900 to 9999 such as 2026";
            case policy_expected::amount:
                return ja ? R"(0 以上の円の金額（例: "20000000"）)" : R"(an amount of yen, at least 0, such as "20000000")";
            case policy_expected::rate:
                return ja ? R"(割合の文字列（例: "10%"、"1/2"）)" : R"(a rate as text such as "10%" or "1/2")";
            case policy_expected::count: return ja ? "1 以上の整数" : "a whole number of at least 1";
            case policy_expected::status: return ja ? R"("confirmed" か "assumed")" : R"("confirmed" or "assumed")";
            case policy_expected::choice: break;
        }
        std::string names;
        const auto key = policy_key_from_string(e.key.substr(0, e.key.find('.')));
        for (const auto name : key ? choice_names(*key) : std::span<const std::string_view>{})
            names += (names.empty() ? "\"" : ja ? "、\"" : ", \"") + std::string(name) + "\"";
        return ja ? names + " のいずれか" : "one of " + names;
    };
    switch (e.problem) {
        case policy_problem::not_json:
            return ja ? std::to_string(e.line) + " 行 " + std::to_string(e.column) + " 文字目: JSON として読めません"
                      : "line " + std::to_string(e.line) + ", character " + std::to_string(e.column) +
                            ": not JSON (a policy file is a JSON object)";
        case policy_problem::not_an_object:
            if (e.key.empty())
                return ja ? R"(規則ファイルは JSON のオブジェクトです（{"name": ..., "fiscal_year": ..., "cap": {...}, ...}）)"
                          : R"(a policy file is a JSON object {"name": ..., "fiscal_year": ..., "cap": {...}, ...})";
            return where + (ja ? expected() + "で書いてください" : "expected " + expected());
        case policy_problem::unknown_key: {
            const std::string hint = e.found.empty() ? std::string()
                                     : ja           ? "（「" + e.found + "」のことですか）"
                                                    : " (did you mean \"" + e.found + "\"?)";
            return ja ? "不明なキー「" + e.key + "」です" + hint : "unknown key \"" + e.key + "\"" + hint;
        }
        case policy_problem::wrong_type:
            return where + (ja ? e.found + " は使えません。" + expected() + "で書いてください"
                               : "expected " + expected() + ", found " + e.found);
        case policy_problem::missing:
            if (e.key.find('.') == std::string::npos && policy_key_from_string(e.key))
                return where + (ja ? R"(ありません（または "based_on": "fy2026" で引き継ぎ）)"
                                   : R"(missing (or carry it over with "based_on": "fy2026"))");
            return where + (ja ? "ありません" : "missing");
        case policy_problem::rate_as_number:
            return where + (ja ? "割合を JSON の数値 " + e.found + R"( で書くことはできません。文字列で書いてください（例: "10%"、"1/2"）)"
                               : "a rate is text such as \"10%\" or \"1/2\", not the JSON number " + e.found +
                                     " (no binary float reads a rate)");
        case policy_problem::bad_value:
            return where + (ja ? "「" + e.found + "」は使えません。" + expected() + "で書いてください"
                               : "\"" + e.found + "\" is not allowed: expected " + expected());
        case policy_problem::unknown_base:
            return where + (ja ? "組み込みの規則「" + e.found + "」はありません（" + known_policy_names() + "）"
                               : "no built-in policy \"" + e.found + "\" (known: " + known_policy_names() + ")");
    }
    return where;
}

/// The problems of a policy file as one exception, each on a line.
class policy_file_error : public std::invalid_argument {
public:
    explicit policy_file_error(std::vector<policy_error> errors, language lang = language::english)
        : std::invalid_argument(joined(errors, lang)), errors_(std::move(errors)) {}
    [[nodiscard]] const std::vector<policy_error>& errors() const noexcept { return errors_; }

private:
    static std::string joined(const std::vector<policy_error>& errors, language lang) {
        std::string out;
        for (const auto& e : errors) out += (out.empty() ? "" : "\n") + describe(e, lang);
        return out;
    }
    std::vector<policy_error> errors_;
};

/// A policy file's policy; throws policy_file_error naming every problem.
[[nodiscard]] inline sourced_policy parse_policy_json(std::string_view text, language lang = language::english) {
    auto read = read_policy_json(text);
    if (!read.ok()) throw policy_file_error(std::move(read.errors), lang);
    return std::move(*read.policy);
}

}  // namespace c3p
