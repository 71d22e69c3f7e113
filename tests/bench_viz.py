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
Interactive latency, measured in the page once it is ready: *click* is from the
mouse button going down on a node to the end of the first redraw after the
page's click handler ran (the node's relationships drawn, its panel filled in);
*search* is, for each key typed into the search box (a name that exists, then a
misspelt one that only the close-spelling fallback finds), from the input event
to the animation frame after the suggestions are in the DOM; the worst key counts.
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

#: Page-side probes: the time from a click or a key to the frame that shows its answer.
PROBES = """() => {
  const ex = kgExplorer, canvas = document.querySelector('#kg-graph canvas');
  window.kgBench = {click: null, keys: [], t0: null, clicked: false};
  const b = window.kgBench;
  canvas.addEventListener('pointerdown', () => { b.t0 = performance.now(); b.clicked = false; }, true);
  ex.network.on('click', () => { b.clicked = true; });  // after the page's own handler
  ex.network.on('afterDrawing', () => {
    if (b.clicked && b.t0 !== null) { b.click = performance.now() - b.t0; b.t0 = null; b.clicked = false; }
  });
  const input = document.getElementById('kg-search');
  let k0 = null;
  document.addEventListener('input', e => { if (e.target === input) { k0 = performance.now(); } }, true);
  document.addEventListener('input', e => {
    if (e.target !== input) { return; }
    const start = k0;
    requestAnimationFrame(() => setTimeout(() => b.keys.push(performance.now() - start), 0));
  });
}"""

#: A node in the middle of the opening view (a skill, else a track), and where it is on the screen.
TARGET = """() => {
  const ex = kgExplorer, shown = new Set(ex.nodes.getIds());
  const pick = label => ex.data.nodes.filter(n => shown.has(n.id) && n.label === label).map(n => n.id);
  const ids = pick('Skill').length ? pick('Skill') : pick('Track');
  const id = ids[Math.floor(ids.length / 2)];
  const p = ex.network.canvasToDOM(ex.network.getPosition(id));
  const r = document.querySelector('#kg-graph canvas').getBoundingClientRect();
  return {id: id, x: r.left + p.x, y: r.top + p.y};
}"""


def interactive(page: object, query: str, typo: str) -> tuple[float, float]:
    """(click latency, worst search keystroke latency) in seconds, in an open page."""
    page.evaluate(PROBES)  # type: ignore[attr-defined]
    target = page.evaluate(TARGET)  # type: ignore[attr-defined]
    page.mouse.click(target["x"], target["y"])  # type: ignore[attr-defined]
    page.wait_for_function("() => window.kgBench.click !== null", timeout=60_000)  # type: ignore[attr-defined]
    click = page.evaluate("window.kgBench.click") / 1000  # type: ignore[attr-defined]
    shown = page.evaluate("document.querySelector('#kg-details h3') && document.querySelector('#kg-details h3').textContent")  # type: ignore[attr-defined]
    assert shown, "the click showed no node"
    page.click("#kg-search")  # type: ignore[attr-defined]
    for text in (query, typo):
        page.fill("#kg-search", "")  # type: ignore[attr-defined]
        page.evaluate("window.kgBench.keys = []")  # type: ignore[attr-defined]
        page.keyboard.type(text)  # type: ignore[attr-defined]
        page.wait_for_function(f"() => window.kgBench.keys.length >= {len(text)}", timeout=120_000)  # type: ignore[attr-defined]
        assert page.locator("#kg-suggestions li").count() > 0  # type: ignore[attr-defined]
    keys = page.evaluate("window.kgBench.keys")  # type: ignore[attr-defined]
    return click, max(keys) / 1000


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
            draw, ready, click, search = [], [], [], []
            name = graph.name(sorted(graph.ids("Skill"))[len(graph.ids("Skill")) // 3])
            if browser is not None:
                for _ in range(args.runs):
                    page, problems = browser.open(out, timeout_ms=120_000)
                    draw.append(page.evaluate("kgExplorer.firstDraw") / 1000)
                    ready.append(page.evaluate("kgExplorer.readyAt") / 1000)
                    assert page.evaluate("kgExplorer.data.nodes.length") == summary["nodes"]
                    c, k = interactive(page, name, "taxnomy skil")
                    click.append(c)
                    search.append(k)
                    assert problems == [], problems
                    page.context.close()
            med = [statistics.median(x) if x else None for x in (draw, ready, click, search)]
            rows.append((shape, n, summary["edges"], statistics.median(gen), summary["bytes"], *med, summary["overview"]))
    if browser is not None:
        browser.close()
    print(f"median of {args.runs} runs; Chromium {'headless' if browser else 'not available'}")
    print(f"{'shape':>8} {'nodes':>7} {'edges':>8} {'generate (s)':>13} {'size (MB)':>10} {'first draw (s)':>15} "
          f"{'planner (s)':>12} {'click (s)':>10} {'search (s)':>11} {'overview':>9}")

    def cell(x: float | None, width: int) -> str:
        return f"{x:{width}.2f}" if x is not None else f"{'-':>{width}}"

    for shape, n, m, g, b, d, r, c, k, ov in rows:
        print(f"{shape:>8} {n:>7,} {m:>8,} {g:13.3f} {b / 1e6:10.2f} {cell(d, 15)} {cell(r, 12)} {cell(c, 10)} "
              f"{cell(k, 11)} {ov!s:>9}")


if __name__ == "__main__":
    main()
