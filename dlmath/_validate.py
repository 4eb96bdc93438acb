"""Input checking shared by every public function.

Each helper turns what a learner passes (a list, an int array, a NumPy array) into a float
array, or raises an error whose message names the argument, what was expected and what was
got. Checks are cheap (no copies for arrays that are already right), so they can stay on in
the training loop.
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Mapping
from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

T = TypeVar("T")


def as_float_array(
    x: ArrayLike,
    name: str,
    ndim: int | tuple[int, ...] | None = None,
    finite: bool = True,
    dtype: DTypeLike = np.float64,
) -> np.ndarray:
    """Return ``x`` as a float array, checking dimensionality and finiteness.

    Parameters
    ----------
    x : array_like
        Anything NumPy can turn into a numeric array: a list, a scalar, an array. Integer and
        boolean arrays are converted to float (values are kept, never truncated).
    name : str
        The argument's name, used in error messages.
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    finite : bool, default True
        Reject NaN and infinity.
    dtype : numpy dtype, default float64
        Float type used when ``x`` is not already a floating array.

    Returns
    -------
    numpy.ndarray
        ``x`` itself when it already is a floating array, else a converted copy.
    """
    if isinstance(x, np.ndarray) and x.dtype.kind == "f":
        arr = x
    else:
        if isinstance(x, (str, bytes)) or x is None:
            raise TypeError(f"{name} must be a number or an array of numbers, got {type(x).__name__}")
        try:
            arr = np.asarray(x)
        except ValueError as err:  # ragged nested lists
            raise ValueError(f"{name} could not be made into an array (ragged nested lists?): {err}") from None
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"{name} must contain numbers, got an array of dtype {arr.dtype}")
        arr = arr.astype(dtype if arr.dtype.kind != "f" else arr.dtype)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {want}, got a {arr.ndim}-D array of shape {arr.shape}")
    if finite and not np.isfinite(arr).all():
        bad = "NaN" if np.isnan(arr).any() else "infinity"
        raise ValueError(f"{name} contains {bad}; remove or replace non-finite values first")
    return arr


def as_float_pair(
    y_pred: ArrayLike, y_true: ArrayLike, a: str = "y_pred", b: str = "y_true"
) -> tuple[np.ndarray, np.ndarray]:
    """Return two finite float arrays of one shape, not empty: a prediction and its target (named ``a``, ``b``)."""
    p = as_float_array(y_pred, a)
    t = as_float_array(y_true, b)
    if p.shape != t.shape:
        raise ValueError(f"{a} has shape {p.shape} but {b} has shape {t.shape}; they must be equal")
    if p.size == 0:
        raise ValueError(f"{a} is empty: a loss needs at least one sample")
    return p, t


def check_shape(arr: np.ndarray, shape: tuple, name: str) -> None:
    """Raise a ValueError unless ``arr.shape`` matches ``shape`` (``None`` entries match any size)."""
    ok = arr.ndim == len(shape) and all(s is None or s == a for s, a in zip(shape, arr.shape))
    if not ok:
        want = "(" + ", ".join("any" if s is None else str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"
        raise ValueError(f"{name} must have shape {want}, got {arr.shape}")


def check_positive(value: float, name: str, allow_zero: bool = False) -> float:
    """Return ``value`` as a float, raising unless it is a finite number > 0 (or >= 0)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        want = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be a finite number {want}, got {value}")
    return value


def check_fraction(value: float, name: str, upper_open: bool = True) -> float:
    """Return ``value`` as a float in [0, 1) (or [0, 1]), raising a named error otherwise."""
    value = check_positive(value, name, allow_zero=True)
    if value > 1 or (upper_open and value == 1):
        raise ValueError(f"{name} must be in [0, 1{')' if upper_open else ']'}, got {value}")
    return value


