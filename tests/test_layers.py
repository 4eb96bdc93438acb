"""dlmath.layers.Dense: layout, initialisation, forward/backward by hand and by finite differences."""

import numpy as np
import pytest
from _fd import fd as _fd

from dlmath.layers import Dense

ACTS = ["identity", "sigmoid", "tanh", "relu"]
SHAPES = [(1, 1, 1), (4, 3, 2), (7, 5, 3)]  # (batch, n_in, n_out)


def _layer(n_in, n_out, activation, rng):
    layer = Dense(n_in, n_out, activation, rng=rng)
    layer.b = rng.normal(size=n_out)  # non-zero bias, so db and the shift are exercised
    return layer


# --- layout and initialisation ---------------------------------------------------------------------
def test_shapes_follow_pytorch_layout():
    layer = Dense(3, 5)
    assert layer.W.shape == (5, 3) and layer.b.shape == (5,)
    np.testing.assert_array_equal(layer.b, 0.0)
    assert layer.n_params == 3 * 5 + 5
    W, b = layer.parameters()
    assert W.shape == (5, 3) and b.shape == (5,)
    assert "3" in repr(layer) and "5" in repr(layer)


def test_he_init_for_relu():
    W = Dense(400, 500, "relu", rng=1).W
    assert abs(W.mean()) < 0.005
    np.testing.assert_allclose(W.std(), np.sqrt(2 / 400), rtol=0.01)  # 200,000 draws: ~0.2% noise


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "identity", None])
def test_glorot_uniform_for_the_others(activation):
    n_in, n_out = 300, 200
    W = Dense(n_in, n_out, activation, rng=2).W
    limit = np.sqrt(6 / (n_in + n_out))
    assert W.min() >= -limit and W.max() <= limit
    assert W.min() < -0.99 * limit and W.max() > 0.99 * limit
    np.testing.assert_allclose(W.std(), limit / np.sqrt(3), rtol=0.01)


def test_rng_seeds():
    np.testing.assert_array_equal(Dense(4, 3, rng=None).W, Dense(4, 3, rng=0).W)
    np.testing.assert_array_equal(Dense(4, 3, rng=7).W, Dense(4, 3, rng=np.random.default_rng(7)).W)
    assert not np.array_equal(Dense(4, 3, rng=1).W, Dense(4, 3, rng=2).W)
    with pytest.raises(TypeError, match="rng"):
        Dense(4, 3, rng="seed")


# --- forward and backward by hand -----------------------------------------------------------------------
def _hand_layer(activation=None):
    layer = Dense(2, 3, activation)
    layer.W = [[1, 0], [0, 1], [1, 1]]
    layer.b = [0, 0, -1]
    return layer


def test_forward_by_hand():
    layer = _hand_layer()
    # x = (1, 2): z = (1, 2, 1 + 2 - 1) ; x = (-1, 1): z = (-1, 1, -1)
    A = layer.forward([[1, 2], [-1, 1]])
    np.testing.assert_array_equal(A, [[1, 2, 2], [-1, 1, -1]])
    relu = _hand_layer("relu")
    np.testing.assert_array_equal(relu([[1, 2], [-1, 1]]), [[1, 2, 2], [0, 1, 0]])
    sig = _hand_layer("sigmoid")
    np.testing.assert_allclose(sig([[0, 0]]), [[0.5, 0.5, 1 / (1 + np.e)]], rtol=1e-15)


def test_backward_by_hand():
    layer = _hand_layer()
    layer.forward([[1, 2]])
    dX = layer.backward([[1, 2, 3]])
    # identity: dZ = grad_out; dW = dZ.T X; db = dZ; dX = dZ W = (1 + 3, 2 + 3)
    np.testing.assert_array_equal(layer.dW, [[1, 2], [2, 4], [3, 6]])
    np.testing.assert_array_equal(layer.db, [1, 2, 3])
    np.testing.assert_array_equal(dX, [[4, 5]])
    relu = _hand_layer("relu")
    relu.forward([[-1, 1]])  # z = (-1, 1, -1): only node 1 is active
    dX = relu.backward([[1, 2, 3]])
    np.testing.assert_array_equal(relu.dW, [[0, 0], [-2, 2], [0, 0]])
    np.testing.assert_array_equal(relu.db, [0, 2, 0])
    np.testing.assert_array_equal(dX, [[0, 2]])
    assert [g.shape for g in relu.gradients()] == [(3, 2), (3,)]


