"""Data files from other people: refused whole, in one line, quickly, by every command (issue 9)."""
from __future__ import annotations

import json
import os
import threading

import pytest
from hostile_support import kg

TOOL = "tools:\n  - id: polars\n    name: {name}\n    skills: [data-analysis]\n"


def bomb_file(tmp_path) -> str:
    # Anchors first (YAML needs them before their aliases), the bomb in the evidence map.
    lines = ["x-anchors:", '  - &l0 ["lol"]']
    for n in range(1, 10):
        lines.append(f"  - &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]")
    lines += ["relationships:", "  - type: REQUIRES", "    from: ds", "    to: sql", "    source: jd",
              "    evidence:", "      count: 1", "      documents: *l9"]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def run_bounded(seconds: float, *args: str) -> object:
    """``kg ARGS`` in a thread that must finish within ``seconds``."""
    box: list[object] = []
    t = threading.Thread(target=lambda: box.append(kg(*args)), daemon=True)
    t.start()
    t.join(seconds)
    assert box, f"kg {' '.join(args)} still running after {seconds} s"
    return box[0]


@pytest.mark.parametrize("command", [["validate"], ["export", "--format", "json", "-o", "-"], ["show", "ds", "--json"]])
def test_an_alias_bomb_is_refused_at_once_by_every_command(tmp_path, command):
    path = bomb_file(tmp_path)
    r = run_bounded(20, "--data", path, *command)
    # Line 2: the first value written once and used again (&l0), counted without building it.
    problem = (f"{path}:2: YAML aliases expand the file to 1,749,445,663 values, written as 30 "
               "(at most 10,000 more allowed): write the values out instead")
    if command == ["validate"]:  # validate lists the problems, then says how many
        assert (r.code, r.out, r.err) == (1, "", f"{problem}\nError: 1 problem found\n")
    else:
        assert (r.code, r.out, r.err) == (1, "", f"Error: {problem}\n")


def test_an_alias_bomb_is_found_whichever_use_of_the_value_is_met_first(tmp_path):
    # The value is measured through b's and c's aliases before the walk reaches where it is written.
    path = tmp_path / "wide.yaml"
    path.write_text("a:\n  v: &x [" + ", ".join(map(str, range(6000))) + "]\nb: [*x]\nc: [*x]\n")
    r = kg("--data", str(path), "show", "ds")
    assert (r.code, r.out, r.err) == (1, "", f"Error: {path}:2: YAML aliases expand the file to 18,011 values, "
                                             "written as 6,009 (at most 10,000 more allowed): write the values out instead\n")


def test_a_few_aliases_are_fine(tmp_path):
    path = tmp_path / "anchors.yaml"
    path.write_text("tools:\n  - id: polars\n    name: Polars\n    skills: &s [data-analysis]\n"
                    "  - id: duckdb-x\n    name: DuckDB X\n    skills: *s\n")
    r = kg("--data", str(path), "show", "duckdb-x")
    assert r.code == 0 and r.out.splitlines()[0] == "DuckDB X (Tool, id: duckdb-x)"


@pytest.mark.parametrize("depth", [300, 900])
def test_deep_nesting_is_one_line(tmp_path, depth):
    path = tmp_path / "deep.yaml"
    path.write_text("tools:\n  - id: polars\n    name: Polars\n    description: " + "[" * depth + "]" * depth + "\n")
    r = kg("--data", str(path), "path", "DS", "Infra MLE")
    assert (r.code, r.out) == (1, "")
    assert r.err == f"Error: {path}:4: nested deeper than 64 levels\n"


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1.0e+400"])
def test_numbers_must_be_finite(tmp_path, value):
    path = tmp_path / "inf.yaml"
    path.write_text(f"tools:\n  - id: kubernetes\n    effort_hours: {value}\n")
    shown = {".inf": "inf", "-.inf": "-inf", ".nan": "nan", "1.0e+400": "inf"}[value]
    for command in (["validate"], ["viz", "-o", str(tmp_path / "g.html")], ["show", "k8s", "--json"],
                    ["export", "--format", "cypher", "-o", str(tmp_path / "g.cypher")]):
        r = kg("--data", str(path), *command)
        assert r.code == 1, command
        assert f"{path}:3: tools[0].effort_hours: must be a finite number from 0 to 1,000,000,000, not {shown}" in r.err
    assert not (tmp_path / "g.cypher").exists() and not (tmp_path / "g.html").exists()


