"""Self-test of the exercise bank and the solutions / exercises notebooks.

For every registered exercise: the solution in ``solutions/`` passes its check; the student
stub reports "not attempted"; a blank answer fails; and typical wrong answers fail with the
message of the mistake they make. Every exercise-specific mistake is reached by at least one
wrong answer below, so no detector is dead code. The references are compared with the dlmath
core and with independent computations (finite differences, closed forms, simulation).
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import nbformat
import numpy as np
import pytest
from _cell import run_cell

from dlmath.grading import checker
from dlmath.grading.bank import CHAPTERS
from dlmath.grading.checker import CheckFailed, check
from dlmath.grading.spec import EXERCISES

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
EXERCISE_DIR = ROOT / "exercises"
IDS = sorted(EXERCISES)


# ------------------------------------------------------------------------------ notebooks


def _cells(folder, role):
    """{exercise id: cell source} for the cells of one role in every notebook of ``folder``."""
    out = {}
    for path in sorted(folder.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("dlmath", {})
            if meta.get("role") == role:
                out[meta["exercise"]] = cell.source
    return out


def _setup_code(folder, chapter):
    nb = nbformat.read(folder / f"{chapter}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")


def _solution_namespace(chapter):
    """Run a solutions notebook's setup and answer cells, as the learner's kernel would."""
    ns = {"__name__": "__main__"}
    run_cell(_setup_code(SOLUTIONS, chapter), ns)
    answers = _cells(SOLUTIONS, "answer")
    for ex in EXERCISES.values():
        if ex.chapter == chapter:
            run_cell(answers[ex.id], ns)
    return ns


def _run_check(ex_id, ns):
    """check() quietly; return (status, message, notes)."""
    try:
        result = check(ex_id, namespace=ns)
    except CheckFailed as failure:
        return failure.result.status, failure.result.message, failure.result.notes
    return result.status, result.message, result.notes


def _cases_of(ex):
    """The argument tuples of a function exercise (drawn with a fixed seed)."""
    cases = ex.cases(np.random.default_rng(0)) if callable(ex.cases) else ex.cases
    return list(cases)


def _quiet(f, *args):
    """``f(*args)`` without floating-point warnings (references may overflow on purpose)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return f(*args)


@pytest.fixture(autouse=True)
def _fresh_results():
    checker.reset()
    yield
    checker.reset()


# ------------------------------------------------------------------------------ the bank


def test_bank_covers_every_chapter_with_enough_exercises():
    per_chapter = {c: [ex for ex in EXERCISES.values() if ex.chapter == c] for c in CHAPTERS}
    assert all(len(v) >= 4 for v in per_chapter.values()), {c: len(v) for c, v in per_chapter.items()}
    assert len(EXERCISES) >= 36
    assert {ex.chapter for ex in EXERCISES.values()} == set(CHAPTERS)
    kinds = {ex.kind for ex in EXERCISES.values()}
    assert kinds == {"function", "value"}


@pytest.mark.parametrize("ex_id", IDS)
def test_exercise_spec_is_complete(ex_id):
    ex = EXERCISES[ex_id]
    assert ex_id.startswith(f"ch{ex.chapter.split('_')[0]}_")  # 08b_autograd -> ch08b_
    assert 1 <= ex.points <= 3
    assert ex.title and ex.title != ex.id
    assert ex.hints, "every exercise has at least one hint"
    assert ex.mistakes, "every exercise names at least one typical mistake"
    if ex.kind == "function":
        cases = _cases_of(ex)
        assert len(cases) >= 3, "a function is checked on several inputs"


def test_answer_names_are_unique():
    names = [ex.answer for ex in EXERCISES.values()]
    assert len(names) == len(set(names))


# ------------------------------------------------------------------------------ solutions pass


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_solutions_pass_every_check_without_notes(chapter):
    ns = _solution_namespace(chapter)
    for ex in EXERCISES.values():
        if ex.chapter == chapter:
            status, message, notes = _run_check(ex.id, ns)
            assert status == "passed", (ex.id, message)
            assert notes == [], (ex.id, notes)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_solutions_pass_the_hidden_cases_and_the_rules(chapter):
    """What only the grader runs (hidden cases, rules from the source) accepts the solutions."""
    from dlmath.grading import harness
    from dlmath.grading.checker import _sources
    from dlmath.grading.judge import cases_of, judge

    ns = _solution_namespace(chapter)
    for ex in EXERCISES.values():
        if ex.chapter == chapter and ex.kind == "function":
            args = [a for a, _ in cases_of(ex) + cases_of(ex, hidden=True)]
            verdict = judge(ex, harness.call(ex.answer, args, ns), _sources(ex, ns), hidden=True)
            assert verdict.status == "passed", (ex.id, verdict.message)


# ------------------------------------------------------------------------------ stubs


@pytest.mark.parametrize("ex_id", IDS)
def test_student_stub_is_not_attempted(ex_id):
    """The released answer cell (solution replaced by the stub) leaves the exercise not attempted."""
    from dlmath.grading.release import strip_solution

    ex = EXERCISES[ex_id]
    ns = {"__name__": "__main__"}
    run_cell(_setup_code(SOLUTIONS, ex.chapter), ns)
    stub = strip_solution(_cells(SOLUTIONS, "answer")[ex_id])
    try:
        run_cell(stub, ns)
    except NotImplementedError:
        pass
    status, message, _ = _run_check(ex_id, ns)
    assert status == "not_attempted", message


@pytest.mark.parametrize("ex_id", IDS)
def test_blank_answer_fails(ex_id):
    ex = EXERCISES[ex_id]
    blank = (lambda *args: None) if ex.kind == "function" else None
    status, message, _ = _run_check(ex_id, {ex.answer: blank})
    assert status == "failed", message


@pytest.mark.parametrize("ex_id", [i for i in IDS if EXERCISES[i].kind == "function"])
def test_zeros_answer_fails(ex_id):
    """A function that returns zeros of the right shape fails on the values."""
    ex = EXERCISES[ex_id]

    def zeros(*args):
        expected = _quiet(ex.reference, *args)
        if isinstance(expected, (list, tuple)):
            return type(expected)(np.zeros_like(e) for e in expected)
        return np.zeros_like(expected) if isinstance(expected, np.ndarray) else 0 * expected

    status, message, _ = _run_check(ex_id, {ex.answer: zeros})
    assert status == "failed", message


# ------------------------------------------------------------------------------ wrong answers

