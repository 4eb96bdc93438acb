"""Cells of a solutions notebook: nbgrader markers and metadata, and the student version of a
cell (solution regions replaced by the stub, hidden tests removed, outputs cleared)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
MARKDOWN_STUB = "YOUR ANSWER HERE"
NBGRADER_KEYS = {"schema_version", "grade", "solution", "locked", "task", "grade_id", "points", "cell_type", "checksum"}
GRADE_ID_RE = re.compile(r"^[A-Za-z0-9_-]+$")
CHECK_IMPORT = "from dlmath.grading import check"


@dataclass
class CellInfo:
    """What the release and the grader need to know about one cell."""

    index: int
    cell_type: str
    grade_id: str | None
    role: str | None  # "answer" | "check" | None
    exercise: str | None
    solution: bool
    grade: bool
    points: float | None


def cell_info(cell, index: int) -> CellInfo:
    nbg = cell.get("metadata", {}).get("nbgrader", {}) or {}
    dl = cell.get("metadata", {}).get("dlmath", {}) or {}
    return CellInfo(
        index,
        cell.cell_type,
        nbg.get("grade_id"),
        dl.get("role"),
        dl.get("exercise"),
        bool(nbg.get("solution")),
        bool(nbg.get("grade")),
        nbg.get("points"),
    )


def _regions(lines, begin, end):
    """Yield (start, stop) line indices of marked regions; raise ValueError if unbalanced."""
    start = None
    for i, line in enumerate(lines):
        text = line.strip()
        if text == begin:
            if start is not None:
                raise ValueError(f"'{begin}' inside another '{begin}' (line {i + 1})")
            start = i
        elif text == end:
            if start is None:
                raise ValueError(f"'{end}' without '{begin}' (line {i + 1})")
            yield start, i
            start = None
    if start is not None:
        raise ValueError(f"'{begin}' without '{end}' (line {start + 1})")


def strip_solution(source: str, cell_type: str = "code") -> str:
    """Replace each solution region by the stub, at the indentation of its BEGIN line.

    A solution cell without markers is replaced entirely (as nbgrader does).
    """
    lines = source.splitlines()
    regions = list(_regions(lines, BEGIN_SOLUTION, END_SOLUTION))
    if not regions:
        return "\n".join(CODE_STUB) if cell_type == "code" else MARKDOWN_STUB
    out, pos = [], 0
    for start, stop in regions:
        out.extend(lines[pos:start])
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
        stub = CODE_STUB if cell_type == "code" else (MARKDOWN_STUB,)
        out.extend(indent + s for s in stub)
        pos = stop + 1
    out.extend(lines[pos:])
    return "\n".join(out)


def strip_hidden_tests(source: str) -> str:
    """Remove hidden-test regions (markers included) and the blank lines they leave at the end."""
    lines = source.splitlines()
    drop = set()
    for start, stop in _regions(lines, BEGIN_HIDDEN, END_HIDDEN):
        drop.update(range(start, stop + 1))
    return "\n".join(line for i, line in enumerate(lines) if i not in drop).rstrip()


def release_cell(cell):
    """The student version of one cell (a new cell; the input is not modified)."""
    cell = copy.deepcopy(cell)
    info = cell_info(cell, 0)
    if info.solution:
        cell.source = strip_solution(cell.source, cell.cell_type)
    if info.grade and cell.cell_type == "code":
        cell.source = strip_hidden_tests(cell.source)
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    return cell
