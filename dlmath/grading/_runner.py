"""Run a list of code cells in fresh kernels, surviving what student code can do to a kernel.

Each cell gets a timeout (after which the kernel is interrupted); the whole run has a deadline.
Output beyond a budget per cell is dropped. stdin is disabled (``input()`` raises). When the
kernel dies (``os._exit``, a crash) or stops answering after an interrupt (a loop that ignores
SIGINT), a new kernel is started, the cells that had run normally before are replayed
(:meth:`Runner.run` is told which), and the run continues after the cell the caller names.
"""
from __future__ import annotations

import math
import os
import subprocess
import time
from dataclasses import dataclass, field

from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbformat.v4 import new_code_cell, new_notebook

TIMEOUT_ENAME = "DlmathCellTimeout"
MAX_OUTPUT_BYTES = 64_000  # per cell
PROBE_TIMEOUT = 3


@dataclass
class CellRun:
    """What happened when one cell ran."""

    status: str  # "ok" | "error" | "timeout" | "died" | "deadline"
    ename: str = ""
    evalue: str = ""
    outputs: list = field(default_factory=list)
    truncated: bool = False
    seconds: float = 0.0


class _Client(NotebookClient):
    """A NotebookClient that caps each cell's output (and keeps payload cells unfiltered)."""

    def __init__(self, nb, raw_cells=(), **kw):
        super().__init__(nb, **kw)
        self._bytes: dict[int, int] = {}
        self._truncated: set[int] = set()
        self._raw = set(raw_cells)

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        if cell_index not in self._raw:
            size = len(str(content.get("text", ""))) + sum(
                len(str(v)) for v in (content.get("data") or {}).values()) + sum(
                len(str(v)) for v in content.get("traceback") or [])
            used = self._bytes.get(cell_index, 0) + size
            self._bytes[cell_index] = used
            if used > MAX_OUTPUT_BYTES:
                self._truncated.add(cell_index)
                return None
        return super().output(outs, msg, display_id, cell_index)


class Runner:
    """Execute code cells (sources) in a kernel; see :meth:`run`.

    Parameters
    ----------
    sources : list of str
        The code cells, in order.
    raw : set of int
        Cells whose outputs are never capped (the grader's own payload cells).
    timeout : float
        Seconds per cell.
    deadline : float
        ``time.monotonic()`` after which no cell runs (the per-notebook limit).
    cwd : str
        Working directory of the kernel.
    kernel_name : str
    """

    def __init__(self, sources, raw, timeout, deadline, cwd, kernel_name="python3", env=None):
        self.nb = new_notebook(cells=[new_code_cell(s) for s in sources] + [new_code_cell("pass")])
        self.probe = len(sources)
        self.raw = set(raw)
        self.timeout = timeout
        self.deadline = deadline
        self.cwd = cwd
        self.kernel_name = kernel_name
        self.env = dict(os.environ if env is None else env)
        self.kernels_started = 0

    def _cell_timeout(self, cell=None):
        left = self.deadline - time.monotonic()
        return max(1, math.ceil(min(self.timeout, left)))

    def session(self, indices, on_cell=None, history=lambda i: True):
        """Run ``indices`` in one new kernel, stopping early if it dies or hangs.

        ``on_cell(index, CellRun)`` is called after each cell. Returns ``(state, index)``:
        ``("done", None)``, ``("deadline", i)`` (``i`` = first cell not run), ``("died", i)``
        or ``("stuck", i)`` (the kernel no longer answered after cell ``i`` timed out).
        """
        client = _Client(
            self.nb, raw_cells=self.raw | {self.probe}, kernel_name=self.kernel_name,
            timeout_func=self._cell_timeout, allow_errors=True, interrupt_on_timeout=True,
            error_on_timeout={"ename": TIMEOUT_ENAME, "evalue": "cell timed out", "traceback": []},
            iopub_timeout=2, shutdown_kernel="immediate", record_timing=False, startup_timeout=60)
        replies = client.replies = {}
        client.on_cell_executed = lambda cell, cell_index, execute_reply: replies.__setitem__(
            cell_index, execute_reply.get("content", {}))
        self.kernels_started += 1
        with client.setup_kernel(cwd=self.cwd, env=self.env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL):
            for i in indices:
                if time.monotonic() >= self.deadline:
                    return "deadline", i
                cell = self.nb.cells[i]
                start = time.monotonic()
                try:
                    client.execute_cell(cell, i, store_history=history(i))
                except DeadKernelError:
                    run = CellRun("died", seconds=time.monotonic() - start)
                    if on_cell:
                        on_cell(i, run)
                    return "died", i
                reply = replies.pop(i, {})
                status = "ok" if reply.get("status", "ok") == "ok" else "error"
                ename = reply.get("ename", "") or ""
                if ename == TIMEOUT_ENAME:
                    status = "timeout"
                run = CellRun(status, ename if status == "error" else "",
                              str(reply.get("evalue", "") or "")[:2000] if status == "error" else "",
                              list(cell.outputs), i in client._truncated, time.monotonic() - start)
                if on_cell:
                    on_cell(i, run)
                if status == "timeout" and not self._responsive(client):
                    return "stuck", i
        return "done", None

    def _responsive(self, client) -> bool:
        """After an interrupt: does the kernel still answer a trivial cell?"""
        saved = client.timeout_func
        client.timeout_func = lambda cell: PROBE_TIMEOUT
        try:
            client.execute_cell(self.nb.cells[self.probe], self.probe, store_history=False)
        except DeadKernelError:
            return False
        finally:
            client.timeout_func = saved
        return client.replies.pop(self.probe, {}).get("ename") != TIMEOUT_ENAME
