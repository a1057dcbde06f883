"""Reward preview: the grader over the answers a model gave in a Playground batch run, as a small
histogram, with a warning when every answer gets the same score (nothing to learn from)."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from app.graders.preview import RewardSpread
from app.services.provider_errors import ProviderError
from app.services.reward_preview import preview_rewards
from app.store import batch_repo
from app.store.batch_repo import RunInfo
from ui.app_context import NotConnected
from ui.graders.reward_chart import RewardHistogram
from ui.graders.words import Graders
from ui.locale_format import number, significant
from ui.tasks import TaskScope


def format_score(value: float) -> str:
    """A score with at most three decimals and no trailing zeros (1, 0.5, 0.833)."""
    rounded = round(value, 3)
    return number(0) if rounded == 0 else significant(rounded, 15)


def spread_text(spread: RewardSpread, rows: list[tuple[int, float | None, str]]) -> str:
    """The preview's outcome in words: how many answers, their average and range, what failed."""
    lines = []
    if spread.count:
        lines.append(Graders.tr("%Ln answer(s) scored · average {mean} · lowest {low} · highest {high}", None,
                                spread.count).format(
            mean=format_score(spread.mean or 0.0), low=format_score(spread.minimum or 0.0),
            high=format_score(spread.maximum or 0.0)))
    if spread.flat:
        lines.append(Graders.tr("⚠ Warning: {message}").format(message=spread.message))
    elif spread.message:
        lines.append(spread.message)
    unscored = [note for _id, score, note in rows if score is None]
    if unscored:
        lines.append(Graders.tr("ℹ %Ln answer(s) could not be scored: {why}", None, len(unscored)).format(
            why=unscored[0]))
    if not rows:
        lines.append(Graders.tr("This model has no answers in the run yet."))
    return "\n".join(lines)


class RewardPreviewBox(QGroupBox):
    """Choose a batch run and one of its models, then score up to N of its answers with the grader."""

    finished = Signal()  # a preview ended (shown, failed or stopped)

    def __init__(self, ctx: Any, scope: TaskScope, parent: Any = None) -> None:
        super().__init__(Graders.tr("Reward preview"), parent)
        self.ctx, self.scope = ctx, scope
        self.grader: dict[str, Any] = {}
        self.runs: list[RunInfo] = []
        self.task: asyncio.Task | None = None
        self.last: tuple[RewardSpread, list] | None = None
        self.about = QLabel(Graders.tr("Score many answers of a Playground batch run at once: a good grader tells good "
                               "answers from bad ones."))
        self.about.setWordWrap(True)
        self.run_box = QComboBox()
        self.run_box.setAccessibleName(Graders.tr("Batch run"))
        self.run_box.setToolTip(Graders.tr("A Playground batch run of this dataset: its answers are scored"))
        self.target_box = QComboBox()
        self.target_box.setAccessibleName(Graders.tr("Model of the batch run"))
        self.count = QSpinBox()
        self.count.setRange(1, 1000)
        self.count.setValue(50)
        self.count.setSuffix(Graders.tr(" answers"))
        self.count.setToolTip(Graders.tr("How many answers to score; model and Python graders make one paid call each"))
        self.start_button = QPushButton(Graders.tr("Pre&view rewards"))
        self.start_button.setAutoDefault(False)
        self.start_button.setToolTip(Graders.tr("Score the answers here when the app can, else on the connection"))
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(Graders.tr("Stop"))
        self.stop_button.setAutoDefault(False)
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.histogram = RewardHistogram()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(Graders.tr("&Batch run:"), self.run_box)
        form.addRow(Graders.tr("Mo&del:"), self.target_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.about)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        lay.addWidget(self.histogram)
        lay.addWidget(self.summary)
        self.run_box.currentIndexChanged.connect(self._run_chosen)
        self._update_buttons()

    # --- the runs ------------------------------------------------------------------------------
    async def load_runs(self, dataset_id: int | None) -> None:
        """List the batch runs of ``dataset_id`` (every run when None)."""
        if self.ctx is None or self.ctx.project is None:
            return
        runs = await self.ctx.project.db.read(batch_repo.list_runs)
        if not self.scope.alive:
            return
        self.runs = [r for r in runs if dataset_id is None or r.dataset_id == dataset_id]
        self.run_box.blockSignals(True)
        self.run_box.clear()
        for r in self.runs:
            self.run_box.addItem(Graders.tr("{name} (%Ln answer(s))", None, r.done).format(name=r.name), r.id)
        self.run_box.blockSignals(False)
        if not self.runs:
            self.status.setText(Graders.tr("ℹ No batch runs of this dataset yet: run it through one or more models in "
                                   "the Playground's batch panel, then come back."))
        else:
            self.status.clear()
        self._run_chosen()

    def _run_chosen(self, *_args: object) -> None:
        self.target_box.clear()
        info = next((r for r in self.runs if r.id == self.run_box.currentData()), None)
        for i, target in enumerate(info.targets if info else []):
            self.target_box.addItem(f"{target.label} ({target.model})" if target.label != target.model
                                    else target.model, i)
        self._update_buttons()

    def run_id(self) -> int | None:
        """The chosen batch run."""
        value = self.run_box.currentData()
        return int(value) if value is not None else None

    def target(self) -> int | None:
        """The chosen model of the run (its index)."""
        value = self.target_box.currentData()
        return int(value) if value is not None else None

    def _update_buttons(self) -> None:
        running = self.task is not None and not self.task.done()
        self.start_button.setEnabled(not running and self.run_id() is not None and self.target() is not None)
        self.stop_button.setEnabled(running)

    # --- the preview ----------------------------------------------------------------------------
    def start(self) -> None:
        """Score the chosen answers with the current grader."""
        if self.run_id() is None or self.target() is None or (self.task and not self.task.done()):
            return
        self.task = self.scope.spawn(self._preview(self.run_id(), self.target(), self.count.value()))
        self._update_buttons()

    def stop(self) -> None:
        """Stop a running preview."""
        if self.task is not None and not self.task.done():
            self.task.cancel()

    def _progress(self, done: int, total: int) -> None:
        if self.scope.alive:
            self.status.setText(Graders.tr("… Scoring answers: {done} of {total}").format(done=done, total=total))

    async def _preview(self, run_id: int, target: int, limit: int) -> None:
        self.status.setText(Graders.tr("… Reading the answers…"))
        self.summary.clear()
        try:
            try:
                client, profile = await self.ctx.client_for()
            except NotConnected:
                client = profile = None  # local scoring still works; the rest is noted per answer
            result = await preview_rewards(self.ctx.project, self.grader, run_id, target, limit=limit,
                                           client=client, profile=profile, on_progress=self._progress)
        except asyncio.CancelledError:
            if self.scope.alive:
                self.status.setText(Graders.tr("Stopped."))
                self._done()
            raise
        except (ProviderError, LookupError, ValueError) as exc:
            if self.scope.alive:
                self.status.setText(Graders.tr("✖ {message}").format(message=str(exc)))
                self._done()
            return
        if not self.scope.alive:
            return
        spread, rows = self.last = result
        self.status.clear()
        self.histogram.set_counts(spread.histogram)
        self.summary.setText(spread_text(spread, rows))
        self._done()

    def _done(self) -> None:
        self.task = None
        self._update_buttons()
        self.finished.emit()
