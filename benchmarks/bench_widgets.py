"""How long a widget frame takes in the kernel: the computing, and making the picture's data.

    .venv/bin/python benchmarks/bench_widgets.py [--repeats N]

For every app this prints the median over many frames of

* compute: the pure work behind one frame (for the path apps, picking the frame out of the
  precomputed paths; for the playground, training ``epochs/frame`` epochs and evaluating the
  decision boundary), and what a settings change costs (recomputing all paths);
* draw: the last picture sent (``Canvas.draw_ms``: the background's drawing and PNG, when it
  changed, and the scene); scene: turning the moving artists into a scene
  (``Canvas.scene_ms``, :mod:`dlmath.widgets._scene`), and the scene's size (JSON and binary buffers);
* total: one whole frame as the app runs it from a control change (compute + draw + widget
  bookkeeping, without the browser). Outside a kernel there is no event loop, so a settings
  change also records the whole run's frames at once (:meth:`Canvas.record`); in a kernel that
  happens after the picture is sent. A frame slider over recorded frames sends nothing.

The goal: compute well under 10 ms; the whole frame well under the Play interval (100 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # small arrays: one BLAS thread is faster and steadier


from dlmath import widgets as W  # noqa: E402
from dlmath.widgets.activation import activation_curve  # noqa: E402
from dlmath.widgets.learning_rate import gd_run  # noqa: E402
from dlmath.widgets.matmul_steps import matmul_step  # noqa: E402
from dlmath.widgets.race import race_paths  # noqa: E402


def median_ms(fn, repeats):
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times)


def frames(app, set_frame, repeats):
    """Median total time of a frame driven through the app's control, of its draw part and of
    making its scene, and the size of the last scene sent."""
    draws, encodes, sizes = [], [], []

    def one(i):
        set_frame(i)
        draws.append(app.canvas.draw_ms)
        encodes.append(app.canvas.scene_ms)
        scene = app.canvas.stage.scene
        binary = sum(len(image["rgba"]) for image in scene.get("images", [])) + len(scene["points"])  # buffers
        sizes.append(len(json.dumps({k: v for k, v in scene.items() if k not in ("images", "points")})) + binary)

    total = median_ms(one, repeats)
    return total, statistics.median(draws), statistics.median(encodes), statistics.median(sizes) / 1024


def main(repeats):
    rows = []

    app = W.matmul_stepper()
    compute = median_ms(lambda i: matmul_step(app.A, app.B, 1 + i % 4), repeats)
    rows.append(
        ("matmul_stepper", "step", compute, *frames(app, lambda i: setattr(app.player.slider, "value", i % 5), repeats))
    )

    app = W.activation_explorer()
    compute = median_ms(lambda i: activation_curve("sigmoid", 1.0, -2 + (i % 40) / 10), repeats)
    rows.append(
        (
            "activation_explorer",
            "bias changed",
            compute,
            *frames(app, lambda i: setattr(app.b, "value", -2 + (i % 40) / 10), repeats),
        )
    )

    app = W.learning_rate_explorer()
    run = app.run
    compute = median_ms(lambda i: (run.path[: i % 51 + 1], run.loss[: i % 51 + 1]), repeats)
    rows.append(
        (
            "learning_rate_explorer",
            "frame",
            compute,
            *frames(app, lambda i: setattr(app.player.slider, "value", i % 51), repeats),
        )
    )
    recompute = median_ms(lambda i: gd_run("bowl", 0.01 + 0.001 * i, 200), max(repeats // 5, 5))
    rows.append(
        (
            "learning_rate_explorer",
            "lr changed (200 steps)",
            recompute,
            *frames(app, lambda i: setattr(app.lr, "value", 0.1 + 0.002 * (i % 50)), max(repeats // 5, 5)),
        )
    )

    app = W.optimizer_race()
    paths = app.paths
    compute = median_ms(lambda i: [p[: i % 301 + 1] for p in paths.values()], repeats)
    rows.append(
        (
            "optimizer_race",
            "frame",
            compute,
            *frames(app, lambda i: setattr(app.player.slider, "value", (7 * i) % 301), repeats),
        )
    )
    recompute = median_ms(lambda i: race_paths("rosenbrock"), max(repeats // 5, 5))
    rows.append(
        (
            "optimizer_race",
            "setting changed (4 x 300 steps)",
            recompute,
            *frames(app, lambda i: setattr(app.lr["Adam"], "value", 0.05 + 0.001 * (i % 50)), max(repeats // 5, 5)),
        )
    )

    app = W.network_playground()
    model = app.model.fresh_copy()
    compute = median_ms(lambda i: (model.advance(5), model.probabilities()), repeats)
    rows.append(("network_playground", "5 epochs + boundary", compute, *frames(app, lambda i: app.step(), repeats)))

    app = W.optimizer_race()
    surfaces = ["quadratic_bowl", "beale", "saddle", "rosenbrock"]
    rows.append(
        (
            "optimizer_race",
            "surface switch (cached after 4)",
            float("nan"),
            *frames(app, lambda i: setattr(app.surface, "value", surfaces[i % 4]), max(repeats // 5, 8)),
        )
    )

    print(
        f"median of {repeats} frames (settings changes: {max(repeats // 5, 5)}); "
        f"figures {app.figure.canvas.get_width_height()} px"
    )
    print(f"{'app':24s} {'what':32s} {'compute ms':>10s} {'total ms':>9s} {'draw ms':>8s} {'scene':>7s} {'kB':>5s}")
    for name, what, comp, total, draw, enc, kb in rows:
        print(f"{name:24s} {what:32s} {comp:10.3f} {total:9.1f} {draw:8.1f} {enc:7.1f} {kb:5.0f}")
    print("draw: the background (when it changed) + the scene; scene: the moving artists as data;")
    print(
        "kB: the last scene sent, JSON and binary "
        "(none is sent for a recorded frame; a background only when it changes)"
    )
    print(
        "the playground's steps are frames trained ahead (recorded at once here, in the kernel's spare time in Jupyter)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=100)
    main(parser.parse_args().repeats)
