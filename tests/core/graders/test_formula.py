"""calculate_output: the parser, the checks, and a property test against Python on the same tree."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.graders.formula_check import check
from app.graders.formula_eval import evaluate
from app.graders.formula_parser import parse
from app.graders.formula_syntax import FUNCTIONS, FormulaError, used_names

NAMES = ["accuracy", "style", "log", "x_1"]


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("0.5 * compliant + 0.5 * explanation", {"compliant": 1, "explanation": 0.4}, 0.7),
        ("1 + 2 * 3", {}, 7),
        ("(1 + 2) * 3", {}, 9),
        ("8 / 4 / 2", {}, 1),  # left-assoc
        ("10 - 4 - 3", {}, 3),
        ("2 ^ 3 ^ 2", {}, 512),  # right-assoc
        ("-2 ^ 2", {}, -4),  # unary minus below ^, as in Python
        ("2 ^ -1", {}, 0.5),
        ("--3", {}, 3),
        ("+a", {"a": 2}, 2),
        ("2 * -a", {"a": 3}, -6),
        ("min(a, b, 0.3)", {"a": 0.5, "b": 0.9}, 0.3),
        ("max(a)", {"a": 0.25}, 0.25),
        ("abs(-1.5) + floor(2.7) + ceil(0.2)", {}, 4.5),
        ("exp(0) + sqrt(16) + log(1)", {}, 5),
        (".5 + 1e-1 + 2.", {}, 2.6),
        ("log", {"log": 0.5}, 0.5),  # a name, not a call
        ("  accuracy\t*\n2 ", {"accuracy": 0.25}, 0.5),
    ],
)
def test_evaluates(text, values, expected):
    assert evaluate(text, values) == pytest.approx(expected)
    assert check(text, values) == []


def test_unknown_name_is_reported_with_position_and_the_known_names():
    problems = check("0.5 * acuracy + 0.5 * style", ["accuracy", "style"])
    assert problems == ["'acuracy' at character 7 is not the name of a sub-grader (the names are: accuracy, style)."]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a % 2", "'%' is not allowed (at character 3)"),
        ("a ** 2", "write powers with ^"),
        ("a == 1", "'=' is not allowed"),
        ("a // 2", "Unexpected '/' at character 4"),
        ("a & b", "'&' is not allowed"),
    ],
)
def test_bad_operator(text, words):
    problems = check(text, ["a", "b"])
    assert len(problems) == 1 and words in problems[0]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("a +", "ends too early"),
        ("(a + b", "'(' at character 1 is never closed"),
        ("a + b)", "')' at character 6 has no matching '('"),
        ("a b", "an operator (+ - * / ^) is missing before it"),
        ("max(a b)", "expected ',' or ')'"),
        ("max(a,", "ends too early"),
        ("foo(a)", "'foo' at character 1 is not a function"),
        ("min()", "needs at least 1 value"),
        ("sqrt(a, b)", "takes exactly one value"),
        ("1e999", "too large"),
        ("(" * 100 + "1" + ")" * 100, "nests too deeply"),
        ("+".join(["1"] * 400), "too long to compute"),
    ],
)
def test_syntax_problems(text, words):
    problems = check(text, ["a", "b"])
    assert problems and words in problems[0], problems
    with pytest.raises(FormulaError, match=None) as info:
        evaluate(text, {"a": 1, "b": 2})
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a / (b - b)", "Division by zero (at character 3)"),
        ("sqrt(-a)", "sqrt of a negative number"),
        ("log(0)", "log of zero"),
        ("(-a) ^ 0.5", "fractional power"),
        ("0 ^ -1", "Zero cannot be raised"),
        ("exp(1000)", "too large"),
        ("10 ^ 400", "too large"),
        ("1e300 * 1e300", "not a finite number"),
        ("c", "'c' at character 1 has no score"),
    ],
)
def test_evaluate_errors_are_plain(text, words):
    with pytest.raises(FormulaError) as info:
        evaluate(text, {"a": 1.0, "b": 2.0})
    assert words in str(info.value)


def test_check_never_accepts_non_text():
    assert check(None, ["a"]) == ["The formula must be text."]  # type: ignore[arg-type]


def test_used_names():
    assert used_names(parse("min(a, log(b)) + log")) == {"a", "b", "log"}


# ------------------------------------------------------------------------------------ properties
# A random tree is rendered to text with as few parentheses as precedence allows (sometimes more), and
# its value computed directly with Python; the parser must agree exactly, errors included.
PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "^": 4, "atom": 5}


def _leaves():
    numbers = st.one_of(st.integers(0, 20).map(float), st.floats(0, 1e6, allow_nan=False, allow_infinity=False)).map(
        lambda v: ("num", v)
    )
    return st.one_of(numbers, st.sampled_from(NAMES).map(lambda n: ("name", n)))


def _extend(children):
    return st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/", "^"]), children, children),
        st.tuples(st.just("neg"), children),
        st.tuples(st.just("call"), st.sampled_from(sorted(FUNCTIONS)), st.lists(children, min_size=1, max_size=3)),
    )


trees = st.recursive(_leaves(), _extend, max_leaves=12)


def _prec(node) -> int:
    return PREC[node[0]] if node[0] in PREC else PREC["atom"]


def render(node, extra_parens) -> str:
    kind = node[0]
    if kind == "num":
        return repr(node[1])
    if kind == "name":
        return node[1]
    if kind == "call":
        fn, args = node[1], node[2]
        if fn not in ("min", "max"):
            args = args[:1]
        return f"{fn}({', '.join(render(a, extra_parens) for a in args)})"

    def wrap(child, needed: int) -> str:
        text = render(child, extra_parens)
        if _prec(child) < needed or next(extra_parens):
            return f"({text})"
        return text

    if kind == "neg":
        return "-" + wrap(node[1], PREC["neg"])
    op = kind
    if op == "^":
        return f"{wrap(node[1], PREC['atom'])} ^ {wrap(node[2], PREC['neg'])}"
    return f"{wrap(node[1], PREC[op])} {op} {wrap(node[2], PREC[op] + 1)}"


class Bad(Exception):
    pass


def reference(node, values) -> float:
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "name":
        return values[node[1]]
    if kind == "neg":
        return -reference(node[1], values)
    if kind == "call":
        fn, args = node[1], node[2]
        if fn not in ("min", "max"):
            args = args[:1]
        xs = [reference(a, values) for a in args]
        try:
            if fn == "min":
                return min(xs)
            if fn == "max":
                return max(xs)
            x = xs[0]
            if fn in ("sqrt", "log") and (x < 0 or (fn == "log" and x == 0)):
                raise Bad
            result = {"abs": abs, "floor": math.floor, "ceil": math.ceil, "exp": math.exp, "sqrt": math.sqrt,
                      "log": math.log}[fn](x)  # fmt: skip
            return float(result)
        except (OverflowError, ValueError):
            raise Bad from None
    a, b = reference(node[1], values), reference(node[2], values)
    try:
        if kind == "+":
            return a + b
        if kind == "-":
            return a - b
        if kind == "*":
            return a * b
        if kind == "/":
            if b == 0:
                raise Bad
            return a / b
        if (a < 0 and not float(b).is_integer()) or (a == 0 and b < 0):
            raise Bad  # the documented rule (Python would answer with a complex number or raise)
        result = a**b
    except (OverflowError, ZeroDivisionError):
        raise Bad from None
    if isinstance(result, complex):
        raise Bad
    return result


values_st = st.fixed_dictionaries({n: st.floats(-5, 5, allow_nan=False) for n in NAMES})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees, values=values_st, seed=st.integers(0, 2**16))
def test_random_formulas_match_python(tree, values, seed):
    rng = random.Random(seed)
    extra = iter(lambda: rng.random() < 0.2, None)  # sometimes parentheses that are not needed
    text = render(tree, extra)
    assert check(text, NAMES) == [], text
    try:
        expected = reference(tree, values)
        ok = math.isfinite(expected)
    except Bad:
        ok = False
    if ok:
        assert evaluate(text, values) == expected, text
    else:
        with pytest.raises(FormulaError):
            evaluate(text, values)


ALPHABET = "ab0123456789.eE+-*/^%()=, \t\nminaxlogsqrt_é"


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(alphabet=ALPHABET, max_size=40), st.text(max_size=40)))
def test_garbage_only_ever_raises_formula_error(text):
    assert isinstance(check(text, ["a", "b"]), list)
    try:
        result = evaluate(text, {"a": 0.5, "b": 0.0})
    except FormulaError as exc:
        assert str(exc)
    else:
        assert math.isfinite(result)
