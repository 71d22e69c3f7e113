"""The packaged data, the loader's all-or-nothing errors, and every `validate` check."""
from __future__ import annotations

import pytest

from kg.errors import DataError
from kg.loaders.curated import article_text, check_graph, load_graph, parse_data, validate

REQUIRED_TOOLS = """python sql r scala go cpp pytorch tensorflow scikit-learn langchain jax keras xgboost lightgbm
hugging-face opencv pandas spark airflow snowflake kafka flink dbt hive bigquery databricks aws gcp azure
alibaba-cloud kubernetes docker terraform helm kubeflow mlflow ray argo jenkins github-actions gitlab-ci
prometheus grafana fastapi flask triton grpc cuda tableau""".split()


def all_provenance(graph):
    for node in graph.nodes():
        yield node["id"], node["provenance"]
    for s, e, d in graph.relationships():
        yield f"{d['type']} {s}->{e}", d["provenance"]


def test_every_article_quote_occurs_verbatim(packaged_graph):
    article = article_text()
    quotes = [(what, p["quote"]) for what, records in all_provenance(packaged_graph)
              for p in records if p["source"] == "article"]
    assert len(quotes) > 60
    assert [(what, q) for what, q in quotes if q not in article] == []


def test_every_fact_has_provenance(packaged_graph):
    for what, records in all_provenance(packaged_graph):
        assert records, what
        for p in records:
            assert p["source"] in ("article", "curated"), what
            assert p.get("quote") if p["source"] == "article" else p.get("reason"), what


def test_article_facts_are_in_the_graph(packaged_graph):
    g = packaged_graph
    assert [lid for lid in sorted(g.ids("Layer"), key=g.layer_rank)] == ["data", "algorithm", "application", "control"]
    core = {s: p for s, p in g.out("production-mle", "REQUIRES") if p["level"] == "core" and p.get("group")}
    assert set(core) == {"ml-frameworks", "data-pipeline", "cloud-computing"}
    assert {(p["group"], p["min_of"]) for p in core.values()} == {("core-three", 2)}
    assert {t for t, _ in g.out("ml-frameworks", "USES_TOOL")} == {"pytorch", "tensorflow", "scikit-learn", "langchain"}
    assert {s for s, p in g.out("infra-mle", "REQUIRES") if p["level"] == "core" and p["provenance"][0]["source"] == "article"} == {
        "data-pipeline", "cloud-computing", "orchestration", "ci-cd"}
    assert {s for s, _ in g.into("production-mle", "TRANSITIONS_TO")} >= {"ds", "sde"}
    assert {t for t, _ in g.out("infra-mle", "OVERLAPS_WITH")} == {"data-engineer", "devops"}
    assert g.relationship("TRANSITIONS_TO", "ds", "production-mle")["provenance"][0]["source"] == "article"


def test_ml_fundamentals_are_curated_on_every_mle_track(packaged_graph):
    g = packaged_graph
    mle = [t for t in g.ids("Track") if g.g.nodes[t].get("mle") is True]
    assert mle == ["production-mle", "research-mle", "infra-mle"]
    for t in mle:
        rel = g.relationship("REQUIRES", t, "machine-learning")
        assert rel is not None and rel["level"] == "core" and not rel.get("group"), t
        assert rel["provenance"][0].get("reason") or rel["provenance"][0].get("quote"), t
    assert g.relationship("REQUIRES", "production-mle", "machine-learning")["provenance"][0]["source"] == "curated"


def test_tool_vocabulary(packaged_graph):
    g = packaged_graph
    missing = [t for t in REQUIRED_TOOLS if t not in g or g.label(t) != "Tool"]
    assert missing == []
    assert [t for t in g.ids("Tool") if not g.into(t, "USES_TOOL")] == []
    every_track = {"ds", "production-mle", "research-mle", "infra-mle", "data-engineer", "devops", "sde",
                   "research-scientist", "pm"}
    assert set(g.ids("Track")) == every_track
    for node in g.nodes():
        assert node["name"] and node["name_zh"] and node["description"], node["id"]


def test_packaged_data_validates():
    graph, problems = validate()
    assert problems == []
    assert graph.g.number_of_nodes() == 89