# exercise id -> list of (code that defines the answer wrongly, fragment of the message).
WRONG = {
    "ch02_cube_shape": [("cube_shape = (3, 2, 2)", "inside out"), ("cube_shape = 12", "number of entries")],
    "ch02_ndims": [
        ("ndims = (1, 2, 1, 3, 3)", "0-D tensor"),
        ("ndims = (0, 1, 1, 3, 3)", "even with a single row"),
        ("ndims = (0, 2, 1, 3, 1)", "three pairs of brackets"),
    ],
    "ch02_fix_matrix": [
        ("grid = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9])", "vector of 9 numbers"),
        ("grid = np.array([[1, 4, 7], [2, 5, 8], [3, 6, 9]])", "rows came out as columns"),
    ],
    "ch02_get_column": [
        ("def get_column(M, j):\n    return M[j]", "You took row j"),
        ("def get_column(M, j):\n    return M[:, j:j + 1]", "Your column is 2-D"),
        ("def get_column(M, j):\n    return M[:, j - 1]", "off by one column"),
    ],
    "ch02_build_tensor": [
        ("blocks = np.arange(30).reshape(5, 2, 3)", "reverse order"),
        ("blocks = np.arange(1, 31).reshape(3, 2, 5)", "start at 1"),
        ("blocks = np.arange(30).reshape(3, 2, 5, order='F')", "LAST index"),
    ],
    "ch03_matmul": [
        (
            """def my_matmul(A, B):
    C = np.zeros((B.shape[1], A.shape[0]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                C[j, i] += A[i, k] * B[k, j]
    return C""",
            "transpose of A @ B",
        ),
        (
            """def my_matmul(A, B):
    C = np.zeros((B.shape[0], A.shape[1]))
    for i in range(B.shape[0]):
        for j in range(A.shape[1]):
            for k in range(B.shape[1]):
                C[i, j] += B[i, k] * A[k, j]
    return C""",
            "You computed B @ A",
        ),
        ("def my_matmul(A, B):\n    return A * B", "entry by entry"),
        (
            """def my_matmul(A, B):
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                C[i, j] = A[i, k] * B[k, j]
    return C""",
            "only the last product",
        ),
    ],
    "ch03_product_shape": [("AB_shape = (5, 5)", "inner sizes"), ("AB_shape = (3, 2)", "reverse order")],
    "ch03_defined": [("defined = (False, True, True, False, True, True)", "backwards")],
    "ch03_top_left": [
        ("top_left = 1 * 7 + 2 * 8 + 3 * 9", "7, 8, 9"),
        ("top_left = 1 * 7 + 2 * 9", "only two products"),
        ("top_left = 4 * 7 + 5 * 9 + 6 * 11", "row 2, column 1"),
        ("top_left = 1 * 8 + 2 * 10 + 3 * 12", "row 1, column 2"),
    ],
    "ch03_transpose": [
        ("def my_transpose(A):\n    return A.reshape(A.shape[1], A.shape[0])", "reshaped"),
        ("def my_transpose(A):\n    return A.copy()", "unchanged"),
    ],
    "ch03_scale_add": [
        ("def scale_then_add(c, A, B):\n    return c * (A + B)", "scaled the sum"),
        ("def scale_then_add(c, A, B):\n    return A + c * B", "scaled B instead"),
    ],
    "ch03b_angle": [
        (
            "def angle_degrees(u, v):\n    return np.arccos((u @ v) / (np.linalg.norm(u) * np.linalg.norm(v)))",
            "radians",
        ),
        ("def angle_degrees(u, v):\n    return (u @ v) / (np.linalg.norm(u) * np.linalg.norm(v))", "cos(theta)"),
        (
            "def angle_degrees(u, v):\n    return np.degrees(np.arccos(np.clip((u @ v) / np.linalg.norm(u), -1, 1)))",
            "BOTH lengths",
        ),
        (
            "def angle_degrees(u, v):\n    return np.degrees(np.arccos(np.clip((u @ v) / ((u @ u) * (v @ v)), -1, 1)))",
            "squared lengths",
        ),
        (
            "def angle_degrees(u, v):\n    c = (u @ v) / (np.abs(u).sum() * np.abs(v).sum())\n"
            "    return np.degrees(np.arccos(np.clip(c, -1, 1)))",
            "Euclidean norm",
        ),
        (
            "def angle_degrees(u, v):\n    c = abs(u @ v) / (np.linalg.norm(u) * np.linalg.norm(v))\n"
            "    return np.degrees(np.arccos(c))",
            "Keep the sign",
        ),
        (
            "def angle_degrees(u, v):\n    c = (u @ v) / (np.linalg.norm(u) * np.linalg.norm(v))\n"
            "    return np.degrees(np.arcsin(np.clip(c, -1, 1)))",
            "not arcsin",
        ),
    ],
    "ch03b_project": [
        ("def project(u, v):\n    return (u @ v) / (u @ u) * u", "projected v on u"),
        ("def project(u, v):\n    return (u @ v) * v", "forgot to divide"),
        ("def project(u, v):\n    return (u @ v) / np.linalg.norm(v) * v", "twice"),
        ("def project(u, v):\n    return (u @ v) / np.linalg.norm(v)", "a number"),
        ("def project(u, v):\n    return u - (u @ v) / (v @ v) * v", "residual"),
        ("def project(u, v):\n    return (u @ v) / (u @ u) * v", "not u . u"),
    ],
    "ch03b_signed_distance": [
        ("def signed_distance(X, w, b):\n    return X @ w + b", "Divide it by |w|"),
        ("def signed_distance(X, w, b):\n    return (X @ w + b) / (w @ w)", "|w|^2"),
        ("def signed_distance(X, w, b):\n    return X @ w / np.linalg.norm(w)", "left out the bias"),
        ("def signed_distance(X, w, b):\n    return -(X @ w + b) / np.linalg.norm(w)", "wrong sign"),
        ("def signed_distance(X, w, b):\n    return np.abs(X @ w + b) / np.linalg.norm(w)", "Keep the sign"),
        ("def signed_distance(X, w, b):\n    return (X @ w + b) / np.abs(w).sum()", "Euclidean norm"),
        ("def signed_distance(X, w, b):\n    return (X @ w - b) / np.linalg.norm(w)", "not w . x - b"),
    ],
    "ch03b_area": [
        ("area = -10", "never negative"),
        ("area = 2", "only the diagonal"),
        ("area = 14", "Subtract"),
        ("area = 3", "trace"),
        ("area = 100", "det(A)^2"),
        ("area = 0.1", "inverse map"),
    ],
    "ch04_weighted_sum": [
        ("def layer_weighted_sum(X, W, b):\n    return X @ W + b", "not by its transpose"),
        ("def layer_weighted_sum(X, W, b):\n    z = X @ W.T + b\n    return z + b", "bias twice"),
        ("def layer_weighted_sum(X, W, b):\n    return X @ W.T", "left out the bias"),
        ("def layer_weighted_sum(X, W, b):\n    return W @ X.T + b[:, None]", "one ROW per sample"),
    ],
    "ch04_W_shape": [("W_shape = (3, 4)", "(n_in, n_out)")],
    "ch04_Z_shape": [("Z_shape = (4, 32)", "one ROW per sample"), ("Z_shape = (32, 3)", "shape of X")],
    "ch04_count_params": [
        ("def count_params(sizes):\n    return sum(a * b for a, b in zip(sizes, sizes[1:]))", "only the weights"),
        ("def count_params(sizes):\n    return sum(a * b + a for a, b in zip(sizes, sizes[1:]))", "per INPUT"),
        ("def count_params(sizes):\n    return sum(sizes)", "counted the nodes"),
    ],
    "ch05_sigmoid": [
        ("def sigmoid(z):\n    return 1 / (1 + np.exp(-z))", "overflowed for large negative inputs"),
        ("def sigmoid(z):\n    return np.exp(z) / (1 + np.exp(z))", "exp(z) is inf"),
        ("def sigmoid(z):\n    return 1 / (1 + np.exp(z))", "flipped"),
        ("def sigmoid(z):\n    return np.tanh(z)", "That is tanh"),
    ],
    "ch05_sigmoid_slope": [("slope_at_0 = 0.5", "VALUE"), ("slope_at_0 = 1", "identity")],
    "ch05_relu": [
        ("def relu(z):\n    return np.abs(z)", "|z|"),
        ("def relu(z):\n    return (z > 0).astype(float)", "the derivative"),
        ("def relu(z):\n    return np.clip(z, 0, 1)", "no upper limit"),
    ],
    "ch05_relu_grad": [
        ("def relu_grad(z):\n    return z > 0", "Return floats"),
        ("def relu_grad(z):\n    return (z > 0).astype(int)", "Return floats"),
        ("def relu_grad(z):\n    return (z >= 0).astype(float)", "At z = 0"),
        ("def relu_grad(z):\n    return np.maximum(z, 0.0)", "relu itself"),
    ],
    "ch05_forward": [
        (
            "def two_layer_forward(X, W1, b1, W2, b2):\n    return 1 / (1 + np.exp(-((X @ W1.T + b1) @ W2.T + b2)))",
            "no activation",
        ),
        (
            "def two_layer_forward(X, W1, b1, W2, b2):\n"
            "    return np.maximum(np.maximum(X @ W1.T + b1, 0) @ W2.T + b2, 0)",
            "Your output layer uses relu",
        ),
        (
            "def two_layer_forward(X, W1, b1, W2, b2):\n"
            "    return np.maximum((1 / (1 + np.exp(-(X @ W1.T + b1)))) @ W2.T + b2, 0)",
            "swapped",
        ),
        (
            "def two_layer_forward(X, W1, b1, W2, b2):\n    return np.maximum(X @ W1.T + b1, 0) @ W2.T + b2",
            "stopped at the output",
        ),
        (
            "def two_layer_forward(X, W1, b1, W2, b2):\n"
            "    H = np.maximum((X @ W1.T + b1) + b1, 0)\n"
            "    return 1 / (1 + np.exp(-((H @ W2.T + b2) + b2)))",
            "bias twice",
        ),
        (
            "def two_layer_forward(X, W1, b1, W2, b2):\n"
            "    return 1 / (1 + np.exp(-(np.maximum(X @ W1 + b1, 0) @ W2 + b2)))",
            "not W^T",
        ),
    ],
    "ch06_mse": [
        ("def mse(y_pred, y_true):\n    return float(np.sum((y_pred - y_true) ** 2))", "summed"),
        ("def mse(y_pred, y_true):\n    return float(np.sum((y_pred - y_true) ** 2) / len(y_pred))", "batch size only"),
        ("def mse(y_pred, y_true):\n    return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))", "RMSE"),
        ("def mse(y_pred, y_true):\n    return float(np.mean(np.abs(y_pred - y_true)))", "MAE"),
        ("def mse(y_pred, y_true):\n    return float(np.mean(y_pred - y_true))", "forgot to square"),
    ],
    "ch06_mse_grad": [
        ("def mse_grad(y_pred, y_true):\n    return 2 * (y_pred - y_true)", "SUMMED"),
        ("def mse_grad(y_pred, y_true):\n    return (y_pred - y_true) / y_pred.size", "factor 2"),
        ("def mse_grad(y_pred, y_true):\n    return 2 * (y_true - y_pred) / y_pred.size", "wrong way"),
        ("def mse_grad(y_pred, y_true):\n    return 2 * (y_pred - y_true) / len(y_pred)", "batch size only"),
    ],
    "ch06_softmax": [
        ("def softmax(z):\n    e = np.exp(z)\n    return e / e.sum(axis=1, keepdims=True)", "overflowed"),
        (
            "def softmax(z):\n    e = np.exp(z - z.max())\n    return e / e.sum(axis=0, keepdims=True)",
            "columns sum to 1",
        ),
        ("def softmax(z):\n    e = np.exp(z - z.max())\n    return e / e.sum()", "whole batch"),
        ("def softmax(z):\n    e = np.exp(z - z.max())\n    return e / e.sum(axis=1)", "keepdims"),
    ],
    "ch06_cross_entropy": [
        (
            "def cross_entropy(logits, labels):\n"
            "    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)\n"
            "    return float(-np.mean(np.log(p[np.arange(len(labels)), labels])))",
            "overflowed",
        ),
        (
            "def cross_entropy(logits, labels):\n"
            "    s = logits - logits.max(axis=1, keepdims=True)\n"
            "    lp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n"
            "    return float(-np.sum(lp[np.arange(len(labels)), labels]))",
            "summed over the batch",
        ),
        (
            "def cross_entropy(logits, labels):\n"
            "    s = logits - logits.max(axis=1, keepdims=True)\n"
            "    lp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n"
            "    return float(np.mean(lp[np.arange(len(labels)), labels]))",
            "negative",
        ),
        (
            "def cross_entropy(logits, labels):\n"
            "    s = logits - logits.max(axis=1, keepdims=True)\n"
            "    lp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n"
            "    Y = np.eye(logits.shape[1])[labels]\n"
            "    return float(-np.mean(Y * lp))",
            "over the classes too",
        ),
    ],
    "ch06_uniform_loss": [
        ("uniform_loss = 1.0", "base 10"),
        ("uniform_loss = 0.1", "probability"),
        ("uniform_loss = -np.log(10)", "MINUS"),
    ],
    "ch07_gd_step": [
        ("def gd_step(theta, grad, lr):\n    return theta + lr * grad", "goes uphill"),
        ("def gd_step(theta, grad, lr):\n    return theta - grad", "left out the learning rate"),
        ("def gd_step(theta, grad, lr):\n    return theta - grad / lr", "divided by the learning rate"),
    ],
    "ch07_max_lr": [
        ("def max_stable_lr(c):\n    return 1 / np.max(c)", "twice that"),
        ("def max_stable_lr(c):\n    return 2 / np.min(c)", "smallest curvature"),
        ("def max_stable_lr(c):\n    return 2 / np.mean(c)", "average curvature"),
        ("def max_stable_lr(c):\n    return 2 * np.max(c)", "Upside down"),
    ],
    "ch07_steps": [
        (
            """def steps_to_converge(a, lr, theta0, tol):
    theta, steps = theta0, 0
    while True:
        theta = theta - lr * a * theta
        steps += 1
        if abs(theta) < tol:
            return steps""",
            "one step too many",
        ),
        (
            """def steps_to_converge(a, lr, theta0, tol):
    theta, steps = theta0, 0
    while abs(theta) >= tol:
        theta = theta - lr * a * theta
        steps += 1
    return steps - 1""",
            "one step too few",
        ),
    ],
    "ch07_gd_path": [
        (
            """def gd_path(grad_f, theta0, lr, steps):
    theta = np.array(theta0, dtype=float)
    path = [theta]
    for _ in range(steps):
        theta -= lr * grad_f(theta)
        path.append(theta)
    return np.array(path)""",
            "same array",
        ),
        (
            """def gd_path(grad_f, theta0, lr, steps):
    theta, path = theta0, []
    for _ in range(steps):
        theta = theta - lr * grad_f(theta)
        path.append(theta)
    return np.array(path)""",
            "leaves out the start",
        ),
        (
            """def gd_path(grad_f, theta0, lr, steps):
    theta, path = theta0, []
    for _ in range(steps):
        path.append(theta)
        theta = theta - lr * grad_f(theta)
    return np.array(path)""",
            "one step early",
        ),
        (
            """def gd_path(grad_f, theta0, lr, steps):
    theta, path = theta0, [theta0]
    for _ in range(steps):
        theta = theta + lr * grad_f(theta)
        path.append(theta)
    return np.array(path)""",
            "uphill",
        ),
    ],
    "ch08_dW": [
        ("def dense_dW(X, dZ):\n    return X.T @ dZ", "dW is transposed"),
        ("def dense_dW(X, dZ):\n    return dZ.T @ X / len(X)", "divided by the batch size"),
        ("def dense_dW(X, dZ):\n    return len(X) * (dZ.T @ X)", "n times too large"),
    ],
    "ch08_db": [
        ("def dense_db(dZ):\n    return dZ.mean(axis=0)", "mean over the batch"),
        ("def dense_db(dZ):\n    return dZ.sum(axis=1)", "over the neurons"),
        ("def dense_db(dZ):\n    return dZ.sum(axis=0, keepdims=True)", "drop keepdims"),
    ],
    "ch08_dX": [
        ("def dense_dX(dZ, W):\n    return dZ @ W.T", "multiplied by W^T"),
        ("def dense_dX(dZ, W):\n    return W.T @ dZ.T", "dX is transposed"),
    ],
    "ch08_neuron": [
        (
            "def neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n"
            "    return np.array([2 * (a - y) * x, 2 * (a - y)])",
            "sigmoid's derivative",
        ),
        (
            "def neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n"
            "    d = (a - y) * a * (1 - a)\n    return np.array([d * x, d])",
            "factor 2",
        ),
        (
            "def neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n"
            "    d = 2 * (y - a) * a * (1 - a)\n    return np.array([d * x, d])",
            "wrong sign",
        ),
        (
            "def neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n"
            "    d = 2 * (a - y) * a * (1 - a)\n    return np.array([d, d])",
            "dz/dw = x",
        ),
        (
            "def neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n"
            "    d = 2 * (a - y) * a * (1 - a)\n    return np.array([d, d * x])",
            "swapped",
        ),
    ],
    "ch08_numgrad": [
        (
            """def numerical_gradient(f, x, eps):
    g = np.zeros(len(x))
    for i in range(len(x)):
        e = np.zeros(len(x)); e[i] = eps
        g[i] = (f(x + e) - f(x)) / eps
    return g""",
            "forward difference",
        ),
        (
            """def numerical_gradient(f, x, eps):
    g = np.zeros(len(x))
    for i in range(len(x)):
        e = np.zeros(len(x)); e[i] = eps
        g[i] = (f(x + e) - f(x - e)) / eps
    return g""",
            "twice too large",
        ),
        (
            """def numerical_gradient(f, x, eps):
    h = 1e-6
    g = np.zeros(len(x))
    for i in range(len(x)):
        e = np.zeros(len(x)); e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g""",
            "ignored the eps",
        ),
    ],
    "ch08b_mul_backward": [
        ("def mul_backward(u, v, grad_out):\n    return grad_out * u, grad_out * v", "OTHER input"),
        ("def mul_backward(u, v, grad_out):\n    return v, u", "forgot grad_out"),
        ("def mul_backward(u, v, grad_out):\n    return grad_out, grad_out", "rule of a sum"),
        ("def mul_backward(u, v, grad_out):\n    return grad_out + v, grad_out + u", "multiplies them"),
        ("def mul_backward(u, v, grad_out):\n    return grad_out * u * v, grad_out * u * v", "the output u * v"),
        ("def mul_backward(u, v, grad_out):\n    return grad_out * u * v", "Return two arrays"),
    ],
    "ch08b_shared_grad": [
        ("def shared_grad(x):\n    return x * (1 - np.tanh(x) ** 2) + 2 * x", "left factor"),
        ("def shared_grad(x):\n    return np.tanh(x) + 2 * x", "path through tanh"),
        ("def shared_grad(x):\n    return np.tanh(x) + x * (1 - np.tanh(x) ** 2)", "x^2 term"),
        ("def shared_grad(x):\n    return np.tanh(x) + x * (1 - np.tanh(x)) + 2 * x", "(squared)"),
        ("def shared_grad(x):\n    return np.tanh(x) + x * (1 + np.tanh(x) ** 2) + 2 * x", "MINUS"),
        ("def shared_grad(x):\n    return np.tanh(x) + x * (1 - np.tanh(x) ** 2) + x", "2x, not x"),
        ("def shared_grad(x):\n    return x * np.tanh(x) + x ** 2", "That is L itself"),
    ],
    "ch08b_softmax_jacobian": [
        (
            "def softmax_jacobian(z):\n    s = np.exp(z) / np.exp(z).sum()\n    return np.diag(s) - np.outer(s, s)",
            "Subtract z.max() before np.exp",
        ),
        (
            "def softmax_jacobian(z):\n    s = np.exp(z) / np.exp(z).sum()\n    return np.diag(s * (1 - s))",
            "only the diagonal",
        ),
        ("def softmax_jacobian(z):\n    s = np.exp(z) / np.exp(z).sum()\n    return np.diag(s)", "- s s^T part"),
        ("def softmax_jacobian(z):\n    s = np.exp(z) / np.exp(z).sum()\n    return -np.outer(s, s)", "diag(s) part"),
        (
            "def softmax_jacobian(z):\n    s = np.exp(z) / np.exp(z).sum()\n    return np.diag(s) + np.outer(s, s)",
            "MINUS s s^T",
        ),
        ("def softmax_jacobian(z):\n    return np.diag(z) - np.outer(z, z)", "You used z"),
        ("def softmax_jacobian(z):\n    s = np.exp(z) / np.exp(z).sum()\n    return s - s ** 2", "whole k x k"),
        (
            "def softmax_jacobian(z):\n    s = np.exp(z) / np.exp(z).sum()\n    return np.outer(s, s) - np.diag(s)",
            "wrong sign",
        ),
    ],
    "ch08b_softmax_vjp": [
        (
            "def softmax_vjp(z, grad_s):\n    s = np.exp(z) / np.exp(z).sum()\n    return s * (grad_s - grad_s @ s)",
            "Subtract z.max() before np.exp",
        ),
        (
            "def softmax_vjp(z, grad_s):\n    s = np.exp(z) / np.exp(z).sum()\n    return grad_s * s * (1 - s)",
            "only the diagonal",
        ),
        ("def softmax_vjp(z, grad_s):\n    s = np.exp(z) / np.exp(z).sum()\n    return grad_s * s", "weighted mean"),
        (
            "def softmax_vjp(z, grad_s):\n    s = np.exp(z) / np.exp(z).sum()\n    return grad_s - grad_s @ s",
            "outer factor s",
        ),
        (
            "def softmax_vjp(z, grad_s):\n    s = np.exp(z) / np.exp(z).sum()\n    return s * (grad_s - grad_s.sum())",
            "Weight the mean by s",
        ),
        ("def softmax_vjp(z, grad_s):\n    s = np.exp(z) / np.exp(z).sum()\n    return s - grad_s", "shortcut"),
        ("def softmax_vjp(z, grad_s):\n    return z * (grad_s - grad_s @ z)", "You used z"),
        (
            "def softmax_vjp(z, grad_s):\n    s = np.exp(z) / np.exp(z).sum()\n    return -s * (grad_s - grad_s @ s)",
            "wrong sign",
        ),
    ],
    "ch08c_glorot_limit": [
        ("def glorot_limit(n_in, n_out):\n    return np.sqrt(2 / (n_in + n_out))", "standard deviation"),
        ("def glorot_limit(n_in, n_out):\n    return 6 / (n_in + n_out)", "square root"),
        ("def glorot_limit(n_in, n_out):\n    return np.sqrt(6 / n_in)", "fan-in and fan-out"),
        ("def glorot_limit(n_in, n_out):\n    return np.sqrt(3 / (n_in + n_out))", "a^2 = 3 * 2"),
        ("def glorot_limit(n_in, n_out):\n    return np.sqrt(6) / (n_in + n_out)", "whole fraction"),
        ("def glorot_limit(n_in, n_out):\n    return np.sqrt(6 / (n_in * n_out))", "do not multiply"),
        ("def glorot_limit(n_in, n_out):\n    return np.sqrt(2 / n_in)", "He's standard deviation"),
    ],
    "ch08c_init_std": [
        ("def init_std(n_in, n_out, activation):\n    return np.sqrt(2 / n_in)", "He's scale for every"),
        ("def init_std(n_in, n_out, activation):\n    return np.sqrt(2 / (n_in + n_out))", "Glorot's scale for every"),
        (
            "def init_std(n_in, n_out, activation):\n    if activation == 'relu':\n        return np.sqrt(2 / n_out)\n"
            "    return np.sqrt(2 / (n_in + n_out))",
            "not n_out",
        ),
        (
            "def init_std(n_in, n_out, activation):\n    if activation == 'relu':\n        return 2 / n_in\n"
            "    return 2 / (n_in + n_out)",
            "returned the variance",
        ),
        (
            "def init_std(n_in, n_out, activation):\n    if activation == 'relu':\n        return np.sqrt(6 / n_in)\n"
            "    return np.sqrt(6 / (n_in + n_out))",
            "uniform",
        ),
        (
            "def init_std(n_in, n_out, activation):\n    if activation == 'relu':\n        return np.sqrt(1 / n_in)\n"
            "    return np.sqrt(2 / (n_in + n_out))",
            "not 1 / n_in",
        ),
        (
            "def init_std(n_in, n_out, activation):\n    if activation == 'relu':\n        return np.sqrt(2) / n_in\n"
            "    return np.sqrt(2) / (n_in + n_out)",
            "whole fraction",
        ),
    ],
    "ch08c_depth_factor": [
        ("depth_factor = 0.8", "one layer's factor"),
        ("depth_factor = 0.8 ** 20", "variance"),
        ("depth_factor = 8.0", "do not add"),
        ("depth_factor = 0.8 ** -10", "below 1"),
        ("depth_factor = 0.2 ** 10", "not 1 - s"),
        ("depth_factor = 1.0", "does not"),
    ],
    "ch08c_standardize": [
        (
            "def standardize(X_train, X_test):\n    f = lambda X: (X - X.mean(axis=0)) / X.std(axis=0)\n"
            "    return f(X_train), f(X_test)",
            "its own mean",
        ),
        (
            "def standardize(X_train, X_test):\n    mu, s = X_train.mean(), X_train.std()\n"
            "    return (X_train - mu) / s, (X_test - mu) / s",
            "whole array",
        ),
        (
            "def standardize(X_train, X_test):\n    f = lambda X: (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)\n"  # noqa: E501
            "    return f(X_train), f(X_test)",
            "axis=1",
        ),
        (
            "def standardize(X_train, X_test):\n    mu = X_train.mean(axis=0)\n    return X_train - mu, X_test - mu",
            "did not divide",
        ),
        (
            "def standardize(X_train, X_test):\n    s = X_train.std(axis=0)\n    return X_train / s, X_test / s",
            "subtract the mean",
        ),
        (
            "def standardize(X_train, X_test):\n    mu, v = X_train.mean(axis=0), X_train.var(axis=0)\n"
            "    return (X_train - mu) / v, (X_test - mu) / v",
            "variance",
        ),
        (
            "def standardize(X_train, X_test):\n    return (X_train - X_train.mean(axis=0)) / X_train.std(axis=0)",
            "Return both arrays",
        ),
    ],
    "ch09_momentum": [
        (
            """def momentum_descent(grad_f, theta0, lr, momentum, steps):
    theta, v = np.array(theta0, dtype=float), 0
    for _ in range(steps):
        v = momentum * v + (1 - momentum) * grad_f(theta)
        theta = theta - lr * v
    return theta""",
            "You averaged",
        ),
        (
            """def momentum_descent(grad_f, theta0, lr, momentum, steps):
    theta, v = np.array(theta0, dtype=float), 0
    for _ in range(steps):
        v = momentum * v + grad_f(theta)
        theta = theta + lr * v
    return theta""",
            "uphill",
        ),
        (
            """def momentum_descent(grad_f, theta0, lr, momentum, steps):
    theta = np.array(theta0, dtype=float)
    for _ in range(steps):
        v = momentum * 0 + grad_f(theta)
        theta = theta - lr * v
    return theta""",
            "forgets the past",
        ),
    ],
    "ch09_rmsprop": [
        (
            """def rmsprop_descent(grad_f, theta0, lr, alpha, eps, steps):
    theta, v = np.array(theta0, dtype=float), 0
    for _ in range(steps):
        g = grad_f(theta)
        v = alpha * v + (1 - alpha) * g ** 2
        theta = theta - lr * g / (v + eps)
    return theta""",
            "not by its square root",
        ),
        (
            """def rmsprop_descent(grad_f, theta0, lr, alpha, eps, steps):
    theta, v = np.array(theta0, dtype=float), 0
    for _ in range(steps):
        g = grad_f(theta)
        v = alpha * v + g ** 2
        theta = theta - lr * g / (np.sqrt(v) + eps)
    return theta""",
            "leaves out (1 - alpha)",
        ),
        (
            """def rmsprop_descent(grad_f, theta0, lr, alpha, eps, steps):
    theta, v = np.array(theta0, dtype=float), 0
    for _ in range(steps):
        g = grad_f(theta)
        v = alpha * v + (1 - alpha) * g ** 2
        theta = theta - lr * g / np.sqrt(v + eps)
    return theta""",
            "inside the square root",
        ),
    ],
    "ch09_adam": [
        (
            """def adam_descent(grad_f, theta0, lr, beta1, beta2, eps, steps):
    theta, m, v = np.array(theta0, dtype=float), 0, 0
    for t in range(steps):
        g = grad_f(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        theta = theta - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return theta""",
            "from t = 1",
        ),
        (
            """def adam_descent(grad_f, theta0, lr, beta1, beta2, eps, steps):
    theta, m, v = np.array(theta0, dtype=float), 0, 0
    for t in range(1, steps + 1):
        g = grad_f(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        theta = theta - lr * m / (np.sqrt(v) + eps)
    return theta""",
            "bias correction",
        ),
        (
            """def adam_descent(grad_f, theta0, lr, beta1, beta2, eps, steps):
    theta, m, v = np.array(theta0, dtype=float), 0, 0
    for t in range(1, steps + 1):
        g = grad_f(theta)
        m = beta1 * g + (1 - beta1) * m
        v = beta2 * g ** 2 + (1 - beta2) * v
        theta = theta - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return theta""",
            "weight the new gradient",
        ),
        (
            """def adam_descent(grad_f, theta0, lr, beta1, beta2, eps, steps):
    theta, m, v = np.array(theta0, dtype=float), 0, 0
    for t in range(1, steps + 1):
        g = grad_f(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        theta = theta - lr * (m / (1 - beta1 ** t)) / np.sqrt(v / (1 - beta2 ** t) + eps)
    return theta""",
            "inside the square root",
        ),
    ],
    "ch09_adam_first_step": [
        ("first_step = -0.01 * np.array([1000, 0.001, -5])", "plain gradient descent"),
        ("first_step = np.array([0.01, 0.01, -0.01])", "wrong direction"),
    ],
    "ch09_steps_per_epoch": [
        ("def steps_per_epoch(n, batch_size):\n    return n // batch_size", "round UP"),
        (
            "def steps_per_epoch(n, batch_size):\n    if batch_size is None:\n        return n\n"
            "    return math.ceil(n / batch_size)",
            "full batch",
        ),
        (
            "def steps_per_epoch(n, batch_size):\n    if batch_size == 32:\n        return 32\n    return batch_size",
            "returned the batch size",
        ),
    ],
    "ch10_accuracy": [
        ("def accuracy(logits, labels):\n    return int(np.sum(np.argmax(logits, axis=1) == labels))", "counted"),
        ("def accuracy(logits, labels):\n    return 100 * np.mean(np.argmax(logits, axis=1) == labels)", "percentage"),
        ("def accuracy(logits, labels):\n    return np.mean(np.argmax(logits, axis=1) != labels)", "error rate"),
        ("def accuracy(logits, labels):\n    return np.mean(np.argmax(logits, axis=0) == labels)", "axis 0"),
    ],
    "ch10_minibatches": [
        (
            "def minibatch_indices(n, batch_size, seed):\n"
            "    order = np.random.default_rng(seed).permutation(n)\n    size = batch_size or n\n"
            "    return [order[i:i + size] for i in range(0, n - size + 1, size)]",
            "dropped the last",
        ),
        (
            "def minibatch_indices(n, batch_size, seed):\n    size = batch_size or n\n"
            "    return [np.arange(n)[i:i + size] for i in range(0, n, size)]",
            "not shuffled",
        ),
        (
            "def minibatch_indices(n, batch_size, seed):\n    return [np.random.default_rng(seed).permutation(n)]",
            "one batch of everything",
        ),
    ],
    "ch10_split": [
        (
            """def split_train_test(X, y, test_size, seed):
    rng = np.random.default_rng(seed)
    n = len(X); k = math.ceil(n * test_size)
    ox, oy = rng.permutation(n), rng.permutation(n)
    return X[ox[k:]], X[ox[:k]], y[oy[k:]], y[oy[:k]]""",
            "DIFFERENT permutations",
        ),
        (
            """def split_train_test(X, y, test_size, seed):
    n = len(X); k = int(n * test_size)
    o = np.random.default_rng(seed).permutation(n)
    return X[o[k:]], X[o[:k]], y[o[k:]], y[o[:k]]""",
            "one sample short",
        ),
        (
            """def split_train_test(X, y, test_size, seed):
    n = len(X); k = math.ceil(n * test_size)
    return X[k:], X[:k], y[k:], y[:k]""",
            "did not shuffle",
        ),
        (
            """def split_train_test(X, y, test_size, seed):
    n = len(X); k = math.ceil(n * test_size)
    o = np.random.default_rng(seed).permutation(n)
    return X[o[:k]], X[o[k:]], y[o[:k]], y[o[k:]]""",
            "swapped train and test",
        ),
    ],
    "ch10_train_loop": [
        (
            """def train_linear(X, y, lr, steps):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        r = X @ w + b - y
        losses.append(np.mean(r ** 2))
        g = 2 * r / len(y)
        w, b = w + lr * X.T @ g, b + lr * g.sum()
    return np.array(losses)""",
            "loss goes up",
        ),
        (
            """def train_linear(X, y, lr, steps):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        r = X @ w + b - y
        losses.append(np.mean(r ** 2))
        g = 2 * r
        w, b = w - lr * X.T @ g, b - lr * g.sum()
    return np.array(losses)""",
            "summed loss",
        ),
        (
            """def train_linear(X, y, lr, steps):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        r = X @ w + b - y
        g = 2 * r / len(y)
        w, b = w - lr * X.T @ g, b - lr * g.sum()
        losses.append(np.mean((X @ w + b - y) ** 2))
    return np.array(losses)""",
            "one step ahead",
        ),
        (
            """def train_linear(X, y, lr, steps):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        r = X @ w + b - y
        losses.append(np.mean(r ** 2))
        w = w - lr * X.T @ (2 * r / len(y))
    return np.array(losses)""",
            "bias never moves",
        ),
    ],
    "ch10_total_steps": [
        ("total_steps = 20", "EPOCHS"),
        ("total_steps = 420", "round up"),
        ("total_steps = 20 * 1347", "batch size 1"),
        ("total_steps = 22", "ONE epoch"),
    ],
}

