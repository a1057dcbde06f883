"""The ``calculate_output`` language of multi graders: check a formula and compute it.

A formula combines the sub-graders' scores, e.g. ``0.5 * accuracy + 0.5 * style`` (API_NOTES §10):

* numbers (``2``, ``0.25``, ``.5``, ``1e-3``) and names, which may only be the sub-graders' names;
* ``+ - * /`` and ``^`` (power, right-associative: ``2^3^2`` is ``2^(3^2)``), unary ``-`` and ``+``,
  parentheses. Precedence from low to high: ``+ -``, then ``* /``, then unary minus, then ``^`` —
  as in Python, so ``-2^2`` is ``-(2^2)`` and ``2^-1`` is ``0.5``;
* functions ``min`` and ``max`` (one argument or more), and ``abs floor ceil exp sqrt log`` (exactly one
  argument; ``log`` is the natural logarithm). A name followed by ``(`` is a function call, so a
  sub-grader may well be called ``log``.

The parser is a small recursive-descent one written here: user text is never handed to ``eval``.
Every problem is a :class:`FormulaError` (a ``ValueError``) carrying a plain message and, where it
has one, the 0-based ``position`` in the formula; nothing else escapes :func:`evaluate`, and
:func:`check` never raises at all. Division by zero, ``sqrt(-1)``, ``log(0)``, a negative number to a
fractional power and results too large to hold are errors when the formula is computed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.i18n import N_, _, ngettext, number

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
# Parentheses, unary signs and calls nest this deep at most: the parser and the evaluator recurse, and a
# pasted "((((…" must give a plain error, not exhaust Python's stack.
MAX_DEPTH = 60
MAX_LENGTH = 10_000
# A long chain such as 1+1+1+… builds a tree as deep as it is long; the evaluator recurses over it.
MAX_TREE_DEPTH = 300

_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


class FormulaError(ValueError):
    """A formula that cannot be read or computed. ``str(exc)`` is the plain message; ``position`` is the
    0-based index in the formula it concerns (None when it concerns the whole formula)."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


def _at(message: str, pos: int, **fields: object) -> FormulaError:
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


# ------------------------------------------------------------------------------------------ tokens
@dataclass(frozen=True)
class _Token:
    kind: str  # "num", "name", "op", "(", ")", ",", "end"
    text: str
    pos: int


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        m = _NUMBER.match(text, i)
        if m:
            out.append(_Token("num", m.group(), i))
            i = m.end()
            continue
        m = NAME_PATTERN.match(text, i)
        if m:
            out.append(_Token("name", m.group(), i))
            i = m.end()
            continue
        if text.startswith("**", i):
            raise _at(_("'**' is not an operator here (at character {char}): write powers with ^, e.g. x^2."), i)
        if ch in "+-*/^":
            out.append(_Token("op", ch, i))
        elif ch in "(),":
            out.append(_Token(ch, ch, i))
        else:
            message = _(
                "'{text}' is not allowed (at character {char}): use numbers, the sub-graders' names, the "
                "operators {operators}, parentheses and the functions {functions}."
            )
            raise _at(message, i, text=ch, operators=OPERATORS, functions=", ".join(FUNCTIONS))
        i += 1
    out.append(_Token("end", "", n))
    return out


# ------------------------------------------------------------------------------------------ parser
class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _at(_("The formula nests too deeply (at character {char}); simplify it."), pos)

    def unexpected(self, tok: _Token, wanted: str) -> FormulaError:
        at_end, elsewhere = _EXPECTED[wanted]
        message = at_end if tok.kind == "end" else elsewhere
        return _at(_(message), tok.pos, text=tok.text)

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise FormulaError(_("The formula is empty."), 0)
        node = self.expr()
        tok = self.peek()
        if tok.kind != "end":
            if tok.kind == ")":
                raise _at(_("')' at character {char} has no matching '('."), tok.pos)
            message = _("Unexpected '{text}' at character {char}: an operator ({operators}) is missing before it.")
            raise _at(message, tok.pos, text=tok.text, operators=OPERATORS)
        return node

    def expr(self) -> Node:
        self.enter(self.peek().pos)
        node = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            tok = self.take()
            node = Binary(tok.text, node, self.term(), tok.pos)
        self.depth -= 1
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek().kind == "op" and self.peek().text in "*/":
            tok = self.take()
            node = Binary(tok.text, node, self.unary(), tok.pos)
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "op" and tok.text in "+-":
            self.take()
            self.enter(tok.pos)
            node = Unary(tok.text, self.unary(), tok.pos)
            self.depth -= 1
            return node
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if self.peek().kind == "op" and self.peek().text == "^":
            tok = self.take()
            self.enter(tok.pos)
            node = Binary("^", base, self.unary(), tok.pos)  # right-assoc; 2^-1 allowed
            self.depth -= 1
            return node
        return base

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            try:
                value = float(tok.text)
            except (ValueError, OverflowError):  # \d also matches digits float() may not take
                raise _at(_("'{text}' is not a number (at character {char})."), tok.pos, text=tok.text) from None
            if not math.isfinite(value):
                raise _at(_("The number '{text}' is too large (at character {char})."), tok.pos, text=tok.text)
            return Num(value, tok.pos)
        if tok.kind == "name":
            if self.peek().kind == "(":
                return self.call(tok)
            return Name(tok.text, tok.pos)
        if tok.kind == "(":
            node = self.expr()
            close = self.take()
            if close.kind != ")":
                if close.kind == "end":
                    raise _at(_("The '(' at character {char} is never closed."), tok.pos)
                raise self.unexpected(close, "close")
            return node
        raise self.unexpected(tok, "operand")

    def call(self, name: _Token) -> Node:
        self.take()  # "("
        self.enter(name.pos)
        args: list[Node] = []
        if self.peek().kind == ")":
            self.take()
        else:
            while True:
                args.append(self.expr())
                tok = self.take()
                if tok.kind == ")":
                    break
                if tok.kind != ",":
                    if tok.kind == "end":
                        raise _at(_("The '(' of {fn} at character {char} is never closed."), name.pos, fn=name.text)
                    raise self.unexpected(tok, "separator")
        self.depth -= 1
        return Call(name.text, tuple(args), name.pos)


