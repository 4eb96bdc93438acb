"""dlmath.network: composition, backward by finite differences, the flat parameter buffer, MLP."""

import numpy as np
import pytest

from dlmath import gradcheck, losses
from dlmath.layers import Dense
from dlmath.network import MLP, Network
from dlmath.optimizers import SGD

ACTS = ["identity", "sigmoid", "tanh", "relu"]


def _net(rng, activation="tanh", sizes=(3, 5, 4, 2)):
    layers = [
        Dense(a, b, activation if i < len(sizes) - 2 else None, rng=rng)
        for i, (a, b) in enumerate(zip(sizes, sizes[1:]))
    ]
    net = Network(layers)
    for layer in net.layers:
        layer.b = rng.normal(scale=0.5, size=layer.n_out)
    return net


# --- forward and backward ------------------------------------------------------------------------------
def test_forward_is_the_composition_of_the_layers(rng):
    net = _net(rng)
    X = rng.normal(size=(6, 3))
    (W1, b1), (W2, b2), (W3, b3) = [layer.parameters() for layer in net.layers]
    expected = np.tanh(np.tanh(X @ W1.T + b1) @ W2.T + b2) @ W3.T + b3
    np.testing.assert_allclose(net.forward(X), expected, rtol=1e-13)
    np.testing.assert_allclose(net(X), expected, rtol=1e-13)
    np.testing.assert_allclose(net.predict(X), expected, rtol=1e-13)
    assert net.n_in == 3 and net.n_out == 2


@pytest.mark.parametrize("activation", ACTS)
@pytest.mark.parametrize("loss_name", ["mse", "cross_entropy", "binary_cross_entropy"])
def test_whole_network_gradients_by_finite_differences(activation, loss_name, rng):
    """All parameter gradients at once, by perturbing the flat buffer (independent of gradcheck)."""
    net = _net(rng, activation)
    X = rng.normal(size=(5, 3))
    y = {
        "mse": rng.normal(size=(5, 2)),
        "cross_entropy": rng.integers(0, 2, size=5),
        "binary_cross_entropy": rng.uniform(size=(5, 2)),
    }[loss_name]
    loss = losses.get_loss(loss_name)
    net.backward(loss.grad(net.forward(X), y))
    analytic = net.flat_gradients.copy()
    theta = net.flat_parameters
    numeric = np.zeros_like(theta)
    h = 1e-6
    for i in range(theta.size):
        old = theta[i]
        theta[i] = old + h
        fp = loss.value(net.forward(X), y)
        theta[i] = old - h
        fm = loss.value(net.forward(X), y)
        theta[i] = old
        numeric[i] = (fp - fm) / (2 * h)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-8)
    # and the same through the public checker, one entry per parameter array
    errors = gradcheck.check_network_gradients(net, loss_name, X, y)
    assert list(errors) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("activation", ACTS)
def test_input_gradient_by_finite_differences(activation, rng):
    net = _net(rng, activation)
    X = rng.normal(size=(4, 3))
    G = rng.normal(size=(4, 2))
    G0 = G.copy()
    net.forward(X)
    dX = net.backward(G)
    np.testing.assert_array_equal(G, G0)  # backward leaves grad_out alone
    numeric = gradcheck.numerical_gradient(lambda x: float(np.sum(G * net.forward(x))), X)
    np.testing.assert_allclose(dX, numeric, rtol=1e-6, atol=1e-8)
    assert net.backward(G, input_grad=False) is None


def test_predict_does_not_disturb_a_pending_backward(rng):
    net = _net(rng)
    X, G = rng.normal(size=(4, 3)), rng.normal(size=(4, 2))
    net.forward(X)
    net.backward(G)
    expected = [g.copy() for g in net.gradients()]
    net.forward(X)
    net.predict(rng.normal(size=(4, 3)))  # e.g. a look at validation data
    net.backward(G)
    for g, e in zip(net.gradients(), expected):
        np.testing.assert_allclose(g, e, rtol=1e-13)


