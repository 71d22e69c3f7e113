"""A cache of built graphs, so a command need not parse YAML on every start.

A cache file holds the built graph as plain JSON (nodes and relationships in
their order): loading it cannot run anything, whoever wrote it. It is keyed on
the package version and the SHA-256 of every file that went into the graph
(the packaged data, the loader's code, each ``--data`` file and its name), so
any change to any of them builds the graph afresh.

Hostile by default: the cache directory is created 0700 and files 0600; a
directory or file not owned by the current user, writable by others, or not a
regular file is neither read nor written; files are written through a
temporary file made with ``O_EXCL`` and renamed into place. A cache file that
cannot be read, does not parse, or holds something else than a graph is
rebuilt without a word. ``KG_CACHE_DIR`` moves the cache, ``KG_NO_CACHE=1``
turns it off.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph

DATA_DIR = Path(__file__).parent / "data"
#: Files whose bytes decide the packaged graph (the loader's code included).
_FILES = (DATA_DIR / "graph.yaml", DATA_DIR / "article.txt",
          Path(__file__).parent.parent / "loaders" / "curated.py", Path(__file__).parent / "model.py")
_FORMAT = 2
_PREFIX = "graph-"
#: A cache file larger than this is not read (the graph of a full ESCO export is far smaller).
MAX_CACHE_BYTES = 1_000_000_000
#: How many cache files (different data files) are kept; the oldest go first.
KEEP = 8


def cache_dir() -> Path:
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mle-kg"


def cache_key(contents: Iterable[tuple[str, bytes]] = ()) -> str:
    """The cache key of the packaged graph merged with data files given as ``(name, bytes)``.

    >>> len(cache_key()), cache_key() == cache_key([("a.yaml", b"")])
    (64, False)
    """
    from kg import __version__

    h = hashlib.sha256(f"mle-kg {__version__} cache {_FORMAT}\n".encode())
    for path in _packaged_files():
        h.update(hashlib.sha256(path.read_bytes()).digest())
    for name, raw in contents:
        encoded = name.encode("utf-8", "surrogatepass")
        h.update(b"%d:" % len(encoded) + encoded + hashlib.sha256(raw).digest())
    return h.hexdigest()


def _packaged_files() -> list[Path]:
    # The source tree has loaders/curated.py beside kg/; an installed wheel kg/loaders/curated.py.
    files = [p for p in _FILES if p.is_file()]
    installed = Path(__file__).parent / "loaders" / "curated.py"
    if installed.is_file():
        files.append(installed)
    return files


def packaged_graph() -> "KnowledgeGraph":
    """The packaged graph, from the cache when it is fresh, else parsed (and cached)."""
    return load_graph(())


def load_graph(data_files: Iterable[str | os.PathLike[str]] = ()) -> "KnowledgeGraph":
    """The packaged graph merged with ``data_files``, from the cache when one holds it.

    Errors in the files are raised as ``load_graph`` of ``kg.loaders.curated`` raises them.
    """
    files = [os.fspath(f) for f in data_files]
    if os.environ.get("KG_NO_CACHE"):
        return _build(files, None)
    from kg.safeio import read_regular

    try:
        contents = [read_regular(f) for f in files]
    except OSError:
        return _build(files, None)  # the loader reports the file that cannot be read
    key = cache_key((os.path.basename(f), raw) for f, raw in zip(files, contents))
    folder = cache_dir()
    path = folder / f"{_PREFIX}{key}.json"
    indexed = folder / f"{_PREFIX}{key}.sqlite"
    if _safe_dir(folder, create=False):
        graph = _open_index(indexed, key) or _read(path, key)
        if graph is not None:
            return graph
    graph = _build(files, contents)
    if _safe_dir(folder, create=True):
        from kg.index import MIN_NODES

        if len(graph) >= MIN_NODES:
            _write_index(indexed, key, graph)
        else:
            _write(path, key, graph)
    return graph


def content_key(data_files: Iterable[str | os.PathLike[str]] = ()) -> str | None:
    """The key ``load_graph(data_files)`` caches the graph under, for what is kept beside it
    (the embedded Cypher engine's database); None when the cache is off or a file cannot be read.

    >>> content_key() == cache_key()
    True
    """
    if os.environ.get("KG_NO_CACHE"):
        return None
    from kg.safeio import read_regular

    files = [os.fspath(f) for f in data_files]
    try:
        contents = [read_regular(f) for f in files]
    except OSError:
        return None
    return cache_key((os.path.basename(f), raw) for f, raw in zip(files, contents))


def private_dir(folder: Path, create: bool = False) -> bool:
    """Whether ``folder`` is a directory only this user can change (made 0700 if ``create``)."""
    return _safe_dir(folder, create)


def trusted(st: os.stat_result) -> bool:
    """Whether a file with this ``stat`` is owned by this user and writable by nobody else."""
    return _trusted(st)


def read_beside(name: str, key: str, limit: int = 10_000_000) -> Any:
    """The JSON kept beside the graph cache as ``NAME-KEY.json`` (see ``write_beside``), or None
    when it is missing, untrusted (as a cache file), larger than ``limit`` bytes or not JSON."""
    folder = cache_dir()
    if not _safe_dir(folder, create=False):
        return None
    raw = read_trusted(folder / f"{name}-{key}.json", limit)
    try:
        return None if raw is None else json.loads(raw)
    except ValueError:
        return None


def write_beside(name: str, key: str, data: Any) -> None:
    """Keep ``data`` as ``NAME-KEY.json`` beside the graph cache (0600, atomically, strict JSON);
    nothing when it cannot be. Older files of the same ``name`` beyond ``KEEP`` go.

    >>> import tempfile; from unittest import mock
    >>> with mock.patch.dict(os.environ, KG_CACHE_DIR=tempfile.mkdtemp()):
    ...     write_beside("stats", "k1", {"n": 1}); read_beside("stats", "k1"), read_beside("stats", "k2")
    ({'n': 1}, None)
    """
    from kg.atomic import write_atomic

    folder = cache_dir()
    if not _safe_dir(folder, create=True):
        return
    path = folder / f"{name}-{key}.json"
    try:
        write_atomic(path, json.dumps(data, ensure_ascii=False, allow_nan=False), mode=0o600)
        old = sorted((e.stat(follow_symlinks=False).st_mtime, e.path) for e in os.scandir(folder)
                     if e.name.startswith(f"{name}-") and e.name.endswith(".json") and e.path != str(path))
        for _, stale in old[:max(0, len(old) - (KEEP - 1))]:
            os.unlink(stale)
    except (OSError, ValueError, TypeError):
        return


def _build(files: list[str], contents: list[bytes] | None) -> "KnowledgeGraph":
    from kg.loaders.curated import load_graph as parse_files

    # Data files are merged into the packaged graph, itself from the cache when fresh.
    base = load_graph(()) if files else None
    return parse_files(files, base=base, contents=contents)


# -- ownership checks ----------------------------------------------------------
def _trusted(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _safe_dir(folder: Path, create: bool) -> bool:
    """Whether ``folder`` is a directory only this user can change (made 0700 if ``create``)."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        if not create:
            return False
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(folder, 0o700)
            st = os.lstat(folder)
        except OSError:
            return False
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _trusted(st)


# -- reading -------------------------------------------------------------------
def _trusted_file(path: Path) -> os.stat_result | None:
    """The file's status when it is a regular file this user owns and only they can change."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st if stat.S_ISREG(st.st_mode) and _trusted(st) and st.st_size <= MAX_CACHE_BYTES else None


def _open_index(path: Path, key: str) -> "KnowledgeGraph | None":
    """The graph in an index file (see ``kg.index``), or None when there is no trusted one of ``key``."""
    if _trusted_file(path) is None:
        return None
    from kg.index import open_index

    return open_index(path, key)


def read_trusted(path: Path, limit: int) -> bytes | None:
    """The bytes of a file this user owns and only they can change: a regular file (a link is not
    followed, a FIFO not waited on) of at most ``limit`` bytes; else None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _trusted(st) or st.st_size > limit:
            return None
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _read(path: Path, key: str) -> "KnowledgeGraph | None":
    """The graph in a cache file, or None when it is missing, untrusted or not a graph of ``key``."""
    raw = read_trusted(path, MAX_CACHE_BYTES)
    if raw is None:
        return None
    from kg.model import CollectorPaused

    try:
        with CollectorPaused():  # ESCO-sized: 2.6 s -> 1.2 s
            return from_data(json.loads(raw), key)
    except Exception:  # noqa: BLE001 - whatever is wrong with a cache file, the graph is rebuilt
        return None


def from_data(data: Any, key: str | None = None) -> "KnowledgeGraph":
    """A graph from ``to_data``'s output; ``ValueError`` when the data is not such a graph.

    >>> from kg.model import KnowledgeGraph
    >>> g = KnowledgeGraph(); g.add_node("a", "Skill"); g.add_node("b", "Skill")
    >>> g.add_relationship("PREREQUISITE_OF", "a", "b", strength="hard")
    >>> list(from_data(to_data(g, "k"), "k").relationships())
    [('a', 'b', {'type': 'PREREQUISITE_OF', 'strength': 'hard', 'provenance': []})]
    >>> from_data({"format": 2, "key": "k", "nodes": [["a", {}]], "edges": []})
    Traceback (most recent call last):
    ...
    ValueError: not a cached graph
    """
    import networkx as nx

    from kg.model import LABELS, KnowledgeGraph

    if (not isinstance(data, dict) or data.get("format") != _FORMAT or (key is not None and data.get("key") != key)
            or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list)):
        raise ValueError("not a cached graph")
    g = nx.MultiDiGraph()
    for item in data["nodes"]:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], dict)
                and item[1].get("label") in LABELS and isinstance(item[1].get("provenance", []), list)):
            raise ValueError("not a cached graph")
    g.add_nodes_from(data["nodes"])
    if g.number_of_nodes() != len(data["nodes"]):
        raise ValueError("not a cached graph")
    for item in data["edges"]:
        if not (isinstance(item, list) and len(item) == 4 and item[0] in g and item[1] in g
                and isinstance(item[3], dict) and isinstance(item[2], str) and item[3].get("type") == item[2]):
            raise ValueError("not a cached graph")
    g.add_edges_from(data["edges"])
    return KnowledgeGraph(g)


