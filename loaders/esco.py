"""Turn the official ESCO CSV download into an ordinary data file (``kg import esco``).

ESCO (European Skills, Competences, Qualifications and Occupations) is © European
Union, reusable under CC BY 4.0; the file written says so and names the release.

How ESCO maps onto the graph (the README section "ESCO" says the same for users):

- an occupation becomes a ``Track`` (its id made from its English label) that
  ``REQUIRES`` its skills: *essential* -> ``core``, *optional* -> ``bonus``;
- a skill or knowledge concept becomes a ``Skill`` with no layer and no hours
  (ESCO has neither) — unless the graph already carries its URI (``esco_uri``,
  the packaged crosswalk): then that skill or tool stands for it;
- a skill–skill relation: related ``PREREQUISITE_OF`` original, *essential* ->
  ``hard``, *optional* -> ``soft``;
- a broader relation between two skills: broader ``PREREQUISITE_OF`` narrower,
  ``soft``, so plans follow the hierarchy where no prerequisite says otherwise;
  between two occupations: narrower ``OVERLAPS_WITH`` broader. Skill groups and
  ISCO groups are not nodes: their rows are counted, not imported. A relation
  that would close a prerequisite cycle is left out and counted;
- a track of the graph whose ``esco_occupation`` is imported ``OVERLAPS_WITH``
  that occupation (curated, with the crosswalk's reason);
- every node keeps its ``esco_uri`` and ``source: esco`` with the release;
  labels in other languages (``skills_de.csv``…) become aliases. A label that
  would name two nodes is kept by neither (a name gets "(ESCO skill)" added).

Reading is bounded and strict: a malformed or truncated CSV is one ``DataError``
naming file, row and column, and nothing is written. The output is written
atomically (a temporary file in the same folder, then ``os.replace``).
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.loaders.curated import ESCO_URI

from kg.errors import DataError
from kg.resolve import normalize, spellings

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

#: The largest CSV file read (ESCO's biggest English file is about 30 MB).
MAX_BYTES = 200 * 1024 * 1024

#: File stem -> (columns that must be there, what the file holds).
TABLES: dict[str, tuple[str, ...]] = {
    "skills": ("conceptUri", "preferredLabel"),
    "occupations": ("conceptUri", "preferredLabel"),
    "occupationSkillRelations": ("occupationUri", "relationType", "skillUri"),
    "skillSkillRelations": ("originalSkillUri", "relationType", "relatedSkillUri"),
    "broaderRelationsSkillPillar": ("conceptUri", "broaderUri"),
    "broaderRelationsOccPillar": ("conceptUri", "broaderUri"),
}
#: Files an import cannot do without.
NEEDED = ("skills", "occupations", "occupationSkillRelations")
_FILE = re.compile(r"^([A-Za-z]+)_([a-z]{2}(?:-[A-Za-z]+)?)\.csv$")
_RELEASE = re.compile(r"\bv(\d+(?:\.\d+)+)\b")
_LEVEL = {"essential": "core", "optional": "bonus"}
_STRENGTH = {"essential": "hard", "optional": "soft"}
#: Characters YAML cannot carry literally, even inside double quotes.
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")

#: What a name or a description may not hold (a data file refuses it): controls, surrogates, non-characters.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

Progress = Callable[[int], None]


@dataclass
class Concept:
    """One ESCO occupation or skill, as it will be written."""

    uri: str
    kind: str  # "occupation" | "skill"
    label: str
    id: str = ""
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    mapped: str | None = None  # the graph node that stands for it (crosswalk)
    requires: dict[str, str] = field(default_factory=dict)  # skill id -> core | bonus


@dataclass
class Table:
    """A CSV file read whole: its name, header and a row iterator with row numbers."""

    path: str
    header: list[str]
    text: str
    start: int  # offset of the first data row
    size: int = 0  # bytes on disk, what progress counts

    def col(self, name: str) -> int | None:
        return self.header.index(name) if name in self.header else None

    def rows(self, progress: Progress | None = None) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells) for each data row; the header is row 1.

        A row with too few or too many cells, an unterminated quote or a NUL is a
        ``DataError`` naming the row and the column.
        """
        body = self.text[self.start:]
        # Lines end at \r or \n only (not at U+2028 and the like, which ESCO text may hold).
        lines = iter(io.StringIO(body, newline=""))
        consumed = [0]

        def counted() -> Iterator[str]:
            for line in lines:
                consumed[0] += len(line)
                yield line

        reader = csv.reader(counted(), strict=True)
        row_no, reported = 1, 0
        scale = self.size / max(1, len(body))
        while True:
            before = consumed[0]
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                column = self._column(_field_index(body[before:]))
                why = ("the file ends inside a quoted value (is it cut short?)" if "unexpected end of data" in str(e)
                       else f"not valid CSV ({e})")
                raise DataError(f"{self.path}: row {row_no + 1}, column {column}: {why}") from None
            row_no += 1
            if not cells:
                continue
            if len(cells) != len(self.header):
                if len(cells) < len(self.header):
                    missing = self.header[len(cells)]
                    raise DataError(f"{self.path}: row {row_no}, column {missing}: missing — the row has "
                                    f"{len(cells)} of {len(self.header)} columns (is the file cut short?)")
                raise DataError(f"{self.path}: row {row_no}, column {len(self.header) + 1}: the row has "
                                f"{len(cells)} columns, the header {len(self.header)}")
            if progress and row_no % 8192 == 0:
                done = int(consumed[0] * scale)
                progress(done - reported)
                reported = done
            yield row_no, cells
        if progress:
            progress(self.size - reported)

    def _column(self, index: int) -> str:
        return self.header[index] if 0 <= index < len(self.header) else str(index + 1)


