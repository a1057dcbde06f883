"""The ``{{ namespace.path }}`` templates inside a grader, and checking them against a dataset.

A grader reads the example through ``{{ item.<field> }}`` (any key of the RFT dataset line other than
``messages``/``tools`` — API_NOTES §8.4) and the model's answer through ``{{ sample.<field> }}``
(``output_text``, ``output_json``, ``output_tools``, ``choices``, ``output_audio``; §10). Paths go
deeper with dots and indexes: ``{{ item.answers[0].text }}``, ``{{ sample.output_tools[0].function.arguments }}``.
``["key"]`` is accepted for keys that are not plain words.

The one mistake that wastes a whole training run: a grader that reads ``item.reference_answer`` while
no line of the dataset has that field. :func:`check_against_examples` counts, for every ``item``
path, the examples where it is missing (absent or ``null``).

What the grader's templates say on their own (an unknown namespace, an unknown ``sample`` field, a path
that cannot be read) is reported by :func:`template_problems`, which
:func:`app.graders.structure.structure_problems` includes; :func:`check_against_examples` does not repeat
it, so ``structure_problems(g) + check_against_examples(g, …)[1]`` lists every problem once.
"""

from __future__ import annotations

import ast
import contextlib
import json
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from app.formats.model import Finding, Severity
from app.i18n import _, ngettext, number

NAMESPACES = ("item", "sample")
SAMPLE_FIELDS = ("output_text", "output_json", "output_tools", "choices", "output_audio")
# Grader fields that are not templated: the python grader's code (which gets sample and item as
# arguments, and may well contain "{{" in an f-string), the formula, and plain settings.
NOT_TEMPLATED = frozenset(
    {"source", "calculate_output", "type", "name", "model", "operation", "evaluation_metric", "image_tag"}
)
MAX_LISTED_LINES = 10  # kept per missing field
LINES_IN_MESSAGE = 3  # named in its message

_TEMPLATE = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_HEAD = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)")
_SEGMENT = re.compile(
    r"""\.([^.\[\]\s"']+)      # .name
      | \[\s*(\d+)\s*\]         # [0]
      | \[\s*"([^"]*)"\s*\]     # ["key"]
      | \[\s*'([^']*)'\s*\]     # ['key']
    """,
    re.VERBOSE,
)
PathStep = str | int


@dataclass(frozen=True)
class TemplateRef:
    """One ``{{ … }}`` in a grader: its namespace (``item``, ``sample`` or whatever was written), the
    path after it (``answers[0].text``; "" for the bare namespace), the JSON path of the grader field
    it is in (``$.graders.accuracy.reference``) and the template as written."""

    namespace: str
    path: str
    where: str
    text: str = field(default="", compare=False)

    @property
    def dotted(self) -> str:
        """``item.answers[0].text`` — how messages name it (the same for the same field however it was
        written, e.g. ``item["answers"][0]``)."""
        steps = parse_path(self.path)
        if steps is None:
            return f"{self.namespace}.{self.path}"
        return ref_text(self.namespace, steps)


@dataclass(frozen=True)
class MissingField:
    """An ``item`` path missing in ``missing`` of ``total`` examples; ``example_lines`` are the first
    few of those examples' line numbers."""

    path: str  # "item.reference_answer"
    missing: int
    total: int
    example_lines: list[int]
    in_code: bool = False  # read by a python grader's code (item["…"] / item.get("…")), not a template

    @property
    def message(self) -> str:
        """``item.reference_answer is missing in 120 of 120 examples (lines 1, 2, 3, …)``."""
        shown = self.example_lines[:LINES_IN_MESSAGE]
        lines = ", ".join(str(n) for n in shown) + (", …" if self.missing > len(shown) else "")
        if self.missing == 1:  # then "line", whatever the total
            message = ngettext(
                "{path} is missing in {missing} of {total} example (line {lines})",
                "{path} is missing in {missing} of {total} examples (line {lines})",
                self.total,
            )
        else:  # missing <= total, so "examples" too
            message = _("{path} is missing in {missing} of {total} examples (lines {lines})")
        return message.format(path=self.path, missing=number(self.missing), total=number(self.total), lines=lines)

    def finding(self) -> Finding:
        """As a finding: an error when no example has the field, a warning when only some lack it (the
        grader then scores those examples 0 or fails on them). Always a warning for a field that python
        code reads: the code may well handle its absence."""
        every = self.missing == self.total
        severity = Severity.ERROR if every and not self.in_code else Severity.WARNING
        if self.in_code:
            text = _("{missing}: the Python grader reads it; check that it copes without it.")
        elif every:
            text = _("{missing}: the grader can never find it. Check the field's name against the dataset.")
        else:
            text = _("{missing}: the grader cannot score those examples properly.")
        return Finding("template_field_missing", severity, text.format(missing=self.message), path=self.path)