# --- gradients by finite differences on random shapes -------------------------------------------------------
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("activation", ACTS)
def test_backward_matches_finite_differences(activation, shape, rng):
    batch, n_in, n_out = shape
    layer = _layer(n_in, n_out, activation, rng)
    X = rng.normal(size=(batch, n_in))
    G = rng.normal(size=(batch, n_out))  # L = sum(G * A), so dL/dA = G
    W0, b0 = layer.W.copy(), layer.b.copy()

    def loss_W(W):
        layer.W = W
        out = float(np.sum(G * layer.forward(X)))
        layer.W = W0
        return out

    def loss_b(b):
        layer.b = b
        out = float(np.sum(G * layer.forward(X)))
        layer.b = b0
        return out

    num_dX = _fd(lambda x: float(np.sum(G * layer.forward(x))), X)
    num_dW, num_db = _fd(loss_W, W0), _fd(loss_b, b0)
    layer.forward(X)
    dX = layer.backward(G)
    np.testing.assert_allclose(dX, num_dX, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(layer.dW, num_dW, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(layer.db, num_db, rtol=1e-6, atol=1e-8)
    # and the formulas of the design
    _, Z, A = layer._cache
    dZ = layer.activation.backward(Z, A, G)
    np.testing.assert_allclose(layer.dW, dZ.T @ X, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(layer.db, dZ.sum(axis=0), rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("activation", ACTS)
def test_backward_never_changes_its_inputs(activation, rng):
    layer = _layer(4, 3, activation, rng)
    X = rng.normal(size=(5, 4))
    G = rng.normal(size=(5, 3))
    X0, G0, W0, b0 = X.copy(), G.copy(), layer.W.copy(), layer.b.copy()
    A = layer.forward(X)
    A0 = A.copy()
    dX = layer.backward(G)
    for before, after in [(X0, X), (G0, G), (W0, layer.W), (b0, layer.b), (A0, A)]:
        np.testing.assert_array_equal(before, after)
    assert not np.shares_memory(dX, G) and not np.shares_memory(dX, X)
    # gradients are overwritten by each backward, not accumulated
    dW1 = layer.dW.copy()
    layer.backward(G)
    np.testing.assert_array_equal(layer.dW, dW1)


def test_backward_without_input_grad_still_fills_dW(rng):
    layer = _layer(3, 2, "tanh", rng)
    X, G = rng.normal(size=(4, 3)), rng.normal(size=(4, 2))
    layer.forward(X)
    dX = layer.backward(G)
    dW, db = layer.dW.copy(), layer.db.copy()
    layer.dW[...] = 0
    assert layer.backward(G, input_grad=False) is None
    np.testing.assert_array_equal(layer.dW, dW)
    np.testing.assert_array_equal(layer.db, db)
    assert dX.shape == (4, 3)


# --- parameters are live; assignment copies in ---------------------------------------------------------------
def test_setting_W_copies_into_the_live_array(rng):
    layer = Dense(2, 3)
    W_live, b_live = layer.parameters()
    new = rng.normal(size=(3, 2))
    layer.W = new
    np.testing.assert_array_equal(W_live, new)  # the old reference sees the new values
    new[0, 0] = 99.0
    assert layer.W[0, 0] != 99.0  # a copy, not the caller's array
    layer.b = [1, 2, 3]
    np.testing.assert_array_equal(b_live, [1.0, 2.0, 3.0])
    W_live[...] = 0.0  # in-place changes reach forward
    b_live[...] = 0.0
    np.testing.assert_array_equal(layer.forward([[5.0, 6.0]]), [[0.0, 0.0, 0.0]])


def test_integer_and_list_inputs_are_converted():
    layer = _hand_layer()
    np.testing.assert_array_equal(layer.forward(np.array([[1, 2]], dtype=np.int32)), [[1, 2, 2]])
    layer = _hand_layer("sigmoid")
    out = layer.forward([[0, 1]])
    assert out.dtype == np.float64 and np.all((out > 0) & (out < 1))  # not truncated to 0/1


# --- bad input --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "call, exc, words",
    [
        (lambda: Dense(3, 2).forward(np.ones((4, 2))), ValueError, ["n_in = 3", "(4, 2)"]),
        (lambda: Dense(3, 2).forward(np.ones(3)), ValueError, ["2-D", "(3,)"]),
        (lambda: Dense(3, 2).forward(np.ones((0, 3))), ValueError, ["empty"]),
        (lambda: Dense(3, 2).forward([[1, np.nan, 2]]), ValueError, ["X", "NaN"]),
        (lambda: Dense(3, 2).forward([["a", "b", "c"]]), TypeError, ["X"]),
        (lambda: Dense(3, 2).backward(np.ones((1, 2))), RuntimeError, ["forward"]),
        (lambda: Dense(0, 2), ValueError, ["n_in", ">= 1"]),
        (lambda: Dense(2.5, 2), TypeError, ["n_in", "integer"]),
        (lambda: Dense(2, 2, "swish"), ValueError, ["swish", "relu", "sigmoid", "tanh"]),
        (lambda: setattr(Dense(2, 3), "W", np.ones((2, 3))), ValueError, ["(3, 2)", "(2, 3)"]),
        (lambda: setattr(Dense(2, 3), "b", np.ones(2)), ValueError, ["(3,)", "(2,)"]),
        (lambda: setattr(Dense(2, 3), "W", np.full((3, 2), np.inf)), ValueError, ["W", "infinity"]),
    ],
)
def test_bad_input(call, exc, words):
    with pytest.raises(exc) as err:
        call()
    for w in words:
        assert w in str(err.value), (w, str(err.value))


def test_backward_grad_out_shape_checked():
    layer = Dense(3, 2)
    layer.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"\(4, 2\).*\(4, 3\)"):
        layer.backward(np.ones((4, 3)))


def test_W_is_stored_as_documented_and_dW_is_dZ_T_X(rng):
    """W is a C-ordered (n_out, n_in) array; dW = dZ.T @ X, db = dZ summed, dX = dZ @ W."""
    layer = Dense(4, 3, "tanh", rng=1)
    assert layer.W.shape == (3, 4) and layer.W.flags.c_contiguous
    X, grad_out = rng.normal(size=(5, 4)), rng.normal(size=(5, 3))
    X0, g0 = X.copy(), grad_out.copy()
    A = layer.forward(X)
    dX = layer.backward(grad_out)
    dZ = g0 * (1 - np.tanh(X0 @ layer.W.T + layer.b) ** 2)
    np.testing.assert_allclose(A, np.tanh(X0 @ layer.W.T), rtol=1e-14)
    np.testing.assert_allclose(layer.dW, dZ.T @ X0, rtol=1e-13)
    np.testing.assert_allclose(layer.db, dZ.sum(axis=0), rtol=1e-13)
    np.testing.assert_allclose(dX, dZ @ layer.W, rtol=1e-13)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(grad_out, g0)


def test_public_methods_take_no_private_keyword_arguments():
    import inspect

    from dlmath import Adam, Network, train
    from dlmath.losses import Loss

    for obj in (Dense, Network, Adam, Loss):
        for name, fn in inspect.getmembers(obj, inspect.isfunction):
            if not name.startswith("_") or name == "__init__":
                params = inspect.signature(fn).parameters
                assert not [p for p in params if p.startswith("_")], f"{obj.__name__}.{name}{list(params)}"
    assert not [p for p in inspect.signature(train).parameters if p.startswith("_")]
