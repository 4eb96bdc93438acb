"""dlmath.activations: values by hand, derivatives by finite differences, stability, names."""

import math
import warnings

import numpy as np
import pytest

from dlmath import activations as act

FUNCS = {
    "sigmoid": (act.sigmoid, act.sigmoid_grad),
    "relu": (act.relu, act.relu_grad),
    "tanh": (act.tanh, act.tanh_grad),
    "identity": (act.identity, act.identity_grad),
}
SHAPES = [(7,), (3, 4), (2, 3, 5)]


def _random_away_from_kink(rng, shape):
    """Normal values pushed at least 0.05 away from 0, where relu has its kink."""
    z = rng.normal(scale=2.0, size=shape)
    return np.where(np.abs(z) < 0.05, np.sign(z) * 0.05 + z, z) + 0.0


# --- hand-worked values ----------------------------------------------------------------------
def test_values_by_hand():
    assert act.sigmoid(0.0) == 0.5
    np.testing.assert_allclose(act.sigmoid(np.log(3.0)), 0.75, rtol=1e-15)  # 3 / (1 + 3)
    np.testing.assert_allclose(act.sigmoid(-np.log(3.0)), 0.25, rtol=1e-15)
    assert act.sigmoid_grad(0.0) == 0.25
    np.testing.assert_allclose(act.sigmoid_grad(np.log(3.0)), 0.75 * 0.25, rtol=1e-15)
    np.testing.assert_array_equal(act.relu([-2, 0, 3]), [0, 0, 3])
    np.testing.assert_array_equal(act.relu_grad([-2, 0, 3]), [0, 0, 1])  # relu'(0) = 0 (PyTorch)
    assert act.tanh(0.0) == 0.0 and act.tanh_grad(0.0) == 1.0
    np.testing.assert_allclose(act.tanh(np.log(2.0)), 3 / 5, rtol=1e-15)  # (2 - 1/2) / (2 + 1/2)
    np.testing.assert_allclose(act.tanh_grad(np.log(2.0)), 1 - 9 / 25, rtol=1e-15)
    np.testing.assert_array_equal(act.identity([[1, -2]]), [[1.0, -2.0]])
    np.testing.assert_array_equal(act.identity_grad([[1, -2]]), [[1.0, 1.0]])


def test_identities_between_activations(rng):
    z = rng.normal(scale=3, size=(4, 5))
    np.testing.assert_allclose(act.sigmoid(-z), 1 - act.sigmoid(z), atol=1e-15)
    np.testing.assert_allclose(act.tanh(z), 2 * act.sigmoid(2 * z) - 1, atol=1e-14)
    np.testing.assert_allclose(act.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-14)


@pytest.mark.parametrize("name", list(FUNCS))
def test_shape_dtype_and_integer_lists(name):
    f, g = FUNCS[name]
    for z in ([[1, 2, 3], [-1, 0, 4]], np.arange(6).reshape(2, 3)):
        for out in (f(z), g(z)):
            assert out.shape == (2, 3) and out.dtype == np.float64
    # integers are converted, not truncated: sigmoid(1) is not 0 or 1
    assert 0 < float(act.sigmoid(1)) < 1


