"""Helpers for the real-browser test: a throw-away JupyterLab server and Debian's Chromium.

:func:`jupyter_lab` starts JupyterLab on 127.0.0.1 with a random token and a free port, in
temporary HOME / config / data / runtime / settings / workspace folders, with news and update
checks, autosave and notebook windowing off, and ``window.jupyterapp`` exposed so the test can
run commands. It serves a folder of *copies* of the notebooks, so nothing in the repository is
ever written by the browser.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DLMATH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyter_lab(root: Path, scratch: Path, timeout: float = 40.0, course_server: bool = True):
    """Run JupyterLab serving ``root``; yield ``(base_url, token)``; stop it afterwards.

    ``scratch`` is an empty temporary folder for HOME, settings and the server log. With
    ``course_server`` the server runs as ``dev.py lab`` runs it (``.jupyter/jupyter_server_config.json``:
    the course's contents manager and kernel websocket, see :mod:`dlmath._labserver`); without,
    it is a stock JupyterLab.
    """
    token = secrets.token_hex(16)
    port = free_port()
    dirs = {name: scratch / name for name in ("home", "config", "data", "runtime", "settings", "workspaces", "ipython")}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    for rel, value in SETTINGS.items():
        target = dirs["settings"] / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value))
    env = {k: v for k, v in os.environ.items() if k not in {"MPLBACKEND", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH"}}
    env.update(
        HOME=str(dirs["home"]),
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
        JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
        IPYTHONDIR=str(dirs["ipython"]),
        DLMATH_PROGRESS="0",
        DLMATH_STATIC_VIEW="0",
        PYTHONUNBUFFERED="1",
        OPENBLAS_NUM_THREADS="1",
        OMP_NUM_THREADS="1",
    )
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=",
        "--ServerApp.terminals_enabled=False",
    ]
    if course_server:
        course = json.loads((ROOT / ".jupyter" / "jupyter_server_config.json").read_text())["ServerApp"]
        cmd += [f"--ServerApp.{name}={value}" for name, value in course.items()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(scratch / "jupyterlab.log", "wb")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {proc.returncode}:\n{_tail(scratch)}")
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{_tail(scratch)}")
            time.sleep(0.25)
        yield base, token
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the server's own process group: it and its kernels
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


def _tail(scratch: Path, n: int = 3000) -> str:
    return (scratch / "jupyterlab.log").read_text(errors="replace")[-n:]


# JavaScript run in the page -----------------------------------------------------------------

OPEN_AND_RUN = """async (paths) => {
  // Open each notebook and run it cell by cell: not 'notebook:run-all-cells', which stops at the
  // first error even in a cell tagged raises-exception (the course shows some errors on purpose).
  // All are opened first, so their kernels start together.
  const app = window.jupyterapp;
  const results = [];
  const panels = [];
  for (const path of paths) {
    const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
    await panel.context.ready;
    panels.push(panel);
  }
  for (const [k, panel] of panels.entries()) {
    const path = paths[k];
    await panel.sessionContext.ready;
    app.shell.activateById(panel.id);
    while (app.shell.currentWidget !== panel) await new Promise(r => setTimeout(r, 20));
    const t0 = performance.now();
    const nb = panel.content;
    for (let i = 0; i < nb.widgets.length; i++) {
      nb.activeCellIndex = i;
      nb.deselectAll();
      await app.commands.execute('notebook:run-cell');
    }
    const ms = performance.now() - t0;
    const problems = [];
    let unexecuted = 0;
    for (const cell of nb.widgets) {
      if (cell.model.type !== 'code') continue;
      if (cell.model.executionCount === null) unexecuted += 1;
      const tags = cell.model.getMetadata('tags') || [];
      if (tags.includes('raises-exception')) continue;  // shows an error on purpose
      for (const out of cell.model.outputs.toJSON()) {
        if (out.output_type === 'error') problems.push(out.ename + ': ' + out.evalue);
      }
    }
    results.push({path, id: panel.id, ms, unexecuted, problems});
  }
  return results;
}"""
