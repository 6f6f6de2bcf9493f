#!/usr/bin/env python3
"""Summarises a soak's samples.csv: for each resource, the median of the first and last 2 minutes (after a
2-minute warm-up) and the least-squares slope per hour over everything after the warm-up. Flat means the
last-minutes median is within 10 % (or a small absolute margin) of the first-minutes median."""
import csv
import statistics
import sys

WARMUP_S = 120
WINDOW_S = 120
COLUMNS = {  # column: absolute margin under which a change still counts as flat
    "rss_kib": 16 * 1024,
    "heap_used_after_gc_kib": 4 * 1024,
    "threads": 3,
    "fds": 5,
    "established_conns": 4,
}


def slope_per_hour(xs, ys):
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return 0.0 if sxx == 0 else sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx * 3600


def main(path):
    rows = [r for r in csv.DictReader(open(path)) if all(r[c] != "" for c in COLUMNS)]
    if not rows:
        print("no samples")
        return 1
    last_t = int(rows[-1]["elapsed_s"])
    steady = [r for r in rows if int(r["elapsed_s"]) >= WARMUP_S]
    print(f"samples: {len(rows)} over {last_t} s; runs_total {rows[-1]['runs_total']}, "
          f"run_failures_total {rows[-1]['run_failures_total']}")
    verdict = 0
    for col, margin in COLUMNS.items():
        first = [float(r[col]) for r in steady if int(r["elapsed_s"]) < WARMUP_S + WINDOW_S]
        last = [float(r[col]) for r in steady if int(r["elapsed_s"]) > last_t - WINDOW_S]
        if not first or not last:
            print(f"{col}: too few samples after the warm-up")
            verdict = 1
            continue
        a, b = statistics.median(first), statistics.median(last)
        s = slope_per_hour([float(r["elapsed_s"]) for r in steady], [float(r[col]) for r in steady])
        flat = abs(b - a) <= max(margin, 0.10 * a)
        verdict |= 0 if flat else 1
        print(f"{col}: first {a:.0f}, last {b:.0f}, min {min(float(r[col]) for r in steady):.0f}, "
              f"max {max(float(r[col]) for r in steady):.0f}, slope {s:+.1f}/h -> {'flat' if flat else 'GROWING'}")
    return verdict


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
