// Random CSV budgets for differential tests: shuffled and optional columns, item codes and
// Japanese names, numbers in every accepted form, quoted cells with commas, doubled quotes and
// line ends, CRLF, blank lines, a BOM; and, now and then, a defect the reader must report.
#pragma once

#include <c3p/c3p.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace c3p_test {

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

}  // namespace c3p_test
