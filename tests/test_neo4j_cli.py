"""`kg neo4j`, `kg cypher` and `kg --backend neo4j …` against a real Bolt server, run as a user would."""
from __future__ import annotations

import itertools
import json
import re

import pytest
from bolt_support import free_port, open_test_store

pytestmark = pytest.mark.bolt


@pytest.fixture
def pushed(bolt, packaged_graph):
    """The server holding exactly the packaged graph."""
    with open_test_store(bolt) as store:
        store.push(packaged_graph, wipe=True)
    return bolt


def one_error_line(result) -> str:
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    return lines[0]


def test_push_prints_what_it_wrote(bolt, kg_run, packaged_graph):
    result = kg_run("neo4j", "push", "--wipe", "--yes", env=bolt.env)
    assert result.code == 0, result.err
    counts = packaged_graph.counts()
    nodes, rels = sum(counts["nodes"].values()), sum(counts["relationships"].values())
    last = result.out.strip().splitlines()[-1]
    limit = " and 2,000 bytes" if bolt.kind == "falkordb" else ""
    assert re.fullmatch(rf"Pushed {nodes} nodes and {rels} relationships to {re.escape(bolt.uri)} "
                        rf"\({bolt.kind}\) in \d+\.\d\d s: \d+ transactions of up to \d+ rows{limit}, "
                        rf"after deleting \d+ nodes\.",
                        last), last
    assert "node          Skill              25" in result.out
    assert result.err == ""  # no progress bar when piped


def test_push_twice_then_status_says_the_database_holds_the_graph(bolt, kg_run):
    assert kg_run("neo4j", "push", "--batch-size", "7", env=bolt.env).code == 0
    assert kg_run("neo4j", "push", "--json", env=bolt.env).code == 0
    result = kg_run("neo4j", "status", env=bolt.env)
    assert result.code == 0, result.err
    assert result.out.strip().splitlines()[-1] == "The database holds the graph."


def test_wipe_asks_first_and_without_an_answer_does_nothing(pushed, kg_run, packaged_graph):
    result = kg_run("neo4j", "push", "--wipe", env=pushed.env, input="")
    assert result.code == 1
    assert "Delete every Track, Layer, Skill and Tool node in" in result.out
    with open_test_store(pushed) as store:
        assert store.counts() == packaged_graph.counts()


def test_server_down_is_one_line_and_exit_3(kg_run):
    port = free_port()
    result = kg_run("cypher", "RETURN 1", env={"NEO4J_URI": f"bolt://127.0.0.1:{port}", "KG_NEO4J_TIMEOUT": "2"})
    assert result.code == 3
    assert one_error_line(result) == (f"Error: cannot reach bolt://127.0.0.1:{port}: connection refused — is the "
                                      "server running? (--neo4j-uri / NEO4J_URI)")
    for args in (["neo4j", "push"], ["--backend", "neo4j", "stats"], ["neo4j", "status"]):
        result = kg_run(*args, env={"NEO4J_URI": f"bolt://127.0.0.1:{port}", "KG_NEO4J_TIMEOUT": "2"})
        assert result.code == 3, args
        assert one_error_line(result).startswith("Error: cannot reach bolt://127.0.0.1:")


def test_no_connection_configured_is_exit_3(kg_run):
    result = kg_run("neo4j", "push", env={"NEO4J_URI": ""})
    assert result.code == 3
    assert one_error_line(result) == ("Error: no Neo4j connection configured: pass --neo4j-uri or set NEO4J_URI "
                                      "(e.g. bolt://localhost:7687)")


def test_bad_password_is_one_line_and_exit_3(bolt, kg_run):
    result = kg_run("cypher", "RETURN 1", env={**bolt.env, "NEO4J_PASSWORD": "not-the-password"})
    assert result.code == 3
    # FalkorDB answers a wrong password with a generic error; Neo4j with an authentication error.
    reason = ("refused the connection: An unknown error occurred (check the credentials: "
              "--neo4j-user/--neo4j-password)" if bolt.kind == "falkordb" else
              "refused the credentials: check --neo4j-user/--neo4j-password (NEO4J_USER/NEO4J_PASSWORD)")
    assert one_error_line(result) == f"Error: {bolt.env['NEO4J_URI']} {reason}"


def test_not_a_bolt_uri_is_exit_3(kg_run):
    result = kg_run("cypher", "RETURN 1", env={"NEO4J_URI": "http://127.0.0.1:7474"})
    assert result.code == 3
    assert one_error_line(result).startswith("Error: 'http://127.0.0.1:7474' is not a Bolt URI")


def test_a_syntax_error_is_the_servers_message_and_exit_1(pushed, kg_run):
    result = kg_run("cypher", "MATCH (n:Skill RETURN n", env=pushed.env)
    assert result.code == 1
    assert one_error_line(result).startswith("Error: the server rejected the query: ")


def test_a_write_without_write_is_refused(pushed, kg_run):
    result = kg_run("cypher", "CREATE (:Skill {id: 'sneaky'})", env=pushed.env)
    assert result.code == 1
    assert one_error_line(result) == ("Error: this query writes (CREATE); queries are read-only unless you add "
                                      "--write")
    ok = kg_run("cypher", "--write", "CREATE (:Skill {id: $id}) RETURN 1 AS made", "--param", "id=sneaky",
                env=pushed.env)
    assert ok.code == 0, ok.err
    count = kg_run("cypher", "--json", "MATCH (n:Skill {id: 'sneaky'}) DETACH DELETE n RETURN 1", "--write",
                   env=pushed.env)
    assert count.code == 0 and json.loads(count.out) == [{"1": 1}]


