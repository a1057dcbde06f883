"""The JSON tab of the grader editor: the grader exactly as the provider takes it, editable.

Text that parses to a JSON object is announced (the forms follow) a moment after the last key
press; text that does not parse is named with its line and column, and the forms keep the last
good grader until it is fixed.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.graders.words import Graders

PARSE_DELAY_MS = 300


def grader_text(grader: dict[str, Any]) -> str:
    """The grader as the JSON tab (and an exported file) shows it: indented, non-ASCII kept."""
    return json.dumps(grader, indent=2, ensure_ascii=False)


def parse_grader(text: str) -> tuple[dict[str, Any] | None, str, int]:
    """(grader, plain problem, 1-based line of the problem or 0) for a grader typed as JSON."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, Graders.tr("✖ Not valid JSON at line {line}, column {col}: {what}. The form keeps the last valid "
                        "grader until this is fixed.").format(line=exc.lineno, col=exc.colno, what=exc.msg), exc.lineno
    if not isinstance(value, dict):
        return None, Graders.tr("✖ A grader is a JSON object, written between { and }. The form keeps the last valid "
                        "grader until this is fixed."), 1
    return value, "", 0


class GraderJsonView(QWidget):
    """A monospace JSON editor with a line under it naming what is wrong."""

    grader_edited = Signal(dict)
    error_changed = Signal(str)  # the plain problem, "" when the text is valid again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit()
        self.edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(Graders.tr("Grader as JSON"))
        self.edit.setToolTip(Graders.tr("The grader exactly as it is sent to the provider; the form follows your "
                                        "edits"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.status)
        self.error = ""
        self.error_line = 0
        self._setting = False
        self._timer = QTimer(self, singleShot=True, interval=PARSE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._typed)
        self.setFocusProxy(self.edit)

    def set_grader(self, grader: dict[str, Any]) -> None:
        """Show ``grader`` (no signal); clears any error, since the text is now valid."""
        self._timer.stop()
        self._setting = True
        try:
            text = grader_text(grader)
            if text != self.edit.toPlainText():
                self.edit.setPlainText(text)
        finally:
            self._setting = False
        self._show_error("", 0)

    def text(self) -> str:
        """The text as typed."""
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the text as if typed (parsed at once)."""
        self.edit.setPlainText(text)
        self.flush()

    def _typed(self) -> None:
        if not self._setting:
            self._timer.start()

    def flush(self) -> None:
        """Parse the text now: announce a valid grader, or show what is wrong."""
        self._timer.stop()
        grader, problem, line = parse_grader(self.edit.toPlainText())
        self._show_error(problem, line)
        if grader is not None:
            self.grader_edited.emit(grader)

    def pending(self) -> bool:
        """True while typed text waits to be parsed."""
        return self._timer.isActive()

    def _show_error(self, problem: str, line: int) -> None:
        changed = problem != self.error
        self.error, self.error_line = problem, line
        self.status.setText(problem)
        self.status.setVisible(bool(problem))
        if changed:
            self.error_changed.emit(problem)

    def go_to_error(self) -> None:
        """Put the cursor on the line of the problem."""
        if self.error_line:
            block = self.edit.document().findBlockByNumber(self.error_line - 1)
            cursor = QTextCursor(block)
            self.edit.setTextCursor(cursor)
            self.edit.setFocus()
