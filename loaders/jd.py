"""Job descriptions: find the tools, skills and track a posting asks for, and turn a corpus into demand.

The vocabulary is the graph's own: every Tool and Skill node's id, names and
aliases. What this module adds are *matching rules* (short names such as "R"
or "Go" count only next to other technology; ordinary words such as "spark",
"python" or "docker" count only in a technical posting and never in their
everyday senses) and the *track classifier* (title and body together).

Pure functions (``parse_document``, ``extract``, ``build_demand``) do the
work; ``read_document`` and ``iter_corpus`` only touch files.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.loaders import documents
from kg.loaders.jd_discover import unknown_terms
from kg.loaders.jd_match import (  # noqa: F401
    SHORT,
    TECHNICAL,
    VERY_TECHNICAL,
    WINDOW,
    Mentions,
    _term_key,
    find_folded,
    find_mentions,
    first_char_alternation,
    rule_for,
)
from kg.loaders.jd_rules import (  # noqa: F401
    CUES,
    DERIVED_TERMS,
    EVERYDAY,
    LIST_GAP,
    RULES,
    SENTENCE_END,
    TECH_CUES,
    TITLE_RULES,
    TITLE_WORD_NOT_BEFORE,
    TRADITIONAL_CHARS,
    TRADITIONAL_WORDS,
    Rule,
    Sense,
)

from kg.errors import DataError

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

#: File name endings read as job descriptions (text, Markdown, HTML, PDF, DOCX).
TEXT_SUFFIXES = documents.SUFFIXES
#: A job description is a few kilobytes; anything past this is not one.
MAX_BYTES = documents.MAX_BYTES
#: A title longer than this is cut (the first line of a 1 MB file is not a title).
MAX_TITLE = 200
#: At most this many mention decisions are kept in ``evidence`` (a huge posting explains its first ones).
MAX_EVIDENCE = 40

# ---------------------------------------------------------------------------
# Matching rules
# ---------------------------------------------------------------------------


_WORD = "A-Za-z0-9_"
#: How many titles ``classify`` keeps the reading of per vocabulary.
TITLE_CACHE = 4096
#: A first line that names no role may be a letterhead: the title is looked for on this many short lines after it.
LETTERHEAD_LINES = 3
#: How long (characters) a line that holds a title is at most.
HEADING_LINE = 80
#: How many lines into a posting a labelled title ("**Title:** …", "🚨 Hiring: …") is looked for when the first
#: line names no role (notes pasted from a chat, a social-media post under its author's name).
LABEL_LINES = 12
#: A line that labels the role: the title is the rest of it.
_LABELLED_TITLE = re.compile(r"^[^\w\n]{0,6}(?:\*\*|__)?[ \t]*(?:job\s+title|title|position|role|职位名称|岗位名称|职位|岗位|"
                             r"(?:we['’]re\s+|we\s+are\s+|now\s+)?hiring)[ \t]*(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*"
                             r"([^\n]{3,160})$", re.IGNORECASE | re.MULTILINE)
_SEP = r"[\s_\-]{0,2}"


@functools.lru_cache(maxsize=1 << 14)
def term_key(text: str) -> str:
    """The form terms are compared in: lowercase, without spaces, hyphens or underscores.

    >>> term_key("Scikit-Learn"), term_key("Hugging Face"), term_key("CI/CD")
    ('scikitlearn', 'huggingface', 'ci/cd')
    """
    return re.sub(r"[\s_\-]+", "", text.lower())


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def compile_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive regular expression that finds any of ``phrases``, longest first.

    Phrases are matched on word boundaries where they begin or end with a Latin
    letter or digit (so "R" is not found in "React"), and anywhere inside Chinese
    text (so "熟悉Python" finds "Python"). Spaces and hyphens inside a phrase
    match a space, a hyphen or nothing; a phrase made only of them is dropped.

    >>> rx = compile_phrases(["spark", "pyspark", "scikit-learn", "机器学习"])
    >>> [m.group() for m in rx.finditer("PySpark, scikit learn; Spark机器学习 sparks")]
    ['PySpark', 'scikit learn', 'Spark', '机器学习']
    """
    tries: dict[bool, dict[Any, Any]] = {True: {}, False: {}}
    for phrase in sorted(set(phrases)):
        atoms: list[str] = []
        for piece in re.split(r"([\s_\-]+)", phrase.lower()):
            if not piece:
                continue
            if re.fullmatch(r"[\s_\-]+", piece):
                atoms.append(_SEP)
            else:
                atoms.extend(re.escape(ch) for ch in piece)
        if all(atom == _SEP for atom in atoms):
            continue  # nothing left but separators: it would match the empty string
        node = tries[_is_word(phrase[0])]
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = _is_word(phrase[-1])

    def emit(node: dict[Any, Any]) -> str:
        alts = [atom + emit(child) for atom, child in node.items() if atom != ""]
        if "" in node:
            alts.append(f"(?![{_WORD}])" if node[""] else "")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    # One alternative per first character, so the regular expression engine tries only the few that can
    # start where it stands, and pays almost nothing where none can.
    words = {atom: emit(child) for atom, child in tries[True].items()}
    others = {atom: emit(child) for atom, child in tries[False].items()}
    return re.compile(first_char_alternation(words, others, _WORD), re.IGNORECASE)


