"""dlmath.plots: every function returns an Axes with labelled axes and draws what it is given.

conftest.py selects the Agg backend and closes every figure after each test.
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex

from dlmath import plots
from dlmath.activations import sigmoid
from dlmath.datasets import make_blobs
from dlmath.layers import Dense
from dlmath.network import MLP, Network
from dlmath.optimizers import SGD, Adam
from dlmath.surfaces import himmelblau, quadratic_bowl, run_path
from dlmath.training import History


def _labelled(ax):
    assert isinstance(ax, Axes)
    assert ax.get_xlabel().strip() and ax.get_ylabel().strip(), (ax.get_xlabel(), ax.get_ylabel())
    assert ax.figure.get_size_inches()[0] <= 9


def test_palette_is_okabe_ito():
    assert plots.PALETTE == ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]


def test_plot_history():
    hist = History(loss=[3.0, 2.0, 1.5], step_loss=[3.0, 2.0, 1.5])
    ax = plots.plot_history(hist)
    _labelled(ax)
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "loss"
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(line.get_ydata(), [3.0, 2.0, 1.5])
    assert to_hex(line.get_color()).upper() == plots.PALETTE[0]
    hist.val_loss = [3.5, 2.5, 2.4]
    fig, given = plt.subplots()
    ax2 = hist.plot(ax=given)
    assert ax2 is given
    assert len(ax2.get_lines()) == 2
    np.testing.assert_array_equal(ax2.get_lines()[1].get_ydata(), [3.5, 2.5, 2.4])
    assert {t.get_text() for t in ax2.get_legend().get_texts()} == {"training loss", "validation loss"}


@pytest.mark.parametrize("k", [1, 3])
def test_plot_decision_boundary(k):
    X, y = make_blobs(n=30, centers=max(k, 2), seed=0)
    net = MLP([2, 4, k], rng=0)
    ax = plots.plot_decision_boundary(net, X, y, resolution=40)
    _labelled(ax)
    assert len(ax.collections) >= 2  # filled regions and the points
    offsets = ax.collections[-1].get_offsets()
    np.testing.assert_allclose(offsets, X)


def test_plot_decision_boundary_regions_follow_the_network():
    # one logit x1: class 1 right of the vertical line x1 = 0, class 0 left of it
    net = Network([Dense(2, 1)])
    net.layers[0].W = [[1.0, 0.0]]
    X = np.array([[-2.0, 0.0], [2.0, 1.0], [-1.0, 2.0], [1.0, -1.0]])
    y = np.array([0, 1, 0, 1])
    fig, ax = plt.subplots()
    plots.plot_decision_boundary(net, X, y, ax=ax, resolution=50)
    cs = ax.collections[0]  # the filled regions, one path per class
    np.testing.assert_array_equal(cs.levels, [-0.5, 0.5, 1.5])
    class0, class1 = (p.vertices[:, 0] for p in cs.get_paths())
    grid_step = (2.0 + 0.5 + 2.0 + 0.5) / 49
    assert class0.min() == -2.5 and class0.max() <= grid_step  # left of x1 = 0 (up to one grid cell)
    assert class1.max() == 2.5 and class1.min() >= -grid_step  # right of it


def test_plot_surface_and_paths():
    s = himmelblau()
    ax = plots.plot_surface(s)
    _labelled(ax)
    assert "Himmelblau" in ax.get_title()
    stars = [ln for ln in ax.get_lines() if ln.get_marker() == "*"]
    assert len(stars) == len(s.minima) == 4
    assert ax.get_xlim() == s.xlim and ax.get_ylim() == s.ylim

    bowl = quadratic_bowl()
    paths = {"SGD": run_path(bowl, SGD(0.1), steps=10), "Adam": run_path(bowl, Adam(0.3), steps=10)}
    ax = plots.plot_paths(bowl, paths)
    _labelled(ax)
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    for label, path in paths.items():
        np.testing.assert_array_equal(lines[label].get_xdata(), path[:, 0])
        np.testing.assert_array_equal(lines[label].get_ydata(), path[:, 1])
    legend = {t.get_text() for t in ax.get_legend().get_texts()}
    assert {"SGD", "Adam", "start"} <= legend


def test_plot_function_draws_f():
    ax = plots.plot_function(sigmoid, xlim=(-4, 4), label="sigmoid")
    (line,) = ax.get_lines()
    x = line.get_xdata()
    assert x[0] == -4 and x[-1] == 4
    np.testing.assert_allclose(line.get_ydata(), sigmoid(x))
    assert ax.get_xlabel()
    plots.plot_function(np.tanh, xlim=(-4, 4), ax=ax)
    colours = [to_hex(ln.get_color()).upper() for ln in ax.get_lines()]
    assert colours == plots.PALETTE[:2]


def test_plot_function_labels_both_axes():
    _labelled(plots.plot_function(sigmoid))
