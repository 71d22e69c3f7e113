"""Load the packaged curated graph and users' YAML data files, all or nothing."""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

import networkx as nx
import yaml

from kg.errors import DataError
from kg.model import REL_TYPES, REQUIRES_TARGETS, CollectorPaused, KnowledgeGraph

PACKAGED = "graph.yaml"
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
#: Characters no text in a data file may hold: C0 and C1 controls (tab and newline aside), DEL,
#: surrogates and non-characters. Names may not hold tabs or newlines either.
_BAD_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BAD_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: Fields that are names (one line of printable text); other text fields may span lines.
NAME_FIELDS = ("name", "name_zh", "aliases", "url", "group", "layer", "source", "documents")
#: Nesting deeper than this is not a data file (the schema needs six levels).
MAX_DEPTH = 64
#: YAML aliases may make a file at most this many values larger than it is written.
ALIAS_BUDGET = 10_000
#: The largest number a data file may hold (effort hours, weights, counts).
MAX_NUMBER = 1_000_000_000
#: The keys of a relationship's or node's ``evidence`` map, and what each holds.
EVIDENCE_KEYS = ("count", "total", "track", "documents")

#: Top-level section -> node label.
SECTIONS = {"layers": "Layer", "skills": "Skill", "tools": "Tool", "tracks": "Track"}
PROVENANCE_FIELDS = ("source", "quote", "reason", "evidence", "release")
#: A node's link to ESCO: the concept it is (``esco_uri``), a track's closest occupation, and why.
ESCO_FIELDS = ("esco_uri", "esco_occupation", "esco_reason")
ESCO_URI = re.compile(r"^http://data\.europa\.eu/esco/(skill|occupation|isco|isced-f)/[A-Za-z0-9][A-Za-z0-9._-]*$")
COMMON_FIELDS = ("id", "name", "name_zh", "aliases", "description", *PROVENANCE_FIELDS)
LABEL_FIELDS = {
    "Layer": ("order",),
    "Skill": ("layer", "effort_hours"),
    "Tool": ("skills", "url", "effort_hours"),
    "Track": ("requires", "mle"),
}
#: Properties each relationship type may carry (besides provenance).
REL_PROPS: dict[str, tuple[str, ...]] = {
    "FOCUSES_ON": ("weight",),
    "HAS_SKILL": (),
    "USES_TOOL": (),
    "REQUIRES": ("level", "group", "min_of", "weight"),
    "PREREQUISITE_OF": ("strength",),
    "TRANSITIONS_TO": (),
    "OVERLAPS_WITH": (),
    "COLLABORATES_WITH": (),
}
CHOICES = {"level": ("core", "bonus"), "strength": ("hard", "soft")}
#: Properties a new relationship of a type gets when the file does not give them.
DEFAULTS: dict[str, dict[str, Any]] = {"REQUIRES": {"level": "core"}, "PREREQUISITE_OF": {"strength": "hard"}}


