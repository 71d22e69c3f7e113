"""What kg writes: whole files or none (full disks), standard output on request, control characters
inert on a terminal and exact in every export (issue 9 items 7, 11, 12 and the low ones)."""
from __future__ import annotations

import errno
import json
import os
import subprocess
import xml.etree.ElementTree as ET

import pytest
from hostile_support import kg

from kg.export import read_export, write_export
from kg.model import KnowledgeGraph
from kg.stores.base import graph_contents

CONTROL = "ctl\x01 esc\x1b]0;pwned\x07 nul\x00 cr\r del\x7f csi\x9b2J end"


def control_graph(name: str = CONTROL) -> KnowledgeGraph:
    g = KnowledgeGraph()
    g.add_node("odd", "Skill", name=name, name_zh="控制\x1b[31m", aliases=[name, "a\\u0041b", "x\\\\y"],
               description=f"two\nlines {name}", effort_hours=2.5, provenance=[{"source": "my.yaml", "reason": name}])
    g.add_node("tool", "Tool", name="=SUM(A1)", aliases=["+1", "-x", "@y"], provenance=[{"source": "curated", "reason": "x"}])
    g.add_relationship("USES_TOOL", "odd", "tool", provenance=[{"source": "curated", "reason": name}])
    return g


# -- control characters: exact in every export, inert on a terminal ------------------------------
@pytest.mark.parametrize("fmt", ["json", "graphml", "csv"])
def test_control_characters_round_trip_through_every_export(tmp_path, fmt):
    g = control_graph()
    write_export(g, fmt, tmp_path / "out")
    back = read_export(fmt, tmp_path / "out")
    assert graph_contents(back) == graph_contents(g)
    assert back.name("odd") == CONTROL


def test_graphml_with_control_characters_is_well_formed_xml(tmp_path):
    write_export(control_graph(), "graphml", tmp_path / "g.graphml")
    text = (tmp_path / "g.graphml").read_text(encoding="utf-8")
    ET.fromstring(text)  # raises on a character XML cannot hold
    assert not any(ch in text for ch in "\x00\x01\x1b\x7f\x9b\r")


def test_graphml_without_control_characters_is_written_plainly(tmp_path, packaged_graph):
    write_export(packaged_graph, "graphml", tmp_path / "g.graphml")
    assert "kg_escapes" not in (tmp_path / "g.graphml").read_text(encoding="utf-8")


def test_the_cypher_script_holds_no_raw_control_character():
    from kg.export.cypher_script import to_cypher

    script = to_cypher(control_graph())
    assert not any(ch in script for ch in "\x00\x01\x1b\x7f\x9b\r")
    assert "\\u001b]0;pwned\\u0007" in script


def test_json_output_has_no_raw_control_character(monkeypatch):
    from kg.cli.base import GraphSource

    monkeypatch.setattr(GraphSource, "graph", lambda self: control_graph())
    r = kg("show", "odd", "--json")
    assert r.code == 0
    assert json.loads(r.out)["name"] == CONTROL
    assert not any(ch in r.out for ch in "\x00\x01\x1b\x7f\x9b\r")


def test_show_and_tables_print_control_characters_inert(monkeypatch):
    from kg.cli.base import GraphSource

    monkeypatch.setattr(GraphSource, "graph", lambda self: control_graph())
    for args in (["show", "odd"], ["list", "skills"], ["search", "ctl"], ["path", "odd", "tool"]):
        r = kg(*args)
        assert r.code == 0, (args, r.err)
        assert not any(ch in r.out for ch in "\x00\x01\x1b\x07\x7f\x9b\r"), args
    shown = kg("show", "odd").out.splitlines()[0]
    assert shown == ("ctl\\x01 esc\\x1b]0;pwned\\x07 nul\\x00 cr\\x0d del\\x7f csi\\x9b2J end "
                     "(Skill, id: odd)")


@pytest.mark.parametrize("args", [["--data", "/tmp/\x1b]0;evil\x07.yaml", "path", "DS", "Infra MLE"],
                                  ["search", "\x1b[2J\x1b[H"], ["show", "\x1b[31mred"]])
def test_error_lines_print_what_the_user_typed_inert(args):
    r = kg(*args)
    assert r.code in (0, 1)
    assert not any(ch in r.out + r.err for ch in "\x1b\x07")


def test_a_progress_bar_keeps_its_own_codes():
    from kg.safeio import inert

    assert inert("\r\x1b[?25lPushing [###]\x1b[?25h\n", progress=True) == "\r\x1b[?25lPushing [###]\x1b[?25h\n"
    assert inert("\r\x1b]0;x\x07", progress=True) == "\r\\x1b]0;x\\x07"


