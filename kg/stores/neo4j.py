"""The graph in Neo4j (or any server speaking Bolt, e.g. FalkorDB) through the official driver.

The only module that imports ``neo4j``. The store is handed its driver;
``Neo4jStore.connect`` builds one from a URI. The server is detected once,
on connection, and decides the dialect: schema statements, where
``shortestPath`` may stand, and how large one request may be.
"""
from __future__ import annotations

import atexit
import gc
import logging
import os
import re
import socket
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as neo4j_errors

from kg import cypher as cypher_files
from kg.embedded_cypher import call_with_timeout, check_read_only
from kg.errors import KGError, QueryError, StoreUnavailable
from kg.model import LABELS, REL_TYPES
from kg.stores.base import (
    IDENTIFIER,
    build_graph,
    chunks,
    json_size,
    node_rows,
    node_statement,
    pack_rows,
    rel_rows,
    rel_statement,
    split_node_row,
    split_rel_row,
)

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

# The driver logs each retry as a warning; with no logging configured Python
# would print them on stderr. The store reports failures itself.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

#: URI schemes of the Bolt protocol (the driver's HTTP preview is not used).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")



@dataclass(frozen=True)
class Dialect:
    """What differs between servers that speak Bolt."""

    name: str
    schema_file: str
    batch_size: int
    #: Largest request, in bytes of JSON parameters (None: no limit known).
    max_param_bytes: int | None
    #: Whether ``MATCH p = shortestPath(...)`` works (else ``WITH shortestPath(...) AS p``, directed only).
    match_shortest_path: bool
    #: Whether strings in parameters must be escaped (FalkorDB's Bolt port parses them as literals).
    escape_strings: bool
    #: Whether rows go packed (``load_*_falkordb``: lists, shared property maps once per
    #: request) rather than as ``{id, props}`` maps (``load_*``), to fit more in a small request.
    packed: bool = False

    @property
    def load_files(self) -> tuple[str, str]:
        """The files of the node and relationship load statements."""
        suffix = "_falkordb" if self.packed else ""
        return f"load_nodes{suffix}", f"load_relationships{suffix}"


NEO4J = Dialect("neo4j", "schema", 1000, None, True, False)
# FalkorDB crashes on requests above ~4 KB of parameters: stay under half of that,
# and pack the rows (about 45 relationships or 12 nodes a request instead of 10 or 7).
FALKORDB = Dialect("falkordb", "schema_falkordb", 500, 2000, False, True, packed=True)


def escape_falkordb(value: Any) -> Any:
    """Strings as FalkorDB's Bolt port needs them: it reads string parameters as
    quoted literals, so a lone ``'`` breaks the request and ``\\b`` becomes a backspace.
    Map keys it writes into the query text as they are: only plain names pass.

    >>> escape_falkordb({"name": "it's", "aliases": ["a\\\\b"]})
    {'name': "it\\\\'s", 'aliases': ['a\\\\\\\\b']}
    >>> escape_falkordb({"filter": {"id: 1} MATCH (n) SET n.x = 1 //": "git"}})
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: parameter key 'id: 1} MATCH (n) SET n.x = 1 //' is not a plain name (letters, digits and _, not first a digit)
    """
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, list):
        return [escape_falkordb(v) for v in value]
    if isinstance(value, dict):
        check_keys(value)
        return {k: escape_falkordb(v) for k, v in value.items()}
    return value


def check_keys(value: Any) -> None:
    """Refuse map keys (at any depth) that are not plain names: a server that writes
    parameters into its query text would run what such a key holds."""
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str) or not IDENTIFIER.fullmatch(k):
                raise QueryError(f"parameter key {k!r} is not a plain name (letters, digits and _, not first a digit)")
            check_keys(v)
    elif isinstance(value, list):
        for v in value:
            check_keys(v)


def redact_uri(uri: str) -> str:
    """The URI without the password it may hold, for messages.

    >>> redact_uri("bolt://neo4j:s3cret@db.example:7687"), redact_uri("bolt://localhost")
    ('bolt://neo4j:***@db.example:7687', 'bolt://localhost')
    """
    return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://)([^@/?#]*)@",
                  lambda m: m.group(1) + m.group(2).split(":", 1)[0] + (":***" if ":" in m.group(2) else "") + "@",
                  uri)


