"""JSON errors and limits in plain words, shared by every reader: what a JSON syntax error from
orjson or the json module means (:func:`json_error_message`), what cannot be stored
(:func:`storable_problem`: the app stores, hashes and exports with orjson, which writes at most
:data:`MAX_DEPTH` levels, no integers beyond 64 bits and no lone surrogates), and the finding for
a value that is not an object.
"""

from __future__ import annotations

import orjson

from app.formats.model import Finding, Severity
from app.i18n import N_, _

NOT_JSON = "not_json"
NOT_OBJECT = "not_object"

# The deepest nesting kept (the example object itself is level 1): what orjson can write back.
MAX_DEPTH = 254

# (fragment of an orjson or json error message, plain wording, what to do); the words are
# translated where a message is made. "{depth}" stands for MAX_DEPTH.
_JSON_HINTS: tuple[tuple[str, str, str], ...] = (
    ("trailing comma", N_("there is a comma before a closing bracket"), N_("Remove that comma.")),
    ("expected ':'", N_("a colon (:) is missing after a key"), N_("Check for a missing colon or quote.")),
    ("Expecting ':'", N_("a colon (:) is missing after a key"), N_("Check for a missing colon or quote.")),
    ("string key", N_("a key is not in double quotes"),
     N_('Keys and texts need double quotes ("), not single quotes.')),
    ("property name", N_("a key is not in double quotes"),
     N_('Keys and texts need double quotes ("), not single quotes.')),
    ("expected ','", N_("a comma is missing between two values"), N_("Check for a missing comma or quote.")),
    ("Expecting ','", N_("a comma is missing between two values"), N_("Check for a missing comma or quote.")),
    ("after document", N_("there is more text after the end of the example"),
     N_("Each line must hold exactly one example; put the next one on its own line.")),
    ("Extra data", N_("there is more text after the end of the value"), N_("Remove the extra text.")),
    ("control character", N_("a text contains a raw line break or tab"),
     N_("Inside JSON texts write line breaks as \\n and tabs as \\t.")),
    ("escape", N_("a backslash (\\) is followed by something JSON does not allow"),
     N_("Write a literal backslash as \\\\.")),
    ("surrogate", N_("a \\u escape is broken (half of a surrogate pair)"), N_("Fix or remove that escape.")),
    ("not allowed in JSON", N_("NaN or Infinity is used as a number"), N_("JSON has no NaN or Infinity; use null.")),
    ("depth limit", N_("the data is nested too deeply"), N_("Nest lists and objects at most {depth} levels deep.")),
    ("Recursion limit", N_("the data is nested too deeply"),
     N_("Nest lists and objects at most {depth} levels deep.")),
    ("64-bit", N_("a number is too large"), N_("Put very large numbers in quotes.")),
    ("infinity", N_("a number is too large"), N_("Put very large numbers in quotes.")),
    ("leading zero", N_("a number starts with 0"), N_("Write numbers without leading zeros, or put them in quotes.")),
    ("digit", N_("a number is incomplete"), N_("Check the numbers near that spot.")),
    ("Unterminated string", N_("a text is missing its closing quote (\")"), N_("Add the closing quote.")),
    ("end of data", N_("the line ends before the JSON is complete"),
     N_('A closing }, ] or " is probably missing, or the line was cut off.')),
    ("empty", N_("the line holds no JSON"), N_("Remove the line or write an example on it.")),
    ("value", N_("a value is missing or not valid JSON"),
     N_("Texts need double quotes; true, false and null are lower-case; NaN is not allowed.")),
)


def _plain(reason: str) -> tuple[str, str]:
    """The plain wording and the advice for an error text, in the user's language."""
    for fragment, wording, advice in _JSON_HINTS:
        if fragment in reason:
            return _(wording), _(advice).replace("{depth}", str(MAX_DEPTH))
    return reason, _("Check for a missing comma or quote.")


def json_error_message(where: str, reason: str, column: int | None) -> str:
    """Plain-language message for a JSON syntax error reported by orjson or the json module."""
    plain, hint = _plain(reason)
    if column:
        return _("{where} is not valid JSON: {plain} at column {column}. {hint}").format(
            where=where, plain=plain, column=column, hint=hint)
    return _("{where} is not valid JSON: {plain}. {hint}").format(where=where, plain=plain, hint=hint)


def json_problem_text(reason: str) -> str:
    """The plain words for an orjson or json error without a place, e.g. "the data is nested too
    deeply. Nest lists and objects at most 254 levels deep." (for messages that name the place)."""
    plain, hint = _plain(reason)
    return f"{plain}. {hint}"


def _describe(value: object) -> str:
    if isinstance(value, list):
        return _("a list ([...])")
    if isinstance(value, str):
        return _("a text in quotes")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    return "null" if value is None else type(value).__name__


def not_object_finding(value: object, where: str, line: int) -> Finding:
    """The ``not_object`` finding for a JSON value that is not an object."""
    return Finding(NOT_OBJECT, Severity.ERROR,
                   _("{where} is {what}, not an object. Each example must be one object written as {{...}}.").format(
                       where=where, what=_describe(value)), line)


def storable_problem(obj: object) -> str | None:
    """Why orjson cannot write ``obj`` (an error text :func:`json_error_message` words plainly), or None."""
    try:
        orjson.dumps(obj)
    except orjson.JSONEncodeError as exc:
        return str(exc)
    return None
