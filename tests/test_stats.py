"""`kg stats` betweenness: networkx's numbers, exact on small graphs, a bounded seeded estimate on big ones."""
from __future__ import annotations

import random

import networkx as nx
import pytest

from kg import browse
from kg.model import KnowledgeGraph


def taxonomy(tracks: int, skills: int, per_track: int, seed: int = 1) -> KnowledgeGraph:
    """An ESCO-shaped graph: tracks requiring many skills, a few prerequisites among skills."""
    rng = random.Random(seed)
    g = KnowledgeGraph()
    for i in range(skills):
        g.add_node(f"s{i}", "Skill")
    for i in range(tracks):
        g.add_node(f"t{i}", "Track")
        for j in rng.sample(range(skills), per_track):
            g.add_relationship("REQUIRES", f"t{i}", f"s{j}", level=rng.choice(["core", "bonus"]))
    for _ in range(skills // 4):
        a, b = rng.sample(range(skills), 2)
        g.add_relationship("PREREQUISITE_OF", f"s{a}", f"s{b}")
    return g


def test_exact_betweenness_is_networkx_number_for_number(packaged_graph):
    scores, how = browse.betweenness(packaged_graph)
    assert how == {"exact": True, "sources": 89, "nodes": 89, "seed": None}
    assert scores == nx.betweenness_centrality(packaged_graph.undirected())


def test_sampled_betweenness_is_networkx_with_the_same_sample(monkeypatch):
    g = taxonomy(tracks=300, skills=2200, per_track=12)
    n, m = 2500, g.undirected().number_of_edges()
    scores, how = browse.betweenness(g)
    k = browse.BETWEENNESS_BUDGET // (n + m)
    assert how == {"exact": False, "sources": k, "nodes": n, "relationships": m, "budget": 3_000_000, "seed": 0}
    assert k == 3_000_000 // (2500 + m) and 400 < k < 600
    assert scores == nx.betweenness_centrality(g.undirected(), k=k, seed=0)
    again, _ = browse.betweenness(g)
    assert again == scores


@pytest.mark.parametrize("size", [2001, 8000])
def test_the_sample_costs_the_budget_whatever_the_size(size):
    g = taxonomy(tracks=size // 10, skills=size - size // 10, per_track=30)
    _, how = browse.betweenness(g)
    visits = how["sources"] * (how["nodes"] + how["relationships"])
    assert how["budget"] - (how["nodes"] + how["relationships"]) < visits <= how["budget"]


def test_a_budget_below_one_pass_still_takes_one_source(monkeypatch):
    monkeypatch.setattr(browse, "EXACT_BETWEENNESS_NODES", 10)
    monkeypatch.setattr(browse, "BETWEENNESS_BUDGET", 5)
    g = taxonomy(tracks=5, skills=40, per_track=6)
    scores, how = browse.betweenness(g)
    assert (how["sources"], how["exact"]) == (1, False)
    source = random.Random(0).sample(range(45), 1)[0]
    assert scores[g.ids()[source]] == 0.0  # networkx gives NaN to the only source; 0 here, strict JSON
    ref = nx.betweenness_centrality(g.undirected(), k=1, seed=0)
    assert {k: v for k, v in scores.items() if k != g.ids()[source]} == \
        {k: v for k, v in ref.items() if k != g.ids()[source]}


# -- statistics kept beside the graph cache ---------------------------------------------------------
def test_kept_statistics_are_reused_until_the_settings_change(kept, monkeypatch):
    import os
    import stat

    from kg.cache import content_key

    folder, loader, calls = kept
    first = browse.kept_stats([], loader)
    path = folder / f"stats-{content_key()}.json"
    assert (len(calls), stat.S_IMODE(os.stat(path).st_mode)) == (1, 0o600)
    assert browse.kept_stats([], loader) == first and len(calls) == 1
    assert browse.kept_stats([], loader, top=2, lang="zh")["central_skills"] == \
        browse.stats(loader(), top=2, lang="zh")["central_skills"]
    assert len(calls) == 3
    monkeypatch.setattr(browse, "EXACT_BETWEENNESS_NODES", 50)
    monkeypatch.setattr(browse, "BETWEENNESS_BUDGET", 30 * 287)
    sampled = browse.kept_stats([], loader)
    assert (len(calls), sampled["betweenness"]["exact"], sampled["betweenness"]["sources"]) == (4, False, 30)


@pytest.mark.parametrize("harm", ["group-writable", "not JSON", "another key", "a link"])
def test_kept_statistics_that_are_not_trusted_are_computed_again(kept, harm, tmp_path):
    import json
    import os

    from kg.cache import content_key

    folder, loader, calls = kept
    first = browse.kept_stats([], loader)
    path = folder / f"stats-{content_key()}.json"
    forged = json.loads(path.read_text())
    forged["results"]["5/en"]["total_nodes"] = 1
    if harm == "group-writable":
        path.write_text(json.dumps(forged))
        os.chmod(path, 0o660)
    elif harm == "not JSON":
        path.write_text("{")
    elif harm == "another key":
        path.write_text(json.dumps({**forged, "key": "0" * 64}))
    else:
        (tmp_path / "elsewhere.json").write_text(json.dumps(forged))
        path.unlink()
        path.symlink_to(tmp_path / "elsewhere.json")
    assert browse.kept_stats([], loader) == first and len(calls) == 2


def test_the_cli_prints_the_same_from_kept_statistics(kept, kg_run):
    first, second = kg_run("stats"), kg_run("stats")
    assert first.code == 0 and first.out == second.out
    assert first.out.splitlines()[0] == "89 nodes: 9 Track, 4 Layer, 25 Skill, 51 Tool"
