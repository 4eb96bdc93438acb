"""The live check against a catalogue of wrong answers, written as learners write them.

``CATALOGUE[exercise_id]`` lists ``(code, family, fragment)``: code that defines the answer
wrongly, the family of its mistake (off_by_one, integer_division, broadcasting, indexing,
sign, transposed, in_place, rule, stability, dtype, shape, missing_term, wrong_formula, type,
precision, typo) and a fragment of the message that names the mistake. ``RIGHT`` lists correct
answers written in unusual ways, which must pass.

Two numbers measure the feedback (printed by ``test_feedback_numbers``):
false passes (a wrong answer the check calls "passed"; target 0) and the named share (wrong
answers whose message contains their mistake-naming fragment, over all wrong answers; target
at least 90%). Each answer runs through ``check()`` as in a notebook: the chapter's set-up
code, then the answer cell (compiled so that ``inspect`` can read its source for the rules).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import nbformat
import pytest
from _catalogue_a import CAT_A
from _catalogue_b import CAT_B
from _catalogue_right import RIGHT
from _cell import run_cell

from dlmath.grading import checker
from dlmath.grading.checker import CheckFailed, check
from dlmath.grading.spec import EXERCISES

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"

CATALOGUE = {**CAT_A, **CAT_B}


def _chapter_wrong_answers():
    """The later chapters' exercises (3b, 8b, 8c) keep their wrong answers beside their other
    tests in test_exercises.WRONG; they join the catalogue with the families of _catalogue_c."""
    from _catalogue_c import EXTRA, FAMILIES_OF
    from test_exercises import WRONG

    out = {}
    for ex_id, entries in WRONG.items():
        if ex_id in CATALOGUE:
            continue
        out[ex_id] = [(code, FAMILIES_OF[ex_id][fragment], fragment) for code, fragment in entries]
        out[ex_id] += EXTRA.get(ex_id, [])
    return out


CATALOGUE.update(_chapter_wrong_answers())
# the rule of ch08b_softmax_vjp (the VJP without building the Jacobian), broken as a learner would
CATALOGUE["ch08b_softmax_vjp"].append(
    (
        "def softmax_vjp(z, grad_s):\n    s = np.exp(z - z.max()) / np.exp(z - z.max()).sum()\n"
        "    return grad_s @ (np.diag(s) - np.outer(s, s))\n",
        "rule",
        "uses diag",
    )
)
FAMILIES = {
    "off_by_one",
    "integer_division",
    "broadcasting",
    "indexing",
    "sign",
    "transposed",
    "in_place",
    "rule",
    "stability",
    "dtype",
    "shape",
    "missing_term",
    "wrong_formula",
    "type",
    "precision",
    "typo",
}

WRONG_CASES = [(i, k) for i in sorted(CATALOGUE) for k in range(len(CATALOGUE[i]))]
RIGHT_CASES = [(i, k) for i in sorted(RIGHT) for k in range(len(RIGHT[i]))]

_SETUP: dict = {}


def _setup_code(chapter):
    if chapter not in _SETUP:
        nb = nbformat.read(SOLUTIONS / f"{chapter}.ipynb", as_version=4)
        _SETUP[chapter] = "\n".join(
            c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup"
        )
    return _SETUP[chapter]


def run_answer(ex_id, code):
    """(status, message) of check() on ``code`` run after the chapter's set-up."""
    checker.reset()
    ns = {"__name__": "__main__"}
    run_cell(_setup_code(EXERCISES[ex_id].chapter), ns)
    run_cell(code, ns)
    try:
        result = check(ex_id, namespace=ns)
    except CheckFailed as failure:
        result = failure.result
    checker.reset()
    return result.status, result.message or ""


def test_catalogue_covers_every_exercise_with_six_wrong_answers():
    assert sorted(CATALOGUE) == sorted(EXERCISES)
    short = {i: len(v) for i, v in CATALOGUE.items() if len(v) < 6}
    assert not short, short
    unknown = {fam for v in CATALOGUE.values() for _, fam, _ in v} - FAMILIES
    assert not unknown, unknown
    narrow = {i: sorted({f for _, f, _ in v}) for i, v in CATALOGUE.items() if len({f for _, f, _ in v}) < 3}
    assert not narrow, f"exercises whose wrong answers cover fewer than 3 families: {narrow}"
    for ex_id, entries in CATALOGUE.items():
        answer = EXERCISES[ex_id].answer
        for code, _, fragment in entries:
            assert answer in code and fragment, (ex_id, code)


