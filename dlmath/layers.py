r"""A dense (fully connected) layer: forward and backward propagation.

Forward, for a batch ``X`` with one sample per row:

.. math:: Z = X W^\top + b, \qquad A = \varphi(Z)

Backward, given :math:`\partial L/\partial A` from the layer above (the chain rule, one
factor at a time):

.. math::
    \frac{\partial L}{\partial Z} = \frac{\partial L}{\partial A} \odot \varphi'(Z), \quad
    \frac{\partial L}{\partial W} = \Big(\frac{\partial L}{\partial Z}\Big)^{\!\top} X, \quad
    \frac{\partial L}{\partial b} = \sum_{\text{rows}} \frac{\partial L}{\partial Z}, \quad
    \frac{\partial L}{\partial X} = \frac{\partial L}{\partial Z} W

The initial weights follow Glorot and Bengio (2010) and He et al. (2015): see :class:`Dense`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from ._validate import as_float_array, as_rng, check_int, check_shape
from .activations import Activation, get_activation

__all__ = ["Dense"]


class Dense:
    r"""Fully connected layer ``A = activation(X @ W.T + b)`` (PyTorch ``nn.Linear`` layout).

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
        Row ``j`` holds the weights into output node ``j``. Initialised He-normal [2]_,
        :math:`\mathcal{N}(0, 2/n_{in})`, for ReLU and Glorot-uniform [1]_,
        :math:`U(\pm\sqrt{6/(n_{in}+n_{out})})`, otherwise: both keep the variance of the
        activations about constant from layer to layer.
    b : numpy.ndarray, shape (n_out,)
        The bias, initialised to zero.
    dW, db : numpy.ndarray, shapes of W and b
        Gradients of the loss, written by :meth:`backward` into these same arrays on each call.

    Notes
    -----
    ``W``, ``b``, ``dW`` and ``db`` are plain C-ordered arrays of the shapes above. Assigning
    ``layer.W = ...`` copies the new values into the existing array, so the arrays returned by
    :meth:`parameters` and :meth:`gradients` stay the live ones. A :class:`~dlmath.network.Network`
    moves them into its flat vectors with :meth:`bind`.

    References
    ----------
    .. [1] X. Glorot and Y. Bengio, "Understanding the difficulty of training deep feedforward
       neural networks", AISTATS 2010.
    .. [2] K. He, X. Zhang, S. Ren and J. Sun, "Delving deep into rectifiers: surpassing
       human-level performance on ImageNet classification", ICCV 2015.

    Examples
    --------
    >>> layer = Dense(3, 2, "relu")
    >>> layer.W.shape, layer.b.shape
    ((2, 3), (2,))
    >>> layer.forward(np.ones((4, 3))).shape
    (4, 2)
    """

    def __init__(
        self,
        n_in: int,
        n_out: int,
        activation: str | Activation | None = None,
        rng: int | np.random.Generator | None = None,
        dtype: DTypeLike = np.float64,
    ) -> None:
        self.n_in = check_int(n_in, "n_in", minimum=1)
        self.n_out = check_int(n_out, "n_out", minimum=1)
        self.activation = get_activation(activation)
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise TypeError(f"dtype must be float64 (the default) or float32, got {self.dtype}")
        gen = as_rng(rng)
        if self.activation.name == "relu":
            W = gen.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))  # He et al. 2015
        else:
            limit = np.sqrt(6.0 / (n_in + n_out))  # Glorot and Bengio 2010
            W = gen.uniform(-limit, limit, size=(n_out, n_in))
        self._W = W.astype(self.dtype)
        self._b = np.zeros(n_out, dtype=self.dtype)
        self._dW = np.zeros_like(self._W)
        self._db = np.zeros_like(self._b)
        self._cache: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    # --- parameters -----------------------------------------------------------------
    @property
    def W(self) -> np.ndarray:
        """The weights, shape (n_out, n_in)."""
        return self._W

    @W.setter
    def W(self, value: ArrayLike) -> None:
        value = as_float_array(value, "W", ndim=2)
        check_shape(value, (self.n_out, self.n_in), "W")
        self._W[...] = value

    @property
    def b(self) -> np.ndarray:
        """The bias, shape (n_out,)."""
        return self._b

    @b.setter
    def b(self, value: ArrayLike) -> None:
        value = as_float_array(value, "b", ndim=1)
        check_shape(value, (self.n_out,), "b")
        self._b[...] = value

    @property
    def dW(self) -> np.ndarray:
        """Gradient of the loss with respect to ``W`` from the last :meth:`backward`."""
        return self._dW

    @property
    def db(self) -> np.ndarray:
        """Gradient of the loss with respect to ``b`` from the last :meth:`backward`."""
        return self._db

    def parameters(self) -> list[np.ndarray]:
        """Return ``[W, b]``, the live arrays (an optimizer updates them in place)."""
        return [self.W, self.b]

    def gradients(self) -> list[np.ndarray]:
        """Return ``[dW, db]`` from the last :meth:`backward`."""
        return [self.dW, self.db]

    @property
    def n_params(self) -> int:
        """Number of parameters, ``n_out * n_in + n_out``."""
        return self._W.size + self._b.size

    def bind(self, params: np.ndarray, grads: np.ndarray) -> None:
        r"""Keep W, b in ``params`` and dW, db in ``grads`` from now on.

        Parameters
        ----------
        params, grads : numpy.ndarray, shape (n_params,), the layer's dtype
            1-D arrays, usually slices of a network's flat parameter vector :math:`\theta`
            and flat gradient vector :math:`g`. The current W and b are copied into
            ``params``; ``W`` becomes ``params[:n_out * n_in]`` viewed as (n_out, n_in) and
            ``b`` the rest (the same split for ``grads``).

        Examples
        --------
        >>> layer = Dense(3, 2)
        >>> theta, g = np.zeros(layer.n_params), np.zeros(layer.n_params)
        >>> layer.bind(theta, g)
        >>> layer.W[0, 0] = 5.0
        >>> float(theta[0])
        5.0
        """
        k = self._W.size
        for name, arr in (("params", params), ("grads", grads)):
            if not isinstance(arr, np.ndarray) or arr.shape != (self.n_params,) or arr.dtype != self.dtype:
                raise ValueError(f"{name} must be a 1-D {self.dtype} array of {self.n_params} entries")
        W = params[:k].reshape(self.n_out, self.n_in)
        W[...] = self._W
        params[k:] = self._b
        self._W, self._b = W, params[k:]
        self._dW, self._db = grads[:k].reshape(self.n_out, self.n_in), grads[k:]

    # --- forward and backward ----------------------------------------------------------
    def check_input(self, X: ArrayLike, name: str = "X") -> np.ndarray:
        """Return ``X`` as a finite float array of shape (batch, n_in) in the layer's dtype.

        Raises a ``ValueError`` naming ``name`` for a wrong shape, an empty batch or NaN/inf,
        and a ``TypeError`` for non-numbers.
        """
        X = as_float_array(X, name, ndim=2)
        if X.dtype != self.dtype:
            X = X.astype(self.dtype)  # compute in the layer's precision
        if X.shape[1] != self.n_in:
            raise ValueError(
                f"{name} has {X.shape[1]} features per sample (shape {X.shape}) but this layer "
                f"expects n_in = {self.n_in}; {name} must be (batch, {self.n_in})"
            )
        if X.shape[0] == 0:
            raise ValueError(f"{name} is an empty batch (0 samples)")
        return X

    def forward(self, X: ArrayLike, check: bool = True) -> np.ndarray:
        """Compute the layer's output for a batch, and keep X, Z, A for :meth:`backward`.

        Parameters
        ----------
        X : array_like, shape (batch, n_in)
            One sample per row. For a single sample use ``x.reshape(1, -1)``.
        check : bool, default True
            Check ``X`` first (see :meth:`check_input`). ``False`` is for an ``X`` that passed
            that check already (the check at the boundary): a network checks its input once
            and passes ``check=False`` to its layers, each of which gets the output of the
            layer below.

        Returns
        -------
        A : numpy.ndarray, shape (batch, n_out)
        """
        X = self.check_input(X) if check else np.asarray(X)
        Z = X @ self.W.T + self.b
        A = self.activation(Z)
        self._cache = (X, Z, A)
        return A

    __call__ = forward

    def predict(self, X: ArrayLike, check: bool = True) -> np.ndarray:
        """The layer's output, like :meth:`forward`, but keeping nothing for a backward pass."""
        X = self.check_input(X) if check else np.asarray(X)
        return self.activation(X @ self.W.T + self.b)

    def backward(self, grad_out: ArrayLike, input_grad: bool = True, check: bool = True) -> np.ndarray | None:
        r"""Back-propagate :math:`\partial L/\partial A` through the layer.

        Parameters
        ----------
        grad_out : array_like, shape (batch, n_out)
            Gradient of the loss with respect to this layer's output ``A``.
        input_grad : bool, default True
            Also compute the gradient with respect to ``X`` (a network skips it for its
            first layer, where nobody needs it).
        check : bool, default True
            Check ``grad_out`` first (a float array of the output's shape). A network passes
            ``check=False`` to the layers below its last: each gets the ``dX`` of the layer above.

        Returns
        -------
        dX : numpy.ndarray, shape (batch, n_in), or None when ``input_grad`` is False
            Gradient of the loss with respect to the input ``X``. ``dW`` and ``db`` are
            written into the layer's gradient arrays (in place, so that views of them, such as
            a network's flat gradient vector, see the new values). No input array is modified.
        """
        if self._cache is None:
            raise RuntimeError("backward() called before forward(): run a forward pass first")
        X, Z, A = self._cache
        grad_out = as_float_array(grad_out, "grad_out", ndim=2, finite=False) if check else np.asarray(grad_out)
        if check and grad_out.shape != A.shape:
            raise ValueError(f"grad_out must have the shape of the layer's output {A.shape}, got {grad_out.shape}")
        dZ = self.activation.backward(Z, A, grad_out)  # dL/dZ = dL/dA * phi'(Z)
        np.matmul(dZ.T, X, out=self.dW)  # dW = dZ.T @ X, written into the layer's dW
        dZ.sum(axis=0, out=self.db)  # db = dZ summed over the batch, into db
        return dZ @ self.W if input_grad else None  # dX = dZ @ W

    def __repr__(self) -> str:
        return f"Dense({self.n_in} -> {self.n_out}, {self.activation.name})"
