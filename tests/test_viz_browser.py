"""The HTML explorer in a real headless Chromium, with every network request blocked."""
from __future__ import annotations

import os

import pytest

from kg.viz import write_html
from kg.viz.html import LABEL_STYLE
from viz_support import (COUNT_INK, PIXELS_AT, UNDIMMED, XSS_YAML, Browser, chromium_missing, hex_rgb,
                         synthetic_graph)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    why = chromium_missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"{why} (CI is set: browser tests must run, not skip)")
        pytest.skip(why)
    b = Browser()
    yield b
    b.close()


@pytest.fixture
def open_graph(browser, tmp_path):
    """Write a graph's page and open it; after the test, the page must have had no problems."""
    opened = []

    def _open(graph, name="g.html", **options):
        out = tmp_path / name
        write_html(graph, out, **options)
        page, problems = browser.open(out)
        opened.append(problems)
        return page, problems

    yield _open
    for problems in opened:
        assert problems == []


def test_default_page_draws_every_node_and_relationship(open_graph, packaged_graph):
    page, problems = open_graph(packaged_graph)
    counts = page.evaluate("""() => [kgExplorer.nodes.length, kgExplorer.edges.length,
        Object.keys(kgExplorer.network.body.nodes).length, kgExplorer.network.body.edgeIndices.length]""")
    n, m = len(packaged_graph), packaged_graph.g.number_of_edges()
    assert counts == [n, m, n, m]
    assert page.evaluate(COUNT_INK) > 5000  # a blank canvas has 0
    legend = page.locator("#kg-legend-list li").all_inner_texts()
    expected = packaged_graph.counts()["nodes"]
    assert [t.split("\n")[1:] for t in legend] == [[lab, str(expected[lab])] for lab in ("Track", "Layer", "Skill", "Tool")]
    assert page.evaluate("document.querySelectorAll('script[src], link, img, iframe').length") == 0
    assert problems == []


def test_search_by_alias_focuses_the_node(open_graph, packaged_graph):
    page, _ = open_graph(packaged_graph)
    page.fill("#kg-search", "k8s")
    assert page.locator("#kg-suggestions li").first.inner_text().split("\n")[0] == "Kubernetes"
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == ["kubernetes"]
    assert page.locator("#kg-details h3").inner_text() == "Kubernetes"
    centre = page.evaluate("""() => { const v = kgExplorer.network.getViewPosition();
        const p = kgExplorer.network.getPositions(['kubernetes']).kubernetes; return [v.x - p.x, v.y - p.y]; }""")
    assert [round(c) for c in centre] == [0, 0]
    near = sorted({"kubernetes", *packaged_graph.g.successors("kubernetes"), *packaged_graph.g.predecessors("kubernetes")})
    assert page.evaluate(UNDIMMED) == near


def test_search_in_chinese(open_graph, packaged_graph):
    page, _ = open_graph(packaged_graph, lang="zh")
    zh = packaged_graph.node("infra-mle")["name_zh"]
    assert page.evaluate("kgExplorer.nodes.get('infra-mle').label") == zh
    page.fill("#kg-search", zh)
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == ["infra-mle"]
    assert page.locator("#kg-details h3").inner_text() == zh


def test_clicking_a_node_shows_its_details_and_neighbourhood(open_graph, packaged_graph):
    page, _ = open_graph(packaged_graph)
    xy = page.evaluate("""() => { const n = kgExplorer.network;
        const p = n.canvasToDOM(n.getPositions(['infra-mle'])['infra-mle']);
        const r = document.querySelector('#kg-graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""")
    page.mouse.click(*xy)
    assert page.locator("#kg-details h3").inner_text() == packaged_graph.name("infra-mle")
    near = sorted({"infra-mle", *packaged_graph.g.successors("infra-mle"), *packaged_graph.g.predecessors("infra-mle")})
    assert page.evaluate(UNDIMMED) == near
    from kg.model import provenance_summary
    details = page.locator("#kg-details").inner_text()
    for record in packaged_graph.node("infra-mle")["provenance"]:
        assert provenance_summary(record) in details
    # clicking empty space goes back to the whole graph, nothing dimmed
    page.mouse.click(5, 895)
    assert page.evaluate("kgExplorer.emphasised()") is None
    assert len(page.evaluate(UNDIMMED)) == len(packaged_graph)


def test_path_highlights_exactly_the_path(open_graph, packaged_graph):
    from kg.paths import find_path

    found = find_path(packaged_graph, "DS", "Infra MLE")
    page, _ = open_graph(packaged_graph, path=("DS", "Infra MLE"))
    assert page.evaluate(UNDIMMED) == sorted(n["id"] for n in found["nodes"])
    strong = page.evaluate("() => kgExplorer.edges.get({filter: e => e.width === 3.5}).map(e => [e.from, e.to])")
    assert sorted(map(tuple, strong)) == sorted((r["start"], r["end"]) for r in found["relationships"])
    assert page.locator("#kg-steps li").all_inner_texts() == [packaged_graph.name(n["id"]) for n in found["nodes"]]
    # what is drawn: path nodes in their own colour, another node of the same label veiled
    on_path = [n["id"] for n in found["nodes"]]
    other = next(t for t in packaged_graph.ids("Track") if t not in on_path)
    pixels = page.evaluate(PIXELS_AT, on_path + [other])
    assert pixels[:-1] == [hex_rgb(LABEL_STYLE[packaged_graph.label(n)]["color"]) for n in on_path]
    assert min(pixels[-1]) > 200
    assert page.locator(".kg-note").inner_text().startswith("Path: ")


