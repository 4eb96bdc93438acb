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

import copy
import os
import sys
import warnings
import zlib
from dataclasses import asdict, dataclass, field

import numpy as np

from ._compare_steps import _compare, _join
from ._describe import _a, _cap, _describe_case, _short
from .spec import EXERCISES, Exercise, get_exercise

__all__ = ["check", "progress", "CheckResult", "CheckFailed", "RESULTS", "HISTORY", "reset"]

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

    def to_dict(self) -> dict:
        return asdict(self)


# Process-wide registries. They are mutated, never rebound (the grader relies on that).
RESULTS: dict[str, CheckResult] = {}
HISTORY: list[CheckResult] = []
_ATTEMPTS: dict[str, int] = {}


def reset() -> None:
    """Forget every recorded result and attempt count (a fresh start in this kernel)."""
    RESULTS.clear()
    HISTORY.clear()
    _ATTEMPTS.clear()


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
# running the learner's code

def _cases(ex: Exercise):
    cases = ex.cases
    if callable(cases):
        rng = np.random.default_rng(zlib.crc32(ex.id.encode()))
        cases = cases(rng)
    cases = list(cases)
    if not cases:
        raise ValueError(f"exercise {ex.id} has no cases to check")
    for c in cases:
        if not isinstance(c, tuple):
            raise TypeError(f"exercise {ex.id}: every case must be a tuple of arguments, got "
                            f"{type(c).__name__} (write [(x,)] for one argument)")
    return cases


def _quiet_call(fn, args=()):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return fn(*copy.deepcopy(args))


def _learner_call(fn, args):
    """Call the learner's function on copies of ``args``; return (result, float warnings)."""
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
        warnings.simplefilter("always")
        out = fn(*copy.deepcopy(args))
    msgs = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return out, list(dict.fromkeys(msgs))


def _is_reference(obj, reference) -> bool:
    if obj is reference:
        return True
    code = getattr(obj, "__code__", None)
    if code is not None and code is getattr(reference, "__code__", None):
        return True
    return str(getattr(obj, "__module__", "") or "").startswith("dlmath.grading")


def _evaluate(ex: Exercise, namespace):
    """Return (status, message, notes)."""
    if ex.answer not in namespace:
        return "not_attempted", "", []
    answer = namespace[ex.answer]
    if ex.kind == "value":
        expected = _quiet_call(ex.reference) if callable(ex.reference) else ex.reference
        if callable(answer) and not callable(expected):
            return "failed", (f"`{ex.answer}` is a function but should be a value: assign the "
                              f"result, e.g. {ex.answer} = ..."), []
        msg = _compare(ex, answer, expected, ())
        return ("failed", _cap(msg), []) if msg else ("passed", "", [])

    if not callable(answer):
        return "failed", (f"`{ex.answer}` is {_a(answer)} but should be a function: "
                          f"define it with def {ex.answer}(...):"), []
    if _is_reference(answer, ex.reference):
        return "failed", (f"`{ex.answer}` is the reference implementation from the course code, "
                          f"not your own function: write the body yourself"), []
    module = str(getattr(answer, "__module__", "") or "")
    if module.startswith("dlmath."):      # e.g. dlmath.activations.sigmoid handed in as the answer
        return "failed", (f"`{ex.answer}` is {module}.{getattr(answer, '__name__', '')} from the "
                          f"course's own package, not your own function: write the body yourself"), []
    notes = []
    fp_warned = None
    for i, args in enumerate(_cases(ex)):
        where = _describe_case(ex, args)
        expected = _quiet_call(ex.reference, args)
        try:
            got, fp = _learner_call(answer, args)
        except NotImplementedError:
            if i == 0:
                return "not_attempted", "", []
            return "error", _cap(f"{where}: your function raised NotImplementedError"), []
        except SystemExit:
            return "error", _cap(f"{where}: your function called exit()"), []
        except Exception as exc:  # the learner's own error, reported with its input
            return "error", _cap(f"{where}: your function raised {type(exc).__name__}: "
                                 f"{_short(exc)}"), []
        msg = _compare(ex, got, expected, args)
        if msg:
            if fp:
                msg += f" (NumPy warned: {'; '.join(fp)})"
            return "failed", _cap(f"{where}: {msg}" if where else msg), []
        if fp and fp_warned is None:
            fp_warned = (where, fp, got, expected, args)
    if fp_warned and ex.on_warning != "ignore":
        where, fp, got, expected, args = fp_warned
        what = f"NumPy warned '{'; '.join(fp)}' inside your function {where}"
        if ex.on_warning == "fail":
            mistake = next((m.message for m in ex.mistakes if m.matches(got, expected, args)), None)
            return "failed", _cap(_join(f"{what}: the values came out right, but the computation "
                                        f"overflowed or divided by zero on the way", mistake)), []
        notes.append(_cap(f"{what}. Your values are right, but a numerically stable formula "
                          f"avoids the warning."))
    return "passed", "", notes


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
    status, message, notes = _evaluate(ex, namespace)
    attempt = _ATTEMPTS.get(ex.id, 0)
    hints = []
    if status in ("failed", "error"):
        attempt += 1
        _ATTEMPTS[ex.id] = attempt
        hints = ex.hints[:attempt]
    score = ex.points if status == "passed" else 0
    result = CheckResult(ex.id, status, score, ex.points, message, list(hints), attempt, notes)
    RESULTS[ex.id] = result
    HISTORY.append(result)
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
        print(f"○ {ex.id} ({ex.title}): not attempted yet. Write your answer in the cell above, "
              f"run it, then run this cell again.")
        return result
    raise CheckFailed(result)


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
        lines.append(f"\n{name}: {len(passed)}/{len(exs)} passed, "
                     f"{pts}/{sum(ex.points for ex in exs)} points")
        for ex in exs:
            st = status[ex.id]
            label = {"not_attempted": "not attempted", "error": "error"}.get(st, st)
            lines.append(f"  {_MARK[st]} {ex.id:<24} {ex.title}  [{label}]")
        total += sum(ex.points for ex in exs)
        got_points += pts
        n_passed += len(passed)
    lines.append(f"\nTotal: {n_passed}/{len(exercises)} exercises passed, {got_points}/{total} points.")
    print("\n".join(lines))

