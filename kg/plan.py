"""Learning plans: what to learn, in what order, to move from one track to another."""
from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Iterable

import networkx as nx

from .errors import KGError
from .model import demand

if TYPE_CHECKING:
    from .model import KnowledgeGraph

LEVELS = ("entry", "full")


def make_plan(graph: "KnowledgeGraph", from_: str | None, to: str, *, know: Iterable[str] = (),
              level: str = "full", with_bonus: bool = False, by_demand: bool = False,
              lang: str = "en") -> dict[str, Any]:
    """The skills track ``to`` requires that ``from_`` lacks, with their missing
    prerequisites, in an order that respects ``PREREQUISITE_OF``.

    Ties go by layer (Data, Algorithm, Application, Control), then effort.
    ``know`` names skills, tools or tracks the person already has (a tool
    counts for the skills it realises). ``level="entry"`` takes, from each
    choice group (``group``/``min_of`` on REQUIRES), the cheapest sufficient
    subset, or the most demanded one with ``by_demand``.

    >>> from kg.loaders.curated import load_graph
    >>> p = make_plan(load_graph(), "DS", "Infra MLE")
    >>> [s["skill"] for s in p["steps"]]
    ['data-pipeline', 'cloud-computing', 'software-engineering', 'ci-cd', 'orchestration']
    >>> p["total_hours"] == sum(s["effort_hours"] for s in p["steps"])
    True
    """
    if level not in LEVELS:
        raise KGError(f"unknown level '{level}' (one of: {', '.join(LEVELS)})")
    source = graph.resolve(from_, "Track") if from_ else None
    target = graph.resolve(to, "Track")
    known, known_via = _known(graph, source, know)

    wanted: dict[str, list[str]] = {}  # skill -> why it is in the plan
    chosen = _required(graph, target, known, level, with_bonus, by_demand, lang)
    for skill, why in chosen:
        wanted.setdefault(skill, []).append(why)
    missing = [s for s in wanted if s not in known]

    # Add the hard prerequisites the person lacks, transitively.
    queue = list(missing)
    while queue:
        skill = queue.pop(0)
        for pre, props in graph.into(skill, "PREREQUISITE_OF"):
            if props.get("strength", "hard") != "hard" or pre in known:
                continue
            reasons = wanted.setdefault(pre, [])
            entry = f"prerequisite of {graph.name(skill, lang)}"
            if entry not in reasons:
                reasons.append(entry)
            if pre not in missing:
                missing.append(pre)
                queue.append(pre)

    order = _order(graph, missing)
    steps = []
    for n, skill in enumerate(order, 1):
        data = graph.g.nodes[skill]
        preds = [p for p, _ in graph.into(skill, "PREREQUISITE_OF")]
        steps.append({
            "step": n,
            "skill": skill,
            "name": graph.name(skill, lang),
            "layer": graph.layer_of(skill),
            "tools": [t for t, _ in graph.out(skill, "USES_TOOL")],
            "effort_hours": data.get("effort_hours") or 0,
            "prerequisites": [p for p in preds if p in order],
            "known_prerequisites": [p for p in preds if p in known],
            "reason": "; ".join(_reasons(wanted[skill])),
            "demand": _demand_text(graph, target, skill, lang),
        })
    have = [s for s in wanted if s in known]
    return {
        "from": source,
        "to": target,
        "level": level,
        "with_bonus": with_bonus,
        "known": sorted(known),
        "known_via": known_via,
        "already_have": have,
        "steps": steps,
        "total_hours": sum(s["effort_hours"] for s in steps),
    }


def _known(graph: "KnowledgeGraph", source: str | None, know: Iterable[str]) -> tuple[set[str], dict[str, str]]:
    """Skills the person has: the source track's core skills and what they say they know."""
    known: set[str] = set()
    via: dict[str, str] = {}
    if source:
        for skill, props in graph.out(source, "REQUIRES"):
            if graph.label(skill) == "Skill" and props.get("level", "core") == "core":
                known.add(skill)
                via.setdefault(skill, source)
    for name in know:
        if not str(name).strip():
            continue
        node = graph.resolve(name, ("Skill", "Tool", "Track"))
        label = graph.label(node)
        if label == "Skill":
            skills = [node]
        elif label == "Tool":
            skills = [s for s, _ in graph.into(node, "USES_TOOL")]
        else:
            skills = [s for s, p in graph.out(node, "REQUIRES")
                      if graph.label(s) == "Skill" and p.get("level", "core") == "core"]
        for s in skills:
            known.add(s)
            via.setdefault(s, node)
    return known, via


