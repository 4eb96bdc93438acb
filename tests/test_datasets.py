"""dlmath.datasets: shapes, dtypes, balance, geometry, seeds, the digits file, splitting, one-hot."""

import csv
import gzip
from pathlib import Path

import numpy as np
import pytest

from dlmath import datasets as ds

GENERATORS = [ds.make_blobs, ds.make_moons, ds.make_spirals, ds.make_xor]
DIGITS_FILE = Path(ds.__file__).with_name("data") / "digits.csv.gz"


# --- toy generators -------------------------------------------------------------------------------
@pytest.mark.parametrize("make", GENERATORS)
def test_classification_shapes_dtypes_and_seeds(make):
    X, y = make()
    n = len(y)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype.kind == "i"
    X2, y2 = make(seed=0)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = make(seed=1)
    assert not np.array_equal(X, X3)
    Xs, ys = make(n=31)
    assert Xs.shape == (31, 2) and ys.shape == (31,)


@pytest.mark.parametrize("make, k", [(ds.make_blobs, 3), (ds.make_moons, 2), (ds.make_spirals, 3)])
def test_labels_are_balanced(make, k):
    _, y = make(n=301)
    counts = np.bincount(y)
    assert len(counts) == k and counts.max() - counts.min() <= 1 and counts.sum() == 301
    _, y = ds.make_blobs(n=40, centers=5)
    np.testing.assert_array_equal(np.bincount(y), [8] * 5)
    _, y = ds.make_spirals(n=40, classes=4)
    np.testing.assert_array_equal(np.bincount(y), [10] * 4)


def test_make_line_geometry():
    X, y = ds.make_line(n=30, slope=-1.5, intercept=4.0, noise=0.0, seed=3)
    assert X.shape == y.shape == (30, 1)
    np.testing.assert_allclose(y, -1.5 * X + 4.0, rtol=1e-15)
    assert X.min() >= -3 and X.max() <= 3
    X, y = ds.make_line(n=4000, slope=2.0, intercept=1.0, noise=1.0, seed=0)
    slope, intercept = np.polyfit(X[:, 0], y[:, 0], 1)
    assert slope == pytest.approx(2.0, abs=0.05) and intercept == pytest.approx(1.0, abs=0.05)
    assert np.std(y - (2 * X + 1)) == pytest.approx(1.0, abs=0.05)


def test_make_blobs_centres_on_a_circle_of_radius_4():
    X, y = ds.make_blobs(n=3000, centers=3, std=0.5, seed=0)
    means = np.array([X[y == c].mean(axis=0) for c in range(3)])
    np.testing.assert_allclose(np.linalg.norm(means, axis=1), 4.0, atol=0.05)
    assert np.linalg.norm(means[0] - means[1]) == pytest.approx(4 * np.sqrt(3), abs=0.1)  # 120 degrees apart
    X0, y0 = ds.make_blobs(n=6, centers=3, std=0.0)
    assert len(np.unique(X0.round(12), axis=0)) == 3  # std 0: every point sits on its centre


def test_make_moons_geometry_without_noise():
    X, y = ds.make_moons(n=200, noise=0.0, seed=2)
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0, atol=1e-12)  # unit circle, y >= 0
    assert upper[:, 1].min() >= 0
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0, atol=1e-12)
    assert lower[:, 1].max() <= 0.5


def test_make_xor_labels_without_noise():
    X, y = ds.make_xor(n=500, noise=0.0, seed=4)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))  # different signs -> 1
    assert np.abs(X).max() <= 1.0
    assert 0.4 < y.mean() < 0.6


def test_make_spirals_radius_without_noise():
    X, y = ds.make_spirals(n=300, classes=3, noise=0.0, seed=5)
    r = np.hypot(*X.T)
    assert r.min() >= 0.05 - 1e-12 and r.max() <= 1.0 + 1e-12
    # arm c at radius r sits at angle 4 r + 2 pi c / 3 (measured from the y axis)
    theta = np.arctan2(X[:, 0], X[:, 1])
    expected = 4 * r + 2 * np.pi * y / 3
    np.testing.assert_allclose(np.cos(theta - expected), 1.0, atol=1e-9)


@pytest.mark.parametrize(
    "call, exc, word",
    [
        (lambda: ds.make_blobs(n=0), ValueError, "n"),
        (lambda: ds.make_blobs(centers=0), ValueError, "centers"),
        (lambda: ds.make_moons(noise=-0.1), ValueError, "noise"),
        (lambda: ds.make_spirals(classes=1), ValueError, "classes"),
        (lambda: ds.make_xor(n=2.5), TypeError, "n"),
        (lambda: ds.make_line(n=-1), ValueError, "n"),
    ],
)
def test_generator_bad_input(call, exc, word):
    with pytest.raises(exc, match=word):
        call()


