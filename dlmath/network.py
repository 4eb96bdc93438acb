"""A network: layers applied one after another.

Forward propagation fires the data through the layers in order; backward propagation sends
the gradient of the loss back through them in reverse order, each layer applying one link of
the chain rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from ._validate import as_rng
from .activations import Activation, get_activation
from .layers import Dense

__all__ = ["Network", "MLP", "classes_from_logits"]


def classes_from_logits(logits: ArrayLike) -> np.ndarray:
    """Predicted class labels from a network's outputs: the rule of :meth:`Network.predict_classes`.

    Parameters
    ----------
    logits : array_like, shape (batch, k)
        Outputs before softmax (or before the sigmoid when k is 1).

    Returns
    -------
    numpy.ndarray of int, shape (batch,)
        The argmax of each row; for a single output (binary classification) 1 where the logit
        is positive (probability above 0.5), else 0.

    Examples
    --------
    >>> classes_from_logits([[0.1, 2.0, -1.0], [3.0, 0.0, 0.0]])
    array([1, 0])
    >>> classes_from_logits([[-0.5], [0.2]])
    array([0, 1])
    """
    out = np.asarray(logits)
    if out.ndim != 2 or out.shape[1] == 0:
        raise ValueError(f"logits must have shape (batch, k) with k >= 1, got {out.shape}")
    if out.shape[1] == 1:
        return (out[:, 0] > 0).astype(np.int64)
    return out.argmax(axis=1)


class Network:
    r"""A stack of layers, with all their parameters in one flat vector.

    Parameters
    ----------
    layers : list of Dense
        Consecutive layers must fit: ``layers[i].n_out == layers[i + 1].n_in``.

    Attributes
    ----------
    layers : list of Dense
    flat_parameters : numpy.ndarray, shape (n_params,), or None
        :math:`\theta`, every parameter of the network in one 1-D array, in the order
        ``W1, b1, W2, b2, ...`` (each W row by row). Every ``W`` and ``b`` is a view into it,
        so changing :math:`\theta` changes the layers and the other way round. It is None
        when a layer has no :meth:`~dlmath.layers.Dense.bind` method.
    flat_gradients : numpy.ndarray, shape (n_params,), or None
        :math:`g = \partial L/\partial\theta` in the same order; every ``dW`` and ``db`` is a
        view into it, so :meth:`backward` fills it. :func:`~dlmath.training.train` hands
        ``[flat_parameters]`` and ``[flat_gradients]`` to the optimizer: one update of
        :math:`\theta` is the update of every layer (all update rules act entry by entry).
    dtype : numpy.dtype
        The layers' common precision.

    Examples
    --------
    >>> net = Network([Dense(2, 8, "tanh"), Dense(8, 1)])
    >>> net.forward(np.zeros((5, 2))).shape
    (5, 1)
    >>> net.flat_parameters.shape        # 8 * 2 + 8 + 1 * 8 + 1
    (33,)
    >>> np.shares_memory(net.layers[1].W, net.flat_parameters)
    True
    """

    def __init__(self, layers: Iterable[Dense]) -> None:
        layers = list(layers)
        if not layers:
            raise ValueError("a Network needs at least one layer")
        for i, layer in enumerate(layers):
            if not all(hasattr(layer, m) for m in ("forward", "backward", "parameters", "gradients")):
                raise TypeError(
                    f"layer {i} ({type(layer).__name__}) is not a layer: it needs "
                    "forward, backward, parameters and gradients"
                )
        for i, (a, b) in enumerate(zip(layers, layers[1:])):
            if a.n_out != b.n_in:
                raise ValueError(f"layer {i} outputs {a.n_out} values but layer {i + 1} expects n_in = {b.n_in}")
        self.layers = layers
        dtypes = {np.dtype(getattr(layer, "dtype", np.float64)) for layer in layers}
        if len(dtypes) > 1:
            raise TypeError(f"all layers must have the same dtype, got {sorted(map(str, dtypes))}")
        self.dtype = dtypes.pop()
        # theta and g: one flat array each; every layer keeps its W, b (dW, db) in a slice.
        self.flat_parameters: np.ndarray | None = None
        self.flat_gradients: np.ndarray | None = None
        if all(hasattr(layer, "bind") for layer in layers):
            theta = np.empty(self.n_params, dtype=self.dtype)
            g = np.zeros(self.n_params, dtype=self.dtype)
            start = 0
            for layer in layers:
                end = start + layer.n_params
                layer.bind(theta[start:end], g[start:end])
                start = end
            self.flat_parameters, self.flat_gradients = theta, g

    def __deepcopy__(self, memo: dict) -> Network:
        # Copy the layers, then let __init__ give the copy its own flat vectors (a plain deep
        # copy would leave W and b pointing at copies that no longer share one vector).
        import copy

        return type(self)([copy.deepcopy(layer, memo) for layer in self.layers])

    @property
    def n_in(self) -> int:
        """Number of input features."""
        return self.layers[0].n_in

    @property
    def n_out(self) -> int:
        """Number of outputs."""
        return self.layers[-1].n_out

    def check_input(self, X: ArrayLike, name: str = "X") -> np.ndarray:
        """Return ``X`` checked as the first layer's input (see :meth:`Dense.check_input`)."""
        return self.layers[0].check_input(X, name)

    def forward(self, X: ArrayLike, check: bool = True) -> np.ndarray:
        r"""Forward propagation (each layer keeps what its backward pass needs).

        Parameters
        ----------
        X : array_like, shape (batch, n_in)
        check : bool, default True
            Check ``X`` first (:meth:`check_input`). ``False`` is for an ``X`` that passed that
            check already, or rows of one: :func:`~dlmath.training.train` checks its data
            once and then passes batches with ``check=False`` (the check at the boundary).

        Returns
        -------
        numpy.ndarray, shape (batch, n_out): the output of the last layer

        .. math:: A^{(0)} = X, \qquad A^{(l)} = \varphi_l\big(A^{(l-1)} W_l^\top + b_l\big)
        """
        A = self.check_input(X) if check else np.asarray(X)  # checked once: each layer gets the previous output
        for layer in self.layers:
            A = layer.forward(A, check=False)
        return A

    __call__ = forward

    def backward(self, grad_out: ArrayLike, input_grad: bool = True, check: bool = True) -> np.ndarray | None:
        r"""Backward propagation from :math:`\partial L/\partial \hat Y`.

        Each layer writes its ``dW`` and ``db``, and so fills :attr:`flat_gradients`.

        Parameters
        ----------
        grad_out : array_like, shape (batch, n_out)
            Gradient of the loss with respect to the network's output.
        input_grad : bool, default True
            Return the gradient with respect to the input ``X`` (training skips it).
        check : bool, default True
            Check ``grad_out`` (in the last layer); ``False`` for a gradient that a loss's
            ``value_and_grad`` just returned for this network's output, as in training.
            The layers below always get ``check=False``: each gets the ``dX`` of the one above.

        Returns
        -------
        numpy.ndarray, shape (batch, n_in), or None when ``input_grad`` is False
        """
        grad: Any = grad_out  # an array, then None after the first layer when input_grad is False
        last = len(self.layers) - 1
        for i in range(last, -1, -1):
            grad = self.layers[i].backward(grad, input_grad=input_grad or i > 0, check=check and i == last)
        return grad

    def parameters(self) -> list[np.ndarray]:
        """Return ``[W1, b1, W2, b2, ...]``: the live arrays, updated in place by optimizers."""
        return [p for layer in self.layers for p in layer.parameters()]

    def gradients(self) -> list[np.ndarray]:
        """Return ``[dW1, db1, dW2, db2, ...]`` from the last :meth:`backward`."""
        return [g for layer in self.layers for g in layer.gradients()]

    def parameter_names(self) -> list[str]:
        """Return ``["W1", "b1", "W2", "b2", ...]`` matching :meth:`parameters`."""
        return [f"{n}{i}" for i in range(1, len(self.layers) + 1) for n in ("W", "b")]

    @property
    def n_params(self) -> int:
        r"""Total number of parameters (the length of :math:`\theta`)."""
        return sum(layer.n_params for layer in self.layers)

    def predict(self, X: ArrayLike, check: bool = True) -> np.ndarray:
        """Network outputs for ``X`` of shape (batch, n_in): values (regression) or logits.

        Unlike :meth:`forward` it keeps nothing for a backward pass, so it can be called
        between ``forward`` and ``backward`` (e.g. to plot) without changing the gradients.
        ``check`` is that of :meth:`forward`.
        """
        A = self.check_input(X) if check else np.asarray(X)
        for layer in self.layers:
            A = layer.predict(A, check=False)
        return A

    def predict_classes(self, X: ArrayLike) -> np.ndarray:
        """Predicted class labels, shape (batch,).

        The argmax of the logits, or for a single output (binary classification) 1 where the
        logit is positive (probability above 0.5), else 0.
        """
        return classes_from_logits(self.predict(X))

    def __repr__(self) -> str:
        lines = ["Network("]
        for i, layer in enumerate(self.layers, start=1):
            shapes = "  ".join(f"{n} {p.shape}" for n, p in zip(("W", "b"), layer.parameters()))
            lines.append(f"  ({i}) {layer!r:<28} {shapes:<26} {layer.n_params:>8,} parameters")
        lines.append(f"  total: {self.n_params:,} parameters")
        return "\n".join(lines) + "\n)"


