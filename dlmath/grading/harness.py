"""The harness: the only checking code that runs beside the learner's code.

It holds no reference, no expected value and no check. Given the *inputs* of an exercise (plain
data, see :mod:`dlmath.grading.wire`), it calls the learner's function on fresh copies, or reads
the learner's variable, and reports back as plain data what happened: the result, the inputs as
they were after the call (so the checking side can see an input changed in place), the NumPy
floating-point warnings raised, or the exception. The checking side (the live ``check()`` or
the grader, in another process) decides everything from that report.

The grader runs it in a sandboxed kernel as ``report = run(request_json, globals())``; the live
check calls :func:`call` and :func:`read` directly.
"""

from __future__ import annotations

import difflib
import json
import warnings

import numpy as np

from . import wire

__all__ = ["call", "read", "run"]

MAX_MESSAGE = 400


def _short(text, limit=MAX_MESSAGE):
    text = str(text)
    return text if len(text) <= limit else text[:limit] + " ..."


def _describe_callable(obj):
    return {
        "module": str(getattr(obj, "__module__", "") or ""),
        "name": str(getattr(obj, "__qualname__", getattr(obj, "__name__", "")) or ""),
    }


def _missing(name, namespace):
    close = difflib.get_close_matches(
        name, [k for k in namespace if isinstance(k, str) and not k.startswith("_")], n=1, cutoff=0.6
    )
    lowered = [
        k
        for k in namespace
        if isinstance(k, str) and k.replace("_", "").lower() == name.replace("_", "").lower() and k != name
    ]
    return {"status": "missing", "close": (lowered or close or [""])[0]}


def call(name, cases, namespace):
    """Call ``namespace[name]`` on each argument tuple in ``cases`` (already decoded).

    Returns a dict: ``status`` "missing" | "not_callable" | "ok"; for "ok" a list ``runs``, one
    per case, each with ``status`` ("returned", "raised", "not_implemented", "exit"), ``value``,
    ``args_after`` (the arguments after the call, encoded), ``warnings`` and ``error``.
    """
    if name not in namespace:
        return _missing(name, namespace)
    fn = namespace[name]
    if not callable(fn):
        return {"status": "not_callable", "value": wire.encode(fn)}
    runs = []
    for args in cases:
        args = wire.decode(wire.encode(args), allow_fn=True)  # fresh copies, never shared
        run = {"status": "returned", "warnings": []}
        with (
            warnings.catch_warnings(record=True) as caught,
            np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"),
        ):
            warnings.simplefilter("always")
            try:
                out = fn(*args)
            except NotImplementedError:
                run["status"] = "not_implemented"
            except SystemExit:
                run["status"] = "exit"
            except Exception as exc:  # the learner's error, reported with its type and text
                run.update(status="raised", error=[type(exc).__name__, _short(exc)])
            else:
                run["value"] = wire.encode(out)
                run["returned_input"] = any(out is a for a in args if isinstance(a, (np.ndarray, list, dict)))
        run["warnings"] = list(
            dict.fromkeys(_short(w.message, 200) for w in caught if issubclass(w.category, RuntimeWarning))
        )[:5]
        run["args_after"] = wire.encode(tuple(args))
        runs.append(run)
        if run["status"] in ("not_implemented", "exit"):
            break
    return {"status": "ok", "callable": _describe_callable(fn), "runs": runs}


def read(name, namespace):
    """Report the value of ``namespace[name]``: ``status`` "missing" | "ok", ``value``."""
    if name not in namespace:
        return _missing(name, namespace)
    value = namespace[name]
    report = {"status": "ok", "value": wire.encode(value)}
    if callable(value):
        report["callable"] = _describe_callable(value)
    return report


def run(request: str, namespace) -> str:
    """Answer one grader request (JSON text) with a JSON report; never raises."""
    try:
        req = json.loads(request)
        if req["op"] == "call":
            cases = [wire.decode(c, allow_fn=True) for c in req["cases"]]
            report = call(req["name"], cases, namespace)
        elif req["op"] == "read":
            report = read(req["name"], namespace)
        elif req["op"] == "state":
            report = state()
        else:
            report = {"status": "bad_request"}
    except BaseException as exc:  # noqa: BLE001 - the harness must always answer
        if isinstance(exc, KeyboardInterrupt):
            raise
        report = {"status": "harness_error", "error": [type(exc).__name__, _short(exc)]}
    try:
        return json.dumps(report, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        return json.dumps({"status": "harness_error", "error": ["TypeError", _short(exc)]})


def state():
    """Threads and processes besides the kernel's own (the grader compares with a baseline)."""
    import os
    import threading

    try:
        tasks = len(os.listdir("/proc/self/task"))
    except OSError:
        tasks = -1
    try:
        procs = len([p for p in os.listdir("/proc") if p.isdigit()])
    except OSError:
        procs = -1
    return {
        "status": "ok",
        "threads": sum(1 for t in threading.enumerate() if not _kernels_own(t)),
        "tasks": tasks,
        "procs": procs,
    }


_KERNEL_MODULES = ("ipykernel", "IPython", "zmq", "jupyter_client", "tornado", "asyncio", "concurrent", "comm")


def _kernels_own(thread) -> bool:
    """A thread the kernel itself runs (its channels, output flushing), not the learner's."""
    if type(thread).__module__.startswith(_KERNEL_MODULES):
        return True
    fn = getattr(thread, "_target", None) or getattr(thread, "function", None)
    return str(getattr(fn, "__module__", "") or "").startswith(_KERNEL_MODULES)
