"""Find a node from what a person types: an id, a name, a Chinese name or an alias."""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import TYPE_CHECKING, Any, Iterable, Iterator

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


def spellings(node_id: str, props: dict[str, Any]) -> list[str]:
    """Every way a person may name a node: its id, name, Chinese name and aliases.

    >>> spellings("k8s-x", {"name": "Kube", "name_zh": "", "aliases": ["kx"]})
    ['k8s-x', 'Kube', 'kx']
    """
    return [s for s in (node_id, props.get("name", ""), props.get("name_zh", ""), *props.get("aliases", [])) if s]


def tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in _SEPARATORS.split(normalize(text)) if t)


class Resolver:
    """An index of every way to name each node of a graph (and its ESCO URI)."""

    def __init__(self, graph: "KnowledgeGraph", nodes: Iterable[tuple[str, dict[str, Any]]] | None = None) -> None:
        """Index ``graph``'s nodes, or ``nodes`` (``(id, properties with the names)``) when given."""
        self.graph = graph
        self.exact: dict[str, set[str]] = {}
        self.loose: dict[str, set[str]] = {}
        self.names: dict[str, set[str]] = {}  # every spelling -> ids, for suggestions and token matches
        from kg.model import CollectorPaused

        with CollectorPaused():
            self._index(graph.node_items() if nodes is None else nodes)

    def _index(self, nodes: Iterable[tuple[str, dict[str, Any]]]) -> None:
        # Fold each spelling once (squash from the folded form): an ESCO-sized graph has over
        # 100,000 spellings.
        for node_id, node in nodes:
            for s in spellings(node_id, node):
                folded = normalize(s)
                self.exact.setdefault(folded, set()).add(node_id)
                self.loose.setdefault(_SEPARATORS.sub("", folded), set()).add(node_id)
                self.names.setdefault(str(s), set()).add(node_id)
            if node.get("esco_uri"):  # a URI resolves exactly, but its words name nothing
                self.exact.setdefault(normalize(node["esco_uri"]), set()).add(node_id)

    # -- the four lookups (an on-disk index answers them without building these dicts) --
    def named(self, folded: str) -> set[str]:
        """Ids with a spelling (or ESCO URI) that folds to ``folded``."""
        return self.exact.get(folded, set())

    def named_loosely(self, squashed: str) -> set[str]:
        """Ids with a spelling that, without separators, is ``squashed``."""
        return self.loose.get(squashed, set())

    def with_words(self, words: set[str]) -> set[str]:
        """Ids with a spelling holding every one of ``words`` as a whole word."""
        return {i for spelling, ids in self.names.items() if words <= set(tokens(spelling)) for i in ids}

    def all_spellings(self) -> Iterable[tuple[str, set[str]]]:
        """Every ``(spelling, ids)``: the candidates for suggestions."""
        return self.names.items()

    def _labelled(self, ids: Iterable[str], labels: tuple[str, ...] | None) -> set[str]:
        return {i for i in ids if labels is None or self.graph.label(i) in labels}

    def resolve(self, name: str, label: str | Iterable[str] | None) -> str:
        """The id of the node called ``name``, among the nodes of ``label`` (one or several;
        None: any node).

        Three tiers, the first that names any node decides: a spelling folded as typed, then
        without separators ('scikitlearn'), then every word typed as a whole word of one
        spelling ('infra' -> Infra MLE). Several nodes in the deciding tier: ``AmbiguousName``.
        """
        labels = (label,) if isinstance(label, str) else (tuple(label) if label else None)
        what = " or ".join(lab.lower() for lab in labels) if labels else "node"
        query = normalize(name)
        if not query:
            raise NodeNotFound(f"an empty name names no {what}")
        if not squash(name):  # only separators: every name would hold all of its (no) words
            raise NodeNotFound(f"no {what} named '{name}'")
        for named in self._tiers(name):
            found = self._labelled(named, labels)
            if len(found) > 1:
                raise self._ambiguous(name, found)
            if found:
                return found.pop()
        raise NodeNotFound(self._not_found(name, what, labels))

    def _tiers(self, name: str) -> Iterator[set[str]]:
        """The ids each tier of :meth:`resolve` finds for ``name``, best tier first (each looked
        up only when the ones before named nothing)."""
        yield self.named(normalize(name))
        yield self.named_loosely(squash(name))
        yield self.with_words(set(tokens(name)))

    def _describe(self, node_id: str) -> str:
        return f"'{self.graph.name(node_id)}' ({node_id})"

    def _ambiguous(self, name: str, ids: set[str]) -> AmbiguousName:
        ordered = sorted(ids)
        listed = ", ".join(f"{self._describe(i)} [{self.graph.label(i)}]" for i in ordered)
        return AmbiguousName(f"'{name}' is ambiguous: it could be {listed}; use the id", ordered)

    def _not_found(self, name: str, what: str, labels: tuple[str, ...] | None) -> str:
        message = f"no {what} named '{name}'"
        elsewhere = self.named(normalize(name)) | self.named_loosely(squash(name))
        if labels and elsewhere:
            kinds = ", ".join(f"{self._describe(i)} is a {self.graph.label(i)}" for i in sorted(elsewhere))
            return f"{message} ({kinds})"
        by_norm: dict[str, str] = {}
        for s, ids in self.all_spellings():
            if self._labelled(ids, labels):
                by_norm.setdefault(normalize(s), s)
        close = difflib.get_close_matches(normalize(name), list(by_norm), n=6, cutoff=0.6)
        suggestions: list[str] = []
        for key in close:
            for i in sorted(self._labelled(self.named(key), labels)):
                text = self._describe(i)
                if text not in suggestions:
                    suggestions.append(text)
        if suggestions:
            return f"{message} — did you mean {' or '.join(suggestions[:3])}?"
        return f"{message}; `search(TEXT)` finds names"
