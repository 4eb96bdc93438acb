"""Update rules: how a gradient becomes a step.

Every optimizer has ``step(params, grads)``, which changes the arrays in ``params`` in place,
and keeps its state (velocities, moment estimates) per position in that list. The
hyperparameters and formulas are those of ``torch.optim`` (SGD, RMSprop, Adam, AdamW), so
settings carry over. Plain gradient descent is ``SGD`` without momentum: whether it is
full-batch, stochastic or mini-batch depends on the batches you feed it (see
:func:`dlmath.training.train`), not on the rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ._validate import check_fraction, check_positive

__all__ = ["Optimizer", "SGD", "RMSProp", "RMSprop", "Adam", "AdamW"]


class Optimizer:
    """Base class: checks the lists, keeps per-parameter state, counts steps ``t``."""

    def __init__(self, lr: float) -> None:
        self.lr = check_positive(lr, "lr")
        self.reset()

    def reset(self) -> None:
        """Forget all state (velocities, moments, step count)."""
        self.t = 0
        self.state: list[dict[str, Any]] = []

    def step(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> None:
        """Update every array in ``params`` in place from the matching array in ``grads``.

        Parameters
        ----------
        params : list of numpy.ndarray (float)
            The parameters, e.g. ``net.parameters()``.
        grads : list of numpy.ndarray, same shapes
            Their gradients, e.g. ``net.gradients()``.
        """
        self._check(params, grads)
        self.t += 1
        for p, g, s in zip(params, grads, self.state):
            self._update(p, g, s)

    def _check(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> None:
        if len(params) != len(grads):
            raise ValueError(f"got {len(params)} parameter arrays but {len(grads)} gradient arrays")
        if self.state and [s["shape"] for s in self.state] != [np.shape(p) for p in params]:
            raise ValueError(
                f"this optimizer holds state for {len(self.state)} parameter arrays of shapes "
                f"{[s['shape'] for s in self.state]} and now gets {len(params)} of shapes "
                f"{[np.shape(p) for p in params]}; call optimizer.reset() or make a new "
                "optimizer for a new model (train() steps [net.flat_parameters], "
                "[net.flat_gradients])"
            )
        for i, (p, g) in enumerate(zip(params, grads)):
            if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
                raise TypeError(f"params[{i}] must be a float numpy array updated in place, got {type(p).__name__}")
            if not isinstance(g, np.ndarray):
                raise TypeError(f"grads[{i}] must be a numpy array, got {type(g).__name__}")
            if g.shape != p.shape:
                raise ValueError(f"grads[{i}] has shape {g.shape} but params[{i}] has shape {p.shape}")
        if not self.state:
            self.state = [dict(self._init_state(p), shape=p.shape) for p in params]

    def _init_state(self, p: np.ndarray) -> dict[str, Any]:
        return {}

    def _update(self, p: np.ndarray, g: np.ndarray, state: dict[str, Any]) -> None:  # pragma: no cover
        raise NotImplementedError

    def _hyper(self) -> dict[str, Any]:
        return {"lr": self.lr}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._hyper().items())
        return f"{type(self).__name__}({args})"


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
