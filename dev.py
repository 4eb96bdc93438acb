#!/usr/bin/env python3
"""Set up the course and run it, with nothing but ``python3`` on the machine.

    python3 dev.py lab      set up what a learner needs, then open the course in JupyterLab
    python3 dev.py test     set everything up, then run every test (pytest + nbval + browser)
    python3 dev.py site     build the static course site into build/site/ (works offline)

Other commands: ``setup`` (only install), ``clean-notebooks`` (strip outputs before committing).
Checks: ``lint`` (ruff check + ruff format --check + mypy on the core), ``test-lowest``
(core tests at the lower bounds).

Set-up makes a virtual environment in ``.venv/`` and installs the package with the extras a
command needs: ``lab`` installs ``.[course]`` (JupyterLab, no test tools), ``site`` adds
``.[site]``, ``test`` and ``setup`` install ``.[dev]`` (everything). It uses uv when it can
(about 13x faster here) and plain pip otherwise (``--pip`` forces pip). It is skipped when
nothing changed since the last set-up. The browser tests need Chromium and the grader's
sandbox needs bubblewrap: ``test`` installs Debian's ``chromium`` and ``bubblewrap`` with one
apt-get when they are missing and the user is root; under CI (``CI=true``) a missing one is an
error, never a skip. This file uses only the standard library.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".dlmath-setup"
CHROMIUM = "/usr/bin/chromium"
BWRAP = "/usr/bin/bwrap"
# JupyterLab settings shipped with the course (no news or update pop-up): default setting overrides
# in .jupyter/labconfig/, a config folder that only the course's server is told about
# (JUPYTER_CONFIG_PATH); nothing is written into the learner's home, and their own settings still win
LAB_CONFIG = ROOT / ".jupyter"
FIRST_PAGE = "course/01_welcome.ipynb"


def run(cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def setup(use_pip: bool = False, extras=("dev",)) -> None:
    """Create ``.venv`` and install ``dlmath[extras]`` in editable mode (idempotent).

    The stamp records the pyproject.toml it installed and the extras; a later call with the
    same file and no new extra does nothing (``dev`` contains ``course`` and ``site``).
    """
    if sys.version_info < (3, 10):  # noqa: UP036 - said to a learner who runs an old Python
        sys.exit(f"dlmath needs Python >= 3.10, this is {sys.version.split()[0]}")
    key = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    wanted = set(extras)
    done = _stamp()
    if PY.exists() and done.get("key") == key:
        have = set(done.get("extras", []))
        if "dev" in have or wanted <= have:
            return
        wanted |= have
    if not PY.exists():
        run([sys.executable, "-m", "venv", VENV])
    target = [f"{ROOT}[{','.join(sorted(wanted))}]"]
    uv = None if use_pip else _uv()
    if uv:
        run([uv, "pip", "install", "--python", PY, "--compile-bytecode", "-e", *target])
    else:
        run([PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        run([PY, "-m", "pip", "install", "--quiet", "-e", *target])
    STAMP.write_text(json.dumps({"key": key, "extras": sorted(wanted)}))


def _stamp() -> dict:
    try:
        data = json.loads(STAMP.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


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


def _apt_install(packages) -> bool:
    """Install Debian packages with one apt-get when we are root; return False if we cannot."""
    can_apt = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if not can_apt:
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", *packages], env=env)
    return True


def _missing_tools() -> dict:
    """Debian package -> binary, for the test tools that are not installed."""
    tools = {"chromium": os.environ.get("DLMATH_CHROMIUM", CHROMIUM), "bubblewrap": BWRAP}
    return {pkg: path for pkg, path in tools.items() if not Path(path).exists()}


def ensure_chromium() -> None:
    """Install Debian's Chromium for the browser tests when it is missing and we may."""
    _ensure({"chromium"})


def ensure_bubblewrap() -> None:
    """Install Debian's bubblewrap (``/usr/bin/bwrap``, the grader's sandbox) when missing and we may."""
    _ensure({"bubblewrap"})


def ensure_test_tools() -> None:
    """Chromium and bubblewrap, with a single apt-get when both are missing."""
    _ensure({"chromium", "bubblewrap"})


_WHY = {"chromium": "the browser tests", "bubblewrap": "the grader's sandbox tests"}


def _ensure(packages) -> None:
    missing = {pkg: path for pkg, path in _missing_tools().items() if pkg in packages}
    if not missing or _apt_install(sorted(missing)):
        return
    for pkg, path in sorted(missing.items()):
        if os.environ.get("CI"):
            sys.exit(f"CI needs {path} (Debian package '{pkg}') for {_WHY[pkg]}; install it first.")
        print(
            f"{path} not found: {_WHY[pkg]} will be skipped (install Debian's '{pkg}' package to run them).", flush=True
        )


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


def _free_port(preferred: int = 8888) -> int:
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port on 127.0.0.1")


def lab_command(args, port: int, token: str) -> list:
    """The ``jupyter lab`` command line: the repository root served, chapter 01 opened first."""
    extra = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [
        str(BIN / "jupyter"),
        "lab",
        FIRST_PAGE,
        f"--ServerApp.root_dir={ROOT}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        *extra,
        *args,
    ]


def lab(args) -> None:
    setup(extras=("course",))
    port, token = _free_port(), secrets.token_hex(16)
    env = _course_env()
    # JupyterLab shows the live apps: skip computing their static views (1-3 s per app)
    env.setdefault("DLMATH_STATIC_VIEW", "0")
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(p for p in [str(LAB_CONFIG), env.get("JUPYTER_CONFIG_PATH", "")] if p)
    url = f"http://127.0.0.1:{port}/lab/tree/{FIRST_PAGE}?token={token}"
    print(
        f"""
dlmath: starting JupyterLab on the whole repository (course/, exercises/, the cheat sheet).
Open this address in your browser if no window opens by itself:

    {url}

Chapter 01 opens first. To stop: press Ctrl+C twice in this terminal (or File > Shut Down).
""",
        flush=True,
    )
    os.chdir(ROOT)
    os.execve(str(BIN / "jupyter"), lab_command(args, port, token), env)


