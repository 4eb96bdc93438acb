"""The drawing machinery every app shares: an Agg canvas shown in an ``ipywidgets.Image``.

:class:`Canvas` owns one matplotlib :class:`~matplotlib.figure.Figure`, built once and never
rebuilt. Artists that change from frame to frame are registered with :meth:`Canvas.dynamic`;
a frame restores the cached background, draws only those artists (blitting), encodes the
pixels as PNG and puts the bytes into ``Canvas.image``. A full redraw (:meth:`Canvas.redraw`)
is needed only when something static changes (axis limits, contours, titles).

:class:`App` is the widget every public function returns: an ``ipywidgets.VBox`` whose
``_repr_mimebundle_`` also carries the current picture as ``image/png``. A frontend with a
widget manager (JupyterLab) shows the live app; one without (nbconvert, a static notebook
viewer) shows the picture.
"""

from __future__ import annotations

import base64
import html
import os
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, NullLocator

from ..plots import PALETTE
from ._png import composite, encode_png
from ._static import Scenario, animation_html, compact_png, pick_frames, plain_text  # noqa: F401 - pick_frames is re-exported for the apps

__all__ = ["Canvas", "App", "Player", "log_slider", "log_yaxis", "fmt", "fmt_paren", "PALETTE"]

DPI = 80  # CSS pixels per inch of the apps' pictures
SCALE = 2  # rendered pixels per CSS pixel: sharp on 2x screens


def fmt(x):
    """A number as short text: ``58``, ``0.125``, ``1.23e+04`` (never ``-0``)."""
    text = f"{float(x):.4g}"
    return "0" if text == "-0" else text


def fmt_paren(x):
    """Like :func:`fmt`, with negative numbers in parentheses (for products: ``2·(-3)``)."""
    return f"({fmt(x)})" if x < 0 else fmt(x)


