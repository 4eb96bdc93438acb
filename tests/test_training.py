"""dlmath.training: closed forms, batching semantics, History, divergence, determinism, bad input."""

import math
import re
import sys
import types
import warnings

import numpy as np
import pytest

from dlmath import losses
from dlmath.datasets import make_blobs, make_line, one_hot
from dlmath.layers import Dense
from dlmath.network import MLP, Network
from dlmath.optimizers import SGD, Adam, RMSProp
from dlmath.training import DivergenceError, iterate_minibatches, train


def _normal_equations(X, y):
    """Least-squares weights and bias from the normal equations A^T A theta = A^T y, A = [X 1]."""
    A = np.column_stack([X, np.ones(len(X))])
    theta = np.linalg.solve(A.T @ A, A.T @ y)
    return theta[:-1].T, theta[-1]


# --- closed forms ---------------------------------------------------------------------------------
def test_linear_regression_converges_to_the_normal_equations():
    X, y = make_line(n=50, slope=2.0, intercept=1.0, noise=1.0, seed=0)
    net = Network([Dense(1, 1)])
    hist = train(net, X, y, loss="mse", optimizer=SGD(lr=0.1), epochs=300)
    W, b = _normal_equations(X, y)
    np.testing.assert_allclose(net.layers[0].W, W, atol=1e-3)
    np.testing.assert_allclose(net.layers[0].b, b, atol=1e-3)
    # the final loss is the least-squares residual
    residual = np.mean((X @ W.T + b - y) ** 2)
    assert hist.loss[-1] == pytest.approx(residual, abs=1e-6)
    assert hist.loss[0] > hist.loss[-1]


def test_multivariate_regression_matches_the_normal_equations(rng):
    X = rng.normal(size=(80, 3))
    y = X @ np.array([[1.5], [-2.0], [0.5]]) + 0.3 + 0.1 * rng.normal(size=(80, 1))
    net = Network([Dense(3, 1)])
    train(net, X, y, loss="mse", optimizer=SGD(lr=0.2), epochs=300)
    W, b = _normal_equations(X, y)
    np.testing.assert_allclose(net.layers[0].W, W, atol=1e-3)
    np.testing.assert_allclose(net.layers[0].b, b, atol=1e-3)


def test_one_full_batch_step_is_gradient_descent_by_hand(rng):
    X, y = rng.normal(size=(6, 2)), rng.normal(size=(6, 1))
    net = Network([Dense(2, 1)])
    W0, b0 = net.layers[0].W.copy(), net.layers[0].b.copy()
    hist = train(net, X, y, loss="mse", optimizer=SGD(lr=0.05), epochs=1)
    r = X @ W0.T + b0 - y  # residuals, (6, 1)
    dW, db = 2 / 6 * r.T @ X, 2 / 6 * r.sum(axis=0)  # gradient of the mean of r^2
    np.testing.assert_allclose(net.layers[0].W, W0 - 0.05 * dW, rtol=1e-13)
    np.testing.assert_allclose(net.layers[0].b, b0 - 0.05 * db, rtol=1e-13)
    assert hist.step_loss == [pytest.approx(np.mean(r**2), rel=1e-14)]  # loss before the step


# --- batching and History --------------------------------------------------------------------------
@pytest.mark.parametrize("batch_size, steps_per_epoch", [(None, 1), (1, 10), (3, 4), (5, 2), (10, 1), (25, 1)])
def test_steps_per_epoch(batch_size, steps_per_epoch, rng):
    X, y = rng.normal(size=(10, 2)), rng.normal(size=(10, 1))
    hist = train(MLP([2, 3, 1]), X, y, epochs=3, batch_size=batch_size, optimizer=SGD(0.01))
    assert hist.epochs == len(hist.loss) == 3
    assert hist.steps == len(hist.step_loss) == 3 * steps_per_epoch
    assert hist.accuracy == [] and hist.val_loss == [] and hist.val_accuracy == []
    assert steps_per_epoch == (1 if batch_size is None else math.ceil(10 / min(batch_size, 10)))


def test_epoch_loss_is_batch_size_weighted_mean_of_step_losses(rng):
    X, y = rng.normal(size=(10, 2)), rng.normal(size=(10, 1))
    hist = train(MLP([2, 4, 1]), X, y, epochs=2, batch_size=3, optimizer=SGD(0.05))
    for e in range(2):
        s = hist.step_loss[4 * e : 4 * e + 4]  # batches of 3, 3, 3, 1
        assert hist.loss[e] == pytest.approx((3 * s[0] + 3 * s[1] + 3 * s[2] + s[3]) / 10, rel=1e-13)


