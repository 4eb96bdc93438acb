"""Graded exercises: checks with feedback that names the mistake, and the instructor's tools.

The package has three parts, one folder each where it matters:

- the learner's side, :mod:`dlmath.grading.learner`: :func:`check` in the check cells and
  :func:`progress` at the end of a notebook (no extra dependencies beyond NumPy);
- what decides a verdict, shared by both sides: the exercise specs (:mod:`.spec`, the bank in
  ``bank/``), the harness that runs beside the learner's code (:mod:`.harness`) and the plain data
  it sends back (:mod:`.wire`), and the judge (:mod:`.judge`, :mod:`.rules`, :mod:`.mistakes`);
- the instructor's side, :mod:`dlmath.grading.instructor`: ``dlmath-course release`` and
  ``dlmath-course grade`` (sandboxed), which need the ``course`` extra (nbformat,
  jupyter_client, ipykernel).

Exercise authors describe exercises with :class:`Exercise`, :class:`Mistake`, :class:`Variant`
(a term variant of the formula, as data) and :class:`Fn`, using the ready-made detectors in
:mod:`dlmath.grading.mistakes`.
"""

from . import mistakes
from .learner import RESULTS, CheckFailed, CheckResult, check, hint, progress
from .spec import EXERCISES, Exercise, Fn, Mistake, Variant, register

__all__ = [
    "check",
    "hint",
    "progress",
    "Exercise",
    "Mistake",
    "Variant",
    "Fn",
    "register",
    "EXERCISES",
    "mistakes",
    "CheckResult",
    "CheckFailed",
    "RESULTS",
]
