"""dlmath.surfaces: values by hand, gradients by finite differences, GD's stability limit 2/b."""

import math

import numpy as np
import pytest

from dlmath import surfaces as sf
from dlmath.gradcheck import numerical_gradient
from dlmath.optimizers import SGD, Adam

NAMES = ["quadratic_bowl", "rosenbrock", "beale", "saddle", "himmelblau"]


def test_registry():
    assert set(sf.SURFACES) == set(NAMES)
    for name in NAMES:
        s = sf.get_surface(name)
        assert isinstance(s, sf.Surface)
        assert sf.get_surface(s) is s
    with pytest.raises(ValueError) as err:
        sf.get_surface("eggholder")
    for name in ["eggholder"] + NAMES:
        assert name in str(err.value)


def test_values_and_gradients_by_hand():
    bowl = sf.quadratic_bowl(a=1.0, b=10.0)
    assert bowl(1.0, 1.0) == 5.5  # (1 + 10) / 2
    np.testing.assert_array_equal(bowl.grad([1.0, 1.0]), [1.0, 10.0])
    rosen = sf.rosenbrock()
    assert rosen(0.0, 0.0) == 1.0
    np.testing.assert_array_equal(rosen.grad([0.0, 0.0]), [-2.0, 0.0])
    assert sf.beale()(0.0, 0.0) == 1.5**2 + 2.25**2 + 2.625**2
    assert sf.himmelblau()(0.0, 0.0) == 121 + 49
    saddle = sf.saddle()
    assert saddle(1.0, 2.0) == -3.0
    np.testing.assert_array_equal(saddle.grad([1.0, 2.0]), [2.0, -4.0])


@pytest.mark.parametrize("name", NAMES)
def test_gradients_by_finite_differences(name, rng):
    s = sf.get_surface(name)
    for _ in range(5):
        p = np.array([rng.uniform(*s.xlim), rng.uniform(*s.ylim)])
        g = s.grad(p)
        assert g.shape == (2,) and g.dtype == np.float64
        numeric = numerical_gradient(lambda q: s.value(q), p, eps=1e-6)
        np.testing.assert_allclose(g, numeric, rtol=1e-6, atol=1e-7 * max(1.0, np.abs(g).max()))


@pytest.mark.parametrize("name", ["quadratic_bowl", "rosenbrock", "beale", "himmelblau"])
def test_minima_are_minima(name, rng):
    s = sf.get_surface(name)
    assert s.minima
    for m in s.minima:
        assert abs(s.value(m)) < 1e-8
        assert np.linalg.norm(s.grad(m)) < 1e-3  # listed to 6 decimals
        for _ in range(5):  # nearby points are higher
            assert s.value(np.add(m, rng.normal(scale=1e-2, size=2))) > s.value(m)
    assert sf.saddle().minima == []


@pytest.mark.parametrize("name", NAMES)
def test_grid_levels_and_window(name):
    s = sf.get_surface(name)
    X, Y, Z = s.grid(30)
    assert X.shape == Y.shape == Z.shape == (30, 30)
    assert X.min() == s.xlim[0] and X.max() == s.xlim[1] and Y.min() == s.ylim[0] and Y.max() == s.ylim[1]
    np.testing.assert_allclose(Z, s.value(np.column_stack([X.ravel(), Y.ravel()])).reshape(30, 30))
    assert np.all(np.diff(s.levels) > 0)  # matplotlib needs increasing levels
    assert s.xlim[0] <= s.start[0] <= s.xlim[1] and s.ylim[0] <= s.start[1] <= s.ylim[1]


# --- run_path and the stability limit of gradient descent ----------------------------------------------
def test_gradient_descent_on_the_bowl_follows_the_closed_form():
    a, b, lr = 1.0, 10.0, 0.15
    bowl = sf.quadratic_bowl(a, b)
    path = sf.run_path(bowl, SGD(lr=lr), start=(2.0, 1.0), steps=40)
    k = np.arange(41)
    # each coordinate is multiplied by (1 - lr * curvature) at every step
    np.testing.assert_allclose(path[:, 0], 2.0 * (1 - lr * a) ** k, rtol=1e-12)
    np.testing.assert_allclose(path[:, 1], 1.0 * (1 - lr * b) ** k, rtol=1e-10, atol=1e-300)
    assert sf.diverged_at(path) is None


