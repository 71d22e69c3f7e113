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
    assert plan["from"] is None and plan["to"] == "ds"


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
    assert (p["from"], p["to"], p["directed"], p["weighted"]) == ("ds", "infra-mle", False, False)
    assert format_path(p) == ("Data Scientist (Track) -[TRANSITIONS_TO]-> Production MLE (Track) "
                              "-[TRANSITIONS_TO]-> Infra MLE (Track)")


def test_path_undirected_walks_against_arrows(packaged_graph):
    p = find_path(packaged_graph, "pytorch", "kubernetes", via="skill", all_paths=True)
    assert p["count"] == 1
    assert format_path(p) == (
        "PyTorch (Tool) <-[USES_TOOL]- ML frameworks (Skill) -[PREREQUISITE_OF]-> Model serving (Skill) "
        "<-[PREREQUISITE_OF]- Containerization (Skill) -[PREREQUISITE_OF]-> Cluster management (Skill) "
        "-[USES_TOOL]-> Kubernetes (Tool)")
    with pytest.raises(KGError, match=r"^unknown label 'skil' for `via=` \(one of: Track, Layer, Skill, Tool\)$"):
        find_path(packaged_graph, "pytorch", "kubernetes", via="skil")


def test_path_directed_and_no_path(packaged_graph):
    p = find_path(packaged_graph, "infra-mle", "kubernetes", directed=True)
    assert [n["id"] for n in p["nodes"]] == ["infra-mle", "cluster-management", "kubernetes"]
    with pytest.raises(NoPath, match=r"^no path from 'Kubernetes' \(kubernetes\) to 'Infra MLE' \(infra-mle\); "
                                     r"try without `directed=True`$"):
        find_path(packaged_graph, "kubernetes", "infra-mle", directed=True)


def test_path_all_shortest(packaged_graph):
    p = find_path(packaged_graph, "DS", "Infra MLE", all_paths=True)
    assert p["count"] == len(p["paths"]) >= 2
    assert all(q["length"] == 2 for q in p["paths"])
    assert ["ds", "production-mle", "infra-mle"] in [[n["id"] for n in q["nodes"]] for q in p["paths"]]


def test_path_weighted_prefers_less_effort(packaged_graph):
    # Statistics -> Data pipeline: two steps through Programming (100 + 80 hours), or three
    # through effort-free layer and track nodes into Data pipeline (80 hours).
    plain = find_path(packaged_graph, "statistics", "data-pipeline")
    assert [n["id"] for n in plain["nodes"]] == ["statistics", "programming", "data-pipeline"]
    assert plain["length"] == 2 and plain["weighted"] is False and "effort_hours" not in plain
    p = find_path(packaged_graph, "statistics", "data-pipeline", weighted=True)
    assert [n["id"] for n in p["nodes"]] == ["statistics", "algorithm", "production-mle", "data-pipeline"]
    assert p["length"] == 3 and p["weighted"] is True
    assert p["effort_hours"] == 80
    p = find_path(packaged_graph, "statistics", "kubernetes", weighted=True)
    assert [n["id"] for n in p["nodes"]] == ["statistics", "algorithm", "production-mle", "cluster-management",
                                             "kubernetes"]
    assert p["effort_hours"] == 123
    plain = find_path(packaged_graph, "statistics", "kubernetes")
    assert plain["length"] == 4 and "effort_hours" not in plain


def test_path_weighted_among_effort_free_routes_takes_the_shorter(packaged_graph):
    # Every node between two tracks is effort-free: each step still costs an hour.
    p = find_path(packaged_graph, "pm", "infra-mle", weighted=True)
    assert [n["id"] for n in p["nodes"]] == [n["id"] for n in find_path(packaged_graph, "pm", "infra-mle")["nodes"]]
    assert p["effort_hours"] == 0
    # Two routes of 10 hours: through two 5-hour skills (3 steps), or through three effort-free
    # skills and a 10-hour one (5 steps). The effort-free steps cost an hour each, so the first wins.
    from kg.model import KnowledgeGraph

    g = KnowledgeGraph()
    for n, hours in [("a", 0), ("x", 0), ("y", 0), ("z", 0), ("s2", 10), ("s1", 5), ("s3", 5), ("b", 0)]:
        g.add_node(n, "Skill", name=n.upper(), effort_hours=hours)
    for u, v in [("a", "x"), ("x", "y"), ("y", "z"), ("z", "s2"), ("s2", "b"), ("a", "s1"), ("s1", "s3"), ("s3", "b")]:
        g.add_relationship("PREREQUISITE_OF", u, v)
    p = find_path(g, "a", "b", weighted=True)
    assert ([n["id"] for n in p["nodes"]], p["effort_hours"]) == (["a", "s1", "s3", "b"], 10)


