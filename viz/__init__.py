"""The interactive HTML explorer: one self-contained, offline, escaped page per graph."""
from __future__ import annotations

from kg.viz.html import build_view, layered_positions, render_html, write_html

__all__ = ["build_view", "layered_positions", "render_html", "write_html"]
