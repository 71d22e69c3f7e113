"""The on-disk index of a big graph (kg/index.py): every answer as the graph in memory gives it,
and a hostile or damaged index file never runs anything nor half-answers."""
from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import cache
from kg.advice import FIT_RULES, fit, fit_baseline
from kg.errors import KGError, NodeNotFound, NoPath
from kg.index import IndexedGraph, open_index, write_index
from kg.model import REL_TYPES, KnowledgeGraph

FIXTURE = Path(__file__).parent / "esco_fixture"


@pytest.fixture(scope="module")
def esco_file(tmp_path_factory) -> Path:
    from kg.loaders.curated import load_graph
    from kg.loaders.esco import import_esco

    out = tmp_path_factory.mktemp("esco-index") / "esco.yaml"
    import_esco(FIXTURE, out, load_graph(), release="v1.1 fixture")
    return out


@pytest.fixture(scope="module")
def pair(esco_file, tmp_path_factory):
    """(the packaged graph merged with the imported ESCO fixture in memory, the same read from its index)."""
    from kg.loaders.curated import load_graph

    memory = load_graph([esco_file])
    path = tmp_path_factory.mktemp("index") / "g.sqlite"
    write_index(memory, path, "k", derived={"fit": (FIT_RULES, fit_baseline(memory))})
    indexed = open_index(path, "k")
    assert isinstance(indexed, IndexedGraph)
    return memory, indexed


def fresh(pair_memory: KnowledgeGraph, tmp_path: Path) -> IndexedGraph:
    path = tmp_path / "g.sqlite"
    write_index(pair_memory, path, "k")
    indexed = open_index(path, "k")
    assert indexed is not None
    return indexed


def test_nodes_relationships_and_counts_are_the_same_in_the_same_order(pair):
    memory, indexed = pair
    assert indexed.nodes() == memory.nodes()
    assert indexed.ids() == memory.ids() and indexed.ids("Track") == memory.ids("Track")
    assert indexed.nodes("Skill") == memory.nodes("Skill")
    assert list(indexed.relationships()) == list(memory.relationships())
    for rel_type in REL_TYPES:
        assert list(indexed.relationships(rel_type)) == list(memory.relationships(rel_type))
    assert indexed.counts() == memory.counts()
    assert (len(indexed), indexed.number_of_relationships()) == (len(memory), memory.number_of_relationships())
    assert indexed._full is None  # all of that answered from the file


def test_every_node_has_the_same_neighbours_in_the_same_order(pair):
    memory, indexed = pair
    both_m, _ = memory.adjacency()
    both_i, _ = indexed.adjacency()
    along_m, against_m = memory.adjacency(directed=True)
    along_i, against_i = indexed.adjacency(directed=True)
    for node in memory.ids():
        assert indexed.props(node) == memory.props(node)
        assert indexed.label(node) == memory.label(node) and indexed.name(node, "zh") == memory.name(node, "zh")
        for direction in ("out", "in"):
            assert indexed.edges_of(node, direction) == memory.edges_of(node, direction)
        for rel_type in REL_TYPES:
            assert indexed.out(node, rel_type) == memory.out(node, rel_type)
            assert indexed.into(node, rel_type) == memory.into(node, rel_type)
        assert list(both_i(node)) == list(both_m(node))
        assert list(along_i(node)) == list(along_m(node)) and list(against_i(node)) == list(against_m(node))
        for end in list(along_m(node))[:3]:
            assert indexed.types_between(node, end) == memory.types_between(node, end)
    assert "no-such-node" not in indexed and "python" in indexed
    assert indexed._full is None


def test_every_spelling_resolves_alike(pair):
    memory, indexed = pair
    for node in memory.nodes():
        for name in [node["id"], node.get("name"), node.get("name_zh"), *node.get("aliases", []), node.get("esco_uri")]:
            if not name:
                continue
            try:
                expected: object = memory.resolve(name)
            except KGError as e:
                expected = str(e)
            try:
                got: object = indexed.resolve(name)
            except KGError as e:
                got = str(e)
            assert got == expected, name


@pytest.mark.parametrize("name, label", [
    ("infra", None), ("pyhton", None), ("data", "Track"), ("python", "Track"), ("computer programming", None),
    ("-", None), ("", None), ("Kubernetes cluster", None),
])
def test_partial_misspelt_and_wrong_label_names_give_the_same_answer_or_message(pair, name, label):
    memory, indexed = pair
    answers = []
    for graph in (memory, indexed):
        try:
            answers.append(graph.resolve(name, label))
        except KGError as e:
            answers.append(f"{type(e).__name__}: {e}")
    assert answers[0] == answers[1]


