"""Render a KnowledgeGraph as one self-contained HTML page (vis-network, as shipped by pyvis).

Safe and offline by construction:

* the page is our own Jinja2 template with autoescaping on; text from data
  never goes through the template at all: it travels as one JSON document in a
  ``<script type="application/json">`` element (``<``, ``>``, ``&`` escaped
  as ``\\u003c`` …) and the page script puts it into the DOM with
  ``textContent`` only;
* vis-network's JavaScript is inlined from the copy pyvis ships, nothing else
  is referenced, and a Content-Security-Policy allows exactly the inline
  scripts of the page (by hash), no network access at all;
* positions are computed here (layered: Tracks, Layers, Skills, Tools), so
  the browser does no physics and large graphs open quickly.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import json
import math
from collections import deque
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from kg.errors import KGError, WriteError
from kg.model import LABELS, demand, provenance_summary
from kg.person import is_mle, requirement_weight
from kg.phrases import phrases

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

#: Above this many nodes the page opens on an overview: labels start hidden from the bottom of the
#: chain (Tools, then Skills) until at most this many show (about 1.5 s to first draw on 2 cores).
OVERVIEW_CAP = 5_000

#: Above this many edges, edges are drawn straight and hidden while dragging/zooming.
LARGE_EDGES = 2_000

#: The vis-network build pyvis 0.3.2 ships (relative to the pyvis package).
VIS_JS = ("lib", "vis-9.1.2", "vis-network.min.js")

#: One colour, shape and legend symbol per label.
LABEL_STYLE: dict[str, dict[str, Any]] = {
    "Track": {"color": "#d9480f", "shape": "diamond", "symbol": "◆", "size": 22},
    "Layer": {"color": "#7048e8", "shape": "square", "symbol": "■", "size": 18},
    "Skill": {"color": "#1c7ed6", "shape": "dot", "symbol": "●", "size": 14},
    "Tool": {"color": "#2b8a3e", "shape": "triangle", "symbol": "▲", "size": 12},
}
OTHER_STYLE = {"color": "#868e96", "shape": "dot", "symbol": "●", "size": 12}

#: Relationship types drawn without an arrow: the relation goes both ways.
SYMMETRIC = {"OVERLAPS_WITH", "COLLABORATES_WITH"}

EDGE_COLORS = {
    "FOCUSES_ON": "#f08c00",
    "HAS_SKILL": "#9775fa",
    "USES_TOOL": "#69db7c",
    "REQUIRES": "#ff8787",
    "PREREQUISITE_OF": "#4dabf7",
    "TRANSITIONS_TO": "#e64980",
    "OVERLAPS_WITH": "#adb5bd",
    "COLLABORATES_WITH": "#adb5bd",
}

#: Fixed texts of the page, per language (everything the page says that is not data).
UI: dict[str, dict[str, str]] = {
    "en": {
        "Track": "Track", "Layer": "Layer", "Skill": "Skill", "Tool": "Tool",
        "search": "Search a name or alias…", "png": "Export PNG", "reset": "Reset view",
        "nomatch": "No match", "didyoumean": "did you mean", "legend": "Legend", "details": "Details",
        "legend_hint": "Press a label to show or hide it.",
        "hint": "Click a node to see its details and neighbourhood.",
        "description": "Description", "aliases": "Aliases", "effort": "Effort", "hours": "h",
        "provenance": "Provenance", "demand": "Demand (job descriptions)", "url": "Website",
        "relationships": "Relationships", "id": "id", "steps": "Steps", "path": "Path",
        "highlighted": "highlighted", "total": "Total", "required_by": "Required by",
        "core": "core", "bonus": "bonus", "all_edges": "Show all relationships",
        "some_edges": "Show only relationships about the selection",
        "edges_legend": "Relationships", "dashed": "dashed: bonus requirement",
        "width": "thicker: more job postings ask for it",
        "planner": "Planner", "from": "Where you are", "to": "Where you want to go", "nothing": "(nothing yet)",
        "level": "Level", "entry": "entry (enough to apply)", "full": "full (every core requirement)",
        "with_bonus": "include bonus requirements", "by_demand": "entry choices by job demand",
        "hpw": "Hours per week", "know": "What you already know", "know_filter": "Filter skills and tools…",
        "plan": "Plan", "no_steps": "Nothing to learn: you already meet this level.",
        "weeks": "weeks", "week": "week", "fit": "Fit: how much of each track you have",
        "closest": "Closest MLE track", "ready": "entry-ready", "left": "h left",
        "compare": "Compare two tracks", "shared": "shared", "only": "only", "similarity": "similarity",
        "clear_known": "Clear", "known_count": "known", "plan_title": "Plan",
        "step_hours_unknown": "hours unknown", "relationship": "Relationship",
    },
    "zh": {
        "Track": "职业方向", "Layer": "能力层", "Skill": "技能", "Tool": "工具",
        "search": "搜索名称或别名…", "png": "导出 PNG", "reset": "重置视图",
        "nomatch": "无匹配", "didyoumean": "你是否要找", "legend": "图例", "details": "详情",
        "legend_hint": "点击类别以显示或隐藏。",
        "hint": "点击节点查看详情和相邻节点。",
        "description": "描述", "aliases": "别名", "effort": "学习投入", "hours": "小时",
        "provenance": "来源", "demand": "需求（职位描述）", "url": "网站",
        "relationships": "关系", "id": "id", "steps": "步骤", "path": "路径",
        "highlighted": "高亮", "total": "合计", "required_by": "被以下方向要求",
        "core": "核心", "bonus": "加分", "all_edges": "显示全部关系",
        "some_edges": "只显示与所选相关的关系",
        "edges_legend": "关系", "dashed": "虚线：加分要求",
        "width": "越粗：越多职位提到",
        "planner": "学习规划", "from": "你现在的方向", "to": "你想去的方向", "nothing": "（暂无）",
        "level": "程度", "entry": "入门（足以投递）", "full": "完整（全部核心要求）",
        "with_bonus": "包含加分要求", "by_demand": "入门选择按职位需求",
        "hpw": "每周小时数", "know": "你已经掌握的", "know_filter": "筛选技能和工具…",
        "plan": "计划", "no_steps": "无需再学：你已达到这个程度。",
        "weeks": "周", "week": "周", "fit": "匹配度：你已具备各方向的多少",
        "closest": "最接近的 MLE 方向", "ready": "可入门", "left": "小时待学",
        "compare": "比较两个方向", "shared": "共同", "only": "仅", "similarity": "相似度",
        "clear_known": "清除", "known_count": "已掌握", "plan_title": "学习计划",
        "step_hours_unknown": "学时未知", "relationship": "关系",
    },
}

#: Relationship types as the page names them, per language.
REL_NAMES: dict[str, dict[str, str]] = {
    "en": {"FOCUSES_ON": "focuses on (track → layer)", "HAS_SKILL": "has skill (layer → skill)",
           "USES_TOOL": "uses tool (skill → tool)", "REQUIRES": "requires (track → skill or tool)",
           "PREREQUISITE_OF": "prerequisite of", "TRANSITIONS_TO": "transitions to",
           "OVERLAPS_WITH": "overlaps with", "COLLABORATES_WITH": "collaborates with"},
    "zh": {"FOCUSES_ON": "侧重（方向 → 能力层）", "HAS_SKILL": "包含技能（能力层 → 技能）",
           "USES_TOOL": "使用工具（技能 → 工具）", "REQUIRES": "要求（方向 → 技能或工具）",
           "PREREQUISITE_OF": "前置于", "TRANSITIONS_TO": "可转向",
           "OVERLAPS_WITH": "重叠", "COLLABORATES_WITH": "协作"},
}


# -- the view: which nodes, where, what is highlighted ------------------------
def build_view(graph: "KnowledgeGraph", *, lang: str = "en", focus: str | None = None, depth: int = 1,
               path: tuple[str, str] | None = None, plan: tuple[str | None, str] | None = None,
               know: Iterable[str] = (), level: str = "full", with_bonus: bool = False, by_demand: bool = False,
               hours_per_week: float | None = None, via: str | Iterable[str] | None = None,
               directed: bool = False, all_paths: bool = False,
               title: str | None = None, overview_cap: int = OVERVIEW_CAP) -> dict[str, Any]:
    """Everything the page shows, as plain data (what ``render_html`` embeds).

    ``focus`` keeps the nodes within ``depth`` steps of a node; ``path`` (with
    ``via``, ``directed``, ``all_paths`` as ``kg path``) highlights shortest
    paths; ``plan`` (FROM or None, TO, with ``know``, ``level``, ``with_bonus``,
    ``by_demand``, ``hours_per_week`` as ``kg plan``) opens the page's planner
    filled in. Tools start hidden (one click away in the legend) unless
    focusing.

    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph()
    >>> g.add_node("ml", "Skill", name="ML")
    >>> g.add_node("torch", "Tool", name="PyTorch")
    >>> g.add_relationship("USES_TOOL", "ml", "torch")
    >>> v = build_view(g)
    >>> [n["id"] for n in v["nodes"]], [(e["from"], e["to"]) for e in v["edges"]], v["hidden_labels"]
    (['ml', 'torch'], [('ml', 'torch')], ['Tool'])
    """
    _check_view_options(lang, depth, path, plan, hours_per_week)
    ui = UI[lang]
    notes: list[str] = []

    keep: set[str] | None = None
    focus_id = None
    if focus is not None:
        focus_id = graph.resolve(focus)
        keep = neighbourhood(graph, focus_id, depth)
        notes.append(_focus_note(graph, focus_id, depth, len(keep), lang))

    highlight = None
    planner_state = None
    if path:
        highlight = _path_highlight(graph, *path, lang=lang, via=via, directed=directed, all_paths=all_paths)
    elif plan:
        planner_state, plan_notes = _planner_state(graph, plan, know, level, with_bonus, by_demand, hours_per_week)
        notes.extend(plan_notes)
        highlight = _plan_highlight(graph, planner_state, lang=lang)
    plan_note = None
    if highlight is not None:
        notes.append(highlight["summary"])
        if plan:
            plan_note = len(notes) - 1  # the page keeps this note in step with its planner
        if keep is not None:
            keep |= set(highlight["nodes"])

    ids = [n for n in graph.ids() if keep is None or n in keep]
    overview = len(ids) > overview_cap
    hidden_labels = _hidden_labels(graph, ids, focus_id, overview_cap)
    if overview:
        notes.append(_overview_note(len(ids), overview_cap, hidden_labels, lang))
    shown = sum(1 for n in ids if graph.label(n) not in hidden_labels)

    positions = layered_positions(graph, ids, visible=shown)
    nodes = [_node_record(graph, n, positions[n], lang, hidden=graph.label(n) in hidden_labels) for n in ids]
    edges = _edge_records(graph, set(ids))
    if highlight is not None:
        highlight["edges"] = _highlight_edges(edges, highlight)
    legend, edge_legend = _legends(graph, ids, edges, lang)
    return {
        "title": title or ("职业知识图谱" if lang == "zh" else "DS / MLE career knowledge graph"),
        "lang": lang,
        "ui": ui,
        "notes": notes,
        "overview": overview,
        "hidden_labels": hidden_labels,
        "focus": focus_id,
        "large": len(edges) > LARGE_EDGES,
        "legend": legend,
        "edge_legend": edge_legend,
        "edge_colors": EDGE_COLORS,
        "nodes": nodes,
        "edges": edges,
        "highlight": highlight,
        "model": planner_model(graph, lang),
        "planner": planner_state,
        "plan_note": plan_note,
    }


def _check_view_options(lang: str, depth: int, path: tuple[str, str] | None,
                        plan: tuple[str | None, str] | None, hours_per_week: float | None) -> None:
    if lang not in UI:
        raise KGError(f"unknown language '{lang}' (one of: {', '.join(UI)})")
    if depth < 0:
        raise KGError(f"`depth=` must be 0 or more, not {depth}")
    if path and plan:
        raise KGError("give either a path or a plan to highlight, not both")
    if hours_per_week is not None and not (hours_per_week > 0 and math.isfinite(hours_per_week)):
        raise KGError(f"`hours_per_week=` must be a number above 0, not {hours_per_week}")


def _hidden_labels(graph: "KnowledgeGraph", ids: list[str], focus_id: str | None, overview_cap: int) -> list[str]:
    """The labels the page starts with hidden: past ``overview_cap`` nodes, enough to fit;
    in the default view, tools (what a person asks about first is tracks and skills)."""
    if len(ids) > overview_cap:
        return _overview_labels(graph, ids, overview_cap)
    if focus_id is None and len(ids) > 1 and any(graph.label(n) == "Tool" for n in ids):
        return ["Tool"]
    return []


def _legends(graph: "KnowledgeGraph", ids: list[str], edges: list[dict[str, Any]],
             lang: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The node legend (every label, with counts) and the legend of the relationship types drawn."""
    counts = {lab: 0 for lab in LABELS}
    for n in ids:
        counts[graph.label(n)] = counts.get(graph.label(n), 0) + 1
    legend = [{"label": lab, "name": UI[lang].get(lab, lab), "count": c, **_style(lab)} for lab, c in counts.items()]
    present = {e["type"] for e in edges}
    edge_legend = [{"type": t, "name": REL_NAMES[lang].get(t, t), "color": c, "arrow": t not in SYMMETRIC}
                   for t, c in EDGE_COLORS.items() if t in present]
    return legend, edge_legend


