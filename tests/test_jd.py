"""Job descriptions: matching rules, track classification, bad input, the CLI and the round trip to demand."""
from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest
import yaml
from kg.loaders import jd
from kg.loaders.jd import decode_document, extract, parse_document, read_document

from kg.errors import DataError
from kg.model import KnowledgeGraph

CORPUS = Path(__file__).with_name("jd_corpus")


def tools(text: str, graph: KnowledgeGraph) -> list[str]:
    return extract(text, graph).tools


# -- matching --------------------------------------------------------------

def test_aliases_and_spelling_variants(packaged_graph):
    text = ("Infra engineer\nWe run k8s on Amazon Web Services and 阿里云, transform data in PySpark, "
            "fine-tune Hugging Face Transformers, and use scikit learn and Scikit-Learn.")
    assert tools(text, packaged_graph) == ["alibaba-cloud", "aws", "hugging-face", "kubernetes", "scikit-learn", "spark"]


def test_each_hit_is_reported_once_with_every_spelling(packaged_graph):
    e = extract("ML Engineer\nPyTorch, pytorch and PyTorch again; K8s and Kubernetes.", packaged_graph)
    assert e.tools == ["kubernetes", "pytorch"]
    assert e.evidence["tools"] == {"kubernetes": ["K8s", "Kubernetes"], "pytorch": ["PyTorch", "pytorch"]}


def test_word_boundaries(packaged_graph):
    # "Rust", "Gopher", "sparkle", "Kafkaesque", "TorchScript" contain tool names but are not them.
    text = "Engineer\nRust and Gopher tooling, sparkle, Kafkaesque rules, TorchScript export; SQL and Kubernetes."
    assert tools(text, packaged_graph) == ["kubernetes", "sql"]


def test_chinese_text_without_spaces(packaged_graph):
    text = "数据工程师\n熟悉Hive、Spark和Flink，精通SQL，会Python者优先，有阿里云经验。熟练使用R语言。"
    assert tools(text, packaged_graph) == ["alibaba-cloud", "flink", "hive", "python", "r", "spark", "sql"]


@pytest.mark.parametrize("text,expected", [
    ("Data Scientist\nStrong SQL; Python or R for analysis.", ["python", "r", "sql"]),
    ("Data Scientist\nSQL and Python. Our R&D team and R-squared reports.", ["python", "sql"]),
    ("Backend Engineer\nServices in Go, Python and Kubernetes.", ["go", "kubernetes", "python"]),
    ("Account Executive\nOwn our Go-to-market plan and go live in EMEA with SQL Server customers.", ["sql"]),
    ("NLP Engineer\nTF-IDF baselines, then BERT in PyTorch.", ["pytorch"]),
    ("ML Engineer\nTF/PyTorch models on Kubernetes.", ["kubernetes", "pytorch", "tensorflow"]),
    ("ML Engineer\nPlease send your CV to us. PyTorch and SQL daily.", ["pytorch", "sql"]),
], ids=["R-in-list", "R&D", "Go-in-list", "go-to-market", "TF-IDF", "TF-in-list", "CV-resume"])
def test_short_names_only_where_they_are_the_technology(packaged_graph, text, expected):
    assert tools(text, packaged_graph) == expected


@pytest.mark.parametrize("name", ["nontech-barista.txt", "nontech-dock-worker.txt", "nontech-gardener.txt",
                                  "nontech-zookeeper.txt", "nontech-welder.txt", "nontech-clinical-coordinator.md",
                                  "nontech-therapist.txt", "nontech-zh-petshop.txt", "nontech-electrician.txt"])
def test_ordinary_senses_of_tool_names_are_not_counted(packaged_graph, name):
    e = extract(read_document(CORPUS / name), packaged_graph)
    assert (e.track, e.tools, e.skills) == (None, [], [])


def test_rejected_hits_say_why(packaged_graph):
    e = extract(read_document(CORPUS / "nontech-gardener.txt"), packaged_graph)
    assert [(r["term"], r["why"]) for r in e.evidence["not_counted"]] == [
        ("spark", "ordinary sense (spark plugs, to spark interest)"),
        ("airflow", "ordinary sense (air movement)"),
        ("hive", "ordinary sense (beehive)"),
        ("monitoring", "ordinary sense (patient or site monitoring)"),
    ]


