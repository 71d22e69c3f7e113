"""Job descriptions at real-world quality: negation, per-mention senses, discovery, formats, demand ranking."""
from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest
import yaml
from docs_support import make_docx, make_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kg.loaders import jd
from kg.loaders.jd import extract
from kg.loaders.jd_discover import discover, tools_data_file

DE = "Data Engineer\n"


def tools(text: str, graph) -> list[str]:
    return extract(DE + text, graph).tools


# -- negation, clause-scoped --------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("We don't use Spark; our stack is Flink and Kafka.", ["flink", "kafka"]),
    ("We do not use Hive. Python and SQL daily.", ["python", "sql"]),
    ("Kubernetes is not part of our stack. You will write Python and SQL.", ["python", "sql"]),
    ("Experience with Hive is not necessary. Strong SQL and Python.", ["python", "sql"]),
    ("Kafka is not required. Python, SQL, dbt.", ["dbt", "python", "sql"]),
    ("Spark and Hive are not needed; Python and SQL are.", ["python", "sql"]),
    ("Python is required, R is not.", ["python"]),
    ("We moved away from Airflow last year; Python and dbt daily.", ["dbt", "python"]),
    ("We migrated our jobs off Hive onto Snowflake with dbt and Python.", ["dbt", "python", "snowflake"]),
    ("We use Dagster instead of Airflow, with dbt, Snowflake and Python.", ["dbt", "python", "snowflake"]),
    ("Serve with Triton rather than TensorFlow Serving; PyTorch and CUDA.", ["cuda", "pytorch", "triton"]),
    ("Build pipelines without Spark: plain Python, SQL and BigQuery.", ["bigquery", "python", "sql"]),
    ("No Hadoop, Hive or Pig here - just Snowflake, dbt and Python.", ["dbt", "python", "snowflake"]),
    ("No prior experience with Kafka needed. Python, SQL, Airflow.", ["airflow", "python", "sql"]),
    ("We replaced Jenkins with GitHub Actions and Terraform on AWS.", ["aws", "github-actions", "terraform"]),
    ("Jenkins was replaced by GitHub Actions; Terraform on AWS.", ["aws", "github-actions", "terraform"]),
    ("You don't need to know Kubernetes to deploy with Helm; Python, Docker.", ["docker", "helm", "python"]),
    ("Tableau experience (not required). Python, SQL, dbt.", ["dbt", "python", "sql"]),
    ("Ray, not Spark, for distributed training in Python on Kubernetes.", ["kubernetes", "python", "ray"]),
    ("无需掌握Hadoop和Hive，熟悉Spark、Python和SQL。", ["python", "spark", "sql"]),
    ("不需要Kubernetes经验。熟悉Python和PyTorch。", ["python", "pytorch"]),
    ("本岗位不使用Scala，主要使用Python和SQL。", ["python", "sql"]),
    ("不涉及Kafka开发；熟悉Flink与Python。", ["flink", "python"]),
    ("不要求掌握R语言，精通SQL和Python。", ["python", "sql"]),
    ("TensorFlow非必须，PyTorch、Python必须。", ["python", "pytorch"]),
    ("我们从Hive迁移到Spark，熟悉Python、SQL。", ["python", "spark", "sql"]),
], ids=lambda v: v[:28] if isinstance(v, str) else None)
def test_negation_forms(packaged_graph, text, expected):
    assert tools(text, packaged_graph) == expected


@pytest.mark.parametrize("text,expected", [
    ("Including but not limited to Python, SQL and Spark.", ["python", "spark", "sql"]),
    ("Not only Python but also R and SQL.", ["python", "r", "sql"]),
    ("Deploy models without downtime using Kubernetes and Docker with Python.", ["docker", "kubernetes", "python"]),
    ("We don't use Spark, but Flink and Kafka are core.", ["flink", "kafka"]),
], ids=["not-limited-to", "not-only", "without-downtime", "but-ends-scope"])
def test_what_is_not_negation(packaged_graph, text, expected):
    assert tools(text, packaged_graph) == expected


