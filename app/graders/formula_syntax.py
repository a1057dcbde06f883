"""The ``calculate_output`` language of multi graders: what a formula may contain, the error every
formula problem raises, and the tree a formula is read into.

A formula combines the sub-graders' scores, e.g. ``0.5 * accuracy + 0.5 * style`` (API_NOTES §10):

* numbers (``2``, ``0.25``, ``.5``, ``1e-3``) and names, which may only be the sub-graders' names;
* ``+ - * /`` and ``^`` (power, right-associative: ``2^3^2`` is ``2^(3^2)``), unary ``-`` and ``+``,
  parentheses. Precedence from low to high: ``+ -``, then ``* /``, then unary minus, then ``^`` —
  as in Python, so ``-2^2`` is ``-(2^2)`` and ``2^-1`` is ``0.5``;
* functions ``min`` and ``max`` (one argument or more), and ``abs floor ceil exp sqrt log`` (exactly one
  argument; ``log`` is the natural logarithm). A name followed by ``(`` is a function call, so a
  sub-grader may well be called ``log``.

Reading a formula is :mod:`app.graders.formula_parser` (a small recursive-descent parser: user text is
never handed to ``eval``), checking it against the sub-graders is :mod:`app.graders.formula_check`, and
computing it is :mod:`app.graders.formula_eval`. This module holds what all three share.

Every problem is a :class:`FormulaError` (a ``ValueError``) carrying a plain message and, where it
has one, the 0-based ``position`` in the formula; nothing else escapes
:func:`app.graders.formula_eval.evaluate`, and :func:`app.graders.formula_check.check` never raises at
all. Division by zero, ``sqrt(-1)``, ``log(0)``, a negative number to a fractional power and results too
large to hold are errors when the formula is computed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.i18n import _, ngettext

FUNCTIONS: dict[str, tuple[int, int | None]] = {
    # name -> (fewest, most arguments); None = no upper bound
    "min": (1, None),
    "max": (1, None),
    "abs": (1, 1),
    "floor": (1, 1),
    "ceil": (1, 1),
    "exp": (1, 1),
    "sqrt": (1, 1),
    "log": (1, 1),
}
OPERATORS = "+ - * / ^"
NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class FormulaError(ValueError):
    """A formula that cannot be read or computed. ``str(exc)`` is the plain message; ``position`` is the
    0-based index in the formula it concerns (None when it concerns the whole formula)."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


def error_at(message: str, pos: int, **fields: object) -> FormulaError:
    """The error ``message`` (translated, its ``{char}`` the 1-based position) about ``pos``."""
    return FormulaError(message.format(char=pos + 1, **fields), pos)


# ----------------------------------------------------------------------------------------- the tree
@dataclass(frozen=True)
class Num:
    """A number written in the formula."""

    value: float
    pos: int


@dataclass(frozen=True)
class Name:
    """A sub-grader's name."""

    name: str
    pos: int


@dataclass(frozen=True)
class Unary:
    """``-x`` or ``+x``."""

    op: str
    operand: Node
    pos: int


@dataclass(frozen=True)
class Binary:
    """``a op b`` for op in ``+ - * / ^``."""

    op: str
    left: Node
    right: Node
    pos: int


@dataclass(frozen=True)
class Call:
    """``fn(arg, …)``."""

    fn: str
    args: tuple[Node, ...]
    pos: int


Node = Num | Name | Unary | Binary | Call


def children(node: Node) -> tuple[Node, ...]:
    """The nodes directly below ``node``, left to right."""
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    return ()


def walk(node: Node) -> Iterable[Node]:
    """``node`` and every node below it, in formula order. Iterative: a tree may be deep."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(children(n)))


def used_names(tree: Node) -> set[str]:
    """The names (not the functions) a parsed formula uses."""
    return {node.name for node in walk(tree) if isinstance(node, Name)}


def arity_problem(call: Call) -> str | None:
    """The plain message when ``call`` is not a known function or has the wrong number of arguments,
    else None. Checking and computing a formula both ask it, so they word it the same."""
    if call.fn not in FUNCTIONS:
        return _(
            "'{fn}' at character {char} is not a function the formula can use; the functions are {functions}."
        ).format(fn=call.fn, char=call.pos + 1, functions=", ".join(FUNCTIONS))
    low, high = FUNCTIONS[call.fn]
    count = len(call.args)
    if high is None and count < low:
        return ngettext(
            "{fn} at character {char} needs at least {n} value, e.g. {fn}(a, b).",
            "{fn} at character {char} needs at least {n} values, e.g. {fn}(a, b).",
            low,
        ).format(fn=call.fn, char=call.pos + 1, n=low)
    if high is not None and not low <= count <= high:
        return _("{fn} at character {char} takes exactly one value, e.g. {fn}(x); it was given {n}.").format(
            fn=call.fn, char=call.pos + 1, n=count
        )
    return None
