"""Single-token mutation testing: does the test suite notice when one token of a module changes?

Usage (from the repository root, with the project's venv)::

    python tests/mutate.py kg/plan.py tests/test_plan_path.py tests/test_person.py
    python tests/mutate.py loaders/curated.py tests/test_data.py -k "not slow" \\
        --max-mutants 150 --seed 1 --seconds 900 --json build/mutants-curated.json
    python tests/mutate.py kg/resolve.py --list          # the mutants, nothing run

The first argument is the module (a path in the source tree); the rest are the
pytest arguments of the fast test subset that should kill its mutants. One
mutation at a time is applied to a *copy* of the package (laid out as installed:
``loaders/`` -> ``kg/loaders`` ...) in a temporary directory, put first on the
import path; the source tree is never written. Each mutant runs the tests in a
forked child (``pytest -x``, its own process group) with a time limit of
``--timeout`` seconds (default: 3 x the unmutated run + 5 s).

Mutations, one token each, never inside annotations or docstrings:
comparisons (``<``<->``<=``, ``>``<->``>=``, ``==``<->``!=``, ``in``<->``not in``,
``is``<->``is not``), ``and``<->``or``, arithmetic (``+``<->``-``, ``*``<->``/``,
``//``->``/``, ``%``->``*``, augmented forms too), ``not x``->``x``, constants
(``0``<->``1``, other numbers n -> n+1, ``True``<->``False``, ``None``->``0``,
non-empty string -> ``""``), ``return x`` -> ``return None``,
``break``<->``continue``.

Mutants in statements the tests never execute (traced once in the unmutated run,
from the package's import on; any line of a multi-line statement counts) are
reported as survivors without running them. ``--max-mutants N`` samples N
mutants with ``--seed`` (default 0), ``--seconds S`` stops starting new ones after
S seconds (the rest are "not run"). The report lists killed / survived / timed
out, the kill rate (killed + timed out over all that ran or were uncovered),
and every survivor as ``file:line: original -> mutant``. Exit status 0.
"""
from __future__ import annotations