@pytest.mark.parametrize("text,expected", [
    ("We are moving all pipelines from Airflow to Dagster; Python and SQL.", ["python", "sql"]),
    ("You've migrated a model from TensorFlow to PyTorch and lived to tell the tale.", ["pytorch", "tensorflow"]),
], ids=["we-are-moving-from", "your-experience-migrating"])
def test_migration_negates_only_the_company_stack(packaged_graph, text, expected):
    assert tools(text, packaged_graph) == expected


@pytest.mark.parametrize("cue", [
    "we moved away from", "moving off", "we ripped out", "we have dropped", "getting rid of", "we outgrew",
    "we phased out", "sunsetting", "no longer use", "we do not need", "you won't touch", "we never", "without",
    "instead of", "rather than", "in place of", "as opposed to", "excluding", "we switched from",
    "we transitioned away from", "we replaced", "we retired", "we decommissioned", "we ditched", "neither",
    "no need for", "don't expect you to know", "无需掌握", "不需要", "不使用", "不涉及", "我们不再使用",
    "we steer clear of", "we avoid", "zero", "we chose Pulsar over", "团队避免使用", "用不到", "不考虑"])
def test_the_negation_prefilter_never_hides_a_cue(cue):
    from kg.loaders import jd_match

    assert jd_match._NEG_BEFORE.search(cue + " ")
    # the per-posting scan finds a key word where the cue starts
    text = f"Python daily. {cue} Kafka."
    start = text.index(cue)
    assert jd_match._Hints.of(text.lower()).near(start, start + len(cue))


@pytest.mark.parametrize("after", [
    "is not required", "isn't needed", "was retired", "has been decommissioned", "is being phased out",
    "(not required)", "is optional and not assessed", "experience is not necessary", "is no longer used",
    "has been migrated away", "is out of scope", "won't be needed", "非必须", "不作要求", "已下线", "均不需要",
    "is therefore not needed", "has been switched off", "was shut down", "已经全部下线", "项目已经停掉了"])
def test_every_negation_after_the_tool(packaged_graph, after):
    assert tools(f"Python and SQL daily. Kafka {after}.", packaged_graph) == ["python", "sql"]


def test_nice_to_have_and_a_plus_count_as_bonus(packaged_graph):
    e = extract(DE + "Python and SQL required. Docker and Kubernetes are nice to have; Terraform is a plus. "
                     "Go语言加分。", packaged_graph)
    assert e.tools == ["docker", "go", "kubernetes", "python", "sql", "terraform"]
    assert e.evidence["levels"] == {"docker": "bonus", "go": "bonus", "kubernetes": "bonus", "terraform": "bonus"}


def test_not_counted_says_which_cue(packaged_graph):
    e = extract(DE + "We don't use Spark. Kubernetes is not required. Python, SQL and Airflow.", packaged_graph)
    assert [(r["term"], r["why"]) for r in e.evidence["not_counted"]] == [
        ("Spark", "negated: 'don't use' before it"),
        ("Kubernetes", "negated: 'is not required' after it"),
    ]


# -- per-mention senses --------------------------------------------------------