@dataclass
class Problem:
    """One thing wrong with a data file, where it is and how to fix it."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class NodeRecord:
    label: str
    id: str
    props: dict[str, Any]
    provenance: dict[str, Any]
    line: int
    where: str
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class RelRecord:
    type: str
    start: str
    end: str
    props: dict[str, Any]
    provenance: dict[str, Any]
    line: int
    where: str


@dataclass
class Parsed:
    file: str
    nodes: list[NodeRecord] = field(default_factory=list)
    rels: list[RelRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class LinedMap(dict):
    """A YAML mapping that remembers the line of itself and of each key."""

    line = 0
    lines: dict[str, int]


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader (libyaml's when present: ten times faster) whose mappings know their lines."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LinedMap:
    loader.flatten_mapping(node)
    m = LinedMap()
    m.line = node.start_mark.line + 1
    m.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in m:
            raise yaml.MarkedYAMLError("while reading a mapping", node.start_mark,
                                       f"duplicate key {key!r}", key_node.start_mark)
        m[key] = loader.construct_object(value_node, deep=True)
        m.lines[key] = key_node.start_mark.line + 1
    return m


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)  # type: ignore[arg-type]


class ShapeError(yaml.YAMLError):
    """A YAML document nested too deep, or whose aliases expand it too far (``line``, ``message``)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def load_yaml(text: str) -> Any:
    """A YAML document from someone else, safely: the safe loader (mappings know their
    lines), after checking its shape — ``ShapeError`` for an alias bomb or deep nesting,
    which would otherwise eat memory or crash the parser. Other problems raise PyYAML's errors.

    >>> load_yaml("a: [1, 2]")
    {'a': [1, 2]}
    >>> load_yaml("a: " + "[" * 80 + "]" * 80)
    Traceback (most recent call last):
    ...
    kg.loaders.curated.ShapeError: nested deeper than 64 levels
    """
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        refusal = _shape_problem(node)
        if refusal is not None:
            raise ShapeError(*refusal)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def yaml_problem(e: yaml.YAMLError, text: str) -> tuple[int, str, str]:
    """Why :func:`load_yaml` could not read ``text``, as ``Problem``'s ``(line, field, message)``
    (line 0 when unknown, no field): the one wording for data files and profiles.

    >>> try:
    ...     load_yaml("a: [1\\nb: 2")
    ... except yaml.YAMLError as e:
    ...     yaml_problem(e, "")
    (2, '', "not valid YAML: did not find expected ',' or ']'")
    """
    if isinstance(e, ShapeError):
        return e.line, "", e.message
    if isinstance(e, yaml.MarkedYAMLError):
        mark = e.problem_mark or e.context_mark
        return (mark.line + 1 if mark else 0), "", f"not valid YAML: {e.problem or e.context}"
    if isinstance(e, yaml.reader.ReaderError):
        line = text.count("\n", 0, e.position) + 1
        if isinstance(e.character, int):
            return line, "", (f"not valid YAML: character U+{e.character:04X} is not allowed in YAML "
                              "(a control character): remove it")
        return line, "", f"not valid YAML: {e.reason}"
    first = next((ln.strip() for ln in str(e).splitlines() if ln.strip()), type(e).__name__)
    return 0, "", f"not valid YAML: {first}"


def _shape_problem(root: yaml.Node) -> tuple[int, str] | None:
    """``(line, message)`` when a composed YAML document nests too deep, refers to
    itself, or has aliases that expand it far beyond its written size (an alias
    bomb); None when it is fine. Linear in the written size, whatever the aliases.

    Most documents have no aliases: one lean walk that meets no node twice and
    no path longer than ``MAX_DEPTH`` proves the document a tree of fine depth
    (ESCO-sized: 2.4 s -> 0.6 s). Anything else, at the first node met twice or
    too deep, is measured exactly by ``_shape_problem_exact``.

    >>> _shape_problem(yaml.compose("{a: &x [1, 2], b: *x}")) is None
    True
    """
    seen: set[int] = set()
    scalar, sequence, mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    pop, push, mark = stack.pop, stack.append, seen.add
    while stack:
        node, depth = pop()
        key = id(node)
        if key in seen or depth > MAX_DEPTH:
            return _shape_problem_exact(root)
        mark(key)
        kind = type(node)
        if kind is scalar:
            continue
        depth += 1
        if kind is sequence:
            for child in node.value:
                push((child, depth))
        elif kind is mapping:
            for k, v in node.value:
                push((k, depth))
                push((v, depth))
        else:
            return _shape_problem_exact(root)
    return None


def _shape_problem_exact(root: yaml.Node) -> tuple[int, str] | None:
    """``_shape_problem`` for any document: sizes and heights of every node, each node once."""
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    open_nodes: set[int] = set()
    reused: yaml.Node | None = None
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            size[key] = 1 + sum(size[id(c)] for c in children)
            height[key] = 1 + max((height[id(c)] for c in children), default=0)
            open_nodes.discard(key)
            if height[key] > MAX_DEPTH:
                return node.start_mark.line + 1, f"nested deeper than {MAX_DEPTH} levels"
            continue
        if key in size:
            reused = reused or node
            continue
        if key in open_nodes:
            return node.start_mark.line + 1, "a YAML alias refers to the anchor it is inside of"
        open_nodes.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in size:  # measured already: met again
                reused = reused or child
            else:
                stack.append((child, False))
    expanded, written = size[id(root)], len(size)
    if reused is not None and expanded > written + ALIAS_BUDGET:  # only a value used again expands a file
        return reused.start_mark.line + 1, (f"YAML aliases expand the file to {expanded:,} values, written as "
                                            f"{written:,} (at most {ALIAS_BUDGET:,} more allowed): write the "
                                            "values out instead")
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def article_text() -> str:
    """The source article shipped with the package (quotes are checked against it)."""
    return resources.files("kg.data").joinpath("article.txt").read_text(encoding="utf-8")


