"""The chat core: which parameters each model gets, what answers cost, and streamed / plain calls
against the stand-in server over real HTTP with the real SDK client (``providers.build_client``)."""

from __future__ import annotations

import asyncio
import time

import pytest
import pytest_asyncio
from hypothesis import given, settings
from hypothesis import strategies as st

from app.formats.chat_models import chat_cost, chat_price, is_reasoning_model, rejected_params
from app.formats.model import Kind
from app.formats.prices import PriceRow, PriceTable
from app.formats.tokens import count_example, count_text
from app.models.chat import REASONING_EFFORTS, ChatParams
from app.models.connection import ConnectionProfile, ProviderKind
from app.services import providers
from app.services.chat import NOT_READY_WAITING, ChatTarget, complete_chat, request_kwargs, stream_chat
from app.services.provider_errors import ErrorKind
from tests.standin.chat import count_prompt_tokens

MODEL = "gpt-4.1-mini-2025-04-14"
FT = "ft:gpt-4.1-mini-2025-04-14:acme::abc123"
O4 = "o4-mini-2025-04-16"
FT_O4 = "ft:o4-mini-2025-04-16:org::abc"
CKPT_O4 = "ft:o4-mini-2025-04-16:org::abc:ckpt-step-10"
MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Say hello."}]
ANSWER = "One two three four five."
ALL_SET = ChatParams(temperature=0.7, top_p=0.9, max_completion_tokens=50, seed=42, reasoning_effort="low")
OPENAI = ConnectionProfile(name="Work")


# One event loop and one client for the module: building a client loads the certificate store
# (~0.1 s), which would otherwise be most of this file's time.
ASYNC = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared_client(standin_session):
    """(profile, SDK client with the app's defaults but a short timeout) on the session's stand-in."""
    profile = ConnectionProfile(name="Work", base_url=standin_session.base_url)
    client = providers.build_client(profile, standin_session.api_key, timeout=5.0)
    yield profile, client
    await client.close()


@pytest.fixture
def env(standin_shared, shared_client):
    """(stand-in server, freshly reset, answering ``ANSWER``; profile; client)."""
    standin_shared.reply_text = ANSWER
    return (standin_shared, *shared_client)


def chats(server) -> list:
    return server.requests_to("/chat/completions", "POST")


# --- parameter rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model", ["o1", "o3", "o3-mini", O4, "gpt-5", "gpt-5-mini-2025-08-07", FT_O4, CKPT_O4, "O4-Mini"]
)
def test_reasoning_models(model):
    assert is_reasoning_model(model)
    assert set(rejected_params(model)) == {"temperature", "top_p"}


@pytest.mark.parametrize(
    "model", [MODEL, "gpt-4o", "gpt-4o-mini-2024-07-18", FT, FT + ":ckpt-step-3", "omni-moderation"]
)
def test_other_models(model):
    assert not is_reasoning_model(model)
    assert set(rejected_params(model)) == {"reasoning_effort"}


@pytest.mark.parametrize("model", [FT_O4, CKPT_O4])
def test_reasoning_request_leaves_out_sampling(model):
    kwargs, left_out = request_kwargs(ChatTarget(OPENAI, model), ALL_SET)
    assert kwargs == {"model": model, "reasoning_effort": "low", "max_completion_tokens": 50, "seed": 42}
    assert set(left_out) == {"temperature", "top_p"}
    assert all("reasoning models" in reason for reason in left_out.values())


def test_other_request_leaves_out_reasoning_effort():
    kwargs, left_out = request_kwargs(ChatTarget(OPENAI, FT), ALL_SET)
    assert kwargs == {"model": FT, "temperature": 0.7, "top_p": 0.9, "max_completion_tokens": 50, "seed": 42}
    assert list(left_out) == ["reasoning_effort"]
    assert request_kwargs(ChatTarget(OPENAI, MODEL), ChatParams()) == ({"model": MODEL}, {})


def test_azure_deployment_follows_its_base_model():
    target = ChatTarget(OPENAI, "my-deployment", base_model=O4)
    assert target.rules_model == O4
    kwargs, left_out = request_kwargs(target, ALL_SET)
    assert kwargs["model"] == "my-deployment" and "reasoning_effort" in kwargs and "temperature" not in kwargs


