"""Loss functions and their gradients with respect to the prediction.

All losses reduce by the **mean**, like ``torch.nn.functional``: the value does not grow
with the batch size, and so neither does the gradient. Classification losses take
**logits** (scores before softmax / sigmoid) and work in log space, which is stable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._validate import as_class_labels, as_float_array, lookup
from .activations import sigmoid, softmax

__all__ = [
    "mse",
    "mse_grad",
    "log_softmax",
    "cross_entropy",
    "cross_entropy_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "Loss",
    "LOSSES",
    "get_loss",
]


def _pair(y_pred: ArrayLike, y_true: ArrayLike, a: str = "y_pred", b: str = "y_true") -> tuple[np.ndarray, np.ndarray]:
    p = as_float_array(y_pred, a)
    t = as_float_array(y_true, b)
    if p.shape != t.shape:
        raise ValueError(f"{a} has shape {p.shape} but {b} has shape {t.shape}; they must be equal")
    if p.size == 0:
        raise ValueError(f"{a} is empty: a loss needs at least one sample")
    return p, t


def mse(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    r"""Mean squared error, averaged over all elements.

    .. math:: L = \frac{1}{N} \sum_{i} (\hat y_i - y_i)^2

    Parameters
    ----------
    y_pred, y_true : array_like, same shape (e.g. (batch, outputs)); N = number of elements

    Returns
    -------
    float
    """
    p, t = _pair(y_pred, y_true)
    d = p - t
    return float(np.mean(d * d))


def mse_grad(y_pred: ArrayLike, y_true: ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`mse` with respect to ``y_pred``: :math:`\frac{2}{N}(\hat y - y)`.

    Returns
    -------
    numpy.ndarray, shape of ``y_pred``
    """
    p, t = _pair(y_pred, y_true)
    return (2.0 / p.size) * (p - t)


def log_softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Stable log-softmax: :math:`z_j - \max z - \log \sum_i e^{z_i - \max z}`.

    The log-sum-exp is computed after subtracting the maximum, so no exponent is positive
    and no logarithm is taken of 0 (see [1]_ for the error analysis).

    Parameters
    ----------
    z : array_like, shape (..., k)

    Returns
    -------
    numpy.ndarray, same shape

    References
    ----------
    .. [1] P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the log-sum-exp
       and softmax functions", IMA Journal of Numerical Analysis 41(4), 2021.
    """
    z = as_float_array(z, "logits")
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def _targets(logits: ArrayLike, labels: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return (logits (n, k), target probabilities (n, k)) after checking both."""
    z = as_float_array(logits, "logits", ndim=2)
    n, k = z.shape
    if n == 0:
        raise ValueError("logits is empty: cross-entropy needs at least one sample")
    y = np.asarray(labels)
    if y.ndim == 1:
        y = as_class_labels(y, k, "labels", n=n)
        Y = np.zeros((n, k))
        Y[np.arange(n), y] = 1.0
        return z, Y
    Y = as_float_array(y, "labels", ndim=2)
    if Y.shape != z.shape:
        raise ValueError(f"one-hot labels have shape {Y.shape} but logits have shape {z.shape}")
    if Y.min() < 0 or not np.allclose(Y.sum(axis=1), 1.0):
        raise ValueError("labels of shape (n, k) must be one-hot or probabilities: non-negative rows summing to 1")
    return z, Y


def cross_entropy(logits: ArrayLike, labels: ArrayLike) -> float:
    r"""Cross-entropy from logits, averaged over the batch (``torch.nn.functional.cross_entropy``).

    .. math:: L = -\frac{1}{n} \sum_{i=1}^{n} \sum_{j=1}^{k} Y_{ij} \log \mathrm{softmax}(z_i)_j

    Parameters
    ----------
    logits : array_like, shape (n, k)
        Scores before softmax.
    labels : array_like, shape (n,) of ints in [0, k), or shape (n, k) one-hot / probabilities

    Returns
    -------
    float
    """
    z, Y = _targets(logits, labels)
    return float(-(Y * log_softmax(z)).sum() / z.shape[0])


