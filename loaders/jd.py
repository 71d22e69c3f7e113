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

import functools
import os
import re
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..errors import DataError

if TYPE_CHECKING:
    from ..model import KnowledgeGraph

#: File name endings read as job descriptions by ``kg ingest``.
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
#: A job description is a few kilobytes; anything past this is not one.
MAX_BYTES = 1_000_000

# ---------------------------------------------------------------------------
# Matching rules
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """When a term that is also an ordinary word (or a very short name) counts.

    ``case``: only the graph's own spelling counts ("R", "Go", "TF", not "go").
    ``context``: ``"doc"`` -- the posting must be technical (two other, unambiguous
    technology terms) or the term must stand next to technology; ``"local"`` --
    technology must stand next to it (same sentence, a list such as "Python/R",
    or a word like "programming").
    ``before`` / ``after``: regular expressions for the text right before / after
    the hit that mean another sense ("spark plugs", "ball python", "R&D").
    """

    case: bool = False
    context: str = "doc"
    before: str = ""
    after: str = ""
    sense: str = ""


#: Rules keyed by the normalised term (lowercase, no spaces or hyphens). Terms
#: not listed here and longer than two letters are unambiguous technology names.
RULES: dict[str, Rule] = {
    # short names: the technology only where it is written as such, next to technology
    "r": Rule(case=True, context="local", after=r"\s*&|-|['’]\w|\.\s?[A-Z]", sense="R&D, R-squared, initials"),
    "go": Rule(case=True, context="local",
               before=r"(?:no|let['’]?s|on\s+the|to|will|must|can|ready\s+to)[\s-]*$",
               after=r"-|/no|\s+(?:to|live|ahead|beyond|above|back|out|get|getters?|the\s+extra|through|with|and\s+\w+\s+\w+|big|green)\b",
               sense="go-to-market, go live"),
    "tf": Rule(case=True, context="local", after=r"-", sense="TF-IDF"),
    "ml": Rule(case=True, before=r"\d\s*$", sense="millilitres"),
    "cv": Rule(case=True, context="local",
               before=r"(?:your|a|an|the|updated|send|submit|attach|our|with|english|chinese)\s+$",
               after=r"\s*(?:and|&|or|,|/|\+)?\s*(?:a\s+)?(?:cover|portfolio|résumé|resume|references)|\s+to\b|\s+(?:in|via)\s+(?:english|pdf)",
               sense="curriculum vitae"),
    "dl": Rule(case=True, context="local", before=r"(?:valid|class\s+\w+|driver['’]?s?)\s+$", sense="driving licence"),
    "hf": Rule(case=True, context="local"),
    "bq": Rule(case=True, context="local"),
    "pd": Rule(case=True, context="local"),
    "np": Rule(case=True, context="local"),
    "hcl": Rule(case=True, context="local", sense="HCL Technologies"),
    "cxx": Rule(context="local"),
    "gha": Rule(case=True, context="local"),
    "kube": Rule(context="local"),
    "eda": Rule(case=True, sense="electronic design automation"),
    # tools named by ordinary words
    "python": Rule(before=r"(?:ball|royal|burmese|reticulated|rock|carpet|tree|blood|monty|pet)\s+$",
                   after=r"s?\s+(?:snakes?|enclosures?|habitats?|feeding|handling)\b", sense="the snake"),
    "spark": Rule(after=r"\s*(?:plugs?|joy|interest|curiosity|conversations?|ideas?|creativity|change|innovation|debate)\b",
                  before=r"(?:a|the\s+first|creative|electric)\s+$", sense="spark plugs, to spark interest"),
    "docker": Rule(before=r"(?:ship|dock|port|cargo|warehouse)\s*$",
                   after=r"s?\s+(?:crew|gang|union|shifts?)\b", sense="dock worker"),
    "hive": Rule(before=r"(?:bee|a|honey|the\s+busy)\s+$", after=r"s?\s+(?:of\s+activity|frames?|inspections?|boxes|beetles|health)\b",
                 sense="beehive"),
    "airflow": Rule(before=r"(?:proper|adequate|good|optimal|room|duct|cabinet|greenhouse|balanced?|measure|improve|restrict)\s+$",
                    after=r"\s+(?:through|across|around|in\s+the\s+(?:greenhouse|room|building|cabinet))\b", sense="air movement"),
    "snowflake": Rule(before=r"(?:paper|a|each)\s+$", after=r"s?\s+(?:decorations?|ornaments?|pattern|cookies)\b", sense="snow"),
    "tableau": Rule(before=r"(?:vivant|a|living)\s+$", sense="a scene"),
    "pandas": Rule(before=r"(?:giant|red|baby|the)\s+$", after=r"\s+(?:exhibit|enclosure|habitat|keepers?|bamboo)\b", sense="the animal"),
    "kafka": Rule(before=r"(?:franz|like|by)\s+$", after=r"['’]s\s+(?:novels?|the\s+trial|metamorphosis)|esque", sense="the writer"),
    "flask": Rule(context="local", before=r"(?:erlenmeyer|volumetric|vacuum|thermos|hip|round[- ]bottom|conical|culture)\s+$",
                  sense="laboratory glassware"),
    "helm": Rule(context="local", before=r"(?:the|at|take|took|taking)\s+$", sense="steering a ship"),
    "argo": Rule(context="local"),
    "ray": Rule(case=True, context="local", before=r"(?:x|gamma|sting|manta)[\s-]?$|(?:mr|dr|ms|mrs)\.?\s+$", sense="X-ray, a name"),
    "jax": Rule(context="local", sense="a name, Jacksonville"),
    "triton": Rule(context="local", sense="the sea god"),
    "jenkins": Rule(context="local", before=r"(?:mr|mrs|ms|dr|prof)\.?\s+$", sense="a surname"),
    "prometheus": Rule(context="local", sense="the myth"),
    "azure": Rule(case=True, after=r"\s+(?:sky|skies|waters?|sea|coast|blue)\b", sense="the colour"),
    "scala": Rule(before=r"(?:la|teatro\s+alla)\s+$", sense="La Scala"),
    "git": Rule(case=True),
    "dbt": Rule(context="local", after=r"\s+(?:therapy|skills\s+groups?|informed)\b", sense="dialectical behaviour therapy"),
    "aws": Rule(before=r"(?:american\s+welding\s+society)\s*\(?$",
                after=r"\s*(?:D\d|certif\w*|welding|CWI)\b", sense="American Welding Society"),
    "gcp": Rule(before=r"(?:ich|good\s+clinical\s+practice)[\s(-]*$|ich[\s-]*$",
                after=r"\s*(?:guidelines?|compliance|principles|training|certificat\w*|and\s+GLP)\b", sense="Good Clinical Practice"),
    "torch": Rule(before=r"(?:cutting|welding|propane|blow|acetylene|plasma|oxy-?fuel|olympic|tiki)\s+$",
                  after=r"\s+(?:cutting|brazing|welding|soldering)\b", sense="a flame torch"),
    "transformers": Rule(before=r"(?:power|electrical|distribution|step-?up|step-?down|pad-?mounted|pole-?mounted|current|voltage|install)\s+$",
                         after=r"\s+(?:and\s+(?:switchgear|breakers|panels)|,\s*(?:switchgear|breakers|panels))", sense="electrical transformers"),
    # skills named by ordinary words
    "research": Rule(before=r"(?:market|user|customer|clinical|legal|desk)\s+$", sense="market research"),
    "statistics": Rule(before=r"(?:sales|vital|crime)\s+$"),
    "stats": Rule(),
    "monitoring": Rule(before=r"(?:patient|vital\s+signs?|glucose|temperature|soil|site|water|air|noise|fire)\s+$",
                       sense="patient or site monitoring"),
    "alerting": Rule(),
    "orchestration": Rule(before=r"(?:music|musical|band)\s+$", sense="music"),
    "programming": Rule(before=r"(?:tv|television|radio|event|youth|children['’]s|after-?school|fitness)\s+$",
                        sense="events programming"),
    "coding": Rule(before=r"(?:medical|clinical|icd-?\d*|cpt|hcpcs|billing\s+and|colou?r)\s+$",
                   after=r"\s+(?:and\s+billing|guidelines|audits?)\b", sense="medical coding"),
    "cloud": Rule(before=r"(?:rain|storm|dust|word|tag|point|a)\s+$", sense="weather"),
    "containers": Rule(before=r"(?:shipping|intermodal|cargo|food|storage|plastic|waste|sharps|reefer|\d+\s*(?:ft|foot|-foot))[\s-]*$",
                       sense="shipping containers"),
    "container": Rule(before=r"(?:shipping|intermodal|cargo|food|storage|plastic|waste|sharps|reefer)[\s-]*$"),
    "streaming": Rule(before=r"(?:live|video|music)\s+$"),
    "etl": Rule(),
    "统计": Rule(),
    "监控": Rule(),
    "容器": Rule(),
    "科研": Rule(),
    "编排": Rule(),
    "产品": Rule(),
}

