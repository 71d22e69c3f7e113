"""The packaged data, the loader's all-or-nothing errors, and every `validate` check."""
from __future__ import annotations

import pytest
from kg.loaders.curated import (
    article_text,
    check_graph,
    load_graph,
    parse_data,
    validate,
)

from kg.errors import DataError

REQUIRED_TOOLS = """python sql r scala go cpp pytorch tensorflow scikit-learn langchain jax keras xgboost lightgbm
hugging-face opencv pandas spark airflow snowflake kafka flink dbt hive bigquery databricks aws gcp azure
alibaba-cloud kubernetes docker terraform helm kubeflow mlflow ray argo jenkins github-actions gitlab-ci
prometheus grafana fastapi flask triton grpc cuda tableau""".split()  # noqa: SIM905 (a word list reads better as text)


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
     ("bad.yaml:3: tools[0].colour: unknown field for a Tool (allowed: id, name, name_zh, aliases, description, "
      "source, quote, reason, evidence, release, skills, url, effort_hours, esco_uri, esco_reason)")),
    ("relationships:\n  - {type: PREREQUISITE_OF, from: ci-cd, to: programming}\n",
     "bad.yaml:2: relationships[0]: prerequisite cycle: programming -> software-engineering -> ci-cd -> programming"),
    ("relationships:\n  - {type: LIKES, from: ds, to: pm}\n",
     ("bad.yaml:2: relationships[0].type: unknown relationship type 'LIKES' (one of: FOCUSES_ON, HAS_SKILL, "
     "USES_TOOL, REQUIRES, PREREQUISITE_OF, TRANSITIONS_TO, OVERLAPS_WITH, COLLABORATES_WITH)")),
    ("skills:\n  - id: python\n    name: Python\n    layer: data\n",
     "bad.yaml:2: skills[0].id: 'python' is already a Tool, not a Skill"),
    ("tracks:\n  - id: t1\n    name: T1\n  - id: t1\n    name: T1 again\n",
     "bad.yaml:4: tracks[1].id: duplicate id 't1' (first at line 2)"),
    ("tools:\n  - id: kubernetes\n    source: article\n    quote: Kubernetes is great\n",
     "bad.yaml:4: tools[0].quote: not found verbatim in the article"),
    ("- just\n- a list\n", "bad.yaml:1: the file must be a mapping with layers/skills/tools/tracks/relationships"),
    ("tracks:\n  - id: t2\n    name: T2\n    requires:\n      - {skill: ci-cd, level: expert}\n",
     "bad.yaml:5: tracks[0].requires[0].level: must be one of core, bonus, not 'expert'"),
    # Duplicate keys would silently keep the last value.
    ("tools:\n  - id: kubernetes\n    effort_hours: 20\n    effort_hours: 30\n",
     "bad.yaml:4: not valid YAML: duplicate key 'effort_hours'"),
    ("tools: []\ntools: []\n", "bad.yaml:2: not valid YAML: duplicate key 'tools'"),
    ("version: 2\n", "bad.yaml:1: version: unsupported version 2 (this mle-kg reads version 1)"),
    ("skils:\n  - id: x\n",
     "bad.yaml:1: skils: unknown section (expected one of: version, layers, skills, tools, tracks, relationships)"),
    ("relationships:\n  - {type: USES_TOOL, from: kubernetes, to: docker}\n",
     "bad.yaml:2: relationships[0]: 'kubernetes' is a Tool; the from end of USES_TOOL must be a Skill"),
    ("relationships:\n  - {type: REQUIRES, from: ds, to: algorithm}\n",
     "bad.yaml:2: relationships[0]: 'algorithm' is a Layer; the to end of REQUIRES must be a Skill or Tool"),
    ("relationships:\n  - {type: USES_TOOL, from: programing, to: python}\n",
     "bad.yaml:2: relationships[0]: no skill 'programing' — did you mean 'programming'?"),
    ("relationships:\n  - {type: REQUIRES, from: ds, to: kubernetis}\n",
     "bad.yaml:2: relationships[0]: no skill or tool 'kubernetis' — did you mean 'kubernetes'?"),
    ("tools:\n  - id: kubernetes\n    effort_hours: -5\n",
     "bad.yaml:3: tools[0].effort_hours: must be a finite number from 0 to 1,000,000,000, not -5"),
    ("tracks:\n  - id: ds\n    requires:\n      - {skill: ci-cd, group: g, min_of: 0}\n",
     "bad.yaml:4: tracks[0].requires[0].min_of: must be a whole number ≥ 1, not 0"),
    ("relationships:\n  - {type: REQUIRES, from: pm, to: ci-cd, level: core, group: g, min_of: 1.5}\n",
     "bad.yaml:2: relationships[0].min_of: must be a whole number ≥ 1, not 1.5"),
    ("layers:\n  - id: data\n    order: 0\n", "bad.yaml:3: layers[0].order: must be a whole number ≥ 1, not 0"),
    ("layers:\n  - id: data\n    name: Data\n    order: true\n",
     "bad.yaml:4: layers[0].order: must be a whole number ≥ 1, not True"),
    ("tools: x\n", "bad.yaml:1: tools: must be a list"),
    ("tools:\n  - just text\n", "bad.yaml:1: tools[0]: must be a mapping (key: value lines)"),
    ("tools:\n  - name: No id\n", "bad.yaml:2: tools[0].id: missing id"),
    ("tracks:\n  - id: ds\n    requires:\n      - {level: core}\n", "bad.yaml:4: tracks[0].requires[0].skill: missing skill"),
    ("tracks:\n  - id: ds\n    requires:\n      - {skill: ci-cd, colour: red}\n",
     ("bad.yaml:4: tracks[0].requires[0].colour: unknown field (allowed: skill, level, group, min_of, weight, source, "
     "quote, reason, evidence, release)")),
    ("relationships:\n  - {from: ds, to: pm}\n", "bad.yaml:2: relationships[0].type: missing type"),
    ("relationships:\n  - {type: OVERLAPS_WITH, from: ds, to: pm, strength: soft}\n",
     ("bad.yaml:2: relationships[0].strength: unknown field for OVERLAPS_WITH (allowed: type, from, to, source, quote, "
     "reason, evidence, release)")),
    ("tracks:\n  - id: ds\n    mle: yes please\n", "bad.yaml:3: tracks[0].mle: must be true or false, not 'yes please'"),
    ("tools:\n  - id: kubernetes\n    name: ''\n", "bad.yaml:3: tools[0].name: must be text"),
    ("tools:\n  - id: kubernetes\n    aliases: python\n", "bad.yaml:3: tools[0].aliases: must be a list of names"),
    ("tools:\n  - id: polars2\n    skills: [data-analysis]\n", "bad.yaml:2: tools[0].name: new tool 'polars2' needs a name"),
    ("tools:\n  - id: polars2\n    name: P\n", "bad.yaml:2: tools[0].skills: tool 'polars2' is linked to no skill"),
    ("tools:\n  - id: kubernetes\n    source: article\n", "bad.yaml:3: tools[0].quote: a fact from the article must quote it"),
    ("tools:\n  - id: kubernetes\n    source: curated\n", "bad.yaml:3: tools[0].reason: a curated fact must give a reason"),
    ("tools:\n  - id: kubernetes\n    source: jd\n",
     "bad.yaml:3: tools[0].evidence: a fact from job descriptions must give its evidence"),
    ("tools:\n  - id: kubernetes\n    source: 3\n", "bad.yaml:3: tools[0].source: must be text"),
    ("tools:\n  - id: kubernetes\n    source: ''\n", "bad.yaml:3: tools[0].source: must be text"),
    ("tools:\n  - id: kubernetes\n    source: jd\n    evidence: {count: 1, track: Data Science}\n",
     "bad.yaml:4: tools[0].evidence: track must be a track id, not 'Data Science'"),
    ("tools:\n  - id: kubernetes\n    aliases: [true]\n", "bad.yaml:3: tools[0].aliases: must be a list of names"),
    ("relationships:\n  - {type: USES_TOOL, from: 3, to: docker}\n", "bad.yaml:2: relationships[0].from: missing from"),
    ("tracks:\n  - id: pm\n    requires:\n      - {skill: ci-cd, group: 3, min_of: 1}\n",
     "bad.yaml:4: tracks[0].requires[0].group: must be text"),
    ("layers:\n  - id: data\n    esco_uri: x\n",
     ("bad.yaml:3: layers[0].esco_uri: unknown field for a Layer (allowed: id, name, name_zh, aliases, description, "
      "source, quote, reason, evidence, release, order)")),
    ("relationships:\n  - {type: PREREQUISITE_OF, from: statistics, to: ml-lifecycle, strength: medium}\n",
     "bad.yaml:2: relationships[0].strength: must be one of hard, soft, not 'medium'"),
    ("tools:\n  - id: kubernetes\n    effort_hours: 1000000001\n",
     "bad.yaml:3: tools[0].effort_hours: must be a finite number from 0 to 1,000,000,000, not 1000000001"),
    ("tracks:\n  - id: pm\n    requires:\n      - {skill: ci-cd, weight: -1}\n",
     "bad.yaml:4: tracks[0].requires[0].weight: must be a finite number from 0 to 1,000,000,000, not -1"),
    ("tracks:\n  - id: pm\n    requires:\n      - {skill: 3}\n", "bad.yaml:4: tracks[0].requires[0].skill: missing skill"),
    ("tools: &a\n  - *a\n", "bad.yaml:1: a YAML alias refers to the anchor it is inside of"),
    ("tools:\n  - id: kubernetes\n    name: K\x07\n",
     "bad.yaml:3: not valid YAML: character U+0007 is not allowed in YAML (a control character): remove it"),
    ('a: "\\x"\n', "bad.yaml:1: not valid YAML: did not find expected hexdecimal number"),
    # Each of these was a change to the loader that no test noticed (tests/mutate.py).
    ("tools:\n  - id: kubernetes\n    source: esco\n",
     "bad.yaml:3: tools[0].release: a fact from ESCO must name its release (e.g. release: v1.2.0)"),
    ("tools:\n  - id: kubernetes\n    description: [a]\n", "bad.yaml:3: tools[0].description: must be text"),
    ("tools:\n  - id: kubernetes\n    esco_reason: 3\n", "bad.yaml:3: tools[0].esco_reason: must be text"),
    ("skills:\n  - id: s9\n    name: S9\n    layer: ' '\n", "bad.yaml:4: skills[0].layer: must be text"),
    ('tools:\n  - id: kubernetes\n    aliases: ["k\\n8s"]\n',
     "bad.yaml:3: tools[0].aliases: contains a control character (U+000A) at position 2: write printable text"),
    ("tools:\n  - name: X\n    id: Bad Id\n",
     "bad.yaml:3: tools[0].id: 'Bad Id' is not a valid id (lowercase letters, digits and '-')"),
    ("tracks:\n  - id: ds\n    name: DS\n    requires: x\n", "bad.yaml:4: tracks[0].requires: must be a list"),
    ("skills:\n  - id: programming\n    effort_hours: 90\n  - id: s9\n    name: S9\n",
     "bad.yaml:4: skills[1].layer: skill 's9' has no layer"),
]


