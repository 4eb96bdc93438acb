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


def _proportional(value, expected):
    """The variant is a multiple of the right result (always so for one number, unless 0)."""
    V, E = _m._as_array(value), _m._as_array(expected)
    if V is None or E is None or V.shape != E.shape or V.size == 0:
        return True
    if V.size == 1:
        return False
    V, E = V.astype(np.float64), E.astype(np.float64)
    den = float(np.sum(E * E))
    if not np.isfinite(den) or den == 0:
        return True
    c = float(np.sum(V * E) / den)
    return bool(_m.close(V, c * E))


def _scaled_match(got, value, factors):
    """``(factor, words)`` where ``got`` is ``factor * value``, or None."""
    G, V = _m._as_array(got), _m._as_array(value)
    if G is None or V is None or G.shape != V.shape:
        return None
    for f, words in factors.items():
        if _m.close(G, f * V.astype(np.float64)):
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


def _generic_says_it(value, expected, args):
    """The variant is the right result negated, scaled by the batch size or by a constant
    (arrays): the generic mistakes (opposite sign, sum for mean, a constant factor) name that
    more plainly."""
    from ._generic import _batch_sizes

    E = _m._as_array(expected)
    if E is not None and E.size >= 2 and _proportional(value, expected):
        return True

    try:
        scalings = [_m._map(expected, np.negative)]
        for n in _batch_sizes(args):
            scalings += [_m._map(expected, lambda a, n=n: n * a), _m._map(expected, lambda a, n=n: a / n)]
    except TypeError:
        return False
    return any(_m.close(value, s) for s in scalings)


def term_mistake(ex, got, expected, args, others=()):
    """The message of the first term variant that explains ``got`` (and ``others``, the
    ``(got, expected, args)`` of the other wrong cases, or a function returning them), or None."""
    args = tuple(args) if ex.kind == "function" else ()
    scaled, factors = [], _factors(args)

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
        if value is None or _m.close(value, expected) or _generic_says_it(value, expected, args):
            continue  # this change does not alter the result here (it cannot tell), or is plainer said
        if _m.close(got, value):
            if _confirmed(compute, other_cases()):
                return variant_text(family, message)
            continue
        match = None if scaled else _scaled_match(got, value, factors)
        if match and not _proportional(value, expected) and _confirmed(compute, other_cases(), match[0]):
            scaled.append(variant_text(family, message) + f", and then {match[1]}")
    return scaled[0] if scaled else None
