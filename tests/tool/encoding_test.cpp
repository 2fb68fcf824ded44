// c3p-check's encodings: UTF-8 kept as it is, CP932 converted through the platform's converter,
// bytes it does not know reported where an editor shows them; and budgets re-encoded to CP932
// with Japanese headers and values check exactly as the same budgets in English UTF-8.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>

#include <doctest/doctest.h>
#include <iconv.h>

#include <random>
#include <stdexcept>
#include <string>
#include <string_view>

#include "encoding.hpp"

using c3p_check::text_encoding;

namespace {

/// UTF-8 text as CP932, through iconv (the test's own use of the converter the tool uses).
std::string to_cp932(std::string_view utf8) {
    const iconv_t converter = ::iconv_open("CP932", "UTF-8");
    REQUIRE(converter != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 2 + 8, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size(), out_left = out.size();
    char* written = out.data();
    const auto converted = ::iconv(converter, &in, &in_left, &written, &out_left);
    ::iconv_close(converter);
    REQUIRE(converted != static_cast<std::size_t>(-1));
    out.resize(out.size() - out_left);
    return out;
}

/// One random budget written twice: as the English UTF-8 file and as Japanese Excel would show it.
struct budget_pair {
    std::string english, japanese;
};

class budget_writer {
public:
    explicit budget_writer(unsigned seed) : random_(seed) {}

    budget_pair next() {
        budget_pair out;
        out.english = "item,description,unit_price,quantity,price_basis,field_survey\n";
        out.japanese = "費目,内容,単価,数量,税区分,現地調査\r\n";
        const int rows = pick(0, 14);
        for (int r = 0; r < rows; ++r) {
            const auto& info = c3p::item_table[static_cast<std::size_t>(pick(0, 17))];
            const long long price = chance(10) ? -pick(1, 50'000) : pick(0, 3'000'000);
            const int quantity = pick(0, 40);
            static constexpr const char* english_basis[] = {"exclusive", "inclusive", "untaxed"};
            static constexpr const char* japanese_basis[] = {"税抜", "税込", "不課税"};
            const int basis = pick(0, 2);
            const bool survey = chance(15);
            out.english += std::string(info.code) + ",line " + std::to_string(r) + "," + std::to_string(price) + "," +
                           std::to_string(quantity) + "," + english_basis[basis] + "," + (survey ? "yes" : "no") + "\n";
            out.japanese += std::string(info.japanese) + ",明細" + std::to_string(r) + "," + excel_amount(price) + "," +
                            full_width_sometimes(std::to_string(quantity)) + "," + japanese_basis[basis] + "," +
                            (survey ? "はい" : chance(50) ? "いいえ" : "") + "\r\n";
        }
        if (chance(30)) out.japanese += "合計,,,,,\r\n";
        return out;
    }

private:
    bool chance(int percent) { return pick(1, 100) <= percent; }
    int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }

    std::string full_width_sometimes(const std::string& digits) {
        if (!chance(30)) return digits;
        std::string out;
        for (char c : digits) out += c == '-' ? std::string("－") : std::string("０１２３４５６７８９").substr(static_cast<std::size_t>(c - '0') * 3, 3);
        return out;
    }

    /// As a formatted Excel cell: grouped, with a yen mark, 円 or ▲ now and then.
    std::string excel_amount(long long value) {
        std::string digits = std::to_string(value < 0 ? -value : value), grouped;
        for (std::size_t i = 0; i < digits.size(); ++i) {
            if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
            grouped += digits[i];
        }
        std::string sign = value < 0 ? (chance(50) ? "▲" : "-") : "";
        switch (pick(0, 3)) {
            case 0: return "\"" + sign + "\\" + grouped + "\"";  // Excel's currency format: 0x5C in CP932
            case 1: return "\"" + sign + grouped + "円\"";
            case 2: return "\"" + sign + "￥" + grouped + "\"";
            default: return sign == "▲" ? "\"▲" + grouped + "\"" : std::string(value < 0 ? "-" : "") + full_width_sometimes(digits);
        }
    }

    std::mt19937 random_;
};

std::string result_difference(const c3p::check_result& a, const c3p::check_result& b) {
    if (a.line_count != b.line_count) return "line counts differ";
    if (!(a.totals == b.totals)) return "totals differ";
    auto x = a.violations.to_vector(), y = b.violations.to_vector();
    // The Japanese files may have a summary row the English ones do not.
    std::erase_if(y, [](const c3p::violation& v) { return v.rule == c3p::rule::input_summary_row; });
    if (x.size() != y.size()) return "violation counts differ";
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i].rule != y[i].rule || x[i].line != y[i].line || x[i].actual != y[i].actual || x[i].limit != y[i].limit)
            return "violation " + std::to_string(i) + " differs: " + std::string(x[i].code());
    }
    return "";
}

}  // namespace