def packaged_text() -> str:
    return resources.files("kg.data").joinpath(PACKAGED).read_text(encoding="utf-8")


# -- parsing: text -> records, every problem found ---------------------------


def parse_data(text: str, filename: str, default_source: str | None = None,
               article: str | None = None) -> Parsed:
    """Parse one data file's text into node and relationship records.

    ``default_source`` is the provenance of facts that name none (a user
    file's name); ``None`` makes a missing ``source`` a problem.

    >>> p = parse_data("tools:\\n  - id: polars\\n    name: Polars\\n    skills: [data-analysis]\\n", "my.yaml", "my.yaml")
    >>> [(n.label, n.id) for n in p.nodes], [(r.type, r.start, r.end) for r in p.rels], p.problems
    ([('Tool', 'polars')], [('USES_TOOL', 'data-analysis', 'polars')], [])
    >>> print(parse_data("tools:\\n  - id: Polars\\n", "my.yaml", "my.yaml").problems[0])
    my.yaml:2: tools[0].id: 'Polars' is not a valid id (lowercase letters, digits and '-')
    """
    out = Parsed(filename)
    try:
        doc = load_yaml(text)
    except yaml.YAMLError as e:
        out.problems.append(Problem(filename, *yaml_problem(e, text)))
        return out
    if doc is None:
        return out
    if not isinstance(doc, LinedMap):
        out.problems.append(Problem(filename, 1, "", "the file must be a mapping with layers/skills/tools/tracks/relationships"))
        return out
    checker = _FileChecker(out, default_source, article)
    for key, value in doc.items():
        line = doc.lines.get(key, 0)
        if key == "version":
            if value != 1:
                checker.problem(line, "version", f"unsupported version {value!r} (this mle-kg reads version 1)")
        elif key in SECTIONS:
            for i, entry in enumerate(checker.listof(value, line, key)):
                checker.node(SECTIONS[key], entry, f"{key}[{i}]", line)
        elif key == "relationships":
            for i, entry in enumerate(checker.listof(value, line, key)):
                checker.relationship(entry, f"relationships[{i}]", line)
        else:
            checker.problem(line, str(key), f"unknown section (expected one of: version, {', '.join(SECTIONS)}, relationships)")
    seen: dict[str, NodeRecord] = {}
    for n in out.nodes:
        if n.id in seen:
            checker.problem(n.line, f"{n.where}.id", f"duplicate id '{n.id}' (first at line {seen[n.id].line})")
        seen[n.id] = n
    return out


def _bad_text(field: str, text: str) -> str | None:
    r"""Why ``text`` cannot be the value of ``field`` (a control character…), or None.

    >>> _bad_text("name", "Spark\x1b[2J"), _bad_text("description", "two\nlines")
    ('contains a control character (U+001B) at position 6: write printable text', None)
    """
    bad = (_BAD_IN_NAME if field in NAME_FIELDS else _BAD_IN_TEXT).search(text)
    if bad is None:
        return None
    return f"contains a control character (U+{ord(bad.group()):04X}) at position {bad.start() + 1}: write printable text"


