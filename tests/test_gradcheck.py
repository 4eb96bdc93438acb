"""dlmath.gradcheck: the checker agrees with closed forms and catches broken gradients."""

import numpy as np
import pytest

from dlmath import gradcheck as gc
from dlmath.activations import Activation, sigmoid, sigmoid_grad
from dlmath.layers import Dense
from dlmath.network import MLP, Network


# --- numerical_gradient against closed forms -----------------------------------------------------------
def test_numerical_gradient_of_a_cubic(rng):
    x = rng.normal(size=(3, 4))
    x0 = x.copy()
    g = gc.numerical_gradient(lambda v: np.sum(v**3), x)
    assert g.shape == (3, 4) and g.dtype == np.float64
    np.testing.assert_allclose(g, 3 * x**2, rtol=1e-8, atol=1e-9)
    np.testing.assert_array_equal(x, x0)  # the point is never modified


def test_numerical_gradient_of_a_quadratic_form(rng):
    A = rng.normal(size=(4, 4))
    x = rng.normal(size=4)
    np.testing.assert_allclose(gc.numerical_gradient(lambda v: v @ A @ v, x), (A + A.T) @ x, rtol=1e-7, atol=1e-9)


def test_numerical_gradient_accepts_integers_and_lists():
    # f = x0^2 x1 at (3, 2): gradient (2 x0 x1, x0^2) = (12, 9); ints are not truncated
    g = gc.numerical_gradient(lambda v: v[0] ** 2 * v[1], [3, 2])
    np.testing.assert_allclose(g, [12, 9], rtol=1e-8)
    g = gc.numerical_gradient(lambda v: np.sum(np.sin(v)), np.array([0, 1], dtype=np.int64))
    np.testing.assert_allclose(g, np.cos([0.0, 1.0]), rtol=1e-8)


def test_numerical_gradient_bad_input():
    with pytest.raises(ValueError, match="eps"):
        gc.numerical_gradient(np.sum, [1.0], eps=0)
    with pytest.raises(ValueError, match="x contains NaN"):
        gc.numerical_gradient(np.sum, [1.0, np.nan])


# --- relative_error ------------------------------------------------------------------------------------
def test_relative_error_by_hand():
    a = np.array([3.0, 4.0])
    assert gc.relative_error(a, a) == 0.0
    assert gc.relative_error(a, -a) == pytest.approx(1.0)
    assert gc.relative_error([0, 0], [0, 0]) == 0.0
    assert gc.relative_error([1, 0], [0, 1]) == pytest.approx(np.sqrt(2) / 2)
    # ||a - b|| = 0.5, ||a|| = 5, ||b|| = sqrt(9 + 20.25)
    assert gc.relative_error(a, [3.0, 4.5]) == pytest.approx(0.5 / (5 + np.sqrt(29.25)), rel=1e-14)
    with pytest.raises(ValueError, match=r"\(2,\).*\(3,\)"):
        gc.relative_error([1, 2], [1, 2, 3])


# --- gradcheck ---------------------------------------------------------------------------------------------
def test_gradcheck_passes_right_and_fails_wrong_gradients(rng):
    x = rng.normal(size=5)

    def f(v):
        return float(np.sum(np.exp(v)))

    assert gc.gradcheck(f, x, np.exp(x)) < 1e-8
    assert gc.gradcheck(f, x, np.exp) < 1e-8  # a callable gradient
    # twice the gradient: ||g - 2g|| / (||g|| + ||2g||) = 1/3
    assert gc.gradcheck(f, x, 2 * np.exp(x)) == pytest.approx(1 / 3, rel=1e-6)
    with pytest.raises(AssertionError, match="relative error"):
        gc.gradcheck(f, x, 2 * np.exp(x), raise_on_fail=True)
    assert gc.gradcheck(f, x, np.exp(x), raise_on_fail=True) < 1e-6


def test_gradcheck_callable_gets_a_copy(rng):
    x = rng.normal(size=3)
    x0 = x.copy()

    def grad(v):
        g = 2 * v
        v[...] = 99.0  # a careless gradient function that scribbles on its input
        return g

    assert gc.gradcheck(lambda v: float(v @ v), x, grad) < 1e-8
    np.testing.assert_array_equal(x, x0)


# --- check_network_gradients ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "loss, make_y",
    [
        ("mse", lambda rng: rng.normal(size=(6, 3))),
        ("cross_entropy", lambda rng: rng.integers(0, 3, size=6)),
        ("binary_cross_entropy", lambda rng: rng.uniform(size=(6, 3))),
    ],
)
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "identity"])
def test_check_network_gradients_healthy(activation, loss, make_y, rng):
    net = MLP([4, 5, 3], activation=activation, rng=1)
    X, y = rng.normal(size=(6, 4)), make_y(rng)
    before = net.flat_parameters.copy()
    errors = gc.check_network_gradients(net, loss, X, y)
    assert set(errors) == {"W1", "b1", "W2", "b2"}
    assert max(errors.values()) < 1e-6, errors
    np.testing.assert_array_equal(net.flat_parameters, before)  # parameters restored


def test_check_network_gradients_catches_a_broken_backward(rng):
    # a sigmoid whose backward forgets the (1 - a) factor
    broken = Activation("sigmoid", sigmoid, sigmoid_grad, lambda z, a, grad_a: grad_a * a)
    net = Network([Dense(3, 4, "sigmoid", rng=0), Dense(4, 2, rng=1)])
    net.layers[0].activation = broken
    X, y = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    errors = gc.check_network_gradients(net, "mse", X, y)
    assert errors["W1"] > 0.1 and errors["b1"] > 0.1, errors  # the broken layer is flagged
    assert errors["W2"] < 1e-6 and errors["b2"] < 1e-6, errors  # the healthy one is not
