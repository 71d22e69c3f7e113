"""Benchmark: `kg stats` (library call) on a synthetic graph of N skills and tools, where
betweenness is estimated from a sample of sources above a size.

    python tests/bench_stats.py [--nodes 10000]

Prints the time and whether betweenness was exact; asserts nothing.
"""
from __future__ import annotations

import argparse
import random
import time


def synthetic(n: int):
    from kg.loaders.curated import load_graph

    graph = load_graph()
    rng = random.Random(0)
    skills = graph.ids("Skill")
    for i in range(n):
        graph.add_node(f"tool-{i}", "Tool", name=f"Tool {i}", provenance=[{"source": "bench"}])
        for s in rng.sample(skills, 2):
            graph.add_relationship("USES_TOOL", s, f"tool-{i}", provenance=[{"source": "bench"}])
    return graph


def main() -> None:
    from kg.browse import stats

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    args = parser.parse_args()
    graph = synthetic(args.nodes)
    started = time.perf_counter()
    result = stats(graph)
    took = time.perf_counter() - started
    bc = result["betweenness"]
    print(f"{result['total_nodes']:,} nodes, {result['total_relationships']:,} relationships: stats in {took:.1f} s; "
          f"betweenness {'exact' if bc['exact'] else 'sampled from ' + str(bc['sources']) + ' sources'}")


if __name__ == "__main__":
    main()