def _field_index(text: str) -> int:
    """The index of the field in which CSV ``text`` (one record onwards) goes wrong:
    where a quote opened and never closed, or where a NUL sits."""
    index, quoted, opened = 0, False, 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\0":
            return index
        if quoted:
            if ch == '"':
                if text[i + 1:i + 2] == '"':
                    i += 1
                elif text[i + 1:i + 2] not in ("", ",", "\r", "\n"):
                    return index  # text after the closing quote: this field is the broken one
                else:
                    quoted = False
        elif ch == '"':
            quoted, opened = True, index
        elif ch == ",":
            index += 1
        elif ch in "\r\n":
            return index
        i += 1
    return opened if quoted else index


def read_table(path: Path, required: tuple[str, ...]) -> Table:
    """A CSV file's text (regular files only, at most ``MAX_BYTES``) with its header checked."""
    from kg.safeio import read_regular, refusal

    name = str(path)
    try:
        raw = read_regular(path, MAX_BYTES)  # a regular file, never more than MAX_BYTES, no waiting on a FIFO
    except OSError as e:
        raise DataError(f"{name}: {refusal(e)}") from None
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        at = bom + e.start
        row = raw.count(b"\n", 0, at) + 1
        raise DataError(f"{name}: row {row}: not UTF-8 text (byte {at})") from None
    first = text.split("\n", 1)[0]
    try:
        header = next(csv.reader([first.rstrip("\r")], strict=True), [])
    except csv.Error as e:
        raise DataError(f"{name}: row 1: not a CSV header ({e})") from None
    header = [h.strip() for h in header]
    for column in required:
        if column not in header:
            raise DataError(f"{name}: row 1, column {column}: missing from the header "
                            f"(an ESCO {path.stem.split('_')[0]} file has {', '.join(required)})")
    return Table(name, header, text, min(len(first) + 1, len(text)), len(raw))


