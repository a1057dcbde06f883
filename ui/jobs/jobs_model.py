"""The jobs list: a table model over the cached ``JobRow``s, with the status as icon + word."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from app.store.jobs_repo import JobRow
from ui.i18n import TranslationContext
from ui.locale_format import date_time, number

SP = QStyle.StandardPixmap
_STATUS_ICONS = {
    "succeeded": SP.SP_DialogApplyButton,
    "failed": SP.SP_MessageBoxCritical,
    "cancelled": SP.SP_DialogCancelButton,
    "running": SP.SP_MediaPlay,
    "paused": SP.SP_MediaPause,
    "queued": SP.SP_BrowserReload,
    "validating_files": SP.SP_FileDialogContentsView,
}


Jobs = TranslationContext("Jobs")


def status_word(status: str | None) -> str:
    """The status in plain words (an unknown status is shown as it came)."""
    words = {
        "succeeded": Jobs.tr("succeeded"),
        "failed": Jobs.tr("failed"),
        "cancelled": Jobs.tr("cancelled"),
        "running": Jobs.tr("running"),
        "queued": Jobs.tr("queued"),
        "validating_files": Jobs.tr("validating files"),
        "paused": Jobs.tr("paused"),
    }
    if not status:
        return Jobs.tr("unknown")
    return words.get(status, status.replace("_", " "))


def status_icon(status: str | None) -> QIcon:
    """The icon that goes with the status word (never colour alone)."""
    pix = _STATUS_ICONS.get(status or "", SP.SP_MessageBoxQuestion)
    return QApplication.style().standardIcon(pix)


def format_time(seconds: int | None) -> str:
    """A Unix time as a short local date and time ("" if unknown)."""
    if not seconds:
        return ""
    return date_time(int(seconds))


def method_word(method: str | None) -> str:
    """The training method in plain words."""
    words = {"supervised": Jobs.tr("supervised"), "dpo": Jobs.tr("preference (DPO)"),
             "reinforcement": Jobs.tr("reinforcement")}
    return words.get(method or "", method or "")


class JobsTableModel(QAbstractTableModel):
    """Read-only rows of jobs, newest first (as the cache lists them)."""

    STATUS, METHOD, BASE, TUNED, CREATED, FINISHED, TOKENS = range(7)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[JobRow] = []
        self._headers = [
            self.tr("Status"), self.tr("Method"), self.tr("Base model"), self.tr("Fine-tuned model"),
            self.tr("Created"), self.tr("Finished"), self.tr("Trained tokens"),
        ]

    def set_rows(self, rows: list[JobRow]) -> None:
        """Replace the rows (a reset: callers restore the selection by job id)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, job_id: str) -> int:
        """The row of a job, or -1."""
        return next((i for i, r in enumerate(self.rows) if r.id == job_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.DecorationRole and col == self.STATUS:
            return status_icon(row.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.TOKENS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _text(self, row: JobRow, col: int) -> str:
        if col == self.STATUS:
            return status_word(row.status)
        if col == self.METHOD:
            return method_word(row.method)
        if col == self.BASE:
            return row.base_model or ""
        if col == self.TUNED:
            return row.fine_tuned_model or ""
        if col == self.CREATED:
            return format_time(row.created_at)
        if col == self.FINISHED:
            return format_time(row.finished_at)
        if col == self.TOKENS:
            return number(row.trained_tokens) if row.trained_tokens is not None else ""
        return ""