#: Words that, in the same sentence, show that a short name is the technology.
TECH_CUES = re.compile(
    r"(?<![A-Za-z])(?:programming|scripting|coding|codebases?|languages?|software|frameworks?|librar(?:y|ies)|"
    r"sdks?|apis?|developers?|deployments?|clusters?|stack|code)(?![A-Za-z])|编程|语言|开发|框架|代码|部署|集群",
    re.IGNORECASE)

#: What may stand between two items of a list ("Python, R", "R/Python", "Python 或 R").
LIST_GAP = re.compile(r"\s*(?:[,/&|+;()、，（）]|\band\b|\bor\b|和|或|及|与)?\s*(?:[,/&|+;()、，（）]|\band\b|\bor\b)?\s*$", re.IGNORECASE)

SENTENCE_END = re.compile(r"[.!?;。！？；](?:\s|$)|\n\s*\n")

#: Only short names this long or shorter get the short-name rule by default.
SHORT = 2
#: A posting is technical when it names this many other technologies (or one fewer,
#: one of them unambiguous); "local" terms need this many more without a neighbour.
TECHNICAL = 3
VERY_TECHNICAL = 5
#: How far (in characters, within the sentence) a neighbouring technology may be.
WINDOW = 80
_WORD = "A-Za-z0-9_"
_SEP = r"[\s_\-]{0,2}"


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
    match a space, a hyphen or nothing.

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
        if not atoms:
            continue
        node = tries[_is_word(phrase[0])]
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = _is_word(phrase[-1])

    def emit(node: dict[Any, Any]) -> str:
        alts = [atom + emit(child) for atom, child in node.items() if atom != ""]
        if "" in node:
            alts.append(f"(?![{_WORD}])" if node[""] else "")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    parts = []
    if tries[True]:
        parts.append(f"(?<![{_WORD}])" + emit(tries[True]))
    if tries[False]:
        parts.append(emit(tries[False]))
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)


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

    @classmethod
    def from_graph(cls, graph: "KnowledgeGraph") -> "Vocabulary":
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
        implies = {t: sorted(s for s, _ in graph.into(t, "USES_TOOL")) for t, lab in labels.items() if lab == "Tool"}
        titles: list[tuple[re.Pattern[str], str, bool]] = []
        for node in graph.nodes("Track"):
            for name in [node.get("name"), node.get("name_zh"), *(node.get("aliases") or [])]:
                if not name:
                    continue
                short = len(term_key(str(name))) <= 3
                flags = 0 if short else re.IGNORECASE
                rx = re.compile(rf"(?<![{_WORD}]){re.escape(str(name))}(?![{_WORD}])", flags)
                titles.append((rx, node["id"], short))
        track_skills: dict[str, dict[str, float]] = {}
        for start, end, props in graph.relationships("REQUIRES"):
            if labels.get(end) == "Skill":
                track_skills.setdefault(start, {})[end] = 1.0 if props.get("level", "core") == "core" else 0.5
        return cls(compile_phrases(phrases), nodes, spellings, labels, implies, titles, track_skills)


