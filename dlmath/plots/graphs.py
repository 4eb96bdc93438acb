"""Computational graphs: the one autograd records (:func:`draw_graph`) and one laid out by hand
(:func:`draw_computation`), with forward values, gradients and local derivatives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .curves import PALETTE

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["draw_graph", "draw_computation"]


def _graph_layout(root: Any) -> tuple[list[Any], dict[int, float], dict[int, float]]:
    """Columns and rows of each node of a computational graph, by ``id``."""
    from ..autograd import topological_order

    order = topological_order(root)
    users: dict[int, list[Any]] = {id(n): [] for n in order}
    col: dict[int, float] = {}
    for node in order:  # a value sits one column right of its deepest parent
        col[id(node)] = 1 + max((col[id(p)] for p in node.parents), default=-1)
        for p in node.parents:
            users[id(p)].append(node)
    for node in reversed(order):  # leaves, and values made only from leaves, move next to their first use
        if users[id(node)] and all(not p.parents for p in node.parents):
            col[id(node)] = min(col[id(u)] for u in users[id(node)]) - 1
    row = {id(root): 0.0}
    for node in reversed(order):  # walk back from the root, spreading each node's parents around it
        k = len(node.parents)
        for i, p in enumerate(node.parents):
            row.setdefault(id(p), row[id(node)] + (i - (k - 1) / 2) * (2.0 if p.parents else 1.0))
    return order, col, row


def draw_graph(ax: Axes, root: Any, names: dict[int, str] | None = None) -> list[Any]:
    """Draw the computational graph that made ``root`` (a :class:`dlmath.autograd.Value` or ``Tensor``).

    Each value is a box holding its operation (``.op``) and its value, with arrows from the
    values it was computed from; leaves are grey.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    root : dlmath.autograd.Value
        The last value computed, such as the loss.
    names : dict, optional
        ``{id(value): "$x_1$"}``: names written instead of numbers.

    Returns
    -------
    list
        The nodes in topological order (each after its parents, ``root`` last), as
        :func:`dlmath.autograd.topological_order` gives them.
    """
    if not hasattr(root, "parents") or not hasattr(root, "op"):
        raise TypeError(f"root must be a dlmath.autograd Value or Tensor, got {type(root).__name__}")
    names = names or {}
    order, col, row = _graph_layout(root)
    for node in order:
        px, py = col[id(node)], row[id(node)]
        value = np.asarray(node.data)
        if value.ndim == 0:  # leaves in full, computed values to 3 digits
            number = f"{float(value):.3g}" if node.parents else f"{float(value):g}"
        else:
            number = f"shape {value.shape}"
        text = names.get(id(node), number)
        if node.parents:
            text = f"{node.op}\n{text}"
        ax.text(
            px, py, text, ha="center", va="center", fontsize=8,
            bbox=dict(boxstyle="round", fc="white" if node.parents else "#eeeeee",
                      ec=PALETTE[0] if node.parents else "gray"),
        )  # fmt: skip
        for p in node.parents:
            ax.annotate(
                "", xy=(px - 0.25, py), xytext=(col[id(p)] + 0.25, row[id(p)]),
                arrowprops=dict(arrowstyle="->", color="gray", lw=0.8),
            )  # fmt: skip
    ys = list(row.values())
    ax.set_xlim(-0.6, max(col.values()) + 0.6)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.axis("off")
    return order


def draw_computation(
    ax: Axes,
    values: Mapping[str, tuple[float, float, float, float | None]],
    ops: Mapping[str, tuple[float, float, str]],
    edges: Sequence[tuple[str, str, str]],
) -> dict[str, list[Any]]:
    r"""Draw a computational graph laid out by hand: values, operations, and local derivatives on the arrows.

    Each value is a box with its forward value above it (blue) and its gradient
    :math:`\partial L/\partial(\cdot)` below it (vermilion); the values of the leftmost column
    (inputs and parameters) have both numbers on their left. Operations are grey boxes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    values : dict
        ``{name: (x, y, value, gradient)}``; the gradient is None for an input that needs none.
    ops : dict
        ``{name: (x, y, symbol)}``, e.g. ``{"add": (3.6, 2.2, "+")}``.
    edges : list of (str, str, str)
        ``(from, to, label)`` between names of ``values`` or ``ops``; the label (a local
        derivative, or "" for none) is written on the arrow.

    Returns
    -------
    dict
        ``"values"`` and ``"ops"``: the boxes' texts; ``"arrows"``: one annotation per edge;
        ``"labels"``: the texts on the arrows.
    """
    where = {name: (v[0], v[1]) for name, v in values.items()}
    both = set(where) & set(ops)
    if both:
        raise ValueError(f"values and ops must not share names, both have {sorted(both)}")
    where.update({name: (o[0], o[1]) for name, o in ops.items()})
    unknown = sorted({n for src, dst, _ in edges for n in (src, dst)} - set(where))
    if unknown:
        raise ValueError(f"edges name {unknown}, which are neither in values nor in ops")
    if not values:
        raise ValueError("values must hold at least one value")
    drawn: dict[str, list[Any]] = {"values": [], "ops": [], "arrows": [], "labels": []}
    xs = [x for x, _ in where.values()]
    ys = [y for _, y in where.values()]
    left = min(v[0] for v in values.values())
    for name, (px, py, value, grad) in values.items():
        box = dict(boxstyle="round", fc="white", ec="black")
        drawn["values"].append(ax.text(px, py, name, ha="center", va="center", fontsize=11, bbox=box))
        if px == left:  # inputs and parameters: numbers to the left of the box
            ax.text(px - 0.35, py + 0.05, f"{value:.4g}", ha="right", va="bottom", color=PALETTE[0], fontsize=9)
            if grad is not None:
                ax.text(px - 0.35, py - 0.05, f"{grad:.4g}", ha="right", va="top", color=PALETTE[3], fontsize=9)
        else:  # intermediate values: value above, gradient below
            ax.text(px, py + 0.32, f"{value:.4g}", ha="center", va="bottom", color=PALETTE[0], fontsize=9)
            if grad is not None:
                ax.text(px, py - 0.32, f"{grad:.4g}", ha="center", va="top", color=PALETTE[3], fontsize=9)
    for px, py, symbol in ops.values():
        box = dict(boxstyle="round,pad=0.25", fc="#eeeeee", ec="gray")
        drawn["ops"].append(ax.text(px, py, symbol, ha="center", va="center", fontsize=11, bbox=box))
    for src, dst, label in edges:
        (x0, y0), (x1, y1) = where[src], where[dst]
        style = dict(arrowstyle="->", color="gray")
        arrow = ax.annotate("", xy=(x1 - 0.3, y1), xytext=(x0 + 0.3, y0), arrowprops=style)
        drawn["arrows"].append(arrow)
        if label:
            lx, ly = (x0 + x1) / 2, (y0 + y1) / 2
            if y1 == y0:  # a horizontal arrow: the label above it
                text = ax.text(lx + 0.1, ly + 0.1, label, fontsize=7.5, ha="center", va="bottom")
            else:  # slanted arrows: beside the middle, above if it goes down, below if it goes up
                up = y1 < y0
                text = ax.text(lx, ly + (0.08 if up else -0.08), label, fontsize=8, ha="center",
                               va="bottom" if up else "top")  # fmt: skip
            drawn["labels"].append(text)
    right, top = max(xs) + 0.3, max(ys) + 0.2
    ax.text(right, top, "forward value", color=PALETTE[0], ha="right")
    ax.text(right, top - 0.4, r"gradient $\partial L/\partial(\cdot)$", color=PALETTE[3], ha="right")
    ax.text(right, top - 0.8, "local derivative (on arrows)", color="black", ha="right")
    ax.set_xlim(min(xs) - 1.2, max(xs) + 0.4)
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.5)
    ax.axis("off")
    return drawn