# ------------------------------------------------------------------------------------------ parsing
def json_path(parts: Iterable[PathStep]) -> str:
    """``$.graders.accuracy.input[0].content`` from its steps (keys that are not plain words in
    ``["…"]``)."""
    return ref_text("$", list(parts))


def parse_path(path: str) -> list[PathStep] | None:
    """The steps of a path after the namespace (``answers[0].text`` -> ``["answers", 0, "text"]``),
    or None when it cannot be read."""
    text = path.strip()
    if not text:
        return []
    if not text.startswith("["):
        text = "." + text
    steps: list[PathStep] = []
    pos = 0
    while pos < len(text):
        m = _SEGMENT.match(text, pos)
        if not m:
            return None
        name, index, dq, sq = m.groups()
        if index is not None:
            steps.append(int(index))
        else:
            steps.append(next(s for s in (name, dq, sq) if s is not None))
        pos = m.end()
    return steps


def _split(inner: str) -> tuple[str, str]:
    """``(namespace, path)`` of a template's inside; the namespace is "" when it does not start with a
    word (the whole text is then kept as the path, for the message)."""
    m = _HEAD.match(inner)
    if not m:
        return "", inner.strip()
    rest = inner[m.end() :].strip()
    if rest.startswith("."):
        rest = rest[1:]
    return m.group(1), rest


def refs_in_text(text: str, where: str = "") -> list[TemplateRef]:
    """Every template in one string."""
    out = []
    for m in _TEMPLATE.finditer(text):
        namespace, path = _split(m.group(1))
        out.append(TemplateRef(namespace, path, where, m.group(0)))
    return out


def _strings(value: Any, parts: list[PathStep]) -> Iterator[tuple[str, list[PathStep]]]:
    if isinstance(value, str):
        yield value, parts
    elif isinstance(value, dict):
        for key, sub in value.items():
            if key in NOT_TEMPLATED and not isinstance(sub, dict | list):
                continue
            yield from _strings(sub, [*parts, str(key)])
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _strings(sub, [*parts, i])


def template_refs(grader: dict) -> list[TemplateRef]:
    """Every ``{{ item.… }}`` / ``{{ sample.… }}`` (or mistyped namespace) in any templated string field of
    ``grader``, recursively (message contents, sub-graders of a multi grader …), in document order."""
    out: list[TemplateRef] = []
    for text, parts in _strings(grader, []):
        out.extend(refs_in_text(text, json_path(parts)))
    return out


# ---------------------------------------------------------------------------------------- resolving
def resolve(obj: Any, steps: list[PathStep]) -> Any:
    """The value at ``steps`` inside ``obj``, or ``None`` when any step is missing."""
    value = obj
    for step in steps:
        if isinstance(step, int) and isinstance(value, list) and step < len(value):
            value = value[step]
        elif isinstance(value, dict) and str(step) in value:
            value = value[str(step)]
        else:
            return None
    return value


def make_sample(sample_text: str) -> dict[str, Any]:
    """The ``sample`` namespace for a model answer: ``output_text``, plus ``output_json`` when the text
    is valid JSON (what the provider's grader ``run`` endpoint does)."""
    sample: dict[str, Any] = {"output_text": sample_text}
    with contextlib.suppress(ValueError, RecursionError):
        sample["output_json"] = json.loads(sample_text)
    return sample


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def render(text: str, item: dict, sample: dict) -> str:
    """``text`` with every template replaced by its value: strings as they are, numbers, lists and
    objects as JSON, anything missing (or an unknown namespace) as ""."""
    spaces = {"item": item, "sample": sample}

    def value(m: re.Match[str]) -> str:
        namespace, path = _split(m.group(1))
        steps = parse_path(path)
        if namespace not in spaces or steps is None:
            return ""
        return _as_text(resolve(spaces[namespace], steps))

    return _TEMPLATE.sub(value, text)


