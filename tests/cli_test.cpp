// End to end: runs the c3p-check program on the bundled samples and on malformed files,
// asserting exit codes, exact messages with line and column, and JSON fields.
#include <c3p/detail/utf8.hpp>
#include <c3p/version.hpp>

#include <c3p/policy_sources.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <set>
#include <string>

#include "support.hpp"

namespace fs = std::filesystem;

namespace {

struct run_result {
    int exit_code;
    std::string out;
    std::string err;
};

const fs::path& scratch_dir() {
    static const fs::path dir = [] {
        auto d = fs::temp_directory_path() / ("c3p_cli_test_" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string write_file(const std::string& name, const std::string& content) {
    const auto path = scratch_dir() / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

/// Runs c3p-check with `args` (already shell-quoted where needed), standard input from `input`,
/// in an English environment unless `environment` sets other variables ("LANG=ja_JP.UTF-8").
run_result run(const std::string& args, const std::string& input = "",
               const std::string& environment = "LC_ALL=C LC_MESSAGES= LANG=C") {
    const auto in = write_file("stdin.txt", input);
    const auto out = scratch_dir() / "stdout.txt", err = scratch_dir() / "stderr.txt";
    const std::string command = "env " + environment + " '" + C3P_CHECK_EXE + "' " + args + " <'" + in + "' >'" +
                                out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    return {WEXITSTATUS(status), slurp(out), slurp(err)};
}

std::size_t line_count(const std::string& text) {
    std::size_t n = 0;
    for (char c : text) n += c == '\n';
    return n;
}

}  // namespace

TEST_SUITE("c3p-check") {
    TEST_CASE("c3p-check: the Quick start sample is clean and prints the Table 5 summary") {
        const auto r = run("--ga-rate 10% " + c3p_test::example_path("budgets/fy2025_toyama_semarang.csv"));
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
        CHECK(r.out.find("    Domestic travel costs             国内旅費                         104,181\n") !=
              std::string::npos);
        CHECK(r.out.find("Total (tax included)                                                17,423,778\n") !=
              std::string::npos);
        CHECK(r.out.find("Headroom                                                             2,576,222\n") !=
              std::string::npos);
        CHECK(r.out.find("No violations: the budget complies with fy2025.") != std::string::npos);
        CHECK(r.out.starts_with("Budget " + c3p_test::example_path("budgets/fy2025_toyama_semarang.csv") + "\nC3P budget, policy fy2025 (16 lines)\n"));
        // The command word "check" may be written, before or after the options.
        CHECK(run("check --ga-rate 10% " + c3p_test::example_path("budgets/fy2025_toyama_semarang.csv")).out == r.out);
        CHECK(run("--ga-rate 10% check " + c3p_test::example_path("budgets/fy2025_toyama_semarang.csv")).out == r.out);
        std::istringstream lines(r.out);
        for (std::string l; std::getline(lines, l);) {
            if (l.find(c3p_test::example_path("budgets/")) != std::string::npos) continue;  // the path is as long as the user made it
            CAPTURE(l);
            CHECK(c3p::detail::display_width(l) <= 80);
        }
    }

    TEST_CASE("c3p-check: the broken sample exits 1 and lists errors first, each with its file line") {
        const auto file = c3p_test::example_path("budgets/fy2025_rules_broken.csv");
        const auto r = run("--ga-rate 10% --uplift 6000000 " + file);
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("Violations: 9 errors, 3 warnings\n") != std::string::npos);
        const auto first_error = r.out.find("ERROR    " + file + ":3 (C3)  equipment.below_threshold\n");
        const auto last_error = r.out.find("ERROR    budget  cap.exceeded\n");
        const auto first_warning = r.out.find("warning  " + file + ":3 (A3)  equipment.needs_approval\n");
        CHECK(first_error != std::string::npos);
        CHECK(last_error != std::string::npos);
        CHECK(first_warning != std::string::npos);
        CHECK(first_error < last_error);
        CHECK(last_error < first_warning);
        CHECK(r.out.find("ERROR    " + file + ":10 (C10)  line.negative_amount\n") != std::string::npos);
        // The stated G&A and tax are named by their rows.
        CHECK(r.out.find("ERROR    " + file + ":12 (C12)  consumption_tax.mismatch\n") != std::string::npos);
    }

    TEST_CASE("c3p-check: JSON output has the SPEC's shape with amounts as strings") {
        const auto r = run("--format json --ga-rate 10% --uplift 6000000 " + c3p_test::example_path("budgets/fy2025_rules_broken.csv"));
        CHECK(r.exit_code == 1);
        const auto j = nlohmann::ordered_json::parse(r.out);
        CHECK(j["policy"] == "fy2025");
        std::vector<std::string> total_keys;
        for (const auto& [key, value] : j["totals"].items()) {
            total_keys.push_back(key);
            CHECK(value.is_string());
        }
        CHECK(total_keys == std::vector<std::string>{"direct", "joint_implementation", "general_admin", "pre_tax",
                                                     "consumption_tax", "total", "cap", "headroom"});
        CHECK(j["totals"]["total"] == "36955600");
        CHECK(j["totals"]["headroom"] == "-16955600");
        CHECK(j["items"].size() == 16);
        CHECK(j["items"]["committee_travel"] == "0");
        CHECK_FALSE(j["items"].contains("general_admin"));
        const auto& v = j["violations"];
        REQUIRE(v.size() == 12);
        CHECK(v[0]["code"] == "equipment.below_threshold");
        CHECK(v[0]["severity"] == "error");
        CHECK(v[0]["line"] == 1);
        CHECK(v[0]["item"] == "equipment");
        CHECK(v[0]["actual"] == "165000");
        CHECK(v[0]["limit"] == "200000");
        CHECK(v[11]["code"] == "cap.exceeded");
        CHECK(v[11]["line"].is_null());
        CHECK(v[11]["item"].is_null());
        CHECK(v[11]["message"] == "total 36,955,600 yen exceeds the cap of 20,000,000 yen");
        CHECK(run("--format json --ga-rate 10% --uplift 6000000 " + c3p_test::example_path("budgets/fy2025_rules_broken.csv")).out == r.out);
        REQUIRE(j["lines"].size() == 11);
        CHECK(j["lines"][1] == nlohmann::ordered_json{{"line", 1}, {"source_line", 3}, {"item", "equipment"}, {"amount", "150000"}});
        const auto without = nlohmann::ordered_json::parse(
            run("--format json --no-lines --ga-rate 10% --uplift 6000000 " + c3p_test::example_path("budgets/fy2025_rules_broken.csv")).out);
        CHECK_FALSE(without.contains("lines"));
        CHECK(without["violations"] == j["violations"]);
    }

    TEST_CASE("c3p-check: Japanese item names and standard input") {
        const auto r = run("--ga-rate 10% --format json -", slurp(c3p_test::example_path("budgets/fy2025_japanese_items.csv")));
        CHECK(r.exit_code == 0);
        const auto j = nlohmann::json::parse(r.out);
        CHECK(j["items"]["personnel"] == "5500000");
        CHECK(j["totals"]["total"] == "11875600");
        CHECK(j["violations"].empty());
    }

    TEST_CASE("c3p-check: malformed cells are all reported as FILE:LINE:COLUMN and exit 2") {
        const auto file = write_file("bad.csv",
                                     "item,unit_price,quantity,price_basis\n"
                                     "wages,12a,1,exclusive\n"
                                     "wages,100,1,gross\n"
                                     "unknown,1.2.3,1,\n");
        const auto r = run(file);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == file + ":2:9 (B2): invalid unit_price \"12a\": unexpected character 'a'\n" + file +
                           ":3:13 (D3): unknown price_basis \"gross\" (exclusive, inclusive or untaxed; 税抜, 税込 or 不課税)\n" + file +
                           ":4:1 (A4): unknown item \"unknown\" (an item code such as equipment, or a Japanese name such as "
                           "備品費)\n" +
                           file + ":4:12 (B4): invalid unit_price \"1.2.3\": more than one decimal point\n" +
                           "c3p-check: 4 errors in " + file + "; nothing was checked\n");
        const auto from_stdin = run("-", "item,unit_price\nwages,1e5\n");
        CHECK(from_stdin.exit_code == 2);
        CHECK(from_stdin.err.starts_with("<stdin>:2:8 (B2): invalid unit_price \"1e5\": exponent notation is not accepted\n"));
    }

    TEST_CASE("c3p-check: empty, binary and unreadable files exit 2 with a clear message") {
        const auto empty = run(write_file("empty.csv", ""));
        CHECK(empty.exit_code == 2);
        CHECK(empty.err.find(":1:1: empty file") != std::string::npos);
        std::string junk;
        for (int i = 0; i < 2000; ++i) junk += static_cast<char>((i * 31 + 7) % 256);
        const auto binary = run(write_file("junk.csv", junk));
        CHECK(binary.exit_code == 2);
        CHECK(binary.out.empty());
        const auto missing = run("/nonexistent/budget.csv");
        CHECK(missing.exit_code == 2);
        CHECK(missing.err == "c3p-check: cannot open /nonexistent/budget.csv: No such file or directory\n");
        const auto directory = run(scratch_dir().string());
        CHECK(directory.exit_code == 2);
        CHECK(directory.err == "c3p-check: cannot read " + scratch_dir().string() + ": it is a directory\n");
    }

    TEST_CASE("c3p-check: usage errors are one line and exit 2") {
        const auto file = c3p_test::example_path("budgets/fy2025_toyama_semarang.csv");
        const std::pair<std::string, std::string> cases[] = {
            {"--ga-rate abc " + file, "c3p-check: --ga-rate: invalid rate \"abc\": unexpected character 'a' (see c3p-check --help)\n"},
            {"--ga-rate 150% " + file, "c3p-check: --ga-rate: 150% is above 100% (see c3p-check --help)\n"},
            {"--ga-rate -5% " + file, "c3p-check: --ga-rate: invalid rate \"-5%\": must not be negative (see c3p-check --help)\n"},
            {"--uplift -5 " + file, "c3p-check: --uplift: -5 is below zero (see c3p-check --help)\n"},
            {"--uplift 5e6 " + file,
             "c3p-check: --uplift: invalid amount \"5e6\": exponent notation is not accepted (see c3p-check --help)\n"},
            {"--format xml " + file, "c3p-check: --format: \"xml\" is not text or json (see c3p-check --help)\n"},
            {"--policy fy2024 " + file, "c3p-check: --policy: no policy \"fy2024\" (known: fy2025, fy2026; or a policy file NAME.json); did you mean fy2025? (see c3p-check --help)\n"},
            {"--colour " + file, "c3p-check: unknown option --colour (see c3p-check --help)\n"},
            {"--ga-rate", "c3p-check: --ga-rate needs a value (see c3p-check --help)\n"},
            {"", "c3p-check: no FILE given (see c3p-check --help)\n"},
            {file + " " + file, "c3p-check: only one FILE can be checked, got \"" + file + "\" and \"" + file +
                                    "\" (see c3p-check --help)\n"},
        };
        for (const auto& usage : cases) {
            const auto& args = usage.first;
            CAPTURE(args);
            const auto r = run(args);
            CHECK(r.exit_code == 2);
            CHECK(r.err == usage.second);
            CHECK(line_count(r.err) == 1);
            CHECK(r.out.empty());
        }
        CHECK(run("--ga-rate=10% --format=json " + file).exit_code == 0);
    }

    TEST_CASE("c3p-check: --outsourcing-justified turns the outsourcing error into a warning") {
        const auto file = write_file("outsourcing.csv", "item,unit_price\npersonnel,1000000\noutsourcing,1000001\n");
        const auto strict = run("--format json " + file);
        CHECK(strict.exit_code == 1);
        CHECK(nlohmann::json::parse(strict.out)["violations"][0]["severity"] == "error");
        const auto justified = run("--outsourcing-justified --format json " + file);
        CHECK(justified.exit_code == 0);
        CHECK(nlohmann::json::parse(justified.out)["violations"][0]["severity"] == "warning");
    }

    TEST_CASE("c3p-check: --help describes every option and column") {
        const auto r = run("--help");
        CHECK(r.exit_code == 0);
        for (const char* word : {"--ga-rate", "--uplift", "--outsourcing-justified", "--policy", "--format", "item",
                                 "unit_price", "description", "quantity", "price_basis", "consumable_reason",
                                 "field_survey", "exit status"})
            CHECK(r.out.find(word) != std::string::npos);
    }

    TEST_CASE("c3p-check: figures too large to sum exactly exit 2 instead of printing a wrong total") {
        std::string csv = "item,unit_price\n";
        for (int i = 0; i < 3; ++i) csv += "wages,200000000000000000000000000000000\n";  // 2 x 10^32 each
        const auto r = run(write_file("huge.csv", csv));
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("overflows the exact representation") != std::string::npos);
        CHECK(r.out.empty());
    }

    TEST_CASE("c3p-check: the CP932 sample as Japanese Excel writes it gives the UTF-8 sample's figures") {
        const auto excel = run("--ga-rate 10% --format json " + c3p_test::example_path("budgets/fy2025_excel_cp932.csv"));
        const auto utf8 = run("--ga-rate 10% --format json " + c3p_test::example_path("budgets/fy2025_japanese_items.csv"));
        REQUIRE(excel.exit_code == 0);
        REQUIRE(utf8.exit_code == 0);
        const auto a = nlohmann::json::parse(excel.out), b = nlohmann::json::parse(utf8.out);
        CHECK(a["totals"] == b["totals"]);
        CHECK(a["items"] == b["items"]);
        CHECK(a["totals"]["total"] == "11875600");
        // Each line's amount and file line, as the UTF-8 file has them.
        REQUIRE(a["lines"].size() == b["lines"].size());
        REQUIRE(a["lines"].size() == 12);
        for (std::size_t i = 0; i < a["lines"].size(); ++i) {
            CHECK(a["lines"][i]["line"] == i);
            CHECK(a["lines"][i]["source_line"] == i + 2);
            CHECK(a["lines"][i]["item"] == b["lines"][i]["item"]);
            CHECK(a["lines"][i]["amount"] == b["lines"][i]["amount"]);
        }
        REQUIRE(a["violations"].size() == 1);  // the 合計 row, skipped and named
        CHECK(a["violations"][0]["code"] == "input.summary_row");
        CHECK(a["violations"][0]["source_line"] == 15);
        // Forcing UTF-8 on it refuses the bytes and says why.
        const auto forced = run("--encoding utf-8 " + c3p_test::example_path("budgets/fy2025_excel_cp932.csv"));
        CHECK(forced.exit_code == 2);
        CHECK(forced.err.find(":1:1 (A1): invalid UTF-8: these bytes are no UTF-8 text (Japanese Excel saves CSV as "
                              "Shift_JIS, CP932)\n") != std::string::npos);
    }

    TEST_CASE("c3p-check: bytes CP932 does not know are reported with line and column, in both languages") {
        // 費目,単価 / 人件費,1000 / a lead byte before a space / 人件費,0xFF
        const auto file = write_file("bad932.csv", "\x94\xef\x96\xda,\x92\x50\x89\xbf\n\x90\x6c\x8c\x8f\x94\xef,1000\n"
                                                   "\x81\x20x,12\n\x90\x6c\x8c\x8f\x94\xef,\xff\n");
        const auto en = run(file);
        CHECK(en.exit_code == 2);
        CHECK(en.out.empty());
        CHECK(en.err == file + ":3:1 (A3): invalid CP932: these bytes are no character of CP932; save the file as UTF-8 or "
                              "Shift_JIS (CP932) CSV\n" +
                           file + ":4:5 (B4): invalid CP932: these bytes are no character of CP932; save the file as UTF-8 or "
                                  "Shift_JIS (CP932) CSV\nc3p-check: 2 errors in " + file + "; nothing was checked\n");
        const auto ja = run("--lang ja --format json " + file);
        CHECK(ja.exit_code == 2);
        const auto j = nlohmann::json::parse(ja.out);
        REQUIRE(j["errors"].size() == 2);
        CHECK(j["errors"][1] == nlohmann::json{{"source_line", 4}, {"column", 5}, {"cell", "B4"}, {"code", "input.invalid_encoding"},
                                               {"message", "CP932 として読めないバイトがあります。UTF-8 または "
                                                           "Shift_JIS（CSV（コンマ区切り））で保存してください"}});
        CHECK(ja.err == "c3p-check: " + file + " に 2 件のエラーがあります。確認していません\n");
    }

    TEST_CASE("c3p-check: malformed input with --format json prints a document of errors and exits 2") {
        const auto file = write_file("bad_json.csv", "item,unit_price\nwages,12a\n旅費,1\n");
        const auto r = run("--format json " + file);
        CHECK(r.exit_code == 2);
        const auto j = nlohmann::json::parse(r.out);
        REQUIRE(j["errors"].size() == 2);
        CHECK(j["errors"][0]["source_line"] == 2);
        CHECK(j["errors"][0]["column"] == 9);
        CHECK(j["errors"][0]["code"] == "input.invalid_number");
        CHECK(j["errors"][1]["code"] == "input.ambiguous_item");
        CHECK(j["errors"][1]["message"] == "ambiguous item \"旅費\": write 国内旅費 (domestic_travel), 外国旅費 "
                                           "(overseas_travel) or 委員等旅費 (committee_travel)");
    }

    TEST_CASE("c3p-check: a tab-separated file is detected, or named with --delimiter") {
        const auto tab = run("--ga-rate 10% --format json " + c3p_test::example_path("budgets/fy2025_tab_separated.txt"));
        REQUIRE(tab.exit_code == 0);
        CHECK(nlohmann::json::parse(tab.out)["totals"]["total"] == "11875600");
        CHECK(run("--ga-rate 10% --delimiter tab " + c3p_test::example_path("budgets/fy2025_tab_separated.txt")).out == run("--ga-rate 10% " + c3p_test::example_path("budgets/fy2025_tab_separated.txt")).out);
        const auto commas = run("--delimiter comma " + c3p_test::example_path("budgets/fy2025_tab_separated.txt"));
        CHECK(commas.exit_code == 2);
        CHECK(commas.err.find(":1:1: missing required column \"item\"") != std::string::npos);
    }

    TEST_CASE("c3p-check: terms in the file's # lines apply; options override them") {
        const auto file_terms = run("--format json " + c3p_test::example_path("budgets/fy2025_terms_in_file.csv"));
        REQUIRE(file_terms.exit_code == 0);
        const auto j = nlohmann::json::parse(file_terms.out);
        CHECK(j["general_admin_rate"] == "0.1");
        CHECK(j["totals"]["general_admin"] == "788500");
        CHECK(j["granted_uplift"] == "3000000");
        CHECK(j["violations"].empty());
        const auto overridden = nlohmann::json::parse(run("--ga-rate 5% --uplift 0 --format json " + c3p_test::example_path("budgets/fy2025_terms_in_file.csv")).out);
        CHECK(overridden["general_admin_rate"] == "0.05");
        CHECK(overridden["totals"]["general_admin"] == "394250");
        CHECK(overridden["granted_uplift"] == "0");
    }

    TEST_CASE("c3p-check: the language comes from --lang, else from LC_ALL, LC_MESSAGES or LANG") {
        const std::string args = "--ga-rate 10% " + c3p_test::example_path("budgets/fy2025_rules_broken.csv");
        const auto ja = run(args, "", "LC_ALL= LC_MESSAGES= LANG=ja_JP.UTF-8");
        CHECK(ja.out.starts_with("予算 "));
        CHECK(ja.out.find("違反: エラー ") != std::string::npos);
        CHECK(ja.out.find("円\n") != std::string::npos);
        CHECK(run(args, "", "LC_ALL=ja_JP.UTF-8 LANG=C").out == ja.out);
        CHECK(run(args, "", "LC_ALL= LC_MESSAGES=ja_JP.UTF-8 LANG=en_US.UTF-8").out == ja.out);
        CHECK(run(args, "", "LC_ALL=C LANG=ja_JP.UTF-8").out.starts_with("Budget "));  // the first one set decides
        CHECK(run("--lang en " + args, "", "LANG=ja_JP.UTF-8").out == run(args).out);
        CHECK(run("--lang ja " + args).out == ja.out);
        std::istringstream lines(ja.out);
        for (std::string l; std::getline(lines, l);)  // the table and the messages; a location holds the file's path
            if (l.find("fy2025_rules_broken.csv") == std::string::npos) CHECK(c3p::detail::display_width(l) <= 80);
    }

    TEST_CASE("c3p-check: --version, --list-items and --help in Japanese") {
        const auto version = run("--version");
        CHECK(version.exit_code == 0);
        CHECK(version.out == "c3p-check " + std::string(c3p::version) + "\n");
        const auto items = run("--list-items");
        CHECK(items.exit_code == 0);
        for (const char* name : {"personnel", "人件費", "joint_implementation", "共同実施費", "消費税", "海外旅費",
                                 "光熱水費", "借料損料", "旅費 → 国内旅費 / 外国旅費 / 委員等旅費", "委託費 → 外注費 / 共同実施費"})
            CHECK(items.out.find(name) != std::string::npos);
        const auto help = run("--help --lang ja");
        CHECK(help.out.starts_with("使い方: c3p-check"));
        for (const char* word : {"--encoding", "--delimiter", "--lang", "--list-items", "--version", "費目", "単価", "数量",
                                 "税区分", "現地調査", "終了コード"})
            CHECK(help.out.find(word) != std::string::npos);
        for (const char* word : {"--encoding", "--delimiter", "--lang", "--list-items", "--version", "# ga_rate"})
            CHECK(run("--help").out.find(word) != std::string::npos);
        for (const char* args : {"--help", "--help --lang ja", "--list-items", "--list-items --lang ja"}) {
            std::istringstream lines(run(args).out);
            for (std::string l; std::getline(lines, l);) CHECK_MESSAGE(c3p::detail::display_width(l) <= 80, l);
        }
    }

    TEST_CASE("c3p-check settle: the sample year settles as a whole contract and per category, text and JSON") {
        const std::string dir = c3p_test::example_path("settlement/");
        const std::string files = "--contract " + dir + "contract.csv " + dir + "records_fy2025.csv";
        const auto whole = run("settle --format json " + files);
        CHECK(whole.exit_code == 0);
        const auto w = nlohmann::ordered_json::parse(whole.out);
        CHECK(w["settlement_basis"] == "whole_contract");
        CHECK(w["categories"]["personnel"]["contracted"] == "7120000");
        CHECK(w["categories"]["personnel"]["actual"] == "7242000");
        CHECK(w["categories"]["operating"]["actual"] == "6273600");
        CHECK(w["general_admin"]["settled"] == "1051560");  // 10% of 7,242,000 + 6,273,600 - 3,000,000 outsourced
        CHECK(w["total"] == "16023876");
        CHECK(w["contract_amount"] == "16576120");
        CHECK(w["payable"] == "16023876");
        CHECK(w["returned"] == "552244");
        REQUIRE(w["violations"].size() == 1);
        CHECK(w["violations"][0]["code"] == "actual.item_not_in_contract");
        CHECK(w["violations"][0]["item"] == "communication_logistics");

        // Per category with a 0.5% share: 69,860 of 13,972,000 may move, of the 122,000 personnel overspent.
        const auto strict = run("settle --settlement-basis per_category --transfer-share 0.5% --format json " + files);
        CHECK(strict.exit_code == 1);
        const auto j = nlohmann::ordered_json::parse(strict.out);
        CHECK(j["categories"]["personnel"]["moved"] == "69860");
        CHECK(j["categories"]["personnel"]["unpaid"] == "52140");
        CHECK(j["violations"][0]["code"] == "transfer.needs_approval");
        CHECK(j["violations"][0]["actual"] == "122000");

        const auto report = run("settle --lang ja --settlement-basis per_category " + files);
        CHECK(report.exit_code == 0);
        CHECK(report.out.find("C3P 精算　令和7年度（FY2025）　令和7年度の規則（fy2025）　区分経費ごとに精算") != std::string::npos);
        CHECK(report.out.find("支払額（額の確定）                                                16,023,876円") != std::string::npos);
        CHECK(report.out.find("\n通信運搬費                        0    170,000    170,000\n") != std::string::npos);
        CHECK(report.out.find("警告     精算全体  actual.item_not_in_contract\n") != std::string::npos);
        std::istringstream lines(report.out);
        for (std::string l; std::getline(lines, l);) CHECK_MESSAGE(c3p::detail::display_width(l) <= 80, l);
        const auto english = run("settle " + files);
        CHECK(english.out.find("\ncommunication_logistics           0    170,000    170,000\n") != std::string::npos);
        CHECK(english.out.find("warning  settlement  actual.item_not_in_contract\n") != std::string::npos);
    }

    TEST_CASE("c3p-check settle: records outside the year, bad dates and usage errors") {
        const std::string contract = c3p_test::example_path("settlement/contract.csv");
        const auto late = write_file("late.csv", "date,item,unit_price\n2026-04-01,meeting,1000\n2025-04-01,meeting,2000\n");
        const auto r = run("settle --contract " + contract + " " + late);
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("ERROR    " + late + ":2 (A2)  actual.outside_fiscal_year") != std::string::npos);
        CHECK(r.out.find("dated 2026-04-01, outside FY2025 (2025-04-01 to 2026-03-31)") != std::string::npos);
        CHECK(run("settle --fiscal-year 2026 --contract " + contract + " " + late).out.find("2025-04-01, outside FY2026") !=
              std::string::npos);

        const auto bad = write_file("bad_dates.csv", "日付,費目,単価\n2025-02-30,会議費,1000\n");
        const auto b = run("settle --contract " + contract + " " + bad);
        CHECK(b.exit_code == 2);
        CHECK(b.err.find(bad + ":2:1 (A2): invalid date \"2025-02-30\"") != std::string::npos);

        CHECK(run("settle " + late).err == "c3p-check: settle needs --contract CONTRACT.csv (see c3p-check --help)\n");
        CHECK(run("--contract " + contract + " " + late).err ==
              "c3p-check: --contract is an option of c3p-check settle (see c3p-check --help)\n");
        CHECK(run("settle --fiscal-year R0 --contract " + contract + " " + late).exit_code == 2);
        CHECK(run("settle --fiscal-year 令和8年度 --contract " + contract + " " + late).out.find("outside FY2026") !=
              std::string::npos);
    }

