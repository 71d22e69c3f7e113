"""What every command shares: the graph source, output helpers, error handling."""
from __future__ import annotations

import io
import os
import re
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

import click

from kg.errors import KGError, StoreUnavailable
from kg.safeio import dumps_json, inert

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph


@dataclass
class GraphSource:
    """Where the command's graph comes from and how to name its nodes: the options given
    before the command (``kg --data F --lang zh --backend neo4j …``)."""

    data_files: tuple[str, ...] = ()
    lang: str = "en"
    backend: str = "memory"
    neo4j: dict[str, Any] = field(default_factory=dict)
    _graph: "KnowledgeGraph | None" = None
    _store: Any = None

    def store(self) -> Any:
        """The Neo4j store, opened once (``StoreUnavailable`` when none is configured or reachable)."""
        if self._store is None:
            from kg.stores import open_store

            self._store = open_store("neo4j", **self.neo4j)
        return self._store

    def graph(self) -> "KnowledgeGraph":
        """The graph the command works on, from the chosen backend."""
        if self._graph is None:
            if self.backend == "neo4j":
                from kg.stores.lazy import StoreGraph

                self._graph = StoreGraph(self.store())
            else:
                from kg.cache import load_graph

                self._graph = load_graph(self.data_files)
        return self._graph

    def name(self, node_id: str) -> str:
        return self.graph().name(node_id, self.lang)


pass_source = click.make_pass_decorator(GraphSource, ensure=True)


def name_list(source: GraphSource, ids: list[str], limit: int | None = None) -> str:
    """The display names of ``ids``, comma-separated; past ``limit``, how many more."""
    shown = [source.name(i) for i in ids[:limit] if i]
    more = f", … (+{len(ids) - limit})" if limit is not None and len(ids) > limit else ""
    return ", ".join(shown) + more


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--json``: machine-readable output instead of a table."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(f)


def echo_json(obj: Any) -> None:
    """Print strict JSON (a number JSON cannot carry is an error, not ``NaN``)."""
    try:
        text = dumps_json(obj, indent=2, default=str)
    except ValueError as e:
        raise KGError(f"the result cannot be written as JSON: {e}") from None
    click.echo(text)


def table(rows: list[list[Any]], headers: list[str]) -> str:
    """A plain text table whose columns line up, CJK characters counted double.

    >>> print(table([["a", 1], ["bb", 22]], ["x", "n"]))
    x   n
    --  --
    a   1
    bb  22
    """
    cells = [[inert(str(h)) for h in headers]] + [["" if c is None else inert(str(c)) for c in r] for r in rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, r in enumerate(cells):
        lines.append("  ".join(pad(c, w) for c, w in zip(r, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def progress_enabled() -> bool:
    """Show progress bars only on a terminal."""
    return sys.stderr.isatty()


class InertStream(io.TextIOBase):
    """A text stream that prints control characters as escapes (see ``kg.safeio.inert``):
    whatever a data file, a job description or a file name holds, the terminal only shows it."""

    def __init__(self, inner: Any, progress: bool = False) -> None:
        self.inner = inner
        self.progress = progress

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.inner.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self.inner.errors

    @property
    def buffer(self) -> Any:
        return self.inner.buffer

    def write(self, text: str) -> int:
        self.inner.write(inert(text, self.progress))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    def writable(self) -> bool:
        return True


#: A library message names a keyword argument in backticks (```via=```); a CLI user
#: gives a flag instead. The one place where library terms become the CLI's words.
FLAGS: dict[str, str] = {
    "`among=`": "--among", "`among='all'`": "--among all", "`by_demand=True`": "--by-demand",
    "`database=`": "--neo4j-database", "`depth=`": "--depth", "`directed=True`": "--directed", "`focus=`": "--focus",
    "`hours_per_week=`": "--hours-per-week", "`ingest`": "kg ingest", "`know=`": "--know",
    "`password=`": "--neo4j-password", "`release=`": "--release", "`search(TEXT)`": "`kg search TEXT`",
    "`strict=True`": "--strict", "`timeout=`": "--timeout", "`uri=`": "--neo4j-uri",
    "`user=`": "--neo4j-user", "`validate`": "`kg validate`", "`via=`": "--via", "`write=True`": "--write",
}
_TERM = re.compile("|".join(re.escape(term) for term in sorted(FLAGS, key=len, reverse=True))
                   + r"|`params\['(?P<param>[^`]*?)'\]`")


def cli_words(message: str) -> str:
    """A library message in the CLI's words: keyword arguments become flags.

    >>> cli_words("unknown label 'x' for `via=`; add `params['who']`")
    "unknown label 'x' for --via; add --param who=VALUE"
    """
    def flag(m: re.Match[str]) -> str:
        return f"--param {m['param']}=VALUE" if m["param"] is not None else FLAGS[m[0]]

    return _TERM.sub(flag, message)


def exit_code(error: KGError) -> int:
    """What the CLI exits with: 3 when a database is down or refuses the credentials, else 1."""
    return 3 if isinstance(error, StoreUnavailable) else 1


def run_safely(cli: click.Group) -> None:
    """Run the CLI; a ``KGError`` becomes one ``Error: …`` line and its exit code.
    Everything printed goes through ``InertStream``."""
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = InertStream(sys.stdout), InertStream(sys.stderr, progress=True)  # type: ignore[assignment]
    try:
        _run(cli)
    finally:
        sys.stdout, sys.stderr = streams


def _run(cli: click.Group) -> None:
    try:
        rv = cli.main(standalone_mode=False, prog_name="kg")
    except KGError as e:
        click.echo(f"Error: {cli_words(str(e))}", err=True)
        sys.exit(exit_code(e))
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except BrokenPipeError:
        # Output piped into `head`: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    # With standalone_mode off, click returns the code a command passed to ctx.exit().
    sys.exit(rv if isinstance(rv, int) else 0)
