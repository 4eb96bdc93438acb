"""Term variants and families: a wrong value that equals the reference changed in one place is
named (its source mutated, a scalar input altered, a declared Variant), never a right one; and
the class report groups the named mistakes by family."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from dlmath.grading._explain import _explain
from dlmath.grading._mutants import LOOP_LIMIT, mutants
from dlmath.grading._terms import term_mistake
from dlmath.grading.instructor.grader import Row
from dlmath.grading.instructor.report import OTHER, family_totals, summarise, write_report
from dlmath.grading.spec import Exercise, Mistake, Variant, family_of

X = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 4.0]])
Y = np.array([[0.0, 1.0], [2.0, 2.0], [1.0, 1.0]])


def _mse(p, t):
    return float(np.mean((p - t) ** 2))


def _limit(n_in, n_out):
    return np.sqrt(6.0 / (n_in + n_out))


def _step(theta, grad, lr):
    return theta - lr * grad


def _ema(gs, beta):
    m = np.zeros_like(gs[0])
    for g in gs:
        m = beta * m + (1 - beta) * g
    return m


def _total(x):
    s = 0.0
    for k in range(len(x)):
        s += x[k]
    return s


def _count(theta, lr, tol):
    k = 0
    while abs(theta) >= tol:
        theta = theta - lr * theta
        k += 1
    return k


def _ex(reference, variants=()):
    return Exercise(
        id="demo_terms",
        answer="demo_terms_fn",
        kind="function",
        reference=reference,
        cases=[],
        variants=list(variants),
    )


def test_a_missing_square_a_sum_for_a_mean_and_missing_brackets_are_named():
    ex = _ex(_mse)
    got = float(np.mean(X - Y))
    assert "square is missing" in term_mistake(ex, got, _mse(X, Y), (X, Y))
    got = float(np.sum((X - Y) ** 2))  # 6 times the mean: the generic mistake says it plainer
    assert term_mistake(ex, got, _mse(X, Y), (X, Y)) is None
    assert "did you sum where the mean is needed" in _explain(ex, got, _mse(X, Y), (X, Y), (got, _mse(X, Y)))
    ex = _ex(_limit)
    msg = term_mistake(ex, float(np.sqrt(6.0 / 3 + 4)), _limit(3, 4), (3, 4))
    assert msg.startswith("Wrong formula") and "brackets are missing" in msg


def test_a_loop_one_pass_short_is_an_off_by_one():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    msg = term_mistake(_ex(_total), 6.0, 10.0, (x,))
    assert family_of(msg) == "off_by_one" and "one pass too few" in msg


def test_scalar_inputs_altered_name_a_missing_rate_and_beta_for_one_minus_beta():
    theta, grad = np.array([1.0, 2.0]), np.array([0.5, -1.0])
    msg = term_mistake(_ex(_step), theta - grad, _step(theta, grad, 0.1), (theta, grad, 0.1))
    assert "the factor `lr` is missing" in msg
    gs = np.array([[1.0, -2.0], [0.5, 3.0], [-1.0, 1.0]])
    wrong = _ema(gs, 0.1)  # 1 - beta where beta is meant
    msg = term_mistake(_ex(_ema), wrong, _ema(gs, 0.9), (gs, 0.9))
    assert "1 - `beta`" in msg


def test_a_variant_up_to_a_factor_of_two_is_named_with_the_factor():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    msg = term_mistake(_ex(_total), 12.0, 10.0, (x,))  # twice the sum without the last entry
    assert "one pass too few" in msg and "twice as large" in msg


def test_declared_variants_by_function_and_by_altered_inputs():
    theta, grad = np.array([1.0, 2.0]), np.array([0.5, -1.0])
    ex = _ex(
        _step,
        [
            Variant("the gradient is taken at the wrong point", compute=lambda t, g, lr: t - lr * 2 * g),
            Variant("the step uses the rate squared", alter={2: lambda lr: lr**2}, family="wrong_formula"),
        ],
    )
    expected = _step(theta, grad, 0.1)
    assert "wrong point" in term_mistake(ex, theta - 0.2 * grad, expected, (theta, grad, 0.1))
    msg = term_mistake(ex, theta - 0.01 * grad, expected, (theta, grad, 0.1))
    assert msg.startswith("Wrong formula") and "rate squared" in msg


def test_variant_validation():
    with pytest.raises(TypeError):
        Variant("no way to compute it")
    with pytest.raises(TypeError):
        Variant("both", compute=lambda: 1, alter={0: 1})
    with pytest.raises(ValueError):
        Variant("x", alter={0: 1}, family="nonsense")
    with pytest.raises(TypeError):
        Exercise(id="demo_v", answer="demo_v", kind="function", reference=_step, variants=["not a Variant"])


def test_a_right_value_or_an_unexplained_one_is_never_named():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    assert term_mistake(_ex(_total), 10.0, 10.0, (x,)) is None  # every variant differs from it
    assert term_mistake(_ex(_total), 7.123, 10.0, (x,)) is None


def test_a_variant_must_explain_the_other_wrong_cases_too():
    """sqrt(6 / n_in + n_out) equals "a division missing" at (3, 4) by chance; at (2, 5) it
    does not, so with that case in ``others`` the brackets are named instead."""
    ex = _ex(_limit)
    wrong = lambda a, b: float(np.sqrt(6.0 / a + b))  # noqa: E731
    others = [(wrong(2, 5), _limit(2, 5), (2, 5))]
    msg = term_mistake(ex, wrong(3, 4), _limit(3, 4), (3, 4), others)
    assert "brackets" in msg


def test_a_mutated_while_loop_stops_instead_of_hanging():
    """Dropping ``lr * theta`` leaves ``theta = theta``: the loop would never end; the guard
    stops it after LOOP_LIMIT passes with an error (so that variant names nothing)."""
    base, found = mutants(_count)
    assert base(1.0, 0.5, 0.1) == _count(1.0, 0.5, 0.1)
    frozen = [m for m in found if m.message.startswith("one term of a difference is missing")]
    assert frozen
    with pytest.raises(RuntimeError, match="loop limit"):
        frozen[0].fn(1.0, 0.5, 0.1)
    assert LOOP_LIMIT <= 100_000
    assert "boundary" in term_mistake(_ex(_count), 3, _count(1.0, 0.5, 0.125), (1.0, 0.5, 0.125))


def test_unreadable_references_have_no_mutants():
    assert mutants(np.sum) == (None, ())
    assert mutants(lambda: 0.8**10)[0]() == pytest.approx(0.8**10)


def test_the_exercise_mistake_still_comes_first():
    ex = _ex(_mse)
    ex.mistakes = [Mistake("You forgot to square.", lambda g, e, a: True, "missing_term")]
    assert _explain(ex, 0.5, _mse(X, Y), (X, Y), None) == "A term is missing. You forgot to square."


def _row(student, exercise, status, mistake=""):
    return Row(student, "06_losses", exercise, 0.0, 1.0, status, title=exercise, mistake=mistake)


def test_the_class_report_groups_named_mistakes_by_family(tmp_path):
    off = Mistake("Your loop stops one step early.", lambda *a: True, "off_by_one").text
    sign = Mistake("Your step goes uphill.", lambda *a: True, "sign").text
    sign2 = Mistake("You subtracted the bias.", lambda *a: True, "sign").text
    rows = [
        _row("a", "ex1", "failed", off),
        _row("b", "ex1", "failed", off),
        _row("c", "ex1", "failed", sign),
        _row("d", "ex1", "passed"),
        _row("a", "ex2", "failed", sign2),
        _row("b", "ex2", "failed", "not the right value"),
        _row("c", "ex2", "failed", ""),
        _row("e", "ex2", "missing", sign),
    ]
    table = {t["exercise"]: t for t in summarise(rows)}
    assert table["ex1"]["families"] == [("Off by one", 2), ("Sign error", 1)]
    assert table["ex2"]["families"] == [("Sign error", 1), (OTHER, 1)]
    totals = family_totals(rows)
    assert [(label, n) for label, n, _ in totals] == [("Off by one", 2), ("Sign error", 2), (OTHER, 1)]  # ties by label
    assert {label: top for label, _, top in totals}["Sign error"][0][1] == 1
    csv_path, png_path = write_report(rows, tmp_path / "grades.csv")
    with open(csv_path, encoding="utf-8") as fh:
        got = {r["exercise"]: r for r in csv.DictReader(fh)}
    assert got["ex1"]["top_families"] == "Off by one (2); Sign error (1)"
    assert png_path.stat().st_size > 1000


def _rms_step(theta, g, v, lr, eps):
    return theta - lr * g / np.sqrt(v + eps)


def _last_index(x):
    return x[len(x) - 1]


def test_eps_outside_the_root_and_a_dropped_minus_one_are_named():
    theta, g, v = np.array([1.0, 2.0]), np.array([0.5, -1.0]), np.array([0.01, 4.0])
    expected = _rms_step(theta, g, v, 0.1, 1e-2)
    got = theta - 0.1 * g / (np.sqrt(v) + 1e-2)
    assert "after the square root, not inside it" in term_mistake(
        _ex(_rms_step), got, expected, (theta, g, v, 0.1, 1e-2)
    )
    x = np.array([3.0, 5.0, 7.0])
    x4 = np.array([1.0, 2.0, 4.0, 8.0])
    others = [(4.0, 8.0, (x4,))]  # on length 3, x[1 - len(x)] is x[1] too: another case decides
    msg = term_mistake(_ex(_last_index), float(x[len(x) - 2]), 7.0, (x,), others)  # one entry early
    assert family_of(msg) == "off_by_one" and "count is one too small" in msg


def test_fancy_indexing_that_picks_every_label_for_every_row_is_named():
    from dlmath.grading._generic import _generic_mistake

    logp = np.log(np.array([[0.2, 0.8], [0.6, 0.4]]))
    labels = np.array([1, 0])
    right = logp[np.arange(2), labels]
    assert "logp[np.arange(n), labels]" in _generic_mistake(logp[:, labels], right, (logp, labels))
    assert _generic_mistake(right, right, (logp, labels)) is None


def _squares(n):
    return sum(k * k for k in range(n**2))


def test_a_mutated_for_loop_bound_is_stopped_too():
    from dlmath.grading._mutants import FOR_LIMIT

    base, found = mutants(_squares)
    assert base(3) == _squares(3)
    cubed = [m for m in found if "exponent is wrong" in m.message]
    assert cubed and 1000**2 > FOR_LIMIT
    with pytest.raises(RuntimeError, match="loop limit"):
        base(1000)  # the guard holds for the rebuilt reference as for its mutants


def test_a_name_that_is_an_earlier_answer_says_which_exercise_defines_it():
    from dlmath.grading._errors import explain_error

    msg = explain_error("NameError", "name 'sigmoid' is not defined")
    assert "ch05_sigmoid" in msg and "run that answer cell first" in msg
    assert "typo" in explain_error("NameError", "name 'sigmiod' is not defined")
