"""A network: layers applied one after another.

Forward propagation fires the data through the layers in order; backward propagation sends
the gradient of the loss back through them in reverse order, each layer applying one link of
the chain rule.
"""
from __future__ import annotations

import numpy as np

from ._validate import as_rng
from .activations import get_activation
from .layers import Dense

__all__ = ["Network", "MLP"]


class Network:
    """A stack of layers.

    Parameters
    ----------
    layers : list of Dense
        Consecutive layers must fit: ``layers[i].n_out == layers[i + 1].n_in``.

    Examples
    --------
    >>> net = Network([Dense(2, 8, "tanh"), Dense(8, 1)])
    >>> net.forward(np.zeros((5, 2))).shape
    (5, 1)
    """

    def __init__(self, layers):
        layers = list(layers)
        if not layers:
            raise ValueError("a Network needs at least one layer")
        for i, layer in enumerate(layers):
            if not all(hasattr(layer, m) for m in ("forward", "backward", "parameters", "gradients")):
                raise TypeError(f"layer {i} ({type(layer).__name__}) is not a layer: it needs "
                                "forward, backward, parameters and gradients")
        for i, (a, b) in enumerate(zip(layers, layers[1:])):
            if a.n_out != b.n_in:
                raise ValueError(f"layer {i} outputs {a.n_out} values but layer {i + 1} expects n_in = {b.n_in}")
        self.layers = layers
        # All parameters live in one flat array (and all gradients in another); each W and b
        # is a view into it. Every update rule acts entry by entry, so an optimizer can update
        # the whole network with one array: a few NumPy calls instead of a few per layer.
        dtypes = {np.dtype(getattr(layer, "dtype", np.float64)) for layer in layers}
        if len(dtypes) > 1:
            raise TypeError(f"all layers must have the same dtype, got {sorted(map(str, dtypes))}")
        self.dtype = dtypes.pop()
        if all(hasattr(layer, "_bind") for layer in layers):
            sizes = [layer.n_params for layer in layers]
            self.flat_parameters = np.empty(sum(sizes), dtype=self.dtype)
            self.flat_gradients = np.zeros(sum(sizes), dtype=self.dtype)
            ends = np.cumsum(sizes)
            for layer, end, size in zip(layers, ends, sizes):
                layer._bind(self.flat_parameters[end - size:end], self.flat_gradients[end - size:end])
        else:
            self.flat_parameters = self.flat_gradients = None

    def __deepcopy__(self, memo):
        # Copy the layers, then let __init__ give the copy its own flat buffers (a plain deep
        # copy would leave W and b pointing at copies that no longer share the buffer).
        import copy

        return type(self)([copy.deepcopy(layer, memo) for layer in self.layers])

    @property
    def n_in(self) -> int:
        return self.layers[0].n_in

    @property
    def n_out(self) -> int:
        return self.layers[-1].n_out

    def forward(self, X):
        """Forward propagation.

        Parameters
        ----------
        X : array_like, shape (batch, n_in)

        Returns
        -------
        numpy.ndarray, shape (batch, n_out): the output of the last layer

        .. math:: A^{(0)} = X, \\qquad A^{(l)} = \\varphi_l\\big(A^{(l-1)} W_l^\\top + b_l\\big)
        """
        return self._forward(self.layers[0]._check_input(X))

    def _forward(self, A, cache=True):
        # A is already a checked float array of shape (batch, n_in)
        for layer in self.layers:
            A = layer.forward(A, _checked=True, _cache=cache)
        return A

    __call__ = forward

    def backward(self, grad_out, input_grad=True):
        """Backward propagation from :math:`\\partial L/\\partial \\hat Y`.

        Parameters
        ----------
        grad_out : array_like, shape (batch, n_out)
            Gradient of the loss with respect to the network's output.
        input_grad : bool, default True
            Return the gradient with respect to the input ``X`` (training skips it).

        Returns
        -------
        numpy.ndarray, shape (batch, n_in), or None when ``input_grad`` is False
        """
        grad = grad_out
        last = len(self.layers) - 1
        for i in range(last, -1, -1):
            grad = self.layers[i].backward(grad, input_grad=input_grad or i > 0)
        return grad

    def parameters(self):
        """Return ``[W1, b1, W2, b2, ...]``: the live arrays, updated in place by optimizers."""
        return [p for layer in self.layers for p in layer.parameters()]

    def gradients(self):
        """Return ``[dW1, db1, dW2, db2, ...]`` from the last :meth:`backward`."""
        return [g for layer in self.layers for g in layer.gradients()]

    def parameter_names(self):
        """Return ``["W1", "b1", "W2", "b2", ...]`` matching :meth:`parameters`."""
        return [f"{n}{i}" for i in range(1, len(self.layers) + 1) for n in ("W", "b")]

    @property
    def n_params(self) -> int:
        return sum(layer.n_params for layer in self.layers)

    def predict(self, X):
        """Network outputs for ``X`` of shape (batch, n_in): values (regression) or logits.

        Unlike :meth:`forward` it keeps nothing for a backward pass, so it can be called
        between ``forward`` and ``backward`` (e.g. to plot) without changing the gradients.
        """
        return self._forward(self.layers[0]._check_input(X), cache=False)

    def predict_classes(self, X):
        """Predicted class labels, shape (batch,).

        The argmax of the logits, or for a single output (binary classification) 1 where the
        logit is positive (probability above 0.5), else 0.
        """
        out = self.predict(X)
        if out.shape[1] == 1:
            return (out[:, 0] > 0).astype(np.int64)
        return out.argmax(axis=1)

    def __repr__(self):
        lines = ["Network("]
        for i, layer in enumerate(self.layers, start=1):
            shapes = "  ".join(f"{n} {p.shape}" for n, p in zip(("W", "b"), layer.parameters()))
            lines.append(f"  ({i}) {layer!r:<28} {shapes:<26} {layer.n_params:>8,} parameters")
        lines.append(f"  total: {self.n_params:,} parameters")
        return "\n".join(lines) + "\n)"


def MLP(sizes, activation="relu", output_activation=None, rng=0, dtype=np.float64):
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
    get_activation(activation)          # reject an unknown name even when no hidden layer uses it
    rng = as_rng(rng)
    n = len(sizes) - 1
    return Network([
        Dense(sizes[i], sizes[i + 1], activation if i < n - 1 else output_activation, rng=rng, dtype=dtype)
        for i in range(n)
    ])
