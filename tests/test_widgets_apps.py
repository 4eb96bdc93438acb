"""Each app built headless: set its controls from Python (observers run) and check what it computed
and drew. The browser test (tests/browser/) checks the same apps in a real JupyterLab."""

import base64
import io

import ipywidgets as widgets
import numpy as np
import pytest
from PIL import Image

import dlmath.widgets as W
from dlmath.surfaces import diverged_at, run_path
from dlmath.widgets._scene import pack_scenes, unpack_frame
from dlmath.widgets._view import exit_point
from dlmath.widgets.learning_rate import PRESETS, gd_run
from dlmath.widgets.race import make_optimizer, race_paths


def pixels(app):
    return app.canvas.pixels().astype(int)


def changed(before, after):
    return np.abs(before - after).sum() > 0


@pytest.mark.parametrize("name", W.__all__)
def test_every_app_works_with_no_arguments_and_carries_a_picture(name):
    app = getattr(W, name)()
    assert isinstance(app, widgets.VBox)
    bundle = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # JupyterLab shows the live app
    picture = Image.open(io.BytesIO(base64.b64decode(bundle["image/png"])))  # others show this
    assert picture.size == app.figure.canvas.get_width_height()
    assert np.asarray(picture.convert("L")).std() > 10  # not a blank picture
    # what the browser shows is the current frame: the scene (or, when the run is recorded, the
    # frame the slider shows) drawn over its background, one of the PNGs sent to the page
    stage = app.canvas.stage
    player = getattr(app, "player", None)
    index = player.slider.value if player is not None else getattr(getattr(app, "play", None), "value", 0)
    k = index - stage.frames.get("first", 0) if stage.frames else -1
    shown, k = (stage.frames, k) if stage.frames and 0 <= k < len(stage.frames["frames"]) else (stage.scene, 0)
    view = shown["views"][k] if "views" in shown else stage.view
    assert view == stage.view  # the frame on show is over the background on show
    background = np.asarray(Image.open(io.BytesIO(stage._sent[view])))[..., :3]
    np.testing.assert_array_equal(background, app.canvas._background)
    assert unpack_frame(shown, k) == unpack_frame(pack_scenes([app.canvas.scene()]), 0)
    assert shown["alts"][k] == app.canvas.alt and shown["infos"][k] == app.info


def test_apps_reject_bad_arguments():
    with pytest.raises(ValueError, match="valid modes"):
        W.matmul_stepper(mode="divide")
    with pytest.raises(ValueError, match="valid names"):
        W.activation_explorer("softsign")
    with pytest.raises(ValueError, match="valid names"):
        W.learning_rate_explorer("cliff")
    with pytest.raises(ValueError, match="valid names"):
        W.optimizer_race("himalaya")
    with pytest.raises(ValueError, match="batch_size"):
        W.network_playground(batch_size=7)


def test_matmul_stepper_steps_and_modes():
    app = W.matmul_stepper()
    assert app.player.slider.value == 1 and "= 58" in app.state.expression
    before = pixels(app)
    app.player.step()
    assert app.state.cell == (0, 1) and app.state.result[0, 1] == 64 and changed(before, pixels(app))
    app.player.slider.value = 4
    np.testing.assert_array_equal(app.state.result, [[58, 64], [139, 154]])
    app.player.reset()
    assert app.player.slider.value == 0 and app.state is None
    app.mode.value = "add"  # the default B is 3x2: addition needs equal shapes
    assert "equal shapes" in app.message.value and "2×3" in app.message.value
    app.b_text.value = "1 1 1; 2 2 2"
    assert app.message.value == "" and app.player.slider.max == 6
    app.player.slider.value = 6
    np.testing.assert_array_equal(app.state.result, [[2, 3, 4], [6, 7, 8]])
    app.a_text.value = "1 2; 3"
    assert "row 1 of A" in app.message.value
    app.a_text.value = "1 2 3; 4 5 6"
    app.mode.value = "scale"
    app.c_value.value = 10.0
    app.player.slider.value = 6
    np.testing.assert_array_equal(app.state.result, [[10, 20, 30], [40, 50, 60]])


