"""The batched loader packs many rows into each request, within the server's parameter limit.

Timing lives in tests/bench_neo4j.py (rows/s, batched vs one statement per row);
here we check the property that makes it fast, which does not flake on a busy machine.
"""
from __future__ import annotations

import pytest
from bolt_support import open_test_store, synthetic_graph

pytestmark = pytest.mark.bolt


def test_batched_push_sends_many_rows_per_request(bolt):
    graph = synthetic_graph(1000, 4000)
    rows = graph.g.number_of_nodes() + graph.g.number_of_edges()
    with open_test_store(bolt) as store:
        report = store.push(graph, wipe=True)
        counts = store.counts()
        store.wipe()
    assert sum(report["nodes"].values()) == 1000 and sum(report["relationships"].values()) == 4000
    assert counts == graph.counts()
    # Every request carries many rows: at least 20 on average under FalkorDB's ~2 KB cap
    # (rows packed: ~45 relationships or ~12 nodes a request), whole batches elsewhere.
    assert report["batches"] <= rows // 20, report
    if report["max_request_bytes"] is None:
        assert report["batches"] <= rows // report["batch_size"] + 16, report
