"""Benchmark: whole-process time of `kg path DS "Infra MLE"` against the floor
`python -c "import networkx, click"`, interleaved runs, median ratio (target ≤ 1.3).

    python tests/bench_cli.py [--runs 30]

Run it on a quiet machine; it prints the medians and the ratio, and asserts nothing.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

KG = [sys.executable, "-m", "kg", "path", "DS", "Infra MLE"]
FLOOR = [sys.executable, "-c", "import networkx, click"]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    timed(KG)  # warm the cache and the OS file cache
    timed(FLOOR)
    kg_times, floor_times, ratios = [], [], []
    for _ in range(args.runs):
        a, b = timed(KG), timed(FLOOR)
        kg_times.append(a)
        floor_times.append(b)
        ratios.append(a / b)
    kg_med, floor_med = statistics.median(kg_times), statistics.median(floor_times)
    print(f"runs: {args.runs} interleaved pairs")
    print(f"kg path DS 'Infra MLE': median {kg_med * 1000:.0f} ms")
    print(f"import networkx, click: median {floor_med * 1000:.0f} ms")
    print(f"ratio of medians: {kg_med / floor_med:.2f}; median of pair ratios: {statistics.median(ratios):.2f} (target ≤ 1.3)")


if __name__ == "__main__":
    main()
