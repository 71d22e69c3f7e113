"""Compare two tracks: the skills they share and the ones only one needs."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph


def track_skills(graph: "KnowledgeGraph", track: str, *, core_only: bool = False) -> dict[str, str]:
    """Skill or tool id -> level for everything the track requires (at full level).

    >>> from kg.loaders.curated import load_graph
    >>> track_skills(load_graph(), "sde")
    {'programming': 'core', 'software-engineering': 'core', 'containerization': 'bonus', 'cloud-computing': 'bonus'}
    """
    from kg.person import requirements

    return {r["id"]: r["level"] for r in requirements(graph, track, "full", with_bonus=not core_only)}


def compare(graph: "KnowledgeGraph", a: str, b: str, *, core_only: bool = False, lang: str = "en") -> dict[str, Any]:
    """Shared requirements (skills and tools), those only ``a`` or only ``b`` has, per layer, and their Jaccard similarity.

    A required tool sits in the layer of its first skill.

    >>> from kg.loaders.curated import load_graph
    >>> c = compare(load_graph(), "Production MLE", "Infra MLE", core_only=True)
    >>> c["shared"], c["similarity"]
    (['data-pipeline', 'machine-learning', 'cloud-computing'], 0.5)
    """
    ta, tb = graph.resolve(a, "Track"), graph.resolve(b, "Track")
    sa, sb = track_skills(graph, ta, core_only=core_only), track_skills(graph, tb, core_only=core_only)

    def layer(n: str) -> str | None:
        if graph.label(n) == "Skill":
            return graph.layer_of(n)
        skills = [s for s, _ in graph.into(n, "USES_TOOL")]
        return graph.layer_of(skills[0]) if skills else None

    def ordered(ids: set[str]) -> list[str]:
        return sorted(ids, key=lambda s: (graph.layer_rank(layer(s)), list(sa).index(s) if s in sa else 99 + list(sb).index(s)))

    shared, only_a, only_b = ordered(set(sa) & set(sb)), ordered(set(sa) - set(sb)), ordered(set(sb) - set(sa))
    union = set(sa) | set(sb)
    by_layer: dict[str, dict[str, list[str]]] = {}
    for lay in sorted(graph.ids("Layer"), key=graph.layer_rank):
        row = {
            "shared": [s for s in shared if layer(s) == lay],
            "only_a": [s for s in only_a if layer(s) == lay],
            "only_b": [s for s in only_b if layer(s) == lay],
        }
        by_layer[lay] = row
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
