r"""Reverse-mode automatic differentiation, small enough to read in one sitting.

A computation is a graph: every intermediate result is a node that remembers the nodes it was
made from (its *parents*) and the local derivative of the operation that made it. The forward
pass builds the graph; :meth:`Value.backward` walks it once, from the output back, in reverse
topological order, and applies the chain rule at each node:

.. math::
    \bar u \mathrel{+}= \bar w \, \frac{\partial w}{\partial u}
    \qquad \text{for every edge } u \to w, \qquad \bar w = \frac{\partial L}{\partial w},
    \quad \bar L = 1 .

The ``+=`` matters: a value used twice receives one contribution per use, and they add.

:class:`Value` holds one number (in the style of Karpathy's micrograd). :class:`Tensor` is the
same idea for arrays: there :math:`\bar u` has the shape of :math:`u`, and each local rule is a
vector-Jacobian product (``grad_out @ W`` instead of a Jacobian matrix).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike

if TYPE_CHECKING:
    from typing_extensions import Self

N = TypeVar("N", bound="_Node")

__all__ = ["Value", "Tensor", "topological_order"]


def topological_order(root: N) -> list[N]:
    """Every node ``root`` (a Value or Tensor) depends on, as a list in which each node comes
    after all of the nodes it was computed from (its parents); ``root`` is last."""
    order: list[N] = []
    seen: set[int] = set()
    stack: list[tuple[N, bool]] = [(root, False)]
    while stack:  # depth-first, without recursion (deep graphs are fine)
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((p, False) for p in node._parents)
    return order


class _Node:
    """What :class:`Value` and :class:`Tensor` share: the graph and the backward pass."""

    data: Any
    grad: Any
    op: str
    _parents: tuple[Self, ...]
    _backward: Callable[[], None]

    def __init__(self, data: Any) -> None:  # a leaf: no parents, nothing to pass back
        self._parents, self._backward, self.op = (), (lambda: None), ""

    def backward(self) -> None:
        r"""Fill ``.grad`` of every node this one depends on with :math:`\partial L/\partial(\cdot)`.

        ``self`` is :math:`L`; its own gradient is 1. Gradients of the graph are reset first,
        so calling ``backward`` twice gives the same result. One pass, whatever the number of
        inputs: that is what makes reverse mode cheap for a scalar loss.
        """
        order = topological_order(self)
        for node in order:
            node.grad = node.data * 0.0  # a float for Value, an array for Tensor
        self.grad = self.data * 0.0 + 1.0
        for node in reversed(order):  # each node is finished before its parents are visited
            node._backward()

    @property
    def parents(self) -> tuple[Self, ...]:
        """The nodes this one was computed from, in operand order (an empty tuple for a leaf)."""
        return self._parents

    def _lift(self, other: Self | ArrayLike) -> Self:  # a plain number or array becomes a constant node
        return other if isinstance(other, type(self)) else type(self)(other)

    def _make(self, data: Any, parents: tuple[Self, ...], backward: Callable[[Self], None], op: str) -> Self:
        out = type(self)(data)
        out._parents = parents
        out._backward, out.op = (lambda: backward(out)), op  # op: the operation, for pictures
        return out


class Value(_Node):
    r"""A scalar that records how it was computed, so that it can be differentiated.

    Parameters
    ----------
    data : float
        The number. After ``L.backward()``, ``grad`` (a float) holds
        :math:`\partial L/\partial(\text{this value})`.

    Examples
    --------
    >>> x = Value(3.0)
    >>> y = x * x + x          # x is used three times
    >>> y.backward()
    >>> x.grad                 # d(x^2 + x)/dx = 2x + 1
    7.0
    """

    def __init__(self, data: float) -> None:
        super().__init__(data)
        self.data = float(data)
        self.grad = 0.0

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other: Value | float) -> Value:
        other = self._lift(other)

        def back(out: Value) -> None:  # d(u + v)/du = 1, d(u + v)/dv = 1
            self.grad += out.grad
            other.grad += out.grad

        return self._make(self.data + other.data, (self, other), back, "+")

    def __mul__(self, other: Value | float) -> Value:
        other = self._lift(other)

        def back(out: Value) -> None:  # d(u v)/du = v, d(u v)/dv = u
            self.grad += out.grad * other.data
            other.grad += out.grad * self.data

        return self._make(self.data * other.data, (self, other), back, "*")

    def __pow__(self, k: float) -> Value:
        if not isinstance(k, (int, float)):
            raise TypeError(f"only a constant power is supported, got {type(k).__name__}")

        def back(out: Value) -> None:  # d(u^k)/du = k u^(k-1)
            self.grad += out.grad * k * self.data ** (k - 1)

        return self._make(self.data**k, (self,), back, f"**{k:g}")

    def exp(self) -> Value:
        def back(out: Value) -> None:  # d(e^u)/du = e^u, the output itself
            self.grad += out.grad * out.data

        return self._make(np.exp(self.data), (self,), back, "exp")

    def tanh(self) -> Value:
        def back(out: Value) -> None:  # d tanh(u)/du = 1 - tanh(u)^2
            self.grad += out.grad * (1.0 - out.data**2)

        return self._make(np.tanh(self.data), (self,), back, "tanh")

    def relu(self) -> Value:
        def back(out: Value) -> None:  # 1 where u > 0, else 0 (0 at the kink, like PyTorch)
            self.grad += out.grad * (self.data > 0)

        return self._make(max(self.data, 0.0), (self,), back, "relu")

    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other: Value | float) -> Value:  # u - 2.0 adds the constant -2.0: one node fewer
        return self + (-other)

    def __truediv__(self, other: Value | float) -> Value:
        return self * self._lift(other) ** -1

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, other: Value | float) -> Value:
        return self._lift(other) - self

    def __rtruediv__(self, other: Value | float) -> Value:
        return self._lift(other) / self


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
