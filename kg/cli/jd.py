"""``kg extract``, ``kg ingest`` and ``kg demand``: job descriptions in, tracks, tools, skills and demand out."""
from __future__ import annotations

import json
import shutil
import sys
from collections import Counter
from typing import Any

import click

from kg.cli.base import (
    GraphSource,
    display_width,
    echo_json,
    json_option,
    pass_source,
    progress_enabled,
    table,
)
from kg.errors import DataError
from kg.loaders import jd
from kg.loaders.jd_discover import discover, tools_data_file


class SkippedInputs(DataError):
    """Some inputs could not be read; the rest was processed and written (exit status 1)."""


def _skip(path: str, reason: str) -> None:
    click.echo(f"Skipped {reason}" if reason.startswith(path) else f"Skipped {path}: {reason}", err=True)


def terminal_width() -> int:
    """The terminal's width in columns (``COLUMNS`` when set; 100 when not a terminal)."""
    return max(40, shutil.get_terminal_size((100, 24)).columns)


def _cut(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out, used = out + ch, used + w
    return out + "…"


def fit_table(rows: list[list[Any]], headers: list[str], width: int | None = None) -> str:
    """``table`` cut to ``width`` columns: the widest columns are shortened first, cut cells end in '…'.

    >>> print(fit_table([["a.md", "python, sql, spark, kafka"]], ["file", "tools"], 20))
    file  tools
    ----  --------------
    a.md  python, sql, …
    """
    width = width or terminal_width()
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(headers))]
    floor = [min(w, max(6, display_width(h))) for w, h in zip(widths, headers)]
    floor[0] = min(widths[0], max(floor[0], width // 3))  # the first column names the row: cut it last
    while sum(widths) + 2 * (len(widths) - 1) > width:
        i = max(range(len(widths)), key=lambda k: (widths[k] - floor[k], k))
        if widths[i] <= floor[i]:
            break
        widths[i] -= 1
    body = [[_cut(c, w) for c, w in zip(r, widths)] for r in cells[1:]]
    return table(body, [_cut(h, w) for h, w in zip(cells[0], widths)])


def _read_inputs(paths: tuple[str, ...]) -> tuple[list[tuple[str, Any]], list[tuple[str, str]]]:
    """(name, path or '-') to read, and (path, why) skipped, for files, folders and '-'."""
    items: list[tuple[str, Any]] = []
    skipped: list[tuple[str, str]] = []
    for p in paths:
        if p == "-":
            items.append(("-", "-"))
            continue
        found, skip = jd.scan_inputs([p])
        skipped.extend(skip)
        items.extend((str(path), path) for _, path in found)
    return items, skipped


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--why", is_flag=True, help="Also print why each posting got its track, and each decision on a tool-like word.")
@json_option
@pass_source
def extract(source: GraphSource, files: tuple[str, ...], why: bool, as_json: bool) -> None:
    """The track, tools and skills each job description asks for.

    FILE is a posting (text, Markdown, HTML, PDF or DOCX; English or Chinese),
    a folder of them, or '-' for standard input. A track is null when the
    posting is not a DS/ML/data/infra role. Tools a posting names only to say
    they are not used are not counted; `--why` and `--json` say so. Every
    file skipped is reported on stderr with its reason; when a posting cannot
    be read (empty, binary, too large, not UTF-8) the exit status is 1.

    \b
    Example:
        kg extract jobs/mlops.md jobs/ --json
    """
    graph = source.graph()
    items, skipped = _read_inputs(files)
    for path, reason in skipped:
        _skip(path, reason)
    results: list[dict[str, Any]] = []
    failed = 0
    for name, path in items:
        try:
            text = jd.read_stdin(sys.stdin.buffer) if path == "-" else jd.read_document(path)
        except DataError as e:
            _skip("<stdin>" if name == "-" else name, str(e))
            failed += 1
            continue
        results.append({"file": name, **jd.extract(text, graph).as_dict()})
    if as_json:
        echo_json(results)
    elif results:
        rows = [[r["file"], r["track"] or "-", f"{r['confidence']:.2f}", _tools_cell(r) or "-",
                 ", ".join(r["skills"]) or "-"] for r in results]
        click.echo(fit_table(rows, ["file", "track", "conf", "tools", "skills"]))
        if why:
            for r in results:
                click.echo("")
                click.echo(_why_text(r))
    if failed:
        raise SkippedInputs(f"skipped {failed} of {len(items)} files (reasons above)")


def _tools_cell(r: dict[str, Any]) -> str:
    levels = r["evidence"].get("levels", {})
    return ", ".join(t + (" (bonus)" if levels.get(t) == "bonus" else "") for t in r["tools"])


def _why_text(r: dict[str, Any]) -> str:
    """The reasoning for one posting: its track, then each decision on a tool-like word."""
    ev = r["evidence"]
    width = terminal_width()
    lines = [f"{r['file']}: {ev['track']['reason']}"]
    for s in ev.get("senses", []):
        lines.append(_cut(f"  counted      {s['term']} (at {s['at']}): {s['why']}", width))
    for s in ev.get("not_counted", []):
        lines.append(_cut(f"  not counted  {s['term']} (at {s['at']}): {s['why']}", width))
    if r.get("unknown_terms"):
        lines.append(_cut("  unknown to the graph: " + ", ".join(u["term"] for u in r["unknown_terms"]), width))
    return "\n".join(lines)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="The data file to write ('-': standard output).")
@click.option("--min-share", type=click.FloatRange(0, 1), default=jd.MIN_SHARE, show_default=True,
              help="Share of a track's postings a new requirement needs to be added.")
@click.option("--core-share", type=click.FloatRange(0, 1.01), default=jd.CORE_SHARE, show_default=True,
              help="Share from which a new requirement is core rather than bonus (above 1: always bonus).")
@click.option("--discover", "discover_out", default=None, type=click.Path(dir_okay=False),
              help="Also list technologies the graph does not know, and write them to this file as Tool nodes "
                   "(source: jd) to review and load with --data.")
@click.option("--min-count", type=click.IntRange(1), default=2, show_default=True,
              help="With --discover: postings a new technology needs to be listed.")
@json_option
@pass_source
def ingest(source: GraphSource, paths: tuple[str, ...], output: str, min_share: float, core_share: float,
           discover_out: str | None, min_count: int, as_json: bool) -> None:
    """Turn a folder of job descriptions into a data file of demand.

    Reads every posting under DIR (text, Markdown, HTML, PDF, DOCX),
    classifies each, and writes REQUIRES relationships from each track to the
    skills and tools its postings name, with source 'jd' and evidence
    {count, total, track, documents}. Load the result with `kg --data OUT.yaml`.
    Every file skipped is reported on stderr with its reason; when a posting
    cannot be read (empty, binary, too large, not UTF-8) the exit status is 1.

    \b
    Example:
        kg ingest jobs/ -o demand.yaml --discover new-tools.yaml
        kg --data demand.yaml demand
    """
    graph = source.graph()
    items, skipped = jd.scan_inputs(paths)
    for path, reason in skipped:
        _skip(path, reason)
    if not items:
        raise DataError(f"no job descriptions ({', '.join('*' + s for s in jd.TEXT_SUFFIXES)}) under {', '.join(paths)}")
    if progress_enabled():
        with click.progressbar(length=len(items), label="Reading job descriptions", file=sys.stderr) as bar:
            corpus = jd.ingest_corpus(paths, graph, min_share=min_share, core_share=core_share, items=items,
                                      on_document=lambda _id, _ex: bar.update(1))
    else:
        corpus = jd.ingest_corpus(paths, graph, min_share=min_share, core_share=core_share, items=items)
    for path, reason in corpus.skipped:
        _skip(path, reason)
    if not corpus.documents:
        raise DataError(f"none of the {len(items)} files could be read")
    header = (f"Demand measured by `kg ingest` in {len(corpus.documents)} job descriptions "
              f"({', '.join(paths)}).\nEach REQUIRES: source jd, evidence {{count, total, track, documents}}.")
    if output == "-":
        click.echo(jd.dump_data_file(corpus.data, header), nl=False)
    else:
        jd.write_data_file(corpus.data, output, header)
    summary = _summary(corpus, output, skipped)
    if discover_out is not None:
        candidates = discover(corpus.documents, min_count)
        summary["discovered"] = {"output": discover_out, "candidates": candidates}
        jd.write_data_file(tools_data_file(candidates, len(corpus.documents), graph), discover_out,
                           f"Technologies the graph does not know, found by `kg ingest --discover` in "
                           f"{len(corpus.documents)} job descriptions.\nReview (delete what is not a tool, add "
                           f"USES_TOOL relationships), then load with --data.")
    to_stderr = output == "-"
    if as_json:
        if to_stderr:
            click.echo(json.dumps(summary, ensure_ascii=False, allow_nan=False), err=True)
        else:
            echo_json(summary)
    else:
        click.echo(_summary_text(summary), err=to_stderr)
    if corpus.skipped:
        raise SkippedInputs(f"skipped {len(corpus.skipped)} of {len(items)} files (reasons above); "
                            f"the other {len(corpus.documents)} were used")


def _summary(corpus: jd.Corpus, output: str, skipped: list[tuple[str, str]]) -> dict[str, Any]:
    per_track = Counter(ex.track for ex in corpus.documents.values())
    top: dict[str, list[dict[str, Any]]] = {}
    for rel in corpus.data["relationships"]:
        if rel["evidence"]["count"]:
            top.setdefault(rel["from"], []).append(rel)
    return {
        "documents": len(corpus.documents),
        "skipped": [{"file": p, "reason": r} for p, r in [*skipped, *corpus.skipped]],
        "tracks": {t: n for t, n in sorted(per_track.items(), key=lambda kv: (-kv[1], kv[0] or "")) if t},
        "unclassified": per_track.get(None, 0),
        "requirements": len(corpus.data["relationships"]),
        "top": {t: [{"id": r["to"], "count": r["evidence"]["count"], "total": r["evidence"]["total"],
                     "share": round(r["evidence"]["count"] / r["evidence"]["total"], 3)}
                    for r in sorted(rels, key=lambda r: (-r["evidence"]["count"], r["to"]))[:5]]
                for t, rels in top.items()},
        "output": output,
    }


def _summary_text(s: dict[str, Any]) -> str:
    rows = [[t, n, ", ".join(f"{x['id']} {x['count']}/{x['total']}" for x in s["top"].get(t, []))]
            for t, n in s["tracks"].items()]
    if s["unclassified"]:
        rows.append(["(not a DS/ML/data/infra role)", s["unclassified"], ""])
    skipped = f", {len(s['skipped'])} skipped" if s["skipped"] else ""
    where = "standard output" if s["output"] == "-" else s["output"]
    text = (f"Read {s['documents']} job descriptions{skipped}.\n"
            + fit_table(rows, ["track", "postings", "most demanded (postings)"])
            + f"\nWrote {s['requirements']} requirements with demand to {where}.")
    if "discovered" in s:
        cands = s["discovered"]["candidates"]
        if cands:
            rows = [[c["term"], c["count"], f"{c['share']:.0%}",
                     ", ".join(f"{t} {v:.0%}" for t, v in c["tracks"].items()) or "-", c["example"]] for c in cands]
            text += "\n\nTechnologies the graph does not know:\n" + fit_table(
                rows, ["term", "postings", "share", "share per track", "example"])
        text += f"\nWrote {len(cands)} candidate tools to {s['discovered']['output']} (review before loading)."
    return text


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--track", default=None, help="Only this track (id or name).")
@click.option("--kind", type=click.Choice(["tools", "skills", "all"]), default="tools", show_default=True,
              help="Rank tools, skills or both.")
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="How many per ranking.")
@json_option
@pass_source
def demand(source: GraphSource, paths: tuple[str, ...], track: str | None, kind: str, top: int, as_json: bool) -> None:
    """The tools and skills most job postings ask for, overall and per track.

    From a folder of postings (PATHS), or, without PATHS, from the demand
    loaded with `kg --data demand.yaml` (written by `kg ingest`). Counts are
    postings; shares are of all classified postings (overall) or of the
    track's postings.

    \b
    Example:
        kg demand jobs/
        kg --data demand.yaml demand --track infra-mle --kind all
    """
    graph = source.graph()
    kinds = {"tools": ("Tool",), "skills": ("Skill",), "all": ("Tool", "Skill")}[kind]
    if paths:
        items, skipped = jd.scan_inputs(paths)
        for path, reason in skipped:
            _skip(path, reason)
        corpus = jd.ingest_corpus(paths, graph, items=items)
        for path, reason in corpus.skipped:
            _skip(path, reason)
        per_track, totals = jd.demand_of_documents(corpus.documents)
        origin = f"{len(corpus.documents)} postings under {', '.join(paths)}"
    else:
        per_track, totals = jd.demand_of_graph(graph)
        if not totals:
            raise DataError("no demand loaded: give a folder of postings (kg demand jobs/), "
                            "or load a demand file (kg --data demand.yaml demand; kg ingest writes one)")
        origin = "the demand file loaded with --data"
    if track is not None:
        tid = graph.resolve(track, "Track")
        per_track, totals = {tid: per_track.get(tid, {})}, {tid: totals.get(tid, 0)}
    result = jd.rank_demand(per_track, totals, graph, kinds=kinds, top=top)
    result["source"] = origin
    if as_json:
        echo_json(result)
        return
    click.echo(f"Demand in {result['postings']} classified postings ({origin}).")
    if track is None:
        click.echo("\nOverall")
        click.echo(_rank_table(result["overall"]))
    for entry in result["tracks"].values():
        click.echo(f"\n{entry['name']} ({entry['postings']} postings)")
        click.echo(_rank_table(entry["top"]))


def _rank_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(none)"
    return fit_table([[i, r["name"], r["label"].lower(), r["count"], f"{r['share']:.0%}"] for i, r in enumerate(rows, 1)],
                     ["#", "name", "kind", "postings", "share"])
