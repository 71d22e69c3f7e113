"""`import kg` and `kg path` stay light: no pyvis, no neo4j, no YAML parser on a warm cache."""
from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pyvis", "neo4j", "ladybug", "jinja2", "IPython", "playwright")


def modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_import_kg_is_light():
    loaded = modules_after("import kg")
    assert [m for m in loaded if m.split(".")[0] in HEAVY + ("networkx", "click", "yaml")] == []


def test_kg_path_loads_no_heavy_module():
    code = ("import sys\nsys.argv = ['kg', 'path', 'DS', 'Infra MLE']\nfrom kg.cli import cli\n"
            "try:\n    cli.main(standalone_mode=False)\nexcept SystemExit:\n    pass")
    modules_after(code)  # first run fills the cache
    loaded = modules_after(code)
    assert [m for m in loaded if m.split(".")[0] in HEAVY + ("yaml",)] == []
