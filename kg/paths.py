"""Shortest paths between any two nodes, as readable chains of relationships."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable

import networkx as nx

from kg.errors import KGError, NoPath
from kg.model import LABELS, REL_TYPES, label_named

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

_TYPE_ORDER = {t: i for i, t in enumerate(REL_TYPES)}


def find_path(graph: "KnowledgeGraph", a: str, b: str, *, directed: bool = False, weighted: bool = False,
              all_paths: bool = False, via: str | Iterable[str] | None = None, lang: str = "en",
              store: Any = None) -> dict[str, Any]:
    """The shortest path from ``a`` to ``b`` (names, ids or aliases).

    Undirected unless ``directed``; ``weighted`` minimises the learning effort
    of the nodes stepped into; ``via`` keeps only nodes of those labels between
    the ends; ``all_paths`` returns every shortest path. With a ``store``
    (a database holding the same graph), a plain shortest path is the
    server's own answer (several paths may tie; any of them is shortest).

    >>> from kg.loaders.curated import load_graph
    >>> p = find_path(load_graph(), "k8s", "Cluster management")
    >>> [n["id"] for n in p["nodes"]], p["relationships"][0]["type"], p["length"]
    (['kubernetes', 'cluster-management'], 'USES_TOOL', 1)
    """
    start, end = graph.resolve(a), graph.resolve(b)
    if store is not None and not (weighted or all_paths or via):
        found = store.shortest_path(start, end, directed=directed)
        if found is None:
            raise NoPath(_no_path_message(graph, start, end, directed, via))
        path = describe_path(graph, [n["id"] for n in found["nodes"]], directed=directed, lang=lang)
        return {**path, "from": start, "to": end, "directed": directed, "weighted": False, "server": True}
    try:
        if weighted or all_paths or via:
            g = graph.for_networkx(directed, _labels(via) if via else None, keep=(start, end))
            weight = {"weight": _effort_weight(graph)} if weighted else {}  # unweighted: breadth-first
            if all_paths:
                found = sorted(nx.all_shortest_paths(g, start, end, **weight))
            else:
                found = [nx.shortest_path(g, start, end, **weight)]
        else:
            found = [shortest_path(*graph.adjacency(directed), start, end)]
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        raise NoPath(_no_path_message(graph, start, end, directed, via)) from None
    paths = [describe_path(graph, ids, directed=directed, lang=lang) for ids in found]
    if weighted:
        for p in paths:
            p["effort_hours"] = sum(_effort(graph, n["id"]) for n in p["nodes"][1:])
    result = dict(paths[0])
    result.update({"from": start, "to": end, "directed": directed, "weighted": weighted})
    if all_paths:
        result["paths"] = paths
        result["count"] = len(paths)
    return result


def shortest_path(forward: Callable[[str], Iterable[str]], backward: Callable[[str], Iterable[str]],
                  start: str, end: str) -> list[str]:
    """A shortest path from ``start`` to ``end`` by breadth-first search from both ends.

    ``forward(n)`` gives the nodes one step on from ``n``, ``backward(n)`` one step back.
    Each round widens the smaller frontier (the start's on a tie) by one level and stops at
    the first node both searches reached, so it visits only the neighbourhoods it needs and
    finds the same path as networkx's ``shortest_path``. Raises ``NetworkXNoPath``.

    >>> adj = {"a": ["b", "c"], "b": ["a", "d"], "c": ["a", "d"], "d": ["b", "c"]}
    >>> shortest_path(adj.__getitem__, adj.__getitem__, "a", "d")
    ['a', 'b', 'd']
    """
    if start == end:
        return [start]
    came_from: dict[str, str | None] = {start: None}   # reached from the start: the step before
    goes_to: dict[str, str | None] = {end: None}       # reached from the end: the step after
    ahead, behind = [start], [end]
    meet = None
    while ahead and behind and meet is None:
        grow_ahead = len(ahead) <= len(behind)
        level, step = (ahead, forward) if grow_ahead else (behind, backward)
        mine, theirs = (came_from, goes_to) if grow_ahead else (goes_to, came_from)
        frontier: list[str] = []
        for node in level:
            for other in step(node):
                if other not in mine:
                    mine[other] = node
                    frontier.append(other)
                if other in theirs:
                    meet = other
                    break
            if meet is not None:
                break
        if grow_ahead:
            ahead = frontier
        else:
            behind = frontier
    if meet is None:
        raise nx.NetworkXNoPath(f"no path between {start} and {end}")
    path: list[str] = []
    hop: str | None = meet
    while hop is not None:
        path.append(hop)
        hop = came_from[hop]
    path.reverse()
    hop = goes_to[meet]
    while hop is not None:
        path.append(hop)
        hop = goes_to[hop]
    return path


def _labels(via: str | Iterable[str]) -> set[str]:
    wanted = [via] if isinstance(via, str) else list(via)
    out = set()
    for w in wanted:
        for part in str(w).split(","):
            lab = label_named(part)
            if lab is None:
                raise KGError(f"unknown label '{part.strip()}' for `via=` (one of: {', '.join(LABELS)})")
            out.add(lab)
    return out


def _effort(graph: "KnowledgeGraph", node_id: str) -> float:
    return float(graph.effort(node_id) or 0)


def _effort_weight(graph: "KnowledgeGraph"):
    # Stepping into a node costs its learning effort; nodes without one cost an hour,
    # so that among effort-free routes the shorter one still wins.
    def weight(u: str, v: str, d: Any) -> float:
        return max(_effort(graph, v), 1.0)

    return weight


def _no_path_message(graph: "KnowledgeGraph", start: str, end: str, directed: bool,
                     via: str | Iterable[str] | None) -> str:
    message = f"no path from '{graph.name(start)}' ({start}) to '{graph.name(end)}' ({end})"
    hints = []
    if directed:
        hints.append("without `directed=True`")
    if via:
        hints.append("without `via=`")
    return message + (f"; try {' or '.join(hints)}" if hints else "")


def describe_path(graph: "KnowledgeGraph", ids: list[str], *, directed: bool = False, lang: str = "en") -> dict[str, Any]:
    """A path of node ids as ``{"nodes", "relationships", "length"}``, each step's relationship named.

    >>> from kg.loaders.curated import load_graph
    >>> describe_path(load_graph(), ["kubernetes", "cluster-management"])["relationships"]
    [{'type': 'USES_TOOL', 'start': 'cluster-management', 'end': 'kubernetes'}]
    """
    nodes = [{"id": i, "label": graph.label(i), "name": graph.name(i, lang)} for i in ids]
    rels = []
    for u, v in zip(ids, ids[1:]):
        options = [(k, u, v) for k in graph.types_between(u, v)]
        if not directed:
            options += [(k, v, u) for k in graph.types_between(v, u)]
        # The first type in REL_TYPES' order; of two alike, the one along the step (listed first).
        rel_type, s, e = min(options, key=lambda o: _TYPE_ORDER.get(o[0], len(_TYPE_ORDER)))
        rels.append({"type": rel_type, "start": s, "end": e})
    return {"nodes": nodes, "relationships": rels, "length": len(rels)}


def format_path(path: dict[str, Any]) -> str:
    """One line: ``A (Track) -[FOCUSES_ON]-> B (Layer) <-[FOCUSES_ON]- C (Track)``."""
    parts = [f"{path['nodes'][0]['name']} ({path['nodes'][0]['label']})"]
    for node, rel, prev in zip(path["nodes"][1:], path["relationships"], path["nodes"]):
        arrow = f"-[{rel['type']}]->" if rel["start"] == prev["id"] else f"<-[{rel['type']}]-"
        parts.append(f"{arrow} {node['name']} ({node['label']})")
    return " ".join(parts)