def _variants(text: str) -> set[str]:
    """Spellings of one name: as written, without "Apache ", and plural for multi-word skills."""
    out = {text}
    if text.lower().startswith("apache "):
        out.add(text[7:])
    return {v for v in out if v.strip()}


@dataclass
class Vocabulary:
    """The graph's tool and skill names, compiled for matching; built once per graph.

    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph()
    >>> g.add_node("kubernetes", "Tool", name="Kubernetes", aliases=["k8s"])
    >>> v = Vocabulary.from_graph(g)
    >>> sorted(v.nodes[term_key("K8s")])
    ['kubernetes']
    """

    pattern: re.Pattern[str]
    nodes: dict[str, set[str]]
    spellings: dict[str, set[str]]
    labels: dict[str, str]
    implies: dict[str, list[str]]
    track_titles: list[tuple[re.Pattern[str], str, bool]]
    track_skills: dict[str, dict[str, float]]

    @functools.cached_property
    def tracks(self) -> frozenset[str]:
        """Every track a posting can be classified as (those with requirements, and those with titles)."""
        return frozenset(self.track_skills) | {t for _, t, _ in self.track_titles}

    @functools.cached_property
    def skill_keys(self) -> frozenset[str]:
        """The terms every node of which is a skill ("orchestration"), not a tool."""
        return frozenset(k for k, nodes in self.nodes.items() if all(self.labels.get(n) == "Skill" for n in nodes))

    @functools.cached_property
    def title_checks(self) -> list[tuple[str, re.Pattern[str], str]]:
        """Each track title's pattern with the lowercase name it looks for (a cheap test before it runs)."""
        return [(_title_literal(rx.pattern), rx, track) for rx, track, _ in self.track_titles]

    @functools.cached_property
    def spelled(self) -> dict[str, tuple[str, set[str] | None, Any]]:
        """Per spelling the scan found: its key, its nodes and its rule (``find_mentions`` fills it in)."""
        return {}

    @functools.cached_property
    def title_cache(self) -> dict[str, tuple[dict[str, float], dict[str, str]]]:
        """``_title_says`` per title already seen (read only: callers copy what they change)."""
        return {}

    @functools.cached_property
    def skill_tracks(self) -> dict[str, list[tuple[str, float]]]:
        """Per skill, the tracks that need it and how much (``track_skills`` turned around)."""
        out: dict[str, list[tuple[str, float]]] = {}
        for track, needs in self.track_skills.items():
            for skill, weight in needs.items():
                out.setdefault(skill, []).append((track, weight))
        return out

    @functools.cached_property
    def track_totals(self) -> dict[str, float]:
        """The summed weight of each track's required skills."""
        return {t: sum(needs.values()) for t, needs in self.track_skills.items()}

    @classmethod
    def from_graph(cls, graph: KnowledgeGraph) -> Vocabulary:
        nodes: dict[str, set[str]] = {}
        spellings: dict[str, set[str]] = {}
        labels: dict[str, str] = {}
        phrases: set[str] = set()

        def add(phrase: str, node_id: str, spelled: bool) -> None:
            phrases.add(phrase)
            nodes.setdefault(term_key(phrase), set()).add(node_id)
            if spelled:
                spellings.setdefault(term_key(phrase), set()).add(phrase)

        for label in ("Tool", "Skill"):
            for node in graph.nodes(label):
                labels[node["id"]] = label
                for name in [node.get("name"), node.get("name_zh"), *(node.get("aliases") or [])]:
                    if not name:
                        continue
                    for v in _variants(str(name)):
                        add(v, node["id"], True)
                    words = str(name).split()
                    if label == "Skill" and len(words) > 1 and words[-1].isalpha() and not words[-1].endswith("s"):
                        add(str(name) + "s", node["id"], True)
                for v in (node["id"], node["id"].replace("-", " ")):
                    add(v, node["id"], False)
        for phrase, node_id in DERIVED_TERMS.items():
            if labels.get(node_id) == "Tool":
                add(phrase, node_id, True)
        implies = {t: sorted(s for s, _ in graph.into(t, "USES_TOOL")) for t, lab in labels.items() if lab == "Tool"}
        titles: list[tuple[re.Pattern[str], str, bool]] = []
        for node in graph.nodes("Track"):
            for name in [node.get("name"), node.get("name_zh"), *(node.get("aliases") or [])]:
                if not name:
                    continue
                short = len(term_key(str(name))) <= 3
                flags = 0 if short else re.IGNORECASE
                # a Chinese title word followed by a character that makes it another word ("产品化": productised)
                tail = f"(?![{TITLE_WORD_NOT_BEFORE}])" if "\u4e00" <= str(name)[-1] <= "\u9fff" else ""
                rx = re.compile(rf"(?<![{_WORD}]){re.escape(str(name))}(?![{_WORD}]){tail}", flags)
                titles.append((rx, node["id"], short))
        track_skills: dict[str, dict[str, float]] = {}
        for start, end, props in graph.relationships("REQUIRES"):
            if labels.get(end) == "Skill":
                track_skills.setdefault(start, {})[end] = 1.0 if props.get("level", "core") == "core" else 0.5
        return cls(compile_phrases(phrases), nodes, spellings, labels, implies, titles, track_skills)


