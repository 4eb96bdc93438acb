"""End to end: `dlmath-course grade` on made-up submissions, with real sandboxed kernels.

The submissions are generated here from the demo key (tests/grader_fixtures; its exercises come
in as a private bank, ``--bank``): a correct student, a partly correct one, one who deleted and
edited check cells, one who rebinds `check` and prints or displays a fake "passed", two who
monkeypatch the grading code, one whose cells raise, one who kills the kernel, one looping
forever (5 s timeout), one printing megabytes, one without a notebook, one with a corrupt file,
and two who pass the visible cases but not the hidden one. Every row of the gradebook is
asserted. Under CI a missing bubblewrap fails the run (conftest), it is never skipped.
"""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from dlmath.grading.release import release_notebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent / "grader_fixtures"))
import demo_notebooks as demo  # noqa: E402

BANK = Path(__file__).parent / "grader_fixtures" / "demo_private_bank.py"

CORRECT = {
    "demo_matmul": "def demo_matmul_fn(A, B):\n    return A @ B",
    "demo_mean": "demo_mean_value = 2.5",
    "demo_scale": "def demo_scale_fn(c, x):\n    return c * np.asarray(x, dtype=float)",
}

FAKE_PASS = """
def check(*args, **kwargs):
    print("✓ demo_matmul (Matrix product): passed (2/2 points)")
from IPython.display import display
display({"application/vnd.dlmath.grade+json": {"nonce": "0" * 32, "kind": "report",
         "id": "demo_matmul", "genuine": True, "title": "", "fp": {},
         "result": {"status": "passed", "score": 2, "max_score": 2, "message": "",
                    "hints": [], "notes": []}}}, raw=True)
print("passed")
def demo_matmul_fn(A, B):
    return (A @ B).T
check("demo_matmul")
"""

PATCH_CHECK = """
import dlmath.grading, dlmath.grading.checker as _c
_c.check = lambda *args, **kwargs: print("passed")
dlmath.grading.check = _c.check
demo_mean_value = 3.0
"""

SWAP_REFERENCE = """
from dlmath.grading import EXERCISES
def demo_scale_fn(c, x):
    return 0 * x
EXERCISES["demo_scale"].reference = demo_scale_fn
"""

STUCK_LOOP = """
import time
while True:
    try:
        time.sleep(0.5)
    except KeyboardInterrupt:
        pass
"""

# student -> {exercise: (status, score)}; max scores: matmul 2, mean 1, scale 3
EXPECTED = {
    "s01_correct": {"demo_matmul": ("passed", 2), "demo_mean": ("passed", 1), "demo_scale": ("passed", 3)},
    "s02_partly": {"demo_matmul": ("passed", 2), "demo_mean": ("failed", 0), "demo_scale": ("not_attempted", 0)},
    "s03_deleted_checks": {
        "demo_matmul": ("failed", 0),
        "demo_mean": ("failed", 0),
        "demo_scale": ("not_attempted", 0),
    },
    "s04_fake_pass": {"demo_matmul": ("failed", 0), "demo_mean": ("passed", 1), "demo_scale": ("failed", 0)},
    # patching the checking code in the kernel changes nothing: the checks run in the grader
    "s05_patch_check": {"demo_matmul": ("passed", 2), "demo_mean": ("failed", 0), "demo_scale": ("passed", 3)},
    "s06_swap_reference": {"demo_matmul": ("passed", 2), "demo_mean": ("passed", 1), "demo_scale": ("failed", 0)},
    "s07_raises": {"demo_matmul": ("error", 0), "demo_mean": ("error", 0), "demo_scale": ("error", 0)},
    "s08_exits": {"demo_matmul": ("error", 0), "demo_mean": ("error", 0), "demo_scale": ("error", 0)},
    "s09_loops": {"demo_matmul": ("timeout", 0), "demo_mean": ("passed", 1), "demo_scale": ("timeout", 0)},
    "s10_prints_megabytes": {"demo_matmul": ("passed", 2), "demo_mean": ("passed", 1), "demo_scale": ("passed", 3)},
    "s11_no_notebook": {
        "demo_matmul": ("not_attempted", 0),
        "demo_mean": ("not_attempted", 0),
        "demo_scale": ("not_attempted", 0),
    },
    "s12_corrupt_file": {"demo_matmul": ("error", 0), "demo_mean": ("error", 0), "demo_scale": ("error", 0)},
    "s13_hidden_assert": {"demo_matmul": ("passed", 2), "demo_mean": ("passed", 1), "demo_scale": ("failed", 0)},
    "s14_hidden_error": {"demo_matmul": ("passed", 2), "demo_mean": ("passed", 1), "demo_scale": ("error", 0)},
}


