"""dlmath.losses: hand-worked values, mean reduction, gradients by finite differences, bad input."""

import contextlib
import warnings

import numpy as np
import pytest
from _fd import fd as _fd

from dlmath import losses as L
from dlmath.activations import softmax


@contextlib.contextmanager
def _strict():
    """Every warning is an error and floating-point overflow/invalid/divide raise."""
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        yield


# --- mse --------------------------------------------------------------------------------------
def test_mse_by_hand():
    y_pred, y_true = [[1, 2], [3, 4]], [[0, 0], [0, 1]]
    assert L.mse(y_pred, y_true) == (1 + 4 + 9 + 9) / 4  # mean of squared differences
    np.testing.assert_array_equal(L.mse_grad(y_pred, y_true), [[0.5, 1.0], [1.5, 1.5]])  # 2 d / 4
    assert L.mse([1.0, 2.0, 3.0], [1.0, 2.0, 5.0]) == 4 / 3
    assert isinstance(L.mse([1.0], [0.0]), float)


# --- cross-entropy ------------------------------------------------------------------------------
@pytest.mark.parametrize("k", [2, 3, 10])
def test_cross_entropy_uniform_logits_is_log_k(k):
    n = 4
    labels = np.arange(n) % k
    np.testing.assert_allclose(L.cross_entropy(np.zeros((n, k)), labels), np.log(k), rtol=1e-14)
    np.testing.assert_allclose(L.cross_entropy(np.full((n, k), 7.5), labels), np.log(k), rtol=1e-14)


def test_cross_entropy_by_hand():
    # softmax([0, ln 3]) = [1/4, 3/4]; label 1 costs -ln(3/4), label 0 costs -ln(1/4)
    logits = [[0.0, np.log(3.0)], [0.0, np.log(3.0)]]
    np.testing.assert_allclose(L.cross_entropy(logits, [1, 0]), (np.log(4 / 3) + np.log(4)) / 2, rtol=1e-14)
    np.testing.assert_allclose(
        L.cross_entropy_grad(logits, [1, 0]), np.array([[0.25, -0.25], [-0.75, 0.75]]) / 2, rtol=1e-14
    )
    # soft targets (probabilities): -(0.5 ln 1/4 + 0.5 ln 3/4)
    np.testing.assert_allclose(
        L.cross_entropy([logits[0]], [[0.5, 0.5]]), -(0.5 * np.log(0.25) + 0.5 * np.log(0.75)), rtol=1e-14
    )


def test_cross_entropy_int_and_one_hot_labels_agree(rng):
    logits = rng.normal(size=(6, 4))
    labels = np.array([0, 3, 1, 1, 2, 3])
    Y = np.eye(4)[labels]
    v_int, v_hot = L.cross_entropy(logits, labels), L.cross_entropy(logits, Y)
    np.testing.assert_allclose(v_int, v_hot, rtol=1e-14)
    np.testing.assert_allclose(L.cross_entropy_grad(logits, labels), L.cross_entropy_grad(logits, Y), rtol=1e-14)
    # lists, float labels that are whole numbers, unsigned ints: all accepted, same answer
    for lab in (labels.tolist(), labels.astype(float), labels.astype(np.uint8), Y.tolist()):
        np.testing.assert_allclose(L.cross_entropy(logits.tolist(), lab), v_int, rtol=1e-14)
    # and the per-sample definition: mean over rows of -log softmax(z)[label]
    p = softmax(logits)
    np.testing.assert_allclose(v_int, -np.mean(np.log(p[np.arange(6), labels])), rtol=1e-13)


def test_cross_entropy_grad_formula(rng):
    logits = rng.normal(size=(5, 3))
    labels = rng.integers(0, 3, size=5)
    expected = (softmax(logits) - np.eye(3)[labels]) / 5
    np.testing.assert_allclose(L.cross_entropy_grad(logits, labels), expected, rtol=1e-13, atol=1e-16)


def test_log_softmax(rng):
    z = rng.normal(size=(3, 5))
    np.testing.assert_allclose(L.log_softmax(z), np.log(softmax(z)), rtol=1e-13)
    with _strict():
        np.testing.assert_allclose(L.log_softmax([[1000.0, 0.0]]), [[0.0, -1000.0]], rtol=1e-15)


# --- binary cross-entropy -------------------------------------------------------------------------
def test_binary_cross_entropy_by_hand():
    assert np.isclose(L.binary_cross_entropy([0.0], [1.0]), np.log(2), rtol=1e-15)
    np.testing.assert_allclose(L.binary_cross_entropy([np.log(3.0)], [1.0]), np.log(4 / 3), rtol=1e-14)
    np.testing.assert_allclose(L.binary_cross_entropy([np.log(3.0)], [0.0]), np.log(4), rtol=1e-14)
    # mean over elements of the two above
    np.testing.assert_allclose(
        L.binary_cross_entropy([[np.log(3.0)], [np.log(3.0)]], [[1], [0]]), (np.log(4 / 3) + np.log(4)) / 2, rtol=1e-14
    )
    np.testing.assert_allclose(
        L.binary_cross_entropy_grad([np.log(3.0), 0.0], [1.0, 0.0]), [(0.75 - 1) / 2, 0.5 / 2], rtol=1e-14
    )


