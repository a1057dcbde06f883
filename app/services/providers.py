"""The only module that imports the ``openai`` SDK: clients per connection profile, and the
mapping of SDK errors onto the app's ``ProviderError``.

Every provider call in the app goes through a client made here, so OpenAI, Azure OpenAI and any
OpenAI-compatible server are reached the same way.
"""

from __future__ import annotations

import email.utils
import logging
import math
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlparse

import httpx2
import openai

from app.i18n import _, ngettext, number
from app.models.connection import ConnectionProfile, ProviderKind
from app.services.provider_errors import (
    ErrorKind,
    ProviderError,
    not_an_api_message,
    rate_limit_message,
    status_message,
    unreachable_message,
    wind_down_message,
)
from app.services.provider_errors import no_key_message as _no_key_message

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60.0
TEST_TIMEOUT = 15.0
# A compatible server without auth (a local Ollama) still needs some key for the SDK.
PLACEHOLDER_KEY = "not-needed"


_tls_lock = threading.Lock()
_tls_context: ssl.SSLContext | None = None


def shared_tls_context() -> ssl.SSLContext:
    """The one verifying TLS context every client uses (the SDK's defaults: system CAs, SSL_CERT_FILE).

    Making one loads the CA bundle (and, the first time, the HTTP stack's modules): 0.1–0.4 s that
    froze the window each time a client was built on the GUI thread. Built once, on a worker thread
    when ``ClientPool`` starts (``warm_up``); shared, since an ``SSLContext`` is safe across clients.
    """
    global _tls_context
    with _tls_lock:
        if _tls_context is None:
            _tls_context = httpx2.create_ssl_context()
        return _tls_context


# The SDK imports each API area's modules (and builds their pydantic models) on first use: 0.2–0.9 s
# on the GUI thread the first time a chat, a job list or a grader run is asked for. warm_up does it first.
_SDK_AREAS = ("chat.completions", "fine_tuning.jobs.checkpoints", "fine_tuning.alpha.graders", "files",
              "uploads.parts", "models")


def _warm() -> None:
    try:
        client = openai.AsyncOpenAI(api_key=PLACEHOLDER_KEY, base_url="http://127.0.0.1:9/v1",
                                    http_client=openai.DefaultAsyncHttpxClient(verify=shared_tls_context()))
        for area in _SDK_AREAS:
            obj: object = client
            for name in area.split("."):
                obj = getattr(obj, name)  # the first access imports the area (no request is made)
    except Exception:  # noqa: BLE001 - only a head start; the first real call imports what is missing
        log.debug("warming up the SDK failed", exc_info=True)


def warm_up() -> None:
    """Load the TLS context and the SDK's API areas on a daemon thread, so that the first provider
    call made on the GUI thread does not freeze the window while they load. Makes no request."""
    threading.Thread(target=_warm, name="sdk-warm-up", daemon=True).start()


class InsecureAddressRefused(openai.OpenAIError):
    """Raised instead of sending anything to an http:// address the user did not allow (an SDK error,
    so the SDK passes it on at once, without retrying)."""


