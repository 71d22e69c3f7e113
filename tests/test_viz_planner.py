"""The page's planner in headless Chromium (network blocked): exactly `kg plan`, `kg fit`, `kg compare`.

The page computes plans in JavaScript (viz/static/planner.js) from the graph
embedded in it; these tests compare its answers with the Python reference
(kg/person.py, kg/plan.py, kg/advice.py, kg/comparison.py) on every track pair, level
and bonus setting, and on seeded random sets of known skills and tools.
"""
from __future__ import annotations

import math
import random

import pytest
from kg.viz import write_html

pytestmark = pytest.mark.browser

LEVELS = ("entry", "full")


@pytest.fixture(scope="module")
def page(browser, packaged_graph, tmp_path_factory):
    out = tmp_path_factory.mktemp("planner") / "g.html"
    write_html(packaged_graph, out)
    page, problems = browser.open(out)
    yield page
    assert problems == []


def py_steps(plan):
    return [(s["id"], s["kind"], s["hours"], s["reason"]) for s in plan["steps"]]


JS_PLANS = """cases => cases.map(c => {
  const p = kgExplorer.planner.plan({from: c.from, to: c.to, know: c.know, level: c.level, bonus: c.bonus,
                                     byDemand: c.by_demand});
  return {steps: p.steps.map(s => [s.id, s.kind, s.hours, s.reason]), total: p.total_hours, known: p.known, notes: p.notes};
})"""


def random_cases(graph, n, seed):
    rnd = random.Random(seed)
    items = sorted(graph.ids("Skill") + graph.ids("Tool"))
    tracks = graph.ids("Track")
    cases = []
    for _ in range(n):
        know = rnd.sample(items, k=rnd.randint(1, 10))
        cases.append({"from": rnd.choice([None, None, *tracks]), "to": rnd.choice(tracks), "know": know,
                      "level": rnd.choice(LEVELS), "bonus": rnd.random() < 0.5, "by_demand": rnd.random() < 0.3})
    return cases


def test_plan_parity_every_track_pair_level_and_bonus(page, packaged_graph):
    from kg.plan import make_plan

    g = packaged_graph
    cases = [{"from": a, "to": b, "know": [], "level": lvl, "bonus": bonus, "by_demand": False}
             for a in [None, *g.ids("Track")] for b in g.ids("Track") for lvl in LEVELS for bonus in (False, True)]
    assert len(cases) == 10 * 9 * 2 * 2
    got = page.evaluate(JS_PLANS, cases)
    for case, js in zip(cases, got):
        ref = make_plan(g, case["from"], case["to"], level=case["level"], with_bonus=case["bonus"])
        assert js["steps"] == [list(s) for s in py_steps(ref)], case
        assert js["total"] == ref["total_hours"], case
        assert js["notes"] == ref.get("notes", []) == [], case


def test_plan_parity_with_sampled_known_skills_and_tools(page, packaged_graph):
    from kg.plan import make_plan

    g = packaged_graph
    cases = random_cases(g, 300, seed=20261129)
    got = page.evaluate(JS_PLANS, cases)
    partly = 0
    for case, js in zip(cases, got):
        ref = make_plan(g, case["from"], case["to"], know=case["know"], level=case["level"],
                        with_bonus=case["bonus"], by_demand=case["by_demand"])
        assert js["known"] == ref["known"], case
        assert js["steps"] == [list(s) for s in py_steps(ref)], case
        assert js["total"] == ref["total_hours"], case
        partly += sum(1 for s in ref["steps"] if s["partly_known"])
    assert partly > 20  # the samples do exercise partial knowledge through tools


def test_chinese_plans_say_what_kg_plan_says_in_chinese(browser, packaged_graph, tmp_path):
    # Reasons come from one phrase table (kg/phrases.py) in both the page and the CLI.
    from kg.plan import make_plan

    g = packaged_graph
    out = tmp_path / "zh.html"
    write_html(g, out, lang="zh")
    zh_page, problems = browser.open(out)
    cases = random_cases(g, 80, seed=7) + [
        {"from": "ds", "to": t, "know": [], "level": lvl, "bonus": True, "by_demand": False}
        for t in g.ids("Track") for lvl in LEVELS]
    got = zh_page.evaluate(JS_PLANS, cases)
    for case, js in zip(cases, got):
        ref = make_plan(g, case["from"], case["to"], know=case["know"], level=case["level"],
                        with_bonus=case["bonus"], by_demand=case["by_demand"], lang="zh")
        assert js["steps"] == [list(s) for s in py_steps(ref)], case
    assert any("的前置技能" in s[3] for js in got for s in js["steps"])
    assert any("已部分掌握：" in s[3] for js in got for s in js["steps"])
    assert problems == []


