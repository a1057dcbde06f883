"""The forms of the text graders and the Python grader, and what every form shares.

A form edits the fields it knows and keeps every other key of the grader it was given (a
``pass_threshold`` from an evaluation, a future field), so switching between the form and the
JSON tab never loses anything. The model graders' forms are in ``model_forms.py``, multi's in
``multi_form.py``; ``chooser.GraderForms`` puts a type chooser over them.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.graders.schema import EVALS_ONLY_METRICS, SIMILARITY_METRICS, STRING_OPERATIONS
from ui.graders.fields import FieldCatalog, TemplateField
from ui.graders.words import Graders, metric_text, operation_text


class GraderForm(QWidget):
    """The base of every form: the grader's name, and the other keys kept as they were."""

    kind = ""
    edited = Signal()

    def __init__(self, catalog: FieldCatalog | None, *, hide_name: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.base: dict[str, Any] = {}
        self._loading = False
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit()
        self.name.setToolTip(Graders.tr("A short name for this grader; it appears in the results of a training job"))
        self.name.textEdited.connect(self.emit_edited)
        self.form.addRow(Graders.tr("&Name:"), self.name)
        self.form.setRowVisible(self.name, not hide_name)  # inside a combination the list names it

    def emit_edited(self, *_args: object) -> None:
        """Announce a user edit (not while the form is being filled)."""
        if not self._loading:
            self.edited.emit()

    def set_grader(self, grader: dict[str, Any]) -> None:
        """Show ``grader`` without announcing an edit."""
        self.base = copy.deepcopy(grader)
        self._loading = True
        try:
            self.name.setText(str(grader.get("name", "")))
            self.load(grader)
        finally:
            self._loading = False

    def grader(self) -> dict[str, Any]:
        """The grader as the form shows it, unknown keys kept."""
        out = copy.deepcopy(self.base)
        out["type"] = self.kind
        out["name"] = self.name.text()
        self.store(out)
        return out

    def load(self, grader: dict[str, Any]) -> None:
        """Fill the type's own fields."""

    def store(self, out: dict[str, Any]) -> None:
        """Write the type's own fields into ``out``."""

    def template(self, label: str, placeholder: str, tip: str = "") -> TemplateField:
        """Add a row with a placeholder-aware text field."""
        field = TemplateField(self.catalog, placeholder)
        if tip:
            field.edit.setToolTip(tip)
        field.edited.connect(self.emit_edited)
        self.form.addRow(label, field)
        return field

    def combo(self, label: str, items: list[tuple[str, str]], tip: str = "") -> QComboBox:
        """Add a row with a combo of (text, value) items."""
        box = QComboBox()
        for text, value in items:
            box.addItem(text, value)
        box.setToolTip(tip)
        box.currentIndexChanged.connect(self.emit_edited)
        self.form.addRow(label, box)
        return box


def select(box: QComboBox, value: object) -> None:
    """Select ``value`` in ``box``; an unknown value is added so nothing is lost."""
    at = box.findData(value)
    if at < 0:
        box.addItem(str(value), value)
        at = box.count() - 1
    box.setCurrentIndex(at)


class StringCheckForm(GraderForm):
    """string_check: the answer against a reference, exactly or by containment."""

    kind = "string_check"

    def __init__(self, catalog: FieldCatalog | None, *, hide_name: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(catalog, hide_name=hide_name, parent=parent)
        self.input = self.template(Graders.tr("&Text to check:"), "{{sample.output_text}}")
        self.reference = self.template(Graders.tr("&Reference:"), "{{item.reference_answer}}")
        self.operation = self.combo(Graders.tr("&Passes when it:"), [(operation_text(op),
                                                                      op) for op in STRING_OPERATIONS],
                                    Graders.tr("How the text is compared with the reference; the score is 1 or 0"))

    def load(self, grader: dict[str, Any]) -> None:
        self.input.set_text(str(grader.get("input", "")))
        self.reference.set_text(str(grader.get("reference", "")))
        select(self.operation, grader.get("operation", "eq"))

    def store(self, out: dict[str, Any]) -> None:
        out.update(input=self.input.text(), reference=self.reference.text(), operation=self.operation.currentData())


class TextSimilarityForm(GraderForm):
    """text_similarity: a 0–1 closeness of the answer to a reference by a chosen measure."""

    kind = "text_similarity"

    def __init__(self, catalog: FieldCatalog | None, *, hide_name: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(catalog, hide_name=hide_name, parent=parent)
        self.input = self.template(Graders.tr("&Text to check:"), "{{sample.output_text}}")
        self.reference = self.template(Graders.tr("&Reference:"), "{{item.reference_answer}}")
        metrics = [*SIMILARITY_METRICS, *EVALS_ONLY_METRICS]  # cosine is shown, marked as evals only
        self.metric = self.combo(Graders.tr("&Measure:"), [(metric_text(m), m) for m in metrics],
                                 Graders.tr("How closeness is measured; every measure gives a score from 0 to 1"))

    def load(self, grader: dict[str, Any]) -> None:
        self.input.set_text(str(grader.get("input", "")))
        self.reference.set_text(str(grader.get("reference", "")))
        select(self.metric, grader.get("evaluation_metric", "fuzzy_match"))

    def store(self, out: dict[str, Any]) -> None:
        out.update(input=self.input.text(), reference=self.reference.text(),
                   evaluation_metric=self.metric.currentData())


class CodeEdit(QPlainTextEdit):
    """A monospace source editor: Tab indents by four spaces; Ctrl+Tab moves to the next field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabStopDistance(4 * self.fontMetrics().horizontalAdvance(" "))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.insertPlainText("    ")
            return
        if event.key() == Qt.Key.Key_Tab and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.focusNextChild()
            return
        super().keyPressEvent(event)


class PythonForm(GraderForm):
    """python: the source of a ``grade(sample, item)`` function, run by the provider."""

    kind = "python"

    def __init__(self, catalog: FieldCatalog | None, *, hide_name: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(catalog, hide_name=hide_name, parent=parent)
        self.source = CodeEdit()
        self.source.setMinimumHeight(220)
        self.source.setAccessibleName(Graders.tr("Python source"))
        self.source.setToolTip(Graders.tr("Must define grade(sample, item) returning a number from 0 to 1. "
                                  "Tab indents; Ctrl+Tab moves to the next field."))
        self.source.textChanged.connect(self.emit_edited)
        self.form.addRow(Graders.tr("&Source:"), self.source)
        self.image_tag = QLineEdit()
        self.image_tag.setPlaceholderText(Graders.tr("optional, for example 2025-05-08"))
        self.image_tag.setToolTip(Graders.tr("Which set of Python packages the code runs with; empty means the "
                                             "default"))
        self.image_tag.textEdited.connect(self.emit_edited)
        self.form.addRow(Graders.tr("&Packages version:"), self.image_tag)

    def load(self, grader: dict[str, Any]) -> None:
        self.source.setPlainText(str(grader.get("source", "")))
        self.image_tag.setText(str(grader.get("image_tag") or ""))

    def store(self, out: dict[str, Any]) -> None:
        out["source"] = self.source.toPlainText()
        if self.image_tag.text().strip():
            out["image_tag"] = self.image_tag.text().strip()
        else:
            out.pop("image_tag", None)
