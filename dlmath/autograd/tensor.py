"""Tensor: the same as Value for arrays; each local rule is a vector-Jacobian product."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from .graph import _Node

__all__ = ["Tensor"]


def _unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``grad`` over the axes that broadcasting added, so it gets ``shape`` back."""
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad


class Tensor(_Node):
    r"""An array that records how it was computed: :class:`Value` for whole arrays.

    Parameters
    ----------
    data : array_like
        Stored as a float64 array. After ``L.backward()`` on a scalar (0-d) ``L``, ``grad``
        holds :math:`\partial L/\partial(\text{this tensor})`, an array of the same shape:
        a gradient always has the shape of the thing it is the gradient of.

    Notes
    -----
    Each backward rule is a vector-Jacobian product: for :math:`Z = X W^\top`, with
    :math:`\bar Z` of shape (batch, n_out),

    .. math:: \bar X \mathrel{+}= \bar Z\, W, \qquad \bar W \mathrel{+}= \bar Z^\top X,

    the rules of ``Dense.backward``; the Jacobian itself, (batch n_out) x (batch n_in) numbers,
    is never built.
    """

    def __init__(self, data: ArrayLike) -> None:
        super().__init__(data)
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def T(self) -> Tensor:
        def back(out: Tensor) -> None:
            self.grad += out.grad.T

        return self._make(self.data.T, (self,), back, "T")

    def __add__(self, other: Tensor | ArrayLike) -> Tensor:  # with broadcasting, e.g. (batch, n) + (n,)
        other = self._lift(other)

        def back(out: Tensor) -> None:
            self.grad += _unbroadcast(out.grad, self.shape)
            other.grad += _unbroadcast(out.grad, other.shape)

        return self._make(self.data + other.data, (self, other), back, "+")

    def __mul__(self, other: Tensor | ArrayLike) -> Tensor:  # entry by entry
        other = self._lift(other)

        def back(out: Tensor) -> None:
            self.grad += _unbroadcast(out.grad * other.data, self.shape)
            other.grad += _unbroadcast(out.grad * self.data, other.shape)

        return self._make(self.data * other.data, (self, other), back, "*")

    def __matmul__(self, other: Tensor | ArrayLike) -> Tensor:  # (m, n) @ (n, p) -> (m, p)
        other = self._lift(other)

        def back(out: Tensor) -> None:  # the two vector-Jacobian products of a matrix product
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad

        return self._make(self.data @ other.data, (self, other), back, "@")

    def tanh(self) -> Tensor:
        def back(out: Tensor) -> None:
            self.grad += out.grad * (1.0 - out.data**2)

        return self._make(np.tanh(self.data), (self,), back, "tanh")

    def relu(self) -> Tensor:
        def back(out: Tensor) -> None:
            self.grad += out.grad * (self.data > 0)

        return self._make(np.maximum(self.data, 0.0), (self,), back, "relu")

    def sum(self) -> Tensor:
        def back(out: Tensor) -> None:  # every entry contributes with derivative 1
            self.grad += np.ones_like(self.data) * out.grad

        return self._make(self.data.sum(), (self,), back, "sum")

    def mean(self) -> Tensor:
        def back(out: Tensor) -> None:
            self.grad += np.full_like(self.data, 1.0 / self.data.size) * out.grad

        return self._make(self.data.mean(), (self,), back, "mean")

    def __sub__(self, other: Tensor | ArrayLike) -> Tensor:
        return self + self._lift(other) * -1.0

    def __pow__(self, k: float) -> Tensor:
        def back(out: Tensor) -> None:
            self.grad += out.grad * k * self.data ** (k - 1)

        return self._make(self.data**k, (self,), back, f"**{k:g}")
