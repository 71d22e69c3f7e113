"""The ``kg`` command: each command parses, makes one library call, formats."""
from __future__ import annotations

import importlib
import importlib.util
from typing import Any

import click

from kg.clibase import Env, cli_words, echo_json, json_option, pass_env, run_safely, table

#: Commands whose modules import heavy libraries, loaded only when run.
LAZY_COMMANDS = {
    "viz": "kg.cli_viz:viz",
    "extract": "kg.cli_jd:extract",
    "ingest": "kg.cli_jd:ingest",
    "demand": "kg.cli_jd:demand",
    "neo4j": "kg.cli_neo4j:neo4j",
    "cypher": "kg.cli_neo4j:cypher",
    "export": "kg.cli_neo4j:export",
    "import": "kg.cli_esco:import_group",
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when it is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        lazy = [name for name, target in LAZY_COMMANDS.items()
                if importlib.util.find_spec(target.split(":")[0]) is not None]
        return sorted([*super().list_commands(ctx), *lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, attr = LAZY_COMMANDS[name].split(":")
            try:
                return getattr(importlib.import_module(module), attr)
            except ModuleNotFoundError as e:
                if e.name != module:
                    raise
                return None
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", "data_files", multiple=True, type=click.Path(dir_okay=False),
              help="A YAML data file merged into the graph (repeatable), after the KG_DATA files (':'-separated).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", envvar="KG_LANG", show_default=True,
              help="Language of names in the output.")
@click.option("--backend", type=click.Choice(["memory", "neo4j"]), default="memory", envvar="KG_BACKEND",
              show_default=True, help="Where the graph lives.")
@click.option("--neo4j-uri", envvar="NEO4J_URI", help="Bolt URI, e.g. bolt://localhost:7687 (NEO4J_URI).")
@click.option("--neo4j-user", envvar="NEO4J_USER", default="neo4j", show_default=True, help="User (NEO4J_USER).")
@click.option("--neo4j-password", envvar="NEO4J_PASSWORD", default="", help="Password (NEO4J_PASSWORD).")
@click.option("--neo4j-database", envvar="NEO4J_DATABASE", default=None, help="Database name (NEO4J_DATABASE).")
@click.version_option(package_name="mle-kg")
@click.pass_context
def cli(ctx: click.Context, data_files: tuple[str, ...], lang: str, backend: str,
        neo4j_uri: str | None, neo4j_user: str, neo4j_password: str, neo4j_database: str | None) -> None:
    """Explore data-science and ML-engineering careers as a knowledge graph.

    Tracks -> Layers -> Skills -> Tools, from the article in kg/data/article.txt,
    curated judgement, job descriptions and your own data files.

    \b
    Example:
        kg plan --from DS --to "Infra MLE"
    """
    import os

    from_env = [f for f in os.environ.get("KG_DATA", "").split(os.pathsep) if f.strip()]
    ctx.obj = Env(
        data_files=(*from_env, *(f for f in data_files if f)), lang=lang, backend=backend,
        neo4j={"uri": neo4j_uri, "user": neo4j_user, "password": neo4j_password, "database": neo4j_database},
    )


def main() -> None:
    run_safely(cli)


def _names(env: Env, ids: list[str], limit: int | None = None) -> str:
    shown = [env.name(i) for i in ids[:limit] if i]
    more = f", … (+{len(ids) - limit})" if limit is not None and len(ids) > limit else ""
    return ", ".join(shown) + more


@cli.command()
@click.argument("start")
@click.argument("end")
@click.option("--directed", is_flag=True, help="Follow relationships only in their direction.")
@click.option("--weighted", is_flag=True, help="Least learning effort (hours) instead of fewest steps.")
@click.option("--all", "all_paths", is_flag=True, help="Every shortest path, not just one.")
@click.option("--via", metavar="LABEL", help="Only pass through nodes of this label (e.g. Skill, or Skill,Tool).")
@json_option
@pass_env
def path(env: Env, start: str, end: str, directed: bool, weighted: bool, all_paths: bool, via: str | None,
         as_json: bool) -> None:
    """Shortest path between two nodes (tracks, layers, skills or tools).

    \b
    Example:
        kg path DS "Infra MLE"
        kg path pytorch kubernetes --via skill --all
    """
    from kg.paths import find_path, format_path

    result = find_path(env.graph(), start, end, directed=directed, weighted=weighted, all_paths=all_paths,
                       via=via, lang=env.lang, store=env.store() if env.backend == "neo4j" else None)
    if as_json:
        return echo_json(result)
    for n, p in enumerate(result.get("paths", [result]), 1):
        prefix = f"{n}. " if all_paths else ""
        click.echo(prefix + format_path(p))
    extra = f", {result['count']} path{'s' if result['count'] != 1 else ''}" if all_paths else ""
    hours = f", {result['effort_hours']:g} hours of learning" if weighted else ""
    click.echo(f"length {result['length']}{extra}{hours}")


def person_options(f: Any) -> Any:
    """--know, --profile and --strict: who the person is."""
    f = click.option("--strict", is_flag=True, help="Exit 1 when a --know item names nothing (default: warn and go on).")(f)
    f = click.option("--profile", "profile_path", type=click.Path(dir_okay=False), envvar="KG_PROFILE",
                     help="A profile YAML file: know, from, target, hours_per_week, start, level (KG_PROFILE).")(f)
    return click.option("--know", multiple=True, metavar="A,B",
                        help="Skills, tools or tracks you already know (comma-separated, repeatable).")(f)


def schedule_options(f: Any) -> Any:
    """--hours-per-week and --start: lay the plan out on a calendar."""
    f = click.option("--start", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
                     help="First day of the schedule (default: next Monday).")(f)
    return click.option("--hours-per-week", type=float, metavar="H",
                        help="Hours a week you can study: adds weeks and dates to each step.")(f)


def _profile(profile_path: str | None) -> dict[str, Any]:
    if not profile_path:
        return {}
    from kg.profile import read_profile

    return read_profile(profile_path)


def _warn(result: dict[str, Any]) -> None:
    """Print the result's warnings in the CLI's words (and keep them so for ``--json``)."""
    if "warnings" in result:
        result["warnings"] = [cli_words(w) for w in result["warnings"]]
    for w in result.get("warnings", []):
        click.echo(f"Warning: {w}", err=True)


def _add_schedule(plan: dict[str, Any], profile: dict[str, Any], hours_per_week: float | None, start: Any) -> None:
    hpw = hours_per_week if hours_per_week is not None else profile.get("hours_per_week")
    first = start.date() if start is not None else profile.get("start")
    if hpw is None:
        if start is not None:
            raise click.UsageError("--start needs --hours-per-week (or hours_per_week in the profile).")
        return
    from kg.plan import schedule

    plan["schedule"] = schedule(plan, hpw, first)


def _plan_lines(env: Env, result: dict[str, Any], fmt: str = "table") -> None:
    if fmt == "markdown":
        from kg.plan import markdown

        click.echo(markdown(result))
        return
    start = env.name(result["from"]) if result["from"] else "nothing"
    extra = ", with bonus" if result["with_bonus"] else ""
    click.echo(f"Plan: {start} -> {env.name(result['to'])} ({result['level']}{extra})")
    if result["already_have"]:
        click.echo(f"Already have: {_names(env, result['already_have'])}")
    if not result["steps"]:
        click.echo("Nothing to learn: you already have everything this track requires at this level.")
        return
    sched = {r["id"]: r for r in (result.get("schedule") or {}).get("steps", [])}
    rows = []
    for s in result["steps"]:
        why = s["reason"] + (f" ({s['demand']})" if s.get("demand") else "")
        hours = f"{s['hours']:g}" if s["hours_known"] else "?"
        row = [s["step"], s["name"], env.name(s["layer"]) if s["layer"] else "", hours,
               _names(env, s["tools"], 4), why]
        if sched:
            r = sched[s["id"]]
            row[4:4] = [f"{r['weeks']:g}", r["start"], r["end"]]
        rows.append(row)
    headers = ["#", "Learn", "Layer", "Hours", "Tools", "Why"]
    if sched:
        headers[4:4] = ["Weeks", "Start", "End"]
    click.echo(table(rows, headers))
    n = len(result["steps"])
    unknown = [s["id"] for s in result["steps"] if not s["hours_known"]]
    esco = any(p.get("source") == "esco" for i in unknown for p in env.graph().node(i).get("provenance", []))
    why = "ESCO carries no learning hours" if esco else "the data gives none"
    no_hours = f"; {len(unknown)} of them have no hours ({why})" if unknown else ""
    click.echo(f"Total: {result['total_hours']:g} hours in {n} step{'s' if n != 1 else ''}{no_hours}")
    sc = result.get("schedule")
    if sc and sc.get("finish"):
        click.echo(f"Finish: {sc['finish']} at {sc['hours_per_week']:g} hours a week ({sc['weeks']:g} weeks from {sc['start']})")


@cli.command()
@click.option("--from", "from_", metavar="TRACK", help="The track you are in now (omit to start from nothing).")
@click.option("--to", "to", metavar="TRACK", help="The track you want to reach (or target in the profile).")
@person_options
@click.option("--level", type=click.Choice(["entry", "full"]), default=None,
              help="entry: just enough for an entry-level role (the article's 'two of three' rule). [default: full]")
@click.option("--with-bonus", is_flag=True, help="Add the bonus skills that make you stand out.")
@click.option("--by-demand", is_flag=True, help="Where the plan has a choice, prefer what job descriptions ask for most.")
@schedule_options
@click.option("--format", "fmt", type=click.Choice(["table", "markdown"]), default="table", show_default=True,
              help="markdown: a table to paste into an issue, a wiki or a study log.")
@json_option
@pass_env
def plan(env: Env, from_: str | None, to: str | None, know: tuple[str, ...], profile_path: str | None, strict: bool,
         level: str | None, with_bonus: bool, by_demand: bool, hours_per_week: float | None, start: Any, fmt: str,
         as_json: bool) -> None:
    """What you have left to learn for a track, in what order, and why.

    Knowing a tool shortens its skill's step (it does not replace it); tools a
    track requires are steps of their own.

    \b
    Example:
        kg plan --from DS --to "Infra MLE"
        kg plan --to "Production MLE" --level entry --know python,sql --hours-per-week 8
    """
    from kg.plan import make_plan

    prof = _profile(profile_path)
    target = to or prof.get("target")
    if not target:
        raise click.UsageError("Missing option '--to'.")
    result = make_plan(env.graph(), from_ or prof.get("from"), target, know=[*prof.get("know", []), *know],
                       level=level or prof.get("level", "full"), with_bonus=with_bonus, by_demand=by_demand,
                       lang=env.lang, strict=strict)
    _add_schedule(result, prof, hours_per_week, start)
    _warn(result)
    if as_json:
        return echo_json(result)
    _plan_lines(env, result, fmt)


@cli.command()
@person_options
@click.option("--from", "from_", metavar="TRACK", help="The track you are in now (a CV's role otherwise).")
@click.option("--to", "to", metavar="TRACK", help="Plan to this track instead of the recommended one (or target in the profile).")
@click.option("--cv", "cv_path", type=click.Path(dir_okay=False),
              help="Your CV (.txt, .md, .html, .pdf, .docx): its tools, skills and current role count as known.")
@click.option("--among", type=click.Choice(["mle", "all"]), default="mle", show_default=True,
              help="Recommend among the MLE tracks, or among all tracks.")
@click.option("--level", type=click.Choice(["entry", "full"]), default=None,
              help="Level of the plan to the recommended track. [default: entry]")
@schedule_options
@click.option("--save-profile", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write what was recognised to a profile file you can edit and reuse.")
@json_option
@pass_env
def fit(env: Env, know: tuple[str, ...], profile_path: str | None, strict: bool, from_: str | None, to: str | None,
        cv_path: str | None, among: str, level: str | None, hours_per_week: float | None, start: Any,
        save_profile: str | None, as_json: bool) -> None:
    """Which track suits you: every track by how much of it you have, the MLE track to aim at, and the plan.

    \b
    Example:
        kg fit --know python,sql,pandas,scikit-learn
        kg fit --cv my-cv.pdf --hours-per-week 8 --save-profile me.yaml
    """
    from kg.advice import fit as fit_person

    prof = _profile(profile_path)
    graph = env.graph()
    cv = None
    from kg.person import split_names

    names = [*prof.get("know", []), *split_names(know)]
    if cv_path:
        from kg.cv import read_cv

        cv = read_cv(cv_path, graph)
        names = [*cv["tools"], *cv["skills"], *names]
    current = from_ or prof.get("from") or (cv["role"]["track"] if cv and cv["role"] else None)
    result = fit_person(graph, names, from_=current, among=among, level=level or prof.get("level", "entry"),
                        lang=env.lang, strict=strict, target=to or prof.get("target"))
    if cv is not None:
        result["cv"] = cv
    _add_schedule(result["plan"], prof, hours_per_week, start)
    if save_profile:
        from kg.profile import write_profile

        mine = {**prof, "know": list(dict.fromkeys(names)), "from": current, "target": result["plan"]["to"]}
        if hours_per_week is not None:
            mine["hours_per_week"] = hours_per_week
        write_profile(mine, save_profile)
    _warn(result)
    if as_json:
        return echo_json(result)
    if cv is not None:
        role = cv["role"]
        click.echo(f"From the CV: role {env.name(role['track'])} (line {role['line']}: {role['title']})" if role
                   else "From the CV: no current role recognised (use --from TRACK)")
        click.echo(f"  tools:  {_names(env, cv['tools']) or '-'}")
        click.echo(f"  skills: {_names(env, cv['skills']) or '-'}")
    rows = [[t["name"], f"{t['coverage']['core']:.0%}",
             f"{t['coverage']['bonus']:.0%}" if t["requirements"]["bonus"] else "-", f"{t['hours_left']:g}",
             f"{t['entry_hours_left']:g}", "yes" if t["entry_ready"] else "no"] for t in result["tracks"]]
    click.echo(table(rows, ["Track", "Core", "Bonus", "Hours left", "To entry", "Entry-ready"]))
    if result["unranked"]:
        click.echo(f"Not ranked (no requirements in the data): {_names(env, result['unranked'], 10)}")
    click.echo(f"Recommended: {result['recommended']['reason']}")
    _plan_lines(env, result["plan"])
    if save_profile:
        click.echo(f"Profile written to {save_profile}")


def _rise(cov: dict[str, float]) -> str:
    if cov["after"] == cov["before"]:
        return "bonus"
    return f"core {cov['before']:.0%}→{cov['after']:.0%}"


@cli.command(name="next")
@click.option("--to", "to", metavar="TRACK", help="Rank by what helps this track (default: every track).")
@click.option("--from", "from_", metavar="TRACK", help="The track you are in now.")
@person_options
@click.option("--limit", default=10, show_default=True, help="At most this many suggestions.")
@json_option
@pass_env
def next_(env: Env, to: str | None, from_: str | None, know: tuple[str, ...], profile_path: str | None,
          strict: bool, limit: int, as_json: bool) -> None:
    """What you can learn now (every hard prerequisite known), ranked by the coverage it adds.

    \b
    Example:
        kg next --know python,statistics --to "Production MLE"
    """
    from kg.advice import next_for

    prof = _profile(profile_path)
    result = next_for(env.graph(), [*prof.get("know", []), *know], from_=from_ or prof.get("from"),
                      target=to or prof.get("target"), limit=limit, lang=env.lang, strict=strict)
    _warn(result)
    if as_json:
        return echo_json(result)
    if not result["candidates"]:
        click.echo("Nothing left that adds coverage.")
        return
    rows = [[n, c["name"], c["kind"], f"{c['hours']:g}", f"+{c['gain']:g}",
             ", ".join(f"{env.name(t['id'])} +{t['hours']:g} h ({_rise(t['core_coverage'])})" for t in c["tracks"][:3]),
             _names(env, c["unlocks"], 3)] for n, c in enumerate(result["candidates"], 1)]
    click.echo(table(rows, ["#", "Learn", "Kind", "Hours", "Adds", "Tracks it helps", "Unlocks"]))


@cli.command()
@click.argument("a")
@click.argument("b")
@click.option("--core-only", is_flag=True, help="Compare core requirements only (leave bonus ones out).")
@json_option
@pass_env
def compare(env: Env, a: str, b: str, core_only: bool, as_json: bool) -> None:
    """Requirements (skills and tools) two tracks share and those only one of them has, per layer.

    \b
    Example:
        kg compare "Production MLE" "Infra MLE"
    """
    from kg.comparison import compare as compare_tracks

    result = compare_tracks(env.graph(), a, b, core_only=core_only, lang=env.lang)
    if as_json:
        return echo_json(result)
    na, nb = env.name(result["a"]), env.name(result["b"])
    rows = [[env.name(layer), _names(env, r["shared"]), _names(env, r["only_a"]), _names(env, r["only_b"])]
            for layer, r in result["by_layer"].items() if any(r.values())]
    # Skills without a layer (a taxonomy's, such as ESCO's) get a row of their own.
    placed = {s for r in result["by_layer"].values() for part in r.values() for s in part}
    loose = {k: [s for s in result[k] if s not in placed] for k in ("shared", "only_a", "only_b")}
    if any(loose.values()):
        rows.append(["(no layer)", *(_names(env, loose[k]) for k in ("shared", "only_a", "only_b"))])
    click.echo(table(rows, ["Layer", "Shared", f"Only {na}", f"Only {nb}"]))
    click.echo(f"Similarity (Jaccard): {result['similarity']:.2f} — {len(result['shared'])} shared, "
               f"{len(result['only_a'])} only {na}, {len(result['only_b'])} only {nb}")


@cli.command()
@click.argument("node")
@json_option
@pass_env
def show(env: Env, node: str, as_json: bool) -> None:
    """A node: its names, description, relationships, and where each fact comes from.

    \b
    Example:
        kg show kubernetes
        kg --lang zh show "Infra MLE"
    """
    from kg.browse import show as show_node

    result = show_node(env.graph(), node, lang=env.lang)
    if as_json:
        return echo_json(result)
    click.echo(f"{result['display_name']} ({result['label']}, id: {result['id']})")
    other_name = result["name_zh"] if env.lang == "en" else result["name"]
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


@cli.command()
@click.argument("text")
@click.option("--label", help="Only nodes of this label (track, layer, skill, tool).")
@click.option("--limit", default=20, show_default=True, help="At most this many results.")
@json_option
@pass_env
def search(env: Env, text: str, label: str | None, limit: int, as_json: bool) -> None:
    """Find nodes by name, alias or description.

    \b
    Example:
        kg search mlops
        kg search 云 --label tool
    """
    from kg.browse import search as search_nodes

    hits = search_nodes(env.graph(), text, label=label, limit=limit, lang=env.lang)
    if as_json:
        return echo_json(hits)
    if not hits:
        click.echo(f"No node matches '{text}'.")
        return
    click.echo(table([[h["id"], h["label"], h["name"], h["matched"]] for h in hits], ["id", "label", "name", "matched"]))


@cli.command(name="list")
@click.argument("label")
@json_option
@pass_env
def list_(env: Env, label: str, as_json: bool) -> None:
    """List every track, layer, skill or tool.

    \b
    Example:
        kg list skills
    """
    from kg.browse import list_nodes, parse_label

    rows = list_nodes(env.graph(), label, lang=env.lang)
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
        click.echo(table([[r["id"], r["name"], env.name(r["layer"]) if r["layer"] else "",
                           "?" if r["effort_hours"] is None else f"{r['effort_hours']:g}",
                           _names(env, r["tools"], 4), r["source"]] for r in rows],
                         ["id", "name", "layer", "hours", "tools", "source"]))
    else:
        click.echo(table([[r["id"], r["name"], _names(env, r["skills"]), r["source"]] for r in rows],
                         ["id", "name", "skills", "source"]))


@cli.command()
@click.option("--top", default=5, show_default=True, help="How many central skills and bridges to show.")
@json_option
@pass_env
def stats(env: Env, top: int, as_json: bool) -> None:
    """Counts per label and type, the most central skills, and the skills that bridge tracks.

    \b
    Example:
        kg stats
    """
    from kg.browse import stats as graph_stats

    result = graph_stats(env.graph(), top=top, lang=env.lang)
    if as_json:
        return echo_json(result)
    click.echo(f"{result['total_nodes']} nodes: " + ", ".join(f"{v} {k}" for k, v in result["nodes"].items()))
    click.echo(f"{result['total_relationships']} relationships: "
               + ", ".join(f"{v} {k}" for k, v in result["relationships"].items() if v))
    click.echo("Sources: " + ", ".join(f"{v} {k}" for k, v in result["sources"].items()))
    bc = result["betweenness"]
    how = "" if bc["exact"] else f", estimated from {bc['sources']:,} of {bc['nodes']:,} nodes, seed {bc['seed']}"
    click.echo(f"Most central skills (betweenness{how}): "
               + ", ".join(f"{c['name']} {c['betweenness']:.3f}" for c in result["central_skills"]))
    click.echo("Skills that bridge tracks:")
    for b in result["bridges"]:
        click.echo(f"  {b['name']}: {len(b['tracks'])} tracks ({_names(env, b['tracks'])})")


@cli.command()
@pass_env
@json_option
def validate(env: Env, as_json: bool) -> None:
    """Check the packaged data and your --data files: references, cycles, duplicates, provenance.

    Exits 1 when anything is wrong, listing every problem with file, line and field.

    \b
    Example:
        kg --data my.yaml validate
    """
    from kg.loaders.curated import validate as validate_data

    graph, problems = validate_data(env.data_files)
    if as_json:
        echo_json({"ok": not problems, "problems": [str(p) for p in problems],
                   "nodes": graph.g.number_of_nodes(), "relationships": graph.g.number_of_edges()})
    else:
        for p in problems:
            click.echo(str(p), err=True)
    if problems:
        from kg.errors import DataError

        raise DataError(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found")
    if not as_json:
        files = f" and {len(env.data_files)} data file{'s' if len(env.data_files) != 1 else ''}" if env.data_files else ""
        click.echo(f"OK: packaged data{files}: {graph.g.number_of_nodes()} nodes, "
                   f"{graph.g.number_of_edges()} relationships, no problems")
