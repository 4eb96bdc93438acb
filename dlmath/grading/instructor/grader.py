"""Grade a class: ``SUBMISSIONS/<student_id>/<notebook>.ipynb`` against the key, in parallel.

Each submission runs in its own sandboxed kernel (see :mod:`.session`); worker processes grade
``jobs`` submissions at a time, and each starts its next kernel while the grader judges. The
outputs (written only here, never by a submission):

- ``grades.csv``: ``student_id, notebook, exercise, score, max_score, status``, status one of
  passed, failed, error, timeout, not_attempted, missing (a roster student with no folder);
- ``<stem>_totals.csv``: per student, total, maximum, percent and a count of each status;
- ``feedback/<student_id>/<notebook stem>.md``;
- ``<stem>_report.csv`` and ``<stem>_report.png``: the class report (:mod:`.report`).

``students`` / ``notebooks`` regrade part of a cohort and update the existing outputs in place.
"""

from __future__ import annotations

import csv
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

import nbformat

from .feedback import write_feedback, write_totals
from .plan import GradeError, answer_grade_ids, key_exercises

__all__ = ["grade", "grade_submission", "GradeError", "Row", "COLUMNS", "STATUSES"]

COLUMNS = ["student_id", "notebook", "exercise", "score", "max_score", "status"]
STATUSES = ("passed", "failed", "error", "timeout", "not_attempted", "missing")


@dataclass
class Row:
    student_id: str
    notebook: str
    exercise: str
    score: float
    max_score: float
    status: str
    title: str = ""
    message: str = ""
    hints: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    mistake: str = ""


_LOADED_BANK = []


def _load_bank(bank):
    if bank and bank not in _LOADED_BANK:
        from ..spec import load_bank

        load_bank(bank)
        _LOADED_BANK.append(bank)


def grade_submission(task: dict) -> dict:
    """Grade one (student, notebook); a top-level function so worker processes can run it."""
    from ..spec import EXERCISES
    from .session import grade_notebook

    _load_bank(task.get("bank"))
    student, name = task["student"], task["notebook"]
    key_nb = nbformat.read(task["key_path"], as_version=4)
    exercises = key_exercises(key_nb)
    general = list(task.get("general", []))
    fail = None
    sub_nb = None
    if task["sub_path"] is None:
        fail = ("not_attempted", "No submission: this notebook was not found.")
    else:
        try:
            sub_nb = nbformat.read(task["sub_path"], as_version=4)
        except Exception as exc:  # unreadable submissions are graded as errors, not crashes
            fail = ("error", f"The notebook could not be read ({type(exc).__name__}: {exc}).")
    rows = []
    if fail is None:
        try:
            outcomes, more, _ = grade_notebook(
                key_nb,
                sub_nb,
                task["sub_path"],
                Path(task["sub_path"]).name,
                task["timeout"],
                task["notebook_timeout"],
                task["sandbox"],
            )
        except Exception as exc:  # e.g. a kernel that cannot start at all
            fail = ("error", f"The grader could not run this notebook ({type(exc).__name__}: {exc}).")
        else:
            general += more
            rows = [
                Row(
                    student,
                    name,
                    o.exercise,
                    o.score,
                    o.max_score,
                    o.status,
                    o.title,
                    o.message,
                    o.hints,
                    o.notes,
                    o.mistake,
                )
                for o in outcomes
            ]
    if fail is not None:
        rows = [
            Row(
                student,
                name,
                ex["id"],
                0.0,
                ex["points"],
                fail[0],
                getattr(EXERCISES.get(ex["id"]), "title", ""),
                fail[1],
            )
            for ex in exercises
        ]
    return {"student": student, "notebook": name, "rows": [asdict(r) for r in rows], "general": general}


def _find_notebook(folder: Path, key_name: str, key_gids: set, key_names: set):
    """The submission for ``key_name`` in a student's folder, and a note when it was renamed."""
    exact = folder / key_name
    if exact.exists():
        return exact, None
    best, best_overlap = None, 0
    for path in sorted(folder.glob("*.ipynb")):
        if path.name in key_names:
            continue
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:
            continue
        gids = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.cells}
        overlap = len(gids & key_gids)
        if overlap > best_overlap:
            best, best_overlap = path, overlap
    if best is None:
        return None, None
    return best, (
        f"No {key_name} was found; {best.name} holds its exercises (matched by the "
        f"cells' nbgrader ids), so it was graded instead."
    )


def read_roster(path) -> list[str]:
    """Student ids from a roster: a CSV with a ``student_id`` column, or one id per line."""
    text = Path(path).read_text(encoding="utf-8").splitlines()
    rows = [r for r in csv.reader(text) if r and any(c.strip() for c in r)]
    if not rows:
        raise GradeError(f"the roster {path} is empty")
    header = [c.strip() for c in rows[0]]
    if "student_id" in header:
        k = header.index("student_id")
        return [r[k].strip() for r in rows[1:] if len(r) > k and r[k].strip()]
    return [r[0].strip() for r in rows if r[0].strip()]


def _check_sandbox(sandbox):
    if not sandbox:
        import warnings

        warnings.warn(
            "grading WITHOUT a sandbox: submissions run as your user and can read and "
            "change your files (the key, other submissions, the output). Use this only "
            "for work you trust.",
            UserWarning,
            stacklevel=3,
        )
        return
    from .sandbox import probe

    probe()


