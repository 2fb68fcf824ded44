// In-memory benchmarks (Google Benchmark): the library's check() against the physical bound (an
// unchecked int64_t loop over the same data) and against the same computation on other
// Boost.Multiprecision representations; heap allocations counted. See benchmarks/README.md.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/settlement.hpp>

#include <benchmark/benchmark.h>
#include <boost/multiprecision/cpp_dec_float.hpp>
#include <boost/multiprecision/cpp_int.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <chrono>
#include <random>
#include <string>
#include <vector>

// ---- allocation counter ---------------------------------------------------------------------
namespace {
std::atomic<std::size_t> allocations{0};
}
void* operator new(std::size_t size) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
// Out of line: inlined into callers, GCC takes the free() for a mismatched deallocation.
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using c3p::item;

// ---- the data: the same lines for every contender -------------------------------------------
struct raw_line {
    std::int64_t price;     // whole yen
    std::int64_t quantity;  // whole units
    item booked;
    c3p::price_basis basis;
};

/// `clean`: no line breaks a line rule (no equipment, consumables below the threshold), so a
/// check reports only budget-level figures. Otherwise every item, equipment warnings included.
std::vector<raw_line> make_lines(std::size_t n, bool clean) {
    std::mt19937_64 rng(2025);
    std::vector<raw_line> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto booked = static_cast<item>(rng() % 16);
        if (clean && booked == item::equipment) booked = item::wages;
        const std::int64_t price = booked == item::consumables ? 100 + static_cast<std::int64_t>(rng() % 150'000)
                                                                : 100 + static_cast<std::int64_t>(rng() % 60'000);
        const auto pick = rng() % 10;
        const auto basis = pick < 7 ? c3p::price_basis::exclusive : pick < 9 ? c3p::price_basis::inclusive : c3p::price_basis::untaxed;
        out.push_back({price, 1 + static_cast<std::int64_t>(rng() % 3), booked, basis});
    }
    return out;
}

c3p::budget make_budget(const std::vector<raw_line>& lines) {
    c3p::budget b;
    b.reserve(lines.size());
    for (const auto& l : lines)
        b.add(c3p::line{.item = l.booked, .unit_price = c3p::yen(l.price), .quantity = c3p::quantity(l.quantity), .basis = l.basis});
    b.set_general_admin_rate(c3p::rate::percent(10));
    return b;
}

void per_line(benchmark::State& state, std::size_t lines) {
    const auto processed = static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(lines);
    state.SetItemsProcessed(processed);
    state.counters["ns_per_line"] = benchmark::Counter(static_cast<double>(processed),
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// ---- contenders -----------------------------------------------------------------------------
void library_check(benchmark::State& state, bool clean) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto b = make_budget(make_lines(n, clean));
    for (auto _ : state) {
        auto result = c3p::check(b);
        benchmark::DoNotOptimize(result);
    }
    per_line(state, n);
}
void BM_library_check_clean(benchmark::State& state) { library_check(state, true); }
void BM_library_check_mixed(benchmark::State& state) { library_check(state, false); }

/// A year's settlement: a contract of 40 lines and `n` dated records of the mixed kind (each
/// through the line rules, as check's lines are), ns per record beside check's ns per line.
void BM_settle_mixed(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const c3p::contract awarded{make_budget(make_lines(40, true))};
    std::vector<c3p::actual_record> records;
    records.reserve(n);
    const auto first_day = std::chrono::sys_days(c3p::fiscal_year_start(2025));
    std::size_t k = 0;
    for (const auto& l : make_lines(n, false)) {
        records.push_back({c3p::line{.item = l.booked, .unit_price = c3p::yen(l.price), .quantity = c3p::quantity(l.quantity), .basis = l.basis},
                           std::chrono::year_month_day(first_day + std::chrono::days(k++ % 365))});
    }
    for (auto _ : state) {
        auto result = c3p::settle(awarded, records);
        benchmark::DoNotOptimize(result);
    }
    per_line(state, n);
}

/// The bound: the same sums and rules, unchecked int64_t, nothing reported but counts.
void int64_bound(benchmark::State& state, bool clean) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto lines = make_lines(n, clean);
    for (auto _ : state) {
        std::array<std::int64_t, c3p::item_count> sums{};
        std::int64_t flagged = 0;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            // 4 KiB ahead, as the library's loop does (the address as an integer: see totals.hpp)
            __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(lines.data()) +
                                                             (i + 4096 / sizeof(raw_line)) * sizeof(raw_line)));
            const auto& l = lines[i];
            const std::int64_t product = l.price * l.quantity;
            // Without a branch on the basis, which is random here (the library keeps inclusive
            // lines apart for the same reason): both amounts worked out, one kept.
            const std::int64_t inclusive = l.basis == c3p::price_basis::inclusive;
            const std::int64_t amount = product - inclusive * (product - product * 10 / 11);
            const std::int64_t unit = l.price * (10 + (l.basis == c3p::price_basis::exclusive));  // x10
            flagged += (l.price < 0) + (amount == 0) + (l.booked == item::equipment) +
                       (l.booked == item::consumables && unit >= 2'000'000);
            sums[static_cast<std::size_t>(l.booked)] += amount;
        }
        std::int64_t personnel = sums[0] + sums[1], operating = 0;
        for (std::size_t k = 2; k < 15; ++k) operating += sums[k];
        const std::int64_t ga = (personnel + operating - sums[14]) / 10;
        const std::int64_t pre_tax = personnel + operating + sums[15] + ga;
        const std::int64_t total = pre_tax + pre_tax / 10;
        flagged += (2 * sums[14] > pre_tax) + (total > 20'000'000);
        benchmark::DoNotOptimize(flagged);
        benchmark::DoNotOptimize(total);
    }
    per_line(state, n);
}
void BM_int64_bound_clean(benchmark::State& state) { int64_bound(state, true); }

