"""The static course site in a real browser, with no network: build it, serve it on loopback,
open every page in Chromium with every request outside 127.0.0.1 blocked, and check what a
reader sees.

Checks per page: no failed or blocked request and no script error; the math rendered by the
local MathJax (no raw TeX left); each app's static view present, and advancing when played; no
image without alt text (and none whose alt text is a file name); every internal link resolves.
Across the site: chapters in order with the exercises beside their chapter (previous / next),
and the search box finds a word offline.

The site is built by ``site/build.py`` into the test's temporary folder (about 1.5 minutes on
two cores); ``DLMATH_SITE_DIR=build/site`` reuses a site built before (for trying the test).
Without Chromium or Playwright the test is skipped, unless ``DLMATH_REQUIRE_BROWSER=1`` (set
by ``dev.py test`` under CI): then it fails.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from jlab_harness import CHROMIUM, CHROMIUM_ARGS
from test_browser_widgets import _need_browser

ROOT = Path(__file__).resolve().parents[2]
APPS = {  # page -> the app whose static view it shows
    "course/03_matrix_operations.html": "Matrix-multiplication stepper",
    "course/05_activations.html": "Activation and bias explorer",
    "course/07_gradient_descent.html": "Learning-rate explorer",
    "course/09_optimizers.html": "Optimizer race",
    "course/10_training.html": "Network playground",
}
MATH_PAGES = [
    "course/06_losses.html",
    "course/08_backpropagation.html",
    "course/11_cheatsheet.html",
    "exercises/06_losses.html",
]

WAIT_FOR_MATH = """async () => {
  const deadline = Date.now() + 20000;
  while (!(window.MathJax && MathJax.isReady)) {
    if (Date.now() > deadline) return 'MathJax did not start';
    await new Promise(r => setTimeout(r, 50));
  }
  await new Promise(r => MathJax.Hub.Queue(r));
  return 'ok';
}"""

PAGE_FACTS = """() => {
  const maths = [...document.querySelectorAll('span.math.notranslate, div.math.notranslate')];  // Sphinx's, not MathJax's own
  const raw = maths.filter(m => !m.querySelector('.MathJax, .MathJax_Display'));  // HTML-CSS output
  return {
    math: maths.length,
    typeset: document.querySelectorAll('script[type^="math/tex"]').length,
    raw: raw.slice(0, 3).map(m => m.textContent.slice(0, 60)),
    errors: document.querySelectorAll('.MathJax_Error, .merror').length + (document.body.innerText.match(/Math Processing Error/g) || []).length,
    imgs: [...document.images].map(i => ({alt: i.getAttribute('alt'), src: (i.getAttribute('src') || '').slice(0, 60),
                                        ok: i.complete && i.naturalWidth > 0})),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    statics: [...document.querySelectorAll('figure.dlmath-static')].map(f => f.querySelector('.dlmath-static-title b').textContent),
    prev: (document.querySelector('a.prev-page') || {}).href || null,
    next: (document.querySelector('a.next-page') || {}).href || null,
  };
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    reuse = os.environ.get("DLMATH_SITE_DIR")
    if reuse:
        path = Path(reuse).resolve()
        assert (path / "index.html").exists(), f"DLMATH_SITE_DIR={reuse} has no index.html"
        return path, None
    out = tmp_path_factory.mktemp("site") / "html"
    t0 = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(ROOT / "site" / "build.py"), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, f"the site build failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    return out, time.monotonic() - t0


@pytest.fixture(scope="module")
def server(site):
    root, _ = site
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _pages(root: Path):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.html"))


def test_site_offline_in_chromium(site, server):
    _need_browser()
    from playwright.sync_api import sync_playwright

    root, build_seconds = site
    pages = _pages(root)
    assert {"index.html", "search.html"} <= set(pages)
    chapters = sorted(p.name for p in (ROOT / "course").glob("*.ipynb"))
    exercises = sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
    for nb in chapters:
        assert f"course/{nb[:-6]}.html" in pages, f"no page for course/{nb}"
    for nb in exercises:
        assert f"exercises/{nb[:-6]}.html" in pages, f"no page for exercises/{nb}"
    size_mb = sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) / 1e6
    assert size_mb <= 50, f"the site is {size_mb:.1f} MB (budget 50 MB)"

    t0 = time.monotonic()
    problems, blocked, failed, script_errors = [], [], [], []
    links, facts = set(), {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})

            def route(r):
                host = urlparse(r.request.url).hostname
                if r.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.on(
                "requestfailed",
                lambda req: (
                    None
                    if req.url == "about:blank"  # a blank frame, no resource
                    else failed.append(f"{req.url} ({req.failure})")
                ),
            )
            page.on(
                "response",
                lambda resp: (
                    failed.append(f"{resp.url} (HTTP {resp.status})")
                    if resp.status >= 400 and not resp.url.endswith("/favicon.ico")
                    else None
                ),
            )  # the browser's guess
            page.on("pageerror", lambda err: script_errors.append(str(err)))
            for rel in pages:
                page.goto(server + rel, wait_until="load")
                if page.evaluate("() => !!document.querySelector('script[src*=\"mathjax/MathJax.js\"]')"):
                    state = page.evaluate(WAIT_FOR_MATH)
                    assert state == "ok", f"{rel}: {state}"
                f = page.evaluate(PAGE_FACTS)
                facts[rel] = f
                if f["raw"] or f["errors"]:
                    problems.append(f"{rel}: math not rendered: {f['raw']} ({f['errors']} MathJax errors)")
                if f["math"] and not f["typeset"]:
                    problems.append(f"{rel}: {f['math']} formulas but nothing typeset")
                for img in f["imgs"]:
                    alt = (img["alt"] or "").strip()
                    if not alt or "_images/" in alt or alt.endswith(".png"):
                        problems.append(f"{rel}: image {img['src']} has no alt text saying what it shows ({alt!r})")
                    if not img["ok"]:
                        problems.append(f"{rel}: image {img['src']} did not load")
                expected = [APPS[rel]] if rel in APPS else []
                if f["statics"] != expected:
                    problems.append(f"{rel}: static views {f['statics']}, expected {expected}")
                for figure in page.locator("figure.dlmath-static").all():
                    problems += _play(page, figure, rel)
                links.update(urldefrag(h)[0] for h in f["links"] if h.startswith(server))

            # the search box, offline
            page.goto(server + "search.html?q=gradient", wait_until="load")
            page.wait_for_function(
                "() => document.querySelectorAll('#search-results li, ul.search li').length > 0", timeout=20_000
            )
            hits = page.locator("#search-results li, ul.search li").count()
        finally:
            browser.close()

    for url in sorted(links):  # every internal link resolves (in the browser's requests above or here)
        rel = url[len(server) :].split("?")[0] or "index.html"
        target = root / rel
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            problems.append(f"broken link: {url}")
    problems += [f"blocked request to the network: {u}" for u in sorted(set(blocked))]
    problems += [f"failed request: {u}" for u in sorted(set(failed))]
    problems += [f"script error: {e}" for e in script_errors]
    for rel in MATH_PAGES:
        if facts[rel]["typeset"] < 5:
            problems.append(f"{rel}: only {facts[rel]['typeset']} formulas typeset")

    # chapters in order, each chapter's exercises right after it (previous / next)
    order = []
    for nb in chapters:
        order.append(f"course/{nb[:-6]}.html")
        if nb in exercises:
            order.append(f"exercises/{nb[:-6]}.html")
    for before, after in zip(order, order[1:]):
        if facts[before]["next"] != server + after:
            problems.append(f"{before}: next goes to {facts[before]['next']}, expected {after}")
        if facts[after]["prev"] != server + before:
            problems.append(f"{after}: previous goes to {facts[after]['prev']}, expected {before}")
    index_links = [h[len(server) :] for h in facts["index.html"]["links"] if h.startswith(server + "course/")]
    firsts = list(dict.fromkeys(index_links))
    assert [p for p in firsts if p in order] == [p for p in order if p.startswith("course/") and p in firsts]

    assert not problems, "\n".join(problems[:40])
    assert hits > 0
    build = f"built in {build_seconds:.0f} s, " if build_seconds else ""
    print(f"site test: {build}{size_mb:.1f} MB, {len(pages)} pages checked in {time.monotonic() - t0:.0f} s")


