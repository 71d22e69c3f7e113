"""Looking around the graph: show a node, search, list, statistics."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from kg.errors import KGError
from kg.model import LABELS, demand, label_named, provenance_summary
from kg.resolve import normalize, spellings

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph


def show(graph: "KnowledgeGraph", name: str, lang: str = "en") -> dict[str, Any]:
    """A node's properties, its relationships both ways, and where each comes from.

    >>> from kg.loaders.curated import load_graph
    >>> node = show(load_graph(), "k8s")
    >>> node["id"], node["label"], [r["other"] for r in node["relationships"] if r["type"] == "USES_TOOL"]
    ('kubernetes', 'Tool', ['cluster-management'])
    """
    node_id = graph.resolve(name)
    node = graph.node(node_id)
    node["display_name"] = graph.name(node_id, lang)
    node["sources"] = [provenance_summary(p) for p in node.get("provenance", [])]
    rels = []
    for direction, items in (("out", graph.edges_of(node_id, "out")), ("in", graph.edges_of(node_id, "in"))):
        for s, e, key, data in items:
            other = e if direction == "out" else s
            props = {k: v for k, v in data.items() if k not in ("type", "provenance")}
            ev = demand(data)
            rels.append({
                "type": key,
                "direction": direction,
                "start": s,
                "end": e,
                "other": other,
                "other_label": graph.label(other),
                "other_name": graph.name(other, lang),
                "properties": props,
                "provenance": data.get("provenance", []),
                "sources": [provenance_summary(p) for p in data.get("provenance", [])],
                "demand": ev,
            })
    node["relationships"] = rels
    return node


def search(graph: "KnowledgeGraph", text: str, *, label: str | None = None, limit: int = 20,
           lang: str = "en") -> list[dict[str, Any]]:
    """Nodes whose id, names, aliases, ESCO URI or description contain ``text``, best first.

    >>> from kg.loaders.curated import load_graph
    >>> [hit["id"] for hit in search(load_graph(), "mlops")]
    ['ml-lifecycle', 'infra-mle']
    """
    query = normalize(text)
    if not query:
        raise KGError("search needs some text")
    labels = {parse_label(label)} if label else None
    hits = []
    for node in graph.matching(query):
        if labels and node["label"] not in labels:
            continue
        normed = [normalize(n) for n in spellings(node["id"], node)]
        if query in normed:
            rank, where = 0, "name"
        elif any(n.startswith(query) for n in normed):
            rank, where = 1, "name"
        elif any(query in n for n in normed):
            rank, where = 2, "name"
        elif linked := next((k for k in ("esco_uri", "esco_occupation") if query in normalize(node.get(k) or "")), None):
            rank, where = (0 if normalize(node[linked]) == query else 2), linked
        elif query in normalize(node.get("description", "")):
            rank, where = 3, "description"
        else:
            continue
        hits.append((rank, LABELS.index(node["label"]), node["id"], where))
    hits.sort()
    return [
        {"id": i, "label": graph.label(i), "name": graph.name(i, lang), "matched": where,
         "description": graph.props(i).get("description", "")}
        for _, _, i, where in hits[:limit]
    ]


def parse_label(text: str) -> str:
    """'skills', 'Skill' or 'skill' -> 'Skill'.

    >>> parse_label("tools")
    'Tool'
    """
    label = label_named(text)
    if label is not None:
        return label
    raise KGError(f"unknown label '{text}' (one of: {', '.join(name.lower() + 's' for name in LABELS)})")


def list_nodes(graph: "KnowledgeGraph", label: str, lang: str = "en") -> list[dict[str, Any]]:
    """Every node of a label with the facts that matter for it.

    >>> from kg.loaders.curated import load_graph
    >>> [row["id"] for row in list_nodes(load_graph(), "layers")]
    ['data', 'algorithm', 'application', 'control']
    """
    lab = parse_label(label)
    rows = []
    for node in graph.nodes(lab):
        i = node["id"]
        row: dict[str, Any] = {"id": i, "name": graph.name(i, lang)}
        if lab == "Track":
            from kg.person import is_mle, requirements

            levels = [r["level"] for r in requirements(graph, i, "full", with_bonus=True)]
            row.update(core=levels.count("core"), bonus=levels.count("bonus"), mle=is_mle(graph, i))
        elif lab == "Layer":
            row.update(order=node.get("order"), skills=len(graph.out(i, "HAS_SKILL")))
        elif lab == "Skill":
            row.update(layer=graph.layer_of(i), effort_hours=graph.effort(i),
                       tools=[t for t, _ in graph.out(i, "USES_TOOL")])
        else:
            row.update(skills=[s for s, _ in graph.into(i, "USES_TOOL")], effort_hours=graph.effort(i))
        row["source"] = (node.get("provenance") or [{}])[0].get("source")
        rows.append(row)
    if lab == "Layer":
        rows.sort(key=lambda r: r["order"] or 99)
    if lab == "Skill":
        rows.sort(key=lambda r: (graph.layer_rank(r["layer"]), r["id"]))
    return rows


#: Up to this many nodes betweenness is exact; above, it is estimated from a sample of sources.
EXACT_BETWEENNESS_NODES = 2000
#: The estimate's budget in node and relationship visits: one source costs one pass over the graph
#: (n + m visits), so the sample holds ``budget // (n + m)`` sources and costs about the same on any
#: graph (ESCO-sized, 17k nodes and 139k relationships: 19 sources, about a second).
BETWEENNESS_BUDGET = 3_000_000
#: The sample is drawn with this seed, so the same graph always gives the same numbers.
BETWEENNESS_SEED = 0


def betweenness(graph: "KnowledgeGraph") -> tuple[dict[str, float], dict[str, Any]]:
    """Normalized betweenness of every node over the relationships taken as undirected, and how
    it was computed: exact up to ``EXACT_BETWEENNESS_NODES`` nodes, else estimated from
    ``BETWEENNESS_BUDGET // (nodes + relationships)`` sources drawn with ``BETWEENNESS_SEED``.

    The numbers are networkx's ``betweenness_centrality(graph.undirected(), k=…, seed=…)`` (same
    sample, same sums in the same order), computed over integer adjacency lists, about 4 times faster.

    >>> from kg.loaders.curated import load_graph
    >>> scores, how = betweenness(load_graph())
    >>> how["exact"], how["sources"] == how["nodes"], round(scores["programming"], 3) > 0
    (True, True, True)
    """
    import random

    from kg.model import KnowledgeGraph

    if type(graph).adjacency is KnowledgeGraph.adjacency:
        # In memory: neighbours in first-seen order, as graph.undirected() has them, without building it.
        succ = graph.links("out")
        index = {node: i for i, node in enumerate(succ)}
        linked: list[dict[int, None]] = [{} for _ in index]
        for u, ends in succ.items():
            iu = index[u]
            mine = linked[iu]
            for v in ends:
                iv = index[v]
                mine[iv] = None
                linked[iv][iu] = None
        adj = [list(ends) for ends in linked]
    else:  # a graph on disk gives each node's neighbours (in the same order) without loading the rest
        names_in_order = graph.ids()
        index = {node: i for i, node in enumerate(names_in_order)}
        neighbours, _ = graph.adjacency(directed=False)
        adj = [[index[v] for v in neighbours(u)] for u in names_in_order]
    n = len(adj)
    m = (sum(len(ends) for ends in adj) + sum(1 for i, ends in enumerate(adj) if i in ends)) // 2
    if n <= EXACT_BETWEENNESS_NODES:
        sources = list(range(n))
        how: dict[str, Any] = {"exact": True, "sources": n, "nodes": n, "seed": None}
    else:
        k = min(n, max(1, BETWEENNESS_BUDGET // (n + m)))
        sources = random.Random(BETWEENNESS_SEED).sample(range(n), k)
        how = {"exact": k == n, "sources": k, "nodes": n, "relationships": m, "budget": BETWEENNESS_BUDGET,
               "seed": BETWEENNESS_SEED}
    scores = _brandes(adj, sources)
    _rescale(scores, sources, exact=len(sources) == n)
    names = list(index)
    return {names[i]: score for i, score in enumerate(scores)}, how


def _brandes(adj: list[list[int]], sources: list[int]) -> list[float]:
    """Brandes' accumulation from each source over unweighted adjacency lists (not yet rescaled)."""
    n = len(adj)
    scores = [0.0] * n
    for s in sources:
        dist = [-1] * n
        sigma = [0] * n
        dist[s], sigma[s] = 0, 1
        order = [s]
        append = order.append
        for v in order:  # breadth first: order grows while it is walked
            dv, sv = dist[v] + 1, sigma[v]
            for w in adj[v]:
                dw = dist[w]
                if dw < 0:
                    dist[w], sigma[w] = dv, sv
                    append(w)
                elif dw == dv:
                    sigma[w] += sv
        delta = [0.0] * n
        for w in reversed(order):
            before = dist[w] - 1
            coeff = (1 + delta[w]) / sigma[w]
            for v in adj[w]:
                if dist[v] == before:
                    delta[v] += sigma[v] * coeff
            if w != s:
                scores[w] += delta[w]
    return scores


