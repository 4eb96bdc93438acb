"""Ready-made mistake detectors: each function returns a :class:`~dlmath.grading.spec.Mistake`.

A detector is called as ``detect(got, expected, args)`` only when a check has already failed.
Results may be arrays, numbers, or tuples / lists / dicts of them (e.g. an optimizer step that
returns ``(theta, m, v)``); the comparisons below work on the whole structure. Every detector
also requires that ``got`` is *not* close to ``expected``, so it never names a mistake in a
right answer.

Example
-------
>>> from dlmath.grading import mistakes as M
>>> m = M.negated("your step goes uphill: the update subtracts the gradient")
>>> m.matches(-1.0 * np.ones(3), np.ones(3), ())
True
"""

from __future__ import annotations

import copy
import numbers

import numpy as np

from .spec import Mistake

__all__ = ["transposed", "negated", "scaled", "off_by", "nonfinite_for", "matches", "close", "RTOL", "ATOL"]

RTOL = 1e-6
ATOL = 1e-8


def _as_array(x):
    """A numeric ndarray for numbers, arrays and rectangular lists of numbers; None otherwise."""
    if isinstance(x, (str, bytes, dict)) or x is None:
        return None
    try:
        arr = np.asarray(x)
    except Exception:
        return None
    if arr.dtype.kind == "b":
        return arr.astype(np.int64)
    if arr.dtype.kind not in "iufc":
        return None
    return arr


def close(a, b, rtol=RTOL, atol=ATOL) -> bool:
    """True when ``a`` and ``b`` have the same structure, the same shapes, and close values.

    Tuples and lists compare element by element (a list and a tuple of the same length are
    alike); dicts by keys then values; arrays and numbers with :func:`numpy.allclose`
    (NaN equals NaN); anything else with ``==``.
    """
    if isinstance(b, dict):
        return isinstance(a, dict) and a.keys() == b.keys() and all(close(a[k], b[k], rtol, atol) for k in b)
    if isinstance(b, (tuple, list)) and isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(close(x, y, rtol, atol) for x, y in zip(a, b))
    A, B = _as_array(a), _as_array(b)
    if A is None or B is None:
        if A is not None or B is not None:
            return False
        try:
            return bool(a == b)
        except Exception:
            return False
    if A.shape != B.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(A, B, rtol=rtol, atol=atol, equal_nan=True))


def _map(x, fn):
    """Apply ``fn`` to every numeric leaf of a structure (tuples, lists, dicts)."""
    if isinstance(x, dict):
        return {k: _map(v, fn) for k, v in x.items()}
    if isinstance(x, (tuple, list)):
        return type(x)(_map(v, fn) for v in x)
    arr = _as_array(x)
    if arr is None:
        raise TypeError("not numeric")
    return fn(arr.astype(np.result_type(arr, np.float64)))


def _wrong(got, expected):
    return not close(got, expected)


def transposed(msg=None, family="transposed") -> Mistake:
    """The learner's result is the transpose of the expected one (shapes and values).

    Parameters
    ----------
    msg : str, optional
        Defaults to ``"did you transpose?"``.
    """

    def detect(got, expected, args):
        flipped = _map(expected, lambda a: a.T if a.ndim >= 2 else a)
        return _wrong(got, expected) and close(got, flipped)

    return Mistake(msg or "did you transpose?", detect, family)


def negated(msg, family="sign") -> Mistake:
    """The learner's result is ``-expected`` (and expected is not zero)."""

    def detect(got, expected, args):
        return _wrong(got, expected) and close(got, _map(expected, np.negative))

    return Mistake(msg, detect, family)


def scaled(factor, msg, family="") -> Mistake:
    """The learner's result is ``factor * expected``.

    Parameters
    ----------
    factor : float or callable
        A number, or ``factor(args) -> number``, e.g. ``lambda args: len(args[0])`` for a
        sum taken where the loss takes the mean over a batch of ``len(args[0])`` rows.
    msg : str
    """

    def detect(got, expected, args):
        f = factor(args) if callable(factor) else factor
        if not isinstance(f, numbers.Number) and np.ndim(f) != 0:
            return False
        return _wrong(got, expected) and close(got, _map(expected, lambda a: f * a))

    return Mistake(msg, detect, family)


def off_by(delta, msg, family="") -> Mistake:
    """The learner's result is ``expected + delta`` (delta a number or an array that broadcasts)."""

    def detect(got, expected, args):
        return _wrong(got, expected) and close(got, _map(expected, lambda a: a + delta))

    return Mistake(msg, detect, family)


def nonfinite_for(predicate, msg, family="stability") -> Mistake:
    """The learner's result has NaN or inf where the expected one is finite, for inputs where
    ``predicate(args)`` holds (e.g. ``lambda args: np.min(args[0]) < -700`` for an overflow).
    """

    def detect(got, expected, args):
        if not predicate(args):
            return False
        g, e = _as_array(got), _as_array(expected)
        if g is None or e is None:
            return False
        g_bad = ~np.isfinite(g)
        if g.shape == e.shape:
            return bool(np.any(g_bad & np.isfinite(e)))
        return bool(np.any(g_bad)) and bool(np.all(np.isfinite(e)))

    return Mistake(msg, detect, family)


def matches(func, msg, family="") -> Mistake:
    """The learner's result equals ``func(*args)``, a typical wrong implementation.

    ``func`` gets fresh copies of the inputs. For value exercises ``args`` is ``()``, so
    ``func`` takes no arguments and returns the typical wrong value.
    """

    def detect(got, expected, args):
        return _wrong(got, expected) and close(got, func(*copy.deepcopy(tuple(args))))

    return Mistake(msg, detect, family)
