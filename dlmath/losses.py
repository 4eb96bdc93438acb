"""Loss functions and their gradients with respect to the prediction.

All losses reduce by the **mean**, like ``torch.nn.functional``: the value does not grow
with the batch size, and so neither does the gradient. Classification losses take
**logits** (scores before softmax / sigmoid) and work in log space, which is stable; their
formulas are in :mod:`dlmath.classification`, and every name is importable from here.

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

from ._validate import as_float_array, as_float_pair, lookup
from .classification import (
    _bce_value_and_grad,
    _ce_value_and_grad,
    binary_cross_entropy,
    binary_cross_entropy_grad,
    cross_entropy,
    cross_entropy_grad,
    log_softmax,
)

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
    p, t = as_float_pair(y_pred, y_true)
    d = p - t
    return float(np.mean(d * d))


def mse_grad(y_pred: ArrayLike, y_true: ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`mse` with respect to ``y_pred``: :math:`\frac{2}{N}(\hat y - y)`.

    Returns
    -------
    numpy.ndarray, shape of ``y_pred``
    """
    p, t = as_float_pair(y_pred, y_true)
    return (2.0 / p.size) * (p - t)


def _mse_value_and_grad(y_pred: ArrayLike, y_true: ArrayLike, check: bool = True) -> tuple[float, np.ndarray]:
    """:func:`mse` and :func:`mse_grad` from one difference ``y_pred - y_true``."""
    p, t = as_float_pair(y_pred, y_true) if check else (np.asarray(y_pred), np.asarray(y_true))
    d = p - t
    return float(np.mean(d * d)), (2.0 / p.size) * d


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
        :meth:`value_and_grad` calls ``value`` and ``grad``, which check their inputs, and
        checks the gradient ``grad`` returns (float, of ``y_pred``'s shape).
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
            return self.value(y_pred, y_true), _checked_gradient(self.grad(y_pred, y_true), y_pred, self.name)
        return self.value_and_grad_fn(y_pred, y_true, check)


def _checked_gradient(grad: ArrayLike, y_pred: ArrayLike, name: str) -> np.ndarray:
    """A gradient that a loss's own function returned, checked where it enters: float, of ``y_pred``'s shape.

    The boundary for code that is not dlmath's (a ``Loss`` built from two functions, a loss
    function given to ``train``): whatever ``check`` says, the network's backward pass then
    gets an array of the right shape, or the learner a clear error naming the loss.
    """
    g = as_float_array(grad, f"the gradient returned by loss {name!r}", finite=False)
    if g.shape != np.shape(y_pred):
        raise ValueError(
            f"loss {name!r} returned a gradient of shape {g.shape} for outputs of shape {np.shape(y_pred)}; "
            "dL/d(output) must have the outputs' shape"
        )
    return g


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
