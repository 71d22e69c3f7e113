"""CSV files with ``neo4j-admin database import`` headers, an ``import.sh`` that loads them, and reading them back."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import DataError, KGError
from kg.export import Written, read_text
from kg.stores.base import build_graph, node_rows, rel_rows

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph


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


def read_csv(folder: Path) -> "KnowledgeGraph":
    """Read a CSV export back, by its neo4j-admin headers (as ``neo4j-admin`` would load it)."""
    import shlex

    if not folder.is_dir():
        raise DataError(f"{folder} is not a directory of CSV files")
    delimiter = ";"
    script = folder / "import.sh"
    if script.is_file():
        for word in shlex.split(read_text(script).replace("\\\n", " ")):
            if word.startswith("--array-delimiter="):
                delimiter = word.split("=", 1)[1]
    nodes: list[tuple[str, dict[str, Any]]] = []
    rels: list[tuple[str, str, str, dict[str, Any]]] = []
    for path in sorted(folder.glob("*.csv")):
        # read as bytes: a carriage return inside a quoted value is data, not a line end
        headers, *lines = parse_csv(read_text(path))
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
