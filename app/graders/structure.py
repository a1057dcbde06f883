"""Every rule of a grader that can be checked without data (API_NOTES §10): :func:`structure_problems`
lists what is wrong in plain words, each a :class:`~app.formats.model.Finding` whose ``path`` points
into the grader (``$.graders.accuracy.model``).

This module checks what all graders share — a known type, the required fields, no unknown ones, text
where text is due, label_model only inside multi and multi not nested — plus string_check,
text_similarity and multi graders, and hands the rest to the rules of their kind:
:mod:`app.graders.model_grader_rules` (score_model, label_model), :mod:`app.graders.python_grader_rules`
(python), :mod:`app.graders.formula_check` (a multi grader's formula) and
:func:`app.graders.templates.template_problems` (the ``{{ … }}`` templates).
"""

from __future__ import annotations

import re
from typing import Any

from app.formats.model import Finding, Severity
from app.graders.formula_check import check as check_formula
from app.graders.formula_syntax import NAME_PATTERN
from app.graders.model_grader_rules import label_model_rules, score_model_rules
from app.graders.python_grader_rules import python_source_problems
from app.graders.schema import (
    EVALS_ONLY_METRICS,
    FIELDS,
    GRADER_TYPES,
    REQUIRED,
    SIMILARITY_METRICS,
    STRING_OPERATIONS,
)
from app.graders.templates import PathStep, json_path, template_problems
from app.i18n import _

_STRING_FIELDS = ("name", "input", "reference", "source", "image_tag", "model", "calculate_output")


class _Checker:
    """Walks a grader, and a multi grader's sub-graders, collecting its findings in ``out``. Each grader
    type has the method of its name (``grader`` dispatches on ``type``), so a type's rules are easy to find."""

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
        if isinstance(source, str):
            for code, message in python_source_problems(source):
                self.add(code, message, [*parts, "source"])

    def score_model(self, g: dict, parts: list[PathStep]) -> None:
        score_model_rules(g, parts, self.add)

    def label_model(self, g: dict, parts: list[PathStep]) -> None:
        label_model_rules(g, parts, self.add)

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
            if not NAME_PATTERN.fullmatch(name):
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
            for problem in check_formula(calc, graders):
                self.add("formula_problem", problem, [*parts, "calculate_output"])


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
