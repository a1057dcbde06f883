"""The words of an example: a one-line preview for lists and the text the search index holds."""

from __future__ import annotations

from typing import Any

from app.formats.model import Kind

PREVIEW_CHARS = 240


def content_text(content: Any) -> str:
    """The words of a message's content: the text itself, or the text parts of a list of parts."""
    if type(content) is str:
        return content
    if type(content) is list:
        return " ".join(p["text"] for p in content if type(p) is dict and type(p.get("text")) is str)
    return ""


def _messages(obj: dict[str, Any], kind: Kind) -> list[Any]:
    if kind is Kind.DPO:
        inp = obj.get("input")
        msgs = inp.get("messages") if type(inp) is dict else None
        out = list(msgs) if type(msgs) is list else []
        for key in ("preferred_output", "non_preferred_output"):
            part = obj.get(key)
            if type(part) is list:
                out.extend(part)
        return out
    msgs = obj.get("messages")
    return msgs if type(msgs) is list else []


def preview(obj: Any, kind: Kind) -> str:
    """The first user message (else the first text) on one line, cut to a list-friendly length."""
    if type(obj) is not dict:
        return ""
    first = ""
    for m in _messages(obj, kind):
        if type(m) is not dict:
            continue
        text = content_text(m.get("content"))
        if not text:
            continue
        if m.get("role") == "user":
            first = text
            break
        first = first or text
    # Only the first words: splitting a 20 MB text whole made a list of 7 million words (+470 MB)
    # for a preview of 240 characters. 240 words joined are longer than the preview in any case.
    line = " ".join(first.split(maxsplit=PREVIEW_CHARS))
    return line if len(line) <= PREVIEW_CHARS else line[: PREVIEW_CHARS - 1] + "…"


def search_text(obj: Any, kind: Kind) -> str:
    """Every message text, tool-call argument and (RFT) reference value, newline-separated.

    Deterministic: the search index is contentless, so removing an example from it needs this
    exact text again.
    """
    if type(obj) is not dict:
        return ""
    parts: list[str] = []
    for m in _messages(obj, kind):
        if type(m) is not dict:
            continue
        text = content_text(m.get("content"))
        if text:
            parts.append(text)
        calls = m.get("tool_calls")
        if type(calls) is list:
            for c in calls:
                fn = c.get("function") if type(c) is dict else None
                if type(fn) is dict and type(fn.get("arguments")) is str:
                    parts.append(fn["arguments"])
    if kind is Kind.RFT:
        for key, value in obj.items():
            if key != "messages" and type(value) is str:
                parts.append(value)
    return "\n".join(parts)
