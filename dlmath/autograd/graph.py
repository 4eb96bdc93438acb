"""The graph under :class:`~dlmath.autograd.Value` and :class:`~dlmath.autograd.Tensor`: parents, order, backward."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from numpy.typing import ArrayLike

if TYPE_CHECKING:
    from typing_extensions import Self

N = TypeVar("N", bound="_Node")

__all__ = ["topological_order"]


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
