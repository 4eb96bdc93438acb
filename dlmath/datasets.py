"""Small data sets that need no download: seeded toy problems and the 8x8 digits.

Every generator takes a ``seed`` (default 0), so the same call gives the same data on every
machine. Inputs come as ``X`` of shape (n, features), one sample per row; classification
labels as integers of shape (n,).
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike

from ._validate import as_float_array, check_fraction, check_int, check_positive

__all__ = [
    "make_line",
    "make_blobs",
    "make_moons",
    "make_spirals",
    "make_xor",
    "load_digits",
    "train_test_split",
    "one_hot",
]

_DATA = Path(__file__).with_name("data")


def make_line(
    n: int = 50, slope: float = 2.0, intercept: float = 1.0, noise: float = 1.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    r"""Points near a line, for linear regression.

    .. math:: y = \text{slope}\,x + \text{intercept} + \text{noise}\cdot\mathcal{N}(0,1)

    Returns
    -------
    X : numpy.ndarray, shape (n, 1), x uniform in [-3, 3]
    y : numpy.ndarray, shape (n, 1)
    """
    n = check_int(n, "n", minimum=1)
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = np.random.default_rng(seed)
    X = rng.uniform(-3, 3, size=(n, 1))
    return X, slope * X + intercept + noise * rng.normal(size=(n, 1))


def make_blobs(n: int = 300, centers: int = 3, std: float = 1.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian blobs around ``centers`` points spaced on a circle of radius 4.

    Returns
    -------
    X : numpy.ndarray, shape (n, 2)
    y : numpy.ndarray of int, shape (n,), labels 0..centers-1 (balanced)
    """
    n, k = check_int(n, "n", minimum=1), check_int(centers, "centers", minimum=1)
    std = check_positive(std, "std", allow_zero=True)
    rng = np.random.default_rng(seed)
    angles = 2 * np.pi * np.arange(k) / k + np.pi / 6
    means = 4 * np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.arange(n) % k
    return means[y] + std * rng.normal(size=(n, 2)), y


def make_moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (labels 0 and 1), plus Gaussian noise.

    Returns
    -------
    X : numpy.ndarray, shape (n, 2)
    y : numpy.ndarray of int, shape (n,)
    """
    n = check_int(n, "n", minimum=2)
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    t = np.pi * rng.uniform(size=n)
    X = np.where(
        y[:, None] == 0, np.column_stack([np.cos(t), np.sin(t)]), np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
    )
    return X + noise * rng.normal(size=(n, 2)), y


def make_spirals(n: int = 300, classes: int = 3, noise: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Interleaved spiral arms, one per class: not separable by any straight line.

    Returns
    -------
    X : numpy.ndarray, shape (n, 2), inside the unit disc (plus noise)
    y : numpy.ndarray of int, shape (n,)
    """
    n, k = check_int(n, "n", minimum=1), check_int(classes, "classes", minimum=2)
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = np.random.default_rng(seed)
    y = np.arange(n) % k
    r = rng.uniform(0.05, 1.0, size=n)
    theta = 4 * r + 2 * np.pi * y / k + noise * rng.normal(size=n)
    return np.column_stack([r * np.sin(theta), r * np.cos(theta)]), y


def make_xor(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The XOR problem: label 1 where x and y have different signs, else 0.

    Points are uniform in [-1, 1]^2 and labelled, then jittered by ``noise``.

    Returns
    -------
    X : numpy.ndarray, shape (n, 2)
    y : numpy.ndarray of int, shape (n,)
    """
    n = check_int(n, "n", minimum=1)
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    y = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(np.int64)
    return X + noise * rng.normal(size=(n, 2)), y


@lru_cache(maxsize=1)
def _digits() -> tuple[np.ndarray, np.ndarray]:
    with gzip.open(_DATA / "digits.csv.gz", "rt") as fh:
        data = np.loadtxt(fh, delimiter=",")
    return data[:, :-1] / 16.0, data[:, -1].astype(np.int64)


def load_digits(return_images: bool = False) -> tuple[np.ndarray, ...]:
    """The 1,797 8x8 handwritten digits (UCI, CC BY 4.0; see ``dlmath/data/DIGITS_LICENSE.txt``).

    Parameters
    ----------
    return_images : bool
        Return X as images of shape (1797, 8, 8) instead of flat rows.

    Returns
    -------
    X : numpy.ndarray, shape (1797, 64) (or (1797, 8, 8)), pixel intensities scaled to [0, 1]
    y : numpy.ndarray of int, shape (1797,), the digit 0-9
    """
    X, y = _digits()
    X, y = X.copy(), y.copy()
    return (X.reshape(-1, 8, 8), y) if return_images else (X, y)


def train_test_split(
    X: ArrayLike, y: ArrayLike, test_size: float = 0.25, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle and split into a training set and a held-out test set.

    Parameters
    ----------
    X : array_like, shape (n, ...)
    y : array_like, shape (n, ...)
    test_size : float in (0, 1)
        Fraction of samples held out (rounded up to a whole sample).
    seed : int

    Returns
    -------
    X_train, X_test, y_train, y_test : numpy.ndarray
    """
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} samples but y has {len(y)}")
    test_size = check_fraction(test_size, "test_size")
    n_test = int(np.ceil(len(X) * test_size))
    if n_test == 0 or n_test >= len(X):
        raise ValueError(f"test_size={test_size} leaves an empty train or test set for {len(X)} samples")
    order = np.random.default_rng(seed).permutation(len(X))
    test, tr = order[:n_test], order[n_test:]
    return X[tr], X[test], y[tr], y[test]


def one_hot(y: ArrayLike, k: int | None = None) -> np.ndarray:
    """One-hot encode integer labels.

    Parameters
    ----------
    y : array_like of int, shape (n,)
    k : int, optional
        Number of classes (default ``max(y) + 1``).

    Returns
    -------
    numpy.ndarray, shape (n, k), float: row i has a 1 in column y[i]
    """
    y = np.asarray(y)
    if y.ndim != 1 or (y.size and y.dtype.kind not in "iu" and np.any(y != np.round(y))):
        raise ValueError(f"y must be a 1-D array of integer labels, got shape {y.shape} dtype {y.dtype}")
    y = as_float_array(y, "y").astype(np.int64)
    if k is None and y.size == 0:
        raise ValueError("y is empty: one_hot cannot infer the number of classes, pass k")
    k = int(y.max()) + 1 if k is None else check_int(k, "k", minimum=1)
    if y.size and (y.min() < 0 or y.max() >= k):
        raise ValueError(f"labels must be in [0, {k}), got values from {y.min()} to {y.max()}")
    out = np.zeros((y.size, k))
    out[np.arange(y.size), y] = 1.0
    return out
