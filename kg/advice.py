"""Which track suits a person, and what to learn next."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable

from kg.errors import KGError
from kg.person import (
    Known,
    coverage,
    hard_prerequisites,
    has_choices,
    hours_left,
    is_mle,
    known_set,
    requirements,
    touched_by,
)
from kg.phrases import say
from kg.plan import Result, hours_for, hours_to, plan_for

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

AMONG = ("mle", "all")


def track_fit(graph: "KnowledgeGraph", track: str, known: Known, lang: str = "en") -> dict[str, Any]:
    """How much of one track a person has: core and bonus coverage by hours, hours left, entry-ready."""
    full = requirements(graph, track, "full", with_bonus=True, known=known.ids)
    core = [r for r in full if r["level"] == "core"]
    bonus = [r for r in full if r["level"] == "bonus"]
    full_hours, core_steps = hours_for(graph, [r["id"] for r in core], known.ids)
    if has_choices(graph, track):
        entry_hours, entry_steps = hours_to(graph, known, track, level="entry")
    else:  # entry level is the core
        entry_hours, entry_steps = full_hours, core_steps
    return {
        "id": track,
        "name": graph.name(track, lang),
        "mle": is_mle(graph, track),
        "coverage": {"core": coverage(graph, core, known.ids), "bonus": coverage(graph, bonus, known.ids)},
        "hours_left": full_hours,
        "entry_hours_left": entry_hours,
        "entry_ready": not entry_steps,
        "requirements": {"core": len(core), "bonus": len(bonus)},
    }


def _rules_version() -> str:
    import hashlib
    from pathlib import Path

    here = Path(__file__).parent
    h = hashlib.sha256()
    for name in ("person.py", "plan.py", "advice.py", "model.py"):
        h.update(hashlib.sha256((here / name).read_bytes()).digest())
    return h.hexdigest()


#: The code that decides a track's fit: what an index stored under another version is not used.
FIT_RULES = _rules_version()


def fit_baseline(graph: "KnowledgeGraph") -> dict[str, dict[str, Any]]:
    """Every track's :func:`track_fit` for someone who knows nothing (without its names), and
    whether it has requirements at all: an index keeps it, so that :func:`fit` measures again
    only the tracks what a person knows can change (see ``kg.person.touched_by``)."""
    out = {}
    for track in graph.ids("Track"):
        row = track_fit(graph, track, Known())
        del row["id"], row["name"]
        row["unranked"] = not graph.out(track, "REQUIRES")
        out[track] = row
    return out


def fit(graph: "KnowledgeGraph", know: Iterable[str] = (), *, from_: str | None = None, among: str = "mle",
        level: str = "entry", lang: str = "en", known: Known | None = None, strict: bool = False,
        target: str | None = None, cv: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Every track ranked by how much of it a person has, the recommended track, and the plan to it.

    ``cv`` (a text, Markdown, HTML, PDF or DOCX file) adds the tools and skills
    it shows before ``know``, and its current role when ``from_`` is not given;
    ``result["cv"]`` lists what was recognised.

    Tracks with no requirements in the data are not ranked (``unranked``).
    Tracks rank by core coverage, then bonus coverage (both by hours, partial
    knowledge counted), then fewer hours left, then id. The recommended track,
    among the MLE tracks (``among="mle"``) or all: the highest core coverage,
    ties by fewer hours to entry level, then id. The plan goes to the recommended
    track, or to ``target`` when the person has chosen one (a profile's ``target``).

    >>> from kg.loaders.curated import load_graph
    >>> f = fit(load_graph(), ["python", "sql", "pandas", "scikit-learn", "docker"])
    >>> f["recommended"]["track"], [t["id"] for t in f["tracks"]][:3]
    ('production-mle', ['ds', 'production-mle', 'pm'])
    >>> f["plan"]["to"], f["plan"]["level"]
    ('production-mle', 'entry')
    """
    if among not in AMONG:
        raise KGError(f"unknown `among=` '{among}' (one of: {', '.join(AMONG)})")
    found = None
    if cv is not None:
        from kg.cv import read_cv

        found = read_cv(cv, graph)
        know = [*found["tools"], *found["skills"], *know]
        if not from_ and found["role"]:
            from_ = found["role"]["track"]
    source = graph.resolve(from_, "Track") if from_ else None
    if known is None:
        known = known_set(graph, know, source, strict=strict)
    rows, unranked = _track_rows(graph, known, lang)
    rows.sort(key=lambda r: (-r["coverage"]["core"], -r["coverage"]["bonus"], r["hours_left"], r["id"]))
    pool = [r for r in rows if among == "all" or r["mle"]]
    if not pool:
        raise KGError("no track is marked `mle: true` in the data; use `among='all'`")
    best = min(pool, key=lambda r: (-r["coverage"]["core"], r["entry_hours_left"], r["id"]))
    goal = graph.resolve(target, "Track") if target else best["id"]
    plan = plan_for(graph, known, goal, source=source, level=level, lang=lang)
    result = Result({
        "known": sorted(known.ids),
        "known_via": dict(sorted(known.via.items())),
        "from": source,
        "tracks": rows,
        "unranked": unranked,
        "recommended": {"track": best["id"], "name": best["name"], "among": among,
                        "reason": _reason(best, pool, plan_for(graph, known, best["id"], level=level, lang=lang)
                                          if goal != best["id"] else plan, lang)},
        "plan": plan,
        "warnings": list(known.warnings),
    })
    if found is not None:
        result["cv"] = found
    return result


