"""Reading a CV: the tools and skills it shows, and the person's current role.

Tools and skills come from the job-description extractor (``kg.loaders.jd``);
a skill counts as known only when the CV names it (a tool never stands for its
skill). The current role is the first track title in the CV outside lines that
say what the person wants (``seeking``, ``目标`` …). Everything recognised is
listed, so the user can correct it in a profile (``--save-profile``).
"""
from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

#: A line with one of these says what the person wants, not what they are.
WANTS = re.compile(
    r"seek|aspir|looking for|objective|goal|target|transition|interested in|want|hope|career change|"
    r"求职|意向|目标|希望|转型|期望|应聘", re.IGNORECASE)

#: A line with one of these is about studies, not a job ("MSc Data Science" is no data scientist).
STUDIES = re.compile(
    r"\b(?:b\.?sc|m\.?sc|ph\.?d|bachelor|master|degree|student|university|college|course|coursework|"
    r"graduat\w*|thesis)\b|学位|本科|硕士|博士|大学|学院|学生|毕业|课程", re.IGNORECASE)

#: Role words that are not in the graph's track names but say which track a title is.
ROLE_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("research-mle", re.compile(r"research(?:\s+\w+)?\s+(?:ml|machine learning)\s+engineer|applied scientist|"
                                r"研究型", re.IGNORECASE)),
    ("infra-mle", re.compile(r"ml\s*ops|ml platform|machine learning platform|ml infra\w*|"
                             r"机器学习平台|基础设施", re.IGNORECASE)),
    ("production-mle", re.compile(r"(?:ml|machine learning|ai)\s+engineer|机器学习工程师|算法工程师|"
                                  r"AI\s*工程师", re.IGNORECASE)),
    ("research-scientist", re.compile(r"research scientist|研究员|科学家（研究）", re.IGNORECASE)),
    ("ds", re.compile(r"data scien\w+|数据科学|data analyst|数据分析师|analytics", re.IGNORECASE)),
    ("data-engineer", re.compile(r"data engineer|big data|数据工程|大数据|数据开发|etl developer", re.IGNORECASE)),
    ("devops", re.compile(r"devops|site reliability|\bSRE\b|platform engineer|运维", re.IGNORECASE)),
    ("sde", re.compile(r"software (?:development )?engineer|software developer|backend|back-end|full[- ]stack|"
                       r"\bSWE\b|\bSDE\b|软件工程师|后端|开发工程师|前端", re.IGNORECASE)),
    ("pm", re.compile(r"product manager|产品经理", re.IGNORECASE)),
]


def clean(text: str) -> str:
    r"""The text with NUL characters dropped (some PDFs' CJK text comes out as "\x00陈\x00思").

    >>> clean("\x00陈\x00思\x00远 Data")
    '陈思远 Data'
    """
    return text.replace("\x00", "")


def current_role(text: str, graph: "KnowledgeGraph") -> dict[str, Any] | None:
    """The person's current role: the first line naming a track that is neither a wish nor studies.

    >>> from kg.loaders.curated import load_graph
    >>> current_role("Ana Li\\nObjective: ML engineer\\nSenior Data Scientist, Shop Inc (2021-now)", load_graph())
    {'track': 'ds', 'title': 'Senior Data Scientist, Shop Inc (2021-now)', 'line': 3}
    >>> current_role("MSc in Data Science, 2025\\nIntern, Software Engineer at Y", load_graph())["track"]
    'sde'

    """
    from kg.loaders.jd import vocabulary

    vocab = vocabulary(graph)
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip().strip("#*_-|> ").strip()
        if not stripped or WANTS.search(stripped) or STUDIES.search(stripped):
            continue
        hits: list[tuple[int, str]] = []
        for rx, track, _ in vocab.track_titles:
            m = rx.search(stripped)
            if m:
                hits.append((m.start(), track))
        for track, rx in ROLE_WORDS:
            if track not in graph:
                continue
            m = rx.search(stripped)
            if m:
                hits.append((m.start(), track))
        if hits:
            _, track = min(hits, key=lambda h: (h[0], _rank(h[1])))
            return {"track": track, "title": stripped[:120], "line": n}
    return None


def _rank(track: str) -> int:
    order = [t for t, _ in ROLE_WORDS]
    return order.index(track) if track in order else len(order)


def extract_cv(text: str, graph: "KnowledgeGraph") -> dict[str, Any]:
    """What a CV shows: tools, the skills it names, and the current role.

    >>> from kg.loaders.curated import load_graph
    >>> cv = extract_cv("Data Engineer at Acme\\nBuilt ETL in Airflow, Spark and SQL on AWS.", load_graph())
    >>> cv["role"]["track"], cv["tools"], cv["skills"]
    ('data-engineer', ['airflow', 'aws', 'spark', 'sql'], ['data-pipeline'])
    """
    from kg.loaders.jd import extract

    found = extract(text, graph)
    named = [s for s in found.skills if found.evidence["skills"].get(s, {}).get("named")]
    return {
        "role": current_role(text, graph),
        "tools": list(found.tools),
        "skills": named,
        "evidence": {"tools": found.evidence.get("tools", {}),
                     "skills": {s: found.evidence["skills"][s]["named"] for s in named}},
    }


def read_cv(path: str | os.PathLike[str], graph: "KnowledgeGraph") -> dict[str, Any]:
    """Read a CV file (text, Markdown, HTML, PDF or DOCX) and extract it; ``file`` names it."""
    from kg.loaders.documents import read_text

    text = clean(read_text(path))
    return {"file": str(path), **extract_cv(text, graph)}
