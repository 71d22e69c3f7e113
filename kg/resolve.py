"""Find a node from what a person types: an id, a name, a Chinese name or an alias."""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import TYPE_CHECKING, Iterable

from kg.errors import AmbiguousName, NodeNotFound

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

_SEPARATORS = re.compile(r"[\s\-_./]+")


def normalize(text: str) -> str:
    """Case- and width-folded, with runs of spaces collapsed.

    >>> normalize("  Infra   MLE ")
    'infra mle'
    >>> normalize("ＤＳ")
    'ds'
    """
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


def squash(text: str) -> str:
    """The normalized form without separators, so 'infra-mle' meets 'Infra MLE'.

    >>> squash("Infra-MLE"), squash("scikit learn")
    ('inframle', 'scikitlearn')
    """
    return _SEPARATORS.sub("", normalize(text))


def tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in _SEPARATORS.split(normalize(text)) if t)


class Resolver:
    """An index of every way to name each node of a graph (and its ESCO URI)."""

    def __init__(self, graph: "KnowledgeGraph") -> None:
        self.graph = graph
        self.exact: dict[str, set[str]] = {}
        self.loose: dict[str, set[str]] = {}
        self.names: dict[str, set[str]] = {}  # every spelling -> ids, for suggestions and token matches
        from kg.model import CollectorPaused

        with CollectorPaused():
            self._index(graph)

    def _index(self, graph: "KnowledgeGraph") -> None:
        # Read the node dicts in place and fold each spelling once (squash from the folded form):
        # an ESCO-sized graph has over 100,000 spellings.
        for node_id, node in graph.g.nodes(data=True):
            spellings = [node_id, node.get("name", ""), node.get("name_zh", ""), *node.get("aliases", [])]
            for s in spellings:
                if not s:
                    continue
                folded = normalize(s)
                self.exact.setdefault(folded, set()).add(node_id)
                self.loose.setdefault(_SEPARATORS.sub("", folded), set()).add(node_id)
                self.names.setdefault(str(s), set()).add(node_id)
            if node.get("esco_uri"):  # a URI resolves exactly, but its words name nothing
                self.exact.setdefault(normalize(node["esco_uri"]), set()).add(node_id)

    def _labelled(self, ids: Iterable[str], labels: tuple[str, ...] | None) -> set[str]:
        return {i for i in ids if labels is None or self.graph.label(i) in labels}

    def resolve(self, name: str, label: str | Iterable[str] | None = None) -> str:
        """The id of the node called ``name`` (restricted to ``label`` if given)."""
        labels = (label,) if isinstance(label, str) else (tuple(label) if label else None)
        what = " or ".join(lab.lower() for lab in labels) if labels else "node"
        query = normalize(name)
        if not query:
            raise NodeNotFound(f"an empty name names no {what}")
        if not squash(name):  # only separators: every name would hold all of its (no) words
            raise NodeNotFound(f"no {what} named '{name}'")
        for index, key in ((self.exact, query), (self.loose, squash(name))):
            found = self._labelled(index.get(key, ()), labels)
            if len(found) == 1:
                return found.pop()
            if len(found) > 1:
                raise self._ambiguous(name, found)
        # Every word typed is a whole word of one node's name ("infra" -> Infra MLE).
        want = set(tokens(name))
        found = self._labelled(
            {i for spelling, ids in self.names.items() if want <= set(tokens(spelling)) for i in ids}, labels)
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            raise self._ambiguous(name, found)
        raise NodeNotFound(self._not_found(name, what, labels))

    def _describe(self, node_id: str) -> str:
        return f"'{self.graph.name(node_id)}' ({node_id})"

    def _ambiguous(self, name: str, ids: set[str]) -> AmbiguousName:
        ordered = sorted(ids)
        listed = ", ".join(f"{self._describe(i)} [{self.graph.label(i)}]" for i in ordered)
        return AmbiguousName(f"'{name}' is ambiguous: it could be {listed}; use the id", ordered)

    def _not_found(self, name: str, what: str, labels: tuple[str, ...] | None) -> str:
        message = f"no {what} named '{name}'"
        elsewhere = self._labelled(self.exact.get(normalize(name), set()) | self.loose.get(squash(name), set()), None)
        if labels and elsewhere:
            kinds = ", ".join(f"{self._describe(i)} is a {self.graph.label(i)}" for i in sorted(elsewhere))
            return f"{message} ({kinds})"
        spellings = [s for s, ids in self.names.items() if self._labelled(ids, labels)]
        by_norm: dict[str, str] = {}
        for s in spellings:
            by_norm.setdefault(normalize(s), s)
        close = difflib.get_close_matches(normalize(name), list(by_norm), n=6, cutoff=0.6)
        suggestions: list[str] = []
        for key in close:
            for i in sorted(self._labelled(self.exact[key], labels)):
                text = self._describe(i)
                if text not in suggestions:
                    suggestions.append(text)
        if suggestions:
            return f"{message} — did you mean {' or '.join(suggestions[:3])}?"
        return f"{message}; `search(TEXT)` finds names"
