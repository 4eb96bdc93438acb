"""One neuron with one input: how the weight and the bias change an activation's curve.

The neuron computes :math:`a = \\varphi(z)` with :math:`z = wx + b`. The curve of
:math:`\\varphi(wx + b)` is the curve of :math:`\\varphi` squeezed by :math:`w` and moved so
that its "centre" :math:`z = 0` sits at :math:`x = -b/w`: the bias shifts the curve left
(:math:`b/w > 0`) or right (:math:`b/w < 0`).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validate import as_float_array
from ..activations import get_activation
from ._app import PALETTE, App, Canvas, fmt, fmt_paren
from ._view import spread_labels

__all__ = ["activation_curve", "activation_shift", "activation_headline", "activation_explorer", "CHOICES"]

CHOICES = ("sigmoid", "relu", "tanh")
X = np.linspace(-6.0, 6.0, 481)


def activation_curve(name, w, b, x=X):
    """The neuron's output and its slope along ``x``.

    Parameters
    ----------
    name : str
        "sigmoid", "relu", "tanh" (or "identity").
    w, b : float
        Weight and bias.
    x : array_like, shape (n,)

    Returns
    -------
    a : numpy.ndarray, shape (n,)
        :math:`\\varphi(wx + b)`.
    slope : numpy.ndarray, shape (n,)
        :math:`\\frac{da}{dx} = w\\,\\varphi'(wx + b)` (chain rule).
    """
    act = get_activation(name)
    x = as_float_array(x, "x", ndim=1)
    z = w * x + b
    return act(z), w * act.grad(z)


def activation_shift(w, b):
    """Where the curve's centre (:math:`z = 0`) lands: :math:`x = -b/w`, or None when ``w == 0``."""
    return None if w == 0 else -b / w


def activation_headline(name, w, b):
    """What the sliders did, in one line, e.g. "z = wx + b = 0 at x = -b/w = -2/1 = -2: σ(0) = 0.5 moved left"."""
    shift = activation_shift(w, b)
    if shift is None:
        value = float(get_activation(name)(np.array(b)))
        return f"w = 0: the output is {name}(b) = {value:.3g} for every x (a flat line; no shift)"
    side = "left" if shift < 0 else "right" if shift > 0 else "nowhere (b = 0)"
    return f"z = wx + b = 0 at x = -b/w = {fmt(-b)}/{fmt_paren(w)} = {fmt(shift)}: {_CENTRE[name]} moved {side}" + (
        "" if w > 0 else "  (w < 0 flips the curve)"
    )


_YLIM = {"sigmoid": (-0.1, 1.1), "relu": (-0.5, 6.0), "tanh": (-1.15, 1.15), "identity": (-6.0, 6.0)}
_CENTRE = {"sigmoid": "σ(0) = 0.5", "relu": "the kink", "tanh": "tanh(0) = 0", "identity": "0"}


