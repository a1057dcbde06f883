"""Checks of a ``messages`` list: roles, keys, content, weights, tool calls and their answers.

The common message ``{"role": ..., "content": "text"}`` takes a fast path (a handful of C-level
operations); anything else goes through :func:`_check_full`. This matters: a 100,000-example
file has about half a million messages.
"""

from __future__ import annotations

from typing import Any

from app.formats.model import Kind
from app.formats.validate_common import (
    _ROLE_KEYS,
    ALLOWED_ROLES,
    KNOWN_ROLES,
    PART,
    PLAIN_ROLES,
    Phrase,
    Report,
    describe,
    role_not_allowed,
    show,
)
from app.formats.validate_images import check_image_part
from app.formats.validate_tools import check_call_function, check_tool_calls
from app.i18n import _

# Enum attribute access is slow on Python 3.11 (a descriptor call); these are hot-path constants.
_DPO = Kind.DPO
_SFT = Kind.SFT

_ANY_KEY = frozenset().union(*_ROLE_KEYS.values())


class MessageFacts:
    """What the kind-level rules need to know about a message list after checking it."""

    __slots__ = ("assistants", "learned", "users", "systems", "last_role", "images", "call_ids", "count")

    def __init__(self) -> None:
        self.assistants = 0  # assistant messages
        self.learned = 0  # assistant messages without weight 0
        self.users = 0
        self.systems = 0  # system or developer messages
        self.last_role: Any = None
        self.images = 0
        self.call_ids: set[str] = set()
        self.count = 0


def check_messages(
    report: Report,
    messages: Any,
    kind: Kind,
    base: str,
    declared: frozenset[str] | None,
    label: Phrase | None = None,
) -> MessageFacts | None:
    """Check a message list at JSON path ``base``; None when there is no usable list at all.

    ``label`` names a one-message list in messages (DPO: "the preferred answer").
    """
    if type(messages) is not list or not messages:
        if messages is None:
            text = _("the example has no conversation (the \"messages\" list is missing). "
                     "Add the conversation or remove the example.")
        elif type(messages) is list:
            text = _("the example has an empty conversation (the \"messages\" list has no messages). "
                     "Add the conversation or remove the example.")
        else:
            text = _("the example has a \"messages\" value that is not a list of messages. "
                     "Add the conversation or remove the example.")
        report.error("missing_messages", base, text)
        return None
    facts = MessageFacts()
    facts.count = len(messages)
    allowed = ALLOWED_ROLES[kind]
    plain = PLAIN_ROLES[kind]
    # Counts of plain messages are kept in locals (the hot loop); the slow path updates `facts`.
    assistants = users = systems = 0
    for i, message in enumerate(messages):
        if type(message) is not dict:
            report.error(
                "bad_message", f"{base}[{i}]",
                _("message {n} is not a message; each message needs a \"role\" and a \"content\".").format(n=i + 1),
            )
            continue
        role = message.get("role")
        content = message.get("content")
        if len(message) == 2 and type(content) is str and type(role) is str and role in plain:
            # Fast path: exactly {"role": <allowed>, "content": "text"}, not a tool/function result.
            if role == "assistant":
                assistants += 1
            elif role == "user":
                users += 1
            else:
                systems += 1  # the plain roles left are system and developer
            if not content or content.isspace():
                _empty(report, f"{base}[{i}].content", label or describe(i, role))
            continue
        keys = allowed.get(role) if type(role) is str else None
        if keys is None:
            keys = _bad_role(report, message, role, kind, i, base)
        if role == "assistant":
            facts.assistants += 1  # and _check_weight counts it as learned unless weight is 0
        elif role == "user":
            facts.users += 1
        elif role == "system" or role == "developer":
            facts.systems += 1
        who = label or describe(i, role)
        _check_full(report, message, role, keys, kind, f"{base}[{i}]", who, facts, declared)
    facts.assistants += assistants
    facts.learned += assistants
    facts.users += users
    facts.systems += systems
    last = messages[-1]
    facts.last_role = last.get("role") if type(last) is dict else None
    return facts


