"""The pure part of the network playground: data, network, optimizer, training history.

:class:`PlaygroundModel` splits a 2-D data set into training and validation sets, builds an
:func:`dlmath.network.MLP` and trains it a few epochs at a time with
:func:`dlmath.training.train` (the optimizer keeps its state between calls).
:func:`boundary_image` turns class probabilities on a grid into the picture of the decision
regions, :func:`loss_view` chooses the loss panel's limits (changed rarely: each change is a new
background) and :func:`playground_alt` says in words what the picture shows.
"""

from __future__ import annotations

from copy import deepcopy

import numpy as np

from .._validate import check_int, check_positive
from ..activations import softmax
from ..datasets import make_blobs, make_moons, make_spirals, make_xor, train_test_split
from ..network import MLP
from ..training import train
from ._app import PALETTE, fmt
from ._view import log_limits
from .optimizer_choice import make_optimizer  # the one the race uses too; re-exported here

__all__ = [
    "DATASETS",
    "OPTIMIZER_NAMES",
    "BATCH_SIZES",
    "GRID",
    "PlaygroundModel",
    "parse_hidden",
    "make_optimizer",
    "class_colors",
    "boundary_image",
    "loss_view",
    "playground_alt",
]

DATASETS = {
    "moons": lambda seed: make_moons(n=300, noise=0.2, seed=seed),
    "spirals": lambda seed: make_spirals(n=300, classes=3, noise=0.2, seed=seed),
    "XOR": lambda seed: make_xor(n=300, noise=0.15, seed=seed),
    "blobs": lambda seed: make_blobs(n=300, centers=3, std=1.5, seed=seed),
}
OPTIMIZER_NAMES = ("Adam", "momentum", "SGD", "RMSProp")  # names of dlmath.widgets.optimizer_choice
BATCH_SIZES = {"full batch": None, "1": 1, "8": 8, "32": 32}
GRID = 80  # the decision boundary is evaluated on GRID x GRID points


