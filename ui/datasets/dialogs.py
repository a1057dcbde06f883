"""Small non-modal dialogs of the Datasets view: split, duplicates, system prompt, tag, prices."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.formats.prices import PriceTable
from app.services.dataset_organise import split_sizes
from ui.locale_format import number


class _Dialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)


class SplitDialog(_Dialog):
    """Choose the validation share and seed; shows the resulting sizes before applying."""

    chosen = Signal(float, int)  # validation fraction, seed

    def __init__(self, total: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Split into training and validation"), parent)
        self.total = total
        self.percent = QSpinBox()
        self.percent.setRange(1, 50)
        self.percent.setValue(10)
        self.percent.setSuffix(" %")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setValue(42)
        self.seed.setToolTip(self.tr("The same seed always gives the same split."))
        self.sizes = QLabel()
        form = QFormLayout(self)
        form.addRow(self.tr("&Validation share:"), self.percent)
        form.addRow(self.tr("&Seed:"), self.seed)
        form.addRow(self.sizes)
        form.addRow(self.buttons)
        self.percent.valueChanged.connect(self._update)
        self._update()
        self.accepted.connect(lambda: self.chosen.emit(self.percent.value() / 100, self.seed.value()))

    def _update(self) -> None:
        train, valid = split_sizes(self.total, self.percent.value() / 100)
        self.sizes.setText(
            self.tr("%Ln example(s) for training, {v} for validation.", None, train).format(v=number(valid))
        )


class DuplicatesDialog(_Dialog):
    """Shows how many duplicates exist (exact or normalised) and offers to remove them."""

    remove_requested = Signal(bool)  # normalised
    check_requested = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Find duplicates"), parent)
        self.exact = QRadioButton(self.tr("&Exact copies"))
        self.normalised = QRadioButton(self.tr("Copies that differ only in &case or spacing"))
        self.exact.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.exact)
        group.addButton(self.normalised)
        self.result = QLabel(self.tr("Looking for duplicates…"))
        self.result.setWordWrap(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Remove duplicates"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        lay = QVBoxLayout(self)
        lay.addWidget(self.exact)
        lay.addWidget(self.normalised)
        lay.addWidget(self.result)
        lay.addWidget(self.buttons)
        group.buttonToggled.connect(lambda *_: self.check_requested.emit(self.normalised.isChecked()))
        self.accepted.connect(lambda: self.remove_requested.emit(self.normalised.isChecked()))

    def show_groups(self, groups: list[list[int]]) -> None:
        """Show the outcome of a search."""
        extra = sum(len(g) - 1 for g in groups)
        if not groups:
            self.result.setText(self.tr("✔ No duplicates found."))
        else:
            self.result.setText(
                self.tr("{groups}: {removed}, keeping the first copy in each group. You can undo this.").format(
                    groups=self.tr("%Ln group(s) of duplicates", None, len(groups)),
                    removed=self.tr("%Ln example(s) would be removed", None, extra))
            )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(groups))


class SystemPromptDialog(_Dialog):
    """Set, replace or remove the system prompt of the selected examples."""

    chosen = Signal(object, str)  # text or None, mode

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("System prompt"), parent)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Set it (add where missing, replace where present)"), "set")
        self.mode.addItem(self.tr("Replace it only where present"), "replace")
        self.mode.addItem(self.tr("Remove it"), "remove")
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("You are a careful assistant for…"))
        self.text.setMinimumSize(420, 120)
        lay = QFormLayout(self)
        lay.addRow(QLabel(self.tr("Applies to %Ln selected example(s); you can undo it.", None, count)))
        lay.addRow(self.tr("&What:"), self.mode)
        lay.addRow(self.tr("&Text:"), self.text)
        lay.addRow(self.buttons)
        self.mode.currentIndexChanged.connect(lambda: self.text.setEnabled(self.mode.currentData() != "remove"))
        self.accepted.connect(self._emit)

    def _emit(self) -> None:
        mode = self.mode.currentData()
        self.chosen.emit(None if mode == "remove" else self.text.toPlainText(), mode)


class TextDialog(_Dialog):
    """One line of text (a tag, a name)."""

    chosen = Signal(str)

    def __init__(self, title: str, label: str, value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.edit = QLineEdit(value)
        self.edit.selectAll()
        lay = QFormLayout(self)
        lay.addRow(label, self.edit)
        lay.addRow(self.buttons)
        self.accepted.connect(lambda: self.chosen.emit(self.edit.text().strip()))


class PricesDialog(_Dialog):
    """Edit the training prices (USD); each row keeps the date it was taken from."""

    chosen = Signal(object)  # PriceTable

    def __init__(self, table: PriceTable, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Training prices"), parent)
        self.resize(640, 400)
        self._rows = list(table.rows.values())
        self.grid = QTableWidget(len(self._rows), 4)
        self.grid.setHorizontalHeaderLabels(
            [self.tr("Model"), self.tr("Training price (USD)"), self.tr("Per"), self.tr("Price date")]
        )
        self.grid.horizontalHeader().setStretchLastSection(True)
        for i, row in enumerate(self._rows):
            self.grid.setItem(i, 0, QTableWidgetItem(row.model))
            spin = QDoubleSpinBox()
            spin.setRange(0, 100_000)
            spin.setDecimals(3)
            spin.setValue(row.training)
            self.grid.setCellWidget(i, 1, spin)
            self.grid.setItem(i, 2, QTableWidgetItem(self.tr("hour") if row.unit == "hour" else self.tr("1M tokens")))
            self.grid.setItem(i, 3, QTableWidgetItem(row.date))
            for col in (0, 2, 3):
                self.grid.item(i, col).setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.grid.resizeColumnsToContents()
        note = QLabel(
            self.tr("Prices change. An edited price is dated today; the cost estimate names the date it uses.")
        )
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(self.grid, 1)
        lay.addWidget(self.buttons)
        self.accepted.connect(self._emit)

    def _emit(self) -> None:
        import datetime as dt
        from dataclasses import replace

        today = dt.date.today().isoformat()
        table = PriceTable({})
        for i, row in enumerate(self._rows):
            value = self.grid.cellWidget(i, 1).value()
            if abs(value - row.training) > 1e-9:
                row = replace(row, training=value, date=today, source="edited")
            table = table.with_row(row)
        self.chosen.emit(table)

