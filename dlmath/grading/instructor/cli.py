"""``dlmath-course``: the instructor's two commands.

    dlmath-course release solutions/ exercises/ [--check]
    dlmath-course grade SUBMISSIONS/ --key solutions/ --out grades.csv [--jobs N] [--timeout S]
                  [--student ID] [--notebook NAME] [--roster FILE] [--bank PATH] [--no-sandbox]

``release`` validates the solutions notebooks and writes the student copies (``--check`` only
reports whether ``exercises/`` is up to date, exit status 1 if not). ``grade`` re-executes every
submission ``SUBMISSIONS/<student_id>/<notebook>.ipynb`` against the key, in parallel, and writes
the gradebook CSV, a per-student totals CSV beside it, ``feedback/<student_id>/<notebook>.md``
and the class report. Each submission runs in a bubblewrap sandbox (``--no-sandbox`` to opt out).
Also available as ``python -m dlmath.grading``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _positive_float(text):
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text}")
    return value


def _positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dlmath-course", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("release", help="generate exercises/ from solutions/")
    r.add_argument("solutions", type=Path, help="folder of solution notebooks (the source)")
    r.add_argument("exercises", type=Path, help="folder to write the student copies to")
    r.add_argument("--check", action="store_true", help="write nothing; exit 1 if the exercises are out of date")

    g = sub.add_parser("grade", help="grade a folder of submissions")
    g.add_argument("submissions", type=Path, help="folder SUBMISSIONS/<student_id>/<notebook>.ipynb")
    g.add_argument("--key", type=Path, required=True, help="folder of solution notebooks")
    g.add_argument("--out", type=Path, default=Path("grades.csv"), help="gradebook CSV to write")
    g.add_argument("--feedback", type=Path, default=None, help="feedback folder (default: 'feedback' beside the CSV)")
    g.add_argument(
        "--jobs",
        type=_positive_int,
        default=os.cpu_count() or 1,
        help="parallel worker processes (default: the number of cores)",
    )
    g.add_argument("--timeout", type=_positive_float, default=30.0, help="seconds one cell may run (default 30)")
    g.add_argument(
        "--notebook-timeout",
        type=_positive_float,
        default=None,
        help="seconds one submission may run in all (default: 20 x --timeout)",
    )
    g.add_argument(
        "--student",
        action="append",
        default=None,
        metavar="ID",
        help="grade only this student (repeatable); existing outputs are updated",
    )
    g.add_argument(
        "--notebook",
        action="append",
        default=None,
        metavar="NAME",
        help="grade only this key notebook (repeatable); existing outputs are updated",
    )
    g.add_argument(
        "--roster",
        type=Path,
        default=None,
        help="the class list (CSV with a student_id column, or one id per line): "
        "students without a folder are reported as 'missing'",
    )
    g.add_argument(
        "--bank", type=Path, default=None, help="a private exercise bank (.py file or folder) for exercises of your own"
    )
    g.add_argument(
        "--no-sandbox",
        action="store_true",
        help="run submissions without bubblewrap (UNSAFE: they can read and change "
        "your files); only for work you trust",
    )
    g.add_argument("--no-report", action="store_true", help="skip the class report")
    g.add_argument("--quiet", action="store_true", help="no progress bar")
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "release":
        from .release import ReleaseError, out_of_date, release

        try:
            if args.check:
                problems = out_of_date(args.solutions, args.exercises)
                for line in problems:
                    print(line)
                if problems:
                    print(f"exercises are out of date: run dlmath-course release {args.solutions} {args.exercises}")
                    return 1
                print(f"{args.exercises} is up to date with {args.solutions}")
                return 0
            written = release(args.solutions, args.exercises)
        except (ReleaseError, FileNotFoundError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        for path in written:
            print(f"wrote {path}")
        print(f"{len(written)} notebook(s) changed in {args.exercises}")
        return 0

    from .grader import GradeError, grade
    from .sandbox import SandboxUnavailable

    try:
        summary = grade(
            args.submissions,
            args.key,
            args.out,
            jobs=args.jobs,
            timeout=args.timeout,
            notebook_timeout=args.notebook_timeout,
            feedback_dir=args.feedback,
            progress=not args.quiet,
            sandbox=not args.no_sandbox,
            students=args.student,
            notebooks=args.notebook,
            roster=args.roster,
            bank=args.bank,
            report=not args.no_report,
        )
    except (GradeError, FileNotFoundError, SandboxUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
