"""Validation of training examples against the platform's rules (API_NOTES §8, §9).

``validate_example`` checks one example (the plain OpenAI JSON object of its kind) and returns
findings; it never raises, whatever JSON value it is given. Dataset-wide rules (size, context
length, duplicates, training/validation overlap) live in :mod:`app.formats.validate_dataset` and
are re-exported here.

Choices where the platform's behaviour is not written down (see also validate_common):

* Unknown top-level keys in SFT and DPO examples are a **warning**: the platform's schema does not
  list them and they carry nothing it trains on, but they are not known to make a file fail. In
  RFT every extra top-level key is allowed: graders read it as ``item.<key>``.
* Unknown keys inside a message are an **error**, as in the cookbook's checker, since they usually
  mean a misspelt field (``"contnet"``) whose text would silently be lost.
* An RFT prompt that ends with an assistant message, or a DPO input that does, is a warning: the
  platform expects the model to answer next.
* Roles (API_NOTES §8.1, §8.4): ``developer`` in SFT/DPO is a warning (the schema lists no such
  role; §8.1 asks for a warning), ``system`` or ``function`` in RFT is an error.
* Web image addresses are not fetched (the platform does that); embedded ``data:`` images are
  checked completely.
"""

from __future__ import annotations

from typing import Any

from app.formats.model import Finding, Kind
from app.formats.prices import supports_vision
from app.formats.validate_common import Phrase, Report, kind_name, show
from app.formats.validate_dataset import DatasetChecker, check_overlap
from app.formats.validate_images import MAX_IMAGES_PER_EXAMPLE
from app.formats.validate_messages import MessageFacts, check_messages
from app.formats.validate_tools import check_functions, check_tools
from app.i18n import N_, _, ngettext, number

# Enum attribute access is slow on Python 3.11 (a descriptor call); these are hot-path constants.
_DPO = Kind.DPO
_SFT = Kind.SFT

__all__ = ["DatasetChecker", "check_overlap", "validate_example"]

_SFT_KEYS = frozenset({"messages", "tools", "parallel_tool_calls", "functions"})
_DPO_KEYS = frozenset({"input", "preferred_output", "non_preferred_output"})
_DPO_INPUT_KEYS = frozenset({"messages", "tools", "parallel_tool_calls"})
# Who a DPO output's findings speak of (translated when a finding is made).
_PREFERRED = Phrase(N_("the preferred answer"))
_NON_PREFERRED = Phrase(N_("the non-preferred answer"))


def validate_example(
    obj: Any, kind: Kind, *, line: int | None = None, model: str | None = None
) -> list[Finding]:
    """Check one example of ``kind``; ``line`` (1-based) is named in every message.

    ``model`` (the base model id, alias or ``ft:`` name) enables model-specific advice, such as
    images for a model that is not documented to learn from them.
    """
    return check(obj, kind, line, model)[0]


def check(obj: Any, kind: Kind, line: int | None, model: str | None) -> tuple[list[Finding], MessageFacts | None]:
    """:func:`validate_example` plus what it learnt about the conversation (None when there is
    no usable message list), so callers that also summarise need not walk the messages again."""
    report = Report(line)
    if type(obj) is not dict:
        report.error(
            "not_an_object", "",
            _("this line is not a training example (it should be one JSON object, {…})."),
        )
        return report.findings, None
    if kind is _DPO:
        facts = _check_dpo(report, obj)
    else:
        facts = _check_chat(report, obj, kind)
    if facts is not None and facts.images:
        _check_image_count(report, facts.images, model)
    return report.findings, facts


def _tools(report: Report, holder: dict[str, Any], base: str) -> frozenset[str] | None:
    """Check tools/functions/parallel_tool_calls of an example (or DPO input)."""
    declared = None
    tools = holder.get("tools")
    if tools is not None:
        declared = check_tools(report, tools, f"{base}.tools")
    functions = holder.get("functions")
    if functions is not None:
        legacy = check_functions(report, functions, f"{base}.functions")
        if legacy is not None:
            declared = legacy if declared is None else declared | legacy
    parallel = holder.get("parallel_tool_calls")
    if parallel is not None and type(parallel) is not bool:
        report.error(
            "bad_parallel_tool_calls", f"{base}.parallel_tool_calls",
            _("\"parallel_tool_calls\" must be true or false."),
        )
    return declared


def _unknown_keys(
    report: Report, holder: dict[str, Any], allowed: frozenset[str], base: str, kind: Kind, owner: str = "example"
) -> None:
    if holder.keys() <= allowed:
        return
    for key in sorted(holder.keys() - allowed):
        if owner == "input":
            text = _("the input has a field {field} that {kind} data does not use; it will be ignored or "
                     "may be refused. Remove it if it is not needed.")
        else:
            text = _("the example has a field {field} that {kind} data does not use; it will be ignored "
                     "or may be refused. Remove it if it is not needed.")
        report.warning("unknown_key", f"{base}.{key}", text.format(field=show(key), kind=kind_name(kind)))


