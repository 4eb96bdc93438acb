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

from .graph import topological_order
from .tensor import Tensor
from .value import Value

__all__ = ["Value", "Tensor", "topological_order"]
