"""The ``kg`` command: each command parses, makes one library call, formats."""
from __future__ import annotations

import importlib
from typing import Any

import click

from .clibase import Env, echo_json, json_option, pass_env, run_safely, table

#: Commands whose modules import heavy libraries, loaded only when run.
LAZY_COMMANDS = {
    "viz": "kg.cli_viz:viz",
    "extract": "kg.cli_jd:extract",
    "ingest": "kg.cli_jd:ingest",
    "neo4j": "kg.cli_neo4j:neo4j",
    "cypher": "kg.cli_neo4j:cypher",
    "export": "kg.cli_neo4j:export",
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when it is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self._available()])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self._available():
            module, attr = LAZY_COMMANDS[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    @staticmethod
    def _available() -> list[str]:
        found = []
        for name, target in LAZY_COMMANDS.items():
            if importlib.util.find_spec(target.split(":")[0]) is not None:
                found.append(name)
        return found


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", "data_files", multiple=True, type=click.Path(dir_okay=False),
              envvar="KG_DATA", help="A YAML data file merged into the graph (repeatable; KG_DATA, ':'-separated).")
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
    ctx.obj = Env(
        data_files=tuple(data_files), lang=lang, backend=backend,
        neo4j={"uri": neo4j_uri, "user": neo4j_user, "password": neo4j_password, "database": neo4j_database},
    )


def main() -> None:
    run_safely(cli)
