"""Exercises for chapter 07, gradient descent: one step, the learning-rate limit, counting steps."""

from __future__ import annotations

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, Fn, Mistake, register
from ._common import f64 as _f
from ._common import randint, randn

CHAPTER = "07_gradient_descent"


def _gd_step(theta, grad, lr):
    return _f(theta) - lr * _f(grad)


def _gd_step_cases(rng):
    return [
        (randn(rng, 3), randn(rng, 3), 0.1),
        (randn(rng, 2, 2), randn(rng, 2, 2), 0.5),
        (np.array([1.0]), np.array([4.0]), 0.25),
        (randn(rng, 4), np.zeros(4), 0.1),  # zero gradient: stay put
        (randint(rng, 3), randint(rng, 3), 0.01),  # integers
    ]


register(
    Exercise(
        id="ch07_gd_step",
        answer="gd_step",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="One gradient-descent step",
        reference=_gd_step,
        cases=_gd_step_cases,
        mistakes=[
            M.matches(
                lambda t, g, lr: _f(t) + lr * _f(g),
                "Your step goes uphill: the update "
                "SUBTRACTS the gradient, theta - lr * gradient. (The source writes '+'; that "
                "climbs the loss.)",
                family="sign",
            ),
            M.matches(
                lambda t, g, lr: _f(t) - _f(g),
                "You left out the learning rate: multiply the gradient by lr before subtracting it.",
                family="missing_term",
            ),
            M.matches(
                lambda t, g, lr: _f(t) - _f(g) / lr,
                "You divided by the learning rate. The step is lr times the gradient.",
                family="wrong_formula",
            ),
            M.matches(
                lambda t, g, lr: _f(t) - lr * np.sum(_f(g)),
                "You summed the gradient into one number. Each parameter moves by its own entry: theta - lr * grad.",
                family="wrong_formula",
            ),
            M.matches(
                lambda t, g, lr: _f(t) - lr * _f(g) * _f(t),
                "You multiplied by theta as well. The step is lr times the gradient only.",
                family="wrong_formula",
            ),
            M.matches(
                lambda t, g, lr: _f(t) - lr * np.sign(_f(g)),
                "You stepped by the sign of the gradient. Gradient descent scales the step by the gradient itself.",
                family="sign",
            ),
        ],
        hints=[
            "The gradient points uphill, the direction in which the loss grows fastest.",
            "theta_new = theta_old - lr * gradient.",
        ],
    )
)


def _max_lr(curvatures):
    return float(2.0 / np.max(_f(curvatures)))


