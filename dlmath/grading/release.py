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

import ast
import copy
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .._notebooks import clean_notebook

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
MARKDOWN_STUB = "YOUR ANSWER HERE"
NBGRADER_KEYS = {"schema_version", "grade", "solution", "locked", "task", "grade_id", "points",
                 "cell_type", "checksum"}
GRADE_ID_RE = re.compile(r"^[A-Za-z0-9_-]+$")
CHECK_IMPORT = "from dlmath.grading import check"


class ReleaseError(ValueError):
    """The source notebooks have problems; ``problems`` lists them (one string each)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the source notebooks:\n"
                         + "\n".join(f"  - {p}" for p in self.problems))


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
    return CellInfo(index, cell.cell_type, nbg.get("grade_id"), dl.get("role"), dl.get("exercise"),
                    bool(nbg.get("solution")), bool(nbg.get("grade")), nbg.get("points"))


# ---------------------------------------------------------------------------- transformations

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


def _has_marker(source, *markers):
    return any(line.strip() in markers for line in source.splitlines())


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


def release_notebook(nb):
    """The student version of a solutions notebook (a new notebook, outputs cleared)."""
    out = copy.deepcopy(nb)
    out.cells = [release_cell(c) for c in nb.cells]
    clean_notebook(out)
    return out


# ---------------------------------------------------------------------------- validation

def _defines(source: str, name: str) -> bool:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return True
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id == name:
            return True
        if isinstance(node, ast.alias) and (node.asname or node.name) == name:
            return True
    return False


def _check_call_re(exercise_id):
    return re.compile(r"""\bcheck\(\s*["']""" + re.escape(exercise_id) + r"""["']\s*\)""")


def validate_notebook(nb, name: str, exercises=None) -> list[str]:
    """Problems with a solutions notebook, each naming the notebook, cell and grade_id.

    Parameters
    ----------
    nb : nbformat.NotebookNode
    name : str
        The notebook's file name (used in messages; its stem is the chapter).
    exercises : mapping, optional
        Exercise id -> Exercise; defaults to :data:`dlmath.grading.EXERCISES`.
    """
    if exercises is None:
        from .spec import EXERCISES as exercises
    stem = Path(name).stem
    problems: list[str] = []
    seen_ids: dict[str, int] = {}
    answers: dict[str, int] = {}
    checks: dict[str, int] = {}

    def bad(i, gid, msg):
        problems.append(f"{name} cell {i}" + (f" ({gid})" if gid else "") + f": {msg}")

    if not nb.cells or nb.cells[0].cell_type != "markdown":
        bad(0, None, "the first cell must be markdown with the title and how to use the checks")
    if nb.cells and not re.search(r"\bprogress\(", nb.cells[-1].source):
        bad(len(nb.cells) - 1, None, "the last cell must call progress()")

    for i, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {})
        nbg = meta.get("nbgrader")
        info = cell_info(cell, i)
        gid = info.grade_id
        try:
            sol_marks = list(_regions(cell.source.splitlines(), BEGIN_SOLUTION, END_SOLUTION))
            hid_marks = list(_regions(cell.source.splitlines(), BEGIN_HIDDEN, END_HIDDEN))
        except ValueError as exc:
            bad(i, gid, f"unbalanced markers: {exc}")
            continue
        if sol_marks and not info.solution:
            bad(i, gid, "has solution markers but is not a solution cell (nbgrader solution: true)")
        if hid_marks and not (info.grade and cell.cell_type == "code"):
            bad(i, gid, "has hidden-test markers but is not a grade cell (nbgrader grade: true)")
        if nbg is not None:
            unknown = sorted(set(nbg) - NBGRADER_KEYS)
            if unknown:
                bad(i, gid, f"unknown nbgrader metadata keys {unknown}: keep your own data under "
                            f"metadata 'dlmath'")
            if nbg.get("schema_version") != 3:
                bad(i, gid, f"nbgrader schema_version must be 3, got {nbg.get('schema_version')!r}")
            if nbg.get("solution") or nbg.get("grade") or nbg.get("locked") or nbg.get("task"):
                if not isinstance(gid, str) or not GRADE_ID_RE.match(gid):
                    bad(i, gid, f"grade_id must be letters, digits, _ or -, got {gid!r}")
                elif gid in seen_ids:
                    bad(i, gid, f"grade_id {gid!r} is used again (first in cell {seen_ids[gid]})")
                else:
                    seen_ids[gid] = i
            if info.grade:
                pts = nbg.get("points")
                if isinstance(pts, bool) or not isinstance(pts, (int, float)) or pts <= 0:
                    bad(i, gid, f"a grade cell needs points > 0, got {pts!r}")
        role, exid = info.role, info.exercise
        if role is None and exid is None:
            if info.grade:
                bad(i, gid, "a grade cell without metadata dlmath {'exercise', 'role': 'check'}")
            continue
        if role not in ("answer", "check"):
            bad(i, gid, f"metadata dlmath role must be 'answer' or 'check', got {role!r}")
            continue
        ex = exercises.get(exid) if isinstance(exid, str) else None
        if ex is None:
            bad(i, gid, f"exercise {exid!r} is not registered in dlmath.grading.bank")
            continue
        if ex.chapter and ex.chapter != stem:
            bad(i, gid, f"exercise {exid} belongs to chapter {ex.chapter!r}, not {stem!r}")
        if role == "answer":
            if exid in answers:
                bad(i, gid, f"a second answer cell for {exid} (first in cell {answers[exid]})")
            answers[exid] = i
            if cell.cell_type != "code" or not info.solution:
                bad(i, gid, "an answer cell must be a code cell with nbgrader solution: true")
            if gid != f"{exid}_answer":
                bad(i, gid, f"the answer cell's grade_id must be {exid}_answer")
            if "raises-exception" not in meta.get("tags", []):
                bad(i, gid, "the answer cell needs the tag raises-exception (its stub raises)")
            if not sol_marks:
                bad(i, gid, f"no '{BEGIN_SOLUTION}' ... '{END_SOLUTION}' region")
            try:
                if not _defines(cell.source, ex.answer):
                    bad(i, gid, f"the answer cell does not define {ex.answer!r}")
            except SyntaxError as exc:
                bad(i, gid, f"the answer cell is not valid Python: {exc}")
        else:
            if exid in checks:
                bad(i, gid, f"a second check cell for {exid} (first in cell {checks[exid]})")
            checks[exid] = i
            if cell.cell_type != "code" or not info.grade:
                bad(i, gid, "a check cell must be a code cell with nbgrader grade: true")
            if gid != exid:
                bad(i, gid, f"the check cell's grade_id must equal the exercise id {exid}")
            if not (nbg or {}).get("locked"):
                bad(i, gid, "a check cell must be locked")
            pts = (nbg or {}).get("points")
            if pts is not None and pts != ex.points:
                bad(i, gid, f"points {pts} in the cell but Exercise.points is {ex.points}")
            lines = [ln for ln in cell.source.splitlines() if ln.strip()]
            if not lines or lines[0].strip() != CHECK_IMPORT:
                bad(i, gid, f"the first line of a check cell must be '{CHECK_IMPORT}'")
            if not _check_call_re(exid).search(cell.source):
                bad(i, gid, f'the check cell does not call check("{exid}")')
            if exid not in answers:
                bad(i, gid, f"no answer cell for {exid} above its check cell")
    for exid, i in answers.items():
        if exid not in checks:
            bad(i, f"{exid}_answer", f"no check cell for {exid}")
    for ex in exercises.values():
        if ex.chapter == stem and ex.id not in checks:
            bad(len(nb.cells), None, f"exercise {ex.id} is registered for this chapter but has "
                                     f"no check cell")
    return problems


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
