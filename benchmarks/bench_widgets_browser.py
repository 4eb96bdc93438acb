"""How long the apps take to answer in a real browser: from a user's action to the new picture on screen.

    .venv/bin/python benchmarks/bench_widgets_browser.py [--repeats N] [--scale 1|2] [--play-seconds S]
                                                         [--only TEXT] [--samples] [--stock-server]

Starts a throw-away JupyterLab (``tests/browser/jlab_harness.py``), opens a notebook with the
five apps in Debian's Chromium (Playwright), and for each interaction measures, inside the page,
the time from the input event (key, mouse button or ``change`` event, caught in the capture
phase) to the moment the last picture it caused is on screen: the apps' front end
(``dlmath/widgets/frontend.js``) draws the picture on a canvas inside an animation frame and then
bumps the canvas's ``data-drawn`` counter; the benchmark sees that change and takes the time in
the *next* animation frame, after the drawing was painted. Everything between is included:
for an interaction the kernel answers, the widget message to the kernel, the app's computing,
the scene (and, when the view changed, a background PNG) sent back and the browser's drawing;
for one the browser decides alone (a frame slider or Play over recorded frames), the widget
links in the page and the drawing. For Play it counts the new pictures shown per second.

Prints the median and 95th percentile per interaction and the Play rates; the target is
p95 <= 100 ms and Play >= 20 frames per second. Where the time goes: the kernel logs when each
picture was drawn (wall clock, the same clock as the page's on one machine), which splits each
interaction into *to the kernel* (browser event, websocket, server, kernel queue), *in the
kernel* (from the start of a settings change, ``Canvas.forget``, or else of the picture, to the
picture sent: computing, a background PNG when the view is new, the scene;
``benchmarks/bench_widgets.py`` splits it further) and *back* (transfer to the page, drawing,
painting). Run it on an idle machine for the README's
table (``uptime`` is printed, to say how loaded the machine was).

The server runs as ``dev.py lab`` runs it (the course's ``.jupyter`` configuration: the kernel's
websocket without Nagle's algorithm, see :mod:`dlmath._labserver`); ``--stock-server`` measures
a stock JupyterLab instead.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from jlab_harness import CHROMIUM, CHROMIUM_ARGS, OPEN_AND_RUN, jupyter_lab  # noqa: E402

APPS = ["matmul_stepper", "activation_explorer", "learning_rate_explorer", "optimizer_race", "network_playground"]

INSTRUMENT = """() => {
  // one record per app: when the last input event happened, and when its pictures were shown
  window.__bench = {};
  for (const app of document.querySelectorAll('.dlmath-app')) {
    const name = [...app.classList].find(c => c.startsWith('dlmath-') && c !== 'dlmath-app').slice(7);
    const rec = {t0: null, shown: [], frames: 0, drawMs: []};
    window.__bench[name] = rec;
    for (const type of ['keydown', 'mousedown', 'change']) {
      app.addEventListener(type, () => { if (rec.t0 === null) rec.t0 = performance.now(); }, true);
    }
    const shown = (records) => requestAnimationFrame(() => {  // the next frame: what was drawn is on screen
      rec.frames += 1;
      if (rec.t0 === null) return;
      rec.shown.push(performance.now());
      const canvas = records && records[0] && records[0].target;  // the page's own drawing time
      rec.drawMs.push(canvas && canvas.dataset ? Number(canvas.dataset.drawMs) : NaN);
    });
    // the apps: the front end draws on a canvas and then counts its drawings in data-drawn
    for (const canvas of app.querySelectorAll('canvas.dlmath-picture')) {
      new MutationObserver(shown).observe(canvas, {attributes: true, attributeFilter: ['data-drawn']});
    }
    // the floor row: a PNG in an <img>, shown once decoded
    for (const img of app.querySelectorAll('img.dlmath-picture')) {
      new MutationObserver(() => { img.decode().catch(() => null).then(() => shown(null)); })
        .observe(img, {attributes: true, attributeFilter: ['src']});
    }
  }
  return Object.keys(window.__bench);
}"""

ARM = "name => { const r = window.__bench[name]; r.t0 = null; r.shown = []; r.drawMs = []; }"
READ = """name => { const r = window.__bench[name];
  return {t0: r.t0, shown: r.shown, frames: r.frames, drawMs: r.drawMs, origin: performance.timeOrigin}; }"""

# the first cell of the benchmark's notebook: log the wall-clock start and end of every picture
KERNEL_LOG = """import time
from dlmath.widgets import _app

