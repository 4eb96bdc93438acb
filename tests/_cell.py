"""Run code the way an IPython cell runs: compiled under a file name whose text ``linecache``
knows, so that ``inspect.getsource`` (and the live check's rule checks) can read it."""

from __future__ import annotations

import itertools
import linecache

_COUNTER = itertools.count(1)


def run_cell(code: str, ns: dict) -> None:
    """``exec(code, ns)`` with the source registered in ``linecache``, as IPython does."""
    filename = f"<dlmath-test-cell-{next(_COUNTER)}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    exec(compile(code, filename, "exec"), ns)
