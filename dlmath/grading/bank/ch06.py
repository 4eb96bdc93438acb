"""Exercises for chapter 06, losses: MSE and its gradient, softmax, cross-entropy from logits."""
from __future__ import annotations

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, register
from ._common import randint, randn, said

CHAPTER = "06_losses"


def _f(a):
    return np.asarray(a, dtype=float)


def _mse(y_pred, y_true):
    d = _f(y_pred) - _f(y_true)
    return float(np.mean(d ** 2))


def _mse_grad(y_pred, y_true):
    d = _f(y_pred) - _f(y_true)
    return 2.0 * d / d.size


def _size(args):
    return np.size(args[0])


def _cols(args):
    return np.shape(args[0])[1]


def _mse_cases(rng):
    return [
        (randn(rng, 5, 1), randn(rng, 5, 1)),
        (randn(rng, 4, 3), randn(rng, 4, 3)),   # several outputs: the mean is over all 12 entries
        (randn(rng, 1, 1), randn(rng, 1, 1)),   # one sample
        (np.array([[1.0], [2.0]]), np.array([[1.0], [2.0]])),   # perfect prediction: 0
        (randint(rng, 6, 2), randint(rng, 6, 2)),               # integers
        (1e150 * randn(rng, 3, 1), np.zeros((3, 1))),           # big but finite
    ]


register(Exercise(
    id="ch06_mse", answer="mse", kind="function", chapter=CHAPTER, points=1,
    title="Mean squared error",
    reference=_mse, cases=_mse_cases,
    mistakes=[
        M.scaled(_size, "You summed the squared differences. The loss takes the MEAN: divide by "
                 "the number of entries (or use np.mean)."),
        M.scaled(_cols, "You divided by the batch size only. MSE averages over EVERY entry: "
                 "with several outputs per sample, divide by y_pred.size."),
        M.matches(lambda p, t: float(np.sqrt(_mse(p, t))), "You took the square root: that is the "
                  "RMSE. MSE stops at the mean of the squares."),
        M.matches(lambda p, t: float(np.mean(np.abs(_f(p) - _f(t)))), "You averaged the absolute "
                  "differences (the MAE). Square them instead."),
        M.matches(lambda p, t: float(np.mean(_f(p) - _f(t))), "You forgot to square the "
                  "differences: positive and negative errors cancel out."),
    ],
    hints=[
        "MSE = mean of (y_pred - y_true) squared, over all entries.",
        "np.mean(...) of an array averages all of its entries; return a single float.",
    ],
))

register(Exercise(
    id="ch06_mse_grad", answer="mse_grad", kind="function", chapter=CHAPTER, points=2,
    title="The gradient of MSE",
    reference=_mse_grad, cases=_mse_cases,
    mistakes=[
        M.scaled(_size, "That is the gradient of the SUMMED squared error. The loss takes the "
                 "mean, so its gradient is divided by the number of entries N."),
        M.scaled(0.5, "You lost the factor 2: the derivative of u^2 is 2u."),
        M.negated("Your gradient points the wrong way. The derivative of (y_pred - y_true)^2 with "
                  "respect to y_pred is +2 (y_pred - y_true)."),
        M.scaled(_cols, "You divided by the batch size only. The mean in MSE is over all N "
                 "entries, so divide by y_pred.size."),
    ],
    hints=[
        "The gradient has the same shape as y_pred: one number per entry.",
        "L = (1/N) sum (y_pred - y_true)^2, so dL/dy_pred = (2/N) (y_pred - y_true).",
    ],
))


def _softmax(z):
    z = _f(z)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _naive_softmax(z, axis=-1):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(_f(z))
        return e / e.sum(axis=axis, keepdims=True)


def _softmax_cases(rng):
    return [
        (randn(rng, 3, 3),),                       # square first: the wrong axis runs, and is named
        (randn(rng, 4, 3),),
        (np.array([[1000.0, 1001.0, 999.0], [-1000.0, -1001.0, -999.0]]),),
        (randn(rng, 1, 5),),                       # one sample
        (np.zeros((2, 4)),),                       # all equal: uniform
        (randint(rng, 3, 2),),                     # integers
    ]


