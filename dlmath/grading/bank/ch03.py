"""Exercises for chapter 03, matrix operations: the product by hand, its shape rule, transpose."""

from __future__ import annotations

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, Mistake, register
from ._common import length_not, randint, randn, said

CHAPTER = "03_matrix_operations"

# The product from the source text: (2, 3) @ (3, 2).
A_SEED = np.array([[1, 2, 3], [4, 5, 6]])
B_SEED = np.array([[7, 8], [9, 10], [11, 12]])


def _matmul_reference(A, B):
    """Independent reference: each entry is a dot product of a row of A and a column of B.
    Integer input gives an integer result (the products of integers are integers)."""
    return np.einsum("ik,kj->ij", np.asarray(A), np.asarray(B))


def _matmul_cases(rng):
    return [
        # square first: B @ A, A * B and a transposed result all run there and give wrong
        # values, so the mistake can be named before a shape error hides it
        (randn(rng, 3, 3), randn(rng, 3, 3)),
        (A_SEED, B_SEED),  # the source's example, integer input
        (randn(rng, 3, 4), randn(rng, 4, 2)),
        (randn(rng, 1, 1), randn(rng, 1, 1)),
        (randn(rng, 1, 5), randn(rng, 5, 1)),  # row times column: a 1 x 1 result
        (randn(rng, 5, 1), randn(rng, 1, 4)),  # column times row: an outer product
        (np.zeros((2, 3)), randn(rng, 3, 2)),
        (randint(rng, 4, 3), randint(rng, 3, 5)),
    ]


register(
    Exercise(
        id="ch03_matmul",
        answer="my_matmul",
        kind="function",
        chapter=CHAPTER,
        points=3,
        title="Matrix product without @",
        reference=_matmul_reference,
        cases=_matmul_cases,
        forbid=("@", "matmul", "dot", "einsum", "inner", "tensordot", "vdot", "multi_dot"),
        loops="required",
        mistakes=[
            M.transposed(
                "Your result is the transpose of A @ B. Entry (i, j) is row i of A times "
                "column j of B, and it goes in row i, column j.",
                family="transposed",
            ),
            M.matches(
                lambda A, B: _matmul_reference(B, A),
                "You computed B @ A. Order matters in a "
                "matrix product: rows come from the first matrix, columns from the second.",
                family="swapped",
            ),
            M.matches(
                lambda A, B: np.asarray(A) * np.asarray(B),
                "You multiplied entry by entry "
                "(A * B). The matrix product takes dot products of rows of A with columns of B.",
                family="wrong_formula",
            ),
            M.matches(
                lambda A, B: np.outer(np.asarray(A)[:, -1], np.asarray(B)[-1, :]),
                "Each entry holds only the last product of its sum. Add the products up "
                "(total += ...) instead of overwriting them.",
                family="missing_term",
            ),
            M.matches(
                lambda A, B: np.einsum("ik,kj->ij", np.asarray(A)[:, :-1], np.asarray(B)[:-1]),
                "Your sum misses the last product: range(n) already runs over k = 0, ..., n - 1, so do not subtract 1.",
                family="off_by_one",
            ),
            Mistake(
                "Your result is an integer array (np.zeros(..., dtype=int)?), so each sum was cut "
                "to a whole number: start from a float array, np.zeros((m, p)).",
                lambda got, expected, args: (
                    np.asarray(got).dtype.kind in "iu" and np.asarray(args[0]).dtype.kind == "f"
                ),
                family="integer_division",
            ),
            Mistake(
                "You started from np.zeros_like(A), which has the shape of A. The result has shape "
                "(rows of A, columns of B).",
                lambda got, expected, args: np.shape(got) == np.shape(args[0]) != np.shape(expected),
                family="shape",
            ),
        ],
        hints=[
            "The result has shape (rows of A, columns of B). Start from np.zeros of that shape.",
            "Use three loops: i over the rows of A, j over the columns of B, k along the shared length.",
            "Inside the loops: C[i, j] += A[i, k] * B[k, j].",
        ],
    )
)

