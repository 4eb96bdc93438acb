"""The widgets in a real JupyterLab, driven by Debian's Chromium through Playwright.

For each app this opens the course chapter that contains it (a copy, in a temporary folder),
runs all cells, and checks that the app renders (no "Error displaying widget"), that moving a
slider changes the picture (its pixels), that play advances and the picture and its text
alternative follow it (an ARIA image with a label, found by its accessible name). It runs twice:
in a page with device pixel ratio 1 and with 2; the picture is drawn in the browser on a canvas
(``dlmath/widgets/frontend.js``) whose pixels must be its CSS size times the pixel ratio (sharp).
Screenshots go to ``screenshots/1x`` and ``screenshots/2x`` in the pytest tmp dir (the path is
printed) and, when ``DLMATH_SCREENSHOTS=DIR`` is set, into DIR too.

Without Chromium or Playwright the test is skipped with the reason, unless
``DLMATH_REQUIRE_BROWSER=1`` (set by ``dev.py test`` under CI): then it fails.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from jlab_harness import CHROMIUM, CHROMIUM_ARGS, OPEN_AND_RUN, jupyter_lab

ROOT = Path(__file__).resolve().parents[2]
COURSE = Path(os.environ.get("DLMATH_COURSE_DIR", ROOT / "course"))  # another folder of chapters, for trying
APPS = ["matmul_stepper", "activation_explorer", "learning_rate_explorer", "optimizer_race", "network_playground"]
ERROR_TEXT = "Error displaying widget"


def _need_browser():
    problems = []
    if not Path(CHROMIUM).exists():
        problems.append(f"Chromium not found at {CHROMIUM} (install Debian's 'chromium' package)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("playwright is not installed")
    if problems:
        message = "; ".join(problems)
        if os.environ.get("DLMATH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"the browser test is required (DLMATH_REQUIRE_BROWSER=1) but {message}")
        pytest.skip(message)


def notebooks_for_apps(folder: Path) -> dict:
    """Copy the chapters that contain the apps into ``folder``; apps no chapter has yet go into a
    notebook made here. Returns ``{notebook file name: [app names]}``."""
    found = {}
    for path in sorted(COURSE.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        sources = [c.source for c in nb.cells if c.cell_type == "code"]
        for name in APPS:
            if name not in found and any(f"{name}()" in s for s in sources):
                found[name] = path
    plan = {}
    for name, path in found.items():
        shutil.copy(path, folder / path.name)
        plan.setdefault(path.name, []).append(name)
    missing = [name for name in APPS if name not in found]
    if missing:
        nb = nbformat.v4.new_notebook(
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
        )
        nb.cells = [nbformat.v4.new_code_cell(f"from dlmath.widgets import {name}\n\n{name}()") for name in missing]
        nbformat.write(nb, folder / "widgets_demo.ipynb")
        plan["widgets_demo.ipynb"] = missing
    return plan


PICTURE = "canvas.dlmath-picture"


def _picture(page, app):
    """The picture as the page shows it: the canvas's pixels (a data URL) and how often it was drawn."""
    return app.locator(PICTURE).first.evaluate("c => [c.toDataURL(), Number(c.dataset.drawn || 0)]")


def _wait_new_picture(page, app, old, timeout=10_000):
    """Wait until the canvas has been drawn again with different pixels; return the new picture."""
    try:
        page.wait_for_function(
            "([c, old]) => Number(c.dataset.drawn || 0) > old[1] && c.toDataURL() !== old[0]",
            arg=[app.locator(PICTURE).first.element_handle(), old],
            timeout=timeout,
        )
    except Exception as err:
        drawn = _picture(page, app)
        raise AssertionError(
            f"no new picture within {timeout} ms: drawn {old[1]} -> {drawn[1]} times, same pixels: {drawn[0] == old[0]}"
        ) from err
    return _picture(page, app)


def _readout(locator):
    return locator.locator(".widget-readout").first.inner_text().strip()


def _alt(app):
    return app.locator(".dlmath-alt [role=img]").first.get_attribute("aria-label") or ""


def check_picture(page, app, name, scale):
    """The picture: drawn in the browser at the page's pixel ratio (canvas pixels = CSS size x
    devicePixelRatio, so sharp), and with a text alternative that screen readers find by its
    accessible name."""
    width, height, css_w, css_h, dpr = app.locator(PICTURE).first.evaluate(
        """c => { const r = c.getBoundingClientRect();
                  return [c.width, c.height, r.width, r.height, window.devicePixelRatio]; }"""
    )
    assert dpr == scale, f"{name}: the page reports devicePixelRatio {dpr}, expected {scale}"
    assert css_w > 100 and css_h > 100, f"{name}: the picture is {css_w}x{css_h} CSS px"
    assert (width, height) == (round(css_w * dpr), round(css_h * dpr)), (
        f"{name}: a {width}x{height} canvas shown at {css_w}x{css_h} CSS px: not drawn at pixel ratio {scale}"
    )
    alt = _alt(app)
    assert len(alt) > 40, f"{name}: the picture has no useful text alternative: {alt!r}"
    assert page.get_by_role("img", name=alt).count() == 1, f"{name}: no image is named {alt!r}"
    return alt