import argparse
import ast
import io
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import tokenize
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Source folder -> its place in the installed package (pyproject's package-dir).
LAYOUT = {"kg": "kg", "loaders": "kg/loaders", "viz": "kg/viz", "cypher": "kg/cypher"}

COMPARE_SWAP = {ast.Lt: "<=", ast.LtE: "<", ast.Gt: ">=", ast.GtE: ">", ast.Eq: "!=", ast.NotEq: "==",
                ast.In: "not in", ast.NotIn: "in", ast.Is: "is not", ast.IsNot: "is"}
BINOP_SWAP = {ast.Add: "-", ast.Sub: "+", ast.Mult: "/", ast.Div: "*", ast.FloorDiv: "/", ast.Mod: "*"}


@dataclass
class Mutant:
    line: int
    col: int
    end_line: int
    end_col: int
    original: str
    replacement: str
    status: str = "pending"  # killed | survived | timeout | uncovered | not run
    seconds: float = 0.0

    def where(self, rel: str) -> str:
        return f"{rel}:{self.line}: {self.original!s} -> {self.replacement!s}"


# -- finding mutants --------------------------------------------------------------


class _Source:
    """Positions as (line, character column); the AST gives UTF-8 byte columns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))

    def char_col(self, line: int, byte_col: int) -> int:
        return len(self.lines[line - 1].encode("utf-8")[:byte_col].decode("utf-8", "replace"))

    def start(self, node: ast.AST) -> tuple[int, int]:
        return node.lineno, self.char_col(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end(self, node: ast.AST) -> tuple[int, int]:
        return node.end_lineno, self.char_col(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    def span_text(self, a: tuple[int, int], b: tuple[int, int]) -> str:
        if a[0] == b[0]:
            return self.lines[a[0] - 1][a[1]:b[1]]
        parts = [self.lines[a[0] - 1][a[1]:]] + self.lines[a[0]:b[0] - 1] + [self.lines[b[0] - 1][:b[1]]]
        return "".join(parts)

    def tokens_between(self, a: tuple[int, int], b: tuple[int, int]) -> list[tokenize.TokenInfo]:
        return [t for t in self.tokens if t.start >= a and t.end <= b
                and t.type in (tokenize.OP, tokenize.NAME)]


def _skipped_spans(tree: ast.Module, src: _Source) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Annotations and docstrings: changing them changes nothing the tests could see."""
    spans = []
    for node in ast.walk(tree):
        ann = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            ann.append(node.returns)
            a = node.args
            ann += [x.annotation for x in a.posonlyargs + a.args + a.kwonlyargs]
            ann += [a.vararg.annotation if a.vararg else None, a.kwarg.annotation if a.kwarg else None]
        elif isinstance(node, ast.AnnAssign):
            ann.append(node.annotation)
        for x in ann:
            if x is not None:
                spans.append((src.start(x), src.end(x)))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                spans.append((src.start(first), src.end(first)))
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            spans.append((src.start(node), src.end(node)))
    return spans


def find_mutants(text: str) -> list[Mutant]:
    """Every single-token mutation of ``text`` that still compiles and changes the AST.

    >>> [(m.original, m.replacement) for m in find_mutants("def f(x: int = 0):\\n    return x < 2 and not x\\n")]
    [('0', '1'), ('x < 2 and not x', 'None'), ('<', '<='), ('2', '3'), ('and', 'or'), ('not ', '')]
    """
    tree = ast.parse(text)
    src = _Source(text)
    skip = _skipped_spans(tree, src)
    found: list[Mutant] = []

    def add(a: tuple[int, int], b: tuple[int, int], new: str) -> None:
        if any(s <= a and b <= e for s, e in skip):
            return
        found.append(Mutant(a[0], a[1], b[0], b[1], src.span_text(a, b), new))

    def op_between(left: ast.AST, right: ast.AST, words: int = 1) -> tuple[tuple[int, int], tuple[int, int]] | None:
        toks = [t for t in src.tokens_between(src.end(left), src.start(right)) if t.string not in "()"]
        if not toks:
            return None
        return toks[0].start, toks[min(words, len(toks)) - 1].end

    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            left = node.left
            for op, right in zip(node.ops, node.comparators):
                words = 2 if isinstance(op, (ast.NotIn, ast.IsNot)) else 1
                span = op_between(left, right, words)
                if span:
                    add(*span, COMPARE_SWAP[type(op)])
                left = right
        elif isinstance(node, ast.BoolOp):
            for left, right in zip(node.values, node.values[1:]):
                span = op_between(left, right)
                if span:
                    add(*span, "or" if isinstance(node.op, ast.And) else "and")
        elif isinstance(node, ast.BinOp) and type(node.op) in BINOP_SWAP:
            if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                continue  # "%"-formatting
            span = op_between(node.left, node.right)
            if span:
                add(*span, BINOP_SWAP[type(node.op)])
        elif isinstance(node, ast.AugAssign) and type(node.op) in BINOP_SWAP:
            span = op_between(node.target, node.value)
            if span:
                add(*span, BINOP_SWAP[type(node.op)] + "=")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            a = src.start(node)
            b = src.start(node.operand)
            add(a, b, "")
        elif isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool):
                new = "False" if v else "True"
            elif v is None:
                new = "0"
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                new = "1" if v == 0 else "0" if v == 1 else repr(v + 1)
            elif isinstance(v, str) and v:
                new = '""'
            else:
                continue
            add(src.start(node), src.end(node), new)
        elif isinstance(node, ast.Return) and node.value is not None:
            if not (isinstance(node.value, ast.Constant) and node.value.value is None):
                add(src.start(node.value), src.end(node.value), "None")
        elif isinstance(node, (ast.Break, ast.Continue)):
            add(src.start(node), src.end(node), "continue" if isinstance(node, ast.Break) else "break")

    # f-string parts are Constant nodes inside JoinedStr: leave f-strings whole.
    fstrings = [(src.start(n), src.end(n)) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)]
    found = [m for m in found if not any(s <= (m.line, m.col) and (m.end_line, m.end_col) <= e for s, e in fstrings)
             or m.original.startswith("return")]
    found.sort(key=lambda m: (m.line, m.col, m.end_line, m.end_col))
    original = ast.dump(tree)
    good = []
    seen = set()
    for m in found:
        key = (m.line, m.col, m.end_line, m.end_col, m.replacement)
        if key in seen:
            continue
        seen.add(key)
        try:
            if ast.dump(ast.parse(apply(text, m))) != original:
                good.append(m)
        except SyntaxError:
            pass
    return good


