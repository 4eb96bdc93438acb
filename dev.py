#!/usr/bin/env python3
"""Set up the course and run it, with nothing but ``python3`` on the machine.

    python3 dev.py lab      set everything up, then open the course in JupyterLab
    python3 dev.py test     set everything up, then run every test (pytest + nbval + browser)

Other commands: ``setup`` (only install), ``clean-notebooks`` (strip outputs before committing).
Checks: ``lint`` (ruff check + ruff format --check + mypy on the core), ``test-lowest`` (core tests at the lower bounds).

Set-up makes a virtual environment in ``.venv/`` and installs the package with its
development extras. It uses uv when it can (about 13x faster here) and plain pip otherwise
(``--pip`` forces pip). It is skipped when nothing changed since the last set-up. The browser
test needs Chromium: ``test`` installs Debian's ``chromium`` with apt-get when it is missing and
the user is root; under CI (``CI=true``) a missing browser is an error, never a skip.
This file uses only the standard library.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".dlmath-setup"
CHROMIUM = "/usr/bin/chromium"


def run(cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def setup(use_pip: bool = False) -> None:
    """Create ``.venv`` and install ``dlmath[dev]`` in editable mode (idempotent)."""
    if sys.version_info < (3, 10):
        sys.exit(f"dlmath needs Python >= 3.10, this is {sys.version.split()[0]}")
    key = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PY.exists() and STAMP.exists() and STAMP.read_text() == key:
        return
    if not PY.exists():
        run([sys.executable, "-m", "venv", VENV])
    target = [f"{ROOT}[dev]"]
    uv = None if use_pip else _uv()
    if uv:
        run([uv, "pip", "install", "--python", PY, "--compile-bytecode", "-e", *target])
    else:
        run([PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        run([PY, "-m", "pip", "install", "--quiet", "-e", *target])
    STAMP.write_text(key)


def _uv():
    """Return a uv executable (installed into the venv with pip if needed), or None."""
    found = shutil.which("uv") or (BIN / "uv")
    if Path(found).exists():
        return found
    try:
        run([PY, "-m", "pip", "install", "--quiet", "uv"])
    except subprocess.CalledProcessError:
        print("uv could not be installed; falling back to pip", flush=True)
        return None
    return BIN / "uv"


def ensure_chromium() -> None:
    """Install Debian's Chromium for the browser test when it is missing and we may."""
    if Path(os.environ.get("DLMATH_CHROMIUM", CHROMIUM)).exists():
        return
    can_apt = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if can_apt:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", "chromium"], env=env)
    elif os.environ.get("CI"):
        sys.exit("CI needs Chromium at /usr/bin/chromium for the browser test; install it first.")
    else:
        print("Chromium not found: the browser test will be skipped "
              "(install Debian's 'chromium' package to run it).", flush=True)


def _course_env() -> dict:
    """The environment for kernels: one BLAS thread unless the user chose otherwise.

    The course multiplies small matrices, where a second BLAS thread costs more in
    synchronisation than it gains (training the digits network: about 4x slower with two
    threads on a busy two-core machine).
    """
    env = dict(os.environ)
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    env.setdefault("OMP_NUM_THREADS", "1")
    return env


def lab(args) -> None:
    setup()
    extra = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    os.execve(str(BIN / "jupyter"), ["jupyter", "lab", str(ROOT / "course"), *extra, *args], _course_env())


def test(args) -> int:
    setup()
    ensure_chromium()
    env = dict(_course_env(), MPLBACKEND="Agg", PYTHONHASHSEED="0")
    if os.environ.get("CI"):
        env["DLMATH_REQUIRE_BROWSER"] = "1"
    return subprocess.call([str(PY), "-m", "pytest", *args], cwd=ROOT, env=env)


def lint(args) -> int:
    """ruff check and ruff format --check on the given paths (default: the core and its tests), then mypy.

    mypy checks the files listed under [tool.mypy] in pyproject.toml.
    """
    setup()
    core = "ops activations losses layers network optimizers training gradcheck datasets surfaces plots".split()
    paths = args or [
        *(f"dlmath/{m}.py" for m in [*core, "_validate", "__init__"]),
        *(f"tests/test_{m}.py" for m in [*core, "api", "doctests"]),
        "benchmarks/bench_train.py",
    ]
    status = subprocess.call([str(BIN / "ruff"), "check", *paths], cwd=ROOT)
    status |= subprocess.call([str(BIN / "ruff"), "format", "--check", *paths], cwd=ROOT)
    status |= subprocess.call([str(BIN / "mypy")], cwd=ROOT)
    return status


def test_lowest(args) -> int:
    """Install every dependency at its declared lower bound into ``.venv-lowest`` and run the core tests.

    uv's ``--resolution lowest-direct`` picks the lowest version allowed for each requirement of
    pyproject.toml; the Python is the lowest supported one (``DLMATH_LOWEST_PYTHON``, default 3.10;
    uv downloads it when missing).
    """
    setup()
    uv = _uv()
    if not uv:
        sys.exit("test-lowest needs uv (pip cannot resolve to the lowest versions)")
    venv = ROOT / ".venv-lowest"
    py = venv / BIN.name / PY.name
    if not py.exists():
        run([uv, "venv", "--python", os.environ.get("DLMATH_LOWEST_PYTHON", "3.10"), venv])
    run([uv, "pip", "install", "--python", py, "--resolution", "lowest-direct", "-e", f"{ROOT}[dev]"])
    core = "ops activations losses layers network optimizers training gradcheck datasets surfaces plots api doctests"
    tests = args or [f"tests/test_{m}.py" for m in core.split()]
    env = dict(_course_env(), MPLBACKEND="Agg", PYTHONHASHSEED="0")
    run([uv, "pip", "list", "--python", py])  # the versions tested, for the log
    return subprocess.call([str(py), "-m", "pytest", *tests], cwd=ROOT, env=env)


def clean_notebooks(args) -> None:
    setup()
    paths = args or ["course", "solutions", "exercises"]
    run([PY, "-m", "dlmath._notebooks", "clean", *paths], cwd=ROOT)


def main(argv) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    cmd, args = argv[0], argv[1:]
    if cmd == "setup":
        setup(use_pip="--pip" in args)
    elif cmd == "lab":
        lab(args)
    elif cmd == "test":
        return test(args)
    elif cmd == "lint":
        return lint(args)
    elif cmd == "test-lowest":
        return test_lowest(args)
    elif cmd == "clean-notebooks":
        clean_notebooks(args)
    else:
        print(f"unknown command {cmd!r}; expected one of: lab, test, setup, clean-notebooks")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
