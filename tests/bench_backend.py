"""`--backend neo4j` on a big graph: whole-process times of commands that read only what they
need, next to reading the whole database back (what every command did before).

    python tests/bench_backend.py --data esco.yaml --path A B --plan FROM TO [--runs 3]

Starts FalkorDB (the test server), pushes the data file's graph, then runs each command as
its own process (median wall and CPU time) and reads the whole graph back in process once.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"kg {' '.join(args)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--path", nargs=2, required=True)
    ap.add_argument("--plan", nargs=2, required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    from bolt_support import FalkorServer, open_test_store

    from kg.cache import load_graph

    server = FalkorServer()
    server.start()
    try:
        graph = load_graph([args.data])
        store = open_test_store(server)
        store.wipe()
        store.push(graph)
        start = time.perf_counter()
        store.read_graph()
        whole = time.perf_counter() - start
        store.close()
        env = {**os.environ, **server.env, "KG_NEO4J_TIMEOUT": "300"}
        rows = []
        for name, cmd in (("path", ["path", *args.path]), ("plan", ["plan", "--from", args.plan[0], "--to", args.plan[1]]),
                          ("show", ["show", "python"]), ("compare", ["compare", *args.plan])):
            runs = [timed(["--backend", "neo4j", *cmd], env) for _ in range(args.runs)]
            rows.append((name, statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)))
        print(f"{len(graph)} nodes, {graph.number_of_relationships()} relationships in FalkorDB; "
              f"reading the whole graph back: {whole:.2f} s (in process)")
        print("| command `--backend neo4j` | wall (median) | CPU (median) |\n|---|---|---|")
        for name, wall, cpu in rows:
            print(f"| `kg {name}` | {wall:.2f} s | {cpu:.2f} s |")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