@pytest.mark.parametrize("text,expected,why", [
    ("Contact our recruiter Maria Jenkins. Python, SQL and Spark on AWS.", ["aws", "python", "spark", "sql"],
     "everyday sense: a person ('Maria Jenkins')"),
    ("Ray Thompson leads the team. PyTorch, Python and Kubernetes.", ["kubernetes", "python", "pytorch"],
     "everyday sense: a person ('Ray Thompson')"),
    ("Offsite aboard the Argo in May. Kubeflow, Kubernetes, Python.", ["kubeflow", "kubernetes", "python"],
     "everyday sense: a vessel or place ('aboard the Argo')"),
    ("Perks: a fridge of Spark energy drinks. Python, SQL, Kubernetes.", ["kubernetes", "python", "sql"],
     "everyday sense: a brand or product ('Spark energy drinks')"),
    ("Handle dilute HF acid under the hood. Python, SQL, R, pandas.", ["pandas", "python", "r", "sql"],
     "ordinary sense (hydrofluoric acid, high frequency, heart failure)"),
    ("Grab an Erlenmeyer flask. Python, SQL and Docker.", ["docker", "python", "sql"],
     "ordinary sense (laboratory glassware, a drinks flask)"),
    ("We want a Kafka-like log, built in Go, with Python and Kubernetes.", ["go", "kubernetes", "python"],
     "everyday sense: an adjective, not the tool itself ('Kafka-like')"),
    ("Our CEO likes to pass the torch. PyTorch, Python, CUDA.", ["cuda", "python", "pytorch"],
     "ordinary sense (a flame torch, an idiom)"),
    ("Ray tracing in C++ with CUDA and Python.", ["cpp", "cuda", "python"], "ordinary sense (X-ray, ray tracing, a name)"),
    ("Star and snowflake schemas with dbt, SQL, Python.", ["dbt", "python", "sql"],
     "ordinary sense (snow, a snowflake schema)"),
    ("You'll be at the helm of the platform: Kubernetes, Terraform, Python, Go.", ["go", "kubernetes", "python",
                                                                                   "terraform"],
     "ordinary sense (steering a ship)"),
    ("Our grocery delivery partner Flink brings orders. Python, SQL, BigQuery.", ["bigquery", "python", "sql"],
     "everyday sense: a brand or product ('grocery delivery partner Flink')"),
    ("船员负责帆船“Argo号”的清洁。熟悉Python、SQL、Kubernetes。", ["kubernetes", "python", "sql"],
     "everyday sense: a vessel or place ('帆船“ Argo')"),
], ids=["surname", "first-name", "vessel", "brand", "lab-acid", "lab-flask", "adjective", "idiom", "ray-tracing",
        "snowflake-schema", "helm-idiom", "brand-partner", "zh-vessel"])
def test_everyday_senses_inside_technical_postings(packaged_graph, text, expected, why):
    e = extract(DE + text, packaged_graph)
    assert e.tools == expected
    assert why in [r["why"] for r in e.evidence["not_counted"]]


def test_same_word_counts_in_one_mention_and_not_another(packaged_graph):
    e = extract(DE + "Say hi to Ray Okafor, our founder.\nWe train with Ray and PyTorch on Kubernetes.", packaged_graph)
    assert "ray" in e.tools
    assert [r["why"] for r in e.evidence["not_counted"] if r["term"] == "Ray"] == ["everyday sense: a person ('Ray Okafor')"]


def test_counted_ambiguous_mentions_say_why(packaged_graph):
    e = extract("Barista\nWe pour espresso. Our pipelines run in Airflow on a small cluster.", packaged_graph)
    assert e.tools == ["airflow"]
    assert e.evidence["senses"] == [{"term": "Airflow", "at": 47, "why": "technical word 'pipelines' in its sentence"}]


# -- unknown technologies ------------------------------------------------------

def test_unknown_terms_of_one_posting(packaged_graph):
    e = extract("Analytics Engineer\nSQL, Looker and dbt; Fivetran for loading, Python/Jupyter notebooks.\n"
                "Serve with vLLM 0.4. Our CEO Alice likes Hugging Face models.", packaged_graph)
    assert [(u["term"], u["why"]) for u in e.unknown()] == [
        ("Looker", "listed with SQL"), ("Fivetran", "listed with dbt"), ("Jupyter", "listed with Python"),
        ("vLLM", "written with a version (0.4)")]


def test_discovery_on_a_fixture_corpus(packaged_graph, kg_run, tmp_path):
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    (jobs / "a.md").write_text("Data Engineer\nWe build with dbt, Fivetran and Snowflake; SQL daily.", encoding="utf-8")
    (jobs / "b.md").write_text("Analytics Engineer\nSQL and dbt and Fivetran syncs; Looker, Tableau.", encoding="utf-8")
    (jobs / "c.md").write_text("Data Scientist\nPython, pandas and SQL; A/B testing; dashboards in Looker and Tableau.",
                               encoding="utf-8")
    out, new = tmp_path / "d.yaml", tmp_path / "new-tools.yaml"
    r = kg_run("ingest", str(jobs), "-o", str(out), "--discover", str(new), "--json")
    assert r.code == 0, r.err
    found = json.loads(r.out)["discovered"]["candidates"]
    assert [(c["term"], c["count"], c["share"], c["tracks"]) for c in found] == [
        ("Fivetran", 2, 0.667, {"data-engineer": 1.0}), ("Looker", 2, 0.667, {"data-engineer": 0.5, "ds": 1.0})]
    assert found[0]["example"] == "a.md: We build with dbt, Fivetran and Snowflake; SQL daily."
    data = yaml.safe_load(new.read_text(encoding="utf-8"))
    assert [(t["id"], t["source"], t["skills"], t["evidence"]["count"]) for t in data["tools"]] == [
        ("fivetran", "jd", ["data-pipeline"], 2), ("looker", "jd", ["data-analysis"], 2)]
    shown = kg_run("--data", str(new), "show", "looker")
    assert shown.code == 0 and "jd: mentioned by 2 of 3 job descriptions" in shown.out