WRONG_CASES = [(ex_id, k) for ex_id in sorted(WRONG) for k in range(len(WRONG[ex_id]))]


def _wrong_namespace(ex_id, code):
    ns = {"__name__": "__main__"}
    run_cell(_setup_code(SOLUTIONS, EXERCISES[ex_id].chapter), ns)
    run_cell(code, ns)
    return ns


def test_sigmoid_stability_is_judged_by_values_not_warnings():
    """Both formulas under np.where overflow only in the branch not taken: every value is right,
    so the check passes, with a note about the warning. The naive formula loses the tiny values
    near z = -720 (0 instead of about 1e-313) and fails on them, with its warning switched off too."""
    where_both = "def sigmoid(z):\n    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))"
    status, _, notes = _run_check("ch05_sigmoid", _wrong_namespace("ch05_sigmoid", where_both))
    assert status == "passed" and any("warned" in n for n in notes), notes
    quiet = (
        "def sigmoid(z):\n    with np.errstate(all='ignore'):\n"
        "        return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))"
    )
    status, message, _ = _run_check("ch05_sigmoid", _wrong_namespace("ch05_sigmoid", quiet))
    assert status == "failed" and "tiny" in message, message


@pytest.mark.parametrize("ex_id,k", WRONG_CASES, ids=[f"{i}-{k}" for i, k in WRONG_CASES])
def test_wrong_answer_fails_naming_the_mistake(ex_id, k):
    code, fragment = WRONG[ex_id][k]
    status, message, _ = _run_check(ex_id, _wrong_namespace(ex_id, code))
    assert status == "failed", (status, message)
    assert fragment in message, message


