"""The demo exercises as a private bank (``dlmath-course grade --bank THIS_FILE``): an
instructor's own exercises, outside the package, in the bank's format."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import demo_bank  # noqa: E402

demo_bank.register_all()