@pytest.mark.parametrize("text,message", BAD_FILES)
def test_malformed_file_is_refused_whole(first_problem, text, message):
    assert first_problem(text) == message


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


def test_a_file_of_comments_only_changes_nothing(write, packaged_graph):
    g = load_graph([write("empty.yaml", "# nothing yet\n")])
    assert (g.nodes(), list(g.relationships())) == (packaged_graph.nodes(), list(packaged_graph.relationships()))


@pytest.mark.parametrize("given,kept", [("quote: read it somewhere", {"quote": "read it somewhere"}),
                                        ("evidence: {count: 2, total: 3}", {"evidence": {"count": 2, "total": 3}})])
def test_a_quote_or_evidence_without_a_source_is_kept_with_the_file_as_its_source(write, given, kept):
    path = write("q.yaml", "relationships:\n  - type: PREREQUISITE_OF\n    from: statistics\n"
                           f"    to: machine-learning\n    {given}\n")
    g = load_graph([path])
    assert g.relationship("PREREQUISITE_OF", "statistics", "machine-learning")["provenance"][1:] == [
        {"source": "q.yaml", **kept}]


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


def test_version_1_is_read(write):
    g = load_graph([write("v1.yaml", "version: 1\ntools:\n  - id: kubernetes\n    effort_hours: 20\n")])
    assert g.g.nodes["kubernetes"]["effort_hours"] == 20


