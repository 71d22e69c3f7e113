"""Compare two tracks: the skills they share and the ones only one needs."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.person import node_layer, requirements

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph


def track_skills(graph: "KnowledgeGraph", track: str, *, core_only: bool = False) -> dict[str, str]:
    """Skill or tool id -> level for everything the track requires (at full level).

    >>> from kg.loaders.curated import load_graph
    >>> track_skills(load_graph(), "sde")
    {'programming': 'core', 'software-engineering': 'core', 'containerization': 'bonus', 'cloud-computing': 'bonus'}
    """
    return {r["id"]: r["level"] for r in requirements(graph, track, "full", with_bonus=not core_only)}


def compare(graph: "KnowledgeGraph", a: str, b: str, *, core_only: bool = False) -> dict[str, Any]:
    """Shared requirements (skills and tools), those only ``a`` or only ``b`` has, per layer, and their Jaccard similarity.

    A required tool sits in the layer of its first skill.

    >>> from kg.loaders.curated import load_graph
    >>> c = compare(load_graph(), "Production MLE", "Infra MLE", core_only=True)
    >>> c["shared"], c["similarity"]
    (['data-pipeline', 'machine-learning', 'cloud-computing'], 0.5)
    """
    track_a, track_b = graph.resolve(a, "Track"), graph.resolve(b, "Track")
    levels_a = track_skills(graph, track_a, core_only=core_only)
    levels_b = track_skills(graph, track_b, core_only=core_only)
    # Within a layer: a's requirements in a's order, then b's own in b's order.
    order = {n: i for i, n in enumerate([*levels_a, *(n for n in levels_b if n not in levels_a)])}
    layers = {n: node_layer(graph, n) for n in order}

    def ordered(ids: set[str]) -> list[str]:
        return sorted(ids, key=lambda n: (graph.layer_rank(layers[n]), order[n]))

    shared = ordered(set(levels_a) & set(levels_b))
    only_a, only_b = ordered(set(levels_a) - set(levels_b)), ordered(set(levels_b) - set(levels_a))
    union = set(levels_a) | set(levels_b)
    by_layer = {lay: {"shared": [n for n in shared if layers[n] == lay],
                      "only_a": [n for n in only_a if layers[n] == lay],
                      "only_b": [n for n in only_b if layers[n] == lay]}
                for lay in sorted(graph.ids("Layer"), key=graph.layer_rank)}
    return {
        "a": track_a,
        "b": track_b,
        "shared": shared,
        "only_a": only_a,
        "only_b": only_b,
        "levels": {"a": levels_a, "b": levels_b},
        "by_layer": by_layer,
        "similarity": round(len(shared) / len(union), 3) if union else 1.0,
    }
