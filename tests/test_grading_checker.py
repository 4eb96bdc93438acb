"""Unit tests of the check pipeline (dlmath.grading.checker) with throw-away demo exercises.

The demo exercises are registered here only (never in the bank) and removed after each test.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from dlmath.grading import EXERCISES, CheckFailed, Exercise, Mistake, check, checker, mistakes, progress
from dlmath.grading.spec import register, unregister


def _matmul(A, B):
    return A @ B


def _matmul_cases(rng):
    return [
        (rng.standard_normal((2, 3)), rng.standard_normal((3, 4))),
        (np.eye(3), rng.standard_normal((3, 3))),
        (rng.standard_normal((1, 5)), rng.standard_normal((5, 1))),
    ]


def _mse(y_pred, y_true):
    return np.mean((y_pred - y_true) ** 2)


def _mse_grad(y_pred, y_true):
    return 2 * (y_pred - y_true) / y_pred.size


def _sigmoid(z):
    out = np.empty_like(z, dtype=float)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1 + ez)
    return out


def _adam_like(theta, g):
    return theta - 0.1 * g, 0.9 * g, g * g


@pytest.fixture
def demo():
    """Register demo exercises; yield them by short name; unregister afterwards."""
    checker.reset()
    exs = {
        "matmul": Exercise(
            id="demo_matmul",
            answer="demo_matmul_fn",
            kind="function",
            reference=_matmul,
            cases=_matmul_cases,
            points=2,
            chapter="99_demo",
            title="Matrix product",
            mistakes=[mistakes.matches(lambda A, B: -(A @ B), "you flipped the sign of the product")],
            hints=[
                "Row i of A times column j of B.",
                "Use three nested loops or @.",
                "The result has shape (rows of A, columns of B).",
            ],
        ),
        "mse": Exercise(
            id="demo_mse",
            answer="demo_mse_fn",
            kind="function",
            reference=_mse,
            cases=[(np.arange(6.0).reshape(3, 2), np.ones((3, 2)))],
            chapter="99_demo",
        ),
        "mse_grad": Exercise(
            id="demo_mse_grad",
            answer="demo_mse_grad_fn",
            kind="function",
            reference=_mse_grad,
            cases=[(np.array([[0.5, 2.0], [3.0, -1.0], [0.0, 4.0]]), np.ones((3, 2)))],
            chapter="99_demo",
        ),
        "value": Exercise(
            id="demo_value",
            answer="demo_answer",
            kind="value",
            reference=lambda: 42.123456,
            chapter="99_demo",
            mistakes=[Mistake("that is the answer to everything", lambda g, e, a: g == 42)],
        ),
        "shape": Exercise(
            id="demo_shape", answer="demo_shape_answer", kind="value", reference=(2, 4), chapter="99_demo"
        ),
        "sigmoid": Exercise(
            id="demo_sigmoid",
            answer="demo_sigmoid_fn",
            kind="function",
            reference=_sigmoid,
            cases=[(np.array([-1.0, 0.0, 2.0]),), (np.array([-1000.0, -50.0, 0.0, 800.0]),)],
            chapter="99_demo",
            mistakes=[
                mistakes.nonfinite_for(
                    lambda args: np.min(args[0]) < -700, "sigmoid overflowed for large negative inputs"
                )
            ],
        ),
        "tuple": Exercise(
            id="demo_tuple",
            answer="demo_tuple_fn",
            kind="function",
            reference=_adam_like,
            cases=[(np.ones(3), np.arange(3.0))],
            chapter="99_demo",
        ),
    }
    for ex in exs.values():
        register(ex)
    yield exs
    for ex in exs.values():
        unregister(ex.id)
    checker.reset()


def _fail(exercise_id, ns):
    with pytest.raises(CheckFailed) as info:
        check(exercise_id, ns)
    return info.value.result


# ---------------------------------------------------------------------------- statuses


def test_not_attempted_when_name_missing_prints_and_does_not_raise(demo, capsys):
    r = check("demo_matmul", {})
    assert (r.status, r.score, r.max_score) == ("not_attempted", 0, 2)
    assert "not attempted" in capsys.readouterr().out
    assert checker.RESULTS["demo_matmul"] is r


def test_not_attempted_raises_under_nbgrader(demo, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    r = _fail("demo_matmul", {})  # nbgrader would otherwise give the points
    assert (r.status, r.score) == ("not_attempted", 0)


def test_not_attempted_when_stub_raises_not_implemented(demo):
    def demo_matmul_fn(A, B):
        raise NotImplementedError()

    assert check("demo_matmul", {"demo_matmul_fn": demo_matmul_fn}).status == "not_attempted"


def test_passed_records_score_and_prints(demo, capsys):
    r = check("demo_matmul", {"demo_matmul_fn": lambda A, B: np.einsum("ik,kj->ij", A, B)})
    assert (r.status, r.score, r.passed) == ("passed", 2, True)
    assert "passed (2/2 points)" in capsys.readouterr().out


def test_default_namespace_is_the_callers_globals(demo):
    ns = {"demo_answer": 42.123456}
    exec("from dlmath.grading import check\nresult = check('demo_value')", ns)
    assert ns["result"].status == "passed"


def test_unknown_id_names_close_matches(demo):
    with pytest.raises(KeyError, match="demo_matmul"):
        check("demo_matmull", {})


# ---------------------------------------------------------------------------- the steps, in order


def test_not_callable(demo):
    r = _fail("demo_matmul", {"demo_matmul_fn": np.ones((2, 4))})
    assert r.status == "failed" and "should be a function" in r.message


def test_learner_exception_names_the_input(demo):
    def demo_matmul_fn(A, B):
        raise ValueError("boom")

    r = _fail("demo_matmul", {"demo_matmul_fn": demo_matmul_fn})
    assert r.status == "error"
    assert "raised ValueError: boom" in r.message
    assert "A of shape (2, 3)" in r.message and "B of shape (3, 4)" in r.message


def test_type_step_list_instead_of_array(demo):
    r = _fail("demo_matmul", {"demo_matmul_fn": lambda A, B: (A @ B).tolist()})
    assert "is a list but should be a NumPy array" in r.message


def test_shape_step_names_transpose(demo):
    r = _fail("demo_matmul", {"demo_matmul_fn": lambda A, B: (A @ B).T})
    assert "has shape (4, 2) but should be (2, 4): did you transpose?" in r.message


def test_dtype_step_integer_result(demo):
    r = _fail("demo_matmul", {"demo_matmul_fn": lambda A, B: (A @ B).astype(int)})
    assert "has dtype int64 but should be float64" in r.message


def test_nan_step(demo):
    def demo_matmul_fn(A, B):
        out = A @ B
        out[0, 0] = np.nan
        return out

    r = _fail("demo_matmul", {"demo_matmul_fn": demo_matmul_fn})
    assert "contains NaN at 1 of 8 entries" in r.message


def test_values_step_counts_wrong_entries_without_printing_them(demo):
    """The learner's own value of the first wrong entry is shown, never the expected one."""

    def demo_matmul_fn(A, B):
        out = A @ B
        out[1, 2] += 1.0
        return out

    r = _fail("demo_matmul", {"demo_matmul_fn": demo_matmul_fn})
    assert "1 of 8 entries of your result are wrong (the first at index [1, 2], where yours is " in r.message
    verdict = r.message.rsplit(": ", 1)[1]  # after the description of the input
    from dlmath.grading.judge import cases_of

    args, expected = cases_of(demo["matmul"])[0]
    assert f"{expected[1, 2]:.6g}" not in verdict
    assert f"{demo_matmul_fn(*args)[1, 2]:.6g}" in verdict


