"""Typical exceptions raised by a learner's code, explained in one sentence: a broadcast, the
shapes of @, a truth value of an array, an index out of bounds, an in-place cast, None, a
division by zero, a name not defined (and which earlier exercise defines it)."""

from __future__ import annotations

__all__ = ["explain_error"]

_ERRORS = (
    (
        "could not be broadcast",
        "two arrays whose shapes do not line up entry by entry: a transpose missing or one too many, "
        "or an (n,) array that should be a column (n, 1) (keepdims=True or [:, None])?",
    ),
    (
        "mismatch in its core dimension",
        "the shapes do not fit for @: the columns of the first must equal the rows of the second "
        "(a .T missing or one too many?)",
    ),
    ("shapes not aligned", "the shapes do not fit for a product: a .T missing or one too many?"),
    (
        "truth value of an array",
        "an array was used where Python needs one True/False (if, and, or, max, min): "
        "use np.maximum / np.where, which work entry by entry",
    ),
    ("out of bounds", "an index goes past the end of an axis: check the ranges of your loops and the shapes"),
    (
        "Cannot cast ufunc",
        "an in-place update (-=, +=) cannot store floats in an integer array: "
        "compute a new array (x = x - ...) or convert with np.array(x, dtype=float)",
    ),
    ("'NoneType'", "a value is None here: handle the case None (e.g. batch_size=None) on its own"),
    ("division by zero", "a division by zero: check where a counter or a denominator starts"),
)


def _answered_by(name):
    """The id of the exercise whose answer is called ``name`` ("ch05_sigmoid" for sigmoid), or ""."""
    from .spec import EXERCISES

    try:
        return next((ex.id for ex in EXERCISES.values() if ex.answer == name), "")
    except Exception:
        return ""


def explain_error(ename, evalue):
    """A short explanation of a typical exception raised by a learner's code, or ""."""
    text = f"{ename}: {evalue}"
    if ename == "NameError" and "is not defined" in text:
        name = text.split("'")[1] if text.count("'") >= 2 else "it"
        earlier = _answered_by(name)
        if earlier:
            return (
                f"`{name}` is not defined where your function runs: it is your answer to the "
                f"exercise {earlier}; run that answer cell first (or define `{name}` here)"
            )
        return (
            f"`{name}` is not defined where your function runs: a typo in the name, or a helper "
            f"whose cell has not run yet (run the cell that defines `{name}` first)"
        )
    for pattern, why in _ERRORS:
        if pattern in text:
            return why
    return ""