@pytest.mark.parametrize("ex_id", IDS)
def test_every_named_mistake_is_reached_by_a_wrong_answer(ex_id):
    """Each exercise-specific mistake message comes out for at least one typical wrong answer."""
    from _catalogue_a import CAT_A
    from _catalogue_b import CAT_B
    from _catalogue_c import EXTRA

    reached = set()
    codes = [c for c, _ in WRONG.get(ex_id, [])] + [c for c, _, _ in {**CAT_A, **CAT_B}.get(ex_id, [])]
    codes += [c for c, _, _ in EXTRA.get(ex_id, [])]
    for code in codes:
        status, message, _ = _run_check(ex_id, _wrong_namespace(ex_id, code))
        reached.update(m.message for m in EXERCISES[ex_id].mistakes if m.message in message)
    missing = [m.message for m in EXERCISES[ex_id].mistakes if m.message not in reached]
    assert not missing, missing


def test_hints_grow_with_each_new_wrong_answer_not_with_reruns():
    shown = []
    for body in ["return A * B", "return A * B", "return B.T * A", "return 2 * A", "return A"]:
        ns = _wrong_namespace("ch03_matmul", f"def my_matmul(A, B):\n    {body}")
        with pytest.raises(CheckFailed) as info:
            check("ch03_matmul", namespace=ns)
        shown.append(len(info.value.result.hints))
    assert shown == [1, 1, 2, 3, 3]


