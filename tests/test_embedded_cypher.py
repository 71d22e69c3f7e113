"""`kg cypher` without a server: the embedded engine answers, or refuses with a reason; the shipped Cypher files."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from kg import cypher as cypher_files
from kg.embedded_cypher import check_read_only, tokenize, translate, write_clause
from kg.errors import QueryError
from kg.model import LABELS, REL_TYPES


@pytest.fixture(scope="module")
def embedded(packaged_graph):
    from kg.embedded_cypher import EmbeddedCypher

    return EmbeddedCypher(packaged_graph)


@pytest.mark.parametrize("query,message", [
    ("MATCH (a)-[*]->(b) RETURN b", "needs an upper bound on variable-length patterns"),
    ("MATCH (a)-[:PREREQUISITE_OF*2..]->(b) RETURN b", "needs an upper bound"),
    ("MATCH (a)-[r:PREREQUISITE_OF*1..3]->(b) RETURN r", "name the path instead"),
    ("MATCH (n) RETURN id(n)", "use the id property"),
    ("MATCH (n) RETURN elementId(n)", "use the id property"),
    ("MATCH (n) RETURN keys(n)", "use properties(n)"),
    ("MATCH (a)-[r]->(b) RETURN startNode(r).id", "write the direction in the pattern"),
    ("CALL db.labels()", "procedures (CALL …) need a Neo4j server"),
    ("RETURN 1; RETURN 2", "one statement at a time"),
    ("MATCH (n {name: 'open) RETURN n", "unterminated string"),
    ("MATCH (n:Skill RETURN n", "the embedded Cypher engine cannot run this query: invalid Cypher syntax: Invalid input"),
    ("MATCH (n) WHERE n.name = $who RETURN n", "the query needs parameter $who: add `params['who']`"),
    ("MATCH (n) WHERE n.name =~ '[a-' RETURN n", "not a valid regular expression after =~"),
    ("MATCH (n:Skill) RETURN n.no_such_property", "Cannot find property no_such_property"),
])
def test_queries_it_would_answer_wrongly_are_refused_with_a_reason(embedded, query, message):
    with pytest.raises(QueryError) as refused:
        embedded.run(query)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize("query,clause", [
    ("CREATE (:Skill {id: 'x'})", "CREATE"),
    ("MATCH (n:Skill) SET n.name = 'x'", "SET"),
    ("MERGE (n:Skill {id: 'x'})", "MERGE"),
    ("match (n) detach delete n", "DETACH"),
    ("MATCH (n) REMOVE n.name", "REMOVE"),
    ("MATCH (n) WHERE n.name = 'CREATE' RETURN n.set AS delete, {merge: 1} AS m", None),
    ("MATCH (n) RETURN n // SET it later", None),
])
def test_write_clauses_are_found_outside_strings_comments_and_names(query, clause):
    assert write_clause(query) == clause


def test_writes_are_refused_without_write_and_on_the_embedded_graph_even_with_it(embedded):
    with pytest.raises(QueryError, match=r"^this query writes \(CREATE\); queries are read-only unless you add `write=True`$"):
        check_read_only("CREATE (n:Skill {id: 'x'})", write=False)
    check_read_only("CREATE (n:Skill {id: 'x'})", write=True)
    with pytest.raises(QueryError, match="^`write=True` needs a Neo4j server"):
        embedded.run("CREATE (n:Skill {id: 'x'})", write=True)


def test_tokens_join_back_to_the_query():
    query = "MATCH (n:`odd name` {x: 'a\\'b // c'}) /* note */ RETURN n.x AS `col`, $p1 // end"
    assert "".join(t.text for t in tokenize(query)) == query


def test_column_names_are_neo4js(embedded):
    columns, _ = embedded.run("MATCH (t:Track)-[r:REQUIRES]->(s) RETURN DISTINCT t.name, count( s ), "
                              "labels(s) AS l, type(r) ORDER BY t.name LIMIT 1")
    assert columns == ["t.name", "count( s )", "l", "type(r)"]


def test_values_come_back_as_the_driver_gives_them(embedded):
    _, rows = embedded.run("MATCH (n:Layer {id: 'data'})-[r:HAS_SKILL]->(s:Skill {id: 'data-pipeline'}) "
                           "RETURN n, r, labels(s), s.aliases")
    node, rel, labels, aliases = rows[0]
    assert node["_labels"] == ["Layer"] and node["id"] == "data" and node["order"] == 1
    assert json.loads(node["provenance"])[0]["source"] == "article" and node["source"] == "article"
    assert set(rel) == {"_type", "provenance", "source", "seq"} and rel["_type"] == "HAS_SKILL"
    assert labels == ["Skill"]
    assert isinstance(aliases, list)


def test_the_shipped_files_cover_every_label_and_type():
    assert list(cypher_files.statements("schema")) == list(LABELS)
    assert list(cypher_files.statements("schema_falkordb")) == list(LABELS)
    assert list(cypher_files.statements("load_nodes")) == list(LABELS)
    assert list(cypher_files.statements("wipe")) == list(LABELS)
    pairs = [f"{t} {a} {b}" for t, (a, b) in REL_TYPES.items()] + ["REQUIRES Track Tool"]
    assert sorted(cypher_files.statements("load_relationships")) == sorted(pairs)
    assert list(cypher_files.statements("read")) == [*LABELS, *REL_TYPES]
    for name in ("schema", "load_nodes", "load_relationships", "wipe", "read", "shortest_path"):
        for statement in cypher_files.statements(name).values():
            assert ";" not in statement and "//" not in statement
            assert "{" not in re.sub(r"\{(id|sourceNode): [^}]*\}", "", statement) or "$" in statement


@pytest.mark.parametrize("name", cypher_files.query_names())
def test_every_shipped_query_documents_its_parameters_and_example(name):
    source = cypher_files.query(name)
    params = cypher_files.params_of(source)
    used = sorted(set(re.findall(r"\$([A-Za-z_]\w*)", source)))
    assert sorted(params) == used
    example = re.search(r"^// example: (kg cypher -f (\w+)\.cypher.*)$", source, re.MULTILINE)
    assert example and example.group(2) == name
    assert sorted(re.findall(r"--param (\w+)=", example.group(1))) == sorted(params)


# The rows each shipped query's own example gives on the packaged graph (columns, then rows in order).
SHIPPED_ROWS = {
    "career_moves": (("relation", "track"), [
        ("COLLABORATES_WITH", "Production MLE"), ("TRANSITIONS_TO", "Production MLE")]),
    "learning_path": (("layer_order", "layer", "skill", "hours", "missing_prerequisites"), [
        (1, "Data", "Data pipeline", 80, 0), (3, "Application", "Cloud computing", 65, 0), (4, "Control", "CI/CD", 35, 1),
        (4, "Control", "Orchestration", 42, 2)]),
    "prerequisites": (("prerequisite", "steps"), [
        ("Cluster management", 1), ("Data pipeline", 1), ("Cloud computing", 2), ("Containerization", 2),
        ("Programming", 2), ("Software engineering", 3)]),
    "shared_skills": (("layer_order", "layer", "skill"), [
        (1, "Data", "Data pipeline"), (3, "Application", "Cloud computing"), (4, "Control", "Orchestration")]),
    "skills_per_track": (("track", "skills", "core"), [
        ("Infra MLE", 10, 5), ("DevOps Engineer", 8, 7), ("Production MLE", 8, 4), ("Data Engineer", 7, 5),
        ("Research Scientist", 7, 5), ("Data Scientist", 6, 4), ("Research MLE", 5, 4), ("Software Engineer", 4, 2),
        ("Product Manager", 3, 2)]),
    "top_tools": (("tool", "postings", "tracks", "skills", "ranked_by"), [
        (tool, 0, tracks, skills, "tracks (no job-posting demand loaded)") for tool, tracks, skills in (
            ("scikit-learn", 6, 2), ("LightGBM", 6, 1), ("XGBoost", 6, 1), ("R", 5, 2), ("SQL", 5, 2), ("AWS", 5, 1),
            ("Alibaba Cloud", 5, 1), ("C++", 5, 1), ("Go", 5, 1), ("Google Cloud Platform", 5, 1))]),
    "track_skills_by_layer": (("layer_order", "layer", "level", "skill"), [
        (1, "Data", "core", "Data pipeline"), (2, "Algorithm", "core", "ML frameworks"),
        (2, "Algorithm", "core", "Machine learning"), (3, "Application", "bonus", "Domain knowledge"),
        (3, "Application", "bonus", "GPU acceleration"), (3, "Application", "bonus", "Model serving"),
        (3, "Application", "core", "Cloud computing"), (4, "Control", "bonus", "Cluster management")]),
}


def test_every_shipped_query_has_its_rows_listed():
    assert sorted(SHIPPED_ROWS) == sorted(cypher_files.query_names())


@pytest.mark.parametrize("name", sorted(SHIPPED_ROWS))
def test_every_shipped_query_gives_its_rows_embedded_through_the_cli(name):
    from click.testing import CliRunner

    from kg.cli import cli

    source = cypher_files.query(name)
    example = re.search(r"^// example: kg cypher (.*)$", source, re.MULTILINE).group(1)
    import shlex

    result = CliRunner().invoke(cli, ["cypher", *shlex.split(example), "--json"], env={"NEO4J_URI": ""})
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    columns, expected = SHIPPED_ROWS[name]
    assert [tuple(row) for row in rows] == [columns] * len(expected)
    assert [tuple(row.values()) for row in rows] == expected


def test_translation_of_the_issues_dialect_gaps():
    assert translate("MATCH p = allShortestPaths((a:Skill {id: $a})-[:PREREQUISITE_OF*..4]->(b)) RETURN p", 9)[0] == \
        "MATCH p = (a:Skill {id: $a})-[:PREREQUISITE_OF* ALL SHORTEST 1..4]->(b) RETURN p"
    assert translate("MATCH (a)-[:T*2]->(b) RETURN b.name")[0] == "MATCH (a)-[:T* TRAIL 2..2]->(b) RETURN b.`name`"


def test_cli_table_output_exactly(kg_run):
    result = kg_run("cypher", "MATCH (t:Track)-[:REQUIRES]->(s:Skill) RETURN t.name, count(s) "
                    "ORDER BY count(s) DESC, t.name LIMIT 2", env={"NEO4J_URI": ""})
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "t.name           count(s)",
        "---------------  --------",
        "Infra MLE        10",
        "DevOps Engineer  8",
        "(2 rows)",
    ]


def test_cli_errors_are_one_line(kg_run, write):
    cases = [
        (["cypher", "CREATE (:Skill {id: 'x'})"], "Error: this query writes (CREATE); queries are read-only unless you add --write"),
        (["cypher", "RETURN 1", "--param", "oops"], "Error: --param needs name=value, got 'oops'"),
        (["cypher"], "Error: give a query or -f FILE (one of them)"),
        (["cypher", "-f", "nope.cypher"], "Error: no file 'nope.cypher'; the ready-made queries are: "
                                          + ", ".join(cypher_files.query_names())),
        (["cypher", "MATCH (n) RETURN id(n)"], ("Error: the embedded engine would answer id() differently: internal ids "
                                               "differ between engines: use the id property (n.id)")),
    ]
    for args, line in cases:
        result = kg_run(*args, env={"NEO4J_URI": ""})
        assert result.code == 1, args
        assert result.err.strip().splitlines() == [line]
    query = write("q.cypher", "// my query\nMATCH (n:Layer) RETURN n.name ORDER BY n.order;\n")
    ok = kg_run("cypher", "-f", query, "--json", env={"NEO4J_URI": ""})
    assert ok.code == 0 and [r["n.name"] for r in json.loads(ok.out)] == ["Data", "Algorithm", "Application", "Control"]


def test_the_commands_import_neither_driver_nor_engine_until_they_run():
    code = ("import sys, kg.cli.neo4j, kg.cli.export, kg.export, kg.export.cypher_script, kg.export.admin_csv, "
            "kg.export.graphml, kg.export.nodelink, kg.stores; "
            "print(sorted(m for m in ('neo4j', 'ladybug') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("name", ["kg.cypher", "kg.embedded_cypher", "kg.stores", "kg.stores.base", "kg.stores.neo4j", "kg.export",
                                  "kg.export.nodelink", "kg.export.graphml", "kg.export.cypher_script",
                                  "kg.export.admin_csv", "kg.cli.neo4j"])
def test_doctests(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


# -- the engine's database kept beside the graph cache ------------------------------------------------
def engine_home(folder):
    from kg.cache import content_key

    return folder / f"cypher-{content_key()}"


def digest(path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


COUNT = "MATCH (t:Track)-[r:REQUIRES]->(s) RETURN count(r) AS requires"


def test_the_kept_database_is_reused_not_rebuilt(kept):
    import os
    import stat

    from kg.embedded_cypher import open_engine

    folder, loader, calls = kept
    first = open_engine([], loader)
    assert (first.read_only, first.run(COUNT), len(calls)) == (True, (["requires"], [[58]]), 1)
    home = engine_home(folder)
    assert sorted(os.listdir(home)) == ["graph.lbdb", "schema.json"]
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    assert [stat.S_IMODE(os.stat(home / f).st_mode) for f in ("graph.lbdb", "schema.json")] == [0o600, 0o600]
    before = (os.stat(home / "graph.lbdb").st_ino, os.stat(home / "graph.lbdb").st_mtime_ns, digest(home / "graph.lbdb"))
    first.close()
    second = open_engine([], loader)
    assert (second.read_only, second.run(COUNT), len(calls)) == (True, (["requires"], [[58]]), 1)
    assert (os.stat(home / "graph.lbdb").st_ino, os.stat(home / "graph.lbdb").st_mtime_ns,
            digest(home / "graph.lbdb")) == before
    # Nothing left behind: no temporary directory, no log beside the database.
    assert sorted(os.listdir(folder)) == [home.name, home.name.replace("cypher-", "graph-") + ".json"]


@pytest.mark.parametrize("harm", ["flip a byte", "truncate", "group-writable file", "group-writable dir",
                                  "a log beside it", "schema of another key", "a link instead"])
def test_a_tampered_or_untrusted_database_is_rebuilt(kept, harm, tmp_path):
    import os

    from kg.embedded_cypher import open_engine

    folder, loader, calls = kept
    open_engine([], loader).close()
    home = engine_home(folder)
    db = home / "graph.lbdb"
    good = digest(db)
    if harm == "flip a byte":
        raw = bytearray(db.read_bytes())
        raw[len(raw) // 2] ^= 0xFF
        db.write_bytes(bytes(raw))
    elif harm == "truncate":
        db.write_bytes(db.read_bytes()[:4096])
    elif harm == "group-writable file":
        os.chmod(db, 0o620)
    elif harm == "group-writable dir":
        os.chmod(home, 0o770)
    elif harm == "a log beside it":
        (home / "graph.lbdb.wal").write_bytes(b"\0" * 64)
    elif harm == "schema of another key":
        schema = json.loads((home / "schema.json").read_text())
        (home / "schema.json").write_text(json.dumps({**schema, "key": "0" * 64}))
    else:
        elsewhere = tmp_path / "planted"
        os.rename(home, elsewhere)
        os.symlink(elsewhere, home)
    engine = open_engine([], loader)
    assert (engine.read_only, engine.run(COUNT), len(calls)) == (True, (["requires"], [[58]]), 2)
    assert not home.is_symlink() and sorted(os.listdir(home)) == ["graph.lbdb", "schema.json"]
    assert oct(os.stat(home).st_mode & 0o777) == "0o700"
    assert digest(db) == json.loads((home / "schema.json").read_text())["sha256"]
    if harm == "a link instead":
        assert digest(tmp_path / "planted" / "graph.lbdb") == good  # the link's target was not touched
    assert [n for n in os.listdir(folder) if n.startswith(".")] == []


def test_writes_never_change_the_kept_database(kept, kg_run):
    from kg.embedded_cypher import open_engine

    folder, loader, _ = kept
    open_engine([], loader).close()
    db = engine_home(folder) / "graph.lbdb"
    before = digest(db)
    r = kg_run("cypher", "MATCH (s:Skill {id: 'python'}) SET s.name = 'changed'")
    assert (r.code, r.err.strip()) == (1, "Error: this query writes (SET); queries are read-only unless you add --write")
    r = kg_run("cypher", "--write", "CREATE (n:Skill {id: 'planted'})")
    assert r.code == 1 and "needs a Neo4j server" in r.err
    engine = open_engine([], loader)
    with pytest.raises(RuntimeError, match="read-only"):  # past the refusal, the engine itself refuses
        engine._execute("CREATE (n:Skill {id: 'planted'})")
    # A label the graph lacks is declared on a private copy: the answer is empty, the kept file unchanged.
    assert engine.run("MATCH (n:Certificate) RETURN count(n) AS n") == (["n"], [[0]])
    assert not engine.read_only
    assert kg_run("cypher", "MATCH (n:Skill {id: 'planted'}) RETURN n.id").out.strip().endswith("(no rows)")
    assert digest(db) == before


def test_without_the_cache_the_engine_is_built_in_memory(kept, monkeypatch):
    from kg.embedded_cypher import open_engine

    folder, loader, calls = kept
    monkeypatch.setenv("KG_NO_CACHE", "1")
    engine = open_engine([], loader)
    assert (engine.read_only, engine.run(COUNT), len(calls)) == (False, (["requires"], [[58]]), 1)
    assert not folder.exists()


def test_bulk_loading_keeps_every_value_exactly(tmp_path):
    """The CSV the engine parses and the list parameters give back what the graph holds: empty
    text is not null, quotes, commas, new lines, backslashes and exact floats survive."""
    from kg.embedded_cypher import EmbeddedCypher
    from kg.model import KnowledgeGraph

    g = KnowledgeGraph()
    texts = ["", 'say "hi"', "a,b", "two\nlines", "cr\r\nlf", "back\\slash", " padded ", "中文", "NULL", "\\N"]
    for i, text in enumerate(texts):
        g.add_node(f"s{i}", "Skill", name=text, aliases=[] if i % 2 else [text, "x,y"], effort_hours=i / 3)
    for i, text in enumerate(texts[1:], 1):
        g.add_relationship("PREREQUISITE_OF", f"s{i - 1}", f"s{i}", strength=text, weight=i / 7, hard=i % 2 == 0)
    for engine in (EmbeddedCypher(g), EmbeddedCypher(g, path=str(tmp_path / "g.lbdb"))):
        _, nodes = engine.run("MATCH (s:Skill) RETURN s.id, s.name, s.aliases, s.effort_hours ORDER BY s.seq")
        assert nodes == [[f"s{i}", t, [] if i % 2 else [t, "x,y"], i / 3] for i, t in enumerate(texts)]
        _, rels = engine.run("MATCH (a)-[r:PREREQUISITE_OF]->(b) RETURN b.id, r.strength, r.weight, r.hard "
                             "ORDER BY r.seq")
        assert rels == [[f"s{i}", t, i / 7, i % 2 == 0] for i, t in enumerate(texts[1:], 1)]