_VOCABULARIES: weakref.WeakKeyDictionary[Any, tuple[tuple[int, int], Vocabulary]] = weakref.WeakKeyDictionary()


def vocabulary(graph: KnowledgeGraph, refresh: bool = False) -> Vocabulary:
    """The graph's compiled vocabulary, cached until its nodes or their names change
    (``graph.revision``, or the node count for edits made on ``graph.g`` directly);
    ``refresh`` rebuilds it."""
    key = (graph.revision, len(graph))
    cached = _VOCABULARIES.get(graph)
    if refresh or cached is None or cached[0] != key:
        cached = (key, Vocabulary.from_graph(graph))
        _VOCABULARIES[graph] = cached
    return cached[1]


# ---------------------------------------------------------------------------
# Track classification
# ---------------------------------------------------------------------------


def _expand(items: str) -> list[str]:
    return [p.strip() for p in items.split(";") if p.strip()]


def _build_cues() -> tuple[re.Pattern[str], dict[str, list[tuple[str, float]]]]:
    weights: dict[str, dict[str, float]] = {}
    for track, by_weight in CUES.items():
        for weight, items in by_weight.items():
            for phrase in _expand(items):
                by_track = weights.setdefault(term_key(phrase), {})
                by_track[track] = max(by_track.get(track, 0.0), float(weight))
    table = {key: sorted(by_track.items()) for key, by_track in weights.items()}
    phrases = [p for by_weight in CUES.values() for items in by_weight.values() for p in _expand(items)]
    return compile_phrases(phrases), table


CUE_PATTERN, CUE_TABLE = _build_cues()
_TITLE_RULES = [(t, w, re.compile(p, re.IGNORECASE)) for t, w, p in TITLE_RULES]

#: Titles of engineers and of scientists: a research posting titled as an engineer is research-mle.
ENGINEER_TITLE = re.compile(r"engineer|developer|工程师|开发", re.IGNORECASE)
SCIENTIST_TITLE = re.compile(r"scientist|researcher|科学家|研究员", re.IGNORECASE)

#: How much the skills a posting asks for (against each track's REQUIRES) count.
PROFILE_WEIGHT = 2.0
#: A cue counts at most this much per track, so one long posting cannot drown its title.
CUE_CAP = 10.0
#: Without a role in the title, the body needs this much to name a track.
BODY_ONLY = 3.0
#: The cue weight (production or research engineering) that shows a role builds models, not only publishes.
SHIPS = 2.0

_TITLE_LABEL = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?\s*(?:job\s+title|title|position|role|职位名称|岗位名称|职位|岗位)\s*[:：]\s*",
                          re.IGNORECASE)


_NON_SPACE = re.compile(r"\S")
_LINE_END = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


#: How far (characters) into an e-mail its subject line is looked for.
SUBJECT_REACH = 1000
_EMAIL_HEADER_LINE = re.compile(r"(?:from|to|date|sent|subject|cc)[ \t]*:|-{2,}[ \t]*(?:forwarded|original)[ \t]+message", re.IGNORECASE)
_SUBJECT_LINE = re.compile(r"^[ \t>]*subject[ \t]*:[ \t]*([^\n]+)$", re.IGNORECASE | re.MULTILINE)
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fw|fwd|aw|wg|回复|回覆|转发|轉寄)\s*[:：])+", re.IGNORECASE)


def _nth_line_end(text: str, n: int) -> int:
    """Where the ``n``-th line of ``text`` ends (its length when it has fewer lines)."""
    at = -1
    for _ in range(n):
        at = text.find("\n", at + 1)
        if at < 0:
            return len(text)
    return at


def parse_document(text: str) -> tuple[str, str]:
    """Split a job description into its title (the first non-empty line; for an e-mail, its subject) and body.

    >>> parse_document("# Data Scientist, Growth\\n\\nWe are hiring.")
    ('Data Scientist, Growth', 'We are hiring.')
    >>> parse_document("职位名称：数据工程师\\n负责数仓建设")
    ('数据工程师', '负责数仓建设')
    >>> parse_document("From: Ann\\nSubject: RE: Fwd: Research ML Engineer\\n\\nHi Bo,")[0]
    'Research ML Engineer'
    """
    text = text.lstrip("\ufeff")
    first = _NON_SPACE.search(text)
    if first is None:
        return "", ""
    start = max(text.rfind(sep, 0, first.start()) for sep in "\n\r") + 1
    end = _LINE_END.search(text, first.start())
    line = text[start:end.start() if end else len(text)]
    title = _TITLE_LABEL.sub("", line[:MAX_TITLE]).strip().strip("#*_ ").strip()
    if _EMAIL_HEADER_LINE.match(title):  # an e-mail: the role is named in its subject
        subject = _SUBJECT_LINE.search(text, first.start(), first.start() + SUBJECT_REACH)
        if subject:
            title = _REPLY_PREFIX.sub("", subject.group(1)[:MAX_TITLE]).strip()
    body = text[end.end():] if end else ""
    return title, "\n".join(body.splitlines()).strip() if "\r" in body or "\u2028" in body else body.strip()