def parse_hidden(text):
    """Hidden-layer sizes typed as ``"8, 8"`` -> ``(8, 8)``; ``""`` means no hidden layer."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
    try:
        sizes = tuple(int(p) for p in parts)
    except ValueError:
        raise ValueError(f"hidden layers must be whole numbers separated by commas, like 8, 8; got {text!r}") from None
    if len(sizes) > 4 or any(not 1 <= s <= 64 for s in sizes):
        raise ValueError(f"use at most 4 hidden layers of 1 to 64 units each; got {text!r}")
    return sizes


class PlaygroundModel:
    """A data set, a network, an optimizer and the history of one training run.

    Parameters
    ----------
    dataset : {"moons", "spirals", "XOR", "blobs"}
    hidden : tuple of int
        Hidden-layer sizes, e.g. ``(8, 8)``.
    activation : {"relu", "tanh", "sigmoid"}
    optimizer : {"Adam", "momentum", "SGD", "RMSProp"}
    lr : float
    batch_size : int or None
        None for full-batch gradient descent.
    seed : int
        Seeds the data, the split, the initial weights and the shuffling.

    Attributes
    ----------
    X_train, X_val : numpy.ndarray, shapes (n_train, 2), (n_val, 2)
    y_train, y_val : numpy.ndarray of int, shapes (n_train,), (n_val,)
    net : dlmath.network.Network
        ``MLP([2, *hidden, k])`` with ``k`` classes; outputs logits.
    epoch : int
        Epochs trained so far.
    loss, val_loss, accuracy, val_accuracy : list of float
        One entry per epoch.
    """

    def __init__(
        self, dataset="moons", hidden=(8, 8), activation="tanh", optimizer="Adam", lr=0.03, batch_size=32, seed=0
    ):
        if dataset not in DATASETS:
            raise ValueError(f"unknown dataset {dataset!r}; valid names are {', '.join(map(repr, DATASETS))}")
        self.settings = dict(dataset=dataset, hidden=tuple(hidden), activation=activation, optimizer=optimizer)
        self.seed = check_int(seed, "seed")
        X, y = DATASETS[dataset](self.seed)
        self.X_train, self.X_val, self.y_train, self.y_val = train_test_split(X, y, test_size=0.3, seed=self.seed)
        self.k = int(y.max()) + 1
        self.net = MLP([2, *hidden, self.k], activation=activation, rng=self.seed)
        if optimizer not in OPTIMIZER_NAMES:
            valid = ", ".join(map(repr, OPTIMIZER_NAMES))
            raise ValueError(f"unknown optimizer {optimizer!r}; valid names are {valid}")
        self.optimizer = make_optimizer(optimizer, check_positive(lr, "lr"))
        self.batch_size = batch_size
        self.epoch = 0
        self.loss, self.val_loss, self.accuracy, self.val_accuracy = [], [], [], []
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = 0.1 * (hi - lo)
        self.extent = (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])
        gx, gy = np.meshgrid(np.linspace(*self.extent[:2], GRID), np.linspace(*self.extent[2:], GRID))
        self.grid = np.column_stack([gx.ravel(), gy.ravel()])  # (GRID * GRID, 2)

    @property
    def lr(self):
        return self.optimizer.lr

    @lr.setter
    def lr(self, value):
        self.optimizer.lr = check_positive(value, "lr")  # takes effect at the next step

    def advance(self, epochs=1):
        """Train ``epochs`` more epochs; raises :class:`dlmath.training.DivergenceError` on a blow-up."""
        epochs = check_int(epochs, "epochs", minimum=1)
        history = train(
            self.net,
            self.X_train,
            self.y_train,
            loss="cross_entropy",
            optimizer=self.optimizer,
            epochs=epochs,
            batch_size=self.batch_size,
            seed=self.seed * 100_003 + self.epoch,
            progress=False,
            validation_data=(self.X_val, self.y_val),
        )
        self.epoch += epochs
        self.loss += history.loss
        self.val_loss += history.val_loss
        self.accuracy += history.accuracy
        self.val_accuracy += history.val_accuracy
        return self

    def copy(self):
        """An independent copy at the same epoch (weights, optimizer state, history): it trains
        on exactly as this model would. The data and the grid, which training never changes,
        are shared."""
        shared = (self.X_train, self.X_val, self.y_train, self.y_val, self.grid)
        return deepcopy(self, memo={id(a): a for a in shared})

    def fresh_copy(self):
        """A new model with the same settings (data, architecture, current lr and batch size), at epoch 0."""
        return PlaygroundModel(**self.settings, lr=self.lr, batch_size=self.batch_size, seed=self.seed)

    def probabilities(self):
        """Class probabilities on the grid, shape (GRID, GRID, k) (rows: y, columns: x)."""
        return softmax(self.net.predict(self.grid)).reshape(GRID, GRID, self.k)


def class_colors(k):
    """RGB colours of ``k`` classes, shape (k, 3), from :data:`dlmath.plots.PALETTE`."""
    hexes = [PALETTE[i] for i in (0, 1, 2, 3, 4)[:k]]
    return np.array([[int(h[i : i + 2], 16) / 255 for i in (1, 3, 5)] for h in hexes])


def boundary_image(probs):
    """An RGB picture of the decision regions: each class's colour, pale where the network is unsure.

    Parameters
    ----------
    probs : numpy.ndarray, shape (rows, cols, k)

    Returns
    -------
    numpy.ndarray, shape (rows, cols, 3), values in [0, 1]
    """
    k = probs.shape[-1]
    mix = probs @ class_colors(k)  # (rows, cols, 3)
    sure = (probs.max(axis=-1, keepdims=True) - 1 / k) / (1 - 1 / k)  # 0 at a tie, 1 when certain
    strength = 0.15 + 0.45 * sure
    return 1 - strength + strength * mix


def playground_alt(model):
    """The picture's text alternative, e.g. "MLP 2 → 8 → 8 → 2 on moons after 20 epochs: training loss 0.31, ..."."""
    sizes = " → ".join(str(n) for n in [2, *model.settings["hidden"], model.k])
    head = (
        f"Network playground: an MLP {sizes} ({model.settings['activation']}) on the {model.settings['dataset']} data"
    )
    if not model.epoch:
        return f"{head}, untrained: its decision regions (left) over the training and validation points."
    return (
        f"{head} after {model.epoch} epochs: training loss {fmt(model.loss[-1])}, validation loss "
        f"{fmt(model.val_loss[-1])}, accuracy {100 * model.accuracy[-1]:.0f}% (training) and "
        f"{100 * model.val_accuracy[-1]:.0f}% (validation). Left: its decision regions over the points; "
        "right: the two losses against the epoch."
    )


def loss_view(model, xlim, ylim):
    """The loss panel's limits for ``model``, changed rarely (each change is a new background):
    the epoch axis ``xlim`` doubled while ``model.epoch`` is past its end; the loss axis
    ``ylim`` kept while it holds the whole powers of ten around both losses
    (:func:`~dlmath.widgets._view.log_limits`), else grown to hold them, one decade further
    down (a falling loss soon needs it).

    Returns
    -------
    (float, float), (float, float)
        The epoch axis' and the loss axis' limits.
    """
    low, high = xlim
    while model.epoch > high:
        high *= 2
    want_low, want_high = log_limits(model.loss + model.val_loss)
    if want_low >= ylim[0] * (1 - 1e-9) and want_high <= ylim[1] * (1 + 1e-9):
        return (low, high), tuple(ylim)
    return (low, high), (min(ylim[0], want_low / 10), max(ylim[1], want_high))
