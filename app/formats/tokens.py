"""Token counts of training examples by the cookbook recipe, with the ``o200k_base`` encoding.

**What is counted** (the cookbook recipe, API_NOTES §9.3; everything is an estimate):

* Each message: 3 tokens, plus the tokens of its role, of its text (a string ``content`` or the
  ``text`` of each text part), of ``refusal`` and ``tool_call_id`` when present, and of ``name``
  plus 1 more when present. Each tool call (or legacy ``function_call``) adds the tokens of the
  function name and of the arguments string. ``weight`` adds nothing.
* Each conversation: 3 more tokens for the reply primer.
* Images: 85 tokens each (the ``detail: "low"`` price, a floor: ``high``/``auto`` cost more and
  depend on the image size), and the count is flagged ``estimated``.
* Tools (``tools`` or legacy ``functions``), gpt-4o-family constants: per function 7 plus the
  tokens of ``"name:description"`` (a trailing ``.`` dropped); when it has properties 3 more, and per
  property 3 plus the tokens of ``"name:type:description"``; a property with an ``enum`` adds -3 and
  then 3 plus the item's tokens per item; 12 once at the end. Nested object schemas are not counted.

Per kind: SFT counts ``messages`` + tools; DPO counts ``input.messages`` + tools + both outputs
(each as one message); RFT counts ``messages`` + tools. ``assistant`` tokens are what the model learns
from: SFT assistant messages without ``weight: 0`` (text, refusal and tool calls, no overhead); DPO
both outputs; RFT none (it has no targets).

The text itself is counted by :mod:`app.formats.tokenizer` (offline, exact, cached).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import orjson

from app.formats.model import Kind
from app.formats.tokenizer import (  # re-exported: the public face of token counting
    ENCODING_NAME,
    O200K_PAT_STR,
    O200K_SHA256,
    O200K_SPECIAL_TOKENS,
    TokenizerUnavailable,
    count_prompt,
    count_text,
    get_encoding,
)

__all__ = [
    "ENCODING_NAME", "O200K_PAT_STR", "O200K_SHA256", "O200K_SPECIAL_TOKENS", "TokenCount",
    "TokenizerUnavailable", "count_example", "count_message", "count_prompt", "count_text", "count_tools",
    "get_encoding", "uses_o200k",
]

# Enum attribute access is slow on Python 3.11 (a descriptor call); these are hot-path constants.
_DPO = Kind.DPO
_SFT = Kind.SFT

# The cookbook recipe's constants (API_NOTES §9.3, gpt-4o family).
TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
REPLY_PRIMER = 3
IMAGE_TOKENS = 85
FUNC_INIT = 7
PROP_INIT = 3
PROP_KEY = 3
ENUM_INIT = -3
ENUM_ITEM = 3
FUNC_END = 12


class TokenCount(NamedTuple):
    """Token figures of one example (a NamedTuple: cheap to build and to send between processes).

    ``total`` is what the example costs per epoch before the context cap; ``assistant`` the part the
    model learns from; ``images`` the number of image parts; ``estimated`` is True when the figure
    is rougher than usual (images present, or a model that does not use o200k_base).
    """

    total: int
    assistant: int
    images: int = 0
    estimated: bool = False


_ROLE_TOKENS: dict[str, int] = {}
# Every role name of the format is one token in o200k_base ("assistant", "developer", ...); the
# per-message overhead of an assistant message is therefore 3 + 1.
_OVERHEAD_ASSISTANT = TOKENS_PER_MESSAGE + 1


def _role_tokens(role: Any) -> int:
    if type(role) is not str:
        return 0
    n = _ROLE_TOKENS.get(role)
    if n is None:
        n = count_text(role)
        if len(_ROLE_TOKENS) < 64:
            _ROLE_TOKENS[role] = n
    return n


def _content_tokens(content: Any) -> tuple[int, int]:
    """(text tokens, image count) of a list-of-parts content."""
    n = images = 0
    for part in content:
        if type(part) is dict:
            kind = part.get("type")
            if kind == "text":
                text = part.get("text")
                if type(text) is str:
                    n += count_text(text)
            elif kind == "image_url":
                images += 1
    return n, images


def _call_tokens(function: Any) -> int:
    if type(function) is not dict:
        return 0
    n = 0
    name = function.get("name")
    if type(name) is str:
        n += count_prompt(name)
    args = function.get("arguments")
    if type(args) is str:
        n += count_text(args)
    return n


def _extra_tokens(message: dict[str, Any]) -> int:
    """Tokens of everything but role and content (only reached when a message has more keys)."""
    n = 0
    for key, value in message.items():
        if key == "role" or key == "content" or key == "weight":
            continue
        if key == "tool_calls":
            if type(value) is list:
                for call in value:
                    if type(call) is dict:
                        n += _call_tokens(call.get("function"))
        elif key == "function_call":
            n += _call_tokens(value)
        elif type(value) is str:
            n += count_text(value)
            if key == "name":
                n += TOKENS_PER_NAME
    return n


def count_message(message: Any) -> tuple[int, int]:
    """(tokens, images) of one message by the recipe; anything that is not a message counts 0."""
    if type(message) is not dict:
        return 0, 0
    role = message.get("role")
    n = TOKENS_PER_MESSAGE + _role_tokens(role)
    images = 0
    content = message.get("content")
    if type(content) is str:
        n += count_prompt(content) if role == "system" or role == "developer" else count_text(content)
    elif type(content) is list:
        text, images = _content_tokens(content)
        n += text + images * IMAGE_TOKENS
    if len(message) > 2:
        n += _extra_tokens(message)
    return n, images


# Per-message overhead (3 + the role's tokens) of the roles of the format: each role is 1 token.
_OVERHEAD = {role: TOKENS_PER_MESSAGE + 1 for role in ("user", "assistant", "tool", "function")}
_PROMPT_OVERHEAD = {role: TOKENS_PER_MESSAGE + 1 for role in ("system", "developer")}


def _conversation(messages: Any, learn_assistant: bool) -> tuple[int, int, int]:
    """(total, assistant, images) of a message list, primer included."""
    if type(messages) is not list:
        return 0, 0, 0
    total = REPLY_PRIMER
    assistant = images = 0
    for message in messages:
        if type(message) is not dict:
            continue
        content = message.get("content")
        if len(message) == 2 and type(content) is str:
            # Fast path: {"role", "content": "text"}, the bulk of every dataset.
            role = message.get("role")
            if type(role) is str:
                overhead = _OVERHEAD.get(role)
                if overhead is not None:
                    n = count_text(content)
                    total += overhead + n
                    if learn_assistant and role == "assistant":
                        assistant += n
                    continue
                overhead = _PROMPT_OVERHEAD.get(role)
                if overhead is not None:
                    total += overhead + count_prompt(content)
                    continue
        n, imgs = count_message(message)
        total += n
        images += imgs
        if learn_assistant and message.get("role") == "assistant" and message.get("weight", 1) != 0:
            assistant += n - _OVERHEAD_ASSISTANT
    return total, assistant, images


_TOOLS_CACHE: dict[bytes, int] = {}


def count_tools(tools: Any) -> int:
    """Tokens of a ``tools`` (or legacy ``functions``) list by the recipe; cached per definition."""
    if type(tools) is not list or not tools:
        return 0
    try:
        key = orjson.dumps(tools)
    except (TypeError, orjson.JSONEncodeError):  # e.g. integers beyond 64 bits from json.loads
        return _count_tools(tools)
    n = _TOOLS_CACHE.get(key)
    if n is None:
        n = _count_tools(tools)
        if len(_TOOLS_CACHE) >= 256:
            _TOOLS_CACHE.clear()
        _TOOLS_CACHE[key] = n
    return n


def _strip_dot(text: Any) -> str:
    text = text if type(text) is str else ""
    return text[:-1] if text.endswith(".") else text


def _count_tools(tools: list[Any]) -> int:
    n = 0
    for tool in tools:
        if type(tool) is not dict:
            continue
        # {"type": "function", "function": {...}}, or a legacy `functions` item {...} itself.
        fn = tool.get("function") if "function" in tool else tool
        if type(fn) is not dict:
            continue
        name = fn.get("name")
        n += FUNC_INIT + count_text(f"{name if type(name) is str else ''}:{_strip_dot(fn.get('description'))}")
        params = fn.get("parameters")
        props = params.get("properties") if type(params) is dict else None
        if type(props) is not dict or not props:
            continue
        n += PROP_INIT
        for key, prop in props.items():
            n += PROP_KEY
            prop = prop if type(prop) is dict else {}
            ptype = prop.get("type", "")
            ptype = "|".join(map(str, ptype)) if type(ptype) is list else str(ptype)
            enum = prop.get("enum")
            if type(enum) is list:
                n += ENUM_INIT
                for item in enum:
                    n += ENUM_ITEM + count_text(item if type(item) is str else str(item))
            n += count_text(f"{key}:{ptype}:{_strip_dot(prop.get('description'))}")
    return n + FUNC_END


def _output_tokens(output: Any) -> tuple[int, int, int]:
    """(total, learned, images) of a DPO output list (one assistant message)."""
    if type(output) is not list:
        return 0, 0, 0
    total = learned = images = 0
    for message in output:
        n, imgs = count_message(message)
        total += n
        images += imgs
        if n:
            learned += n - TOKENS_PER_MESSAGE - _role_tokens(message.get("role"))
    return total, learned, images


def count_example(obj: Any, kind: Kind, *, model: str | None = None) -> TokenCount:
    """Count the tokens of one example of ``kind`` (see the module docstring for what is counted).

    Never raises on malformed data: parts that are not the expected shape count nothing.
    ``model`` only affects ``estimated`` (models outside the o200k_base families count roughly).
    """
    if type(obj) is not dict:
        return TokenCount(0, 0, 0, True)
    if kind is _DPO:
        inp = obj.get("input")
        inp = inp if type(inp) is dict else {}
        total, _, images = _conversation(inp.get("messages"), False)
        tools = inp.get("tools")
        assistant = 0
        for output in (obj.get("preferred_output"), obj.get("non_preferred_output")):
            t, a, i = _output_tokens(output)
            total += t
            assistant += a
            images += i
    else:
        total, assistant, images = _conversation(obj.get("messages"), kind is _SFT)
        tools = obj.get("tools")
        if tools is None:
            tools = obj.get("functions")
    if tools is not None:
        total += count_tools(tools)
    estimated = images > 0 or (model is not None and not uses_o200k(model))
    return TokenCount(total, assistant, images, estimated)


def uses_o200k(model: str) -> bool:
    """True for models whose tokenizer is o200k_base (gpt-4o, gpt-4.1, o-series, and ft: of them)."""
    base = model[3:] if model.startswith("ft:") else model
    return base.startswith(("gpt-4o", "gpt-4.1", "o1", "o3", "o4", "gpt-5"))