# ---------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------


@dataclass
class Extraction:
    """What one job description asks for, and why."""

    track: str | None
    confidence: float
    tools: list[str]
    skills: list[str]
    evidence: dict[str, Any] = field(default_factory=dict)
    #: Words that look like technologies the graph does not know: ``{"term", "why", "line", "near"}``
    #: (found when first asked for, through ``unknown()``).
    unknown_terms: list[dict[str, str]] = field(default_factory=list)
    pending: Callable[[], list[dict[str, str]]] | None = field(default=None, repr=False, compare=False)

    def unknown(self) -> list[dict[str, str]]:
        """The unknown terms, looked for on the first call (most callers never need them)."""
        if self.pending is not None:
            self.unknown_terms, self.pending = self.pending(), None
        return self.unknown_terms

    def as_dict(self) -> dict[str, Any]:
        return {"track": self.track, "confidence": self.confidence, "tools": self.tools,
                "skills": self.skills, "unknown_terms": self.unknown(), "evidence": self.evidence}


def extract(text: str, graph: KnowledgeGraph) -> Extraction:
    """The tools, skills and track of one job description.

    Skills count when named or when implied by a tool (Airflow -> orchestration);
    ``evidence`` says which, lists the hits that were not counted and why, and
    explains the track.

    >>> from kg.loaders.curated import load_graph
    >>> e = extract("MLOps Engineer\\nRun Kubeflow on k8s; deploy models with Airflow and Docker.", load_graph())
    >>> e.track, e.tools
    ('infra-mle', ['airflow', 'docker', 'kubeflow', 'kubernetes'])
    >>> e.evidence["skills"]["orchestration"]
    {'named': [], 'implied_by': ['airflow', 'kubeflow']}
    """
    vocab = vocabulary(graph)
    title, body = parse_document(text)
    mentions = find_mentions(text, vocab)
    found = mentions.found
    tools = sorted(n for n in found if vocab.labels.get(n) == "Tool")
    skill_ev: dict[str, dict[str, list[str]]] = {}
    for n in found:
        if vocab.labels.get(n) == "Skill":
            skill_ev.setdefault(n, {"named": [], "implied_by": []})["named"] = found[n]
    for t in tools:
        for s in vocab.implies.get(t, ()):
            skill_ev.setdefault(s, {"named": [], "implied_by": []})["implied_by"].append(t)
    skills = sorted(skill_ev)
    track, confidence, why = classify(title, body, tools, skills, vocab)
    evidence = {
        "tools": {t: found[t] for t in tools},
        "skills": {s: skill_ev[s] for s in skills},
        "levels": mentions.levels,
        "not_counted": mentions.not_counted[:MAX_EVIDENCE],
        "senses": mentions.senses[:MAX_EVIDENCE],
        "track": why,
    }

    def unknown() -> list[dict[str, str]]:
        spans = [(a, b, n) for a, b, key in mentions.spans for n in sorted(vocab.nodes[key])[:1]
                 if vocab.labels.get(n) == "Tool"]
        covered = [(a, b) for a, b, _ in mentions.spans] + [(r["at"], r["at"] + len(r["term"])) for r in mentions.not_counted]
        return [{"term": c.term, "why": c.why, "line": c.line, "near": c.near}
                for c in unknown_terms(text, vocab, spans, covered)]

    return Extraction(track, confidence, tools, skills, evidence, pending=unknown)


_WORD_EDGES = re.compile(rf"^\(\?<!\[{_WORD}\]\)|(?:\(\?!\[[^\]]*\]\))+$")


@functools.lru_cache(maxsize=4096)
def _title_literal(pattern: str) -> str:
    """The lowercase name a track-title pattern looks for (a cheap test before the pattern runs)."""
    return re.sub(r"\\(.)", r"\1", _WORD_EDGES.sub("", pattern)).lower()


#: A negation right before a cue phrase, in its clause ("we don't ship the production ranker").
_NEGATED_CUE = re.compile(r"(?:not|no|never|without|don['’]t|doesn['’]t|won['’]t|isn['’]t|aren['’]t|nor)\b[^.;:\n]{0,40}$|"
                          r"(?:不|没有|沒有|无需|無需|不需要|不涉及)[^，。；：\n]{0,10}$", re.IGNORECASE)


def _negated_cue(body: str, at: int, negations: list[int]) -> bool:
    """Whether a negation stands before the cue at ``at``, in its clause (a word, not the end of "know").
    ``negations``: where the posting's negation words are (found once), so most cues are answered by bisection."""
    i = bisect.bisect_left(negations, at - 50)
    if i == len(negations) or negations[i] >= at:
        return False
    for m in _NEGATED_CUE.finditer(body, max(0, at - 50), at):
        if m.start() == 0 or not body[m.start() - 1].isalpha() or not m.group().isascii():
            return True
    return False


#: The words a negated cue starts with (see ``_NEGATED_CUE``).
_NEGATION_WORD = re.compile(r"n(?:o|ot|or|ever)\b|without\b|n['’]t\b|不|没有|沒有|无需|無需", re.IGNORECASE)
#: The same, for lowercased text (where lowercasing keeps positions): matched case-sensitively, it is faster.
_NEGATION_WORD_LOW = re.compile(_NEGATION_WORD.pattern)


