"""The picture every app draws: a matplotlib background and a scene drawn in the browser.

:class:`Canvas` owns one matplotlib :class:`~matplotlib.figure.Figure`, built once and never
rebuilt. The still part (axes, ticks, contours) is the *background*, rendered by Agg and sent as
PNG only when it changes; the artists registered with :meth:`Canvas.dynamic` are sent as a
*scene* (data in CSS pixels) that the page draws at the screen's pixel ratio
(:class:`~dlmath.widgets._front.Stage`). Work no one waits for, the frames of a whole run
(:meth:`Canvas.record`) and the backgrounds of the views likely next (:meth:`Canvas.prefetch`),
is done in the kernel's spare time (:mod:`dlmath.widgets._spare`).
"""

from __future__ import annotations

import time

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ._front import Stage
from ._png import composite, encode_png
from ._scene import ScenePacker, artist_items, pack_scenes
from ._spare import in_spare_time

__all__ = ["DPI", "SCALE", "Canvas"]

DPI = 80  # CSS pixels per inch of the apps' pictures
SCALE = 2  # rendered pixels per CSS pixel: sharp on 2x screens


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

    CACHE_SIZE = 12  # backgrounds kept as pixels (2.5 MB each at the default size and scale)
    RECORD_AFTER_S = 0.15  # a recording starts this long after the picture it follows (see :meth:`record`)
    CHUNK_MS = 10.0  # frames are recorded for this long at a time (see :meth:`record`), then the kernel is free
    PAUSE_MS = 5.0  # for at least this long (messages waiting are read, and the browser gets a CPU)
    FIRST_PIECE = 4  # a recording is sent after this many frames, then after twice as many, ...
    PREFETCH_AFTER_S = 1.0  # backgrounds are prefetched (:meth:`prefetch`) from this long after the call

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
        self._prefetch_generations = {}  # queue -> the calls of :meth:`prefetch`, to cancel an old one
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

    def redraw(self, publish=True, only=None, key=None, index=None):
        """Draw everything still (the background layer, sent if ``publish``), then a frame.

        ``only`` (a list of panels, see :meth:`panel`) redraws just those panels over the last
        background: after a change of one panel's limits, the others (e.g. contours) are not
        drawn again. ``key`` (any hashable value that determines the whole background, e.g. the
        surface and the axis limits) names the background in the *background cache*: the last
        :attr:`CACHE_SIZE` backgrounds are kept, and the page keeps every one it was sent, so
        going back to a view seen before costs no drawing, no encoding and no transfer.
        ``index``: as for :meth:`frame`.
        """
        start = time.perf_counter()
        cached = self._cache.pop(key, None) if key is not None else None
        if cached is not None:
            self._background, png = cached
        else:
            self._draw_background(only)
            png = encode_png(self._background, filter="sub")
        if key is not None:
            self._keep(key, self._background, png)
            self._view = repr(key)
        else:
            self._unnamed += 1
            self._view = f"unnamed {self._unnamed}"
        with self.stage.hold_sync():  # the background and the scene over it arrive in one message
            if publish:
                self.stage.show_background(png, self._view)
            self.frame(publish, index)
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
            self._background = np.ascontiguousarray(buffer[..., :3])
        else:
            self._background = self._render_still()

    def _render_still(self):
        """Draw the whole figure but its dynamic artists (they are animated: a plain draw skips
        them) and return its pixels, shape (height, width, 3), uint8."""
        self.figure.canvas.draw()
        return np.ascontiguousarray(np.asarray(self.figure.canvas.buffer_rgba())[..., :3])

    def scene(self, cache=None):
        """The current dynamic artists as one scene (see :func:`~dlmath.widgets._scene.artist_items`)."""
        return artist_items(self._dynamic, self.figure, self.scale, cache)

    def frame(self, publish=True, index=None):
        """The dynamic artists changed: send them as a scene (if ``publish``), with the alt text and info.

        While the page holds the recorded frames of the current run (:meth:`record`), nothing is
        sent: the page has already drawn this frame. ``index``: the frame this picture shows
        (default: the value of the slider the picture follows, :meth:`follow`); the page may hold
        only some of the run's frames (a recording is sent in pieces), and the scene is sent if it
        does not hold that one.
        """
        if index is None and self.stage.source is not None:
            index = self.stage.source.value
        self._overlay = self._png = None
        if self._recording:
            return
        if self._background is None:
            self.redraw(publish)
            return
        if self._recorded and (index is None or index in self._held):
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

    def update(self, redraw=(), key=None, publish=True, index=None):
        """The picture after a change: :meth:`redraw` the panels ``redraw`` (``None``: all; ``key``
        names the background) or, when it is empty, just a :meth:`frame` (of frame ``index``);
        sent if ``publish``."""
        if redraw is None or redraw:
            self.redraw(publish, only=redraw, key=key, index=index)
        else:
            self.frame(publish, index)

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

    @property
    def under_way(self):
        """True while a recording (:meth:`record`) is being computed, or waits to be."""
        return bool(self._recording_range)

    def holds(self, index):
        """True if the page holds recorded frame ``index`` (see :meth:`record`)."""
        return self._recorded and index in self._held

    def covers(self, index):
        """True if the page holds recorded frame ``index`` or a recording under way will send it."""
        return self.holds(index) or index in self._recording_range

    def follow(self, slider):
        """Show the frame ``slider`` (an ``IntSlider`` or ``Play`` over the frames) says: the page
        reads its value (``Stage.source``), with no message to the kernel."""
        self.stage.source = slider

    def record(self, show, n_frames, current, first=0, after_s=None):
        """Precompute frames ``0 .. n_frames - 1`` and send them; the page then draws frame ``k``
        when the slider linked by :meth:`follow` says ``first + k``, without asking the kernel.

        ``show(k)`` sets the dynamic artists, :meth:`describe` and :meth:`show` for frame ``k``
        (without drawing), in order from 0. If it returns ``False`` there is no frame ``k`` and
        the recording ends with frame ``k - 1`` (e.g. a run trained ahead that diverged). If it
        returns a key (not ``None`` or ``True``), frame ``k`` shows over the background of that
        name instead of the view on show: ``show`` set the still part for it and
        :meth:`store_background` keeps it (e.g. a run trained ahead whose loss axis grows); the
        page draws each recorded frame over its own background. ``current()`` returns the frame
        to leave the artists at (passed to ``show`` between chunks; it may be one that is not
        recorded, e.g. -1).

        While the page holds the frames, :meth:`frame` sends nothing; a picture outside them
        needs :meth:`forget` first (:meth:`holds` says which frames the page holds). In a
        kernel the frames are computed in spare time
        (:func:`~dlmath.widgets._spare.in_spare_time`), from ``after_s`` (default
        :attr:`RECORD_AFTER_S`) after the picture on, :attr:`CHUNK_MS` at a time with pauses of
        :attr:`PAUSE_MS`, so that they delay neither the picture nor the next interaction by
        more than that, and sent in pieces (the first :attr:`FIRST_PIECE` frames, then twice as
        many, ... each piece all the frames so far: the page plays the first while the rest is
        recorded); a newer run (:meth:`forget`) cancels an unfinished recording. Without a
        running event loop (a plain Python shell, the tests) they are computed at once.
        """
        self._generation += 1
        generation = self._generation
        self._recording_range = range(first, first + n_frames)
        after_s = self.RECORD_AFTER_S if after_s is None else after_s

        def send(packer, alts, infos, views, k):
            packed = packer.packed()
            packed["alts"], packed["infos"], packed["first"] = list(alts), list(infos), first
            packed["views"] = list(views)
            self.stage.frames = packed
            self._recorded, self._stale = True, False
            self._held = range(first, first + k)

        def chunks(timed):
            packer, alts, infos, views, cache = ScenePacker(), [], [], [], {}
            k, end, piece = 0, n_frames, self.FIRST_PIECE
            while True:
                until = time.perf_counter() + self.CHUNK_MS / 1e3 if timed else float("inf")
                self._recording = True
                try:
                    while k < end and time.perf_counter() < until:
                        view = show(k)
                        if view is False:
                            end = k  # no frame k: the recording ends before it
                            break
                        view = self._view if view is None or view is True else repr(view)
                        if views and view != views[-1]:
                            cache.clear()  # the scene's transforms are those of the old limits
                        packer.add(self.scene(cache))
                        alts.append(self.alt)
                        infos.append(self.info)
                        views.append(view)
                        k += 1
                    show(current())
                finally:
                    self._recording = False
                if k >= end:
                    break
                if k >= piece:  # the frames so far, for the page to play while the rest is recorded
                    send(packer, alts, infos, views, k)
                    piece *= 2
                yield
            if k == 0:  # nothing to send
                self._recording_range = range(0)
                return
            send(packer, alts, infos, views, k)
            self._recording_range = range(0)

        alive = lambda: generation == self._generation and self._open()  # noqa: E731
        if not in_spare_time(chunks(True), after_s, self.PAUSE_MS / 1e3, alive):
            for _ in chunks(False):
                pass

    def prefetch(self, views, restore, idle=lambda: True, after_s=None, queue="views"):
        """Render the backgrounds of the views a learner is likely to ask for next (a race's other
        surfaces, a playground's other data sets) in the kernel's spare time, keep them in the
        background cache and send them to the page, which keeps them without showing them: the
        first switch to such a view then costs what a switch back costs (a scene and a name).

        Parameters
        ----------
        views : iterable of callables
            Each, called in spare time, sets the figure's still part to one view and returns
            that view's key (see :meth:`redraw`), or None to skip it. A view already cached is
            not drawn again.
        restore : callable
            Sets the still part back to the view on show; called after each view.
        idle : callable
            False while the app is busy in a way a prefetch must not slow down (Play running).
        queue : str
            A newer call with the same ``queue`` cancels the views of this one not yet drawn;
            calls with different queues leave each other alone.
        after_s : float, optional
            Seconds before the first view is drawn; default :attr:`PREFETCH_AFTER_S`. Drawing a
            view holds the kernel for tens of milliseconds, so a learner moving one control
            after another waits for none: each change calls this again and the wait restarts.

        One view is drawn per step (about 35 ms at the default size) and its PNG encoded in the
        next; nothing is drawn while a recording (:meth:`record`) is under way or ``idle()`` is
        False, and a newer call cancels the views not yet drawn. Without a running event loop (a
        plain Python shell: no page to send to) nothing is done.
        """
        generation = self._prefetch_generations[queue] = self._prefetch_generations.get(queue, 0) + 1

        def steps():
            for view in views:
                while self._recording_range or not idle():  # the run on show comes first
                    yield self.RECORD_AFTER_S
                try:
                    key = view()
                    if key is None or key in self._cache:
                        continue
                    pixels = self._render_still()
                finally:
                    restore()
                yield
                self._send_ahead(key, pixels)
                yield

        alive = lambda: generation == self._prefetch_generations[queue] and self._open()  # noqa: E731
        after_s = self.PREFETCH_AFTER_S if after_s is None else after_s
        in_spare_time(steps(), after_s, self.PAUSE_MS / 1e3, alive)

    def store_background(self, key):
        """Draw the still part as the figure now shows it, keep it in the background cache as
        ``key`` and send it for the page to keep, without showing it (see :meth:`record`); a
        background already cached is not drawn again."""
        if key not in self._cache:
            self._send_ahead(key, self._render_still())

    def _send_ahead(self, key, pixels):
        """Encode a background drawn for another view, keep it in the cache and send it to the page
        to keep (not to show)."""
        png = encode_png(pixels, filter="sub")
        self._keep(key, pixels, png)
        self.stage.preload(png, repr(key))

    def _keep(self, key, background, png):
        """Put a background into the cache, as the most recently used, and trim the oldest."""
        self._cache.pop(key, None)
        self._cache[key] = (background, png)
        while len(self._cache) > self.CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))

    def _open(self):
        """False once the picture's widget was closed (e.g. a copy made for a static view)."""
        return getattr(self.stage, "comm", True) is not None

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