def check_int(value: int, name: str, minimum: int = 0) -> int:
    """Return ``value`` as an int >= ``minimum``, raising a named error otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def as_rng(rng: int | np.random.Generator | None) -> np.random.Generator:
    """Turn ``None`` (seed 0), an int seed or a Generator into a ``np.random.Generator``."""
    if rng is None:
        return np.random.default_rng(0)
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise TypeError(f"rng must be None, an int seed or a numpy.random.Generator, got {type(rng).__name__}")


def as_class_labels(y: ArrayLike, k: int, name: str = "labels", n: int | None = None, of: str = "") -> np.ndarray:
    """Return class labels as a 1-D int64 array, checking that they are whole numbers in [0, k).

    The one check of integer labels, used by the cross-entropy and by ``train``.

    Parameters
    ----------
    y : array_like, shape (n,)
        Integer labels; floats holding whole numbers (1.0) are accepted and converted.
    k : int
        Number of classes.
    name : str
        The argument's name, used in error messages.
    n : int, optional
        The number of labels expected: the rows of the logits.
    of : str, optional
        Where ``k`` comes from, for the message (e.g. "the network has 3 outputs").

    Examples
    --------
    >>> as_class_labels([0, 2.0, 1], k=3)
    array([0, 2, 1])
    """
    arr = np.asarray(y)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D class labels of shape (n,), got shape {arr.shape}")
    if n is not None and arr.shape[0] != n:
        raise ValueError(f"{name} has {arr.shape[0]} entries but logits has {n} rows (one label per row)")
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be integer class indices, got dtype {arr.dtype}")
    if arr.dtype.kind == "f":
        if not np.isfinite(arr).all():
            raise ValueError(f"{name} contains NaN or infinity; class labels must be integers")
        if np.any(arr != np.round(arr)):
            raise ValueError(
                f"{name} must be integer class labels, got non-integer values (dtype {arr.dtype}); "
                "pass one-hot / probabilities of shape (n, k) instead"
            )
    labels = arr.astype(np.int64, copy=False)
    if labels.size and (labels.min() < 0 or labels.max() >= k):
        where = f" ({of})" if of else ""
        raise ValueError(
            f"{name} must be in [0, {k}) for {k} classes{where}, got values from {labels.min()} to {labels.max()}"
        )
    return labels


def as_class_probabilities(y: ArrayLike, name: str = "labels") -> np.ndarray:
    """Return one-hot targets or class probabilities, shape (n, k), checking every row.

    The one check of such targets, used by the cross-entropy and by ``train``: a finite 2-D
    float array whose rows are non-negative and sum to 1. The caller checks the shape.

    Examples
    --------
    >>> as_class_probabilities([[0, 1], [0.25, 0.75]])
    array([[0.  , 1.  ],
           [0.25, 0.75]])
    """
    Y = as_float_array(y, name, ndim=2)
    if Y.size and (Y.min() < 0 or not np.allclose(Y.sum(axis=1), 1.0)):
        raise ValueError(f"{name} of shape (n, k) must be one-hot or probabilities: non-negative rows summing to 1")
    return Y


def lookup(name: str, table: Mapping[str, T], what: str, also: str = "") -> T:
    """The entry of ``table`` called ``name``: the one name rule of get_activation, get_loss and get_surface.

    Names are matched without regard to case ("ReLU" is "relu"). An unknown name raises a
    ``ValueError`` that lists the valid names and suggests the closest one.

    Examples
    --------
    >>> lookup("MSE", {"mse": 1, "cross_entropy": 2}, "loss")
    1
    >>> lookup("cross-entropy", {"mse": 1, "cross_entropy": 2}, "loss")
    Traceback (most recent call last):
    ...
    ValueError: unknown loss 'cross-entropy' (did you mean 'cross_entropy'?); valid names are 'mse', 'cross_entropy'
    """
    key = name.lower()
    if key in table:
        return table[key]
    close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    valid = ", ".join(repr(k) for k in table)
    raise ValueError(f"unknown {what} {name!r}{hint}; valid names are {valid}{also}")
