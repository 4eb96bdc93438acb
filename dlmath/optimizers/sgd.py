"""Stochastic gradient descent with momentum (``torch.optim.SGD``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import check_fraction, check_positive
from .base import Optimizer

__all__ = ["SGD"]


class SGD(Optimizer):
    r"""(Stochastic) gradient descent, with optional momentum, as ``torch.optim.SGD``.

    .. math::
        g_t &= \nabla L(\theta_{t-1}) + \lambda \theta_{t-1} \\
        b_t &= \mu b_{t-1} + (1 - \tau) g_t \quad (b_1 = g_1) \\
        \theta_t &= \theta_{t-1} - \eta\, b_t \quad \text{or, with Nesterov,}\quad
        \theta_{t-1} - \eta (g_t + \mu b_t)

    With ``momentum = 0`` this is plain gradient descent, :math:`\theta \leftarrow \theta - \eta g`.

    Parameters
    ----------
    lr : float
        Learning rate :math:`\eta > 0`.
    momentum : float, default 0
        :math:`\mu \in [0, 1)`.
    dampening : float, default 0
        :math:`\tau`.
    nesterov : bool, default False
    weight_decay : float, default 0
        L2 penalty :math:`\lambda` added to the gradient.

    The momentum ("heavy ball") method is Polyak's [1]_; this form, with the buffer
    :math:`b_t` and Nesterov's variant, is the one of Sutskever et al. [2]_ and PyTorch.

    References
    ----------
    .. [1] B. T. Polyak, "Some methods of speeding up the convergence of iteration methods",
       USSR Computational Mathematics and Mathematical Physics 4(5), 1964.
    .. [2] I. Sutskever, J. Martens, G. Dahl and G. Hinton, "On the importance of initialization
       and momentum in deep learning", ICML 2013 (momentum and Nesterov's accelerated gradient).

    Examples
    --------
    One step of plain gradient descent, :math:`\theta \leftarrow \theta - \eta g`:

    >>> theta, g = np.array([1.0, 2.0]), np.array([0.5, -1.0])
    >>> SGD(lr=0.1).step([theta], [g])
    >>> theta
    array([0.95, 2.1 ])
    """

    def __init__(
        self,
        lr: float,
        momentum: float = 0.0,
        dampening: float = 0.0,
        nesterov: bool = False,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(lr)
        self.momentum = check_fraction(momentum, "momentum")
        self.dampening = check_fraction(dampening, "dampening", upper_open=False)
        self.nesterov = bool(nesterov)
        self.weight_decay = check_positive(weight_decay, "weight_decay", allow_zero=True)
        if self.nesterov and (self.momentum == 0 or self.dampening != 0):
            raise ValueError("nesterov=True needs momentum > 0 and dampening = 0 (as in torch.optim.SGD)")

    def _hyper(self) -> dict[str, Any]:
        return dict(
            lr=self.lr,
            momentum=self.momentum,
            dampening=self.dampening,
            nesterov=self.nesterov,
            weight_decay=self.weight_decay,
        )

    def _update(self, p: np.ndarray, g: np.ndarray, state: dict[str, Any]) -> None:
        if self.weight_decay:
            g = g + self.weight_decay * p
        if self.momentum:
            buf = state.get("momentum_buffer")
            if buf is None:
                buf = state["momentum_buffer"] = g.copy()
            else:
                buf *= self.momentum
                buf += (1.0 - self.dampening) * g
            g = g + self.momentum * buf if self.nesterov else buf
        p -= self.lr * g