def timeout_setting(text: str | None) -> float:
    """``KG_NEO4J_TIMEOUT`` as seconds (default 10): a finite number above 0.

    >>> timeout_setting(None), timeout_setting("2.5")
    (10.0, 2.5)
    >>> timeout_setting("nan")
    Traceback (most recent call last):
    ...
    kg.errors.StoreUnavailable: KG_NEO4J_TIMEOUT must be a number of seconds above 0, not 'nan'
    """
    import math

    try:
        value = float(text) if text is not None else 10.0
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise StoreUnavailable(f"KG_NEO4J_TIMEOUT must be a number of seconds above 0, not {text!r}")
    return value


class Neo4jStore:
    """A graph database reached over Bolt, through a driver it is handed
    (``Neo4jStore.connect(uri, …)`` makes one). Use it as a context manager, or ``close()``."""

    def __init__(self, driver: Any, *, database: str | None = None, dialect: Dialect | None = None,
                 uri: str = "", user: str = "", batch_size: int | None = None) -> None:
        self.driver = driver
        self._closed = False
        self.database = database or None
        self.uri = uri
        self.user = user
        self.dialect = dialect or self._detect()
        self.batch_size = batch_size or self.dialect.batch_size

    # -- connecting -------------------------------------------------------
    @classmethod
    def connect(cls, uri: str, user: str | None = "neo4j", password: str | None = "",
                database: str | None = None, batch_size: int | None = None,
                timeout: float | None = None) -> "Neo4jStore":
        """Connect, check the server answers and accepts the credentials, detect it.

        ``timeout`` (seconds; default ``KG_NEO4J_TIMEOUT`` or 10) bounds the
        wait for a connection.
        """
        if timeout is None:
            timeout = timeout_setting(os.environ.get("KG_NEO4J_TIMEOUT"))
        auth = (user or "neo4j", password or "")
        shown = redact_uri(uri)
        hint = "use e.g. bolt://localhost:7687 or neo4j+s://<id>.databases.neo4j.io"
        try:
            parts = urlsplit(uri)
            parts.port  # noqa: B018 - raises ValueError on a port that is not a number
        except ValueError as e:
            raise StoreUnavailable(f"{shown!r} is not a valid URI ({e}); {hint}") from None
        if parts.scheme not in BOLT_SCHEMES:
            raise StoreUnavailable(f"{shown!r} is not a Bolt URI; {hint}")
        if parts.username is not None or parts.password is not None:
            raise StoreUnavailable(f"{shown!r}: give the user and password with `user=`/`password=` "
                                   "(NEO4J_USER/NEO4J_PASSWORD), not in the URI")
        try:
            driver = neo4j.GraphDatabase.driver(
                uri, auth=auth, connection_timeout=timeout, connection_acquisition_timeout=timeout,
                max_transaction_retry_time=max(timeout, 5.0), max_connection_pool_size=4,
                user_agent="mle-kg")
        except (neo4j_errors.ConfigurationError, ValueError) as e:
            raise StoreUnavailable(f"{shown!r} is not a Bolt URI ({_first_line(e).replace(uri, shown)}); "
                                   f"{hint}") from None
        try:
            _verify(driver, uri)
            store = cls(driver, database=database, uri=uri, user=auth[0], batch_size=batch_size)
            store.ping()
        except KGError:
            driver.close()
            raise
        # A store nobody closed (e.g. the one behind --backend neo4j) still closes
        # cleanly, and absorbs FalkorDB's ignored connection, when the process ends.
        atexit.register(store.close)
        return store

    def _detect(self) -> Dialect:
        """Neo4j answers ``dbms.components()``; FalkorDB fails it with its generic error."""
        try:
            with self._session(write=False) as session:
                rows = session.run("CALL dbms.components() YIELD name RETURN name").data()
            if rows:
                return NEO4J
        except neo4j_errors.DatabaseError as e:
            if "unknown error" in (e.message or "").lower():
                return FALKORDB
            raise self._translate(e) from None
        except Exception as e:
            raise self._translate(e) from None
        return NEO4J

    def ping(self) -> None:
        """Run a trivial query in the chosen database (a missing database fails here)."""
        self._run("RETURN 1 AS ok", {}, write=False)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if getattr(self, "_abandoned", False):
            return  # a connection still waits for a query given up on: closing would wait for it too
        self.driver.close()
        if self.dialect.name == "falkordb":
            _absorb_ignored_connection(self.uri)

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- running ----------------------------------------------------------
    def _session(self, write: bool) -> Any:
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode)

    def _params(self, params: dict[str, Any]) -> dict[str, Any]:
        check_keys(params)
        return escape_falkordb(params) if self.dialect.escape_strings else params

    def _run(self, query: str, params: dict[str, Any], *, write: bool, timeout: float | None = None
             ) -> tuple[list[str], list[list[Any]]]:
        """One statement in one managed transaction: ``(columns, rows)`` of plain values.
        ``timeout`` (seconds) is sent to the server as the transaction's timeout, and the
        answer is not waited for longer than that."""
        sent = self._params(params)

        def work(tx: Any) -> tuple[list[str], list[list[Any]]]:
            result = tx.run(query, sent)
            keys = list(result.keys())
            return keys, [[as_data(v) for v in record.values()] for record in result]

        if timeout:
            work = neo4j.unit_of_work(timeout=timeout)(work)

        def attempt() -> tuple[list[str], list[list[Any]]]:
            with self._session(write) as session:
                return (session.execute_write if write else session.execute_read)(work)

        try:
            return call_with_timeout(attempt, timeout + 1.0 if timeout else None)
        except QueryError as e:
            if timeout and str(e).startswith("no answer"):
                self._abandoned = True  # a connection is still busy with it: do not wait for it on close
                raise QueryError(f"no answer within {timeout:g} s: the query was given up "
                                 "(a longer `timeout=` allows more)") from None
            raise
        except Exception as e:
            raise self._translate(e) from None

    def run(self, query: str, params: dict[str, Any] | None = None, *, write: bool = False,
            timeout: float | None = None) -> tuple[list[str], list[list[Any]]]:
        """Run a user's Cypher: ``(columns, rows)``. Read-only unless ``write``: only read
        clauses and procedures known to only read pass (FalkorDB ignores the read access mode).

        The query text is sent as given; values go as parameters (map keys plain names only).
        """
        check_read_only(query, write, procedures=True)
        return self._run(query, dict(params or {}), write=write, timeout=timeout)

    def read(self, query: str, params: dict[str, Any]) -> list[list[Any]]:
        """The rows of one of the project's own read statements (``cypher/``), sent without the
        read-only check :meth:`run` gives a user's query."""
        return self._run(query, params, write=False)[1]

    def _translate(self, e: BaseException) -> KGError:
        """A driver error as the library's own: exit 3 for the connection, 1 for the query."""
        if isinstance(e, KGError):
            return e
        where = self.uri or "the server"
        if isinstance(e, neo4j_errors.AuthError):
            return _refused_credentials(where)
        if isinstance(e, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError)):
            return _unreachable(where, e)
        if isinstance(e, neo4j_errors.Neo4jError):
            code = e.code or ""
            message = _first_line(e.message or str(e))
            if code == "Neo.ClientError.Database.DatabaseNotFound":
                return StoreUnavailable(f"{where} has no database {self.database!r}: {message} "
                                        "(check `database=` / NEO4J_DATABASE)")
            if code.startswith("Neo.ClientError.Security."):
                return StoreUnavailable(f"{where} refused access: {message}")
            if code == "Neo.ClientError.Statement.AccessMode" or "read access mode" in message.lower():
                return QueryError(f"this query writes to the database; add `write=True` to allow it ({message})")
            return QueryError(f"the server rejected the query: {message}" + (f" [{code}]" if code else ""))
        if isinstance(e, neo4j_errors.DriverError):
            return StoreUnavailable(f"{where}: {_first_line(e)}")
        raise e

    # -- writing ----------------------------------------------------------
    def create_schema(self) -> int:
        """Constraints (Neo4j) or indexes (FalkorDB) on ``id``, one per label; returns how many are new."""
        created = 0
        for label, statement in cypher_files.statements(self.dialect.schema_file).items():
            try:
                self._run(statement, {}, write=True)
                created += 1
            except QueryError:
                if self.dialect.name != "falkordb":
                    raise
                # FalkorDB refuses an index that already exists, with its generic error.
        return created

    def wipe(self, limit: int = 10_000) -> int:
        """Delete this graph's nodes (the four labels only), ``limit`` per transaction."""
        deleted = 0
        for statement in cypher_files.statements("wipe").values():
            while True:
                _, rows = self._run(statement, {"limit": limit}, write=True)
                n = rows[0][0] if rows else 0
                deleted += n
                if n < limit:
                    break
        return deleted

    def push(self, graph: "KnowledgeGraph", *, wipe: bool = False, batch_size: int | None = None,
             progress: Callable[[int], None] | None = None) -> dict[str, Any]:
        """Write the whole graph: schema first, then nodes and relationships in
        ``UNWIND $rows`` batches, one transaction each, ``MERGE`` on ``id``.

        Idempotent: a second push leaves the same nodes, relationships and
        properties. Returns counts per label and type, batches and seconds.
        """
        started = time.perf_counter()
        size = batch_size or self.batch_size
        report: dict[str, Any] = {"server": self.dialect.name, "batch_size": size,
                                  "max_request_bytes": self.dialect.max_param_bytes, "batches": 0,
                                  "deleted": 0, "nodes": {}, "relationships": {}}
        if wipe:
            report["deleted"] = self.wipe()
        self.create_schema()
        node_file, rel_file = self.dialect.load_files
        node_statements = cypher_files.statements(node_file)
        rel_statements = cypher_files.statements(rel_file)
        packed = self.dialect.packed
        try:
            # One session for the whole push; each batch is one auto-commit transaction
            # (a single round trip, where a managed transaction takes three).
            with self._session(write=True) as session, _gc_paused():
                for label, rows in node_rows(graph, names=True).items():
                    statement = node_statements.get(label) or node_statement(label, packed)
                    report["batches"] += self._write_rows(session, statement, rows, size, progress, split_node_row)
                    report["nodes"][label] = len(rows)
                for (rel_type, start, end), rows in rel_rows(graph).items():
                    statement = (rel_statements.get(f"{rel_type} {start} {end}")
                                 or rel_statement(rel_type, start, end, packed))
                    report["batches"] += self._write_rows(session, statement, rows, size, progress, split_rel_row)
                    report["relationships"][rel_type] = report["relationships"].get(rel_type, 0) + len(rows)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as e:
            raise self._translate(e) from None
        report["seconds"] = round(time.perf_counter() - started, 3)
        return report

    def _write_rows(self, session: Any, statement: str, rows: list[dict[str, Any]], size: int,
                    progress: Callable[[int], None] | None, split: Callable[..., Any]) -> int:
        batches = 0
        limit = self.dialect.max_param_bytes
        for batch, params in self._batches(rows, size, split):
            if limit is not None and len(batch) == 1 and json_size(params) > limit:
                self._write_large_row(statement, batch[0], split)
            else:
                self._send(session, statement, params)
            batches += 1
            if progress:
                progress(len(batch))
        return batches

    def _batches(self, rows: list[dict[str, Any]], size: int, split: Callable[..., Any]
                 ) -> Iterable[tuple[list[dict[str, Any]], dict[str, Any]]]:
        """``(rows, parameters)`` per request, strings already escaped for FalkorDB."""
        if self.dialect.packed:
            encode = escape_falkordb if self.dialect.escape_strings else (lambda value: value)
            for packed in pack_rows(rows, split, size, self.dialect.max_param_bytes, encode):
                # FalkorDB creates a batch's nodes and relationships last row first: reversed,
                # they are created in the graph's own order, whatever the batch size.
                yield packed.rows, {**packed.params, "rows": packed.params["rows"][::-1]}
        else:
            for batch in chunks(rows, size, self.dialect.max_param_bytes):
                yield batch, self._params({"rows": batch})

    def _send(self, session: Any, statement: str, params: dict[str, Any]) -> None:
        """One batch, one auto-commit transaction; ``params`` already escaped."""
        session.run(statement, params).consume()

    def _load_params(self, row: dict[str, Any], split: Callable[..., Any]) -> dict[str, Any]:
        """The parameters of a load statement for one row, not escaped yet."""
        if not self.dialect.packed:
            return {"rows": [row]}
        head, shared, tail = split(row)
        return {"rows": [[*head, 0, *tail]], "props": [shared]}

    def _write_large_row(self, statement: str, row: dict[str, Any], split: Callable[..., Any]) -> None:
        """A row too large for one FalkorDB request: merge it with few properties,
        then add the rest a piece at a time (long texts in several appends)."""
        limit = self.dialect.max_param_bytes or 2000
        props = dict(row["props"])
        small = {k: props.pop(k) for k in list(props) if json_size({k: props[k]}) < limit // 4}
        first = {**row, "props": small}
        self._run(statement, self._load_params(first, split), write=True)
        match = _match_clause(statement)
        for key, value in props.items():
            if not IDENTIFIER.fullmatch(key):
                raise QueryError(f"property name {key!r} cannot be written to this server")
            if isinstance(value, str):
                pieces = [value[i:i + limit // 8] for i in range(0, len(value), limit // 8)] or [""]
                self._run(f"{match} SET n.{key} = $piece", {**_ends(row), "piece": pieces[0]}, write=True)
                for piece in pieces[1:]:
                    self._run(f"{match} SET n.{key} = n.{key} + $piece", {**_ends(row), "piece": piece}, write=True)
            else:
                self._run(f"{match} SET n.{key} = $value", {**_ends(row), "value": value}, write=True)

    # -- reading ----------------------------------------------------------
    def read_graph(self) -> "KnowledgeGraph":
        """The whole graph, read back into memory (so every query answers as on files)."""
        reads = cypher_files.statements("read")
        nodes: list[tuple[str, dict[str, Any]]] = []
        for label in LABELS:
            _, rows = self._run(reads[label], {}, write=False)
            nodes.extend((label, row[0]) for row in rows)
        rels: list[tuple[str, str, str, dict[str, Any]]] = []
        for rel_type in REL_TYPES:
            _, rows = self._run(reads[rel_type], {}, write=False)
            rels.extend((rel_type, row[0], row[1], row[2]) for row in rows)
        return build_graph(nodes, rels)

    def counts(self) -> dict[str, dict[str, int]]:
        """Node counts per label and relationship counts per type, as ``KnowledgeGraph.counts``."""
        nodes = {label: self._run(f"MATCH (n:{label}) RETURN count(n) AS n", {}, write=False)[1][0][0]
                 for label in LABELS}
        rels = {t: self._run(f"MATCH ()-[r:{t}]->() RETURN count(r) AS n", {}, write=False)[1][0][0]
                for t in REL_TYPES}
        return {"nodes": nodes, "relationships": rels}

    def shortest_path(self, a: str, b: str, *, directed: bool = False, max_length: int = 64
                      ) -> dict[str, Any] | None:
        """The server's own shortest path between the nodes with ids ``a`` and ``b``.

        Returns ``{"nodes": [{"id", "label", "name"}], "relationships":
        [{"type", "start", "end"}], "length"}`` or None when they are not connected.
        """
        if a == b:
            _, rows = self._run("MATCH (n {id: $a}) RETURN n.id, labels(n)[0], n.name", {"a": a}, write=False)
            if not rows:
                return None
            return {"nodes": [_node_ref(rows[0])], "relationships": [], "length": 0}
        if self.dialect.match_shortest_path:
            query = cypher_files.statements("shortest_path")["directed" if directed else "undirected"]
            _, rows = self._run(query, {"a": a, "b": b}, write=False)
        elif directed:
            query = cypher_files.statements("shortest_path_falkordb")["directed"]
            _, rows = self._run(query, {"a": a, "b": b}, write=False)
        else:
            # FalkorDB's algo.SPpaths searches depth first: its time grows exponentially with
            # maxLen when it happens to dive deep first (it depends on the order edges were
            # created in). Deepen step by step: the first length that finds a path finds a shortest.
            query = cypher_files.statements("shortest_path_falkordb")["undirected"]
            length, rows = 2, []
            while True:
                _, rows = self._run(query, {"a": a, "b": b, "max_length": min(length, max_length)}, write=False)
                if (rows and rows[0][0] is not None) or length >= max_length:
                    break
                length *= 2
        if not rows or rows[0][0] is None:
            return None
        nodes, rels = rows[0]
        return {"nodes": [_node_ref(n) for n in nodes],
                "relationships": [{"type": t, "start": s, "end": e} for t, s, e in rels],
                "length": len(rels)}


# -- helpers ---------------------------------------------------------------
def _verify(driver: Any, uri: str) -> None:
    """Check the server answers; one retry when it accepted but did not answer
    (FalkorDB ignores the connection after another client's clean close)."""
    for attempt in (1, 2):
        try:
            driver.verify_connectivity()
            return
        except neo4j_errors.AuthError:
            raise _refused_credentials(uri) from None
        except neo4j_errors.ServiceUnavailable as e:
            if attempt == 1 and "handshake" in str(e).lower():
                continue
            raise _unreachable(uri, e) from None
        except neo4j_errors.Neo4jError as e:
            raise StoreUnavailable(f"{uri} refused the connection: {_first_line(e.message or str(e))} "
                                   "(check the credentials: `user=`/`password=`)") from None
        except (neo4j_errors.DriverError, OSError) as e:
            raise _unreachable(uri, e) from None


def _unreachable(where: str, e: BaseException) -> StoreUnavailable:
    """The one message for a server that does not answer, whichever call found out."""
    return StoreUnavailable(f"cannot reach {where}: {_reason(e)} — is the server running? (`uri=` / NEO4J_URI)")


def _refused_credentials(where: str) -> StoreUnavailable:
    """The one message for a server that refused the user name or password."""
    return StoreUnavailable(f"{where} refused the credentials: check `user=`/`password=` (NEO4J_USER/NEO4J_PASSWORD)")


def _absorb_ignored_connection(uri: str) -> None:
    """After a clean close, FalkorDB ignores the next connection it accepts; open
    and drop one here so the next real client is answered at once."""
    try:
        parts = urlsplit(uri)
        with socket.create_connection((parts.hostname or "localhost", parts.port or 7687), timeout=1):
            pass
    except OSError:
        pass


def as_data(value: Any) -> Any:
    """A driver value as plain data: nodes and relationships become property maps
    with ``_labels`` / ``_type``; paths their nodes and relationships. (A relationship's
    end nodes carry no properties unless returned too, so they are left out: return
    ``a.id``, ``b.id`` to see them.)"""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: v for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: v for k, v in value.items()}}
    if isinstance(value, Path):
        return {"_nodes": [as_data(n) for n in value.nodes], "_relationships": [as_data(r) for r in value.relationships]}
    if isinstance(value, list):
        return [as_data(v) for v in value]
    if isinstance(value, dict):
        return {k: as_data(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _node_ref(row: Iterable[Any]) -> dict[str, Any]:
    node_id, label, name = list(row)
    return {"id": node_id, "label": label, "name": name or node_id}


def _match_clause(statement: str) -> str:
    """``MATCH`` for the node or relationship a load statement writes, by ``$id`` / ``$start``, ``$end``."""
    node = re.search(r"MERGE \(n:(\w+) \{id: row(?:\.id|\[0\])\}\)", statement)
    if node:
        return f"MATCH (n:{node.group(1)} {{id: $id}})"
    a = re.search(r"MATCH \(a:(\w+)", statement)
    b = re.search(r"MATCH \(b:(\w+)", statement)
    r = re.search(r"\[r:(\w+)\]", statement)
    if not (a and b and r):
        raise QueryError("cannot split this row into smaller requests")
    return f"MATCH (:{a.group(1)} {{id: $start}})-[n:{r.group(1)}]->(:{b.group(1)} {{id: $end}})"


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while rows are built: they make no cycles, and
    the collector's passes over the whole graph cost a sixth of a FalkorDB push."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _ends(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"]} if "id" in row else {"start": row["start"], "end": row["end"]}


def _first_line(e: Any) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _reason(e: BaseException) -> str:
    text = str(e)
    if "refused" in text.lower():
        return "connection refused"
    if "handshake" in text.lower():
        return "the server accepted the connection but did not answer"
    return _first_line(text)
