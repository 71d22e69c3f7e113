"""Benchmark: push a generated graph with the batched loader and with one statement per row.

    python tests/bench_neo4j.py                      # 20,000 nodes / 100,000 relationships on a fresh FalkorDB
    python tests/bench_neo4j.py --nodes 2000 --relationships 10000 --repeat 5
    python tests/bench_neo4j.py --data esco.yaml     # a data file's graph (e.g. the ESCO-sized import)
    NEO4J_URI=bolt://… NEO4J_PASSWORD=… python tests/bench_neo4j.py --server env --batch-size 5000

Prints rows/s for each loader (median of --repeat runs) and their ratio. With ``--data`` it also
runs ``kg --data FILE neo4j push --wipe --yes`` as its own process and prints its wall time, CPU time
and peak memory (max RSS).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bolt_support import FalkorServer, synthetic_graph

from kg.stores.base import node_rows, rel_rows


def push_batched(store: Any, graph: Any, batch_size: int | None = None) -> float:
    """Seconds to push with the store's loader (schema, then UNWIND batches)."""
    store.wipe()
    started = time.perf_counter()
    store.push(graph, batch_size=batch_size)
    return time.perf_counter() - started


def push_per_row(store: Any, graph: Any, managed: bool = False) -> float:
    """Seconds to push the same rows one MERGE statement (and one transaction) per row, after the same schema.

    ``managed``: each row in ``session.execute_write`` (the driver's recommended, retrying
    transaction: BEGIN, RUN, COMMIT); else an auto-commit ``session.run`` (one round trip).
    """
    store.wipe()
    started = time.perf_counter()
    store.create_schema()
    with store.driver.session(database=store.database) as session:
        def write(query: str, params: dict[str, Any]) -> None:
            if managed:
                session.execute_write(lambda tx: tx.run(query, params).consume())
            else:
                session.run(query, params).consume()

        for label, rows in node_rows(graph).items():
            query = f"MERGE (n:{label} {{id: $id}}) SET n = $props"
            for row in rows:
                write(query, store._params(row))
        for (rel_type, start, end), rows in rel_rows(graph).items():
            query = (f"MATCH (a:{start} {{id: $start}}) MATCH (b:{end} {{id: $end}}) "
                     f"MERGE (a)-[r:{rel_type}]->(b) SET r = $props")
            for row in rows:
                write(query, store._params(row))
    return time.perf_counter() - started


def measure(store: Any, graph: Any, repeat: int = 3, per_row_repeat: int = 1,
            batch_size: int | None = None) -> dict[str, Any]:
    rows = len(graph) + sum(1 for _ in graph.relationships())
    batched = [push_batched(store, graph, batch_size) for _ in range(repeat)]
    counts_ok = store.counts() == graph.counts()
    per_row = [push_per_row(store, graph) for _ in range(per_row_repeat)]
    counts_ok = counts_ok and store.counts() == graph.counts()
    managed = [push_per_row(store, graph, managed=True) for _ in range(per_row_repeat)]
    counts_ok = counts_ok and store.counts() == graph.counts()
    batched_rate = rows / statistics.median(batched)
    per_row_rate = rows / statistics.median(per_row)
    managed_rate = rows / statistics.median(managed)
    return {"rows": rows, "server": store.dialect.name, "batch_size": batch_size or store.batch_size,
            "batched_seconds": batched, "per_row_seconds": per_row, "managed_per_row_seconds": managed,
            "batched_rows_per_s": batched_rate, "per_row_rows_per_s": per_row_rate,
            "managed_per_row_rows_per_s": managed_rate,
            "ratio": batched_rate / per_row_rate, "ratio_managed": batched_rate / managed_rate, "counts_ok": counts_ok}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--relationships", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="batched runs (median reported)")
    parser.add_argument("--per-row-repeat", type=int, default=1, help="per-row runs (median reported)")
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--data", help="push the packaged graph merged with this data file instead of a synthetic one")
    parser.add_argument("--server", choices=["falkordb", "env"], default="falkordb",
                        help="start a FalkorDB, or use NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD")
    args = parser.parse_args()

    if args.data:
        from kg.cache import load_graph

        graph = load_graph([args.data])
    else:
        graph = synthetic_graph(args.nodes, args.relationships)
    server = None
    if args.server == "falkordb":
        server = FalkorServer()
        server.start()
        uri, user, password = server.uri, server.user, server.password
    else:
        import os

        uri, user, password = os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ.get(
            "NEO4J_PASSWORD", "")
    try:
        from kg.stores import open_store

        store = open_store("neo4j", uri=uri, user=user, password=password, timeout=10)
        result = measure(store, graph, args.repeat, args.per_row_repeat, args.batch_size)
        store.close()
        process = push_process(args.data, uri, user, password) if args.data else None
    finally:
        if server:
            server.stop()
    print(f"server {result['server']}, {len(graph):,} nodes + {result['rows'] - len(graph):,} relationships "
          f"= {result['rows']:,} rows, batch size {result['batch_size']}")
    print(f"batched  : {result['batched_rows_per_s']:>9,.0f} rows/s  (median of {args.repeat}: "
          + ", ".join(f"{s:.2f}" for s in result["batched_seconds"]) + " s)")
    print(f"per row  : {result['per_row_rows_per_s']:>9,.0f} rows/s  (median of {args.per_row_repeat}: "
          + ", ".join(f"{s:.2f}" for s in result["per_row_seconds"]) + " s)")
    print(f"per row, managed tx: {result['managed_per_row_rows_per_s']:>9,.0f} rows/s  (median of "
          f"{args.per_row_repeat}: " + ", ".join(f"{s:.2f}" for s in result["managed_per_row_seconds"]) + " s)")
    print(f"ratio    : {result['ratio']:.1f}x over auto-commit per row, {result['ratio_managed']:.1f}x over managed "
          f"per row;  counts after each loader equal the graph's: {result['counts_ok']}")
    if process:
        print(f"`kg --data {args.data} neo4j push --wipe --yes`, whole process: {process['wall']:.2f} s wall, "
              f"{process['cpu']:.2f} s CPU, peak memory {process['max_rss_mb']:.0f} MB")


def push_process(data: str, uri: str, user: str, password: str) -> dict[str, float]:
    """Wall and CPU seconds and peak memory of ``kg --data DATA neo4j push`` run as a process."""
    import os
    import subprocess

    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "--data", data, "neo4j", "push", "--wipe", "--yes"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"kg neo4j push failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "max_rss_mb": usage.ru_maxrss / 1024}


if __name__ == "__main__":
    main()
