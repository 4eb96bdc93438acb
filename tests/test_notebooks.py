"""Checks on the notebooks as files: the course is complete, committed clean and deterministic.

nbval (in the same pytest run) executes every notebook and fails on any error; these tests
check what nbval does not: that nothing is missing, that no stale output or widget state was
committed, that the source corrections are visible, and that running twice gives the same
numbers.
"""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from dlmath._notebooks import KERNELSPEC, is_clean, iter_notebooks

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = [
    "01_welcome",
    "02_tensors",
    "03_matrix_operations",
    "03b_geometry",
    "04_neural_networks",
    "05_activations",
    "06_losses",
    "07_gradient_descent",
    "08_backpropagation",
    "08b_autograd",
    "08c_initialization",
    "09_optimizers",
    "10_training",
    "11_cheatsheet",
]
ALL_NOTEBOOKS = list(iter_notebooks([ROOT / "course", ROOT / "solutions", ROOT / "exercises"]))


def test_every_chapter_exists():
    missing = [c for c in CHAPTERS if not (ROOT / "course" / f"{c}.ipynb").exists()]
    assert not missing


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_committed_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert is_clean(nb), f"{path.name} has outputs or widget state: run `python3 dev.py clean-notebooks`"
    # exactly ipykernel's, or JupyterLab marks the notebook modified as it opens
    assert nb.metadata.get("kernelspec") == KERNELSPEC, f"{path.name}: run `python3 dev.py clean-notebooks`"


def test_kernelspec_is_ipykernels_own():
    """KERNELSPEC is what the installed ipykernel announces (it would drift if ipykernel renamed it)."""
    from ipykernel.kernelspec import get_kernel_dict

    spec = get_kernel_dict()
    assert {"name": "python3", "display_name": spec["display_name"], "language": spec["language"]} == KERNELSPEC


def test_corrections_of_the_sources_are_visible():
    """Each chapter that meets a mistake of the source documents says so in a Correction note."""
    notes = []
    for chapter in CHAPTERS:
        nb = nbformat.read(ROOT / "course" / f"{chapter}.ipynb", as_version=4)
        notes += [c.source for c in nb.cells if c.cell_type == "markdown" and "**Correction.**" in c.source]
    text = "\n".join(notes).lower().replace("*", "")  # ignore bold markers
    # one phrase that each correction must contain (see docs/DESIGN.md for the list)
    for phrase in [
        "columns of the first",
        "parameter_old - learning_rate",
        "bias",
        "backpropagation",
        "transpose",
        "mean",
        "epoch",
    ]:
        assert phrase.lower() in text, f"no Correction note mentions {phrase!r}"


def _text_outputs(nb):
    """Per code cell: everything it printed (streams joined: their split into pieces varies
    from run to run) and the text of its results."""
    outs = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "nbval-ignore-output" in cell.metadata.get("tags", []):
            continue
        stream = "".join(out.text for out in cell.outputs if out.output_type == "stream")
        data = [out.data["text/plain"] for out in cell.outputs if "text/plain" in out.get("data", {})]
        outs.append((stream, data))
    return outs


@pytest.mark.parametrize("chapter", ["09_optimizers", "10_training"])
def test_training_chapters_are_deterministic(chapter):
    """Running a chapter twice prints exactly the same numbers (cells with timings are tagged
    ``nbval-ignore-output`` and skipped)."""
    runs = []
    for _ in range(2):
        nb = nbformat.read(ROOT / "course" / f"{chapter}.ipynb", as_version=4)
        NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "course")}}
        ).execute()
        runs.append(_text_outputs(nb))
    assert runs[0] == runs[1]
