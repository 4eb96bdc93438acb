"""Two-dimensional loss surfaces with exact gradients, for watching optimizers move.

A real network has thousands of parameters; these functions have two, ``(x, y)``, so the
whole landscape fits in one contour plot and an optimizer's path can be drawn on it. Each
:class:`Surface` gives its value on a grid (for the contours), its gradient at a point (for
the optimizer) and where its minima are. :func:`run_path` runs any optimizer from
:mod:`dlmath.optimizers` on a surface and returns the path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from ._validate import as_float_array, check_int, lookup

if TYPE_CHECKING:
    from .optimizers import Optimizer

__all__ = [
    "Surface",
    "quadratic_bowl",
    "rosenbrock",
    "beale",
    "saddle",
    "himmelblau",
    "SURFACES",
    "get_surface",
    "run_path",
    "diverged_at",
    "DIVERGENCE_BOUND",
]

DIVERGENCE_BOUND = 1e6


@dataclass(frozen=True)
class Surface:
    """A function of two parameters with its gradient.

    Attributes
    ----------
    name : str
    formula : str
        LaTeX for titles and legends.
    f : callable, ``f(x, y) -> z``
        Vectorised: ``x`` and ``y`` may be arrays of any (equal) shape, e.g. a meshgrid.
    grad_fn : callable, ``grad_fn(x, y) -> (df/dx, df/dy)``
    minima : list of (float, float)
    xlim, ylim : (float, float)
        A window that shows the interesting part.
    start : (float, float)
        A default starting point for optimizers.
    levels : numpy.ndarray
        Contour levels that show the shape well.
    """

    name: str
    formula: str
    f: Callable
    grad_fn: Callable
    minima: list
    xlim: tuple
    ylim: tuple
    start: tuple
    levels: np.ndarray | None = field(repr=False, default=None)

    def __call__(self, x: ArrayLike, y: ArrayLike) -> np.ndarray:
        return self.f(x, y)

    def value(self, p: ArrayLike) -> np.ndarray:
        """Value at points ``p`` of shape (2,) or (n, 2) -> float or (n,)."""
        p = as_float_array(p, "p", ndim=(1, 2), finite=False)
        if p.shape[-1] != 2:
            raise ValueError(f"points must have 2 coordinates (x, y) in the last axis, got shape {p.shape}")
        return self.f(p[..., 0], p[..., 1])

    def grad(self, p: ArrayLike) -> np.ndarray:
        """Gradient at the point ``p`` (shape (2,)) -> array of shape (2,)."""
        p = as_float_array(p, "p", ndim=1)
        if p.shape != (2,):
            raise ValueError(f"p must be a point (x, y) of shape (2,), got {p.shape}")
        return np.array(self.grad_fn(p[0], p[1]), dtype=float)

    def grid(self, n: int = 120) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return ``X, Y, Z`` meshgrids of shape (n, n) over ``xlim`` x ``ylim`` for contour plots."""
        X, Y = np.meshgrid(np.linspace(self.xlim[0], self.xlim[1], n), np.linspace(self.ylim[0], self.ylim[1], n))
        return X, Y, self.f(X, Y)


def quadratic_bowl(a: float = 1.0, b: float = 10.0) -> Surface:
    r"""Ill-conditioned bowl :math:`f = \tfrac12(a x^2 + b y^2)`, minimum at (0, 0).

    The curvatures are ``a`` and ``b``; gradient descent is stable only for
    :math:`\eta < 2/\max(a, b)` and slow along the flat direction when ``b >> a``.
    """
    return Surface(
        "quadratic bowl",
        rf"$\frac{{1}}{{2}}({a:g}x^2 + {b:g}y^2)$",
        lambda x, y: 0.5 * (a * x * x + b * y * y),
        lambda x, y: (a * x, b * y),
        [(0.0, 0.0)],
        (-3.0, 3.0),
        (-2.0, 2.0),
        (-2.5, 1.5),
        np.linspace(0, np.sqrt(0.5 * (a * 9 + b * 4)), 16)[1:] ** 2,  # evenly spaced ellipses
    )


def rosenbrock(a: float = 1.0, b: float = 100.0) -> Surface:
    """Rosenbrock's banana valley :math:`f = (a - x)^2 + b(y - x^2)^2`, minimum at (a, a^2)."""
    return Surface(
        "Rosenbrock",
        rf"$({a:g}-x)^2 + {b:g}(y-x^2)^2$",
        lambda x, y: (a - x) ** 2 + b * (y - x * x) ** 2,
        lambda x, y: (-2 * (a - x) - 4 * b * x * (y - x * x), 2 * b * (y - x * x)),
        [(a, a * a)],
        (-2.0, 2.0),
        (-1.0, 3.0),
        (-1.5, 2.5),
        np.logspace(-1, 3.5, 20),
    )


