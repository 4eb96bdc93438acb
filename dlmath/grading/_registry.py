"""The registry of exercises: :data:`EXERCISES`, filled by :func:`register` from the chapter
modules of ``dlmath.grading.bank`` when it is first read (lazily, so importing
``dlmath.grading`` stays cheap), and :func:`load_bank` for a private bank. Re-exported by
:mod:`dlmath.grading.spec`."""

from __future__ import annotations

import importlib
import pkgutil
import sys

__all__ = ["EXERCISES", "register", "unregister", "get_exercise", "load_bank", "LOAD_ERRORS"]


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


EXERCISES: dict = _Registry()


def register(ex):
    """Add ``ex`` to :data:`EXERCISES` and return it.

    Registering the same id again from the same module (a re-import) replaces the old entry;
    the same id or the same answer name from another module is an error.
    """
    from .spec import Exercise

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


def get_exercise(exercise_id: str):
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
