"""Every per-example rule: one example that passes it and one that breaks it."""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from app.formats.model import Kind, Severity
from app.formats.validate import validate_example
from tests.core.validation.helpers import (
    ERROR,
    LINE,
    TOOLS,
    WARNING,
    assert_clean,
    assistant,
    codes,
    dpo,
    rft,
    sft,
    system,
    tool_call,
    user,
)

SFT, DPO, RFT = Kind.SFT, Kind.DPO, Kind.RFT


class Rule(NamedTuple):
    kind: Kind
    good: Any
    bad: Any
    code: str
    severity: Severity
    path: str


def _calls(*calls: Any, content: Any = None) -> dict:
    return {"role": "assistant", "content": content, "tool_calls": list(calls)}


def _answer(call_id: str = "call_1") -> dict:
    return {"role": "tool", "tool_call_id": call_id, "content": '{"status": "shipped"}'}


def _with_tools(*messages: dict, tools: Any = TOOLS, **top: Any) -> dict:
    return sft(*messages, tools=tools, **top)


GOOD_TOOLS = _with_tools(user(), _calls(tool_call()), _answer(), assistant())

RULES: dict[str, Rule] = {
    # --- structure ---
    "not_an_object": Rule(SFT, sft(user(), assistant()), ["not", "an", "object"], "not_an_object", ERROR, ""),
    "missing_messages": Rule(SFT, sft(user(), assistant()), {"messages": []}, "missing_messages", ERROR, "$.messages"),
    "messages_not_list": Rule(SFT, sft(user(), assistant()), {"messages": "hi"}, "missing_messages", ERROR,
                              "$.messages"),
    "unknown_key_sft": Rule(SFT, sft(user(), assistant()), sft(user(), assistant(), note="x"), "unknown_key",
                            WARNING, "$.note"),
    "unknown_key_dpo": Rule(DPO, dpo(), dpo(id=3), "unknown_key", WARNING, "$.id"),
    "bad_message": Rule(SFT, sft(user(), assistant()), sft("hello", assistant()), "bad_message", ERROR,
                        "$.messages[0]"),
    "unknown_message_key": Rule(SFT, sft(user(), assistant()), sft(user(), assistant(contnet="x")),
                                "unknown_message_key", ERROR, "$.messages[1].contnet"),
    # --- roles ---
    "missing_role": Rule(SFT, sft(user(), assistant()), sft({"content": "hi"}, assistant()), "missing_role", ERROR,
                         "$.messages[0].role"),
    "unknown_role": Rule(SFT, sft(user(), assistant()), sft({"role": "customer", "content": "hi"}, assistant()),
                         "unknown_role", ERROR, "$.messages[0].role"),
    "developer_in_sft": Rule(SFT, sft(system(), user(), assistant()),
                             sft({"role": "developer", "content": "Be brief."}, user(), assistant()),
                             "role_not_allowed", WARNING, "$.messages[0].role"),
    "system_in_rft": Rule(RFT, rft(), rft(system(), user()), "role_not_allowed", ERROR, "$.messages[0].role"),
    "function_in_rft": Rule(RFT, rft(), rft(user(), {"role": "function", "name": "f", "content": "x"}),
                            "role_not_allowed", ERROR, "$.messages[1].role"),
    "no_assistant": Rule(SFT, sft(user(), assistant()), sft(system(), user()), "no_assistant_message", ERROR,
                         "$.messages"),
    # --- weight ---
    "bad_weight": Rule(SFT, sft(user(), assistant(weight=1), user(), assistant()),
                       sft(user(), assistant(weight=0.5), user(), assistant()), "bad_weight", ERROR,
                       "$.messages[1].weight"),
    "bool_weight": Rule(SFT, sft(user(), assistant(weight=0), user(), assistant()),
                        sft(user(), assistant(weight=True)), "bad_weight", ERROR, "$.messages[1].weight"),
    "weight_not_on_assistant": Rule(SFT, sft(user(), assistant()), sft({**user(), "weight": 1}, assistant()),
                                    "weight_not_allowed", ERROR, "$.messages[0].weight"),
    "nothing_to_learn": Rule(SFT, sft(user(), assistant(weight=0), user(), assistant(weight=1)),
                             sft(user(), assistant(weight=0)), "nothing_to_learn", WARNING, "$.messages"),
    "weight_in_rft": Rule(RFT, rft(user(), assistant(), user()), rft(user(), assistant(weight=1), user()),
                          "weight_ignored", WARNING, "$.messages[1].weight"),
    # --- content ---
    "missing_content": Rule(SFT, sft(user(), assistant()), sft({"role": "user"}, assistant()), "missing_content",
                            ERROR, "$.messages[0].content"),
    "null_content_without_call": Rule(SFT, GOOD_TOOLS, sft(user(), assistant(None)), "missing_content", ERROR,
                                      "$.messages[1].content"),
    "bad_content_type": Rule(SFT, sft(user([{"type": "text", "text": "hi"}]), assistant()),
                             sft(user(42), assistant()), "bad_content", ERROR, "$.messages[0].content"),
    "text_part_without_text": Rule(SFT, sft(user([{"type": "text", "text": "hi"}]), assistant()),
                                   sft(user([{"type": "text"}]), assistant()), "bad_content", ERROR,
                                   "$.messages[0].content[0].text"),
    "audio_part": Rule(SFT, sft(user([{"type": "text", "text": "hi"}]), assistant()),
                       sft(user([{"type": "input_audio", "input_audio": {}}]), assistant()),
                       "unsupported_content_part", ERROR, "$.messages[0].content[0]"),
    "empty_content": Rule(SFT, sft(user(), assistant()), sft(user("   "), assistant()), "empty_content", WARNING,
                          "$.messages[0].content"),
    "empty_assistant": Rule(SFT, sft(user(), assistant()), sft(user(), assistant("")), "empty_content", WARNING,
                            "$.messages[1].content"),
    "bad_name": Rule(SFT, sft({**user(), "name": "ana"}, assistant()), sft({**user(), "name": 7}, assistant()),
                     "bad_name", ERROR, "$.messages[0].name"),
    "trailing_messages": Rule(SFT, sft(user(), assistant()), sft(user(), assistant(), user()), "trailing_messages",
                              WARNING, "$.messages[2]"),
    # --- tool calls ---
    "tool_calls_not_list": Rule(SFT, GOOD_TOOLS, _with_tools(user(), {**assistant(), "tool_calls": {}}),
                                "bad_tool_calls", ERROR, "$.messages[1].tool_calls"),
    "tool_call_missing_id": Rule(SFT, GOOD_TOOLS, _with_tools(user(), _calls(tool_call(call_id="")), assistant()),
                                 "tool_call_missing_id", ERROR, "$.messages[1].tool_calls[0].id"),
    "tool_call_bad_type": Rule(SFT, GOOD_TOOLS,
                               _with_tools(user(), _calls({**tool_call(), "type": "code"}), _answer(), assistant()),
                               "tool_call_bad_type", ERROR, "$.messages[1].tool_calls[0].type"),
    "tool_call_no_name": Rule(SFT, GOOD_TOOLS,
                              _with_tools(user(), _calls(tool_call(name="")), _answer(), assistant()),
                              "tool_call_bad_function", ERROR, "$.messages[1].tool_calls[0].function.name"),
    "arguments_not_string": Rule(SFT, GOOD_TOOLS,
                                 _with_tools(user(), _calls(tool_call(arguments={"order_id": "42"})), _answer(),
                                             assistant()),
                                 "tool_call_arguments_not_string", ERROR,
                                 "$.messages[1].tool_calls[0].function.arguments"),
    "arguments_not_json": Rule(SFT, GOOD_TOOLS,
                               _with_tools(user(), _calls(tool_call(arguments="{order_id: 42}")), _answer(),
                                           assistant()),
                               "tool_call_arguments_not_json", ERROR,
                               "$.messages[1].tool_calls[0].function.arguments"),
    "arguments_not_object": Rule(SFT, GOOD_TOOLS,
                                 _with_tools(user(), _calls(tool_call(arguments="[1, 2]")), _answer(), assistant()),
                                 "tool_call_arguments_not_object", WARNING,
                                 "$.messages[1].tool_calls[0].function.arguments"),
    "duplicate_call_id": Rule(SFT, GOOD_TOOLS,
                              _with_tools(user(), _calls(tool_call(), tool_call()), _answer(), assistant()),
                              "duplicate_tool_call_id", ERROR, "$.messages[1].tool_calls[1].id"),
    "unknown_tool": Rule(SFT, GOOD_TOOLS,
                         _with_tools(user(), _calls(tool_call(name="cancel_order")), _answer(), assistant()),
                         "unknown_tool", WARNING, "$.messages[1].tool_calls[0].function.name"),
    "tool_answer_without_id": Rule(SFT, GOOD_TOOLS,
                                   _with_tools(user(), _calls(tool_call()), {"role": "tool", "content": "x"},
                                               assistant()),
                                   "missing_tool_call_id", ERROR, "$.messages[2].tool_call_id"),
    "tool_answer_unknown_id": Rule(SFT, GOOD_TOOLS,
                                   _with_tools(user(), _calls(tool_call()), _answer("call_9"), assistant()),
                                   "unknown_tool_call_id", ERROR, "$.messages[2].tool_call_id"),
    "tool_answer_before_call": Rule(SFT, GOOD_TOOLS,
                                    _with_tools(user(), _answer(), _calls(tool_call()), assistant()),
                                    "unknown_tool_call_id", ERROR, "$.messages[1].tool_call_id"),
    "tool_calls_on_user": Rule(SFT, GOOD_TOOLS, _with_tools({**user(), "tool_calls": [tool_call()]}, assistant()),
                               "unknown_message_key", ERROR, "$.messages[0].tool_calls"),
    # --- legacy functions ---
    "legacy_function_call": Rule(
        SFT,
        sft(user(), {"role": "assistant", "content": None, "function_call": {"name": "f", "arguments": "{}"}},
            {"role": "function", "name": "f", "content": "{}"}, assistant(),
            functions=[{"name": "f", "parameters": {"type": "object", "properties": {}}}]),
        sft(user(), {"role": "assistant", "content": None, "function_call": {"name": "f", "arguments": 3}},
            assistant(), functions=[{"name": "f"}]),
        "function_call_arguments_not_string", ERROR, "$.messages[1].function_call.arguments"),
    "function_result_without_name": Rule(
        SFT, sft(user(), {"role": "function", "name": "f", "content": "{}"}, assistant()),
        sft(user(), {"role": "function", "content": "{}"}, assistant()),
        "missing_function_name", ERROR, "$.messages[1].name"),
    "bad_functions": Rule(SFT, sft(user(), assistant(), functions=[{"name": "f"}]),
                          sft(user(), assistant(), functions=[]), "bad_functions", ERROR, "$.functions"),
    # --- tool definitions ---
    "tools_not_list": Rule(SFT, GOOD_TOOLS, _with_tools(user(), assistant(), tools={"name": "x"}), "bad_tools",
                           ERROR, "$.tools"),
    "tool_not_function": Rule(SFT, GOOD_TOOLS, _with_tools(user(), assistant(), tools=[{"type": "web_search"}]),
                              "bad_tools", ERROR, "$.tools[0]"),
    "tool_bad_name": Rule(SFT, GOOD_TOOLS,
                          _with_tools(user(), assistant(),
                                      tools=[{"type": "function", "function": {"name": "look up order"}}]),
                          "bad_tool_name", ERROR, "$.tools[0].function.name"),
    "tool_bad_parameters": Rule(SFT, GOOD_TOOLS,
                                _with_tools(user(), assistant(), tools=[{"type": "function", "function": {
                                    "name": "f", "parameters": {"type": "string"}}}]),
                                "bad_tool_parameters", ERROR, "$.tools[0].function.parameters"),
    "duplicate_tool_name": Rule(SFT, GOOD_TOOLS, _with_tools(user(), assistant(), tools=TOOLS + TOOLS),
                                "duplicate_tool_name", WARNING, "$.tools[1].function.name"),
    "parallel_tool_calls": Rule(SFT, sft(user(), assistant(), parallel_tool_calls=False),
                                sft(user(), assistant(), parallel_tool_calls="no"), "bad_parallel_tool_calls", ERROR,
                                "$.parallel_tool_calls"),
    # --- DPO ---
    "dpo_missing_input": Rule(DPO, dpo(), {k: v for k, v in dpo().items() if k != "input"}, "missing_input", ERROR,
                              "$.input"),
    "dpo_input_messages": Rule(DPO, dpo(), {**dpo(), "input": {"messages": []}}, "missing_messages", ERROR,
                               "$.input.messages"),
    "dpo_two_outputs": Rule(DPO, dpo(), {**dpo(), "preferred_output": [assistant(), assistant()]}, "bad_output",
                            ERROR, "$.preferred_output"),
    "dpo_output_not_assistant": Rule(DPO, dpo(), {**dpo(), "non_preferred_output": [user()]}, "bad_output", ERROR,
                                     "$.non_preferred_output"),
    "dpo_output_tool_call": Rule(DPO, dpo(), {**dpo(), "preferred_output": [_calls(tool_call())]},
                                 "output_not_text", ERROR, "$.preferred_output[0]"),
    "dpo_output_empty": Rule(DPO, dpo(), dpo(preferred=""), "empty_content", WARNING,
                             "$.preferred_output[0].content"),
    "dpo_same_outputs": Rule(DPO, dpo(), dpo("Thirty days.", " Thirty days. "), "same_outputs", WARNING,
                             "$.non_preferred_output[0].content"),
    "dpo_input_ends_with_answer": Rule(DPO, dpo(), {**dpo(), "input": {"messages": [user(), assistant()]}},
                                       "dpo_input_ends_with_answer", WARNING, "$.input.messages[1]"),
    "dpo_input_unknown_key": Rule(DPO, dpo(), {**dpo(), "input": {"messages": [user()], "metadata": {}}},
                                  "unknown_key", WARNING, "$.input.metadata"),
    # --- RFT ---
    "rft_ends_with_answer": Rule(RFT, rft(), rft(user(), assistant()), "rft_ends_with_answer", WARNING,
                                 "$.messages[1]"),
    "rft_no_user": Rule(RFT, rft(), rft({"role": "developer", "content": "Be brief."}), "no_user_message", WARNING,
                        "$.messages"),
    "rft_missing_messages": Rule(RFT, rft(), {"reference_answer": "A"}, "missing_messages", ERROR, "$.messages"),
}


