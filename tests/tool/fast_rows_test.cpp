// c3p-check's fast path for long files (rows cut from an index, pieces on several threads,
// checkers joined) gives exactly the library's check_csv result wherever it decides, file lines
// included, and leaves to the library what it cannot decide.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/derivation.hpp>
#include <c3p/json.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>
#include <unistd.h>

#include "../csv_generator.hpp"
#include "fast_rows.hpp"

using namespace c3p::literals;

namespace {

/// A text written to a file of its own, removed again when the test is done.
class temporary_file {
public:
    explicit temporary_file(std::string_view text) {
        static int count = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("c3p_fast_rows_" + std::to_string(::getpid()) + "_" + std::to_string(count++) + ".csv");
        std::ofstream(path_, std::ios::binary).write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    ~temporary_file() { std::filesystem::remove(path_); }
    temporary_file(const temporary_file&) = delete;
    temporary_file& operator=(const temporary_file&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

std::optional<c3p::check_result> fast(std::string_view text, const c3p::csv_settings& settings) {
    const temporary_file f(text);
    return c3p_check::fast_check_file(f.path(), text.size(), settings);
}

/// Empty when the fast path's result is check_csv's; "declined" when it did not decide.
std::string differences(std::string_view text, const c3p::csv_settings& settings = {}) {
    const auto decided = fast(text, settings);
    if (!decided) return "declined";
    const auto expected = c3p::check_csv(text, settings);
    if (!expected.ok()) return "decided input the library refuses";
    if (decided->line_count != expected.result.line_count) return "line counts differ";
    if (!(decided->totals == expected.result.totals)) return "totals differ";
    const auto a = decided->violations.to_vector(), b = expected.result.violations.to_vector();
    if (a.size() != b.size()) return "violation counts differ";
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i])) return "violation " + std::to_string(i) + " differs (" + std::string(a[i].code()) + ")";
    if (decided->line_amounts != expected.result.line_amounts) return "line amounts differ";
    return "";
}

/// The check of `text` cut into pieces of `piece` bytes, each checked by itself, written as bytes
/// and read back, then joined; nullopt where a piece cannot be sent so.
std::optional<c3p::check_result> joined_from_bytes(std::string_view text, const c3p::csv_settings& settings,
                                                   std::size_t piece) {
    const auto first_bytes = std::min(text.size(), c3p_check::fast_header_bytes);
    const c3p::csv_reader header(text.substr(0, first_bytes), settings);
    if (!c3p_check::fast_path_takes(header, first_bytes)) return std::nullopt;
    std::vector<c3p_check::piece_check> pieces;
    for (std::size_t offset = 0; offset < text.size(); offset += piece) {
        const auto rest = text.substr(offset);
        const auto until = c3p_check::piece_end(rest, std::min(piece, rest.size()), true);
        const auto bytes = c3p_check::to_bytes(c3p_check::check_piece(rest.substr(0, until), offset == 0, header, settings));
        if (!bytes) return std::nullopt;
        auto read = c3p_check::piece_from_bytes(*bytes, header, settings);
        if (!read) return std::nullopt;
        pieces.push_back(std::move(*read));
    }
    return c3p_check::join_pieces(header, settings, pieces);
}

/// Empty when --explain's text on the fast path (a report, then the derivation) is the
/// library's derivation of the file read whole, after the report of the same check, and its
/// JSON the library's document of them (as c3p-check writes it without the fast path); "declined"
/// when the fast path did not decide.
std::string explained_differences(std::string_view text, const c3p::csv_settings& settings, c3p::language lang) {
    const temporary_file f(text);
    std::ostringstream out, json;
    std::optional<c3p::check_result> reported;
    const auto decided = c3p_check::fast_explain_file(f.path(), text.size(), settings, lang, nullptr, out,
                                                      [&](const c3p::check_result& r) {
                                                          reported = r;
                                                          return std::string("the report");
                                                      });
    const auto decided_json = c3p_check::fast_explain_json_file(f.path(), text.size(), settings, lang, nullptr, json);
    if (decided.has_value() != decided_json.has_value()) return "the text and the JSON decided apart";
    if (!decided) return out.str().empty() && json.str().empty() ? "declined" : "declined after writing";
    const auto read = c3p::read_budget_csv(text, settings);
    if (!read.ok()) return "decided input the library refuses";
    auto expected = c3p::check(read.budget, *read.rules, settings.options);
    if (!reported || !(reported->totals == expected.totals) || !(decided->totals == expected.totals) ||
        !(decided_json->totals == expected.totals))
        return "totals differ";
    if (out.str() != "the report\n" + c3p::format_derivation(read.budget, expected, lang)) return "texts differ";
    expected.violations.locate(read.layout);
    if (json.str() != c3p::format_json(expected, c3p::derive(read.budget, expected), lang)) return "JSON documents differ";
    return "";
}

}  // namespace

