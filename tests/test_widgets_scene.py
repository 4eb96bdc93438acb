"""The scenes the browser draws: matplotlib artists as data in CSS pixels (dlmath.widgets._scene).

Expected positions are computed by hand from the figure's size and the axes' box and limits,
not by matplotlib's transforms."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Circle

import dlmath.widgets as W
from dlmath.widgets._scene import artist_items, pack_scenes, unpack_frame

CSS_W, CSS_H, DPI, SCALE = 400, 200, 80, 2
LEFT, BOTTOM, WIDTH, HEIGHT = 0.1, 0.2, 0.8, 0.6


def axes(yscale="linear"):
    fig = Figure(figsize=(CSS_W / DPI, CSS_H / DPI), dpi=DPI * SCALE)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((LEFT, BOTTOM, WIDTH, HEIGHT))
    ax.set_xlim(0, 10)
    ax.set_ylim(*((1, 100) if yscale == "log" else (0, 5)))
    ax.set_yscale(yscale)
    return fig, ax


def css(fx, fy):
    """CSS pixels (y down) of the point at fractions (fx, fy) of the axes box."""
    return CSS_W * (LEFT + WIDTH * fx), CSS_H * (1 - (BOTTOM + HEIGHT * fy))


def test_a_line_is_placed_by_its_data_coordinates_in_css_pixels():
    fig, ax = axes()
    (line,) = ax.plot([0, 5, 10], [0, 2.5, 5], color="#0072b2", lw=2, ls="--")
    ((kind, style, points),) = artist_items([line], fig, SCALE)
    assert kind == "points" and style["kind"] == "line" and style["color"] == "#0072b2ff"
    np.testing.assert_allclose(points, [css(0, 0), css(0.5, 0.5), css(1, 1)], atol=0.01)
    assert style["lw"] == pytest.approx(2 * DPI / 72, abs=0.001)  # points to CSS pixels
    assert len(style["dash"]) == 2 and style["marker"] is None
    x0, y0 = css(0, 1)
    x1, y1 = css(1, 0)
    np.testing.assert_allclose(style["clip"], [x0, y0, x1, y1], atol=0.01)  # clipped to the axes box


def test_a_log_axis_puts_each_decade_at_the_same_distance():
    fig, ax = axes("log")
    (line,) = ax.plot([0, 10, 10], [1, 10, 100])
    ((_, _, points),) = artist_items([line], fig, SCALE)
    np.testing.assert_allclose(points, [css(0, 0), css(1, 0.5), css(1, 1)], atol=0.01)


def test_missing_values_become_gaps():
    fig, ax = axes()
    (line,) = ax.plot([1, 2, 3], [1, np.nan, 3])
    packed = pack_scenes([artist_items([line], fig, SCALE)])
    ((_, flat),) = unpack_frame(packed, 0)
    assert flat[0] is not None and flat[2] is None and flat[3] is None and len(flat) == 6


def test_a_marker_is_its_outline_at_its_size():
    fig, ax = axes()
    (line,) = ax.plot([5], [2.5], "s", ms=9, mfc="white", mec="k")
    ((_, style, points),) = artist_items([line], fig, SCALE)
    outline = np.asarray(style["marker"]).reshape(-1, 2)
    half = 9 / 2 * DPI / 72
    np.testing.assert_allclose(np.abs(outline).max(axis=0), [half, half], atol=0.01)
    assert style["mfc"] == "#ffffffff" and style["mec"] == "#000000ff" and style["filled"]
    np.testing.assert_allclose(points, [css(0.5, 0.5)], atol=0.01)


def test_a_text_is_anchored_where_matplotlib_anchors_it():
    fig, ax = axes()
    text = ax.text(5, 5, "top centre", ha="center", va="top", fontsize=12, color="0.3")
    annotation = ax.annotate("tag", (10, 0), xytext=(4, 0), textcoords="offset points", va="center")
    (_, style, label, x, y), (_, style2, label2, x2, y2) = artist_items([text, annotation], fig, SCALE)
    assert label == "top centre" and (x, y) == pytest.approx(css(0.5, 1), abs=0.01)
    assert style["align"] == "center" and style["baseline"] == "top"
    assert style["size"] == pytest.approx(12 * DPI / 72, abs=0.01) and style["color"] == to_hex("0.3", keep_alpha=True)
    tx, ty = css(1, 0)
    assert label2 == "tag" and (x2, y2) == pytest.approx((tx + 4 * DPI / 72, ty), abs=0.01)
    assert style2["align"] == "left" and style2["baseline"] == "middle"


def test_invisible_artists_are_left_out_and_unknown_ones_refused():
    fig, ax = axes()
    (line,) = ax.plot([1, 2], [1, 2])
    line.set_visible(False)
    assert artist_items([line], fig, SCALE) == []
    circle = ax.add_patch(Circle((5, 2.5), 1))
    ((kind, style, points),) = artist_items([circle], fig, SCALE)
    assert kind == "points" and style["kind"] == "patch" and len(points) > 8
    with pytest.raises(TypeError, match="cannot show a"):
        artist_items([ax.fill_between([0, 1], [0, 1])], fig, SCALE)


def test_frames_of_a_growing_path_share_one_array():
    fig, ax = axes()
    (line,) = ax.plot([], [], "-o")
    (head,) = ax.plot([], [], "D")
    xs = np.linspace(0, 10, 30)
    scenes = []
    for k in range(30):
        line.set_data(xs[: k + 1], np.sqrt(xs[: k + 1]))
        head.set_data(xs[k : k + 1], np.sqrt(xs[k : k + 1]))
        scenes.append(artist_items([line, head], fig, SCALE))
    packed = pack_scenes(scenes)
    assert len(packed["styles"]) == 2
    assert len(packed["arrays"]) == 1 + 30  # the whole path once, and each step's head
    for k in (0, 7, 29):
        (_, path), (_, point) = unpack_frame(packed, k)
        assert packed["frames"][k][0][1] == packed["frames"][-1][0][1]  # the last frame's array, a prefix of it
        assert len(path) == 2 * (k + 1) and path == unpack_frame(packed, 29)[0][1][: 2 * (k + 1)]
        np.testing.assert_allclose(point, np.round(scenes[k][1][2], 2).ravel())


def test_recorded_frames_are_the_scenes_the_slider_would_give():
    app = W.learning_rate_explorer(problem="bowl", lr=0.3, steps=30)  # diverges: the exit marker shows
    frames = app.canvas.stage.frames
    assert len(frames["frames"]) == 31 and len(frames["alts"]) == 31
    for k in (0, 5, 30):
        app.player.slider.value = k
        assert unpack_frame(frames, k) == unpack_frame(pack_scenes([app.canvas.scene()]), 0)
        assert frames["alts"][k] == app.canvas.alt and frames["infos"][k] == app.info
    app.lr.value = 0.1  # a new run: the page must not show the old frames
    assert len(app.canvas.stage.frames["frames"]) == 31
    assert app.canvas.stage.frames["alts"][30] != frames["alts"][30]


def test_hex_colors_are_what_matplotlib_writes():
    """The scatter's colours are converted in one vectorised step; matplotlib's ``to_hex`` is the
    reference, including values that fall exactly half-way between two bytes."""
    from matplotlib.colors import to_hex

    from dlmath.widgets._scene import _hex_colors

    rng = np.random.default_rng(0)
    rgba = rng.random((500, 4))
    rgba[:20, 0] = (np.arange(20) + 0.5) / 255  # half-way cases
    rgba[20:25] = [0.0, 1.0, 0.5, 1.0]
    assert _hex_colors(rgba) == [to_hex(c, keep_alpha=True) for c in rgba]
