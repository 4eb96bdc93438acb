"""Gradient descent with a learning-rate slider: too small, too large, about right.

Two problems, both quadratics, so the outcome is predictable: on a curve with curvature
:math:`a` each step multiplies the distance to the minimum by :math:`1 - \\eta a`, and gradient
descent converges exactly when :math:`0 < \\eta < 2/a`.

* the parabola :math:`f(\\theta) = \\theta^2` (curvature 2, limit :math:`\\eta < 1`), drawn as a
  1-D curve; it is ``quadratic_bowl(a=2)`` along :math:`y = 0`;
* the bowl :math:`\\tfrac12(x^2 + 10y^2)` (curvatures 1 and 10, limit :math:`\\eta < 0.2`).

:func:`gd_run` computes a whole run with :func:`dlmath.surfaces.run_path`; the app only picks
frames out of it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from .._validate import check_int, check_positive
from ..optimizers import SGD
from ..plots import plot_surface
from ..surfaces import diverged_at, quadratic_bowl, run_path
from ._app import PALETTE, App, Canvas, Player, fmt, log_slider, log_yaxis, pick_frames
from ._view import exit_point, fit_limits, log_limits

__all__ = ["PROBLEMS", "PRESETS", "GDRun", "gd_run", "verdict", "lr_alt", "learning_rate_explorer"]

PROBLEMS = {
    "parabola": dict(
        surface=lambda: quadratic_bowl(a=2.0, b=1.0), start=(-2.0, 0.0), curvatures=(2.0,), label="parabola θ²"
    ),
    "bowl": dict(
        surface=lambda: quadratic_bowl(a=1.0, b=10.0),
        start=(-2.5, 1.5),
        curvatures=(1.0, 10.0),
        label="bowl ½(x² + 10y²)",
    ),
}
# learning rates per problem; "too large" is chosen to leave the box |p| <= 1e6 within 50 steps
PRESETS = {
    "parabola": {"too small": 0.05, "about right": 0.4, "too large": 1.2},
    "bowl": {"too small": 0.01, "about right": 0.15, "too large": 0.3},
}


@dataclass(frozen=True)
class GDRun:
    """A whole run of gradient descent.

    Attributes
    ----------
    path : numpy.ndarray, shape (steps + 1, 2)
        Row ``k`` is the point after ``k`` steps; NaN from the step where it diverged.
    loss : numpy.ndarray, shape (steps + 1,)
        The loss at each row of ``path`` (NaN after a divergence).
    diverged_at : int or None
        First step whose point left the box ``|x|, |y| <= 1e6`` (see :func:`dlmath.surfaces.diverged_at`).
    factors : tuple of float
        :math:`1 - \\eta a` for each curvature ``a``: the factor by which each coordinate's
        distance to the minimum is multiplied every step.
    """

    path: np.ndarray
    loss: np.ndarray
    diverged_at: int | None
    factors: tuple


def gd_run(problem="parabola", lr=0.4, steps=50):
    """Run plain gradient descent (``SGD`` without momentum) on one of :data:`PROBLEMS`.

    Parameters
    ----------
    problem : {"parabola", "bowl"}
    lr : float > 0
    steps : int >= 1

    Returns
    -------
    GDRun
    """
    if problem not in PROBLEMS:
        raise ValueError(f"unknown problem {problem!r}; valid names are {', '.join(map(repr, PROBLEMS))}")
    lr = check_positive(lr, "lr")
    steps = check_int(steps, "steps", minimum=1)
    spec = PROBLEMS[problem]
    surface = spec["surface"]()
    path = run_path(surface, SGD(lr=lr), start=spec["start"], steps=steps)
    with np.errstate(over="ignore", invalid="ignore"):
        loss = surface.f(path[:, 0], path[:, 1])
    return GDRun(path, loss, diverged_at(path), tuple(1.0 - lr * a for a in spec["curvatures"]))


def verdict(run: GDRun, lr, problem):
    """One sentence on the run: converging, oscillating, crawling or diverging, and why."""
    factors = ", ".join(fmt(f) for f in run.factors)
    worst = max(abs(f) for f in run.factors)
    limit = 2.0 / max(PROBLEMS[problem]["curvatures"])
    head = f"lr = {fmt(lr)} (limit 2/curvature = {fmt(limit)}); per step the distance is multiplied by {factors}: "
    if run.diverged_at is not None:
        return head + f"diverged at step {run.diverged_at}", True
    if worst >= 1:
        return head + "the loss grows every step: diverging (more steps to see it explode)", True
    curv = PROBLEMS[problem]["curvatures"]
    best = (max(curv) - min(curv)) / (max(curv) + min(curv))  # the smallest worst factor any lr can give
    slowest = max(run.factors, key=abs)
    if worst > best + 0.5 * (1 - best):
        if slowest > 0:
            return head + "converging, but slowly: lr is too small", False
        return head + "converging slowly with a zigzag: lr is close to the limit", False
    return head + ("converging with a zigzag" if min(run.factors) < 0 else "converging"), False


def lr_alt(problem, lr, k, loss, diverged):
    """The picture's text alternative at step ``k``, e.g.
    "Gradient descent with learning rate 0.4 on the parabola θ² after 12 steps, loss 0.0031"."""
    steps = "1 step" if k == 1 else f"{k} steps"
    state = f"diverged at step {diverged}" if diverged is not None and k >= diverged else f"loss {fmt(loss)}"
    where = "the curve (left)" if problem == "parabola" else "the contours (left)"
    return (
        f"Gradient descent with learning rate {fmt(lr)} on the {PROBLEMS[problem]['label']} after {steps}, "
        f"{state}. The iterates are drawn on {where}, the loss against the step on a log scale (right)."
    )


class LearningRateExplorer(App):
    """The app returned by :func:`learning_rate_explorer`."""

    TITLE = "Learning-rate explorer"

    def __init__(self, problem="parabola", lr=None, steps=50):
        canvas = Canvas(figsize=(9.0, 3.5))
        fig = canvas.figure
        self.ax, self.ax_loss = fig.subplots(
            1, 2, gridspec_kw={"left": 0.08, "right": 0.985, "bottom": 0.14, "top": 0.95, "wspace": 0.3}
        )
        split = (self.ax.get_position().x1 + self.ax_loss.get_position().x0) / 2 - 0.03
        canvas.panel(self.ax, (0.0, 0.0, split, 1.0))
        canvas.panel(self.ax_loss, (split, 0.0, 1.0, 1.0))
        log_yaxis(self.ax_loss)
        self.ax_loss.set_xlabel("step t")
        self.ax_loss.set_ylabel("loss (log scale)")
        dyn = canvas.dynamic
        self.full_loss = dyn(self.ax_loss.plot([], [], color="0.7", lw=1.2)[0])  # the whole run, in grey
        self.path_line = dyn(self.ax.plot([], [], "-o", color=PALETTE[0], ms=3.5, lw=1.2, zorder=3)[0])
        self.point = dyn(self.ax.plot([], [], "o", color=PALETTE[3], ms=8, mec="k", zorder=4)[0])
        self.exit_marker = dyn(self.ax.plot([], [], "X", color=PALETTE[3], ms=11, mec="k", zorder=5, clip_on=False)[0])
        self.start_marker = dyn(self.ax.plot([], [], "s", color="k", mfc="white", ms=7, mew=1.5, zorder=5)[0])
        self.loss_line = dyn(self.ax_loss.plot([], [], "-", color=PALETTE[0], lw=1.8)[0])
        self.loss_point = dyn(self.ax_loss.plot([], [], "o", color=PALETTE[3], ms=6, mec="k")[0])
        self._static = []  # artists of the current problem (curve or contours)
        self._limits = None

        self.problem = widgets.ToggleButtons(
            options=[(v["label"], k) for k, v in PROBLEMS.items()],
            value=problem,
            description="problem",
            style={"button_width": "150px"},
        )
        self.lr = log_slider(
            PRESETS[problem]["about right"] if lr is None else lr, 1e-3, 2.0, "learning rate", width="420px"
        )
        self.presets = widgets.ToggleButtons(
            options=list(PRESETS[problem]), value=None, description="presets", style={"button_width": "95px"}
        )
        self.steps = widgets.IntSlider(
            value=steps,
            min=5,
            max=200,
            step=5,
            description="steps to run",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.player = Player(steps + 1, interval=30, description="show step")
        super().__init__(
            canvas, [widgets.HBox([self.problem, self.steps]), widgets.HBox([self.lr, self.presets]), self.player.box]
        )
        self.add_class("dlmath-learning_rate_explorer")
        self.lr.add_class("dlmath-test-slider")
        self.steps.add_class("dlmath-steps-slider")
        self.problem.observe(self._problem_changed, names="value")
        self.presets.observe(self._preset, names="value")
        self.lr.observe(self._recompute, names="value")
        self.steps.observe(self._recompute, names="value")
        self._busy = False  # True while settings are recomputed: the frame observer waits
        self.player.slider.observe(lambda _: None if self._busy else self._frame(), names="value")
        self.canvas.follow(self.player.slider)
        self._problem_changed()

    def _problem_changed(self, change=None):
        self._limits = None  # a new problem: everything is drawn anew
        if change is not None:
            self.presets.value = None
            self.lr.value = PRESETS[self.problem.value]["about right"]  # runs _recompute only if it changed
        self._recompute()

    def _draw_problem(self, xlim, ylim, build=True):
        """The curve (parabola) or the contours (bowl), over the limits ``xlim`` x ``ylim``
        (``build=False``: only the limits, when the background cache already holds the picture)."""
        for artist in self._static:
            artist.remove()
        self._static = []
        name = self.problem.value
        self.ax.set(xlim=xlim, ylim=ylim)
        if not build:
            pass
        elif name == "parabola":
            theta = np.linspace(*xlim, 400)
            self._static += self.ax.plot(theta, theta**2, color="0.45", lw=1.5)
        else:
            surface = dataclasses.replace(PROBLEMS[name]["surface"](), xlim=xlim, ylim=ylim)
            before = set(self.ax.get_children())
            plot_surface(surface, ax=self.ax, n=80)
            self._static += [a for a in self.ax.get_children() if a not in before]
        if name == "parabola":
            self.ax.set(xlabel="θ", ylabel="loss f(θ) = θ²")
        else:
            self.ax.set(xlim=xlim, ylim=ylim, xlabel="x", ylabel="y")
        self.ax.set_title("")

    def _view(self):
        """Limits of both panels: the problem's own box, grown (at most 4x) to follow the run."""
        path, loss = self.run.path, self.run.loss
        if self.problem.value == "parabola":
            xlim = fit_limits(path[:, 0], (-6.0, 6.0))
            ylim = (-0.04 * xlim[1] ** 2, 1.05 * xlim[1] ** 2)
        else:
            xlim = fit_limits(path[:, 0], (-3.0, 3.0))
            ylim = fit_limits(path[:, 1], (-2.0, 2.0))
        return xlim, ylim, log_limits(loss), self.steps.value

    def _preset(self, change):
        if change["new"] is not None:
            self.lr.value = PRESETS[self.problem.value][change["new"]]

    def _recompute(self, change=None):
        if change is not None and change["owner"] is self.lr and self.presets.value is not None:
            if not np.isclose(self.lr.value, PRESETS[self.problem.value][self.presets.value]):
                self.presets.value = None
        self.canvas.forget()
        self.run = gd_run(self.problem.value, self.lr.value, self.steps.value)
        view = self._view()
        old, self._limits = self._limits, view
        changed = []
        if old is None or old[:2] != view[:2]:
            self._draw_problem(*view[:2], build=not self.canvas.cached((self.problem.value, *view)))
            changed.append(self.ax)
        self.full_loss.set_data(np.arange(self.run.loss.size), self.run.loss)
        if old is None or old[2:] != view[2:]:
            self.ax_loss.set_xlim(0, view[3])
            self.ax_loss.set_ylim(*view[2])
            changed.append(self.ax_loss)
        spec = PROBLEMS[self.problem.value]
        self.exit = exit_point(self.run.path if self.problem.value != "parabola" else self._curve_path(), *view[:2])
        self.start_marker.set_data(
            *(
                ([spec["start"][0]], [spec["start"][0] ** 2])
                if self.problem.value == "parabola"
                else ([spec["start"][0]], [spec["start"][1]])
            )
        )
        text, bad = verdict(self.run, self.lr.value, self.problem.value)
        self._say(text, error=bad)
        self._busy = True
        self.player.set_length(self.steps.value + 1)
        self._busy = False  # show the whole run; play starts from step 0
        self._frame(redraw=None if old is None else changed, key=(self.problem.value, *view))
        # the whole run, for the slider and Play
        self.canvas.record(self._set_frame, self.steps.value + 1, lambda: self.player.slider.value)

    def _curve_path(self):
        """The parabola's iterates as points (θ, f(θ)) of the picture."""
        return np.column_stack([self.run.path[:, 0], self.run.loss])

    def _frame(self, redraw=(), key=None):
        self._set_frame(self.player.slider.value)
        self.canvas.update(redraw, key)

    def _set_frame(self, k):
        """Set the picture, its alt text and the info line to step ``k`` (drawn by the caller)."""
        parabola = self.problem.value == "parabola"
        points = self._curve_path() if parabola else self.run.path
        loss = self.run.loss[: k + 1]
        ex = self.exit
        left = ex is not None and ex[0] <= k
        shown = np.vstack([points[: ex[0]], ex[1]]) if left else points[: k + 1]
        self.path_line.set_data(shown[:, 0], shown[:, 1])
        self.point.set_data(shown[-1:, 0], shown[-1:, 1])
        self.exit_marker.set_data([ex[1][0]] if left else [], [ex[1][1]] if left else [])
        self.loss_line.set_data(np.arange(k + 1), loss)
        self.loss_point.set_data([k], loss[-1:])
        d = self.run.diverged_at
        path = self.run.path[: k + 1]
        if d is not None and k >= d:
            self._show(f'step {k}: <b style="color:#b00020">diverged at step {d}</b>')
        else:
            where = f"θ = {fmt(path[-1, 0])}" if parabola else f"(x, y) = ({fmt(path[-1, 0])}, {fmt(path[-1, 1])})"
            self._show(
                f"step {k}: {where}, loss = {fmt(loss[-1])}"
                + (" (outside the view; ✕ marks where it left)" if left else "")
            )
        self.canvas.describe(lr_alt(self.problem.value, self.lr.value, k, loss[-1], d))

    def static_scenarios(self):
        """The presets of the current problem (too small, about right, too large), each run
        played step by step."""
        problem, steps = self.problem.value, self.steps.value
        scenarios = []
        for name, lr in PRESETS[problem].items():
            app = LearningRateExplorer(problem, lr, steps)
            try:
                snaps = []
                # a run that converges goes below the loss axis after a few steps: from there on
                # the picture stands still, so the animation ends two steps later
                below = np.flatnonzero(app.run.loss < app.ax_loss.get_ylim()[0])
                last = min(steps, int(below[0]) + 2) if below.size else steps
                for k in pick_frames(last, 30):
                    app._busy = True
                    app.player.slider.value = k
                    app._busy = False
                    app._frame()
                    snaps.append(app._snapshot())
                where = "the curve θ²" if problem == "parabola" else "the contours of the bowl"
                alt = (
                    f"Animation of gradient descent on the {PROBLEMS[problem]['label']} with learning rate "
                    f"{fmt(lr)} ({name}): the iterates are drawn step by step on {where} (left), and the loss "
                    f"against the step on a log scale (right). {verdict(app.run, lr, problem)[0]}."
                )
                scenarios.append(self._scenario(f"lr {name} ({fmt(lr)})", alt, snaps))
            finally:
                app._discard()
        return scenarios


def learning_rate_explorer(problem="parabola", lr=None, steps=50):
    """Gradient descent on a parabola or a bowl, with a log-scale learning-rate slider.

    Presets show a learning rate that is too small (crawls), about right, and too large (the
    iterates zigzag outwards and the run diverges, with "diverged at step k"). Play draws the
    path of iterates step by step, with the loss against the step beside it.

    Parameters
    ----------
    problem : {"parabola", "bowl"}
    lr : float, optional
        Start value of the slider (default: the "about right" preset).
    steps : int
        Number of gradient-descent steps (5 .. 200).

    Returns
    -------
    LearningRateExplorer
        An ``ipywidgets.VBox``; ``run`` is the current :class:`GDRun`.
    """
    if problem not in PROBLEMS:
        raise ValueError(f"unknown problem {problem!r}; valid names are {', '.join(map(repr, PROBLEMS))}")
    if lr is not None and not 1e-3 <= check_positive(lr, "lr") <= 2.0:
        raise ValueError(f"lr must be between 0.001 and 2 (the slider's range), got {lr}")
    steps = check_int(steps, "steps", minimum=5)
    if steps > 200:
        raise ValueError(f"steps must be at most 200, got {steps}")
    return LearningRateExplorer(problem, lr, steps)