def test_a_refusal_counts_the_other_problems(write):
    one_more = write("two.yaml", "tools:\n  - id: kubernetes\n    source: curated\n    reason: '  '\n")
    with pytest.raises(DataError) as e:
        load_graph([one_more])
    assert str(e.value) == (f"{one_more}:4: tools[0].reason: must be non-empty text "
                            "(and 1 more problem; `validate` lists them)")
    three = write("three.yaml", "tools:\n  - id: kubernetes\n    effort_hours: -1\n    mle: 1\n    url: 2\n")
    with pytest.raises(DataError) as e:
        load_graph([three])
    assert str(e.value).endswith(" (and 2 more problems; `validate` lists them)")
    _, problems = validate([three])
    assert [str(p).replace(three, "three.yaml") for p in problems] == [
        "three.yaml:3: tools[0].effort_hours: must be a finite number from 0 to 1,000,000,000, not -1",
        ("three.yaml:4: tools[0].mle: unknown field for a Tool (allowed: id, name, name_zh, aliases, description, "
        "source, quote, reason, evidence, release, skills, url, effort_hours, esco_uri, esco_reason)"),
        "three.yaml:5: tools[0].url: must be text"]


def test_validate_checks_article_quotes(write):
    path = write("quote.yaml", "tools:\n  - id: kubernetes\n    source: article\n    quote: Kubernetes is great\n")
    _, problems = validate([path])
    assert [str(p).replace(path, "quote.yaml") for p in problems] == [
        "quote.yaml:4: tools[0].quote: not found verbatim in the article"]
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["--data", path, "validate"])
    assert result.exit_code == 1
    assert f"{path}:4: tools[0].quote: not found verbatim in the article" in result.output


