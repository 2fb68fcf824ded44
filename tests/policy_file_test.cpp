// Policies as data: each value's key, source and status; policy files written and read back;
// every problem of a bad file named by its key, in both languages; the shipped files equal the
// built-in policies.
#include <c3p/plan.hpp>
#include <c3p/policy_file.hpp>
#include <c3p/report.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

using c3p::policy_key;
using c3p::policy_problem;

std::vector<policy_problem> problems(const c3p::policy_read& r) {
    std::vector<policy_problem> out;
    for (const auto& e : r.errors) out.push_back(e.problem);
    return out;
}

std::vector<std::string> keys(const c3p::policy_read& r) {
    std::vector<std::string> out;
    for (const auto& e : r.errors) out.push_back(e.key);
    return out;
}

/// A complete policy file of fy2025 with `key`'s entry replaced by `entry` (JSON text).
std::string fy2025_with(std::string_view key, std::string_view entry) {
    auto document = c3p::to_json(*c3p::builtin_sourced_policy("fy2025"));
    document[std::string(key)] = nlohmann::ordered_json::parse(entry);
    return document.dump();
}

std::string shipped(std::string_view name) {
    return c3p_test::file_bytes(c3p_test::example_path("../policies/" + std::string(name) + ".json"));
}

}  // namespace