def test_cypher_table_and_json_with_parameters(pushed, kg_run):
    hostile = "it's {x} // y"
    result = kg_run("cypher", "--json", "RETURN $a AS a, $n AS n, $l AS l", "-p", f"a={hostile}", "-p", "n=3",
                    "-p", 'l=["x", 1]', env=pushed.env)
    assert result.code == 0, result.err
    assert json.loads(result.out) == [{"a": hostile, "n": 3, "l": ["x", 1]}]
    table = kg_run("cypher", "-f", "shared_skills", "-p", "a=infra-mle", "-p", "b=Data Engineer", env=pushed.env)
    assert table.code == 0, table.err
    assert table.out.splitlines() == [
        "layer_order  layer        skill",
        "-----------  -----------  ---------------",
        "1            Data         Data pipeline",
        "3            Application  Cloud computing",
        "4            Control      Orchestration",
        "(3 rows)",
    ]


def test_backend_neo4j_reads_the_same_graph_for_every_command(pushed, kg_run):
    for args in (["stats", "--json"], ["show", "k8s", "--json"], ["search", "pipeline", "--json"],
                 ["list", "Track", "--json"], ["compare", "ds", "infra-mle", "--json"],
                 ["plan", "--from", "ds", "--to", "infra-mle", "--json"],
                 # the person model answers the same from the database: tools, partial knowledge, fit, next
                 ["plan", "--to", "production-mle", "--know", "sql,python", "--level", "entry", "--json"],
                 ["fit", "--know", "docker,aws", "--from", "devops", "--json"],
                 ["next", "--know", "programming", "--json"],
                 # a weighted, every-path or --via path is worked out in memory from the database's graph
                 ["path", "statistics", "data-pipeline", "--weighted", "--json"],
                 ["path", "DS", "Infra MLE", "--all", "--json"],
                 ["path", "pytorch", "kubernetes", "--via", "skill,track", "--json"]):
        memory = kg_run(*args)
        server = kg_run("--backend", "neo4j", *args, env=pushed.env)
        assert memory.code == 0 and server.code == 0, (args, server.err)
        assert json.loads(server.out) == json.loads(memory.out), args
    # A path may be the server's own shortestPath: of several equally short ones it may pick another.
    memory = json.loads(kg_run("path", "ds", "kubernetes", "--json").out)
    server = kg_run("--backend", "neo4j", "path", "ds", "kubernetes", "--json", env=pushed.env)
    assert server.code == 0, server.err
    from kg.loaders.curated import load_graph

    assert json.loads(server.out)["length"] == memory["length"] == 3
    answer = json.loads(server.out)
    assert answer["server"] is True and "server" not in memory  # the database's own shortestPath
    assert (answer["from"], answer["to"], answer["directed"], answer["weighted"]) == ("ds", "kubernetes", False, False)
    no_path = kg_run("--backend", "neo4j", "path", "kubernetes", "infra-mle", "--directed", env=pushed.env)
    assert no_path.code == 1
    assert one_error_line(no_path) == ("Error: no path from 'Kubernetes' (kubernetes) to 'Infra MLE' (infra-mle); "
                                       "try without --directed")
    assert_valid_path(load_graph(), json.loads(server.out), "ds", "kubernetes", directed=False)


def test_plan_and_path_equal_in_memory_for_every_track_pair(pushed, packaged_graph):
    from kg.paths import find_path
    from kg.plan import make_plan

    with open_test_store(pushed) as store:
        db_graph = store.read_graph()
        tracks = packaged_graph.ids("Track")
        for a, b in itertools.permutations(tracks, 2):
            for level in ("full", "entry"):
                assert make_plan(db_graph, a, b, level=level) == make_plan(packaged_graph, a, b, level=level), (a, b)
            for directed in (False, True):
                try:
                    expected = find_path(packaged_graph, a, b, directed=directed)
                except Exception:  # noqa: BLE001 - no directed path: the server must find none either
                    expected = None
                assert (find_path(db_graph, a, b, directed=directed) if expected else None) == expected
                server = store.shortest_path(a, b, directed=directed)
                if expected is None:
                    assert server is None, (a, b, directed)
                    continue
                assert server["length"] == expected["length"], (a, b, directed)
                assert_valid_path(packaged_graph, server, a, b, directed)


def assert_valid_path(graph, path, a, b, directed):
    ids = [n["id"] for n in path["nodes"]]
    assert ids[0] == a and ids[-1] == b and len(set(ids)) == len(ids)
    for (u, v), rel in zip(itertools.pairwise(ids), path["relationships"]):
        assert {rel["start"], rel["end"]} == {u, v}
        if directed:
            assert (rel["start"], rel["end"]) == (u, v)
        assert graph.relationship(rel["type"], rel["start"], rel["end"]) is not None
    for node in path["nodes"]:
        assert graph.label(node["id"]) == node["label"] and graph.name(node["id"]) == node["name"]
