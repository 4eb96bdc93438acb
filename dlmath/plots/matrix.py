"""A matrix drawn as a grid of boxes: :func:`draw_matrix`, the one grid drawer of the course.

The stack, the product (:mod:`dlmath.plots.grids`) and the matmul widget are built from it. It returns the
artists it made (a :class:`MatrixArtists`), so an animation or a widget can recolour cells
(:meth:`MatrixArtists.set_highlight`) or change the numbers (:meth:`MatrixArtists.set_values`)
without drawing the grid again.

Coordinates: one box is 1 x 1 data units; entry ``(i, j)`` of a matrix drawn at ``xy=(x, y)``
is the box whose lower-left corner is ``(x + j, y + rows - 1 - i)``, so row 0 is at the top,
as it is printed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.patches import Rectangle
from numpy.typing import ArrayLike

from .._validate import as_float_array
from .curves import PALETTE

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Text

__all__ = ["MatrixArtists", "draw_matrix"]

Cell = tuple[int, int]


def _formatter(fmt: str | Callable[[float], str]) -> Callable[[float], str]:
    if callable(fmt):
        return fmt
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a format string such as '{{:g}}' or a function, got {type(fmt).__name__}")
    return fmt.format


def _cells(highlight: ArrayLike | Iterable[Cell] | None, shape: tuple[int, int]) -> set[Cell]:
    """The cells a ``highlight`` argument names: None, a boolean mask of ``shape``, or (i, j) pairs."""
    if highlight is None:
        return set()
    arr = np.asarray(list(highlight) if not isinstance(highlight, np.ndarray) else highlight)  # type: ignore[arg-type]
    if arr.dtype == bool:
        if arr.shape != shape:
            raise ValueError(f"highlight as a boolean mask must have the matrix's shape {shape}, got {arr.shape}")
        return {(int(i), int(j)) for i, j in zip(*np.nonzero(arr))}
    if arr.size == 0:
        return set()
    if arr.ndim != 2 or arr.shape[1] != 2 or arr.dtype.kind not in "iu":
        raise ValueError(
            f"highlight must be a boolean mask of shape {shape} or (row, column) pairs of ints, got {highlight!r}"
        )
    outside = [(int(i), int(j)) for i, j in arr if not (0 <= i < shape[0] and 0 <= j < shape[1])]
    if outside:
        raise ValueError(f"highlight names the cell {outside[0]}, outside a matrix of shape {shape}")
    return {(int(i), int(j)) for i, j in arr}


@dataclass
class MatrixArtists:
    """What :func:`draw_matrix` drew, so it can be changed in place.

    Attributes
    ----------
    cells : dict
        ``{(i, j): Rectangle}``, the box of each entry.
    texts : dict
        ``{(i, j): Text}``, the number written in each box.
    labels : list of matplotlib.text.Text
        Everything else written (index labels, row and column headings, the label above).
    extent : tuple of float
        ``(x0, y0, x1, y1)``, the corners of the grid in data coordinates.
    color : str
        The colour :meth:`set_highlight` uses when it is given none.
    """

    cells: dict[Cell, Rectangle]
    texts: dict[Cell, Text]
    labels: list[Text] = field(default_factory=list)
    extent: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    color: str = PALETTE[1]
    facecolor: str = "white"
    fmt: Callable[[float], str] = "{:g}".format

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns) of the matrix drawn."""
        rows = 1 + max(i for i, _ in self.cells)
        cols = 1 + max(j for _, j in self.cells)
        return rows, cols

    def set_highlight(self, highlight: ArrayLike | Iterable[Cell] | None, color: str | None = None) -> list[Rectangle]:
        """Colour the cells ``highlight`` names (a boolean mask or (i, j) pairs), every other cell plain.

        Returns the boxes, for a caller that redraws only what changed (blitting).
        """
        lit = _cells(highlight, self.shape)
        for cell, rect in self.cells.items():
            rect.set_facecolor((color or self.color) if cell in lit else self.facecolor)
        return list(self.cells.values())

    def set_values(self, M: ArrayLike) -> list[Text]:
        """Write the entries of ``M`` (same shape) in the boxes; a NaN entry leaves its box empty."""
        values = as_float_array(M, "M", ndim=2, finite=False)
        if values.shape != self.shape:
            raise ValueError(f"M must have the drawn matrix's shape {self.shape}, got {values.shape}")
        for (i, j), text in self.texts.items():
            value = values[i, j]
            text.set_text("" if np.isnan(value) else self.fmt(value))
        return list(self.texts.values())


