"""The training loop: batches, forward, loss, backward, step.

Batching is separate from the update rule. The same optimizer becomes

* **gradient descent** with ``batch_size=None`` (every step sees all n samples),
* **stochastic gradient descent** with ``batch_size=1`` (n steps per epoch),
* **mini-batch gradient descent** with ``batch_size=k`` (ceil(n / k) steps per epoch).

One *step* is one parameter update; one *epoch* is one pass over the training data.

**Check at the boundary.** :func:`train` checks what the learner passes once, where it
enters: ``X``, ``y``, the validation data and every argument, with the clear errors of the
rest of dlmath, before the first step. A batch is rows of those checked arrays and the
network's output is checked for NaN/inf after every forward pass (that is the divergence
check), so the calls inside the loop pass ``check=False``: ``net.forward(xb, check=False)``,
``loss.value_and_grad(out, yb, check=False)``, ``net.backward(grad, input_grad=False,
check=False)``. The numbers are those of the checked calls.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from ._validate import as_class_labels, as_class_probabilities, as_float_array, check_int
from .epochs import History, iterate_minibatches
from .losses import Loss, _checked_gradient, get_loss
from .network import classes_from_logits
from .optimizers import SGD, Optimizer

if TYPE_CHECKING:
    from .network import Network

__all__ = ["train", "History", "iterate_minibatches", "DivergenceError"]


class DivergenceError(FloatingPointError):
    """The loss became NaN or infinite during training."""


def _loss_of(loss: str | Loss | Callable[[Any, Any], tuple[float, ArrayLike]]) -> Loss:
    """A Loss from a name, a Loss, or one function ``fn(y_pred, y_true) -> (value, grad)``."""
    if not callable(loss) or isinstance(loss, Loss):
        return get_loss(loss)
    fn = loss

    def value_and_grad(y_pred: Any, y_true: Any, check: bool = True) -> tuple[float, np.ndarray]:
        value, grad = fn(y_pred, y_true)  # the function checks its inputs as it wants to
        return float(value), _checked_gradient(grad, y_pred, name)  # its output enters here

    name = getattr(fn, "__name__", "custom")
    return Loss(name, lambda p, t: fn(p, t)[0], lambda p, t: fn(p, t)[1], value_and_grad_fn=value_and_grad)


def _prepare_targets(
    y: ArrayLike, loss: Loss, n: int, n_out: int, name: str = "y", x_name: str = "X", dtype: DTypeLike = np.float64
) -> np.ndarray:
    """Check the targets once, as ``loss.value_and_grad(..., check=False)`` then trusts them."""
    y_arr = np.asarray(y) if loss.name == "cross_entropy" else as_float_array(y, name).astype(dtype, copy=False)
    if loss.name == "cross_entropy" and y_arr.ndim == 1:
        y_arr = as_class_labels(y_arr, n_out, name, of=f"the network has {n_out} outputs")
    else:
        if y_arr.ndim == 1 and n_out == 1:
            y_arr = y_arr.reshape(-1, 1)  # (n,) targets for a one-output network
        if y_arr.ndim != 2 or y_arr.shape[1] != n_out:
            raise ValueError(f"{name} must have shape ({n}, {n_out}) to match the network's outputs, got {y_arr.shape}")
        if loss.name == "cross_entropy":
            y_arr = as_class_probabilities(y_arr, name)
        elif loss.name == "binary_cross_entropy" and y_arr.size and (y_arr.min() < 0 or y_arr.max() > 1):
            raise ValueError(
                f"{name} must be in [0, 1] for {loss.name}, got values from {y_arr.min()} to {y_arr.max()}"
            )
    if len(y_arr) != n:
        raise ValueError(f"{x_name} has {n} samples but {name} has {len(y_arr)}")
    return y_arr


def _labels(y: np.ndarray) -> np.ndarray:
    """Class labels from targets: int labels as they are, one-hot by argmax, (n, 1) 0/1 targets by 0.5."""
    if y.ndim == 1:
        return y
    return (y[:, 0] >= 0.5).astype(np.int64) if y.shape[1] == 1 else y.argmax(axis=1)


def _progress_bar(progress: bool | None, epochs: int) -> Any:
    if progress is None:
        shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
        progress = type(shell).__name__ == "ZMQInteractiveShell" and os.environ.get("DLMATH_PROGRESS", "1") != "0"
    if not progress:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=epochs, desc="training", unit="epoch", leave=False)


def _diverged(what: str, epoch: int, step: int, optimizer: Optimizer, bar: Any) -> DivergenceError:
    if bar is not None:
        bar.close()
    return DivergenceError(
        f"the {what} became non-finite at epoch {epoch}, step {step}: the learning rate "
        f"(lr={getattr(optimizer, 'lr', '?')}) is probably too large, or the inputs need scaling"
    )


def train(
    net: Network,
    X: ArrayLike,
    y: ArrayLike,
    loss: str | Loss | Callable[[Any, Any], tuple[float, ArrayLike]] = "mse",
    optimizer: Optimizer | None = None,
    epochs: int = 10,
    batch_size: int | None = None,
    shuffle: bool = True,
    seed: int = 0,
    progress: bool | None = None,
    validation_data: tuple[ArrayLike, ArrayLike] | None = None,
) -> History:
    """Train ``net`` on ``(X, y)`` and return a :class:`History`.

    Parameters
    ----------
    net : dlmath.network.Network
        Its ``forward`` and ``backward`` are called with ``check=False`` on every batch (the
        check at the boundary, above).
    X : array_like, shape (n, n_in)
    y : array_like
        Targets: shape (n, n_out) (or (n,) when n_out is 1) for "mse" and
        "binary_cross_entropy" (in [0, 1]); integer labels of shape (n,) or one-hot /
        probabilities (n, k) for "cross_entropy".
    loss : {"mse", "cross_entropy", "binary_cross_entropy"}, Loss or callable
        A callable is ``f(y_pred, y_true) -> (value, grad)``. A Loss's ``value_and_grad``
        is called with ``check=False`` on every batch.
    optimizer : dlmath.optimizers.Optimizer, default ``SGD(lr=0.1)``
    epochs : int
    batch_size : int or None
        None: full-batch gradient descent; 1: stochastic; k: mini-batch.
    shuffle : bool
        Reshuffle the samples every epoch.
    seed : int
        Seed of the shuffling, so runs repeat exactly.
    progress : bool or None
        Show a progress bar; None shows one in Jupyter only (``DLMATH_PROGRESS=0`` turns it off).
    validation_data : (X_val, y_val), optional
        Evaluated after every epoch (no training on it).

    Returns
    -------
    History

    Raises
    ------
    ValueError, TypeError
        For bad data or arguments, naming the argument, before the first step: every row of
        ``X``, ``y`` and ``validation_data`` is checked, so no parameter has changed.
    DivergenceError
        When the loss becomes NaN or infinite; the message names the epoch and the step.
    """
    if not all(hasattr(net, a) for a in ("layers", "forward", "backward", "parameters", "gradients")):
        raise TypeError(f"net must be a dlmath Network (e.g. MLP([2, 8, 1])), got {type(net).__name__}")
    optimizer = SGD(lr=0.1) if optimizer is None else optimizer
    if not callable(getattr(optimizer, "step", None)):
        raise TypeError(
            f"optimizer must be an optimizer object such as dlmath.Adam(lr=0.001), "
            f"got {type(optimizer).__name__} {optimizer!r}"
        )
    # --- the check at the boundary: everything the learner passed, once, before the first step
    loss = _loss_of(loss)
    X = net.check_input(X)
    n = X.shape[0]
    dtype = getattr(net, "dtype", np.float64)
    y = _prepare_targets(y, loss, n, net.n_out, dtype=dtype)
    epochs = check_int(epochs, "epochs", minimum=0)
    if batch_size is not None:
        check_int(batch_size, "batch_size", minimum=1)
    if validation_data is not None:
        if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
            raise ValueError(f"validation_data must be a pair (X_val, y_val), got {type(validation_data).__name__}")
        X_val = net.check_input(validation_data[0], name="X_val")
        y_val = _prepare_targets(validation_data[1], loss, X_val.shape[0], net.n_out, "y_val", "X_val", dtype)
    # What the optimizer updates: theta = net.flat_parameters, one vector holding every W and
    # b, with its gradient g = net.flat_gradients, which backward() fills (every dW and db is
    # a view into it). One update of theta is the update of every layer. A network of layers
    # without flat storage hands over its per-array lists instead.
    theta, g = getattr(net, "flat_parameters", None), getattr(net, "flat_gradients", None)
    if theta is not None and g is not None:
        params, grads = [theta], [g]
    else:
        params, grads = net.parameters(), net.gradients()
    if loss.classify:  # the training accuracy: each epoch's predicted classes against these labels
        labels, predicted = _labels(y), np.empty(n, dtype=np.int64)
    rng = np.random.default_rng(seed)
    history = History()
    bar = _progress_bar(progress, epochs)
    # --- the loop: its batches are rows of the checked X and y, so its calls pass check=False.
    # Overflow is not warned about: a blow-up is detected below and raised as DivergenceError.
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(1, epochs + 1):
            total = 0.0
            for idx in iterate_minibatches(n, batch_size, shuffle, rng):
                xb, yb = X[idx], y[idx]
                out = net.forward(xb, check=False)  # forward pass
                if not np.isfinite(out).all():
                    raise _diverged("network's output", epoch, history.steps + 1, optimizer, bar)
                value, grad = loss.value_and_grad(out, yb, check=False)  # the loss and dL/d(output)
                if not math.isfinite(value):
                    raise _diverged("loss", epoch, history.steps + 1, optimizer, bar)
                net.backward(grad, input_grad=False, check=False)  # backward pass: fills grads
                optimizer.step(params, grads)  # the update: changes params in place
                history.step_loss.append(value)
                total += value * len(idx)
                if loss.classify:
                    predicted[idx] = classes_from_logits(out)  # before the step, like the loss
            history.loss.append(total / n)
            if loss.classify:
                history.accuracy.append(np.count_nonzero(predicted == labels) / n)
            if validation_data is not None:
                out = net.predict(X_val, check=False)
                history.val_loss.append(float(loss.value(out, y_val)))
                if loss.classify:
                    history.val_accuracy.append(float(np.mean(classes_from_logits(out) == _labels(y_val))))
            if bar is not None:
                bar.set_postfix(loss=f"{history.loss[-1]:.4g}", refresh=False)
                bar.update()
    if bar is not None:
        bar.close()
    return history
