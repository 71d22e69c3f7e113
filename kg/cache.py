"""A cache of the packaged graph, so a command need not parse YAML on every start.

The cache is keyed on the package version and the size and modification time
of the packaged data files; any change rebuilds it. ``KG_CACHE_DIR`` moves it,
``KG_NO_CACHE=1`` turns it off. A cache that cannot be read or written is
simply not used.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import KnowledgeGraph

DATA_DIR = Path(__file__).parent / "data"
_FILES = ("graph.yaml", "article.txt")
_FORMAT = 1


def cache_dir() -> Path:
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mle-kg"


def fingerprint() -> str:
    from . import __version__

    parts = [__version__, str(_FORMAT)]
    for name in _FILES:
        st = (DATA_DIR / name).stat()
        parts += [str(st.st_size), str(st.st_mtime_ns)]
    return "-".join(parts)


def packaged_graph() -> "KnowledgeGraph":
    """The packaged graph, from the cache when it is fresh, else parsed (and cached)."""
    if os.environ.get("KG_NO_CACHE"):
        return _parse()
    path = cache_dir() / f"packaged-{fingerprint()}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - a missing or stale cache is rebuilt, whatever went wrong
        pass
    graph = _parse()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(graph, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return graph


def _parse() -> "KnowledgeGraph":
    from .loaders.curated import load_graph

    return load_graph(())