register(
    Exercise(
        id="ch03_product_shape",
        answer="AB_shape",
        kind="value",
        chapter=CHAPTER,
        points=1,
        integer_result=True,  # the text says "ints" / "an int"
        title="Predict the shape of a product",
        reference=lambda: (np.zeros((2, 5)) @ np.zeros((5, 3))).shape,
        mistakes=[
            said(
                (5, 5),
                "Those are the two inner sizes. They must be equal, and they disappear in the product.",
                family="wrong_formula",
            ),
            said(
                (3, 2),
                "You have the outer sizes in reverse order: (m, n) @ (n, p) has shape (m, p), "
                "rows of the first by columns of the second.",
                family="transposed",
            ),
            said((2, 5), "That is the shape of A. The product keeps A's rows and takes B's columns.", family="shape"),
            said((5, 3), "That is the shape of B. The product keeps A's rows and takes B's columns.", family="shape"),
            said(
                (2, 5, 3),
                "You listed all three sizes, but the inner 5 disappears in the product: "
                "a matrix product of two matrices is a matrix.",
                family="shape",
            ),
            Mistake(
                "That is the number of entries, not the shape: write the shape as a tuple, (rows, columns).",
                lambda got, expected, args: np.ndim(got) == 0,
                family="shape",
            ),
        ],
        hints=[
            "Write the two shapes side by side: (2, 5) @ (5, 3).",
            "The inner sizes match and vanish; the outer sizes remain, in order.",
        ],
    )
)

# Pairs of shapes: is A @ B defined? Chosen so that the correct rule and the source's backwards
# rule ("rows of the first = columns of the second") disagree on four of them.
SHAPE_PAIRS = [
    ((2, 6), (6, 4)),
    ((4, 2), (3, 4)),
    ((5, 1), (1, 5)),
    ((3, 2), (3, 2)),
    ((1, 3), (3, 1)),
    ((2, 4), (3, 2)),
]


def _defined():
    return tuple(a[1] == b[0] for a, b in SHAPE_PAIRS)


def _defined_backwards():
    return tuple(a[0] == b[1] for a, b in SHAPE_PAIRS)


register(
    Exercise(
        id="ch03_defined",
        answer="defined",
        kind="value",
        chapter=CHAPTER,
        points=1,
        title="Which products are defined?",
        reference=_defined,
        mistakes=[
            M.matches(
                _defined_backwards,
                "You used the rule the source states, 'rows of the first = "
                "columns of the second'. That rule is backwards: the COLUMNS of the first must "
                "equal the ROWS of the second.",
                family="swapped",
            ),
            said(
                (True,) * 6,
                "Not every pair fits: NumPy raises an error when the inner sizes differ.",
                family="wrong_formula",
            ),
            M.matches(
                lambda: tuple(a == b for a, b in SHAPE_PAIRS),
                "You tested for equal shapes. A product needs only the inner sizes to match: columns of A = rows of B.",
                family="wrong_formula",
            ),
            length_not(6, "Write six answers, one per pair, in the order of the table.", family="shape"),
            Mistake(
                "One of your answers is wrong (the index above counts from 0, so defined[5] is "
                "pair 6): for that pair, compare the columns of A with the rows of B.",
                lambda got, expected, args: (
                    len(got) == len(expected) and sum(bool(g) != e for g, e in zip(got, expected)) == 1
                ),
                family="wrong_formula",
            ),
        ],
        hints=[
            "For each pair, compare one number from the first shape with one from the second.",
            "(m, n) @ (n', p) is defined exactly when n == n'.",
        ],
    )
)

register(
    Exercise(
        id="ch03_top_left",
        answer="top_left",
        kind="value",
        chapter=CHAPTER,
        points=1,
        integer_result=True,  # the text says "ints" / "an int"
        title="One entry of a product, by hand",
        reference=lambda: int(A_SEED[0] @ B_SEED[:, 0]),
        mistakes=[
            said(
                int(A_SEED[0] @ B_SEED.ravel()[:3]),
                "You used 7, 8, 9: the first numbers of B read "
                "row by row. The entry uses the first COLUMN of B, B[:, 0]: 7, 9, 11.",
                family="indexing",
            ),
            said(
                int(A_SEED[0, :2] @ B_SEED[:2, 0]),
                "Your sum has only two products. A row of A has three numbers, so the dot product has three terms.",
                family="missing_term",
            ),
            said(
                int(A_SEED[1] @ B_SEED[:, 0]),
                "That is the entry in row 2, column 1. Use the first row of A.",
                family="indexing",
            ),
            said(
                int(A_SEED[0] @ B_SEED[:, 1]),
                "That is the entry in row 1, column 2. Use the first column of B.",
                family="indexing",
            ),
            said(
                int(A_SEED[0].sum() + B_SEED[:, 0].sum()),
                "You added the numbers. A dot product multiplies the pairs first, then adds the products.",
                family="wrong_formula",
            ),
            said(
                int(np.prod(A_SEED[0]) * np.prod(B_SEED[:, 0])),
                "You multiplied all six numbers. A dot product multiplies the pairs, then ADDS the three products.",
                family="wrong_formula",
            ),
        ],
        hints=[
            "Entry (1, 1) of A @ B is the dot product of row 1 of A and column 1 of B.",
            "Multiply the pairs (1, 7), (2, 9), (3, 11) and add the three products.",
        ],
    )
)