def cross_entropy_grad(logits: ArrayLike, labels: ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`cross_entropy` with respect to the logits.

    .. math:: \frac{\partial L}{\partial z} = \frac{1}{n}(\mathrm{softmax}(z) - Y)

    Returns
    -------
    numpy.ndarray, shape (n, k)
    """
    z, Y = _targets(logits, labels)
    return (softmax(z) - Y) / z.shape[0]


def binary_cross_entropy(logits: ArrayLike, targets: ArrayLike) -> float:
    r"""Binary cross-entropy from logits (``binary_cross_entropy_with_logits``), mean over elements.

    .. math:: L = \frac{1}{N} \sum_i \left[\max(z_i, 0) - z_i t_i + \log(1 + e^{-|z_i|})\right]

    which equals :math:`-\frac{1}{N}\sum_i [t_i \log \sigma(z_i) + (1 - t_i) \log(1 - \sigma(z_i))]`
    without ever taking the log of 0.

    Parameters
    ----------
    logits : array_like, shape (n,) or (n, 1) or any shape
    targets : array_like, same shape, values in [0, 1]

    Returns
    -------
    float
    """
    z, t = _pair(logits, targets, "logits", "targets")
    if t.min() < 0 or t.max() > 1:
        raise ValueError(f"targets must be in [0, 1], got values from {t.min()} to {t.max()}")
    return float(np.mean(np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))))


def binary_cross_entropy_grad(logits: ArrayLike, targets: ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`binary_cross_entropy`: :math:`\frac{1}{N}(\sigma(z) - t)`.

    Returns
    -------
    numpy.ndarray, shape of ``logits``
    """
    z, t = _pair(logits, targets, "logits", "targets")
    return (sigmoid(z) - t) / z.size


@dataclass(frozen=True)
class Loss:
    """A loss with its gradient. ``classify`` says whether accuracy is meaningful for it."""

    name: str
    value: Callable
    grad: Callable
    classify: bool = False

    def __call__(self, y_pred: ArrayLike, y_true: ArrayLike) -> float:
        return self.value(y_pred, y_true)

    def value_and_grad(self, y_pred: ArrayLike, y_true: ArrayLike) -> tuple[float, np.ndarray]:
        """Return ``(value, gradient)`` for one batch."""
        return self.value(y_pred, y_true), self.grad(y_pred, y_true)


def _ce_value_and_grad(logits: ArrayLike, labels: ArrayLike) -> tuple[float, np.ndarray]:
    """Value and gradient of the cross-entropy from one softmax, inputs checked."""
    z = as_float_array(logits, "logits", ndim=2)
    y = np.asarray(labels)
    if y.ndim != 1:  # one-hot / probabilities: the two functions, each from its formula
        return cross_entropy(z, labels), cross_entropy_grad(z, labels)
    n, k = z.shape
    if n == 0:
        raise ValueError("logits is empty: cross-entropy needs at least one sample")
    return _ce_labels(z, as_class_labels(y, k, "labels", n=n))


def _ce_labels(z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Cross-entropy value and gradient for float logits (n, k) and valid int labels (n,), unchecked."""
    n = z.shape[0]
    shifted = z - z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    total = e.sum(axis=1, keepdims=True)
    rows = np.arange(n)
    value = float(np.log(total).sum() - shifted[rows, y].sum()) / n  # mean of -log softmax(z)_y
    grad = e
    grad /= total  # softmax(z)
    grad[rows, y] -= 1.0  # softmax(z) - Y
    grad /= n
    return value, grad


class _CrossEntropy(Loss):
    def value_and_grad(self, y_pred: ArrayLike, y_true: ArrayLike) -> tuple[float, np.ndarray]:
        return _ce_value_and_grad(y_pred, y_true)


LOSSES = {
    "mse": Loss("mse", mse, mse_grad),
    "cross_entropy": _CrossEntropy("cross_entropy", cross_entropy, cross_entropy_grad, classify=True),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_grad, classify=True
    ),
}


def get_loss(name: str | Loss) -> Loss:
    """Look up a loss by name ("mse", "cross_entropy", "binary_cross_entropy"); a Loss passes through.

    Names are matched without regard to case, like every name lookup of dlmath; an unknown
    name raises a ``ValueError`` that lists the valid ones and suggests the closest.
    """
    if isinstance(name, Loss):
        return name
    if not isinstance(name, str):
        raise TypeError(f"loss must be a name (str) or a Loss, got {type(name).__name__}")
    return lookup(name, LOSSES, "loss")
