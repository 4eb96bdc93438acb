"""Exercises for chapter 08, backpropagation: a dense layer's gradients, the chain rule, a
numerical gradient."""

from __future__ import annotations

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, Fn, Mistake, register
from ._common import f64 as _f
from ._common import layer_sizes, randint, randn

CHAPTER = "08_backpropagation"


def _batch(args):
    return np.shape(args[-1] if len(args) == 1 else args[0])[0]


# The references keep integer input integer (sums of products of integers); floats stay floats.
def _dW(X, dZ):
    return np.asarray(dZ).T @ np.asarray(X)


def _db(dZ):
    return np.asarray(dZ).sum(axis=0)


def _dX(dZ, W):
    return np.asarray(dZ) @ np.asarray(W)


def _dW_cases(rng):
    return [
        (randn(rng, 4, 3), randn(rng, 4, 2)),
        (randn(rng, 5, 3), randn(rng, 5, 3)),  # n_in == n_out: a transposed dW has the right shape
        (randn(rng, 1, 4), randn(rng, 1, 2)),  # one sample
        (randint(rng, 6, 2), randint(rng, 6, 1)),  # integers
        (np.zeros((3, 2)), randn(rng, 3, 2)),
        *[(randn(rng, n, i), randn(rng, n, o)) for n, i, o in layer_sizes(rng)],  # generated shapes
    ]


register(
    Exercise(
        id="ch08_dW",
        answer="dense_dW",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="dL/dW of a dense layer",
        reference=_dW,
        cases=_dW_cases,
        mistakes=[
            M.transposed("Your dW is transposed. dW must have the shape of W, (n_out, n_in): dW = dZ^T X, not X^T dZ."),
            M.scaled(
                lambda args: 1 / _batch(args),
                "You divided by the batch size. dZ already holds "
                "the 1/n from the mean in the loss, so dW = dZ^T X sums over the batch.",
                family="factor",
            ),
            M.scaled(lambda args: _batch(args), "Your dW is n times too large.", family="factor"),
            M.matches(
                lambda X, dZ: np.outer(_f(dZ).sum(axis=0), _f(X).sum(axis=0)),
                "You summed over "
                "the batch before multiplying. Each sample contributes its own product "
                "dZ[s, i] X[s, j]; sum those products: dZ^T X.",
                family="wrong_formula",
            ),
            M.matches(
                lambda X, dZ: _f(dZ)[:1].T @ _f(X)[:1],
                "You used only the first sample. The sum runs over every sample s: dZ^T X.",
                family="indexing",
            ),
        ],
        loops="forbidden",
        hints=[
            "dW must have the same shape as W: (n_out, n_in).",
            "Z = X W^T + b, so each entry of dW adds up dZ[s, i] * X[s, j] over the samples s.",
            "Shapes: dZ^T is (n_out, batch), X is (batch, n_in).",
        ],
    )
)

register(
    Exercise(
        id="ch08_db",
        answer="dense_db",
        kind="function",
        chapter=CHAPTER,
        points=1,
        title="dL/db of a dense layer",
        reference=_db,
        cases=lambda rng: [
            (randn(rng, 4, 3),),
            (randn(rng, 3, 3),),
            (randn(rng, 1, 2),),
            (randint(rng, 5, 1),),
            (np.zeros((2, 4)),),
        ],
        mistakes=[
            M.scaled(
                lambda args: 1 / _batch(args),
                "You took the mean over the batch where the "
                "gradient takes the sum: dZ already carries the loss's 1/n. Use "
                "dZ.sum(axis=0).",
                family="factor",
            ),
            M.matches(
                lambda dZ: _f(dZ).sum(axis=1),
                "You summed over the neurons (axis=1). Sum over the batch (axis=0): db has one entry per neuron.",
                family="axis",
            ),
            M.matches(
                lambda dZ: _f(dZ).sum(axis=0, keepdims=True),
                "Your db is 2-D, shape (1, n_out). It must have b's shape, (n_out,): drop keepdims.",
                family="shape",
            ),
            M.matches(
                lambda dZ: float(_f(dZ).sum()),
                "You summed over everything. Sum over the batch only (axis=0): db has one entry per neuron.",
                family="axis",
            ),
            M.matches(
                lambda dZ: _f(dZ)[0],
                "You used only the first sample. db collects dZ from every sample: dZ.sum(axis=0).",
                family="indexing",
            ),
            M.matches(
                lambda dZ: _f(dZ).sum(axis=0) / np.shape(dZ)[1],
                "You divided by the number of neurons. db is the plain sum over the batch, dZ.sum(axis=0).",
                family="factor",
            ),
        ],
        hints=[
            "The bias is added to every sample's weighted sum, so its gradient collects dZ from every sample.",
            "db = dZ.sum(axis=0), shape (n_out,).",
        ],
    )
)