TEST_SUITE("policy_file") {
    TEST_CASE("policy keys: a row for every key in order, each field reached once, a label in both languages") {
        std::set<std::string_view> names;
        for (std::size_t i = 0; i < c3p::policy_key_count; ++i) {
            const auto& k = c3p::policy_keys[i];
            CAPTURE(k.name);
            CHECK(static_cast<std::size_t>(k.key) == i);
            CHECK(names.insert(k.name).second);
            CHECK(c3p::policy_key_from_string(k.name) == k.key);
            CHECK_FALSE(k.english.empty());
            CHECK_FALSE(k.japanese.empty());
            CHECK(c3p::choice_names(k.key).empty() == (k.kind != c3p::policy_value_kind::choice));
        }
        CHECK_FALSE(c3p::policy_key_from_string("name").has_value());
        // Changing one key's value changes that field alone: no two keys share a field.
        for (const auto& k : c3p::policy_keys) {
            CAPTURE(k.name);
            c3p::policy changed = c3p::fy2025;
            const std::string other = k.kind == c3p::policy_value_kind::choice ? std::string(c3p::choice_names(k.key)[1])
                                      : k.kind == c3p::policy_value_kind::count ? "7"
                                      : k.kind == c3p::policy_value_kind::rate  ? "3/7"
                                                                                : "123";
            REQUIRE(c3p::set_value(changed, k.key, other));
            CHECK(c3p::value_text(changed, k.key) == (k.kind == c3p::policy_value_kind::choice ? other
                                                      : k.kind == c3p::policy_value_kind::rate ? "3/7"
                                                                                               : other));
            std::size_t differing = 0;
            for (const auto& j : c3p::policy_keys)
                differing += c3p::value_text(changed, j.key) != c3p::value_text(c3p::fy2025, j.key) ? 1U : 0U;
            CHECK(differing == 1);
        }
    }

    TEST_CASE("docs/policies.md: its table of keys is the library's, in order") {
        const auto doc = c3p_test::file_bytes(c3p_test::example_path("../docs/policies.md"));
        std::size_t previous = 0;
        for (const auto& k : c3p::policy_keys) {
            std::string value;
            switch (k.kind) {
                case c3p::policy_value_kind::amount: value = "amount"; break;
                case c3p::policy_value_kind::rate: value = "rate"; break;
                case c3p::policy_value_kind::count: value = "count"; break;
                case c3p::policy_value_kind::choice:
                    if (c3p::choice_names(k.key).size() == std::size(c3p::detail::rounding_names)) {
                        value = "rounding";
                        break;
                    }
                    for (const auto name : c3p::choice_names(k.key))
                        value += (value.empty() ? "`" : ", `") + std::string(name) + "`";
            }
            const std::string row = "| `" + std::string(k.name) + "` | " + value + " | " + std::string(k.english) + " |\n";
            CAPTURE(row);
            const auto at = doc.find(row);
            REQUIRE(at != std::string::npos);
            CHECK(at > previous);
            previous = at;
        }
    }

    TEST_CASE("values: amounts, rates, counts and choices as text, refused when out of their range") {
        c3p::policy p = c3p::fy2025;
        CHECK(c3p::set_value(p, policy_key::cap, "22,000,000"));
        CHECK(p.cap == c3p::yen(22'000'000));
        CHECK(c3p::set_value(p, policy_key::cap, "0"));
        CHECK_FALSE(c3p::set_value(p, policy_key::cap, "-1"));
        CHECK_FALSE(c3p::set_value(p, policy_key::cap, "twenty"));
        CHECK(p.cap == c3p::yen(0));
        CHECK(c3p::set_value(p, policy_key::consumption_tax, "8%"));
        CHECK(p.consumption_tax == c3p::rate::percent(8));
        CHECK(c3p::set_value(p, policy_key::consumption_tax, "0.1"));
        CHECK(p.consumption_tax == c3p::rate::percent(10));
        CHECK(c3p::set_value(p, policy_key::outsourcing_share, "1/2"));
        CHECK(p.outsourcing_share == c3p::rate::fraction(1, 2));
        CHECK(c3p::set_value(p, policy_key::outsourcing_share, "2/6"));
        CHECK(c3p::value_text(p, policy_key::outsourcing_share) == "1/3");
        for (const auto* bad : {"1/0", "-1/2", "1.5/2", "1/", "/2", "ten%", "-5%", ""}) {
            CAPTURE(bad);
            CHECK_FALSE(c3p::set_value(p, policy_key::outsourcing_share, bad));
        }
        CHECK(p.outsourcing_share == c3p::rate::fraction(1, 3));
        CHECK(c3p::set_value(p, policy_key::max_phases, "1"));
        CHECK(p.max_phases == 1);
        for (const auto* bad : {"0", "-1", "2.0", "x", "", "99999"}) {
            CAPTURE(bad);
            CHECK_FALSE(c3p::set_value(p, policy_key::max_phases, bad));
        }
        CHECK(c3p::set_value(p, policy_key::settlement, "per_category"));
        CHECK(p.settlement == c3p::settlement_basis::per_category);
        CHECK_FALSE(c3p::set_value(p, policy_key::settlement, "Per_Category"));
        CHECK(c3p::set_value(p, policy_key::tax_rounding, "half_up"));
        CHECK(p.tax_rounding == c3p::rounding::half_up);
        // The choice names agree with the enumerations' own names where the library has them.
        for (const auto mode : {c3p::rounding::floor, c3p::rounding::ceiling, c3p::rounding::truncate,
                                c3p::rounding::half_up, c3p::rounding::half_even, c3p::rounding::never}) {
            p.line_rounding = mode;
            CHECK(c3p::value_text(p, policy_key::line_rounding) == c3p::to_string(mode));
        }
        p.transfer_of = c3p::transfer_base::receiving_category;
        CHECK(c3p::value_text(p, policy_key::transfer_of) == c3p::to_string(p.transfer_of));
    }

    TEST_CASE("built-in sources: fy2025 from its documents; fy2026 confirms the cap and the phases, assumes the rest") {
        const auto fy2025 = c3p::builtin_sourced_policy("fy2025");
        const auto fy2026 = c3p::builtin_sourced_policy("fy2026");
        REQUIRE(fy2025);
        REQUIRE(fy2026);
        CHECK_FALSE(c3p::builtin_sourced_policy("fy2027"));
        CHECK(fy2025->rules == c3p::fy2025);
        CHECK(fy2026->rules == c3p::fy2026);
        for (const auto& s : fy2025->sources) CHECK_FALSE(s.document.empty());
        CHECK(fy2025->source(policy_key::cap).status == c3p::value_status::confirmed);
        CHECK(fy2025->source(policy_key::consumption_tax).status == c3p::value_status::confirmed);
        CHECK(fy2025->source(policy_key::transfer_share).status == c3p::value_status::assumed);
        std::set<policy_key> confirmed;
        for (const auto& k : c3p::policy_keys) {
            CAPTURE(k.name);
            const auto& s = fy2026->source(k.key);
            CHECK_FALSE(s.document.empty());
            if (s.status == c3p::value_status::confirmed) {
                confirmed.insert(k.key);
                CHECK(s.document == c3p::sources::fy2026_call);
            } else {
                CHECK(s.place.starts_with("carried over from fy2025: "));
                CHECK(s.document == fy2025->source(k.key).document);
            }
        }
        CHECK(confirmed == std::set{policy_key::cap, policy_key::max_phase_years, policy_key::max_phases});
        const auto all = c3p::builtin_sourced_policies();
        REQUIRE(all.size() == c3p::known_policies.size());
        CHECK(all[0] == *fy2025);
        CHECK(all[1] == *fy2026);
    }

    TEST_CASE("policy files: every built-in written and read back equals itself; the shipped files are those") {
        for (const auto& p : c3p::builtin_sourced_policies()) {
            CAPTURE(p.rules.name);
            const auto text = c3p::format_json(p);
            const auto read = c3p::read_policy_json(text);
            REQUIRE(read.ok());
            CHECK(*read.policy == p);
            CHECK(shipped(p.rules.name) == text);
        }
        // A policy with values of every kind changed, and a rate without a short decimal form.
        auto p = *c3p::builtin_sourced_policy("fy2026");
        p.rules.name = "fy2027_draft";
        p.rules.fiscal_year = 2027;
        p.rules.cap = c3p::yen(22'000'000);
        p.rules.outsourcing_share = c3p::rate::fraction(2, 3);
        p.rules.equipment_basis = c3p::threshold_basis::tax_exclusive;
        p.rules.max_phases = 3;
        p.source(policy_key::cap) = {"MOE, the FY2027 call", "", c3p::value_status::confirmed};
        const auto read = c3p::read_policy_json(c3p::format_json(p));
        REQUIRE(read.ok());
        CHECK(*read.policy == p);
    }

    TEST_CASE("policy files: based_on carries the values left out, marked assumed") {
        const auto read = c3p::read_policy_json(R"({"name": "fy2027", "fiscal_year": 2027, "based_on": "fy2026",
            "cap": {"value": "22000000", "status": "confirmed", "source": "MOE, the FY2027 call"}})");
        REQUIRE(read.ok());
        const auto& p = *read.policy;
        CHECK(p.rules.name == "fy2027");
        CHECK(p.rules.fiscal_year == 2027);
        CHECK(p.rules.cap == c3p::yen(22'000'000));
        CHECK(p.source(policy_key::cap) == c3p::value_source{"MOE, the FY2027 call", "", c3p::value_status::confirmed});
        c3p::policy expected = c3p::fy2026;
        expected.name = "fy2027";
        expected.fiscal_year = 2027;
        expected.cap = c3p::yen(22'000'000);
        CHECK(p.rules == expected);
        const auto fy2026 = *c3p::builtin_sourced_policy("fy2026");
        for (const auto& k : c3p::policy_keys) {
            if (k.key == policy_key::cap) continue;
            CAPTURE(k.name);
            CHECK(p.source(k.key).status == c3p::value_status::assumed);
            CHECK(p.source(k.key).place == "carried over from fy2026: " + fy2026.source(k.key).place);
        }
    }

    TEST_CASE("bad policy files: every problem at once, each named by its key") {
        SUBCASE("not JSON: the line and character") {
            const auto r = c3p::read_policy_json("{\n  \"name\": \"a\",\n  x}");
            REQUIRE(r.errors.size() == 1);
            CHECK(r.errors[0].problem == policy_problem::not_json);
            CHECK(r.errors[0].line == 3);
            CHECK(r.errors[0].column == 3);
            CHECK(c3p::describe(r.errors[0]) == "line 3, character 3: not JSON (a policy file is a JSON object)");
            CHECK(c3p::describe(r.errors[0], c3p::language::japanese) == "3 行 3 文字目: JSON として読めません");
            const auto wide = c3p::read_policy_json("{\"name\": \"規則\" x}");
            REQUIRE(wide.errors.size() == 1);
            CHECK(wide.errors[0].column == 15);  // characters, not bytes
        }
        SUBCASE("not an object") {
            const auto r = c3p::read_policy_json("[1, 2]");
            CHECK(problems(r) == std::vector{policy_problem::not_an_object});
            CHECK_FALSE(r.policy);
        }
        SUBCASE("an empty object: the name, the year and every value missing") {
            const auto r = c3p::read_policy_json("{}");
            CHECK(r.errors.size() == 2 + c3p::policy_key_count);
            for (const auto p : problems(r)) CHECK(p == policy_problem::missing);
            CHECK(keys(r)[0] == "name");
            CHECK(keys(r)[2] == "cap");
            CHECK(c3p::describe(r.errors[2]) == R"(cap: missing (or carry it over with "based_on": "fy2026"))");
        }
        SUBCASE("a rate written as a JSON number") {
            const auto r = c3p::read_policy_json(
                fy2025_with("consumption_tax", R"({"value": 0.1, "status": "confirmed", "source": "law"})"));
            REQUIRE(r.errors.size() == 1);
            CHECK(r.errors[0].problem == policy_problem::rate_as_number);
            CHECK(r.errors[0].key == "consumption_tax.value");
            CHECK(c3p::describe(r.errors[0]) ==
                  R"(consumption_tax.value: a rate is text such as "10%" or "1/2", not the JSON number 0.1 (no binary float reads a rate))");
            CHECK(c3p::describe(r.errors[0], c3p::language::japanese) ==
                  R"(consumption_tax.value: 割合を JSON の数値 0.1 で書くことはできません。文字列で書いてください（例: "10%"、"1/2"）)");
            // An integer is refused too: 10 would be 1000%.
            CHECK(problems(c3p::read_policy_json(fy2025_with(
                      "consumption_tax", R"({"value": 10, "status": "confirmed", "source": "law"})"))) ==
                  std::vector{policy_problem::rate_as_number});
        }
        SUBCASE("wrong types, bad values, unknown keys and members: all of them") {
            const auto r = c3p::read_policy_json(R"({"name": "", "fiscal_year": 2027.5, "based_on": "fy2026", "capp": 1,
                "cap": {"value": "-5", "status": "assumed", "source": "me"},
                "equipment_basis": {"value": "inclusive", "status": "sure", "source": 3, "plac": ""},
                "max_phases": {"value": "2", "status": "assumed"},
                "maximum_uplift": "5000000",
                "equipment_threshold": {"value": 200000.5, "status": "assumed", "source": "me"}})");
            CHECK_FALSE(r.policy);
            CHECK(keys(r) == std::vector<std::string>{"name", "fiscal_year", "capp", "cap.value",
                                                      "equipment_basis.value", "equipment_basis.status",
                                                      "equipment_basis.source", "equipment_basis.plac",
                                                      "max_phases.value", "max_phases.source", "maximum_uplift",
                                                      "equipment_threshold.value"});
            CHECK(problems(r) == std::vector{policy_problem::bad_value, policy_problem::wrong_type,
                                             policy_problem::unknown_key, policy_problem::bad_value,
                                             policy_problem::bad_value, policy_problem::bad_value,
                                             policy_problem::wrong_type, policy_problem::unknown_key,
                                             policy_problem::wrong_type, policy_problem::missing,
                                             policy_problem::not_an_object, policy_problem::wrong_type});
            std::vector<std::string> english, japanese;
            for (const auto& e : r.errors) {
                english.push_back(c3p::describe(e));
                japanese.push_back(c3p::describe(e, c3p::language::japanese));
                CHECK(english.back().find(e.key) != std::string::npos);
                CHECK(japanese.back() != english.back());
            }
            CHECK(english[2] == R"(unknown key "capp" (did you mean "cap"?))");
            CHECK(japanese[2] == "不明なキー「capp」です（「cap」のことですか）");
            CHECK(english[3] == R"(cap.value: "-5" is not allowed: expected an amount of yen, at least 0, such as "20000000")");
            CHECK(english[4] ==
                  R"(equipment_basis.value: "inclusive" is not allowed: expected one of "tax_inclusive", "tax_exclusive")");
            CHECK(japanese[4] ==
                  R"(equipment_basis.value: 「inclusive」は使えません。"tax_inclusive"、"tax_exclusive" のいずれかで書いてください)");
            CHECK(english[7] == R"(unknown key "equipment_basis.plac" (did you mean "place"?))");
            CHECK(english[8] == R"(max_phases.value: expected a whole number of at least 1, found "2")");
        }
        SUBCASE("based_on names no built-in policy") {
            const auto r = c3p::read_policy_json(R"({"name": "x", "fiscal_year": 2027, "based_on": "fy2099"})");
            CHECK(problems(r) == std::vector{policy_problem::unknown_base});
            CHECK(c3p::describe(r.errors[0]) == R"(based_on: no built-in policy "fy2099" (known: fy2025, fy2026))");
        }
        SUBCASE("a name too long for a policy") {
            const std::string name(c3p::policy_name::capacity + 1, 'n');
            const auto r = c3p::read_policy_json(R"({"name": ")" + name + R"(", "fiscal_year": 2027, "based_on": "fy2026"})");
            CHECK(problems(r) == std::vector{policy_problem::bad_value});
            const std::string longest(c3p::policy_name::capacity, 'n');
            CHECK(c3p::read_policy_json(R"({"name": ")" + longest + R"(", "fiscal_year": 2027, "based_on": "fy2026"})").ok());
        }
        SUBCASE("parse_policy_json throws every problem") {
            try {
                (void)c3p::parse_policy_json(R"({"name": "x"})");
                FAIL("no exception");
            } catch (const c3p::policy_file_error& e) {
                CHECK(e.errors().size() == 1 + c3p::policy_key_count);
                CHECK(std::string(e.what()).starts_with("fiscal_year: missing\ncap: missing"));
            }
        }
    }

    TEST_CASE("fy2026 from its shipped file: the same checks as the built-in, and an FY2026 plan year not assumed") {
        const auto fy2026 = c3p::parse_policy_json(shipped("fy2026"));
        std::size_t checked = 0;
        for (const auto* name : {"fy2025_toyama_semarang.csv", "fy2025_rules_broken.csv", "fy2025_japanese_items.csv"}) {
            CAPTURE(name);
            const auto text = c3p_test::sample_file(name);
            const auto built_in = c3p::check_csv(text, {.rules = &c3p::fy2026});
            const auto from_file = c3p::check_csv(text, {.rules = &fy2026.rules});
            REQUIRE(built_in.ok());
            CHECK(c3p::format_json(from_file.result) == c3p::format_json(built_in.result));
            ++checked;
        }
        CHECK(checked == 3);
        const auto plan_text = c3p_test::file_bytes(c3p_test::example_path("plan/plan_fy2025_2027.csv"));
        const auto read = c3p::read_plan_csv(plan_text);
        REQUIRE(read.ok());
        const std::array<const c3p::policy*, 2> known{&c3p::fy2025, &fy2026.rules};
        const auto r = c3p::check_plan(read.plan, {.policies = known});
        REQUIRE(r.years.size() == 3);
        CHECK(r.years[1].fiscal_year == 2026);
        CHECK_FALSE(r.years[1].policy_assumed);
        CHECK(r.years[1].policy == c3p::fy2026);
        CHECK(r.years[2].policy_assumed);  // FY2027 has no policy yet
    }

    TEST_CASE("policy reports: the list and each value with its status and source, in both languages") {
        const auto all = c3p::builtin_sourced_policies();
        CHECK(c3p::format_policy_list(all) ==
              "Policies (name, fiscal year, values confirmed for that year):\n"
              "  fy2025    FY2025 (R7)             8 of 17 confirmed\n"
              "  fy2026    FY2026 (R8)             3 of 17 confirmed\n"
              "Each value and its source: c3p-check policy show NAME\n");
        CHECK(c3p::format_policy_list(all, c3p::language::japanese).find("fy2026    令和8年度（FY2026）     17 件中 3 件確認済み") !=
              std::string::npos);
        const auto en = c3p::format_policy_report(all[1]);
        CHECK(en.starts_with("Policy fy2026, FY2026 (R8): 3 values confirmed, 14 assumed\n"));
        CHECK(en.find("cap a fiscal year, tax included (cap): 20,000,000\n"
                      "    confirmed: MOE, the FY2026 call (February 2026), 全地域一律(上限):2,000万円/年(税込)\n") !=
              std::string::npos);
        const auto ja = c3p::format_policy_report(all[1], c3p::language::japanese);
        CHECK(ja.find("消費税率 (consumption_tax): 10%\n    推定　") != std::string::npos);
        CHECK(ja.find("上限額（年度・税込） (cap): 20,000,000円\n    確認済み　") != std::string::npos);
        for (const auto& k : c3p::policy_keys) {
            CAPTURE(k.name);
            CHECK(en.find(" (" + std::string(k.name) + "): ") != std::string::npos);
            CHECK(ja.find(std::string(k.japanese) + " (" + std::string(k.name) + "): ") != std::string::npos);
        }
    }
}