def test_value_exercise_never_shows_the_expected_value(demo):
    r = _fail("demo_value", {"demo_answer": 41.0})
    assert r.message == "`demo_answer` is not the right value (`demo_answer` is 41)"
    assert "42" not in r.message and "0.123" not in r.message


def test_value_exercise_type_and_length(demo):
    assert "should be a tuple of 2 entries" in _fail("demo_shape", {"demo_shape_answer": 8}).message
    assert "has 3 entries but should have 2" in _fail("demo_shape", {"demo_shape_answer": (2, 4, 1)}).message
    # the texts ask for a tuple (a shape is one: [2, 4] == (2, 4) is False in Python)
    assert "is a list but should be a tuple" in _fail("demo_shape", {"demo_shape_answer": [2, 4]}).message


def test_tuple_results_checked_value_by_value(demo):
    r = _fail("demo_tuple", {"demo_tuple_fn": lambda t, g: (t - 0.1 * g, 0.9 * g)})
    assert "your function returned 2 values but should return 3" in r.message
    r = _fail("demo_tuple", {"demo_tuple_fn": lambda t, g: (t - 0.1 * g, 0.9 * g, (g * g)[:, None])})
    assert "your result[2] has shape (3, 1) but should be (3,)" in r.message
    assert check("demo_tuple", {"demo_tuple_fn": lambda t, g: [t - 0.1 * g, 0.9 * g, g**2]}).passed