_VOCABULARIES: "weakref.WeakKeyDictionary[Any, tuple[int, Vocabulary]]" = weakref.WeakKeyDictionary()


def vocabulary(graph: "KnowledgeGraph", refresh: bool = False) -> Vocabulary:
    """The graph's compiled vocabulary, cached while the graph keeps its nodes (``refresh`` rebuilds it)."""
    size = graph.g.number_of_nodes()
    cached = _VOCABULARIES.get(graph)
    if refresh or cached is None or cached[0] != size:
        cached = (size, Vocabulary.from_graph(graph))
        _VOCABULARIES[graph] = cached
    return cached[1]


# ---------------------------------------------------------------------------
# Track classification
# ---------------------------------------------------------------------------

#: Role titles, beyond the track names and aliases in the graph: (track, weight, pattern).
#: More specific titles weigh more; the body can still overrule a title.
TITLE_RULES: list[tuple[str, float, str]] = [
    ("infra-mle", 4.0, r"mlops|ml\s*ops|\b(?:ml|machine learning|ai)\s+(?:platform|infra\w*)|机器学习平台|ai\s*平台|训练平台|ai\s*infra"),
    ("research-scientist", 4.0, r"research scientist|研究科学家|\bscientist,?\s+(?:ai|ml|machine learning)\b"),
    ("research-mle", 4.0, r"research engineer|research (?:ml|machine learning) engineer|研究工程师|算法研究工程师"),
    ("production-mle", 3.5, r"software engineer\W{1,3}(?:machine learning|ml|ai)\b|(?:machine learning|ml|ai) software engineer"),
    ("production-mle", 3.0, r"machine learning engineer|\bml engineer|\bmle\b|\bai engineer|applied (?:ml|machine learning)|"
                            r"(?:deep learning|computer vision|nlp|recommendation|ranking) engineer|机器学习工程师|算法工程师|深度学习工程师|推荐算法|nlp算法"),
    ("production-mle", 2.5, r"\binference\b|\bserving\b|推理"),
    ("ds", 2.0, r"(?:machine learning|ml|applied|ai) scientist"),
    ("ds", 3.0, r"data scientist|decision scientist|product analyst|data analyst|数据科学|数据分析师|\banalytics\b(?!\s+engineer)"),
    ("data-engineer", 3.0, r"data engineer|analytics engineer|big data|etl (?:developer|engineer)|data platform engineer|"
                           r"数据工程师|大数据开发|数仓|数据开发|数据平台"),
    ("devops", 3.0, r"devops|site reliability|\bsre\b|platform engineer|cloud engineer|infrastructure engineer|运维|sre工程师"),
    ("sde", 2.0, r"software (?:engineer|developer)|back-?end|full[- ]?stack|\bswe\b|\bsde\b|后端|软件工程师|开发工程师|研发工程师|服务端"),
    ("pm", 3.0, r"product manager|product owner|产品经理"),
]