def _rescale(scores: list[float], sources: list[int], exact: bool) -> None:
    """Normalize as networkx does for an undirected graph without endpoints."""
    n = len(scores)
    if n - 1 < 2:
        return
    k = len(sources)
    if exact:
        scale = 1 / ((n - 1) * (n - 2))
        for i in range(n):
            scores[i] *= scale
        return
    other = 1 / (k * (n - 2))
    own = 1 / ((k - 1) * (n - 2)) if k > 1 else 0.0
    chosen = set(sources)
    for i in range(n):
        scores[i] *= own if i in chosen else other


def kept_stats(data_files: "tuple[str, ...] | list[str]", graph: "Callable[[], KnowledgeGraph]", top: int = 5,
               lang: str = "en") -> dict[str, Any]:
    """``stats(graph(), top, lang)`` for the graph ``kg.cache.load_graph(data_files)`` gives, kept
    beside the graph cache (``stats-KEY.json``, keyed by the graph's content, this module's code and
    the betweenness settings), so a second call neither loads the graph nor computes anything.

    >>> import os, tempfile; from unittest import mock
    >>> from kg.cache import load_graph
    >>> def no_graph(): raise AssertionError("the kept statistics are used")
    >>> with mock.patch.dict(os.environ, KG_CACHE_DIR=tempfile.mkdtemp()):
    ...     first, again = kept_stats([], load_graph), kept_stats([], no_graph)
    >>> first == again, again["nodes"]["Track"]
    (True, 9)
    """
    import hashlib
    from pathlib import Path

    from kg.cache import content_key, read_beside, write_beside

    key = content_key(data_files)
    if key is None:
        return stats(graph(), top, lang)
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    settings = [code, EXACT_BETWEENNESS_NODES, BETWEENNESS_BUDGET, BETWEENNESS_SEED]
    variant = f"{top}/{lang}"
    kept = read_beside("stats", key)
    if not (isinstance(kept, dict) and kept.get("key") == key and kept.get("settings") == settings
            and isinstance(kept.get("results"), dict)):
        kept = {"key": key, "settings": settings, "results": {}}
    result = kept["results"].get(variant)
    if isinstance(result, dict) and set(result) == _STATS_FIELDS:
        return result
    result = stats(graph(), top, lang)
    kept["results"][variant] = result
    write_beside("stats", key, kept)
    return result


