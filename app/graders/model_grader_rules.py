"""The rules of the graders that ask a model for the score, score_model and label_model (API_NOTES §10),
as far as they can be checked without data: a grading model the fine-tuning API allows, input messages
of a known role and content, sampling parameters the model takes, a score range with lowest < highest,
and passing labels among the labels.

The structure check (:mod:`app.graders.structure`) calls :func:`score_model_rules` and
:func:`label_model_rules` with its own way of recording a finding, so the findings keep its order and
JSON paths.
"""

from __future__ import annotations

import math
import re
from typing import Any, Protocol

from app.formats.chat_models import is_reasoning_model
from app.formats.model import Severity
from app.graders.schema import CONTENT_TYPES, GRADING_MODELS, MESSAGE_ROLES, REASONING_EFFORTS, SAMPLING_PARAMS
from app.graders.templates import PathStep
from app.i18n import _

_TOP = {"temperature": 2, "top_p": 1}
_DATE = re.compile(r"-\d{4}-\d{2}-\d{2}$")


class AddFinding(Protocol):
    """How a rule records a finding: its code, its plain message, where in the grader it is."""

    def __call__(self, code: str, message: str, parts: list[PathStep], severity: Severity = Severity.ERROR) -> None: ...


def score_model_rules(g: dict, parts: list[PathStep], add: AddFinding) -> None:
    """Check a score_model grader ``g`` found at ``parts``: its model, messages, range and sampling
    parameters (the latter against what its model takes)."""
    model = _model(g, parts, add)
    _messages(g, parts, add)
    if "range" in g:
        r = g["range"]
        ok = isinstance(r, list) and len(r) == 2 and all(_is_number(x) for x in r)
        if not ok:
            add("grader_range_invalid", _("range must be two numbers [lowest, highest]."), [*parts, "range"])
        elif not r[0] < r[1]:
            add(
                "grader_range_invalid",
                _("range [{low}, {high}]: the lowest score must be below the highest.").format(low=r[0], high=r[1]),
                [*parts, "range"],
            )
    if "sampling_params" in g:
        _sampling(g["sampling_params"], model, [*parts, "sampling_params"], add)


def label_model_rules(g: dict, parts: list[PathStep], add: AddFinding) -> None:
    """Check a label_model grader ``g`` found at ``parts``: its model, messages, labels and passing
    labels."""
    _model(g, parts, add)
    _messages(g, parts, add)
    labels = g.get("labels")
    passing = g.get("passing_labels")
    for key, value in (("labels", labels), ("passing_labels", passing)):
        if key in g and (not isinstance(value, list) or not value or not all(isinstance(x, str) for x in value)):
            add(
                "grader_labels_invalid",
                _("{key} must be a list of one label or more.").format(key=key),
                [*parts, key],
            )
    if isinstance(labels, list) and len(set(map(str, labels))) != len(labels):
        add("grader_labels_duplicate", _("A label is listed twice."), [*parts, "labels"], Severity.WARNING)
    if isinstance(labels, list) and isinstance(passing, list):
        extra = [p for p in passing if p not in labels]
        if extra:
            add(
                "passing_labels_not_subset",
                _("Passing labels must be among the labels; not a label: {labels}.").format(
                    labels=", ".join(map(str, extra))
                ),
                [*parts, "passing_labels"],
            )


def _model(g: dict, parts: list[PathStep], add: AddFinding) -> str:
    """Report a model not allowed for grading; the model's name either way ("" when it is not text)."""
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
    add("grader_model_not_allowed", text, [*parts, "model"])
    return model


def _messages(g: dict, parts: list[PathStep], add: AddFinding) -> None:
    messages = g.get("input")
    if "input" not in g:
        return
    if not isinstance(messages, list) or not messages:
        add("grader_messages_invalid", _("input must be a list of one message or more."), [*parts, "input"])
        return
    for i, msg in enumerate(messages):
        where = [*parts, "input", i]
        if not isinstance(msg, dict):
            add("grader_message_invalid", _("A message must be an object with role and content."), where)
            continue
        if msg.get("role") not in MESSAGE_ROLES:
            add(
                "grader_message_role",
                _("Message {n}: the role must be one of {roles}.").format(n=i + 1, roles=", ".join(MESSAGE_ROLES)),
                [*where, "role"],
            )
        if "type" in msg and msg["type"] != "message":
            add(
                "grader_message_invalid",
                _('Message {n}: type must be "message".').format(n=i + 1),
                [*where, "type"],
            )
        if not _content_ok(msg.get("content")):
            add(
                "grader_message_content",
                _("Message {n}: the content must be text, or text/image parts.").format(n=i + 1),
                [*where, "content"],
            )


def _sampling(params: Any, model: str, parts: list[PathStep], add: AddFinding) -> None:
    if not isinstance(params, dict):
        add("sampling_params_invalid", _("sampling_params must be an object."), parts)
        return
    reasoning = bool(model) and is_reasoning_model(model)
    for key, value in params.items():
        if key not in SAMPLING_PARAMS:
            message = (
                _('"{key}" is not a sampling parameter of grader models (the API spells it max_completions_tokens).')
                if "max" in key and "token" in key
                else _('"{key}" is not a sampling parameter of grader models.')
            )
            add("sampling_param_unknown", message.format(key=key), [*parts, key])
        elif value is None:
            continue
        elif key == "temperature" and reasoning:
            add(
                "grader_param_rejected",
                _("{model} is a reasoning model and does not take a temperature; remove it.").format(model=model),
                [*parts, key],
            )
        elif key == "reasoning_effort" and model and not reasoning:
            add(
                "grader_param_rejected",
                _("{model} is not a reasoning model and does not take a reasoning effort; remove it.").format(
                    model=model
                ),
                [*parts, key],
            )
        elif key == "reasoning_effort" and value not in REASONING_EFFORTS:
            add(
                "sampling_param_invalid",
                _("reasoning_effort {value} is not an effort level.").format(value=repr(value)),
                [*parts, key],
            )
        elif key in ("temperature", "top_p") and not (_is_number(value) and 0 <= value <= _TOP[key]):
            add(
                "sampling_param_invalid",
                _("{key} must be a number from 0 to {top}.").format(key=key, top=_TOP[key]),
                [*parts, key],
            )
        elif key in ("seed", "max_completions_tokens") and not (
            isinstance(value, int) and not isinstance(value, bool) and (key == "seed" or value >= 1)
        ):
            add("sampling_param_invalid", _("{key} must be a whole number.").format(key=key), [*parts, key])


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
