"""The verdict on one exercise, computed from a harness report (plain data) and the key.

Both the live ``check()`` and the grader end here: they differ only in where the harness ran
(in the learner's kernel, or in a sandboxed kernel the grader drives). The steps, in order:
answer defined? -> callable (function kind) and not the course's own code -> the exercise's
rules, from the source -> for each case: the call (an exception is reported with its input) ->
inputs unchanged -> type -> shape -> dtype -> NaN/inf -> values. At the first failing step the
exercise's mistakes, then the generic ones, name the mistake. Expected values are never shown.
"""

from __future__ import annotations

import functools
import json
import warnings
import zlib
from dataclasses import dataclass, field

import numpy as np

from . import rules, wire
from ._compare_steps import _compare, _join
from ._describe import _a, _cap, _describe_case, _short
from ._errors import explain_error
from .spec import Exercise

__all__ = ["Verdict", "cases_of", "judge", "request"]


@dataclass
class Verdict:
    """``status`` is "passed", "failed", "error" or "not_attempted"."""

    status: str
    message: str = ""
    notes: list = field(default_factory=list)
    mistake: str = ""  # the named mistake (its message), for the class report


_CACHE: dict = {}


def cases_of(ex: Exercise, hidden: bool = False):
    """The exercise's argument tuples and their expected results: ``[(args, expected), ...]``.

    Computed once per process (the reference runs on its own copies of the inputs).
    """
    key = (ex.id, hidden, id(ex))
    if key in _CACHE and _CACHE[key][0] is ex:  # an id() can be reused once an exercise is freed
        return _CACHE[key][1]
    cases = ex.hidden_cases if hidden else ex.cases
    if callable(cases):
        rng = np.random.default_rng(zlib.crc32((ex.id + ("/hidden" if hidden else "")).encode()))
        cases = cases(rng)
    cases = list(cases)
    if not cases and not hidden and ex.kind == "function":
        raise ValueError(f"exercise {ex.id} has no cases to check")
    out = []
    for c in cases:
        if not isinstance(c, tuple):
            raise TypeError(
                f"exercise {ex.id}: every case must be a tuple of arguments, got "
                f"{type(c).__name__} (write [(x,)] for one argument)"
            )
        out.append((c, _reference(ex, c)))
    _CACHE[key] = (ex, out)
    return out


def _reference(ex, args):
    fresh = wire.decode(wire.encode(args), allow_fn=True)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return ex.reference(*fresh)


def expected_value(ex: Exercise):
    key = (ex.id, "value", id(ex))
    if key not in _CACHE or _CACHE[key][0] is not ex:
        _CACHE[key] = (ex, _reference(ex, ()) if callable(ex.reference) else ex.reference)
    return _CACHE[key][1]


def request(ex: Exercise, hidden: bool = True) -> str:
    """The JSON request the grader sends to the harness for this exercise."""
    if ex.kind == "value":
        return json.dumps({"op": "read", "name": ex.answer})
    cases = [a for a, _ in cases_of(ex)] + ([a for a, _ in cases_of(ex, True)] if hidden else [])
    return json.dumps({"op": "call", "name": ex.answer, "cases": [wire.encode(c) for c in cases]})


def _not_defined(ex, report):
    close = report.get("close") or ""
    if close:
        return Verdict(
            "not_attempted", f"There is no `{ex.answer}` yet; you defined `{close}`: did you mean `{ex.answer}`?"
        )
    return Verdict("not_attempted")


def _own_code_problem(ex, report):
    info = report.get("callable") or {}
    module = str(info.get("module", ""))
    if module.startswith("dlmath."):
        return Verdict(
            "failed",
            f"`{ex.answer}` is {module}.{info.get('name', '')} from the "
            f"course's own package, not your own function: write the body "
            f"yourself",
        )
    return None


def _value(encoded):
    try:
        return wire.decode(encoded), None
    except wire.WireError as exc:
        return None, f"could not be read back ({exc})"


def judge(ex: Exercise, report: dict, sources=None, hidden: bool = False) -> Verdict:
    """The verdict for ``report`` (from :func:`dlmath.grading.harness.call` / ``read``).

    ``sources``: the learner's code (list of strings, in run order) for the rule checks; None
    when unknown (then an exercise with rules cannot pass). ``hidden``: the report also holds
    the runs of the hidden cases (the grader's request, see :func:`request`).
    """
    status = report.get("status") if isinstance(report, dict) else None
    if status == "missing":
        return _not_defined(ex, report)
    if status not in ("ok", "not_callable"):
        return Verdict(
            "error", f"The check could not read your answer back ({_short((report or {}).get('error', status), 200)})."
        )
    if ex.kind == "value":
        return _judge_value(ex, report)
    if status == "not_callable":
        got, _ = _value(report.get("value"))
        return Verdict(
            "failed", f"`{ex.answer}` is {_a(got)} but should be a function: define it with def {ex.answer}(...):"
        )
    own = _own_code_problem(ex, report)
    if own is not None:
        return own
    runs = report.get("runs") or []
    if runs and runs[0].get("status") == "not_implemented":
        return Verdict("not_attempted")
    verdict = _judge_runs(ex, runs, hidden)
    broken = rules.violations(ex.answer, sources or [], ex.forbid, ex.loops) if ex.has_rules else []
    if not broken or verdict.status == "not_attempted":
        return verdict
    msgs = "; ".join(dict.fromkeys(v.message(ex.answer) for v in broken[:3]))
    rule = _cap(f"{msgs}. The exercise asks you to compute it {_asked(ex)}.")
    if verdict.status == "passed":
        return Verdict("failed", rule, mistake="broke a rule: " + broken[0].rule)
    return Verdict(verdict.status, f"{verdict.message} Also: {rule}", verdict.notes, verdict.mistake)