def test_fit_parity(page, packaged_graph):
    from kg.advice import fit

    g = packaged_graph
    cases = [{"from": None, "know": []}] + [{"from": c["from"], "know": c["know"]} for c in random_cases(g, 60, seed=7)]
    got = page.evaluate("""cases => cases.map(c => kgExplorer.planner.fit(c.from, c.know))""", cases)
    for case, js in zip(cases, got):
        ref = fit(g, case["know"], from_=case["from"])
        rows = [[r["id"], r["coverage"]["core"], r["coverage"]["bonus"], r["hours_left"], r["entry_hours_left"],
                 r["entry_ready"]] for r in ref["tracks"]]
        assert [[r["id"], r["coverage"]["core"], r["coverage"]["bonus"], r["hours_left"], r["entry_hours_left"],
                 r["entry_ready"]] for r in js["tracks"]] == rows, case
        assert js["recommended"] == ref["recommended"]["track"], case


def test_fit_parity_on_tracks_whose_requirements_carry_no_hours(browser, tmp_path):
    # A taxonomy's track (ESCO's) has no learning hours: coverage is the share of requirements known.
    from kg.loaders.curated import load_graph

    from kg.advice import fit

    g = load_graph()
    g.add_node("tax-track", "Track", name="Taxonomy track")
    for i in range(4):
        g.add_node(f"tax-skill-{i}", "Skill", name=f"Taxonomy skill {i}")
        g.add_relationship("REQUIRES", "tax-track", f"tax-skill-{i}", level="core" if i < 3 else "bonus")
    g.add_node("tax-empty", "Track", name="Occupation with no skills in the data")
    out = tmp_path / "tax.html"
    write_html(g, out)
    tax_page, problems = browser.open(out)
    for know in ([], ["tax-skill-0"], ["tax-skill-0", "tax-skill-3", "python"], ["tax-skill-1", "tax-skill-2"]):
        ref = {r["id"]: r for r in fit(g, know)["tracks"]}
        js = {r["id"]: r for r in tax_page.evaluate("k => kgExplorer.planner.fit(null, k)", know)["tracks"]}
        assert js["tax-track"]["coverage"] == ref["tax-track"]["coverage"], know
        assert "tax-empty" not in js and "tax-empty" not in ref  # nothing to measure: not ranked
    assert ref["tax-track"]["coverage"] == {"core": 0.667, "bonus": 0.0}
    assert problems == []


def test_compare_parity(page, packaged_graph):
    from kg.comparison import compare

    g = packaged_graph
    pairs = [(a, b, core) for a in g.ids("Track") for b in g.ids("Track") if a != b for core in (False, True)]
    got = page.evaluate("""pairs => pairs.map(p => kgExplorer.planner.compare(p[0], p[1], p[2]))""", pairs)
    for (a, b, core), js in zip(pairs, got):
        ref = compare(g, a, b, core_only=core)
        assert [js["shared"], js["only_a"], js["only_b"], js["similarity"]] == [
            ref["shared"], ref["only_a"], ref["only_b"], ref["similarity"]], (a, b, core)
        assert {row["layer"]: {k: row[k] for k in ("shared", "only_a", "only_b")} for row in js["by_layer"]} == ref["by_layer"]


def test_dom_contract_replans_on_change(page, packaged_graph):
    from kg.plan import make_plan

    page.select_option("#planner select[name=from]", "ds")
    page.select_option("#planner select[name=to]", "infra-mle")
    ref = make_plan(packaged_graph, "ds", "infra-mle")
    ids = page.eval_on_selector_all("[data-step-id]", "els => els.map(e => e.dataset.stepId)")
    assert ids == [s["id"] for s in ref["steps"]]
    page.check("#planner input[name=level][value=entry]")
    ref = make_plan(packaged_graph, "ds", "infra-mle", level="entry")
    assert page.eval_on_selector_all("[data-step-id]", "els => els.map(e => e.dataset.stepId)") == [
        s["id"] for s in ref["steps"]]
    # known items: filter, tick, the plan follows
    page.fill("#kg-know-filter", "kubern")
    page.locator("#kg-know input[value=kubernetes]").check()
    ref = make_plan(packaged_graph, "ds", "infra-mle", level="entry", know=["kubernetes"])
    assert page.eval_on_selector_all("[data-step-id]", "els => els.map(e => e.dataset.stepId)") == [
        s["id"] for s in ref["steps"]]
    assert page.locator("#kg-plan-summary").inner_text().endswith(f"{len(ref['steps'])} steps, {ref['total_hours']} h")
    # the plan is what the graph highlights, and the fragment keeps it
    assert sorted(page.evaluate("kgExplorer.emphasised()")) == sorted(
        {"ds", "infra-mle", *(s["id"] for s in ref["steps"])})
    assert page.evaluate("location.hash") == "#from=ds&to=infra-mle&level=entry&know=kubernetes"


