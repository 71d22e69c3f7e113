"""Benchmark the HTML explorer: generation time, file size and time to first draw in headless Chromium.

Run:  python tests/bench_viz.py [--sizes 100,1000,5000,20000] [--runs 5] [--shapes real,taxonomy]

Graphs are synthetic (tests/viz_support.py): "real" is the packaged graph's
shape, scaled (about 1.5 relationships per node); "taxonomy" is an imported
skills taxonomy's (no effort hours, more than 6 relationships per node).
Generation is ``write_html`` (layout + JSON + template + write). First draw is
``performance.now()`` at vis-network's first ``afterDrawing`` event, i.e. from
navigation start: HTML and script parsing, building the data sets, drawing.
Planner ready is when the side panel's planner is filled in (its model is
parsed right after the first draw).
Every number is the median of the runs.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kg.viz import write_html
from viz_support import Browser, chromium_missing, synthetic_graph, taxonomy_graph


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,5000,20000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--shapes", default="real,taxonomy")
    args = ap.parse_args()
    shapes = {"real": synthetic_graph, "taxonomy": taxonomy_graph}
    sizes = [int(s) for s in args.sizes.split(",")]
    why = chromium_missing()
    browser = None if why else Browser()
    if why:
        print(f"# {why}: first draw not measured", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape, n in [(sh, n) for sh in args.shapes.split(",") for n in sizes]:
            graph = shapes[shape](n)
            out = Path(tmp) / f"g{shape}{n}.html"
            gen = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                summary = write_html(graph, out)
                gen.append(time.perf_counter() - t0)
            draw, ready = [], []
            if browser is not None:
                for _ in range(args.runs):
                    page, problems = browser.open(out, timeout_ms=120_000)
                    draw.append(page.evaluate("kgExplorer.firstDraw") / 1000)
                    ready.append(page.evaluate("kgExplorer.readyAt") / 1000)
                    assert page.evaluate("kgExplorer.nodes.length") == summary["nodes"]
                    assert problems == [], problems
                    page.context.close()
            rows.append((shape, n, summary["edges"], statistics.median(gen), summary["bytes"],
                         statistics.median(draw) if draw else None, statistics.median(ready) if ready else None,
                         summary["overview"]))
    if browser is not None:
        browser.close()
    print(f"median of {args.runs} runs; Chromium {'headless' if browser else 'not available'}")
    print(f"{'shape':>8} {'nodes':>7} {'edges':>8} {'generate (s)':>13} {'size (MB)':>10} {'first draw (s)':>15} "
          f"{'planner (s)':>12} {'overview':>9}")
    for shape, n, m, g, b, d, r, ov in rows:
        ds = f"{d:15.2f}" if d is not None else f"{'-':>15}"
        rs = f"{r:12.2f}" if r is not None else f"{'-':>12}"
        print(f"{shape:>8} {n:>7,} {m:>8,} {g:13.3f} {b / 1e6:10.2f} {ds} {rs} {ov!s:>9}")


if __name__ == "__main__":
    main()
