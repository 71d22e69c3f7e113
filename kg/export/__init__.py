"""The graph as files other tools read: node-link JSON, GraphML, a Cypher script, neo4j-admin CSV.

``write_export(graph, fmt, path)`` writes one format; ``read_export(fmt, path)``
reads JSON, GraphML and CSV back (the Cypher script is read back by running
it, see the tests), so every export can be checked to hold the same graph.
One module per format (``nodelink``, ``graphml``, ``cypher_script``, ``admin_csv``);
this one chooses among them and says what was written.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from kg.errors import DataError, KGError, WriteError

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

FORMATS = ("json", "graphml", "cypher", "csv")


class Written(list):  # type: ignore[type-arg]
    """The files an export wrote (``list[Path]``), and in ``replaced`` those that existed before."""

    def __init__(self, paths: Iterable[Path] = (), replaced: Iterable[Path] = ()) -> None:
        super().__init__(paths)
        self.replaced: list[Path] = list(replaced)


#: ``-o -``: the export goes to standard output.
STDOUT = "-"


def export_text(graph: "KnowledgeGraph", fmt: str) -> str:
    """The whole export as text, for the one-file formats (json, graphml, cypher)."""
    from kg.export.cypher_script import to_cypher
    from kg.export.graphml import to_graphml
    from kg.export.nodelink import to_json

    writers = {"json": to_json, "graphml": to_graphml, "cypher": to_cypher}
    if fmt not in writers:
        if fmt == "csv":
            raise KGError("csv writes a folder of files, not one text: `write_export` writes them")
        raise KGError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    return writers[fmt](graph)


def write_export(graph: "KnowledgeGraph", fmt: str, path: str | Path, *, csv_safe: bool = False) -> Written:
    """Write ``graph`` as ``fmt`` to ``path`` (a directory for csv); the files written.

    Every file is written whole or not at all (a temporary file renamed into place), so
    a failure — a full disk — leaves the previous file as it was.
    """
    from kg.atomic import write_file
    from kg.export.admin_csv import write_csv

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
    from kg.export.admin_csv import read_csv
    from kg.export.graphml import parse_graphml
    from kg.export.nodelink import parse_json

    path = Path(path)
    if fmt == "csv":
        return read_csv(path)
    text = read_text(path)
    if fmt == "json":
        return parse_json(text)
    if fmt == "graphml":
        return parse_graphml(text)
    raise KGError(f"cannot read back format {fmt!r}")


def read_text(path: Path) -> str:
    """A file of an export as text: a regular file, at most ``MAX_DATA_BYTES``, UTF-8."""
    from kg.safeio import MAX_DATA_BYTES, read_regular, refusal

    try:
        return read_regular(path, MAX_DATA_BYTES).decode("utf-8")
    except OSError as e:
        raise DataError(f"cannot read {path}: {refusal(e)}") from None
    except UnicodeDecodeError as e:
        raise DataError(f"cannot read {path}: not UTF-8 text (byte {e.start})") from None


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