def test_discover_and_data_file_are_pure(packaged_graph):
    docs = {"x.md": jd.Extraction("ds", 1.0, [], [], unknown_terms=[{"term": "Hex", "line": "SQL, Hex", "near": "sql"}])}
    [c] = discover(docs)
    assert tools_data_file([c], 1, packaged_graph)["tools"] == [
        {"id": "hex", "name": "Hex", "skills": ["data-analysis", "data-pipeline"],
         "description": "Named in job postings (ds 100%), e.g. x.md: SQL, Hex", "source": "jd",
         "evidence": {"count": 1, "total": 1, "documents": ["x.md"]}}]


# -- formats and folders -------------------------------------------------------

def test_html_pdf_docx_postings(kg_run, tmp_path):
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    (jobs / "a.html").write_text("<html><head><script>var k='Kubernetes'</script><style>.spark{}</style></head>"
                                 "<body><h1>Data Engineer</h1><p>Airflow, dbt &amp; Snowflake.</p></body></html>",
                                 encoding="utf-8")
    (jobs / "b.pdf").write_bytes(make_pdf([["MLOps Engineer", "Kubeflow on Kubernetes, Terraform on AWS."]]))
    (jobs / "c.docx").write_bytes(make_docx(["数据工程师", "熟悉Hive、Spark和Flink"], []))
    (jobs / "d.png").write_bytes(b"\x89PNG")
    r = kg_run("extract", str(jobs), "--json")
    assert r.code == 0, r.err
    assert r.err.splitlines() == [(f"Skipped {jobs}/d.png: not a document type (.png; reads .txt, .md, .markdown, "
                                  ".text, .html, .htm, .xhtml, .pdf, .docx)")]
    got = {Path(d["file"]).name: (d["track"], d["tools"]) for d in json.loads(r.out)}
    assert got == {"a.html": ("data-engineer", ["airflow", "dbt", "snowflake"]),
                   "b.pdf": ("infra-mle", ["aws", "kubeflow", "kubernetes", "terraform"]),
                   "c.docx": ("data-engineer", ["flink", "hive", "spark"])}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_non_regular_files_and_endless_stdin_are_refused(kg_run, tmp_path):
    fifo = tmp_path / "jd.txt"
    os.mkfifo(fifo)
    r = kg_run("extract", str(fifo))
    assert (r.code, r.err.splitlines()) == (1, [
        f"Skipped {fifo}: not a regular file (a pipe, socket or device is not read)",
        "Error: skipped 1 of 1 files (reasons above)"])
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    r = kg_run("extract", "-", input="spark " * 200_000)
    assert (r.code, r.err.splitlines()[0]) == (1, "Skipped <stdin>: larger than the limit of 1.0 MB")


def test_extract_table_fits_the_terminal(kg_run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    r = kg_run("extract", str(Path(__file__).with_name("jd_corpus") / "infra-mlops.md"))
    assert r.code == 0, r.err
    assert max(len(line) for line in r.out.splitlines()) <= 60
    assert "…" in r.out


# -- demand ranking ------------------------------------------------------------

def demand_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "mle1.md").write_text("Machine Learning Engineer\nDeploy PyTorch models on Kubernetes; Python, Docker.",
                                    encoding="utf-8")
    (folder / "mle2.md").write_text("Machine Learning Engineer\nPyTorch models in production; Python and AWS.",
                                    encoding="utf-8")
    (folder / "de.md").write_text("Data Engineer\nAirflow, dbt and Snowflake; Python and SQL; data warehouse.",
                                  encoding="utf-8")
    (folder / "cafe.txt").write_text("Barista\nPour espresso and spark joy.", encoding="utf-8")
    return folder