def draw_matrix(
    ax: Axes,
    M: ArrayLike,
    *,
    xy: tuple[float, float] = (0.0, 0.0),
    highlight: ArrayLike | Iterable[Cell] | None = None,
    color: str = PALETTE[1],
    facecolor: str = "white",
    edgecolor: str = "black",
    fmt: str | Callable[[float], str] = "{:g}",
    fontsize: float = 12,
    indices: bool = False,
    headers: bool = False,
    label: str | None = None,
    zorder: float = 1,
    frame: bool = True,
) -> MatrixArtists:
    """Draw the matrix ``M`` as a grid of boxes holding its entries, row 0 at the top.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    M : array_like, shape (rows, cols)
        The numbers to write. A NaN entry gives an empty box (a result not computed yet).
    xy : (float, float), default (0, 0)
        Lower-left corner of the grid; each box is 1 x 1.
    highlight : boolean array of shape (rows, cols), or iterable of (i, j), optional
        Cells filled with ``color``; the others are filled with ``facecolor``.
    fmt : str or callable, default "{:g}"
        How an entry is written: a format string or a function of the number.
    indices : bool, default False
        Write ``[i, j]`` small under each number.
    headers : bool, default False
        Write "row i" left of each row and "col j" above each column.
    label : str, optional
        A caption above the grid, such as ``"A (2×3)"``.
    zorder : float, default 1
        Boxes at ``zorder``, text just above (for grids drawn over each other).
    frame : bool, default True
        Make the axes fit the picture: square boxes (equal aspect), no axis frame, the grid and
        its headings in view. False leaves the axes alone, for a caller that lays out several
        grids and sets its own limits (the matmul widget).

    Returns
    -------
    MatrixArtists
        The boxes, numbers and labels, to recolour or rewrite later.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> grid = draw_matrix(ax, [[1, 2, 3], [4, 5, 6]], highlight=[(0, 1)])
    >>> grid.shape, grid.texts[1, 2].get_text(), grid.cells[1, 2].get_xy()
    ((2, 3), '6', (2.0, 0.0))
    >>> plt.close(fig)
    """
    values = as_float_array(M, "M", ndim=2, finite=False)
    rows, cols = values.shape
    if rows == 0 or cols == 0:
        raise ValueError(f"M must have at least one row and one column, got shape {values.shape}")
    to_text = _formatter(fmt)
    x0, y0 = (float(v) for v in xy)
    cells: dict[Cell, Rectangle] = {}
    texts: dict[Cell, Text] = {}
    labels: list[Text] = []
    for (i, j), value in np.ndenumerate(values):  # a loop over entries, only to draw them
        x, y = x0 + j, y0 + rows - 1 - i
        cells[i, j] = Rectangle((x, y), 1, 1, facecolor=facecolor, edgecolor=edgecolor, lw=1, zorder=zorder)
        ax.add_patch(cells[i, j])
        text = "" if np.isnan(value) else to_text(value)
        texts[i, j] = ax.text(
            x + 0.5, y + (0.58 if indices else 0.5), text, ha="center", va="center", fontsize=fontsize,
            zorder=zorder + 0.5, clip_on=True,
        )  # fmt: skip
        if indices:
            labels.append(
                ax.text(x + 0.5, y + 0.2, f"[{i}, {j}]", ha="center", va="center", fontsize=8, color="0.35",
                        zorder=zorder + 0.5)
            )  # fmt: skip
    top = y0 + rows
    if headers:
        labels += [
            ax.text(x0 + j + 0.5, top + 0.15, f"col {j}", ha="center", va="bottom", fontsize=9) for j in range(cols)
        ]
        labels += [
            ax.text(x0 - 0.1, y0 + rows - 1 - i + 0.5, f"row {i}", ha="right", va="center", fontsize=9)
            for i in range(rows)
        ]
    if label is not None:
        labels.append(
            ax.text(x0 + cols / 2, top + (0.6 if headers else 0.25), label, ha="center", va="bottom", fontsize=11)
        )
    grid = MatrixArtists(cells, texts, labels, (x0, y0, x0 + cols, top), color, facecolor, to_text)
    grid.set_highlight(highlight)
    if frame:  # the grid and its headings in view (texts do not count for autoscaling, boxes do)
        left = x0 - (0.9 if headers else 0.1)
        above = top + (0.6 if headers else 0.1) + (0.5 if label is not None else 0.0)
        ax.update_datalim([(left, y0 - 0.1), (x0 + cols + 0.1, above)])
        ax.set_aspect("equal")
        ax.axis("off")
        ax.autoscale_view()
    return grid