def test_every_rule_is_shown_failing_live():
    """Each exercise with a rule from its text (forbid, loops) has a wrong answer that breaks
    it, and the live check names the rule; the rule of unchanged inputs is shown too."""
    for ex_id, ex in EXERCISES.items():
        if ex.has_rules:
            broken = [code for code, fam, _ in CATALOGUE[ex_id] if fam == "rule"]
            assert broken, f"{ex_id} states a rule but no wrong answer breaks it"
            for code in broken:
                status, message = run_answer(ex_id, code)
                assert status != "passed" and ("uses" in message or "loop" in message), message
    in_place = [
        (i, c) for i, v in CATALOGUE.items() for c, fam, frag in v if fam == "in_place" and frag == "changed its input"
    ]
    assert len({i for i, _ in in_place}) >= 10
    for ex_id, code in in_place:
        assert "changed its input" in run_answer(ex_id, code)[1]


@pytest.mark.parametrize("ex_id,k", WRONG_CASES, ids=[f"{i}-{k}" for i, k in WRONG_CASES])
def test_wrong_answer_fails_and_names_the_mistake(ex_id, k):
    code, family, fragment = CATALOGUE[ex_id][k]
    status, message = run_answer(ex_id, code)
    assert status in ("failed", "error"), f"false pass ({family}): {code}"
    assert fragment in message, (family, message)


@pytest.mark.parametrize("ex_id,k", RIGHT_CASES, ids=[f"{i}-{k}" for i, k in RIGHT_CASES])
def test_unusual_right_answer_passes(ex_id, k):
    status, message = run_answer(ex_id, RIGHT[ex_id][k])
    assert status == "passed", message


def measure():
    """``(false_passes, named, total, per_family)`` over the whole catalogue."""
    false_passes, named, total = [], 0, 0
    per_family = Counter()
    for ex_id, k in WRONG_CASES:
        code, family, fragment = CATALOGUE[ex_id][k]
        status, message = run_answer(ex_id, code)
        total += 1
        if status == "passed":
            false_passes.append((ex_id, k))
        elif fragment in message:
            named += 1
            per_family[family] += 1
    return false_passes, named, total, per_family


def test_feedback_numbers():
    false_passes, named, total, per_family = measure()
    share = named / total
    print(
        f"\nwrong answers: {total}; false passes: {len(false_passes)}; "
        f"named: {named} ({share:.1%}); named per family: {dict(sorted(per_family.items()))}"
    )
    assert false_passes == []
    assert share >= 0.90


def test_holdout_numbers():
    """Out of sample: wrong answers written after the detectors and never tuned against them.
    No false pass is allowed; the named share is printed (it is lower than the catalogue's)."""
    from _holdout import HOLDOUT

    false_passes, named = [], 0
    for i, (ex_id, code, fragment) in enumerate(HOLDOUT):
        status, message = run_answer(ex_id, code)
        if status == "passed":
            false_passes.append(i)
        elif fragment in message:
            named += 1
    print(
        f"\nheld-out wrong answers: {len(HOLDOUT)}; false passes: {len(false_passes)}; "
        f"named: {named} ({named / len(HOLDOUT):.0%})"
    )
    assert false_passes == []


# Answers of _holdout2 that an exercise, as changed after that set was written, rightly accepts
# (the set itself is never edited): index -> why. They stay in the denominator, counted as not named.
HOLDOUT2_NOW_RIGHT = {
    56: "np.where over both sigmoid formulas: the overflow happens in the branch not taken and every "
    "value returned is right; stability is judged by the values (issue 9), the warning adds a note",
}


def measure_holdout2():
    """``(false_passes, named, total, rows)`` over tests/_holdout2.py (fragments matched
    case-insensitively, as that file states); rows are (index, ex_id, family, named, message)."""
    from _holdout2 import HOLDOUT2

    false_passes, named, rows = [], 0, []
    for i, (ex_id, code, family, fragment) in enumerate(HOLDOUT2):
        status, message = run_answer(ex_id, code)
        hit = status != "passed" and fragment.lower() in message.lower()
        if status == "passed" and i not in HOLDOUT2_NOW_RIGHT:
            false_passes.append(i)
        named += hit
        rows.append((i, ex_id, family, hit, status, message))
    return false_passes, named, len(HOLDOUT2), rows