class Canvas:
    """A figure drawn by Agg as a *layered picture*, shown in two stacked ``ipywidgets.Image``.

    The still part of the figure (axes, ticks, labels, contours) is the *background* layer,
    drawn and sent only by :meth:`redraw`. The artists registered with :meth:`dynamic` make the
    *overlay*: drawn by :meth:`frame` on a transparent layer, encoded as PNG (a few tens of kB,
    a few ms: :mod:`dlmath.widgets._png`) and sent on every change. The browser shows the
    overlay on top of the background (a CSS grid puts both images in one cell).

    The picture is rendered at ``scale`` times its CSS size (2: sharp on 2x "retina" screens,
    downsampled by the browser on 1x screens); sizes in points (fonts, line widths) look the same
    at any scale.

    Parameters
    ----------
    figsize : (float, float)
        Inches; at ``dpi=80`` the default (9, 3.5) shows as 720 x 280 CSS pixels.
    dpi : int
        CSS pixels per inch.
    scale : int
        Rendered pixels per CSS pixel.
    """

    CACHE_SIZE = 6  # backgrounds kept (2.5 MB of pixels each at the default size and scale)

    def __init__(self, figsize=(9.0, 3.5), dpi=DPI, scale=SCALE):
        self.scale = int(scale)
        self.figure = Figure(figsize=figsize, dpi=dpi * self.scale)
        FigureCanvasAgg(self.figure)
        self.css_size = (round(figsize[0] * dpi), round(figsize[1] * dpi))
        cell = dict(width=f"{self.css_size[0]}px", height=f"{self.css_size[1]}px", grid_area="1 / 1 / 2 / 2")
        self.background = widgets.Image(format="png", layout=widgets.Layout(**cell))
        self.background.add_class("dlmath-background")
        self.image = widgets.Image(format="png", layout=widgets.Layout(**cell))  # the overlay, on top
        self.image.add_class("dlmath-picture")
        # the text alternative: ipywidgets' Image has no alt attribute (and its ``tooltip`` breaks the
        # view in jupyterlab_widgets 3.0: it reads the ``description`` that an Image does not have),
        # so a transparent HTML layer on top carries it as an ARIA image with a label and a title
        self.label = widgets.HTML(layout=widgets.Layout(**cell))
        self.label.add_class("dlmath-alt")
        self.widget = widgets.GridBox(
            [self.background, self.image, self.label],
            layout=widgets.Layout(
                grid_template_columns=f"{self.css_size[0]}px", grid_template_rows=f"{self.css_size[1]}px"
            ),
        )
        self.alt = ""
        self.draw_ms = float("nan")  # time of the last picture: drawing + PNG encoding
        self.encode_ms = float("nan")  # of which the overlay's PNG encoding
        self._dynamic = []
        self._panels = {}
        self._pending = {}  # widget -> value, set after the next picture
        self._cache = {}  # the background cache: key -> (pixels, PNG), oldest first
        self._background = None  # RGB pixels of the background layer
        self._overlay = None  # RGBA pixels of the overlay layer
        self._png = None

    def dynamic(self, *artists):
        """Mark artists as changing every frame (drawn on the overlay); return the first."""
        for artist in artists:
            artist.set_animated(True)
            self._dynamic.append(artist)
        return artists[0]

    def clear_dynamic(self):
        """Forget the dynamic artists (before replacing them)."""
        self._dynamic = []

    def describe(self, text):
        """Set the picture's text alternative: what it shows, in words (read by screen readers, shown
        on hover). Sent after the next picture, and only when it changes."""
        if text == self.alt:
            return
        self.alt = text
        width, height = self.css_size
        quoted = html.escape(text, quote=True)
        self.after_picture(
            self.label,
            f'<div role="img" aria-label="{quoted}" title="{quoted}" style="width:{width}px;height:{height}px"></div>',
        )

    def after_picture(self, widget, value):
        """Set ``widget.value`` right after the next picture is sent (the picture goes first: each
        widget message the page handles before it, e.g. a text that reflows the page, delays it)."""
        self._pending[widget] = value

    def flush(self):
        """Send what :meth:`after_picture` holds back (also called by every published frame)."""
        pending, self._pending = self._pending, {}
        for widget, value in pending.items():
            widget.value = value

    def panel(self, ax, region):
        """Declare ``ax`` a *panel*: it and its tick labels lie inside ``region`` (x0, y0, x1, y1 in
        figure fractions) and nothing else does, so that :meth:`redraw` can redraw it alone."""
        self._panels[ax] = region

    def redraw(self, publish=True, only=None, key=None):
        """Draw everything still (the background layer, sent if ``publish``), then a frame.

        ``only`` (a list of panels, see :meth:`panel`) redraws just those panels over the last
        background: after a change of one panel's limits, the others (e.g. contours) are not
        drawn again. ``key`` (any hashable value that determines the whole background, e.g. the
        surface and the axis limits) names the background in the *background cache*: the last
        :attr:`CACHE_SIZE` backgrounds are kept, so going back to a view seen before costs no
        drawing and no encoding.
        """
        start = time.perf_counter()
        cached = self._cache.pop(key, None) if key is not None else None
        if cached is not None:
            self._background, png = cached
        else:
            self._draw_background(only)
            png = encode_png(self._background, filter="sub")
        if key is not None:
            self._cache[key] = (self._background, png)  # (re)inserted last: the most recently used
            while len(self._cache) > self.CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))
        if publish:
            self.background.value = png
        self.frame(publish)
        self.draw_ms = 1e3 * (time.perf_counter() - start)

    def cached(self, key):
        """True if the background cache holds the background named ``key`` (see :meth:`redraw`):
        an app may then skip building what only the background shows (e.g. contours)."""
        return key in self._cache

    def _draw_background(self, only):
        canvas = self.figure.canvas
        if only and self._background is not None and all(ax in self._panels for ax in only):
            renderer = canvas.get_renderer()
            buffer = np.asarray(canvas.buffer_rgba())
            buffer[..., :3] = self._background
            buffer[..., 3] = 255
            height, width = buffer.shape[:2]
            for ax in only:
                x0, y0, x1, y1 = self._panels[ax]
                buffer[round((1 - y1) * height) : round((1 - y0) * height), round(x0 * width) : round(x1 * width)] = 255
                ax.draw(renderer)  # skips the animated (dynamic) artists, like a full draw
        else:
            canvas.draw()  # animated (dynamic) artists are skipped by a plain draw
        self._background = np.ascontiguousarray(np.asarray(canvas.buffer_rgba())[..., :3])

    def frame(self, publish=True):
        """Draw the dynamic artists on a transparent layer and, if ``publish``, send it as PNG."""
        start = time.perf_counter()
        if self._background is None:
            self.redraw(publish)
            return
        renderer = self.figure.canvas.get_renderer()
        renderer.clear()  # transparent
        for artist in self._dynamic:
            if artist.get_visible():
                self.figure.draw_artist(artist)
        self._overlay = np.array(self.figure.canvas.buffer_rgba())
        self._png = None
        if publish:
            encode = time.perf_counter()
            self.image.value = encode_png(self._overlay)
            self.encode_ms = 1e3 * (time.perf_counter() - encode)
            self.flush()
        self.draw_ms = 1e3 * (time.perf_counter() - start)

    @property
    def png(self) -> bytes:
        """The whole current picture (overlay over background) as PNG, at the rendered size."""
        if self._png is None:
            self._png = encode_png(self.pixels(), filter="sub")
        return self._png

    def pixels(self) -> np.ndarray:
        """The whole current picture as an array of shape (height, width, 3), uint8."""
        return composite(self._background, self._overlay)


class App(widgets.VBox):
    """Base of the apps: controls above a :class:`Canvas` picture.

    Subclasses build their figure once in ``__init__`` and call :meth:`Canvas.redraw` or
    :meth:`Canvas.frame` from observers. ``_repr_mimebundle_`` adds the current picture as
    ``image/png``, so a frontend without widgets still shows something useful.
    """

    def __init__(self, canvas: Canvas, controls, **kwargs):
        self.canvas = canvas
        self.message = widgets.HTML(layout=widgets.Layout(display="none"))  # errors and hints, when there are any
        self.info = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))  # what the current frame shows
        super().__init__(children=[*controls, self.message, self.info, canvas.widget], **kwargs)
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

    def _show(self, html):
        """Per-frame text goes into an HTML widget (text drawn by Agg costs ~0.15 ms a character),
        sent right after the next picture."""
        self.canvas.after_picture(self.info, f'<span style="font-family:monospace">{html}</span>')

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
        return compact_png(self.canvas.png, size=self.canvas.css_size), plain_text(self.info.value)

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

    def set_length(self, n_frames, value=None):
        """Change the number of frames (e.g. after ``steps`` changed) and jump to ``value`` (default last)."""
        last = max(int(n_frames) - 1, 0)
        value = last if value is None else min(value, last)
        self.play.playing = False
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
