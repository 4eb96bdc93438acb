"""Compatibility alias: the release tools now live in :mod:`dlmath.grading.instructor.release`."""

from .instructor.release import *  # noqa: F401,F403
from .instructor.release import __all__  # noqa: F401
