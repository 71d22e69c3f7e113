"""The person model: what someone knows, what a track requires, and how much is left.

Every answer about a person (``plan``, ``compare``, ``list tracks``, ``fit``,
``next``, the ``--backend neo4j`` answers and the Python API) goes through the
three functions here, so they agree:

* :func:`known_set` — the skills and tools a person knows. A skill adds the
  skill, a tool adds the tool only (never its skill), a track adds its *core*
  requirements. Unknown names become warnings; the rest is used.
* :func:`requirements` — what a track requires at a level: every ``REQUIRES``
  to a Skill *or a Tool*; at entry level, the cheapest sufficient members of
  each choice group (``group``/``min_of``).
* :func:`hours_left` — how much of one skill or tool is left to learn, with
  partial knowledge: a skill whose tools the person partly knows keeps its
  step, shortened by half the known tools' share of its effort.

The rules are written out, with their tie-breaks, in ``docs/person-model.md``.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.errors import AmbiguousName, KGError, NodeNotFound
from kg.model import demand
from kg.phrases import say

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

LEVELS = ("entry", "full")

#: Exact search over a choice group's combinations up to this many; greedy above.
EXACT_LIMIT = 5000


def round_half_up(x: float) -> int:
    """Round to the nearest whole number, halves up (JavaScript's ``Math.round`` for x ≥ 0).

    >>> round_half_up(72.5), round_half_up(72.49), round_half_up(3.0)
    (73, 72, 3)
    """
    return math.floor(x + 0.5)


@dataclass
class Known:
    """What a person knows: node ids, where each came from, and the names that were not understood."""

    ids: set[str] = field(default_factory=set)
    via: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def split_names(items: Iterable[str]) -> list[str]:
    """``["a,b", " c "]`` -> ``["a", "b", "c"]``.

    >>> split_names(["pandas, sql", "", "docker"])
    ['pandas', 'sql', 'docker']
    """
    return [k.strip() for item in items for k in str(item).split(",") if k.strip()]


def known_set(graph: "KnowledgeGraph", know: Iterable[str] = (), from_: str | None = None,
              strict: bool = False) -> Known:
    """The skills and tools a person knows.

    A Skill adds itself; a Tool adds the tool only; a Track (and ``from_``)
    adds the track's core requirements. A name that matches nothing is left
    out with a warning naming the closest names (``strict``: a ``KGError`` instead).

    >>> from kg.loaders.curated import load_graph
    >>> k = known_set(load_graph(), ["sql", "Statistics", "jupyter"])
    >>> sorted(k.ids), k.unknown
    (['sql', 'statistics'], ['jupyter'])
    >>> k.warnings[0]
    "unknown `know=` item 'jupyter': no skill or tool or track named 'jupyter'; `search(TEXT)` finds names"
    """
    known = Known()
    if from_:
        track = graph.resolve(from_, "Track")
        _add_track(graph, track, known)
    for name in split_names(know):
        try:
            node = graph.resolve(name, ("Skill", "Tool", "Track"))
        except (NodeNotFound, AmbiguousName) as e:
            known.unknown.append(name)
            known.warnings.append(f"unknown `know=` item '{name}': {e}")
            continue
        if graph.label(node) == "Track":
            _add_track(graph, node, known)
        else:
            known.ids.add(node)
            known.via.setdefault(node, node)
    if strict and known.warnings:
        raise KGError("; ".join(known.warnings) + " (`strict=True`)")
    return known


def _add_track(graph: "KnowledgeGraph", track: str, known: Known) -> None:
    for req in requirements(graph, track, "full"):
        if req["level"] == "core":
            known.ids.add(req["id"])
            known.via.setdefault(req["id"], track)


@dataclass(frozen=True)
class Coverage:
    """How much of one skill or tool a person has left to learn."""

    hours: float            # hours left (0 when covered, or when the effort is unknown)
    effort: float | None    # the full effort_hours, None when the node has none
    partly_known: tuple[str, ...] = ()  # known tools of an unknown skill

    @property
    def covered(self) -> bool:
        return self.hours == 0


def hours_left(graph: "KnowledgeGraph", node: str, known: set[str] | frozenset[str]) -> Coverage:
    """Hours left of a skill or tool for a person who knows ``known``.

    Known: 0. An unknown skill some of whose tools are known:
    ``round_half_up(effort * (2n - k) / (2n))`` for k known of its n tools.
    Otherwise its effort (0 when it has none).

    >>> from kg.loaders.curated import load_graph
    >>> g = load_graph()
    >>> hours_left(g, "data-pipeline", {"sql"})      # 80 h, 1 of its 5 tools known: 80 * 9 / 10
    Coverage(hours=72, effort=80, partly_known=('sql',))
    >>> hours_left(g, "data-pipeline", {"data-pipeline"}).hours, hours_left(g, "kubernetes", set()).hours
    (0, 55)
    """
    effort = graph.effort(node)
    if node in known:
        return Coverage(0, effort)
    if effort is None:
        return Coverage(0, None)
    if graph.label(node) == "Skill":
        tools = [t for t, _ in graph.out(node, "USES_TOOL")]
        have = tuple(t for t in tools if t in known)
        if have:
            n, k = len(tools), len(have)
            return Coverage(round_half_up(effort * (2 * n - k) / (2 * n)), effort, have)
    return Coverage(effort, effort)


def _hard(props: dict[str, Any]) -> bool:
    return props.get("strength", "hard") == "hard"


def hard_prerequisites(graph: "KnowledgeGraph", node: str) -> list[str]:
    """The skills that must be learned before ``node`` (hard ``PREREQUISITE_OF``), in data order."""
    return [p for p, d in graph.into(node, "PREREQUISITE_OF") if _hard(d)]


def touched_by(graph: "KnowledgeGraph", known: Iterable[str]) -> set[str]:
    """The nodes whose hours left, or whose missing hard prerequisites, can differ from a
    beginner's for a person who knows ``known``: the known nodes, the skills of known tools,
    and every node that has one of these among its hard prerequisites, transitively.
    Every other node counts as it does for someone who knows nothing.

    >>> from kg.loaders.curated import load_graph
    >>> sorted(touched_by(load_graph(), ["docker"]))   # Docker's skill, and the skill that needs it first
    ['cluster-management', 'containerization', 'docker']
    """
    seen: set[str] = set()
    stack = []
    for node in known:
        stack.append(node)
        if graph.label(node) == "Tool":
            stack.extend(s for s, _ in graph.into(node, "USES_TOOL"))
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(e for e, d in graph.out(node, "PREREQUISITE_OF") if _hard(d))
    return seen


def missing_closure(graph: "KnowledgeGraph", node: str, known: set[str] | frozenset[str]) -> set[str]:
    """``node`` and its hard prerequisites, transitively, leaving out (and not going past) known ones.

    >>> from kg.loaders.curated import load_graph
    >>> sorted(missing_closure(load_graph(), "ml-frameworks", {"statistics"}))
    ['machine-learning', 'ml-frameworks']
    """
    seen: set[str] = set()
    stack = [node]
    while stack:
        s = stack.pop()
        if s in seen or s in known:
            continue
        seen.add(s)
        stack.extend(hard_prerequisites(graph, s))
    return seen


def has_demand(graph: "KnowledgeGraph") -> bool:
    """Whether any REQUIRES carries job-description counts (``kg ingest``)."""
    return any(demand(d) for _, _, d in graph.relationships("REQUIRES"))


def requirements(graph: "KnowledgeGraph", track: str, level: str = "full", with_bonus: bool = False,
                 by_demand: bool = False, known: set[str] | frozenset[str] = frozenset(),
                 lang: str = "en") -> list[dict[str, Any]]:
    """What ``track`` requires at ``level``: ``[{"id", "kind", "level", "group", "reason"}]``.

    Every REQUIRES from the track, to a Skill or a Tool. Full level: every
    core requirement (and bonus ones with ``with_bonus``). Entry level: core
    requirements outside choice groups, then for each group (``group`` and
    ``min_of``) the known members first, up to ``min_of``, then the cheapest
    sufficient subset of the rest (see :func:`choose`).

    >>> from kg.loaders.curated import load_graph
    >>> g = load_graph()
    >>> [r["id"] for r in requirements(g, "production-mle", "entry")]
    ['machine-learning', 'ml-frameworks', 'cloud-computing']
    >>> [r["id"] for r in requirements(g, "production-mle", "entry", known={"ml-frameworks", "sql"})][1:]
    ['ml-frameworks', 'cloud-computing']
    >>> requirements(g, "production-mle", "entry", known={"ml-frameworks"})[1]["reason"]
    "core skill of Production MLE (2 of 3 in 'core-three', known)"
    """
    if level not in LEVELS:
        raise KGError(f"unknown level '{level}' (one of: {', '.join(LEVELS)})")
    tname = graph.name(track, lang)
    out: list[dict[str, Any]] = []
    groups: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    reasons: dict[tuple[str, str], str] = {}  # the same few sentences for every requirement
    for node, props in graph.out(track, "REQUIRES"):
        kind = graph.label(node).lower()
        lvl = props.get("level", "core")
        if level == "entry" and in_choice_group(props):
            groups.setdefault(str(props["group"]), []).append((node, props))
        elif lvl == "core" or with_bonus:
            if (lvl, kind) not in reasons:
                reasons[lvl, kind] = say("required", lang, level=say(lvl, lang), kind=say(kind, lang), track=tname)
            out.append({"id": node, "kind": kind, "level": lvl, "group": props.get("group"),
                        "weight": requirement_weight(props), "reason": reasons[lvl, kind]})
    if not groups:
        return out
    # What the track needs anyway: a group member is cheaper when its prerequisites come with these.
    fixed: set[str] = set()
    for r in out:
        fixed |= missing_closure(graph, r["id"], known)
    weights = {m: requirement_weight(p) for members in groups.values() for m, p in members}
    for group, members in groups.items():
        need = min(int(members[0][1]["min_of"]), len(members))
        have = [m for m, _ in members if m in known][:need]
        picked = [(m, "known") for m in have]
        if len(have) < need:
            rest = [m for m, _ in members if m not in known]
            how = "most_demanded" if by_demand else "cheapest"
            picked += [(m, how) for m in choose(graph, track, rest, need - len(have), known, fixed, by_demand)]
        for m, how in picked:
            kind = graph.label(m).lower()
            out.append({"id": m, "kind": kind, "level": "core", "group": group, "weight": weights[m],
                        "reason": say("group", lang, kind=say(kind, lang), track=tname, need=need, n=len(members),
                                      group=group, how=say(how, lang))})
    return out


def in_choice_group(props: dict[str, Any]) -> bool:
    """Whether a REQUIRES is a member of a choice group (core, with ``group`` and ``min_of``):
    at entry level only some members are needed."""
    return props.get("level", "core") == "core" and bool(props.get("group")) and bool(props.get("min_of"))


def has_choices(graph: "KnowledgeGraph", track: str) -> bool:
    """Whether ``track`` has a choice group, so that its entry level differs from its core."""
    return any(in_choice_group(props) for _, props in graph.out(track, "REQUIRES"))


def is_mle(graph: "KnowledgeGraph", track: str) -> bool:
    """Whether the data marks the track as an MLE track (``mle: true``): what ``fit`` chooses among.

    >>> from kg.loaders.curated import load_graph
    >>> g = load_graph()
    >>> [t for t in g.ids("Track") if is_mle(g, t)]
    ['production-mle', 'research-mle', 'infra-mle']
    """
    return graph.props(track).get("mle") is True


def requirement_weight(props: dict[str, Any]) -> float:
    """How many times a requirement's hours count in coverage: its ``weight`` if that is a
    number ≥ 0, else 1.

    >>> requirement_weight({"weight": 2.5}), requirement_weight({"weight": -1}), requirement_weight({})
    (2.5, 1, 1)
    """
    w = props.get("weight", 1)
    return w if isinstance(w, (int, float)) and not isinstance(w, bool) and w >= 0 else 1


def track_demand(graph: "KnowledgeGraph", track: str, node: str) -> dict[str, Any] | None:
    """The job-description evidence (``count``, ``total`` ...) on ``track`` REQUIRES ``node``, if any.

    >>> from kg.loaders.curated import load_graph
    >>> track_demand(load_graph(), "ds", "sql") is None
    True
    """
    return demand(graph.relationship("REQUIRES", track, node) or {})


def node_layer(graph: "KnowledgeGraph", node: str) -> str | None:
    """The layer of a skill, or of a tool's first skill (a tool has no layer of its own).

    >>> from kg.loaders.curated import load_graph
    >>> g = load_graph()
    >>> node_layer(g, "data-pipeline"), node_layer(g, "docker"), node_layer(g, "ds")
    ('data', 'application', None)
    """
    if graph.label(node) == "Skill":
        return graph.layer_of(node)
    if graph.label(node) != "Tool":
        return None
    skills = graph.into(node, "USES_TOOL")
    return graph.layer_of(skills[0][0]) if skills else None


def choose(graph: "KnowledgeGraph", track: str, candidates: list[str], k: int, known: set[str] | frozenset[str],
           fixed: set[str] | frozenset[str] = frozenset(), by_demand: bool = False) -> list[str]:
    """The ``k`` candidates that cost least to learn (or that job descriptions ask for most).

    The cost of a set is the hours left of its members and of their missing
    hard prerequisites, each counted once, leaving out what ``fixed`` (the
    track's other requirements) brings anyway. With C(n, k) ≤ 5,000 every
    combination is tried: least cost, ties by the sorted ids. Above that,
    greedily, k times: the least marginal cost, ties by id. ``by_demand``
    ranks by the summed job-description count first, then by cost.
    The answer comes in the candidates' order.

    >>> from kg.loaders.curated import load_graph
    >>> choose(load_graph(), "production-mle", ["ml-frameworks", "data-pipeline", "cloud-computing"], 2, set())
    ['data-pipeline', 'cloud-computing']
    """
    if k <= 0 or not candidates:
        return []
    k = min(k, len(candidates))
    closures = {c: missing_closure(graph, c, known) - set(fixed) for c in candidates}
    hours: dict[str, float] = {}

    def cost(nodes: Iterable[str]) -> float:
        total = 0.0
        for n in nodes:
            if n not in hours:
                hours[n] = float(hours_left(graph, n, known).hours)
            total += hours[n]
        return total

    def wanted(c: str) -> int:
        ev = track_demand(graph, track, c)
        return int(ev.get("count", 0)) if ev else 0

    if math.comb(len(candidates), k) <= EXACT_LIMIT:
        best: tuple[Any, ...] | None = None
        for combo in itertools.combinations(candidates, k):
            union: set[str] = set().union(*(closures[c] for c in combo))
            key = (-sum(wanted(c) for c in combo) if by_demand else 0, cost(union), sorted(combo))
            if best is None or key < best[0]:
                best = (key, combo)
        assert best is not None
        chosen = set(best[1])
    else:
        chosen = set()
        brought: set[str] = set()
        for _ in range(k):
            pick = min((c for c in candidates if c not in chosen),
                       key=lambda c, got=frozenset(brought): (-wanted(c) if by_demand else 0,  # type: ignore[misc]
                                                              cost(closures[c] - got), c))
            chosen.add(pick)
            brought |= closures[pick]
    return [c for c in candidates if c in chosen]


def coverage(graph: "KnowledgeGraph", reqs: list[dict[str, Any]], known: set[str] | frozenset[str]) -> float:
    """Share of the requirements' hours a person already has (partial knowledge counted), 3 decimals.

    Each requirement's hours count ``weight`` times (REQUIRES ``weight``, default 1).
    Requirements without hours do not count; when none has hours (a taxonomy's
    track), each counts ``weight`` times one and the share is of those known.
    No requirements at all: 1.0.

    >>> from kg.loaders.curated import load_graph
    >>> g = load_graph()
    >>> core = [r for r in requirements(g, "infra-mle") if r["level"] == "core"]
    >>> coverage(g, core, {"data-pipeline", "ci-cd"})   # (80 + 35) of 80+65+42+35+120
    0.336
    >>> g.add_node("esco-x", "Skill", name="X")  # a taxonomy's skills carry no hours
    >>> coverage(g, [{"id": "esco-x"}, {"id": "python"}], {"python"})   # some have hours: by hours
    1.0
    >>> g.add_node("esco-y", "Skill", name="Y")
    >>> coverage(g, [{"id": "esco-x"}, {"id": "esco-y"}], {"esco-x"})   # none has hours: by number
    0.5
    """
    total = covered = 0.0
    count = counted = 0.0  # the same by number, for requirements that carry no hours
    for r in reqs:
        c = hours_left(graph, r["id"], known)
        w = r.get("weight", 1)
        count += w
        counted += w if r["id"] in known else 0
        if c.effort is None:
            continue
        total += w * c.effort
        covered += w * (c.effort - c.hours)
    if total:
        return round(covered / total, 3)
    return round(counted / count, 3) if count else 1.0