def test_feedback_never_shows_the_expected_values():
    """A wrong value answer is told what is wrong, not what is right."""
    for ex_id, code, secret in [
        ("ch03_top_left", "top_left = 57", "58"),
        ("ch10_total_steps", "total_steps = 441", "440"),
        ("ch02_cube_shape", "cube_shape = (2, 3, 2)", "(2, 2, 3)"),
    ]:
        status, message, _ = _run_check(ex_id, _wrong_namespace(ex_id, code))
        assert status == "failed" and secret not in message, message


# ------------------------------------------------------------------------------ notebooks


def test_solutions_cover_every_chapter():
    assert sorted(p.stem for p in SOLUTIONS.glob("*.ipynb")) == sorted(CHAPTERS)


@pytest.mark.parametrize("folder", [SOLUTIONS, EXERCISE_DIR], ids=["solutions", "exercises"])
def test_every_check_cell_is_registered_and_every_exercise_has_one(folder):
    seen = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for ex_id in re.findall(r"""\bcheck\(\s*["']([A-Za-z0-9_]+)["']""", cell.source):
                assert ex_id in EXERCISES, f"{path.name}: check({ex_id!r}) is not registered"
                ex = EXERCISES[ex_id]
                assert ex.chapter == path.stem
                meta = cell.metadata["nbgrader"]
                assert meta["grade_id"] == ex_id and meta["points"] == ex.points and meta["grade"]
                seen.append(ex_id)
    assert sorted(seen) == IDS


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_text_points_to_its_chapter_and_gives_no_answers(chapter):
    """The markdown links to course/<chapter>.ipynb, and no value exercise's expected answer
    is written outside the answer cells."""
    nb = nbformat.read(SOLUTIONS / f"{chapter}.ipynb", as_version=4)
    assert f"../course/{chapter}.ipynb" in nb.cells[0].source
    text = "\n".join(c.source for c in nb.cells if c.metadata.get("dlmath", {}).get("role") != "answer")
    for ex in EXERCISES.values():
        if ex.chapter != chapter or ex.kind != "value":
            continue
        expected = _quiet(ex.reference)
        if isinstance(expected, tuple):
            forms = {str(expected), str(expected).replace(" ", "")}
        elif isinstance(expected, np.ndarray):
            forms = {str(expected.tolist())} if expected.size < 10 else set()
        else:
            forms = {f"{float(expected):g}", f"{float(expected):.3f}", str(expected)}
        for form in forms:
            assert not re.search(r"(?<![\w.])" + re.escape(form) + r"(?![\w])", text), (ex.id, form)


