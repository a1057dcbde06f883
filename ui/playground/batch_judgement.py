"""The "Human judgement" part of the batch runs panel: send a run's A-vs-B pairs to the annotator's
queue, and the win-rate line once judgements exist ("Model A beats Model B in 62% of judged
comparisons (95% CI 48–75%, 40 judged, 5 ties)")."""

from __future__ import annotations

import sqlite_utils
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.formats.winrate import WinRate
from app.services import batch_runs
from app.store import annotation_repo, batch_repo
from app.store.batch_repo import RunInfo
from ui.app_context import AppContext
from ui.tasks import TaskScope


def _last_sent_pair(db: sqlite_utils.Database, info: RunInfo) -> tuple[int, int]:
    """The targets of the run's newest comparison in its queue (A first), else the first two."""
    labels = [t.label for t in info.targets]
    if info.queue_id is not None:
        source = batch_runs.source_of(info.id)
        for comparison_id in reversed(annotation_repo.queue_items(db, info.queue_id)):
            comparison = annotation_repo.comparison(db, comparison_id)
            if comparison is not None and comparison.source == source:
                found = [labels.index(c.model) for c in sorted(comparison.candidates, key=lambda c: c.slot)
                         if c.model in labels]
                if len(found) >= 2 and found[0] != found[1]:
                    return found[0], found[1]
                break
    return 0, 1


def read_judgement(
    db: sqlite_utils.Database, run_id: int, a: int | None, b: int | None
) -> tuple[RunInfo, WinRate | None, tuple[int, int]]:
    """The run, the win-rate of target ``a`` over ``b`` (default: the pair last sent) and that pair."""
    info = batch_repo.run_info(db, run_id)
    if a is None or b is None or a == b or max(a, b) >= len(info.targets):
        a, b = _last_sent_pair(db, info)
    rate = batch_runs.run_win_rate(db, run_id, a, b) if len(info.targets) >= 2 else None
    return info, rate, (a, b)


