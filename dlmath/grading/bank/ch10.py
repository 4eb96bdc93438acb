"""Exercises for chapter 10, training: accuracy, mini-batches, a train/test split, a training loop."""

from __future__ import annotations

import math

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, Mistake, register
from ._common import f64 as _f
from ._common import randint, randn, said

CHAPTER = "10_training"


def _accuracy(logits, labels):
    return float(np.mean(np.argmax(np.asarray(logits), axis=1) == np.asarray(labels)))


def _accuracy_cases(rng):
    def case(n, k):
        logits = randn(rng, n, k)
        # about half right: the true class is the argmax for the first half of the rows
        labels = rng.integers(0, k, size=n)
        labels[: n // 2] = np.argmax(logits[: n // 2], axis=1)
        return logits, labels

    right = randn(rng, 4, 3)
    return [
        # half right, and a flattened argmax (1) or the max logits compared with the labels
        # give other fractions: each of those mistakes is told apart here
        (
            np.array([[9.5, 0.0, 0.0, 0.0], [4.5, 0.0, 0.0, 0.0], [0.0, 0.0, 3.5, 1.0], [0.0, 2.5, 0.0, 0.0]]),
            np.array([0, 0, 2, 2]),
        ),
        case(5, 5),  # square first: argmax over axis 0 runs
        case(8, 3),
        case(1, 4),  # one sample
        (right, np.argmax(right, axis=1)),  # all right: 1.0
        (right, (np.argmax(right, axis=1) + 1) % 3),  # all wrong: 0.0
        (randint(rng, 6, 2, low=0, high=100) * 2 + np.array([0, 1]), np.array([1, 0, 1, 1, 0, 1])),
    ]


register(
    Exercise(
        id="ch10_accuracy",
        answer="accuracy",
        kind="function",
        chapter=CHAPTER,
        points=1,
        title="Accuracy of a classifier",
        reference=_accuracy,
        cases=_accuracy_cases,
        mistakes=[
            M.scaled(
                lambda args: len(args[1]),
                "You counted the right predictions. Accuracy is the "
                "FRACTION that is right: divide by the number of samples.",
                family="factor",
            ),
            M.scaled(100, "Return a fraction between 0 and 1, not a percentage.", family="factor"),
            M.matches(
                lambda z, y: 1.0 - _accuracy(z, y),
                "That is the error rate, the fraction that is WRONG.",
                family="wrong_formula",
            ),
            M.matches(
                lambda z, y: float(np.mean(np.argmax(z, axis=0) == y)),
                "You took the argmax over axis 0 (down the samples). Each row is one sample: use argmax(axis=1).",
                family="axis",
            ),
            Mistake(
                "You used //, integer (floor) division, which rounds the fraction down to 0 or 1. Use / or np.mean.",
                lambda got, expected, args: (
                    isinstance(got, (int, np.integer))
                    and not isinstance(got, bool)
                    and got == np.sum(np.argmax(args[0], axis=1) == args[1]) // len(args[1])
                ),
                family="integer_division",
            ),
            M.matches(
                lambda z, y: float(np.mean(np.argmax(z) == np.asarray(y))),
                "np.argmax without an "
                "axis gives one index into the whole array (flattened). Take it per row: "
                "argmax(axis=1).",
                family="axis",
            ),
            M.matches(
                lambda z, y: float(np.mean(np.max(z, axis=1) == y)),
                "You compared the largest "
                "logit itself with the label. The prediction is the INDEX of the largest logit: "
                "argmax.",
                family="indexing",
            ),
            Mistake(
                "You returned one True/False per sample. Accuracy is one number: take the mean of them.",
                lambda got, expected, args: np.ndim(got) == 1,
                family="shape",
            ),
        ],
        loops="forbidden",
        hints=[
            "The predicted class of a sample is the index of its largest logit.",
            "np.argmax(logits, axis=1) gives one class per row; compare it with labels and take "
            "the mean of the True/False values.",
        ],
    )
)


def _legacy_order(n, b, s):
    state = np.random.get_state()  # noqa: NPY002 - the legacy API a learner may use
    try:
        np.random.seed(s)  # noqa: NPY002 - the legacy API a learner may use
        order = np.random.permutation(n)  # noqa: NPY002 - the legacy API a learner may use
    finally:
        np.random.set_state(state)  # noqa: NPY002 - the legacy API a learner may use
    b = b or n
    return [order[i : i + b] for i in range(0, n, b)]


def _minibatch_indices(n, batch_size, seed):
    order = np.random.default_rng(seed).permutation(n)
    size = n if batch_size is None else batch_size
    return [order[start : start + size] for start in range(0, n, size)]


_ex_minibatches = register(
    Exercise(
        id="ch10_minibatches",
        integer_result=True,  # index arrays: float indices cannot index X
        answer="minibatch_indices",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="Mini-batch indices",
        reference=_minibatch_indices,
        cases=[(10, 4, 0), (12, 4, 1), (7, None, 2), (5, 1, 3), (3, 8, 4), (1, 2, 5)],
        hidden_cases=[(100, 7, 11)],
        mistakes=[
            M.matches(
                lambda n, b, s: _minibatch_indices(n, b, s)[:-1],
                "You dropped the last, smaller "
                "batch. Every sample is used once per epoch, so a smaller last batch stays.",
                family="off_by_one",
            ),
            M.matches(
                lambda n, b, s: [np.arange(n)[i : i + (b or n)] for i in range(0, n, b or n)],
                "Your batches are not shuffled. Start from order = np.random.default_rng(seed).permutation(n).",
                family="missing_term",
            ),
            M.matches(
                lambda n, b, s: [np.random.default_rng(s).permutation(n)],
                "You returned one batch of everything. Cut the shuffled order into pieces of batch_size.",
                family="shape",
            ),
            M.matches(
                _legacy_order,
                "You shuffled with np.random.seed / np.random.permutation, which "
                "gives another order. Use order = np.random.default_rng(seed).permutation(n).",
                family="wrong_formula",
            ),
            M.matches(
                lambda n, b, s: np.array_split(np.random.default_rng(s).permutation(n), max(1, n // (b or n))),
                "np.array_split cuts the order into n // batch_size pieces of nearly equal size. "
                "Cut consecutive pieces of exactly batch_size instead (the last may be smaller).",
                family="wrong_formula",
            ),
        ],
        hints=[
            "First shuffle: order = np.random.default_rng(seed).permutation(n).",
            "Then cut order into consecutive slices order[start:start + batch_size], for start = "
            "0, batch_size, 2 batch_size, ... (range with a step).",
            "batch_size=None means one batch with all n samples.",
        ],
    )
)


def _split(X, y, test_size, seed, *, n_test=None, two_draws=False, shuffle=True):
    X, y = np.asarray(X), np.asarray(y)
    n = len(X)
    n_test = math.ceil(n * test_size) if n_test is None else n_test
    rng = np.random.default_rng(seed)
    order = rng.permutation(n) if shuffle else np.arange(n)
    order_y = rng.permutation(n) if two_draws else order
    return X[order[n_test:]], X[order[:n_test]], y[order_y[n_test:]], y[order_y[:n_test]]


def _split_from_end(X, y, test_size, seed):
    X, y = np.asarray(X), np.asarray(y)
    k = math.ceil(len(X) * test_size)
    o = np.random.default_rng(seed).permutation(len(X))
    return X[o[:-k]], X[o[-k:]], y[o[:-k]], y[o[-k:]]


def _split_cases(rng):
    return [
        (randn(rng, 10, 2), np.arange(10) % 3, 0.25, 0),  # 2.5 test samples: round up
        (randint(rng, 7, 3), np.arange(7), 0.5, 1),
        (randn(rng, 8, 1), randn(rng, 8), 0.25, 2),
        (randn(rng, 4, 2), np.array([0, 1, 0, 1]), 0.3, 3),
    ]


register(
    Exercise(
        id="ch10_split",
        answer="split_train_test",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="A train/test split",
        reference=_split,
        cases=_split_cases,
        hidden_cases=[(np.arange(40.0).reshape(20, 2), np.arange(20), 0.3, 5)],
        mistakes=[
            M.matches(
                lambda X, y, t, s: _split(X, y, t, s, two_draws=True),
                "X and y were shuffled "
                "with DIFFERENT permutations, so samples no longer sit next to their labels. Draw "
                "one permutation and index both X and y with it.",
                family="swapped",
            ),
            M.matches(
                lambda X, y, t, s: _split(X, y, t, s, n_test=int(len(X) * t)),
                "Your test set is one sample short: round the number of test samples UP (math.ceil).",
                family="off_by_one",
            ),
            M.matches(
                lambda X, y, t, s: _split(X, y, t, s, shuffle=False),
                "You did not shuffle. Data files are often sorted (by class, by date), so take the permutation first.",
                family="missing_term",
            ),
            M.matches(
                lambda X, y, t, s: _split(X, y, t, s)[1::-1] + _split(X, y, t, s)[:1:-1],
                "You swapped train and test: return X_train, X_test, y_train, y_test.",
                family="swapped",
            ),
            M.matches(
                lambda X, y, t, s: tuple(_split(X, y, t, s)[i] for i in (0, 2, 1, 3)),
                "Your four arrays come in another order: return X_train, X_test, y_train, y_test, in that order.",
                family="swapped",
            ),
            M.matches(
                _split_from_end,
                "Your test set is the LAST n_test indices of order. The "
                "test set is the FIRST n_test indices, order[:n_test].",
                family="indexing",
            ),
        ],
        hints=[
            "One permutation for both: order = np.random.default_rng(seed).permutation(n).",
            "n_test = math.ceil(n * test_size); the test set is order[:n_test], the rest is for training.",
            "Index with the same arrays: X[train_idx], X[test_idx], y[train_idx], y[test_idx].",
        ],
    )
)


def _train_linear(X, y, lr, steps, *, sign=1.0, mean=True, record_after=False, bias=True, bias_mean=False):
    X, y = _f(X), _f(y)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for _ in range(steps):
        r = X @ w + b - y
        if not record_after:
            losses.append(np.mean(r**2))
        g = 2.0 * r / (n if mean else 1)
        w = w - sign * lr * (X.T @ g)
        if bias:
            b = b - sign * lr * (g.mean() if bias_mean else g.sum())
        if record_after:
            losses.append(np.mean((X @ w + b - y) ** 2))
    return np.array(losses)


def _line40():
    from dlmath.datasets import make_line

    X, y = make_line(n=40, seed=3)
    return X, y[:, 0]


def _train_cases(rng):
    X1 = rng.uniform(-1, 1, size=(20, 1))
    X3 = rng.uniform(-1, 1, size=(15, 3))
    return [
        (X1, 2.0 * X1[:, 0] + 1.0 + 0.1 * rng.standard_normal(20), 0.1, 30),
        (X3, X3 @ np.array([1.0, -2.0, 0.5]) - 0.5, 0.05, 40),
        (randn(rng, 1, 2, scale=0.5), np.array([3.0]), 0.1, 5),  # one sample
        (X1, np.ones(20), 0.1, 1),  # one step
        (randint(rng, 6, 2, low=-2, high=3), randint(rng, 6, low=-2, high=3), 0.02, 10),
    ]


register(
    Exercise(
        id="ch10_train_loop",
        answer="train_linear",
        kind="function",
        chapter=CHAPTER,
        points=3,
        title="A training loop that lowers the loss",
        reference=_train_linear,
        cases=_train_cases,
        hidden_cases=lambda rng: [(*_line40(), 0.1, 200)],
        mistakes=[
            M.matches(
                lambda X, y, lr, s: _train_linear(X, y, lr, s, bias_mean=True),
                "Your bias step uses the mean of g. g already holds the 1/n: dL/db is the sum of g, g.sum().",
                family="factor",
            ),
            M.matches(
                lambda X, y, lr, s: _train_linear(X, y, lr, s, sign=-1.0),
                "Your loss goes up: your steps go along the gradient, not against it. Check the sign of "
                "the residual (prediction minus target, X @ w + b - y) and of the update, w = w - lr * dw.",
                family="sign",
            ),
            M.matches(
                lambda X, y, lr, s: _train_linear(X, y, lr, s, mean=False),
                "Your gradient is "
                "that of the summed loss. The loss is a mean, so its gradient has the 1/n: "
                "dL/dy_pred = 2 (y_pred - y) / n.",
                family="factor",
            ),
            M.matches(
                lambda X, y, lr, s: _train_linear(X, y, lr, s, record_after=True),
                "Your losses "
                "are one step ahead. Record the loss BEFORE each update: losses[0] is the loss "
                "of the starting point w = 0, b = 0.",
                family="off_by_one",
            ),
            M.matches(
                lambda X, y, lr, s: _train_linear(X, y, lr, s, bias=False),
                "Your bias never moves. Update b too: b = b - lr * db, with db the sum of dL/dy_pred.",
                family="missing_term",
            ),
            M.matches(
                lambda X, y, lr, s: _train_linear(X, y, lr / 2, s),
                "Your gradient lost the factor 2 from the square: g = 2 r / n.",
                family="factor",
            ),
        ],
        hints=[
            "Each step: predictions, loss (record it), gradients, update. In that order.",
            "With r = X @ w + b - y: loss = mean(r^2), g = 2 r / n, dw = X.T @ g, db = g.sum().",
            "Start from w = np.zeros(d) and b = 0.0; return np.array(losses).",
        ],
    )
)

register(
    Exercise(
        id="ch10_total_steps",
        answer="total_steps",
        kind="value",
        chapter=CHAPTER,
        points=1,
        integer_result=True,  # the text says "ints" / "an int"
        title="Predict the number of steps",
        reference=lambda: 20 * math.ceil(1347 / 64),
        mistakes=[
            said(
                20,
                "20 is the number of EPOCHS (passes over the data). A step is one update, and an "
                "epoch has one step per mini-batch. (The source calls iterations 'epochs': they "
                "are not the same.)",
                family="wrong_formula",
            ),
            said(
                20 * (1347 // 64),
                "The last, smaller batch of each epoch is a step too: round up.",
                family="integer_division",
            ),
            said(
                20 * 1347,
                "That would be with batch size 1 (SGD). With batches of 64 there are far fewer steps.",
                family="wrong_formula",
            ),
            said(
                math.ceil(1347 / 64),
                "That is the number of steps in ONE epoch. Training runs 20 epochs.",
                family="wrong_formula",
            ),
            said(
                20 * 1347 / 64,
                "A step is one update, so there is a whole number of steps: count the "
                "batches per epoch (rounded up), then multiply.",
                family="integer_division",
            ),
            said(
                math.ceil(20 * 1347 / 64),
                "You rounded once for all 20 epochs, but each epoch ends "
                "with its own smaller batch: round up per epoch, then multiply.",
                family="integer_division",
            ),
            said(
                20 * 64,
                "That is the batch size times the epochs. Count the batches per epoch, "
                "ceil(1347 / 64), and multiply by 20.",
                family="wrong_formula",
            ),
        ],
        hints=[
            "First count the batches in one epoch.",
            "Steps per epoch = ceil(n / batch_size); multiply by the number of epochs.",
        ],
    )
)
