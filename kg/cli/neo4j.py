"""The ``kg neo4j`` and ``kg cypher`` commands: parse, one library call, format."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import click

from kg.cli.base import GraphSource, echo_json, json_option, pass_source, progress_enabled, table
from kg.errors import QueryError


def _files_graph(source: GraphSource) -> Any:
    """The graph from the packaged data and ``--data`` files, whatever the backend."""
    return GraphSource(data_files=source.data_files, lang=source.lang).graph()


def _store(source: GraphSource, **options: Any) -> Any:
    from kg.stores import open_store

    return open_store("neo4j", **source.neo4j, **options)


@click.group()
def neo4j() -> None:
    """Keep the graph in Neo4j (or any Bolt server): push it, check it.

    The connection comes from --neo4j-uri/--neo4j-user/--neo4j-password/--neo4j-database
    or NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE.

    \b
    Example:
        NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=secret kg neo4j push
    """


@neo4j.command()
@click.option("--wipe", is_flag=True, help="Delete this graph's nodes (Track, Layer, Skill, Tool) first.")
@click.option("--yes", is_flag=True, help="Do not ask before --wipe.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Rows per transaction (default: 1000 on Neo4j, fewer on FalkorDB, which limits request size).")
@json_option
@pass_source
def push(source: GraphSource, wipe: bool, yes: bool, batch_size: int | None, as_json: bool) -> None:
    """Write the graph (packaged data + --data files) to the database.

    Constraints first, then nodes and relationships in UNWIND batches with
    MERGE on id, one transaction per batch: pushing twice changes nothing.

    \b
    Example:
        kg --neo4j-uri bolt://localhost:7687 neo4j push --wipe --yes
    """
    graph = _files_graph(source)
    with _store(source, batch_size=batch_size) as store:
        if wipe and not yes:
            click.confirm(f"Delete every Track, Layer, Skill and Tool node in {store.uri} first?", abort=True)
        total = len(graph) + sum(1 for _ in graph.relationships())
        if progress_enabled() and not as_json:
            with click.progressbar(length=total, label="Pushing",
                                   file=click.get_text_stream("stderr")) as bar:  # type: ignore[operator]
                report = store.push(graph, wipe=wipe, progress=bar.update)
        else:
            report = store.push(graph, wipe=wipe)
    if as_json:
        echo_json(report)
        return
    rows = [["node", label, n] for label, n in report["nodes"].items()]
    rows += [["relationship", rel_type, n] for rel_type, n in report["relationships"].items()]
    click.echo(table(rows, ["kind", "label/type", "written"]))
    nodes, rels = sum(report["nodes"].values()), sum(report["relationships"].values())
    wiped = f", after deleting {report['deleted']} nodes" if wipe else ""
    limit = f" and {report['max_request_bytes']:,} bytes" if report.get("max_request_bytes") else ""
    click.echo(f"Pushed {nodes} nodes and {rels} relationships to {store.uri} ({report['server']}) in "
               f"{report['seconds']:.2f} s: {report['batches']} transactions of up to {report['batch_size']} "
               f"rows{limit}{wiped}.")


@neo4j.command()
@json_option
@pass_source
def status(source: GraphSource, as_json: bool) -> None:
    """Compare what the database holds with the graph from files, per label and type.

    \b
    Example:
        kg neo4j status
    """
    graph = _files_graph(source)
    with _store(source) as store:
        held = store.counts()
        server = store.dialect.name
    files = graph.counts()
    rows = [[kind, name, held[group].get(name, 0), n]
            for group, kind in (("nodes", "node"), ("relationships", "relationship"))
            for name, n in files[group].items()]
    if as_json:
        echo_json({"server": server, "database": held, "files": files})
        return
    click.echo(table(rows, ["kind", "label/type", "in database", "in files"]))
    same = all(r[2] == r[3] for r in rows)
    click.echo("The database holds the graph." if same else "The database differs: run `kg neo4j push`.")


def parse_param(text: str) -> tuple[str, Any]:
    """``name=value`` from ``--param``; the value is read as JSON when it parses, else kept as text.

    >>> parse_param("limit=10"), parse_param("track=Production MLE"), parse_param('ids=["a", "b"]')
    (('limit', 10), ('track', 'Production MLE'), ('ids', ['a', 'b']))
    >>> parse_param("x")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: --param needs name=value, got 'x'
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("$")
    if not sep or not name:
        raise QueryError(f"--param needs name=value, got {text!r}")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"--param name {name!r} is not a plain name (letters, digits and _, not first a digit)")
    try:
        parsed: Any = json.loads(value, parse_constant=_no_constant)
    except ValueError:
        parsed = value
    _check_value(parsed, name)
    return name, parsed