def planner_model(graph: "KnowledgeGraph", lang: str = "en") -> dict[str, Any]:
    """What the page's planner (static/planner.js) needs, from the public graph API.

    Every Track, Layer, Skill and Tool (name, effort, layer), each track's
    REQUIRES in the graph's order (level, choice group, job-description
    count), hard and soft prerequisites, the tools of each skill, and the MLE
    tracks (marked in the data).

    >>> from kg.loaders.curated import load_graph
    >>> m = planner_model(load_graph())
    >>> m["requires"]["infra-mle"][0]["id"], m["nodes"]["data-pipeline"]
    ('data-pipeline', ['Skill', 'Data pipeline', 80, 1, 'data'])
    """
    nodes: dict[str, list[Any]] = {}
    for n in graph.ids():
        d = graph.props(n)
        lab = d.get("label")
        if lab not in ("Track", "Layer", "Skill", "Tool"):
            continue
        if lab == "Skill":
            layer = _layer_of(graph, n)
        elif lab == "Tool":  # a tool sits in the layer of its first skill
            first = [s for s, _ in _into(graph, n, "USES_TOOL")]
            layer = _layer_of(graph, first[0]) if first else None
        else:
            layer = None
        # [label, name, effort_hours or None, layer rank, layer or None(, 1 if from ESCO)]: arrays keep large pages small
        nodes[n] = [lab, graph.name(n, lang), graph.effort(n),
                    graph.layer_rank(layer) if lab != "Layer" else graph.layer_rank(n), layer]
        if any(p.get("source") == "esco" for p in d.get("provenance") or []):
            nodes[n].append(1)  # plan notes say "ESCO carries no learning hours" (kg.plan)
    requires: dict[str, list[dict[str, Any]]] = {}
    tracks = graph.ids("Track")
    for t in tracks:
        reqs = []
        for target, props in _out(graph, t, "REQUIRES"):
            r: dict[str, Any] = {"id": target, "level": props.get("level", "core"),
                                 "kind": graph.label(target).lower()}
            w = requirement_weight(props)
            if w != 1:
                r["weight"] = w  # how many times its hours count in coverage (default 1)
            if props.get("group") and props.get("min_of"):
                r["group"] = str(props["group"])
                r["min_of"] = int(props["min_of"])
            ev = demand(props)
            if ev:
                r["count"] = int(ev.get("count", 0))
                r["total"] = ev.get("total", "?")
            reqs.append(r)
        requires[t] = reqs
    pre: dict[str, list[list[Any]]] = {}
    tools: dict[str, list[str]] = {}
    skills: dict[str, list[str]] = {}
    for n in nodes:
        if nodes[n][0] == "Tool":
            of = [s for s, _ in _into(graph, n, "USES_TOOL")]
            if of:
                skills[n] = of
        into = [[p, props.get("strength", "hard") == "hard"] for p, props in _into(graph, n, "PREREQUISITE_OF")]
        if into:
            pre[n] = into
        if nodes[n][0] == "Skill":
            used = [t for t, _ in _out(graph, n, "USES_TOOL")]
            if used:
                tools[n] = used
    mle = [t for t in tracks if is_mle(graph, t)]
    layers = sorted(graph.ids("Layer"), key=lambda n: (graph.layer_rank(n), n))
    # Tracks on no layer (a taxonomy's occupations) order their plans essential first (kg.plan).
    by_level = [t for t in tracks if not _out(graph, t, "FOCUSES_ON")]
    return {"lang": lang, "phrases": phrases(lang), "nodes": nodes, "requires": requires, "pre": pre, "tools": tools, "skills": skills,
            "tracks": tracks, "mle": mle, "layers": layers, "by_level": by_level}


