"""The provider module against the stand-in server over real HTTP: clients per profile kind, and
every failure turned into a plain message (never a traceback, never the key)."""

from __future__ import annotations

import pytest

from app.models.connection import ConnectionProfile, ProviderKind
from app.services import providers
from app.services.provider_errors import WIND_DOWN_MESSAGE, ErrorKind, ProviderError


def openai_profile(server) -> ConnectionProfile:
    return ConnectionProfile(name="Work", kind=ProviderKind.OPENAI, base_url=server.base_url)


@pytest.mark.asyncio
async def test_success_counts_the_models(standin):
    result = await providers.test_connection(openai_profile(standin), standin.api_key)
    assert result.ok, result.message
    n = len(standin.models)
    assert result.message == f"Connected. {n} models available, 1 of them fine-tuned by you."
    assert [m.id for m in result.models] == sorted(m["id"] for m in standin.models)
    assert standin.requests[-1].headers["authorization"] == f"Bearer {standin.api_key}"


@pytest.mark.asyncio
async def test_azure_profile_uses_the_azure_path_and_header(standin):
    profile = ConnectionProfile(
        name="Foundry", kind=ProviderKind.AZURE, azure_endpoint=standin.azure_endpoint, api_version="2025-04-01-preview"
    )
    result = await providers.test_connection(profile, standin.api_key)
    assert result.ok, result.message
    req = standin.requests[-1]
    assert req.path.startswith("/openai/models")
    assert req.query.get("api-version") == "2025-04-01-preview"
    assert req.headers.get("api-key") == standin.api_key


@pytest.mark.asyncio
async def test_wrong_key_is_a_plain_message_without_the_key(standin):
    typed = "sk-proj-WRONGwrongWRONGwrong1234"
    result = await providers.test_connection(openai_profile(standin), typed)
    assert not result.ok and result.error.kind is ErrorKind.AUTH
    assert "was not accepted" in result.message and "Settings → Connections" in result.message
    assert typed not in result.message and typed not in result.error.details
    assert "HTTP 401" in result.error.details


@pytest.mark.parametrize(
    ("status", "kind", "phrase"),
    [
        (403, ErrorKind.PERMISSION, "not allowed"),
        (404, ErrorKind.NOT_FOUND, "not found"),
        (429, ErrorKind.RATE_LIMIT, "limiting requests"),
        (500, ErrorKind.SERVER, "problem on its side"),
        (503, ErrorKind.SERVER, "problem on its side"),
        (400, ErrorKind.BAD_REQUEST, "rejected the request"),
    ],
)
@pytest.mark.asyncio
async def test_status_errors_become_plain_messages(standin, status, kind, phrase):
    standin.inject(path="/models", status=status)
    result = await providers.test_connection(openai_profile(standin), standin.api_key)
    assert not result.ok
    assert result.error.kind is kind
    assert phrase in result.message
    assert "Traceback" not in result.message


@pytest.mark.asyncio
async def test_timeout(standin):
    standin.inject(path="/models", delay=3.0)
    result = await providers.test_connection(openai_profile(standin), standin.api_key, timeout=0.5)
    assert result.error.kind is ErrorKind.TIMEOUT
    assert "did not answer in time" in result.message


@pytest.mark.asyncio
async def test_dropped_connection_and_unreachable_host(standin):
    standin.inject(path="/models", drop=True)
    result = await providers.test_connection(openai_profile(standin), standin.api_key)
    assert result.error.kind is ErrorKind.UNREACHABLE
    dead = ConnectionProfile(name="Dead", base_url="http://127.0.0.1:9/v1")
    result = await providers.test_connection(dead, "sk-whatever-123456789")
    assert result.error.kind is ErrorKind.UNREACHABLE
    assert "Could not reach http://127.0.0.1:9/v1" in result.message


@pytest.mark.asyncio
async def test_a_server_that_is_not_an_openai_api(standin):
    standin.inject(path="/models", garbage=True)
    result = await providers.test_connection(openai_profile(standin), standin.api_key)
    assert not result.ok
    assert result.error.kind is ErrorKind.BAD_RESPONSE
    assert "not like an OpenAI-compatible API" in result.message


@pytest.mark.asyncio
async def test_openai_profile_without_key_asks_for_one(standin):
    result = await providers.test_connection(openai_profile(standin), None)
    assert result.error.kind is ErrorKind.NO_KEY
    assert "has no API key yet" in result.message
    assert standin.requests == []  # nothing was sent


@pytest.mark.asyncio
async def test_refusal_to_create_a_job_names_the_wind_down_and_the_way_forward(standin):
    import openai

    standin.inject(path="/models", status=403, body={"error": {"message": "nope", "type": "x", "code": None}})
    client = providers.build_client(openai_profile(standin), standin.api_key, max_retries=0)
    with pytest.raises(openai.PermissionDeniedError) as info:
        await client.models.list()
    await client.close()
    err = providers.map_error(info.value, openai_profile(standin), operation="create_job")
    assert err.kind is ErrorKind.ENTITLEMENT and err.message == WIND_DOWN_MESSAGE
    assert "2027-01-06" in err.message and "Azure OpenAI" in err.message


@pytest.mark.asyncio
async def test_client_pool_reuses_one_client_per_profile_and_closes_them(standin):
    pool = providers.ClientPool()
    p = openai_profile(standin)
    a = pool.get(p, standin.api_key)
    assert pool.get(p, standin.api_key) is a
    p.name = "Renamed"
    b = pool.get(p, standin.api_key)
    assert b is not a
    await pool.close()
    assert a.is_closed() and b.is_closed()


def test_provider_error_details_are_redacted():
    err = ProviderError(ErrorKind.OTHER, "x", details="Authorization: Bearer sk-proj-ABCDEFGH12345678")
    assert "sk-proj-ABCDEFGH12345678" not in err.details
