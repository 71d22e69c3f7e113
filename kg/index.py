"""A big graph on disk, read a node at a time: the compiled cache of a taxonomy-sized graph.

Rebuilding an ESCO-sized graph (17,000 nodes, 139,000 relationships) in memory
costs seconds on every command, though a query touches a few hundred nodes. So
above :data:`MIN_NODES` nodes the cache (``kg.cache``) writes the built graph
as an SQLite file, and a command gets an :class:`IndexedGraph`: a
``KnowledgeGraph`` that reads the nodes, relationships and names a query asks
for when it asks, with answers in the same order as the graph in memory
(``stats`` too: each node's neighbours are stored). What needs the whole graph
(``viz``, exports, Cypher, any change) reads it all at first use
(``kg.model.PartialGraph``), as the JSON cache would.

The file holds plain values only: text, numbers and JSON in tables whose
names, columns and indexes are checked against this module's schema before a
row is read (an allow-list: no view, trigger or other table may be there),
opened read-only with ``trusted_schema`` off. It lives in the cache directory
under the cache's ownership rules and is written to a temporary file first.
"""
from __future__ import annotations

import json
import os
import sqlite3
from array import array
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import networkx as nx

from kg.errors import KGError
from kg.model import LABELS, KnowledgeGraph, PartialGraph
from kg.resolve import Resolver, normalize, spellings, squash, tokens

#: Graphs with at least this many nodes are cached as an index; smaller ones as JSON.
MIN_NODES = 5000
FORMAT = "2"

SCHEMA = {
    "meta": "CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "nodes": ("CREATE TABLE nodes(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, label TEXT NOT NULL, "
              "data TEXT NOT NULL, text TEXT NOT NULL, adj BLOB NOT NULL)"),
    "props": "CREATE TABLE props(p INTEGER PRIMARY KEY, data TEXT NOT NULL)",
    "edges": ("CREATE TABLE edges(seq INTEGER PRIMARY KEY, src INTEGER NOT NULL, dst INTEGER NOT NULL, "
              "type TEXT NOT NULL, out_pos INTEGER NOT NULL, in_pos INTEGER NOT NULL, p INTEGER NOT NULL)"),
    "spellings": ("CREATE TABLE spellings(s INTEGER PRIMARY KEY, text TEXT NOT NULL, folded TEXT NOT NULL, "
                  "squashed TEXT NOT NULL, uri INTEGER NOT NULL, n INTEGER NOT NULL)"),
    "words": "CREATE TABLE words(word TEXT NOT NULL, s INTEGER NOT NULL)",
    "derived": "CREATE TABLE derived(name TEXT PRIMARY KEY, version TEXT NOT NULL, data TEXT NOT NULL)",
    "nodes_label": "CREATE INDEX nodes_label ON nodes(label, n)",
    "edges_out": "CREATE INDEX edges_out ON edges(src, out_pos)",
    "edges_in": "CREATE INDEX edges_in ON edges(dst, in_pos)",
    "edges_type": "CREATE INDEX edges_type ON edges(type, src, out_pos)",
    "spellings_folded": "CREATE INDEX spellings_folded ON spellings(folded)",
    "spellings_squashed": "CREATE INDEX spellings_squashed ON spellings(squashed)",
    "words_word": "CREATE INDEX words_word ON words(word)",
}


