"""The HTML explorer without a browser: what goes into the page, escaping, offline-ness, the `kg viz` command."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys

import pytest
from kg.viz import build_view, layered_positions, render_html, write_html
from kg.viz.html import OVERVIEW_CAP, script_json
from viz_support import XSS_NAMES, XSS_YAML, synthetic_graph, taxonomy_graph, tiny_graph

from kg.errors import KGError, NodeNotFound

SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.DOTALL)


def start_tags(page: str) -> list[str]:
    """Every element the HTML parser sees, in order (script contents are text, as in a browser)."""
    from html.parser import HTMLParser

    tags: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)

    Collect().feed(page)
    return tags


def page_data(page: str) -> dict:
    body = next(b for a, b in SCRIPT.findall(page) if 'id="kg-data"' in a)
    return json.loads(body)


# -- what the page shows --------------------------------------------------------
def test_view_has_every_node_and_relationship():
    g = tiny_graph()
    view = build_view(g)
    assert [n["id"] for n in view["nodes"]] == g.ids()
    assert sorted((e["from"], e["type"], e["to"]) for e in view["edges"]) == sorted(
        (s, d["type"], e) for s, e, d in g.relationships())
    assert [e["id"] for e in view["edges"]] == list(range(11))
    assert {(x["label"], x["count"]) for x in view["legend"]} == {("Track", 2), ("Layer", 1), ("Skill", 3), ("Tool", 2)}
    assert view["highlight"] is None and view["notes"] == [] and view["overview"] is False


def test_node_details_carry_provenance_effort_demand_and_url():
    view = build_view(tiny_graph())
    pipeline = next(n for n in view["nodes"] if n["id"] == "pipeline")
    assert pipeline["provenance"] == ["article: “数据管道”"]
    assert pipeline["effort_hours"] == 80
    assert pipeline["demand"] == ["Infra MLE: 3/4"]
    assert pipeline["other_name"] == "数据管道"
    airflow = next(n for n in view["nodes"] if n["id"] == "airflow")
    assert airflow["url"] == "https://airflow.apache.org" and airflow["aliases"] == ["airflow"]
    req = next(e for e in view["edges"] if (e["from"], e["to"]) == ("infra", "pipeline"))
    assert req["demand"] == 0.75 and req["level"] == "core"
    assert req["provenance"] == ["jd: mentioned by 3 of 4 infra job descriptions"]


def test_chinese_names_with_lang_zh():
    view = build_view(tiny_graph(), lang="zh")
    names = {n["id"]: n["name"] for n in view["nodes"]}
    assert names["ds"] == "数据科学家" and names["pipeline"] == "数据管道"
    assert names["kubernetes"] == "Kubernetes"  # no Chinese name: the English one
    assert view["ui"]["Tool"] == "工具" and view["title"] == "职业知识图谱"


def test_layout_puts_labels_in_bands_top_to_bottom():
    g = tiny_graph()
    pos = layered_positions(g, g.g.nodes)
    top = {lab: min(pos[n][1] for n in g.ids(lab)) for lab in ("Track", "Layer", "Skill", "Tool")}
    bottom = {lab: max(pos[n][1] for n in g.ids(lab)) for lab in ("Track", "Layer", "Skill", "Tool")}
    assert bottom["Track"] < top["Layer"] and bottom["Layer"] < top["Skill"] and bottom["Skill"] < top["Tool"]
    assert len(set(pos.values())) == len(g)


def test_layout_wraps_wide_bands_and_never_overlaps():
    g = synthetic_graph(1000)
    pos = layered_positions(g, g.g.nodes)
    assert len(set(pos.values())) == 1000
    xs = [x for x, _ in pos.values()]
    assert max(xs) - min(xs) <= 51 * 150  # at most ceil(1.6 * sqrt(1000)) = 51 nodes a row


def test_focus_keeps_the_neighbourhood():
    view = build_view(tiny_graph(), focus="k8s", depth=1)
    assert sorted(n["id"] for n in view["nodes"]) == ["k8s-skill", "kubernetes"]
    assert view["notes"] == ["Focus: Kubernetes, depth 1: 2 of 8 nodes"]
    assert view["focus"] == "kubernetes"
    view = build_view(tiny_graph(), focus="kubernetes", depth=2)
    assert sorted(n["id"] for n in view["nodes"]) == ["data", "infra", "k8s-skill", "kubernetes"]
    assert sorted((e["from"], e["type"], e["to"]) for e in view["edges"]) == [
        ("data", "HAS_SKILL", "k8s-skill"), ("infra", "FOCUSES_ON", "data"), ("infra", "REQUIRES", "k8s-skill"),
        ("k8s-skill", "USES_TOOL", "kubernetes")]


def test_path_is_highlighted_with_its_relationships(graph):
    from kg.paths import find_path

    found = find_path(graph, "DS", "Infra MLE")
    view = build_view(graph, path=("DS", "Infra MLE"))
    hl = view["highlight"]
    assert hl["kind"] == "path" and hl["nodes"] == [n["id"] for n in found["nodes"]]
    by_id = {e["id"]: e for e in view["edges"]}
    rels = sorted((by_id[i]["from"], by_id[i]["type"], by_id[i]["to"]) for i in hl["edges"])
    assert rels == sorted((r["start"], r["type"], r["end"]) for r in found["relationships"])
    assert len(rels) == found["length"]
    names = " → ".join(graph.name(n["id"]) for n in found["nodes"])
    assert view["notes"] == [f"Path: {names} ({found['length']})"]


def test_plan_steps_are_numbered_in_order(graph):
    from kg.plan import make_plan

    plan = make_plan(graph, "DS", "Infra MLE", know=["kubernetes"], level="entry", with_bonus=True)
    view = build_view(graph, plan=("DS", "Infra MLE"), know=["kubernetes", "no-such-thing"], level="entry",
                      with_bonus=True, hours_per_week=10)
    hl = view["highlight"]
    ids = [s.get("id") or s["skill"] for s in plan["steps"]]
    assert hl["numbers"] == {sid: i for i, sid in enumerate(ids, start=1)}
    assert [s["id"] for s in hl["steps"]] == ids
    assert set(hl["nodes"]) == {plan["from"], plan["to"], *ids}
    # the page's planner opens filled in with ids; an unknown --know name is a warning, the rest is used
    assert view["planner"] == {"from": "ds", "to": "infra-mle", "know": ["kubernetes"], "level": "entry",
                               "bonus": True, "by_demand": False, "hpw": 10}
    assert view["notes"][0].startswith("unknown `know=` item 'no-such-thing': no skill or tool or track named")
    assert view["notes"][1] == (f"Plan: Data Scientist → Infra MLE, {len(ids)} step{'s' if len(ids) != 1 else ''}, "
                                f"{plan['total_hours']} h")


def test_above_the_cap_the_page_opens_on_an_overview():
    g = synthetic_graph(200)
    view = build_view(g, overview_cap=100)
    assert view["overview"] is True and view["hidden_labels"] == ["Tool"]
    hidden = [n["id"] for n in view["nodes"] if n.get("hidden")]
    assert len(hidden) == len(g.ids("Tool")) == 154
    assert len(view["nodes"]) == 200  # everything is still there, for search and the legend
    assert view["notes"] == [("Overview: 200 nodes is above the 100 cap, so Tool nodes start hidden. "
                             "Click the legend to show them, or give `focus=` a node for a detailed view.")]
    assert build_view(g)["overview"] is False and OVERVIEW_CAP == 5_000


def test_the_cli_s_words_name_its_flag_in_the_overview_note(tmp_path):
    from kg.cli.base import cli_words

    g = synthetic_graph(200)
    en = write_html(g, tmp_path / "en.html", overview_cap=100, wording=cli_words)["notes"]
    zh = write_html(g, tmp_path / "zh.html", overview_cap=100, lang="zh", wording=cli_words)["notes"]
    assert [en[0].split(". ")[1], zh[0].split("。")[1]] == [
        "Click the legend to show them, or give --focus a node for a detailed view.", "点击图例显示，或用 --focus 指定节点查看局部"]


def test_a_taxonomy_above_the_cap_opens_on_its_tracks_and_layers():
    g = taxonomy_graph(1000)  # 5 tracks, 4 layers, 396 skills, 595 tools
    view = build_view(g, overview_cap=300)
    assert view["overview"] is True and view["hidden_labels"] == ["Tool", "Skill"]
    shown = sorted(n["id"] for n in view["nodes"] if not n.get("hidden"))
    assert shown == sorted(g.ids("Track") + g.ids("Layer")) and len(shown) == 9
    assert view["notes"] == [("Overview: 1,000 nodes is above the 300 cap, so Tool, Skill nodes start hidden. "
                             "Click the legend to show them, or give `focus=` a node for a detailed view.")]


@pytest.mark.parametrize("kwargs, message", [
    ({"depth": -1}, "`depth=` must be 0 or more, not -1"),
    ({"lang": "fr"}, "unknown language 'fr' (one of: en, zh)"),
    ({"path": ("ds", "infra"), "plan": ("ds", "infra")}, "give either a path or a plan to highlight, not both"),
])
def test_bad_options_are_kg_errors(kwargs, message):
    with pytest.raises(KGError) as e:
        build_view(tiny_graph(), **kwargs)
    assert str(e.value) == message


def test_unknown_focus_is_node_not_found():
    with pytest.raises(NodeNotFound):
        build_view(tiny_graph(), focus="no such thing")


# -- safe and offline by construction ----------------------------------------------
def hostile_graph():
    g = tiny_graph()
    g.add_node("evil", "Skill", name=XSS_NAMES["img"], name_zh=XSS_NAMES["script"], aliases=[XSS_NAMES["quote"]],
               description="</script><script>alert(1)</script>", url="javascript:alert(1)",
               provenance=[{"source": "curated", "reason": "<iframe src=https://evil.example>"}])
    g.add_relationship("USES_TOOL", "evil", "airflow", provenance=[{"source": "<a href=x>", "reason": "&amp;"}])
    return g


def test_data_text_never_reaches_the_markup():
    page = render_html(hostile_graph(), title="<i>mine</i>", focus=None)
    for needle in ("<img", "onerror=\"", "<iframe", "<svg", "<a href", "alert(1)</script>", "<i>mine"):
        assert needle not in page, needle
    # the template's own elements only: data never adds one
    assert start_tags(page) == start_tags(render_html(tiny_graph()))
    assert start_tags(page)[-4:] == ["script"] * 4 and start_tags(page).count("input") == 7
    assert "<title>&lt;i&gt;mine&lt;/i&gt;</title>" in page
    data = page_data(page)
    evil = next(n for n in data["nodes"] if n["id"] == "evil")
    assert evil["name"] == XSS_NAMES["img"] and evil["aliases"] == [XSS_NAMES["quote"]]
    assert evil["description"] == "</script><script>alert(1)</script>"


def test_script_json_escapes_everything_that_could_close_the_element():
    text = script_json({"a": "</script><!--&\u2028\u2029"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029"}'
    assert json.loads(text) == {"a": "</script><!--&\u2028\u2029"}


def test_page_references_nothing_outside_itself():
    page = render_html(tiny_graph())
    outside_scripts = SCRIPT.sub("", page)
    assert not re.search(r"(src|href|action)\s*=", outside_scripts, re.IGNORECASE)
    assert "<link" not in outside_scripts and "@import" not in page and "url(http" not in page
    for attrs, _ in SCRIPT.findall(page):
        assert "src" not in attrs


def test_content_security_policy_allows_exactly_the_inline_scripts():
    page = render_html(tiny_graph())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1).replace("&#39;", "'")
    assert csp.startswith("default-src 'none'; script-src 'sha256-")
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    executable = [body for attrs, body in SCRIPT.findall(page) if "application/json" not in attrs]
    hashes = {base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() for b in executable}
    assert len(executable) == 3 and hashes == allowed  # vis-network, the planner, the explorer


def test_write_html_summary(tmp_path):
    out = tmp_path / "g.html"
    summary = write_html(tiny_graph(), out, focus="k8s")
    assert summary == {
        "output": str(out), "bytes": out.stat().st_size, "nodes": 2, "edges": 1, "overview": False,
        "hidden_labels": [], "focus": "kubernetes", "highlight": None, "planner": None,
        "notes": ["Focus: Kubernetes, depth 1: 2 of 8 nodes"],
    }


def test_write_html_refuses_a_missing_folder(tmp_path):
    with pytest.raises(KGError) as e:
        write_html(tiny_graph(), tmp_path / "nope" / "g.html")
    assert str(e.value) == f"cannot write {tmp_path / 'nope' / 'g.html'}: folder {tmp_path / 'nope'} does not exist"


# -- the command ------------------------------------------------------------------
def test_kg_viz_json(kg_run, tmp_path, packaged_graph):
    r = kg_run("viz", "-o", str(tmp_path / "g.html"), "--json")
    assert r.code == 0, r.err
    summary = json.loads(r.out)
    assert summary["nodes"] == len(packaged_graph)
    assert summary["edges"] == packaged_graph.g.number_of_edges()
    assert summary["bytes"] == (tmp_path / "g.html").stat().st_size
    assert page_data((tmp_path / "g.html").read_text(encoding="utf-8"))["lang"] == "en"


def test_kg_viz_table_output(kg_run, tmp_path, packaged_graph):
    r = kg_run("--lang", "zh", "viz", "-o", "out.html", "--focus", "k8s", "--depth", "1")
    assert r.code == 0, r.err
    view = page_data((tmp_path / "out.html").read_text(encoding="utf-8"))
    lines = r.out.splitlines()
    assert lines[0] == f"聚焦：Kubernetes，深度 1：显示 {len(view['nodes'])} / {len(packaged_graph)} 个节点"
    kb = (tmp_path / "out.html").stat().st_size / 1024
    assert lines[1] == f"Wrote out.html: {len(view['nodes'])} nodes, {len(view['edges'])} relationships, {kb:,.0f} KB"
    assert len(lines) == 2 and view["lang"] == "zh"


def test_kg_viz_with_a_data_file_shows_its_nodes(kg_run, write, tmp_path):
    data = write("xss.yaml", XSS_YAML)
    r = kg_run("--data", data, "viz", "-o", "g.html", "--focus", "evil-skill", "--json")
    assert r.code == 0, r.err
    summary = json.loads(r.out)
    view = page_data((tmp_path / "g.html").read_text(encoding="utf-8"))
    names = {n["id"]: n["name"] for n in view["nodes"]}
    assert names["evil-skill"] == "<img src=x onerror=\"window.__xss='img'\">"
    assert names["evil-tool"] == "\"><script>window.__xss='script'</script>"
    assert summary["focus"] == "evil-skill" and summary["nodes"] == len(view["nodes"]) == 4  # its layer and its two tools


def test_kg_viz_plan_opens_the_planner_filled_in(kg_run, tmp_path, packaged_graph):
    r = kg_run("viz", "-o", "me.html", "--plan", "", "Infra MLE", "--know", "python,docker", "--know", "Statistics",
               "--level", "entry", "--with-bonus", "--by-demand", "--hours-per-week", "8", "--json")
    assert r.code == 0, r.err
    view = page_data((tmp_path / "me.html").read_text(encoding="utf-8"))
    assert view["planner"] == {"from": None, "to": "infra-mle", "know": ["docker", "python", "statistics"],
                               "level": "entry", "bonus": True, "by_demand": True, "hpw": 8.0}
    assert json.loads(r.out)["planner"] == view["planner"]
    # a track among --know stands for its core requirements, as in kg plan
    from kg.person import known_set

    r = kg_run("viz", "-o", "pm.html", "--plan", "", "DS", "--know", "PM", "--json")
    assert json.loads(r.out)["planner"]["know"] == sorted(known_set(packaged_graph, ["PM"]).ids)


def test_kg_viz_path_options_call_the_library(kg_run, tmp_path, packaged_graph):
    from kg.paths import find_path

    r = kg_run("viz", "-o", "p.html", "--path", "DS", "Infra MLE", "--via", "Skill", "--all")
    assert r.code == 0, r.err
    found = find_path(packaged_graph, "DS", "Infra MLE", via="Skill", all_paths=True)
    view = page_data((tmp_path / "p.html").read_text(encoding="utf-8"))
    assert view["highlight"]["paths"] == [[n["id"] for n in p["nodes"]] for p in found["paths"]]
    assert set(view["highlight"]["nodes"]) == {n["id"] for p in found["paths"] for n in p["nodes"]}
    assert all(packaged_graph.label(n) == "Skill" for p in view["highlight"]["paths"] for n in p[1:-1])
    directed = find_path(packaged_graph, "DS", "Infra MLE", directed=True)
    r = kg_run("viz", "-o", "d.html", "--path", "DS", "Infra MLE", "--directed")
    view = page_data((tmp_path / "d.html").read_text(encoding="utf-8"))
    assert view["highlight"]["nodes"] == [n["id"] for n in directed["nodes"]]


@pytest.mark.parametrize("args, error", [
    (["--focus", "nosuchnode"], "Error: no node named 'nosuchnode'"),
    (["--know", "sql"], "Error: --know goes with --plan FROM TO"),
    (["--all"], "Error: --all goes with --path A B"),
    (["--plan", "DS", "Infra MLE", "--hours-per-week", "0"], "Error: --hours-per-week must be a number above 0, not 0.0"),
    (["--path", "DS", "Infra MLE", "--via", "Planet"], "Error: unknown label 'Planet' for --via"),
    (["-o", "missing/g.html"], "Error: cannot write missing/g.html: folder missing does not exist"),
])
def test_kg_viz_errors_are_one_line(kg_run, args, error):
    r = kg_run("viz", *args)
    assert r.code == 1
    assert r.err.startswith(error) and r.err.count("\n") == 1 and "Traceback" not in r.err


def test_kg_viz_usage_error_exit_2(kg_run):
    r = kg_run("viz", "--depth", "-2")
    assert r.code == 2 and "-2 is not in the range x>=0" in r.err


def test_kg_viz_help_has_an_example(kg_run):
    r = kg_run("viz", "--help")
    assert r.code == 0 and "Example:" in r.out and "kg viz --plan DS \"Infra MLE\"" in r.out
    assert "--know python,sql,docker --level entry --hours-per-week 10" in r.out


def test_importing_the_command_does_not_import_the_renderer():
    code = ("import sys, kg.cli, kg.cli.viz; "
            "print(sorted(m for m in ('kg.viz', 'jinja2', 'pyvis', 'IPython') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
