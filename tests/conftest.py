"""Shared fixtures for the test suite.

matplotlib is switched to the non-interactive Agg backend before anything imports pyplot, so
plotting tests run headless; every figure a test opens is closed after it.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture
def rng():
    """A seeded generator, so random shapes and values repeat from run to run."""
    return np.random.default_rng(20251121)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