_TRADITIONAL = str.maketrans(dict(zip(TRADITIONAL_CHARS[::2], TRADITIONAL_CHARS[1::2])))
_TRADITIONAL_WORD = re.compile("|".join(TRADITIONAL_WORDS))
#: Any character that ``simplified`` changes: most postings have none, and are not translated.
_TRADITIONAL_HINT = re.compile("[" + "".join(sorted({t for t, s in zip(TRADITIONAL_CHARS[::2], TRADITIONAL_CHARS[1::2]) if t != s}))
                               + "]")


def _traditional(text: str) -> bool:
    """Whether ``simplified`` would change the text (most postings are English or simplified Chinese)."""
    return not text.isascii() and (_TRADITIONAL_HINT.search(text) is not None or _TRADITIONAL_WORD.search(text) is not None)


def simplified(text: str) -> str:
    """Chinese text in simplified characters and mainland words, for the title rules and cues.

    >>> simplified("資料科學家（機器學習）")
    '数据科学家（机器学习）'
    """
    return _TRADITIONAL_WORD.sub(lambda m: TRADITIONAL_WORDS[m.group()], text).translate(_TRADITIONAL)


def _title_says(title: str, vocab: Vocabulary) -> tuple[dict[str, float], dict[str, str]]:
    """The tracks a title names, with their weights and the words that name them. Titles repeat across a
    corpus ("Data Engineer", "Senior Data Scientist"), so each is worked out once per vocabulary."""
    cache = vocab.title_cache
    said = cache.get(title)
    if said is not None:
        return said
    tracks = vocab.tracks
    title_score: dict[str, float] = {}
    title_hits: dict[str, str] = {}
    title_spans: dict[str, tuple[int, int]] = {}
    low_title = title.lower()
    for literal, rx, track in vocab.title_checks:
        m = rx.search(title) if literal in low_title else None
        if m and title_score.get(track, 0) < 3.0:
            title_score[track], title_hits[track], title_spans[track] = 3.0, m.group(), m.span()
    for track, weight, rx in _TITLE_RULES:
        m = rx.search(title)
        if m and track in tracks and title_score.get(track, 0) < weight:
            title_score[track], title_hits[track], title_spans[track] = weight, m.group(), m.span()
    weights = dict(title_score)
    for track, (a, b) in title_spans.items():
        if any(o != track and c < b and a < d and (weights[o] > weights[track] or (c <= a and b <= d and d - c > b - a))
               for o, (c, d) in title_spans.items()):
            # words of the title that two rules share name one role, the more specific one's: "ML Engineer" in
            # "Research ML Engineer" is not a second role, nor is "Platform Engineer" in "ML Platform Engineer"
            del title_score[track], title_hits[track]
    if len(cache) >= TITLE_CACHE:
        cache.clear()  # bounded: a corpus of distinct titles costs what it did without the cache
    cache[title] = title_score, title_hits
    return title_score, title_hits


