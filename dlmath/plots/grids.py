"""Pictures made of matrix grids: a stack of matrices (a 3-D tensor) and a matrix product.

Both are built from :func:`dlmath.plots.matrix.draw_matrix` and return its
:class:`~dlmath.plots.matrix.MatrixArtists`, so their cells can be recoloured in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from .._validate import as_float_array, check_int
from .curves import PALETTE
from .matrix import MatrixArtists, draw_matrix

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["draw_stack", "draw_product"]


def _frame(ax: Axes, x0: float, y0: float, x1: float, y1: float) -> None:
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


def draw_stack(
    ax: Axes,
    T: ArrayLike,
    *,
    dx: float = 0.9,
    dy: float = 0.7,
    colors: list[str] | None = None,
    fmt: str | Callable[[float], str] = "{:g}",
) -> list[MatrixArtists]:
    """Draw a 3-D tensor as a stack of matrices, ``T[k]`` behind ``T[k - 1]``, with its three axes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    T : array_like, shape (n, rows, cols)
        ``n`` matrices of shape (rows, cols).
    dx, dy : float
        How far each matrix is shifted right and up from the one in front of it.
    colors : list of str, optional
        Fill colour of matrix k is ``colors[k % len(colors)]`` (default: three of :data:`PALETTE`).

    Returns
    -------
    list of MatrixArtists
        One per matrix, front (``T[0]``) first.
    """
    values = as_float_array(T, "T", ndim=3, finite=False)
    n, rows, cols = values.shape
    if min(values.shape) == 0:
        raise ValueError(f"T must have at least one entry along each axis, got shape {values.shape}")
    colors = colors or [PALETTE[5], PALETTE[1], PALETTE[2]]
    grids = []
    for k in range(n):
        ox, oy = k * dx, k * dy
        color = colors[k % len(colors)]
        grid = draw_matrix(ax, values[k], xy=(ox, oy), facecolor=color, fmt=fmt, fontsize=9, zorder=10 * (n - k))
        grid.labels.append(ax.text(ox - 0.12, oy + rows - 0.5, f"T[{k}]", ha="right", va="center", fontsize=10,
                                   zorder=10 * (n - k) + 1))  # fmt: skip
        grids.append(grid)
    ax.annotate("", xy=(cols, -0.35), xytext=(0, -0.35), arrowprops=dict(arrowstyle="<->"))
    ax.text(cols / 2, -0.75, f"axis 2: {cols} columns", ha="center", va="top")
    ax.annotate("", xy=(-1.4, 0), xytext=(-1.4, rows), arrowprops=dict(arrowstyle="<->"))
    ax.text(-1.55, rows / 2, f"axis 1:\n{rows} rows", ha="right", va="center")
    back = (cols + (n - 1) * dx + 1.3, rows + (n - 1) * dy)
    ax.annotate("", xy=back, xytext=(cols + 1.3, rows), arrowprops=dict(arrowstyle="->"))
    ax.text(back[0] + 0.2, back[1], f"axis 0: {n} matri{'ces' if n > 1 else 'x'}", va="center")
    _frame(ax, -3.4, -1.4, cols + n * dx + 4.5, rows + n * dy + 0.4)
    return grids


def draw_product(
    ax: Axes,
    A: ArrayLike,
    B: ArrayLike,
    i: int,
    j: int,
    *,
    colors: tuple[str, str, str] = (PALETTE[1], PALETTE[5], PALETTE[2]),
) -> dict[str, MatrixArtists]:
    r"""Draw ``A @ B = C`` with row ``i`` of A, column ``j`` of B and the entry ``C[i, j]`` they make lit.

    .. math:: C_{ij} = \sum_k A_{ik} B_{kj}

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    A : array_like, shape (m, n)
    B : array_like, shape (n, p)
    i, j : int
        The entry of C to explain: 0 <= i < m, 0 <= j < p.
    colors : (str, str, str)
        Highlight colours of A's row, B's column and C's entry.

    Returns
    -------
    dict
        ``{"A": MatrixArtists, "B": ..., "C": ...}``; the title states the sum of products.
    """
    A_ = as_float_array(A, "A", ndim=2)
    B_ = as_float_array(B, "B", ndim=2)
    if A_.shape[1] != B_.shape[0]:
        raise ValueError(
            f"A @ B needs the number of columns of the first to equal the number of rows of the second: "
            f"A has shape {A_.shape}, B has shape {B_.shape}"
        )
    m, p = A_.shape[0], B_.shape[1]
    i = check_int(i, "i")
    j = check_int(j, "j")
    if i >= m:
        raise ValueError(f"i must be a row of A (0 <= i < {m}), got {i}")
    if j >= p:
        raise ValueError(f"j must be a column of B (0 <= j < {p}), got {j}")
    C = A_ @ B_
    height = max(m, B_.shape[0])
    grids: dict[str, MatrixArtists] = {}
    x = 0.0
    for name, M, lit, color, sign in [
        ("A", A_, np.arange(m)[:, None] == i, colors[0], "@"),
        ("B", B_, np.arange(p)[None, :] == j, colors[1], "="),
        ("C", C, [(i, j)], colors[2], None),
    ]:
        mask = np.broadcast_to(lit, M.shape) if not isinstance(lit, list) else lit
        grids[name] = draw_matrix(ax, M, xy=(x, height - M.shape[0]), highlight=mask, color=color)
        x += M.shape[1]
        if sign:
            ax.text(x + 0.5, height - 1.5, sign, ha="center", va="center", fontsize=14)
            x += 1
    fmt = "{:g}".format
    terms = " + ".join(f"{fmt(a)}*{fmt(b)}" for a, b in zip(A_[i], B_[:, j]))
    ax.set_title(f"C[{i}, {j}] = (row {i} of A) . (column {j} of B) = {terms} = {fmt(C[i, j])}", fontsize=10)
    _frame(ax, -0.2, -0.2, x + 0.2, height + 0.2)
    return grids