def test_exercises_are_a_fresh_release_of_solutions():
    from dlmath.grading.release import out_of_date

    assert out_of_date(SOLUTIONS, EXERCISE_DIR) == []


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_student_copy_runs_with_every_check_not_attempted(chapter):
    """Run the student copy's code cells in order, as nbval does: every check reports
    "not attempted" and nothing else fails."""
    nb = nbformat.read(EXERCISE_DIR / f"{chapter}.ipynb", as_version=4)
    ns = {"__name__": "__main__"}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            run_cell(cell.source, ns)
        except NotImplementedError:
            assert "raises-exception" in cell.metadata.get("tags", [])
    statuses = {ex.id: checker.RESULTS[ex.id].status for ex in EXERCISES.values() if ex.chapter == chapter}
    assert set(statuses.values()) == {"not_attempted"}, statuses


# ------------------------------------------------------------------------------ references


def _cases(ex_id):
    return _cases_of(EXERCISES[ex_id])


def _ref(ex_id):
    return EXERCISES[ex_id].reference


def test_references_agree_with_the_dlmath_core():
    from dlmath import activations, losses, ops
    from dlmath.gradcheck import numerical_gradient

    pairs = [
        ("ch03_matmul", ops.matmul),
        ("ch04_weighted_sum", ops.weighted_sum),
        ("ch05_sigmoid", activations.sigmoid),
        ("ch05_relu", activations.relu),
        ("ch05_relu_grad", activations.relu_grad),
        ("ch06_softmax", activations.softmax),
        ("ch06_mse", losses.mse),
        ("ch06_mse_grad", losses.mse_grad),
        ("ch06_cross_entropy", losses.cross_entropy),
        ("ch03_transpose", ops.transpose),
    ]
    for ex_id, core in pairs:
        for args in _cases(ex_id):
            if any(np.size(a) == 0 for a in args if isinstance(a, np.ndarray)):
                continue  # the core rejects empty input by design
            np.testing.assert_allclose(_ref(ex_id)(*args), core(*args), rtol=1e-12, atol=1e-300, err_msg=ex_id)
    for f, x, eps in [(c[0], c[1], c[2]) for c in _cases("ch08_numgrad")]:
        np.testing.assert_allclose(_ref("ch08_numgrad")(f, x, eps), numerical_gradient(f, x, eps), rtol=1e-9, atol=1e-9)


