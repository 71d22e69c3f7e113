"""Learning plans: what a person has left to learn, in what order, to reach a track."""
from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.errors import KGError
from kg.person import (
    LEVELS,
    Coverage,
    Known,
    hard_prerequisites,
    has_demand,
    hours_left,
    known_set,
    node_layer,
    requirements,
    track_demand,
)
from kg.phrases import say

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

__all__ = ["LEVELS", "Result", "make_plan", "markdown", "next_monday", "plan_for", "schedule"]


class Result(dict):  # type: ignore[type-arg]
    """A plain ``dict`` result that Jupyter shows as an HTML table (``_repr_html_``)."""

    def _repr_html_(self) -> str:
        from kg.htmlrepr import result_html

        return result_html(self)


def make_plan(graph: "KnowledgeGraph", from_: str | None, to: str, *, know: Iterable[str] = (),
              level: str = "full", with_bonus: bool = False, by_demand: bool = False,
              lang: str = "en", strict: bool = False) -> dict[str, Any]:
    """What a person (in track ``from_``, knowing ``know``) has left to learn for track ``to``.

    Steps are the uncovered requirements (skills *and* tools) plus their
    missing hard prerequisites, ordered by ``PREREQUISITE_OF``, ties by layer
    (Data, Algorithm, Application, Control), hours left, id; a required tool
    comes right after its skill. ``know`` names skills, tools or tracks; an
    unknown name is a warning in ``result["warnings"]``, not an error.

    >>> from kg.loaders.curated import load_graph
    >>> p = make_plan(load_graph(), "DS", "Infra MLE")
    >>> [s["id"] for s in p["steps"]]
    ['data-pipeline', 'cloud-computing', 'software-engineering', 'ci-cd', 'orchestration']
    >>> p["total_hours"] == sum(s["hours"] for s in p["steps"])
    True
    """
    if level not in LEVELS:
        raise KGError(f"unknown level '{level}' (one of: {', '.join(LEVELS)})")
    source = graph.resolve(from_, "Track") if from_ else None
    target = graph.resolve(to, "Track")
    known = known_set(graph, know, source, strict=strict)
    return plan_for(graph, known, target, source=source, level=level, with_bonus=with_bonus,
                    by_demand=by_demand, lang=lang)


def plan_for(graph: "KnowledgeGraph", known: Known, target: str, *, source: str | None = None,
             level: str = "full", with_bonus: bool = False, by_demand: bool = False,
             lang: str = "en") -> dict[str, Any]:
    """The plan to ``target`` (a track id) for a resolved :class:`~kg.person.Known`."""
    warnings = list(known.warnings)
    if by_demand and not has_demand(graph):
        warnings.append("`by_demand=True`: no job-description demand is loaded (`ingest` adds it); "
                        "choices go by cost")
    reqs = requirements(graph, target, level, with_bonus, by_demand, known.ids, lang)
    wanted: dict[str, list[str]] = {}  # node -> why the track wants it
    for r in reqs:
        wanted.setdefault(r["id"], []).append(r["reason"])
    missing, prerequisite_of = missing_steps(graph, list(wanted), known.ids)
    needed_by: dict[str, list[str]] = {}  # node -> the names of the steps it is a prerequisite of
    for pre, nodes in prerequisite_of.items():
        wanted.setdefault(pre, [])
        needed_by[pre] = list(dict.fromkeys(graph.name(n, lang) for n in nodes))
    cover = {n: hours_left(graph, n, known.ids) for n in missing}
    hours = {n: float(c.hours) for n, c in cover.items()}
    notes = []
    if graph.out(target, "FOCUSES_ON"):
        order, part_of = _order(graph, missing, hours)
    else:  # a track on no layer (an ESCO occupation): essential first, then optional, in outline order
        core = [r["id"] for r in reqs if r["level"] == "core"]
        order, part_of = _order_by_level(graph, missing, hours, _essential(graph, core, known.ids))
        notes.append(say("order_by_level", lang, track=graph.name(target, lang)))
    steps = []
    for number, node in enumerate(order, 1):
        reasons = _reasons(graph, node, wanted, needed_by, part_of, cover[node], lang)
        steps.append(_step(graph, number, node, cover[node], reasons, order, known.ids, part_of, target, lang))
    unknown = [s["id"] for s in steps if not s["hours_known"]]
    if unknown:
        esco = any(p.get("source") == "esco" for n in unknown for p in graph.node(n).get("provenance", []))
        notes.append(say("no_hours", lang, n=len(unknown), total=len(steps),
                         why=say("no_hours_esco" if esco else "no_hours_data", lang)))
    extra = {"notes": notes} if notes else {}  # only when there is something to say: packaged plans keep their keys
    return Result({
        "from": source,
        "to": target,
        "level": level,
        "with_bonus": with_bonus,
        "by_demand": by_demand,
        "known": sorted(known.ids),
        "known_via": dict(sorted(known.via.items())),
        "already_have": [n for n in wanted if n in known.ids],
        "steps": steps,
        "total_hours": sum(s["hours"] for s in steps),
        "warnings": warnings,
        **extra,
    })


