"""GD, momentum, RMSProp and Adam race downhill from one start point.

The computing is in :mod:`dlmath.widgets.race_model` (re-exported here): :func:`race_paths`
runs every chosen optimizer when a setting changes; the app then only draws frames out of the
precomputed paths.
"""

from __future__ import annotations

import contextlib
import dataclasses

import ipywidgets as widgets
import numpy as np

from ..plots import plot_surface
from ..surfaces import diverged_at
from ._app import App, Canvas, Player, fmt, log_slider, log_yaxis, pick_frames
from ._view import exit_point, spread_labels
from .optimizer_choice import OPTIMIZERS, STYLES, make_optimizer
from .race_model import (
    ALIASES,
    DEFAULTS,
    race_alt,
    race_paths,
    race_surface,
    race_view,
    surface_key,
    surface_label,
    surface_title,
)

__all__ = [
    "OPTIMIZERS",
    "DEFAULTS",
    "ALIASES",
    "make_optimizer",
    "race_surface",
    "race_paths",
    "race_alt",
    "race_view",
    "optimizer_race",
]


class OptimizerRace(App):
    """The app returned by :func:`optimizer_race`."""

    TITLE = "Optimizer race"
    LABEL_GAP = 12  # points between the direct labels at the ends of the loss curves
    RUNS_KEPT = 16  # races kept by their settings (a few kB each)
    CONTOURS_KEPT = 8  # sets of contours kept (hidden when another view is on show)

    def __init__(self, surface="rosenbrock"):
        canvas = Canvas(figsize=(9.0, 3.6))
        fig = canvas.figure
        self.ax, self.ax_loss = fig.subplots(
            1,
            2,
            gridspec_kw={
                "left": 0.075,
                "right": 0.9,
                "bottom": 0.14,
                "top": 0.91,
                "wspace": 0.25,
                "width_ratios": [1, 1.1],
            },
        )
        split = (self.ax.get_position().x1 + self.ax_loss.get_position().x0) / 2 - 0.03  # the loss axis' labels
        canvas.panel(self.ax, (0.0, 0.0, split, 1.0))
        canvas.panel(self.ax_loss, (split, 0.0, 1.0, 1.0))
        self.ax_loss.set_xlabel("step t")
        self.lines, self.heads, self.loss_lines, self.tags, self.exits = {}, {}, {}, {}, {}
        dyn = canvas.dynamic
        for name, (color, ls, marker) in STYLES.items():
            self.lines[name] = dyn(self.ax.plot([], [], ls=ls, color=color, lw=1.8, zorder=3)[0])
            self.heads[name] = dyn(self.ax.plot([], [], marker, color=color, ms=7, mec="white", zorder=4)[0])
            self.exits[name] = dyn(self.ax.plot([], [], "X", color=color, ms=10, mec="k", zorder=5, clip_on=False)[0])
            self.loss_lines[name] = dyn(self.ax_loss.plot([], [], ls=ls, color=color, lw=1.8)[0])
            self.tags[name] = dyn(
                self.ax_loss.annotate(
                    name,
                    (0, 0),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=10,
                    annotation_clip=False,
                )
            )
        self.start_marker = dyn(self.ax.plot([], [], "s", color="k", mfc="white", ms=7, mew=1.5, zorder=5)[0])
        self._contours = {}  # (surface, xlim, ylim) -> the artists of its contours, oldest first

        self.surface = widgets.Dropdown(
            options=[(surface_label(k), k) for k in DEFAULTS],
            value=surface_key(surface),
            description="surface",
            layout=widgets.Layout(width="250px"),
        )
        text = dict(continuous_update=False, layout=widgets.Layout(width="150px"))
        self.x0 = widgets.FloatText(description="start x", **text)
        self.y0 = widgets.FloatText(description="start y", **text)
        self.steps = widgets.IntSlider(
            min=10,
            max=500,
            step=10,
            description="steps to run",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.steps.add_class("dlmath-steps-slider")
        self.use, self.lr, self.hyper = {}, {}, {}
        rows = []
        for name, (symbol, default, bounds) in OPTIMIZERS.items():
            self.use[name] = widgets.Checkbox(
                value=True, description=name, indent=False, layout=widgets.Layout(width="100px")
            )
            self.lr[name] = log_slider(0.01, 1e-4, 1.0, f"{name} lr", width="300px")
            row = [self.use[name], self.lr[name]]
            if symbol is not None:
                self.hyper[name] = widgets.FloatSlider(
                    value=default,
                    min=bounds[0],
                    max=bounds[1],
                    step=0.001,
                    description=f"{name} {symbol}",
                    continuous_update=False,
                    readout_format=".3g",
                    layout=widgets.Layout(width="280px"),
                    style={"description_width": "initial"},
                )
                row.append(self.hyper[name])
            rows.append(widgets.HBox(row))
        self.lr["Adam"].add_class("dlmath-test-slider")
        self.player = Player(2, interval=30, description="show step")
        settings = widgets.VBox(rows)
        super().__init__(
            canvas, [widgets.HBox([self.surface, self.x0, self.y0, self.steps]), settings, self.player.box]
        )
        self.add_class("dlmath-optimizer_race")
        self._quiet = False
        self._limits = None
        self._runs = {}  # (surface, settings, start, steps) -> paths, the last RUNS_KEPT
        self.surface.observe(self._surface_changed, names="value")
        for w in [self.x0, self.y0, self.steps, *self.use.values(), *self.lr.values(), *self.hyper.values()]:
            w.observe(self._recompute, names="value")
        self._busy = False  # True while settings are recomputed: the frame observer waits
        self.player.slider.observe(lambda _: None if self._busy else self._frame(), names="value")
        self.canvas.follow(self.player.slider)
        self._surface_changed()

    def settings(self):
        """``{name: (lr, hyper)}`` of the racers that are switched on."""
        return {
            n: (self.lr[n].value, self.hyper[n].value if n in self.hyper else None)
            for n in OPTIMIZERS
            if self.use[n].value
        }

    def _surface_changed(self, change=None):
        """A new surface: that surface's default start, steps and learning rates (contours follow)."""
        key = self.surface.value
        self.surf = race_surface(key)
        self.label = surface_label(key)
        controls = [self.x0, self.y0, self.steps, *self.lr.values(), *self.hyper.values()]
        with contextlib.ExitStack() as held:  # the picture goes to the page before the controls' values
            for control in controls:
                held.enter_context(control.hold_sync())
            self._quiet = True  # set every control, then compute once
            start, steps, lrs = DEFAULTS[key]
            self.x0.value, self.y0.value = start
            self.steps.value = steps
            for name, lr in lrs.items():
                self.lr[name].value = lr
                if name in self.hyper:
                    self.hyper[name].value = OPTIMIZERS[name][1]
            self._quiet = False
            self._limits = None  # everything is drawn anew
            self._recompute()

    def _run(self, surface, settings, start, steps):
        """The paths of a race, from the last :attr:`RUNS_KEPT` races when it was run before."""
        key = (surface, tuple(settings.items()), tuple(start), steps)
        if key not in self._runs:
            self._runs[key] = race_paths(surface, settings, start, steps)
            while len(self._runs) > self.RUNS_KEPT:
                self._runs.pop(next(iter(self._runs)))
        return self._runs[key]

    def _still(self, surface, view):
        """Set the still part of the picture (contours, limits, titles) to ``view`` of ``surface``."""
        xlim, ylim, loss_lim, steps = view
        self._show_contours(surface, xlim, ylim, build=not self.canvas.cached((surface, *view)))
        self.ax.set(xlim=xlim, ylim=ylim, xlabel="x", ylabel="y")
        self.ax.set_title(surface_title(surface), fontsize=11)
        if surface != "saddle":  # the saddle's loss goes below zero without bound
            log_yaxis(self.ax_loss)
        else:
            self.ax_loss.set_yscale("linear")
        self.ax_loss.set_ylabel("loss" if surface == "saddle" else "loss (log scale)")
        self.ax_loss.set_ylim(*loss_lim)
        self.ax_loss.set_xlim(0, steps)  # the direct labels at the curves' ends go in the right margin

    def _show_contours(self, surface, xlim, ylim, build=True):
        """Show the contours of ``surface`` over ``xlim`` x ``ylim``, hide the others: each set is
        built once (if ``build``: not when the background is cached, nothing will draw them) and
        kept, the last :attr:`CONTOURS_KEPT`."""
        want = (surface, tuple(xlim), tuple(ylim))
        if want not in self._contours and build:
            before = set(self.ax.get_children())
            plot_surface(dataclasses.replace(race_surface(surface), xlim=xlim, ylim=ylim), ax=self.ax, n=80)
            self._contours[want] = [a for a in self.ax.get_children() if a not in before]
            while len(self._contours) > self.CONTOURS_KEPT:
                for artist in self._contours.pop(next(iter(self._contours))):
                    artist.remove()
        for which, artists in self._contours.items():
            for artist in artists:
                artist.set_visible(which == want)

    def _recompute(self, change=None):
        if self._quiet:
            return
        self.canvas.forget()
        surface, start, steps = self.surface.value, (self.x0.value, self.y0.value), self.steps.value
        self.paths = self._run(surface, self.settings(), start, steps)
        with np.errstate(over="ignore", invalid="ignore"):
            self.losses = {n: self.surf.f(p[:, 0], p[:, 1]) for n, p in self.paths.items()}
        self.diverged = {n: diverged_at(p) for n, p in self.paths.items()}
        self.start_marker.set_data([start[0]], [start[1]])
        for name in OPTIMIZERS:
            on = name in self.paths
            for artist in (self.lines[name], self.heads[name], self.loss_lines[name], self.tags[name]):
                artist.set_visible(on)
        view = race_view(self.surf, self.paths, start, steps, log=surface != "saddle")
        self.exit = {n: exit_point(p, view[0], view[1]) for n, p in self.paths.items()}
        old, self._limits = self._limits, view
        self._view_key = (surface, *view)
        self._still(surface, view)
        changed = (
            []
            if old is None
            else [ax for ax, a, b in ((self.ax, old[:2], view[:2]), (self.ax_loss, old[2:], view[2:])) if a != b]
        )
        # the picture (the last step) before the frame slider's new length: every message sent
        # before the picture delays it
        self._set_frame(steps)
        self.canvas.update(None if old is None else changed, self._view_key, index=steps)
        self._busy = True  # a whole race plays in about 3 s (at most 33 frames a second)
        self.player.set_length(steps + 1, step=max(1, steps // 100))
        self._busy = False
        self.canvas.record(self._set_frame, steps + 1, lambda: self.player.slider.value)  # for the slider and Play
        others = [self._default_view(k) for k in DEFAULTS if k != surface]
        self.canvas.prefetch(others, self._restore, idle=lambda: not self.player.play.playing)

    def _default_view(self, surface):
        """The first view of ``surface`` after a switch to it (its default settings, the racers
        switched on now), as :meth:`Canvas.prefetch` wants it: it sets the still part, returns the key."""

        def view():
            start, steps, lrs = DEFAULTS[surface]
            settings = {
                n: (lrs[n], OPTIMIZERS[n][1] if n in self.hyper else None) for n in OPTIMIZERS if self.use[n].value
            }
            paths = self._run(surface, settings, start, steps)
            limits = race_view(race_surface(surface), paths, start, steps, log=surface != "saddle")
            self._still(surface, limits)
            return (surface, *limits)

        return view

    def _restore(self):
        self._still(self.surface.value, self._limits)

    def _frame(self, redraw=(), key=None):
        """Draw the step the slider shows; ``redraw``: the panels whose background changed (None: all)."""
        self._set_frame(self.player.slider.value)
        self.canvas.update(redraw, key)

    def _set_frame(self, k):
        """Set the picture, its alt text and the info line to step ``k`` (drawn by the caller)."""
        parts, ends = [], {}
        for name, path in self.paths.items():
            ex = self.exit[name]
            shown = path[: k + 1] if ex is None or ex[0] > k else np.vstack([path[: ex[0]], ex[1]])
            self.lines[name].set_data(shown[:, 0], shown[:, 1])
            self.heads[name].set_data(shown[-1:, 0], shown[-1:, 1])
            left = ex is not None and ex[0] <= k
            self.exits[name].set_visible(left)
            self.exits[name].set_data([ex[1][0]] if left else [], [ex[1][1]] if left else [])
            loss = self.losses[name][: k + 1]
            self.loss_lines[name].set_data(np.arange(k + 1), loss)
            finite = np.flatnonzero(np.isfinite(loss))
            if finite.size:
                ends[name] = (int(finite[-1]), float(loss[finite[-1]]))
            value = self.losses[name][k]
            color, _, marker = STYLES[name]
            d = self.diverged[name]
            parts.append(
                f'<b style="color:{color}">{name}</b> '
                + (fmt(value) if np.isfinite(value) else f"diverged at step {d}")
                + (" (left the view)" if left and np.isfinite(value) else "")
            )
        for name in OPTIMIZERS:
            self.exits[name].set_visible(self.exits[name].get_visible() and name in self.paths)
        self._place_tags(ends)
        self._show(f"step {k}: loss &nbsp; " + " &nbsp; ".join(parts) if parts else "switch an optimizer on")
        self.canvas.describe(race_alt(self.label, k, {n: self.losses[n][k] for n in self.paths}, self.diverged))

    def _place_tags(self, ends):
        """Each loss curve's name at its end, moved apart vertically where they would overlap."""
        for name in self.paths:
            self.tags[name].set_visible(name in ends)
        if not ends:
            return
        names = list(ends)
        low, high = self.ax_loss.get_ylim()
        ys = np.array([min(max(ends[n][1], low), high) for n in names])
        to_points = self.ax_loss.transData
        pts = to_points.transform(np.column_stack([[ends[n][0] for n in names], ys]))
        scale = self.figure.dpi / 72
        wanted = spread_labels(pts[:, 1] / scale, self.LABEL_GAP)
        anchors = to_points.inverted().transform(pts)  # the curves' ends, clipped to the axis
        for name, anchor, y_pt, y_have in zip(names, anchors, wanted, pts[:, 1]):
            tag = self.tags[name]
            tag.xy = tuple(anchor)
            tag.set_position((4, y_pt - y_have / scale))

    def static_scenarios(self):
        """The race on each surface with its default settings, played step by step."""
        scenarios = []
        for key in DEFAULTS:
            app = OptimizerRace(key)
            label_ = app.label
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
    surface : {"quadratic_bowl", "rosenbrock", "beale", "saddle"}
        Keys of :data:`dlmath.surfaces.SURFACES` (``"bowl"`` also names the bowl).

    Returns
    -------
    OptimizerRace
        An ``ipywidgets.VBox``; ``paths`` maps each running optimizer to its path, shape (steps + 1, 2).
    """
    return OptimizerRace(surface_key(surface))
