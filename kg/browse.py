"""Looking around the graph: show a node, search, list, statistics."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.errors import KGError
from kg.model import LABELS, demand, provenance_summary
from kg.resolve import normalize

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
        names = [node["id"], node.get("name", ""), node.get("name_zh", ""), *node.get("aliases", [])]
        normed = [normalize(n) for n in names if n]
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
    key = text.strip().lower()
    for label in LABELS:
        if key in (label.lower(), label.lower() + "s"):
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
            from kg.person import requirements

            levels = [r["level"] for r in requirements(graph, i, "full", with_bonus=True)]
            row.update(core=levels.count("core"), bonus=levels.count("bonus"), mle=bool(node.get("mle")))
        elif lab == "Layer":
            row.update(order=node.get("order"), skills=len(graph.out(i, "HAS_SKILL")))
        elif lab == "Skill":
            row.update(layer=graph.layer_of(i), effort_hours=node.get("effort_hours"),
                       tools=[t for t, _ in graph.out(i, "USES_TOOL")])
        else:
            row.update(skills=[s for s, _ in graph.into(i, "USES_TOOL")], effort_hours=node.get("effort_hours"))
        row["source"] = (node.get("provenance") or [{}])[0].get("source")
        rows.append(row)
    if lab == "Layer":
        rows.sort(key=lambda r: r["order"] or 99)
    if lab == "Skill":
        rows.sort(key=lambda r: (graph.layer_rank(r["layer"]), r["id"]))
    return rows


#: Above this many nodes, betweenness is estimated from a sample of ``BETWEENNESS_SAMPLE`` sources.
EXACT_BETWEENNESS_NODES = 2000
BETWEENNESS_SAMPLE = 100
#: The sample is drawn with this seed, so the same graph always gives the same numbers.
BETWEENNESS_SEED = 0


def stats(graph: "KnowledgeGraph", top: int = 5, lang: str = "en") -> dict[str, Any]:
    """Counts, the most central skills, and the skills that bridge most tracks.

    Betweenness is exact up to ``EXACT_BETWEENNESS_NODES`` nodes; on a larger graph
    (a full taxonomy) it is estimated from ``BETWEENNESS_SAMPLE`` source nodes drawn
    with a fixed seed, and ``betweenness`` in the result says so.

    >>> from kg.loaders.curated import load_graph
    >>> s = stats(load_graph())
    >>> s["nodes"]["Layer"], s["nodes"]["Track"], s["betweenness"]["exact"]
    (4, 9, True)
    """
    counts = graph.counts()
    simple = graph.undirected()
    n = simple.number_of_nodes()
    sample = min(BETWEENNESS_SAMPLE, n) if n > EXACT_BETWEENNESS_NODES else None
    centrality = nx.betweenness_centrality(simple, k=sample, seed=BETWEENNESS_SEED if sample else None)
    skills = graph.ids("Skill")
    central = sorted(skills, key=lambda s: (-centrality[s], s))[:top]
    by_tracks = {s: sorted(t for t, _ in graph.into(s, "REQUIRES")) for s in skills}
    bridges = sorted((s for s in skills if len(by_tracks[s]) > 1), key=lambda s: (-len(by_tracks[s]), s))[:top]
    sources: dict[str, int] = {}
    for _, d in graph.g.nodes(data=True):
        for p in d.get("provenance", [])[:1]:
            sources[p.get("source", "?")] = sources.get(p.get("source", "?"), 0) + 1
    for _, _, d in graph.relationships():
        for p in d.get("provenance", [])[:1]:
            sources[p.get("source", "?")] = sources.get(p.get("source", "?"), 0) + 1
    return {
        "nodes": counts["nodes"],
        "relationships": counts["relationships"],
        "total_nodes": graph.g.number_of_nodes(),
        "total_relationships": graph.g.number_of_edges(),
        "sources": dict(sorted(sources.items(), key=lambda kv: -kv[1])),
        "central_skills": [{"id": s, "name": graph.name(s, lang), "betweenness": round(centrality[s], 4)} for s in central],
        "betweenness": {"exact": sample is None, "sources": sample or n, "nodes": n,
                        "seed": BETWEENNESS_SEED if sample else None},
        "bridges": [{"id": s, "name": graph.name(s, lang), "tracks": by_tracks[s]} for s in bridges],
    }
