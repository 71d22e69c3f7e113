"""`--backend neo4j` reads what a command needs (kg/stores/lazy.py), against a real Bolt server:
the same answers as the whole graph read back, from a fraction of the rows."""
from __future__ import annotations

from pathlib import Path

import pytest
from bolt_support import open_test_store

from kg.errors import KGError
from kg.model import REL_TYPES
from kg.resolve import Resolver
from kg.stores.lazy import StoreGraph

pytestmark = pytest.mark.bolt
FIXTURE = Path(__file__).parent / "esco_fixture"


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    """The packaged graph with the real ESCO fixture imported into it."""
    from kg.loaders.curated import load_graph
    from kg.loaders.esco import import_esco

    out = tmp_path_factory.mktemp("esco-store") / "esco.yaml"
    import_esco(FIXTURE, out, load_graph(), release="v1.1 fixture")
    return load_graph([out])


@pytest.fixture
def store(bolt, merged):
    s = open_test_store(bolt)
    s.wipe()
    s.push(merged)
    yield s
    s.close()


class Counting:
    """The store, counting the rows its queries return."""

    def __init__(self, store):
        self.store, self.rows = store, 0

    def read(self, query, params):
        rows = self.store.read(query, params)
        self.rows += len(rows)
        return rows

    def read_graph(self):
        return self.store.read_graph()


def test_every_node_and_relationship_reads_as_the_whole_graph_gives_it(store):
    whole = store.read_graph()
    lazy = StoreGraph(store)
    assert lazy.ids() == whole.ids() and lazy.ids("Skill") == whole.ids("Skill") and len(lazy) == len(whole)
    for node in whole.ids():
        assert lazy.props(node) == whole.props(node)
        assert lazy.label(node) == whole.label(node) and lazy.name(node, "zh") == whole.name(node, "zh")
        assert lazy.edges_of(node, "out") == whole.edges_of(node, "out")
        assert lazy.edges_of(node, "in") == whole.edges_of(node, "in")
        for rel_type in REL_TYPES:
            assert lazy.out(node, rel_type) == whole.out(node, rel_type)
            assert lazy.into(node, rel_type) == whole.into(node, rel_type)
    assert lazy._full is None


def test_commands_answer_alike_from_fewer_rows(store):
    from kg.advice import fit
    from kg.browse import search, show
    from kg.comparison import compare
    from kg.paths import find_path
    from kg.plan import make_plan

    whole = store.read_graph()
    esco = [t for t in whole.ids("Track") if whole.props(t).get("esco_uri")]
    cases = [
        lambda g: make_plan(g, "DS", "Infra MLE", know=["docker"]),
        lambda g: make_plan(g, esco[0], esco[1], with_bonus=True, lang="zh"),
        lambda g: compare(g, esco[0], esco[2]),
        lambda g: show(g, "python"),
        lambda g: find_path(g, "DS", "Infra MLE", store=store),
        lambda g: find_path(g, "statistics", "pytorch", directed=True),
        lambda g: fit(g, ["python", "sql"], among="all"),
        lambda g: search(g, "data", label="skills"),
    ]
    for n, case in enumerate(cases):
        counting = Counting(store)
        lazy = StoreGraph(counting)
        assert case(lazy) == case(whole), n
        assert lazy._full is None, n
    counting = Counting(store)
    make_plan(StoreGraph(counting), esco[0], esco[1])
    # The nodes its names may mean, then only what the plan touched.
    assert counting.rows < (len(whole) + whole.number_of_relationships()) / 4, counting.rows


def test_unknown_names_and_whole_graph_questions(store):
    from kg.browse import stats

    whole = store.read_graph()
    lazy = StoreGraph(store)
    with pytest.raises(KGError) as e:
        lazy.resolve("kubernets")
    assert str(e.value) == "no node named 'kubernets' — did you mean 'Kubernetes' (kubernetes)?"
    assert stats(lazy) == stats(whole) and lazy._full is not None


def test_the_cli_backend_reads_lazily(store, bolt, kg_run):
    r = kg_run("--backend", "neo4j", "plan", "--from", "DS", "--to", "Infra MLE", "--json", env=bolt.env)
    assert r.code == 0, r.err
    import json

    assert [s["id"] for s in json.loads(r.out)["steps"]] == [
        "data-pipeline", "cloud-computing", "software-engineering", "ci-cd", "orchestration"]


def answers(graph, name, label=None):
    try:
        return graph.resolve(name, label)
    except KGError as e:
        return f"{type(e).__name__}: {e}"


def test_every_spelling_resolves_as_on_the_whole_graph(store):
    whole = store.read_graph()
    lazy = StoreGraph(store)
    for node in whole.nodes():
        for name in [node["id"], node.get("name"), node.get("name_zh"), *node.get("aliases", []), node.get("esco_uri")]:
            if name:
                assert answers(lazy, name) == answers(whole, name), name
    assert lazy._full is None and lazy._names is None  # asked by name, never every node's names
    for name, label in [("infra", None), ("pyhton", None), ("data", "Track"), ("python", "Track"), ("-", None),
                        ("computer programming", None), ("Kubernetes cluster", None)]:
        assert answers(lazy, name, label) == answers(whole, name, label)
    assert lazy._full is None  # a misspelt name reads every name once, for suggestions


def test_a_database_pushed_without_name_keys_is_asked_for_every_name_once(store):
    store._run("MATCH (n {id: 'python'}) REMOVE n.kg_folded", {}, write=True)
    whole = store.read_graph()
    lazy = StoreGraph(store)
    assert answers(lazy, "Python 3") == answers(whole, "Python 3") == "python"
    assert lazy._names is not None and isinstance(lazy._resolver, Resolver)
