"""Families of mistakes recognised from the reference itself: the learner's result equals the
reference computed on altered inputs (an input transposed or taken along the other axis, two
inputs swapped, the sign of one input flipped, one step fewer or more) or rounded down to whole
numbers (floor division). Tried after an exercise's own mistakes and before the generic ones.

Runs on the checking side only (the judge), on plain data: the reference is the exercise
author's code, never the learner's. Messages name inputs and the learner's mistake, never an
expected value.
"""

from __future__ import annotations

import itertools
import numbers
import warnings

import numpy as np

from . import mistakes as _m
from . import wire

__all__ = ["family_mistake"]

_STEP_NAMES = ("steps", "n_steps", "epochs")


def _call(ex, args):
    """The reference on fresh copies of ``args``; None when it raises."""
    try:
        fresh = wire.decode(wire.encode(tuple(args)), allow_fn=True)
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return ex.reference(*fresh)
    except Exception:
        return None


def _is_num(a):
    return isinstance(a, numbers.Number) and not isinstance(a, bool)


def _variants(ex, args, names):
    """``(message, altered args, compare transposed too)`` for each family that applies."""
    arrays = [i for i, a in enumerate(args) if isinstance(a, np.ndarray) and a.dtype.kind in "iuf"]
    for i in arrays:
        a = args[i]
        if a.ndim == 2 and min(a.shape) > 1:
            yield (
                f"your result is what the right computation gives along the other axis of `{names[i]}`: "
                f"check axis= (axis=1 works across each row, axis=0 down each column) or a missing .T",
                "axis",
                i,
            )
    for i, j in itertools.combinations(range(len(args)), 2):
        a, b = args[i], args[j]
        same = (i in arrays and j in arrays and a.shape == b.shape) or (_is_num(a) and _is_num(b))
        if same:
            yield (
                f"your result is what the right formula gives with `{names[i]}` and `{names[j]}` swapped: "
                f"check which of the two goes where",
                "swap",
                (i, j),
            )
    for i, a in enumerate(args):
        if (i in arrays or (_is_num(a) and a != 0)) and np.any(np.asarray(a) != 0):
            yield (
                f"your result is what the right formula gives with the sign of `{names[i]}` flipped: "
                f"check the sign in front of `{names[i]}` (+ versus -) and the order of a subtraction",
                "negate",
                i,
            )
    for i, (name, a) in enumerate(zip(names, args)):
        index_like = (isinstance(a, int) and not isinstance(a, bool) and name not in _STEP_NAMES) or (
            i in arrays and a.ndim == 1 and a.dtype.kind in "iu"
        )
        if index_like:
            for d in (-1, 1):
                shifted = f"`{name} {'-' if d < 0 else '+'} 1`"
                yield (
                    f"your result is what the right computation gives for {shifted} instead of `{name}`: "
                    f"an index or a count off by one (NumPy counts from 0)?",
                    "shift",
                    (i, d),
                )
    for i, name in enumerate(names):
        if name in _STEP_NAMES and isinstance(args[i], int) and not isinstance(args[i], bool) and args[i] >= 1:
            k = args[i]
            yield (
                f"your result is what {k - 1} steps give, not {k}: your loop makes one step too few "
                f"(range(steps - 1), or a loop that stops early?)",
                "steps",
                (i, k - 1),
            )
            yield (
                f"your result is what {k + 1} steps give, not {k}: your loop makes one step too many "
                f"(range(steps + 1), or a step taken before the loop?)",
                "steps",
                (i, k + 1),
            )


def _altered(args, kind, where):
    args = list(args)
    if kind == "axis":
        args[where] = np.ascontiguousarray(args[where].T)
    elif kind == "swap":
        i, j = where
        args[i], args[j] = args[j], args[i]
    elif kind == "negate":
        args[where] = -args[where]
    elif kind == "steps":
        args[where[0]] = where[1]
    elif kind == "shift":
        i, d = where
        args[i] = args[i] + d
    return tuple(args)


def _close(ex, got, value):
    rtol, atol = max(ex.rtol, _m.RTOL), max(ex.atol, _m.ATOL)
    return _m.close(got, value, rtol, atol)


def _transposed(x):
    if isinstance(x, np.ndarray) and x.ndim == 2:
        return x.T
    return None


def _floored(got, expected):
    """The expected numbers rounded down (floor or int()) where they are not whole."""
    try:
        G = np.asarray(got, dtype=np.float64)
        E = np.asarray(expected, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    if G.shape != E.shape or E.size == 0 or not np.all(np.isfinite(E)) or np.all(E == np.round(E)):
        return False
    return bool(np.array_equal(G, np.floor(E)) or np.array_equal(G, np.trunc(E)))


def _broadcast_signature(got, expected):
    """A square result off by a factor a_i b_j (b not constant): a per-row value of shape (n,)
    broadcast along the columns, where it should have been a column (n, 1)."""
    if not (isinstance(got, np.ndarray) and isinstance(expected, np.ndarray)):
        return False
    if got.shape != expected.shape or got.ndim != 2 or got.shape[0] != got.shape[1] or got.shape[0] < 2:
        return False
    G, E = got.astype(np.float64), expected.astype(np.float64)
    if not (np.all(np.isfinite(G)) and np.all(np.isfinite(E)) and np.all(E != 0) and G[0, 0] != 0):
        return False
    R = G / E
    b = R[0, :] / R[0, 0]
    return bool(np.allclose(R, np.outer(R[:, 0], b), rtol=1e-6) and not np.allclose(b, 1.0, rtol=1e-6))


def family_mistake(ex, got, expected, args):
    """The message of the first family that explains ``got``, or None."""
    if _broadcast_signature(got, expected):
        return (
            "your result is off by a factor that changes along the rows and along the columns: a "
            "per-row value of shape (n,) broadcast along the wrong axis. Keep it a column, shape "
            "(n, 1), with keepdims=True or [:, None], so that it lines up with the rows"
        )
    if _floored(got, expected):
        return (
            "your numbers are the right ones rounded down to whole numbers: an integer (floor) "
            "division // or an int() where the exact quotient is needed (use /)"
        )
    if ex.kind != "function" or not args:
        return None
    from ._describe import _arg_names

    names = _arg_names(ex.reference, len(args))
    negated_result = _m.close(got, _neg(expected))
    one_number = np.size(expected) == 1 if _m._as_array(expected) is not None else False
    for message, kind, where in _variants(ex, args, names):
        if (kind == "negate" and one_number) or (kind in ("negate", "swap") and negated_result):
            continue  # "opposite sign" says it better; one number matches a flipped input by chance
        value = _call(ex, _altered(args, kind, where))
        if value is None or _close(ex, value, expected):
            continue  # the family does not change the result here: it cannot tell
        if _close(ex, got, value):
            if kind == "axis" and isinstance(got, np.ndarray) and got.ndim == 2:
                message = (
                    f"your result is what the right formula gives with `{names[where]}` transposed: "
                    f"a .T missing or one too many on `{names[where]}` (rows where columns are meant)?"
                )
            return message
        if kind == "axis" and _transposed(value) is not None and _close(ex, got, _transposed(value)):
            return message
    return None


def _neg(x):
    try:
        return _m._map(x, np.negative)
    except TypeError:
        return None