class _RefusingTransport(httpx2.AsyncBaseTransport):
    """The transport of a client whose address is refused: no socket is ever opened."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        raise InsecureAddressRefused(self.reason)


def build_client(
    profile: ConnectionProfile,
    api_key: str | None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_retries: int = 2,
) -> openai.AsyncOpenAI:
    """An async client for ``profile``; the caller owns it and closes it with ``await client.close()``.

    Raises ``ProviderError`` (``NO_KEY``) for an OpenAI profile without a key. A plain http:// address
    off this computer that the user did not allow (a settings file edited by hand, or saved by an
    older version) gets a client that sends nothing: every call fails with the plain reason.
    """
    org = profile.organization.strip() or None
    proj = profile.project.strip() or None
    if profile.kind is not ProviderKind.AZURE and not api_key and profile.kind is not ProviderKind.COMPATIBLE:
        raise ProviderError(ErrorKind.NO_KEY, no_key_message(profile))
    insecure = profile.insecure_problem()
    if insecure:
        http_client = openai.DefaultAsyncHttpxClient(transport=_RefusingTransport(insecure))
        max_retries = 0
    else:
        # The SDK's own default HTTP client, but with the shared TLS context (see shared_tls_context).
        http_client = openai.DefaultAsyncHttpxClient(verify=shared_tls_context())
    if profile.kind is ProviderKind.AZURE:
        return openai.AsyncAzureOpenAI(
            azure_endpoint=profile.azure_endpoint.strip().rstrip("/"),
            api_version=profile.api_version.strip(),
            api_key=api_key or None,
            organization=org,
            project=proj,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
        )
    return openai.AsyncOpenAI(
        api_key=api_key or PLACEHOLDER_KEY,
        organization=org,
        project=proj,
        base_url=profile.base_url.strip() or None,
        timeout=timeout,
        max_retries=max_retries,
        http_client=http_client,
    )


def no_key_message(profile: ConnectionProfile) -> str:
    """What to say when a profile has no key yet."""
    return _no_key_message(profile.name)


def _host(profile: ConnectionProfile) -> str:
    if profile.kind is ProviderKind.AZURE:
        return profile.azure_endpoint or _("the Azure endpoint")
    return profile.base_url or "api.openai.com"


def _not_an_api_message(profile: ConnectionProfile) -> str:
    return not_an_api_message(_host(profile))


def _server_text(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return inner["message"]
    return exc.message or ""


def _looks_like_wind_down(text: str) -> bool:
    t = text.lower()
    return "fine-tun" in t or "fine_tun" in t or "finetun" in t


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """Seconds the server asked to wait before trying again (``retry-after-ms``, ``retry-after`` in
    seconds or as an HTTP date), or None when it did not say."""
    headers = getattr(getattr(exc, "response", None), "headers", None)
    if headers is None:
        return None
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) / divisor
        except ValueError:
            continue
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


# Words in an exception chain that tell why a connection failed (the SDK wraps the real cause).
_TLS_CERT_WORDS = ("certificate verify failed", "certificate_verify_failed", "hostname mismatch",
                   "self-signed certificate", "self signed certificate", "certificate has expired")
_TLS_WORDS = ("[ssl", "ssl:", "tls", "wrong version number", "handshake")
_DNS_WORDS = ("name or service not known", "nodename nor servname", "getaddrinfo failed",
              "temporary failure in name resolution", "no address associated", "name resolution")
_DROP_WORDS = ("disconnected without sending", "connection reset", "remoteprotocolerror", "readerror",
               "broken pipe", "connection aborted", "incomplete chunked read", "peer closed connection")


def _connection_cause(exc: BaseException) -> str:
    """ "cert", "tls", "dns", "refused", "dropped" or "" from the chain of causes of a connection error."""
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in seen and len(seen) < 12:
        seen.append(cur)
        cur = cur.__cause__ or cur.__context__
    for e in seen:
        if isinstance(e, ssl.SSLCertVerificationError):
            return "cert"
        if isinstance(e, ssl.SSLError):
            return "tls"
        if isinstance(e, socket.gaierror):
            return "dns"
        if isinstance(e, ConnectionRefusedError):
            return "refused"
    text = " ".join(f"{type(e).__name__} {e}" for e in seen).lower()
    for words, cause in ((_TLS_CERT_WORDS, "cert"), (_TLS_WORDS, "tls"), (_DNS_WORDS, "dns"),
                         (("connection refused",), "refused"), (_DROP_WORDS, "dropped")):
        if any(w in text for w in words):
            return cause
    return ""


def _refusal_in(exc: BaseException) -> InsecureAddressRefused | None:
    cur: BaseException | None = exc
    for _hop in range(12):
        if cur is None or isinstance(cur, InsecureAddressRefused):
            return cur
        cur = cur.__cause__ or cur.__context__
    return None


def _unreachable_message(exc: BaseException, profile: ConnectionProfile) -> str:
    """ "Could not reach <host>", why (when the causes tell) and what to do about it."""
    host = _host(profile)
    return unreachable_message(_connection_cause(exc), host, urlparse(host).hostname or host, profile.name)


def _error_code(exc: BaseException) -> str | None:
    code = getattr(exc, "code", None)
    return code if isinstance(code, str) else None


def map_error(exc: BaseException, profile: ConnectionProfile, *, operation: str = "") -> ProviderError:
    """Turn any exception from an SDK call into a ``ProviderError`` with a plain message.

    ``operation`` names the call ("create_job", "list_models"…); a refusal while creating a job
    gets the fine-tuning wind-down explanation. A rate limit says when to try again when the server
    said so (``retry-after``); a connection failure says whether the name, the secure connection or
    the line was the problem.
    """
    if isinstance(exc, ProviderError):
        return exc
    host = _host(profile)
    details = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, openai.APITimeoutError):
        return ProviderError(
            ErrorKind.TIMEOUT,
            _("{host} did not answer in time. The server may be busy or your connection slow; try again in a "
              "moment.").format(host=host),
            details,
        )
    refused = _refusal_in(exc)
    if refused is not None:
        return ProviderError(ErrorKind.OTHER, str(refused), details)
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(
            ErrorKind.UNREACHABLE,
            _unreachable_message(exc, profile),
            details + (f" (cause: {exc.__cause__!r})" if exc.__cause__ else ""),
        )
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        rid = exc.request_id
        server = _server_text(exc)
        details = f"HTTP {status} from {host}" + (f", request id {rid}" if rid else "") + f": {server}"
        if status == 403 and (operation == "create_job" or _looks_like_wind_down(server)):
            return ProviderError(ErrorKind.ENTITLEMENT, wind_down_message(), details, status, rid)
        if status == 429:
            wait = retry_after_seconds(exc)
            if wait is not None:
                details += f" (retry-after: {wait:g} s)"
            return ProviderError(ErrorKind.RATE_LIMIT, rate_limit_message(wait, _error_code(exc)), details,
                                 status, rid)
        kinds = {401: ErrorKind.AUTH, 403: ErrorKind.PERMISSION, 404: ErrorKind.NOT_FOUND}
        kind = kinds.get(status, ErrorKind.SERVER if status >= 500 else ErrorKind.BAD_REQUEST)
        return ProviderError(kind, status_message(status, host, profile.name, server), details, status, rid)
    if isinstance(exc, openai.APIResponseValidationError | ValueError) or "JSONDecodeError" in type(exc).__name__:
        return ProviderError(ErrorKind.BAD_RESPONSE, _not_an_api_message(profile), details)
    return ProviderError(ErrorKind.OTHER, _("The call to {host} failed unexpectedly.").format(host=host), details)


def not_an_api(profile: ConnectionProfile, details: str) -> ProviderError:
    """The error for an answer that is not the API's (an HTML page from a captive portal or proxy…)."""
    return ProviderError(ErrorKind.BAD_RESPONSE, _not_an_api_message(profile), details)


