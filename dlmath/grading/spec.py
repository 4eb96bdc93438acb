"""Exercise specifications: what an exercise asks for and how a wrong answer is recognised.

An :class:`Exercise` names the learner's answer (a function or a value), a reference to compare
against, the inputs to try, and typical :class:`Mistake` s with their messages. Exercises are
collected in :data:`EXERCISES` by :func:`register`. The chapter modules in
``dlmath.grading.bank`` register theirs when the registry is first read (lazily, so importing
``dlmath.grading`` stays cheap and works while the bank is still empty).
"""

from __future__ import annotations

import importlib
import keyword
import pkgutil
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .wire import Fn

__all__ = ["Exercise", "Mistake", "FAMILY_LABELS", "Fn", "register", "EXERCISES", "get_exercise", "load_bank"]

_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
KINDS = ("function", "value")
LOOPS = (None, "required", "forbidden")
ON_WARNING = ("note", "fail", "ignore")


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


LOAD_ERRORS: dict[str, str] = {}


def _import_bank():
    """Import ``dlmath.grading.bank`` and each of its chapter modules.

    ``bank/__init__.py`` imports the chapter modules; any it does not import (or all of them,
    while it does not exist) are imported here. Modules starting with ``_`` are helpers. A
    chapter module that fails to import is reported with a warning and in
    :data:`LOAD_ERRORS`; the other chapters still load (one broken chapter must not break the
    check cells of every notebook).
    """
    import warnings

    try:
        bank = importlib.import_module("dlmath.grading.bank")
    except ModuleNotFoundError as exc:
        if exc.name == "dlmath.grading.bank":
            return  # no bank yet
        LOAD_ERRORS["dlmath.grading.bank"] = f"{type(exc).__name__}: {exc}"
        bank = None
    except Exception as exc:
        LOAD_ERRORS["dlmath.grading.bank"] = f"{type(exc).__name__}: {exc}"
        bank = None
    paths = list(getattr(bank, "__path__", []))
    for info in pkgutil.iter_modules(paths):
        if info.name.startswith("_"):
            continue
        name = f"dlmath.grading.bank.{info.name}"
        try:
            importlib.import_module(name)
        except Exception as exc:
            LOAD_ERRORS[name] = f"{type(exc).__name__}: {exc}"
    for name, err in LOAD_ERRORS.items():
        warnings.warn(
            f"exercise module {name} failed to import ({err}); its exercises are missing", UserWarning, stacklevel=4
        )


class _Registry(dict):
    """``dict`` of exercise id -> Exercise that imports the bank on first read."""

    _state = "unloaded"  # "unloaded" | "loading" | "loaded"

    def _load(self):
        if _Registry._state != "unloaded":
            return
        _Registry._state = "loading"
        try:
            _import_bank()
        finally:
            _Registry._state = "loaded"

    def __getitem__(self, key):
        self._load()
        try:
            return dict.__getitem__(self, key)
        except KeyError:
            import difflib

            close = difflib.get_close_matches(str(key), list(dict.keys(self)), n=3)
            extra = f"; did you mean {', '.join(close)}?" if close else ""
            if LOAD_ERRORS:
                extra += "; these exercise modules failed to import: " + "; ".join(
                    f"{k}: {v}" for k, v in LOAD_ERRORS.items()
                )
            raise KeyError(f"unknown exercise id {key!r}{extra}") from None

    def __contains__(self, key):
        self._load()
        return dict.__contains__(self, key)

    def __iter__(self):
        self._load()
        return dict.__iter__(self)

    def __len__(self):
        self._load()
        return dict.__len__(self)

    def get(self, key, default=None):
        self._load()
        return dict.get(self, key, default)

    def keys(self):
        self._load()
        return dict.keys(self)

    def values(self):
        self._load()
        return dict.values(self)

    def items(self):
        self._load()
        return dict.items(self)

    def __repr__(self):
        self._load()
        return f"EXERCISES({len(self)} exercises: {', '.join(dict.keys(self))})"


EXERCISES: dict[str, Exercise] = _Registry()


def register(ex: Exercise) -> Exercise:
    """Add ``ex`` to :data:`EXERCISES` and return it.

    Registering the same id again from the same module (a re-import) replaces the old entry;
    the same id or the same answer name from another module is an error.
    """
    if not isinstance(ex, Exercise):
        raise TypeError(f"register() takes an Exercise, got {type(ex).__name__}")
    module = sys._getframe(1).f_globals.get("__name__", "")
    ex._module = module
    old = dict.get(EXERCISES, ex.id)
    if old is not None and old._module != module:
        raise ValueError(f"exercise id {ex.id!r} is registered twice (in {old._module} and {module})")
    for other in dict.values(EXERCISES):
        if other.answer == ex.answer and other.id != ex.id:
            raise ValueError(
                f"answer name {ex.answer!r} of {ex.id} is already used by {other.id}; "
                f"answer names must be unique in the course"
            )
    dict.__setitem__(EXERCISES, ex.id, ex)
    return ex


def unregister(exercise_id: str) -> None:
    """Remove an exercise (for tests that register throw-away exercises)."""
    dict.pop(EXERCISES, exercise_id, None)


def get_exercise(exercise_id: str) -> Exercise:
    """The registered exercise with this id; ``KeyError`` naming close matches otherwise."""
    if not isinstance(exercise_id, str):
        raise TypeError(f"exercise id must be a string, got {type(exercise_id).__name__}")
    return EXERCISES[exercise_id]


def load_bank(path) -> list[str]:
    """Import a private exercise bank: a ``.py`` file or a folder of them (outside the package).

    Each module registers its exercises with :func:`register`, like the chapter modules of
    ``dlmath.grading.bank``. Returns the ids registered. Used by ``dlmath-course grade --bank``.
    """
    import importlib.util
    from pathlib import Path

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"exercise bank {path} does not exist")
    files = sorted(path.glob("*.py")) if path.is_dir() else [path]
    files = [f for f in files if not f.name.startswith("_")]
    if not files:
        raise FileNotFoundError(f"no exercise modules (*.py) in {path}")
    EXERCISES._load()
    before = set(dict.keys(EXERCISES))
    for f in files:
        name = f"dlmath_private_bank_{abs(hash(str(f.resolve())))}_{f.stem}"
        spec = importlib.util.spec_from_file_location(name, f)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sorted(set(dict.keys(EXERCISES)) - before)
