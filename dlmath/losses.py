"""Loss functions and their gradients with respect to the prediction.

All losses reduce by the **mean**, like ``torch.nn.functional``: the value does not grow
with the batch size, and so neither does the gradient. Classification losses take
**logits** (scores before softmax / sigmoid) and work in log space, which is stable.

Each function checks its inputs. :meth:`Loss.value_and_grad` takes ``check=True`` too: the
training loop checks its targets once, where they enter :func:`~dlmath.training.train` (the
*check at the boundary*, see docs/DESIGN.md), and then asks for every batch's loss with
``check=False``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._validate import as_class_labels, as_class_probabilities, as_float_array, lookup
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


def _bce_pair(logits: ArrayLike, targets: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    z, t = _pair(logits, targets, "logits", "targets")
    if t.min() < 0 or t.max() > 1:
        raise ValueError(f"targets must be in [0, 1], got values from {t.min()} to {t.max()}")
    return z, t


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


def _mse_value_and_grad(y_pred: ArrayLike, y_true: ArrayLike, check: bool = True) -> tuple[float, np.ndarray]:
    """:func:`mse` and :func:`mse_grad` from one difference ``y_pred - y_true``."""
    p, t = _pair(y_pred, y_true) if check else (np.asarray(y_pred), np.asarray(y_true))
    d = p - t
    return float(np.mean(d * d)), (2.0 / p.size) * d


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


@dataclass(frozen=True)
class Loss:
    """A loss with its gradient.

    Attributes
    ----------
    name : str
    value : callable, ``value(y_pred, y_true) -> float``
    grad : callable, ``grad(y_pred, y_true) -> numpy.ndarray`` (shape of ``y_pred``)
    classify : bool, default False
        Whether accuracy is meaningful for this loss (``train`` then counts it).
    value_and_grad_fn : callable or None, default None
        ``value_and_grad_fn(y_pred, y_true, check) -> (value, grad)``: both from one
        computation (the built-in losses share their difference, softmax or sigmoid). With
        ``check`` False it trusts that its inputs passed the check at the boundary. None:
        :meth:`value_and_grad` calls ``value`` and ``grad``, which check their inputs.
    """

    name: str
    value: Callable
    grad: Callable
    classify: bool = False
    value_and_grad_fn: Callable | None = None

    def __call__(self, y_pred: ArrayLike, y_true: ArrayLike) -> float:
        return self.value(y_pred, y_true)

    def value_and_grad(self, y_pred: ArrayLike, y_true: ArrayLike, check: bool = True) -> tuple[float, np.ndarray]:
        """Return ``(value, gradient)`` for one batch.

        Parameters
        ----------
        y_pred : array_like, shape (batch, n_out)
            The network's output (logits for the classification losses).
        y_true : array_like
            Targets, as :attr:`value` takes them.
        check : bool, default True
            Check both inputs first, with the errors of :attr:`value`. ``False`` is for inputs
            already checked at the boundary: a finite float ``y_pred``, and targets as
            :func:`~dlmath.training.train` prepares them once (integer labels of shape
            (batch,) in [0, k) or probabilities of ``y_pred``'s shape for the cross-entropy;
            a float array of ``y_pred``'s shape, in [0, 1] for the binary cross-entropy).
            The numbers are the same either way.

        Returns
        -------
        value : float
        grad : numpy.ndarray, shape of ``y_pred``
        """
        if self.value_and_grad_fn is None:
            return self.value(y_pred, y_true), self.grad(y_pred, y_true)
        return self.value_and_grad_fn(y_pred, y_true, check)


LOSSES = {
    "mse": Loss("mse", mse, mse_grad, value_and_grad_fn=_mse_value_and_grad),
    "cross_entropy": Loss(
        "cross_entropy", cross_entropy, cross_entropy_grad, classify=True, value_and_grad_fn=_ce_value_and_grad
    ),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy",
        binary_cross_entropy,
        binary_cross_entropy_grad,
        classify=True,
        value_and_grad_fn=_bce_value_and_grad,
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