def test_full_batch_epoch_loss_is_the_loss_before_the_step(rng):
    X, y = rng.normal(size=(8, 2)), rng.normal(size=(8, 1))
    net = MLP([2, 4, 1])
    before = losses.mse(net.predict(X), y)
    hist = train(net, X, y, epochs=2, optimizer=SGD(0.05))
    assert hist.loss[0] == pytest.approx(before, rel=1e-14) == hist.step_loss[0]
    assert hist.loss[1] < hist.loss[0]


def test_iterate_minibatches(rng):
    batches = list(iterate_minibatches(10, 3, shuffle=True, rng=rng))
    assert [len(b) for b in batches] == [3, 3, 3, 1]
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(10))
    assert not np.array_equal(np.concatenate(batches), np.arange(10))
    ordered = list(iterate_minibatches(5, 2, shuffle=False))
    assert [b.tolist() for b in ordered] == [[0, 1], [2, 3], [4]]
    assert [b.tolist() for b in iterate_minibatches(4, None, shuffle=False)] == [[0, 1, 2, 3]]
    assert [len(b) for b in iterate_minibatches(4, 100)] == [4]
    with pytest.raises(ValueError, match="n must be >= 1"):
        list(iterate_minibatches(0))


def test_epochs_zero_changes_nothing(rng):
    net = MLP([2, 3, 1])
    before = net.flat_parameters.copy()
    hist = train(net, rng.normal(size=(5, 2)), rng.normal(size=(5, 1)), epochs=0)
    assert hist.epochs == 0 and hist.steps == 0
    np.testing.assert_array_equal(net.flat_parameters, before)
    assert "epochs=0" in repr(hist)


# --- accuracy and validation ---------------------------------------------------------------------------
def _classification(k=3, n=40):
    X, y = make_blobs(n=n, centers=k, std=2.0, seed=1)
    return X, y


@pytest.mark.parametrize("labels", ["int", "one_hot", "list"])
def test_accuracy_is_measured_before_each_step(labels):
    X, y = _classification()
    net = MLP([2, 5, 3], rng=3)
    expected = float(np.mean(net.predict_classes(X) == y))
    target = {"int": y, "one_hot": one_hot(y, 3), "list": y.tolist()}[labels]
    hist = train(net, X, target, loss="cross_entropy", optimizer=SGD(0.1), epochs=1)
    assert hist.accuracy == [pytest.approx(expected, abs=1e-12)]
    assert 0.0 < expected < 1.0


# train() turns (n,) binary targets into (n, 1) and then takes the argmax over that single column,
# so every target reads as 0: binary accuracy counts "predicted 0", not "predicted correctly".
@pytest.mark.parametrize("shape", ["(n,)", "(n, 1)"])
def test_binary_accuracy_is_measured_before_each_step(shape):
    X, y = _classification(k=2)
    net = MLP([2, 5, 1], rng=1)
    expected = float(np.mean(net.predict_classes(X) == y))
    target = y if shape == "(n,)" else y.reshape(-1, 1)
    hist = train(net, X, target, loss="binary_cross_entropy", optimizer=SGD(0.1), epochs=1)
    assert expected != float(np.mean(net.predict_classes(X) == 0))  # the test can tell the two apart
    assert hist.accuracy == [pytest.approx(expected, abs=1e-12)]


def test_binary_accuracy_of_a_perfect_classifier_is_one():
    X = np.array([[1.0], [2.0], [-1.0], [-2.0]])
    y = np.array([1, 1, 0, 0])
    net = Network([Dense(1, 1)])
    net.layers[0].W = [[1.0]]
    hist = train(net, X, y, loss="binary_cross_entropy", optimizer=SGD(1e-6), epochs=1, validation_data=(X, y))
    assert np.array_equal(net.predict_classes(X), y)
    assert pytest.approx(1.0) == hist.accuracy[0] and pytest.approx(1.0) == hist.val_accuracy[0]


def test_validation_lists():
    X, y = _classification()
    Xv, yv = _classification(n=21)
    net = MLP([2, 6, 3])
    hist = train(
        net, X, y, loss="cross_entropy", optimizer=Adam(0.05), epochs=4, batch_size=8, validation_data=(Xv, yv)
    )
    assert len(hist.val_loss) == len(hist.val_accuracy) == len(hist.accuracy) == 4
    assert hist.val_loss[-1] == pytest.approx(losses.cross_entropy(net.predict(Xv), yv), rel=1e-13)
    assert hist.val_accuracy[-1] == pytest.approx(np.mean(net.predict_classes(Xv) == yv))
    reg = train(MLP([2, 1]), X, y.astype(float), epochs=2, validation_data=(Xv, yv.astype(float)))
    assert len(reg.val_loss) == 2 and reg.val_accuracy == [] and reg.accuracy == []


