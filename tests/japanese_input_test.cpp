// Japanese users' files: amounts as Excel shows them (the lenient parse), Japanese headers and
// values, item short forms and ambiguous names, `#` term lines, Excel's artefacts; each accepted
// spelling and each refused one, with its message in both languages.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "support.hpp"

using namespace c3p::literals;
using c3p::item;
using c3p::language;

namespace {

std::string lenient(std::string_view text) {
    const auto r = c3p::decimal::try_parse_lenient(text);
    return r ? c3p::to_string(r.value) : "refused";
}

/// The single line a one-row file reads as.
c3p::line only_line(std::string_view text) {
    const auto read = c3p::read_budget_csv(text);
    REQUIRE(read.ok());
    REQUIRE(read.budget.lines().size() == 1);
    return read.budget.lines()[0];
}

}  // namespace

TEST_SUITE("japanese_input") {
    TEST_CASE("lenient amounts: each mark Excel and Japanese accounting use is normalised exactly") {
        CHECK(lenient("¥1,200,000") == "1200000");
        CHECK(lenient("￥1,200,000") == "1200000");
        CHECK(lenient("\\1,200") == "1200");  // 0x5C: the yen sign of CP932
        CHECK(lenient("1,200,000円") == "1200000");
        CHECK(lenient("１２０，０００") == "120000");
        CHECK(lenient("１．５") == "1.5");
        CHECK(lenient("▲5,000") == "-5000");
        CHECK(lenient("△5,000") == "-5000");
        CHECK(lenient("－１２") == "-12");
        CHECK(lenient("−12") == "-12");  // U+2212 MINUS SIGN
        CHECK(lenient("¥-1,200") == "-1200");
        CHECK(lenient("-¥1,200") == "-1200");
        CHECK(lenient("-\\1,200") == "-1200");  // Excel's negative currency in CP932
        CHECK(lenient("\u3000" "1,200\u3000") == "1200");  // ideographic spaces around
        CHECK(lenient("0.000001") == "0.000001");
        CHECK(lenient("１２３４５６７８９０") == "1234567890");
        // 35 full-width characters, 105 bytes: longer than a small buffer on the stack would hold.
        CHECK(lenient("１２３，４５６，７８９，０１２，３４５，６７８，９０１，２３４，５６７") == "123456789012345678901234567");
    }

    TEST_CASE("lenient amounts: the wrong character is named, and its position counted in characters") {
        // A letter O typed for a zero among full-width digits: the O is wrong, not the comma.
        const auto r = c3p::decimal::try_parse_lenient("１２，８Ｏ０");
        REQUIRE_FALSE(r);
        CHECK(r.error == c3p::number_error::unexpected_character);
        CHECK(c3p::describe(r.error, "１２，８Ｏ０", r.position, language::english) == "unexpected character 'Ｏ'");
        CHECK(c3p::describe(r.error, "１２，８Ｏ０", r.position, language::japanese) == "数値に使えない文字「Ｏ」があります");
        CHECK(c3p::describe(c3p::decimal::try_parse("12,8O0").error, "12,8O0", 4) == "unexpected character 'O'");
        CHECK(c3p::decimal::try_parse("1,2345").error == c3p::number_error::bad_grouping);  // still the comma's fault
        CHECK(c3p::decimal::try_parse("12,8e3").error == c3p::number_error::exponent);
        // An exception's message counts characters: the Ｏ is the fifth.
        CHECK_THROWS_WITH_AS((void)c3p::yen::parse_lenient("１２，８Ｏ０"),
                             "invalid number \"１２，８Ｏ０\": unexpected character 'Ｏ' at position 5", c3p::parse_error);
    }

    TEST_CASE("lenient amounts: zero as Excel's accounting format shows it, a dash alone") {
        for (const char* text : {"-", "¥-", "￥-", "\\-", " - ", "－", "−", "¥ -", "￥　－", "　-　"})
            CHECK_MESSAGE(lenient(text) == "0", text);
        for (const char* text : {"--", "▲", "△", "-¥", "- -", "¥--", "-円", "¥"})  // a sign without digits stays refused
            CHECK_MESSAGE(lenient(text) == "refused", text);
        CHECK_FALSE(c3p::decimal::try_parse("-"));  // the strict parse stays strict
        CHECK(c3p::yen::parse_lenient("¥-") == c3p::yen{});
        const auto read = c3p::read_budget_csv("item,unit_price\nmeeting,¥-\nmeeting,\"¥12,000\"\n");
        REQUIRE(read.ok());
        const auto r = c3p::check(read.budget);
        CHECK(r.totals.item(c3p::item::meeting) == 12'000_yen);
        CHECK(c3p_test::codes(r.violations)[0] == "line.zero_amount");  // the dashed line is a line of 0 yen, warned
    }

    TEST_CASE("lenient amounts: exponents, unit words, blanks inside and doubled marks are still refused") {
        for (const char* text : {"1e5", "12万", "1 200", "¥", "円", "1,200円円", "¥¥1", "▲-5", "+5", "1,2345", "１，２３４５",
                                 "1.0000001", "千円", "5,000▲"})
            CHECK_MESSAGE(lenient(text) == "refused", text);
        // The position is in the text as written: after two full-width digits of three bytes each.
        const auto r = c3p::decimal::try_parse_lenient("１２万");
        CHECK(r.position == 6);
        CHECK(c3p::describe(r.error, "１２万", r.position, language::english) == "unexpected character '万'");
        CHECK(c3p::describe(r.error, "１２万", r.position, language::japanese) == "数値に使えない文字「万」があります");
        // The strict parse stays strict.
        CHECK_FALSE(c3p::decimal::try_parse("¥1,200"));
        CHECK_FALSE(c3p::decimal::try_parse("１２"));
        CHECK(c3p::yen::parse_lenient("1,200円") == 1'200_yen);
        CHECK(c3p::rate::try_parse_lenient("１０％").value == c3p::rate::percent(10));
    }

    TEST_CASE("headers: the Japanese names, and the English ones in any case") {
        const auto line = only_line("費目,内容,単価,数量,税区分,消耗品理由,現地調査\n消耗品費,センサー,\"¥45,000\",４,税込,(2),はい\n");
        CHECK(line.item == item::consumables);
        CHECK(line.description == "センサー");
        CHECK(line.unit_price == 45'000_yen);
        CHECK(line.quantity == c3p::quantity(4));
        CHECK(line.basis == c3p::price_basis::inclusive);
        CHECK(line.reason == c3p::consumable_reason::not_reusable);
        CHECK(line.field_survey);
        CHECK(only_line("Item,摘要,UNIT_PRICE\nwages,x,1\n").description == "x");
    }

    TEST_CASE("values: every spelling of the price basis, the field-survey flag and the consumable reason") {
        const auto basis = [](std::string_view cell) {
            return only_line("item,unit_price,price_basis\nwages,1," + std::string(cell) + "\n").basis;
        };
        CHECK(basis("税抜") == c3p::price_basis::exclusive);
        CHECK(basis("税込") == c3p::price_basis::inclusive);
        CHECK(basis("不課税") == c3p::price_basis::untaxed);
        CHECK(basis("Inclusive") == c3p::price_basis::inclusive);
        CHECK(basis("") == c3p::price_basis::exclusive);
        const auto flag = [](std::string_view cell) {
            return only_line("item,unit_price,field_survey\nwages,1," + std::string(cell) + "\n").field_survey;
        };
        for (const char* yes : {"はい", "○", "〇", "yes", "YES", "True", "1"}) CHECK_MESSAGE(flag(yes), yes);
        for (const char* no : {"いいえ", "", "no", "False", "0"}) CHECK_FALSE_MESSAGE(flag(no), no);
        const auto reason = [](std::string_view cell) {
            return only_line("item,unit_price,consumable_reason\nconsumables,1," + std::string(cell) + "\n").reason;
        };
        CHECK(reason("(2)") == c3p::consumable_reason::not_reusable);
        CHECK(reason("2") == c3p::consumable_reason::not_reusable);
        CHECK(reason("（２）") == c3p::consumable_reason::not_reusable);
        CHECK(reason("(3)") == c3p::consumable_reason::fragile);
        CHECK(reason("3") == c3p::consumable_reason::fragile);
        CHECK(reason("(4)") == c3p::consumable_reason::short_life);
        CHECK(reason("4") == c3p::consumable_reason::short_life);
        CHECK(reason("Fragile") == c3p::consumable_reason::fragile);
    }

    TEST_CASE("values: refused spellings name the cell, in English and in Japanese") {
        const std::string basis = "item,unit_price,price_basis\nwages,100,軽減\n";
        CHECK(c3p_test::csv_errors(basis) == "2:11: unknown price_basis \"軽減\" (exclusive, inclusive or untaxed; 税抜, 税込 or 不課税)\n");
        CHECK(c3p_test::csv_errors(basis, language::japanese) == "2:11: 税区分「軽減」は不明です（税抜・税込・不課税、または exclusive・inclusive・untaxed）\n");
        const std::string flag = "item,unit_price,field_survey\nwages,100,×\n";
        CHECK(c3p_test::csv_errors(flag, language::japanese) == "2:11: 現地調査「×」は不明です（はい・いいえ・○、yes・no、true・false、1・0、または空欄）\n");
        const std::string reason = "item,unit_price,consumable_reason\nconsumables,1,(5)\n";
        CHECK(c3p_test::csv_errors(reason, language::japanese) ==
              "2:15: 消耗品理由「(5)」は不明です（(2) 繰り返し使用できない・(3) 破損しやすい・(4) "
              "短期間で使用できなくなる、not_reusable・fragile・short_life、または空欄）\n");
        const std::string amount = "費目,単価\n賃金,12万\n";
        CHECK(c3p_test::csv_errors(amount) == "2:6: invalid unit_price \"12万\": unexpected character '万'\n");
        CHECK(c3p_test::csv_errors(amount, language::japanese) == "2:6: 単価「12万」は数値として読めません：数値に使えない文字「万」があります\n");
    }

    TEST_CASE("did you mean: an unknown item or column gets the nearest known name, in characters") {
        const auto read = c3p::read_budget_csv("費目,単価\n消耗品,1\nequipmnt,1\nxyz,1\n会議,1\n");
        REQUIRE(read.errors.size() == 4);
        CHECK(read.errors[0].suggestion == "消耗品費");  // one character short of three: one edit
        CHECK(read.errors[1].suggestion == "equipment");
        CHECK(read.errors[2].suggestion.empty());       // nothing near
        CHECK(read.errors[3].suggestion == "会議費");
        CHECK(c3p::describe(read.errors[0]) == "unknown item \"消耗品\": did you mean \"消耗品費\"?");
        CHECK(c3p::describe(read.errors[0], language::japanese) == "不明な費目「消耗品」です（「消耗品費」のことですか）");
        CHECK(c3p::describe(read.errors[2]) ==
              "unknown item \"xyz\" (an item code such as equipment, or a Japanese name such as 備品費)");
        // A header: the input method's homophone (担架 for 単価, both たんか), or a near spelling.
        const auto header = c3p::read_budget_csv("費目,担架,Quantitty,摘要,適用\nmeeting,1,1,x,y\n");
        std::vector<std::string> suggested;
        for (const auto& e : header.errors)
            if (e.problem == c3p::input_problem::unknown_column) suggested.push_back(e.suggestion);
        CHECK(suggested == std::vector<std::string>{"単価", "quantity", "摘要"});
        CHECK(c3p::describe(header.errors[0], language::japanese).starts_with("不明な列「担架」です。「単価」のことですか（列："));
        // A records file's columns are suggested only where the file has them.
        CHECK(c3p::read_budget_csv("item,unit_price,dat\nmeeting,1,x\n").errors[0].suggestion.empty());
        CHECK(c3p::read_records_csv("item,unit_price,dat\nmeeting,1,x\n").errors[0].suggestion == "date");
        CHECK(c3p::detail::edit_distance("担架", "単価") == 2);
        CHECK(c3p::detail::edit_distance("Quantitty", "quantity") == 1);  // case does not count
    }

    TEST_CASE("one pass: a misspelt header's errors and the rows' own problems come together") {
        // 担架 for 単価: the required column is missing, yet the rows' other cells are judged.
        const auto read = c3p::read_budget_csv("費目,担架,数量,色\n消耗品,1,1,x\n会議費,1,abc,y\n合計,2,,\n");
        std::vector<std::string> where;
        for (const auto& e : read.errors)
            where.push_back(std::to_string(e.line) + ":" + std::to_string(e.column) + " " + std::string(e.code()));
        CHECK(where == std::vector<std::string>{"1:4 input.unknown_column", "1:10 input.unknown_column",
                                                "1:1 input.missing_column", "2:1 input.unknown_item",
                                                "3:7 input.invalid_number"});
        CHECK(read.budget.size() == 0);  // no row is taken without its required columns
        CHECK(c3p::check_csv("費目,担架\n消耗品,1\n").errors.size() == 3);
        // With the required columns, an unknown extra column (色, colour) is reported and the rows are read.
        const auto remarks = c3p::read_budget_csv("費目,単価,色\n会議費,1,x\n");
        REQUIRE(remarks.errors.size() == 1);
        CHECK(remarks.errors[0].code() == "input.unknown_column");
        CHECK(remarks.budget.size() == 1);
    }

    TEST_CASE("office sheets: No., 単位 and 備考 columns are read and left aside; tax and flag words as typed") {
        const auto read = c3p::read_budget_csv(
            "No.,費目,品名・仕様,単価（円）,数量,単位,金額（円）,課税区分,現地調査,備考\n"
            "1,人件費,技術者,52000,10,人日,520000,非課税,なし,\n"
            "2,消耗品費,試薬,1100,3,式,3300,税込み,有,現地調達\n"
            "3,会議費,会場,1000,1,回,1000,外税,無,\n"
            "4,会議費,会場,1100,1,回,1100,内税,あり,\n"
            "5,外国旅費,航空賃,1000,1,回,1000,対象外,,\n");
        REQUIRE(read.ok());
        REQUIRE(read.budget.size() == 5);
        const auto lines = read.budget.lines();
        CHECK(lines[0].basis == c3p::price_basis::untaxed);
        CHECK(lines[1].basis == c3p::price_basis::inclusive);
        CHECK(lines[2].basis == c3p::price_basis::exclusive);
        CHECK(lines[3].basis == c3p::price_basis::inclusive);
        CHECK(lines[4].basis == c3p::price_basis::untaxed);
        CHECK(lines[1].description == "試薬");
        CHECK(std::vector<bool>{lines[0].field_survey, lines[1].field_survey, lines[2].field_survey, lines[3].field_survey} ==
              std::vector<bool>{false, true, false, true});
        CHECK(read.layout.fields[static_cast<std::size_t>(c3p::csv_column::unit_price)] == 3u);
        CHECK(c3p_test::csv_errors("費目,単価,備考,備考\n会議費,1,x,y\n") == "1:10: duplicate column \"備考\" (also column 3)\n");
    }

    TEST_CASE("items: short forms are accepted, ambiguous names are refused with their candidates") {
        CHECK(only_line("費目,単価\n消費税,1\n").item == item::consumption_tax);
        CHECK(only_line("費目,単価\n海外旅費,1\n").item == item::overseas_travel);
        CHECK(only_line("費目,単価\n光熱水費,1\n").item == item::utilities);
        CHECK(only_line("費目,単価\n借料損料,1\n").item == item::rent_and_damage);
        CHECK(only_line("費目,単価\nEquipment,1\n").item == item::equipment);
        const std::string ambiguous = "費目,単価\n旅費,1\n委託費,2\n";
        CHECK(c3p_test::csv_errors(ambiguous) ==
              "2:1: ambiguous item \"旅費\": write 国内旅費 (domestic_travel), 外国旅費 (overseas_travel) or 委員等旅費 "
              "(committee_travel)\n"
              "3:1: ambiguous item \"委託費\": write 外注費 (outsourcing) or 共同実施費 (joint_implementation)\n");
        CHECK(c3p_test::csv_errors(ambiguous, language::japanese) ==
              "2:1: 費目「旅費」はどの費目か決まりません。国内旅費（domestic_travel）・外国旅費（overseas_travel）・"
              "委員等旅費（committee_travel）のいずれかを書いてください\n"
              "3:1: 費目「委託費」はどの費目か決まりません。外注費（outsourcing）・共同実施費（joint_implementation）"
              "のいずれかを書いてください\n");
    }

    TEST_CASE("summary and heading rows as city offices type them, recognised by rule, skipped and warned") {
        const auto read = c3p::read_budget_csv(
            "費目,単価,数量\n業務費,,\n直接経費,,\n人件費,40000,10\n人件費計,400000,\n小計（人件費）,400000,\n"
            "会議費,5000,2\n業務費計,10000,\n直接経費計,410000,\n間接経費,,\n一般管理費,41000,\n合計（税込）,496100,\n"
            "総合計,496100,\n【小計】,1,\nTotal (tax included),1,\n");
        REQUIRE(read.ok());
        std::vector<c3p::item> items;
        for (const auto& l : read.budget.lines()) items.push_back(l.item);
        // The real lines: personnel, a meeting, the stated G&A.
        CHECK(items == std::vector<c3p::item>{item::personnel, item::meeting, item::general_admin});
        const auto skipped = read.budget.summary_rows();
        CHECK(std::vector<std::size_t>(skipped.begin(), skipped.end()) ==
              std::vector<std::size_t>{2, 3, 5, 6, 8, 9, 10, 12, 13, 14, 15});
        for (const auto* text : {"人件費計", "小計（人件費）", "合計（税込）", "直接経費計", "総合計", "業務費", "直接経費",
                                 "間接経費", "人件費・小計", "旅費計", "計", "Operating costs", "Grand total"})
            CHECK_MESSAGE(c3p::detail::is_summary_item(text), text);
        for (const auto* text : {"人件費", "消耗品費", "一般管理費", "消費税", "共同実施費", "会計", "設計費", "計画"})
            CHECK_MESSAGE(!c3p::detail::is_summary_item(text), text);  // items, and words that end in 計
        // 合計 typed in the first column of a records file, where the date goes: one skipped row, no errors.
        const auto records = c3p::read_records_csv("日付,費目,単価\nR7.4.1,会議費,100\n合計,,100\n");
        REQUIRE(records.ok());
        CHECK(records.records.size() == 1);
    }

    TEST_CASE("Excel artefacts: empty rows and padded columns are skipped, summary rows skipped and warned") {
        const auto read = c3p::read_budget_csv(
            "item,unit_price,,\r\nwages,100,,\r\n,,,\r\n\r\n合計,100,,\r\nwages,50,,\r\n小計,150,,\r\n総計,1,,\r\nTotal,1,,\r\n"
            "subtotal,1,,\r\n");
        REQUIRE(read.ok());
        CHECK(read.budget.lines().size() == 2);
        CHECK(read.budget.source_line(1) == 6u);
        const auto skipped = read.budget.summary_rows();
        CHECK(std::vector<std::size_t>(skipped.begin(), skipped.end()) == std::vector<std::size_t>{5, 7, 8, 9, 10});
        const auto result = c3p::check(read.budget);
        CHECK(result.totals.item(item::wages) == 150_yen);
        const auto v = result.violations.to_vector();
        // Five summary rows; then the three that name a figure (合計, 総計, Total: the total) and
        // state another; 小計 and subtotal name none. Then general_admin.not_claimed.
        REQUIRE(v.size() == 9);
        CHECK(v[5].code() == "input.summary_mismatch");
        CHECK(v[5].source_line == 5u);
        CHECK(v[5].actual == c3p::decimal(100));
        CHECK(v[5].limit == c3p::decimal(165));  // 150 yen of wages and 10% tax
        CHECK(v[6].source_line == 8u);
        CHECK(v[7].source_line == 9u);
        CHECK(v[8].code() == "general_admin.not_claimed");
        CHECK(v[0].code() == "input.summary_row");
        CHECK(v[0].severity == c3p::severity::warning);
        CHECK_FALSE(v[0].line);
        CHECK(v[0].source_line == 5u);
        CHECK(v[4].source_line == 10u);
        CHECK(c3p::describe(v[0], language::japanese) == "合計・小計・見出しの行は読み飛ばしました（計上すると予算が二重になります）");
        // The streaming reader tells the checker the same, in the same order.
        const auto streamed = c3p::check_csv("item,unit_price\nwages,100\n合計,100\nwages,0\n");
        REQUIRE(streamed.ok());
        const auto s = streamed.result.violations.to_vector();
        REQUIRE(s.size() == 4);
        CHECK(s[2].code() == "input.summary_mismatch");  // 合計 100, the total 110
        CHECK(s[2].source_line == 3u);
        CHECK(s[0].code() == "input.summary_row");
        CHECK(s[0].source_line == 3u);
        CHECK(s[1].code() == "line.zero_amount");
        CHECK(s[1].source_line == 4u);
        CHECK(s[1].line == 1u);
    }

    TEST_CASE("terms: # lines above the header; a value in the next cell; options override them") {
        const std::string text = "# 一般管理費率：10%\n# uplift:,\"5,000,000\"\n# outsourcing_justified: はい\n"
                                 "# policy: fy2025\n# A note: a comment, even with a colon\n費目,単価,現地調査\n人件費,1000000,はい\n";
        const auto read = c3p::read_budget_csv(text);
        REQUIRE(read.ok());
        CHECK(read.budget.general_admin_rate() == c3p::rate::percent(10));
        CHECK(read.budget.uplift() == 5'000'000_yen);
        CHECK(read.budget.outsourcing_justified());
        CHECK(read.rules == &c3p::fy2025);
        CHECK(read.budget.source_line(0) == 7u);
        const auto overridden = c3p::read_budget_csv(text, {.general_admin_rate = c3p::rate::percent(5), .uplift = 0_yen});
        CHECK(overridden.budget.general_admin_rate() == c3p::rate::percent(5));
        CHECK(overridden.budget.uplift() == 0_yen);
        CHECK(overridden.budget.outsourcing_justified());  // not overridden
        // Terms given whole replace the file's.
        const auto given = c3p::read_budget_csv(text, {.terms = c3p::budget_terms{}});
        CHECK_FALSE(given.budget.general_admin_rate());
    }

    TEST_CASE("terms: unknown keys, bad values and unknown policies are errors in file order, in both languages") {
        const std::string text = "# foo: 1\n# ga_rate: abc\n# policy: fy1999\n# uplift: -5\nitem,unit_price\nwages,1\n";
        CHECK(c3p_test::csv_errors(text) ==
              "1:1: unknown term \"foo\" in a # line (ga_rate, uplift, outsourcing_justified, policy; 一般管理費率, 増額)\n"
              "2:1: invalid value \"abc\" for the term in this # line\n"
              "3:1: unknown policy \"fy1999\" (known: fy2025, fy2026)\n"
              "4:1: invalid value \"-5\" for the term in this # line\n");
        CHECK(c3p_test::csv_errors(text, language::japanese) ==
              "1:1: # 行の項目「foo」は不明です（一般管理費率・増額、または ga_rate・uplift・outsourcing_justified・policy）\n"
              "2:1: # 行の値「abc」が正しくありません\n"
              "3:1: 不明な方針「fy1999」です（fy2025, fy2026）\n"
              "4:1: # 行の値「-5」が正しくありません\n");
        // A policy given by the caller wins, and the file's is then not looked up.
        CHECK(c3p_test::csv_errors("# policy: fy1999\nitem,unit_price\nwages,1\n", language::english, {.rules = &c3p::fy2025}).empty());
    }

    TEST_CASE("separators: a header with tabs and no commas is tab-separated; the delimiter may be given") {
        const std::string tabs = "費目\t単価\t数量\n賃金\t\"1,200\"\t2\n";
        const auto read = c3p::read_budget_csv(tabs);
        REQUIRE(read.ok());
        CHECK(read.budget.lines()[0].unit_price == 1'200_yen);
        CHECK(c3p::csv_reader(tabs).delimiter() == '\t');
        CHECK(c3p::csv_reader("item,unit_price\twith tab\n").delimiter() == ',');  // commas win
        CHECK_FALSE(c3p::read_budget_csv(tabs, {.delimiter = ','}).ok());
        CHECK(c3p::read_budget_csv("item;x\tunit_price\n", {.delimiter = '\t'}).errors.size() == 2);  // "item;x" is no column
    }

    TEST_CASE("empty budgets: a header alone is checked and warned budget.empty") {
        const auto checked = c3p::check_csv("費目,単価\n\n,\n");
        REQUIRE(checked.ok());
        const auto v = checked.result.violations.to_vector();
        REQUIRE(v.size() == 1);
        CHECK(v[0].code() == "budget.empty");
        CHECK(c3p::describe(v[0]) == c3p::describe(v[0], language::english));
        CHECK(c3p::describe(v[0], language::japanese) != c3p::describe(v[0]));
    }

    TEST_CASE("summary rows: the figure each label names, or none") {
        using kind = c3p::summary_figure::kind;
        const auto named = [](std::string_view label) { return c3p::detail::summary_figure_named(label); };
        const auto category = [](c3p::category c) { return c3p::summary_figure{.of = kind::category, .category = c}; };
        CHECK(named("人件費計") == category(c3p::category::personnel));
        CHECK(named("小計（人件費）") == category(c3p::category::personnel));
        CHECK(named("人件費・小計") == category(c3p::category::personnel));
        CHECK(named("業務費") == category(c3p::category::operating));
        CHECK(named("Operating costs") == category(c3p::category::operating));
        CHECK(named("直接経費計") == c3p::summary_figure{.of = kind::group, .group = c3p::group::direct});
        CHECK(named("間接経費") == c3p::summary_figure{.of = kind::group, .group = c3p::group::indirect});
        CHECK(named("消耗品費計") == c3p::summary_figure{.of = kind::item, .item = item::consumables});
        CHECK(named("旅費計") == std::nullopt);  // 旅費 could be three items
        for (const auto* total : {"合計", "総合計", "総計", "合計（税込）", "税込合計", "Total", "Grand total"})
            CHECK_MESSAGE(named(total) == c3p::summary_figure{.of = kind::total}, total);
        for (const auto* pre_tax : {"税抜合計", "合計（税抜）", "税別合計"})
            CHECK_MESSAGE(named(pre_tax) == c3p::summary_figure{.of = kind::pre_tax}, pre_tax);
        for (const auto* none : {"小計", "計", "中計", "subtotal", "人件費", "消耗品費"})
            CHECK_MESSAGE(named(none) == std::nullopt, none);
    }

    TEST_CASE("summary rows: a stated amount is compared with the figure it names, at the boundary") {
        // 人件費 1,000,000 untaxed, 謝金 0: the personnel category is 1,000,000, the pre-tax total
        // too; the total 1,100,000.
        const auto warned = [](std::string_view stated_row) {
            const auto checked = c3p::check_csv("# ga_rate: 0%\n費目,単価,数量,税区分,金額\n人件費,1000000,1,不課税,1000000\n" +
                                                std::string(stated_row) + "\n");
            REQUIRE(checked.ok());
            std::vector<c3p::violation> out;
            for (const auto& v : checked.result.violations)
                if (v.code() == "input.summary_mismatch") out.push_back(v);
            return out;
        };
        CHECK(warned("人件費計,,,,1000000").empty());
        CHECK(warned("人件費計,,,,\"1,000,000\"").empty());
        const auto above = warned("人件費計,,,,1000001");
        REQUIRE(above.size() == 1);
        CHECK(above[0].actual == c3p::decimal(1'000'001));
        CHECK(above[0].limit == c3p::decimal(1'000'000));
        CHECK(above[0].category == c3p::category::personnel);
        REQUIRE(above[0].cell);
        CHECK(to_string(*above[0].cell) == "E4");  // the amount cell, below the # line
        CHECK(c3p::describe(above[0], language::japanese) ==
              "集計行に記載された人件費の小計1,000,001円が、明細から計算した1,000,000円と一致しません（計算した金額を使います）");
        CHECK(warned("人件費計,,,,999999").size() == 1);
        CHECK(warned("合計（税込）,,,,1100000").empty());  // 10% on the pre-tax total
        CHECK(warned("合計（税込）,,,,1100001").size() == 1);
        CHECK(warned("合計（税抜）,,,,1000000").empty());
        CHECK(warned("小計,,,,5").empty());       // names no figure
        CHECK(warned("人件費計,,,,").empty());    // states nothing
        CHECK(warned("人件費計,,,,=SUM(E2)").empty());  // a formula on a skipped row: no error, nothing stated
        // Without an amount column the unit price cell states it.
        const auto by_price = c3p::check_csv("費目,単価,税区分\n人件費,1000,不課税\n人件費計,999,\n");
        REQUIRE(by_price.ok());
        const auto v = by_price.result.violations.to_vector();
        REQUIRE(v.size() == 3);
        CHECK(v[1].code() == "input.summary_mismatch");
        REQUIRE(v[1].cell);
        CHECK(to_string(*v[1].cell) == "B3");
        // A budget read whole, then checked, compares the same.
        auto read = c3p::read_budget_csv("費目,単価,税区分\n人件費,1000,不課税\n人件費計,999,\n");
        REQUIRE(read.budget.summary_statements().size() == 1);
        auto whole = c3p::check(read.budget);
        whole.violations.locate(read.layout);
        CHECK(whole.violations == by_price.result.violations);
    }

    TEST_CASE("amount column: unit price x quantity as the sheet computed it, or that rounded to a yen") {
        const auto errors = [](std::string_view rows) {
            return c3p_test::csv_errors("費目,単価（円）,数量,金額（円）\n" + std::string(rows), language::japanese);
        };
        CHECK(errors("消耗品費,1000,3,3000\n").empty());
        CHECK(errors("消耗品費,1000,,1000\n").empty());          // no quantity: one
        CHECK(errors("消耗品費,333.3,3,999.9\n").empty());       // exact
        CHECK(errors("消耗品費,333.3,3,1000\n").empty());        // rounded up to a yen, as Excel shows it
        CHECK(errors("消耗品費,333.3,3,999\n").empty());         // or down
        CHECK(errors("消耗品費,1000,3,\n").empty());             // left empty
        CHECK(errors("消耗品費,1000,3,3001\n") ==
              "2:13: 金額「3001」が単価×数量（3,000円）と一致しません。金額か、単価と数量を確認してください\n");
        CHECK(errors("消耗品費,1000,3,2999\n").size() > 0);
        CHECK(errors("消耗品費,333.3,3,998\n").size() > 0);      // more than a yen off
        CHECK(errors("消耗品費,333.3,3,999.8\n").size() > 0);    // a fraction that is not the product
        CHECK(c3p_test::csv_error_cells("費目,単価,数量,金額\n消耗品費,1000,3,3001\n") == "D2\n");
        // A bad unit price is reported once; the amount is not judged against it.
        CHECK(c3p_test::csv_error_cells("費目,単価,数量,金額\n消耗品費,1x,3,3001\n") == "B2\n");
    }

    TEST_CASE("formulas: a workbook's formula without a computed value is one error, on its cell") {
        CHECK(c3p_test::csv_errors("費目,単価,数量\n消耗品費,=B1*2,1\n") ==
              "2:6: the formula =B1*2 has no computed value saved; open and save the workbook in Excel\n");
        CHECK(c3p_test::csv_errors("費目,単価,数量\n=A1,100,1\n", language::japanese) ==
              "2:1: 数式 =A1 の計算結果が保存されていません。Excel で開いて保存してください\n");
        CHECK(c3p_test::csv_error_cells("費目,単価,数量\n消耗品費,100,=C1\n") == "C2\n");
        // On a summary row, skipped anyway, none.
        CHECK(c3p::read_budget_csv("費目,単価\n消耗品費,100\n合計,=SUM(B2:B2)\n").ok());
    }

    TEST_CASE("office sheets: numbered headings and lines, headings without figures, numbered empty rows") {
        CHECK(c3p::detail::without_enumerator("1. 消耗品費") == "消耗品費");
        CHECK(c3p::detail::without_enumerator("１．消耗品費") == "消耗品費");
        CHECK(c3p::detail::without_enumerator("（１）人件費") == "人件費");
        CHECK(c3p::detail::without_enumerator("(2) 業務費") == "業務費");
        CHECK(c3p::detail::without_enumerator("[3]会議費") == "会議費");
        CHECK(c3p::detail::without_enumerator("①外注費") == "外注費");
        CHECK(c3p::detail::without_enumerator("Ⅰ．直接経費") == "直接経費");
        CHECK(c3p::detail::without_enumerator("2) 謝金") == "謝金");
        CHECK(c3p::detail::without_enumerator("12") == "12");          // a number alone
        CHECK(c3p::detail::without_enumerator("2025年度") == "2025年度");  // no enumerator
        CHECK(c3p::detail::without_enumerator("(a) 人件費") == "(a) 人件費");
        const auto read = c3p::read_budget_csv(
            "No.,費目,内容,単価,数量,金額\n"
            ",Ⅰ．直接経費,,,,\n"         // a numbered group heading
            ",（１）人件費,,,,\n"         // a numbered category heading that names an item too
            "1,人件費,技術者,1000,2,2000\n"
            ",人件費計,,,,2000\n"
            ",（２）業務費,,,,\n"
            "2,1. 消耗品費,紙,100,1,100\n"  // a numbered line: the item
            "3,,小計,,,100\n"              // 小計 after the row's number
            "4,,,,,\n"                     // a template's numbered empty row
            ",合計（税込）,,,,2310\n"
            ",一般管理費,,,,\n"           // the figures the rules compute, awaiting them: headings
            ",消費税,,,,\n");
        REQUIRE(read.ok());
        REQUIRE(read.budget.size() == 2);
        CHECK(read.budget.lines()[1].item == item::consumables);
        const auto skipped = read.budget.summary_rows();
        CHECK(std::vector<std::size_t>(skipped.begin(), skipped.end()) == std::vector<std::size_t>{2, 3, 5, 6, 8, 10, 11, 12});
        // Stated, they are lines (a stated G&A or tax).
        CHECK(c3p::read_budget_csv("費目,単価\n消費税,100\n").budget.size() == 1);
        // A category's name as an item with figures is a line; an item without any is a missing price.
        CHECK(c3p::read_budget_csv("費目,単価\n人件費,1000\n").budget.size() == 1);
        CHECK(c3p_test::csv_errors("費目,単価\n消耗品費,\n") == "2:6: empty unit_price: a number is required\n");
        CHECK(c3p_test::csv_errors("費目,単価\n1. 謎,1\n").starts_with("2:1: unknown item \"1. 謎\""));
    }

    TEST_CASE("office sheets: title rows above the header are passed over") {
        const std::string titled = "令和7年度　経費内訳書\n事業名：富山市–スマラン市,,\n\n# 一般管理費率: 10%\n費目,内容,単価,数量\n人件費,a,1000,2\n";
        const auto read = c3p::read_budget_csv(titled);
        REQUIRE(read.ok());
        REQUIRE(read.budget.size() == 1);
        CHECK(read.budget.source_line(0) == 6u);
        CHECK(read.budget.terms().general_admin_rate == c3p::rate::percent(10));
        // Tab-separated under a title of one cell.
        const auto tabs = c3p::read_budget_csv("経費内訳書\n\n費目\t単価\n人件費\t1000\n");
        REQUIRE(tabs.ok());
        CHECK(tabs.budget.size() == 1);
        // A header naming one column is still the header, and its problems are told once.
        CHECK(c3p_test::csv_errors("item,unit_prise\nwages,1\x80\nwages,2\n") ==
              "1:6: unknown column \"unit_prise\": did you mean \"unit_price\"? (columns: item, description, unit_price, "
              "quantity, amount, price_basis, consumable_reason, field_survey)\n"
              "1:1: missing required column \"unit_price\"\n"
              "2:8: invalid UTF-8: these bytes are no UTF-8 text (Japanese Excel saves CSV as Shift_JIS, CP932)\n");
    }

    TEST_CASE("office sheets: a sheet of amounts alone reads each amount as its line's price") {
        const auto read = c3p::read_budget_csv("費目,内容,金額\n人件費,技術者,\"1,000\"\n人件費計,,1000\n");
        REQUIRE(read.ok());
        REQUIRE(read.budget.size() == 1);
        CHECK(read.budget.lines()[0].unit_price == 1'000_yen);
        CHECK(read.layout.fields[static_cast<std::size_t>(c3p::csv_column::unit_price)] == 2u);
        CHECK(read.budget.summary_statements().size() == 1);  // the 人件費計 row states 1,000
        CHECK(c3p_test::csv_error_cells("費目,内容,金額\n人件費,技術者,1x\n") == "C2\n");
        // With a quantity column the amount is unit price x quantity, and the unit price is required.
        CHECK(c3p_test::csv_errors("費目,数量,金額\n人件費,1,1000\n") == "1:1: missing required column \"unit_price\"\n");
    }

    TEST_CASE("office sheets: names spaced out to align, headers over two lines, quantities with their units") {
        const auto read = c3p::read_budget_csv("費　目,\"単価\n（円）\",数　量,Unit Price Basis\n"
                                               "人　件　費,1000,10人日,\n消耗品費,500,３式,\n合　計,15500,,\n");
        CHECK(c3p_test::csv_errors("費　目,単　価\n人件費,1\n").empty());
        CHECK(c3p_test::csv_errors("Item,Unit Price,Quantity\nwages,1,2\n").empty());
        REQUIRE(read.errors.size() == 1);  // Unit Price Basis names no column
        CHECK(read.errors[0].code() == "input.unknown_column");
        const auto ok = c3p::read_budget_csv("費　目,\"単価\n（円）\",数　量\n人　件　費,1000,10人日\n消耗品費,500,３式\n合　計,15500,\n");
        REQUIRE(ok.ok());
        REQUIRE(ok.budget.size() == 2);
        CHECK(ok.budget.lines()[0].item == item::personnel);
        CHECK(ok.budget.lines()[0].quantity == c3p::quantity(10));
        CHECK(ok.budget.lines()[1].quantity == c3p::quantity(3));
        CHECK(ok.budget.summary_rows().size() == 1);
        CHECK(c3p::detail::without_unit("10人日") == "10");
        CHECK(c3p::detail::without_unit("人日") == "人日");  // a unit alone is no number
        CHECK(c3p::detail::without_unit("10") == "10");
        // A letter after the digits is still a mistake, named as such.
        CHECK(c3p_test::csv_errors("費目,単価,数量\n人件費,1,1O\n") == "2:8: invalid quantity \"1O\": unexpected character 'O'\n");
        CHECK(c3p_test::csv_errors("費目,単価\n人件費,10人日\n").size() > 0);  // units only after a quantity
    }

    TEST_CASE("office sheets: 項目 for the item, notes after an item, and a price header saying 税込") {
        const auto read = c3p::read_budget_csv("項目,単価（税込）,数量,税区分\n消耗品費（試薬）,1100,1,\n人件費（小計）,1100,,\n"
                                               "会議費,1000,1,税抜\n");
        REQUIRE(read.ok());
        REQUIRE(read.budget.size() == 2);
        CHECK(read.budget.lines()[0].item == item::consumables);
        CHECK(read.budget.lines()[0].basis == c3p::price_basis::inclusive);  // the header's 税込
        CHECK(read.budget.lines()[1].basis == c3p::price_basis::exclusive);  // the row's 税抜
        CHECK(read.budget.summary_rows().size() == 1);  // 人件費（小計）: a subtotal, never a personnel line
        const auto checked = c3p::check(read.budget);
        CHECK(checked.totals.item(item::consumables) == 1'000_yen);
        CHECK(checked.totals.item(item::personnel) == 0_yen);
        // The same file checked row by row gives the same.
        const auto streamed = c3p::check_csv("項目,単価（税込）,数量,税区分\n消耗品費（試薬）,1100,1,\n人件費（小計）,1100,,\n"
                                             "会議費,1000,1,税抜\n");
        REQUIRE(streamed.ok());
        CHECK(streamed.result.totals == checked.totals);
        CHECK(c3p::read_budget_csv("費目,単価（税抜）\n消耗品費,1100\n").budget.lines()[0].basis == c3p::price_basis::exclusive);
        CHECK(c3p::detail::is_summary_item("人件費（計）"));
        CHECK_FALSE(c3p::detail::is_summary_item("人件費（技術者）"));
    }
}