def MLP(
    sizes: Sequence[int],
    activation: str | Activation | None = "relu",
    output_activation: str | Activation | None = None,
    rng: int | np.random.Generator | None = 0,
    dtype: DTypeLike = np.float64,
) -> Network:
    """Build a multi-layer perceptron from a list of layer sizes.

    Parameters
    ----------
    sizes : list of int
        ``[n_in, hidden_1, ..., n_out]``, e.g. ``[64, 128, 10]``.
    activation : str
        Activation of every hidden layer.
    output_activation : str or None
        Activation of the last layer; None gives raw outputs (logits for the
        cross-entropy loss, values for MSE).
    rng : None, int or numpy.random.Generator
        Seed for the initial weights (one generator shared by all layers).
    dtype : numpy.float64 (default) or numpy.float32
        Precision of every layer (see :class:`~dlmath.layers.Dense`).

    Returns
    -------
    Network
    """
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(f"sizes needs at least an input and an output size, got {sizes}")
    get_activation(activation)  # reject an unknown name even when no hidden layer uses it
    rng = as_rng(rng)
    n = len(sizes) - 1
    return Network(
        [
            Dense(sizes[i], sizes[i + 1], activation if i < n - 1 else output_activation, rng=rng, dtype=dtype)
            for i in range(n)
        ]
    )
