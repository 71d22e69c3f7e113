"""Helpers for the HTML explorer tests and benchmark: synthetic graphs, hostile data, headless Chromium."""
from __future__ import annotations

import os
import random
import shutil
from pathlib import Path
from typing import Any

from kg.model import KnowledgeGraph

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
INSTALL_HINT = "Chromium not found: install it with `sudo apt-get install chromium` (or set KG_CHROMIUM) to run browser tests"

#: Names that would run script if any of them reached the page as HTML.
XSS_NAMES = {
    "img": "<img src=x onerror=\"window.__xss='img'\">",
    "script": "\"><script>window.__xss='script'</script>",
    "quote": "'};window.__xss='js';//",
}

XSS_YAML = """\
version: 1
skills:
  - id: evil-skill
    name: "<img src=x onerror=\\"window.__xss='img'\\">"
    name_zh: "<svg onload=\\"window.__xss='svg'\\">"
    aliases: ["</script><script>window.__xss='alias'</script>"]
    layer: data
    description: "<b onmouseover=\\"window.__xss='desc'\\">bold</b> & more"
    effort_hours: 3
tools:
  - id: evil-tool
    name: "\\"><script>window.__xss='script'</script>"
    url: "javascript:window.__xss='url'"
    skills: [evil-skill]
  - id: quote-tool
    name: "'};window.__xss='js';//"
    skills: [evil-skill]
"""


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed: `pip install playwright` to run browser tests"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return INSTALL_HINT
    return None


