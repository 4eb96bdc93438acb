"""Plain data across the trust boundary: what a learner's code hands back to a check.

A check never compares the learner's objects themselves: the learner's result is first turned
into *plain data* (:func:`encode`), then rebuilt by the checking side (:func:`decode`). Plain
data is ``None``, ``bool``, ``int``, ``float``, ``complex``, ``str``, NumPy scalars, NumPy arrays
of a numeric or bool dtype, and lists, tuples and dicts (with str or int keys) of them, of exact
types only. Anything else (a ``Fraction``, an object array, an ndarray or tuple subclass, an
object with a lying ``__eq__`` or ``__array__``) arrives as :class:`Foreign`, which names its
type, so the check can say "your result is a Fraction; return a float".

The same functions serve the live check (in the learner's kernel) and the grader (the encoded
text travels out of a sandboxed kernel as a string). Decoding is JSON parsing plus array
construction from bytes: no pickle, no code from the learner is ever run on the checking side.

Functions passed *to* the learner's code (the gradient of a test surface, say) travel the other
way as :class:`Fn`: the source of a small lambda over ``np`` and ``math``, written by the
exercise author.
"""

from __future__ import annotations

import base64
import json
import math

import numpy as np

__all__ = [
    "encode",
    "decode",
    "dumps",
    "loads",
    "Foreign",
    "Fn",
    "WireError",
    "MAX_ARRAY_ENTRIES",
    "MAX_ITEMS",
    "MAX_DEPTH",
    "MAX_TEXT",
]

MAX_ARRAY_ENTRIES = 1_000_000  # entries in one array
MAX_ITEMS = 100_000  # entries of one list, tuple or dict
MAX_DEPTH = 20  # nesting of containers
MAX_TEXT = 64 * 2**20  # characters of one encoded message
MAX_STR = 100_000  # characters of one string value
_NUMERIC_KINDS = "biufc"


class WireError(ValueError):
    """An encoded message that is not plain data (too large, malformed, unknown markers)."""


class Foreign:
    """Stands for a value that is not plain data; ``type_name`` says what it was."""

    __slots__ = ("type_name", "detail")

    def __init__(self, type_name: str, detail: str = ""):
        self.type_name = str(type_name)[:200]
        self.detail = str(detail)[:200]

    def __repr__(self):
        return f"Foreign({self.type_name!r})"

    def __eq__(self, other):
        return isinstance(other, Foreign) and other.type_name == self.type_name

    __hash__ = None


class Fn:
    """A function given to the learner's code as an input, written as lambda source.

    Parameters
    ----------
    source : str
        A lambda expression over ``np`` and ``math``, e.g. ``"lambda p: np.array([1.0, 10.0]) * p"``.
    name : str, optional
        How messages name it (default: the source).
    """

    def __init__(self, source: str, name: str = ""):
        if not isinstance(source, str) or not source.strip().startswith("lambda"):
            raise TypeError(f"Fn needs the source of a lambda, got {source!r}")
        self.source = source
        self.name = name or source
        self._fn = eval(compile(source, "<dlmath.grading.Fn>", "eval"), {"np": np, "math": math})

    def __call__(self, *args):
        return self._fn(*args)

    def __repr__(self):
        return self.name


def _type_name(x) -> str:
    t = type(x)
    mod = getattr(t, "__module__", "") or ""
    if mod in ("builtins", ""):
        return t.__name__
    return f"{mod}.{t.__qualname__}"


def encode(x, _depth=0):
    """Plain data as JSON-ready structures (see the module docstring); never raises."""
    if _depth > MAX_DEPTH:
        return {"__foreign__": "a structure nested too deeply"}
    t = type(x)
    if x is None or t is bool or t is str and len(x) <= MAX_STR:
        return x
    if t is int:
        return x if -(2**63) <= x < 2**63 else {"__bigint__": str(x)[:400]}
    if t is float:
        return x if math.isfinite(x) else {"__float__": repr(x)}
    if t is complex:
        return {"__complex__": [encode(x.real), encode(x.imag)]}
    if t is tuple or t is list:
        if len(x) > MAX_ITEMS:
            return {"__foreign__": f"a {t.__name__} of {len(x)} entries (too long to check)"}
        items = (
            [encode(v, _depth + 1) for v in list.__iter__(x)]
            if t is list
            else [encode(v, _depth + 1) for v in tuple.__iter__(x)]
        )
        return items if t is list else {"__tuple__": items}
    if t is dict:
        if len(x) > MAX_ITEMS:
            return {"__foreign__": f"a dict of {len(x)} entries (too long to check)"}
        pairs = []
        for k, v in dict.items(x):
            if type(k) not in (str, int, bool):
                return {"__foreign__": f"a dict with {_type_name(k)} keys"}
            pairs.append([k, encode(v, _depth + 1)])
        return {"__dict__": pairs}
    if t is np.ndarray:
        if x.dtype.kind not in _NUMERIC_KINDS or x.dtype.fields is not None:
            return {"__foreign__": f"a NumPy array of dtype {x.dtype}"}
        if x.size > MAX_ARRAY_ENTRIES:
            return {"__foreign__": f"a NumPy array of {x.size} entries (too large to check)"}
        data = np.ascontiguousarray(x)
        return {"__nd__": [data.dtype.str, list(data.shape), base64.b64encode(data.tobytes()).decode("ascii")]}
    if isinstance(x, np.generic) and t.__module__ == "numpy" and x.dtype.kind in _NUMERIC_KINDS:
        return {"__np__": [x.dtype.str, base64.b64encode(np.asarray(x).tobytes()).decode("ascii")]}
    if t is Fn:
        return {"__fn__": x.source}
    return {"__foreign__": _type_name(x)}


