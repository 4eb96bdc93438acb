"""Right answers pass over generated inputs (Hypothesis, a dev dependency only): the solution cells
of solutions/*.ipynb, judged by the same judge as check(), on inputs drawn far beyond the live
check's fixed cases (shapes, spreads up to 1e3, integers). The live check itself draws its
generated cases from a NumPy generator seeded by the exercise id (see the banks), because the
learner's kernel has no Hypothesis."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import nbformat
import numpy as np
import pytest
from _cell import run_cell
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dlmath.grading import harness
from dlmath.grading.judge import judge
from dlmath.grading.spec import EXERCISES

SOLUTIONS = Path(__file__).resolve().parents[1] / "solutions"
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True)
_NS: dict = {}


def _solution(ex_id):
    """(namespace with the solution cells of the chapter run, answer cell source)."""
    ex = EXERCISES[ex_id]
    if ex.chapter not in _NS:
        nb = nbformat.read(SOLUTIONS / f"{ex.chapter}.ipynb", as_version=4)
        ns = {"__name__": "__main__"}
        cells = {}
        for c in nb.cells:
            gid = c.metadata.get("nbgrader", {}).get("grade_id", "")
            if gid == "setup" or gid.endswith("_answer"):
                run_cell(c.source, ns)
                cells[gid] = c.source
        _NS[ex.chapter] = (ns, cells)
    ns, cells = _NS[ex.chapter]
    return ns, cells[ex_id + "_answer"]


_KEEP: list = []  # judge.cases_of caches by id(exercise): keep each throw-away exercise alive


def _verdict(ex_id, args):
    ex = dataclasses.replace(EXERCISES[ex_id], cases=[args], hidden_cases=())
    _KEEP.append(ex)
    ns, source = _solution(ex_id)
    report = harness.call(ex.answer, [args], ns)
    return judge(ex, report, [source])


def _floats(shape, bound=1000.0):
    return hnp.arrays(np.float64, shape, elements=st.floats(-bound, bound, allow_nan=False, width=64))


sides = st.integers(1, 6)


@st.composite
def logits_and_labels(draw):
    n, k = draw(sides), draw(st.integers(2, 6))
    logits = draw(_floats((n, k)))
    labels = np.asarray(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)), dtype=np.int64)
    return logits, labels


@st.composite
def layer(draw):
    n, i, o = draw(sides), draw(sides), draw(sides)
    return (
        draw(_floats((n, i), 10.0)),
        draw(_floats((o, i), 10.0)),
        draw(_floats((o,), 10.0)),
        draw(_floats((n, o), 10.0)),
    )


@SETTINGS
@given(z=sides.flatmap(lambda n: sides.flatmap(lambda k: _floats((n, k)))))
def test_softmax_right_answer_passes_over_wide_spreads(z):
    assert _verdict("ch06_softmax", (z,)).status == "passed"


@SETTINGS
@given(case=logits_and_labels())
def test_cross_entropy_right_answer_passes(case):
    v = _verdict("ch06_cross_entropy", case)
    assert v.status == "passed", v.message


@SETTINGS
@given(z=hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3, max_side=5), elements=st.floats(-1000, 1000)))
def test_sigmoid_right_answer_passes(z):
    v = _verdict("ch05_sigmoid", (z,))
    assert v.status == "passed", v.message


@SETTINGS
@given(parts=layer())
def test_dense_layer_right_answers_pass_for_any_shapes(parts):
    X, W, b, dZ = parts
    assert _verdict("ch04_weighted_sum", (X, W, b)).status == "passed"
    assert _verdict("ch08_dW", (X, dZ)).status == "passed"
    assert _verdict("ch08_dX", (dZ, W)).status == "passed"
    assert _verdict("ch08_db", (dZ,)).status == "passed"


@pytest.mark.parametrize("ex_id", ["ch04_weighted_sum", "ch08_dW", "ch08_dX", "ch06_softmax", "ch06_cross_entropy"])
def test_live_check_has_generated_cases(ex_id):
    """The live check's cases include generated ones, drawn with the exercise's fixed seed: the
    same on every run (so a learner sees stable feedback)."""
    from dlmath.grading.judge import cases_of

    first = [a for a, _ in cases_of(EXERCISES[ex_id])]
    again = EXERCISES[ex_id].cases(np.random.default_rng(__import__("zlib").crc32(ex_id.encode())))
    assert len(first) >= 6 and all(all(np.array_equal(x, y) for x, y in zip(a, b)) for a, b in zip(first, again))