def test_changing_an_input_in_place_fails_and_the_reference_never_sees_it(demo):
    def demo_matmul_fn(A, B):
        out = A @ B
        A[:] = 0  # vandalise the input: the reference must not see it
        return out

    r = _fail("demo_matmul", {"demo_matmul_fn": demo_matmul_fn})
    assert "changed its input `A` in place" in r.message
    # the right product came first: the reference computed on its own copy
    calls = []

    def restored(A, B):
        calls.append(A.copy())
        A[:] = 0
        out = calls[-1] @ B
        A[:] = calls[-1]  # changed and put back: the caller sees no change
        return out

    assert check("demo_matmul", {"demo_matmul_fn": restored}).passed


# ---------------------------------------------------------------------------- mistakes


def test_exercise_mistake_comes_before_generic_ones(demo):
    r = _fail("demo_matmul", {"demo_matmul_fn": lambda A, B: -np.dot(A, B)})
    assert re.search(
        r"are wrong \(the first at index \[0, 0\], where yours is [^)]*\): you flipped "
        r"the sign of the product$",
        r.message,
    )
    assert "opposite sign" not in r.message  # the generic one is not reached


def test_value_mistake(demo):
    assert "answer to everything" in _fail("demo_value", {"demo_answer": 42}).message


def test_generic_sum_instead_of_mean(demo):
    # 3 rows, 6 entries: the sum over all entries is 6 times the mean
    r = _fail("demo_mse", {"demo_mse_fn": lambda p, t: np.sum((p - t) ** 2)})
    assert "6 times too large" in r.message and "sum where the mean" in r.message
    r = _fail("demo_mse_grad", {"demo_mse_grad_fn": lambda p, t: 2 * (p - t)})
    assert "6 times too large" in r.message
    # a scalar off by a factor that is not a batch size: no guess (any two numbers differ by one)
    r = _fail("demo_mse", {"demo_mse_fn": lambda p, t: np.sum((p - t) ** 2) / 3})
    assert re.search(r"your result is not the right value \(your result is [^)]*\)$", r.message)


def test_generic_constant_factor(demo):
    r = _fail("demo_mse_grad", {"demo_mse_grad_fn": lambda p, t: (p - t) / p.size})
    assert "2 times too small" in r.message and "differentiating a square" in r.message


def test_generic_negated(demo):
    r = _fail("demo_mse_grad", {"demo_mse_grad_fn": lambda p, t: 2 * (t - p) / p.size})
    assert "opposite sign" in r.message


def test_a_detector_that_raises_is_no_match(demo):
    demo["value"].mistakes.insert(0, Mistake("never shown", lambda g, e, a: 1 / 0))
    r = _fail("demo_value", {"demo_answer": 42})
    assert "never shown" not in r.message and "answer to everything" in r.message


def test_nonfinite_mistake_for_overflowing_softmax_style_answer(demo):
    def demo_sigmoid_fn(z):
        return np.exp(z) / (np.exp(z) + 1)  # inf / inf = nan for large z

    r = _fail("demo_sigmoid", {"demo_sigmoid_fn": demo_sigmoid_fn})
    assert "contains NaN" in r.message
    assert "sigmoid overflowed for large negative inputs" in r.message
    assert "overflow encountered in exp" in r.message