def _evidence_problem(ev: Any) -> str | None:
    """Why an ``evidence`` value is not ``{count, total, track, documents}``, or None.

    >>> _evidence_problem({"count": 2, "total": 3, "track": "ds", "documents": ["a.md", "b.md"]})
    >>> _evidence_problem({"count": 2, "docs": {"x": 1}})
    "unknown key 'docs' (allowed: count, total, track, documents)"
    """
    def number(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_NUMBER

    if not isinstance(ev, dict) or not number(ev.get("count")):
        return "must be a mapping with a whole-number count"
    for k, v in ev.items():
        if k not in EVIDENCE_KEYS:
            return f"unknown key {k!r} (allowed: {', '.join(EVIDENCE_KEYS)})"
        if k == "total" and not (number(v) and v >= ev["count"]):
            return f"total must be a whole number ≥ count, not {v!r}"
        if k == "track" and not (isinstance(v, str) and SLUG.fullmatch(v)):
            return f"track must be a track id, not {v!r}"
        if k == "documents":
            if not (isinstance(v, list) and all(isinstance(d, str) and d for d in v)):
                return "documents must be a list of document names"
            if any(_bad_text("documents", d) for d in v):
                return "documents: " + next(str(_bad_text("documents", d)) for d in v if _bad_text("documents", d))
    return None


class _FileChecker:
    """Checks the entries of one data file as it reads them: each becomes a record in ``out``,
    each problem a ``Problem`` in ``out.problems``; ``default_source`` is the provenance of entries
    that give none, ``article`` the text article quotes must occur in."""

    def __init__(self, out: Parsed, default_source: str | None, article: str | None) -> None:
        self.out = out
        self.default_source = default_source
        self.article = article

    def problem(self, line: int, fld: str, message: str) -> None:
        self.out.problems.append(Problem(self.out.file, line, fld, message))

    def listof(self, value: Any, line: int, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(line, where, "must be a list")
            return []
        return value

    def mapping(self, entry: Any, where: str, line: int) -> LinedMap | None:
        if not isinstance(entry, dict):
            self.problem(line, where, "must be a mapping (key: value lines)")
            return None
        return entry  # type: ignore[return-value]

    def provenance(self, m: LinedMap, where: str, inherited: dict[str, Any] | None = None) -> dict[str, Any]:
        """The provenance record of an entry, checked."""
        rec: dict[str, Any]
        if "source" not in m:
            if any(k in m for k in ("quote", "reason", "evidence")) and self.default_source:
                rec = {"source": self.default_source}
            elif inherited is not None:
                return inherited
            elif self.default_source is not None:
                return {"source": self.default_source}
            else:
                self.problem(m.line, f"{where}.source", "missing provenance (source: article|curated|jd)")
                return {}
        else:
            rec = {"source": m["source"]}
        src: Any = rec["source"]
        line = m.lines.get("source", m.line)
        if not isinstance(src, str) or not src:
            self.problem(line, f"{where}.source", "must be text")
            return {}
        if bad := _bad_text("source", src):
            self.problem(line, f"{where}.source", bad)
            return {}
        for k in ("quote", "reason"):
            if k in m:
                if not isinstance(m[k], str) or not m[k].strip():
                    self.problem(m.lines[k], f"{where}.{k}", "must be non-empty text")
                elif bad := _bad_text(k, m[k]):
                    self.problem(m.lines[k], f"{where}.{k}", bad)
                else:
                    rec[k] = m[k]
        if "evidence" in m:
            ev = m["evidence"]
            wrong = _evidence_problem(ev)
            if wrong:
                self.problem(m.lines["evidence"], f"{where}.evidence", wrong)
            else:
                rec["evidence"] = {k: (list(v) if isinstance(v, list) else v) for k, v in ev.items()}
        if src == "article":
            if "quote" not in rec:
                self.problem(line, f"{where}.quote", "a fact from the article must quote it")
            elif self.article is not None and rec["quote"] not in self.article:
                self.problem(m.lines.get("quote", line), f"{where}.quote", "not found verbatim in the article")
        elif src == "curated" and "reason" not in rec:
            self.problem(line, f"{where}.reason", "a curated fact must give a reason")
        elif src == "jd" and "evidence" not in rec:
            self.problem(line, f"{where}.evidence", "a fact from job descriptions must give its evidence")
        elif src == "esco":
            if not isinstance(m.get("release"), str) or not m["release"].strip():
                self.problem(m.lines.get("release", line), f"{where}.release",
                             "a fact from ESCO must name its release (e.g. release: v1.2.0)")
            else:
                rec["release"] = m["release"]
        return rec

    def check_value(self, key: str, value: Any, line: int, where: str) -> bool:
        fld = f"{where}.{key}"
        if key in ("esco_uri", "esco_occupation"):
            kind = "occupation" if key == "esco_occupation" else None
            match = ESCO_URI.match(value) if isinstance(value, str) else None
            ok = match is not None and (kind is None or match.group(1) == kind)
            if not ok:
                example = f"http://data.europa.eu/esco/{kind or 'skill'}/<id>"
                self.problem(line, fld, f"must be an ESCO {kind or 'concept'} URI ({example}), not {value!r}")
            return ok
        if key in ("name", "name_zh", "description", "url", "group", "layer", "esco_reason"):
            ok = isinstance(value, str) and (key not in ("name", "layer") or bool(value.strip()))
            if not ok:
                self.problem(line, fld, "must be text")
            elif bad := _bad_text(key, value):
                self.problem(line, fld, bad)
                return False
            return ok
        if key == "aliases":
            ok = isinstance(value, list) and all(
                isinstance(a, (str, int)) and not isinstance(a, bool) and str(a).strip() for a in value)
            if not ok:
                self.problem(line, fld, "must be a list of names")
            elif bad := next((why for a in value if (why := _bad_text(key, str(a)))), None):
                self.problem(line, fld, bad)
                return False
            return ok
        if key in ("effort_hours", "weight"):
            ok = (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
                  and 0 <= value <= MAX_NUMBER)
            if not ok:
                self.problem(line, fld, f"must be a finite number from 0 to {MAX_NUMBER:,}, not {value!r}")
            return ok
        if key == "mle":
            ok = isinstance(value, bool)
            if not ok:
                self.problem(line, fld, f"must be true or false, not {value!r}")
            return ok
        if key in ("order", "min_of"):
            ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_NUMBER
            if not ok:
                self.problem(line, fld, f"must be a whole number ≥ 1, not {value!r}")
            return ok
        if key in CHOICES:
            ok = value in CHOICES[key]
            if not ok:
                self.problem(line, fld, f"must be one of {', '.join(CHOICES[key])}, not {value!r}")
            return ok
        return True

    def node(self, label: str, entry: Any, where: str, line: int) -> None:
        m = self.mapping(entry, where, line)
        if m is None:
            return
        node_id = m.get("id")
        if not isinstance(node_id, str) or not SLUG.fullmatch(node_id):
            if node_id is None:
                self.problem(m.line, f"{where}.id", "missing id")
            else:
                self.problem(m.lines.get("id", m.line), f"{where}.id",
                             f"{node_id!r} is not a valid id (lowercase letters, digits and '-')")
            return
        allowed = COMMON_FIELDS + LABEL_FIELDS[label] + tuple(f for f in ESCO_FIELDS if label != "Layer"
                                                              and (f != "esco_occupation" or label == "Track"))
        props: dict[str, Any] = {}
        for key, value in m.items():
            kline = m.lines.get(key, m.line)
            if key not in allowed:
                self.problem(kline, f"{where}.{key}", f"unknown field for a {label} (allowed: {', '.join(allowed)})")
            elif key in ("id", *PROVENANCE_FIELDS, "skills", "requires"):
                continue
            elif self.check_value(key, value, kline, where):
                props[key] = [str(a) for a in value] if key == "aliases" else value
        self.esco_link(m, props, where)
        prov = self.provenance(m, where)
        self.out.nodes.append(NodeRecord(label, node_id, props, prov, m.line, where, dict(m.lines)))
        if label == "Skill" and "layer" in props:
            self.out.rels.append(RelRecord("HAS_SKILL", props.pop("layer"), node_id, {}, prov,
                                           m.lines["layer"], f"{where}.layer"))
        if label == "Tool":
            for i, item in enumerate(self.listof(m.get("skills"), m.lines.get("skills", m.line), f"{where}.skills")):
                self.inline(item, "skill", "USES_TOOL", node_id, f"{where}.skills[{i}]",
                            m.lines.get("skills", m.line), prov, reverse=True)
        if label == "Track":
            for i, item in enumerate(self.listof(m.get("requires"), m.lines.get("requires", m.line), f"{where}.requires")):
                self.inline(item, "skill", "REQUIRES", node_id, f"{where}.requires[{i}]",
                            m.lines.get("requires", m.line), prov, reverse=False)

    def esco_link(self, m: LinedMap, props: dict[str, Any], where: str) -> None:
        """A crosswalk link to ESCO is curated: it must say why (ESCO's own nodes need not)."""
        linked = [k for k in ("esco_uri", "esco_occupation") if k in props]
        if linked and m.get("source") != "esco" and "esco_reason" not in props:
            self.problem(m.lines[linked[0]], f"{where}.esco_reason", "a link to ESCO must give its reason (esco_reason)")

    def inline(self, item: Any, key: str, rel_type: str, node_id: str, where: str, line: int,
               prov: dict[str, Any], reverse: bool) -> None:
        """A relationship written inside a node entry (`skills:` or `requires:`)."""
        props: dict[str, Any] = {}
        if isinstance(item, str):
            other, rel_prov, rline = item, prov, line
        else:
            im = self.mapping(item, where, line)
            if im is None:
                return
            rline = im.line
            named = im.get(key)
            if not isinstance(named, str) or not named:
                self.problem(im.line, f"{where}.{key}", f"missing {key}")
                return
            other = named
            for k, v in im.items():
                if k == key or k in PROVENANCE_FIELDS:
                    continue
                if k not in REL_PROPS[rel_type]:
                    self.problem(im.lines[k], f"{where}.{k}", f"unknown field (allowed: {key}, {', '.join(REL_PROPS[rel_type] + PROVENANCE_FIELDS)})")
                elif self.check_value(k, v, im.lines[k], where):
                    props[k] = v
            rel_prov = self.provenance(im, where, inherited=prov)
        start, end = (other, node_id) if reverse else (node_id, other)
        self.out.rels.append(RelRecord(rel_type, start, end, props, rel_prov, rline, where))

    def relationship(self, entry: Any, where: str, line: int) -> None:
        m = self.mapping(entry, where, line)
        if m is None:
            return
        missing = [k for k in ("type", "from", "to") if not isinstance(m.get(k), str) or not m.get(k)]
        if missing:
            self.problem(m.line, f"{where}.{missing[0]}", f"missing {missing[0]}")
            return
        rel_type = m["type"]
        if rel_type not in REL_TYPES:
            self.problem(m.lines["type"], f"{where}.type",
                         f"unknown relationship type {rel_type!r} (one of: {', '.join(REL_TYPES)})")
            return
        props: dict[str, Any] = {}
        for k, v in m.items():
            if k in ("type", "from", "to") or k in PROVENANCE_FIELDS:
                continue
            if k not in REL_PROPS[rel_type]:
                allowed = ", ".join(("type", "from", "to") + REL_PROPS[rel_type] + PROVENANCE_FIELDS)
                self.problem(m.lines[k], f"{where}.{k}", f"unknown field for {rel_type} (allowed: {allowed})")
            elif self.check_value(k, v, m.lines[k], where):
                props[k] = v
        prov = self.provenance(m, where)
        self.out.rels.append(RelRecord(rel_type, m["from"], m["to"], props, prov, m.line, where))


# -- checking records against the graph they extend --------------------------


def check_references(parsed: Parsed, graph: KnowledgeGraph) -> list[Problem]:
    """Problems with what the records refer to: unknown ids, wrong labels, new nodes without essentials."""
    problems: list[Problem] = []
    labels: dict[str, str] = {n: graph.label(n) for n in graph.ids()}
    for n in parsed.nodes:
        old = labels.get(n.id)
        if old is not None and old != n.label:
            problems.append(Problem(parsed.file, n.line, f"{n.where}.id", f"'{n.id}' is already a {old}, not a {n.label}"))
            continue
        if old is None:
            labels[n.id] = n.label
            if "name" not in n.props:
                problems.append(Problem(parsed.file, n.line, f"{n.where}.name", f"new {n.label.lower()} '{n.id}' needs a name"))
    problems += _name_collisions(parsed, graph)
    new_skills_with_layer = {r.end for r in parsed.rels if r.type == "HAS_SKILL"}
    new_tools_with_skill = {r.end for r in parsed.rels if r.type == "USES_TOOL"}
    for n in parsed.nodes:
        if n.id in graph:
            continue
        # A taxonomy's skills have no layer: they say so rather than get one invented.
        if n.label == "Skill" and n.id not in new_skills_with_layer and n.provenance.get("source") != "esco":
            problems.append(Problem(parsed.file, n.line, f"{n.where}.layer", f"skill '{n.id}' has no layer"))
        if n.label == "Tool" and n.id not in new_tools_with_skill:
            problems.append(Problem(parsed.file, n.line, f"{n.where}.skills", f"tool '{n.id}' is linked to no skill"))
    for r in parsed.rels:
        want_start, want_end = REL_TYPES[r.type]
        for end_id, want, side in ((r.start, (want_start,), "from"), (r.end, REQUIRES_TARGETS if r.type == "REQUIRES" else (want_end,), "to")):
            got = labels.get(end_id)
            if got is None:
                hint = _closest(end_id, [i for i, lab in labels.items() if lab in want])
                what = " or ".join(w.lower() for w in want)
                problems.append(Problem(parsed.file, r.line, r.where, f"no {what} '{end_id}'{hint}"))
            elif got not in want:
                problems.append(Problem(parsed.file, r.line, r.where,
                                        f"'{end_id}' is a {got}; the {side} end of {r.type} must be a {' or '.join(want)}"))
    # A new prerequisite must not close a cycle.
    prereq = nx.DiGraph((s, e) for s, e, _ in graph.relationships("PREREQUISITE_OF"))
    new = [(r.start, r.end, r) for r in parsed.rels if r.type == "PREREQUISITE_OF"]
    prereq.add_edges_from((s, e) for s, e, _ in new)
    try:
        cycle = nx.find_cycle(prereq)
    except nx.NetworkXNoCycle:
        cycle = None
    if cycle:
        ring = [s for s, _ in cycle] + [cycle[0][0]]
        rec = next((r for s, e, r in new if (s, e) in set(cycle)), None)
        problems.append(Problem(parsed.file, rec.line if rec else 0, rec.where if rec else "",
                                f"prerequisite cycle: {' -> '.join(ring)}"))
    return problems


def _name_collisions(parsed: Parsed, graph: KnowledgeGraph) -> list[Problem]:
    """A name, id or alias of the file's nodes that already names another node (compared as
    ``kg`` compares what people type: width, case and spaces folded, so 'ＤＳ' is 'DS')."""
    from kg.resolve import normalize, spellings

    owner: dict[str, str] = {}
    for node_id in graph.ids():
        for spelling in spellings(node_id, graph.props(node_id)):
            owner.setdefault(normalize(spelling), node_id)
    problems: list[Problem] = []
    for n in parsed.nodes:
        merged = {**(graph.props(n.id) if n.id in graph else {}), **n.props}
        for spelling in spellings(n.id, merged):
            fld = _field_of(spelling, n.id, merged)
            key = normalize(spelling)
            other = owner.setdefault(key, n.id)
            if other != n.id:
                problems.append(Problem(parsed.file, n.lines.get(fld, n.line), f"{n.where}.{fld}",
                                        f"{spelling!r} already names '{other}': a name or alias must name one node"))
    return problems


def _field_of(text: str, node_id: str, props: dict[str, Any]) -> str:
    """The field a node's spelling (one of ``kg.resolve.spellings``) is written in.

    >>> _field_of("SQL", "sql", {"name": "SQL", "aliases": ["structured query language"]})
    'name'
    """
    if text == node_id:
        return "id"
    return next((k for k in ("name", "name_zh") if props.get(k) == text), "aliases")


def _closest(word: str, candidates: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.6)
    return f" — did you mean {', '.join(repr(c) for c in close)}?" if close else ""


# -- applying -----------------------------------------------------------------


def apply(parsed: Parsed, graph: KnowledgeGraph) -> None:
    """Merge checked records into the graph: new facts are added, given fields replace old ones."""
    with CollectorPaused():
        _apply(parsed, graph)


def _apply(parsed: Parsed, graph: KnowledgeGraph) -> None:
    for n in parsed.nodes:
        if n.id in graph:
            older = graph.props(n.id).get("provenance", [])
            graph.update_node(n.id, **{**n.props, **({"provenance": [*older, n.provenance]} if n.provenance else {})})
        else:
            graph.add_node(n.id, n.label, **n.props, provenance=[n.provenance] if n.provenance else [])
    for r in parsed.rels:
        old = graph.relationship(r.type, r.start, r.end)
        props = dict(r.props)
        if r.type == "PREREQUISITE_OF" and r.provenance.get("reason"):
            props["reason"] = r.provenance["reason"]
        if old is not None:
            if r.provenance and r.provenance not in old["provenance"]:
                props["provenance"] = [*old["provenance"], r.provenance]
            graph.update_relationship(r.type, r.start, r.end, **props)
        else:
            # Defaults apply to new relationships only: naming an existing one keeps what it had.
            props = {**DEFAULTS.get(r.type, {}), **props}
            graph.add_relationship(r.type, r.start, r.end, **props, provenance=[r.provenance] if r.provenance else [])
    graph.names_changed()


def read_user_file(path: str | os.PathLike[str], raw: bytes | None = None) -> str:
    """A data file's text (``raw``: its bytes, already read); ``DataError`` (with the
    ``Problem`` as ``.problem``) when it cannot be read: not a regular file, larger
    than ``MAX_DATA_BYTES``, not UTF-8."""
    from kg.safeio import read_regular, refusal

    p = Path(path)
    line, message = 0, ""
    try:
        if raw is None:
            raw = read_regular(p)
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        assert raw is not None
        line = raw.count(b"\n", 0, e.start) + 1
        message = f"not UTF-8 text (byte {e.start}); save the file as UTF-8"
    except OSError as e:
        message = refusal(e, "data")
    problem = Problem(str(p), line, "", message)
    error = DataError(str(problem))
    error.problem = problem  # type: ignore[attr-defined]
    raise error


def _sources(data_files: Iterable[str | os.PathLike[str]], packaged: bool = True, contents: Sequence[bytes] | None = None
             ) -> Iterable[tuple[str, str | None, str | Problem]]:
    """(name, default source, text) of the packaged data (unless not wanted) then each user file;
    in place of the text, the ``Problem`` of a file that cannot be read."""
    if packaged:
        yield PACKAGED, None, packaged_text()
    for n, path in enumerate(data_files):
        try:
            text: str | Problem = read_user_file(path, None if contents is None else contents[n])
        except DataError as e:
            text = e.problem  # type: ignore[attr-defined]
        yield str(path), Path(path).name, text


def _check(text: str, name: str, default_source: str | None, article: str,
           graph: KnowledgeGraph) -> tuple[Parsed, list[Problem]]:
    """One file parsed, with every problem it has on its own and against the graph so far."""
    with CollectorPaused():
        parsed = parse_data(text, name, default_source, article)
        return parsed, parsed.problems + check_references(parsed, graph)


def load_graph(data_files: Iterable[str | os.PathLike[str]] = (), base: KnowledgeGraph | None = None, *,
               contents: Sequence[bytes] | None = None) -> KnowledgeGraph:
    """The packaged graph merged with the user's data files, in order.

    ``base``, when given, stands for the packaged graph (it is copied, not changed);
    ``contents``, when given, are the files' bytes, already read.

    A file with any problem is refused whole (``DataError`` naming file, line
    and field); nothing of it reaches the graph.

    >>> g = load_graph()
    >>> g.label("infra-mle"), g.resolve("k8s")
    ('Track', 'kubernetes')
    """
    graph = base.copy() if base is not None else KnowledgeGraph()
    article = article_text()
    for name, default_source, text in _sources(data_files, packaged=base is None, contents=contents):
        if isinstance(text, Problem):
            raise DataError(str(text))
        parsed, problems = _check(text, name, default_source, article, graph)
        if problems:
            more = f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''}; `validate` lists them)" if len(problems) > 1 else ""
            raise DataError(f"{problems[0]}{more}")
        apply(parsed, graph)
    return graph


