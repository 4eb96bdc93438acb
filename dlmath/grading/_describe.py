"""How the checker names things in its messages, without revealing expected values."""

from __future__ import annotations

import inspect
import numbers

import numpy as np

from .spec import Exercise


def _tname(x) -> str:
    from .wire import Foreign

    if isinstance(x, Foreign):
        return x.type_name
    if x is None:
        return "None"
    if isinstance(x, np.ndarray):
        return "NumPy array"
    if isinstance(x, (bool, np.bool_)):
        return "bool"
    if isinstance(x, np.generic):
        return f"NumPy {type(x).__name__}"
    return type(x).__name__


def _fmt_array(a: np.ndarray) -> str:
    return np.array2string(a, precision=4, separator=", ", threshold=8, max_line_width=200)


def _a(x) -> str:
    """``_tname`` with its article: "a list", "an int", "a NumPy array"."""
    name = _tname(x)
    if name.startswith(("a ", "an ")):
        return name
    return f"an {name}" if name[:1].lower() in "aeio" else f"a {name}"


def _describe_arg(name, a) -> str:
    if isinstance(a, np.ndarray):
        text = f"{name} of shape {a.shape}"
        if a.dtype != np.float64:
            text += f" ({a.dtype})"
        if a.size <= 12:
            text += " = " + " ".join(line.strip() for line in _fmt_array(a).splitlines())
        elif a.dtype.kind in "iuf":
            with np.errstate(all="ignore"):
                text += f" with values from {a.min():.4g} to {a.max():.4g}"
        return text
    if isinstance(a, (numbers.Number, np.generic, str)) or a is None:
        return f"{name} = {a!r}"
    if isinstance(a, (list, tuple)):
        return f"{name} (a {type(a).__name__} of length {len(a)})"
    return f"{name} (a {type(a).__name__})"


def _arg_names(reference, n):
    names = []
    try:
        params = inspect.signature(reference).parameters.values()
        names = [p.name.rstrip("_") or p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        pass
    return [names[i] if i < len(names) else f"argument {i + 1}" for i in range(n)]


def _describe_case(ex: Exercise, args) -> str:
    if not args:
        return ""
    names = _arg_names(ex.reference, len(args))
    parts = [_describe_arg(nm, a) for nm, a in zip(names, args)]
    return "for input " + ", ".join(parts)


def _subject(ex: Exercise, path) -> str:
    base = "your result" if ex.kind == "function" else f"`{ex.answer}`"
    if not path:
        return base
    index = "".join(f"[{p!r}]" for p in path)
    if ex.kind == "function":
        return f"{base}{index}"
    if len(path) == 1 and isinstance(path[0], int):  # counted as the exercise text counts: from 1
        return f"`{ex.answer}{index}` (entry {path[0] + 1})"
    return f"`{ex.answer}{index}`"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _short(text, limit=300) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit] + " ..."
