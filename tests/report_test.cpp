#include <c3p/c3p.hpp>
#include <c3p/json.hpp>
#include <c3p/report.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "sample_budget.hpp"

using namespace c3p::literals;

TEST_SUITE("report") {
    TEST_CASE("report: the Table 5 rows carry English and Japanese names and aligned figures") {
        const auto b = sample_budget();
        const auto text = c3p::format_text_report(b, c3p::check(b), c3p::fy2025);
        CHECK(text.starts_with("C3P budget, policy fy2025 (16 lines)\n"));
        CHECK(text.find("Direct costs                          直接経費                      13,536,181\n") != std::string::npos);
        CHECK(text.find("  Operating costs                     業務費                         5,476,181\n") != std::string::npos);
        CHECK(text.find("    Equipment costs                   備品費                                 0\n") != std::string::npos);
        CHECK(text.find("    10% of 11,036,181 (personnel and operating, outsourcing excluded)\n") != std::string::npos);
        CHECK(text.find("Consumption tax (10%)                 消費税及び地方消費税           1,583,979\n") != std::string::npos);
        std::istringstream lines(text);
        for (std::string l; std::getline(lines, l);) CHECK(c3p::detail::display_width(l) <= 80);
    }

    TEST_CASE("report: violations without a file name give the line index") {
        c3p::budget b;
        b.add<c3p::items::equipment>("logger", 100'000_yen);
        const auto text = c3p::format_text_report(b, c3p::check(b), c3p::fy2025);
        CHECK(text.find("Violations: 1 error, 1 warning\nERROR    line index 0  equipment.below_threshold\n") !=
              std::string::npos);
    }

    TEST_CASE("report: a stated G&A and a granted uplift are shown") {
        c3p::budget b;
        b.add<c3p::items::overseas_travel>("survey", 1'000'000_yen, c3p::quantity(1), {.field_survey = true});
        b.state<c3p::items::general_admin>(50'000_yen);
        b.set_general_admin_rate(c3p::rate::percent(10)).set_uplift(2'000'000_yen);
        const auto text = c3p::format_text_report(b, c3p::check(b), c3p::fy2025);
        CHECK(text.find("    stated; at most 100,000: 10% of 1,000,000") != std::string::npos);
        CHECK(text.find("Cap (uplift 2,000,000)                                              22,000,000\n") !=
              std::string::npos);
    }

    TEST_CASE("json: the result object has the SPEC's keys in order and no JSON numbers for amounts") {
        const auto b = sample_budget();
        const auto j = c3p::to_json(c3p::check(b), c3p::fy2025);
        std::vector<std::string> keys;
        for (const auto& [key, value] : j.items()) keys.push_back(key);
        CHECK(keys == std::vector<std::string>{"policy", "totals", "items", "violations"});
        std::vector<std::string> items;
        for (const auto& [key, value] : j["items"].items()) {
            items.push_back(key);
            CHECK(value.is_string());
        }
        CHECK(items.front() == "personnel");
        CHECK(items.back() == "joint_implementation");
        CHECK(items.size() == 16);
        CHECK(j["totals"]["pre_tax"] == "15839799");
        CHECK(c3p::format_json(c3p::check(b), c3p::fy2025).ends_with(" \"violations\":[]}\n"));
    }

    TEST_CASE("json: the streamed text is the document, one line per member and per violation") {
        c3p::budget b = sample_budget();
        b.add<c3p::items::equipment>("logger \"Mk II\", 日本製", 100'000_yen).add<c3p::items::wages>("none", 0_yen);
        b.state<c3p::items::consumption_tax>(1_yen);
        for (const auto& budget : {sample_budget(), b}) {
            const auto result = c3p::check(budget);
            const auto text = c3p::format_json(result, c3p::fy2025);
            CHECK(nlohmann::ordered_json::parse(text) == c3p::to_json(result, c3p::fy2025));  // keys in order too
            std::vector<std::string> lines;
            for (std::size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
                lines.push_back(text.substr(start, end - start));
            const auto& violations = result.violations;
            REQUIRE(lines.size() == (violations.empty() ? 4 : 5 + violations.size()));
            CHECK(lines[0] == R"({"policy":"fy2025",)");
            CHECK(lines[1].starts_with(R"( "totals":{"direct":")"));
            CHECK(lines[2].starts_with(R"( "items":{"personnel":")"));
            if (violations.empty()) {
                CHECK(lines[3] == R"( "violations":[]})");
                continue;
            }
            CHECK(lines[3] == R"( "violations":[)");
            for (std::size_t k = 0; k < violations.size(); ++k)
                CHECK(lines[4 + k].starts_with(R"(  {"code":")" + std::string(violations[k].code()) + "\""));
            CHECK(lines.back() == " ]}");
        }
    }

    TEST_CASE("json: a string is copied as it is exactly when every byte is printable ASCII other than quote and backslash") {
        const auto plain_byte = [](unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; };
        // Every byte value at every place of texts of 1 to 19 bytes (whole words of eight and tails).
        for (std::size_t length = 1; length < 20; ++length) {
            for (std::size_t at = 0; at < length; ++at) {
                for (int byte = 0; byte < 256; ++byte) {
                    std::string text(length, 'a');
                    text[at] = static_cast<char>(byte);
                    if (at + 1 < length) text[at + 1] = static_cast<char>(0xff - byte);  // neighbours that could carry
                    const bool expected = std::all_of(text.begin(), text.end(), [&](char c) { return plain_byte(static_cast<unsigned char>(c)); });
                    CAPTURE(length);
                    CAPTURE(at);
                    CAPTURE(byte);
                    REQUIRE(c3p::detail::is_plain_json(text) == expected);
                }
            }
        }
        CHECK(c3p::detail::json_string("tab\there \"quoted\" \\ 日本") == R"("tab\there \"quoted\" \\ 日本")");
        CHECK(c3p::detail::json_string("plain text") == R"("plain text")");
    }

    TEST_CASE("json: a document longer than the writer's piece, lines of any length, is the same document") {
        c3p::budget b = sample_budget();
        b.add<c3p::items::equipment>("logger", 300'000_yen);
        auto result = c3p::check(b);
        REQUIRE(!result.violations.empty());
        const auto model = result.violations.front();
        result.violations.clear();
        // Lines ending on either side of a piece's end, one longer than a piece, one to escape.
        for (std::size_t k = 0; k < 3000; ++k) {
            auto v = model;
            v.line = k;
            v.message = std::string(k % 97, 'm') + "|" + std::to_string(k);
            result.violations.push_back(v);
        }
        result.violations[1500].message = std::string(c3p::detail::json_output::piece + 10, 'x');
        result.violations[1501].message = "tab\tquote\" 日本 " + std::string(70'000, 'y');
        const auto text = c3p::format_json(result, c3p::fy2025);
        REQUIRE(text.size() > 3 * c3p::detail::json_output::piece);
        CHECK(nlohmann::ordered_json::parse(text) == c3p::to_json(result, c3p::fy2025));
        CHECK(std::count(text.begin(), text.end(), '\n') == 5 + 3000);
    }

    TEST_CASE("json: fractional figures keep their decimals") {
        c3p::budget b;
        b.add<c3p::items::personnel>("staff", 1'000'000_yen).add<c3p::items::outsourcing>("consultant", 1'000'001_yen);
        const auto j = c3p::to_json(c3p::check(b), c3p::fy2025);
        CHECK(j["violations"][0]["limit"] == "1000000.5");
        CHECK(j["violations"][0]["line"].is_null());
        CHECK(j["violations"][0]["item"] == "outsourcing");
    }
}
