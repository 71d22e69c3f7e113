"""A standalone Cypher script for ``cypher-shell -f``, the data written as Cypher literals."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from kg.errors import KGError
from kg.stores.base import chunks, node_rows, rel_rows

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

#: Rows per UNWIND statement in the Cypher script.
SCRIPT_BATCH = 500


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
