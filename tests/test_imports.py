"""`import kg` and `kg path` stay light: no pyvis, no neo4j, no YAML parser on a warm cache."""
from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pyvis", "neo4j", "ladybug", "jinja2", "IPython", "playwright", "pypdf", "docx", "fpdf", "lxml")


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


def test_kg_plan_and_fit_without_cv_load_no_document_reader():
    for argv in (["kg", "plan", "--from", "DS", "--to", "Infra MLE", "--know", "sql", "--hours-per-week", "8"],
                 ["kg", "fit", "--know", "python,sql"], ["kg", "next", "--from", "ds"]):
        code = (f"import sys\nsys.argv = {argv!r}\nfrom kg.cli import cli\n"
                "try:\n    cli.main(standalone_mode=False)\nexcept SystemExit:\n    pass")
        modules_after(code)
        loaded = modules_after(code)
        assert [m for m in loaded if m.split(".")[0] in HEAVY + ("yaml",)] == [], argv


def test_no_module_shadows_a_function():
    # Importing every submodule (as tests and tools do) must leave each public name what it was.
    code = ("import kg, importlib, pkgutil, types\n"
            "names = {n: getattr(kg, n) for n in kg.__all__}\n"
            "for m in pkgutil.walk_packages(kg.__path__, 'kg.'):\n"
            "    if m.name != 'kg.__main__':\n"
            "        importlib.import_module(m.name)\n"
            "bad = [n for n in kg.__all__ if isinstance(getattr(kg, n), types.ModuleType) or getattr(kg, n) is not names[n]]\n"
            "print(bad, callable(kg.compare), callable(kg.fit))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] True True"
