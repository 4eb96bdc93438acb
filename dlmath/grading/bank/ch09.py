"""Exercises for chapter 09, optimizers: momentum, RMSProp and Adam with torch.optim semantics,
and steps per epoch."""

from __future__ import annotations

import math

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, Fn, Mistake, register
from ._common import f64 as _f

CHAPTER = "09_optimizers"


# Gradient functions used as inputs (theta is 1-D); they travel to the kernel as source.
_bowl = Fn("lambda p: np.array([1.0, 10.0]) * p", "the gradient of (x^2 + 10 y^2) / 2")
_rosenbrock = Fn(
    "lambda p: np.array([-2.0 * (1.0 - p[0]) - 400.0 * p[0] * (p[1] - p[0] ** 2), 200.0 * (p[1] - p[0] ** 2)])",
    "the gradient of the Rosenbrock function",
)
_tiny = Fn("lambda p: 1e-4 * p", "a tiny gradient, 1e-4 p")  # where eps matters
_affine3 = Fn("lambda p: np.array([2.0, 0.5, 4.0]) * p", "the gradient of a 3-D bowl")
_affine2 = Fn("lambda p: np.array([3.0, 0.2]) * p + np.array([0.0, 1.0])", "an affine gradient")


def _momentum(grad_f, theta0, lr, momentum, steps, *, average=False, sign=1.0):
    """torch.optim.SGD(momentum=mu): b_t = mu b_(t-1) + g_t from b_0 = 0 (so b_1 = g_1, as
    torch's first buffer), theta -= lr b. ``b`` is the momentum buffer (chapter 9's b_t; v is
    kept for the second moment of RMSProp and Adam). ``average``: the common mistake
    b_t = mu b_(t-1) + (1 - mu) g_t, an exponential moving average started at 0."""
    theta, b = _f(theta0).copy(), np.zeros(np.shape(theta0))
    for _ in range(steps):
        g = _f(grad_f(theta))
        b = momentum * b + ((1.0 - momentum) if average else 1.0) * g
        theta = theta - sign * lr * b
    return theta


def _one_short(ref):
    """The optimizer run for one step fewer (a range(1, steps) or range(steps - 1) loop)."""
    return lambda *a: ref(*a[:-1], a[-1] - 1) if a[-1] > 0 else None


_SHORT = (
    "Your run is one step short: range(steps) (or range(1, steps + 1) for a counter "
    "t from 1) makes exactly steps updates."
)


def _momentum_lagged(grad_f, theta0, lr, momentum, steps):
    theta, v = _f(theta0).copy(), np.zeros(np.shape(theta0))
    for _ in range(steps):
        theta = theta - lr * v
        v = momentum * v + _f(grad_f(theta))
    return theta


def _last_of_path(got, expected, args):
    g = np.asarray(got, dtype=float)
    return g.ndim == 2 and g.shape[1:] == np.shape(expected) and M.close(g[-1], expected)


def _rmsprop_of_g(grad_f, theta0, lr, alpha, eps, steps):
    theta, v = _f(theta0).copy(), np.zeros(np.shape(theta0))
    for _ in range(steps):
        g = _f(grad_f(theta))
        v = alpha * v + (1.0 - alpha) * g
        theta = theta - lr * g / (np.sqrt(np.abs(v)) + eps)
    return theta


def _optimizer_cases(extra):
    return [
        (_bowl, np.array([1.5, 1.0]), 0.05) + extra + (30,),
        (_rosenbrock, np.array([-1.0, 1.5]), 0.0005) + extra + (25,),
        (_bowl, np.array([-0.5, 0.8]), 0.1) + extra + (1,),  # one step
        (_tiny, np.array([1.0, -2.0, 3.0]), 0.1) + extra + (10,),
        (_bowl, np.array([0.0, 2.0]), 0.01) + extra + (5,),  # a zero gradient component
        (_bowl, np.array([1.0, 1.0]), 0.1) + extra + (0,),  # no step at all
    ]


