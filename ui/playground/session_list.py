"""The Playground's history: the saved sessions of the project, newest first, to reopen, rename or
delete. It only shows and asks; the view reads and writes the project."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.store.playground_repo import SessionSummary
from ui.locale_format import date_time


def when_text(stamp: str) -> str:
    """A stored UTC timestamp as local date and time, as the user's language writes it."""
    return date_time(stamp)


class SessionListWidget(QWidget):
    """Saved sessions with Open, Rename (the title field) and Delete (asked first)."""

    open_requested = Signal(int)
    rename_requested = Signal(int, str)
    delete_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sessions: list[SessionSummary] = []
        self.current_id: int | None = None
        self.confirm_box: QMessageBox | None = None
        heading = QLabel(self.tr("<b>History</b>"))
        self.new_button = QPushButton(self.tr("New session"))
        self.new_button.setToolTip(self.tr("Start an empty session; this one stays in the history (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_requested)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Saved sessions"))
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemActivated.connect(lambda item: self._open(item))
        self.list.currentItemChanged.connect(lambda *_: self._on_current())
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Session title"))
        self.title_edit.setPlaceholderText(self.tr("Title of the selected session"))
        self.title_edit.editingFinished.connect(self._rename)
        title_label = QLabel(self.tr("&Title:"))
        title_label.setBuddy(self.title_edit)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Reopen the selected session (Enter)"))
        self.open_button.clicked.connect(lambda: self._open(self.list.currentItem()))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Delete the selected session from the project"))
        self.delete_button.clicked.connect(self.confirm_delete)
        self.empty = QLabel(self.tr("No saved sessions yet — every conversation you start is kept here."))
        self.empty.setWordWrap(True)

        title_row = QHBoxLayout()
        title_row.addWidget(title_label)
        title_row.addWidget(self.title_edit, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.new_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 4, 0)
        lay.addLayout(top)
        lay.addWidget(self.empty)
        lay.addWidget(self.list, 1)
        lay.addLayout(title_row)
        lay.addLayout(buttons)
        self._on_current()

    def set_sessions(self, sessions: list[SessionSummary], current_id: int | None) -> None:
        """Show ``sessions`` (newest first); the selection stays, else the open one is selected."""
        keep = self.selected_id()
        if keep is None or all(s.id != keep for s in sessions):
            keep = current_id
        self.sessions, self.current_id = list(sessions), current_id
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for s in sessions:
                title = s.title or self.tr("Untitled session")
                models = " · ".join(s.models) if s.models else self.tr("no model chosen")
                mark = "▶ " if s.id == current_id else ""
                item = QListWidgetItem(f"{mark}{title}\n{when_text(s.updated_at)} · {models}")
                item.setToolTip(f"{title}\n{models}")
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                self.list.addItem(item)
                if s.id == keep:
                    self.list.setCurrentItem(item)
        finally:
            self.list.blockSignals(False)
        self.empty.setVisible(not sessions)
        self._on_current()

    def selected_id(self) -> int | None:
        """The id of the selected session."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _summary(self, session_id: int | None) -> SessionSummary | None:
        return next((s for s in self.sessions if s.id == session_id), None)

    def _on_current(self) -> None:
        s = self._summary(self.selected_id())
        self.title_edit.setText(s.title if s else "")
        for w in (self.title_edit, self.open_button, self.delete_button):
            w.setEnabled(s is not None)
        self.open_button.setEnabled(s is not None and s.id != self.current_id)

    def _open(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _rename(self) -> None:
        s = self._summary(self.selected_id())
        title = self.title_edit.text().strip()
        if s is not None and title and title != s.title:
            self.rename_requested.emit(s.id, title)

    def confirm_delete(self) -> None:
        """Ask (non-modally) before deleting the selected session."""
        s = self._summary(self.selected_id())
        if s is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Delete session"),
            self.tr("Delete the session “%1” and its answers? This cannot be undone.").replace(
                "%1", s.title or self.tr("Untitled session")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        session_id = s.id

        def answered(button: object) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self.delete_requested.emit(session_id)

        box.buttonClicked.connect(answered)
        self.confirm_box = box
        box.open()
