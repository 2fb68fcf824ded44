#!/usr/bin/env bash
# Regenerates every benchmark figure of benchmarks/README.md in one run: in-memory checks
# (Google Benchmark) and their ratios to the int64 bound, end to end against the Python peer on
# two cores and on one, and the umbrella header's compile time.
#   bash benchmarks/run.sh          (or: bash scripts/run.sh bench)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build-bench"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DC3P_BUILD_BENCHMARKS=ON \
    -DC3P_BUILD_TESTS=OFF -DC3P_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target c3p_bench c3p-check >/dev/null

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
echo "== in memory (ns_per_line; allocation counters)"
# Five repetitions each; the ratios are of the medians, measured in the same run.
"$build/benchmarks/c3p_bench" --benchmark_min_time=0.3 --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$build/bench.json" --benchmark_out_format=json
python3 "$root/benchmarks/ratios.py" "$build/bench.json"
csv="$build/budget-200k.csv"
python3 "$root/benchmarks/generate_budget.py" 200000 >"$csv"
echo "== end to end, two cores"
python3 "$root/benchmarks/end_to_end.py" "$build/c3p-check" "$csv"
echo "== end to end, both programs held to one core"
taskset -c 0 python3 "$root/benchmarks/end_to_end.py" "$build/c3p-check" "$csv"
echo "== --explain against the same check without it, two cores"
python3 "$root/benchmarks/end_to_end.py" --explain "$build/c3p-check" "$csv"
echo "== the page (build-web/, made by bash scripts/run.sh web): headless Chromium against c3p-check"
bash "$root/scripts/web.sh" "$build/c3p-check" build >/dev/null
python3 "$root/benchmarks/generate_budget.py" 200 >"$build/budget-200.csv"
node "$root/benchmarks/web.mjs" "$build/c3p-check" "$root/build-web" "$csv" "$build/budget-200.csv"
echo "== compile time"
python3 "$root/benchmarks/end_to_end.py" --compile "$root/include"