# --- parameters: live views into one flat buffer ------------------------------------------------------------
def test_parameters_are_views_into_the_flat_buffer(rng):
    net = _net(rng)
    params, grads = net.parameters(), net.gradients()
    assert [p.shape for p in params] == [(5, 3), (5,), (4, 5), (4,), (2, 4), (2,)]
    assert net.parameter_names() == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert net.flat_parameters.shape == (net.n_params,) == (5 * 3 + 5 + 4 * 5 + 4 + 2 * 4 + 2,)
    for p, g in zip(params, grads):
        assert np.shares_memory(p, net.flat_parameters)
        assert np.shares_memory(g, net.flat_gradients)
    # the views are disjoint and together cover the buffer
    for p in params:
        net.flat_parameters[...] = 0.0
        p[...] = 1.0
        assert net.flat_parameters.sum() == p.size
    # initial values survive the move into the buffer: same as a lone layer with that seed
    np.testing.assert_array_equal(Network([Dense(3, 5, rng=4)]).layers[0].W, Dense(3, 5, rng=4).W)


def test_optimizer_on_parameter_list_moves_the_flat_buffer(rng):
    net = _net(rng)
    X = rng.normal(size=(4, 3))
    net.backward(losses.mse_grad(net.forward(X), np.zeros((4, 2))))
    before = net.flat_parameters.copy()
    SGD(lr=0.5).step(net.parameters(), net.gradients())
    np.testing.assert_allclose(net.flat_parameters, before - 0.5 * net.flat_gradients, rtol=1e-15)


def test_setting_layer_W_writes_into_the_flat_buffer(rng):
    net = _net(rng)
    layer = net.layers[1]
    new = rng.normal(size=(4, 5))
    layer.W = new
    np.testing.assert_array_equal(net.parameters()[2], new)
    assert np.shares_memory(layer.W, net.flat_parameters)
    X = rng.normal(size=(2, 3))
    out = (
        np.tanh(np.tanh(X @ net.layers[0].W.T + net.layers[0].b) @ new.T + layer.b) @ net.layers[2].W.T
        + net.layers[2].b
    )
    np.testing.assert_allclose(net.forward(X), out, rtol=1e-13)


# --- classes --------------------------------------------------------------------------------------------
def test_predict_classes_argmax_and_threshold():
    net = Network([Dense(2, 3)])
    net.layers[0].W = [[1, 0], [0, 1], [-1, -1]]
    np.testing.assert_array_equal(net.predict_classes([[2, 1], [0, 3], [-1, -1]]), [0, 1, 2])
    binary = Network([Dense(2, 1)])
    binary.layers[0].W = [[1, -1]]
    pred = binary.predict_classes([[2, 1], [1, 2], [5, 5]])
    np.testing.assert_array_equal(pred, [1, 0, 0])  # logit > 0 means class 1; 0 is not > 0
    assert pred.dtype.kind == "i"


# --- MLP and repr -------------------------------------------------------------------------------------------
def test_mlp_structure_and_repr():
    net = MLP([64, 128, 10])
    assert [(layer.n_in, layer.n_out) for layer in net.layers] == [(64, 128), (128, 10)]
    assert [layer.activation.name for layer in net.layers] == ["relu", "identity"]
    assert net.n_params == 64 * 128 + 128 + 128 * 10 + 10 == 9610
    text = repr(net)
    assert "9,610" in text and "(128, 64)" in text and "relu" in text
    deep = MLP([2, 8, 8, 1], activation="tanh", output_activation="sigmoid")
    assert [layer.activation.name for layer in deep.layers] == ["tanh", "tanh", "sigmoid"]


def test_mlp_seeded():
    a, b, c = MLP([3, 4, 2], rng=5), MLP([3, 4, 2], rng=5), MLP([3, 4, 2], rng=6)
    np.testing.assert_array_equal(a.flat_parameters, b.flat_parameters)
    assert not np.array_equal(a.flat_parameters, c.flat_parameters)
    np.testing.assert_array_equal(MLP([3, 2]).flat_parameters, MLP([3, 2], rng=0).flat_parameters)