def _dX_cases(rng):
    return [
        (randn(rng, 4, 3), randn(rng, 3, 3)),  # square W first: dZ @ W.T runs and is wrong
        (randn(rng, 4, 2), randn(rng, 2, 3)),
        (randn(rng, 1, 2), randn(rng, 2, 5)),  # one sample
        (randint(rng, 3, 2), randint(rng, 2, 2)),  # integers
        *[(randn(rng, n, o), randn(rng, o, i)) for n, i, o in layer_sizes(rng)],  # generated shapes
    ]


register(
    Exercise(
        id="ch08_dX",
        answer="dense_dX",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="dL/dX of a dense layer",
        reference=_dX,
        cases=_dX_cases,
        hidden_cases=lambda rng: [(randn(rng, 5, 2), randn(rng, 2, 3))],
        mistakes=[
            M.matches(
                lambda dZ, W: _f(dZ) @ _f(W).T,
                "You multiplied by W^T. Z = X W^T + b, so dX = dZ W (no transpose): (batch, n_out) @ (n_out, n_in).",
                family="transposed",
            ),
            M.transposed("Your dX is transposed. It must have the shape of X, (batch, n_in)."),
            M.matches(
                lambda dZ, W: (_f(dZ) @ _f(W).T).T,
                "You computed W dZ^T, which is (dZ W^T)^T: wrong product, and transposed. dX = dZ W.",
                family="transposed",
            ),
        ],
        loops="forbidden",
        hints=[
            "dX has the shape of X: (batch, n_in).",
            "Which product of dZ (batch, n_out) and W (n_out, n_in) has that shape?",
        ],
    )
)


def _sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def _neuron_grads(x, y, w, b):
    """L = (sigma(w x + b) - y)^2 for one input x: returns [dL/dw, dL/db]."""
    a = _sig(w * x + b)
    dz = 2.0 * (a - y) * a * (1.0 - a)
    return np.array([dz * x, dz])


register(
    Exercise(
        id="ch08_neuron",
        answer="neuron_grads",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="The chain rule for one sigmoid neuron",
        reference=_neuron_grads,
        cases=[
            (1.5, 1.0, 0.8, -0.3),
            (-2.0, 0.0, 0.5, 0.1),
            (0.0, 1.0, 2.0, 0.5),
            (3.0, 0.0, -1.0, 2.0),
            (1.0, 0.5, 0.0, 0.0),
            (2, 1, 1, 0),
        ],
        mistakes=[
            M.matches(
                lambda x, y, w, b: 2 * (_sig(w * x + b) - y) * np.array([x, 1.0]),
                "You forgot the sigmoid's derivative: dL/dz = dL/da * sigma'(z), with sigma'(z) = a (1 - a).",
                family="missing_term",
            ),
            M.scaled(0.5, "You lost the factor 2 from the derivative of the square.", family="factor"),
            M.negated("Your gradient has the wrong sign: dL/da = 2 (a - y), prediction minus target."),
            M.matches(
                lambda x, y, w, b: np.full(2, _neuron_grads(x, y, w, b)[1]),
                "Your dL/dw equals dL/db: you forgot the last link, dz/dw = x.",
                family="missing_term",
            ),
            M.matches(
                lambda x, y, w, b: _neuron_grads(x, y, w, b)[::-1],
                "You swapped the two: return [dL/dw, dL/db] in that order.",
                family="swapped",
            ),
            M.matches(
                lambda x, y, w, b: _neuron_grads(x, y, w, b) * (1 + _sig(w * x + b)) / (1 - _sig(w * x + b)),
                "Your sigma'(z) is sigma (1 + sigma): a sign error. "
                "The sigmoid's derivative is sigma(z) (1 - sigma(z)).",
                family="sign",
            ),
            M.matches(
                lambda x, y, w, b: _neuron_grads(x, y, w, 0.0) if b else None,
                "You left out b: z = w x + b.",
                family="missing_term",
            ),
        ],
        hints=[
            "Follow the chain forward: z = w x + b, a = sigma(z), L = (a - y)^2. Then go back.",
            "dL/da = 2 (a - y); da/dz = a (1 - a); dz/dw = x; dz/db = 1.",
            "Multiply along the chain: dL/dw = 2 (a - y) a (1 - a) x.",
        ],
    )
)


