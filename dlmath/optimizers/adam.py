"""Adam and AdamW (``torch.optim.Adam``, ``torch.optim.AdamW``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import check_fraction, check_positive
from .base import Optimizer

__all__ = ["Adam", "AdamW"]


class Adam(Optimizer):
    r"""Adam, as ``torch.optim.Adam``: momentum plus a per-parameter step size.

    .. math::
        g_t &= \nabla L(\theta_{t-1}) + \lambda \theta_{t-1} \\
        m_t &= \beta_1 m_{t-1} + (1 - \beta_1) g_t \\
        v_t &= \beta_2 v_{t-1} + (1 - \beta_2) g_t^2 \\
        \hat m_t &= \frac{m_t}{1 - \beta_1^t}, \quad \hat v_t = \frac{v_t}{1 - \beta_2^t} \\
        \theta_t &= \theta_{t-1} - \eta \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}

    :math:`m_0 = v_0 = 0`; the bias corrections undo their pull towards 0 in early steps.

    Parameters
    ----------
    lr : float, default 0.001
    betas : (float, float), default (0.9, 0.999)
    eps : float, default 1e-8
    weight_decay : float, default 0
        L2 penalty added to the gradient (for decoupled decay use :class:`AdamW`).
    amsgrad : bool, default False
        Use the running maximum of :math:`v_t` in the denominator (as torch does).

    References
    ----------
    .. [1] D. P. Kingma and J. Ba, "Adam: a method for stochastic optimization", ICLR 2015
       (Algorithm 1, computed here as written).
    .. [2] S. J. Reddi, S. Kale and S. Kumar, "On the convergence of Adam and beyond",
       ICLR 2018 (``amsgrad``).

    Examples
    --------
    After bias correction the first step is :math:`\eta\, g/(|g| + \epsilon)`, about
    :math:`\eta` in size, for any scale of the gradient:

    >>> theta = np.array([0.0, 0.0])
    >>> Adam(lr=0.001).step([theta], [np.array([1e-4, -50.0])])
    >>> theta.round(6)
    array([-0.001,  0.001])
    """

    decoupled = False

    def __init__(
        self,
        lr: float = 0.001,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(lr)
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise TypeError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        self.betas = (check_fraction(betas[0], "betas[0]"), check_fraction(betas[1], "betas[1]"))
        self.eps = check_positive(eps, "eps", allow_zero=True)
        self.weight_decay = check_positive(weight_decay, "weight_decay", allow_zero=True)
        self.amsgrad = bool(amsgrad)

    def _hyper(self) -> dict[str, Any]:
        return dict(lr=self.lr, betas=self.betas, eps=self.eps, weight_decay=self.weight_decay, amsgrad=self.amsgrad)

    def _init_state(self, p: np.ndarray) -> dict[str, Any]:
        return {"m": np.zeros_like(p), "v": np.zeros_like(p)}

    def _update(self, p: np.ndarray, g: np.ndarray, state: dict[str, Any]) -> None:
        b1, b2 = self.betas
        if self.weight_decay:
            if self.decoupled:
                p *= 1.0 - self.lr * self.weight_decay
            else:
                g = g + self.weight_decay * p
        m, v = state["m"], state["v"]
        m *= b1
        m += (1.0 - b1) * g  # m = b1 m + (1 - b1) g
        v *= b2
        v += (1.0 - b2) * g * g  # v = b2 v + (1 - b2) g^2
        if self.amsgrad:
            v_max = state.setdefault("v_max", np.zeros_like(p))
            np.maximum(v_max, v, out=v_max)
            v = v_max
        m_hat = m / (1.0 - b1**self.t)
        v_hat = v / (1.0 - b2**self.t)
        p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class AdamW(Adam):
    r"""AdamW, as ``torch.optim.AdamW``: Adam with decoupled weight decay.

    .. math:: \theta \leftarrow \theta (1 - \eta\lambda), \text{ then the Adam step with } g_t = \nabla L

    Parameters are those of :class:`Adam`, with ``weight_decay`` default 0.01.

    References
    ----------
    .. [1] I. Loshchilov and F. Hutter, "Decoupled weight decay regularization", ICLR 2019.
    """

    decoupled = True

    def __init__(
        self,
        lr: float = 0.001,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.01,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(lr, betas, eps, weight_decay, amsgrad)
