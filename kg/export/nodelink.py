"""Node-link JSON, as networkx and d3 read it: ``nodes`` and ``links``."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.safeio import dumps_json

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph


def to_json(graph: "KnowledgeGraph") -> str:
    """Node-link JSON (networkx, d3): ``nodes`` with ``id`` and ``label``, ``links`` with ``source``, ``target``, ``type``.

    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph(); g.add_node("sql", "Tool", name="SQL"); g.add_node("db", "Skill")
    >>> g.add_relationship("USES_TOOL", "db", "sql")
    >>> json.loads(to_json(g))["links"]
    [{'source': 'db', 'target': 'sql', 'type': 'USES_TOOL', 'provenance': []}]
    """
    nodes = [{"id": n["id"], "label": n["label"], **{k: v for k, v in n.items() if k not in ("id", "label")}}
             for n in graph.nodes()]
    links = [{"source": s, "target": e, "type": d.get("type"), **{k: v for k, v in d.items() if k != "type"}}
             for s, e, d in graph.relationships()]
    try:
        return dumps_json({"directed": True, "multigraph": True, "graph": {}, "nodes": nodes, "links": links},
                          indent=1) + "\n"
    except ValueError as e:
        raise KGError(f"cannot write the graph as JSON: {e}") from None


def parse_json(text: str) -> "KnowledgeGraph":
    from kg.model import KnowledgeGraph

    data = json.loads(text)
    graph = KnowledgeGraph()
    for node in data["nodes"]:
        props = {k: v for k, v in node.items() if k not in ("id", "label")}
        graph.add_node(node["id"], node["label"], **props)
    for link in data["links"]:
        props = {k: v for k, v in link.items() if k not in ("source", "target", "type")}
        graph.add_relationship(link["type"], link["source"], link["target"], **props)
    return graph