def test_url_fragment_restores_a_plan(browser, packaged_graph, tmp_path):
    from kg.plan import make_plan

    out = tmp_path / "g.html"
    write_html(packaged_graph, out)
    page, problems = browser.open(out, fragment="from=ds&to=infra-mle&level=entry&know=kubernetes,sql&bonus=1")
    ref = make_plan(packaged_graph, "ds", "infra-mle", level="entry", know=["kubernetes", "sql"], with_bonus=True)
    assert page.eval_on_selector_all("[data-step-id]", "els => els.map(e => e.dataset.stepId)") == [
        s["id"] for s in ref["steps"]]
    assert page.input_value("#planner select[name=to]") == "infra-mle" and page.is_checked("#kg-bonus")
    # a hand-edited link with names the page does not know opens on no plan, quietly
    page, more = browser.open(out, fragment="to=%3Cimg%20src%3Dx%3E&know=nope,sql&level=weird")
    assert page.evaluate("kgExplorer.plan()") is None and page.locator("[data-step-id]").count() == 0
    assert page.is_checked("#kg-know input[value=sql]") and page.is_checked("#planner input[name=level][value=full]")
    assert problems == [] and more == []


def test_keyboard_only_walk_through_the_planner(browser, packaged_graph, tmp_path):
    from kg.plan import make_plan

    out = tmp_path / "g.html"
    write_html(packaged_graph, out)
    page, problems = browser.open(out)
    page.focus("#kg-search")
    seen = []
    for _ in range(12):  # Tab from the search box reaches the planner's controls, in order
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.name || document.activeElement.id || document.activeElement.className"))
        if seen[-1] == "to":
            break
    assert seen[:6] == ["kg-reset", "kg-edges", "kg-png", "vis-network", "from", "to"]  # the graph, then the planner
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # visible focus
    # the graph itself takes the arrow keys when focused
    page.focus("#kg-graph .vis-network")
    before = page.evaluate("kgExplorer.network.getViewPosition().x")
    page.keyboard.down("ArrowRight")
    page.wait_for_timeout(200)
    page.keyboard.up("ArrowRight")
    assert page.evaluate("kgExplorer.network.getViewPosition().x") != before
    page.focus("#planner select[name=to]")
    page.keyboard.press("ArrowDown")  # the first track, then the change re-plans
    target = page.input_value("#planner select[name=to]")
    assert target
    ref = make_plan(packaged_graph, None, target)
    assert page.eval_on_selector_all("[data-step-id]", "els => els.map(e => e.dataset.stepId)") == [
        s["id"] for s in ref["steps"]]
    # a step is a button: Enter on it shows the node's details
    page.focus("#kg-plan li button")
    page.keyboard.press("Enter")
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == [ref["steps"][0]["id"]]
    # related names in the details are buttons too
    page.focus("#kg-details button.kg-link")
    other = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    assert page.locator("#kg-details h3").inner_text() == other
    assert problems == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_accessibility_check_has_no_serious_violation(browser, packaged_graph, tmp_path, lang):
    from pathlib import Path

    out = tmp_path / "g.html"
    write_html(packaged_graph, out, plan=("DS", "Infra MLE"), lang=lang)
    page, problems = browser.open(out)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    axe = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
    page.evaluate(axe)  # a vendored copy, run through the test driver: the page's CSP stays as it is
    result = page.evaluate("async () => { const r = await axe.run(document); "
                           "return r.violations.map(v => [v.id, v.impact, v.nodes.length]); }")
    serious = [v for v in result if v[1] in ("serious", "critical")]
    assert serious == []
    assert problems == []