/// The same computation on another representation: amounts from price x quantity (x 10/11),
/// floored, summed, G&A, tax, the threshold and cap comparisons.
template <class Number, class Floor>
void other_representation(benchmark::State& state, Floor floor_of) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto raw = make_lines(n, true);
    struct line {
        Number price, quantity;
        item booked;
        c3p::price_basis basis;
    };
    std::vector<line> lines;
    lines.reserve(n);
    for (const auto& l : raw) lines.push_back({Number(l.price), Number(l.quantity), l.booked, l.basis});
    const Number ten(10), eleven(11), threshold(200'000), cap(20'000'000);
    for (auto _ : state) {
        std::array<Number, c3p::item_count> sums;
        for (auto& s : sums) s = 0;
        std::int64_t flagged = 0;
        for (const auto& l : lines) {
            const Number product = l.price * l.quantity;
            const Number amount = l.basis == c3p::price_basis::inclusive ? floor_of(Number(product * ten) / eleven) : floor_of(product);
            const Number unit = l.basis == c3p::price_basis::exclusive ? Number(l.price * eleven) / ten : l.price;
            flagged += (amount == 0) + (l.booked == item::consumables && unit >= threshold);
            sums[static_cast<std::size_t>(l.booked)] += amount;
        }
        Number direct = 0;
        for (std::size_t k = 0; k < 15; ++k) direct += sums[k];
        const Number ga = floor_of(Number(direct - sums[14]) / ten);
        const Number pre_tax = direct + sums[15] + ga;
        const Number total = pre_tax + floor_of(pre_tax / ten);
        flagged += total > cap;
        benchmark::DoNotOptimize(flagged);
    }
    per_line(state, n);
}
using dec50 = boost::multiprecision::cpp_dec_float_50;
using big = boost::multiprecision::cpp_int;
void BM_cpp_dec_float_50_clean(benchmark::State& state) {
    other_representation<dec50>(state, [](const dec50& x) { return dec50(boost::multiprecision::floor(x)); });
}
void BM_unbounded_cpp_int_clean(benchmark::State& state) {
    // Whole yen and whole quantities: integer division floors the non-negative values exactly.
    other_representation<big>(state, [](const big& x) { return x; });
}

// ---- allocations ----------------------------------------------------------------------------
void BM_allocations_validating_clean_budget(benchmark::State& state) {
    c3p::budget b;
    for (const auto& l : make_lines(100, true))
        b.add(c3p::line{.item = l.booked, .unit_price = c3p::yen(l.price), .quantity = c3p::quantity(l.quantity), .basis = l.basis});
    std::size_t during = 0, violations = 0;
    for (auto _ : state) {
        const auto before = allocations.load();
        auto v = c3p::validate(b);
        during += allocations.load() - before;
        violations += v.size();
        benchmark::DoNotOptimize(v);
    }
    state.counters["allocations_per_validate"] = static_cast<double>(during) / static_cast<double>(state.iterations());
    state.counters["violations"] = static_cast<double>(violations) / static_cast<double>(state.iterations());
}

void BM_allocations_reading_csv(benchmark::State& state) {
    std::string csv = "item,description,unit_price,quantity,price_basis\n";
    const auto lines = make_lines(10'000, true);
    for (std::size_t i = 0; i < lines.size(); ++i)
        csv += std::string(c3p::code(lines[i].booked)) + ",Line " + std::to_string(i) + " of the field survey," +
               std::to_string(lines[i].price) + "," + std::to_string(lines[i].quantity) + "," +
               std::string(to_string(lines[i].basis)) + "\n";
    std::size_t during = 0;
    for (auto _ : state) {
        const auto before = allocations.load();
        auto read = c3p::read_budget_csv(csv);
        during += allocations.load() - before;
        benchmark::DoNotOptimize(read);
    }
    state.counters["allocations_per_line"] =
        static_cast<double>(during) / static_cast<double>(state.iterations()) / static_cast<double>(lines.size());
    per_line(state, lines.size());
}

}  // namespace

BENCHMARK(BM_library_check_clean)->Arg(100)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_library_check_mixed)->Arg(100)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_settle_mixed)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_int64_bound_clean)->Arg(100)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_cpp_dec_float_50_clean)->Arg(100)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_unbounded_cpp_int_clean)->Arg(100)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_allocations_validating_clean_budget);
BENCHMARK(BM_allocations_reading_csv)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
