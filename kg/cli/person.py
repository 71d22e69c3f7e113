"""``kg plan``, ``fit`` and ``next``: what a person has, what to learn next, in what order."""
from __future__ import annotations

from typing import Any

import click

from kg.cli.base import GraphSource, cli_words, echo_json, json_option, name_list, pass_source, table


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


def _plan_lines(source: GraphSource, result: dict[str, Any], fmt: str = "table") -> None:
    if fmt == "markdown":
        from kg.plan import markdown

        click.echo(markdown(result))
        return
    start = source.name(result["from"]) if result["from"] else "nothing"
    extra = ", with bonus" if result["with_bonus"] else ""
    click.echo(f"Plan: {start} -> {source.name(result['to'])} ({result['level']}{extra})")
    if result["already_have"]:
        click.echo(f"Already have: {name_list(source, result['already_have'])}")
    if not result["steps"]:
        click.echo("Nothing to learn: you already have everything this track requires at this level.")
        return
    sched = {r["id"]: r for r in (result.get("schedule") or {}).get("steps", [])}
    rows = []
    for s in result["steps"]:
        why = s["reason"] + (f" ({s['demand']})" if s.get("demand") else "")
        hours = f"{s['hours']:g}" if s["hours_known"] else "?"
        row = [s["step"], s["name"], source.name(s["layer"]) if s["layer"] else "", hours,
               name_list(source, s["tools"], 4), why]
        if sched:
            r = sched[s["id"]]
            row[4:4] = [f"{r['weeks']:g}", r["start"], r["end"]]
        rows.append(row)
    headers = ["#", "Learn", "Layer", "Hours", "Tools", "Why"]
    if sched:
        headers[4:4] = ["Weeks", "Start", "End"]
    click.echo(table(rows, headers))
    n = len(result["steps"])
    click.echo(f"Total: {result['total_hours']:g} hours in {n} step{'s' if n != 1 else ''}")
    for note in result.get("notes", []):
        click.echo(f"Note: {note}")
    sc = result.get("schedule")
    if sc and sc.get("finish"):
        click.echo(f"Finish: {sc['finish']} at {sc['hours_per_week']:g} hours a week ({sc['weeks']:g} weeks from {sc['start']})")


@click.command()
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
@pass_source
def plan(source: GraphSource, from_: str | None, to: str | None, know: tuple[str, ...], profile_path: str | None, strict: bool,
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
    result = make_plan(source.graph(), from_ or prof.get("from"), target, know=[*prof.get("know", []), *know],
                       level=level or prof.get("level", "full"), with_bonus=with_bonus, by_demand=by_demand,
                       lang=source.lang, strict=strict)
    _add_schedule(result, prof, hours_per_week, start)
    _warn(result)
    if as_json:
        return echo_json(result)
    _plan_lines(source, result, fmt)


@click.command()
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
@pass_source
def fit(source: GraphSource, know: tuple[str, ...], profile_path: str | None, strict: bool, from_: str | None, to: str | None,
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
    from kg.person import split_names

    names = [*prof.get("know", []), *split_names(know)]
    result = fit_person(source.graph(), names, from_=from_ or prof.get("from"), among=among,
                        level=level or prof.get("level", "entry"), lang=source.lang, strict=strict,
                        target=to or prof.get("target"), cv=cv_path)
    cv = result.get("cv")
    if cv is not None:
        names = [*cv["tools"], *cv["skills"], *names]
    current = from_ or prof.get("from") or (cv["role"]["track"] if cv and cv["role"] else None)
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
        click.echo(f"From the CV: role {source.name(role['track'])} (line {role['line']}: {role['title']})" if role
                   else "From the CV: no current role recognised (use --from TRACK)")
        click.echo(f"  tools:  {name_list(source, cv['tools']) or '-'}")
        click.echo(f"  skills: {name_list(source, cv['skills']) or '-'}")
    rows = [[t["name"], f"{t['coverage']['core']:.0%}",
             f"{t['coverage']['bonus']:.0%}" if t["requirements"]["bonus"] else "-", f"{t['hours_left']:g}",
             f"{t['entry_hours_left']:g}", "yes" if t["entry_ready"] else "no"] for t in result["tracks"]]
    click.echo(table(rows, ["Track", "Core", "Bonus", "Hours left", "To entry", "Entry-ready"]))
    if result["unranked"]:
        click.echo(f"Not ranked (no requirements in the data): {name_list(source, result['unranked'], 10)}")
    click.echo(f"Recommended: {result['recommended']['reason']}")
    _plan_lines(source, result["plan"])
    if save_profile:
        click.echo(f"Profile written to {save_profile}")


def _rise(cov: dict[str, float]) -> str:
    if cov["after"] == cov["before"]:
        return "bonus"
    return f"core {cov['before']:.0%}→{cov['after']:.0%}"


@click.command(name="next")
@click.option("--to", "to", metavar="TRACK", help="Rank by what helps this track (default: every track).")
@click.option("--from", "from_", metavar="TRACK", help="The track you are in now.")
@person_options
@click.option("--limit", default=10, show_default=True, help="At most this many suggestions.")
@json_option
@pass_source
def next_(source: GraphSource, to: str | None, from_: str | None, know: tuple[str, ...], profile_path: str | None,
          strict: bool, limit: int, as_json: bool) -> None:
    """What you can learn now (every hard prerequisite known), ranked by the coverage it adds.

    \b
    Example:
        kg next --know python,statistics --to "Production MLE"
    """
    from kg.advice import next_for

    prof = _profile(profile_path)
    result = next_for(source.graph(), [*prof.get("know", []), *know], from_=from_ or prof.get("from"),
                      target=to or prof.get("target"), limit=limit, lang=source.lang, strict=strict)
    _warn(result)
    if as_json:
        return echo_json(result)
    if not result["candidates"]:
        click.echo("Nothing left that adds coverage.")
        return
    rows = [[n, c["name"], c["kind"], f"{c['hours']:g}", f"+{c['gain']:g}",
             ", ".join(f"{source.name(t['id'])} +{t['hours']:g} h ({_rise(t['core_coverage'])})" for t in c["tracks"][:3]),
             name_list(source, c["unlocks"], 3)] for n, c in enumerate(result["candidates"], 1)]
    click.echo(table(rows, ["#", "Learn", "Kind", "Hours", "Adds", "Tracks it helps", "Unlocks"]))
