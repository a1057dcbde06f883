"""The stand-in server's chat knobs over plain HTTP: a slow first token, an error event midway,
"not ready yet" models, streams without usage, the stream log, and every event checked against the
official spec (both by the server as it sends and by the test on what arrived)."""

from __future__ import annotations

import contextlib
import json
import time
import urllib.error
import urllib.request
from typing import Any

from tests.standin import spec
from tests.standin.chat import STREAM_ERROR_MESSAGE, _check
from tests.standin.server import StandinServer

MODEL = "gpt-4.1-mini-2025-04-14"
FT = "ft:gpt-4.1-mini-2025-04-14:acme::abc123"
MESSAGES = [{"role": "user", "content": "Say hello."}]


def post(server: StandinServer, body: dict[str, Any], *, azure: str | None = None) -> tuple[int, bytes]:
    """POST a chat request (OpenAI flavour, or Azure to deployment ``azure``): (status, body)."""
    if azure:
        url = f"{server.url}/openai/deployments/{azure}/chat/completions?api-version=2025-04-01-preview"
        headers = {"api-key": server.api_key}
    else:
        url = f"{server.base_url}/chat/completions"
        headers = {"Authorization": f"Bearer {server.api_key}"}
    headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.read()


def streamed(**extra: Any) -> dict[str, Any]:
    return {"model": MODEL, "messages": MESSAGES, "stream": True, **extra}


def test_every_event_matches_the_spec(standin_shared: StandinServer) -> None:
    status, body = post(standin_shared, streamed(n=2, stream_options={"include_usage": True}))
    assert status == 200
    events = spec.validate_chat_stream(body)
    assert events[-1] == "[DONE]"
    assert events[-2]["choices"] == [] and events[-2]["usage"]["completion_tokens"] > 0
    assert standin_shared.chat_streams == ["complete"]
    assert standin_shared.validate_chunks  # on by default: the server checked them as it sent them too


def test_first_token_delay(standin_shared: StandinServer) -> None:
    post(standin_shared, streamed())  # loads the spec once, outside the measurement
    standin_shared.first_token_delay = 0.25
    started = time.monotonic()
    status, body = post(standin_shared, streamed())
    assert status == 200 and time.monotonic() - started >= 0.25
    assert "".join(e["choices"][0]["delta"].get("content") or "" for e in spec.validate_chat_stream(body)[:-1])
    started = time.monotonic()
    status, body = post(standin_shared, {"model": MODEL, "messages": MESSAGES})  # a plain answer waits too
    assert status == 200 and time.monotonic() - started >= 0.25
    spec.validate(json.loads(body), "CreateChatCompletionResponse")


def test_error_event_midway(standin_shared: StandinServer) -> None:
    standin_shared.stream_error_after = 3
    status, body = post(standin_shared, streamed(stream_options={"include_usage": True}))
    assert status == 200
    events = spec.validate_chat_stream(body)
    assert len(events) == 4 and "[DONE]" not in events  # role chunk, two words, then the error
    assert events[-1]["error"]["message"] == STREAM_ERROR_MESSAGE
    assert events[-1]["error"]["type"] == "server_error"
    assert standin_shared.chat_streams == ["error event"]


def test_not_ready_counts_down(standin_shared: StandinServer) -> None:
    standin_shared.not_ready = {FT: 2}
    for _ in range(2):
        status, body = post(standin_shared, {"model": FT, "messages": MESSAGES})
        assert status == 404
        error = json.loads(body)
        spec.validate(error, "ErrorResponse")
        assert error["error"]["code"] == "model_not_found"
    assert standin_shared.not_ready == {FT: 0}
    status, _ = post(standin_shared, {"model": FT, "messages": MESSAGES})
    assert status == 200


def test_not_ready_on_azure_is_a_missing_deployment(standin_shared: StandinServer) -> None:
    standin_shared.not_ready = {"my-ft": 1}
    status, body = post(standin_shared, {"messages": MESSAGES}, azure="my-ft")
    assert status == 404
    assert json.loads(body)["error"]["code"] == "DeploymentNotFound"
    assert post(standin_shared, {"messages": MESSAGES}, azure="my-ft")[0] == 200


def test_stream_without_usage(standin_shared: StandinServer) -> None:
    standin_shared.stream_usage = False
    _, body = post(standin_shared, streamed(stream_options={"include_usage": True}))
    events = spec.validate_chat_stream(body)[:-1]
    assert all("usage" not in e for e in events)
    assert events[-1]["choices"][0]["finish_reason"] == "stop"


def test_a_cut_stream_is_logged(standin_shared: StandinServer) -> None:
    standin_shared.inject(path="/chat/completions", drop_after_chunks=2)
    with contextlib.suppress(Exception):  # urllib reports the cut body in several ways
        post(standin_shared, streamed())
    deadline = time.monotonic() + 2
    while not standin_shared.chat_streams and time.monotonic() < deadline:
        time.sleep(0.01)
    assert standin_shared.chat_streams == ["closed early"]


def test_reset_restores_the_chat_knobs(standin_shared: StandinServer) -> None:
    standin_shared.first_token_delay = 1.0
    standin_shared.stream_error_after = 1
    standin_shared.not_ready = {FT: 3}
    standin_shared.stream_usage = False
    standin_shared.chat_streams.append("complete")
    standin_shared.reset()
    assert standin_shared.first_token_delay == 0.0
    assert standin_shared.stream_error_after is None
    assert standin_shared.not_ready == {}
    assert standin_shared.stream_usage is True
    assert standin_shared.chat_streams == []
    assert ("POST", "/chat/completions") in standin_shared.routes


def test_off_spec_chunks_are_recorded_as_stand_in_bugs() -> None:
    server = StandinServer()  # never started: only its error log is used
    _check(server, {"object": "chat.completion.chunk", "choices": []}, "CreateChatCompletionStreamResponse")
    assert len(server.errors) == 1 and "off spec" in str(server.errors[0])
    server.validate_chunks = False
    _check(server, {"nonsense": True}, "CreateChatCompletionStreamResponse")
    assert len(server.errors) == 1