def synthetic_graph(n: int, seed: int = 7) -> KnowledgeGraph:
    """A graph of ``n`` nodes shaped like the real one: few tracks, 4 layers, skills, many tools."""
    rnd = random.Random(seed)
    g = KnowledgeGraph()
    prov = [{"source": "curated", "reason": "synthetic benchmark data"}]
    n_tracks = max(2, n // 100)
    n_layers = 4
    n_skills = max(4, n // 5)
    n_tools = max(1, n - n_tracks - n_layers - n_skills)
    layers = [f"layer-{i}" for i in range(n_layers)]
    for i, lid in enumerate(layers):
        g.add_node(lid, "Layer", name=f"Layer {i}", order=i + 1, provenance=prov)
    skills = [f"skill-{i}" for i in range(n_skills)]
    for i, sid in enumerate(skills):
        g.add_node(sid, "Skill", name=f"Skill {i}", name_zh=f"技能 {i}", aliases=[f"s{i}"],
                   description=f"Synthetic skill number {i}.", effort_hours=10 + i % 50, provenance=prov)
        g.add_relationship("HAS_SKILL", layers[i % n_layers], sid, provenance=prov)
        if i and rnd.random() < 0.3:
            g.add_relationship("PREREQUISITE_OF", skills[rnd.randrange(i)], sid, strength="soft", provenance=prov)
    for i in range(n_tools):
        tid = f"tool-{i}"
        g.add_node(tid, "Tool", name=f"Tool {i}", effort_hours=5, url=f"https://example.org/{i}", provenance=prov)
        for sid in rnd.sample(skills, k=min(2, len(skills))):
            g.add_relationship("USES_TOOL", sid, tid, provenance=prov)
    for i in range(n_tracks):
        kid = f"track-{i}"
        g.add_node(kid, "Track", name=f"Track {i}", provenance=prov)
        for lid in rnd.sample(layers, k=2):
            g.add_relationship("FOCUSES_ON", kid, lid, provenance=prov)
        for sid in rnd.sample(skills, k=min(8, len(skills))):
            ev = {"count": rnd.randint(1, 20), "total": 20, "track": kid, "documents": []}
            g.add_relationship("REQUIRES", kid, sid, level="core", provenance=[{"source": "jd", "evidence": ev}])
    assert len(g) == n, (len(g), n)
    return g


def taxonomy_graph(n: int, seed: int = 11) -> KnowledgeGraph:
    """A graph of ``n`` nodes shaped like an imported skills taxonomy: no effort hours, dense.

    About 40 % skills and 60 % tools; every skill has a layer, up to five
    prerequisites (hard and soft) and two overlaps; every tool serves six
    skills; each track requires twenty skills or tools. That is more than six
    relationships per node.
    """
    rnd = random.Random(seed)
    g = KnowledgeGraph()
    prov = [{"source": "curated", "reason": "synthetic taxonomy"}]
    n_tracks = max(2, n // 200)
    layers = [f"layer-{i}" for i in range(4)]
    n_skills = max(8, (n - n_tracks - 4) * 2 // 5)
    n_tools = n - n_tracks - 4 - n_skills
    for i, lid in enumerate(layers):
        g.add_node(lid, "Layer", name=f"Layer {i}", order=i + 1, provenance=prov)
    skills = [f"skill-{i}" for i in range(n_skills)]
    for i, sid in enumerate(skills):
        g.add_node(sid, "Skill", name=f"Taxonomy skill {i}", provenance=prov)
        g.add_relationship("HAS_SKILL", layers[i % 4], sid, provenance=prov)
        for pre in {skills[rnd.randrange(i)] for _ in range(min(i, 5))}:
            g.add_relationship("PREREQUISITE_OF", pre, sid, strength=rnd.choice(["hard", "soft"]), provenance=prov)
        for other in {skills[rnd.randrange(i)] for _ in range(min(i, 2))}:
            g.add_relationship("OVERLAPS_WITH", sid, other, provenance=prov)
    for i in range(n_tools):
        tid = f"tool-{i}"
        g.add_node(tid, "Tool", name=f"Taxonomy tool {i}", provenance=prov)
        for sid in rnd.sample(skills, k=min(6, len(skills))):
            g.add_relationship("USES_TOOL", sid, tid, provenance=prov)
    items = skills + [f"tool-{i}" for i in range(n_tools)]
    for i in range(n_tracks):
        kid = f"track-{i}"
        g.add_node(kid, "Track", name=f"Track {i}", provenance=prov)
        for node in rnd.sample(items, k=min(20, len(items))):
            g.add_relationship("REQUIRES", kid, node, level=rnd.choice(["core", "bonus"]), provenance=prov)
    assert len(g) == n, (len(g), n)
    return g


def tiny_graph() -> KnowledgeGraph:
    """Two tracks, a layer, three skills, two tools: small enough to check by hand."""
    g = KnowledgeGraph()
    cur = [{"source": "curated", "reason": "test"}]
    g.add_node("ds", "Track", name="Data Scientist", name_zh="数据科学家", aliases=["DS"], provenance=cur)
    g.add_node("infra", "Track", name="Infra MLE", name_zh="基础设施 MLE", provenance=cur)
    g.add_node("data", "Layer", name="Data", name_zh="数据层", order=1, provenance=cur)
    g.add_node("sql-skill", "Skill", name="Querying", provenance=cur, effort_hours=20)
    g.add_node("pipeline", "Skill", name="Data pipeline", name_zh="数据管道", effort_hours=80,
               description="Moving data reliably.", provenance=[{"source": "article", "quote": "数据管道"}])
    g.add_node("k8s-skill", "Skill", name="Cluster management", effort_hours=60, provenance=cur)
    g.add_node("airflow", "Tool", name="Apache Airflow", aliases=["airflow"], url="https://airflow.apache.org",
               provenance=cur)
    g.add_node("kubernetes", "Tool", name="Kubernetes", aliases=["k8s"], provenance=cur)
    for s in ("sql-skill", "pipeline", "k8s-skill"):
        g.add_relationship("HAS_SKILL", "data", s, provenance=cur)
    g.add_relationship("USES_TOOL", "pipeline", "airflow", provenance=cur)
    g.add_relationship("USES_TOOL", "k8s-skill", "kubernetes", provenance=cur)
    g.add_relationship("REQUIRES", "ds", "sql-skill", level="core", provenance=cur)
    jd = {"source": "jd", "evidence": {"count": 3, "total": 4, "track": "infra", "documents": ["a", "b", "c"]}}
    g.add_relationship("REQUIRES", "infra", "pipeline", level="core", provenance=[jd])
    g.add_relationship("REQUIRES", "infra", "k8s-skill", level="core", provenance=cur)
    g.add_relationship("PREREQUISITE_OF", "sql-skill", "pipeline", strength="hard", provenance=cur)
    g.add_relationship("TRANSITIONS_TO", "ds", "infra", provenance=cur)
    g.add_relationship("FOCUSES_ON", "infra", "data", provenance=cur)
    return g


class Browser:
    """One headless Chromium; every page it opens has the network cut off and its problems recorded."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def open(self, html_path: str | Path, *, wait: bool = True, viewport: dict[str, int] | None = None,
             timeout_ms: int = 60_000, fragment: str = "") -> tuple[Any, list[str]]:
        """Open a page from disk; return it and a live list of problems (console errors, failed or outside requests)."""
        context = self.browser.new_context(viewport=viewport or {"width": 1400, "height": 900},
                                           accept_downloads=True)
        page = context.new_page()
        problems: list[str] = []
        def console(m: Any) -> None:
            # the tests' own pixel probes make Chromium suggest willReadFrequently: not the page's doing
            if m.type in ("error", "warning") and not m.text.startswith("Canvas2D: Multiple readback"):
                problems.append(f"console.{m.type}: {m.text}")

        page.on("console", console)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
        page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))

        def route(r: Any) -> None:
            if r.request.url.startswith(("http://", "https://", "ws://", "wss://")):
                problems.append(f"network request: {r.request.url}")
                r.abort()
            else:
                r.continue_()

        page.route("**/*", route)
        page.goto(Path(html_path).resolve().as_uri() + (f"#{fragment}" if fragment else ""))
        if wait:
            page.wait_for_function("window.kgExplorer && window.kgExplorer.ready", timeout=timeout_ms)
        return page, problems

    def close(self) -> None:
        self.browser.close()
        self._pw.stop()


#: JavaScript that counts canvas pixels which are not (near) white.
COUNT_INK = """() => {
  const c = document.querySelector('#kg-graph canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 0; i < d.length; i += 4) { if (d[i] < 230 || d[i+1] < 230 || d[i+2] < 230) ink++; }
  return ink;
}"""

#: Ids of the nodes drawn in full colour: every node when nothing is emphasised, else the emphasised ones.
UNDIMMED = """() => (kgExplorer.emphasised() || kgExplorer.nodes.getIds()).slice().sort()"""

#: JavaScript giving the [r, g, b] drawn at the centre of each node in ``ids`` (visible on screen).
PIXELS_AT = """ids => {
  const net = kgExplorer.network, c = document.querySelector('#kg-graph canvas');
  const ctx = c.getContext('2d'), ratio = c.width / c.clientWidth;
  return ids.map(id => {
    const p = net.canvasToDOM(net.getPositions([id])[id]);
    return Array.from(ctx.getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data.slice(0, 3));
  });
}"""


def hex_rgb(colour: str) -> list[int]:
    return [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