def classify(title: str, body: str, tools: list[str], skills: list[str],
             vocab: Vocabulary) -> tuple[str | None, float, dict[str, Any]]:
    """The track of a posting from its title and body: ``(track or None, confidence, evidence)``.

    The title gives a head start; the body's wording (cues such as "on-call" or
    "A/B testing") and how well its skills fit each track's requirements in the
    graph can overrule it.
    """
    if _traditional(title) or _traditional(body):
        title, body = simplified(title), simplified(body)
    tracks = vocab.tracks
    title_score, title_hits = _title_says(title, vocab)
    if not title_hits:  # a line further down that labels the role ("**Title:** …", "🚨 Hiring: …")
        head = body[:_nth_line_end(body, LABEL_LINES)]
        for m in _LABELLED_TITLE.finditer(head):
            label = m.group(1).strip(" *_")
            title_score, title_hits = _title_says(label, vocab)
            if title_hits:
                title = label
                break
    if not title_hits:  # a letterhead first (a scraped PDF or Word file): the role's title on one of the next short lines
        lines = (x.strip().strip("#*_ ").strip() for x in body.splitlines() if x.strip())
        for line in itertools.islice((x for x in lines if not _EMAIL_HEADER_LINE.match(x)), LETTERHEAD_LINES):
            if len(line) > HEADING_LINE:
                break
            title_score, title_hits = _title_says(line, vocab)
            if title_hits:
                title = line
                break
    cue_score: dict[str, float] = {}
    cue_words: dict[str, list[str]] = {}
    low = body.lower()
    found = _NEGATION_WORD_LOW.finditer(low) if len(low) == len(body) else _NEGATION_WORD.finditer(body)
    negations = [m.start() for m in found]
    seen: set[str] = set()
    for a, b in find_folded(CUE_PATTERN, body, low):
        phrase = body[a:b]
        key = _term_key(phrase)  # (cached: the cue phrases repeat across postings)
        if key in seen:
            continue
        if _negated_cue(body, a, negations):
            continue  # "we don't ship the production ranker": not a production cue
        seen.add(key)
        for track, weight in CUE_TABLE.get(key, ()):
            if track in tracks:
                cue_score[track] = min(CUE_CAP, cue_score.get(track, 0.0) + weight)
                cue_words.setdefault(track, []).append(phrase)
    sums = dict.fromkeys(vocab.track_skills, 0.0)
    for s in set(skills):  # each skill adds its weight (1 or 0.5: the sums are exact in any order) to the tracks needing it
        for track, weight in vocab.skill_tracks.get(s, ()):
            sums[track] += weight
    totals = vocab.track_totals
    profile = {t: round(PROFILE_WEIGHT * sums[t] / totals[t], 2) for t in vocab.track_skills if totals[t]}
    scores = {t: round(title_score.get(t, 0) + cue_score.get(t, 0) + profile.get(t, 0), 2) for t in tracks}
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    best, top = ranked[0] if ranked else (None, 0.0)
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    evidence: dict[str, Any] = {"title": title, "title_says": dict(title_hits),
                                "cues": cue_words, "scores": {t: s for t, s in ranked if s > 0}}
    technical = bool(tools or skills)
    if not technical or (not title_hits and (top < BODY_ONLY or len(tools) + len(skills) < 3)):
        why = ("no tools or skills from the graph" if not technical else
               f"no role in the title and too little in the body (best: {best} {top})")
        evidence["reason"] = f"not a DS/ML/data/infra role: {why}"
        strength = top if technical else 0.0
        return None, round(1 - strength / (strength + BODY_ONLY) / 2, 2), evidence
    def overrule(track: str) -> tuple[str, float, float]:
        """The track a title rule decides over the scores: (best, top, second)."""
        return track, max(top, scores[track]), max((v for t, v in ranked if t != track), default=0.0)

    if "pm" in title_hits and best != "pm" and "pm" in scores:
        # a product manager's title names the role; the body's technical words name the product's area
        # ("Senior Product Manager — ML Platform" is a PM whose posting is full of platform cues)
        evidence["pm_title"] = f"'{title_hits['pm']}' in the title: pm, whatever the product's area"
        best, top, second = overrule("pm")
    engineer = ENGINEER_TITLE.search(title)
    builds = cue_score.get("production-mle", 0.0) + cue_score.get("research-mle", 0.0)
    if best == "research-scientist" and engineer and not SCIENTIST_TITLE.search(title) and "research-mle" in scores \
            and ("research-mle" in title_hits or builds >= SHIPS):
        # An engineer who publishes is still an engineer when the role builds or ships models: the title
        # names research engineering, or the body says so (an engineer's title on a role that only
        # publishes is a template's, not the work's)
        evidence["engineer_title"] = f"'{engineer.group()}' in the title: research-mle, not research-scientist"
        best, top, second = overrule("research-mle")
    named = next(iter(sorted(title_hits, key=lambda t: -title_score[t])), None)
    if named and named != best and scores.get(named) == top:
        best, top, second = overrule(named)  # a tie between the title's track and another: the title decides
    confidence = top / (top + second) if top + second else 0.0
    confidence *= min(1.0, top / 6)
    assert best is not None  # there are tracks, or the posting was not technical above
    words = ", ".join(cue_words.get(best or "", [])[:5])
    body = f"cues: {words}" if words else f"no cue words; its skills fit {best} ({profile.get(best or '', 0)})"
    if named == best:
        reason = (f"title '{title_hits[best]}' names {best}; the body agrees (cues: {words})" if words else
                  f"title '{title_hits[best]}' names {best}; nothing in the body points elsewhere")
    elif named:
        reason = (f"title '{title_hits[named]}' suggests {named}, but the body points to {best} "
                  f"({body}; {best} {top} vs {named} {scores[named]})")
    else:
        reason = f"no role in the title; the body points to {best} ({body})"
    evidence["reason"] = reason
    return best, round(confidence, 2), evidence


# ---------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------


def decode_document(raw: bytes, name: str = "<text>", max_bytes: int = MAX_BYTES) -> str:
    """The text of a job description from its bytes, or ``DataError`` saying why it cannot be one.

    >>> decode_document("数据科学家".encode())
    '数据科学家'
    >>> decode_document(b"\\x00\\x01PK")
    Traceback (most recent call last):
    kg.errors.DataError: <text>: binary file, not text
    """
    return documents.decode_text(raw, name, max_bytes)


