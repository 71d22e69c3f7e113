"""Exact answers of plan, path and compare on the packaged graph, and invariants on every track pair."""
from __future__ import annotations

import itertools

import pytest

from kg.comparison import compare
from kg.errors import AmbiguousName, KGError, NodeNotFound, NoPath
from kg.paths import find_path, format_path
from kg.plan import make_plan

TRACKS = ["ds", "production-mle", "research-mle", "infra-mle", "data-engineer", "devops", "sde",
          "research-scientist", "pm"]


def test_plan_ds_to_infra_mle_exact(packaged_graph):
    plan = make_plan(packaged_graph, "DS", "Infra MLE")
    assert [(s["id"], s["hours"]) for s in plan["steps"]] == [
        ("data-pipeline", 80), ("cloud-computing", 65), ("software-engineering", 95), ("ci-cd", 35),
        ("orchestration", 42)]
    assert plan["total_hours"] == 317
    assert plan["known"] == ["data-analysis", "machine-learning", "programming", "statistics"]
    steps = {s["skill"]: s for s in plan["steps"]}
    assert steps["software-engineering"]["reason"] == "prerequisite of CI/CD"
    assert steps["data-pipeline"]["reason"] == "core skill of Infra MLE; prerequisite of Orchestration"
    assert steps["orchestration"]["prerequisites"] == ["data-pipeline"]
    assert steps["ci-cd"]["tools"] == ["jenkins", "github-actions", "gitlab-ci", "argo"]


def test_plan_entry_level_takes_the_cheapest_two_of_three(packaged_graph):
    plan = make_plan(packaged_graph, "DS", "Production MLE", level="entry")
    assert [s["id"] for s in plan["steps"]] == ["ml-frameworks", "cloud-computing"]
    assert plan["total_hours"] == 135
    assert plan["steps"][0]["reason"] == "core skill of Production MLE (2 of 3 in 'core-three', cheapest)"
    # An SDE must learn machine learning anyway (curated ML fundamentals), so frameworks
    # cost only their own 70 hours: cheaper than a pipeline.
    sde = make_plan(packaged_graph, "SDE", "Production MLE", level="entry")
    assert [s["id"] for s in sde["steps"]] == ["statistics", "machine-learning", "ml-frameworks", "cloud-computing"]
    assert sde["total_hours"] == 345
    full = make_plan(packaged_graph, "DS", "Production MLE")
    assert [s["id"] for s in full["steps"]] == ["data-pipeline", "ml-frameworks", "cloud-computing"]


def test_plan_know_and_bonus(packaged_graph):
    # Knowing Docker and Kubernetes is knowing two tools, not Containerization and Cluster management.
    plan = make_plan(packaged_graph, "DS", "Production MLE", level="entry", know=["docker", "kubernetes"],
                     with_bonus=True)
    assert [(s["id"], s["hours"]) for s in plan["steps"]] == [
        ("ml-frameworks", 70), ("gpu-acceleration", 60), ("cloud-computing", 65), ("domain-knowledge", 85),
        ("software-engineering", 95), ("containerization", 15), ("model-serving", 40), ("cluster-management", 51)]
    assert plan["already_have"] == ["machine-learning"]
    assert plan["known_via"]["docker"] == "docker" and "containerization" not in plan["known"]
    steps = {s["id"]: s for s in plan["steps"]}
    assert steps["cluster-management"]["partly_known"] == ["kubernetes"]
    assert steps["cluster-management"]["reason"] == "bonus skill of Production MLE; partly known: Kubernetes"
    assert plan["total_hours"] == 481


def test_plan_know_removes_planned_skills(packaged_graph):
    plan = make_plan(packaged_graph, "DS", "Infra MLE", know=["Data pipeline", "github actions"])
    assert [(s["id"], s["hours"]) for s in plan["steps"]] == [
        ("cloud-computing", 65), ("software-engineering", 95), ("ci-cd", 31), ("orchestration", 42)]
    assert plan["already_have"] == ["data-pipeline", "machine-learning"]


