"""The states of the matrix stepper: what each step of ``A @ B`` (or ``A.T``, ``c*A``, ``A + B``) shows.

:func:`matmul_step` is a pure function of the step number ``k``: which result entry is filled,
which input cells it reads, the arithmetic written out, and the partial result. The whole
result comes from :mod:`dlmath.ops`, so a wrong shape gets the same error as in the course.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import ops
from .._validate import as_float_array
from ._app import fmt, fmt_paren

__all__ = [
    "MODES",
    "MAX_SIZE",
    "MatmulStep",
    "entries",
    "final_result",
    "fix_hint",
    "matmul_step",
    "n_steps",
    "parse_matrix",
]

MODES = {"product": "A @ B", "transpose": "Aᵀ", "scale": "c · A", "add": "A + B"}
MAX_SIZE = 6  # rows or columns: larger matrices do not fit the picture


@dataclass(frozen=True)
class MatmulStep:
    """What step ``k`` of the stepper shows.

    Attributes
    ----------
    k : int
        Step number, 1 .. n_steps (one result entry per step, row by row).
    cell : (int, int)
        The result entry filled at this step.
    sources : dict str -> list of (int, int)
        Cells read from each input, e.g. ``{"A": [row i], "B": [column j]}``.
    expression : str
        The arithmetic, e.g. ``"C[0, 0] = 1·7 + 2·9 + 3·11 = 58"``.
    result : numpy.ndarray
        The result so far: entries 1..k filled (in row-major order), the rest NaN.
    """

    k: int
    cell: tuple
    sources: dict
    expression: str
    result: np.ndarray


def final_result(A, B=None, mode="product", c=2.0):
    """The whole result of the operation, computed by :mod:`dlmath.ops` (raises on bad shapes)."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; valid modes are {', '.join(map(repr, MODES))}")
    A = as_float_array(A, "A", ndim=2)
    if mode == "product":
        return ops.matmul(A, B)
    if mode == "transpose":
        return ops.transpose(A)
    if mode == "scale":
        return ops.scale(c, A)
    return ops.add(A, B)


def n_steps(A, B=None, mode="product", c=2.0):
    """Number of steps: one per entry of the result."""
    return final_result(A, B, mode, c).size


def matmul_step(A, B=None, k=1, mode="product", c=2.0):
    """The state after step ``k`` of computing ``A @ B``, ``A.T``, ``c * A`` or ``A + B``.

    Parameters
    ----------
    A : array_like, shape (m, n)
    B : array_like, shape (n, p) for "product", (m, n) for "add"; ignored otherwise
    k : int
        1 .. number of result entries; entries are filled row by row.
    mode : {"product", "transpose", "scale", "add"}
    c : float
        The scalar for "scale".

    Returns
    -------
    MatmulStep
    """
    final = final_result(A, B, mode, c)
    A = np.asarray(A, dtype=float)
    total = final.size
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= total:
        raise ValueError(f"k must be an integer step from 1 to {total}, got {k!r}")
    i, j = divmod(int(k) - 1, final.shape[1])
    result = np.where(np.arange(total).reshape(final.shape) < k, final, np.nan)
    value = fmt(final[i, j])
    if mode == "product":
        B = np.asarray(B, dtype=float)
        terms = " + ".join(f"{fmt_paren(a)}·{fmt_paren(b)}" for a, b in zip(A[i], B[:, j]))
        sources = {"A": [(i, col) for col in range(A.shape[1])], "B": [(row, j) for row in range(B.shape[0])]}
        expression = f"C[{i}, {j}] = (row {i} of A) · (column {j} of B) = {terms} = {value}"
    elif mode == "transpose":
        sources = {"A": [(j, i)]}
        expression = f"Aᵀ[{i}, {j}] = A[{j}, {i}] = {value}   (row {j} of A becomes column {j} of Aᵀ)"
    elif mode == "scale":
        sources = {"A": [(i, j)]}
        expression = f"(cA)[{i}, {j}] = c·A[{i}, {j}] = {fmt_paren(c)}·{fmt_paren(A[i, j])} = {value}"
    else:
        B = np.asarray(B, dtype=float)
        sources = {"A": [(i, j)], "B": [(i, j)]}
        expression = f"(A + B)[{i}, {j}] = A[{i}, {j}] + B[{i}, {j}] = {fmt(A[i, j])} + {fmt_paren(B[i, j])} = {value}"
    return MatmulStep(int(k), (i, j), sources, expression, result)


def entries(n):
    """``"1 entry"``, ``"3 entries"``."""
    return f"{n} entry" if n == 1 else f"{n} entries"


def fix_hint(message, mode, A):
    """An error message with what to do about it, e.g. "...: edit B to a 2×3 matrix" for A + B."""
    if mode == "add" and "equal shapes" in message:
        return f"{message}: edit B to a {A.shape[0]}×{A.shape[1]} matrix"
    if mode == "product" and "columns" in message:
        return f"{message}: give B {A.shape[1]} rows (or A as many columns as B has rows)"
    return message


def parse_matrix(text, name="A"):
    """Read a matrix typed as ``"1 2 3; 4 5 6"`` (rows split by ``;`` or new lines) or ``[[1, 2], [3, 4]]``.

    Returns
    -------
    numpy.ndarray, shape (rows, columns), float
    """
    cleaned = text.replace("],", ";").replace("[", " ").replace("]", " ").replace("\n", ";")
    rows = [r.replace(",", " ").split() for r in cleaned.split(";") if r.strip()]
    if not rows:
        raise ValueError(f"{name} is empty; type rows like 1 2 3; 4 5 6")
    for r, row in enumerate(rows):
        if len(row) != len(rows[0]):
            raise ValueError(
                f"row {r} of {name} has {entries(len(row))} but row 0 has {entries(len(rows[0]))}; "
                "every row needs the same number"
            )
        for entry in row:
            try:
                float(entry)
            except ValueError:
                raise ValueError(f"{name}: {entry!r} is not a number") from None
    M = np.array(rows, dtype=float)
    if not np.isfinite(M).all():
        raise ValueError(f"{name} contains NaN or infinity")
    if max(M.shape) > MAX_SIZE:
        raise ValueError(f"{name} is {M.shape[0]}x{M.shape[1]}; the stepper shows matrices up to {MAX_SIZE}x{MAX_SIZE}")
    return M