@settings(max_examples=60, deadline=None)
@given(
    model=st.sampled_from([MODEL, FT, O4, FT_O4, CKPT_O4, "gpt-5", "gpt-4o", "my-server-model"]),
    temperature=st.none() | st.floats(0, 2),
    top_p=st.none() | st.floats(0, 1),
    max_tokens=st.none() | st.integers(1, 100_000),
    seed=st.none() | st.integers(-(2**31), 2**31),
    effort=st.none() | st.sampled_from(REASONING_EFFORTS),
)
def test_request_rules_hold_for_any_params(model, temperature, top_p, max_tokens, seed, effort):
    params = ChatParams(temperature, top_p, max_tokens, seed, effort)
    kwargs, left_out = request_kwargs(ChatTarget(OPENAI, model), params)
    assert "max_tokens" not in kwargs
    assert kwargs.get("max_completion_tokens") == max_tokens
    assert kwargs.get("seed") == seed
    if is_reasoning_model(model):
        assert "temperature" not in kwargs and "top_p" not in kwargs
    else:
        assert "reasoning_effort" not in kwargs
    # Every parameter the user set is either sent or explained; nothing unset is sent.
    for name, value in params.to_dict().items():
        assert (name in kwargs) != (name in left_out)
        assert kwargs.get(name, value) == value
    assert set(kwargs) - {"model"} <= set(params.to_dict())


# --- prices ------------------------------------------------------------------------------------------


def test_prices():
    assert chat_price(MODEL) == (0.40, 1.60)  # base: by family, without the date
    assert chat_price("gpt-4.1") == (2.00, 8.00)
    assert chat_price("gpt-4o-2024-11-20") == (2.50, 10.00)
    assert chat_price("gpt-4o-2024-05-13") == (5.00, 15.00)  # that snapshot kept its launch price
    assert chat_price(O4) == (1.10, 4.40)
    assert chat_price(FT) == (0.80, 3.20)  # fine-tuned inference prices from the price table
    assert chat_price(CKPT_O4) == (4.00, 16.00)
    assert chat_price("gpt-unknown") is None
    assert chat_price("ft:mystery-1:org::x") is None
    table = PriceTable.default().with_row(PriceRow(FT, 5.0, input=1.0, output=2.0))
    assert chat_price(FT, table) == (1.0, 2.0)  # the user's row for the exact id wins
    assert chat_price(FT, PriceTable({})) is None
    assert chat_price(FT_O4, PriceTable({O4: PriceRow(O4, 100.0, "hour")})) is None  # no inference price


def test_costs_hand_computed():
    assert chat_cost(MODEL, 1000, 500) == pytest.approx(0.0012)  # 1000*0.40/1M + 500*1.60/1M
    assert chat_cost(FT, 2_000_000, 250_000) == pytest.approx(2.40)  # 2*0.80 + 0.25*3.20
    assert chat_cost(O4, 10_000, 3_000) == pytest.approx(0.0242)  # 0.011 + 0.0132
    assert chat_cost(MODEL, 0, 0) == 0
    assert chat_cost("gpt-unknown", 10, 10) is None


# --- streaming ---------------------------------------------------------------------------------------


@ASYNC
async def test_stream_deltas_in_order_and_usage_from_the_final_chunk(env):
    server, profile, client = env
    server.stream_delay = 0.005
    deltas: list[str] = []
    result = await stream_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams(seed=3), on_delta=deltas.append)
    assert result.ok and result.text == ANSWER
    assert deltas == ["One", " two", " three", " four", " five."]
    stats = result.stats
    assert stats.finish_reason == "stop" and not stats.tokens_estimated
    assert (stats.prompt_tokens, stats.completion_tokens) == (count_prompt_tokens(MESSAGES), 5)
    assert stats.cost_usd == pytest.approx(chat_cost(MODEL, stats.prompt_tokens, 5))
    assert 0 <= stats.first_token_s <= stats.total_s
    (request,) = chats(server)
    assert request.json["stream"] is True and request.json["stream_options"] == {"include_usage": True}
    assert request.json["seed"] == 3 and request.json["messages"] == MESSAGES
    assert server.chat_streams == ["complete"]


@ASYNC
async def test_n_choices(env):
    server, profile, client = env
    deltas: list[str] = []
    result = await stream_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams(), on_delta=deltas.append, n=2)
    assert result.choices == [ANSWER, ANSWER] and result.text == ANSWER
    assert "".join(deltas) == ANSWER  # on_delta follows the first choice only
    assert result.stats.completion_tokens == 10 and chats(server)[0].json["n"] == 2
    plain = await complete_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams(), n=2)
    assert plain.choices == [ANSWER, ANSWER]


@ASYNC
async def test_first_token_latency(env):
    server, profile, client = env
    quick = await stream_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams())  # also warms up
    server.first_token_delay = 0.3
    result = await stream_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams())
    assert 0.3 <= result.stats.first_token_s < 1.3  # generous: a loaded test machine is slow
    assert result.stats.first_token_s > quick.stats.first_token_s
    assert result.stats.total_s >= result.stats.first_token_s


