// libFuzzer target: the CSV budget reader and the one-pass CSV check.
//   clang++ -std=c++20 -fsanitize=fuzzer,address,undefined -I include tests/fuzz/csv_fuzz.cpp
// Properties: never throws; every error has a line and column within the text; a file read
// without errors has one file line per budget line, in increasing order; check_csv gives
// exactly what read_budget_csv and check() give: the same errors, or the same totals,
// violations and file lines.
#include <c3p/csv.hpp>
#include <c3p/csv_check.hpp>
#include <c3p/validate.hpp>

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
    const auto read = c3p::read_budget_csv(text);
    std::size_t lines = 1;
    for (char c : text) lines += c == '\n';
    for (const auto& e : read.errors) {
        require(e.line >= 1 && e.line <= lines);
        require(e.column >= 1 && e.column <= size + 1);
        require(!e.message.empty());
    }
    require(read.row_lines.size() == read.budget.size());
    for (std::size_t i = 1; i < read.row_lines.size(); ++i) require(read.row_lines[i - 1] < read.row_lines[i]);
    if (read.ok()) require(!text.empty());

    const c3p::budget_terms terms{c3p::rate::percent(10), c3p::yen(1'000'000), false};
    std::optional<c3p::check_result> expected;
    bool expected_throws = false;
    if (read.ok()) {
        auto b = read.budget;
        b.set_terms(terms);
        try {
            expected = c3p::check(b);
        } catch (const c3p::overflow_error&) {
            expected_throws = true;
        }
    }
    std::optional<c3p::csv_check> checked;
    try {
        checked = c3p::check_csv(text, terms);
    } catch (const c3p::overflow_error&) {
        require(expected_throws);
        return 0;
    }
    require(!expected_throws);
    require(checked->errors().size() == read.errors.size());
    for (std::size_t i = 0; i < read.errors.size(); ++i) {
        require(checked->errors()[i].line == read.errors[i].line);
        require(checked->errors()[i].column == read.errors[i].column);
        require(checked->errors()[i].message == read.errors[i].message);
    }
    if (!expected) return 0;
    require(checked->size() == read.budget.size());
    require(checked->totals().total == expected->totals.total && checked->totals().pre_tax == expected->totals.pre_tax);
    for (const auto& e : c3p::item_table) require(checked->totals().item(e.id) == expected->totals.item(e.id));
    require(checked->has_errors() == expected->has_errors());
    const auto violations = checked->violations();
    require(violations.size() == expected->violations.size());
    for (std::size_t i = 0; i < violations.size(); ++i) {
        const auto& a = violations[i];
        const auto& b = expected->violations[i];
        require(a.rule == b.rule && a.severity == b.severity && a.line == b.line && a.item == b.item);
        require(a.actual == b.actual && a.limit == b.limit && a.message == b.message);
        if (a.line) require(checked->file_line(*a.line) == read.row_lines[*a.line]);
    }
    return 0;
}