def test_a_required_tool_follows_the_first_of_its_skills_in_the_plan():
    from kg.model import KnowledgeGraph

    g = KnowledgeGraph()
    g.add_node("data", "Layer", name="Data", order=1)
    g.add_node("control", "Layer", name="Control", order=4)
    for skill, layer, hours in [("a", "data", 10), ("b", "control", 5), ("c", "control", 7)]:
        g.add_node(skill, "Skill", name=skill.upper(), effort_hours=hours)
        g.add_relationship("HAS_SKILL", layer, skill)
    # tab's first skill is b, but a comes first in the plan; tc's skill c is not in the plan.
    for tool, skills, hours in [("ta", ["a"], 3), ("tab", ["b", "a"], 1), ("tc", ["c"], 2)]:
        g.add_node(tool, "Tool", name=tool.upper(), effort_hours=hours)
        for skill in skills:
            g.add_relationship("USES_TOOL", skill, tool)
    g.add_node("t", "Track", name="T")
    g.add_relationship("FOCUSES_ON", "t", "data")
    for n in ("b", "tc", "ta", "tab", "a"):
        g.add_relationship("REQUIRES", "t", n)
    # After a, its tools by hours; tc among the skills by its skill's layer (Control) and hours.
    assert [(s["id"], s["reason"]) for s in make_plan(g, None, "t")["steps"]] == [
        ("a", "core skill of T"), ("tab", "core tool of T; part of A"), ("ta", "core tool of T; part of A"),
        ("tc", "core tool of T"), ("b", "core skill of T")]


def test_a_plan_on_no_layer_follows_each_prerequisite_in_the_plan_past_those_it_skips():
    from kg.model import KnowledgeGraph

    g = KnowledgeGraph()
    for skill, hours in [("k", 3), ("opt", 1), ("a", 10), ("b", 5)]:
        g.add_node(skill, "Skill", name=skill.upper(), effort_hours=hours)
    g.add_node("t", "Track", name="T")  # no layer: a taxonomy's occupation
    # b's prerequisites in order: k (known, not a step), opt (optional: not followed), a (followed).
    for skill in ("k", "opt", "a"):
        g.add_relationship("PREREQUISITE_OF", skill, "b", strength="soft")
    for skill, level in [("a", "core"), ("b", "core"), ("opt", "bonus")]:
        g.add_relationship("REQUIRES", "t", skill, level=level)
    plan = make_plan(g, None, "t", know=["k"], with_bonus=True)
    assert [s["id"] for s in plan["steps"]] == ["a", "b", "opt"]  # b alone (5 hours) would go before a (10)


def test_a_plan_on_no_layer_puts_a_core_skill_s_hard_prerequisites_with_the_essentials():
    from kg.model import KnowledgeGraph

    g = KnowledgeGraph()
    for skill, hours in [("h", 10), ("c", 5), ("opt", 1), ("x", None)]:
        g.add_node(skill, "Skill", name=skill.upper(), **({} if hours is None else {"effort_hours": hours}))
    g.add_node("t", "Track", name="T")
    g.add_relationship("PREREQUISITE_OF", "h", "c", strength="hard")
    for skill, level in [("c", "core"), ("opt", "bonus"), ("x", "bonus")]:
        g.add_relationship("REQUIRES", "t", skill, level=level)
    plan = make_plan(g, None, "t", with_bonus=True)
    # h (10 hours) is essential as c's hard prerequisite: before the cheaper optional steps.
    assert [(s["id"], s["reason"]) for s in plan["steps"]] == [
        ("h", "prerequisite of C"), ("c", "core skill of T"), ("x", "bonus skill of T; hours unknown"),
        ("opt", "bonus skill of T")]
    assert plan["notes"][1] == "1 of 4 steps have no learning hours (the data gives none); the total counts the others"


def test_the_two_ended_search_finds_networkx_s_path_between_every_pair(packaged_graph):
    import networkx as nx

    from kg.paths import shortest_path

    ids = packaged_graph.ids()
    for directed in (False, True):
        g = packaged_graph.for_networkx(directed)
        forward, backward = packaged_graph.adjacency(directed)
        for a, b in itertools.product(ids, ids):
            try:
                expected = nx.shortest_path(g, a, b)
            except nx.NetworkXNoPath:
                expected = None
            try:
                found = shortest_path(forward, backward, a, b)
            except nx.NetworkXNoPath:
                found = None
            assert found == expected, (directed, a, b)


