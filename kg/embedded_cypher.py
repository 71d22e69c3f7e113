"""Cypher on the in-memory graph, without a server, through the embedded engine ladybug.

ladybug (a maintained Kùzu fork) needs a table per label, which our fixed
schema gives it, and answers fast and loudly. Its dialect differs from
Neo4j's in a few places; the adapter rewrites what it can translate exactly
(``type(r)``, ``labels(n)``, ``shortestPath``, trail semantics for
variable-length patterns, keyword-named properties) and refuses, with a
message that says what to do, what it would answer differently. Only
``kg cypher`` imports it.
"""
from __future__ import annotations

import json
import math
import os
import re
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from kg.errors import QueryError
from kg.model import LABELS, REL_TYPES
from kg.stores.base import node_rows, rel_rows

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

#: Clauses that change a graph (named in the refusal when a query uses one).
WRITE_CLAUSES = ("CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH", "LOAD")

#: The clauses a read-only query may use: anything else (COPY, INSTALL, LOAD, ATTACH, …) is refused.
READ_CLAUSES = ("MATCH", "OPTIONAL", "WHERE", "WITH", "UNWIND", "RETURN", "ORDER", "SKIP", "LIMIT", "UNION")
#: Words that continue an expression or a clause where a new clause could start.
_CONTINUATIONS = ("AS", "BY", "ASC", "ASCENDING", "DESC", "DESCENDING", "ALL", "DISTINCT", "AND", "OR", "XOR",
                  "NOT", "IN", "IS", "NULL", "STARTS", "ENDS", "CONTAINS", "CASE", "WHEN", "THEN", "ELSE", "END",
                  "TRUE", "FALSE", "YIELD")
#: Procedures known to only read, allowed without --write on a server (compared in lower case).
READ_PROCEDURES = frozenset(p.lower() for p in (
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.indexes", "db.constraints",
    "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "dbms.components", "dbms.procedures", "dbms.functions", "dbms.showCurrentUser",
    "db.idx.fulltext.queryNodes", "db.idx.fulltext.queryRelationships", "db.idx.vector.queryNodes",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    "algo.SPpaths", "algo.SSpaths", "algo.BFS", "algo.pageRank", "algo.WCC", "algo.betweenness",
    "algo.labelPropagation"))
#: Brackets may nest this deep in a query (a deeper one crashes engines: refused before it is sent).
MAX_NESTING = 50

#: Functions the embedded engine answers differently from Neo4j, with what to use instead.
REFUSED_FUNCTIONS = {
    "id": "internal ids differ between engines: use the id property (n.id)",
    "elementid": "internal ids differ between engines: use the id property (n.id)",
    "keys": "the embedded engine lists every column of a label, set or not: use properties(n)",
    "startnode": "write the direction in the pattern instead: (a)-[r]->(b)",
    "endnode": "write the direction in the pattern instead: (a)-[r]->(b)",
}

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$(?:[A-Za-z_][A-Za-z0-9_]*|`(?:[^`]|``)*`|[0-9]+))
  | (?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\.\.|<>|<=|>=|=~|->|<-|\+=|.)
""", re.VERBOSE | re.DOTALL)


@dataclass
class Token:
    kind: str
    text: str

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "word" else self.text


def tokenize(query: str) -> list[Token]:
    """Cypher text as tokens; whitespace and comments kept, so joining gives the text back.

    >>> [t.text for t in tokenize("MATCH (n:Skill {name: 'it''s'}) // x") if t.kind != "space"]
    ['MATCH', '(', 'n', ':', 'Skill', '{', 'name', ':', "'it'", "'s'", '}', ')', '// x']
    """
    tokens: list[Token] = []
    position = 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        if match is None or (match.lastgroup == "op" and match.group() in "'\"`"):
            raise QueryError(f"unterminated string or name at character {position + 1} of the query")
        tokens.append(Token(match.lastgroup or "op", match.group()))
        position = match.end()
    return tokens


def split_statements(script: str) -> list[str]:
    """The statements of a script, split at ``;`` outside strings and comments.

    >>> split_statements("RETURN ';' AS a; // c;\\nRETURN 2;")
    ["RETURN ';' AS a", 'RETURN 2']
    """
    statements: list[str] = []
    current: list[str] = []
    for token in tokenize(script):
        if token.kind == "op" and token.text == ";":
            statements.append("".join(current))
            current = []
        elif token.kind != "comment":
            current.append(token.text)
    statements.append("".join(current))
    return [s.strip() for s in statements if s.strip()]


def _significant(tokens: list[Token]) -> list[tuple[int, Token]]:
    return [(i, t) for i, t in enumerate(tokens) if t.kind not in ("space", "comment")]


def write_clause(query: str) -> str | None:
    """The first clause in ``query`` that would change the graph, or None.

    >>> write_clause("MATCH (n) WHERE n.name = 'SET' RETURN n.set AS set")
    >>> write_clause("MATCH (n:Skill {id: $id}) DETACH DELETE n")
    'DETACH'
    """
    sig = _significant(tokenize(query))
    for k, (_, token) in enumerate(sig):
        if token.kind != "word" or token.upper not in WRITE_CLAUSES:
            continue
        before = sig[k - 1][1].text if k else ""
        after = sig[k + 1][1].text if k + 1 < len(sig) else ""
        if before in (".", ":") or before.upper() == "AS" or after == ":":
            continue  # a property, label, alias or map key that happens to be called so
        return token.upper
    return None


def check_read_only(query: str, write: bool, procedures: bool = False) -> None:
    """Refuse a query that writes unless ``write`` is given: only read clauses pass, and
    (with ``procedures``, on a server) ``CALL`` of a procedure known to only read.

    >>> check_read_only("MATCH (n) RETURN n.name AS copy ORDER BY copy", write=False)
    >>> check_read_only("COPY (RETURN 'x' AS a) TO '/tmp/x.csv'", write=False)
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: this query uses COPY, which is not a read clause; queries are read-only unless you add `write=True`
    """
    check_nesting(query)
    if write:
        return
    clause = write_clause(query)
    if clause:
        raise QueryError(f"this query writes ({clause}); queries are read-only unless you add `write=True`")
    word = _not_read_clause(query, procedures)
    if word:
        raise QueryError(f"this query uses {word}, which is not a read clause; "
                         "queries are read-only unless you add `write=True`")


