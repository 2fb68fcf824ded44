// libFuzzer target: the CSV budget reader.
//   clang++ -std=c++20 -fsanitize=fuzzer,address,undefined -I include tests/fuzz/csv_fuzz.cpp
// Properties: never throws; every error has a line and column within the text; a file read
// without errors has one file line per budget line, in increasing order.
#include <c3p/csv.hpp>

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
    return 0;
}
