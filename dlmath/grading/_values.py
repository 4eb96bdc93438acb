"""The last comparison step, the values: close within the exercise's tolerances (widened for
float32 where the exercise allows it), integers where the exercise asks for them, and the
learner's own value shown, shortened (never the expected one)."""

from __future__ import annotations

import numpy as np

from ._describe import _subject

__all__ = ["tolerances", "FLOAT32_RTOL", "FLOAT32_ATOL"]


def _step_values(ex, path, g, e):
    who = _subject(ex, path)
    from ._compare_steps import _category

    cat = _category(e)
    if cat in ("array", "number", "bool"):
        G, E = np.asarray(g), np.asarray(e)
        if cat == "bool" or E.dtype.kind == "b":
            ok = np.asarray(G == E)
        else:
            rtol, atol = tolerances(ex, G, E)
            with np.errstate(all="ignore"):
                ok = np.isclose(G, E, rtol=rtol, atol=atol, equal_nan=True)
        if np.all(ok):
            return _integer_needed(ex, who, G, E)
        if E.ndim == 0:
            shown = who.split(" (entry")[0]  # name it once: `ndims[0]` (entry 1) ... (`ndims[0]` is 1)
            return f"{who} is not the right value ({shown} is {_shown(G)})"
        wrong = np.argwhere(~ok)
        first = tuple(int(i) for i in wrong[0])
        first_txt = f"[{first[0]}]" if len(first) == 1 else str(list(first))
        return (
            f"{int((~ok).sum())} of {ok.size} entries of {who} are wrong "
            f"(the first at index {first_txt}, where yours is {_shown(G[first])})"
        )
    if cat == "str":
        return None if str(g).strip() == str(e).strip() else f"{who} is not the right answer"
    if cat == "none":
        return None
    try:
        equal = bool(g == e)
    except Exception:
        equal = False
    return None if equal else f"{who} is not the right value"


def _shown(x) -> str:
    """The learner's own value, shortened (never the expected one)."""
    x = np.asarray(x)
    if x.ndim == 0:
        v = x.item()
        if isinstance(v, float):
            return f"{v:.6g}"
        return repr(v)
    return np.array2string(x, precision=4, separator=", ", threshold=6, max_line_width=120)


def _integer_needed(ex, who, G, E):
    """Where the exercise asks for integers (``ex.integer_result``: counts, index arrays, an int
    matrix, the input's dtype), a float with whole values is still wrong."""
    if not ex.integer_result or E.dtype.kind not in "iu" or G.dtype.kind != "f":
        return None
    if E.ndim == 0:
        return (
            f"{who} is the float {_shown(G)} but should be a whole number (an int): a count "
            f"is an integer; use int(...), math.ceil or //, not / or np.ceil"
        )
    return (
        f"{who} has dtype {G.dtype} but should hold integers (an int dtype, as the exercise "
        f"asks): a float crept in (0.0, / or np.ceil), and float indices cannot index an array"
    )


FLOAT32_RTOL, FLOAT32_ATOL = 1e-5, 1e-6


def tolerances(ex, got, expected):
    """``(rtol, atol)`` for comparing ``got`` with ``expected``: the exercise's, widened to
    what float32 can hold when the learner computed in float32 (and the exercise allows it)."""
    if getattr(got, "dtype", None) == np.float32 and np.asarray(expected).dtype == np.float64:
        return max(ex.rtol, FLOAT32_RTOL), max(ex.atol, FLOAT32_ATOL)
    return ex.rtol, ex.atol