def check_nesting(query: str) -> None:
    """Refuse brackets nested deeper than ``MAX_NESTING`` (engines recurse on them, and crash).

    >>> check_nesting("RETURN " + "[" * 60 + "]" * 60)
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: the query nests brackets 60 deep; at most 50 are allowed
    """
    depth = deepest = 0
    for token in tokenize(query):
        if token.kind == "op" and token.text in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif token.kind == "op" and token.text in ")]}":
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryError(f"the query nests brackets {deepest} deep; at most {MAX_NESTING} are allowed")


def _not_read_clause(query: str, procedures: bool) -> str | None:
    """The first word that starts a clause other than a read clause, or None.

    A word starts a clause where an expression has just ended (after a name, a literal or
    a closing bracket), at the start of the query, or first inside ``{ }`` (a subquery);
    elsewhere a word is a name (a variable, a function, a label, a map key).
    """
    sig = [t for _, t in _significant(tokenize(query))]
    ends_expression = ("NULL", "TRUE", "FALSE", "END", "ASC", "ASCENDING", "DESC", "DESCENDING")
    clause_position = True
    k = 0
    while k < len(sig):
        token = sig[k]
        before = sig[k - 1].text if k else ""
        after = sig[k + 1].text if k + 1 < len(sig) else ""
        if token.kind == "word":
            upper = token.upper
            if clause_position and upper not in READ_CLAUSES + _CONTINUATIONS and after != ":":
                if upper == "CALL" and after == "{":  # a subquery: its clauses are checked in turn
                    k, clause_position = k + 1, False
                    continue
                end = _procedure_end(sig, k + 1) if upper == "CALL" and procedures else None
                if end is None:
                    return upper
                k, clause_position = end, False  # on to the procedure's arguments
                continue
            if before in (".", ":") or upper not in READ_CLAUSES + _CONTINUATIONS or upper in ends_expression:
                clause_position = after != "("  # a name ends an expression; a function name does not
            else:
                clause_position = False
        elif token.kind in ("string", "number", "param", "quoted"):
            clause_position = True
        elif token.text in (")", "]", "}"):
            clause_position = True
        elif token.text == "{":
            # A map literal or projection starts with a key or '.'; a subquery with a clause.
            clause_position = after not in (".", "}") and (k + 2 >= len(sig) or sig[k + 2].text != ":")
        else:
            clause_position = False
        k += 1
    return None


def _procedure_end(sig: list[Token], k: int) -> int | None:
    """The index after a procedure name starting at ``k`` that is in ``READ_PROCEDURES``, or None."""
    name = []
    while k < len(sig) and (sig[k].kind == "word" or sig[k].text == "."):
        name.append(sig[k].text)
        k += 1
    return k if "".join(name).lower() in READ_PROCEDURES else None


