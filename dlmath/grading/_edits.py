"""The one-place changes of a formula that learners make, as edits of a syntax tree: for a node
of the reference's source, :func:`edits` yields ``(replacement, message, family)``. Used by
:mod:`._mutants`; the messages complete "your result is what the formula gives when ..." and
name only operators and the function's own argument names."""

from __future__ import annotations

import ast
import copy

__all__ = ["edits"]

_SWAPS = {
    "mean": ("sum", "wrong_formula", "a sum where the mean is needed (or the mean of the wrong entries)"),
    "sum": ("mean", "wrong_formula", "a mean where the sum is needed"),
    "log1p": ("log", "wrong_formula", "log(x) where log(1 + x) is needed (np.log1p)"),
    "log": ("log1p", "wrong_formula", "log(1 + x) where log(x) is needed"),
    "max": ("min", "wrong_formula", "the minimum where the maximum is needed"),
    "min": ("max", "wrong_formula", "the maximum where the minimum is needed"),
    "maximum": ("minimum", "wrong_formula", "np.minimum where np.maximum is needed"),
    "minimum": ("maximum", "wrong_formula", "np.maximum where np.minimum is needed"),
    "argmax": ("argmin", "wrong_formula", "the argmin where the argmax is needed"),
    "ceil": ("floor", "integer_division", "rounded down (// or floor) where the count must round up (math.ceil)"),
    "floor": ("ceil", "off_by_one", "rounded up where it must round down"),
}
_DROP_CALLS = {
    "sqrt": ("missing_term", "the square root is missing (or one too many)"),
    "abs": ("sign", "the absolute value is missing: a negative value where its size is needed"),
    "exp": ("wrong_formula", "the exponential is missing (or applied twice)"),
    "log": ("wrong_formula", "the logarithm is missing"),
    "ceil": ("integer_division", "the rounding up (math.ceil) is missing"),
    "round": ("wrong_formula", "the rounding is missing"),
    "tanh": ("missing_term", "tanh is missing"),
}
_CMP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt}


def _names(node, params):
    found = [n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in params]
    return list(dict.fromkeys(found))


def _with(names, fallback=""):
    if not names:
        return fallback
    return " (the one with " + ", ".join(f"`{n}`" for n in names[:2]) + ")"


def _const(v):
    return ast.Constant(value=v)


def _is_one(node):
    return isinstance(node, ast.Constant) and node.value == 1 and not isinstance(node.value, bool)


