// libFuzzer target: the decimal parser and exact arithmetic.
//   clang++ -std=c++20 -fsanitize=fuzzer,address,undefined -I include tests/fuzz/decimal_fuzz.cpp
// Properties: parsing never throws from try_parse; a parsed value prints and re-parses to itself;
// rounding brackets the exact value (floor <= x <= ceiling, one yen apart at most); the only
// exceptions are c3p's own (overflow, inexact).
#include <c3p/c3p.hpp>

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
    const auto split = text.find('|');  // "price|quantity|rate" exercises the products too
    const auto first = text.substr(0, split);

    const auto price = c3p::yen::try_parse(first);
    if (!price) {
        require(price.position <= first.size());
        return 0;
    }
    const auto printed = to_string(price.value);
    require(c3p::yen::parse(printed) == price.value);
    require(c3p::yen::parse(to_string(price.value, c3p::yen_style::grouped)) == price.value);
    if (split == std::string_view::npos) return 0;

    const auto rest = text.substr(split + 1);
    const auto split2 = rest.find('|');
    const auto q = c3p::quantity::try_parse(rest.substr(0, split2));
    if (!q) return 0;
    try {
        const c3p::exact_yen product = price.value * q.value;
        const c3p::yen low = product.round(c3p::rounding::floor);
        const c3p::yen high = product.round(c3p::rounding::ceiling);
        require(low <= high && high - low <= c3p::yen(1));
        require(!(product < low) && !(high < product));
        for (auto mode : {c3p::rounding::truncate, c3p::rounding::half_up, c3p::rounding::half_even}) {
            const auto r = product.round(mode);
            require(r == low || r == high);
        }
        require(product.is_whole() == (low == high));
        if (split2 != std::string_view::npos) {
            const auto r = c3p::rate::try_parse(rest.substr(split2 + 1));
            if (r) {
                const auto scaled = product * r.value;
                require(scaled.round(c3p::rounding::floor) <= scaled.round(c3p::rounding::ceiling));
            }
        }
    } catch (const c3p::overflow_error&) {
        // values near 2^128 millionths: refusing is correct, wrapping would not be
    }
    return 0;
}
