"""How long does the live ``check()`` take for each exercise? (The target: under 100 ms.)

Runs every solutions notebook's set-up and answer cells in this process (as the learner's
kernel would), then times ``check(id)`` for each exercise: median and maximum of R runs, with
the solution's answer (every case runs). Then, with ``--wrong``, the same for every wrong
answer of the test catalogue (tests/test_wrong_answers.py): a failing check is the other slow
path, since the judge then tries the exercise's mistakes and the families recognised from the
reference (which re-run the reference on altered inputs). Prints a table and the slowest
exercise. Run from the repository root:

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/bench_checks.py [--repeat 7] [--wrong]
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
    p.add_argument("--wrong", action="store_true", help="also time the catalogue's wrong answers")
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
    worst_wrong = _time_wrong_answers(args.repeat) if args.wrong else 0.0
    return 0 if max(slowest[2], worst_wrong) < 100 else 1


def _time_wrong_answers(repeat):
    """Time check() on each wrong answer of the catalogue; print the slowest per exercise."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_wrong_answers import CATALOGUE, _setup_code

    per_ex = {}
    for ex_id, entries in sorted(CATALOGUE.items()):
        for code, _, _ in entries:
            ns = {"__name__": "__main__"}
            with contextlib.redirect_stdout(io.StringIO()):
                _run_cell(_setup_code(EXERCISES[ex_id].chapter), ns)
                _run_cell(code, ns)
            times = []
            for _ in range(repeat):
                live.reset()
                start = time.perf_counter()
                with contextlib.redirect_stdout(io.StringIO()):
                    try:
                        check(ex_id, ns)
                    except live.CheckFailed:
                        pass
                times.append(1000 * (time.perf_counter() - start))
            per_ex[ex_id] = max(per_ex.get(ex_id, 0.0), statistics.median(times))
    rows = sorted(per_ex.items(), key=lambda r: -r[1])
    print(f"\nwrong answers ({sum(len(v) for v in CATALOGUE.values())}): slowest median per exercise")
    for name, med in rows[:10]:
        print(f"{name:<26} {med:10.2f}")
    print(f"slowest wrong answer: {rows[0][0]} (median {rows[0][1]:.1f} ms over {repeat} runs)")
    return rows[0][1]


if __name__ == "__main__":
    sys.exit(main())