class BatchJudgementWidget(QGroupBox):
    """Send a run to the annotator and show the win-rate of one of its models over another."""

    sent = Signal(str)  # "Sent 40 comparisons to the queue “…”."

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, tasks: TaskScope | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Human judgement"))
        self.ctx = ctx
        # The panel passes its own scope, so cancelling the panel's tasks stops this widget's too.
        self.tasks = tasks or TaskScope("batch-judgement", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.destroyed.connect(self.tasks.cancel_all)
        self.run: RunInfo | None = None
        self.win_rate: WinRate | None = None
        self.sent_text = ""
        self.busy = False  # a run is going: its pairs are not all there yet
        row = QHBoxLayout()
        self.a_combo = QComboBox()
        self.a_combo.setAccessibleName(self.tr("Model A"))
        self.b_combo = QComboBox()
        self.b_combo.setAccessibleName(self.tr("Model B"))
        self.queue_edit = QLineEdit()
        self.queue_edit.setAccessibleName(self.tr("Annotator queue"))
        self.queue_edit.setToolTip(self.tr("The queue the annotator judges the pairs in (a new name makes a new one)."))
        self.send_button = QPushButton(self.tr("Send to &annotator"))
        self.send_button.setToolTip(self.tr(
            "Add every example answered by both models as a comparison; the annotator sees the two answers "
            "in random order, without the model names."))
        self.send_button.clicked.connect(self.send)
        compare = QLabel(self.tr("&Compare"))
        compare.setBuddy(self.a_combo)
        queue = QLabel(self.tr("in the &queue"))
        queue.setBuddy(self.queue_edit)
        for w in (compare, self.a_combo, QLabel(self.tr("with")), self.b_combo, queue):
            row.addWidget(w)
        row.addWidget(self.queue_edit, 1)
        row.addWidget(self.send_button)
        line = QHBoxLayout()
        self.win_label = QLabel()
        self.win_label.setWordWrap(True)
        self.win_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.refresh_button.setToolTip(self.tr("Read the latest judgements"))
        self.refresh_button.clicked.connect(self._refresh_later)
        line.addWidget(self.win_label, 1)
        line.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addLayout(line)
        for combo in (self.a_combo, self.b_combo):  # the win-rate line follows the pair chosen
            combo.currentIndexChanged.connect(self._refresh_later)
        self._update_buttons()

    def _refresh_later(self, *_args: object) -> None:
        if self.tasks.alive and self.run is not None:
            self.tasks.spawn(self.refresh(self.run.id))

    def set_busy(self, busy: bool) -> None:
        """Disable sending while the run goes."""
        self.busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.send_button.setEnabled(self.run is not None and len(self.run.targets) >= 2 and not self.busy)
        self.refresh_button.setEnabled(self.run is not None)

    async def refresh(self, run_id: int | None) -> None:
        """Show ``run_id`` (None: nothing) with its latest judgements."""
        project = self.ctx.project
        if project is None or run_id is None:
            self.run = None
            self.win_label.setText("")
            self._update_buttons()
            return
        same = self.run is not None and self.run.id == run_id
        pair = (self.a_combo.currentData(), self.b_combo.currentData()) if same else (None, None)
        info, rate, pair = await project.db.read(read_judgement, run_id, *pair)
        if not self.tasks.alive:
            return
        self.run, self.win_rate = info, rate
        if not same or self.a_combo.count() != len(info.targets):
            for combo, index in ((self.a_combo, pair[0]), (self.b_combo, pair[1])):
                combo.blockSignals(True)
                combo.clear()
                for i, t in enumerate(info.targets):
                    combo.addItem(t.label, i)
                combo.setCurrentIndex(max(0, combo.findData(index)))
                combo.blockSignals(False)
            self.queue_edit.setText(self.tr("Batch run: {name}").format(name=info.name))
        self.win_label.setText(self.win_rate_text())
        self._update_buttons()

    def win_rate_text(self) -> str:
        """The win-rate line of the pair chosen, or what to do to get one."""
        run, rate = self.run, self.win_rate
        if run is None:
            return ""
        if run.queue_id is None:
            return self.tr("Send the run to the annotator to learn which model people prefer.")
        if rate is None or rate.rate is None or rate.low is None or rate.high is None:
            return self.tr("No judgements yet.")
        return self.tr("{a} beats {b} in {rate}% of judged comparisons (95% CI {low}–{high}%; judged: {n}, "
                       "ties: {ties})").format(
            a=self.a_combo.currentText(), b=self.b_combo.currentText(), rate=round(rate.rate * 100),
            low=round(rate.low * 100), high=round(rate.high * 100), n=rate.n, ties=rate.ties)

    def send(self) -> None:
        """Send the run's A-vs-B pairs to the annotator's queue (button)."""
        if self.run is None:
            return
        a, b, name = self.a_combo.currentData(), self.b_combo.currentData(), self.queue_edit.text().strip()
        if a is None or b is None or a == b:
            self.win_label.setText(self.tr("⚠ Choose two different models to compare."))
            return
        if not name:
            self.win_label.setText(self.tr("⚠ Type the name of the queue the annotator should judge the pairs in."))
            return
        self.send_button.setEnabled(False)
        self.tasks.spawn(self._send(self.run.id, a, b, name))

    async def _send(self, run_id: int, a: int, b: int, name: str) -> None:
        project = self.ctx.project
        if project is None:
            return
        try:
            _queue_id, added = await project.db.write(batch_runs.send_run_to_queue, run_id, a, b, name)
        except Exception as exc:  # noqa: BLE001 - a plain ValueError message; anything else to the banner too
            if self.tasks.alive:
                self.win_label.setText(self.tr("⚠ The pairs could not be sent: {e}").format(e=exc))
                self._update_buttons()
            if not isinstance(exc, ValueError):
                self.ctx.report_error(self.tr("The pairs could not be sent to the annotator."), exc)
            return
        if not self.tasks.alive:
            return
        self.sent_text = self.tr("Sent %Ln comparison(s) to the queue “{name}”.", None, added).format(name=name)
        self.sent.emit(self.sent_text)
        await self.refresh(run_id)
        if self.tasks.alive:
            self.win_label.setText(self.sent_text + " " + self.win_label.text())