def test_ambiguous_words_count_in_a_technical_posting(packaged_graph):
    text = "Data Engineer\nBuild pipelines with Airflow and Spark on Snowflake; Docker for local runs."
    assert tools(text, packaged_graph) == ["airflow", "docker", "snowflake", "spark"]


def test_skills_named_or_implied_say_which(packaged_graph):
    e = extract("Data Engineer\nAirflow DAGs and workflow orchestration; strong statistics and SQL.", packaged_graph)
    assert e.evidence["skills"]["orchestration"] == {"named": ["workflow orchestration"], "implied_by": ["airflow"]}
    assert e.evidence["skills"]["statistics"] == {"named": ["statistics"], "implied_by": []}
    assert e.evidence["skills"]["data-analysis"] == {"named": [], "implied_by": ["sql"]}


def test_vocabulary_comes_from_the_graph():
    g = KnowledgeGraph()
    g.add_node("widgetdb", "Tool", name="WidgetDB", aliases=["Widget Database", "小部件库"])
    g.add_node("widgeting", "Skill", name="Widget design")
    g.add_relationship("USES_TOOL", "widgeting", "widgetdb")
    e = extract("Engineer\nWe use widget-database and 小部件库 daily; PyTorch is not in this graph.", g)
    assert (e.tools, e.skills) == (["widgetdb"], ["widgeting"])


def test_compile_phrases_prefers_the_longest_and_respects_boundaries():
    rx = jd.compile_phrases(["go", "golang", "go language", "c++"])
    assert [m.group() for m in rx.finditer("Go language, golang, C++ and gopher")] == ["Go language", "golang", "C++"]


# -- tracks ----------------------------------------------------------------

@pytest.mark.parametrize("name,track,tool_list", [
    ("ds-product-analytics.md", "ds", ["dbt", "pandas", "python", "r", "snowflake", "sql", "tableau"]),
    ("infra-titled-ds.md", "infra-mle", ["docker", "gcp", "github-actions", "grafana", "helm", "kubernetes", "mlflow",
                                         "prometheus", "python", "terraform"]),
    ("pmle-swe-ml.md", "production-mle", ["aws", "docker", "fastapi", "gcp", "go", "grpc", "python", "pytorch",
                                          "snowflake", "tensorflow"]),
    ("de-zh-warehouse.md", "data-engineer", ["airflow", "alibaba-cloud", "flink", "hive", "kafka", "python", "scala",
                                             "spark", "sql"]),
    ("devops-cicd.txt", "devops", ["docker", "git", "github-actions", "jenkins", "python", "terraform"]),
    ("rs-zh.md", "research-scientist", ["pytorch"]),
    ("nontech-gtm-sales.md", None, ["aws", "databricks", "snowflake"]),
    ("nontech-chemist-rd.md", None, []),
])
def test_exact_results_on_corpus_documents(packaged_graph, name, track, tool_list):
    e = extract(read_document(CORPUS / name), packaged_graph)
    assert (e.track, e.tools) == (track, tool_list)


def test_a_title_is_overruled_by_a_body_about_infrastructure(packaged_graph):
    e = extract(read_document(CORPUS / "infra-titled-ds.md"), packaged_graph)
    reason = e.evidence["track"]["reason"]
    assert reason.startswith("title 'Data Scientist' suggests ds, but the body points to infra-mle (cues: infrastructure")
    assert e.evidence["track"]["scores"]["infra-mle"] > e.evidence["track"]["scores"]["ds"]


def test_a_title_without_a_role_is_decided_by_the_body(packaged_graph):
    e = extract(read_document(CORPUS / "devops-cicd.txt"), packaged_graph)
    assert e.evidence["track"]["reason"] == "no role in the title; the body points to devops (cues: release engineering, on-call)"


def test_a_non_tech_posting_has_no_track(packaged_graph):
    e = extract(read_document(CORPUS / "nontech-chemist-rd.md"), packaged_graph)
    assert (e.track, e.confidence) == (None, 1.0)
    assert e.evidence["track"]["reason"] == "not a DS/ML/data/infra role: no tools or skills from the graph"


