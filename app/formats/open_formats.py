"""Convert open dataset formats to OpenAI objects: Alpaca and ShareGPT to SFT, preference pairs
to DPO.

Each reader accepts JSONL or a file holding one JSON array (common for Alpaca and ShareGPT);
in an array file a record's ``line`` is the 1-based index of the element and messages say
"Item 17". A record whose conversion fails has ``data`` None and one finding per problem.

The pure converters (``alpaca_to_sft``, ``sharegpt_to_sft``, ``pairs_to_dpo``) return
``(object or None, problems)`` where a problem is ``(code, message, json_path)``; the message
has no line prefix, the readers add "Line 4: " or "Item 4: ". Fields a format has but OpenAI
does not (ids, categories, scores) are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from app.formats.encoding import Source
from app.formats.jsonl import NOT_JSON, json_layout, json_problem_text, read_json_records, storable_problem
from app.formats.model import Finding, Record, Severity
from app.i18n import N_, _

Problem = tuple[str, str, str]  # (code, message without the line prefix, JSON path)
Converted = tuple[dict[str, Any] | None, list[Problem]]

MISSING_FIELD = "missing_field"
WRONG_TYPE = "wrong_type"
UNKNOWN_ROLE = "unknown_role"
BAD_TOOL_CALL = "bad_tool_call"

# ShareGPT speaker → OpenAI role; "call" and "result" are function calls and their results.
SHAREGPT_ROLES: dict[str, str] = {
    "human": "user", "user": "user",
    "gpt": "assistant", "assistant": "assistant", "model": "assistant", "chatgpt": "assistant",
    "bard": "assistant", "bing": "assistant", "bot": "assistant", "ai": "assistant",
    "system": "system",
    "function_call": "call", "tool_call": "call", "tool_calls": "call",
    "observation": "result", "tool": "result", "function": "result", "function_response": "result",
    "tool_response": "result", "ipython": "result",
}


def _short(value: object, limit: int = 40) -> str:
    """A value for a message, cut short: a speaker may be a 100 KB text or a list by mistake."""
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _type_name(value: object) -> str:
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return _("a number")
    return "null" if value is None else _("a text")


def _text_field(obj: dict[str, Any], key: str, problems: list[Problem], *, needed_for: str = "") -> str:
    """The string value of ``obj[key]`` ("" when absent); records a problem when it is required
    (``needed_for``, marked with ``N_``, says what the format needs) and missing, or present and not a text."""
    value = obj.get(key)
    if value is None:
        if needed_for:
            problems.append((MISSING_FIELD, f"{_missing(key)} {_(needed_for)}", f"$.{key}"))
        return ""
    if not isinstance(value, str):
        problems.append((WRONG_TYPE, _("the field “{key}” must be a text, not {type}.").format(
            key=key, type=_type_name(value)), f"$.{key}"))
        return ""
    return value


def _missing(key: str) -> str:
    return _("the field “{key}” is missing.").format(key=key)


_ALPACA_NEEDS = N_("Alpaca examples need “instruction” and “output”.")


def alpaca_to_sft(obj: dict[str, Any]) -> Converted:
    """Alpaca ``{instruction, input?, output, system?, history?}`` → SFT ``{"messages": [...]}``.

    The user message is the instruction, then a blank line and the input when there is one.
    ``history`` (LLaMA-Factory) is a list of ``[question, answer]`` pairs placed before it.
    """
    problems: list[Problem] = []
    instruction = _text_field(obj, "instruction", problems, needed_for=_ALPACA_NEEDS)
    extra_input = _text_field(obj, "input", problems)
    output = _text_field(obj, "output", problems, needed_for=_ALPACA_NEEDS)
    system = _text_field(obj, "system", problems)
    messages: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
    history = obj.get("history")
    if history is not None:
        if not isinstance(history, list):
            problems.append((WRONG_TYPE, _("the field “history” must be a list of [question, answer] pairs."),
                             "$.history"))
        for i, pair in enumerate(history if isinstance(history, list) else []):
            if (not isinstance(pair, list) or len(pair) != 2
                    or not all(isinstance(part, str) for part in pair)):
                problems.append((WRONG_TYPE, _("entry {n} of “history” must be a pair of texts [question, answer].")
                                 .format(n=i + 1), f"$.history[{i}]"))
                continue
            messages += [{"role": "user", "content": pair[0]}, {"role": "assistant", "content": pair[1]}]
    if problems:
        return None, problems
    user = f"{instruction}\n\n{extra_input}" if instruction and extra_input else instruction or extra_input
    messages += [{"role": "user", "content": user}, {"role": "assistant", "content": output}]
    return {"messages": messages}, []


def _tool_calls(value: Any, first_id: int) -> list[dict[str, Any]] | None:
    """Parse a ShareGPT function-call value (JSON text, object or list of them) into OpenAI
    ``tool_calls``; None when it is not one."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):  # RecursionError: nested ~1000 levels deep
            return None
    calls = value if isinstance(value, list) else [value]
    out = []
    for n, call in enumerate(calls):
        if not isinstance(call, dict) or not isinstance(call.get("name"), str):
            return None
        args = call.get("arguments", {})
        if not isinstance(args, str):  # OpenAI wants the arguments as a JSON *string*
            try:
                args = json.dumps(args, ensure_ascii=False)
            except (ValueError, RecursionError):
                return None
        out.append({"id": f"call_{first_id + n}", "type": "function",
                    "function": {"name": call["name"], "arguments": args}})
    return out or None


