"""The notebook the grader runs for one submission, built from the KEY: answer cells from the
submission (matched by nbgrader grade_id), every other cell from the key, plus the grader's own
injected cells (set-up, baseline, and begin/report around each check cell)."""
from __future__ import annotations

from dataclasses import dataclass

from . import _injected as inj
from ._cells import cell_info, strip_solution


class GradeError(ValueError):
    """Bad input to the grader (missing folders, a key without check cells, ...)."""


@dataclass
class _Step:
    kind: str  # setup | baseline | key | answer | begin | check | report
    source: str
    exercise: str | None = None
    tag: str = ""


def key_exercises(key_nb) -> list[dict]:
    """The graded exercises of a key notebook, in order: id, points, answer grade_id."""
    found = []
    for i, cell in enumerate(key_nb.cells):
        info = cell_info(cell, i)
        if info.grade and cell.cell_type == "code":
            if not info.grade_id:
                raise GradeError(f"key cell {i} is a grade cell without a grade_id")
            found.append({"id": info.grade_id, "points": float(info.points or 0)})
    return found


def _answer_cells(sub_nb):
    """Submission code cells by grade_id (and by dlmath exercise id, as a fallback)."""
    by_gid, by_ex = {}, {}
    for cell in sub_nb.cells if sub_nb is not None else []:
        if cell.get("cell_type") != "code":
            continue
        info = cell_info(cell, 0)
        if info.grade_id:
            by_gid.setdefault(info.grade_id, []).append(cell)
        if info.role == "answer" and info.exercise:
            by_ex.setdefault(info.exercise, []).append(cell)
    return by_gid, by_ex


def build_plan(key_nb, sub_nb):
    """Steps to run and notes for the feedback (answers found twice, added cells, ...)."""
    by_gid, by_ex = _answer_cells(sub_nb)
    steps, notes, used = [_Step("setup", inj.setup_source())], {}, set()
    baseline_done = False
    for i, cell in enumerate(key_nb.cells):
        if cell.cell_type != "code":
            continue
        info = cell_info(cell, i)
        if info.solution:
            exid = info.exercise or (info.grade_id or "")[: -len("_answer")]
            cands = by_gid.get(info.grade_id) or by_ex.get(exid) or []
            if not baseline_done:
                steps.append(_Step("baseline", "", tag=inj.nonce()))
                baseline_done = True
            if cands:
                chosen = cands[-1]
                used.add(id(chosen))
                if len(cands) > 1:
                    notes.setdefault(exid, []).append(
                        f"Your notebook has {len(cands)} answer cells for this exercise; the last "
                        f"one was graded.")
                source = chosen.source
            else:
                source = strip_solution(cell.source, "code")
                if sub_nb is not None:
                    notes.setdefault(exid, []).append(
                        "The answer cell was not found in your notebook (graded as not attempted).")
            steps.append(_Step("answer", source, exid))
        elif info.grade:
            steps.append(_Step("begin", inj.begin_source(info.grade_id), info.grade_id))
            steps.append(_Step("check", cell.source, info.grade_id))
            tag = inj.nonce()
            steps.append(_Step("report", inj.report_source(tag, info.grade_id), info.grade_id, tag))
        else:
            steps.append(_Step("key", cell.source))
    extra = sum(1 for c in (sub_nb.cells if sub_nb is not None else [])
                if c.get("cell_type") == "code" and id(c) not in used and c.source.strip()
                and not cell_info(c, 0).grade_id)
    general = []
    if extra:
        general.append(f"{extra} code cell(s) you added were not run by the grader: only the "
                       f"answer cells are graded, so put helper code inside an answer cell.")
    for step in steps:
        if step.kind == "baseline":
            step.source = inj.baseline_source(step.tag)
    return steps, notes, general