def _transpose_cases(rng):
    return [
        (randn(rng, 2, 3),),
        (randn(rng, 3, 3),),
        (randn(rng, 1, 4),),
        (randn(rng, 4, 1),),
        (randn(rng, 1, 1),),
        (randint(rng, 3, 5),),
    ]


register(
    Exercise(
        id="ch03_transpose",
        answer="my_transpose",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="Transpose without .T",
        reference=lambda A: np.asarray(A).T.copy(),
        cases=_transpose_cases,
        forbid=("T", "transpose", "swapaxes", "moveaxis", "rollaxis", "rot90"),
        mistakes=[
            M.matches(
                lambda A: np.asarray(A).reshape(np.shape(A)[::-1]),
                "You reshaped instead of "
                "transposing. reshape keeps the numbers in reading order; a transpose moves "
                "entry (i, j) to (j, i), so rows become columns.",
                family="transposed",
            ),
            M.matches(
                lambda A: np.asarray(A),
                "You returned the matrix unchanged. Row i of A must become column i of the result.",
                family="transposed",
            ),
            Mistake(
                "Your last column is still zeros: the loop over the rows of A stops one early. "
                "range(m) already runs over 0, ..., m - 1.",
                lambda got, expected, args: (
                    np.shape(got) == expected.shape
                    and expected.shape[1] > 1
                    and np.allclose(np.asarray(got)[:, :-1], expected[:, :-1])
                    and not np.any(np.asarray(got)[:, -1])
                    and np.any(expected[:, -1])
                ),
                family="off_by_one",
            ),
            M.matches(
                lambda A: np.asarray(A)[::-1],
                "You reversed the order of the rows (A[::-1]). A "
                "transpose turns each row into a column: result[j, i] = A[i, j].",
                family="transposed",
            ),
        ],
        hints=[
            "A matrix of shape (m, n) has a transpose of shape (n, m).",
            "Fill the result with two loops: result[j, i] = A[i, j].",
        ],
    )
)


def _scale_add_cases(rng):
    return [
        (2, np.array([[4, 1], [0, 3]]), np.array([[3, 0], [1, 2]])),
        (-1.5, randn(rng, 3, 2), randn(rng, 3, 2)),
        (0, randn(rng, 2, 2), randn(rng, 2, 2)),
        (0.5, randint(rng, 1, 4), randint(rng, 1, 4)),
    ]


register(
    Exercise(
        id="ch03_scale_add",
        answer="scale_then_add",
        kind="function",
        chapter=CHAPTER,
        points=1,
        title="Scalar multiple plus a matrix",
        reference=lambda c, A, B: c * np.asarray(A) + np.asarray(B),
        cases=_scale_add_cases,
        mistakes=[
            M.matches(
                lambda c, A, B: c * (np.asarray(A) + np.asarray(B)),
                "You scaled the sum c (A + B). Only A is multiplied by c; B is added afterwards.",
                family="wrong_formula",
            ),
            M.matches(
                lambda c, A, B: np.asarray(A) + c * np.asarray(B), "You scaled B instead of A.", family="swapped"
            ),
            M.matches(
                lambda c, A, B: c * np.asarray(A) - np.asarray(B),
                "You subtracted B: the sign of B is +, cA + B.",
                family="sign",
            ),
            M.matches(
                lambda c, A, B: c + np.asarray(A) + np.asarray(B),
                "You added c to every entry. A scalar multiple multiplies: c * A.",
                family="wrong_formula",
            ),
            M.matches(
                lambda c, A, B: c * np.asarray(A) + np.asarray(B).T,
                "You transposed B: add the entries in the same position, B as it is.",
                family="transposed",
            ),
            M.matches(
                lambda c, A, B: c * np.asarray(A), "You left out B: the result is cA + B.", family="missing_term"
            ),
        ],
        hints=[
            "c * A multiplies every entry of A by c; A + B adds entries in the same position.",
        ],
    )
)
