"""``python -m dlmath.grading``: the same as the ``dlmath-course`` command."""
import sys

from .cli import main

sys.exit(main())
