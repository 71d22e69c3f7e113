"""The real `kg` command: exit codes, exact lines, JSON shapes, languages, data files."""
from __future__ import annotations

import json


def test_plan_table(kg_process):
    r = kg_process("plan", "--from", "DS", "--to", "Infra MLE")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == "Plan: Data Scientist -> Infra MLE (full)"
    assert lines[1] == "Already have: Machine learning"
    assert lines[2].split() == ["#", "Learn", "Layer", "Hours", "Tools", "Why"]
    assert [line.split("  ")[1].strip() for line in lines[4:9]] == [
        "Data pipeline", "Cloud computing", "Software engineering", "CI/CD", "Orchestration"]
    assert lines[-1] == "Total: 317 hours in 5 steps"
    assert r.err == ""


def test_plan_json_shape(kg_run):
    r = kg_run("plan", "--from", "DS", "--to", "Infra MLE", "--know", "docker,kubernetes", "--json")
    data = json.loads(r.out)
    assert {"from", "to", "known", "steps", "total_hours"} <= set(data)
    assert data["from"] == "ds" and data["to"] == "infra-mle"
    # Tools are known as tools: Docker does not make Containerization known.
    assert {"docker", "kubernetes"} <= set(data["known"]) and "containerization" not in data["known"]
    step = data["steps"][0]
    assert set(step) == {"step", "id", "skill", "kind", "name", "layer", "tools", "skills", "hours", "effort_hours",
                         "hours_known", "partly_known", "prerequisites", "known_prerequisites", "reasons", "reason",
                         "demand"}
    assert step == {**step, "id": "data-pipeline", "kind": "skill", "tools": ["sql", "spark", "airflow", "snowflake", "dbt"],
                    "hours": 80, "effort_hours": 80, "partly_known": []}
    assert data["total_hours"] == sum(s["hours"] for s in data["steps"]) == 317
    assert data["warnings"] == []


def test_path_text_and_json(kg_run):
    r = kg_run("path", "DS", "Infra MLE")
    assert r.out.splitlines() == [
        "Data Scientist (Track) -[TRANSITIONS_TO]-> Production MLE (Track) -[TRANSITIONS_TO]-> Infra MLE (Track)",
        "length 2"]
    data = json.loads(kg_run("path", "DS", "Infra MLE", "--json").out)
    assert data["nodes"] == [{"id": "ds", "label": "Track", "name": "Data Scientist"},
                             {"id": "production-mle", "label": "Track", "name": "Production MLE"},
                             {"id": "infra-mle", "label": "Track", "name": "Infra MLE"}]
    assert data["relationships"][0] == {"type": "TRANSITIONS_TO", "start": "ds", "end": "production-mle"}
    assert data["length"] == 2


def test_compare_json_and_table(kg_run):
    data = json.loads(kg_run("compare", "Production MLE", "Infra MLE", "--json").out)
    assert data["a"] == "production-mle" and data["b"] == "infra-mle"
    assert data["shared"] == ["data-pipeline", "machine-learning", "cloud-computing", "cluster-management"]
    assert data["similarity"] == 0.286
    r = kg_run("compare", "Production MLE", "Infra MLE")
    assert r.out.splitlines()[-1] == ("Similarity (Jaccard): 0.29 — 4 shared, 4 only Production MLE, "
                                      "6 only Infra MLE")


def test_show_with_provenance(kg_run):
    r = kg_run("show", "k8s")
    lines = r.out.splitlines()
    assert lines[0] == "Kubernetes (Tool, id: kubernetes)"
    assert "  Source:  article: “Cluster management(比如Kubernetes)”" in lines
    data = json.loads(kg_run("show", "kubernetes", "--json").out)
    assert data["id"] == "kubernetes" and data["label"] == "Tool"
    assert data["provenance"] == [{"source": "article", "quote": "Cluster management(比如Kubernetes)"}]
    assert [(x["type"], x["direction"], x["other"]) for x in data["relationships"]] == [
        ("USES_TOOL", "in", "cluster-management")]


def test_search_list_stats(kg_run):
    hits = json.loads(kg_run("search", "mlops", "--json").out)
    assert [(h["id"], h["matched"]) for h in hits] == [("ml-lifecycle", "name"), ("infra-mle", "name")]
    skills = json.loads(kg_run("list", "skills", "--json").out)
    assert len(skills) == 25 and skills[0]["id"] == "data-analysis"
    r = kg_run("stats")
    assert r.out.splitlines()[0] == "89 nodes: 9 Track, 4 Layer, 25 Skill, 51 Tool"
    assert kg_run("search", "zzzz").out == "No node matches 'zzzz'.\n"