def read_document(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> str:
    """Read one job description file: text, Markdown, HTML, PDF or DOCX (``kg.loaders.documents.read_text``)."""
    return documents.read_text(path, max_bytes)


def read_stdin(stream: Any, max_bytes: int = MAX_BYTES) -> str:
    """A job description from standard input (``-``): at most ``max_bytes``, text only."""
    return documents.decode_text(documents.read_stream(stream, "<stdin>", max_bytes), "<stdin>", max_bytes)


def scan_inputs(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[tuple[str, Path]], list[tuple[str, str]]]:
    """``([(document id, path)], [(path, why skipped)])`` for the files and folders given.

    Folders are walked; files with an ending that is not a document
    (``TEXT_SUFFIXES``), hidden files and anything that is not a regular file
    are skipped, each with its reason. A file named on its own is always
    tried (reading it says what is wrong). The id is the path relative to the
    folder given, so it is stable across machines.
    """
    items: list[tuple[str, Path]] = []
    skipped: list[tuple[str, str]] = []
    for top in paths:
        root = Path(top)
        if root.is_dir():
            for p in sorted(root.rglob("*")):
                rel = p.relative_to(root)
                if p.is_dir() or any(part.startswith(".") for part in rel.parts[:-1]):
                    continue
                if p.name.startswith("."):
                    skipped.append((str(p), "hidden file"))
                elif p.is_symlink() and not p.exists():
                    skipped.append((str(p), "broken link"))
                elif not p.is_file():
                    skipped.append((str(p), "not a regular file"))
                elif p.suffix.lower() not in TEXT_SUFFIXES:
                    skipped.append((str(p), f"not a document type ({p.suffix or 'no ending'}; reads {', '.join(TEXT_SUFFIXES)})"))
                else:
                    items.append((rel.as_posix(), p))
        elif root.exists() or root.is_symlink():
            items.append((root.name, root))
        else:
            raise DataError(f"{root}: no such file or folder")
    return items, skipped


def iter_corpus(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, Path]]:
    """``(document id, path)`` for every job description under ``paths`` (folders are walked)."""
    yield from scan_inputs(paths)[0]


# ---------------------------------------------------------------------------
# Corpus -> demand
# ---------------------------------------------------------------------------


@dataclass
class Corpus:
    """The outcome of ``ingest_corpus``: each document's extraction, what was skipped, the data file."""

    documents: dict[str, Extraction]
    skipped: list[tuple[str, str]]
    data: dict[str, Any]


#: New requirements (a tool or skill the graph did not link to a track) need this
#: share of the track's postings; existing ones always get their figures.
MIN_SHARE = 0.2
#: A new requirement mentioned by at least this share of postings is core, else bonus.
#: Above 1 by default: demand annotates a track's profile, it does not rewrite its core.
CORE_SHARE = 1.01


def build_demand(documents: dict[str, Extraction], graph: KnowledgeGraph,
                 min_share: float = MIN_SHARE, core_share: float = CORE_SHARE) -> dict[str, Any]:
    """A data file (as a dict) with one ``REQUIRES`` per track and demanded skill or tool.

    Each carries ``source: jd`` and ``evidence: {count, total, track, documents}``.
    Requirements the graph already has keep their level (and get figures even
    when no posting names them); new ones are added when at least ``min_share``
    of the track's postings name them, as ``bonus`` (``core`` from ``core_share`` on).

    >>> from kg.loaders.curated import load_graph
    >>> g = load_graph()
    >>> docs = {"a.md": Extraction("infra-mle", 0.9, ["kubernetes"], ["cluster-management"]),
    ...         "b.md": Extraction("infra-mle", 0.8, [], ["ci-cd"])}
    >>> rels = build_demand(docs, g)["relationships"]
    >>> [(r["to"], r["level"], r["evidence"]["count"]) for r in rels if r["to"] in ("kubernetes", "ci-cd")]
    [('ci-cd', 'core', 1), ('kubernetes', 'bonus', 1)]
    """
    by_track: dict[str, list[str]] = {}
    for doc_id, ex in documents.items():
        if ex.track is not None:
            by_track.setdefault(ex.track, []).append(doc_id)
    rels = []
    for track in sorted(by_track):
        docs = sorted(by_track[track])
        total = len(docs)
        mentions: dict[str, list[str]] = {}
        for d in docs:
            for n in [*documents[d].skills, *documents[d].tools]:
                mentions.setdefault(n, []).append(d)
        existing = {end: props for end, props in graph.out(track, "REQUIRES")}
        for target in sorted(set(mentions) | set(existing)):
            named = mentions.get(target, [])
            if target not in existing and len(named) < max(1, min_share * total):
                continue
            level = existing[target].get("level", "core") if target in existing else (
                "core" if len(named) >= core_share * total else "bonus")
            rels.append({
                "type": "REQUIRES", "from": track, "to": target, "level": level, "source": "jd",
                "evidence": {"count": len(named), "total": total, "track": track, "documents": named},
            })
    return {"version": 1, "relationships": rels}


def ingest_corpus(paths: Iterable[str | os.PathLike[str]], graph: KnowledgeGraph, *,
                  min_share: float = MIN_SHARE, core_share: float = CORE_SHARE, on_document: Callable[[str, Extraction | None], None] | None = None,
                  items: list[tuple[str, Path]] | None = None) -> Corpus:
    """Extract every job description under ``paths``; unreadable ones are skipped, not fatal."""
    documents: dict[str, Extraction] = {}
    skipped: list[tuple[str, str]] = []
    for doc_id, path in (items if items is not None else list(iter_corpus(paths))):
        try:
            ex: Extraction | None = extract(read_document(path), graph)
        except DataError as e:
            skipped.append((str(path), str(e)))
            ex = None
        if ex is not None:
            documents[doc_id] = ex
        if on_document:
            on_document(doc_id, ex)
    return Corpus(documents, skipped, build_demand(documents, graph, min_share, core_share))


def ingest(paths: Iterable[str | os.PathLike[str]], graph: KnowledgeGraph, min_share: float = MIN_SHARE) -> dict[str, Any]:
    """The data file (as a dict) of demand measured in the job descriptions under ``paths``."""
    return ingest_corpus(paths, graph, min_share=min_share).data


