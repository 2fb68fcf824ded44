#!/usr/bin/env bash
# Windows: cross-builds the library's tests and c3p-check with mingw-w64 and runs them under
# wine; the command-line runs must print what the Linux build LINUX_C3P_CHECK prints (line ends
# aside) and exit with the same status.
#   bash scripts/windows.sh LINUX_C3P_CHECK          (or: bash scripts/run.sh windows)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
linux_checker=$1
work="$root/build-windows"
mkdir -p "$work/include"
cxx=x86_64-w64-mingw32-g++-posix
wine=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)  # Debian puts wine64 in /usr/lib/wine

# Only the header-only libraries the build uses, not the rest of /usr/include (Linux headers).
for library in boost nlohmann doctest; do ln -sfn "/usr/include/$library" "$work/include/$library"; done
flags=(-std=c++20 -O2 -I "$root/include" -isystem "$work/include" -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion
       -Wshadow -Werror -static)

say() { printf 'windows: %s\n' "$*"; }

say "building c3p-check.exe"
"$cxx" "${flags[@]}" -o "$work/c3p-check.exe" "$root"/tools/c3p-check/{main,options,input,encoding,fast_rows,json_writer}.cpp

export WINEPREFIX="$work/wine-prefix" WINEDEBUG=-all
failures=0
for test in portability_test arithmetic_test decimal_test yen_test checker_test csv_test japanese_input_test messages_test \
    oracle_test settlement_test fiscal_year_test plan_test score_test; do
    say "building and running $test.exe"
    "$cxx" "${flags[@]}" -DC3P_EXAMPLES_DIR="\"$root/examples\"" -o "$work/$test.exe" \
        "$root/tests/$test.cpp" "$root/tests/doctest_main.cpp"
    "$wine" "$work/$test.exe" >"$work/$test.log" 2>&1 || { tail -n 20 "$work/$test.log"; failures=$((failures + 1)); }
done

# The command line: the samples, standard input, malformed input, usage errors and a long file.
printf 'item,unit_price,quantity,price_basis\nwages,12a,1,exclusive\nwages,100,1,gross\n' >"$work/bad.csv"
printf '\x94\xef\x96\xda,\x92\x50\x89\xbf\n\x81\x20,1\n' >"$work/bad_cp932.csv"  # 費目,単価; a lead byte without its pair
python3 "$root/benchmarks/generate_budget.py" 30000 >"$work/long.csv"
samples="$root/examples/budgets"
cases=(
    "--ga-rate 10% $samples/fy2025_toyama_semarang.csv"
    "--ga-rate 10% --uplift 6000000 $samples/fy2025_rules_broken.csv"
    "--ga-rate 10% --uplift 6000000 --format json $samples/fy2025_rules_broken.csv"
    "--format json $samples/fy2025_japanese_items.csv"
    "$work/bad.csv"
    "--ga-rate 150% $samples/fy2025_toyama_semarang.csv"
    "--help"
    "--help --lang ja"
    "--ga-rate 10% --format json $work/long.csv"
    "--ga-rate 10% $samples/fy2025_excel_cp932.csv"
    "--ga-rate 10% --lang ja $samples/fy2025_excel_cp932.csv"
    "--format json --lang ja $samples/fy2025_tab_separated.txt"
    "$samples/fy2025_terms_in_file.csv"
    "$work/bad_cp932.csv"
    "--format json --lang ja $work/bad_cp932.csv"
    "--encoding utf-8 $samples/fy2025_excel_cp932.csv"
    "--list-items"
    "settle --contract $root/examples/settlement/contract.csv $root/examples/settlement/records_fy2025.csv"
    "settle --lang ja --format json --settlement-basis per_category --contract $root/examples/settlement/contract.csv $root/examples/settlement/records_fy2025.csv"
    "plan $root/examples/plan/plan_fy2025_2027.csv"
    "plan --lang ja --format json $root/examples/plan/plan_fy2025_2027.csv"
    "score --reduction 12000 --budget $root/examples/plan/plan_fy2025_2027.csv --cost-basis phase --engineer-projects 2 --sheet $root/examples/plan/judged.csv"
    "--version"
)
export LC_ALL=C  # English unless --lang says otherwise, on Linux as under wine
for args in "${cases[@]}"; do
    # shellcheck disable=SC2086
    expected_status=0; "$linux_checker" $args >"$work/expected.out" 2>"$work/expected.err" || expected_status=$?
    # shellcheck disable=SC2086
    status=0; "$wine" "$work/c3p-check.exe" $args >"$work/actual.out" 2>"$work/actual.err" || status=$?
    tr -d '\r' <"$work/actual.out" >"$work/actual.out.lf"
    tr -d '\r' <"$work/actual.err" >"$work/actual.err.lf"
    if [[ $status != "$expected_status" ]] || ! cmp -s "$work/expected.out" "$work/actual.out.lf" ||
        ! cmp -s "$work/expected.err" "$work/actual.err.lf"; then
        say "DIFFERS: c3p-check $args (status $status, Linux $expected_status)"
        diff "$work/expected.out" "$work/actual.out.lf" | head -n 5 || true
        diff "$work/expected.err" "$work/actual.err.lf" | head -n 5 || true
        failures=$((failures + 1))
    else
        say "same as Linux: c3p-check $args (status $status)"
    fi
done
status=0
"$wine" "$work/c3p-check.exe" --format json - <"$samples/fy2025_toyama_semarang.csv" >"$work/stdin.out" || status=$?
"$linux_checker" --format json "$samples/fy2025_toyama_semarang.csv" >"$work/expected.out" || true
if [[ $status != 0 ]] || ! cmp -s <(tr -d '\r' <"$work/stdin.out") "$work/expected.out"; then
    say "DIFFERS: standard input"
    failures=$((failures + 1))
fi

if ((failures > 0)); then
    say "$failures failed"
    exit 1
fi
say "all passed"
