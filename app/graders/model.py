"""RFT graders as the API takes them (plain dicts), starting points for each type, and every rule that
can be checked without data (API_NOTES §10).

A grader is the JSON object the fine-tuning API takes, held as a ``dict`` — no classes in between,
so what the user imports, edits, saves and sends is the same thing. :func:`structure_problems` lists
what is wrong with one in plain words, each a :class:`Finding` whose ``path`` points into the grader
(``$.graders.accuracy.model``).
"""

from __future__ import annotations

import ast
import math
import re
import warnings
from typing import Any

from app.formats.chat_models import is_reasoning_model
from app.formats.model import Finding, Severity
from app.graders import formula
from app.graders.templates import PathStep, json_path, template_problems
from app.i18n import _, number

GRADER_TYPES = ("string_check", "text_similarity", "score_model", "label_model", "python", "multi")
TOP_LEVEL_TYPES = ("string_check", "text_similarity", "score_model", "python", "multi")  # label_model: in multi
STRING_OPERATIONS = ("eq", "ne", "like", "ilike")
SIMILARITY_METRICS = (
    "fuzzy_match", "bleu", "gleu", "meteor", "rouge_1", "rouge_2", "rouge_3", "rouge_4", "rouge_5", "rouge_l",
)  # fmt: skip
EVALS_ONLY_METRICS = ("cosine",)  # in the API's enum, but only evals use it
# Models the fine-tuning API allows in score_model and label_model graders (API_NOTES §10, mid-2026).
GRADING_MODELS = (
    "gpt-4o-2024-08-06",
    "gpt-4o-mini-2024-07-18",
    "gpt-4.1-2025-04-14",
    "gpt-4.1-mini-2025-04-14",
    "gpt-4.1-nano-2025-04-14",
    "o1-2024-12-17",
    "o3-mini-2025-01-31",
    "o3-2025-04-16",
    "o4-mini-2025-04-16",
)
PYTHON_SOURCE_LIMIT = 256 * 1024
PYTHON_IMAGE_TAG = "2025-05-08"
MESSAGE_ROLES = ("system", "developer", "user", "assistant")
CONTENT_TYPES = {"input_text": "text", "output_text": "text", "input_image": "image_url", "input_audio": "input_audio"}
SAMPLING_PARAMS = ("seed", "top_p", "temperature", "max_completions_tokens", "reasoning_effort")
REASONING_EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh", "max")