def test_commands_answer_alike(pair):
    from kg.advice import fit
    from kg.browse import search, show
    from kg.comparison import compare
    from kg.paths import find_path
    from kg.plan import make_plan

    memory, indexed = pair
    tracks = memory.ids("Track")
    esco = [t for t in tracks if memory.props(t).get("esco_uri")]
    cases = [
        lambda g: find_path(g, "DS", "Infra MLE"),
        lambda g: find_path(g, esco[0], esco[-1]),
        lambda g: find_path(g, "python", esco[1], directed=False),
        lambda g: make_plan(g, esco[0], esco[1], with_bonus=True),
        lambda g: make_plan(g, "DS", "Infra MLE", know=["docker"], level="entry"),
        lambda g: compare(g, esco[0], esco[2]),
        lambda g: compare(g, "Production MLE", "Infra MLE"),
        lambda g: show(g, "python"),
        lambda g: search(g, "data"),
        lambda g: search(g, "esco", label="tracks"),
        lambda g: fit(g, ["python", "sql"], among="all"),
    ]
    for case in cases:
        assert case(indexed) == case(memory)
    with pytest.raises(NoPath) as a:
        find_path(memory, "python", "DS", directed=True)
    with pytest.raises(NoPath) as b:
        find_path(indexed, "python", "DS", directed=True)
    assert str(a.value) == str(b.value)
    assert indexed._full is None  # none of these read the whole graph


@pytest.mark.parametrize("know, from_", [
    ([], None), (["python"], None), (["python", "sql", "docker"], None), (["statistics"], "DS"),
    (["kubernetes", "sql", "machine-learning"], None), ([], "Infra MLE"), (["ml-frameworks", "pandas"], "SDE"),
])
def test_fit_from_the_stored_baseline_is_fit_measured_in_full(pair, know, from_, monkeypatch):
    import kg.advice

    memory, indexed = pair
    measured = []
    real = kg.advice.track_fit
    monkeypatch.setattr(kg.advice, "track_fit", lambda g, t, *a, **k: measured.append(t) or real(g, t, *a, **k))
    got = fit(indexed, know, from_=from_, among="all", lang="zh")
    assert len(measured) < len(memory.ids("Track"))  # the others came from the baseline
    if not know and not from_:
        assert measured == []
    assert got == fit(memory, know, from_=from_, among="all", lang="zh")


def test_a_baseline_of_other_rules_is_not_used(pair, tmp_path):
    memory, _ = pair
    path = tmp_path / "g.sqlite"
    stale = {t: {**row, "hours_left": 12345} for t, row in fit_baseline(memory).items()}
    write_index(memory, path, "k", derived={"fit": ("older rules", stale)})
    indexed = open_index(path, "k")
    assert indexed is not None and indexed.derived("fit", FIT_RULES) is None
    assert fit(indexed, ["python"], among="all") == fit(memory, ["python"], among="all")


def test_the_whole_graph_is_read_only_when_asked_for_and_then_changes_work(pair, tmp_path):
    from kg.browse import stats

    memory, _ = pair
    indexed = fresh(memory, tmp_path)
    assert indexed._full is None
    assert stats(indexed) == stats(memory)
    assert indexed._full is None  # stats reads neighbours and relationships from the file, not the whole graph
    assert [n for n, _ in indexed.node_items()] == memory.ids()  # a pass over every node: the whole graph
    assert indexed._full is not None
    indexed.add_node("new-skill", "Skill", name="Brand new")
    assert indexed.resolve("brand new") == "new-skill" and len(indexed) == len(memory) + 1


def test_weighted_and_via_paths_read_the_whole_graph_and_agree(pair, tmp_path):
    from kg.paths import find_path

    memory, _ = pair
    indexed = fresh(memory, tmp_path)
    assert find_path(indexed, "DS", "Infra MLE", weighted=True) == find_path(memory, "DS", "Infra MLE", weighted=True)
    assert find_path(indexed, "DS", "python", via="Skill,Tool") == find_path(memory, "DS", "python", via="Skill,Tool")


