"""The embedded Cypher engine gives the rows a Bolt server gives, for the queries a user of this graph writes."""
from __future__ import annotations

import json
import math

import pytest
from bolt_support import open_test_store

from kg import cypher as cypher_files

#: (query, parameters). Rows are compared in order when the query has ORDER BY, else as a multiset.
CONFORMANCE = [
    ("MATCH (t:Track)-[:REQUIRES]->(s:Skill) RETURN t.name, count(s)", {}),
    (("MATCH (s:Skill)-[:USES_TOOL]->(t:Tool) RETURN s.name AS skill, count(t) AS tools "
     "ORDER BY tools DESC, skill LIMIT 5"), {}),
    ("MATCH p = (a:Track {id: $t})-[*1..2]-(b) RETURN count(p) AS paths", {"t": "infra-mle"}),
    (("MATCH p = (a:Skill {id: 'programming'})-[:PREREQUISITE_OF*2..3]->(b) RETURN b.id, length(p) AS hops "
     "ORDER BY hops, b.id"), {}),
    ("MATCH (s:Skill) OPTIONAL MATCH (s)-[:USES_TOOL]->(t:Tool) RETURN s.id, count(t) AS tools ORDER BY tools, s.id",
     {}),
    (("MATCH (a:Track)-[:REQUIRES]->(s:Skill)<-[:REQUIRES]-(b:Track) WHERE a.id <> b.id "
     "RETURN a.id, b.id, count(s) AS shared ORDER BY shared DESC, a.id, b.id LIMIT 10"), {}),
    ("MATCH (t:Track {id: 'infra-mle'})-[r]-(x) RETURN type(r) AS rel, count(x) AS n ORDER BY rel", {}),
    ("MATCH (t:Tool) WHERE t.effort_hours >= $min RETURN t.name ORDER BY t.effort_hours DESC, t.name LIMIT $k",
     {"min": 40, "k": 4}),
    ("MATCH (n) WHERE n.id IN $ids RETURN n.id, labels(n) ORDER BY n.id", {"ids": ["sql", "ds", "data", "ci-cd"]}),
    ("MATCH (t:Tool) WHERE toLower(t.name) CONTAINS 'py' OR t.name STARTS WITH 'Ap' RETURN t.name ORDER BY t.name",
     {}),
    ("MATCH (l:Layer)-[:HAS_SKILL]->(s:Skill) RETURN l.name AS layer, size(collect(s)) AS skills ORDER BY layer", {}),
    ("MATCH (t:Track)-[:REQUIRES]->(s) WITH t, count(s) AS n WHERE n > 6 RETURN t.id ORDER BY t.id", {}),
    ("MATCH (n:Layer {id: 'data'}) RETURN n", {}),
    ("MATCH (:Track {id: 'ds'})-[r:TRANSITIONS_TO]->(b) RETURN r, b.id", {}),
    ("MATCH p = (a:Skill)-[:PREREQUISITE_OF]->(b:Skill) RETURN p ORDER BY a.id, b.id LIMIT 3", {}),
    ("MATCH (t:Track)-[:REQUIRES]->(:Skill)-[:USES_TOOL]->(tool) RETURN count(DISTINCT tool) AS tools", {}),
    (("MATCH (s:Skill) RETURN CASE WHEN s.effort_hours > 50 THEN 'long' ELSE 'short' END AS kind, count(*) AS n "
     "ORDER BY kind"), {}),
    (("MATCH (t:Track {id: 'ds'})-[:REQUIRES]->(s) RETURN s.id AS id "
     "UNION MATCH (t:Track {id: 'pm'})-[:REQUIRES]->(s) RETURN s.id AS id"), {}),
    ("MATCH (s:Skill) WHERE NOT (s)-[:USES_TOOL]->() RETURN s.id ORDER BY s.id", {}),
    ("MATCH (n:Track {id: 'ds'}) RETURN properties(n) AS p", {}),
    ("UNWIND $ids AS id MATCH (n {id: id}) RETURN n.name ORDER BY n.name", {"ids": ["sql", "kubernetes"]}),
    ("MATCH (t:Tool) RETURN min(t.effort_hours), max(t.effort_hours), sum(t.effort_hours), avg(t.effort_hours)", {}),
    ("MATCH (s:Skill {id: $id}) RETURN s.name, s.aliases, size(s.aliases) AS n", {"id": "ml-frameworks"}),
    ("MATCH (r:Skill) WHERE r.name = $name RETURN r.id", {"name": "it's {not} // here"}),
    ("MATCH (l:Layer) RETURN l.name ORDER BY l.order DESC SKIP 1 LIMIT 2", {}),
    ("MATCH (t:Tool {id: 'python'}) RETURN [x IN t.aliases WHERE x <> 'CPython' | toLower(x)] AS a", {}),
    ("MATCH (n) RETURN n.id, n.effort_hours ORDER BY n.effort_hours DESC, n.id LIMIT 5", {}),
    ("MATCH (n) RETURN n.id, n.effort_hours ORDER BY n.effort_hours, n.id SKIP 80", {}),
    ("MATCH (s:Skill) RETURN s.effort_hours / 10 AS tens, count(*) AS n ORDER BY tens", {}),
    ("MATCH (n:Skill) RETURN n.name ORDER BY n.name DESC LIMIT 3", {}),
    ("MATCH (a:Track)-[r:REQUIRES]->(s:Skill) WHERE r.level = 'bonus' RETURN a.id, s.id ORDER BY a.id, s.id", {}),
    # Neo4j idioms the embedded engine translates: 0-based lists, head/last/tail, unknown labels.
    ("MATCH (n) WHERE n.id IN ['ds', 'sql', 'data'] RETURN n.id, labels(n)[0] AS label ORDER BY n.id", {}),
    ("MATCH (n:Track {id: 'ds'}) RETURN head(labels(n)) AS h, last(labels(n)) AS l", {}),
    (("MATCH (t:Tool {id: 'python'}) RETURN head(t.aliases) AS h, last(t.aliases) AS l, tail(t.aliases) AS t, "
     "t.aliases[1] AS second, t.aliases[-1] AS last, t.aliases[0..2] AS two, t.aliases[1..] AS rest"), {}),
    ("MATCH (s:Skill {id: $id}) RETURN s.aliases[$i] AS a", {"id": "ml-frameworks", "i": 0}),
    (("MATCH p = (a:Skill {id: 'programming'})-[:PREREQUISITE_OF]->(b:Skill) "
     "RETURN [n IN nodes(p) | n.id][0] AS first, last([n IN nodes(p) | n.id]) AS other ORDER BY other"), {}),
    ("MATCH (n:Planet) RETURN count(n) AS planets", {}),
    ("MATCH (n:Planet) RETURN n.name", {}),
    ("MATCH (t:Track)-[:NO_SUCH_TYPE]->(x) RETURN count(x) AS n", {}),
    ("MATCH (t:Track {id: 'ds'}) OPTIONAL MATCH (t)-[:MENTORS]->(x:Person) RETURN t.id, x.name", {}),
]