#: Phrases in the body that point to a track. Weight 2 for the telling ones.
CUES: dict[str, dict[int, str]] = {
    "ds": {
        2: "a/b test; a/b tests; a/b testing; ab testing; experiment design; experimentation; causal inference; "
           "product analytics; business insights; actionable insights; statistical modeling; statistical modelling; "
           "hypothesis testing; ab测试; a/b实验; 业务洞察; 因果推断; 统计建模",
        1: "stakeholders; dashboards; dashboard; metrics; kpis; kpi; insights; forecasting; segmentation; "
           "storytelling; business questions; product decisions; retention; churn; funnel; regression; "
           "指标; 报表; 可视化; 用户增长; 数据分析; 业务方; 分析报告",
    },
    "production-mle": {
        2: "deploy models; deploying models; deployed models; model deployment; productionize; productionizing; "
           "models into production; serve models; serving models; trained by; online inference; 模型部署; 模型上线; 线上推理",
        1: "production; inference; latency; real-time; online; recommendation; recommender; ranking; "
           "feature engineering; end-to-end; integrate models; model performance; retraining; "
           "部署; 上线; 推理; 线上; 召回; 排序; 推荐系统; 特征工程; 落地",
    },
    "research-mle": {
        2: "implement papers; reproduce papers; research prototypes; prototype new; research engineering; "
           "work with research scientists; alongside researchers; research ideas into; 论文复现; 复现论文",
        1: "prototype; prototypes; state-of-the-art; sota; latest research; research code; experiments at scale; "
           "large-scale experiments; pretraining; fine-tuning; evaluation harness; ablations; 前沿; 预训练; 微调",
    },
    "research-scientist": {
        2: "publish; publications; publication record; first-author; neurips; icml; iclr; cvpr; acl; emnlp; "
           "research agenda; novel methods; 发表; 顶会; 论文发表",
        1: "phd; ph.d; papers; novel; fundamental research; theoretical; 博士; 论文",
    },
    "infra-mle": {
        2: "mlops; ml platform; machine learning platform; feature store; model registry; training infrastructure; "
           "ml infrastructure; serving platform; inference platform; gpu cluster; gpu clusters; training pipelines; "
           "self-service; internal platform; ml tooling; 机器学习平台; 训练平台; 推理平台; gpu集群; 模型管理",
        1: "platform; infrastructure; data scientists and; ml engineers; experiment tracking; model monitoring; "
           "autoscaling; scheduling; gpus; 平台; 基础设施; 算力",
    },
    "data-engineer": {
        2: "data warehouse; data lake; lakehouse; data modeling; data modelling; data ingestion; etl pipelines; "
           "elt pipelines; dimensional modeling; 数据仓库; 数仓; 数据湖; 数据建模; 离线数仓",
        1: "ingestion; data quality; schemas; schema; batch; pipelines; upstream; downstream; source systems; "
           "data contracts; cdc; 数据质量; 离线; 实时数据; 数据治理; 数据链路",
    },
    "devops": {
        2: "on-call; site reliability; infrastructure as code; incident response; slos; slo; sla; uptime; "
           "release engineering; 自动化运维; 故障处理; 稳定性保障",
        1: "reliability; incidents; incident; observability; alerting; linux; networking; provisioning; "
           "deployment pipelines; build pipelines; postmortems; 运维; 稳定性; 告警; 故障; 发布",
    },
    "sde": {
        2: "backend services; microservices; system design; web services; rest apis; 后端服务; 微服务; 高并发",
        1: "backend; apis; code reviews; scalable services; distributed systems; front-end; frontend; web; "
           "服务端; 接口",
    },
    "pm": {
        2: "product roadmap; roadmap; product requirements; prd; prds; product vision; product strategy; "
           "产品规划; 需求文档; 产品路线图; 产品设计",
        1: "prioritize; prioritise; user research; customer needs; launch; launches; requirements; user stories; "
           "竞品; 需求; 用户体验",
    },
}


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