def statement_lines(text: str) -> dict[int, range]:
    """For every line, the lines of the innermost statement that holds it (a compound statement: its
    header, up to its body). A multi-line statement reports one line when it runs (a table of
    constants is one instruction), so a mutant counts as run when any line of its statement ran.

    >>> lines = statement_lines("T = frozenset([\\n    'a',\\n    'b'])\\nif (T and\\n        T):\\n    x = 1\\n")
    >>> [list(lines[n]) for n in (3, 5, 6)]
    [[1, 2, 3], [4, 5], [6]]
    """
    out: dict[int, range] = {}

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                inner = [b for b in ast.iter_child_nodes(child) if isinstance(b, ast.stmt)]
                last = min(b.lineno for b in inner) - 1 if inner else child.end_lineno or child.lineno
                span = range(child.lineno, max(child.lineno, last) + 1)
                for n in span:
                    out[n] = span
            visit(child)

    visit(ast.parse(text))
    return out


def ran(m: Mutant, statements: dict[int, range], executed: set[int]) -> bool:
    """Whether the tests ran the statement mutant ``m`` is in (``statements``: from ``statement_lines``)."""
    return any(n in executed for line in range(m.line, m.end_line + 1) for n in statements.get(line, (line,)))


def apply(text: str, m: Mutant) -> str:
    """``text`` with mutant ``m`` applied."""
    lines = text.splitlines(keepends=True)
    head = lines[m.line - 1][:m.col]
    tail = lines[m.end_line - 1][m.end_col:]
    return "".join(lines[:m.line - 1] + [head + m.replacement + tail] + lines[m.end_line:])


# -- running ---------------------------------------------------------------------