def test_plan_from_nothing_includes_every_prerequisite(packaged_graph):
    plan = make_plan(packaged_graph, None, "ds")
    assert [s["id"] for s in plan["steps"]] == ["programming", "data-analysis", "statistics", "machine-learning"]


def test_plan_to_own_track_is_empty(packaged_graph):
    plan = make_plan(packaged_graph, "infra-mle", "infra-mle")
    assert plan["steps"] == [] and plan["total_hours"] == 0


def test_plan_rejects_non_tracks(packaged_graph):
    with pytest.raises(NodeNotFound, match=r"^no track named 'kubernetes' \('Kubernetes' \(kubernetes\) is a Tool\)$"):
        make_plan(packaged_graph, "kubernetes", "ds")
    with pytest.raises(KGError, match="unknown level 'senior'"):
        make_plan(packaged_graph, "ds", "pm", level="senior")


@pytest.mark.parametrize("a,b", list(itertools.product(TRACKS, TRACKS)))
def test_plan_invariants_on_every_track_pair(packaged_graph, a, b):
    g = packaged_graph
    for level, bonus in (("full", False), ("entry", False), ("full", True)):
        plan = make_plan(g, a, b, level=level, with_bonus=bonus)
        order = [s["id"] for s in plan["steps"]]
        assert len(order) == len(set(order))
        known = set(plan["known"])
        for i, step in enumerate(plan["steps"]):
            # every prerequisite of a step (hard or soft) that is in the plan comes earlier
            for pre, props in g.into(step["id"], "PREREQUISITE_OF"):
                if pre in order:
                    assert order.index(pre) < i, (a, b, pre, step["id"])
                elif props["strength"] == "hard":
                    assert pre in known, (a, b, pre, step["id"])
        required = dict(g.out(plan["to"], "REQUIRES"))
        if level == "full":
            for s, p in required.items():
                if p["level"] == "core" or bonus:
                    assert s in known or s in order, (a, b, s)
        else:
            groups = {}
            for s, p in required.items():
                if p.get("group"):
                    groups.setdefault(p["group"], []).append((s, p["min_of"]))
            for members in groups.values():
                covered = sum(1 for s, _ in members if s in known or s in order)
                assert covered >= min(members[0][1], len(members))
        assert plan["total_hours"] == sum(s["hours"] for s in plan["steps"])
        if g.g.nodes[b].get("mle") and a not in ("research-scientist", "ds", "research-mle", "production-mle",
                                                 "infra-mle"):
            # ML fundamentals and their hard prerequisites come with every MLE plan.
            assert {"machine-learning", "statistics"} <= set(order), (a, b, level)


def test_path_ds_to_infra_mle(packaged_graph):
    p = find_path(packaged_graph, "DS", "Infra MLE")
    assert [n["id"] for n in p["nodes"]] == ["ds", "production-mle", "infra-mle"]
    assert p["relationships"] == [
        {"type": "TRANSITIONS_TO", "start": "ds", "end": "production-mle"},
        {"type": "TRANSITIONS_TO", "start": "production-mle", "end": "infra-mle"}]
    assert p["length"] == 2
    assert format_path(p) == ("Data Scientist (Track) -[TRANSITIONS_TO]-> Production MLE (Track) "
                              "-[TRANSITIONS_TO]-> Infra MLE (Track)")


def test_path_undirected_walks_against_arrows(packaged_graph):
    p = find_path(packaged_graph, "pytorch", "kubernetes", via="skill", all_paths=True)
    assert p["count"] == 1
    assert format_path(p) == (
        "PyTorch (Tool) <-[USES_TOOL]- ML frameworks (Skill) -[PREREQUISITE_OF]-> Model serving (Skill) "
        "<-[PREREQUISITE_OF]- Containerization (Skill) -[PREREQUISITE_OF]-> Cluster management (Skill) "
        "-[USES_TOOL]-> Kubernetes (Tool)")
    with pytest.raises(KGError, match=r"^unknown label 'skil' for --via \(one of: Track, Layer, Skill, Tool\)$"):
        find_path(packaged_graph, "pytorch", "kubernetes", via="skil")


