"""loaders/esco.py in detail: the official CSV layouts (v1.1 and v1.2), other languages, broken files,
the hierarchy, the crosswalk and relation levels, each on real fixture rows (tests/esco_fixture)."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from kg.loaders.curated import load_graph
from kg.loaders.esco import build_esco, find_files, import_esco, read_table, release_of, total_bytes

from kg.errors import DataError
from kg.model import KnowledgeGraph

FIXTURE = Path(__file__).parent / "esco_fixture"
OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
DATA_SCIENTIST = OCC + "258e46f9-0075-4a2e-adae-1ff0477e0f30"
DATA_ANALYST = OCC + "d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"
ML, DL = SKILL + "3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43", SKILL + "ecc4552a-92c5-4222-b18d-faf5ac841080"
STATS, MINING = SKILL + "7ee4c2ea-b349-4bd2-81a3-ec31475d4833", SKILL + "25f0ea33-b4a2-4f31-b7b4-7d20e827b180"
PYTHON = SKILL + "ccd0a1d9-afda-43d9-b901-96344886e14d"
CLOUD, DEBUG = SKILL + "11430d93-c835-48ed-8e70-285fa69c9ae6", SKILL + "2522a6ce-3202-4ac8-9f5b-b9cb5a3a83a1"


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write(path: Path, header: list[str], records: list[dict[str, str]] | list[list[str]], *, bom: bool = False,
          newline: str = "\n") -> None:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f, lineterminator=newline)
        w.writerow(header)
        for r in records:
            w.writerow([r.get(h, "") for h in header] if isinstance(r, dict) else r)


def append(path: Path, lines: list[list[str]]) -> None:
    with open(path, "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(lines)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "ESCO dataset - v1.1.1 - classification - en - csv"
    shutil.copytree(FIXTURE, out)
    return out


def text_of(folder: Path, graph: KnowledgeGraph | None = None, release: str = "v1") -> str:
    return build_esco(folder, graph or load_graph(), release=release)[0]


def summary_of(folder: Path, graph: KnowledgeGraph | None = None) -> dict:
    return build_esco(folder, graph or load_graph(), release="v1")[1]


def error_of(folder: Path) -> str:
    with pytest.raises(DataError) as e:
        build_esco(folder, load_graph(), release="v1")
    return str(e.value).replace(str(folder) + "/", "")


# -- v1.1 and v1.2 layouts ------------------------------------------------------


def test_the_v12_layout_with_labels_reordered_columns_bom_and_crlf_reads_like_v11(folder, tmp_path):
    before = text_of(folder)
    skills = rows(folder / "skills_en.csv")
    occupations = rows(folder / "occupations_en.csv")
    relations = rows(folder / "occupationSkillRelations_en.csv")
    broader = rows(folder / "broaderRelationsSkillPillar_en.csv")
    labels = {r["conceptUri"]: r["preferredLabel"] for r in skills + occupations}
    # v1.2's files: more columns, in another order, labels beside URIs, a byte-order mark, CRLF lines
    write(folder / "skills_en.csv", ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels",
                                     "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition", "inScheme",
                                     "description", "skillFramework"][::-1], skills, bom=True, newline="\r\n")
    write(folder / "occupations_en.csv", ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels",
                                          "hiddenLabels", "status", "modifiedDate", "regulatedProfessionNote", "scopeNote",
                                          "definition", "inScheme", "description", "code", "naceCode"],
          occupations, bom=True, newline="\r\n")
    write(folder / "occupationSkillRelations_en.csv",
          ["occupationUri", "occupationLabel", "relationType", "skillType", "skillUri", "skillLabel"],
          [dict(r, occupationLabel=labels[r["occupationUri"]], skillLabel=labels[r["skillUri"]]) for r in relations],
          bom=True, newline="\r\n")
    write(folder / "broaderRelationsSkillPillar_en.csv",
          ["conceptType", "conceptUri", "conceptLabel", "broaderType", "broaderUri", "broaderLabel"],
          [dict(r, conceptLabel=labels[r["conceptUri"]]) for r in broader], bom=True, newline="\r\n")
    assert text_of(folder) == before
    assert len(before.splitlines()) == 1598 and before.splitlines()[2] == "version: 1"


def test_a_header_with_spaces_around_names_is_read(folder):
    text = (folder / "occupationSkillRelations_en.csv").read_text(encoding="utf-8")
    head, rest = text.split("\n", 1)
    (folder / "occupationSkillRelations_en.csv").write_text(" " + head.replace(",", " , ") + "\n" + rest, encoding="utf-8")
    assert summary_of(folder)["requires"] == {"core": 339, "bonus": 0}


def test_a_table_without_optional_columns_still_imports(folder):
    # no altLabels, description or definition: names only
    write(folder / "skills_en.csv", ["conceptUri", "preferredLabel"],
          [[r["conceptUri"], r["preferredLabel"]] for r in rows(folder / "skills_en.csv")])
    summary = summary_of(folder)
    assert (summary["skills"], summary["requires"]["core"]) == (186, 339)
    assert "description" not in text_of(folder).split("id: \"data-mining\"", 1)[1].split("  - id:", 1)[0]


def test_a_description_falls_back_to_the_definition(folder):
    append(folder / "skills_en.csv", [["KnowledgeSkillCompetence", SKILL + "d1", "knowledge", "", "defined thing", "", "",
                                      "released", "", "", "What it is, by definition.", "", "  "]])
    g = load_graph_from(folder)
    assert g.node("defined-thing")["description"] == "What it is, by definition."


def load_graph_from(folder: Path, graph: KnowledgeGraph | None = None) -> KnowledgeGraph:
    out = folder.parent / "esco.yaml"
    import_esco(folder, out, graph or load_graph(), release="v1")
    return load_graph([out])


# -- other languages --------------------------------------------------------------


def test_other_language_files_in_their_own_folders_add_aliases_and_count_strays(folder):
    de, fr = folder / "de", folder / "fr"
    de.mkdir()
    fr.mkdir()
    write(de / "occupations_de.csv", ["conceptUri", "preferredLabel", "altLabels"],
          [[OCC + "not-in-english", "Irgendwer", ""],
           [DATA_ANALYST, "Datenanalyst/Datenanalystin", "Datenanalytiker\nDatenanalytikerin"]])
    # a French file with only the preferred label (no altLabels column)
    write(fr / "skills_fr.csv", ["conceptType", "conceptUri", "preferredLabel"],
          [["KnowledgeSkillCompetence", MINING, "exploration de données"],
           ["KnowledgeSkillCompetence", PYTHON, "Python (programmation informatique)"],
           ["KnowledgeSkillCompetence", ML, "machine learning"]])  # ML's own English name: nothing to add
    (folder / "zh").mkdir()
    write(folder / "zh" / "skills_zh.csv", ["conceptUri", "preferredLabel"], [[ML, "机器学习"]])  # its Chinese name
    # a relations file in another language is not read (its rows are the English file's)
    write(fr / "occupationSkillRelations_fr.csv", ["bad"], [["x"]])
    summary = summary_of(folder)
    assert summary["languages"] == ["en", "de", "fr", "zh"]
    assert summary["not_imported"]["de labels of concepts not in the English files"] == 1
    g = load_graph_from(folder)
    assert g.resolve("Datenanalytikerin") == g.resolve("Datenanalyst/Datenanalystin") == "data-analyst"
    assert g.resolve("exploration de données") == "data-mining"
    assert g.resolve("Python (programmation informatique)") == "python"  # a crosswalked tool gains it too
    assert g.node("machine-learning")["aliases"] == load_graph().node("machine-learning")["aliases"]
    assert summary["not_imported"]["labels that would name two nodes"] == 20  # as without these files
    assert total_bytes(folder) == sum(p.stat().st_size for p in [*folder.glob("*.csv"), de / "occupations_de.csv",
                                                                   fr / "skills_fr.csv", folder / "zh" / "skills_zh.csv"])


def test_a_label_two_concepts_share_is_kept_by_neither(folder):
    before = summary_of(folder)["not_imported"]["labels that would name two nodes"]
    assert before == 20  # the English files already have some (e.g. an alternative label of two occupations)
    write(folder / "skills_de.csv", ["conceptUri", "preferredLabel", "altLabels"],
          [[MINING, "Datenschürfung", "Analyse"], [STATS, "Statistik", "Analyse"]])
    summary = summary_of(folder)
    assert summary["not_imported"]["labels that would name two nodes"] == before + 2
    g = load_graph_from(folder)
    assert g.resolve("Datenschürfung") == "data-mining" and g.resolve("Statistik") == "statistics"
    assert "Analyse" not in g.node("data-mining").get("aliases", [])


def test_two_files_of_one_table_and_language_are_refused(folder):
    (folder / "again").mkdir()
    shutil.copy(folder / "skills_en.csv", folder / "again" / "skills_en.csv")
    with pytest.raises(DataError) as e:
        find_files(folder)
    assert str(e.value) == (f"{folder}/again/skills_en.csv: a second skills_en.csv (the first is {folder}/skills_en.csv); "
                            "keep one release per folder")


def test_files_that_are_not_esco_tables_are_ignored(folder):
    (folder / "notes_en.csv").write_text("x\n", encoding="utf-8")
    (folder / "skills_en.txt").write_text("x\n", encoding="utf-8")
    (folder / "skillGroups_en.csv").write_text("x\n", encoding="utf-8")
    assert sorted(t for t, _ in find_files(folder)) == ["broaderRelationsSkillPillar", "occupationSkillRelations",
                                                        "occupations", "skills"]
    assert release_of(folder, find_files(folder)) == "v1.1.1"


def test_the_release_comes_from_the_folder_or_the_files_folder(tmp_path):
    inner = tmp_path / "download" / "ESCO dataset - v1.2.0 - classification - en - csv"
    inner.mkdir(parents=True)
    shutil.copy(FIXTURE / "skills_en.csv", inner / "skills_en.csv")
    assert release_of(tmp_path / "download", find_files_loose(tmp_path / "download")) == "v1.2.0"
    assert release_of(tmp_path / "version v2", {}) is None
    assert release_of(tmp_path / "esco v1", {}) is None  # a release has a dot: v1.2, v1.2.0


def find_files_loose(folder: Path) -> dict:
    """find_files without its check for the needed tables."""
    return {("skills", "en"): next(folder.rglob("skills_en.csv"))}


def test_a_folder_that_is_a_file_or_missing_tables_is_named(tmp_path, folder):
    f = tmp_path / "file"
    f.write_text("x", encoding="utf-8")
    with pytest.raises(DataError, match=r"/file: not a folder$"):
        find_files(f)
    (folder / "occupationSkillRelations_en.csv").unlink()
    (folder / "skills_en.csv").unlink()
    with pytest.raises(DataError) as e:
        find_files(folder)
    assert str(e.value) == (f"{folder}: no skills_en.csv, occupationSkillRelations_en.csv — "
                            "is this the ESCO CSV download (classification, csv)?")


# -- broken files: one line naming file, row and column; nothing written -----------


@pytest.mark.parametrize("damage,message", [
    (lambda f: append(f / "skills_en.csv", [["KnowledgeSkillCompetence", SKILL + "n\0ul", "knowledge"] + [""] * 10]),
     "skills_en.csv: row 188, column conceptUri: not an ESCO skill URI: 'http://data.europa.eu/esco/skill/n\\x00ul'"),
    (lambda f: (f / "skills_en.csv").write_text((f / "skills_en.csv").read_text(encoding="utf-8")
                                                + f'KnowledgeSkillCompetence,{SKILL}q,knowledge,,"quoted"tail,,,,,,,,\n',
                                                encoding="utf-8"),
     "skills_en.csv: row 188, column preferredLabel: not valid CSV (',' expected after '\"')"),
    (lambda f: add_text(f / "occupations_en.csv", '"Occupation,x,,someone\n'),
     "occupations_en.csv: row 17, column conceptType: the file ends inside a quoted value (is it cut short?)"),
    (lambda f: add_text(f / "occupations_en.csv", f'Occupation,{OCC}x1,,"a ""closed"" label","unfinished\n'),
     "occupations_en.csv: row 17, column altLabels: the file ends inside a quoted value (is it cut short?)"),
    (lambda f: add_text(f / "skills_en.csv", f'KnowledgeSkillCompetence,{SKILL}q,knowledge,,"say ""hi"""tail,,,,,,,,\n'),
     "skills_en.csv: row 188, column preferredLabel: not valid CSV (',' expected after '\"')"),
    (lambda f: append(f / "occupations_en.csv", [["Occupation", OCC + "x"] + [""] * 13]),
     "occupations_en.csv: row 17, column 15: the row has 15 columns, the header 14"),
    (lambda f: append(f / "occupations_en.csv", [["Occupation", OCC + "x2"] + [""] * 12]),
     "occupations_en.csv: row 17, column preferredLabel: empty"),
    (lambda f: append(f / "occupations_en.csv", [["Occupation", SKILL + "x3", "", "someone"] + [""] * 10]),
     "occupations_en.csv: row 17, column conceptUri: not an ESCO occupation URI: 'http://data.europa.eu/esco/skill/x3'"),
    (lambda f: append(f / "occupations_en.csv", [["Occupation", DATA_ANALYST, "", "again"] + [""] * 10]),
     f"occupations_en.csv: row 17, column conceptUri: {DATA_ANALYST} appears twice"),
    (lambda f: append(f / "occupationSkillRelations_en.csv", [[OCC + "nobody", "essential", "knowledge", ML]]),
     "occupationSkillRelations_en.csv: row 341, column occupationUri: no occupation http://data.europa.eu/esco/occupation/nobody in occupations_en.csv"),
    (lambda f: append(f / "occupationSkillRelations_en.csv", [[DATA_ANALYST, "essential", "knowledge", DATA_SCIENTIST]]),
     f"occupationSkillRelations_en.csv: row 341, column skillUri: no skill {DATA_SCIENTIST} in skills_en.csv"),
    (lambda f: write(f / "skillSkillRelations_en.csv", ["originalSkillUri", "relationType", "relatedSkillUri"],
                     [[MINING, "essential", STATS], [MINING, "essential"]]),
     ("skillSkillRelations_en.csv: row 3, column relatedSkillUri: missing — the row has 2 of 3 columns "
      "(is the file cut short?)")),
    (lambda f: write(f / "skillSkillRelations_en.csv", ["originalSkillUri", "relationType", "relatedSkillUri"],
                     [[MINING, "related", STATS]]),
     "skillSkillRelations_en.csv: row 2, column relationType: must be essential or optional, not 'related'"),
    (lambda f: write(f / "skillSkillRelations_en.csv", ["originalSkillUri", "relationType", "relatedSkillUri"],
                     [[MINING, "essential", SKILL + "gone"]]),
     "skillSkillRelations_en.csv: row 2, column relatedSkillUri: no skill http://data.europa.eu/esco/skill/gone in skills_en.csv"),
    (lambda f: write(f / "skillSkillRelations_en.csv", ["originalSkillUri", "relationType"], [[MINING, "essential"]]),
     ("skillSkillRelations_en.csv: row 1, column relatedSkillUri: missing from the header (an ESCO "
      "skillSkillRelations file has originalSkillUri, relationType, relatedSkillUri)")),
    (lambda f: (f / "broaderRelationsSkillPillar_en.csv").write_text(
        (f / "broaderRelationsSkillPillar_en.csv").read_text(encoding="utf-8")[:-60], encoding="utf-8"),
     ("broaderRelationsSkillPillar_en.csv: row 106, column broaderType: missing — the row has 2 of 4 columns "
      "(is the file cut short?)")),
    (lambda f: (f / "broaderRelationsOccPillar_en.csv").write_text('conceptUri,"broader\n', encoding="utf-8"),
     "broaderRelationsOccPillar_en.csv: row 1: not a CSV header (unexpected end of data)"),
    (lambda f: (f / "skills_de.csv").write_bytes(b"conceptUri,preferredLabel\n" + MINING.encode() + b",Daten\xe4\n"),
     "skills_de.csv: row 2: not UTF-8 text (byte 101)"),
])
def test_a_broken_file_is_one_line_with_file_row_and_column(folder, damage, message):
    damage(folder)
    out = folder.parent / "esco.yaml"
    with pytest.raises(DataError) as e:
        import_esco(folder, out, load_graph(), release="v1")
    assert str(e.value).replace(str(folder) + "/", "") == message
    assert not out.exists()


