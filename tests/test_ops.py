"""dlmath.ops: hand-worked products, the shape rule, and the bad-input list."""

import re

import numpy as np
import pytest

from dlmath import ops

A23 = [[1, 2, 3], [4, 5, 6]]
B32 = [[7, 8], [9, 10], [11, 12]]


# --- values checked by hand -------------------------------------------------------------
def test_matmul_hand_worked_2x3_by_3x2():
    # [0,0] = 1*7 + 2*9 + 3*11 = 58; [0,1] = 1*8 + 2*10 + 3*12 = 64
    # [1,0] = 4*7 + 5*9 + 6*11 = 139; [1,1] = 4*8 + 5*10 + 6*12 = 154
    C = ops.matmul(A23, B32)
    assert C.shape == (2, 2)
    assert C.dtype == np.float64
    np.testing.assert_array_equal(C, [[58, 64], [139, 154]])


def test_matmul_vectors_and_matrix_vector():
    assert ops.matmul([1, 2, 3], [4, 5, 6]) == 32.0  # 4 + 10 + 18
    np.testing.assert_array_equal(ops.matmul(A23, [1, 0, -1]), [-2, -2])  # (1-3, 4-6)
    np.testing.assert_array_equal(ops.matmul([1, -1], A23), [-3, -3, -3])


def test_matmul_loops_matches_matmul(rng):
    for m, n, p in [(1, 1, 1), (2, 3, 4), (5, 1, 3), (4, 6, 2)]:
        A, B = rng.normal(size=(m, n)), rng.normal(size=(n, p))
        np.testing.assert_allclose(ops.matmul_loops(A, B), A @ B, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(ops.matmul(A, B), A @ B, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(ops.matmul_loops(A23, B32), [[58, 64], [139, 154]])


def test_scale_add_dot_transpose_by_hand():
    np.testing.assert_array_equal(ops.scale(3, [[1, -2], [0, 4]]), [[3, -6], [0, 12]])
    np.testing.assert_array_equal(ops.add([[1, 2], [3, 4]], [[10, 20], [30, 40]]), [[11, 22], [33, 44]])
    assert ops.dot([1, 2, 3], [4, -5, 6]) == 4 - 10 + 18
    assert isinstance(ops.dot([1, 2], [3, 4]), float)
    # The source's transpose example: the original is 2x3, its transpose 3x2.
    T = ops.transpose([[6, 4, 24], [1, -9, 8]])
    assert T.shape == (3, 2)
    np.testing.assert_array_equal(T, [[6, 1], [4, -9], [24, 8]])
    np.testing.assert_array_equal(ops.transpose([1, 2, 3]), [1, 2, 3])


def test_weighted_sum_by_hand():
    X = [[1, 2], [3, -1]]  # 2 samples, 2 inputs
    W = [[1, 0], [0, 1], [2, -1]]  # 3 outputs
    b = [0.5, 0, -1]
    # sample 0: (1, 2, 2*1 - 2) + b = (1.5, 2, -1); sample 1: (3, -1, 7) + b = (3.5, -1, 6)
    np.testing.assert_array_equal(ops.weighted_sum(X, W, b), [[1.5, 2, -1], [3.5, -1, 6]])
    np.testing.assert_array_equal(ops.weighted_sum([1, 2], W, b), [1.5, 2, -1])


def test_integers_are_converted_not_truncated():
    np.testing.assert_array_equal(ops.scale(0.5, [1, 3]), [0.5, 1.5])
    np.testing.assert_array_equal(ops.add([1, 2], [0.25, 0.5]), [1.25, 2.5])
    np.testing.assert_array_equal(ops.matmul([[1, 2]], [[0.5], [0.25]]), [[1.0]])
    assert ops.scale(2, np.array([1, 2], dtype=np.int32)).dtype == np.float64


def test_inputs_not_modified(rng):
    A, B = rng.normal(size=(3, 4)), rng.normal(size=(4, 2))
    A0, B0 = A.copy(), B.copy()
    ops.matmul(A, B), ops.scale(2.0, A), ops.add(A, A), ops.weighted_sum(A, B.T, np.zeros(2))
    np.testing.assert_array_equal(A, A0)
    np.testing.assert_array_equal(B, B0)


# --- the shape rule and bad input ---------------------------------------------------------
def test_matmul_shape_error_names_both_shapes_and_the_rule():
    with pytest.raises(ValueError) as err:
        ops.matmul(np.ones((2, 3)), np.ones((2, 3)))
    msg = str(err.value)
    assert msg.count("(2, 3)") == 2, msg
    assert "columns of the first" in msg and "rows of the second" in msg, msg
    # the rule must not be stated backwards (the source's mistake)
    assert not re.search(r"rows of the first.*columns of the second", msg), msg


def test_matmul_loops_same_shape_rule():
    with pytest.raises(ValueError, match="columns of the first"):
        ops.matmul_loops(np.ones((2, 3)), np.ones((2, 3)))


@pytest.mark.parametrize("A, B", [(np.ones((2, 2, 2)), np.ones((2, 2))), (3.0, np.ones(2))])
def test_matmul_wrong_dimensionality(A, B):
    with pytest.raises(ValueError, match="1-D or 2-D"):
        ops.matmul(A, B)


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: ops.add([1, 2], [[1, 2]]), ["(2,)", "(1, 2)"]),  # no broadcasting
        (lambda: ops.add(np.ones((2, 3)), np.ones((3, 2))), ["(2, 3)", "(3, 2)"]),
        (lambda: ops.dot([1, 2], [1, 2, 3]), ["(2,)", "(3,)"]),
        (lambda: ops.dot([[1, 2]], [1, 2]), ["1-D", "(1, 2)"]),
        (lambda: ops.scale([1, 2], [1]), ["scalar", "(2,)"]),
        (lambda: ops.weighted_sum([[1, 2]], [[1, 2, 3]], [0]), ["(1, 2)", "(1, 3)"]),
        (lambda: ops.weighted_sum([[1, 2]], [[1, 2]], [0, 0]), ["bias", "(1,)", "(2,)"]),
        (lambda: ops.weighted_sum([[1, 2]], [1, 2], [0]), ["weights", "2-D"]),
        (lambda: ops.transpose(np.ones((2, 2, 2))), ["(2, 2, 2)"]),
    ],
)
def test_shape_errors_say_expected_and_got(call, words):
    with pytest.raises(ValueError) as err:
        call()
    for w in words:
        assert w in str(err.value), (w, str(err.value))


