"""The list of comparisons this annotator has judged: jump back to any of them (Enter or a
double click), filtered by judgement. Updated in place as judgements are made and undone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

Row = tuple[int, int, str, str, bool, str | None]  # comparison id, position, verdict, preview, rewritten, side


def verdict_label(verdict: str, side: str | None = None) -> str:
    """A judgement in words, with a symbol so it never rests on colour ("✓ B better" for a win
    when the side is known)."""
    if verdict == "win" and side in ("left", "right"):
        if side == "left":
            return QCoreApplication.translate("Annotate", "✓ A better")
        return QCoreApplication.translate("Annotate", "✓ B better")
    labels = {
        "win": QCoreApplication.translate("Annotate", "✓ A or B better"),
        "tie": QCoreApplication.translate("Annotate", "= Tie"),
        "both_bad": QCoreApplication.translate("Annotate", "✗ Both bad"),
        "skip": QCoreApplication.translate("Annotate", "↷ Skipped"),
    }
    return labels.get(verdict, verdict)


class JudgedItemsModel(QAbstractTableModel):
    """Judged comparisons in queue order (columns: number, judgement, question), showing those
    whose verdict passes the filter."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.all: dict[int, Row] = {}
        self.rows: list[Row] = []
        self.verdict: str | None = None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows shown (none under a valid parent: a flat list)."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Number, judgement, question."""
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return (self.tr("#"), self.tr("Judgement"), self.tr("Question"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Number, judgement (✎ when rewritten), question; tooltip; comparison id."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        cid, position, verdict, preview, rewritten, side = self.rows[index.row()]
        label = verdict_label(verdict, side) + (" ✎" if rewritten else "")
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(position + 1), label, preview)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"#{position + 1} · {label}\n{preview}"
        if role == self.ID_ROLE:
            return cid
        return None

    def set_rows(self, rows: list[Row]) -> None:
        """Replace every row (a queue was opened)."""
        self.all = {r[0]: r for r in rows}
        self._refilter()

    def set_filter(self, verdict: str | None) -> None:
        """Show only this verdict (None: all; "rewrite": the rewritten ones)."""
        self.verdict = verdict
        self._refilter()

    def upsert(self, row: Row) -> None:
        """Add or update one judged comparison."""
        self.all[row[0]] = row
        self._refilter()

    def remove(self, comparison_id: int) -> None:
        """Forget a comparison (its judgement was undone)."""
        if self.all.pop(comparison_id, None) is not None:
            self._refilter()

    def row_of(self, comparison_id: int) -> int | None:
        """The row showing ``comparison_id``, if it is shown."""
        return next((i for i, r in enumerate(self.rows) if r[0] == comparison_id), None)

    def _refilter(self) -> None:
        self.beginResetModel()
        if self.verdict is None:
            rows = list(self.all.values())
        elif self.verdict == "rewrite":
            rows = [r for r in self.all.values() if r[4]]
        else:
            rows = [r for r in self.all.values() if r[2] == self.verdict]
        self.rows = sorted(rows, key=lambda r: (r[1], r[0]))
        self.endResetModel()


class ItemsListWidget(QWidget):
    """Filter + list of judged comparisons; ``item_activated`` asks to show one again."""

    item_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = JudgedItemsModel(self)
        self.filter = QComboBox()
        self.filter.addItem(self.tr("All judged"), None)
        for verdict in ("win", "tie", "both_bad", "skip"):
            self.filter.addItem(verdict_label(verdict), verdict)
        self.filter.addItem(self.tr("✎ Rewritten"), "rewrite")
        self.filter.setAccessibleName(self.tr("Show judgements of this kind"))
        self.filter.currentIndexChanged.connect(lambda _i: self.model.set_filter(self.filter.currentData()))
        self.list = QTableView()
        self.list.setModel(self.model)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setWordWrap(False)
        self.list.setShowGrid(False)
        self.list.verticalHeader().hide()
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.verticalHeader().setDefaultSectionSize(self.list.fontMetrics().height() + 6)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAccessibleName(self.tr("Judged comparisons"))
        self.list.activated.connect(lambda i: self.item_activated.emit(i.data(JudgedItemsModel.ID_ROLE)))
        self.count = QLabel()
        self.model.modelReset.connect(self._count)
        title = QLabel(self.tr("<b>Judged</b>"))
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count)
        hint = QLabel(self.tr("Enter or double-click: judge again"))
        hint.setStyleSheet("color: palette(placeholder-text);")
        hint.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addWidget(self.filter)
        lay.addWidget(self.list, 1)
        lay.addWidget(hint)

    def _count(self) -> None:
        shown, total = len(self.model.rows), len(self.model.all)
        self.count.setText(str(total) if shown == total else self.tr("{shown} of {total}").format(
            shown=shown, total=total))

    def select(self, comparison_id: int | None) -> None:
        """Mark the comparison on screen, if it is in the list."""
        row = self.model.row_of(comparison_id) if comparison_id is not None else None
        if row is None:
            self.list.clearSelection()
            return
        index = self.model.index(row, 0)
        self.list.selectRow(row)
        self.list.scrollTo(index)
