"""The Jobs view: the project's training jobs and how they are doing.

Left: the jobs the project remembers (shown offline from the cache). Right: the selected job with its
charts, events and checkpoints. While the view is visible, active jobs are polled every
``poll_interval`` seconds; provider trouble doubles the wait (up to ``MAX_BACKOFF``) and is told in
a banner inside the view, never in a modal box.
"""

from __future__ import annotations

import asyncio
from typing import Any

import sqlite_utils
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.models.connection import ConnectionProfile
from app.services import jobs as jobs_service
from app.services.provider_errors import ProviderError
from app.store import job_progress_repo, jobs_repo
from ui.app_context import AppContext, NotConnected
from ui.jobs.detail import JobDetail, JobDetailWidget
from ui.jobs.jobs_model import JobsTableModel
from ui.jobs.launch_wizard import LaunchWizard
from ui.jobs.notify import JobNotifier
from ui.tasks import TaskScope
from ui.widgets.error_banner import ErrorBanner

MAX_BACKOFF = 120.0


def _read_detail(db: sqlite_utils.Database, job_id: str) -> JobDetail | None:
    job = jobs_repo.get_job(db, job_id)
    if job is None:
        return None
    return JobDetail(job, job_progress_repo.events(db, job_id, 300), job_progress_repo.metrics_series(db, job_id),
                     job_progress_repo.checkpoints(db, job_id))