def _check_chat(report: Report, obj: dict[str, Any], kind: Kind) -> MessageFacts | None:
    """SFT and RFT: both are a ``messages`` list plus tools."""
    if kind is _SFT and not obj.keys() <= _SFT_KEYS:
        _unknown_keys(report, obj, _SFT_KEYS, "$", kind)
    declared = _tools(report, obj, "$") if len(obj) > 1 else None
    facts = check_messages(report, obj.get("messages"), kind, "$.messages", declared)
    if facts is None:
        return None
    if kind is _SFT:
        _sft_rules(report, facts)
    else:
        _rft_rules(report, facts)
    return facts


def _sft_rules(report: Report, facts: MessageFacts) -> None:
    if not facts.assistants:
        report.error(
            "no_assistant_message", "$.messages",
            _("the conversation has no assistant answer to learn from. Add an answer or remove the example."),
        )
    elif not facts.learned:
        report.warning(
            "nothing_to_learn", "$.messages",
            _("every assistant answer has weight 0, so the model learns nothing from this example. "
              "Set the weight of at least one answer to 1."),
        )
    elif facts.last_role != "assistant":
        report.warning(
            "trailing_messages", f"$.messages[{facts.count - 1}]",
            _("the conversation goes on after the last assistant answer; those last messages teach "
              "nothing. End the example with the answer you want the model to give."),
        )


def _rft_rules(report: Report, facts: MessageFacts) -> None:
    if not facts.users:
        report.warning(
            "no_user_message", "$.messages",
            _("the prompt has no user message; the model needs a question or task to answer."),
        )
    if facts.last_role == "assistant":
        report.warning(
            "rft_ends_with_answer", f"$.messages[{facts.count - 1}]",
            _("the prompt ends with an assistant message. In reinforcement fine-tuning the prompt "
              "should end where the model is to answer; the grader's reference belongs in its own field."),
        )


def _check_dpo(report: Report, obj: dict[str, Any]) -> MessageFacts | None:
    if not obj.keys() <= _DPO_KEYS:
        _unknown_keys(report, obj, _DPO_KEYS, "$", _DPO)
    inp = obj.get("input")
    facts = None
    if type(inp) is not dict:
        report.error(
            "missing_input", "$.input",
            _("the example has no \"input\" conversation. A preference example needs "
              '"input": {"messages": […]} followed by the preferred and the non-preferred answer.'),
        )
    else:
        _unknown_keys(report, inp, _DPO_INPUT_KEYS, "$.input", _DPO, "input")
        declared = _tools(report, inp, "$.input") if len(inp) > 1 else None
        facts = check_messages(report, inp.get("messages"), _DPO, "$.input.messages", declared)
        if facts is not None and facts.last_role == "assistant":
            report.warning(
                "dpo_input_ends_with_answer", f"$.input.messages[{facts.count - 1}]",
                _("the input ends with an assistant message; the preferred and non-preferred outputs "
                  "are alternatives for the next answer, so the input should end with the user's turn."),
            )
    preferred = _dpo_output(report, obj, "preferred_output", _PREFERRED)
    rejected = _dpo_output(report, obj, "non_preferred_output", _NON_PREFERRED)
    if preferred is not None and preferred == rejected:
        report.warning(
            "same_outputs", "$.non_preferred_output[0].content",
            _("the preferred and the non-preferred answers are the same, so there is nothing to "
              "prefer. Make the non-preferred answer the worse one."),
        )
    return facts


def _dpo_output(report: Report, obj: dict[str, Any], key: str, who: Phrase) -> Any:
    """Check one DPO output; returns its content (for the sameness check) or None."""
    output = obj.get(key)
    path = f"$.{key}"
    if (
        type(output) is not list
        or len(output) != 1
        or type(output[0]) is not dict
        or output[0].get("role") != "assistant"
    ):
        if who is _PREFERRED:
            text = _('the preferred answer ("preferred_output") must be a list with exactly one assistant '
                     'message, e.g. [{"role": "assistant", "content": "…"}].')
        else:
            text = _('the non-preferred answer ("non_preferred_output") must be a list with exactly one '
                     'assistant message, e.g. [{"role": "assistant", "content": "…"}].')
        report.error("bad_output", path, text)
        return None
    message = output[0]
    if "tool_calls" in message or "function_call" in message:
        report.error(
            "output_not_text", f"{path}[0]",
            _("{who} calls a tool; preference answers must be plain text.").format(who=who),
        )
        return None
    check_messages(report, output, _DPO, path, None, label=who)
    content = message.get("content")
    if type(content) is list:
        if any(type(p) is dict and p.get("type") != "text" for p in content):
            report.error("output_not_text", f"{path}[0].content", _("{who} must be text only.").format(who=who))
        return [p.get("text") for p in content if type(p) is dict]
    return content.strip() if type(content) is str else None


def _check_image_count(report: Report, images: int, model: str | None) -> None:
    if images > MAX_IMAGES_PER_EXAMPLE:
        report.error(
            "too_many_images", "$.messages",
            ngettext(
                "the example has {n} image; at most {max} are allowed per example. Split it into several examples.",
                "the example has {n} images; at most {max} are allowed per example. Split it into several examples.",
                images,
            ).format(n=number(images), max=MAX_IMAGES_PER_EXAMPLE),
        )
    if model is not None and not supports_vision(model):
        report.warning(
            "vision_model", "$.messages",
            _("the example contains images, but {model} is not documented to learn from images "
              "(vision fine-tuning is documented for gpt-4o-2024-08-06). The job may be refused.").format(model=model),
        )
