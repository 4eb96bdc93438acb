"""Exercises for chapter 05, activations: a stable sigmoid, relu and its derivative, a forward pass."""

from __future__ import annotations

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, Mistake, register
from ._common import randint, randn, said

CHAPTER = "05_activations"


def _sigmoid(z):
    """Independent stable reference: exp only ever sees non-positive numbers."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _naive_sigmoid(z):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def _big(limit):
    return lambda args: np.any(np.abs(np.asarray(args[0], dtype=float)) > limit)


def _sigmoid_cases(rng):
    return [
        (np.array([-2.0, -1.0, 0.0, 1.0, 2.0]),),
        (randn(rng, 3, 4, scale=3.0),),
        (np.array([-1000.0, -750.0, -50.0, 0.0, 50.0, 750.0, 1000.0]),),
        # exp(-z) overflows below z = -709.8, where the true values are tiny but not 0: a naive
        # formula (with its warning switched off) or a clip returns 0 or a wrong tiny number
        (np.array([-730.0, -720.0, -710.0, -40.0, 40.0, 710.0, 720.0]),),
        (np.array([-3, 0, 3]),),  # integers
        (np.zeros((2, 2)),),
        (np.zeros(0),),  # empty
    ]


def _only_where_large(got, expected, args):
    """Wrong only at entries with a large |z| (and finite): a formula that loses tiny values."""
    z = np.asarray(args[0], dtype=float)
    g = np.asarray(got, dtype=float)
    if g.shape != z.shape or not np.all(np.isfinite(g)):
        return False
    bad = ~np.isclose(g, expected, rtol=1e-6, atol=0.0)
    return bool(np.any(bad)) and bool(np.all(np.abs(z[bad]) > 30))


def _is_naive(got, expected, args):
    """Exactly the naive 1 / (1 + exp(-z)), and wrong (compared without an absolute tolerance,
    so that a lost tiny value counts)."""
    naive = _naive_sigmoid(args[0])
    return M.close(got, naive, rtol=1e-9, atol=0.0) and not M.close(got, expected, rtol=1e-6, atol=0.0)


register(
    Exercise(
        id="ch05_sigmoid",
        answer="sigmoid",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="A sigmoid that never overflows",
        reference=_sigmoid,
        cases=_sigmoid_cases,
        # stability is judged by the values returned (the tiny values near z = -720 that a naive
        # formula loses to 0, NaN from inf / inf), never by a warning alone: a warning only adds a note
        on_warning="note",
        atol=0.0,
        loops="forbidden",
        float32_ok=False,  # the exercise is about the tiny values float32 cannot hold
        mistakes=[
            Mistake(
                "Sigmoid overflowed for large negative inputs: np.exp(-z) is inf "
                "for z below about -709, so your result is 0 where the true value is tiny but "
                "positive (switching the warning off does not fix it). Compute "
                "e = np.exp(-np.abs(z)), which is never above 1, and build both cases from it.",
                _is_naive,
                family="stability",
            ),
            M.nonfinite_for(
                _big(700),
                "Sigmoid overflowed for large inputs: exp(z) is inf when z is "
                "above about 709, and inf / inf is NaN. Only ever pass exp a number <= 0: "
                "use exp(-z) for z >= 0 and exp(z) for z < 0.",
            ),
            M.matches(
                lambda z: _naive_sigmoid(-np.asarray(z, dtype=float)),
                "Your curve is flipped: "
                "sigma(z) = 1 / (1 + e^(-z)) goes UP from 0 to 1 as z grows. Check the sign "
                "in the exponent, and, with two formulas, which one each branch of z gets.",
                family="sign",
            ),
            M.matches(
                lambda z: np.tanh(np.asarray(z, dtype=float)),
                "That is tanh, which runs from -1 to 1. The sigmoid runs from 0 to 1.",
                family="wrong_formula",
            ),
            Mistake(
                "Your values are wrong only where |z| is large: there your formula loses the "
                "tiny result (an overflow, a clip of z, or 1 minus a number close to 1). Use the "
                "safe form for each sign: e = np.exp(-np.abs(z)), then 1 / (1 + e) or e / (1 + e).",
                _only_where_large,
                family="stability",
            ),
        ],
        hints=[
            "Start from the formula sigma(z) = 1 / (1 + exp(-z)); then ask what exp(-z) does when z = -1000.",
            "For z < 0, multiply the top and bottom by exp(z): sigma(z) = exp(z) / (1 + exp(z)). "
            "There exp only sees negative numbers.",
            "np.where(z >= 0, formula_a, formula_b) picks per entry. Compute e = np.exp(-np.abs(z)) "
            "once so that neither formula overflows.",
        ],
    )
)

register(
    Exercise(
        id="ch05_sigmoid_slope",
        answer="slope_at_0",
        kind="value",
        chapter=CHAPTER,
        points=1,
        title="Predict the slope of the sigmoid at 0",
        reference=lambda: float(_sigmoid(0.0) * (1 - _sigmoid(0.0))),
        mistakes=[
            said(
                0.5,
                "0.5 is the VALUE sigma(0). The slope is sigma'(0) = sigma(0) (1 - sigma(0)).",
                family="wrong_formula",
            ),
            said(
                1.0,
                "A slope of 1 belongs to the identity (and to relu for z > 0). Use "
                "sigma'(z) = sigma(z) (1 - sigma(z)).",
                family="wrong_formula",
            ),
            said(
                0.75,
                "You computed sigma (1 + sigma): a sign error. The derivative is "
                "sigma(z) (1 - sigma(z)), with a minus.",
                family="sign",
            ),
            said(
                0.0,
                "The sigmoid rises at 0 (it goes from 0 to 1 as z grows), so its slope there is "
                "positive. Use sigma'(z) = sigma(z) (1 - sigma(z)).",
                family="sign",
            ),
        ],
        hints=[
            "The derivative of the sigmoid is sigma'(z) = sigma(z) (1 - sigma(z)).",
            "First find sigma(0): e^0 = 1.",
        ],
    )
)


def _relu(z):
    z = np.asarray(z)
    return np.maximum(z, np.zeros((), dtype=z.dtype))  # integers stay integers


def _relu_grad(z):
    return (np.asarray(z, dtype=float) > 0).astype(float)


def _relu_cases(rng):
    return [
        (np.array([-2.0, -0.5, 0.0, 0.5, 2.0]),),
        (randn(rng, 4, 3),),
        (np.array([[-3, 0, 3], [5, -5, 0]]),),  # integers, with zeros
        (np.zeros(3),),
        (np.array([-1e300, 1e300]),),
        (np.zeros(0),),
    ]


register(
    Exercise(
        id="ch05_relu",
        integer_result=True,  # the text asks for ints (the dtype of the input)
        answer="relu",
        kind="function",
        chapter=CHAPTER,
        points=1,
        title="relu, the rectified linear unit",
        reference=_relu,
        cases=_relu_cases,
        mistakes=[
            M.matches(
                lambda z: np.abs(z),
                "You returned |z|. relu sets negative inputs to 0; it does not flip their sign.",
                family="sign",
            ),
            M.matches(
                _relu_grad,
                "You returned the derivative (0 or 1). relu(z) keeps z itself where z > 0.",
                family="wrong_formula",
            ),
            M.matches(lambda z: np.clip(z, 0, 1), "relu has no upper limit: relu(5) = 5.", family="wrong_formula"),
            M.matches(
                lambda z: np.minimum(z, 0),
                "You kept the negative part (np.minimum). relu keeps the positive part: np.maximum(z, 0).",
                family="wrong_formula",
            ),
        ],
        loops="forbidden",
        hints=[
            "relu(z) = max(0, z), entry by entry.",
            "Python's max works on two numbers only; np.maximum(z, 0) works entry by entry.",
        ],
    )
)


def _not_float(got, expected, args):
    return np.asarray(got).dtype.kind in "biu"


register(
    Exercise(
        id="ch05_relu_grad",
        answer="relu_grad",
        kind="function",
        chapter=CHAPTER,
        points=1,
        title="The derivative of relu",
        reference=_relu_grad,
        cases=_relu_cases,
        mistakes=[
            Mistake(
                "Return floats (0.0 and 1.0), as the derivative of a float function: convert with .astype(float).",
                _not_float,
                family="dtype",
            ),
            M.matches(
                lambda z: (np.asarray(z) >= 0).astype(float),
                "At z = 0 relu has a corner and no "
                "derivative. This course (like PyTorch) uses 0 there: test z > 0, not z >= 0.",
                family="off_by_one",
            ),
            M.matches(
                _relu, "That is relu itself. Its derivative is 1 where z > 0 and 0 elsewhere.", family="wrong_formula"
            ),
            M.matches(
                lambda z: np.sign(z),
                "np.sign gives -1 for negative z. The slope of relu there is 0: it is flat on the left.",
                family="sign",
            ),
        ],
        hints=[
            "The slope of relu is 0 on the left of 0 and 1 on the right.",
            "(z > 0) is a boolean array; .astype(float) turns it into 0.0 and 1.0.",
        ],
    )
)


def _forward(X, W1, b1, W2, b2):
    H = _relu(np.asarray(X, dtype=float) @ np.asarray(W1, dtype=float).T + b1)
    return _sigmoid(H @ np.asarray(W2, dtype=float).T + b2)


def _forward_cases(rng):
    def net(batch, n_in, n_hidden, n_out, ints=False):
        make = (lambda *s: randint(rng, *s, low=-2, high=3)) if ints else (lambda *s: randn(rng, *s))
        return (make(batch, n_in), make(n_hidden, n_in), make(n_hidden), make(n_out, n_hidden), make(n_out))

    return [net(5, 3, 3, 3), net(4, 2, 5, 1), net(1, 4, 3, 2), net(6, 3, 4, 2, ints=True)]


register(
    Exercise(
        id="ch05_forward",
        answer="two_layer_forward",
        kind="function",
        chapter=CHAPTER,
        points=3,
        title="Forward pass of a two-layer network",
        reference=_forward,
        cases=_forward_cases,
        mistakes=[
            M.matches(
                lambda X, W1, b1, W2, b2: _sigmoid((X @ W1.T + b1) @ W2.T + b2),
                "Your hidden layer has no activation. Apply relu to the hidden layer's weighted sum.",
                family="missing_term",
            ),
            M.matches(
                lambda X, W1, b1, W2, b2: _relu(_relu(X @ W1.T + b1) @ W2.T + b2),
                "Your output layer uses relu. The output layer here uses the sigmoid.",
                family="wrong_formula",
            ),
            M.matches(
                lambda X, W1, b1, W2, b2: _relu(_sigmoid(X @ W1.T + b1) @ W2.T + b2),
                "You swapped the activations: relu in the hidden layer, sigmoid at the output.",
                family="swapped",
            ),
            M.matches(
                lambda X, W1, b1, W2, b2: _relu(X @ W1.T + b1) @ W2.T + b2,
                "You stopped at the output layer's weighted sum. Apply the sigmoid to it.",
                family="missing_term",
            ),
            M.matches(
                lambda X, W1, b1, W2, b2: _sigmoid(_relu(X @ W1.T + 2 * b1) @ W2.T + 2 * b2),
                "You added each bias twice (the source's 'weighted_sum + bias_node'). The "
                "weighted sum X W^T + b already includes the bias.",
                family="wrong_formula",
            ),
            M.matches(
                lambda X, W1, b1, W2, b2: _sigmoid(_relu(X @ W1 + b1) @ W2 + b2),
                "You multiplied by W, not W^T. Each W has shape (n_out, n_in): Z = X W^T + b.",
                family="transposed",
            ),
            M.matches(
                lambda X, W1, b1, W2, b2: _sigmoid(-(_relu(X @ W1.T + b1) @ W2.T + b2)),
                "Your output is 1 - sigma: check the sign in the exponent, sigma(z) = 1 / (1 + e^(-z)).",
                family="sign",
            ),
            M.matches(
                lambda X, W1, b1, W2, b2: _sigmoid((_relu(X @ W1.T) + b1) @ W2.T + b2),
                "You added the bias after relu. The bias belongs inside: relu(X W1^T + b1).",
                family="wrong_formula",
            ),
        ],
        hints=[
            "Two layers, one after the other: H = relu(X W1^T + b1), then the output from H.",
            "Output: sigmoid(H W2^T + b2). Check the shapes: (batch, n_hidden), then (batch, n_out).",
        ],
    )
)