def beale() -> Surface:
    """Beale's function, minimum 0 at (3, 0.5); flat plateaus and steep walls.

    .. math:: f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2
    """

    def f(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2

    def grad(x: float, y: float) -> tuple[float, float]:
        t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y**2, 2.625 - x + x * y**3
        dx = 2 * t1 * (y - 1) + 2 * t2 * (y**2 - 1) + 2 * t3 * (y**3 - 1)
        dy = 2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y**2
        return dx, dy

    return Surface(
        "Beale", r"Beale", f, grad, [(3.0, 0.5)], (-4.5, 4.5), (-4.5, 4.5), (1.0, 1.5), np.logspace(-1, 5, 25)
    )


def saddle() -> Surface:
    """Saddle :math:`f = x^2 - y^2`: a minimum along x, a maximum along y, no minimum at all.

    Starting almost exactly on the ridge (y tiny), plain gradient descent lingers near the
    saddle point (0, 0); adaptive methods escape sooner.
    """
    return Surface(
        "saddle",
        r"$x^2 - y^2$",
        lambda x, y: x * x - y * y,
        lambda x, y: (2 * x, -2 * y),
        [],
        (-2.0, 2.0),
        (-2.0, 2.0),
        (-1.8, 1e-3),
        np.linspace(-4, 4, 21),
    )


_HIMMELBLAU_MINIMA = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]


def himmelblau() -> Surface:
    """Himmelblau's function :math:`f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2`: four minima of value 0."""
    return Surface(
        "Himmelblau",
        r"$(x^2+y-11)^2 + (x+y^2-7)^2$",
        lambda x, y: (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
        lambda x, y: (4 * x * (x * x + y - 11) + 2 * (x + y * y - 7), 2 * (x * x + y - 11) + 4 * y * (x + y * y - 7)),
        list(_HIMMELBLAU_MINIMA),
        (-5.0, 5.0),
        (-5.0, 5.0),
        (0.0, 0.0),
        np.logspace(-0.5, 2.7, 20),
    )


SURFACES: dict[str, Callable[[], Surface]] = {
    "quadratic_bowl": quadratic_bowl,
    "rosenbrock": rosenbrock,
    "beale": beale,
    "saddle": saddle,
    "himmelblau": himmelblau,
}


def get_surface(name: str | Surface) -> Surface:
    """A :class:`Surface` by name (see ``SURFACES``, matched without regard to case); a Surface passes through."""
    if isinstance(name, Surface):
        return name
    if not isinstance(name, str):
        raise TypeError(f"surface must be a name (str) or a Surface, got {type(name).__name__}")
    return lookup(name, SURFACES, "surface")()


def run_path(
    surface: Surface | str, optimizer: Optimizer, start: ArrayLike | None = None, steps: int = 100
) -> np.ndarray:
    """Run ``optimizer`` on ``surface`` and return the points it visits.

    The optimizer is :meth:`~dlmath.optimizers.Optimizer.reset` first, so each call starts
    fresh. The loop runs over *steps* (each needs the previous point), never over data.

    Parameters
    ----------
    surface : Surface or str
    optimizer : dlmath.optimizers.Optimizer
    start : (float, float), optional
        Defaults to ``surface.start``.
    steps : int
        Number of updates.

    Returns
    -------
    path : numpy.ndarray, shape (steps + 1, 2)
        Row 0 is the start, row ``k`` the point after ``k`` updates. If the iterate
        diverges (becomes non-finite or leaves the box ``|x|, |y| <= 1e6``) at step ``k``,
        rows ``k`` and after are NaN; see :func:`diverged_at`.
    """
    surface = get_surface(surface)
    steps = check_int(steps, "steps", minimum=0)
    p = as_float_array(surface.start if start is None else start, "start", ndim=1).copy()
    if p.shape != (2,):
        raise ValueError(f"start must be a point (x, y), got shape {p.shape}")
    optimizer.reset()
    path = np.full((steps + 1, 2), np.nan)
    path[0] = p
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, steps + 1):
            optimizer.step([p], [surface.grad(p)])
            if not np.isfinite(p).all() or np.abs(p).max() > DIVERGENCE_BOUND:
                break
            path[k] = p
    return path


def diverged_at(path: ArrayLike) -> int | None:
    """First step at which a path from :func:`run_path` diverged, or None if it never did.

    Parameters
    ----------
    path : array_like, shape (steps + 1, 2)

    Returns
    -------
    int or None
    """
    path = as_float_array(path, "path", ndim=2, finite=False)
    bad = ~np.isfinite(path).all(axis=1)
    return int(np.argmax(bad)) if bad.any() else None
