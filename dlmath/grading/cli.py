"""Compatibility alias: the ``dlmath-course`` command now lives in
:mod:`dlmath.grading.instructor.cli`."""

from .instructor.cli import build_parser, main  # noqa: F401
