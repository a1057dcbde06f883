"""What a batch run sends for an example, and the answer the dataset itself gives.

Pure functions of an example's OpenAI object (no database): the prompt messages per kind, the
dataset's reference answer, and the one-line preview the results table shows. The runner and the
annotator's generator use them to build calls; ``batch_results_repo`` uses them to show a row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.formats.model import Kind
from app.formats.text import content_text
from app.i18n import N_

PREVIEW_CHARS = 160
NO_PROMPT_ERROR = N_("This example has no user message, so there is nothing to send to the model.")



def _clean(messages: Iterable[Any]) -> list[dict] | None:
    out: list[dict] = []
    for m in messages:
        if not isinstance(m, dict):
            return None
        # "weight" only means something to training; the chat API rejects unknown message keys.
        out.append({k: v for k, v in m.items() if k != "weight"})
    return out


def prompt_of(obj: Any, kind: Kind) -> list[dict] | None:
    """The messages to send for an example: SFT up to (not including) the last assistant message,
    DPO ``input.messages``, RFT ``messages``. None when there is no user message to answer."""
    if not isinstance(obj, dict):
        return None
    if kind is Kind.DPO:
        inp = obj.get("input")
        messages = inp.get("messages") if isinstance(inp, dict) else None
    else:
        messages = obj.get("messages")
    if not isinstance(messages, list):
        return None
    if kind is Kind.SFT:
        last = max((i for i, m in enumerate(messages) if isinstance(m, dict) and m.get("role") == "assistant"),
                   default=None)
        if last is not None:
            messages = messages[:last]
    prompt = _clean(messages)
    if not prompt or not any(m.get("role") == "user" for m in prompt):
        return None
    return prompt


def reference_of(obj: Any, kind: Kind) -> str | None:
    """The answer the dataset itself gives (SFT: the last assistant message; DPO: the preferred one)."""
    if not isinstance(obj, dict):
        return None
    if kind is Kind.SFT:
        messages = obj.get("messages")
    elif kind is Kind.DPO:
        messages = obj.get("preferred_output")
    else:
        return None
    if not isinstance(messages, list):
        return None
    for m in reversed(messages):
        if isinstance(m, dict) and m.get("role") == "assistant":
            return content_text(m.get("content"))
    return None


def prompt_preview(messages: Any) -> str:
    """The last user message on one line, shortened for a table cell."""
    text = ""
    if isinstance(messages, list):
        for m in reversed(messages):
            if isinstance(m, dict) and m.get("role") == "user":
                text = content_text(m.get("content"))
                break
    line = " ".join(text.split())
    return line if len(line) <= PREVIEW_CHARS else line[: PREVIEW_CHARS - 1] + "…"
