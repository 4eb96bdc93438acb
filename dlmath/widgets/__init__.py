"""Interactive apps: move a slider, press play, and watch the math happen.

Each app is a function that works with no arguments and returns an ipywidgets widget:

- :func:`matmul_stepper`: a matrix product, one dot product at a time (also transpose,
  ``c * A`` and ``A + B``).
- :func:`activation_explorer`: weight and bias sliders on sigmoid / ReLU / tanh; the bias
  shifts the curve by ``-b / w``.
- :func:`learning_rate_explorer`: gradient descent on a 1-D curve and a 2-D bowl with a
  log-scale learning-rate slider; too small, too large (diverging) and about right.
- :func:`optimizer_race`: GD, momentum, RMSProp and Adam from one start point on a surface.
- :func:`network_playground`: train a small MLP on a 2-D data set and watch the decision
  boundary move.

How they draw (the backend, chosen on purpose)
-----------------------------------------------
Each app builds one matplotlib figure, once, on the Agg backend (no pyplot, so nothing is shown
twice and no GUI backend is involved), and shows it through a small front end of its own
(:class:`~dlmath.widgets._front.Stage`, an ``anywidget`` whose ES module is ``frontend.js``: no
build step). The still part of the figure (axes, ticks, contours) is rendered by Agg at twice its
CSS size and sent once as a PNG *background*; the page keeps every background it was sent, and
the kernel caches the last few as pixels, so switching back to a view costs one short message.
The artists that move are sent as *data* (:mod:`dlmath.widgets._scene`: polylines, marker
outlines, patches and texts in CSS pixels, computed by matplotlib's own transforms) and drawn by
the browser on an HTML canvas at the screen's ``devicePixelRatio``: sharp at 1x and 2x, and no
picture is encoded or decoded per change.

Interactions that only choose among precomputed frames are decided in the browser: after a
settings change the kernel sends the new picture at once and then, between its other work,
*records* every frame of the run (:meth:`Canvas.record <dlmath.widgets._app.Canvas.record>`),
and the frame slider (and Play, linked to it) is linked to the picture in the page with
``ipywidgets.jslink``, so showing a step or playing needs no kernel. Interactions that need
computing (a learning rate, a surface, a step of training) go to the kernel and come back as a
scene of a few kB. This needs no extension beyond ipywidgets and anywidget (no ipympl), and
works in JupyterLab, Notebook 7 and VS Code. Timings: ``benchmarks/bench_widgets.py`` (in the
kernel) and ``benchmarks/bench_widgets_browser.py`` (from an input event to the picture on
screen, in JupyterLab and Chromium).

Every picture carries a text alternative that says what it shows and follows it (e.g. "Adam
on Rosenbrock after 120 steps, loss 0.031"): the canvas is an ARIA image with that label
(:meth:`Canvas.describe <dlmath.widgets._app.Canvas.describe>`), recorded with every frame. Curves differ by line style,
marker and a direct label, not only by colour (:data:`~dlmath.widgets.optimizer_choice.STYLES`).

The computation lives in pure, tested functions (e.g. :func:`dlmath.surfaces.run_path`
computes every optimizer's whole path when a setting changes; the step slider only picks a
frame). Settings recompute when a slider is released (``continuous_update=False``).

Without a widget frontend
-------------------------
Every app is an ``ipywidgets.VBox`` whose rich representation also contains its current
picture as ``image/png`` (for the path apps: the whole path; for the playground: a copy of
the network trained for 150 epochs) and, as ``text/html``, its *static view*
(:meth:`App.static_view <dlmath.widgets._app.App.static_view>`): the app's presets as a
self-contained animation (inline PNG frames, a few lines of JavaScript, alt text) made from the
frames the app computes anyway. JupyterLab shows the live app (checked in a real browser by
``tests/browser/``); HTML pages without a widget manager show the static view: the course site
(``dev.py site``) and ``jupyter nbconvert --to html`` of a notebook saved without widget state
(with saved widget state nbconvert draws the widgets with a widget manager from a CDN instead).
Frontends that take no HTML show the picture: nbval, nbconvert to Markdown or LaTeX/PDF. In a
plain Python shell, call ``app.save("app.png")`` or draw on ``app.figure``. Computing a static
view takes 0.5-3 s per app; ``DLMATH_STATIC_VIEW=0`` (set by ``dev.py lab``) skips it.
"""

from .activation import activation_explorer
from .learning_rate import learning_rate_explorer
from .matmul import matmul_stepper
from .playground import network_playground
from .race import optimizer_race

__all__ = ["matmul_stepper", "activation_explorer", "learning_rate_explorer", "optimizer_race", "network_playground"]
