"""Term variants: the learner's value compared with the formula changed in one place.

Three sources, tried in this order on the failing case:

1. the exercise's declared :class:`~dlmath.grading.spec.Variant` s (data in the bank: a small
   function, or the reference on altered inputs);
2. the reference on one scalar input altered: set to 0 (its term missing), to 1 (its factor
   missing, e.g. the learning rate) or, for a rate in (0, 1), to 1 - p (β versus 1 - β);
3. the reference's own source changed in one place (:mod:`._mutants`).

A variant matches when the learner's value equals it, or equals it up to a simple factor
(2, 1/2, the batch size or its inverse), unless the variant is itself a multiple of the right
result (then the factor says it better). Messages name the change, never a value of the key.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np

from . import mistakes as _m
from . import wire
from ._mutants import lines_run, mutants

__all__ = ["term_mistake", "variant_text"]


def _fresh(args):
    return wire.decode(wire.encode(tuple(args)), allow_fn=True)


def _run(fn, args):
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return fn(*_fresh(args))
    except Exception:
        return None


def variant_text(family, message):
    from .spec import FAMILY_LABELS

    text = f"your result is what the formula gives when {message}"
    label = FAMILY_LABELS.get(family, "")
    return f"{label}: {text}" if label else text


def _arg_variants(ex, args, names):
    for i, (name, a) in enumerate(zip(names, args)):
        if not isinstance(a, numbers.Real) or isinstance(a, (bool, int)) or a == 0:
            continue
        yield i, 0.0, "missing_term", f"the term with `{name}` is left out (as if `{name}` were 0)"
        if a != 1:
            yield i, 1.0, "missing_term", f"the factor `{name}` is missing (as if `{name}` were 1)"
        if 0 < a < 1 and a != 0.5:
            yield i, 1.0 - a, "wrong_formula", f"`{name}` stands where 1 - `{name}` is needed, or the other way round"


def _factors(args):
    out = {2.0: "twice as large", 0.5: "half as large"}
    for a in args:
        if isinstance(a, np.ndarray) and a.ndim >= 1 and len(a) > 2:
            out.setdefault(float(len(a)), f"{len(a)} times as large (the number of rows)")
            out.setdefault(1.0 / len(a), f"{len(a)} times smaller (the number of rows)")
    return out


def _flat(x):
    """All numbers of a result (an array, a number, or a tuple / list of them) as one float64
    vector, or None: one vector makes each comparison a single NumPy operation."""
    if isinstance(x, (tuple, list)):
        parts = [_flat(v) for v in x]
        if not parts or any(p is None for p in parts):
            return None
        return np.concatenate(parts)
    arr = _m._as_array(x)
    if arr is None or arr.dtype.kind == "c":
        return None
    return arr.astype(np.float64).ravel()


def _ratio(a, b):
    """The least-squares factor c of a = c b, or None (b zero, or not finite)."""
    if a is None or b is None or a.shape != b.shape or a.size == 0:
        return None
    with np.errstate(all="ignore"):
        den = float(b @ b)
        c = float(a @ b) / den if den else None
    return c if c is not None and np.isfinite(c) else None


def _is_multiple(a, b, c):
    with np.errstate(all="ignore"):
        return bool(np.allclose(a, c * b, rtol=_m.RTOL, atol=_m.ATOL))


def _proportional(V, E):
    """The variant is a multiple of the right result (always so for one number, unless 0)."""
    if V is None or E is None or V.shape != E.shape or V.size == 0:
        return True
    if V.size == 1:
        return False
    c = _ratio(V, E)
    return c is None or _is_multiple(V, E, c)


def _scaled_match(G, V, factors):
    """``(factor, words)`` where the learner's numbers ``G`` are ``factor`` times ``V``, or None."""
    c = _ratio(G, V)
    if c is None:
        return None
    for f, words in factors.items():
        if np.isclose(c, f, rtol=1e-6, atol=0.0) and _is_multiple(G, V, f):
            return f, words
    return None


def _candidates(ex, args):
    """``(family, message, compute)`` of each variant, the cheapest first; ``compute(args)``
    is the variant's value on those inputs (None when it raises)."""
    for v in getattr(ex, "variants", ()):
        yield v.family, v.message, lambda a, v=v: v.value(ex, a)
    base, found = mutants(ex.reference)
    if base is None or not _m.close(_run(base, args), _run(ex.reference, args)):
        return  # the source read back is not the reference: it cannot vouch for its changes
    if ex.kind == "function" and args:
        from ._describe import _arg_names

        names = _arg_names(ex.reference, len(args))
        for i, new, family, message in _arg_variants(ex, args, names):

            def altered(a, i=i, new=new):
                a = list(a)
                a[i] = new if isinstance(a[i], numbers.Real) else a[i]
                return _run(base, a)  # the guarded copy: an altered input may never converge

            yield family, message, altered
    run = lines_run(base, _fresh(args))
    for mutant in found:
        if mutant.runs_on(run):
            yield mutant.family, mutant.message, lambda a, f=mutant.fn: _run(f, a)


def _confirmed(compute, others, factor=1.0):
    """The variant (times ``factor``) explains the other wrong cases too, where it changes
    their result."""
    for got, expected, args in others[:3]:
        value = compute(args)
        if value is None or _m.close(value, expected):
            continue
        try:
            value = value if factor == 1.0 else _m._map(value, lambda a: factor * a)
        except TypeError:
            return False
        if not _m.close(got, value):
            return False
    return True


def _generic_says_it(V, E, sizes):
    """The variant is the right result negated, scaled by a batch size, or (arrays) by any
    constant: the generic mistakes (opposite sign, sum for mean, a constant factor) name that
    more plainly."""
    if V is None or E is None or V.shape != E.shape:
        return False
    if E.size >= 2:
        return _proportional(V, E)
    return any(_is_multiple(V, E, c) for c in (-1.0, *sizes, *(1.0 / n for n in sizes)))


def term_mistake(ex, got, expected, args, others=()):
    """The message of the first term variant that explains ``got`` (and ``others``, the
    ``(got, expected, args)`` of the other wrong cases, or a function returning them), or None."""
    from ._generic import _batch_sizes

    args = tuple(args) if ex.kind == "function" else ()
    scaled, factors = [], _factors(args)
    if isinstance(got, (tuple, list)) != isinstance(expected, (tuple, list)):
        return None  # a list for an array (or the other way round): its type is the mistake
    G, E = _flat(got), _flat(expected)
    if G is None or E is None:
        return None  # a result that is not numbers: its type is the mistake
    sizes = _batch_sizes(args)
    if _generic_says_it(G, E, sizes):
        return None  # a multiple of the right result: no variant can match (they are skipped too)

    def other_cases():
        nonlocal others
        if callable(others):
            try:
                others = list(others())
            except Exception:
                others = []
        return others

    for family, message, compute in _candidates(ex, args):
        value = compute(args)
        V = None if value is None else _flat(value)
        if V is None or _m.close(value, expected) or _generic_says_it(V, E, sizes):
            continue  # this change does not alter the result here (it cannot tell), or is plainer said
        if _m.close(got, value):
            if _confirmed(compute, other_cases()):
                return variant_text(family, message)
            continue
        match = None if scaled else _scaled_match(G, V, factors)
        if match and not _proportional(V, E) and _confirmed(compute, other_cases(), match[0]):
            scaled.append(variant_text(family, message) + f", and then {match[1]}")
    return scaled[0] if scaled else None
