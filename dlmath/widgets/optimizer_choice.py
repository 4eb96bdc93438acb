"""The optimizers the apps offer, by name, and how each is drawn: one place for the race and the playground.

:func:`make_optimizer` builds a :mod:`dlmath.optimizers` object from a name, a learning rate and
(optionally) the optimizer's one hyperparameter. :data:`STYLES` gives each optimizer a colour
from :data:`dlmath.plots.PALETTE`, a line style and a marker, so that the curves differ without
colour too (checked under simulated colour blindness by ``tests/test_widgets_colors.py``).
"""

from __future__ import annotations

from ..optimizers import SGD, Adam, RMSProp
from ..plots import PALETTE

__all__ = ["OPTIMIZERS", "SYNONYMS", "STYLES", "make_optimizer", "settings_label"]

# name -> (hyperparameter symbol, its default, slider range)
OPTIMIZERS = {
    "GD": (None, None, None),
    "momentum": ("μ", 0.9, (0.0, 0.99)),
    "RMSProp": ("α", 0.99, (0.5, 0.999)),
    "Adam": ("β₁", 0.9, (0.0, 0.99)),
}
# the same update rule under another name: "SGD" (the playground trains on mini-batches) is "GD"
SYNONYMS = {"SGD": "GD"}
# name -> (colour, line style, marker): distinct in all three
# (Okabe-Ito black, orange, bluish green, blue: at least 20 CAM02-UCS units apart, also under
# simulated deuteranopia and protanopia; PALETTE's purple and green were 15 apart for deuteranopes)
STYLES = {
    "GD": (PALETTE[7], "-", "o"),
    "momentum": (PALETTE[1], "--", "s"),
    "RMSProp": (PALETTE[2], "-.", "^"),
    "Adam": (PALETTE[0], ":", "D"),
}


def make_optimizer(name, lr, hyper=None):
    """A :mod:`dlmath.optimizers` object by name.

    ``"GD"`` (or its synonym ``"SGD"``) is ``SGD(lr)``; ``"momentum"`` is ``SGD(lr, momentum=hyper)``;
    ``"RMSProp"`` is ``RMSProp(lr, alpha=hyper)``; ``"Adam"`` is ``Adam(lr, betas=(hyper, 0.999))``.

    Parameters
    ----------
    name : {"GD", "SGD", "momentum", "RMSProp", "Adam"}
    lr : float
        The learning rate.
    hyper : float, optional
        The optimizer's hyperparameter (μ, α or β₁); None takes the default of :data:`OPTIMIZERS`
        (0.9, 0.99, 0.9). Ignored by GD.

    Returns
    -------
    dlmath.optimizers.Optimizer
    """
    key = SYNONYMS.get(name, name)
    if key not in OPTIMIZERS:
        valid = [*OPTIMIZERS, *SYNONYMS]
        raise ValueError(f"unknown optimizer {name!r}; valid names are {', '.join(map(repr, valid))}")
    hyper = OPTIMIZERS[key][1] if hyper is None else hyper
    if key == "GD":
        return SGD(lr=lr)
    if key == "momentum":
        return SGD(lr=lr, momentum=hyper)
    if key == "RMSProp":
        return RMSProp(lr=lr, alpha=hyper)
    return Adam(lr=lr, betas=(hyper, 0.999))


def settings_label(name, lr, hyper=None):
    """The settings as text, e.g. ``"momentum  lr=0.01, μ=0.9"``."""
    from ._app import fmt

    key = SYNONYMS.get(name, name)
    symbol, default, _ = OPTIMIZERS[key]
    if symbol is None:
        return f"{name}  lr={fmt(lr)}"
    extra = ", β₂=0.999" if key == "Adam" else ""
    return f"{name}  lr={fmt(lr)}, {symbol}={fmt(default if hyper is None else hyper)}{extra}"
