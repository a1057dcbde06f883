"""Shared pieces of the example editor: JSON paths, growing text editors, the live JSON check,
findings boxes, the edit hub (which turns widget edits into debounced emissions) and tab order."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.formats.model import Finding, Kind, Severity
from ui.i18n import TranslationContext

PathKey = tuple[str | int, ...]

_TOKEN = re.compile(r"\[(\d+)\]|\[['\"](.*?)['\"]\]|\.([^.\[]+)")


# Module-level texts of this package: ``ExampleEditor.tr("…")`` (see ui.i18n.TranslationContext).
ExampleEditor = TranslationContext("ExampleEditor")


def parse_path(path: str) -> PathKey | None:
    """``$.messages[2].content`` → ``("messages", 2, "content")``; ``()`` for the whole example.

    Returns None for a path that does not start at the example root. A tail that cannot be read
    is dropped, so the finding still lands on the closest known field.
    """
    path = (path or "").strip()
    if path in ("", "$"):
        return ()
    if not path.startswith("$"):
        return None
    out: list[str | int] = []
    pos = 1
    while pos < len(path):
        m = _TOKEN.match(path, pos)
        if m is None:
            break
        index, quoted, key = m.groups()
        out.append(int(index) if index is not None else (quoted if quoted is not None else key))
        pos = m.end()
    return tuple(out)


def format_path(key: PathKey) -> str:
    """The inverse of :func:`parse_path` (for links between widgets)."""
    return "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in key)


_ICONS: dict[tuple[int, QStyle.StandardPixmap], QIcon] = {}


def std_icon(widget: QWidget, pix: QStyle.StandardPixmap) -> QIcon:
    """A standard style icon (cached: the style builds a new one on every call, and a long
    conversation asks for hundreds)."""
    style = widget.style()
    key = (id(style), pix)
    icon = _ICONS.get(key)
    if icon is None:
        icon = _ICONS[key] = style.standardIcon(pix)
    return icon


def severity_icon(widget: QWidget, severity: Severity) -> QIcon:
    """The standard error / warning icon (status is never shown by colour alone)."""
    pix = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if severity is Severity.ERROR
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return std_icon(widget, pix)


def heading(text: str) -> QLabel:
    """A bold section heading."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def hint(text: str) -> QLabel:
    """A small wrapped explanatory line."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


class NoticeRow(QWidget):
    """One line of status: an icon (error / warning) and wrapped text; hidden when cleared."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel()
        self.icon.setFixedSize(16, 16)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.label, 1)
        self.hide()

    def show_message(self, text: str, severity: Severity = Severity.ERROR) -> None:
        """Show ``text`` with the icon of ``severity``."""
        self.icon.setPixmap(severity_icon(self, severity).pixmap(16, 16))
        word = ExampleEditor.tr("Error") if severity is Severity.ERROR else ExampleEditor.tr("Warning")
        self.icon.setToolTip(word)
        self.label.setText(text)
        self.setAccessibleName(f"{word}: {text}")
        self.show()

    def clear(self) -> None:
        """Hide the notice."""
        self.label.clear()
        self.hide()

    def text(self) -> str:
        """The message shown ("" when hidden)."""
        return self.label.text() if not self.isHidden() else ""


