"""Grade submitted notebooks against the key (``solutions/``), in parallel, in fresh kernels.

For each submission ``SUBMISSIONS/<student_id>/<notebook>.ipynb`` the grader builds the notebook
to run from the KEY: every answer cell is replaced by the submission's cell with the same
nbgrader ``grade_id`` (or by the student stub when there is none), and every other cell
(instructions, set-up, check cells with their hidden tests) comes from the key. Cells the student
added are not run. The grader injects cells of its own (see :mod:`._injected`) that report each
check's result through a channel student code cannot fake by printing, and runs it all with
:class:`._runner.Runner` (timeouts, output cap, kernel restarts). Submitted files are only read.

What a determined cheater can still do (documented, not prevented): student code runs in the
same Python process as the checks and as the same OS user as the grader. It can read the
reference answers from the installed ``dlmath.grading.bank``, patch things the fingerprint does
not cover (C-level state, files on disk including the installed package, objects reached through
``gc``), or hook IPython to read a nonce while its cell runs. For untrusted cohorts run the
grader in a container or as a separate user, and keep hidden tests meaningful.
"""
from __future__ import annotations

import csv
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

import nbformat

from . import _injected as inj
from ._feedback import write_feedback, write_totals
from ._plan import GradeError, build_plan, key_exercises
from ._runner import Runner
from ._status import exercise_row

__all__ = ["grade", "grade_submission", "GradeError", "build_plan", "key_exercises", "Row",
           "COLUMNS", "STATUSES"]

COLUMNS = ["student_id", "notebook", "exercise", "score", "max_score", "status"]
STATUSES = ("passed", "failed", "error", "timeout", "not_attempted")
MAX_RESTARTS = 3


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


# ---------------------------------------------------------------------------- running one submission

