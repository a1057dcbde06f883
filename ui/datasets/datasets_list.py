"""The project's datasets: a small table (name, kind, examples, problems, tokens, last change)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from app.formats.model import Kind
from app.store.datasets_repo import DatasetInfo
from ui.locale_format import date_time, number

Index = QModelIndex | QPersistentModelIndex


def kind_label(kind: Kind) -> str:
    """The plain name of a data kind."""
    return {
        Kind.SFT: QCoreApplication.translate("Datasets", "Conversations"),
        Kind.DPO: QCoreApplication.translate("Datasets", "Preferences"),
        Kind.RFT: QCoreApplication.translate("Datasets", "Graded prompts"),
    }[kind]


class DatasetsTableModel(QAbstractTableModel):
    """All datasets of the project (a project has tens, not thousands: loaded whole)."""

    ID_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[DatasetInfo] = []
        self.headers = [
            self.tr("Name"), self.tr("Kind"), self.tr("Examples"), self.tr("Problems"), self.tr("Tokens"),
            self.tr("Changed"),
        ]

    def set_rows(self, rows: list[DatasetInfo]) -> None:
        """Replace the list."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, dataset_id: int) -> int | None:
        """The row showing a dataset."""
        return next((i for i, r in enumerate(self.rows) if r.id == dataset_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r, col = self.rows[index.row()], index.column()
        if role == self.ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return r.name
            if col == 1:
                return kind_label(r.kind)
            if col == 2:
                return number(r.examples)
            if col == 3:
                if not (r.errors or r.warnings):
                    return self.tr("none")
                # Only the counts that are not zero: "2 errors", not "2 errors, 0 warning".
                parts = ([self.tr("%Ln error(s)", None, r.errors)] if r.errors else []) + (
                    [self.tr("%Ln warning(s)", None, r.warnings)] if r.warnings else [])
                return parts[0] if len(parts) == 1 else self.tr("{errors}, {warnings}").format(
                    errors=parts[0], warnings=parts[1])
            if col == 4:
                return number(r.tokens)
            if col == 5:
                return date_time(r.updated_at)
        if role == Qt.ItemDataRole.DecorationRole and col == 3:
            style = QApplication.style()
            if r.errors:
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
            if r.warnings:
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return r.source or r.name
        return None
