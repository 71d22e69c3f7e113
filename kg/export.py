"""The graph as files other tools read: node-link JSON, GraphML, a Cypher script, neo4j-admin CSV.

``write_export(graph, fmt, path)`` writes one format; ``read_export(fmt, path)``
reads JSON, GraphML and CSV back (the Cypher script is read back by running
it, see the tests), so every export can be checked to hold the same graph.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from kg.errors import DataError, KGError, WriteError
from kg.safeio import dumps_json
from kg.stores.base import build_graph, chunks, encode_props, node_rows, rel_rows

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

FORMATS = ("json", "graphml", "cypher", "csv")

#: Rows per UNWIND statement in the Cypher script.
SCRIPT_BATCH = 500


class Written(list):  # type: ignore[type-arg]
    """The files an export wrote (``list[Path]``), and in ``replaced`` those that existed before."""

    def __init__(self, paths: Iterable[Path] = (), replaced: Iterable[Path] = ()) -> None:
        super().__init__(paths)
        self.replaced: list[Path] = list(replaced)


#: ``-o -``: the export goes to standard output.
STDOUT = "-"


def export_text(graph: "KnowledgeGraph", fmt: str) -> str:
    """The whole export as text, for the one-file formats (json, graphml, cypher)."""
    writers = {"json": to_json, "graphml": to_graphml, "cypher": to_cypher}
    if fmt not in writers:
        if fmt == "csv":
            raise KGError("csv writes a folder of files: give -o FOLDER, not standard output")
        raise KGError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    return writers[fmt](graph)


def write_export(graph: "KnowledgeGraph", fmt: str, path: str | Path, *, csv_safe: bool = False) -> Written:
    """Write ``graph`` as ``fmt`` to ``path`` (a directory for csv); the files written.

    Every file is written whole or not at all (a temporary file renamed into place), so
    a failure — a full disk — leaves the previous file as it was.
    """
    from kg.atomic import write_file

    path = Path(path)
    try:
        if fmt == "csv":
            return write_csv(graph, path, csv_safe=csv_safe)
        text = export_text(graph, fmt)
        if not path.is_dir():
            path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise WriteError(f"cannot write {path}: {e.strerror or e}") from None
    replaced = write_file(path, text)
    return Written([path], [path] if replaced else [])


def read_export(fmt: str, path: str | Path) -> "KnowledgeGraph":
    """Read back a JSON, GraphML or CSV export."""
    path = Path(path)
    if fmt == "csv":
        return read_csv(path)
    text = _read_text(path)
    if fmt == "json":
        return parse_json(text)
    if fmt == "graphml":
        return parse_graphml(text)
    raise KGError(f"cannot read back format {fmt!r}")


# -- node-link JSON ---------------------------------------------------------
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


# -- GraphML ------------------------------------------------------------------
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


# -- Cypher script --------------------------------------------------------------
def to_cypher(graph: "KnowledgeGraph") -> str:
    """A standalone script for ``cypher-shell -f``: constraints, then UNWIND-MERGE
    statements with the data written as Cypher literals (so the script needs no parameters).

    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph(); g.add_node("sql", "Tool", name="it's")
    >>> print(to_cypher(g).split("// Nodes")[1].split("// Relationships")[0].strip())
    UNWIND [{id: 'sql', props: {id: 'sql', name: 'it\\'s', name_zh: '', aliases: [], description: '', provenance: '[]', seq: 0}}] AS row
    MERGE (n:Tool {id: row.id})
    SET n = row.props;
    """
    from kg import cypher as cypher_files

    out = ["// mle-kg graph: run with  cypher-shell -f THIS_FILE  (Neo4j 5).",
           "// Idempotent: MERGE on id, so running it twice changes nothing.", ""]
    out += [statement + ";" for statement in cypher_files.statements("schema").values()]
    out += ["", "// Nodes"]
    node_statements = cypher_files.statements("load_nodes")
    for label, rows in node_rows(graph).items():
        statement = node_statements.get(label) or _generic_node_statement(label)
        for batch in chunks([_id_first(r) for r in rows], SCRIPT_BATCH):
            out.append(statement.replace("$rows", cypher_literal(batch), 1) + ";")
    out += ["", "// Relationships"]
    rel_statements = cypher_files.statements("load_relationships")
    for (rel_type, start, end), rows in rel_rows(graph).items():
        statement = rel_statements.get(f"{rel_type} {start} {end}") or _generic_rel_statement(rel_type, start, end)
        for batch in chunks(rows, SCRIPT_BATCH):
            out.append(statement.replace("$rows", cypher_literal(batch), 1) + ";")
    return "\n".join(out) + "\n"


def _id_first(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "props": row["props"]}


def _generic_node_statement(label: str) -> str:
    from kg.stores.base import node_statement

    return node_statement(label)


def _generic_rel_statement(rel_type: str, start: str, end: str) -> str:
    from kg.stores.base import rel_statement

    return rel_statement(rel_type, start, end)


def cypher_literal(value: Any) -> str:
    """A value as a Cypher literal.

    >>> print(cypher_literal({"name": "a'b\\\\c // {x}", "n": [1, 2.5, True, None]}))
    {name: 'a\\'b\\\\c // {x}', n: [1, 2.5, true, null]}
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise KGError(f"cannot write {value!r} in Cypher: numbers must be finite")
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(_ESCAPES.get(ch, ch if " " <= ch < "\x7f" or ch > "\x9f" else f"\\u{ord(ch):04x}")
                             for ch in value) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise KGError(f"cannot write {type(value).__name__} as Cypher")


_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _key(name: str) -> str:
    if name.isidentifier() and name.isascii():
        return name
    return "`" + name.replace("`", "``") + "`"


def split_statements(script: str) -> list[str]:
    """The statements of a script, split at ``;`` outside strings and comments.

    >>> split_statements("RETURN ';' AS a; // c;\\nRETURN 2;")
    ["RETURN ';' AS a", 'RETURN 2']
    """
    from kg.embedded_cypher import tokenize

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


# -- neo4j-admin CSV ---------------------------------------------------------------
ARRAY_DELIMITERS = (";", "|", "\u001f")


def write_csv(graph: "KnowledgeGraph", folder: Path, *, csv_safe: bool = False) -> Written:
    """One CSV per label and per relationship type, with ``neo4j-admin database import``
    headers (``id:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``, typed columns),
    and ``import.sh`` with the command that loads them.

    Text is written verbatim by default: these files are for ``neo4j-admin``, which stores
    every cell as it is, so a name such as ``=SUM(A1)`` must stay one. ``csv_safe`` is for
    opening the files in a spreadsheet instead: a text cell starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading ``'`` so it is not run as a
    formula (and neo4j-admin would then store that quote too)."""
    from kg.atomic import write_file

    if folder.exists() and not folder.is_dir():
        raise KGError(f"cannot write {folder}: csv writes a folder of files and this is a file")
    folder.mkdir(parents=True, exist_ok=True)
    replaced: list[Path] = []

    def save(path: Path, text: str) -> None:
        if write_file(path, text):
            replaced.append(path)

    nodes = node_rows(graph)
    rels = rel_rows(graph)
    delimiter = _array_delimiter(nodes, rels)
    node_files: list[tuple[str, str]] = []
    rel_files: list[tuple[str, str]] = []
    for label, rows in nodes.items():
        name = f"nodes_{label}.csv"
        save(folder / name, _table([r["props"] for r in rows], ["id:ID"], lambda r: [r["id"]],
                                   label_column=label, delimiter=delimiter, csv_safe=csv_safe))
        node_files.append((label, name))
    by_type: dict[str, list[dict[str, Any]]] = {}
    for (rel_type, _, _), rows in rels.items():
        by_type.setdefault(rel_type, []).extend(rows)
    for rel_type, rows in by_type.items():
        name = f"relationships_{rel_type}.csv"
        save(folder / name, _table([{"_start": r["start"], "_end": r["end"], **r["props"]} for r in rows],
                                   [":START_ID", ":END_ID"], lambda r: [r["_start"], r["_end"]],
                                   type_column=rel_type, delimiter=delimiter, csv_safe=csv_safe))
        rel_files.append((rel_type, name))
    written = [folder / n for _, n in node_files] + [folder / n for _, n in rel_files]
    command = ["neo4j-admin database import full neo4j --overwrite-destination"]
    if delimiter != ";":
        command.append(f"--array-delimiter={_shell_quote(delimiter)}")
    if any("\n" in str(v) for rows in nodes.values() for r in rows for v in r["props"].values()):
        command.append("--multiline-fields=true")
    command += [f"--nodes={n}" for _, n in node_files] + [f"--relationships={n}" for _, n in rel_files]
    script = folder / "import.sh"
    save(script, "#!/bin/sh\n# Load these files into an empty Neo4j 5 database (the server stopped):\n"
                 "cd \"$(dirname \"$0\")\"\n" + " \\\n  ".join(command) + "\n")
    return Written([*written, script], replaced)


#: What a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _table(rows: list[dict[str, Any]], key_headers: list[str], key_values: Any, *,
           delimiter: str, label_column: str | None = None, type_column: str | None = None,
           csv_safe: bool = False) -> str:
    skip = {"id", "_start", "_end"}
    columns: dict[str, str] = {}
    for props in rows:
        for key, value in props.items():
            if key not in skip and value is not None:
                columns[key] = _csv_type(columns.get(key), value)
    headers = key_headers + [f"{k}:{t}" if t != "string" else k for k, t in columns.items()]
    headers.append(":LABEL" if label_column else ":TYPE")
    lines = [",".join(headers) + "\n"]
    for props in rows:
        cells: list[str | None] = list(key_values(props))
        for key, kind in columns.items():
            cells.append(_csv_cell(props.get(key), kind, delimiter))
        cells.append(label_column or type_column)
        if csv_safe:
            cells = [c if c is None or isinstance(c, Bare) or not c.startswith(FORMULA_STARTS) else "'" + c
                     for c in cells]
        lines.append(format_csv_row(cells))
    return "".join(lines)


def format_csv_row(cells: list[str | None]) -> str:
    r"""A CSV line as neo4j-admin reads it: a quoted empty field is "", an unquoted one is no value.

    >>> format_csv_row(["a", "", None, 'say "hi" x'])
    '"a","",,"say ""hi"" x"\n'
    """
    return ",".join("" if c is None else c if isinstance(c, Bare) else '"' + c.replace('"', '""') + '"'
                    for c in cells) + "\n"


class Bare(str):
    """A CSV cell written without quotes (numbers and booleans)."""


def parse_csv(text: str) -> list[list[str | None]]:
    r"""The inverse of ``format_csv_row`` over a whole file (quoted fields may span lines).

    >>> parse_csv('"a","",,"say ""hi"" x"\n"x\ny",1\n')
    [['a', '', None, 'say "hi" x'], ['x\ny', '1']]
    """
    rows: list[list[str | None]] = []
    row: list[str | None] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            j, chunk = i + 1, []
            while True:
                k = text.find('"', j)
                if k < 0:
                    raise DataError("unterminated quoted field in CSV")
                chunk.append(text[j:k])
                if text[k + 1:k + 2] == '"':
                    chunk.append('"')
                    j = k + 2
                    continue
                break
            row.append("".join(chunk))
            i = k + 1
        else:
            k = i
            while k < n and text[k] not in ",\n":
                k += 1
            row.append(text[i:k] if k > i else None)
            i = k
        if i >= n or text[i] == "\n":
            rows.append(row)
            row = []
        i += 1
    return rows


def _csv_type(current: str | None, value: Any) -> str:
    if isinstance(value, bool):
        kind = "boolean"
    elif isinstance(value, int):
        kind = "long"
    elif isinstance(value, float):
        kind = "double"
    elif isinstance(value, list):
        kind = "string[]"
    else:
        kind = "string"
    if current is None or current == kind:
        return kind
    if {current, kind} == {"long", "double"}:
        return "double"
    raise DataError(f"a property holds both {current} and {kind} values; CSV needs one type per column")


def _csv_cell(value: Any, kind: str, delimiter: str) -> str | None:
    if value is None:
        return None
    if kind == "string[]":
        return delimiter.join(str(v) for v in value)
    if kind == "boolean":
        return Bare("true" if value else "false")
    if kind in ("long", "double"):
        return Bare(repr(value) if kind == "double" else str(value))
    return str(value)


def _array_delimiter(nodes: dict[str, list[dict[str, Any]]], rels: dict[Any, list[dict[str, Any]]]) -> str:
    texts = [v for rows in [*nodes.values(), *rels.values()] for r in rows for value in r["props"].values()
             if isinstance(value, list) for v in value]
    for candidate in ARRAY_DELIMITERS:
        if not any(candidate in str(t) for t in texts):
            return candidate
    raise DataError("every array delimiter occurs inside a list value; cannot write CSV")


def _shell_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _read_text(path: Path) -> str:
    """A file of an export as text: a regular file, at most ``MAX_DATA_BYTES``, UTF-8."""
    from kg.safeio import MAX_DATA_BYTES, read_regular, refusal

    try:
        return read_regular(path, MAX_DATA_BYTES).decode("utf-8")
    except OSError as e:
        raise DataError(f"cannot read {path}: {refusal(e)}") from None
    except UnicodeDecodeError as e:
        raise DataError(f"cannot read {path}: not UTF-8 text (byte {e.start})") from None


def read_csv(folder: Path) -> "KnowledgeGraph":
    """Read a CSV export back, by its neo4j-admin headers (as ``neo4j-admin`` would load it)."""
    import shlex

    if not folder.is_dir():
        raise DataError(f"{folder} is not a directory of CSV files")
    delimiter = ";"
    script = folder / "import.sh"
    if script.is_file():
        for word in shlex.split(_read_text(script).replace("\\\n", " ")):
            if word.startswith("--array-delimiter="):
                delimiter = word.split("=", 1)[1]
    nodes: list[tuple[str, dict[str, Any]]] = []
    rels: list[tuple[str, str, str, dict[str, Any]]] = []
    for path in sorted(folder.glob("*.csv")):
        # read as bytes: a carriage return inside a quoted value is data, not a line end
        headers, *lines = parse_csv(_read_text(path))
        for cells in lines:
            record: dict[str, Any] = {}
            special: dict[str, str] = {}
            for header, cell in zip(headers, cells):
                name, _, kind = (header or "").partition(":")
                if not name:
                    special[kind] = cell or ""
                elif kind == "ID":
                    record["id"] = cell
                elif cell is not None:
                    record[name] = _parse_cell(cell, kind, delimiter)
            if "LABEL" in special:
                nodes.append((special["LABEL"], record))
            else:
                rels.append((special["TYPE"], special["START_ID"], special["END_ID"], record))
    return build_graph(nodes, rels)


def _parse_cell(cell: str, kind: str, delimiter: str) -> Any:
    if kind == "long" or kind == "int":
        return int(cell)
    if kind in ("double", "float"):
        return float(cell)
    if kind == "boolean":
        return cell == "true"
    if kind == "string[]":
        return cell.split(delimiter) if cell else []
    return cell


def summary(paths: Iterable[Path]) -> str:
    """One line naming what was written, and what of it replaced a file that was there.

    >>> summary(Written([Path("g.json")], [Path("g.json")]))
    'wrote g.json (replaced the previous file)'
    """
    replaced = list(getattr(paths, "replaced", []))
    paths = list(paths)
    if len(paths) == 1:
        return f"wrote {paths[0]}" + (" (replaced the previous file)" if replaced else "")
    more = f" (replaced {len(replaced)} of them)" if replaced else ""
    return f"wrote {len(paths)} files in {paths[0].parent}{more}"


