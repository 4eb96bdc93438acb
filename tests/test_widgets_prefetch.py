"""The backgrounds of the views likely next are drawn in the kernel's spare time and sent ahead.

Run in a real asyncio event loop, as in a kernel: the recording of the run on show and then the
prefetch happen in spare time (``Canvas.record``, ``Canvas.prefetch``). Each prefetched
background must be exactly the picture a fresh app draws for that view, the picture on show must
be left as it was, and a switch to a prefetched view must send no PNG, only its name. (How fast
that makes a switch in the browser is measured in benchmarks/bench_widgets_browser.py.)
"""

import asyncio
import time

import numpy as np

from dlmath.widgets._scene import pack_scenes, unpack_frame
from dlmath.widgets.playground import NetworkPlayground
from dlmath.widgets.playground_model import DATASETS
from dlmath.widgets.race import DEFAULTS, OptimizerRace


async def wait_for(condition, timeout_s=30.0):
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the prefetch did not finish"
        await asyncio.sleep(0.05)


def background(app):
    return app.canvas._background.copy()


def first_view(make, value):
    """The name and pixels of the background a fresh app shows for ``value``."""
    app = make(value)
    try:
        return app.canvas._view, background(app)
    finally:
        app._discard()


def check_prefetch(make, first, choices, control):
    """In an event loop: build ``make(first)``, wait for the backgrounds of ``choices`` (the other
    values of the control named ``control``) and switch to each."""

    async def test():
        expected = {value: first_view(make, value) for value in choices}
        app = make(first)
        canvas, stage = app.canvas, app.canvas.stage
        on_show = background(app)
        await wait_for(lambda: all(name in stage._sent for name, _ in expected.values()))  # sent ahead
        # the figure was put back: the picture on show redrawn now is the one it was
        canvas._draw_background(None)
        np.testing.assert_array_equal(canvas._background, on_show)
        for value in choices:
            sent_key = stage.background_key
            getattr(app, control).value = value
            name, pixels = expected[value]
            assert stage.view == name and stage.background_key == sent_key  # no PNG sent, only the name
            np.testing.assert_array_equal(background(app), pixels)  # the picture a fresh app draws
        app._discard()

    asyncio.run(test())


def test_the_race_prefetches_the_other_surfaces():
    check_prefetch(OptimizerRace, "rosenbrock", [k for k in DEFAULTS if k != "rosenbrock"], "surface")


def test_the_playground_prefetches_the_other_data_sets():
    check_prefetch(NetworkPlayground, "moons", [d for d in DATASETS if d != "moons"], "dataset")


def test_without_an_event_loop_nothing_is_prefetched():
    app = OptimizerRace("rosenbrock")
    assert len(app.canvas._cache) == 1  # only the view on show
    app._discard()


def test_the_playground_sends_the_next_loss_axis_ahead():
    """Training ahead finds the frame whose loss curve needs a new loss axis; that background is
    drawn in spare time and sent ahead, so the step that reaches it sends only its name."""

    async def test():
        app = NetworkPlayground("moons")
        canvas, stage = app.canvas, app.canvas.stage
        await wait_for(lambda: len(stage._sent) >= 1 + 3 + 1 and not canvas.under_way)
        changed = False
        for _ in range(10):
            before_key, before_view = stage.background_key, stage.view
            app.step()
            if stage.view != before_view:  # this step needed a new background
                changed = True
                assert stage.background_key == before_key  # no PNG sent: it was sent ahead
                pixels = canvas._background.copy()
                canvas._draw_background(None)  # the background drawn now, in full
                np.testing.assert_array_equal(canvas._background, pixels)
                break
        assert changed, "no step needed a new loss axis"
        app._discard()

    asyncio.run(test())


def test_a_frame_the_page_does_not_hold_yet_is_sent():
    """A recording goes to the page in pieces: while the page holds only the first frames, the
    frame slider moved beyond them gets its picture from the kernel (it waited for the whole
    recording before)."""

    async def test():
        app = OptimizerRace("rosenbrock")
        canvas, stage = app.canvas, app.canvas.stage
        await wait_for(lambda: len(canvas.held) > 0)  # the first piece is in the page
        assert canvas.under_way and len(canvas.held) < app.steps.value + 1  # the rest is not yet
        before = stage.scene
        app.player.slider.value = app.steps.value - 1  # the step before the last: not held
        assert app.player.slider.value not in canvas.held and stage.scene is not before
        assert unpack_frame(stage.scene, 0) == unpack_frame(pack_scenes([canvas.scene()]), 0)
        app._discard()

    asyncio.run(test())


def test_the_activation_explorer_prefetches_the_other_activations():
    from dlmath.widgets.activation import CHOICES, ActivationExplorer

    check_prefetch(ActivationExplorer, "sigmoid", [c for c in CHOICES if c != "sigmoid"], "activation")
