"""How a graph is laid out as rows of flat properties, for databases and files.

Neo4j properties hold scalars and lists of scalars, not maps, so a node's or
relationship's ``provenance`` (a list of records) is kept as a JSON string and
its first record's ``source`` as a flat property beside it, for filtering.
``seq`` keeps the order nodes and relationships had in the source files, so
the graph read back ties break the same way as the one loaded from files.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, NamedTuple

from kg.errors import QueryError

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

#: Properties stored as JSON text because their values are maps or lists of maps.
JSON_PROPS = ("provenance",)

#: Properties derived when storing, dropped when reading back. Every REQUIRES also gets
#: ``postings`` / ``postings_total``: how many job postings of the track name the target, of how
#: many, from its job-description evidence (both 0 when no demand is loaded), so Cypher can rank by demand.
DERIVED_PROPS = ("source", "seq", "postings", "postings_total", "kg_folded", "kg_squashed", "kg_words")

#: ``json.dumps(value, ensure_ascii=False)``, without building an encoder per call.
_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=False)

#: For sizes only: a value JSON cannot hold (NaN, Infinity) is refused where it is written, not measured.
_SIZE = json.JSONEncoder(ensure_ascii=False)

_JSON_SORTED = json.JSONEncoder(ensure_ascii=False, sort_keys=True, allow_nan=False)

#: Node properties that many nodes share (the same provenance and source), sent once per packed batch.
SHARED_NODE_PROPS = JSON_PROPS + ("source",)


def encode_props(props: dict[str, Any], seq: int | None = None) -> dict[str, Any]:
    """The properties as a database can hold them.

    >>> encode_props({"name": "SQL", "aliases": ["sql"], "url": None,
    ...               "provenance": [{"source": "curated", "reason": "x"}]}, seq=3)
    {'name': 'SQL', 'aliases': ['sql'], 'provenance': '[{"source": "curated", "reason": "x"}]', 'source': 'curated', 'seq': 3}
    >>> jd = [{"source": "jd", "evidence": {"count": 2, "total": 9}}, {"source": "jd", "evidence": {"count": 3}}]
    >>> r = encode_props({"type": "REQUIRES", "provenance": jd})
    >>> r["postings"], r["postings_total"], encode_props({"type": "REQUIRES"})["postings"]
    (3, 3, 0)
    """
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None or key in ("label", "type") or key in DERIVED_PROPS:
            continue
        if key in JSON_PROPS or _nested(value):
            value = _JSON.encode(value)
        elif isinstance(value, tuple):
            value = list(value)
        out[key] = value
    provenance = props.get("provenance") or []
    if provenance and isinstance(provenance[0], dict) and provenance[0].get("source"):
        out["source"] = str(provenance[0]["source"])
    if props.get("type") == "REQUIRES":
        out["postings"], out["postings_total"] = _postings(props)
    if seq is not None:
        out["seq"] = seq
    return out


def _postings(props: dict[str, Any]) -> tuple[int, int]:
    """(count, total) of the job-description evidence (``kg.model.demand``: the latest), or
    (0, 0); a total that is not a whole number stands as the count."""
    from kg.model import demand

    ev = demand(props) or {}
    count, total = ev.get("count"), ev.get("total")
    if not (isinstance(count, int) and not isinstance(count, bool)):
        return 0, 0
    return count, total if isinstance(total, int) and not isinstance(total, bool) else count


def decode_props(stored: dict[str, Any]) -> dict[str, Any]:
    """The inverse of ``encode_props``.

    >>> decode_props({"name": "SQL", "provenance": '[{"source": "curated"}]', "source": "curated", "seq": 3})
    {'name': 'SQL', 'provenance': [{'source': 'curated'}]}
    """
    out: dict[str, Any] = {}
    for key, value in stored.items():
        if key in DERIVED_PROPS or value is None:
            continue
        if key in JSON_PROPS and isinstance(value, str):
            value = json.loads(value)
        out[key] = value
    return out


def _nested(value: Any) -> bool:
    if isinstance(value, dict):
        return True
    return isinstance(value, (list, tuple)) and any(isinstance(v, (dict, list, tuple)) for v in value)


def node_rows(graph: "KnowledgeGraph", names: bool = False) -> dict[str, list[dict[str, Any]]]:
    """``{label: [{"id", "props"}]}`` for every node, ``props`` including ``id``; with ``names``,
    also the folded forms a name is looked up by (see :func:`name_keys`)."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for seq, node in enumerate(graph.nodes()):
        node = dict(node)
        label = node.pop("label")
        node_id = node["id"]
        props = encode_props(node, seq)
        if names:
            props.update(name_keys(node_id, node))
        rows.setdefault(label, []).append({"id": node_id, "props": props})
    return rows


