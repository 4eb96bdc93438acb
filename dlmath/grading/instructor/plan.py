"""Which code runs for one submission, in which order, and where each exercise is judged.

The rules (the same for every student, and stated in each exercise notebook):

- The key's set-up cells run first, from the key (a submission cannot change them). Check and
  progress cells are never run: checks happen in the grader.
- Then the submission's own code cells run in the submission's order: its answer cells
  (matched to the key by nbgrader ``grade_id``) and any code cells the student added (helper
  code is fine). Copies of the key's other cells are skipped.
- An exercise is judged right after its answer cell ran. When a student duplicated an answer
  cell, every copy runs in order and the exercise is judged after the **last** copy (the value a
  reader of the notebook would see); the feedback names the copy.
- An exercise without an answer cell is "not attempted".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .._cells import cell_info

__all__ = ["GradeError", "Step", "Plan", "build_plan", "key_exercises", "answer_grade_ids"]


class GradeError(ValueError):
    """Bad input to the grader (missing folders, a key without check cells, ...)."""


@dataclass
class Step:
    kind: str  # "setup" | "answer" | "added"
    source: str
    cell: int | None = None  # index in the submission (None for key cells)
    exercise: str | None = None  # answer cells: their exercise
    judge: list = field(default_factory=list)  # exercises to judge right after this step


@dataclass
class Plan:
    steps: list
    notes: dict  # exercise id -> notes for its feedback
    general: list  # notes for the whole notebook
    exercises: list  # key exercises: {"id", "points", "answer_gid"}


def key_exercises(key_nb) -> list[dict]:
    """The graded exercises of a key notebook, in order: id, points and answer grade_id."""
    found = []
    answers = {}
    for i, cell in enumerate(key_nb.cells):
        info = cell_info(cell, i)
        if info.solution and cell.cell_type == "code":
            exid = info.exercise or (info.grade_id or "").removesuffix("_answer")
            answers[exid] = info.grade_id
        if info.grade and cell.cell_type == "code":
            if not info.grade_id:
                raise GradeError(f"key cell {i} is a grade cell without a grade_id")
            found.append(
                {
                    "id": info.grade_id,
                    "points": float(info.points or 0),
                    "answer_gid": answers.get(info.grade_id, f"{info.grade_id}_answer"),
                }
            )
    return found


def answer_grade_ids(key_nb) -> set:
    return {ex["answer_gid"] for ex in key_exercises(key_nb)}


def _is_setup(cell, info) -> bool:
    return (
        cell.cell_type == "code"
        and not info.solution
        and not info.grade
        and "dlmath.grading" not in cell.source
        and cell.source.strip() != ""
    )


def build_plan(key_nb, sub_nb) -> Plan:
    exercises = key_exercises(key_nb)
    by_gid = {ex["answer_gid"]: ex["id"] for ex in exercises}
    key_gids = {cell_info(c, i).grade_id for i, c in enumerate(key_nb.cells)} - {None}
    steps = [Step("setup", c.source) for i, c in enumerate(key_nb.cells) if _is_setup(c, cell_info(c, i))]
    notes: dict = {}
    general = []
    copies: dict = {}
    added = []
    for i, cell in enumerate(sub_nb.cells):
        if cell.get("cell_type") != "code":
            continue
        info = cell_info(cell, i)
        exid = by_gid.get(info.grade_id) if info.grade_id else None
        if exid is None and info.role == "answer" and info.exercise in {e["id"] for e in exercises}:
            exid = info.exercise
        if exid is not None:
            steps.append(Step("answer", cell.source, i, exid))
            copies.setdefault(exid, []).append(len(steps) - 1)
        elif info.grade_id in key_gids:
            continue  # a copy of a set-up, check or progress cell: the key's own cells rule
        elif cell.source.strip():
            steps.append(Step("added", cell.source, i))
            added.append(i + 1)
    for ex in exercises:
        where = copies.get(ex["id"])
        if not where:
            notes.setdefault(ex["id"], []).append(
                "The answer cell was not found in your notebook (graded as not attempted)."
            )
            continue
        steps[where[-1]].judge.append(ex["id"])
        if len(where) > 1:
            cells = ", ".join(str(steps[j].cell + 1) for j in where)
            notes.setdefault(ex["id"], []).append(
                f"Your notebook has {len(where)} answer cells for this exercise (cells {cells}); "
                f"all ran in order, and the last one (cell {steps[where[-1]].cell + 1}) was graded."
            )
    if added:
        general.append(
            f"The grader also ran the code cell(s) you added (cell {', '.join(map(str, added))}) "
            f"in their place in your notebook, as the rules in the notebook say."
        )
    return Plan(steps, notes, general, exercises)
