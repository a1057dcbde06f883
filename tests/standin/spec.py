"""Validate objects against the official OpenAI OpenAPI spec (``shared/openai/openapi.json``).

The spec is loaded once per process and registered as one ``referencing`` resource, so a schema is
checked with ``{"$ref": "<uri>#/components/schemas/NAME"}`` under JSON Schema Draft 2020-12 (the
dialect of OpenAPI 3.1) and every internal ``$ref`` resolves inside the same document.

Two kinds of adjustment are made to the loaded spec, both narrow and both listed here:

1. **Dialect leftovers.** The document says OpenAPI 3.1, but ~110 schemas still use OpenAPI 3.0 forms
   that Draft 2020-12 does not understand, which would make valid live payloads fail:

   * ``"nullable": true`` (ignored by 2020-12, so e.g. every streamed chunk's ``finish_reason: null``
     would be rejected) becomes ``anyOf: [<schema>, {"type": "null"}]``; the 3.0 idiom
     ``allOf: [{$ref}, {"nullable": true}]`` (e.g. ``Upload.file``) likewise becomes nullable.
   * the boolean ``exclusiveMinimum: true`` next to ``minimum`` (e.g. ``learning_rate_multiplier``)
     becomes the numeric 2020-12 form; read as 2020-12 it would compare numbers with ``True`` (== 1).

   This only restores what the spec's authors meant; it allows nothing the spec forbids.

2. **Known gaps between the spec and the live service** (``KNOWN_GAPS``), allowed on purpose and nothing
   else (see ``shared/openai/API_NOTES.md`` section 1):

   * ``FineTuningJob.status`` may be ``"paused"`` (missing from the enum): allowed here.
   * ``FineTuningJobEvent.type`` may be ``"moderation_checks"`` (enum is ``message|metrics``): allowed here.
   * Not yet handled, for the issues that add RFT: ``method.reinforcement.response_format`` is missing
     from the spec (already accepted: ``FineTuneReinforcementMethod`` allows extra keys), and
     ``GraderMulti.graders`` is typed as one grader while the live service takes a dict keyed by
     sub-grader name (currently **rejected**; needs a targeted allowance when RFT jobs are validated).

``validate(obj, name)`` raises ``AssertionError`` with a readable list of problems; ``errors(obj, name)``
returns them; pass ``allow_known_gaps=False`` to check against the unpatched enums.
"""

from __future__ import annotations

import copy
import functools
import json
import threading
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# ``shared/`` always sits beside the repository clone (locally /work/shared, elsewhere in CI).
SPEC_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "openai" / "openapi.json"
SPEC_URI = "urn:openai:openapi"

# (schema name, property, value the live service sends that the spec's enum lacks)
KNOWN_GAPS: tuple[tuple[str, str, str], ...] = (
    ("FineTuningJob", "status", "paused"),
    ("FineTuningJobEvent", "type", "moderation_checks"),
)

_MAX_LISTED = 12
_lock = threading.Lock()


