"""The Python API in one small facade: a graph (with your data files) and every question about it.

Every answer is plain JSON-able data (dicts, lists, strings, numbers); plans and
fits show as HTML tables in Jupyter.

>>> import kg
>>> ex = kg.Explorer()
>>> ex.plan("Infra MLE", from_="DS")["total_hours"]
317
>>> ex.fit(know=["python", "sql", "airflow", "docker"], from_="Data Engineer")["recommended"]["track"]
'infra-mle'
>>> ex.compare("Production MLE", "Infra MLE")["similarity"]
0.286
>>> [n["id"] for n in ex.path("DS", "Infra MLE")["nodes"]]
['ds', 'production-mle', 'infra-mle']
>>> [c["id"] for c in ex.next(know=["programming", "statistics"], to="Production MLE", limit=2)["candidates"]]
['machine-learning', 'domain-knowledge']
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph


class Explorer:
    """The packaged graph merged with ``data_files`` (in order), and the questions a person asks of it."""

    def __init__(self, data_files: Iterable[str | os.PathLike[str]] = (), *, lang: str = "en",
                 graph: "KnowledgeGraph | None" = None) -> None:
        if graph is None:
            from kg.loaders.curated import load_graph

            graph = load_graph(list(data_files))
        self.graph = graph
        self.lang = lang

    def plan(self, to: str, *, from_: str | None = None, know: Iterable[str] = (), level: str = "full",
             with_bonus: bool = False, by_demand: bool = False, hours_per_week: float | None = None,
             start: dt.date | None = None, strict: bool = False) -> dict[str, Any]:
        """What is left to learn for track ``to``, in order; with ``hours_per_week``, a ``schedule``.

        >>> p = Explorer().plan("Production MLE", know=["sql"], hours_per_week=10, start=dt.date(2027, 1, 4))
        >>> [s["id"] for s in p["steps"]], p["schedule"]["finish"]
        (['programming', 'data-pipeline', 'statistics', 'machine-learning', 'ml-frameworks', 'cloud-computing'], '2028-01-02')
        """
        from kg.plan import make_plan, schedule

        result = make_plan(self.graph, from_, to, know=know, level=level, with_bonus=with_bonus,
                           by_demand=by_demand, lang=self.lang, strict=strict)
        if hours_per_week is not None:
            result["schedule"] = schedule(result, hours_per_week, start)
        return result

    def fit(self, *, know: Iterable[str] = (), from_: str | None = None, cv: str | os.PathLike[str] | None = None,
            among: str = "mle", level: str = "entry", to: str | None = None, hours_per_week: float | None = None,
            start: dt.date | None = None, strict: bool = False) -> dict[str, Any]:
        """Every track ranked by how much of it a person has, the recommended track and the plan to it
        (or to ``to``, a track the person has chosen).

        ``cv`` (a text, Markdown, HTML, PDF or DOCX file) adds what the CV shows
        and, without ``from_``, its current role; ``result["cv"]`` lists what was recognised.

        >>> f = Explorer().fit(from_="SDE")
        >>> f["recommended"]["track"], f["tracks"][0]["id"], f["tracks"][0]["coverage"]
        ('production-mle', 'sde', {'core': 1.0, 'bonus': 0.0})
        """
        from kg.advice import fit
        from kg.person import split_names
        from kg.plan import schedule

        result = fit(self.graph, split_names(know), from_=from_, among=among, level=level, lang=self.lang,
                     strict=strict, target=to, cv=cv)
        if hours_per_week is not None:
            result["plan"]["schedule"] = schedule(result["plan"], hours_per_week, start)
        return result

    def compare(self, a: str, b: str, *, core_only: bool = False) -> dict[str, Any]:
        """Requirements two tracks share and those only one has, per layer (see :func:`kg.compare`)."""
        from kg.comparison import compare

        return compare(self.graph, a, b, core_only=core_only)

    def path(self, a: str, b: str, **options: Any) -> dict[str, Any]:
        """Shortest path between two nodes (options as :func:`kg.find_path`)."""
        from kg.paths import find_path

        return find_path(self.graph, a, b, lang=self.lang, **options)

    def next(self, *, know: Iterable[str] = (), from_: str | None = None, to: str | None = None,
             limit: int = 10, strict: bool = False) -> dict[str, Any]:
        """What can be learned now, ranked by the coverage it adds to ``to`` (or to every track)."""
        from kg.advice import next_for

        return next_for(self.graph, know, from_=from_, target=to, limit=limit, lang=self.lang, strict=strict)