#: How much the skills a posting asks for (against each track's REQUIRES) count.
PROFILE_WEIGHT = 2.0
#: A cue counts at most this much per track, so one long posting cannot drown its title.
CUE_CAP = 10.0
#: Without a role in the title, the body needs this much to name a track.
BODY_ONLY = 3.0

_TITLE_LABEL = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?\s*(?:job\s+title|title|position|role|职位名称|岗位名称|职位|岗位)\s*[:：]\s*",
                          re.IGNORECASE)


def parse_document(text: str) -> tuple[str, str]:
    """Split a job description into its title (the first non-empty line) and body.

    >>> parse_document("# Data Scientist, Growth\\n\\nWe are hiring.")
    ('Data Scientist, Growth', 'We are hiring.')
    >>> parse_document("职位名称：数据工程师\\n负责数仓建设")
    ('数据工程师', '负责数仓建设')
    """
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip():
            title = _TITLE_LABEL.sub("", line).strip().strip("#*_ ").strip()
            return title, "\n".join(lines[i + 1:]).strip()
    return "", ""


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

    def as_dict(self) -> dict[str, Any]:
        return {"track": self.track, "confidence": self.confidence, "tools": self.tools,
                "skills": self.skills, "evidence": self.evidence}


@dataclass
class _Hit:
    key: str
    text: str
    start: int
    end: int
    nodes: set[str]
    rule: Rule | None


def _rule(key: str) -> Rule | None:
    if key in RULES:
        return RULES[key]
    if len(key) <= SHORT and key.isascii() and key.isalpha():
        return Rule(case=True, context="local")
    return None


@functools.lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _short(key: str) -> bool:
    return len(key) <= SHORT and key.isascii()


def _sentence(text: str, start: int, end: int, bounds: list[int]) -> tuple[int, int]:
    lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
    for b in bounds:
        if b < start:
            lo = max(lo, b)
        elif b >= end:
            hi = min(hi, b)
            break
    return lo, hi