def name_keys(node_id: str, props: dict[str, Any]) -> dict[str, list[str]]:
    """What a database holds of a node so that ``kg.resolve`` can ask it for names: every spelling
    folded (and the ESCO URI), without separators, and their words.

    >>> name_keys("infra-mle", {"name": "Infra MLE", "aliases": ["MLOps"]})
    {'kg_folded': ['infra-mle', 'infra mle', 'mlops'], 'kg_squashed': ['inframle', 'mlops'], 'kg_words': ['infra', 'mle', 'mlops']}
    """
    from kg.resolve import normalize, spellings, squash, tokens

    spelled = spellings(node_id, props)
    folded = [normalize(s) for s in spelled]
    uri = [normalize(props["esco_uri"])] if props.get("esco_uri") else []
    return {"kg_folded": list(dict.fromkeys(folded + uri)), "kg_squashed": list(dict.fromkeys(squash(s) for s in folded)),
            "kg_words": list(dict.fromkeys(w for s in spelled for w in tokens(s)))}


def rel_rows(graph: "KnowledgeGraph") -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """``{(type, start label, end label): [{"start", "end", "props"}]}`` for every relationship."""
    rows: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    succ = graph.links("out")
    labels = {node: data["label"] for node, data in graph.node_items()}
    for seq, (start, end, key) in enumerate(insertion_order(graph)):
        data = succ[start][end][key]
        group = (data.get("type") or key, labels[start], labels[end])
        rows.setdefault(group, []).append({"start": start, "end": end, "props": encode_props(data, seq)})
    return rows