def find_files(folder: str | Path) -> dict[tuple[str, str], Path]:
    """(table, language) -> path for every ESCO CSV in ``folder`` or its direct subfolders
    (the download unpacks one folder per language).

    >>> find_files("/nonexistent")
    Traceback (most recent call last):
    ...
    kg.errors.DataError: /nonexistent: no such folder
    """
    root = Path(folder)
    if not root.is_dir():
        raise DataError(f"{root}: no such folder" if not root.exists() else f"{root}: not a folder")
    found: dict[tuple[str, str], Path] = {}
    for place in [root, *sorted(p for p in root.iterdir() if p.is_dir())]:
        for path in sorted(place.iterdir()):
            m = _FILE.match(path.name)
            if not m or m.group(1) not in TABLES:
                continue
            key = (m.group(1), m.group(2))
            if key in found:
                raise DataError(f"{path}: a second {path.name} (the first is {found[key]}); keep one release per folder")
            found[key] = path
    missing = [f"{t}_en.csv" for t in NEEDED if (t, "en") not in found]
    if missing:
        raise DataError(f"{root}: no {', '.join(missing)} — is this the ESCO CSV download (classification, csv)?")
    return found


def release_of(folder: str | Path, files: dict[tuple[str, str], Path]) -> str | None:
    """The release named by the download's folder ("ESCO dataset - v1.2.0 - …"), if any.

    >>> release_of("/data/ESCO dataset - v1.2.0 - classification - en - csv", {})
    'v1.2.0'
    """
    for place in [Path(folder).resolve(), *(p.parent for p in files.values())]:
        m = _RELEASE.search(place.name)
        if m:
            return f"v{m.group(1)}"
    return None


def slug(text: str) -> str:
    """A node id made from an ESCO label.

    >>> slug("Python (computer programming)"), slug("ICT security administrator"), slug("Ærø façade")
    ('python-computer-programming', 'ict-security-administrator', 'aero-facade')
    """
    text = unicodedata.normalize("NFKD", text.replace("æ", "ae").replace("Æ", "Ae").replace("ø", "o").replace("Ø", "O"))
    text = text.encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:80].rstrip("-") or "esco"


def _labels(cell: str) -> list[str]:
    """ESCO writes a list of labels one a line inside one cell."""
    return [_clean(s) for s in cell.replace("\r", "\n").split("\n") if _clean(s)]


def _clean(text: str) -> str:
    """One line of printable text: control characters become spaces, runs of spaces one.

    >>> _clean(" data\x07 mining\u2028 ")
    'data mining'
    """
    return " ".join(_CONTROL.sub(" ", text).split())


