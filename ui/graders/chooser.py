"""``GraderForms``: a type chooser with a plain sentence about the chosen type, over that type's form.
Changing the type starts a fresh grader of the new type that keeps the name (and the texts compared,
between the two text graders)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from app.graders.starters import new_grader
from ui.graders.fields import FieldCatalog
from ui.graders.forms import GraderForm, PythonForm, StringCheckForm, TextSimilarityForm
from ui.graders.model_forms import LabelModelForm, ScoreModelForm
from ui.graders.words import Graders, type_sentence, type_title

FORM_CLASSES: dict[str, type[GraderForm]] = {
    f.kind: f for f in (StringCheckForm, TextSimilarityForm, ScoreModelForm, LabelModelForm, PythonForm)
}
FormFactory = Callable[[FieldCatalog | None, bool], GraderForm]
CARRIED = ("input", "reference")  # kept when the type changes between the two text graders


def starting_grader(kind: str, old: dict[str, Any]) -> dict[str, Any]:
    """A fresh grader of ``kind`` that keeps the old one's name (and texts, when both have them)."""
    name = str(old.get("name") or "")
    fresh = new_grader(kind, name) if name else new_grader(kind)
    for key in CARRIED:
        if key in fresh and isinstance(old.get(key), str) and isinstance(fresh.get(key), str):
            fresh[key] = old[key]
    return fresh


class GraderForms(QWidget):
    """A type chooser with a plain sentence about the type, over the form of the chosen type."""

    edited = Signal()

    def __init__(self, kinds: tuple[str, ...], catalog: FieldCatalog | None, *, hide_name: bool = False,
                 extra: dict[str, FormFactory] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog, self.hide_name = catalog, hide_name
        self.factories: dict[str, FormFactory] = {k: (lambda c, m, cls=cls: cls(c, hide_name=m))
                                                  for k, cls in FORM_CLASSES.items()}
        self.factories.update(extra or {})
        self.forms: dict[str, GraderForm] = {}
        self.unknown: dict[str, Any] = {}
        self.memory: dict[str, dict[str, Any]] = {}  # type -> the grader last shown of that type
        self.type_box = QComboBox()
        self.type_box.setAccessibleName(Graders.tr("Grader type"))
        for kind in kinds:
            self.type_box.addItem(type_title(kind), kind)
            self.type_box.setItemData(self.type_box.count() - 1, type_sentence(kind), Qt.ItemDataRole.ToolTipRole)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.stack = QStackedWidget()
        self.unknown_page = QLabel(type_sentence(""))
        self.unknown_page.setWordWrap(True)
        self.stack.addWidget(self.unknown_page)
        top = QFormLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addRow(Graders.tr("T&ype:"), self.type_box)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.about)
        lay.addWidget(self.stack, 1)
        self.type_box.activated.connect(self._type_chosen)
        self.setFocusProxy(self.type_box)
        self.stack.currentChanged.connect(self._page_changed)
        for kind in self.factories:  # made now, not on first use, so Tab visits them in visual order
            self.form(kind)
        self._page_changed(self.stack.currentIndex())

    def form(self, kind: str) -> GraderForm | None:
        """The form of ``kind``, None for a type without one."""
        if kind not in self.forms and kind in self.factories:
            form = self.factories[kind](self.catalog, self.hide_name)
            form.edited.connect(self.edited.emit)
            self.forms[kind] = form
            self.stack.addWidget(form)
        return self.forms.get(kind)

    def _page_changed(self, index: int) -> None:
        # A stack is as wide as its widest page; only the page shown should count, or the roomiest
        # form (a model grader's) would widen every other one.
        for i in range(self.stack.count()):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            self.stack.widget(i).setSizePolicy(policy, policy)
        self.stack.updateGeometry()

    def current_kind(self) -> str:
        """The type shown."""
        return str(self.type_box.currentData() or "")

    def set_grader(self, grader: dict[str, Any]) -> None:
        """Show ``grader`` in the form of its type (no ``edited`` signal)."""
        self.memory.clear()
        self._show(grader)

    def _show(self, grader: dict[str, Any]) -> None:
        kind = str(grader.get("type", ""))
        self.type_box.blockSignals(True)
        if kind and self.type_box.findData(kind) < 0:
            self.type_box.addItem(type_title(kind), kind)  # e.g. label_model at the top: problems say why
        self.type_box.setCurrentIndex(self.type_box.findData(kind))
        self.type_box.blockSignals(False)
        self.about.setText(type_sentence(kind))
        form = self.form(kind)
        if form is None:
            self.unknown = copy.deepcopy(grader)
            self.stack.setCurrentWidget(self.unknown_page)
            return
        form.set_grader(grader)
        self.stack.setCurrentWidget(form)

    def grader(self) -> dict[str, Any]:
        """The grader shown."""
        form = self.stack.currentWidget()
        return form.grader() if isinstance(form, GraderForm) else copy.deepcopy(self.unknown)

    def _type_chosen(self, _index: int) -> None:
        kind = self.current_kind()
        old = self.grader()
        if kind == old.get("type"):
            return
        # Trying another type and coming back must not lose the work: each type's last grader is kept.
        self.memory[str(old.get("type", ""))] = old
        remembered = self.memory.get(kind)
        if remembered is not None:
            remembered = {**remembered, "name": old.get("name", remembered.get("name", ""))}
        self._show(remembered or starting_grader(kind, old))
        self.edited.emit()