def insertion_order(graph: "KnowledgeGraph") -> list[tuple[str, str, str]]:
    """The relationships in an order that, replayed, gives every node the same
    outgoing *and* incoming order as now (networkx keeps both, not the global order).

    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph()
    >>> for n in ("a", "b", "c"): g.add_node(n, "Skill")
    >>> g.add_relationship("PREREQUISITE_OF", "b", "c"); g.add_relationship("PREREQUISITE_OF", "a", "c")
    >>> [(s, e) for s, e, _ in insertion_order(g)]   # a's edge comes first by node order, but not into c
    [('b', 'c'), ('a', 'c')]
    """
    import heapq

    succ, pred = graph.links("out"), graph.links("in")
    edges = [(start, end, key) for start, ends in succ.items() for end, keys in ends.items() for key in keys]
    index = {edge: i for i, edge in enumerate(edges)}
    after: list[list[int]] = [[] for _ in edges]
    waiting = [0] * len(edges)
    for node in succ:
        outgoing = [index[node, end, key] for end, keys in succ[node].items() for key in keys]
        incoming = [index[start, node, key] for start, keys in pred[node].items() for key in keys]
        for chain in (outgoing, incoming):
            for first, second in zip(chain, chain[1:]):
                after[first].append(second)
                waiting[second] += 1

    ready = [i for i in range(len(edges)) if waiting[i] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        i = heapq.heappop(ready)
        order.append(edges[i])
        for j in after[i]:
            waiting[j] -= 1
            if waiting[j] == 0:
                heapq.heappush(ready, j)
    return order


def build_graph(nodes: Iterable[tuple[str, dict[str, Any]]],
                rels: Iterable[tuple[str, str, str, dict[str, Any]]]) -> "KnowledgeGraph":
    """A graph from stored rows: ``(label, props)`` and ``(type, start, end, props)``.

    Rows are put back in their ``seq`` order, so ties break as in the source.

    >>> g = build_graph([("Tool", {"id": "sql", "name": "SQL", "seq": 1}), ("Skill", {"id": "db", "seq": 0})],
    ...                 [("USES_TOOL", "db", "sql", {"seq": 0})])
    >>> g.ids(), list(g.relationships())
    (['db', 'sql'], [('db', 'sql', {'type': 'USES_TOOL', 'provenance': []})])
    """
    from kg.model import KnowledgeGraph

    graph = KnowledgeGraph()
    for label, props in sorted(nodes, key=lambda row: seq_key(row[1], row[1].get("id"))):
        props = decode_props(props)
        node_id = props.pop("id")
        graph.add_node(node_id, label, **props)
    for rel_type, start, end, props in sorted(rels, key=lambda row: seq_key(row[3], (row[0], row[1], row[2]))):
        graph.add_relationship(rel_type, start, end, **decode_props(props))
    return graph


def seq_key(props: dict[str, Any], fallback: Any) -> tuple[int, str]:
    """Where a stored row goes back in the graph's order: its ``seq``, else after all, by ``fallback``."""
    seq = props.get("seq")
    return (seq if isinstance(seq, int) else 1 << 62, str(fallback))


def graph_contents(graph: "KnowledgeGraph") -> tuple[list[Any], list[Any]]:
    """Nodes and relationships as sorted plain data, for tests that compare graphs."""
    nodes = sorted((n["id"], n["label"], json.dumps(decode_props(encode_props(n)), sort_keys=True, ensure_ascii=False))
                   for n in graph.nodes())
    rels = sorted((d.get("type"), s, e, json.dumps(decode_props(encode_props(d)), sort_keys=True, ensure_ascii=False))
                  for s, e, d in graph.relationships())
    return nodes, rels


def chunks(rows: list[dict[str, Any]], batch_size: int, max_bytes: int | None = None) -> Iterator[list[dict[str, Any]]]:
    """Split ``rows`` into batches of at most ``batch_size`` rows and, if given,
    about ``max_bytes`` of JSON each (a row larger than that goes alone).

    >>> [len(b) for b in chunks([{"id": str(i)} for i in range(5)], 2)]
    [2, 2, 1]
    >>> [len(b) for b in chunks([{"id": "x" * 10}] * 4, 100, max_bytes=50)]
    [2, 2]
    """
    batch: list[dict[str, Any]] = []
    size = 2
    for row in rows:
        row_size = json_size(row) + 1
        if batch and (len(batch) >= batch_size or (max_bytes is not None and size + row_size > max_bytes)):
            yield batch
            batch, size = [], 2
        batch.append(row)
        size += row_size
    if batch:
        yield batch


class PackedBatch(NamedTuple):
    """One request of packed rows: the rows it carries, its parameters, and their size
    in bytes of JSON (:func:`json_size`)."""

    rows: list[dict[str, Any]]
    params: dict[str, list[Any]]
    size: int


def split_node_row(row: dict[str, Any]) -> tuple[list[Any], dict[str, Any], list[Any]]:
    """A node row for the packed load statements: ``[id]``, the properties many
    nodes share (sent once per batch, as ``$props[i]``), and ``[own properties, seq]``.

    >>> split_node_row({"id": "sql", "props": {"id": "sql", "name": "SQL", "provenance": "[]", "seq": 4}})
    (['sql'], {'provenance': '[]'}, [{'name': 'SQL'}, 4])
    """
    own = dict(row["props"])
    seq = own.pop("seq", None)
    own.pop("id", None)
    shared = {key: own.pop(key) for key in SHARED_NODE_PROPS if key in own}
    return [row["id"]], shared, [own, seq]


def split_rel_row(row: dict[str, Any]) -> tuple[list[Any], dict[str, Any], list[Any]]:
    """A relationship row for the packed load statements: ``[start, end]``, every
    property but ``seq`` (shared by many relationships, sent once per batch), and ``[seq]``.

    >>> split_rel_row({"start": "a", "end": "b", "props": {"provenance": "[]", "source": "x", "seq": 9}})
    (['a', 'b'], {'provenance': '[]', 'source': 'x'}, [9])
    """
    shared = dict(row["props"])
    seq = shared.pop("seq", None)
    return [row["start"], row["end"]], shared, [seq]


def json_size(value: Any) -> int:
    """Bytes of ``value`` as the driver's JSON sees it (UTF-8, non-ASCII kept): what
    every request size limit counts.

    >>> json_size({"name": "é"}), json_size([1, 2])
    (14, 6)
    """
    return len(_SIZE.encode(value).encode())


def _dedup_key(props: dict[str, Any]) -> Any:
    """A key equal for equal property maps (``1``, ``1.0`` and ``True`` kept apart)."""
    if all(type(v) in (str, int, bool) for v in props.values()):
        return tuple((k, type(v), v) for k, v in props.items())
    return _JSON_SORTED.encode(props)


#: Size of ``{"rows": [], "props": []}``, the frame of every packed request.
_PACKED_FRAME = json_size({"rows": [], "props": []})


def pack_rows(rows: Iterable[dict[str, Any]],
              split: Callable[[dict[str, Any]], tuple[list[Any], dict[str, Any], list[Any]]],
              batch_size: int, max_bytes: int | None = None,
              encode: Callable[[Any], Any] = lambda value: value) -> Iterator[PackedBatch]:
    """Rows packed for the ``*_falkordb`` load statements: ``{"rows": [[*head, i, *tail]],
    "props": [map]}``, each distinct shared property map sent once per request as
    ``$props[i]``, at most ``batch_size`` rows and, if given, ``max_bytes`` of JSON
    parameters (after ``encode``) per request. A row larger than that goes alone.

    >>> rows = [{"start": "a", "end": str(i), "props": {"source": "x", "seq": i}} for i in range(3)]
    >>> [b.params for b in pack_rows(rows, split_rel_row, 2)]
    [{'rows': [['a', '0', 0, 0], ['a', '1', 0, 1]], 'props': [{'source': 'x'}]}, {'rows': [['a', '2', 0, 2]], 'props': [{'source': 'x'}]}]
    >>> all(b.size == json_size(b.params) <= 60 for b in pack_rows(rows, split_rel_row, 100, max_bytes=60))
    True
    """
    encoded_shared: dict[Any, tuple[Any, int]] = {}
    batch: list[dict[str, Any]] = []
    packed: list[list[Any]] = []
    props: list[Any] = []
    index: dict[Any, int] = {}
    size = _PACKED_FRAME
    for row in rows:
        head, shared, tail = split(row)
        key = _dedup_key(shared)
        if key not in encoded_shared:
            value = encode(shared)
            encoded_shared[key] = (value, json_size(value))
        shared_value, shared_size = encoded_shared[key]
        row_value = encode([*head, 0, *tail])  # the index is an int, left as it is

        def placed() -> tuple[int | None, list[Any], int]:
            """The row in the current request: its shared map's index there (None: new), the
            packed row, and how many bytes it adds (with its shared map when new)."""
            i = index.get(key)
            item = list(row_value)
            item[len(head)] = len(props) if i is None else i
            grow = json_size(item) + (2 if packed else 0)
            if i is None:
                grow += shared_size + (2 if props else 0)
            return i, item, grow

        i, item, grow = placed()
        if packed and (len(packed) >= batch_size or (max_bytes is not None and size + grow > max_bytes)):
            yield PackedBatch(batch, {"rows": packed, "props": props}, size)
            batch, packed, props, index, size = [], [], [], {}, _PACKED_FRAME
            i, item, grow = placed()  # alone in a new request: it goes even if larger than max_bytes
        if i is None:
            index[key] = len(props)
            props.append(shared_value)
        batch.append(row)
        packed.append(item)
        size += grow
    if packed:
        yield PackedBatch(batch, {"rows": packed, "props": props}, size)


#: A name that may be written into Cypher text as a label, type or property key.
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def node_statement(label: str, packed: bool = False) -> str:
    """The load statement of a label with none in ``cypher/`` (as those of load_nodes[_falkordb])."""
    check_identifier(label)
    if packed:
        return (f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row[0]}})\n"
                "SET n = $props[row[1]], n += row[2], n.id = row[0], n.seq = row[3]")
    return f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})\nSET n = row.props"


def rel_statement(rel_type: str, start: str, end: str, packed: bool = False) -> str:
    """The load statement of a relationship with none in ``cypher/`` (as load_relationships[_falkordb])."""
    for name in (rel_type, start, end):
        check_identifier(name)
    if packed:
        return (f"UNWIND $rows AS row\nMATCH (a:{start} {{id: row[0]}})\nMATCH (b:{end} {{id: row[1]}})\n"
                f"MERGE (a)-[r:{rel_type}]->(b)\nSET r = $props[row[2]], r.seq = row[3]")
    return (f"UNWIND $rows AS row\nMATCH (a:{start} {{id: row.start}})\nMATCH (b:{end} {{id: row.end}})\n"
            f"MERGE (a)-[r:{rel_type}]->(b)\nSET r = row.props")


def check_identifier(name: str) -> None:
    """Refuse a label or relationship type that is not a plain name (it is written into Cypher text)."""
    if not IDENTIFIER.fullmatch(name):
        raise QueryError(f"{name!r} cannot be a label or relationship type")
