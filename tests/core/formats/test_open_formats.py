"""Alpaca, ShareGPT and preference pairs → OpenAI objects."""

from __future__ import annotations

import json

import pytest

from app.formats.open_formats import (
    BAD_TOOL_CALL,
    MISSING_FIELD,
    UNKNOWN_ROLE,
    WRONG_TYPE,
    alpaca_to_sft,
    pairs_to_dpo,
    read_alpaca,
    read_pairs,
    read_sharegpt,
    sharegpt_to_sft,
)


def u(text):
    return {"role": "user", "content": text}


def a(text):
    return {"role": "assistant", "content": text}


def s(text):
    return {"role": "system", "content": text}


def jl(*objects) -> bytes:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects).encode()


# --- Alpaca -----------------------------------------------------------------------------------

def test_alpaca_basic_input_system_history():
    assert alpaca_to_sft({"instruction": "Translate", "input": "", "output": "Ok"}) == (
        {"messages": [u("Translate"), a("Ok")]}, [])
    assert alpaca_to_sft({"instruction": "Translate", "input": "bonjour", "output": "hello", "system": "S",
                          "id": 7})[0] == {"messages": [s("S"), u("Translate\n\nbonjour"), a("hello")]}
    assert alpaca_to_sft({"instruction": "", "input": "only input", "output": "x"})[0] == {
        "messages": [u("only input"), a("x")]}
    got = alpaca_to_sft({"instruction": "3?", "output": "c", "history": [["1?", "a"], ["2?", "b"]]})[0]
    assert got == {"messages": [u("1?"), a("a"), u("2?"), a("b"), u("3?"), a("c")]}


@pytest.mark.parametrize("obj,code,fragment", [
    ({"instruction": "x"}, MISSING_FIELD, "“output” is missing"),
    ({"output": "x"}, MISSING_FIELD, "“instruction” is missing"),
    ({"instruction": "x", "output": 3}, WRONG_TYPE, "must be a text, not a number"),
    ({"instruction": "x", "output": "y", "history": [["only one"]]}, WRONG_TYPE, "history"),
    ({"instruction": "x", "output": "y", "history": "nope"}, WRONG_TYPE, "history"),
])
def test_alpaca_problems(obj, code, fragment):
    data, problems = alpaca_to_sft(obj)
    assert data is None and problems[0][0] == code and fragment in problems[0][1]


def test_read_alpaca_json_array_uses_item_numbers():
    items = [{"instruction": "a", "output": "b"}, {"instruction": "c"}, "oops"]
    records = list(read_alpaca(json.dumps(items).encode()))
    assert [r.line for r in records] == [1, 2, 3]
    assert records[0].data == {"messages": [u("a"), a("b")]}
    assert records[1].findings[0].message.startswith("Item 2: the field “output” is missing")
    assert records[1].findings[0].path == "$.output"
    assert records[2].findings[0].message.startswith("Item 3 (line 1) is a text")


def test_read_alpaca_jsonl_uses_line_numbers():
    records = list(read_alpaca(jl({"instruction": "a", "output": "b"}) + b"\n" + jl({"output": "x"})))
    assert [r.line for r in records] == [1, 3]
    assert records[1].findings[0].message.startswith("Line 3: ")


# --- ShareGPT ---------------------------------------------------------------------------------

def test_sharegpt_roles_and_system():
    obj = {"system": "Be kind.", "conversations": [
        {"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello"},
        {"from": "USER", "value": "More"}, {"from": "model", "value": "Sure"}]}
    assert sharegpt_to_sft(obj) == ({"messages": [s("Be kind."), u("Hi"), a("Hello"), u("More"), a("Sure")]}, [])
    alt = {"messages": [{"from": "system", "value": "S"}, {"role": "human", "content": "q"},
                        {"from": "assistant", "value": "r"}]}
    assert sharegpt_to_sft(alt)[0] == {"messages": [s("S"), u("q"), a("r")]}


def test_sharegpt_function_calls_and_observations():
    obj = {
        "conversations": [
            {"from": "human", "value": "Where is order 7?"},
            {"from": "function_call", "value": json.dumps({"name": "lookup", "arguments": {"id": "7"}})},
            {"from": "observation", "value": "{\"status\": \"shipped\"}"},
            {"from": "gpt", "value": "Let me check both."},
            {"from": "function_call", "value": [{"name": "a", "arguments": "{}"}, {"name": "b"}]},
            {"from": "observation", "value": {"ok": True}},
            {"from": "observation", "value": "done"},
            {"from": "gpt", "value": "It shipped."},
        ],
        "tools": json.dumps([{"name": "lookup", "parameters": {"type": "object"}}]),
    }
    data, problems = sharegpt_to_sft(obj)
    assert problems == []
    msgs = data["messages"]
    assert msgs[1] == {"role": "assistant", "content": None, "tool_calls": [
        {"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": '{"id": "7"}'}}]}
    assert msgs[2] == {"role": "tool", "tool_call_id": "call_1", "content": '{"status": "shipped"}'}
    assert msgs[3]["content"] == "Let me check both."  # the calls attach to the text turn before
    assert [c["id"] for c in msgs[3]["tool_calls"]] == ["call_2", "call_3"]
    assert msgs[3]["tool_calls"][1]["function"]["arguments"] == "{}"
    assert [(m["tool_call_id"], m["content"]) for m in msgs[4:6]] == [("call_2", '{"ok": true}'),
                                                                      ("call_3", "done")]
    assert data["tools"] == [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}]


