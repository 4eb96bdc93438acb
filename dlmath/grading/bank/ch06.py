"""Exercises for chapter 06, losses: MSE and its gradient, softmax, cross-entropy from logits."""

from __future__ import annotations

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, Mistake, register
from ._common import f64 as _f
from ._common import randint, randn, said

CHAPTER = "06_losses"


def _mse(y_pred, y_true):
    d = _f(y_pred) - _f(y_true)
    return float(np.mean(d**2))


def _mse_grad(y_pred, y_true):
    d = _f(y_pred) - _f(y_true)
    return 2.0 * d / d.size


def _size(args):
    return np.size(args[0])


def _cols(args):
    return np.shape(args[0])[1]


_BROADCAST = (
    "An (n,) array and an (n, 1) array broadcast to an (n, n) grid of every "
    "difference: keep y_pred and y_true the same shape (do not .ravel() only one)."
)


def _mse_cases(rng):
    return [
        (randn(rng, 5, 1), randn(rng, 5, 1)),
        (randn(rng, 4, 3), randn(rng, 4, 3)),  # several outputs: the mean is over all 12 entries
        (randn(rng, 1, 1), randn(rng, 1, 1)),  # one sample
        (np.array([[1.0], [2.0]]), np.array([[1.0], [2.0]])),  # perfect prediction: 0
        (randint(rng, 6, 2), randint(rng, 6, 2)),  # integers
        (1e150 * randn(rng, 3, 1), np.zeros((3, 1))),  # big but finite
    ]


register(
    Exercise(
        id="ch06_mse",
        answer="mse",
        kind="function",
        chapter=CHAPTER,
        points=1,
        title="Mean squared error",
        reference=_mse,
        cases=_mse_cases,
        mistakes=[
            M.scaled(
                _size,
                "You summed the squared differences. The loss takes the MEAN: divide by "
                "the number of entries (or use np.mean).",
                family="factor",
            ),
            M.scaled(
                _cols,
                "You divided by the batch size only. MSE averages over EVERY entry: "
                "with several outputs per sample, divide by y_pred.size.",
                family="factor",
            ),
            M.matches(
                lambda p, t: float(np.sqrt(_mse(p, t))),
                "You took the square root: that is the RMSE. MSE stops at the mean of the squares.",
                family="wrong_formula",
            ),
            M.matches(
                lambda p, t: float(np.mean(np.abs(_f(p) - _f(t)))),
                "You averaged the absolute differences (the MAE). Square them instead.",
                family="wrong_formula",
            ),
            M.matches(
                lambda p, t: float(np.mean(_f(p) - _f(t))),
                "You forgot to square the differences: positive and negative errors cancel out.",
                family="missing_term",
            ),
            M.matches(lambda p, t: float(np.mean((_f(p) - _f(t).ravel()) ** 2)), _BROADCAST, family="broadcasting"),
            M.matches(lambda p, t: float(np.mean((_f(p).ravel() - _f(t)) ** 2)), _BROADCAST, family="broadcasting"),
            M.matches(
                lambda p, t: float(np.mean(_f(p) - _f(t)) ** 2),
                "You took the square of the "
                "mean difference. MSE is the mean of the squares: square first, then average.",
                family="wrong_formula",
            ),
            M.scaled(
                0.5,
                "You divided by 2. Some books put a 1/2 in front of the squared error; this "
                "course's MSE is the plain mean of the squares.",
                family="factor",
            ),
        ],
        hints=[
            "MSE = mean of (y_pred - y_true) squared, over all entries.",
            "np.mean(...) of an array averages all of its entries; return a single float.",
        ],
    )
)

