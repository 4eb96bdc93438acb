"""Grading throughput: the sandboxed `dlmath-course grade` against `nbgrader autograde`.

Both grade the same N submissions (copies of one solutions notebook, every answer right, so
every check runs in full). dlmath runs each submission in its own bubblewrap sandbox with
``--jobs 1`` and ``--jobs 2``; nbgrader (no sandbox, one notebook at a time: it has no parallel
autograding) runs when an ``nbgrader`` command is found (``--nbgrader PATH``, ``$NBGRADER`` or
PATH; it is not a dependency: install it in a separate environment together with this package,
e.g. ``uv venv /tmp/nbg && uv pip install --python /tmp/nbg/bin/python nbgrader -e .``).

    .venv/bin/python benchmarks/bench_grader.py [--n 24] [--chapter 05_activations] [--nbgrader PATH]

Prints seconds per notebook and the throughput ratio. Figures for the README come from here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dlmath.grading.instructor.grader import grade

ROOT = Path(__file__).resolve().parents[1]


def _dlmath(src: Path, n: int, jobs: int, tmp: Path) -> float:
    key, subs = tmp / f"key{jobs}", tmp / f"subs{jobs}"
    key.mkdir()
    shutil.copy(src, key / src.name)
    for k in range(n):
        (subs / f"student{k:02d}").mkdir(parents=True)
        shutil.copy(src, subs / f"student{k:02d}" / src.name)
    start = time.perf_counter()
    summary = grade(subs, key, tmp / f"grades{jobs}.csv", jobs=jobs, timeout=30, progress=False, report=False)
    seconds = time.perf_counter() - start
    assert f"{n * _n_checks(src)} passed" in summary, summary
    return seconds


def _n_checks(src):
    import nbformat

    return sum(1 for c in nbformat.read(src, as_version=4).cells if c.metadata.get("nbgrader", {}).get("grade"))


def _nbgrader(exe: str, src: Path, n: int, tmp: Path) -> float:
    course = tmp / "nbgrader-course"
    (course / "source" / "ps1").mkdir(parents=True)
    shutil.copy(src, course / "source" / "ps1" / src.name)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        "c.CourseDirectory.course_id = 'bench'\n"
        "c.ExecutePreprocessor.timeout = 30\n"
    )
    env = dict(
        os.environ,
        OPENBLAS_NUM_THREADS="1",
        OMP_NUM_THREADS="1",
        MPLBACKEND="Agg",
        DLMATH_PROGRESS="0",
        PATH=f"{Path(exe).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    run = dict(cwd=course, env=env, capture_output=True, text=True)
    out = subprocess.run([exe, "generate_assignment", "ps1", "--create", "--force"], **run)
    assert out.returncode == 0, out.stderr[-2000:]
    for k in range(n):
        folder = course / "submitted" / f"student{k:02d}" / "ps1"
        folder.mkdir(parents=True)
        shutil.copy(src, folder / src.name)
    start = time.perf_counter()
    out = subprocess.run([exe, "autograde", "ps1", "--create", "--force"], **run)
    seconds = time.perf_counter() - start
    assert out.returncode == 0, out.stderr[-2000:]
    graded = list((course / "autograded").glob(f"*/ps1/{src.name}"))
    assert len(graded) == n, f"nbgrader autograded {len(graded)} of {n}"
    return seconds


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=24)
    p.add_argument("--chapter", default="05_activations")
    p.add_argument("--nbgrader", default=os.environ.get("NBGRADER") or shutil.which("nbgrader"))
    args = p.parse_args(argv)
    src = ROOT / "solutions" / f"{args.chapter}.ipynb"
    tmp = Path(tempfile.mkdtemp(prefix="bench-grader-"))
    rows = []
    try:
        for jobs in (1, 2):
            s = _dlmath(src, args.n, jobs, tmp)
            rows.append((f"dlmath-course grade, sandboxed, --jobs {jobs}", s))
        if args.nbgrader:
            rows.append(("nbgrader autograde (no sandbox, sequential)", _nbgrader(args.nbgrader, src, args.n, tmp)))
        else:
            print("nbgrader not found: pass --nbgrader PATH to compare", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{args.n} submissions of {args.chapter} ({_n_checks(src)} exercises each), {os.cpu_count()} cores")
    base = rows[-1][1] if args.nbgrader else None
    for name, s in rows:
        ratio = f"  {base / s:4.2f}x nbgrader's throughput" if base else ""
        print(f"  {name:<48} {s:6.1f} s  {s / args.n:5.2f} s/notebook{ratio}")


if __name__ == "__main__":
    main()