class EmbeddedCypher:
    """Read-only Cypher over a ``KnowledgeGraph``, answered by ladybug in memory.

    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph()
    >>> g.add_node("sql", "Tool", name="SQL")
    >>> g.add_node("db", "Skill", name="Databases")
    >>> g.add_relationship("USES_TOOL", "db", "sql")
    >>> EmbeddedCypher(g).run("MATCH (s:Skill)-[r]->(t:Tool) RETURN s.name, type(r), labels(t) AS l")
    (['s.name', 'type(r)', 'l'], [['Databases', 'USES_TOOL', ['Tool']]])
    """

    def __init__(self, graph: "KnowledgeGraph", *, path: str | None = None) -> None:
        """An engine holding ``graph``: in memory, or in a new database file at ``path``."""
        ladybug = _ladybug()
        self._path = path
        self._read_only = False
        self._db = ladybug.Database(path or ":memory:", buffer_pool_size=BUFFER_POOL_BYTES)
        self._conn = ladybug.Connection(self._db)
        # A shortest path never has more hops than the graph has nodes; lift the engine's default cap of 30.
        self._max_hops = max(len(graph), 30)
        self._load(graph)
        self._settings()

    @classmethod
    def _opened(cls, path: str, schema: dict[str, Any]) -> "EmbeddedCypher":
        """An engine over a database file ``_persist`` wrote, opened read-only: nothing a query
        does can change it (a query naming a label the graph lacks runs on a private copy)."""
        ladybug = _ladybug()
        engine = cls.__new__(cls)
        engine._path, engine._read_only = path, True
        engine._db = ladybug.Database(path, read_only=True)
        engine._conn = ladybug.Connection(engine._db)
        engine._max_hops = schema["max_hops"]
        engine._tables = dict(schema["tables"])
        engine._node_columns, engine._rel_columns = dict(schema["node_columns"]), dict(schema["rel_columns"])
        engine._settings()
        return engine

    def _settings(self) -> None:
        self._execute(f"CALL var_length_extend_max_depth={int(self._max_hops)}")

    def schema(self) -> dict[str, Any]:
        """What the engine knows besides its tables' rows: kept beside a persisted database."""
        return {"max_hops": self._max_hops, "tables": self._tables, "node_columns": self._node_columns,
                "rel_columns": self._rel_columns}

    @property
    def read_only(self) -> bool:
        """Whether the engine answers from a persisted database it cannot change."""
        return self._read_only

    def close(self) -> None:
        """Release the database (a persisted one is then complete on disk)."""
        self._conn.close()
        self._db.close()

    def _private_copy(self) -> None:
        """Go on from a writable copy of the persisted database in a private temporary
        directory (removed when the engine goes): the persisted one is never changed."""
        import shutil
        import tempfile
        import weakref

        assert self._path is not None
        scratch = tempfile.mkdtemp(prefix="kg-cypher-")  # 0700
        weakref.finalize(self, shutil.rmtree, scratch, True)
        copy = os.path.join(scratch, _ENGINE_FILE)
        shutil.copyfile(self._path, copy)
        self.close()
        ladybug = _ladybug()
        self._db = ladybug.Database(copy)
        self._conn = ladybug.Connection(self._db)
        self._path, self._read_only = copy, False
        self._settings()

    # -- loading ----------------------------------------------------------
    def _load(self, graph: "KnowledgeGraph") -> None:
        nodes = node_rows(graph)
        rels = rel_rows(graph)
        node_columns = _columns([r["props"] for rows in nodes.values() for r in rows])
        rel_columns = _columns([r["props"] for rows in rels.values() for r in rows])
        labels = list(dict.fromkeys([*LABELS, *nodes]))
        self._node_columns, self._rel_columns = node_columns, rel_columns
        self._tables: dict[str, str] = {}
        for label in labels:
            columns = ", ".join(f"{_quote(k)} {t}" for k, t in node_columns.items() if k != "id")
            self._execute(f"CREATE NODE TABLE {_quote(label)}(id STRING PRIMARY KEY{', ' if columns else ''}{columns})")
            self._tables[label.lower()] = label
        pairs: dict[str, list[tuple[str, str]]] = {t: [ends] for t, ends in REL_TYPES.items()}
        pairs["REQUIRES"].append(("Track", "Tool"))
        for rel_type, start, end in rels:
            if (start, end) not in pairs.setdefault(rel_type, []):
                pairs[rel_type].append((start, end))
        for rel_type, ends in pairs.items():
            spec = ", ".join(f"FROM {_quote(a)} TO {_quote(b)}" for a, b in ends if a in labels and b in labels)
            columns = "".join(f", {_quote(k)} {t}" for k, t in rel_columns.items())
            self._execute(f"CREATE REL TABLE {_quote(rel_type)}({spec}{columns})")
            self._tables[rel_type.lower()] = rel_type
        for label, rows in nodes.items():
            self._copy(label, [r["props"] for r in rows], ["id", *(k for k in node_columns if k != "id")],
                       node_columns)
        for (rel_type, start, end), rows in rels.items():
            # One COPY per table and pair of labels: the engine crashes on a COPY into a table it filled before.
            self._copy(rel_type, [{"_from": r["start"], "_to": r["end"], **r["props"]} for r in rows],
                       ["_from", "_to", *rel_columns], {"_from": "STRING", "_to": "STRING", **rel_columns},
                       f"from={_string_literal(start)}, to={_string_literal(end)}" if len(pairs[rel_type]) > 1 else "")

    def _copy(self, table: str, rows: list[dict[str, Any]], columns: list[str], types: dict[str, str],
              options: str = "") -> None:
        """Bulk-load ``rows`` into ``table`` with one ``COPY``: from a CSV file the engine parses
        itself when every column is a plain value (the fastest and leanest way: 129k relationships
        in 3 s and 250 MB, against 12 s and 1.4 GB through parameters), else from one list
        parameter per column."""
        if not rows:
            return
        values = [[row.get(column) for row in rows] for column in columns]
        csv_ok = all(types[c] in ("STRING", "INT64", "DOUBLE", "BOOLEAN") for c in columns) and all(
            not isinstance(v, float) or math.isfinite(v) for column in values for v in column)
        if csv_ok:
            return self._copy_csv(table, values, [types[c] for c in columns], options)
        params: dict[str, Any] = {"n": len(rows)}
        returned, typed = [], []
        for i, (column, cells) in enumerate(zip(columns, values)):
            if all(v is None for v in cells):
                returned.append(f"CAST(NULL AS {types[column]})")
                continue
            params[f"c{i}"] = [None if v is None else _cell(v, types[column]) for v in cells]
            if types[column].endswith("[]"):  # typed as a whole: a list of only empty lists has no type of its own
                typed.append(f"CAST($c{i} AS {types[column]}[]) AS c{i}")
                returned.append(f"c{i}[i]")
            else:
                returned.append(f"$c{i}[i]")
        self._execute(f"COPY {_quote(table)} FROM ({'WITH ' + ', '.join(typed) + ' ' if typed else ''}"
                      f"UNWIND range(1, $n) AS i RETURN {', '.join(returned)})"
                      + (f" ({options})" if options else ""), params)

    def _copy_csv(self, table: str, values: list[list[Any]], types: list[str], options: str) -> None:
        import shutil
        import tempfile

        folder = tempfile.mkdtemp(prefix="kg-copy-")  # 0700: no one else can swap the file
        try:
            path = os.path.join(folder, "rows.csv")
            with open(path, "x", encoding="utf-8", newline="") as f:
                for row in zip(*values):
                    f.write(",".join(_csv_field(v, t) for v, t in zip(row, types)) + "\n")
            self._execute(f"COPY {_quote(table)} FROM {_string_literal(path)} "
                          f"(header=false, delim=',', quote='\"', escape='\"', parallel=false"
                          + (f", {options}" if options else "") + ")")
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _declare_missing(self, query: str) -> None:
        """Labels and relationship types the graph does not have get an empty table, so a
        pattern naming one matches nothing (as in Neo4j) instead of failing."""
        for name, kind in _pattern_names(query):
            known = self._tables.get(name.lower())
            if known == name:
                continue
            if known is not None:
                raise QueryError(f"labels and relationship types are case-sensitive: there is no :{name} "
                                 f"(did you mean :{known}? the embedded engine would take one for the other)")
            if self._read_only:
                self._private_copy()
            if kind == "label":
                columns = "".join(f", {_quote(k)} {t}" for k, t in self._node_columns.items() if k != "id")
                self._execute(f"CREATE NODE TABLE {_quote(name)}(id STRING PRIMARY KEY{columns})")
            else:
                columns = "".join(f", {_quote(k)} {t}" for k, t in self._rel_columns.items())
                self._execute(f"CREATE REL TABLE {_quote(name)}(FROM Track TO Track{columns})")
            self._tables[name.lower()] = name

    def _execute(self, query: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        result: Any = self._conn.execute(query, params or {})
        rows: list[list[Any]] = []
        while result.has_next():
            rows.append(result.get_next())
        return list(result.get_column_names()), rows

    # -- querying ---------------------------------------------------------
    def run(self, query: str, params: dict[str, Any] | None = None, *, write: bool = False,
            timeout: float | None = None) -> tuple[list[str], list[list[Any]]]:
        """Run a Neo4j-dialect query: ``(columns, rows)`` as Neo4j would return them,
        or ``QueryError`` saying why this engine will not answer it. ``timeout``
        (seconds) bounds the wait: the engine is asked to stop, and the answer is not waited for."""
        if write:
            raise QueryError("`write=True` needs a Neo4j server (`uri=`): the embedded graph is rebuilt "
                             "from the data files on every run, so a write would be lost")
        check_read_only(query, write=False, procedures=True)
        params = dict(params or {})
        check_params(query, params)
        translated, columns = translate(query, self._max_hops, params)
        self._declare_missing(query)
        if timeout:
            self._conn.set_query_timeout(max(1, int(timeout * 1000)))
        try:
            names, rows = call_with_timeout(lambda: self._execute(translated, params), timeout, self._conn.interrupt)
        except QueryError:
            raise
        except Exception as e:  # noqa: BLE001 - the engine's own errors (bad parameters, …) end here
            raise QueryError(_engine_message(e)) from None
        if columns is None or len(columns) != len(names):
            columns = names
        return columns, [[self._plain(v) for v in row] for row in rows]

    def _plain(self, value: Any) -> Any:
        """A ladybug value as the driver would give it (see ``kg.stores.neo4j.as_data``)."""
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        if isinstance(value, list):
            return [self._plain(v) for v in value]
        if isinstance(value, dict):
            if "_NODES" in value and "_RELS" in value:
                return {"_nodes": [self._plain(n) for n in value["_NODES"]],
                        "_relationships": [self._plain(r) for r in value["_RELS"]]}
            if "_SRC" in value and "_DST" in value:
                return {"_type": value.get("_LABEL"),
                        **{k: self._plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}}
            if "_LABEL" in value and "_ID" in value:
                return {"_labels": [value["_LABEL"]],
                        **{k: self._plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}}
            # Maps from properties(): the engine lists unset columns as null, Neo4j leaves them out.
            return {k: self._plain(v) for k, v in value.items() if v is not None}
        return value


def _ladybug() -> Any:
    try:
        import ladybug
    except ImportError:
        raise QueryError("running Cypher without a server needs the embedded engine: "
                         "pip install ladybug (or give `uri=` to use Neo4j)") from None
    return ladybug


# -- the engine's database kept beside the graph cache ---------------------------------------------
#: ``cypher-KEY/`` in the cache directory holds ``graph.lbdb`` (the engine's database) and
#: ``schema.json`` (its tables and columns, the database's size and SHA-256).
_ENGINE_PREFIX = "cypher-"
_ENGINE_FILE = "graph.lbdb"
_SCHEMA_FILE = "schema.json"
_ENGINE_FORMAT = 1
#: The engine's page cache (its default is most of the machine's memory, and loading a big graph fills it).
BUFFER_POOL_BYTES = 256 * 1024 * 1024
#: Rows per ``COPY`` of a relationship table (each is converted from Python at once).
COPY_ROWS = 20_000
#: How many engine databases (different graphs) are kept; the oldest go first.
KEEP_ENGINES = 4
#: Column types a schema file may name (they are written into table definitions).
_COLUMN_TYPES = frozenset({"STRING", "INT64", "DOUBLE", "BOOLEAN", "STRING[]", "INT64[]", "DOUBLE[]"})


def open_engine(data_files: "tuple[str, ...] | list[str]", graph: "Callable[[], KnowledgeGraph]") -> EmbeddedCypher:
    """The engine for the graph ``kg.cache.load_graph(data_files)`` gives, from its database kept in
    the cache directory (keyed by the graph's content key) when one is there and intact, else
    built from ``graph()`` and kept for the next call. Kept databases are opened read-only.

    The directory and its files are trusted as the graph cache's are (this user's, writable by
    nobody else, regular files, no links); the database must have the size and SHA-256 its schema
    file records, and nothing else may lie beside it. Anything else is rebuilt: written in a
    temporary directory and renamed into place. With the cache off (``KG_NO_CACHE``) or
    unwritable, the engine is built in memory as before.

    >>> import os, tempfile
    >>> from unittest import mock
    >>> from kg.cache import load_graph
    >>> def no_graph(): raise AssertionError("the kept database is used")
    >>> with mock.patch.dict(os.environ, KG_CACHE_DIR=tempfile.mkdtemp()):
    ...     first = open_engine([], load_graph)
    ...     again = open_engine([], no_graph)
    >>> first.read_only, again.run("MATCH (t:Track) RETURN count(t) AS tracks")
    (True, (['tracks'], [[9]]))
    """
    from kg.cache import cache_dir, content_key, private_dir

    key = content_key(data_files)
    if key is None:
        return EmbeddedCypher(graph())
    folder = cache_dir()
    home = folder / f"{_ENGINE_PREFIX}{key}"
    if private_dir(folder, create=False):
        engine = _open_kept(home, key)
        if engine is not None:
            return engine
    built = graph()
    if private_dir(folder, create=True) and _persist(built, folder, home, key):
        engine = _open_kept(home, key)
        if engine is not None:
            return engine
    return EmbeddedCypher(built)


def _open_kept(home: Path, key: str) -> EmbeddedCypher | None:
    """The engine over the database in ``home``, or None when it is missing, untrusted or broken."""
    import hashlib
    import stat

    from kg.cache import read_trusted, trusted

    try:
        st = os.lstat(home)
        if not stat.S_ISDIR(st.st_mode) or not trusted(st) or set(os.listdir(home)) != {_ENGINE_FILE, _SCHEMA_FILE}:
            return None
        raw = read_trusted(home / _SCHEMA_FILE, 1_000_000)
        if raw is None:
            return None
        schema = json.loads(raw)
        if not _valid_schema(schema, key):
            return None
        path = home / _ENGINE_FILE
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or not trusted(st) or st.st_size != schema["size"]:
                return None
            digest = hashlib.sha256()
            with os.fdopen(os.dup(fd), "rb") as f:
                while chunk := f.read(1 << 20):
                    digest.update(chunk)
        finally:
            os.close(fd)
        if digest.hexdigest() != schema["sha256"]:
            return None
        return EmbeddedCypher._opened(str(path), schema)
    except QueryError:
        raise  # no engine installed: said as is
    except Exception:  # noqa: BLE001 - whatever is wrong with a kept database, it is rebuilt
        return None


def _valid_schema(schema: Any, key: str) -> bool:
    def names(d: Any, types: bool) -> bool:
        return isinstance(d, dict) and all(isinstance(k, str) and isinstance(v, str)
                                           and (not types or v in _COLUMN_TYPES) for k, v in d.items())

    return (isinstance(schema, dict) and schema.get("format") == _ENGINE_FORMAT and schema.get("key") == key
            and type(schema.get("max_hops")) is int and type(schema.get("size")) is int
            and isinstance(schema.get("sha256"), str) and names(schema.get("tables"), False)
            and names(schema.get("node_columns"), True) and names(schema.get("rel_columns"), True))


def _persist(graph: "KnowledgeGraph", folder: Path, home: Path, key: str) -> bool:
    """Build the engine's database for ``graph`` in a temporary directory and rename it to
    ``home`` (replacing what is there); whether it is in place."""
    import hashlib
    import shutil
    import tempfile

    from kg.atomic import write_atomic

    try:
        scratch = Path(tempfile.mkdtemp(prefix=f".{_ENGINE_PREFIX}{key}.", suffix=".tmp", dir=folder))  # 0700
    except OSError:
        return False
    try:
        path = scratch / _ENGINE_FILE
        engine = EmbeddedCypher(graph, path=str(path))
        schema = engine.schema()
        engine.close()
        os.chmod(path, 0o600)
        if os.listdir(scratch) != [_ENGINE_FILE]:
            return False  # the engine left more than its file (a log): not a database to keep
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        schema = {"format": _ENGINE_FORMAT, "key": key, **schema, "size": path.stat().st_size,
                  "sha256": digest.hexdigest()}
        write_atomic(scratch / _SCHEMA_FILE, json.dumps(schema, ensure_ascii=False), mode=0o600)
        if os.path.lexists(home):
            _remove(home, folder)
        os.rename(scratch, home)
    except QueryError:
        raise
    except Exception:  # noqa: BLE001 - a database that cannot be kept is built in memory instead
        return False
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _prune(folder, keep=home.name)
    return True


def _remove(entry: Path, folder: Path) -> None:
    """Take ``entry`` out of the way: renamed first (so nothing half-removed is ever read), then deleted."""
    import secrets
    import shutil

    aside = folder / f".{entry.name}.{secrets.token_hex(8)}.old"
    os.rename(entry, aside)
    if os.path.isdir(aside) and not os.path.islink(aside):
        shutil.rmtree(aside, ignore_errors=True)
    else:
        os.unlink(aside)


def _prune(folder: Path, keep: str) -> None:
    """Remove the oldest kept databases beyond ``KEEP_ENGINES``, and what a killed builder left."""
    import shutil
    import time

    try:
        kept = []
        for entry in os.scandir(folder):
            st = entry.stat(follow_symlinks=False)
            if entry.name.startswith(_ENGINE_PREFIX) and entry.name != keep:
                kept.append((st.st_mtime, entry.name))
            elif (entry.name.startswith("." + _ENGINE_PREFIX) and entry.name.endswith((".tmp", ".old"))
                  and st.st_mtime < time.time() - 3600):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
        for _, name in sorted(kept, reverse=True)[KEEP_ENGINES - 1:]:
            _remove(folder / name, folder)
    except OSError:
        pass


def _pattern_names(query: str) -> list[tuple[str, str]]:
    """``(name, "label" | "type")`` for each label in a node pattern and each type in a
    relationship pattern (``(n:Skill)``, ``[:A|B]``), in order.

    >>> _pattern_names("MATCH (n:Skill {id: 'x'})-[:USES_TOOL|REQUIRES]->(:`Odd one`) RETURN n")
    [('Skill', 'label'), ('USES_TOOL', 'type'), ('REQUIRES', 'type'), ('Odd one', 'label')]
    """
    sig = [t for _, t in _significant(tokenize(query))]
    stack: list[str] = []
    names: list[tuple[str, str]] = []
    for k, token in enumerate(sig):
        if token.kind == "op" and token.text in "([{":
            stack.append(token.text)
        elif token.kind == "op" and token.text in ")]}":
            if stack:
                stack.pop()
        elif token.kind in ("word", "quoted") and k and sig[k - 1].text in (":", "|") and stack and stack[-1] in "([":
            if sig[k - 1].text == "|" and not any(t.text == ":" for t in sig[max(0, k - 8):k]):
                continue
            name = token.text[1:-1].replace("``", "`") if token.kind == "quoted" else token.text
            names.append((name, "label" if stack[-1] == "(" else "type"))
    return names


def call_with_timeout(work: Any, timeout: float | None, stop: Any = None) -> Any:
    """``work()``, or ``QueryError`` when it has not answered within ``timeout`` seconds
    (``stop()`` is then called, and the work left to end on its own in the background).

    >>> call_with_timeout(lambda: 42, 1.0)
    42
    >>> import time; call_with_timeout(lambda: time.sleep(5), 0.05)
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: no answer within 0.05 s: the query was given up (a longer `timeout=` allows more)
    """
    if not timeout:
        return work()
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
            box["error"] = e

    thread = threading.Thread(target=target, name="kg-query", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        if stop is not None:
            try:
                stop()
            except Exception:  # noqa: BLE001, S110 - best effort: the answer is not waited for anyway
                pass
        raise QueryError(f"no answer within {timeout:g} s: the query was given up (a longer `timeout=` allows more)")
    if "error" in box:
        raise box["error"]
    return box["value"]


def check_params(query: str, params: dict[str, Any]) -> None:
    """Refuse what the engine would answer as null or as no match where Neo4j fails:
    a parameter not given, or a regular expression that does not compile.

    >>> check_params("MATCH (n) WHERE n.name = $name RETURN n", {})
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: the query needs parameter $name: add `params['name']`
    >>> check_params("MATCH (n) WHERE n.name =~ '(' RETURN n", {})
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: not a valid regular expression after =~: '(' (missing ), unterminated subpattern at position 0)
    """
    sig = [t for _, t in _significant(tokenize(query))]
    for token in sig:
        if token.kind == "param":
            name = token.text[1:].strip("`")
            if name not in params and not name.isdigit():
                raise QueryError(f"the query needs parameter ${name}: add `params['{name}']`")
    for k, token in enumerate(sig[:-1]):
        if token.text == "=~":
            pattern_token = sig[k + 1]
            pattern: Any
            if pattern_token.kind == "string":
                pattern = _string_value(pattern_token.text)
            elif pattern_token.kind == "param":
                pattern = params.get(pattern_token.text[1:].strip("`"))
            else:
                continue
            try:
                re.compile(str(pattern))
            except re.error as e:
                raise QueryError(f"not a valid regular expression after =~: {pattern_token.text} ({e})") from None


def _string_value(literal: str) -> str:
    body = literal[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def translate(query: str, max_hops: int = 30, params: dict[str, Any] | None = None
              ) -> tuple[str, list[str] | None]:
    """The query in ladybug's dialect, and the column names Neo4j would give.

    Lists count from 0 in Cypher and from 1 in ladybug: ``l[0]``, ``l[$i]``, ``l[1..3]``,
    ``head``, ``last`` and ``tail`` are rewritten to give Neo4j's elements.

    >>> translate("MATCH (n) RETURN labels(n)[0], head(n.aliases), tail(n.aliases), n.aliases[-1]")[0]
    'MATCH (n) RETURN [label(n)][1], list_extract(n.`aliases`, 1), list_slice(n.`aliases`, 2, 2147483647), n.`aliases`[-1]'

    >>> translate("MATCH p = shortestPath((a {id: $a})-[*]-(b {id: $b})) RETURN length(p)", 20)[0]
    'MATCH p = (a {id: $a})-[* SHORTEST 1..20]-(b {id: $b}) RETURN length(p)'
    >>> translate("MATCH (l:Layer)-[:HAS_SKILL*1..2]->(s) RETURN l.order AS o, type(r)")
    ('MATCH (l:Layer)-[:HAS_SKILL* TRAIL 1..2]->(s) RETURN l.`order` AS o, label(r)', ['o', 'type(r)'])
    >>> translate("MATCH (t:Track) RETURN [x IN t.aliases WHERE x <> '' | toLower(x)] AS a")[0]
    "MATCH (t:Track) RETURN list_transform(list_filter(  t.`aliases` , x ->  x <> '' ), x ->  toLower(x)) AS a"
    >>> translate("MATCH (a)-[*]->(b) RETURN b")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: the embedded engine needs an upper bound on variable-length patterns, e.g. [*1..5] (a Neo4j server takes [*])
    """
    tokens = tokenize(query)
    columns = _return_columns(tokens)
    sig = _significant(tokens)
    out = [t.text for t in tokens]
    for k, (i, token) in enumerate(sig):
        after = sig[k + 1][1].text if k + 1 < len(sig) else ""
        before = sig[k - 1][1].text if k else ""
        word = token.text.lower() if token.kind == "word" else ""
        _refuse_unsupported(tokens, i, token, word, after, before)
        if word in ("head", "last", "tail") and after == "(" and before != ".":
            close = _closing(sig, k + 1)
            out[i] = {"head": "list_extract", "last": "list_extract", "tail": "list_slice"}[word]
            out[sig[close][0]] = {"head": ", 1)", "last": ", -1)", "tail": ", 2, 2147483647)"}[word]
        elif token.text == "[" and _is_subscript(sig, k):
            _rewrite_subscript(sig, out, k, params or {})
        elif word == "type" and after == "(" and before != ".":
            out[i] = "label"
        elif word == "labels" and after == "(" and before != ".":
            close = _closing(sig, k + 1)
            out[i] = "[label"
            out[sig[close][0]] = ")]"
        elif word in ("shortestpath", "allshortestpaths") and after == "(":
            close = _closing(sig, k + 1)
            _rewrite_var_length(sig, out, k + 2, close, max_hops, "ALL SHORTEST" if word == "allshortestpaths"
                                else "SHORTEST")
            out[i] = ""
            out[sig[k + 1][0]] = ""
            out[sig[close][0]] = ""
        elif token.kind == "word" and before == "." and k >= 2 and sig[k - 2][1].kind in ("word", "quoted", "op"):
            out[i] = _quote(token.text)
        elif token.text == "[" and k + 2 < len(sig) and sig[k + 1][1].kind == "word" and sig[k + 2][1].upper == "IN":
            _rewrite_comprehension(sig, out, k)
        elif token.text == "[" and before in ("-", "<-"):
            if "SHORTEST" not in "".join(out[i:i + 40]):
                _rewrite_var_length(sig, out, k, _closing(sig, k, "[", "]"), max_hops, "TRAIL")
    return "".join(out), columns


def _refuse_unsupported(tokens: list[Token], i: int, token: Token, word: str, after: str, before: str) -> None:
    """``QueryError`` for what the embedded engine cannot answer as Neo4j would: a second
    statement, a procedure call, a function it answers differently."""
    if token.text == ";" and any(t.kind not in ("space", "comment") for t in tokens[i + 1:]):
        raise QueryError("one statement at a time, please (found ';' between statements)")
    if token.kind == "word" and token.upper == "CALL":
        raise QueryError("procedures (CALL …) need a Neo4j server (`uri=`); the embedded engine "
                         "has different ones")
    if word in REFUSED_FUNCTIONS and after == "(" and before != ".":
        raise QueryError(f"the embedded engine would answer {token.text}() differently: {REFUSED_FUNCTIONS[word]}")


def _is_subscript(sig: list[tuple[int, Token]], k: int) -> bool:
    """Whether the ``[`` at ``k`` indexes what is before it (``l[0]``), rather than opening a
    list, a comprehension or a relationship pattern."""
    if k == 0:
        return False
    prev = sig[k - 1][1]
    if prev.kind == "op":
        return prev.text in (")", "]", "}")
    if prev.kind == "word":
        return prev.upper not in READ_CLAUSES + _CONTINUATIONS + ("CALL",)
    return prev.kind in ("param", "quoted")


def _index(tokens: list[Token], params: dict[str, Any], what: str) -> int | None:
    """A list position given as a whole number (``2``, ``-1``) or an integer parameter; None if absent."""
    text = "".join(t.text for t in tokens)
    if not text:
        return None
    if re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    if len(tokens) == 1 and tokens[0].kind == "param":
        value = params.get(tokens[0].text[1:].strip("`"))
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    raise QueryError(f"the embedded engine counts list positions from 1: write the {what} as a whole number "
                     "or an integer parameter (a Neo4j server takes any expression)")


def _rewrite_subscript(sig: list[tuple[int, Token]], out: list[str], k: int, params: dict[str, Any]) -> None:
    """``l[i]`` and ``l[a..b]`` (0-based, end excluded, negative from the end) in ladybug's
    1-based, end-included positions."""
    close = _closing(sig, k, "[", "]")
    inner = [t for _, t in sig[k + 1:close]]
    dots = [n for n, t in enumerate(inner) if t.text == ".."]
    for j in range(k + 1, close):
        out[sig[j][0]] = ""
    if not dots:
        i = _index(inner, params, "index")
        if i is None:
            raise QueryError("a list index needs a position inside the brackets, e.g. l[0]")
        out[sig[k + 1][0]] = str(i + 1 if i >= 0 else i)
        return
    lo = _index(inner[:dots[0]], params, "slice bounds")
    hi = _index(inner[dots[0] + 1:], params, "slice bounds")
    begin = 1 if lo is None else (lo + 1 if lo >= 0 else lo)
    end = 2147483647 if hi is None else (hi if hi >= 0 else hi - 1)
    out[sig[k][0]] = "["
    out[sig[k + 1][0]] = f"{begin}:{end}"


def _rewrite_comprehension(sig: list[tuple[int, Token]], out: list[str], k: int) -> None:
    """``[x IN list WHERE c | e]`` -> ``list_transform(list_filter(list, x -> c), x -> e)``."""
    close = _closing(sig, k, "[", "]")
    var = sig[k + 1][1].text
    where = bar = None
    depth = 0
    for j in range(k + 3, close):
        text = sig[j][1].text
        if text in ("(", "[", "{"):
            depth += 1
        elif text in (")", "]", "}"):
            depth -= 1
        elif depth == 0 and sig[j][1].upper == "WHERE" and where is None and bar is None:
            where = j
        elif depth == 0 and text == "|" and bar is None:
            bar = j
    out[sig[k + 1][0]] = ""
    out[sig[k + 2][0]] = ""
    if where is not None and bar is not None:
        out[sig[k][0]] = "list_transform(list_filter("
        out[sig[where][0]] = f", {var} -> "
        out[sig[bar][0]] = f"), {var} -> "
    elif where is not None:
        out[sig[k][0]] = "list_filter("
        out[sig[where][0]] = f", {var} -> "
    elif bar is not None:
        out[sig[k][0]] = "list_transform("
        out[sig[bar][0]] = f", {var} -> "
    else:
        out[sig[k][0]] = "list_transform("
        out[sig[close][0]] = f", {var} -> {var})"
        return
    out[sig[close][0]] = ")"


def _rewrite_var_length(sig: list[tuple[int, Token]], out: list[str], start: int, stop: int, max_hops: int,
                        mode: str) -> None:
    """``*lo..hi`` inside the relationship brackets between ``start`` and ``stop`` -> ``* MODE lo..hi``."""
    k = start
    while k < stop:
        i, token = sig[k]
        if token.text == "*" and _in_rel_brackets(sig, k):
            bracket = _opening(sig, k)
            assert bracket is not None  # _in_rel_brackets found it
            name = sig[bracket + 1][1]
            if name.kind in ("word", "quoted") and mode == "TRAIL":
                raise QueryError("the embedded engine gives variable-length relationships another type: "
                                 "name the path instead, MATCH p = (a)-[:T*1..3]->(b) … relationships(p)")
            lo, hi, used = _bounds(sig, k + 1)
            if hi is None:
                if mode == "TRAIL":
                    raise QueryError("the embedded engine needs an upper bound on variable-length patterns, "
                                     "e.g. [*1..5] (a Neo4j server takes [*])")
                hi = max_hops
            out[i] = f"* {mode} {lo}..{hi}"
            for j in range(k + 1, k + 1 + used):
                out[sig[j][0]] = ""
            k += used  # go on after the bounds (blanked above; the spaces around them are not in sig)
        k += 1


def _bounds(sig: list[tuple[int, Token]], k: int) -> tuple[int, int | None, int]:
    """``(lo, hi, tokens used)`` after a ``*``: ``*``, ``*n``, ``*n..m``, ``*..m``, ``*n..``."""
    texts = [t.text for _, t in sig[k:k + 3]]
    if texts and texts[0].isdigit():
        if len(texts) > 1 and texts[1] == "..":
            if len(texts) > 2 and texts[2].isdigit():
                return int(texts[0]), int(texts[2]), 3
            return int(texts[0]), None, 2
        return int(texts[0]), int(texts[0]), 1
    if texts and texts[0] == "..":
        if len(texts) > 1 and texts[1].isdigit():
            return 1, int(texts[1]), 2
        return 1, None, 1
    return 1, None, 0


def _in_rel_brackets(sig: list[tuple[int, Token]], k: int) -> bool:
    opening = _opening(sig, k)
    return opening is not None and opening > 0 and sig[opening - 1][1].text in ("-", "<-")


def _opening(sig: list[tuple[int, Token]], k: int) -> int | None:
    depth = 0
    for j in range(k - 1, -1, -1):
        text = sig[j][1].text
        if text == "]":
            depth += 1
        elif text == "[":
            if depth == 0:
                return j
            depth -= 1
    return None


def _closing(sig: list[tuple[int, Token]], k: int, opening: str = "(", closing: str = ")") -> int:
    depth = 0
    for j in range(k, len(sig)):
        text = sig[j][1].text
        if text == opening:
            depth += 1
        elif text == closing:
            depth -= 1
            if depth == 0:
                return j
    raise QueryError(f"unbalanced '{opening}' in the query")


def _return_columns(tokens: list[Token]) -> list[str] | None:
    """The column names of the last top-level ``RETURN``, as Neo4j names them (the text as typed, or the alias)."""
    sig = [t for t in tokens if t.kind != "comment"]
    depth, last = 0, None
    for j, token in enumerate(sig):
        if token.kind == "op" and token.text in "([{":
            depth += 1
        elif token.kind == "op" and token.text in ")]}":
            depth -= 1
        elif depth == 0 and token.upper == "RETURN" and (j == 0 or sig[j - 1].text != "."):
            last = j
    if last is None:
        return None
    items: list[list[Token]] = [[]]
    depth = 0
    previous = ""
    for token in sig[last + 1:]:
        if token.kind == "op" and token.text in "([{":
            depth += 1
        elif token.kind == "op" and token.text in ")]}":
            depth -= 1
        if depth == 0 and previous != "." and token.upper in ("ORDER", "SKIP", "LIMIT", "UNION", ";"):
            break
        if token.kind != "space":
            previous = token.text
        if depth == 0 and token.text == ",":
            items.append([])
            continue
        items[-1].append(token)
    names = []
    for n, item in enumerate(items):
        words = [t for t in item if t.kind != "space"]
        if n == 0 and words and words[0].upper == "DISTINCT":
            item = item[item.index(words[0]) + 1:]
            words = words[1:]
        if not words or words[0].text == "*":
            return None
        if len(words) >= 3 and words[-2].upper == "AS":
            alias = words[-1].text
            names.append(alias[1:-1].replace("``", "`") if alias.startswith("`") else alias)
        else:
            names.append("".join(t.text for t in item).strip())
    return names


def _columns(rows: list[dict[str, Any]]) -> dict[str, str]:
    """A ladybug column type for every property any row has."""
    kinds: dict[str, set[str]] = {}
    for props in rows:
        for key, value in props.items():
            if value is not None:
                kinds.setdefault(key, set()).add(_kind(value))
    columns: dict[str, str] = {}
    for key, found in kinds.items():
        if found <= {"INT64"}:
            columns[key] = "INT64"
        elif found <= {"INT64", "DOUBLE"}:
            columns[key] = "DOUBLE"
        elif len(found) == 1:
            columns[key] = found.pop()
        else:
            columns[key] = "STRING"
    return columns


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "BOOLEAN"
    if isinstance(value, int):
        return "INT64"
    if isinstance(value, float):
        return "DOUBLE"
    if isinstance(value, list):
        inner = {_kind(v) for v in value}
        if not inner or inner == {"STRING"}:
            return "STRING[]"
        if inner <= {"INT64", "DOUBLE"}:
            return "DOUBLE[]" if "DOUBLE" in inner else "INT64[]"
        return "STRING"
    return "STRING"


def _cell(value: Any, column: str) -> Any:
    if column == "STRING" and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if column == "DOUBLE" and isinstance(value, int):
        return float(value)
    return value


def _csv_field(value: Any, column: str) -> str:
    """A CSV field the engine reads back as ``value``: null is an empty unquoted field, text
    always quoted (so '' stays an empty string), numbers in Python's exact shortest form.

    >>> [_csv_field(v, t) for v, t in [(None, "STRING"), ("", "STRING"), ('a"b', "STRING"), (2, "DOUBLE")]]
    ['', '""', '"a""b"', '2.0']
    """
    if value is None:
        return ""
    value = _cell(value, column)
    if column == "STRING":
        return '"' + str(value).replace('"', '""') + '"'
    if column == "DOUBLE":
        return repr(float(value))
    return str(value)


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _string_literal(text: str) -> str:
    """A Cypher string literal of ``text`` (table names only: data always goes in parameters)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


#: The engine's wording -> Cypher's, for what a user of Neo4j would otherwise not recognise.
_ENGINE_WORDING = [
    (re.compile(r"list_extract\(list, index\): index=(-?\d+) is out of range"),
     "list index {0} is out of range: Neo4j answers null there, the embedded engine cannot (use a Neo4j server, "
     "or check size(list) first)"),
    (re.compile(r"function (\w+) does not exist", re.I), "unknown function '{0}'"),
    (re.compile(r"Variable (\w+) is not in scope"), "variable `{0}` not defined"),
    (re.compile(r"Table (.+?) does not exist"), "there is no label or relationship type {0}"),
    (re.compile(r"^Parser exception: (.*)"), "invalid Cypher syntax: {0}"),
    (re.compile(r"^Interrupted"), "the query was interrupted (it ran past `timeout=`)"),
]


def _engine_message(e: BaseException) -> str:
    """One line saying why the embedded engine would not answer, in Cypher's terms.

    >>> _engine_message(RuntimeError("Catalog exception: function HEADS does not exist."))
    "the embedded Cypher engine cannot run this query: unknown function 'HEADS'"
    """
    lines = [line for line in str(e).splitlines() if line.strip()]
    text = lines[0] if lines else type(e).__name__
    for pattern, wording in _ENGINE_WORDING:
        found = pattern.search(text)
        if found:
            text = wording.format(*found.groups())
            break
    return f"the embedded Cypher engine cannot run this query: {text}"
