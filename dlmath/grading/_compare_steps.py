"""The comparison steps of ``check()``: type, shape, dtype, NaN/inf, values, in that order,
each across every value of the result, and the message of the first failure (with the matching
mistake's message)."""

from __future__ import annotations

import numbers

import numpy as np

from ._describe import _a, _subject
from ._explain import _explain
from ._values import _step_values
from .wire import Foreign


class _Fail(Exception):
    """Internal: a failed step (``step`` names it) with its learner-facing message."""

    def __init__(self, step, message, got=None, expected=None):
        super().__init__(message)
        self.step, self.message, self.got, self.expected = step, message, got, expected


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
            raise _Fail(
                "type", f"{who} is {_a(got)} but should be a {type(exp).__name__} of {len(exp)} {what}", got, exp
            )
        if (ex.kind == "value" or ex.tuple_result) and not path and isinstance(exp, tuple) and isinstance(got, list):
            how = (
                "write it with round brackets, (..., ...)"
                if ex.kind == "value"
                else "return a, b (or (a, b)), not [a, b]"
            )
            raise _Fail("type", f"{who} is a list but should be a tuple: {how}")
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


def _return_what(e) -> str:
    """How to tell a learner what to return instead, from the expected value's type."""
    cat = _category(e)
    if cat == "array":
        return "a NumPy array"
    if cat == "number":
        kind = np.asarray(e).dtype.kind
        return "an int" if kind in "iu" else "a float"
    return {"bool": "True or False", "str": "a string", "none": "None"}.get(cat, _a(e))


def _is_complex(x) -> bool:
    return isinstance(x, (complex, np.complexfloating)) or (isinstance(x, np.ndarray) and x.dtype.kind == "c")


def _step_type(ex, path, g, e):
    ce, cg = _category(e), _category(g)
    who = _subject(ex, path)
    if isinstance(g, Foreign):
        return f"{who} is {_a(g)}: return {_return_what(e)}"
    if ce == "number" and cg == "number" and _is_complex(g) and not _is_complex(e):
        return (
            f"{who} is a complex number but should be {_return_what(e)} (a square root or power of a negative number?)"
        )
    if ce == cg:
        if ce == "other" and not isinstance(g, type(e)):
            return f"{who} is {_a(g)} but should be {_a(e)}"
        return None
    if ce == "array":
        if isinstance(g, (list, tuple)):
            return f"{who} is {_a(g)} but should be a NumPy array: wrap it in np.array(...)"
        if cg == "number":
            return (
                f"{who} is a single number but should be an array of shape {e.shape}: a reduction (np.sum, "
                f"np.mean, np.max, sum) turns an array into one number; entry by entry, use np.maximum, "
                f"np.where or the operators"
            )
        return f"{who} is {_a(g)} but should be a NumPy array of shape {e.shape}"
    if ce == "number":
        if cg == "array":
            extra = (
                ": a reduction along one axis (axis=0) keeps the others; reduce over every entry "
                "(no axis), or use .item() if the one entry is the number you mean"
                if g.size == 1
                else ": reduce over every entry (np.sum or np.mean with no axis)"
            )
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
        msg = f"{_subject(ex, path)} has shape {g.shape} but should be {e.shape}"
        why = _shape_reason(g.shape, e.shape)
        return f"{msg} ({why})" if why else msg
    return None


def _shape_reason(gs, es):
    """A short reason for a typical wrong shape: (n,) vs (n, 1) broadcasting, a kept or lost
    axis, one row or entry too many or too few. Names only shapes, never values."""
    gs, es = tuple(gs), tuple(es)
    if len(gs) == 2 and gs[0] == gs[1] > 1 and es in ((gs[0],), (gs[0], 1), (1, gs[0])):
        return (
            "an (n,) array and an (n, 1) array broadcast to (n, n): make both the same "
            "shape, e.g. with .ravel() or [:, None]"
        )
    if len(gs) == len(es) + 1 and 1 in gs and tuple(d for i, d in enumerate(gs) if i != gs.index(1)) == es:
        return "an extra axis of length 1: keepdims=True, [:, j:j+1] or one pair of brackets too many?"
    if len(gs) + 1 == len(es) and 1 in es and tuple(d for i, d in enumerate(es) if i != es.index(1)) == gs:
        return "an axis of length 1 is missing: keepdims=True, or reshape(-1, 1)?"
    if len(gs) + 1 == len(es) and any(es[:i] + es[i + 1 :] == gs for i in range(len(es))):
        return "one axis is gone: did you sum or average over an axis you should keep?"
    if len(gs) == len(es) and sum(a != b for a, b in zip(gs, es)) == 1:
        i = next(i for i, (a, b) in enumerate(zip(gs, es)) if a != b)
        if gs[i] == es[i] - 1:
            return f"one too few along axis {i}: a range() or slice that stops one early?"
        if gs[i] == es[i] + 1:
            return f"one too many along axis {i}: a range() or slice that goes one too far?"
    return None


def _step_dtype(ex, path, g, e):
    if _category(e) != "array":
        return None
    ke, kg = e.dtype.kind, g.dtype.kind
    who = _subject(ex, path)
    if kg == "O":
        return f"{who} has dtype object (ragged lists or mixed types?) but should be {e.dtype}"
    if ke == "f" and kg in "iub":
        return (
            f"{who} has dtype {g.dtype} but should be {e.dtype}: integers cannot hold the "
            f"fractional values (made from integers, or used // ?)"
        )
    if ke == "f" and kg == "f" and g.dtype.itemsize < e.dtype.itemsize:
        if g.dtype == np.float32 and getattr(ex, "float32_ok", True):
            return None  # PyTorch's default precision: compared with a float32 tolerance
        need = "" if getattr(ex, "float32_ok", True) else ": this exercise needs float64"
        return f"{who} has dtype {g.dtype} but should be {e.dtype} (lower precision{need})"
    if ke == "f" and kg == "c":
        return (
            f"{who} has dtype {g.dtype} but should be {e.dtype}: complex numbers crept in "
            f"(a square root of a negative number?)"
        )
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
    return (
        f"{who} contains {what} at {int(new.sum())} of {new.size} entries where the result "
        f"is finite (an overflow, 0/0 or log(0)?)"
    )


_STEPS = (
    ("type", _step_type),
    ("shape", _step_shape),
    ("dtype", _step_dtype),
    ("nan", _step_nan),
    ("values", _step_values),
)


def _join(step_msg, mistake_msg):
    if not mistake_msg:
        return step_msg
    if mistake_msg[:1].islower():
        return f"{step_msg}: {mistake_msg}"
    return f"{step_msg}. {mistake_msg}"


def _compare(ex, got, expected, args, others=()):
    """``(None, None)`` when ``got`` matches; otherwise ``(message, mistake)``: the learner-facing
    message of the first failure and the message of the mistake it names (or None). ``others``:
    the other wrong cases, see :func:`_explain`."""
    try:
        leaves = list(_leaves(got, expected, [], ex))
    except _Fail as fail:
        mistake = _explain(ex, got, expected, args, None, others)
        return _join(fail.message, mistake), mistake
    for _, step in _STEPS:
        for path, g, e in leaves:
            msg = step(ex, path, g, e)
            if msg:
                mistake = _explain(ex, got, expected, args, (g, e), others)
                return _join(msg, mistake), mistake
    return None, None
