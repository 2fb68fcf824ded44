#!/usr/bin/env bash
# Builds each libFuzzer target in tests/fuzz with clang and runs it for SECONDS (default 30),
# starting from the examples and seeds plus every kept crasher. Targets are built and run as
# many at a time as there are cores, each run on one core for its full SECONDS. A crash stops
# with its input saved in the work directory; keep it under tests/fuzz/regressions/<target>/ once fixed.
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

build_target() {
    local target=$1 extra=()  # the encoding target tests c3p-check's converter
    [[ $target == encoding ]] && extra=(-I "$root/tools/c3p-check" "$root/tools/c3p-check/encoding.cpp")
    clang++ -std=c++20 -O1 -g -pthread -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -I "$root/include" "$root/tests/fuzz/${target}_fuzz.cpp" "${extra[@]}" -o "$work/${target}_fuzz"
}

run_target() {
    local target=$1 corpus="$work/corpus-$1"
    mkdir -p "$corpus"
    if [[ -d $root/tests/fuzz/seeds/$target ]]; then
        cp "$root/tests/fuzz/seeds/$target/"* "$corpus/"
    else
        cp "$root/examples/budgets/"* "$corpus/"
        if [[ $target == check ]]; then cp "$root/examples/settlement/"* "$root/examples/plan/"* "$corpus/"; fi  # records and plans
    fi
    find "$root/tests/fuzz/regressions/$target" -type f ! -name .gitkeep -exec cp {} "$corpus/" \;
    mkdir -p "$work/$target"  # each target's crash files in a folder of its own
    (cd "$work/$target" && "$work/${target}_fuzz" -max_total_time="$seconds" -print_final_stats=1 "$corpus" \
        2>"$work/$target.log") || {
        tail -n 40 "$work/$target.log" >&2
        echo "fuzz: $target FAILED; the crashing input is in $work/$target" >&2
        return 1
    }
    grep -E '^stat::number_of_executed_units' "$work/$target.log" | sed "s/^/fuzz: $target /"
}

# each_at_once STEP: STEP every target, as many at a time as there are cores; fails if any failed.
each_at_once() {
    local step=$1 pids=() target pid failed=0
    for target in "${targets[@]}"; do
        while (($(jobs -rp | wc -l) >= $(nproc))); do wait -n || true; done
        "$step" "$target" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    return "$failed"
}

echo "fuzz: building ${targets[*]}"
each_at_once build_target
echo "fuzz: running each for ${seconds}s, $(nproc) at a time"
each_at_once run_target