def test_parse_document_strips_labels_and_markdown():
    assert parse_document("\ufeff\n\n## **Job Title: ML Engineer**\nbody") == ("ML Engineer", "body")
    assert parse_document("岗位：运维工程师\n职责") == ("运维工程师", "职责")
    assert parse_document("   \n") == ("", "")


# -- bad input -------------------------------------------------------------

@pytest.mark.parametrize("raw,message", [
    (b"", "doc: empty"),
    (b"  \n\t\n", "doc: empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "doc: binary file, not text"),
    ("数据科学家".encode("gb18030"), "doc: not UTF-8 text (byte 0xca at offset 0) (looks like GBK/GB18030: iconv -f GB18030 -t UTF-8)"),
    ("Café barista".encode("latin-1"), "doc: not UTF-8 text (byte 0xe9 at offset 3)"),
    (b"x" * 1_000_001, "doc: 1.0 MB is larger than the limit of 1.0 MB"),
])
def test_bad_input_is_refused_with_one_line(raw, message):
    with pytest.raises(DataError) as err:
        decode_document(raw, "doc")
    assert str(err.value) == message


def test_utf16_and_bom_are_read():
    assert decode_document("\ufeffData Engineer".encode("utf-8")) == "Data Engineer"
    assert decode_document("数据工程师".encode("utf-16")) == "数据工程师"


def test_huge_file_is_refused_before_reading(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"SQL " * 2_600_000)
    with pytest.raises(DataError, match=r"huge.txt: 10.4 MB is larger than the limit of 1.0 MB"):
        read_document(p)


# -- the CLI ---------------------------------------------------------------

def bad_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "good.md").write_text("MLOps Engineer\nKubeflow on Kubernetes, Terraform on AWS.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.md").write_bytes(bytes(range(256)) * 8)
    (folder / "gbk.txt").write_bytes("数据科学家\n精通SQL".encode("gb18030"))
    (folder / "huge.txt").write_bytes(b"Data Scientist\n" + b"SQL and Python. " * 650_000)
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not a job description")
    return folder


def test_extract_json(kg_run, write):
    path = write("de.md", "Data Engineer\nAirflow, dbt and Snowflake; data warehouse modeling.")
    r = kg_run("extract", path, "--json")
    assert r.code == 0, r.err
    [doc] = json.loads(r.out)
    assert {k: doc[k] for k in ("file", "track", "tools", "skills")} == {
        "file": path, "track": "data-engineer", "tools": ["airflow", "dbt", "snowflake"],
        "skills": ["data-pipeline", "data-warehousing", "orchestration"]}
    assert doc["evidence"]["skills"]["data-warehousing"] == {"named": ["data warehouse"], "implied_by": ["snowflake"]}


def test_extract_reads_stdin_and_prints_a_table(kg_run):
    r = kg_run("extract", "-", input="Barista\nPour espresso shots and spark joy.")
    assert (r.code, r.err) == (0, "")
    assert r.out.splitlines()[2].split() == ["-", "-", "1.00", "-", "-"]


def test_extract_skips_bad_files_and_says_so(kg_run, tmp_path):
    folder = bad_corpus(tmp_path / "jobs")
    files = [str(folder / n) for n in ("empty.txt", "good.md", "binary.md")]
    r = kg_run("extract", *files, "--json")
    assert r.code == 1
    assert [d["file"] for d in json.loads(r.out)] == [files[1]]
    assert r.err.splitlines() == [f"Skipped {files[0]}: empty", f"Skipped {files[2]}: binary file, not text",
                                  "Error: skipped 2 of 3 files (reasons above)"]


def test_ingest_skips_bad_files_and_writes_the_rest(kg_run, tmp_path):
    folder = bad_corpus(tmp_path / "jobs")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    out = tmp_path / "demand.yaml"
    r = kg_run("ingest", str(folder), "-o", str(out))
    assert r.code == 1
    assert r.err.splitlines() == [
        (f"Skipped {folder}/photo.png: not a document type (.png; reads .txt, .md, .markdown, .text, .html, .htm, "
        ".xhtml, .pdf, .docx)"),
        f"Skipped {folder}/binary.md: binary file, not text",
        f"Skipped {folder}/empty.txt: empty",
        f"Skipped {folder}/gbk.txt: not UTF-8 text (byte 0xca at offset 0) (looks like GBK/GB18030: iconv -f GB18030 -t UTF-8)",
        f"Skipped {folder}/huge.txt: 10.4 MB is larger than the limit of 1.0 MB",
        f"Skipped {folder}/notes.pdf: not a readable PDF (PdfStreamError)",
        "Error: skipped 5 of 6 files (reasons above); the other 1 were used",
    ]
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    k8s = next(rel for rel in data["relationships"] if rel["to"] == "kubernetes")
    assert k8s == {"type": "REQUIRES", "from": "infra-mle", "to": "kubernetes", "level": "bonus", "source": "jd",
                   "evidence": {"count": 1, "total": 1, "track": "infra-mle", "documents": ["good.md"]}}


