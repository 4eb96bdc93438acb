"""Value: one number that records how it was computed (in the style of micrograd)."""

from __future__ import annotations

import numpy as np

from .graph import _Node

__all__ = ["Value"]


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