# --- bad input -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "call, exc, words",
    [
        (lambda: Network([Dense(2, 3), Dense(4, 1)]), ValueError, ["layer 0", "3", "layer 1", "n_in = 4"]),
        (lambda: Network([]), ValueError, ["at least one layer"]),
        (lambda: Network([1]), TypeError, ["layer 0", "not a layer"]),
        (lambda: MLP([3]), ValueError, ["sizes", "[3]"]),
        (lambda: MLP([3, 0, 1]), ValueError, [">= 1"]),
        (lambda: MLP([3, 4, 2], activation="swish"), ValueError, ["swish", "relu"]),
        (lambda: MLP([3, 2]).forward(np.ones((4, 2))), ValueError, ["n_in = 3", "(4, 2)"]),
        (lambda: MLP([3, 2]).forward([[1, 2, np.nan]]), ValueError, ["NaN"]),
        (lambda: MLP([3, 2]).forward(np.ones((0, 3))), ValueError, ["empty"]),
    ],
)
def test_bad_input(call, exc, words):
    with pytest.raises(exc) as err:
        call()
    for w in words:
        assert w in str(err.value), (w, str(err.value))


def test_backward_wrong_shape():
    net = MLP([3, 4, 2])
    net.forward(np.ones((5, 3)))
    with pytest.raises(ValueError, match=r"\(5, 2\)"):
        net.backward(np.ones((5, 3)))


# ------------------------------------------------------------------ precision (dtype)


def test_float32_network_computes_and_trains_in_float32():
    from dlmath import Adam, train
    from dlmath.datasets import make_moons

    X, y = make_moons(n=120, noise=0.1, seed=0)
    net = MLP([2, 16, 2], activation="tanh", rng=0, dtype=np.float32)
    assert net.flat_parameters.dtype == np.float32
    assert all(p.dtype == np.float32 for p in net.parameters())
    assert net.forward(X).dtype == np.float32  # float64 input is converted once
    h = train(net, X, y, loss="cross_entropy", optimizer=Adam(0.05), epochs=40, batch_size=32)
    assert all(g.dtype == np.float32 for g in net.gradients())
    assert h.loss[-1] < 0.5 * h.loss[0]


def test_float32_matches_float64_to_single_precision(rng):
    X = rng.normal(size=(7, 3))
    n64 = MLP([3, 5, 2], activation="tanh", rng=3)
    n32 = MLP([3, 5, 2], activation="tanh", rng=3, dtype=np.float32)
    np.testing.assert_allclose(n32.forward(X), n64.forward(X), rtol=1e-5, atol=1e-6)


def test_bad_and_mixed_dtypes_are_named():
    with pytest.raises(TypeError, match="float64.*float32.*int64|int64"):
        Dense(2, 3, dtype=np.int64)
    with pytest.raises(TypeError, match="same dtype"):
        Network([Dense(2, 3, dtype=np.float32), Dense(3, 1)])


def test_deepcopy_gets_its_own_flat_buffer_and_trains_independently(rng):
    import copy

    from dlmath import train

    X, y = rng.normal(size=(20, 2)), rng.normal(size=(20, 1))
    net = MLP([2, 4, 1], activation="tanh", rng=0)
    twin = copy.deepcopy(net)
    for p, q in zip(net.parameters(), twin.parameters()):
        np.testing.assert_array_equal(p, q)
        assert not np.shares_memory(p, q)
    assert all(np.shares_memory(p, twin.flat_parameters) for p in twin.parameters())
    before = twin.predict(X).copy()
    train(twin, X, y, optimizer=SGD(0.1), epochs=5)
    assert not np.allclose(twin.predict(X), before)  # training the copy changes it ...
    np.testing.assert_array_equal(
        net.predict(X), MLP([2, 4, 1], activation="tanh", rng=0).predict(X)
    )  # ... not the original


def test_classes_from_logits_is_the_rule_of_predict_classes():
    from dlmath.network import classes_from_logits

    # worked by hand: row-wise argmax; a single logit is class 1 when positive (0 is not)
    np.testing.assert_array_equal(classes_from_logits([[0.0, 1.0], [5.0, -5.0], [2.0, 2.5]]), [1, 0, 1])
    np.testing.assert_array_equal(classes_from_logits([[-1.0], [0.0], [0.1]]), [0, 0, 1])
    net = MLP([2, 5, 3], rng=1)
    X = np.random.default_rng(0).normal(size=(20, 2))
    np.testing.assert_array_equal(net.predict_classes(X), classes_from_logits(net.predict(X)))
    with pytest.raises(ValueError, match=r"logits must have shape \(batch, k\)"):
        classes_from_logits([1.0, 2.0])
