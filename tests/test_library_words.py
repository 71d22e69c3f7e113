"""The library speaks in its own terms: no error or warning names a CLI flag or command."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kg import errors
from kg.cli.base import cli_words, exit_code

ROOT = Path(__file__).resolve().parent.parent
CLI_WORDS = re.compile(r"(?<![\w-])--[a-z][a-z-]*|\bkg [a-z]+\b")
LIBRARY = sorted(p for folder in ("kg", "loaders", "viz") for p in (ROOT / folder).rglob("*.py")
                 if p.parent != ROOT / "kg" / "cli" and p.name != "__main__.py")


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _messages(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string in a ``raise``, in what is appended to a list of warnings or notes, and
    in what a function named for a note, warning or message returns."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            found += [(node.lineno, s) for s in _strings(node.exc)]
        elif isinstance(node, ast.FunctionDef) and re.search(r"note|warning|message", node.name):
            found += [(r.lineno, s) for r in ast.walk(node) if isinstance(r, ast.Return) and r.value is not None
                      for s in _strings(r.value)]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("append", "extend")
              and re.search(r"warning|note", ast.unparse(node.func.value))):
            found += [(node.lineno, s) for arg in node.args for s in _strings(arg)]
    return found


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_library_error_or_warning_names_a_cli_flag(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert [(line, s) for line, s in _messages(tree) if CLI_WORDS.search(s)] == []


def test_the_check_covers_the_library_not_the_cli():
    names = {str(p.relative_to(ROOT)) for p in LIBRARY}
    assert {"kg/plan.py", "kg/embedded_cypher.py", "loaders/jd.py", "viz/html.py"} <= names
    assert [n for n in names if n.startswith("kg/cli/") or n == "kg/__main__.py"] == []


def test_the_check_sees_raises_and_warnings():
    tree = ast.parse("def f(w):\n    w.warnings.append(f'x {1} --via')\n    raise KGError('try kg validate')\n"
                     "def _note(n):\n    return f'{n} nodes; use --focus'\ndef f(n):\n    return '--focus'\n")
    assert sorted(line for line, s in _messages(tree) if CLI_WORDS.search(s)) == [2, 3, 5]


def test_exit_codes_are_the_clis_business():
    assert not hasattr(errors.KGError, "exit_code")
    assert exit_code(errors.StoreUnavailable("down")) == 3
    assert [exit_code(c("x")) for c in (errors.KGError, errors.NodeNotFound, errors.DataError,
                                         errors.QueryError, errors.NoPath)] == [1, 1, 1, 1, 1]


def test_cli_words_turns_library_terms_into_flags_and_leaves_the_rest():
    assert cli_words("no path; try without `directed=True` or without `via=`") == (
        "no path; try without --directed or without --via")
    assert cli_words("the query needs parameter $who: add `params['who']`") == (
        "the query needs parameter $who: add --param who=VALUE")
    assert cli_words("no skill named 'via='; `search(TEXT)` finds names (`strict=True`)") == (
        "no skill named 'via='; `kg search TEXT` finds names (--strict)")
    assert cli_words("a `mle: true` track") == "a `mle: true` track"
