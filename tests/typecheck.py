"""Type-check the package as it installs: ``kg`` with ``kg.loaders``, ``kg.viz`` and ``kg.cypher`` inside it.

Usage (from the repository root, with the project's venv)::

    python tests/typecheck.py            # any extra arguments go to mypy

``loaders/``, ``viz/`` and ``cypher/`` sit beside ``kg/`` in the source tree and
install inside it (pyproject's ``package-dir``). mypy cannot follow the editable
install's import hook, so the sources are copied, laid out as installed, into a
temporary directory and ``mypy -p kg`` runs there with the project's
configuration; the paths in its report are mapped back to the source tree.
The exit status is mypy's.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def layout(pyproject: str) -> dict[str, str]:
    """Source folder -> installed folder, from pyproject's ``package-dir`` table.

    >>> layout('package-dir = { "kg" = "kg", "kg.loaders" = "loaders" }')
    {'kg': 'kg', 'loaders': 'kg/loaders'}
    """
    table = re.search(r"^package-dir = \{(.*)\}$", pyproject, re.M)
    if table is None:
        raise SystemExit("Error: pyproject.toml has no package-dir table")
    return {folder: package.replace(".", "/") for package, folder in re.findall(r'"([\w.]+)" = "([\w./]+)"', table[1])}


def to_source(line: str, places: dict[str, str]) -> str:
    """A report line with its installed path written as the source path.

    >>> to_source("kg/loaders/jd.py:3: error: x", {"kg": "kg", "loaders": "kg/loaders"})
    'loaders/jd.py:3: error: x'
    """
    for folder, place in sorted(places.items(), key=lambda kv: -len(kv[1])):
        if line.startswith(place + "/"):
            return folder + line[len(place):]
    return line


def main(argv: list[str]) -> int:
    pyproject = ROOT / "pyproject.toml"
    places = layout(pyproject.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="kg-typecheck-") as tmp:
        for folder, place in sorted(places.items(), key=lambda kv: kv[1].count("/")):
            shutil.copytree(ROOT / folder, Path(tmp) / place, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        proc = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(pyproject),
                               "--cache-dir", str(Path(tmp) / ".mypy_cache"), "-p", "kg", *argv],
                              cwd=tmp, capture_output=True, text=True, check=False)
    for line in proc.stdout.splitlines():
        print(to_source(line, places))
    sys.stderr.write(proc.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
