"""What every app shares: the :class:`App` widget, the :class:`Player` controls, number formats.

The picture is a :class:`~dlmath.widgets._canvas.Canvas` (re-exported here): a matplotlib
background and a scene the page draws. :class:`App` is the widget every public function
returns: an ``ipywidgets.VBox`` whose ``_repr_mimebundle_`` also carries the current picture as
``image/png`` and a static view. A frontend with a widget manager (JupyterLab) shows the live
app; one without (nbconvert, a static notebook viewer, the course site) shows the static view.
"""

from __future__ import annotations

import base64
import os

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import LogLocator, NullLocator

from ..plots import PALETTE
from ._canvas import DPI, SCALE, Canvas  # noqa: F401 - re-exported: the apps import them from here
from ._static import Scenario, animation_html, compact_png, pick_frames, plain_text  # noqa: F401 - pick_frames is re-exported for the apps

__all__ = ["Canvas", "App", "Player", "log_slider", "log_yaxis", "fmt", "fmt_paren", "PALETTE"]


def fmt(x):
    """A number as short text: ``58``, ``0.125``, ``1.23e+04`` (never ``-0``)."""
    text = f"{float(x):.4g}"
    return "0" if text == "-0" else text


def fmt_paren(x):
    """Like :func:`fmt`, with negative numbers in parentheses (for products: ``2·(-3)``)."""
    return f"({fmt(x)})" if x < 0 else fmt(x)


class App(widgets.VBox):
    """Base of the apps: controls above a :class:`Canvas` picture.

    Subclasses build their figure once in ``__init__`` and call :meth:`Canvas.redraw` or
    :meth:`Canvas.frame` from observers. ``_repr_mimebundle_`` adds the current picture as
    ``image/png``, so a frontend without widgets still shows something useful.
    """

    def __init__(self, canvas: Canvas, controls, **kwargs):
        self.canvas = canvas
        self.message = widgets.HTML(layout=widgets.Layout(display="none"))  # errors and hints, when there are any
        super().__init__(children=[*controls, self.message, canvas.widget], **kwargs)
        self.add_class("dlmath-app")

    @property
    def figure(self):
        """The matplotlib Figure that makes the picture (draw it, save it, test it)."""
        return self.canvas.figure

    def save(self, path):
        """Write the current picture to ``path`` as PNG (useful in a plain Python shell)."""
        with open(path, "wb") as fh:
            fh.write(self.canvas.png)

    def _say(self, text, error=False):
        color = "#b00020" if error else "inherit"
        self.message.value = f'<span style="color:{color}">{text}</span>' if text else ""
        self.message.layout.display = None if text else "none"

    @property
    def info(self) -> str:
        """The line of HTML above the picture: what the current frame shows."""
        return self.canvas.info

    def _show(self, html):
        """Per-frame text goes into the line above the picture (HTML, not drawn by Agg), sent with the picture."""
        self.canvas.show(html)

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        png = self._static_png()
        if data is not None and png:
            data["image/png"] = base64.b64encode(png).decode("ascii")
        if data is not None and os.environ.get("DLMATH_STATIC_VIEW", "1") != "0":
            data["text/html"] = self.static_view()  # for pages without a widget manager
        return data

    # ---- the static view: the presets as an animation that plays without a kernel -----------
    TITLE = "dlmath app"

    def static_view(self) -> str:
        """A self-contained HTML animation of this app's preset scenarios (no kernel, no CDN).

        Made from the frames the app computes anyway, drawn by fresh copies of the app (this
        one is left as it is). Frontends without a widget manager show it: the course site,
        ``jupyter nbconvert --to html`` of a notebook saved without widget state, viewers.
        """
        return animation_html(self.static_scenarios(), title=self.TITLE)

    def static_scenarios(self):
        """The scenarios of :meth:`static_view`: a list of :class:`~dlmath.widgets._static.Scenario`."""
        raise NotImplementedError

    def _snapshot(self):
        """The current picture (compacted) and info line: one frame of a static view."""
        return compact_png(self.canvas.png, size=self.canvas.css_size), plain_text(self.info)

    @staticmethod
    def _scenario(label, alt, snaps):
        return Scenario(label, alt, [png for png, _ in snaps], [text for _, text in snaps])

    def _discard(self):
        """Close this app's widgets (a copy made for a static view), their layouts and styles and
        the links between them, so that no comm stays open and no state is saved for them."""
        found, stack = {}, [self]
        while stack:
            w = stack.pop()
            if id(w) in found:
                continue
            found[id(w)] = w
            for key in w.keys:
                value = getattr(w, key, None)
                stack.extend(
                    v for v in (value if isinstance(value, (tuple, list)) else [value]) if isinstance(v, widgets.Widget)
                )
        for w in list(_registry().values()):
            if isinstance(w, widgets.widget_link.Link) and (id(w.source[0]) in found or id(w.target[0]) in found):
                found[id(w)] = w
        for w in found.values():
            w.close()

    def _static_png(self):
        """The picture for frontends without widgets: by default the current frame."""
        return self.canvas.png

    def __repr__(self):
        return f"<{type(self).__name__}: an interactive app; display it in Jupyter, or call .save('app.png')>"