def test_demand_ranking_from_a_folder_is_exact(kg_run, tmp_path):
    jobs = demand_corpus(tmp_path / "jobs")
    r = kg_run("demand", str(jobs), "--top", "3", "--json")
    assert r.code == 0, r.err
    got = json.loads(r.out)
    assert got["postings"] == 3
    assert [(x["id"], x["count"], x["share"]) for x in got["overall"]] == [
        ("python", 3, 1.0), ("pytorch", 2, 0.667), ("airflow", 1, 0.333)]
    assert {t: [(x["id"], x["count"], x["share"]) for x in e["top"]] for t, e in got["tracks"].items()} == {
        "production-mle": [("python", 2, 1.0), ("pytorch", 2, 1.0), ("aws", 1, 0.5)],
        "data-engineer": [("airflow", 1, 1.0), ("dbt", 1, 1.0), ("python", 1, 1.0)]}


def test_demand_from_the_demand_file_and_per_track(kg_run, tmp_path):
    jobs = demand_corpus(tmp_path / "jobs")
    out = tmp_path / "demand.yaml"
    assert kg_run("ingest", str(jobs), "-o", str(out)).code == 0
    r = kg_run("--data", str(out), "demand", "--track", "Production MLE", "--top", "2")
    assert r.code == 0, r.err
    assert r.out.splitlines() == [
        "Demand in 2 classified postings (the demand file loaded with --data).",
        "",
        "Production MLE (2 postings)",
        "#  name     kind  postings  share",
        "-  -------  ----  --------  -----",
        "1  Python   tool  2         100%",
        "2  PyTorch  tool  2         100%",
    ]
    none = kg_run("demand")
    assert (none.code, none.err.strip()) == (1, ("Error: no demand loaded: give a folder of postings (kg demand jobs/), "
                                                "or load a demand file (kg --data demand.yaml demand; kg ingest writes one)"))


def test_top_tools_uses_postings_when_demand_is_loaded(kg_run, tmp_path):
    jobs = demand_corpus(tmp_path / "jobs")
    out = tmp_path / "demand.yaml"
    assert kg_run("ingest", str(jobs), "-o", str(out)).code == 0
    without = kg_run("cypher", "-f", "top_tools", "-p", "limit=2", "--json")
    with_demand = kg_run("--data", str(out), "cypher", "-f", "top_tools", "-p", "limit=3", "--json")
    assert without.code == with_demand.code == 0, with_demand.err
    assert json.loads(without.out) == [
        {"tool": "scikit-learn", "postings": 0, "tracks": 6, "skills": 2, "ranked_by": "tracks (no job-posting demand loaded)"},
        {"tool": "LightGBM", "postings": 0, "tracks": 6, "skills": 1, "ranked_by": "tracks (no job-posting demand loaded)"}]
    assert [(r["tool"], r["postings"], r["ranked_by"]) for r in json.loads(with_demand.out)] == [
        ("Python", 3, "job postings"), ("PyTorch", 2, "job postings"), ("SQL", 1, "job postings")]


def test_ingest_json_is_structured(kg_run, tmp_path):
    jobs = demand_corpus(tmp_path / "jobs")
    r = kg_run("ingest", str(jobs), "-o", str(tmp_path / "d.yaml"), "--json")
    assert r.code == 0, r.err
    s = json.loads(r.out)
    assert s["top"]["production-mle"][:2] == [{"id": "deep-learning", "count": 2, "total": 2, "share": 1.0},
                                              {"id": "machine-learning", "count": 2, "total": 2, "share": 1.0}]
    assert (s["documents"], s["unclassified"], s["tracks"]) == (4, 1, {"production-mle": 2, "data-engineer": 1})


def test_no_self_contradicting_reason(packaged_graph):
    e = extract("Data Engineer\nSnowflake and dbt.", packaged_graph)
    assert e.evidence["track"]["reason"] == "title 'Data Engineer' names data-engineer; nothing in the body points elsewhere"


def test_an_engineer_who_publishes_is_a_research_mle(packaged_graph):
    e = extract("Research Engineer, LLMs\nWe publish at NeurIPS and ICML; first-author papers, novel methods, PhD. "
                "PyTorch and JAX.", packaged_graph)
    assert e.track == "research-mle"


