"""Exercises for chapter 08b, computational graphs and autodiff: a local backward rule, gradients
that add over the uses of a value, the softmax Jacobian and its vector-Jacobian product."""

from __future__ import annotations

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, register
from ._common import f64 as _f
from ._common import randint, randn

CHAPTER = "08b_autograd"


def _mul_backward(u, v, grad_out):
    """w = u * v entry by entry: (dL/du, dL/dv) = (grad_out * v, grad_out * u). Integer input
    stays integer (products of integers), as in the other chapters' references."""
    u, v, g = np.asarray(u), np.asarray(v), np.asarray(grad_out)
    return g * v, g * u


def _mul_cases(rng):
    return [
        (randn(rng, 3), randn(rng, 3), randn(rng, 3)),
        (randn(rng, 2, 3), randn(rng, 2, 3), randn(rng, 2, 3)),
        (randint(rng, 4), randint(rng, 4), randint(rng, 4)),  # integers
        (randn(rng, 5), randn(rng, 5), np.ones(5)),  # grad_out = 1: only the chain factor differs
        (np.array([2.0]), np.array([-3.0]), np.array([0.5])),
    ]


register(
    Exercise(
        id="ch08b_mul_backward",
        answer="mul_backward",
        kind="function",
        chapter=CHAPTER,
        points=2,
        tuple_result=True,  # the text says "returns the tuple"
        title="The backward rule of a product",
        reference=_mul_backward,
        cases=_mul_cases,
        mistakes=[
            M.matches(
                lambda u, v, g: (_f(g) * _f(u), _f(g) * _f(v)),
                "Each input's gradient uses the "
                "OTHER input: d(u v)/du = v, so dL/du = grad_out * v (and dL/dv = grad_out * u).",
                family="swapped",
            ),
            M.matches(
                lambda u, v, g: (_f(v), _f(u)),
                "You forgot grad_out: the chain rule multiplies the "
                "local derivative by the gradient arriving from above, dL/du = dL/dw * dw/du.",
                family="missing_term",
            ),
            M.matches(
                lambda u, v, g: (_f(g), _f(g)),
                "That is the rule of a sum (local derivative 1). For a product the local derivative of u is v.",
                family="wrong_formula",
            ),
            M.matches(
                lambda u, v, g: (_f(g) + _f(v), _f(g) + _f(u)),
                "You added grad_out and the local derivative. The chain rule multiplies them.",
                family="wrong_formula",
            ),
            M.matches(
                lambda u, v, g: (_f(g) * _f(u) * _f(v), _f(g) * _f(u) * _f(v)),
                "You multiplied by the output u * v. The local derivative d(u v)/du is v alone.",
                family="wrong_formula",
            ),
            M.matches(
                lambda u, v, g: _f(g) * _f(u) * _f(v),
                "Return two arrays, (dL/du, dL/dv): one gradient per input, each of its input's shape.",
                family="shape",
            ),
        ],
        hints=[
            "Chain rule at one node: dL/du = dL/dw * dw/du, with dL/dw = grad_out.",
            "For w = u * v: dw/du = v and dw/dv = u (entry by entry).",
        ],
    )
)


def _shared_grad(x):
    """L(x) = x tanh(x) + x^2: x is used three times, and the three contributions add."""
    t = np.tanh(x)
    return t + x * (1.0 - t**2) + 2.0 * x