register(
    Exercise(
        id="ch06_mse_grad",
        answer="mse_grad",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="The gradient of MSE",
        reference=_mse_grad,
        cases=_mse_cases,
        mistakes=[
            M.scaled(
                _size,
                "That is the gradient of the SUMMED squared error. The loss takes the "
                "mean, so its gradient is divided by the number of entries N.",
                family="factor",
            ),
            M.scaled(0.5, "You lost the factor 2: the derivative of u^2 is 2u.", family="factor"),
            M.negated(
                "Your gradient points the wrong way. The derivative of (y_pred - y_true)^2 with "
                "respect to y_pred is +2 (y_pred - y_true)."
            ),
            M.scaled(
                _cols,
                "You divided by the batch size only. The mean in MSE is over all N entries, so divide by y_pred.size.",
                family="factor",
            ),
            M.matches(
                lambda p, t: np.floor(2 * (_f(p) - _f(t)) / np.size(p)),
                "You used //, integer (floor) division, which rounds every entry down. Use / .",
                family="integer_division",
            ),
        ],
        hints=[
            "The gradient has the same shape as y_pred: one number per entry.",
            "L = (1/N) sum (y_pred - y_true)^2, so dL/dy_pred = (2/N) (y_pred - y_true).",
        ],
    )
)


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
        (randn(rng, 3, 3),),  # square first: the wrong axis runs, and is named
        (randn(rng, 4, 3),),
        (np.array([[1000.0, 1001.0, 999.0], [-1000.0, -1001.0, -999.0]]),),
        (randn(rng, 1, 5),),  # one sample
        (np.zeros((2, 4)),),  # all equal: uniform
        (randint(rng, 3, 2),),  # integers
        # wide spreads: a shift by the row minimum, mean or first column overflows here
        (np.array([[0.0, 1000.0], [1000.0, 0.0]]),),
        (np.array([[-2000.0, 0.0, 2000.0]]),),
        # a row far below the batch maximum: a shift by the global maximum underflows to 0 / 0
        (np.array([[0.0, 1.0, 2.0], [-1000.0, -999.0, -998.0]]),),
        # a generated family (seeded from the id): rows at random offsets, with spreads from 1
        # to about 3000, so that any shift other than the row maximum overflows somewhere
        (_wide_rows(rng, 6, 5),),
    ]


def _wide_rows(rng, n, k):
    spread = 10.0 ** rng.uniform(0.0, 3.5, size=(n, 1))
    offset = rng.uniform(-2000.0, 2000.0, size=(n, 1))
    return offset + spread * rng.uniform(-1.0, 1.0, size=(n, k))


def _shifted_softmax(shift):
    def soft(z):
        z = _f(z)
        return _naive_softmax(z - shift(z))

    return soft


def _clipped(got, expected, args):
    z = _f(args[0])
    return any(M.close(got, _naive_softmax(np.clip(z, -c, c))) for c in (50, 100, 300, 500, 700, 709))


