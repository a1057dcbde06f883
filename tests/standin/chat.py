"""Chat completions for the stand-in server: plain and streamed (SSE) answers, and their faults.

Installed by ``StandinServer._set_defaults`` through :func:`install_chat`. The knobs live on the
server (reset with it):

* ``reply_text``: the answer (a string, or a callable of the ``RecordedRequest``); ``n`` choices repeat it.
* ``stream_delay``: seconds between SSE events; ``first_token_delay``: seconds before the first one
  (a plain answer waits that long too), as a slow model's time to first token.
* ``stream_error_after = N``: after N chunk events send ``data: {"error": {...}}`` and end the stream
  without ``[DONE]``, as the live service does when it fails midway (the SDK raises ``APIError``).
* ``not_ready = {"ft:...": K}``: the next K chat requests for that model (Azure: deployment) answer
  404, like a freshly fine-tuned model that is not served yet (OpenAI ``model_not_found``; Azure
  ``DeploymentNotFound``). The count goes down with each refusal.
* ``stream_usage``: False ignores ``stream_options.include_usage`` (some compatible servers do),
  so no usage chunk is ever sent.
* ``validate_chunks``: every chunk, plain answer and error event is checked against the official
  spec (``CreateChatCompletionStreamResponse``, ``CreateChatCompletionResponse``, ``ErrorResponse``)
  as it is produced; a mismatch is recorded as a handler error, which fails the test.
* ``chat_streams``: how each streamed answer ended, in order: ``"complete"``, ``"error event"``,
  ``"closed early"`` (the client hung up, or ``inject(drop_after_chunks=…)`` cut it) or ``"stopped"``.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from tests.standin.server import Reply, RouteContext, _model_not_found, error_body

if TYPE_CHECKING:
    from tests.standin.server import StandinServer

STREAM_ERROR_MESSAGE = "The server had an error while processing your request. Sorry about that!"
AZURE_NOT_READY_MESSAGE = (
    "The API deployment for this resource does not exist. If you created the deployment within the last "
    "5 minutes, please wait a moment and try again."
)


def install_chat(server: StandinServer) -> None:
    """Register the chat-completions route on ``server``."""
    server.routes[("POST", "/chat/completions")] = chat_completions


def split_words(text: str) -> list[str]:
    """Word pieces like the live service's tokens ("Hello", " from", ...); they join back to ``text``."""
    pieces = re.findall(r"\s*\S+", text)
    tail = text[len("".join(pieces)) :]
    if tail:
        if pieces:
            pieces[-1] += tail
        else:
            pieces = [tail]
    return pieces


def count_prompt_tokens(messages: list[Any]) -> int:
    """The stand-in's prompt token count: words plus a per-message overhead (not tiktoken's figure)."""
    count = 0
    for message in messages:
        count += 4  # per-message overhead, roughly as in the cookbook's counting recipe
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            count += len(content.split())
        elif isinstance(content, list):
            for part in content:
                if isinstance(part, dict) and isinstance(part.get("text"), str):
                    count += len(part["text"].split())
    return count + 3


def usage_body(prompt_tokens: int, completion_tokens: int) -> dict[str, Any]:
    """A ``CompletionUsage`` object with every detail field the live service sends."""
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def _check(server: StandinServer, obj: Any, schema: str) -> None:
    """Record a handler error when ``obj`` does not match ``schema`` (with ``validate_chunks`` on)."""
    if not server.validate_chunks:
        return
    from tests.standin import spec  # noqa: PLC0415 - loading the spec costs ~0.25 s; only when used

    problems = spec.errors(obj, schema)
    if problems:
        server._record_error(AssertionError(f"stand-in chat {schema} off spec: {problems}"))


def _take_not_ready(server: StandinServer, model: str) -> bool:
    """Whether this request for ``model`` is one of the refused "not ready yet" ones (counts it)."""
    with server._lock:
        left = server.not_ready.get(model, 0)
        if left <= 0:
            return False
        server.not_ready[model] = left - 1
        return True


def _not_ready_reply(server: StandinServer, ctx: RouteContext, model: str) -> Reply:
    if ctx.request.api == "azure":
        body = error_body(AZURE_NOT_READY_MESSAGE, "invalid_request_error", None, "DeploymentNotFound")
        _check(server, body, "ErrorResponse")
        return Reply(status=404, body=body)
    return _model_not_found(model)