def test_ingest_of_nothing_is_an_error(kg_run, tmp_path):
    (tmp_path / "empty-dir").mkdir()
    r = kg_run("ingest", str(tmp_path / "empty-dir"), "-o", "out.yaml")
    assert (r.code, r.err.strip()) == (1, ("Error: no job descriptions (*.txt, *.md, *.markdown, *.text, *.html, *.htm, "
                                          f"*.xhtml, *.pdf, *.docx) under {tmp_path / 'empty-dir'}"))


def test_ingest_is_quiet_when_piped_and_writes_yaml_to_stdout(kg_run):
    r = kg_run("ingest", str(CORPUS), "-o", "-")
    assert r.code == 0
    assert r.out.startswith("# Demand measured by `kg ingest` in 60 job descriptions")
    assert "Reading job descriptions" not in r.err
    assert r.err.splitlines()[1] == "Read 60 job descriptions, 1 skipped."
    assert yaml.safe_load(r.out)["version"] == 1


def test_ingest_corpus_then_show_demand(kg_run, tmp_path):
    out = tmp_path / "demand.yaml"
    r = kg_run("ingest", str(CORPUS), "-o", str(out))
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == "Read 60 job descriptions, 1 skipped."
    assert lines[-1] == f"Wrote {sum(1 for _ in yaml.safe_load(out.read_text())['relationships'])} requirements with demand to {out}."
    assert "(not a DS/ML/data/infra role)  13" in r.out
    show = kg_run("--data", str(out), "show", "kubernetes")
    assert show.code == 0, show.err
    assert "jd: mentioned by 7 of 7 infra-mle job descriptions" in show.out
    assert "jd: mentioned by 5 of 6 devops job descriptions" in show.out


def test_plan_by_demand_prefers_what_postings_ask_for(kg_run, tmp_path):
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    for i, cloud in enumerate(["AWS", "GCP", "Azure"]):
        (jobs / f"mle-{i}.md").write_text(
            f"Machine Learning Engineer\nDeploy PyTorch models to production on {cloud}; own inference latency.",
            encoding="utf-8")
    out = tmp_path / "demand.yaml"
    assert kg_run("ingest", str(jobs), "-o", str(out)).code == 0
    # Knowing SQL and Airflow makes the data pipeline (80 h -> 64 h left) cheaper than ML frameworks (70 h).
    cheapest = kg_run("--data", str(out), "plan", "--to", "production-mle", "--level", "entry", "--know", "sql,airflow",
                      "--json")
    demanded = kg_run("--data", str(out), "plan", "--to", "production-mle", "--level", "entry", "--know", "sql,airflow",
                      "--by-demand", "--json")
    assert cheapest.code == demanded.code == 0, demanded.err

    def core(result):
        return sorted(s["skill"] for s in json.loads(result.out)["steps"]
                      if s["reason"].startswith("core skill") and s["skill"] != "machine-learning")

    assert core(cheapest) == ["cloud-computing", "data-pipeline"]
    assert core(demanded) == ["cloud-computing", "ml-frameworks"]
    steps = {s["skill"]: s for s in json.loads(demanded.out)["steps"]}
    assert steps["ml-frameworks"]["reason"] == "core skill of Production MLE (2 of 3 in 'core-three', most demanded)"
    assert steps["ml-frameworks"]["demand"] == "mentioned by 3 of 3 Production MLE postings"
    assert json.loads(cheapest.out)["steps"][1]["demand"] == "mentioned by 0 of 3 Production MLE postings"


