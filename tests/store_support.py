"""A graph whose text is every character a Cypher statement or a CSV cell could trip on (store and export tests)."""
from __future__ import annotations

from kg.model import KnowledgeGraph

HOSTILE = "it's {braces} // not a comment \"quoted\" back\\slash /* c */ $param 数据"


def hostile_graph() -> KnowledgeGraph:
    g = KnowledgeGraph()
    g.add_node("odd-skill", "Skill", name=HOSTILE, name_zh="引号'", aliases=["a'b", "{x}", "//y", "c\\d", ""],
               description="line one\nline two\ttab", effort_hours=2.5,
               provenance=[{"source": "my.yaml", "reason": HOSTILE}])
    g.add_node("odd-tool", "Tool", name="'); MATCH (n) DETACH DELETE n; //", url="https://example.org/?a='1'",
               effort_hours=3, provenance=[{"source": "curated", "reason": "x"}])
    g.add_relationship("USES_TOOL", "odd-skill", "odd-tool", provenance=[{"source": "curated", "reason": HOSTILE}])
    return g
