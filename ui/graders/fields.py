"""Pieces the grader forms share: a text field with an "insert a placeholder" button, the list of
messages a model grader sends, and the labels of a label grader with the passing ones ticked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.graders.words import Graders, template_tip

ROLES = ("system", "developer", "user", "assistant")


class FieldCatalog(QObject):
    """The fields of the chosen dataset's examples, offered by every "insert" button."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fields: list[str] = []

    def set_fields(self, fields: list[str]) -> None:
        """Offer these example fields (top-level keys besides ``messages``)."""
        self.fields = list(fields)
        self.changed.emit()


class InsertButton(QToolButton):
    """A "{…}" button whose menu inserts {{sample.output_text}} or {{item.<field>}} into a text field."""

    def __init__(self, target: QLineEdit | QPlainTextEdit, catalog: FieldCatalog | None) -> None:
        super().__init__()
        self.target, self.catalog = target, catalog
        self.setText("{…}")
        self.setToolTip(Graders.tr("Insert the model's answer or a field of the training example"))
        self.setAccessibleName(Graders.tr("Insert a placeholder"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.menu_.aboutToShow.connect(self._fill)
        self.setMenu(self.menu_)

    def _fill(self) -> None:
        self.menu_.clear()
        self._add(Graders.tr("The model's answer"), "{{sample.output_text}}")
        self._add(Graders.tr("The model's answer read as JSON"), "{{sample.output_json}}")
        fields = self.catalog.fields if self.catalog is not None else []
        if fields:
            self.menu_.addSection(Graders.tr("Fields of the training examples"))
        for name in fields:
            self._add(name, "{{item." + name + "}}")
        if not fields:
            note = self.menu_.addAction(Graders.tr("(choose a dataset to list its fields)"))
            note.setEnabled(False)

    def _add(self, text: str, placeholder: str) -> None:
        action = self.menu_.addAction(f"{text}   {placeholder}")
        action.triggered.connect(lambda _on=False, p=placeholder: self.insert(p))

    def insert(self, placeholder: str) -> None:
        """Insert ``placeholder`` at the cursor of the target field."""
        if isinstance(self.target, QLineEdit):
            self.target.insert(placeholder)
        else:
            self.target.insertPlainText(placeholder)
        self.target.setFocus()


class TemplateField(QWidget):
    """A one-line text that may hold {{…}} placeholders, with its insert button."""

    edited = Signal()

    def __init__(self, catalog: FieldCatalog | None, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setToolTip(template_tip())
        self.edit.textChanged.connect(lambda _t: self.edited.emit())
        self.button = InsertButton(self.edit, catalog)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        """The text as typed."""
        return self.edit.text()

    def set_text(self, text: str) -> None:
        """Show ``text`` (no ``edited`` signal)."""
        self.edit.blockSignals(True)
        self.edit.setText(text)
        self.edit.blockSignals(False)


class _MessageRow(QWidget):
    """One message: its role and its text (a content that is not plain text is kept as it is)."""

    def __init__(self, catalog: FieldCatalog | None, owner: MessagesEditor) -> None:
        super().__init__()
        self.original: dict[str, Any] = {}
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role, role)
        self.role.setToolTip(Graders.tr("system/developer: instructions to the grading model; user: what it is asked; "
                                "assistant: an example reply"))
        self.role.setAccessibleName(Graders.tr("Role"))
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setToolTip(template_tip())
        self.content.setAccessibleName(Graders.tr("Message text"))
        self.content.setFixedHeight(64)
        self.insert = InsertButton(self.content, catalog)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip(Graders.tr("Remove this message"))
        self.remove.setAccessibleName(Graders.tr("Remove this message"))
        self.remove.clicked.connect(lambda: owner.remove_row(self))
        side = QVBoxLayout()
        side.addWidget(self.role)
        buttons = QHBoxLayout()
        buttons.addWidget(self.insert)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        side.addLayout(buttons)
        side.addStretch(1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(side)
        lay.addWidget(self.content, 1)
        self.role.currentIndexChanged.connect(lambda _i: owner.edited.emit())
        self.content.textChanged.connect(owner.edited.emit)

    def set_message(self, message: dict[str, Any]) -> None:
        self.original = dict(message)
        role = str(message.get("role", "user"))
        if self.role.findData(role) < 0:
            self.role.addItem(role, role)
        self.role.setCurrentIndex(self.role.findData(role))
        content = message.get("content", "")
        plain = isinstance(content, str)
        self.content.setPlainText(content if plain else Graders.tr("(text, images or other parts: edit in the JSON "
                                                                   "tab)"))
        self.content.setReadOnly(not plain)

    def message(self) -> dict[str, Any]:
        out = dict(self.original)
        out["role"] = self.role.currentData()
        if not self.content.isReadOnly():
            out["content"] = self.content.toPlainText()
        return out


class MessagesEditor(QWidget):
    """The messages a model grader sends to the grading model, with Add and Remove."""

    edited = Signal()

    def __init__(self, catalog: FieldCatalog | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.rows: list[_MessageRow] = []
        self.rows_box = QVBoxLayout()
        self.rows_box.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(Graders.tr("Add a message"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add_clicked)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.rows_box)
        lay.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _add_clicked(self) -> None:
        self.add_row({"role": "user", "content": ""})
        self.rows[-1].content.setFocus()
        self.edited.emit()

    def add_row(self, message: dict[str, Any]) -> None:
        """Append a message row (no signal)."""
        row = _MessageRow(self.catalog, self)
        row.blockSignals(True)
        for w in (row.role, row.content):
            w.blockSignals(True)
        row.set_message(message)
        for w in (row.role, row.content):
            w.blockSignals(False)
        row.blockSignals(False)
        self.rows.append(row)
        self.rows_box.addWidget(row)

    def remove_row(self, row: _MessageRow) -> None:
        """Drop one message."""
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.edited.emit()

    def set_messages(self, messages: Any) -> None:
        """Show ``messages`` (a list of message objects; anything else shows no rows)."""
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for m in messages if isinstance(messages, list) else []:
            self.add_row(m if isinstance(m, dict) else {"role": "user", "content": str(m)})

    def messages(self) -> list[dict[str, Any]]:
        """The messages as the API takes them."""
        return [row.message() for row in self.rows]


def split_labels(text: str) -> list[str]:
    """Labels typed as "a, b, c" (blanks dropped, order kept, duplicates once)."""
    out: list[str] = []
    for part in text.split(","):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return out


class LabelsEditor(QWidget):
    """The labels of a label grader typed in one line, each with a tick for "counts as a pass"."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = QLineEdit()
        self.labels.setPlaceholderText(Graders.tr("for example: correct, partly correct, wrong"))
        self.labels.setToolTip(Graders.tr("The labels the grading model chooses from, separated by commas"))
        self.labels.setAccessibleName(Graders.tr("Labels"))
        self.passing = QListWidget()
        self.passing.setAccessibleName(Graders.tr("Passing labels"))
        self.passing.setToolTip(Graders.tr("Tick the labels that count as a pass"))
        self.passing.setMaximumHeight(90)
        hint = QLabel(Graders.tr("Tick the labels that count as a pass:"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.labels)
        lay.addWidget(hint)
        lay.addWidget(self.passing)
        self.labels.textEdited.connect(self._labels_edited)
        self.passing.itemChanged.connect(lambda _i: self.edited.emit())

    def _labels_edited(self, _text: str) -> None:
        self._fill(split_labels(self.labels.text()), self.passing_labels())
        self.edited.emit()

    def _fill(self, labels: list[str], passing: list[str]) -> None:
        self.passing.blockSignals(True)
        self.passing.clear()
        for label in labels:
            item = QListWidgetItem(label)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if label in passing else Qt.CheckState.Unchecked)
            self.passing.addItem(item)
        self.passing.blockSignals(False)

    def set_labels(self, labels: Any, passing: Any) -> None:
        """Show the labels and tick the passing ones (no signal)."""
        labels = [str(x) for x in labels] if isinstance(labels, list) else []
        passing = [str(x) for x in passing] if isinstance(passing, list) else []
        self.labels.setText(", ".join(labels))
        self._fill(labels, passing)

    def label_list(self) -> list[str]:
        """The labels in order."""
        return split_labels(self.labels.text())

    def passing_labels(self) -> list[str]:
        """The ticked labels in order."""
        return [self.passing.item(i).text() for i in range(self.passing.count())
                if self.passing.item(i).checkState() == Qt.CheckState.Checked]
