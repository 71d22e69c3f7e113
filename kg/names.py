"""Every way a node can be named: its id, English and Chinese names, and aliases.

The one list that searching, the data-file checks and the ESCO importer read, so a
new kind of name is added here once. Light on purpose (no imports): the loaders and
the core both use it.
"""
from __future__ import annotations

from typing import Any

#: The properties that hold one name each; ``aliases`` holds a list of them.
NAME_PROPS = ("name", "name_zh")


def spellings(node_id: str, props: dict[str, Any]) -> list[tuple[str, str]]:
    """``(field, text)`` for every non-empty way to name a node: ``id`` first, then names, then aliases.

    >>> spellings("sql", {"name": "SQL", "name_zh": "", "aliases": ["structured query language"]})
    [('id', 'sql'), ('name', 'SQL'), ('aliases', 'structured query language')]
    """
    out = [("id", node_id)]
    out += [(k, str(props[k])) for k in NAME_PROPS if props.get(k)]
    out += [("aliases", str(a)) for a in props.get("aliases") or [] if str(a)]
    return out


def node_names(node_id: str, props: dict[str, Any]) -> list[str]:
    """The texts of :func:`spellings`.

    >>> node_names("ds", {"name": "DS", "name_zh": "数据科学家", "aliases": ["data scientist"]})
    ['ds', 'DS', '数据科学家', 'data scientist']
    """
    return [text for _, text in spellings(node_id, props)]