def test_activation_explorer_shift():
    app = W.activation_explorer()
    before = pixels(app)
    app.b.value = 2.0
    assert app.shift == pytest.approx(-2.0) and "-2" in app.headline and "left" in app.headline
    assert changed(before, pixels(app))
    np.testing.assert_allclose(app.curve.get_ydata(), 1 / (1 + np.exp(-(app.curve.get_xdata() + 2.0))))
    app.w.value = 2.0
    assert app.shift == pytest.approx(-1.0)
    app.activation.value = "relu"
    app.b.value = -3.0
    assert app.shift == pytest.approx(1.5) and "right" in app.headline
    app.w.value = 0.0
    assert app.shift is None and "no shift" in app.headline


def test_learning_rate_explorer():
    app = W.learning_rate_explorer()
    assert app.player.slider.value == app.player.slider.max == 50  # the static picture shows the whole run
    np.testing.assert_array_equal(app.run.path, gd_run("parabola", PRESETS["parabola"]["about right"], 50).path)
    before = pixels(app)
    app.presets.value = "too large"
    assert app.lr.value == pytest.approx(PRESETS["parabola"]["too large"])
    k = app.run.diverged_at
    assert k is not None and f"diverged at step {k}" in app.message.value
    assert changed(before, pixels(app))
    app.player.slider.value = k - 1
    assert "diverged" not in app.info
    app.player.step()
    assert app.player.slider.value == k and f"diverged at step {k}" in app.info
    app.player.reset()
    assert app.player.slider.value == 0 and app.player.play.value == 0
    np.testing.assert_array_equal(app.path_line.get_xdata(), app.run.path[:1, 0])
    app.problem.value = "bowl"  # the lr jumps to the bowl's "about right"
    assert app.lr.value == pytest.approx(PRESETS["bowl"]["about right"]) and app.presets.value is None
    assert app.run.diverged_at is None and app.run.path.shape == (51, 2)
    app.steps.value = 100
    assert app.run.path.shape == (101, 2) and app.player.slider.max == 100
    app.player.slider.value = 10
    np.testing.assert_array_equal(app.point.get_xdata(), app.run.path[10:11, 0])
    np.testing.assert_array_equal(app.loss_line.get_ydata(), app.run.loss[:11])


def test_optimizer_race():
    app = W.optimizer_race()
    assert set(app.paths) == {"GD", "momentum", "RMSProp", "Adam"}
    np.testing.assert_array_equal(app.paths["Adam"], race_paths("rosenbrock")["Adam"])
    assert app.ax_loss.get_legend() is None  # direct labels at the ends of the curves instead
    assert [app.tags[n].get_text() for n in app.paths] == list(app.paths) and app.lr["Adam"].description == "Adam lr"
    app.player.slider.value = 10
    for name, path in app.paths.items():
        np.testing.assert_array_equal(app.heads[name].get_xdata(), path[10:11, 0])
        assert len(app.lines[name].get_xdata()) == 11
    before = pixels(app)
    app.lr["Adam"].value = 0.01
    expected = run_path(app.surf, make_optimizer("Adam", 0.01), start=(-1.2, 1.0), steps=300)
    np.testing.assert_array_equal(app.paths["Adam"], expected)
    assert changed(before, pixels(app))
    app.use["RMSProp"].value = False
    assert "RMSProp" not in app.paths and not app.lines["RMSProp"].get_visible()
    app.surface.value = "quadratic_bowl"
    assert (app.x0.value, app.y0.value) == (-2.5, 1.5) and app.steps.value == 100
    assert app.paths["GD"].shape == (101, 2)
    app.lr["GD"].value = 0.5  # far above 2/50: GD diverges; the line, the alt text and a marker say where
    app.player.slider.value = 100
    d = diverged_at(app.paths["GD"])
    assert d is not None and f"GD</b> diverged at step {d}" in app.info
    assert f"GD on ill-conditioned bowl after 100 steps, diverged at step {d}" in app.canvas.alt
    k, where = exit_point(app.paths["GD"], app.ax.get_xlim(), app.ax.get_ylim())
    assert app.exits["GD"].get_visible() and app.exits["GD"].get_xydata().tolist() == [list(where)]
    app.y0.value = 0.5
    np.testing.assert_array_equal(app.paths["momentum"][0], [-2.5, 0.5])


