"""Exercise specifications: what an exercise asks for and how a wrong answer is recognised.

An :class:`Exercise` names the learner's answer (a function or a value), a reference to compare
against, the inputs to try, and typical :class:`Mistake` s with their messages. Exercises are
collected in :data:`EXERCISES` by :func:`register`. The chapter modules in
``dlmath.grading.bank`` register theirs when the registry is first read (lazily, so importing
``dlmath.grading`` stays cheap and works while the bank is still empty).
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from typing import Any

from ._mistake import FAMILY_LABELS, Mistake, Variant, family_of
from ._registry import EXERCISES, LOAD_ERRORS, get_exercise, load_bank, register, unregister
from .wire import Fn

__all__ = [
    "Exercise",
    "Mistake",
    "Variant",
    "FAMILY_LABELS",
    "family_of",
    "Fn",
    "register",
    "unregister",
    "EXERCISES",
    "LOAD_ERRORS",
    "get_exercise",
    "load_bank",
]

_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
KINDS = ("function", "value")
LOOPS = (None, "required", "forbidden")
ON_WARNING = ("note", "fail", "ignore")


@dataclass
class Exercise:
    """One graded exercise.

    Parameters
    ----------
    id : str
        Unique id (letters, digits, ``_``); equals the nbgrader ``grade_id`` of the check cell.
    answer : str
        The name the learner defines in the answer cell (unique in the course).
    kind : {"function", "value"}
        A function to call on ``cases``, or a value to compare.
    reference : callable or object
        Function kind: the reference implementation. Value kind: the expected value, or a
        zero-argument callable returning it.
    cases : list of tuple or callable
        Function kind: argument tuples, or ``cases(rng) -> list of tuples`` with ``rng`` a
        ``numpy.random.Generator`` seeded from the id. Unused for values. Arguments are plain
        data (numbers, strings, NumPy numeric arrays, lists/tuples/dicts of them) or
        :class:`~dlmath.grading.wire.Fn` for a function argument: they travel to the learner's
        kernel as data.
    hidden_cases : list of tuple or callable
        More cases, run only by the grader; feedback says that a hidden case failed, not which.
    points : int
        Points for a passed check (equals the ``points`` of the check cell).
    rtol, atol : float
        Tolerances of the value comparison, as in :func:`numpy.allclose`.
    mistakes : list of Mistake
        Tried in order at the first failing step; the first match's message is reported.
    hints : list of str
        From general to specific; attempt ``k`` shows the first ``k``.
    title : str
        Short human title for ``progress()`` and feedback.
    chapter : str
        Notebook stem, e.g. ``"03_matrix_operations"``.
    on_warning : {"note", "fail", "ignore"}
        What a NumPy floating-point warning (overflow, invalid value, division by zero) raised
        by the learner's code does when the values are right: add a note (default), fail the
        check, or nothing. An extension of the agreed interface.
    forbid : tuple of str
        Operations the answer must not use, decided from its source (and its helpers'): ``"@"``,
        or names such as ``"matmul"``, ``"dot"``, ``"T"``, ``"transpose"`` (see
        :mod:`dlmath.grading.rules`).
    loops : {None, "required", "forbidden"}
        Whether the answer must compute with explicit loops, or must be vectorised.
    may_change_inputs : bool
        False (default): a function that changes one of its input arrays in place fails.
    float32_ok : bool
        True (default): a float32 result is accepted where float64 is expected, compared with a
        tolerance float32 can meet. False for exercises whose numbers need float64.
    integer_result : bool
        False (default). True where the exercise asks for integers (a count, index arrays, an
        int matrix, "the dtype of the input"): a result with the right values held as floats
        fails, where the reference gives integers.
    tuple_result : bool
        False (default). True where a function exercise asks for a tuple (``return a, b``): a
        list of the right values fails. A value exercise whose answer is a tuple always asks
        for one.
    variants : list of Variant
        Declared term variants of the formula (a term dropped, a factor missing, β for 1 - β,
        ...), tried after ``mistakes`` and the families: see :class:`Variant`. The judge also
        derives variants from the reference's source by itself (:mod:`dlmath.grading._mutants`).
    """

    id: str
    answer: str
    kind: str
    reference: Any
    cases: Any = ()
    points: int = 1
    rtol: float = 1e-6
    atol: float = 1e-8
    mistakes: list = ()
    hints: list = ()
    title: str = ""
    chapter: str = ""
    on_warning: str = "note"
    hidden_cases: Any = ()
    forbid: tuple = ()
    loops: Any = None
    may_change_inputs: bool = False
    float32_ok: bool = True
    integer_result: bool = False
    tuple_result: bool = False
    variants: list = ()
    _module: str = field(default="", repr=False, compare=False)

    def __post_init__(self):
        if not isinstance(self.id, str) or not _ID_RE.match(self.id):
            raise ValueError(f"Exercise.id must be letters, digits and _ starting with a letter, got {self.id!r}")
        if not isinstance(self.answer, str) or not self.answer.isidentifier() or keyword.iskeyword(self.answer):
            raise ValueError(f"Exercise {self.id}: answer must be a Python name, got {self.answer!r}")
        if self.kind not in KINDS:
            raise ValueError(f"Exercise {self.id}: kind must be one of {KINDS}, got {self.kind!r}")
        if self.kind == "function" and not callable(self.reference):
            raise TypeError(
                f"Exercise {self.id}: a function exercise needs a callable reference, "
                f"got {type(self.reference).__name__}"
            )
        if self.kind == "function" and not (callable(self.cases) or isinstance(self.cases, (list, tuple))):
            raise TypeError(
                f"Exercise {self.id}: cases must be a list of argument tuples or "
                f"callable(rng), got {type(self.cases).__name__}"
            )
        if isinstance(self.points, bool) or not isinstance(self.points, int) or self.points <= 0:
            raise ValueError(f"Exercise {self.id}: points must be a positive int, got {self.points!r}")
        for name in ("rtol", "atol"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"Exercise {self.id}: {name} must be a number >= 0, got {value!r}")
        self.mistakes = list(self.mistakes)
        for m in self.mistakes:
            if not isinstance(m, Mistake):
                raise TypeError(f"Exercise {self.id}: mistakes must be Mistake objects, got {type(m).__name__}")
        self.variants = list(self.variants)
        for v in self.variants:
            if not isinstance(v, Variant):
                raise TypeError(f"Exercise {self.id}: variants must be Variant objects, got {type(v).__name__}")
        if isinstance(self.hints, str):
            raise TypeError(f"Exercise {self.id}: hints must be a list of strings, not one string")
        self.hints = list(self.hints)
        if not all(isinstance(h, str) for h in self.hints):
            raise TypeError(f"Exercise {self.id}: every hint must be a string")
        if self.on_warning not in ON_WARNING:
            raise ValueError(f"Exercise {self.id}: on_warning must be one of {ON_WARNING}, got {self.on_warning!r}")
        if isinstance(self.forbid, str):
            raise TypeError(f"Exercise {self.id}: forbid must be a tuple of names, not one string")
        self.forbid = tuple(self.forbid)
        if self.loops not in LOOPS:
            raise ValueError(f"Exercise {self.id}: loops must be one of {LOOPS}, got {self.loops!r}")
        if not (callable(self.hidden_cases) or isinstance(self.hidden_cases, (list, tuple))):
            raise TypeError(
                f"Exercise {self.id}: hidden_cases must be a list of argument tuples "
                f"or callable(rng), got {type(self.hidden_cases).__name__}"
            )
        if not self.title:
            self.title = self.id

    @property
    def has_rules(self) -> bool:
        return bool(self.forbid) or self.loops is not None
