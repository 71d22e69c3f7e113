"""``kg viz``: write the graph as an interactive, offline HTML page."""
from __future__ import annotations

import click

from .clibase import Env, echo_json, json_option, pass_env


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="graph.html",
              show_default=True, help="The HTML file to write.")
@click.option("--focus", metavar="NODE", help="Show only the nodes around NODE (name, id or alias).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many relationships away from --focus to go.")
@click.option("--path", "path", nargs=2, metavar="A B", default=None, help="Highlight the shortest path from A to B.")
@click.option("--plan", "plan", nargs=2, metavar="FROM TO", default=None,
              help="Highlight the learning plan from track FROM to track TO, steps numbered.")
@click.option("--title", default=None, help="The page title.")
@json_option
@pass_env
def viz(env: Env, output: str, focus: str | None, depth: int, path: tuple[str, str] | None,
        plan: tuple[str, str] | None, title: str | None, as_json: bool) -> None:
    """Write the graph as an interactive HTML page that works offline.

    Tracks, Layers, Skills and Tools are laid out in bands, one colour and
    shape per label. In the page: search by name or alias, click a node for
    its details and provenance, click the legend to show or hide a label,
    export a PNG. Names follow --lang (kg --lang zh viz).

    \b
    Example:
        kg viz -o graph.html
        kg viz --focus kubernetes --depth 2 -o k8s.html
        kg viz --plan DS "Infra MLE" -o plan.html
    """
    from kg.viz import write_html

    summary = write_html(env.graph(), output, lang=env.lang, focus=focus, depth=depth,
                         path=path or None, plan=plan or None, title=title)
    if as_json:
        echo_json(summary)
        return
    for note in summary["notes"]:
        click.echo(note)
    size = summary["bytes"] / 1024
    click.echo(f"Wrote {summary['output']}: {summary['nodes']} nodes, {summary['edges']} relationships, {size:,.0f} KB")
