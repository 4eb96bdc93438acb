"""The classification losses: cross-entropy and binary cross-entropy, from logits.

They take **logits** (scores before softmax / sigmoid) and work in log space, which is
stable; they reduce by the mean, like ``torch.nn.functional``. Every name here is also in
:mod:`dlmath.losses` (import them from there), which builds the :class:`~dlmath.losses.Loss`
objects.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validate import as_class_labels, as_class_probabilities, as_float_array, as_float_pair
from .activations import sigmoid, softmax

__all__ = [
    "log_softmax",
    "cross_entropy",
    "cross_entropy_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
]


def _bce_pair(logits: ArrayLike, targets: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    z, t = as_float_pair(logits, targets, "logits", "targets")
    if t.min() < 0 or t.max() > 1:
        raise ValueError(f"targets must be in [0, 1], got values from {t.min()} to {t.max()}")
    return z, t


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
    return z, as_class_probabilities(Y, "labels")


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
    z, t = _bce_pair(logits, targets)
    return float(np.mean(np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))))


def binary_cross_entropy_grad(logits: ArrayLike, targets: ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`binary_cross_entropy`: :math:`\frac{1}{N}(\sigma(z) - t)`.

    Returns
    -------
    numpy.ndarray, shape of ``logits``
    """
    z, t = _bce_pair(logits, targets)
    return (sigmoid(z) - t) / z.size


def _bce_value_and_grad(logits: ArrayLike, targets: ArrayLike, check: bool = True) -> tuple[float, np.ndarray]:
    """:func:`binary_cross_entropy` and its gradient, each as its formula, inputs checked once."""
    z, t = _bce_pair(logits, targets) if check else (np.asarray(logits), np.asarray(targets))
    value = float(np.mean(np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))))
    return value, (sigmoid(z) - t) / z.size


def _ce_value_and_grad(logits: ArrayLike, labels: ArrayLike, check: bool = True) -> tuple[float, np.ndarray]:
    """Value and gradient of the cross-entropy; for integer labels from one softmax."""
    z = as_float_array(logits, "logits", ndim=2) if check else np.asarray(logits)
    y = np.asarray(labels)
    if y.ndim != 1:  # one-hot / probabilities: the two functions, each from its formula (and its check)
        return cross_entropy(z, labels), cross_entropy_grad(z, labels)
    n, k = z.shape
    if check:
        if n == 0:
            raise ValueError("logits is empty: cross-entropy needs at least one sample")
        y = as_class_labels(y, k, "labels", n=n)
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
