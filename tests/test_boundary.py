"""The check at the boundary: input is checked once where it enters, and the inner calls skip it.

``train`` checks X, y and the validation data before the first step, then calls
``net.forward(xb, check=False)``, ``loss.value_and_grad(out, yb, check=False)`` and
``net.backward(grad, input_grad=False, check=False)``. These tests prove the three promises of
docs/DESIGN.md: a public call with ``check`` on (the default) still rejects bad input; ``train``
rejects bad data before it changes a parameter, wherever in the data the bad row is; and
skipping the checks changes no number (``train`` equals a hand-written NumPy loop bit for bit).
"""

import numpy as np
import pytest

from dlmath import losses
from dlmath.datasets import load_digits, make_blobs, one_hot
from dlmath.layers import Dense
from dlmath.network import MLP
from dlmath.optimizers import SGD, Adam
from dlmath.training import train


class _Recorder(SGD):
    """SGD that counts its steps, to prove that bad data stops train before the first one."""

    def __init__(self):
        super().__init__(lr=0.1)
        self.calls = 0

    def step(self, params, grads):
        self.calls += 1
        super().step(params, grads)


# --- train: bad data is rejected before the first step, wherever it is ---------------------------------------
def _data(n=40):
    X, y = make_blobs(n=n, centers=3, std=2.0, seed=2)
    return X, y


def _last_row(values, bad):
    """``values`` with its last row replaced by ``bad``: only the last mini-batch would see it."""
    out = np.array(values, dtype=float)
    out[-1] = bad
    return out


@pytest.mark.parametrize(
    "loss, n_out, y, exc, words",
    [
        ("cross_entropy", 3, lambda y: _last_row(y, 3), ValueError, ["y", "[0, 3)", "the network has 3 outputs"]),
        ("cross_entropy", 3, lambda y: _last_row(y, 0.5), ValueError, ["y", "integer"]),
        ("cross_entropy", 3, lambda y: _last_row(one_hot(y, 3), [0.5, 0.6, 0.0]), ValueError, ["summing to 1"]),
        ("cross_entropy", 3, lambda y: _last_row(one_hot(y, 3), [1.5, -0.5, 0.0]), ValueError, ["non-negative"]),
        ("cross_entropy", 3, lambda y: one_hot(y, 4), ValueError, ["(40, 3)", "(40, 4)"]),
        ("binary_cross_entropy", 1, lambda y: _last_row(y % 2, 2.0), ValueError, ["y", "[0, 1]", "2.0"]),
        ("binary_cross_entropy", 1, lambda y: _last_row(y % 2, -1.0), ValueError, ["y", "[0, 1]", "-1.0"]),
        ("mse", 1, lambda y: _last_row(y, np.nan), ValueError, ["y", "NaN"]),
        ("mse", 1, lambda y: _last_row(y, np.inf), ValueError, ["y", "infinity"]),
    ],
)
def test_train_rejects_bad_targets_before_the_first_step(loss, n_out, y, exc, words):
    X, labels = _data()
    net, opt = MLP([2, 4, n_out], rng=0), _Recorder()
    before = net.flat_parameters.copy()
    with pytest.raises(exc) as err:
        train(net, X, y(labels), loss=loss, optimizer=opt, epochs=2, batch_size=8, shuffle=False)
    for w in words:
        assert w in str(err.value), (w, str(err.value))
    assert opt.calls == 0
    np.testing.assert_array_equal(net.flat_parameters, before)


@pytest.mark.parametrize(
    "X, words",
    [
        (lambda X: _last_row(X, [np.nan, 0.0]), ["X", "NaN"]),
        (lambda X: _last_row(X, [np.inf, 0.0]), ["X", "infinity"]),
        (lambda X: X[:, :1], ["n_in = 2", "(40, 1)"]),
        (lambda X: X.astype(str), ["X", "numbers"]),
    ],
)
def test_train_rejects_bad_inputs_before_the_first_step(X, words):
    X0, y = _data()
    net, opt = MLP([2, 4, 3], rng=0), _Recorder()
    with pytest.raises((ValueError, TypeError)) as err:
        train(net, X(X0), y, loss="cross_entropy", optimizer=opt, epochs=1, batch_size=8, shuffle=False)
    for w in words:
        assert w in str(err.value), (w, str(err.value))
    assert opt.calls == 0


def test_train_rejects_bad_validation_data_before_the_first_step():
    X, y = _data()
    opt = _Recorder()
    with pytest.raises(ValueError, match=r"y_val must be in \[0, 3\)"):
        train(MLP([2, 4, 3]), X, y, loss="cross_entropy", optimizer=opt, validation_data=(X, _last_row(y, 5)))
    assert opt.calls == 0