@pytest.mark.parametrize("obj,code,fragment", [
    ({"conversations": [{"from": "narrator", "value": "x"}]}, UNKNOWN_ROLE, "“narrator”"),
    ({"conversations": [{"value": "x"}]}, MISSING_FIELD, "no “from” field"),
    ({"conversations": [{"from": "observation", "value": "x"}]}, BAD_TOOL_CALL, "no function call"),
    ({"conversations": [{"from": "function_call", "value": "not json"}]}, BAD_TOOL_CALL, "not JSON"),
    ({"conversations": [{"from": "human", "value": None}]}, WRONG_TYPE, "not null"),
    ({"conversations": ["text"]}, WRONG_TYPE, "turn 1"),
    ({"conversations": "x"}, WRONG_TYPE, "must be a list"),
    ({}, MISSING_FIELD, "conversations"),
    ({"conversations": [], "tools": "{bad"}, WRONG_TYPE, "tools"),
])
def test_sharegpt_problems(obj, code, fragment):
    data, problems = sharegpt_to_sft(obj)
    assert data is None and problems[0][0] == code and fragment in problems[0][1]


def test_read_sharegpt_names_the_turn_and_path():
    bad = {"conversations": [{"from": "human", "value": "x"}, {"from": "bot?", "value": "y"}]}
    (record,) = read_sharegpt(jl(bad))
    finding = record.findings[0]
    assert finding.message.startswith("Line 1: turn 2 comes from “bot?”")
    assert finding.path == "$.conversations[1].from"


# --- Preference pairs -------------------------------------------------------------------------

DPO = {"input": {"messages": [u("Q")]}, "preferred_output": [a("good")], "non_preferred_output": [a("bad")]}


def test_pairs_from_strings_and_lists():
    assert pairs_to_dpo({"prompt": "Q", "chosen": "good", "rejected": "bad"}) == (DPO, [])
    assert pairs_to_dpo({"prompt": [u("Q")], "chosen": [a("good")], "rejected": a("bad")})[0] == DPO
    with_system = pairs_to_dpo({"system": "S", "prompt": "Q", "chosen": "good", "rejected": "bad"})[0]
    assert with_system["input"]["messages"] == [s("S"), u("Q")]
    tools = pairs_to_dpo({"prompt": "Q", "chosen": "good", "rejected": "bad", "tools": [{"type": "function"}]})
    assert tools[0]["input"]["tools"] == [{"type": "function"}]


def test_pairs_prompt_repeated_or_implicit():
    repeated = {"prompt": [u("Q")], "chosen": [u("Q"), a("good")], "rejected": [u("Q"), a("bad")]}
    assert pairs_to_dpo(repeated)[0] == DPO
    implicit = {"chosen": [s("S"), u("Q"), a("good")], "rejected": [s("S"), u("Q"), a("bad")]}
    assert pairs_to_dpo(implicit)[0] == {"input": {"messages": [s("S"), u("Q")]},
                                         "preferred_output": [a("good")], "non_preferred_output": [a("bad")]}


@pytest.mark.parametrize("obj,code,fragment", [
    ({"prompt": "Q", "chosen": "x"}, MISSING_FIELD, "“rejected” is missing"),
    ({"prompt": "Q", "chosen": 1, "rejected": "x"}, WRONG_TYPE, "not a number"),
    ({"prompt": ["Q"], "chosen": "g", "rejected": "b"}, WRONG_TYPE, "“prompt”"),
    ({"chosen": "g", "rejected": "b"}, MISSING_FIELD, "share no messages"),
    ({"chosen": [a("g")], "rejected": [a("b")]}, MISSING_FIELD, "share no messages"),
])
def test_pairs_problems(obj, code, fragment):
    data, problems = pairs_to_dpo(obj)
    assert data is None and problems[0][0] == code and fragment in problems[0][1]


def test_read_pairs():
    records = list(read_pairs(jl({"prompt": "Q", "chosen": "good", "rejected": "bad"}, {"prompt": "Q"})))
    assert records[0].data == DPO and records[0].ok
    assert not records[1].ok and len(records[1].findings) == 2
