"""``check()``: compare the learner's answer with the reference and say what is wrong.

The pipeline, for each input case in turn and at each step across every returned value:

1. *answer*: is the name defined (else "not attempted"), and for a function exercise callable;
2. *call*: the learner's function runs on fresh copies of the inputs (an exception is reported
   with the input that caused it);
3. *type*, 4. *shape*, 5. *dtype*, 6. *NaN/inf*, 7. *values* (``numpy.allclose``).

At the first failing step the exercise's own mistakes are tried, then the generic ones
(transposed, negated, sum instead of mean, off by a constant factor); the first match's message
is added to the step's message. Expected values are never printed. A failure raises
:class:`CheckFailed` (an ``AssertionError``), which Jupyter shows as a short red message. Every
call is recorded in :data:`RESULTS` (read by ``progress()`` and the instructor's grader).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sys
import threading
from dataclasses import asdict, dataclass, field

from .. import harness
from ..judge import cases_of, judge
from ..spec import EXERCISES, Exercise, get_exercise

__all__ = ["check", "hint", "progress", "CheckResult", "CheckFailed", "RESULTS", "reset", "TIME_LIMIT"]

STATUSES = ("passed", "failed", "error", "not_attempted")


@dataclass
class CheckResult:
    """The outcome of one ``check()`` call (what the learner saw, and the score)."""

    id: str
    status: str
    score: int
    max_score: int
    message: str = ""
    hints: list = field(default_factory=list)
    attempt: int = 0
    notes: list = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def _ipython_display_(self):
        """Show nothing under the cell: ``check()`` has printed its verdict already (and
        nbgrader reads a cell's displayed value as a score, which this is not)."""

    def to_dict(self) -> dict:
        return asdict(self)


# Process-wide registries. They are mutated, never rebound (the grader relies on that).
RESULTS: dict[str, CheckResult] = {}
_ATTEMPTS: dict[str, int] = {}
_HINTS: dict[str, int] = {}  # hints shown so far, per exercise
_LAST_WRONG: dict[str, str] = {}  # what the last wrong answer returned, per exercise
_FINGERPRINT: dict[str, str] = {}


def reset() -> None:
    """Forget every recorded result and attempt count (a fresh start in this kernel)."""
    RESULTS.clear()
    _ATTEMPTS.clear()
    _HINTS.clear()
    _LAST_WRONG.clear()


class CheckFailed(AssertionError):
    """A check that failed. Jupyter shows only the feedback, not a traceback."""

    def __init__(self, result: CheckResult):
        super().__init__(result.message)
        self.result = result

    def _render_traceback_(self):
        red, bold, reset_ = "\x1b[31m", "\x1b[1m", "\x1b[0m"
        lines = _render_failure(self.result).splitlines()
        return [f"{red}{bold}{lines[0]}{reset_}"] + lines[1:]


# ----------------------------------------------------------------------------------------
# running the learner's code: the harness (as in the grader's sandbox), then the judge


def _sources(ex: Exercise, namespace):
    """The learner's code for the rule checks: every notebook cell that defined a function of
    this namespace (IPython keeps each cell's text in ``linecache``)."""
    if not ex.has_rules:
        return None
    import linecache
    import types

    module = namespace.get("__name__", "__main__")
    files = []
    for value in list(namespace.values()):
        if isinstance(value, types.FunctionType) and value.__module__ == module:
            filename = value.__code__.co_filename
            if filename not in files:
                files.append(filename)
    files.sort(key=lambda f: (len(f), f))  # IPython numbers its cells in order
    return ["".join(linecache.getlines(f)) for f in files]


TIME_LIMIT = 5.0  # seconds the live check lets the learner's code run


class _TimeUp(BaseException):
    """Raised inside the learner's code when the live check's time limit is over."""


@contextlib.contextmanager
def _time_limit(seconds):
    """Interrupt the learner's code after ``seconds`` (main thread only, where signals work)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise _TimeUp()

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _safe_evaluate(ex: Exercise, namespace):
    """``_evaluate`` that never raises: time limit, Ctrl-C and the checker's own failures
    become messages (status "error"), never a traceback. Mistakes of the exercise's author
    (cases that are not argument tuples, ...) do raise."""
    if ex.kind == "function":
        cases_of(ex)  # authoring errors surface here, before any learner code runs
    try:
        with _time_limit(TIME_LIMIT):
            return _evaluate(ex, namespace)
    except _TimeUp:
        return (
            "error",
            (
                f"Your code did not finish within {TIME_LIMIT:g} s, so the check stopped "
                f"it. Is there a loop that never ends (a while condition that stays "
                f"true)?"
            ),
            [],
        )
    except KeyboardInterrupt:
        return (
            "interrupted",
            ("The check was interrupted (Ctrl-C or the stop button). Run the cell again when you are ready."),
            [],
        )
    except Exception as exc:  # noqa: BLE001 - a bug of the checker must not look like the learner's
        return (
            "error",
            (
                f"The check itself failed on your answer ({type(exc).__name__}: "
                f"{str(exc)[:200]}). This is a problem in the course, not necessarily in "
                f"your answer: please report it."
            ),
            [],
        )


def _evaluate(ex: Exercise, namespace):
    """Return (status, message, notes)."""
    answer = namespace.get(ex.answer)
    if (
        ex.kind == "function"
        and answer is not None
        and (
            answer is ex.reference
            or getattr(answer, "__code__", None) is not None
            and getattr(answer, "__code__", None) is getattr(ex.reference, "__code__", 0)
        )
    ):
        return (
            "failed",
            (
                f"`{ex.answer}` is the reference implementation from the course code, "
                f"not your own function: write the body yourself"
            ),
            [],
        )
    if ex.kind == "value":
        report = harness.read(ex.answer, namespace)
    else:
        report = harness.call(ex.answer, [args for args, _ in cases_of(ex)], namespace)
    verdict = judge(ex, report, _sources(ex, namespace))
    _FINGERPRINT[ex.id] = (
        hashlib.sha1(json.dumps(report, sort_keys=True, default=str).encode()).hexdigest() + verdict.message
    )
    return verdict.status, verdict.message, verdict.notes


# ----------------------------------------------------------------------------------------
# the public function


def _render_failure(r: CheckResult) -> str:
    ex = EXERCISES.get(r.id)
    title = f" ({ex.title})" if ex is not None and ex.title != r.id else ""
    word = {"error": "error", "not_attempted": "not attempted"}.get(r.status, "not yet right")
    lines = [f"✗ {r.id}{title}: {word} ({r.score}/{r.max_score} points)", r.message]
    for k, hint in enumerate(r.hints, 1):
        lines.append(f"Hint {k}: {hint}")
    return "\n".join(lines)


def check(exercise_id: str, namespace=None) -> CheckResult:
    """Check the learner's answer to exercise ``exercise_id`` and print feedback.

    Parameters
    ----------
    exercise_id : str
        The exercise id (the check cell's ``grade_id``).
    namespace : dict, optional
        Where to find the answer; defaults to the caller's globals (the notebook).

    Returns
    -------
    CheckResult
        For "passed" and "not_attempted". A failed check raises :class:`CheckFailed`
        carrying the result instead. Under nbgrader (``NBGRADER_EXECUTION`` is "autograde"
        or "validate") "not_attempted" raises too, because nbgrader gives a grade cell its
        points when it does not raise.
    """
    ex = get_exercise(exercise_id)
    if namespace is None:
        namespace = sys._getframe(1).f_globals
    status, message, notes = _safe_evaluate(ex, namespace)
    if status == "interrupted":
        print(f"○ {ex.id} ({ex.title}): {message}")
        return CheckResult(ex.id, "not_attempted", 0, ex.points, message)
    attempt = _ATTEMPTS.get(ex.id, 0)
    if status in ("failed", "error"):
        attempt += 1
        _ATTEMPTS[ex.id] = attempt
        answer = _FINGERPRINT.pop(ex.id, message)
        if _LAST_WRONG.get(ex.id) != answer:  # a new wrong answer earns the next hint;
            _LAST_WRONG[ex.id] = answer  # running the same one again does not
            _HINTS[ex.id] = min(len(ex.hints), _HINTS.get(ex.id, 0) + 1)
    hints = list(ex.hints[: _HINTS.get(ex.id, 0)]) if status in ("failed", "error") else []
    score = ex.points if status == "passed" else 0
    result = CheckResult(ex.id, status, score, ex.points, message, hints, attempt, notes)
    RESULTS[ex.id] = result
    if status == "passed":
        print(f"✓ {ex.id} ({ex.title}): passed ({score}/{ex.points} points)")
        for note in notes:
            print(f"  Note: {note}")
        return result
    if status == "not_attempted":
        if os.environ.get("NBGRADER_EXECUTION", "").lower() in ("autograde", "validate"):
            # nbgrader gives a grade cell its points when it does not raise
            result.message = "not attempted"
            raise CheckFailed(result)
        extra = f" {message}" if message else ""
        print(
            f"○ {ex.id} ({ex.title}): not attempted yet.{extra} Write your answer in the cell "
            f"above, run it, then run this cell again."
        )
        return result
    raise CheckFailed(result)


def hint(exercise_id: str) -> None:
    """Print the next, more specific hint for an exercise (and the ones before it).

    ``check()`` shows one more hint for each *new* wrong answer; ask here for one more at any
    time.
    """
    ex = get_exercise(exercise_id)
    if not ex.hints:
        print(f"{ex.id} ({ex.title}) has no hints.")
        return
    shown = _HINTS.get(ex.id, 0)
    if shown >= len(ex.hints):
        print(f"{ex.id}: that was the last hint ({len(ex.hints)} of {len(ex.hints)}).")
    _HINTS[ex.id] = shown = min(len(ex.hints), shown + 1)
    for k, text in enumerate(ex.hints[:shown], 1):
        print(f"Hint {k} of {len(ex.hints)}: {text}")


_MARK = {"passed": "✓", "failed": "✗", "error": "✗", "not_attempted": "·"}


def progress(chapter: str | None = None) -> None:
    """Print which exercises passed, failed or were not attempted in this kernel.

    Parameters
    ----------
    chapter : str, optional
        Only this chapter (notebook stem, e.g. ``"03_matrix_operations"``).
    """
    exercises = [ex for ex in EXERCISES.values() if chapter is None or ex.chapter == chapter]
    if not exercises:
        print("No exercises are registered" + (f" for chapter {chapter!r}." if chapter else "."))
        return
    chapters: dict[str, list[Exercise]] = {}
    for ex in exercises:
        chapters.setdefault(ex.chapter or "(no chapter)", []).append(ex)
    lines = ["Progress in this session (a check counts once you run its cell):"]
    total = got_points = n_passed = 0
    for name in sorted(chapters):
        exs = chapters[name]
        status = {ex.id: RESULTS[ex.id].status if ex.id in RESULTS else "not_attempted" for ex in exs}
        passed = [ex for ex in exs if status[ex.id] == "passed"]
        pts = sum(ex.points for ex in passed)
        lines.append(f"\n{name}: {len(passed)}/{len(exs)} passed, {pts}/{sum(ex.points for ex in exs)} points")
        for ex in exs:
            st = status[ex.id]
            label = {"not_attempted": "not attempted", "error": "error"}.get(st, st)
            lines.append(f"  {_MARK[st]} {ex.id:<24} {ex.title}  [{label}]")
        total += sum(ex.points for ex in exs)
        got_points += pts
        n_passed += len(passed)
    lines.append(f"\nTotal: {n_passed}/{len(exercises)} exercises passed, {got_points}/{total} points.")
    print("\n".join(lines))