# --- a public call with check on (the default) still rejects bad input -------------------------------------------
def _forwarded(net, n=5):
    net.forward(np.ones((n, net.n_in)))
    return net


@pytest.mark.parametrize(
    "call, exc, words",
    [
        (lambda: MLP([3, 2]).forward(np.ones((4, 2)), check=True), ValueError, ["n_in = 3", "(4, 2)"]),
        (lambda: MLP([3, 2]).forward([[1, 2, np.nan]], check=True), ValueError, ["X", "NaN"]),
        (lambda: MLP([3, 2]).predict([[1, 2, np.inf]], check=True), ValueError, ["X", "infinity"]),
        (lambda: _forwarded(MLP([3, 4, 2])).backward(np.ones((5, 3)), check=True), ValueError, ["(5, 2)", "(5, 3)"]),
        (lambda: _forwarded(MLP([3, 4, 2])).backward(np.ones(5)), ValueError, ["grad_out", "2-D"]),
        (lambda: _forwarded(MLP([3, 4, 2])).backward([["a", "b"]] * 5), TypeError, ["grad_out"]),
        (lambda: _forwarded(Dense(3, 2)).backward(np.ones((5, 3)), check=True), ValueError, ["(5, 2)", "(5, 3)"]),
    ],
)
def test_network_and_layer_calls_with_check_on_reject_bad_input(call, exc, words):
    with pytest.raises(exc) as err:
        call()
    for w in words:
        assert w in str(err.value), (w, str(err.value))


@pytest.mark.parametrize(
    "name, pred, target, exc, words",
    [
        ("mse", [[1.0, np.nan]], [[1.0, 2.0]], ValueError, ["y_pred", "NaN"]),
        ("mse", [[1.0, 2.0]], [1.0, 2.0], ValueError, ["(1, 2)", "(2,)"]),
        ("cross_entropy", [[1.0, 2.0]], [2], ValueError, ["[0, 2)"]),
        ("cross_entropy", [[1.0, 2.0]], [[0.5, 0.6]], ValueError, ["summing to 1"]),
        ("cross_entropy", [[np.inf, 2.0]], [0], ValueError, ["logits", "infinity"]),
        ("cross_entropy", np.zeros((0, 3)), np.zeros(0, dtype=int), ValueError, ["empty"]),
        ("binary_cross_entropy", [0.0], [2.0], ValueError, ["[0, 1]", "2.0"]),
        ("binary_cross_entropy", [0.0, 1.0], [[1.0, 0.0]], ValueError, ["(2,)", "(1, 2)"]),
    ],
)
def test_loss_value_and_grad_with_check_on_rejects_bad_input(name, pred, target, exc, words):
    loss = losses.get_loss(name)
    for call in (lambda: loss.value_and_grad(pred, target), lambda: loss.value_and_grad(pred, target, check=True)):
        with pytest.raises(exc) as err:
            call()
        for w in words:
            assert w in str(err.value), (w, str(err.value))


# --- skipping the checks changes no number -------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["mse", "cross_entropy", "cross_entropy one-hot", "binary_cross_entropy"])
def test_value_and_grad_is_the_same_with_check_off(name, rng):
    pred = rng.normal(size=(6, 3))
    target = {
        "mse": rng.normal(size=(6, 3)),
        "cross_entropy": rng.integers(0, 3, size=6),
        "cross_entropy one-hot": one_hot(rng.integers(0, 3, size=6), 3).astype(float),
        "binary_cross_entropy": rng.uniform(size=(6, 3)),
    }[name]
    loss = losses.get_loss(name.split()[0])
    v1, g1 = loss.value_and_grad(pred, target)
    v2, g2 = loss.value_and_grad(pred, target, check=False)
    assert v1 == v2
    np.testing.assert_array_equal(g1, g2)
    # and both are the loss's own two functions (to rounding: the value comes from a shared softmax)
    assert v1 == pytest.approx(loss.value(pred, target), rel=1e-14)
    np.testing.assert_allclose(g1, loss.grad(pred, target), rtol=1e-14, atol=1e-17)


def test_forward_and_backward_are_the_same_with_check_off(rng):
    X, grad_out = rng.normal(size=(7, 3)), rng.normal(size=(7, 2))
    a, b = MLP([3, 5, 2], activation="tanh", rng=1), MLP([3, 5, 2], activation="tanh", rng=1)
    np.testing.assert_array_equal(a.forward(X), b.forward(X, check=False))
    np.testing.assert_array_equal(a.predict(X), b.predict(X, check=False))
    np.testing.assert_array_equal(a.backward(grad_out), b.backward(grad_out, check=False))
    np.testing.assert_array_equal(a.flat_gradients, b.flat_gradients)


