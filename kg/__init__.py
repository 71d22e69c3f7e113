"""mle-kg: a knowledge graph of data-science and ML-engineering careers.

Plain functions take a graph and return JSON-able data; :class:`Explorer`
bundles a graph (with your data files) and the same questions as methods.

>>> import kg
>>> g = kg.load_graph()
>>> [s["id"] for s in kg.make_plan(g, "DS", "Infra MLE")["steps"]][:2]
['data-pipeline', 'cloud-computing']
>>> kg.fit(g, ["python", "sql"], from_="Data Engineer")["recommended"]["track"]
'infra-mle'
>>> kg.compare(g, "ds", "research-scientist")["only_b"]
['research', 'nlp', 'computer-vision']
>>> kg.find_path(g, "DS", "Infra MLE")["length"]
2
>>> [c["id"] for c in kg.next_steps(g, from_="ds", limit=1)["candidates"]]
['domain-knowledge']

No module shadows a function: the functions live in modules named
differently (``kg.comparison``, ``kg.advice``, ``kg.paths``), so
``import kg.comparison`` leaves ``kg.compare`` a function.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Explorer", "KnowledgeGraph", "__version__", "compare", "find_path", "fit", "load_graph", "make_plan",
           "next_steps", "schedule"]

if TYPE_CHECKING:
    from kg.advice import fit
    from kg.advice import next_for as next_steps
    from kg.api import Explorer
    from kg.comparison import compare
    from kg.loaders.curated import load_graph
    from kg.model import KnowledgeGraph
    from kg.paths import find_path
    from kg.plan import make_plan, schedule

#: Public name -> (module, attribute there).
_LAZY = {
    "Explorer": ("kg.api", "Explorer"),
    "KnowledgeGraph": ("kg.model", "KnowledgeGraph"),
    "load_graph": ("kg.loaders.curated", "load_graph"),
    "make_plan": ("kg.plan", "make_plan"),
    "schedule": ("kg.plan", "schedule"),
    "find_path": ("kg.paths", "find_path"),
    "compare": ("kg.comparison", "compare"),
    "fit": ("kg.advice", "fit"),
    "next_steps": ("kg.advice", "next_for"),
}


def __getattr__(name: str) -> Any:
    # Re-exports load on first use, so `import kg` stays light.
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