def test_a_path_from_a_node_to_itself_is_that_node(packaged_graph):
    p = find_path(packaged_graph, "sql", "SQL")
    assert (p["nodes"], p["relationships"], p["length"]) == ([{"id": "sql", "label": "Tool", "name": "SQL"}], [], 0)


class _Server:
    """A database's shortest path: what it was asked, and the answer it gives."""

    def __init__(self, answer):
        self.answer, self.asked = answer, []

    def shortest_path(self, a, b, *, directed):
        self.asked.append((a, b, directed))
        return self.answer


def test_a_plain_path_is_the_server_s_and_the_rest_are_computed_here(packaged_graph):
    # Of the shortest paths the server may give the one it gives is described (not networkx's choice).
    server = _Server({"nodes": [{"id": "ds"}, {"id": "production-mle"}, {"id": "infra-mle"}]})
    p = find_path(packaged_graph, "DS", "Infra MLE", directed=True, store=server)
    assert server.asked == [("ds", "infra-mle", True)]
    assert (format_path(p), p["server"], p["weighted"], p["directed"], p["from"], p["to"]) == (
        "Data Scientist (Track) -[TRANSITIONS_TO]-> Production MLE (Track) -[TRANSITIONS_TO]-> Infra MLE (Track)",
        True, False, True, "ds", "infra-mle")
    for options in ({"weighted": True}, {"all_paths": True}, {"via": "Skill,Track"}):
        p = find_path(packaged_graph, "DS", "Infra MLE", store=server, **options)
        assert "server" not in p and server.asked == [("ds", "infra-mle", True)], options
    with pytest.raises(NoPath, match=r"^no path from 'Data Scientist' \(ds\) to 'Infra MLE' \(infra-mle\)"):
        find_path(packaged_graph, "DS", "Infra MLE", store=_Server(None))


def test_path_via_several_labels(packaged_graph):
    # "Skill,Tracks" (a list, a plural) lets the path cross a track, which "skill" alone does not.
    p = find_path(packaged_graph, "pytorch", "kubernetes", via=["Skill", "Tracks"])
    assert format_path(p) == (
        "PyTorch (Tool) <-[USES_TOOL]- ML frameworks (Skill) <-[REQUIRES]- Production MLE (Track) "
        "-[REQUIRES]-> Cluster management (Skill) -[USES_TOOL]-> Kubernetes (Tool)")
    assert find_path(packaged_graph, "pytorch", "kubernetes", via="skill, track")["nodes"] == p["nodes"]
    assert find_path(packaged_graph, "pytorch", "kubernetes", via="skill")["length"] == 5
    with pytest.raises(NoPath, match=r"^no path from 'PyTorch' \(pytorch\) to 'Kubernetes' \(kubernetes\); "
                                     r"try without `via=`$"):
        find_path(packaged_graph, "pytorch", "kubernetes", via="track,layer")
    with pytest.raises(NoPath, match=r"; try without `directed=True` or without `via=`$"):
        find_path(packaged_graph, "pytorch", "kubernetes", via="track,layer", directed=True)


def _two_way_graph():
    from kg.model import KnowledgeGraph

    g = KnowledgeGraph()
    g.add_node("t1", "Track", name="One")
    g.add_node("t2", "Track", name="Two")
    g.add_node("t3", "Track", name="Three")
    g.add_relationship("OVERLAPS_WITH", "t2", "t1")
    g.add_relationship("TRANSITIONS_TO", "t1", "t2")
    g.add_relationship("OVERLAPS_WITH", "t2", "t3")
    g.add_relationship("OVERLAPS_WITH", "t3", "t2")
    return g


def test_two_relationships_between_one_pair():
    g = _two_way_graph()
    # Walking t2 -> t1: the earlier type in the schema's order names the step, whatever its direction.
    p = find_path(g, "t2", "t1")
    assert p["relationships"] == [{"type": "TRANSITIONS_TO", "start": "t1", "end": "t2"}]
    assert format_path(p) == "Two (Track) <-[TRANSITIONS_TO]- One (Track)"
    # Directed, only the relationship that points the walking way counts.
    p = find_path(g, "t2", "t1", directed=True)
    assert p["relationships"] == [{"type": "OVERLAPS_WITH", "start": "t2", "end": "t1"}]
    # One type both ways: the one pointing the walking way.
    assert find_path(g, "t3", "t2")["relationships"] == [{"type": "OVERLAPS_WITH", "start": "t3", "end": "t2"}]
    assert find_path(g, "t2", "t3")["relationships"] == [{"type": "OVERLAPS_WITH", "start": "t2", "end": "t3"}]


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
    for only_separators, what in (("-", "node"), (" _./ ", "node")):
        with pytest.raises(NodeNotFound) as e:
            packaged_graph.resolve(only_separators)
        assert str(e.value) == f"no {what} named '{only_separators}'"
    with pytest.raises(NodeNotFound, match=r"^no skill named '-'$"):
        packaged_graph.resolve("-", "Skill")