def shadow_tree(dest: Path) -> None:
    """Copy the package into ``dest`` laid out as installed."""
    for folder, place in sorted(LAYOUT.items(), key=lambda kv: kv[1].count("/")):
        shutil.copytree(ROOT / folder, dest / place, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def installed_path(rel: Path) -> Path:
    top = rel.parts[0]
    if top not in LAYOUT:
        raise SystemExit(f"Error: {rel}: not in one of the package folders {sorted(LAYOUT)}")
    return Path(LAYOUT[top]).joinpath(*rel.parts[1:])


def _trace_lines(target: str, sink: list[int]):
    def local(frame, event, arg):
        if event == "line":
            sink.append(frame.f_lineno)
        return local

    def glob(frame, event, arg):
        if frame.f_code.co_filename == target:
            sink.append(frame.f_lineno)
            return local
        return None

    return glob


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def run_tests(shadow: Path, pytest_args: list[str], timeout: float | None, basetemp: Path,
              trace: str | None = None) -> tuple[str, float, set[int]]:
    """Run pytest in a forked child importing the package from ``shadow``.

    Returns (status, seconds, executed lines of ``trace``)."""
    lines_file = basetemp.parent / f"{basetemp.name}.lines"
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:  # child
        code = 70
        try:
            os.setsid()
            os.chdir(ROOT)
            sys.path.insert(0, str(shadow))
            os.environ["PYTHONPATH"] = os.pathsep.join([str(shadow), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
            devnull = os.open(os.devnull, os.O_WRONLY)
            if not os.environ.get("MUTATE_VERBOSE"):
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
            import pytest
            sink: list[int] = []
            if trace:  # from before the package's first import: its module-level lines run then
                import threading
                tracer = _trace_lines(trace, sink)
                threading.settrace(tracer)
                sys.settrace(tracer)
            import kg.loaders

            import kg
            assert kg.__file__.startswith(str(shadow)) and kg.loaders.__file__.startswith(str(shadow)), \
                "the copy is not the package imported"
            code = pytest.main(["-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
                                f"--basetemp={basetemp}", *pytest_args])
            sys.settrace(None)
            if trace:
                lines_file.write_text(json.dumps(sorted(set(sink))))
        except BaseException:  # noqa: BLE001 (whatever happens, the child must exit here)
            code = 71
        finally:
            os._exit(int(code))
    deadline = None if timeout is None else t0 + timeout
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if deadline is not None and time.monotonic() > deadline:
                _kill_group(pid)
                return "timeout", time.monotonic() - t0, set()
            time.sleep(0.02)
    except BaseException:  # interrupted (Ctrl-C, SIGTERM): the child goes too
        _kill_group(pid)
        raise
    seconds = time.monotonic() - t0
    shutil.rmtree(basetemp, ignore_errors=True)
    code = os.waitstatus_to_exitcode(status)
    executed = set(json.loads(lines_file.read_text())) if trace and lines_file.exists() else set()
    if code == 0:
        return "survived", seconds, executed
    if code == 5:
        return "no tests", seconds, executed
    return "killed", seconds, executed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("module", help="the module to mutate, e.g. kg/plan.py")
    ap.add_argument("--max-mutants", type=int, default=0, help="sample at most this many (0: all)")
    ap.add_argument("--seed", type=int, default=0, help="the sample's random seed")
    ap.add_argument("--seconds", type=float, default=0, help="start no mutant after this many seconds (0: no limit)")
    ap.add_argument("--timeout", type=float, default=0, help="seconds per mutant (0: 3 x the clean run + 5)")
    ap.add_argument("--lines", default="", help="only mutants on these lines, e.g. 40-80,95")
    ap.add_argument("--list", action="store_true", help="list the mutants and stop")
    ap.add_argument("--json", help="also write the results to this file")
    args, pytest_args = ap.parse_known_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # so that the copy is removed on `kill`
    rel = Path(args.module)
    text = (ROOT / rel).read_text(encoding="utf-8")
    mutants = find_mutants(text)
    total = len(mutants)
    if args.lines:
        wanted: set[int] = set()
        for part in args.lines.split(","):
            lo, _, hi = part.partition("-")
            wanted.update(range(int(lo), int(hi or lo) + 1))
        mutants = [m for m in mutants if m.line in wanted]
    if args.max_mutants and len(mutants) > args.max_mutants:
        mutants = sorted(random.Random(args.seed).sample(mutants, args.max_mutants),
                         key=lambda m: (m.line, m.col))
    if args.list:
        for m in mutants:
            print(m.where(str(rel)))
        print(f"{len(mutants)} of {total} mutants")
        return 0
    if not pytest_args:
        raise SystemExit("Error: name the tests to run (pytest arguments after the module)")

    for heavy in ("pytest", "hypothesis", "networkx", "yaml", "click", "click.testing"):
        try:  # imported once here, inherited by every forked run (never the package itself)
            __import__(heavy)
        except ImportError:
            pass
    work = Path(tempfile.mkdtemp(prefix="kg-mutate-"))
    started = time.monotonic()
    try:
        shadow = work / "src"
        shadow_tree(shadow)
        target = shadow / installed_path(rel)
        status, clean_s, executed = run_tests(shadow, pytest_args, None, work / "clean", trace=str(target))
        if status != "survived":
            raise SystemExit(f"Error: the tests do not pass on the unmutated code ({status})")
        timeout = args.timeout or 3 * clean_s + 5
        print(f"{rel}: {len(mutants)} of {total} mutants"
              f"{f' (sampled, seed {args.seed})' if len(mutants) < total and args.max_mutants else ''}; "
              f"clean run {clean_s:.1f} s, timeout {timeout:.0f} s", flush=True)
        statements = statement_lines(text)
        for i, m in enumerate(mutants):
            if not ran(m, statements, executed):
                m.status = "uncovered"
                continue
            if args.seconds and time.monotonic() - started > args.seconds:
                m.status = "not run"
                continue
            target.write_text(apply(text, m), encoding="utf-8")
            try:
                m.status, m.seconds, _ = run_tests(shadow, pytest_args, timeout, work / f"m{i}")
            finally:
                target.write_text(text, encoding="utf-8")
            mark = {"killed": ".", "survived": "S", "timeout": "T"}.get(m.status, "?")
            print(mark, end="", flush=True)
        print()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    counts = {s: sum(m.status == s for m in mutants) for s in
              ("killed", "timeout", "survived", "uncovered", "no tests", "not run")}
    judged = counts["killed"] + counts["timeout"] + counts["survived"] + counts["uncovered"]
    rate = 100.0 * (counts["killed"] + counts["timeout"]) / judged if judged else 0.0
    print(f"{rel}: {rate:.1f} % killed ({counts['killed']} killed, {counts['timeout']} timed out, "
          f"{counts['survived']} survived, {counts['uncovered']} on lines the tests never run"
          + "".join(f", {counts[k]} {k}" for k in ("no tests", "not run") if counts[k])
          + f") in {time.monotonic() - started:.0f} s")
    for m in mutants:
        if m.status in ("survived", "uncovered"):
            print(f"  {m.where(str(rel))}" + ("   (not run by the tests)" if m.status == "uncovered" else ""))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"module": str(rel), "total": total, "rate": round(rate, 1),
                                               "counts": counts, "mutants": [asdict(m) for m in mutants]},
                                              indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
