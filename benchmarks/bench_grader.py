"""How fast does `dlmath-course grade` go, and what does --jobs buy?

Grades N copies of one solutions notebook (all passing) with --jobs 1 and --jobs 2 and prints
the wall time per notebook. Run from the repository root:

    .venv/bin/python benchmarks/bench_grader.py [N] [CHAPTER]

Measured on the 2-core dev machine, 05_activations (5 exercises), every notebook in a fresh
kernel: N=24: --jobs 1 35.8 s (1.49 s/notebook), --jobs 2 21.6 s (0.90 s/notebook, 1.66x);
N=8: 10.0 s vs 9.7 s (starting the worker processes, ~3 s, dominates small runs). Most of a
notebook's time is starting its kernel (~0.8 s).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from dlmath.grading.grader import grade

ROOT = Path(__file__).resolve().parents[1]


def main(n: int = 8, chapter: str = "05_activations") -> None:
    src = ROOT / "solutions" / f"{chapter}.ipynb"
    tmp = Path(tempfile.mkdtemp(prefix="bench-grader-"))
    try:
        (tmp / "key").mkdir()
        shutil.copy(src, tmp / "key" / src.name)
        for k in range(n):
            (tmp / "subs" / f"student{k:02d}").mkdir(parents=True)
            shutil.copy(src, tmp / "subs" / f"student{k:02d}" / src.name)
        for jobs in (1, 2):
            start = time.perf_counter()
            summary = grade(tmp / "subs", tmp / "key", tmp / f"grades{jobs}.csv", jobs=jobs,
                            timeout=30, progress=False)
            seconds = time.perf_counter() - start
            print(f"--jobs {jobs}: {seconds:5.1f} s for {n} notebooks "
                  f"({seconds / n:.2f} s each)   [{summary.split(':', 1)[1].split('.')[0].strip()}]")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8, *(sys.argv[2:3]))
