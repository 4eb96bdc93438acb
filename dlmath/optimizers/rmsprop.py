"""RMSProp (``torch.optim.RMSprop``): the step divided by a running RMS of the gradient."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import check_fraction, check_positive
from .base import Optimizer

__all__ = ["RMSProp", "RMSprop"]


class RMSProp(Optimizer):
    r"""RMSProp, as ``torch.optim.RMSprop``: divide the step by a running RMS of the gradient.

    .. math::
        v_t &= \alpha v_{t-1} + (1 - \alpha) g_t^2 \quad (v_0 = 0) \\
        \theta_t &= \theta_{t-1} - \eta \frac{g_t}{\sqrt{v_t} + \epsilon}

    (``centered`` subtracts the squared running mean of :math:`g` inside the root; ``momentum``
    accumulates the scaled step in a buffer :math:`b_t = \mu b_{t-1} + g_t/(\sqrt{v_t}+\epsilon)`.)

    Parameters
    ----------
    lr : float, default 0.01
    alpha : float, default 0.99
        Smoothing constant :math:`\alpha \in [0, 1)`.
    eps : float, default 1e-8
    weight_decay : float, default 0
    momentum : float, default 0
    centered : bool, default False

    References
    ----------
    .. [1] G. Hinton, N. Srivastava and K. Swersky, "Neural networks for machine learning",
       lecture 6e: "rmsprop: divide the gradient by a running average of its recent
       magnitude", Coursera, 2012.

    Examples
    --------
    The first step has size about :math:`\eta / \sqrt{1 - \alpha}` = 0.1 whatever the scale of g:

    >>> theta = np.array([0.0, 0.0])
    >>> RMSProp(lr=0.01).step([theta], [np.array([1.0, -100.0])])
    >>> theta.round(6)
    array([-0.1,  0.1])
    """

    def __init__(
        self,
        lr: float = 0.01,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        momentum: float = 0.0,
        centered: bool = False,
    ) -> None:
        super().__init__(lr)
        self.alpha = check_fraction(alpha, "alpha")
        self.eps = check_positive(eps, "eps", allow_zero=True)
        self.weight_decay = check_positive(weight_decay, "weight_decay", allow_zero=True)
        self.momentum = check_fraction(momentum, "momentum")
        self.centered = bool(centered)

    def _hyper(self) -> dict[str, Any]:
        return dict(
            lr=self.lr,
            alpha=self.alpha,
            eps=self.eps,
            weight_decay=self.weight_decay,
            momentum=self.momentum,
            centered=self.centered,
        )

    def _init_state(self, p: np.ndarray) -> dict[str, Any]:
        return {"square_avg": np.zeros_like(p)}

    def _update(self, p: np.ndarray, g: np.ndarray, state: dict[str, Any]) -> None:
        if self.weight_decay:
            g = g + self.weight_decay * p
        v = state["square_avg"]
        v *= self.alpha
        v += (1.0 - self.alpha) * g * g  # v = alpha v + (1 - alpha) g^2
        if self.centered:
            g_avg = state.setdefault("grad_avg", np.zeros_like(p))
            g_avg *= self.alpha
            g_avg += (1.0 - self.alpha) * g
            denom = np.sqrt(v - g_avg * g_avg) + self.eps
        else:
            denom = np.sqrt(v) + self.eps
        if self.momentum:
            mbuf = state.setdefault("momentum_buffer", np.zeros_like(p))
            mbuf *= self.momentum
            mbuf += g / denom
            p -= self.lr * mbuf
        else:
            p -= self.lr * (g / denom)


RMSprop = RMSProp  # torch.optim's spelling
