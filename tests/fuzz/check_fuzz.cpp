// libFuzzer target: the whole check, as c3p-check does it: read, check, write JSON and text.
//   clang++ -std=c++20 -fsanitize=fuzzer,address,undefined -I include tests/fuzz/check_fuzz.cpp
// Properties: the totals add up; the JSON output is valid and carries the same total and
// violations; a checker fed the lines one by one, or in two pieces joined, gives the same
// result as the stored budget's check; the only exceptions are c3p's arithmetic ones.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/report.hpp>
#include <c3p/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {
void require(bool condition) {
    if (!condition) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto read = c3p::read_budget_csv(text);
    if (!read.ok()) return 0;
    // The first byte, when the file is non-empty, picks the terms: G&A rate 0..25%, uplift, justification.
    const unsigned knob = size ? static_cast<unsigned char>(text[0]) : 0;
    read.budget.set_general_admin_rate(c3p::rate::percent(knob % 26))
        .set_uplift(c3p::yen(static_cast<long long>(knob) * 100'000))
        .set_outsourcing_justified(knob & 1);
    const auto& b = read.budget;
    try {
        const auto result = c3p::check(b);
        const auto& t = result.totals;
        require(t.pre_tax + t.consumption_tax() == t.total);
        c3p::yen groups;
        for (const auto& g : c3p::group_table) groups += t.group(g.id);
        require(groups == t.total);
        require((t.total > t.cap) == (!result.violations.empty() && result.violations.back().code() == "cap.exceeded"));
        const auto json = nlohmann::json::parse(c3p::format_json(result));
        require(json["totals"]["total"] == to_string(t.total));
        require(json["violations"].size() == result.violations.size());
        for (const auto& v : result.violations) require(!c3p::describe(v).empty());
        require(c3p::format_text_report(result, "fuzz.csv").starts_with("Budget fuzz.csv\n"));

        // The same lines streamed: in one checker, and in two joined at the middle.
        const std::size_t middle = b.size() / 2;
        c3p::checker one(c3p::fy2025, b.terms()), first(c3p::fy2025, b.terms()), second(c3p::fy2025, b.terms());
        for (std::size_t i = 0; i < b.size(); ++i) {
            one.add(b.lines()[i], b.source_line(i));
            (i < middle ? first : second).add(b.lines()[i], b.source_line(i));
        }
        first.append(std::move(second));
        const auto streamed = std::move(one).finish(), joined = std::move(first).finish();
        require(streamed.totals == t && joined.totals == t);
        require(streamed.violations == result.violations && joined.violations == result.violations);
    } catch (const c3p::overflow_error&) {
        // sums beyond 2^128 millionths of a yen: refused, never wrapped
    }
    return 0;
}
