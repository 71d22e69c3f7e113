"""Loaders: the sources the graph is built from (curated YAML files, job descriptions)."""
