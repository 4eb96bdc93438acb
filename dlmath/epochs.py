"""What an epoch is made of and what it leaves: its batches, and the record of every epoch.

:func:`iterate_minibatches` splits the samples into batches; :class:`History` keeps the
numbers :func:`~dlmath.training.train` measures. Both are importable from ``dlmath.training``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ._validate import check_int

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["History", "iterate_minibatches"]


@dataclass
class History:
    """What happened during :func:`~dlmath.training.train`.

    Attributes
    ----------
    loss : list of float
        Training loss per epoch: the mean of the epoch's batch losses, weighted by batch size
        (each batch's loss is measured just before its update).
    step_loss : list of float
        The loss of every batch, one per step.
    accuracy : list of float
        Training accuracy per epoch, measured the same way (classification only).
    val_loss, val_accuracy : list of float
        On ``validation_data`` after each epoch, when given.
    """

    loss: list = field(default_factory=list)
    step_loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)

    @property
    def epochs(self) -> int:
        return len(self.loss)

    @property
    def steps(self) -> int:
        return len(self.step_loss)

    def plot(self, ax: Axes | None = None) -> Axes:
        """Plot the loss (and validation loss) per epoch; see :func:`dlmath.plots.plot_history`."""
        from .plots import plot_history

        return plot_history(self, ax=ax)

    def __repr__(self) -> str:
        parts = [f"epochs={self.epochs}", f"steps={self.steps}"]
        for name in ("loss", "accuracy", "val_loss", "val_accuracy"):
            values = getattr(self, name)
            if values:
                parts.append(f"{name}={values[-1]:.4g}")
        return f"History({', '.join(parts)})"


def iterate_minibatches(
    n: int, batch_size: int | None = None, shuffle: bool = True, rng: np.random.Generator | None = None
) -> Iterator[np.ndarray]:
    """Yield index arrays that split ``range(n)`` into batches.

    Parameters
    ----------
    n : int
        Number of samples.
    batch_size : int or None
        None gives one batch of all n samples.
    shuffle : bool
        Visit the samples in a random order (drawn from ``rng``).
    rng : numpy.random.Generator, optional

    Yields
    ------
    numpy.ndarray of int, shape (batch_size,) (the last batch may be smaller)
    """
    n = check_int(n, "n", minimum=1)
    size = n if batch_size is None else min(check_int(batch_size, "batch_size", minimum=1), n)
    order = (rng or np.random.default_rng(0)).permutation(n) if shuffle else np.arange(n)
    for start in range(0, n, size):
        yield order[start : start + size]