def _submissions(key, folder):
    stub = release_notebook(key)
    subs = {}
    subs["s01_correct"] = key
    partly = demo.with_answers(
        stub, demo_matmul="def demo_matmul_fn(A, B):\n    return A @ B.T", demo_mean="demo_mean_value = 1 + 2 + 3 + 4"
    )
    # the student copied the matmul answer cell and fixed it in the copy (the last one counts)
    fixed = nbformat.from_dict(dict(partly.cells[3]))
    fixed.source = CORRECT["demo_matmul"]
    fixed["id"] = "student-copy"
    partly.cells.insert(4, fixed)
    subs["s02_partly"] = partly
    tampered = demo.with_answers(
        stub, demo_matmul="def demo_matmul_fn(A, B):\n    return (A @ B).T", demo_mean="demo_mean_value = 3.0"
    )
    # the set-up cell comes from the key: this sabotage must have no effect
    tampered.cells[1].source = "import dlmath.grading.checker as c\nc.check = lambda *a, **k: print('passed')"
    del tampered.cells[4]  # the matmul check cell
    tampered.cells[6].source = 'print("✓ demo_mean passed")'  # the mean check cell, edited
    tampered.cells[6].outputs = [nbformat.v4.new_output("stream", name="stdout", text="passed\n")]
    subs["s03_deleted_checks"] = tampered
    subs["s04_fake_pass"] = demo.with_answers(
        stub,
        demo_matmul=FAKE_PASS,
        demo_mean=CORRECT["demo_mean"] + "\ncheck = None",
        demo_scale="def demo_scale_fn(c, x):\n    return c + x\ncheck = lambda *a: print('passed')",
    )
    subs["s05_patch_check"] = demo.with_answers(
        stub, demo_matmul=CORRECT["demo_matmul"], demo_mean=PATCH_CHECK, demo_scale=CORRECT["demo_scale"]
    )
    subs["s06_swap_reference"] = demo.with_answers(
        stub, demo_matmul=CORRECT["demo_matmul"], demo_mean=CORRECT["demo_mean"], demo_scale=SWAP_REFERENCE
    )
    subs["s07_raises"] = demo.with_answers(
        stub,
        demo_matmul='raise ValueError("oops")\n' + CORRECT["demo_matmul"],
        demo_mean='answer = input("What is the mean? ")  # stdin is disabled when grading\n' + CORRECT["demo_mean"],
        demo_scale='def demo_scale_fn(c, x):\n    raise TypeError("bad scale")',
    )
    subs["s08_exits"] = demo.with_answers(
        stub,
        demo_matmul="import os\nos._exit(1)",
        demo_mean="import sys\nsys.exit(3)",
        demo_scale="exit()\n" + CORRECT["demo_scale"],
    )
    subs["s09_loops"] = demo.with_answers(
        stub,
        demo_matmul=STUCK_LOOP,
        demo_mean=CORRECT["demo_mean"],
        demo_scale="def demo_scale_fn(c, x):\n    while True:\n        pass",
    )
    subs["s10_prints_megabytes"] = demo.with_answers(
        stub,
        demo_matmul='print("x" * 20_000_000)\n' + CORRECT["demo_matmul"],
        demo_mean="for i in range(100_000):\n    print(i)\n" + CORRECT["demo_mean"],
        demo_scale=CORRECT["demo_scale"],
    )
    # right on the visible cases (c = 2, -1), wrong for c = 3 (the hidden test)
    subs["s13_hidden_assert"] = demo.with_answers(
        stub,
        demo_matmul=CORRECT["demo_matmul"],
        demo_mean=CORRECT["demo_mean"],
        demo_scale="def demo_scale_fn(c, x):\n    return c * np.asarray(x, dtype=float) + (c == 3)",
    )
    # right for arrays, but a list x (the hidden test) is repeated, not scaled: [1, 2] * 3
    subs["s14_hidden_error"] = demo.with_answers(
        stub,
        demo_matmul=CORRECT["demo_matmul"],
        demo_mean=CORRECT["demo_mean"],
        demo_scale="def demo_scale_fn(c, x):\n    return x * c",
    )
    for student, nb in subs.items():
        demo.write(nb, folder / student / demo.NAME)
    (folder / "s11_no_notebook").mkdir()
    (folder / "s11_no_notebook" / "notes.txt").write_text("I forgot")
    (folder / "s12_corrupt_file").mkdir()
    (folder / "s12_corrupt_file" / demo.NAME).write_text('{"cells": [')


