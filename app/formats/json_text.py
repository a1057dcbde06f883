"""JSON errors and limits in plain words, shared by every reader: what a JSON syntax error from
orjson or the json module means (:func:`json_error_message`), what cannot be stored
(:func:`storable_problem`: the app stores, hashes and exports with orjson, which writes at most
:data:`MAX_DEPTH` levels, no integers beyond 64 bits and no lone surrogates), and the finding for
a value that is not an object.
"""

from __future__ import annotations

import orjson

from app.formats.model import Finding, Severity

NOT_JSON = "not_json"
NOT_OBJECT = "not_object"

# The deepest nesting kept (the example object itself is level 1): what orjson can write back.
MAX_DEPTH = 254

# (fragment of an orjson or json error message, plain wording, what to do)
_JSON_HINTS: tuple[tuple[str, str, str], ...] = (
    ("trailing comma", "there is a comma before a closing bracket", "Remove that comma."),
    ("expected ':'", "a colon (:) is missing after a key", "Check for a missing colon or quote."),
    ("Expecting ':'", "a colon (:) is missing after a key", "Check for a missing colon or quote."),
    ("string key", "a key is not in double quotes", 'Keys and texts need double quotes ("), not single quotes.'),
    ("property name", "a key is not in double quotes", 'Keys and texts need double quotes ("), not single quotes.'),
    ("expected ','", "a comma is missing between two values", "Check for a missing comma or quote."),
    ("Expecting ','", "a comma is missing between two values", "Check for a missing comma or quote."),
    ("after document", "there is more text after the end of the example",
     "Each line must hold exactly one example; put the next one on its own line."),
    ("Extra data", "there is more text after the end of the value", "Remove the extra text."),
    ("control character", "a text contains a raw line break or tab",
     "Inside JSON texts write line breaks as \\n and tabs as \\t."),
    ("escape", "a backslash (\\) is followed by something JSON does not allow",
     "Write a literal backslash as \\\\."),
    ("surrogate", "a \\u escape is broken (half of a surrogate pair)", "Fix or remove that escape."),
    ("not allowed in JSON", "NaN or Infinity is used as a number", "JSON has no NaN or Infinity; use null."),
    ("depth limit", "the data is nested too deeply",
     f"Nest lists and objects at most {MAX_DEPTH} levels deep."),
    ("Recursion limit", "the data is nested too deeply",
     f"Nest lists and objects at most {MAX_DEPTH} levels deep."),
    ("64-bit", "a number is too large", "Put very large numbers in quotes."),
    ("infinity", "a number is too large", "Put very large numbers in quotes."),
    ("leading zero", "a number starts with 0", "Write numbers without leading zeros, or put them in quotes."),
    ("digit", "a number is incomplete", "Check the numbers near that spot."),
    ("Unterminated string", "a text is missing its closing quote (\")", "Add the closing quote."),
    ("end of data", "the line ends before the JSON is complete",
     'A closing }, ] or " is probably missing, or the line was cut off.'),
    ("empty", "the line holds no JSON", "Remove the line or write an example on it."),
    ("value", "a value is missing or not valid JSON",
     "Texts need double quotes; true, false and null are lower-case; NaN is not allowed."),
)


def _plain(reason: str) -> tuple[str, str]:
    for fragment, wording, advice in _JSON_HINTS:
        if fragment in reason:
            return wording, advice
    return reason, "Check for a missing comma or quote."


def json_error_message(where: str, reason: str, column: int | None) -> str:
    """Plain-language message for a JSON syntax error reported by orjson or the json module."""
    plain, hint = _plain(reason)
    at = f" at column {column}" if column else ""
    return f"{where} is not valid JSON: {plain}{at}. {hint}"


def json_problem_text(reason: str) -> str:
    """The plain words for an orjson or json error without a place, e.g. "the data is nested too
    deeply. Nest lists and objects at most 254 levels deep." (for messages that name the place)."""
    plain, hint = _plain(reason)
    return f"{plain}. {hint}"


def _describe(value: object) -> str:
    if isinstance(value, list):
        return "a list ([...])"
    if isinstance(value, str):
        return "a text in quotes"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return "null" if value is None else type(value).__name__


def not_object_finding(value: object, where: str, line: int) -> Finding:
    """The ``not_object`` finding for a JSON value that is not an object."""
    return Finding(NOT_OBJECT, Severity.ERROR,
                   f"{where} is {_describe(value)}, not an object. Each example must be one object "
                   "written as {...}.", line)


def storable_problem(obj: object) -> str | None:
    """Why orjson cannot write ``obj`` (an error text :func:`json_error_message` words plainly), or None."""
    try:
        orjson.dumps(obj)
    except orjson.JSONEncodeError as exc:
        return str(exc)
    return None
