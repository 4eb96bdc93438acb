"""Activation functions and their derivatives.

An activation is applied entry by entry to the weighted sum ``Z`` of a layer:
``A = activation(Z)``. For back propagation each one also gives its derivative
``dA/dZ``; :class:`Activation` bundles the two so a layer can ask for either by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._validate import as_float_array, lookup

__all__ = [
    "sigmoid",
    "sigmoid_grad",
    "relu",
    "relu_grad",
    "tanh",
    "tanh_grad",
    "identity",
    "identity_grad",
    "softmax",
    "Activation",
    "ACTIVATIONS",
    "get_activation",
]


def sigmoid(z: ArrayLike) -> np.ndarray:
    r"""Logistic sigmoid, numerically stable for large ``|z|``.

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}} = \frac{e^{z}}{1 + e^{z}}

    The first form overflows in ``exp(-z)`` for large negative ``z``; the second for large
    positive ``z``. Both are the same function, written as ``exp(-|z|)`` so that the
    exponent is never positive and nothing overflows.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    numpy.ndarray, same shape, values in [0, 1]
    """
    z = as_float_array(z, "z", finite=False)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(z: ArrayLike) -> np.ndarray:
    r"""Derivative of the sigmoid: :math:`\sigma'(z) = \sigma(z)(1 - \sigma(z))`.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    numpy.ndarray, same shape, values in [0, 0.25]
    """
    s = sigmoid(z)
    return s * (1.0 - s)


def relu(z: ArrayLike) -> np.ndarray:
    r"""Rectified linear unit: :math:`\mathrm{relu}(z) = \max(0, z)`.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    numpy.ndarray, same shape
    """
    return np.maximum(as_float_array(z, "z", finite=False), 0.0)


def relu_grad(z: ArrayLike) -> np.ndarray:
    """Derivative of ReLU: 1 where ``z > 0``, else 0 (0 at ``z = 0``, as in PyTorch).

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    numpy.ndarray, same shape
    """
    return (as_float_array(z, "z", finite=False) > 0).astype(np.float64)


def tanh(z: ArrayLike) -> np.ndarray:
    r"""Hyperbolic tangent: :math:`\tanh(z) = \frac{e^z - e^{-z}}{e^z + e^{-z}} = 2\sigma(2z) - 1`.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    numpy.ndarray, same shape, values in [-1, 1]
    """
    return np.tanh(as_float_array(z, "z", finite=False))


def tanh_grad(z: ArrayLike) -> np.ndarray:
    r"""Derivative of tanh: :math:`\tanh'(z) = 1 - \tanh^2(z)`.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    numpy.ndarray, same shape, values in [0, 1]
    """
    t = tanh(z)
    return 1.0 - t * t


def identity(z: ArrayLike) -> np.ndarray:
    """The identity (no activation): returns ``z`` as a float array."""
    return as_float_array(z, "z", finite=False)


def identity_grad(z: ArrayLike) -> np.ndarray:
    """Derivative of the identity: ones of the shape of ``z``."""
    return np.ones_like(as_float_array(z, "z", finite=False))


def softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Softmax along ``axis``, stable for large entries.

    .. math:: \mathrm{softmax}(z)_j = \frac{e^{z_j - \max_k z_k}}{\sum_i e^{z_i - \max_k z_k}}

    Subtracting the maximum changes nothing mathematically (it cancels) but keeps every
    exponent <= 0, so nothing overflows (the shift analysed in [2]_). The name is Bridle's [1]_.

    Parameters
    ----------
    z : array_like, shape (..., k, ...)
        Scores (logits).
    axis : int, default -1
        The axis of the k classes.

    Returns
    -------
    numpy.ndarray, same shape; entries in [0, 1] that sum to 1 along ``axis``

    References
    ----------
    .. [1] J. S. Bridle, "Probabilistic interpretation of feedforward classification network
       outputs, with relationships to statistical pattern recognition", in Neurocomputing,
       NATO ASI Series F68, Springer, 1990.
    .. [2] P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the log-sum-exp
       and softmax functions", IMA Journal of Numerical Analysis 41(4), 2021.
    """
    z = as_float_array(z, "z")
    if z.ndim == 0:
        raise ValueError("softmax needs at least a 1-D array of scores")
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


# Backward rules: dL/dZ from Z, A = act(Z) and dL/dA. They reuse A where that is cheaper.
def _sigmoid_backward(z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
    return grad_a * a * (1.0 - a)


def _relu_backward(z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
    return grad_a * (z > 0)


def _tanh_backward(z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
    return grad_a * (1.0 - a * a)


def _identity_backward(z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
    return grad_a


@dataclass(frozen=True)
class Activation:
    """An activation function with its derivative, as a layer uses it.

    Attributes
    ----------
    name : str
    fn : callable, ``fn(z) -> a``
    grad : callable, ``grad(z) -> da/dz`` (elementwise)
    backward_fn : callable, ``backward_fn(z, a, grad_a) -> grad_z``
    """

    name: str
    fn: Callable
    grad: Callable
    backward_fn: Callable

    def __call__(self, z: ArrayLike) -> np.ndarray:
        return self.fn(z)

    def backward(self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        r"""Chain rule through the activation.

        .. math:: \frac{\partial L}{\partial Z} = \frac{\partial L}{\partial A} \odot \varphi'(Z)
        """
        return self.backward_fn(z, a, grad_a)


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_grad, _sigmoid_backward),
    "relu": Activation("relu", relu, relu_grad, _relu_backward),
    "tanh": Activation("tanh", tanh, tanh_grad, _tanh_backward),
    "identity": Activation("identity", identity, identity_grad, _identity_backward),
}


def get_activation(name: str | Activation | None) -> Activation:
    """Look up an activation by name ("sigmoid", "relu", "tanh", "identity" or None).

    An :class:`Activation` is returned unchanged. Names are matched without regard to case,
    like every name lookup of dlmath; an unknown name raises a ``ValueError`` that lists the
    valid ones and suggests the closest.
    """
    if isinstance(name, Activation):
        return name
    if name is None:
        return ACTIVATIONS["identity"]
    if not isinstance(name, str):
        raise TypeError(f"activation must be a name (str), None or an Activation, got {type(name).__name__}")
    return lookup(name, ACTIVATIONS, "activation", also=" or None")