def test_user_file_adds_and_overrides(write, packaged_graph):
    path = write("mine.yaml", """\
skills:
  - id: llmops
    name: LLMOps
    name_zh: 大模型运维
    layer: control
    effort_hours: 30
tools:
  - id: kubernetes
    effort_hours: 20
  - id: vllm
    name: vLLM
    aliases: [vllm serving]
    skills: [model-serving, llmops]
tracks:
  - id: llm-engineer
    name: LLM Engineer
    requires: [ml-frameworks, llmops, {skill: nlp, level: bonus}]
relationships:
  - {type: PREREQUISITE_OF, from: model-serving, to: llmops, strength: hard, reason: Serve before you operate.}
""")
    g = load_graph([path])
    assert g.g.nodes["kubernetes"]["effort_hours"] == 20
    assert g.g.nodes["kubernetes"]["provenance"][-1] == {"source": "mine.yaml"}
    assert g.g.nodes["kubernetes"]["provenance"][0]["source"] == "article"
    assert g.resolve("vllm serving") == "vllm"
    assert g.layer_of("llmops") == "control"
    from kg.plan import make_plan

    plan = make_plan(g, "ds", "llm-engineer")
    assert [s["skill"] for s in plan["steps"]] == ["ml-frameworks", "model-serving", "llmops"]
    assert plan["steps"][1]["reason"] == "prerequisite of LLMOps"
    assert "llmops" not in packaged_graph  # the packaged graph is untouched


BAD_FILES = [
    ("tools:\n  - id: x\n    name: [\n", "bad.yaml:4: not valid YAML: did not find expected node content"),
    ("skills:\n  - id: spark2\n    name: Spark 2\n", "bad.yaml:2: skills[0].layer: skill 'spark2' has no layer"),
    ("skills:\n  - id: s1\n    name: S1\n    layer: dta\n",
     "bad.yaml:4: skills[0].layer: no layer 'dta' — did you mean 'data'?"),
    ("tools:\n  - id: Polars\n", "bad.yaml:2: tools[0].id: 'Polars' is not a valid id (lowercase letters, digits and '-')"),
    ("tools:\n  - id: kubernetes\n    effort_hours: lots\n",
     "bad.yaml:3: tools[0].effort_hours: must be a finite number from 0 to 1,000,000,000, not 'lots'"),
    ("tools:\n  - id: kubernetes\n    colour: blue\n",
     "bad.yaml:3: tools[0].colour: unknown field for a Tool (allowed: id, name, name_zh, aliases, description, "
     "source, quote, reason, evidence, release, skills, url, effort_hours, esco_uri, esco_reason)"),
    ("relationships:\n  - {type: PREREQUISITE_OF, from: ci-cd, to: programming}\n",
     "bad.yaml:2: relationships[0]: prerequisite cycle: programming -> software-engineering -> ci-cd -> programming"),
    ("relationships:\n  - {type: LIKES, from: ds, to: pm}\n",
     "bad.yaml:2: relationships[0].type: unknown relationship type 'LIKES' (one of: FOCUSES_ON, HAS_SKILL, "
     "USES_TOOL, REQUIRES, PREREQUISITE_OF, TRANSITIONS_TO, OVERLAPS_WITH, COLLABORATES_WITH)"),
    ("skills:\n  - id: python\n    name: Python\n    layer: data\n",
     "bad.yaml:2: skills[0].id: 'python' is already a Tool, not a Skill"),
    ("tracks:\n  - id: t1\n    name: T1\n  - id: t1\n    name: T1 again\n",
     "bad.yaml:4: tracks[1].id: duplicate id 't1' (first at line 2)"),
    ("tools:\n  - id: kubernetes\n    source: article\n    quote: Kubernetes is great\n",
     "bad.yaml:4: tools[0].quote: not found verbatim in the article"),
    ("- just\n- a list\n", "bad.yaml:1: the file must be a mapping with layers/skills/tools/tracks/relationships"),
    ("tracks:\n  - id: t2\n    name: T2\n    requires:\n      - {skill: ci-cd, level: expert}\n",
     "bad.yaml:5: tracks[0].requires[0].level: must be one of core, bonus, not 'expert'"),
]


@pytest.mark.parametrize("text,message", BAD_FILES)
def test_malformed_file_is_refused_whole(write, text, message):
    path = write("bad.yaml", text)
    with pytest.raises(DataError) as e:
        load_graph([path])
    assert str(e.value).replace(path, "bad.yaml").split(" (and ")[0] == message


