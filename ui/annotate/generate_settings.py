"""The parts of the Generate dialog that describe what to run: the model settings (connection,
model picked from the connection's list or typed, temperature), and the plain sentences for the
expected cost and for what failed."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.models.chat import ChatParams
from app.services import annotation_generate as gen
from app.services.batch_runs import BatchProgress, BatchTarget
from ui.annotate.import_dialog import AnnotateDialogs, plural
from ui.app_context import AppContext
from ui.cost_text import cost_amount
from ui.locale_format import number
from ui.playground.model_picker import ModelCatalog
from ui.tasks import TaskScope


def cost_text(plan: gen.GenerationPlan) -> str:
    """"About 120 calls (40 prompts × 3 answers) · about $0.34" (or why the cost is not known)."""
    answers = plan.calls // plan.prompts if plan.prompts else 0
    text = AnnotateDialogs.tr("About {calls} ({prompts} × {answers})").format(
        calls=AnnotateDialogs.tr("%Ln call(s)", None, plan.calls),
        prompts=AnnotateDialogs.tr("%Ln prompt(s)", None, plan.prompts),
        answers=AnnotateDialogs.tr("%Ln answer(s)", None, answers))
    unpriced = ", ".join(plan.unpriced)
    if plan.cost_usd is None:
        return text + " · " + AnnotateDialogs.tr("no price known for {0}, so the cost cannot be "
                                                 "estimated.").format(unpriced)
    cost = AnnotateDialogs.tr("about {0}").format(cost_amount(plan.cost_usd))
    text += " · " + cost
    if unpriced:
        text += " " + AnnotateDialogs.tr("(no price known for {0}, not counted)").format(unpriced)
    return text + "."


def failures_text(failures: list[gen.TargetFailure]) -> str:
    """One line per setting whose calls failed: how many, and why."""
    return "\n".join(
        plural(f.failed, AnnotateDialogs.tr("• {1}: {0} call failed — {2}"),
               AnnotateDialogs.tr("• {1}: {0} calls failed — {2}"), f.label, f.message)
        for f in failures)


def outcome_text(queue: str, added: int | None, failure: str, failures: list[gen.TargetFailure],
                 progress: BatchProgress | None) -> tuple[str, QStyle.StandardPixmap | None]:
    """What a generation did, and its icon (None: the tick): comparisons added (``added`` None when it
    was stopped), ``failure`` when it could not go on, and the settings whose calls failed."""
    if failure:
        return failure, QStyle.StandardPixmap.SP_MessageBoxCritical
    if added is None:
        stopped = (AnnotateDialogs.tr("Stopped after {0} of {1} calls; the answers so far are kept.").format(
            number(progress.done), number(progress.total)) if progress else AnnotateDialogs.tr("Stopped."))
        return stopped + " " + AnnotateDialogs.tr("Resume goes on with the "
                                                  "rest."), QStyle.StandardPixmap.SP_MessageBoxInformation
    text = plural(added, AnnotateDialogs.tr("Added {0} comparison to “{1}”."),
                  AnnotateDialogs.tr("Added {0} comparisons to “{1}”."), queue)
    if not added:
        text += " " + AnnotateDialogs.tr("A comparison needs two answers to the same prompt, and no prompt got two.")
    if failures:
        text += " " + AnnotateDialogs.tr("Some answers are missing (prompts with fewer than two answers are left "
                                         "out; Resume tries the failed calls again):") + "\n" + failures_text(failures)
    return text, QStyle.StandardPixmap.SP_MessageBoxWarning if failures or not added else None


class SettingRow(QWidget):
    """One model setting: connection, model (typed or picked from the connection's list), temperature."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, ctx: AppContext, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile_combo = QComboBox()
        for profile in ctx.settings.connections:
            self.profile_combo.addItem(profile.name, profile.id)
        self.profile_combo.setCurrentIndex(max(0, self.profile_combo.findData(ctx.settings.active_connection)))
        self.model_combo = QComboBox()
        self.model_combo.setEditable(True)
        self.model_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_combo.setMinimumContentsLength(18)
        self.model_combo.lineEdit().setPlaceholderText(self.tr("Type or pick a model"))
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(-0.1, 2.0)  # the minimum stands for "the model's default"
        self.temperature.setSingleStep(0.1)
        self.temperature.setDecimals(1)
        self.temperature.setSpecialValueText(self.tr("default"))
        self.temperature.setValue(-0.1)
        self.temperature.setToolTip(self.tr("Higher gives more varied answers; “default” sends nothing."))
        temp_label = QLabel(self.tr("Temperature:"))
        temp_label.setBuddy(self.temperature)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.set_number(number)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.profile_combo)
        lay.addWidget(self.model_combo, 1)
        lay.addWidget(temp_label)
        lay.addWidget(self.temperature)
        lay.addWidget(self.remove_button)
        self.profile_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.model_combo.currentTextChanged.connect(lambda _t: self.changed.emit())
        self.temperature.valueChanged.connect(lambda _v: self.changed.emit())

    def set_number(self, number: int) -> None:
        """Name the row's fields for screen readers ("Setting 2: model")."""
        for widget, what in ((self.profile_combo, self.tr("connection")), (self.model_combo, self.tr("model")),
                             (self.temperature, self.tr("temperature")), (self.remove_button, self.tr("remove"))):
            widget.setAccessibleName(self.tr("Setting {0}: {1}").format(number, what))

    def profile_id(self) -> str:
        """The chosen connection's id ("" when there is none)."""
        return self.profile_combo.currentData() or ""

    def model(self) -> str:
        """The model as typed or picked."""
        return self.model_combo.currentText().strip()

    def target(self) -> BatchTarget:
        """The setting as a batch target (labelled later by ``generation_targets``)."""
        value = self.temperature.value()
        params = ChatParams(temperature=None if value < 0 else round(value, 1))
        return BatchTarget("", self.profile_id(), self.model(), params=params)

    def fill_models(self, ids: list[str]) -> None:
        """Offer ``ids`` in the model combo; the typed text stays."""
        text = self.model()
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        self.model_combo.addItems(ids)
        self.model_combo.setEditText(text)
        self.model_combo.blockSignals(False)


