"""The results table of a batch run: one row per example (its prompt and the dataset's own answer),
one column per model of the run. A failed call shows "⚠ failed" with the reason in the tooltip, so
the state never rests on colour alone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.store.batch_results_repo import ResultRow, TargetResult
from ui.locale_format import call_cost, decimal, number

TOOLTIP_CHARS = 2000
CELL_CHARS = 300

Index = QModelIndex | QPersistentModelIndex


def _one_line(text: str, limit: int = CELL_CHARS) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _tooltip(text: str) -> str:
    return text if len(text) <= TOOLTIP_CHARS else text[: TOOLTIP_CHARS - 1] + "…"


class BatchResultsTableModel(QAbstractTableModel):
    """Read-only rows of ``ResultRow``; column 0 the prompt, 1 the reference, then the targets."""

    PROMPT, REFERENCE = 0, 1
    FIXED = 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.rows: list[ResultRow] = []

    # --- filling --------------------------------------------------------------------------
    def set_rows(self, labels: list[str], rows: list[ResultRow]) -> None:
        """Show a run's rows; the same examples and columns are updated in place (keeps selection)."""
        same = labels == self.labels and [r.example_id for r in rows] == [r.example_id for r in self.rows]
        if same:
            self.rows = list(rows)
            if self.rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.labels = list(labels)
        self.rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        """Show nothing."""
        self.set_rows([], [])

    def cell(self, row: int, target: int) -> TargetResult | None:
        """The stored result of ``target`` for the row's example (None: not run yet)."""
        results = self.rows[row].results
        return results[target] if 0 <= target < len(results) else None

    # --- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else self.FIXED + len(self.labels)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self.rows):
                return None
            position = self.rows[section].position
            return str((position if position is not None else section) + 1)
        if section == self.PROMPT:
            return self.tr("Example")
        if section == self.REFERENCE:
            return self.tr("Dataset answer")
        target = section - self.FIXED
        return self.labels[target] if 0 <= target < len(self.labels) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        if col == self.PROMPT:
            return self._text_data(row.prompt, role)
        if col == self.REFERENCE:
            if row.reference is None:
                return self.tr("—") if role == Qt.ItemDataRole.DisplayRole else None
            return self._text_data(row.reference, role)
        result = self.cell(index.row(), col - self.FIXED)
        return self._result_data(result, role)

    def _text_data(self, text: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return _one_line(text)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return _tooltip(text)
        return None

    def _result_data(self, result: TargetResult | None, role: int) -> Any:
        if result is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("…")
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Not run yet")
            return None
        if result.output is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("⚠ failed")
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.tr("Failed: {reason}").format(reason=result.error or self.tr("no reason given"))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(result.output) + self._stats_line(result)
        return self._text_data(result.output, role)

    def _stats_line(self, result: TargetResult) -> str:
        parts = []
        if result.total_ms is not None:
            parts.append(self.tr("{s} s").format(s=decimal(result.total_ms / 1000, 1)))
        if result.prompt_tokens is not None and result.completion_tokens is not None:
            parts.append(self.tr("{i} → {o} tokens").format(i=number(result.prompt_tokens),
                                                             o=number(result.completion_tokens)))
        if result.cost_usd is not None:
            parts.append(call_cost(result.cost_usd))
        return "\n\n" + " · ".join(parts) if parts else ""
