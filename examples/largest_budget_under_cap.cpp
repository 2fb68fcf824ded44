// The largest pre-tax total whose total with 10% consumption tax (floored) stays within the
// FY2025 cap of JPY 20,000,000 — exactly, with no floating point.
#include <c3p/c3p.hpp>

#include <iostream>

int main() {
    using namespace c3p::literals;
    const c3p::yen cap = 20'000'000_yen;
    const c3p::rate tax = c3p::rate::percent(10);
    const auto with_tax = [&](const c3p::yen& pre_tax) { return pre_tax + (pre_tax * tax).round(c3p::rounding::floor); };

    // with_tax never decreases, so bisect on whole yen; invariant: with_tax(low) <= cap.
    c3p::yen low = 0_yen;
    c3p::yen high = cap;
    while (low < high) {
        const c3p::yen middle = low + ((high - low) * c3p::rate::fraction(1, 2)).round(c3p::rounding::ceiling);
        if (with_tax(middle) <= cap) {
            low = middle;
        } else {
            high = middle - 1_yen;
        }
    }
    const c3p::yen tax_amount = (low * tax).round(c3p::rounding::floor);
    std::cout << "FY2025 cap (tax included): " << to_string(cap, c3p::yen_style::yen_sign) << '\n'
              << "largest pre-tax total:     " << to_string(low, c3p::yen_style::yen_sign) << '\n'
              << "consumption tax (10%):     " << to_string(tax_amount, c3p::yen_style::yen_sign) << '\n'
              << "total:                     " << to_string(low + tax_amount, c3p::yen_style::yen_sign) << '\n';
}
