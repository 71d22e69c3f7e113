"""mle-kg: a knowledge graph of data-science and ML-engineering careers.

>>> import kg
>>> g = kg.load_graph()
>>> [s["skill"] for s in kg.make_plan(g, "DS", "Infra MLE")["steps"]][:2]
['data-pipeline', 'cloud-computing']
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["KnowledgeGraph", "load_graph", "make_plan", "find_path", "compare", "__version__"]

if TYPE_CHECKING:
    from .compare import compare
    from .loaders.curated import load_graph
    from .model import KnowledgeGraph
    from .paths import find_path
    from .plan import make_plan

_LAZY = {
    "KnowledgeGraph": "kg.model",
    "load_graph": "kg.loaders.curated",
    "make_plan": "kg.plan",
    "find_path": "kg.paths",
    "compare": "kg.compare",
}


def __getattr__(name: str) -> Any:
    # Re-exports load on first use, so `import kg` stays light.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
