"""The app's own provider error type: what happened, why it matters and what to do, in plain words.

This module does not import the SDK; ``providers`` maps SDK exceptions onto these values, with the
messages made here (in the user's language).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from enum import StrEnum

from app.i18n import N_, _, ngettext, number
from app.redact import redact

# Translate with _(WIND_DOWN_MESSAGE) where it is shown.
WIND_DOWN_MESSAGE = N_(
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


# --- the messages ------------------------------------------------------------------------------------


def wind_down_message() -> str:
    """The refusal to start a job, with the way forward (an Azure OpenAI connection)."""
    return _(WIND_DOWN_MESSAGE)


def no_key_message(name: str) -> str:
    """What to say when the connection ``name`` has no key yet."""
    return _("The connection “{name}” has no API key yet. Add it in Settings → Connections.").format(name=name)


def not_an_api_message(host: str) -> str:
    """An answer that is not the API's (an HTML page from a captive portal or a proxy…)."""
    return _(
        "{host} answered, but not like an OpenAI-compatible API. Check the connection’s address "
        "(for most servers it ends in /v1)."
    ).format(host=host)


def _clock(seconds: float) -> str:
    """The local time ``seconds`` from now, with the date when it is not today."""
    then = time.time() + seconds
    if time.strftime("%Y-%m-%d", time.localtime(then)) == time.strftime("%Y-%m-%d"):
        return time.strftime("%H:%M", time.localtime(then))
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(then))


def rate_limit_message(wait: float | None, code: str | None) -> str:
    """A 429: the quota used up, or requests limited, with when to try again when the server said."""
    if code == "insufficient_quota":
        return _(
            "The provider refused the request because the account has used up its quota or credit. Check the "
            "plan and billing on the provider's website; trying again will not help until then."
        )
    if wait is None:
        return _(
            "The provider is limiting requests right now (too many requests or quota used up). Wait a minute "
            "and try again; if it persists, check the account’s usage limits and billing."
        )
    if wait < 90:
        n = max(1, math.ceil(wait))
        return ngettext(
            "The provider is limiting requests right now and asks to wait before the next one: try again in "
            "{n} second.",
            "The provider is limiting requests right now and asks to wait before the next one: try again in "
            "{n} seconds.",
            n,
        ).format(n=number(n))
    if wait < 90 * 60:
        n = round(wait / 60)
        text = ngettext(
            "The provider is limiting requests right now and asks to wait before the next one: try again after "
            "{time} (in about {n} minute).",
            "The provider is limiting requests right now and asks to wait before the next one: try again after "
            "{time} (in about {n} minutes).",
            n,
        )
    elif wait < 36 * 3600:
        n = round(wait / 3600)
        text = ngettext(
            "The provider is limiting requests right now and asks to wait before the next one: try again after "
            "{time} (in about {n} hour).",
            "The provider is limiting requests right now and asks to wait before the next one: try again after "
            "{time} (in about {n} hours).",
            n,
        )
    else:
        n = round(wait / 86400)
        text = ngettext(
            "The provider is limiting requests right now and asks to wait before the next one: try again after "
            "{time} (in about {n} day).",
            "The provider is limiting requests right now and asks to wait before the next one: try again after "
            "{time} (in about {n} days).",
            n,
        )
    return text.format(time=_clock(wait), n=number(n))


def unreachable_message(cause: str, host: str, server: str, name: str) -> str:
    """ "Could not reach <host>", why (``cause``: "cert", "tls", "dns", "refused", "dropped" or "") and
    what to do about it; ``server`` is the host name, ``name`` the connection's."""
    if cause == "cert":
        text = _(
            "Could not reach {host} safely: its security certificate could not be verified (it may be "
            "self-signed, expired or for another name), so nothing was sent. Check the address in Settings → "
            "Connections (“{name}”); on a company network, a proxy may be intercepting encrypted connections — "
            "ask your IT department."
        )
    elif cause == "tls":
        text = _(
            "Could not reach {host}: a secure (https) connection could not be set up, so nothing was sent. "
            "The address may be wrong (for example a server that only speaks plain http), or something on "
            "this network blocks encrypted connections. Check the address in Settings → Connections (“{name}”)."
        )
    elif cause == "dns":
        text = _(
            "Could not reach {host}: the server name “{server}” could not be found. Check the address in "
            "Settings → Connections (“{name}”) for typing mistakes, and that this computer is online."
        )
    elif cause == "refused":
        text = _(
            "Could not reach {host}: nothing is answering at that address (the connection was refused). "
            "Check the address and port in Settings → Connections (“{name}”), and that the server is running."
        )
    elif cause == "dropped":
        text = _(
            "Could not reach {host}: the connection broke off before the answer arrived. Check your internet "
            "connection and try again."
        )
    else:
        text = _(
            "Could not reach {host}. Check your internet connection and the connection’s address in Settings → "
            "Connections (“{name}”)."
        )
    return text.format(host=host, server=server, name=name)


def status_message(status: int, host: str, name: str, server_text: str) -> str:
    """The message for an HTTP error status other than 403 on fine-tuning and 429."""
    if status == 401:
        return _(
            "The API key of “{name}” was not accepted. It may be mistyped, revoked or for another "
            "account. Enter the key again in Settings → Connections."
        ).format(name=name)
    if status == 403:
        return _(
            "The key of “{name}” works, but this account is not allowed to do this. Ask the "
            "account’s owner for access, or check the organization and project in the connection."
        ).format(name=name)
    if status == 404:
        return _(
            "{host} does not know what was asked for (not found). Check the model or deployment "
            "name and the connection’s address."
        ).format(host=host)
    if status >= 500:
        return _(
            "{host} had a problem on its side (error {status}). This is usually temporary; try again "
            "in a few minutes."
        ).format(host=host, status=status)
    if not server_text:
        return _("The provider rejected the request: no reason given")
    return _("The provider rejected the request: {reason}").format(reason=server_text)