def dump_data_file(data: dict[str, Any], header: str = "") -> str:
    """The data file as YAML text, each requirement on a few readable lines.

    >>> print(dump_data_file({"version": 1, "relationships": [{"type": "REQUIRES", "from": "ds", "to": "sql",
    ...       "level": "core", "source": "jd", "evidence": {"count": 1, "total": 1, "track": "ds", "documents": ["a.md"]}}]}))
    version: 1
    relationships:
    - type: REQUIRES
      from: ds
      to: sql
      level: core
      source: jd
      evidence:
        count: 1
        total: 1
        track: ds
        documents: [a.md]
    <BLANKLINE>
    """
    import yaml

    lines = [f"# {h}".rstrip() for h in header.splitlines()] if header else []
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: a corpus's evidence lists are long
    body = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=None, width=120)
    return "\n".join(lines + [body]) if lines else body


def write_data_file(data: dict[str, Any], path: str | os.PathLike[str], header: str = "") -> None:
    """Write ``data`` as a YAML data file that ``kg --data`` reads back."""
    try:
        Path(path).write_text(dump_data_file(data, header), encoding="utf-8")
    except OSError as e:
        raise DataError(f"{path}: cannot be written ({e.strerror})") from None


# ---------------------------------------------------------------------------
# Demand ranking
# ---------------------------------------------------------------------------


def _ranked(counts: dict[str, set[str]], total: int, graph: KnowledgeGraph, kinds: tuple[str, ...],
            top: int | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"id": n, "name": graph.name(n) if n in graph else n, "label": graph.label(n) if n in graph else "?",
         "count": len(docs), "share": round(len(docs) / total, 3) if total else 0.0}
        for n, docs in counts.items() if docs and (graph.label(n) if n in graph else "?") in kinds]
    rows.sort(key=lambda r: (-int(r["count"]), str(r["id"])))
    return rows[:top] if top else rows


def rank_demand(per_track: dict[str, dict[str, set[str]]], totals: dict[str, int], graph: KnowledgeGraph, *,
                kinds: tuple[str, ...] = ("Tool", "Skill"), top: int | None = None) -> dict[str, Any]:
    """The tools and skills most postings ask for, overall and per track, with counts and shares.

    ``per_track`` maps a track to ``{node id: ids of the postings naming it}``,
    ``totals`` a track to its number of postings.

    >>> from kg.loaders.curated import load_graph
    >>> r = rank_demand({"ds": {"sql": {"a", "b"}, "python": {"a"}}, "devops": {"python": {"c"}}},
    ...                 {"ds": 2, "devops": 1}, load_graph(), kinds=("Tool",))
    >>> [(x["id"], x["count"], x["share"]) for x in r["overall"]]
    [('python', 2, 0.667), ('sql', 2, 0.667)]
    >>> [(x["id"], x["count"], x["share"]) for x in r["tracks"]["ds"]["top"]]
    [('sql', 2, 1.0), ('python', 1, 0.5)]
    """
    overall: dict[str, set[str]] = {}
    for counts in per_track.values():
        for n, docs in counts.items():
            overall.setdefault(n, set()).update(docs)
    total = sum(totals.values())
    tracks = {t: {"name": graph.name(t) if t in graph else t, "postings": totals[t],
                  "top": _ranked(per_track.get(t, {}), totals[t], graph, kinds, top)}
              for t in sorted(totals, key=lambda t: (-totals[t], t))}
    return {"postings": total, "overall": _ranked(overall, total, graph, kinds, top), "tracks": tracks}


def demand_of_documents(documents: dict[str, Extraction]) -> tuple[dict[str, dict[str, set[str]]], dict[str, int]]:
    """``(per_track, totals)`` for ``rank_demand`` from extracted postings (those with a track)."""
    per_track: dict[str, dict[str, set[str]]] = {}
    totals: dict[str, int] = {}
    for doc_id, ex in documents.items():
        if ex.track is None:
            continue
        totals[ex.track] = totals.get(ex.track, 0) + 1
        for n in [*ex.tools, *ex.skills]:
            per_track.setdefault(ex.track, {}).setdefault(n, set()).add(doc_id)
    return per_track, totals


def demand_of_graph(graph: KnowledgeGraph) -> tuple[dict[str, dict[str, set[str]]], dict[str, int]]:
    """``(per_track, totals)`` for ``rank_demand`` from the job-description evidence loaded in the graph.

    Empty when no demand file is loaded (``kg ingest`` writes one).
    """
    from kg.model import demand

    per_track: dict[str, dict[str, set[str]]] = {}
    totals: dict[str, int] = {}
    for start, end, props in graph.relationships("REQUIRES"):
        ev = demand(props)
        if not ev:
            continue
        totals[start] = max(totals.get(start, 0), int(ev.get("total") or 0))
        docs = ev.get("documents")
        ids = {str(d) for d in docs} if isinstance(docs, list) else {f"{start}#{i}" for i in range(int(ev.get("count") or 0))}
        per_track.setdefault(start, {})[end] = ids
    return per_track, totals
