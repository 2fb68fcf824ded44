#!/usr/bin/env bash
# The browser build (web/, docs/web.md): c3p-check's code compiled to WebAssembly by Debian's
# emscripten, the JavaScript module (build-web/c3p.mjs, c3p_wasm.mjs, c3p.d.ts) and the one-file
# page (build-web/c3p-budget.html); then their tests: the module against the Linux c3p-check
# LINUX_C3P_CHECK (Node's test runner), the page in headless Chromium (puppeteer-core).
#   bash scripts/web.sh LINUX_C3P_CHECK          (or: bash scripts/run.sh web)
#   bash scripts/web.sh LINUX_C3P_CHECK build    only build
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
linux_checker=$1
what=${2:-all}
out="$root/build-web"
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten runs its optimiser with Debian's node-acorn

say() { printf 'web: %s\n' "$*"; }

# Boost and nlohmann/json alone, not the rest of /usr/include: emscripten has its own C library.
mkdir -p "$out/headers" "$out/objects"
for library in boost nlohmann; do ln -sfn "/usr/include/$library" "$out/headers/$library"; done

# -msse2 with -msimd128: the row cutter's SSE2 comparisons become WebAssembly SIMD (4x faster
# than its byte loop). Exceptions: WebAssembly's own (Chromium 95+, Node 17+), not JavaScript's.
flags=(-std=c++20 -O3 -msimd128 -msse2 -fwasm-exceptions
       -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror
       -isystem "$out/headers" -I"$root/include" -I"$root/tools/c3p-check")
sources=("$root/web/c3p_web.cpp" "$root"/tools/c3p-check/{run,options,input,encoding,fast_rows,json_writer}.cpp)
# An object is remade when its source, a header of the library or of the tool, or this script is newer.
newest_dependency=$(find "$root/include" "$root/tools/c3p-check" "$root/web/c3p_web.cpp" "${BASH_SOURCE[0]}" \
                    -type f -printf '%T@\n' | sort -n | tail -1)
stale=()
for source in "${sources[@]}"; do
    object="$out/objects/$(basename "$source" .cpp).o"
    if [[ ! -f $object ]] || (($(stat -c %Y "$object") < ${newest_dependency%.*} + 1)); then stale+=("$source"); fi
done
if ((${#stale[@]} > 0)); then
    say "compiling ${#stale[@]} files with em++ (about a minute the first time)"
    printf '%s\n' "${stale[@]}" | xargs -P "$(nproc)" -I{} sh -c \
        'em++ "$@" -c "{}" -o "'"$out"'/objects/$(basename "{}" .cpp).o"' em++ "${flags[@]}"
fi
exports=_c3p_web_run,_c3p_web_piece,_c3p_web_join,_c3p_web_fast_file_bytes,_c3p_web_fast_header_bytes,_c3p_web_stdout,_c3p_web_stdout_size,_c3p_web_stderr,_c3p_web_stderr_size,_c3p_web_names,_c3p_web_rules,_malloc,_free
em++ "${flags[@]}" "$out"/objects/*.o -o "$out/c3p_wasm.mjs" \
    -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createC3pModule -sENVIRONMENT=web,worker -sSINGLE_FILE=1 \
    -sALLOW_MEMORY_GROWTH=1 -sEXPORTED_FUNCTIONS="$exports" -sEXPORTED_RUNTIME_METHODS=FS,stringToUTF8,lengthBytesUTF8
cp "$root/web/src/c3p.mjs" "$root/web/src/c3p.d.ts" "$out/"

# The npm packages, as the lock file pins them (again only when the lock file changed).
if [[ ! -f $root/web/node_modules/.package-lock.json || $root/web/package-lock.json -nt $root/web/node_modules/.package-lock.json ]]; then
    say "npm ci (web/package-lock.json)"
    (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
fi
node "$root/web/page/build.mjs" "$out"
say "built $out/c3p.mjs, $out/c3p_wasm.mjs ($(($(stat -c %s "$out/c3p_wasm.mjs") / 1024)) KiB) and $out/c3p-budget.html ($(($(stat -c %s "$out/c3p-budget.html") / 1024)) KiB)"
[[ $what == build ]] && exit 0

say "the module against $linux_checker (node --test)"
C3P_CHECK="$linux_checker" C3P_WEB="$out" node --test --test-concurrency=1 "$root"/web/test/*.test.mjs
