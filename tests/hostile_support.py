"""Running `kg` in-process exactly as the installed command does (``run_safely``), for the hostile-input tests."""
from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass

from click.testing import CliRunner


@dataclass
class Result:
    code: int
    out: str
    err: str


def kg(*args: str, input: str | bytes | None = None, env: dict[str, str | None] | None = None) -> Result:
    """``kg ARGS`` through the same entry point as the console script: exit code, stdout, stderr.
    An exception that escapes ``run_safely`` (a traceback for a user) fails the test."""
    from kg.cli import cli
    from kg.cli.base import run_safely

    runner = CliRunner()
    code = 0
    with runner.isolation(input=input, env=env) as (out, err, _):
        old_argv = sys.argv
        sys.argv = ["kg", *args]
        try:
            run_safely(cli)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        except BaseException:  # noqa: BLE001 - a user would have seen a traceback
            raise AssertionError("kg " + " ".join(args) + " raised:\n" + traceback.format_exc()) from None
        finally:
            sys.argv = old_argv
        return Result(code, out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace"))
