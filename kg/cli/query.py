"""``kg path``, ``compare``, ``show``, ``search``, ``list``, ``stats`` and ``validate``: questions about the graph."""
from __future__ import annotations

import click

from kg.cli.base import GraphSource, echo_json, json_option, name_list, pass_source, table


@click.command()
@click.argument("start")
@click.argument("end")
@click.option("--directed", is_flag=True, help="Follow relationships only in their direction.")
@click.option("--weighted", is_flag=True, help="Least learning effort (hours) instead of fewest steps.")
@click.option("--all", "all_paths", is_flag=True, help="Every shortest path, not just one.")
@click.option("--via", metavar="LABEL", help="Only pass through nodes of this label (e.g. Skill, or Skill,Tool).")
@json_option
@pass_source
def path(source: GraphSource, start: str, end: str, directed: bool, weighted: bool, all_paths: bool, via: str | None,
         as_json: bool) -> None:
    """Shortest path between two nodes (tracks, layers, skills or tools).

    \b
    Example:
        kg path DS "Infra MLE"
        kg path pytorch kubernetes --via skill --all
    """
    from kg.paths import find_path, format_path

    result = find_path(source.graph(), start, end, directed=directed, weighted=weighted, all_paths=all_paths,
                       via=via, lang=source.lang, store=source.store() if source.backend == "neo4j" else None)
    if as_json:
        return echo_json(result)
    for n, p in enumerate(result.get("paths", [result]), 1):
        prefix = f"{n}. " if all_paths else ""
        click.echo(prefix + format_path(p))
    extra = f", {result['count']} path{'s' if result['count'] != 1 else ''}" if all_paths else ""
    hours = f", {result['effort_hours']:g} hours of learning" if weighted else ""
    click.echo(f"length {result['length']}{extra}{hours}")


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--core-only", is_flag=True, help="Compare core requirements only (leave bonus ones out).")
@json_option
@pass_source
def compare(source: GraphSource, a: str, b: str, core_only: bool, as_json: bool) -> None:
    """Requirements (skills and tools) two tracks share and those only one of them has, per layer.

    \b
    Example:
        kg compare "Production MLE" "Infra MLE"
    """
    from kg.comparison import compare as compare_tracks

    result = compare_tracks(source.graph(), a, b, core_only=core_only)
    if as_json:
        return echo_json(result)
    na, nb = source.name(result["a"]), source.name(result["b"])
    rows = [[source.name(layer), name_list(source, r["shared"]), name_list(source, r["only_a"]), name_list(source, r["only_b"])]
            for layer, r in result["by_layer"].items() if any(r.values())]
    # Skills without a layer (a taxonomy's, such as ESCO's) get a row of their own.
    placed = {s for r in result["by_layer"].values() for part in r.values() for s in part}
    loose = {k: [s for s in result[k] if s not in placed] for k in ("shared", "only_a", "only_b")}
    if any(loose.values()):
        rows.append(["(no layer)", *(name_list(source, loose[k]) for k in ("shared", "only_a", "only_b"))])
    click.echo(table(rows, ["Layer", "Shared", f"Only {na}", f"Only {nb}"]))
    click.echo(f"Similarity (Jaccard): {result['similarity']:.2f} — {len(result['shared'])} shared, "
               f"{len(result['only_a'])} only {na}, {len(result['only_b'])} only {nb}")


@click.command()
@click.argument("node")
@json_option
@pass_source
def show(source: GraphSource, node: str, as_json: bool) -> None:
    """A node: its names, description, relationships, and where each fact comes from.

    \b
    Example:
        kg show kubernetes
        kg --lang zh show "Infra MLE"
    """
    from kg.browse import show as show_node

    result = show_node(source.graph(), node, lang=source.lang)
    if as_json:
        return echo_json(result)
    click.echo(f"{result['display_name']} ({result['label']}, id: {result['id']})")
    other_name = result["name_zh"] if source.lang == "en" else result["name"]
    if other_name == result["display_name"]:
        other_name = ""
    for label, value in (("Also", other_name), ("Aliases", ", ".join(result.get("aliases", []))),
                         ("About", result.get("description")), ("Effort", result.get("effort_hours")),
                         ("URL", result.get("url"))):
        if value not in (None, "", []):
            click.echo(f"  {label + ':':9}{value:g} hours" if label == "Effort" else f"  {label + ':':9}{value}")
    if result["label"] in ("Skill", "Tool") and result.get("effort_hours") is None:
        click.echo("  Effort:  unknown (the data gives no learning hours)")
    if result["label"] == "Skill" and not any(r["type"] == "HAS_SKILL" for r in result["relationships"]):
        click.echo("  Layer:   none (the data gives no layer)")
    for key, what in (("esco_uri", ""), ("esco_occupation", "closest occupation ")):
        if result.get(key):
            why = f" ({result['esco_reason']})" if result.get("esco_reason") else ""
            click.echo(f"  ESCO:    {what}{result[key]}{why}")
    for s in result["sources"]:
        click.echo(f"  Source:  {s}")
    if result["relationships"]:
        click.echo("Relationships:")
    for r in result["relationships"]:
        arrow = f"-[{r['type']}]->" if r["direction"] == "out" else f"<-[{r['type']}]-"
        props = ", ".join(f"{k}={v}" for k, v in r["properties"].items() if k != "reason")
        line = f"  {arrow} {r['other_name']} ({r['other_label']})" + (f" {{{props}}}" if props else "")
        click.echo(line)
        for s in r["sources"]:
            click.echo(f"      {s}")