def test_forward_and_backward_references_agree_with_dense_layers():
    from dlmath.layers import Dense

    for X, W1, b1, W2, b2 in _cases("ch05_forward"):
        hidden = Dense(W1.shape[1], W1.shape[0], activation="relu")
        out = Dense(W2.shape[1], W2.shape[0], activation="sigmoid")
        hidden.W, hidden.b, out.W, out.b = W1.astype(float), b1.astype(float), W2.astype(float), b2.astype(float)
        np.testing.assert_allclose(_ref("ch05_forward")(X, W1, b1, W2, b2), out(hidden(X)), rtol=1e-12)
    rng = np.random.default_rng(7)
    for n, n_in, n_out in [(4, 3, 2), (1, 2, 5), (6, 3, 3)]:
        layer = Dense(n_in, n_out, rng=rng)
        X, dZ = rng.standard_normal((n, n_in)), rng.standard_normal((n, n_out))
        layer.forward(X)
        dX = layer.backward(dZ)
        np.testing.assert_allclose(_ref("ch08_dW")(X, dZ), layer.dW, rtol=1e-12)
        np.testing.assert_allclose(_ref("ch08_db")(dZ), layer.db, rtol=1e-12)
        np.testing.assert_allclose(_ref("ch08_dX")(dZ, layer.W), dX, rtol=1e-12)


def test_optimizer_references_agree_with_dlmath_optimizers():
    from dlmath.optimizers import SGD, Adam, RMSProp

    def run(opt, grad_f, theta0, steps):
        p = np.array(theta0, dtype=float)
        for _ in range(steps):
            opt.step([p], [grad_f(p)])
        return p

    for g, t0, lr, mu, steps in _cases("ch09_momentum"):
        np.testing.assert_allclose(
            _ref("ch09_momentum")(g, t0, lr, mu, steps), run(SGD(lr, momentum=mu), g, t0, steps), rtol=1e-12
        )
    for g, t0, lr, alpha, eps, steps in _cases("ch09_rmsprop"):
        np.testing.assert_allclose(
            _ref("ch09_rmsprop")(g, t0, lr, alpha, eps, steps),
            run(RMSProp(lr, alpha=alpha, eps=eps), g, t0, steps),
            rtol=1e-12,
        )
    for g, t0, lr, b1, b2, eps, steps in _cases("ch09_adam"):
        np.testing.assert_allclose(
            _ref("ch09_adam")(g, t0, lr, b1, b2, eps, steps),
            run(Adam(lr, betas=(b1, b2), eps=eps), g, t0, steps),
            rtol=1e-10,
        )
    # Adam's first step has size lr in every coordinate whose gradient dwarfs eps
    first = _quiet(_ref("ch09_adam_first_step"))
    np.testing.assert_allclose(first, [-0.01, -0.01, 0.01], rtol=1e-4)


def test_training_references_agree_with_dlmath_training_and_datasets():
    from dlmath.datasets import train_test_split
    from dlmath.network import MLP
    from dlmath.training import iterate_minibatches

    for n, b, seed in _cases("ch10_minibatches"):
        ours = _ref("ch10_minibatches")(n, b, seed)
        theirs = list(iterate_minibatches(n, b, shuffle=True, rng=np.random.default_rng(seed)))
        assert len(ours) == len(theirs) and all(np.array_equal(a, c) for a, c in zip(ours, theirs))
        assert len(ours) == _ref("ch09_steps_per_epoch")(n, b)
    for X, y, size, seed in _cases("ch10_split"):
        for a, c in zip(_ref("ch10_split")(X, y, size, seed), train_test_split(X, y, size, seed)):
            np.testing.assert_array_equal(a, c)
    for (sizes,) in _cases("ch04_count_params"):
        if len(sizes) > 1:
            assert _ref("ch04_count_params")(sizes) == MLP(sizes).n_params
    assert _quiet(_ref("ch10_total_steps")) == 20 * _ref("ch09_steps_per_epoch")(1347, 64)


def test_train_loop_reference_lowers_the_loss_and_matches_a_dense_layer():
    from dlmath.layers import Dense
    from dlmath.losses import mse, mse_grad
    from dlmath.optimizers import SGD

    for X, y, lr, steps in _cases("ch10_train_loop"):
        losses = _ref("ch10_train_loop")(X, y, lr, steps)
        layer = Dense(X.shape[1], 1)
        layer.W, layer.b = np.zeros((1, X.shape[1])), np.zeros(1)
        opt, core = SGD(lr), []
        for _ in range(steps):
            pred = layer.forward(X.astype(float))
            core.append(mse(pred, y[:, None]))
            layer.backward(mse_grad(pred, y[:, None]))
            opt.step(layer.parameters(), layer.gradients())
        np.testing.assert_allclose(losses, core, rtol=1e-10)
        if steps > 1:
            assert losses[-1] < losses[0]


def test_neuron_reference_matches_finite_differences():
    ref = _ref("ch08_neuron")
    for x, y, w, b in _cases("ch08_neuron"):

        def loss(p):
            return (1 / (1 + np.exp(-(p[0] * x + p[1]))) - y) ** 2

        h = 1e-6
        numeric = [
            (loss(np.array([w + h, b])) - loss(np.array([w - h, b]))) / (2 * h),
            (loss(np.array([w, b + h])) - loss(np.array([w, b - h]))) / (2 * h),
        ]
        np.testing.assert_allclose(ref(x, y, w, b), numeric, rtol=1e-6, atol=1e-9)


def test_step_count_and_learning_rate_references_against_closed_forms():
    for a, lr, theta0, tol in _cases("ch07_steps"):
        k = _ref("ch07_steps")(a, lr, theta0, tol)
        factor = abs(1 - lr * a)
        if abs(theta0) < tol:
            assert k == 0
        elif factor == 0:
            assert k == 1
        else:
            exact = math.log(tol / abs(theta0)) / math.log(factor)
            if abs(exact - round(exact)) < 1e-9:  # on the boundary, exactly in binary
                assert k == round(exact) + 1
            else:
                assert abs(exact - round(exact)) > 0.01, "a case near the boundary is fragile"
                assert k == math.floor(exact) + 1
    # the learning-rate limit: just below it descent converges, just above it diverges
    for (curv,) in _cases("ch07_max_lr"):
        limit = _ref("ch07_max_lr")(curv)
        curv = np.asarray(curv, dtype=float)
        for scale, converges in [(0.98, True), (1.02, False)]:
            factors = np.abs(1 - scale * limit * curv)
            assert (factors.max() < 1) == converges
    # sigmoid'(0) and the uniform cross-entropy, from their definitions
    assert _quiet(_ref("ch05_sigmoid_slope")) == pytest.approx(0.25)
    assert _quiet(_ref("ch06_uniform_loss")) == pytest.approx(math.log(10))
    assert _quiet(_ref("ch03_top_left")) == 58


def test_autograd_references_agree_with_dlmath_autograd_and_finite_differences():
    from dlmath.activations import softmax
    from dlmath.autograd import Tensor, Value
    from dlmath.gradcheck import numerical_gradient

    for u, v, g in _cases("ch08b_mul_backward"):
        tu, tv = Tensor(u), Tensor(v)
        (tu * tv * Tensor(g)).sum().backward()  # d/du sum(u v g) = g v
        gu, gv = _ref("ch08b_mul_backward")(u, v, g)
        np.testing.assert_allclose(gu, tu.grad)
        np.testing.assert_allclose(gv, tv.grad)
    for (x,) in _cases("ch08b_shared_grad"):
        xv = Value(x)
        (xv * xv.tanh() + xv * xv).backward()
        np.testing.assert_allclose(_ref("ch08b_shared_grad")(x), xv.grad, rtol=1e-12)
        fd_ = numerical_gradient(lambda p: float(p[0] * np.tanh(p[0]) + p[0] ** 2), np.array([float(x)]))
        np.testing.assert_allclose(_ref("ch08b_shared_grad")(x), fd_[0], rtol=1e-6, atol=1e-9)
    for (z,) in _cases("ch08b_softmax_jacobian"):
        z = np.asarray(z, dtype=float)
        J = np.array([numerical_gradient(lambda v: softmax(v)[i], z) for i in range(len(z))])
        np.testing.assert_allclose(_ref("ch08b_softmax_jacobian")(z), J, atol=1e-8)
    for z, g in _cases("ch08b_softmax_vjp"):
        z = np.asarray(z, dtype=float)
        fd_ = numerical_gradient(lambda v: float(softmax(v) @ np.asarray(g, dtype=float)), z)
        np.testing.assert_allclose(_ref("ch08b_softmax_vjp")(z, g), fd_, atol=1e-8)