def neighbourhood(graph: "KnowledgeGraph", node_id: str, depth: int) -> set[str]:
    """The nodes at most ``depth`` relationships away from ``node_id``, either direction.

    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph()
    >>> for n in "abc": g.add_node(n, "Skill")
    >>> g.add_relationship("PREREQUISITE_OF", "a", "b"); g.add_relationship("PREREQUISITE_OF", "b", "c")
    >>> sorted(neighbourhood(g, "c", 1)), sorted(neighbourhood(g, "c", 2))
    (['b', 'c'], ['a', 'b', 'c'])
    """
    seen = {node_id: 0}
    queue = deque([node_id])
    while queue:
        n = queue.popleft()
        if seen[n] == depth:
            continue
        along, against = graph.adjacency(directed=True)
        for m in (*along(n), *against(n)):
            if m not in seen:
                seen[m] = seen[n] + 1
                queue.append(m)
    return set(seen)


def layered_positions(graph: "KnowledgeGraph", ids: Iterable[str], *, dx: float = 150.0, dy: float = 110.0,
                      band_gap: float = 230.0, visible: int | None = None) -> dict[str, tuple[float, float]]:
    """``{id: (x, y)}``: one horizontal band per label, Tracks on top, Tools at the bottom.

    Layers follow their ``order``; Skills are grouped by layer; Tools and
    Tracks sit near the skills they are linked to (barycentre), so most
    relationships run straight down. A band wider than about 1.2·√n nodes
    (n: the ``visible`` nodes the page opens on, at least 8 a row) wraps onto
    several rows, so the opening view is readable (labels about 12 px and up).

    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph()
    >>> g.add_node("t", "Track"); g.add_node("s", "Skill")
    >>> pos = layered_positions(g, ["t", "s"])
    >>> pos["t"][1] < pos["s"][1]
    True
    """
    ids = list(ids)
    per_row = max(8, math.ceil(1.2 * math.sqrt(len(ids) if visible is None else visible)))
    bands = _bands(graph, ids)
    pos = _place_bands(bands, per_row, dx, dy, band_gap)
    _centre_layers(graph, dict(bands).get("Layer", []), pos, dx)
    assert set(ids) == set(pos)
    return pos


