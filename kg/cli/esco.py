"""``kg import esco``: a standard taxonomy turned into an ordinary data file."""
from __future__ import annotations

from typing import Any, cast

import click

from kg.cli.base import GraphSource, echo_json, json_option, pass_source, progress_enabled


@click.group(name="import")
def import_group() -> None:
    """Import a standard taxonomy as a data file that --data loads.

    \b
    Example:
        kg import esco "ESCO dataset - v1.2.0 - classification - en - csv" -o esco.yaml
        kg --data esco.yaml plan --from "data analyst" --to data-scientist
    """


@import_group.command(name="esco")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The data file to write.")
@click.option("--release", metavar="NAME", help="The ESCO release (default: the one the folder's name gives, e.g. v1.2.0).")
@json_option
@pass_source
def esco(source: GraphSource, folder: str, output: str, release: str | None, as_json: bool) -> None:
    """Turn the official ESCO CSV download into a data file.

    Occupations become tracks (essential skills core, optional bonus), skills
    and knowledge become skills without layer or hours (ESCO has neither);
    packaged skills and tools that carry an ESCO URI stand for their ESCO
    concept, and packaged tracks link to their closest occupation. Nothing is
    written unless every CSV reads cleanly. ESCO is © European Union, CC BY 4.0.

    \b
    Example:
        kg import esco ~/Downloads/esco-v1.2.0 -o esco.yaml
        kg --data esco.yaml show "data scientist (ESCO occupation)"
    """
    from kg.loaders.esco import import_esco, total_bytes

    graph = source.graph()
    if progress_enabled() and not as_json:
        stderr = click.get_text_stream("stderr")  # type: ignore[operator]  # (click 8.5 stubs)
        with click.progressbar(length=total_bytes(folder), label="Importing ESCO", file=stderr) as bar:
            summary = import_esco(folder, output, graph, release=release, progress=cast(Any, bar).update)
    else:
        summary = import_esco(folder, output, graph, release=release)
    if as_json:
        return echo_json(summary)
    req, pre = summary["requires"], summary["prerequisites"]
    click.echo(f"Wrote {summary['output']}: ESCO {summary['release']}, {summary['occupations']} occupations (tracks), "
               f"{summary['skills']} skills, {req['core'] + req['bonus']} requirements "
               f"({req['core']} essential -> core, {req['bonus']} optional -> bonus)")
    click.echo(f"Prerequisites: {pre['hard']} hard, {pre['soft']} soft, {pre['hierarchy']} from the hierarchy; "
               f"{summary['overlaps']} occupation links")
    if summary["mapped"]:
        click.echo(f"Crosswalk: {len(summary['mapped'])} ESCO concepts are packaged nodes ({', '.join(summary['mapped'])})")
    if summary["crosswalk"]:
        click.echo(f"Tracks linked to their closest ESCO occupation: {', '.join(summary['crosswalk'])}")
    if len(summary["languages"]) > 1:
        click.echo(f"Languages: {', '.join(summary['languages'])}")
    for what, n in summary["not_imported"].items():
        click.echo(f"Not imported: {n} {what}")
    click.echo("ESCO gives no learning hours or layers: plans on these tracks say so.")