@pytest.mark.parametrize("name", list(RULES))
def test_rule_passes_and_fails(name: str) -> None:
    rule = RULES[name]
    assert_clean(rule.good, rule.kind)
    found = codes(rule.bad, rule.kind)
    assert rule.code in found, f"{name}: expected {rule.code}, got {sorted(found)}"
    finding = found[rule.code]
    assert finding.severity is rule.severity
    assert finding.path == rule.path
    assert finding.line == LINE
    assert finding.message.startswith(f"Line {LINE}: ")


def test_rft_allows_grader_fields() -> None:
    """Extra top-level keys are what graders read as item.<key>: no finding at all."""
    assert_clean(rft(reference_answer={"letter": "B"}, compliant="yes", explanation="..."), RFT)


def test_rft_allows_tools_and_assistant_history() -> None:
    example = rft(user("Look up order 42"), _calls(tool_call()), _answer(), user("And now?"), tools=TOOLS)
    assert_clean(example, RFT)


def test_messages_name_the_line_and_message() -> None:
    [finding] = validate_example(sft(user(), assistant(weight=3)), SFT, line=5)
    assert finding.message.startswith("Line 5: message 2 (assistant) has the weight 3;")
    assert "0" in finding.message and "1" in finding.message


def test_without_line_message_is_capitalised() -> None:
    [finding] = validate_example(sft(system(), user()), SFT)
    assert finding.line is None
    assert finding.message.startswith("The conversation has no assistant answer")


def test_model_specific_vision_warning() -> None:
    from tests.core.validation.helpers import JPEG, data_url, image_part, vision

    example = vision(image_part(data_url(JPEG, "image/jpeg")))
    assert_clean(example, SFT, model="gpt-4o-2024-08-06")
    assert "vision_model" in codes(example, SFT, model="gpt-4.1-nano")


def test_every_finding_is_plain_and_serialisable() -> None:
    bad = [rule.bad for rule in RULES.values()]
    for rule, obj in zip(RULES.values(), bad, strict=True):
        for finding in validate_example(obj, rule.kind, line=3):
            d = finding.to_dict()
            assert d["severity"] in ("error", "warning")
            assert d["message"].endswith((".", ")", "?")), d["message"]
            assert "Traceback" not in d["message"] and "None" not in d["message"]