def test_chinese_page_says_everything_in_chinese(browser, packaged_graph, tmp_path):
    from kg.viz.html import UI

    out = tmp_path / "g.html"
    write_html(packaged_graph, out, lang="zh", plan=("DS", "Infra MLE"))
    page, problems = browser.open(out)
    side = page.locator("#kg-side").inner_text()
    for key in ("planner", "from", "to", "level", "legend", "details", "core"):
        assert UI["zh"][key] in side or UI["zh"][key] in page.content(), key
    reasons = page.eval_on_selector_all("#kg-plan .kg-sub", "els => els.map(e => e.textContent)")
    assert reasons and not any("skill of" in r or "prerequisite of" in r for r in reasons)
    assert any("基础设施型MLE 的核心技能" in r for r in reasons)
    english = [w for w in ("Planner", "Where you", "Legend", "Relationships", "Show all", "Export PNG", "Reset view")
               if w in side or w in page.locator("#kg-header").inner_text()]
    assert english == []
    assert problems == []


def test_fit_bars_and_compare_table_show_the_library_numbers(page, packaged_graph):
    from kg.advice import fit
    from kg.comparison import compare

    page.select_option("#planner select[name=from]", "")
    page.select_option("#planner select[name=to]", "research-mle")
    page.click("#kg-fit-box summary")
    ref = fit(packaged_graph, page.evaluate("kgExplorer.plan().known"))
    page.locator("#kg-fit li").nth(len(ref["tracks"]) - 1).wait_for()  # every bar drawn (no eval: the page's CSP)
    rows = page.eval_on_selector_all("#kg-fit li", "els => els.map(e => [e.dataset.track, "
                                     "Array.from(e.querySelectorAll('.kg-pct')).map(p => p.textContent)])")
    def pct(x):  # the page rounds halves up (Math.round)
        return f"{math.floor(x * 100 + 0.5)}%"

    assert rows == [[r["id"], [pct(r["coverage"]["core"]), pct(r["coverage"]["bonus"])]] for r in ref["tracks"]]
    assert page.locator("#kg-fit-best").inner_text().endswith(ref["recommended"]["name"])
    page.click("#kg-compare-box summary")
    page.select_option("#kg-cmp-a", "production-mle")
    page.select_option("#kg-cmp-b", "infra-mle")
    c = compare(packaged_graph, "production-mle", "infra-mle")
    assert page.locator("#kg-cmp-sim").inner_text().endswith(str(c["similarity"]))
    cells = page.eval_on_selector_all("#kg-cmp tbody tr", "trs => trs.map(tr => Array.from(tr.cells).map(c => c.textContent))")
    expect = [[packaged_graph.name(lay), *(", ".join(packaged_graph.name(x) for x in row[k]) for k in ("only_a", "shared", "only_b"))]
              for lay, row in c["by_layer"].items() if any(row.values())]
    assert cells == expect


def test_weeks_follow_kg_plan_schedule(page, packaged_graph):
    import datetime as dt
    import re

    from kg.plan import make_plan, schedule

    page.select_option("#planner select[name=from]", "sde")
    page.select_option("#planner select[name=to]", "production-mle")
    page.check("#planner input[name=level][value=full]")
    page.fill("#kg-hpw", "7")
    page.dispatch_event("#kg-hpw", "change")
    plan = make_plan(packaged_graph, "sde", "production-mle", know=page.evaluate("kgExplorer.plan().known"))
    start = dt.date(2027, 1, 4)
    sched = schedule(plan, 7, start)
    shown = page.eval_on_selector_all("#kg-plan > li > button", "els => els.map(e => e.textContent)")
    assert len(shown) == len(sched["steps"]) > 3
    for text, row in zip(shown, sched["steps"]):
        weeks, first, last = re.search(r"· ([\d.]+) weeks \(week (\d+)(?:–(\d+))?\)", text).groups()
        assert float(weeks) == row["weeks"]
        assert start + dt.timedelta(days=7 * (int(first) - 1)) == dt.date.fromisoformat(row["start"])
        assert start + dt.timedelta(days=7 * int(last or first) - 1) == dt.date.fromisoformat(row["end"])
    assert page.locator("#kg-plan-summary").inner_text().endswith(f"· {sched['weeks']:g} weeks")