def test_each_resolver_tier_decides(packaged_graph):
    from kg.resolve import normalize, squash

    assert normalize("  Infra   MLE ") == "infra mle" and squash(" Infra_MLE ") == "inframle"
    g = packaged_graph
    # Exact names, where the words alone would name two nodes (Machine learning, ML frameworks).
    assert g.resolve("Machine learning") == "machine-learning"
    assert g.resolve("机器学习") == "machine-learning" and g.resolve("深度学习") == "deep-learning"
    # Separator-free: no exact spelling and no whole word matches.
    assert g.resolve("InfraMLE") == "infra-mle" and g.resolve("scikitlearn") == "scikit-learn"
    # Whole words, in any order.
    assert g.resolve("pipeline data") == "data-pipeline"
    assert g.resolve("cluster", "Skill") == "cluster-management"


def test_a_two_way_ambiguity(packaged_graph):
    with pytest.raises(AmbiguousName) as e:
        packaged_graph.resolve("boosting")
    assert e.value.candidates == ["lightgbm", "xgboost"]
    assert str(e.value) == ("'boosting' is ambiguous: it could be 'LightGBM' (lightgbm) [Tool], "
                            "'XGBoost' (xgboost) [Tool]; use the id")


def test_ambiguity_on_the_exact_and_the_separator_free_tiers():
    from kg.model import KnowledgeGraph

    g = KnowledgeGraph()
    g.add_node("a-b", "Skill", name="A B")
    g.add_node("ab", "Tool", name="AB")
    g.add_node("twin-1", "Skill", name="Twin")
    g.add_node("twin-2", "Tool", name="Twin")
    assert g.resolve("a b") == "a-b" and g.resolve("AB") == "ab"
    with pytest.raises(AmbiguousName, match=r"^'a_b' is ambiguous: it could be 'A B' \(a-b\) \[Skill\], "
                                            r"'AB' \(ab\) \[Tool\]; use the id$"):
        g.resolve("a_b")
    assert g.resolve("a_b", "Tool") == "ab"
    with pytest.raises(AmbiguousName, match=r"^'twin' is ambiguous: it could be 'Twin' \(twin-1\) \[Skill\], "):
        g.resolve("twin")
    assert g.resolve("twin", ["Tool"]) == "twin-2"
    with pytest.raises(NodeNotFound) as e:
        g.resolve("twin", "Track")
    assert str(e.value) == "no track named 'twin' ('Twin' (twin-1) is a Skill, 'Twin' (twin-2) is a Tool)"


def test_not_found_messages_name_the_labels(packaged_graph):
    with pytest.raises(NodeNotFound) as e:
        packaged_graph.resolve("zzzz", "Track")
    assert str(e.value) == "no track named 'zzzz'; `search(TEXT)` finds names"
    with pytest.raises(NodeNotFound) as e:
        packaged_graph.resolve("zzzz", ["Skill", "Tool"])
    assert str(e.value) == "no skill or tool named 'zzzz'; `search(TEXT)` finds names"


def test_compare_names_its_tracks_and_levels(packaged_graph):
    from kg.comparison import track_skills

    assert track_skills(packaged_graph, "pm") == {"domain-knowledge": "core", "data-analysis": "core",
                                                  "machine-learning": "bonus"}
    assert track_skills(packaged_graph, "pm", core_only=True) == {"domain-knowledge": "core", "data-analysis": "core"}
    c = compare(packaged_graph, "SDE", "Product Manager")
    assert (c["a"], c["b"], c["shared"], c["similarity"]) == ("sde", "pm", [], 0.0)
    assert c["levels"] == {
        "a": {"programming": "core", "software-engineering": "core", "containerization": "bonus",
              "cloud-computing": "bonus"},
        "b": {"domain-knowledge": "core", "data-analysis": "core", "machine-learning": "bonus"}}