    TEST_CASE("c3p-check plan: the sample's three years, their tasks and phase, text and JSON") {
        const std::string plan = c3p_test::example_path("plan/plan_fy2025_2027.csv");
        const auto text = run("plan " + plan);
        CHECK(text.exit_code == 0);
        CHECK(text.out.find("FY2026 (R8)                    1  fy2026    16,074,740  20,000,000   3,925,260") != std::string::npos);
        CHECK(text.out.find("FY2027 (R9)                    1  fy2026*") != std::string::npos);
        CHECK(text.out.find("Phase 1  FY2025-FY2027") != std::string::npos);
        CHECK(text.out.find("4 Field surveys and invitations              8,926,000   9,526,000   8,326,000") != std::string::npos);
        CHECK(text.out.find("warning  FY2027 (R9)  policy.assumed") != std::string::npos);
        const auto json = run("plan --format json " + plan);
        const auto j = nlohmann::json::parse(json.out);
        REQUIRE(j["years"].size() == 3);
        CHECK(j["years"][0]["era"] == "令和7年度");
        CHECK(j["years"][1]["policy"] == "fy2026");
        CHECK(j["years"][1]["policy_assumed"] == false);
        CHECK(j["years"][2]["policy_assumed"] == true);
        CHECK(j["years"][1]["totals"]["total"] == "16074740");
        // Each year's Table 5 breakdown, as a check's: the categories and items add up to its totals.
        for (const auto& year : j["years"]) {
            CHECK(year["categories"]["personnel"] ==
                  c3p::to_string(c3p::yen::parse(year["items"]["personnel"].get<std::string>()) +
                                 c3p::yen::parse(year["items"]["honoraria"].get<std::string>())));
            CHECK(year["categories"]["joint_implementation"] == year["totals"]["joint_implementation"]);
        }
        CHECK(j["years"][2]["violations"][0]["fiscal_year"] == 2027);
        CHECK(j["years"][0]["tasks"]["4"] == "8926000");
        CHECK(j["phases"][0]["total"] == "46244220");
        CHECK(j["total"] == "46244220");
        const auto forced = run("plan --policy fy2025 --format json " + plan);
        CHECK(nlohmann::json::parse(forced.out)["years"][2]["policy_assumed"] == false);
        CHECK(nlohmann::json::parse(forced.out)["years"][1]["policy"] == "fy2025");
        CHECK(run("plan --lang ja " + plan).out.find("フェーズ1（令和7年度～令和9年度）") != std::string::npos);
    }