def test_chinese_ml_platform_is_infra(packaged_graph):
    e = extract("AI平台研发工程师\n负责机器学习平台建设，支撑算法团队的模型训练与推理，熟悉Kubernetes、Go和Python。", packaged_graph)
    assert e.track == "infra-mle"


# -- hostile text --------------------------------------------------------------

@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("Spark R Go no not 不需要 ,.;:\n-()'Ray Jenkins 无需 aboard the is required "
                                             "a plus x.y 1.2 Python/Kafka 、和")) | st.characters(), max_size=400))
def test_any_text_extracts_without_error(packaged_graph, text):
    e = extract(text, packaged_graph)
    assert set(e.tools) <= set(packaged_graph.ids("Tool"))
    json.dumps(e.as_dict(), allow_nan=False)


_WORDS = ["Spark", "Kafka", "Ray", "Tableau", "AWS", "Go", "airflow", "hive", "'Cuda", "JAX", "either", "neither", "them",
          "it", "both", "not", "won't", "you", "will", "be", "asked", "to", "know", "someone", "else's", "job", "is", "not",
          "your", "their", "tore", "out", "let", "the", "contract", "lapse", "codename", "(the", "Port", "of", "Jackson)",
          "no", "plans", "bring", "back", "without", "nothing", "works", "?", ".", ",", ":", "\n", "\n  of", "唔需要",
          "冇", "不关你事", "与本岗位无关", "由", "迁移至", "没有", "就", "experience", "a", "plus", "Bonus:", "D1.1",
          "spark executors", "hot-aisle", "3.5", "围棋（Go）", "AWS（香港区域）",
          # this round's rules: the last resort, notes, layout, "used to", Chinese topics, titles, codes
          "(JAX)", "(AWS)", "International", "Airport", "used", "gave way to", "was retired", "(Ray", "retired)",
          "\nNot needed\n", "\nA bit of history\n", "\nWhat you won't need\n", "Q:", "A: No", '"', "之类的", "，",
          "不必", "Ray 陈", "closed", "subscription", "haven't", "abandoned", "unlike", "—", "*The", "Torch*", "now"]


@given(st.lists(st.sampled_from(_WORDS), max_size=80))
def test_any_sentence_of_the_sentence_rules_extracts_without_error(packaged_graph, words):
    # the pronoun, other-team, one-sense and lowercase rules on random word salads of their own cue words
    e = extract("Data Engineer\n" + " ".join(words), packaged_graph)
    assert set(e.tools) <= set(packaged_graph.ids("Tool"))
    assert all(0 <= r["at"] < 14 + len(" ".join(words)) for r in e.evidence["not_counted"])
    json.dumps(e.as_dict(), allow_nan=False)


def test_a_megabyte_of_tool_names_is_bounded(packaged_graph):
    # The time target (< 2 s) is measured in tests/bench_jd.py; here: it finishes and explains itself.
    start = time.perf_counter()
    e = extract("spark " * 166_666, packaged_graph)
    assert e.tools == [] and time.perf_counter() - start < 30


# -- rule classes learnt from the second tuning set (own wording, one test per class) --------

