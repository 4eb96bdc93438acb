"""How long does the live ``check()`` take for each exercise? (The target: under 100 ms.)

Runs every solutions notebook's set-up and answer cells in this process (as the learner's
kernel would), then times ``check(id)`` for each exercise: median and maximum of R runs, with
the solution's answer (every case runs, the slowest path). Prints a table and the slowest
exercise. Run from the repository root:

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/bench_checks.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import linecache
import statistics
import sys
import time
from pathlib import Path

import nbformat

from dlmath.grading import EXERCISES, check
from dlmath.grading.learner import live

ROOT = Path(__file__).resolve().parents[1]
_N = itertools.count()


def _run_cell(code, ns):
    name = f"<bench-cell-{next(_N)}>"
    linecache.cache[name] = (len(code), None, code.splitlines(True), name)
    exec(compile(code, name, "exec"), ns)


def _namespaces():
    spaces = {}
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        ns = {"__name__": "__main__"}
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            role = cell.metadata.get("dlmath", {}).get("role")
            if cell.cell_type == "code" and (meta.get("grade_id") == "setup" or role == "answer"):
                _run_cell(cell.source, ns)
        spaces[path.stem] = ns
    return spaces


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=7)
    args = p.parse_args(argv)
    spaces = _namespaces()
    rows = []
    for ex in EXERCISES.values():
        ns = spaces.get(ex.chapter)
        if ns is None:
            continue
        times = []
        for _ in range(args.repeat):
            live.reset()
            start = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                result = check(ex.id, ns)
            times.append(1000 * (time.perf_counter() - start))
            assert result.passed, (ex.id, result.message)
        rows.append((ex.id, statistics.median(times), max(times)))
    print(f"{'exercise':<26} {'median ms':>10} {'max ms':>8}")
    for name, med, worst in rows:
        print(f"{name:<26} {med:10.2f} {worst:8.2f}")
    slowest = max(rows, key=lambda r: r[2])
    print(
        f"\n{len(rows)} exercises; slowest: {slowest[0]} (max {slowest[2]:.1f} ms over "
        f"{args.repeat} runs; median of medians {statistics.median(r[1] for r in rows):.2f} ms)"
    )
    return 0 if slowest[2] < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
