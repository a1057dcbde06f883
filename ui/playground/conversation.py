"""The conversation every pane shares: the system prompt (above the panes), and below them the user
messages so far and the box for the next one with its Send button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def _lines_height(edit: QPlainTextEdit, lines: int) -> int:
    return QFontMetrics(edit.font()).lineSpacing() * lines + 2 * edit.frameWidth() + 10


class SystemPromptWidget(QWidget):
    """The system prompt: instructions every model gets before the conversation."""

    system_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(self.tr(
            "Optional: instructions every model gets first, e.g. “You are a careful assistant for a law firm.”"
        ))
        self.edit.setAccessibleName(self.tr("System prompt"))
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(_lines_height(self.edit, 2))
        label = QLabel(self.tr("S&ystem prompt:"))
        label.setBuddy(self.edit)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.edit, 1)
        self.edit.textChanged.connect(self._changed)

    def text(self) -> str:
        """The system prompt as typed."""
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Show ``text`` without emitting ``system_edited``."""
        self._loading = True
        try:
            self.edit.setPlainText(text)
        finally:
            self._loading = False

    def _changed(self) -> None:
        if not self._loading:
            self.system_edited.emit(self.text())


class MessageBarWidget(QWidget):
    """The user messages so far (click one to scroll the panes there) and the next message."""

    send_requested = Signal(str)
    turn_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Messages so far"))
        self.history.setToolTip(self.tr("Your messages so far; pick one to show the answers to it."))
        self.history.setWordWrap(False)
        self.history.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.history.setMaximumWidth(260)
        self.history.setMinimumWidth(160)
        self.history.currentRowChanged.connect(self._on_row)
        history_label = QLabel(self.tr("&Conversation:"))
        history_label.setBuddy(self.history)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(2)
        left.addWidget(history_label)
        left.addWidget(self.history, 1)

        self.message = QPlainTextEdit()
        self.message.setPlaceholderText(self.tr("Type a message for every model… (Ctrl+Enter sends)"))
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setTabChangesFocus(True)
        self.message.setMinimumHeight(_lines_height(self.message, 3))
        message_label = QLabel(self.tr("Your &message:"))
        message_label.setBuddy(self.message)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setToolTip(self.tr("Ask every pane's model (Ctrl+Enter)"))
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.hide()
        mid = QVBoxLayout()
        mid.setContentsMargins(0, 0, 0, 0)
        mid.setSpacing(2)
        mid.addWidget(message_label)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        mid.addLayout(row, 1)
        mid.addWidget(self.hint)

        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(left)
        lay.addLayout(mid, 1)
        self.set_history([])

    def set_history(self, messages: list[str]) -> None:
        """Show the user messages so far (numbered)."""
        self.history.blockSignals(True)
        try:
            self.history.clear()
            for i, text in enumerate(messages, 1):
                line = " ".join(text.split())
                item = QListWidgetItem(f"{i}. {line}")
                item.setToolTip(text[:2000])
                self.history.addItem(item)
            if not messages:
                item = QListWidgetItem(self.tr("No messages yet"))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.history.addItem(item)
            else:
                self.history.setCurrentRow(len(messages) - 1)
        finally:
            self.history.blockSignals(False)

    def _on_row(self, row: int) -> None:
        if row >= 0 and self.history.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
            self.turn_activated.emit(row)

    def text(self) -> str:
        """The message being typed."""
        return self.message.toPlainText()

    def set_text(self, text: str) -> None:
        """Put ``text`` in the message box."""
        self.message.setPlainText(text)

    def set_hint(self, text: str) -> None:
        """A short note under the message box (why Send did nothing); empty hides it."""
        self.hint.setText(("⚠ " + text) if text else "")
        self.hint.setVisible(bool(text))

    def send(self) -> None:
        """Ask to send the message (the view checks and clears it)."""
        if self.send_button.isEnabled():
            self.send_requested.emit(self.text())