def test_know_a_track_on_the_command_line(browser, packaged_graph, tmp_path):
    from kg.plan import make_plan

    out = tmp_path / "g.html"
    write_html(packaged_graph, out, plan=(None, "Research MLE"), know=["Product Manager", "pytorch"], level="entry")
    page, problems = browser.open(out)
    ref = make_plan(packaged_graph, None, "Research MLE", know=["Product Manager", "pytorch"], level="entry")
    assert page.eval_on_selector_all("[data-step-id]", "els => els.map(e => e.dataset.stepId)") == [
        s["id"] for s in ref["steps"]]
    assert page.evaluate("kgExplorer.plan().known") == ref["known"]
    assert problems == []


def test_plan_parity_on_esco_occupations_essential_first_in_the_hierarchy_s_outline(browser, tmp_path):
    """ESCO occupations stand on no layer: their plans go essential first, then optional, in outline order."""
    import csv
    import shutil
    from pathlib import Path

    from kg.loaders.curated import load_graph
    from kg.loaders.esco import import_esco

    from kg.plan import make_plan

    skill, occ = "http://data.europa.eu/esco/skill/", "http://data.europa.eu/esco/occupation/"
    folder = tmp_path / "esco"
    shutil.copytree(Path(__file__).parent / "esco_fixture", folder)
    with open(folder / "occupationSkillRelations_en.csv", "a", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for o, s in [("258e46f9-0075-4a2e-adae-1ff0477e0f30", "11430d93-c835-48ed-8e70-285fa69c9ae6"),  # cloud architecture
                     ("258e46f9-0075-4a2e-adae-1ff0477e0f30", "ecc4552a-92c5-4222-b18d-faf5ac841080"),  # deep learning
                     ("d3edb8f8-3a06-47a0-8fb9-9b212c006aa2", "2522a6ce-3202-4ac8-9f5b-b9cb5a3a83a1")]:  # debug software
            w.writerow([occ + o, "optional", "skill/competence", skill + s])
    with open(folder / "broaderRelationsSkillPillar_en.csv", "a", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for narrow, broad in [("c3c2420c-ce9a-4371-8eed-1db479c3a562", "4fabca9a-7435-4f33-b1da-3cdb00340fdc"),
                              ("2b34764d-637c-48f5-aa70-31e15c965db6", "11430d93-c835-48ed-8e70-285fa69c9ae6")]:
            w.writerow(["KnowledgeSkillCompetence", skill + narrow, "KnowledgeSkillCompetence", skill + broad])
    data = tmp_path / "esco.yaml"
    import_esco(folder, data, load_graph(), release="v1")
    g = load_graph([data])
    out = tmp_path / "esco.html"
    write_html(g, out)
    page, problems = browser.open(out)
    occupations = sorted(n["id"] for n in g.nodes("Track") if n.get("esco_uri"))
    assert len(occupations) == 15
    cases = [{"from": a, "to": b, "know": [], "level": lvl, "bonus": bonus, "by_demand": False}
             for a in (None, "data-analyst", "ds") for b in occupations + ["ds", "infra-mle"]
             for lvl in LEVELS for bonus in (False, True) if a != b]
    got = page.evaluate(JS_PLANS, cases)
    outlined = 0
    for case, js in zip(cases, got):
        ref = make_plan(g, case["from"], case["to"], level=case["level"], with_bonus=case["bonus"])
        assert js["steps"] == [list(s) for s in py_steps(ref)], case
        assert js["total"] == ref["total_hours"], case
        assert js["notes"] == ref.get("notes", []), case
        ids = [s["id"] for s in ref["steps"]]
        if "perform-scientific-research" in ids and "write-scientific-publications" in ids:
            assert ids.index("write-scientific-publications") == ids.index("perform-scientific-research") + 1
            outlined += 1
    assert outlined >= 4
    # the page shows the notes under the plan's summary
    page.select_option("#planner select[name=from]", "data-analyst")
    page.select_option("#planner select[name=to]", "data-scientist")
    ref = make_plan(g, "data-analyst", "data-scientist")
    assert page.locator("#kg-plan-notes li").all_inner_texts() == ref["notes"] == [
        ("data scientist (ESCO occupation) stands on no layer: essential (core) requirements first, then optional "
         "(bonus) ones; broader concepts before narrower ones"),
        "34 of 34 steps have no learning hours (ESCO carries no learning hours); the total counts the others"]
    page.select_option("#planner select[name=to]", "ds")
    assert page.locator("#kg-plan-notes li").count() == 0
    assert problems == []
