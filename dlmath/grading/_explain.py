"""Which mistake a failed check names: the exercise's own mistakes (the one that explains every
wrong case first), then the families recognised from the reference (:mod:`._families`), then
the term variants (:mod:`._terms`: declared, altered inputs, the reference's source changed in
one place), then the generic ones (:mod:`._generic`). A detector that raises names nothing."""

from __future__ import annotations

import warnings

import numpy as np

__all__: list[str] = []


def _quiet(fn, *args):
    """``fn(*args)`` with NumPy's warnings silenced; None when it raises."""
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(*args)
    except Exception:
        return None


def _explain(ex, got, expected, args, leaf, others=()):
    """Message of the first matching mistake (the exercise's, the families, the term variants,
    the generic), or None. ``others``: ``(got, expected, args)`` of the other cases the answer
    gets wrong (or a function returning them); an exercise mistake that explains them all is
    preferred to one that explains only this case (two mistakes can agree on one input)."""
    from ._families import family_mistake
    from ._generic import _generic_mistake
    from ._terms import term_mistake

    matching = [m for m in ex.mistakes if m.matches(got, expected, args)]
    if len(matching) > 1:
        try:
            others = others() if callable(others) else others  # computed only when it can decide
        except Exception:  # a result that cannot be read back: decide on this case alone
            others = ()
        for mistake in matching:
            if others and all(mistake.matches(*o) for o in others):
                return mistake.text
    for mistake in matching:
        return mistake.text
    named = _quiet(family_mistake, ex, got, expected, args) or _quiet(term_mistake, ex, got, expected, args, others)
    if named or leaf is None:
        return named
    return _quiet(_generic_mistake, leaf[0], leaf[1], args)
