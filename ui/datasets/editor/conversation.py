"""A conversation (``messages``) as a vertical list of message cards with "Add message"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from app.formats.model import Kind

from .common import Anchor, Anchors, EditHub, ExampleEditor, FindingsBox, PathKey, format_path, heading, hint
from .message_card import MessageCard

FIRST_BATCH = 12  # more than a tall window shows
BATCH = 16


class ConversationWidget(QWidget):
    """Edits the message list found at JSON path ``prefix`` (``messages`` or ``input.messages``)."""

    def __init__(self, hub: EditHub, kind: Kind, data: dict[str, Any], prefix: PathKey, title: str,
                 allow_images: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub, self._kind, self._data, self.prefix = hub, kind, data, prefix
        self._allow_images = allow_images
        self.cards: list[MessageCard] = []
        self._more = QTimer(self)
        self._more.setSingleShot(True)
        self._more.setInterval(0)
        self._more.timeout.connect(self._next_batch)
        self.box = FindingsBox()
        self._cards_lay = QVBoxLayout()
        self._cards_lay.setSpacing(8)
        self.add_button = QPushButton(ExampleEditor.tr("Add message"))
        self.add_button.setToolTip(ExampleEditor.tr("Add a message after the last one (Ctrl+Return)"))
        self.add_button.clicked.connect(lambda: self.add_message())
        self.broken = hint(ExampleEditor.tr("The conversation is not a list of messages, so it cannot be edited "
                                            "here. Fix it in the source file; it is kept unchanged."))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addWidget(heading(title))
        lay.addWidget(self.box)
        lay.addWidget(self.broken)
        lay.addLayout(self._cards_lay)
        lay.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.build()

    # -- data --------------------------------------------------------------------------------
    def messages(self, create: bool = False) -> list[Any] | None:
        """The message list (created, with its parents, when ``create``); None when unusable."""
        node: Any = self._data
        for key in self.prefix[:-1]:
            if not isinstance(node, dict):
                return None
            if create and key not in node:
                node[key] = {}
            node = node.get(key)
        if not isinstance(node, dict):
            return None
        last = self.prefix[-1]
        if create and last not in node:
            node[last] = []
        msgs = node.get(last)
        return msgs if isinstance(msgs, list) else None

    def _usable(self) -> bool:
        node: Any = self._data
        for key in self.prefix:
            if not isinstance(node, dict):
                return False
            if key not in node:
                return True  # created on the first "Add message"
            node = node[key]
        return isinstance(node, list)

    def _calls(self, upto: int) -> list[tuple[str, str, str]]:
        """(id, function name, path) of every tool call in the messages before ``upto``."""
        out = []
        for i, msg in enumerate((self.messages() or [])[:upto]):
            calls = msg.get("tool_calls") if isinstance(msg, dict) else None
            for k, call in enumerate(calls if isinstance(calls, list) else []):
                if isinstance(call, dict) and call.get("id") is not None:
                    fn = call.get("function")
                    name = fn.get("name") if isinstance(fn, dict) else ""
                    out.append((call["id"], str(name or ""), format_path(self.prefix + (i, "tool_calls", k))))
        return out

    def new_call_id(self) -> str:
        """``call_<n>`` with the smallest n not used in this conversation."""
        used = {cid for cid, _, _ in self._calls(len(self.messages() or []))}
        n = 1
        while f"call_{n}" in used:
            n += 1
        return f"call_{n}"

    def next_message(self) -> dict[str, Any]:
        """A sensible next message: answer the user, answer open tool calls, then the user again."""
        msgs = [m for m in (self.messages() or []) if isinstance(m, dict)]
        if not msgs:
            return {"role": "user", "content": ""}
        # Tool calls of the last assistant turn that no tool message has answered yet.
        open_ids: list[Any] = []
        for m in msgs:
            if m.get("role") == "assistant":
                calls = m.get("tool_calls")
                open_ids = [c.get("id") for c in calls if isinstance(c, dict)] if isinstance(calls, list) else []
            elif m.get("role") == "tool" and m.get("tool_call_id") in open_ids:
                open_ids.remove(m.get("tool_call_id"))
        if open_ids:
            return {"role": "tool", "tool_call_id": open_ids[0], "content": ""}
        last = msgs[-1].get("role")
        role = "assistant" if last in ("user", "tool") else "user"
        return {"role": role, "content": ""}

    # -- structure ---------------------------------------------------------------------------
    def build(self) -> None:
        """(Re)create the cards from the data."""
        for card in self.cards:
            self._cards_lay.removeWidget(card)
            card.deleteLater()
        self.cards = []
        usable = self._usable()
        self.broken.setVisible(not usable)
        self.add_button.setEnabled(usable)
        self._build_more(FIRST_BATCH)

    def _build_more(self, n: int) -> None:
        # A long conversation is built in batches between events: the first cards show at once
        # and the window stays responsive while the rest are added.
        msgs = self.messages() or []
        start = len(self.cards)
        for i in range(start, min(len(msgs), start + n)):
            self._append_card(i, msgs[i], len(msgs))
        for i in range(start, len(self.cards)):
            self.cards[i].refresh_links(self._calls(i))
        if len(self.cards) < len(msgs):
            self._more.start()

    def _next_batch(self) -> None:
        self._build_more(BATCH)
        self._hub.layout_changed.emit()

    def ensure_built(self) -> None:
        """Build the cards still waiting for their batch (before a structural edit or a jump)."""
        if self._more.isActive():
            self._more.stop()
            self._build_more(len(self.messages() or []))
            self._hub.layout_changed.emit()

    def _append_card(self, i: int, msg: Any, count: int) -> MessageCard:
        card = MessageCard(self._hub, self._kind, msg, i, count, self.new_call_id, self._allow_images)
        card.move_requested.connect(self.move)
        card.remove_requested.connect(self.remove)
        card.links_changed.connect(self.relink)
        self._cards_lay.addWidget(card)
        self.cards.append(card)
        return card

    def relink(self) -> None:
        """Refresh every tool message's "Answers call" choices."""
        for i, card in enumerate(self.cards):
            card.refresh_links(self._calls(i))

    def _changed(self, stale: bool) -> None:
        self.build()
        if stale:
            self._hub.findings_stale.emit()
        self._hub.layout_changed.emit()
        self._hub.commit()

    def add_message(self, msg: dict[str, Any] | None = None) -> MessageCard | None:
        """Append ``msg`` (default: :meth:`next_message`) and focus its content."""
        if not self._usable():
            return None
        self.ensure_built()
        msg = msg if msg is not None else self.next_message()
        msgs = self.messages(create=True)
        msgs.append(msg)
        # Only the new card is built (rebuilding a long conversation would be slow).
        if self.cards:
            self.cards[-1].down.setEnabled(True)
        card = self._append_card(len(msgs) - 1, msg, len(msgs))
        card.refresh_links(self._calls(len(msgs) - 1))
        self._hub.layout_changed.emit()
        self._hub.commit()
        self._hub.focus_requested.emit(format_path(self.prefix + (len(self.cards) - 1, "content")))
        return card

    def remove(self, i: int) -> None:
        """Remove message ``i``; the focus goes to the next card (or "Add message")."""
        self.ensure_built()
        msgs = self.messages()
        if msgs is None or not 0 <= i < len(msgs):
            return
        del msgs[i]
        self._changed(stale=True)
        if self.cards:
            j = min(i, len(self.cards) - 1)
            self._hub.focus_requested.emit(format_path(self.prefix + (j,)))
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def move(self, i: int, delta: int) -> None:
        """Swap message ``i`` with its neighbour; the focus follows the moved message."""
        self.ensure_built()
        msgs = self.messages()
        j = i + delta
        if msgs is None or not (0 <= i < len(msgs) and 0 <= j < len(msgs)):
            return
        old = self.cards[i]
        typing = old.content_editor is not None and self.window().focusWidget() is old.content_editor
        msgs[i], msgs[j] = msgs[j], msgs[i]
        self._changed(stale=True)
        card = self.cards[j]
        button = card.up if delta < 0 else card.down
        # Alt+Up/Down while typing keeps the cursor in the text; a click keeps it on the button.
        target = card.content_focus() if typing else (button if button.isEnabled() else card.role)
        self._hub.focus_requested.emit(format_path(self.prefix + (j,)))
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def anchors(self) -> Anchors:
        """Where findings about the conversation and each message go."""
        out: Anchors = {self.prefix: Anchor(self.add_button, self.box)}
        if len(self.prefix) > 1:
            out[self.prefix[:-1]] = Anchor(self.add_button, self.box)
        for i, card in enumerate(self.cards):
            out.update(card.anchors(self.prefix + (i,)))
        return out