def _registry():
    """ipywidgets' table of open widgets (``Widget.widgets`` is deprecated in ipywidgets 8)."""
    try:
        from ipywidgets.widgets.widget import _instances
    except ImportError:  # pragma: no cover - older ipywidgets
        return widgets.Widget.widgets
    return _instances


class Player:
    """Play / step / reset controls over a frame index ``0 .. n_frames - 1``.

    ``slider`` is the source of truth: observe ``slider.value`` to draw frames. ``play`` ticks
    in the browser and is linked to the slider in the browser (``jslink``), so each tick costs
    one message. From Python, set ``slider.value`` (or call :meth:`step` / :meth:`reset`).
    """

    def __init__(self, n_frames, value=None, interval=120, description="step"):
        last = max(int(n_frames) - 1, 0)
        value = last if value is None else value
        self.play = widgets.Play(
            min=0,
            max=last,
            value=value,
            interval=interval,
            show_repeat=False,
            description="play",
            layout=widgets.Layout(width="auto"),
        )
        self.slider = widgets.IntSlider(
            min=0,
            max=last,
            value=value,
            description=description,
            continuous_update=True,
            layout=widgets.Layout(width="360px"),
        )
        self.slider.add_class("dlmath-frame-slider")  # for the browser test
        self.step_button = widgets.Button(
            description="step", icon="step-forward", tooltip="one step forward", layout=widgets.Layout(width="80px")
        )
        self.reset_button = widgets.Button(
            description="reset", icon="undo", tooltip="back to step 0", layout=widgets.Layout(width="80px")
        )
        widgets.jslink((self.play, "value"), (self.slider, "value"))
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        self.box = widgets.HBox([self.play, self.step_button, self.reset_button, self.slider])

    def step(self):
        """Advance one frame (stays at the last frame)."""
        self.slider.value = min(self.slider.value + 1, self.slider.max)
        self.play.value = self.slider.value

    def reset(self):
        """Stop playing and go back to frame 0."""
        self.play.playing = False
        self.play.value = 0
        self.slider.value = 0

    def set_length(self, n_frames, value=None, step=None):
        """Change the number of frames (e.g. after ``steps`` changed) and jump to ``value`` (default
        last); ``step``: the frames Play advances per tick (default: unchanged).

        The maximum goes to the page before the value (in separate messages: in one, the page may
        apply the value first and clamp it to the old maximum)."""
        last = max(int(n_frames) - 1, 0)
        value = last if value is None else min(value, last)
        self.play.playing = False
        if step is not None:
            self.play.step = int(step)
        self.play.max = self.slider.max = last  # a BoundedInt clamps its value to the new max
        self.play.value = self.slider.value = value


def log_yaxis(ax):
    """Log-scale y axis with a few labelled powers of ten and no minor ticks.

    Tick labels are most of the cost of a full redraw; the default minor ticks double it.
    """
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(numticks=6))
    ax.yaxis.set_minor_locator(NullLocator())


def log_slider(value, lo, hi, description, width="300px", readout_format=".3g"):
    """A ``FloatLogSlider`` over ``[lo, hi]`` that reports only on release (``continuous_update=False``)."""
    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=np.log10(lo),
        max=np.log10(hi),
        step=0.01,
        description=description,
        readout_format=readout_format,
        continuous_update=False,
        layout=widgets.Layout(width=width),
        style={"description_width": "initial"},
    )
