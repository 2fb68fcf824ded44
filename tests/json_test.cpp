// The JSON documents (c3p/json.hpp, target c3p::json): keys in a fixed order, amounts as exact
// decimal strings, and the text layout of one line per member and per violation.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/derivation.hpp>
#include <c3p/json.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "lines_parts.hpp"
#include "random_budgets.hpp"
#include "support.hpp"

using namespace c3p::literals;

TEST_SUITE("json") {
    TEST_CASE("json: the result object has the documented keys in order and no JSON numbers for amounts") {
        const auto j = c3p::to_json(c3p::check(c3p_test::sample_budget()));
        std::vector<std::string> keys;
        for (const auto& [key, value] : j.items()) keys.push_back(key);
        CHECK(keys == std::vector<std::string>{"policy", "totals", "categories", "general_admin_base", "general_admin_rate",
                                               "granted_uplift", "items", "violations"});
        std::vector<std::string> items;
        for (const auto& [key, value] : j["items"].items()) {
            items.push_back(key);
            CHECK(value.is_string());
        }
        CHECK(items.front() == "personnel");
        CHECK(items.back() == "joint_implementation");
        CHECK(items.size() == 16);
        CHECK(j["totals"]["pre_tax"] == "15839799");
        CHECK(c3p::format_json(c3p::check(c3p_test::sample_budget())).ends_with(" \"violations\":[]}\n"));
    }

    TEST_CASE("json: the text is the document, one line per member and per violation") {
        c3p::budget b = c3p_test::sample_budget();
        b.add<c3p::items::equipment>("logger \"Mk II\", 日本製", 100'000_yen).add<c3p::items::wages>("none", 0_yen);
        b.state<c3p::items::consumption_tax>(1_yen);
        for (const auto& budget : {c3p_test::sample_budget(), b}) {
            const auto result = c3p::check(budget);
            const auto text = c3p::format_json(result);
            CHECK(nlohmann::ordered_json::parse(text) == c3p::to_json(result));  // keys in order too
            std::vector<std::string> lines;
            for (std::size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
                lines.push_back(text.substr(start, end - start));
            const auto& violations = result.violations;
            REQUIRE(lines.size() == (violations.empty() ? 8 : 9 + violations.size()));
            CHECK(lines[0] == R"({"policy":"fy2025",)");
            CHECK(lines[1].starts_with(R"( "totals":{"direct":")"));
            CHECK(lines[2].starts_with(R"( "categories":{"personnel":")"));
            CHECK(lines[3].starts_with(R"( "general_admin_base":")"));
            CHECK(lines[4].starts_with(R"( "general_admin_rate":)"));
            CHECK(lines[5].starts_with(R"( "granted_uplift":")"));
            CHECK(lines[6].starts_with(R"( "items":{"personnel":")"));
            if (violations.empty()) {
                CHECK(lines[7] == R"( "violations":[]})");
                continue;
            }
            CHECK(lines[7] == R"( "violations":[)");
            for (std::size_t k = 0; k < violations.size(); ++k)
                CHECK(lines[8 + k].starts_with(R"(  {"code":")" + std::string(violations[k].code()) + "\""));
            CHECK(lines.back() == " ]}");
        }
    }

    TEST_CASE("json: a violation carries its figures as strings, null where there is none, and its sentence") {
        c3p::budget b;
        b.add<c3p::items::personnel>("staff", 1'000'000_yen).add<c3p::items::outsourcing>("consultant", 1'000'001_yen);
        const auto j = c3p::to_json(c3p::check(b));
        const auto& v = j["violations"][0];
        CHECK(v["code"] == "outsourcing.over_half");
        CHECK(v["severity"] == "error");
        CHECK(v["line"].is_null());
        CHECK(v["item"] == "outsourcing");
        CHECK(v["actual"] == "1000001");
        CHECK(v["limit"] == "1000000.5");
        CHECK(v["message"] == "outsourcing 1,000,001 yen exceeds 50% of the pre-tax total 2,000,001 yen (1,000,000.5 yen)");
        c3p::budget line;
        line.add<c3p::items::wages>("free", 0_yen);
        const auto w = c3p::to_json(c3p::check(line))["violations"][0];
        CHECK(w["line"] == 0);
        CHECK(w["limit"].is_null());
    }

    TEST_CASE("json: categories, the G&A base and rate, the granted uplift and file lines") {
        const auto read = c3p::read_budget_csv(
            "# ga_rate: 7.5%\n# uplift: 6000000\nitem,unit_price,field_survey\n人件費,1000000,\n"
            "outsourcing,300000,\noverseas_travel,200000,yes\njoint_implementation,50000,\n");
        REQUIRE(read.ok());
        const auto j = c3p::to_json(c3p::check(read.budget));
        CHECK(j["categories"] == nlohmann::ordered_json{{"personnel", "1000000"}, {"operating", "500000"},
                                                        {"joint_implementation", "50000"}, {"general_admin", "90000"}});
        CHECK(j["general_admin_base"] == "1200000");  // outsourcing excluded
        CHECK(j["general_admin_rate"] == "0.075");
        CHECK(j["granted_uplift"] == "5000000");  // at most 5,000,000 of the 6,000,000 asked
        CHECK(j["violations"][0]["code"] == "uplift.over_maximum");
        CHECK(j["violations"][0]["source_line"].is_null());

        const auto broken = c3p::read_budget_csv("item,unit_price\nwages,0\n合計,0\n");
        const auto k = c3p::to_json(c3p::check(broken.budget), c3p::language::japanese);
        REQUIRE(k["violations"].size() == 2);
        CHECK(k["violations"][0]["line"] == 0);
        CHECK(k["violations"][0]["source_line"] == 2);
        CHECK(k["violations"][1]["code"] == "input.summary_row");
        CHECK(k["violations"][1]["line"].is_null());
        CHECK(k["violations"][1]["source_line"] == 3);
        CHECK(k["general_admin_rate"].is_null());
        CHECK(k["violations"][0]["message"] == c3p::describe(c3p::check(broken.budget).violations[0], c3p::language::japanese));
    }

    TEST_CASE("json: the lines and their amounts, one text line each, when the check kept them") {
        const auto read = c3p::read_budget_csv("# ga_rate: 10%\nitem,unit_price,quantity,price_basis\n\nwages,1100,3,inclusive\n"
                                               "合計,0,,\nconsumables,0.5,3,\n");
        REQUIRE(read.ok());
        const auto kept = c3p::check(read.budget, c3p::fy2025, {.line_amounts = true});
        const auto j = c3p::to_json(kept);
        const nlohmann::ordered_json expected = nlohmann::ordered_json::parse(
            R"([{"line":0,"source_line":4,"item":"wages","amount":"3000"},)"
            R"( {"line":1,"source_line":6,"item":"consumables","amount":"1"}])");
        CHECK(j["lines"] == expected);  // 3,300 / 1.1 and 1.5 floored; the summary row is no line
        std::vector<std::string> keys;
        for (const auto& [key, value] : j.items()) keys.push_back(key);
        CHECK(keys[keys.size() - 2] == "lines");  // just before the violations
        const auto text = c3p::format_json(kept);
        CHECK(text.find("\"lines\":[\n  {\"line\":0,\"source_line\":4,\"item\":\"wages\",\"amount\":\"3000\"},\n  "
                        "{\"line\":1,") != std::string::npos);
        CHECK(nlohmann::ordered_json::parse(text) == j);

        CHECK_FALSE(c3p::to_json(c3p::check(read.budget)).contains("lines"));
        c3p::budget none;
        CHECK(c3p::to_json(c3p::check(none, c3p::fy2025, {.line_amounts = true}))["lines"] == nlohmann::ordered_json::array());
    }

    TEST_CASE("json: a settlement's document, amounts as strings, in the documented order") {
        c3p::budget b;
        b.add<c3p::items::personnel>("engineers", 8'000'000_yen);
        b.add<c3p::items::meeting>("workshops", 8'000'000_yen);
        b.set_general_admin_rate(c3p::rate::percent(10));
        auto p = c3p::fy2025;
        p.settlement = c3p::settlement_basis::per_category;
        p.transfer_share = c3p::rate{};
        const std::vector<c3p::actual_record> spent{
            {c3p::line{.item = c3p::item::personnel, .unit_price = 8'500'000_yen}, std::chrono::year(2025) / 6 / 1},
            {c3p::line{.item = c3p::item::meeting, .unit_price = 7'000'000_yen}, std::chrono::year(2025) / 6 / 2}};
        const auto s = c3p::settle(c3p::contract{b}, spent, p);
        const auto j = c3p::to_json(s, c3p::language::japanese);
        std::vector<std::string> keys;
        for (const auto& [key, value] : j.items()) keys.push_back(key);
        CHECK(keys == std::vector<std::string>{"policy", "settlement_basis", "fiscal_year", "categories", "general_admin",
                                               "pre_tax", "consumption_tax", "total", "contract_amount", "payable",
                                               "returned", "transfer_allowance", "variance", "violations"});
        CHECK(j["transfer_allowance"] == "0");
        // Plan against actual, as the text report and Python give it.
        CHECK(j["variance"] == nlohmann::ordered_json::array(
                                   {{{"item", "personnel"}, {"contracted", "8000000"}, {"actual", "8500000"}, {"difference", "500000"}},
                                    {{"item", "meeting"}, {"contracted", "8000000"}, {"actual", "7000000"}, {"difference", "-1000000"}}}));
        CHECK(j["settlement_basis"] == "per_category");
        CHECK(j["categories"]["personnel"] == nlohmann::ordered_json{{"contracted", "8000000"}, {"actual", "8500000"},
                                                                     {"moved", "0"}, {"eligible", "8000000"},
                                                                     {"unpaid", "500000"}});
        CHECK(j["general_admin"] == nlohmann::ordered_json{{"contracted", "1600000"}, {"settled", "1500000"}});
        CHECK(j["payable"] == "18150000");
        CHECK(j["returned"] == "1210000");
        REQUIRE(j["violations"].size() == 2);
        CHECK(j["violations"][0]["code"] == "transfer.needs_approval");
        CHECK(j["violations"][0]["actual"] == "500000");
        CHECK(j["violations"][1]["message"] == c3p::describe(s.violations[1], c3p::language::japanese));
        CHECK(nlohmann::ordered_json::parse(c3p::format_json(s, c3p::language::japanese)) == j);
    }

    TEST_CASE("json: a file's input errors as a document of their own, in either language") {
        const auto read = c3p::read_budget_csv("費目,単価\n旅費,1\nwages,12a\n");
        REQUIRE(read.errors.size() == 2);
        const auto text = c3p::format_json(read.errors, c3p::language::japanese);
        const auto j = nlohmann::ordered_json::parse(text);
        CHECK(j == c3p::to_json(read.errors, c3p::language::japanese));
        CHECK(text.starts_with("{\"errors\":[\n  {\"source_line\":2,\"column\":1,\"cell\":\"A2\",\"code\":\"input.ambiguous_item\""));
        CHECK(j["errors"][1]["cell"] == "B3");
        CHECK(j["errors"][1]["source_line"] == 3);
        CHECK(j["errors"][1]["column"] == 9);
        CHECK(j["errors"][1]["code"] == "input.invalid_number");
        CHECK(j["errors"][1]["message"] == c3p::describe(read.errors[1], c3p::language::japanese));
        CHECK(c3p::format_json(std::vector<c3p::input_error>{}) == "{\"errors\":[]}\n");
    }

    TEST_CASE("json: text needs no escape up to its first quote, backslash or control character, UTF-8 included") {
        const auto plain_byte = [](unsigned char c) { return c >= 0x20 && c != '"' && c != '\\'; };
        const auto plain_ascii = [&](unsigned char c) { return plain_byte(c) && c < 0x7f; };
        // Every byte value at every place of texts of 1 to 19 bytes (whole words of eight and
        // tails), beside neighbours that could carry or borrow into it.
        std::size_t escaped = 0;
        for (std::size_t length = 1; length < 20; ++length) {
            for (std::size_t at = 0; at < length; ++at) {
                for (int byte = 0; byte < 256; ++byte) {
                    std::string text(length, 'a');
                    text[at] = static_cast<char>(byte);
                    if (at + 1 < length) text[at + 1] = static_cast<char>(0xff - byte);
                    if (at > 0) text[at - 1] = static_cast<char>(0xe3);  // a UTF-8 lead byte before it
                    const auto first_not = [&](auto plain) {
                        const auto stop = [&](char c) { return !plain(static_cast<unsigned char>(c)); };
                        return static_cast<std::size_t>(std::find_if(text.begin(), text.end(), stop) - text.begin());
                    };
                    CAPTURE(length);
                    CAPTURE(at);
                    CAPTURE(byte);
                    REQUIRE(c3p::detail::json_plain_prefix(text) == first_not(plain_byte));
                    REQUIRE(c3p::detail::json_plain_prefix(text, true) == first_not(plain_ascii));
                    escaped += first_not(plain_byte) < length;
                }
            }
        }
        // Of each length's texts, 34 byte values need an escape at its last place, 68 elsewhere (the
        // byte's or its neighbour 0xff - byte's): 68 x (0 + 1 + ... + 18) + 34 x 19.
        CHECK(escaped == 12274);
        const std::string raw = "単価 \"1\"\\\n\x01 end";
        std::string out;
        c3p::detail::append_json_chars(out, raw);
        CHECK(out == R"(単価 \"1\"\\\n\u0001 end)");
        CHECK('"' + out + '"' == nlohmann::json(raw).dump());
    }

    TEST_CASE("json: a derivation written step by step is the document the JSON library writes") {
        auto b = c3p_test::sample_budget();
        b.add(c3p::line{.item = c3p::item::equipment, .unit_price = c3p::yen(210'000), .basis = c3p::price_basis::inclusive});
        // A policy whose name needs escaping, and Japanese in its sources.
        auto p = *c3p::builtin_sourced_policy("fy2026");
        p.rules.name = "fy2027 \"draft\"\t\n\x01\\改";
        p.source(c3p::policy_key::cap) = {"令和9年度 公募要領", "1 事業規模", c3p::value_status::confirmed};
        const auto r = c3p::check(b, p.rules, {.line_amounts = true});
        const auto d = c3p::derive(b, r, &p);
        auto document = c3p::to_json(r);
        c3p::add_derivation(document, d);
        const auto expected = c3p::detail::format_document(document, {"lines", "violations", "derivation", "policy_sources"});
        const auto written = c3p::format_json(r, d);
        // From "derivation" on, byte for byte; before it, the result's document with each
        // violation's steps.
        REQUIRE(written.find("\"derivation\":[") != std::string::npos);
        CHECK(written.substr(written.find("\"derivation\":[")) == expected.substr(expected.find("\"derivation\":[")));
        const auto parsed = nlohmann::json::parse(written);
        REQUIRE(parsed["violations"].size() == 1);
        CHECK(parsed["violations"][0]["code"] == "equipment.needs_approval");
        CHECK(parsed["violations"][0]["steps"] == nlohmann::json::array({"line." + std::to_string(b.size() - 1) + ".amount"}));
        CHECK(parsed["derivation"].size() == d.steps.size());
        CHECK(parsed["policy_sources"][0]["name"] == "fy2027 \"draft\"\t\n\x01\\改");
        CHECK(parsed["derivation"][0]["operands"][1]["policy"] == "fy2027 \"draft\"\t\n\x01\\改");
        // An empty derivation (a score's document has its own writer) still closes its arrays.
        const c3p::derivation none{};
        CHECK(c3p::format_json(r, none).ends_with(",\n \"derivation\":[],\n \"policy_sources\":[]}\n"));
    }

    TEST_CASE("json: a check's derivation written in parts in any order is the document's") {
        c3p_test::random_budgets g(20261206);
        std::mt19937 cuts(11);
        std::size_t compared = 0, parted = 0;
        for (int n = 0; n < 200; ++n) {
            CAPTURE(n);
            const auto b = g.budget();
            const auto r = c3p::check(b, g.policy());
            const std::string whole = c3p::format_json(r, c3p::derive(b, r));
            const auto from = whole.find("\"derivation\":[");
            REQUIRE(from != std::string::npos);

            c3p::check_derivation_json json(r.policy, c3p::language::english);
            const auto parts = c3p_test::random_parts(b.lines(), cuts);
            CHECK(c3p_test::written_last_first(json, parts, r, b.has_field_survey()) == whole.substr(from));
            if (parts.size() > 1) ++parted;
            ++compared;
        }
        CHECK(compared == 200);
        CHECK(parted > 100);
    }
}
