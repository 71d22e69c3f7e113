"""Property-based tests (Hypothesis): whatever bytes, YAML documents or names come in, kg answers or
refuses in one line, in bounded time, and every export gives the names back exactly (issue 9)."""
from __future__ import annotations

import copy
import json
import math
import re
from datetime import timedelta

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.embedded_cypher import tokenize
from kg.errors import DataError, KGError
from kg.export import read_export, write_export
from kg.export.cypher_script import to_cypher
from kg.model import KnowledgeGraph
from kg.stores.base import graph_contents

#: Few examples and a generous per-example deadline: the suite stays fast on a busy machine,
#: and an example that takes seconds (a quadratic path, a bomb) still fails.
FAST = settings(max_examples=60, deadline=timedelta(seconds=3), derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def base():
    from kg.loaders.curated import load_graph

    return load_graph()


def load(base, raw: bytes):
    """A user data file's bytes merged into the packaged graph, or its ``DataError``."""
    from kg.loaders.curated import load_graph

    try:
        return load_graph(["data.yaml"], base=base, contents=[raw])
    except DataError as e:
        message = str(e)
        assert "\n" not in message and message.startswith("data.yaml"), message
        return None


def assert_sane(graph: KnowledgeGraph) -> None:
    """What a loaded graph must always allow: strict JSON, finite numbers, printable names."""
    from kg.safeio import dumps_json

    dumps_json([{"id": n, **d} for n, d in graph.g.nodes(data=True)])
    for _, d in graph.g.nodes(data=True):
        for key in ("effort_hours", "order"):
            if key in d:
                assert math.isfinite(d[key])
        for key in ("name", "name_zh"):
            assert not re.search("[\x00-\x1f\x7f-\x9f]", str(d.get(key, "")))


# -- the data loader ------------------------------------------------------------------------------
@FAST
@given(raw=st.binary(max_size=2000))
def test_arbitrary_bytes_are_loaded_or_refused_in_one_line(base, raw):
    graph = load(base, raw)
    if graph is not None:
        assert_sane(graph)


SCHEMA_WORDS = ["version", "layers", "skills", "tools", "tracks", "relationships", "id", "name", "name_zh",
                "aliases", "description", "source", "quote", "reason", "evidence", "count", "total", "track",
                "documents", "layer", "skills", "requires", "skill", "level", "group", "min_of", "weight",
                "effort_hours", "order", "url", "type", "from", "to", "strength"]
IDS = ["ds", "sql", "data", "kubernetes", "data-pipeline", "polars", "new-tool", "x", "Bad Id", "trail\n"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(IDS), st.text(max_size=20),
                    st.sampled_from(["core", "bonus", "hard", "soft", "curated", "article", "jd", "HAS_SKILL",
                                     "REQUIRES", "USES_TOOL", "PREREQUISITE_OF"]))
DOCS = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(SCHEMA_WORDS), st.text(max_size=8)), inner, max_size=5)),
    max_leaves=30)
SECTION = st.sampled_from(["layers", "skills", "tools", "tracks", "relationships"])
ENTRY = st.dictionaries(st.sampled_from(SCHEMA_WORDS), DOCS, max_size=7)
FILES = st.one_of(DOCS, st.dictionaries(SECTION, st.lists(ENTRY, max_size=4), max_size=3))


@FAST
@given(doc=FILES)
def test_yaml_shaped_documents_are_loaded_or_refused_in_one_line(base, doc):
    try:
        text = yaml.safe_dump(doc, allow_unicode=True)
    except yaml.YAMLError:
        return
    graph = load(base, text.encode("utf-8", "surrogatepass"))
    if graph is not None:
        assert_sane(graph)
        for fmt in ("json", "graphml"):
            read_back_equal(graph, fmt)


@FAST
@given(depth=st.integers(min_value=1, max_value=3000), aliases=st.integers(min_value=0, max_value=12))
def test_nesting_and_aliases_of_any_size_are_bounded(base, depth, aliases):
    nested = "tools:\n  - id: polars\n    name: Polars\n    description: " + "[" * depth + "]" * depth + "\n"
    load(base, nested.encode())
    lines = ['x: &a0 ["lol"]'] + [f"y{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, aliases + 1)]
    load(base, ("\n".join(lines) + "\n").encode())


# -- names through show, the page's data and every export -------------------------------------------------
NAMES = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)


def named_graph(name: str, alias: str, description: str) -> KnowledgeGraph:
    g = KnowledgeGraph()
    g.add_node("odd", "Skill", name=name, name_zh=alias, aliases=[alias, name], description=description,
               effort_hours=1.5, provenance=[{"source": "my.yaml", "reason": name}])
    g.add_node("tool", "Tool", name=alias, provenance=[{"source": "curated", "reason": description or "x"}])
    g.add_node("layer", "Layer", name=description or "L", order=1, provenance=[{"source": "curated", "reason": "x"}])
    g.add_relationship("HAS_SKILL", "layer", "odd", provenance=[{"source": "curated", "reason": name}])
    g.add_relationship("USES_TOOL", "odd", "tool", provenance=[{"source": "curated", "reason": alias}])
    return g


