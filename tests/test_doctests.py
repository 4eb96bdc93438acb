"""The examples in the core's docstrings run and print what they say (doctest).

Only the core modules: ``grading`` and ``widgets`` are not collected, so the test command
stays ``python3 dev.py test`` (pytest with the ``testpaths`` of pyproject.toml).
"""

import doctest
import importlib

import numpy as np
import pytest

CORE = [
    "ops",
    "activations",
    "losses",
    "classification",
    "layers",
    "network",
    "optimizers",
    "optimizers.base",
    "optimizers.sgd",
    "optimizers.rmsprop",
    "optimizers.adam",
    "training",
    "epochs",
    "gradcheck",
    "datasets",
    "surfaces",
    "plots",
    "plots.curves",
    "plots.matrix",
    "plots.grids",
    "plots.diagrams",
    "plots.graphs",
    "autograd.value",
    "_validate",
]


@pytest.mark.parametrize("name", CORE)
def test_docstring_examples(name):
    module = importlib.import_module(f"dlmath.{name}")
    result = doctest.testmod(
        module, extraglobs={"np": np}, optionflags=doctest.NORMALIZE_WHITESPACE, verbose=False, report=True
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in dlmath.{name} failed"


def test_the_core_has_examples():
    attempted = sum(
        doctest.testmod(importlib.import_module(f"dlmath.{n}"), extraglobs={"np": np}, report=False).attempted
        for n in CORE
    )
    assert attempted >= 20