def test_network_playground_trains_on_play_ticks():
    app = W.network_playground()
    assert app.model.epoch == 0
    before = pixels(app)
    app.play.value = 1  # what a tick of the Play widget does in the browser
    assert app.model.epoch == 5 and len(app.train_line.get_xdata()) == 5
    app.play.value = 2
    app.step()
    assert app.model.epoch == 15 and changed(before, pixels(app)) and "epoch 15" in app.info
    app.play.value = 0  # the stop button: no training
    assert app.model.epoch == 15
    weights = app.model.net.parameters()[0].copy()
    app.lr.value = 0.001
    assert app.model.epoch == 15 and app.model.lr == pytest.approx(0.001)
    np.testing.assert_array_equal(app.model.net.parameters()[0], weights)
    app.dataset.value = "spirals"
    assert app.model.epoch == 0 and app.model.k == 3
    app.hidden.value = "16, x"
    # no network while the layers are wrong: step and play must not go on training the old one
    assert "whole numbers" in app.message.value and app.model is None
    app.step()
    app.play.value = 3
    assert app.model is None and "need fixing" in app.canvas.alt
    app.hidden.value = "16"
    assert app.message.value == "" and len(app.model.net.layers) == 2


def test_network_playground_preview_leaves_the_live_app_alone():
    app = W.network_playground()
    live = app.canvas.png
    preview = base64.b64decode(app._repr_mimebundle_()["image/png"])
    assert preview != live and app.model.epoch == 0 and app.canvas.png == live
    app.step()
    assert base64.b64decode(app._repr_mimebundle_()["image/png"]) == app.canvas.png  # trained: current frame


def test_network_playground_reports_divergence(monkeypatch):
    from dlmath.training import DivergenceError

    app = W.network_playground()

    def explode(model, epochs=1):
        raise DivergenceError("the loss became non-finite at epoch 1, step 3")

    monkeypatch.setattr(type(app.model), "advance", explode)  # every network diverges, also those ahead
    app.per_frame.value = 2  # trained ahead again: the recording stops at once, no frame is held
    assert not app.canvas.holds(app.play.value + 1)
    app.play.playing = True
    app.step()
    assert "diverged" in app.message.value and "Lower the learning rate" in app.message.value
    assert app.play.playing is False


CHAPTERS = {
    "matmul_stepper": "03_matrix_operations",
    "activation_explorer": "05_activations",
    "learning_rate_explorer": "07_gradient_descent",
    "optimizer_race": "09_optimizers",
    "network_playground": "10_training",
}


@pytest.mark.parametrize("name", W.__all__)
def test_each_app_sits_in_its_chapter(name):
    """A code cell that shows the app, tagged for nbval (its output is a widget), after an intro."""
    from pathlib import Path

    import nbformat

    path = Path(__file__).resolve().parents[1] / "course" / f"{CHAPTERS[name]}.ipynb"
    cells = nbformat.read(path, as_version=4).cells
    found = [i for i, c in enumerate(cells) if c.cell_type == "code" and c.source.rstrip().endswith(f"{name}()")]
    assert found, f"{path.name} has no cell calling {name}() (run the placement script on the chapters)"
    cell = cells[found[0]]
    assert "nbval-ignore-output" in cell.metadata.get("tags", [])
    assert cells[found[0] - 1].cell_type == "markdown" and "Try it" in cells[found[0] - 1].source


def test_matmul_stepper_state_follows_every_switch_even_after_an_error():
    from matplotlib.text import Text

    app = W.matmul_stepper()
    app.mode.value = "scale"
    assert app.b_text.disabled and not app.c_value.disabled
    app.mode.value = "add"  # an error: the default B is 3x2
    assert "edit B to a 2×3 matrix" in app.message.value
    assert not app.b_text.disabled, "the message asks to edit B, so B must be editable"
    assert app.c_value.disabled and app.state is None and app.player.slider.max == 0
    drawn = " ".join(t.get_text() for t in app.figure.findobj(Text))
    assert "equal shapes" not in drawn, "the error is shown once (above the picture), not also drawn in it"
    app.mode.value = "transpose"  # a switch after the error: flags and message follow it
    assert app.b_text.disabled and app.message.value == "" and app.player.slider.max == 6
    app.mode.value = "add"
    app.b_text.value = "1 1 1; 2 2 2"
    assert app.message.value == "" and not app.b_text.disabled and app.player.slider.max == 6


