"""Batch runs: send every example of a dataset (or of its training or validation part) to two or more
models, a few calls at a time, with progress, Stop and Resume; the results are stored in the project.
A run's answers can go to the annotator for a blind judgement, and the win-rate of one model over
the other is shown once judgements exist.

Left: the new run (dataset, split, models, concurrency, estimate, Start). Right: the earlier runs,
the progress of the chosen one, its results table and the human judgement.
"""

from __future__ import annotations

import asyncio
from typing import Any

import sqlite_utils
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.connection import ConnectionProfile
from app.services import batch_runs
from app.store import batch_repo, batch_results_repo, datasets_repo
from app.store.batch_repo import BatchProgress, BatchTarget, RunInfo
from app.store.batch_results_repo import ResultRow
from ui.app_context import AppContext, NotConnected
from ui.locale_format import date_time, number
from ui.playground.batch_judgement import BatchJudgementWidget
from ui.playground.batch_results_model import BatchResultsTableModel
from ui.playground.batch_setup import BatchSetupWidget
from ui.tasks import TaskScope
from ui.widgets.error_banner import ErrorBanner

RESULT_ROWS = 1000  # rows the table shows; the rest stay in the project
MIN_COLUMN = 160  # pixels: narrower than this and the table scrolls sideways
RELOAD_DELAY = 0.3  # seconds between results refreshes while a run goes


def _read_run(db: sqlite_utils.Database, run_id: int) -> tuple[RunInfo, list[ResultRow]]:
    return batch_repo.run_info(db, run_id), batch_results_repo.results(db, run_id, 0, RESULT_ROWS)


def _read_lists(db: sqlite_utils.Database) -> tuple[list, list[RunInfo]]:
    return datasets_repo.list_datasets(db), batch_repo.list_runs(db)


