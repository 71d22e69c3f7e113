"""`kg export`: every format holds the same graph; the Cypher script and CSV load back unchanged."""
from __future__ import annotations

import json

import pytest
from bolt_support import open_test_store
from store_support import HOSTILE, hostile_graph

from kg.embedded_cypher import split_statements
from kg.export import read_export, write_export
from kg.export.cypher_script import to_cypher
from kg.stores.base import graph_contents


@pytest.mark.parametrize("fmt", ["json", "graphml", "csv"])
def test_export_reads_back_as_the_same_graph(packaged_graph, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    write_export(packaged_graph, fmt, target)
    assert graph_contents(read_export(fmt, target)) == graph_contents(packaged_graph)


@pytest.mark.parametrize("fmt", ["json", "graphml", "csv"])
def test_hostile_names_survive_every_format(tmp_path, fmt):
    g = hostile_graph()
    write_export(g, fmt, tmp_path / "out")
    back = read_export(fmt, tmp_path / "out")
    assert graph_contents(back) == graph_contents(g)
    assert back.name("odd-skill") == HOSTILE


def test_reading_back_is_bounded_and_refuses_what_is_not_a_file(packaged_graph, tmp_path):
    import os

    from kg.errors import DataError

    with pytest.raises(DataError, match=rf"^cannot read {tmp_path}/none.json: no such file$"):
        read_export("json", tmp_path / "none.json")
    os.mkfifo(tmp_path / "pipe.json")  # reading would block forever
    with pytest.raises(DataError, match=r"pipe.json: not a regular file \(a pipe, socket or device is not read\)$"):
        read_export("json", tmp_path / "pipe.json")
    write_export(packaged_graph, "csv", tmp_path / "csv")
    os.mkfifo(tmp_path / "csv" / "zz.csv")
    with pytest.raises(DataError, match=r"zz.csv: not a regular file"):
        read_export("csv", tmp_path / "csv")
    (tmp_path / "latin.json").write_bytes(b'{"x": "\xe9"}')
    with pytest.raises(DataError, match=r"latin.json: not UTF-8 text \(byte 7\)$"):
        read_export("json", tmp_path / "latin.json")


def test_csv_has_neo4j_admin_headers_and_an_import_command(packaged_graph, tmp_path):
    paths = write_export(packaged_graph, "csv", tmp_path)
    names = sorted(p.name for p in paths)
    assert names == sorted(["import.sh", "nodes_Track.csv", "nodes_Layer.csv", "nodes_Skill.csv", "nodes_Tool.csv"]
                           + [f"relationships_{t}.csv" for t in packaged_graph.counts()["relationships"]])
    header = (tmp_path / "nodes_Layer.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "id:ID,name,name_zh,aliases:string[],description,order:long,provenance,source,seq:long,:LABEL"
    rel_header = (tmp_path / "relationships_REQUIRES.csv").read_text(encoding="utf-8").splitlines()[0]
    assert rel_header.startswith(":START_ID,:END_ID,") and rel_header.endswith(",:TYPE")
    script = (tmp_path / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script and "--nodes=nodes_Skill.csv" in script
    rows = (tmp_path / "nodes_Skill.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + packaged_graph.counts()["nodes"]["Skill"]


def test_csv_array_delimiter_changes_when_a_value_holds_it(tmp_path):
    g = hostile_graph()
    g.g.nodes["odd-skill"]["aliases"] = ["a;b", "c"]
    write_export(g, "csv", tmp_path)
    assert "--array-delimiter='|'" in (tmp_path / "import.sh").read_text(encoding="utf-8")
    assert read_export("csv", tmp_path).node("odd-skill")["aliases"] == ["a;b", "c"]


def test_cypher_script_is_one_statement_per_line_group_and_uses_no_parameters(packaged_graph):
    script = to_cypher(packaged_graph)
    statements = split_statements(script)
    assert statements[0] == "CREATE CONSTRAINT track_id IF NOT EXISTS FOR (n:Track) REQUIRE n.id IS UNIQUE"
    from kg.stores.base import rel_rows

    # constraints, then one statement per label and per (type, start label, end label): under 500 rows each
    assert len(statements) == 4 + 4 + len(rel_rows(packaged_graph)) == 16
    assert "$rows" not in script


@pytest.mark.bolt
@pytest.mark.parametrize("make", ["packaged", "hostile"])
def test_running_the_cypher_script_rebuilds_the_graph(bolt, packaged_graph, make):
    graph = packaged_graph if make == "packaged" else hostile_graph()
    with open_test_store(bolt) as store:
        store.wipe()
        for _ in range(2):  # twice: the script is idempotent
            for statement in split_statements(to_cypher(graph)):
                if statement.startswith("CREATE CONSTRAINT") and bolt.kind == "falkordb":
                    continue  # FalkorDB has no CREATE CONSTRAINT (its own GRAPH.CONSTRAINT instead)
                store.run(statement, write=True)
        assert store.counts() == graph.counts()
        assert graph_contents(store.read_graph()) == graph_contents(graph)


def test_kg_export_writes_each_format(kg_run, tmp_path):
    for fmt, name in (("json", "g.json"), ("graphml", "g.graphml"), ("cypher", "g.cypher")):
        result = kg_run("export", "--format", fmt, "-o", str(tmp_path / name))
        assert result.code == 0, result.err
        assert result.out.strip() == f"wrote {tmp_path / name}"
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert {n["label"] for n in data["nodes"]} == {"Track", "Layer", "Skill", "Tool"}
    result = kg_run("export", "--format", "csv", "-o", str(tmp_path / "csv"))
    assert result.code == 0 and result.out.strip() == f"wrote 13 files in {tmp_path / 'csv'}"
    bad = kg_run("export", "--format", "json", "-o", "/proc/no/such/dir/g.json")
    assert bad.code == 1 and bad.err.strip().splitlines()[0].startswith("Error: cannot write")
    assert "Traceback" not in bad.err