def test_a_data_file_changes_an_existing_relationship(write, packaged_graph):
    from kg.person import hard_prerequisites

    assert hard_prerequisites(packaged_graph, "ml-frameworks") == ["machine-learning"]
    path = write("soft.yaml", "relationships:\n  - {type: PREREQUISITE_OF, from: machine-learning, to: ml-frameworks, "
                              "strength: soft, reason: Frameworks can come first.}\n")
    g = load_graph([path])
    rel = g.relationship("PREREQUISITE_OF", "machine-learning", "ml-frameworks")
    assert (rel["strength"], rel["reason"]) == ("soft", "Frameworks can come first.")
    assert rel["provenance"] == [
        packaged_graph.relationship("PREREQUISITE_OF", "machine-learning", "ml-frameworks")["provenance"][0],
        {"source": "soft.yaml", "reason": "Frameworks can come first."}]
    assert hard_prerequisites(g, "ml-frameworks") == []
    # Naming the same fact twice records its provenance once.
    twice = write("twice.yaml", "relationships:\n  - {type: USES_TOOL, from: ml-frameworks, to: jax, reason: r}\n"
                                "  - {type: USES_TOOL, from: ml-frameworks, to: jax, reason: r}\n")
    rel = load_graph([twice]).relationship("USES_TOOL", "ml-frameworks", "jax")
    assert rel == {"type": "USES_TOOL", "provenance": [{"source": "twice.yaml", "reason": "r"}]}


def test_a_user_fact_with_a_reason_and_the_largest_number(write):
    path = write("ok.yaml", "tools:\n  - id: kubernetes\n    effort_hours: 1000000000\n    aliases: [8]\n"
                            "    reason: cheaper here\n")
    g = load_graph([path])
    node = g.g.nodes["kubernetes"]
    assert (node["effort_hours"], node["aliases"]) == (1_000_000_000, ["8"])
    assert node["provenance"][-1] == {"source": "ok.yaml", "reason": "cheaper here"}
    assert g.resolve("8") == "kubernetes"