def site(args) -> int:
    setup(extras=("course", "site"))
    return subprocess.call([str(PY), str(ROOT / "site" / "build.py"), *args], cwd=ROOT, env=_course_env())


NOTEBOOK_DIRS = ("course", "solutions", "exercises")


def test(args) -> int:
    """Run every test: first ``tests/`` (the package, the grader, the browsers), then the notebooks.

    The notebooks run under nbval in two worker processes (pytest-xdist, ``--dist loadfile``:
    each notebook stays whole in one kernel), the way a learner runs them in JupyterLab: the
    inline backend draws every figure, and the widgets' static views are not computed
    (``DLMATH_STATIC_VIEW=0``, as ``dev.py lab`` sets; the site test builds and checks those).
    Arguments are passed to a single pytest run instead, e.g. ``dev.py test tests/test_ops.py``.
    """
    setup()
    ensure_test_tools()
    env = dict(_course_env(), MPLBACKEND="module://matplotlib_inline.backend_inline", PYTHONHASHSEED="0")
    if os.environ.get("CI"):
        env["DLMATH_REQUIRE_BROWSER"] = "1"
    pytest = [str(PY), "-m", "pytest"]
    if args:
        return subprocess.call([*pytest, *args], cwd=ROOT, env=env)
    status = subprocess.call([*pytest, "tests"], cwd=ROOT, env=env)
    notebooks = dict(env, DLMATH_STATIC_VIEW="0")
    status |= subprocess.call([*pytest, "-n", "2", "--dist", "loadfile", *NOTEBOOK_DIRS], cwd=ROOT, env=notebooks)
    return status


def lint(args) -> int:
    """ruff check and ruff format --check on the given paths (default: the whole tree), then mypy.

    mypy checks the files listed under [tool.mypy] in pyproject.toml.
    """
    setup()
    paths = args or ["dlmath", "tests", "benchmarks", "site", "dev.py"]
    status = subprocess.call([str(BIN / "ruff"), "check", *paths], cwd=ROOT)
    status |= subprocess.call([str(BIN / "ruff"), "format", "--check", *paths], cwd=ROOT)
    status |= subprocess.call([str(BIN / "mypy")], cwd=ROOT)
    return status


LOWEST_PYTHON = "3.10"  # requires-python in pyproject.toml


def _lowest_python() -> str:
    """The interpreter for ``test-lowest``: ``DLMATH_LOWEST_PYTHON``, else a Python 3.10 on this machine.

    Looked for as ``python3.10`` on PATH (one that runs: a pyenv shim may not), then among
    pyenv's versions; else the version number itself, which uv downloads when it can.
    """
    chosen = os.environ.get("DLMATH_LOWEST_PYTHON")
    if chosen:
        return chosen
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates = [shutil.which(f"python{LOWEST_PYTHON}")]
    candidates += [str(p) for p in sorted(pyenv_root.glob(f"versions/{LOWEST_PYTHON}.*/bin/python"))]
    for exe in filter(None, candidates):
        if subprocess.run([exe, "-c", ""], capture_output=True).returncode == 0:
            return exe
    return LOWEST_PYTHON


def _python_version(exe: Path) -> str:
    out = subprocess.run([str(exe), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True)
    return out.stdout.decode().strip()


def test_lowest(args) -> int:
    """Install every dependency at its declared lower bound into ``.venv-lowest`` and run the core tests.

    uv's ``--resolution lowest-direct`` picks the lowest version allowed for each requirement of
    pyproject.toml; the Python is the lowest supported one (see :func:`_lowest_python`). Options
    such as ``-q`` are passed to pytest with the core tests; paths replace the core tests.
    """
    setup()
    uv = _uv()
    if not uv:
        sys.exit("test-lowest needs uv (pip cannot resolve to the lowest versions)")
    venv = ROOT / ".venv-lowest"
    py = venv / BIN.name / PY.name
    run([uv, "venv", "--clear", "--python", _lowest_python(), venv])  # made afresh: about a second
    version = _python_version(py)
    if version != LOWEST_PYTHON and not os.environ.get("DLMATH_LOWEST_PYTHON"):
        sys.exit(f"test-lowest: {py} is Python {version}, not the lowest supported {LOWEST_PYTHON}")
    run([uv, "pip", "install", "--python", py, "--resolution", "lowest-direct", "-e", f"{ROOT}[dev]"])
    core = "ops activations losses layers network optimizers training gradcheck datasets surfaces plots autograd"
    core += " boundary api doctests"
    # the widgets' tests hold ipywidgets, anywidget and pillow to their bounds
    core += " widgets_pure widgets_view widgets_png widgets_scene widgets_apps widgets_static"
    # options (such as -q) are added to the core tests; only paths replace them
    paths, options = [a for a in args if not a.startswith("-")], [a for a in args if a.startswith("-")]
    tests = (paths or [f"tests/test_{m}.py" for m in core.split()]) + options
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
    elif cmd == "site":
        return site(args)
    elif cmd == "lint":
        return lint(args)
    elif cmd == "test-lowest":
        return test_lowest(args)
    elif cmd == "clean-notebooks":
        clean_notebooks(args)
    else:
        print(f"unknown command {cmd!r}; expected one of: lab, test, site, setup, clean-notebooks")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