class JobsView(QWidget):
    """Training jobs: list, detail, polling and the cancel/pause/resume actions."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, poll_interval: float = 15.0) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = self.tr("Jobs")
        self.poll_interval = poll_interval
        self.backoff = poll_interval
        self.tasks = TaskScope("jobs", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.job_id: str | None = None
        self.confirm_box: QMessageBox | None = None
        self.wizard: LaunchWizard | None = None
        self.notifier = JobNotifier(self)
        self.polls = 0  # completed poll rounds (tests and diagnostics)
        self._poller: asyncio.Task[Any] | None = None
        self._detail_generation = 0
        self._build()
        ctx.project_changed.connect(self._on_project_changed)
        if ctx.project is not None:
            self._on_project_changed(ctx.project)

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.toolbar = QToolBar(self.tr("Jobs"))
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.setToolTip(self.tr("Fetch the jobs from the provider (F5)"))
        self.refresh_action.triggered.connect(lambda _=False: self.tasks.spawn(self.refresh()))
        self.addAction(self.refresh_action)
        self.toolbar.addAction(self.refresh_action)
        self.new_job_action = QAction(self.tr("&New training job…"), self)
        self.new_job_action.setShortcut(QKeySequence("Ctrl+T"))
        self.new_job_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_job_action.setToolTip(self.tr("Start a training job step by step (Ctrl+T)"))
        self.new_job_action.triggered.connect(lambda _=False: self.open_wizard())
        self.addAction(self.new_job_action)
        self.toolbar.addAction(self.new_job_action)

        self.banner = ErrorBanner()
        self.model = JobsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Training jobs"))
        self.table.setWordWrap(False)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.detail = JobDetailWidget()
        self.detail.prices = self.ctx.price_table  # the user's edited prices, if any
        self.detail.action_requested.connect(self.confirm_action)
        self.detail.playground_requested.connect(self._open_in_playground)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([480, 720])

        self.empty = QWidget()
        text = QLabel(self.tr("No training jobs yet — start one with “New training job…” (Ctrl+T)."))
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setFixedWidth(520)
        text.setMinimumHeight(text.heightForWidth(520))
        self.empty_label = text
        empty_lay = QVBoxLayout(self.empty)
        empty_lay.addStretch(1)
        empty_lay.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_lay.addStretch(2)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.splitter)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.toolbar)
        lay.addWidget(self.banner)
        lay.addWidget(self.stack, 1)

    # --- project and visibility -----------------------------------------------------------
    def _on_project_changed(self, _project: object) -> None:
        self.job_id = None
        self.tasks.spawn(self.reload())
        if self.isVisible():
            self.start_polling()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.start_polling()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        super().hideEvent(event)
        self.stop_polling()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        self.tasks.cancel_all()
        super().closeEvent(event)

    @property
    def polling(self) -> bool:
        """True while the poll loop runs."""
        return self._poller is not None and not self._poller.done()

    def start_polling(self) -> None:
        """Poll the active jobs until hidden (the first round starts at once)."""
        if self.polling or not self.tasks.alive or self.ctx.project is None:
            return
        try:
            self._poller = self.tasks.spawn(self._poll_loop())
        except RuntimeError:  # no event loop yet (the window is being built): the next show starts it
            self._poller = None

    def stop_polling(self) -> None:
        """Stop polling (the view is hidden)."""
        if self._poller is not None:
            self._poller.cancel()
            self._poller = None

    # --- reading the cache ----------------------------------------------------------------
    async def reload(self) -> None:
        """Show the cached jobs, keep the selection, and refresh the open detail."""
        project = self.ctx.project
        if project is None:
            return
        rows = await project.db.read(jobs_repo.list_jobs)
        if not self.tasks.alive:
            return
        keep = self.job_id
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.splitter if rows else self.empty)
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            # The reset cleared the current row, so this fires currentRowChanged and reloads the detail.
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self.job_id = None
            self.detail.show_detail(None)

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.job_id = self.model.rows[current.row()].id if current.isValid() else None
        self.tasks.spawn(self.load_detail())

    async def load_detail(self) -> None:
        """Read the selected job's detail from the cache (a newer request wins)."""
        self._detail_generation += 1
        generation, job_id, project = self._detail_generation, self.job_id, self.ctx.project
        if job_id is None or project is None:
            self.detail.show_detail(None)
            return
        detail = await project.db.read(_read_detail, job_id)
        if self.tasks.alive and generation == self._detail_generation:
            self.detail.show_detail(detail)

    # --- the provider ---------------------------------------------------------------------
    async def _client(self) -> tuple[Any, ConnectionProfile]:
        if self.ctx.active_profile() is None:
            raise NotConnected(self.tr(
                "There is no connection yet, so the jobs cannot be fetched. Add one in Settings → Connections; "
                "the jobs already known are shown meanwhile."
            ))
        return await self.ctx.client_for()

    async def refresh(self) -> None:
        """Fetch the provider's jobs into the cache, then show them (problems go to the banner)."""
        project = self.ctx.project
        if project is None:
            return
        self.refresh_action.setEnabled(False)
        try:
            client, profile = await self._client()
            await jobs_service.recover_pending(project, client, profile)
            await jobs_service.refresh_jobs(project, client, profile)
        except (NotConnected, ProviderError) as exc:
            if self.tasks.alive:
                self.banner.show_error(str(exc), getattr(exc, "details", ""))
            return
        finally:
            if self.tasks.alive:
                self.refresh_action.setEnabled(True)
        if self.tasks.alive:
            self.banner.hide()
            await self.reload()

    async def poll_once(self) -> None:
        """Poll every active job of the active connection once, then show the cache."""
        project = self.ctx.project
        if project is None:
            return
        active = await project.db.read(jobs_repo.active_jobs)
        if not active:
            return
        client, profile = await self._client()
        for job in active:
            if job.profile_id == profile.id:
                after = await jobs_service.poll_job(project, client, profile, job.id)
                if after.status != job.status and after.status in jobs_repo.TERMINAL_STATUSES:
                    self.notifier.notify_job(after)  # it ended: succeeded, failed or cancelled
        if self.tasks.alive:
            await self.reload()

    async def _poll_loop(self) -> None:
        while self.tasks.alive:
            try:
                await self.poll_once()
            except NotConnected:
                pass  # nothing to poll with; Refresh tells the user why
            except ProviderError as exc:
                self.backoff = min(max(self.backoff, self.poll_interval) * 2, MAX_BACKOFF)
                if self.tasks.alive:
                    self.banner.show_error(
                        self.tr("Could not check the running jobs: %1 Trying again in %2 s.")
                        .replace("%1", exc.message).replace("%2", f"{self.backoff:g}"),
                        exc.details,
                    )
                    await self.reload()  # whatever was stored before the failure
            else:
                if self.backoff != self.poll_interval and self.tasks.alive:
                    self.banner.hide()  # the trouble is over
                self.backoff = self.poll_interval
            self.polls += 1
            await asyncio.sleep(self.backoff)

    # --- actions --------------------------------------------------------------------------
    def open_wizard(self) -> LaunchWizard:
        """Show the launch wizard (non-modal; one at a time)."""
        if self.wizard is None or not self.wizard.isVisible():
            self.wizard = LaunchWizard(self.ctx, self)
            self.wizard.launched.connect(self._on_launched)
        self.wizard.show()
        self.wizard.raise_()
        return self.wizard

    def _on_launched(self, job_id: str) -> None:
        self.job_id = job_id
        self.tasks.spawn(self.reload())
        self.start_polling()

    def _open_in_playground(self, model: str) -> None:
        job = self.detail.job
        if job is not None:
            self.ctx.open_in_playground_requested.emit(job.profile_id, model)

    def confirm_action(self, action: str) -> None:
        """Ask (non-modally) before cancelling, pausing or resuming the selected job."""
        job = self.detail.job
        if job is None:
            return
        questions = {
            "cancel": self.tr("Cancel this training job? It stops for good; the training so far is paid for."),
            "pause": self.tr("Pause this training job? You can resume it later."),
            "resume": self.tr("Resume this training job?"),
        }
        box = QMessageBox(QMessageBox.Icon.Question, self.title, questions[action],
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        job_id = job.id

        def answered(button: Any) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes and self.tasks.alive:
                self.tasks.spawn(self.run_action(job_id, action))

        box.buttonClicked.connect(answered)
        self.confirm_box = box
        box.open()

    async def run_action(self, job_id: str, action: str) -> None:
        """Ask the provider to cancel/pause/resume the job and show what it answered."""
        project = self.ctx.project
        if project is None:
            return
        try:
            client, profile = await self._client()
            await jobs_service.job_action(project, client, profile, job_id, action)
        except (NotConnected, ProviderError) as exc:
            if self.tasks.alive:
                self.banner.show_error(str(exc), getattr(exc, "details", ""))
            return
        if self.tasks.alive:
            await self.reload()
            self.start_polling()
