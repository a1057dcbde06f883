"""Readable rendering of a conversation and of an answer: roles labelled, code blocks in a fixed
font on a tinted background, the text kept exactly as written (no Markdown reformatting: the
expert judges what the model wrote), long text scrolling, and an optional diff highlight.

The HTML builders are plain functions; the widgets only show their output. Text views take no
keyboard focus so the judging keys always reach the panel around them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ui.i18n import TranslationContext

_FENCE = re.compile(r"^\s*```")


Annotate = TranslationContext("Annotate")


def role_label(role: str) -> str:
    """The translated name of a message role."""
    labels = {
        "system": Annotate.tr("System"),
        "developer": Annotate.tr("Instructions"),
        "user": Annotate.tr("User"),
        "assistant": Annotate.tr("Assistant"),
        "tool": Annotate.tr("Tool result"),
    }
    return labels.get(role, role.capitalize() or Annotate.tr("Message"))


def message_text(message: dict[str, Any] | None) -> str:
    """The readable text of a message: its text parts, ``[image]`` for images, tool calls named."""
    if not isinstance(message, dict):
        return ""
    content = message.get("content")
    parts: list[str] = []
    if isinstance(content, str):
        parts.append(content)
    elif isinstance(content, list):
        for part in content:
            if isinstance(part, dict) and isinstance(part.get("text"), str):
                parts.append(part["text"])
            elif isinstance(part, dict) and part.get("type") in ("image_url", "input_image", "image"):
                parts.append(Annotate.tr("[image]"))
    for call in message.get("tool_calls") or []:
        fn = call.get("function", {}) if isinstance(call, dict) else {}
        parts.append(Annotate.tr("[calls the tool {name} with {args}]").format(
            name=fn.get("name", "?"), args=fn.get("arguments", "")))
    return "\n".join(parts)


def is_dark(palette: QPalette | None) -> bool:
    """True for a dark theme (light text on a dark base)."""
    if palette is None:
        return False
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def colours(palette: QPalette | None) -> dict[str, str]:
    """Theme-aware colours for code blocks, diff marks and role labels."""
    if is_dark(palette):
        return {"code": "#2b2f36", "mark": "#6b5600", "role": "#9ab8e8", "muted": "#a0a0a0"}
    return {"code": "#f1f3f5", "mark": "#ffe58a", "role": "#2f5496", "muted": "#666666"}


def segments(text: str) -> list[tuple[int, int, bool]]:
    """``text`` cut into ``(start, end, is_code)`` spans; fence lines (```) belong to no span."""
    out: list[tuple[int, int, bool]] = []
    pos, start, code = 0, 0, False
    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            if pos > start:
                out.append((start, pos, code))
            code = not code
            start = pos + len(line)
        pos += len(line)
    if pos > start:
        out.append((start, pos, code))
    return out


def _marked(text: str, start: int, end: int, ranges: Sequence[tuple[int, int]], mark: str) -> str:
    """Escaped ``text[start:end]`` with the parts inside ``ranges`` highlighted."""
    pieces: list[str] = []
    pos = start
    for a, b in ranges:
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        pieces.append(html.escape(text[pos:a]))
        pieces.append(f'<span style="background-color:{mark};">{html.escape(text[a:b])}</span>')
        pos = b
    pieces.append(html.escape(text[pos:end]))
    return "".join(pieces)


def text_html(text: str, changed: Sequence[tuple[int, int]] = (), palette: QPalette | None = None) -> str:
    """HTML for one message text: prose keeps its line breaks, fenced code is monospace on a tint;
    ``changed`` character ranges (sorted) are highlighted."""
    c = colours(palette)
    blocks = []
    for start, end, code in segments(text):
        body = _marked(text, start, end, changed, c["mark"]).rstrip("\n")
        if code:
            blocks.append(f'<pre style="background-color:{c["code"]}; margin:4px 0;">{body}</pre>')
        else:
            body = body.strip("\n")
            if body:
                blocks.append(f'<p style="white-space:pre-wrap; margin:2px 0;">{body}</p>')
    return "".join(blocks) or f'<p style="color:{c["muted"]};">{html.escape(Annotate.tr("(empty)"))}</p>'


def runs_to_ranges(runs: Iterable[tuple[str, bool]]) -> list[tuple[int, int]]:
    """Changed character ranges from ``word_diff`` runs (whitespace-only changes left out)."""
    ranges, pos = [], 0
    for piece, changed in runs:
        if changed and piece.strip():
            ranges.append((pos, pos + len(piece)))
        pos += len(piece)
    return ranges


def conversation_html(messages: Sequence[dict[str, Any]], palette: QPalette | None = None) -> str:
    """The conversation so far: each message under its role's name; the last one is anchored
    ``last`` so the view can scroll to it."""
    c = colours(palette)
    out = []
    for i, msg in enumerate(messages):
        role = msg.get("role", "") if isinstance(msg, dict) else ""
        anchor = '<a name="last"></a>' if i == len(messages) - 1 else ""
        out.append(
            f'<p style="margin:8px 0 2px 0;">{anchor}<b style="color:{c["role"]};">'
            f"{html.escape(role_label(role))}</b></p>"
        )
        out.append(text_html(message_text(msg), (), palette))
    return "".join(out) or f'<p style="color:{c["muted"]};">{html.escape(Annotate.tr("No conversation."))}</p>'


class _TextView(QTextBrowser):
    """A read-only text area that scrolls and lets the mouse select, but never takes the keyboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setOpenLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def scroll_by(self, steps: int, page: bool = False) -> None:
        """Scroll by lines (``page``: by screens), for the panel's scrolling keys."""
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + steps * (bar.pageStep() if page else bar.singleStep() * 3))


class ConversationView(_TextView):
    """The conversation so far (system prompt and messages), scrolled to its last message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Conversation so far"))

    def set_messages(self, messages: Sequence[dict[str, Any]]) -> None:
        """Show ``messages``; the last one (usually the question) is brought into view."""
        self.setHtml(conversation_html(messages, self.palette()))
        self.scrollToAnchor("last")


class AnswerView(QFrame):
    """One candidate answer: a header (A or B, its key, the source once revealed, the verdict) and
    the text, optionally with the words that differ from the other answer highlighted."""

    def __init__(self, letter: str, keys: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.letter = letter
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self.tr("<b>Answer {letter}</b>").format(letter=letter))
        self.keys = QLabel(keys)
        self.keys.setStyleSheet("color: palette(placeholder-text);")
        self.source = QLabel()
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge = QLabel()
        self.body = _TextView()
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setAccessibleName(self.tr("Answer {letter}").format(letter=letter))
        head = QHBoxLayout()
        head.setContentsMargins(6, 4, 6, 0)
        head.addWidget(self.title)
        head.addWidget(self.keys)
        head.addWidget(self.source, 1)
        head.addWidget(self.badge)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(1, 1, 1, 1)
        lay.setSpacing(2)
        lay.addLayout(head)
        lay.addWidget(self.body, 1)
        self.text = ""

    def set_answer(self, text: str, changed: Sequence[tuple[int, int]] = ()) -> None:
        """Show the answer's text; ``changed`` character ranges are highlighted."""
        self.text = text
        bar = self.body.verticalScrollBar()
        keep = bar.value() if text == self.body.property("shown_text") else 0
        self.body.setHtml(text_html(text, changed, self.body.palette()))
        self.body.setProperty("shown_text", text)
        bar.setValue(keep)

    def set_source(self, source: str | None) -> None:
        """The model the answer came from (None: hidden — before the judgement or without reveal)."""
        self.source.setVisible(source is not None)
        self.source.setText(self.tr("from {model}").format(model=source) if source else self.tr("source not recorded"))

    def set_badge(self, text: str) -> None:
        """A word (with its symbol) about this answer in the current judgement, e.g. "✓ Better"."""
        self.badge.setText(f"<b>{text}</b>" if text else "")
