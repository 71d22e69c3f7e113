"""``kg export``: the graph written as JSON, GraphML, a Cypher script or CSV files."""
from __future__ import annotations

import click

from kg.cli.base import GraphSource, pass_source
from kg.errors import KGError
from kg.export import FORMATS, STDOUT, export_text, summary, write_export


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="What to write.")
@click.option("-o", "--output", required=True, type=click.Path(allow_dash=True),
              help="The file (a directory for csv); - for standard output.")
@click.option("--csv-safe", is_flag=True,
              help="csv: prefix text cells that a spreadsheet would run as a formula (=, +, -, @) with '.")
@pass_source
def export(source: GraphSource, fmt: str, output: str, csv_safe: bool) -> None:
    """Write the graph as node-link JSON, GraphML (Gephi, yEd), a Cypher script
    for cypher-shell -f, or CSV files for neo4j-admin database import.

    A file is written whole or not at all; the output says when it replaced one.

    \b
    Example:
        kg export --format cypher -o graph.cypher
        kg export --format json -o - | jq '.nodes | length'
    """
    if output == STDOUT:
        if fmt == "csv":
            raise KGError("csv writes a folder of files: give -o FOLDER, not standard output")
        click.echo(export_text(source.graph(), fmt), nl=False)
        return
    paths = write_export(source.graph(), fmt, output, csv_safe=csv_safe)
    click.echo(summary(paths))

