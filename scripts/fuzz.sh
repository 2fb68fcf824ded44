#!/usr/bin/env bash
# Builds each libFuzzer target in tests/fuzz with clang and runs it for SECONDS (default 30),
# starting from the examples and seeds plus every kept crasher. A crash stops with its input
# saved in the work directory; keep it under tests/fuzz/regressions/<target>/ once fixed.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]      targets: decimal lenient csv check encoding
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-30}
shift || true
targets=("${@:-decimal lenient csv check encoding}")
# shellcheck disable=SC2206
targets=(${targets[*]})
work="$root/build-fuzz"
mkdir -p "$work"
for target in "${targets[@]}"; do
    exe="$work/${target}_fuzz"
    extra=()  # the encoding target tests c3p-check's converter
    [[ $target == encoding ]] && extra=(-I "$root/tools/c3p-check" "$root/tools/c3p-check/encoding.cpp")
    clang++ -std=c++20 -O1 -g -pthread -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -I "$root/include" "$root/tests/fuzz/${target}_fuzz.cpp" "${extra[@]}" -o "$exe"
    corpus="$work/corpus-$target"
    mkdir -p "$corpus"
    if [[ -d $root/tests/fuzz/seeds/$target ]]; then
        cp "$root/tests/fuzz/seeds/$target/"* "$corpus/"
    else
        cp "$root/examples/budgets/"* "$corpus/"
        if [[ $target == check ]]; then cp "$root/examples/settlement/"* "$root/examples/plan/"* "$corpus/"; fi  # records and plans
    fi
    find "$root/tests/fuzz/regressions/$target" -type f ! -name .gitkeep -exec cp {} "$corpus/" \;
    echo "fuzz: $target for ${seconds}s"
    (cd "$work" && "$exe" -max_total_time="$seconds" -print_final_stats=1 "$corpus" 2>"$work/$target.log") || {
        tail -n 40 "$work/$target.log" >&2
        echo "fuzz: $target FAILED; the crashing input is in $work" >&2
        exit 1
    }
    grep -E '^stat::number_of_executed_units' "$work/$target.log" | sed "s/^/fuzz: $target /"
done
