"""The launch wizard's grader row for reinforcement training: the project's saved graders in a list,
with "New grader…" and "Edit…" opening the grader editor (checked against the chosen data)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from app.formats.model import Severity
from app.graders.structure import structure_problems
from app.store import graders_repo
from ui.app_context import AppContext
from ui.tasks import TaskScope


class GraderChoiceWidget(QWidget):
    """Pick a saved grader; emits ``edited`` when the choice (or the chosen grader) changed."""

    edited = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskScope(self)
        self.graders: dict[int, dict[str, Any]] = {}
        self.dataset_id: int | None = None
        self.dialog: QWidget | None = None
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Grader"))
        self.combo.setToolTip(self.tr("The grader scores each answer the model tries during training"))
        self.combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.new_button = QPushButton(self.tr("New grader…"))
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(lambda: self.open_editor(self.combo.currentData()))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.combo, 1)
        lay.addWidget(self.new_button)
        lay.addWidget(self.edit_button)
        self._fill([], None)

    def set_dataset(self, dataset_id: int | None) -> None:
        """The training data the grader will read (the editor checks its fields against it)."""
        self.dataset_id = dataset_id

    async def load(self, select: int | None = None) -> None:
        """Read the project's graders (on a reader thread) and keep the choice, or select ``select``."""
        project = self.ctx.project
        if project is None:
            return
        stored = await project.db.read(graders_repo.list_graders)
        if self.tasks.alive:
            self._fill(stored, select if select is not None else self.combo.currentData())

    def _fill(self, stored: list[graders_repo.StoredGrader], keep: int | None) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.graders = {g.id: g.grader for g in stored}
        self.combo.addItem(self.tr("Choose a grader…") if stored else self.tr("No grader yet: make one"), None)
        for g in stored:
            self.combo.addItem(g.name, g.id)
        index = self.combo.findData(keep) if keep is not None else -1
        if index < 0:
            index = 1 if len(stored) == 1 else 0  # a single grader is the obvious choice
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        self.edit_button.setEnabled(self.combo.currentData() is not None)
        self.edited.emit()

    def grader_value(self) -> tuple[dict[str, Any] | None, str]:
        """The chosen grader and a plain problem that stops the wizard ("" when it may go on)."""
        grader_id = self.combo.currentData()
        self.edit_button.setEnabled(grader_id is not None)
        if grader_id is None or grader_id not in self.graders:
            return None, self.tr("Reinforcement training needs a grader: choose one or make a new one.")
        grader = self.graders[grader_id]
        errors = [f for f in structure_problems(grader) if f.severity is Severity.ERROR]
        if errors:
            return grader, self.tr("The grader “%1” has a problem: %2").replace(
                "%1", self.combo.currentText()).replace("%2", errors[0].message)
        return grader, ""

    def open_editor(self, grader_id: int | None) -> QWidget:
        """Open the grader editor (non-modal); a saved grader is chosen here."""
        from ui.graders.dialog import GraderEditorDialog

        dialog = GraderEditorDialog(self.ctx, grader_id, dataset_id=self.dataset_id, parent=self.window())
        dialog.saved.connect(lambda gid: self.tasks.spawn(self.load(select=gid)))
        self.dialog = dialog
        dialog.open()
        return dialog
