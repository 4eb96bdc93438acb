"""What a typical wrong answer looks like in a spec: :class:`Mistake` (a detector and its
message), :class:`Variant` (a declared term variant of the formula) and the families of
mistakes with their labels (:data:`FAMILY_LABELS`). Re-exported by :mod:`dlmath.grading.spec`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Mistake", "Variant", "FAMILY_LABELS", "family_of"]


FAMILY_LABELS = {
    "sign": "Sign error",
    "transposed": "Transposed",
    "swapped": "Swapped",
    "off_by_one": "Off by one",
    "integer_division": "Integer division",
    "broadcasting": "Broadcasting",
    "axis": "Wrong axis",
    "stability": "Numerical stability",
    "missing_term": "A term is missing",
    "factor": "A constant factor",
    "wrong_formula": "Wrong formula",
    "indexing": "Wrong index",
    "shape": "Wrong shape",
    "dtype": "Wrong dtype",
    "in_place": "Changed in place",
}


@dataclass
class Mistake:
    """A typical wrong answer and the message that names it.

    Parameters
    ----------
    message : str
        Shown to the learner when ``detect`` matches, e.g. ``"did you transpose?"``.
    detect : callable
        ``detect(got, expected, args) -> bool``: ``got`` is the learner's result, ``expected``
        the reference result, ``args`` the input tuple (``()`` for value exercises). An
        exception inside ``detect`` counts as "no match".
    family : str, optional
        The family of the mistake (a key of :data:`FAMILY_LABELS`, e.g. ``"sign"``): the learner
        sees its label before the message ("Sign error: ..."), and the class report can count
        mistakes by family. ``""`` (default): no label.
    """

    message: str
    detect: Callable[..., bool]
    family: str = ""

    @property
    def text(self) -> str:
        """The message as the learner sees it: the family's label, then the message."""
        label = FAMILY_LABELS.get(self.family, "")
        if not label or self.message.lower().startswith(label.split()[0].lower()):
            return self.message
        return f"{label}. {self.message}" if self.message[:1].isupper() else f"{label}: {self.message}"

    def __post_init__(self):
        if not isinstance(self.message, str) or not self.message.strip():
            raise TypeError(f"Mistake.message must be a non-empty string, got {self.message!r}")
        if self.family and self.family not in FAMILY_LABELS:
            raise ValueError(f"Mistake.family must be one of {sorted(FAMILY_LABELS)}, got {self.family!r}")
        if not callable(self.detect):
            raise TypeError(
                f"Mistake.detect must be callable detect(got, expected, args), got {type(self.detect).__name__}"
            )

    def matches(self, got, expected, args=()) -> bool:
        """``detect(got, expected, args)`` as a bool; False when it raises or warns."""
        import warnings

        import numpy as np

        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                return bool(self.detect(got, expected, args))
        except Exception:  # a detector that cannot judge this answer does not match
            return False


@dataclass
class Variant:
    r"""A declared *term variant* of an exercise's formula: what the learner gets with one term
    dropped, a factor missing, mean for sum, β for 1 - β, ... The judge compares a wrong value
    with each variant, also up to a simple factor (2, 1/2, the batch size), and names it.

    Give either ``compute`` or ``alter``.

    Parameters
    ----------
    message : str
        The change, completing "your result is what the formula gives when ...", e.g.
        ``"the bias correction 1 - beta1 ** t is missing"``. Never an expected value.
    compute : callable, optional
        ``compute(*args) -> value``: the variant computed by a small function (``()`` for a
        value exercise), on fresh copies of the inputs.
    alter : dict, optional
        ``{argument index: new value or callable(old) -> new}``: the variant is the reference on
        these altered inputs, e.g. ``{2: 1.0}`` for a learning rate left out.
    family : str
        A key of :data:`FAMILY_LABELS` (default ``"missing_term"``).

    Examples
    --------
    >>> v = Variant("the learning rate is missing", alter={1: 1.0})
    >>> v.family
    'missing_term'
    """

    message: str
    compute: Callable[..., Any] | None = None
    alter: dict = field(default_factory=dict)
    family: str = "missing_term"

    def __post_init__(self):
        if not isinstance(self.message, str) or not self.message.strip():
            raise TypeError(f"Variant.message must be a non-empty string, got {self.message!r}")
        if (self.compute is None) == (not self.alter):
            raise TypeError("a Variant needs exactly one of compute=callable or alter={index: value}")
        if self.compute is not None and not callable(self.compute):
            raise TypeError(f"Variant.compute must be callable, got {type(self.compute).__name__}")
        if self.family not in FAMILY_LABELS:
            raise ValueError(f"Variant.family must be one of {sorted(FAMILY_LABELS)}, got {self.family!r}")

    def value(self, ex, args):
        """The variant's value for exercise ``ex`` on ``args`` (copied first); None if it raises."""
        import copy
        import warnings

        import numpy as np

        args = copy.deepcopy(tuple(args))
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                if self.compute is not None:
                    return self.compute(*args)
                args = list(args)
                for i, new in self.alter.items():
                    args[i] = new(args[i]) if callable(new) else new
                return ex.reference(*args)
        except Exception:
            return None


def family_of(text) -> str:
    """The family whose label opens a mistake's text (``"Sign error. ..."`` -> ``"sign"``), or ``""``."""
    text = (text or "").lstrip()
    for family, label in FAMILY_LABELS.items():
        if text.startswith(label + ".") or text.startswith(label + ":"):
            return family
    return ""
