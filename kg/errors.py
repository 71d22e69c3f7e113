"""The library's exceptions: one root, one class per kind of failure."""
from __future__ import annotations


class KGError(Exception):
    """Root of every error mle-kg raises on purpose.

    ``exit_code`` is what the CLI exits with: 1 for a user or data error,
    3 when a database cannot be reached or refuses the credentials.
    """

    exit_code = 1


class NodeNotFound(KGError):
    """No node matches a name, id or alias."""


class AmbiguousName(KGError):
    """A name matches several nodes equally well."""

    def __init__(self, message: str, candidates: list[str] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


class NoPath(KGError):
    """Two nodes are not connected (under the given constraints)."""


class DataError(KGError):
    """A data file is malformed; the message names file, line and field."""


class QueryError(KGError):
    """A Cypher query failed or was refused."""


class StoreUnavailable(KGError):
    """A database is down, unreachable, or refused the credentials."""

    exit_code = 3