def _bands(graph: "KnowledgeGraph", ids: list[str]) -> list[tuple[str, list[str]]]:
    """The nodes by label, top to bottom, each band in its order: layers by ``order``, skills
    by layer, tracks and tools by the mean position of the skills they link to."""
    by_label: dict[str, list[str]] = {}
    for n in ids:
        by_label.setdefault(graph.label(n), []).append(n)

    layers = sorted(by_label.get("Layer", []), key=lambda n: (graph.layer_rank(n), graph.name(n)))
    skills = sorted(by_label.get("Skill", []), key=lambda n: graph.layer_rank(_layer_of(graph, n)))
    skill_rank = {n: i / max(1, len(skills) - 1) for i, n in enumerate(skills)}

    def barycentre(neighbours: list[str]) -> float:
        xs = [skill_rank[m] for m in neighbours if m in skill_rank]
        return sum(xs) / len(xs) if xs else 2.0  # linked to no skill shown: at the end

    tools = sorted(by_label.get("Tool", []), key=lambda n: barycentre([s for s, _ in _into(graph, n, "USES_TOOL")]))
    tracks = sorted(by_label.get("Track", []), key=lambda n: barycentre([s for s, _ in _out(graph, n, "REQUIRES")]))
    bands = [("Track", tracks), ("Layer", layers), ("Skill", skills), ("Tool", tools)]
    return bands + [(lab, ns) for lab, ns in by_label.items() if lab not in LABELS]


