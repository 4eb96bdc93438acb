"""One untrusted kernel, driven over jupyter_client's Unix-socket (``ipc``) transport.

:class:`Kernel` starts ipykernel (in the sandbox, or as a plain subprocess with
``sandbox=False``), runs cells with a timeout, interrupts with an ``interrupt_request`` on the
control channel (a kernel that does not answer within :data:`GRACE` seconds is killed), and
asks the harness for reports. Everything the kernel sends back is untrusted data: replies are
only read for their status, exception name and message, and the harness's JSON text.
"""

from __future__ import annotations

import ast
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import zmq
from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file

from . import sandbox as sb

__all__ = ["Kernel", "CellOutcome", "KernelDied", "GRACE"]

GRACE = 3.0  # seconds a kernel has to answer an interrupt
START_TIMEOUT = 60.0
MAX_REPORT = 32 * 2**20
MAX_ERROR = 2000


class KernelDied(RuntimeError):
    """The kernel process ended (``os._exit``, a crash, the CPU limit) or never started."""


@dataclass
class CellOutcome:
    """What one cell did: ``status`` "ok" | "error" | "timeout" | "died" | "exit"."""

    status: str
    ename: str = ""
    evalue: str = ""
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


def _pids_cgroup(limit: int):
    """A new pids cgroup (v2 or v1) allowing ``limit`` tasks, or None where we may not make one."""
    for base in (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup")):
        if base == Path("/sys/fs/cgroup") and "pids" not in _read(base / "cgroup.controllers"):
            continue
        if not os.access(base, os.W_OK):
            continue
        path = base / f"dlmath-{uuid.uuid4().hex[:12]}"
        try:
            path.mkdir()
            (path / "pids.max").write_text(str(limit))
        except OSError:
            shutil.rmtree(path, ignore_errors=True)
            continue
        return path
    return None


def _read(path):
    try:
        return Path(path).read_text()
    except OSError:
        return ""


class Kernel:
    """A kernel for one submission. Use as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        sandbox=True,
        notebook=None,
        notebook_name="notebook.ipynb",
        limits=None,
        bwrap=None,
        extra_hidden=(),
    ):
        self.sandbox = sandbox
        self.notebook = os.path.abspath(notebook) if notebook else None
        self.notebook_name = notebook_name
        self.limits, self.extra_hidden = limits or sb.Limits(), tuple(extra_hidden)
        self.bwrap = bwrap or (sb.find_bwrap() if sandbox else None)
        if sandbox and not self.bwrap:
            raise sb.SandboxUnavailable(f"bubblewrap (bwrap) was not found: {sb.PACKAGE_HINT}")
        self.proc = None
        self.client = None
        self.cgroup = None
        self.conn_dir = None
        self.starts = 0

    # ------------------------------------------------------------------ life cycle
    def start(self):
        self.kill()
        self.conn_dir = tempfile.mkdtemp(prefix="dlmath-k-")
        os.chmod(self.conn_dir, 0o777)  # the sandbox's user (no capabilities) creates its sockets here
        if self.sandbox and hasattr(os, "geteuid") and os.geteuid() == 0:
            os.chown(self.conn_dir, 65534, 65534)  # not the sandbox's (mapped) owner: it cannot chmod
        cfile = os.path.join(self.conn_dir, "kernel.json")
        write_connection_file(cfile, transport="ipc", ip=os.path.join(self.conn_dir, "s"))
        os.chmod(cfile, 0o644)
        if self.sandbox:
            argv = sb.kernel_argv(
                self.bwrap, cfile, self.conn_dir, self.notebook, self.notebook_name, self.limits, self.extra_hidden
            )
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        else:
            workdir = os.path.join(self.conn_dir, "work")
            os.mkdir(workdir)
            if self.notebook:
                shutil.copy(self.notebook, os.path.join(workdir, self.notebook_name))
            argv = [
                sys.executable,
                "-m",
                "ipykernel_launcher",
                "-f",
                cfile,
                "--HistoryManager.enabled=False",
                "--quiet",
            ]
            env = dict(
                os.environ,
                MPLBACKEND="Agg",
                DLMATH_PROGRESS="0",
                PYTHONHASHSEED="0",
                OPENBLAS_NUM_THREADS="1",
                OMP_NUM_THREADS="1",
                DLMATH_GRADING="1",
                PYDEVD_DISABLE_FILE_VALIDATION="1",
            )
        self.cgroup = _pids_cgroup(self.limits.tasks) if self.sandbox else None
        procs_file = str(self.cgroup / "cgroup.procs") if self.cgroup else None

        def enter_cgroup():  # runs in the child before exec
            if procs_file:
                with open(procs_file, "w") as fh:
                    fh.write(str(os.getpid()))

        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
            cwd=self.conn_dir if self.sandbox else workdir,
            preexec_fn=enter_cgroup if procs_file else None,
        )
        self.starts += 1
        self.client = BlockingKernelClient(context=zmq.Context.instance())
        self.client.load_connection_file(cfile)
        self.client.start_channels()
        deadline = time.monotonic() + START_TIMEOUT
        while True:  # wait_for_ready, but noticing a kernel that died on the way
            if self.proc.poll() is not None:
                self.kill()
                raise KernelDied("the kernel exited while starting")
            self.client.kernel_info()
            try:
                msg = self.client.get_shell_msg(timeout=0.5)
            except Exception:  # queue.Empty: not up yet
                if time.monotonic() > deadline:
                    self.kill()
                    raise KernelDied("the kernel did not start in time") from None
                continue
            if msg.get("msg_type") == "kernel_info_reply":
                break
        if self.sandbox:
            os.chmod(self.conn_dir, 0o555)  # no more files from the sandbox (it is not the owner)
        self._drain()
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self):
        """Kill the kernel and everything it started (its process group, cgroup, namespace)."""
        if self.client is not None:
            try:
                self.client.stop_channels()
            except Exception:
                pass
            self.client = None
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            self.proc = None
        if self.cgroup is not None:
            for _ in range(50):
                for pid in _read(self.cgroup / "cgroup.procs").split():
                    try:
                        os.kill(int(pid), signal.SIGKILL)
                    except OSError:
                        pass
                try:
                    self.cgroup.rmdir()
                    break
                except OSError:
                    time.sleep(0.02)
            self.cgroup = None
        if self.conn_dir is not None:
            os.chmod(self.conn_dir, 0o700)
            shutil.rmtree(self.conn_dir, ignore_errors=True)
            self.conn_dir = None

    close = kill

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.kill()

    # ------------------------------------------------------------------ running code
    def _drain(self):
        """Discard what the kernel printed (outputs are never read)."""
        try:
            while True:
                self.client.get_iopub_msg(timeout=0)
        except Exception:
            pass

    def run(self, code: str, timeout: float, expressions=None) -> CellOutcome:
        """Run ``code``; ``expressions`` (name -> expression) are evaluated after it."""
        if not self.alive():
            return CellOutcome("died")
        start = time.monotonic()
        msg_id = self.client.execute(
            code,
            silent=False,
            store_history=True,
            allow_stdin=False,
            user_expressions=expressions or {},
            stop_on_error=False,
        )
        reply = self._reply(msg_id, timeout)
        seconds = time.monotonic() - start
        if reply is None:
            if not self.alive():
                return CellOutcome("died", seconds=seconds)
            self._interrupt()
            late = self._reply(msg_id, GRACE)
            if late is None or not self.alive():
                self.kill()
                return CellOutcome("timeout", "stuck", seconds=seconds)
            return CellOutcome("timeout", seconds=seconds)
        content = reply.get("content", {}) if isinstance(reply, dict) else {}
        payload = content.get("payload") or []
        if any(isinstance(p, dict) and p.get("source") == "ask_exit" for p in payload):
            self.kill()  # exit()/quit(): end it now rather than when the kernel gets to it
            return CellOutcome("exit", "exit", seconds=seconds)
        status = "ok" if content.get("status") == "ok" else "error"
        ename = str(content.get("ename", "") or "")[:200]
        if ename == "SystemExit":
            status = "exit"
        return CellOutcome(
            status,
            ename if status != "ok" else "",
            str(content.get("evalue", "") or "")[:MAX_ERROR] if status != "ok" else "",
            seconds,
            content.get("user_expressions") or {},
        )

    def _reply(self, msg_id, timeout):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                msg = self.client.get_shell_msg(timeout=min(left, 0.25))
            except Exception:  # queue.Empty
                if not self.alive():
                    return None
                self._drain()
                continue
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                self._drain()
                return msg

    def _interrupt(self):
        try:
            msg = self.client.session.msg("interrupt_request", {})
            self.client.control_channel.send(msg)
        except Exception:
            pass

    def ask(self, request_json: str, timeout: float) -> tuple[CellOutcome, str | None]:
        """Ask the harness (``dlmath.grading.harness.run``); returns (outcome, report text)."""
        expr = f"__import__('dlmath.grading.harness', fromlist=['run']).run({request_json!r}, globals())"
        out = self.run("", timeout, {"r": expr})
        if out.status != "ok":
            return out, None
        r = out.extra.get("r") or {}
        if r.get("status") != "ok":
            ename = str(r.get("ename", ""))
            if ename == "KeyboardInterrupt":
                return CellOutcome("timeout", seconds=out.seconds), None
            return CellOutcome("error", ename, str(r.get("evalue", ""))[:MAX_ERROR], out.seconds), None
        text = (r.get("data") or {}).get("text/plain", "")
        if not isinstance(text, str) or len(text) > MAX_REPORT:
            return CellOutcome("error", "ReportTooLarge", "", out.seconds), None
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return CellOutcome("error", "UnreadableReport", "", out.seconds), None
        return out, value if isinstance(value, str) else None
