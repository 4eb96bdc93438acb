"""GD, momentum, RMSProp and Adam race downhill from one start point.

:func:`race_paths` runs every chosen optimizer with :func:`dlmath.surfaces.run_path` when a
setting changes; the app then only draws frames out of the precomputed paths.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validate import as_float_array, check_int
from ..optimizers import SGD, Adam, RMSProp
from ..plots import plot_surface
from ..surfaces import beale, diverged_at, quadratic_bowl, rosenbrock, run_path, saddle
from ._app import PALETTE, App, Canvas, Player, fmt, log_slider, log_yaxis, pick_frames

__all__ = ["RACE_SURFACES", "OPTIMIZERS", "DEFAULTS", "make_optimizer", "race_paths", "optimizer_race"]

RACE_SURFACES = {
    "bowl": ("ill-conditioned bowl", lambda: quadratic_bowl(a=1.0, b=50.0)),
    "rosenbrock": ("Rosenbrock", rosenbrock),
    "beale": ("Beale", beale),
    "saddle": ("saddle", saddle),
}
# name -> (hyperparameter symbol, its default, slider range)
OPTIMIZERS = {
    "GD": (None, None, None),
    "momentum": ("μ", 0.9, (0.0, 0.99)),
    "RMSProp": ("α", 0.99, (0.5, 0.999)),
    "Adam": ("β₁", 0.9, (0.0, 0.99)),
}
# per surface: start, steps and each optimizer's learning rate (found by a sweep; none diverges)
DEFAULTS = {
    "bowl": ((-2.5, 1.5), 100, {"GD": 0.035, "momentum": 0.01, "RMSProp": 0.05, "Adam": 0.2}),
    "rosenbrock": ((-1.2, 1.0), 300, {"GD": 2e-3, "momentum": 1e-3, "RMSProp": 0.02, "Adam": 0.1}),
    "beale": ((1.0, 1.5), 300, {"GD": 0.01, "momentum": 1e-3, "RMSProp": 0.1, "Adam": 0.3}),
    "saddle": ((-1.8, 1e-3), 100, {"GD": 0.01, "momentum": 3e-3, "RMSProp": 0.01, "Adam": 0.01}),
}


def make_optimizer(name, lr, hyper=None):
    """A :mod:`dlmath.optimizers` object for one racer.

    ``"GD"`` is ``SGD(lr)``; ``"momentum"`` is ``SGD(lr, momentum=hyper)``; ``"RMSProp"`` is
    ``RMSProp(lr, alpha=hyper)``; ``"Adam"`` is ``Adam(lr, betas=(hyper, 0.999))``. ``hyper=None``
    takes the default from :data:`OPTIMIZERS`.
    """
    if name not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}; valid names are {', '.join(map(repr, OPTIMIZERS))}")
    hyper = OPTIMIZERS[name][1] if hyper is None else hyper
    if name == "GD":
        return SGD(lr=lr)
    if name == "momentum":
        return SGD(lr=lr, momentum=hyper)
    if name == "RMSProp":
        return RMSProp(lr=lr, alpha=hyper)
    return Adam(lr=lr, betas=(hyper, 0.999))


def label(name, lr, hyper=None):
    """Legend text with the settings, e.g. ``"momentum  lr=0.01, μ=0.9"``."""
    symbol, default, _ = OPTIMIZERS[name]
    if symbol is None:
        return f"{name}  lr={fmt(lr)}"
    extra = ", β₂=0.999" if name == "Adam" else ""
    return f"{name}  lr={fmt(lr)}, {symbol}={fmt(default if hyper is None else hyper)}{extra}"


def race_paths(surface="bowl", settings=None, start=None, steps=None):
    """Run each optimizer from the same start and return all paths.

    Parameters
    ----------
    surface : str
        A key of :data:`RACE_SURFACES`.
    settings : dict, optional
        ``{name: (lr, hyper)}`` for the racers (names from :data:`OPTIMIZERS`); default: all
        four with the learning rates of :data:`DEFAULTS`.
    start : (float, float), optional
        Default: from :data:`DEFAULTS`.
    steps : int, optional
        Default: from :data:`DEFAULTS`.

    Returns
    -------
    dict str -> numpy.ndarray, shape (steps + 1, 2)
        Each optimizer's path (NaN rows after a divergence).
    """
    if surface not in RACE_SURFACES:
        raise ValueError(f"unknown surface {surface!r}; valid names are {', '.join(map(repr, RACE_SURFACES))}")
    default_start, default_steps, default_lrs = DEFAULTS[surface]
    settings = {n: (lr, None) for n, lr in default_lrs.items()} if settings is None else settings
    steps = default_steps if steps is None else check_int(steps, "steps", minimum=1)
    surf = RACE_SURFACES[surface][1]()
    start = default_start if start is None else as_float_array(start, "start", ndim=1)
    return {
        name: run_path(surf, make_optimizer(name, lr, hyper), start=start, steps=steps)
        for name, (lr, hyper) in settings.items()
    }


class OptimizerRace(App):
    """The app returned by :func:`optimizer_race`."""

    TITLE = "Optimizer race"

    def __init__(self, surface="rosenbrock"):
        canvas = Canvas(figsize=(9.0, 3.6))
        fig = canvas.figure
        self.ax, self.ax_loss = fig.subplots(
            1,
            2,
            gridspec_kw={
                "left": 0.07,
                "right": 0.985,
                "bottom": 0.13,
                "top": 0.9,
                "wspace": 0.22,
                "width_ratios": [1, 1.1],
            },
        )
        self.ax_loss.set_xlabel("step t")
        self.colors = dict(zip(OPTIMIZERS, [PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[4]]))
        self.lines, self.heads, self.loss_lines = {}, {}, {}
        for name, color in self.colors.items():
            self.lines[name] = canvas.dynamic(self.ax.plot([], [], "-", color=color, lw=1.6, zorder=3)[0])
            self.heads[name] = canvas.dynamic(self.ax.plot([], [], "o", color=color, ms=7, mec="k", zorder=4)[0])
            self.loss_lines[name] = canvas.dynamic(self.ax_loss.plot([], [], "-", color=color, lw=1.6)[0])
        (self.start_marker,) = self.ax.plot([], [], "s", color="k", ms=6, zorder=5)
        self._contours = []

        self.surface = widgets.Dropdown(
            options=[(v[0], k) for k, v in RACE_SURFACES.items()],
            value=surface,
            description="surface",
            layout=widgets.Layout(width="250px"),
        )
        text = dict(continuous_update=False, layout=widgets.Layout(width="150px"))
        self.x0 = widgets.FloatText(description="start x", **text)
        self.y0 = widgets.FloatText(description="start y", **text)
        self.steps = widgets.IntSlider(min=10, max=500, step=10, description="steps", continuous_update=False)
        self.use, self.lr, self.hyper = {}, {}, {}
        rows = []
        for name, (symbol, default, bounds) in OPTIMIZERS.items():
            self.use[name] = widgets.Checkbox(
                value=True, description=name, indent=False, layout=widgets.Layout(width="100px")
            )
            self.lr[name] = log_slider(0.01, 1e-4, 1.0, "lr", width="300px")
            row = [self.use[name], self.lr[name]]
            if symbol is not None:
                self.hyper[name] = widgets.FloatSlider(
                    value=default,
                    min=bounds[0],
                    max=bounds[1],
                    step=0.001,
                    description=symbol,
                    continuous_update=False,
                    readout_format=".3g",
                    layout=widgets.Layout(width="280px"),
                )
                row.append(self.hyper[name])
            rows.append(widgets.HBox(row))
        self.lr["Adam"].add_class("dlmath-test-slider")
        self.player = Player(2, interval=100)
        settings = widgets.VBox(rows)
        super().__init__(
            canvas, [widgets.HBox([self.surface, self.x0, self.y0, self.steps]), settings, self.player.box]
        )
        self.add_class("dlmath-optimizer_race")
        self._quiet = False
        self.surface.observe(self._surface_changed, names="value")
        for w in [self.x0, self.y0, self.steps, *self.use.values(), *self.lr.values(), *self.hyper.values()]:
            w.observe(self._recompute, names="value")
        self._busy = False  # True while settings are recomputed: the frame observer waits
        self.player.slider.observe(lambda _: None if self._busy else self._frame(), names="value")
        self._surface_changed()

    def settings(self):
        """``{name: (lr, hyper)}`` of the racers that are switched on."""
        return {
            n: (self.lr[n].value, self.hyper[n].value if n in self.hyper else None)
            for n in OPTIMIZERS
            if self.use[n].value
        }

    def _surface_changed(self, change=None):
        """A new surface: new contours, and that surface's default start, steps and learning rates."""
        key = self.surface.value
        surf = RACE_SURFACES[key][1]()
        for artist in self._contours:
            artist.remove()
        before = set(self.ax.get_children())
        plot_surface(surf, ax=self.ax, n=100)
        self._contours = [a for a in self.ax.get_children() if a not in before]
        self.ax.set_title(surf.name if surf.formula == surf.name else f"{surf.name}: {surf.formula}", fontsize=10)
        self._log = key != "saddle"  # the saddle's loss goes below zero without bound
        if self._log:
            log_yaxis(self.ax_loss)
        else:
            self.ax_loss.set_yscale("linear")
        self.ax_loss.set_ylabel("loss (log scale)" if self._log else "loss")
        self._quiet = True  # set every control, then compute once
        start, steps, lrs = DEFAULTS[key]
        self.x0.value, self.y0.value = start
        self.steps.value = steps
        for name, lr in lrs.items():
            self.lr[name].value = lr
            if name in self.hyper:
                self.hyper[name].value = OPTIMIZERS[name][1]
        self._quiet = False
        self.surf = surf
        self._recompute()

    def _recompute(self, change=None):
        if self._quiet:
            return
        start = (self.x0.value, self.y0.value)
        self.paths = race_paths(self.surface.value, self.settings(), start, self.steps.value)
        with np.errstate(over="ignore", invalid="ignore"):
            self.losses = {n: self.surf.f(p[:, 0], p[:, 1]) for n, p in self.paths.items()}
        self.start_marker.set_data([start[0]], [start[1]])
        handles, finals = [], []
        for name in OPTIMIZERS:
            on = name in self.paths
            for artist in (self.lines[name], self.heads[name], self.loss_lines[name]):
                artist.set_visible(on)
            if on:
                d = diverged_at(self.paths[name])
                tail = f": diverged at step {d}" if d is not None else ""
                self.loss_lines[name].set_label(label(name, *self.settings()[name]) + tail)
                handles.append(self.loss_lines[name])
                finals.append(self.losses[name][np.isfinite(self.losses[name])])
        values = np.concatenate(finals) if finals else np.array([1.0])
        if self._log:  # leave the top ~40% of the panel for the legend
            values = values[values > 0]
            low, high = np.log10(max(values.min(), 1e-16)), np.log10(values.max())
            self.ax_loss.set_ylim(10 ** (low - 0.1), 10 ** (high + 0.7 * (high - low) + 0.3))
        else:
            low, high = max(values.min(), -10), values.max()
            self.ax_loss.set_ylim(low - 0.05 * (high - low), high + 0.7 * (high - low))
        self.ax_loss.set_xlim(0, self.steps.value)
        self.ax_loss.legend(handles=handles, loc="upper right", fontsize=8, framealpha=0.9)
        self.player.play.step = max(1, self.steps.value // 100)  # a whole race plays in about 10 s
        self._busy = True
        self.player.set_length(self.steps.value + 1)
        self._busy = False
        self._frame(full=True)

    def _frame(self, full=False):
        k = self.player.slider.value
        parts = []
        for name, path in self.paths.items():
            self.lines[name].set_data(path[: k + 1, 0], path[: k + 1, 1])
            self.heads[name].set_data(path[k : k + 1, 0], path[k : k + 1, 1])
            self.loss_lines[name].set_data(np.arange(k + 1), self.losses[name][: k + 1])
            value = self.losses[name][k]
            parts.append(
                f'<b style="color:{self.colors[name]}">{name}</b> ' + (fmt(value) if np.isfinite(value) else "diverged")
            )
        self._show(f"step {k}: loss &nbsp; " + " &nbsp; ".join(parts) if parts else "switch an optimizer on")
        self.canvas.redraw() if full else self.canvas.frame()

    def static_scenarios(self):
        """The race on each surface with its default settings, played step by step."""
        scenarios = []
        for key, (label_, _) in RACE_SURFACES.items():
            app = OptimizerRace(key)
            try:
                snaps = []
                steps = app.steps.value
                for k in pick_frames(steps, 30):
                    app._busy = True
                    app.player.slider.value = k
                    app._busy = False
                    app._frame()
                    snaps.append(app._snapshot())
                finals = []
                for name, loss in app.losses.items():
                    d = diverged_at(app.paths[name])
                    finals.append(f"{name} {fmt(loss[-1])}" if d is None else f"{name} diverged at step {d}")
                alt = (
                    f"Animation of gradient descent, momentum, RMSProp and Adam starting from the same point on "
                    f"the {label_} surface, {steps} steps: each optimizer's path is drawn over the contours "
                    f"(left) and its loss against the step (right). Loss after {steps} steps: "
                    f"{', '.join(finals)}."
                )
                scenarios.append(self._scenario(label_, alt, snaps))
            finally:
                app._discard()
        return scenarios


def optimizer_race(surface="rosenbrock"):
    """Race gradient descent, momentum, RMSProp and Adam on a 2-D surface.

    Choose the surface (ill-conditioned bowl, Rosenbrock, Beale, saddle), the start point,
    which optimizers run and their hyperparameters. Every path is computed in full when a
    setting changes; play draws them together over the contours, with the loss curves beside.

    Parameters
    ----------
    surface : {"bowl", "rosenbrock", "beale", "saddle"}

    Returns
    -------
    OptimizerRace
        An ``ipywidgets.VBox``; ``paths`` maps each running optimizer to its path, shape (steps + 1, 2).
    """
    if surface not in RACE_SURFACES:
        raise ValueError(f"unknown surface {surface!r}; valid names are {', '.join(map(repr, RACE_SURFACES))}")
    return OptimizerRace(surface)