# -- writing -------------------------------------------------------------------
def to_data(graph: "KnowledgeGraph", key: str) -> dict[str, Any]:
    """The graph as plain JSON data: nodes and relationships in an order that, replayed,
    gives every node the same neighbours in the same order."""
    from kg.stores.base import insertion_order

    succ = graph.links("out")
    return {"format": _FORMAT, "key": key,
            "nodes": [[n, d] for n, d in graph.node_items()],
            "edges": [[s, e, k, succ[s][e][k]] for s, e, k in insertion_order(graph)]}


def _write(path: Path, key: str, graph: "KnowledgeGraph") -> None:
    """Cache ``graph`` (0600, atomically); nothing when it cannot be (full disk, read-only, …)."""
    from kg.atomic import write_atomic
    from kg.model import CollectorPaused

    try:
        with CollectorPaused():
            data = to_data(graph, key)
            text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
            # Cache only what reads back the same (JSON has no tuples, no keys other than text): the
            # parsed text equals the data, so from_data builds the same graph from either (comparing
            # the data, not two built graphs: ESCO-sized, 3 s -> 1 s).
            if json.loads(text) != data:
                return
        write_atomic(path, text, mode=0o600)
    except (OSError, ValueError, TypeError):
        return
    _prune(path.parent, keep=path.name)