@ASYNC
async def test_usage_estimated_when_no_usage_chunk(env):
    server, profile, client = env
    server.stream_usage = False
    result = await stream_chat(client, ChatTarget(profile, FT), MESSAGES, ChatParams())
    stats = result.stats
    assert result.ok and stats.tokens_estimated
    assert stats.prompt_tokens == count_example({"messages": MESSAGES}, Kind.SFT).total
    assert stats.completion_tokens == count_text(ANSWER)
    assert stats.cost_usd == pytest.approx(chat_cost(FT, stats.prompt_tokens, stats.completion_tokens))


@ASYNC
async def test_error_event_midway_keeps_the_partial_answer(env):
    server, profile, client = env
    server.stream_error_after = 3  # the role chunk and two words
    deltas: list[str] = []
    result = await stream_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams(), on_delta=deltas.append)
    assert result.text == "One two" == "".join(deltas)
    assert result.error.kind is ErrorKind.SERVER
    assert "stopped partway" in result.error.message and "kept" in result.error.message
    assert result.stats.tokens_estimated and result.stats.completion_tokens == count_text("One two")


@ASYNC
async def test_dropped_stream_keeps_the_partial_answer(env):
    server, profile, client = env
    server.inject(path="/chat/completions", drop_after_chunks=3)
    result = await stream_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams())
    assert result.text == "One two"
    assert result.error.kind is ErrorKind.UNREACHABLE
    assert "broke off" in result.error.message and "kept" in result.error.message
    assert result.stats.tokens_estimated
    assert (await stream_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams())).ok


@ASYNC
async def test_cancel_closes_the_stream(env):
    server, profile, client = env
    server.reply_text = " ".join(f"word{i}" for i in range(300))
    server.stream_delay = 0.01  # ~3 s in all: it is cut long before the end
    got = asyncio.Event()
    task = asyncio.create_task(
        stream_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams(), on_delta=lambda _: got.set())
    )
    await asyncio.wait_for(got.wait(), 2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    deadline = time.monotonic() + 2
    while not server.chat_streams and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    assert server.chat_streams == ["closed early"]  # the server saw the client hang up
    server.reply_text, server.stream_delay = ANSWER, 0.0
    assert (await stream_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams())).text == ANSWER


# --- not ready yet -----------------------------------------------------------------------------------


@ASYNC
async def test_not_ready_fine_tune_is_retried(env):
    server, profile, client = env
    server.not_ready = {FT: 2}
    waits: list[str] = []
    result = await stream_chat(
        client, ChatTarget(profile, FT), MESSAGES, ChatParams(), on_waiting=waits.append, not_ready_backoff=0.01
    )
    assert result.ok and result.text == ANSWER
    assert waits == [NOT_READY_WAITING] * 2 and len(chats(server)) == 3
    server.not_ready = {FT: 1}
    plain = await complete_chat(client, ChatTarget(profile, FT), MESSAGES, ChatParams(), not_ready_backoff=0.01)
    assert plain.ok and plain.text == ANSWER


@ASYNC
async def test_not_ready_gives_up_after_the_wait(env):
    server, profile, client = env
    server.not_ready = {FT: 1000}
    waits: list[str] = []
    started = time.monotonic()
    result = await stream_chat(
        client,
        ChatTarget(profile, FT),
        MESSAGES,
        ChatParams(),
        on_waiting=waits.append,
        not_ready_wait=0.3,
        not_ready_backoff=0.02,
    )
    assert 0.3 <= time.monotonic() - started < 1.5
    assert result.error.kind is ErrorKind.NOT_FOUND and "not ready yet" in result.error.message
    assert waits and len(chats(server)) == len(waits) + 1


@ASYNC
async def test_base_model_404_is_an_error_at_once(env):
    server, profile, client = env
    waits: list[str] = []
    result = await stream_chat(client, ChatTarget(profile, "gpt-nope"), MESSAGES, ChatParams(), on_waiting=waits.append)
    assert result.error.kind is ErrorKind.NOT_FOUND and result.error.status == 404
    assert "gpt-nope" in result.error.message and "not available" in result.error.message
    assert waits == [] and len(chats(server)) == 1 and result.text == ""


# --- errors ------------------------------------------------------------------------------------------


@ASYNC
@pytest.mark.parametrize(
    ("status", "kind", "words"),
    [
        (401, ErrorKind.AUTH, "API key"),
        (403, ErrorKind.PERMISSION, "not allowed"),
        (404, ErrorKind.NOT_FOUND, "not available"),
        (429, ErrorKind.RATE_LIMIT, "limiting requests"),
        (500, ErrorKind.SERVER, "problem on its side"),
    ],
)
async def test_errors_are_mapped_to_plain_words(env, status, kind, words):
    server, profile, client = env
    # Three times: the client's own two retries (429/5xx) meet the same answer.
    server.inject(path="/chat/completions", status=status, headers={"retry-after-ms": "1"}, times=3)
    for call in (stream_chat, complete_chat):
        result = await call(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams())
        assert result.error.kind is kind and result.error.status == status
        assert words in result.error.message and result.text == ""
        server.clear_faults()
        server.inject(path="/chat/completions", status=status, headers={"retry-after-ms": "1"}, times=3)
    server.clear_faults()


