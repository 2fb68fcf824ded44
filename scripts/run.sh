#!/usr/bin/env bash
# One entry point for people and CI: installs what is missing (Debian packages, as root),
# configures and builds, then runs what was asked. Each configuration builds into its own folder.
#
#   bash scripts/run.sh check [c3p-check options] FILE.csv    build c3p-check (build/), then check a CSV budget
#   bash scripts/run.sh test                                   g++: build and run every test (ctest, then pytest)
#   bash scripts/run.sh test-sanitized                         clang++ and libc++ under AddressSanitizer + UBSan
#   bash scripts/run.sh test-portable                          the tests labelled `fallback`, with the builtins' standard fallbacks
#   bash scripts/run.sh fuzz [SECONDS]                         each libFuzzer target for SECONDS (30), two at a time
#   bash scripts/run.sh windows                                mingw-w64 cross build, tests and command lines under wine
#   bash scripts/run.sh web                                    WebAssembly module and page (build-web/), tested in Node and Chromium
#   bash scripts/run.sh bench                                  every benchmark (benchmarks/README.md)
#
# Not root and something missing: prints the exact apt-get command and exits 1.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build"
base_packages=(cmake ninja-build g++ libboost-dev doctest-dev nlohmann-json3-dev)
python_packages=(python3-dev python3-venv python3-setuptools python3-wheel python3-pybind11 pybind11-dev python3-openpyxl
                 python3-pytest)

say() { printf 'c3p: %s\n' "$*" >&2; }

# ensure_packages PKG...: installs the Debian packages that are not installed yet.
ensure_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian system: make sure these are installed: $*"
        return
    fi
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
    done
    ((${#missing[@]} == 0)) && return
    if [[ $(id -u) -ne 0 ]]; then
        say "missing packages: ${missing[*]}"
        say "install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
        exit 1
    fi
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# python_tests: installs the Python package into a virtual environment that sees Debian's
# packages (nothing is downloaded) and runs its tests against the c3p-check just built.
python_tests() {
    local venv="$build/python-venv" python=/usr/bin/python3
    [[ -x $python ]] || python=python3
    [[ -x $venv/bin/python ]] || "$python" -m venv --system-site-packages "$venv"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/pip" install --quiet --no-build-isolation "$root/python"
    (cd "$build" && C3P_CHECK="$build/c3p-check" "$venv/bin/python" -m pytest -q -p no:cacheprovider "$root/python/tests")
}

# configure_and_build DIR TARGET... -- [cmake options...]   (TARGET "all" builds everything)
# The build's progress goes to standard error, so that a first build is not mistaken for a hang.
configure_and_build() {
    local dir=$1 targets=()
    shift
    while [[ $1 != -- ]]; do targets+=("$1"); shift; done
    shift
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$dir" --parallel "$(nproc)" --target "${targets[@]}" | { grep --line-buffered -v '^ninja: no work to do' || true; } >&2
}

command=${1:-}
[[ $# -gt 0 ]] && shift
case "$command" in
    check)
        ensure_packages "${base_packages[@]}"
        [[ -x $build/c3p-check ]] || say "building c3p-check (about a minute the first time)..."
        configure_and_build "$build" c3p-check --
        exec "$build/c3p-check" "$@"
        ;;
    test)
        ensure_packages "${base_packages[@]}" "${python_packages[@]}"
        say "test: building the library's tests, c3p-check and the examples with g++ (build/)"
        configure_and_build "$build" all -- -DC3P_BUILD_TESTS=ON
        say "test: ctest"
        ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)"
        say "test: the Python package (pytest)"
        python_tests
        ;;
    test-sanitized)
        # clang++ with libc++ and the sanitizers in one configuration: what the gcc build does not
        # see (another compiler, another standard library, memory and undefined behaviour).
        # Everything unoptimised (clang with the sanitizers builds three times faster so), with
        # line tables for the sanitizers' stack traces.
        ensure_packages "${base_packages[@]}" clang libc++-dev libc++abi-dev libclang-rt-14-dev
        say "test-sanitized: building with clang++, libc++, ASan and UBSan (build-sanitize/)"
        configure_and_build "$root/build-sanitize" all -- -DC3P_BUILD_TESTS=ON -DC3P_SANITIZE=ON \
            -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only "-DC3P_TEST_FLAGS=-O0;-gline-tables-only" \
            -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS=-stdlib=libc++ -DCMAKE_EXE_LINKER_FLAGS=-stdlib=libc++
        say "test-sanitized: ctest (all but the consumer builds, which the test command runs)"
        ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
            ctest --test-dir "$root/build-sanitize" --output-on-failure --parallel "$(nproc)" --label-exclude consumer
        ;;
    test-portable)
        # Only what C3P_NO_BUILTINS changes: the tests labelled `fallback` (tests/CMakeLists.txt).
        ensure_packages "${base_packages[@]}"
        say "test-portable: building the tests labelled fallback with the builtins' fallbacks (build-portable/)"
        configure_and_build "$root/build-portable" c3p_tests_fallback -- -DC3P_BUILD_TESTS=ON -DC3P_PORTABLE_FALLBACK=ON \
            -DC3P_BUILD_EXAMPLES=OFF
        say "test-portable: ctest --label-regex fallback"
        ctest --test-dir "$root/build-portable" --output-on-failure --parallel "$(nproc)" --label-regex fallback
        ;;
    fuzz)
        ensure_packages "${base_packages[@]}" clang libclang-rt-14-dev
        bash "$root/scripts/fuzz.sh" "$@"
        ;;
    windows)
        ensure_packages "${base_packages[@]}" g++-mingw-w64-x86-64-posix wine64
        [[ -x $build/c3p-check ]] || say "windows: building the Linux c3p-check to compare with (build/)"
        configure_and_build "$build" c3p-check --
        bash "$root/scripts/windows.sh" "$build/c3p-check"
        ;;
    web)
        # Debian's emscripten, Chromium (driven by puppeteer-core: no browser download) and a
        # Japanese font for the screenshots; Node.js and npm as the machine has them.
        ensure_packages "${base_packages[@]}" emscripten chromium fonts-ipafont-gothic nodejs
        [[ -x $build/c3p-check ]] || say "web: building the Linux c3p-check to compare with (build/)"
        configure_and_build "$build" c3p-check --
        bash "$root/scripts/web.sh" "$build/c3p-check" "$@"
        ;;
    bench)
        ensure_packages "${base_packages[@]}" libbenchmark-dev python3 emscripten chromium fonts-ipafont-gothic nodejs
        bash "$root/benchmarks/run.sh"
        ;;
    *)
        awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
        exit 2
        ;;
esac