def test_plan_numbers_its_steps(open_graph, packaged_graph):
    from kg.plan import make_plan

    plan = make_plan(packaged_graph, "DS", "Infra MLE")
    page, _ = open_graph(packaged_graph, plan=("DS", "Infra MLE"))
    labels = page.evaluate("ids => ids.map(id => kgExplorer.nodes.get(id).label)", [s["skill"] for s in plan["steps"]])
    assert labels == [f"{i}. {packaged_graph.name(s['skill'])}" for i, s in enumerate(plan["steps"], start=1)]
    assert page.locator("#kg-steps > li").count() == len(plan["steps"])
    assert sorted(page.evaluate(UNDIMMED)) == sorted(page.evaluate("kgExplorer.data.highlight.nodes"))


def test_legend_hides_and_shows_a_label(open_graph, packaged_graph):
    page, _ = open_graph(packaged_graph)
    tools = len(packaged_graph.ids("Tool"))
    visible = "() => kgExplorer.nodes.get({filter: n => !n.hidden}).length"
    page.locator("#kg-legend-list li[data-label='Tool']").click()
    assert page.evaluate(visible) == len(packaged_graph) - tools
    page.locator("#kg-legend-list li[data-label='Tool']").click()
    assert page.evaluate(visible) == len(packaged_graph)


def test_png_export(open_graph, packaged_graph):
    page, _ = open_graph(packaged_graph)
    with page.expect_download() as info:
        page.click("#kg-png")
    download = info.value
    data = open(download.path(), "rb").read()
    assert download.suggested_filename == "graph.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_hostile_data_file_runs_nothing_and_shows_text(open_graph, write):
    from kg.loaders.curated import load_graph

    graph = load_graph([write("xss.yaml", XSS_YAML)])
    page, problems = open_graph(graph)
    for query, node, shown in [("onerror", "evil-skill", "<img src=x onerror=\"window.__xss='img'\">"),
                               ("script", "evil-tool", "\"><script>window.__xss='script'</script>"),
                               ("__xss='js'", "quote-tool", "'};window.__xss='js';//")]:
        page.fill("#kg-search", query)
        page.press("#kg-search", "Enter")
        assert page.evaluate("kgExplorer.network.getSelectedNodes()") == [node]
        assert page.locator("#kg-details h3").inner_text() == shown
    page.fill("#kg-search", "evil-skill")
    page.press("#kg-search", "Enter")
    details = page.locator("#kg-details").inner_text()
    assert "<b onmouseover=\"window.__xss='desc'\">bold</b> & more" in details
    assert "</script><script>window.__xss='alias'</script>" in details
    page.fill("#kg-search", "evil-tool")
    page.press("#kg-search", "Enter")
    assert page.locator("#kg-details a").count() == 0  # a javascript: url is text, not a link
    page.locator("#kg-details .kg-link").first.hover()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("document.querySelectorAll('img, svg, b, iframe').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    assert problems == []


def test_overview_above_the_cap(open_graph):
    graph = synthetic_graph(300)
    page, _ = open_graph(graph, overview_cap=100)
    tools = graph.ids("Tool")
    assert page.evaluate("kgExplorer.nodes.get({filter: n => !n.hidden}).length") == 300 - len(tools)
    assert page.locator(".kg-note").inner_text().startswith("Overview: 300 nodes is above the 100 cap")
    page.fill("#kg-search", "Tool 17")
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgExplorer.nodes.get('tool-17').hidden") is False
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == ["tool-17"]


def test_a_few_thousand_nodes_open_with_everything_drawn(open_graph):
    graph = synthetic_graph(3000)
    page, _ = open_graph(graph)
    counts = page.evaluate("[kgExplorer.nodes.length, kgExplorer.edges.length, kgExplorer.data.large]")
    assert counts == [3000, graph.g.number_of_edges(), True]
    assert page.evaluate(COUNT_INK) > 5000
    # large graphs veil the rest at draw time instead of restyling 3,000 nodes
    page.fill("#kg-search", "Skill 12")
    page.press("#kg-search", "Enter")
    near = sorted({"skill-12", *graph.g.successors("skill-12"), *graph.g.predecessors("skill-12")})
    assert page.evaluate(UNDIMMED) == near
    page.wait_for_timeout(100)
    on_screen = page.evaluate("""ids => { const net = kgExplorer.network, c = document.querySelector('#kg-graph canvas');
        return ids.filter(id => { const p = net.canvasToDOM(net.getPositions([id])[id]);
                                  return p.x > 20 && p.y > 20 && p.x < c.clientWidth - 20 && p.y < c.clientHeight - 20; }); }""",
                              [n for n in graph.ids("Skill") if n not in near])
    far = on_screen[0]
    pixels = page.evaluate(PIXELS_AT, ["skill-12", far])
    assert pixels[0] == hex_rgb(LABEL_STYLE["Skill"]["color"]) and min(pixels[1]) > 200
