"""GraphML for Gephi and yEd, and reading it back: every property a scalar, what XML cannot hold escaped."""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from kg.safeio import dumps_json
from kg.stores.base import build_graph, encode_props

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph


def to_graphml(graph: "KnowledgeGraph") -> str:
    """GraphML for Gephi and yEd: every property a scalar (lists and provenance as JSON text)."""
    import networkx as nx

    flat = nx.MultiDiGraph()
    for node in graph.nodes():
        props = encode_props({k: v for k, v in node.items() if k != "id"})
        props.pop("source", None)
        flat.add_node(node["id"], label=node["label"], **{k: _scalar(v) for k, v in props.items()})
    for start, end, data in graph.relationships():
        props = encode_props(data)
        props.pop("source", None)
        flat.add_edge(start, end, key=data.get("type"), type=data.get("type"),
                      **{k: _scalar(v) for k, v in props.items()})
    if _needs_escapes(flat):
        flat = _map_strings(flat, _escape)
        flat.graph[ESCAPED] = "backslash"
    return "\n".join(nx.generate_graphml(flat)) + "\n"


#: The graph attribute that says strings are escaped (XML cannot hold every character).
ESCAPED = "kg_escapes"
#: What XML 1.0 cannot hold, or changes on reading (a carriage return), and what a terminal acts on.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ESCAPE = re.compile(r"\\(\\|u[0-9a-f]{4})")


def _escape(text: str) -> str:
    r"""A string XML can hold: ``\`` doubled, the rest as ``\uXXXX``.

    >>> _escape("a\\b\x00c"), _unescape(_escape("a\\b\x00c")) == "a\\b\x00c"
    ('a\\\\b\\u0000c', True)
    """
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\\", "\\\\"))


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\\" if m.group(1) == "\\" else chr(int(m.group(1)[1:], 16)), text)


def _needs_escapes(flat: Any) -> bool:
    strings = [*map(str, flat.nodes), *(v for _, d in flat.nodes(data=True) for v in d.values() if isinstance(v, str)),
               *(v for _, _, d in flat.edges(data=True) for v in d.values() if isinstance(v, str))]
    return any(_NOT_XML.search(t) for t in strings)


def _map_strings(flat: Any, fn: Any) -> Any:
    """A copy of a flat graph with ``fn`` applied to every id and string value."""
    import networkx as nx

    out = nx.MultiDiGraph()
    out.graph.update(flat.graph)

    def props(d: dict[str, Any]) -> dict[str, Any]:
        return {k: fn(v) if isinstance(v, str) else v for k, v in d.items()}

    for n, d in flat.nodes(data=True):
        out.add_node(fn(n), **props(d))
    for s, e, k, d in flat.edges(keys=True, data=True):
        out.add_edge(fn(s), fn(e), key=k, **props(d))
    return out


def parse_graphml(text: str) -> "KnowledgeGraph":
    import networkx as nx

    flat = nx.parse_graphml(text, force_multigraph=True)
    if flat.graph.get(ESCAPED) == "backslash":
        flat = _map_strings(flat, _unescape)
    nodes = []
    for node_id, data in flat.nodes(data=True):
        props = {k: (json.loads(v) if k == "aliases" else v) for k, v in data.items() if k != "label"}
        nodes.append((data["label"], {"id": node_id, **props}))
    rels = [(d["type"], s, e, {k: v for k, v in d.items() if k != "type"}) for s, e, d in flat.edges(data=True)]
    return build_graph(nodes, rels)


def _scalar(value: Any) -> Any:
    return dumps_json(value) if isinstance(value, (list, dict)) else value
