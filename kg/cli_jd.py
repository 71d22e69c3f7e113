"""``kg extract`` and ``kg ingest``: job descriptions in, tracks, tools, skills and demand out."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from .clibase import Env, echo_json, json_option, pass_env, progress_enabled, table
from .errors import DataError
from .loaders import jd


class SkippedInputs(DataError):
    """Some inputs could not be read; the rest was processed and written (exit status 1)."""


def _skip(path: str, reason: str) -> None:
    click.echo(f"Skipped {reason}" if reason.startswith(path) else f"Skipped {path}: {reason}", err=True)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--why", is_flag=True, help="Also print why each posting got its track.")
@json_option
@pass_env
def extract(env: Env, files: tuple[str, ...], why: bool, as_json: bool) -> None:
    """The track, tools and skills each job description asks for.

    FILE is plain text or Markdown, English or Chinese; '-' reads standard
    input. A track is null when the posting is not a DS/ML/data/infra role.
    Unreadable files (empty, binary, too large, not UTF-8) are reported on
    stderr and skipped; the exit status is then 1.

    \b
    Example:
        kg extract jobs/mlops.md jobs/ds.txt --json
    """
    graph = env.graph()
    results: list[dict[str, Any]] = []
    skipped = 0
    for name in files:
        try:
            if name == "-":
                text = jd.decode_document(sys.stdin.buffer.read(), "<stdin>")
            else:
                text = jd.read_document(name)
        except DataError as e:
            _skip(name, str(e))
            skipped += 1
            continue
        results.append({"file": name, **jd.extract(text, graph).as_dict()})
    if as_json:
        echo_json(results)
    elif results:
        rows = [[r["file"], r["track"] or "-", f"{r['confidence']:.2f}", ", ".join(r["tools"]) or "-",
                 ", ".join(r["skills"]) or "-"] for r in results]
        click.echo(table(rows, ["file", "track", "conf", "tools", "skills"]))
        if why:
            click.echo("")
            for r in results:
                click.echo(f"{r['file']}: {r['evidence']['track']['reason']}")
    if skipped:
        raise SkippedInputs(f"skipped {skipped} of {len(files)} files (reasons above)")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="The data file to write ('-': standard output).")
@click.option("--min-share", type=click.FloatRange(0, 1), default=jd.MIN_SHARE, show_default=True,
              help="Share of a track's postings a new requirement needs to be added.")
@click.option("--core-share", type=click.FloatRange(0, 1.01), default=jd.CORE_SHARE, show_default=True,
              help="Share from which a new requirement is core rather than bonus (above 1: always bonus).")
@json_option
@pass_env
def ingest(env: Env, paths: tuple[str, ...], output: str, min_share: float, core_share: float, as_json: bool) -> None:
    """Turn a folder of job descriptions into a data file of demand.

    Reads every .txt/.md file under DIR, classifies each posting, and writes
    REQUIRES relationships from each track to the skills and tools its
    postings name, with source 'jd' and evidence {count, total, track,
    documents}. Load the result with `kg --data OUT.yaml`. Unreadable files
    are reported on stderr and skipped; the exit status is then 1.

    \b
    Example:
        kg ingest jobs/ -o demand.yaml && kg --data demand.yaml show kubernetes
    """
    graph = env.graph()
    items = [item for p in paths for item in jd.iter_corpus([p])]
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
    summary = _summary(corpus, output)
    to_stderr = output == "-"
    if as_json:
        if to_stderr:
            click.echo(json.dumps(summary, ensure_ascii=False), err=True)
        else:
            echo_json(summary)
    else:
        click.echo(_summary_text(summary, graph), err=to_stderr)
    if corpus.skipped:
        raise SkippedInputs(f"skipped {len(corpus.skipped)} of {len(items)} files (reasons above); "
                            f"the other {len(corpus.documents)} were used")


def _summary(corpus: jd.Corpus, output: str) -> dict[str, Any]:
    per_track = Counter(ex.track for ex in corpus.documents.values())
    top: dict[str, list[str]] = {}
    for rel in corpus.data["relationships"]:
        if rel["evidence"]["count"]:
            top.setdefault(rel["from"], []).append(rel)
    return {
        "documents": len(corpus.documents),
        "skipped": [{"file": p, "reason": r} for p, r in corpus.skipped],
        "tracks": {t: n for t, n in sorted(per_track.items(), key=lambda kv: (-kv[1], kv[0] or "")) if t},
        "unclassified": per_track.get(None, 0),
        "requirements": len(corpus.data["relationships"]),
        "top": {t: [f"{r['to']} {r['evidence']['count']}/{r['evidence']['total']}"
                    for r in sorted(rels, key=lambda r: (-r["evidence"]["count"], r["to"]))[:5]]
                for t, rels in top.items()},
        "output": output,
    }


def _summary_text(s: dict[str, Any], graph: Any) -> str:
    rows = [[graph.name(t) if t in graph else t, n, ", ".join(s["top"].get(t, []))] for t, n in s["tracks"].items()]
    if s["unclassified"]:
        rows.append(["(not a DS/ML/data/infra role)", s["unclassified"], ""])
    skipped = f", {len(s['skipped'])} skipped" if s["skipped"] else ""
    where = "standard output" if s["output"] == "-" else s["output"]
    return (f"Read {s['documents']} job descriptions{skipped}.\n"
            + table(rows, ["track", "postings", "most demanded (postings)"])
            + f"\nWrote {s['requirements']} requirements with demand to {where}.")
