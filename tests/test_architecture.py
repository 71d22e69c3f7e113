"""The import rules of docs/architecture.md, checked on every module's source with ``ast``."""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Source folder -> the package it installs as (pyproject's package-dir).
PACKAGES = {"kg": "kg", "loaders": "kg.loaders", "viz": "kg.viz", "cypher": "kg.cypher"}
#: Libraries that are slow to import or optional: only inside the function that needs them.
HEAVY = {"neo4j", "pyvis", "ladybug", "pypdf", "docx", "playwright", "jinja2", "markupsafe"}
#: The one module that is the driver adapter; it is itself imported only inside functions.
DRIVER_ADAPTER = "kg.stores.neo4j"


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = [PACKAGES[rel.parts[0]].split(".")[0], *PACKAGES[rel.parts[0]].split(".")[1:], *rel.parts[1:]]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(source: str, module: str, is_package: bool = False) -> tuple[set[str], set[str]]:
    """``(module level, inside functions)``: absolute names of what ``source`` imports.

    >>> imports("from ..errors import X\\ndef f():\\n    import neo4j", "kg.loaders.curated")
    ({'kg.errors'}, {'neo4j'})
    """
    package = module.split(".") if is_package else module.split(".")[:-1]
    top: set[str] = set()
    inner: set[str] = set()

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            into = inner if nested else top
            if isinstance(child, ast.Import):
                into.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = package[:len(package) - child.level + 1] if child.level else []
                name = ".".join([*base, *([child.module] if child.module else [])])
                into.add(name)
                if not child.module:  # `from . import x`: x may be a module
                    into.update(f"{name}.{a.name}" for a in child.names)
            visit(child, nested)

    visit(ast.parse(source), False)
    return top, inner


def layer(module: str) -> str:
    """``cli``, ``loaders``, ``viz``, ``cypher`` or ``core``."""
    if module == "kg.__main__" or _is(module, "kg.cli"):
        return "cli"
    for name in ("loaders", "viz", "cypher"):
        if module == f"kg.{name}" or module.startswith(f"kg.{name}."):
            return name
    return "core"


def _is(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def violations(module: str, top: set[str], inner: set[str]) -> list[str]:
    """Which import rules ``module`` breaks (see docs/architecture.md)."""
    kind = layer(module)
    found = []
    everywhere = top | inner
    if kind != "cli":
        found += [f"{module} imports the CLI ({n})" for n in sorted(everywhere)
                  if layer(n) == "cli" or _is(n, "click")]
    if kind in ("core", "loaders", "cypher"):
        found += [f"{module} imports the page ({n})" for n in sorted(everywhere) if _is(n, "kg.viz")]
    if kind == "cypher":
        found += [f"{module} imports the library ({n})" for n in sorted(everywhere) if _is(n, "kg")]
    if module != DRIVER_ADAPTER:
        found += [f"{module} imports {n} at module level" for n in sorted(top)
                  if _is(n, *HEAVY) or _is(n, DRIVER_ADAPTER)]
    return found


SOURCES = sorted(p for folder in PACKAGES for p in (ROOT / folder).rglob("*.py"))


def relative_imports(source: str) -> list[int]:
    """Line numbers of relative imports (``from .x import y``).

    >>> relative_imports("from kg.errors import X\\nfrom ..model import Y\\nfrom . import z")
    [2, 3]
    """
    return [n.lineno for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom) and n.level]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_import_is_absolute(path):
    assert relative_imports(path.read_text(encoding="utf-8")) == []


#: The module that owns the networkx graph under a KnowledgeGraph.
MODEL = ROOT / "kg" / "model.py"
#: networkx's private adjacency dicts.
NETWORKX_PRIVATES = {"_succ", "_pred", "_node", "_adj"}


def graph_internals(source: str) -> list[int]:
    """Line numbers that reach under a ``KnowledgeGraph`` (its networkx graph ``.g``) or into
    networkx's private dicts.

    >>> graph_internals("n = graph.g.nodes\\nm = len(graph)\\nsucc = other._succ\\neg = e.get")
    [1, 3]
    """
    return sorted(n.lineno for n in ast.walk(ast.parse(source))
                  if isinstance(n, ast.Attribute) and (n.attr == "g" or n.attr in NETWORKX_PRIVATES))


@pytest.mark.parametrize("path", [p for p in SOURCES if p != MODEL], ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_model_reaches_its_networkx_graph(path):
    assert graph_internals(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_keeps_the_import_rules(path):
    module = module_name(path)
    top, inner = imports(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
    assert violations(module, top, inner) == []


def test_the_rules_catch_what_they_forbid():
    assert module_name(ROOT / "loaders" / "curated.py") == "kg.loaders.curated"
    assert module_name(ROOT / "kg" / "stores" / "__init__.py") == "kg.stores"
    assert imports("from . import neo4j", "kg.stores", is_package=True) == ({"kg.stores", "kg.stores.neo4j"}, set())
    assert violations("kg.plan", {"kg.cli.base", "kg.viz.html", "pyvis"}, {"click", "neo4j"}) == [
        "kg.plan imports the CLI (click)", "kg.plan imports the CLI (kg.cli.base)",
        "kg.plan imports the page (kg.viz.html)", "kg.plan imports pyvis at module level"]
    assert violations("kg.loaders.documents", {"pypdf"}, {"docx"}) == [
        "kg.loaders.documents imports pypdf at module level"]
    assert violations("kg.viz.html", {"kg.cli"}, {"jinja2"}) == ["kg.viz.html imports the CLI (kg.cli)"]
    assert violations("kg.cypher", {"kg.model"}, set()) == ["kg.cypher imports the library (kg.model)"]
    assert violations("kg.export", {"kg.stores.neo4j"}, set()) == [
        "kg.export imports kg.stores.neo4j at module level"]
    assert violations("kg.stores.neo4j", {"neo4j"}, set()) == []
    assert violations("kg.cli.viz", {"click", "kg.cli.base"}, {"kg.viz"}) == []
    assert violations("kg.cli", {"pyvis"}, set()) == ["kg.cli imports pyvis at module level"]
    assert layer("kg.cli.person") == "cli" and layer("kg.client") == "core"
    assert graph_internals("n = graph.g.nodes\nm = len(graph)\nsucc = other._succ\neg = e.get") == [1, 3]


def test_the_architecture_page_names_every_folder():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert all(f"`{folder}/`" in text for folder in [*PACKAGES, "tests"])
    assert "docs/architecture.md" in (ROOT / "README.md").read_text(encoding="utf-8")


#: Import name -> distribution name, where they differ.
DISTRIBUTIONS = {"yaml": "pyyaml", "docx": "python-docx"}


def test_every_library_the_package_imports_is_declared():
    # tomllib is 3.11+: the dependency list is read as the plain TOML array it is.
    block = re.search(r"^dependencies = \[(.*?)^\]", (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
                      re.S | re.M)
    assert block is not None
    declared = {re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower() for d in re.findall(r'"([^"]+)"', block[1])}
    assert {"click", "networkx", "pyyaml"} <= declared
    used = set()
    for path in SOURCES:
        top, inner = imports(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
        used |= {n.split(".")[0] for n in top | inner}
    third_party = {n for n in used if n and n != "kg" and n not in sys.stdlib_module_names}
    assert sorted(DISTRIBUTIONS.get(n, n) for n in third_party if DISTRIBUTIONS.get(n, n) not in declared) == []


def test_the_one_place_of_each_rule_exists():
    """Every name in the architecture page's 'One place for each rule' table is real."""
    import importlib

    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## One place for each rule", 1)[1]
    checked = 0
    for row in section.splitlines():
        if not row.startswith("| ") or row.startswith("| Rule") or set(row) <= {"|", "-"}:
            continue
        module = None
        for name in re.findall(r"`([A-Za-z_][\w.]*)`", row.split("|")[2]):
            if name.startswith("kg."):
                module_name_, _, name = name.rpartition(".")
                module = importlib.import_module(module_name_)
            assert module is not None and hasattr(module, name), (row, name)
            checked += 1
    assert checked >= 15
