// Built by the consumer tests: a program outside this project that uses the library.
// Exits 0 only when the famous boundary holds.
#include <c3p/c3p.hpp>

int main() {
    using namespace c3p::literals;
    const auto pre_tax = 18'181'819_yen;
    const auto total = pre_tax + (pre_tax * c3p::rate::percent(10)).round(c3p::rounding::floor);
    return total == 20'000'000_yen ? 0 : 1;
}