def missing_steps(graph: "KnowledgeGraph", wanted: list[str], known: set[str] | frozenset[str]
                  ) -> tuple[list[str], dict[str, list[str]]]:
    """The steps of a plan, unordered: the ``wanted`` nodes not known, then their missing hard
    prerequisites, transitively (breadth first); and for each prerequisite the steps that need it.

    >>> from kg.loaders.curated import load_graph
    >>> missing_steps(load_graph(), ["ml-frameworks"], {"statistics"})
    (['ml-frameworks', 'machine-learning'], {'machine-learning': ['ml-frameworks']})
    """
    missing = [n for n in wanted if n not in known]
    seen = set(missing)
    prerequisite_of: dict[str, list[str]] = {}
    queue = list(missing)
    while queue:
        node = queue.pop(0)
        for pre in hard_prerequisites(graph, node):
            if pre in known:
                continue
            of = prerequisite_of.setdefault(pre, [])
            if node not in of:
                of.append(node)
            if pre not in seen:
                seen.add(pre)
                missing.append(pre)
                queue.append(pre)
    return missing, prerequisite_of


def hours_to(graph: "KnowledgeGraph", known: Known, target: str, *, level: str = "full",
             with_bonus: bool = False) -> tuple[float, int]:
    """``(total hours, number of steps)`` of :func:`plan_for`'s plan, without ordering or wording it.

    >>> from kg.loaders.curated import load_graph
    >>> from kg.person import known_set
    >>> g = load_graph()
    >>> hours_to(g, known_set(g, from_="DS"), "infra-mle")
    (317, 5)
    """
    reqs = requirements(graph, target, level, with_bonus, known=known.ids)
    return hours_for(graph, [r["id"] for r in reqs], known.ids)


def hours_for(graph: "KnowledgeGraph", wanted: list[str], known: set[str] | frozenset[str]) -> tuple[float, int]:
    """``(total hours, number of steps)`` of a plan for the requirements ``wanted`` (ids)."""
    missing, _ = missing_steps(graph, list(dict.fromkeys(wanted)), known)
    return sum(hours_left(graph, n, known).hours for n in missing), len(missing)


def _reasons(graph: "KnowledgeGraph", node: str, wanted: dict[str, list[str]], needed_by: dict[str, list[str]],
             part_of: dict[str, str], c: Coverage, lang: str) -> list[str]:
    """Why a step is in the plan: the track's reasons, the steps it is a prerequisite of,
    the skill a tool is placed after, what of it is partly known, unknown hours."""
    sep = say("sep", lang)
    reasons = list(wanted[node])
    if node in needed_by:
        reasons.append(say("prerequisite", lang, names=sep.join(needed_by[node])))
    if node in part_of:
        reasons.append(say("part_of", lang, skill=graph.name(part_of[node], lang)))
    if c.partly_known:
        reasons.append(say("partly_known", lang, names=sep.join(graph.name(t, lang) for t in c.partly_known)))
    if c.effort is None:
        reasons.append(say("hours_unknown", lang))
    return reasons