def validate(data_files: Iterable[str | os.PathLike[str]] = ()) -> tuple[KnowledgeGraph, list[Problem]]:
    """Every problem in the packaged data and the given files, and the graph built from the clean ones.

    >>> _, problems = validate()
    >>> problems
    []
    """
    graph = KnowledgeGraph()
    problems: list[Problem] = []
    article = article_text()
    for name, default_source, text in _sources(data_files):
        if isinstance(text, Problem):
            problems.append(text)
            continue
        parsed, found = _check(text, name, default_source, article, graph)
        problems.extend(found)
        if not found:
            apply(parsed, graph)
    problems.extend(check_graph(graph))
    return graph, problems


def check_graph(graph: KnowledgeGraph) -> list[Problem]:
    """Whole-graph checks: names or aliases shared by two nodes, facts without provenance."""
    from kg.resolve import normalize, spellings

    problems: list[Problem] = []
    owner: dict[str, str] = {}
    uris: dict[str, str] = {}
    for node in graph.nodes():
        keys = {normalize(s) for s in spellings(node["id"], node)}
        for k in sorted(keys - {""}):
            if k in owner and owner[k] != node["id"]:
                problems.append(Problem("graph", 0, "aliases", f"'{k}' names both '{owner[k]}' and '{node['id']}'"))
            owner.setdefault(k, node["id"])
        if not node.get("provenance"):
            problems.append(Problem("graph", 0, "provenance", f"node '{node['id']}' has no provenance"))
        if node.get("esco_uri"):
            if node["esco_uri"] in uris:
                problems.append(Problem("graph", 0, "esco_uri",
                                        f"{node['esco_uri']} is the ESCO URI of both '{uris[node['esco_uri']]}' and '{node['id']}'"))
            uris.setdefault(node["esco_uri"], node["id"])
    for s, e, d in graph.relationships():
        if not d.get("provenance"):
            problems.append(Problem("graph", 0, "provenance", f"{d['type']} {s} -> {e} has no provenance"))
    return problems