def test_initialization_references_agree_with_dense_and_with_sampling():
    from dlmath.layers import Dense

    for n_in, n_out in [(100, 50), (64, 64), (10, 1000)]:
        limit = _ref("ch08c_glorot_limit")(n_in, n_out)
        np.testing.assert_allclose(limit**2 / 3, 2 / (n_in + n_out))  # variance of U(-a, a)
        W = Dense(n_in, n_out, activation="tanh", rng=0).W
        assert np.abs(W).max() <= limit and np.abs(W).max() > 0.95 * limit  # Dense draws up to the limit
    for n_in, n_out, act in _cases("ch08c_init_std"):
        W = Dense(n_in, n_out, activation=act, rng=1).W
        np.testing.assert_allclose(W.std(), _ref("ch08c_init_std")(n_in, n_out, act), rtol=0.1)
    for X_train, X_test in _cases("ch08c_standardize"):
        a, b = _ref("ch08c_standardize")(X_train, X_test)
        np.testing.assert_allclose(a.mean(axis=0), 0, atol=1e-12)
        np.testing.assert_allclose(a.std(axis=0), 1)
        mu, s = np.mean(X_train, axis=0), np.std(X_train, axis=0)
        np.testing.assert_allclose(b * s + mu, X_test)  # undoes with train's stats


def test_geometry_references_against_closed_forms():
    # angles of arrows built from known angles; projection residual orthogonal; distance by foot point
    for deg_u, deg_v in [(20.0, 95.0), (0.0, 180.0), (10.0, 10.0)]:
        u = 3.0 * np.array([np.cos(np.radians(deg_u)), np.sin(np.radians(deg_u))])
        v = 0.5 * np.array([np.cos(np.radians(deg_v)), np.sin(np.radians(deg_v))])
        np.testing.assert_allclose(_ref("ch03b_angle")(u, v), abs(deg_v - deg_u), atol=1e-6)
    for u, v in _cases("ch03b_project"):
        p = _ref("ch03b_project")(u, v)
        np.testing.assert_allclose((np.asarray(u) - p) @ np.asarray(v), 0.0, atol=1e-10)
        np.testing.assert_allclose(
            np.cross(np.append(p, 0)[:3], np.append(v, 0)[:3]) if len(v) == 2 else 0, 0, atol=1e-10
        )  # parallel to v (2-D cases)
    for X, w, b in _cases("ch03b_signed_distance"):
        w = np.asarray(w, dtype=float)
        for x, d in zip(np.asarray(X, dtype=float), _ref("ch03b_signed_distance")(X, w, b)):
            foot = x - d * w / np.linalg.norm(w)  # step back d along the unit normal
            np.testing.assert_allclose(foot @ w + b, 0.0, atol=1e-10)  # lands on the hyperplane
    A = np.array([[1.0, 3.0], [4.0, 2.0]])
    np.testing.assert_allclose(_quiet(_ref("ch03b_area")), abs(np.linalg.det(A)))


def test_the_softmax_vjp_rule_is_enforced_live():
    code = (
        "def softmax_vjp(z, g):\n    s = np.exp(z - z.max()) / np.exp(z - z.max()).sum()\n"
        "    J = np.diag(s) - np.outer(s, s)\n    return g @ J\n"
    )
    status, message, _ = _run_check("ch08b_softmax_vjp", _wrong_namespace("ch08b_softmax_vjp", code))
    assert status == "failed" and "uses diag" in message, message


def _exercise_texts():
    """exercise id -> the markdown above its answer cell in solutions/*.ipynb."""
    texts = {}
    for path in sorted(SOLUTIONS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        last_md = ""
        for c in nb.cells:
            gid = c.metadata.get("nbgrader", {}).get("grade_id", "")
            if c.cell_type == "markdown":
                last_md = c.source
            elif gid.endswith("_answer"):
                texts[gid[: -len("_answer")]] = last_md
    return texts


def test_every_rule_in_an_exercise_text_is_in_its_spec():
    """The audit of issue 9: what a text forbids or requires (no loops, with loops, without `@`,
    do not change an input) is the exercise's forbid / loops / may_change_inputs, so the live
    check enforces it; and a spec's rule is stated in its text."""
    import re

    texts = _exercise_texts()
    assert sorted(texts) == sorted(EXERCISES)
    for ex_id, text in texts.items():
        ex = EXERCISES[ex_id]
        if ex.kind != "function":
            continue
        no_loops = re.search(r"\bno loops?\b", text, re.IGNORECASE) is not None
        with_loops = re.search(r"\bwith (a )?loops?\b", text) is not None
        assert (ex.loops == "forbidden") == no_loops, (ex_id, ex.loops)
        assert (ex.loops == "required") == with_loops, (ex_id, ex.loops)
        said = set()
        for part in re.findall(r"\*\*without\*\*(.*?)(?:\.\s|\.$)|\(no (`[^)]*)\)", text, re.DOTALL):
            for name in re.findall(r"`([^`]+)`", " ".join(part)):
                said.add({"@": "@", ".T": "T"}.get(name, name.removeprefix("np.")))
        assert said <= set(ex.forbid), (ex_id, said - set(ex.forbid))
        assert bool(said) == bool(ex.forbid), (ex_id, ex.forbid)
        assert not ex.may_change_inputs


def test_every_type_an_exercise_text_states_is_in_its_spec():
    """The types a text asks for are enforced live: "an int", "ints", "a whole number" for the
    answer itself (not for its inputs) is ``integer_result``, so 58.0 or (2.0, 3.0) fails; a
    function that "returns the tuple" has ``tuple_result``, so a list fails."""
    import re

    for ex_id, text in _exercise_texts().items():
        ex = EXERCISES[ex_id]
        answer = re.escape(ex.answer)
        asks_int = (
            re.search(rf"`{answer}` is (an int|a tuple of [a-z ]*(ints|whole numbers))", text)
            or re.search(
                r"[Rr]eturn an int\b|as a whole number|arrays? of ints|the dtype of `|same shape \(and dtype\)", text
            )
        ) is not None
        assert ex.integer_result == asks_int, (ex_id, ex.integer_result)
        asks_tuple = ex.kind == "function" and re.search(r"returns the tuple|return a tuple", text) is not None
        assert ex.tuple_result == asks_tuple, (ex_id, ex.tuple_result)


@pytest.mark.parametrize("ex_id", ["ch02_cube_shape", "ch03_top_left", "ch04_Z_shape", "ch10_total_steps"])
def test_a_float_where_the_text_asks_for_an_int_fails(ex_id):
    ex = EXERCISES[ex_id]
    value = ex.reference() if callable(ex.reference) else ex.reference
    floats = tuple(float(v) for v in value) if isinstance(value, tuple) else float(value)
    status, message, _ = _run_check(ex_id, {ex.answer: floats})
    assert status == "failed" and "whole number" in message, message


@pytest.mark.parametrize("ex_id", ["ch08b_mul_backward", "ch08c_standardize"])
def test_a_list_where_the_text_asks_for_a_tuple_fails(ex_id):
    ex = EXERCISES[ex_id]
    reference = ex.reference

    def as_list(*args):
        return list(reference(*args))

    status, message, _ = _run_check(ex_id, {ex.answer: as_list})
    assert status == "failed" and "should be a tuple" in message, message