_bench_log = []
_bench_redraw, _bench_frame, _bench_forget = _app.Canvas.redraw, _app.Canvas.frame, _app.Canvas.forget


def _logged(method):
    def run(self, *args, **kwargs):
        start = time.time()
        method(self, *args, **kwargs)
        _bench_log.append((1e3 * start, 1e3 * time.time()))

    return run


# forget() opens a settings change (before its computing), redraw() and frame() make the picture
_app.Canvas.redraw, _app.Canvas.frame = _logged(_bench_redraw), _logged(_bench_frame)
_app.Canvas.forget = _logged(_bench_forget)"""

FETCH_LOG = """async () => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  let out = '';
  const future = kernel.requestExecute({code: 'import json; print(json.dumps(_bench_log))', store_history: false});
  future.onIOPub = msg => { if (msg.header.msg_type === 'stream') out += msg.content.text; };
  await future.done;
  return JSON.parse(out);
}"""


# a calibration row: a precomputed picture (two overlay PNGs of the race, as the apps sent them
# before they drew in the browser) swapped by a button through the kernel, with no drawing at
# all: the floor of any interaction the kernel answers with a picture
FLOOR = """import ipywidgets as widgets
from dlmath.widgets._png import encode_png
from dlmath.widgets.race import OptimizerRace


def _overlay(race):  # the race's moving part as a transparent PNG, as the apps sent it before
    race.canvas.pixels()
    return encode_png(race.canvas._overlay)