def _find_terms(text: str, vocab: Vocabulary) -> tuple[dict[str, list[str]], set[str], list[dict[str, Any]]]:
    """Accepted term hits per node (as written), the terms' keys, and rejected hits with reasons."""
    hits = []
    for m in vocab.pattern.finditer(text):
        key = term_key(m.group())
        nodes = vocab.nodes.get(key)
        if nodes:
            hits.append(_Hit(key, m.group(), m.start(), m.end(), nodes, _rule(key)))
    rejected: list[dict[str, Any]] = []
    plausible = []
    for h in hits:
        r = h.rule
        why = None
        if r is not None:
            if r.case and h.text not in vocab.spellings.get(h.key, {h.text}):
                why = f"written '{h.text}', not as the technology's name"
            elif r.before and _compiled(rf"(?:{r.before})").search(text[max(0, h.start - 40):h.start]):
                why = f"ordinary sense ({r.sense or 'context before'})"
            elif r.after and _compiled(rf"(?:{r.after})").match(text[h.end:h.end + 40]):
                why = f"ordinary sense ({r.sense or 'context after'})"
        if why:
            rejected.append({"term": h.text, "at": h.start, "why": why})
        else:
            plausible.append(h)
    confident = {n for h in plausible if h.rule is None for n in h.nodes}
    broad = {n for h in plausible if not _short(h.key) for n in h.nodes}
    support = [h for h in plausible if h.rule is None or not _short(h.key)]
    bounds = [m.start() for m in SENTENCE_END.finditer(text)] if len(confident) < len(plausible) else []
    accepted = [h for h in plausible if h.rule is None]
    for i, h in enumerate(plausible):
        r = h.rule
        if r is None:
            continue
        others, others_sure = broad - h.nodes, confident - h.nodes
        technical = len(others) >= TECHNICAL or (len(others) >= TECHNICAL - 1 and bool(others_sure))
        if (r.context == "doc" and technical) or (r.context == "local" and not _short(h.key) and len(others) >= VERY_TECHNICAL):
            accepted.append(h)
            continue
        lo, hi = _sentence(text, h.start, h.end, bounds)
        near = any(lo <= o.start and o.end <= hi and not (o.nodes & h.nodes) for o in support)
        listed = False
        for j in (i - 1, i + 1):
            if 0 <= j < len(plausible) and not (plausible[j].nodes & h.nodes):
                o = plausible[j]
                gap = text[o.end:h.start] if j < i else text[h.end:o.start]
                listed = listed or (len(gap) <= 6 and LIST_GAP.match(gap) is not None and gap.strip() != "")
        cue = TECH_CUES.search(text, lo, hi) is not None
        if near or listed or cue:
            accepted.append(h)
        else:
            need = "other technology in the posting" if r.context == "doc" else "technology next to it"
            rejected.append({"term": h.text, "at": h.start, "why": f"ambiguous without {need}"})
    found: dict[str, list[str]] = {}
    for h in sorted(accepted, key=lambda h: h.start):
        for n in sorted(h.nodes):
            seen = found.setdefault(n, [])
            if h.text not in seen:
                seen.append(h.text)
    return found, {h.key for h in accepted}, rejected


def extract(text: str, graph: "KnowledgeGraph") -> Extraction:
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
    found, _, rejected = _find_terms(text, vocab)
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
        "not_counted": rejected[:20],
        "track": why,
    }
    return Extraction(track, confidence, tools, skills, evidence)