#: Where FalkorDB itself departs from Neo4j: checked against the in-memory graph instead.
#: An undirected pattern matches each relationship once per direction; FalkorDB returns a pair
#: of nodes joined by two relationships once.
UNDIRECTED = "MATCH (a:Track)--(b:Track) RETURN a.id, b.id"

#: A bounded variable-length pattern. FalkorDB (4.16) sometimes leaves out a node reachable in
#: exactly the upper bound of hops, depending on its internal ids (seen after a wipe and
#: re-push: 16 rows instead of 17, though the explicit 3-hop pattern finds the missing one).
#: So: against networkx everywhere, and against the server where the server is Neo4j.
VARIABLE_LENGTH = ("MATCH (a:Skill {id: 'programming'})-[:PREREQUISITE_OF*1..3]->(b:Skill) "
                   "RETURN DISTINCT b.id ORDER BY b.id")

#: Shortest paths: Neo4j's form (FalkorDB rejects it), checked against networkx and Neo4j.
SHORTEST = [("ds", "kubernetes"), ("sql", "pm"), ("research", "ci-cd")]
SHORTEST_QUERY = ("MATCH (a {id: $a}), (b {id: $b}) MATCH p = shortestPath((a)-[*]-(b)) "
                  "RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS ids")

PARAMS = {
    "learning_path": {"from": "ds", "to": "infra-mle"},
    "track_skills_by_layer": {"track": "Production MLE"},
    "top_tools": {"limit": 5},
    "shared_skills": {"a": "infra-mle", "b": "data-engineer"},
    "prerequisites": {"skill": "orchestration"},
    "career_moves": {"track": "ds"},
    "skills_per_track": {},
}


@pytest.fixture(scope="module")
def embedded(packaged_graph):
    from kg.embedded_cypher import EmbeddedCypher

    return EmbeddedCypher(packaged_graph)


@pytest.fixture
def server(bolt, packaged_graph):
    store = open_test_store(bolt)
    store.push(packaged_graph, wipe=True)
    yield store
    store.close()


#: The name keys a push writes for `--backend neo4j` (kg.stores.base.name_keys): a lookup aid of
#: the server's, which the embedded engine, answering on the graph in memory, does not hold.
NAME_KEYS = ("kg_folded", "kg_squashed", "kg_words")


