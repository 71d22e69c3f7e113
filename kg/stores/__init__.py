"""Where a graph can be kept besides memory: ``open_store("neo4j", uri=…)``."""
from __future__ import annotations

from typing import Any

from kg.errors import StoreUnavailable

#: The kinds of store ``open_store`` knows.
KINDS = ("neo4j",)


def open_store(kind: str, **options: Any) -> Any:
    """Open a store of ``kind``; for ``"neo4j"`` the options are ``uri``, ``user``,
    ``password``, ``database`` and optionally ``batch_size``.

    >>> open_store("neo4j", uri=None)
    Traceback (most recent call last):
    ...
    kg.errors.StoreUnavailable: no Neo4j connection configured: pass `uri=` or set NEO4J_URI (e.g. bolt://localhost:7687)
    """
    if kind == "neo4j":
        if not options.get("uri"):
            raise StoreUnavailable("no Neo4j connection configured: pass `uri=` or set NEO4J_URI "
                                   "(e.g. bolt://localhost:7687)")
        from kg.stores.neo4j import Neo4jStore

        return Neo4jStore.connect(**options)
    raise ValueError(f"unknown store {kind!r} (known: {', '.join(KINDS)})")
