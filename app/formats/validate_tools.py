"""Checks of tool definitions (``tools``, legacy ``functions``) and of assistant tool calls."""

from __future__ import annotations

import re
from typing import Any

import orjson

from app.formats.validate_common import Phrase, Report
from app.i18n import N_, _

# The platform's rule for function names (Chat Completions and fine-tuning alike).
_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_FUNCTIONS = 128

# Tool lists repeat from example to example; remember the ones that passed (serialised form ->
# declared names) so the common case costs one orjson.dumps and one dict lookup.
_GOOD_TOOLS: dict[bytes, frozenset[str]] = {}

# What findings call a definition or a call (see Phrase: translated only when a finding is made).
_TOOL = N_("tool {n}")
_FUNCTION = N_("function {n}")
_TOOL_CALL = N_("{who}, tool call {n},")


def valid_name(name: Any) -> bool:
    """True for a function name the platform accepts."""
    return type(name) is str and _NAME.fullmatch(name) is not None


def check_tools(report: Report, tools: Any, path: str) -> frozenset[str] | None:
    """Check a ``tools`` list; returns the declared function names (None when unusable)."""
    if type(tools) is not list:
        report.error(
            "bad_tools", path,
            _("the list of tools (\"tools\") is not a list. It should be "
              '[{"type": "function", "function": {"name": …, "parameters": {…}}}].'),
        )
        return None
    try:
        key: bytes | None = orjson.dumps(tools)
    except (TypeError, orjson.JSONEncodeError):
        key = None
    if key is not None and key in _GOOD_TOOLS:
        return _GOOD_TOOLS[key]
    before = len(report.findings)
    names: set[str] = set()
    for j, tool in enumerate(tools):
        where = f"{path}[{j}]"
        if type(tool) is not dict or tool.get("type") != "function" or type(tool.get("function")) is not dict:
            report.error(
                "bad_tools", where,
                _("tool {n} is not a function definition. Each tool should look like "
                  '{{"type": "function", "function": {{"name": …, "description": …, "parameters": {{…}}}}}}.'
                  ).format(n=j + 1),
            )
            continue
        _check_function(report, tool["function"], where + ".function", Phrase(_TOOL, j + 1), names)
    declared = frozenset(names)
    if key is not None and len(report.findings) == before:
        if len(_GOOD_TOOLS) >= 256:
            _GOOD_TOOLS.clear()
        _GOOD_TOOLS[key] = declared
    return declared


def check_functions(report: Report, functions: Any, path: str) -> frozenset[str] | None:
    """Check a legacy ``functions`` list (1 to 128 definitions)."""
    if type(functions) is not list or not 1 <= len(functions) <= MAX_FUNCTIONS:
        report.error(
            "bad_functions", path,
            _("the legacy list of functions (\"functions\") must be a list of 1 to 128 function "
              "definitions. Prefer \"tools\" for new data."),
        )
        return None
    names: set[str] = set()
    for j, fn in enumerate(functions):
        if type(fn) is not dict:
            report.error("bad_functions", f"{path}[{j}]",
                         _("function {n} is not a function definition.").format(n=j + 1))
            continue
        _check_function(report, fn, f"{path}[{j}]", Phrase(_FUNCTION, j + 1), names)
    return frozenset(names)


def _check_function(report: Report, fn: dict[str, Any], path: str, who: Phrase, names: set[str]) -> None:
    name = fn.get("name")
    if not valid_name(name):
        report.error(
            "bad_tool_name", path + ".name",
            _("{who} has the name {name}; a function name must be 1 to 64 letters, digits, "
              "underscores or dashes, without spaces.").format(who=who, name=_quote(name)),
        )
    elif name in names:
        report.warning(
            "duplicate_tool_name", path + ".name",
            _("{who} has the name \"{name}\", which another tool in this example already uses.").format(
                who=who, name=name),
        )
    else:
        names.add(name)
    desc = fn.get("description")
    if desc is not None and type(desc) is not str:
        report.error("bad_tools", path + ".description",
                     _("{who} has a description that is not text.").format(who=who))
    params = fn.get("parameters")
    if params is None:
        return
    if (
        type(params) is not dict
        or params.get("type", "object") != "object"
        or type(params.get("properties", {})) is not dict
    ):
        report.error(
            "bad_tool_parameters", path + ".parameters",
            _("{who} describes its parameters in a way the platform does not accept: \"parameters\" "
              'must be a JSON Schema object such as {{"type": "object", "properties": {{…}}}}.').format(who=who),
        )


