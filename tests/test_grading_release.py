"""solutions -> exercises: the transformation, its validation, determinism, and the committed copy."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_output

from dlmath.grading.release import (
    ReleaseError,
    out_of_date,
    release,
    release_notebook,
    render_release,
    strip_hidden_tests,
    strip_solution,
    validate_notebook,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent / "grader_fixtures"))
import demo_bank  # noqa: E402
import demo_notebooks as demo  # noqa: E402


@pytest.fixture
def demo_exercises():
    demo_bank.register_all()
    yield
    demo_bank.unregister_all()


# ---------------------------------------------------------------------------- markers


def test_solution_region_becomes_stub_at_its_indentation():
    src = "def f(x):\n    y = 1\n    ### BEGIN SOLUTION\n    return x + y\n    ### END SOLUTION\n# after"
    assert strip_solution(src) == (
        "def f(x):\n    y = 1\n    # YOUR CODE HERE\n    raise NotImplementedError()\n# after"
    )


def test_two_regions_and_markdown():
    src = "a\n### BEGIN SOLUTION\nx\n### END SOLUTION\nb\n### BEGIN SOLUTION\ny\n### END SOLUTION"
    out = strip_solution(src)
    assert out.count("raise NotImplementedError()") == 2 and "x" not in out.split("\n")
    assert (
        strip_solution("Because\n### BEGIN SOLUTION\nsecret\n### END SOLUTION", "markdown")
        == "Because\nYOUR ANSWER HERE"
    )


def test_solution_cell_without_markers_is_replaced_entirely():
    assert strip_solution("x = 42") == "# YOUR CODE HERE\nraise NotImplementedError()"
    assert strip_solution("It is 42.", "markdown") == "YOUR ANSWER HERE"


@pytest.mark.parametrize(
    "src",
    [
        "### BEGIN SOLUTION\nx",
        "x\n### END SOLUTION",
        "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION",
    ],
)
def test_unbalanced_markers_raise(src):
    with pytest.raises(ValueError, match="SOLUTION"):
        strip_solution(src)


def test_hidden_tests_removed():
    src = (
        'from dlmath.grading import check\ncheck("a")\n### BEGIN HIDDEN TESTS\nassert f(1) == 2\n### END HIDDEN TESTS\n'
    )
    assert strip_hidden_tests(src) == 'from dlmath.grading import check\ncheck("a")'


# ---------------------------------------------------------------------------- whole notebooks


def test_release_notebook(demo_exercises):
    key = demo.key_notebook()
    key.cells[3].outputs = [new_output("stream", name="stdout", text="hi")]
    key.cells[3].execution_count = 3
    before = nbformat.writes(key)
    out = release_notebook(key)
    assert nbformat.writes(key) == before  # the source is not modified
    sources = [c.source for c in out.cells]
    assert "einsum" not in "".join(sources) and "(1 + 2 + 3 + 4)" not in "".join(sources)
    assert sources[3] == ("def demo_matmul_fn(A, B):\n    # YOUR CODE HERE\n    raise NotImplementedError()")
    assert sources[6] == "# YOUR CODE HERE\nraise NotImplementedError()"
    assert sources[10] == 'from dlmath.grading import check\ncheck("demo_scale")'
    assert "HIDDEN" not in "".join(sources) and "tolist" not in "".join(sources)
    assert out.cells[3].outputs == [] and out.cells[3].execution_count is None
    for a, b in zip(key.cells, out.cells):  # metadata, tags and ids kept
        assert a.metadata == b.metadata and a.get("id") == b.get("id")
    assert out.cells[3].metadata["tags"] == ["raises-exception"]
    assert not validate_notebook(key, demo.NAME)


def test_release_folder_is_deterministic_and_up_to_date_check(tmp_path, demo_exercises):
    src = tmp_path / "solutions"
    demo.write(demo.key_notebook(), src / demo.NAME)
    first = render_release(src)
    assert render_release(src) == first
    dst = tmp_path / "exercises"
    assert release(src, dst) == [dst / demo.NAME]
    assert release(src, dst) == []  # nothing changed, nothing written
    assert out_of_date(src, dst) == []
    nb = nbformat.read(src / demo.NAME, as_version=4)
    nb.cells[2].source += " Edited."
    nbformat.write(nb, src / demo.NAME)
    assert any("differs" in p for p in out_of_date(src, dst))
    (dst / "stale.ipynb").write_text((dst / demo.NAME).read_text())
    assert any("stale.ipynb has no source" in p for p in out_of_date(src, dst))


def _problems(nb):
    return "\n".join(validate_notebook(nb, demo.NAME))


def test_validation_names_notebook_cell_and_grade_id(demo_exercises):
    nb = demo.key_notebook()
    bad = copy.deepcopy(nb)
    bad.cells[7].metadata["nbgrader"]["grade_id"] = "demo_matmul"  # duplicate of cell 4
    assert "99_demo.ipynb cell 7 (demo_matmul): grade_id 'demo_matmul' is used again (first in cell 4)" in _problems(
        bad
    )

    bad = copy.deepcopy(nb)
    del bad.cells[4].metadata["nbgrader"]["points"]
    assert "cell 4 (demo_matmul): a grade cell needs points > 0" in _problems(bad)

    bad = copy.deepcopy(nb)
    bad.cells[4].metadata["nbgrader"]["points"] = 5
    assert "points 5 in the cell but Exercise.points is 2" in _problems(bad)

    bad = copy.deepcopy(nb)
    bad.cells[7].metadata["dlmath"]["exercise"] = "demo_nope"
    assert "exercise 'demo_nope' is not registered" in _problems(bad)

    bad = copy.deepcopy(nb)
    bad.cells[3].source += "\n### BEGIN HIDDEN TESTS\nassert True\n### END HIDDEN TESTS"
    assert "cell 3 (demo_matmul_answer): has hidden-test markers but is not a grade cell" in _problems(bad)

    bad = copy.deepcopy(nb)
    bad.cells[4].metadata["nbgrader"]["dlmath_points"] = 2
    assert "unknown nbgrader metadata keys ['dlmath_points']" in _problems(bad)

    bad = copy.deepcopy(nb)
    bad.cells[6].source = "### BEGIN SOLUTION\nanswer = 2.5\n### END SOLUTION"
    assert "does not define 'demo_mean_value'" in _problems(bad)

    bad = copy.deepcopy(nb)
    bad.cells[4].source = 'check("demo_matmul")'
    assert "first line of a check cell must be 'from dlmath.grading import check'" in _problems(bad)

    bad = copy.deepcopy(nb)
    del bad.cells[10]
    assert "exercise demo_scale is registered for this chapter but has no check cell" in _problems(bad)
    assert "no check cell for demo_scale" in _problems(bad)


def test_render_release_reports_all_problems_and_writes_nothing(tmp_path, demo_exercises):
    src, dst = tmp_path / "solutions", tmp_path / "exercises"
    nb = demo.key_notebook()
    del nb.cells[4].metadata["nbgrader"]["points"]
    demo.write(nb, src / demo.NAME)
    with pytest.raises(ReleaseError, match="99_demo.ipynb cell 4"):
        release(src, dst)
    assert not dst.exists()


def test_cli_release_and_check(tmp_path):
    # a subprocess: the demo exercises are registered by a sitecustomize-free route, the key's
    # own set-up is not run by release, so register them through PYTHONPATH + a tiny wrapper
    src, dst = tmp_path / "solutions", tmp_path / "exercises"
    demo.write(demo.key_notebook(), src / demo.NAME)
    wrapper = (
        "import sys, demo_bank; demo_bank.register_all()\n"
        "from dlmath.grading.cli import main\nsys.exit(main(sys.argv[1:]))"
    )
    env_path = str(Path(__file__).parent / "grader_fixtures")

    def run(*args):
        return subprocess.run(
            [sys.executable, "-c", wrapper, *args],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
        )

    r = run("release", str(src), str(dst), "--check")
    assert r.returncode == 1 and "is missing" in r.stdout
    r = run("release", str(src), str(dst))
    assert r.returncode == 0 and "wrote" in r.stdout
    r = run("release", str(src), str(dst), "--check")
    assert r.returncode == 0 and "up to date" in r.stdout


# ---------------------------------------------------------------------------- the real course


def test_committed_exercises_are_up_to_date_with_solutions():
    solutions = ROOT / "solutions"
    if not any(solutions.glob("*.ipynb")):
        pytest.skip("no solutions/ notebooks yet")
    problems = out_of_date(solutions, ROOT / "exercises")
    assert not problems, "exercises/ is out of date; run `dlmath-course release solutions exercises`:\n" + "\n".join(
        problems
    )