def _play(page, figure, rel):
    """Press play on a static view and see it advance; switch scenario and see the picture change."""
    problems = []
    figure.scroll_into_view_if_needed()
    img = figure.locator("img")
    last_src = img.get_attribute("src")
    figure.locator(".dlmath-static-play").click()
    try:
        page.wait_for_function("f => +f.dataset.frame >= 2", arg=figure.element_handle(), timeout=10_000)
    except Exception:  # noqa: BLE001 - reported below with the page name
        return [f"{rel}: the static view did not advance when played (frame {figure.get_attribute('data-frame')})"]
    figure.locator(".dlmath-static-play").click()  # pause
    playing_src = img.get_attribute("src")
    if playing_src == last_src:
        problems.append(f"{rel}: playing did not change the picture")
    buttons = figure.locator(".dlmath-static-scenario")
    if buttons.count() > 1:
        alt = img.get_attribute("alt")
        buttons.nth(buttons.count() - 1).click()
        if img.get_attribute("alt") == alt or img.get_attribute("src") == playing_src:
            problems.append(f"{rel}: choosing another preset did not change the picture and its alt text")
    if page.evaluate("el => !el.complete || el.naturalWidth === 0", img.element_handle()):
        problems.append(f"{rel}: a frame of the static view did not decode")
    return problems
