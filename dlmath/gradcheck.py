r"""Gradient checking: compare an analytic gradient with finite differences.

The centred difference

.. math:: \frac{\partial f}{\partial x_i} \approx \frac{f(x + \epsilon e_i) - f(x - \epsilon e_i)}{2\epsilon}

has error of order :math:`\epsilon^2`, so in float64 with :math:`\epsilon = 10^{-6}` a
correct backward pass agrees to about :math:`10^{-8}` in relative error, while a bug gives an
error near 1. It needs two evaluations of ``f`` per coordinate, so it loops over the entries
on purpose: it is a test, not a way to train.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from ._validate import as_float_array, check_positive

if TYPE_CHECKING:
    from .losses import Loss
    from .network import Network

__all__ = ["numerical_gradient", "relative_error", "gradcheck", "check_network_gradients"]


def _centred_differences(f: Callable[[], float], x: np.ndarray, eps: float) -> np.ndarray:
    """Perturb ``x`` (float64, in place, restored) one entry at a time; ``f()`` reads it."""
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    if not np.shares_memory(flat, x):
        raise ValueError("the array to perturb must be contiguous")
    for i in range(flat.size):  # one coordinate at a time: the loop is the method
        old = flat[i]
        flat[i] = old + eps
        f_plus = f()
        flat[i] = old - eps
        f_minus = f()
        flat[i] = old
        gflat[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def numerical_gradient(f: Callable[[np.ndarray], float], x: ArrayLike, eps: float = 1e-6) -> np.ndarray:
    """Gradient of a scalar function by centred finite differences, in float64.

    Parameters
    ----------
    f : callable, ``f(x) -> float``
    x : array_like, any shape
        The point; it is copied to float64 and never modified.
    eps : float, default 1e-6

    Returns
    -------
    numpy.ndarray, shape of ``x``
    """
    eps = check_positive(eps, "eps")
    x = np.array(as_float_array(x, "x"), dtype=np.float64, order="C", copy=True)
    return _centred_differences(lambda: float(f(x)), x, eps)


def relative_error(a: ArrayLike, b: ArrayLike) -> float:
    r"""Relative error between two arrays of the same shape (0 when both are 0).

    .. math:: \frac{\lVert a - b\rVert}{\lVert a\rVert + \lVert b\rVert}

    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> round(relative_error([1.0, 0.0], [0.0, 1.0]), 4)        # sqrt(2) / 2
    0.7071
    """
    a = as_float_array(a, "a", finite=False)
    b = as_float_array(b, "b", finite=False)
    if a.shape != b.shape:
        raise ValueError(f"cannot compare gradients of shapes {a.shape} and {b.shape}")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def gradcheck(
    f: Callable[[np.ndarray], float],
    x: ArrayLike,
    grad: ArrayLike | Callable[[np.ndarray], ArrayLike],
    eps: float = 1e-6,
    tol: float = 1e-6,
    raise_on_fail: bool = False,
) -> float:
    """Relative error between an analytic gradient and finite differences.

    Parameters
    ----------
    f : callable, ``f(x) -> float``
    x : array_like
    grad : array_like of the shape of ``x``, or callable ``grad(x) -> array``
        The analytic gradient to check.
    eps : float
    tol : float
        Threshold for ``raise_on_fail``.
    raise_on_fail : bool
        Raise an ``AssertionError`` when the error exceeds ``tol``.

    Returns
    -------
    float
        The relative error (about 1e-8 or less for a correct gradient).
    """
    x = as_float_array(x, "x")
    analytic = grad(x.copy()) if callable(grad) else grad
    err = relative_error(analytic, numerical_gradient(f, x, eps))
    if raise_on_fail and err > tol:
        raise AssertionError(f"gradient check failed: relative error {err:.3g} > tolerance {tol:g}")
    return err


def check_network_gradients(
    net: Network, loss: str | Loss, X: ArrayLike, y: ArrayLike, eps: float = 1e-6
) -> dict[str, float]:
    """Check every parameter gradient of a network's backward pass by finite differences.

    Parameters
    ----------
    net : dlmath.network.Network (float64 parameters)
    loss : str or dlmath.losses.Loss
    X : array_like, shape (batch, n_in)
    y : targets as the loss expects them

    Returns
    -------
    dict
        ``{"W1": err, "b1": err, ...}``: relative errors; below ~1e-6 means correct.
    """
    from .losses import get_loss

    loss = get_loss(loss)
    out = net.forward(X)
    net.backward(loss.grad(out, y))
    analytic = [g.copy() for g in net.gradients()]
    errors = {}
    for name, p, g in zip(net.parameter_names(), net.parameters(), analytic):
        original = p.copy()
        numeric = _centred_differences(lambda: loss.value(net.forward(X), y), p, eps)
        p[...] = original  # exactly as before, not old + eps - eps
        errors[name] = relative_error(g, numeric)
    return errors