def _bad_role(report: Report, message: dict[str, Any], role: Any, kind: Kind, i: int, base: str) -> frozenset[str]:
    """Report a missing, unknown or refused role; return the keys to check the message against."""
    path = f"{base}[{i}].role"
    if role is None:
        report.error(
            "missing_role", path,
            _("message {n} does not say who speaks. Give it a \"role\" such as \"user\" or \"assistant\".").format(
                n=i + 1),
        )
    elif type(role) is not str or role not in KNOWN_ROLES:
        report.error(
            "unknown_role", path,
            _("message {n} has the role {role}, which the platform does not know. Use one of: {roles}.").format(
                n=i + 1, role=show(role), roles=", ".join(sorted(ALLOWED_ROLES[kind]))),
        )
    else:
        role_not_allowed(report, kind, i, role, path)
        return _ROLE_KEYS[role]
    return _ANY_KEY


def _empty(report: Report, path: str, who: Phrase) -> None:
    report.warning(
        "empty_content", path,
        _("{who} is empty. Write the text, or remove the message.").format(who=who),
    )


def _check_full(
    report: Report,
    message: dict[str, Any],
    role: Any,
    keys: frozenset[str],
    kind: Kind,
    path: str,
    who: Phrase,
    facts: MessageFacts,
    declared: frozenset[str] | None,
) -> None:
    """Every rule for a message that is not the plain {"role", "content": "text"} shape."""
    if not message.keys() <= keys:
        for key in message.keys() - keys:
            if key == "weight":
                report.error(
                    "weight_not_allowed", f"{path}.weight",
                    _("{who} has a weight, but only assistant answers can have one. Remove it.").format(who=who),
                )
            elif key in _ANY_KEY and type(role) is str:
                report.error(
                    "unknown_message_key", f"{path}.{key}",
                    _("{who} has a field {field}, which a {role} message cannot have. Remove it.").format(
                        who=who, field=show(key), role=role[:20]),
                )
            elif key != "role":
                report.error(
                    "unknown_message_key", f"{path}.{key}",
                    _("{who} has a field {field} that the platform does not accept (a misspelling?). "
                      "Rename or remove it.").format(who=who, field=show(key)),
                )
    is_assistant = role == "assistant"
    if is_assistant:
        _check_weight(report, message, kind, path, who, facts)
    name = message.get("name")
    if name is not None and (type(name) is not str or not name):
        report.error("bad_name", f"{path}.name",
                     _("{who} has a \"name\" that is not text. Remove it or make it text.").format(who=who))
    elif name is None and role == "function":
        report.error(
            "missing_function_name", f"{path}.name",
            _("{who} is a function result without the function's \"name\". Add it.").format(who=who),
        )
    calls = message.get("tool_calls")
    has_call = False
    if calls is not None and is_assistant:
        check_tool_calls(report, calls, f"{path}.tool_calls", who, facts.call_ids, declared)
        has_call = True
    legacy = message.get("function_call")
    if legacy is not None and is_assistant:
        check_call_function(report, legacy, f"{path}.function_call", who, declared, "function_call_")
        has_call = True
    refusal = message.get("refusal")
    if refusal is not None and type(refusal) is not str:
        report.error("bad_content", f"{path}.refusal", _("{who} has a \"refusal\" that is not text.").format(who=who))
    if role == "tool":
        _check_tool_answer(report, message, path, who, facts)
    _check_content(report, message, role, kind, path, who, facts, has_call or type(refusal) is str)


