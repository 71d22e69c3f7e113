"""The Neo4j store against a real Bolt server: push, read back, shortest paths, faults."""
from __future__ import annotations

import pytest
from bolt_support import FalkorServer, open_test_store, synthetic_graph
from store_support import HOSTILE, hostile_graph

from kg.errors import QueryError, StoreUnavailable
from kg.model import KnowledgeGraph
from kg.stores.base import graph_contents

pytestmark = pytest.mark.bolt

@pytest.fixture
def store(bolt):
    s = open_test_store(bolt)
    s.wipe()
    yield s
    s.close()


def test_the_server_is_detected(store, bolt):
    assert store.dialect.name == bolt.kind
    assert store.batch_size == (500 if bolt.kind == "falkordb" else 1000)


def test_push_writes_every_node_and_relationship_and_reads_back_the_same_graph(store, packaged_graph):
    report = store.push(packaged_graph)
    counts = packaged_graph.counts()
    assert report["nodes"] == {k: v for k, v in counts["nodes"].items() if v}
    assert report["relationships"] == {k: v for k, v in counts["relationships"].items() if v}
    assert store.counts() == counts
    back = store.read_graph()
    assert graph_contents(back) == graph_contents(packaged_graph)
    # The same order of nodes, and of each node's relationships both ways, so ties break the same way.
    assert back.ids() == packaged_graph.ids()
    for node in packaged_graph.ids():
        assert list(back.g.out_edges(node, keys=True)) == list(packaged_graph.g.out_edges(node, keys=True))
        assert list(back.g.in_edges(node, keys=True)) == list(packaged_graph.g.in_edges(node, keys=True))


def test_a_second_push_changes_nothing(store, packaged_graph):
    store.push(packaged_graph)
    first = graph_contents(store.read_graph())
    store.push(packaged_graph)
    assert store.counts() == packaged_graph.counts()
    assert graph_contents(store.read_graph()) == first
    _, dup = store.run("MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(id) AS dups")
    assert dup == [[0]]


def test_a_push_replaces_properties_that_changed(store, packaged_graph):
    store.push(packaged_graph)
    changed = KnowledgeGraph(packaged_graph.g.copy())
    changed.g.nodes["sql"]["description"] = "changed"
    del changed.g.nodes["sql"]["url"]
    store.push(changed)
    _, rows = store.run("MATCH (n:Tool {id: 'sql'}) RETURN n.description, n.url")
    assert rows == [["changed", None]]


def test_names_with_quotes_braces_and_comments_round_trip_unchanged(store):
    g = hostile_graph()
    store.push(g)
    assert graph_contents(store.read_graph()) == graph_contents(g)
    _, rows = store.run("MATCH (n:Skill) WHERE n.name = $name RETURN n.name, n.aliases", {"name": HOSTILE})
    assert rows == [[HOSTILE, ["a'b", "{x}", "//y", "c\\d", ""]]]
    assert store.counts()["nodes"]["Tool"] == 1


def test_small_batches_and_large_rows(store):
    g = hostile_graph()
    g.g.nodes["odd-skill"]["description"] = "long 'text' " * 900  # ~11 KB: more than FalkorDB takes at once
    report = store.push(g, batch_size=1)
    assert report["batches"] == 3
    assert graph_contents(store.read_graph()) == graph_contents(g)


def test_a_request_packs_many_rows_and_stays_under_the_servers_byte_cap(store, monkeypatch):
    """FalkorDB crashes on requests above ~4 KB: each one stays under the 2,000-byte cap
    (JSON of the escaped parameters actually sent), yet carries many rows, packed."""
    from kg import cypher as cypher_files
    from kg.stores.base import json_size

    graph = synthetic_graph(1000, 4000)
    sent = []
    send = type(store)._send

    def spy(self, session, statement, params):
        sent.append((statement, len(params["rows"]), json_size(params)))
        return send(self, session, statement, params)

    monkeypatch.setattr(type(store), "_send", spy)
    store.push(graph)
    assert store.counts() == graph.counts()
    assert graph_contents(store.read_graph()) == graph_contents(graph)
    limit = store.dialect.max_param_bytes
    if limit is None:  # Neo4j: whole batches of the map form, no byte cap
        assert max(n for _, n, _ in sent) == store.batch_size
        return
    node_file, rel_file = store.dialect.load_files
    assert (node_file, rel_file) == ("load_nodes_falkordb", "load_relationships_falkordb")
    node_statements = set(cypher_files.statements(node_file).values())
    rel_statements = set(cypher_files.statements(rel_file).values())
    assert {statement for statement, _, _ in sent} <= node_statements | rel_statements
    assert max(size for _, _, size in sent) <= limit
    rels = [n for statement, n, _ in sent if statement in rel_statements]
    nodes = [n for statement, n, _ in sent if statement in node_statements]
    assert sum(rels) == 4000 and sum(nodes) == 1000
    assert sum(rels) / len(rels) >= 40, rels  # ~10 as {start, end, props} maps
    # ~5 as {id, props} maps; each node also carries the name keys --backend neo4j looks names up by
    assert sum(nodes) / len(nodes) >= 6.5, nodes