def add_text(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_an_output_that_is_a_folder_is_refused(folder, tmp_path):
    (tmp_path / "out").mkdir()
    from kg.errors import WriteError

    # the wording of every file kg writes (kg.atomic.write_file)
    with pytest.raises(WriteError) as e:
        import_esco(folder, tmp_path / "out", load_graph(), release="v1")
    assert str(e.value) == f"cannot write {tmp_path / 'out'}: it is a directory; give a file name"
    with pytest.raises(WriteError) as e:
        import_esco(folder, tmp_path / "missing" / "x.yaml", load_graph(), release="v1")
    assert str(e.value) == f"cannot write {tmp_path / 'missing' / 'x.yaml'}: folder {tmp_path / 'missing'} does not exist"


def test_read_table_names_the_row_of_a_bad_byte_after_a_bom(tmp_path):
    path = tmp_path / "skills_en.csv"
    path.write_bytes(b"\xef\xbb\xbfconceptUri,preferredLabel\nx,y\nz,\xff\n")
    with pytest.raises(DataError) as e:
        read_table(path, ("conceptUri", "preferredLabel"))
    assert str(e.value) == f"{path}: row 3: not UTF-8 text (byte 35)"  # counted in the file, its mark included
    path.write_bytes(b"\xef\xbb\xbfconceptUri,preferredLabel\nx,y\n")
    table = read_table(path, ("conceptUri", "preferredLabel"))
    assert table.header == ["conceptUri", "preferredLabel"] and list(table.rows()) == [(2, ["x", "y"])]
    path.write_bytes(b"conceptUri,preferredLabel")  # a header alone, no newline
    assert list(read_table(path, ("conceptUri",)).rows()) == []


def test_progress_adds_up_to_the_bytes_read(folder):
    steps: list[int] = []
    build_esco(folder, load_graph(), release="v1", progress=steps.append)
    assert sum(steps) == total_bytes(folder) == sum(p.stat().st_size for p in folder.glob("*.csv"))
    assert all(s >= 0 for s in steps) and len(steps) == 4


def test_progress_reports_along_a_big_file(folder):
    extra = [[DATA_ANALYST, "optional", "knowledge", ML]] * 20_000
    append(folder / "occupationSkillRelations_en.csv", extra)
    steps: list[int] = []
    summary = build_esco(folder, load_graph(), release="v1", progress=steps.append)[1]
    assert sum(steps) == total_bytes(folder)
    assert len(steps) == 4 + 2  # 20,339 rows: a report at rows 8,192 and 16,384
    assert summary["requires"] == {"core": 339, "bonus": 1}


# -- the hierarchy and skill relations ------------------------------------------------


def test_broader_relations_between_skills_and_between_occupations(folder):
    append(folder / "broaderRelationsSkillPillar_en.csv", [
        ["KnowledgeSkillCompetence", MINING, "KnowledgeSkillCompetence", ML],     # ML broader than data mining
        ["KnowledgeSkillCompetence", MINING, "KnowledgeSkillCompetence", ML],     # the same again
        ["KnowledgeSkillCompetence", DL, "KnowledgeSkillCompetence", ML],         # the packaged graph has it (hard)
        ["KnowledgeSkillCompetence", PYTHON, "KnowledgeSkillCompetence", ML],     # Python is a packaged tool
        ["KnowledgeSkillCompetence", ML, "KnowledgeSkillCompetence", MINING],     # would close a cycle
        ["SkillGroup", SKILL + "group-x", "KnowledgeSkillCompetence", ML],         # a group is not a node
    ])
    write(folder / "broaderRelationsOccPillar_en.csv", ["conceptType", "conceptUri", "broaderType", "broaderUri"], [
        ["Occupation", DATA_ANALYST, "Occupation", DATA_SCIENTIST],
        ["Occupation", DATA_ANALYST, "ISCOGroup", "http://data.europa.eu/esco/isco/C2511"],
    ])
    summary = summary_of(folder)
    assert summary["prerequisites"] == {"hard": 0, "soft": 0, "hierarchy": 1}
    assert summary["overlaps"] == 9 + 1
    assert summary["not_imported"] == {"ISCO-group memberships": 1, "labels that would name two nodes": 20,
                                       "repeated skill relations": 1, "skill relations the graph already has": 1,
                                       "skill relations that would close a prerequisite cycle": 1,
                                       "skill relations with a tool end": 1, "skill-group memberships": 106}
    g = load_graph_from(folder)
    rel = g.relationship("PREREQUISITE_OF", "machine-learning", "data-mining")
    assert rel["strength"] == "soft" and rel["reason"] == "ESCO hierarchy: the broader concept first"
    # the packaged graph already has ML before deep learning, as a hard prerequisite: it stays as it is
    assert g.relationship("PREREQUISITE_OF", "machine-learning", "deep-learning") == \
        load_graph().relationship("PREREQUISITE_OF", "machine-learning", "deep-learning")
    link = g.relationship("OVERLAPS_WITH", "data-analyst", "data-scientist")
    assert link["provenance"] == [{"source": "esco", "reason": "ESCO hierarchy: a narrower occupation", "release": "v1"}]


def test_skill_relations_essential_hard_optional_soft_and_a_packaged_prerequisite_is_kept(folder):
    write(folder / "skillSkillRelations_en.csv",
          ["originalSkillUri", "originalSkillType", "relationType", "relatedSkillType", "relatedSkillUri"], [
              [MINING, "knowledge", "Essential", "knowledge", STATS],    # statistics first, hard
              [DL, "knowledge", "optional", "knowledge", MINING],        # data mining first, soft
              [ML, "knowledge", "optional", "knowledge", DL],            # deep learning before ML: the packaged order says no
              [ML, "knowledge", "essential", "knowledge", STATS],        # packaged already: statistics -> ML
          ])
    summary = summary_of(folder)
    assert summary["prerequisites"] == {"hard": 1, "soft": 1, "hierarchy": 0}
    assert summary["not_imported"]["skill relations that would close a prerequisite cycle"] == 1
    assert summary["not_imported"]["skill relations the graph already has"] == 1
    g = load_graph_from(folder)
    assert g.relationship("PREREQUISITE_OF", "statistics", "data-mining")["strength"] == "hard"
    assert g.relationship("PREREQUISITE_OF", "data-mining", "deep-learning")["strength"] == "soft"
    assert g.relationship("PREREQUISITE_OF", "deep-learning", "machine-learning") is None
    assert g.relationship("PREREQUISITE_OF", "statistics", "machine-learning") == \
        load_graph().relationship("PREREQUISITE_OF", "statistics", "machine-learning")


# -- the crosswalk -------------------------------------------------------------------


def small_graph() -> KnowledgeGraph:
    g = KnowledgeGraph()
    cur = [{"source": "curated", "reason": "test"}]
    g.add_node("analyst", "Track", name="Analyst", esco_uri=DATA_ANALYST, provenance=cur)
    g.add_node("dsc", "Track", name="DS", esco_occupation=DATA_SCIENTIST, esco_reason="the same role", provenance=cur)
    g.add_node("mining", "Skill", name="Mining", aliases=["dm"], esco_uri=MINING, provenance=cur)
    g.add_node("py", "Tool", name="Py", esco_uri=PYTHON, provenance=cur)
    g.add_node("wrong", "Skill", name="Wrong", esco_uri=DATA_SCIENTIST, provenance=cur)  # an occupation's URI on a skill
    return g


def test_the_crosswalk_maps_concepts_onto_the_graph_s_nodes(folder):
    text, summary = build_esco(folder, small_graph(), release="v1")
    assert summary["mapped"] == ["analyst", "mining", "py"]
    assert summary["crosswalk"] == ["dsc"]
    assert summary["occupations"] == 15 and summary["skills"] == 186
    lines = text.splitlines()
    at = lines.index('  - id: "mining"')
    assert lines[at + 1] == '    aliases: ["dm", "data mining"]'  # its own aliases first, then ESCO's label
    assert lines[at + 2] == "    source: esco"
    assert lines[lines.index("tools:") + 1] == '  - id: "py"'
    assert '  - id: "analyst"' in lines and '  - id: "data-analyst"' not in lines
    assert '  - id: "data-scientist"' in lines  # "wrong" is a Skill: it cannot stand for an occupation
    assert ('  - {type: OVERLAPS_WITH, from: "dsc", to: "data-scientist", source: curated, reason: "the same role"}'
            in lines)


def test_a_track_already_standing_for_its_occupation_gets_no_link_to_itself(folder):
    g = small_graph()
    g.g.nodes["analyst"]["esco_occupation"] = DATA_ANALYST
    summary = build_esco(folder, g, release="v1")[1]
    assert summary["crosswalk"] == ["dsc"]


# -- levels -------------------------------------------------------------------------


@pytest.mark.parametrize("order", [("optional", "essential"), ("essential", "optional")])
def test_essential_wins_over_optional_for_the_same_pair_in_either_order(folder, order):
    append(folder / "occupationSkillRelations_en.csv", [[DATA_ANALYST, level, "knowledge", DL] for level in order])
    append(folder / "occupationSkillRelations_en.csv", [[DATA_ANALYST, " OPTIONAL ", "knowledge", CLOUD]])
    summary = summary_of(folder)
    assert summary["requires"] == {"core": 340, "bonus": 1}
    g = load_graph_from(folder)
    assert g.relationship("REQUIRES", "data-analyst", "deep-learning")["level"] == "core"
    assert g.relationship("REQUIRES", "data-analyst", "design-cloud-architecture")["level"] == "bonus"
    text = text_of(folder)
    block = text.split('  - id: "data-analyst"', 1)[1].split("  - id:", 1)[0].splitlines()
    # core as plain ids first, then bonus as mappings
    assert block[-1] == '      - {skill: "design-cloud-architecture", level: bonus}'
    assert block[-2] == '      - "deep-learning"'


# -- names ------------------------------------------------------------------------------


def test_two_occupations_with_one_label_get_distinct_ids_and_names(folder):
    append(folder / "occupations_en.csv", [["Occupation", OCC + "0a1b2c3d-9999", "", "data analyst"] + [""] * 10,
                                           ["Occupation", OCC + "data-analyst", "", "Data Analyst"] + [""] * 10])
    g = load_graph_from(folder)
    found = sorted((n["id"], n["name"]) for n in g.nodes("Track") if n.get("esco_uri", "").startswith(OCC)
                   and "analyst" in n["name"].lower() and "warehous" not in n["name"])
    assert found == [("data-analyst", "data analyst (ESCO occupation)"),
                     ("data-analyst-0a1b2c3d", "data analyst (ESCO occupation data-analyst-0a1b2c3d)"),
                     ("data-analyst-data-ana", "Data Analyst (ESCO occupation data-analyst-data-ana)")]


def test_a_label_that_spells_a_packaged_chinese_name_or_repeats_itself(folder):
    # "数据管道" is the packaged data-pipeline's Chinese name; altLabels repeat the label and one another
    append(folder / "skills_en.csv", [["KnowledgeSkillCompetence", SKILL + "zh1", "skill/competence", "", "数据管道",
                                      "数据管道\npipelines\npipelines\nflows", "", "released", "", "", "", "", ""],
                                     ["KnowledgeSkillCompetence", SKILL + "p1", "skill/competence", "", "(R) plotting!",
                                      "", "", "released", "", "", "", "", ""]])
    g = load_graph_from(folder)
    node = next(n for n in g.nodes("Skill") if n.get("esco_uri") == SKILL + "zh1")
    assert (node["id"], node["name"]) == ("esco", "数据管道 (ESCO skill)")  # no ASCII in the label: the fallback id
    assert node["aliases"] == ["pipelines", "flows"]
    assert g.resolve("数据管道") == "data-pipeline"
    assert g.resolve("(R) plotting!") == "r-plotting"  # no dash left at either end of an id


def test_a_skill_broader_than_itself_is_a_repeated_relation(folder):
    append(folder / "broaderRelationsSkillPillar_en.csv",
           [["KnowledgeSkillCompetence", MINING, "KnowledgeSkillCompetence", MINING]])
    summary = summary_of(folder)
    assert summary["not_imported"]["repeated skill relations"] == 1
    assert summary["prerequisites"]["hierarchy"] == 0


def test_a_track_linked_without_a_reason_says_closest_occupation(folder):
    g = small_graph()
    g.add_node("dev", "Track", name="Dev", esco_occupation=OCC + "f2b15a0e-e65a-438a-affb-29b9d50b77d1",
               provenance=[{"source": "curated", "reason": "test"}])
    text, summary = build_esco(folder, g, release="v1")
    assert summary["crosswalk"] == ["dev", "dsc"]
    assert ('  - {type: OVERLAPS_WITH, from: "dev", to: "software-developer", source: curated, '
            'reason: "closest ESCO occupation"}') in text.splitlines()
