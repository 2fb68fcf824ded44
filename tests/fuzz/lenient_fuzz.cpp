// libFuzzer target: the lenient amount parser (yen marks, 円, full-width digits, ▲/△).
//   clang++ -std=c++20 -fsanitize=fuzzer,address,undefined -I include tests/fuzz/lenient_fuzz.cpp
// Properties: it never throws and points inside the text; it accepts everything the strict parser
// accepts, with the same value; what it accepts prints and re-parses strictly to the same value,
// and reads the same again when written as Excel shows it (¥, grouped, 円, full-width digits).
#include <c3p/c3p.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {
void require(bool condition) {
    if (!condition) std::abort();
}

std::string full_width(std::string_view ascii) {
    std::string out;
    for (char c : ascii) {
        if (c >= '0' && c <= '9') out += std::string("０１２３４５６７８９").substr(static_cast<std::size_t>(c - '0') * 3, 3);
        else if (c == ',') out += "，";
        else if (c == '.') out += "．";
        else if (c == '-') out += "－";
        else out += c;
    }
    return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto lenient = c3p::decimal::try_parse_lenient(text);
    const auto strict = c3p::decimal::try_parse(text);
    if (strict) require(lenient && lenient.value == strict.value);
    if (!lenient) {
        require(lenient.position <= text.size());
        return 0;
    }
    const auto printed = to_string(lenient.value);
    require(c3p::decimal::parse(printed) == lenient.value);
    const auto grouped = to_string(c3p::yen(lenient.value), c3p::yen_style::grouped);
    require(c3p::decimal::parse_lenient("¥" + grouped) == lenient.value);
    require(c3p::decimal::parse_lenient(grouped + "円") == lenient.value);
    require(c3p::decimal::parse_lenient(full_width(grouped)) == lenient.value);
    if (lenient.value.is_negative())
        require(c3p::decimal::parse_lenient("▲" + to_string(-lenient.value)) == lenient.value);
    return 0;
}