def _hashes(folder):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("grading")
    key = demo.key_notebook()
    demo.write(key, tmp / "key" / demo.NAME)
    _submissions(key, tmp / "submissions")
    before = _hashes(tmp / "submissions")
    out = tmp / "out" / "grades.csv"
    start = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "dlmath.grading",
            "grade",
            str(tmp / "submissions"),
            "--key",
            str(tmp / "key"),
            "--out",
            str(out),
            "--jobs",
            "2",
            "--timeout",
            "5",
            "--bank",
            str(BANK),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    seconds = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr[-3000:]
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {
        "tmp": tmp,
        "rows": rows,
        "out": out,
        "before": before,
        "seconds": seconds,
        "stdout": proc.stdout,
        "stderr": proc.stderr,
    }


def test_every_row_of_the_gradebook(graded):
    rows = graded["rows"]
    assert list(rows[0].keys()) == ["student_id", "notebook", "exercise", "score", "max_score", "status"]
    got = {(r["student_id"], r["exercise"]): (r["status"], float(r["score"])) for r in rows}
    expected = {(s, ex): (st, float(sc)) for s, exs in EXPECTED.items() for ex, (st, sc) in exs.items()}
    wrong = {k: (got.get(k), v) for k, v in expected.items() if got.get(k) != v}
    assert not wrong, f"(got, expected) per (student, exercise): {wrong}"
    assert len(rows) == len(expected)
    assert {r["notebook"] for r in rows} == {demo.NAME}
    assert {(r["exercise"], r["max_score"]) for r in rows} == {
        ("demo_matmul", "2"),
        ("demo_mean", "1"),
        ("demo_scale", "3"),
    }


def test_totals_file(graded):
    with open(graded["out"].with_name("grades_totals.csv"), newline="") as fh:
        totals = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert set(totals) == set(EXPECTED)
    assert (totals["s01_correct"]["score"], totals["s01_correct"]["max_score"], totals["s01_correct"]["percent"]) == (
        "6",
        "6",
        "100.0",
    )
    assert totals["s02_partly"]["score"] == "2" and totals["s02_partly"]["failed"] == "1"
    assert totals["s09_loops"]["timeout"] == "2"


def test_submissions_are_never_modified(graded):
    assert _hashes(graded["tmp"] / "submissions") == graded["before"]


def _feedback(graded, student):
    return (graded["out"].parent / "feedback" / student / "99_demo.md").read_text()


