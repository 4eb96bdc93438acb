"""Curves and contour plots the course uses again and again, drawn the same way everywhere.

Colours come from the Okabe-Ito palette, which stays distinguishable for the common forms
of colour blindness. Every function takes an optional ``ax`` and returns it, so plots can be
combined in one figure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from numpy.typing import ArrayLike

from .._validate import as_float_array

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..network import Network
    from ..surfaces import Surface
    from ..training import History

__all__ = [
    "PALETTE",
    "plot_history",
    "plot_decision_boundary",
    "plot_surface",
    "plot_paths",
    "plot_function",
    "plot_squared_errors",
]

#: Okabe & Ito (2008) colour-blind-safe palette: blue, orange, green, vermilion, purple, sky blue, yellow, black.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]


def _axes(ax: Axes | None, figsize: tuple[float, float] = (6, 4)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_history(history: History, ax: Axes | None = None) -> Axes:
    """Training (and validation) loss per epoch from a :class:`dlmath.training.History`."""
    ax = _axes(ax)
    epochs = np.arange(1, history.epochs + 1)
    ax.plot(epochs, history.loss, color=PALETTE[0], label="training loss")
    if history.val_loss:
        ax.plot(epochs, history.val_loss, color=PALETTE[3], ls="--", label="validation loss")
    ax.set(xlabel="epoch", ylabel="loss", title="Loss during training")
    ax.legend()
    return ax


def plot_decision_boundary(
    net: Network, X: ArrayLike, y: ArrayLike, ax: Axes | None = None, resolution: int = 200, padding: float = 0.5
) -> Axes:
    """Coloured regions of the class a network predicts, with the data points on top.

    Parameters
    ----------
    net : dlmath.network.Network with 2 inputs
    X : numpy.ndarray, shape (n, 2)
    y : numpy.ndarray of int, shape (n,)
    """
    ax = _axes(ax, (5, 4.5))
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    (x0, y0), (x1, y1) = X.min(axis=0) - padding, X.max(axis=0) + padding
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    pred = net.predict_classes(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    k = int(max(pred.max(), y.max())) + 1
    cmap = ListedColormap(PALETTE[:k])
    ax.contourf(gx, gy, pred, levels=np.arange(k + 1) - 0.5, cmap=cmap, alpha=0.3)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap=cmap, vmin=-0.5, vmax=k - 0.5, s=14, edgecolors="k", linewidths=0.3)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title="Decision boundary")
    return ax


def plot_surface(surface: Surface, ax: Axes | None = None, n: int = 150) -> Axes:
    """Contour plot of a :class:`dlmath.surfaces.Surface`, minima marked with stars."""
    ax = _axes(ax, (5, 4.5))
    gx, gy, gz = surface.grid(n)
    ax.contour(gx, gy, gz, levels=surface.levels, cmap="viridis", linewidths=0.8)
    for i, (mx, my) in enumerate(surface.minima):
        ax.plot(mx, my, "*", color="k", ms=12, label="minimum" if i == 0 else None)
    ax.set(xlim=surface.xlim, ylim=surface.ylim, xlabel="$x$", ylabel="$y$", title=f"{surface.name}: {surface.formula}")
    return ax


def plot_paths(surface: Surface, paths: dict[str, ArrayLike], ax: Axes | None = None) -> Axes:
    """Optimizer paths drawn over the contours of a surface.

    Parameters
    ----------
    surface : dlmath.surfaces.Surface
    paths : dict
        ``{label: path}`` with each path of shape (steps + 1, 2) from :func:`dlmath.surfaces.run_path`.
    """
    ax = plot_surface(surface, ax)
    for i, (label, path) in enumerate(paths.items()):
        path = np.asarray(path)
        color = PALETTE[i % len(PALETTE)]
        ax.plot(path[:, 0], path[:, 1], "-o", color=color, ms=2.5, lw=1.4, label=label)
    if paths:
        start = np.asarray(next(iter(paths.values())))[0]
        ax.plot(*start, "s", color="k", ms=6, label="start")
    ax.legend(fontsize=8, loc="best")
    return ax


def plot_function(
    f: Callable[[np.ndarray], ArrayLike],
    xlim: tuple[float, float] = (-5, 5),
    ax: Axes | None = None,
    label: str | None = None,
    n: int = 400,
    **kwargs: Any,
) -> Axes:
    """Plot a function of one variable, ``f`` vectorised over a NumPy array."""
    ax = _axes(ax)
    x = np.linspace(*xlim, n)
    kwargs.setdefault("color", PALETTE[len(ax.lines) % len(PALETTE)])
    ax.plot(x, f(x), label=label, **kwargs)
    if not ax.get_xlabel():
        ax.set_xlabel("$z$")
    if not ax.get_ylabel():
        ax.set_ylabel(label or "$f(z)$")
    if label:
        ax.legend()
    return ax


def plot_squared_errors(x: ArrayLike, y: ArrayLike, y_hat: ArrayLike, ax: Axes | None = None) -> Axes:
    r"""Draw each prediction's squared error as a square: the MSE is the mean of their areas.

    .. math:: \mathrm{MSE} = \frac{1}{n} \sum_{i=0}^{n-1} (\hat y_i - y_i)^2

    The square of point :math:`i` stands on the segment from :math:`y_i` to :math:`\hat y_i`
    at :math:`x_i`, with side :math:`|\hat y_i - y_i|`. Equal axis scales keep squares square.

    Parameters
    ----------
    x, y, y_hat : array_like, shape (n,)
        The inputs, the targets and the predictions.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = plot_squared_errors([0.0, 1.0], [0.0, 1.0], [1.0, 0.5])
    >>> [float(p.get_width()) for p in ax.patches]
    [1.0, 0.5]
    >>> plt.close(ax.figure)
    """
    arrays = [as_float_array(v, name, ndim=1) for v, name in [(x, "x"), (y, "y"), (y_hat, "y_hat")]]
    if len({a.shape for a in arrays}) != 1:
        raise ValueError(f"x, y and y_hat must have the same shape (n,), got {[a.shape for a in arrays]}")
    x_, y_, f_ = arrays
    ax = _axes(ax, figsize=(8, 4))
    for xi, yi, fi in zip(x_, y_, f_):  # a loop over points, only to draw one square each
        side = abs(yi - fi)
        ax.add_patch(plt.Rectangle((xi, min(yi, fi)), side, side, alpha=0.3, color=PALETTE[1]))
        ax.plot([xi, xi], [yi, fi], color=PALETTE[1], lw=1)
    ax.set_aspect("equal")
    return ax