def _call_name(node):
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def edits(node, params):
    """``(replacement, message, family)`` for each change of ``node`` that a learner makes."""
    if isinstance(node, ast.BinOp):
        left, right, op = node.left, node.right, node.op
        brackets = "brackets are missing: the operation reaches only one term of a sum (a / b + c for a / (b + c))"
        if isinstance(op, (ast.Mult, ast.Div, ast.Sub)) and isinstance(right, ast.BinOp):
            if isinstance(right.op, (ast.Add, ast.Sub)):
                yield ast.BinOp(ast.BinOp(left, op, right.left), right.op, right.right), brackets, "wrong_formula"
        if isinstance(op, (ast.Mult, ast.Div)) and isinstance(left, ast.BinOp):
            if isinstance(left.op, (ast.Add, ast.Sub)):
                yield ast.BinOp(left.left, left.op, ast.BinOp(left.right, op, right)), brackets, "wrong_formula"
        if isinstance(op, ast.Add):
            for keep, drop in ((left, right), (right, left)):
                if _is_one(drop):
                    yield keep, "a + 1 is missing: a count or an index off by one", "off_by_one"
                else:
                    yield keep, "one term of a sum is missing" + _with(_names(drop, params)), "missing_term"
            yield ast.BinOp(left, ast.Sub(), right), "a term is subtracted where it is added (+ versus -)", "sign"
            if isinstance(left, ast.Call) and _call_name(left) == "sqrt" and left.args:
                inside = ast.Call(left.func, [ast.BinOp(left.args[0], ast.Add(), right)], [])
                yield inside, "eps (or a term) is added inside the square root, not after it", "wrong_formula"
        elif isinstance(op, ast.Sub):
            if isinstance(left, ast.Constant) and left.value == 1:
                yield (
                    right,
                    "x where 1 - x is needed (β versus 1 - β mixed up?)" + _with(_names(right, params)),
                    "wrong_formula",
                )
            if _is_one(right):
                yield left, "a - 1 is missing: a count or an index off by one", "off_by_one"
            else:
                yield left, "one term of a difference is missing" + _with(_names(right, params)), "missing_term"
            yield ast.BinOp(left, ast.Add(), right), "a term is added where it is subtracted (+ versus -)", "sign"
            yield ast.BinOp(right, ast.Sub(), left), "the subtraction is the wrong way round (b - a for a - b)", "sign"
        elif isinstance(op, ast.Mult):
            for keep, drop in ((left, right), (right, left)):
                what = _names(drop, params)
                text = "a factor is missing" + _with(what, "")
                if isinstance(drop, ast.Constant):
                    text = f"the constant factor {drop.value!r} is missing"
                yield keep, text, "missing_term"
        elif isinstance(op, ast.Div):
            text = "a division is missing" + _with(_names(right, params))
            if isinstance(right, ast.Constant):
                text = f"the division by {right.value!r} is missing"
            yield left, text, "missing_term"
            yield ast.BinOp(left, ast.Mult(), right), "a multiplication where a division is needed", "wrong_formula"
            yield (
                ast.BinOp(left, ast.FloorDiv(), right),
                "an integer (floor) division // where / is needed",
                ("integer_division"),
            )
        elif isinstance(op, ast.Pow):
            if isinstance(right, ast.Constant) and right.value == 2:
                yield left, "the square is missing (x where x ** 2 is needed)", "missing_term"
            elif isinstance(right, ast.Constant) and right.value == 0.5:
                yield left, "the square root is missing", "missing_term"
            else:
                yield left, "the power is missing" + _with(_names(right, params)), "missing_term"
            yield (
                ast.BinOp(left, ast.Mult(), right),
                "a product where a power is needed (x * n for x ** n)",
                ("wrong_formula"),
            )
            if isinstance(right, ast.Constant) and isinstance(right.value, (int, float)):
                for k in (right.value + 1, right.value - 1):
                    yield (
                        ast.BinOp(left, ast.Pow(), _const(k)),
                        "the exponent is wrong (one too large or too small)",
                        ("wrong_formula"),
                    )
            elif isinstance(right, ast.Name):
                for d, sub in ((-1, ast.Sub()), (1, ast.Add())):
                    yield (
                        ast.BinOp(left, ast.Pow(), ast.BinOp(right, sub, _const(1))),
                        (
                            f"the exponent is off by one (`{right.id}` {'-' if d < 0 else '+'} 1): a step counter "
                            f"that starts at 0 where it starts at 1, or the other way round"
                        ),
                        "off_by_one",
                    )
        elif not isinstance(op, ast.MatMult):
            return
        yield (
            ast.BinOp(node, ast.Pow(), _const(2)),
            "a value is squared that should not be (an extra ** 2)",
            ("wrong_formula"),
        )
    elif isinstance(node, ast.Return) and node.value is not None:
        yield (
            ast.Return(ast.BinOp(node.value, ast.Pow(), _const(2))),
            "the result is squared (an extra ** 2)",
            ("wrong_formula"),
        )
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        yield node.operand, "a minus sign is missing" + _with(_names(node.operand, params)), "sign"
    elif isinstance(node, ast.Call):
        name = _call_name(node)
        if name in _SWAPS:
            new, family, text = _SWAPS[name]
            swapped = copy.copy(node)
            swapped.func = (
                ast.Attribute(node.func.value, new, ast.Load())
                if isinstance(node.func, ast.Attribute)
                else ast.Name(new, ast.Load())
            )
            yield swapped, text, family
        if name in _DROP_CALLS and len(node.args) == 1 and not node.keywords:
            family, text = _DROP_CALLS[name]
            yield node.args[0], text, family
        if name == "sqrt" and len(node.args) == 1 and isinstance(node.args[0], ast.BinOp):
            inner = node.args[0]
            if isinstance(inner.op, ast.Add):
                outside = ast.BinOp(ast.Call(node.func, [inner.left], []), ast.Add(), inner.right)
                yield outside, "eps (or a term) is added after the square root, not inside it", "wrong_formula"
        if name == "len" and len(node.args) == 1:
            for d, sub in ((-1, ast.Sub()), (1, ast.Add())):
                yield (
                    ast.BinOp(node, sub, _const(1)),
                    (f"a count is one too {'small' if d < 0 else 'large'} (len(...) {'-' if d < 0 else '+'} 1)"),
                    "off_by_one",
                )
        if name == "range" and node.args:
            for d in (-1, 1):
                args = list(node.args)
                args[-1 if len(args) < 3 else 1] = ast.BinOp(
                    args[-1 if len(args) < 3 else 1], ast.Add() if d > 0 else ast.Sub(), _const(1)
                )
                yield (
                    ast.Call(node.func, args, node.keywords),
                    (
                        f"a loop makes one pass too {'many' if d > 0 else 'few'} (range(n {'+' if d > 0 else '-'} 1) "
                        f"for range(n), or the last entry {'counted twice' if d > 0 else 'left out'})"
                    ),
                    "off_by_one",
                )
            if len(node.args) == 1:
                yield (
                    ast.Call(node.func, [_const(1), node.args[0]], node.keywords),
                    ("a loop that starts at 1 where it starts at 0: the first entry is left out"),
                    "off_by_one",
                )
        for i, kw in enumerate(node.keywords):
            if kw.arg == "axis" and isinstance(kw.value, ast.Constant) and kw.value.value in (0, 1, -1):
                other = copy.copy(node)
                other.keywords = list(node.keywords)
                other.keywords[i] = ast.keyword("axis", _const(0 if kw.value.value else 1))
                yield (
                    other,
                    (
                        "the right operation runs along the other axis (axis=0 works down the columns, "
                        "axis=1 across each row)"
                    ),
                    "axis",
                )
            if kw.arg == "keepdims":
                other = copy.copy(node)
                other.keywords = [k for k in node.keywords if k.arg != "keepdims"]
                yield (
                    other,
                    ("keepdims=True is missing: an (n,) array where an (n, 1) column is needed (broadcast wrongly)"),
                    "broadcasting",
                )
    elif isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _CMP:
        yield (
            ast.Compare(node.left, [_CMP[type(node.ops[0])]()], node.comparators),
            ("the boundary case is on the wrong side: < where <= is needed, or the other way round"),
            "off_by_one",
        )
    elif isinstance(node, ast.Subscript):
        index = node.slice
        if isinstance(index, ast.Slice):
            for part in ("lower", "upper"):
                bound = getattr(index, part)
                if bound is None:
                    continue
                for d in (-1, 1):
                    shifted = copy.copy(index)
                    setattr(shifted, part, ast.BinOp(bound, ast.Add() if d > 0 else ast.Sub(), _const(1)))
                    yield (
                        ast.Subscript(node.value, shifted, node.ctx),
                        ("a slice bound is off by one: one entry too many or the last (or first) entry missing"),
                        "off_by_one",
                    )
        elif isinstance(index, ast.Constant) and isinstance(index.value, int) and not isinstance(index.value, bool):
            for k in (index.value - 1, index.value + 1):
                if k >= 0 or index.value < 0:
                    yield (
                        ast.Subscript(node.value, _const(k), node.ctx),
                        ("an index is shifted by one ([1] for [0], or the other way round): NumPy counts from 0"),
                        "off_by_one",
                    )
        elif isinstance(index, ast.Name):
            for d in (-1, 1):
                yield (
                    ast.Subscript(node.value, ast.BinOp(index, ast.Add() if d > 0 else ast.Sub(), _const(1)), node.ctx),
                    f"an index is shifted by one (`{index.id}` {'+' if d > 0 else '-'} 1): NumPy counts from 0",
                    ("off_by_one"),
                )
