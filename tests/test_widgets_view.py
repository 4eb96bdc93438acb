"""What the apps show: axis limits, where a path leaves the view, label spacing (closed forms)."""

import numpy as np
import pytest

from dlmath.widgets._view import DECADES, GROWTH, exit_point, fit_limits, log_limits, spread_labels


def test_fit_limits_keeps_the_base_box_for_data_well_inside():
    assert fit_limits([-1.0, 0.5, np.nan, np.inf], (-2.0, 2.0)) == (-2.0, 2.0)
    assert fit_limits([], (-2.0, 2.0)) == (-2.0, 2.0)


def test_fit_limits_grows_to_the_first_width_that_holds_the_data_with_a_margin():
    # base half-width 2, pad 5%: a width factor f holds |v| <= 2 f (1 - 0.1) = 1.8 f
    assert fit_limits([2.0], (-2.0, 2.0)) == (-3.0, 3.0)  # on the edge: 2 > 1.8, 2 <= 2.7 (f = 1.5)
    assert fit_limits([-3.0], (-2.0, 2.0)) == (-4.0, 4.0)  # 3 > 2.7, 3 <= 3.6 (f = 2)
    assert fit_limits([100.0], (-2.0, 2.0)) == (-2.0 * GROWTH[-1], 2.0 * GROWTH[-1])  # at most the last width
    assert fit_limits([11.0], (0.0, 10.0)) == (-2.5, 12.5)  # around the centre 5: reach 6 > 4.5, <= 6.75
    with pytest.raises(ValueError):
        fit_limits([0.0], (1.0, 1.0))


def test_log_limits_round_to_powers_of_ten_and_show_at_most_DECADES():
    low, high = log_limits([3.0, 0.02, np.nan, -1.0], pad=0)
    assert (low, high) == pytest.approx((1e-2, 10.0))
    low, high = log_limits(10.0 ** -np.arange(40.0), pad=0)  # a run converging to 1e-39
    assert (low, high) == pytest.approx((10.0**-DECADES, 1.0))
    low, high = log_limits([5.0, 5.0], pad=0)  # flat: one decade
    assert (low, high) == pytest.approx((1.0, 10.0))
    assert log_limits([np.nan, 0.0]) == (1e-3, 1.0)
    assert log_limits([3.0, 0.02]) == log_limits([3.5, 0.025])  # small changes keep the axis
    low, high = log_limits(4.0 * 10.0 ** np.arange(13.0), pad=0)  # diverging from 4 to 4e12: keeps its start
    assert (low, high) == pytest.approx((1.0, 1e13))


def test_exit_point_is_where_the_segment_crosses_the_edge():
    path = np.array([[0.0, 0.0], [1.0, 0.5], [3.0, 1.5], [5.0, 2.5]])
    k, (x, y) = exit_point(path, (-2, 2), (-2, 2))
    assert k == 2 and (x, y) == pytest.approx((2.0, 1.0))  # on the line y = x / 2 at x = 2
    k, (x, y) = exit_point([[0.0, 0.0], [1.0, -4.0]], (-2, 2), (-2, 2))
    assert k == 1 and (x, y) == pytest.approx((0.5, -2.0))  # through the bottom edge
    k, (x, y) = exit_point([[0.0, 0.0], [1.0, 1.0], [np.nan, np.nan]], (-2, 2), (-2, 2))
    assert k == 2 and (x, y) == (1.0, 1.0)  # diverged inside: the last finite point
    assert exit_point([[0.0, 0.0], [1.0, 1.0]], (-2, 2), (-2, 2)) is None
    assert exit_point([[5.0, 0.0]], (-2, 2), (-2, 2)) == (0, (5.0, 0.0))


def test_spread_labels_moves_only_what_overlaps_and_keeps_the_order():
    np.testing.assert_allclose(spread_labels([0.0, 50.0, 100.0], 10), [0.0, 50.0, 100.0])
    np.testing.assert_allclose(spread_labels([10.0, 10.0], 12), [4.0, 16.0])  # centred on their mean
    np.testing.assert_allclose(spread_labels([30.0, 0.0, 2.0], 10), [30.0, -4.0, 6.0])  # order by position
    out = spread_labels([0.0, 1.0, 2.0, 9.0], 5)  # a chain: the first three push into the fourth
    assert np.all(np.diff(out) >= 5 - 1e-9) and np.mean(out) == pytest.approx(3.0)