@pytest.mark.parametrize("bad, word", [(np.nan, "NaN"), (np.inf, "infinity"), (-np.inf, "infinity")])
def test_non_finite_rejected_naming_argument(bad, word):
    A = np.ones((2, 2))
    A[1, 0] = bad
    with pytest.raises(ValueError, match=f"A contains {word}"):
        ops.matmul(A, np.ones((2, 2)))
    with pytest.raises(ValueError, match=f"B contains {word}"):
        ops.matmul(np.ones((2, 2)), A)
    with pytest.raises(ValueError, match="inputs contains"):
        ops.weighted_sum(A, np.ones((3, 2)), np.zeros(3))


@pytest.mark.parametrize("bad", ["abc", None, [["a", "b"]], [{"x": 1}]])
def test_non_numbers_raise_type_error(bad):
    with pytest.raises(TypeError, match="A must"):
        ops.matmul(bad, np.ones((2, 2)))


def test_ragged_lists_raise_value_error():
    with pytest.raises(ValueError, match="ragged"):
        ops.matmul([[1, 2], [3]], np.ones((2, 2)))


def test_source_mistake_missing_outer_brackets_is_a_type_error():
    # numpy.array([1, 2, 3], [4, 5, 6], [7, 8, 9]) from the source: the second list is read as dtype
    with pytest.raises(TypeError):
        np.array([1, 2, 3], [4, 5, 6], [7, 8, 9])