def test_right_values_with_overflow_warning_pass_with_a_note(demo, capsys):
    ns = {"demo_sigmoid_fn": lambda z: 1 / (1 + np.exp(-z))}  # right values, overflow warning
    r = check("demo_sigmoid", ns)
    assert r.passed and r.notes and "overflow encountered in exp" in r.notes[0]
    assert "Note:" in capsys.readouterr().out
    demo["sigmoid"].on_warning = "fail"
    r = _fail("demo_sigmoid", ns)
    assert "overflow" in r.message


def test_reference_itself_is_refused(demo):
    r = _fail("demo_matmul", {"demo_matmul_fn": EXERCISES["demo_matmul"].reference})
    assert "reference implementation" in r.message


# ---------------------------------------------------------------------------- hints, rendering


def test_a_new_wrong_answer_earns_the_next_hint_and_rerunning_does_not(demo):
    transposed = {"demo_matmul_fn": lambda A, B: (A @ B).T}
    assert [len(_fail("demo_matmul", transposed).hints) for _ in range(3)] == [1, 1, 1]
    negated = {"demo_matmul_fn": lambda A, B: -(A @ B)}
    doubled = {"demo_matmul_fn": lambda A, B: 2 * (A @ B)}
    assert len(_fail("demo_matmul", negated).hints) == 2
    assert len(_fail("demo_matmul", doubled).hints) == 3
    assert len(_fail("demo_matmul", transposed).hints) == 3  # there are three


def test_hint_on_request(demo, capsys):
    from dlmath.grading import hint

    hint("demo_matmul")
    assert capsys.readouterr().out.count("Hint ") == 1
    hint("demo_matmul")
    out = capsys.readouterr().out
    assert "Hint 1 of 3" in out and "Hint 2 of 3" in out
    assert len(_fail("demo_matmul", {"demo_matmul_fn": lambda A, B: (A @ B).T}).hints) == 3


def test_the_check_stops_endless_loops_and_never_shows_its_own_traceback(demo, monkeypatch):
    from dlmath.grading.learner import live

    monkeypatch.setattr(live, "TIME_LIMIT", 0.5)

    def forever(A, B):
        while True:
            pass

    r = _fail("demo_matmul", {"demo_matmul_fn": forever})
    assert r.status == "error" and "did not finish within 0.5 s" in r.message
    monkeypatch.setattr(live, "judge", lambda *a, **k: 1 / 0)
    r = _fail("demo_matmul", {"demo_matmul_fn": lambda A, B: A @ B})
    assert "The check itself failed on your answer (ZeroDivisionError" in r.message


def test_ctrl_c_during_a_check_is_a_message_not_a_traceback(demo, capsys):
    def interrupted(A, B):
        raise KeyboardInterrupt

    r = check("demo_matmul", {"demo_matmul_fn": interrupted})
    assert r.status == "not_attempted" and "interrupted" in capsys.readouterr().out


def test_a_close_name_is_suggested(demo, capsys):
    r = check("demo_matmul", {"demoMatmulFn": lambda A, B: A @ B})
    assert r.status == "not_attempted"
    assert "you defined `demoMatmulFn`: did you mean `demo_matmul_fn`?" in capsys.readouterr().out


def test_check_failed_is_an_assertion_error_rendered_without_traceback(demo):
    with pytest.raises(AssertionError) as info:
        check("demo_matmul", {"demo_matmul_fn": lambda A, B: (A @ B).T})
    lines = info.value._render_traceback_()
    text = "\n".join(lines)
    assert "demo_matmul" in lines[0] and "0/2 points" in lines[0]
    assert "did you transpose?" in text and "Hint 1: Row i of A" in text
    assert "Traceback" not in text and "File " not in text


def test_progress_lists_chapters_and_statuses(demo, capsys):
    check("demo_value", {"demo_answer": 42.123456})
    with pytest.raises(CheckFailed):
        check("demo_shape", {"demo_shape_answer": (4, 2)})
    capsys.readouterr()
    progress(chapter="99_demo")
    out = capsys.readouterr().out
    assert "99_demo: 1/7 passed, 1/8 points" in out
    assert "✓ demo_value" in out and "✗ demo_shape" in out and "· demo_matmul" in out
    progress(chapter="no_such_chapter")
    assert "No exercises" in capsys.readouterr().out