def test_compare_two_tracks_without_requirements_is_similarity_one():
    from kg.model import KnowledgeGraph

    g = KnowledgeGraph()
    g.add_node("t1", "Track", name="One")
    g.add_node("t2", "Track", name="Two")
    c = compare(g, "t1", "t2")
    assert (c["shared"], c["only_a"], c["only_b"], c["similarity"]) == ([], [], [], 1.0)


def test_cli_plan_know_a_track_counts_its_core_skills():
    import json

    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["plan", "--to", "Infra MLE", "--know", "DS,docker", "--json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert [(s["id"], s["hours"]) for s in plan["steps"]] == [
        ("data-pipeline", 80), ("cloud-computing", 65), ("software-engineering", 95), ("ci-cd", 35),
        ("orchestration", 42)]
    assert plan["from"] is None and plan["warnings"] == []
    assert plan["known_via"] == {"data-analysis": "ds", "docker": "docker", "machine-learning": "ds",
                                 "programming": "ds", "statistics": "ds"}
    alone = json.loads(CliRunner().invoke(cli, ["plan", "--to", "Infra MLE", "--json"]).output)
    assert [s["id"] for s in alone["steps"]] == ["programming", "data-pipeline", "statistics", "machine-learning",
                                                 "cloud-computing", "software-engineering", "ci-cd", "orchestration"]


def test_describe_path_walks_against_arrows_unless_directed(packaged_graph):
    from kg.paths import describe_path

    p = describe_path(packaged_graph, ["kubernetes", "cluster-management"])
    assert p == {"nodes": [{"id": "kubernetes", "label": "Tool", "name": "Kubernetes"},
                           {"id": "cluster-management", "label": "Skill", "name": "Cluster management"}],
                 "relationships": [{"type": "USES_TOOL", "start": "cluster-management", "end": "kubernetes"}],
                 "length": 1}
    assert describe_path(packaged_graph, ["cluster-management", "kubernetes"], directed=True)["relationships"] == [
        {"type": "USES_TOOL", "start": "cluster-management", "end": "kubernetes"}]
    assert describe_path(packaged_graph, ["cluster-management"], lang="zh")["nodes"][0]["name"] == "集群管理"


def test_plan_by_demand_without_demand_and_strict_know(packaged_graph):
    p = make_plan(packaged_graph, "ds", "production-mle", by_demand=True)
    assert p["by_demand"] is True and p["warnings"] == [
        "`by_demand=True`: no job-description demand is loaded (`ingest` adds it); choices go by cost"]
    assert make_plan(packaged_graph, "ds", "production-mle")["warnings"] == []
    with pytest.raises(KGError) as e:
        make_plan(packaged_graph, "ds", "pm", know=["jupyter"], strict=True)
    assert str(e.value) == ("unknown `know=` item 'jupyter': no skill or tool or track named 'jupyter'; "
                            "`search(TEXT)` finds names (`strict=True`)")
    assert make_plan(packaged_graph, "ds", "pm", know=["jupyter"])["warnings"] == [
        "unknown `know=` item 'jupyter': no skill or tool or track named 'jupyter'; `search(TEXT)` finds names"]


def test_plan_in_chinese(packaged_graph):
    p = make_plan(packaged_graph, "DS", "Infra MLE", lang="zh")
    assert [(s["name"], s["reason"], s["layer"]) for s in p["steps"]][:3] == [
        ("数据管道", "基础设施型MLE 的核心技能; 编排 的前置技能", "data"), ("云计算", "基础设施型MLE 的核心技能", "application"),
        ("软件工程", "持续集成/持续部署 的前置技能", "application")]


def test_schedule_refuses_what_is_not_a_weekly_number_and_lays_out_nothing(packaged_graph):
    import datetime as dt

    from kg.plan import schedule

    plan = make_plan(packaged_graph, "DS", "Infra MLE")
    for bad in (0, -1, float("nan"), float("inf"), "8"):
        with pytest.raises(KGError, match=r"^hours per week must be a number above 0, not "):
            schedule(plan, bad)
    empty = schedule(make_plan(packaged_graph, "infra-mle", "infra-mle"), 5, dt.date(2027, 1, 4))
    assert empty == {"hours_per_week": 5, "start": "2027-01-04", "finish": None, "weeks": 0.0, "steps": []}


