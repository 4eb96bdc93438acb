"""Validation of the solutions notebooks before a release (every problem names the notebook,
the cell and the grade_id)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from .._cells import (
    BEGIN_HIDDEN,
    BEGIN_SOLUTION,
    CHECK_IMPORT,
    END_HIDDEN,
    END_SOLUTION,
    GRADE_ID_RE,
    NBGRADER_KEYS,
    _regions,
    cell_info,
)


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
        from ..spec import EXERCISES

        exercises = EXERCISES
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
                bad(i, gid, f"unknown nbgrader metadata keys {unknown}: keep your own data under metadata 'dlmath'")
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
            bad(len(nb.cells), None, f"exercise {ex.id} is registered for this chapter but has no check cell")
    return problems
