"""Train a small network on a 2-D data set and watch its decision boundary move.

The computing is in :mod:`dlmath.widgets.playground_model`; this module only draws it.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validate import check_int, check_positive
from ..training import DivergenceError
from ._app import PALETTE, App, Canvas, fmt, log_slider, log_yaxis
from ._view import log_limits, spread_labels
from .playground_model import (
    BATCH_SIZES,
    DATASETS,
    GRID,
    OPTIMIZER_NAMES,
    PlaygroundModel,
    boundary_image,
    class_colors,
    loss_view,
    parse_hidden,
    playground_alt,
)

__all__ = ["NetworkPlayground", "playground_alt", "loss_view", "network_playground"]


class NetworkPlayground(App):
    """The app returned by :func:`network_playground`."""

    PREVIEW_EPOCHS = 150
    AHEAD = 80  # frames trained ahead and held by the page (:meth:`_train_ahead`); 0: none
    TITLE = "Network playground"
    STATIC_FRAMES = 30  # of PREVIEW_EPOCHS / STATIC_FRAMES epochs each

    def __init__(
        self,
        dataset="moons",
        hidden=(8, 8),
        activation="tanh",
        optimizer="Adam",
        lr=0.03,
        batch_size=32,
        epochs_per_frame=5,
    ):
        canvas = Canvas(figsize=(9.0, 3.6))
        fig = canvas.figure
        self.ax, self.ax_loss = fig.subplots(
            1, 2, gridspec_kw={"left": 0.09, "right": 0.89, "bottom": 0.13, "top": 0.9, "wspace": 0.3}
        )
        split = (self.ax.get_position().x1 + self.ax_loss.get_position().x0) / 2 - 0.03
        canvas.panel(self.ax_loss, (split, 0.0, 1.0, 1.0))
        self.image = canvas.dynamic(
            self.ax.imshow(np.ones((GRID, GRID, 3)), origin="lower", aspect="auto", interpolation="bilinear")
        )
        self.train_points = canvas.dynamic(self.ax.scatter([], [], s=14, edgecolors="k", linewidths=0.5))
        self.val_points = canvas.dynamic(self.ax.scatter([], [], s=22, marker="^", edgecolors="k", linewidths=0.5))
        self.ax.set(xlabel="$x_1$", ylabel="$x_2$")
        log_yaxis(self.ax_loss)
        self.ax_loss.set(xlabel="epoch", ylabel="cross-entropy loss (log scale)", ylim=(0.1, 1.0))
        self.train_line = canvas.dynamic(self.ax_loss.plot([], [], color=PALETTE[0], lw=1.8)[0])
        self.val_line = canvas.dynamic(self.ax_loss.plot([], [], color=PALETTE[3], ls="--", lw=1.8)[0])
        # direct labels at the ends of the two curves, in the right margin when the axis is full
        label = dict(xytext=(4, 0), textcoords="offset points", va="center", fontsize=10, annotation_clip=False)
        self.train_label = canvas.dynamic(self.ax_loss.annotate("training", (0, 1), **label))
        self.val_label = canvas.dynamic(self.ax_loss.annotate("validation", (0, 1), **label))

        self.dataset = widgets.Dropdown(
            options=list(DATASETS), value=dataset, description="data", layout=widgets.Layout(width="180px")
        )
        self.hidden = widgets.Text(
            ", ".join(map(str, hidden)),
            description="hidden",
            continuous_update=False,
            layout=widgets.Layout(width="180px"),
        )
        self.activation = widgets.Dropdown(
            options=["tanh", "relu", "sigmoid"],
            value=activation,
            description="activation",
            layout=widgets.Layout(width="190px"),
        )
        self.optimizer = widgets.Dropdown(
            options=OPTIMIZER_NAMES, value=optimizer, description="optimizer", layout=widgets.Layout(width="200px")
        )
        self.lr = log_slider(lr, 1e-4, 3.0, "learning rate", width="330px")
        batch = {v: k for k, v in BATCH_SIZES.items()}[batch_size]
        self.batch = widgets.Dropdown(
            options=list(BATCH_SIZES), value=batch, description="batch size", layout=widgets.Layout(width="200px")
        )
        self.per_frame = widgets.IntSlider(
            epochs_per_frame,
            min=1,
            max=20,
            description="epochs/frame",
            continuous_update=False,
            layout=widgets.Layout(width="300px"),
            style={"description_width": "initial"},
        )
        self.play = widgets.Play(min=0, max=10**6, value=0, interval=30, show_repeat=False, description="train")
        self.step_button = widgets.Button(description="step", icon="step-forward", layout=widgets.Layout(width="80px"))
        self.reset_button = widgets.Button(description="reset", icon="undo", layout=widgets.Layout(width="80px"))
        super().__init__(
            canvas,
            [
                widgets.HBox([self.dataset, self.hidden, self.activation, self.optimizer]),
                widgets.HBox([self.lr, self.batch, self.per_frame]),
                widgets.HBox([self.play, self.step_button, self.reset_button]),
            ],
        )
        self.add_class("dlmath-network_playground")
        for w in (self.dataset, self.hidden, self.activation, self.optimizer):
            w.observe(lambda _: self.reset(), names="value")
        self.lr.observe(self._lr_changed, names="value")
        self.batch.observe(self._batch_changed, names="value")
        self.per_frame.observe(lambda _: self._train_ahead(restart=True), names="value")
        self.play.observe(self._tick, names="value")
        self.canvas.follow(self.play)  # Play over frames trained ahead is drawn in the page
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        self.model = None
        self._trained = {}  # tick -> the network trained ahead to it (:meth:`_train_ahead`)
        self._saved = None  # the background key on show while a prefetched view is drawn (:meth:`_view`)
        self.reset()

    # ---- settings ------------------------------------------------------------------------------
    def reset(self):
        """A fresh network with the current settings (epoch 0)."""
        self.play.playing = False
        self.canvas.forget()  # the frames trained ahead were another network's
        try:
            hidden = parse_hidden(self.hidden.value)
        except ValueError as err:
            self.model = None  # no network until the layers are fixed: step and play do nothing
            self._say(str(err), error=True)
            self._show("")
            self.canvas.describe("No network: the hidden layers above need fixing (see the message).")
            self.canvas.frame()  # the message and the alt text, with the last picture
            return
        self._say("")
        self.model = PlaygroundModel(
            self.dataset.value,
            hidden,
            self.activation.value,
            self.optimizer.value,
            self.lr.value,
            BATCH_SIZES[self.batch.value],
        )
        m = self.model
        colors = class_colors(m.k)
        self.image.set_extent(m.extent)
        self.train_points.set_offsets(m.X_train)
        self.train_points.set_facecolors(colors[m.y_train])
        self.val_points.set_offsets(m.X_val)
        self.val_points.set_facecolors(colors[m.y_val])
        self._still(m)
        self._draw(redraw=None)
        others = [self._first_view(d, hidden) for d in DATASETS if d != m.settings["dataset"]]
        self.canvas.prefetch(others, self._restore, idle=lambda: not self.play.playing)

    def _still(self, m):
        """Set the still part of the picture (title, limits) to that of the untrained network ``m``."""
        sizes = " → ".join(map(str, [2, *m.settings["hidden"], m.k]))
        self.ax.set_title(f"MLP {sizes}, {m.settings['activation']}; ● train, ▲ validation", fontsize=10)
        self.ax.set(xlim=m.extent[:2], ylim=m.extent[2:])
        self.ax_loss.set_xlim(0, 50)
        self.ax_loss.set_ylim(*log_limits([np.log(m.k), 1 / m.k]))  # around the untrained loss, ln k

    def _first_view(self, dataset, hidden):
        """The first view after a switch to ``dataset`` (the other settings as they are)."""
        return self._view(
            lambda: self._still(PlaygroundModel(dataset, hidden, self.activation.value, self.optimizer.value))
        )

    def _loss_view(self, xlim, ylim):
        """The view with the loss panel's limits ``xlim``, ``ylim`` (the rest as it is)."""
        return self._view(lambda: self.ax_loss.set(xlim=xlim, ylim=ylim))

    def _view(self, apply):
        """A view as :meth:`Canvas.prefetch` wants it: it keeps the still part on show (for
        :meth:`_restore`), sets it with ``apply()`` and returns its key."""

        def view():
            self._saved = self._background_key()
            apply()
            return self._background_key()

        return view

    def _restore(self):
        title, xlim, ylim, loss_xlim, loss_ylim = self._saved
        self.ax.set_title(title, fontsize=10)
        self.ax.set(xlim=xlim, ylim=ylim)
        self.ax_loss.set(xlim=loss_xlim, ylim=loss_ylim)

    def _background_key(self):
        """The background is set by the title and the axes' limits: they name it."""
        return (
            self.ax.get_title(),
            self.ax.get_xlim(),
            self.ax.get_ylim(),
            self.ax_loss.get_xlim(),
            self.ax_loss.get_ylim(),
        )

    def _lr_changed(self, change):
        if self.model is not None:
            self.model.lr = change["new"]  # keeps the weights: try lowering lr mid-training
            self._train_ahead(restart=True)

    def _batch_changed(self, change):
        if self.model is not None:
            self.model.batch_size = BATCH_SIZES[change["new"]]
            self._train_ahead(restart=True)

    # ---- training ------------------------------------------------------------------------------
    def _tick(self, change):
        if change["new"] > change["old"]:
            self._advance()
        elif self.model is not None:  # the stop button jumps back to 0: not a training step, but the
            self.canvas.forget()  # page's frames ahead no longer match the counter: the kernel draws
            self._draw()

    def step(self):
        """Train ``epochs/frame`` more epochs and redraw (one tick of Play)."""
        self.play.value += 1  # drawn by the page when it holds the frame trained ahead

    def _train_ahead(self, restart=False):
        """Train a copy of the network :attr:`AHEAD` frames ahead of the one on show, in the
        kernel's spare time, and send those frames to the page (:meth:`Canvas.record`): Play
        and step then show them without waiting for the kernel. A frame whose loss curve needs
        a larger loss axis needs a new background: while Play runs it is recorded over that
        background, drawn then and sent ahead (:meth:`Canvas.store_background`, about 45 ms);
        otherwise the recording stops before it and the background is prefetched
        (:meth:`Canvas.prefetch`, in spare time), so that a learner changing settings waits
        for no such drawing. The recording also stops at a divergence. ``restart``: the
        settings changed, the frames held are wrong."""
        if restart:
            self.canvas.forget()
        self._trained = {}  # tick -> the network trained ahead to it
        if self.model is None:
            return
        ahead = self.model.copy()
        per_frame = self.per_frame.value
        view = {"ahead": (self.ax_loss.get_xlim(), self.ax_loss.get_ylim()), "live": None}
        playing = self.play.playing  # Play waits for no kernel: record on across a growing loss axis

        def show(k):  # frame k is tick first + k (k = 0, 1, ... in order); -1: the live network
            if k < 0:
                if view["live"] is not None:  # the loss axis of the network on show
                    self.ax_loss.set(xlim=view["live"][0], ylim=view["live"][1])
                    view["live"] = None
                self._set_picture(self.model)
                return True
            if view["live"] is None:
                view["live"] = (self.ax_loss.get_xlim(), self.ax_loss.get_ylim())
            try:
                ahead.advance(per_frame)
            except DivergenceError:
                return False
            grown = loss_view(ahead, *view["ahead"])
            if grown != view["ahead"] and not playing:  # stop before it; draw its background soon
                self.canvas.prefetch([self._loss_view(*grown)], self._restore, after_s=0.0, queue="loss axis")
                return False
            view["ahead"] = grown
            self.ax_loss.set(xlim=grown[0], ylim=grown[1])
            key = self._background_key()
            self.canvas.store_background(key)  # while Play runs: drawn now, the first time only
            self._set_picture(ahead)
            self._trained[first + k] = ahead.copy()  # the live network takes it when Play gets there
            return key

        soon = 0.0 if playing else None  # Play is waiting for these frames
        first = self.play.value + 1
        self.canvas.record(show, self.AHEAD, lambda: -1, first=first, after_s=soon)

    def _advance(self):
        """One tick: train ``epochs/frame`` more epochs; the kernel draws it unless the page holds it."""
        if self.model is None:
            return
        tick = self.play.value
        if not self.canvas.covers(tick):
            self.canvas.forget()  # the page holds other frames: this one is sent
        trained = self._trained.pop(tick, None)
        for old in [t for t in self._trained if t < tick]:
            del self._trained[old]
        try:
            if trained is not None and trained.epoch == self.model.epoch + self.per_frame.value:
                self.model = trained  # trained ahead to this tick: the same network, no training now
            else:
                self.model.advance(self.per_frame.value)
        except DivergenceError as err:
            self.play.playing = False
            self._say(f"Training diverged: {err}. Lower the learning rate and press reset.", error=True)
            return
        view = (self.ax_loss.get_xlim(), self.ax_loss.get_ylim())
        xlim, ylim = loss_view(self.model, *view)
        changed = [] if np.allclose(xlim, view[0]) and np.allclose(ylim, view[1]) else [self.ax_loss]
        if changed:  # a rare redraw, of a background usually drawn while training ahead
            if not self.canvas.covers(tick):
                self.canvas.forget()
            self.ax_loss.set(xlim=xlim, ylim=ylim)
        self._draw(redraw=changed, ahead=False, index=tick)
        held = self.canvas.holds(tick)
        halfway = held and tick - self.canvas.held.start >= self.AHEAD // 2 and not self.canvas.under_way
        if not self.canvas.covers(tick) or halfway:
            self._train_ahead()  # the next frames, before Play gets there

    def _draw(self, publish=True, redraw=(), ahead=True, index=None):
        """Draw the current model (Play's tick ``index``); ``redraw``: the panels whose background
        changed (None: all); ``ahead``: then train ahead (:meth:`_train_ahead`)."""
        self._set_picture(self.model)
        m = self.model
        self.canvas.update(redraw, self._background_key(), publish, index)  # a view seen before is cached
        if publish and ahead and m is not None:
            self._train_ahead()

    def _set_picture(self, m):
        """Set the dynamic artists, the alt text and the info line to the network ``m`` (not drawn)."""
        self.image.set_data(boundary_image(m.probabilities()))
        epochs = np.arange(1, m.epoch + 1)
        self.train_line.set_data(epochs, m.loss)
        self.val_line.set_data(epochs, m.val_loss)
        self._place_labels(m)
        self.canvas.describe(playground_alt(m))
        if m.epoch:
            self._show(
                f"epoch {m.epoch}: training loss {fmt(m.loss[-1])}, validation loss {fmt(m.val_loss[-1])}, "
                f"accuracy {100 * m.accuracy[-1]:.0f}% (training) / {100 * m.val_accuracy[-1]:.0f}% (validation)"
            )
        else:
            self._show("epoch 0: untrained. Press ▶ to train, or step for a few epochs at a time.")

    def _place_labels(self, m):
        labels = (self.train_label, self.val_label)
        for label in labels:
            label.set_visible(m.epoch > 0)
        if not m.epoch:
            return
        low, high = self.ax_loss.get_ylim()
        ends = np.clip([m.loss[-1], m.val_loss[-1]], low, high)
        pts = self.ax_loss.transData.transform(np.column_stack([[m.epoch, m.epoch], ends]))[:, 1]
        pts = pts / (self.figure.dpi / 72)
        for label, y, have, want in zip(labels, ends, pts, spread_labels(pts, 12)):
            label.xy = (m.epoch, y)
            label.set_position((4, want - have))

    def static_scenarios(self):
        """A fresh network with the current settings trained for ``PREVIEW_EPOCHS`` epochs,
        one frame every few epochs: the decision boundary forming."""
        try:
            hidden = parse_hidden(self.hidden.value)
        except ValueError:
            hidden = (8, 8)
        per_frame = self.PREVIEW_EPOCHS // self.STATIC_FRAMES
        app = NetworkPlayground(
            self.dataset.value,
            hidden,
            self.activation.value,
            self.optimizer.value,
            self.lr.value,
            BATCH_SIZES[self.batch.value],
            per_frame,
        )
        app.AHEAD = 0  # the static view's frames are drawn here, one by one
        try:
            snaps = [app._snapshot()]
            for _ in range(self.STATIC_FRAMES):
                before = app.model.epoch
                app.step()
                if app.model.epoch == before:  # diverged: the message says so
                    break
                snaps.append(app._snapshot())
            m = app.model
            sizes = " → ".join(map(str, [2, *hidden, m.k]))
            outcome = (
                f"after {m.epoch} epochs the accuracy is {100 * m.accuracy[-1]:.0f}% on the training points "
                f"and {100 * m.val_accuracy[-1]:.0f}% on the validation points"
                if m.epoch
                else "training diverged at once"
            )
            alt = (
                f"Animation of an MLP {sizes} ({self.activation.value}, {self.optimizer.value}, learning rate "
                f"{fmt(self.lr.value)}) learning the {self.dataset.value} data set: its decision regions "
                f"(the coloured areas of its predicted classes, left) bend to separate the points, and the training and validation "  # noqa: E501
                f"losses (right) fall; {outcome}."
            )
            return [self._scenario(f"{self.dataset.value}, {m.epoch} epochs", alt, snaps)]
        finally:
            app._discard()

    def _static_png(self):
        """Without widgets, show a copy of this network trained ``PREVIEW_EPOCHS`` epochs (the live app is unchanged)."""  # noqa: E501
        live = self.model
        if live is None or live.epoch > 0:
            return self.canvas.png
        title, xlim, ylim, current = (
            self.ax.get_title(),
            self.ax_loss.get_xlim(),
            self.ax_loss.get_ylim(),
            self.canvas.png,
        )
        try:
            self.model = live.fresh_copy().advance(self.PREVIEW_EPOCHS)
            self.ax.set_title(f"{title}; after {self.PREVIEW_EPOCHS} epochs", fontsize=10)
            self.ax_loss.set_xlim(0, self.PREVIEW_EPOCHS)
            self.ax_loss.set_ylim(*log_limits(self.model.loss + self.model.val_loss))
            self._draw(publish=False, redraw=None)
            preview = self.canvas.png
        except DivergenceError:
            preview = current
        finally:
            self.model = live
            self.ax.set_title(title, fontsize=10)
            self.ax_loss.set_xlim(*xlim)
            self.ax_loss.set_ylim(*ylim)
            self._draw(publish=False, redraw=None)
        return preview


def network_playground(
    dataset="moons", hidden=(8, 8), activation="tanh", optimizer="Adam", lr=0.03, batch_size=32, epochs_per_frame=5
):
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
    if optimizer not in OPTIMIZER_NAMES:
        raise ValueError(f"unknown optimizer {optimizer!r}; valid names are {', '.join(map(repr, OPTIMIZER_NAMES))}")
    if not 1e-4 <= check_positive(lr, "lr") <= 3.0:
        raise ValueError(f"lr must be between 0.0001 and 3 (the slider's range), got {lr}")
    if batch_size not in BATCH_SIZES.values():
        raise ValueError(f"batch_size must be one of None, 1, 8, 32, got {batch_size!r}")
    if not 1 <= check_int(epochs_per_frame, "epochs_per_frame", minimum=1) <= 20:
        raise ValueError(f"epochs_per_frame must be between 1 and 20, got {epochs_per_frame}")
    return NetworkPlayground(dataset, tuple(hidden), activation, optimizer, lr, batch_size, epochs_per_frame)
