"""Generating answers for the annotator: the prompts of a dataset (or of a prompt list) sent to one or
more model settings, each prompt with two or more answers made a comparison in a queue.

The expected number of calls and cost (``annotation_generate.plan_generation``, on a reader thread)
is shown before Start can be pressed. The generation is a batch run underneath: a progress bar with
answered / total / failed, Stop (the answers so far are kept) and Resume (the same run goes on with
the calls not answered yet, failed ones tried again). What failed is told in plain words at the end.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from pathlib import Path
from typing import Any

import sqlite_utils
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.models.connection import ConnectionProfile
from app.services import annotation_generate as gen
from app.services.batch_runs import BatchProgress, BatchTarget
from app.store import annotation_repo, datasets_repo
from ui.annotate.generate_settings import SettingsList, cost_text, outcome_text
from ui.annotate.import_dialog import ResultBox, fill_queues, plural, queue_combo
from ui.app_context import AppContext, NotConnected
from ui.locale_format import number
from ui.tasks import TaskScope
from ui.widgets.labels import selectable_label

log = logging.getLogger(__name__)
PLAN_DELAY_MS = 200  # the estimate is recomputed this long after the last change


def _outcome(db: sqlite_utils.Database, run_id: int, queue: str) -> tuple[int | None, list[gen.TargetFailure]]:
    return annotation_repo.queue_by_name(db, queue), gen.failures(db, run_id)


class GenerateDialog(QDialog):
    """Generate answers and fill a queue with comparisons; emits ``generated(queue_id)``. Non-modal."""

    generated = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskScope("generate-answers", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.destroyed.connect(self.tasks.cancel_all)
        self.plan: gen.GenerationPlan | None = None
        self._plan_key: object = None
        self._queue_edited = False
        self.file_dialog: QFileDialog | None = None
        self.run_id: int | None = None
        self.run_queue = ""
        self.run_task: asyncio.Task[Any] | None = None
        self.last_progress: BatchProgress | None = None
        self.needs_resume = False
        self._names: dict[int, str] = {}
        self.setWindowTitle(self.tr("Generate answers to compare"))
        self.setModal(False)
        self.resize(820, 600)
        self._timer = QTimer(self, singleShot=True, interval=PLAN_DELAY_MS)
        self._timer.timeout.connect(lambda: self.tasks.alive and self.tasks.spawn(self.update_plan()))
        self._build()
        self._changed()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.dataset_combo = QComboBox()
        self.dataset_combo.setAccessibleName(self.tr("Dataset"))
        self.prompts_button = QPushButton(self.tr("Use a &prompt list…"))
        self.prompts_button.setAutoDefault(False)
        self.prompts_button.setToolTip(self.tr("A text file with one prompt per line (or blocks separated by blank "
                                               "lines); it becomes a dataset of prompts"))
        self.prompts_button.clicked.connect(self.choose_prompt_list)
        source = QHBoxLayout()
        source.addWidget(self.dataset_combo, 1)
        source.addWidget(self.prompts_button)
        self.split_combo = QComboBox()
        for text, value in ((self.tr("All examples"), None), (self.tr("Training part"), "train"),
                            (self.tr("Validation part"), "validation")):
            self.split_combo.addItem(text, value)
        self.source_note = selectable_label()
        self.source_note.hide()
        self.settings = SettingsList(self.ctx, self.tasks)
        self.settings.changed.connect(self._settings_changed)
        self.samples = QSpinBox()
        self.samples.setRange(1, 10)
        self.samples.setToolTip(self.tr("How many answers each setting gives per prompt. With one setting, at "
                                        "least two: the annotator compares two answers."))
        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 16)
        self.concurrency.setValue(4)
        self.concurrency.setToolTip(self.tr("How many calls run at the same time. More is faster but may hit the "
                                            "provider's rate limit."))
        for spin in (self.samples, self.concurrency):
            spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.queue_combo = queue_combo()
        self.queue_combo.lineEdit().textEdited.connect(self._queue_typed)
        self.queue_combo.activated.connect(self._queue_typed)
        form = QFormLayout()
        dataset_label = QLabel(self.tr("&Dataset:"))
        dataset_label.setBuddy(self.dataset_combo)
        form.addRow(dataset_label, source)
        form.addRow("", self.source_note)
        form.addRow(self.tr("Pa&rt:"), self.split_combo)
        form.addRow(self.tr("Model settings:"), self.settings)
        form.addRow(self.tr("Answers per setti&ng:"), self.samples)
        form.addRow(self.tr("At the same ti&me:"), self.concurrency)
        form.addRow(self.tr("&Queue:"), self.queue_combo)

        self.plan_icon = QLabel()
        self.plan_label = selectable_label()
        self.plan_label.setTextFormat(Qt.TextFormat.PlainText)
        self.plan_label.setAccessibleName(self.tr("Expected calls and cost"))
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.plan_icon, 0, Qt.AlignmentFlag.AlignTop)
        plan_row.addWidget(self.plan_label, 1)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Generation progress"))
        self.progress_label = QLabel()
        self.stop_button = QPushButton(self.tr("St&op"))
        self.stop_button.setToolTip(self.tr("Stop; the answers so far are kept and Resume goes on later (Esc)"))
        self.stop_button.clicked.connect(self.stop)
        self.resume_button = QPushButton(self.tr("Res&ume"))
        self.resume_button.setToolTip(self.tr("Go on with the calls not answered yet (failed ones are tried again)"))
        self.resume_button.clicked.connect(self.resume)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.stop_button)
        progress_row.addWidget(self.resume_button)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        self.progress_box.hide()
        self.report = ResultBox()

        self.buttons = QDialogButtonBox()
        self.close_button = self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button = self.buttons.addButton(self.tr("&Start"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.close_button.clicked.connect(self.reject)
        self.start_button.clicked.connect(self.start)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addLayout(plan_row)
        lay.addWidget(self.progress_box)
        lay.addWidget(self.report, 1)
        lay.addStretch(0)
        lay.addWidget(self.buttons)
        self.start_button.setDefault(True)  # once inside the dialog: before, Qt does not record it
        self.dataset_combo.currentIndexChanged.connect(self._dataset_changed)
        for signal in (self.split_combo.currentIndexChanged,
                       self.samples.valueChanged, self.queue_combo.currentTextChanged):
            signal.connect(self._changed)

    def open(self) -> None:  # noqa: A003 - QDialog's name; Qt's open() would make the dialog window-modal
        """Show the dialog without blocking the rest of the app; list the datasets and queues."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.dataset_combo.setFocus()
        if self.tasks.alive:
            self.tasks.spawn(self.load_lists())

    async def load_lists(self, select: int | None = None) -> None:
        """Fill the dataset and queue choices (``select``: the dataset to choose)."""
        project = self.ctx.project
        if project is None:
            return
        infos, queues = await project.db.read(lambda db: (datasets_repo.list_datasets(db),
                                                          annotation_repo.list_queues(db)))
        if not self.tasks.alive:
            return
        keep = select if select is not None else self.dataset_combo.currentData()
        self.dataset_combo.blockSignals(True)
        self.dataset_combo.clear()
        for d in infos:
            self.dataset_combo.addItem(plural(d.examples, self.tr("{1} ({0} example)"), self.tr("{1} ({0} examples)"),
                                              d.name), d.id)
        self.dataset_combo.setCurrentIndex(max(0, self.dataset_combo.findData(keep)))
        self.dataset_combo.blockSignals(False)
        self._names = {d.id: d.name for d in infos}
        fill_queues(self.queue_combo, queues)
        self._dataset_changed()

    # --- settings -------------------------------------------------------------------------
    def _settings_changed(self) -> None:
        if len(self.settings.rows) == 2 and self.samples.value() == 2:
            self.samples.setValue(1)  # two settings already give two answers per prompt
        self._changed()

    def targets(self) -> list[BatchTarget]:
        """The batch targets of the settings (``ValueError`` in plain words when there are too few)."""
        return gen.generation_targets(self.settings.settings(), self.samples.value())

    def queue_name(self) -> str:
        """The queue to fill, as typed or picked."""
        return " ".join(self.queue_combo.currentText().split())

    def _queue_typed(self, _text: str) -> None:
        self._queue_edited = True

    # --- the estimate ---------------------------------------------------------------------
    def problem(self) -> str | None:
        """What stops a generation, in plain words, or None."""
        if self.ctx.project is None:
            return self.tr("No project is open.")
        if self.dataset_combo.currentData() is None:
            return self.tr("Choose the dataset whose prompts the models should answer, or use a prompt list.")
        if not self.ctx.settings.connections:
            return self.tr("There is no connection yet. Add one in Settings → Connections.")
        for i, row in enumerate(self.settings.rows, 1):
            if not row.model():
                return self.tr("Choose the model of setting {0}.").format(i)
        try:
            self.targets()
        except ValueError as exc:
            return str(exc)
        if not self.queue_name():
            return self.tr("Give the queue a name.")
        return None

    def _key(self) -> object:
        return self.dataset_combo.currentData(), self.split_combo.currentData(), tuple(self.targets())

    def _dataset_changed(self, *_args: object) -> None:
        name = self._names.get(self.dataset_combo.currentData())
        if name and not self._queue_edited:
            self.queue_combo.setEditText(self.tr("{0} answers").format(name))
        self._changed()

    def _changed(self, *_args: object) -> None:
        self.samples.setMinimum(2 if len(self.settings.rows) == 1 else 1)
        self._timer.start()
        self._update_state()

    async def update_plan(self) -> None:
        """Show the expected calls and cost of what is set up (Start waits for it)."""
        project, problem = self.ctx.project, self.problem()
        if problem is not None or project is None:
            self._show_plan(problem or "", QStyle.StandardPixmap.SP_MessageBoxWarning)
            return
        key = self._key()
        dataset_id, split, targets = key  # type: ignore[misc]
        plan = await project.db.read(partial(gen.plan_generation, prices=self.ctx.price_table()), dataset_id, split,
                                     list(targets))
        if not self.tasks.alive or key != self._key():
            return
        self.plan, self._plan_key = plan, key
        if not plan.prompts:
            self._show_plan(self.tr("This part of the dataset has no prompt to answer; choose another dataset or "
                                    "part."), QStyle.StandardPixmap.SP_MessageBoxWarning)
        else:
            self._show_plan(cost_text(plan), QStyle.StandardPixmap.SP_MessageBoxInformation)
        self._update_state()

    def _show_plan(self, text: str, icon: QStyle.StandardPixmap) -> None:
        self.plan_label.setText(text)
        if text:
            self.plan_icon.setPixmap(self.style().standardIcon(icon).pixmap(20, 20))
        else:
            self.plan_icon.clear()

    def plan_ready(self) -> bool:
        """True when the estimate shown is the one of what is set up now."""
        try:
            return (self.problem() is None and self.plan is not None and self.plan.prompts > 0
                    and self._plan_key == self._key())
        except ValueError:
            return False

    def _update_state(self) -> None:
        running = self.run_task is not None
        self.start_button.setEnabled(not running and self.plan_ready())
        self.stop_button.setEnabled(running)
        self.resume_button.setEnabled(not running and self.run_id is not None and self.needs_resume)
        self.settings.set_running(running)

    # --- prompt lists ---------------------------------------------------------------------
    def choose_prompt_list(self) -> None:
        """Open a non-modal file dialog for a prompt list."""
        dlg = QFileDialog(self, self.tr("Choose a prompt list"))
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.setNameFilters([self.tr("Text files (*.txt *.md)"), self.tr("All files (*)")])
        dlg.setWindowModality(Qt.WindowModality.NonModal)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.fileSelected.connect(lambda path: self.tasks.alive and self.tasks.spawn(self.use_prompt_list(path)))
        self.file_dialog = dlg
        dlg.show()

    async def use_prompt_list(self, path: str) -> None:
        """Make a dataset of the prompts in ``path`` (writer thread) and choose it."""
        project = self.ctx.project
        if project is None:
            return
        try:
            dataset_id = await project.db.write(gen.prompts_dataset_from_text, Path(path).stem, Path(path))
        except (OSError, ValueError) as exc:
            if self.tasks.alive:
                self.source_note.setText("⚠ " + (exc.strerror if isinstance(exc, OSError) and exc.strerror
                                                 else str(exc)))
                self.source_note.show()
            return
        if not self.tasks.alive:
            return
        await self.load_lists(select=dataset_id)
        if self.tasks.alive:
            self.source_note.setText(self.tr("The prompts of “{0}” are now the dataset “{1}”.").format(
                Path(path).name, self._names.get(dataset_id, "")))
            self.source_note.show()

    # --- running --------------------------------------------------------------------------
    async def _client_for(self, profile_id: str) -> tuple[Any, ConnectionProfile]:
        profile = self.ctx.settings.connection(profile_id)
        if profile is None:
            raise NotConnected(self.tr("The connection of this setting was removed. Add it again in Settings → "
                                       "Connections."))
        return await self.ctx.client_for(profile)

    def start(self) -> None:
        """Start a new generation with what is set up (Start button)."""
        if self.start_button.isEnabled():
            self.run_id, self.run_queue = None, self.queue_name()
            self.run_task = self.tasks.spawn(self.run(None))
            self._update_state()

    def resume(self) -> None:
        """Go on with the last generation: its missing and failed calls (Resume button)."""
        if self.resume_button.isEnabled():
            self.run_task = self.tasks.spawn(self.run(self.run_id))
            self._update_state()

    def stop(self) -> None:
        """Stop the generation; the answers so far are kept (Stop button)."""
        if self.run_task is not None:
            self.run_task.cancel()
            self.progress_label.setText(self.tr("Stopping…"))

    def _on_run(self, run_id: int) -> None:
        self.run_id = run_id

    def _on_progress(self, p: BatchProgress) -> None:
        self.last_progress = p
        if self.tasks.alive:
            self.progress.setRange(0, max(p.total, 1))
            self.progress.setValue(min(p.done + p.failed, p.total))
            self.progress_label.setText(self.tr("{0} of {1} calls answered · {2} failed").format(
                number(p.done), number(p.total), number(p.failed)))

    async def run(self, run_id: int | None) -> None:
        """Generate (or resume ``run_id``), then fill the queue and tell what happened."""
        project = self.ctx.project
        assert project is not None
        self.progress_box.show()
        self.report.hide()
        self.needs_resume = False
        self.progress.setRange(0, 0)
        self.progress_label.setText(self.tr("Starting…"))
        added: int | None = None
        failure = ""
        try:
            _run, added = await gen.generate(
                project, self.run_queue, self.dataset_combo.currentData(), self.split_combo.currentData(),
                self.targets() if run_id is None else [], self._client_for, concurrency=self.concurrency.value(),
                on_progress=self._on_progress, prices=self.ctx.price_table(), run_id=run_id, on_run=self._on_run)
        except asyncio.CancelledError:
            if not self.tasks.alive:
                raise  # the dialog is closing
        except Exception as exc:  # noqa: BLE001 - shown in plain words; details in the log
            log.warning("generation for %s failed", self.run_queue, exc_info=exc)
            failure = self.tr("The generation could not go on: {0}").format(exc)
        self.run_task = None
        if self.run_id is None:
            self.report.show_result(failure or self.tr("Stopped before any call was made."),
                                    icon=QStyle.StandardPixmap.SP_MessageBoxCritical if failure
                                    else QStyle.StandardPixmap.SP_MessageBoxInformation)
            self._update_state()
            return
        queue_id, failures = await project.db.read(_outcome, self.run_id, self.run_queue)
        if not self.tasks.alive:
            return
        text, icon = outcome_text(self.run_queue, added, failure, failures, self.last_progress)
        self.needs_resume = added is None or bool(failures)
        self.report.show_result(text, icon=icon)
        self._update_state()
        if added is not None and queue_id is not None:
            self.close_button.setDefault(True)
            self.generated.emit(queue_id)

    def done(self, result: int) -> None:
        """Close; while generating, Esc and Close stop the generation first (nothing is lost)."""
        if self.run_task is not None:
            self.stop()
            return
        self.tasks.cancel_all()
        self.settings.catalog.close()
        super().done(result)