def _step(graph: "KnowledgeGraph", number: int, node: str, c: Coverage, reasons: list[str], order: list[str],
          known: set[str], part_of: dict[str, str], target: str, lang: str) -> dict[str, Any]:
    """One step of the plan as the result lists it."""
    is_skill = graph.label(node) == "Skill"
    preds = [p for p, _ in graph.into(node, "PREREQUISITE_OF")]
    return {
        "step": number,
        "id": node,
        "skill": node,  # the step's node id, kept under its old name for older readers
        "kind": "skill" if is_skill else "tool",
        "name": graph.name(node, lang),
        "layer": graph.layer_of(part_of[node]) if node in part_of else node_layer(graph, node),
        "tools": [t for t, _ in graph.out(node, "USES_TOOL")],
        "skills": [] if is_skill else [s for s, _ in graph.into(node, "USES_TOOL")],
        "hours": c.hours,
        "effort_hours": c.effort or 0,
        "hours_known": c.effort is not None,
        "partly_known": list(c.partly_known),
        "prerequisites": [p for p in preds if p in order],
        "known_prerequisites": [p for p in preds if p in known],
        "reasons": reasons,
        "reason": "; ".join(reasons),
        "demand": _demand_text(graph, target, node, lang),
    }


def _order(graph: "KnowledgeGraph", nodes: list[str], hours: dict[str, float]) -> tuple[list[str], dict[str, str]]:
    """Skills in prerequisite order (ties: layer, hours left, id); each tool right after the
    first of its skills in the plan (several: by hours, id), else among the skills by the
    layer of its first skill. Returns the order and {tool: the skill it is placed after}."""
    chosen = set(nodes)
    tools = [n for n in nodes if graph.label(n) == "Tool"]
    part_of: dict[str, str] = {}
    sub = nx.DiGraph()
    sub.add_nodes_from(n for n in nodes if n not in tools)
    for e in list(sub):  # (each node's prerequisites: the order is decided by the sort's keys alone)
        sub.add_edges_from((s, e) for s, _ in graph.into(e, "PREREQUISITE_OF") if s in sub)
    free = []
    for t in tools:
        skills = [s for s, _ in graph.into(t, "USES_TOOL")]
        if any(s in sub for s in skills):
            part_of[t] = skills[0]  # replaced below by the first one in plan order
        else:
            free.append(t)
            sub.add_node(t)

    def key(n: str) -> tuple[int, float, str]:
        return (graph.layer_rank(node_layer(graph, n)), hours[n], n)

    base = list(nx.lexicographical_topological_sort(sub, key=key))
    order = _tools_after_skills(graph, base, part_of, hours)
    assert set(order) == chosen
    return order, part_of


def _essential(graph: "KnowledgeGraph", core: list[str], known: frozenset[str] | set[str]) -> set[str]:
    """The core requirements and, transitively, their hard prerequisites not known."""
    seen: set[str] = set()
    stack = [n for n in core if n not in known]
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        stack.extend(p for p in hard_prerequisites(graph, n) if p not in known)
    return seen