def test_matmul_stepper_counts_entries_in_good_english():
    app = W.matmul_stepper()
    app.a_text.value = "1 2; 3"
    assert "has 1 entry but row 0 has 2 entries" in app.message.value


def test_network_playground_frames_trained_ahead_stop_where_the_loss_axis_grows_unless_playing():
    app = W.network_playground(epochs_per_frame=2)
    frames, view = app.canvas.stage.frames, (app.ax_loss.get_xlim(), app.ax_loss.get_ylim())
    first, n = frames["first"], len(frames["frames"])
    assert 1 <= n < app.AHEAD and set(frames["views"]) == {app.canvas.stage.view}  # one background
    for tick in range(first, first + n):
        app.step()
        assert app.canvas.holds(tick)
        assert unpack_frame(frames, tick - first) == unpack_frame(pack_scenes([app.canvas.scene()]), 0)
    app.step()  # the first frame not held: the limits change, drawn by the kernel
    assert (app.ax_loss.get_xlim(), app.ax_loss.get_ylim()) != view
    assert unpack_frame(app.canvas.stage.scene, 0) == unpack_frame(pack_scenes([app.canvas.scene()]), 0)
    app._discard()


def test_network_playground_frames_trained_ahead_are_the_frames_play_draws():
    app = W.network_playground(epochs_per_frame=3)
    app.play.playing = True  # (no page ticks it here) Play: the frames ahead go on over new backgrounds
    app.per_frame.value = 2  # trained ahead again, from epoch 0
    stage = app.canvas.stage
    frames = stage.frames
    first, n = frames["first"], len(frames["frames"])
    assert first == app.play.value + 1 == 1 and n == app.AHEAD and app.canvas.held == range(first, first + n)
    assert len(set(frames["views"])) > 1  # the loss axis grows: later frames are over new backgrounds
    assert all(view in stage._sent for view in frames["views"])  # each sent ahead
    for tick in range(first, first + app.AHEAD // 2):
        app.step()  # the kernel trains too, and sends nothing: the page holds the frame
        assert app.play.value == tick and app.canvas.holds(tick) and app.model.epoch == 2 * tick
        assert unpack_frame(frames, tick - first) == unpack_frame(pack_scenes([app.canvas.scene()]), 0)
        assert frames["alts"][tick - first] == app.canvas.alt and frames["infos"][tick - first] == app.info
        assert frames["views"][tick - first] == stage.view  # the kernel's view follows, with no PNG drawn
        background = np.asarray(Image.open(io.BytesIO(stage._sent[stage.view])))[..., :3]
        np.testing.assert_array_equal(background, app.canvas._background)
    app.step()  # halfway through the frames held: the next ones are trained ahead
    assert stage.frames is not frames and stage.frames["first"] == app.play.value + 1 == first + app.AHEAD // 2 + 1
    before = app.canvas.stage.frames
    app.lr.value = 0.01  # the frames ahead were trained with the old rate: trained again
    assert app.canvas.stage.frames is not before and app.canvas.stage.frames["first"] == app.play.value + 1
    app.step()
    assert unpack_frame(app.canvas.stage.frames, 0) == unpack_frame(pack_scenes([app.canvas.scene()]), 0)
    assert unpack_frame(before, app.play.value - before["first"]) != unpack_frame(app.canvas.stage.frames, 0)
    epoch = app.model.epoch
    app.play.value = 0  # the stop button: the counter restarts, the network stays, the page gets its picture
    assert app.model.epoch == epoch and app.canvas.stage.frames["first"] == 1 and not app.canvas.holds(0)
    assert unpack_frame(app.canvas.stage.scene, 0) == unpack_frame(pack_scenes([app.canvas.scene()]), 0)
    app.step()
    assert app.model.epoch == epoch + 2 and app.canvas.holds(1)
