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
import textwrap

from ._edits import _const, edits

__all__ = ["Mutant", "mutants", "LOOP_LIMIT"]

LOOP_LIMIT = 5_000  # a mutated while loop that runs this often is stopped (it would hang)
MAX_MUTANTS = 160


class Mutant:
    """The reference with one change: ``fn`` computes it, ``message`` names the change,
    ``family`` is its family (a key of :data:`~dlmath.grading.spec.FAMILY_LABELS`)."""

    __slots__ = ("fn", "message", "family")

    def __init__(self, fn, message, family):
        self.fn, self.message, self.family = fn, message, family


class _Guard(ast.NodeTransformer):
    """``while test: body`` becomes ``for _ in range(LOOP_LIMIT): if not test: break; body``
    with an error after the last pass, so that a mutant cannot hang."""

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
        self.namespace = dict(fn.__globals__)
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
        return None if fn is None else Mutant(fn, message, family)


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


def mutants(fn):
    """``(base, mutants)``: ``base`` is ``fn`` rebuilt from its source (with loop guards), to be
    compared with ``fn`` before trusting the mutants; ``mutants`` an iterable of
    :class:`Mutant`, each compiled when first reached (and kept). ``(None, ())`` when ``fn``'s
    source cannot be read (a builtin, a closure, a value)."""
    try:
        return _mutants_of(fn) or (None, ())
    except Exception:
        return (None, ())