def test_binary_cross_entropy_matches_probability_formula(rng):
    z = rng.normal(scale=3, size=(8, 2))
    t = rng.uniform(size=(8, 2))
    s = 1 / (1 + np.exp(-z))
    expected = -np.mean(t * np.log(s) + (1 - t) * np.log(1 - s))
    np.testing.assert_allclose(L.binary_cross_entropy(z, t), expected, rtol=1e-12)


def test_large_logits_are_stable():
    with _strict():
        assert L.cross_entropy([[1000.0, 0.0]], [1]) == pytest.approx(1000.0, rel=1e-15)
        assert L.cross_entropy([[1000.0, 0.0]], [0]) == pytest.approx(0.0, abs=1e-300)
        assert L.binary_cross_entropy([1000.0], [0.0]) == pytest.approx(1000.0, rel=1e-15)
        assert L.binary_cross_entropy([-1000.0], [1.0]) == pytest.approx(1000.0, rel=1e-15)
        assert L.binary_cross_entropy([1000.0], [1.0]) == pytest.approx(0.0, abs=1e-300)
        g = L.cross_entropy_grad([[1000.0, 0.0]], [1])
        np.testing.assert_allclose(g, [[1.0, -1.0]])
        np.testing.assert_allclose(L.binary_cross_entropy_grad([-1000.0], [1.0]), [-1.0])


# --- mean reduction ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["mse", "cross_entropy", "binary_cross_entropy"])
def test_batch_size_invariance(name, rng):
    loss = L.get_loss(name)
    n = 5
    if name == "mse":
        pred, target = rng.normal(size=(n, 3)), rng.normal(size=(n, 3))
    elif name == "cross_entropy":
        pred, target = rng.normal(size=(n, 4)), rng.integers(0, 4, size=n)
    else:
        pred, target = rng.normal(size=(n, 1)), rng.integers(0, 2, size=(n, 1)).astype(float)
    reps = (3,) + (1,) * (target.ndim - 1)
    big_pred, big_target = np.tile(pred, (3, 1)), np.tile(target, reps)
    # the same samples three times: the mean (value) is unchanged ...
    np.testing.assert_allclose(loss.value(big_pred, big_target), loss.value(pred, target), rtol=1e-13)
    # ... and each copy of a sample gets a third of the gradient
    np.testing.assert_allclose(loss.grad(big_pred, big_target)[:n], loss.grad(pred, target) / 3, rtol=1e-13)


