// Compile-time checks of the money types: meaningless operations do not compile, there is no
// way in from binary floating point, and parsing and arithmetic work in constant expressions.
#include <c3p/c3p.hpp>

#include <type_traits>

namespace {

using c3p::decimal;
using c3p::exact_yen;
using c3p::quantity;
using c3p::rate;
using c3p::yen;
using namespace c3p::literals;

template <class A, class B>
concept addable = requires(A a, B b) { a + b; };
template <class A, class B>
concept subtractable = requires(A a, B b) { a - b; };
template <class A, class B>
concept multipliable = requires(A a, B b) { a * b; };
template <class A, class B>
concept comparable = requires(A a, B b) { a < b; };

// No way in from binary floating point, and no implicit way in from integers.
static_assert(!std::is_constructible_v<yen, double>);
static_assert(!std::is_constructible_v<yen, float>);
static_assert(!std::is_constructible_v<yen, long double>);
static_assert(!std::is_constructible_v<decimal, double>);
static_assert(!std::is_constructible_v<quantity, double>);
static_assert(!std::is_constructible_v<yen, bool>);
static_assert(!std::is_convertible_v<int, yen>);
static_assert(!std::is_convertible_v<int, quantity>);
static_assert(std::is_constructible_v<yen, int>);
static_assert(!std::is_convertible_v<quantity, yen>);
static_assert(!std::is_convertible_v<decimal, yen>);

// Meaningless arithmetic is not declared.
static_assert(!addable<yen, rate>);
static_assert(!addable<yen, quantity>);
static_assert(!addable<yen, int>);
static_assert(!addable<yen, exact_yen>);  // round first
static_assert(!multipliable<yen, yen>);
static_assert(!multipliable<yen, double>);
static_assert(!comparable<yen, quantity>);
static_assert(!comparable<yen, int>);
static_assert(!std::is_convertible_v<exact_yen, yen>);  // an exact product never becomes yen silently

// Meaningful arithmetic has the right result types.
static_assert(std::is_same_v<decltype(yen{} + yen{}), yen>);
static_assert(std::is_same_v<decltype(yen{} - yen{}), yen>);
static_assert(std::is_same_v<decltype(yen{} * 3), yen>);
static_assert(std::is_same_v<decltype(yen{} * quantity{}), exact_yen>);
static_assert(std::is_same_v<decltype(yen{} * rate{}), exact_yen>);
static_assert(std::is_same_v<decltype(exact_yen{} * rate{}), exact_yen>);
static_assert(std::is_same_v<decltype(exact_yen{}.round(c3p::rounding::floor)), yen>);

// Constant expressions: parsing and arithmetic are exact at compile time.
static_assert(yen::parse("1,234,567") == 1'234'567_yen);
static_assert(yen::parse("0.1") + yen::parse("0.2") == yen::parse("0.3"));
static_assert(rate::parse("7.5%") == rate::fraction(3, 40));
static_assert(rate::parse("0.1") == rate::percent(10));
static_assert(!yen::try_parse("1e5"));
static_assert(18'181'819_yen + 1'818'181_yen == 20'000'000_yen);

}  // namespace
