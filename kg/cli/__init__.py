"""The ``kg`` command: the group, its global options and ``main``.

Each command parses, makes one library call, formats. The commands live one module
per family (``query``, ``person``, ``jd``, ``viz``, ``neo4j``, ``export``, ``esco``);
those in ``LAZY_COMMANDS`` import heavy libraries and are loaded only when run."""
from __future__ import annotations

import importlib
import importlib.util

import click

from kg.cli.base import GraphSource, run_safely
from kg.cli.person import fit, next_, plan
from kg.cli.query import compare, list_, path, search, show, stats, validate

#: Commands whose modules import heavy libraries, loaded only when run.
LAZY_COMMANDS = {
    "viz": "kg.cli.viz:viz",
    "extract": "kg.cli.jd:extract",
    "ingest": "kg.cli.jd:ingest",
    "demand": "kg.cli.jd:demand",
    "neo4j": "kg.cli.neo4j:neo4j",
    "cypher": "kg.cli.neo4j:cypher",
    "export": "kg.cli.export:export",
    "import": "kg.cli.esco:import_group",
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when it is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        lazy = [name for name, target in LAZY_COMMANDS.items()
                if importlib.util.find_spec(target.split(":")[0]) is not None]
        return sorted([*super().list_commands(ctx), *lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, attr = LAZY_COMMANDS[name].split(":")
            try:
                return getattr(importlib.import_module(module), attr)
            except ModuleNotFoundError as e:
                if e.name != module:
                    raise
                return None
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", "data_files", multiple=True, type=click.Path(dir_okay=False),
              help="A YAML data file merged into the graph (repeatable), after the KG_DATA files (':'-separated).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", envvar="KG_LANG", show_default=True,
              help="Language of names in the output.")
@click.option("--backend", type=click.Choice(["memory", "neo4j"]), default="memory", envvar="KG_BACKEND",
              show_default=True, help="Where the graph lives.")
@click.option("--neo4j-uri", envvar="NEO4J_URI", help="Bolt URI, e.g. bolt://localhost:7687 (NEO4J_URI).")
@click.option("--neo4j-user", envvar="NEO4J_USER", default="neo4j", show_default=True, help="User (NEO4J_USER).")
@click.option("--neo4j-password", envvar="NEO4J_PASSWORD", default="", help="Password (NEO4J_PASSWORD).")
@click.option("--neo4j-database", envvar="NEO4J_DATABASE", default=None, help="Database name (NEO4J_DATABASE).")
@click.version_option(package_name="mle-kg")
@click.pass_context
def cli(ctx: click.Context, data_files: tuple[str, ...], lang: str, backend: str,
        neo4j_uri: str | None, neo4j_user: str, neo4j_password: str, neo4j_database: str | None) -> None:
    """Explore data-science and ML-engineering careers as a knowledge graph.

    Tracks -> Layers -> Skills -> Tools, from the article in kg/data/article.txt,
    curated judgement, job descriptions and your own data files.

    \b
    Example:
        kg plan --from DS --to "Infra MLE"
    """
    import os

    from_env = [f for f in os.environ.get("KG_DATA", "").split(os.pathsep) if f.strip()]
    ctx.obj = GraphSource(
        data_files=(*from_env, *(f for f in data_files if f)), lang=lang, backend=backend,
        neo4j={"uri": neo4j_uri, "user": neo4j_user, "password": neo4j_password, "database": neo4j_database},
    )


def main() -> None:
    run_safely(cli)


for command in (path, plan, fit, next_, compare, show, search, list_, stats, validate):
    cli.add_command(command)
