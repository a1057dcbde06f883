"""Token counting: the bundled encoding is tiktoken's o200k_base, the recipe's numbers, offline use."""

from __future__ import annotations

import socket

import pytest
import tiktoken_ext.openai_public as openai_public
from hypothesis import given, settings
from hypothesis import strategies as st

from app.formats import tokenizer
from app.formats.model import Kind
from app.formats.tokens import (
    O200K_PAT_STR,
    O200K_SHA256,
    O200K_SPECIAL_TOKENS,
    TokenCount,
    TokenizerUnavailable,
    count_example,
    count_text,
    count_tools,
    get_encoding,
)
from tests.core.validation.helpers import TOOLS, assistant, sft, tool_call, user


def _tok(text: str) -> int:
    return len(get_encoding().encode_ordinary(text))


# --- the encoding is exactly tiktoken's o200k_base ---

def test_constants_match_tiktoken_definition(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = {}

    def fake_load(url: str, expected_hash: str) -> dict:
        seen["url"], seen["hash"] = url, expected_hash
        return {}

    monkeypatch.setattr(openai_public, "load_tiktoken_bpe", fake_load)
    spec = openai_public.o200k_base()
    assert spec["pat_str"] == O200K_PAT_STR
    assert spec["special_tokens"] == O200K_SPECIAL_TOKENS
    assert seen["hash"] == O200K_SHA256
    assert seen["url"].endswith("/o200k_base.tiktoken")


def test_known_token_ids() -> None:
    enc = get_encoding()
    assert enc.name == "o200k_base"
    assert enc.n_vocab == 200_019
    assert enc.encode_ordinary("hello world") == [24912, 2375]
    assert len(enc.encode_ordinary("What is the refund window?")) == 6
    assert enc.decode([198582, 3376, 13]) == "Thirty days."


def test_special_token_text_is_plain_text() -> None:
    # encode() would raise on "<|endoftext|>" in user data; counting must not.
    assert count_text("<|endoftext|>") == 7


# --- the word cache gives exactly tiktoken's count ---

TRICKY = [
    "", " ", "  ", "a", " a", "a ", "a  b", "a \nb", "a\n b", "x  \n", "x \n\n y", "\t", "a\tb c",
    "Hello, world! It's 12345 o'clock.", "don't  stop", "  leading", "trailing  ", "a\u00a0b c",
    "naïve café résumé", "日本語 のテキスト です", "emoji 🎉 🎉🎉 ok", "a\r\nb c\r\n", "x / y // z",
    "code:\n    if x:\n        return 1\n", "'s 's 'S", "A-B C_D e.f", "1 22 333 4444 55555",
    "\u2028line sep\u2029", "mixed\u3000ideographic space", "<|endofprompt|> and <|endoftext|>",
]


@pytest.mark.parametrize("text", TRICKY)
def test_count_text_equals_tiktoken_on_tricky_text(text: str) -> None:
    assert count_text(text) == _tok(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZé中1 2 \n\t\r.,'s!?-/_\u00a0\u2028\u3000🎉")), max_size=40))
def test_count_text_equals_tiktoken_property(text: str) -> None:
    assert count_text(text) == _tok(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_count_text_equals_tiktoken_any_unicode(text: str) -> None:
    assert count_text(text) == _tok(text)


# --- the recipe (API_NOTES §9.3), computed by hand ---

def test_plain_conversation() -> None:
    example = sft(
        {"role": "system", "content": "hello world"},
        {"role": "user", "content": "hello world"},
        {"role": "assistant", "content": "hello world"},
    )
    # 3 messages x (3 overhead + 1 role + 2 text) + 3 primer; the assistant learns its 2 tokens.
    assert count_example(example, Kind.SFT) == TokenCount(total=21, assistant=2, images=0, estimated=False)


def test_name_adds_its_tokens_plus_one() -> None:
    example = sft({"role": "user", "content": "hello world", "name": "ana"}, assistant("hello world"))
    # user 3+1+2 + name 1 + 1, assistant 3+1+2, primer 3
    assert count_example(example, Kind.SFT).total == 8 + 6 + 3


def test_weight_zero_is_not_learned() -> None:
    example = sft(user("Hi"), assistant("Hello there", weight=0), user("Hi"), assistant("hello world"))
    count = count_example(example, Kind.SFT)
    assert count.total == 5 + 6 + 5 + 6 + 3  # weight itself adds nothing
    assert count.assistant == 2


def test_tool_calls_and_results() -> None:
    example = sft(
        user("Hi"),
        {"role": "assistant", "content": None, "tool_calls": [tool_call("call_1", "lookup_order")]},
        {"role": "tool", "tool_call_id": "call_1", "content": '{"status": "shipped"}'},
        assistant("Hello there"),
    )
    # user 3+1+1; call 3+1 + name 2 + arguments 7; tool 3+1 + content 7 + id 3; answer 3+1+2; primer 3
    count = count_example(example, Kind.SFT)
    assert count.total == 5 + 13 + 14 + 6 + 3
    assert count.assistant == 9 + 2


def test_tools_by_the_recipe() -> None:
    tools = [{
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Get the weather.",
            "parameters": {"type": "object", "properties": {
                "city": {"type": "string", "description": "City name."},
                "unit": {"type": "string", "enum": ["c", "f"]},
            }},
        },
    }]
    # 7 + "get_weather:Get the weather"(5) + 3 props + [3 + "city:string:City name"(5)]
    #   + [3 - 3 enum + (3 + "c") + (3 + "f") + "unit:string:"(3)] + 12 end
    assert count_tools(tools) == 7 + 5 + 3 + (3 + 5) + (3 - 3 + 4 + 4 + 3) + 12 == 46
    legacy = [tools[0]["function"]]
    assert count_tools(legacy) == 46  # legacy `functions` count the same way
    plain = count_example(sft(user("Hi"), assistant("Hello there")), Kind.SFT).total
    assert count_example(sft(user("Hi"), assistant("Hello there"), tools=tools), Kind.SFT).total == plain + 46
    assert count_example(sft(user("Hi"), assistant("Hello there"), functions=legacy), Kind.SFT).total == plain + 46


def test_tools_without_properties() -> None:
    assert count_tools([{"type": "function", "function": {"name": "ping"}}]) == 7 + _tok("ping:") + 12
    assert count_tools([]) == 0
    assert count_tools(TOOLS) == count_tools(TOOLS)  # cached, same answer


def test_dpo_counts_input_and_both_outputs() -> None:
    example = {
        "input": {"messages": [user("What is the refund window?")]},
        "preferred_output": [assistant("Thirty days.")],
        "non_preferred_output": [assistant("No idea.")],
    }
    # input 3+1+6 + primer 3; each output 3+1+3; learned: both outputs' text
    assert count_example(example, Kind.DPO) == TokenCount(13 + 7 + 7, 3 + 3, 0, False)


def test_rft_has_no_learned_tokens() -> None:
    example = {"messages": [{"role": "developer", "content": "hello world"}, user("Hi")], "answer": "B"}
    assert count_example(example, Kind.RFT) == TokenCount(6 + 5 + 3, 0, 0, False)


def test_images_are_estimated() -> None:
    part = {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}
    example = sft({"role": "user", "content": [{"type": "text", "text": "Hi"}, part]}, assistant("hello world"))
    count = count_example(example, Kind.SFT)
    assert count.images == 1 and count.estimated
    assert count.total == (3 + 1 + 1 + 85) + 6 + 3


@pytest.mark.parametrize(
    ("model", "estimated"),
    [(None, False), ("gpt-4.1-mini-2025-04-14", False), ("ft:gpt-4o-mini-2024-07-18:org::abc", False),
     ("o4-mini", False), ("gpt-3.5-turbo-0125", True), ("babbage-002", True)],
)
def test_models_outside_o200k_are_estimated(model: str | None, estimated: bool) -> None:
    assert count_example(sft(user(), assistant()), Kind.SFT, model=model).estimated is estimated


@pytest.mark.parametrize("obj", [None, [], "x", {"messages": "x"}, {"messages": [None, 3, {"role": 5}]},
                                 {"input": 3}, {"messages": [{"content": [None, {"type": "text", "text": 4}]}]}])
def test_malformed_examples_count_without_raising(obj: object) -> None:
    for kind in Kind:
        assert isinstance(count_example(obj, kind), TokenCount)


# --- offline: no network, no tiktoken cache ---

def test_loads_offline_with_empty_cache_dir(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "tiktoken-cache"
    cache.mkdir()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))

    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(tokenizer, "_encoding", None)  # force a fresh load in this environment
    tokenizer.count_prompt.cache_clear()
    monkeypatch.setattr(tokenizer, "_FIRST_WORD", tokenizer._WordCounts(""))
    monkeypatch.setattr(tokenizer, "_SPACED_WORD", tokenizer._WordCounts(" "))
    monkeypatch.setattr(tokenizer, "_spaced_get", tokenizer._SPACED_WORD.__getitem__)

    enc = get_encoding()
    assert enc.encode_ordinary("hello world") == [24912, 2375]
    assert count_text("offline counting still works") == len(enc.encode_ordinary("offline counting still works"))
    assert list(cache.iterdir()) == []  # nothing written to (or read from) tiktoken's cache


def test_damaged_vocabulary_is_reported(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "o200k_base.tiktoken.gz").write_bytes(gzip.compress(b"IQ== 0\n"))
    monkeypatch.setattr(tokenizer.resources, "files", lambda package: tmp_path)
    with pytest.raises(TokenizerUnavailable, match="damaged"):
        tokenizer._load_ranks()
    (tmp_path / "data" / "o200k_base.tiktoken.gz").unlink()
    with pytest.raises(TokenizerUnavailable, match="missing"):
        tokenizer._load_ranks()