def _judge_runs(ex, runs, hidden):
    visible = cases_of(ex)
    hidden = cases_of(ex, True) if hidden else []
    warned = None
    for i, (args, expected) in enumerate(visible + hidden):
        secret = i >= len(visible)
        where = "for a hidden test case" if secret else _describe_case(ex, args)
        if i >= len(runs):
            if runs and runs[-1].get("status") in ("not_implemented", "exit"):
                break
            return Verdict("error", "The check received no result for some inputs.")
        run = runs[i]
        st = run.get("status")
        if st == "not_implemented":
            if i == 0:
                return Verdict("not_attempted")
            return Verdict("error", _cap(f"{where}: your function raised NotImplementedError"))
        if st == "exit":
            return Verdict("error", _cap(f"{where}: your function called exit()"))
        if st == "raised":
            ename, evalue = (list(run.get("error") or ["Exception", ""]) + ["", ""])[:2]
            why = explain_error(ename, evalue)
            said = f"your function raised {ename}: {_short(evalue)}" + (f" ({why})" if why else "")
            return Verdict("error", _cap(f"{where}: {said}"), mistake=why)
        if not ex.may_change_inputs and run.get("args_after") != wire.encode(args):
            changed = _changed_args(ex, args, run.get("args_after"))
            return Verdict(
                "failed",
                _cap(
                    f"{where}: your function changed its input {changed} in "
                    f"place. Leave the caller's arrays as they are: compute "
                    f"a new array (x = x - ...) instead of x -= ..."
                ),
                mistake="changed its input in place",
            )
        got, problem = _value(run.get("value"))
        if problem:
            return Verdict("error", _cap(f"{where}: your result {problem}"))
        later = functools.partial(_other_wrong, ex, visible[i + 1 :], runs[i + 1 : len(visible)])
        msg, mistake = _compare(ex, got, expected, args, later)
        fp = [str(w) for w in run.get("warnings") or []]
        if msg:
            if fp:
                msg += f" (NumPy warned: {'; '.join(fp)})"
            return Verdict("failed", _cap(f"{where}: {msg}" if where else msg), mistake=mistake or "")
        if fp and warned is None:
            warned = (where, fp, got, expected, args)
    notes = []
    if warned and ex.on_warning != "ignore":
        where, fp, got, expected, args = warned
        what = f"NumPy warned '{'; '.join(fp)}' inside your function {where}"
        if ex.on_warning == "fail":
            mistake = next((m.message for m in ex.mistakes if m.matches(got, expected, args)), None)
            return Verdict(
                "failed",
                _cap(
                    _join(
                        f"{what}: the values came out right, but the "
                        f"computation overflowed or divided by zero on the "
                        f"way",
                        mistake,
                    )
                ),
                mistake=mistake or "",
            )
        notes.append(_cap(f"{what}. Your values are right, but a numerically stable formula avoids the warning."))
    return Verdict("passed", notes=notes)


def _other_wrong(ex, cases, runs):
    """``(got, expected, args)`` of the later visible cases whose returned result is wrong."""
    from . import mistakes as _m

    out = []
    for (args, expected), run in zip(cases, runs):
        if run.get("status") != "returned":
            continue
        got, problem = _value(run.get("value"))
        if problem is None and not _m.close(got, expected, ex.rtol, ex.atol):
            out.append((got, expected, args))
    return out


def _asked(ex):
    parts = []
    if ex.forbid:
        shown = ["@" if f == "@" else f".{f}" if f == "T" else f for f in ex.forbid]
        parts.append("without " + ", ".join(shown))
    if ex.loops == "required":
        parts.append("with loops")
    if ex.loops == "forbidden":
        parts.append("without Python loops (vectorised)")
    return " and ".join(parts)


def _changed_args(ex, args, after):
    try:
        after = wire.decode(after, allow_fn=False)
    except wire.WireError:
        return "(unreadable)"
    from ._describe import _arg_names

    names = _arg_names(ex.reference, len(args))
    if isinstance(after, tuple) and len(after) == len(args):
        for name, a, b in zip(names, args, after):
            if wire.encode(a) != wire.encode(b):
                return f"`{name}`"
    return "(one of its arguments)"


def _judge_value(ex, report):
    got, problem = _value(report.get("value"))
    if problem:
        return Verdict("error", f"`{ex.answer}` {problem}")
    expected = expected_value(ex)
    if report.get("callable") and not callable(expected):
        return Verdict(
            "failed", f"`{ex.answer}` is a function but should be a value: assign the result, e.g. {ex.answer} = ..."
        )
    msg, mistake = _compare(ex, got, expected, ())
    if msg:
        return Verdict("failed", _cap(msg), mistake=mistake or "")
    return Verdict("passed")