def test_markdown_with_a_schedule(packaged_graph):
    import datetime as dt

    from kg.plan import markdown, next_monday, schedule

    plan = make_plan(packaged_graph, "DS", "Infra MLE")
    plan["schedule"] = schedule(plan, 10, dt.date(2027, 1, 4))
    assert [(r["start"], r["end"], r["weeks"]) for r in plan["schedule"]["steps"]] == [
        ("2027-01-04", "2027-02-28", 8.0), ("2027-03-01", "2027-04-18", 6.5), ("2027-04-12", "2027-06-20", 9.5),
        ("2027-06-21", "2027-07-18", 3.5), ("2027-07-12", "2027-08-15", 4.2)]
    assert (plan["schedule"]["finish"], plan["schedule"]["weeks"]) == ("2027-08-15", 31.7)
    assert markdown(plan).splitlines() == [
        "| # | Learn | Kind | Hours | Why | Start | End |",
        "|---|---|---|---|---|---|---|",
        "| 1 | Data pipeline | skill | 80 | core skill of Infra MLE; prerequisite of Orchestration | 2027-01-04 | 2027-02-28 |",
        "| 2 | Cloud computing | skill | 65 | core skill of Infra MLE | 2027-03-01 | 2027-04-18 |",
        "| 3 | Software engineering | skill | 95 | prerequisite of CI/CD | 2027-04-12 | 2027-06-20 |",
        "| 4 | CI/CD | skill | 35 | core skill of Infra MLE | 2027-06-21 | 2027-07-18 |",
        "| 5 | Orchestration | skill | 42 | core skill of Infra MLE | 2027-07-12 | 2027-08-15 |",
        "",
        "**Total: 317 hours in 5 steps**, finished by 2027-08-15"]
    assert [next_monday(dt.date(2027, 1, d)) for d in (3, 4, 9)] == [
        dt.date(2027, 1, 4), dt.date(2027, 1, 11), dt.date(2027, 1, 11)]


PLAN_DATA = """\
relationships:
  - {type: PREREQUISITE_OF, from: research, to: ci-cd, strength: hard, reason: Read before you ship.}
  - {type: REQUIRES, from: infra-mle, to: data-pipeline, source: jd, evidence: {count: 3, total: 4, track: infra-mle}}
"""


def test_plan_looks_past_a_known_prerequisite_and_says_the_demand(write):
    from kg.loaders.curated import load_graph

    g = load_graph([write("more.yaml", PLAN_DATA)])
    # CI/CD now has two hard prerequisites: knowing the first still leaves the second to learn.
    p = make_plan(g, None, "devops", know=["software-engineering"])
    assert [s["id"] for s in p["steps"]] == [
        "programming", "statistics", "machine-learning", "research", "containerization", "cloud-computing",
        "monitoring", "ci-cd", "infrastructure-as-code", "cluster-management"]
    assert p["steps"][3]["reason"] == "prerequisite of CI/CD"
    steps = {s["id"]: s for s in make_plan(g, "ds", "infra-mle", know=["docker"])["steps"]}
    assert [(i, s["demand"]) for i, s in steps.items()] == [
        ("data-pipeline", "mentioned by 3 of 4 Infra MLE postings"), ("research", None), ("cloud-computing", None),
        ("software-engineering", None), ("ci-cd", None), ("orchestration", None)]
    assert steps["data-pipeline"]["reasons"] == ["core skill of Infra MLE", "prerequisite of Orchestration"]
    assert steps["research"]["known_prerequisites"] == ["machine-learning"]
    assert steps["ci-cd"]["prerequisites"] == ["software-engineering", "research"]


def test_plan_for_a_resolved_person(packaged_graph):
    from kg.person import known_set
    from kg.plan import plan_for

    p = plan_for(packaged_graph, known_set(packaged_graph, ["sql"]), "ds")
    assert (p["from"], p["to"], p["level"], p["with_bonus"], p["by_demand"]) == (None, "ds", "full", False, False)
    assert [s["id"] for s in p["steps"]] == ["programming", "data-analysis", "statistics", "machine-learning"]


def test_markdown_escapes_bars_and_unknown_hours():
    from kg.plan import markdown

    plan = {"steps": [{"step": 1, "id": "a", "name": "A|B", "kind": "skill", "hours": 0, "hours_known": False,
                       "reason": "why | not"}],
            "total_hours": 0, "schedule": {"steps": [{"id": "a", "start": "2027-01-04", "end": "2027-01-10"}],
                                           "finish": None}}
    assert markdown(plan).splitlines() == [
        "| # | Learn | Kind | Hours | Why | Start | End |", "|---|---|---|---|---|---|---|",
        "| 1 | A\\|B | skill | ? | why \\| not | 2027-01-04 | 2027-01-10 |", "", "**Total: 0 hours in 1 steps**"]
    # A step from before hours_known existed shows its hours.
    older = {"steps": [{"step": 1, "id": "a", "name": "A", "kind": "skill", "hours": 12, "reason": "r"}], "total_hours": 12}
    assert markdown(older).splitlines()[2] == "| 1 | A | skill | 12 | r |"


