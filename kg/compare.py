"""Compare two tracks: the skills they share and the ones only one needs."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import KnowledgeGraph


def track_skills(graph: "KnowledgeGraph", track: str, *, core_only: bool = False) -> dict[str, str]:
    """Skill id -> level for every skill the track requires."""
    return {
        s: p.get("level", "core")
        for s, p in graph.out(track, "REQUIRES")
        if graph.label(s) == "Skill" and (not core_only or p.get("level", "core") == "core")
    }


def compare(graph: "KnowledgeGraph", a: str, b: str, *, core_only: bool = False, lang: str = "en") -> dict[str, Any]:
    """Shared skills, skills only ``a`` or only ``b`` requires, per layer, and their Jaccard similarity.

    >>> from kg.loaders.curated import load_graph
    >>> c = compare(load_graph(), "Production MLE", "Infra MLE", core_only=True)
    >>> c["shared"], c["similarity"]
    (['data-pipeline', 'cloud-computing'], 0.4)
    """
    ta, tb = graph.resolve(a, "Track"), graph.resolve(b, "Track")
    sa, sb = track_skills(graph, ta, core_only=core_only), track_skills(graph, tb, core_only=core_only)

    def ordered(ids: set[str]) -> list[str]:
        return sorted(ids, key=lambda s: (graph.layer_rank(graph.layer_of(s)), list(sa).index(s) if s in sa else 99 + list(sb).index(s)))

    shared, only_a, only_b = ordered(set(sa) & set(sb)), ordered(set(sa) - set(sb)), ordered(set(sb) - set(sa))
    union = set(sa) | set(sb)
    by_layer: dict[str, dict[str, list[str]]] = {}
    for layer in sorted(graph.ids("Layer"), key=graph.layer_rank):
        row = {
            "shared": [s for s in shared if graph.layer_of(s) == layer],
            "only_a": [s for s in only_a if graph.layer_of(s) == layer],
            "only_b": [s for s in only_b if graph.layer_of(s) == layer],
        }
        by_layer[layer] = row
    return {
        "a": ta,
        "b": tb,
        "shared": shared,
        "only_a": only_a,
        "only_b": only_b,
        "levels": {"a": sa, "b": sb},
        "by_layer": by_layer,
        "similarity": round(len(shared) / len(union), 3) if union else 1.0,
    }
