"""dlmath.plots: every function returns an Axes with labelled axes and draws what it is given.

conftest.py selects the Agg backend and closes every figure after each test.
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation

from dlmath import plots
from dlmath.activations import sigmoid
from dlmath.autograd import Tensor, Value
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


# ---- drawing helpers: grids (dlmath.plots.grids) -------------------------------------------------


def _plain_texts(ax):
    return [t.get_text() for t in ax.texts if not isinstance(t, Annotation)]


def _arrows(ax):
    return [t for t in ax.texts if isinstance(t, Annotation)]


def _face(artist):
    return to_hex(artist.get_facecolor()).upper()


def test_draw_matrix_one_box_per_entry_row_0_on_top():
    fig, ax = plt.subplots()
    grid = plots.draw_matrix(ax, [[1, 2, 3], [4, 5, 6]])
    assert grid.shape == (2, 3)
    assert len(ax.patches) == 6 and all(isinstance(p, Rectangle) for p in ax.patches)
    # entry (i, j) has its lower-left corner at (j, rows - 1 - i): row 0 is the top row
    assert grid.cells[0, 0].get_xy() == (0.0, 1.0)
    assert grid.cells[1, 2].get_xy() == (2.0, 0.0)
    assert grid.texts[0, 2].get_text() == "3" and grid.texts[1, 0].get_text() == "4"
    assert grid.texts[1, 0].get_position() == (0.5, 0.5)
    assert grid.extent == (0.0, 0.0, 3.0, 2.0)
    assert {_face(r) for r in grid.cells.values()} == {"#FFFFFF"}
    assert not ax.axison


def test_draw_matrix_highlight_as_cells_or_mask_and_in_place_updates():
    fig, ax = plt.subplots()
    grid = plots.draw_matrix(ax, np.zeros((2, 2)), xy=(5, 1), highlight=[(0, 1)], color="#123456")
    assert grid.cells[0, 1].get_xy() == (6.0, 2.0)  # shifted by xy
    lit = {cell for cell, r in grid.cells.items() if _face(r) == "#123456"}
    assert lit == {(0, 1)}
    n_patches = len(ax.patches)
    changed = grid.set_highlight(np.array([[True, False], [True, False]]))  # column 0, the grid's colour
    assert len(changed) == 4 and len(ax.patches) == n_patches  # recoloured, not redrawn
    lit = {cell for cell, r in grid.cells.items() if _face(r) == "#123456"}
    assert lit == {(0, 0), (1, 0)}
    grid.set_highlight([(1, 1)], color=plots.PALETTE[2])
    assert {cell for cell, r in grid.cells.items() if _face(r) != "#FFFFFF"} == {(1, 1)}
    assert _face(grid.cells[1, 1]) == plots.PALETTE[2]
    assert _face(grid.cells[0, 1]) == "#FFFFFF"
    grid.set_values([[1.5, np.nan], [-2, 10]])
    assert [grid.texts[c].get_text() for c in [(0, 0), (0, 1), (1, 0), (1, 1)]] == ["1.5", "", "-2", "10"]


def test_draw_matrix_labels_headers_and_format():
    fig, ax = plt.subplots()
    grid = plots.draw_matrix(ax, [[0.5, 2]], indices=True, headers=True, label="A (1×2)", fmt="{:.2f}")
    texts = _plain_texts(ax)
    assert grid.texts[0, 0].get_text() == "0.50"
    assert {"[0, 0]", "[0, 1]", "col 0", "col 1", "row 0", "A (1×2)"} <= set(texts)
    assert "row 1" not in texts
    blank = plots.draw_matrix(ax, [[np.nan, 1.0]], xy=(0, 3))
    assert blank.texts[0, 0].get_text() == "" and blank.texts[0, 1].get_text() == "1"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (dict(M=[1, 2, 3]), "M must be 2-D"),
        (dict(M=np.zeros((0, 2))), "M must have at least one row"),
        (dict(M=np.zeros((2, 2)), highlight=[(2, 0)]), "highlight names the cell \\(2, 0\\)"),
        (dict(M=np.zeros((2, 2)), highlight=np.ones((3, 3), dtype=bool)), "highlight as a boolean mask"),
        (dict(M=np.zeros((2, 2)), highlight=[(0.5, 1)]), "highlight must be"),
    ],
)
def test_draw_matrix_bad_input_names_the_argument(kwargs, match):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=match):
        plots.draw_matrix(ax, **kwargs)


def test_draw_matrix_set_values_checks_the_shape():
    fig, ax = plt.subplots()
    grid = plots.draw_matrix(ax, np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"M must have the drawn matrix's shape \(2, 3\)"):
        grid.set_values(np.zeros((3, 2)))


def test_draw_stack_front_matrix_covers_the_ones_behind():
    T = np.arange(30).reshape(3, 2, 5)
    fig, ax = plt.subplots()
    grids = plots.draw_stack(ax, T)
    assert len(grids) == 3 and len(ax.patches) == 30
    # T[k] shifted by (0.9 k, 0.7 k) and drawn below T[k - 1]
    assert grids[2].cells[1, 0].get_xy() == pytest.approx((1.8, 1.4))
    assert grids[0].cells[0, 0].zorder > grids[1].cells[0, 0].zorder > grids[2].cells[0, 0].zorder
    assert grids[1].texts[0, 4].get_text() == str(T[1, 0, 4]) == "14"
    assert len({_face(g.cells[0, 0]) for g in grids}) == 3
    texts = _plain_texts(ax)
    assert {"T[0]", "T[1]", "T[2]", "axis 2: 5 columns", "axis 1:\n2 rows", "axis 0: 3 matrices"} <= set(texts)
    assert len(_arrows(ax)) == 3


def test_draw_stack_needs_a_3d_tensor():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="T must be 3-D"):
        plots.draw_stack(ax, np.zeros((2, 5)))
    with pytest.raises(ValueError, match="T must have at least one entry along each axis"):
        plots.draw_stack(ax, np.zeros((0, 2, 5)))


def test_draw_product_lights_the_row_the_column_and_their_entry():
    A = [[1, 2, 3], [4, 5, 6]]
    B = [[7, 8], [9, 10], [11, 12]]
    fig, ax = plt.subplots()
    grids = plots.draw_product(ax, A, B, 1, 0, colors=("#AA0000", "#00AA00", "#0000AA"))
    assert set(grids) == {"A", "B", "C"}
    assert len(ax.patches) == 6 + 6 + 4
    # C[1, 0] = 4*7 + 5*9 + 6*11 = 28 + 45 + 66 = 139, worked out by hand
    assert grids["C"].texts[1, 0].get_text() == "139"
    assert grids["C"].texts[0, 1].get_text() == "64"  # 1*8 + 2*10 + 3*12
    assert {c for c, r in grids["A"].cells.items() if _face(r) == "#AA0000"} == {(1, 0), (1, 1), (1, 2)}
    assert {c for c, r in grids["B"].cells.items() if _face(r) == "#00AA00"} == {(0, 0), (1, 0), (2, 0)}
    assert {c for c, r in grids["C"].cells.items() if _face(r) == "#0000AA"} == {(1, 0)}
    assert ax.get_title().endswith("4*7 + 5*9 + 6*11 = 139")
    # left to right, tops aligned: A at x 0..3, "@", B at 4..6, "=", C at 7..9
    assert grids["B"].extent[0] == 4 and grids["C"].extent[0] == 7
    assert grids["A"].extent[3] == grids["B"].extent[3] == grids["C"].extent[3] == 3
    assert {"@", "="} <= set(_plain_texts(ax))


@pytest.mark.parametrize(
    ("A", "B", "i", "j", "match"),
    [
        (np.ones((2, 3)), np.ones((2, 3)), 0, 0, "columns of the first to equal the number of rows of the second"),
        (np.ones((2, 3)), np.ones((3, 2)), 2, 0, "i must be a row of A"),
        (np.ones((2, 3)), np.ones((3, 2)), 0, 5, "j must be a column of B"),
        (np.ones((2, 3)), np.ones((3, 2)), -1, 0, "i must be >= 0"),
    ],
)
def test_draw_product_bad_input(A, B, i, j, match):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=match):
        plots.draw_product(ax, A, B, i, j)


# ---- drawing helpers: diagrams (dlmath.plots.diagrams) -------------------------------------------


def test_draw_network_one_line_per_weight():
    fig, ax = plt.subplots()
    drawn = plots.draw_network(ax, [3, 4, 2])
    assert [len(c.get_offsets()) for c in drawn["nodes"]] == [3, 4, 2]
    assert len(drawn["weights"]) == 3 * 4 + 4 * 2  # one line per entry of W1 and W2
    assert len(drawn["bias"]) == 2 and len(drawn["bias_weights"]) == 4 + 2  # one per entry of b1, b2
    assert {"layer 0", "layer 1", "layer 2"} <= set(_plain_texts(ax))
    assert _plain_texts(ax).count("1") == 2  # the bias nodes hold 1
    # the layers are columns dx apart, nodes centred on y = 0
    np.testing.assert_allclose(drawn["nodes"][1].get_offsets(), [[2.4, 1.5], [2.4, 0.5], [2.4, -0.5], [2.4, -1.5]])
    fig, ax = plt.subplots()
    drawn = plots.draw_network(ax, [2, 1], names=["in", "out"], bias=False)
    assert drawn["bias"] == [] and len(drawn["weights"]) == 2 and {"in", "out"} <= set(_plain_texts(ax))


@pytest.mark.parametrize(
    ("sizes", "names", "match"),
    [([3], None, "at least two layers"), ([3, 0], None, "positive integers"), ([2, 2], ["a"], "names must have")],
)
def test_draw_network_bad_input(sizes, names, match):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=match):
        plots.draw_network(ax, sizes, names=names)


def test_draw_graph_one_box_per_value_one_arrow_per_operand():
    x, w, b = Value(2.0), Value(3.0), Value(1.0)
    z = x * w + b  # values: x, w, x*w, b, z; edges: x->xw, w->xw, xw->z, b->z
    fig, ax = plt.subplots()
    order = plots.draw_graph(ax, z, names={id(z): "$z$"})
    assert order[-1] is z and len(order) == 5
    assert len(_arrows(ax)) == 4
    texts = _plain_texts(ax)
    assert sorted(texts) == sorted(["2", "3", "1", "*\n6", "+\n$z$"])
    leaves = [t for t in ax.texts if t.get_text() in {"2", "3", "1"}]
    assert {to_hex(t.get_bbox_patch().get_facecolor()) for t in leaves} == {"#eeeeee"}
    W = Tensor(np.ones((2, 3)))
    loss = (Tensor(np.ones((4, 2))) @ W).sum()
    fig, ax = plt.subplots()
    plots.draw_graph(ax, loss)
    assert "shape (2, 3)" in _plain_texts(ax)  # an array is named by its shape
    with pytest.raises(TypeError, match="root must be a dlmath.autograd Value"):
        plots.draw_graph(ax, 3.0)


def test_draw_linear_map_moves_the_unit_square_and_the_basis():
    M = np.array([[2.0, 1.0], [0.0, 1.0]])
    fig, ax = plt.subplots()
    plots.draw_linear_map(ax, M, title="after")
    _labelled(ax)
    assert ax.get_title() == "after"
    (square,) = ax.patches
    # the corners (0,0), (1,0), (1,1), (0,1) go to M @ corner: (0,0), (2,0), (3,1), (1,1)
    np.testing.assert_allclose(square.get_xy()[:4], [[0, 0], [2, 0], [3, 1], [1, 1]])
    heads = sorted(tuple(a.xy) for a in _arrows(ax))
    assert heads == [(1.0, 1.0), (2.0, 0.0)]  # the columns of M
    grid = [ln for ln in ax.get_lines() if len(ln.get_xdata())]
    assert len(grid) == 2 * 9
    with pytest.raises(ValueError, match=r"M must have shape \(2, 2\)"):
        plots.draw_linear_map(ax, np.eye(3))


def test_draw_cycle_boxes_and_arrows():
    steps = [("data", "#111111"), ("forward", "#222222"), ("loss", "#333333"), ("update", "#444444")]
    fig, ax = plt.subplots()
    boxes = plots.draw_cycle(ax, steps, center="repeat")
    assert len(boxes) == 4 and len(ax.patches) == 4
    assert {"data", "forward", "loss", "update", "repeat"} <= set(_plain_texts(ax))
    arrows = _arrows(ax)
    assert len(arrows) == 4  # data -> forward -> loss -> update -> forward
    # the last arrow starts at the update box and heads for the forward box, not back to data
    forward_centre = np.array(boxes[1].get_x() + boxes[1].get_width() / 2)
    last = arrows[-1]
    assert abs(last.xy[0] - forward_centre) < abs(last.xyann[0] - forward_centre)
    with pytest.raises(ValueError, match="at least two"):
        plots.draw_cycle(ax, steps[:1])


def test_draw_computation_boxes_numbers_and_arrows():
    # L = (w x)^2 with x = 3, w = 2: forward 6, 36; backward dL/d(wx) = 12, dL/dw = 12 x = 36
    values = {"x": (0, 1, 3.0, None), "w": (0, 0, 2.0, 36.0), "wx": (2, 0.5, 6.0, 12.0), "L": (4, 0.5, 36.0, 1.0)}
    ops = {"mul": (1, 0.5, "*"), "sq": (3, 0.5, "^2")}
    edges = [("w", "mul", "x=3"), ("x", "mul", "w=2"), ("mul", "wx", ""), ("wx", "sq", "2wx=12"), ("sq", "L", "")]
    fig, ax = plt.subplots()
    drawn = plots.draw_computation(ax, values, ops, edges)
    assert [t.get_text() for t in drawn["values"]] == ["x", "w", "wx", "L"]
    assert [t.get_text() for t in drawn["ops"]] == ["*", "^2"]
    assert len(drawn["arrows"]) == 5
    assert [t.get_text() for t in drawn["labels"]] == ["x=3", "w=2", "2wx=12"]
    texts = _plain_texts(ax)
    assert {"3", "2", "36", "6", "12", "1"} <= set(texts)
    assert texts.count("36") == 2  # L's value and w's gradient
    # the arrow wx -> sq starts right of wx's box and ends left of sq's
    wx_to_sq = drawn["arrows"][3]
    assert wx_to_sq.xyann == (2.3, 0.5) and wx_to_sq.xy == (2.7, 0.5)
    # x needs no gradient: the leftmost column writes a gradient only for w
    vermilion = [t for t in ax.texts if to_hex(t.get_color()).upper() == plots.PALETTE[3] and t.get_text() != ""]
    assert sorted(t.get_text() for t in vermilion)[:4] == ["1", "12", "36", r"gradient $\partial L/\partial(\cdot)$"]
    with pytest.raises(ValueError, match=r"edges name \['y'\]"):
        plots.draw_computation(ax, values, ops, [("y", "mul", "")])
    with pytest.raises(ValueError, match="must not share names"):
        plots.draw_computation(ax, values, {"x": (1, 1, "+")}, [])


def test_draw_matrix_serves_a_stepper_such_as_the_matmul_widget():
    """What a step-by-step product needs: a blank result, drawn once, filled and lit entry by entry."""
    A, B = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[5.0, 6.0], [7.0, 8.0]])
    fig, ax = plt.subplots()
    ax.set_xlim(-1, 10)
    a = plots.draw_matrix(ax, A, label="A  (2×2)", edgecolor="0.35", frame=False)
    c = plots.draw_matrix(ax, np.full((2, 2), np.nan), xy=(5, 0), fmt=lambda v: f"{v:.1f}", frame=False)
    assert ax.get_xlim() == (-1, 10) and ax.axison and ax.get_aspect() == "auto"  # frame=False: axes untouched
    assert to_hex(a.cells[0, 0].get_edgecolor()) == to_hex("0.35")
    assert "A  (2×2)" in _plain_texts(ax)
    assert all(t.get_text() == "" for t in c.texts.values())
    n_artists = len(ax.patches) + len(ax.texts)
    # step 2 of 4: C[0, 1] = row 0 of A . column 1 of B = 1*6 + 2*8 = 22; C[0, 0] = 1*5 + 2*7 = 19
    a.set_highlight([(0, 0), (0, 1)])
    c.set_highlight([(0, 1)], color=plots.PALETTE[2])
    assert (A @ B)[0].tolist() == [19.0, 22.0]  # the hand computation above
    c.set_values([[19.0, 22.0], [np.nan, np.nan]])
    assert [c.texts[0, 0].get_text(), c.texts[0, 1].get_text(), c.texts[1, 1].get_text()] == ["19.0", "22.0", ""]
    assert _face(c.cells[0, 1]) == plots.PALETTE[2] and _face(c.cells[0, 0]) == "#FFFFFF"
    assert len(ax.patches) + len(ax.texts) == n_artists  # nothing drawn again


def test_draw_vectors_arrows_from_the_origin_named_past_the_tip():
    fig, ax = plt.subplots()
    arrows = plots.draw_vectors(ax, {"u": [2.0, 1.0], "v": [0.0, -1.0]}, origin=(1.0, 1.0))
    assert [a.xy for a in arrows] == [(3.0, 2.0), (1.0, 0.0)]  # origin + vector
    assert all(a.xyann == (1.0, 1.0) for a in arrows)
    u_label = next(t for t in ax.texts if t.get_text() == "u")
    assert u_label.get_position() == pytest.approx((1.0 + 1.08 * 2.0, 1.0 + 1.08 * 1.0))
    assert [to_hex(a.arrow_patch.get_edgecolor()).upper() for a in arrows] == plots.PALETTE[:2]
    with pytest.raises(ValueError, match=r"vectors\['w'\] must have shape \(2,\)"):
        plots.draw_vectors(ax, {"w": [1.0, 2.0, 3.0]})
    with pytest.raises(ValueError, match="colors must have one colour per vector"):
        plots.draw_vectors(ax, {"a": [1, 0], "b": [0, 1]}, colors=["k"])


def test_plot_squared_errors_draws_one_square_per_point_with_the_error_as_side():
    x, y, y_hat = np.array([0.0, 2.0, 4.0]), np.array([1.0, 3.0, -1.0]), np.array([1.5, 1.0, -1.0])
    ax = plots.plot_squared_errors(x, y, y_hat)
    squares = ax.patches
    assert len(squares) == 3
    # each square stands at x_i, from min(y_i, y_hat_i), with side |y_i - y_hat_i|
    assert [sq.get_xy() for sq in squares] == [(0.0, 1.0), (2.0, 1.0), (4.0, -1.0)]
    assert [(sq.get_width(), sq.get_height()) for sq in squares] == [(0.5, 0.5), (2.0, 2.0), (0.0, 0.0)]
    np.testing.assert_allclose(np.mean([sq.get_width() ** 2 for sq in squares]), np.mean((y - y_hat) ** 2))
    assert ax.get_aspect() == 1.0


def test_plot_squared_errors_names_mismatched_lengths():
    with pytest.raises(ValueError, match="same shape"):
        plots.plot_squared_errors([0.0, 1.0], [0.0, 1.0], [1.0])