class FindingsBox(QWidget):
    """Validation findings shown right under the field they concern."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 2, 0, 2)
        self._lay.setSpacing(2)
        self.findings: list[Finding] = []
        self.hide()

    def set_findings(self, findings: list[Finding]) -> None:
        """Replace the findings shown (errors first)."""
        while self._lay.count():
            item = self._lay.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.findings = sorted(findings, key=lambda f: f.severity is not Severity.ERROR)
        for f in self.findings:
            row = NoticeRow(self)
            msg = f.message[:1].upper() + f.message[1:]
            row.show_message(msg, f.severity)
            self._lay.addWidget(row)
        self.setVisible(bool(self.findings))

    def texts(self) -> list[str]:
        """The messages shown (for tests and accessibility)."""
        return [f.message for f in self.findings]


class ComboBox(QComboBox):
    """A combo box that ignores the mouse wheel unless it has the focus, so scrolling the editor
    page over a card never changes a role by accident."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class GrowingTextEdit(QPlainTextEdit):
    """A plain-text editor whose height follows its text (between ``min_lines`` and ``max_lines``).

    Tab moves the focus (these editors sit in a form), and losing the focus is signalled so the
    editor can save at once instead of waiting for the debounce.
    """

    focus_lost = Signal()

    def __init__(self, text: str = "", min_lines: int = 2, max_lines: int = 16, parent: QWidget | None = None):
        super().__init__(parent)
        self._min, self._max = min_lines, max_lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setPlainText(text)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def raw_text(self) -> str:
        """The text exactly as typed (``toPlainText`` would turn no-break spaces into spaces)."""
        return self.document().toRawText().replace("\u2029", "\n")

    def _fit(self, *_: object) -> None:
        lines = int(self.document().documentLayout().documentSize().height())
        lines = max(self._min, min(self._max, lines))
        margins = self.contentsMargins()
        h = (
            lines * self.fontMetrics().lineSpacing()
            + int(2 * self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 2
        )
        if h != self.height() or self.minimumHeight() != h:
            self.setFixedHeight(h)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def focusOutEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().focusOutEvent(event)
        self.focus_lost.emit()


def json_error(text: str) -> str | None:
    """None when ``text`` is valid JSON, else the user-facing reason with line and column."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return ExampleEditor.tr("Not valid JSON: {msg} (line {line}, column {col})").format(
            msg=exc.msg, line=exc.lineno, col=exc.colno
        )
    return None


class JsonEdit(QWidget):
    """A small monospace editor whose JSON is checked as you type; the error shows at once."""

    edited = Signal(str)  # every change (the raw text)
    focus_lost = Signal()

    def __init__(self, text: str, suffix: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suffix = suffix
        self.editor = GrowingTextEdit(text, min_lines=2, max_lines=14)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.error = NoticeRow()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.editor)
        lay.addWidget(self.error)
        self.check()
        self.editor.textChanged.connect(self._changed)
        self.editor.focus_lost.connect(self.focus_lost)
        self.setFocusProxy(self.editor)

    def text(self) -> str:
        """The current text."""
        return self.editor.raw_text()

    def is_valid(self) -> bool:
        """True when the text parses as JSON."""
        return json_error(self.text()) is None

    def check(self) -> bool:
        """Show or clear the inline error; True when valid."""
        err = json_error(self.text())
        if err is None:
            self.error.clear()
            return True
        self.error.show_message(err + self._suffix, Severity.ERROR)
        return False

    def _changed(self) -> None:
        self.check()
        self.edited.emit(self.text())


@dataclass
class Anchor:
    """Where a JSON path lands in the editor: the widget to focus, the box for its findings, and
    how to make it visible (expand a collapsed section)."""

    widget: QWidget | None
    box: FindingsBox | None
    reveal: Callable[[], None] | None = None


Anchors = dict[PathKey, Anchor]


class EditHub(QObject):
    """The line from every field back to the editor: typing restarts the debounce; a finished or
    structural edit commits at once; a re-laid-out section asks for a new tab order."""

    committed = Signal()
    layout_changed = Signal()
    focus_requested = Signal(str)
    findings_stale = Signal()

    def __init__(self, kind: Kind, debounce_ms: int, spawn: Callable[[Coroutine[Any, Any, Any]], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.spawn = spawn
        self.thumbnails: dict[tuple[int, int], Any] = {}  # decoded image thumbnails, shared by examples
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(0, debounce_ms))
        self.timer.timeout.connect(self.committed)

    def typed(self) -> None:
        """A keystroke: save once the user pauses."""
        self.timer.start()

    def commit(self) -> None:
        """An edit is finished (focus left, or a structural change): save now."""
        self.timer.stop()
        self.committed.emit()


def monospace() -> QFont:
    """The system's fixed-width font."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


_TAB = Qt.FocusPolicy.TabFocus.value


def _focusables(root: QWidget) -> list[QWidget]:
    out: list[QWidget] = []

    def walk_layout(lay: QLayout) -> None:
        for i in range(lay.count()):
            item = lay.itemAt(i)
            w = item.widget()
            if w is not None:
                walk_widget(w)
            else:
                sub = item.layout()
                if sub is not None:
                    walk_layout(sub)

    def walk_widget(w: QWidget) -> None:
        # Enum arithmetic is slow in PySide; compare the plain integer value.
        takes_tab = bool(w.focusPolicy().value & _TAB)
        if isinstance(w, QScrollArea):
            inner = w.widget()
            if takes_tab:
                out.append(w)
            if inner is not None:
                walk_widget(inner)
            return
        lay = w.layout()
        if takes_tab:
            out.append(w)
            if lay is None or isinstance(w, QAbstractScrollArea | QComboBox):
                return
        if lay is not None:
            walk_layout(lay)

    walk_widget(root)
    return out


def apply_visual_tab_order(root: QWidget) -> None:
    """Chain Tab through ``root``'s widgets in layout (visual) order: widgets created by later
    rebuilds would otherwise land at the end of Qt's creation-order focus chain."""
    for a, b in pairwise(_focusables(root)):
        QWidget.setTabOrder(a, b)
