"""The graph in a database, read as a command asks for it (``kg --backend neo4j``).

Reading a whole ESCO-sized database costs many seconds, though a path or a plan
touches a few hundred nodes. :class:`StoreGraph` asks the server for the nodes a
name may mean (``kg neo4j push`` writes each node's folded names, so names
resolve exactly as on files), then reads each node's properties and
relationships the first time a command asks for them, and answers in the order
the graph read back whole (``Neo4jStore.read_graph``) would. A database pushed
without the name keys is asked for every node's names once instead. What needs
the whole graph reads it all first (``Neo4jStore.read_graph``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator

from kg import cypher as cypher_files
from kg.model import LABELS, REL_TYPES, PartialGraph, node_properties, relationship_properties
from kg.resolve import Resolver, tokens
from kg.stores.base import decode_props, seq_key

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

Edge = tuple[str, str, str, dict[str, Any]]
#: Relationship types that are the only type between their two labels: read on their own, a node's
#: relationships of such a type come in the same order as among all its relationships.
_ONE_WAY = tuple(t for t, ends in REL_TYPES.items() if [e for e in REL_TYPES.values() if e == ends] == [ends]
                 and t != "REQUIRES") + ("REQUIRES",)


class StoreGraph(PartialGraph):
    """A ``KnowledgeGraph`` whose nodes and relationships are read from ``store`` when asked for."""

    def __init__(self, store: Any) -> None:
        super().__init__()
        self._store = store
        self._statements = cypher_files.statements("read_node")
        self._labels: dict[str, str] = {}
        self._props: dict[str, dict[str, Any]] = {}
        self._edges: dict[tuple[str, ...], list[Edge]] = {}
        self._names: dict[str, dict[str, Any]] | None = None

    def _read_whole(self) -> "KnowledgeGraph":
        return self._store.read_graph()

    # -- reading ---------------------------------------------------------------
    def _run(self, name: str, params: dict[str, Any] | None = None, label: str | None = None,
             rel_type: str | None = None) -> list[list[Any]]:
        statement = self._statements[name]
        if label is not None:
            statement = statement.replace(":LABEL", f":{LABELS[LABELS.index(label)]}")  # ValueError: not a label
        if rel_type is not None:
            statement = statement.replace(":TYPE", f":{_ONE_WAY[_ONE_WAY.index(rel_type)]}")
        return self._store.read(statement, params or {})

    def _keep(self, node_id: str, label: Any, stored: dict[str, Any]) -> None:
        """Keep a node read with a query (its label, its properties as the whole graph holds them)."""
        if label in LABELS and node_id not in self._props:
            props = decode_props(stored)
            props.pop("id", None)
            self._labels[node_id] = label
            self._props[node_id] = node_properties(node_id, label, props)

    def _read_node(self, node_id: str) -> None:
        if node_id in self._props:
            return
        label = self._labels.get(node_id)
        rows = (self._run("node", {"id": node_id}, label) if label
                else self._run("node_any_label", {"id": node_id}))
        if not rows or rows[0][0] not in LABELS:
            raise KeyError(node_id)
        self._keep(node_id, rows[0][0], rows[0][1])

    def _skeleton(self) -> dict[str, dict[str, Any]]:
        """Every node's names, in the graph's order (for listing every id and for suggestions)."""
        if self._names is None:
            stored = [{k: v for k, v in zip(("id", "label", "seq", "name", "name_zh", "aliases", "esco_uri"), row)
                       if v is not None} for row in self._run("skeleton")]
            stored.sort(key=lambda n: seq_key(n, n.get("id")))
            self._names = {str(n["id"]): decode_props(n) for n in stored if n.get("label") in LABELS}
            for node_id, names in self._names.items():
                self._labels.setdefault(node_id, names["label"])
        return self._names

    def _in_order(self, rows: list[list[Any]]) -> list[str]:
        """Keep nodes read as ``(id, label, properties)`` and return their ids in the graph's order."""
        rows = sorted(rows, key=lambda r: seq_key(r[2], r[0]))
        for node_id, label, stored in rows:
            self._keep(str(node_id), label, stored)
        return [str(r[0]) for r in rows if r[1] in LABELS]

    def _edges_of(self, node_id: str, direction: str) -> list[Edge]:
        return self._some_edges(node_id, direction)

    def _typed_edges(self, node_id: str, direction: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
        return [(e if direction == "out" else s, d) for s, e, _, d in self._some_edges(node_id, direction, rel_type)]

    def _some_edges(self, node_id: str, direction: str, rel_type: str | None = None) -> list[Edge]:
        """The node's relationships one way (of ``rel_type`` only: a type that is the only one
        between its two labels keeps the same order on its own; others are read whole)."""
        if rel_type is not None and (node_id, direction) not in self._edges and rel_type in _ONE_WAY:
            return self._read_edges(node_id, direction, rel_type)
        edges = self._read_edges(node_id, direction)
        return edges if rel_type is None else [e for e in edges if e[2] == rel_type]

    def _read_edges(self, node_id: str, direction: str, rel_type: str | None = None) -> list[Edge]:
        found = self._edges.get((node_id, direction, *([rel_type] if rel_type else [])))
        if found is None:
            self._read_node(node_id)
            if rel_type is None:
                rows = self._run(direction, {"id": node_id}, self._labels[node_id])
            else:
                rows = self._run(f"{direction}_typed", {"id": node_id}, self._labels[node_id], rel_type)
            rows = [r for r in rows if r[3] in LABELS]
            rows.sort(key=lambda r: seq_key(r[2], (r[0], node_id, r[1]) if direction == "out" else (r[0], r[1], node_id)))
            # networkx keeps a node's neighbours in the order of the first relationship with each.
            by_other: dict[str, list[Edge]] = {}
            for kind, other, props, label, other_props in rows:
                other = str(other)
                self._keep(other, label, other_props)
                start, end = (node_id, other) if direction == "out" else (other, node_id)
                by_other.setdefault(other, []).append((start, end, kind, relationship_properties(
                    kind, decode_props(props))))
            found = [edge for edges in by_other.values() for edge in edges]
            self._edges[(node_id, direction, *([rel_type] if rel_type else []))] = found
        return found

    # -- KnowledgeGraph, answered by the server --------------------------------
    def __contains__(self, node_id: object) -> bool:
        if self._full is not None:
            return node_id in self._full
        if not isinstance(node_id, str):
            return False
        try:
            self._read_node(node_id)
        except KeyError:
            return False
        return True

    def __len__(self) -> int:
        return self._full.number_of_nodes() if self._full is not None else len(self._skeleton())

    def props(self, node_id: str) -> dict[str, Any]:
        if self._full is not None:
            return self._full.nodes[node_id]
        self._read_node(node_id)
        return self._props[node_id]

    def label(self, node_id: str) -> str:
        if self._full is None and node_id in self._labels:
            return self._labels[node_id]
        return super().label(node_id)

    def ids(self, label: str | None = None) -> list[str]:
        if self._full is not None:
            return super().ids(label)
        if label is None:
            return list(self._skeleton())
        return self._in_order(self._run("nodes_of", label=label)) if label in LABELS else []

    def nodes(self, label: str | None = None) -> list[dict[str, Any]]:
        if self._full is not None:
            return super().nodes(label)
        if label is None:
            return [self.node(i) for i in self._in_order(self._run("every_node"))]
        return [self.node(i) for i in self.ids(label)]

    def relationships(self, rel_type: str | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        return super().relationships(rel_type)  # every relationship: the whole graph

    def resolve(self, name: str, label: str | Iterable[str] | None = None) -> str:
        if self._full is not None:
            return super().resolve(name, label)
        if self._resolver is None:
            missing = self._run("names_missing")
            if missing and missing[0][0] == 0:
                self._resolver = StoreResolver(self)
            else:  # pushed without the name keys: every node's names, once
                self._resolver = Resolver(self, self._skeleton().items())
        return self._resolver.resolve(name, label)


class StoreResolver(Resolver):
    """The name lookups of ``kg.resolve.Resolver``, asked of the server (the name keys of a push)."""

    def __init__(self, graph: StoreGraph) -> None:
        self.graph = graph
        self._store_graph = graph

    def _ids(self, rows: list[list[Any]]) -> set[str]:
        found = set()
        for row in rows:
            if row[1] in LABELS:
                self._store_graph._labels.setdefault(str(row[0]), row[1])
                found.add(str(row[0]))
        return found

    def named(self, folded: str) -> set[str]:
        return self._ids(self._store_graph._run("named", {"key": folded}))

    def named_loosely(self, squashed: str) -> set[str]:
        return self._ids(self._store_graph._run("named_loosely", {"key": squashed}))

    def with_words(self, words: set[str]) -> set[str]:
        if not words:
            return set()
        rows = self._store_graph._run("with_words", {"words": sorted(words)})
        # The server found nodes holding every word in some spelling; one spelling must hold them all.
        return self._ids([r for r in rows if any(words <= set(tokens(s)) for s in
                                                 [r[0], r[2], r[3], *(r[4] or [])] if s)])

    def all_spellings(self) -> Iterable[tuple[str, set[str]]]:
        found: dict[str, set[str]] = {}
        for node_id, names in self._store_graph._skeleton().items():
            for s in (node_id, names.get("name"), names.get("name_zh"), *(names.get("aliases") or [])):
                if s:
                    found.setdefault(str(s), set()).add(node_id)
        return found.items()
