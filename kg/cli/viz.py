"""``kg viz``: write the graph as an interactive, offline HTML page."""
from __future__ import annotations

import click

from kg.cli.base import GraphSource, cli_words, echo_json, json_option, pass_source


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="graph.html",
              show_default=True, help="The HTML file to write.")
@click.option("--focus", metavar="NODE", help="Show only the nodes around NODE (name, id or alias).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many relationships away from --focus to go.")
@click.option("--path", "path", nargs=2, metavar="A B", default=None, help="Highlight the shortest path from A to B.")
@click.option("--via", metavar="LABELS", default=None,
              help="With --path: only nodes of these labels between the ends (e.g. Skill,Tool).")
@click.option("--directed", is_flag=True, help="With --path: follow relationships in their direction only.")
@click.option("--all", "all_paths", is_flag=True, help="With --path: highlight every shortest path.")
@click.option("--plan", "plan", nargs=2, metavar="FROM TO", default=None,
              help='Open the planner on the plan from track FROM ("" for nothing yet) to track TO.')
@click.option("--know", multiple=True, metavar="NAMES",
              help="With --plan: skills, tools or tracks already known (repeat, or comma-separated).")
@click.option("--level", type=click.Choice(["entry", "full"]), default="full", show_default=True,
              help="With --plan: entry (enough to apply) or full (every core requirement).")
@click.option("--with-bonus", is_flag=True, help="With --plan: include bonus requirements.")
@click.option("--by-demand", is_flag=True, help="With --plan: entry-level choices by job-description demand.")
@click.option("--hours-per-week", type=float, default=None, metavar="H",
              help="With --plan: show weeks at H hours a week.")
@click.option("--title", default=None, help="The page title.")
@json_option
@pass_source
def viz(source: GraphSource, output: str, focus: str | None, depth: int, path: tuple[str, str] | None, via: str | None,
        directed: bool, all_paths: bool, plan: tuple[str, str] | None, know: tuple[str, ...], level: str,
        with_bonus: bool, by_demand: bool, hours_per_week: float | None, title: str | None, as_json: bool) -> None:
    """Write the graph as an interactive HTML page that works offline.

    Tracks, Layers and Skills are laid out in bands, one colour and shape
    per label; Tools are one click away in the legend. In the page: plan
    (where you are, where you want to go, what you know), see how much of
    each track you have, compare two tracks, search by name or alias, click
    a node for its details and provenance, export a PNG. Names and texts
    follow --lang (kg --lang zh viz).

    \b
    Example:
        kg viz -o graph.html
        kg viz --focus kubernetes --depth 2 -o k8s.html
        kg viz --plan DS "Infra MLE" -o plan.html
        kg viz --plan "" "Production MLE" --know python,sql,docker --level entry --hours-per-week 10 -o me.html
        kg viz --path DS "Infra MLE" --via Skill --all -o path.html
    """
    from kg.errors import KGError
    from kg.viz import write_html

    plan_only = [name for name, on in (("--know", bool(know)), ("--level", level != "full"),
                                       ("--with-bonus", with_bonus), ("--by-demand", by_demand),
                                       ("--hours-per-week", hours_per_week is not None)) if on]
    if plan_only and not plan:
        raise KGError(f"{plan_only[0]} goes with --plan FROM TO")
    path_only = [name for name, on in (("--via", bool(via)), ("--directed", directed), ("--all", all_paths)) if on]
    if path_only and not path:
        raise KGError(f"{path_only[0]} goes with --path A B")
    summary = write_html(source.graph(), output, lang=source.lang, focus=focus, depth=depth,
                         path=path or None, plan=plan or None, title=title, know=know, level=level,
                         with_bonus=with_bonus, by_demand=by_demand, hours_per_week=hours_per_week,
                         via=via, directed=directed, all_paths=all_paths, wording=cli_words)
    if as_json:
        echo_json(summary)
        return
    for note in summary["notes"]:
        click.echo(note)
    size = summary["bytes"] / 1024
    click.echo(f"Wrote {summary['output']}: {summary['nodes']} nodes, {summary['edges']} relationships, {size:,.0f} KB")
