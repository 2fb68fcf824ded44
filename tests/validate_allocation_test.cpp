// Validating a budget with nothing to report allocates nothing: global operator new is
// counted here (its own program, since replacing it affects the whole program).
#include <c3p/c3p.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <new>

#include "support.hpp"

using namespace c3p::literals;

namespace {
std::size_t allocations = 0;
}

void* operator new(std::size_t size) {
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
// Out of line: inlined into callers, GCC takes the free() for a mismatched deallocation.
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }

TEST_SUITE("validate") {
    TEST_CASE("validate: a clean budget is validated without a single heap allocation") {
        const auto b = c3p_test::sample_budget();
        const std::size_t before = allocations;
        const auto violations = c3p::validate(b);
        const std::size_t during = allocations - before;
        CHECK(violations.empty());
        CHECK(during == 0);
    }
}