register(Exercise(
    id="ch06_softmax", answer="softmax", kind="function", chapter=CHAPTER, points=2,
    title="A stable softmax",
    reference=_softmax, cases=_softmax_cases,
    mistakes=[
        M.nonfinite_for(lambda args: np.any(np.abs(_f(args[0])) > 700),
                        "Softmax overflowed (or divided 0 by 0) for large logits: exp(1000) is "
                        "inf. Subtract each row's maximum first; that does not change the result."),
        M.matches(lambda z: _naive_softmax(z, axis=0), "Your columns sum to 1, not your rows. Each "
                  "row is one sample: sum over axis=-1 (the classes)."),
        M.matches(lambda z: np.exp(_f(z)) / np.exp(_f(z)).sum(), "You divided by the sum over the "
                  "whole batch. Each row (sample) must sum to 1 on its own."),
        M.matches(lambda z: np.exp(_f(z)) / np.exp(_f(z)).sum(axis=1), "The row sums landed on "
                  "the wrong axis: use .sum(axis=-1, keepdims=True) so that each row is divided "
                  "by its own sum."),
    ],
    hints=[
        "softmax(z)_j = exp(z_j) / sum_i exp(z_i), for each row separately.",
        "Shifting a row by a constant does not change its softmax. Shift by the row's maximum, "
        "then exp never sees a number above 0.",
        "z.max(axis=-1, keepdims=True) and .sum(axis=-1, keepdims=True) keep the shape (n, 1), "
        "which broadcasts across each row.",
    ],
))


def _cross_entropy(logits, labels):
    z = _f(logits)
    labels = np.asarray(labels)
    shifted = z - z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.mean(log_p[np.arange(len(labels)), labels]))


def _ce_cases(rng):
    return [
        (randn(rng, 5, 3), np.array([0, 2, 1, 1, 0])),
        (randn(rng, 1, 4), np.array([3])),                      # one sample
        (np.zeros((4, 10)), np.array([0, 3, 9, 5])),            # uniform: log 10
        (np.array([[1000.0, 0.0, -1000.0], [0.0, 800.0, 0.0]]), np.array([2, 1])),  # large logits
        (randint(rng, 6, 2), np.array([0, 1, 1, 0, 1, 0])),     # integers
    ]


register(Exercise(
    id="ch06_cross_entropy", answer="cross_entropy", kind="function", chapter=CHAPTER, points=3,
    title="Cross-entropy from logits",
    reference=_cross_entropy, cases=_ce_cases,
    mistakes=[
        M.nonfinite_for(lambda args: np.any(np.abs(_f(args[0])) > 700), "Your loss overflowed for "
                        "large logits: softmax gave 0 (or NaN) and log(0) = -inf. Work in log "
                        "space: log p_j = z_j - max(z) - log(sum_i exp(z_i - max(z)))."),
        M.scaled(lambda args: len(args[1]), "You summed over the batch where the loss takes the "
                 "mean: divide by the number of samples."),
        M.negated("Your loss is negative. Cross-entropy is MINUS the mean log-probability of the "
                  "true class."),
        M.scaled(lambda args: 1 / np.shape(args[0])[1], "You averaged over the classes too. Pick "
                 "the log-probability of the true class for each sample, then average over "
                 "the samples only."),
    ],
    hints=[
        "L = -(1/n) sum over samples of log softmax(z)[true class].",
        "Compute log-softmax directly: shift each row by its maximum, then subtract the log of "
        "the sum of exps.",
        "logp[np.arange(n), labels] picks one entry per row: the true class.",
    ],
))

register(Exercise(
    id="ch06_uniform_loss", answer="uniform_loss", kind="value", chapter=CHAPTER, points=1,
    title="Predict the loss of a guess",
    reference=lambda: _cross_entropy(np.zeros((1, 10)), np.array([0])),
    rtol=1e-3,   # four significant digits are enough
    mistakes=[
        said(1.0, "You used log base 10. Cross-entropy uses the natural log: np.log."),
        said(0.1, "0.1 is the probability of the true class. The loss is -log of it."),
        M.negated("The loss is MINUS the log-probability, and so it is positive."),
    ],
    hints=[
        "With equal logits, softmax gives every one of the 10 classes the same probability.",
        "The loss is -log(p) for the true class, with the natural log.",
    ],
))