# ----------------------------------------------------------------------------------------- checking
def template_problems(grader: dict) -> list[Finding]:
    """What the templates say on their own: unknown namespaces, unknown ``sample`` fields, paths that
    cannot be read. Needs no data (part of ``structure_problems``)."""
    out: list[Finding] = []
    for ref in template_refs(grader):
        if ref.namespace not in NAMESPACES:
            out.append(
                Finding(
                    "template_namespace_unknown",
                    Severity.ERROR,
                    _(
                        "{template} cannot be filled in: a template starts with item. (a field of the example) or "
                        "sample. (the model's answer), e.g. {item_example} or {sample_example}."
                    ).format(
                        template=ref.text,
                        item_example="{{item.reference_answer}}",
                        sample_example="{{sample.output_text}}",
                    ),
                    path=ref.where,
                )
            )
            continue
        steps = parse_path(ref.path)
        if steps is None:
            out.append(
                Finding(
                    "template_path_invalid",
                    Severity.ERROR,
                    _("{template} cannot be read: write a path such as item.answers[0].text.").format(
                        template=ref.text
                    ),
                    path=ref.where,
                )
            )
        elif ref.namespace == "item" and not steps:
            out.append(
                Finding(
                    "template_item_whole",
                    Severity.WARNING,
                    _(
                        "{template} puts the whole example in the text; usually one field is meant, e.g. "
                        "{item_example}."
                    ).format(template=ref.text, item_example="{{item.reference_answer}}"),
                    path=ref.where,
                )
            )
        elif ref.namespace == "sample" and (not steps or steps[0] not in SAMPLE_FIELDS):
            out.append(
                Finding(
                    "template_sample_field_unknown",
                    Severity.ERROR,
                    _("{template}: the model's answer offers only {fields}.").format(
                        template=ref.text, fields=", ".join(f"sample.{f}" for f in SAMPLE_FIELDS)
                    ),
                    path=ref.where,
                )
            )
    return out


def check_against_examples(
    grader: dict, examples: Iterable[tuple[int, dict]], *, has_response_format: bool = False
) -> tuple[list[MissingField], list[Finding]]:
    """Check ``grader``'s templates against the dataset ``examples`` (``(line, example)`` pairs).

    Returns the ``item`` paths missing (absent or ``null``) in at least one example — with counts and
    the first lines; the keys a python grader reads as ``item["key"]`` / ``item.get("key")`` are counted
    too, marked ``in_code`` — and the findings that depend on the data or the job: ``sample.output_json`` used
    without a response format (it is only filled in when the job sets one). Template problems that need
    no data are left to :func:`template_problems` (see the module's docstring); use
    :meth:`MissingField.finding` to turn the missing fields into findings too.
    """
    findings: list[Finding] = []
    paths: dict[str, list[PathStep]] = {}
    in_code: set[str] = set()
    for key in _code_item_keys(grader):
        dotted = ref_text("item", [key])
        if dotted not in paths:
            paths[dotted] = [key]
            in_code.add(dotted)
    for ref in template_refs(grader):
        steps = parse_path(ref.path) if ref.namespace in NAMESPACES else None
        if steps is None:
            continue
        if ref.namespace == "item" and steps:
            paths.setdefault(ref.dotted, steps)
            in_code.discard(ref.dotted)
        elif ref.namespace == "sample" and steps and steps[0] == "output_json" and not has_response_format:
            findings.append(
                Finding(
                    "output_json_needs_response_format",
                    Severity.ERROR,
                    _(
                        "{template} reads the answer as JSON, which is only there when the training job sets a "
                        "response format (a JSON schema for the answers). Set one, or grade sample.output_text."
                    ).format(template=ref.text),
                    path=ref.where,
                )
            )
    counts = dict.fromkeys(paths, 0)
    lines: dict[str, list[int]] = {p: [] for p in paths}
    total = 0
    for line, example in examples:
        total += 1
        for dotted, steps in paths.items():
            if resolve(example, steps) is None:
                counts[dotted] += 1
                if len(lines[dotted]) < MAX_LISTED_LINES:
                    lines[dotted].append(line)
    missing = [MissingField(p, counts[p], total, lines[p], p in in_code) for p in paths if counts[p]]
    return missing, findings


def ref_text(namespace: str, steps: list[PathStep]) -> str:
    """``item.answers[0].text`` from a namespace and path steps."""
    out = namespace
    for step in steps:
        if isinstance(step, int):
            out += f"[{step}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", step):
            out += f".{step}"
        else:
            out += "[" + json.dumps(step, ensure_ascii=False) + "]"
    return out


def _code_item_keys(grader: Any) -> list[str]:
    """The item keys python graders (this one or a multi grader's) read as ``item["key"]`` or
    ``item.get("key")`` inside ``grade`` — a quick look at the code, not an analysis of it."""
    if not isinstance(grader, dict):
        return []
    if grader.get("type") == "multi" and isinstance(grader.get("graders"), dict):
        return [k for sub in grader["graders"].values() for k in _code_item_keys(sub)]
    source = grader.get("source")
    if grader.get("type") != "python" or not isinstance(source, str):
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    grade = next(
        (n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == "grade"), None
    )
    params = [*grade.args.posonlyargs, *grade.args.args] if grade else []
    if len(params) < 2:
        return []
    item = params[1].arg
    keys: list[str] = []
    for node in ast.walk(grade):
        key = None
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == item:
            key = node.slice
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == item
            and node.args
        ):
            key = node.args[0]
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value not in keys:
            keys.append(key.value)
    return keys