def parse(formula: str) -> Node:
    """The tree of ``formula`` (raises :class:`FormulaError` when it cannot be read)."""
    if not isinstance(formula, str):
        raise FormulaError(_("The formula must be text."))
    if len(formula) > MAX_LENGTH:
        raise FormulaError(_("The formula is too long (over {n} characters).").format(n=number(MAX_LENGTH)))
    tree = _Parser(formula).parse()
    if _depth(tree) > MAX_TREE_DEPTH:
        raise FormulaError(_("The formula is too long to compute; simplify it."))
    return tree


def _depth(tree: Node) -> int:
    deepest = 0
    stack: list[tuple[Node, int]] = [(tree, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((child, d + 1) for child in _children(node))
    return deepest


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    return ()


# ------------------------------------------------------------------------------------------- check
def _walk(node: Node) -> Iterable[Node]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(_children(n)))


def used_names(tree: Node) -> set[str]:
    """The names (not the functions) a parsed formula uses."""
    return {node.name for node in _walk(tree) if isinstance(node, Name)}


def _arity_problem(call: Call) -> str | None:
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


def check(formula: str, names: Iterable[str]) -> list[str]:
    """Plain problems of ``formula`` given the sub-graders' ``names``: a syntax error (the first one, with
    its position), unknown names, unknown functions, wrong argument counts. Empty when it is fine."""
    known = set(names)
    try:
        tree = parse(formula)
    except FormulaError as exc:
        return [str(exc)]
    problems: list[str] = []
    for node in _walk(tree):
        if isinstance(node, Name) and node.name not in known:
            message = (
                _("'{name}' at character {char} is not the name of a sub-grader (the names are: {names}).")
                if known
                else _("'{name}' at character {char} is not the name of a sub-grader (there are none yet).")
            )
            problems.append(message.format(name=node.name, char=node.pos + 1, names=", ".join(sorted(known))))
        elif isinstance(node, Call):
            problem = _arity_problem(node)
            if problem:
                problems.append(problem)
    return problems


# ---------------------------------------------------------------------------------------- evaluate
def _power(a: float, b: float, pos: int) -> float:
    if a < 0 and not b.is_integer():
        raise _at(_("A negative number cannot be raised to a fractional power (at character {char})."), pos)
    if a == 0 and b < 0:
        raise _at(_("Zero cannot be raised to a negative power (at character {char})."), pos)
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
# What the parser expected -> (its message at the end of the formula, its message elsewhere).
_EXPECTED = {
    "close": (
        N_("The formula ends too early: ')' or an operator is missing at the end."),
        N_("Unexpected '{text}' at character {char}: expected ')' or an operator."),
    ),
    "operand": (
        N_("The formula ends too early: a number, a name or '(' is missing at the end."),
        N_("Unexpected '{text}' at character {char}: expected a number, a name or '('."),
    ),
    "separator": (
        N_("The formula ends too early: ',' or ')' is missing at the end."),
        N_("Unexpected '{text}' at character {char}: expected ',' or ')'."),
    ),
}


def _eval(node: Node, values: dict[str, float]) -> float:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        if node.name not in values:
            raise _at(_("'{name}' at character {char} has no score."), node.pos, name=node.name)
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
                    raise _at(_("Division by zero (at character {char})."), node.pos)
                return a / b
            return _power(a, b, node.pos)
        except OverflowError:
            raise _at(_("The result is too large (at character {char})."), node.pos) from None
    problem = _arity_problem(node)
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
        raise _at(_("The result of {fn} is too large (at character {char})."), node.pos, fn=node.fn) from None
    except ValueError:
        message = _DOMAIN.get(node.fn, N_("Cannot compute the {fn} of this value (at character {char})."))
        raise _at(_(message), node.pos, fn=node.fn) from None


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
