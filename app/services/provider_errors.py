"""The app's own provider error type: what happened, why it matters and what to do, in plain words.

This module does not import the SDK; ``providers`` maps SDK exceptions onto these values.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.redact import redact

WIND_DOWN_MESSAGE = (
    "This provider refused to start a fine-tuning job. OpenAI is winding down self-serve "
    "fine-tuning: since 2026-05-07 organisations that never fine-tuned cannot create jobs, since "
    "2026-07-02 neither can organisations without recent use of a fine-tuned model, and from "
    "2027-01-06 no organisation can. Models you already trained keep working until their base "
    "model is retired. To train, add an Azure OpenAI (Microsoft Foundry) connection in Settings → "
    "Connections: it accepts the same data and methods."
)


class ErrorKind(StrEnum):
    """Families of provider failures the UI treats differently."""

    AUTH = "auth"  # 401: wrong or revoked key
    PERMISSION = "permission"  # 403
    ENTITLEMENT = "entitlement"  # 403 on fine-tuning: the wind-down
    NOT_FOUND = "not_found"  # 404
    RATE_LIMIT = "rate_limit"  # 429
    SERVER = "server"  # 5xx
    BAD_REQUEST = "bad_request"  # 400/409/422
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"  # DNS, refused, dropped connection, TLS
    BAD_RESPONSE = "bad_response"  # the server answered something that is not the API
    NO_KEY = "no_key"
    OTHER = "other"


@dataclass
class ProviderError(Exception):
    """A failed provider call. ``message`` is for the user; ``details`` (redacted) sits behind
    "Show details"."""

    kind: ErrorKind
    message: str
    details: str = ""
    status: int | None = None
    request_id: str | None = None

    def __post_init__(self) -> None:
        self.details = redact(self.details)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message
