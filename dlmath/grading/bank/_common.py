"""Small helpers shared by the exercise specs (not part of the public API)."""

from __future__ import annotations

import numpy as np

from ..spec import Mistake


def f64(a):
    """``a`` as a float64 array (the banks' references and detectors compute in float64)."""
    return np.asarray(a, dtype=float)


def randn(rng, *shape, scale=1.0):
    """A float64 array of the given shape, normal with standard deviation ``scale``."""
    return scale * rng.standard_normal(shape)


def layer_sizes(rng, count=2):
    """``count`` triples (batch, n_in, n_out) drawn from ``rng``, sides 1 to 8, n_in != n_out:
    generated shapes, so that a transpose or a broadcast that happens to fit one hand-picked
    shape still fails (the live check draws them with the exercise's fixed seed)."""
    out = []
    while len(out) < count:
        n, i, o = (int(v) for v in rng.integers(1, 9, size=3))
        if i != o:
            out.append((n, i, o))
    return out


def randint(rng, *shape, low=-5, high=6):
    """An int64 array of the given shape with entries in [low, high)."""
    return rng.integers(low, high, size=shape)


def is_value(value):
    """Mistake detector for value exercises: the learner's answer equals ``value`` exactly
    (tuples compared as tuples, numbers with a relative tolerance of 1e-9)."""

    def detect(got, expected, args):
        if isinstance(value, tuple):
            return isinstance(got, (tuple, list)) and tuple(got) == value
        return bool(np.isclose(float(got), value, rtol=1e-9, atol=0.0))

    return detect


def said(value, message, family=""):
    """A Mistake for value exercises: the learner answered ``value`` (a typical wrong answer)."""
    return Mistake(message=message, detect=is_value(value), family=family)


def entry_wrong(index, message, *wrong, family=""):
    """A Mistake for tuple answers: entry ``index`` (0-based) is wrong (one of ``wrong``, or
    anything when ``wrong`` is empty) while the tuple has the expected length."""

    def detect(got, expected, args):
        got = tuple(got)
        if len(got) != len(expected) or got[index] == expected[index]:
            return False
        return not wrong or got[index] in wrong

    return Mistake(message, detect, family)


def length_not(n, message, family=""):
    """A Mistake for tuple answers that have a length other than ``n``."""
    return Mistake(message, lambda got, expected, args: isinstance(got, (tuple, list)) and len(got) != n, family)


def near(value, message, rtol=1e-3, family=""):
    """A Mistake for value answers close to ``value`` (within ``rtol``)."""
    return Mistake(
        message, lambda got, expected, args: bool(np.isclose(float(got), value, rtol=rtol, atol=0.0)), family
    )