# --- divergence ----------------------------------------------------------------------------------------
def _diverge(lr, batch_size, epochs=50):
    X, y = make_line(n=20, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # overflow noise is not what these tests check
        return train(MLP([1, 8, 1]), X, y, optimizer=SGD(lr=lr), epochs=epochs, batch_size=batch_size)


@pytest.mark.parametrize("lr, batch_size, steps_per_epoch", [(1e3, None, 1), (1e3, 4, 5), (3.0, 4, 5)])
def test_divergence_names_epoch_and_step(lr, batch_size, steps_per_epoch):
    with pytest.raises(DivergenceError) as err:
        _diverge(lr, batch_size)
    assert isinstance(err.value, FloatingPointError)
    msg = str(err.value)
    m = re.search(r"epoch (\d+), step (\d+)", msg)
    assert m, msg
    epoch, step = int(m.group(1)), int(m.group(2))
    assert (epoch - 1) * steps_per_epoch < step <= epoch * steps_per_epoch, msg
    assert f"lr={lr}" in msg
    if batch_size is None:
        assert step == epoch
    # one epoch fewer trains without an error: the epoch named is the first bad one
    if epoch > 1:
        h = _diverge(lr, batch_size, epochs=epoch - 1)
        assert all(np.isfinite(h.step_loss)) and h.steps == (epoch - 1) * steps_per_epoch


@pytest.mark.parametrize("lr, batch_size", [(10.0, None), (10.0, 4), (3.0, None)])
def test_divergence_when_the_output_overflows_first(lr, batch_size):
    with pytest.raises(DivergenceError, match=r"epoch \d+, step \d+"):
        _diverge(lr, batch_size)


def test_divergence_raises_only_the_clear_error():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DivergenceError):
            train(MLP([1, 8, 1]), *make_line(n=20, seed=0), optimizer=SGD(lr=1e3), epochs=50)


# --- determinism ----------------------------------------------------------------------------------------
def _run(seed, shuffle=True):
    X, y = _classification()
    net = MLP([2, 8, 3], activation="tanh", rng=0)
    hist = train(
        net, X, y, loss="cross_entropy", optimizer=Adam(0.01), epochs=3, batch_size=7, seed=seed, shuffle=shuffle
    )
    return hist, net.flat_parameters.copy()


def test_same_seed_same_history_and_weights():
    (h1, w1), (h2, w2) = _run(3), _run(3)
    assert h1 == h2  # dataclass equality: every list identical
    np.testing.assert_array_equal(w1, w2)
    h3, w3 = _run(4)
    assert h3.step_loss != h1.step_loss and not np.array_equal(w1, w3)
    (h5, w5), (h6, w6) = _run(5, shuffle=False), _run(6, shuffle=False)
    assert h5 == h6  # no shuffling: the seed has nothing to do
    np.testing.assert_array_equal(w5, w6)


# --- the flat buffer and the optimizer after train ---------------------------------------------------------
def test_train_equals_a_manual_loop_over_parameter_arrays(rng):
    X, y = rng.normal(size=(12, 3)), rng.integers(0, 2, size=12)
    a, b = MLP([3, 5, 2], rng=1), MLP([3, 5, 2], rng=1)
    train(a, X, y, loss="cross_entropy", optimizer=Adam(0.05), epochs=4)
    opt = Adam(0.05)
    for _ in range(4):  # full batch: same order every epoch
        b.backward(losses.cross_entropy_grad(b.forward(X), y))
        opt.step(b.parameters(), b.gradients())
    np.testing.assert_allclose(a.flat_parameters, b.flat_parameters, rtol=1e-12, atol=1e-14)
    for p in a.parameters():  # W and b are still views after training
        assert np.shares_memory(p, a.flat_parameters)


def test_optimizer_state_carries_over_between_train_calls(rng):
    X, y = rng.normal(size=(10, 2)), rng.normal(size=(10, 1))
    a, b = MLP([2, 4, 1], rng=2), MLP([2, 4, 1], rng=2)
    opt_a = RMSProp(0.01, momentum=0.5)
    train(a, X, y, optimizer=opt_a, epochs=3)
    assert opt_a.t == 3
    train(a, X, y, optimizer=opt_a, epochs=2)
    train(b, X, y, optimizer=RMSProp(0.01, momentum=0.5), epochs=5)
    assert opt_a.t == 5
    np.testing.assert_allclose(a.flat_parameters, b.flat_parameters, rtol=1e-13)