    TEST_CASE("c3p-check plan: phase rules exit 1, a year before every policy and bad cells exit 2") {
        const auto four = write_file("four.csv", "fiscal_year,item,unit_price\n2025,personnel,1\n2026,personnel,1\n"
                                                 "2027,personnel,1\n2028,personnel,1\n");
        const auto r = run("plan " + four);
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("ERROR    FY2025 (R7)  phase.too_long") != std::string::npos);
        const auto early = write_file("early.csv", "fiscal_year,item,unit_price\nH30,personnel,1\n");
        const auto e = run("plan " + early);
        CHECK(e.exit_code == 2);
        CHECK(e.err.find("no policy for FY2018 (平成30年度)") != std::string::npos);
        const auto bad = write_file("bad_plan.csv", "年度,費目,単価,タスク\nR7,人件費,1,8\n");
        const auto b = run("plan " + bad);
        CHECK(b.exit_code == 2);
        CHECK(b.err.find(bad + ":2:10 (D2): invalid task \"8\"") != std::string::npos);
        CHECK(run("plan").exit_code == 2);
    }

    TEST_CASE("c3p-check score: the sample proposal, from the plan's total, with the judged rows") {
        const std::string dir = c3p_test::example_path("plan/");
        const auto s = run("score --reduction 12000 --budget " + dir + "plan_fy2025_2027.csv --cost-basis phase "
                           "--engineer-projects 2 --sheet " + dir + "judged.csv --format json");
        CHECK(s.exit_code == 0);
        const auto j = nlohmann::json::parse(s.out);
        CHECK(j["cost_effectiveness"]["cost"] == "46244220");
        CHECK(j["cost_effectiveness"]["yen_per_tonne"] == "3853.685");
        CHECK(j["cost_effectiveness"]["points"] == 5);
        CHECK(j["ghg_reduction"]["points"] == 3);
        CHECK(j["engineer_workload"]["points"] == 4);
        CHECK(j["past_projects"].is_null());
        CHECK(j["total"] == 135);
        CHECK(j["maximum"] == 185);
        // 4,000.5 yen a tonne: 4 points as the bands meet, 4 rounded half up too; 4,000.499 differs.
        const auto edge = [&](const std::string& options) {
            return nlohmann::json::parse(run("score --format json " + options).out)["cost_effectiveness"]["points"];
        };
        CHECK(edge("--reduction 1000 --cost 4000500") == 4);
        CHECK(edge("--reduction 1000 --cost 4000499") == 4);
        CHECK(edge("--reduction 1000 --cost 4000499 --band-reading rounded") == 5);
        CHECK(edge("--reduction 1000 --cost 4000000") == 5);
        const auto text = run("score --reduction 12000 --cost 46244220 --ongoing --past-projects 2 --lang ja");
        CHECK(text.out.find("過去の都市間連携事業の実績 *") != std::string::npos);
        CHECK(text.out.find("費用対効果 3,853.685 円/t-CO2（年）") != std::string::npos);
    }

    TEST_CASE("c3p-check score: a plan given as a budget is told, and a budget or plan that breaks a rule is warned") {
        const auto plan = c3p_test::example_path("plan/plan_fy2025_2027.csv");
        const auto as_budget = run("score --reduction 12000 --budget " + plan);
        CHECK(as_budget.exit_code == 2);
        CHECK(as_budget.err ==
              "c3p-check: " + plan + " is a plan of several fiscal years: add --cost-basis phase to score its phase's cost\n");
        CHECK(run("score --reduction 12000 --cost-basis phase --budget " + plan).err.empty());  // a plan that passes
        const auto over = write_file("over_cap_plan.csv", "fiscal_year,item,unit_price,quantity\n2025,personnel,1000000,5\n"
                                                          "2026,personnel,1000000,5\n2027,personnel,1000000,19\n");
        const auto warned = run("score --reduction 12000 --cost-basis phase --budget " + over);
        CHECK(warned.exit_code == 0);  // scored all the same
        CHECK(warned.err == "c3p-check: warning: " + over + " breaks 1 rule (cap.exceeded FY2027 (R9)): the cost scored may "
                                                            "not stand; see c3p-check plan " + over + "\n");
        const auto broken = run("score --reduction 12000 --budget " + c3p_test::example_path("budgets/fy2025_rules_broken.csv"));
        CHECK(broken.exit_code == 0);
        CHECK(broken.err.find("breaks 7 rules (equipment.below_threshold, ") != std::string::npos);
    }

    TEST_CASE("c3p-check score: judged points beyond a row's allocation, unknown rows and usage errors") {
        const auto over = write_file("over.csv", "overall,51\n");
        const auto o = run("score --reduction 1 --cost 1 --sheet " + over);
        CHECK(o.exit_code == 2);
        CHECK(o.err == over + ":1: row overall: 51 points are beyond its allocation of 50\nc3p-check: 1 error in " + over +
                           "; nothing was scored\n");  // on its line, with the rest of the sheet's problems
        const auto at = write_file("at.csv", "overall,50\n");  // the allocation itself is allowed
        CHECK(run("score --reduction 1 --cost 1 --sheet " + at).exit_code == 0);
        const auto ongoing = write_file("ongoing.csv", "overall,26\npast_achievements,20\n");
        CHECK(run("score --ongoing --reduction 1 --cost 1 --sheet " + ongoing).err ==
              ongoing + ":1: row overall: 26 points are beyond its allocation of 25\nc3p-check: 1 error in " + ongoing +
                  "; nothing was scored\n");
        CHECK(run("score --reduction 1 --cost 1 --sheet " + ongoing).err.find("row past_achievements does not apply to a new project") !=
              std::string::npos);
        const auto unknown = write_file("unknown.csv", "row,points\noverall,40\nbeauty,5\noverall,x\n");
        const auto u = run("score --reduction 1 --cost 1 --sheet " + unknown);
        CHECK(u.exit_code == 2);
        CHECK(u.err.find(unknown + ":3: unknown row \"beauty\"") != std::string::npos);
        CHECK(u.err.find(unknown + ":4: row overall: \"x\" is not points such as 40") != std::string::npos);
        CHECK(run("score --cost 1").err == "c3p-check: score needs --reduction T (t-CO2 a year) (see c3p-check --help)\n");
        CHECK(run("score --reduction 1").err == "c3p-check: score needs one of --cost YEN and --budget FILE (see c3p-check --help)\n");
        CHECK(run("--reduction 1 x.csv").err == "c3p-check: --reduction is an option of c3p-check score (see c3p-check --help)\n");
        CHECK(run("score --reduction 1 --cost 1 --engineer-projects -1").exit_code == 2);
    }

    TEST_CASE("c3p-check policy: list, show a built-in or a file, in both languages and as JSON") {
        const auto list = run("policy list");
        CHECK(list.exit_code == 0);
        CHECK(list.out.find("  fy2026    FY2026 (R8)             3 of 17 confirmed\n") != std::string::npos);
        CHECK(run("policy list --lang ja").out.find("fy2026    令和8年度（FY2026）     17 件中 3 件確認済み") !=
              std::string::npos);
        const auto listed = nlohmann::json::parse(run("policy list --format json").out);
        REQUIRE(listed["policies"].size() == 2);
        CHECK(listed["policies"][1]["name"] == "fy2026");

        const auto shipped = c3p_test::example_path("../policies/fy2026.json");
        for (const auto& name : {std::string("fy2026"), shipped}) {
            CAPTURE(name);
            const auto json = run("policy show " + name + " --format json");
            CHECK(json.exit_code == 0);
            CHECK(json.out == c3p_test::file_bytes(shipped));
            const auto text = run("policy show " + name);
            CHECK(text.out.starts_with("Policy fy2026, FY2026 (R8): 3 values confirmed, 14 assumed\n"));
            CHECK(text.out.find("consumption tax rate (consumption_tax): 10%\n    assumed: ") != std::string::npos);
            const auto ja = run("policy show " + name + " --lang ja");
            CHECK(ja.out.find("消費税率 (consumption_tax): 10%\n    推定　") != std::string::npos);
        }
        const auto unknown = run("policy show fy2030");
        CHECK(unknown.exit_code == 2);
        CHECK(unknown.err == "c3p-check: no policy \"fy2030\" (known: fy2025, fy2026; or a policy file NAME.json); did you mean fy2025?\n");
        CHECK(run("policy show future").err == "c3p-check: no policy \"future\" (known: fy2025, fy2026; or a policy file NAME.json)\n");
        CHECK(run("policy").err == "c3p-check: policy needs list or show NAME|FILE.json (see c3p-check --help)\n");
        CHECK(run("policy show").exit_code == 2);
        CHECK(run("policy list x").exit_code == 2);
    }

    TEST_CASE("c3p-check --policy FILE.json: check, settle, plan and score under a policy file; its problems by key") {
        const auto budget = c3p_test::example_path("budgets/fy2025_toyama_semarang.csv");
        const auto lower_cap = write_file("fy2027.json", R"({"name": "fy2027_draft", "fiscal_year": 2027, "based_on": "fy2026",
            "cap": {"value": "15000000", "status": "assumed", "source": "a draft"}})");
        const auto check = run("--ga-rate 10% --policy " + lower_cap + " --format json " + budget);
        CHECK(check.exit_code == 1);
        const auto document = nlohmann::json::parse(check.out);
        CHECK(document["policy"] == "fy2027_draft");
        CHECK(document["totals"]["cap"] == "15000000");
        CHECK(document["violations"][0]["code"] == "cap.exceeded");
        // The shipped fy2026 file gives the built-in's figures, byte for byte.
        const auto shipped = c3p_test::example_path("../policies/fy2026.json");
        const auto plan = c3p_test::example_path("plan/plan_fy2025_2027.csv");
        const auto contract = c3p_test::example_path("settlement/contract.csv");
        const auto records = c3p_test::example_path("settlement/records_fy2025.csv");
        const std::pair<std::string, std::string> commands[] = {
            {"", "--ga-rate 10% " + budget},
            {"plan ", plan},
            {"settle ", "--fiscal-year 2025 --contract " + contract + " " + records}};
        for (const auto& entry : commands) {  // not a structured binding: CAPTURE cannot take one under clang 14
            const auto& [command, args] = entry;
            CAPTURE(entry.second);
            const auto from_file = run(command + "--policy " + shipped + " " + args);
            const auto built_in = run(command + "--policy fy2026 " + args);
            CHECK(from_file.exit_code != 2);
            CHECK(from_file.out.find("fy2026") != std::string::npos);
            CHECK(from_file.out == built_in.out);
            CHECK(from_file.exit_code == built_in.exit_code);
        }
        const auto score = run("score --reduction 1000 --budget " + budget + " --policy " + lower_cap);
        CHECK(score.exit_code == 0);

        const auto bad = write_file("bad.json", R"({"name": "x", "fiscal_year": 2027, "based_on": "fy2026",
            "consumption_tax": {"value": 0.08, "status": "confirmed", "source": "law"}, "capp": {}})");
        const auto r = run("--policy " + bad + " " + budget);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == bad + R"(: consumption_tax.value: a rate is text such as "10%" or "1/2", not the JSON number 0.08 (no binary float reads a rate)
)" + bad + R"(: unknown key "capp" (did you mean "cap"?)
c3p-check: 2 errors in )" + bad + "; nothing was checked\n");
        const auto ja = run("--lang ja --policy " + bad + " " + budget);
        CHECK(ja.err.find(bad + ": 不明なキー「capp」です（「cap」のことですか）\n") != std::string::npos);
        const auto missing = run("--policy " + (scratch_dir() / "absent.json").string() + " " + budget);
        CHECK(missing.exit_code == 2);
        CHECK(missing.err.find("absent.json") != std::string::npos);
    }

    TEST_CASE("c3p-check --explain: every figure's derivation after the report, or in the JSON; other output unchanged") {
        const auto budget = c3p_test::example_path("budgets/fy2025_toyama_semarang.csv");
        const auto plain = run("--ga-rate 10% " + budget);
        const auto explained = run("--ga-rate 10% --explain " + budget);
        CHECK(explained.exit_code == plain.exit_code);
        REQUIRE(explained.out.starts_with(plain.out + "\nDerivation (計算根拠)\n"));
        CHECK(explained.out.find("  total (tax included) 17,423,778 = pre-tax total 15,839,799 + consumption tax "
                                 "1,583,979; below cap 20,000,000\n") != std::string::npos);
        CHECK(run("--ga-rate 10% --explain --lang ja " + budget).out.find("計算根拠\n  税込係数 1.1 = 1 + 消費税率 10%［規則 fy2025］\n") !=
              std::string::npos);
        const auto json = nlohmann::json::parse(run("--ga-rate 10% --explain --format json " + budget).out);
        const auto without = nlohmann::json::parse(run("--ga-rate 10% --format json " + budget).out);
        for (const auto& member : without.items()) CHECK(json[member.key()] == member.value());
        REQUIRE(json["derivation"].is_array());
        const auto& last = json["derivation"].back();
        CHECK(last["id"] == "outsourcing.limit");
        CHECK(last["value"] == "7919899.5");
        CHECK(json["policy_sources"][0]["name"] == "fy2025");

        const auto contract = c3p_test::example_path("settlement/contract.csv");
        const auto records = c3p_test::example_path("settlement/records_fy2025.csv");
        const auto settled = run("settle --explain --contract " + contract + " " + records);
        CHECK(settled.out.find("  payable 16,023,876 = the least of total (tax included) 16,023,876, contract amount "
                               "16,576,120\n") != std::string::npos);
        const auto plan = run("plan --explain --format json " + c3p_test::example_path("plan/plan_fy2025_2027.csv"));
        const auto plan_json = nlohmann::json::parse(plan.out);
        CHECK(plan_json["derivation"].back()["id"] == "total");
        CHECK(plan_json["derivation"].back()["value"] == plan_json["total"]);
        const auto score = run("score --explain --reduction 5000 --cost 20000000");
        CHECK(score.out.find("  cost 20,000,000 = as given; equal to bound at 4,000 yen a tonne 20,000,000;") != std::string::npos);
    }

    TEST_CASE("c3p-check: usage and file errors in Japanese under --lang ja or a Japanese LANG, with hints") {
        const auto file = c3p_test::example_path("budgets/fy2025_toyama_semarang.csv");
        const std::pair<std::string, std::string> cases[] = {
            {"--lang ja --ga-rate 10 " + file, "c3p-check: --ga-rate: 10 は 100% を超えています（10% のことですか）（c3p-check --help を参照）\n"},
            {"--ga-rate 10 --lang ja " + file, "c3p-check: --ga-rate: 10 は 100% を超えています（10% のことですか）（c3p-check --help を参照）\n"},
            {"--lang ja --formt json " + file, "c3p-check: 不明なオプション --formt です（--format のことですか）（c3p-check --help を参照）\n"},
            {"--lang ja", "c3p-check: ファイルが指定されていません（c3p-check --help を参照）\n"},
            {"settle --lang ja " + file, "c3p-check: settle には --contract 契約.csv が必要です（c3p-check --help を参照）\n"},
            {"--lang ja --delimiter semicolon " + file, "c3p-check: --delimiter: 「semicolon」は使えません（auto、comma、tab）（c3p-check --help を参照）\n"},
            {"--lang ja --format jsn " + file, "c3p-check: --format: 「jsn」は使えません（text、json）。json のことですか（c3p-check --help を参照）\n"},
            {"--lang ja --policy fy2205 " + file,
             "c3p-check: --policy: 規則「fy2205」はありません（fy2025, fy2026、または規則ファイル 名前.json）。fy2025 のことですか（c3p-check --help を参照）\n"},
            // The command word after options.
            {"--lang ja settle " + file, "c3p-check: settle には --contract 契約.csv が必要です（c3p-check --help を参照）\n"},
            {"--lang ja --uplift -5 " + file, "c3p-check: --uplift: -5 は負の値です（c3p-check --help を参照）\n"},
            {"--lang ja --ga-rate abc " + file,
             "c3p-check: --ga-rate: 割合「abc」が正しくありません：数値に使えない文字「a」があります（c3p-check --help を参照）\n"},
        };
        for (const auto& usage : cases) {
            CAPTURE(usage.first);
            const auto r = run(usage.first);
            CHECK(r.exit_code == 2);
            CHECK(r.err == usage.second);
        }
        // The environment's language, and the hints in English.
        CHECK(run("", "", "LC_ALL= LC_MESSAGES= LANG=ja_JP.UTF-8").err ==
              "c3p-check: ファイルが指定されていません（c3p-check --help を参照）\n");
        CHECK(run("--ga-rate 10 " + file).err == "c3p-check: --ga-rate: 10 is above 100% (did you mean 10%?) (see c3p-check --help)\n");
        CHECK(run("--ga-rate 150% " + file).err == "c3p-check: --ga-rate: 150% is above 100% (see c3p-check --help)\n");
        CHECK(run("--formt json " + file).err == "c3p-check: unknown option --formt (did you mean --format?) (see c3p-check --help)\n");
        CHECK(run("--format jsn " + file).err == "c3p-check: --format: \"jsn\" is not text or json (did you mean json?) (see c3p-check --help)\n");
        CHECK(run("--encoding utf-9 " + file).err ==
              "c3p-check: --encoding: \"utf-9\" is not auto, utf-8 or cp932 (did you mean utf-8?) (see c3p-check --help)\n");
        CHECK(run("--lang jp " + file, "", "LC_ALL= LC_MESSAGES= LANG=ja_JP.UTF-8").err ==
              "c3p-check: --lang: 「jp」は使えません（en、ja）。ja のことですか（c3p-check --help を参照）\n");
        CHECK(run("score --reduction 5 --cost 1 --cost-basis phas").err ==
              "c3p-check: --cost-basis: \"phas\" is not total, pre_tax or phase (did you mean phase?) (see c3p-check --help)\n");
        // A file that is not there, or a folder.
        const auto missing = run("--lang ja " + (scratch_dir() / "absent.csv").string());
        CHECK(missing.exit_code == 2);
        CHECK(missing.err == "c3p-check: " + (scratch_dir() / "absent.csv").string() + " を開けません：ファイルがありません\n");
        CHECK(run("--lang ja " + scratch_dir().string()).err ==
              "c3p-check: " + scratch_dir().string() + " はフォルダーです。ファイルを指定してください\n");
    }

    TEST_CASE("c3p-check: every usage, file and input error under --lang ja is Japanese") {
        const std::string contract = c3p_test::example_path("settlement/contract.csv");
        const std::string budget = c3p_test::example_path("budgets/fy2025_toyama_semarang.csv");
        const std::string plan = c3p_test::example_path("plan/plan_fy2025_2027.csv");
        // Every input problem a budget file can have, in one file; a records file's and a plan's.
        const auto broken = write_file("broken_ja.csv",
                                       "# 一般管理費率: 十%\n# colour: red\n# policy: fy1999\n"
                                       "費目,内容,単価（円）,数量,税区分,消耗品理由,現地調査,担架,金額,金額\n"
                                       "謎,x,1,1,,,,,,\n"
                                       "旅費,x,1,1,,,,,,\n"
                                       ",x,1,1,,,,,,\n"
                                       "人件費,x,,1,,,,,,\n"
                                       "人件費,x,1２a,1,,,,,,\n"
                                       "人件費,x,1,1,gross,,,,,\n"
                                       "消耗品費,x,1,1,,broken,,,,\n"
                                       "人件費,x,1,1,,,maybe,,,\n"
                                       "人件費,x,1000000000000000000000000000000,1000000000,,,,,,\n"
                                       "人件費,x,1,2,,,,,3,\n"
                                       "人件費,x,=B2,1,,,,,,\n"
                                       "人件費,\"x\"y,1,1,,,,,,\n"
                                       "人件費,x,1\n"
                                       "人件費,\"x,1,1\n");
        const auto records = write_file("records_ja.csv", "日付,費目,単価\n2025-02-30,会議費,1\n");
        const auto bad_plan = write_file("plan_ja.csv", "年度,フェーズ,費目,単価,タスク\n1999,0,人件費,1,8\nR7,x,人件費,1,\n");
        const auto cp932 = write_file("cp932_ja.csv", "\x94\xef\x96\xda,\x92\x50\x89\xbf\n\x81\x20x,12\n");
        const auto nul = write_file("nul_ja.csv", std::string("item,unit_price\nwages,1\0\n", 24));
        const auto empty = write_file("empty_ja.csv", "");
        const auto sheet = write_file("sheet_ja.csv", "row,points\nnothing,1\noverall,x\noverall,60\ncost_effectiveness,1\n");
        const auto policy_file = write_file("policy_ja.json", "{\"based_on\": \"fy2025\", \"cap\": 5, \"colour\": 1}");
        const auto over = write_file("over_ja.csv", "fiscal_year,item,unit_price\nH30,personnel,1\n");
        const std::string cases[] = {
            // usage
            "", "policy", "policy list x", "policy show", "policy show fy2205", budget + " " + budget, "--colour " + budget,
            "--ga-rate", "--ga-rate abc " + budget, "--ga-rate 10 " + budget, "--uplift -5 " + budget,
            "--policy fy2205 " + budget, "--format jsn " + budget, "--lang jp " + budget, "--encoding sjs " + budget,
            "--delimiter semi " + budget, "--contract " + contract + " " + budget, "--cost 5 " + budget,
            "settle " + budget, "settle --contract " + contract, "settle --contract " + contract + " --contract-amount -1 " + budget,
            "settle --contract " + contract + " --settlement-basis foo " + budget,
            "settle --contract " + contract + " --transfer-share 150% " + budget,
            "settle --contract " + contract + " --transfer-base foo " + budget,
            "settle --contract " + contract + " --fiscal-year 20x5 " + budget, "score", "score --reduction 1",
            "score --cost 1", "score --reduction 1 --cost 1 " + budget, "score --reduction -1 --cost 1",
            "score --reduction x --cost 1", "score --reduction 1 --cost -1", "score --reduction 1 --cost 1 --cost-basis phas",
            "score --reduction 1 --cost 1 --band-reading foo", "score --reduction 1 --cost 1 --engineer-projects x", "plan",
            // files
            (scratch_dir() / "absent.csv").string(), scratch_dir().string(), "--policy " + policy_file + " " + budget,
            "policy show " + policy_file, broken, "--encoding utf-8 " + cp932, cp932, nul, empty,
            "settle --contract " + contract + " " + records, "plan " + bad_plan, "plan " + over,
            "score --reduction 1 --cost 1 --sheet " + sheet, "score --reduction 1 --budget " + plan,
            "score --reduction 1 --budget " + broken};
        for (const auto& args : cases) {
            CAPTURE(args);
            const auto r = run("--lang ja " + args);
            CHECK(r.exit_code == 2);
            REQUIRE_FALSE(r.err.empty());
            // Each line without its file name, which is the user's.
            std::string text = r.err;
            for (const auto& named : {broken, records, bad_plan, cp932, nul, empty, sheet, policy_file, over, budget, plan,
                                      contract, scratch_dir().string()}) {
                for (auto at = text.find(named); at != std::string::npos; at = text.find(named)) text.erase(at, named.size());
            }
            CAPTURE(text);
            std::vector<std::string_view> names = {"overall", "infrastructure", "technology", "name"};  // Table 6 rows, keys
            for (const auto& key : c3p::policy_keys) names.push_back(key.name);
            std::string found;
            for (const auto& word : c3p_test::english_words(text, names)) found += word + " ";
            CHECK(found == "");
        }
        // The broken budget has every problem a budget file's rows, header and # lines can have
        // but those of the files run alone above (bytes, emptiness) and a missing column.
        const auto j = nlohmann::json::parse(run("--lang ja --format json " + broken).out);
        std::set<std::string> codes;
        for (const auto& e : j["errors"]) codes.insert(e["code"].get<std::string>());
        CHECK(codes == std::set<std::string>{
                           "input.invalid_term", "input.unknown_term", "input.unknown_policy", "input.unknown_column",
                           "input.duplicate_column", "input.unknown_item", "input.ambiguous_item", "input.empty_item",
                           "input.missing_number", "input.invalid_number", "input.unknown_price_basis",
                           "input.unknown_consumable_reason", "input.invalid_flag", "input.too_large",
                           "input.amount_mismatch", "input.formula_without_value", "input.text_after_quote",
                           "input.wrong_field_count", "input.unterminated_quote"});
    }
}
