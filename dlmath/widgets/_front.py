"""The apps' front end: an ``anywidget`` that draws a picture in the browser from data.

:class:`Stage` shows a still *background* (a PNG rendered by matplotlib: axes, ticks, contours)
and draws the moving part on an HTML canvas at the screen's pixel ratio, from a *scene* (see
:mod:`dlmath.widgets._scene`: polylines, markers, patches, texts in CSS pixels). Its ES module is
``frontend.js`` beside this file (no build step).

What it holds, all synced with the browser:

- ``background`` (PNG bytes) and ``background_key`` (its name), ``view`` (the name of the
  background to show). The browser keeps every background it has seen, so switching back to a
  view costs one short message (:meth:`Stage.show_background`), and it keeps the ones sent
  ahead (:meth:`Stage.preload`) until they are asked for;
- ``scene``: the current picture's moving part, one packed frame, with its ``alts`` and ``infos``;
- ``frames`` and ``frame``: many packed frames of one run (frame indices ``first``,
  ``first + 1``, ...; ``frames["first"]``, 0 if absent; ``frames["views"]``, each frame's
  background) and the one shown. ``source``, a frame slider or Play, when set, gives the frame
  instead: the page reads its ``value`` itself, so moving the slider or playing needs no kernel
  at all, and costs no message (an ``ipywidgets.jslink`` to ``frame`` would send each new value
  to the kernel once more).

The browser draws ``frames["frames"][frame - first]`` when ``frames`` covers ``frame``, else ``scene``.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as widgets
import traitlets

__all__ = ["Stage"]


class Stage(anywidget.AnyWidget):
    """A picture drawn in the browser: a cached PNG background and a scene drawn on a canvas.

    Parameters
    ----------
    width, height : int
        CSS pixels.
    """

    _esm = (Path(__file__).with_name("frontend.js")).read_text(encoding="utf-8")
    width = traitlets.Int(720).tag(sync=True)
    height = traitlets.Int(280).tag(sync=True)
    background = traitlets.Bytes(b"").tag(sync=True)
    background_key = traitlets.Unicode("").tag(sync=True)
    view = traitlets.Unicode("").tag(sync=True)
    scene = traitlets.Dict().tag(sync=True)
    frames = traitlets.Dict().tag(sync=True)
    frame = traitlets.Int(0).tag(sync=True)
    source = traitlets.Instance(widgets.Widget, allow_none=True).tag(sync=True, **widgets.widget_serialization)

    KEPT = 64  # PNGs kept to send again to a page that asks (a reloaded page has none); the page
    # keeps as many decoded (frontend.js: KEPT)

    def __init__(self, width=720, height=280, **kwargs):
        super().__init__(width=int(width), height=int(height), **kwargs)
        self._sent = {}  # key -> PNG bytes sent to the browser, oldest first
        self.on_msg(self._message)

    def show_background(self, png, key):
        """Show the background ``png`` named ``key``; if it was sent before, send only its name."""
        if key in self._sent:
            self._sent[key] = self._sent.pop(key)  # the most recently used last
            self.view = key
            return
        self._remember(key, png)
        with self.hold_sync():
            self.background = png
            self.background_key = key
            self.view = key

    def preload(self, png, key):
        """Send the background ``png`` named ``key`` for the page to keep, without showing it (a
        later :meth:`show_background` of ``key`` then sends only the name)."""
        if key in self._sent:
            return
        self._remember(key, png)
        with self.hold_sync():
            self.background = png
            self.background_key = key

    def _remember(self, key, png):
        self._sent[key] = png
        while len(self._sent) > self.KEPT:
            self._sent.pop(next(iter(self._sent)))

    def _message(self, _widget, content, _buffers):
        """The browser asks for a background it does not hold (after the page was reloaded, or
        dropped it as the oldest of :attr:`KEPT`)."""
        key = content.get("need") if isinstance(content, dict) else None
        if key not in self._sent:
            return
        if self.background == self._sent[key] and self.background_key == key:
            self.send_state(["background", "background_key"])  # no change to sync: send them again
            return
        with self.hold_sync():
            self.background = self._sent[key]
            self.background_key = key