def _execute(steps, timeout, notebook_timeout, kernel_name):
    """Run the steps; return ({index: CellRun}, {exercise: report payload}, tampered, info)."""
    runs, reports, tampered, info = {}, {}, {}, {"restarts": 0}
    baseline = {}
    raw = {i for i, s in enumerate(steps) if s.kind in ("baseline", "report")}
    cwd = tempfile.mkdtemp(prefix="dlmath-grade-")
    env = dict(os.environ, MPLBACKEND="Agg", DLMATH_PROGRESS="0", PYTHONHASHSEED="0",
               OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", PYDEVD_DISABLE_FILE_VALIDATION="1")
    runner = Runner([s.source for s in steps], raw, timeout, time.monotonic() + notebook_timeout,
                    cwd, kernel_name, env)
    replaying = set()

    def on_cell(i, run):
        step = steps[i]
        if step.kind == "baseline":
            got = inj.payloads(run.outputs, step.tag)
            baseline.clear()
            baseline.update(got[0]["fp"] if len(got) == 1 else {})
        if i in replaying and run.status != "died":
            return  # keep the first run's record of a replayed cell
        runs[i] = run
        if step.kind == "report":
            got = inj.payloads(run.outputs, step.tag)
            if len(got) == 1:
                reports[step.exercise] = got[0]
                diff = inj.changed(baseline, got[0].get("fp")) if baseline else ["(no baseline)"]
                if diff:
                    tampered[step.exercise] = diff
            elif len(got) > 1:
                tampered[step.exercise] = ["(more than one result was reported)"]

    def first_after(i):
        """Index where to continue after the cell i killed or hung the kernel."""
        ex = steps[i].exercise
        if steps[i].kind in ("answer", "begin", "check") and ex is not None:
            j = i
            while j + 1 < len(steps) and not (steps[j].kind == "report" and steps[j].exercise == ex):
                j += 1
            return j + 1
        return i + 1

    pos = 0
    try:
        while pos < len(steps):
            replay = [] if pos == 0 else [0] + [
                j for j in range(1, pos) if steps[j].kind in ("key", "answer", "baseline")
                and j in runs and runs[j].status in ("ok", "error")]
            replaying = set(replay)
            state, at = runner.session(replay + list(range(pos, len(steps))), on_cell,
                                       history=lambda j: steps[j].kind in ("key", "answer", "check"))
            if state in ("done", "deadline"):
                info["deadline"] = state == "deadline"
                break
            info["restarts"] += 1
            if at in replaying:  # a replayed cell killed it this time: do not replay it again
                runs[at].status = "died"
            nxt = pos if at in replaying else first_after(at)
            if info["restarts"] > MAX_RESTARTS:
                info["gave_up_at"] = nxt
                break
            pos = nxt
    finally:
        shutil.rmtree(cwd, ignore_errors=True)
    return runs, reports, tampered, info


def _title(exercise_id: str) -> str:
    """The exercise's title from the bank, when this process knows the exercise."""
    try:
        from .spec import EXERCISES

        ex = EXERCISES.get(exercise_id)
    except Exception:  # a broken bank must not stop the grading
        return ""
    return ex.title if ex is not None else ""


def grade_submission(task: dict) -> dict:
    """Grade one (student, notebook); a top-level function so worker processes can run it."""
    student, name = task["student"], task["notebook"]
    key_nb = nbformat.read(task["key_path"], as_version=4)
    exercises = key_exercises(key_nb)
    sub_path = Path(task["sub_path"])
    general, sub_nb, fail = [], None, None
    if not sub_path.exists():
        fail = ("not_attempted", "No submission: this notebook was not found.")
    else:
        try:
            sub_nb = nbformat.read(sub_path, as_version=4)
        except Exception as exc:  # unreadable submissions are graded as errors, not crashes
            fail = ("error", f"The notebook could not be read ({type(exc).__name__}: {exc}).")
    rows = []
    executed = None
    if fail is None:
        steps, ex_notes, general = build_plan(key_nb, sub_nb)
        kernel = key_nb.metadata.get("kernelspec", {}).get("name", "python3")
        try:
            runs, reports, tampered, info = _execute(steps, task["timeout"],
                                                     task["notebook_timeout"], kernel)
        except Exception as exc:  # e.g. a kernel that does not start
            fail = ("error", f"The grader could not run this notebook ({type(exc).__name__}: {exc}).")
        else:
            if info["restarts"]:
                general.append(f"The kernel was restarted {info['restarts']} time(s) while "
                               f"grading this notebook.")
            for ex in exercises:
                status, score, msg, hints, notes, title = exercise_row(
                    ex, steps, runs, reports, tampered, info, task["timeout"])
                title = title or _title(ex["id"])
                rows.append(Row(student, name, ex["id"], score, ex["points"], status, title, msg,
                                hints, ex_notes.get(ex["id"], []) + notes))
            if task.get("keep_executed"):
                executed = _executed_notebook(steps, runs)
    if fail is not None:
        rows = [Row(student, name, ex["id"], 0.0, ex["points"], fail[0], _title(ex["id"]), fail[1])
                for ex in exercises]
    return {"student": student, "notebook": name, "rows": [asdict(r) for r in rows],
            "general": general, "executed": executed}


def _executed_notebook(steps, runs):
    from nbformat.v4 import new_code_cell, new_notebook

    cells = []
    for i, s in enumerate(steps):
        cell = new_code_cell(s.source, metadata={"dlmath_grader": {"kind": s.kind,
                                                                   "exercise": s.exercise}})
        if i in runs:
            cell.outputs = runs[i].outputs
        cells.append(cell)
    return nbformat.writes(new_notebook(cells=cells))


# ---------------------------------------------------------------------------- the whole folder

def grade(submissions, key, out, jobs=None, timeout=30.0, notebook_timeout=None,
          feedback_dir=None, keep_executed=None, progress=True) -> str:
    """Grade ``submissions/<student_id>/<notebook>.ipynb`` against the notebooks in ``key``.

    Writes ``out`` (one row per student, notebook and exercise), ``<out stem>_totals.csv`` beside
    it and ``feedback_dir/<student_id>/<notebook stem>.md`` (default ``feedback`` beside ``out``).
    Returns a one-paragraph summary.
    """
    submissions, key, out = Path(submissions), Path(key), Path(out)
    if not submissions.is_dir():
        raise GradeError(f"submissions folder {submissions} does not exist")
    if not key.is_dir():
        raise GradeError(f"key folder {key} does not exist")
    key_paths = sorted(key.glob("*.ipynb"))
    if not key_paths:
        raise GradeError(f"no notebooks in the key folder {key}")
    for path in key_paths:
        if not key_exercises(nbformat.read(path, as_version=4)):
            raise GradeError(f"key notebook {path} has no check (grade) cells")
    students = sorted(p.name for p in submissions.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not students:
        raise GradeError(f"no student folders in {submissions} (expected SUBMISSIONS/<student_id>/)")
    jobs = max(1, int(jobs or os.cpu_count() or 1))
    notebook_timeout = notebook_timeout or 20 * timeout
    tasks = [{"student": s, "notebook": p.name, "key_path": str(p),
              "sub_path": str(submissions / s / p.name), "timeout": float(timeout),
              "notebook_timeout": float(notebook_timeout), "keep_executed": bool(keep_executed)}
             for s in students for p in key_paths]
    start = time.monotonic()
    results = []
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(tasks), desc="grading", unit="notebook")
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(grade_submission, t) for t in tasks]
        for fut in as_completed(futures):
            results.append(fut.result())
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    order = {(t["student"], t["notebook"]): k for k, t in enumerate(tasks)}
    results.sort(key=lambda r: order[(r["student"], r["notebook"])])
    rows = [Row(**r) for res in results for r in res["rows"]]
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for r in rows:
            writer.writerow([r.student_id, r.notebook, r.exercise, f"{r.score:g}",
                             f"{r.max_score:g}", r.status])
    totals = out.with_name(out.stem + "_totals.csv")
    write_totals(rows, totals)
    feedback_dir = Path(feedback_dir) if feedback_dir else out.parent / "feedback"
    write_feedback(results, rows, feedback_dir)
    if keep_executed:
        for res in results:
            if res["executed"]:
                path = Path(keep_executed) / res["student"] / res["notebook"]
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(res["executed"], encoding="utf-8")
    counts = {s: sum(r.status == s for r in rows) for s in STATUSES}
    return (f"graded {len(tasks)} notebook(s) of {len(students)} student(s) in "
            f"{time.monotonic() - start:.1f} s: "
            + ", ".join(f"{n} {s}" for s, n in counts.items() if n)
            + f". Wrote {out}, {totals} and {feedback_dir}/.")
