// check_csv, the one-pass CSV check: it must give exactly what read_budget_csv and check() give
// (the same errors, or the same totals, violations and file lines), and it must actually take
// the one pass on ordinary input. Compared on the bundled samples and on 5,000 generated CSVs
// with every cell form the reader accepts and many it rejects.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/csv_check.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <pthread.h>
#include <sched.h>
#include <unistd.h>

using namespace c3p::literals;

namespace {

std::string file(const std::string& name) {
    std::ifstream in(std::string(C3P_EXAMPLES_DIR) + "/budgets/" + name, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Empty when check_csv agrees with read_budget_csv + check; else what differs.
std::string differences(std::string_view text, const c3p::budget_terms& terms, const c3p::policy& p = c3p::fy2025) {
    const auto read = c3p::read_budget_csv(text);
    const auto checked = c3p::check_csv(text, terms, p);
    if (checked.errors().size() != read.errors.size()) return "error counts differ";
    for (std::size_t i = 0; i < read.errors.size(); ++i) {
        if (to_string(checked.errors()[i], "f") != to_string(read.errors[i], "f"))
            return "error differs: " + to_string(checked.errors()[i], "f") + " vs " + to_string(read.errors[i], "f");
    }
    if (!read.ok()) return checked.streamed() ? "streamed although unreadable" : "";
    auto b = read.budget;
    b.set_terms(terms);
    const auto expected = c3p::check(b, p);
    if (checked.size() != b.size()) return "sizes differ";
    const auto& t = checked.totals();
    for (const auto& e : c3p::item_table)
        if (t.item(e.id) != expected.totals.item(e.id)) return "item " + std::string(e.code) + " differs";
    if (t.total != expected.totals.total || t.cap != expected.totals.cap || t.pre_tax != expected.totals.pre_tax ||
        t.general_admin_stated != expected.totals.general_admin_stated ||
        t.consumption_tax_stated != expected.totals.consumption_tax_stated)
        return "totals differ";
    if (checked.has_errors() != expected.has_errors()) return "has_errors differs";
    const auto violations = checked.violations();
    if (violations.size() != expected.violations.size()) return "violation counts differ";
    for (std::size_t i = 0; i < violations.size(); ++i) {
        const auto& a = violations[i];
        const auto& e = expected.violations[i];
        if (a.rule != e.rule || a.severity != e.severity || a.line != e.line || a.item != e.item ||
            a.actual != e.actual || a.limit != e.limit || a.message != e.message)
            return "violation " + std::to_string(i) + " differs: " + a.message + " vs " + e.message;
        if (a.line && checked.file_line(*a.line) != read.row_lines[*a.line]) return "file line of a violation differs";
    }
    return "";
}

/// A text written to a file of its own, removed again when the test is done.
class temporary_file {
public:
    explicit temporary_file(std::string_view text) {
        static int count = 0;
        path_ = std::filesystem::temp_directory_path() / ("c3p_csv_check_" + std::to_string(::getpid()) + "_" + std::to_string(count++) + ".csv");
        std::ofstream(path_, std::ios::binary).write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    ~temporary_file() { std::filesystem::remove(path_); }
    temporary_file(const temporary_file&) = delete;
    temporary_file& operator=(const temporary_file&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

/// Empty when check_csv_file on the text written to a file gives what check_csv gives on the text.
std::string file_differences(std::string_view text, const c3p::budget_terms& terms) {
    const temporary_file file(text);
    const auto from_file = c3p::check_csv_file(file.path(), terms);
    const auto from_text = c3p::check_csv(text, terms);
    if (from_file.errors().size() != from_text.errors().size()) return "error counts differ";
    for (std::size_t i = 0; i < from_text.errors().size(); ++i)
        if (to_string(from_file.errors()[i], "f") != to_string(from_text.errors()[i], "f")) return "error differs";
    if (!from_text.ok()) return "";
    if (from_file.size() != from_text.size()) return "sizes differ";
    if (from_file.streamed() != from_text.streamed()) return "one streamed, the other not";
    const auto& a = from_file.totals();
    const auto& b = from_text.totals();
    if (a.items != b.items || a.total != b.total || a.cap != b.cap || a.pre_tax != b.pre_tax) return "totals differ";
    if (from_file.has_errors() != from_text.has_errors()) return "has_errors differs";
    const auto va = from_file.violations(), vb = from_text.violations();
    if (va.size() != vb.size()) return "violation counts differ";
    for (std::size_t i = 0; i < va.size(); ++i) {
        if (va[i].rule != vb[i].rule || va[i].line != vb[i].line || va[i].message != vb[i].message)
            return "violation " + std::to_string(i) + " differs";
        if (va[i].line && from_file.file_line(*va[i].line) != from_text.file_line(*va[i].line))
            return "file line of violation " + std::to_string(i) + " differs";
    }
    return "";
}

/// Random CSV budgets: shuffled and optional columns, codes and Japanese names, numbers in every
/// accepted form, quoted cells with commas, doubled quotes and newlines, CRLF, blank lines, a BOM;
/// and, now and then, a defect the reader must report.
class csv_generator {
public:
    explicit csv_generator(unsigned seed) : random_(seed) {}

    /// A CSV of up to 12 rows, now and then with a defect.
    std::string text() { return text(pick(0, 12), true); }

    /// A CSV of `rows` rows; without defects, every cell is one the reader accepts, and now and
    /// then a description runs to kilobytes.
    std::string text(int rows, bool defects) {
        defects_ = defects;
        std::vector<std::string> columns{"item", "unit_price"};
        for (std::string optional : {"description", "quantity", "price_basis", "consumable_reason", "field_survey"})
            if (chance(70)) columns.push_back(optional);
        std::shuffle(columns.begin(), columns.end(), random_);
        const std::string end = chance(20) ? "\r\n" : "\n";
        std::string out = chance(10) ? "\xEF\xBB\xBF" : "";
        for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + maybe_quoted(columns[i]);
        out += end;
        for (int r = 0; r < rows; ++r) {
            if (chance(5)) out += end;  // blank line
            for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + cell(columns[i]);
            if (defects && chance(3)) out += ",x";  // one field too many
            if (r + 1 < rows || chance(70)) out += end;
        }
        if (defects && chance(4)) out.insert(static_cast<std::size_t>(pick(0, static_cast<int>(out.size()))), 1, '\xff');
        if (defects && chance(2)) out.insert(static_cast<std::size_t>(pick(0, static_cast<int>(out.size()))), 1, '"');
        return out;
    }

    c3p::budget_terms terms() {
        c3p::budget_terms t;
        if (chance(70)) t.general_admin_rate = c3p::rate::percent(pick(0, 15));
        if (chance(20)) t.uplift = c3p::yen(pick(0, 6'000'000));
        t.outsourcing_justified = chance(20);
        return t;
    }

private:
    bool chance(int percent) { return pick(1, 100) <= percent; }
    int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
    template <class T>
    const T& one_of(const std::vector<T>& options) {
        return options[static_cast<std::size_t>(pick(0, static_cast<int>(options.size()) - 1))];
    }

    std::string maybe_quoted(const std::string& s) {
        if (chance(10)) return "\"" + s + "\"";
        if (chance(5)) return " " + s + "\t";
        return s;
    }

    std::string number(bool price) {
        if (defects_ && chance(3)) return one_of<std::string>({"", "12a", "1,23", "1e5", "--1", "1.2.3", "0.0000001", "NaN"});
        if (defects_ && chance(3)) return "123456789012345678901234567";  // beyond 64 bits: the exact path decides
        if (chance(5)) return "-" + std::to_string(pick(1, 300'000));
        long long whole = price ? one_of<long long>({0, 1, 110, 181'818, 181'819, 199'999, 200'000, 200'001, 18'181'819,
                                                     static_cast<long long>(pick(1, 2'000'000))})
                                : pick(0, 40);
        std::string text = std::to_string(whole);
        if (chance(20) && text.size() > 3) {  // thousands grouping
            std::string grouped;
            for (std::size_t i = 0; i < text.size(); ++i) {
                if (i && (text.size() - i) % 3 == 0) grouped += ',';
                grouped += text[i];
            }
            return "\"" + grouped + "\"";
        }
        if (chance(20)) text += "." + std::to_string(pick(0, 999'999));
        return text;
    }

    std::string cell(const std::string& column) {
        if (column == "item") {
            if (defects_ && chance(3)) return one_of<std::string>({"", "Equipment", "kitchen"});
            const auto& entry = c3p::item_table[static_cast<std::size_t>(pick(0, c3p::item_count - 1))];
            if (entry.computed && chance(70)) return "equipment";
            return maybe_quoted(std::string(chance(30) ? entry.japanese : entry.code));
        }
        if (column == "unit_price") return number(true);
        if (column == "quantity") return chance(20) ? "" : number(false);
        if (column == "price_basis")
            return one_of<std::string>({"", "exclusive", "inclusive", "untaxed", " inclusive", defects_ ? "Inclusive" : "untaxed "});
        if (column == "consumable_reason")
            return one_of<std::string>({"", "", "", "not_reusable", "fragile", "short_life", defects_ ? "cheap" : " fragile"});
        if (column == "field_survey")
            return one_of<std::string>({"", "no", "yes", "YES", "true", "0", "1", defects_ ? "maybe" : "\tno"});
        if (chance(2)) return "\"" + std::string(static_cast<std::size_t>(pick(1'000, 5'000)), 'd') + "\"";
        return one_of<std::string>({"", "PV analyser", "\"Line 1, for the field work\"", "\"a \"\"quoted\"\" word\"",
                                    "\"two\nlines\"", "太陽光パネル", "\"説明, 日本語\"", "tab\there", "trailing blank ",
                                    "27\" monitor", "a \"fast\" one"});
    }

    std::mt19937 random_;
    bool defects_ = true;
};

}  // namespace

TEST_SUITE("csv_check") {
    TEST_CASE("the bundled samples: the same result as reading and checking, in one pass") {
        const c3p::budget_terms ten_percent{c3p::rate::percent(10), {}, false};
        for (const char* name : {"fy2025_toyama_semarang.csv", "fy2025_japanese_items.csv"}) {
            CAPTURE(name);
            const auto text = file(name);
            CHECK(differences(text, ten_percent) == "");
            CHECK(differences(text, {}) == "");
            CHECK(c3p::check_csv(text, ten_percent).streamed());
        }
        const auto broken = file("fy2025_rules_broken.csv");
        const c3p::budget_terms broken_terms{c3p::rate::percent(10), c3p::yen(6'000'000), false};
        CHECK(differences(broken, broken_terms) == "");
        const auto checked = c3p::check_csv(broken, broken_terms);
        CHECK(checked.streamed());
        CHECK(checked.has_errors());
        const auto violations = checked.violations();
        CHECK(std::count_if(violations.begin(), violations.end(), [](const auto& v) { return v.is_error(); }) == 9);
    }

    TEST_CASE("5,000 generated CSVs: the same errors, or the same totals, violations and file lines") {
        csv_generator g(2025);
        int streamed = 0, unreadable = 0;
        for (int n = 0; n < 5'000; ++n) {
            const auto text = g.text();
            const auto terms = g.terms();
            CAPTURE(n);
            CAPTURE(text);
            CHECK(differences(text, terms) == "");
            const auto checked = c3p::check_csv(text, terms);
            streamed += checked.streamed();
            unreadable += !checked.ok();
        }
        CHECK(streamed > 800);    // ordinary input takes the one pass
        CHECK(unreadable > 500);  // and the defects reach the reader's errors
    }

    TEST_CASE("200 generated CSVs of 300 rows: the same result, wherever blocks and windows of the index fall") {
        // The one pass finds a window's cells at once and leaves the rows it cannot take (quoted
        // line ends, doubled quotes, Japanese text, blanks to trim, kilobyte descriptions, blank
        // lines) to a row-by-row read; both must agree with the reader wherever they alternate.
        csv_generator g(7);
        int streamed = 0;
        for (int n = 0; n < 200; ++n) {
            const auto text = g.text(300, false);
            const auto terms = g.terms();
            CAPTURE(n);
            CHECK(differences(text, terms) == "");
            streamed += c3p::check_csv(text, terms).streamed();
        }
        CHECK(streamed > 150);  // input without defects takes the one pass (unless a figure is beyond 64 bits)
    }

    TEST_CASE("long texts, read by two threads: the same result, wherever the middle falls") {
        // Rows with a quoted description over many lines: the middle of the text may fall inside one,
        // and the first half must then read on alone.
        const std::vector<std::string> rows{
            "equipment,250000,2,\"PV analyser, field kit\",exclusive,,no\n",
            "consumables,199999,3,\"line one\nline two\nline three\",inclusive,,yes\n",
            "personnel,410000,1,staff,untaxed,,no\n",
            "consumables,250000,1,\"reagent \"\"A\"\"\",exclusive,not_reusable,no\n",
            "outsourcing,1000000,1,\"" + std::string(300, 'x') + "\n" + std::string(300, 'y') + "\",exclusive,,no\n",
        };
        const c3p::budget_terms terms{c3p::rate::percent(10), c3p::yen(2'000'000), false};
        for (std::size_t shift = 0; shift < rows.size(); ++shift) {
            std::string text = "item,unit_price,quantity,description,price_basis,consumable_reason,field_survey\n";
            for (std::size_t n = 0; text.size() < (std::size_t{3} << 20) / 2; ++n) text += rows[(n + shift) % rows.size()];
            CAPTURE(shift);
            REQUIRE(text.size() >= c3p::detail::csv_parallel_bytes);
            CHECK(differences(text, terms) == "");
            const auto checked = c3p::check_csv(text, terms);
            CHECK(checked.streamed());
            // Rows that break no rule, here the personnel rows, have no file line kept.
            const auto is_personnel = [&](std::size_t index) { return (index + shift) % rows.size() == 2; };
            std::size_t first = 0, last = checked.size() - 1;
            while (!is_personnel(first)) ++first;
            while (!is_personnel(last)) --last;
            CHECK_FALSE(checked.file_line(first));
            CHECK_FALSE(checked.file_line(last));
            CHECK(checked.file_line(last - 2));  // an equipment row or a consumables one: kept
            CHECK_FALSE(checked.file_line(checked.size()));
            CHECK(file_differences(text, terms) == "");  // read from a file, in pieces
            // A copy keeps its flagged rows when the original is gone.
            auto original = std::make_unique<c3p::csv_check>(checked);
            const c3p::csv_check copy = *original;
            const auto expected = original->violations();
            original.reset();
            const auto copied = copy.violations();
            REQUIRE(copied.size() == expected.size());
            CHECK(std::equal(copied.begin(), copied.end(), expected.begin(),
                             [](const auto& a, const auto& b) { return a.message == b.message && a.line == b.line; }));
            CHECK(copy.file_line(last - 2) == checked.file_line(last - 2));
        }
        // A defect in the second half sends everything to the reader, which reports it.
        std::string text = "item,unit_price\n";
        while (text.size() < (std::size_t{3} << 20) / 2) text += "personnel,1000\n";
        CHECK(differences(text, terms) == "");  // every line end is a row end: the halves are merged
        CHECK(c3p::check_csv(text, terms).streamed());
        CHECK(file_differences(text, terms) == "");
        text += "personnel,12a\n";
        CHECK(differences(text, terms) == "");
        CHECK_FALSE(c3p::check_csv(text, terms).ok());
        CHECK(file_differences(text, terms) == "");
    }

    TEST_CASE("a long file read in pieces: the same result as its text, wherever the pieces are cut") {
        const c3p::budget_terms terms{c3p::rate::percent(10), {}, false};
        const std::size_t piece = c3p::detail::csv_piece_bytes;
        // Whether the pieces were joined, or the file had to be read whole.
        const auto read_in_pieces = [&](const std::string& text) {
            const temporary_file file(text);
            const c3p::detail::tax_factors tax(c3p::fy2025);
            auto pass = c3p::detail::fast_pass::make(c3p::fy2025, tax);
            c3p::detail::csv_check_rows rows;
            return c3p::detail::read_csv_file_rows(file.path(), text.size(), *pass, rows);
        };
        // Lines of every length up to 200 bytes, so that cuts fall at, just before and just after
        // line ends; a BOM, CRLF and no final line end.
        std::string text = "\xEF\xBB\xBFitem,unit_price,quantity,description\r\n";
        for (std::size_t n = 0; text.size() < 12 * piece; ++n) {
            const std::string filler((n * 7919) % 200, n % 2 == 0 ? 'x' : ',');
            text += n % 3 == 0 ? "equipment,250000,1,\"" + filler + "\"\r\n"
                               : "consumables,199999," + std::to_string(n % 4 + 1) + ",\"" + filler + "\"\n";
        }
        text += "personnel,1000,1,no final line end";
        CHECK(read_in_pieces(text));
        CHECK(file_differences(text, terms) == "");
        // Rows of exactly the piece size: every cut falls just after a line end.
        std::string exact = "item,unit_price,description\n";
        const std::string head = "equipment,300000,";
        while (exact.size() < 12 * piece) exact += head + std::string(piece - head.size() - 1, 'd') + "\n";
        CHECK(read_in_pieces(exact));
        CHECK(file_differences(exact, terms) == "");
        // Quoted cells over several lines: a cut falls inside one, and the file is read whole.
        std::string spanning = "item,unit_price,description\n";
        while (spanning.size() < 12 * piece) spanning += "equipment,300000,\"" + std::string(piece / 3, 'a') + "\n" + std::string(piece / 3, 'b') + "\"\n";
        CHECK_FALSE(read_in_pieces(spanning));
        CHECK(file_differences(spanning, terms) == "");
        // A header longer than the 4 KiB it is read from, a defect in the last piece, a file that is not there.
        CHECK_FALSE(read_in_pieces(std::string(5000, ' ') + exact));
        CHECK(file_differences(std::string(5000, ' ') + exact, terms) == "");
        CHECK(read_in_pieces(std::string(4000, ' ') + exact));
        CHECK_FALSE(read_in_pieces(exact + "equipment,12a,x\n"));
        CHECK(file_differences(exact + "equipment,12a,x\n", terms) == "");
        CHECK_THROWS_AS((void)c3p::check_csv_file("/nonexistent/c3p/budget.csv", terms), std::runtime_error);
    }

#if defined(__linux__) && defined(__GLIBC__)
    TEST_CASE("a helper starts off its starter's core, then may run on any core the process may") {
        cpu_set_t process;
        REQUIRE(sched_getaffinity(0, sizeof process, &process) == 0);
        c3p::detail::helper_placement placement;  // away from the core this thread is on now
        cpu_set_t freed;
        CPU_ZERO(&freed);
        std::thread helper([&] {
            placement.started();
            sched_getaffinity(0, sizeof freed, &freed);
        });
        placement.move(helper);
        cpu_set_t moved;  // read while the helper waits in started() for placed()
        REQUIRE(pthread_getaffinity_np(helper.native_handle(), sizeof moved, &moved) == 0);
        placement.placed();
        helper.join();
        CHECK(CPU_EQUAL(&freed, &process));
        cpu_set_t within;
        CPU_AND(&within, &moved, &process);
        CHECK(CPU_EQUAL(&within, &moved));  // only cores the process may use
        if (CPU_COUNT(&process) > 1)          // all of them but one: the starter's at the time
            CHECK(CPU_COUNT(&moved) == CPU_COUNT(&process) - 1);
        else
            CHECK(CPU_EQUAL(&moved, &process));
    }
#endif

    TEST_CASE("a short file is checked as its text") {
        for (const std::string name : {"fy2025_toyama_semarang.csv", "fy2025_japanese_items.csv", "fy2025_rules_broken.csv"}) {
            CAPTURE(name);
            CHECK(file_differences(file(name), {c3p::rate::percent(10), c3p::yen(6'000'000), false}) == "");
        }
        CHECK(file_differences("item,unit_price\npersonnel,12a\n", {}) == "");
    }

    TEST_CASE("cells the one pass leaves to the reader give the reader's result") {
        const c3p::budget_terms terms{};
        const std::string header = "item,unit_price,quantity,description\n";
        const std::vector<std::string> rows{
            "equipment,\"250,000\",1,\"a \"\"quoted\"\" word\"\n",  // streamed: the doubled quote is in the description
            "equipment,\"250\"\"000\",1,x\n",                       // a doubled quote in a number: an error
            "equipment,123456789012345678,1,x\n",                   // beyond 64 bits: checked exactly
            "equipment,250000,1,x\r\nconsumables,199999,3,y\r\n",   // CRLF
            "\n\nequipment,250000,1,x",                             // blank lines, no final newline
            "equipment,250000,1,\"x\"y\n",                          // text after a closing quote
            "equipment,250000,1,\"unterminated\n",
            "equipment,250000,1,27\" monitor\n",                   // a quote inside a cell is text
            "equipment,250000,1,x\"1,2\"\n",                        // so this comma ends a cell: 5 fields
            "equipment,\"250000\"\"\",1,x\n",                       // a closing quote must end the cell
        };
        for (const auto& row : rows) {
            CAPTURE(row);
            CHECK(differences(header + row, terms) == "");
        }
        CHECK(c3p::check_csv(header + rows[0], terms).streamed());
        CHECK_FALSE(c3p::check_csv(header + rows[2], terms).streamed());
        CHECK(c3p::check_csv(header + rows[2], terms).totals().item(c3p::item::equipment) ==
              c3p::yen::parse("123456789012345678"));
    }

    TEST_CASE("the cap boundary through a CSV: 18,181,819 yen before tax is the most that fits") {
        const std::string header = "item,unit_price\n";
        const auto at = c3p::check_csv(header + "personnel,18181819\n", {});
        REQUIRE(at.streamed());
        CHECK_FALSE(at.has_errors());
        CHECK(at.totals().total == 20'000'000_yen);
        const auto over = c3p::check_csv(header + "personnel,18181820\n", {});
        CHECK(over.has_errors());
        CHECK(over.totals().total == 20'000'002_yen);
        CHECK(c3p::check_csv(header + "personnel,18181818\n", {}).totals().total == 19'999'999_yen);
    }

    TEST_CASE("file lines are known for the rows that break a rule, also after quoted newlines") {
        const auto checked = c3p::check_csv("item,unit_price,description\n"
                                            "personnel,100,\"two\nlines\"\n"
                                            "equipment,300000,x\n",
                                            {});
        REQUIRE(checked.streamed());
        CHECK(checked.file_line(1) == 4u);
        CHECK_FALSE(checked.file_line(0));  // breaks no rule: not kept
    }

    TEST_CASE("invalid terms are refused before anything is read") {
        c3p::budget_terms negative_uplift;
        negative_uplift.uplift = c3p::yen(-1);
        CHECK_THROWS_AS((void)c3p::check_csv("item,unit_price\npersonnel,1\n", negative_uplift), std::invalid_argument);
    }
}
