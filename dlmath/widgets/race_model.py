"""The pure part of the optimizer race: its surfaces, default settings, runs, view and text.

:func:`race_paths` runs every chosen optimizer with :func:`dlmath.surfaces.run_path`;
:func:`race_view` fits both panels' limits to the paths; :func:`race_alt` says in words what a
frame shows. The surfaces are those of :data:`dlmath.surfaces.SURFACES` (the bowl made more
ill-conditioned, b = 50). The app (:mod:`dlmath.widgets.race`) only draws what these compute.
"""

from __future__ import annotations

import numpy as np

from .._validate import as_float_array, check_int
from ..surfaces import SURFACES, run_path
from ._app import fmt
from ._view import fit_limits, log_limits
from .optimizer_choice import make_optimizer

__all__ = [
    "DEFAULTS",
    "ALIASES",
    "surface_key",
    "surface_label",
    "surface_title",
    "race_surface",
    "race_paths",
    "race_alt",
    "race_view",
]

# per surface (a key of dlmath.surfaces.SURFACES): start, steps and each optimizer's learning
# rate (found by a sweep; none diverges)
DEFAULTS = {
    "quadratic_bowl": ((-2.5, 1.5), 100, {"GD": 0.035, "momentum": 0.01, "RMSProp": 0.05, "Adam": 0.2}),
    "rosenbrock": ((-1.2, 1.0), 300, {"GD": 2e-3, "momentum": 1e-3, "RMSProp": 0.02, "Adam": 0.1}),
    "beale": ((1.0, 1.5), 300, {"GD": 0.01, "momentum": 1e-3, "RMSProp": 0.1, "Adam": 0.3}),
    "saddle": ((-1.8, 1e-3), 100, {"GD": 0.01, "momentum": 3e-3, "RMSProp": 0.01, "Adam": 0.01}),
}
ALIASES = {"bowl": "quadratic_bowl"}  # the race's older name
_ARGS = {"quadratic_bowl": {"a": 1.0, "b": 50.0}}
_TITLES = {"quadratic_bowl": "ill-conditioned bowl: ½(x² + 50y²)", "beale": "Beale's function"}


def surface_key(surface):
    """The key of :data:`DEFAULTS` that ``surface`` names (``"bowl"`` is ``"quadratic_bowl"``)."""
    key = ALIASES.get(surface, surface)
    if key not in DEFAULTS:
        raise ValueError(f"unknown surface {surface!r}; valid names are {', '.join(map(repr, [*DEFAULTS, *ALIASES]))}")
    return key


def race_surface(surface):
    """The :class:`dlmath.surfaces.Surface` a race runs on (``"bowl"`` is ``quadratic_bowl(a=1, b=50)``)."""
    key = surface_key(surface)
    return SURFACES[key](**_ARGS.get(key, {}))


def race_paths(surface="quadratic_bowl", settings=None, start=None, steps=None):
    """Run each optimizer from the same start and return all paths.

    Parameters
    ----------
    surface : str
        A key of :data:`DEFAULTS` (or ``"bowl"``).
    settings : dict, optional
        ``{name: (lr, hyper)}`` for the racers (names from :data:`OPTIMIZERS`); default: all
        four with the learning rates of :data:`DEFAULTS`.
    start : (float, float), optional
        Default: from :data:`DEFAULTS`.
    steps : int, optional
        Default: from :data:`DEFAULTS`.

    Returns
    -------
    dict str -> numpy.ndarray, shape (steps + 1, 2)
        Each optimizer's path (NaN rows after a divergence).
    """
    key = surface_key(surface)
    default_start, default_steps, default_lrs = DEFAULTS[key]
    settings = {n: (lr, None) for n, lr in default_lrs.items()} if settings is None else settings
    steps = default_steps if steps is None else check_int(steps, "steps", minimum=1)
    surf = race_surface(key)
    start = default_start if start is None else as_float_array(start, "start", ndim=1)
    return {
        name: run_path(surf, make_optimizer(name, lr, hyper), start=start, steps=steps)
        for name, (lr, hyper) in settings.items()
    }


def race_alt(surface_label, k, losses, diverged):
    """The picture's text alternative at step ``k``, e.g. "Adam on Rosenbrock after 120 steps, loss 0.031".

    Parameters
    ----------
    surface_label : str
    k : int
    losses : dict str -> float
        Each racer's loss at step ``k``.
    diverged : dict str -> int or None
        The step at which each racer diverged (None if it did not).
    """
    if not losses:
        return f"The {surface_label} surface with no optimizer switched on."
    steps = "1 step" if k == 1 else f"{k} steps"
    parts = []
    for name, value in losses.items():
        d = diverged.get(name)
        state = f"diverged at step {d}" if d is not None and d <= k else f"loss {fmt(value)}"
        parts.append(f"{name} on {surface_label} after {steps}, {state}")
    return "Optimizer race: " + "; ".join(parts) + ". Paths over the contours (left), loss against step (right)."


def surface_label(surface):
    """The surface's short name, e.g. ``"Rosenbrock"`` (the dropdown's label, the alt text's)."""
    return _TITLES.get(surface, race_surface(surface).name).split(":")[0]


def surface_title(surface):
    """The contour panel's title: the name and the formula, e.g. ``"Rosenbrock: (1-x)^2 + ..."``."""
    surf = race_surface(surface)
    plain = surf.name if surf.formula == surf.name else f"{surf.name}: {surf.formula}"
    return _TITLES.get(surface) or plain


def race_view(surf, paths, start, steps, log=True):
    """The limits of both panels of a race: the surface's box, grown (at most 4x) to show the
    paths, and the loss axis fitted to the losses.

    Parameters
    ----------
    surf : dlmath.surfaces.Surface
    paths : dict str -> numpy.ndarray, shape (steps + 1, 2)
        As :func:`race_paths` returns them.
    start : (float, float)
    steps : int
    log : bool
        A log-scaled loss axis (all but the saddle, whose loss has no lower bound).

    Returns
    -------
    (xlim, ylim, loss_lim, steps)
        Tuples of two floats, and ``steps``.
    """
    points = np.concatenate([np.asarray([start], dtype=float), *paths.values()])
    xlim = fit_limits(points[:, 0], surf.xlim)
    ylim = fit_limits(points[:, 1], surf.ylim)
    with np.errstate(over="ignore", invalid="ignore"):
        losses = [surf.f(p[:, 0], p[:, 1]) for p in paths.values()]
    values = np.concatenate([v[np.isfinite(v)] for v in losses]) if losses else np.array([])
    if log:
        loss_lim = log_limits(values)
    elif values.size:
        low, high = max(values.min(), -10.0), values.max()
        margin = 0.05 * (high - low) or 1.0
        loss_lim = (low - margin, high + margin)
    else:
        loss_lim = (-1.0, 1.0)
    return tuple(xlim), tuple(ylim), tuple(map(float, loss_lim)), steps
