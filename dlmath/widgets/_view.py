"""What part of a picture to show: axis limits that follow the data, where a path leaves the view,
and direct labels that do not sit on each other. Pure functions of numbers (no matplotlib).
"""

from __future__ import annotations

import numpy as np

__all__ = ["DECADES", "GROWTH", "fit_limits", "log_limits", "exit_point", "spread_labels"]

DECADES = 10  # a log axis shows at most this many powers of ten below its largest value


GROWTH = (1.5, 2.0, 3.0, 4.0)  # the widths a view may take, in multiples of its base width


def fit_limits(values, base, growth=GROWTH, pad=0.05):
    """Limits around the centre of ``base``: ``base`` itself if the finite ``values`` lie inside it
    (not closer than ``pad`` of its width to an edge), else the first of ``growth`` times as wide
    that holds them that way, at most the last (data beyond that leaves the view: see
    :func:`exit_point`). Only a few widths are possible, so small changes of the data do not
    change the axes (and their ticks are not laid out again).

    Parameters
    ----------
    values : array_like
        The data (NaN and infinities are ignored).
    base : (float, float)
        The limits for data inside them (e.g. a surface's own plotting box).
    growth : tuple of float
        Increasing widths, as multiples of the width of ``base``.
    pad : float
        Margin, as a share of the width.

    Returns
    -------
    (float, float)
    """
    lo, hi = float(base[0]), float(base[1])
    if not hi > lo:
        raise ValueError(f"base must be increasing, got {base}")
    v = np.asarray(values, dtype=float).ravel()
    v = v[np.isfinite(v)]
    centre, half = (lo + hi) / 2, (hi - lo) / 2
    if v.size == 0:
        return lo, hi
    reach = np.abs(v - centre).max()  # how far from the centre the data go
    for factor in (1.0, *growth):
        if reach <= factor * half * (1 - 2 * pad):
            break
    return centre - factor * half, centre + factor * half


def log_limits(values, decades=DECADES, pad=0.15):
    """Limits of a log axis for the finite positive ``values`` (in order, e.g. a loss per step):
    from the largest down to the smallest, but no more than ``decades`` powers of ten below the
    largest, except that the first value is always shown (a diverging run keeps its start),
    rounded outwards to whole powers of ten (so that small changes of the data keep the axis),
    with ``pad`` decades of margin.

    Returns
    -------
    (float, float), or (1e-3, 1.0) when there is no finite positive value.
    """
    v = np.asarray(values, dtype=float).ravel()
    v = v[np.isfinite(v) & (v > 0)]
    if v.size == 0:
        return 1e-3, 1.0
    top = np.ceil(np.log10(v.max()))
    bottom = max(np.floor(np.log10(v.min())), top - decades)
    bottom = min(bottom, np.floor(np.log10(v[0])), top - 1)
    return float(10 ** (bottom - pad)), float(10 ** (top + pad))


def exit_point(path, xlim, ylim):
    """Where a path first leaves the box ``xlim`` x ``ylim``.

    Parameters
    ----------
    path : array_like, shape (n, 2)
        Points in order; NaN rows (after a divergence) count as outside.
    xlim, ylim : (float, float)

    Returns
    -------
    (int, (float, float)) or None
        The first index ``k`` outside the box and the point where the segment from point
        ``k - 1`` to point ``k`` crosses the box's edge (point ``k - 1`` itself when point ``k`` is
        NaN); None if the path stays inside. A path that starts outside returns ``(0, start)``.
    """
    p = np.asarray(path, dtype=float)
    inside = (p[:, 0] >= xlim[0]) & (p[:, 0] <= xlim[1]) & (p[:, 1] >= ylim[0]) & (p[:, 1] <= ylim[1])
    outside = np.flatnonzero(~inside)
    if outside.size == 0:
        return None
    k = int(outside[0])
    if k == 0:
        return 0, (float(p[0, 0]), float(p[0, 1]))
    a, b = p[k - 1], p[k]
    if not np.isfinite(b).all():
        return k, (float(a[0]), float(a[1]))
    t = 1.0  # the largest step along a -> b that stays in the box
    for axis, (lo, hi) in enumerate((xlim, ylim)):
        d = b[axis] - a[axis]
        if d > 0 and b[axis] > hi:
            t = min(t, (hi - a[axis]) / d)
        elif d < 0 and b[axis] < lo:
            t = min(t, (lo - a[axis]) / d)
    q = a + t * (b - a)
    return k, (float(q[0]), float(q[1]))


def spread_labels(positions, gap):
    """Move labels apart along one axis so that neighbours are at least ``gap`` apart, each as
    little as possible (the order is kept; a group that had to be spread stays centred on its mean).

    Parameters
    ----------
    positions : array_like, shape (n,)
        Where each label wants to be (e.g. the end of its line, in points on the screen).
    gap : float > 0

    Returns
    -------
    numpy.ndarray, shape (n,)
    """
    y = np.asarray(positions, dtype=float)
    order = np.argsort(y, kind="stable")
    groups = [[float(v)] for v in y[order]]  # each group: wanted positions of labels stuck together
    placed = []  # (start, count) of each group

    def start(group):
        return float(np.mean(group)) - gap * (len(group) - 1) / 2

    for g in groups:
        placed.append(g)
        while len(placed) > 1 and start(placed[-2]) + gap * len(placed[-2]) > start(placed[-1]):
            placed[-2:] = [placed[-2] + placed[-1]]
    out = np.concatenate([start(g) + gap * np.arange(len(g)) for g in placed]) if placed else np.array([])
    result = np.empty_like(y)
    result[order] = out
    return result
