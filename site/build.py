"""Build the static course site: ``python3 dev.py site`` (or ``.venv/bin/python site/build.py``).

Every chapter (``course/``), the exercise notebooks (``exercises/``: the student copies, no
solutions) and the cheat sheet, executed fresh by Sphinx + MyST-NB, into ``build/site/``
(open ``build/site/index.html``, or serve the folder). The pages need no network.

Steps: copy ``site/conf.py`` and the notebooks into ``build/site-src/`` (the repository is never
written); in each chapter's copy, add a hidden table of contents that puts its exercises beside
it (sidebar and previous / next), and hide the outputs of the exercises' empty answer cells (a
NotImplementedError each); write ``index.md`` with the chapters in order; copy MathJax
from the ``jupyter-server-mathjax`` wheel; give the kernels an IPython start-up file that
attaches alt text to every figure (:mod:`dlmath._alttext`); run ``sphinx-build -j 2``; check
the size (at most 50 MB) and print the time taken.

Options: ``--out DIR`` (default build/site), ``--jobs N`` (default 2).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
MAX_MB = 50
KERNEL_STARTUP = """# written by site/build.py: each figure of the course site gets alt text saying what it shows
import matplotlib.pyplot as plt

plt.close(plt.figure())  # loads the inline backend now, which registers its figure formatter, so that
from dlmath._alttext import install  # noqa: E402  the very first figure (even one shown by plt.show()) gets alt text

install()
"""


def mathjax_dir() -> Path:
    import jupyter_server_mathjax

    path = Path(jupyter_server_mathjax.__file__).parent / "static"
    if not (path / "MathJax.js").exists():
        raise SystemExit(f"MathJax.js not found in {path}: reinstall jupyter-server-mathjax")
    return path


def chapters():
    """``[(chapter path, [its exercise paths])]`` in course order."""
    out = []
    for path in sorted((ROOT / "course").glob("*.ipynb")):
        exercise = ROOT / "exercises" / path.name
        out.append((path, [exercise] if exercise.exists() else []))
    if not out:
        raise SystemExit(f"no chapters in {ROOT / 'course'}")
    return out


def stage(src: Path) -> None:
    if src.exists():
        shutil.rmtree(src)
    (src / "course").mkdir(parents=True)
    (src / "exercises").mkdir()
    shutil.copy(ROOT / "site" / "conf.py", src / "conf.py")
    toc = []
    for chapter, exercises in chapters():
        nb = nbformat.read(chapter, as_version=4)
        if exercises:
            entries = "\n".join(f"../exercises/{e.stem}" for e in exercises)
            nb.cells.append(
                nbformat.v4.new_markdown_cell(f"```{{toctree}}\n:hidden:\n:caption: Exercises\n\n{entries}\n```")
            )
        nbformat.write(nb, src / "course" / chapter.name)
        for exercise in exercises:
            ex = nbformat.read(exercise, as_version=4)
            for cell in ex.cells:  # an empty answer cell raises NotImplementedError: no traceback on the page
                if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code":
                    cell.metadata["tags"] = sorted(set(cell.metadata.get("tags", [])) | {"remove-output"})
            nbformat.write(ex, src / "exercises" / exercise.name)
        toc.append(f"course/{chapter.stem}")
    (src / "index.md").write_text(INDEX.format(toc="\n".join(toc)))
    static = src / "_static"
    static.mkdir()
    shutil.copy(ROOT / "site" / "dlmath.css", static / "dlmath.css")
    shutil.copytree(
        mathjax_dir(), static / "mathjax", ignore=shutil.ignore_patterns("SVG", "*.md", "__pycache__", "localization")
    )


INDEX = """# dlmath: the math of deep learning, by doing it

An open course that teaches the mathematics of deep learning through code you can read and
run: scalars to tensors, matrix products, layers, activations, losses, gradient descent,
backpropagation, SGD, momentum, RMSProp and Adam, and a full training loop.

This is the static version of the course: every chapter and every exercise notebook, run once
when the site was built. The interactive apps appear as animations of their presets (press
play). To change the code, move the sliders and check your answers, run the course in
JupyterLab: `python3 dev.py lab` in a clone of the repository.

Start with [chapter 1](course/01_welcome.ipynb). The exercises of each chapter follow it.

```{{toctree}}
:maxdepth: 1
:caption: Chapters

{toc}
```
"""


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def build(out: Path, jobs: int = 2) -> float:
    """Build the site into ``out``; return the seconds it took."""
    start = time.perf_counter()
    work = ROOT / "build"
    src = work / "site-src"
    stage(src)
    ipython = work / "site-ipython"
    startup = ipython / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    (startup / "00-dlmath-alt-text.py").write_text(KERNEL_STARTUP)
    env = dict(os.environ, IPYTHONDIR=str(ipython), DLMATH_PROGRESS="0", PYTHONHASHSEED="0")
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    env.setdefault("OMP_NUM_THREADS", "1")
    env.pop("MPLBACKEND", None)  # the kernels need the inline backend to show figures
    if out.exists():
        shutil.rmtree(out)
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-j",
        str(jobs),
        "-q",
        "-W",
        "--keep-going",
        "-d",
        str(work / "site-doctrees"),
        str(src),
        str(out),
    ]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, env=env, cwd=src)
    (out / ".nojekyll").write_text("")
    seconds = time.perf_counter() - start
    size = folder_mb(out)
    print(f"built {out} in {seconds:.0f} s: {size:.1f} MB; open {out / 'index.html'}", flush=True)
    if size > MAX_MB:
        raise SystemExit(f"the site is {size:.1f} MB, over the budget of {MAX_MB} MB")
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    try:
        build(args.out.resolve(), args.jobs)
    except subprocess.CalledProcessError as err:
        print(f"the site build failed (exit code {err.returncode}); see the messages above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