class ActivationExplorer(App):
    """The app returned by :func:`activation_explorer`."""

    TITLE = "Activation and bias explorer"
    BIASES = np.round(np.linspace(-4.0, 4.0, 17), 1)

    LABEL_GAP = 13  # points between the two direct labels

    def __init__(self, activation="sigmoid", w=1.0, b=0.0):
        canvas = Canvas(figsize=(9.0, 3.3))
        fig = canvas.figure
        self.ax, self.ax_slope = fig.subplots(
            1, 2, gridspec_kw={"left": 0.075, "right": 0.98, "bottom": 0.15, "top": 0.9, "wspace": 0.42}
        )
        for ax in (self.ax, self.ax_slope):
            ax.axhline(0, color="0.8", lw=0.8)
            ax.axvline(0, color="0.8", lw=0.8)
            ax.set_xlim(X[0], X[-1])
            ax.set_xlabel("input x")
        self.reference = self.ax.plot(X, X, color="0.45", ls="--", lw=1.4)[0]
        dyn = canvas.dynamic  # redrawn on every slider change; the rest only when the activation changes
        self.curve = dyn(self.ax.plot(X, X, color=PALETTE[0], lw=2.2)[0])
        self.centre = dyn(self.ax.axvline(0, color=PALETTE[3], lw=1.4, ls=":"))
        self.centre_label = dyn(
            self.ax.annotate(
                "x = -b/w",
                (0, 1),
                xycoords=("data", "axes fraction"),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=10,
                color="k",
                annotation_clip=False,
            )
        )
        # direct labels at the right ends of the two curves, in the gap between the panels
        label = dict(xytext=(5, 0), textcoords="offset points", va="center", fontsize=10, annotation_clip=False)
        self.curve_label = dyn(self.ax.annotate("φ(wx + b)", (X[-1], 0), **label))
        self.reference_label = dyn(self.ax.annotate("φ(x)", (X[-1], 0), color="0.3", **label))
        self.slope = dyn(self.ax_slope.plot(X, X, color=PALETTE[2], lw=2.2)[0])
        self.ax_slope.set_ylabel("slope da/dx = w·φ'(wx + b)")
        self.activation = widgets.Dropdown(
            options=CHOICES, value=activation, description="activation", layout=widgets.Layout(width="220px")
        )
        slider = dict(min=-5.0, max=5.0, step=0.1, continuous_update=False, readout_format=".1f")
        self.w = widgets.FloatSlider(value=w, description="weight w", **slider)
        self.b = widgets.FloatSlider(value=b, description="bias b", **slider)
        super().__init__(canvas, [widgets.HBox([self.activation, self.w, self.b])])
        self.add_class("dlmath-activation_explorer")
        self.b.add_class("dlmath-test-slider")
        for control in (self.activation, self.w, self.b):
            control.observe(self._update, names="value")
        self._update()

    def _update(self, change=None):
        name, w, b = self.activation.value, self.w.value, self.b.value
        act = get_activation(name)
        a, slope = activation_curve(name, w, b)
        self.curve.set_ydata(a)
        self.slope.set_ydata(slope)
        self.shift = activation_shift(w, b)
        self.headline = activation_headline(name, w, b)
        self.centre.set_visible(self.shift is not None)
        self.centre_label.set_visible(self.shift is not None and X[0] <= self.shift <= X[-1])
        if self.shift is not None:
            self.centre.set_xdata([self.shift, self.shift])
            self.centre_label.xy = (self.shift, 1)
        if change is None or change["owner"] is self.activation:  # new axes limits: a full redraw
            self._still(name)
        self._place_labels(a[-1], float(act(np.array(X[-1]))))
        self._show(self.headline)
        self.canvas.describe(
            f"The {name} activation of one neuron with weight {fmt(w)} and bias {fmt(b)}: {self.headline}. "
            "Left: the output a against the input x (dashed: w = 1, b = 0); right: its slope."
        )
        if change is None or change["owner"] is self.activation:
            self.canvas.redraw(key=name)
            others = [self._view_of(other) for other in CHOICES if other != name]
            self.canvas.prefetch(others, lambda: self._still(self.activation.value))
        else:
            self.canvas.frame()

    def _still(self, name):
        """Set the still part of the picture (the dashed reference, the axes' limits and labels) to ``name``'s."""
        act = get_activation(name)
        self.reference.set_ydata(act(X))
        self.ax.set_ylim(*_YLIM[name])
        self.ax.set_ylabel(f"output a = {name}(wx + b)")
        top = max(np.abs(act.grad(X)).max() * 5.0, 0.5)  # the steepest slope the w slider allows
        self.ax_slope.set_ylim(-1.05 * top, 1.05 * top)

    def _view_of(self, name):
        """The view of activation ``name``, as :meth:`Canvas.prefetch` wants it (its key is the name)."""

        def view():
            self._still(name)
            return name

        return view

    def _place_labels(self, curve_end, reference_end):
        low, high = self.ax.get_ylim()
        ends = np.clip([curve_end, reference_end], low, high)
        pts = self.ax.transData.transform(np.column_stack([[X[-1], X[-1]], ends]))[:, 1] / (self.figure.dpi / 72)
        wanted = spread_labels(pts, self.LABEL_GAP)
        for label, y, have, want in zip((self.curve_label, self.reference_label), ends, pts, wanted):
            label.xy = (X[-1], y)
            label.set_position((5, want - have))

    def static_scenarios(self):
        """For each activation: the bias slides from -4 to 4 at the current weight (1 if it is 0)."""
        w = self.w.value if self.w.value != 0 else 1.0
        scenarios = []
        for name in CHOICES:
            app = ActivationExplorer(name, w, float(self.BIASES[0]))
            try:
                snaps = []
                for b in self.BIASES:
                    app.b.value = float(b)  # redraws through the observer (the first value is already drawn)
                    snaps.append((app._snapshot()[0], app.headline))
                first, last = activation_shift(w, self.BIASES[0]), activation_shift(w, self.BIASES[-1])
                alt = (
                    f"Animation of the {name} activation of one neuron, a = {name}(wx + b), with weight w = "
                    f"{fmt(w)} while the bias b slides from {fmt(self.BIASES[0])} to {fmt(self.BIASES[-1])}: "
                    f"the curve (left, dashed: w = 1, b = 0) and its slope (right) move sideways, and its "
                    f"centre x = -b/w moves from {fmt(first)} to {fmt(last)}."
                )
                scenarios.append(self._scenario(name, alt, snaps))
            finally:
                app._discard()
        return scenarios


def activation_explorer(activation="sigmoid", w=1.0, b=0.0):
    """Sliders for the weight and bias of one neuron, :math:`a = \\varphi(wx + b)`.

    The left panel shows the output against the input ``x`` (dashed: ``w = 1, b = 0``); the
    dotted line marks the shift :math:`x = -b/w`. The right panel shows the slope
    :math:`w\\,\\varphi'(wx + b)`: a larger ``|w|`` makes the curve steeper.

    Parameters
    ----------
    activation : {"sigmoid", "relu", "tanh"}
    w, b : float
        Start values of the sliders (between -5 and 5).

    Returns
    -------
    ActivationExplorer
        An ``ipywidgets.VBox``; ``shift`` is the current ``-b/w`` (None when ``w == 0``).
    """
    if activation not in CHOICES:
        raise ValueError(f"unknown activation {activation!r}; valid names are {', '.join(map(repr, CHOICES))}")
    for name, value in (("w", w), ("b", b)):
        if not -5 <= float(value) <= 5:
            raise ValueError(f"{name} must be between -5 and 5 (the slider's range), got {value}")
    return ActivationExplorer(activation, float(w), float(b))