_race = OptimizerRace("rosenbrock")
_frames = [_overlay(_race)]
_race.player.slider.value = 150
_frames.append(_overlay(_race))
_race._discard()
_img = widgets.Image(value=_frames[0], layout=widgets.Layout(width="720px", height="288px"))
_img.add_class("dlmath-picture")
_swap = widgets.Button(description="swap")
_swap.on_click(lambda _: setattr(_img, "value", _frames[bytes(_img.value) == _frames[0]]))
_floor = widgets.VBox([_swap, _img])
_floor.add_class("dlmath-app")
_floor.add_class("dlmath-floor")
_floor"""


def make_notebook(folder: Path) -> str:
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}
    )
    nb.cells = [nbformat.v4.new_code_cell(KERNEL_LOG), nbformat.v4.new_code_cell("import dlmath.widgets as W")]
    nb.cells += [nbformat.v4.new_code_cell(f"W.{name}()") for name in APPS]
    nb.cells.append(nbformat.v4.new_code_cell(FLOOR))
    nbformat.write(nb, folder / "bench.ipynb")
    return "bench.ipynb"


def measure(page, name, action, quiet_ms=250, timeout_s=10.0):
    """Run ``action()``; return the ms from its input event to the last picture it caused, the
    wall-clock times (ms) of both, the number of pictures drawn and the page's drawing time (ms)
    of the last."""
    page.evaluate(ARM, name)
    action()
    deadline = time.monotonic() + timeout_s
    last_count, last_change = 0, time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(20)
        rec = page.evaluate(READ, name)
        if len(rec["shown"]) != last_count:
            last_count, last_change = len(rec["shown"]), time.monotonic()
        elif last_count and time.monotonic() - last_change > quiet_ms / 1000:
            end = max(rec["shown"])
            return end - rec["t0"], rec["origin"] + rec["t0"], rec["origin"] + end, len(rec["shown"]), rec["drawMs"][-1]
    raise TimeoutError(f"{name}: no new picture within {timeout_s} s")


def key(page, app, selector, keyname, nth=0):
    def act():
        app.locator(selector).nth(nth).locator(".noUi-handle").first.focus()
        page.keyboard.press(keyname)

    return act


def click(app, selector, nth=0, has_text=None):
    loc = app.locator(selector, has_text=has_text) if has_text else app.locator(selector)
    return lambda: loc.nth(nth).click()


def cycle_select(app, values, state={}):  # noqa: B006 - the cycle position lives with the function
    select = app.locator("select").first
    key_ = id(app)

    def act():
        i = state.get(key_, 0) + 1
        state[key_] = i
        select.select_option(values[i % len(values)])

    return act


def breakdown(runs, log):
    """Median ms of (to the kernel, in the kernel, back) over ``runs`` of (latency, t0, shown)."""
    parts = []
    for _, t0, shown, *_ in runs:
        inside = [(a, b) for a, b in log if t0 <= a <= shown]
        if inside:
            start, end = min(a for a, _ in inside), max(b for _, b in inside)
            parts.append((start - t0, end - start, shown - end))
    if not parts:
        return (float("nan"),) * 3
    return tuple(statistics.median(p[i] for p in parts) for i in range(3))


def percentile(values, q):
    values = sorted(values)
    k = (len(values) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def interactions(page, apps):
    """``[(app, interaction, action)]``; each action is repeatable (cycles or goes back and forth)."""
    m, a, lr, race, pg = (apps[n] for n in APPS)

    def alternate(first, second):
        toggle = {"i": 0}

        def act():
            toggle["i"] += 1
            (first if toggle["i"] % 2 else second)()

        return act

    floor = page.locator(".dlmath-floor")

    def arrows(app, selector, forth="ArrowRight", back="ArrowLeft"):
        return alternate(key(page, app, selector, forth), key(page, app, selector, back))

    def buttons(app, first, second):
        return alternate(click(app, ".widget-toggle-button", first), click(app, ".widget-toggle-button", second))

    surfaces = ["Rosenbrock", "Beale's function", "saddle", "ill-conditioned bowl"]  # the labels, in order
    step_reset = alternate(click(m, "button", has_text="step"), click(m, "button", has_text="reset"))
    return [
        ("floor", "picture swap, no drawing", click(floor, "button", has_text="swap")),
        ("matmul_stepper", "step button", step_reset),
        ("matmul_stepper", "operation switch", buttons(m, 1, 0)),
        ("activation_explorer", "bias slider", arrows(a, ".dlmath-test-slider")),
        ("activation_explorer", "activation switch", cycle_select(a, ["sigmoid", "relu", "tanh"])),
        ("learning_rate_explorer", "lr slider", arrows(lr, ".dlmath-test-slider")),
        ("learning_rate_explorer", "preset", buttons(lr, 2, 4)),
        ("learning_rate_explorer", "problem switch", buttons(lr, 1, 0)),
        ("learning_rate_explorer", "frame slider", arrows(lr, ".dlmath-frame-slider", "ArrowLeft", "ArrowRight")),
        ("optimizer_race", "surface switch", cycle_select(race, surfaces)),
        ("optimizer_race", "racer toggle", click(race, ".widget-checkbox input", 2)),
        ("optimizer_race", "steps to 500 and back", arrows(race, ".dlmath-steps-slider", "End", "Home")),
        ("optimizer_race", "lr slider", arrows(race, ".dlmath-test-slider")),
        ("optimizer_race", "frame slider", arrows(race, ".dlmath-frame-slider", "ArrowLeft", "ArrowRight")),
        ("network_playground", "step button", click(pg, "button", has_text="step")),
        ("network_playground", "dataset switch", cycle_select(pg, ["spirals", "XOR", "blobs", "moons"])),
    ]  # fmt: skip


def play_rate(page, app, name, seconds):
    """New pictures per second while Play runs (started and stopped by clicking its button)."""
    button = app.locator(".widget-play button").first
    app.locator("button", has_text="reset").first.click()  # from the start
    page.wait_for_timeout(1000)
    before = page.evaluate(READ, name)["frames"]
    start = time.monotonic()
    button.click()
    page.wait_for_timeout(int(1000 * seconds))
    shown = page.evaluate(READ, name)["frames"] - before
    elapsed = time.monotonic() - start
    button.click()  # pause
    page.wait_for_timeout(500)
    return shown / elapsed


def main(repeats, scale, play_seconds, only=None, samples=False, course_server=True):
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        served = tmp / "notebooks"
        served.mkdir()
        notebook = make_notebook(served)
        lab = jupyter_lab(served, tmp / "server", course_server=course_server)
        with lab as (base, token), sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000}, device_scale_factor=scale)
                page.goto(f"{base}/lab?reset&token={token}")
                page.wait_for_function("window.jupyterapp !== undefined", timeout=30_000)
                page.evaluate("() => window.jupyterapp.restored.then(() => true)")
                (result,) = page.evaluate(OPEN_AND_RUN, [notebook])
                assert not result["problems"], result["problems"]
                panel = page.locator(f"#{result['id']}")
                apps = {n: panel.locator(f".dlmath-{n}") for n in [*APPS, "floor"]}
                for app in apps.values():
                    app.wait_for(state="visible", timeout=30_000)
                page.wait_for_timeout(1000)
                page.evaluate(INSTRUMENT)
                rows = []
                for name, what, action in interactions(page, apps):
                    if only and only not in f"{name} {what}":
                        continue
                    apps[name].scroll_into_view_if_needed()
                    try:
                        first = measure(page, name, action)[0]  # the first use of a code path, and of a view
                        runs = [measure(page, name, action) for _ in range(repeats)]
                    except TimeoutError as err:
                        print(f"  {name:24s} {what:26s} FAILED: {err}", flush=True)
                        continue
                    times = [r[0] for r in runs]
                    rows.append((name, what, statistics.median(times), percentile(times, 95), first, runs))
                    print(
                        f"  {name:24s} {what:26s} median {rows[-1][2]:6.0f} ms  p95 {rows[-1][3]:6.0f} ms", flush=True
                    )
                    if samples:
                        print("    in order:", " ".join(f"{t:.0f}" for t in times), flush=True)
                log = page.evaluate(FETCH_LOG)
                rates = {}
                for name in ("learning_rate_explorer", "optimizer_race", "network_playground", "matmul_stepper"):
                    if only and only not in name:
                        continue
                    apps[name].scroll_into_view_if_needed()
                    if name in ("optimizer_race", "learning_rate_explorer"):  # a long run: Play does not reach the end
                        apps[name].locator(".dlmath-steps-slider .noUi-handle").first.focus()
                        page.keyboard.press("End")
                        page.wait_for_timeout(1500)
                    rates[name] = play_rate(page, apps[name], name, play_seconds)
            finally:
                browser.close()
    load = os.getloadavg()
    server = "the course's JupyterLab server (dev.py lab)" if course_server else "a stock JupyterLab server"
    print(f"\n{repeats} repeats per interaction, device scale factor {scale}, Chromium {CHROMIUM}, {server}")
    print(
        f"load average (1, 5, 15 min) at the end: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} on {os.cpu_count()} cores"
    )
    print(
        "| app | interaction | median ms | p95 ms | first time ms | to the kernel | in the kernel | back "
        "| of which drawing in the page | pictures |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, what, med, p95, first, runs in rows:
        split = breakdown(runs, log)
        page_ms = statistics.median(r[4] for r in runs)
        pictures = statistics.median(r[3] for r in runs)
        print(
            f"| {name} | {what} | {med:.0f} | {p95:.0f} | {first:.0f} | "
            + " | ".join(f"{v:.0f}" for v in split)
            + f" | {page_ms:.1f} | {pictures:g} |"
        )
    if samples:  # where the time of the slowest runs went
        for name, what, _, _, _, runs in rows:
            slowest = sorted(runs, key=lambda r: -r[0])[:3]
            parts = []
            for r in slowest:
                split = breakdown([r], log)
                parts.append(f"{r[0]:.0f} = " + " + ".join(f"{v:.0f}" for v in split))
            print(f"  slowest {name} {what}: {'; '.join(parts)} (to, in, back the kernel)")
    print("| app | Play: pictures per second |\n|---|---:|")
    for name, rate in rates.items():
        print(f"| {name} | {rate:.1f} |")
    print("(the matmul stepper plays one step per 0.7 s on purpose; floor: the same message and picture, no drawing)")
    slow = [f"{r[0]}: {r[1]}" for r in rows if r[3] > 100 and r[0] != "floor"]
    slow += [f"{n}: play" for n, r in rates.items() if r < 20 and n != "matmul_stepper"]
    print("all within target" if not slow else f"outside the target: {slow}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--scale", type=int, default=2, choices=[1, 2], help="the browser's device pixel ratio")
    parser.add_argument("--play-seconds", type=float, default=3.0)
    parser.add_argument("--only", help="measure only the interactions whose 'app interaction' contains this text")
    parser.add_argument("--samples", action="store_true", help="print every interaction's times, in order")
    parser.add_argument("--stock-server", action="store_true", help="a stock JupyterLab, not the course's server")
    args = parser.parse_args()
    main(args.repeats, args.scale, args.play_seconds, args.only, args.samples, not args.stock_server)
