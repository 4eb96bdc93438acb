"""Diagrams: a network's layers, vectors as arrows, a linear map moving the plane, a cycle of steps.

Each function draws on the ``ax`` it is given, turns the axis frame off where a diagram has no
axes, and returns what it drew (so a test, or a caller, can find and change it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.patches import FancyBboxPatch, Rectangle
from numpy.typing import ArrayLike

from .._validate import as_float_array, check_shape
from .curves import PALETTE

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["draw_network", "draw_vectors", "draw_linear_map", "draw_cycle"]


def draw_network(
    ax: Axes, sizes: Sequence[int], names: Sequence[str] | None = None, bias: bool = True, dx: float = 2.4
) -> dict[str, list[Any]]:
    """Draw a fully connected network: nodes as circles, weights as lines, bias nodes as squares holding 1.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    sizes : sequence of int
        Nodes per layer, input layer first, e.g. ``[3, 4, 2]`` (at least two layers).
    names : sequence of str, optional
        A caption under each layer (default ``"layer 0"``, ``"layer 1"``, ...).
    bias : bool, default True
        Draw each layer's bias node, the constant 1 whose weights are the bias ``b``.
    dx : float
        Distance between layers.

    Returns
    -------
    dict
        ``"nodes"``: one scatter collection per layer; ``"weights"``: one line per weight
        (``sizes[l] * sizes[l + 1]`` per layer); ``"bias"``: one square per bias node;
        ``"bias_weights"``: one dashed line per bias entry.
    """
    if isinstance(sizes, (str, bytes)) or not all(isinstance(n, (int, np.integer)) and n >= 1 for n in sizes):
        raise ValueError(f"sizes must be a sequence of positive integers such as [3, 4, 2], got {sizes!r}")
    if len(sizes) < 2:
        raise ValueError(f"sizes must name at least two layers (inputs and outputs), got {list(sizes)}")
    names = list(names) if names is not None else [f"layer {i}" for i in range(len(sizes))]
    if len(names) != len(sizes):
        raise ValueError(f"names must have one caption per layer ({len(sizes)}), got {len(names)}")
    top = max(sizes)
    xs = dx * np.arange(len(sizes))
    ys = [np.arange(n)[::-1] - (n - 1) / 2 for n in sizes]  # centre each column
    yb = top / 2 + 0.5  # height of the bias nodes
    drawn: dict[str, list[Any]] = {"nodes": [], "weights": [], "bias": [], "bias_weights": []}
    for l in range(len(sizes) - 1):  # a loop over layers, only to draw them
        for y0 in ys[l]:
            for y1 in ys[l + 1]:
                drawn["weights"] += ax.plot([xs[l], xs[l + 1]], [y0, y1], color="0.6", lw=0.8, zorder=1)
        if bias:
            xb = xs[l] + 0.45 * dx
            for y1 in ys[l + 1]:
                drawn["bias_weights"] += ax.plot([xb, xs[l + 1]], [yb, y1], color=PALETTE[3], lw=1, ls="--", zorder=1)
            square = Rectangle(
                (xb - 0.22, yb - 0.22), 0.44, 0.44, zorder=3, facecolor="white", edgecolor=PALETTE[3], lw=1.5
            )
            drawn["bias"].append(ax.add_patch(square))
            ax.text(xb, yb, "1", ha="center", va="center", fontsize=9, zorder=4)
    colors = [PALETTE[5]] + [PALETTE[1]] * (len(sizes) - 2) + [PALETTE[2]]
    for x, y, name, color in zip(xs, ys, names, colors):
        drawn["nodes"].append(ax.scatter(np.full(len(y), x), y, s=500, color=color, edgecolor="black", zorder=3))
        ax.text(x, -top / 2 - 0.2, name, ha="center", va="top", fontsize=10)
    ax.set_xlim(-0.8, xs[-1] + 0.8)
    ax.set_ylim(-top / 2 - 1.3, yb + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    return drawn


def draw_vectors(
    ax: Axes,
    vectors: Mapping[str, ArrayLike],
    colors: Sequence[str] | None = None,
    origin: ArrayLike = (0.0, 0.0),
) -> list[Any]:
    """Draw 2-D vectors as arrows from ``origin``, each named just beyond its tip.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    vectors : dict
        ``{name: vector}``, each vector of shape (2,); the name is written in its colour at
        ``origin + 1.08 * vector``.
    colors : sequence of str, optional
        One colour per vector (default: :data:`PALETTE` in order).
    origin : array_like, shape (2,)

    Returns
    -------
    list
        The arrows (annotations), in the order of ``vectors``.
    """
    start = as_float_array(origin, "origin", ndim=1)
    check_shape(start, (2,), "origin")
    colors = list(colors) if colors is not None else [PALETTE[i % len(PALETTE)] for i in range(len(vectors))]
    if len(colors) < len(vectors):
        raise ValueError(f"colors must have one colour per vector ({len(vectors)}), got {len(colors)}")
    arrows = []
    for (name, vector), color in zip(vectors.items(), colors):
        vec = as_float_array(vector, f"vectors[{name!r}]", ndim=1)
        check_shape(vec, (2,), f"vectors[{name!r}]")
        tip = start + vec
        style = dict(arrowstyle="->", color=color, lw=2)
        arrows.append(ax.annotate("", xy=(tip[0], tip[1]), xytext=(start[0], start[1]), arrowprops=style))
        label = start + 1.08 * vec
        ax.text(label[0], label[1], name, color=color, fontsize=12, ha="center")
    return arrows


def draw_linear_map(ax: Axes, M: ArrayLike, title: str | None = None, lim: float = 3.0) -> Axes:
    r"""Draw where the 2 x 2 matrix ``M`` moves the plane: a grid, the unit square and the basis vectors.

    Every point :math:`x` goes to :math:`Mx`; the images of :math:`e_0` and :math:`e_1` are the
    columns of :math:`M`, and the unit square becomes a parallelogram of area :math:`|\det M|`.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    M : array_like, shape (2, 2)
        ``np.eye(2)`` draws the plane before it moves.
    title : str, optional
    lim : float
        The axes show ``[-lim, lim]`` in both directions.
    """
    M_ = as_float_array(M, "M", ndim=2)
    check_shape(M_, (2, 2), "M")
    t = np.linspace(-2, 2, 50)
    for c in np.linspace(-2, 2, 9):  # grid lines x0 = c and x1 = c, moved
        for line in (np.column_stack([np.full_like(t, c), t]), np.column_stack([t, np.full_like(t, c)])):
            moved = line @ M_.T  # one point per row, moved as a layer moves its inputs
            ax.plot(moved[:, 0], moved[:, 1], color="lightgray", lw=0.8)
    square = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float) @ M_.T
    ax.fill(square[:, 0], square[:, 1], color=PALETTE[1], alpha=0.5, label="unit square")
    for vec, color, name in [(M_[:, 0], PALETTE[0], "image of $e_0$"), (M_[:, 1], PALETTE[3], "image of $e_1$")]:
        ax.annotate("", xy=(vec[0], vec[1]), xytext=(0, 0), arrowprops=dict(arrowstyle="->", color=color, lw=2))
        ax.plot([], [], color=color, label=name)
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), aspect="equal", xlabel="$x_0$", ylabel="$x_1$")
    if title is not None:
        ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    return ax


def draw_cycle(
    ax: Axes, steps: Sequence[tuple[str, str]], center: str | None = None, entry: bool = True
) -> list[FancyBboxPatch]:
    """Draw steps as rounded boxes on an ellipse, clockwise from the top, with arrows from each to the next.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    steps : sequence of (label, colour)
        At least two steps.
    center : str, optional
        Text in the middle of the cycle.
    entry : bool, default True
        The first step is an entry, not part of the cycle: an arrow leads from it into the
        second step, and the last step leads back to the second (the training loop: data
        enters once, then forward, loss, backward, update, forward ...).

    Returns
    -------
    list of matplotlib.patches.FancyBboxPatch
        One box per step.
    """
    if len(steps) < 2:
        raise ValueError(f"steps must hold at least two (label, colour) pairs, got {len(steps)}")
    n = len(steps)
    angles = np.pi / 2 - 2 * np.pi * np.arange(n) / n  # clockwise from the top
    centers = np.column_stack([np.cos(angles), np.sin(angles)]) * [3.0, 2.1]
    boxes = []
    for (label, color), (cx, cy) in zip(steps, centers):
        box = FancyBboxPatch(
            (cx - 1.05, cy - 0.45), 2.1, 0.9, boxstyle="round,pad=0.08", facecolor=color, alpha=0.35, edgecolor=color,
            lw=2,
        )  # fmt: skip
        ax.add_patch(box)
        boxes.append(box)
        ax.text(cx, cy, label, ha="center", va="center", fontsize=9.5)
    for k in range(n):
        start, end = centers[k], centers[(k + 1) % n]
        if entry and k == n - 1:  # the last step feeds the first step of the cycle
            end = centers[1]
        ax.annotate(
            "", xy=start + 0.72 * (end - start), xytext=start + 0.28 * (end - start),
            arrowprops=dict(arrowstyle="-|>", lw=1.8, color="0.3"),
        )  # fmt: skip
    if center is not None:
        ax.text(0, -0.45, center, ha="center", va="center", fontsize=10, style="italic")
    ax.set_xlim(-4.3, 4.3)
    ax.set_ylim(-3.0, 2.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return boxes