register(
    Exercise(
        id="ch06_softmax",
        answer="softmax",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="A stable softmax",
        reference=_softmax,
        cases=_softmax_cases,
        loops="forbidden",
        mistakes=[
            M.matches(
                _shifted_softmax(lambda z: z.min(axis=-1, keepdims=True)),
                "You shifted by the "
                "row minimum: exp then sees max - min, which overflows for a row with a wide "
                "spread such as [0, 1000]. Shift by the row MAXIMUM, so exp never sees a number "
                "above 0.",
                family="stability",
            ),
            M.matches(
                _shifted_softmax(lambda z: z.mean(axis=-1, keepdims=True)),
                "You shifted by the "
                "row mean: exp still sees max - mean, which overflows for a wide row. Shift by "
                "the row MAXIMUM, so exp never sees a number above 0.",
                family="stability",
            ),
            M.matches(
                _shifted_softmax(lambda z: z[:, :1]),
                "You shifted by the first column: exp "
                "still sees max - z[0], which overflows when a later logit is much larger. Shift "
                "by the row MAXIMUM, so exp never sees a number above 0.",
                family="stability",
            ),
            M.matches(
                _shifted_softmax(lambda z: z.max()),
                "You shifted by the whole batch's maximum: a "
                "row far below it underflows to 0 / 0. Shift each row by ITS OWN maximum: "
                "z.max(axis=1, keepdims=True).",
                family="stability",
            ),
            Mistake(
                "You clipped the logits: that changes the result for large logits (softmax of "
                "[1000, 999] is not softmax of [500, 500]). Shift by the row maximum instead.",
                _clipped,
                family="stability",
            ),
            M.nonfinite_for(
                lambda args: np.any(np.abs(_f(args[0])) > 700),
                "Softmax overflowed (or divided 0 by 0) for large logits: exp(1000) is "
                "inf. Subtract each row's maximum first; that does not change the result.",
            ),
            M.matches(
                lambda z: _naive_softmax(z, axis=0),
                "Your columns sum to 1, not your rows. Each row is one sample: sum over axis=-1 (the classes).",
                family="axis",
            ),
            M.matches(
                lambda z: np.exp(_f(z)) / np.exp(_f(z)).sum(),
                "You divided by the sum over the whole batch. Each row (sample) must sum to 1 on its own.",
                family="axis",
            ),
            M.matches(
                lambda z: np.exp(_f(z)) / np.exp(_f(z)).sum(axis=1),
                "The row sums landed on "
                "the wrong axis: use .sum(axis=-1, keepdims=True) so that each row is divided "
                "by its own sum.",
                family="axis",
            ),
        ],
        hints=[
            "softmax(z)_j = exp(z_j) / sum_i exp(z_i), for each row separately.",
            "Shifting a row by a constant does not change its softmax. Shift by the row's maximum, "
            "then exp never sees a number above 0.",
            "z.max(axis=-1, keepdims=True) and .sum(axis=-1, keepdims=True) keep the shape (n, 1), "
            "which broadcasts across each row.",
        ],
    )
)


def _cross_entropy(logits, labels):
    z = _f(logits)
    labels = np.asarray(labels)
    shifted = z - z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.mean(log_p[np.arange(len(labels)), labels]))


def _ce_cases(rng):
    return [
        (randn(rng, 5, 3), np.array([0, 2, 1, 1, 0])),
        (randn(rng, 1, 4), np.array([3])),  # one sample
        (np.zeros((4, 10)), np.array([0, 3, 9, 5])),  # uniform: log 10
        (np.array([[1000.0, 0.0, -1000.0], [0.0, 800.0, 0.0]]), np.array([2, 1])),  # large logits
        (randint(rng, 6, 2), np.array([0, 1, 1, 0, 1, 0])),  # integers
        # a row far below the batch maximum: a shift by the global maximum gives log(0)
        (np.array([[0.0, 1.0], [-1000.0, -999.0]]), np.array([1, 0])),
        # a generated family: wide rows at random offsets, labels anywhere
        (_wide_rows(rng, 6, 4), rng.integers(0, 4, size=6)),
    ]


def _ce_variant(logits, labels, *, shift="row", pick="right", eps=0.0):
    z = _f(logits)
    labels = np.asarray(labels)
    s = z - (z.max() if shift == "global" else z.max(axis=1, keepdims=True))
    with np.errstate(all="ignore"):
        if eps:
            p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
            log_p = np.log(p + eps)
        else:
            log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    if pick == "columns":
        return float(-np.mean(log_p[:, labels]))
    if pick == "rows":
        return float(-np.mean(log_p[labels]))
    return float(-np.mean(log_p[np.arange(len(labels)), labels]))