# -- the cache writes and uses an index above the size ---------------------------------------------
def test_a_big_graph_is_cached_as_an_index_and_read_back_from_it(esco_file, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr("kg.index.MIN_NODES", 200)
    first = cache.load_graph([esco_file])
    assert not isinstance(first, IndexedGraph)
    files = sorted((p.suffix, p) for p in (tmp_path / "c").iterdir() if p.name.startswith("graph-"))
    assert [suffix for suffix, _ in files] == [".json", ".sqlite"]  # the packaged graph, the merged one
    assert stat.S_IMODE(os.stat(files[1][1]).st_mode) == 0o600
    second = cache.load_graph([esco_file])
    assert isinstance(second, IndexedGraph) and second.nodes() == first.nodes()


def index_file(esco_file, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr("kg.index.MIN_NODES", 200)
    cache.load_graph([esco_file])
    return next((tmp_path / "c").glob("graph-*.sqlite"))


@pytest.mark.parametrize("statement", [
    "CREATE VIEW extra AS SELECT 1",
    "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END",
    "CREATE TABLE more(x)",
    "DROP INDEX words_word",
    "UPDATE meta SET value = 'other' WHERE name = 'key'",
    "UPDATE meta SET value = '0' WHERE name = 'format'",
])
def test_an_index_that_is_not_exactly_ours_is_not_used(esco_file, tmp_path, monkeypatch, statement):
    path = index_file(esco_file, tmp_path, monkeypatch)
    con = sqlite3.connect(path)
    con.execute(statement)
    con.commit()
    con.close()
    graph = cache.load_graph([esco_file])
    assert not isinstance(graph, IndexedGraph) and "python" in graph  # built afresh, answers right


def test_an_index_someone_else_can_write_is_not_used(esco_file, tmp_path, monkeypatch):
    path = index_file(esco_file, tmp_path, monkeypatch)
    os.chmod(path, 0o620)
    assert not isinstance(cache.load_graph([esco_file]), IndexedGraph)
    os.chmod(path, 0o600)
    assert isinstance(cache.load_graph([esco_file]), IndexedGraph)


def test_a_link_in_place_of_the_index_is_not_followed(esco_file, tmp_path, monkeypatch):
    path = index_file(esco_file, tmp_path, monkeypatch)
    real = path.with_name("elsewhere.db")
    os.replace(path, real)
    os.symlink(real, path)
    assert not isinstance(cache.load_graph([esco_file]), IndexedGraph)


def test_a_damaged_row_is_one_clear_error_naming_the_file(esco_file, tmp_path, monkeypatch):
    path = index_file(esco_file, tmp_path, monkeypatch)
    con = sqlite3.connect(path)
    con.execute("UPDATE nodes SET data = '[1, 2]' WHERE id = 'python'")
    con.commit()
    con.close()
    graph = cache.load_graph([esco_file])
    assert isinstance(graph, IndexedGraph)
    with pytest.raises(KGError) as e:
        graph.props("python")
    assert str(e.value) == (f"{path}: the cached graph is damaged (node 'python'); "
                            "delete the file (it is rebuilt) or set KG_NO_CACHE=1")


def test_a_file_that_is_not_a_database_is_rebuilt(esco_file, tmp_path, monkeypatch):
    path = index_file(esco_file, tmp_path, monkeypatch)
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    os.chmod(path, 0o600)
    assert not isinstance(cache.load_graph([esco_file]), IndexedGraph)


def test_the_index_is_only_read(pair, tmp_path):
    memory, _ = pair
    indexed = fresh(memory, tmp_path)
    with pytest.raises(sqlite3.OperationalError):
        indexed._con.execute("DELETE FROM nodes")


def test_an_unknown_name_suggests_close_ones_from_the_index(pair):
    _, indexed = pair
    with pytest.raises(NodeNotFound) as e:
        indexed.resolve("kubernets")
    assert str(e.value) == "no node named 'kubernets' — did you mean 'Kubernetes' (kubernetes)?"


# -- any graph, not only the ones above -----------------------------------------------------------
names = st.text(alphabet="ab -_.Xy数", min_size=1, max_size=6)


@st.composite
def graphs(draw):
    g = KnowledgeGraph()
    count = draw(st.integers(2, 12))
    labels = ["Track", "Layer", "Skill", "Tool"]
    for i in range(count):
        g.add_node(f"n{i}", draw(st.sampled_from(labels)), name=draw(names), aliases=draw(st.lists(names, max_size=2)),
                   effort_hours=draw(st.none() | st.integers(0, 50)))
    for _ in range(draw(st.integers(0, 30))):
        a, b = draw(st.integers(0, count - 1)), draw(st.integers(0, count - 1))
        g.add_relationship(draw(st.sampled_from(list(REL_TYPES))), f"n{a}", f"n{b}", weight=draw(st.integers(0, 3)))
    return g


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graph=graphs(), data=st.data())
def test_any_graph_reads_back_alike(tmp_path_factory, graph, data):
    path = tmp_path_factory.mktemp("prop") / "g.sqlite"
    write_index(graph, path, "k")
    indexed = open_index(path, "k")
    assert indexed is not None
    assert indexed.nodes() == graph.nodes() and list(indexed.relationships()) == list(graph.relationships())
    import networkx as nx

    from kg.paths import shortest_path

    a, b = data.draw(st.sampled_from(graph.ids())), data.draw(st.sampled_from(graph.ids()))
    for directed in (False, True):
        try:
            expected = nx.shortest_path(graph.for_networkx(directed), a, b)
        except nx.NetworkXNoPath:
            expected = None
        for g in (graph, indexed):
            try:
                got = shortest_path(*g.adjacency(directed), a, b)
            except nx.NetworkXNoPath:
                got = None
            assert got == expected
    name = data.draw(names)
    answers = []
    for g in (graph, indexed):
        try:
            answers.append(g.resolve(name))
        except KGError as e:
            answers.append(str(e))
    assert answers[0] == answers[1]
    json.dumps(indexed.counts())


def test_relationships_read_ahead_in_one_pass_are_the_same(pair, tmp_path):
    memory, _ = pair
    indexed = fresh(memory, tmp_path)
    for rel_type in REL_TYPES:
        indexed.prefetch(memory.ids(), rel_type, "out")
        indexed.prefetch(reversed(memory.ids()), rel_type, "in")
    queries = indexed._rows
    indexed._rows = lambda *a: pytest.fail("read again")  # type: ignore[method-assign]
    for node in memory.ids():
        for rel_type in REL_TYPES:
            assert indexed.out(node, rel_type) == memory.out(node, rel_type)
            assert indexed.into(node, rel_type) == memory.into(node, rel_type)
    indexed._rows = queries  # type: ignore[method-assign]
