"""Technologies the graph does not know yet: candidates in a posting, and across a corpus.

A candidate is a word that looks like a product name where technology is
named: next to a known tool in a list ("Python, Looker and dbt"), or written
with a version ("TensorRT 8.6", "vLLM 0.4"), or spelled like software
(CamelCase such as "ClickHouse", a lower-case start with capitals such as
"vLLM"). Ordinary capitalised words, acronyms that are not products, and
every name the graph already knows are left out.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.loaders.jd import Extraction, Vocabulary

    from kg.model import KnowledgeGraph

#: A product-like token: starts with a letter, may hold digits, dots, plus signs ("C#", "Node.js").
_TOKEN = r"[A-Za-z][A-Za-z0-9]*(?:[.+#][A-Za-z0-9+#]+)*[+#]*"
#: What separates the items of a technology list.
_GLUE = r"\s*(?:,|/|、|，|;|\band\b|\bor\b|&|\+|和|或|及|与)\s*(?:and\s+|or\s+)?"
_AFTER = re.compile(rf"(?:{_GLUE})({_TOKEN})(?:\s+({_TOKEN}))?")
_GLUE_ENDS = (",", "/", "、", "，", ";", "&", "+", "和", "或", "及", "与", " and", " or")
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+#")
_HAS_VERSION = re.compile(r"\d\.[\dx]")
_VERSIONED = re.compile(r"(?<![\w.])([A-Za-z][A-Za-z0-9]*[A-Za-z])[ -]?v?(\d+(?:\.\d+)+|\d+\.x)(?!\w|\.\w)")
_SOFTWARE_SPELLING = re.compile(r"^(?:[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[A-Z]{2,}[a-z]+[A-Za-z]*)$")

#: Capitalised words that are not technologies (sentence starters, roles, degrees, places, generic acronyms).
NOT_TECHNOLOGY = frozenset(["a", "an", "and", "or", "the", "we", "you", "our", "your", "they", "it", "this", "that", "these", "those", "with", "without", "for", "from", "into", "on", "in", "at", "by", "of", "to", "as", "is", "are", "be", "experience", "knowledge", "strong", "solid", "deep", "good", "great", "excellent", "familiarity", "proficiency", "plus", "bonus", "nice", "preferred", "required", "must", "should", "will", "can", "may", "might", "also", "including", "include", "such", "like", "etc", "e.g", "i.e", "other", "others", "similar", "equivalent", "modern", "tools", "tooling", "tool", "stack", "stacks", "platform", "platforms", "framework", "frameworks", "library", "libraries", "language", "languages", "service", "services", "cloud", "data", "model", "models", "pipeline", "pipelines", "system", "systems", "team", "teams", "role", "roles", "engineer", "engineers", "scientist", "scientists", "manager", "analyst", "developer", "developers", "lead", "senior", "junior", "staff", "principal", "intern", "phd", "msc", "bsc", "ms", "bs", "ba", "ma", "mba", "degree", "api", "apis", "sdk", "sdks", "ai", "ml", "dl", "llm", "llms", "nlp", "cv", "gpu", "gpus", "cpu", "cpus", "tpu", "tpus", "etl", "elt", "sla", "slo", "slos", "sli", "kpi", "kpis", "okr", "okrs", "roi", "ci", "cd", "cicd", "iac", "sre", "qa", "ux", "ui", "ab", "a/b", "rest", "http", "https", "json", "yaml", "xml", "csv", "html", "css", "url", "sql", "nosql", "oltp", "olap", "dag", "dags", "crud", "us", "usa", "uk", "eu", "emea", "apac", "china", "beijing", "shanghai", "shenzhen", "hangzhou", "london", "berlin", "paris", "remote", "hybrid", "onsite", "hq", "q1", "q2", "q3", "q4", "h1", "h2", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "linux", "unix", "windows", "macos", "ios", "android", "java", "javascript", "typescript", "rust", "ruby", "php", "perl", "bash", "shell", "excel", "word", "powerpoint", "office", "google", "microsoft", "amazon", "meta", "apple", "nvidia", "intel", "amd", "alibaba", "tencent", "baidu", "bytedance", "openai", "anthropic"])


@dataclass
class Candidate:
    """One unknown term in one posting."""

    term: str
    why: str
    line: str
    near: str = ""


def _known(word: str, vocab: Vocabulary) -> bool:
    key = _key(word)
    return key in vocab.nodes or key.rstrip("s") in vocab.nodes or key in NOT_TECHNOLOGY or key.rstrip("s") in NOT_TECHNOLOGY


@functools.lru_cache(maxsize=1 << 14)
def _key(word: str) -> str:
    return re.sub(r"[\s_\-]+", "", word.lower())


def _line(text: str, pos: int) -> str:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    line = text[lo:hi if hi >= 0 else len(text)].strip(" -*•\t")
    return line if len(line) <= 160 else line[:157] + "…"


def _token_before(text: str, start: int) -> tuple[str, int] | None:
    """The product-like word listed right before ``start`` ("Looker, " before "SQL"), and where it starts."""
    seg = text[max(0, start - 40):start].rstrip()
    for glue in _GLUE_ENDS:
        if seg.endswith(glue):
            seg = seg[:-len(glue)].rstrip()
            break
    else:
        return None
    i = len(seg)
    while i > 0 and seg[i - 1] in _TOKEN_CHARS:
        i -= 1
    word = seg[i:]
    if not word or not word[0].isalpha():
        return None
    return word, start - (len(text[max(0, start - 40):start]) - i)


def unknown_terms(text: str, vocab: Vocabulary, spans: list[tuple[int, int, str]], covered: list[tuple[int, int]],
                  limit: int = 20) -> list[Candidate]:
    """Words in ``text`` that look like technologies the vocabulary lacks.

    ``spans`` are the positions of counted tool mentions with the tool's id: a
    product-like word listed next to one is a candidate ("Python, Looker and
    dbt" -> Looker); ``covered`` are the positions of every known name (a word
    inside one, such as "Hugging" in "Hugging Face", is not a candidate).
    """
    out: dict[str, Candidate] = {}
    starts = sorted(covered)

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, (pos, 1 << 62)) - 1
        return i >= 0 and starts[i][0] <= pos < starts[i][1]

    def add(word: str, why: str, pos: int, near: str = "") -> None:
        word = word.rstrip(".")
        if len(word) < 2 or word.lower() in out or _known(word, vocab) or inside(pos):
            return
        if not (word[0].isupper() or _SOFTWARE_SPELLING.match(word) or any(c.isdigit() for c in word)):
            return
        if word.isupper() and len(word) <= 3:
            return  # acronyms of three letters or fewer are rarely products ("KPI", "SLA")
        out[word.lower()] = Candidate(word, why, _line(text, pos), near)

    for start, end, tool in spans[:200]:
        m = _AFTER.match(text, end, end + 40)
        if m:
            add(m.group(1), f"listed with {text[start:end]}", m.start(1), tool)
        before = _token_before(text, start)
        if before:
            add(before[0], f"listed with {text[start:end]}", before[1], tool)
        if len(out) >= limit:
            break
    if spans and _HAS_VERSION.search(text):  # versions only count in a posting that names technology
        for m in _VERSIONED.finditer(text):
            add(m.group(1), f"written with a version ({m.group(2)})", m.start(1))
            if len(out) >= limit:
                break
    return list(out.values())[:limit]


def discover(documents: dict[str, Extraction], min_count: int = 1) -> list[dict[str, Any]]:
    """Unknown terms across a corpus: postings naming each, share overall and per track, an example line.

    >>> from kg.loaders.jd import Extraction
    >>> docs = {"a.md": Extraction("ds", 1.0, [], [], unknown_terms=[{"term": "Looker", "line": "SQL, Looker"}]),
    ...         "b.md": Extraction("ds", 1.0, [], [], unknown_terms=[{"term": "looker", "line": "Looker dashboards"}])}
    >>> [(c["term"], c["count"], c["share"], c["tracks"]) for c in discover(docs)]
    [('Looker', 2, 1.0, {'ds': 1.0})]
    """
    per_track = Counter(ex.track for ex in documents.values())
    seen: dict[str, dict[str, Any]] = {}
    spellings: dict[str, Counter[str]] = {}
    for doc_id in sorted(documents):
        ex = documents[doc_id]
        for cand in ex.unknown():
            key = cand["term"].lower()
            entry = seen.setdefault(key, {"documents": [], "tracks": Counter(), "near": Counter(),
                                          "example": f"{doc_id}: {cand['line']}"})
            if cand.get("near"):
                entry["near"][cand["near"]] += 1
            if doc_id not in entry["documents"]:
                entry["documents"].append(doc_id)
                entry["tracks"][ex.track] += 1
            spellings.setdefault(key, Counter())[cand["term"]] += 1
    total = len(documents) or 1
    rows = []
    for key, entry in seen.items():
        count = len(entry["documents"])
        if count < min_count:
            continue
        rows.append({
            "term": spellings[key].most_common(1)[0][0],
            "count": count,
            "share": round(count / total, 3),
            "tracks": {str(t): round(n / per_track[t], 3) for t, n in sorted(entry["tracks"].items(), key=lambda kv: str(kv[0]))
                       if t is not None},
            "example": entry["example"],
            "near": [t for t, _ in entry["near"].most_common(3)],
            "documents": entry["documents"],
        })
    rows.sort(key=lambda r: (-r["count"], r["term"].lower()))
    return rows


def slug(term: str) -> str:
    """A graph id for a term.

    >>> slug("Node.js"), slug("vLLM"), slug("C#")
    ('node-js', 'vllm', 'c-sharp')
    """
    s = term.lower().replace("#", "-sharp").replace("+", "-plus")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "term"


#: The skill a new tool is linked to when no known tool stood next to it (the reviewer corrects it).
FALLBACK_SKILL = "software-engineering"


def tools_data_file(candidates: list[dict[str, Any]], total: int, graph: KnowledgeGraph) -> dict[str, Any]:
    """A data file (as a dict) proposing each candidate as a Tool node with ``source: jd``, for review.

    Each is linked to the skills of the known tools it was listed with (or to
    ``FALLBACK_SKILL``), so the file loads as it is; ids the graph has are left out.

    >>> from kg.loaders.curated import load_graph
    >>> tool = tools_data_file([{"term": "Looker", "count": 3, "share": 0.5, "tracks": {"ds": 1.0},
    ...     "example": "a.md: SQL, Looker", "near": ["tableau"], "documents": ["a.md"]}], 6, load_graph())["tools"][0]
    >>> tool["id"], tool["skills"], tool["evidence"]
    ('looker', ['data-analysis'], {'count': 3, 'total': 6, 'documents': ['a.md']})
    >>> tool["description"]
    'Named in job postings (ds 100%), e.g. a.md: SQL, Looker'

    """
    tools = []
    used: set[str] = set()
    for c in candidates:
        node_id = slug(c["term"])
        if node_id in used or node_id in graph:
            continue
        used.add(node_id)
        skills = sorted({s for t in c.get("near", []) if t in graph for s, _ in graph.into(t, "USES_TOOL")})
        if not skills and FALLBACK_SKILL in graph:
            skills = [FALLBACK_SKILL]
        shares = ", ".join(f"{t} {v:.0%}" for t, v in c["tracks"].items())
        tools.append({"id": node_id, "name": c["term"], "skills": skills[:3],
                      "description": f"Named in job postings{f' ({shares})' if shares else ''}, e.g. {c['example']}",
                      "source": "jd", "evidence": {"count": c["count"], "total": total, "documents": c["documents"]}})
    return {"version": 1, "tools": tools}