def test_schedule_below_an_hour_a_week(packaged_graph):
    import datetime as dt

    from kg.plan import schedule

    s = schedule({"steps": [{"step": 7, "id": "a", "hours": 1}]}, 0.5, dt.date(2027, 1, 4))
    assert s["steps"] == [{"step": 7, "id": "a", "start": "2027-01-04", "end": "2027-01-17", "weeks": 2.0}]


def test_plan_public_names_exist():
    import kg.plan

    assert [n for n in kg.plan.__all__ if not hasattr(kg.plan, n)] == []


def test_person_model_weights_closures_and_coverage(write):
    from kg.loaders.curated import load_graph

    from kg.person import choose, coverage, missing_closure, requirements

    g = load_graph([write("more.yaml", PLAN_DATA + (
        "  - {type: REQUIRES, from: pm, to: data-analysis, weight: 0}\n"
        "  - {type: REQUIRES, from: pm, to: domain-knowledge, weight: 2.5}\n"))])
    # CI/CD's second hard prerequisite is still followed when the first one popped is known.
    assert sorted(missing_closure(g, "ci-cd", {"research"})) == ["ci-cd", "programming", "software-engineering"]
    assert sorted(missing_closure(g, "ml-frameworks", {"statistics"})) == ["machine-learning", "ml-frameworks"]
    assert [(r["id"], r["kind"], r["level"], r["weight"]) for r in requirements(g, "pm")] == [
        ("domain-knowledge", "skill", "core", 2.5), ("data-analysis", "skill", "core", 0)]
    assert [r["id"] for r in requirements(g, "pm", with_bonus=True)] == [
        "domain-knowledge", "data-analysis", "machine-learning"]
    reqs = requirements(g, "pm")
    assert (coverage(g, reqs, {"data-analysis"}), coverage(g, reqs, {"domain-knowledge"})) == (0.0, 1.0)
    g.add_node("t1", "Skill", name="T1")  # requirements without hours count by number
    g.add_node("t2", "Skill", name="T2")
    assert coverage(g, [{"id": "t1"}, {"id": "t2"}], {"t1"}) == 0.5
    assert coverage(g, [{"id": "t1", "weight": 3}, {"id": "t2"}], {"t1"}) == 0.75
    assert coverage(g, [], set()) == 1.0
    assert choose(g, "pm", ["sql"], 0, set()) == [] and choose(g, "pm", [], 2, set()) == []


def test_demand_without_a_total(write):
    from kg.loaders.curated import load_graph

    g = load_graph([write("d.yaml", "relationships:\n  - {type: REQUIRES, from: infra-mle, to: data-pipeline, "
                                     "source: jd, evidence: {count: 2}}\n")])
    assert make_plan(g, "ds", "infra-mle")["steps"][0]["demand"] == "mentioned by 2 of ? Infra MLE postings"


def test_entry_choices_by_cost_or_by_demand(write, packaged_graph):
    from kg.loaders.curated import load_graph

    from kg.person import choose, known_set, requirements

    assert [(r["id"], r["level"], r["reason"]) for r in requirements(packaged_graph, "production-mle", "entry")] == [
        ("machine-learning", "core", "core skill of Production MLE"),
        ("ml-frameworks", "core", "core skill of Production MLE (2 of 3 in 'core-three', cheapest)"),
        ("cloud-computing", "core", "core skill of Production MLE (2 of 3 in 'core-three', cheapest)")]
    assert requirements(packaged_graph, "production-mle", "entry")[1] == {
        "id": "ml-frameworks", "kind": "skill", "level": "core", "group": "core-three", "weight": 1,
        "reason": "core skill of Production MLE (2 of 3 in 'core-three', cheapest)"}
    g = load_graph([write("dem.yaml", "relationships:\n  - {type: REQUIRES, from: production-mle, to: ml-frameworks, "
                                      "source: jd, evidence: {count: 5, total: 6, track: production-mle}}\n")])
    three = ["ml-frameworks", "data-pipeline", "cloud-computing"]
    assert choose(g, "production-mle", three, 2, set()) == ["data-pipeline", "cloud-computing"]
    assert choose(g, "production-mle", three, 2, set(), by_demand=True) == ["ml-frameworks", "cloud-computing"]
    assert [r["reason"] for r in requirements(g, "production-mle", "entry", by_demand=True)][1:] == [
        "core skill of Production MLE (2 of 3 in 'core-three', most demanded)"] * 2
    with pytest.raises(KGError) as e:
        known_set(packaged_graph, ["jupyter", "notebooks"], strict=True)
    assert str(e.value) == (
        "unknown `know=` item 'jupyter': no skill or tool or track named 'jupyter'; `search(TEXT)` finds names; "
        "unknown `know=` item 'notebooks': no skill or tool or track named 'notebooks'; `search(TEXT)` finds names "
        "(`strict=True`)")