def decode(obj, allow_fn=False, _depth=0):
    """Rebuild values from :func:`encode`'s output; raises :class:`WireError` on anything else.

    ``allow_fn``: accept :class:`Fn` markers (only for inputs written by the exercise author;
    never for what a learner's code sent, since an ``Fn`` is compiled).
    """
    if _depth > MAX_DEPTH + 2:
        raise WireError("nested too deeply")
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, list):
        if len(obj) > MAX_ITEMS:
            raise WireError("list too long")
        return [decode(v, allow_fn, _depth + 1) for v in obj]
    if not isinstance(obj, dict) or len(obj) != 1:
        raise WireError("unexpected structure")
    ((tag, val),) = obj.items()
    if tag == "__tuple__" and isinstance(val, list):
        return tuple(decode(v, allow_fn, _depth + 1) for v in val)
    if tag == "__dict__" and isinstance(val, list):
        out = {}
        for pair in val:
            if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], (str, int))):
                raise WireError("bad dict entry")
            out[pair[0]] = decode(pair[1], allow_fn, _depth + 1)
        return out
    if tag == "__nd__" and isinstance(val, list) and len(val) == 3:
        dtype, shape, data = _dtype(val[0]), val[1], val[2]
        if not (isinstance(shape, list) and all(isinstance(s, int) and s >= 0 for s in shape)):
            raise WireError("bad array shape")
        if math.prod(shape) > MAX_ARRAY_ENTRIES:
            raise WireError("array too large")
        raw = base64.b64decode(str(data), validate=True)
        if len(raw) != math.prod(shape) * dtype.itemsize:
            raise WireError("array data does not match its shape")
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if tag == "__np__" and isinstance(val, list) and len(val) == 2:
        dtype = _dtype(val[0])
        raw = base64.b64decode(str(val[1]), validate=True)
        if len(raw) != dtype.itemsize:
            raise WireError("bad NumPy scalar")
        return np.frombuffer(raw, dtype=dtype)[0]
    if tag == "__float__" and val in ("nan", "inf", "-inf"):
        return float(val)
    if tag == "__bigint__" and isinstance(val, str) and val.lstrip("-").isdigit():
        return int(val)
    if tag == "__complex__" and isinstance(val, list) and len(val) == 2:
        re_, im = (decode(v, allow_fn, _depth + 1) for v in val)
        if not all(isinstance(v, (int, float)) for v in (re_, im)):
            raise WireError("bad complex")
        return complex(re_, im)
    if tag == "__foreign__" and isinstance(val, str):
        return Foreign(val)
    if tag == "__fn__" and isinstance(val, str) and allow_fn:
        return Fn(val)
    raise WireError(f"unknown marker {str(tag)[:40]!r}")


def _dtype(text):
    try:
        dtype = np.dtype(str(text))
    except TypeError as exc:
        raise WireError(f"bad dtype {str(text)[:40]!r}") from exc
    if dtype.kind not in _NUMERIC_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise WireError(f"dtype {dtype} is not numeric")
    return dtype


def dumps(x) -> str:
    """``encode`` then JSON text."""
    return json.dumps(encode(x), separators=(",", ":"))


def loads(text: str, allow_fn=False):
    """JSON text then ``decode``; :class:`WireError` for anything that is not plain data."""
    if not isinstance(text, str):
        raise WireError(f"expected text, got {type(text).__name__}")
    if len(text) > MAX_TEXT:
        raise WireError("message too large")
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"not JSON: {exc}") from None
    try:
        return decode(obj, allow_fn)
    except (ValueError, TypeError, RecursionError, OverflowError) as exc:
        if isinstance(exc, WireError):
            raise
        raise WireError(str(exc)) from None
