"""Generic mistakes, tried after an exercise's own: transposed, negated, sum instead of mean,
off by a constant factor. Each explains one wrong array or number (a "leaf" of the result)."""

from __future__ import annotations

import numpy as np

from . import mistakes as _m
from ._compare_steps import _category

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
        return (
            "did you transpose?"
            if G.shape != E.shape
            else ("your result is the transpose of the right one: did you swap rows and columns?")
        )
    if G.shape != E.shape and G.size == E.size and G.size > 1 and _m.close(G.ravel(), E.ravel()):
        return (
            "your result has the right entries in reading order but another shape: a "
            "reshape where the exercise needs another operation (or the wrong reshape)?"
        )
    if E.ndim == 1 and G.shape == (E.size, E.size) and E.size > 1 and _m.close(np.diag(G), E):
        return (
            "Wrong index: your result is an (n, n) block whose diagonal holds the right values: "
            "indexing with a whole array per axis (logp[:, labels]) picks every label for every "
            "row; pick one entry per row with logp[np.arange(n), labels]"
        )
    if G.shape != E.shape or _m.close(G, E):
        return None
    if E.ndim == 0 and float(E).is_integer() and float(G).is_integer() and abs(G - E) == 1:
        return (
            "your count is one too " + ("many" if G > E else "few") + ": check where a "
            "range() or a loop starts and stops, and whether the last step counts"
        )
    if E.size >= 2 and np.all(np.isfinite(G)) and np.all(E == np.round(E)):
        for d in (1, -1):
            if np.array_equal(G, E + d):
                return (
                    f"Off by one: every entry is one too {'large' if d > 0 else 'small'}: counting from "
                    f"{'1' if d > 0 else '-1'} where NumPy counts from 0, or a range() shifted by 1?"
                )
    if E.size >= 2 and np.all(np.isfinite(G)) and np.ptp(E) > 0 and _m.close(np.sort(G.ravel()), np.sort(E.ravel())):
        return (
            "your result holds the right values in another order: check the order of the "
            "entries (an index, a sort, a reversed axis or a shuffled order)"
        )
    if np.any(E != 0) and _m.close(G, -E):
        return "your result has the opposite sign: check the sign of each term (a - b versus b - a)"
    for n in _batch_sizes(args):
        if _m.close(G, n * E):
            return (
                f"your result is {n} times too large ({n} is the number of samples): did you "
                f"sum where the mean is needed?"
            )
        if _m.close(G, E / n):
            return (
                f"your result is {n} times too small ({n} is the number of samples): did you "
                f"take the mean where the sum is needed?"
            )
    nz = np.isfinite(E) & (E != 0)
    if E.size >= 2 and nz.sum() >= 2 and np.ptp(E[nz]) > 0 and np.all(np.isfinite(G)):
        c = float(np.sum(G * E) / np.sum(E * E))
        if c != 0 and not np.isclose(c, 1.0) and _m.close(G, c * E):
            for k in range(2, 11):
                if np.isclose(c, k, rtol=1e-6):
                    return (
                        f"your result is {_FACTOR_WORDS.get(k, f'{k} times')} too large: look "
                        f"for an extra constant factor"
                    )
                if np.isclose(c, 1.0 / k, rtol=1e-6):
                    return (
                        f"your result is {k} times too small: look for a missing constant "
                        f"factor (such as the 2 from differentiating a square)"
                    )
            for n in _batch_sizes(args):
                for ratio in (n / (n - 1), (n - 1) / n):
                    if np.isclose(c, ratio, rtol=1e-6) or np.isclose(c, np.sqrt(ratio), rtol=1e-6):
                        return (
                            f"your result is off by a factor {n}/{n - 1} or its square root ({n} samples): "
                            f"the sample statistics (ddof=1, dividing by n - 1) where the population "
                            f"ones are needed (ddof=0, NumPy's default), or the other way round"
                        )
            return "your result is off by a constant factor: look for a missing or extra constant"
    return None
