// c3p-check's streamed JSON writer gives c3p::format_json's document byte for byte: on the
// samples, on long checks, on documents longer than its buffer, and on text that needs escaping.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/json.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "../support.hpp"
#include "json_writer.hpp"

using namespace c3p::literals;

namespace {

std::string written(const c3p::check_result& result, c3p::language lang = c3p::language::english) {
    std::ostringstream out;
    c3p_check::write_json(out, result, lang);
    return std::move(out).str();
}

}  // namespace

TEST_SUITE("json_writer") {
    TEST_CASE("json_writer: the samples' documents are the library's, byte for byte") {
        for (const char* name : {"fy2025_toyama_semarang.csv", "fy2025_japanese_items.csv", "fy2025_rules_broken.csv"}) {
            CAPTURE(name);
            for (const auto& terms : {c3p::budget_terms{}, c3p::budget_terms{c3p::rate::percent(10), 6'000'000_yen, true}}) {
                for (const bool amounts : {false, true}) {
                    const auto checked = c3p::check_csv(
                        c3p_test::sample_file(name), {.terms = terms, .rules = &c3p::fy2025, .options = {.line_amounts = amounts}});
                    REQUIRE(checked.ok());
                    REQUIRE(checked.result.line_amounts.has_value() == amounts);
                    for (const auto lang : {c3p::language::english, c3p::language::japanese})
                        CHECK(written(checked.result, lang) == c3p::format_json(checked.result, lang));
                }
            }
        }
    }

    TEST_CASE("json_writer: a document longer than the writer's buffer, with text to escape, is the library's") {
        c3p::checker c(c3p::fy2025, {}, {.line_amounts = true});
        for (int k = 0; k < 3'000; ++k) {
            // Equipment below and above the threshold, and now and then a line beyond 64 bits.
            const auto price = k % 500 == 499 ? c3p::yen::parse("12345678901234.5") : c3p::yen(150'000 + 97 * k);
            c.add(c3p::line{.item = c3p::item::equipment, .unit_price = price}, static_cast<std::size_t>(k + 2));
        }
        const auto result = std::move(c).finish();
        const auto text = written(result);
        REQUIRE(text.size() > 3 * c3p_check::json_piece_bytes);
        CHECK(text == c3p::format_json(result));
        CHECK(std::count(text.begin(), text.end(), '\n') ==
              static_cast<std::ptrdiff_t>(11 + result.line_amounts->size() + result.violations.size()));
    }

    TEST_CASE("json_writer: text is copied as it is exactly when every byte is printable ASCII other than quote and backslash") {
        const auto plain_byte = [](unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; };
        // Every byte value at every place of texts of 1 to 19 bytes (whole words of eight and tails).
        for (std::size_t length = 1; length < 20; ++length) {
            for (std::size_t at = 0; at < length; ++at) {
                for (int byte = 0; byte < 256; ++byte) {
                    std::string text(length, 'a');
                    text[at] = static_cast<char>(byte);
                    if (at + 1 < length) text[at + 1] = static_cast<char>(0xff - byte);  // neighbours that could carry
                    const bool expected =
                        std::all_of(text.begin(), text.end(), [&](char c) { return plain_byte(static_cast<unsigned char>(c)); });
                    CAPTURE(length);
                    CAPTURE(at);
                    CAPTURE(byte);
                    REQUIRE(c3p_check::is_plain_json(text) == expected);
                }
            }
        }
    }
}