def _track_rows(graph: "KnowledgeGraph", known: Known, lang: str) -> tuple[list[dict[str, Any]], list[str]]:
    """:func:`track_fit` of every track with requirements, and the tracks without any (an
    imported occupation without skills has nothing to measure). From an index's baseline,
    only the tracks that require something the person's knowledge touches are measured."""
    tracks = [node["id"] for node in graph.nodes("Track")]  # one read of every track (names, flags)
    baseline = graph.derived("fit", FIT_RULES)
    if not isinstance(baseline, dict) or set(baseline) != set(tracks):
        unranked = [t for t in tracks if not graph.out(t, "REQUIRES")]
        return [track_fit(graph, t, known, lang) for t in tracks if t not in unranked], unranked
    measure = {t for node in touched_by(graph, known.ids) for t, _ in graph.into(node, "REQUIRES")}
    graph.prefetch(sorted(measure), "REQUIRES")
    wanted = sorted({n for t in measure for n, _ in graph.out(t, "REQUIRES")})
    graph.prefetch(wanted, "USES_TOOL")
    graph.prefetch(wanted, "PREREQUISITE_OF", "in")
    unranked = [t for t in tracks if baseline[t]["unranked"]]
    rows = []
    for t in tracks:
        if t in unranked:
            continue
        if t in measure:
            rows.append(track_fit(graph, t, known, lang))
        else:
            stored = {k: v for k, v in baseline[t].items() if k != "unranked"}
            rows.append({"id": t, "name": graph.name(t, lang), **stored})
    return rows, unranked


def _reason(best: dict[str, Any], pool: list[dict[str, Any]], plan: dict[str, Any],
            lang: str) -> str:
    pct = f"{best['coverage']['core']:.0%}"
    others = [r for r in pool if r["id"] != best["id"]]
    runner = min(others, key=lambda r: (-r["coverage"]["core"], r["entry_hours_left"], r["id"])) if others else None
    versus = (say("fit_versus", lang, pct=f"{runner['coverage']['core']:.0%}", track=runner["name"]) if runner else "")
    if best["entry_ready"]:
        return say("fit_ready", lang, track=best["name"], pct=pct, versus=versus)
    names = [s["name"] for s in plan["steps"]]
    shown = say("sep", lang).join(names[:4])
    if len(names) > 4:
        shown = say("and_more", lang, names=shown, n=len(names) - 4)
    return say("fit_left", lang, track=best["name"], pct=pct, versus=versus, hours=f"{best['entry_hours_left']:g}",
               steps=shown)


def next_steps(graph: "KnowledgeGraph", known: Known, target: str | None = None, *, limit: int = 10,
               lang: str = "en") -> dict[str, Any]:
    """What a person can learn now (every hard prerequisite known), ranked by the hours of
    coverage it adds to ``target`` (or to every track), ties by fewer hours, then id.

    A skill or tool adds, for each track, the hours its learning takes off that
    track's full-level requirements (core and bonus); each track also says its
    core coverage before and after (as in :func:`fit`).

    >>> from kg.loaders.curated import load_graph
    >>> g = load_graph()
    >>> n = next_steps(g, known_set(g, ["programming", "statistics"]), "production-mle")
    >>> [(c["id"], c["gain"]) for c in n["candidates"][:3]]
    [('machine-learning', 120), ('domain-knowledge', 85), ('data-pipeline', 80)]
    """
    tracks = [target] if target else graph.ids("Track")
    reqs = {t: requirements(graph, t, "full", with_bonus=True, known=known.ids) for t in tracks}
    left = {t: {r["id"]: hours_left(graph, r["id"], known.ids).hours for r in rs} for t, rs in reqs.items()}
    core = {t: [r for r in rs if r["level"] == "core"] for t, rs in reqs.items()}
    before = {t: coverage(graph, core[t], known.ids) for t in tracks}
    candidates: list[dict[str, Any]] = []
    for node in graph.ids("Skill") + graph.ids("Tool"):
        if node in known.ids or any(p not in known.ids for p in hard_prerequisites(graph, node)):
            continue
        after = known.ids | {node}
        by_track = {}
        for t, rs in reqs.items():
            gain = sum(left[t][r["id"]] - hours_left(graph, r["id"], after).hours for r in rs)
            if gain > 0:
                by_track[t] = gain
        total = sum(by_track.values())
        if total <= 0:
            continue
        unlocks = sorted(s for s in graph.ids("Skill") if s not in after
                         and node in hard_prerequisites(graph, s)
                         and all(p in after for p in hard_prerequisites(graph, s)))
        cost = hours_left(graph, node, known.ids)
        candidates.append({
            "id": node, "kind": graph.label(node).lower(), "name": graph.name(node, lang),
            "hours": cost.hours, "gain": total,
            "tracks": [{"id": t, "name": graph.name(t, lang), "hours": g,
                        "core_coverage": {"before": before[t], "after": coverage(graph, core[t], after)}}
                       for t, g in sorted(by_track.items(), key=lambda kv: (-kv[1], kv[0]))],
            "unlocks": unlocks,
        })
    candidates.sort(key=lambda c: (-c["gain"], c["hours"], c["id"]))
    return {"target": target, "known": sorted(known.ids), "candidates": candidates[:limit],
            "warnings": list(known.warnings)}


def next_for(graph: "KnowledgeGraph", know: Iterable[str] = (), *, from_: str | None = None,
             target: str | None = None, limit: int = 10, lang: str = "en", strict: bool = False) -> dict[str, Any]:
    """:func:`next_steps` for names as a person types them.

    >>> from kg.loaders.curated import load_graph
    >>> [c["id"] for c in next_for(load_graph(), from_="sde", target="Infra MLE")["candidates"][:3]]
    ['data-pipeline', 'cloud-computing', 'ml-lifecycle']
    """
    source = graph.resolve(from_, "Track") if from_ else None
    goal = graph.resolve(target, "Track") if target else None
    return next_steps(graph, known_set(graph, know, source, strict=strict), goal, limit=limit, lang=lang)
