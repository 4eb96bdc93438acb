"""``python -m dlmath.grading``: the same as the ``dlmath-course`` command."""

import sys

from .instructor.cli import main

sys.exit(main())
