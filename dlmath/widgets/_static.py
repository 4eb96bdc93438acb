"""Static views: an app's precomputed frames as a self-contained HTML animation.

A page without a kernel (the course site, an HTML export, a notebook viewer) cannot run an
app, but every app already computes its frames up front. :func:`animation_html` turns a few
*scenarios* (each a list of PNG frames with a caption per frame and an alt text) into one
``<figure>``: the picture, a button per scenario, play / pause, step, a frame slider and the
caption. The frames are inline ``data:`` URIs and the player is a few lines of inline
JavaScript, so the figure works offline, from a file, with no widget manager and no CDN.
Without JavaScript the reader still sees the first scenario's last frame and its caption.

Everything here is pure: same scenarios in, same HTML out (the element id is a hash of the
content, so rebuilding a page gives the same bytes).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
from dataclasses import dataclass, field

from PIL import Image

__all__ = ["Scenario", "animation_html", "compact_png", "plain_text", "pick_frames"]

MAX_FRAMES = 60  # per scenario: beyond that a page gets heavy and the animation no clearer


@dataclass(frozen=True)
class Scenario:
    """One preset of an app, shown as an animation.

    Attributes
    ----------
    label : str
        Short name on the scenario's button, e.g. ``"lr too small"``.
    alt : str
        What the animation shows, for readers who cannot see it (the image's alt text).
    frames : list of bytes
        PNG images, in order.
    captions : list of str
        One line of text per frame (plain text).
    """

    label: str
    alt: str
    frames: list = field(default_factory=list)
    captions: list = field(default_factory=list)

    def __post_init__(self):
        if not isinstance(self.label, str) or not self.label.strip():
            raise ValueError("Scenario label must be a non-empty string")
        if not isinstance(self.alt, str) or not self.alt.strip():
            raise ValueError(f"Scenario {self.label!r}: alt text must be a non-empty string")
        if not self.frames:
            raise ValueError(f"Scenario {self.label!r} has no frames")
        if len(self.frames) > MAX_FRAMES:
            raise ValueError(f"Scenario {self.label!r} has {len(self.frames)} frames; at most {MAX_FRAMES}")
        if len(self.captions) != len(self.frames):
            raise ValueError(f"Scenario {self.label!r}: {len(self.frames)} frames but {len(self.captions)} captions")
        for k, frame in enumerate(self.frames):
            if not isinstance(frame, (bytes, bytearray)) or not bytes(frame[:8]) == b"\x89PNG\r\n\x1a\n":
                raise TypeError(f"Scenario {self.label!r}: frame {k} is not PNG bytes")


def pick_frames(last, n=30):
    """About ``n`` frame indices from 0 to ``last`` (both included), evenly spaced, no repeats."""
    last = int(last)
    if last < 0:
        raise ValueError(f"last must be >= 0, got {last}")
    if n < 2:
        raise ValueError(f"n must be >= 2, got {n}")
    if last + 1 <= n:
        return list(range(last + 1))
    return sorted({round(i * last / (n - 1)) for i in range(n)})


def compact_png(png: bytes, colors=128, size=None) -> bytes:
    """Re-encode a frame with a small palette (the apps' pictures use a few flat colours): a few
    times smaller than the live app's fast PNG, which matters when a page holds a hundred frames.
    ``size`` (width, height) resamples it first (the live apps render at 2x; a static page
    holds many frames, so they are kept at 1x)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    resized = size is not None and tuple(size) != image.size
    if resized:
        image = image.resize(tuple(size), Image.Resampling.LANCZOS)
    small = image.quantize(colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    small.save(buf, format="PNG", compress_level=6)  # ~12 ms a frame here, ~1/4 of the size
    return buf.getvalue() if resized or buf.tell() < len(png) else png


_TAG = re.compile(r"<[^>]+>")


def plain_text(markup: str) -> str:
    """An HTML snippet (an app's info line) as plain text."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def _json_for_script(data) -> str:
    # inside <script>, "</" would end the element early
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


_PLAYER_JS = """(function () {
  var fig = (document.currentScript && document.currentScript.closest('figure.dlmath-static'))
            || document.getElementById('%(id)s');
  if (!fig || fig.dataset.ready) return;
  fig.dataset.ready = '1';
  var data = JSON.parse(fig.querySelector('script.dlmath-static-data').textContent);
  var img = fig.querySelector('img'), cap = fig.querySelector('.dlmath-static-caption');
  var range = fig.querySelector('input[type=range]'), count = fig.querySelector('.dlmath-static-count');
  var play = fig.querySelector('.dlmath-static-play'), step = fig.querySelector('.dlmath-static-step');
  var buttons = fig.querySelectorAll('.dlmath-static-scenario');
  var s = 0, k = 0, timer = null;
  function show() {
    var sc = data.scenarios[s];
    img.src = 'data:image/png;base64,' + sc.frames[k];
    img.alt = sc.alt;
    cap.textContent = sc.label + ': ' + sc.captions[k];
    range.max = sc.frames.length - 1; range.value = k;
    count.textContent = 'frame ' + (k + 1) + ' / ' + sc.frames.length;
    fig.dataset.scenario = s; fig.dataset.frame = k;
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute('aria-pressed', i === s ? 'true' : 'false');
  }
  function stop() { if (timer) { clearInterval(timer); timer = null; } play.textContent = '\\u25B6 play'; }
  function tick() {
    var n = data.scenarios[s].frames.length;
    if (k >= n - 1) { stop(); return; }
    k += 1; show();
  }
  play.addEventListener('click', function () {
    if (timer) { stop(); return; }
    if (k >= data.scenarios[s].frames.length - 1) k = 0;
    show(); play.textContent = '\\u25A0 pause'; timer = setInterval(tick, data.interval);
  });
  step.addEventListener('click', function () { stop(); tick(); });
  range.addEventListener('input', function () { stop(); k = +range.value; show(); });
  for (var i = 0; i < buttons.length; i++) (function (i) {
    buttons[i].addEventListener('click', function () { stop(); s = i; k = 0; show(); });
  })(i);
  k = data.scenarios[0].frames.length - 1; show();
})();"""

_STYLE = (
    ".dlmath-static{margin:0.5em 0;max-width:100%%}"
    ".dlmath-static img{max-width:100%%;height:auto;display:block;border:1px solid #ddd}"
    ".dlmath-static button{margin:0.15em 0.3em 0.15em 0;padding:0.15em 0.6em;font:inherit;cursor:pointer}"
    ".dlmath-static button[aria-pressed=true]{background:#0072B2;color:#fff;border-color:#0072B2}"
    ".dlmath-static-controls{display:flex;align-items:center;gap:0.4em;flex-wrap:wrap}"
    ".dlmath-static-caption{font-family:monospace;font-size:0.85em;min-height:1.5em}"
)


def animation_html(scenarios, title, interval=250) -> str:
    """The static view: ``scenarios`` (a list of :class:`Scenario`) as one self-contained ``<figure>``.

    Parameters
    ----------
    scenarios : list of Scenario
    title : str
        What the app is, shown above the picture (e.g. "Learning-rate explorer").
    interval : int
        Milliseconds per frame when playing (50 .. 5000).

    Returns
    -------
    str
        HTML with inline frames and an inline player script; no external resources.
    """
    scenarios = list(scenarios)
    if not scenarios or not all(isinstance(s, Scenario) for s in scenarios):
        raise TypeError("scenarios must be a non-empty list of Scenario")
    if not isinstance(title, str) or not title.strip():
        raise ValueError("title must be a non-empty string")
    if not 50 <= int(interval) <= 5000:
        raise ValueError(f"interval must be between 50 and 5000 ms, got {interval}")
    data = {
        "interval": int(interval),
        "scenarios": [
            {
                "label": s.label,
                "alt": s.alt,
                "captions": list(s.captions),
                "frames": [base64.b64encode(bytes(f)).decode("ascii") for f in s.frames],
            }
            for s in scenarios
        ],
    }
    payload = _json_for_script(data)
    uid = "dlmath-static-" + hashlib.sha1((title + payload).encode()).hexdigest()[:12]
    first = data["scenarios"][0]
    last = len(first["frames"]) - 1
    e = html.escape
    buttons = "".join(
        f'<button type="button" class="dlmath-static-scenario" aria-pressed="{"true" if i == 0 else "false"}">'
        f"{e(s.label)}</button>"
        for i, s in enumerate(scenarios)
    )
    return (
        f'<figure class="dlmath-static" id="{uid}" data-frames="{sum(len(s.frames) for s in scenarios)}">'
        f"<style>{_STYLE % ()}</style>"
        f'<div class="dlmath-static-title"><b>{e(title)}</b> (an animation of the app\'s presets; '
        f"run the notebook for the live app)</div>"
        f'<div class="dlmath-static-scenarios" role="group" aria-label="presets">{buttons}</div>'
        f'<img src="data:image/png;base64,{first["frames"][last]}" alt="{e(first["alt"])}">'
        f'<div class="dlmath-static-controls">'
        f'<button type="button" class="dlmath-static-play">\u25b6 play</button>'
        f'<button type="button" class="dlmath-static-step">step</button>'
        f'<input type="range" min="0" max="{last}" value="{last}" aria-label="frame">'
        f'<span class="dlmath-static-count">frame {last + 1} / {last + 1}</span></div>'
        f'<figcaption class="dlmath-static-caption">{e(first["label"])}: {e(first["captions"][last])}</figcaption>'
        f'<script type="application/json" class="dlmath-static-data">{payload}</script>'
        f"<script>{_PLAYER_JS % {'id': uid}}</script>"
        f"</figure>"
    )
