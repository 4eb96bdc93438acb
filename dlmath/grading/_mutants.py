"""Formula variants derived from the reference's own source: one term dropped, a factor
missing, mean for sum, a square or a root missing, log for log1p, a wrong exponent, eps in the
wrong place, a bound or an index off by one, ``<`` for ``<=``, ... (mutation testing, turned
round: a learner's wrong value that equals the reference with one such change names the change).

Each *mutant* is the reference with one change of its syntax tree (:func:`mutants`); it is
built once per exercise and run only when a check has failed, on the failing case. Messages
name the kind of change and the inputs it touches, never the reference's code or its values.
"""

from __future__ import annotations

import ast
import copy
import functools
import inspect
import sys
import textwrap

from ._edits import _const, edits

__all__ = ["Mutant", "mutants", "lines_run", "LOOP_LIMIT", "FOR_LIMIT"]

LOOP_LIMIT = 5_000  # a mutated while loop that runs this often is stopped (it would hang)
FOR_LIMIT = 100_000  # items a for loop or a comprehension of a mutant may take
MAX_MUTANTS = 160


class Mutant:
    """The reference with one change: ``fn`` computes it, ``message`` names the change,
    ``family`` is its family (a key of :data:`~dlmath.grading.spec.FAMILY_LABELS`)."""

    __slots__ = ("fn", "message", "family", "lines")

    def __init__(self, fn, message, family, lines=()):
        self.fn, self.message, self.family, self.lines = fn, message, family, lines

    def runs_on(self, lines):
        """Whether the changed code is among ``lines`` (those :func:`lines_run` saw run)."""
        return lines is None or not self.lines or any(k in lines for k in self.lines)


def _dlmath_limit(items):
    """``items``, stopped with an error after FOR_LIMIT of them (a mutated bound such as
    ``range(n ** 3)`` would run for too long)."""
    for k, item in enumerate(items):
        if k >= FOR_LIMIT:
            raise RuntimeError("loop limit")
        yield item


class _Guard(ast.NodeTransformer):
    """``while test: body`` becomes ``for _ in range(LOOP_LIMIT): if not test: break; body``
    with an error after the last pass, and every ``for`` loop or comprehension takes at most
    FOR_LIMIT items, so that a mutant cannot hang."""

    def _limited(self, node):
        self.generic_visit(node)
        node.iter = ast.Call(ast.Name("_dlmath_limit", ast.Load()), [node.iter], [])
        return node

    def visit_For(self, node):
        return self._limited(node)

    def visit_comprehension(self, node):
        return self._limited(node)

    def visit_While(self, node):
        self.generic_visit(node)
        if node.orelse:
            return node
        check = ast.If(ast.UnaryOp(ast.Not(), node.test), [ast.Break()], [])
        hang = ast.Raise(ast.Call(ast.Name("RuntimeError", ast.Load()), [_const("loop limit")], []), None)
        return ast.For(
            ast.Name("_dlmath_pass", ast.Store()),
            ast.Call(ast.Name("range", ast.Load()), [_const(LOOP_LIMIT)], []),
            [check, *node.body],
            [hang],
        )


def _function_tree(fn):
    """The ``FunctionDef`` (a lambda becomes one) of ``fn``'s source, or None."""
    try:
        source = textwrap.dedent(inspect.getsource(fn))
    except (OSError, TypeError):
        return None
    if fn.__name__ != "<lambda>":
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return None
        defs = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == fn.__name__]
        if not defs or defs[0].decorator_list:
            return None
        return defs[0]
    start = source.find("lambda")
    text = source[start:]
    for end in range(len(text), 0, -1):  # the shortest tail that is not the lambda's
        try:
            node = ast.parse(text[:end].rstrip().rstrip(","), mode="eval").body
        except SyntaxError:
            continue
        if isinstance(node, ast.Lambda) and len(node.args.args) == fn.__code__.co_argcount:
            body = [ast.Return(node.body)]
            return ast.FunctionDef(name="_dlmath_lambda", args=node.args, body=body, decorator_list=[])
        return None
    return None


