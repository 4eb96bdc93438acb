"""The base class of every update rule: the lists checked, state kept per parameter, steps counted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._validate import check_positive

__all__ = ["Optimizer"]


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
