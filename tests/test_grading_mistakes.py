"""Each ready-made mistake detector: it matches its mistake, and never a right answer."""

from __future__ import annotations

import numpy as np
import pytest

from dlmath.grading import Mistake
from dlmath.grading import mistakes as M

E = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])


def test_close_compares_structure_shape_and_values():
    assert M.close((E, 1.0), [E.copy(), 1.0 + 1e-12])
    assert not M.close((E, 1.0), (E,))
    assert not M.close(E, E.T)
    assert not M.close(E, E.ravel())
    assert M.close({"W": E}, {"W": E})
    assert not M.close({"W": E}, {"b": E})
    assert M.close(np.array([np.nan, 1.0]), np.array([np.nan, 1.0]))
    assert M.close("abc", "abc") and not M.close("abc", E)
    assert M.close(np.array([True, False]), np.array([1, 0]))


def test_transposed():
    m = M.transposed()
    assert m.message == "did you transpose?"
    assert m.matches(E.T, E, ())
    assert not m.matches(E, E, ())
    assert not m.matches(E.T * 2, E, ())
    S = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert m.matches(S.T, S, ())
    sym = np.array([[1.0, 2.0], [2.0, 1.0]])
    assert not m.matches(sym.T, sym, ())  # a symmetric answer is right, not transposed
    assert M.transposed("rows became columns").message == "rows became columns"


def test_negated():
    m = M.negated("the update subtracts the gradient")
    assert m.matches(-E, E, ())
    assert not m.matches(E, E, ())
    assert not m.matches(np.zeros(3), np.zeros(3), ())  # -0 == 0: not a mistake
    assert m.matches((-E, -1.0), (E, 1.0), ())


def test_scaled_number_and_callable():
    X = np.ones((4, 3))
    assert M.scaled(2, "missing 1/2").matches(2 * E, E, ())
    assert not M.scaled(2, "missing 1/2").matches(3 * E, E, ())
    batch = M.scaled(lambda args: len(args[0]), "you summed over the batch")
    assert batch.matches(4 * E, E, (X,))
    assert not batch.matches(4 * E, E, (np.ones((5, 3)),))
    assert not batch.matches(E, E, (np.ones((1, 3)),))  # factor 1: the right answer


def test_off_by():
    m = M.off_by(1, "you started at 1")
    assert m.matches(E + 1, E, ())
    assert not m.matches(E - 1, E, ())
    assert M.off_by(np.array([1.0, 0.0, 0.0]), "bias added to column 0").matches(E + np.array([1.0, 0.0, 0.0]), E, ())


def test_nonfinite_for():
    m = M.nonfinite_for(lambda args: np.min(args[0]) < -700, "sigmoid overflowed")
    z = np.array([-1000.0, 0.0])
    assert m.matches(np.array([np.nan, 0.5]), np.array([0.0, 0.5]), (z,))
    assert not m.matches(np.array([np.nan, 0.5]), np.array([0.0, 0.5]), (np.array([-1.0, 0.0]),))
    assert not m.matches(np.array([0.0, 0.5]), np.array([0.0, 0.5]), (z,))  # finite: no match
    assert m.matches(np.inf, 0.0, (z,))


def test_matches_calls_func_on_copies():
    def wrong(A, B):
        A[:] = 0  # must not leak into the caller's args
        return B @ A.T

    A, B = np.ones((2, 3)), np.ones((4, 3))
    m = M.matches(wrong, "swapped")
    assert m.matches(np.zeros((4, 2)), np.ones((2, 4)), (A, B))
    assert np.all(A == 1)
    assert M.matches(lambda: 7, "seven").matches(7, 8, ())
    assert not M.matches(lambda: 8, "eight").matches(8, 8, ())  # the wrong func agrees here


def test_detector_errors_and_warnings_are_no_match():
    boom = Mistake("boom", lambda g, e, a: 1 / 0)
    assert boom.matches(1, 2, ()) is False
    arr = Mistake("array truth", lambda g, e, a: g == e)  # ambiguous truth value
    assert arr.matches(np.ones(3), np.ones(3), ()) is False
    noisy = Mistake("warns", lambda g, e, a: bool(np.log(np.array(0.0)) < 0))
    assert noisy.matches(0, 0, ()) is True  # RuntimeWarning silenced, result kept


def test_mistake_validation():
    with pytest.raises(TypeError):
        Mistake("", lambda g, e, a: True)
    with pytest.raises(TypeError):
        Mistake("msg", "not callable")


def test_a_mistake_that_explains_every_wrong_case_is_preferred():
    """Two mistakes can give the same number on one input: the judge names the one that also
    explains the other wrong cases (here x^2 + 1 against 3x: x + 1 fits x = 1 only)."""
    from dlmath.grading._explain import _explain
    from dlmath.grading.spec import Exercise, Mistake

    ex = Exercise(
        id="demo_prefer",
        answer="demo_prefer_fn",
        kind="function",
        reference=lambda x: 3 * x,
        cases=[(1.0,), (2.0,)],
        mistakes=[
            Mistake("you added one", lambda g, e, a: g == a[0] + 1),
            Mistake("you squared and added one", lambda g, e, a: g == a[0] ** 2 + 1),
        ],
    )
    assert _explain(ex, 2.0, 3.0, (1.0,), None) == "you added one"
    assert _explain(ex, 2.0, 3.0, (1.0,), None, others=[(5.0, 6.0, (2.0,))]) == "you squared and added one"
