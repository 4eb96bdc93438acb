"""Train a small network on a 2-D data set and watch its decision boundary move.

:class:`PlaygroundModel` is the pure part: a data set split into training and validation
sets, an :func:`dlmath.network.MLP`, an optimizer, and :meth:`~PlaygroundModel.advance`, which
trains a few more epochs with :func:`dlmath.training.train` (the optimizer keeps its state
between calls). :func:`network_playground` draws it.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..activations import softmax
from ..datasets import make_blobs, make_moons, make_spirals, make_xor, train_test_split
from ..network import MLP
from ..optimizers import SGD, Adam, RMSProp
from ..training import DivergenceError, train
from .._validate import check_int, check_positive
from ._app import PALETTE, App, Canvas, fmt, log_slider

__all__ = ["DATASETS", "PlaygroundModel", "parse_hidden", "class_colors", "network_playground"]

DATASETS = {
    "moons": lambda seed: make_moons(n=300, noise=0.2, seed=seed),
    "spirals": lambda seed: make_spirals(n=300, classes=3, noise=0.2, seed=seed),
    "XOR": lambda seed: make_xor(n=300, noise=0.15, seed=seed),
    "blobs": lambda seed: make_blobs(n=300, centers=3, std=1.5, seed=seed),
}
OPTIMIZER_NAMES = ("Adam", "momentum", "SGD", "RMSProp")
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


def _optimizer(name, lr):
    if name not in OPTIMIZER_NAMES:
        raise ValueError(f"unknown optimizer {name!r}; valid names are {', '.join(map(repr, OPTIMIZER_NAMES))}")
    return {"Adam": lambda: Adam(lr=lr), "momentum": lambda: SGD(lr=lr, momentum=0.9),
            "SGD": lambda: SGD(lr=lr), "RMSProp": lambda: RMSProp(lr=lr)}[name]()


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

    def __init__(self, dataset="moons", hidden=(8, 8), activation="tanh", optimizer="Adam", lr=0.03,
                 batch_size=32, seed=0):
        if dataset not in DATASETS:
            raise ValueError(f"unknown dataset {dataset!r}; valid names are {', '.join(map(repr, DATASETS))}")
        self.settings = dict(dataset=dataset, hidden=tuple(hidden), activation=activation, optimizer=optimizer)
        self.seed = check_int(seed, "seed")
        X, y = DATASETS[dataset](self.seed)
        self.X_train, self.X_val, self.y_train, self.y_val = train_test_split(X, y, test_size=0.3, seed=self.seed)
        self.k = int(y.max()) + 1
        self.net = MLP([2, *hidden, self.k], activation=activation, rng=self.seed)
        self.optimizer = _optimizer(optimizer, check_positive(lr, "lr"))
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
        history = train(self.net, self.X_train, self.y_train, loss="cross_entropy", optimizer=self.optimizer,
                        epochs=epochs, batch_size=self.batch_size, seed=self.seed * 100_003 + self.epoch,
                        progress=False, validation_data=(self.X_val, self.y_val))
        self.epoch += epochs
        self.loss += history.loss
        self.val_loss += history.val_loss
        self.accuracy += history.accuracy
        self.val_accuracy += history.val_accuracy
        return self

    def fresh_copy(self):
        """A new model with the same settings (data, architecture, current lr and batch size), at epoch 0.

        (Not ``copy.deepcopy``: a deep copy of a network loses the link between its flat
        parameter buffer and its layers' ``W`` and ``b``, so training the copy would not change
        its predictions.)
        """
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


class NetworkPlayground(App):
    """The app returned by :func:`network_playground`."""

    PREVIEW_EPOCHS = 150

    def __init__(self, dataset="moons", hidden=(8, 8), activation="tanh", optimizer="Adam", lr=0.03,
                 batch_size=32, epochs_per_frame=5):
        canvas = Canvas(figsize=(9.0, 3.6))
        fig = canvas.figure
        self.ax, self.ax_loss = fig.subplots(1, 2, gridspec_kw={"left": 0.075, "right": 0.985, "bottom": 0.13,
                                                                "top": 0.9, "wspace": 0.2})
        self.image = canvas.dynamic(self.ax.imshow(np.ones((GRID, GRID, 3)), origin="lower", aspect="auto",
                                                   interpolation="bilinear"))
        self.train_points = canvas.dynamic(self.ax.scatter([], [], s=14, edgecolors="k", linewidths=0.5))
        self.val_points = canvas.dynamic(self.ax.scatter([], [], s=22, marker="^", edgecolors="k", linewidths=0.5))
        self.ax.set(xlabel="$x_1$", ylabel="$x_2$")
        self.ax_loss.set(xlabel="epoch", ylabel="cross-entropy loss (log)", yscale="log", ylim=(2e-3, 5))
        self.train_line = canvas.dynamic(self.ax_loss.plot([], [], color=PALETTE[0], label="training loss")[0])
        self.val_line = canvas.dynamic(self.ax_loss.plot([], [], color=PALETTE[3], ls="--",
                                                          label="validation loss")[0])
        self.ax_loss.legend(loc="upper right", fontsize=9)

        self.dataset = widgets.Dropdown(options=list(DATASETS), value=dataset, description="data",
                                        layout=widgets.Layout(width="180px"))
        self.hidden = widgets.Text(", ".join(map(str, hidden)), description="hidden", continuous_update=False,
                                   layout=widgets.Layout(width="180px"))
        self.activation = widgets.Dropdown(options=["tanh", "relu", "sigmoid"], value=activation,
                                           description="activation", layout=widgets.Layout(width="190px"))
        self.optimizer = widgets.Dropdown(options=OPTIMIZER_NAMES, value=optimizer, description="optimizer",
                                          layout=widgets.Layout(width="200px"))
        self.lr = log_slider(lr, 1e-4, 3.0, "learning rate", width="330px")
        batch = {v: k for k, v in BATCH_SIZES.items()}[batch_size]
        self.batch = widgets.Dropdown(options=list(BATCH_SIZES), value=batch, description="batch size",
                                      layout=widgets.Layout(width="200px"))
        self.per_frame = widgets.IntSlider(epochs_per_frame, min=1, max=20, description="epochs/frame",
                                           continuous_update=False, layout=widgets.Layout(width="300px"))
        self.play = widgets.Play(min=0, max=10**6, value=0, interval=150, show_repeat=False, description="train")
        self.step_button = widgets.Button(description="step", icon="step-forward", layout=widgets.Layout(width="80px"))
        self.reset_button = widgets.Button(description="reset", icon="undo", layout=widgets.Layout(width="80px"))
        super().__init__(canvas, [widgets.HBox([self.dataset, self.hidden, self.activation, self.optimizer]),
                                  widgets.HBox([self.lr, self.batch, self.per_frame]),
                                  widgets.HBox([self.play, self.step_button, self.reset_button])])
        self.add_class("dlmath-network_playground")
        self.per_frame.add_class("dlmath-test-slider")
        for w in (self.dataset, self.hidden, self.activation, self.optimizer):
            w.observe(lambda _: self.reset(), names="value")
        self.lr.observe(self._lr_changed, names="value")
        self.batch.observe(self._batch_changed, names="value")
        self.play.observe(self._tick, names="value")
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        self.model = None
        self.reset()

    # ---- settings ------------------------------------------------------------------------------
    def reset(self):
        """A fresh network with the current settings (epoch 0)."""
        self.play.playing = False
        try:
            hidden = parse_hidden(self.hidden.value)
        except ValueError as err:
            self._say(str(err), error=True)
            return
        self._say("")
        self.model = PlaygroundModel(self.dataset.value, hidden, self.activation.value, self.optimizer.value,
                                     self.lr.value, BATCH_SIZES[self.batch.value])
        m = self.model
        colors = class_colors(m.k)
        self.image.set_extent(m.extent)
        self.ax.set(xlim=m.extent[:2], ylim=m.extent[2:])
        self.train_points.set_offsets(m.X_train)
        self.train_points.set_facecolors(colors[m.y_train])
        self.val_points.set_offsets(m.X_val)
        self.val_points.set_facecolors(colors[m.y_val])
        sizes = " → ".join(map(str, [2, *hidden, m.k]))
        self.ax.set_title(f"MLP {sizes}, {self.activation.value}; ● train, ▲ validation", fontsize=10)
        self.ax_loss.set_xlim(0, 50)
        self.canvas.redraw()
        self._draw()

    def _lr_changed(self, change):
        if self.model is not None:
            self.model.lr = change["new"]  # keeps the weights: try lowering lr mid-training

    def _batch_changed(self, change):
        if self.model is not None:
            self.model.batch_size = BATCH_SIZES[change["new"]]

    # ---- training ------------------------------------------------------------------------------
    def _tick(self, change):
        if change["new"] > change["old"]:  # the stop button jumps back to 0: not a training step
            self.step()

    def step(self):
        """Train ``epochs/frame`` more epochs and redraw."""
        if self.model is None:
            return
        try:
            self.model.advance(self.per_frame.value)
        except DivergenceError as err:
            self.play.playing = False
            self._say(f"Training diverged: {err}. Lower the learning rate and press reset.", error=True)
            return
        if self.model.epoch > self.ax_loss.get_xlim()[1]:  # grow the axis by doubling: a rare full redraw
            self.ax_loss.set_xlim(0, 2 * self.ax_loss.get_xlim()[1])
            self.canvas.redraw()
        self._draw()

    def _draw(self, publish=True):
        m = self.model
        self.image.set_data(boundary_image(m.probabilities()))
        epochs = np.arange(1, m.epoch + 1)
        self.train_line.set_data(epochs, m.loss)
        self.val_line.set_data(epochs, m.val_loss)
        if not publish:
            self.canvas.frame(publish=False)
            return
        if m.epoch:
            self._show(f"epoch {m.epoch}: training loss {fmt(m.loss[-1])}, validation loss {fmt(m.val_loss[-1])}, "
                       f"accuracy {100 * m.accuracy[-1]:.0f}% (training) / {100 * m.val_accuracy[-1]:.0f}% (validation)")
        else:
            self._show("epoch 0: untrained. Press ▶ to train, or step for a few epochs at a time.")
        self.canvas.frame()

    def _static_png(self):
        """Without widgets, show a copy of this network trained ``PREVIEW_EPOCHS`` epochs (the live app is unchanged)."""
        live = self.model
        if live is None or live.epoch > 0:
            return self.canvas.png
        title, xlim, current = self.ax.get_title(), self.ax_loss.get_xlim(), self.canvas.png
        try:
            self.model = live.fresh_copy().advance(self.PREVIEW_EPOCHS)
            self.ax.set_title(f"{title}; after {self.PREVIEW_EPOCHS} epochs", fontsize=10)
            self.ax_loss.set_xlim(0, self.PREVIEW_EPOCHS)
            self.canvas.redraw(publish=False)
            self._draw(publish=False)
            preview = self.canvas.png
        except DivergenceError:
            preview = current
        finally:
            self.model = live
            self.ax.set_title(title, fontsize=10)
            self.ax_loss.set_xlim(*xlim)
            self.canvas.redraw(publish=False)
            self._draw(publish=False)
        return preview


def network_playground(dataset="moons", hidden=(8, 8), activation="tanh", optimizer="Adam", lr=0.03,
                       batch_size=32, epochs_per_frame=5):
    """Train an MLP on a 2-D data set and watch the decision boundary and the losses live.

    ▶ trains ``epochs_per_frame`` epochs per frame, step trains once, reset starts a fresh
    network. Changing the data set, hidden layers, activation or optimizer starts over;
    changing the learning rate or batch size keeps the weights and applies from the next step.

    Parameters
    ----------
    dataset : {"moons", "spirals", "XOR", "blobs"}
    hidden : tuple of int
        Hidden-layer sizes (at most 4 layers of 1 to 64 units).
    activation : {"tanh", "relu", "sigmoid"}
    optimizer : {"Adam", "momentum", "SGD", "RMSProp"}
    lr : float
        Between 1e-4 and 3.
    batch_size : {None, 1, 8, 32}
        None is full-batch gradient descent.
    epochs_per_frame : int
        1 .. 20.

    Returns
    -------
    NetworkPlayground
        An ``ipywidgets.VBox``; ``model`` is the current :class:`PlaygroundModel`. Shown without
        a widget frontend, it is a picture of a copy trained for 150 epochs.
    """
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; valid names are {', '.join(map(repr, DATASETS))}")
    parse_hidden(", ".join(map(str, hidden)))
    if activation not in ("tanh", "relu", "sigmoid"):
        raise ValueError(f"unknown activation {activation!r}; valid names are 'tanh', 'relu', 'sigmoid'")
    _optimizer(optimizer, 1.0)
    if not 1e-4 <= check_positive(lr, "lr") <= 3.0:
        raise ValueError(f"lr must be between 0.0001 and 3 (the slider's range), got {lr}")
    if batch_size not in BATCH_SIZES.values():
        raise ValueError(f"batch_size must be one of None, 1, 8, 32, got {batch_size!r}")
    if not 1 <= check_int(epochs_per_frame, "epochs_per_frame", minimum=1) <= 20:
        raise ValueError(f"epochs_per_frame must be between 1 and 20, got {epochs_per_frame}")
    return NetworkPlayground(dataset, tuple(hidden), activation, optimizer, lr, batch_size, epochs_per_frame)