def test_wipe_deletes_only_this_graphs_labels(store, packaged_graph):
    store.push(packaged_graph)
    store.run("CREATE (:Unrelated {id: 'keep'})", write=True)
    deleted = store.wipe(limit=10)
    assert deleted == len(packaged_graph)
    assert store.run("MATCH (n) RETURN labels(n) AS l, n.id")[1] == [[["Unrelated"], "keep"]]
    store.run("MATCH (n:Unrelated) DELETE n", write=True)


def test_server_shortest_path(store, packaged_graph):
    from kg.paths import find_path

    store.push(packaged_graph)
    path = store.shortest_path("kubernetes", "cluster-management")
    assert path == {"nodes": [{"id": "kubernetes", "label": "Tool", "name": "Kubernetes"},
                              {"id": "cluster-management", "label": "Skill", "name": "Cluster management"}],
                    "relationships": [{"type": "USES_TOOL", "start": "cluster-management", "end": "kubernetes"}],
                    "length": 1}
    assert store.shortest_path("kubernetes", "cluster-management", directed=True) is None
    assert store.shortest_path("ds", "ds")["length"] == 0
    assert store.shortest_path("ds", "no-such-node") is None
    expected = find_path(packaged_graph, "ds", "kubernetes")["length"]
    assert store.shortest_path("ds", "kubernetes")["length"] == expected


def test_a_cypher_error_is_a_query_error(store):
    with pytest.raises(QueryError, match="^the server rejected the query: "):
        store.run("MATCH (n:Skill RETURN n")


def test_server_down_is_store_unavailable():
    from bolt_support import free_port

    from kg.stores import open_store

    with pytest.raises(StoreUnavailable, match=r"^cannot reach bolt://127\.0\.0\.1:\d+: connection refused"):
        open_store("neo4j", uri=f"bolt://127.0.0.1:{free_port()}", timeout=2)


def test_bad_password_is_store_unavailable(bolt):
    from kg.stores import open_store

    with pytest.raises(StoreUnavailable, match="refused the c"):
        open_store("neo4j", uri=bolt.uri, user=bolt.user, password="wrong-password", timeout=3)


class ClientCrash(Exception):
    pass


def test_a_push_interrupted_after_ten_batches_is_completed_by_the_next_without_duplicates(store):
    """Each batch is its own transaction: an interrupted push leaves whole batches, and MERGE completes them."""
    graph = synthetic_graph(600, 1200)
    batches = []

    def crash_after_ten(rows: int) -> None:
        batches.append(rows)
        if len(batches) == 10:
            raise ClientCrash

    with pytest.raises(ClientCrash):
        store.push(graph, progress=crash_after_ten)
    partial = store.counts()
    assert sum(partial["nodes"].values()) == sum(batches)
    store.push(graph)
    assert store.counts() == graph.counts()
    _, dup = store.run("MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(id)")
    assert dup == [[0]]


def test_server_killed_mid_push_fails_with_store_unavailable_then_a_push_completes():
    """FalkorDB keeps nothing across a crash here (its append-only file asserts on Bolt writes),
    so the next push starts from empty: it must still complete the graph exactly."""
    server = FalkorServer()
    server.start()
    try:
        graph = synthetic_graph(600, 1200)
        store = open_test_store(server)
        batches = []

        def crash_after_ten(rows: int) -> None:
            batches.append(rows)
            if len(batches) == 10:
                server.kill()

        with pytest.raises(StoreUnavailable, match="^cannot reach bolt://127.0.0.1:"):
            store.push(graph, progress=crash_after_ten)
        assert len(batches) == 10
        server.start()
        store = open_test_store(server)
        store.push(graph)
        assert store.counts() == graph.counts()
        _, dup = store.run("MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(id)")
        assert dup == [[0]]
        store.close()
    finally:
        server.stop()