def _q(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    out = json.dumps(text, ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


class _Import:
    """One import: the tables read, the concepts and relationships built, the text written."""

    def __init__(self, graph: KnowledgeGraph, release: str, progress: Progress | None) -> None:
        self.graph = graph
        self.release = release
        self.progress = progress
        self.concepts: dict[str, Concept] = {}
        self.rels: list[tuple[str, str, str, dict[str, Any]]] = []  # (type, from, to, props incl. provenance)
        self.skipped: dict[str, int] = {}
        self.languages: list[str] = []
        self.by_uri: dict[str, str] = {}
        for node in graph.nodes():
            if node.get("esco_uri"):
                self.by_uri[node["esco_uri"]] = node["id"]

    def skip(self, what: str, n: int = 1) -> None:
        self.skipped[what] = self.skipped.get(what, 0) + n

    # -- reading -----------------------------------------------------------
    def concepts_from(self, table: Table, kind: str) -> None:
        uri_c, label_c = table.col("conceptUri"), table.col("preferredLabel")
        alt_c, desc_c, def_c = table.col("altLabels"), table.col("description"), table.col("definition")
        want = "skill" if kind == "skill" else "occupation"
        fits = ("Skill", "Tool") if kind == "skill" else ("Track",)
        for row, cells in table.rows(self.progress):
            uri, label = cells[uri_c].strip(), _clean(cells[label_c])  # type: ignore[index]
            m = ESCO_URI.match(uri)
            if not m or m.group(1) != want:
                raise DataError(f"{table.path}: row {row}, column conceptUri: not an ESCO {want} URI: {uri[:80]!r}")
            if not label:
                raise DataError(f"{table.path}: row {row}, column preferredLabel: empty")
            if uri in self.concepts:
                raise DataError(f"{table.path}: row {row}, column conceptUri: {uri} appears twice")
            c = Concept(uri, kind, label)
            c.aliases = _labels(cells[alt_c]) if alt_c is not None else []
            text = cells[desc_c] if desc_c is not None else ""
            if not text.strip() and def_c is not None:
                text = cells[def_c]  # some concepts have a definition and no description
            c.description = _clean(text)
            mapped = self.by_uri.get(uri)
            if mapped is not None and self.graph.label(mapped) in fits:
                c.mapped = mapped
            self.concepts[uri] = c

    def other_language(self, table: Table, lang: str) -> None:
        uri_c, label_c, alt_c = table.col("conceptUri"), table.col("preferredLabel"), table.col("altLabels")
        self.languages.append(lang)
        for _, cells in table.rows(self.progress):
            c = self.concepts.get(cells[uri_c].strip())  # type: ignore[index]
            if c is None:
                self.skip(f"{lang} labels of concepts not in the English files")
                continue
            c.aliases += _labels(cells[label_c]) + (_labels(cells[alt_c]) if alt_c is not None else [])  # type: ignore[index]

    def _known(self, table: Table, row: int, column: str, uri: str, kind: str) -> Concept:
        c = self.concepts.get(uri)
        if c is None or c.kind != kind:
            where = "skills_en.csv" if kind == "skill" else "occupations_en.csv"
            raise DataError(f"{table.path}: row {row}, column {column}: no {kind} {uri[:80]} in {where}")
        return c

    def _relation_type(self, table: Table, row: int, value: str) -> str:
        kind = value.strip().lower()
        if kind not in _LEVEL:
            raise DataError(f"{table.path}: row {row}, column relationType: must be essential or optional, not {value[:40]!r}")
        return kind

    def occupation_skills(self, table: Table) -> None:
        occ_c, type_c, skill_c = (table.col(c) for c in TABLES["occupationSkillRelations"])
        for row, cells in table.rows(self.progress):
            occ = self._known(table, row, "occupationUri", cells[occ_c].strip(), "occupation")  # type: ignore[index]
            skill = self._known(table, row, "skillUri", cells[skill_c].strip(), "skill")  # type: ignore[index]
            level = _LEVEL[self._relation_type(table, row, cells[type_c])]  # type: ignore[index]
            if occ.requires.get(skill.uri) != "core":
                occ.requires[skill.uri] = level

    def skill_skills(self, table: Table) -> list[tuple[str, str, str]]:
        orig_c, type_c, rel_c = (table.col(c) for c in TABLES["skillSkillRelations"])
        out = []
        for row, cells in table.rows(self.progress):
            original = self._known(table, row, "originalSkillUri", cells[orig_c].strip(), "skill")  # type: ignore[index]
            related = self._known(table, row, "relatedSkillUri", cells[rel_c].strip(), "skill")  # type: ignore[index]
            kind = self._relation_type(table, row, cells[type_c])  # type: ignore[index]
            out.append((related.uri, original.uri, _STRENGTH[kind]))
        return out

    def broader(self, table: Table, kind: str) -> list[tuple[str, str]]:
        """(narrower, broader) pairs where both ends are concepts of ``kind``; the rest counted."""
        c_c, b_c = table.col("conceptUri"), table.col("broaderUri")
        out = []
        for _, cells in table.rows(self.progress):
            a, b = self.concepts.get(cells[c_c].strip()), self.concepts.get(cells[b_c].strip())  # type: ignore[index]
            if a is not None and b is not None and a.kind == kind and b.kind == kind:
                out.append((a.uri, b.uri))
            else:
                self.skip("skill-group memberships" if kind == "skill" else "ISCO-group memberships")
        return out

    # -- naming ------------------------------------------------------------
    def name_everything(self) -> None:
        """Ids, names and aliases that name one node each (with the graph's own names)."""
        taken_ids = set(self.graph.ids())
        base_keys: dict[str, str] = {}
        for node in self.graph.nodes():
            for s in spellings(node["id"], node):
                base_keys.setdefault(normalize(s), node["id"])
        new = [c for c in self.concepts.values() if c.mapped is None]
        for c in new:
            base = slug(c.label)
            tail = slug(c.uri.rsplit("/", 1)[-1])
            for candidate in (base, f"{base}-{tail[:8]}", f"{base}-{tail}"):
                if candidate not in taken_ids and candidate not in base_keys:
                    break
            c.id = candidate
            taken_ids.add(candidate)
        # An id names its node too: no other node's name or alias may spell it.
        for c in new:
            base_keys.setdefault(normalize(c.id), c.id)
        counts: dict[str, int] = {}
        for c in new:
            counts[normalize(c.label)] = counts.get(normalize(c.label), 0) + 1
        names: set[str] = set()
        for c in new:
            key = normalize(c.label)
            options = [c.label, f"{c.label} (ESCO {c.kind})", f"{c.label} (ESCO {c.kind} {c.id})"]
            if base_keys.get(key, c.id) == c.id and counts[key] == 1:
                c.name = c.label
            else:
                c.name = next(o for o in options[1:] if base_keys.get(normalize(o), c.id) == c.id
                              and normalize(o) not in names)
                c.aliases.insert(0, c.label)
            names.add(normalize(c.name))
        owners: dict[str, set[str]] = {}
        for c in self.concepts.values():
            me = c.mapped or c.id
            for a in [c.label, *c.aliases]:
                owners.setdefault(normalize(a), set()).add(me)
        for c in self.concepts.values():
            me = c.mapped or c.id
            mine = {normalize(c.name)} if c.mapped is None else {normalize(s) for s in spellings(me, self.graph.node(me))}
            kept: list[str] = []
            seen = set(mine)
            for a in ([c.label] if c.mapped else []) + c.aliases:
                key = normalize(a)
                if key in seen:
                    continue
                seen.add(key)
                if owners.get(key) == {me} and base_keys.get(key, me) == me and key not in names:
                    kept.append(a)
                else:
                    self.skip("labels that would name two nodes")
            c.aliases = kept

    # -- relationships -----------------------------------------------------
    def relationships(self, prereqs: list[tuple[str, str, str]], skill_broader: list[tuple[str, str]],
                      occ_broader: list[tuple[str, str]]) -> None:
        import networkx as nx

        def node_of(uri: str) -> str:
            c = self.concepts[uri]
            return c.mapped or c.id

        def is_skill(uri: str) -> bool:
            c = self.concepts[uri]
            return c.mapped is None or self.graph.label(c.mapped) == "Skill"

        order = nx.DiGraph((s, e) for s, e, _ in self.graph.relationships("PREREQUISITE_OF"))
        seen: set[tuple[str, str]] = set()
        hierarchy = [(b, n, "soft") for n, b in skill_broader]
        for n, (start_uri, end_uri, strength) in enumerate([*prereqs, *hierarchy]):
            start, end = node_of(start_uri), node_of(end_uri)
            from_hierarchy = n >= len(prereqs)
            if not (is_skill(start_uri) and is_skill(end_uri)):
                self.skip("skill relations with a tool end")
                continue
            if start == end or (start, end) in seen:
                self.skip("repeated skill relations")
                continue
            if order.has_edge(start, end):  # e.g. a packaged hard prerequisite: ESCO must not soften it
                self.skip("skill relations the graph already has")
                continue
            if start in order and end in order and nx.has_path(order, end, start):
                self.skip("skill relations that would close a prerequisite cycle")
                continue
            order.add_edge(start, end)
            seen.add((start, end))
            props: dict[str, Any] = {"strength": strength}
            if from_hierarchy:
                props["reason"] = "ESCO hierarchy: the broader concept first"
            self.rels.append(("PREREQUISITE_OF", start, end, props))
        for narrow, broad in occ_broader:
            self.rels.append(("OVERLAPS_WITH", node_of(narrow), node_of(broad),
                              {"reason": "ESCO hierarchy: a narrower occupation"}))
        by_occupation = {c.uri: c for c in self.concepts.values() if c.kind == "occupation"}
        for track in self.graph.nodes("Track"):
            occ = by_occupation.get(track.get("esco_occupation") or "")
            if occ is not None and node_of(occ.uri) != track["id"]:
                self.rels.append(("OVERLAPS_WITH", track["id"], node_of(occ.uri),
                                  {"source": "curated", "reason": track.get("esco_reason") or "closest ESCO occupation"}))

    # -- writing -----------------------------------------------------------
    def text(self) -> str:
        rel = _q(self.release)
        prov = f"source: esco\n    release: {rel}"
        out = [(f"# ESCO {self.release}, imported by `kg import esco`. ESCO is © European Union, "
                "reusable under CC BY 4.0 (https://esco.ec.europa.eu)."),
               "# ESCO gives no layers, learning hours or learning order: these nodes have none.",
               "version: 1"]
        sections = {"tracks": [c for c in self.concepts.values() if c.kind == "occupation"],
                    "skills": [c for c in self.concepts.values() if c.kind == "skill"
                               and (c.mapped is None or self.graph.label(c.mapped) == "Skill")],
                    "tools": [c for c in self.concepts.values() if c.kind == "skill" and c.mapped
                              and self.graph.label(c.mapped) == "Tool"]}
        for section, concepts in sections.items():
            if not concepts:
                continue
            out.append(f"{section}:")
            for c in concepts:
                if c.mapped:
                    out.append(f"  - id: {_q(c.mapped)}")
                    old = self.graph.props(c.mapped).get("aliases", [])
                    if c.aliases:
                        out.append(f"    aliases: [{', '.join(_q(a) for a in [*old, *c.aliases])}]")
                else:
                    out.append(f"  - id: {_q(c.id)}")
                    out.append(f"    name: {_q(c.name)}")
                    if c.aliases:
                        out.append(f"    aliases: [{', '.join(_q(a) for a in c.aliases)}]")
                    if c.description:
                        out.append(f"    description: {_q(c.description)}")
                    out.append(f"    esco_uri: {_q(c.uri)}")
                out.append(f"    {prov}")
                if c.requires:
                    # Core as a plain id (the default level): a quarter of the YAML nodes a mapping
                    # takes, which is a quarter less time and memory when the file loads.
                    out.append("    requires:")
                    for level in ("core", "bonus"):
                        for uri, lvl in c.requires.items():
                            if lvl == level:
                                target = _q(self.concepts[uri].mapped or self.concepts[uri].id)
                                out.append(f"      - {target}" if level == "core" else f"      - {{skill: {target}, level: bonus}}")
        if self.rels:
            out.append("relationships:")
            for rel_type, start, end, props in self.rels:
                fields = [f"type: {rel_type}", f"from: {_q(start)}", f"to: {_q(end)}"]
                fields += [f"{k}: {_q(v)}" for k, v in props.items() if k not in ("source", "reason")]
                if props.get("source") == "curated":
                    fields += ["source: curated", f"reason: {_q(props['reason'])}"]
                else:
                    fields += ["source: esco", f"release: {rel}"] + ([f"reason: {_q(props['reason'])}"] if "reason" in props else [])
                out.append(f"  - {{{', '.join(fields)}}}")
        return "\n".join(out) + "\n"

    def summary(self) -> dict[str, Any]:
        occupations = [c for c in self.concepts.values() if c.kind == "occupation"]
        skills = [c for c in self.concepts.values() if c.kind == "skill"]
        levels = [lvl for c in occupations for lvl in c.requires.values()]
        prereqs = [p for t, _, _, p in self.rels if t == "PREREQUISITE_OF"]
        return {
            "release": self.release,
            "occupations": len(occupations),
            "skills": len(skills),
            "mapped": sorted({c.mapped for c in self.concepts.values() if c.mapped}),
            "requires": {"core": levels.count("core"), "bonus": levels.count("bonus")},
            "prerequisites": {"hard": sum(p["strength"] == "hard" and "reason" not in p for p in prereqs),
                              "soft": sum(p["strength"] == "soft" and "reason" not in p for p in prereqs),
                              "hierarchy": sum("reason" in p for p in prereqs)},
            "overlaps": sum(t == "OVERLAPS_WITH" for t, _, _, _ in self.rels),
            "crosswalk": sorted(s for t, s, _, p in self.rels if t == "OVERLAPS_WITH" and p.get("source") == "curated"),
            "languages": ["en", *self.languages],
            "not_imported": dict(sorted(self.skipped.items())),
        }


def _read_by_import(table: str, lang: str) -> bool:
    """English files of every table; other languages' concept files (their labels)."""
    return lang == "en" or table in ("skills", "occupations")


def total_bytes(folder: str | Path) -> int:
    """The size of the ESCO CSV files an import reads (for a progress bar)."""
    return sum(p.stat().st_size for (t, lang), p in find_files(folder).items() if _read_by_import(t, lang))


def build_esco(folder: str | Path, graph: KnowledgeGraph, *, release: str | None = None,
               progress: Progress | None = None) -> tuple[str, dict[str, Any]]:
    """The data file's text and a summary, from the ESCO CSV files in ``folder``.

    ``graph`` is what the file will extend (its ``esco_uri``/``esco_occupation``
    crosswalk and its ids and names); ``release`` defaults to the one the
    download's folder names.
    """
    files = find_files(folder)
    release = release or release_of(folder, files)
    if not release:
        raise DataError(f"{folder}: cannot tell the ESCO release from the folder name; give it with `release=` (e.g. v1.2.0)")
    job = _Import(graph, release, progress)
    job.concepts_from(read_table(files[("occupations", "en")], TABLES["occupations"]), "occupation")
    job.concepts_from(read_table(files[("skills", "en")], TABLES["skills"]), "skill")
    for (table, lang), path in sorted(files.items()):
        if lang != "en" and _read_by_import(table, lang):
            job.other_language(read_table(path, TABLES[table]), lang)
    job.occupation_skills(read_table(files[("occupationSkillRelations", "en")], TABLES["occupationSkillRelations"]))
    prereqs = skill_broader = occ_broader = []
    if ("skillSkillRelations", "en") in files:
        prereqs = job.skill_skills(read_table(files[("skillSkillRelations", "en")], TABLES["skillSkillRelations"]))
    if ("broaderRelationsSkillPillar", "en") in files:
        skill_broader = job.broader(read_table(files[("broaderRelationsSkillPillar", "en")],
                                               TABLES["broaderRelationsSkillPillar"]), "skill")
    if ("broaderRelationsOccPillar", "en") in files:
        occ_broader = job.broader(read_table(files[("broaderRelationsOccPillar", "en")],
                                             TABLES["broaderRelationsOccPillar"]), "occupation")
    job.languages = sorted(set(job.languages))
    job.name_everything()
    job.relationships(prereqs, skill_broader, occ_broader)
    return job.text(), job.summary()


def import_esco(folder: str | Path, output: str | Path, graph: KnowledgeGraph, *, release: str | None = None,
                progress: Progress | None = None) -> dict[str, Any]:
    """Read the ESCO CSV download in ``folder`` and write it to ``output`` as a data file.

    Nothing is written unless every file reads cleanly. Returns the summary
    (counts, the release, what was not imported and why).
    """
    text, summary = build_esco(folder, graph, release=release, progress=progress)
    from kg.atomic import write_file

    write_file(output, text)
    summary["output"] = str(output)
    summary["bytes"] = len(text.encode("utf-8"))
    return summary
