"""Tests of the stand-in OpenAI server itself, driven by the real ``openai`` SDK over real HTTP.

These also pin how the SDK (3.x, httpx2) reacts to each fault, which the app's error mapping relies on.
No Qt here.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import openai
import pytest

from tests.standin import spec
from tests.standin.server import (
    DEFAULT_API_KEY,
    DEFAULT_REPLY_TEXT,
    GARBAGE_BODY,
    Reply,
    RouteContext,
    StandinServer,
    default_error_body,
)

AZURE_API_VERSION = "2025-04-01-preview"
MODEL = "gpt-4.1-mini-2025-04-14"
MESSAGES = [{"role": "user", "content": "Say hello."}]


# Every sync client a test makes, closed after the test so no socket is left to the garbage collector.
_open_clients: list[openai.OpenAI] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _open_clients:
        _open_clients.pop().close()


# Plain-HTTP tests need no certificate store; loading it costs ~50 ms per client, most of this file's time.
def _http() -> Any:
    return openai.DefaultHttpxClient(verify=False)


def client(server: StandinServer, **kwargs: Any) -> openai.OpenAI:
    """A sync SDK client for ``server``; no retries unless asked, so one call is one request."""
    options: dict[str, Any] = {
        "api_key": server.api_key,
        "base_url": server.base_url,
        "max_retries": 0,
        "http_client": _http(),
    }
    options.update(kwargs)
    sdk = openai.OpenAI(**options)
    _open_clients.append(sdk)
    return sdk


def async_client(server: StandinServer, **kwargs: Any) -> openai.AsyncOpenAI:
    """An async SDK client for ``server``, without retries."""
    options: dict[str, Any] = {
        "api_key": server.api_key,
        "base_url": server.base_url,
        "max_retries": 0,
        "http_client": openai.DefaultAsyncHttpxClient(verify=False),
    }
    options.update(kwargs)
    return openai.AsyncOpenAI(**options)


def azure_client(server: StandinServer, **kwargs: Any) -> openai.AzureOpenAI:
    """A sync Azure SDK client for ``server``."""
    options: dict[str, Any] = {
        "api_key": server.api_key,
        "azure_endpoint": server.azure_endpoint,
        "api_version": AZURE_API_VERSION,
        "max_retries": 0,
        "http_client": _http(),
    }
    options.update(kwargs)
    sdk = openai.AzureOpenAI(**options)
    _open_clients.append(sdk)
    return sdk


def raw(
    server: StandinServer,
    path: str,
    *,
    body: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    auth: bool = True,
) -> tuple[int, dict[str, str], bytes]:
    """Plain HTTP (stdlib) to see exactly what the server sends: (status, headers, body)."""
    all_headers = {"Content-Type": "application/json"}
    if auth:
        all_headers["Authorization"] = f"Bearer {server.api_key}"
    all_headers.update(headers or {})
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server.url + path, data=data, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def sse_events(payload: bytes) -> list[str]:
    """The ``data:`` values of an SSE body, in order."""
    events = []
    for block in payload.decode().split("\n\n"):
        for line in block.splitlines():
            if line.startswith("data: "):
                events.append(line[len("data: ") :])
    return events


# --- basics ---------------------------------------------------------------------------------------


def test_urls_and_lifecycle() -> None:
    with StandinServer() as server:
        assert server.base_url == f"http://127.0.0.1:{server.port}/v1"
        assert server.azure_endpoint == f"http://127.0.0.1:{server.port}"
        assert client(server).models.retrieve(MODEL).id == MODEL
    with pytest.raises(openai.APIConnectionError):
        client(server, timeout=2).models.list()  # stopped: nobody listens any more


def test_models_list_and_retrieve(standin: StandinServer) -> None:
    sdk = client(standin)
    ids = [m.id for m in sdk.models.list()]
    assert ids == [
        "gpt-4.1-2025-04-14",
        "gpt-4.1-mini-2025-04-14",
        "gpt-4o-mini-2024-07-18",
        "o4-mini-2025-04-16",
        "ft:gpt-4.1-mini-2025-04-14:acme::abc123",
    ]
    tuned = sdk.models.retrieve("ft:gpt-4.1-mini-2025-04-14:acme::abc123")
    assert (tuned.object, tuned.owned_by, tuned.shutdown_date) == ("model", "acme", "2027-01-14")

    standin.models.append({"id": "gpt-x", "object": "model", "created": 1, "owned_by": "me"})
    assert sdk.models.retrieve("gpt-x").owned_by == "me"
    assert "gpt-x" in [m.id for m in sdk.models.list()]

    with pytest.raises(openai.NotFoundError) as info:
        sdk.models.retrieve("gpt-nope")
    assert info.value.code == "model_not_found"
    assert "`gpt-nope` does not exist" in info.value.message


def test_chat_non_stream_echoes_model_and_records_request(standin: StandinServer) -> None:
    completion = client(standin).chat.completions.create(model=MODEL, messages=MESSAGES)
    assert completion.model == MODEL
    assert completion.choices[0].message.content == DEFAULT_REPLY_TEXT
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is not None and completion.usage.completion_tokens > 0
    assert completion._request_id and completion._request_id.startswith("req_")

    (request,) = standin.requests_to("/chat/completions", "POST")
    assert (request.method, request.path, request.api, request.model) == (
        "POST",
        "/v1/chat/completions",
        "openai",
        MODEL,
    )
    assert request.headers["authorization"] == f"Bearer {standin.api_key}"
    assert request.json == {"model": MODEL, "messages": MESSAGES}


def test_chat_stream_sync(standin: StandinServer) -> None:
    stream = client(standin).chat.completions.create(
        model="o4-mini-2025-04-16", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    assert len(chunks) >= 5
    assert {c.model for c in chunks} == {"o4-mini-2025-04-16"}
    assert len({c.id for c in chunks}) == 1
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == DEFAULT_REPLY_TEXT
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert chunks[-2].choices[0].finish_reason == "stop"


@pytest.mark.parametrize("framing", ["chunked", "close"])
@pytest.mark.asyncio
async def test_chat_stream_async_with_delay(standin: StandinServer, framing: str) -> None:
    standin.stream_framing = framing  # type: ignore[assignment]
    standin.stream_delay = 0.02
    standin.reply_text = lambda request: f"I am {request.model}, streaming."
    async with async_client(standin) as sdk:
        started = time.monotonic()
        stream = await sdk.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True)
        pieces = [c.choices[0].delta.content or "" async for c in stream if c.choices]
        elapsed = time.monotonic() - started
    assert "".join(pieces) == f"I am {MODEL}, streaming."
    assert [p for p in pieces if p] == ["I", " am", f" {MODEL},", " streaming."]  # word pieces
    assert elapsed >= 0.02 * 4  # the delay really paces the chunks
    # Without include_usage there is no usage chunk.
    assert standin.requests[-1].json.get("stream_options") is None


@pytest.mark.asyncio
async def test_async_models_and_chat(standin: StandinServer) -> None:
    async with async_client(standin) as sdk:
        ids = [m.id async for m in sdk.models.list()]
        completion = await sdk.chat.completions.create(model="gpt-4o-mini-2024-07-18", messages=MESSAGES)
    assert "o4-mini-2025-04-16" in ids
    assert completion.model == "gpt-4o-mini-2024-07-18"
    assert completion.choices[0].message.content == DEFAULT_REPLY_TEXT


def test_chat_options_n_and_max_tokens(standin: StandinServer) -> None:
    sdk = client(standin)
    completion = sdk.chat.completions.create(model=MODEL, messages=MESSAGES, n=2, max_completion_tokens=2)
    assert [c.index for c in completion.choices] == [0, 1]
    assert completion.choices[1].message.content == "Hello from"
    assert completion.choices[0].finish_reason == "length"


def test_chat_errors(standin: StandinServer) -> None:
    sdk = client(standin)
    with pytest.raises(openai.NotFoundError) as info:
        sdk.chat.completions.create(model="gpt-unknown", messages=MESSAGES)
    assert info.value.code == "model_not_found"
    standin.check_models = False
    assert sdk.chat.completions.create(model="gpt-unknown", messages=MESSAGES).model == "gpt-unknown"
    status, _, body = raw(standin, "/v1/chat/completions", body={"model": MODEL})
    assert status == 400 and json.loads(body)["error"]["param"] == "messages"
    with pytest.raises(openai.NotFoundError, match="Invalid URL"):
        sdk.get("/nothing/here", cast_to=object)


# --- Azure ----------------------------------------------------------------------------------------


def test_azure_models_and_chat_by_deployment(standin: StandinServer) -> None:
    sdk = azure_client(standin)
    assert MODEL in [m.id for m in sdk.models.list()]
    completion = sdk.chat.completions.create(model="my-gpt41-deployment", messages=MESSAGES)
    assert completion.model == "my-gpt41-deployment"  # the deployment name answers as the model
    stream = sdk.chat.completions.create(model="my-gpt41-deployment", messages=MESSAGES, stream=True)
    assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices) == DEFAULT_REPLY_TEXT

    chat = standin.requests_to("/chat/completions")
    assert [r.path for r in chat] == ["/openai/deployments/my-gpt41-deployment/chat/completions"] * 2
    assert all(r.api == "azure" and r.deployment == "my-gpt41-deployment" for r in chat)
    assert all(r.query["api-version"] == AZURE_API_VERSION for r in standin.requests)
    assert all(r.headers["api-key"] == standin.api_key for r in standin.requests)


def test_azure_needs_api_version_and_api_key_header(standin: StandinServer) -> None:
    status, _, body = raw(standin, "/openai/models", auth=False, headers={"api-key": standin.api_key})
    assert status == 400 and json.loads(body)["error"]["param"] == "api-version"
    # Azure keys go in ``api-key``; a Bearer header is not an Azure key.
    status, _, _ = raw(standin, f"/openai/models?api-version={AZURE_API_VERSION}")
    assert status == 401
    status, _, _ = raw(
        standin,
        f"/openai/models?api-version={AZURE_API_VERSION}",
        auth=False,
        headers={"api-key": standin.api_key},
    )
    assert status == 200
    with pytest.raises(openai.AuthenticationError):
        azure_client(standin, api_key="wrong-azure-key-0000").models.list()


# --- auth -----------------------------------------------------------------------------------------


def test_wrong_key_gives_401_without_echoing_the_key(standin: StandinServer) -> None:
    wrong = "sk-proj-THISisAwrongKEYthatMustNotLeak9xyz"
    with pytest.raises(openai.AuthenticationError) as info:
        client(standin, api_key=wrong).models.list()
    err = info.value
    assert (err.status_code, err.code, err.type) == (401, "invalid_api_key", "invalid_request_error")
    assert wrong not in json.dumps(err.body) and wrong not in str(err)
    assert "Incorrect API key provided: sk-" in err.body["message"] and "9xyz." in err.body["message"]
    # A short wrong key is masked completely.
    with pytest.raises(openai.AuthenticationError) as info:
        client(standin, api_key="bad").models.list()
    assert "bad" not in json.dumps(info.value.body)


def test_missing_key_gives_401(standin: StandinServer) -> None:
    status, _, body = raw(standin, "/v1/models", auth=False)
    assert status == 401
    assert "You didn't provide an API key" in json.loads(body)["error"]["message"]
    standin.api_key = "sk-rotated"
    with pytest.raises(openai.AuthenticationError):
        client(standin, api_key=DEFAULT_API_KEY).models.list()
    assert client(standin, api_key="sk-rotated").models.list().data


# --- faults ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error_class", "code"),
    [
        (400, openai.BadRequestError, None),
        (401, openai.AuthenticationError, "invalid_api_key"),
        (403, openai.PermissionDeniedError, "unsupported_country_region_territory"),
        (404, openai.NotFoundError, "model_not_found"),
        (409, openai.ConflictError, "conflict"),
        (422, openai.UnprocessableEntityError, None),
        (429, openai.RateLimitError, "rate_limit_exceeded"),
        (500, openai.InternalServerError, None),
        (502, openai.InternalServerError, None),
        (503, openai.InternalServerError, None),
    ],
)
def test_injected_status_maps_to_sdk_error(
    standin: StandinServer, status: int, error_class: type[openai.APIStatusError], code: str | None
) -> None:
    standin.inject(path="/chat/completions", status=status)
    with pytest.raises(error_class) as info:
        client(standin).chat.completions.create(model=MODEL, messages=MESSAGES)
    assert info.value.status_code == status
    assert info.value.code == code
    assert info.value.body == default_error_body(status)["error"]
    # Consumed: the next call succeeds.
    assert client(standin).chat.completions.create(model=MODEL, messages=MESSAGES).model == MODEL


def test_injected_custom_body_and_headers(standin: StandinServer) -> None:
    body = {
        "error": {
            "message": "You exceeded your current quota.",
            "type": "insufficient_quota",
            "param": None,
            "code": "insufficient_quota",
        }
    }
    standin.inject(status=429, body=body, headers={"retry-after": "1", "x-should-retry": "false"})
    with pytest.raises(openai.RateLimitError) as info:
        client(standin, max_retries=2).models.list()
    assert info.value.code == "insufficient_quota"
    assert info.value.response.headers["retry-after"] == "1"
    assert len(standin.requests) == 1  # x-should-retry: false stopped the SDK's retries


def test_faults_are_consumed_after_times_and_counted(standin: StandinServer) -> None:
    fault = standin.inject(path="/models", method="GET", status=500, times=2)
    sdk = client(standin)
    assert sdk.models.retrieve(MODEL).id == MODEL  # other paths are untouched
    for _ in range(2):
        with pytest.raises(openai.InternalServerError):
            sdk.models.list()
    assert sdk.models.list().data
    assert (fault.hits, fault.remaining, standin.faults) == (2, 0, [])


def test_sdk_retries_consume_faults(standin: StandinServer) -> None:
    # The SDK retries 429/5xx twice by default; two faults then a success = three attempts.
    standin.inject(path="/chat/completions", status=429, headers={"retry-after-ms": "1"}, times=2)
    completion = client(standin, max_retries=2).chat.completions.create(model=MODEL, messages=MESSAGES)
    assert completion.model == MODEL
    attempts = standin.requests_to("/chat/completions")
    assert [r.headers["x-stainless-retry-count"] for r in attempts] == ["0", "1", "2"]


def test_fault_path_is_flavour_neutral_and_method_specific(standin: StandinServer) -> None:
    standin.inject(path="/chat/completions", method="GET", status=500)  # never matches a POST
    standin.inject(path="/chat/completions", status=503)
    with pytest.raises(openai.InternalServerError) as info:
        azure_client(standin).chat.completions.create(model="dep", messages=MESSAGES)
    assert info.value.status_code == 503
    assert len(standin.faults) == 1 and standin.faults[0].method == "GET"
    standin.clear_faults()
    assert standin.faults == []


def test_delay_makes_client_time_out(standin: StandinServer) -> None:
    standin.inject(path="/models", delay=5.0)
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        client(standin, timeout=0.5).models.list()
    assert time.monotonic() - started < 2.0


def test_delay_alone_then_normal_answer(standin: StandinServer) -> None:
    standin.inject(delay=0.2)
    started = time.monotonic()
    assert client(standin).models.list().data
    assert time.monotonic() - started >= 0.2


@pytest.mark.asyncio
async def test_drop_gives_connection_error_async(standin: StandinServer) -> None:
    standin.inject(path="/chat/completions", drop=True)
    async with async_client(standin) as sdk:
        with pytest.raises(openai.APIConnectionError) as info:
            await sdk.chat.completions.create(model=MODEL, messages=MESSAGES)
        assert not isinstance(info.value, openai.APITimeoutError)
        assert (await sdk.chat.completions.create(model=MODEL, messages=MESSAGES)).model == MODEL


def test_drop_is_retried_by_default(standin: StandinServer) -> None:
    standin.inject(drop=True)
    assert client(standin, max_retries=1).models.list().data
    assert len(standin.requests) == 2


def test_stream_cut_midway(standin: StandinServer) -> None:
    standin.inject(path="/chat/completions", drop_after_chunks=2)
    stream = client(standin).chat.completions.create(model=MODEL, messages=MESSAGES, stream=True)
    received = []
    with pytest.raises(openai.APIConnectionError):
        for chunk in stream:
            received.append(chunk)
    assert len(received) == 2


def test_garbage_body(standin: StandinServer) -> None:
    # A 200 that is not JSON (a captive portal, a misconfigured proxy). The lenient SDK hands back the
    # text instead of a model object; a strict client raises APIResponseValidationError.
    standin.inject(path="/models/*", garbage=True)
    assert client(standin).models.retrieve(MODEL) == GARBAGE_BODY.decode()
    standin.inject(path="/models/*", garbage=True)
    with pytest.raises(openai.APIResponseValidationError):
        client(standin, _strict_response_validation=True).models.retrieve(MODEL)
    standin.inject(path="/models/*", garbage=True, status=502)
    with pytest.raises(openai.InternalServerError) as info:
        client(standin).models.retrieve(MODEL)
    assert info.value.body == GARBAGE_BODY.decode()
    standin.inject(garbage=True)
    status, headers, body = raw(standin, "/v1/models")
    assert (status, headers["content-type"], body) == (200, "text/html", GARBAGE_BODY)
    # Claiming JSON but sending garbage: the SDK lets the plain json.JSONDecodeError (a ValueError) out,
    # not an openai error; the app's error mapping has to catch that too.
    standin.inject(path="/models/*", garbage=True, headers={"content-type": "application/json"})
    with pytest.raises(ValueError):
        client(standin).models.retrieve(MODEL)


def test_inject_rejects_nonsense(standin: StandinServer) -> None:
    with pytest.raises(ValueError):
        standin.inject(drop=True, status=500)
    with pytest.raises(ValueError):
        standin.inject(body={"error": {}})
    with pytest.raises(ValueError):
        standin.inject(status=500, times=0)


# --- recording, routes, lifecycle ----------------------------------------------------------------


def test_recording_is_thread_safe(standin: StandinServer) -> None:
    sdk = client(standin)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                sdk.models.list()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(standin.requests_to("/models", "GET")) == 40


def test_query_and_headers_are_recorded(standin: StandinServer) -> None:
    client(standin).models.list(extra_query={"limit": "3"}, extra_headers={"X-Custom": "Yes"})
    request = standin.requests[-1]
    assert request.query == {"limit": "3"}
    assert request.headers["x-custom"] == "Yes"
    assert request.json is None


def test_routes_extension_point(standin: StandinServer) -> None:
    def job(ctx: RouteContext) -> Reply:
        return Reply(body={"id": ctx.params["job_id"], "object": "fine_tuning.job", "status": "paused"})

    standin.routes[("GET", "/fine_tuning/jobs/{job_id}")] = job
    fetched = client(standin).fine_tuning.jobs.retrieve("ftjob-abc123")
    assert (fetched.id, fetched.status) == ("ftjob-abc123", "paused")


def test_crashing_route_answers_500_and_is_reported() -> None:
    def broken(ctx: RouteContext) -> Reply:
        raise RuntimeError("boom")

    with StandinServer() as server:
        server.routes[("GET", "/broken")] = broken
        with pytest.raises(openai.InternalServerError, match="boom"):
            client(server).get("/broken", cast_to=object)
        assert [str(e) for e in server.errors] == ["boom"]
        server.reset()
        assert server.errors == [] and server.requests == [] and ("GET", "/broken") not in server.routes


def test_stop_is_prompt_with_open_and_pending_connections() -> None:
    server = StandinServer().start()
    sdk = client(server)
    sdk.models.list()  # leaves an idle keep-alive connection in the SDK's pool
    server.inject(delay=30)
    outcome: list[BaseException] = []

    def pending() -> None:
        try:
            sdk.models.list()
        except openai.APIConnectionError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=pending)
    thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    server.stop()
    thread.join(timeout=5)
    assert time.monotonic() - started < 1.5
    assert len(outcome) == 1  # the waiting client saw the connection go away
    server.stop()  # idempotent


# --- the official spec ----------------------------------------------------------------------------


def test_responses_match_the_official_spec(standin: StandinServer) -> None:
    status, _, body = raw(standin, "/v1/models")
    assert status == 200
    listing = json.loads(body)
    spec.validate(listing, "ListModelsResponse")
    for model in listing["data"]:
        spec.validate(model, "Model")

    status, _, body = raw(standin, "/v1/models/ft:gpt-4.1-mini-2025-04-14:acme::abc123")
    spec.validate(json.loads(body), "Model")

    status, _, body = raw(standin, "/v1/chat/completions", body={"model": MODEL, "messages": MESSAGES})
    spec.validate(json.loads(body), "CreateChatCompletionResponse")

    for options in ({"include_usage": True}, None):
        request = {"model": MODEL, "messages": MESSAGES, "stream": True, "n": 2}
        if options:
            request["stream_options"] = options
        status, headers, body = raw(standin, "/v1/chat/completions", body=request)
        assert headers["content-type"].startswith("text/event-stream")
        events = sse_events(body)
        assert events[-1] == "[DONE]"
        assert len(events) > 4
        for event in events[:-1]:
            spec.validate(json.loads(event), "CreateChatCompletionStreamResponse")


def test_error_bodies_match_the_official_spec(standin: StandinServer) -> None:
    bodies = []
    for status in (400, 401, 403, 404, 408, 409, 418, 422, 429, 500, 502, 503):
        standin.inject(status=status)
        bodies.append(raw(standin, "/v1/models")[2])
    bodies.append(raw(standin, "/v1/models", headers={"Authorization": "Bearer sk-wrong-0123456789"})[2])
    bodies.append(raw(standin, "/v1/models", auth=False)[2])
    bodies.append(raw(standin, "/v1/models/gpt-nope")[2])
    bodies.append(raw(standin, "/v1/no/such/route")[2])
    bodies.append(raw(standin, "/openai/models", auth=False)[2])
    for body in bodies:
        spec.validate(json.loads(body), "ErrorResponse")


def test_validator_rejects_broken_objects() -> None:
    with pytest.raises(AssertionError, match=r"'Model'[\s\S]*'id' is a required property"):
        spec.validate({"object": "model", "created": 1686935002, "owned_by": "openai"}, "Model")
    with pytest.raises(AssertionError, match="shutdown_date"):
        spec.validate({"id": "m", "object": "model", "created": 1, "owned_by": "o", "shutdown_date": "soon"}, "Model")
    with pytest.raises(AssertionError):
        spec.validate({"error": {"message": "x", "type": "y"}}, "ErrorResponse")  # param/code missing
    with pytest.raises(KeyError):
        spec.validate({}, "NoSuchSchema")


def _job(status: str) -> dict[str, Any]:
    return {
        "id": "ftjob-abc123",
        "object": "fine_tuning.job",
        "created_at": 1721764800,
        "error": None,
        "fine_tuned_model": None,
        "finished_at": None,
        "hyperparameters": {"n_epochs": "auto"},
        "model": MODEL,
        "organization_id": "org-123",
        "result_files": [],
        "status": status,
        "trained_tokens": None,
        "training_file": "file-abc",
        "validation_file": None,
        "seed": 42,
    }


def test_known_gaps_are_allowed_and_nothing_else() -> None:
    spec.validate(_job("running"), "FineTuningJob")
    spec.validate(_job("paused"), "FineTuningJob")
    with pytest.raises(AssertionError, match="paused"):
        spec.validate(_job("paused"), "FineTuningJob", allow_known_gaps=False)
    with pytest.raises(AssertionError, match="exploding"):
        spec.validate(_job("exploding"), "FineTuningJob")

    event = {
        "object": "fine_tuning.job.event",
        "id": "ftevent-1",
        "created_at": 1,
        "level": "info",
        "message": "Moderation checks passed",
        "type": "moderation_checks",
    }
    spec.validate(event, "FineTuningJobEvent")
    with pytest.raises(AssertionError):
        spec.validate(event, "FineTuningJobEvent", allow_known_gaps=False)
    with pytest.raises(AssertionError):
        spec.validate({**event, "type": "gossip"}, "FineTuningJobEvent")


def test_openapi_30_leftovers_are_read_as_intended() -> None:
    # ``exclusiveMinimum: true`` next to ``minimum: 0``: 0.5 is fine, 0 is not.
    spec.validate({"learning_rate_multiplier": 0.5}, "FineTuneSupervisedHyperparameters")
    with pytest.raises(AssertionError):
        spec.validate({"learning_rate_multiplier": 0}, "FineTuneSupervisedHyperparameters")
    # ``allOf: [{$ref}, {nullable: true}]``: a pending upload has ``file: null``.
    upload = {
        "id": "upload_1",
        "object": "upload",
        "bytes": 10,
        "created_at": 1,
        "expires_at": 2,
        "filename": "train.jsonl",
        "purpose": "fine-tune",
        "status": "pending",
        "file": None,
    }
    spec.validate(upload, "Upload")
    with pytest.raises(AssertionError):
        spec.validate({**upload, "status": None}, "Upload")  # only ``file`` became nullable
