"""The rules of a python grader's source that can be checked without running it (API_NOTES §10): under
256 kB, valid Python, and a top-level ``grade`` that can be called as ``grade(sample, item)``.

The source is only parsed (``ast``), never executed. :func:`python_source_problems` gives the
problems as (code, message) pairs; the structure check (:mod:`app.graders.structure`) files them all
under the grader's ``source`` field.
"""

from __future__ import annotations

import ast
import warnings

from app.graders.schema import PYTHON_SOURCE_LIMIT
from app.i18n import _, number


def python_source_problems(source: str) -> list[tuple[str, str]]:
    """The (code, message) of every problem of a python grader's ``source``, in the order found."""
    out: list[tuple[str, str]] = []
    size = len(source.encode("utf-8"))
    if size >= PYTHON_SOURCE_LIMIT:
        out.append(
            (
                "python_too_large",
                _("The Python source is {size} kB; it must be under 256 kB.").format(size=number(size / 1024)),
            )
        )
    try:
        with warnings.catch_warnings():  # e.g. SyntaxWarning for "\d" in a string: not ours to print
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
    except SyntaxError as exc:
        message = (
            _("The Python source has a syntax error on line {line}: {error}.")
            if exc.lineno
            else _("The Python source has a syntax error: {error}.")
        )
        out.append(("python_syntax", message.format(line=exc.lineno, error=exc.msg)))
        return out
    except (ValueError, RecursionError, MemoryError):
        out.append(("python_syntax", _("The Python source cannot be read as Python.")))
        return out
    grade = _find_grade(tree)
    if grade is None:
        out.append(
            (
                "python_no_grade",
                _("The Python source must define a function grade(sample, item) that returns the score."),
            )
        )
    elif isinstance(grade, ast.FunctionDef | ast.AsyncFunctionDef) and not _takes_two(grade.args):
        out.append(
            (
                "python_grade_arguments",
                _("grade (line {line}) must take two arguments: grade(sample, item).").format(line=grade.lineno),
            )
        )
    return out


def _find_grade(tree: ast.Module) -> ast.AST | None:
    """The top-level definition of ``grade`` (a def, an assignment or an import), or None."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "grade":
            return node
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "grade" for t in node.targets):
            return node
        if isinstance(node, ast.Import | ast.ImportFrom) and any((a.asname or a.name) == "grade" for a in node.names):
            return node
    return None


def _takes_two(args: ast.arguments) -> bool:
    positional = len(args.posonlyargs) + len(args.args)
    required = positional - len(args.defaults)
    return args.vararg is not None or (required <= 2 <= positional)
