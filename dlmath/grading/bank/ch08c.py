"""Exercises for chapter 08c, initialization: Glorot's uniform limit, the standard deviation of
a normal initialization for each activation, and standardizing inputs with the training set's
statistics."""

from __future__ import annotations

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, register
from ._common import f64 as _f
from ._common import randn

CHAPTER = "08c_initialization"


def _glorot_limit(n_in, n_out):
    """a with U(-a, a) of variance 2 / (n_in + n_out): a^2 / 3 = 2 / (n_in + n_out)."""
    return np.sqrt(6.0 / (n_in + n_out))


register(
    Exercise(
        id="ch08c_glorot_limit",
        answer="glorot_limit",
        kind="function",
        chapter=CHAPTER,
        points=1,
        title="Glorot's uniform limit",
        reference=_glorot_limit,
        cases=[(3, 4), (100, 50), (784, 128), (64, 64), (1, 1), (10, 1000)],
        mistakes=[
            M.matches(
                lambda i, o: np.sqrt(2.0 / (i + o)),
                "That is the standard deviation. The limit a of "
                "U(-a, a) is larger: a uniform distribution has variance a^2 / 3.",
                family="wrong_formula",
            ),
            M.matches(
                lambda i, o: 6.0 / (i + o),
                "You forgot the square root: a^2 / 3 = 2 / (n_in + n_out).",
                family="missing_term",
            ),
            M.matches(
                lambda i, o: np.sqrt(6.0 / i),
                "Glorot uses both fan-in and fan-out: n_in + n_out.",
                family="missing_term",
            ),
            M.matches(
                lambda i, o: np.sqrt(3.0 / (i + o)),
                "The variance is 2 / (n_in + n_out), so a^2 = 3 * 2 / (n_in + n_out).",
                family="wrong_formula",
            ),
            M.matches(
                lambda i, o: np.sqrt(6.0) / (i + o),
                "Take the square root of the whole fraction 6 / (n_in + n_out).",
                family="wrong_formula",
            ),
            M.matches(
                lambda i, o: np.sqrt(6.0 / (i * o)),
                "Add the fan-in and fan-out, do not multiply them.",
                family="wrong_formula",
            ),
            M.matches(
                lambda i, o: np.sqrt(2.0 / i),
                "That is He's standard deviation for ReLU (normal). "
                "Glorot's uniform limit is sqrt(6 / (n_in + n_out)).",
                family="wrong_formula",
            ),
        ],
        hints=[
            "Glorot wants Var(W) = 2 / (n_in + n_out).",
            "U(-a, a) has variance a^2 / 3. Solve for a.",
        ],
    )
)


def _init_std(n_in, n_out, activation):
    """Normal initialization: He sqrt(2 / n_in) for ReLU, Glorot sqrt(2 / (n_in + n_out)) otherwise."""
    if activation == "relu":
        return np.sqrt(2.0 / n_in)
    return np.sqrt(2.0 / (n_in + n_out))


def _std_cases(rng):
    return [
        (100, 50, "relu"),
        (100, 50, "tanh"),
        (30, 10, "sigmoid"),
        (64, 256, "relu"),
        (8, 8, "identity"),
        (784, 128, "relu"),
        (5, 500, "tanh"),
    ]


def _he(i, o, a):
    return np.sqrt(2.0 / i)


def _glorot(i, o, a):
    return np.sqrt(2.0 / (i + o))


register(
    Exercise(
        id="ch08c_init_std",
        answer="init_std",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="The right scale for each activation",
        reference=_init_std,
        cases=_std_cases,
        mistakes=[
            M.matches(
                _he,
                "You used He's scale for every activation. He (2 / n_in) is for ReLU; sigmoid, tanh "
                "and identity use Glorot's 2 / (n_in + n_out).",
                family="wrong_formula",
            ),
            M.matches(
                _glorot,
                "You used Glorot's scale for every activation. ReLU zeroes half of z, so He "
                "doubles the variance: 2 / n_in.",
                family="wrong_formula",
            ),
            M.matches(
                lambda i, o, a: np.sqrt(2.0 / o) if a == "relu" else _init_std(i, o, a),
                "He divides by the fan-in n_in (the number of terms in each weighted sum), not n_out.",
                family="swapped",
            ),
            M.matches(
                lambda i, o, a: _init_std(i, o, a) ** 2,
                "You returned the variance. Return the standard deviation: its square root.",
                family="missing_term",
            ),
            M.matches(
                lambda i, o, a: np.sqrt(3.0) * _init_std(i, o, a),
                "That is the limit of a uniform "
                "distribution with this variance. Return the standard deviation of a normal one.",
                family="wrong_formula",
            ),
            M.matches(
                lambda i, o, a: np.sqrt(1.0 / i) if a == "relu" else _init_std(i, o, a),
                "For ReLU the variance is 2 / n_in, not 1 / n_in: half of the signal is zeroed.",
                family="factor",
            ),
            M.matches(
                lambda i, o, a: np.sqrt(2.0) / (i if a == "relu" else i + o),
                "Take the square root of the whole fraction: sqrt(2 / n_in), not sqrt(2) / n_in.",
                family="wrong_formula",
            ),
        ],
        hints=[
            "Which activation is it? ReLU gets He, everything else Glorot.",
            "Variances: He 2 / n_in, Glorot 2 / (n_in + n_out). The standard deviation is the square root.",
        ],
    )
)


