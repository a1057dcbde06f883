"""Checks of tool definitions (``tools``, legacy ``functions``) and of assistant tool calls."""

from __future__ import annotations

import re
from typing import Any

import orjson

from app.formats.validate_common import Report

# The platform's rule for function names (Chat Completions and fine-tuning alike).
_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_FUNCTIONS = 128

# Tool lists repeat from example to example; remember the ones that passed (serialised form ->
# declared names) so the common case costs one orjson.dumps and one dict lookup.
_GOOD_TOOLS: dict[bytes, frozenset[str]] = {}


def valid_name(name: Any) -> bool:
    """True for a function name the platform accepts."""
    return type(name) is str and _NAME.fullmatch(name) is not None


def check_tools(report: Report, tools: Any, path: str) -> frozenset[str] | None:
    """Check a ``tools`` list; returns the declared function names (None when unusable)."""
    if type(tools) is not list:
        report.error(
            "bad_tools", path,
            "the list of tools (\"tools\") is not a list. It should be "
            '[{"type": "function", "function": {"name": …, "parameters": {…}}}].',
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
                f"tool {j + 1} is not a function definition. Each tool should look like "
                '{"type": "function", "function": {"name": …, "description": …, "parameters": {…}}}.',
            )
            continue
        _check_function(report, tool["function"], where + ".function", f"tool {j + 1}", names)
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
            "the legacy list of functions (\"functions\") must be a list of 1 to 128 function "
            "definitions. Prefer \"tools\" for new data.",
        )
        return None
    names: set[str] = set()
    for j, fn in enumerate(functions):
        if type(fn) is not dict:
            report.error("bad_functions", f"{path}[{j}]", f"function {j + 1} is not a function definition.")
            continue
        _check_function(report, fn, f"{path}[{j}]", f"function {j + 1}", names)
    return frozenset(names)


def _check_function(report: Report, fn: dict[str, Any], path: str, who: str, names: set[str]) -> None:
    name = fn.get("name")
    if not valid_name(name):
        report.error(
            "bad_tool_name", path + ".name",
            f"{who} has the name {_quote(name)}; a function name must be 1 to 64 letters, digits, "
            "underscores or dashes, without spaces.",
        )
    elif name in names:
        report.warning(
            "duplicate_tool_name", path + ".name",
            f"{who} has the name \"{name}\", which another tool in this example already uses.",
        )
    else:
        names.add(name)
    desc = fn.get("description")
    if desc is not None and type(desc) is not str:
        report.error("bad_tools", path + ".description", f"{who} has a description that is not text.")
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
            f"{who} describes its parameters in a way the platform does not accept: \"parameters\" "
            'must be a JSON Schema object such as {"type": "object", "properties": {…}}.',
        )


def _quote(value: Any) -> str:
    if type(value) is str:
        return f'"{value[:70]}"'
    return "(missing)" if value is None else "(not text)"


def check_tool_calls(
    report: Report,
    calls: Any,
    path: str,
    who: str,
    call_ids: set[str],
    declared: frozenset[str] | None,
) -> None:
    """Check an assistant message's ``tool_calls``; new ids are added to ``call_ids``."""
    if type(calls) is not list or not calls:
        report.error(
            "bad_tool_calls", path,
            f"{who} has \"tool_calls\" that is not a list of tool calls. Remove it, or give "
            '[{"id": …, "type": "function", "function": {"name": …, "arguments": "{…}"}}].',
        )
        return
    for j, call in enumerate(calls):
        where = f"{path}[{j}]"
        what = f"{who}, tool call {j + 1},"
        if type(call) is not dict:
            report.error("bad_tool_calls", where, f"{what} is not a tool call.")
            continue
        call_id = call.get("id")
        if type(call_id) is not str or not call_id:
            report.error(
                "tool_call_missing_id", where + ".id",
                f"{what} has no id. Give it one (for example \"call_1\") and use the same id in the "
                "tool message that answers it.",
            )
        elif call_id in call_ids:
            report.error(
                "duplicate_tool_call_id", where + ".id",
                f"{what} reuses the id \"{call_id[:60]}\"; every tool call in an example needs its own id.",
            )
        else:
            call_ids.add(call_id)
        if call.get("type") != "function":
            report.error("tool_call_bad_type", where + ".type", f"{what} must have \"type\": \"function\".")
        fn = call.get("function")
        check_call_function(report, fn, where + ".function", what, declared, "tool_call_")


def check_call_function(
    report: Report, fn: Any, path: str, what: str, declared: frozenset[str] | None, prefix: str
) -> None:
    """Check the ``{"name", "arguments"}`` of a tool call or of a legacy ``function_call``.

    ``prefix`` is "tool_call_" or "function_call_" and starts every finding code.
    """
    if type(fn) is not dict:
        report.error(
            prefix + "bad_function", path,
            f'{what} does not say which function it calls ({{"name": …, "arguments": "{{…}}"}}).',
        )
        return
    name = fn.get("name")
    if type(name) is not str or not name:
        report.error(prefix + "bad_function", path + ".name", f"{what} does not name the function it calls.")
    elif declared is not None and name not in declared:
        report.warning(
            "unknown_tool", path + ".name",
            f"{what} calls \"{name[:70]}\", which is not among the tools defined for this example.",
        )
    args = fn.get("arguments")
    if type(args) is not str:
        problem = "has no arguments" if args is None else "gives its arguments as a JSON value, not as text"
        report.error(
            prefix + "arguments_not_string", path + ".arguments",
            f"{what} {problem}; the arguments must be JSON written as text, "
            'e.g. "{\\"order_id\\": \\"42\\"}" (or "{}" for none).',
        )
        return
    try:
        parsed = orjson.loads(args)
    except orjson.JSONDecodeError:
        report.error(
            prefix + "arguments_not_json", path + ".arguments",
            f"{what} has arguments that are not valid JSON: {args[:60]!r}. Fix the quotes or brackets.",
        )
        return
    if type(parsed) is not dict:
        report.warning(
            prefix + "arguments_not_object", path + ".arguments",
            f"{what} has arguments that are JSON but not an object ({{…}}); functions take named arguments.",
        )