def test_doctests():
    result = doctest.testmod(jd, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 8


def test_the_labelled_corpus_meets_the_targets():
    from eval_jd import evaluate

    r = evaluate()
    assert r["documents"] == 60
    assert r["negated_hits"] == 0 and r["everyday_hits"] == 0, r["mistakes"]
    assert r["f1"] >= 0.99 and r["track_right"] == 60, r["mistakes"]


#: Floors per labelled set, at the numbers measured when the rules were last changed (README), so a
#: regression shows: (postings, tool F1 at least, negated-tool hits at most, everyday-sense hits at most,
#: postings with the right track at least). Every jd_holdout* set was written blind by an author who never
#: saw the rules nor the other sets and scored once when it arrived, as the held-out set of its round:
#: jd_holdout3 F1 0.900 (11 negated, 22 everyday, track 30/32); jd_holdout4 0.985 (2, 2, 28/30);
#: jd_holdout5 0.934 (15, 7, 30/30); jd_holdout6 0.954 (8, 8, 29/30); jd_holdout7 0.987 (0, 3, 29/30);
#: jd_holdout8 0.977 (0, 5, 27/30); jd_holdout9 0.991 (1, 1, 30/30); jd_holdout10 0.977 (3, 2, 30/30);
#: jd_holdout11 0.946 (15, 3, 30/30); jd_holdout12 0.962 (8, 2, 30/30); jd_holdout13 0.975 (6, 2, 30/30);
#: jd_holdout14 0.941 (13, 2, 30/30); jd_holdout15 0.969 (5, 2, 28/30); jd_holdout16 0.971 (4, 3, 29/30);
#: jd_holdout17 0.973 (5, 2, 29/30); jd_holdout18 0.961 (8, 2, 30/30); jd_holdout19 0.924 (17, 1, 30/30);
#: jd_holdout20 0.963 (8, 3, 30/30), the held-out set of the round before, scored after its rules were final;
#: jd_holdout21 0.968 (6, 2, 30/30); jd_holdout22 0.951 (6, 7, 28/30); jd_holdout24 (the issue's own kinds of
#: negation and everyday sense) 0.977 (1, 1, 30/30); jd_holdout25 (postings scraped from PDF and Word, tables with a
#: "Not used" column) 0.952 (9, 2, 27/30); jd_holdout26 0.978 (4, 4, 29/30); jd_holdout27 (half informal prose)
#: 0.957 (8, 3, 30/30); jd_holdout23, the held-out set of the round before, scored after its rules were final,
#: 0.957 (9, 2, 29/30); jd_holdout28 (written to the issue's description of the postings) 0.981 (3, 3, 30/30);
#: jd_holdout29 (half Chinese, negations in each posting's own words) 0.988 (2, 2, 30/30); jd_holdout31 (job-board
#: pastes, negations said in passing) 0.971 (4, 5, 30/30); jd_holdout30 (the held-out set of the round's first
#: half, scored once when its rules were final) 0.990 (0, 1, 30/30); jd_holdout32 (negations in idiom, pronouns,
#: sarcasm: the hardest kinds) 0.940 (18, 1, 30/30); jd_holdout33 (e-mail threads, PDF and Word scrapes,
#: tables) 0.970 (2, 1, 26/30); jd_holdout35 (the hardest negations again) 0.945 (17, 0, 30/30); jd_holdout36
#: (Asia-Pacific and European postings, half Chinese or mixed) 0.974 (0, 7, 30/30); jd_holdout38 (written to the
#: issue's description, trades outside the usual ones) 0.967 (8, 2, 30/30); jd_holdout40 (half Chinese: mainland,
#: Taiwan, Hong Kong, Singapore) 0.966 (8, 2, 30/30); jd_holdout42 (career pages from North America, the UK and
#: Australia, a third Chinese) 0.991 (1, 2, 30/30); jd_holdout41 (recruiter e-mails, social-media posts, chat notes,
#: forwarded threads) 0.963 (8, 3, 27/30); jd_holdout45 (Japanese, Korean and Chinese employers, half Chinese)
#: 0.993 (1, 0, 29/30); jd_holdout44 (Africa and the Middle East, a third Chinese) 0.990 (1, 1, 29/30). All of them
#: were tuned on after that one score. jd_holdout34 and jd_holdout37 (a representative week of job-board postings each) were
#: the held-out sets of the round before: kept outside the tree until its rules were final, scored once (F1 0.993 and
#: 0.993; 1 and 0 negated; 0 and 2 everyday; track 30/30 and 30/30), not tuned on since (jd_holdout34 now scores 0.996
#: as a side effect of this round's rules). jd_holdout39 (Southeast Asia, Taiwan and Hong Kong) and jd_holdout43 (Latin
#: America), a representative week each, are this round's held-out sets, kept outside the tree until the rules were
#: final and scored once: F1 0.989 and 0.993; 0 and 1 negated; 3 and 1 everyday; track 30/30 and 30/30. Their floors
#: are those scores. Do not tune the rules on any of these four.
FLOORS = {
    "jd_corpus": (60, 1.0, 0, 0, 60),
    "jd_tuning2": (35, 1.0, 0, 0, 35),
    "jd_holdout": (20, 1.0, 0, 0, 19),
    "jd_holdout3": (32, 1.0, 0, 0, 32),
    "jd_tuning5": (30, 1.0, 0, 0, 30),
    "jd_holdout4": (30, 1.0, 0, 0, 29),
    "jd_holdout5": (30, 1.0, 0, 0, 30),
    "jd_holdout6": (30, 1.0, 0, 0, 29),
    "jd_holdout7": (30, 1.0, 0, 0, 30),
    "jd_holdout8": (30, 1.0, 0, 0, 30),
    "jd_holdout9": (30, 1.0, 0, 0, 30),
    "jd_holdout10": (30, 0.9966, 0, 0, 30),
    "jd_holdout11": (30, 1.0, 0, 0, 30),
    "jd_holdout12": (30, 1.0, 0, 0, 30),
    "jd_holdout13": (30, 1.0, 0, 0, 30),
    "jd_holdout14": (30, 1.0, 0, 0, 30),
    "jd_holdout15": (30, 1.0, 0, 0, 29),
    "jd_holdout16": (30, 0.9970, 0, 1, 29),
    "jd_holdout17": (30, 0.9930, 1, 0, 30),
    "jd_holdout18": (30, 0.9938, 0, 0, 30),
    "jd_holdout19": (30, 0.9767, 2, 0, 30),
    "jd_holdout20": (30, 0.9896, 2, 1, 30),
    "jd_holdout21": (30, 0.9869, 1, 1, 30),
    "jd_holdout22": (30, 0.9818, 1, 3, 29),
    "jd_holdout24": (30, 1.0, 0, 0, 30),
    "jd_holdout25": (30, 0.9930, 0, 1, 28),
    "jd_holdout26": (30, 0.9949, 0, 2, 30),
    "jd_holdout23": (30, 0.9889, 2, 0, 29),
    "jd_holdout27": (30, 0.9931, 0, 1, 30),
    "jd_holdout28": (30, 1.0, 0, 0, 30),
    "jd_holdout29": (30, 1.0, 0, 0, 30),
    "jd_holdout30": (30, 0.9902, 0, 1, 30),
    "jd_holdout31": (30, 0.9933, 0, 2, 30),
    "jd_holdout32": (30, 0.9579, 12, 1, 30),
    "jd_holdout33": (30, 0.9909, 0, 1, 29),
    "jd_holdout35": (30, 0.9634, 11, 0, 30),
    "jd_holdout36": (30, 0.9940, 0, 1, 30),
    "jd_holdout38": (30, 0.9965, 1, 0, 30),
    "jd_holdout40": (30, 1.0, 0, 0, 30),
    "jd_holdout41": (30, 0.9905, 1, 2, 30),
    "jd_holdout42": (30, 0.9968, 0, 1, 30),
    "jd_holdout44": (30, 0.9932, 1, 1, 29),
    "jd_holdout45": (30, 1.0, 0, 0, 29),
    "jd_holdout34": (30, 0.9929, 1, 0, 30),
    "jd_holdout37": (30, 0.9931, 0, 2, 30),
    "jd_holdout39": (30, 0.9887, 0, 3, 30),
    "jd_holdout43": (30, 0.9933, 1, 1, 30),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_every_labelled_set_stays_above_its_floor(name):
    # a rule change that only fits the tuning postings shows up on the held-out ones
    from eval_jd import evaluate

    documents, f1, negated, everyday, right = FLOORS[name]
    r = evaluate(Path(__file__).with_name(name))
    assert r["documents"] == documents
    assert r["f1"] >= f1 and r["negated_hits"] <= negated and r["everyday_hits"] <= everyday, r["mistakes"]
    assert r["track_right"] >= right, r["mistakes"]


def test_title_rules_decide_a_role_the_graph_does_not_name(packaged_graph):
    # Neither title is a track's name or alias, and neither body has a cue: the title rules decide.
    sre = extract("Site Reliability Engineer\nWe run Kubernetes and Terraform on AWS, with Prometheus and Grafana. "
                  "Python and Go.\n", packaged_graph)
    assert (sre.track, sre.confidence) == ("devops", 0.57)
    assert sre.evidence["track"]["title_says"] == {"devops": "Site Reliability"}
    assert sre.evidence["track"]["scores"] == {"devops": 4.2, "sde": 1.0, "infra-mle": 0.67, "data-engineer": 0.5,
                                               "production-mle": 0.5, "ds": 0.4, "research-scientist": 0.33}
    assert sre.evidence["track"]["reason"] == "title 'Site Reliability' names devops; nothing in the body points elsewhere"
    analytics = extract("Analytics Engineer\nYou model data in dbt and Snowflake with SQL, orchestrated by Airflow.\n",
                        packaged_graph)
    assert (analytics.track, analytics.confidence) == ("data-engineer", 0.56)
    assert analytics.evidence["track"]["scores"] == {"data-engineer": 4.0, "pm": 0.8, "infra-mle": 0.53, "ds": 0.4,
                                                     "production-mle": 0.33}


def test_the_skill_profile_decides_a_posting_without_a_role(packaged_graph):
    # No role in the title and two weak cues: the skills it asks for (against each track's
    # requirements) lift data engineering over the body-only threshold.
    e = extract("Engineer\nYou will build batch pipelines and dashboards. We use Python, SQL, Spark, Airflow, Kafka and "
                "Snowflake; data pipeline and data warehousing experience.\n", packaged_graph)
    assert (e.track, e.confidence) == ("data-engineer", 0.43)
    assert e.evidence["track"]["cues"] == {"data-engineer": ["batch", "pipelines"], "ds": ["dashboards"]}
    assert e.evidence["track"]["scores"] == {"data-engineer": 3.83, "ds": 1.8, "pm": 0.8, "sde": 0.67, "infra-mle": 0.53,
                                             "production-mle": 0.33, "research-scientist": 0.33, "devops": 0.27}
    assert e.evidence["track"]["reason"] == ("no role in the title; the body points to data-engineer "
                                             "(cues: batch, pipelines)")


def test_a_title_is_at_most_200_characters():
    title, body = parse_document("a" * 250 + "\nbody")
    assert (title, body) == ("a" * 200, "body")


def test_names_in_either_language_are_matched(packaged_graph):
    # Full names (not aliases) of a tool and a skill, and a skill's Chinese name.
    e = extract("Engineer\nNatural language processing with Google Cloud Platform.\n", packaged_graph)
    assert (e.tools, e.skills) == (["gcp"], ["cloud-computing", "nlp"])
    assert extract("工程师\n熟悉自然语言处理\n", packaged_graph).skills == ["nlp"]


def test_how_sure_a_rejection_is(packaged_graph):
    # Technical but too little: 1 - best / (best + 3) / 2; not technical at all: 1.0.
    e = extract("Engineer\nWe use Python.\n", packaged_graph)
    assert (e.track, e.confidence) == (None, 0.91)
    assert e.evidence["track"]["reason"] == ("not a DS/ML/data/infra role: no role in the title and too little in "
                                             "the body (best: sde 0.67)")
    e = extract("Chef\nWe cook.\n", packaged_graph)
    assert (e.track, e.confidence) == (None, 1.0)


def test_folders_skip_hidden_files_and_folders(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("h", encoding="utf-8")
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("b", encoding="utf-8")
    items, skipped = jd.scan_inputs([tmp_path])
    assert items == [("a.md", tmp_path / "a.md"), ("sub/b.md", tmp_path / "sub" / "b.md")]
    assert skipped == [(str(tmp_path / ".hidden.md"), "hidden file")]


def test_an_empty_phrase_does_not_stop_the_others():
    assert jd.compile_phrases(["", "spark"]).findall("Spark, sparks") == ["Spark"]


def test_demand_levels_and_default_kinds(packaged_graph):
    docs = {name: extract(text, packaged_graph) for name, text in (
        ("a.md", "Data Engineer\nWe build data pipelines with Kafka, Spark and Airflow on AWS.\n"),
        ("b.md", "Data Engineer\nStreaming with Kafka and Flink; SQL; data warehouse in Snowflake.\n"))}
    assert {d.track for d in docs.values()} == {"data-engineer"}
    data = jd.build_demand(docs, packaged_graph, min_share=0.5, core_share=1.0)
    levels = {r["to"]: (r["level"], r["evidence"]["count"]) for r in data["relationships"]}
    assert levels["kafka"] == ("core", 2)      # every posting names it: core from core_share = 1.0
    assert levels["spark"] == ("bonus", 1)     # half of them: bonus
    per_track, totals = jd.demand_of_documents(docs)
    ranked = jd.rank_demand(per_track, totals, packaged_graph)
    assert {r["label"] for r in ranked["overall"]} == {"Tool", "Skill"}


def test_a_track_without_requirements_scores_nothing_from_skills(write):
    from kg.loaders.curated import load_graph

    g = load_graph([write("ux.yaml", "tracks:\n  - id: ux\n    name: UX Designer\n")])
    e = extract("Site Reliability Engineer\nWe run Kubernetes and Terraform on AWS, with Prometheus and Grafana. "
                "Python and Go.\n", g)
    assert (e.track, e.confidence) == ("devops", 0.57)
    assert "ux" not in e.evidence["track"]["scores"]


def test_vocabulary_sees_alias_edits_that_keep_the_node_count():
    from kg.loaders.curated import apply, parse_data

    g = KnowledgeGraph()
    g.add_node("kubernetes", "Tool", name="Kubernetes")
    assert jd.term_key("k8s") not in jd.vocabulary(g).nodes
    apply(parse_data("tools:\n  - id: kubernetes\n    aliases: [k8s]\n", "mine.yaml", "mine.yaml"), g)
    assert len(g) == 1
    assert jd.vocabulary(g).nodes[jd.term_key("k8s")] == {"kubernetes"}


def test_phrases_of_separators_only_are_dropped():
    rx = jd.compile_phrases(["-", " _ ", "spark"])
    assert rx.search("") is None
    assert [m.group() for m in rx.finditer("a - spark")] == ["spark"]
    assert jd.compile_phrases(["-"]).search("anything") is None


@pytest.mark.parametrize("text,track,title", [
    # a social-media post under its author's name: the role is on its "Hiring:" line
    ("**Ann Lee** • Engineering Manager, Risk ML at Pennybridge\n3h • Edited\n\n"
     "🚨 Hiring: Senior Machine Learning Engineer, Fraud & Risk (Stockholm or remote within two hours of CET)\n\n"
     "You will train PyTorch models and deploy them behind FastAPI on Kubernetes.\n",
     "production-mle", "Senior Machine Learning Engineer, Fraud & Risk (Stockholm or remote within two hours of CET)"),
    # notes pasted from a chat: the role is on its "Title:" line
    ("*(copied from the #hiring channel)*\n\nok here's what I want in the posting, raw, please polish it into the careers "
     "page version and keep the tone human\n\n**Title:** Senior Product Manager, AI Assistant\n\n"
     "You own the roadmap; you read SQL and talk to the data scientists about Python notebooks.\n",
     "pm", "Senior Product Manager, AI Assistant"),
    # a forwarded e-mail: the subject names the role, not the time in its date line ("4:41 PM")
    ("---------- Forwarded message ---------\nFrom: Mei Harcourt <mei@example.com>\nDate: Wed, Nov 25, 2026 at 4:41 PM\n"
     "Subject: Re: ML Platform Engineer req\nTo: Recruiting <talent@example.com>\n\n"
     "Notes below. The platform runs Kubeflow and Argo Workflows on Kubernetes, with Terraform and Helm.\n",
     "infra-mle", "ML Platform Engineer req"),
])
def test_a_title_found_past_the_first_line(packaged_graph, text, track, title):
    e = extract(text, packaged_graph)
    assert (e.track, e.evidence["track"]["title"]) == (track, title)
