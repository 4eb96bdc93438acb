"""Code the grader injects into the notebook it runs, and how it reads what that code reports.

Scores travel from the kernel to the grader as ``display_data`` outputs of a private MIME type,
emitted only by cells the grader injects *after* the student's code ran. Each of those cells
carries a fresh random nonce in its source, so student code that ran earlier cannot know it,
and the grader reads the payload only from that cell's own outputs (printing "passed", or a
fake payload in an answer cell, does nothing).

The payload also carries a fingerprint: the ``id()`` of every function and class of ``dlmath``,
``numpy`` (top level) and ``builtins``, of ``dlmath``'s module-level dicts and lists, and of
each registered exercise's reference, cases and mistakes. A baseline fingerprint is taken right before the first
student cell; any difference later means the submission replaced something the check relies on
(``dlmath.grading.check``, ``numpy.allclose``, an exercise's reference, ...), and the exercises
graded after it are marked as errors.
"""
from __future__ import annotations

import secrets

MIME = "application/vnd.dlmath.grade+json"

_FINGERPRINT = r'''
def __dlmath_fp():
    import sys as _s, types as _t
    _out = {}
    _kinds = (_t.FunctionType, _t.BuiltinFunctionType, _t.MethodType, type, _t.ModuleType, dict, list)
    _names = ("numpy", "numpy.testing", "builtins", "copy", "warnings", "json", "IPython.display")
    for _n, _m in sorted((k, v) for k, v in list(_s.modules.items())
                         if v is not None and (k == "dlmath" or k.startswith("dlmath.") or k in _names)):
        _out[_n] = id(_m)
        for _k, _v in list(vars(_m).items()):
            if _k.startswith("_") and (_n == "builtins" or _k.startswith("__")):
                continue
            if _n == "builtins" and _k == "input":  # ipykernel rebinds it for every request
                continue
            _own = _n == "dlmath" or _n.startswith("dlmath.")
            if isinstance(_v, (dict, list)) and not _own:
                continue  # e.g. warnings.filters, rebound inside every catch_warnings()
            if isinstance(_v, _kinds) or callable(_v):
                _out[_n + "." + _k] = id(_v)
                _c = getattr(_v, "__code__", None)
                if _c is not None:
                    _out[_n + "." + _k + ".__code__"] = id(_c)
                if isinstance(_v, type) and _n.startswith("dlmath.grading"):
                    for _a, _w in list(vars(_v).items()):
                        _out[_n + "." + _k + "." + _a] = id(_w)
    _spec = _s.modules.get("dlmath.grading.spec")
    if _spec is not None:
        for _eid, _ex in dict.items(_spec.EXERCISES):
            _out["EXERCISES." + _eid] = id(_ex)
            for _f in ("reference", "cases", "mistakes", "rtol", "atol", "points", "answer", "kind",
                       "on_warning"):
                _v = getattr(_ex, _f, None)
                _out["EXERCISES." + _eid + "." + _f] = (repr(_v) if isinstance(_v, (int, float, str))
                                                       else id(_v))
            for _j, _mk in enumerate(getattr(_ex, "mistakes", ())):
                _out["EXERCISES.%s.mistakes[%d]" % (_eid, _j)] = id(getattr(_mk, "detect", None))
    return _out
'''

_EMIT = r'''
def __dlmath_emit(payload):
    from IPython.display import display as _d
    _d({"%s": payload}, raw=True)
''' % MIME


def nonce() -> str:
    return secrets.token_hex(16)


def setup_source() -> str:
    """First cell: import the grading package and the whole exercise bank, start clean."""
    return ("import dlmath.grading as __dlmath_g, dlmath.grading.checker as __dlmath_c\n"
            "len(__dlmath_g.EXERCISES)\n"
            "__dlmath_c.reset()\n"
            "del __dlmath_g, __dlmath_c\n")


def baseline_source(tag: str) -> str:
    """Right before the first student cell: report the baseline fingerprint."""
    return (_FINGERPRINT + _EMIT
            + f'__dlmath_emit({{"nonce": "{tag}", "kind": "baseline", "fp": __dlmath_fp()}})\n'
            + "del __dlmath_fp, __dlmath_emit\n")


def begin_source(exercise_id: str) -> str:
    """Before a check cell: forget any result recorded earlier for this exercise."""
    return (f'__import__("sys").modules["dlmath.grading.checker"].RESULTS.pop({exercise_id!r}, None)\n')


def report_source(tag: str, exercise_id: str) -> str:
    """After a check cell: report its result, the exercise title and the fingerprint."""
    return _FINGERPRINT + _EMIT + f'''
def __dlmath_report():
    import sys as _s
    _fp = __dlmath_fp()
    _c = _s.modules.get("dlmath.grading.checker")
    _r = _c.RESULTS.get({exercise_id!r}) if _c is not None else None
    _genuine = _r is None or type(_r) is _c.CheckResult
    _res = None
    if _r is not None and _genuine:
        _res = {{"status": str(_r.status), "score": float(_r.score), "max_score": float(_r.max_score),
                "message": str(_r.message), "hints": [str(h) for h in _r.hints],
                "notes": [str(n) for n in _r.notes]}}
    _ex = dict.get(_s.modules["dlmath.grading.spec"].EXERCISES, {exercise_id!r})
    return {{"nonce": "{tag}", "kind": "report", "id": {exercise_id!r}, "result": _res,
            "genuine": _genuine, "title": str(getattr(_ex, "title", "") or ""), "fp": _fp}}
__dlmath_emit(__dlmath_report())
del __dlmath_fp, __dlmath_emit, __dlmath_report
'''


def payloads(outputs, tag: str) -> list[dict]:
    """The grader payloads with this nonce among a cell's outputs."""
    found = []
    for out in outputs:
        data = out.get("data") if out.get("output_type") == "display_data" else None
        payload = data.get(MIME) if data else None
        if isinstance(payload, dict) and payload.get("nonce") == tag:
            found.append(payload)
    return found


def changed(baseline: dict, current: dict | None, limit: int = 5) -> list[str]:
    """Names whose fingerprint differs from the baseline (missing counts as changed)."""
    if current is None:
        return ["(the fingerprint could not be computed)"]
    missing = object()
    diff = [k for k, v in baseline.items() if current.get(k, missing) != v]
    # report the most specific names: "x.f" rather than its "x.f.__code__"
    diff = [k for k in diff if not (k.endswith(".__code__") and k[: -len(".__code__")] in diff)]
    return diff[:limit]
