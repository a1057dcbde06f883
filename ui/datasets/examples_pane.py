"""The middle of the Datasets view: search and filters above the examples table."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.store.example_pages import ExampleFilter
from ui.locale_format import number


class ExamplesPane(QWidget):
    """Search box, filters, the table and a count line. Emits ``filter_changed`` (debounced)."""

    filter_changed = Signal(object)  # ExampleFilter

    def __init__(self, model, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the examples (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search"))
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status filter"))
        for text, value in (
            (self.tr("Any status"), ()),
            (self.tr("Errors"), ("error",)),
            (self.tr("Warnings"), ("warning",)),
            (self.tr("Errors or warnings"), ("error", "warning")),
            (self.tr("OK"), ("ok",)),
        ):
            self.status.addItem(text, value)
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Role filter"))
        for text, value in (
            (self.tr("Any message"), ""),
            (self.tr("Has a system message"), "system"),
            (self.tr("Has a tool answer"), "tool"),
            (self.tr("Has a developer message"), "developer"),
        ):
            self.role.addItem(text, value)
        self.split = QComboBox()
        self.split.setAccessibleName(self.tr("Split filter"))
        for text, value in ((self.tr("Training and validation"), ""), (self.tr("Training"), "train"),
                            (self.tr("Validation"), "validation")):
            self.split.addItem(text, value)
        self.tag = QLineEdit()
        self.tag.setPlaceholderText(self.tr("Tag"))
        self.tag.setMinimumWidth(70)
        self.tag.setMaximumWidth(110)
        self.tag.setAccessibleName(self.tr("Tag filter"))
        self.min_tokens = QSpinBox()
        self.max_tokens = QSpinBox()
        for box, label in ((self.min_tokens, self.tr("min tokens")), (self.max_tokens, self.tr("max tokens"))):
            box.setRange(0, 10_000_000)
            box.setSpecialValueText(label)
            box.setAccessibleName(label)
            box.setGroupSeparatorShown(True)
            # Wide enough for the label it shows when empty (longer in Portuguese), plus the arrows.
            box.setMinimumWidth(max(100, box.fontMetrics().horizontalAdvance(label) + 40))
        for combo in (self.role, self.split):  # their longest entries would crowd the row out
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(13)

        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Qt's default indicator is "descending": set ascending # first, or the list starts reversed.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(self.tr("Examples"))
        header = self.table.horizontalHeader()
        # Fixed widths: ResizeToContents re-measures every loaded row whenever a page arrives
        # (measured: 100+ ms GUI stalls once thousands of rows are loaded).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        digit = self.fontMetrics().horizontalAdvance("0")
        for col, chars in ((0, 6), (2, 5), (3, 7), (4, 8), (5, 8)):
            title = str(model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
            # The title must fit too (with room for the sort arrow): "Mensagens" is longer than "Messages".
            need = header.fontMetrics().horizontalAdvance(title) + 28
            self.table.setColumnWidth(col, max(digit * chars + 16, need))
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.count = QLabel()

        # Two short rows rather than one long one: the pane shares the width with the example editor.
        row1 = QHBoxLayout()
        row1.addWidget(self.search, 1)
        row1.addWidget(self.status)
        row1.addWidget(self.role)
        row2 = QHBoxLayout()
        row2.addWidget(self.split)
        row2.addWidget(self.tag)
        row2.addWidget(self.min_tokens)
        row2.addWidget(self.max_tokens)
        row2.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row1)
        lay.addLayout(row2)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.count)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)  # search as you type, without a query per keystroke
        self._debounce.timeout.connect(lambda: self.filter_changed.emit(self.current_filter()))
        self.search.textChanged.connect(self._debounce.start)
        self.tag.textChanged.connect(self._debounce.start)
        for combo in (self.status, self.role, self.split):
            combo.currentIndexChanged.connect(self._debounce.start)
        for box in (self.min_tokens, self.max_tokens):
            box.valueChanged.connect(self._debounce.start)
        self.search.setToolTip(QKeySequence("Ctrl+F").toString(QKeySequence.SequenceFormat.NativeText))

    def current_filter(self) -> ExampleFilter:
        """The filter the controls describe."""
        return ExampleFilter(
            text=self.search.text().strip(),
            statuses=frozenset(self.status.currentData() or ()),
            role=self.role.currentData() or "",
            tag=self.tag.text().strip(),
            min_tokens=self.min_tokens.value() or None,
            max_tokens=self.max_tokens.value() or None,
            split=self.split.currentData() or "",
        )

    def set_count(self, shown: int, total: int) -> None:
        """The line under the table."""
        if shown == total:
            self.count.setText(self.tr("%Ln example(s)", None, total))
        else:
            self.count.setText(
                self.tr("Matching the filters: {n} of %Ln example(s)", None, total).format(n=number(shown)))

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows, in table order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.example_id(r) for r in rows]
