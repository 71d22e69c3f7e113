"""The rules of job-description extraction, as data: read them, change them, test them.

Each table says what a word means in a posting and when: ``RULES`` (per term:
when a tool name that is also an ordinary word counts), ``EVERYDAY`` (senses
that apply to any tool name: people, brands, vessels and places, lab
equipment, adjectives), ``NEGATION`` and ``BONUS`` (what a clause says about
the tools in it), ``TECH_CUES`` / ``TECH_CONTEXT`` (what makes the words around a
mention technical), ``WEAK_NAMES`` (names that need technical context and never give
it), and ``TITLE_RULES`` / ``CUES`` (what points to a track).
The code that applies them is in ``kg.loaders.jd``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.loaders.fold import class_end, group_end


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


#: Board games other than Go: Go listed with them is the game.
_BOARD_GAMES = r"chess|shogi|xiangqi|checkers|draughts|othello|reversi|backgammon|mahjong|poker|bridge|象棋|将棋|將棋|国际象棋|國際象棋"

#: Rules keyed by the normalised term (lowercase, no spaces or hyphens). Terms
#: not listed here and longer than two letters are unambiguous technology names.
RULES: dict[str, Rule] = {
    # short names: the technology only where it is written as such, next to technology
    "r": Rule(case=True, context="local",
              after=r"\s*&|-|['’]\w|\.\s?(?!(?:We|The|Our|You|It|This|They|In|A|An|If|And|But|So|All|Most|Now|Since)\b)[A-Z]|"
                    r"\s+v\.?\s+[A-Z]",
              sense="R&D, R-squared, initials, R v (the Crown in a court case)"),
    "go": Rule(case=True, context="local",
               before=r"(?:no|let['’]?s|on\s+the|to|will|must|can|ready\s+to|game\s+of|play(?:s|ed|ing)?)[\s-]*$|"
                      r"games?\s+(?:such\s+as|like|including|e\.g\.,?)\s+$|(?:" + _BOARD_GAMES + r"),?\s+(?:and\s+|or\s+)?$|"
                      r"(?:围棋|圍棋|棋)\s*[（(]?\s*$",
               after=r",?\s+(?:and\s+|or\s+)?(?:" + _BOARD_GAMES + r")\b|"
                     r"\s*(?:boards?|players?|stones?|友谊赛|友誼賽|比赛|比賽|对局|對局|棋)|-|/no|\s+(?:to|live|ahead|beyond|above|back|out|get|getters?|the\s+extra|through|with|and\s+\w+\s+\w+|big|green)\b",
               sense="go-to-market, go live, the board game"),
    "tf": Rule(case=True, context="local", after=r"-|\s+(?:team|leader|lead|commander|members?|meetings?)\b",
               before=r"(?:the|joint|a)\s+$", sense="TF-IDF, a task force"),
    "ml": Rule(case=True, before=r"\d\s*$", sense="millilitres"),
    "cv": Rule(case=True, context="local",
               before=r"(?:your|a|an|the|updated|send|submit|attach|our|with|english|chinese)\s+$",
               after=r"\s*(?:and|&|or|,|/|\+)?\s*(?:a\s+)?(?:cover|portfolio|résumé|resume|references)|\s+to\b|\s+(?:in|via)\s+(?:english|pdf)",
               sense="curriculum vitae"),
    "dl": Rule(case=True, context="local", before=r"(?:valid|class\s+\w+|driver['’]?s?)\s+$", sense="driving licence"),
    "hf": Rule(case=True, context="local", after=r"(?:\s*(?:and|/|&|,)\s*(?:VHF|UHF|LF|MF)\b)?(?:\s+(?:maritime|marine|aviation|amateur))?\s*(?:acid|radio|band|transceivers?|antennas?|communications?|frequenc\w+|"
                                                 r"patients?|exacerbations?|rfid|welding|solution|cohorts?|readmissions?|admissions?|"
                                                 r"outcomes|clinics?|nurses?|wards?|hospitali[sz]ations?|diagnos\w+|registry)\b",
               before=r"(?:dilute|concentrated|\d+\s*%|hfpef|hfref|with|acute|chronic)\s+$", sense="hydrofluoric acid, high frequency, heart failure"),
    "bq": Rule(case=True, context="local"),
    "pd": Rule(case=True, context="local"),
    "np": Rule(case=True, context="local"),
    "hcl": Rule(case=True, context="local", sense="HCL Technologies",
                after=r"\s+(?:contractors?|consultants?|technologies|tech|staff|vendors?|outsourc\w*|team|engineers?|colleagues)\b"),
    "terraform": Rule(after=r"\s+(?:mars|venus|the\s+moon|planets?|worlds?|a\s+planet|other\s+planets)\b", sense="to make a planet habitable"),
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
    "airflow": Rule(before=r"(?:proper|adequate|good|great|excellent|poor|sufficient|enough|optimal|room|duct|cabinet|"
                           r"greenhouse|balanced?|measure|improve|restrict|fresh|natural|cool)\s+$",
                    after=r"\s+(?:through|across|around|over|past|under|in\s+the\s+(?:greenhouse|room|building|cabinet))\b", sense="air movement"),
    "snowflake": Rule(before=r"(?:paper|a|each|special|little|unique)\s+$",
                      after=r"s?\s+(?:decorations?|ornaments?|pattern|cookies|schemas?|model(?:l)?ing|dimensions?)\b|\s+(?:and|or)\s+star\s+schemas?",
                      sense="snow, a snowflake schema"),
    "tableau": Rule(before=r"(?:vivant|a|living)\s+$", sense="a scene"),
    "pandas": Rule(before=r"(?:giant|red|baby|the)\s+$", after=r"\s+(?:exhibit|enclosure|habitat|keepers?|bamboo)\b", sense="the animal"),
    "kafka": Rule(before=r"(?:franz|like|by|chapter\s+of|pages?\s+of|novels?\s+of|reads?\s+like)\s+$|[\"“‘']\s*(?:pure|utterly|positively|truly|so)\s+$", after=r"['’]s\s+(?:novels?|the\s+trial|metamorphosis)|esque", sense="the writer"),
    "flink": Rule(after=r"\s+(?:riders?|groceries|grocery|delivery|hubs?|stores?)\b", sense="a grocery brand"),
    # "CPP" is also the Canada Pension Plan, beside EI in a benefits list: the spelled name "C++" has no rule
    "cpp": Rule(before=r"(?:contributions?\s+to|employer|pension\s+plan)\s+(?:the\s+)?$",
                after=r"\s+(?:and|&)\s+(?:EI|QPP|OAS)\b|\s+(?:contributions?|premiums?|deductions?|benefits?)\b",
                sense="the Canada Pension Plan"),
    "flask": Rule(context="local", before=r"(?:erlenmeyer|volumetric|vacuum|thermos|hip|round[- ]bottom|conical|culture|"
                                          r"coffee|tea|water|steel|stainless|insulated|travel|drinking|thermal|branded|hydro)\s+$",
                  sense="laboratory glassware, a drinks flask"),
    "helm": Rule(context="local", before=r"(?:the|at|take|took|taking|man|manning|steady)\s+$",
                 after=r"\s+(?:benchmark|leaderboard|evaluation\s+suite|of\s+the)\b", sense="steering a ship"),
    "argo": Rule(context="local"),
    "ray": Rule(case=True, context="local", before=r"(?:x|gamma|sting|manta|death|cosmic|light|sun|laser|heat|tractor)[\s-]?$|(?:mr|dr|ms|mrs)\.?\s+$",
                after=r"[\s-]+(?:trac(?:ing|ed|er)|cast\w*|march\w*|optics|of\s+(?:sunshine|hope|light))\b|-?Ban\b", sense="X-ray, ray tracing, a name"),
    "jax": Rule(context="local", before=r"(?:near|out\s+of|fly\s+into|flights?\s+(?:to|from)|(?:based|located|office)\s+in)\s+$",
                after=r"\s+(?:office|airport|area|beach|port|hub|location|terminal|hangars?|campus|base|station|ramp|facility|site)\b|\s*\((?:jacksonville|florida)", sense="a name, Jacksonville"),
    "triton": Rule(context="local", sense="the sea god"),
    "jenkins": Rule(context="local", before=r"(?:mr|mrs|ms|dr|prof)\.?\s+$", sense="a surname"),
    "prometheus": Rule(context="local", after=r"\s+(?:brewing|myth|film|movie)\b", sense="the myth"),
    "azure": Rule(case=True, after=r"\s+(?:sky|skies|waters?|sea|coast|blue|silk|linen|dress|paint)\b|\s*(?:蔚蓝|蔚藍|色|蓝|藍|天空)",
                  before=r"(?:colou?r|shade|hue|主色为|主色為|颜色|顏色|色调|色調)\s*(?:of\s+|is\s+|为|為|:|：)?\s*$", sense="the colour"),
    "scala": Rule(before=r"(?:la|teatro\s+alla)\s+$", sense="La Scala"),
    "git": Rule(case=True),
    "dbt": Rule(before=r"(?:cbt|act|emdr|ipt)\s*(?:or|and|/|,|&)\s*$", after=r"[\s-]+(?:therapy|therapists?|skills(?:\s+groups?)?|groups?|informed|training|trained|certified|certification|programs?|programmes?|clinicians?|sessions?)\b", sense="dialectical behaviour therapy"),
    "aws": Rule(before=r"(?:american\s+welding\s+society)\s*\(?$",
                # a welding certificate, not the cloud's ("AWS Certified Welding Inspector", not "AWS Certified DevOps Engineer")
                after=r"[\s-]*(?:D\d|welding|CWI|certif\w*(?!\s+(?:cloud|devops|solutions|developer|sysops|data|machine|security|"
                      r"database|advanced|ai|ml|sap|networking)\b))\b", sense="American Welding Society"),
    "gcp": Rule(before=r"(?:ich|good\s+clinical\s+practice)[\s(-]*$|ich[\s-]*$|"
                       r"(?:pharmaco\w+|clinical|trials?|glp|gmp|gxp|regulatory|mixed-effects\s+models|protocols?)(?:\s+\w+)?,?\s+(?:and|&)\s+$|"
                       r"\b(?:glp|gmp|gxp|gdp)\s*[,/、]\s*$",
                after=r"\s*(?:guidelines?|compliance|principles|training|certificat\w*|and\s+GLP)\b", sense="Good Clinical Practice"),
    "torch": Rule(before=r"(?:cutting|welding|propane|blow|acetylene|plasma|oxy-?fuel|olympic|tiki|butane|the|a|pass|carry|carrying|carried|bear)\s+$",
                  after=r"\s+(?:cutting|brazing|welding|soldering|bearers?|relay|lit|song)\b|bearers?\b", sense="a flame torch, an idiom"),
    "抱抱脸": Rule(sense="a plush toy, not the hub"),
    "transformers": Rule(before=r"(?:power|electrical|distribution|step-?up|step-?down|pad-?mounted|pole-?mounted|current|voltage|install)\s+$",
                         after=r"\s+(?:and\s+(?:switchgear|breakers|panels)|,\s*(?:switchgear|breakers|panels)|"
                               r"(?:will\s+|would\s+|that\s+|which\s+|could\s+)?(?:overheat|overload)\w*)", sense="electrical transformers"),
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

#: "languages", but not a human one ("explains its moves in natural language", "a foreign language").
_CODE_LANGUAGE = (r"(?<!natural\s)(?<!foreign\s)(?<!spoken\s)(?<!native\s)(?<!second\s)(?<!body\s)(?<!sign\s)"
                  r"(?<!human\s)languages?")

#: Words that, in the same sentence, show that a short name is the technology.
TECH_CUES = re.compile(
    r"(?<![A-Za-z])(?:programming|scripting|coding|codebases?|" + _CODE_LANGUAGE + r"|software|frameworks?|librar(?:y|ies)|"
    r"sdks?|apis?|developers?|deployments?|clusters?|stack|code|backend|services|microservices|concurrency|statistical|deploy\w*|ci|ci/cd|"
    r"charts?|kernels?|pipelines?|inference|serving|gpus?|statistics|modell?ing|packages?|fine-?tun\w*|quanti[sz]\w*|"
    r"serv(?:e|es|ed)\s+(?:\w+\s+)?models?|models?\s+serving|autoscal\w*|distributed|"
    r"scripts?|notebooks?|alerting|observability|on-call|runbooks?|exporters?)(?![A-Za-z])|编程|语言|开发|框架|代码|部署|集群|统计|建模",
    re.IGNORECASE)

#: What may stand between two items of a list ("Python, R", "R/Python", "Python 或 R").
LIST_GAP = re.compile(r"\s*(?:[,/&|+;()、，（）]|\band\b|\bor\b|和|或|及|与|與|跟)?\s*(?:[,/&|+;()、，（）]|\band\b|\bor\b)?\s*$", re.IGNORECASE)

#: Where a sentence ends: a stop before white space or the end, or a blank line (written to start with one
#: character class, so the engine skips straight to where an end may start).
SENTENCE_END = re.compile(r"[.!?;。！？；\n](?:(?<=\n)\s*\n|(?<!\n)(?:\s|$))")


#: Role titles, beyond the track names and aliases in the graph: (track, weight, pattern).
#: More specific titles weigh more; the body can still overrule a title.
TITLE_RULES: list[tuple[str, float, str]] = [
    ("infra-mle", 4.0, r"mlops|ml\s*ops|\b(?:ml|machine learning|ai|gpu|inference|serving|training|model|llm)\s+(?:platform|infra\w*)|机器学习平台|ai\s*平台|训练平台|推理平台|算法平台|模型平台|大模型平台|深度学习平台|特征平台|ml\s*平台|ai\s*infra|算力平台"),
    ("research-scientist", 4.0, r"research scientist|研究科学家|\bscientist,?\s+(?:ai|ml|machine learning)\b"),
    ("research-mle", 4.0, r"research\s+(?:(?:ml|machine\s+learning|ai|deep\s+learning|applied|software)\s+)?engineer|"
                          r"(?:\b[\w-]+\s+){0,3}engineer\w*\s*(?:[,(（]|\s[-–—]\s)\s*research\b|研究工程师|算法研究工程师|"
                          r"(?:研究型|研究向|偏研究)[^\n]{0,12}?工程师"),
    # a research title qualified as the engineering kind ("研究员（工程方向）", "Researcher, engineering track")
    ("research-mle", 4.5, r"工程方向|工程岗|engineering\s+(?:track|focus)|\((?:research\s+)?engineering\)"),
    ("production-mle", 3.5, r"software engineer\W{1,3}(?:machine learning|ml|ai)\b|(?:machine learning|ml|ai) software engineer"),
    ("production-mle", 3.0, (r"machine learning engineer|\bml engineer|\bmle\b|\bai engineer|applied (?:ml|machine learning)|"
                            r"(?:deep learning|computer vision|nlp|recommendation|ranking) engineer|机器学习工程师|算法工程师|深度学习工程师|推荐算法|nlp算法")),
    ("production-mle", 2.5, r"\binference\b|\bserving\b|推理"),
    ("ds", 2.0, r"(?:machine learning|ml|applied|ai) scientist"),
    ("ds", 3.0, r"data scientist|decision scientist|product analyst|data analyst|数据科学|数据分析师|\banalytics\b(?!\s+engineer)"),
    ("data-engineer", 3.0, (r"data engineer|analytics engineer|big data|etl (?:developer|engineer)|data platform engineer|"
                           r"数据工程师|大数据开发|数仓|数据开发|数据平台")),
    ("devops", 3.0, r"devops|site reliability|\bsre\b|platform engineer|cloud engineer|infrastructure engineer|运维|sre工程师"),
    ("sde", 2.0, r"software (?:engineer|developer)|back-?end|full[- ]?stack|\bswe\b|\bsde\b|后端|软件工程师|开发工程师|研发工程师|服务端"),
    # the role noun decides, the area ("Product Manager, ML Platform") only qualifies it: above every area
    ("pm", 5.0, r"product manager|product owner|产品经理"),
]

#: Traditional characters (Taiwan, Hong Kong) and their simplified forms, and the Taiwanese words for the
#: same thing ("資料" is data): titles and cues are written once, in simplified Chinese.
TRADITIONAL_WORDS = {"資料": "数据", "演算法": "算法", "軟體": "软件", "程式": "程序", "雲端": "云", "維運": "运维",
                     "伺服器": "服务器", "資訊": "信息", "網路": "网络", "品保": "质量"}
TRADITIONAL_CHARS = ("數数據据學学習习機机師师發发開开後后術术庫库倉仓儲储構构場场業业務务產产營营運运維维設设計计"
                     "統统報报表表試试驗验應应實实體体網网絡络雲云端端門门員员經经理理導导專专們们這这個个為为與与"
                     "關关係系戶户評评價价類类資资訊讯線线態态擬拟測测視视覺觉語语聲声訓训練练級级層层權权質质傳传"
                     "標标準准優优勢势證证書书頁页碼码處处選选擇择協协調调劃划範范圍围總总監监負负責责製制創创"
                     "會会銷销東东車车電电華华區区際际樂乐國国內内賣卖買买間间長长動动點点醫医藥药療疗護护診诊"
                     "團团隊队組组職职崗岗獎奖勵励歷历環环題题問问現现規规圖图畫画寫写讀读說说議议錄录號号樓楼")

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



# ---------------------------------------------------------------------------
# Everyday senses of any tool name (per mention)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sense:
    """An everyday sense a tool-like word has next to certain words, for any term (or ``terms``).

    ``before`` / ``after``: regular expressions matched against the text just before
    (ending at the mention) and just after it; ``case``: match them case-sensitively
    (names are capitalised). Either one firing means this sense. ``last_word``: the shape
    of the word right before the mention that wakes ``before`` when no word of it does
    (a capital "The", a model designation such as "MQ-4C").
    """

    name: str
    before: str = ""
    after: str = ""
    terms: frozenset[str] = frozenset()
    case: bool = False
    last_word: str = ""


_PERSON_NOUNS = (r"team|office|desk|group|lab|leadership|reports?|birthday|family|wife|husband|partner|"
                 r"daughter|son|kids?|dog|cat|retirement|farewell|promotion|calendar|inbox|signature")
#: Words before a vessel's name; those that are also verbs ("we ship Kafka jobs") only after a determiner.
def top_level(alternatives: str) -> list[str]:
    """The top-level alternatives of a regular expression (its "|" outside brackets and groups).

    >>> top_level(r"a(?:b|c)|[|]d|e\\|f")
    ['a(?:b|c)', '[|]d', 'e\\\\|f']
    >>> top_level(r"x(?=[.;)]|$)|[]|]y")
    ['x(?=[.;)]|$)', '[]|]y']
    """
    parts: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(alternatives):
        c = alternatives[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a class: its members are characters ("[.;,)]")
            i = class_end(alternatives, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(alternatives[start:i])
            start = i + 1
        i += 1
    parts.append(alternatives[start:])
    return parts


def first_words(alternatives: str) -> frozenset[str]:
    """The words (lowercase letters) or Chinese characters each top-level alternative of a regular expression starts
    with, a group's own alternatives looked into: the keys of a cheap test before the pattern runs.

    >>> sorted(first_words(r"gone|(?:migrated|ported)\\s+to|end[- ]of|下线|(?:被)?替换"))
    ['end', 'gone', 'migrated', 'ported', '下线', '替换', '被']
    >>> sorted(first_words(by_first_char("gone|got|ended")))
    ['ended', 'gone', 'got']
    >>> sorted(first_words(r"(?:[)(]\\s*)?(?:gone|dead)"))
    ['dead', 'gone']
    """
    out: set[str] = set()
    for part in top_level(alternatives):
        while part.startswith(("\\b", "\\s*", "\\s+", "(?=")):
            if part.startswith("(?="):  # a look-ahead (``by_first_char``'s): what follows it holds the words
                part = part[group_end(part):]
            else:
                part = part[2:] if part.startswith("\\b") else part[3:]
        if part.startswith("(?:"):
            i = group_end(part)
            out |= first_words(part[3:i - 1])
            if part[i:i + 1] in ("?", "*"):
                out |= first_words(part[i + 1:])
            continue
        m = re.match(r"[a-z]+|[\u4e00-\u9fff]+", part.replace("\\b", ""))
        if m:
            word = m.group()
            if part[m.end():m.end() + 1] in ("?", "*", "{"):
                word = word[:-1]  # "cancell?ed": the last letter may be left out
            if word:
                out.add(word)
    return frozenset(out)


def guarded_by_first_char(alternatives: str) -> str:
    """Alternatives that each start with a plain character (Chinese words), behind one character class of those
    characters: a search pays one test where none can start, instead of one per word.

    >>> guarded_by_first_char("咖啡|饮品|咖喱")
    '(?=[咖饮])(?:咖啡|饮品|咖喱)'
    """
    parts = top_level(alternatives)
    firsts = "".join(dict.fromkeys(p[0] for p in parts))
    assert all(p[:1].isalnum() and p[1:2] not in ("?", "*", "{", "+") for p in parts), alternatives
    return f"(?=[{firsts}])(?:{alternatives})"


def by_first_char(alternatives: str) -> str:
    """A regular expression's top-level alternatives ("khakis?|chinos|coffee\\s+makers?|…") grouped by their first
    character (either case) behind a look-ahead for it, each group in its members' order: the engine tests one
    character per group instead of every word of a long list. The words stay whole (the cheap key tests read
    them); an alternative that does not start with a plain character keeps its place, and no word moves across it.

    >>> print(by_first_char(r"coffee|chinos|(?:air\\s+)?fryers?|cakes?"))
    (?:(?=[cC])(?:coffee|chinos)|(?:air\\s+)?fryers?|(?=[cC])(?:cakes?))
    """
    parts = top_level(alternatives)
    out: list[str] = []
    groups: dict[str, list[str]] = {}  # the run of plain words since the last other alternative, by first letter

    def flush() -> None:
        for key, members in groups.items():
            ahead = f"[{key}{key.upper()}]" if key.upper() != key else key
            out.append(f"(?={ahead})(?:" + "|".join(members) + ")")
        groups.clear()

    for part in parts:
        first = part[:1]
        if first.isalnum() and part[1:2] not in ("?", "*", "{", "+"):
            # "b…" and "B…" in one group: the words that may match the same text (ignoring case) keep their order
            groups.setdefault(first.lower(), []).append(part)
        else:  # it may start with any letter: nothing moves across it
            flush()
            out.append(part)
    flush()
    return "(?:" + "|".join(out) + ")"


def word_starts_grouped(alternatives: str) -> str:
    """A regular expression's top-level alternatives with each run of those that start at a word boundary
    ("\\bnot\\b|\\bno\\s+more|…") behind one boundary, the run grouped by first letter (``by_first_char``): the
    engine tests the boundary once per position, not once per alternative. The alternatives keep their order.

    >>> print(word_starts_grouped(r"\\bnot\\b|\\bno\\s+more|用不着|\\bnever\\b"))
    (?:\\b(?:(?=[nN])(?:not\\b|no\\s+more))|用不着|\\b(?:(?=[nN])(?:never\\b)))
    """
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append("\\b" + by_first_char("|".join(run)))
            run.clear()

    for part in top_level(alternatives):
        if part.startswith("\\b"):
            run.append(part[2:])
        else:
            flush()
            out.append(part)
    flush()
    return "(?:" + "|".join(out) + ")"


_VESSEL = (r"aboard|on\s?board|mv|m/v|ss|hms|rv|r/v|uss|fv|sv|yacht|vessel|schooner|trawler|tanker|crew\s+of|"
           r"(?:the|a|an|our|their|this|that|container|cargo|research|sister|survey|supply|fishing|cruise)\s+"
           r"(?:ship|tug(?:boat)?|ferry|barge|boat)")
_PLACE_AFTER = (r"vessel|ship|yacht|harbou?r|marina|wharf|pier|quay|berth|bay|island|beach|airport|county|river|valley|"
                r"street|st\.|avenue|ave\.?|road|boulevard|hotel|resort|restaurant|caf[eé]|bar|pub|club|gym|mall|"
                r"stadium|arena|theatre|theater|concert\s+hall|campground|trail|lake|mountains?|national\s+park|"
                r"square|plaza|tower|building|house|campus|cent(?:re|er)\s+(?:building|campus|tower)|meeting\s+room|"
                r"conference\s+room|lounge|auditorium|atrium|terminal|(?:board\s*|break[- ]?out\s+|quiet\s+)?rooms?|wing|pub|"
                r"bistro|canteen|garden|park|amphitheat(?:re|er)|gift\s+shop|bakery|gallery|museum|zoo|"
                r"ranch|winery|brewery|roasters?|apiary|kennels?|stables?|marina|boatyard|lodge|inn|"
                r"hospital|clinic|ward|apartments?|residences?|villas?")
_BRAND_AFTER = (r"khakis?|chinos|pants|jeans|trousers|apparel|clothing|shoes?|sneakers|boots|sedans?|hatchbacks?|"
                r"trucks?|pickups?|cars?|vehicles?|scooters?|e-?bikes?|bicycles?|groceries|grocery|supermarkets?|"
                r"delivery\s+app|coffee|espresso|tea|beers?|ales?|lagers?|brewing|brewery|snacks?|cereal|chocolates?|"
                r"candy|sodas?|energy\s+drinks?|drinks|headphones|earbuds|speakers?|amplifiers?|amps?|phones?|"
                r"smartphones?|watch(?:es)?|perfume|cosmetics|toys?|action\s+figures?|movies?|films?|franchise|"
                r"novels?|books?|albums?|songs?|band|magazine|sculpture|statue|myth|legend|gift\s+cards?|vouchers?|"
                r"lighters?|flashlights?|batteries|mattress(?:es)?|duvets?|pillows?|towels?|blankets?|quilts?|bedding|"
                r"showers?|boilers?|heaters?|radiators?|"
                r"furniture|chairs?|sofas?|"
                # garments and gear, kitchen appliances, food
                r"parkas?|jackets?|coats?|anoraks?|raincoats?|hoodies?|fleeces?|gilets?|vests?|sweaters?|jumpers?|cardigans?|"
                r"t-?shirts?|shirts?|tees|dress(?:es)?|skirts?|shorts|leggings|socks|gloves|mittens|scarf|scarves|beanies?|"
                r"hats?|caps?|backpacks?|rucksacks?|tents?|sleeping\s+bags?|footwear|trainers|sandals|slippers|"
                r"toasters?|kettles?|blenders?|(?:air\s+)?fryers?|ovens?|fridges?|refrigerators?|dishwashers?|"
                r"washing\s+machines?|microwaves?|coffee\s+makers?|"
                r"pizzas?|burgers?|sandwich(?:es)?|food\s+trucks?|ice\s+cream|doughnuts?|donuts?|bagels?|pastr(?:y|ies)|"
                r"sourdough|loa(?:f|ves)|bread|baguettes?|croissants?|cakes?|cookies?|biscuits?|muffins?|"
                r"goggles|sunglasses|swimsuits?|wetsuits?|helmets?|(?:water\s+)?bottles?|"
                r"plush(?:ies|ie)?|plush\s+toys?|figurines?|mugs?|keychains?|posters?|merch(?:andise)?|"
                # a loyalty scheme ("Prometheus Miles", "the Kafka Rewards card")
                r"miles|loyalty\s+(?:programme|program|scheme|card|club)|rewards?\s+(?:programme|program|card|club)|frequent[- ]flyer")
# the two long lists of words after a name, grouped by their first letter (the same matches, a fraction of the tests)
_PLACE_AFTER = by_first_char(_PLACE_AFTER)
_BRAND_AFTER = by_first_char(_BRAND_AFTER)
_LAB_AFTER = r"acid|solutions?|flasks?|beakers?|glassware|pipettes?|burners?|stirrers?|fume\s+hood|etch\w*|spill|burns?|X-\d+"
_LAB_BEFORE = (r"erlenmeyer|volumetric|florence|b[üu]chner|conical|round[- ]bottom(?:ed)?|flat[- ]bottom(?:ed)?|filter(?:ing)?|"
               r"culture|shake|vacuum|dewar|thermos|hip|bunsen|dilute|diluted|concentrated|\d+\s*%|\d+\s*m[lL]|\d+\s*[lL]|"
               r"sterile|autoclaved?|glass|titration|reagent")

#: Things a name can be followed by in Chinese: a card, a drone, a drink, a shop, a building.
_ZH_OBJECT_AFTER = (r"雪场|滑雪场|度假村|卡|存储卡|内存卡|无人机|相机|镜头|耳机|手机|手表|咖啡|饮品|特饮|拿铁|美式|奶茶|气泡|蛋糕|门店|店|"
                    r"品牌|款|型号|创新中心|中心|大厦|大楼|号楼|楼|广场|园区|路|街|酒店|会议室|号|轮|舰|船|"
                    r"耳機|手機|手錶|相機|鏡頭|飲品|門店|型號|大廈|大樓|號樓|樓|廣場|園區|會議室|號|輪|艦|"
                    r"吊饰|吊飾|饰品|飾品|装饰|裝飾|水晶|挂饰|掛飾|图案|圖案|主题|主題|造型|皮卡|轿车|轎車|车型|車型|小型车|小型車|"
                    r"轮胎|輪胎|火花塞|玩偶|公仔|巧克力|蛋糕|礼盒|禮盒|甜品|甜点|甜點|餐厅|餐廳|面包|麵包|咖啡馆|咖啡館|酒吧|超市|"
                    r"商场|商場|书店|書店|度假村|海滩|海灘|沙滩|沙灘|海景|公园|公園|博物馆|博物館|乐园|樂園|剧院|劇院|"
                    r"酥|饼干|餅乾|糕|冰淇淋|布丁|披萨|披薩|饮料|飲料|杯|保温杯|保溫杯|水杯|水壶|水壺|园|園|浮标|浮標|资料中心|資料中心|"
                    r"抱枕|抱抱熊|毛绒|毛絨|系列|联名|聯名|创意园|創意園|产业园|產業園|科技园|科技園|工业园|工業園|软件园|軟件園|"
                    r"的?(?:柯基|猫咪?|貓咪?|狗狗?|兔子?|鹦鹉|鸚鵡|金鱼|金魚|仓鼠|倉鼠)|"
                    # a product line named with a Chinese word too ('"Hive 蜂巢"系列'), a place with its Chinese name
                    # before its kind ("Snowflake 雪花滑雪场", "Hive 蜂巢咖啡馆")
                    r"\s*[\u4e00-\u9fff]{1,4}\s*[”\"」』']?\s*(?:系列|产品线|產品線|品牌)|"
                    r"\s*[\u4e00-\u9fff]{0,4}?[”\"」』']?\s*[\u4e00-\u9fff]{0,6}?(?:大会|大會|峰会|峰會|论坛|論壇|沙龙|沙龍|黑客松)|"
                    r"\s*[\u4e00-\u9fff]{1,4}?[”\"」』']?\s*(?:滑雪场|滑雪場|雪场|雪場|度假村|酒店|餐厅|餐廳|咖啡馆|咖啡館|酒吧|超市|商场|商場|"
                    r"书店|書店|海滩|海灘|沙滩|沙灘|公园|公園|博物馆|博物館|乐园|樂園|剧院|劇院|大厦|大廈|大楼|大樓|广场|廣場)")
#: What a word of ``_ZH_OBJECT_AFTER`` starts with (a test holds the list to it).
_ZH_OBJECT_LEAD = "[\u4e00-\u9fff\"'”」』]"
#: Objects in English right after a name: ocean instruments, consumer devices, parts.
_OBJECT_AFTER = (r"emojis?|emoticons?|stickers?|floats?|buoys?|gliders?|moorings?|profilers?|drones?|cameras?|memory\s+cards?|sd\s+cards?|cards?|"
                 r"plugs?|thermostats?|electrodes?|igniters?|units|handsets|routers|modems")
#: A word that may stand between a brand and its product ("the Snowflake down parka").
_GOODS_MODIFIER = (r"(?:down|winter|summer|rain|leather|wool(?:len)?|puffer|hiking|running|waterproof|insulated|smart|"
                   r"kids['’]?|men['’]?s|women['’]?s|trail|road|swim(?:ming)?|sports?|training|walking|golf|ski|tennis|cycling|"
                   r"electric|cordless|portable)\s+")
#: The other brands of a short list before the product they all make ("Hive, tado° and Nest thermostats").
_BRAND_LIST = r"(?:(?:,|\s+(?:and|or|&))\s+[\w°'’.-]+){1,3}"
#: A name followed by goods (an object or a product), alone or in a short list of brands: everyday senses.
GOODS_AFTER = rf"(?:{_BRAND_LIST})?(?:\s+\d{{1,4}})?\s+(?:{_GOODS_MODIFIER})?(?:{_BRAND_AFTER}|{_OBJECT_AFTER})\b"
#: Role nouns right before a name, in both languages ("staff engineer Ray", "店长Ray", "资深工程师 Ray").
_ROLE_BEFORE = (r"(?:\b(?:senior|staff|principal|lead|chief|fellow|head)\s+(?:engineer|scientist|researcher|architect|"
                r"developer|analyst)|\b(?:colleague|teammate|mentor|buddy|team\s+lead|tech\s+lead|engineering\s+manager|"
                r"hiring\s+manager)),?\s+$")
_ZH_ROLE_BEFORE = (r"(?:店长|经理|主管|总监|负责人|工程师|同事|导师|老师|组长|主任|客户|联系人|面试官|创始人|老板|HR|"
                   r"店長|經理|總監|負責人|工程師|導師|老師|組長|客戶|聯絡人|聯繫人|面試官|創辦人|創始人|老闆|"
                   r"新郎|新娘|伴郎|伴娘|新人|先生|太太|小姐|女士|教练|教練|队长|隊長|房东|房東|名字叫|名叫|叫做|取名为?|取名為|昵称|暱稱|"
                   r"小姐姐|小哥哥|姐姐|哥哥|同学|同學|一只叫|一隻叫|叫|名为|名為|处长|處長|院长|院長|部长|部長|所长|所長|博士|教授)\s*(?:为|為|是)?\s*$")
_ZH_ROLE_AFTER = (r"\s*(?:[\u4e00-\u9fff]{1,2}(?:博士|教授|老师|老師|先生|女士|小姐|经理|經理|处长|處長|主任|院长|院長)|"
                  r"先生|女士|小姐|太太|老师|老師|总|總|经理|經理|同学|同學|哥|姐|叔|姨|博士|教授|[（(]\s*(?:前|原|现|現|本名|former|ex-))")
#: Travel to or from a place ("fly you in to JAX", "commute to Triton", "relocating out of Argo").
_TRAVEL_BEFORE = (r"\b(?:fly|flying|flew|flown|fly\s+(?:\w+\s+)?in|travel\w*|commut\w*|driv\w*|relocat\w*|visit\w*|trips?|"
                  r"head(?:ing|ed)?|arriv\w*|land(?:s|ed|ing)?)\s+(?:\w+\s+){0,3}?(?:in\s+to|into|to|from|out\s+of|at|in)\s+$")

#: Senses any tool name can have, checked around every mention. The first that matches decides.
EVERYDAY: list[Sense] = [
    Sense("a person", before=r"(?:\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Miss|Sir|Dame|Coach|Chef|Captain|Uncle|Aunt|Officer|Nurse)\.?\s+"
                             r"(?:[A-Z][a-z]+\s+)?)$", case=True),
    Sense("a person", after=rf"['’]s?\s+(?:{_PERSON_NOUNS})\b|\s*\((?:she|he|they)/(?:her|him|them)\)|,\s+(?:our|the|a|who|your)\s+"
                            r"(?:\w+\s+){0,2}(?:manager|director|lead|recruiter|ceo|cto|cfo|coo|founder|co-founder|vp|head|"
                            r"partner|coordinator|supervisor|officer|mentor|instructor|professor|who|engineer|developer|scientist|"
                            r"analyst|designer|architect|colleague|teammate|buddy)\b"),
    Sense("a person", before=_ROLE_BEFORE),
    # what a person does, not software: "paperwork that Kafka would have written about", "Kafka will like you"
    Sense("a person", after=r"\s+(?:would\s+have\s+|would\s+|will\s+|once\s+|famously\s+)?(?:wrote|written|said|says|likes?|loves?|"
                            r"hates?|laughs?|smiles?)\b(?!\s+(?:to|that\s+the\s+(?:job|pipeline|cluster)))", case=True),
    Sense("a person", before=_ZH_ROLE_BEFORE, after=_ZH_ROLE_AFTER, case=True),
    Sense("a vessel or place", before=_TRAVEL_BEFORE),
    Sense("the name of a project, game or product", before=r"\b(?:code-?name[ds]?|dubbed|titled|(?:latest|last|new|next|debut|"
                                                          r"flagship|hit|best-selling)\s+(?:title|game|release|album|novel|film|show)[,:]?)"
                                                          r"\s+[*_\"'“‘]?$"),
    Sense("a moon, star or figure of myth",
          before=r"\b(?:moons?|planets?|dwarf\s+planet|satellites?|stars?|constellations?|comets?|asteroids?|titans?|gods?|"
                 r"goddess|hero(?:es)?|myth\s+of)\s+$|(?:卫星|衛星|星座|天神|神话中的|神話中的)\s*$",
          after=r"\s+(?:moon|constellation|nebula|crater|myth)\b|\s*(?:卫星|衛星|星座|神话|神話)"),
    Sense("an animal", after=r"[*_]*,\s+(?:one\s+of\s+)?(?:our|the|a|an)\s+(?:[\w'’-]+\s+){0,3}(?:dog|cat|puppy|puppies|"
                             r"kitten|corgi|labrador|retriever|spaniel|terrier|parrot|pet|mascot|horse|pony|ponies)s?\b",
          # a breed, or a pet of the office, before its name ("the office manager's Labrador, Docker, …")
          before=r"\b(?:labrador|retriever|spaniel|terrier|corgi|poodle|beagle|husky|collie|dachshund|schnauzer|greyhound|"
                 r"whippet|sheepdog|(?:office|our|my|the|a|resident|team|studio|shop)\s+(?:dog|cat|puppy|kitten|parrot|"
                 r"tortoise|rabbit|hamster|pet))(?:['’]s)?,?\s+(?:named\s+|called\s+)?$"),
    # a character of a game, a film or a book, by what it is ("Prometheus, the raid boss our players love to hate")
    Sense("a character in a game or story",
          after=r"[*_]*,\s+(?:one\s+of\s+)?(?:our|the|a|an|its|their)\s+(?:[\w'’-]+\s+){0,3}(?:boss|villain|hero(?:ine)?|"
                r"mascot|character|npc|dragon|monster|protagonist|antagonist|sidekick)s?\b"),
    # an apposition that says what the name is ("Triton*, one of our customers' favourite test vessels")
    Sense("a vessel or place", after=r"[*_]*,\s+(?:one\s+of\s+)?(?:our|the|a|an)\s+(?:[\w'’-]+\s+){0,3}(?:lounge|room|"
                                     r"kitchen|canteen|caf[eé]|bar|library|floor|building|office|space|hall|auditorium|gym|"
                                     r"garden|terrace|boathouse|campus|wing|vessel|ship|boat|tanker|ferry|ferries|yacht|tug|"
                                     r"(?:wind\s+)?tunnel|facility|observatory|reactor|telescope|accelerator|"
                                     r"barge|trawler)s?\b"),
    Sense("an object, not software",
          after=r"(?:\s+(?:and|&)\s+[A-Z][\w-]*)?[*_]*,\s+(?:one\s+of\s+)?(?:our|the|a|an|its|their)\s+(?:[\w'’-]+\s+){0,3}"
                r"(?:robots?|arms?|machines?|printers?|rigs?|trucks?|vans?|tractors?|forklifts?|cranes?|drones?|satellites?|"
                r"rovers?|telescopes?|microscopes?|instruments?|cameras?|buses|trains?|planes?|aircraft|cars?|bikes?|"
                r"units|devices|gadgets|appliances|handsets|routers|modems|kits)\b"),
    # "The" written with a capital inside a sentence starts a name ("drinks at The Flask in Highgate")
    Sense("a vessel or place", before=r"(?<=[a-z,;\u4e00-\u9fff] )The\s+$", case=True, last_word="The"),
    # a vehicle's model designation ("the MQ-4C Triton and P-8 fleets"), a machine with its kind after it
    Sense("an object, not software", before=r"\b[A-Z]{1,3}-\d{1,3}[A-Z]?\s+$", case=True, last_word=r"[A-Z]{1,3}-\d{1,3}[A-Z]?"),
    Sense("an object, not software", after=r"(?:\s+(?:and|&)\s+[\w-]+)?\s+(?:[a-z][\w-]*\s+)?(?:robots?|probes?|fleets?|rovers?|"
                                           r"tractors?|harvesters?|drones?|vehicles?|aircraft|jets?|helicopters?|satellites?)\b"),
    Sense("an event", after=r"\s+(?:Open\s+Days?|Festival|Gala|Cup|Marathon|Fun\s+Run|Awards?|Fair|Regatta|Tournament)\b", case=True),
    Sense("a vessel or place", after=r"\s+(?:wind[- ])?tunnel\b"),
    Sense("the name of a project, game or product", before=r"[《〈「]\s*$", after=r"\s*[：:][^》〉」\n]{0,20}[》〉」]|\s*[》〉」]"),
    # greetings and sign-offs in e-mails ("Hi Jax,", "Thanks,\nRay")
    Sense("a person", before=r"(?:^|\n)[ \t>]*(?:hi|hello|hey|dear|(?:good\s+)?morning|(?:good\s+)?afternoon)[ \t]+$|"
                             r"\b(?:best|regards|cheers|thanks|thank\s+you|sincerely|best\s+wishes)[,!.]?[ \t]*\n[ \t>]*$"),
    # an organisation named after it ("the Prometheus Lab", "Airflow Labs Inc.")
    # a company's name of a few capitalised words before its legal form: "Prometheus Aviation Services, Inc."
    Sense("an organisation", after=r"(?:\s+[A-Z][\w&'’-]*){1,3},?\s+(?:Inc\.?|Ltd\.?|LLC|GmbH|Corp\.?|Co\.|PLC|plc|S\.A\.|B\.V\.|AG)(?!\w)",
          case=True),
    Sense("an organisation", after=r"\s+(?:Lab|Labs|Laborator(?:y|ies)|Institute|Foundation|Studios?|Inc\.?|Ltd\.?|LLC|"
                                   r"GmbH|Corp\.?|Corporation|Holdings|Society|Association|Academy|Clinic|Energy|Cooperative|"
                                   r"Co-?op|Mutual|Utilities|Power\s+(?:Company|Co\.?))\b", case=True),
    # an employer after "worked at" in Chinese ("曾任職 HCL、Infosys 等顧問公司")
    Sense("an organisation", before=r"(?:曾|现|現|目前)?(?:任职|任職|就职|就職|供职|供職)(?:于|於)?\s*$"),
    Sense("an idiom", after=r"\s+of\s+(?:\w+\s+)?(?:activity|genius|hope|sunshine|light|inspiration|ideas?|life|"
                             r"creativity|curiosity|fresh\s+air|energy|joy|insight|brilliance|talent)\b"),
    Sense("a person", after=r"\s*(?:汇报|报到|面谈)|\s*的\s*[《〈]"),  # "共讀 Kafka 的《變形記》": the author
    # (the Chinese words start with a Chinese character or a closing quote: the look-ahead spares English text the list)
    Sense("an object, not software", after=rf"\s*(?={_ZH_OBJECT_LEAD})(?:{_ZH_OBJECT_AFTER})|(?:{_BRAND_LIST})?\s+(?:{_OBJECT_AFTER})\b"),
    Sense("a person", before=r"\b(?:contact|email|e-mail|ask\s+for|ask|meet|thank|report(?:s|ing)?\s+(?:directly\s+)?to|led\s+by|"
                             r"managed\s+by|founded\s+by|hosted\s+by|named|signed|cc|call|text|reach\s+out\s+to|"
                             r"(?:manager|recruiter|founder|director|ceo|cto|supervisor|coordinator|contact)[:,]?)\s+$"),
    Sense("a vessel or place", before=rf"(?:\b(?:{_VESSEL})s?,?\s+(?:the\s+|named\s+|called\s+)?(?:[A-Z]\w+\s*(?:,|and|&)\s*)*|\b(?:port|harbou?r|fort|cape|mount|mt\.?|lake|isle|"
                                      r"county|city|town|village)\s+(?:of\s+)?|\b(?:based|located|relocate|relocating|"
                                      r"offices?|site|stationed|moored|docked|berthed|sailing|sail|shipping|flights?)\s+"
                                      r"(?:in|at|near|to|from|out\s+of)\s+)$",
          after=rf"\s+(?:{_PLACE_AFTER})\b"),
    Sense("a vessel or place", after=r",\s+(?:[A-Z]{2}|Florida|Texas|California|Greece|Italy|Ohio|Norway)\b(?![A-Za-z-])(?!\s*(?:,|and|or)\s)",
          case=True),
    # what kind of business it is, said in an apposition ("Snowflake, Denmark's favourite ice-cream maker"), unless the
    # business is technology ("Snowflake, the data cloud company")
    Sense("an organisation", after=r",\s+(?![^,.;\n]{0,48}\b(?:data|cloud|software|database|analytics|ai|ml|platform|saas|tech\w*|"
                                   r"computing|it)\b)(?:[\w'’.&-]+\s+){1,5}?(?:maker|manufacturer|brand|chain|retailer|grocer|bakery|"
                                   r"brewery|roaster|producer|supplier|distributor|wholesaler|cooperative|co-?op)s?\b"),
    Sense("a vessel or place", before=r"(?:帆船|游艇|船|轮|舰|艇|号船)\s*[“\"'‘「]?$", after=r"\s*[”\"'’」]?\s*(?:号|轮|舰|艇)"),
    Sense("a brand or product", before=r"\b(?:grocery|delivery|retail|coffee|fashion|clothing|apparel|furniture|beverage|food|"
                                       r"snack|beer|car|bike|scooter|bakery|bread|pastry|dairy|tea|juice|cosmetics?|beauty|dessert|"
                                       r"ice[- ]cream|confectionery|chocolate|candy|sweets?|"
                                       r"toy|sportswear|footwear|shoe|outdoor|in-house|own-label|private[- ]label|house)\s+(?:\w+\s+)?(?:partner|brand|chain|company|startup|app|"
                                       r"service|shop|store)s?,?\s+$|"
                                       # a telephone company ("they cover your mobile plan with Spark")
                                       r"\b(?:mobile|phone|broadband|internet|fibre|fiber|data)\s+(?:plan|provider|carrier|contract|deal)s?\s+"
                                       r"(?:with|from|on|through|via)\s+$"),
    # the parties of a court case ("R v Jenkins", "Smith v. Kafka")
    Sense("a party to a court case", before=r"\b(?:R|[A-Z][a-z]+)\s+v\.?\s+$", case=True,
          last_word=r"v\.?"),
    Sense("a brand or product", before=r"(?:雪佛兰|雪佛蘭|三菱|起亚|起亞|丰田|豐田|本田|日产|日產|福特|大众|大眾|现代|現代|别克|別克|"
                                       r"马自达|馬自達|铃木|鈴木|斯巴鲁|五菱|宝马|寶馬|奔驰|賓士|奥迪|奧迪)\s*$"),
    Sense("a brand or product", after=rf"(?:{_BRAND_LIST})?(?:\s+\d{{1,4}})?\s+(?:{_GOODS_MODIFIER})?(?:{_BRAND_AFTER})\b|\s*(?:®|™)|"
                                      # a product line ("the Triton small-cell family", not "the Ray family of libraries")
                                      r"\s+(?:[a-z][\w-]*\s+){0,2}(?:product\s+)?(?:family|range|line-?up|series)\b(?!\s+of\b)",
          before=r"(?:\b(?:chevy|chevrolet|nissan|mitsubishi|ford|toyota|honda|dodge|plymouth|buy|bought|drive|drives|"
                 r"driving|wear|wearing|sip|drink|order|ordered|delivered\s+by|shop\s+at|shopping\s+at)\s+(?:a\s+|an\s+|the\s+|some\s+)?['’]?)$"),
    Sense("laboratory equipment or a chemical", after=rf"\s+(?:{_LAB_AFTER})\b", before=rf"\b(?:{_LAB_BEFORE})\s+$"),
    Sense("an adjective, not the tool itself",
          after=r"[-‐](?:like|style|esque|ish|inspired|compatible|flavou?red|alike|themed|shaped|sized)\b|"
                r"\s+(?:style|inspired|compatible|themed)\b|(?:esque|ian)\b"),
]

#: Words that put a sentence in everyday life: rooms and buildings, myths, food and drink, animals,
#: the sea, cameras and drones, weddings. A tool-like word in such a sentence, with nothing
#: technical in it (no other technology, no word of STRONG_TECH), is not the tool ("a talk in
#: Prometheus, our meeting rooms are named after Greek myth"; "拍摄用的老款 DJI Spark 无人机").
EVERYDAY_CONTEXT = re.compile(
    r"(?<![A-Za-z])(?:meeting\s+rooms?|conference\s+rooms?|rooms?\s+(?:are|is)\s+named|named\s+after|named\s+for|"
    r"myths?|mythology|legends?|greek|roman|norse|gods?|goddess|statues?|mascots?|birthdays?|weddings?|lunch(?:es)?|"
    r"coffee|espresso|caf[eé]s?|restaurants?|menu|pets?|dogs?|cats?|snakes?|reptiles?|(?<!\ba\s)zoos?(?!\s+of)|animals?|wildlife|moons?|planets?|constellations?|telescopes?|astronom\w*|"
    r"ocean(?:s|ic|ography)?|"
    r"seas?|vessels?|boats?|harbou?rs?|book\s+clubs?|novels?|novelists?|poems?|poets?|drones?|cameras?|photograph\w*|furniture|gardens?|seminars?\s+room|"
    r"competitors?|rivals?|supermarkets?|grocer(?:y|ies)|retailers?)(?![A-Za-z])|" + guarded_by_first_char(
        r"无人机|航拍|摄影|婚礼|咖啡|饮品|门店|顾客|宠物|饲养|喂食|蛇|船|码头|会议室|大楼|餐厅|菜单|神话|花园|"
        r"無人機|攝影|婚禮|飲品|門店|顧客|寵物|飼養|餵食|碼頭|會議室|大樓|餐廳|菜單|神話|花園|车型|車型|汽车|汽車|维修|維修|保养|保養|"
        r"药房|藥房|病人|患者|新郎|新娘|橘猫|猫|貓|狗"),
    re.IGNORECASE)
#: Words that make a sentence technical beyond doubt (technical nouns and verbs, without everyday
#: words such as "data", "models", "training", "使用", "经验"), and version numbers or code.
STRONG_TECH = re.compile(
    r"(?<![A-Za-z])(?:programming|scripting|coding|codebases?|" + _CODE_LANGUAGE + r"|software|frameworks?|librar(?:y|ies)|"
    r"sdks?|apis?|deploy\w*|clusters?|stack|code|pipelines?|dags?|quer(?:y|ies|ying)|databases?|warehouses?|etl|elt|"
    r"containers?|microservices?|servers?|backend|scripts?|notebooks?|repos?|ci/cd|devops|mlops|dashboards?|"
    r"orchestrat\w*|inference|gpus?|kubernetes|cloud|executors?|partition(?:s|ing|ed)?|shard(?:s|ing|ed)?|replicas?|udfs?|"
    r"joins|schemas?|ingest(?:ion|ing|s|ed)?)(?![A-Za-z])|"
    # a call starts at a word's start: looked for there only (the same leftmost matches)
    r"\bv?\d+\.\d+(?:\.\d+)?\b|`[^`\n]{1,40}`|(?<!\w)\w+\(\)|\.py\b|::|" + guarded_by_first_char(
        r"编程|代码|部署|集群|框架|开发|数据库|数仓|算法|"
        r"程式|程式碼|開發|資料庫|數倉|演算法|报表|報表|模型|机器学习|機器學習|資料倉儲|数据仓库|可视化|可視化"),
    re.IGNORECASE)

#: Tool names that are also ordinary words, names or brands, beyond those with a rule in RULES:
#: every everyday sense is checked around them (other tools are only checked for use as an adjective).
ORDINARY_WORDS = frozenset({"terraform", "keras", "cuda", "grafana", "sql", "numpy", "mlflow", "kubeflow", "databricks",
                            "bigquery", "langchain", "opencv", "grpc", "fastapi", "xgboost", "lightgbm", "kubernetes",
                            "huggingface"})

#: Words derived from a tool's name that speak of the tool itself ("write pythonic code"): matched as its names.
DERIVED_TERMS: dict[str, str] = {"pythonic": "python", "pythonista": "python", "pythonistas": "python",
                                 "dockerised": "docker", "dockerized": "docker", "dockerise": "docker", "dockerize": "docker",
                                 "dockerfiles": "docker"}

#: Tool names that are also ordinary words, first names, surnames, places, myths or brands (every term
#: with a rule in RULES, and these). Such a mention needs technical context and never gives it: "Scala",
#: "torch", "hive" and "snowflake" on a restaurant's menu do not make one another technical. Only
#: unambiguous technology names, code-ish tokens, version numbers and technical words do.
WEAK_NAMES = frozenset({"python", "spark", "docker", "hive", "airflow", "snowflake", "tableau", "pandas", "kafka",
                        "flink", "flask", "helm", "argo", "ray", "jax", "triton", "jenkins", "prometheus", "azure",
                        "scala", "torch", "transformers", "terraform", "keras", "hcl", "go", "r"})

#: Tools that are also first names: a capitalised word right after them ("Ray Thompson")
#: is a surname unless it is one of these technical words.
FIRST_NAME_TERMS = frozenset({"ray", "jax", "scala", "helm", "triton", "argo", "keras", "flink", "jenkins", "kafka",
                              "spark", "docker", "python", "hive", "azure", "tableau", "snowflake", "airflow", "torch"})
NAME_FOLLOWERS_OK = frozenset(
    ["Serve", "Train", "Tune", "Data", "Datasets", "Core", "Cluster", "Clusters", "RLlib", "AIR", "Workflows", "Workflow", "Dashboard", "Jobs", "Job", "Actors", "Tasks", "Streaming", "Structured", "SQL", "Streams", "Connect", "Cloud", "Engine", "Compose", "Hub", "Swarm", "Desktop", "Server", "Online", "Prep", "Pulse", "Charts", "Chart", "CD", "CI", "Pipelines", "Pipeline", "Inference", "Functions", "Blob", "DevOps", "Storage", "Kubernetes", "AKS", "ML", "Machine", "Synapse", "Data", "Factory", "Databricks", "Monitor", "Active", "Directory", "Event", "Hubs", "Metastore", "Developer", "Developers", "Engineer", "Engineers", "Programming", "Tooling", "API", "APIs", "SDK", "Operator", "Operators", "Rollouts", "Events", "X", "Lightning", "Geometric", "Hub", "Lite", "Serving", "Query", "Queries", "Schema", "Schemas", "Registry", "Tables", "Table", "Warehouse", "Horovod", "Distributed", "Numba", "NumPy", "Labs", "Agent", "Alertmanager", "Exporter", "Exporters", "Operator", "MLlib", "GraphX", "Streams", "Statefun", "CDC", "Table", "Gelly"])
#: Tools that are also surnames: a capitalised word right before them ("Maria Jenkins") is a first name,
#: unless it is a technical word (a vendor, another tool, an adjective of the stack).
SURNAME_TERMS = frozenset({"jenkins", "helm", "kafka", "ray", "docker", "flink", "scala", "argo"})
NAME_LEADERS_OK = frozenset(
    ["Apache", "Amazon", "AWS", "Azure", "Google", "GCP", "Microsoft", "Confluent", "Managed", "Self-hosted", "Hosted", "Open", "Cloud", "Databricks", "Redpanda", "Ververica", "Aiven", "MSK", "Strimzi", "Kubernetes", "Docker", "Bitnami", "HashiCorp", "GitLab", "GitHub", "CloudBees", "Anyscale", "Spark", "Ray", "Using", "Use", "Run", "Running", "Build", "Building", "Deploy", "Deploying", "Maintain", "Maintaining", "Manage", "Managing", "Migrate", "Migrating", "Write", "Writing", "Own", "Owning", "Operate", "Operating", "Configure", "Configuring", "Set", "Setting", "Scale", "Scaling", "Tune", "Tuning", "Debug", "Debugging", "Experience", "Familiarity", "Knowledge", "Proficiency", "Expertise", "Strong", "Solid", "Deep", "Hands-on", "Bonus", "Plus", "Tools", "Stack", "Tech", "And", "Or", "With", "In", "On", "Our", "We", "You", "The", "A", "An", "Some", "Any", "Modern", "Legacy", "Existing", "Current", "Production", "Internal"])


# ---------------------------------------------------------------------------
# Negation and bonus, scoped to the clause
# ---------------------------------------------------------------------------

#: "(you will not be) asked to write or run": being asked or expected to do something with the tool.
_DO_WITH = r"(?:know|use|learn|touch|master|write|run|maintain|operate|build|debug|own|support)"
_ASKED_TO = rf"(?:asked|expected|required)\s+to\s+{_DO_WITH}(?:\s+(?:or|and)\s+{_DO_WITH})?"

#: Cues that negate the tools right AFTER them in the same clause ("no Hadoop", "instead of Airflow",
#: "we don't use Spark", "无需掌握Hadoop"). A cue that is one of NOT_NEGATION is not one.
NEGATION_BEFORE = (
    r"\bpull(?:ed|ing|s)?\s+the\s+plug\s+on\b|\bno\s+more\b|\bunlike\b|"
    # "there isn't a single line of TensorFlow left", "no trace of Hive": not one line of it (before the bare "no")
    r"\b(?:not|isn['’]t|is\s+not|no)\s+(?:a\s+|one\s+)?(?:single\s+)?(?:line|trace|scrap|shred|byte)\s+of\b|"
    # "migrated its last forecasting scripts off R": what was moved off the tool, named between
    r"\b(?:migrat(?:ed|ing|es?)|mov(?:ed|ing|es?)|port(?:ed|ing|s)?)\s+(?:(?!to\b|into\b|onto\b)[\w-]+\s+){1,5}?(?:off(?:\s+of)?|away\s+from|out\s+of)\s|"
    # a subject that is nobody: "Nobody on this team builds applications with LangChain", "none of our models run on TF"
    r"\b(?:nobody|no\s+one|none\s+of\s+(?:us|our\s+\w+|the\s+\w+))(?:\s+(?:here|(?:on|in|at)\s+(?:this|the|our)\s+\w+))?\s+"
    r"(?:\w+\s+)?(?:uses?|using|used|builds?|built|writes?|wrote|written|touch(?:es|ed)?|runs?|ran|works?|worked|codes?|needs?|"
    r"needed|relies|quiz(?:zes|zed)?|test(?:s|ed)?|grill(?:s|ed)?|examines?)"
    r"(?:\s+(?:\w+\s+){0,2}?(?:with|in|on|against|via))?\b|"
    # before the bare "no" below, which would stop at "no" and leave "plans to bring" as the gap
    r"\b(?:no|not\s+any)\s+plans?\s+to\s+(?:bring|adopt|use|introduce|reintroduce|revive|move\s+to|switch\s+to|go\s+back\s+to)(?:\s+back)?\b|"
    r"\bnot\s+planning\s+to\s+(?:bring|adopt|use|introduce|reintroduce|revive)(?:\s+back)?\b|"
    r"\bno\s+need\s+(?:for|to\s+(?:\w+\s+)?)|\b(?:no|little|zero)\s+(?:place|room|role|call|use)\s+for\b|\bno\s+longer\s+(?:\w+\s+)?|\bno\b(?!\s*\.|\s+(?:matter|doubt|shortage|less|later|more|fewer|longer\s+than|problem|surprise|stranger|"
    r"exception|one|two|limit))|"
    r"\bnor\s+(?:is|are|was|were|do|does|did|will|would|should|can|could|must|need)(?:\s+(?:we|you|they|it|there))?"
    r"(?:\s+(?:use|using|need|needed|require|required|touch))?\b|\bnor\b|\bneither\b|\bwithout\b(?!\s+(?:compromising|sacrificing|breaking|losing|downtime))|"
    r"\binstead\s+of\b|\brather\s+than\b|\bin\s+place\s+of\b|\bas\s+opposed\s+to\b|\bnot\s+(?:on|in|with|using|via)\b|"
    r"\b(?:do|does|did|will|would|should|must|can|ca|need|could)\s*(?:not|n['’]t)\s+(?:\w+\s+){0,2}?"
    r"(?:" + _ASKED_TO + r"|use|using|need|require|touch|run|work(?:ing)?\s+(?:with|in|on)|build(?:ing)?\s+(?:on|with)|rely\s+on|"
    r"ship|deploy|bundle|include|"
    r"deal\s+with|know|expect|ask\s+for|"
    r"look\s+for|want|have|write|support|maintain|care\s+about|worry\s+about|bother\s+(?:with|learning|studying|(?:brushing|reading|swotting|boning)\s+up(?:\s+on)?)|go\s+near|see|get|do|"
    r"ask\s+about|quiz\s+you\s+on|interview\s+(?:you\s+)?(?:on|about)|include|involve|"
    r"learn|study|spend\s+(?:any\s+)?time\s+(?:on|learning|with)|assess|test|screen\s+for)"
    r"(?:\s+(?:anything|any\s+\w+|much|our\s+\w+)\s+(?:on|in|with|via|through))?"
    r"(?:\s+(?:you|candidates|applicants|anyone|people)\s+to\s+(?:know|use|have|learn|be\s+(?:an?\s+)?\w+\s+(?:in|with|at))|"
    r"\s+to\s+(?:know|use|learn|touch|have|master|write|run|be\s+(?:an?\s+)?\w+\s+(?:in|with|at))"
    r"(?:\s+(?:or|and)\s+(?:know|use|learn|touch|master|write|run|maintain|operate|build|debug))?)?\b|"
    r"\b(?:don['’]t|won['’]t|doesn['’]t|didn['’]t|never|isn['’]t|aren['’]t|wasn['’]t|not)\s+(?:\w+\s+){0,2}?"
    r"(?:" + _ASKED_TO + r"|use|using|used|need|needed|require|required|touch|run|work(?:ing)?\s+(?:with|in|on)|"
    r"build(?:ing)?\s+(?:on|with)|rely\s+on|deal\s+with|know|ship|deploy|bundle|include|"
    r"expect|want|have|write|support|maintain|going\s+to\s+use|part\s+of|a\s+(?:\w+\s+)?shop|do|doing|learn|learning|study|"
    r"spend\s+(?:any\s+)?time\s+(?:on|learning|with)|bother\s+(?:with|learning|studying|(?:brushing|reading|swotting|boning)\s+up(?:\s+on)?)|go\s+near|come\s+across|assess|test|screen\s+for|"
    r"adopt\w*|introduc\w*|bring(?:ing)?\s+in|switch(?:ing)?\s+to|mov(?:e|ing)\s+to|"
    r"be\s+(?:using|adopting|touching|running|writing|maintaining|coding|building|working\s+(?:with|in|on))|"
    r"ask\s+about|quiz\s+you\s+on|interview\s+(?:you\s+)?(?:on|about)|include|involve|find|see|meet|encounter)"
    r"(?:\s+(?:anything|any\s+\w+|much|our\s+\w+)\s+(?:on|in|with|via|through))?"
    r"(?:\s+(?:you|candidates|applicants|anyone)?\s*to\s+(?:know|use|learn|touch|have|master|write|run)"
    r"(?:\s+(?:or|and)\s+(?:know|use|learn|touch|master|write|run|maintain|operate|build|debug))?)?\b|"
    r"(?<!you['’]ve\s)(?<!you\shave\s)\b(?:migrat|mov|switch|transition|port|shift)\w*\s+(?:(?:all|most|our|the|its|their|"
    r"existing|legacy|remaining|last|final|old|every|of|\w+ing|jobs|workloads|pipelines|models|data|stack|everything|services|code|"
    r"ci|ci/cd|cd|builds?|deployments?|infra(?:structure)?|workflows?|dags|orchestration|storage|warehouse|tables|"
    r"dashboards|tests|observability|apps?|applications|systems?|clusters?|repos?|estate|platform|it|them|this|that)\s+){0,4}?"
    r"(?:away\s+from|off(?:\s+of)?|out\s+of|from)\b|\baway\s+from\b|"
    r"\breplac(?:e|ed|es|ing)\b(?!\s+by)|\b(?:phas(?:e|ed|ing)\s+out|sunset(?:ting|ted)?|deprecat(?:e|ed|ing)|"
    r"retir(?:e|ed|ing)|decommission(?:ed|ing)?|ditch(?:ed|ing)?|drop(?:ped|ping)|abandon(?:ed|ing)?|"
    r"rip(?:ped|ping)?\s+out|got\s+rid\s+of|getting\s+rid\s+of|outgrew|outgrown|scrap(?:ped|ping)?|kill(?:ed|ing)|binn?(?:ed|ing)|"
    r"moved\s+on\s+from|stopped\s+using|gave\s+up(?:\s+on)?|turned\s+off|shut\s+down|pension(?:ed|ing)\s+off)\b|"
    r"\b(?:we|we['’]ve|we\s+have|they|they['’]ve|the\s+(?:team|company|group))\s+(?:\w+\s+)?(?:left|quit|exited|removed|"
    r"skipped|rejected|declined|passed\s+on|walked\s+away\s+from)\b|"
    r"\b(?:said|bid|waved|say|saying)\s+(?:goodbye|farewell|good-?bye)\s+to\b|\bparted\s+ways\s+with\b|"
    r"\bsay(?:s|ing)?\s+no\s+to\b|\bnone\s+of\b|"
    r"\b(?:nothing|nobody|no\s+one)\s+(?:\w+\s+){0,2}?(?:runs?|is|lives?|sits?|happens?|gets\s+built|depends|reads?|writes?|pulls?|"
    r"talks?|connects?|points?|calls?|queries|loads?|comes?|goes)\s+(?:on|in|with|from|to|into)\b|\bmov(?:ed|ing|e)\s+(?:on\s+)?(?:beyond|past)\b|"
    r"\b(?:nobody|no\s+one|none\s+of\s+us)\s+(?:\w+\s+){0,2}?(?:uses?|writes?|touch(?:es)?|runs?|needs?|knows?|maintains?|"
    r"used|written|touched|needed|maintained)\b|"
    r"\bforget(?:\s+about)?\b|\b(?:done|finished|through)\s+with\b|\b(?:tired|sick)\s+of\b|"
    r"\b(?:can|may|should|feel\s+free\s+to)\s+(?:safely\s+|happily\s+)?(?:skip|ignore)\b|\bused\s+to\s+(?:run|use|have|rely\s+on|be\s+on|maintain)\b|\bexcept(?:\s+for)?\b|\bexcluding\b|\bexclude[sd]?\b|\bnever\b|\bnot\b|"
    r"\bzero\b|\b(?:chose|chosen|choose|choosing|prefer(?:s|red|ring)?|picked|opted\s+for|favou?r(?:s|ed|ing)?|went\s+with)\s+"
    r"(?:\S+\s+){1,4}?over\b|"
    r"(?P<avoid>\b(?:avoid(?:s|ed|ing)?|steer(?:s|ed|ing)?\s+clear\s+of|stay(?:s|ed|ing)?\s+away\s+from|keep(?:s|ing)?\s+away\s+from|"
    r"eschew(?:s|ed|ing)?|shun(?:s|ned|ning)?|forgo(?:es|ne|ing)?|forbid(?:s|den)?|prohibit(?:s|ed)?|ban(?:s|ned)?(?:\s+on)?|"
    r"(?:have|has)\s+no\s+(?:use|need|plans?)\s+for|refuse(?:s|d)?\s+to\s+(?:use|touch|adopt))\b"
    r"|避免使用|禁止使用|禁用|不允许使用|拒绝使用|摒弃)|"
    r"(?:并|並|从|從|也|都|亦|均|完全|根本|目前|暂时|暫時)?(?:不|没有?|沒有?|未|无|無|毋)(?:再|会|會|太|需|须|須|必|要求|要|使){0,2}"
    r"(?:用到|用上|使用|採用|采用|涉及|学习|學習|学|學|掌握|了解|瞭解|熟悉|接触|接觸|依赖|依賴|碰|考察|考核|需要|会用|會用|维护|維護|支持|支援|"
    r"运行|運行|部署|编写|編寫|撰写|撰寫|写|寫|用|导入|導入|引入|上线|上線|考|做|出现|出現)(?:任何|相关的?|相關的?)?|用不着|用不著|"
    r"已(?:经|經)?(?:全面|全部|彻底|徹底)?(?:弃用|棄用|下线|下線|淘汰|停用|废弃|廢棄|移除|放弃|放棄)(?:了)?|棄用|放弃|放棄|"
    r"無需|無須|不需要|不需|不寫|無需|无需|无须|不需要|不需|不写|不考虑|不考慮|用不到|用不上|没有|沒有|不要求|不必|不用|不使用|不涉及|不会用到|不会使用|不考察|不包括|不包含|不做要求|不作要求|而非|"
    r"而不是|代替|取代|替代|替换掉|弃用|淘汰|告别|没有使用|未使用|不采用|不再使用|停用|不碰|不接触|"
    r"(?:别|別|不用|不必|无需|無需|无须|無須)(?:太)?(?:担心|擔心|操心|纠结|糾結)"
)
#: A label that introduces what a posting leaves out ("Not part of the job: C++", "Out of scope: Spark, Hive"):
#: it negates the list right after its colon.
NEGATION_LABEL = (r"(?:\bnot\s+(?:part\s+of|in)\s+(?:the|this|your)\s+(?:job|role|work|remit|scope)|\bout\s+of\s+scope|"
                  r"\bnot\s+(?:needed|required|used|expected)(?:\s+here)?|\bwe\s+(?:don['’]t|do\s+not)\s+use|\bnot\s+in\s+our\s+stack|"
                  r"不需要|不涉及|无需|無需|不使用|不要求)\s*[:：]\s*$")

#: Cues that negate the tools right BEFORE them in the same clause ("Spark is not required", "Hive已下线").
#: Participles that say a tool was left behind ("retired", "swapped out", "end-of-lifed"), in any predicate.
DISCONTINUED = (r"retired|deprecated|expired(?:\s+unused)?|excluded|banned|prohibited|forbidden|disallowed|off[- ]limits|phased\s+out|disabled|stale|outdated|obsolete|closed(?:\s+down)?(?![-\w])|sunset(?:ted)?|decommissioned|replaced|removed|dropped|abandoned|"
                r"cancell?ed|terminated|discontinued|superseded|retired\s+for\s+good|got\s+the\s+(?:chop|axe|boot)|axed|"
                r"switched\s+(?:off|out)|turned\s+off|shut\s+down|powered\s+(?:down|off)|frozen|wound\s+down|swapped\s+out|ripped\s+out|"
                r"end[- ]of[- ]lifed?|eol(?:['’]?d|ed)|killed|scrapped|binned|migrated\s+away|retired\s+early|"
                r"put\s+out\s+to\s+pasture|put\s+to\s+(?:rest|bed)|laid\s+to\s+rest|mothballed|shelved|archived|unplugged|"
                r"deleted|uninstalled|torn\s+out|pulled\s+out|thrown\s+(?:away|out)|tossed\s+out|junked|let\s+go|written\s+off|"
                r"pensioned\s+off|evicted|kicked\s+out|booted\s+out|ousted|went\s+dark|gone\s+dark|"
                r"cut(?=\s+(?:in|from|during|last|this|after|when|for|back\s+in)\b|\s*[.;,]|\s*\)|\s*$)|"
                r"(?:migrated|ported|converted|rewritten)\s+(?:over\s+)?(?:to|onto|into|in)\s+(?=(?-i:[A-Z]))")
#: Characters that, right after a Chinese title word of a track, make it another word: 产品化 (productised),
#: 产品线 (a product line), 产品力 (a product's strength) are not 产品 (a product manager's role).
TITLE_WORD_NOT_BEFORE = "化线線力"
#: Chinese verbs of leaving a tool behind (simplified and traditional).
DISCONTINUED_ZH = (r"拆掉|拆了|拆咗|清退|迁回|遷回|封存|归档|歸檔|汰换|汰換|停跑|停服|拆除|注销|註銷|报废|報廢|停止维护|停止維護|停止使用|停止支持|成为历史|成為歷史|功成身退|執咗|执咗|弃用|棄用|下线|下線|淘汰|停用|废弃|廢棄|移除|迁出|遷出|关停|關停|退役|下架|退场|退場|停掉|关掉|關掉|砍掉|"
                   r"下掉|放弃|放棄")
#: An aside about the past: a paragraph whose sentence names a tool in the past tense, or asks about it, and
#: then says in its own words that it ended ("Azure was a brief flirtation back in 2020. Every workload came home
#: to AWS within the year, and the subscription was cancelled"). The tool is not asked for, unless the posting
#: counts it elsewhere.
ASIDE_PAST = re.compile(
    r"\b(?:was|were|had|used\s+to|back\s+in|in\s+(?:19|20)\d\d|until|original(?:ly)?|first|old|legacy|earlier|once|"
    r"brief(?:ly)?|years?\s+ago|ago|since|ask(?:s|ed)?|wonder)\b|[?？]|以前|早年|早期|最初|当初|當初|曾经|曾經|试过|試過|"
    r"用过|用過|原先|原本|之前|去年|前年|年前|那时|那時|问|問", re.IGNORECASE)
ASIDE_END = re.compile(
    # grouped by first letter: the pattern is tried at every word such an ending starts with
    r"\b" + by_first_char(
        DISCONTINUED + r"|gone|pulled\s+the\s+plug|closed\s+(?:that|the|this)\s+chapter|waved\s+[^.!?\n]{0,30}?goodbye|"
        r"polite\s+no|long\s+time\s+since|hasn['’]t\s+featured|haven['’]t\s+looked\s+back|never\s+again|"
        r"no\s+longer|rewr(?:ote|itten)|retrained|rebuilt|came\s+home\s+to|moved\s+(?:off|away)|left\s+behind|"
        r"taught\s+us\s+what\s+we\s+didn['’]t\s+want") + r"\b|"
    r"(?:" + DISCONTINUED_ZH + r")|换掉|換掉|重写|重寫|拔掉|到期|没续|沒續|不剩|没缘分|沒緣分|别想了|別想了|没这个需要|沒這個需要|"
    r"不会再|不會再|替换|替換|找不到|回收|不再", re.IGNORECASE)
#: What stands before a tool that is where the team went, in Chinese ("全部用 Go 重写了").
ASIDE_DESTINATION_ZH = re.compile(r"(?:用|改用|换成|換成|迁到|遷到|迁移到|遷移到|搬到|转到|轉到)\s*$")
#: The cues after a mention, one pattern per kind; those that need a Chinese character are marked, so that a
#: window of plain ASCII text is matched against the others only (the same matches, for less work).
NEGATION_AFTER_PARTS: tuple[tuple[str, bool], ...] = (
    (
        r"^(?:\s+(?:experience|knowledge|skills?|expertise))?\s*[:：?]\s*(?:not\s+(?:used|needed|required|in\s+use|necessary|expected|here)|"
        r"none|no(?!\s+(?:problems?|worries|worry|matter|sweat|issue|big\s+deal))|nope|never(?:\s+used(?:\s+it)?)?|n/a|(?:(?:long|totally|completely|all)\s+)?(?:retired|deprecated|gone|dead)|history|"
        r"irrelevant|unnecessary|"
        r"not\s+(?:here|anymore|any\s+more|(?:for|in|at|on)\s+(?:us|this\s+\w+|our\s+\w+|the\s+\w+))|"
        r"(?:we|you|I)\s+(?:don['’]t|do\s+not|never|no\s+longer|won['’]t|will\s+not|wouldn['’]t|shouldn['’]t)\s+(?:\w+\s+){0,2}?"
        r"(?:it|them|that|any|anything|a\s+line)|"
        r"不需要|不用|无|無|不涉及|不要求|非必须|非必要)(?![A-Za-z])", False),
    (
        r"^\s*(?:->|→|=>|⟶)\s*[\w .-]{1,30}?\s(?:migration|move|switch(?:over)?|cut-?over|transition)\b", False),
    (
        r"^[^，。；,.;\n！？]{0,16}?(?:已|已经|已經)?(?:被|由)[^，。；,.;\n]{1,30}?(?:取代|替代|替换|替換|代替|淘汰)", True),
    (
        r"^[^，。；,.;\n！？]{0,16}?(?:没有用武之地|沒有用武之地|派不上用场|派不上用場|帮助不大|幫助不大|用处不大|用處不大|"
        r"意义不大|意義不大|八竿子打不着|八竿子打不著|没有加成|沒有加成|不会问|不會問|用不上|用不到|用不着|用不著|不作为考察|不作為考察|不在[^，。；,.;、\n]{0,8}?(?:范围|範圍)|(?:会|會|懂)不(?:会|會|懂)(?:都|也)(?:行|可以|没关系|沒關係|无所谓|無所謂)|有(?:专人|專人)(?:负责|負責)|(?:工作|部分)?由[^，。；,.;、\n]{1,10}?(?:团队|團隊|组|組|部门|部門)(?:负责|負責)|一行(?:代码|代碼)?(?:都|也)(?:没有|沒有|不写|不寫)|不会考察|不會考察|不属于本岗位|不屬於本職位)", True),
    (
        r"^\s*(?:这边|這邊|这里|這裡|我们|我們|团队|團隊|本岗位|本職位|目前|现在|現在|暂时|暫時|也|亦|都|均|并|並|完全|根本){0,3}"
        r"(?:用不上|用不到|用不着|用不著|不在(?:我们|我們)?的?(?:技术栈|技術棧|技术选型|技術選型)|"
        r"(?:不是|不属于|不屬於)(?:我们|我們)?的?(?:技术栈|技術棧|技术选型|技術選型|选型|選型|范围|範圍))", True),
    (
        r"^(?:\s+(?:experience|knowledge|skills?|expertise|background|familiarity|certification|exposure|tenant|accounts?|"
        r"subscriptions?|estate|environments?)(?:\s+\w+)?)?\s*"
        r"(?:,\s*|\)\s*)?(?:\(|-\s|–\s|—\s)?\s*(?:(?:is|are|was|were|will\s+be|would\s+be|has|have|had)\s*)?"
        r"(?:(?:won['’]t|will\s+not|would\s+not|wouldn['’]t)\s+be\s+(?:required|needed|necessary|used|involved|expected|assessed|"
        r"tested|evaluated|considered|looked\s+at|a\s+factor)\b|(?:legacy\s+now|off\s+the\s+table)\b|(?:(?<=\bis\s)|(?<=\bare\s)|(?<=\bwas\s)|(?<=\bwere\s)|(?<=\bbe\s)|(?<=[(\-–—,]\s)|(?<=\())(?:dead|history)\b|"
        r"(?:sits?|lives?|stays?|belongs?)\s+with\s+(?:them|another\s+team|the\s+[\w-]+(?:\s+[\w-]+)?\s+(?:team|guild|group|squad))\b|"
        r"belongs?\s+to\s+(?:an?other|the|our|their|a)\s+(?:[\w'’-]+\s+){0,4}?(?:team|department|group|squad|guild|vendor)\b|"
        r"(?:is|are|sits?|stays?)\s+not\s+with\s+(?:this|your)\s+(?:role|team|job|position)\b|"
        r"(?:has|have)\s+no\s+(?:place|role|future|part)\b|(?:gives?|brings?|offers?|is\s+of)\s+no\s+(?:advantage|benefit|edge|value)\b|nowhere\s+(?:in|near|to\s+be\s+(?:seen|found))\b|(?:of\s+)?(?:zero|no|little)\s+(?:use|value|relevance)\s+(?:here|to\s+us|in\s+this\s+(?:role|team|job))\b|"
        r"(?:won['’]t|will\s+not|doesn['’]t|does\s+not|wouldn['’]t|would\s+not)\s+help\s+(?:you\s+)?(?:here|much|in\s+this\s+(?:role|job|team))|"
        r"(?:contract|licen[cs]es?|subscription|seats?)\s+(?:(?:was|were|has\s+been|have\s+been)\s+)?"
        r"(?:lapsed?|expired?|ran\s+out|run\s+out|cancell?ed|not\s+renewed|ended|terminated)\b|"
        r"(?:(?:therefore|thus|hence|so|also|simply|currently|really|certainly|definitely|generally|likewise|equally|"
        r"then|honestly|frankly|deliberately|intentionally|explicitly)\s+)?"
        r"(?:not|n['’]t|never|no\s+longer)\s+(?:been\s+)?(?:strictly\s+|really\s+|at\s+all\s+|currently\s+|actually\s+)?"
        r"(?:required|needed|necessary|mandatory|essential|expected|used|in\s+use|supported|allowed|permitted|installed|"
        r"a\s+(?:\w+\s+)?(?:requirement|must|prerequisite)|"
        r"part\s+of|in\s+(?:our|the)\s+(?:\w+\s+)?stack|relevant|important|coming\s+back|(?:something|anything)\s+(?:we|you|they)|what\s+(?:we|you|they)|on\s+the\s+table|"
        r"an?\s+(?:\w+\s+)?(?:skill|tool|technology|thing|area)\s+(?:we|you|that|this)|"
        r"involved|in\s+scope|applicable|a\s+factor|a\s+focus|on\s+(?:our|the|anyone['’]s|anybody['’]s)\s+(?:roadmap|radar|agenda|cards)|in\s+the\s+picture|(?:enter|enters|come|comes)\s+(?:into\s+)?the\s+picture)\b|(?:(?:is|are)\s+)?on\s+(?:nobody['’]s|no\s+one['’]s|no-one['’]s)\s+(?:roadmap|radar|agenda|wish\s*list|list)\b|never\s+(?:enters|entered|comes|came)\s+(?:into\s+)?the\s+picture\b|(?:not|n['’]t)\s*(?=[.;,)!]|$)|"
        # a participle, not the active verb: "Airflow replaced it" names what came, "Jenkins, replaced by Actions" what went
        r"(?:being\s+|getting\s+)?(?:(?:" + DISCONTINUED + r")(?!\s+(?:it|them|this|that|the|our|its|their|(?-i:[A-Z])\w*)\b)|"
        r"winding\s+down|end[- ]of[- ]life|"
        r"a\s+thing\s+of\s+the\s+past|history\s+(?:here|for\s+us)|gone|going\s+away|on\s+(?:its|their)\s+way\s+out|out\s+of\s+scope|unnecessary|irrelevant|"
        r"optional\s+and\s+not\s+assessed)\b|(?:has|have)\s+been\s+(?:retired|deprecated|phased\s+out|sunset|decommissioned|"
        r"replaced|removed|dropped|migrated\s+away|turned\s+off|switched\s+off|shut\s+down)\b)", False),
    (
        r"^[-‐](?:free|less)\b", False),
    # an answer after a dash: "Stack note: Python — nope"
    (r"^\s+[—–]\s+(?:nope|none|never|gone|retired|not\s+(?:here|used|needed|anymore|any\s+more))\b", False),
    (
        r"^(?:\s*v?\d+(?:\.[\dx]+)+)?\s*(?:[)）]\s*)?(?:相关|相關|的)?(?:使用)?(?:经验|經驗|技能|能力|项目|項目|集群|框架|知识|知識|语言|語言|模型)?\s*(?:条件|條件)?\s*(?:也|亦|均|都)?\s*(?:并|並)?"
        r"(?:非必要|非必須|不是必須|不必要|不做要求|不作要求|不要求|不需要|不在(?:我们|我們|本岗位|本職位)?的?(?:技术栈|技術棧|技术选型|技術選型|范围|範圍|考虑|考慮|"
        r"规划|規劃|计划|計劃|路线图|路線圖|"
        r"工具链|工具鏈|工具箱|技术体系|技術體系)|不沾边|不沾邊|无关|無關|没有交集|沒有交集|毫无关系|毫無關係|"
        r"(?:早|早就|早已)?已?(?:经|經)?[^，。；,.;、\n]{0,16}?(?:" + DISCONTINUED_ZH + r"|被取代|被替換|被替换)|"
        r"(?:不是|並非|并非)(?:本岗位|本職位|这个岗位|這個崗位|我们|我們)?的?(?:重点|重點|核心要求|必备技能|必備技能)|"
        r"(?:不是|非|并非|並非)(?:必要|必须|必須|必需|必备|必備|硬性要求|刚需|剛需)|不需|無需|無須|不涉及|不考察|不列入|"
        r"(?:没有|沒有|无|無)(?:任何|硬性)?要求|(?:可以|可)不(?:会|會|懂|熟悉)|不(?:会|會|懂|熟悉)也(?:没|沒)(?:关系|關係)|"
        r"(?:只是|是)?(?:历史遗留|歷史遺留|遗留系统|遺留系統)|"
        r"(?:目前|现在|現在|暂时|暫時|也|亦|都|均|并|並|完全|根本|已经|已經|已|我们|我們|团队|團隊|公司|这边|這邊){0,3}"
        r"(?:不|没|沒|未)(?:有|再|会|會)?(?:在)?(?:用|使用|采用|採用|涉及))", True),
    (
        r"^\s*(?:经验|技能|能力|项目|集群|框架)?\s*(?:非必须|非必需|不是必须|不是必需|不是必要|不作要求|不做要求|不要求|不需要|不必|无需|无要求|可不会|"
        r"不强制|无关|已(?:经)?(?:全部|都|基本|彻底)?(?:弃用|下线|淘汰|停用|废弃|移除|迁出|停掉|关停|关掉|砍掉|下掉|被替换|被取代)|已迁移|迁出|不在技术栈|不在我们的技术栈|均不需要|都不需要|不考察|不涉及)", True),
    (
        r"^\s*(?:not\s+required|not\s+needed|need\s+not\s+apply|needn['’]t)", False),
    # "X lost the bake-off to Y", "X lost out to Y in our evaluation": Y is what came
    (
        r"^\s+(?:has\s+|have\s+|had\s+)?lost\s+(?:out\s+)?(?:(?:the|a|an|our|its|their)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:bake-?off|evaluation|shoot-?out|comparison|contest|race|battle|trial|pilot|vote|benchmark)\s+)?to\b", False),
)
NEGATION_AFTER = "|".join(part for part, _ in NEGATION_AFTER_PARTS)
#: The same, without the kinds that need a Chinese character.
NEGATION_AFTER_ASCII = "|".join(part for part, chinese in NEGATION_AFTER_PARTS if not chinese)
#: What comes right after the cue and takes the negation back ("not only", "not limited to").
NOT_NEGATION = (r"\b(?:nobody|no\s+one|none)\s+(?:\w+\s+){1,4}?(?:better|more|faster|like)\s+(?:than|us|we)\b|"
                r"(?:not|no|n['’]t)\s+(?:only|just|limited\s+to|merely|necessarily|least|to\s+mention|everyone|all)\b|whether\s+or\s+not|if\s+not|"
                r"(?:don['’]t|do\s+not|never|won['’]t)\s+forget|forget\s+(?:to|that)\b|"
                # a condition on the candidate is not a statement about the stack ("if you don't know X yet")
                r"\b(?:if|unless|even\s+if)\s+(?:you|they|candidates?)(?:['’]ve|\s+have)?\s+(?:do\s+not|don['’]t|have\s+not|haven['’]t|never|are\s+not|aren['’]t)\b")
#: What, before a "without", makes it a necessity rather than an exclusion: a negation of the clause's own
#: verb ("None of this works without Kubernetes", "you cannot ship here without Docker", "no day passes
#: without a Spark job"). Searched between the clause's start and the cue.
NECESSITY_BEFORE_WITHOUT = (r"\b(?:none|nothing|nobody|no\s+one|no\s+\w+|never|cannot|can['’]t|couldn['’]t|won['’]t|wouldn['’]t|"
                            r"impossible|hard\s+to\s+imagine|not\s+(?:possible|be\s+able|able)|not\s+a\s+(?:single\s+)?(?:day|week|sprint|release|model|line))\b|(?:没有|沒有|离不开|離不開|缺不了)")
#: A Chinese "从 X 迁移到 Y": X is being left.
MIGRATION_FROM_ZH = (r"(?:从|從|把|将|將|由)\s*$", r"\s*(?:全部|都|全都|全面|整体|整體|全数|全數|逐步|已经|已經|已|正在|陆续|陸續|统一|統一|彻底|徹底|一律){0,2}(?:(?:迁移|遷移|迁|遷|切换|切換|转向|轉向|转|轉|过渡|過渡|升级|升級|搬晒|搬|"
                                                r"替换|替換|换|換|改|切)(?:到|至|为|為|成|去|回)(?:了)?|迁出|遷出|(?:迁移|遷移|切换|切換|转|轉)出)")
#: A clause whose subject holds the tool and whose predicate says it is not wanted ("Coding in R or building
#: models yourself is out of scope", "Experience with Spark on large clusters is not required").
NEGATION_SUBJECT = (r"(?:,\s*(?:which|who)\b[^.;:!?\n,()]{1,80},)?"  # "Airflow, which a team trialled, never made it past…"
                    r"(?:(?!\s*\b(?:but|however|(?:we|you|they)(?!\s+(?:used\s+to|had|ran|built|kept|inherited|tried|trialled|trialed|wrote)\b)|although|though|while|whereas)\b)(?:[^.;:!?\n,()]|\([^()\n]{1,12}\)))"
                    r"{0,60}?\s(?:(?:is|are|was|were|will\s+be|has\s+been|have\s+been|got|gets|is\s+going\s+to\s+be)\s+"
                    r"(?:(?:completely|entirely|totally|strictly|simply|definitely|now|already|internally|officially)\s+)?"
                    r"(?:out\s+of\s+scope|unnecessary|irrelevant|legacy|(?:being\s+)?(?:" + DISCONTINUED + r")|"
                    # someone else's work: "Tableau is someone else's job", "is handled by the BI team"
                    r"(?:someone|somebody)\s+else['’]s\s+(?:job|problem|responsibility|remit|area|domain|department|concern|call)|"
                    r"(?:handled|owned|covered|done|run|maintained|taken\s+care\s+of)\s+by\s+(?:another|a\s+(?:different|separate|sister|dedicated)|"
                    r"an?\s+other|the\s+\w+)\s+(?:team|group|department|squad|org\w*)|off\s+the\s+(?:menu|table)|a\s+relic|"
                    r"no\s+longer\s+(?:used|needed|required)|never\s+(?:touched|used|needed|required|run)|"
                    r"(?:nice|fine|welcome|great|good)\s+(?:to\s+have\s+)?but\s+not\s+(?:needed|required|necessary|expected|essential)|"
                    r"(?:something|what)\s+we\s+(?:grew\s+out\s+of|outgrew|moved\s+(?:away\s+from|on\s+from)|left(?:\s+behind)?|"
                    r"dropped|abandoned|retired|stopped\s+using|no\s+longer\s+use))|"
                    r"(?:belongs?|falls?)\s+to\s+(?:another|a\s+(?:different|separate|sister|dedicated))\s+(?:team|group|department|squad)|"
                    # "GitLab CI belongs to the data team's separate repo setup": a team named, not ours
                    r"(?:belongs?|falls?)\s+to\s+the\s+(?!(?:same|whole|entire|wider)\b)[\w-]+\s+(?:team|group|department|squad)(?:['’]s)?\b|"
                    r"(?:stays?|remains?|(?:is|are)\s+kept)\s+out\s+of\s+(?:this|the|our|scope)|"
                    r"(?:belongs?|is|are)\s+(?:to\s+|in\s+)?(?:the|our)\s+(?:\w+['’]s\s+)?past|"
                    r"(?:belongs?|dates?)\s+(?:to|from|back\s+to)\s+(?:the|our|its)\s+(?:\w+\s+)?(?:days|era|years|beginnings|early\s+days)\b|"
                    r"(?:is|are|was|were|sits?|falls?)\s+outside\s+(?:of\s+)?(?:our|the|this|your)\s+(?:\w+['’]s\s+|\w+\s+)?(?:footprint|stack|scope|remit|world|role|job|lane|tool-?\s*box|toolkit|tool\s*chain)|"
                    r"(?:days|era|years)\s+(?:are|is)\s+(?:long\s+)?(?:behind\s+us|over|gone|done)(?=\s*(?:[.!;,]|$))|"
                    r"(?:is|are)\s+(?:long\s+)?(?:over|behind\s+us)(?=\s*(?:[.!;,]|$))|"
                    r"(?:is|are|was|were)(?:\s+not|n['’]t)\s+(?:required|needed|necessary|expected|part\s+of|in\s+scope|used|assessed|"
                    r"for\s+(?:you|us|this\s+(?:role|team|job|position))|"
                    r"on\s+(?:our|the|anyone['’]s|anybody['’]s)\s+(?:roadmap|radar)|a\s+(?:requirement|prerequisite|must))|"
                    r"(?:carr(?:y|ies)|has|have|holds?)\s+no\s+weight|counts?\s+for\s+nothing|"
                    r"(?:has|have)(?:n['’]t|\s+not)\s+been\s+(?:opened|touched|used|run|updated|maintained|deployed)\b|"
                    r"(?:went|has\s+gone|have\s+gone|had\s+gone)\s+dark|"
                    r"(?:won['’]t|will\s+not|doesn['’]t|does\s+not|don['’]t|do\s+not|never)\s+(?:really\s+)?(?:come\s+up|matter|feature|appear|count|"
                    r"(?:enter|come\s+into|comes\s+into|enters)\s+the\s+picture|"
                    r"be\s+(?:needed|used|required|relevant|involved|assessed|touched)))\b")
#: The last resort, for a negation no rule above can parse: a sentence (or a Chinese clause) that names one
#: tool and nothing else of the graph, and says it was ended: after the tool in the passive ("The GitHub Actions
#: experiment we ran last year was rolled back"), or before it as the verb whose object it is ("Dashboards used
#: to live in Tableau", "we gave up on Airflow").
SENTENCE_NEGATION_AFTER = re.compile(
    r"\b(?:(?:that|which)\s+we\s+(?:ended|dropped|abandoned|retired|killed|stopped|cancell?ed|scrapped|ditched|shut\s+down)|"
    r"(?:is|are|was|were|been|being|got|gets)\s+(?:(?!not\b|never\b)\w+\s+){0,2}(?:retired|decommissioned|deprecated|"
    r"sunsett?ed|rolled\s+back|abandoned|phased\s+out|scrapped|ditched|powered\s+(?:down|off)|switched\s+off|shut\s+down|"
    r"turned\s+off|unplugged|gave\s+way|deleted))\b|\bgave\s+way\s+to\b|\b(?:went|gone)\s+dark\b|\bno\s+longer\b|\bforget\b|"
    # after the tool, "used to" is a habit only with a subject of its own ("Airflow, which we used to run"), not a
    # purpose ("the features used to score each claim")
    r"\b(?:we|they|I|you|he|she|it|everyone|everybody|people|folks|(?:the|our|their)\s+(?:\w+\s+)?(?:team|company|group|department|squad|org))"
    r"\s+(?:all\s+|once\s+)?used\s+to\b|"
    r"不再|下线|下線|弃用|棄用|淘汰|汰换|汰換|停用|停跑|拆除|拆掉|拆了|拆咗|迁入|遷入|废弃|廢棄|封存|归档|歸檔|告别|告別|用不上|用不到|用不着|用不著|不作要求|不做要求|"
    r"(?:并非|並非|不是)[^，,。；\n]{0,8}(?:使用|所用|采用|採用)的?(?:框架|工具|技术|技術|语言|語言|平台)|"
    r"(?:没有|沒有|没|沒)(?:任何)?(?:关系|關係)|无关|無關", re.IGNORECASE)
#: Inside a note in brackets a bare participle is enough: "(TensorFlow Serving retired in 2024)".
SENTENCE_NEGATION_NOTE = re.compile(r"\b(?:retired|decommissioned|deprecated|sunsett?ed|rolled\s+back|abandoned|phased\s+out|"
                                    r"scrapped|ditched|removed|discontinued|archived|gone|powered\s+(?:down|off)|switched\s+off|shut\s+down|unplugged)\b",
                                    re.IGNORECASE)
SENTENCE_NEGATION_BEFORE = re.compile(
    r"\b(?:retired|decommissioned|sunsett?ed|rolled\s+back|abandoned|phased\s+out|scrapped|ditched|gave\s+up\s+on|"
    r"no\s+longer\s+\w+|used\s+to\s+\w+|forget(?:\s+about)?)\b|不再|弃用|棄用|淘汰|停用|废弃|廢棄", re.IGNORECASE)
#: What only looks like such a cue, read on the text just before it: being accustomed ("we are used to Spark"), a
#: reminder ("never forget to run dbt tests"), a double negation ("hasn't abandoned R").
SENTENCE_NEGATION_NOT = re.compile(
    r"(?:\b(?:am|is|are|was|were|be|been|being|get|gets|got|getting)\s+|(?:\bnot|\bnever|n['’]t)\s+(?:\w+\s+)?|"
    r"\b(?:do|does|did)\s+)$", re.IGNORECASE)
#: What a cue before a tool may not reach across: a preposition of the replacement ("retired cron in favour of
#: Airflow", "gave up on scripts for Airflow", "phased out the VMs with Kubernetes").
SENTENCE_NEGATION_GAP = re.compile(r"\b(?:in\s+favou?r\s+of|for|with|by|to|into|onto|via|through|using|and|but|"
                                   r"which|that|we|our)\b|[,()]|而|改|换|換|用", re.IGNORECASE)
#: How many words a cue before a tool may stand from it.
SENTENCE_NEGATION_WORDS = 5
#: A cue followed by a capitalised word is about that word ("Git LFS, no longer Perforce").
SENTENCE_NEGATION_OTHER = re.compile(r"(?:no\s+longer|forget(?:\s+about)?)\s+(?:(?:a|an|the|on|in|with)\s+)?(?-i:[A-Z])",
                                     re.IGNORECASE)
#: What keeps such a sentence from meaning the tool is gone: a condition, a contrast, a bonus, something that
#: still runs, a necessity, a question ("if you have never used Airflow", "no deploy goes out without Terraform").
SENTENCE_NEGATION_GUARD = re.compile(
    r"\b(?:but|however|although|though|yet|except|plus|bonus|nice|welcome|if|unless|whether|worry|without|still|"
    r"not\s+(?:just|only)|no\s+(?:more|less)\s+than)\b|[?？]|如果|若|除非|仍|还在|還在|但|不过|不過|加分|优先|優先|就(?:没|沒|不|无|無)",
    re.IGNORECASE)
#: Where the cue of such a sentence may stand: up to a sentence end, a colon, a line break, and in Chinese a comma.
SENTENCE_NEGATION_END = re.compile(r"[.!?;:](?=\s|$)|[。！？；：，\n]")
#: Where no other name of the graph may stand: the whole sentence (a Chinese clause, or a part set off by a dash:
#: "Argo CD with Kustomize - Helm charts gave way to overlays"), a question with its answer and a label with its items ("Azure? Not here, all serving runs on GCP" is about Azure).
SENTENCE_NEGATION_UNIT = re.compile(r"[.!;](?=\s|$)|[。！；，\n]|\s[-–—]\s")
#: A heading over what the role leaves out ("## What you won't need", "Not needed", "What this role is not",
#: "不需要的技能"): what the lines under it name is not asked for. Matched on a line of its own.
NEGATION_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*(?P<h>"
    r"what\s+(?:you|you['’]ll|this\s+(?:role|job|position)|the\s+(?:role|job|position))\s+(?:will\s+|would\s+)?"
    r"(?:not|won['’]t|don['’]t|do\s+not|will\s+not|does\s+not|doesn['’]t|isn['’]t|is\s+not)(?:\s+[\w'’-]+){0,4}|"
    r"(?:things\s+)?you\s+(?:won['’]t|will\s+not|don['’]t|do\s+not)\s+need(?:\s+[\w'’-]+){0,3}|"
    r"not\s+(?:needed|required|necessary|expected|in\s+scope|part\s+of\s+(?:the|this)\s+(?:role|job))(?:\s+[\w'’-]+){0,2}|"
    r"out\s+of\s+scope|non-?goals|no\s+need\s+(?:for|to)(?:\s+[\w'’-]+){0,3}|"
    r"(?:不需要|无需|無需|不要求|不涉及|非必需|非必要|不作要求|不做要求)[\u4e00-\u9fff]{0,6})"
    r"[ \t]*(?:\*\*|__)?[ \t]*[:：]?[ \t]*(?:\*\*|__)?[ \t]*$", re.IGNORECASE | re.MULTILINE)
#: A heading over the team's history ("A bit of history", "Previously", "过去"), or a bold label of it that the
#: paragraph goes on after ("**A bit of history:** the team migrated…"): what its lines name was used once,
#: unless a sentence names it as where the team went ("…and we replaced it with plain Go consumers").
HISTORY_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*(?P<h>(?:a\s+(?:bit|word|note|little)\s+(?:of|about|on)\s+)?(?:our\s+|the\s+team['’]s\s+|some\s+)?"
    r"(?:history|backstory)|previously|in\s+the\s+past|how\s+we\s+got\s+here|where\s+we\s+came\s+from|"
    r"(?:团队|團隊|小|简|簡|一点|一點)?(?:历史|歷史|过去|過去|曾经|曾經))"
    r"[ \t]*(?:\*\*|__)?[ \t]*[:：]?[ \t]*(?:\*\*|__)?[ \t]*(?:$|(?<=[:：]\*\*)|(?<=\*\*[:：])|(?<=[:：]__)|(?<=__[:：])|"
    # or a label with its paragraph on the same line: "A word on history: the first engine was written in R…"
    r"(?<=[:：])(?=[ \t]*\S)(?<!previously:)(?<!previously：))",
    re.IGNORECASE | re.MULTILINE)
#: What names a tool as where a team went, just before it in its sentence ("moved to", "replaced it with", "today").
DESTINATION_BEFORE = re.compile(r"(?:\b(?:to|into|onto|with|by|for|now|today|currently|instead)\b[^.;!?\n]{0,30}|"
                                r"\b(?:rewr(?:ote|itten)|rebuilt|reimplemented|ported|recoded)\b[^.;!?\n]{0,20}?\bin\s+|"
                                r"(?:改用|换成|換成|迁移到|遷移到|切到|切换到|切換到|现在|現在|目前|如今)[^。；！？\n]{0,12})$",
                                re.IGNORECASE)
#: A short answer that says no, after a question that names tools ("Q: Do I need Spark? A: Honestly, no.",
#: "Deep learning (PyTorch, TensorFlow)? Not here."); "No problem" and an answer that asks back are not.
NEGATIVE_ANSWER = re.compile(
    r"[\"'”’」』]?\s*(?:\*\*|__)?\s*(?:(?:a|answer)\s*[:.]\s*|答\s*[:：]\s*)?(?:\*\*|__)?\s*(?:(?:honestly|frankly|short\s+answer|in\s+a\s+word)\s*[,:]?\s+)?"
    r"(?:no\b(?!\s+(?:problem|worries|worry|sweat|issue|matter|big\s+deal))|nope\b|not\s+(?:here|really|at\s+all|needed|required|"
    r"necessary|at\s+the\s+moment|currently|right\s+now|for\s+now|these\s+days|any\s*more|for\s+(?:this|the|our)\s+(?:role|job|team))\b|"
    r"(?:nobody|no\s+one)\s+(?:here\s+|on\s+the\s+team\s+)?(?:has|have|had)\s+(?:opened|used|touched)\s+(?:it|them)\b|"
    # a Chinese answer that opens with an apology or "to be honest" ("抱歉，这边后端服务一行都没有")
    r"(?:(?:抱歉|不好意思|说实话|說實話|老实说|老實說)[，,]\s*)?[^。！？?？\n]{0,12}?(?:一行都没有|一行也没有|一行都沒有|一行也沒有)|no\s+need\b|never\b|不需要|不用|不必|无需|無需|用不上|不会|不會)(?![^.!?。！？\n]{0,40}[?？])", re.IGNORECASE)
#: Words that stop a negation's reach inside a clause ("we don't use Spark but Flink", "instead of Airflow we use Dagster").
NEGATION_BREAK = (r"\b(?:to|on|onto|into|using|via|through|by|from|than|we|our|they|but|which|that|who|where|while|"
                  r"instead|and\s+then|for|is|are|was|were|in\s+favou?r\s+of)\b|但|而是|改用|使用|采用|用")
#: Words of a noun phrase that may stand between a negation cue and the tool it negates
#: ("migrated off our old on-prem Hive", "avoid the legacy self-hosted Jenkins").
NEGATION_NOUN_PHRASE = re.compile(
    r"(?:\s*(?:our|the|its|their|this|that|these|those|any|an?|old|older|legacy|existing|former|previous|current|"
    r"aging|ageing|classic|vanilla|plain|on-?prem(?:ise)?s?|self-?hosted|self-?managed|in-?house|home-?grown|managed|"
    r"hosted|company-?wide|internal|big|heavy|full|whole|entire|last|final|remaining|original|first|early)\b)*\s*", re.IGNORECASE)
#: What stands between a category and its examples ("no deep learning frameworks (PyTorch, TensorFlow)",
#: "without an orchestrator such as Airflow"): a negation of the category reaches the examples.
EXAMPLES_GLUE = re.compile(r"^(?:\s+(?:frameworks?|tools?|librar(?:y|ies)|languages?|platforms?|databases?|engines?|"
                           r"stacks?|systems?|services|products|tooling|experience))?\s*(?:[(（]\s*(?:e\.g\.,?|i\.e\.,?|such\s+as|like|including|incl\.|例如|比如|如|包括)?|,?\s*"
                           r"(?:e\.g\.,?|such\s+as|like|including|incl\.)|[:：]|，?\s*(?:例如|比如|如|包括))\s*$", re.IGNORECASE)
#: What links a negated activity to the tool it is done with ("no coding in Python", "不需要用Java开发").
NEGATED_ACTIVITY_GLUE = re.compile(r"^\s*(?:in|with|using|on|via|through|of|for)\s+$", re.IGNORECASE)
#: Cues that a tool is a bonus ("nice to have", "a plus", "加分", "优先"): it counts, marked ``level: bonus``.
BONUS = (r"nice[- ]to[- ]have|a\s+(?:big\s+|huge\s+|strong\s+)?plus|bonus|preferred|desirable|an?\s+advantage|"
         r"would\s+be\s+great|is\s+welcome|(?:is|are|be|also|very|really|especially)\s+helpful|optional|"
         r"加分|优先|更佳|为佳|优先考虑|者优先|可选|選修|可選")

#: Where a clause ends for negation: sentence ends, colons, line breaks, bullets, contrast words.
#: A line break ends a clause unless the next line goes on in lowercase (prose wrapped by hand, as in e-mails).
CLAUSE_END = re.compile(r"[.!?](?=\s|$)|[;:•·。！？；：，]|\n(?![ \t]*(?-i:[a-z]))|\s[-–—]\s|\b(?:but|however|although|though|whereas|while|yet|"
                        r"otherwise|except\s+that)\b|但是|但|不过|然而|而是", re.IGNORECASE)
#: What may stand between two tools of one list (a negation reaches all of them).
LIST_GLUE = re.compile(r"^(?:\s*(?:[,/&|+、]|\band\b|\bor\b|\bnor\b|\beven\b|\bany\b|\beither\b|\bplain\b|\blegacy\b|"
                       r"\bclassic\b|\bself-hosted\b|\bmanaged\b|\bvanilla\b|或|和|及|与|與|跟|或者|以及)\s*)*$", re.IGNORECASE)


# ---------------------------------------------------------------------------
# Technical context around a mention
# ---------------------------------------------------------------------------

#: Words near a mention that make its sense technical (after ``TECH_CUES``): technical nouns and verbs
#: (deploy, query, pipelines), version numbers, code-ish tokens, and the engineering role itself.
#: Words of familiarity ("experience with", "熟悉", "使用") and everyday nouns ("models", "training")
#: are not: a car mechanic is familiar with the models of the cars too.
TECH_CONTEXT = re.compile(
    r"(?<![A-Za-z])(?:programming|scripting|coding|codebases?|" + _CODE_LANGUAGE + r"|software|frameworks?|librar(?:y|ies)|"
    r"sdks?|apis?|developers?|deployments?|deploy(?:ing|ed)?|clusters?|stack|code|pipelines?|jobs|dags?|queries|query|"
    r"querying|data|databases?|warehouse|etl|elt|streaming|containers?|microservices?|services|"
    r"infrastructure|cloud|servers?|backend|scripts?|notebooks?|repos?|repositor(?:y|ies)|git|ci/cd|devops|mlops|"
    r"dashboards?|analytics|engineering|engineers?|tooling|workflows?|orchestrat\w+|schedul\w+|inference|gpus?)(?![A-Za-z])|"
    r"\bv?\d+\.\d+(?:\.\d+)?\b|`[^`\n]{1,40}`|\w+\(\)|\.py\b|::|"
    r"编程|语言|开发|框架|代码|部署|集群|数据|平台",
    re.IGNORECASE)
