"""Three throw-away exercises for the grading framework's own tests (never in the real bank).

``register_all()`` adds them to ``dlmath.grading.EXERCISES``; ``unregister_all()`` removes them.
The key notebook made by ``demo_notebooks.key_notebook()`` imports this module in its set-up cell,
so the grader's kernels know the exercises too.
"""

import numpy as np

from dlmath.grading import Exercise
from dlmath.grading import mistakes as M
from dlmath.grading.spec import EXERCISES, register, unregister

CHAPTER = "99_demo"


def _cases(rng):
    return [
        (rng.standard_normal((2, 3)), rng.standard_normal((3, 4))),
        (rng.standard_normal((1, 1)), rng.standard_normal((1, 5))),
    ]


def make_exercises():
    return [
        Exercise(
            id="demo_matmul",
            answer="demo_matmul_fn",
            kind="function",
            chapter=CHAPTER,
            points=2,
            title="Matrix product",
            reference=lambda A, B: A @ B,
            cases=_cases,
            mistakes=[M.transposed()],
            hints=["Row i of A with column j of B."],
        ),
        Exercise(
            id="demo_mean",
            answer="demo_mean_value",
            kind="value",
            chapter=CHAPTER,
            points=1,
            title="A mean",
            reference=lambda: 2.5,
            mistakes=[M.matches(lambda: 10.0, "that is the sum, not the mean")],
            hints=["Divide by how many numbers there are."],
        ),
        Exercise(
            id="demo_scale",
            answer="demo_scale_fn",
            kind="function",
            chapter=CHAPTER,
            points=3,
            title="Scale a vector",
            reference=lambda c, x: c * np.asarray(x, dtype=float),
            cases=[(2.0, np.arange(3.0)), (-1.0, np.ones(2))],
            hidden_cases=[(3.0, [1, 2])],
        ),
    ]


def register_all():
    for ex in make_exercises():
        register(ex)


def unregister_all():
    for ex in make_exercises():
        unregister(ex.id)


def registered():
    return all(ex.id in EXERCISES for ex in make_exercises())
