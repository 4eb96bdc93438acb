"""Compatibility alias: the grader now lives in :mod:`dlmath.grading.instructor.grader`."""

from .instructor.grader import *  # noqa: F401,F403
from .instructor.grader import __all__  # noqa: F401