# -- strict JSON ------------------------------------------------------------------------------
def test_json_never_holds_nan_or_infinity(tmp_path, monkeypatch):
    from kg.cli.base import GraphSource

    g = control_graph()
    g.g.nodes["odd"]["effort_hours"] = float("inf")
    monkeypatch.setattr(GraphSource, "graph", lambda self: g)
    r = kg("show", "odd", "--json")
    assert (r.code, r.out) == (1, "")
    assert r.err == "Error: the result cannot be written as JSON: Out of range float values are not JSON compliant: inf\n"
    r = kg("export", "--format", "json", "-o", str(tmp_path / "g.json"))
    assert r.code == 1 and r.err.startswith("Error: cannot write the graph as JSON")
    r = kg("export", "--format", "cypher", "-o", str(tmp_path / "g.cypher"))
    assert (r.code, r.err) == (1, "Error: cannot write inf in Cypher: numbers must be finite\n")
    assert not list(tmp_path.iterdir())


# -- whole files or none ----------------------------------------------------------------------
def full_disk(monkeypatch):
    from kg import atomic

    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", fsync)


@pytest.mark.parametrize("fmt,name", [("json", "g.json"), ("graphml", "g.graphml"), ("cypher", "g.cypher"),
                                      ("csv", "csv")])
def test_an_export_on_a_full_disk_keeps_the_previous_file(tmp_path, monkeypatch, fmt, name):
    target = tmp_path / name
    assert kg("export", "--format", fmt, "-o", str(target)).code == 0
    before = {p.name: p.read_bytes() for p in (target.iterdir() if fmt == "csv" else [target])}
    full_disk(monkeypatch)
    r = kg("export", "--format", fmt, "-o", str(target))
    assert (r.code, r.out) == (1, "")
    assert r.err.startswith(f"Error: cannot write {target}") and r.err.endswith("No space left on device\n")
    after = {p.name: p.read_bytes() for p in (target.iterdir() if fmt == "csv" else [target])}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left


def test_viz_on_a_full_disk_keeps_the_previous_page(tmp_path, monkeypatch):
    page = tmp_path / "g.html"
    page.write_text("<p>the old page</p>")
    full_disk(monkeypatch)
    r = kg("viz", "-o", str(page))
    assert r.code == 1 and r.err.startswith(f"Error: cannot write {page}")
    assert page.read_text() == "<p>the old page</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["g.html"]


def test_a_really_full_disk_keeps_the_previous_export(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
                                           capture_output=True, check=False).returncode != 0:
        pytest.skip("mounting a small tmpfs needs root and mount permission")
    try:
        target = disk / "g.cypher"
        target.write_text("// the previous export\n")
        r = kg("export", "--format", "cypher", "-o", str(target))
        assert (r.code, r.err) == (1, f"Error: cannot write {target}: No space left on device\n")
        assert target.read_text() == "// the previous export\n"
        assert [p.name for p in disk.iterdir()] == ["g.cypher"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_export_to_standard_output_and_what_it_replaced(tmp_path, monkeypatch, packaged_graph):
    monkeypatch.chdir(tmp_path)
    r = kg("export", "--format", "json", "-o", "-")
    assert r.code == 0 and graph_contents(read_json_text(r.out)) == graph_contents(packaged_graph)
    assert not (tmp_path / "-").exists()
    assert kg("export", "--format", "json", "-o", "g.json").out == "wrote g.json\n"
    assert kg("export", "--format", "json", "-o", "g.json").out == "wrote g.json (replaced the previous file)\n"
    assert kg("export", "--format", "csv", "-o", "csv").out == "wrote 13 files in csv\n"
    assert kg("export", "--format", "csv", "-o", "csv").out == "wrote 13 files in csv (replaced 13 of them)\n"
    r = kg("export", "--format", "csv", "-o", "-")
    assert (r.code, r.err) == (1, "Error: csv writes a folder of files: give -o FOLDER, not standard output\n")
    from kg.errors import KGError
    from kg.export import export_text

    with pytest.raises(KGError, match=r"^csv writes a folder of files, not one text: `write_export` writes them$"):
        export_text(packaged_graph, "csv")


def read_json_text(text: str) -> KnowledgeGraph:
    from kg.export.nodelink import parse_json

    return parse_json(text)


def test_csv_safe_defuses_formulas_and_the_default_keeps_them_verbatim(tmp_path, monkeypatch):
    from kg.cli.base import GraphSource

    monkeypatch.setattr(GraphSource, "graph", lambda self: control_graph())
    assert kg("export", "--format", "csv", "-o", str(tmp_path / "plain")).code == 0
    assert read_export("csv", tmp_path / "plain").name("tool") == "=SUM(A1)"
    assert kg("export", "--format", "csv", "--csv-safe", "-o", str(tmp_path / "safe")).code == 0
    row = (tmp_path / "safe" / "nodes_Tool.csv").read_text(encoding="utf-8").splitlines()[1]
    assert row.startswith('"tool","\'=SUM(A1)","\'+1|-x|@y",')  # a cell is one formula or none
    assert read_export("csv", tmp_path / "safe").name("tool") == "'=SUM(A1)"
