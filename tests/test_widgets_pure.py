"""The pure functions behind the widgets, checked against hand-worked values and closed forms."""

import math

import numpy as np
import pytest

from dlmath.optimizers import SGD, Adam, RMSProp
from dlmath.surfaces import SURFACES, diverged_at, quadratic_bowl, run_path
from dlmath.widgets import playground_model, race
from dlmath.widgets.activation import activation_curve, activation_shift
from dlmath.widgets.learning_rate import PRESETS, gd_run, verdict
from dlmath.widgets.matmul_steps import matmul_step, n_steps, parse_matrix
from dlmath.widgets.optimizer_choice import make_optimizer
from dlmath.widgets.playground import loss_view
from dlmath.widgets.playground_model import PlaygroundModel, boundary_image, class_colors, parse_hidden
from dlmath.widgets.race import DEFAULTS, race_alt, race_paths, race_surface

A = [[1, 2, 3], [4, 5, 6]]
B = [[7, 8], [9, 10], [11, 12]]


# ---- matrix stepper -----------------------------------------------------------------------------
def test_first_step_is_the_worked_example():
    s = matmul_step(A, B, 1)
    assert s.cell == (0, 0)
    assert "1·7 + 2·9 + 3·11 = 58" in s.expression
    assert s.sources == {"A": [(0, 0), (0, 1), (0, 2)], "B": [(0, 0), (1, 0), (2, 0)]}
    assert s.result[0, 0] == 58 and np.isnan(s.result).sum() == 3


def test_steps_fill_the_product_row_by_row():
    by_hand = np.array([[58, 64], [139, 154]])  # 4*7+5*9+6*11 = 139, 4*8+5*10+6*12 = 154
    assert n_steps(A, B) == 4
    s2 = matmul_step(A, B, 2)
    assert s2.cell == (0, 1) and "1·8 + 2·10 + 3·12 = 64" in s2.expression
    assert np.isnan(s2.result[1]).all()
    last = matmul_step(A, B, 4)
    assert last.cell == (1, 1)
    np.testing.assert_array_equal(last.result, by_hand)


def test_transpose_scale_and_add_steps():
    t = matmul_step(A, None, 2, mode="transpose")  # result (3, 2); entry (0, 1) comes from A[1, 0] = 4
    assert t.result.shape == (3, 2) and t.cell == (0, 1) and t.result[0, 1] == 4 and t.sources == {"A": [(1, 0)]}
    np.testing.assert_array_equal(matmul_step(A, None, 6, mode="transpose").result, np.array(A).T)
    s = matmul_step(A, None, 2, mode="scale", c=-3)
    assert "(-3)·2 = -6" in s.expression and s.result[0, 1] == -6
    a = matmul_step(A, [[1, 1, 1], [1, 1, -10]], 6, mode="add")
    assert "6 + (-10) = -4" in a.expression
    np.testing.assert_array_equal(a.result, [[2, 3, 4], [5, 6, -4]])


def test_stepper_errors_name_the_problem():
    with pytest.raises(ValueError, match="equal shapes"):
        matmul_step(A, B, 1, mode="add")
    with pytest.raises(ValueError, match="columns of the first"):
        matmul_step(A, A, 1)
    with pytest.raises(ValueError, match="valid modes"):
        matmul_step(A, B, 1, mode="divide")
    with pytest.raises(ValueError, match="from 1 to 4"):
        matmul_step(A, B, 5)


