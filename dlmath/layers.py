"""A dense (fully connected) layer: forward and backward propagation.

Forward, for a batch ``X`` with one sample per row:

.. math:: Z = X W^\\top + b, \\qquad A = \\varphi(Z)

Backward, given :math:`\\partial L/\\partial A` from the layer above (the chain rule, one
factor at a time):

.. math::
    \\frac{\\partial L}{\\partial Z} = \\frac{\\partial L}{\\partial A} \\odot \\varphi'(Z), \\quad
    \\frac{\\partial L}{\\partial W} = \\Big(\\frac{\\partial L}{\\partial Z}\\Big)^{\\!\\top} X, \\quad
    \\frac{\\partial L}{\\partial b} = \\sum_{\\text{rows}} \\frac{\\partial L}{\\partial Z}, \\quad
    \\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Z} W
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array, as_rng, check_int, check_shape
from .activations import get_activation

__all__ = ["Dense"]


class Dense:
    """Fully connected layer ``A = activation(X @ W.T + b)`` (PyTorch ``nn.Linear`` layout).

    Parameters
    ----------
    n_in : int
        Number of input features (nodes in the layer below).
    n_out : int
        Number of output nodes.
    activation : str, Activation or None
        "relu", "sigmoid", "tanh", "identity" or None (no activation).
    rng : None, int or numpy.random.Generator
        Source of the random initial weights; None means seed 0, so results repeat.
    dtype : numpy.float64 (default) or numpy.float32
        Precision of the parameters and the computation. float64 keeps gradient checks exact
        to ~1e-8; float32 (PyTorch's default) is faster and plenty for training.

    Attributes
    ----------
    W : numpy.ndarray, shape (n_out, n_in)
        Row ``j`` holds the weights into output node ``j``. Initialised He-normal,
        :math:`\\mathcal{N}(0, 2/n_{in})`, for ReLU and Glorot-uniform,
        :math:`U(\\pm\\sqrt{6/(n_{in}+n_{out})})`, otherwise: both keep the variance of the
        activations about constant from layer to layer.
    b : numpy.ndarray, shape (n_out,)
        The bias, initialised to zero.
    dW, db : numpy.ndarray, shapes of W and b
        Gradients of the loss, filled by :meth:`backward` (overwritten on each call).

    Notes
    -----
    ``W`` is stored transposed, as a C-contiguous (n_in, n_out) array, and ``W`` is a view of
    it. ``X @ W.T`` then reads memory in order, which makes the product about 30% faster;
    nothing else changes. Assigning ``layer.W = ...`` copies into that storage, so the arrays
    returned by :meth:`parameters` stay the live parameters.
    """

    def __init__(self, n_in, n_out, activation=None, rng=None, dtype=np.float64):
        self.n_in = check_int(n_in, "n_in", minimum=1)
        self.n_out = check_int(n_out, "n_out", minimum=1)
        self.activation = get_activation(activation)
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise TypeError(f"dtype must be float64 (the default) or float32, got {self.dtype}")
        rng = as_rng(rng)
        if self.activation.name == "relu":
            W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))
        else:
            limit = np.sqrt(6.0 / (n_in + n_out))
            W = rng.uniform(-limit, limit, size=(n_out, n_in))
        self._WT = np.ascontiguousarray(W.T, dtype=self.dtype)   # (n_in, n_out): the layout X @ W.T reads
        self._b = np.zeros(n_out, dtype=self.dtype)
        self._dWT = np.zeros_like(self._WT)
        self._db = np.zeros_like(self._b)
        self._cache = None

    # --- parameters -----------------------------------------------------------------
    @property
    def W(self) -> np.ndarray:
        return self._WT.T

    @W.setter
    def W(self, value):
        value = as_float_array(value, "W", ndim=2)
        check_shape(value, (self.n_out, self.n_in), "W")
        self._WT[...] = value.T

    @property
    def b(self) -> np.ndarray:
        return self._b

    @b.setter
    def b(self, value):
        value = as_float_array(value, "b", ndim=1)
        check_shape(value, (self.n_out,), "b")
        self._b[...] = value

    @property
    def dW(self) -> np.ndarray:
        return self._dWT.T

    @property
    def db(self) -> np.ndarray:
        return self._db

    def parameters(self):
        """Return ``[W, b]``, the live arrays (an optimizer updates them in place)."""
        return [self.W, self.b]

    def gradients(self):
        """Return ``[dW, db]`` from the last :meth:`backward`."""
        return [self.dW, self.db]

    @property
    def n_params(self) -> int:
        return self._WT.size + self._b.size

    def _bind(self, params, grads):
        """Move W, b (and dW, db) into the given 1-D slices of a network's flat buffers."""
        k = self._WT.size
        WT = params[:k].reshape(self._WT.shape)
        WT[...] = self._WT
        params[k:] = self._b
        self._WT, self._b = WT, params[k:]
        self._dWT, self._db = grads[:k].reshape(self._WT.shape), grads[k:]

    # --- forward and backward ----------------------------------------------------------
    def _check_input(self, X, name="X"):
        X = as_float_array(X, name, ndim=2)
        if X.dtype != self.dtype:
            X = X.astype(self.dtype)                     # compute in the layer's precision
        if X.shape[1] != self.n_in:
            raise ValueError(f"{name} has {X.shape[1]} features per sample (shape {X.shape}) but this layer "
                             f"expects n_in = {self.n_in}; {name} must be (batch, {self.n_in})")
        if X.shape[0] == 0:
            raise ValueError(f"{name} is an empty batch (0 samples)")
        return X

    def forward(self, X, _checked=False, _cache=True):
        """Compute the layer's output for a batch.

        Parameters
        ----------
        X : array_like, shape (batch, n_in)
            One sample per row. For a single sample use ``x.reshape(1, -1)``.

        Returns
        -------
        A : numpy.ndarray, shape (batch, n_out)
        """
        if not _checked:
            X = self._check_input(X)
        Z = X @ self.W.T
        Z += self.b
        A = self.activation(Z)
        if _cache:                                       # keep what backward needs
            self._cache = (X, Z, A)
        return A

    __call__ = forward

    def backward(self, grad_out, input_grad=True):
        """Back-propagate :math:`\\partial L/\\partial A` through the layer.

        Parameters
        ----------
        grad_out : array_like, shape (batch, n_out)
            Gradient of the loss with respect to this layer's output ``A``.
        input_grad : bool, default True
            Also compute the gradient with respect to ``X`` (a network skips it for its
            first layer, where nobody needs it).

        Returns
        -------
        dX : numpy.ndarray, shape (batch, n_in), or None when ``input_grad`` is False
            Gradient of the loss with respect to the input ``X``. ``dW`` and ``db`` are stored
            on the layer. No input array is modified.
        """
        if self._cache is None:
            raise RuntimeError("backward() called before forward(): run a forward pass first")
        X, Z, A = self._cache
        grad_out = as_float_array(grad_out, "grad_out", ndim=2, finite=False)
        if grad_out.shape != A.shape:
            raise ValueError(f"grad_out must have the shape of the layer's output {A.shape}, got {grad_out.shape}")
        dZ = self.activation.backward(Z, A, grad_out)   # dL/dZ = dL/dA * phi'(Z)
        np.matmul(X.T, dZ, out=self._dWT)               # dW = dZ.T @ X (stored as its transpose)
        np.sum(dZ, axis=0, out=self._db)                # db = dZ summed over the batch
        return dZ @ self.W if input_grad else None      # dX = dZ @ W

    def __repr__(self):
        return f"Dense({self.n_in} -> {self.n_out}, {self.activation.name})"
