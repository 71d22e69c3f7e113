"""The Cypher this project ships, loaded by name: schema, load, read and ready-made queries.

Each ``.cypher`` file holds one statement, or several, each after a
``// name: NAME`` line. Files under ``queries/`` are meant for people: paste
them into Neo4j Browser or run ``kg cypher -f``; their ``// params:`` line
lists the parameters they take.

>>> from kg import cypher
>>> sorted(cypher.statements("schema"))[:2]
['Layer', 'Skill']
>>> "shared_skills" in cypher.query_names()
True
>>> cypher.params_of(cypher.query("shared_skills"))
['a', 'b']
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_NAME = re.compile(r"^//\s*name:\s*(.+?)\s*$", re.MULTILINE)
_PARAMS = re.compile(r"^//[ \t]*params:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


@lru_cache(maxsize=None)
def text(name: str) -> str:
    """The whole text of ``NAME.cypher`` (``queries/NAME`` for a query)."""
    path = resources.files(__name__).joinpath(*f"{name}.cypher".split("/"))
    if not path.is_file():
        raise KeyError(f"no Cypher file named {name!r}")
    return path.read_text(encoding="utf-8")


def statements(name: str) -> dict[str, str]:
    """The named statements of a file, ``{name: statement}``, in file order."""
    source = text(name)
    marks = list(_NAME.finditer(source))
    out: dict[str, str] = {}
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(source)
        out[mark.group(1)] = strip(source[mark.end():end])
    return out


def strip(statement: str) -> str:
    """A statement without its comment lines and its trailing ``;``.

    >>> strip("// a comment\\nMATCH (n)\\nRETURN n;\\n")
    'MATCH (n)\\nRETURN n'
    """
    lines = [line for line in statement.splitlines() if not line.lstrip().startswith("//")]
    return "\n".join(lines).strip().rstrip(";").strip()


def query_names() -> list[str]:
    """The ready-made queries under ``queries/``."""
    folder = resources.files(__name__).joinpath("queries")
    return sorted(p.name[: -len(".cypher")] for p in folder.iterdir() if p.name.endswith(".cypher"))


def query(name: str) -> str:
    """The ready-made query ``queries/NAME.cypher``, as written (comments kept)."""
    return text(f"queries/{name}")


def params_of(source: str) -> list[str]:
    """The parameters a query's ``// params:`` line names."""
    found = _PARAMS.search(source)
    return [p.strip() for p in found.group(1).split(",") if p.strip()] if found else []
