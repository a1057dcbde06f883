"""One chat call to one model, for the Playground (streamed), batch runs and the annotator (not streamed).

Qt-free and SDK-free: the ``AsyncOpenAI`` client made by ``providers`` is used by duck typing, and
every provider failure, before or during an answer, comes back as ``ChatResult.error`` (a
``ProviderError`` with a plain message), never as an exception, so one failing pane never stops the
others. Only cancellation (the user's Stop) propagates, after the stream was closed.

A fine-tuned model can answer 404 for a few minutes after its job succeeded. That is retried with a
short backoff (``not_ready_wait`` seconds in all) instead of being reported at once; a base model's
404 is an error straight away.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.formats import tokenizer
from app.formats.chat_models import chat_cost, rejected_params
from app.formats.model import Kind
from app.formats.prices import PriceTable
from app.formats.tokens import TokenizerUnavailable, count_example, count_text
from app.i18n import N_, _, ngettext, number
from app.models.chat import ChatParams, ChatStats
from app.models.connection import ConnectionProfile
from app.runtime.processes import process_pool
from app.runtime.threads import run_blocking
from app.services import providers
from app.services.provider_errors import ErrorKind, ProviderError

log = logging.getLogger(__name__)

NOT_READY_WAITING = N_("The model is not ready yet; trying again…")  # translate with _() where shown
# 404 codes meaning "no such model (yet)": OpenAI's, and Azure's for a deployment still being set up.
_NOT_READY_CODES = frozenset({"model_not_found", "DeploymentNotFound"})
MAX_BACKOFF = 5.0
_MAX_CHOICES = 128  # the API's upper bound for n


@dataclass(frozen=True)
class ChatTarget:
    """Which model to call, and through which connection."""

    profile: ConnectionProfile
    model: str  # model id; for Azure OpenAI the *deployment name*
    base_model: str | None = None  # the model behind an Azure deployment (rules + price); None = model

    @property
    def rules_model(self) -> str:
        """The model whose parameter rules and price apply."""
        return self.base_model or self.model

    @property
    def is_fine_tuned(self) -> bool:
        """True for the user's own models (``ft:`` ids, Azure ``.ft-`` models), which may be "not ready yet"."""
        return any(m.startswith("ft:") or ".ft-" in m for m in (self.model, self.base_model or ""))


@dataclass
class ChatResult:
    """One answer: its text (partial when it failed midway), how it went, and the error if any."""

    text: str
    stats: ChatStats
    error: ProviderError | None = None
    choices: list[str] = field(default_factory=list)  # every choice's text (n > 1); text is choices[0]
    left_out: dict[str, str] = field(default_factory=dict)  # parameters not sent -> plain reason

    @property
    def ok(self) -> bool:
        """True when the answer arrived complete."""
        return self.error is None


def request_kwargs(target: ChatTarget, params: ChatParams) -> tuple[dict[str, Any], dict[str, str]]:
    """The keyword arguments for ``chat.completions.create`` (model and the parameters that apply to
    it) and the set parameters that are left out, each with the plain reason.

    ``max_completion_tokens`` is used, never the deprecated ``max_tokens`` that o-series models reject.
    """
    rejected = rejected_params(target.rules_model)
    kwargs: dict[str, Any] = {"model": target.model}
    left_out: dict[str, str] = {}
    for name in ("temperature", "top_p", "reasoning_effort"):
        value = getattr(params, name)
        if value is None:
            continue
        if name in rejected:
            left_out[name] = rejected[name]
        else:
            kwargs[name] = value
    if params.max_completion_tokens is not None:
        kwargs["max_completion_tokens"] = params.max_completion_tokens
    if params.seed is not None:
        kwargs["seed"] = params.seed
    return kwargs, left_out


# --- errors ----------------------------------------------------------------------------------------


def _is_not_ready(exc: BaseException, target: ChatTarget) -> bool:
    return (
        target.is_fine_tuned
        and getattr(exc, "status_code", None) == 404
        and getattr(exc, "code", None) in _NOT_READY_CODES
    )


def _before_answer_error(exc: BaseException, target: ChatTarget) -> ProviderError:
    err = providers.map_error(exc, target.profile, operation="chat")
    if err.kind is ErrorKind.NOT_FOUND:
        message = _(
            "“{model}” is not available on the connection “{name}”: the model (or Azure "
            "deployment) does not exist, was deleted, or this key may not use it. Check its name."
        ).format(model=target.model, name=target.profile.name)
        return ProviderError(err.kind, message, err.details, err.status, err.request_id)
    return err


