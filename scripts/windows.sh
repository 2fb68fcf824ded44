#!/usr/bin/env bash
# Windows: cross-builds c3p-check and the library's tests with mingw-w64 (CMake and Ninja, with
# cmake/toolchains/mingw-w64-x86_64.cmake), runs the tests labelled `windows` under wine, and
# runs c3p-check.exe on command lines that must print what the Linux build LINUX_C3P_CHECK prints
# (line ends aside) and exit with the same status.
#   bash scripts/windows.sh LINUX_C3P_CHECK          (or: bash scripts/run.sh windows)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
linux_checker=$1
work="$root/build-windows"
wine=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)  # Debian puts wine64 in /usr/lib/wine

say() { printf 'windows: %s\n' "$*"; }

# Only the header-only libraries the build uses, not the rest of /usr/include (Linux headers),
# with package files that point there: Boost through CMake's FindBoost, nlohmann/json's own
# (it finds its headers relative to itself), doctest's written here (Debian's names /usr/include).
headers="$work/headers"
mkdir -p "$headers/include" "$headers/share/cmake" "$headers/lib/cmake/doctest"
for library in boost nlohmann doctest; do ln -sfn "/usr/include/$library" "$headers/include/$library"; done
rm -rf "$headers/share/cmake/nlohmann_json" && cp -r /usr/share/cmake/nlohmann_json "$headers/share/cmake/"
cat >"$headers/lib/cmake/doctest/doctestConfig.cmake" <<'CMAKE'
add_library(doctest::doctest INTERFACE IMPORTED)
set_target_properties(doctest::doctest PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${CMAKE_CURRENT_LIST_DIR}/../../../include")
CMAKE

export WINEPREFIX="$work/wine-prefix" WINEDEBUG=-all
say "building c3p-check.exe and the tests labelled windows (build-windows/)"
cmake -S "$root" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/mingw-w64-x86_64.cmake" \
    -DBoost_NO_BOOST_CMAKE=ON -DBoost_INCLUDE_DIR="$headers/include" \
    -Dnlohmann_json_DIR="$headers/share/cmake/nlohmann_json" -Ddoctest_DIR="$headers/lib/cmake/doctest" \
    -DC3P_BUILD_TESTS=ON -DC3P_BUILD_EXAMPLES=OFF -DC3P_INSTALL=OFF \
    -DCMAKE_CXX_FLAGS="-Werror" >/dev/null
cmake --build "$work/build" --parallel "$(nproc)" --target c3p-check c3p_tests_windows
checker="$work/build/c3p-check.exe"

failures=0
"$wine" cmd /c exit >/dev/null 2>&1 || true  # the wine prefix made once, before tests run side by side
say "running the tests labelled windows under wine"
ctest --test-dir "$work/build" --output-on-failure --parallel "$(nproc)" --label-regex windows ||
    failures=$((failures + 1))

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
    status=0; "$wine" "$checker" $args >"$work/actual.out" 2>"$work/actual.err" || status=$?
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
"$wine" "$checker" --format json - <"$samples/fy2025_toyama_semarang.csv" >"$work/stdin.out" || status=$?
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