@pytest.mark.parametrize("factor", [0.5, 0.9, 0.99])
def test_gradient_descent_converges_below_2_over_b(factor):
    b = 10.0
    path = sf.run_path(sf.quadratic_bowl(1.0, b), SGD(lr=factor * 2 / b), start=(-2.5, 1.5), steps=3000)
    assert sf.diverged_at(path) is None
    assert np.abs(path[-1]).max() < 1e-3


@pytest.mark.parametrize("factor", [1.01, 1.05, 1.5])
def test_gradient_descent_diverges_above_2_over_b(factor):
    b, y0 = 10.0, 1.5
    lr = factor * 2 / b
    path = sf.run_path(sf.quadratic_bowl(1.0, b), SGD(lr=lr), start=(-2.5, y0), steps=3000)
    # y_k = y0 (1 - lr b)^k grows by |1 - lr b| = 2 factor - 1 > 1 per step; it leaves |y| <= 1e6 at
    # the first k with y0 r^k > 1e6
    r = 2 * factor - 1
    k_star = math.floor(math.log(sf.DIVERGENCE_BOUND / y0) / math.log(r)) + 1
    assert sf.diverged_at(path) == k_star
    assert np.isnan(path[k_star:]).all() and np.isfinite(path[:k_star]).all()
    assert abs(path[k_star - 1, 1]) <= sf.DIVERGENCE_BOUND < abs(path[k_star - 1, 1]) * r


def test_gradient_descent_at_exactly_2_over_b_oscillates():
    path = sf.run_path(sf.quadratic_bowl(1.0, 8.0), SGD(lr=2 / 8), start=(1.0, 1.0), steps=50)
    assert sf.diverged_at(path) is None
    np.testing.assert_allclose(path[:, 1], (-1.0) ** np.arange(51))  # y flips sign, never shrinks


def test_run_path_shape_start_and_reset():
    s = sf.rosenbrock()
    opt = Adam(lr=0.05)
    p1 = sf.run_path(s, opt, steps=25)
    assert p1.shape == (26, 2)
    np.testing.assert_array_equal(p1[0], s.start)
    p2 = sf.run_path(s, opt, steps=25)  # the optimizer is reset: same path again
    np.testing.assert_array_equal(p1, p2)
    assert s.value(p1[-1]) < s.value(p1[0])
    p3 = sf.run_path("quadratic_bowl", SGD(0.1), start=[1, 1], steps=0)
    np.testing.assert_array_equal(p3, [[1.0, 1.0]])


def test_diverged_at_by_hand():
    assert sf.diverged_at([[0, 0], [1, 1], [2, 2]]) is None
    assert sf.diverged_at([[0, 0], [1, 1], [np.nan, np.nan], [np.nan, np.nan]]) == 2
    assert sf.diverged_at([[0, 0], [np.inf, 1]]) == 1


@pytest.mark.parametrize(
    "call, exc, word",
    [
        (lambda: sf.run_path("saddle", SGD(0.1), start=(1, 2, 3)), ValueError, r"\(3,\)"),
        (lambda: sf.run_path("saddle", SGD(0.1), steps=-1), ValueError, "steps"),
        (lambda: sf.run_path("saddle", SGD(0.1), start=(np.nan, 0)), ValueError, "start"),
        (lambda: sf.saddle().grad([1.0, 2.0, 3.0]), ValueError, r"\(3,\)"),
        (lambda: sf.saddle().value(np.ones((4, 3))), ValueError, r"\(4, 3\)"),
        (lambda: sf.diverged_at([1.0, 2.0]), ValueError, "2-D"),
    ],
)
def test_bad_input(call, exc, word):
    with pytest.raises(exc, match=word):
        call()