def normal(value):
    """Numbers compared as numbers (FalkorDB returns some integer aggregates as floats); maps
    without the name keys."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return round(float(value), 9)
    if isinstance(value, list):
        return [normal(v) for v in value]
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items() if k not in NAME_KEYS}
    return value


def same_rows(query, a, b):
    ordered = " ORDER BY " in query.upper()
    rows_a, rows_b = normal(a[1]), normal(b[1])
    if not ordered:
        rows_a = sorted(rows_a, key=lambda r: json.dumps(r, sort_keys=True))
        rows_b = sorted(rows_b, key=lambda r: json.dumps(r, sort_keys=True))
    return a[0] == b[0] and rows_a == rows_b


@pytest.mark.bolt
@pytest.mark.parametrize("query,params", CONFORMANCE, ids=[str(i) for i in range(len(CONFORMANCE))])
def test_embedded_engine_gives_the_servers_rows(server, embedded, query, params):
    on_server = server.run(query, params)
    on_embedded = embedded.run(query, params)
    assert same_rows(query, on_server, on_embedded), (on_server, on_embedded)


@pytest.mark.bolt
@pytest.mark.parametrize("name", cypher_files.query_names())
def test_every_shipped_query_gives_the_same_rows_on_both(server, embedded, name):
    query = cypher_files.strip(cypher_files.query(name))
    on_server = server.run(query, PARAMS[name])
    assert on_server[1], name  # each ready-made query finds something on the packaged graph
    assert same_rows(query, on_server, embedded.run(query, PARAMS[name]))


def test_undirected_patterns_match_each_relationship_both_ways(embedded, packaged_graph):
    expected = sorted([s, e] for s, e, _ in packaged_graph.relationships()
                      if packaged_graph.label(s) == packaged_graph.label(e) == "Track")
    expected = sorted(expected + [[e, s] for s, e in expected])
    _, rows = embedded.run(UNDIRECTED)
    assert sorted(rows) == expected
    assert len(rows) == 22


def test_variable_length_pattern_matches_networkx(embedded, packaged_graph):
    import networkx as nx

    prereq = nx.DiGraph((a, b) for a, b, _ in packaged_graph.relationships("PREREQUISITE_OF"))
    expected = sorted(n for n, d in nx.single_source_shortest_path_length(prereq, "programming", cutoff=3).items()
                      if 1 <= d <= 3)
    _, rows = embedded.run(VARIABLE_LENGTH)
    assert [r[0] for r in rows] == expected
    assert len(expected) == 17


@pytest.mark.bolt
def test_variable_length_pattern_on_the_server(server, embedded, bolt):
    on_server, on_embedded = server.run(VARIABLE_LENGTH), embedded.run(VARIABLE_LENGTH)
    if bolt.kind == "falkordb":
        # FalkorDB may drop nodes at the upper bound (see VARIABLE_LENGTH) but must invent none.
        assert {r[0] for r in on_server[1]} <= {r[0] for r in on_embedded[1]}
        assert len(on_server[1]) >= len(on_embedded[1]) - 1
        return
    assert same_rows(VARIABLE_LENGTH, on_server, on_embedded)


def test_the_issues_example_gives_exact_counts(embedded):
    columns, rows = embedded.run("MATCH (t:Track)-[:REQUIRES]->(s:Skill) RETURN t.name, count(s) "
                                 "ORDER BY count(s) DESC, t.name LIMIT 3")
    assert columns == ["t.name", "count(s)"]
    assert rows == [["Infra MLE", 10], ["DevOps Engineer", 8], ["Production MLE", 8]]


@pytest.mark.parametrize("a,b", SHORTEST)
def test_shortest_path_in_neo4j_form_matches_networkx(embedded, packaged_graph, a, b):
    from kg.paths import find_path

    expected = find_path(packaged_graph, a, b)
    _, rows = embedded.run(SHORTEST_QUERY, {"a": a, "b": b})
    assert len(rows) == 1
    hops, ids = rows[0]
    assert hops == expected["length"] and ids[0] == a and ids[-1] == b and len(ids) == hops + 1


@pytest.mark.bolt
def test_shortest_path_in_neo4j_form_on_the_server(server, bolt):
    if bolt.kind == "falkordb":
        # FalkorDB rejects `MATCH p = shortestPath(...)`; the store uses its own form there.
        from kg.errors import QueryError

        with pytest.raises(QueryError):
            server.run(SHORTEST_QUERY, {"a": "ds", "b": "kubernetes"})
        return
    for a, b in SHORTEST:
        assert server.run(SHORTEST_QUERY, {"a": a, "b": b})[1][0][0] == \
            server.shortest_path(a, b)["length"]


def test_floats_compare_as_numbers():
    assert normal([1, 2.0, "x"]) == [1.0, 2.0, "x"]
    assert not math.isnan(normal(0.1 + 0.2))