def test_holdout2_numbers():
    """The second held-out set, written from the exercise texts alone before the messages of
    the mistake families were changed. No false pass; the named share is printed."""
    from _holdout2 import HOLDOUT2

    assert len(HOLDOUT2) >= 60
    assert {ex for ex, *_ in HOLDOUT2} == set(EXERCISES)
    false_passes, named, total, _ = measure_holdout2()
    print(
        f"\nheld-out set 2: {total}; false passes: {len(false_passes)} {false_passes}; "
        f"named: {named} ({named / total:.1%})"
    )
    assert false_passes == []


def _run_learner(ex_id, code):
    """(status, message) as the learner sees them: if the answer cell itself raises, Python's error
    (shown to the learner under the cell) followed by what check() then says."""
    try:
        return run_answer(ex_id, code)
    except Exception as error:  # the learner's own cell raised
        checker.reset()
        ns = {"__name__": "__main__"}
        run_cell(_setup_code(EXERCISES[ex_id].chapter), ns)
        try:
            result = check(ex_id, namespace=ns)
        except CheckFailed as failure:
            result = failure.result
        checker.reset()
        return "cell-error", f"{type(error).__name__}: {error} | {result.message or ''}"


def measure_holdout3():
    """``(false_passes, named, total, per_family)`` over tests/_holdout3.py, matched as that file
    states (case-insensitive fragment in the message)."""
    from _holdout3 import H3

    false_passes, named, per_family = [], 0, Counter()
    for i, (ex_id, code, family, fragment) in enumerate(H3):
        status, message = _run_learner(ex_id, code)
        if status == "passed":
            false_passes.append(i)
        hit = status != "passed" and fragment.lower() in message.lower()
        named += hit
        per_family[family, hit] += 1
    return false_passes, named, len(H3), per_family


def test_holdout3_numbers():
    """The third held-out set, written blind (from the exercise texts, without reading the
    judge, the banks or the other sets) after the families of issue 9 were built. Measured on
    arrival: 5 false passes and 70.9% named on the code of that time, 73.1% with the term
    variants; the 5 false passes were one family (types the texts state, int and tuple, not
    enforced live), fixed at its cause (``integer_result``/``tuple_result`` checked against the
    texts in test_exercises). No false pass; the named share is printed."""
    from _holdout3 import H3

    assert {ex for ex, *_ in H3} == set(EXERCISES)
    false_passes, named, total, per_family = measure_holdout3()
    families = sorted({f for f, _ in per_family})
    shares = {f: f"{per_family[f, True]}/{per_family[f, True] + per_family[f, False]}" for f in families}
    print(
        f"\nheld-out set 3: {total}; false passes: {len(false_passes)} {false_passes}; "
        f"named: {named} ({named / total:.1%})"
    )
    print(f"named per family: {shares}")
    assert false_passes == []


def test_holdout3_review_still_holds():
    """The named share of held-out set 3 as judged by an independent reviewer (tests/_holdout3_review.py:
    for each wrong answer, the learner's real mistake and whether the message names it, judged from the
    exercise text, the code and the message, without reading the checker). A review quote that no
    longer occurs in its message fails this test: that row must be reviewed again."""
    from _holdout3 import H3
    from _holdout3_review import REVIEW

    assert sorted(REVIEW) == list(range(len(H3)))
    stale, named = [], 0
    for i, (ex_id, code, _family, _fragment) in enumerate(H3):
        verdict, _mistake, quote = REVIEW[i]
        if verdict != "named":
            continue
        status, message = _run_learner(ex_id, code)
        if status == "passed" or quote not in message:
            stale.append(i)
        else:
            named += 1
    print(f"\nheld-out set 3, reviewed: named {named} of {len(H3)} ({named / len(H3):.1%})")
    assert stale == [], f"rows whose reviewed message changed: {stale}"
    assert named / len(H3) >= 0.9