# -- writing -------------------------------------------------------------------
def write_index(graph: KnowledgeGraph, path: str | os.PathLike[str], key: str,
                derived: dict[str, tuple[str, Any]] | None = None) -> None:
    """Write ``graph`` as an index file at ``path`` (which must not exist yet), with what was
    computed of it: ``{name: (version of the code, JSON data)}`` (see ``IndexedGraph.derived``)."""
    from kg.stores.base import insertion_order

    number = {node: i for i, (node, _) in enumerate(graph.node_items())}
    succ, pred = graph.links("out"), graph.links("in")
    neighbours, _ = graph.adjacency(directed=False)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("BEGIN")
        for statement in SCHEMA.values():
            if statement.startswith("CREATE TABLE"):
                con.execute(statement)
        con.executemany("INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?)", (
            (number[node], node, data["label"], _dumps(data), _search_text(node, data),
             array("i", (number[m] for m in neighbours(node))).tobytes())
            for node, data in graph.node_items()))
        out_pos = {edge: i for node, ends in succ.items() for i, edge in enumerate(
            (node, end, k) for end, keys in ends.items() for k in keys)}
        in_pos = {edge: i for node, starts in pred.items() for i, edge in enumerate(
            (start, node, k) for start, keys in starts.items() for k in keys)}
        shared: dict[str, int] = {}
        rows = []
        for seq, (start, end, k) in enumerate(insertion_order(graph)):
            text = _dumps(succ[start][end][k])
            p = shared.setdefault(text, len(shared))
            rows.append((seq, number[start], number[end], k, out_pos[start, end, k], in_pos[start, end, k], p))
        con.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        con.executemany("INSERT INTO props VALUES (?, ?)", ((p, text) for text, p in shared.items()))
        spelled: list[tuple[int, str, str, str, int, int]] = []
        words: list[tuple[str, int]] = []
        for node, data in graph.node_items():
            for text in spellings(node, data):
                folded = normalize(text)
                spelled.append((len(spelled), str(text), folded, squash(folded), 0, number[node]))
                words.extend((w, spelled[-1][0]) for w in set(tokens(text)))
            if data.get("esco_uri"):  # a URI resolves exactly, but its words name nothing
                uri = normalize(data["esco_uri"])
                spelled.append((len(spelled), str(data["esco_uri"]), uri, "", 1, number[node]))
        con.executemany("INSERT INTO spellings VALUES (?, ?, ?, ?, ?, ?)", spelled)
        con.executemany("INSERT INTO words VALUES (?, ?)", words)
        for statement in SCHEMA.values():
            if statement.startswith("CREATE INDEX"):
                con.execute(statement)
        con.executemany("INSERT INTO derived VALUES (?, ?, ?)",
                        ((name, version, _dumps(data)) for name, (version, data) in (derived or {}).items()))
        meta = {"format": FORMAT, "key": key, "counts": json.dumps(graph.counts()),
                "nodes": str(len(graph)), "relationships": str(graph.number_of_relationships())}
        con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        con.execute("COMMIT")
    finally:
        con.close()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _search_text(node: str, data: dict[str, Any]) -> str:
    """Every folded text ``kg.browse.search`` looks in, one per line (a query never holds one)."""
    texts = [*spellings(node, data), data.get("esco_uri") or "", data.get("esco_occupation") or "",
             data.get("description") or ""]
    return "\n".join(normalize(t) for t in texts if t)


# -- reading -------------------------------------------------------------------
_SCHEMA_ROWS: set[tuple[str, str, str | None]] = set()


def _expected_schema() -> set[tuple[str, str, str | None]]:
    """What ``sqlite_master`` of an index holds: the schema's tables and indexes, and the
    indexes SQLite makes itself for the unique columns — nothing else."""
    if not _SCHEMA_ROWS:
        con = sqlite3.connect(":memory:")
        for statement in SCHEMA.values():
            con.execute(statement)
        _SCHEMA_ROWS.update(con.execute("SELECT type, name, sql FROM sqlite_master"))
        con.close()
    return _SCHEMA_ROWS


def open_index(path: str | os.PathLike[str], key: str) -> "IndexedGraph | None":
    """The graph in the index file at ``path``, or None when it is not an index of ``key``."""
    try:
        con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                              check_same_thread=False)
    except (sqlite3.Error, ValueError):
        return None
    try:
        con.execute("PRAGMA trusted_schema=OFF")
        con.execute("PRAGMA query_only=ON")
        found = {(kind, name, sql) for kind, name, sql in con.execute("SELECT type, name, sql FROM sqlite_master")}
        if found != _expected_schema():
            raise ValueError("not an index")
        meta = dict(con.execute("SELECT name, value FROM meta"))
        if meta.get("format") != FORMAT or meta.get("key") != key:
            raise ValueError("not an index of this graph")
        counts = json.loads(meta["counts"])
        size = int(meta["nodes"]), int(meta["relationships"])
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        con.close()
        return None
    return IndexedGraph(con, str(path), counts, size)