@ASYNC
async def test_wrong_key_and_timeout(env):
    server, profile, _ = env
    wrong = providers.build_client(profile, "sk-wrong-0123456789", timeout=5.0)
    try:
        result = await stream_chat(wrong, ChatTarget(profile, MODEL), MESSAGES, ChatParams())
        assert result.error.kind is ErrorKind.AUTH and "“Work”" in result.error.message
    finally:
        await wrong.close()
    slow = providers.build_client(profile, server.api_key, timeout=0.2, max_retries=0)
    try:
        server.inject(path="/chat/completions", delay=0.4)  # no answer at all in time
        result = await complete_chat(slow, ChatTarget(profile, MODEL), MESSAGES, ChatParams())
        assert result.error.kind is ErrorKind.TIMEOUT and "in time" in result.error.message
        server.first_token_delay = 0.4  # the stream starts, then nothing comes in time
        result = await stream_chat(slow, ChatTarget(profile, MODEL), MESSAGES, ChatParams())
        assert result.error.kind is ErrorKind.TIMEOUT and "took too long" in result.error.message
    finally:
        await slow.close()


@ASYNC
async def test_invalid_params_are_not_sent(env):
    server, profile, client = env
    result = await stream_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams(temperature=3))
    assert result.error.kind is ErrorKind.BAD_REQUEST and "Temperature" in result.error.message
    assert chats(server) == []


@ASYNC
async def test_an_answer_that_is_not_a_stream(env):
    server, profile, client = env
    server.inject(path="/chat/completions", garbage=True)
    result = await stream_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams())
    assert result.error.kind is ErrorKind.BAD_RESPONSE
    server.inject(path="/chat/completions", garbage=True)
    result = await complete_chat(client, ChatTarget(profile, MODEL), MESSAGES, ChatParams())
    assert result.error.kind is ErrorKind.BAD_RESPONSE


# --- plain calls, Azure, and "each call goes to the model it names" -----------------------------------


@ASYNC
async def test_complete_chat(env):
    server, profile, client = env
    result = await complete_chat(client, ChatTarget(profile, FT), MESSAGES, ChatParams(max_completion_tokens=2))
    assert result.ok and result.text == "One two" and result.stats.finish_reason == "length"
    assert result.stats.first_token_s is None and not result.stats.tokens_estimated
    assert result.stats.cost_usd == pytest.approx(chat_cost(FT, count_prompt_tokens(MESSAGES), 2))
    (request,) = chats(server)
    assert "stream" not in request.json and request.json["max_completion_tokens"] == 2
    assert "max_tokens" not in request.json


@ASYNC
async def test_azure_calls_the_deployment(standin_shared):
    server = standin_shared
    profile = ConnectionProfile(name="Azure", kind=ProviderKind.AZURE, azure_endpoint=server.azure_endpoint)
    client = providers.build_client(profile, server.api_key, timeout=5.0)
    try:
        target = ChatTarget(profile, "my-o4-deployment", base_model=O4)
        result = await stream_chat(client, target, MESSAGES, ALL_SET)
        assert result.ok and set(result.left_out) == {"temperature", "top_p"}
        stats = result.stats
        assert stats.cost_usd == pytest.approx(chat_cost(O4, stats.prompt_tokens, stats.completion_tokens))
        (request,) = chats(server)
        assert request.api == "azure" and request.deployment == "my-o4-deployment"
        assert request.query["api-version"] == profile.api_version
        assert request.json["reasoning_effort"] == "low" and "temperature" not in request.json
        # A fine-tuned deployment that is still being set up is waited for, like an ft: model.
        server.not_ready = {"my-ft": 1}
        waits: list[str] = []
        ft_target = ChatTarget(profile, "my-ft", base_model="gpt-4.1-mini-2025-04-14.ft-0123abcd")
        result = await complete_chat(
            client, ft_target, MESSAGES, ChatParams(), on_waiting=waits.append, not_ready_backoff=0.01
        )
        assert result.ok and waits == [NOT_READY_WAITING]
    finally:
        await client.close()


@ASYNC
async def test_each_call_goes_to_the_model_it_names(env):
    server, profile, client = env
    server.reply_text = lambda request: f"I am {request.model}."
    server.stream_delay = 0.005  # the answers interleave on the wire
    models = [MODEL, FT, O4, "gpt-4o-mini-2024-07-18"]
    results = await asyncio.gather(
        *(stream_chat(client, ChatTarget(profile, m), MESSAGES, ChatParams()) for m in models)
    )
    assert [r.text for r in results] == [f"I am {m}." for m in models]
    assert sorted(r.json["model"] for r in chats(server)) == sorted(models)
