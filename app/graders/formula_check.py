"""Checking a multi grader's ``calculate_output`` formula before it is sent: that it reads, that it
names only the sub-graders, and that its functions get the right number of arguments. Never raises, so
the grader's structure check (:mod:`app.graders.structure`) can list the problems as findings.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.graders.formula_parser import parse
from app.graders.formula_syntax import Call, FormulaError, Name, arity_problem, walk
from app.i18n import _


def check(formula: str, names: Iterable[str]) -> list[str]:
    """Plain problems of ``formula`` given the sub-graders' ``names``: a syntax error (the first one, with
    its position), unknown names, unknown functions, wrong argument counts. Empty when it is fine."""
    known = set(names)
    try:
        tree = parse(formula)
    except FormulaError as exc:
        return [str(exc)]
    problems: list[str] = []
    for node in walk(tree):
        if isinstance(node, Name) and node.name not in known:
            message = (
                _("'{name}' at character {char} is not the name of a sub-grader (the names are: {names}).")
                if known
                else _("'{name}' at character {char} is not the name of a sub-grader (there are none yet).")
            )
            problems.append(message.format(name=node.name, char=node.pos + 1, names=", ".join(sorted(known))))
        elif isinstance(node, Call):
            problem = arity_problem(node)
            if problem:
                problems.append(problem)
    return problems
