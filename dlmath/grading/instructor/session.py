"""Grade one submission: run its code in a sandboxed kernel, judge each exercise here.

The kernel receives the key's set-up cells, the submission's code cells (see :mod:`.plan`) and,
for each exercise, one harness request holding the exercise's inputs. Every verdict is computed
in this process by :func:`dlmath.grading.judge.judge` from the plain data the harness sends back
and from the cell sources this process read from the notebook file itself.

Deterministic scores: ``exit()``, ``quit()``, ``raise SystemExit``, ``os._exit``, a crash, a
background thread or process left running, an endless loop (even one that ignores Ctrl-C) cost
the exercise whose cell did it. The kernel is then killed (with everything it started), a new
one replays the set-up and the answer cells that had run normally, and grading goes on.
"""

from __future__ import annotations

import ast
import json
import time
from dataclasses import dataclass, field

from ..judge import judge, request
from ..spec import EXERCISES
from .kernel import Kernel, KernelDied
from .plan import build_plan

__all__ = ["Outcome", "grade_notebook", "MAX_RESTARTS"]

MAX_RESTARTS = 6
_STATE = "__import__('dlmath.grading.harness', fromlist=['state']).state()"


@dataclass
class Outcome:
    """The verdict on one exercise of one submission."""

    exercise: str
    status: str  # passed | failed | error | timeout | not_attempted
    score: float
    max_score: float
    title: str = ""
    message: str = ""
    hints: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    mistake: str = ""


def _state(out):
    r = out.extra.get("s") or {}
    try:
        text = (r.get("data") or {}).get("text/plain", "")
        value = ast.literal_eval(text) if isinstance(text, str) and len(text) < 500 else None
    except Exception:  # noqa: BLE001 - untrusted text; anything odd means "unknown"
        value = None
    if not isinstance(value, dict):
        return None
    return {k: value.get(k) for k in ("threads", "procs") if isinstance(value.get(k), int)}


class _Run:
    """The mutable state of one submission's run."""

    def __init__(self, plan, kernel, timeout, deadline):
        self.plan, self.kernel, self.timeout, self.deadline = plan, kernel, timeout, deadline
        self.done = []  # steps that ran normally, replayed after a restart
        self.results = {}  # exercise id -> (status, message, mistake)
        self.restarts = 0
        self.baseline = None
        self.gave_up = False
        self.outcomes = {}  # step index -> CellOutcome of its (first) run

    def left(self):
        return max(0.5, min(self.timeout, self.deadline - time.monotonic()))

    def fresh_kernel(self):
        """A new kernel that has run the set-up and every step in ``done``."""
        while True:
            if self.restarts > MAX_RESTARTS:
                self.gave_up = True
                return False
            try:
                self.kernel.start()
            except KernelDied:
                self.restarts += 1
                continue
            ok = True
            for j in self.done:
                if time.monotonic() > self.deadline:
                    return False
                out = self.kernel.run(self.plan.steps[j].source, self.left())
                if out.status in ("died", "exit", "timeout") or not self.kernel.alive():
                    self.done.remove(j)  # it behaved differently this time: never replay it again
                    ok = False
                    break
            if ok:
                return True
            self.restarts += 1

    def blame(self, step, status, message):
        """A step that killed, hung or left something running: its exercise pays."""
        if step.exercise is not None and step.exercise not in self.results:
            self.results[step.exercise] = (status, message, "")
        elif step.kind == "added":
            self.plan.general.append(f"Your added cell {step.cell + 1}: {message}")
        elif step.kind == "setup":
            self.plan.general.append(f"A set-up cell of the exercise notebook: {message}")


_WHAT = {
    "died": "The kernel stopped while running your answer cell (os._exit, a crash or the "
    "CPU limit?). The rest of the notebook was graded in a new kernel.",
    "exit": "Your answer cell called exit(), quit() or raise SystemExit: the grader counts "
    "that as an error for this exercise. The rest of the notebook was graded in a "
    "new kernel.",
    "left": "Your answer cell left a background thread or process running; its results "
    "would depend on timing, so this exercise is not graded. The rest was graded "
    "in a new kernel.",
}


def _more(state, baseline):
    return bool(baseline and state) and (
        state.get("threads", 0) > baseline.get("threads", 0) or state.get("procs", 0) > baseline.get("procs", 0)
    )


def _left_running(r: _Run, state) -> bool:
    """Did the cell leave a thread or process running? ipykernel's own output timers end
    within its flush interval (0.2 s), so look again before deciding."""
    for _ in range(3):
        if not _more(state, r.baseline):
            return False
        time.sleep(0.3)
        state = _state(r.kernel.run("", r.left(), {"s": _STATE}))
    return _more(state, r.baseline)


