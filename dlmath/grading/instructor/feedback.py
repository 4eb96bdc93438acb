"""The grader's outputs besides the gradebook: per-student totals and feedback files.

Feedback is written from the check results only (messages, hints, notes): never from cell
sources, so hidden tests and the key's code cannot leak into it.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

TOTAL_COLUMNS = ["student_id", "score", "max_score", "percent", "passed", "failed", "error", "timeout", "not_attempted"]
_LABEL = {
    "passed": "passed",
    "failed": "not yet right",
    "error": "error",
    "timeout": "timed out",
    "not_attempted": "not attempted",
}


def write_totals(rows, path) -> None:
    """One row per student: points over all notebooks and the count of each status."""
    students: dict[str, dict] = {}
    for r in rows:
        t = students.setdefault(r.student_id, {"score": 0.0, "max_score": 0.0})
        t["score"] += r.score
        t["max_score"] += r.max_score
        t[r.status] = t.get(r.status, 0) + 1
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(TOTAL_COLUMNS)
        for sid in sorted(students):
            t = students[sid]
            pct = 100.0 * t["score"] / t["max_score"] if t["max_score"] else 0.0
            w.writerow(
                [sid, f"{t['score']:g}", f"{t['max_score']:g}", f"{pct:.1f}"] + [t.get(s, 0) for s in TOTAL_COLUMNS[4:]]
            )


def _md(text: str) -> str:
    """Keep a message on its lines in markdown (two trailing spaces break a line)."""
    return "  \n".join(str(text).splitlines())


def feedback_text(student: str, notebook: str, rows, general=()) -> str:
    score = sum(r.score for r in rows)
    total = sum(r.max_score for r in rows)
    lines = [f"# Feedback on {notebook}", "", f"Student: {student}  ", f"Score: **{score:g} / {total:g} points**", ""]
    for note in general:
        lines += [f"> {note}", ""]
    lines += ["| Exercise | Result | Points |", "|---|---|---|"]
    for r in rows:
        name = f"{r.exercise}: {r.title}" if r.title and r.title != r.exercise else r.exercise
        lines.append(f"| {name} | {_LABEL.get(r.status, r.status)} | {r.score:g}/{r.max_score:g} |")
    for r in rows:
        if r.status == "passed" and not r.notes:
            continue
        title = f" ({r.title})" if r.title and r.title != r.exercise else ""
        lines += ["", f"## {r.exercise}{title}: {_LABEL.get(r.status, r.status)}", ""]
        if r.message:
            lines += [_md(r.message), ""]
        elif r.status == "not_attempted":
            lines += ["You have not answered this exercise yet.", ""]
        for k, hint in enumerate(r.hints, 1):
            lines.append(f"- Hint {k}: {_md(hint)}")
        for note in r.notes:
            lines.append(f"- Note: {_md(note)}")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip() + "\n"


def write_feedback(results, rows, folder) -> list[Path]:
    """``folder/<student_id>/<notebook stem>.md`` for every graded (student, notebook)."""
    folder = Path(folder)
    written = []
    for res in results:
        mine = [r for r in rows if r.student_id == res["student"] and r.notebook == res["notebook"]]
        path = folder / res["student"] / (Path(res["notebook"]).stem + ".md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(feedback_text(res["student"], res["notebook"], mine, res["general"]), encoding="utf-8")
        written.append(path)
    return written
