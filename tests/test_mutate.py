"""tests/mutate.py decides which mutants the tests never run: a statement over several lines runs as a whole."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mutate  # noqa: E402

TABLE = "KEYS = frozenset([\n    'no',\n    'never'])\nif (KEYS and\n        len(KEYS) > 1):\n    n = 1\nelse:\n    n = 2\n"


def test_a_table_line_counts_as_run_when_its_statement_ran():
    statements = mutate.statement_lines(TABLE)
    never = next(m for m in mutate.find_mutants(TABLE) if m.original == "'never'")
    assert never.line == 3
    # Python reports line 1 only when the table is built
    assert mutate.ran(never, statements, {1})
    assert not mutate.ran(never, statements, {4, 5, 6})


def test_a_condition_over_two_lines_is_its_header_not_its_body():
    statements = mutate.statement_lines(TABLE)
    bigger = next(m for m in mutate.find_mutants(TABLE) if m.original == ">")
    assert bigger.line == 5
    assert list(statements[5]) == [4, 5]
    assert mutate.ran(bigger, statements, {4})
    assert not mutate.ran(bigger, statements, {6, 8})
    two = next(m for m in mutate.find_mutants(TABLE) if m.original == "2")
    assert not mutate.ran(two, statements, {4, 5, 6})
    assert mutate.ran(two, statements, {8})
