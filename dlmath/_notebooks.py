"""Notebook housekeeping: strip outputs so notebooks are committed clean.

``python -m dlmath._notebooks clean PATH...`` clears outputs, execution counts and widget
state of every ``.ipynb`` under the given files or folders, using nbformat (never JSON by hand),
and sets the kernelspec to ipykernel's own (:data:`KERNELSPEC`): JupyterLab marks a notebook
whose kernelspec differs from the kernel's as modified as soon as it opens. ``language_info``
is kept to ``{"name": "python"}``: the course's server fills in the kernel's (see
:mod:`dlmath._labserver`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import nbformat

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
LANGUAGE_INFO = {"name": "python"}  # the rest (with the Python version) is filled in by dlmath._labserver


def clean_notebook(nb: nbformat.NotebookNode) -> bool:
    """Clear outputs, execution counts and widget state, set :data:`KERNELSPEC` (in place);
    return True if anything changed."""
    before = nbformat.writes(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    return nbformat.writes(nb) != before


def iter_notebooks(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every notebook among ``paths``: the files themselves, and those below each folder."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*.ipynb") if ".ipynb_checkpoints" not in q.parts)
        elif p.suffix == ".ipynb":
            yield p


def is_clean(nb: nbformat.NotebookNode) -> bool:
    """True when the notebook has no outputs, execution counts or widget state, ipykernel's
    kernelspec and the committed ``language_info``."""
    meta = nb.metadata
    return (
        "widgets" not in meta and meta.get("kernelspec") == KERNELSPEC and meta.get("language_info") == LANGUAGE_INFO
    ) and all(c.cell_type != "code" or (not c.outputs and c.execution_count is None) for c in nb.cells)


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "clean":
        print("usage: python -m dlmath._notebooks clean PATH...")
        return 2
    for path in iter_notebooks(argv[1:] or ["."]):
        nb = nbformat.read(path, as_version=4)
        if clean_notebook(nb):
            nbformat.write(nb, path)
            print(f"cleaned {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