def _hand_written_training(X, y, W1, b1, W2, b2, epochs, batch_size, lr, seed):
    """64-h-10 ReLU, softmax cross-entropy, Adam, mini-batches: plain NumPy, the formulas of the docstrings.

    W is (n_out, n_in) as in Dense; every line is the formula it implements, written out.
    """
    params = [W1.copy(), b1.copy(), W2.copy(), b2.copy()]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    beta1, beta2, eps, t = 0.9, 0.999, 1e-8, 0
    rng, n, step_loss, accuracy = np.random.default_rng(seed), len(X), [], []
    for _ in range(epochs):
        order, correct = rng.permutation(n), 0
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            xb, yb, rows = X[idx], y[idx], np.arange(len(idx))
            W1, b1, W2, b2 = params
            Z1 = xb @ W1.T + b1  # forward: Z = X W^T + b, A = relu(Z)
            A1 = np.maximum(Z1, 0.0)
            Z2 = A1 @ W2.T + b2  # the logits
            shifted = Z2 - Z2.max(axis=1, keepdims=True)  # cross-entropy with one softmax
            e = np.exp(shifted)
            total = e.sum(axis=1, keepdims=True)
            step_loss.append(float(np.log(total).sum() - shifted[rows, yb].sum()) / len(idx))
            correct += int((Z2.argmax(axis=1) == yb).sum())
            dZ2 = e / total  # dL/dZ2 = (softmax - Y) / n
            dZ2[rows, yb] -= 1.0
            dZ2 /= len(idx)
            dA1 = dZ2 @ W2  # backward: dW = dZ^T X, db = sum of dZ, dX = dZ W
            dZ1 = dA1 * (Z1 > 0)
            grads = [dZ1.T @ xb, dZ1.sum(axis=0), dZ2.T @ A1, dZ2.sum(axis=0)]
            t += 1
            for p, g, mi, vi in zip(params, grads, m, v):  # Adam, Algorithm 1 of Kingma & Ba
                mi *= beta1
                mi += (1.0 - beta1) * g
                vi *= beta2
                vi += (1.0 - beta2) * g * g
                m_hat, v_hat = mi / (1.0 - beta1**t), vi / (1.0 - beta2**t)
                p -= lr * m_hat / (np.sqrt(v_hat) + eps)
        accuracy.append(correct / n)
    return params, step_loss, accuracy


def test_train_equals_a_hand_written_numpy_loop_bit_for_bit():
    """Every weight, every batch loss and the accuracy: equal, not close (the checks skipped change nothing)."""
    X, y = load_digits()
    X, y = X[:300], y[:300]
    net = MLP([64, 32, 10], rng=0)
    start = [p.copy() for p in net.parameters()]
    hist = train(net, X, y, loss="cross_entropy", optimizer=Adam(lr=1e-2), epochs=3, batch_size=64, seed=7)
    params, step_loss, accuracy = _hand_written_training(X, y, *start, epochs=3, batch_size=64, lr=1e-2, seed=7)
    assert hist.step_loss == step_loss
    assert hist.accuracy == accuracy
    for got, want in zip(net.parameters(), params):
        np.testing.assert_array_equal(got, want)
    assert hist.step_loss[-1] < 0.5 * hist.step_loss[0]  # it did learn: the comparison is not of untrained nets


# --- a loss that is not dlmath's: its gradient is checked where it enters --------------------------------------------
def _wrong_shape(y_pred, y_true):
    return losses.mse(y_pred, y_true), losses.mse_grad(y_pred, y_true).ravel()  # (n,) instead of (n, 1)


@pytest.mark.parametrize(
    "loss",
    [_wrong_shape, losses.Loss("wrong_shape", losses.mse, lambda p, t: losses.mse_grad(p, t).ravel())],
    ids=["callable", "Loss of two functions"],
)
def test_a_user_loss_with_a_wrong_gradient_shape_is_named_before_the_first_step(loss, rng):
    X, y = rng.normal(size=(8, 2)), rng.normal(size=(8, 1))
    opt = _Recorder()
    with pytest.raises(ValueError) as err:
        train(MLP([2, 3, 1]), X, y, loss=loss, optimizer=opt, epochs=1)
    for w in ("wrong_shape", "(8,)", "(8, 1)"):
        assert w in str(err.value), (w, str(err.value))
    assert opt.calls == 0
