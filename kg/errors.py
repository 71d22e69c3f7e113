"""The library's exceptions: one root, one class per kind of failure."""
from __future__ import annotations


class KGError(Exception):
    """Root of every error mle-kg raises on purpose.

    Messages speak in library terms: a keyword argument is written as
    ```via=``` (in backticks), never as a CLI flag; the CLI (``kg.cli.base``)
    turns those into its flags and chooses the exit code.
    """


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


class WriteError(KGError):
    """A file could not be written; any file already there is left as it was."""


class QueryError(KGError):
    """A Cypher query failed or was refused."""


class StoreUnavailable(KGError):
    """A database is down, unreachable, or refused the credentials."""