register(
    Exercise(
        id="ch08b_shared_grad",
        answer="shared_grad",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="A value used more than once",
        reference=_shared_grad,
        cases=[(0.5,), (-1.2,), (2.0,), (0.0,), (3,), (-0.3,)],
        mistakes=[
            M.matches(
                lambda x: np.tanh(x) + (1 - np.tanh(x) ** 2) + 2 * x,
                "The product rule: d(x tanh x)/dx = tanh(x) + x (1 - tanh(x)^2). The second term keeps the factor x.",
                family="missing_term",
            ),
            M.matches(
                lambda x: x * (1 - np.tanh(x) ** 2) + 2 * x,
                "You lost the path where x is the left factor of x * tanh(x): its contribution is tanh(x).",
                family="missing_term",
            ),
            M.matches(
                lambda x: np.tanh(x) + 2 * x,
                "You lost the path through tanh: x * tanh(x) "
                "also depends on x inside tanh, contributing x (1 - tanh(x)^2).",
                family="missing_term",
            ),
            M.matches(
                lambda x: np.tanh(x) + x * (1 - np.tanh(x) ** 2),
                "You forgot the x^2 term: it contributes 2x.",
                family="missing_term",
            ),
            M.matches(
                lambda x: np.tanh(x) + x * (1 - np.tanh(x)) + 2 * x,
                "The derivative of tanh is 1 - tanh(x)^2 (squared).",
                family="missing_term",
            ),
            M.matches(
                lambda x: np.tanh(x) + x * (1 + np.tanh(x) ** 2) + 2 * x,
                "Sign: the derivative of tanh is 1 MINUS tanh(x)^2.",
                family="sign",
            ),
            M.matches(
                lambda x: np.tanh(x) + x * (1 - np.tanh(x) ** 2) + x,
                "The derivative of x^2 is 2x, not x.",
                family="factor",
            ),
            M.matches(
                lambda x: x * np.tanh(x) + x**2,
                "That is L itself. Return its derivative dL/dx.",
                family="wrong_formula",
            ),
        ],
        hints=[
            "Find every place x enters L: x * tanh(x) uses it twice, x^2 (= x * x) too.",
            "Each use contributes (its local derivative) to dL/dx, and the contributions add.",
            "Product rule: d(x tanh x)/dx = tanh(x) + x (1 - tanh(x)^2).",
        ],
    )
)


def _softmax(z):
    e = np.exp(_f(z) - np.max(z))
    return e / e.sum()


def _softmax_jacobian(z):
    s = _softmax(z)
    return np.diag(s) - np.outer(s, s)


def _z_cases(rng):
    return [
        (randn(rng, 4),),
        (np.array([1.0, 2.0, 3.0]),),
        (randn(rng, 6, scale=3.0),),
        (np.array([0.0, 0.0]),),
        (np.array([1, -2, 0, 4, 2]),),
        # the text asks to subtract z.max() before np.exp: without it exp(1000) is inf, inf / inf NaN
        (np.array([1000.0, 0.0, -1000.0]),),
    ]


register(
    Exercise(
        id="ch08b_softmax_jacobian",
        answer="softmax_jacobian",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="The softmax Jacobian",
        reference=_softmax_jacobian,
        cases=_z_cases,
        mistakes=[
            M.matches(
                lambda z: np.diag(_softmax(z)) - _softmax(z) * _softmax(z),
                "s * s is entrywise, a vector, and it broadcasts across the rows of diag(s). The "
                "k x k matrix s s^T is np.outer(s, s).",
                family="broadcasting",
            ),
            M.nonfinite_for(
                lambda args: np.max(np.abs(np.asarray(args[0], dtype=float))) > 700,
                "Your softmax overflowed: np.exp(1000.0) is inf and inf / inf is NaN (numerical "
                "stability). Subtract z.max() before np.exp, as the exercise asks.",
            ),
            M.matches(
                lambda z: np.diag(_softmax(z) * (1 - _softmax(z))),
                "You kept only the diagonal. Every s_i depends on every z_j: off the diagonal, ds_i/dz_j = -s_i s_j.",
                family="missing_term",
            ),
            M.matches(
                lambda z: np.diag(_softmax(z)),
                "You forgot the - s s^T part: J = diag(s) - s s^T.",
                family="missing_term",
            ),
            M.matches(
                lambda z: -np.outer(_softmax(z), _softmax(z)),
                "You forgot the diag(s) part: on the diagonal ds_i/dz_i = s_i (1 - s_i).",
                family="missing_term",
            ),
            M.matches(
                lambda z: np.diag(_softmax(z)) + np.outer(_softmax(z), _softmax(z)),
                "Sign of the outer product: J = diag(s) MINUS s s^T (the rows of J sum to 0).",
                family="sign",
            ),
            M.matches(
                lambda z: np.diag(_f(z)) - np.outer(_f(z), _f(z)),
                "You used z. The formula is in terms of s = softmax(z).",
                family="wrong_formula",
            ),
            M.matches(
                lambda z: _softmax(z) - _softmax(z) ** 2,
                "Return the whole k x k matrix, not only its diagonal as a vector.",
                family="shape",
            ),
            M.negated("Your Jacobian has the wrong sign: on the diagonal it must be positive, s_i (1 - s_i)."),
        ],
        hints=[
            "Compute s = softmax(z) first (subtract max(z) before exp for safety).",
            "On the diagonal ds_i/dz_i = s_i (1 - s_i); off it ds_i/dz_j = -s_i s_j.",
            "In one formula: np.diag(s) - np.outer(s, s).",
        ],
    )
)


