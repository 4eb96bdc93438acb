"""The static views: each app's presets as a self-contained HTML animation (no kernel, no CDN).

The player itself is checked in a real browser by tests/browser/test_browser_site.py; here:
the pure builder rejects bad input and gives the same bytes for the same frames, and each app
makes its scenarios from fresh copies (the live app is left as it was, no widget stays open),
with frames that change from one to the next and alt text that says what they show.
"""

import base64
import io
import json
import re

import numpy as np
import pytest
from ipywidgets.widgets.widget import _instances
from PIL import Image

import dlmath.widgets as W
from dlmath.widgets._static import Scenario, animation_html, compact_png, pick_frames, plain_text


def png(color, size=(8, 6)):
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="PNG")
    return buf.getvalue()


FRAMES = [png((255, 0, 0)), png((0, 255, 0)), png((0, 0, 255))]


def payload(markup):
    """The JSON data of a static view (the frames, captions and alt texts the player shows)."""
    found = re.search(r'<script type="application/json" class="dlmath-static-data">(.*?)</script>', markup, re.S)
    assert found, "no data block"
    return json.loads(found.group(1))


def test_animation_html_is_self_contained_and_deterministic():
    scenarios = [
        Scenario("red to blue", "Three squares: red, green, then blue.", FRAMES, ["r", "g", "b"]),
        Scenario("one frame", "A single green square.", FRAMES[1:2], ["</script> is escaped"]),
    ]
    markup = animation_html(scenarios, "Colours")
    assert markup == animation_html(scenarios, "Colours")
    assert markup.startswith('<figure class="dlmath-static"') and markup.endswith("</figure>")
    assert not re.search(r"(src|href)=\"(https?:)?//", markup), "an external resource"
    assert "http" not in markup
    # the picture shown before any script runs: the first scenario's last frame, with its alt text
    img = re.search(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)">', markup)
    assert base64.b64decode(img.group(1)) == FRAMES[-1]
    assert img.group(2) == "Three squares: red, green, then blue."
    data = payload(markup)
    assert [len(s["frames"]) for s in data["scenarios"]] == [3, 1]
    assert data["scenarios"][1]["captions"] == ["</script> is escaped"]
    assert markup.count("</script>") == 2  # the caption's "</script>" did not end the data block
    assert "red to blue</button>" in markup and "one frame</button>" in markup


@pytest.mark.parametrize(
    "bad, error",
    [
        (dict(label=""), ValueError),
        (dict(alt=" "), ValueError),
        (dict(frames=[], captions=[]), ValueError),
        (dict(captions=["only one"]), ValueError),
        (dict(frames=[b"GIF89a", FRAMES[0], FRAMES[1]]), TypeError),
        (dict(frames=FRAMES * 21, captions=["x"] * 63), ValueError),
    ],
)
def test_scenario_rejects_bad_input(bad, error):
    args = dict(label="s", alt="what it shows", frames=FRAMES, captions=["a", "b", "c"])
    with pytest.raises(error):
        Scenario(**{**args, **bad})


def test_animation_html_rejects_bad_input():
    good = Scenario("s", "what it shows", FRAMES, ["a", "b", "c"])
    with pytest.raises(TypeError):
        animation_html([], "t")
    with pytest.raises(TypeError):
        animation_html([FRAMES], "t")
    with pytest.raises(ValueError):
        animation_html([good], "")
    with pytest.raises(ValueError, match="interval"):
        animation_html([good], "t", interval=10)


def test_pick_frames_and_plain_text():
    assert pick_frames(4) == [0, 1, 2, 3, 4]
    picked = pick_frames(300, 30)
    assert picked[0] == 0 and picked[-1] == 300 and len(picked) == 30 and picked == sorted(set(picked))
    with pytest.raises(ValueError):
        pick_frames(-1)
    assert plain_text('<b style="color:red">GD</b> 0.5 &nbsp; <i>x</i>') == "GD 0.5 x"


def test_compact_png_keeps_the_picture_and_never_grows():
    app = W.learning_rate_explorer()
    small = compact_png(app.canvas.png)
    assert len(small) < len(app.canvas.png)
    a = np.asarray(Image.open(io.BytesIO(small)).convert("RGB")).astype(int)
    b = app.canvas.pixels().astype(int)
    assert a.shape == b.shape and np.abs(a - b).mean() < 3
    tiny = png((1, 2, 3))
    assert len(compact_png(tiny)) <= len(tiny)