def _not_ready_error(exc: BaseException, target: ChatTarget, waited: float) -> ProviderError:
    err = providers.map_error(exc, target.profile, operation="chat")
    if waited < 2:
        message = _(
            "“{model}” is not ready yet: the provider still did not know it after a few seconds. "
            "A newly fine-tuned model can take a few minutes before it answers; try again shortly."
        )
    else:
        message = ngettext(
            "“{model}” is not ready yet: the provider still did not know it after {n} second. "
            "A newly fine-tuned model can take a few minutes before it answers; try again shortly.",
            "“{model}” is not ready yet: the provider still did not know it after {n} seconds. "
            "A newly fine-tuned model can take a few minutes before it answers; try again shortly.",
            round(waited),
        )
    message = message.format(model=target.model, n=number(waited))
    return ProviderError(ErrorKind.NOT_FOUND, message, err.details, err.status, err.request_id)


def _midway_error(exc: BaseException, target: ChatTarget, partial: bool) -> ProviderError:
    """The error for a stream that broke after it started, worded for that situation."""
    kept = " " + _("The part of the answer received so far is kept.") if partial else ""
    body = getattr(exc, "body", None)
    if getattr(exc, "status_code", None) is None and isinstance(body, dict):
        # An error event inside the stream (the SDK raises a bare APIError carrying its body).
        said = str(body.get("message") or _("no reason given"))
        label = f"{body.get('type') or ''} {body.get('code') or ''}".lower()
        kind = ErrorKind.OTHER
        if "rate_limit" in label:
            kind = ErrorKind.RATE_LIMIT
        elif "server" in label:
            kind = ErrorKind.SERVER
        message = _("The model stopped partway: the provider reported a problem on its side (“{said}”). Try "
                    "again.").format(said=said) + kept
        return ProviderError(kind, message, f"error event in the stream from “{target.profile.name}”: {body}")
    err = providers.map_error(exc, target.profile, operation="chat")
    if err.kind is ErrorKind.UNREACHABLE:
        message = _("The connection broke off before the answer was complete. Check your connection and try "
                    "again.") + kept
    elif err.kind is ErrorKind.TIMEOUT:
        message = _("The model stopped sending before the answer was complete (it took too long). Try "
                    "again.") + kept
    else:
        message = err.message + kept
    return ProviderError(err.kind, message, err.details, err.status, err.request_id)


# --- the call --------------------------------------------------------------------------------------


async def _create(
    client: Any,
    target: ChatTarget,
    kwargs: dict[str, Any],
    on_waiting: Callable[[str], None] | None,
    not_ready_wait: float,
    backoff: float,
) -> tuple[Any, float]:
    """``chat.completions.create(**kwargs)`` with the not-ready retry; returns (response, start time).

    Raises ``ProviderError`` for any failure (the SDK has already retried 429/5xx/connection errors).
    """
    deadline = time.monotonic() + max(0.0, not_ready_wait)
    delay = max(0.0, backoff)
    while True:
        started = time.monotonic()
        try:
            return await client.chat.completions.create(**kwargs), started
        except Exception as exc:  # noqa: BLE001 - SDK errors cannot be named here (no openai import)
            if not _is_not_ready(exc, target):
                raise _before_answer_error(exc, target) from exc
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _not_ready_error(exc, target, not_ready_wait) from exc
        log.info("chat model %s not ready yet; retrying in %.2f s", target.model, delay)
        if on_waiting is not None:
            on_waiting(_(NOT_READY_WAITING))
        await asyncio.sleep(min(delay, remaining))
        delay = min(max(delay * 2, 0.05), MAX_BACKOFF)


def _get(obj: Any, name: str) -> Any:
    """A field of an SDK object or of a plain dict (compatible servers' odd shapes), else None."""
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _read_chunk(chunk: Any) -> tuple[Any, list[tuple[int, str]], str | None]:
    """(usage, [(choice index, text piece)], first choice's finish reason) of one stream chunk."""
    pieces: list[tuple[int, str]] = []
    finish: str | None = None
    for choice in _get(chunk, "choices") or ():
        index = int(_get(choice, "index") or 0)
        if not 0 <= index < _MAX_CHOICES:
            continue  # a nonsense index from an odd server: not worth a list of that size
        delta = _get(choice, "delta")
        piece = (_get(delta, "content") or "") + (_get(delta, "refusal") or "") if delta is not None else ""
        if piece:
            pieces.append((index, str(piece)))
        if index == 0 and _get(choice, "finish_reason"):
            finish = str(_get(choice, "finish_reason"))
    return _get(chunk, "usage"), pieces, finish