def _standardize(X_train, X_test):
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    mu, s = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mu) / s, (X_test - mu) / s


def _std_data(rng):
    def feats(n, scale):
        return rng.normal(size=(n, len(scale))) * scale + 3 * np.asarray(scale)

    return [
        (feats(6, [10.0, 100.0, 1.0]), feats(3, [10.0, 100.0, 1.0])),
        (
            np.array(
                [[12.0, 150.0, 10.0], [7.0, 80.0, 14.0], [20.0, 400.0, 2.0], [3.0, 20.0, 1.0], [15.0, 180.0, 9.0]]
            ),
            np.array([[10.0, 120.0, 6.0]]),
        ),
        (feats(8, [1.0, 5.0]), feats(5, [1.0, 5.0])),
        (randn(rng, 10, 4, scale=3.0) + 7.0, randn(rng, 2, 4)),
        (np.array([[1, 2], [3, 6], [5, 1]]), np.array([[2, 2], [4, 4]])),
    ]


register(
    Exercise(
        id="ch08c_standardize",
        answer="standardize",
        kind="function",
        chapter=CHAPTER,
        points=2,
        tuple_result=True,  # the text says "returns the tuple"
        title="Standardize with the training set's statistics",
        reference=_standardize,
        cases=_std_data,
        mistakes=[
            M.matches(
                lambda a, b: ((_f(a) - _f(a).mean(0)) / _f(a).std(0), (_f(b) - _f(b).mean(0)) / _f(b).std(0)),
                "You standardized the test set with its own mean and standard deviation. Use the "
                "training set's: the network learned on that scale.",
                family="wrong_formula",
            ),
            M.matches(
                lambda a, b: ((_f(a) - _f(a).mean()) / _f(a).std(), (_f(b) - _f(a).mean()) / _f(a).std()),
                "You used one mean and one standard deviation for the whole array. Standardize each "
                "feature (column) on its own: axis=0.",
                family="axis",
            ),
            M.matches(
                lambda a, b: _by_rows(a, b),
                "You standardized along axis=1, across the features of "
                "each sample. Each feature (column) gets its own mean and standard deviation: axis=0.",
                family="axis",
            ),
            M.matches(
                lambda a, b: (_f(a) - _f(a).mean(0), _f(b) - _f(a).mean(0)),
                "You subtracted the mean but did not divide by the standard deviation.",
                family="missing_term",
            ),
            M.matches(
                lambda a, b: (_f(a) / _f(a).std(0), _f(b) / _f(a).std(0)),
                "You divided by the standard deviation but did not subtract the mean first.",
                family="missing_term",
            ),
            M.matches(
                lambda a, b: ((_f(a) - _f(a).mean(0)) / _f(a).var(0), (_f(b) - _f(a).mean(0)) / _f(a).var(0)),
                "You divided by the variance. Divide by the standard deviation, its square root.",
                family="missing_term",
            ),
            M.matches(
                lambda a, b: (_f(a) - _f(a).mean(0)) / _f(a).std(0),
                "Return both arrays, (X_train_standardized, X_test_standardized).",
                family="shape",
            ),
        ],
        hints=[
            "Compute mu = X_train.mean(axis=0) and s = X_train.std(axis=0): one number per feature.",
            "Apply the same (X - mu) / s to both arrays.",
        ],
    )
)


def _by_rows(a, b):
    a, b = _f(a), _f(b)
    return (
        (a - a.mean(1, keepdims=True)) / a.std(1, keepdims=True),
        (b - b.mean(1, keepdims=True)) / b.std(1, keepdims=True),
    )


register(
    Exercise(
        id="ch08c_depth_factor",
        answer="depth_factor",
        kind="value",
        chapter=CHAPTER,
        points=1,
        title="Ten layers at the wrong scale",
        reference=lambda: 0.8**10,
        rtol=1e-3,
        mistakes=[
            M.matches(
                lambda: 0.8**9,
                "One layer short: ten layers multiply the standard deviation by 0.8 ten times.",
                family="off_by_one",
            ),
            M.matches(
                lambda: 0.8,
                "That is one layer's factor. Each of the 10 layers multiplies the standard deviation by it again.",
                family="wrong_formula",
            ),
            M.matches(
                lambda: 0.8**20,
                "That is the factor of the variance (0.8^2 per layer). The question asks for the standard deviation.",
                family="wrong_formula",
            ),
            M.matches(
                lambda: 8.0,
                "The factors multiply, they do not add: 0.8 times itself, once per layer.",
                family="wrong_formula",
            ),
            M.matches(
                lambda: 0.8**-10,
                "The weights are smaller than He's, so the signal shrinks: the factor is below 1.",
                family="wrong_formula",
            ),
            M.matches(lambda: 0.2**10, "The factor per layer is s = 0.8 itself, not 1 - s.", family="swapped"),
            M.matches(
                lambda: 1.0,
                "He's scale keeps the signal constant; 0.8 times He's weights does not.",
                family="wrong_formula",
            ),
        ],
        hints=[
            "Scaling every weight of a ReLU layer by s scales its output by s (at zero bias).",
            "Ten layers in a row: the factors multiply.",
        ],
    )
)