@pytest.mark.parametrize("evidence,message", [
    ("{count: 1, docs: {a: 1}}", "unknown key 'docs' (allowed: count, total, track, documents)"),
    ("{count: 3, total: 2}", "total must be a whole number ≥ count, not 2"),
    ("{count: true}", "must be a mapping with a whole-number count"),
    ("{count: 1, documents: [1, 2]}", "documents must be a list of document names"),
    # A document's name is one line: a tab (fine in a description) is refused.
    ('{count: 1, documents: [a.md, "b\\tc.md"]}',
     "documents: contains a control character (U+0009) at position 2: write printable text"),
    ("{count: 1, track: 'Not An Id'}", "track must be a track id, not 'Not An Id'"),
    ("{count: 1, when: 2024-01-01}", "unknown key 'when'"),
])
def test_the_shape_of_evidence_is_checked(tmp_path, evidence, message):
    path = tmp_path / "ev.yaml"
    path.write_text(f"relationships:\n  - type: REQUIRES\n    from: ds\n    to: sql\n    source: jd\n"
                    f"    evidence: {evidence}\n")
    r = kg("--data", str(path), "validate")
    assert r.code == 1
    assert f"{path}:6: relationships[0].evidence: {message}" in r.err


@pytest.mark.parametrize("name,char", [('"Po\\x1b]0;pwned\\x07lars"', "U+001B"), ('"Po\\0lars"', "U+0000"),
                                       ('"Po\\x01lars"', "U+0001"), ('"two\\nlines"', "U+000A"),
                                       ('"C1 \\x9b31m"', "U+009B")])
def test_control_characters_in_names_are_refused(tmp_path, name, char):
    path = tmp_path / "ctl.yaml"
    path.write_text(TOOL.format(name=name))
    r = kg("--data", str(path), "export", "--format", "graphml", "-o", str(tmp_path / "g.graphml"))
    assert r.code == 1
    assert f"{path}:3: tools[0].name: contains a control character ({char})" in r.err
    assert "\x1b" not in r.err and "\x00" not in r.err


def test_a_description_may_span_lines(tmp_path):
    path = tmp_path / "desc.yaml"
    path.write_text(TOOL.format(name="Polars") + '    description: "line one\\nline two\\tand a tab"\n')
    assert kg("--data", str(path), "show", "polars", "--json").code == 0


def test_an_id_with_a_trailing_newline_is_not_an_id(tmp_path):
    path = tmp_path / "trail.yaml"
    path.write_text('tools:\n  - id: "trail\\n"\n    name: Trail\n    skills: [data-analysis]\n')
    r = kg("--data", str(path), "validate")
    assert r.code == 1
    assert f"{path}:2: tools[0].id: 'trail\\n' is not a valid id (lowercase letters, digits and '-')" in r.err


@pytest.mark.parametrize("alias", ["DS", "k8s", "ＤＳ", "  Infra   MLE ", "ＫＵＢＥＲＮＥＴＥＳ"])
@pytest.mark.parametrize("command", [["path", "DS", "Infra MLE"], ["validate"],
                                     ["export", "--format", "json", "-o", "-"]])
def test_an_alias_that_names_another_node_refuses_the_file_in_every_command(tmp_path, alias, command):
    path = tmp_path / "dup.yaml"
    path.write_text(f'tools:\n  - id: polars\n    name: Polars\n    aliases: ["{alias}"]\n    skills: [data-analysis]\n')
    r = kg("--data", str(path), *command)
    assert r.code == 1 and r.out in ("", )
    owner = {"DS": "ds", "ＤＳ": "ds", "k8s": "kubernetes", "  Infra   MLE ": "infra-mle",
             "ＫＵＢＥＲＮＥＴＥＳ": "kubernetes"}[alias]
    assert f"{path}:4: tools[0].aliases: '{alias}' already names '{owner}'" in r.err


def test_a_name_colliding_inside_one_file_is_refused(tmp_path):
    path = tmp_path / "dup2.yaml"
    path.write_text(TOOL.format(name="Polars") + "  - id: polars-2\n    name: POLARS\n    skills: [data-analysis]\n")
    r = kg("--data", str(path), "show", "polars")
    assert r.code == 1
    assert r.err.startswith(f"Error: {path}:6: tools[1].name: 'POLARS' already names 'polars'")


def test_empty_segments_of_kg_data_name_no_file(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(TOOL.format(name="Polars"))
    for value in (f"{path}::", f":{path}:", "::", ""):
        r = kg("show", "polars" if str(path) in value else "ds", env={"KG_DATA": value})
        assert r.code == 0, (value, r.err)


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "fifo"])
def test_data_that_is_not_a_regular_file_is_refused_without_reading(tmp_path, special):
    if special == "fifo":
        path = str(tmp_path / "pipe.yaml")
        os.mkfifo(path)  # nobody writes: reading would block forever
    else:
        path = special
    r = run_bounded(10, "--data", path, "path", "DS", "Infra MLE")
    assert r.code == 1
    assert r.err == f"Error: {path}: not a regular file (a pipe, socket or device is not read)\n"


