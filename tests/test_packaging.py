"""The install files agree with each other, and environment.yml's pins resolve with pip.

conda's channels cannot be reached from CI, so environment.yml cannot be built here; what can
be checked is that it lists the same packages with the same lower bounds as pyproject.toml,
has no upper pins, and that those requirements resolve against PyPI.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")
yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
SPEC = re.compile(r"^([A-Za-z0-9_.\-]+)\s*(.*)$")


def _parse(req):
    name, bound = SPEC.match(req.strip()).groups()
    return name.lower().replace("_", "-"), bound.replace(" ", "")


def _expand(meta, reqs):
    """Requirements with ``dlmath[a,b]`` (the package's own extras) replaced by their contents."""
    out = []
    for req in reqs:
        own = re.match(rf"^{meta['name']}\[([^\]]+)\]$", req.strip())
        if own:
            for extra in own.group(1).split(","):
                out += _expand(meta, meta["optional-dependencies"][extra.strip()])
        else:
            out.append(req)
    return out


def _pyproject():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = meta["dependencies"] + _expand(meta, meta["optional-dependencies"]["dev"])
    return meta, dict(_parse(r) for r in reqs)


def test_the_extras_split_learner_from_developer_tools():
    """`dev.py lab` installs `.[course]` (JupyterLab, no test tools); `dev` has everything."""
    meta, wanted = _pyproject()
    extras = meta["optional-dependencies"]
    course = {_parse(r)[0] for r in extras["course"]}
    assert {"jupyterlab", "ipykernel", "nbformat", "nbclient"} <= course
    assert not course & {"pytest", "nbval", "playwright"}
    assert {"sphinx", "myst-nb", "jupyter-server-mathjax"} <= {_parse(r)[0] for r in extras["site"]}
    assert {_parse(r)[0] for r in extras["course"] + extras["site"]} <= set(wanted)


def test_the_learner_library_needs_no_course_tools():
    """`import dlmath` (and the live check) must not need the grader's dependencies."""
    meta, _ = _pyproject()
    core = {_parse(r)[0] for r in meta["dependencies"]}
    assert not core & {"nbformat", "nbclient", "jupyter-client", "jupyterlab", "pytest"}
    code = (
        "import sys, dlmath, dlmath.grading; dlmath.grading.check; "
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('nbformat', 'nbclient', 'jupyter_client', 'zmq')]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def _environment():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = {}, {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip.update(_parse(r) for r in dep["pip"] if not r.startswith("-e"))
        else:
            conda.update([_parse(dep)])
    return env, conda, pip


def test_environment_lists_the_same_packages_and_bounds_as_pyproject():
    meta, wanted = _pyproject()
    env, conda, pip = _environment()
    listed = {**conda, **pip}
    assert env["channels"] == ["conda-forge"]
    assert listed.pop("python") == meta["requires-python"]
    listed.pop("pip")
    assert listed == wanted


def test_no_upper_pins():
    _, wanted = _pyproject()
    _, conda, pip = _environment()
    for name, bound in {**wanted, **conda, **pip}.items():
        assert "<" not in bound and "==" not in bound and "~=" not in bound, f"{name} is pinned: {bound}"


def test_environment_installs_the_package_itself_editable():
    env, _, _ = _environment()
    pip = next(dep["pip"] for dep in env["dependencies"] if isinstance(dep, dict))
    assert "-e ." in pip


def test_environment_pins_resolve_with_pip(tmp_path):
    """Resolve environment.yml's requirements against PyPI (a dry run: nothing is installed)."""
    _, conda, pip = _environment()
    reqs = [f"{n}{b}" for n, b in {**conda, **pip}.items() if n not in ("python", "pip")]
    uv = shutil.which("uv") or str(Path(sys.executable).with_name("uv"))
    if Path(uv).exists():
        cmd = [uv, "pip", "install", "--dry-run", "--python", sys.executable, *reqs]
    else:
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", *reqs]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