def test_train_hands_the_optimizer_theta_and_g(rng):
    """train updates net.flat_parameters with net.flat_gradients, as stepping them by hand does."""
    X, y = rng.normal(size=(10, 2)), rng.normal(size=(10, 1))
    a, b = MLP([2, 4, 1], rng=2), MLP([2, 4, 1], rng=2)
    opt_a, opt_b = Adam(0.01), Adam(0.01)
    a.backward(losses.mse_grad(a.forward(X), y))  # one step by hand on theta ...
    opt_a.step([a.flat_parameters], [a.flat_gradients])
    train(a, X, y, optimizer=opt_a, epochs=2)  # ... then train carries on from that state
    for _ in range(3):
        b.backward(losses.mse_grad(b.forward(X), y))
        opt_b.step([b.flat_parameters], [b.flat_gradients])
    assert opt_a.t == opt_b.t == 3 and len(opt_a.state) == 1
    np.testing.assert_allclose(a.flat_parameters, b.flat_parameters, rtol=1e-13)


def test_optimizer_with_per_array_state_gets_a_clear_error(rng):
    """State kept per array (W1, b1, ...) does not fit theta: the error says what to do."""
    X, y = rng.normal(size=(10, 2)), rng.normal(size=(10, 1))
    net, opt = MLP([2, 4, 1], rng=2), Adam(0.01)
    net.backward(losses.mse_grad(net.forward(X), y))
    opt.step(net.parameters(), net.gradients())
    before = net.flat_parameters.copy()
    with pytest.raises(ValueError, match=r"reset\(\).*flat_parameters"):
        train(net, X, y, optimizer=opt, epochs=1)
    np.testing.assert_array_equal(net.flat_parameters, before)  # nothing was updated
    opt.reset()
    assert train(net, X, y, optimizer=opt, epochs=1).epochs == 1


# --- loss argument ---------------------------------------------------------------------------------------
def test_custom_loss_callable_and_loss_object(rng):
    X, y = rng.normal(size=(9, 2)), rng.normal(size=(9, 1))
    results = []
    for loss in ("mse", losses.get_loss("mse"), lambda p, t: (losses.mse(p, t), losses.mse_grad(p, t))):
        net = MLP([2, 3, 1], rng=4)
        hist = train(net, X, y, loss=loss, optimizer=SGD(0.05), epochs=3, batch_size=4)
        results.append((hist.step_loss, net.flat_parameters.copy()))
    for steps, weights in results[1:]:
        assert steps == results[0][0]
        np.testing.assert_array_equal(weights, results[0][1])


def test_lists_and_integer_inputs_are_accepted(rng):
    X = rng.integers(-3, 4, size=(8, 2))
    y = rng.integers(-3, 4, size=(8, 1))
    a, b = MLP([2, 3, 1]), MLP([2, 3, 1])
    ha = train(a, X, y, epochs=2, optimizer=SGD(0.01))
    hb = train(b, X.tolist(), y.astype(float).tolist(), epochs=2, optimizer=SGD(0.01))
    assert ha == hb
    np.testing.assert_array_equal(a.flat_parameters, b.flat_parameters)
    hc = train(MLP([2, 3, 1]), X, y.ravel(), epochs=2, optimizer=SGD(0.01))  # (n,) for one output
    assert hc == ha


# --- progress bar -----------------------------------------------------------------------------------------
def test_progress_true_works_outside_jupyter(capsys):
    X, y = _classification()
    hist = train(MLP([2, 3]), X, y, loss="cross_entropy", epochs=3, progress=True)
    assert hist.epochs == 3
    assert "training" in capsys.readouterr().err


def test_progress_default_is_off_outside_jupyter(capsys):
    X, y = _classification()
    train(MLP([2, 3]), X, y, loss="cross_entropy", epochs=2)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("env, shown", [(None, True), ("1", True), ("0", False)])
def test_progress_default_in_a_kernel_and_its_switch(env, shown, monkeypatch, capsys):
    class ZMQInteractiveShell:  # what get_ipython() returns in Jupyter
        config = {}

    fake = types.ModuleType("IPython")
    fake.get_ipython = ZMQInteractiveShell
    monkeypatch.setitem(sys.modules, "IPython", fake)
    if env is None:
        monkeypatch.delenv("DLMATH_PROGRESS", raising=False)
    else:
        monkeypatch.setenv("DLMATH_PROGRESS", env)
    X, y = _classification()
    train(MLP([2, 3]), X, y, loss="cross_entropy", epochs=2)
    assert ("training" in capsys.readouterr().err) == shown