def test_a_data_file_over_the_limit_is_refused(tmp_path, monkeypatch):
    from kg import safeio

    monkeypatch.setattr(safeio, "MAX_DATA_BYTES", 100)
    monkeypatch.setattr(safeio.read_regular, "__defaults__", (100,))
    path = tmp_path / "big.yaml"
    path.write_text(TOOL.format(name="Polars") + "#" * 200 + "\n")
    r = kg("--data", str(path), "validate")
    assert r.code == 1 and "is larger than the limit of 100 bytes" in r.err


def test_json_output_is_strict(tmp_path):
    r = kg("show", "k8s", "--json")
    json.loads(r.out, parse_constant=lambda c: pytest.fail(f"not strict JSON: {c}"))


# -- profile files (kg plan/fit --profile, --save-profile) -------------------------------------------
@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_profile_that_is_not_a_regular_file_is_refused_without_reading(tmp_path, special):
    path = special
    if special == "fifo":
        path = str(tmp_path / "me.yaml")
        os.mkfifo(path)
    r = run_bounded(10, "plan", "--to", "Infra MLE", "--profile", path)
    assert r.code == 1
    assert r.err == f"Error: {path}: not a regular file (a pipe, socket or device is not read)\n"  # as for any file


@pytest.mark.parametrize("text,message", [
    ("know: " + "[" * 300 + "]" * 300 + "\n", ":1: nested deeper than 64 levels"),
    ("x: &a0 [python]\n" + "".join(f"x{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]\n" for n in range(1, 10))
     + "know: *a9\n", "YAML aliases expand the file to"),
    # the same wording as for a data file (curated.yaml_problem), with the line
    ("know: [python]\n\x1b[2J\n", "me.yaml:2: not valid YAML: character U+001B is not allowed in YAML "
                                   "(a control character): remove it"),
])
def test_a_hostile_profile_is_one_line(tmp_path, text, message):
    path = tmp_path / "me.yaml"
    path.write_text(text)
    r = run_bounded(20, "plan", "--to", "Infra MLE", "--profile", str(path))
    assert r.code == 1 and len(r.err.splitlines()) == 1 and message in r.err, r.err


def test_saving_a_profile_never_follows_a_planted_link(tmp_path, monkeypatch):
    from kg.profile import write_profile

    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    target = tmp_path / "me.yaml"
    os.symlink(victim, tmp_path / f".me.yaml.{os.getpid()}.tmp")  # the name the old writer used
    write_profile({"know": ["python"]}, target)
    assert victim.read_text() == "precious\n"
    assert "python" in target.read_text()


@pytest.mark.parametrize("text", [
    "a: [1, 2]\nb: {c: d}\n",
    "a: &x [1, 2]\nb: *x\n",                       # a shared list: fine, but not a tree
    "a: &s hello\nb: *s\nc: *s\n",                 # shared scalars
    "a: &x [1, *x]\n",                             # refers to itself
    "a: " + "[" * 63 + "]" * 63 + "\n",           # as deep as allowed
    "a: " + "[" * 64 + "]" * 64 + "\n",           # one level too deep
    "a: " + "[" * 62 + "{k: v}" + "]" * 62 + "\n",
    "x: &a [" + ", ".join(["1"] * 200) + "]\ny: &b [" + ", ".join(["*a"] * 60) + "]\n",  # 12,000 values from 260
    "",
])
def test_the_quick_shape_walk_answers_as_the_exact_one(text):
    import yaml
    from kg.loaders.curated import _LineLoader, _shape_problem, _shape_problem_exact

    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if node is None:
        return
    assert _shape_problem(node) == _shape_problem_exact(node)
    assert isinstance(node, yaml.Node)


def test_the_quick_shape_walk_catches_what_the_exact_one_does():
    from kg.loaders.curated import _LineLoader, _shape_problem

    cases = {"a: &x [1, *x]\n": (1, "a YAML alias refers to the anchor it is inside of"),
             "a: " + "[" * 64 + "]" * 64 + "\n": (1, "nested deeper than 64 levels")}
    for text, expected in cases.items():
        loader = _LineLoader(text)
        try:
            assert _shape_problem(loader.get_single_node()) == expected
        finally:
            loader.dispose()