async def _count_offline(messages: list[dict[str, Any]], texts: list[str]) -> tuple[int, int] | None:
    """(prompt, completion) tokens counted offline, without freezing the window.

    Loading the tokenizer holds the GIL for about a second (tiktoken builds its tables in Rust without
    releasing it), so the first estimate on a thread of this process froze the GUI 0.6–0.9 s (measured
    with a cut Playground stream). Until some other code has loaded it here, the worker processes,
    which load it when they start, count instead; afterwards a thread is quicker than a round trip.
    """
    if getattr(tokenizer, "_encoding", None) is not None:
        return await run_blocking(_estimate, messages, texts)
    loop = asyncio.get_running_loop()
    try:
        pool = process_pool()
        prompt = loop.run_in_executor(pool, count_example, {"messages": messages}, Kind.SFT)
        answers = [loop.run_in_executor(pool, count_text, text) for text in texts]
        counted = await asyncio.gather(prompt, *answers)
    except TokenizerUnavailable:
        return None
    except Exception:  # noqa: BLE001 - a broken pool (killed worker…): count here after all
        log.warning("token estimate in a worker process failed; counting here", exc_info=True)
        return await run_blocking(_estimate, messages, texts)
    return counted[0].total, sum(counted[1:])


def _estimate(messages: list[dict[str, Any]], texts: list[str]) -> tuple[int, int] | None:
    """(prompt, completion) tokens counted offline with o200k_base (the cookbook recipe)."""
    try:
        prompt = count_example({"messages": messages}, Kind.SFT).total
        return prompt, sum(count_text(t) for t in texts)
    except TokenizerUnavailable:
        return None


async def _stats(
    target: ChatTarget,
    messages: list[dict[str, Any]],
    texts: list[str],
    usage: Any,
    started: float,
    first: float | None,
    finish: str | None,
    prices: PriceTable | None,
) -> ChatStats:
    total = time.monotonic() - started
    prompt, completion = _get(usage, "prompt_tokens"), _get(usage, "completion_tokens")
    estimated = False
    if not isinstance(prompt, int) or not isinstance(completion, int):
        # No usage (a cut stream, or a server that ignores include_usage): count locally, off the loop.
        counted = await _count_offline(messages, texts)
        prompt, completion = counted if counted is not None else (None, None)
        estimated = True
    cost = None
    if prompt is not None and completion is not None:
        cost = chat_cost(target.rules_model, prompt, completion, prices)
    return ChatStats(
        first_token_s=first,
        total_s=total,
        prompt_tokens=prompt,
        completion_tokens=completion,
        tokens_estimated=estimated,
        cost_usd=cost,
        finish_reason=finish,
    )


def _prepare(
    target: ChatTarget, messages: list[dict[str, Any]], params: ChatParams, n: int
) -> tuple[dict[str, Any], dict[str, str], ProviderError | None]:
    kwargs, left_out = request_kwargs(target, params)
    kwargs["messages"] = messages
    if n > 1:
        kwargs["n"] = n
    problems = params.problems()
    error = ProviderError(ErrorKind.BAD_REQUEST, " ".join(problems)) if problems else None
    return kwargs, left_out, error