register(
    Exercise(
        id="ch09_momentum",
        answer="momentum_descent",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="Gradient descent with momentum",
        reference=_momentum,
        cases=_optimizer_cases((0.9,)),
        hidden_cases=[(_affine3, np.array([1.0, -1.0, 0.5]), 0.07, 0.5, 12)],
        mistakes=[
            M.matches(
                lambda g, t, lr, mu, s: _momentum(g, t, lr, mu, s, average=True),
                "You averaged (b = mu b + (1 - mu) g). torch.optim.SGD adds the whole gradient: b = mu b + g.",
                family="wrong_formula",
            ),
            M.matches(
                lambda g, t, lr, mu, s: _momentum(g, t, lr, mu, s, sign=-1.0),
                "Your steps go uphill: theta = theta - lr * b.",
                family="sign",
            ),
            M.matches(
                lambda g, t, lr, mu, s: _momentum(g, t, lr, 0.0, s),
                "Your momentum buffer forgets "
                "the past: that is plain gradient descent. Keep b from one step to the next: "
                "b = mu b + g.",
                family="missing_term",
            ),
            M.matches(
                _momentum_lagged,
                "Your result is one step short: either the loop makes one "
                "update too few, or you step with the buffer of the step before. Update b "
                "first (b = mu b + g), then theta = theta - lr * b, steps times.",
                family="off_by_one",
            ),
            Mistake(
                "You returned the whole path. Return the last point only: theta after the steps, shaped like theta0.",
                _last_of_path,
                family="shape",
            ),
        ],
        hints=[
            "Keep a momentum buffer b (same shape as theta), starting at zero, from step to step.",
            "Each step: g = grad_f(theta); b = momentum * b + g; theta = theta - lr * b.",
        ],
    )
)


def _rmsprop(grad_f, theta0, lr, alpha, eps, steps, *, mix=True, root=True, eps_inside=False, new_weight=None):
    theta, v = _f(theta0).copy(), np.zeros(np.shape(theta0))
    for _ in range(steps):
        g = _f(grad_f(theta))
        w = new_weight if new_weight is not None else ((1.0 - alpha) if mix else 1.0)
        v = alpha * v + w * g * g
        if eps_inside:
            denom = np.sqrt(v + eps)
        else:
            denom = (np.sqrt(v) if root else v) + eps
        theta = theta - lr * g / denom
    return theta


register(
    Exercise(
        id="ch09_rmsprop",
        answer="rmsprop_descent",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="RMSProp",
        reference=_rmsprop,
        cases=_optimizer_cases((0.99, 1e-8)),
        mistakes=[
            M.matches(
                lambda g, t, lr, a, e, s: _rmsprop(g, t, lr, a, e, s, root=False),
                "You divided by v, not by its square root. The step is g / (sqrt(v) + eps).",
                family="missing_term",
            ),
            M.matches(
                lambda g, t, lr, a, e, s: _rmsprop(g, t, lr, a, e, s, mix=False),
                "Your running average leaves out (1 - alpha): v = alpha v + (1 - alpha) g^2.",
                family="missing_term",
            ),
            M.matches(
                lambda g, t, lr, a, e, s: _rmsprop(g, t, lr, a, e, s, eps_inside=True),
                "You put eps inside the square root. torch.optim.RMSprop adds it outside: sqrt(v) + eps.",
                family="wrong_formula",
            ),
            M.matches(
                lambda g, t, lr, a, e, s: _rmsprop(lambda p: -_f(g(p)), t, lr, a, e, s),
                "Your steps go uphill: theta = theta - lr g / (sqrt(v) + eps).",
                family="sign",
            ),
            M.matches(
                _rmsprop_of_g, "Your v averages g, not g^2: v = alpha v + (1 - alpha) g^2.", family="missing_term"
            ),
            M.matches(
                lambda g, t, lr, a, e, s: _rmsprop(g, t, lr, a, e, s, new_weight=a),
                "Your running average weights the new g^2 by alpha too: the two weights must add up to "
                "1, v = alpha v + (1 - alpha) g^2.",
                family="wrong_formula",
            ),
            M.matches(_one_short(_rmsprop), _SHORT, family="off_by_one"),
        ],
        hints=[
            "Keep v (same shape as theta), starting at zero: a running average of g^2.",
            "Each step: v = alpha v + (1 - alpha) g^2; theta = theta - lr g / (sqrt(v) + eps).",
        ],
    )
)