register(
    Exercise(
        id="ch06_cross_entropy",
        answer="cross_entropy",
        kind="function",
        chapter=CHAPTER,
        points=3,
        title="Cross-entropy from logits",
        reference=_cross_entropy,
        cases=_ce_cases,
        loops="forbidden",
        mistakes=[
            M.matches(
                lambda z, y: _ce_variant(z, y, shift="global"),
                "You shifted by the whole "
                "batch's maximum: a row far below it has every exp underflow to 0, and log(0) is "
                "-inf. Shift each row by ITS OWN maximum: logits.max(axis=1, keepdims=True).",
                family="stability",
            ),
            M.matches(
                lambda z, y: _ce_variant(z, y, pick="columns"),
                "logp[:, labels] takes the "
                "columns of every label for every row (an (n, n) block), not one entry per row. "
                "Use logp[np.arange(n), labels].",
                family="indexing",
            ),
            M.matches(
                lambda z, y: _ce_variant(z, y, pick="rows"),
                "logp[labels] picks ROWS by the labels. You need one entry per row: logp[np.arange(n), labels].",
                family="indexing",
            ),
            Mistake(
                "You added a small number inside the log: that hides log(0) but gives a wrong "
                "loss when a true class has a tiny probability. Work in log space: log p_j = "
                "z_j - max(z) - log(sum_i exp(z_i - max(z))).",
                lambda got, expected, args: any(
                    M.close(got, _ce_variant(*args, eps=e)) for e in (1e-7, 1e-8, 1e-9, 1e-10, 1e-12, 1e-15, 1e-300)
                ),
                family="stability",
            ),
            M.nonfinite_for(
                lambda args: np.any(np.abs(_f(args[0])) > 700),
                "Your loss overflowed for "
                "large logits: softmax gave 0 (or NaN) and log(0) = -inf. Work in log "
                "space: log p_j = z_j - max(z) - log(sum_i exp(z_i - max(z))).",
            ),
            M.scaled(
                lambda args: len(args[1]),
                "You summed over the batch where the loss takes the mean: divide by the number of samples.",
                family="factor",
            ),
            M.negated("Your loss is negative. Cross-entropy is MINUS the mean log-probability of the true class."),
            M.scaled(
                lambda args: 1 / np.shape(args[0])[1],
                "You averaged over the classes too. Pick "
                "the log-probability of the true class for each sample, then average over "
                "the samples only.",
                family="axis",
            ),
        ],
        hints=[
            "L = -(1/n) sum over samples of log softmax(z)[true class].",
            "Compute log-softmax directly: shift each row by its maximum, then subtract the log of the sum of exps.",
            "logp[np.arange(n), labels] picks one entry per row: the true class.",
        ],
    )
)

register(
    Exercise(
        id="ch06_uniform_loss",
        answer="uniform_loss",
        kind="value",
        chapter=CHAPTER,
        points=1,
        title="Predict the loss of a guess",
        reference=lambda: _cross_entropy(np.zeros((1, 10)), np.array([0])),
        rtol=1e-3,  # four significant digits are enough
        mistakes=[
            said(
                np.log2(10),
                "That is the log to base 2. The loss uses the natural log (base e): np.log.",
                family="wrong_formula",
            ),
            said(1.0, "You used log base 10. Cross-entropy uses the natural log: np.log.", family="wrong_formula"),
            said(0.1, "0.1 is the probability of the true class. The loss is -log of it.", family="wrong_formula"),
            M.negated("The loss is MINUS the log-probability, and so it is positive."),
            said(
                10.0,
                "10 is the number of classes. The loss is -log of the true class's probability.",
                family="wrong_formula",
            ),
            Mistake(
                "Close, but give four significant digits (np.log is allowed).",
                lambda got, expected, args: abs(float(got) - expected) < 0.01 * expected,
                family="wrong_formula",
            ),
            said(
                0.9,
                "That is 1 - p. Cross-entropy is -log(p), with p the true class's probability.",
                family="wrong_formula",
            ),
            said(
                float(np.log(10) / 10),
                "You averaged over the classes. The loss uses only the true class: -log(p).",
                family="wrong_formula",
            ),
        ],
        hints=[
            "With equal logits, softmax gives every one of the 10 classes the same probability.",
            "The loss is -log(p) for the true class, with the natural log.",
        ],
    )
)
