"""The extra top-level fields of a reinforcement (RFT) example, which graders read as ``item.<field>``."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .common import Anchor, Anchors, EditHub, ExampleEditor, FindingsBox, NoticeRow, heading, hint

RESERVED = ("messages", "tools")


def show_value(value: Any) -> str:
    """Text as itself, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def parse_value(text: str, previous: Any) -> Any:
    """The value for edited ``text``: a field that held JSON (or text starting with ``{``/``[``)
    is read as JSON when it parses; everything else stays text."""
    if not isinstance(previous, str) or text.strip()[:1] in ("{", "["):
        try:
            return json.loads(text)
        except ValueError:
            pass
    return text


class _ValueDelegate(QStyledItemDelegate):
    """Multi-line values get a multi-line editor (a line edit would drop their line breaks)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        if index.column() == 1 and "\n" in str(index.data(Qt.ItemDataRole.EditRole) or ""):
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: ANN001, N802
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class RftFieldsWidget(QWidget):
    """A two-column table (field | value) of the example's grader fields, with add and remove."""

    def __init__(self, hub: EditHub, data: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub, self._data = hub, data
        self._keys: list[str] = []
        self._loading = False
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([ExampleEditor.tr("Field (item.…)"), ExampleEditor.tr("Value")])
        self.table.setAccessibleName(ExampleEditor.tr("Fields for the graders"))
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setItemDelegate(_ValueDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, like every other field here
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.resizeSection(0, 150)
        self.table.itemChanged.connect(self._item_changed)
        self.add_button = QPushButton(ExampleEditor.tr("Add field"))
        self.add_button.setToolTip(ExampleEditor.tr("Add a field the graders can read as item.<name>"))
        self.add_button.clicked.connect(self.add_field)
        self.remove_button = QPushButton(ExampleEditor.tr("Remove field"))
        self.remove_button.setToolTip(ExampleEditor.tr("Remove the selected field"))
        self.remove_button.clicked.connect(self.remove_field)
        self.notice = NoticeRow()
        self.box = FindingsBox()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(heading(ExampleEditor.tr("Fields for the graders")))
        lay.addWidget(hint(ExampleEditor.tr("Graders read these as item.<field>, e.g. a reference answer. Values "
                                            "are saved as text; write lists and objects as JSON ({…} or […]).")))
        lay.addWidget(self.box)
        lay.addWidget(self.table)
        lay.addWidget(self.notice)
        lay.addLayout(buttons)
        self.build()

    def build(self) -> None:
        """(Re)fill the table from the data."""
        self._loading = True
        try:
            self._keys = [k for k in self._data if k not in RESERVED]
            self.table.setRowCount(len(self._keys))
            for row, key in enumerate(self._keys):
                value = self._data[key]
                self.table.setItem(row, 0, QTableWidgetItem(key))
                item = QTableWidgetItem(show_value(value))
                item.setToolTip(ExampleEditor.tr("Text") if isinstance(value, str) else ExampleEditor.tr("JSON value"))
                self.table.setItem(row, 1, item)
            self.table.resizeRowsToContents()
        finally:
            self._loading = False
        self.remove_button.setEnabled(bool(self._keys))
        self._fit()

    def _fit(self) -> None:
        # The whole table shows at once: the editor scrolls as one page, not table by table.
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        extra = 0 if self._keys else self.table.verticalHeader().defaultSectionSize()
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows + extra + frame)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        row = item.row()
        if not 0 <= row < len(self._keys):
            return
        key = self._keys[row]
        if item.column() == 0:
            self._rename(row, key, item.text().strip())
            return
        self._data[key] = parse_value(item.text(), self._data.get(key))
        self.table.resizeRowToContents(row)
        self._fit()
        self._hub.commit()

    def _rename(self, row: int, old: str, new: str) -> None:
        if new == old:
            return
        problem = None
        if not new:
            problem = ExampleEditor.tr("A field needs a name.")
        elif new in RESERVED:
            problem = ExampleEditor.tr("“{name}” is reserved for the conversation; choose another "
                                       "name.").format(name=new)
        elif new in self._data:
            problem = ExampleEditor.tr("There is already a field “{name}”; choose another name.").format(name=new)
        if problem:
            self.notice.show_message(problem)
            self._loading = True
            self.table.item(row, 0).setText(old)
            self._loading = False
            return
        self.notice.clear()
        items = [(new if k == old else k, v) for k, v in self._data.items()]  # keep the field's place
        self._data.clear()
        self._data.update(items)
        self._keys[row] = new
        self._hub.findings_stale.emit()
        self._hub.commit()

    def add_field(self) -> None:
        """Add an empty text field and start editing its name."""
        n = 1
        while f"field_{n}" in self._data:
            n += 1
        self._data[f"field_{n}"] = ""
        self.build()
        row = len(self._keys) - 1
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))
        self._hub.layout_changed.emit()
        self._hub.commit()

    def remove_field(self) -> None:
        """Remove the field of the current row."""
        row = self.table.currentRow()
        if not 0 <= row < len(self._keys):
            self.notice.show_message(ExampleEditor.tr("Select the field to remove first."))
            return
        self.notice.clear()
        del self._data[self._keys[row]]
        self.build()
        self._hub.findings_stale.emit()
        self._hub.layout_changed.emit()
        self._hub.commit()

    def anchors(self) -> Anchors:
        """Findings about a field go above the table; focusing one selects its value."""
        out: Anchors = {}
        for row, key in enumerate(self._keys):
            out[(key,)] = Anchor(self.table, self.box, lambda r=row: self.table.setCurrentCell(r, 1))
        return out
