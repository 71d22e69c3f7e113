"""The graph in a database, read as a command asks for it (``kg --backend neo4j``).

Reading a whole ESCO-sized database costs seconds, though a path or a plan
touches a few hundred nodes. :class:`StoreGraph` reads every node's names once
(to resolve what a person types, as on files), then each node's properties and
relationships the first time a command asks for them, and answers in the order
the graph read back whole (``Neo4jStore.read_graph``) would. What needs the
whole graph reads it all first (:attr:`StoreGraph.g`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from kg import cypher as cypher_files
from kg.model import LABELS, KnowledgeGraph, node_properties, relationship_properties
from kg.stores.base import decode_props, seq_key

if TYPE_CHECKING:
    import networkx as nx


class StoreGraph(KnowledgeGraph):
    """A ``KnowledgeGraph`` whose nodes and relationships are read from ``store`` when asked for."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self._full: "nx.MultiDiGraph | None" = None
        self._resolver: Any = None
        self.revision = 0
        self._statements = cypher_files.statements("read_node")
        _, rows = store._run(self._statements["skeleton"], {}, write=False)
        stored = [{k: v for k, v in zip(("id", "label", "seq", "name", "name_zh", "aliases", "esco_uri"), row)
                   if v is not None} for row in rows]
        stored.sort(key=lambda n: seq_key(n, n.get("id")))  # the order the whole graph is read back in
        names = [decode_props(n) for n in stored]
        self._names = {str(n["id"]): n for n in names if n.get("label") in LABELS}
        self._props: dict[str, dict[str, Any]] = {}
        self._edges: dict[tuple[str, str], list[tuple[str, str, str, dict[str, Any]]]] = {}

    # -- the whole graph, for what needs it ------------------------------------
    @property  # type: ignore[override]
    def g(self) -> "nx.MultiDiGraph":
        if self._full is None:
            self._full = self._store.read_graph().g
        return self._full

    @g.setter
    def g(self, value: "nx.MultiDiGraph") -> None:
        self._full = value

    def names_changed(self) -> None:
        super().names_changed()
        self.g  # noqa: B018 - a change: from now on the graph is in memory

    # -- reading ---------------------------------------------------------------
    def _query(self, name: str, node_id: str) -> list[list[Any]]:
        label = self._names[node_id]["label"]  # KeyError: no such node
        statement = self._statements[name].replace(":LABEL", f":{LABELS[LABELS.index(label)]}")
        return self._store._run(statement, {"id": node_id}, write=False)[1]

    def _edges_of(self, node_id: str, direction: str) -> list[tuple[str, str, str, dict[str, Any]]]:
        found = self._edges.get((node_id, direction))
        if found is None:
            rows = [(t, str(other), props) for t, other, props in self._query(direction, node_id) if other in self._names]
            rows.sort(key=lambda r: seq_key(r[2], (r[0], node_id, r[1]) if direction == "out" else (r[0], r[1], node_id)))
            rows = [(t, other, decode_props(props)) for t, other, props in rows]
            # networkx keeps a node's neighbours in the order of the first relationship with each.
            by_other: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = {}
            for rel_type, other, props in rows:
                start, end = (node_id, other) if direction == "out" else (other, node_id)
                data = relationship_properties(rel_type, props)
                by_other.setdefault(other, []).append((start, end, rel_type, data))
            found = self._edges[node_id, direction] = [edge for edges in by_other.values() for edge in edges]
        return found

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._full if self._full is not None else node_id in self._names

    def __len__(self) -> int:
        return self._full.number_of_nodes() if self._full is not None else len(self._names)

    def props(self, node_id: str) -> dict[str, Any]:
        if self._full is not None:
            return self._full.nodes[node_id]
        data = self._props.get(node_id)
        if data is None:
            rows = self._query("node", node_id)
            stored = decode_props(rows[0][0]) if rows else {}
            stored.pop("id", None)
            data = self._props[node_id] = node_properties(node_id, self._names[node_id]["label"], stored)
        return data

    def node(self, node_id: str) -> dict[str, Any]:
        return {"id": node_id, **self.props(node_id)}

    def label(self, node_id: str) -> str:
        if self._full is not None:
            return super().label(node_id)
        return str(self._names[node_id]["label"])

    def name(self, node_id: str, lang: str = "en") -> str:
        if self._full is not None:
            return super().name(node_id, lang)
        names = self._names[node_id]
        if lang == "zh" and names.get("name_zh"):
            return str(names["name_zh"])
        return str(names.get("name") or node_id)

    def ids(self, label: str | None = None) -> list[str]:
        if self._full is not None:
            return super().ids(label)
        return [i for i, n in self._names.items() if label is None or n["label"] == label]

    def nodes(self, label: str | None = None) -> list[dict[str, Any]]:
        if self._full is not None:
            return super().nodes(label)
        if label is None and len(self._props) < len(self._names):  # every node's properties, in one read
            for node_id, stored in self._store._run(self._statements["every_node"], {}, write=False)[1]:
                if node_id in self._names and node_id not in self._props:
                    props = decode_props(stored)
                    props.pop("id", None)
                    self._props[node_id] = node_properties(node_id, self._names[node_id]["label"], props)
        return [self.node(i) for i in self.ids(label)]

    def relationships(self, rel_type: str | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        return super().relationships(rel_type)  # every relationship: the whole graph

    def edges_of(self, node_id: str, direction: str = "out") -> list[tuple[str, str, str, dict[str, Any]]]:
        if self._full is not None:
            return super().edges_of(node_id, direction)
        return list(self._edges_of(node_id, "out" if direction == "out" else "in"))

    def relationship(self, rel_type: str, start: str, end: str) -> dict[str, Any] | None:
        if self._full is not None:
            return super().relationship(rel_type, start, end)
        return next((d for _, e, k, d in self._edges_of(start, "out") if e == end and k == rel_type), None)

    def types_between(self, start: str, end: str) -> list[str]:
        if self._full is not None:
            return super().types_between(start, end)
        return [k for _, e, k, _ in self._edges_of(start, "out") if e == end]

    def out(self, node_id: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
        if self._full is not None:
            return super().out(node_id, rel_type)
        return [(e, d) for _, e, k, d in self._edges_of(node_id, "out") if k == rel_type]

    def into(self, node_id: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
        if self._full is not None:
            return super().into(node_id, rel_type)
        return [(s, d) for s, _, k, d in self._edges_of(node_id, "in") if k == rel_type]

    def adjacency(self, directed: bool = False) -> tuple[Callable[[str], Iterable[str]], Callable[[str], Iterable[str]]]:
        if self._full is not None or not directed:
            return super().adjacency(directed)  # undirected neighbour order needs the whole graph

        def along(node: str) -> Iterable[str]:
            return dict.fromkeys(e for _, e, _, _ in self._edges_of(node, "out"))

        def against(node: str) -> Iterable[str]:
            return dict.fromkeys(s for s, _, _, _ in self._edges_of(node, "in"))

        return along, against

    def resolve(self, name: str, label: str | Iterable[str] | None = None) -> str:
        if self._full is not None:
            return super().resolve(name, label)
        if self._resolver is None:
            from kg.resolve import Resolver

            self._resolver = Resolver(self, self._names.items())
        return self._resolver.resolve(name, label)