def _sharegpt_tools(value: Any, problems: list[Problem]) -> list[Any] | None:
    if isinstance(value, str):  # LLaMA-Factory stores the tool list as JSON text
        if not value.strip():
            return None
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            problems.append((WRONG_TYPE, _("the field “tools” is not valid JSON."), "$.tools"))
            return None
    if not isinstance(value, list):
        problems.append((WRONG_TYPE, _("the field “tools” must be a list of function definitions."), "$.tools"))
        return None
    return [t if isinstance(t, dict) and "function" in t else {"type": "function", "function": t}
            for t in value]


def sharegpt_to_sft(obj: dict[str, Any]) -> Converted:
    """ShareGPT ``{conversations: [{from, value}], system?, tools?}`` → SFT.

    Speakers map by :data:`SHAREGPT_ROLES` (case-insensitive). ``function_call`` turns become
    assistant ``tool_calls`` (ids ``call_1``, ``call_2``...), attached to the assistant message
    just before when it has none; ``observation`` turns become ``tool`` messages answering the
    oldest unanswered call. ``role``/``content`` are accepted in place of ``from``/``value``,
    and ``messages`` in place of ``conversations``.
    """
    problems: list[Problem] = []
    key = "conversations" if "conversations" in obj or "messages" not in obj else "messages"
    turns = obj.get(key)
    if not isinstance(turns, list):
        problems.append((MISSING_FIELD if turns is None else WRONG_TYPE,
                         _("the field “conversations” must be a list of {“from”, “value”} turns."), f"$.{key}"))
        return None, problems
    system = _text_field(obj, "system", problems)
    messages: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
    unanswered: list[str] = []
    calls_made = 0
    for i, turn in enumerate(turns):
        path = f"$.{key}[{i}]"
        if not isinstance(turn, dict):
            problems.append((WRONG_TYPE, _("turn {n} must be an object with “from” and “value”.").format(n=i + 1),
                             path))
            continue
        speaker = turn.get("from", turn.get("role"))
        value = turn["value"] if "value" in turn else turn.get("content")
        role = SHAREGPT_ROLES.get(speaker.strip().lower()) if isinstance(speaker, str) else None
        if speaker is None:
            problems.append((MISSING_FIELD, _("turn {n} has no “from” field naming the speaker.").format(n=i + 1),
                             f"{path}.from"))
        elif role is None:
            problems.append((UNKNOWN_ROLE, _("turn {n} comes from “{speaker}”, which is not a known speaker. Use "
                                             "human, gpt, system, function_call or observation.").format(
                                                 n=i + 1, speaker=_short(speaker)), f"{path}.from"))
        elif role == "call":
            calls = _tool_calls(value, calls_made + 1)
            if calls is None:
                problems.append((BAD_TOOL_CALL, _("turn {n} is a function call, but its value is not JSON like "
                                                  "{example}.").format(
                                                      n=i + 1, example='{"name": ..., "arguments": {...}}'),
                                 f"{path}.value"))
                continue
            calls_made += len(calls)
            unanswered += [c["id"] for c in calls]
            last = messages[-1] if messages else None
            if last is not None and last["role"] == "assistant" and "tool_calls" not in last:
                last["tool_calls"] = calls
            else:
                messages.append({"role": "assistant", "content": None, "tool_calls": calls})
        elif role == "result":
            if not unanswered:
                problems.append((BAD_TOOL_CALL, _("turn {n} is a tool result, but no function call comes before "
                                                  "it.").format(n=i + 1), path))
                continue
            content = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            messages.append({"role": "tool", "tool_call_id": unanswered.pop(0), "content": content})
        elif isinstance(value, str | list):
            messages.append({"role": role, "content": value})
        else:
            problems.append((WRONG_TYPE, _("turn {n} must have a text “value”, not {type}.").format(
                n=i + 1, type=_type_name(value)), f"{path}.value"))
    tools = _sharegpt_tools(obj["tools"], problems) if obj.get("tools") is not None else None
    if problems:
        return None, problems
    result: dict[str, Any] = {"messages": messages}
    if tools:
        result["tools"] = tools
    return result, []


