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
import inspect
import numbers
import os
import sys
import warnings
import zlib
from dataclasses import asdict, dataclass, field

import numpy as np

from . import mistakes as _m
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


class _Fail(Exception):
    """Internal: a failed step (``step`` names it) with its learner-facing message."""

    def __init__(self, step, message, got=None, expected=None):
        super().__init__(message)
        self.step, self.message, self.got, self.expected = step, message, got, expected


# ----------------------------------------------------------------------------------------
# describing things without revealing expected values

def _tname(x) -> str:
    if x is None:
        return "None"
    if isinstance(x, np.ndarray):
        return "NumPy array"
    if isinstance(x, (bool, np.bool_)):
        return "bool"
    if isinstance(x, np.generic):
        return f"NumPy {type(x).__name__}"
    return type(x).__name__


def _fmt_array(a: np.ndarray) -> str:
    return np.array2string(a, precision=4, separator=", ", threshold=8, max_line_width=200)


def _a(x) -> str:
    """``_tname`` with its article: "a list", "an int", "a NumPy array"."""
    name = _tname(x)
    return f"an {name}" if name[:1].lower() in "aeio" else f"a {name}"


def _describe_arg(name, a) -> str:
    if isinstance(a, np.ndarray):
        text = f"{name} of shape {a.shape}"
        if a.dtype != np.float64:
            text += f" ({a.dtype})"
        if a.size <= 12:
            text += " = " + " ".join(line.strip() for line in _fmt_array(a).splitlines())
        elif a.dtype.kind in "iuf":
            with np.errstate(all="ignore"):
                text += f" with values from {a.min():.4g} to {a.max():.4g}"
        return text
    if isinstance(a, (numbers.Number, np.generic, str)) or a is None:
        return f"{name} = {a!r}"
    if isinstance(a, (list, tuple)):
        return f"{name} (a {type(a).__name__} of length {len(a)})"
    return f"{name} (a {type(a).__name__})"


def _arg_names(reference, n):
    names = []
    try:
        params = inspect.signature(reference).parameters.values()
        names = [p.name.rstrip("_") or p.name for p in params
                 if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        pass
    return [names[i] if i < len(names) else f"argument {i + 1}" for i in range(n)]


def _describe_case(ex: Exercise, args) -> str:
    if not args:
        return ""
    names = _arg_names(ex.reference, len(args))
    parts = [_describe_arg(nm, a) for nm, a in zip(names, args)]
    return "for input " + ", ".join(parts)


def _subject(ex: Exercise, path) -> str:
    base = "your result" if ex.kind == "function" else f"`{ex.answer}`"
    if not path:
        return base
    index = "".join(f"[{p!r}]" for p in path)
    return f"{base}{index}" if ex.kind == "function" else f"`{ex.answer}{index}`"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _short(text, limit=300) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit] + " ..."


# ----------------------------------------------------------------------------------------
# the comparison steps

def _category(x) -> str:
    if x is None:
        return "none"
    if isinstance(x, (bool, np.bool_)):
        return "bool"
    if isinstance(x, np.ndarray):
        if x.ndim == 0:
            return "bool" if x.dtype.kind == "b" else ("number" if x.dtype.kind in "iufc" else "other")
        return "array"
    if isinstance(x, (numbers.Number, np.number)):
        return "number"
    if isinstance(x, str):
        return "str"
    return "other"