def _parents(tree):
    """``node -> (parent, field, index)`` for every node below the function's body."""
    out = {}
    for parent in ast.walk(tree):
        for name, value in ast.iter_fields(parent):
            if isinstance(value, list):
                for i, child in enumerate(value):
                    if isinstance(child, ast.AST):
                        out[id(child)] = (parent, name, i)
            elif isinstance(value, ast.AST):
                out[id(value)] = (parent, name, None)
    return out


class _Lazy:
    """The mutants of one reference, compiled one by one when first asked for."""

    def __init__(self, fn):
        tree = _function_tree(fn)
        if tree is None or fn.__code__.co_freevars:
            raise ValueError("no readable source")
        self.tree = ast.fix_missing_locations(_Guard().visit(tree))
        self.namespace = dict(fn.__globals__, _dlmath_limit=_dlmath_limit)
        self.base = _compile(self.tree, self.namespace, "base")
        params = {a.arg for a in tree.args.args + tree.args.kwonlyargs}
        nodes = [n for stmt in tree.body for n in ast.walk(stmt)]
        self.where = _parents(self.tree)
        self.edits = [(n, r, m, f) for n in nodes for r, m, f in edits(n, params)][:MAX_MUTANTS]
        self.built = {}

    def __iter__(self):
        for k in range(len(self.edits)):
            if k not in self.built:
                self.built[k] = self._build(k)
            if self.built[k] is not None:
                yield self.built[k]

    def _build(self, k):
        node, replacement, message, family = self.edits[k]
        parent, name, index = self.where[id(node)]
        new = ast.fix_missing_locations(ast.copy_location(copy.copy(replacement), node))
        if index is None:
            setattr(parent, name, new)
        else:
            getattr(parent, name)[index] = new
        try:
            fn = _compile(self.tree, self.namespace, k)
        finally:
            if index is None:
                setattr(parent, name, node)
            else:
                getattr(parent, name)[index] = node
        return None if fn is None else Mutant(fn, message, family, self._lines(node))

    def _lines(self, node):
        """From the first line of the statement holding ``node`` to the last line of ``node``."""
        stmt = node
        while not isinstance(stmt, ast.stmt) and id(stmt) in self.where:
            stmt = self.where[id(stmt)][0]
        first, last = getattr(stmt, "lineno", 0), getattr(node, "end_lineno", None) or 0
        return range(first, max(first, last) + 1) if first else ()


@functools.lru_cache(maxsize=128)
def _mutants_of(fn):
    lazy = _Lazy(fn)
    return lazy.base, lazy


def _compile(tree, namespace, tag):
    name = tree.name
    tree.name = f"_dlmath_mutant_{tag}"
    try:
        module = ast.Module([tree], [])
        exec(compile(module, "<dlmath-mutant>", "exec"), namespace)
        return namespace[tree.name]
    except Exception:
        return None
    finally:
        tree.name = name


def lines_run(base, args):
    """The source lines of ``base`` that run on ``args`` (a change on another line cannot alter
    the result: a branch not taken, such as a reference's option left at its default), or None
    when it cannot tell (a tracer, such as a debugger or coverage, is already active)."""
    if sys.gettrace() is not None:
        return None
    code, seen = base.__code__, set()

    def tracer(frame, event, arg):
        if frame.f_code is not code:
            return None
        if event == "line":
            seen.add(frame.f_lineno)
        return tracer

    sys.settrace(tracer)
    try:
        base(*args)
    except Exception:
        return None
    finally:
        sys.settrace(None)
    return seen


def mutants(fn):
    """``(base, mutants)``: ``base`` is ``fn`` rebuilt from its source (with loop guards), to be
    compared with ``fn`` before trusting the mutants; ``mutants`` an iterable of
    :class:`Mutant`, each compiled when first reached (and kept). ``(None, ())`` when ``fn``'s
    source cannot be read (a builtin, a closure, a value)."""
    try:
        return _mutants_of(fn) or (None, ())
    except Exception:
        return (None, ())
