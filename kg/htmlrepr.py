"""HTML tables for results shown in Jupyter (``_repr_html_``), every value escaped."""
from __future__ import annotations

from html import escape
from typing import Any


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape('' if c is None else str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def result_html(result: dict[str, Any]) -> str:
    """A plan (``steps``) or a fit (``tracks``) as an HTML table.

    >>> result_html({"steps": [{"step": 1, "name": "<b>", "kind": "skill", "hours": 3, "reason": "x"}],
    ...              "total_hours": 3})
    '<table><thead><tr><th>#</th><th>Learn</th><th>Kind</th><th>Hours</th><th>Why</th></tr></thead><tbody><tr><td>1</td><td>&lt;b&gt;</td><td>skill</td><td>3</td><td>x</td></tr></tbody></table><p>Total: 3 hours</p>'
    """
    parts = []
    if "tracks" in result:
        rows = [[t["name"], f"{t['coverage']['core']:.0%}", f"{t['coverage']['bonus']:.0%}", t["hours_left"],
                 "yes" if t["entry_ready"] else "no"] for t in result["tracks"]]
        parts.append(_table(["Track", "Core", "Bonus", "Hours left", "Entry ready"], rows))
        rec = result.get("recommended") or {}
        if rec.get("reason"):
            parts.append(f"<p>{escape(rec['reason'])}</p>")
        if result.get("plan"):
            parts.append(result_html(result["plan"]))
        return "".join(parts)
    sched = {r["id"]: r for r in (result.get("schedule") or {}).get("steps", [])}
    headers = ["#", "Learn", "Kind", "Hours", "Why"] + (["Start", "End"] if sched else [])
    rows = []
    for s in result.get("steps", []):
        row = [s["step"], s["name"], s["kind"], s["hours"], s["reason"]]
        if sched:
            row += [sched[s["id"]]["start"], sched[s["id"]]["end"]]
        rows.append(row)
    parts.append(_table(headers, rows))
    parts.append(f"<p>Total: {escape(str(result.get('total_hours', 0)))} hours</p>")
    return "".join(parts)
