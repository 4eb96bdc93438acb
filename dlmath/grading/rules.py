"""Rules an exercise states about *how* the answer is computed, decided from its source.

"Without ``@``, ``np.matmul`` or ``np.dot``", "with loops", "without ``.T``": the checking side
reads the source of the learner's answer with the :mod:`ast` module and follows the helper
functions it calls (defined anywhere in the learner's code), so a rule cannot be dodged by
moving the forbidden operation into a helper. It sees an operation however it is spelled:
``A @ B``, ``np.matmul``, ``A.dot(B)``, ``A.__matmul__(B)``, ``from numpy import dot``,
``getattr(A, "T")``, ``operator.matmul``. Code that computes its own code (``eval``, ``exec``,
``getattr`` with a computed name, ``__import__``) cannot be judged, so in an exercise with rules
it breaks them too.

The live ``check()`` and the grader call the same :func:`violations`; the grader gives it the
cells of the submitted notebook (data it read itself), the live check the sources that
``inspect`` finds for the learner's functions.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

__all__ = ["Violation", "violations", "definitions", "tampering"]

_ALIASES = {
    "@": {"matmul", "__matmul__", "__rmatmul__", "__imatmul__"},
    "T": {"mT"},
    "transpose": {"permute_dims", "matrix_transpose"},
}
_DYNAMIC = {"eval", "exec", "compile", "__import__", "globals", "vars", "setattr", "delattr"}
_DYNAMIC_MODULES = {"importlib", "operator", "ctypes", "builtins", "inspect"}


@dataclass
class Violation:
    """One broken rule: ``rule`` names it, ``line`` is 1-based within ``where``."""

    rule: str
    what: str
    where: str
    line: int

    def message(self, answer: str) -> str:
        place = f"`{self.where}`" if self.where == answer else f"the helper `{self.where}`"
        if self.rule == "forbid":
            return f"{place} uses {self.what} (line {self.line})"
        if self.rule == "dynamic":
            return (
                f"{place} uses {self.what} (line {self.line}), which hides what it computes, "
                f"so the rules of this exercise cannot be checked"
            )
        if self.rule == "loop" and self.what == "no":
            return f"{place} has no loop: this exercise asks you to write the loops yourself"
        if self.rule == "loop":
            return f"{place} uses a {self.what} loop (line {self.line}): this exercise asks for a vectorised answer"
        if self.rule == "tamper":
            return (
                f"{self.where} uses {self.what} (line {self.line}), which can change which "
                f"function the check calls, so the rules of this exercise cannot be checked"
            )
        if self.rule == "undefined":
            return (
                f"no definition of `{self.where}` was found in your code (write it with "
                f"def {self.where}(...):), so the rules of this exercise cannot be checked"
            )
        return f"{place} breaks the rule {self.rule} (line {self.line})"


def definitions(sources):
    """``{name: (node, first line)}`` for every function (``def`` or ``name = lambda``) and
    every plain alias (``name = other``) defined at the top level of the given sources.

    ``sources`` is a list of code strings (cells, in order; later definitions win). Cells
    that do not parse are skipped.
    """
    found = {}
    for src in sources:
        try:
            tree = ast.parse(src)
        except (SyntaxError, ValueError):
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found[node.name] = node
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                found[node.targets[0].id] = node
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    found[alias.asname or alias.name.split(".")[0]] = node
    return found


def _names_called(node):
    """Names the code refers to (candidates for helper functions)."""
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _forbidden_in(node, forbid, loops, where, base):
    out = []
    names = set(forbid)
    for f in forbid:
        names |= _ALIASES.get(f, set())
    spelled = names - {"@"}

    def add(rule, what, n):
        out.append(Violation(rule, what, where, getattr(n, "lineno", base) - base + 1))

    for n in ast.walk(node):
        if "@" in names and isinstance(n, (ast.BinOp, ast.AugAssign)) and isinstance(n.op, ast.MatMult):
            add("forbid", "@", n)
        elif isinstance(n, ast.Attribute) and n.attr in spelled:
            add("forbid", "." + n.attr if n.attr in ("T", "mT") else n.attr, n)
        elif isinstance(n, ast.Name) and n.id in spelled and isinstance(n.ctx, ast.Load):
            add("forbid", n.id, n)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            for alias in n.names:
                if alias.name.split(".")[-1] in spelled:
                    add("forbid", alias.name, n)
                if isinstance(n, ast.Import) and alias.name.split(".")[0] in _DYNAMIC_MODULES:
                    add("dynamic", f"the module {alias.name}", n)
            if isinstance(n, ast.ImportFrom) and (n.module or "").split(".")[0] in _DYNAMIC_MODULES:
                add("dynamic", f"the module {n.module}", n)
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name):
            fname = n.func.id
            if fname in _DYNAMIC:
                add("dynamic", f"{fname}()", n)
            elif fname in ("getattr", "hasattr") and len(n.args) >= 2:
                attr = n.args[1]
                if isinstance(attr, ast.Constant) and isinstance(attr.value, str):
                    if attr.value in names:
                        add("forbid", "." + attr.value if attr.value in ("T", "mT") else attr.value, n)
                else:
                    add("dynamic", "getattr() with a computed name", n)
        elif isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in spelled and len(n.value) > 1:
            add("forbid", f"'{n.value}' (as a string)", n)
        if loops == "forbidden":
            if isinstance(n, (ast.For, ast.AsyncFor, ast.While)):
                add("loop", "for" if not isinstance(n, ast.While) else "while", n)
            elif isinstance(n, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                add("loop", "comprehension", n)
    return out


def _has_loop(node):
    return any(
        isinstance(n, (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp))
        for n in ast.walk(node)
    )


def violations(answer: str, sources, forbid=(), loops=None) -> list[Violation]:
    """The rules that the code of ``answer`` (and every helper it calls) breaks.

    Parameters
    ----------
    answer : str
        The learner's name (a function, or a variable for value exercises).
    sources : list of str
        The learner's code, in the order it ran (cells).
    forbid : sequence of str
        Forbidden operations: ``"@"``, attribute or function names such as ``"matmul"``,
        ``"dot"``, ``"T"``, ``"transpose"``.
    loops : {None, "required", "forbidden"}
        ``"required"``: the computation must contain a loop or comprehension somewhere (in the
        answer or a helper); ``"forbidden"``: it must not contain any.

    Returns
    -------
    list of Violation
        Empty when every rule holds (or the exercise has none). When the answer's definition
        cannot be found in ``sources``, one "undefined" violation.
    """
    if not forbid and loops is None:
        return []
    defs = definitions(sources)
    if answer not in defs:
        return [Violation("undefined", "", answer, 1)]
    seen, todo, found, any_loop = set(), [answer], [], False
    while todo:
        name = todo.pop(0)
        if name in seen or name not in defs:
            continue
        seen.add(name)
        node = defs[name]
        found += _forbidden_in(node, forbid, loops, name, node.lineno)
        any_loop = any_loop or _has_loop(node)
        todo.extend(sorted(_names_called(node) - seen))
    if loops == "required" and not any_loop:
        found.append(Violation("loop", "no", answer, 1))
    return found + tampering(sources)


_TAMPER_CALLS = {"globals", "vars", "setattr", "delattr", "exec", "eval", "compile", "__import__", "get_ipython"}
_TAMPER_MODULES = {
    "dlmath.grading",
    "importlib",
    "builtins",
    "ctypes",
    "gc",
    "inspect",
    "threading",
    "_thread",
    "multiprocessing",
}
_TAMPER_ATTRS = {
    "__code__",
    "__globals__",
    "__builtins__",
    "__dict__",
    "modules",
    "settrace",
    "setprofile",
    "_getframe",
}


def tampering(sources) -> list[Violation]:
    """Code anywhere in the learner's cells that could change *which* function the checks
    call, or what the harness reports (``globals()["f"] = ...``, patching ``dlmath.grading``,
    ``f.__code__ = ...``, ``sys.modules``): an exercise with rules cannot be judged beside it."""
    found = []
    for k, src in enumerate(sources, 1):
        try:
            tree = ast.parse(src)
        except (SyntaxError, ValueError):
            continue
        where = f"cell {k} of your code"
        for n in ast.walk(tree):
            what = None
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in _TAMPER_CALLS:
                what = f"{n.func.id}()"
            elif isinstance(n, ast.Attribute) and n.attr in _TAMPER_ATTRS:
                what = f".{n.attr}"
            elif isinstance(n, (ast.Import, ast.ImportFrom)):
                names = [n.module or ""] if isinstance(n, ast.ImportFrom) else [a.name for a in n.names]
                hit = [m for m in names if any(m == t or m.startswith(t + ".") for t in _TAMPER_MODULES)]
                what = f"import {hit[0]}" if hit else None
            if what:
                found.append(Violation("tamper", what, where, getattr(n, "lineno", 1)))
    return found[:3]
