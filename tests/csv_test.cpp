#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/messages.hpp>

#include <doctest/doctest.h>

#include <string>

#include "support.hpp"

using namespace c3p::literals;
using namespace std::string_literals;
using c3p::item;

namespace {

const c3p::line& only_line(const c3p::csv_budget& read) {
    REQUIRE(read.ok());
    REQUIRE(read.budget.size() == 1);
    return read.budget.lines()[0];
}

}  // namespace

TEST_SUITE("csv") {
    TEST_CASE("csv: the bundled sample reads to the hand-checked budget") {
        auto read = c3p::read_budget_csv(c3p_test::sample_file("fy2025_toyama_semarang.csv"));
        REQUIRE(read.ok());
        CHECK(read.budget.size() == 16);
        CHECK(read.budget.source_line(0) == 2u);
        CHECK(read.budget.source_line(15) == 17u);
        read.budget.set_general_admin_rate(c3p::rate::percent(10));
        const auto from_csv = c3p::compute(read.budget);
        const auto from_code = c3p::compute(c3p_test::sample_budget());
        for (const auto& entry : c3p::item_table) CHECK(from_csv.item(entry.id) == from_code.item(entry.id));
        CHECK(from_csv.total == 17'423'778_yen);
        for (std::size_t i = 0; i < read.budget.size(); ++i) {
            CHECK(read.budget.lines()[i].description == c3p_test::sample_budget().lines()[i].description);
            CHECK(read.budget.lines()[i].field_survey == c3p_test::sample_budget().lines()[i].field_survey);
        }
    }

    TEST_CASE("csv: Japanese item names are read as their items") {
        const auto read = c3p::read_budget_csv(c3p_test::sample_file("fy2025_japanese_items.csv"));
        REQUIRE(read.ok());
        CHECK(read.budget.lines()[0].item == item::personnel);
        CHECK(read.budget.lines()[0].description == "業務主任者（人日）");
        CHECK(read.budget.lines()[10].item == item::outsourcing);
        CHECK(read.budget.lines()[11].item == item::joint_implementation);
    }

    TEST_CASE("csv: BOM, CRLF, any column order and defaults for optional columns") {
        const auto read = c3p::read_budget_csv("\xEF\xBB\xBFunit_price,item\r\n\"1,234,567.5\",wages\r\n");
        const auto& l = only_line(read);
        CHECK(l.item == item::wages);
        CHECK(l.unit_price == c3p::yen::parse("1234567.5"));
        CHECK(l.quantity == c3p::quantity(1));
        CHECK(l.basis == c3p::price_basis::exclusive);
        CHECK(l.reason == c3p::consumable_reason::none);
        CHECK_FALSE(l.field_survey);
        CHECK(l.description.empty());
    }

    TEST_CASE("csv: RFC 4180 quoting keeps commas, doubled quotes and newlines inside a field") {
        const auto read = c3p::read_budget_csv(
            "item,description,unit_price\n"
            "wages,\"Assistant, \"\"field\"\" work\nsecond line\",1000\n"
            "meeting,plain,2000");
        REQUIRE(read.ok());
        REQUIRE(read.budget.size() == 2);
        CHECK(read.budget.lines()[0].description == "Assistant, \"field\" work\nsecond line");
        CHECK(read.budget.lines()[1].description == "plain");
        CHECK(read.budget.source_line(0) == 2u);
        CHECK(read.budget.source_line(1) == 4u);  // the quoted newline moved it down a line
    }

    TEST_CASE("csv: every value form of the optional columns") {
        const auto read = c3p::read_budget_csv(
            "item,unit_price,quantity,price_basis,consumable_reason,field_survey\n"
            "consumables,100,2.5,inclusive,not_reusable,yes\n"
            "consumables,100,,untaxed,fragile,TRUE\n"
            "consumables,100, 3 ,exclusive,short_life,1\n"
            "consumables,100,1,,,no\n"
            "consumables,100,1,,,False\n"
            "consumables,100,1,,,0\n"
            "consumables,100,1,,,\n");
        REQUIRE(read.ok());
        const auto lines = read.budget.lines();
        CHECK(lines[0].quantity == c3p::quantity::parse("2.5"));
        CHECK(lines[0].basis == c3p::price_basis::inclusive);
        CHECK(lines[0].reason == c3p::consumable_reason::not_reusable);
        CHECK(lines[1].quantity == c3p::quantity(1));
        CHECK(lines[1].basis == c3p::price_basis::untaxed);
        CHECK(lines[1].reason == c3p::consumable_reason::fragile);
        CHECK(lines[2].quantity == c3p::quantity(3));
        CHECK(lines[2].reason == c3p::consumable_reason::short_life);
        for (int i : {0, 1, 2}) CHECK(lines[static_cast<std::size_t>(i)].field_survey);
        for (int i : {3, 4, 5, 6}) CHECK_FALSE(lines[static_cast<std::size_t>(i)].field_survey);
    }

    TEST_CASE("csv: field_survey spellings, in any case, and near misses") {
        for (const char* yes : {"yes", "YES", "Yes", "true", "TRUE", "tRuE", "1"}) {
            CAPTURE(yes);
            CHECK(c3p::detail::parse_flag(yes) == std::optional(true));
        }
        for (const char* no : {"", "no", "NO", "nO", "false", "FALSE", "False", "0"}) {
            CAPTURE(no);
            CHECK(c3p::detail::parse_flag(no) == std::optional(false));
        }
        for (const char* neither : {"y", "n", "2", "ye", "yess", "tru", "truee", "fals", "falsee", "nope", "on", "off", "10", "-1", "ja"}) {
            CAPTURE(neither);
            CHECK_FALSE(c3p::detail::parse_flag(neither));
        }
    }

    TEST_CASE("csv: blank lines are skipped and a missing final newline is fine") {
        const auto read = c3p::read_budget_csv("\n\nitem,unit_price\n\nwages,1\n\r\n\nwages,2");
        REQUIRE(read.ok());
        CHECK(read.budget.size() == 2);
        CHECK(read.budget.source_line(0) == 5u);
        CHECK(read.budget.source_line(1) == 8u);
    }

    TEST_CASE("csv: a header alone is an empty budget") {
        const auto read = c3p::read_budget_csv("item,unit_price\n");
        CHECK(read.ok());
        CHECK(read.budget.empty());
    }

    TEST_CASE("csv: an empty file, a missing or unknown column is reported at the header") {
        CHECK(c3p_test::csv_errors("") == "1:1: empty file: expected a header row naming at least the columns item and unit_price\n");
        CHECK(c3p_test::csv_errors("\n\n") == "1:1: empty file: expected a header row naming at least the columns item and unit_price\n");
        CHECK(c3p_test::csv_errors("item,description\nwages,x\n") == "1:1: missing required column \"unit_price\"\n");
        CHECK(c3p_test::csv_errors("description\n") ==
              "1:1: missing required column \"item\"\n1:1: missing required column \"unit_price\"\n");
        CHECK(c3p_test::csv_errors("item,unit_price,quantiy\nwages,1,2\n") ==
              "1:17: unknown column \"quantiy\": did you mean \"quantity\"? (columns: item, description, unit_price, quantity, amount, price_basis, "
              "consumable_reason, field_survey)\n");
        CHECK(c3p_test::csv_errors("item,unit_price,item\n") == "1:17: duplicate column \"item\" (also column 1)\n");
    }

    TEST_CASE("csv: unknown values name the cell") {
        CHECK(c3p_test::csv_errors("item,unit_price\nfoo,100\n") ==
              "2:1: unknown item \"foo\" (an item code such as equipment, or a Japanese name such as 備品費)\n");
        CHECK(c3p_test::csv_errors("item,unit_price\n,100\n") ==
              "2:1: empty item: every row needs an item code or Japanese item name\n");
        CHECK(c3p_test::csv_errors("item,unit_price,price_basis\nwages,100,gross\n") ==
              "2:11: unknown price_basis \"gross\" (exclusive, inclusive or untaxed; 税抜, 税込 or 不課税)\n");
        CHECK(c3p_test::csv_errors("item,unit_price,consumable_reason\nconsumables,100,broken\n") ==
              "2:17: unknown consumable_reason \"broken\" (not_reusable, fragile, short_life, the guidebook's (2), "
              "(3), (4), or empty)\n");
        CHECK(c3p_test::csv_errors("item,unit_price,field_survey\nwages,100,maybe\n") ==
              "2:11: invalid field_survey \"maybe\" (yes, no, true, false, 1, 0, はい, いいえ, ○ or empty)\n");
        CHECK(c3p_test::csv_errors("item,unit_price\n備品費x,100\n") ==
              "2:1: unknown item \"備品費x\": did you mean \"備品費\"?\n");
    }

    TEST_CASE("csv: malformed numbers point at the offending character") {
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,12a\n") == "2:9: invalid unit_price \"12a\": unexpected character 'a'\n");
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,  12a \n") == "2:11: invalid unit_price \"12a\": unexpected character 'a'\n");
        CHECK(c3p_test::csv_errors("item,unit_price\n人件費,1.2.3\n") == "2:8: invalid unit_price \"1.2.3\": more than one decimal point\n");
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,1e5\n") == "2:8: invalid unit_price \"1e5\": exponent notation is not accepted\n");
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,NaN\n") == "2:7: invalid unit_price \"NaN\": NaN and infinity are not numbers\n");
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,\"1,23\"\n") ==
              "2:12: invalid unit_price \"1,23\": ',' must separate groups of exactly three digits\n");
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,\n") == "2:7: empty unit_price: a number is required\n");
        CHECK(c3p_test::csv_errors("item,unit_price,quantity\nwages,1,two\n") ==
              "2:9: invalid quantity \"two\": unexpected character 't'\n");
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,1.1234567\n") ==
              "2:15: invalid unit_price \"1.1234567\": more than 6 fractional digits cannot be held exactly\n");
    }

    TEST_CASE("csv: amounts too large for the representation are refused, never wrapped") {
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,10000000000000000000000000000000000000000\n") ==
              // long cell text is cut after 40 characters in messages
              "2:7: invalid unit_price \"1000000000000000000000000000000000000000...\": too large for the exact "
              "representation\n");
        CHECK(c3p_test::csv_errors("item,unit_price,quantity\nwages,1000000000000000000000000000000,1000000000\n") ==
              "2:7: unit_price x quantity is too large for the exact representation\n");
        const auto big = c3p::read_budget_csv("item,unit_price,quantity\nwages,1000000000000000,1\n");  // 10^15
        REQUIRE(big.ok());
        CHECK(big.budget.lines()[0].unit_price == c3p::yen::parse("1000000000000000"));
    }

    TEST_CASE("csv: rows with more or fewer fields than the header") {
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,1,2\nwages\n") ==
              "2:1: row has 3 fields but the header has 2\n3:1: row has 1 field but the header has 2\n");
        // Excel pads rows with empty cells: an extra cell that is empty loses nothing, one with text would.
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,1,\n").empty());
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,1,,").empty());
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,1,,x\n") == "2:1: row has 4 fields but the header has 2\n");
    }

    TEST_CASE("csv: quoting errors") {
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,\"100\n") ==
              "2:7: unterminated quoted field: the quote opened here is never closed\n");
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,\"100\"x\n") ==
              "2:12: unexpected text after a closing quote (a quote inside a quoted field is written twice)\n");
        const auto read = c3p::read_budget_csv("item,unit_price\nwages,\"100\"x\nwages,5\n");
        CHECK(read.budget.size() == 1);  // the broken row is not in the budget
        CHECK(read.budget.source_line(0) == 3u);
    }

    TEST_CASE("csv: invalid UTF-8, NUL bytes and binary junk are reported, never read as numbers") {
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,100\xff\n") ==
              "2:10: invalid UTF-8: these bytes are no UTF-8 text (Japanese Excel saves CSV as Shift_JIS, CP932)\n"
              "2:10: invalid unit_price \"100\xEF\xBF\xBD\": unexpected character\n");
        CHECK(c3p_test::csv_errors("item,unit_price\nwages,1\0"s "00\n") ==
              "2:8: NUL byte: the file is not text\n2:8: invalid unit_price \"1\\x0000\": unexpected character\n");
        std::string junk;
        for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919 + 13) % 256);
        const auto read = c3p::read_budget_csv(junk);
        CHECK_FALSE(read.ok());
        CHECK(c3p::describe(read.errors.front()).find("no UTF-8 text") != std::string::npos);
        for (const auto& e : read.errors) {
            CHECK(e.line >= 1);
            CHECK(e.column >= 1);
        }
    }

    TEST_CASE("csv: every error of the file is reported in one pass, in file order") {
        CHECK(c3p_test::csv_errors("item,unit_price,quantity\n"
                        "wages,12a,1\n"
                        "wages,100,1\n"
                        "nothing,100,x\n") ==
              "2:9: invalid unit_price \"12a\": unexpected character 'a'\n"
              "4:1: unknown item \"nothing\" (an item code such as equipment, or a Japanese name such as 備品費)\n"
              "4:13: invalid quantity \"x\": unexpected character 'x'\n");
        const auto read = c3p::read_budget_csv("item,unit_price\nwages,12a\nwages,100\n");
        CHECK(read.budget.size() == 1);  // good rows are still read
    }

    TEST_CASE("csv: an error is data with a stable code and its cell, formatted as FILE:LINE:COLUMN (CELL): message") {
        const auto read = c3p::read_budget_csv("item,unit_price\nwages,100\nwages,12a\n");
        REQUIRE(read.errors.size() == 1);
        const auto& e = read.errors[0];
        CHECK(e.code() == "input.invalid_number");
        CHECK(e.line == 3);
        CHECK(e.column == 9);
        CHECK(e.column_name == c3p::csv_column::unit_price);
        CHECK(e.text == "12a");
        CHECK(e.number == c3p::number_error::unexpected_character);
        REQUIRE(e.cell);
        CHECK(to_string(*e.cell) == "B3");
        CHECK(to_string(e, "budget.csv") == "budget.csv:3:9 (B3): invalid unit_price \"12a\": unexpected character 'a'");
        CHECK(to_string(e, "budget.csv", c3p::language::japanese).starts_with("budget.csv:3:9（B3）: "));
    }

    TEST_CASE("csv: every error on a cell names it as a spreadsheet does, rows counted as records") {
        CHECK(c3p::column_letters(1) == "A");
        CHECK(c3p::column_letters(26) == "Z");
        CHECK(c3p::column_letters(27) == "AA");
        CHECK(c3p::column_letters(52) == "AZ");
        CHECK(c3p::column_letters(53) == "BA");
        CHECK(c3p::column_letters(702) == "ZZ");
        CHECK(c3p::column_letters(703) == "AAA");
        CHECK(to_string(c3p::cell_ref{4, 16}) == "D16");
        // The header's cells, the terms' cells, a row's cells, past and short of the header.
        CHECK(c3p_test::csv_error_cells("# ga_rate: ten\n#uplift:,x\nitem,unit_price,quantiy,item\n") ==
              "A1\nB2\nC3\nD3\n");
        CHECK(c3p_test::csv_error_cells("# colour: red\nitem,unit_price\n") == "A1\n");
        CHECK(c3p_test::csv_error_cells("item,unit_price,quantity\nfoo,1,x\nwages,1,2,,7\nwages\n") ==
              "A2\nC2\nE3\nB4\n");
        // A cell with a line break: Excel opens the record as one row, so the rows after it are
        // one less than their lines; the CSV line and column stay those of the text.
        const auto read = c3p::read_budget_csv("item,description,unit_price\nwages,\"two\nlines\",1\nwages,x,12a\n");
        REQUIRE(read.errors.size() == 1);
        CHECK(read.errors[0].line == 4);
        CHECK(read.errors[0].column == 11);
        REQUIRE(read.errors[0].cell);
        CHECK(to_string(*read.errors[0].cell) == "C3");
        CHECK(read.layout.row_of(4) == 3);
        CHECK(read.layout.row_of(2) == 2);
        // Structural problems: the quote's cell, and bytes that are no text in the cell holding them.
        CHECK(c3p_test::csv_error_cells("item,unit_price\nwages,\"1\"x\nwages,1\xff\n") == "B2\nB3\nB3\n");
        CHECK(c3p_test::csv_error_cells("item,unit_price\nwages,\"100\n") == "B2\n");
        // No cell where none is concerned: a missing column, an empty file.
        CHECK(c3p_test::csv_error_cells("item\nwages\n") == "-\n");
        CHECK(c3p_test::csv_error_cells("") == "-\n");
    }

    TEST_CASE("csv: a violation of a line names the cell it is about, in check_csv and by locating a read budget") {
        const std::string text =
            "費目,内容,単価,数量\n"
            "人件費,\"二行の\n説明\",1000,1\n"  // rows 2 (lines 2-3)
            "備品費,PC,150000,1\n"               // row 3: the unit cost (C3), and the item (A3) for approval
            "雑役務費,返金,-5,1\n"               // row 4: the unit price (C4)
            "雑役務費,返品,5,-1\n"               // row 5: the quantity (D5)
            "消費税,,999,1\n";                   // row 6: the stated tax (C6)
        const auto checked = c3p::check_csv(text);
        REQUIRE(checked.ok());
        std::vector<std::string> found;
        for (const auto& v : checked.result.violations)
            found.push_back(std::string(v.code()) + " " + (v.cell ? to_string(*v.cell) : "-"));
        const std::vector<std::string> expected = {
            "equipment.below_threshold C3", "equipment.needs_approval A3", "line.negative_amount C4",
            "line.negative_amount D5",      "consumption_tax.mismatch C6",  "general_admin.not_claimed -"};
        CHECK(found == expected);
        // A budget read whole and checked gives the same cells once located; unlocated, none.
        auto read = c3p::read_budget_csv(text);
        auto result = c3p::check(read.budget);
        CHECK_FALSE(result.violations[0].cell);
        result.violations.locate(read.layout);
        CHECK(result.violations == checked.result.violations);
        CHECK(result.violations[4].source_line == 7);  // the stated tax's file line
        // A summary row labelled outside the item column: its warning names the label's cell.
        const auto labelled = c3p::check_csv("item,description,unit_price\nwages,x,1\n,合計,1\n");
        REQUIRE(labelled.ok());
        REQUIRE(labelled.result.violations[0].code() == "input.summary_row");
        REQUIRE(labelled.result.violations[0].cell);
        CHECK(to_string(*labelled.result.violations[0].cell) == "B3");
    }

    TEST_CASE("csv: every input problem has its own code") {
        const std::pair<std::string, std::string_view> cases[] = {
            {"", "input.empty_file"},
            {"item,unit_price\nwages,1\xff\n", "input.invalid_encoding"},
            {"item,unit_price\nwages,\"1\n", "input.unterminated_quote"},
            {"item,unit_price\nwages,\"1\"x\n", "input.text_after_quote"},
            {"item,unit_price,x\n", "input.unknown_column"},
            {"item,unit_price,item\n", "input.duplicate_column"},
            {"item\n", "input.missing_column"},
            {"item,unit_price\nwages\n", "input.wrong_field_count"},
            {"item,unit_price\n,1\n", "input.empty_item"},
            {"item,unit_price\nx,1\n", "input.unknown_item"},
            {"item,unit_price\nwages,\n", "input.missing_number"},
            {"item,unit_price\nwages,x\n", "input.invalid_number"},
            {"item,unit_price,price_basis\nwages,1,x\n", "input.unknown_price_basis"},
            {"item,unit_price,consumable_reason\nwages,1,x\n", "input.unknown_consumable_reason"},
            {"item,unit_price,field_survey\nwages,1,x\n", "input.invalid_flag"},
            {"item,unit_price,quantity\nwages,1000000000000000000000000000000,1000000000\n", "input.too_large"},
        };
        for (const auto& problem : cases) {
            const auto& text = problem.first;
            CAPTURE(text);
            const auto read = c3p::read_budget_csv(text);
            REQUIRE(!read.errors.empty());
            CHECK(read.errors.front().code() == problem.second);
        }
        const auto nul = c3p::read_budget_csv("item,unit_price\nwages,1\0"s "\n");
        REQUIRE(!nul.errors.empty());
        CHECK(nul.errors.front().code() == "input.nul_byte");
    }
}