@pytest.mark.parametrize("text,expected", [
    # avoidance verbs: the avoided tool is not used; what is avoided *with* a tool is
    ("We steer clear of Airflow; Dagster, dbt and Python run everything.", ["dbt", "python"]),
    ("Our team consciously avoids Kubernetes, shipping on Docker and AWS with Python.", ["aws", "docker", "python"]),
    ("We avoid vendor lock-in with Terraform, Python and AWS.", ["aws", "python", "terraform"]),
    ("团队避免使用Hive，主要用Flink和Python。", ["flink", "python"]),
    # a noun phrase between the cue and the tool ("off our ageing self-hosted X")
    ("Last spring we moved off our ageing self-hosted Jenkins to GitHub Actions and Terraform.",
     ["github-actions", "terraform"]),
    # an adverb between the verb and "not"
    ("Our services are serverless. Kubernetes is consequently not... Python, Go and AWS.", ["aws", "go", "kubernetes", "python"]),
    ("Everything runs on Lambda. Helm is thus not needed; Python, AWS and Go daily.", ["aws", "go", "python"]),
    # a negated category reaches its examples, in both languages
    ("No deep learning frameworks (e.g. PyTorch, TensorFlow) are needed: Python, SQL and dbt.", ["dbt", "python", "sql"]),
    ("本岗位不需要深度学习框架（如PyTorch、TensorFlow）的经验，熟悉SQL和Python即可。", ["python", "sql"]),
    # a negated activity takes the tool it is done with along
    ("This is a people role: no programming in Scala, just SQL dashboards in Looker and some Python.", ["python", "sql"]),
    # a tool the sentence goes on to negate
    ("If Kafka is your passion, note we never run Kafka here; Python, SQL, Airflow.", ["airflow", "python", "sql"]),
    # a tool the posting says it never runs is not asked for elsewhere, unless listed with other technology there
    ("Kafka fans welcome, but we never run Kafka here; Python, SQL, Airflow.", ["airflow", "python", "sql"]),
], ids=["steer-clear", "avoids", "avoid-with-tool", "zh-avoid", "noun-phrase", "adverb-no-negation", "adverb-thus",
        "category-examples", "zh-category-examples", "negated-activity", "same-sentence", "same-sentence-but"])
def test_negation_classes_of_the_second_tuning_set(packaged_graph, text, expected):
    assert tools(text, packaged_graph) == expected


@pytest.mark.parametrize("text,expected,why", [
    ("Your onboarding buddy will be principal engineer Ray. PyTorch, Python, CUDA.", ["cuda", "python", "pytorch"],
     "everyday sense: a person ('principal engineer Ray')"),
    ("入职后由组长Ray带教。熟悉PyTorch、Python和CUDA。", ["cuda", "python", "pytorch"],
     "everyday sense: a person ('组长 Ray')"),
    ("We fly new hires to JAX for the first week. PyTorch, Python, CUDA on Kubernetes.",
     ["cuda", "kubernetes", "python", "pytorch"], "everyday sense: a vessel or place ('fly new hires to JAX')"),
    ("The office is on Triton Square, London. PyTorch, Python, CUDA.", ["cuda", "python", "pytorch"],
     "everyday sense: a vessel or place ('Triton Square')"),
    ("Clean data from Argo floats and ship moorings with Python, NumPy and pandas.", ["numpy", "pandas", "python"],
     "everyday sense: an object, not software ('Argo floats')"),
    ("门店监控录像存在TF卡里。熟悉Python、SQL和Kubernetes。", ["kubernetes", "python", "sql"],
     "everyday sense: an object, not software ('TF卡')"),
    ("Every desk gets its own Spark drone for the offsite. Python, SQL, Kubernetes.", ["kubernetes", "python", "sql"],
     "everyday sense: an object, not software ('Spark drone')"),
], ids=["role-before-name", "zh-role-before-name", "travel-to-place", "square", "ocean-floats", "zh-card", "drone"])
def test_everyday_classes_of_the_second_tuning_set(packaged_graph, text, expected, why):
    e = extract(DE + text, packaged_graph)
    assert e.tools == expected
    assert why in [r["why"] for r in e.evidence["not_counted"]]


@pytest.mark.parametrize("text,expected,why", [
    ("Python, SQL and Kubernetes daily. Our quiet rooms are named after novelists, so book Kafka for interviews.",
     ["kubernetes", "python", "sql"], "everyday sense: a sentence about 'rooms are named' with nothing technical in it"),
    ("Python, SQL and Kubernetes daily. We meet for coffee at Hive on Fridays.", ["kubernetes", "python", "sql"],
     "everyday sense: a sentence about 'coffee' with nothing technical in it"),
    ("Python, SQL and Kubernetes daily. We distrust spark-of-genius heroics.", ["kubernetes", "python", "sql"],
     "everyday sense: written 'spark' (not the tool's name) in a sentence with nothing technical in it"),
], ids=["named-rooms", "cafe", "lowercase-idiom"])
def test_everyday_sentences_have_nothing_technical(packaged_graph, text, expected, why):
    e = extract(DE + text, packaged_graph)
    assert e.tools == expected
    assert why in [r["why"] for r in e.evidence["not_counted"]]