def _check_weight(
    report: Report, message: dict[str, Any], kind: Kind, path: str, who: Phrase, facts: MessageFacts
) -> None:
    if "weight" not in message:
        facts.learned += 1
        return
    weight = message["weight"]
    # bool is a subclass of int in Python, but JSON true/false is not a valid weight.
    if type(weight) is not int or weight not in (0, 1):
        report.error(
            "bad_weight", f"{path}.weight",
            _("{who} has the weight {weight}; a weight can only be 0 (do not learn from this "
              "answer) or 1 (learn from it).").format(who=who, weight=show(weight)),
        )
        facts.learned += 1
    elif kind is not _SFT:
        report.warning(
            "weight_ignored", f"{path}.weight",
            _("{who} has a weight, which only supervised fine-tuning uses; it is ignored here.").format(who=who),
        )
    elif weight:
        facts.learned += 1


def _check_tool_answer(report: Report, message: dict[str, Any], path: str, who: Phrase, facts: MessageFacts) -> None:
    call_id = message.get("tool_call_id")
    if type(call_id) is not str or not call_id:
        report.error(
            "missing_tool_call_id", f"{path}.tool_call_id",
            _("{who} is a tool result without \"tool_call_id\"; it must name the tool call it answers.").format(
                who=who),
        )
    elif call_id not in facts.call_ids:
        report.error(
            "unknown_tool_call_id", f"{path}.tool_call_id",
            _("{who} answers the tool call \"{id}\", but no earlier assistant message made "
              "a tool call with that id. Check the id, or the order of the messages.").format(who=who, id=call_id[:60]),
        )


def _check_content(
    report: Report,
    message: dict[str, Any],
    role: Any,
    kind: Kind,
    path: str,
    who: Phrase,
    facts: MessageFacts,
    may_be_empty: bool,
) -> None:
    content = message.get("content")
    cpath = f"{path}.content"
    if content is None:
        if not may_be_empty:
            if "content" not in message:
                text = _("{who} has no content. Only an assistant message that calls a tool may leave it out.")
            else:
                text = _("{who} has empty (null) content. Only an assistant message that calls a tool may "
                         "leave it out.")
            report.error("missing_content", cpath, text.format(who=who))
        return
    if type(content) is str:
        if not may_be_empty and (not content or content.isspace()):
            _empty(report, cpath, who)
        return
    if type(content) is not list:
        report.error(
            "bad_content", cpath,
            _("{who} has content that is neither text nor a list of parts. Write it as text.").format(who=who),
        )
        return
    has_text = False
    for j, part in enumerate(content):
        ppath = f"{cpath}[{j}]"
        ptype = part.get("type") if type(part) is dict else None
        if ptype == "text":
            text = part.get("text")
            if type(text) is not str:
                report.error("bad_content", ppath + ".text",
                             _("{who}, part {n}, is a text part without text.").format(who=who, n=j + 1))
            elif text and not text.isspace():
                has_text = True
        elif ptype == "image_url":
            facts.images += 1
            has_text = True  # an image is content in its own right
            if role != "user" or kind is _DPO:
                # The role may be anything here (a 100 KB text, a list): shown cut short, never whole.
                if kind is _DPO:
                    text = _("{who}, part {n}, is an image, but images are not allowed in preference (DPO) "
                             "data. Only user messages can show images.")
                else:
                    text = _("{who}, part {n}, is an image, but images are not allowed in a {role} message. "
                             "Only user messages can show images.")
                report.error("image_not_allowed", ppath, text.format(who=who, n=j + 1, role=str(role)[:40]))
            else:
                check_image_part(report, part, ppath, Phrase(PART, j + 1, who))
        elif type(part) is not dict or type(ptype) is not str:
            report.error(
                "bad_content", ppath,
                _("{who}, part {n}, is not a content part; use {{\"type\": \"text\", \"text\": …}}.").format(
                    who=who, n=j + 1),
            )
        else:
            report.error(
                "unsupported_content_part", ppath,
                _("{who}, part {n}, is of type {type}; training data can only contain text "
                  "and images (audio and files are not supported).").format(who=who, n=j + 1, type=show(ptype)),
            )
    if not has_text and not may_be_empty:
        _empty(report, cpath, who)
