"""The HTML explorer in a real headless Chromium, with every network request blocked."""
from __future__ import annotations

from pathlib import Path

import pytest
from kg.viz import write_html
from kg.viz.html import LABEL_STYLE
from viz_support import (
    COUNT_INK,
    PIXELS_AT,
    UNDIMMED,
    XSS_YAML,
    hex_rgb,
    synthetic_graph,
    taxonomy_graph,
)

pytestmark = pytest.mark.browser


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
        Object.keys(kgExplorer.network.body.nodes).length, Object.keys(kgExplorer.network.body.edges).length]""")
    n, m = len(packaged_graph), packaged_graph.number_of_relationships()
    assert counts == [n, m, n, m]
    assert page.evaluate(COUNT_INK) > 5000  # a blank canvas has 0
    legend = page.locator("#kg-legend-list li").all_inner_texts()
    expected = packaged_graph.counts()["nodes"]
    assert [t.split("\n")[1:] for t in legend] == [[lab, str(expected[lab])] for lab in ("Track", "Layer", "Skill", "Tool")]
    assert page.evaluate("document.querySelectorAll('script[src], link, img, iframe').length") == 0
    # the full graph is one click away: tools in the legend, every relationship with the button
    page.locator("#kg-legend-list button[data-label='Tool']").click()
    page.click("#kg-edges")
    shown = page.evaluate("""() => [kgExplorer.nodes.get({filter: x => !x.hidden}).length,
                                    kgExplorer.edges.get({filter: e => !e.hidden}).length]""")
    assert shown == [n, m]
    assert problems == []



def test_two_way_relationships_draw_without_an_arrow(open_graph, packaged_graph):
    from kg.viz.html import SYMMETRIC

    page, _ = open_graph(packaged_graph)
    arrows = page.evaluate("""() => { const out = {};
        kgExplorer.edges.get().forEach(e => { out[kgExplorer.data.edges[e.id].type] = e.arrows; });
        return out; }""")
    types = {d["type"] for _, _, d in packaged_graph.relationships()}
    assert set(arrows) == types and "COLLABORATES_WITH" in types
    assert arrows == {t: ("" if t in SYMMETRIC else "to") for t in types}

LABEL_BOXES = """() => { const net = kgExplorer.network, scale = net.getScale(), out = [];
  for (const id of Object.keys(net.body.nodes)) {
    const n = net.body.nodes[id];
    if (n.options.hidden) continue;
    const s = n.labelModule.size;
    out.push({id, left: s.left, top: s.top, width: s.width, height: s.height,
              px: n.labelModule.fontOptions.size * scale});
  }
  return out; }"""


def overlaps(boxes):
    bad = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (a["left"] < b["left"] + b["width"] - 1 and b["left"] < a["left"] + a["width"] - 1
                    and a["top"] < b["top"] + b["height"] - 1 and b["top"] < a["top"] + a["height"] - 1):
                bad.append((a["id"], b["id"]))
    return bad


def crossings(page, only_visible=True):
    """Pairs of drawn relationships whose straight segments cross (sharing no end)."""
    segs = page.evaluate("""vis => { const net = kgExplorer.network, pos = net.getPositions();
        return kgExplorer.edges.get({filter: e => !vis || !e.hidden})
          .filter(e => !net.body.nodes[e.from].options.hidden && !net.body.nodes[e.to].options.hidden)
          .map(e => [e.from, e.to, pos[e.from].x, pos[e.from].y, pos[e.to].x, pos[e.to].y]); }""", only_visible)

    def ccw(ax, ay, bx, by, cx, cy):
        return (cy - ay) * (bx - ax) - (by - ay) * (cx - ax)

    count = 0
    for i, a in enumerate(segs):
        for b in segs[i + 1:]:
            if {a[0], a[1]} & {b[0], b[1]}:
                continue
            d1, d2 = ccw(*a[2:4], *a[4:6], *b[2:4]), ccw(*a[2:4], *a[4:6], *b[4:6])
            d3, d4 = ccw(*b[2:4], *b[4:6], *a[2:4]), ccw(*b[2:4], *b[4:6], *a[4:6])
            if d1 * d2 < 0 and d3 * d4 < 0:
                count += 1
    return count


def test_default_view_is_readable(open_graph, packaged_graph):
    page, _ = open_graph(packaged_graph)
    boxes = page.evaluate(LABEL_BOXES)
    shown = {b["id"] for b in boxes}
    assert shown == set(packaged_graph.ids("Track") + packaged_graph.ids("Layer") + packaged_graph.ids("Skill"))
    assert min(b["px"] for b in boxes) >= 12
    assert overlaps(boxes) == []
    # every label on screen
    inside = page.evaluate("""ids => { const net = kgExplorer.network, c = document.querySelector('#kg-graph canvas');
        return ids.filter(id => { const p = net.canvasToDOM(net.getPositions([id])[id]);
                                  return p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight; }).length; }""",
                           sorted(shown))
    assert inside == len(shown)
    # far fewer crossings: only the layers' skills are drawn until something is selected
    drawn = page.evaluate("kgExplorer.edges.get({filter: e => !e.hidden}).map(e => kgExplorer.data.edges[e.id].type)")
    assert set(drawn) == {"HAS_SKILL"}
    few = crossings(page)
    page.click("#kg-edges")
    every = crossings(page)
    assert few <= 5 and every > 20 * max(few, 1), (few, every)


def test_a_plan_is_readable_too(open_graph, packaged_graph):
    page, _ = open_graph(packaged_graph, plan=("DS", "Infra MLE"))
    page.check("#planner input[name=level][value=entry]")
    boxes = page.evaluate(LABEL_BOXES)
    assert min(b["px"] for b in boxes) >= 12 and overlaps(boxes) == []


def test_fuzzy_search_suggests_as_the_cli_does(open_graph, packaged_graph):
    import difflib

    page, _ = open_graph(packaged_graph)
    page.fill("#kg-search", "kubernets")
    items = page.locator("#kg-suggestions li").all_inner_texts()
    assert items[0].startswith("No match — did you mean")
    assert items[1].split("\n")[0] == "Kubernetes"
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == ["kubernetes"]
    pairs = [("kubernets", "kubernetes"), ("pytroch", "pytorch"), ("infra mle", "infra-mle"), ("数据科学", "数据科学家")]
    assert page.evaluate("ps => ps.map(p => kgExplorer.ratio(p[0], p[1]))", pairs) == [
        difflib.SequenceMatcher(None, a, b).ratio() for a, b in pairs]
    # Reset clears the search and the selection
    page.click("#kg-reset")
    assert page.input_value("#kg-search") == "" and page.evaluate("kgExplorer.emphasised()") is None
    assert page.locator("#kg-suggestions").is_hidden()


def test_details_say_core_or_bonus_and_demand(open_graph, packaged_graph):
    page, _ = open_graph(packaged_graph)
    page.fill("#kg-search", "Cluster management")
    page.press("#kg-search", "Enter")
    details = page.locator("#kg-details").inner_text()
    for track, props in packaged_graph.into("cluster-management", "REQUIRES"):
        assert f"{packaged_graph.name(track)} — {props.get('level', 'core')}" in details
    # a track shows its own requirements, and only them, as relationships
    page.fill("#kg-search", "Infra MLE")
    page.press("#kg-search", "Enter")
    drawn = page.evaluate("kgExplorer.edges.get({filter: e => !e.hidden}).map(e => e.id)")
    own = page.evaluate("kgExplorer.network.getConnectedEdges('infra-mle')")
    base = page.evaluate("kgExplorer.data.edges.filter(e => e.type === 'HAS_SKILL').map(e => e.id)")
    assert sorted(drawn) == sorted(set(own) | set(base))
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
    near = sorted({"kubernetes", *packaged_graph.links("out")["kubernetes"], *packaged_graph.links("in")["kubernetes"]})
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
    near = sorted({"infra-mle", *packaged_graph.links("out")["infra-mle"], *packaged_graph.links("in")["infra-mle"]})
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

    plan = make_plan(packaged_graph, "DS", "Infra MLE", know=["docker"], level="entry", with_bonus=True)
    page, _ = open_graph(packaged_graph, plan=("DS", "Infra MLE"), know=["docker"], level="entry", with_bonus=True,
                         hours_per_week=10)
    ids = [s["id"] for s in plan["steps"]]
    labels = page.evaluate("ids => ids.map(id => kgExplorer.nodes.get(id).label)", ids)
    assert labels == [f"{i}. {packaged_graph.name(sid)}" for i, sid in enumerate(ids, start=1)]
    assert page.eval_on_selector_all("#kg-plan > li", "els => els.map(e => e.dataset.stepId)") == ids
    assert sorted(page.evaluate(UNDIMMED)) == sorted({"ds", "infra-mle", *ids})
    first = page.locator("#kg-plan > li").first.inner_text()
    h = plan["steps"][0]["hours"]
    assert first.startswith(f"{packaged_graph.name(ids[0])} — {h} h · {round(h / 10, 1):g} weeks")
    assert page.input_value("#planner select[name=from]") == "ds" and page.is_checked("#kg-bonus")
    # the note `kg viz` wrote follows the planner
    note = f"Plan: Data Scientist → Infra MLE, {len(ids)} step{'s' if len(ids) != 1 else ''}, {plan['total_hours']} h"
    assert page.locator(".kg-note").last.inner_text() == note == page.locator("#kg-plan-summary").inner_text().split(" · ")[0]
    page.check("#planner input[name=level][value=full]")
    full = make_plan(packaged_graph, "DS", "Infra MLE", know=["docker"], with_bonus=True)
    assert page.locator(".kg-note").last.inner_text() == (
        f"Plan: Data Scientist → Infra MLE, {len(full['steps'])} steps, {full['total_hours']} h")


def test_legend_hides_and_shows_a_label_and_refits(open_graph, packaged_graph):
    page, _ = open_graph(packaged_graph)
    tools = len(packaged_graph.ids("Tool"))
    visible = "() => kgExplorer.nodes.get({filter: n => !n.hidden}).length"
    assert page.evaluate(visible) == len(packaged_graph) - tools  # tools start one click away
    scale = page.evaluate("kgExplorer.network.getScale()")
    page.locator("#kg-legend-list button[data-label='Tool']").click()
    assert page.evaluate(visible) == len(packaged_graph)
    assert page.evaluate("kgExplorer.network.getScale()") < scale  # re-fitted to show the tools band
    page.locator("#kg-legend-list button[data-label='Skill']").click()
    page.locator("#kg-legend-list button[data-label='Tool']").click()
    assert page.evaluate(visible) == len(packaged_graph) - tools - len(packaged_graph.ids("Skill"))
    assert page.evaluate("kgExplorer.network.getScale()") > scale  # fewer rows: larger again
    assert page.get_attribute("#kg-legend-list button[data-label='Skill']", "aria-pressed") == "false"
    assert page.locator("#kg-edge-legend li").count() == len(set(packaged_graph.counts()["relationships"])) + 2


def test_png_export_has_title_legend_and_plan(open_graph, packaged_graph):
    page, _ = open_graph(packaged_graph, plan=("DS", "Infra MLE"))
    with page.expect_download() as info:
        page.click("#kg-png")
    download = info.value
    data = Path(download.path()).read_bytes()
    assert download.suggested_filename == "graph.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    graph = page.evaluate("() => { const c = document.querySelector('#kg-graph canvas'); return [c.width, c.height]; }")
    assert width > graph[0] + 200 and height >= graph[1]
    # the legend's swatches, in each label's colour, right of the graph (pixel check on the exported canvas)
    found = page.evaluate("""() => { const c = kgExplorer.exportCanvas(), ctx = c.getContext('2d');
        const g = document.querySelector('#kg-graph canvas');
        const d = ctx.getImageData(g.width, 0, c.width - g.width, c.height).data, seen = new Set();
        for (let i = 0; i < d.length; i += 4) seen.add('#' + [d[i], d[i+1], d[i+2]].map(v => v.toString(16).padStart(2, '0')).join(''));
        return kgExplorer.data.legend.map(l => seen.has(l.color)); }""")
    assert found == [True, True, True, True]


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
    assert page.evaluate("document.scripts.length") == 5
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
    counts = page.evaluate("[kgExplorer.nodes.length, kgExplorer.data.edges.length, kgExplorer.edges.length, kgExplorer.data.large]")
    # vis-network holds only the nodes shown (tools start hidden) and the relationships drawn at first
    # (the layers' skills); the rest are one click away
    assert counts == [3000 - len(graph.ids("Tool")), graph.number_of_relationships(), len(list(graph.relationships("HAS_SKILL"))), True]
    assert page.evaluate(COUNT_INK) > 5000
    # large graphs veil the rest at draw time instead of restyling 3,000 nodes
    page.fill("#kg-search", "Skill 12")
    page.press("#kg-search", "Enter")
    near = sorted({"skill-12", *graph.links("out")["skill-12"], *graph.links("in")["skill-12"]})
    assert page.evaluate(UNDIMMED) == near
    page.wait_for_timeout(100)
    on_screen = page.evaluate("""ids => { const net = kgExplorer.network, c = document.querySelector('#kg-graph canvas');
        return ids.filter(id => { const p = net.canvasToDOM(net.getPositions([id])[id]);
                                  return p.x > 20 && p.y > 20 && p.x < c.clientWidth - 20 && p.y < c.clientHeight - 20; }); }""",
                              [n for n in graph.ids("Skill") if n not in near])
    far = on_screen[0]
    pixels = page.evaluate(PIXELS_AT, ["skill-12", far])
    assert pixels[0] == hex_rgb(LABEL_STYLE["Skill"]["color"]) and min(pixels[1]) > 200


def test_large_graphs_draw_the_selection_s_relationships(open_graph):
    graph = synthetic_graph(3000)
    track, skill, _ = next(graph.relationships("REQUIRES"))
    page, _ = open_graph(graph)
    page.fill("#kg-search", graph.name(skill))
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == [skill]
    page.wait_for_timeout(100)
    # a relationship hidden in the data set (only the layers' skills are drawn at first) is drawn for the selection
    darkest = page.evaluate("""ends => {
        const net = kgExplorer.network, c = document.querySelector('#kg-graph canvas'), ctx = c.getContext('2d');
        const ratio = c.width / c.clientWidth;
        const e = kgExplorer.data.edges.find(e => e.from === ends[0] && e.to === ends[1] && e.type === 'REQUIRES');
        const held = kgExplorer.edges.get(e.id);
        if (held && !held.hidden) return 'not hidden';
        const a = net.canvasToDOM(net.getPositions([e.from])[e.from]), b = net.canvasToDOM(net.getPositions([e.to])[e.to]);
        // 40 px from the selected skill towards the track (the skill is centred on screen)
        const len = Math.hypot(a.x - b.x, a.y - b.y), t = 40 / len;
        const x = Math.round((b.x + (a.x - b.x) * t) * ratio), y = Math.round((b.y + (a.y - b.y) * t) * ratio);
        const d = ctx.getImageData(x - 3, y - 3, 7, 7).data;
        let min = 255;
        for (let i = 0; i < d.length; i += 4) { if (d[i + 3] !== 255) return 'off canvas'; min = Math.min(min, d[i], d[i + 1], d[i + 2]); }
        return min; }""", [track, skill])
    assert darkest != "not hidden" and darkest < 200
    # every relationship, one click away
    page.click("#kg-edges")
    assert page.evaluate("kgExplorer.edges.get({filter: e => !e.hidden}).length") == graph.number_of_relationships()


HELD = """() => [kgExplorer.nodes.getIds().sort(), kgExplorer.edges.getIds().length]"""


def test_a_taxonomy_overview_holds_what_it_shows_and_paints_a_selection_s_neighbours(open_graph):
    graph = taxonomy_graph(1000)  # 6,771 relationships: a large page
    page, problems = open_graph(graph, overview_cap=300)
    top = sorted(graph.ids("Track") + graph.ids("Layer"))
    # vis-network holds the 9 tracks and layers and no relationship (the layers' skills are hidden)
    assert page.evaluate(HELD) == [top, 0]
    assert page.evaluate("kgExplorer.data.nodes.length") == 1000
    # clicking a track (as a person does, on the canvas) emphasises its 20 requirements, which vis-network
    # does not hold: they are painted over the veil, in their label's colour, at their place in the layout
    track = "track-2"
    wanted = sorted({e for e, _ in graph.out(track, "REQUIRES")})
    at = page.evaluate("""id => { const net = kgExplorer.network, p = net.canvasToDOM(net.getPosition(id));
        const r = document.querySelector('#kg-graph canvas').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }""", track)
    page.mouse.click(*at)
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == [track]
    assert page.locator("#kg-details h3").inner_text() == graph.name(track)
    assert page.evaluate(HELD) == [top, 0]  # nothing added to vis-network: a click costs one redraw
    assert page.evaluate(UNDIMMED) == sorted([track, *wanted])
    painted = page.evaluate("""ids => { const net = kgExplorer.network, c = document.querySelector('#kg-graph canvas');
        const ctx = c.getContext('2d'), ratio = c.width / c.clientWidth, out = {};
        for (const id of ids) {  // centre the view on each in turn, draw, read the pixel there
          const n = kgExplorer.data.nodes.find(x => x.id === id);
          net.moveTo({position: {x: n.x, y: n.y}, scale: 1, animation: false});
          net.redraw();
          const p = net.canvasToDOM({x: n.x, y: n.y});
          out[id] = Array.from(ctx.getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data.slice(0, 3));
        }
        return out; }""", wanted)
    colours = {"Skill": hex_rgb(LABEL_STYLE["Skill"]["color"]), "Tool": hex_rgb(LABEL_STYLE["Tool"]["color"])}
    assert all(painted[n] == colours[graph.label(n)] for n in wanted), painted
    # search finds a node that is not held, and choosing it brings it in
    page.fill("#kg-search", "Taxonomy tool 500")
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == ["tool-500"]
    assert page.evaluate(HELD)[0] == sorted(top + ["tool-500"])
    # the legend brings a whole label in, with the relationships drawn by default, and takes it out again
    page.locator("#kg-legend-list button[data-label='Skill']").click()
    assert page.evaluate(HELD) == [sorted(top + ["tool-500"] + graph.ids("Skill")),
                                   len(list(graph.relationships("HAS_SKILL")))]
    page.locator("#kg-legend-list button[data-label='Skill']").click()
    assert page.evaluate(HELD)[0] == sorted(top + ["tool-500"])
    assert problems == []


def test_close_spelling_search_skips_keys_but_finds_what_measuring_every_key_finds(open_graph):
    page, _ = open_graph(taxonomy_graph(1000), overview_cap=300)
    every = """q => { const norm = s => String(s).normalize('NFKC').toLowerCase().replace(/\\s+/g, ' ').trim();
        const out = kgExplorer.data.nodes.map(n => {
            const keys = [n.name, n.id].concat(n.other_name ? [n.other_name] : [], n.aliases || []).map(norm);
            return {id: n.id, r: Math.max(...keys.map(k => kgExplorer.ratio(norm(q), k)))}; })
          .filter(x => x.r >= 0.6);
        out.sort((a, b) => b.r - a.r || (a.id < b.id ? -1 : 1));
        return out.slice(0, 6).map(x => [x.id, x.r]); }"""
    found = "q => kgExplorer.matches(q, 12).map(m => [m.id, m.r])"
    for query in ("taxnomy skil", "taxonmy tol 12", "layr 3", "trak 4", "skill-3O", "zzzz"):
        assert page.evaluate(found, query) == page.evaluate(every, query), query
    assert [m[0] for m in page.evaluate(found, "taxnomy skil")] == [
        "skill-0", "skill-1", "skill-2", "skill-3", "skill-4", "skill-5"]