def read_back_equal(graph: KnowledgeGraph, fmt: str) -> None:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out"
        write_export(graph, fmt, target)
        back = read_export(fmt, target)
    assert graph_contents(back) == graph_contents(graph), fmt


@FAST
@given(name=NAMES, alias=NAMES, description=st.text(st.characters(exclude_categories=["Cs"]), max_size=60))
def test_any_name_round_trips_through_every_export(name, alias, description):
    graph = named_graph(name, alias, description)
    for fmt in ("json", "graphml", "csv"):
        read_back_equal(graph, fmt)
    assert cypher_script_rows(to_cypher(graph)) == cypher_rows(graph)


@FAST
@given(name=NAMES, alias=NAMES)
def test_any_name_shows_and_renders(name, alias):
    from kg.viz.html import build_view, script_json

    from kg.browse import show
    from kg.safeio import dumps_json, inert

    graph = named_graph(name, alias, "d")
    shown = show(graph, "odd")
    assert json.loads(dumps_json(shown))["name"] == name
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", inert(name))
    view = build_view(graph)
    data = json.loads(script_json(view))
    assert [n["id"] for n in data["nodes"]] == ["odd", "tool", "layer"]
    assert "<" not in script_json(view) and ">" not in script_json(view)


@FAST
@given(name=NAMES)
def test_any_name_printed_by_the_cli_is_inert(name):
    from unittest import mock

    from hostile_support import kg

    from kg.cli.base import GraphSource

    graph = named_graph(name, "alias", "d")
    with mock.patch.object(GraphSource, "graph", lambda self: graph):
        for args in (["show", "odd"], ["list", "skills"]):
            r = kg(*args)
            assert r.code == 0, r.err
            assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", r.out)


# -- reading the Cypher script's literals back ----------------------------------------------------------------
def cypher_rows(graph: KnowledgeGraph) -> list:
    from kg.export.cypher_script import _id_first
    from kg.stores.base import node_rows, rel_rows

    rows = [_id_first(r) for rows in node_rows(graph).values() for r in rows]
    return rows + [r for rows in rel_rows(graph).values() for r in rows]


def cypher_script_rows(script: str) -> list:
    """The rows of every ``UNWIND [...] AS row`` statement, parsed back from Cypher literals."""
    tokens = [t for t in tokenize(script) if t.kind not in ("space", "comment")]
    rows: list = []
    for k, token in enumerate(tokens):
        if token.kind == "word" and token.upper == "UNWIND" and tokens[k + 1].text == "[":
            value, _ = parse_literal(tokens, k + 1)
            rows.extend(value)
    return rows


def parse_literal(tokens, k):
    t = tokens[k]
    if t.text == "[":
        items, k = [], k + 1
        while tokens[k].text != "]":
            value, k = parse_literal(tokens, k)
            items.append(value)
            if tokens[k].text == ",":
                k += 1
        return items, k + 1
    if t.text == "{":
        out, k = {}, k + 1
        while tokens[k].text != "}":
            key = tokens[k].text
            key = key[1:-1].replace("``", "`") if tokens[k].kind == "quoted" else key
            value, k = parse_literal(tokens, k + 2)
            out[key] = value
            if tokens[k].text == ",":
                k += 1
        return out, k + 1
    if t.kind == "string":
        return unescape(t.text[1:-1]), k + 1
    if t.text == "-":
        value, k = parse_literal(tokens, k + 1)
        return -value, k
    if t.kind == "number":
        return (float(t.text) if any(c in t.text for c in ".eE") else int(t.text)), k + 1
    return {"true": True, "false": False, "null": None}[t.text.lower()], k + 1


def unescape(body: str) -> str:
    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)",
                  lambda m: chr(int(m.group(1)[1:], 16)) if len(m.group(1)) == 5 else
                  {"n": "\n", "r": "\r", "t": "\t"}.get(m.group(1), m.group(1)), body)


def test_the_literal_reader_reads_what_cypher_literal_writes():
    from kg.export.cypher_script import cypher_literal

    value = [{"a": "it's \\ \x00\x1b\r\n", "b": [1, -2.5, True, None], "c d": {}}]
    assert parse_literal([t for t in tokenize(cypher_literal(value)) if t.kind != "space"], 0)[0] == value


def test_hypothesis_settings_are_bounded():
    assert FAST.max_examples <= 100 and FAST.deadline is not None
    assert copy.copy(FAST).derandomize
    with pytest.raises(KGError):
        raise KGError("x")
