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

import asyncio
import base64
import os
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, NullLocator

from ..plots import PALETTE
from ._front import Stage
from ._png import composite, encode_png
from ._scene import ScenePacker, artist_items, pack_scenes
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
    """A figure shown as a *layered picture*: a matplotlib background and a scene drawn in the browser.

    The still part of the figure (axes, ticks, labels, contours) is the *background*, rendered by
    Agg and sent as PNG only by :meth:`redraw` (and only once per view: the page keeps every
    background it has seen, see :class:`~dlmath.widgets._front.Stage`). The artists registered
    with :meth:`dynamic` make the moving part: :meth:`frame` sends them as a *scene*, data in CSS
    pixels (:mod:`dlmath.widgets._scene`), that the browser draws on a canvas at the screen's
    pixel ratio, sharp on 1x and 2x screens. The background is rendered at ``scale`` times its
    CSS size.

    :meth:`record` precomputes a whole run's frames as scenes: with the frame slider linked to
    the picture in the browser (:meth:`follow`), showing a step or playing needs no kernel.

    Parameters
    ----------
    figsize : (float, float)
        Inches; at ``dpi=80`` the default (9, 3.5) shows as 720 x 280 CSS pixels.
    dpi : int
        CSS pixels per inch.
    scale : int
        Rendered pixels per CSS pixel of the background (and of :attr:`png`).
    """

    CACHE_SIZE = 6  # backgrounds kept as pixels (2.5 MB each at the default size and scale)
    RECORD_AFTER_S = 0.15  # a recording starts this long after the picture it follows (see :meth:`record`)
    CHUNK_MS = 10.0  # frames are recorded for this long at a time (see :meth:`record`), then the kernel is free
    PAUSE_MS = 5.0  # for at least this long (messages waiting are read, and the browser gets a CPU)

    def __init__(self, figsize=(9.0, 3.5), dpi=DPI, scale=SCALE):
        self.scale = int(scale)
        self.figure = Figure(figsize=figsize, dpi=dpi * self.scale)
        FigureCanvasAgg(self.figure)
        self.css_size = (round(figsize[0] * dpi), round(figsize[1] * dpi))
        self.stage = Stage(*self.css_size)
        self.widget = self.stage
        self.alt = ""  # the picture's text alternative (:meth:`describe`)
        self.info = ""  # the line of HTML above the picture: what the current frame shows
        self.draw_ms = float("nan")  # time of the last picture: drawing (background) + packing the scene
        self.scene_ms = float("nan")  # of which packing the scene
        self._dynamic = []
        self._panels = {}
        self._cache = {}  # the background cache: key -> (pixels, PNG), oldest first
        self._background = None  # RGB pixels of the background layer
        self._view = ""  # the name of the background on show
        self._overlay = None  # RGBA pixels of the dynamic artists, rendered when asked for (:meth:`pixels`)
        self._png = None
        self._recording = False
        self._recorded = False  # True while the page holds the frames of the current run
        self._held = range(0)  # the frame indices the page holds (:meth:`holds`)
        self._recording_range = range(0)  # those of the recording under way
        self._generation = 0  # counts the runs recorded (:meth:`record`), to cancel an old one
        self._stale = False  # True when the page holds the frames of a run that changed
        self._unnamed = 0

    def dynamic(self, *artists):
        """Mark artists as changing every frame (drawn in the browser); return the first."""
        for artist in artists:
            artist.set_animated(True)
            self._dynamic.append(artist)
        return artists[0]

    def clear_dynamic(self):
        """Forget the dynamic artists (before replacing them)."""
        self._dynamic = []

    def describe(self, text):
        """Set the picture's text alternative: what it shows, in words (read by screen readers, shown
        on hover). Sent with the next picture."""
        self.alt = text

    def show(self, html):
        """Set the line of HTML shown above the picture (what the frame shows). Sent with the next picture."""
        self.info = html

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
        :attr:`CACHE_SIZE` backgrounds are kept, and the page keeps every one it was sent, so
        going back to a view seen before costs no drawing, no encoding and no transfer.
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
            self._view = repr(key)
        else:
            self._unnamed += 1
            self._view = f"unnamed {self._unnamed}"
        with self.stage.hold_sync():  # the background and the scene over it arrive in one message
            if publish:
                self.stage.show_background(png, self._view)
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

    def scene(self, cache=None):
        """The current dynamic artists as one scene (see :func:`~dlmath.widgets._scene.artist_items`)."""
        return artist_items(self._dynamic, self.figure, self.scale, cache)

    def frame(self, publish=True):
        """The dynamic artists changed: send them as a scene (if ``publish``), with the alt text and info.

        While the page holds the recorded frames of the current run (:meth:`record`), nothing is
        sent: the page has already drawn this frame.
        """
        self._overlay = self._png = None
        if self._recording:
            return
        if self._background is None:
            self.redraw(publish)
            return
        if self._recorded:
            self.draw_ms = self.scene_ms = 0.0  # the page draws this frame from the recording
        elif publish:
            start = time.perf_counter()
            packed = pack_scenes([self.scene()])
            packed["alts"], packed["infos"] = [self.alt], [self.info]
            with self.stage.hold_sync():  # the old run's frames go with the new run's first picture
                if self._stale:
                    self.stage.frames = {}
                    self._stale = False
                self.stage.scene = packed
            self.scene_ms = self.draw_ms = 1e3 * (time.perf_counter() - start)

    def update(self, redraw=(), key=None, publish=True):
        """The picture after a change: :meth:`redraw` the panels ``redraw`` (``None``: all; ``key``
        names the background) or, when it is empty, just a :meth:`frame`; sent if ``publish``."""
        if redraw is None or redraw:
            self.redraw(publish, only=redraw, key=key)
        else:
            self.frame(publish)

    def forget(self):
        """The run changed: the recorded frames no longer apply (the page falls back to the scene)."""
        self._generation += 1  # cancels a recording under way
        self._recording_range = range(0)
        if self._recorded:
            self._recorded = False
            self._held = range(0)
            self._stale = True  # cleared in the page with the next picture (:meth:`frame`)

    @property
    def held(self):
        """The frame indices the page holds (a ``range``; empty when it holds none)."""
        return self._held if self._recorded else range(0)

    def holds(self, index):
        """True if the page holds recorded frame ``index`` (see :meth:`record`)."""
        return self._recorded and index in self._held

    def covers(self, index):
        """True if the page holds recorded frame ``index`` or a recording under way will send it."""
        return self.holds(index) or index in self._recording_range

    def follow(self, slider):
        """Link ``slider`` (an ``IntSlider`` over the frames) to the picture in the browser."""
        widgets.jslink((slider, "value"), (self.stage, "frame"))

    def record(self, show, n_frames, current, first=0):
        """Precompute frames ``0 .. n_frames - 1`` and send them; the page then draws frame ``k``
        when the slider linked by :meth:`follow` says ``first + k``, without asking the kernel.

        ``show(k)`` sets the dynamic artists, :meth:`describe` and :meth:`show` for frame ``k``
        (without drawing), in order from 0; if it returns ``False`` there is no frame ``k`` and
        the recording ends with frame ``k - 1`` (e.g. a run trained ahead whose next frame needs a
        new background). ``current()`` returns the frame to leave the artists at (passed to
        ``show`` between chunks; it may be one that is not recorded, e.g. -1). While the page
        holds the frames, :meth:`frame` sends nothing; a picture outside them needs
        :meth:`forget` first (:meth:`holds` says which frames the page holds). In a kernel
        the frames are computed *ahead*, from :attr:`RECORD_AFTER_S` after the picture on,
        :attr:`CHUNK_MS` at a time with pauses of :attr:`PAUSE_MS` between (``call_soon`` starved the
        kernel: a message waited for the whole recording, ~50 ms), so that they delay neither
        the picture nor the next interaction by more than that; a newer run (:meth:`forget`)
        cancels an unfinished recording. Without a running event loop (a plain Python shell,
        the tests) they are computed at once.
        """
        self._generation += 1
        self._recording_range = range(first, first + n_frames)
        job = dict(generation=self._generation, next=0, packer=ScenePacker(), alts=[], infos=[], cache={})

        def chunk():
            if job["generation"] != self._generation or getattr(self.stage, "comm", True) is None:
                return  # a newer run, or the widget was closed
            self._recording = True
            until = time.perf_counter() + self.CHUNK_MS / 1e3 if loop is not None else float("inf")
            try:
                k, end = job["next"], n_frames
                while k < end and time.perf_counter() < until:
                    if show(k) is False:
                        end = k  # no frame k: the recording ends before it
                        break
                    job["packer"].add(self.scene(job["cache"]))
                    job["alts"].append(self.alt)
                    job["infos"].append(self.info)
                    k += 1
                job["next"] = stop = k
                show(current())
            finally:
                self._recording = False
            if stop < end:
                loop.call_later(self.PAUSE_MS / 1e3, chunk) if loop is not None else chunk()
                return
            if stop == 0:  # nothing to send
                self._recording_range = range(0)
                return
            packed = job["packer"].packed()
            packed["alts"], packed["infos"], packed["first"] = job["alts"], job["infos"], first
            self.stage.frames = packed
            self._recorded, self._stale = True, False
            self._held, self._recording_range = range(first, first + stop), range(0)

        loop = _running_loop()
        if loop is None:
            chunk()
        else:  # after a pause: the page first draws the new picture (it needs the CPU too), and a
            loop.call_later(self.RECORD_AFTER_S, chunk)  # change that follows at once cancels it unstarted

    @property
    def png(self) -> bytes:
        """The whole current picture (dynamic artists over the background) as PNG, at the rendered size."""
        if self._png is None:
            self._png = encode_png(self.pixels(), filter="sub")
        return self._png

    def pixels(self) -> np.ndarray:
        """The whole current picture as an array of shape (height, width, 3), uint8, drawn by Agg."""
        if self._background is None:
            self.redraw(publish=False)
        if self._overlay is None:
            renderer = self.figure.canvas.get_renderer()
            renderer.clear()  # transparent
            for artist in self._dynamic:
                if artist.get_visible():
                    self.figure.draw_artist(artist)
            self._overlay = np.array(self.figure.canvas.buffer_rgba())
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


def _running_loop():
    """The event loop running in this thread (the kernel's), or None (a plain Python shell)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


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