TEST_SUITE("encoding") {
    TEST_CASE("encoding: UTF-8 stays as it is; text that is not UTF-8 is read as CP932") {
        const std::string utf8 = "費目,単価\n人件費,1\n";
        const auto kept = c3p_check::to_utf8(utf8, text_encoding::automatic);
        CHECK(kept.encoding == text_encoding::utf8);
        CHECK(kept.text == utf8);
        const auto converted = c3p_check::to_utf8(to_cp932(utf8), text_encoding::automatic);
        CHECK(converted.encoding == text_encoding::cp932);
        CHECK(converted.text == utf8);
        CHECK(converted.errors.empty());
        // Forced: CP932 read as UTF-8 stays bytes the reader refuses; UTF-8 read as CP932 is converted as such.
        CHECK(c3p_check::to_utf8(to_cp932(utf8), text_encoding::utf8).text == to_cp932(utf8));
        CHECK(c3p_check::to_utf8("item,unit_price\n", text_encoding::cp932).text == "item,unit_price\n");
        // 0x5C stays a backslash, which an amount reads as the yen sign.
        CHECK(c3p_check::to_utf8(to_cp932("単価\n\\1,200\n"), text_encoding::automatic).text == "単価\n\\1,200\n");
    }

    TEST_CASE("encoding: bytes CP932 does not know are reported by line and character column, once a line") {
        // Line 2: two characters, then a lead byte before a byte that cannot follow it; line 3: 0xFF
        // twice; line 4: a lead byte at the very end.
        const std::string bytes = to_cp932("費目,単価\n人件") + "\x81\x20" "x,1\n" + to_cp932("賃金,") + "\xff\xff\n\x82";
        const auto decoded = c3p_check::to_utf8(bytes, text_encoding::automatic);
        REQUIRE(decoded.errors.size() == 3);
        CHECK(decoded.errors[0].line == 2);
        CHECK(decoded.errors[0].column == 3);
        CHECK(decoded.errors[0].code() == "input.invalid_encoding");
        CHECK(decoded.errors[0].text == "CP932");
        CHECK(decoded.errors[1].line == 3);
        CHECK(decoded.errors[1].column == 4);
        CHECK(decoded.errors[2].line == 4);
        CHECK(decoded.errors[2].column == 1);
        CHECK(decoded.text.starts_with("費目,単価\n人件\xEF\xBF\xBD"));  // nothing lost silently: U+FFFD marks the place
    }

    TEST_CASE("encoding: the names --encoding takes") {
        CHECK(c3p_check::encoding_named("UTF-8") == text_encoding::utf8);
        CHECK(c3p_check::encoding_named("utf8") == text_encoding::utf8);
        CHECK(c3p_check::encoding_named("Shift_JIS") == text_encoding::cp932);
        CHECK(c3p_check::encoding_named("cp932") == text_encoding::cp932);
        CHECK(c3p_check::encoding_named("windows-31j") == text_encoding::cp932);
        CHECK(c3p_check::encoding_named("auto") == text_encoding::automatic);
        CHECK_FALSE(c3p_check::encoding_named("euc-jp"));
    }

    TEST_CASE("encoding: 500 random budgets in CP932 with Japanese headers and values check as the English UTF-8 files") {
        budget_writer writer(20251129);
        int compared = 0;
        for (int n = 0; n < 500; ++n) {
            const auto pair = writer.next();
            CAPTURE(n);
            CAPTURE(pair.japanese);
            const auto english = c3p::check_csv(pair.english, c3p::budget_terms{c3p::rate::percent(10), {}, false}, c3p::fy2025);
            REQUIRE(english.ok());
            const auto decoded = c3p_check::to_utf8(to_cp932(pair.japanese), text_encoding::automatic);
            REQUIRE(decoded.errors.empty());
            CHECK((decoded.encoding == text_encoding::cp932 || c3p::is_utf8(to_cp932(pair.japanese))));
            const auto japanese = c3p::check_csv(decoded.text, c3p::csv_settings{.general_admin_rate = c3p::rate::percent(10)});
            REQUIRE_MESSAGE(japanese.ok(), (japanese.ok() ? "" : c3p::to_string(japanese.errors[0], "japanese.csv")));
            CHECK(result_difference(english.result, japanese.result) == "");
            ++compared;
        }
        CHECK(compared == 500);
    }
}