def _required(graph: "KnowledgeGraph", target: str, known: set[str], level: str,
              with_bonus: bool, by_demand: bool, lang: str) -> list[tuple[str, str]]:
    """(skill, why) for every skill the target track requires at this level."""
    tname = graph.name(target, lang)
    out: list[tuple[str, str]] = []
    groups: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for skill, props in graph.out(target, "REQUIRES"):
        if graph.label(skill) != "Skill":
            continue
        lvl = props.get("level", "core")
        if lvl == "core" and level == "entry" and props.get("group") and props.get("min_of"):
            groups.setdefault(props["group"], []).append((skill, props))
        elif lvl == "core":
            out.append((skill, f"core skill of {tname}"))
        elif with_bonus:
            out.append((skill, f"bonus skill of {tname}"))
    for group, members in groups.items():
        need = min(int(members[0][1]["min_of"]), len(members))
        have = [s for s, _ in members if s in known]
        for s in have[:need]:
            out.append((s, f"core skill of {tname} ({need} of {len(members)} in '{group}')"))
        short = need - len(have)
        if short <= 0:
            continue
        candidates = [s for s, _ in members if s not in known]
        picked = _pick(graph, target, candidates, short, known, by_demand)
        how = "most demanded" if by_demand else "cheapest"
        for s in picked:
            out.append((s, f"core skill of {tname} ({need} of {len(members)} in '{group}', {how})"))
    return out


def _pick(graph: "KnowledgeGraph", target: str, candidates: list[str], k: int, known: set[str],
          by_demand: bool) -> tuple[str, ...]:
    """The k candidates whose learning (with missing prerequisites) costs least, or that are most demanded."""
    def closure(skill: str) -> set[str]:
        seen, stack = set(), [skill]
        while stack:
            s = stack.pop()
            if s in seen or s in known:
                continue
            seen.add(s)
            stack.extend(p for p, d in graph.into(s, "PREREQUISITE_OF") if d.get("strength", "hard") == "hard")
        return seen

    def cost(combo: tuple[str, ...]) -> float:
        skills = set().union(*(closure(s) for s in combo))
        return sum(float(graph.g.nodes[s].get("effort_hours") or 0) for s in skills)

    def wanted_by(combo: tuple[str, ...]) -> int:
        total = 0
        for s in combo:
            ev = demand(graph.relationship("REQUIRES", target, s) or {})
            total += int(ev.get("count", 0)) if ev else 0
        return total

    combos = list(itertools.combinations(candidates, k))
    if by_demand:
        return min(combos, key=lambda c: (-wanted_by(c), cost(c)))
    return min(combos, key=cost)


def _order(graph: "KnowledgeGraph", skills: list[str]) -> list[str]:
    sub = nx.DiGraph()
    sub.add_nodes_from(skills)
    chosen = set(skills)
    for s, e, _ in graph.relationships("PREREQUISITE_OF"):
        if s in chosen and e in chosen:
            sub.add_edge(s, e)

    def key(skill: str) -> tuple[int, float, str]:
        return (graph.layer_rank(graph.layer_of(skill)), float(graph.g.nodes[skill].get("effort_hours") or 0), skill)

    return list(nx.lexicographical_topological_sort(sub, key=key))


def _reasons(reasons: list[str]) -> list[str]:
    """The track's reasons first, then every "prerequisite of X" merged into one."""
    core = [r for r in reasons if not r.startswith("prerequisite of")]
    pre = [r[len("prerequisite of "):] for r in reasons if r.startswith("prerequisite of")]
    return core + ([f"prerequisite of {', '.join(pre)}"] if pre else [])


def _demand_text(graph: "KnowledgeGraph", track: str, skill: str, lang: str) -> str | None:
    ev = demand(graph.relationship("REQUIRES", track, skill) or {})
    if not ev:
        return None
    return f"mentioned by {ev.get('count')} of {ev.get('total', '?')} {graph.name(track, lang)} postings"
