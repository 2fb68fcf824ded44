// libFuzzer target: the whole check, as c3p-check does it: read, validate, write JSON and text.
//   clang++ -std=c++20 -fsanitize=fuzzer,address,undefined -I include tests/fuzz/check_fuzz.cpp
// Properties: the totals add up; the JSON output is valid and carries the same total; checking
// twice gives the same violations; the only exceptions are c3p's arithmetic ones.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/json.hpp>
#include <c3p/report.hpp>

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
    try {
        const auto result = c3p::check(read.budget);
        const auto& t = result.totals;
        require(t.pre_tax + t.consumption_tax() == t.total);
        c3p::yen groups;
        for (const auto& g : c3p::group_table) groups += t.group(g.id);
        require(groups == t.total);
        require((t.total > t.cap) == (!result.violations.empty() && result.violations.back().code() == "cap.exceeded"));
        const auto json = nlohmann::json::parse(c3p::format_json(result, c3p::fy2025));
        require(json["totals"]["total"] == to_string(t.total));
        require(json["violations"].size() == result.violations.size());
        require(!c3p::format_text_report(read.budget, result, c3p::fy2025, {"fuzz.csv", read.row_lines}).empty());
        const auto again = c3p::validate(read.budget);
        require(again.size() == result.violations.size());
        for (std::size_t i = 0; i < again.size(); ++i) require(again[i].message == result.violations[i].message);
    } catch (const c3p::overflow_error&) {
        // sums beyond 2^128 millionths of a yen: refused, never wrapped
    }
    return 0;
}