def test_packaged_facts_need_a_source_even_with_a_reason():
    parsed = parse_data("tools:\n  - id: polars\n    name: Polars\n    reason: fast\n    skills: [data-analysis]\n",
                        "graph.yaml", None, article_text())
    assert [str(p) for p in parsed.problems] == [
        "graph.yaml:2: tools[0].source: missing provenance (source: article|curated|jd)"]


def test_a_new_tool_holds_only_its_own_fields(write):
    g = load_graph([write("new.yaml", "tools:\n  - id: polars\n    name: Polars\n    effort_hours: 12\n"
                                      "    skills: [data-analysis]\n")])
    assert g.g.nodes["polars"] == {"label": "Tool", "name": "Polars", "name_zh": "", "aliases": [], "description": "",
                                   "effort_hours": 12, "provenance": [{"source": "new.yaml"}]}
    assert g.relationship("USES_TOOL", "data-analysis", "polars") == {"type": "USES_TOOL",
                                                                      "provenance": [{"source": "new.yaml"}]}


def test_inline_requirements_inherit_their_tracks_reason(write):
    path = write("t.yaml", "tracks:\n  - id: pm\n    reason: PMs read the numbers.\n    requires:\n"
                           "      - {skill: statistics, level: bonus}\n      - sql\n")
    g = load_graph([path])
    why = [{"source": "t.yaml", "reason": "PMs read the numbers."}]
    assert g.relationship("REQUIRES", "pm", "statistics") == {"type": "REQUIRES", "level": "bonus", "provenance": why}
    assert g.relationship("REQUIRES", "pm", "sql") == {"type": "REQUIRES", "level": "core", "provenance": why}


def test_evidence_total_may_equal_count_and_bad_bytes_name_their_line(write, tmp_path):
    g = load_graph([write("ev.yaml", "tools:\n  - id: kubernetes\n    source: jd\n    evidence: {count: 2, total: 2}\n")])
    assert g.g.nodes["kubernetes"]["provenance"][-1] == {"source": "jd", "evidence": {"count": 2, "total": 2}}
    first = tmp_path / "nl.yaml"
    first.write_bytes(b"\n\xe9\n")
    with pytest.raises(DataError, match=f"^{first}:2: not UTF-8 text \\(byte 1\\); save the file as UTF-8$"):
        load_graph([first])


def test_the_edges_of_what_is_accepted(write):
    # Each bound is inclusive: 0 hours, weight 0, order 1, min_of 1, a count of 0 postings.
    path = write("edges.yaml", """\
layers:
  - id: data
    order: 1
tools:
  - id: kubernetes
    effort_hours: 0
    source: jd
    evidence: {count: 0, total: 5, track: infra-mle}
tracks:
  - id: pm
    requires:
      - {skill: ci-cd, weight: 0, group: g, min_of: 1}
skills:
  - id: esco-skill
    name: From a taxonomy
    source: esco
    release: v1.2.0
    esco_uri: http://data.europa.eu/esco/skill/abc
""")
    g = load_graph([path])
    assert g.node("data")["order"] == 1 and g.node("kubernetes")["effort_hours"] == 0
    assert g.node("kubernetes")["provenance"][-1]["evidence"] == {"count": 0, "total": 5, "track": "infra-mle"}
    assert {k: g.relationship("REQUIRES", "pm", "ci-cd")[k] for k in ("weight", "group", "min_of")} == {
        "weight": 0, "group": "g", "min_of": 1}
    assert g.layer_of("esco-skill") is None  # a taxonomy's skill needs no layer


def test_check_graph_finds_a_name_or_an_esco_uri_of_two_nodes():
    from kg.model import KnowledgeGraph

    why = [{"source": "curated", "reason": "r"}]
    g = KnowledgeGraph()
    g.add_node("a", "Skill", name="Spark", provenance=why, esco_uri="http://data.europa.eu/esco/skill/1")
    g.add_node("b", "Tool", name="B", aliases=["SPARK"], provenance=why, esco_uri="http://data.europa.eu/esco/skill/1")
    assert [str(p) for p in check_graph(g)] == [
        "graph: aliases: 'spark' names both 'a' and 'b'",
        "graph: esco_uri: http://data.europa.eu/esco/skill/1 is the ESCO URI of both 'a' and 'b'"]


