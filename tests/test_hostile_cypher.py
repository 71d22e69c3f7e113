"""`kg cypher` from someone who means harm: read clauses only, no query text from parameters,
bounded nesting and time; and the Neo4j connection settings (issue 9 items 2-5 and the low ones)."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from bolt_support import open_test_store
from hostile_support import kg


def one_line(r) -> str:
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.err, r.err
    return lines[0]


READ_ONLY = "queries are read-only unless you add --write"


# -- the embedded engine: only read clauses -----------------------------------------------------
@pytest.mark.parametrize("query,word", [
    ("COPY (RETURN 'x' AS a) TO '{target}'", "COPY"),
    ("INSTALL httpfs", "INSTALL"),
    ("LOAD EXTENSION httpfs", "LOAD"),
    ("ATTACH '{target}' AS other (dbtype lbug)", "ATTACH"),
    ("EXPORT DATABASE '{target}'", "EXPORT"),
    ("MATCH (n:Tool) RETURN n.name AS name COPY (RETURN 1) TO '{target}'", "COPY"),
    ("MATCH (n:Tool) WHERE EXISTS {{ CREATE (m:Tool {{id: 'x'}}) }} RETURN n", "CREATE"),
    ("USE other MATCH (n) RETURN n", "USE"),
    ("CHECKPOINT", "CHECKPOINT"),
])
def test_only_read_clauses_run_without_write(tmp_path, query, word):
    target = tmp_path / "planted.csv"
    r = kg("cypher", query.format(target=target))
    assert (r.code, r.out) == (1, "")
    clause = f"writes ({word})" if word in ("CREATE", "LOAD") else f"uses {word}, which is not a read clause"
    assert one_line(r) == f"Error: this query {clause}; {READ_ONLY}"
    assert not target.exists()


@pytest.mark.parametrize("query", [
    "MATCH (n:Tool) RETURN n.name AS copy ORDER BY copy LIMIT 1",
    "MATCH (t:Tool {id: 'python'}) RETURN [x IN t.aliases | x] AS attach LIMIT 1",
    "MATCH (s:Skill) WHERE s.name STARTS WITH 'C' AND s.id IS NOT NULL RETURN s.id ORDER BY s.id DESC LIMIT 1",
    "MATCH (t:Track {id: 'ds'}) RETURN CASE WHEN t.name = 'x' THEN 1 ELSE 2 END AS c, 1 AS attach",
])
def test_read_queries_with_clause_like_names_still_run(query):
    r = kg("cypher", query)
    assert r.code == 0, r.err


def test_write_on_the_embedded_graph_still_says_it_needs_a_server():
    r = kg("cypher", "--write", "COPY (RETURN 1 AS a) TO '/tmp/never.csv'")
    assert r.code == 1 and "--write needs a Neo4j server" in one_line(r)
    assert not os.path.exists("/tmp/never.csv")


# -- nesting and time ---------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [60, 500, 1000])
def test_deep_nesting_is_refused_before_the_engine_sees_it(kg_run, depth):
    # In a child process: on the engine itself, 1,000 levels crash the interpreter (exit 139).
    r = kg_run("cypher", "RETURN " + "[" * depth + "1" + "]" * depth + " AS x")
    assert r.code == 1
    assert r.err == f"Error: the query nests brackets {depth} deep; at most 50 are allowed\n"


def test_a_slow_query_is_given_up_at_the_timeout(kg_run):
    started = time.monotonic()
    r = kg_run("cypher", "--timeout", "1", "UNWIND range(1, 400000000) AS x RETURN count(x) AS n")
    took = time.monotonic() - started
    assert r.code == 1
    assert r.err == ("Error: no answer within 1 s: the query was given up (a longer --timeout allows more)\n")
    assert took < 8, took


def test_the_timeout_must_be_positive():
    r = kg("cypher", "--timeout", "0", "RETURN 1")
    assert r.code == 2 and "Invalid value for '--timeout': 0.0 is not in the range x>0." in r.err


# -- parameters -----------------------------------------------------------------------------------
@pytest.mark.parametrize("param,message", [
    ("x=123456789012345678901234567890",
     '--param x: 123456789012345678901234567890 does not fit in a 64-bit integer (give it as "text")'),
    ("x=[1, -99999999999999999999]", '--param x: -99999999999999999999 does not fit in a 64-bit integer'),
    ("x=1e400", "--param x: inf is not a finite number"),
    ("a b=1", "--param name 'a b' is not a plain name (letters, digits and _, not first a digit)"),
    ("x}) MATCH (n) SET n.x=1 //=1", "is not a plain name"),
])
def test_parameters_no_server_can_hold_are_one_line(param, message):
    r = kg("cypher", "-p", param, "RETURN $x AS x")
    assert r.code == 1
    assert message in one_line(r)


def test_nan_and_infinity_words_stay_text():
    r = kg("cypher", "-p", "x=NaN", "--json", "RETURN $x AS x")
    assert (r.code, r.out.split()) == (0, ["[", "{", '"x":', '"NaN"', "}", "]"])


def test_map_keys_of_every_parameter_must_be_plain_names():
    from kg.errors import QueryError
    from kg.stores.neo4j import FALKORDB, NEO4J, Neo4jStore

    class Driver:
        def session(self, **kwargs):
            raise AssertionError("nothing may be sent")

    for dialect in (FALKORDB, NEO4J):
        store = Neo4jStore(Driver(), dialect=dialect)
        for params in ({"filter": {'id: 1} MATCH (n) SET n.name = "PWN2" //': "git"}},
                       {"rows": [{"props": {"ok": 1, "bad key": 2}}]}):
            with pytest.raises(QueryError, match="is not a plain name"):
                store.run("MATCH (t:Tool) WHERE t.id = $filter.id RETURN t.name", params)
        with pytest.raises(QueryError, match="is not a plain name"):
            store._params({"x": [{"nested": {"a-b": 1}}]})


# -- against a real Bolt server -----------------------------------------------------------------------
@pytest.fixture
def pushed(bolt, packaged_graph):
    with open_test_store(bolt) as store:
        store.push(packaged_graph, wipe=True)
    return bolt


@pytest.mark.bolt
def test_a_map_key_cannot_become_query_text(pushed):
    r = kg("cypher", "MATCH (t:Tool) WHERE t.id = $filter.id RETURN t.name",
           "-p", 'filter={"id: 1} MATCH (n:Tool {id: \\"git\\"}) SET n.name = \\"PWN2\\" //": "git"}',
           env=pushed.env)
    assert r.code == 1
    assert one_line(r).startswith("Error: parameter key 'id: 1} MATCH (n:Tool {id: \"git\"}) SET n.name")
    with open_test_store(pushed) as store:
        assert store.run("MATCH (t:Tool {id: 'git'}) RETURN t.name")[1] == [["Git"]]


@pytest.mark.bolt
def test_procedures_that_write_need_write_on_the_server(pushed):
    create = "CALL db.idx.fulltext.createNodeIndex('Tool', 'name')"
    r = kg("cypher", create, env=pushed.env)
    assert (r.code, one_line(r)) == (1, f"Error: this query uses CALL, which is not a read clause; {READ_ONLY}")
    r = kg("cypher", "CALL db.labels() YIELD label RETURN label ORDER BY label", env=pushed.env)
    assert r.code == 0, r.err
    assert r.out.split()[2:6] == ["Layer", "Skill", "Tool", "Track"]


@pytest.mark.bolt
def test_deep_nesting_never_reaches_the_server(pushed):
    r = kg("cypher", "RETURN " + "[" * 300 + "1" + "]" * 300 + " AS x", env=pushed.env)
    assert (r.code, one_line(r)) == (1, "Error: the query nests brackets 300 deep; at most 50 are allowed")
    assert kg("cypher", "RETURN 1 AS ok", env=pushed.env).code == 0  # the server still answers


# -- connection settings ----------------------------------------------------------------------------
def test_a_password_in_the_uri_is_never_printed():
    r = kg("--neo4j-uri", "bolt://neo4j:s3cret@127.0.0.1:1", "neo4j", "status")
    assert r.code == 3
    assert one_line(r) == ("Error: 'bolt://neo4j:***@127.0.0.1:1': give the user and password with "
                           "--neo4j-user/--neo4j-password (NEO4J_USER/NEO4J_PASSWORD), not in the URI")
    assert "s3cret" not in r.out + r.err


@pytest.mark.parametrize("uri,message", [
    ("bolt://[::1", "Error: 'bolt://[::1' is not a valid URI (Invalid IPv6 URL)"),
    ("bolt://h:abc", "Error: 'bolt://h:abc' is not a valid URI (Port could not be cast to integer value as 'abc')"),
])
def test_a_malformed_uri_is_one_line(uri, message):
    r = kg("--neo4j-uri", uri, "neo4j", "status")
    assert r.code == 3
    assert one_line(r).startswith(message)


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "soon"])
def test_a_bad_timeout_setting_is_one_line(value):
    r = kg("--neo4j-uri", "bolt://127.0.0.1:1", "neo4j", "status", env={"KG_NEO4J_TIMEOUT": value})
    assert r.code == 3
    assert one_line(r) == f"Error: KG_NEO4J_TIMEOUT must be a number of seconds above 0, not '{value}'"


def test_embedded_timeout_leaves_the_process_able_to_exit():
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "kg", "cypher", "--timeout", "0.5",
                           "UNWIND range(1, 400000000) AS x RETURN count(x) AS n"],
                          capture_output=True, check=False, text=True, timeout=60)
    assert proc.returncode == 1 and time.monotonic() - started < 8


# -- kg stats on a large graph ---------------------------------------------------------------------
def test_stats_samples_betweenness_above_a_size_and_says_so(monkeypatch):
    import json

    from kg.loaders.curated import load_graph

    from kg import browse

    exact = kg("stats").out.splitlines()[3]
    assert exact.startswith("Most central skills (betweenness): Programming 0.")
    n = json.loads(kg("stats", "--json").out)["total_nodes"]
    m = load_graph().undirected().number_of_edges()
    assert (n, m) == (89, 198)
    monkeypatch.setattr(browse, "EXACT_BETWEENNESS_NODES", 50)
    # A budget of 30 passes over the graph: 30 sources.
    monkeypatch.setattr(browse, "BETWEENNESS_BUDGET", 30 * (n + m) + (n + m - 1))
    first, second = kg("stats"), kg("stats", "--json")
    line = first.out.splitlines()[3]
    assert line.startswith("Most central skills (betweenness, estimated from 30 of 89 nodes as sources: a budget of "
                           "8,896 visits over 287 nodes and relationships, seed 0): ")
    data = json.loads(second.out)
    assert data["betweenness"] == {"exact": False, "sources": 30, "nodes": 89, "relationships": 198,
                                   "budget": 8896, "seed": 0}
    # The same sample every run: the same numbers.
    assert [f"{c['name']} {c['betweenness']:.3f}" for c in data["central_skills"]] == \
        line.split("): ", 1)[1].split(", ")


@pytest.mark.bolt
def test_a_slow_query_on_the_server_is_given_up_at_the_timeout(pushed):
    started = time.monotonic()
    r = kg("cypher", "--timeout", "0.5", "UNWIND range(1, 30000000) AS x RETURN count(x) AS n", env=pushed.env)
    took = time.monotonic() - started
    assert r.code == 1, r.out
    line = one_line(r)
    # FalkorDB does not enforce the transaction timeout the driver sends: the client gives up.
    # Neo4j enforces it, and answers first with its own error.
    assert line == "Error: no answer within 0.5 s: the query was given up (a longer --timeout allows more)" or (
        pushed.kind != "falkordb" and "timeout" in line.lower()), line
    assert took < 5, took
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the server is left able to answer again
        if kg("cypher", "RETURN 1 AS ok", env=pushed.env).code == 0:
            return
        time.sleep(1)
    pytest.fail("the server did not answer after the timeout")


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_query_file_that_is_not_a_regular_file_is_not_read(tmp_path, special):
    import threading

    path = special
    if special == "fifo":
        path = str(tmp_path / "q.cypher")
        os.mkfifo(path)
    box = []
    t = threading.Thread(target=lambda: box.append(kg("cypher", "-f", path)), daemon=True)
    t.start()
    t.join(10)
    assert box, "kg cypher -f still reading"
    assert one_line(box[0]) == f"Error: cannot read {path}: not a regular file (a pipe, socket or device is not read)"