def stats(graph: "KnowledgeGraph", top: int = 5, lang: str = "en") -> dict[str, Any]:
    """Counts, the most central skills, and the skills that bridge most tracks.

    Betweenness is exact up to ``EXACT_BETWEENNESS_NODES`` nodes; on a larger graph (a full
    taxonomy) it is estimated from a seeded sample of sources sized to ``BETWEENNESS_BUDGET``
    (see ``betweenness``), and ``betweenness`` in the result says so.

    >>> from kg.loaders.curated import load_graph
    >>> s = stats(load_graph())
    >>> s["nodes"]["Layer"], s["nodes"]["Track"], s["betweenness"]["exact"]
    (4, 9, True)
    """
    counts = graph.counts()
    centrality, how = betweenness(graph)
    skills = graph.ids("Skill")
    central = sorted(skills, key=lambda s: (-centrality[s], s))[:top]
    # One pass over the relationships (not a question per skill: a graph on disk answers each from the file).
    by_tracks: dict[str, list[str]] = {s: [] for s in skills}
    sources: dict[str, int] = {}
    for node in graph.nodes():
        for p in node.get("provenance", [])[:1]:
            sources[p.get("source", "?")] = sources.get(p.get("source", "?"), 0) + 1
    for start, end, d in graph.relationships():
        if d.get("type") == "REQUIRES" and end in by_tracks:
            by_tracks[end].append(start)
        for p in d.get("provenance", [])[:1]:
            sources[p.get("source", "?")] = sources.get(p.get("source", "?"), 0) + 1
    for tracks in by_tracks.values():
        tracks.sort()
    bridges = sorted((s for s in skills if len(by_tracks[s]) > 1), key=lambda s: (-len(by_tracks[s]), s))[:top]
    return {
        "nodes": counts["nodes"],
        "relationships": counts["relationships"],
        "total_nodes": len(graph),
        "total_relationships": graph.number_of_relationships(),
        "sources": dict(sorted(sources.items(), key=lambda kv: -kv[1])),
        "central_skills": [{"id": s, "name": graph.name(s, lang), "betweenness": round(centrality[s], 4)} for s in central],
        "betweenness": how,
        "bridges": [{"id": s, "name": graph.name(s, lang), "tracks": by_tracks[s],
                     "track_names": [graph.name(t, lang) for t in by_tracks[s]]} for s in bridges],
    }


_STATS_FIELDS = {"nodes", "relationships", "total_nodes", "total_relationships", "sources", "central_skills",
                 "betweenness", "bridges"}