def test_parse_matrix():
    np.testing.assert_array_equal(parse_matrix("1 2 3; 4 5 6"), A)
    np.testing.assert_array_equal(parse_matrix("[[1, 2], [3, -4.5]]"), [[1, 2], [3, -4.5]])
    np.testing.assert_array_equal(parse_matrix("1,2\n3,4"), [[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="row 1 of B has 2 entries but row 0 has 3"):
        parse_matrix("1 2 3; 4 5", "B")
    with pytest.raises(ValueError, match="'x' is not a number"):
        parse_matrix("1 x")
    with pytest.raises(ValueError, match="empty"):
        parse_matrix(" ; ")
    with pytest.raises(ValueError, match="up to 6x6"):
        parse_matrix("; ".join(["1 2"] * 7))


# ---- activation explorer ------------------------------------------------------------------------
def test_activation_curve_matches_closed_form_and_finite_differences():
    x = np.linspace(-4, 4, 81)
    a, slope = activation_curve("sigmoid", 2.0, 1.0, x)
    np.testing.assert_allclose(a, 1 / (1 + np.exp(-(2 * x + 1))))
    h = 1e-6
    numeric = (activation_curve("sigmoid", 2.0, 1.0, x + h)[0] - activation_curve("sigmoid", 2.0, 1.0, x - h)[0]) / (
        2 * h
    )
    np.testing.assert_allclose(slope, numeric, atol=1e-8)
    a, slope = activation_curve("tanh", -1.5, 0.5, x)
    np.testing.assert_allclose(a, np.tanh(-1.5 * x + 0.5))
    np.testing.assert_allclose(slope, -1.5 * (1 - np.tanh(-1.5 * x + 0.5) ** 2))


@pytest.mark.parametrize("w, b", [(1.0, 2.0), (2.0, 2.0), (-0.5, 1.0), (3.0, -1.5)])
def test_bias_shifts_the_centre_to_minus_b_over_w(w, b):
    shift = activation_shift(w, b)
    assert shift == pytest.approx(-b / w)
    centre = np.array([shift])
    assert activation_curve("sigmoid", w, b, centre)[0][0] == pytest.approx(0.5)
    assert activation_curve("tanh", w, b, centre)[0][0] == pytest.approx(0.0, abs=1e-12)
    eps = np.array([shift - 1e-3, shift + 1e-3]) if w > 0 else np.array([shift + 1e-3, shift - 1e-3])
    left, right = activation_curve("relu", w, b, eps)[0]
    assert left == 0 and right > 0  # the kink of ReLU sits at the centre


def test_zero_weight_has_no_shift():
    assert activation_shift(0.0, 1.0) is None


# ---- learning-rate explorer ---------------------------------------------------------------------
def test_gd_run_follows_the_closed_form_on_the_parabola():
    run = gd_run("parabola", lr=0.4, steps=30)  # f = theta^2: theta_k = (1 - 2 lr)^k theta_0
    np.testing.assert_allclose(run.path[:, 0], -2.0 * 0.2 ** np.arange(31), rtol=1e-12, atol=1e-300)
    assert np.all(run.path[:, 1] == 0)
    np.testing.assert_allclose(run.loss, run.path[:, 0] ** 2)
    assert run.diverged_at is None and run.factors == pytest.approx((0.2,))


def test_too_large_diverges_at_the_predicted_step():
    run = gd_run("parabola", lr=PRESETS["parabola"]["too large"], steps=50)  # factor -1.4
    predicted = next(k for k in range(1, 100) if 2.0 * 1.4**k > 1e6)
    assert run.diverged_at == predicted <= 50
    assert np.isnan(run.loss[predicted:]).all() and np.isfinite(run.loss[:predicted]).all()
    bowl = gd_run("bowl", lr=PRESETS["bowl"]["too large"], steps=50)  # y factor 1 - 0.3*10 = -2
    assert bowl.diverged_at == next(k for k in range(1, 100) if 1.5 * 2.0**k > 1e6)
    text, bad = verdict(bowl, 0.3, "bowl")
    assert bad and f"diverged at step {bowl.diverged_at}" in text


@pytest.mark.parametrize("problem", ["parabola", "bowl"])
def test_presets_do_what_their_names_say(problem):
    runs = {name: gd_run(problem, lr, 50) for name, lr in PRESETS[problem].items()}
    assert runs["too small"].diverged_at is None and runs["about right"].diverged_at is None
    assert runs["too large"].diverged_at is not None
    assert runs["about right"].loss[-1] < 1e-3 * runs["too small"].loss[-1]
    assert "too small" in verdict(runs["too small"], PRESETS[problem]["too small"], problem)[0]


def test_gd_run_rejects_bad_input():
    with pytest.raises(ValueError, match="valid names"):
        gd_run("cliff")
    with pytest.raises(ValueError, match="lr"):
        gd_run("bowl", lr=-1)


# ---- optimizer race -----------------------------------------------------------------------------
def test_race_paths_start_together_and_gd_matches_the_closed_form():
    paths = race_paths("bowl", {"GD": (0.03, None), "Adam": (0.1, 0.8)}, start=(-2.0, 1.0), steps=40)
    assert set(paths) == {"GD", "Adam"}
    for path in paths.values():
        assert path.shape == (41, 2)
        np.testing.assert_array_equal(path[0], [-2.0, 1.0])
    k = np.arange(41)  # bowl a=1, b=50: x_k = (1 - lr)^k x_0, y_k = (1 - 50 lr)^k y_0
    np.testing.assert_allclose(paths["GD"], np.column_stack([-2.0 * 0.97**k, 1.0 * (-0.5) ** k]), rtol=1e-12)
    adam = run_path(quadratic_bowl(1.0, 50.0), Adam(lr=0.1, betas=(0.8, 0.999)), start=(-2.0, 1.0), steps=40)
    np.testing.assert_array_equal(paths["Adam"], adam)


def test_momentum_racer_is_the_heavy_ball():
    path = race_paths("bowl", {"momentum": (0.01, 0.5)}, start=(1.0, 1.0), steps=20)["momentum"]
    p, v, curv = np.array([1.0, 1.0]), np.zeros(2), np.array([1.0, 50.0])
    for k in range(1, 21):  # torch.optim.SGD: v <- mu v + g; p <- p - lr v
        v = 0.5 * v + curv * p
        p = p - 0.01 * v
        np.testing.assert_allclose(path[k], p, rtol=1e-12)


@pytest.mark.parametrize("surface", list(DEFAULTS))
def test_default_settings_never_diverge(surface):
    start, steps, lrs = DEFAULTS[surface]
    paths = race_paths(surface)
    assert set(paths) == set(lrs)
    for name, path in paths.items():
        assert path.shape == (steps + 1, 2)
        assert diverged_at(path) is None, f"{name} diverges on {surface} with its default lr"


def test_make_optimizer():
    opt = make_optimizer("Adam", 0.1, 0.7)
    assert isinstance(opt, Adam) and opt.betas == (0.7, 0.999)
    assert make_optimizer("momentum", 0.1).momentum == 0.9
    assert isinstance(make_optimizer("GD", 0.1), SGD) and make_optimizer("GD", 0.1).momentum == 0
    with pytest.raises(ValueError, match="valid names"):
        make_optimizer("Adagrad", 0.1)
    rms = make_optimizer("RMSProp", 0.1)
    assert isinstance(rms, RMSProp) and rms.alpha == 0.99
    sgd = make_optimizer("SGD", 0.2)  # the playground's name for the same rule as "GD"
    assert isinstance(sgd, SGD) and sgd.momentum == 0 and sgd.lr == 0.2


def test_one_make_optimizer_and_the_race_runs_on_dlmath_surfaces():
    assert race.make_optimizer is make_optimizer and playground_model.make_optimizer is make_optimizer
    assert not hasattr(race, "RACE_SURFACES") and set(DEFAULTS) <= set(SURFACES)
    bowl = race_surface("bowl")  # the older name: quadratic_bowl(a=1, b=50)
    assert bowl.f(np.array(1.0), np.array(1.0)) == pytest.approx(0.5 * (1 + 50))
    assert race_surface("rosenbrock").f(np.array(0.0), np.array(0.0)) == SURFACES["rosenbrock"]().f(0.0, 0.0)


def test_race_alt_text_names_each_racer_its_surface_step_and_loss():
    text = race_alt("Rosenbrock", 120, {"Adam": 0.031, "GD": float("nan")}, {"Adam": None, "GD": 40})
    assert "Adam on Rosenbrock after 120 steps, loss 0.031" in text
    assert "GD on Rosenbrock after 120 steps, diverged at step 40" in text
    assert "after 1 step," in race_alt("Beale", 1, {"GD": 2.0}, {"GD": None})


# ---- network playground -------------------------------------------------------------------------
def test_playground_model_trains_and_repeats_exactly():
    a = PlaygroundModel("moons", (8, 8), "tanh", "Adam", 0.03, 32).advance(10).advance(10)
    b = PlaygroundModel("moons", (8, 8), "tanh", "Adam", 0.03, 32).advance(10).advance(10)
    assert a.epoch == 20 and len(a.loss) == len(a.val_loss) == len(a.val_accuracy) == 20
    assert a.loss == b.loss
    assert a.loss[-1] < 0.5 * a.loss[0] and a.val_accuracy[-1] > 0.85
    assert a.X_train.shape == (210, 2) and a.X_val.shape == (90, 2)


def test_lr_change_keeps_the_weights():
    m = PlaygroundModel("XOR", (8,), "relu", "SGD", 0.1, None).advance(3)
    W = m.net.parameters()[0].copy()
    m.lr = 0.01
    assert m.optimizer.lr == 0.01 and np.array_equal(m.net.parameters()[0], W) and m.epoch == 3


def test_a_copy_trains_on_exactly_as_the_model_would_and_leaves_it_alone():
    live = PlaygroundModel("moons", (8,), "tanh", "Adam", 0.03, 8).advance(4)  # Adam's moments are state too
    ahead = live.copy().advance(6)
    assert live.epoch == 4 and len(live.loss) == 4
    live.advance(6)
    assert ahead.loss == live.loss and np.array_equal(ahead.probabilities(), live.probabilities())


def test_the_loss_view_changes_rarely():
    m = PlaygroundModel("moons", (8,), "tanh", "Adam", 0.03, 8)
    m.epoch, m.loss, m.val_loss = 120, [0.7, 0.5], [0.6, 0.55]
    assert loss_view(m, (0, 50), (0.07, 1.5)) == ((0, 200), (0.07, 1.5))  # doubled twice; the losses fit
    m.loss.append(0.05)  # below the axis: one decade more than needed, log_limits gives 10 ** -2.15
    (_, (low, high)) = loss_view(m, (0, 200), (0.07, 1.5))
    assert low == pytest.approx(10**-3.15) and high == 1.5
    m.loss.append(40.0)  # a blow-up above it
    assert loss_view(m, (0, 200), (0.07, 1.5))[1][1] == pytest.approx(10**2.15)


def test_fresh_copy_starts_equal_and_trains_on_its_own():
    live = PlaygroundModel("spirals", (16,), "relu", "Adam", 0.01, 8)
    copy = live.fresh_copy()
    p0 = live.probabilities()
    np.testing.assert_array_equal(copy.probabilities(), p0)
    copy.advance(5)
    assert not np.allclose(copy.probabilities(), p0)  # training the copy changes its predictions
    np.testing.assert_array_equal(live.probabilities(), p0)  # and leaves the live model alone


def test_probabilities_and_boundary_image():
    m = PlaygroundModel("blobs", (4,), "tanh", "Adam", 0.01, 32)
    probs = m.probabilities()
    assert probs.shape == (80, 80, 3)
    np.testing.assert_allclose(probs.sum(axis=-1), 1.0)
    sure = np.eye(3)[None, :, :]  # (1, 3, 3): one certain pixel per class
    img = boundary_image(sure)
    np.testing.assert_allclose(img[0], 0.4 + 0.6 * class_colors(3))
    tie = boundary_image(np.full((1, 1, 2), 0.5))
    assert np.all(tie > 0.8)  # nearly white where the network cannot decide


def test_parse_hidden():
    assert parse_hidden("8, 8") == (8, 8) and parse_hidden("16") == (16,) and parse_hidden("") == ()
    assert parse_hidden("4 4 4") == (4, 4, 4)
    with pytest.raises(ValueError, match="whole numbers"):
        parse_hidden("8, eight")
    with pytest.raises(ValueError, match="at most 4"):
        parse_hidden("8, 100")


def test_playground_model_rejects_unknown_names():
    with pytest.raises(ValueError, match="valid names"):
        PlaygroundModel("circles")
    with pytest.raises(ValueError, match="valid names"):
        PlaygroundModel(optimizer="LBFGS")
    assert math.isclose(PlaygroundModel(lr=0.5).lr, 0.5)