def _adam(
    grad_f,
    theta0,
    lr,
    beta1,
    beta2,
    eps,
    steps,
    *,
    correct=True,
    t0=1,
    swap=False,
    eps_inside=False,
    frozen_t=False,
    correct_v=True,
    square=True,
):
    theta = _f(theta0).copy()
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    with np.errstate(divide="ignore", invalid="ignore"):
        for t in range(t0, t0 + steps):
            g = _f(grad_f(theta))
            if swap:
                m, v = beta1 * g + (1 - beta1) * m, beta2 * g * g + (1 - beta2) * v
            else:
                m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * (g * g if square else g)
            tc = t0 if frozen_t else t
            m_hat = m / (1 - beta1**tc) if correct else m
            v_hat = v / (1 - beta2**tc) if correct and correct_v else v
            denom = np.sqrt(v_hat + eps) if eps_inside else np.sqrt(v_hat) + eps
            theta = theta - lr * m_hat / denom
    return theta


register(
    Exercise(
        id="ch09_adam",
        answer="adam_descent",
        kind="function",
        chapter=CHAPTER,
        points=3,
        title="Adam, with bias correction",
        reference=_adam,
        cases=_optimizer_cases((0.9, 0.999, 1e-8)),
        hidden_cases=[(_affine2, np.array([2.0, -1.0]), 0.3, 0.5, 0.9, 1e-6, 15)],
        mistakes=[
            M.nonfinite_for(
                lambda args: args[-1] > 0,
                "Your result has NaN or inf. Count the steps "
                "from t = 1: at t = 0 the bias correction 1 - beta^0 is 0, a division "
                "by zero.",
            ),
            M.matches(
                lambda g, t, lr, b1, b2, e, s: _adam(g, t, lr, b1, b2, e, s, correct=False),
                "You left out the bias correction. m and v start at 0 and are pulled towards "
                "it: divide by (1 - beta1^t) and (1 - beta2^t).",
                family="missing_term",
            ),
            M.matches(
                lambda g, t, lr, b1, b2, e, s: _adam(g, t, lr, b1, b2, e, s, swap=True),
                "Your averages weight the new gradient by beta: m = beta1 m + (1 - beta1) g, "
                "and the same for v with beta2 and g^2.",
                family="wrong_formula",
            ),
            M.matches(
                lambda g, t, lr, b1, b2, e, s: _adam(g, t, lr, b1, b2, e, s, square=False),
                "Your v averages g, not its square: v = beta2 v + (1 - beta2) g^2 (the square is missing).",
                family="missing_term",
            ),
            M.matches(
                lambda g, t, lr, b1, b2, e, s: _adam(g, t, lr, b1, b2, e, s, eps_inside=True),
                "You put eps inside the square root. torch.optim.Adam adds it outside: sqrt(v_hat) + eps.",
                family="wrong_formula",
            ),
            M.matches(
                lambda g, t, lr, b1, b2, e, s: _adam(g, t, lr, b1, b2, e, s, frozen_t=True),
                "Your step counter t never grows: the bias correction uses t = 1, 2, 3, ... (increase t every step).",
                family="wrong_formula",
            ),
            M.matches(
                lambda g, t, lr, b1, b2, e, s: _adam(g, t, lr, b1, b2, e, s, correct_v=False),
                "You corrected only m. v needs its own correction too: v_hat = v / (1 - beta2^t).",
                family="missing_term",
            ),
            M.matches(_one_short(_adam), _SHORT, family="off_by_one"),
        ],
        hints=[
            "Keep m and v (same shape as theta, starting at zero) and a step counter t that starts at 1.",
            "m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2.",
            "m_hat = m / (1 - beta1^t); v_hat = v / (1 - beta2^t); theta = theta - lr m_hat / (sqrt(v_hat) + eps).",
        ],
    )
)

ADAM_GRAD = np.array([1000.0, 0.001, -5.0])  # the gradient in the prediction exercise


