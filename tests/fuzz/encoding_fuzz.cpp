// libFuzzer target: c3p-check's encoding detection and CP932 conversion, then the reader.
//   clang++ -std=c++20 -fsanitize=fuzzer,address,undefined -I include -I tools/c3p-check
//           tests/fuzz/encoding_fuzz.cpp tools/c3p-check/encoding.cpp
// Properties: UTF-8 input is kept byte for byte; anything else becomes UTF-8 text (what CP932
// does not know replaced and reported, once a line, at a line and column inside the text);
// the reader then never throws for bad input.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "encoding.hpp"

namespace {
void require(bool condition) {
    if (!condition) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const auto decoded = c3p_check::to_utf8(bytes, c3p_check::text_encoding::automatic);
    if (c3p::is_utf8(bytes)) {
        require(decoded.encoding == c3p_check::text_encoding::utf8);
        require(decoded.text == bytes);
        require(decoded.errors.empty());
    } else {
        require(decoded.encoding == c3p_check::text_encoding::cp932);
        require(c3p::is_utf8(decoded.text));
        require(!decoded.errors.empty() || !decoded.text.empty());
        const auto lines = static_cast<std::size_t>(std::count(decoded.text.begin(), decoded.text.end(), '\n')) + 1;
        std::size_t previous_line = 0;
        for (const auto& e : decoded.errors) {
            require(e.problem == c3p::input_problem::invalid_encoding);
            require(e.line > previous_line && e.line <= lines && e.column >= 1);
            previous_line = e.line;
        }
    }
    (void)c3p::read_budget_csv(decoded.text);  // never throws for bad input
    return 0;
}
