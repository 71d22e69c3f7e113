"""The graph cache cannot run code, trusts only its owner's files, and never loses or corrupts anything."""
from __future__ import annotations

import errno
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_support import kg

PATH_OUT = ("Data Scientist (Track) -[TRANSITIONS_TO]-> Production MLE (Track) -[TRANSITIONS_TO]-> "
            "Infra MLE (Track)\nlength 2\n")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty private cache directory for one test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    monkeypatch.delenv("KG_NO_CACHE", raising=False)
    return folder


def old_pickle_name() -> str:
    """The file name mle-kg 0.1.0's pickle cache used (version, sizes, mtimes: predictable)."""
    import kg

    data = Path(kg.__file__).parent / "data"
    parts = [kg.__version__, "1"]
    for name in ("graph.yaml", "article.txt"):
        st = (data / name).stat()
        parts += [str(st.st_size), str(st.st_mtime_ns)]
    return f"packaged-{'-'.join(parts)}.pickle"


class Planted:
    """Unpickling this runs code: it creates the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def current_name(data_files=()) -> str:
    try:
        from kg.cache import cache_key
    except ImportError:  # the pickle cache this replaced (so the tests can be run against it)
        return "graph-none.json"
    return "graph-" + cache_key((os.path.basename(f), Path(f).read_bytes()) for f in data_files) + ".json"


def test_a_planted_pickle_never_runs(cache, tmp_path):
    cache.mkdir(mode=0o700)
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Planted(marker))
    for name in (old_pickle_name(), current_name()):
        (cache / name).write_bytes(payload)
    r = kg("path", "DS", "Infra MLE")
    assert (r.code, r.out, r.err) == (0, PATH_OUT, "")
    assert not marker.exists()
    # The planted file was not a graph: it is replaced by a real cache, in JSON.
    assert json.loads((cache / current_name()).read_text())["format"] == 2


def test_the_cache_is_json_and_private_even_with_umask_000(cache):
    old = os.umask(0)
    try:
        assert kg("path", "DS", "Infra MLE").out == PATH_OUT
    finally:
        os.umask(old)
    files = list(cache.iterdir())
    assert [f.name for f in files] == [current_name()]
    assert cache.stat().st_mode & 0o777 == 0o700
    assert files[0].stat().st_mode & 0o777 == 0o600
    json.loads(files[0].read_text())  # JSON: loading it cannot run anything


def poisoned_cache(cache: Path) -> Path:
    """A valid cache whose Data Scientist is called 'POISONED'."""
    assert kg("path", "DS", "Infra MLE").code == 0
    path = cache / current_name()
    data = json.loads(path.read_text())
    for node_id, props in data["nodes"]:
        if node_id == "ds":
            props["name"] = "POISONED"
    path.write_text(json.dumps(data))
    os.chmod(path, 0o600)
    assert "POISONED" in kg("path", "DS", "Infra MLE").out  # the test's own cache is trusted
    return path


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_a_cache_file_owned_by_another_user_is_not_read(cache):
    path = poisoned_cache(cache)
    os.chown(path, 65534, 65534)
    assert kg("path", "DS", "Infra MLE").out == PATH_OUT


@pytest.mark.parametrize("what", ["file", "directory"])
def test_a_cache_writable_by_others_is_not_read(cache, what):
    path = poisoned_cache(cache)
    os.chmod(path if what == "file" else cache, 0o666 if what == "file" else 0o777)
    assert kg("path", "DS", "Infra MLE").out == PATH_OUT


def test_a_shared_1777_cache_directory_is_neither_read_nor_written(cache):
    cache.mkdir()
    os.chmod(cache, 0o1777)
    assert kg("path", "DS", "Infra MLE").out == PATH_OUT
    assert list(cache.iterdir()) == []


def test_symlinks_planted_in_the_cache_are_not_followed(cache, tmp_path):
    from kg.cache import packaged_graph

    cache.mkdir(mode=0o700)
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    # The old cache wrote its temporary file under a predictable name: <name>.<pid>.tmp.
    stem = old_pickle_name()[: -len(".pickle")]
    os.symlink(victim, cache / f"{stem}.{os.getpid()}.tmp")
    os.symlink(victim, cache / current_name())
    graph = packaged_graph()
    assert graph.name("ds") == "Data Scientist"
    assert victim.read_text() == "precious\n"
    # The link to the victim was replaced by a real cache file, not written through.
    assert not (cache / current_name()).is_symlink()


@pytest.mark.parametrize("content", [
    pickle.dumps([1, 2, 3]),
    b"[1, 2, 3]",
    b'{"format": 2, "nodes": [], "edges": []}',
    b"\xff\xfe not json",
    b"",
])
def test_a_cache_of_the_wrong_shape_is_rebuilt_silently(cache, content):
    cache.mkdir(mode=0o700)
    for name in (old_pickle_name(), current_name()):
        (cache / name).write_bytes(content)
    r = kg("path", "DS", "Infra MLE")
    assert (r.code, r.out, r.err) == (0, PATH_OUT, "")


def test_a_cache_of_another_key_or_a_broken_graph_is_rebuilt(cache):
    path = poisoned_cache(cache)
    data = json.loads(path.read_text())
    for tweak in ("key", "label", "dangling"):
        broken = json.loads(json.dumps(data))
        if tweak == "key":
            broken["key"] = "0" * 64
        elif tweak == "label":
            broken["nodes"][0][1]["label"] = "Planet"
        else:
            broken["edges"][0][1] = "no-such-node"
        path.write_text(json.dumps(broken))
        os.chmod(path, 0o600)
        assert kg("path", "DS", "Infra MLE").out == PATH_OUT, tweak
        path.write_text(json.dumps(data))


def test_the_cached_graph_is_the_parsed_graph_in_the_same_order(cache, packaged_graph):
    from kg.cache import packaged_graph as cached

    first, second = cached(), cached()  # built, then read from the cache
    for g in (first.g, second.g):
        assert list(g.nodes(data=True)) == list(packaged_graph.g.nodes(data=True))
        assert list(g.edges(keys=True, data=True)) == list(packaged_graph.g.edges(keys=True, data=True))
        for n in g:
            assert list(g.pred[n]) == list(packaged_graph.g.pred[n])
            assert list(g.succ[n]) == list(packaged_graph.g.succ[n])


def test_an_injected_full_disk_leaves_no_temporary_file_and_the_old_cache(cache, monkeypatch):
    from kg import atomic

    assert kg("path", "DS", "Infra MLE").code == 0
    old = cache / current_name()
    before = old.read_bytes()
    old.write_bytes(b"not a graph")  # forces a rebuild, whose write fails
    os.chmod(old, 0o600)

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as m:
        m.setattr(atomic.os, "fsync", full)
        r = kg("path", "DS", "Infra MLE")
    assert (r.code, r.out, r.err) == (0, PATH_OUT, "")
    assert sorted(p.name for p in cache.iterdir()) == [current_name()]
    assert old.read_bytes() == b"not a graph"  # untouched: not truncated, not half-written
    assert kg("path", "DS", "Infra MLE").code == 0
    assert old.read_bytes() == before


def mount_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
                          capture_output=True, check=False)
    return done.returncode == 0


def test_a_really_full_disk_leaves_no_temporary_file(tmp_path, monkeypatch):
    disk = tmp_path / "disk"
    if not mount_tmpfs(disk, "16k"):
        pytest.skip("mounting a small tmpfs needs root and mount permission")
    try:
        monkeypatch.setenv("KG_CACHE_DIR", str(disk / "cache"))
        r = kg("path", "DS", "Infra MLE")
        assert (r.code, r.out, r.err) == (0, PATH_OUT, "")
        assert list((disk / "cache").iterdir()) == []  # the cache did not fit: nothing left behind
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_concurrent_builders_all_answer_and_leave_one_cache(cache):
    env = {**os.environ, "KG_CACHE_DIR": str(cache)}
    procs = [subprocess.Popen([sys.executable, "-m", "kg", "path", "DS", "Infra MLE"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(6)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [r for r in results] == [(PATH_OUT, "")] * 6
    assert [p.name for p in cache.iterdir()] == [current_name()]


def test_data_files_are_cached_by_content_not_by_date(cache, tmp_path, monkeypatch):
    data = tmp_path / "mine.yaml"
    data.write_text("tools:\n  - id: polars\n    name: Polars\n    skills: [data-analysis]\n")
    assert kg("--data", str(data), "show", "polars").out.splitlines()[0] == "Polars (Tool, id: polars)"
    assert (cache / current_name([data])).is_file()
    # A hit parses nothing.
    from kg.loaders import curated

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed although cached")

    with monkeypatch.context() as m:
        m.setattr(curated, "load_graph", no_parse)
        assert kg("--data", str(data), "show", "polars").out.splitlines()[0] == "Polars (Tool, id: polars)"
    # Same size, same modification time, other content: built afresh.
    st = data.stat()
    data.write_text(data.read_text().replace("Polars", "Polarz"))
    os.utime(data, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert kg("--data", str(data), "show", "polars").out.splitlines()[0] == "Polarz (Tool, id: polars)"


def test_the_file_name_of_a_data_file_is_part_of_the_key(cache, tmp_path):
    text = "tools:\n  - id: polars\n    name: Polars\n    skills: [data-analysis]\n"
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(text)
        r = kg("--data", str(tmp_path / name), "show", "polars")
        assert f"  Source:  {name}" in r.out.splitlines()


def test_a_data_file_with_errors_is_reported_and_not_cached(cache, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("tools:\n  - id: Polars\n")
    r = kg("--data", str(bad), "path", "DS", "Infra MLE")
    assert r.code == 1
    assert r.err == f"Error: {bad}:2: tools[0].id: 'Polars' is not a valid id (lowercase letters, digits and '-')\n"
    assert not (cache / current_name([bad])).exists()


@pytest.mark.parametrize("value,cached", [(["a", 1], True), (("a", 1), False), ({1: "a"}, False),
                                          ({"k": ("nested",)}, False), ({"k": [1.5, None, True]}, True)])
def test_only_a_graph_that_reads_back_the_same_is_cached(cache, value, cached):
    from kg import cache as kg_cache
    from kg.model import KnowledgeGraph

    g = KnowledgeGraph()
    g.add_node("a", "Skill", extra=value)
    g.add_node("b", "Skill")
    g.add_relationship("PREREQUISITE_OF", "a", "b", extra=value)
    cache.mkdir(mode=0o700)
    kg_cache._write(cache / "graph-k.json", "k", g)
    assert (cache / "graph-k.json").exists() is cached
    if cached:
        back = kg_cache._read(cache / "graph-k.json", "k")
        assert list(back.g.nodes(data=True)) == list(g.g.nodes(data=True))
        assert list(back.g.edges(keys=True, data=True)) == list(g.g.edges(keys=True, data=True))
