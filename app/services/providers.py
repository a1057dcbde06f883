"""The only module that imports the ``openai`` SDK: clients per connection profile, and the
mapping of SDK errors onto the app's ``ProviderError``.

Every provider call in the app goes through a client made here, so OpenAI, Azure OpenAI and any
OpenAI-compatible server are reached the same way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import openai

from app.models.connection import ConnectionProfile, ProviderKind
from app.services.provider_errors import WIND_DOWN_MESSAGE, ErrorKind, ProviderError

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60.0
TEST_TIMEOUT = 15.0
# A compatible server without auth (a local Ollama) still needs some key for the SDK.
PLACEHOLDER_KEY = "not-needed"


def build_client(
    profile: ConnectionProfile,
    api_key: str | None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_retries: int = 2,
) -> openai.AsyncOpenAI:
    """An async client for ``profile``; the caller owns it and closes it with ``await client.close()``."""
    org = profile.organization.strip() or None
    proj = profile.project.strip() or None
    if profile.kind is ProviderKind.AZURE:
        return openai.AsyncAzureOpenAI(
            azure_endpoint=profile.azure_endpoint.strip().rstrip("/"),
            api_version=profile.api_version.strip(),
            api_key=api_key or None,
            organization=org,
            project=proj,
            timeout=timeout,
            max_retries=max_retries,
        )
    if not api_key and profile.kind is not ProviderKind.COMPATIBLE:
        raise ProviderError(ErrorKind.NO_KEY, no_key_message(profile))
    return openai.AsyncOpenAI(
        api_key=api_key or PLACEHOLDER_KEY,
        organization=org,
        project=proj,
        base_url=profile.base_url.strip() or None,
        timeout=timeout,
        max_retries=max_retries,
    )


def no_key_message(profile: ConnectionProfile) -> str:
    """What to say when a profile has no key yet."""
    return f"The connection “{profile.name}” has no API key yet. Add it in Settings → Connections."


def _host(profile: ConnectionProfile) -> str:
    if profile.kind is ProviderKind.AZURE:
        return profile.azure_endpoint or "the Azure endpoint"
    return profile.base_url or "api.openai.com"


def _not_an_api_message(profile: ConnectionProfile) -> str:
    return (
        f"{_host(profile)} answered, but not like an OpenAI-compatible API. Check the connection’s address "
        "(for most servers it ends in /v1)."
    )


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


def map_error(exc: BaseException, profile: ConnectionProfile, *, operation: str = "") -> ProviderError:
    """Turn any exception from an SDK call into a ``ProviderError`` with a plain message.

    ``operation`` names the call ("create_job", "list_models"…); a refusal while creating a job
    gets the fine-tuning wind-down explanation.
    """
    if isinstance(exc, ProviderError):
        return exc
    name = profile.name
    host = _host(profile)
    details = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, openai.APITimeoutError):
        return ProviderError(
            ErrorKind.TIMEOUT,
            f"{host} did not answer in time. The server may be busy or your connection slow; try again in a moment.",
            details,
        )
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(
            ErrorKind.UNREACHABLE,
            f"Could not reach {host}. Check your internet connection and the connection’s address "
            f"in Settings → Connections (“{name}”).",
            details + (f" (cause: {exc.__cause__!r})" if exc.__cause__ else ""),
        )
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        rid = exc.request_id
        server = _server_text(exc)
        details = f"HTTP {status} from {host}" + (f", request id {rid}" if rid else "") + f": {server}"
        if status == 401:
            return ProviderError(
                ErrorKind.AUTH,
                f"The API key of “{name}” was not accepted. It may be mistyped, revoked or for another "
                "account. Enter the key again in Settings → Connections.",
                details,
                status,
                rid,
            )
        if status == 403:
            if operation == "create_job" or _looks_like_wind_down(server):
                return ProviderError(ErrorKind.ENTITLEMENT, WIND_DOWN_MESSAGE, details, status, rid)
            return ProviderError(
                ErrorKind.PERMISSION,
                f"The key of “{name}” works, but this account is not allowed to do this. Ask the "
                "account’s owner for access, or check the organization and project in the connection.",
                details,
                status,
                rid,
            )
        if status == 404:
            return ProviderError(
                ErrorKind.NOT_FOUND,
                f"{host} does not know what was asked for (not found). Check the model or deployment "
                "name and the connection’s address.",
                details,
                status,
                rid,
            )
        if status == 429:
            return ProviderError(
                ErrorKind.RATE_LIMIT,
                "The provider is limiting requests right now (too many requests or quota used up). Wait "
                "a minute and try again; if it persists, check the account’s usage limits and billing.",
                details,
                status,
                rid,
            )
        if status >= 500:
            return ProviderError(
                ErrorKind.SERVER,
                f"{host} had a problem on its side (error {status}). This is usually temporary; try again "
                "in a few minutes.",
                details,
                status,
                rid,
            )
        return ProviderError(
            ErrorKind.BAD_REQUEST,
            f"The provider rejected the request: {server or 'no reason given'}",
            details,
            status,
            rid,
        )
    if isinstance(exc, openai.APIResponseValidationError | ValueError) or "JSONDecodeError" in type(exc).__name__:
        return ProviderError(ErrorKind.BAD_RESPONSE, _not_an_api_message(profile), details)
    return ProviderError(ErrorKind.OTHER, f"The call to {host} failed unexpectedly.", details)


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
    msg = f"Connected. {n} model{'s' if n != 1 else ''} available"
    msg += f", {ft} of them fine-tuned by you." if ft else "."
    return ConnectionTestResult(True, msg, tuple(models))


class ClientPool:
    """One reused client per connection profile, closed together when the app quits."""

    def __init__(self) -> None:
        self._clients: dict[tuple[str, str], openai.AsyncOpenAI] = {}
        self._stale: list[openai.AsyncOpenAI] = []

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
