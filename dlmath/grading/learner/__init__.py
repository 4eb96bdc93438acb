"""The learner's side of the exercises: what runs in the learner's own kernel.

:func:`check` (in each check cell), :func:`hint` (one more hint on request) and
:func:`progress` (at the end of a notebook). They run the same harness and the same judge as
the instructor's grader, in-process: a learner sees the verdict the grader will give.
"""

from .live import RESULTS, CheckFailed, CheckResult, check, hint, progress, reset

__all__ = ["check", "hint", "progress", "reset", "CheckResult", "CheckFailed", "RESULTS"]