def test_plan_joins_several_names_and_says_unknown_hours(graph):
    # Programming is a prerequisite of three steps: all three named, in the order found.
    steps = {s["id"]: s for s in make_plan(graph, None, "infra-mle")["steps"]}
    assert steps["programming"]["reasons"] == ["prerequisite of Data pipeline, Software engineering, Statistics"]
    assert steps["programming"]["hours_known"] is True and steps["programming"]["effort_hours"] == 100
    zh = {s["id"]: s for s in make_plan(graph, None, "infra-mle", lang="zh")["steps"]}
    assert zh["programming"]["reasons"] == ["数据管道、软件工程、统计学 的前置技能"]
    # A step without an effort: 0 hours, and says its hours are unknown.
    del graph.g.nodes["ci-cd"]["effort_hours"]
    step = next(s for s in make_plan(graph, "DS", "Infra MLE")["steps"] if s["id"] == "ci-cd")
    assert (step["hours"], step["effort_hours"], step["hours_known"]) == (0, 0, False)
    assert step["reasons"] == ["core skill of Infra MLE", "hours unknown"]


def test_a_required_tool_sits_in_its_first_skills_layer(graph):
    from kg.person import node_layer

    graph.add_relationship("REQUIRES", "pm", "docker")
    graph.add_relationship("REQUIRES", "sde", "airflow")
    assert [s for s, _ in graph.into("docker", "USES_TOOL")][0] == "containerization"
    # Airflow's skills are Data pipeline (data) then Orchestration (control): the first decides.
    assert [s for s, _ in graph.into("airflow", "USES_TOOL")] == ["data-pipeline", "orchestration"]
    assert (node_layer(graph, "docker"), node_layer(graph, "airflow"), node_layer(graph, "pm")) == (
        "application", "data", None)
    c = compare(graph, "SDE", "Product Manager")
    assert c["by_layer"]["application"]["only_b"] == ["domain-knowledge", "docker"]
    assert c["by_layer"]["data"]["only_a"] == ["programming", "airflow"] and c["by_layer"]["control"]["only_a"] == []
    step = next(s for s in make_plan(graph, None, "pm")["steps"] if s["id"] == "docker")
    assert step["layer"] == "application" and step["skills"] == ["containerization"]


def test_resolver_reads_every_spelling_and_the_esco_uri(packaged_graph):
    from kg.model import KnowledgeGraph

    g = KnowledgeGraph()
    # An empty Chinese name between the name and the aliases: the aliases still count.
    g.add_node("x", "Skill", name="Ex", name_zh="", aliases=["the letter", "xx"],
               esco_uri="http://data.europa.eu/esco/skill/abc-123")
    g.add_node("y", "Skill", name="Why")
    assert [g.resolve(n) for n in ("Ex", "the letter", "XX", "why")] == ["x", "x", "x", "y"]
    assert g.resolve("http://data.europa.eu/esco/skill/abc-123") == "x"
    # A URI names its node exactly, but its words name nothing.
    with pytest.raises(NodeNotFound):
        g.resolve("abc")
    uri = next(n["esco_uri"] for n in packaged_graph.nodes() if n.get("esco_uri"))
    assert packaged_graph.node(packaged_graph.resolve(uri))["esco_uri"] == uri


def test_suggestions_come_from_the_six_closest_spellings():
    from kg.model import KnowledgeGraph

    g = KnowledgeGraph()
    g.add_node("a", "Skill", name="spark0", aliases=["spark1", "spark2", "spark3", "spark4", "spark5"])
    g.add_node("b", "Skill", name="sparkss")  # the seventh closest spelling: not suggested
    with pytest.raises(NodeNotFound, match=r"^no node named 'sparkz' — did you mean 'spark0' \(a\)\?$"):
        g.resolve("sparkz")