def _order_by_level(graph: "KnowledgeGraph", nodes: list[str], hours: dict[str, float],
                    essential: set[str]) -> tuple[list[str], dict[str, str]]:
    """The order of a plan to a track that stands on no layer (a taxonomy's occupation, e.g. ESCO's).

    Such a track gives no layer order, only essential (core) and optional (bonus)
    requirements, and the taxonomy's hierarchy as soft ``PREREQUISITE_OF`` (the
    broader concept first). So: every essential step (core requirements and their
    hard prerequisites) before every optional one; within each, prerequisites and
    the hierarchy first, and a step right after the one it builds on (an outline:
    a narrower concept follows its broader one, siblings together); ties by layer,
    hours left, id. A soft relationship from an optional step to an essential one
    is not followed (it would pull the optional step ahead). Tools follow their
    skill as in :func:`_order`. Mirrored by ``orderByLevel`` in viz/static/planner.js.

    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph()
    >>> for n in ("a", "broad", "n", "z-narrow", "opt"): g.add_node(n, "Skill")
    >>> g.add_relationship("PREREQUISITE_OF", "broad", "z-narrow", strength="soft")  # the hierarchy
    >>> g.add_relationship("PREREQUISITE_OF", "opt", "a", strength="soft")
    >>> nodes = ["opt", "z-narrow", "n", "broad", "a"]
    >>> _order_by_level(g, nodes, dict.fromkeys(nodes, 0.0), essential={"a", "broad", "n", "z-narrow"})[0]
    ['a', 'broad', 'z-narrow', 'n', 'opt']
    """
    tools = [n for n in nodes if graph.label(n) == "Tool"]
    part_of: dict[str, str] = {}
    sub = {n for n in nodes if n not in tools}
    for t in tools:
        if any(s in sub for s, _ in graph.into(t, "USES_TOOL")):
            part_of[t] = ""
        else:
            sub.add(t)

    def tier(n: str) -> int:
        return 0 if n in essential else 1

    before, after_of = _steps_before(graph, sub, tier)
    waiting = {n: len(before[n]) for n in sub}
    position: dict[str, int] = {}
    path: dict[str, tuple[tuple[Any, ...], ...]] = {}

    def ready(n: str) -> None:
        own = (tier(n), graph.layer_rank(node_layer(graph, n)), hours[n], n)
        parent = max(before[n], key=position.__getitem__, default=None)
        path[n] = (path[parent] + (own,)) if parent is not None and tier(parent) == tier(n) else (own,)
        heapq.heappush(heap, (path[n], n))

    heap: list[tuple[tuple[tuple[Any, ...], ...], str]] = []
    for n in sorted(sub):
        if not waiting[n]:
            ready(n)
    base: list[str] = []
    while heap:
        _, n = heapq.heappop(heap)
        position[n] = len(base)
        base.append(n)
        for m in after_of[n]:
            waiting[m] -= 1
            if not waiting[m]:
                ready(m)
    order = _tools_after_skills(graph, base, part_of, hours)
    assert set(order) == set(nodes)
    return order, part_of


def _steps_before(graph: "KnowledgeGraph", steps: set[str], tier: Callable[[str], int]
                  ) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """``(before, after)``: for each step, the steps its prerequisites put before it and those
    it is put before, in id order. A soft prerequisite from a later tier (optional) to an
    earlier one (essential) is not followed: it would pull the optional step ahead.

    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph()
    >>> for n in ("a", "b", "opt"): g.add_node(n, "Skill")
    >>> g.add_relationship("PREREQUISITE_OF", "a", "b"); g.add_relationship("PREREQUISITE_OF", "opt", "b", strength="soft")
    >>> _steps_before(g, {"a", "b", "opt"}, lambda n: 1 if n == "opt" else 0)
    ({'a': [], 'b': ['a'], 'opt': []}, {'a': ['b'], 'b': [], 'opt': []})
    """
    before: dict[str, list[str]] = {n: [] for n in sorted(steps)}
    after: dict[str, list[str]] = {n: [] for n in sorted(steps)}
    for n in sorted(steps):
        for p, props in graph.into(n, "PREREQUISITE_OF"):
            if p not in steps or p in before[n] or p == n:
                continue
            if tier(p) > tier(n) and props.get("strength", "hard") != "hard":
                continue
            before[n].append(p)
            after[p].append(n)
    return before, after


def _tools_after_skills(graph: "KnowledgeGraph", base: list[str], part_of: dict[str, str],
                        hours: dict[str, float]) -> list[str]:
    """``base`` (the ordered steps without the tools of ``part_of``) with each such tool right after
    the first of its skills there (several tools: by hours, id); ``part_of`` is set to that skill."""
    position = {n: i for i, n in enumerate(base)}
    after: dict[str, list[str]] = {}
    for t in part_of:
        skill = min((s for s, _ in graph.into(t, "USES_TOOL") if s in position), key=position.__getitem__)
        part_of[t] = skill
        after.setdefault(skill, []).append(t)
    order = []
    for n in base:
        order.append(n)
        order.extend(sorted(after.get(n, []), key=lambda t: (hours[t], t)))
    return order