def _no_constant(word: str) -> Any:
    raise ValueError(word)  # NaN and Infinity are not JSON: the value is kept as text


def _check_value(value: Any, name: str) -> None:
    """Refuse what no Cypher server holds: integers beyond 64 bits, non-finite numbers.

    >>> _check_value([1, {"a": 2**63}], "x")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: --param x: 9223372036854775808 does not fit in a 64-bit integer (give it as "text")
    """
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        raise QueryError(f"--param {name}: {value} does not fit in a 64-bit integer (give it as \"text\")")
    if isinstance(value, float) and not math.isfinite(value):
        raise QueryError(f"--param {name}: {value} is not a finite number")
    if isinstance(value, list):
        for v in value:
            _check_value(v, name)
    if isinstance(value, dict):
        for v in value.values():
            _check_value(v, name)


#: A query file larger than this is not a query.
MAX_QUERY_BYTES = 1_000_000


def read_query(query: str | None, file: str | None) -> str:
    """The query text: given inline, from a file, or a ready-made query of ``cypher/queries`` by name."""
    from kg import cypher as cypher_files

    if bool(query) == bool(file):
        raise QueryError("give a query or -f FILE (one of them)")
    if query:
        return query
    assert file is not None
    path = Path(file)
    if path.exists():
        from kg.safeio import read_regular

        try:  # regular files only (a FIFO would block, /dev/zero never end), at most 1 MB
            return read_regular(path, MAX_QUERY_BYTES).decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise QueryError(f"cannot read {file}: {e}") from None
    name = path.name[: -len(".cypher")] if path.name.endswith(".cypher") else path.name
    if name in cypher_files.query_names() and path.parent == Path("."):
        return cypher_files.query(name)
    raise QueryError(f"no file {file!r}; the ready-made queries are: {', '.join(cypher_files.query_names())}")


def format_cell(value: Any) -> str:
    """A value in a table cell: text as is, lists and maps as compact JSON.

    >>> format_cell(None), format_cell("SQL"), format_cell(["a", 1]), format_cell({"_labels": ["Tool"], "id": "sql"})
    ('', 'SQL', '["a", 1]', '{"_labels": ["Tool"], "id": "sql"}')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@click.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "file", metavar="FILE",
              help="Run the query in FILE (or a ready-made one: learning_path, shared_skills, top_tools, …).")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter, $NAME in the query (repeatable; VALUE is JSON or text).")
@click.option("--write", is_flag=True, help="Allow the query to change the database.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              metavar="SECONDS", help="Give up on a query that has not answered by then.")
@json_option
@pass_source
def cypher(source: GraphSource, query: str | None, file: str | None, params: tuple[str, ...], write: bool, timeout: float,
           as_json: bool) -> None:
    """Run a Cypher query: on Neo4j when a connection is configured, else on the
    in-memory graph through an embedded Cypher engine. Read-only unless --write.

    \b
    Example:
        kg cypher "MATCH (t:Track)-[:REQUIRES]->(s:Skill) RETURN t.name, count(s)"
        kg cypher -f shared_skills --param a=infra-mle --param b=data-engineer
    """
    from kg.embedded_cypher import check_read_only

    text = read_query(query, file)
    values = dict(parse_param(p) for p in params)
    check_read_only(text, write, procedures=True)
    if source.neo4j.get("uri"):
        with _store(source) as store:
            columns, rows = store.run(_one_statement(text), values, write=write, timeout=timeout)
    else:
        from kg.embedded_cypher import EmbeddedCypher, open_engine

        # The graph of the data files has its engine kept in the cache; a graph read from Neo4j is built anew.
        engine = open_engine(source.data_files, source.graph) if source.backend == "memory" else EmbeddedCypher(source.graph())
        columns, rows = engine.run(_one_statement(text), values, write=write, timeout=timeout)
    if as_json:
        echo_json([dict(zip(columns, row)) for row in rows])
        return
    if not rows:
        click.echo(table([], columns) if columns else "", nl=bool(columns))
        click.echo("(no rows)")
        return
    click.echo(table([[format_cell(v) for v in row] for row in rows], columns))
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _one_statement(text: str) -> str:
    from kg.embedded_cypher import split_statements

    statements = split_statements(text)
    if len(statements) != 1:
        raise QueryError("one statement at a time, please" if statements else "the query is empty")
    return statements[0]