async def stream_chat(
    client: Any,
    target: ChatTarget,
    messages: list[dict[str, Any]],
    params: ChatParams,
    *,
    on_delta: Callable[[str], None] | None = None,
    on_waiting: Callable[[str], None] | None = None,
    prices: PriceTable | None = None,
    not_ready_wait: float = 30.0,
    not_ready_backoff: float = 1.0,
    n: int = 1,
) -> ChatResult:
    """Stream one answer from ``target``; ``on_delta`` gets each text piece of the first choice as it arrives.

    Times (``time.monotonic``) run from the request that answered: to the first text piece, and in all.
    Tokens come from the final usage chunk, else they are estimated offline (``tokens_estimated``).
    Failures are returned in ``ChatResult.error`` with the text received until then; cancelling the
    task closes the stream (the connection is released) and re-raises ``CancelledError``.
    ``not_ready_backoff`` is the first pause of the not-ready retry (doubling up to 5 s).
    """
    kwargs, left_out, invalid = _prepare(target, messages, params, n)
    if invalid is not None:
        return ChatResult("", ChatStats(), invalid, [""], left_out)
    kwargs["stream"] = True
    kwargs["stream_options"] = {"include_usage": True}
    begun = time.monotonic()
    try:
        stream, started = await _create(client, target, kwargs, on_waiting, not_ready_wait, not_ready_backoff)
    except ProviderError as err:
        log.info("chat with %s failed before answering: %s", target.model, err.kind)
        return ChatResult("", ChatStats(total_s=time.monotonic() - begun), err, [""], left_out)

    parts: list[list[str]] = [[] for _i in range(max(1, n))]
    usage: Any = None
    first: float | None = None
    finish: str | None = None
    failure: BaseException | None = None
    chunks = 0
    try:
        while True:
            try:
                chunk = await stream.__anext__()
                chunk_usage, pieces, chunk_finish = _read_chunk(chunk)
            except StopAsyncIteration:
                break
            except Exception as exc:  # noqa: BLE001 - dropped connection, error event, timeout, odd chunk…
                failure = exc
                break
            chunks += 1
            usage = chunk_usage or usage
            finish = chunk_finish or finish
            for index, piece in pieces:
                if first is None:
                    first = time.monotonic() - started
                while index >= len(parts):
                    parts.append([])
                parts[index].append(piece)
                if index == 0 and on_delta is not None:
                    on_delta(piece)
    finally:
        # Runs on Stop (CancelledError) too: closing the response releases the connection at once.
        with contextlib.suppress(Exception):
            await stream.close()

    if failure is None and chunks == 0:
        failure = ValueError("the stream ended without a single chunk")  # not an SSE chat stream at all
    texts = ["".join(p) for p in parts]
    error = _midway_error(failure, target, bool(texts[0])) if failure is not None else None
    if error is not None:
        log.info("chat stream from %s broke off: %s", target.model, error.kind)
    stats = await _stats(target, messages, texts, usage, started, first, finish, prices)
    return ChatResult(texts[0], stats, error, texts, left_out)


async def complete_chat(
    client: Any,
    target: ChatTarget,
    messages: list[dict[str, Any]],
    params: ChatParams,
    *,
    prices: PriceTable | None = None,
    not_ready_wait: float = 30.0,
    not_ready_backoff: float = 1.0,
    on_waiting: Callable[[str], None] | None = None,
    n: int = 1,
) -> ChatResult:
    """One answer from ``target`` without streaming (batch runs): the same rules, retry and errors
    as :func:`stream_chat`; ``first_token_s`` stays None (it cannot be measured)."""
    kwargs, left_out, invalid = _prepare(target, messages, params, n)
    if invalid is not None:
        return ChatResult("", ChatStats(), invalid, [""], left_out)
    begun = time.monotonic()
    try:
        response, started = await _create(client, target, kwargs, on_waiting, not_ready_wait, not_ready_backoff)
        texts: list[str] = []
        finish: str | None = None
        for choice in sorted(_get(response, "choices") or (), key=lambda c: _get(c, "index") or 0):
            message = _get(choice, "message")
            texts.append((_get(message, "content") or "") + (_get(message, "refusal") or ""))
            if finish is None and _get(choice, "finish_reason"):
                finish = str(_get(choice, "finish_reason"))
        usage = _get(response, "usage")
        if not texts:
            raise ValueError(f"no choices in the answer: {str(response)[:200]}")
    except ProviderError as err:
        log.info("chat with %s failed: %s", target.model, err.kind)
        return ChatResult("", ChatStats(total_s=time.monotonic() - begun), err, [""], left_out)
    except (AttributeError, TypeError, ValueError) as exc:
        # The SDK does not validate bodies: a server answering something else fails while it is read.
        err = providers.map_error(ValueError(repr(exc)), target.profile, operation="chat")
        return ChatResult("", ChatStats(total_s=time.monotonic() - begun), err, [""], left_out)
    stats = await _stats(target, messages, texts, usage, started, None, finish, prices)
    return ChatResult(texts[0], stats, None, texts, left_out)