def _run_steps(r: _Run):
    sandboxed = r.kernel.sandbox
    if not r.fresh_kernel():
        return
    r.baseline = _state(r.kernel.run("", r.left(), {"s": _STATE}))
    pos = 0
    steps = r.plan.steps
    while pos < len(steps):
        if time.monotonic() > r.deadline:
            break
        step = steps[pos]
        out = r.kernel.run(step.source, r.left(), {"s": _STATE})
        state = _state(out) if out.status in ("ok", "error") else None
        bad = None
        if out.status in ("died", "exit"):
            bad = ("error", _WHAT[out.status])
        elif out.status == "timeout":
            bad = ("timeout", f"Your answer cell did not finish within {r.timeout:g} s.")
        elif step.kind != "setup" and sandboxed and _left_running(r, state):
            bad = ("error", _WHAT["left"])
        if bad is not None:
            r.blame(step, *bad)
            if out.status == "exit" and out.ename == "SystemExit" and r.kernel.alive():
                pass  # IPython caught it; the kernel is fine
            else:
                r.kernel.kill()
            pos += 1
            if not r.kernel.alive() and not r.fresh_kernel():
                return
            continue
        r.done.append(pos)
        r.outcomes[pos] = out
        if step.kind == "setup" and state is not None:
            r.baseline = state
        for exid in step.judge:
            _judge_one(r, exid, pos)
            if not r.kernel.alive() and not r.fresh_kernel():
                return
        pos += 1


def _judge_one(r: _Run, exid, pos):
    if exid in r.results:
        return
    ex = EXERCISES.get(exid)
    if ex is None:
        r.results[exid] = (
            "error",
            "This exercise is not in the grader's exercise bank (a key notebook from another version of the course?).",
            "",
        )
        return
    out, text = r.kernel.ask(request(ex, hidden=True), r.left())
    if out.status == "timeout":
        r.results[exid] = (
            "timeout",
            f"The check did not finish within {r.timeout:g} s: does your function loop forever on some input?",
            "",
        )
        r.kernel.kill()
        return
    if out.status == "died" or not r.kernel.alive():
        r.results[exid] = (
            "error",
            "The kernel stopped while the check called your function (exit, os._exit or a crash?).",
            "",
        )
        r.kernel.kill()
        if pos in r.done:
            r.done.remove(pos)
        return
    report = None
    if text is not None:
        try:
            report = json.loads(text)
        except ValueError:
            report = None
    if not isinstance(report, dict):
        r.results[exid] = (
            "error",
            "The check could not read your answer back (the kernel sent something that is not a report).",
            "",
        )
        return
    sources = [r.plan.steps[j].source for j in r.done if r.plan.steps[j].kind != "setup"]
    verdict = judge(ex, report, sources, hidden=True)
    cell = r.outcomes.get(pos)
    raised = cell is not None and cell.status == "error" and cell.ename != "NotImplementedError"
    if raised and verdict.status == "not_attempted":
        evalue = cell.evalue if len(cell.evalue) < 300 else cell.evalue[:300] + " ..."
        r.results[exid] = ("error", f"Your answer cell raised {cell.ename}: {evalue}", "")
        return
    if raised:
        verdict.notes.append(f"Your answer cell raised {cell.ename} after defining your answer.")
    r.results[exid] = (verdict.status, verdict.message, verdict.mistake, verdict.notes)


def grade_notebook(
    key_nb,
    sub_nb,
    sub_path=None,
    notebook_name="notebook.ipynb",
    timeout=30.0,
    notebook_timeout=600.0,
    sandbox=True,
    limits=None,
):
    """Grade one submission against one key notebook; returns (outcomes, general notes, info)."""
    plan = build_plan(key_nb, sub_nb)
    kwargs = {"limits": limits} if limits is not None else {}
    kernel = Kernel(sandbox=sandbox, notebook=sub_path, notebook_name=notebook_name, **kwargs)
    run = _Run(plan, kernel, timeout, time.monotonic() + notebook_timeout)
    try:
        _run_steps(run)
    finally:
        kernel.kill()
    if kernel.starts > 1:
        plan.general.append(f"The kernel was restarted {kernel.starts - 1} time(s) while grading this notebook.")
    outcomes = []
    for ex in plan.exercises:
        spec = EXERCISES.get(ex["id"])
        title = spec.title if spec is not None else ""
        res = run.results.get(ex["id"])
        notes = list(plan.notes.get(ex["id"], []))
        if res is None:
            judged = any(ex["id"] in s.judge for s in plan.steps)
            if not judged:
                status, message = "not_attempted", ""
            elif run.gave_up:
                status, message = "error", "Not graded: the kernel kept stopping while running your notebook."
            else:
                status, message = "timeout", "Not graded: the notebook ran out of its time limit."
            res = (status, message, "")
        status, message, mistake = res[:3]
        notes += list(res[3]) if len(res) > 3 else []
        hints = list(spec.hints[:1]) if spec is not None and status in ("failed", "error") else []
        outcomes.append(
            Outcome(
                ex["id"],
                status,
                ex["points"] if status == "passed" else 0.0,
                ex["points"],
                title,
                message,
                hints,
                notes,
                mistake,
            )
        )
    return outcomes, plan.general, {"restarts": kernel.starts - 1}
