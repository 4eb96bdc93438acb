"""Graded exercises: checks with feedback that names the mistake, and the instructor's tools.

Learners use :func:`check` in the check cells and :func:`progress` at the end of a notebook.
Exercise authors describe exercises with :class:`Exercise` and :class:`Mistake` (see
``dlmath.grading.bank``) using the ready-made detectors in :mod:`dlmath.grading.mistakes`.
Instructors use the ``dlmath-course`` command (``release`` and ``grade``, see
:mod:`dlmath.grading.cli`). Importing this package is cheap: nbformat and nbclient are only
imported by the release and grade commands.
"""
from . import mistakes
from .checker import RESULTS, CheckFailed, CheckResult, check, progress
from .spec import EXERCISES, Exercise, Mistake, register

__all__ = ["check", "progress", "Exercise", "Mistake", "register", "EXERCISES", "mistakes",
           "CheckResult", "CheckFailed", "RESULTS"]