@pytest.mark.parametrize("text,expected", [
    ("Python, SQL and Kubernetes daily. Lunch: we deploy Spark jobs from the café.", ["kubernetes", "python", "spark", "sql"]),
    ("Python and SQL daily. You will tune spark executors and hive partitions.", ["hive", "python", "spark", "sql"]),
    ("Nice to have: experience with R for statistical modelling.", ["r"]),
], ids=["cafe-but-technical", "lowercase-next-to-tech", "r-for-statistics"])
def test_technical_sentences_keep_their_tools(packaged_graph, text, expected):
    assert tools(text, packaged_graph) == expected


def test_the_role_noun_of_the_title_decides_the_track(packaged_graph):
    e = extract("Product Manager, ML Platform\nOwn the roadmap and the product requirements of our ML platform; "
                "talk to data scientists every week. SQL.", packaged_graph)
    assert e.track == "pm"


@pytest.mark.parametrize("text,expected", [
    ("Zero Hive in our stack; Python, SQL and dbt.", ["dbt", "python", "sql"]),
    ("We picked Pulsar over Kafka; Python, SQL and dbt.", ["dbt", "python", "sql"]),
    ("Our old Jenkins box was switched off in May; Python, SQL and dbt.", ["dbt", "python", "sql"]),
    ("Hive 已经彻底停用，熟悉Python和SQL。", ["python", "sql"]),
    ("团队已经从Airflow迁出，熟悉Python和SQL。", ["python", "sql"]),
    ("这个岗位用不到Scala，熟悉Python和SQL。", ["python", "sql"]),
], ids=["zero", "over", "switched-off", "zh-stopped", "zh-moved-out", "zh-not-needed"])
def test_more_negation_paraphrases(packaged_graph, text, expected):
    assert tools(text, packaged_graph) == expected


@pytest.mark.parametrize("text,expected", [
    ("Python, SQL and dbt. The launch week is always a hive of energy.", ["dbt", "python", "sql"]),
    ("Python, SQL and dbt. 入职第一周请向Ray报到。", ["dbt", "python", "sql"]),
    ("Python, SQL and dbt. Our team room has great airflow.", ["dbt", "python", "sql"]),
    ("Python and SQL. CI on Jenkins, releases with Helm.", ["helm", "jenkins", "python", "sql"]),
    ("Python and SQL. Backend services in Go.", ["go", "python", "sql"]),
], ids=["idiom-of", "zh-report-to", "good-airflow", "ci-and-deploy-words", "go-services"])
def test_more_sense_paraphrases(packaged_graph, text, expected):
    assert tools(text, packaged_graph) == expected


def test_lowercase_is_everyday_only_for_tools_not_for_skills(packaged_graph):
    # skills are written in lowercase; only a tool's name in lowercase in a plain sentence is suspect
    e = extract(DE + "Python, SQL and dbt daily. Everyone here cares about monitoring.", packaged_graph)
    assert e.evidence["skills"]["monitoring"] == {"named": ["monitoring"], "implied_by": []}
    assert e.evidence["not_counted"] == []


@pytest.mark.parametrize("title", ["大模型算法研究员（工程方向）", "Research Scientist (Engineering)"])
def test_a_research_title_of_the_engineering_kind_is_research_mle(packaged_graph, title):
    e = extract(title + "\nReproduce papers and take them to production; pretraining and fine-tuning in PyTorch and "
                        "CUDA; publish when it helps.", packaged_graph)
    assert e.track == "research-mle"


@pytest.mark.parametrize("text", [
    # long runs of capitals between a colon and a name: the list patterns must not backtrack (a posting in capitals hung)
    "DATA ENGINEER\nNOT NEEDED: " + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 3 + "'S SPARK AND HIVE",
    "DATA ENGINEER\nWE DON'T USE " + "QWERTYUIOPASDFGHJKL" * 4 + "( SPARK",
    "DATA ENGINEER\n" + "SPARKLY ARGO, PYTHON: " * 4000,
])
def test_capitals_are_read_in_bounded_time(packaged_graph, text):
    # the time target is measured in tests/bench_jd.py; here it only has to finish (it had not, before)
    start = time.perf_counter()
    extract(text, packaged_graph)
    assert time.perf_counter() - start < 30
