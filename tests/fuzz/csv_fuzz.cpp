// libFuzzer target: the CSV budget reader and the streamed CSV check.
//   clang++ -std=c++20 -fsanitize=fuzzer,address,undefined -I include tests/fuzz/csv_fuzz.cpp
// Properties: never throws for bad input; every error has a code, a sentence and a line and
// column within the text, and a cell no further down than its line; a file read without errors has one file line per budget line, in
// increasing order; check_csv gives exactly what read_budget_csv and check() give: the same
// errors, or the same result, violations and file lines included.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace {
void require(bool condition) {
    if (!condition) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // The same settings for both readers: terms and a policy given by the caller win over the
    // file's '#' lines (and a '# policy:' line is then not looked up).
    const c3p::budget_terms terms{c3p::rate::percent(10), c3p::yen(1'000'000), false};
    const c3p::csv_settings settings{.terms = terms, .rules = &c3p::fy2025};
    const auto read = c3p::read_budget_csv(text, settings);
    std::size_t lines = 1;
    for (char c : text) lines += c == '\n';
    for (const auto& e : read.errors) {
        require(e.line >= 1 && e.line <= lines);
        require(e.column >= 1 && e.column <= size + 1);
        require(e.code().starts_with("input."));
        require(!c3p::describe(e).empty());
        if (e.cell) require(e.cell->column >= 1 && e.cell->row >= 1 && e.cell->row <= e.line);
    }
    for (std::size_t i = 0; i < read.budget.size(); ++i) {
        require(read.budget.source_line(i).has_value());
        if (i > 0) require(*read.budget.source_line(i - 1) < *read.budget.source_line(i));
    }
    if (read.ok()) require(!text.empty());

    std::optional<c3p::check_result> expected;
    bool expected_throws = false;
    if (read.ok()) {
        require(read.budget.terms() == terms);
        try {
            expected = c3p::check(read.budget);
            expected->violations.locate(read.layout);  // as check_csv does
        } catch (const c3p::overflow_error&) {
            expected_throws = true;
        }
    }
    std::optional<c3p::csv_check> checked;
    try {
        checked = c3p::check_csv(text, settings);
    } catch (const c3p::overflow_error&) {
        require(expected_throws);
        return 0;
    }
    require(!expected_throws);
    require(checked->errors == read.errors);
    if (!expected) return 0;
    require(checked->result.line_count == read.budget.size());
    require(checked->result.totals == expected->totals);
    require(checked->result.has_errors() == expected->has_errors());
    require(checked->result.violations == expected->violations);
    return 0;
}