def _leaves(got, exp, path, ex):
    """Check container structure and yield (path, got_leaf, expected_leaf)."""
    who = _subject(ex, path)
    if isinstance(exp, dict):
        if not isinstance(got, dict):
            raise _Fail("type", f"{who} is {_a(got)} but should be a dict", got, exp)
        missing = [k for k in exp if k not in got]
        if missing:
            raise _Fail("type", f"{who} is missing the key(s) {', '.join(map(repr, missing))}", got, exp)
        for k in exp:
            yield from _leaves(got[k], exp[k], path + [k], ex)
    elif isinstance(exp, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            what = "values" if ex.kind == "function" and not path else "entries"
            raise _Fail("type", f"{who} is {_a(got)} but should be a {type(exp).__name__} of "
                        f"{len(exp)} {what}", got, exp)
        if len(got) != len(exp):
            if ex.kind == "function" and not path:
                msg = f"your function returned {len(got)} values but should return {len(exp)}"
            else:
                msg = f"{who} has {len(got)} entries but should have {len(exp)}"
            raise _Fail("type", msg, got, exp)
        for i, (g, e) in enumerate(zip(got, exp)):
            yield from _leaves(g, e, path + [i], ex)
    else:
        yield path, got, exp


def _step_type(ex, path, g, e):
    ce, cg = _category(e), _category(g)
    who = _subject(ex, path)
    if ce == cg:
        if ce == "other" and not isinstance(g, type(e)):
            return f"{who} is {_a(g)} but should be {_a(e)}"
        return None
    if ce == "array":
        if isinstance(g, (list, tuple)):
            return f"{who} is {_a(g)} but should be a NumPy array: wrap it in np.array(...)"
        if cg == "number":
            return f"{who} is a single number but should be an array of shape {e.shape}"
        return f"{who} is {_a(g)} but should be a NumPy array of shape {e.shape}"
    if ce == "number":
        if cg == "array":
            extra = ": use .item() or index it" if g.size == 1 else ""
            return f"{who} is an array of shape {g.shape} but should be a single number{extra}"
        return f"{who} is {_a(g)} but should be a number"
    if ce == "bool":
        return f"{who} is {_a(g)} but should be True or False"
    if ce == "str":
        return f"{who} is {_a(g)} but should be a string"
    if ce == "none":
        if ex.kind == "function" and not path:
            return f"your function returned {_a(g)} but should return nothing (None)"
        return f"{who} is {_a(g)} but should be None"
    return f"{who} is {_a(g)} but should be {_a(e)}"


def _step_shape(ex, path, g, e):
    if _category(e) == "array" and g.shape != e.shape:
        return f"{_subject(ex, path)} has shape {g.shape} but should be {e.shape}"
    return None


def _step_dtype(ex, path, g, e):
    if _category(e) != "array":
        return None
    ke, kg = e.dtype.kind, g.dtype.kind
    who = _subject(ex, path)
    if kg == "O":
        return f"{who} has dtype object (ragged lists or mixed types?) but should be {e.dtype}"
    if ke == "f" and kg in "iub":
        return (f"{who} has dtype {g.dtype} but should be {e.dtype}: integers cannot hold the "
                f"fractional values (made from integers, or used // ?)")
    if ke == "f" and kg == "f" and g.dtype.itemsize < e.dtype.itemsize:
        return f"{who} has dtype {g.dtype} but should be {e.dtype} (lower precision)"
    if ke == "b" and kg != "b":
        return f"{who} has dtype {g.dtype} but should be bool (True/False values)"
    if ke == "c" and kg != "c":
        return f"{who} has dtype {g.dtype} but should be complex"
    return None


def _nonfinite(x):
    try:
        return ~np.isfinite(np.asarray(x, dtype=np.complex128 if np.iscomplexobj(x) else np.float64))
    except (TypeError, ValueError):
        return None


def _step_nan(ex, path, g, e):
    if _category(e) not in ("array", "number"):
        return None
    bad_g, bad_e = _nonfinite(g), _nonfinite(e)
    if bad_g is None or bad_e is None:
        return None
    new = bad_g & ~bad_e
    if not np.any(new):
        return None
    garr = np.asarray(g)
    kinds = []
    if np.any(np.isnan(garr) & new):
        kinds.append("NaN")
    if np.any(np.isinf(garr) & new):
        kinds.append("inf")
    what = " and ".join(kinds)
    who = _subject(ex, path)
    if garr.ndim == 0:
        return f"{who} is {what} but should be a finite number (an overflow, 0/0 or log(0)?)"
    return (f"{who} contains {what} at {int(new.sum())} of {new.size} entries where the result "
            f"is finite (an overflow, 0/0 or log(0)?)")


def _step_values(ex, path, g, e):
    who = _subject(ex, path)
    cat = _category(e)
    if cat in ("array", "number", "bool"):
        G, E = np.asarray(g), np.asarray(e)
        if cat == "bool" or E.dtype.kind == "b":
            ok = np.asarray(G == E)
        else:
            with np.errstate(all="ignore"):
                ok = np.isclose(G, E, rtol=ex.rtol, atol=ex.atol, equal_nan=True)
        if np.all(ok):
            return None
        if E.ndim == 0:
            return f"{who} is not the right value"
        wrong = np.argwhere(~ok)
        first = tuple(int(i) for i in wrong[0])
        first_txt = f"[{first[0]}]" if len(first) == 1 else str(list(first))
        return (f"{int((~ok).sum())} of {ok.size} entries of {who} are wrong "
                f"(the first at index {first_txt})")
    if cat == "str":
        return None if str(g).strip() == str(e).strip() else f"{who} is not the right answer"
    if cat == "none":
        return None
    try:
        equal = bool(g == e)
    except Exception:
        equal = False
    return None if equal else f"{who} is not the right value"


_STEPS = (("type", _step_type), ("shape", _step_shape), ("dtype", _step_dtype),
          ("nan", _step_nan), ("values", _step_values))


# ----------------------------------------------------------------------------------------
# generic mistakes, tried after the exercise's own

_FACTOR_WORDS = {2: "twice", 3: "three times", 4: "four times"}


def _batch_sizes(args):
    sizes = set()
    for a in args:
        if isinstance(a, np.ndarray) and a.ndim >= 1:
            sizes.update(s for s in (a.shape[0], a.size) if s > 1)
    return sorted(sizes)


def _generic_mistake(g, e, args):
    """A message for a generic mistake that explains a wrong leaf, or None."""
    ce = _category(e)
    if ce not in ("array", "number") or _category(g) not in ("array", "number"):
        return None
    G, E = np.asarray(g), np.asarray(e)
    if E.dtype.kind not in "iuf" or G.dtype.kind not in "iufb":
        return None
    E = E.astype(np.float64)
    G = G.astype(np.float64)
    if E.ndim >= 2 and _m.close(G, E.T) and not _m.close(G, E):
        return "did you transpose?" if G.shape != E.shape else (
            "your result is the transpose of the right one: did you swap rows and columns?")
    if G.shape != E.shape or _m.close(G, E):
        return None
    if np.any(E != 0) and _m.close(G, -E):
        return "your result has the opposite sign: check the sign of each term (a - b versus b - a)"
    for n in _batch_sizes(args):
        if _m.close(G, n * E):
            return (f"your result is {n} times too large ({n} is the number of samples): did you "
                    f"sum where the mean is needed?")
        if _m.close(G, E / n):
            return (f"your result is {n} times too small ({n} is the number of samples): did you "
                    f"take the mean where the sum is needed?")
    nz = np.isfinite(E) & (E != 0)
    if E.size >= 2 and nz.sum() >= 2 and np.ptp(E[nz]) > 0 and np.all(np.isfinite(G)):
        c = float(np.sum(G * E) / np.sum(E * E))
        if c != 0 and not np.isclose(c, 1.0) and _m.close(G, c * E):
            for k in range(2, 11):
                if np.isclose(c, k, rtol=1e-6):
                    return (f"your result is {_FACTOR_WORDS.get(k, f'{k} times')} too large: look "
                            f"for an extra constant factor")
                if np.isclose(c, 1.0 / k, rtol=1e-6):
                    return (f"your result is {k} times too small: look for a missing constant "
                            f"factor (such as the 2 from differentiating a square)")
            return "your result is off by a constant factor: look for a missing or extra constant"
    return None


def _explain(ex, got, expected, args, leaf):
    """Message of the first matching mistake (the exercise's, then the generic), or None."""
    for mistake in ex.mistakes:
        if mistake.matches(got, expected, args):
            return mistake.message
    if leaf is not None:
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return _generic_mistake(leaf[0], leaf[1], args)
        except Exception:
            return None
    return None


def _join(step_msg, mistake_msg):
    if not mistake_msg:
        return step_msg
    if mistake_msg[:1].islower():
        return f"{step_msg}: {mistake_msg}"
    return f"{step_msg}. {mistake_msg}"


def _compare(ex, got, expected, args):
    """None when ``got`` matches; otherwise the learner-facing message of the first failure."""
    try:
        leaves = list(_leaves(got, expected, [], ex))
    except _Fail as fail:
        return _join(fail.message, _explain(ex, got, expected, args, None))
    for _, step in _STEPS:
        for path, g, e in leaves:
            msg = step(ex, path, g, e)
            if msg:
                return _join(msg, _explain(ex, got, expected, args, (g, e)))
    return None


# ----------------------------------------------------------------------------------------
# running the learner's code

class _NotAttempted(Exception):
    pass


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