def chat_completions(ctx: RouteContext) -> Reply:
    """``POST /chat/completions`` (both flavours; Azure answers as model ``{deployment}``)."""
    server, request = ctx.server, ctx.request
    body = request.json
    if not isinstance(body, dict):
        return Reply.error(
            400,
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using "
            "your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not "
            "valid JSON.)",
            "invalid_request_error",
        )
    model = request.model
    if not model:
        return Reply.error(400, "you must provide a model parameter", "invalid_request_error")
    messages = body.get("messages")
    if not isinstance(messages, list):
        return Reply.error(
            400,
            "Missing required parameter: 'messages'.",
            "invalid_request_error",
            "messages",
            "missing_required_parameter",
        )
    if _take_not_ready(server, model):
        return _not_ready_reply(server, ctx, model)
    if server.check_models and request.api == "openai" and server.find_model(model) is None:
        return _model_not_found(model)

    n = body.get("n") if isinstance(body.get("n"), int) and body["n"] > 0 else 1
    pieces = split_words(server.answer_text(request))
    limit = body.get("max_completion_tokens") or body.get("max_tokens")
    finish_reason = "stop"
    if isinstance(limit, int) and 0 < limit < len(pieces):
        pieces, finish_reason = pieces[:limit], "length"
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:29]}"
    created = int(time.time())
    usage = usage_body(count_prompt_tokens(messages), len(pieces) * n)
    common = {"id": completion_id, "created": created, "model": model, "system_fingerprint": "fp_standin"}

    if body.get("stream") is True:
        options = body.get("stream_options")
        include_usage = server.stream_usage and isinstance(options, dict) and options.get("include_usage") is True
        # The log is bound now: a stream that ends after a reset() reports to the log of its own test.
        log = server.chat_streams
        stream = chat_stream(server, common, n, pieces, finish_reason, usage if include_usage else None, log)
        return Reply(stream=stream)

    if not server.sleep(server.first_token_delay):
        return Reply.error(503, "The stand-in server is stopping.", "server_error")
    choices = [
        {
            "index": i,
            "message": {"role": "assistant", "content": "".join(pieces), "refusal": None, "annotations": []},
            "logprobs": None,
            "finish_reason": finish_reason,
        }
        for i in range(n)
    ]
    answer = {"object": "chat.completion", **common, "choices": choices, "usage": usage, "service_tier": "default"}
    _check(server, answer, "CreateChatCompletionResponse")
    return Reply(body=answer)


def chat_stream(
    server: StandinServer,
    common: dict[str, Any],
    n: int,
    pieces: list[str],
    finish_reason: str,
    usage: dict[str, Any] | None,
    log: list[str] | None = None,
) -> Iterator[bytes]:
    """SSE events for a streamed chat completion: ``first_token_delay`` before the first event,
    ``stream_delay`` between the others, an error event after ``stream_error_after`` chunks."""

    def chunk(choices: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
        obj = {"object": "chat.completion.chunk", **common, "service_tier": "default", "choices": choices}
        if usage is not None:
            obj["usage"] = None  # with include_usage the live service sends usage: null until the end
        obj.update(extra)
        return obj

    def choice(index: int, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {"index": index, "delta": delta, "logprobs": None, "finish_reason": finish}

    chunks = [chunk([choice(i, {"role": "assistant", "content": "", "refusal": None}) for i in range(n)])]
    for piece in pieces:
        chunks.extend(chunk([choice(i, {"content": piece})]) for i in range(n))
    chunks.append(chunk([choice(i, {}, finish_reason) for i in range(n)]))
    if usage is not None:
        chunks.append(chunk([], usage=usage))

    error_after = server.stream_error_after
    outcome = "closed early"  # what GeneratorExit (a hung-up client or an injected cut) leaves behind
    try:
        for index, obj in enumerate(chunks):
            if index == error_after:
                failure = error_body(STREAM_ERROR_MESSAGE, "server_error")
                _check(server, failure, "ErrorResponse")
                outcome = "error event"
                yield b"data: " + _dumps(failure) + b"\n\n"
                return
            delay = server.first_token_delay if index == 0 else server.stream_delay
            if not server.sleep(delay):
                outcome = "stopped"
                return
            _check(server, obj, "CreateChatCompletionStreamResponse")
            yield b"data: " + _dumps(obj) + b"\n\n"
        yield b"data: [DONE]\n\n"
        outcome = "complete"
    finally:
        (server.chat_streams if log is None else log).append(outcome)


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj).encode()