def check_app(page, panel, name, shots, scale):
    """Render, slider, play, picture and screenshot checks for one app inside the notebook ``panel``."""
    app = page.locator(f"#{panel} .dlmath-{name}")
    app.wait_for(state="visible", timeout=20_000)
    app.scroll_into_view_if_needed()
    page.screenshot(path=str(shots[0] / f"page_{name}.png"))
    canvas = app.locator(PICTURE).first
    page.wait_for_function("c => Number(c.dataset.drawn || 0) > 0", arg=canvas.element_handle(), timeout=10_000)
    picture = _picture(page, app)
    alt = check_picture(page, app, name, scale)
    for folder in shots:  # as first shown: the path apps show their whole run
        app.screenshot(path=str(folder / f"{name}.png"))

    if name == "network_playground":  # no slider redraws it; its step button trains a few epochs
        app.locator("button", has_text="step").first.click()
        picture = _wait_new_picture(page, app, picture)
        app.locator(".dlmath-info", has_text="epoch 5:").first.wait_for(timeout=10_000)
    else:
        slider = app.locator(".dlmath-test-slider")
        before = _readout(slider)
        slider.locator(".noUi-handle").first.focus()
        page.keyboard.press("ArrowRight")
        picture = _wait_new_picture(page, app, picture)
        assert _readout(slider) != before, f"{name}: the slider's readout did not move"
    page.wait_for_function(
        "([el, old]) => el.getAttribute('aria-label') !== old",
        arg=[app.locator(".dlmath-alt [role=img]").first.element_handle(), alt],
        timeout=10_000,
    )  # the text alternative follows the picture
    alt = _alt(app)

    if name != "activation_explorer":  # every other app has a play button
        if name == "network_playground":

            def progress():
                return app.locator(".dlmath-info").first.inner_text().split("epoch ", 1)[1].split(":", 1)[0]
        else:

            def progress():
                return _readout(app.locator(".dlmath-frame-slider"))

        if name == "learning_rate_explorer":  # a run that crawls: every step looks different
            app.locator(".widget-toggle-button", has_text="too small").first.click()
            picture = _wait_new_picture(page, app, picture)
        if name != "network_playground":  # back to step 0
            app.locator("button", has_text="reset").first.click()
            picture = _wait_new_picture(page, app, picture)
        start = progress()
        buttons = app.locator(".widget-play button")
        buttons.nth(0).click()  # play
        seen, pictures, alts = {start}, {picture[0]}, {_alt(app)}
        deadline = time.monotonic() + 8
        while min(len(seen), len(pictures), len(alts)) < 3 and time.monotonic() < deadline:
            page.wait_for_timeout(100)
            seen.add(progress())
            pictures.add(_picture(page, app)[0])
            alts.add(_alt(app))
        buttons.nth(0).click()  # pause (the play button toggles)
        assert len(seen) >= 3, f"{name}: play did not advance (saw {sorted(seen)})"
        assert len(pictures) >= 3, f"{name}: play advanced but the picture did not follow ({len(pictures)} pictures)"
        assert len(alts) >= 3, f"{name}: the text alternative did not follow play ({sorted(alts)})"
        page.wait_for_timeout(500)  # the playground's last ticks, sent before the pause, arrive
        check_picture(page, app, name, scale)

    assert ERROR_TEXT not in app.inner_text()
    for folder in shots:
        app.screenshot(path=str(folder / f"{name}_after.png"))


@pytest.mark.parametrize("scale", [1, 2])
def test_widgets_in_jupyterlab(tmp_path, scale):
    _need_browser()
    from playwright.sync_api import sync_playwright

    t0 = time.monotonic()
    served = tmp_path / "notebooks"
    served.mkdir()
    plan = notebooks_for_apps(served)
    shots = [tmp_path / "screenshots" / f"{scale}x"]
    if os.environ.get("DLMATH_SCREENSHOTS"):
        shots.append(Path(os.environ["DLMATH_SCREENSHOTS"]) / f"{scale}x")
    for folder in shots:
        folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots at device pixel ratio {scale}: {', '.join(map(str, shots))}")

    with jupyter_lab(served, tmp_path / "server") as (base, token), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000}, device_scale_factor=scale)
            page.goto(f"{base}/lab?reset&token={token}")
            page.wait_for_function("window.jupyterapp !== undefined", timeout=30_000)
            page.evaluate("() => window.jupyterapp.restored.then(() => true)")
            t_lab = time.monotonic() - t0
            results = page.evaluate(OPEN_AND_RUN, list(plan))
            timings = {r["path"]: round(r["ms"] / 1000, 1) for r in results}
            t_run = time.monotonic() - t0
            for result in results:
                notebook = result["path"]
                assert not result["problems"], f"{notebook}: cells raised {result['problems']}"
                assert result["unexecuted"] == 0, f"{notebook}: {result['unexecuted']} code cells did not run"
            for result in results:
                page.evaluate("id => window.jupyterapp.shell.activateById(id)", result["id"])
                assert ERROR_TEXT not in page.locator(f"#{result['id']}").inner_text()
                for name in plan[result["path"]]:
                    check_app(page, result["id"], name, shots, scale)
        finally:
            browser.close()
    elapsed = time.monotonic() - t0
    print(
        f"browser test: {elapsed:.1f} s (JupyterLab ready at {t_lab:.1f} s, notebooks run at {t_run:.1f} s); "
        f"seconds per notebook: {timings}"
    )