class SettingsList(QWidget):
    """The model settings of a generation, one row each (one always stays), and an Add button."""

    changed = Signal()

    def __init__(self, ctx: AppContext, tasks: TaskScope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        self.catalog = ModelCatalog(ctx, self)
        self.rows: list[SettingRow] = []
        self.rows_box = QVBoxLayout()
        self.add_button = QPushButton(self.tr("&Add a setting"))
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip(self.tr("Compare another model, or the same model at another temperature"))
        self.add_button.clicked.connect(self.add_setting)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.rows_box)
        lay.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_setting()

    def add_setting(self) -> SettingRow:
        """Add a row (with the last row's connection)."""
        row = SettingRow(self.ctx, len(self.rows) + 1)
        if self.rows:
            row.profile_combo.setCurrentIndex(self.rows[-1].profile_combo.currentIndex())
        row.changed.connect(self.changed)
        row.profile_combo.currentIndexChanged.connect(lambda _i, r=row: self._list_models(r))
        row.remove_requested.connect(self.remove_setting)
        self.rows_box.addWidget(row)
        if self.rows:  # a row made later would come last in the Tab order: put it after the previous row
            chain = [self.rows[-1].remove_button, row.profile_combo, row.model_combo, row.temperature,
                     row.remove_button, self.add_button]
            for first, second in zip(chain, chain[1:], strict=False):
                QWidget.setTabOrder(first, second)
        self.rows.append(row)
        self._list_models(row)
        self.set_running(False)
        row.model_combo.setFocus()
        self.changed.emit()
        return row

    def remove_setting(self, row: SettingRow) -> None:
        """Remove a row (one always stays)."""
        if len(self.rows) > 1 and row in self.rows:
            self.rows.remove(row)
            row.deleteLater()
            for i, r in enumerate(self.rows, 1):
                r.set_number(i)
            self.rows[-1].model_combo.setFocus()
            self.set_running(False)
            self.changed.emit()

    def _list_models(self, row: SettingRow) -> None:
        if row.profile_id() and self.tasks.alive:
            with contextlib.suppress(RuntimeError):  # no running loop yet: the list is only a convenience
                self.tasks.spawn(self._fill_models(row, row.profile_id()))

    async def _fill_models(self, row: SettingRow, profile_id: str) -> None:
        models, _error = await self.catalog.models(profile_id)
        if self.tasks.alive and row in self.rows and row.profile_id() == profile_id:
            row.fill_models([m.id for m in models])

    def settings(self) -> list[BatchTarget]:
        """Every row's setting, unlabelled."""
        return [r.target() for r in self.rows]

    def set_running(self, running: bool) -> None:
        """Freeze the settings while a generation runs."""
        self.add_button.setEnabled(not running)
        for row in self.rows:
            row.setEnabled(not running)
            row.remove_button.setEnabled(not running and len(self.rows) > 1)
