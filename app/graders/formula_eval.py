"""Computing a multi grader's ``calculate_output`` formula from its sub-graders' scores, the way the
provider does when it grades (the language is described in :mod:`app.graders.formula_syntax`).

:func:`evaluate` raises :class:`~app.graders.formula_syntax.FormulaError` and nothing else: a name with
no score, division by zero, ``sqrt(-1)``, ``log(0)``, a negative number to a fractional power or a
result too large to hold each get a plain message with their position.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from app.graders.formula_parser import parse
from app.graders.formula_syntax import (
    Binary,
    FormulaError,
    Name,
    Node,
    Num,
    Unary,
    arity_problem,
    error_at,
)
from app.i18n import N_, _


def _power(a: float, b: float, pos: int) -> float:
    if a < 0 and not b.is_integer():
        raise error_at(_("A negative number cannot be raised to a fractional power (at character {char})."), pos)
    if a == 0 and b < 0:
        raise error_at(_("Zero cannot be raised to a negative power (at character {char})."), pos)
    return a**b


def _sqrt(x: float) -> float:
    if x < 0:
        raise ValueError("negative")
    return math.sqrt(x)


def _log(x: float) -> float:
    if x <= 0:
        raise ValueError("not positive")
    return math.log(x)


_UNARY_FUNCTIONS: dict[str, Callable[[float], float]] = {
    "abs": abs,
    "floor": lambda x: float(math.floor(x)),
    "ceil": lambda x: float(math.ceil(x)),
    "exp": math.exp,
    "sqrt": _sqrt,
    "log": _log,
}
_DOMAIN = {
    "sqrt": N_("Cannot compute the sqrt of a negative number (at character {char})."),
    "log": N_("Cannot compute the log of zero or a negative number (at character {char})."),
}


def _eval(node: Node, values: dict[str, float]) -> float:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        if node.name not in values:
            raise error_at(_("'{name}' at character {char} has no score."), node.pos, name=node.name)
        try:
            return float(values[node.name])
        except (TypeError, ValueError):
            raise FormulaError(_("The score of '{name}' is not a number.").format(name=node.name), node.pos) from None
    if isinstance(node, Unary):
        x = _eval(node.operand, values)
        return -x if node.op == "-" else x
    if isinstance(node, Binary):
        a = _eval(node.left, values)
        b = _eval(node.right, values)
        try:
            if node.op == "+":
                return a + b
            if node.op == "-":
                return a - b
            if node.op == "*":
                return a * b
            if node.op == "/":
                if b == 0:
                    raise error_at(_("Division by zero (at character {char})."), node.pos)
                return a / b
            return _power(a, b, node.pos)
        except OverflowError:
            raise error_at(_("The result is too large (at character {char})."), node.pos) from None
    problem = arity_problem(node)
    if problem:
        raise FormulaError(problem, node.pos)
    args = [_eval(arg, values) for arg in node.args]
    if node.fn == "min":
        return min(args)
    if node.fn == "max":
        return max(args)
    try:
        return _UNARY_FUNCTIONS[node.fn](args[0])
    except OverflowError:
        raise error_at(_("The result of {fn} is too large (at character {char})."), node.pos, fn=node.fn) from None
    except ValueError:
        message = _DOMAIN.get(node.fn, N_("Cannot compute the {fn} of this value (at character {char})."))
        raise error_at(_(message), node.pos, fn=node.fn) from None


def evaluate_tree(tree: Node, values: dict[str, float]) -> float:
    """Compute a parsed formula (see :func:`evaluate`)."""
    result = _eval(tree, values)
    if not math.isfinite(result):
        raise FormulaError(_("The formula's result is not a finite number (a value grew too large)."))
    return result


def evaluate(formula: str, values: dict[str, float]) -> float:
    """Compute ``formula`` with the sub-graders' scores ``values`` (name -> score).

    Raises :class:`FormulaError` (and nothing else) for a formula that cannot be read, a name without a
    score, an unknown function, division by zero, a value outside a function's domain or a result too
    large to hold.
    """
    return evaluate_tree(parse(formula), values)
