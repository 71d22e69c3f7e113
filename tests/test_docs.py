"""Every command has help with an example, and every public docstring example runs."""
from __future__ import annotations

import doctest
import importlib

import click
import pytest
from click.testing import CliRunner

from kg.cli import cli


def all_commands(group: click.Group, ctx: click.Context, prefix: tuple[str, ...] = ()):
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, ctx, prefix + (name,))


COMMANDS = [path for path, _ in all_commands(cli, click.Context(cli))]


def test_the_core_commands_exist():
    assert {("path",), ("plan",), ("compare",), ("show",), ("search",), ("list",), ("stats",),
            ("validate",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output, path


MODULES = ["kg", "kg.model", "kg.resolve", "kg.paths", "kg.plan", "kg.compare", "kg.queries", "kg.clibase",
           "kg.loaders.curated"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0 or name == "kg.clibase"
