"""Small builders shared by the validation tests."""

from __future__ import annotations

import base64
import struct
from typing import Any

from app.formats.model import Finding, Kind, Severity
from app.formats.validate import validate_example

LINE = 17


def sft(*messages: dict[str, Any], **top: Any) -> dict[str, Any]:
    """An SFT example from messages."""
    return {"messages": list(messages), **top}


def user(text: Any = "What is the refund window?") -> dict[str, Any]:
    return {"role": "user", "content": text}


def assistant(text: Any = "Thirty days from delivery.", **extra: Any) -> dict[str, Any]:
    return {"role": "assistant", "content": text, **extra}


def system(text: str = "You answer questions about our shop.") -> dict[str, Any]:
    return {"role": "system", "content": text}


def tool_call(call_id: str = "call_1", name: str = "lookup_order", arguments: Any = '{"order_id": "42"}') -> dict:
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


TOOLS = [{
    "type": "function",
    "function": {
        "name": "lookup_order",
        "description": "Find an order by its number.",
        "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]},
    },
}]


def dpo(preferred: Any = "Thirty days.", rejected: Any = "No idea.", **top: Any) -> dict[str, Any]:
    return {
        "input": {"messages": [user()]},
        "preferred_output": [{"role": "assistant", "content": preferred}],
        "non_preferred_output": [{"role": "assistant", "content": rejected}],
        **top,
    }


def rft(*messages: dict[str, Any], **top: Any) -> dict[str, Any]:
    msgs = list(messages) or [{"role": "developer", "content": "Answer with a letter."}, user("A or B?")]
    return {"messages": msgs, **top}


def codes(obj: Any, kind: Kind, **kw: Any) -> dict[str, Finding]:
    """code -> first finding of that code."""
    out: dict[str, Finding] = {}
    for f in validate_example(obj, kind, line=LINE, **kw):
        out.setdefault(f.code, f)
    return out


def assert_clean(obj: Any, kind: Kind, **kw: Any) -> None:
    findings = validate_example(obj, kind, line=LINE, **kw)
    assert findings == [], [f.message for f in findings]


# --- tiny image files (only their first bytes matter to the checks) ---
def png(colour_type: int = 2) -> bytes:
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + b"\x00" * 4


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8 " + b"\x00" * 16
GIF = b"GIF89a" + b"\x00" * 16


def data_url(data: bytes, media_type: str) -> str:
    return f"data:{media_type};base64," + base64.b64encode(data).decode()


def image_part(url: str, **extra: Any) -> dict[str, Any]:
    return {"type": "image_url", "image_url": {"url": url, **extra}}


def vision(*parts: dict[str, Any]) -> dict[str, Any]:
    return sft({"role": "user", "content": [{"type": "text", "text": "What is shown?"}, *parts]}, assistant("A cat."))


ERROR, WARNING = Severity.ERROR, Severity.WARNING
