"""Benchmark: the passes over a whole graph that read it through the model's bulk accessors
(``KnowledgeGraph.node_items`` and ``links``), in-process, on a big graph.

    python tests/bench_passes.py --data /work/escodata/esco.yaml [--runs 5]

Loads the graph from the data files given (the packaged graph without ``--data``), then prints
the median time of each pass: the JSON cache's data (``kg.cache.to_data``), the relationship
order a store replays (``insertion_order``) and its load rows (``rel_rows``), the name index
(``Resolver``), the SQLite index file (``write_index``) and the betweenness of ``kg stats``.
Run it on two checkouts to compare them; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from typing import Any, Callable


def median_seconds(work: Callable[[], Any], runs: int) -> float:
    from kg.model import CollectorPaused

    times = []
    for _ in range(runs):
        with CollectorPaused():  # as the cache and the index run them
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", action="append", default=[], help="A data file (repeatable).")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    from kg.loaders.curated import load_graph

    from kg.browse import betweenness
    from kg.cache import to_data
    from kg.index import write_index
    from kg.resolve import Resolver
    from kg.stores.base import insertion_order, rel_rows

    start = time.perf_counter()
    graph = load_graph(args.data)
    print(f"{len(graph):,} nodes, {graph.number_of_relationships():,} relationships, "
          f"loaded in {time.perf_counter() - start:.2f} s; median of {args.runs} runs")
    folder = tempfile.mkdtemp(prefix="bench-passes-")
    files = iter(range(1_000_000))
    passes: dict[str, Callable[[], Any]] = {
        "to_data": lambda: to_data(graph, "k"),
        "insertion_order": lambda: insertion_order(graph),
        "rel_rows": lambda: rel_rows(graph),
        "Resolver": lambda: Resolver(graph),
        "write_index": lambda: write_index(graph, os.path.join(folder, f"{next(files)}.sqlite"), "k"),
        "betweenness": lambda: betweenness(graph),
    }
    for name, work in passes.items():
        print(f"  {name:16s} {median_seconds(work, args.runs):.3f} s")


if __name__ == "__main__":
    main()