def _place_bands(bands: list[tuple[str, list[str]]], per_row: int, dx: float, dy: float,
                 band_gap: float) -> dict[str, tuple[float, float]]:
    """Each band centred on x = 0, wrapped onto as few rows of at most ``per_row`` as it needs."""
    pos: dict[str, tuple[float, float]] = {}
    y = 0.0
    for _, band in bands:
        if not band:
            continue
        rows = math.ceil(len(band) / per_row)
        cols = math.ceil(len(band) / rows)
        for i, n in enumerate(band):
            # column by column, so that the skills of one layer (the tools of one skill) sit together
            col, row = divmod(i, rows)
            # odd rows are shifted by half a step so wrapped labels do not stack
            shift = dx / 2 if row % 2 else 0.0
            pos[n] = ((col - (cols - 1) / 2) * dx + shift - (dx / 4 if rows > 1 else 0.0), y + row * dy)
        y += (rows - 1) * dy + band_gap
    return pos


def _centre_layers(graph: "KnowledgeGraph", layers: list[str], pos: dict[str, tuple[float, float]],
                   dx: float) -> None:
    """Move each layer above the middle of its skills, at least one column right of the one before."""
    xs = []
    for n in layers:
        mine = [pos[s][0] for s, _ in _out(graph, n, "HAS_SKILL") if s in pos]
        xs.append(sum(mine) / len(mine) if mine else pos[n][0])
    for i in range(1, len(xs)):
        xs[i] = max(xs[i], xs[i - 1] + dx)
    for n, x in zip(layers, xs):
        pos[n] = (x, pos[n][1])


