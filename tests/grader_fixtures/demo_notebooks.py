"""Build the demo key notebook (a small ``solutions/`` notebook) and submissions made from it.

Everything is authored with nbformat. Submissions are made by replacing the source of answer
cells (matched by nbgrader grade_id) in a copy of the key or of its released student copy, or by
deleting / editing cells, as a student might.
"""

import copy
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
NAME = "99_demo.ipynb"


def _nbg(grade_id, *, solution=False, grade=False, locked=True, points=None):
    meta = {"grade_id": grade_id, "solution": solution, "grade": grade, "locked": locked, "schema_version": 3}
    if points is not None:
        meta["points"] = points
    return meta


def _md(grade_id, text):
    return new_markdown_cell(text, metadata={"nbgrader": _nbg(grade_id)})


def _answer(ex_id, source):
    return new_code_cell(
        source,
        metadata={
            "nbgrader": _nbg(f"{ex_id}_answer", solution=True, locked=False),
            "dlmath": {"exercise": ex_id, "role": "answer"},
            "tags": ["raises-exception"],
        },
    )


def _check(ex_id, points, hidden=""):
    source = f'from dlmath.grading import check\ncheck("{ex_id}")'
    if hidden:
        source += f"\n### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS"
    return new_code_cell(
        source,
        metadata={"nbgrader": _nbg(ex_id, grade=True, points=points), "dlmath": {"exercise": ex_id, "role": "check"}},
    )


def key_notebook():
    """The demo key: three exercises, one with hidden tests. Cells get fixed ids (deterministic)."""
    cells = [
        _md("intro", "# Demo exercises\n\nRun each check cell after your answer."),
        new_code_cell("import numpy as np", metadata={"nbgrader": _nbg("setup")}),
        _md("demo_matmul_text", "## 1. Matrix product\n\nWrite `demo_matmul_fn(A, B)`."),
        _answer(
            "demo_matmul",
            "def demo_matmul_fn(A, B):\n    ### BEGIN SOLUTION\n"
            "    return np.einsum('ik,kj->ij', A, B)\n    ### END SOLUTION",
        ),
        _check("demo_matmul", 2),
        _md("demo_mean_text", "## 2. A mean\n\nSet `demo_mean_value` to the mean of 1, 2, 3, 4."),
        _answer("demo_mean", "### BEGIN SOLUTION\ndemo_mean_value = (1 + 2 + 3 + 4) / 4\n### END SOLUTION"),
        _check("demo_mean", 1),
        _md("demo_scale_text", "## 3. Scale\n\nWrite `demo_scale_fn(c, x)`."),
        _answer(
            "demo_scale",
            "def demo_scale_fn(c, x):\n    ### BEGIN SOLUTION\n"
            "    return c * np.asarray(x, dtype=float)\n    ### END SOLUTION",
        ),
        _check("demo_scale", 3),
        _md("progress_text", "## Progress"),
        new_code_cell(
            "from dlmath.grading import progress\nprogress('99_demo')", metadata={"nbgrader": _nbg("progress")}
        ),
    ]
    for k, cell in enumerate(cells):
        cell["id"] = f"demo-cell-{k:02d}"
    nb = new_notebook(
        cells=cells, metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    )
    return nb


def with_answers(nb, **sources):
    """A copy of ``nb`` whose answer cells ``<id>_answer`` get new sources (by exercise id)."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        ex = gid[: -len("_answer")] if gid.endswith("_answer") else None
        if ex in sources:
            cell.source = sources[ex]
    return nb


def write(nb, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path
