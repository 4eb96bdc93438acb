"""Exercises for chapter 02, tensors: shapes, dimensions, indexing, building a tensor."""

from __future__ import annotations

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, Mistake, register
from ._common import entry_wrong, length_not, randint, randn, said

CHAPTER = "02_tensors"


def _cube():
    return np.array([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]])


register(
    Exercise(
        id="ch02_cube_shape",
        answer="cube_shape",
        kind="value",
        chapter=CHAPTER,
        points=1,
        integer_result=True,  # the text says "ints" / "an int"
        title="Predict the shape of a 3-D tensor",
        reference=lambda: _cube().shape,
        mistakes=[
            said(
                _cube().shape[::-1],
                "You read the sizes from the inside out. A shape starts with the "
                "outermost list (how many matrices), then the rows, then the columns.",
                family="transposed",
            ),
            Mistake(
                "That is the number of entries (the size). The shape lists one length per axis, as a tuple.",
                lambda got, expected, args: np.ndim(got) == 0 and got == _cube().size,
                family="shape",
            ),
            said(
                (2, 3, 2),
                "The last two sizes are swapped: each matrix has 2 rows of 3 numbers, and "
                "a shape lists the rows before the columns.",
                family="swapped",
            ),
            length_not(
                3,
                "A shape has one size per axis, and this tensor has 3 axes (three opening "
                "brackets before the first number): write 3 numbers.",
                family="shape",
            ),
        ],
        hints=[
            "Count the opening brackets at the start: that many numbers go in the shape.",
            "The first number is how many items the outermost list holds; the last is how many "
            "numbers one innermost list holds.",
        ],
    )
)

# The objects whose ndim the learner predicts, in order (also printed in the notebook).
NDIM_OBJECTS = (
    lambda: 5,
    lambda: np.array([[1, 2, 3]]),
    lambda: np.array([1, 2, 3]),
    lambda: np.zeros((3, 2, 5)),
    lambda: np.array([[[7]]]),
)


def _ndims():
    return tuple(int(np.ndim(make())) for make in NDIM_OBJECTS)


def _entry_wrong(index, *wrong):
    def detect(got, expected, args):
        got = tuple(got)
        return len(got) == len(expected) and got[index] in wrong

    return detect


register(
    Exercise(
        id="ch02_ndims",
        answer="ndims",
        kind="value",
        chapter=CHAPTER,
        points=1,
        integer_result=True,  # the text says "ints" / "an int"
        title="Predict the number of dimensions",
        reference=_ndims,
        mistakes=[
            Mistake(
                "Look again at the first one: a plain number is a 0-D tensor (a scalar). It has no axes at all.",
                _entry_wrong(0, 1),
                family="shape",
            ),
            Mistake(
                "Look again at the second one: a list inside a list is 2-D, even with a single "
                "row. np.array([[1, 2, 3]]) is a 1 x 3 matrix.",
                _entry_wrong(1, 1),
                family="shape",
            ),
            Mistake(
                "Look again at the last one: three pairs of brackets make a 3-D tensor, even if "
                "it holds a single number.",
                _entry_wrong(4, 0, 1),
                family="shape",
            ),
            entry_wrong(
                1,
                "Look again at the second one: a list inside a list is 2-D, even with a "
                "single row. np.array([[1, 2, 3]]) is a 1 x 3 matrix.",
                family="shape",
            ),
            entry_wrong(
                2,
                "Look again at the third one: np.array([1, 2, 3]) has one pair of brackets, so it is a 1-D vector.",
                family="shape",
            ),
            entry_wrong(
                3,
                "Look again at the fourth one: np.zeros((3, 2, 5)) has one axis per number "
                "in its shape tuple (ndim counts axes, not entries).",
                family="shape",
            ),
            length_not(5, "Write five predictions, one per object, in the order of the list.", family="shape"),
        ],
        hints=[
            "ndim is the number of axes: the number of indices you need to reach one number.",
            "Count the opening brackets in front of the first number; np.zeros((3, 2, 5)) has as "
            "many axes as its shape has entries.",
        ],
    )
)

