"""Generate the student copies (``exercises/``) from the single source (``solutions/``).

In each notebook, the solution regions of answer cells (``### BEGIN SOLUTION`` ...
``### END SOLUTION``) become ``# YOUR CODE HERE`` + ``raise NotImplementedError()`` (markdown:
``YOUR ANSWER HERE``), hidden tests (``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS``)
are removed from check cells, and outputs are cleared; metadata and tags are kept, so the
copies still work with nbgrader. The output is deterministic: releasing twice gives the same
bytes, which lets a test compare a fresh release with the committed ``exercises/``.

Before writing anything the source is validated (:func:`validate_notebook`); every problem is
reported with the notebook, the cell number and the grade_id.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from ..._notebooks import clean_notebook
from .._cells import (
    BEGIN_HIDDEN,
    BEGIN_SOLUTION,
    CODE_STUB,
    END_HIDDEN,
    END_SOLUTION,
    MARKDOWN_STUB,
    CellInfo,
    cell_info,
    release_cell,
    strip_hidden_tests,
    strip_solution,
)
from ._validate_source import validate_notebook

__all__ = [
    "release",
    "render_release",
    "out_of_date",
    "release_notebook",
    "release_cell",
    "strip_solution",
    "strip_hidden_tests",
    "validate_notebook",
    "ReleaseError",
    "cell_info",
    "CellInfo",
    "BEGIN_SOLUTION",
    "END_SOLUTION",
    "BEGIN_HIDDEN",
    "END_HIDDEN",
    "CODE_STUB",
    "MARKDOWN_STUB",
]


class ReleaseError(ValueError):
    """The source notebooks have problems; ``problems`` lists them (one string each)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(
            f"{len(self.problems)} problem(s) in the source notebooks:\n" + "\n".join(f"  - {p}" for p in self.problems)
        )


def release_notebook(nb):
    """The student version of a solutions notebook (a new notebook, outputs cleared)."""
    out = copy.deepcopy(nb)
    out.cells = [release_cell(c) for c in nb.cells]
    clean_notebook(out)
    return out


# ---------------------------------------------------------------------------- whole folders


def source_notebooks(src) -> list[Path]:
    src = Path(src)
    if not src.is_dir():
        raise FileNotFoundError(f"solutions folder {src} does not exist")
    return sorted(p for p in src.glob("*.ipynb"))


def render_release(src) -> dict[str, str]:
    """Validate ``src`` and return {notebook file name: released notebook text}.

    Raises
    ------
    ReleaseError
        Listing every problem found in every notebook.
    """
    problems, out = [], {}
    for path in source_notebooks(src):
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as exc:
            problems.append(f"{path.name}: cannot be read as a notebook ({exc})")
            continue
        problems.extend(validate_notebook(nb, path.name))
        out[path.name] = nbformat.writes(release_notebook(nb)) + "\n"
    if problems:
        raise ReleaseError(problems)
    return out


def release(src, dst) -> list[Path]:
    """Write the student copies of every notebook in ``src`` to ``dst``; return the paths
    written (only those whose content changed). Nothing is written if validation fails."""
    rendered = render_release(src)
    dst = Path(dst)
    dst.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rendered.items():
        path = dst / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def out_of_date(src, dst) -> list[str]:
    """Differences between a fresh release of ``src`` and the notebooks in ``dst``."""
    rendered = render_release(src)
    dst = Path(dst)
    problems = []
    for name, text in rendered.items():
        path = dst / name
        if not path.exists():
            problems.append(f"{path} is missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{path} differs from a fresh release of {Path(src) / name}")
    if dst.is_dir():
        for path in sorted(dst.glob("*.ipynb")):
            if path.name not in rendered:
                problems.append(f"{path} has no source in {src}")
    return problems
