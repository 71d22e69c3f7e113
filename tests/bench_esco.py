"""Issue 12's table measured again: whole-process times of `kg` commands on an ESCO-sized graph.

    python tests/bench_esco.py [--wheels /tmp/escopkgs] [--runs 3] [--timeout 300]

Generates the ESCO-sized CSV set (tests/gen_esco.py full: 13,939 skills, 3,039
occupations, 129,004 occupation–skill and 5,818 skill–skill relations), imports
it with `kg import esco`, then runs each command as a separate process
(`python -m kg …`, so start-up, loading and the query are all counted) and
prints the median wall time and the peak memory (max RSS) per command, next to
the same command on the packaged graph and the issue's goal. A command that
passes ``--timeout`` is reported as "> N s".

Needs the two wheels gen_esco.py reads (see its docstring for the pip command).
Uses a private cache directory (KG_CACHE_DIR), so the first run of each command
is a first load; the median is over the runs that follow the first.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OCC = "http://data.europa.eu/esco/occupation/"
DATA_ANALYST = OCC + "d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"
DATA_SCIENTIST = OCC + "258e46f9-0075-4a2e-adae-1ff0477e0f30"
SOFTWARE_DEVELOPER = OCC + "f2b15a0e-e65a-438a-affb-29b9d50b77d1"

#: (row name, arguments on the packaged graph, arguments on the ESCO-sized graph, goal)
COMMANDS = [
    ("`kg path A B`", ["path", "DS", "Infra MLE"], ["path", DATA_ANALYST, SOFTWARE_DEVELOPER], "≤ 0.5 s"),
    ("`kg plan`", ["plan", "--from", "DS", "--to", "Infra MLE"], ["plan", "--from", DATA_ANALYST, "--to", DATA_SCIENTIST],
     "≤ 0.5 s"),
    ("`kg compare`", ["compare", "Production MLE", "Infra MLE"], ["compare", DATA_ANALYST, DATA_SCIENTIST], "≤ 0.5 s"),
    ("`kg show`", ["show", "python"], ["show", "python"], "≤ 0.5 s"),
    ("`kg search`", ["search", "python"], ["search", "python"], "≤ 0.5 s"),
    ("`kg fit`", ["fit", "--know", "python,sql"], ["fit", "--know", "python,sql", "--among", "all"], "≤ 0.5 s"),
    ("`kg stats`", ["stats"], ["stats"], "≤ 5 s"),
    ("`kg cypher \"MATCH (n) RETURN count(n)\"` (embedded)", ["cypher", "MATCH (n) RETURN count(n)"],
     ["cypher", "MATCH (n) RETURN count(n)"], "≤ 2 s"),
]


def run(args: list[str], env: dict[str, str], timeout: float) -> tuple[float | None, int, float]:
    """(wall seconds or None after the timeout, peak RSS in KB, CPU seconds) of ``python -m kg ARGS``.

    CPU time (user + system) is reported beside wall time because the machine is shared:
    wall time grows with other processes' load, CPU time much less."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return None, usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def measure(args: list[str], env: dict[str, str], runs: int, timeout: float
            ) -> tuple[float | None, float | None, int, float | None]:
    """(first run, median of the following runs, peak RSS KB, median CPU s); None for a run that timed out."""
    first, peak, _ = run(args, env, timeout)
    if first is None:
        return None, None, peak, None
    times, cpus = [], []
    for _ in range(runs):
        t, rss, cpu = run(args, env, timeout)
        peak = max(peak, rss)
        if t is None:
            return first, None, peak, None
        times.append(t)
        cpus.append(cpu)
    return first, statistics.median(times), peak, statistics.median(cpus)


def fmt(seconds: float | None, timeout: float) -> str:
    return f"> {timeout:g} s" if seconds is None else f"{seconds:.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheels", type=Path, default=Path("/tmp/escopkgs"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--only", help="Comma-separated row names to run (substring match).")
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    import gen_esco

    work = Path(tempfile.mkdtemp(prefix="bench-esco-"))
    counts = gen_esco.full(gen_esco.Sources(args.wheels), work / "csv")
    env = {**os.environ, "KG_CACHE_DIR": str(work / "cache")}
    env.pop("KG_DATA", None)
    data = work / "esco.yaml"
    imports, import_cpu = [], []
    peak_import = 0
    load_before = os.getloadavg()[0]
    for _ in range(args.runs):
        t, rss, cpu = run(["import", "esco", str(work / "csv"), "-o", str(data)], env, args.timeout)
        imports.append(t or args.timeout)
        import_cpu.append(cpu)
        peak_import = max(peak_import, rss)
    size = data.stat().st_size / 1e6
    print(f"ESCO-sized set: {counts['skills']} skills, {counts['occupations']} occupations, {counts['relations']} "
          f"occupation-skill and {counts['skill_skill']} skill-skill relations; data file {size:.1f} MB; "
          f"{args.runs} runs after a first one, medians; {os.cpu_count()} CPUs\n")
    rows = [("`kg import esco` (CSV -> data file)", "—", f"{statistics.median(imports):.2f} s", "—",
             f"{statistics.median(import_cpu):.2f} s", f"{peak_import / 1024:.0f} MB", "first load/import ≤ 20 s")]
    for name, small, big, goal in COMMANDS:
        if args.only and not any(o.strip() in name for o in args.only.split(",")):
            continue
        _, small_median, _, _ = measure(small, env, args.runs, args.timeout)
        first, median, peak, cpu = measure(["--data", str(data), *big], env, args.runs, args.timeout)
        rows.append((name, fmt(small_median, args.timeout), fmt(median, args.timeout), fmt(first, args.timeout),
                     fmt(cpu, args.timeout), f"{peak / 1024:.0f} MB", goal))
        print(f"  measured {name}", file=sys.stderr)
    headers = ("command, whole process", "packaged (89 nodes)", "ESCO-sized (median)", "ESCO-sized (first run)",
               "ESCO-sized CPU (median)", "peak memory", "goal")
    print(f"load average (1 min) at the start {load_before:.1f}, at the end {os.getloadavg()[0]:.1f}\n")
    print("| " + " | ".join(headers) + " |")
    print("|" + "---|" * len(headers))
    for r in rows:
        print("| " + " | ".join(r) + " |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