def test_aliases_may_add_exactly_the_budget_and_no_more():
    from kg.loaders.curated import ALIAS_BUDGET, ShapeError, load_yaml

    def used_twice(n: int) -> str:  # a list of n numbers (n + 1 values) written once, used once more
        return "x: &x [" + ", ".join(map(str, range(n))) + "]\ny: [*x]\n"

    assert ALIAS_BUDGET == 10_000 and len(load_yaml(used_twice(9_999))["y"][0]) == 9_999
    with pytest.raises(ShapeError, match=r"^YAML aliases expand the file to 20,006 values, written as 10,005 "):
        load_yaml(used_twice(10_000))


def test_nesting_is_refused_just_past_the_limit():
    from kg.loaders.curated import MAX_DEPTH, ShapeError, load_yaml

    # the mapping is one level, each list another: MAX_DEPTH levels in all still load
    assert MAX_DEPTH == 64 and load_yaml("a: " + "[" * 63 + "]" * 63) is not None
    with pytest.raises(ShapeError, match="^nested deeper than 64 levels$"):
        load_yaml("a: " + "[" * 64 + "]" * 64)


@pytest.mark.parametrize("text,message", [
    ("tools:\n  - id: kubernetes\n    name_zh: 3\n", "bad.yaml:3: tools[0].name_zh: must be text"),
    ("tools:\n  - id: kubernetes\n    esco_uri: http://example.org/k8s\n    esco_reason: same thing\n",
     "bad.yaml:3: tools[0].esco_uri: must be an ESCO concept URI (http://data.europa.eu/esco/skill/<id>), "
     "not 'http://example.org/k8s'"),
    ("tools:\n  - id: kubernetes\n    esco_uri: http://data.europa.eu/esco/skill/k8s\n",
     "bad.yaml:3: tools[0].esco_reason: a link to ESCO must give its reason (esco_reason)"),
    ("tools:\n  - id: kubernetes\n    esco_uri: 5\n    esco_reason: same thing\n",
     "bad.yaml:3: tools[0].esco_uri: must be an ESCO concept URI (http://data.europa.eu/esco/skill/<id>), not 5"),
    ("tools:\n  - id: polars2\n    name: P\n    skills: [[data-analysis]]\n",
     "bad.yaml:4: tools[0].skills[0]: must be a mapping (key: value lines)"),
])
def test_text_and_esco_link_fields(first_problem, text, message):
    assert first_problem(text) == message


def test_a_tracks_requirements_are_relationships_not_a_property(write):
    path = write("t.yaml", "tracks:\n  - id: t9\n    name: T9\n    requires: [ci-cd]\n    source: t.yaml\n")
    g = load_graph([path])
    assert "requires" not in g.node("t9") and [n for n, _ in g.out("t9", "REQUIRES")] == ["ci-cd"]


def test_a_clash_names_the_field_it_is_written_in(write):
    path = write("clash.yaml", """\
tools:
  - id: k8s
    name: K8s the second
    skills: [cluster-management]
  - id: polars
    name: Polars
    name_zh: 编程
    skills: [data-analysis]
skills:
  - id: python
    name: Python again
    layer: data
  - id: s9
    layer: data
""")
    _, problems = validate([path])
    assert [str(p).replace(path, "clash.yaml") for p in problems] == [
        "clash.yaml:10: skills[0].id: 'python' is already a Tool, not a Skill",
        "clash.yaml:13: skills[1].name: new skill 's9' needs a name",  # checked after a clash, too
        "clash.yaml:2: tools[0].id: 'k8s' already names 'kubernetes': a name or alias must name one node",
        "clash.yaml:7: tools[1].name_zh: '编程' already names 'programming': a name or alias must name one node",
        "clash.yaml:12: skills[0].layer: 'python' is a Tool; the to end of HAS_SKILL must be a Skill"]