# The page reads a node's relationships many times over: out/into read networkx's adjacency
# dicts directly (a view per call was most of the generation time at 20,000 nodes).
def _into(graph: "KnowledgeGraph", n: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
    return graph.into(n, rel_type)


def _out(graph: "KnowledgeGraph", n: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
    return graph.out(n, rel_type)


def _layer_of(graph: "KnowledgeGraph", skill: str) -> str | None:
    layers = _into(graph, skill, "HAS_SKILL")
    return layers[0][0] if layers else None


def _style(label: str) -> dict[str, Any]:
    return LABEL_STYLE.get(label, OTHER_STYLE)


def _node_record(graph: "KnowledgeGraph", n: str, xy: tuple[float, float], lang: str, hidden: bool) -> dict[str, Any]:
    d = graph.props(n)
    rec: dict[str, Any] = {
        "id": n,
        "label": d["label"],
        "name": graph.name(n, lang),
        "x": round(xy[0], 1),
        "y": round(xy[1], 1),
    }
    other = d.get("name") if lang == "zh" else d.get("name_zh")
    if other and other != rec["name"]:
        rec["other_name"] = other
    if d.get("aliases"):
        rec["aliases"] = [str(a) for a in d["aliases"]]
    if d.get("description"):
        rec["description"] = str(d["description"])
    if d.get("effort_hours") is not None:
        rec["effort_hours"] = d["effort_hours"]
    if d.get("url"):
        rec["url"] = str(d["url"])
    if d.get("provenance"):
        rec["provenance"] = [provenance_summary(p) for p in d["provenance"]]
    wanted = _demand(graph, n, lang)
    if wanted:
        rec["demand"] = wanted
    required_by = [[t, str(p.get("level", "core"))] for t, p in _into(graph, n, "REQUIRES")]
    if required_by:
        rec["required_by"] = required_by
    if hidden:
        rec["hidden"] = True
    return rec


def _demand(graph: "KnowledgeGraph", n: str, lang: str) -> list[str]:
    """Job-description evidence (the latest, as everywhere: ``kg.model.demand``) on the REQUIRES relationships at a node."""
    lines = []
    rels = [(s, n, d) for s, d in _into(graph, n, "REQUIRES")] + [(n, e, d) for e, d in _out(graph, n, "REQUIRES")]
    for start, end, d in rels:
        ev = demand(d)
        if ev:
            other = end if start == n else start
            lines.append(f"{graph.name(other, lang)}: {ev.get('count', '?')}/{ev.get('total', '?')}")
    return lines


def _edge_records(graph: "KnowledgeGraph", inside: set[str]) -> list[dict[str, Any]]:
    edges: list[dict[str, Any]] = []
    for start, end, d in graph.relationships():
        key = d["type"]
        if start not in inside or end not in inside:
            continue
        rec: dict[str, Any] = {"id": len(edges), "from": start, "to": end, "type": key}
        if d.get("level"):
            rec["level"] = d["level"]
        prov = d.get("provenance") or []
        if prov:
            rec["provenance"] = [provenance_summary(p) for p in prov]
        share = [p["evidence"] for p in prov if p.get("source") == "jd" and (p.get("evidence") or {}).get("total")]
        if share:
            rec["demand"] = round(max(e.get("count", 0) / e["total"] for e in share), 3)
        edges.append(rec)
    return edges


def _highlight_edges(edges: list[dict[str, Any]], highlight: dict[str, Any]) -> list[int]:
    wanted = set(highlight.pop("rels"))
    return [e["id"] for e in edges if (e["from"], e["type"], e["to"]) in wanted]


def _path_highlight(graph: "KnowledgeGraph", a: str, b: str, lang: str, via: str | Iterable[str] | None = None,
                    directed: bool = False, all_paths: bool = False) -> dict[str, Any]:
    from kg.paths import find_path

    found = find_path(graph, a, b, via=via, directed=directed, all_paths=all_paths, lang=lang)
    paths = found.get("paths") or [found]
    ids = list(dict.fromkeys(n["id"] for p in paths for n in p["nodes"]))
    rels = list(dict.fromkeys((r["start"], r["type"], r["end"]) for p in paths for r in p["relationships"]))
    names = " → ".join(graph.name(n["id"], lang) for n in found["nodes"])
    word = "路径" if lang == "zh" else "Path"
    summary = f"{word}: {names} ({found['length']})"
    if len(paths) > 1:
        summary += f"，共 {len(paths)} 条最短路径" if lang == "zh" else f", one of {len(paths)} shortest paths"
    return {"kind": "path", "nodes": ids, "rels": rels, "numbers": {}, "summary": summary, "steps": [],
            "paths": [[n["id"] for n in p["nodes"]] for p in paths]}


def _planner_state(graph: "KnowledgeGraph", plan: tuple[str | None, str], know: Iterable[str], level: str,
                   with_bonus: bool, by_demand: bool,
                   hours_per_week: float | None) -> tuple[dict[str, Any], list[str]]:
    """The planner's inputs as ids (what the page opens with), and a warning per unknown --know name.

    ``know`` is read by the person model's ``known_set`` (a track stands for its
    core requirements), so the page ticks exactly the skills and tools ``kg plan`` counts.
    """
    from kg.person import known_set
    from kg.plan import LEVELS

    if level not in LEVELS:
        raise KGError(f"unknown level '{level}' (one of: {', '.join(LEVELS)})")
    a, b = plan
    source = graph.resolve(a, "Track") if a and str(a).strip() else None
    target = graph.resolve(b, "Track")
    known = known_set(graph, know)
    state = {"from": source, "to": target, "know": sorted(known.ids), "level": level, "bonus": with_bonus,
             "by_demand": by_demand, "hpw": hours_per_week}
    return state, list(known.warnings)


def _plan_highlight(graph: "KnowledgeGraph", state: dict[str, Any], lang: str) -> dict[str, Any]:
    """The plan as ``kg plan`` makes it: its steps (ids in order) and a summary line."""
    from kg.plan import make_plan

    plan = make_plan(graph, state["from"], state["to"], know=state["know"], level=state["level"],
                     with_bonus=state["bonus"], by_demand=state["by_demand"], lang=lang)
    start, end = plan["from"], plan["to"]
    ids: list[str] = [n for n in (start, end) if n]
    numbers: dict[str, int] = {}
    steps = []
    for i, step in enumerate(plan["steps"], start=1):
        sid = step.get("id") or step.get("skill")
        numbers[sid] = i
        ids.append(sid)
        hours = step.get("hours", step.get("effort_hours"))
        steps.append({"n": i, "id": sid, "hours": hours})
    ids = list(dict.fromkeys(ids))
    hours = plan.get("total_hours")
    n = len(steps)
    head = f"{graph.name(start, lang)} → " if start else ""
    if lang == "zh":
        summary = f"学习计划：{head}{graph.name(end, lang)}，{n} 步，共 {_num(hours)} 小时"
    else:
        summary = f"Plan: {head}{graph.name(end, lang)}, {n} step{'s' if n != 1 else ''}, {_num(hours)} h"
    return {"kind": "plan", "nodes": ids, "rels": [], "numbers": numbers, "summary": summary, "steps": steps}


def _num(x: Any) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _focus_note(graph: "KnowledgeGraph", n: str, depth: int, count: int, lang: str) -> str:
    if lang == "zh":
        return f"聚焦：{graph.name(n, lang)}，深度 {depth}：显示 {count} / {len(graph)} 个节点"
    return f"Focus: {graph.name(n, lang)}, depth {depth}: {count} of {len(graph)} nodes"


def _overview_labels(graph: "KnowledgeGraph", ids: list[str], cap: int) -> list[str]:
    """Labels to hide, from the bottom of the chain up, until at most ``cap`` nodes show."""
    counts: dict[str, int] = {}
    for n in ids:
        counts[graph.label(n)] = counts.get(graph.label(n), 0) + 1
    shown, hidden = len(ids), []
    for lab in reversed(LABELS):
        if shown <= cap:
            break
        if counts.get(lab):
            hidden.append(lab)
            shown -= counts[lab]
    return hidden


def _overview_note(total: int, cap: int, hidden: list[str], lang: str) -> str:
    names = ", ".join(UI[lang][h] for h in hidden)
    if lang == "zh":
        return f"概览：{total} 个节点超过上限 {cap}，已隐藏 {names}。点击图例显示，或用 `focus=` 指定节点查看局部。"
    return (f"Overview: {total:,} nodes is above the {cap:,} cap, so {names} nodes start hidden. "
            f"Click the legend to show them, or give `focus=` a node for a detailed view.")


# -- the page ---------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def _vis_js() -> str:
    """vis-network's standalone build, read from the pyvis package without importing pyvis."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise KGError("pyvis is not installed; `pip install pyvis==0.3.2` (it ships vis-network)")
    path = Path(list(spec.submodule_search_locations)[0]).joinpath(*VIS_JS)
    if not path.is_file():
        raise KGError(f"vis-network not found at {path}; `pip install pyvis==0.3.2`, which ships it")
    text = path.read_text(encoding="utf-8")
    if "</script" in text.lower():
        raise KGError(f"{path} cannot be inlined: it contains '</script'")
    return text


@functools.lru_cache(maxsize=None)
def _asset(*parts: str) -> str:
    return resources.files("kg.viz").joinpath(*parts).read_text(encoding="utf-8")


def script_json(obj: Any) -> str:
    """JSON that is inert inside an HTML ``<script>`` element (no ``<``, ``>`` or ``&`` left).

    >>> script_json({"name": "</script><img src=x onerror=alert(1)>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(graph: "KnowledgeGraph", **options: Any) -> str:
    """The whole page as a string; ``options`` are those of ``build_view``.

    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph()
    >>> g.add_node("x", "Skill", name="<b>bold</b>")
    >>> page = render_html(g)
    >>> "<b>bold" in page, "\\\\u003cb\\\\u003ebold" in page, "https://" in page.split("<script")[0]
    (False, True, False)
    """
    return _render(graph, **options)[0]


def _render(graph: "KnowledgeGraph", **options: Any) -> tuple[str, dict[str, Any]]:
    from jinja2 import Environment
    from markupsafe import Markup

    wording = options.pop("wording", None)  # the caller's words for the notes (the CLI's flags)
    view = build_view(graph, **options)
    if wording is not None:
        view["notes"] = [wording(note) for note in view["notes"]]
    model = view.pop("model")  # its own element, parsed by the page after the first draw
    app_js = _asset("static", "explorer.js")
    planner_js = _asset("static", "planner.js")
    vis_js = _vis_js()
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_asset("templates", "page.html"))
    page = template.render(
        title=view["title"],
        lang="zh-CN" if view["lang"] == "zh" else "en",
        notes=view["notes"],
        ui=view["ui"],
        css=Markup(_asset("static", "explorer.css")),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
        planner_js=Markup(planner_js),
        data=Markup(script_json(view)),
        model=Markup(script_json(model)),
        script_hashes=" ".join(_csp_hash(s) for s in (vis_js, planner_js, app_js)),
    )
    return page, view


def write_html(graph: "KnowledgeGraph", output: str | Path = "graph.html", **options: Any) -> dict[str, Any]:
    """Write the page to ``output``; return a summary (path, node and edge counts, size).

    >>> import tempfile, os
    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph(); g.add_node("x", "Skill")
    >>> out = os.path.join(tempfile.mkdtemp(), "g.html")
    >>> s = write_html(g, out)
    >>> s["nodes"], s["edges"], s["overview"]
    (1, 0, False)
    """
    out = Path(output)
    if out.is_dir():
        raise KGError(f"{out} is a directory; give a file name such as {out / 'graph.html'}")
    if not out.parent.exists():  # said before the page is made
        raise WriteError(f"cannot write {out}: folder {out.parent} does not exist")
    page, view = _render(graph, **options)
    from kg.atomic import write_file  # whole or not at all: a full disk keeps the old page

    write_file(out, page)
    hl = view["highlight"]
    return {
        "output": str(out),
        "bytes": len(page.encode("utf-8")),
        "nodes": len(view["nodes"]),
        "edges": len(view["edges"]),
        "overview": view["overview"],
        "hidden_labels": view["hidden_labels"],
        "focus": view["focus"],
        "highlight": None if hl is None else {"kind": hl["kind"], "nodes": hl["nodes"]},
        "planner": view["planner"],
        "notes": view["notes"],
    }
