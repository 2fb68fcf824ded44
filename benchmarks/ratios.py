#!/usr/bin/env python3
"""Prints the in-memory ratios of benchmarks/README.md from Google Benchmark's JSON output (medians).

  ratios.py BENCH.json
"""
import json
import sys


def main() -> None:
    benchmarks = json.load(open(sys.argv[1]))["benchmarks"]
    # The medians of the repetitions (or the single runs, without repetitions); the counter is
    # a rate inverted: seconds a line.
    medians = {b["run_name"]: b for b in benchmarks if b.get("aggregate_name") == "median"}
    runs = medians or {b["name"]: b for b in benchmarks if b.get("run_type") != "aggregate"}
    per_line = {name: b["ns_per_line"] * 1e9 for name, b in runs.items() if "ns_per_line" in b}
    for lines, target in (("1000000", 1.5), ("100", 5.0)):
        check = per_line[f"BM_library_check_clean/{lines}"]
        bound = per_line[f"BM_int64_bound_clean/{lines}"]
        ratio = check / bound
        verdict = "holds" if ratio <= target else "MISSED"
        print(f"check / int64 bound, {int(lines):,} clean lines: {check:.2f} / {bound:.2f} ns a line = {ratio:.2f}x "
              f"(at most {target}x: {verdict})")


if __name__ == "__main__":
    main()