def test_path_directed_and_no_path(packaged_graph):
    p = find_path(packaged_graph, "infra-mle", "kubernetes", directed=True)
    assert [n["id"] for n in p["nodes"]] == ["infra-mle", "cluster-management", "kubernetes"]
    with pytest.raises(NoPath, match=r"^no path from 'Kubernetes' \(kubernetes\) to 'Infra MLE' \(infra-mle\); "
                                     r"try without --directed$"):
        find_path(packaged_graph, "kubernetes", "infra-mle", directed=True)


def test_path_all_shortest(packaged_graph):
    p = find_path(packaged_graph, "DS", "Infra MLE", all_paths=True)
    assert p["count"] == len(p["paths"]) >= 2
    assert all(q["length"] == 2 for q in p["paths"])
    assert ["ds", "production-mle", "infra-mle"] in [[n["id"] for n in q["nodes"]] for q in p["paths"]]


def test_path_weighted_prefers_less_effort(packaged_graph):
    p = find_path(packaged_graph, "statistics", "kubernetes", weighted=True)
    assert [n["id"] for n in p["nodes"]] == ["statistics", "algorithm", "production-mle", "cluster-management",
                                             "kubernetes"]
    assert p["effort_hours"] == 123
    plain = find_path(packaged_graph, "statistics", "kubernetes")
    assert plain["length"] == 4 and "effort_hours" not in plain


def test_compare_production_and_infra(packaged_graph):
    c = compare(packaged_graph, "Production MLE", "Infra MLE")
    assert c["shared"] == ["data-pipeline", "machine-learning", "cloud-computing", "cluster-management"]
    assert c["only_a"] == ["ml-frameworks", "gpu-acceleration", "model-serving", "domain-knowledge"]
    assert c["only_b"] == ["containerization", "orchestration", "ci-cd", "infrastructure-as-code", "monitoring",
                           "ml-lifecycle"]
    assert c["similarity"] == round(4 / 14, 3)
    assert c["by_layer"]["control"] == {"shared": ["cluster-management"], "only_a": [],
                                        "only_b": ["orchestration", "ci-cd", "infrastructure-as-code",
                                                   "monitoring", "ml-lifecycle"]}


@pytest.mark.parametrize("name,expected", [
    ("DS", "ds"), ("Data Scientist", "ds"), ("数据科学家", "ds"), ("MLOps Engineer", "infra-mle"),
    ("k8s", "kubernetes"), ("K8S", "kubernetes"), ("sklearn", "scikit-learn"), ("infra mle", "infra-mle"),
    ("Infra-MLE", "infra-mle"), ("PySpark", "spark"), ("阿里云", "alibaba-cloud"), ("C++", "cpp"),
    ("Golang", "go"), ("R", "r"), ("production", "production-mle"),
])
def test_names_resolve(packaged_graph, name, expected):
    assert packaged_graph.resolve(name) == expected


def test_unknown_and_ambiguous_names(packaged_graph):
    with pytest.raises(NodeNotFound) as e:
        packaged_graph.resolve("Infra MLEE")
    assert str(e.value) == ("no node named 'Infra MLEE' — did you mean 'Infra MLE' (infra-mle) or "
                            "'Infrastructure as code' (infrastructure-as-code)?")
    with pytest.raises(AmbiguousName) as e:
        packaged_graph.resolve("mle")
    assert e.value.candidates == ["infra-mle", "production-mle", "research-mle"]
    assert str(e.value) == ("'mle' is ambiguous: it could be 'Infra MLE' (infra-mle) [Track], 'Production MLE' "
                            "(production-mle) [Track], 'Research MLE' (research-mle) [Track]; use the id")
    with pytest.raises(NodeNotFound, match="^an empty name names no node$"):
        packaged_graph.resolve("  ")
