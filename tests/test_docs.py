"""Every command has help with an example, and every public docstring example runs."""
from __future__ import annotations

import doctest
import importlib
import shlex
from pathlib import Path

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


def all_modules() -> list[str]:
    import pkgutil

    names = {"kg"}
    # loaders/, viz/ and cypher/ are mapped into kg from their own folders, so walk each.
    for package in ("kg", "kg.loaders", "kg.viz", "kg.cypher"):
        module = importlib.import_module(package)
        names.add(package)
        names |= {m.name for m in pkgutil.walk_packages(module.__path__, package + ".")}
    return sorted(names - {"kg.__main__"})


#: Modules whose public functions must carry runnable examples.
WITH_EXAMPLES = {"kg", "kg.model", "kg.resolve", "kg.paths", "kg.plan", "kg.comparison", "kg.browse", "kg.person", "kg.advice", "kg.profile", "kg.cv", "kg.api",
                 "kg.loaders.curated"}


@pytest.mark.parametrize("name", all_modules())
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name in WITH_EXAMPLES:
        assert result.attempted > 0


README = Path(__file__).resolve().parents[1] / "README.md"


def test_quick_start_has_the_two_commands_and_ci_runs_the_second():
    text = README.read_text(encoding="utf-8")
    lines = text.splitlines()
    main = lines[lines.index("<!-- main-command -->") + 2]
    test = lines[lines.index("<!-- test-command -->") + 2]
    assert main == 'pip install . && kg plan --from DS --to "Infra MLE"'
    assert test == "pip install -e '.[test]' && pytest"
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "sed -n '/<!-- test-command -->/{n;n;p;}' README.md" in ci and 'eval "$test_command"' in ci


def readme_examples():
    """(command, expected output) for each `$ kg …` line of the README's tour."""
    text = README.read_text(encoding="utf-8").split("<!-- sections")[0]
    examples = []
    for block in text.split("```")[1::2]:
        current = None
        for line in block.splitlines():
            if line.startswith("$ kg "):
                current = [line[2:], []]
                examples.append(current)
            elif current is not None:
                current[1].append(line)
    return [(cmd, "\n".join(out).strip("\n")) for cmd, out in examples]


@pytest.mark.parametrize("command,expected", readme_examples(), ids=[c for c, _ in readme_examples()])
def test_readme_tour_output_is_real(kg_run, command, expected):
    args = shlex.split(command)[1:]
    r = kg_run(*args)
    assert (r.out + r.err).strip("\n") == expected
