"""Shared fixtures: the packaged graph, and running the real `kg` command."""
from __future__ import annotations

import copy
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# The Bolt server fixtures (a real FalkorDB, or Neo4j when NEO4J_URI is set), for every test module.
from bolt_support import bolt, bolt_server  # noqa: F401 (registered here for every module)


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Tests never read or write the user's own cache.
    os.environ["KG_CACHE_DIR"] = str(tmp_path_factory.mktemp("kg-cache"))
    for var in ("KG_DATA", "KG_LANG", "KG_BACKEND"):
        os.environ.pop(var, None)


@pytest.fixture(scope="session")
def packaged_graph():
    from kg.loaders.curated import load_graph

    return load_graph()


@pytest.fixture
def graph(packaged_graph):
    """A fresh copy of the packaged graph that a test may change."""
    from kg.model import KnowledgeGraph

    return KnowledgeGraph(copy.deepcopy(packaged_graph.g))


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def first_problem(write):
    """Load a data file of ``text`` (as bad.yaml) on the packaged graph: the first problem reported,
    its path written as bad.yaml. The file must be refused."""
    from kg.loaders.curated import load_graph

    from kg.errors import DataError

    def load(text: str) -> str:
        path = write("bad.yaml", text)
        with pytest.raises(DataError) as e:
            load_graph([path])
        return str(e.value).replace(path, "bad.yaml").split(" (and ")[0]

    return load


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A private cache directory, and a graph loader that counts its calls (a call = a rebuild):
    ``(cache directory, loader, calls)``, for what is kept beside the graph cache."""
    from kg.cache import load_graph

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[int] = []

    def loader():
        calls.append(1)
        return load_graph()

    return tmp_path / "cache", loader, calls


@pytest.fixture
def kg_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run ``kg ARGS`` in-process through the console script's entry point (``run_safely``), from a
    directory outside the repo: exit code, stdout, stderr. Fast, and seen by tests/mutate.py."""
    from hostile_support import kg

    monkeypatch.chdir(tmp_path)

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        r = kg(*args, env=env, input=input)
        return Result(r.code, r.out, r.err)

    return run


@pytest.fixture
def kg_process(tmp_path: Path):
    """Run the real command, ``python -m kg ARGS``, in a new process from a directory outside the repo
    (for what only a process shows: the entry point, start-up, the cache between runs)."""

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        full_env = {**os.environ, **(env or {})}
        proc = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, check=False, text=True,
                              cwd=tmp_path, env=full_env, input=input, timeout=120)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def write(tmp_path: Path):
    """Write a text file under tmp_path and return its path."""

    def _write(name: str, text: str) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return str(path)

    return _write


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test (they fail rather than skip when CI is set)."""
    from viz_support import Browser, chromium_missing

    why = chromium_missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"{why} (CI is set: browser tests must run, not skip)")
        pytest.skip(why)
    b = Browser()
    yield b
    b.close()
