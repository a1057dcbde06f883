"""A stand-in OpenAI API server for tests: real HTTP on 127.0.0.1, never shipped.

Use the ``standin`` pytest fixture (``tests.standin.fixtures``) or ``StandinServer`` directly; validate
objects against the official OpenAPI spec with ``tests.standin.spec.validate``.
"""

from tests.standin.server import (
    DEFAULT_API_KEY,
    DEFAULT_REPLY_TEXT,
    Fault,
    RecordedRequest,
    Reply,
    RouteContext,
    StandinServer,
)

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_REPLY_TEXT",
    "Fault",
    "RecordedRequest",
    "Reply",
    "RouteContext",
    "StandinServer",
]