def _as_messages(value: Any, role: str, key: str, problems: list[Problem]) -> list[Any]:
    """A text becomes one ``role`` message, an object one message, a list stays a message list."""
    if isinstance(value, str):
        return [{"role": role, "content": value}]
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list) and all(isinstance(m, dict) for m in value):
        return list(value)
    if value is None:
        needs = _("Preference pairs need “prompt”, “chosen” and “rejected”.")
        problems.append((MISSING_FIELD, f"{_missing(key)} {needs}", f"$.{key}"))
    else:
        problems.append((WRONG_TYPE, _("the field “{key}” must be a text or a list of messages, not {type}.").format(
            key=key, type=_type_name(value)), f"$.{key}"))
    return []


def _strip_prefix(messages: list[Any], prefix: list[Any]) -> list[Any]:
    # Some datasets repeat the prompt at the start of chosen/rejected; keep only the answer.
    n = len(prefix)
    return messages[n:] if n and len(messages) > n and messages[:n] == prefix else messages


def pairs_to_dpo(obj: dict[str, Any]) -> Converted:
    """Preference pair ``{prompt, chosen, rejected, system?, tools?}`` → DPO.

    Each of prompt/chosen/rejected is a text or a list of messages: a text prompt becomes a
    user message and a text answer an assistant message. Without ``prompt``, the messages
    that ``chosen`` and ``rejected`` share at the start are the prompt (TRL "implicit prompt").
    This is also exactly the shape ``writers.write_pairs_jsonl`` writes.
    """
    problems: list[Problem] = []
    chosen = _as_messages(obj.get("chosen"), "assistant", "chosen", problems)
    rejected = _as_messages(obj.get("rejected"), "assistant", "rejected", problems)
    if obj.get("prompt") is not None:
        prompt = _as_messages(obj["prompt"], "user", "prompt", problems)
        chosen, rejected = _strip_prefix(chosen, prompt), _strip_prefix(rejected, prompt)
    else:
        shared = 0
        while shared < min(len(chosen), len(rejected)) - 1 and chosen[shared] == rejected[shared]:
            shared += 1
        prompt, chosen, rejected = chosen[:shared], chosen[shared:], rejected[shared:]
        if not prompt and not problems:
            problems.append((MISSING_FIELD, _("the field “prompt” is missing and “chosen” and “rejected” share no "
                                              "messages to use as the prompt."), "$.prompt"))
    system = _text_field(obj, "system", problems)
    if problems:
        return None, problems
    if system and not (prompt and prompt[0].get("role") in ("system", "developer")):
        prompt.insert(0, {"role": "system", "content": system})
    inp: dict[str, Any] = {"messages": prompt}
    for key in ("tools", "parallel_tool_calls"):
        if key in obj:
            inp[key] = obj[key]
    return {"input": inp, "preferred_output": chosen, "non_preferred_output": rejected}, []


def _read(source: Source, convert: Callable[[dict[str, Any]], Converted]) -> Iterator[Record]:
    in_array = json_layout(source) == "array"
    for record in read_json_records(source):
        if record.data is None:
            yield record
            continue
        data, problems = convert(record.data)
        # A converter may parse JSON texts (ShareGPT "tools"): keep only what orjson can store.
        if not problems and (why := storable_problem(data)) is not None:
            problems = [(NOT_JSON, json_problem_text(why), "")]
        if problems:
            line = record.line
            where = _("Item {item}: {text}") if in_array else _("Line {line}: {text}")
            yield Record(line, None, [Finding(code, Severity.ERROR, where.format(item=line, line=line, text=text),
                                              line, path) for code, text, path in problems])
        else:
            record.data = data
            yield record


def read_alpaca(source: Source) -> Iterator[Record]:
    """Read an Alpaca JSONL or JSON-array file as SFT records."""
    return _read(source, alpaca_to_sft)


def read_sharegpt(source: Source) -> Iterator[Record]:
    """Read a ShareGPT JSONL or JSON-array file as SFT records."""
    return _read(source, sharegpt_to_sft)


def read_pairs(source: Source) -> Iterator[Record]:
    """Read a preference-pairs (prompt/chosen/rejected) JSONL or JSON-array file as DPO records."""
    return _read(source, pairs_to_dpo)