def _write_index(path: Path, key: str, graph: "KnowledgeGraph") -> None:
    """Cache a big ``graph`` as an index file (0600, written under a temporary name, then renamed)."""
    import tempfile

    from kg.index import write_index
    from kg.model import CollectorPaused

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    os.close(fd)
    try:
        with CollectorPaused():
            from kg.advice import FIT_RULES, fit_baseline

            write_index(graph, tmp, key, derived={"fit": (FIT_RULES, fit_baseline(graph))})
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - a graph that cannot be cached is still answered from memory
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return
    _prune(path.parent, keep=path.name)


def _prune(folder: Path, keep: str) -> None:
    """Remove the oldest cache files beyond ``KEEP``, and temporary files a killed writer left."""
    import time

    try:
        entries = []
        for entry in os.scandir(folder):
            st = entry.stat(follow_symlinks=False)
            if entry.name.startswith(_PREFIX) and entry.name.endswith((".json", ".sqlite")) and entry.name != keep:
                entries.append((st.st_mtime, entry.path))
            elif (entry.name.startswith("." + _PREFIX) and entry.name.endswith(".tmp")
                  and st.st_mtime < time.time() - 3600):
                os.unlink(entry.path)
        for _, old in sorted(entries, reverse=True)[KEEP - 1:]:
            os.unlink(old)
    except OSError:
        pass
