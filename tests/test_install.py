"""A real wheel (not the editable install the tests run from) carries every part and runs from anywhere."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


#: What building leaves behind, and what the wheel does not need.
NOT_COPIED = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis",
                                    "tests")


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if "__pycache__" not in p.parts
            and not any(part.startswith(".") for part in p.relative_to(root).parts)}


@pytest.fixture(scope="module")
def source_before() -> set[str]:
    return _tree(ROOT)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, source_before) -> Path:
    # Built from a copy: setuptools writes build/ and *.egg-info next to the sources it builds.
    src = tmp_path_factory.mktemp("src") / "mle-kg"
    shutil.copytree(ROOT, src, ignore=NOT_COPIED)
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "-w", str(out), str(src)], capture_output=True, check=False, text=True)
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{proc.stderr[-2000:]}")
    return next(out.glob("mle_kg-*.whl"))


def test_building_the_wheel_writes_nothing_into_the_source_tree(wheel, source_before):
    assert sorted(_tree(ROOT) - source_before) == []


def test_wheel_maps_folders_into_kg(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "kg/data/graph.yaml" in names and "kg/data/article.txt" in names and "kg/py.typed" in names
    assert "kg/loaders/curated.py" in names
    # Every module of the source tree is in the wheel (a package missing from pyproject's list is not).
    sources = {str(p.relative_to(ROOT / "kg")) for p in (ROOT / "kg").rglob("*.py")}
    assert sorted(s for s in sources if f"kg/{s}" not in names) == []
    assert [n for n in names if n.split("/")[0] in ("loaders", "viz", "cypher", "tests")] == []


def test_installed_wheel_runs_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True)
    env = {**os.environ, "PYTHONPATH": str(target), "KG_NO_CACHE": "1"}
    proc = subprocess.run([sys.executable, "-m", "kg", "path", "DS", "Infra MLE"], capture_output=True, check=False, text=True,
                          cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "length 2"
    proc = subprocess.run([sys.executable, "-c", "import kg.loaders.curated as c; print(c.__file__)"],
                          capture_output=True, check=False, text=True, cwd=tmp_path, env=env)
    assert proc.stdout.strip().startswith(str(target))