register(
    Exercise(
        id="ch09_adam_first_step",
        answer="first_step",
        kind="value",
        chapter=CHAPTER,
        points=1,
        title="Predict Adam's first step",
        reference=lambda: _adam(lambda p: ADAM_GRAD, np.zeros(3), 0.01, 0.9, 0.999, 1e-8, 1),
        rtol=1e-3,
        atol=1e-6,
        mistakes=[
            M.matches(
                lambda: -0.01 * ADAM_GRAD,
                "That is plain gradient descent's step, -lr g. Adam "
                "divides m_hat by sqrt(v_hat): at t = 1 that is g / |g|.",
                family="missing_term",
            ),
            Mistake(
                "Right size, wrong direction: the step goes against the gradient.",
                lambda got, expected, args: M.close(got, -expected, rtol=1e-3, atol=1e-6),
                family="sign",
            ),
            Mistake(
                "Look at the third coordinate: its gradient is negative, so its step is positive "
                "(each step goes against the sign of its own gradient).",
                lambda got, expected, args: M.close(got, -np.abs(expected), rtol=1e-3, atol=1e-6),
                family="sign",
            ),
            Mistake(
                "The nearly flat coordinate moves by about lr too: at t = 1 Adam's step is "
                "-lr g / (|g| + eps), and |g| = 0.001 is still far above eps.",
                lambda got, expected, args: np.shape(got) == (3,) and abs(float(got[1])) < 1e-4,
                family="wrong_formula",
            ),
            Mistake(
                "That is the step without the bias correction (m = 0.1 g, v = 0.001 g^2). Adam "
                "divides by 1 - beta^t, which makes m_hat = g and v_hat = g^2 at t = 1.",
                lambda got, expected, args: M.close(
                    got,
                    _adam(lambda p: ADAM_GRAD, np.zeros(3), 0.01, 0.9, 0.999, 1e-8, 1, correct=False),
                    rtol=1e-2,
                    atol=1e-6,
                ),
                family="missing_term",
            ),
        ],
        hints=[
            "At t = 1, m_hat = g and v_hat = g^2 exactly (that is what the bias correction is for).",
            "So the step is -lr g / (|g| + eps): about lr in size, whatever the size of g.",
        ],
    )
)


def _steps_per_epoch(n, batch_size):
    return 1 if batch_size is None else math.ceil(n / batch_size)


_ex_steps_per_epoch = register(
    Exercise(
        id="ch09_steps_per_epoch",
        integer_result=True,  # "a whole number": a float count fails
        answer="steps_per_epoch",
        kind="function",
        chapter=CHAPTER,
        points=1,
        title="Steps per epoch",
        reference=_steps_per_epoch,
        cases=[(1000, 32), (1000, None), (1000, 1), (10, 64), (64, 64), (65, 64), (1797, 100)],
        mistakes=[
            M.matches(
                lambda n, b: n // b,
                "The last, smaller batch is a step too: round UP "
                "(math.ceil), not down (n // batch_size and round() both can round down).",
                family="integer_division",
            ),
            M.matches(
                lambda n, b: n / b,
                "You divided without rounding: a number of steps is a whole number, math.ceil(n / batch_size).",
                family="integer_division",
            ),
            Mistake(
                "Your count is one too many when n is a multiple of batch_size: then there is no "
                "smaller last batch. math.ceil(n / batch_size) handles both.",
                lambda got, expected, args: args[1] and args[0] % args[1] == 0 and got == expected + 1,
                family="off_by_one",
            ),
            Mistake(
                "batch_size=None means the full batch: one step per epoch.",
                lambda got, expected, args: args[1] is None and got == args[0],
                family="wrong_formula",
            ),
            M.matches(
                lambda n, b: b,
                "You returned the batch size. The number of steps is the number "
                "of batches: n / batch_size, rounded up.",
                family="wrong_formula",
            ),
        ],
        hints=[
            "One step per batch. How many batches of batch_size fit in n samples, counting a smaller last one?",
            "math.ceil(n / batch_size); and None means one batch holding everything.",
        ],
    )
)