def _softmax_vjp(z, grad_s):
    s, g = _softmax(z), _f(grad_s)
    return s * (g - g @ s)


def _vjp_cases(rng):
    return [
        (randn(rng, 4), randn(rng, 4)),
        (np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 0.0])),
        (randn(rng, 6, scale=2.0), randn(rng, 6)),
        (np.array([0.5, -0.5]), np.array([2.0, 1.0])),
        (np.array([1, 0, -1]), np.array([0, 3, 1])),
        (np.array([1000.0, 999.0, -1000.0]), np.array([1.0, -1.0, 2.0])),  # needs the shift by z.max()
    ]


register(
    Exercise(
        id="ch08b_softmax_vjp",
        answer="softmax_vjp",
        kind="function",
        chapter=CHAPTER,
        points=2,
        # the point is the VJP without building the k x k Jacobian
        forbid=("outer", "diag", "diagflat", "einsum"),
        title="The softmax vector-Jacobian product, without the matrix",
        reference=_softmax_vjp,
        cases=_vjp_cases,
        mistakes=[
            M.nonfinite_for(
                lambda args: np.max(np.abs(np.asarray(args[0], dtype=float))) > 700,
                "Your softmax overflowed: np.exp(1000.0) is inf and inf / inf is NaN (numerical "
                "stability). Subtract z.max() before np.exp, as the exercise asks.",
            ),
            M.matches(
                lambda z, g: _f(g) * _softmax(z) * (1 - _softmax(z)),
                "You used only the diagonal "
                "of the Jacobian, as for an entrywise function. Softmax mixes the entries: subtract "
                "(grad_s . s) inside.",
                family="missing_term",
            ),
            M.matches(
                lambda z, g: _f(g) * _softmax(z),
                "You forgot to subtract the weighted mean grad_s . s: z_bar = s * (grad_s - grad_s . s).",
                family="missing_term",
            ),
            M.matches(
                lambda z, g: _f(g) - _f(g) @ _softmax(z),
                "You forgot the outer factor s: z_bar = s * (grad_s - grad_s . s).",
                family="missing_term",
            ),
            M.matches(
                lambda z, g: _softmax(z) * (_f(g) - _f(g).sum()),
                "Weight the mean by s: subtract grad_s . s (a dot product), not the plain sum of grad_s.",
                family="wrong_formula",
            ),
            M.matches(
                lambda z, g: _softmax(z) - _f(g),
                "That is the softmax + cross-entropy shortcut "
                "s - y. Here grad_s is any gradient: z_bar = s * (grad_s - grad_s . s).",
                family="wrong_formula",
            ),
            M.matches(
                lambda z, g: _f(z) * (_f(g) - _f(g) @ _f(z)),
                "You used z where the formula has s = softmax(z).",
                family="wrong_formula",
            ),
            M.negated("Your gradient has the wrong sign."),
        ],
        hints=[
            "The VJP is grad_s @ J with J = diag(s) - s s^T. Multiply it out by hand.",
            "grad_s @ diag(s) = grad_s * s, and grad_s @ (s s^T) = (grad_s . s) s.",
            "So z_bar = s * (grad_s - grad_s @ s): one dot product, no k x k matrix.",
        ],
    )
)
