"""``python3 dev.py lab`` the way a newcomer meets it, in Chromium.

Start ``dev.py lab --no-browser`` with an empty HOME (no Jupyter settings of their own), read
the address it prints, open it: chapter 01 must open, unmodified (no "unsaved changes" dot on
its tab) and with no news or update pop-up; click the link to the first exercise notebook and
see it open in its own tab, unmodified too. Nothing is written into the learner's home
settings, and the repository's notebooks are left as they were.

Without Chromium or Playwright the test is skipped, unless ``DLMATH_REQUIRE_BROWSER=1`` (set
by ``dev.py test`` under CI): then it fails.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from jlab_harness import CHROMIUM, CHROMIUM_ARGS
from test_browser_widgets import _need_browser

ROOT = Path(__file__).resolve().parents[2]
FIRST = ROOT / "course" / "01_welcome.ipynb"
EXERCISE = ROOT / "exercises" / "02_tensors.ipynb"
URL = re.compile(r"^\s+(http://127\.0\.0\.1:\d+/lab/tree/course/01_welcome\.ipynb\?token=[0-9a-f]+)\s*$")


def _start_lab(home: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON")) and k not in {"MPLBACKEND"}}
    env.update(HOME=str(home), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "dev.py"), "lab", "--no-browser"],
        cwd=home,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines, deadline = [], time.monotonic() + 60
    url = None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        lines.append(line)
        found = URL.match(line)
        if found:
            url = found.group(1)
        if url and ("is running at" in line or "Use Control-C" in line):
            return proc, url, lines
    _stop(proc)
    raise AssertionError("dev.py lab printed no address, or the server did not start:\n" + "".join(lines[-40:]))


def _stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # the server's own session: it and its kernels
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _tab(page, name):
    return page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=name)


def test_newcomer_opens_chapter_01_then_an_exercise(tmp_path):
    _need_browser()
    from playwright.sync_api import sync_playwright

    home = tmp_path / "home"
    home.mkdir()
    before = {p: p.read_bytes() for p in (FIRST, EXERCISE)}
    t0 = time.monotonic()
    proc, url, lines = _start_lab(home)
    printed = "".join(lines)
    assert "Ctrl+C" in printed, "dev.py lab does not say how to stop it"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url)
                welcome = _tab(page, "01_welcome.ipynb")
                welcome.wait_for(timeout=60_000)
                _wait_for_notebook_text(page, "1. Welcome")
                # the kernel starts and announces itself; then the notebook must still be unmodified
                page.wait_for_function(
                    "() => /ipykernel\\)? \\| Idle/.test((document.querySelector('#jp-main-statusbar') || {}).innerText || '')",  # noqa: E501
                    timeout=60_000,
                )
                page.wait_for_timeout(1500)
                assert "jp-mod-dirty" not in (welcome.get_attribute("class") or ""), "chapter 01 opened as modified"
                text = page.locator("body").inner_text()
                assert "official Jupyter news" not in text and "update" not in _toasts(page).lower(), (
                    f"a news or update pop-up: {_toasts(page)!r}"
                )

                link = page.locator(".jp-NotebookPanel:visible a[href*='exercises/02_tensors.ipynb']").first
                link.scroll_into_view_if_needed(timeout=20_000)
                link.click()
                exercise = _tab(page, "02_tensors.ipynb")
                exercise.wait_for(timeout=30_000)
                _wait_for_notebook_text(page, "Exercises 02")
                assert "lm-mod-current" in (exercise.get_attribute("class") or ""), "the exercise is not the tab shown"
                page.wait_for_timeout(1500)
                assert "jp-mod-dirty" not in (exercise.get_attribute("class") or ""), "the exercise opened as modified"
                page.screenshot(path=str(tmp_path / "exercise.png"))
            finally:
                browser.close()
    finally:
        _stop(proc)
    assert {p: p.read_bytes() for p in before} == before, "opening the notebooks changed them"
    written = [str(p.relative_to(home)) for p in home.rglob("*.jupyterlab-settings")]
    assert not written, f"settings were written into the learner's home: {written}"
    print(f"lab test: {time.monotonic() - t0:.1f} s")


def _wait_for_notebook_text(page, text):
    """Wait until the notebook shown (not a hidden tab) contains ``text``."""
    page.wait_for_function(
        "text => [...document.querySelectorAll('.jp-NotebookPanel')].some("
        "p => !p.classList.contains('lm-mod-hidden') && p.innerText.includes(text))",
        arg=text,
        timeout=30_000,
    )


def _toasts(page):
    toasts = page.locator(".Toastify__toast, .jp-toast-container, .jp-Notification-Toast")
    return " ".join(toasts.all_inner_texts())