class IndexedGraph(PartialGraph):
    """A ``KnowledgeGraph`` read from an index file as it is asked (see the module's text).

    Answers come in the order the graph in memory gives them. A pass over the whole
    graph or a change reads the whole graph first; from then on it is an ordinary
    ``KnowledgeGraph``.
    """

    def __init__(self, con: sqlite3.Connection, path: str, counts: dict[str, Any], size: tuple[int, int]) -> None:
        super().__init__()
        self._con = con
        self._path = path
        self._counts = counts
        self._size = size
        self._ids: list[str] | None = None
        self._number: dict[str, int] = {}
        self._data: dict[str, dict[str, Any]] = {}
        self._props: dict[int, dict[str, Any]] = {}
        self._edges: dict[tuple[str, str], list[tuple[str, str, str, dict[str, Any]]]] = {}
        self._typed: dict[tuple[str, str, str], list[tuple[str, dict[str, Any]]]] = {}

    # -- the whole graph, for what needs it ------------------------------------
    def _read_whole(self) -> KnowledgeGraph:
        from kg.model import CollectorPaused

        g = nx.MultiDiGraph()
        with CollectorPaused():
            ids = self._all_ids()
            g.add_nodes_from((node, self._checked_node(node, label, data))
                             for node, label, data in self._rows("SELECT id, label, data FROM nodes ORDER BY n"))
            props = dict(self._rows("SELECT p, data FROM props"))
            g.add_edges_from(
                (ids[s], ids[e], k, self._checked_edge(k, json.loads(props[p])))
                for s, e, k, p in self._rows("SELECT src, dst, type, p FROM edges ORDER BY seq"))
        return KnowledgeGraph(g)

    # -- reading rows ----------------------------------------------------------
    def _rows(self, sql: str, args: Iterable[Any] = ()) -> list[Any]:
        try:
            return self._con.execute(sql, tuple(args)).fetchall()
        except sqlite3.Error as e:
            raise KGError(f"{self._path}: the cached graph cannot be read ({e}); "
                          "delete the file (it is rebuilt) or set KG_NO_CACHE=1") from None

    def _damaged(self, what: str) -> KGError:
        return KGError(f"{self._path}: the cached graph is damaged ({what}); "
                       "delete the file (it is rebuilt) or set KG_NO_CACHE=1")

    def _checked_node(self, node: str, label: str, text: str) -> dict[str, Any]:
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if not isinstance(data, dict) or label not in LABELS or data.get("label") != label:
            raise self._damaged(f"node {node!r}")
        return data

    def _checked_edge(self, rel_type: str, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict) or data.get("type") != rel_type:
            raise self._damaged(f"a {rel_type} relationship")
        return data

    def _remember(self, node: str, label: str, text: str) -> str:
        """Keep a node's properties read with a relationship (its neighbour's query reads them)."""
        if node not in self._data:
            self._data[node] = self._checked_node(node, label, text)
        return node

    def _all_ids(self) -> list[str]:
        if self._ids is None:
            self._ids = [i for (i,) in self._rows("SELECT id FROM nodes ORDER BY n")]
            if len(self._ids) != self._size[0]:
                raise self._damaged("node count")
            self._number = {node: n for n, node in enumerate(self._ids)}
        return self._ids

    def _n(self, node_id: str) -> int:
        """The node's row number; ``KeyError`` when there is no such node."""
        self._all_ids()
        return self._number[node_id]

    def _edge_data(self, p: int, rel_type: str) -> dict[str, Any]:
        data = self._props.get(p)
        if data is None:
            rows = self._rows("SELECT data FROM props WHERE p = ?", (p,))
            if not rows:
                raise self._damaged(f"a {rel_type} relationship")
            data = self._props[p] = json.loads(rows[0][0])
        return self._checked_edge(rel_type, data)

    def _edges_of(self, node_id: str, direction: str) -> list[tuple[str, str, str, dict[str, Any]]]:
        found = self._edges.get((node_id, direction))
        if found is None:
            n, ids = self._n(node_id), self._all_ids()
            if direction == "out":
                sql = "SELECT src, dst, type, p FROM edges WHERE src = ? ORDER BY out_pos"
            else:
                sql = "SELECT src, dst, type, p FROM edges WHERE dst = ? ORDER BY in_pos"
            found = [(ids[s], ids[e], k, self._edge_data(p, k)) for s, e, k, p in self._rows(sql, (n,))]
            self._edges[node_id, direction] = found
        return found

    def _typed_edges(self, node_id: str, direction: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
        """``[(the other end, properties)]`` of the node's ``rel_type`` relationships one way."""
        found = self._typed.get((node_id, direction, rel_type))
        if found is None:
            whole = self._edges.get((node_id, direction))
            if whole is not None:
                found = [(e if direction == "out" else s, d) for s, e, k, d in whole if k == rel_type]
            else:
                if direction == "out":
                    sql = ("SELECT e.p, o.id, o.label, o.data FROM edges e JOIN nodes o ON o.n = e.dst "
                           "WHERE e.src = ? AND e.type = ? ORDER BY e.out_pos")
                else:
                    sql = ("SELECT e.p, o.id, o.label, o.data FROM edges e JOIN nodes o ON o.n = e.src "
                           "WHERE e.dst = ? AND e.type = ? ORDER BY e.in_pos")
                found = [(self._remember(other, label, text), self._edge_data(p, rel_type))
                         for p, other, label, text in self._rows(sql, (self._n(node_id), rel_type))]
            self._typed[node_id, direction, rel_type] = found
        return found

    def prefetch(self, nodes: Iterable[str], rel_type: str, direction: str = "out") -> None:
        if self._full is not None:
            return
        ids = self._all_ids()
        todo = [n for n in dict.fromkeys(nodes) if (n, direction, rel_type) not in self._typed and n in self._number]
        near, far, pos = ("src", "dst", "out_pos") if direction == "out" else ("dst", "src", "in_pos")
        for i in range(0, len(todo), 500):  # SQLite takes up to 999 parameters
            chunk = todo[i:i + 500]
            found: dict[str, list[tuple[str, dict[str, Any]]]] = {n: [] for n in chunk}
            rows = self._rows(
                f"SELECT e.{near}, e.p, o.id, o.label, o.data FROM edges e JOIN nodes o ON o.n = e.{far} "
                f"WHERE e.{near} IN ({', '.join('?' * len(chunk))}) AND e.type = ? ORDER BY e.{near}, e.{pos}",
                [*(self._number[n] for n in chunk), rel_type])
            for n, p, other, label, text in rows:
                found[ids[n]].append((self._remember(other, label, text), self._edge_data(p, rel_type)))
            for node, items in found.items():
                self._typed[node, direction, rel_type] = items

    # -- KnowledgeGraph, answered from the file --------------------------------
    def __contains__(self, node_id: object) -> bool:
        if self._full is not None:
            return node_id in self._full
        self._all_ids()
        return node_id in self._number

    def __len__(self) -> int:
        return self._full.number_of_nodes() if self._full is not None else self._size[0]

    def props(self, node_id: str) -> dict[str, Any]:
        if self._full is not None:
            return self._full.nodes[node_id]
        data = self._data.get(node_id)
        if data is None:
            rows = self._rows("SELECT label, data FROM nodes WHERE n = ?", (self._n(node_id),))
            data = self._data[node_id] = self._checked_node(node_id, rows[0][0], rows[0][1])
        return data

    def _node_rows(self, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
        out = []
        for node, label, text in self._rows(sql, args):
            data = self._data.get(node)
            if data is None:
                data = self._data[node] = self._checked_node(node, label, text)
            out.append({"id": node, **data})
        return out

    def nodes(self, label: str | None = None) -> list[dict[str, Any]]:
        if self._full is not None:
            return super().nodes(label)
        if label is None:
            return self._node_rows("SELECT id, label, data FROM nodes ORDER BY n")
        return self._node_rows("SELECT id, label, data FROM nodes WHERE label = ? ORDER BY n", (label,))

    def ids(self, label: str | None = None) -> list[str]:
        if self._full is not None:
            return super().ids(label)
        if label is None:
            return list(self._all_ids())
        return [i for (i,) in self._rows("SELECT id FROM nodes WHERE label = ? ORDER BY n", (label,))]

    def matching(self, text: str) -> Iterable[dict[str, Any]]:
        if self._full is not None:
            return super().matching(text)
        return self._node_rows("SELECT id, label, data FROM nodes WHERE instr(text, ?) > 0 ORDER BY n", (text,))

    def relationships(self, rel_type: str | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        if self._full is not None:
            yield from super().relationships(rel_type)
            return
        ids = self._all_ids()
        if rel_type is None:
            rows = self._rows("SELECT src, dst, type, p FROM edges ORDER BY src, out_pos")
        else:
            rows = self._rows("SELECT src, dst, type, p FROM edges WHERE type = ? ORDER BY src, out_pos", (rel_type,))
        for s, e, k, p in rows:
            yield ids[s], ids[e], self._edge_data(p, k)

    def derived(self, name: str, version: str) -> Any:
        if self._full is not None:
            return None  # the graph may have changed since
        rows = self._rows("SELECT data FROM derived WHERE name = ? AND version = ?", (name, version))
        try:
            return json.loads(rows[0][0]) if rows else None
        except ValueError:
            raise self._damaged(name) from None

    def counts(self) -> dict[str, dict[str, int]]:
        if self._full is not None:
            return super().counts()
        return json.loads(json.dumps(self._counts))

    def number_of_relationships(self) -> int:
        return self._full.number_of_edges() if self._full is not None else self._size[1]

    def _neighbours(self) -> Callable[[str], Iterable[str]]:
        ids = self._all_ids()

        def both(node: str) -> Iterable[str]:
            rows = self._rows("SELECT adj FROM nodes WHERE n = ?", (self._n(node),))
            numbers = array("i")
            numbers.frombytes(rows[0][0])
            try:
                return [ids[m] for m in numbers]
            except IndexError:
                raise self._damaged(f"the neighbours of {node!r}") from None

        return both

    def resolve(self, name: str, label: str | Iterable[str] | None = None) -> str:
        if self._full is not None:
            return super().resolve(name, label)
        if self._resolver is None:
            self._resolver = IndexResolver(self)
        return self._resolver.resolve(name, label)


class IndexResolver(Resolver):
    """The name lookups of ``kg.resolve.Resolver``, answered by the index's tables."""

    def __init__(self, graph: IndexedGraph) -> None:
        self.graph = graph
        self._index_graph = graph

    def _ids(self, sql: str, args: Iterable[Any]) -> set[str]:
        ids = self._index_graph._all_ids()
        return {ids[n] for (n,) in self._index_graph._rows(sql, args)}

    def named(self, folded: str) -> set[str]:
        return self._ids("SELECT n FROM spellings WHERE folded = ?", (folded,))

    def named_loosely(self, squashed: str) -> set[str]:
        return self._ids("SELECT n FROM spellings WHERE squashed = ? AND uri = 0", (squashed,))

    def with_words(self, words: set[str]) -> set[str]:
        if not words:
            return set()
        ordered = sorted(words)
        sql = " INTERSECT ".join("SELECT s FROM words WHERE word = ?" for _ in ordered)
        return self._ids(f"SELECT n FROM spellings WHERE s IN ({sql})", ordered)

    def all_spellings(self) -> Iterable[tuple[str, set[str]]]:
        ids = self._index_graph._all_ids()
        found: dict[str, set[str]] = {}
        for text, n in self._index_graph._rows("SELECT text, n FROM spellings WHERE uri = 0"):
            found.setdefault(text, set()).add(ids[n])
        return found.items()