def test_nothing_of_a_bad_file_is_loaded(write):
    path = write("half.yaml", "tools:\n  - id: polars\n    name: Polars\n    skills: [data-analysis]\n"
                              "  - id: duckdb\n    name: DuckDB\n    skills: [data-analyss]\n")
    with pytest.raises(DataError, match=r"half.yaml:7: tools\[1\].skills\[0\]: no skill 'data-analyss' — did you "
                                        r"mean 'data-analysis'\?$"):
        load_graph([path])
    graph, problems = validate([path])
    assert "polars" not in graph and "duckdb" not in graph
    assert [str(p).replace(path, "half.yaml") for p in problems] == [
        "half.yaml:7: tools[1].skills[0]: no skill 'data-analyss' — did you mean 'data-analysis'?"]


def test_unreadable_files(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(DataError, match=f"^{missing}: no such data file$"):
        load_graph([missing])
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("tools:\n  - id: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataError, match=f"^{latin}:2: not UTF-8 text \\(byte 18\\); save the file as UTF-8$"):
        load_graph([latin])
    # validate reports the same lines, and goes on to the next file
    _, problems = validate([missing, latin])
    assert [str(p) for p in problems] == [f"{missing}: no such data file",
                                          f"{latin}:2: not UTF-8 text (byte 18); save the file as UTF-8"]


def test_validate_reports_duplicate_aliases(write):
    path = write("dup.yaml", "tools:\n  - id: kubeflow\n    aliases: [k8s]\n")
    _, problems = validate([path])
    assert [str(p) for p in problems] == [
        f"{path}:3: tools[0].aliases: 'k8s' already names 'kubernetes': a name or alias must name one node"]


def test_validate_reports_missing_provenance():
    parsed = parse_data("tools:\n  - id: polars\n    name: Polars\n    skills: [data-analysis]\n", "graph.yaml",
                        default_source=None, article=article_text())
    assert [str(p) for p in parsed.problems] == [
        "graph.yaml:2: tools[0].source: missing provenance (source: article|curated|jd)"]
    curated = parse_data("layers:\n  - id: x\n    name: X\n    source: curated\n", "graph.yaml", None)
    assert [str(p) for p in curated.problems] == ["graph.yaml:4: layers[0].reason: a curated fact must give a reason"]
    from kg.model import KnowledgeGraph

    g = KnowledgeGraph()
    g.add_node("a", "Skill", name="A")
    g.add_node("b", "Skill", name="B", provenance=[{"source": "curated", "reason": "r"}])
    g.add_relationship("PREREQUISITE_OF", "a", "b")
    assert [str(p) for p in check_graph(g)] == [
        "graph: provenance: node 'a' has no provenance", "graph: provenance: PREREQUISITE_OF a -> b has no provenance"]


def test_validate_names_every_problem_of_several_files(write):
    good = write("good.yaml", "tools:\n  - id: polars\n    name: Polars\n    skills: [data-analysis]\n")
    bad = write("bad.yaml", "tools:\n  - id: x1\n    name: X\n    skills: [nope]\n    url: 3\n")
    graph, problems = validate([good, bad])
    assert "polars" in graph and "x1" not in graph
    assert [str(p).replace(bad, "bad.yaml") for p in problems] == [
        "bad.yaml:5: tools[0].url: must be text", "bad.yaml:4: tools[0].skills[0]: no skill 'nope'"]


def test_naming_an_existing_requirement_keeps_its_level(write):
    path = write("note.yaml", "relationships:\n  - {type: REQUIRES, from: production-mle, to: gpu-acceleration, "
                              "reason: we hire for it}\n")
    g = load_graph([path])
    props = g.relationship("REQUIRES", "production-mle", "gpu-acceleration")
    assert props["level"] == "bonus"
    assert props["provenance"][-1] == {"source": "note.yaml", "reason": "we hire for it"}
    new = write("new.yaml", "relationships:\n  - {type: REQUIRES, from: pm, to: sql-analytics}\n"
                            "skills:\n  - {id: sql-analytics, name: SQL analytics, layer: data}\n")
    assert load_graph([new]).relationship("REQUIRES", "pm", "sql-analytics")["level"] == "core"
