"""Scalars, vectors, matrices: the operations a neural network is made of.

Each function is one line of NumPy wrapped in a shape check, so a mistake gets a message
that teaches the rule instead of a NumPy traceback. ``matmul_loops`` spells the matrix
product out as three loops: slow on purpose, to read and to time against ``matmul``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validate import as_float_array

__all__ = ["scale", "add", "matmul", "transpose", "dot", "weighted_sum", "matmul_loops"]


def scale(c: float, A: ArrayLike) -> np.ndarray:
    r"""Multiply every entry of ``A`` by the scalar ``c``.

    Parameters
    ----------
    c : float
        The scalar.
    A : array_like, any shape
        A scalar, vector, matrix or tensor.

    Returns
    -------
    numpy.ndarray, same shape as ``A``

    .. math:: (cA)_{ij} = c\,A_{ij}
    """
    c_arr = as_float_array(c, "c")
    if c_arr.ndim != 0:
        raise ValueError(f"c must be a scalar (a single number), got an array of shape {c_arr.shape}")
    return c_arr * as_float_array(A, "A")


def add(A: ArrayLike, B: ArrayLike) -> np.ndarray:
    """Add two arrays of the same shape, entry by entry.

    Parameters
    ----------
    A, B : array_like, same shape

    Returns
    -------
    numpy.ndarray, same shape

    .. math:: (A + B)_{ij} = A_{ij} + B_{ij}
    """
    A, B = as_float_array(A, "A"), as_float_array(B, "B")
    if A.shape != B.shape:
        raise ValueError(f"matrix addition needs equal shapes, got A {A.shape} and B {B.shape}")
    return A + B


def _check_matmul_shapes(A: np.ndarray, B: np.ndarray) -> None:
    if A.ndim not in (1, 2) or B.ndim not in (1, 2):
        raise ValueError(f"matmul takes vectors or matrices (1-D or 2-D), got A {A.shape} and B {B.shape}")
    inner_a = A.shape[-1]
    inner_b = B.shape[0]
    if inner_a != inner_b:
        raise ValueError(
            f"cannot multiply A of shape {A.shape} by B of shape {B.shape}: the number of columns of "
            f"the first ({inner_a}) must equal the number of rows of the second ({inner_b})"
        )


def matmul(A: ArrayLike, B: ArrayLike) -> np.ndarray:
    r"""Matrix product ``A @ B``, with the shape rule checked.

    Parameters
    ----------
    A : array_like, shape (m, n) or (n,)
    B : array_like, shape (n, p) or (n,)

    Returns
    -------
    numpy.ndarray, shape (m, p) (a vector or scalar when an input is 1-D)

    .. math:: (AB)_{ij} = \sum_{k=1}^{n} A_{ik} B_{kj}

    Each entry is the dot product of row ``i`` of A and column ``j`` of B, so the number of
    columns of A must equal the number of rows of B.
    """
    A, B = as_float_array(A, "A"), as_float_array(B, "B")
    _check_matmul_shapes(A, B)
    return A @ B


def transpose(A: ArrayLike) -> np.ndarray:
    r"""Swap rows and columns: row ``i`` of ``A`` becomes column ``i``.

    Parameters
    ----------
    A : array_like, shape (m, n) (a 1-D vector is returned unchanged)

    Returns
    -------
    numpy.ndarray, shape (n, m), a view of ``A``

    .. math:: (A^\top)_{ij} = A_{ji}
    """
    A = as_float_array(A, "A")
    if A.ndim > 2:
        raise ValueError(f"transpose takes a vector or a matrix, got shape {A.shape}")
    return A.T


def dot(u: ArrayLike, v: ArrayLike) -> float:
    r"""Dot product of two vectors of equal length.

    Parameters
    ----------
    u, v : array_like, shape (n,)

    Returns
    -------
    float

    .. math:: u \cdot v = \sum_{k=1}^{n} u_k v_k
    """
    u, v = as_float_array(u, "u", ndim=1), as_float_array(v, "v", ndim=1)
    if u.shape != v.shape:
        raise ValueError(f"dot needs vectors of equal length, got u {u.shape} and v {v.shape}")
    return float(u @ v)


def weighted_sum(inputs: ArrayLike, weights: ArrayLike, bias: ArrayLike) -> np.ndarray:
    r"""The weighted sum of a layer: ``inputs @ weights.T + bias``.

    Parameters
    ----------
    inputs : array_like, shape (batch, n_in) or (n_in,)
        One sample per row.
    weights : array_like, shape (n_out, n_in)
        Row ``j`` holds the weights into output node ``j``.
    bias : array_like, shape (n_out,)
        The bias node's weights.

    Returns
    -------
    numpy.ndarray, shape (batch, n_out) or (n_out,)

    .. math:: Z = X W^\top + b, \qquad z_j = \sum_i x_i W_{ji} + b_j
    """
    X = as_float_array(inputs, "inputs", ndim=(1, 2))
    W = as_float_array(weights, "weights", ndim=2)
    b = as_float_array(bias, "bias", ndim=1)
    if X.shape[-1] != W.shape[1]:
        raise ValueError(
            f"inputs have {X.shape[-1]} features (shape {X.shape}) but weights of shape {W.shape} "
            f"expect {W.shape[1]}: weights must be (n_out, n_in)"
        )
    if b.shape != (W.shape[0],):
        raise ValueError(f"bias must have shape ({W.shape[0]},) to match weights {W.shape}, got {b.shape}")
    return X @ W.T + b


def matmul_loops(A: ArrayLike, B: ArrayLike) -> np.ndarray:
    r"""Matrix product with three explicit Python loops: slow on purpose, for teaching.

    Same result as :func:`matmul` for 2-D inputs; compare the two with ``%timeit`` to see why
    deep learning code is vectorised.

    Parameters
    ----------
    A : array_like, shape (m, n)
    B : array_like, shape (n, p)

    Returns
    -------
    numpy.ndarray, shape (m, p)

    .. math:: C_{ij} = \sum_{k=0}^{n-1} A_{ik} B_{kj} \quad (\text{indices from 0, as in NumPy})
    """
    A, B = as_float_array(A, "A", ndim=2), as_float_array(B, "B", ndim=2)
    _check_matmul_shapes(A, B)
    m, n = A.shape
    p = B.shape[1]
    C = np.zeros((m, p))
    for i in range(m):  # every row of A ...
        for j in range(p):  # ... meets every column of B
            total = 0.0
            for k in range(n):  # dot product of row i and column j
                total += A[i, k] * B[k, j]
            C[i, j] = total
    return C
