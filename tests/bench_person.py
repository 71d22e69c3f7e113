"""Benchmark the person model: entry-level choice in a group of 50, `kg fit --cv` on a 2-page PDF
(whole process), and `kg plan` start-up against `python -c "import networkx, click"`.

    python tests/bench_person.py [--runs 15]

Prints medians and ratios; asserts nothing. Targets: group of 50 < 0.1 s; fit --cv < 1 s; plan ratio ≤ 1.3.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PLAN = [sys.executable, "-m", "kg", "plan", "--from", "DS", "--to", "Infra MLE"]
FLOOR = [sys.executable, "-c", "import networkx, click"]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def group_of_50(runs: int) -> float:
    from test_person import _group_graph

    from kg.person import requirements

    g = _group_graph(50)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        requirements(g, "t", "entry")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from cv_support import write_pdf
    from test_cv import two_page_cv

    print(f"entry-level choice, group of 50 (greedy): median {group_of_50(args.runs) * 1000:.1f} ms (target < 100 ms)")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = write_pdf(two_page_cv(), Path(tmp) / "cv.pdf")
        fit = [sys.executable, "-m", "kg", "fit", "--cv", str(pdf)]
        timed(fit)
        fits = [timed(fit) for _ in range(args.runs)]
    print(f"kg fit --cv <2-page PDF>, whole process: median {statistics.median(fits) * 1000:.0f} ms "
          f"(min {min(fits) * 1000:.0f}, max {max(fits) * 1000:.0f}; target < 1 s)")
    timed(PLAN)
    timed(FLOOR)
    plan_t, floor_t, ratios = [], [], []
    for _ in range(args.runs * 2):
        a, b = timed(PLAN), timed(FLOOR)
        plan_t.append(a)
        floor_t.append(b)
        ratios.append(a / b)
    print(f"kg plan --from DS --to 'Infra MLE': median {statistics.median(plan_t) * 1000:.0f} ms; "
          f"import networkx, click: median {statistics.median(floor_t) * 1000:.0f} ms; "
          f"median of pair ratios {statistics.median(ratios):.2f} (target ≤ 1.3)")


if __name__ == "__main__":
    main()