def _central_differences(f, x, eps):
    """(f(x + eps e_i) - f(x - eps e_i)) / (2 eps) per coordinate, nudging ``x`` itself in place
    (so an integer ``x`` truncates each nudge, as a learner's code would)."""
    g = np.zeros(x.size)
    for i in range(x.size):  # one coordinate at a time, on purpose
        old = x[i]
        x[i] = old + eps
        up = f(x)
        x[i] = old - eps
        down = f(x)
        x[i] = old
        g[i] = (up - down) / (2 * eps)
    return g


def _numerical_gradient(f, x, eps):
    return _central_differences(f, _f(x).copy(), eps)


def _integer_nudge(got, expected, args):
    f, x, eps = args
    x = np.array(x)
    if x.dtype.kind not in "iu":
        return False
    return M.close(got, _central_differences(f, x, eps), rtol=1e-5, atol=1e-6)


def _forward_difference(f, x, eps):
    x = _f(x)
    return np.array([(f(x + eps * e) - f(x)) / eps for e in np.eye(x.size)])


# Functions given to the learner's numerical_gradient (they travel to the kernel as source).
_sum_sq = Fn("lambda x: float(np.sum(x ** 2))", "f(x) = sum(x^2)")
_wavy = Fn("lambda x: float(np.sum(np.sin(3.0 * x)) + x[0] * x[-1])", "f(x) = sum(sin(3 x)) + x[0] x[-1]")
_cubic = Fn("lambda x: float(np.sum(x ** 3) / 3.0)", "f(x) = sum(x^3) / 3")
_sum_exp = Fn("lambda v: float(np.sum(np.exp(v)))", "f(x) = sum(exp(x))")


register(
    Exercise(
        id="ch08_numgrad",
        answer="numerical_gradient",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="A numerical gradient",
        reference=_numerical_gradient,
        rtol=1e-5,
        atol=1e-6,
        float32_ok=False,  # centred differences with eps = 1e-6 need float64
        cases=[
            (_cubic, np.array([1.0, -2.0, 0.5]), 1e-2),
            (_sum_sq, np.array([3.0]), 1e-3),
            (_wavy, np.array([0.2, -1.0, 0.7, 1.5]), 1e-5),
            (_cubic, np.array([2.0, 1.0]), 1e-6),
            # integer x: x[i] = x[i] + eps in an integer array is cut back to a whole number
            (_cubic, np.array([1, -2, 3]), 0.25),
        ],
        hidden_cases=[(_sum_exp, np.array([0.3, -1.2, 2.0]), 1e-6)],
        mistakes=[
            M.matches(
                _forward_difference,
                "You used a forward difference, (f(x + eps) - f(x)) / eps. "
                "Use the centred one, (f(x + eps) - f(x - eps)) / (2 eps): it is far more "
                "accurate.",
                family="wrong_formula",
            ),
            M.scaled(
                2.0,
                "Your gradient is twice too large: x + eps and x - eps are 2 eps apart, so divide by 2 * eps.",
                family="factor",
            ),
            M.matches(
                lambda f, x, eps: _numerical_gradient(f, x, 1e-6),
                "You ignored the eps argument. Nudge each coordinate by the eps you are given.",
                family="missing_term",
            ),
            Mistake(
                "Your x stays integer: x[i] = x[i] + eps in an integer array is cut back to a whole "
                "number, so the nudge vanishes. Work on x.astype(float).",
                _integer_nudge,
                family="integer_division",
            ),
            M.matches(
                lambda f, x, eps: np.full(np.shape(x), (f(_f(x) + eps) - f(_f(x) - eps)) / (2 * eps)),
                "You nudged every coordinate at once (x + eps). Nudge one coordinate at a time: x + eps e_i.",
                family="wrong_formula",
            ),
            Mistake(
                "Your last coordinate is 0: the loop stops one early. range(len(x)) already runs over every index.",
                lambda got, expected, args: (
                    np.shape(got) == expected.shape
                    and expected.size > 1
                    and np.allclose(np.asarray(got)[:-1], expected[:-1], rtol=1e-5, atol=1e-6)
                    and np.asarray(got)[-1] == 0
                    and expected[-1] != 0
                ),
                family="off_by_one",
            ),
            M.scaled(
                lambda args: args[2] ** 2,
                "Your (up - down) / 2 * eps divides by 2 and then "
                "MULTIPLIES by eps: write / (2 * eps), with the parentheses.",
                family="wrong_formula",
            ),
        ],
        hints=[
            "Change one coordinate at a time, keep the others fixed, and watch how f changes.",
            "For coordinate i: g[i] = (f(x + eps e_i) - f(x - eps e_i)) / (2 eps), where e_i is 1 in "
            "place i and 0 elsewhere.",
            "Work on a copy of x (x.astype(float), or x.copy()), and put each coordinate back after you nudged it.",
        ],
    )
)