TEST_SUITE("fast_rows") {
    TEST_CASE("fast_rows: --explain's text and JSON, each piece's lines explained on a thread, are the library's") {
        c3p_test::csv_generator g(20261205);
        int decided = 0;
        for (int n = 0; n < 8; ++n) {
            const auto text = g.text(6'000 + n * 700, false);
            CAPTURE(n);
            const auto difference = explained_differences(text, {.terms = g.terms()},
                                                          n % 2 == 0 ? c3p::language::english : c3p::language::japanese);
            if (difference == "declined") continue;  // a quoted line end across a cut; the library reads such files
            CHECK(difference == "");
            ++decided;
        }
        CHECK(decided >= 4);
        // Summary rows and a description on two lines now and then: rows and file lines part ways.
        std::string text = "# ga_rate: 10%\n費目,内容,単価,数量\n";
        for (int i = 0; i < 50'000; ++i) {
            text += std::string(i % 4 == 0 ? "備品費" : i % 4 == 1 ? "消耗品費" : "人件費") + "," +
                    (i % 997 == 0 ? "\"二行の\n説明\"" : "x") + "," + std::to_string(150'000 + (i * 7919) % 100'000) + ",1\n";
            if (i % 5000 == 4999) text += "小計,,,\n";
        }
        REQUIRE(text.size() > 8 * 131'072);  // pieces of 128 KiB
        CHECK(explained_differences(text, {}, c3p::language::japanese) == "");
        {  // its equipment below the threshold: a violation's steps found in a piece's lines
            const temporary_file f(text);
            std::ostringstream json;
            REQUIRE(c3p_check::fast_explain_json_file(f.path(), text.size(), {}, c3p::language::english, nullptr, json));
            CHECK(json.str().find(R"("code":"equipment.below_threshold")") != std::string::npos);
            CHECK(json.str().find(R"("steps":["line.49996.unit_cost"]})") != std::string::npos);
        }
        CHECK(explained_differences(text, {.general_admin_rate = c3p::rate::percent(5)}, c3p::language::english) == "");
        // A figure past 64-bit millionths: its piece keeps its lines whole.
        std::string wide = "item,unit_price,quantity,price_basis\n";
        for (int i = 0; i < 40'000; ++i)
            wide += i == 20'000 ? "wages,12345678901234.5,3,inclusive\n"
                                : "equipment," + std::to_string(150'000 + i) + ",1," + (i % 2 == 0 ? "inclusive\n" : "exclusive\n");
        CHECK(explained_differences(wide, {}, c3p::language::english) == "");
    }

    TEST_CASE("fast_rows: 24 generated files of several pieces give the library's result, file lines included") {
        c3p_test::csv_generator g(1129);
        int decided = 0;
        for (int n = 0; n < 24; ++n) {
            const auto text = g.text(6'000 + n * 500, false);
            const auto terms = g.terms();
            CAPTURE(n);
            // Every other file with each line's amount kept, as c3p-check's JSON asks.
            const auto difference = differences(text, {.terms = terms, .options = {.line_amounts = n % 2 == 0}});
            if (difference == "declined") continue;  // a quoted line end across a cut; the library reads such files
            CHECK(difference == "");
            ++decided;
        }
        CHECK(decided >= 12);
    }

    TEST_CASE("fast_rows: plain rows, rows with Japanese text and rows it leaves to the library's reader alternate") {
        std::string text = "item,description,unit_price,quantity,price_basis\n";
        for (int i = 0; i < 30'000; ++i) {
            const char* description = i % 7 == 0 ? "太陽光パネル" : i % 11 == 0 ? "\"a \"\"quoted\"\" word\"" : "plain";
            text += std::string(i % 5 == 0 ? "equipment" : "wages") + "," + description + "," +
                    std::to_string(150'000 + (i * 7919) % 100'000) + "," + (i % 13 == 0 ? " 2 " : "1") + "," +
                    (i % 3 == 0 ? "inclusive" : "exclusive") + (i % 17 == 0 ? "\r\n" : "\n");
            if (i % 1000 == 999) text += "\n";  // a blank line now and then
        }
        REQUIRE(text.size() > 4 * 131'072);
        CHECK(differences(text, {.terms = c3p::budget_terms{c3p::rate::percent(10), {}, false}}) == "");
    }

    TEST_CASE("fast_rows: summary rows stating amounts, and cells holding line breaks, in pieces") {
        // Subtotal rows now and then, right and wrong; an amount column; now and then a
        // description on two lines, so that rows and lines part ways piece after piece.
        std::string text = "費目,内容,単価,数量,金額\n";
        long long personnel = 0;
        std::size_t breaks = 0, breaks_before_last_equipment = 0;
        for (int i = 0; i < 40'000; ++i) {
            const int price = 150'000 + (i * 7919) % 100'000;
            const bool equipment = i % 4 == 0;
            if (equipment) breaks_before_last_equipment = breaks;
            if (!equipment) personnel += price;
            const bool two_lines = i % 997 == 0;
            breaks += two_lines;
            text += std::string(equipment ? "備品費" : "人件費") + "," + (two_lines ? "\"二行の\n説明\"" : "x") + "," +
                    std::to_string(price) + ",1," + std::to_string(price) + "\n";
            if (i % 5000 == 4999)  // the running personnel sum: right, except at every other one
                text += "人件費計,,,," + std::to_string(personnel + (i % 10000 == 9999 ? 1 : 0)) + "\n";
        }
        REQUIRE(text.size() > 8 * 131'072);
        const auto decided = fast(text, {});
        REQUIRE(decided);  // no cut falls inside a quoted cell here
        CHECK(differences(text) == "");
        const auto all = decided->violations.to_vector();
        const auto mismatches = std::count_if(all.begin(), all.end(), [](const c3p::violation& v) {
            return v.code() == "input.summary_mismatch";
        });
        CHECK(mismatches == 8);  // every subtotal but the last states a running sum, not the whole; the last adds one
        // The last equipment line's violation names its row: its line less the line breaks in cells before it.
        const auto last = std::find_if(all.rbegin(), all.rend(), [](const c3p::violation& v) {
            return v.code() == "equipment.needs_approval";
        });
        REQUIRE(last != all.rend());
        REQUIRE(last->cell);
        REQUIRE(last->source_line);
        CHECK(breaks_before_last_equipment == 41);
        CHECK(last->cell->row == *last->source_line - breaks_before_last_equipment);
    }

    TEST_CASE("fast_rows: a file with a problem, or a quoted line end across a cut, is left to the library") {
        std::string rows;
        for (int i = 0; i < 20'000; ++i) rows += "wages,100\n";
        CHECK(differences("item,unit_price\n" + rows + "wages,12a\n" + rows) == "declined");
        // A quoted description whose line end falls just past the first piece's 128 KiB.
        std::string text = "item,description,unit_price\n";
        while (text.size() < 131'072 - 20) text += "wages,x,100\n";
        text += "wages,\"across" + std::string(30, 'a') + "\nthe cut\",100\n";
        REQUIRE(text.find('"') < 131'072);
        REQUIRE(text.find("\nthe cut") > 131'072);
        for (int i = 0; i < 20'000; ++i) text += "wages,x,100\n";
        CHECK(differences(text) == "declined");
        const auto library = c3p::check_csv(text, c3p::budget_terms{}, c3p::fy2025);
        REQUIRE(library.ok());  // the library reads it
    }

    TEST_CASE("fast_rows: arithmetic beyond 64 bits on the way gives the library's exact result") {
        std::string text = "item,unit_price,quantity\n";
        for (int i = 0; i < 40'000; ++i)
            text += i == 20'000 ? "wages,12345678901234.5,3\n" : "equipment," + std::to_string(150'000 + i) + ",1\n";
        CHECK(differences(text) == "");
        CHECK(differences(text, {.options = {.line_amounts = true}}) == "");
    }

    TEST_CASE("fast_rows: terms in '#' lines, Japanese headers and summary rows give the library's result") {
        std::string text = "# ga_rate: 10%\n# uplift:,1000000\n費目,摘要,単価,数量\n";
        for (int i = 0; i < 30'000; ++i) {
            text += (i % 4 == 0 ? "国内旅費" : "wages") + std::string(",x,") + std::to_string(1'000 + i % 977) + ",1\n";
            if (i % 5'000 == 4'999) text += "小計,,123456,\n";
        }
        const auto decided = fast(text, {});
        REQUIRE(decided);
        CHECK(decided->terms.general_admin_rate == c3p::rate::percent(10));
        CHECK(decided->terms.uplift == 1'000'000_yen);
        CHECK(differences(text) == "");
        CHECK(differences(text, {.options = {.line_amounts = true}}) == "");  // file lines after the skipped rows
        // An option overrides the file's term, on both paths alike.
        CHECK(differences(text, {.general_admin_rate = c3p::rate::percent(5)}) == "");
        CHECK(fast(text, {.general_admin_rate = c3p::rate::percent(5)})->terms.general_admin_rate ==
              c3p::rate::percent(5));
    }

    TEST_CASE("fast_rows: pieces checked elsewhere, sent as bytes and joined, give the library's result") {
        // As the browser's Web Workers do: each piece checked by itself from the bytes it was
        // given, written with to_bytes, read back with piece_from_bytes and joined. Quoted
        // cells, Japanese text (rows the library's reader reads), CRLF and blank lines, cut anywhere.
        std::string text = "# ga_rate: 8%\nitem,description,unit_price,quantity,price_basis\n";
        for (int i = 0; i < 20'000; ++i) {
            const char* description = i % 7 == 0 ? "太陽光パネル" : i % 11 == 0 ? "\"a \"\"quoted\"\" word\"" : "plain";
            text += std::string(i % 5 == 0 ? "equipment" : i % 9 == 0 ? "consumables" : "wages") + "," + description + "," +
                    std::to_string(150'000 + (i * 7919) % 100'000) + "," + (i % 13 == 0 ? " 2 " : "1") + "," +
                    (i % 3 == 0 ? "inclusive" : "exclusive") + (i % 17 == 0 ? "\r\n" : "\n");
            if (i % 1000 == 999) text += "\n";
        }
        const auto expected = c3p::check_csv(text, {});
        REQUIRE(expected.ok());
        REQUIRE(expected.result.violations.size() > 1000);
        for (const std::size_t piece : {std::size_t{50'000}, std::size_t{131'072}, std::size_t{333'333}}) {
            CAPTURE(piece);
            const auto result = joined_from_bytes(text, {}, piece);
            REQUIRE(result);
            CHECK(result->line_count == expected.result.line_count);
            CHECK(result->terms.general_admin_rate == c3p::rate::percent(8));
            CHECK(result->totals == expected.result.totals);
            CHECK(result->violations.to_vector() == expected.result.violations.to_vector());
        }
    }

    TEST_CASE("fast_rows: a piece is sent as bytes only when its check can be kept so") {
        const std::string header_text = "item,unit_price,quantity\n";
        const c3p::csv_settings plain{}, with_amounts{.options = {.line_amounts = true}};
        const c3p::csv_reader header(header_text, plain), header_with_amounts(header_text, with_amounts);
        const std::string rows = "wages,100,1\nequipment,300000,1\n";
        const auto text = header_text + rows;
        CHECK(c3p_check::to_bytes(c3p_check::check_piece(text, true, header, plain)));
        CHECK_FALSE(c3p_check::to_bytes(c3p_check::check_piece(text, true, header_with_amounts, with_amounts)));
        // A skipped summary row is a violation written in full; beyond 64 bits the sums are exact.
        CHECK_FALSE(c3p_check::to_bytes(c3p_check::check_piece(text + "小計,,300100,\n", true, header, plain)));
        CHECK_FALSE(c3p_check::to_bytes(c3p_check::check_piece(text + "wages,12345678901234.5,3\n", true, header, plain)));
        // Bytes that are not a piece's, or a piece's cut short or with an item out of range, are refused.
        const auto bytes = *c3p_check::to_bytes(c3p_check::check_piece(text, true, header, plain));
        CHECK(c3p_check::piece_from_bytes(bytes, header, plain));
        CHECK_FALSE(c3p_check::piece_from_bytes(bytes.substr(0, bytes.size() - 1), header, plain));
        CHECK_FALSE(c3p_check::piece_from_bytes(bytes + "x", header, plain));
        CHECK_FALSE(c3p_check::piece_from_bytes("not a piece", header, plain));
        const auto kept_item = bytes.size() - sizeof(c3p::detail::kept_violation) +
                               offsetof(c3p::detail::kept_violation, item);
        auto broken = bytes;
        broken[kept_item] = static_cast<char>(c3p::item_count);
        CHECK_FALSE(c3p_check::piece_from_bytes(broken, header, plain));
    }

    TEST_CASE("fast_rows: a tab-separated file is left to the library") {
        std::string text = "item\tunit_price\n";
        for (int i = 0; i < 60'000; ++i) text += "wages\t100\n";
        CHECK(differences(text) == "declined");
        CHECK(c3p::check_csv(text).ok());
    }
}