# --- bad input -------------------------------------------------------------------------------------------
def _bad(**kw):
    X, y = _classification(n=30)
    args = dict(net=MLP([2, 3]), X=X, y=y, loss="cross_entropy", epochs=1)
    args.update(kw)
    return lambda: train(**args)


@pytest.mark.parametrize(
    "call, exc, words",
    [
        (_bad(X=np.ones((30, 3))), ValueError, ["n_in = 2", "(30, 3)"]),
        (_bad(X=np.ones(30)), ValueError, ["X", "2-D"]),
        (_bad(X=np.ones((0, 2)), y=np.zeros(0, dtype=int)), ValueError, ["empty"]),
        (_bad(X=np.full((30, 2), np.nan)), ValueError, ["X", "NaN"]),
        (_bad(y=np.zeros(29, dtype=int)), ValueError, ["30", "29"]),
        (_bad(y=np.full(30, 3)), ValueError, ["[0, 3)", "3"]),
        (_bad(y=np.full(30, -1)), ValueError, ["[0, 3)", "-1"]),
        (_bad(y=np.full(30, 0.5)), ValueError, ["integer", "float64"]),
        (_bad(y=np.full(30, np.nan)), ValueError, ["y", "NaN"]),
        (_bad(y=np.array(["a"] * 30)), TypeError, ["y", "integer"]),
        (_bad(y=one_hot(np.arange(30) % 4, 4)), ValueError, ["(30, 4)", "(30, 3)"]),
        (_bad(loss="hinge"), ValueError, ["hinge", "mse", "cross_entropy", "binary_cross_entropy"]),
        (_bad(epochs=-1), ValueError, ["epochs", "-1"]),
        (_bad(batch_size=0), ValueError, ["batch_size", "0"]),
        (_bad(batch_size=2.5), TypeError, ["batch_size", "integer"]),
        (_bad(net=MLP([2, 1]), loss="mse", y=np.zeros((30, 2))), ValueError, ["(30, 1)", "(30, 2)"]),
        (_bad(net=MLP([2, 1]), loss="mse", y=np.full(30, np.inf)), ValueError, ["y", "infinity"]),
        (_bad(net=MLP([2, 1]), loss="binary_cross_entropy", y=np.full(30, 2)), ValueError, ["[0, 1]"]),
        (_bad(validation_data=(np.ones((5, 2)), np.full(5, 7))), ValueError, ["y_val", "[0, 3)"]),
    ],
)
def test_bad_input(call, exc, words):
    with pytest.raises(exc) as err:
        call()
    for w in words:
        assert w in str(err.value), (w, str(err.value))


@pytest.mark.parametrize(
    "kw, exc, word",
    [
        (dict(optimizer="adam"), TypeError, "optimizer"),
        (dict(net="net"), TypeError, "net"),
        (dict(validation_data=(np.ones((5, 3)), np.zeros(5, dtype=int))), ValueError, "X_val"),
        (dict(validation_data=(np.ones((5, 2)), np.zeros(4, dtype=int))), ValueError, "X_val"),
        (dict(validation_data=np.ones((5, 2))), ValueError, "validation_data"),
    ],
)
def test_bad_arguments_are_named(kw, exc, word):
    with pytest.raises(exc, match=word):
        _bad(**kw)()


def test_train_needs_only_a_step_method_and_hands_over_theta(rng):
    """Any object with step(params, grads) is an optimizer: train does not look inside it."""

    class Recorder:
        lr = 0.1

        def __init__(self):
            self.calls = []

        def step(self, params, grads):
            self.calls.append((params, grads))
            for p, g in zip(params, grads):
                p -= self.lr * g

    X, y = rng.normal(size=(8, 2)), rng.normal(size=(8, 1))
    net, ref = MLP([2, 3, 1], rng=5), MLP([2, 3, 1], rng=5)
    opt = Recorder()
    train(net, X, y, optimizer=opt, epochs=3)
    assert len(opt.calls) == 3
    for params, grads in opt.calls:
        assert len(params) == len(grads) == 1
        assert params[0] is net.flat_parameters and grads[0] is net.flat_gradients
    train(ref, X, y, optimizer=SGD(0.1), epochs=3)
    np.testing.assert_allclose(net.flat_parameters, ref.flat_parameters, rtol=1e-14)