# --- derivatives by finite differences (elementwise centred differences) -------------------
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("name", list(FUNCS))
def test_grad_matches_finite_differences(name, shape, rng):
    f, g = FUNCS[name]
    z = _random_away_from_kink(rng, shape)
    h = 1e-6
    numeric = (f(z + h) - f(z - h)) / (2 * h)
    np.testing.assert_allclose(g(z), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", list(FUNCS))
def test_activation_backward_is_chain_rule_and_pure(name, rng):
    a_obj = act.get_activation(name)
    z = _random_away_from_kink(rng, (6, 4))
    a = a_obj(z)
    grad_a = rng.normal(size=z.shape)
    copies = [z.copy(), a.copy(), grad_a.copy()]
    dz = a_obj.backward(z, a, grad_a)
    np.testing.assert_allclose(dz, grad_a * FUNCS[name][1](z), rtol=1e-12, atol=1e-15)
    for before, after in zip(copies, (z, a, grad_a)):
        np.testing.assert_array_equal(before, after)  # backward changed nothing in place
    np.testing.assert_array_equal(a_obj.grad(z), FUNCS[name][1](z))


def test_softmax_jacobian_by_finite_differences(rng):
    z = rng.normal(size=5)
    s = act.softmax(z)
    J = np.diag(s) - np.outer(s, s)  # d softmax_i / d z_j
    h = 1e-6
    numeric = np.column_stack([(act.softmax(z + h * e) - act.softmax(z - h * e)) / (2 * h) for e in np.eye(5)])
    np.testing.assert_allclose(J, numeric, atol=1e-9)


# --- softmax ---------------------------------------------------------------------------------
def test_softmax_by_hand_and_properties(rng):
    np.testing.assert_allclose(act.softmax([0.0, np.log(3.0)]), [0.25, 0.75], rtol=1e-15)
    np.testing.assert_allclose(act.softmax(np.zeros((2, 4))), np.full((2, 4), 0.25))
    z = rng.normal(size=(3, 4))
    s = act.softmax(z)
    np.testing.assert_allclose(s.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(act.softmax(z + 100.0), s, rtol=1e-12)  # shift invariance
    s0 = act.softmax(z, axis=0)
    np.testing.assert_allclose(s0.sum(axis=0), 1.0, rtol=1e-15)
    np.testing.assert_allclose(s0, act.softmax(z.T).T, rtol=1e-15)


def test_softmax_large_scores_no_overflow():
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        np.testing.assert_array_equal(act.softmax([[1000.0, 0.0], [-1000.0, -1000.0]]), [[1, 0], [0.5, 0.5]])


def test_softmax_bad_input():
    with pytest.raises(ValueError, match="z contains NaN"):
        act.softmax([1.0, np.nan])
    with pytest.raises(ValueError, match="1-D"):
        act.softmax(3.0)
    with pytest.raises(TypeError):
        act.softmax("abc")


# --- sigmoid stability -----------------------------------------------------------------------
def test_sigmoid_large_inputs_no_overflow_warnings():
    z = np.array([-1e308, -1e5, -800.0, -50.0, 0.0, 50.0, 800.0, 1e5, 1e308, -np.inf, np.inf])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        s = act.sigmoid(z)
        ds = act.sigmoid_grad(z)
    assert np.all(np.isfinite(s)) and np.all((s >= 0) & (s <= 1))
    assert s[0] == 0.0 and s[-3] == 1.0 and s[-2] == 0.0 and s[-1] == 1.0
    assert np.all(np.isfinite(ds)) and np.all(ds >= 0)


def test_sigmoid_all_floating_point_errors_raise_within_normal_range():
    # exp(-700) ~ 1e-304 is still a normal float, so even underflow must not be signalled here.
    # (Beyond |z| ~ 708 sigmoid(-|z|) truly rounds to 0: that underflow is correct rounding.)
    z = np.linspace(-700, 700, 101)
    with np.errstate(all="raise"):
        s = act.sigmoid(z)
    assert np.all(np.isfinite(s))


def test_sigmoid_keeps_relative_precision_for_negative_inputs():
    # 1 - sigmoid(40) would round to 0; the stable form keeps the tiny value exactly
    for z in (-20.0, -40.0, -700.0):
        exact = math.exp(z) / (1 + math.exp(z))
        np.testing.assert_allclose(act.sigmoid(z), exact, rtol=1e-13)


# --- names ----------------------------------------------------------------------------------
def test_get_activation_names():
    assert set(act.ACTIVATIONS) == {"sigmoid", "relu", "tanh", "identity"}
    for name in act.ACTIVATIONS:
        a = act.get_activation(name)
        assert isinstance(a, act.Activation) and a.name == name
        assert a(0.5) == FUNCS[name][0](0.5)
    assert act.get_activation(None).name == "identity"
    assert act.get_activation("ReLU").name == "relu"
    sig = act.get_activation("sigmoid")
    assert act.get_activation(sig) is sig


def test_unknown_activation_lists_valid_names():
    with pytest.raises(ValueError) as err:
        act.get_activation("swish")
    msg = str(err.value)
    assert "swish" in msg
    for name in ("sigmoid", "relu", "tanh", "identity"):
        assert name in msg
    with pytest.raises(TypeError, match="activation must be"):
        act.get_activation(3)