register(
    Exercise(
        id="ch07_max_lr",
        answer="max_stable_lr",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="The largest stable learning rate",
        reference=_max_lr,
        cases=[
            (np.array([1.0, 10.0]),),
            (np.array([3.0]),),
            (np.array([0.5, 0.5, 0.5]),),
            (np.array([2, 8, 4]),),
            (np.array([1e-3, 1e3]),),
            (np.array([7.0, 0.2]),),
        ],
        mistakes=[
            M.scaled(
                0.5,
                "1 / lambda is the step that lands exactly on the minimum along that "
                "direction. Steps up to twice that size still shrink |theta|: the factor "
                "1 - lr lambda may go down to -1.",
                family="factor",
            ),
            M.matches(
                lambda c: float(2.0 / np.min(_f(c))),
                "You used the smallest curvature. The "
                "STEEPEST direction (the largest lambda) is the first to blow up, so it sets the "
                "limit.",
                family="wrong_formula",
            ),
            M.matches(
                lambda c: float(2.0 / np.mean(_f(c))),
                "You used the average curvature. Every direction must be stable, so the largest lambda sets the limit.",
                family="wrong_formula",
            ),
            M.matches(
                lambda c: float(2.0 * np.max(_f(c))),
                "Upside down: a larger curvature needs a SMALLER learning rate, lr < 2 / lambda.",
                family="wrong_formula",
            ),
            M.matches(
                lambda c: float(2.0 // np.max(_f(c))),
                "You used //, integer (floor) division, which rounds the rate down to a whole number. Use / .",
                family="integer_division",
            ),
            M.matches(
                lambda c: float(2.0 / np.sum(_f(c))),
                "You divided by the sum of the curvatures. "
                "Each direction has its own limit 2 / lambda_i; the steepest one sets it.",
                family="wrong_formula",
            ),
            Mistake(
                "Your rate is just below the limit. Return the boundary itself: the rate at which "
                "the steepest factor 1 - lr lambda reaches -1.",
                lambda got, expected, args: 0.95 <= float(got) / expected < 1.0 - 1e-6,
                family="wrong_formula",
            ),
        ],
        hints=[
            "Each coordinate is multiplied by (1 - lr * lambda_i) per step. It shrinks when that "
            "factor lies strictly between -1 and 1.",
            "Solve -1 < 1 - lr * lambda < 1 for lr. Which lambda gives the tightest limit?",
        ],
    )
)


def _stops_at_tol(got, expected, args):
    a, lr, theta, tol = (float(v) for v in args)
    hits = False
    for _ in range(int(expected)):
        hits = hits or abs(theta) == tol
        theta = theta - lr * a * theta
    return got == expected - 1 and hits


def _steps_to_converge(a, lr, theta0, tol):
    """Reference: simulate the steps, exactly as the exercise describes."""
    theta, k = float(theta0), 0
    while abs(theta) >= tol:
        theta = theta - lr * a * theta
        k += 1
        if k > 100_000:
            raise RuntimeError("did not converge")
    return k


_ex_steps = register(
    Exercise(
        id="ch07_steps",
        integer_result=True,  # "a whole number": a float count fails
        answer="steps_to_converge",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="How many steps until convergence?",
        reference=_steps_to_converge,
        cases=[
            (1.0, 0.1, 1.0, 1e-3),
            (10.0, 0.05, 2.0, 1e-6),
            (4.0, 0.45, -3.0, 1e-4),
            (1.0, 1.0, 5.0, 1e-9),
            (1.0, 0.1, 1e-5, 1e-3),
            (2.0, 0.01, 100.0, 0.5),
            # the stopping rule's boundary: |theta| = 1, 0.5, 0.25, 0.125 (= tol, exactly in binary:
            # not yet below it), 0.0625
            (1.0, 0.5, 1.0, 0.125),
        ],
        loops="required",
        mistakes=[
            Mistake(
                "Your loop stops when |theta| equals tol exactly, one step too few: the rule is "
                "|theta| < tol, so keep stepping while |theta| >= tol (not > tol).",
                _stops_at_tol,
                family="off_by_one",
            ),
            M.matches(
                lambda a, lr, t0, tol: _steps_to_converge(1.0, lr, t0, tol),
                "You left out the curvature a: the step is lr * a * theta.",
                family="missing_term",
            ),
            M.matches(
                lambda a, lr, t0, tol: 0 if t0 < tol else _steps_to_converge(a, lr, t0, tol),
                "You compared theta, not |theta|, with tol: a negative theta is below tol at once. Use abs(theta).",
                family="wrong_formula",
            ),
            Mistake(
                "You returned theta. Return the number of steps you took (a counter k).",
                lambda got, expected, args: isinstance(got, float) and abs(got) < args[3] and float(got) != int(got),
                family="wrong_formula",
            ),
            M.off_by(
                1,
                "You counted one step too many. Stop as soon as |theta| < tol, and do not "
                "count a step you did not take.",
                family="off_by_one",
            ),
            M.off_by(
                -1, "You counted one step too few: the step that brings |theta| below tol counts.", family="off_by_one"
            ),
        ],
        hints=[
            "Simulate: repeat theta = theta - lr * a * theta and count, while |theta| >= tol.",
            "If |theta0| < tol already, no step is needed: the answer is 0.",
        ],
    )
)


def _gd_path(grad_f, theta0, lr, steps):
    path = [_f(theta0)]
    for _ in range(steps):
        path.append(path[-1] - lr * _f(grad_f(path[-1])))
    return np.array(path)


def _same_rows(got, expected, args):
    got = np.asarray(got, dtype=float)
    return (
        got.shape == expected.shape
        and args[3] > 0
        and np.allclose(got, got[-1])
        and not np.allclose(expected, expected[-1])
    )


# Gradient functions given to the learner's gd_path (they travel to the kernel as source).
_bowl = Fn("lambda p: np.array([1.0, 10.0]) * p", "the gradient of (x^2 + 10 y^2) / 2")
_quartic = Fn("lambda p: p ** 3", "the gradient of sum(p^4) / 4")
_shifted = Fn("lambda p: 2.0 * (p - 3.0)", "the gradient of (p - 3)^2")


register(
    Exercise(
        id="ch07_gd_path",
        answer="gd_path",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="Gradient descent, step by step",
        reference=_gd_path,
        cases=[
            (_bowl, np.array([1.5, 1.0]), 0.05, 20),
            (_shifted, np.array([0.0]), 0.1, 10),
            (_quartic, np.array([1.0, -2.0, 0.5]), 0.1, 5),
            (_bowl, np.array([-1.0, 2.0]), 0.1, 1),
            (_bowl, np.array([0.3, 0.4]), 0.05, 0),
        ],
        hidden_cases=[(_bowl, np.array([1.2, -0.8]), 0.05, 25)],
        mistakes=[
            Mistake(
                "Every row of your path is the same array: you changed theta in place "
                "(theta -= ...) and stored the same object each time. Write "
                "theta = theta - lr * grad, which makes a new array.",
                _same_rows,
                family="in_place",
            ),
            M.matches(
                lambda g, t, lr, s: _gd_path(g, t, lr, s)[1:],
                "Your path leaves out the start. Row 0 is theta0, so the path has steps + 1 rows.",
                family="off_by_one",
            ),
            M.matches(
                lambda g, t, lr, s: _gd_path(g, t, lr, s)[:-1],
                "Your path stops one step early: "
                "it should hold theta0 and then the point after each of the steps updates.",
                family="off_by_one",
            ),
            M.matches(
                lambda g, t, lr, s: _gd_path(lambda p: -_f(g(p)), t, lr, s),
                "Your steps go uphill: the update subtracts the gradient, theta - lr * grad_f(theta).",
                family="sign",
            ),
            M.matches(
                lambda g, t, lr, s: _gd_path(lambda p: _f(g(_f(t))), t, lr, s),
                "You evaluate "
                "grad_f at theta0 every time: that is the gradient at the start. Take it at the "
                "current point, grad_f(path[-1]).",
                family="wrong_formula",
            ),
            M.matches(
                lambda g, t, lr, s: _gd_path(g, t, lr, s + 1),
                "Your path has one step too many: range(steps) already makes steps updates, and row 0 is the start.",
                family="off_by_one",
            ),
        ],
        hints=[
            "Keep a list of points; start it with theta0.",
            "Repeat steps times: compute grad_f at the LAST point, step downhill, append the new "
            "point. np.array(list) stacks the rows.",
        ],
    )
)