def test_feedback_names_mistakes_and_hints_without_hidden_tests_or_solutions(graded):
    folder = graded["out"].parent / "feedback"
    texts = {p.parent.name: p.read_text() for p in folder.glob("*/99_demo.md")}
    assert set(texts) == set(EXPECTED)
    for student, text in texts.items():
        assert "[1, 2]" not in text and "HIDDEN" not in text, student  # the hidden case
        assert "einsum" not in text and "1 + 2 + 3 + 4" not in text, student  # the key's code
    partly = texts["s02_partly"]
    assert "that is the sum, not the mean" in partly
    assert "Hint 1: Divide by how many numbers there are." in partly
    assert (
        "2 answer cells for this exercise (cells 4, 5); all ran in order, and the last one (cell 5) was graded"
        in partly
    )
    assert "did you transpose?" in texts["s03_deleted_checks"]
    assert "Score: **6 / 6 points**" in texts["s01_correct"]


def test_feedback_explains_errors_and_timeouts(graded):
    raises = _feedback(graded, "s07_raises")
    assert "Your answer cell raised ValueError: oops" in raises
    assert "your function raised TypeError: bad scale" in raises
    assert "Your answer cell raised StdinNotImplementedError" in raises
    exits = _feedback(graded, "s08_exits")
    assert "The kernel stopped while running your answer cell" in exits
    assert exits.count("called exit(), quit() or raise SystemExit") == 2
    loops = _feedback(graded, "s09_loops")
    assert "Your answer cell did not finish within 5 s" in loops
    assert "The check did not finish within 5 s" in loops
    assert "kernel was restarted" in loops  # the loop swallowed the interrupt
    assert "For a hidden test case: 2 of 2 entries of your result are wrong" in _feedback(graded, "s13_hidden_assert")
    assert "For a hidden test case: your function raised TypeError" in _feedback(graded, "s14_hidden_error")
    assert "No submission" in _feedback(graded, "s11_no_notebook")
    assert "could not be read" in _feedback(graded, "s12_corrupt_file")


def test_summary_and_speed(graded):
    assert "graded 14 notebook(s) of 14 student(s)" in graded["stdout"]
    assert "grading: 100%" in graded["stderr"]  # the tqdm progress bar
    assert graded["seconds"] < 90, graded["seconds"]


def _real_chapter():
    """The chapter whose exercises have rules and hidden cases (matrix operations)."""
    return ROOT / "solutions" / "03_matrix_operations.ipynb"


def test_one_real_chapter(tmp_path):
    """The key graded against itself passes everything; its released copy is not attempted."""
    from dlmath.grading.grader import grade

    chapter = _real_chapter()
    key = tmp_path / "key"
    key.mkdir()
    (key / chapter.name).write_bytes(chapter.read_bytes())
    demo.write(nbformat.read(chapter, as_version=4), tmp_path / "subs" / "solver" / chapter.name)
    demo.write(release_notebook(nbformat.read(chapter, as_version=4)), tmp_path / "subs" / "blank" / chapter.name)
    out = tmp_path / "grades.csv"
    grade(tmp_path / "subs", key, out, jobs=2, timeout=30, progress=False)
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh))
    n_checks = sum(1 for c in nbformat.read(chapter, as_version=4).cells if c.metadata.get("nbgrader", {}).get("grade"))
    assert n_checks >= 3 and len(rows) == 2 * n_checks
    for r in rows:
        if r["student_id"] == "solver":
            assert (r["status"], r["score"]) == ("passed", r["max_score"]), r
        else:
            assert (r["status"], r["score"]) == ("not_attempted", "0"), r


def test_bad_arguments_are_clear_errors(tmp_path):
    from dlmath.grading.cli import main

    assert main(["grade", str(tmp_path / "nope"), "--key", str(tmp_path), "--quiet"]) == 1
    (tmp_path / "subs").mkdir()
    assert main(["grade", str(tmp_path / "subs"), "--key", str(tmp_path), "--quiet"]) == 1