def _normalize_dialect(node: Any) -> Any:
    """Return ``node`` with OpenAPI 3.0 leftovers rewritten to Draft 2020-12 (see the module doc)."""
    if isinstance(node, list):
        return [_normalize_dialect(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _normalize_dialect(value) for key, value in node.items()}
    nullable = out.get("nullable") is True
    if "nullable" in out and isinstance(out["nullable"], bool):
        del out["nullable"]
    all_of = out.get("allOf")
    if isinstance(all_of, list):
        # After the recursion a bare ``{"nullable": true}`` member has become ``{}`` or an anyOf-with-null
        # wrapper; detect it on the original members instead.
        originals = node["allOf"]
        marks = [
            isinstance(m, dict)
            and m.get("nullable") is True
            and "type" not in m
            and "$ref" not in m
            and not any(k in m for k in ("anyOf", "oneOf", "allOf"))
            for m in originals
        ]
        if any(marks):
            nullable = True
            out["allOf"] = [m for m, mark in zip(out["allOf"], marks, strict=True) if not mark]
            if not out["allOf"]:
                del out["allOf"]
    for exclusive, inclusive in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        # 3.0 boolean form: drop ``false``; ``true`` turns the inclusive bound into the exclusive one.
        if isinstance(out.get(exclusive), bool) and out.pop(exclusive) and inclusive in out:
            out[exclusive] = out.pop(inclusive)
    if nullable:
        return {"anyOf": [out, {"type": "null"}]}
    return out


def _with_known_gaps(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``spec`` whose enums also hold the ``KNOWN_GAPS`` values (only those nodes are copied)."""
    patched = dict(spec)
    patched["components"] = dict(spec["components"])
    schemas = patched["components"]["schemas"] = dict(spec["components"]["schemas"])
    for schema_name, prop, value in KNOWN_GAPS:
        schema = schemas[schema_name] = copy.deepcopy(schemas[schema_name])
        target = schema["properties"][prop]
        if "enum" not in target:
            raise RuntimeError(f"spec changed: {schema_name}.{prop} has no enum any more; revisit KNOWN_GAPS")
        if value not in target["enum"]:
            target["enum"] = [*target["enum"], value]
    return patched


@functools.cache
def _raw_spec() -> dict[str, Any]:
    if not SPEC_PATH.is_file():
        raise FileNotFoundError(f"OpenAI spec not found at {SPEC_PATH} (shared/ must sit beside the repo)")
    with SPEC_PATH.open(encoding="utf-8") as fh:
        return _normalize_dialect(json.load(fh))


def load_spec(*, allow_known_gaps: bool = True) -> dict[str, Any]:
    """The parsed, dialect-normalized spec (cached; do not mutate), with or without the gap allowances."""
    with _lock:  # the first load takes a moment; keep parallel callers from doing it twice
        return _spec_variant(allow_known_gaps)


@functools.cache
def _spec_variant(allow_known_gaps: bool) -> dict[str, Any]:
    spec = _raw_spec()
    return _with_known_gaps(spec) if allow_known_gaps else spec


@functools.cache
def _registry(allow_known_gaps: bool) -> Registry:
    resource = Resource.from_contents(_spec_variant(allow_known_gaps), default_specification=DRAFT202012)
    return Registry().with_resource(SPEC_URI, resource)


def schema_names() -> list[str]:
    """Names of all component schemas in the spec."""
    return sorted(load_spec()["components"]["schemas"])


@functools.cache
def _validator(schema_name: str, allow_known_gaps: bool) -> Draft202012Validator:
    with _lock:
        schemas = _spec_variant(allow_known_gaps)["components"]["schemas"]
        if schema_name not in schemas:
            raise KeyError(f"no component schema named {schema_name!r} in {SPEC_PATH.name}")
        registry = _registry(allow_known_gaps)
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}#/components/schemas/{schema_name}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _describe(error: ValidationError) -> str:
    message = error.message if len(error.message) <= 300 else error.message[:297] + "..."
    return f"at {error.json_path}: {message}"


def errors(obj: Any, schema_name: str, *, allow_known_gaps: bool = True) -> list[str]:
    """Every way ``obj`` violates component schema ``schema_name``, as readable lines (empty = valid)."""
    validator = _validator(schema_name, allow_known_gaps)
    found = sorted(validator.iter_errors(obj), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [_describe(e) for e in found]


def validate(obj: Any, schema_name: str, *, allow_known_gaps: bool = True) -> None:
    """Assert that ``obj`` matches component schema ``schema_name`` of the official OpenAI spec.

    Raises ``AssertionError`` naming the schema, the most relevant problem (for ``anyOf``/``oneOf``
    mismatches, the deepest branch error) and the list of problems; ``KeyError`` for an unknown name.
    """
    validator = _validator(schema_name, allow_known_gaps)
    found = list(validator.iter_errors(obj))
    if not found:
        return
    best = best_match(found)
    lines = [f"object does not match OpenAI schema {schema_name!r}", f"  most relevant: {_describe(best)}"]
    lines.append(f"  all {len(found)} problem(s):")
    for error in sorted(found, key=lambda e: list(map(str, e.absolute_path)))[:_MAX_LISTED]:
        lines.append(f"   - {_describe(error)}")
    if len(found) > _MAX_LISTED:
        lines.append(f"   - ... and {len(found) - _MAX_LISTED} more")
    raise AssertionError("\n".join(lines))


def validate_chat_stream(payload: bytes | str) -> list[Any]:
    """Parse a streamed chat-completions body (SSE) and validate every event against the spec.

    Chunks must match ``CreateChatCompletionStreamResponse`` and error events (``{"error": {...}}``)
    ``ErrorResponse``; returns the parsed events in order, with the closing ``"[DONE]"`` kept as is.
    """
    text = payload.decode() if isinstance(payload, bytes) else payload
    events: list[Any] = []
    for block in text.split("\n\n"):
        for line in block.splitlines():
            if not line.startswith("data: "):
                continue
            data = line[len("data: ") :]
            if data == "[DONE]":
                events.append(data)
                continue
            obj = json.loads(data)
            validate(obj, "ErrorResponse" if "error" in obj else "CreateChatCompletionStreamResponse")
            events.append(obj)
    return events