def classify(title: str, body: str, tools: list[str], skills: list[str],
             vocab: Vocabulary) -> tuple[str | None, float, dict[str, Any]]:
    """The track of a posting from its title and body: ``(track or None, confidence, evidence)``.

    The title gives a head start; the body's wording (cues such as "on-call" or
    "A/B testing") and how well its skills fit each track's requirements in the
    graph can overrule it.
    """
    tracks = {t for t in vocab.track_skills} | {t for _, t, _ in vocab.track_titles}
    title_score: dict[str, float] = {}
    title_hits: dict[str, str] = {}
    for rx, track, _ in vocab.track_titles:
        m = rx.search(title)
        if m and title_score.get(track, 0) < 3.0:
            title_score[track], title_hits[track] = 3.0, m.group()
    for track, weight, rx in _TITLE_RULES:
        m = rx.search(title)
        if m and track in tracks and title_score.get(track, 0) < weight:
            title_score[track], title_hits[track] = weight, m.group()
    cue_score: dict[str, float] = {}
    cue_words: dict[str, list[str]] = {}
    seen: set[str] = set()
    for m in CUE_PATTERN.finditer(body):
        key = term_key(m.group())
        if key in seen:
            continue
        seen.add(key)
        for track, weight in CUE_TABLE.get(key, ()):
            if track in tracks:
                cue_score[track] = min(CUE_CAP, cue_score.get(track, 0.0) + weight)
                cue_words.setdefault(track, []).append(m.group())
    have = set(skills)
    profile = {}
    for track, needs in vocab.track_skills.items():
        total = sum(needs.values())
        if total:
            profile[track] = round(PROFILE_WEIGHT * sum(w for s, w in needs.items() if s in have) / total, 2)
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
    confidence = top / (top + second) if top + second else 0.0
    confidence *= min(1.0, top / 6)
    named = next(iter(sorted(title_hits, key=lambda t: -title_score[t])), None)
    words = ", ".join(cue_words.get(best or "", [])[:5]) or "none"
    if named == best:
        reason = f"title '{title_hits[best]}' names {best}; the body agrees (cues: {words})"
    elif named:
        reason = (f"title '{title_hits[named]}' suggests {named}, but the body points to {best} "
                  f"(cues: {words}; {best} {top} vs {named} {scores[named]})")
    else:
        reason = f"no role in the title; the body points to {best} (cues: {words})"
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
    if len(raw) > max_bytes:
        raise DataError(f"{name}: {len(raw) / 1e6:.1f} MB is too large for a job description (limit {max_bytes / 1e6:g} MB)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise DataError(f"{name}: broken UTF-16 text") from None
    else:
        if b"\x00" in raw[:8192]:
            raise DataError(f"{name}: binary file, not text")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            hint = ""
            try:
                guess = raw.decode("gb18030")
                if re.search(r"[\u4e00-\u9fff]", guess):
                    hint = " (looks like GBK/GB18030: iconv -f GB18030 -t UTF-8)"
            except UnicodeDecodeError:
                pass
            raise DataError(f"{name}: not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start}){hint}") from None
    if not text.strip():
        raise DataError(f"{name}: empty")
    if sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f") > 8:
        raise DataError(f"{name}: binary file, not text")
    return text


def read_document(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> str:
    """Read one job description file (UTF-8, or UTF-16 with a byte-order mark)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise DataError(f"{p}: {size / 1e6:.1f} MB is too large for a job description (limit {max_bytes / 1e6:g} MB)")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise DataError(f"{p}: is a directory") from None
    except OSError as e:
        raise DataError(f"{p}: cannot be read ({e.strerror})") from None
    return decode_document(raw, str(p), max_bytes)


def iter_corpus(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, Path]]:
    """``(document id, path)`` for every job description under ``paths`` (folders are walked).

    The id is the path relative to the folder given, so it is stable across machines.
    """
    for top in paths:
        root = Path(top)
        if root.is_dir():
            for p in sorted(root.rglob("*")):
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not any(
                        part.startswith(".") for part in p.relative_to(root).parts):
                    yield p.relative_to(root).as_posix(), p
        elif root.exists():
            yield root.name, root
        else:
            raise DataError(f"{root}: no such file or folder")


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


def build_demand(documents: dict[str, Extraction], graph: "KnowledgeGraph",
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


def ingest_corpus(paths: Iterable[str | os.PathLike[str]], graph: "KnowledgeGraph", *,
                  min_share: float = MIN_SHARE, core_share: float = CORE_SHARE, on_document: Callable[[str, Extraction | None], None] | None = None,
                  items: list[tuple[str, Path]] | None = None) -> Corpus:
    """Extract every job description under ``paths``; unreadable ones are skipped, not fatal."""
    documents: dict[str, Extraction] = {}
    skipped: list[tuple[str, str]] = []
    for doc_id, path in (items if items is not None else list(iter_corpus(paths))):
        try:
            ex = extract(read_document(path), graph)
        except DataError as e:
            skipped.append((str(path), str(e)))
            ex = None
        else:
            documents[doc_id] = ex
        if on_document:
            on_document(doc_id, ex)
    return Corpus(documents, skipped, build_demand(documents, graph, min_share, core_share))


def ingest(paths: Iterable[str | os.PathLike[str]], graph: "KnowledgeGraph", min_share: float = MIN_SHARE) -> dict[str, Any]:
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