# ---------------------------------------------------------------------------- spec validation


@pytest.mark.parametrize(
    "kw, err",
    [
        (dict(id="bad id"), "letters"),
        (dict(answer="not a name"), "Python name"),
        (dict(kind="essay"), "kind"),
        (dict(points=0), "positive"),
        (dict(reference=3), "callable reference"),
        (dict(cases=5), "cases"),
        (dict(hints="one string"), "list of strings"),
        (dict(mistakes=["msg"]), "Mistake"),
        (dict(on_warning="shout"), "on_warning"),
    ],
)
def test_exercise_validation(kw, err):
    args = dict(id="demo_x", answer="demo_x_fn", kind="function", reference=_matmul, cases=[])
    args.update(kw)
    with pytest.raises((ValueError, TypeError), match=err):
        Exercise(**args)


def test_register_rejects_duplicate_answer_names(demo):
    with pytest.raises(ValueError, match="already used by demo_matmul"):
        register(Exercise(id="demo_other", answer="demo_matmul_fn", kind="value", reference=1))
    assert "demo_other" not in EXERCISES


def test_case_errors_are_authoring_errors(demo):
    register(
        Exercise(id="demo_badcases", answer="demo_badcases_fn", kind="function", reference=_matmul, cases=[np.ones(2)])
    )
    try:
        with pytest.raises(TypeError, match="tuple of arguments"):
            check("demo_badcases", {"demo_badcases_fn": lambda A, B: A @ B})
    finally:
        unregister("demo_badcases")


def test_a_dlmath_function_handed_in_is_refused(demo):
    from dlmath.ops import matmul

    r = _fail("demo_matmul", {"demo_matmul_fn": matmul})
    assert "dlmath.ops.matmul" in r.message and "your own function" in r.message


# ---------------------------------------------------------------------------- types the learner may return


@pytest.mark.parametrize(
    "value, said",
    [
        ("Fraction(5, 2)", "is a fractions.Fraction: return a float"),
        ("Decimal('2.5')", "is a decimal.Decimal: return a float"),
        ("'2.5'", "is a str but should be a number"),
        ("2.5 + 0j", "is a complex number but should be a float"),
        ("datetime.datetime(2026, 1, 1)", "is a datetime.datetime: return a float"),
        ("np.array([2.5], dtype=object)", "is a NumPy array of dtype object: return a float"),
    ],
)
def test_a_result_of_an_unexpected_type_gets_a_sentence_not_a_traceback(demo, value, said):
    import datetime  # noqa: F401 - used by the evaluated values
    from decimal import Decimal  # noqa: F401
    from fractions import Fraction  # noqa: F401

    r = _fail("demo_value", {"demo_answer": eval(value)})
    assert said in r.message, r.message


def test_float32_is_accepted_with_a_float32_tolerance_unless_the_exercise_needs_float64(demo):
    def f32(A, B):
        return A.astype(np.float32) @ B.astype(np.float32)

    assert check("demo_matmul", {"demo_matmul_fn": f32}).passed
    off = {"demo_matmul_fn": lambda A, B: (A @ B).astype(np.float32) * np.float32(1.001)}
    assert "are wrong" in _fail("demo_matmul", off).message
    EXERCISES["demo_matmul"].float32_ok = False
    try:
        assert "needs float64" in _fail("demo_matmul", {"demo_matmul_fn": f32}).message
    finally:
        EXERCISES["demo_matmul"].float32_ok = True


def test_a_check_result_displays_nothing_under_the_cell(demo):
    """nbgrader reads a grade cell's displayed value as a score: a CheckResult is not one."""
    from IPython.core.interactiveshell import InteractiveShell

    result = check("demo_value", {"demo_answer": 42.123456})
    shell = InteractiveShell.instance()
    assert shell.display_formatter.format(result) == ({}, {})