def test_chinese_names_throughout(kg_run):
    r = kg_run("--lang", "zh", "plan", "--from", "数据科学家", "--to", "MLOps Engineer")
    assert r.out.splitlines()[0] == "Plan: 数据科学家 -> 基础设施型MLE (full)"
    assert r.out.splitlines()[1] == "Already have: 机器学习"
    assert "数据管道" in r.out.splitlines()[4]
    assert r.out.splitlines()[4].rstrip().endswith("基础设施型MLE 的核心技能; 编排 的前置技能")  # reasons too
    data = json.loads(kg_run("--lang", "zh", "path", "DS", "Infra MLE", "--json").out)
    assert [n["name"] for n in data["nodes"]] == ["数据科学家", "生产型MLE", "基础设施型MLE"]


def test_unknown_name_is_one_line_exit_1(kg_process):
    r = kg_process("path", "Infra MLEE", "ds")
    assert r.code == 1
    assert r.out == ""
    assert r.err == ("Error: no node named 'Infra MLEE' — did you mean 'Infra MLE' (infra-mle) or "
                     "'Infrastructure as code' (infrastructure-as-code)?\n")


def test_ambiguous_name_lists_candidates(kg_run):
    r = kg_run("show", "mle")
    assert r.code == 1
    assert r.err == ("Error: 'mle' is ambiguous: it could be 'Infra MLE' (infra-mle) [Track], 'Production MLE' "
                     "(production-mle) [Track], 'Research MLE' (research-mle) [Track]; use the id\n")


def test_usage_error_is_exit_2(kg_process):
    r = kg_process("plan", "--from", "DS")
    assert r.code == 2
    assert "Error: Missing option '--to'." in r.err


def test_data_file_and_env_var(kg_run, write):
    path = write("mine.yaml", "tools:\n  - id: polars\n    name: Polars\n    skills: [data-analysis]\n")
    r = kg_run("--data", path, "show", "polars")
    assert r.out.splitlines()[0] == "Polars (Tool, id: polars)"
    assert "  Source:  mine.yaml" in r.out.splitlines()
    r = kg_run("show", "polars", env={"KG_DATA": path})
    assert r.code == 0 and r.out.splitlines()[0] == "Polars (Tool, id: polars)"


def test_malformed_data_file_exit_1_one_line(kg_run, write):
    path = write("bad.yaml", "skills:\n  - id: spark2\n    name: Spark 2\n")
    r = kg_run("--data", path, "list", "skills")
    assert r.code == 1 and r.out == ""
    assert r.err == f"Error: {path}:2: skills[0].layer: skill 'spark2' has no layer\n"


def test_validate(kg_run, write):
    r = kg_run("validate")
    assert (r.code, r.out) == (0, "OK: packaged data: 89 nodes, 201 relationships, no problems\n")
    bad = write("bad.yaml", "tools:\n  - id: x1\n    name: X\n    skills: [nope]\n    url: 3\n")
    r = kg_run("--data", bad, "validate")
    assert r.code == 1
    assert r.err.splitlines() == [f"{bad}:5: tools[0].url: must be text", f"{bad}:4: tools[0].skills[0]: no skill 'nope'",
                                  "Error: 2 problems found"]


def test_python_dash_m_and_version(kg_process):
    r = kg_process("--version")
    assert r.code == 0 and r.out.startswith("kg, version 0.1.0")


def test_bad_know_name_warns_and_strict_exits_1(kg_run):
    r = kg_run("plan", "--from", "ds", "--to", "infra-mle", "--know", "kubernets,jupyter,docker")
    assert r.code == 0
    assert r.err.splitlines() == [
        ("Warning: unknown --know item 'kubernets': no skill or tool or track named 'kubernets' — did you mean "
        "'Kubernetes' (kubernetes)?"),
        "Warning: unknown --know item 'jupyter': no skill or tool or track named 'jupyter'; `kg search TEXT` finds names"]
    assert r.out.splitlines()[-1] == "Total: 317 hours in 5 steps"
    r = kg_run("plan", "--from", "ds", "--to", "infra-mle", "--know", "jupyter,docker", "--strict")
    assert (r.code, r.out) == (1, "")
    assert r.err == ("Error: unknown --know item 'jupyter': no skill or tool or track named 'jupyter'; "
                     "`kg search TEXT` finds names (--strict)\n")


def test_broken_pipe_is_quiet():
    import subprocess
    import sys

    proc = subprocess.run(f"'{sys.executable}' -m kg list tools | head -1", shell=True, capture_output=True, check=False, text=True)
    assert proc.stdout.startswith("id") and proc.stderr == ""