@dataclass(frozen=True)
class ModelInfo:
    """A model as the provider lists it."""

    id: str
    owned_by: str = ""
    created: int | None = None
    shutdown_date: str | None = None

    @property
    def is_fine_tuned(self) -> bool:
        """True for the user's own fine-tunes and checkpoints."""
        return self.id.startswith("ft:")


async def list_models(client: openai.AsyncOpenAI, profile: ConnectionProfile) -> list[ModelInfo]:
    """Every model the connection can use, sorted by id."""
    try:
        out: list[ModelInfo] = []
        async for m in client.models.list():
            extra = getattr(m, "model_extra", None) or {}
            out.append(
                ModelInfo(
                    id=str(m.id),
                    owned_by=str(getattr(m, "owned_by", "") or ""),
                    created=getattr(m, "created", None),
                    shutdown_date=getattr(m, "shutdown_date", None) or extra.get("shutdown_date"),
                )
            )
    except openai.OpenAIError as exc:
        raise map_error(exc, profile, operation="list_models") from exc
    except (AttributeError, TypeError, KeyError, ValueError) as exc:
        # The SDK does not validate responses: a body that is not the API's JSON surfaces as one
        # of these while the page is read (measured against the stand-in's garbage answers).
        raise ProviderError(
            ErrorKind.BAD_RESPONSE, _not_an_api_message(profile), f"{type(exc).__name__}: {exc}"
        ) from exc
    return sorted(out, key=lambda m: m.id)


@dataclass(frozen=True)
class ConnectionTestResult:
    """The outcome of "Test connection"."""

    ok: bool
    message: str
    models: tuple[ModelInfo, ...] = ()
    error: ProviderError | None = None


async def test_connection(
    profile: ConnectionProfile, api_key: str | None, *, timeout: float | None = None
) -> ConnectionTestResult:
    """List the models once, without retries, and say in plain words how it went."""
    try:
        client = build_client(profile, api_key, timeout=timeout or TEST_TIMEOUT, max_retries=0)
    except ProviderError as err:
        return ConnectionTestResult(False, err.message, error=err)
    try:
        models = await list_models(client, profile)
    except ProviderError as err:
        log.info("test connection %s failed: %s", profile.name, err.kind)
        return ConnectionTestResult(False, err.message, error=err)
    finally:
        await client.close()
    n = len(models)
    ft = sum(1 for m in models if m.is_fine_tuned)
    if ft:
        msg = ngettext("Connected. {n} model available, {ft} of them fine-tuned by you.",
                       "Connected. {n} models available, {ft} of them fine-tuned by you.", n)
    else:
        msg = ngettext("Connected. {n} model available.", "Connected. {n} models available.", n)
    return ConnectionTestResult(True, msg.format(n=number(n), ft=number(ft)), tuple(models))


class ClientPool:
    """One reused client per connection profile, closed together when the app quits."""

    def __init__(self) -> None:
        self._clients: dict[tuple[str, str], openai.AsyncOpenAI] = {}
        self._stale: list[openai.AsyncOpenAI] = []
        warm_up()  # the first client is then quick to build on the GUI thread

    def get(self, profile: ConnectionProfile, api_key: str | None) -> openai.AsyncOpenAI:
        """The client for this profile and key, built on first use."""
        key = (profile.id, repr(sorted(profile.to_dict().items())) + (api_key or ""))
        client = self._clients.get(key)
        if client is None:
            # A profile edit or new key makes a new entry; stale ones for the same id are dropped.
            for k in [k for k in self._clients if k[0] == profile.id]:
                self._stale.append(self._clients.pop(k))
            client = build_client(profile, api_key)
            self._clients[key] = client
        return client

    async def close(self) -> None:
        """Close every client (call when the app quits)."""
        for c in [*self._clients.values(), *self._stale]:
            try:
                await c.close()
            except Exception:  # noqa: BLE001 - closing must not stop the quit
                log.debug("client close failed", exc_info=True)
        self._clients.clear()
        self._stale.clear()
