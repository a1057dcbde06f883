"""Reading a ``calculate_output`` formula into its tree (:mod:`app.graders.formula_syntax` says what
the language holds): tokens, then a small recursive-descent parser, so user text is never handed to
``eval``. :func:`parse` raises a :class:`~app.graders.formula_syntax.FormulaError` with the position of
the first problem; the limits below keep a pasted monster from exhausting Python's stack.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from app.graders.formula_syntax import (
    FUNCTIONS,
    NAME_PATTERN,
    OPERATORS,
    Binary,
    Call,
    FormulaError,
    Name,
    Node,
    Num,
    Unary,
    children,
    error_at,
)
from app.i18n import N_, _, number

# Parentheses, unary signs and calls nest this deep at most: the parser and the evaluator recurse, and a
# pasted "((((…" must give a plain error, not exhaust Python's stack.
MAX_DEPTH = 60
MAX_LENGTH = 10_000
# A long chain such as 1+1+1+… builds a tree as deep as it is long; the evaluator recurses over it.
MAX_TREE_DEPTH = 300

_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


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
            raise error_at(_("'**' is not an operator here (at character {char}): write powers with ^, e.g. x^2."), i)
        if ch in "+-*/^":
            out.append(_Token("op", ch, i))
        elif ch in "(),":
            out.append(_Token(ch, ch, i))
        else:
            message = _(
                "'{text}' is not allowed (at character {char}): use numbers, the sub-graders' names, the "
                "operators {operators}, parentheses and the functions {functions}."
            )
            raise error_at(message, i, text=ch, operators=OPERATORS, functions=", ".join(FUNCTIONS))
        i += 1
    out.append(_Token("end", "", n))
    return out


# ------------------------------------------------------------------------------------------ parser
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
            raise error_at(_("The formula nests too deeply (at character {char}); simplify it."), pos)

    def unexpected(self, tok: _Token, wanted: str) -> FormulaError:
        at_end, elsewhere = _EXPECTED[wanted]
        message = at_end if tok.kind == "end" else elsewhere
        return error_at(_(message), tok.pos, text=tok.text)

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise FormulaError(_("The formula is empty."), 0)
        node = self.expr()
        tok = self.peek()
        if tok.kind != "end":
            if tok.kind == ")":
                raise error_at(_("')' at character {char} has no matching '('."), tok.pos)
            message = _("Unexpected '{text}' at character {char}: an operator ({operators}) is missing before it.")
            raise error_at(message, tok.pos, text=tok.text, operators=OPERATORS)
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
                raise error_at(_("'{text}' is not a number (at character {char})."), tok.pos, text=tok.text) from None
            if not math.isfinite(value):
                raise error_at(_("The number '{text}' is too large (at character {char})."), tok.pos, text=tok.text)
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
                    raise error_at(_("The '(' at character {char} is never closed."), tok.pos)
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
                        raise error_at(
                            _("The '(' of {fn} at character {char} is never closed."), name.pos, fn=name.text
                        )
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
        stack.extend((child, d + 1) for child in children(node))
    return deepest