register(
    Exercise(
        id="ch02_fix_matrix",
        integer_result=True,  # the text asks for ints (the dtype of the input)
        answer="grid",
        kind="value",
        chapter=CHAPTER,
        points=1,
        title="Fix the broken matrix",
        reference=lambda: np.arange(1, 10).reshape(3, 3),
        mistakes=[
            M.matches(
                lambda: np.arange(1, 10),
                "You made a vector of 9 numbers. A matrix is a list of "
                "rows: wrap the three rows in one more pair of brackets.",
                family="shape",
            ),
            M.transposed("Your rows came out as columns. Each inner list is one row: [1, 2, 3] is the first row."),
            M.off_by(
                -1,
                "Your numbers start at 0. The matrix starts at 1: np.arange(1, 10), or write the rows out.",
                family="off_by_one",
            ),
        ],
        hints=[
            "np.array takes ONE argument: the whole nested list.",
            "Put the three row lists inside an outer list: np.array([row1, row2, row3]).",
        ],
    )
)


def _get_column(M_, j):
    return np.asarray(M_)[:, j]


def _column_cases(rng):
    return [
        (np.arange(1, 10).reshape(3, 3), 0),
        (np.arange(1, 10).reshape(3, 3), 2),
        (randn(rng, 2, 5), 4),
        (randn(rng, 4, 1), 0),
        (randn(rng, 1, 3), 1),
        (randint(rng, 5, 4), 1),
    ]


register(
    Exercise(
        id="ch02_get_column",
        integer_result=True,  # the text asks for ints (the dtype of the input)
        answer="get_column",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="Take one column of a matrix",
        reference=_get_column,
        cases=_column_cases,
        mistakes=[
            M.matches(
                lambda M_, j: np.asarray(M_)[j],
                "You took row j. A column is M[:, j]: every row (the colon), column j.",
                family="indexing",
            ),
            M.matches(
                lambda M_, j: np.asarray(M_)[:, j : j + 1],
                "Your column is 2-D, shape (rows, 1). M[:, j] gives a 1-D array with one entry per row.",
                family="shape",
            ),
            M.matches(
                lambda M_, j: np.asarray(M_)[:, j - 1],
                "You are off by one column. NumPy counts from 0: the first column is M[:, 0].",
                family="off_by_one",
            ),
            M.matches(
                lambda M_, j: np.asarray(M_)[:, j + 1],
                "You are off by one column. NumPy counts from 0: column j is M[:, j].",
                family="off_by_one",
            ),
        ],
        loops="forbidden",
        hints=[
            "A matrix needs two indices: M[row, column].",
            "A colon means 'all of them': M[:, j] is all rows of column j.",
        ],
    )
)

register(
    Exercise(
        id="ch02_build_tensor",
        integer_result=True,  # the text asks for ints (the dtype of the input)
        answer="blocks",
        kind="value",
        chapter=CHAPTER,
        points=2,
        title="Build the (3, 2, 5) tensor",
        reference=lambda: np.arange(30).reshape(3, 2, 5),
        mistakes=[
            M.matches(
                lambda: np.arange(30).reshape(5, 2, 3),
                "Your sizes are in the reverse order. "
                "Shape (3, 2, 5) means 3 blocks, each of 2 rows, each of 5 numbers.",
                family="transposed",
            ),
            M.off_by(1, "Your numbers start at 1. Start at 0: np.arange(30) gives 0, 1, ..., 29.", family="off_by_one"),
            M.matches(
                lambda: np.arange(30).reshape(3, 2, 5, order="F"),
                "The numbers run in the wrong "
                "order. In reading order the LAST index changes fastest (NumPy's default, "
                "order='C').",
                family="transposed",
            ),
            Mistake(
                "Your tensor holds the right numbers in the wrong shape: (3, 2, 5) means 3 blocks, "
                "each of 2 rows, each of 5 numbers.",
                lambda got, expected, args: (
                    np.shape(got) != expected.shape and np.array_equal(np.sort(np.ravel(got)), np.ravel(expected))
                ),
                family="shape",
            ),
            Mistake(
                "Your tensor is all zeros: fill it with the numbers 0 to 29 (np.arange(30)).",
                lambda got, expected, args: np.size(got) > 0 and not np.any(got),
                family="wrong_formula",
            ),
            Mistake(
                "Your tensor holds one number short: the end of np.arange(n) is excluded, so "
                "np.arange(30) runs from 0 to 29.",
                lambda got, expected, args: np.size(got) == 29,
                family="off_by_one",
            ),
        ],
        hints=[
            "np.arange(n) gives the numbers 0 to n - 1 as a vector.",
            "An array's .reshape(...) rearranges the same numbers into a new shape of the same size.",
        ],
    )
)