FIELDS: dict[str, tuple[str, ...]] = {  # every field the API knows per type; the first ones are required
    "string_check": ("type", "name", "input", "reference", "operation"),
    "text_similarity": ("type", "name", "input", "reference", "evaluation_metric"),
    "python": ("type", "name", "source", "image_tag"),
    "score_model": ("type", "name", "model", "input", "range", "sampling_params"),
    "label_model": ("type", "name", "model", "input", "labels", "passing_labels"),
    "multi": ("type", "name", "graders", "calculate_output"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "string_check": FIELDS["string_check"],
    "text_similarity": FIELDS["text_similarity"],
    "python": ("type", "name", "source"),
    "score_model": ("type", "name", "model", "input"),
    "label_model": FIELDS["label_model"],
    "multi": FIELDS["multi"],
}
_STRING_FIELDS = ("name", "input", "reference", "source", "image_tag", "model", "calculate_output")
_TOP = {"temperature": 2, "top_p": 1}
_DATE = re.compile(r"-\d{4}-\d{2}-\d{2}$")

PYTHON_SKELETON = '''def grade(sample: dict, item: dict) -> float:
    """Return a score between 0 and 1 for one answer.

    sample["output_text"] is the model's answer; item holds the fields of the dataset line.
    """
    answer = sample.get("output_text", "").strip().lower()
    expected = str(item.get("reference_answer", "")).strip().lower()
    return 1.0 if answer == expected else 0.0
'''


# ------------------------------------------------------------------------------------- new graders
def _messages(instruction: str) -> list[dict[str, Any]]:
    return [
        {"role": "developer", "content": instruction},
        {
            "role": "user",
            "content": "Reference answer:\n{{item.reference_answer}}\n\nAnswer to grade:\n{{sample.output_text}}",
        },
    ]


def new_grader(kind: str, name: str = "") -> dict[str, Any]:
    """A sensible starting grader of type ``kind`` (one of :data:`GRADER_TYPES`), named ``name`` or after
    its type. Its templates read ``item.reference_answer``: the data check says if the dataset calls
    that field something else. ``ValueError`` for an unknown type."""
    label = name or kind.replace("_", " ")
    if kind == "string_check":
        return {
            "type": "string_check", "name": label, "input": "{{sample.output_text}}",
            "reference": "{{item.reference_answer}}", "operation": "eq",
        }  # fmt: skip
    if kind == "text_similarity":
        return {
            "type": "text_similarity", "name": label, "input": "{{sample.output_text}}",
            "reference": "{{item.reference_answer}}", "evaluation_metric": "fuzzy_match",
        }  # fmt: skip
    if kind == "score_model":
        return {
            "type": "score_model",
            "name": label,
            "model": "gpt-4.1-mini-2025-04-14",
            "input": _messages(
                "Compare the answer with the reference answer. Reply with a score between 0 and 1: 1 when it "
                "says the same thing, 0 when it is wrong, partial credit when it is partly right."
            ),
            "range": [0, 1],
            "sampling_params": {"temperature": 0},
        }
    if kind == "label_model":
        return {
            "type": "label_model",
            "name": label,
            "model": "gpt-4.1-mini-2025-04-14",
            "input": _messages("Label the answer 'correct' when it agrees with the reference, else 'incorrect'."),
            "labels": ["correct", "incorrect"],
            "passing_labels": ["correct"],
        }
    if kind == "python":
        return {"type": "python", "name": label, "source": PYTHON_SKELETON, "image_tag": PYTHON_IMAGE_TAG}
    if kind == "multi":
        return {
            "type": "multi",
            "name": label,
            "graders": {
                "exact": new_grader("string_check", "exact"),
                "similar": new_grader("text_similarity", "similar"),
            },
            "calculate_output": "0.5 * exact + 0.5 * similar",
        }
    raise ValueError(f"unknown grader type {kind!r}")


# -------------------------------------------------------------------------------------------- rules
class _Checker:
    def __init__(self) -> None:
        self.out: list[Finding] = []

    def add(self, code: str, message: str, parts: list[PathStep], severity: Severity = Severity.ERROR) -> None:
        self.out.append(Finding(code, severity, message, path=json_path(parts)))

    def grader(self, g: Any, parts: list[PathStep], top_level: bool) -> None:
        if not isinstance(g, dict):
            self.add("grader_not_object", _('A grader must be a JSON object with a "type" field.'), parts)
            return
        kind = g.get("type")
        if not isinstance(kind, str) or kind not in GRADER_TYPES:
            if "type" not in g:
                self.add("grader_type_missing", _('The grader has no "type".'), parts)
            else:
                self.add(
                    "grader_type_unknown",
                    _("{value} is not a grader type; the types are {types}.").format(
                        value=repr(kind), types=", ".join(GRADER_TYPES)
                    ),
                    [*parts, "type"],
                )
            return
        if top_level and kind == "label_model":
            self.add(
                "label_model_top_level",
                _(
                    "A label_model grader can only be used inside a multi grader: wrap it in one, or use a "
                    "score_model grader."
                ),
                [*parts, "type"],
            )
        if not top_level and kind == "multi":
            self.add("multi_nested", _("A multi grader cannot contain another multi grader."), [*parts, "type"])
        for key in REQUIRED[kind]:
            if key not in g:
                self.add(
                    "grader_field_missing",
                    _('A {kind} grader needs "{key}".').format(kind=kind, key=key),
                    [*parts, key],
                )
        for key in g:
            if key == "pass_threshold" and kind == "text_similarity":
                self.add(
                    "pass_threshold_evals_only",
                    _("pass_threshold is only used by evals; fine-tuning uses the score itself. Remove it."),
                    [*parts, key],
                    Severity.WARNING,
                )
            elif key not in FIELDS[kind]:
                self.add(
                    "grader_field_unknown",
                    _('"{key}" is not a field of a {kind} grader; the provider may reject it.').format(
                        key=key, kind=kind
                    ),
                    [*parts, key],
                    Severity.WARNING,
                )
        for key in _STRING_FIELDS:
            messages = key == "input" and kind in ("score_model", "label_model")
            if key in g and key in FIELDS[kind] and not messages and not isinstance(g[key], str):
                self.add("grader_field_type", _('"{key}" must be text.').format(key=key), [*parts, key])
        getattr(self, kind)(g, parts)

    # -- per type
    def string_check(self, g: dict, parts: list[PathStep]) -> None:
        op = g.get("operation")
        if "operation" in g and op not in STRING_OPERATIONS:
            message = (
                _(
                    '{value} is not an operation (the API spells it "ne"); use eq (equal), ne (not equal), '
                    "like (contains) or ilike (contains, ignoring case)."
                )
                if op == "neq"
                else _(
                    "{value} is not an operation; use eq (equal), ne (not equal), like (contains) or ilike "
                    "(contains, ignoring case)."
                )
            )
            self.add("string_operation_unknown", message.format(value=repr(op)), [*parts, "operation"])

    def text_similarity(self, g: dict, parts: list[PathStep]) -> None:
        metric = g.get("evaluation_metric")
        if metric in EVALS_ONLY_METRICS:
            self.add(
                "cosine_not_for_fine_tuning",
                _(
                    "Cosine similarity is only available in evals; it is not usable for fine-tuning. Choose "
                    "another metric, e.g. fuzzy_match or rouge_l."
                ),
                [*parts, "evaluation_metric"],
            )
        elif "evaluation_metric" in g and metric not in SIMILARITY_METRICS:
            self.add(
                "similarity_metric_unknown",
                _("{value} is not a similarity metric; use one of {metrics}.").format(
                    value=repr(metric), metrics=", ".join(SIMILARITY_METRICS)
                ),
                [*parts, "evaluation_metric"],
            )

    def python(self, g: dict, parts: list[PathStep]) -> None:
        source = g.get("source")
        if not isinstance(source, str):
            return
        size = len(source.encode("utf-8"))
        if size >= PYTHON_SOURCE_LIMIT:
            self.add(
                "python_too_large",
                _("The Python source is {size} kB; it must be under 256 kB.").format(size=number(size / 1024)),
                [*parts, "source"],
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
            self.add("python_syntax", message.format(line=exc.lineno, error=exc.msg), [*parts, "source"])
            return
        except (ValueError, RecursionError, MemoryError):
            self.add("python_syntax", _("The Python source cannot be read as Python."), [*parts, "source"])
            return
        grade = _find_grade(tree)
        if grade is None:
            self.add(
                "python_no_grade",
                _("The Python source must define a function grade(sample, item) that returns the score."),
                [*parts, "source"],
            )
        elif isinstance(grade, ast.FunctionDef | ast.AsyncFunctionDef) and not _takes_two(grade.args):
            self.add(
                "python_grade_arguments",
                _("grade (line {line}) must take two arguments: grade(sample, item).").format(line=grade.lineno),
                [*parts, "source"],
            )

    def score_model(self, g: dict, parts: list[PathStep]) -> None:
        model = self.model(g, parts)
        self.messages(g, parts)
        if "range" in g:
            r = g["range"]
            ok = isinstance(r, list) and len(r) == 2 and all(_is_number(x) for x in r)
            if not ok:
                self.add("grader_range_invalid", _("range must be two numbers [lowest, highest]."), [*parts, "range"])
            elif not r[0] < r[1]:
                self.add(
                    "grader_range_invalid",
                    _("range [{low}, {high}]: the lowest score must be below the highest.").format(low=r[0], high=r[1]),
                    [*parts, "range"],
                )
        if "sampling_params" in g:
            self.sampling(g["sampling_params"], model, [*parts, "sampling_params"])

    def label_model(self, g: dict, parts: list[PathStep]) -> None:
        self.model(g, parts)
        self.messages(g, parts)
        labels = g.get("labels")
        passing = g.get("passing_labels")
        for key, value in (("labels", labels), ("passing_labels", passing)):
            if key in g and (not isinstance(value, list) or not value or not all(isinstance(x, str) for x in value)):
                self.add(
                    "grader_labels_invalid",
                    _("{key} must be a list of one label or more.").format(key=key),
                    [*parts, key],
                )
        if isinstance(labels, list) and len(set(map(str, labels))) != len(labels):
            self.add("grader_labels_duplicate", _("A label is listed twice."), [*parts, "labels"], Severity.WARNING)
        if isinstance(labels, list) and isinstance(passing, list):
            extra = [p for p in passing if p not in labels]
            if extra:
                self.add(
                    "passing_labels_not_subset",
                    _("Passing labels must be among the labels; not a label: {labels}.").format(
                        labels=", ".join(map(str, extra))
                    ),
                    [*parts, "passing_labels"],
                )

    def multi(self, g: dict, parts: list[PathStep]) -> None:
        graders = g.get("graders")
        if "graders" in g and (not isinstance(graders, dict) or not graders):
            self.add(
                "multi_graders_invalid",
                _("graders must name one sub-grader or more: a JSON object of name -> grader."),
                [*parts, "graders"],
            )
            graders = {}
        graders = graders or {}
        for name, sub in graders.items():
            self.grader(sub, [*parts, "graders", name], top_level=False)
            if not formula.NAME_PATTERN.fullmatch(name):
                self.add(
                    "grader_name_unusable",
                    _(
                        'The formula cannot refer to "{name}": use letters, digits and _ only (e.g. {suggestion}).'
                    ).format(name=name, suggestion=re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_") or "score"),
                    [*parts, "graders", name],
                    Severity.WARNING,
                )
        calc = g.get("calculate_output")
        if isinstance(calc, str):
            for problem in formula.check(calc, graders):
                self.add("formula_problem", problem, [*parts, "calculate_output"])

    # -- shared pieces
    def model(self, g: dict, parts: list[PathStep]) -> str:
        model = g.get("model")
        if not isinstance(model, str) or model in GRADING_MODELS:
            return model if isinstance(model, str) else ""
        dated = [m for m in GRADING_MODELS if _DATE.sub("", m) == model.strip()]
        message = (
            _("{value} is not allowed for grading. Use {model}.")
            if dated
            else _("{value} is not allowed for grading. The allowed models are {models}.")
        )
        text = message.format(value=repr(model), model=dated[0] if dated else "", models=", ".join(GRADING_MODELS))
        self.add("grader_model_not_allowed", text, [*parts, "model"])
        return model

    def messages(self, g: dict, parts: list[PathStep]) -> None:
        messages = g.get("input")
        if "input" not in g:
            return
        if not isinstance(messages, list) or not messages:
            self.add("grader_messages_invalid", _("input must be a list of one message or more."), [*parts, "input"])
            return
        for i, msg in enumerate(messages):
            where = [*parts, "input", i]
            if not isinstance(msg, dict):
                self.add("grader_message_invalid", _("A message must be an object with role and content."), where)
                continue
            if msg.get("role") not in MESSAGE_ROLES:
                self.add(
                    "grader_message_role",
                    _("Message {n}: the role must be one of {roles}.").format(n=i + 1, roles=", ".join(MESSAGE_ROLES)),
                    [*where, "role"],
                )
            if "type" in msg and msg["type"] != "message":
                self.add(
                    "grader_message_invalid",
                    _('Message {n}: type must be "message".').format(n=i + 1),
                    [*where, "type"],
                )
            if not _content_ok(msg.get("content")):
                self.add(
                    "grader_message_content",
                    _("Message {n}: the content must be text, or text/image parts.").format(n=i + 1),
                    [*where, "content"],
                )

    def sampling(self, params: Any, model: str, parts: list[PathStep]) -> None:
        if not isinstance(params, dict):
            self.add("sampling_params_invalid", _("sampling_params must be an object."), parts)
            return
        reasoning = bool(model) and is_reasoning_model(model)
        for key, value in params.items():
            if key not in SAMPLING_PARAMS:
                message = (
                    _(
                        '"{key}" is not a sampling parameter of grader models (the API spells it '
                        "max_completions_tokens)."
                    )
                    if "max" in key and "token" in key
                    else _('"{key}" is not a sampling parameter of grader models.')
                )
                self.add("sampling_param_unknown", message.format(key=key), [*parts, key])
            elif value is None:
                continue
            elif key == "temperature" and reasoning:
                self.add(
                    "grader_param_rejected",
                    _("{model} is a reasoning model and does not take a temperature; remove it.").format(model=model),
                    [*parts, key],
                )
            elif key == "reasoning_effort" and model and not reasoning:
                self.add(
                    "grader_param_rejected",
                    _("{model} is not a reasoning model and does not take a reasoning effort; remove it.").format(
                        model=model
                    ),
                    [*parts, key],
                )
            elif key == "reasoning_effort" and value not in REASONING_EFFORTS:
                self.add(
                    "sampling_param_invalid",
                    _("reasoning_effort {value} is not an effort level.").format(value=repr(value)),
                    [*parts, key],
                )
            elif key in ("temperature", "top_p") and not (_is_number(value) and 0 <= value <= _TOP[key]):
                self.add(
                    "sampling_param_invalid",
                    _("{key} must be a number from 0 to {top}.").format(key=key, top=_TOP[key]),
                    [*parts, key],
                )
            elif key in ("seed", "max_completions_tokens") and not (
                isinstance(value, int) and not isinstance(value, bool) and (key == "seed" or value >= 1)
            ):
                self.add("sampling_param_invalid", _("{key} must be a whole number.").format(key=key), [*parts, key])


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _content_ok(content: Any) -> bool:
    if isinstance(content, str):
        return True
    if isinstance(content, dict):
        field = CONTENT_TYPES.get(content.get("type"))  # type: ignore[arg-type]
        return field is not None and field in content
    if isinstance(content, list):
        return bool(content) and all(isinstance(c, str) or (isinstance(c, dict) and _content_ok(c)) for c in content)
    return False


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


def structure_problems(grader: dict, *, top_level: bool = True) -> list[Finding]:
    """Everything wrong with ``grader`` that can be seen without data: required fields and their types,
    the enums, label_model only inside multi, multi not nested, passing labels among the labels, a
    score range with lowest < highest, allowed grading models and no parameter the model rejects, Python
    source under 256 kB that parses and defines ``grade``, cosine (evals only), the multi formula, and
    the templates (:func:`app.graders.templates.template_problems`). ``top_level=False`` checks a
    sub-grader of a multi grader. Never raises."""
    checker = _Checker()
    checker.grader(grader, [], top_level)
    out = checker.out
    if isinstance(grader, dict):
        out.extend(template_problems(grader))
    return out


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding is an error (the grader would be refused)."""
    return any(f.severity is Severity.ERROR for f in findings)