class BatchRunPanel(QWidget):
    """Set up, run, stop, resume and review batch runs; ``set_targets`` takes the Playground's models."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskScope("batch-runs", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.destroyed.connect(self.tasks.cancel_all)
        self.runs: list[RunInfo] = []
        self.run: RunInfo | None = None  # the run shown on the right
        self.running_id: int | None = None
        self.run_task: asyncio.Task[Any] | None = None
        self._reload_pending = False
        self._build()
        ctx.project_changed.connect(self._on_project_changed)
        if ctx.project is not None:
            self.tasks.spawn(self.reload())

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = ErrorBanner()
        self.setup = BatchSetupWidget(self.ctx, tasks=self.tasks)
        self.setup.start_button.clicked.connect(self.start)
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        runs_form = QFormLayout()
        self.runs_combo = QComboBox()
        self.runs_combo.setAccessibleName(self.tr("Runs"))
        self.runs_combo.activated.connect(lambda i: self.tasks.spawn(self.show_run(self.runs_combo.itemData(i))))
        runs_form.addRow(self.tr("&Run:"), self.runs_combo)
        rlay.addLayout(runs_form)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Progress of the run"))
        self.progress_label = QLabel()
        self.stop_button = QPushButton(self.tr("St&op"))
        self.stop_button.setToolTip(self.tr("Stop the run; the answers so far are kept and you can resume later."))
        self.stop_button.clicked.connect(self.stop)
        self.resume_button = QPushButton(self.tr("Res&ume"))
        self.resume_button.setToolTip(self.tr("Go on with the calls not answered yet (failed ones are tried again)."))
        self.resume_button.clicked.connect(self.resume)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.stop_button)
        progress_row.addWidget(self.resume_button)
        rlay.addLayout(progress_row)
        self.model = BatchResultsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Results of the run"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.viewport().installEventFilter(self)
        self.results_note = QLabel()
        self.results_note.setWordWrap(True)
        rlay.addWidget(self.table, 1)
        rlay.addWidget(self.results_note)
        self.judgement = BatchJudgementWidget(self.ctx, tasks=self.tasks)
        rlay.addWidget(self.judgement)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.setup)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([440, 760])  # the set-up form: "Triagem de chamados (12 exemplos)" whole
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.banner)
        lay.addWidget(splitter, 1)
        self._update_buttons()

    def set_targets(self, targets: list[BatchTarget]) -> None:
        """The models a new run would use (normally the Playground's panes); labels stay editable."""
        self.setup.set_targets(targets)

    # --- project, runs and results --------------------------------------------------------
    def _on_project_changed(self, _project: object) -> None:
        if self.run_task is not None:
            self.run_task.cancel()
        self.run = None
        self.model.clear()
        if self.tasks.alive:
            self.tasks.spawn(self.judgement.refresh(None))
            self.tasks.spawn(self.reload())

    async def reload(self, select: int | None = None) -> None:
        """Read the datasets and the runs; show ``select`` (default: the shown run, else the newest)."""
        project = self.ctx.project
        if project is None:
            return
        infos, runs = await project.db.read(_read_lists)
        if not self.tasks.alive:
            return
        self.setup.set_datasets(infos)
        self.runs = runs
        self.runs_combo.clear()
        for r in runs:
            self.runs_combo.addItem(self._run_title(r), r.id)
        if not runs:
            self.runs_combo.addItem(self.tr("No runs yet — set one up on the left"), None)
        wanted = select if select is not None else (self.run.id if self.run else (runs[0].id if runs else None))
        if wanted is not None:
            self.runs_combo.setCurrentIndex(max(0, self.runs_combo.findData(wanted)))
            await self.show_run(wanted)
        self._update_buttons()

    def _run_title(self, r: RunInfo) -> str:
        status = {"new": self.tr("not started"), "running": self.tr("running"), "stopped": self.tr("stopped"),
                  "done": self.tr("finished")}.get(r.status, r.status)
        created = date_time(r.created_at)  # stored in UTC; shown in the user's time
        return self.tr("{name} — {status}, {created}").format(name=r.name, status=status, created=created)

    async def show_run(self, run_id: int | None) -> None:
        """Show one run: its progress, results and human judgement."""
        project = self.ctx.project
        if project is None or run_id is None:
            return
        info, rows = await project.db.read(_read_run, run_id)
        if not self.tasks.alive:
            return
        self.run = info
        columns = self.model.columnCount()
        self.model.set_rows([t.label for t in info.targets], rows)
        if columns != self.model.columnCount():
            self.fit_columns()
        self.results_note.setText(self.tr("Showing the first {n} examples.").format(n=number(RESULT_ROWS))
                                  if len(rows) >= RESULT_ROWS else "")
        if self.running_id != info.id:
            self.show_progress(BatchProgress(info.total, info.done, info.failed))
        self._update_buttons()
        await self.judgement.refresh(run_id)

    def fit_columns(self) -> None:
        """Share the table's width among its columns (no horizontal scrolling while they fit)."""
        count = self.model.columnCount()
        if count:
            width = max(MIN_COLUMN, (self.table.viewport().width() - 2) // count)
            for col in range(count):
                self.table.setColumnWidth(col, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def show_progress(self, p: BatchProgress) -> None:
        """Show how far the run is ("12 of 40 calls answered · 2 failed")."""
        self.progress.setRange(0, max(p.total, 1))
        self.progress.setValue(min(p.done + p.failed, p.total))
        self.progress_label.setText(self.tr("{done} of %Ln call(s) answered · {failed} failed", None, p.total).format(
            done=number(p.done), failed=number(p.failed)))

    def _update_buttons(self) -> None:
        running = self.running_id is not None
        self.setup.start_button.setEnabled(not running and self.ctx.project is not None)
        self.stop_button.setEnabled(running)
        run = self.run
        resumable = run is not None and (run.status != "done" or run.done < run.total)
        self.resume_button.setEnabled(not running and resumable)
        self.runs_combo.setEnabled(not running)
        self.judgement.set_busy(running)

    # --- running --------------------------------------------------------------------------
    async def _client_for(self, profile_id: str) -> tuple[Any, ConnectionProfile]:
        profile = self.ctx.settings.connection(profile_id)
        if profile is None:
            raise NotConnected(self.tr("The connection of this model was removed. Add it again in Settings → "
                                       "Connections, or run other models."))
        return await self.ctx.client_for(profile)

    def start(self) -> None:
        """Create a run from the form and start it (Start button)."""
        problem = self.setup.problem()
        if problem:
            self.banner.show_error(problem)
            return
        self.banner.hide()
        self.running_id = -1  # until the run exists: no second start meanwhile
        self._update_buttons()
        self.run_task = self.tasks.spawn(self._create_and_run(
            self.setup.run_name(), self.setup.dataset_id(), self.setup.split(), self.setup.chosen_targets(),
            self.setup.concurrency.value()))

    async def _create_and_run(self, name: str, dataset_id: int, split: str | None, targets: list[BatchTarget],
                              concurrency: int) -> None:
        project = self.ctx.project
        assert project is not None
        try:
            run_id = await project.db.write(batch_repo.create_run, name, dataset_id, split, targets, concurrency)
        except ValueError as exc:
            self.running_id = None
            if self.tasks.alive:
                self.banner.show_error(str(exc))
                self._update_buttons()
            return
        await self._run(run_id, reload_first=True)

    def resume(self) -> None:
        """Go on with a stopped run (Resume button)."""
        if self.run is None or self.running_id is not None:
            return
        self.banner.hide()
        self.running_id = self.run.id
        self._update_buttons()
        self.run_task = self.tasks.spawn(self._run(self.run.id))

    async def _run(self, run_id: int, reload_first: bool = False) -> None:
        project = self.ctx.project
        assert project is not None
        self.running_id = run_id
        if reload_first:
            await self.reload(select=run_id)
        self._update_buttons()
        try:
            await batch_runs.run_batch(project, run_id, self._client_for, on_progress=self._on_progress,
                                       prices=self.ctx.price_table())
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - shown in the panel; details behind the button
            if self.tasks.alive:
                message = self.tr("The run could not go on: {e}").format(e=exc)
                self.banner.show_error(message, getattr(exc, "details", ""))
        finally:
            self.running_id = None
            self.run_task = None
        if self.tasks.alive:
            await self.reload(select=run_id)

    def _on_progress(self, p: BatchProgress) -> None:
        if not self.tasks.alive:
            return
        self.show_progress(p)
        if not self._reload_pending:
            self._reload_pending = True
            self.tasks.spawn(self._reload_results_soon())

    async def _reload_results_soon(self) -> None:
        await asyncio.sleep(RELOAD_DELAY)
        self._reload_pending = False
        if self.tasks.alive and self.run is not None and self.run.id == self.running_id:
            await self.show_run(self.run.id)

    def stop(self) -> None:
        """Stop the running run; what was answered is kept (Stop button)."""
        task = self.run_task
        if task is not None and not task.done():
            task.cancel()
            self.tasks.spawn(self._after_stop(task, self.running_id))

    async def _after_stop(self, task: asyncio.Task[Any], run_id: int | None) -> None:
        await asyncio.wait([task])
        self.running_id = None
        self.run_task = None
        if self.tasks.alive:
            await self.reload(select=run_id if run_id and run_id > 0 else None)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.tasks.alive and self.ctx.project is not None and self.running_id is None:
            self.tasks.spawn(self.reload())

    def shutdown(self) -> None:
        """Cancel the panel's work (its view is closing); a running run is stopped, nothing is lost."""
        self.tasks.cancel_all()  # the setup and judgement widgets share this scope

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        self.shutdown()
        super().closeEvent(event)