@click.command()
@click.argument("text")
@click.option("--label", help="Only nodes of this label (track, layer, skill, tool).")
@click.option("--limit", default=20, show_default=True, help="At most this many results.")
@json_option
@pass_source
def search(source: GraphSource, text: str, label: str | None, limit: int, as_json: bool) -> None:
    """Find nodes by name, alias or description.

    \b
    Example:
        kg search mlops
        kg search 云 --label tool
    """
    from kg.browse import search as search_nodes

    hits = search_nodes(source.graph(), text, label=label, limit=limit, lang=source.lang)
    if as_json:
        return echo_json(hits)
    if not hits:
        click.echo(f"No node matches '{text}'.")
        return
    click.echo(table([[h["id"], h["label"], h["name"], h["matched"]] for h in hits], ["id", "label", "name", "matched"]))


@click.command(name="list")
@click.argument("label")
@json_option
@pass_source
def list_(source: GraphSource, label: str, as_json: bool) -> None:
    """List every track, layer, skill or tool.

    \b
    Example:
        kg list skills
    """
    from kg.browse import list_nodes, parse_label

    rows = list_nodes(source.graph(), label, lang=source.lang)
    if as_json:
        return echo_json(rows)
    lab = parse_label(label)
    if lab == "Track":
        click.echo(table([[r["id"], r["name"], r["core"], r["bonus"], "yes" if r["mle"] else "", r["source"]]
                          for r in rows], ["id", "name", "core", "bonus", "mle", "source"]))
    elif lab == "Layer":
        click.echo(table([[r["order"], r["id"], r["name"], r["skills"], r["source"]] for r in rows],
                         ["#", "id", "name", "skills", "source"]))
    elif lab == "Skill":
        # "?" for a skill without hours (a taxonomy's): unknown, not zero.
        click.echo(table([[r["id"], r["name"], source.name(r["layer"]) if r["layer"] else "",
                           "?" if r["effort_hours"] is None else f"{r['effort_hours']:g}",
                           name_list(source, r["tools"], 4), r["source"]] for r in rows],
                         ["id", "name", "layer", "hours", "tools", "source"]))
    else:
        click.echo(table([[r["id"], r["name"], name_list(source, r["skills"]), r["source"]] for r in rows],
                         ["id", "name", "skills", "source"]))


@click.command()
@click.option("--top", default=5, show_default=True, help="How many central skills and bridges to show.")
@json_option
@pass_source
def stats(source: GraphSource, top: int, as_json: bool) -> None:
    """Counts per label and type, the most central skills, and the skills that bridge tracks.

    \b
    Example:
        kg stats
    """
    from kg.browse import kept_stats
    from kg.browse import stats as graph_stats

    # The data files' graph has its statistics kept beside the cache; a graph read from Neo4j is counted anew.
    result = (kept_stats(source.data_files, source.graph, top=top, lang=source.lang) if source.backend == "memory"
              else graph_stats(source.graph(), top=top, lang=source.lang))
    if as_json:
        return echo_json(result)
    click.echo(f"{result['total_nodes']} nodes: " + ", ".join(f"{v} {k}" for k, v in result["nodes"].items()))
    click.echo(f"{result['total_relationships']} relationships: "
               + ", ".join(f"{v} {k}" for k, v in result["relationships"].items() if v))
    click.echo("Sources: " + ", ".join(f"{v} {k}" for k, v in result["sources"].items()))
    bc = result["betweenness"]
    how = "" if bc["exact"] else (
        f", estimated from {bc['sources']:,} of {bc['nodes']:,} nodes as sources: a budget of {bc['budget']:,} "
        f"visits over {bc['nodes'] + bc['relationships']:,} nodes and relationships, seed {bc['seed']}")
    click.echo(f"Most central skills (betweenness{how}): "
               + ", ".join(f"{c['name']} {c['betweenness']:.3f}" for c in result["central_skills"]))
    click.echo("Skills that bridge tracks:")
    for b in result["bridges"]:
        more = f", … (+{len(b['tracks']) - 10})" if len(b["tracks"]) > 10 else ""
        click.echo(f"  {b['name']}: {len(b['tracks'])} tracks ({', '.join(b['track_names'][:10])}{more})")


@click.command()
@pass_source
@json_option
def validate(source: GraphSource, as_json: bool) -> None:
    """Check the packaged data and your --data files: references, cycles, duplicates, provenance.

    Exits 1 when anything is wrong, listing every problem with file, line and field.

    \b
    Example:
        kg --data my.yaml validate
    """
    from kg.loaders.curated import validate as validate_data

    graph, problems = validate_data(source.data_files)
    if as_json:
        echo_json({"ok": not problems, "problems": [str(p) for p in problems],
                   "nodes": len(graph), "relationships": graph.number_of_relationships()})
    else:
        for p in problems:
            click.echo(str(p), err=True)
    if problems:
        from kg.errors import DataError

        raise DataError(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found")
    if not as_json:
        files = f" and {len(source.data_files)} data file{'s' if len(source.data_files) != 1 else ''}" if source.data_files else ""
        click.echo(f"OK: packaged data{files}: {len(graph)} nodes, "
                   f"{graph.number_of_relationships()} relationships, no problems")