def _demand_text(graph: "KnowledgeGraph", track: str, node: str, lang: str) -> str | None:
    ev = track_demand(graph, track, node)
    if not ev:
        return None
    return say("demand", lang, count=ev.get("count"), total=ev.get("total", "?"), track=graph.name(track, lang))


# -- schedule -----------------------------------------------------------------


def next_monday(today: dt.date | None = None) -> dt.date:
    """The first Monday after ``today``.

    >>> next_monday(dt.date(2026, 11, 29)), next_monday(dt.date(2026, 11, 30))
    (datetime.date(2026, 11, 30), datetime.date(2026, 12, 7))
    """
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


def schedule(plan: dict[str, Any], hours_per_week: float, start: dt.date | None = None) -> dict[str, Any]:
    """Lay the plan's steps back to back at ``hours_per_week``, from ``start`` (default: next Monday).

    Step i covers the cumulative hours (H[i-1], H[i]]: it starts on
    start + 7·floor(H[i-1]/h) days and ends on start + 7·ceil(H[i]/h) − 1 days
    (not before its start); weeks = H[i]/h − H[i-1]/h to one decimal.

    >>> s = schedule({"steps": [{"id": "a", "hours": 10}, {"id": "b", "hours": 6}]}, 8, dt.date(2027, 1, 4))
    >>> [(x["start"], x["end"], x["weeks"]) for x in s["steps"]], s["finish"]
    ([('2027-01-04', '2027-01-17', 1.2), ('2027-01-11', '2027-01-17', 0.8)], '2027-01-17')
    """
    if not (isinstance(hours_per_week, (int, float)) and math.isfinite(hours_per_week) and hours_per_week > 0):
        raise KGError(f"hours per week must be a number above 0, not {hours_per_week!r}")
    start = start or next_monday()
    h = float(hours_per_week)
    done = 0.0
    rows = []
    for step in plan["steps"]:
        end_hours = done + float(step["hours"])
        first = start + dt.timedelta(days=7 * math.floor(done / h))
        last = max(first, start + dt.timedelta(days=7 * math.ceil(end_hours / h) - 1))
        rows.append({"step": step.get("step"), "id": step["id"], "start": first.isoformat(),
                     "end": last.isoformat(), "weeks": round(end_hours / h - done / h, 1)})
        done = end_hours
    return {"hours_per_week": hours_per_week, "start": start.isoformat(),
            "finish": rows[-1]["end"] if rows else None, "weeks": round(done / h, 1), "steps": rows}


# -- Markdown -------------------------------------------------------------------


def markdown(plan: dict[str, Any]) -> str:
    """The plan as a Markdown table (with dates when it has a schedule), to paste into an issue or a wiki.

    >>> from kg.loaders.curated import load_graph
    >>> print(markdown(make_plan(load_graph(), "research-scientist", "research-mle")).splitlines()[2])
    | 1 | ML frameworks | skill | 70 | core skill of Research MLE |
    """
    sched = {r["id"]: r for r in (plan.get("schedule") or {}).get("steps", [])}
    head = ["#", "Learn", "Kind", "Hours", "Why"] + (["Start", "End"] if sched else [])
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for s in plan["steps"]:
        hours = f"{s['hours']:g}" if s.get("hours_known", True) else "?"
        row = [str(s["step"]), s["name"], s["kind"], hours, s["reason"]]
        if sched:
            row += [sched[s["id"]]["start"], sched[s["id"]]["end"]]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    total = f"**Total: {plan['total_hours']:g} hours in {len(plan['steps'])} steps**"
    if plan.get("schedule") and plan["schedule"].get("finish"):
        total += f", finished by {plan['schedule']['finish']}"
    return "\n".join(lines + ["", total] + [f"\n{note}." for note in plan.get("notes", [])])
