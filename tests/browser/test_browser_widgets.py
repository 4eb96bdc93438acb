"""The widgets in a real JupyterLab, driven by Debian's Chromium through Playwright.

For each app this opens the course chapter that contains it (a copy, in a temporary folder),
runs all cells, and checks that the app renders (no "Error displaying widget"), that moving a
slider changes the picture, and that play advances. Screenshots go to the pytest tmp dir and,
when ``DLMATH_SCREENSHOTS=DIR`` is set, into DIR.

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


def _src(img):
    return img.get_attribute("src") or ""


def _wait_new_src(page, img, old, timeout=10_000):
    handle = img.element_handle()
    page.wait_for_function(
        "([el, old]) => el.src && el.src !== old && el.naturalWidth > 0", arg=[handle, old], timeout=timeout
    )
    return _src(img)


def _readout(locator):
    return locator.locator(".widget-readout").first.inner_text().strip()


def check_app(page, panel, name, shots):
    """Render, slider, play and screenshot checks for one app inside the notebook ``panel``."""
    app = page.locator(f"#{panel} .dlmath-{name}")
    app.wait_for(state="visible", timeout=20_000)
    app.scroll_into_view_if_needed()
    page.screenshot(path=str(shots[0] / f"page_{name}.png"))
    img = app.locator("img").first
    page.wait_for_function("el => el.naturalWidth > 0", arg=img.element_handle(), timeout=10_000)
    src = _src(img)
    assert src, f"{name}: the picture has no src"
    for folder in shots:  # as first shown: the path apps show their whole run
        app.screenshot(path=str(folder / f"{name}.png"))

    if name == "network_playground":  # no slider redraws it; its step button trains a few epochs
        app.locator("button", has_text="step").first.click()
        src = _wait_new_src(page, img, src)
        assert "epoch 5" in app.inner_text()
    else:
        slider = app.locator(".dlmath-test-slider")
        before = _readout(slider)
        slider.locator(".noUi-handle").first.focus()
        page.keyboard.press("ArrowRight")
        src = _wait_new_src(page, img, src)
        assert _readout(slider) != before, f"{name}: the slider's readout did not move"

    if name != "activation_explorer":  # every other app has a play button
        if name == "network_playground":

            def progress():
                return app.inner_text().split("epoch ", 1)[1].split(":", 1)[0]
        else:

            def progress():
                return _readout(app.locator(".dlmath-frame-slider"))

        start = progress()
        app.locator(".widget-play button").first.click()  # play
        seen, deadline = {start}, time.monotonic() + 8
        while len(seen) < 3 and time.monotonic() < deadline:
            page.wait_for_timeout(150)
            seen.add(progress())
        app.locator(".widget-play button").first.click()  # pause
        assert len(seen) >= 3, f"{name}: play did not advance (saw {sorted(seen)})"
        _wait_new_src(page, img, src)

    assert ERROR_TEXT not in app.inner_text()
    for folder in shots:
        app.screenshot(path=str(folder / f"{name}_after.png"))


def test_widgets_in_jupyterlab(tmp_path):
    _need_browser()
    from playwright.sync_api import sync_playwright

    t0 = time.monotonic()
    served = tmp_path / "notebooks"
    served.mkdir()
    plan = notebooks_for_apps(served)
    shots = [tmp_path / "screenshots"]
    if os.environ.get("DLMATH_SCREENSHOTS"):
        shots.append(Path(os.environ["DLMATH_SCREENSHOTS"]))
    for folder in shots:
        folder.mkdir(parents=True, exist_ok=True)

    with jupyter_lab(served, tmp_path / "server") as (base, token), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
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
                    check_app(page, result["id"], name, shots)
        finally:
            browser.close()
    elapsed = time.monotonic() - t0
    print(
        f"browser test: {elapsed:.1f} s (JupyterLab ready at {t_lab:.1f} s, notebooks run at {t_run:.1f} s); "
        f"seconds per notebook: {timings}"
    )