# --- digits ---------------------------------------------------------------------------------------------
def _read_digits_file():
    """Parse the bundled CSV with the csv module: independent of load_digits."""
    with gzip.open(DIGITS_FILE, "rt", newline="") as fh:
        rows = [[int(v) for v in row] for row in csv.reader(fh) if row]
    return np.array(rows)


def test_load_digits_matches_the_file():
    X, y = ds.load_digits()
    raw = _read_digits_file()
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert y.shape == (1797,) and y.dtype.kind == "i"
    assert X.min() == 0.0 and X.max() == 1.0
    np.testing.assert_array_equal(X * 16, raw[:, :64])  # pixels 0..16 scaled by 1/16
    np.testing.assert_array_equal(y, raw[:, 64])
    counts = np.bincount(y, minlength=10)
    np.testing.assert_array_equal(counts, np.bincount(raw[:, 64], minlength=10))
    # the UCI optdigits test set as shipped by scikit-learn
    np.testing.assert_array_equal(counts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])


def test_load_digits_images_and_copies():
    X, y = ds.load_digits()
    imgs, y2 = ds.load_digits(return_images=True)
    assert imgs.shape == (1797, 8, 8)
    np.testing.assert_array_equal(imgs.reshape(1797, 64), X)
    X[:] = -1.0  # a learner's in-place edit must not leak into the next call
    y[:] = 0
    X3, y3 = ds.load_digits()
    assert X3.min() == 0.0
    np.testing.assert_array_equal(y3, y2)


# --- train_test_split ---------------------------------------------------------------------------------------
def test_train_test_split_sizes_disjoint_and_paired():
    X = np.arange(40).reshape(20, 2)
    y = np.arange(20) * 10
    X_tr, X_te, y_tr, y_te = ds.train_test_split(X, y, test_size=0.25, seed=0)
    assert len(X_te) == len(y_te) == 5 and len(X_tr) == len(y_tr) == 15
    ids_tr, ids_te = X_tr[:, 0] // 2, X_te[:, 0] // 2
    assert set(ids_tr).isdisjoint(ids_te) and set(ids_tr) | set(ids_te) == set(range(20))
    np.testing.assert_array_equal(y_tr, ids_tr * 10)  # rows stay with their labels
    np.testing.assert_array_equal(y_te, ids_te * 10)
    again = ds.train_test_split(X, y, test_size=0.25, seed=0)
    for a, b in zip(again, (X_tr, X_te, y_tr, y_te)):
        np.testing.assert_array_equal(a, b)
    other = ds.train_test_split(X, y, test_size=0.25, seed=1)
    assert not np.array_equal(other[1], X_te)
    assert len(ds.train_test_split(X, y, test_size=0.26)[1]) == 6  # rounded up: ceil(5.2)
    X_tr, X_te, y_tr, y_te = ds.train_test_split(X.tolist(), y.tolist(), test_size=0.5)
    assert len(X_te) == 10 and isinstance(X_te, np.ndarray)


@pytest.mark.parametrize(
    "call, exc, word",
    [
        (lambda: ds.train_test_split(np.ones((5, 2)), np.ones(4)), ValueError, "5 samples.*4"),
        (lambda: ds.train_test_split(np.ones((5, 2)), np.ones(5), test_size=1.0), ValueError, "test_size"),
        (lambda: ds.train_test_split(np.ones((5, 2)), np.ones(5), test_size=0.0), ValueError, "test_size"),
        (lambda: ds.train_test_split(np.ones((5, 2)), np.ones(5), test_size=0.9), ValueError, "empty train"),
        (lambda: ds.train_test_split(np.ones((5, 2)), np.ones(5), test_size="0.2"), TypeError, "test_size"),
    ],
)
def test_train_test_split_bad_input(call, exc, word):
    with pytest.raises(exc, match=word):
        call()


# --- one_hot ------------------------------------------------------------------------------------------------
def test_one_hot_by_hand():
    np.testing.assert_array_equal(ds.one_hot([2, 0, 1]), [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    Y = ds.one_hot(np.array([1, 1]), k=4)
    assert Y.shape == (2, 4) and Y.dtype == np.float64
    np.testing.assert_array_equal(Y, [[0, 1, 0, 0], [0, 1, 0, 0]])
    np.testing.assert_array_equal(ds.one_hot([0.0, 2.0]), [[1, 0, 0], [0, 0, 1]])  # whole floats are labels
    assert ds.one_hot([], k=3).shape == (0, 3)


@pytest.mark.parametrize(
    "call, word",
    [
        (lambda: ds.one_hot([0, 3], k=3), r"\[0, 3\)"),
        (lambda: ds.one_hot([-1, 0]), r"-1"),
        (lambda: ds.one_hot([0.5, 1]), "integer"),
        (lambda: ds.one_hot([[0, 1]]), r"1-D.*\(1, 2\)"),
    ],
)
def test_one_hot_bad_input(call, word):
    with pytest.raises(ValueError, match=word):
        call()


def test_one_hot_empty_without_k_is_explained():
    with pytest.raises(ValueError, match="empty"):
        ds.one_hot([])