def _quote(value: Any) -> str:
    if type(value) is str:
        return f'"{value[:70]}"'
    return _("(missing)") if value is None else _("(not text)")


def check_tool_calls(
    report: Report,
    calls: Any,
    path: str,
    who: Phrase,
    call_ids: set[str],
    declared: frozenset[str] | None,
) -> None:
    """Check an assistant message's ``tool_calls``; new ids are added to ``call_ids``."""
    if type(calls) is not list or not calls:
        report.error(
            "bad_tool_calls", path,
            _("{who} has \"tool_calls\" that is not a list of tool calls. Remove it, or give "
              '[{{"id": …, "type": "function", "function": {{"name": …, "arguments": "{{…}}"}}}}].').format(who=who),
        )
        return
    for j, call in enumerate(calls):
        where = f"{path}[{j}]"
        what = Phrase(_TOOL_CALL, j + 1, who)
        if type(call) is not dict:
            report.error("bad_tool_calls", where, _("{what} is not a tool call.").format(what=what))
            continue
        call_id = call.get("id")
        if type(call_id) is not str or not call_id:
            report.error(
                "tool_call_missing_id", where + ".id",
                _("{what} has no id. Give it one (for example \"call_1\") and use the same id in the "
                  "tool message that answers it.").format(what=what),
            )
        elif call_id in call_ids:
            report.error(
                "duplicate_tool_call_id", where + ".id",
                _("{what} reuses the id \"{id}\"; every tool call in an example needs its own id.").format(
                    what=what, id=call_id[:60]),
            )
        else:
            call_ids.add(call_id)
        if call.get("type") != "function":
            report.error("tool_call_bad_type", where + ".type",
                         _("{what} must have \"type\": \"function\".").format(what=what))
        fn = call.get("function")
        check_call_function(report, fn, where + ".function", what, declared, "tool_call_")


def check_call_function(
    report: Report, fn: Any, path: str, what: Phrase, declared: frozenset[str] | None, prefix: str
) -> None:
    """Check the ``{"name", "arguments"}`` of a tool call or of a legacy ``function_call``.

    ``prefix`` is "tool_call_" or "function_call_" and starts every finding code.
    """
    if type(fn) is not dict:
        report.error(
            prefix + "bad_function", path,
            _('{what} does not say which function it calls ({{"name": …, "arguments": "{{…}}"}}).').format(what=what),
        )
        return
    name = fn.get("name")
    if type(name) is not str or not name:
        report.error(prefix + "bad_function", path + ".name",
                     _("{what} does not name the function it calls.").format(what=what))
    elif declared is not None and name not in declared:
        report.warning(
            "unknown_tool", path + ".name",
            _("{what} calls \"{name}\", which is not among the tools defined for this example.").format(
                what=what, name=name[:70]),
        )
    args = fn.get("arguments")
    if type(args) is not str:
        if args is None:
            text = _('{what} has no arguments; the arguments must be JSON written as text, '
                     'e.g. {example} (or "{{}}" for none).')
        else:
            text = _('{what} gives its arguments as a JSON value, not as text; the arguments must be JSON '
                     'written as text, e.g. {example} (or "{{}}" for none).')
        report.error(
            prefix + "arguments_not_string", path + ".arguments",
            text.format(what=what, example='"{\\"order_id\\": \\"42\\"}"'),
        )
        return
    try:
        parsed = orjson.loads(args)
    except orjson.JSONDecodeError:
        report.error(
            prefix + "arguments_not_json", path + ".arguments",
            _("{what} has arguments that are not valid JSON: {args}. Fix the quotes or brackets.").format(
                what=what, args=repr(args[:60])),
        )
        return
    if type(parsed) is not dict:
        report.warning(
            prefix + "arguments_not_object", path + ".arguments",
            _("{what} has arguments that are JSON but not an object ({{…}}); functions take named arguments.").format(
                what=what),
        )