# --- gradients by finite differences -------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(4,), (3, 2), (2, 3, 2)])
def test_mse_grad_finite_differences(shape, rng):
    p, t = rng.normal(size=shape), rng.normal(size=shape)
    np.testing.assert_allclose(L.mse_grad(p, t), _fd(lambda x: L.mse(x, t), p), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("n, k", [(1, 2), (4, 3), (6, 10)])
@pytest.mark.parametrize("soft", [False, True])
def test_cross_entropy_grad_finite_differences(n, k, soft, rng):
    z = rng.normal(scale=2, size=(n, k))
    y = rng.dirichlet(np.ones(k), size=n) if soft else rng.integers(0, k, size=n)
    np.testing.assert_allclose(
        L.cross_entropy_grad(z, y), _fd(lambda x: L.cross_entropy(x, y), z), rtol=1e-6, atol=1e-9
    )


@pytest.mark.parametrize("shape", [(5,), (4, 1), (3, 2, 2)])
def test_binary_cross_entropy_grad_finite_differences(shape, rng):
    z, t = rng.normal(scale=2, size=shape), rng.uniform(size=shape)
    np.testing.assert_allclose(
        L.binary_cross_entropy_grad(z, t), _fd(lambda x: L.binary_cross_entropy(x, t), z), rtol=1e-6, atol=1e-9
    )


# --- Loss objects -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["mse", "cross_entropy", "binary_cross_entropy"])
@pytest.mark.parametrize("one_hot", [False, True])
def test_value_and_grad_agrees_and_leaves_inputs_alone(name, one_hot, rng):
    loss = L.get_loss(name)
    assert loss.name == name and L.LOSSES[name] is loss
    pred = rng.normal(size=(5, 3))
    if name == "cross_entropy":
        target = rng.integers(0, 3, size=5)
        target = np.eye(3)[target] if one_hot else target
    elif name == "binary_cross_entropy":
        target = rng.uniform(size=(5, 3))
    else:
        target = rng.normal(size=(5, 3))
    p0, t0 = pred.copy(), target.copy()
    value, grad = loss.value_and_grad(pred, target)
    np.testing.assert_allclose(value, loss.value(pred, target), rtol=1e-14)
    np.testing.assert_allclose(grad, loss.grad(pred, target), rtol=1e-14, atol=1e-17)
    assert loss(pred, target) == loss.value(pred, target)
    np.testing.assert_array_equal(pred, p0)
    np.testing.assert_array_equal(target, t0)


def test_classify_flags():
    assert L.get_loss("cross_entropy").classify and L.get_loss("binary_cross_entropy").classify
    assert not L.get_loss("mse").classify


def test_get_loss_passthrough_and_unknown_names():
    loss = L.get_loss("mse")
    assert L.get_loss(loss) is loss
    with pytest.raises(ValueError) as err:
        L.get_loss("hinge")
    for name in ("hinge", "mse", "cross_entropy", "binary_cross_entropy"):
        assert name in str(err.value)
    with pytest.raises(TypeError, match="loss must be"):
        L.get_loss(42)


# --- bad input -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "call, exc, words",
    [
        (lambda: L.mse([[1, 2]], [1, 2]), ValueError, ["(1, 2)", "(2,)"]),
        (lambda: L.mse([], []), ValueError, ["empty"]),
        (lambda: L.mse([1.0, np.nan], [1.0, 2.0]), ValueError, ["y_pred", "NaN"]),
        (lambda: L.mse([1.0, 2.0], [np.inf, 2.0]), ValueError, ["y_true", "infinity"]),
        (lambda: L.cross_entropy([[1, 2]], [2]), ValueError, ["[0, 2)", "2"]),
        (lambda: L.cross_entropy([[1, 2]], [-1]), ValueError, ["[0, 2)", "-1"]),
        (lambda: L.cross_entropy([[1, 2]], [0.5]), ValueError, ["integer"]),
        (lambda: L.cross_entropy([[1, 2], [3, 4]], [1]), ValueError, ["1", "2 rows"]),
        (lambda: L.cross_entropy([1, 2], [0]), ValueError, ["logits", "2-D", "(2,)"]),
        (lambda: L.cross_entropy(np.zeros((0, 3)), []), ValueError, ["empty"]),
        (lambda: L.cross_entropy([[1, 2]], [[1, 0, 0]]), ValueError, ["(1, 3)", "(1, 2)"]),
        (lambda: L.cross_entropy([[1, 2]], [[0.5, 0.6]]), ValueError, ["summing to 1"]),
        (lambda: L.cross_entropy([[np.nan, 1]], [0]), ValueError, ["logits", "NaN"]),
        (lambda: L.cross_entropy([[1, 2]], ["a"]), TypeError, ["labels", "<U1"]),
        (lambda: L.LOSSES["cross_entropy"].value_and_grad([[1, 2]], [5]), ValueError, ["[0, 2)"]),
        (lambda: L.binary_cross_entropy([0.0], [2.0]), ValueError, ["[0, 1]", "2.0"]),
        (lambda: L.binary_cross_entropy([0.0, 1.0], [[1.0, 0.0]]), ValueError, ["(2,)", "(1, 2)"]),
    ],
)
def test_bad_input_messages(call, exc, words):
    with pytest.raises(exc) as err:
        call()
    for w in words:
        assert w in str(err.value), (w, str(err.value))


# --- the one check of integer labels (cross_entropy, its value_and_grad, train) ---------------------------------
@pytest.mark.parametrize(
    "labels, exc, words",
    [
        ([0, 3], ValueError, ["labels must be in [0, 3)", "from 0 to 3"]),
        ([0.0, 1.5], ValueError, ["integer", "non-integer"]),
        ([0.0, np.nan], ValueError, ["labels", "NaN"]),
        (["a", "b"], TypeError, ["labels", "integer", "<U1"]),
        ([0], ValueError, ["1 entries", "2 rows"]),
    ],
)
def test_the_three_cross_entropy_entries_give_the_same_label_errors(labels, exc, words):
    logits = np.zeros((2, 3))
    ce = L.get_loss("cross_entropy")
    messages = []
    for call in (L.cross_entropy, L.cross_entropy_grad, ce.value_and_grad):
        with pytest.raises(exc) as err:
            call(logits, labels)
        messages.append(str(err.value))
    assert len(set(messages)) == 1, messages
    for w in words:
        assert w in messages[0], (w, messages[0])


def test_whole_float_labels_count_as_integers():
    logits = np.array([[1.0, 2.0, 0.0], [0.0, 0.0, 3.0]])
    np.testing.assert_allclose(L.cross_entropy(logits, [1.0, 2.0]), L.cross_entropy(logits, [1, 2]))


def test_value_and_grad_of_an_empty_batch_says_so():
    with pytest.raises(ValueError, match="logits is empty"):
        L.get_loss("cross_entropy").value_and_grad(np.zeros((0, 3)), np.zeros(0, dtype=int))


def test_label_check_wants_1d_labels():
    from dlmath._validate import as_class_labels

    with pytest.raises(ValueError, match=r"y must be 1-D class labels of shape \(n,\), got shape \(2, 1\)"):
        as_class_labels([[0], [1]], k=2, name="y")
    np.testing.assert_array_equal(as_class_labels(np.array([], dtype=int), k=2), [])
