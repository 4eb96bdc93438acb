"""The colours the apps use together stay distinct for colour-blind learners, and every curve
differs in something besides colour.

Deuteranopia and protanopia are simulated with colorspacious (Machado et al. 2009, severity 100)
and distances measured in CAM02-UCS, where about 1 unit is a just-noticeable difference.
"""

import itertools

import numpy as np
import pytest

from dlmath.plots import PALETTE
from dlmath.widgets.optimizer_choice import STYLES
from dlmath.widgets.playground_model import class_colors

colorspacious = pytest.importorskip("colorspacious")

MIN_DISTANCE = 20.0  # CAM02-UCS units: clearly different at a glance, not just noticeably
VISIONS = [None, "deuteranomaly", "protanomaly"]  # normal vision and the two red-green deficiencies


def _rgb(color):
    return np.array([int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]) if isinstance(color, str) else color


def _seen(rgb, cvd):
    if cvd is not None:
        space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
        rgb = np.clip(colorspacious.cspace_convert(rgb, space, "sRGB1"), 0, 1)
    return colorspacious.cspace_convert(rgb, "sRGB1", "CAM02-UCS")


def min_distance(colors):
    """The smallest distance between two of ``colors``, under each simulated vision."""
    return {
        cvd: min(
            np.linalg.norm(_seen(_rgb(a), cvd) - _seen(_rgb(b), cvd)) for a, b in itertools.combinations(colors, 2)
        )
        for cvd in VISIONS
    }


def test_the_simulation_does_lose_red_green_contrast():
    # the check can fail: pure red and green are far apart for normal vision, close for deuteranopes
    red_green = min_distance(["#FF0000", "#00B000"])
    assert red_green[None] > 2 * MIN_DISTANCE and red_green["deuteranomaly"] < MIN_DISTANCE


def test_the_old_race_palette_failed_for_deuteranopes():
    # the four racers' colours before issue 12: PALETTE 0, 1, 2, 4 (bluish green and reddish purple)
    assert min_distance([PALETTE[i] for i in (0, 1, 2, 4)])["deuteranomaly"] < MIN_DISTANCE


@pytest.mark.parametrize("cvd", VISIONS)
def test_the_racers_colours_are_distinct_under_each_vision(cvd):
    assert min_distance([color for color, _, _ in STYLES.values()])[cvd] >= MIN_DISTANCE


@pytest.mark.parametrize("k", [2, 3])
@pytest.mark.parametrize("cvd", VISIONS)
def test_the_playgrounds_class_colours_are_distinct_under_each_vision(k, cvd):
    assert min_distance(list(class_colors(k)))[cvd] >= MIN_DISTANCE


def test_each_racer_differs_in_line_style_and_marker_too():
    styles = [ls for _, ls, _ in STYLES.values()]
    markers = [m for _, _, m in STYLES.values()]
    assert len(set(styles)) == len(styles) and len(set(markers)) == len(markers)