EXPECTED = {  # app -> labels of its scenarios, and words its alt texts must contain
    "matmul_stepper": (["A @ B", "Aᵀ", "c · A"], ["dot product", "2×2"]),
    "activation_explorer": (["sigmoid", "relu", "tanh"], ["bias b slides", "-b/w"]),
    "learning_rate_explorer": (["too small", "about right", "too large"], ["learning rate", "diverged at step"]),
    "optimizer_race": (["ill-conditioned bowl", "Rosenbrock", "Beale", "saddle"], ["momentum", "Adam", "contours"]),
    "network_playground": (["moons"], ["decision", "accuracy"]),
}


@pytest.fixture(scope="module")
def views():
    """Each app, its state before the static view, and the view (computed once: ~1-3 s each)."""
    out = {}
    for name in W.__all__:
        app = getattr(W, name)()
        before = (app.canvas.png, len(_instances))
        scenarios = app.static_scenarios()
        out[name] = (app, before, scenarios, animation_html(scenarios, app.TITLE))
    return out


@pytest.mark.parametrize("name", W.__all__)
def test_static_view_of_each_app(name, views):
    app, (png_before, n_widgets), scenarios, markup = views[name]
    labels, words = EXPECTED[name]
    assert app.canvas.png == png_before, "making the static view changed the live app's picture"
    assert len(_instances) >= n_widgets  # (other apps of the fixture were made after this one)
    for label in labels:
        assert any(label in s.label for s in scenarios), f"no scenario {label!r}: {[s.label for s in scenarios]}"
    for s in scenarios:
        assert len(s.frames) >= 4
        first, last = (
            np.asarray(Image.open(io.BytesIO(f)).convert("L")).astype(int) for f in (s.frames[0], s.frames[-1])
        )
        assert np.abs(first - last).sum() > 0, f"{s.label}: the animation does not move"
        assert len(set(s.frames)) >= len(s.frames) // 2, f"{s.label}: most frames repeat"
        assert all(c for c in s.captions)
    alts = " ".join(s.alt for s in scenarios)
    for word in words:
        assert word in alts, f"the alt texts never say {word!r}"
    assert payload(markup)["scenarios"][0]["alt"] == scenarios[0].alt
    assert len(markup) < 5e6


def test_static_view_leaves_no_widget_open():
    app = W.matmul_stepper()  # has a Player: its jslink is closed too
    n = len(_instances)
    app.static_view()
    assert len(_instances) == n


def test_the_display_carries_the_static_view_unless_switched_off(monkeypatch):
    app = W.matmul_stepper()
    bundle = app._repr_mimebundle_()
    assert bundle["text/html"] == app.static_view()
    assert "application/vnd.jupyter.widget-view+json" in bundle and "image/png" in bundle
    monkeypatch.setenv("DLMATH_STATIC_VIEW", "0")
    assert "text/html" not in app._repr_mimebundle_()


def test_static_view_of_matmul_follows_the_edited_matrices():
    app = W.matmul_stepper()
    app.a_text.value = "1 2; 3 4"
    app.b_text.value = "5 6; 7 8"
    scenarios = {s.label: s for s in app.static_scenarios()}
    assert set(scenarios) == {"A @ B", "Aᵀ", "c · A", "A + B"}  # equal shapes: A + B applies too
    assert len(scenarios["A @ B"].frames) == 5  # step 0, then one entry of the 2x2 result per step
    assert "19 22; 43 50" in scenarios["A @ B"].alt


def test_nbconvert_html_export_shows_the_static_view(tmp_path):
    """An app in a notebook saved without widget state (JupyterLab's default) exports to HTML as
    its static view: no widget-manager script, no empty box."""
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}
    )
    nb.cells = [nbformat.v4.new_code_cell("from dlmath.widgets import matmul_stepper\nmatmul_stepper()")]
    NotebookClient(
        nb,
        kernel_name="python3",
        store_widget_state=False,
        timeout=120,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    body, _ = HTMLExporter().from_notebook_node(nb)
    assert 'class="dlmath-static"' in body and "Matrix-multiplication stepper" in body
    assert 'type="application/vnd.jupyter.widget-view+json"' not in body