def _read_rows(path):
    if not Path(path).exists():
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return [
            Row(r["student_id"], r["notebook"], r["exercise"], float(r["score"]), float(r["max_score"]), r["status"])
            for r in csv.DictReader(fh)
        ]


def grade(
    submissions,
    key,
    out,
    jobs=None,
    timeout=30.0,
    notebook_timeout=None,
    feedback_dir=None,
    progress=True,
    sandbox=True,
    students=None,
    notebooks=None,
    roster=None,
    bank=None,
    report=True,
) -> str:
    """Grade ``submissions/<student_id>/<notebook>.ipynb`` against the notebooks in ``key``.

    Returns a one-paragraph summary. ``students`` / ``notebooks`` (lists of ids / names) limit
    the run and update existing outputs; ``roster`` lists every student of the class; ``bank``
    is a private exercise bank (a ``.py`` file or a folder of them).
    """
    submissions, key, out = Path(submissions), Path(key), Path(out)
    if not submissions.is_dir():
        raise GradeError(f"submissions folder {submissions} does not exist")
    if not key.is_dir():
        raise GradeError(f"key folder {key} does not exist")
    key_paths = sorted(key.glob("*.ipynb"))
    if notebooks:
        wanted = {n if n.endswith(".ipynb") else n + ".ipynb" for n in notebooks}
        unknown = wanted - {p.name for p in key_paths}
        if unknown:
            raise GradeError(f"no such notebook in the key: {', '.join(sorted(unknown))}")
        key_paths = [p for p in key_paths if p.name in wanted]
    if not key_paths:
        raise GradeError(f"no notebooks in the key folder {key}")
    keys = {}
    for path in key_paths:
        nb = nbformat.read(path, as_version=4)
        if not key_exercises(nb):
            raise GradeError(f"key notebook {path} has no check (grade) cells")
        keys[path.name] = (path, nb)
    if bank:
        _load_bank(str(Path(bank).resolve()))
    folders = sorted(p.name for p in submissions.iterdir() if p.is_dir() and not p.name.startswith("."))
    class_list = read_roster(roster) if roster else list(folders)
    missing = [s for s in class_list if s not in folders]
    chosen = [s for s in folders if not students or s in students]
    if students:
        unknown = set(students) - set(folders) - set(missing)
        if unknown:
            raise GradeError(f"no folder for student(s) {', '.join(sorted(unknown))} in {submissions}")
    if not chosen and not missing:
        raise GradeError(f"no student folders in {submissions} (expected SUBMISSIONS/<student_id>/)")
    _check_sandbox(sandbox)
    jobs = max(1, int(jobs or os.cpu_count() or 1))
    notebook_timeout = notebook_timeout or 20 * timeout
    key_names = set(keys)
    tasks = []
    for s in chosen:
        for name, (path, nb) in keys.items():
            sub, note = _find_notebook(submissions / s, name, answer_grade_ids(nb), key_names)
            tasks.append(
                {
                    "student": s,
                    "notebook": name,
                    "key_path": str(path),
                    "sub_path": str(sub) if sub else None,
                    "timeout": float(timeout),
                    "notebook_timeout": float(notebook_timeout),
                    "sandbox": bool(sandbox),
                    "bank": str(Path(bank).resolve()) if bank else None,
                    "general": [note] if note else [],
                }
            )
    start = time.monotonic()
    results = _run_pool(tasks, jobs, progress)
    order = {(t["student"], t["notebook"]): k for k, t in enumerate(tasks)}
    results.sort(key=lambda r: order[(r["student"], r["notebook"])])
    rows = [Row(**r) for res in results for r in res["rows"]]
    from ..spec import EXERCISES

    for s in [m for m in missing if not students or m in students]:
        for name, (_path, nb) in keys.items():
            rows += [
                Row(
                    s,
                    name,
                    ex["id"],
                    0.0,
                    ex["points"],
                    "missing",
                    getattr(EXERCISES.get(ex["id"]), "title", ""),
                    "No folder for this student in the submissions.",
                )
                for ex in key_exercises(nb)
            ]
    if students or notebooks:
        redone = {(r.student_id, r.notebook) for r in rows}
        rows = [r for r in _read_rows(out) if (r.student_id, r.notebook) not in redone] + rows
        rows.sort(key=lambda r: (r.student_id, r.notebook))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for r in rows:
            writer.writerow([r.student_id, r.notebook, r.exercise, f"{r.score:g}", f"{r.max_score:g}", r.status])
    totals = out.with_name(out.stem + "_totals.csv")
    write_totals(rows, totals)
    feedback_dir = Path(feedback_dir) if feedback_dir else out.parent / "feedback"
    write_feedback(results, rows, feedback_dir)
    written = [str(out), str(totals), f"{feedback_dir}/"]
    if report:
        from .report import write_report

        written += [str(p) for p in write_report(rows, out)]
    counts = {s: sum(r.status == s for r in rows) for s in STATUSES}
    return (
        f"graded {len(tasks)} notebook(s) of {len(chosen)} student(s) in "
        f"{time.monotonic() - start:.1f} s"
        + (" (sandboxed)" if sandbox else " (NOT sandboxed)")
        + ": "
        + ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        + f". Wrote {', '.join(written)}."
    )


def _run_pool(tasks, jobs, progress):
    if not tasks:
        return []
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(tasks), desc="grading", unit="notebook")
    results = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(grade_submission, t) for t in tasks]
        for fut in as_completed(futures):
            results.append(fut.result())
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    return results
