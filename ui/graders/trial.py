"""Try a grader before training: on one example of the dataset and a typed (or batch-run) answer,
here and offline when the app can compute the score, or on the connection's grader endpoints (the only
way to try model and Python graders); and over many answers with the reward preview."""

from __future__ import annotations

import copy
import json
from typing import Any

import sqlite_utils
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.graders.local import LocalScore, score_locally
from app.runtime.threads import run_blocking
from app.services.graders_api import RemoteRun, run_remote, validate_remote
from app.services.provider_errors import ProviderError
from ui.app_context import NotConnected
from ui.graders.preview_panel import RewardPreviewBox, format_score
from ui.graders.words import Graders
from ui.locale_format import decimal, number
from ui.tasks import TaskScope
from ui.widgets.labels import selectable_label

PREVIEW_CHARS = 240


def example_at(db: sqlite_utils.Database, dataset_id: int, index: int) -> tuple[int, int | None, Any]:
    """(examples in the dataset, the id and parsed data of the example at 0-based ``index``)."""
    count = db.conn.execute("SELECT COUNT(*) FROM examples WHERE dataset_id = ?", (dataset_id,)).fetchone()[0]
    row = db.conn.execute("SELECT id, data FROM examples WHERE dataset_id = ? ORDER BY position LIMIT 1 OFFSET ?",
                          (dataset_id, max(0, index))).fetchone()
    return (count, None, None) if row is None else (count, row[0], json.loads(row[1]))


def run_answer(db: sqlite_utils.Database, run_id: int, target: int, example_id: int) -> str | None:
    """The answer one model of a batch run gave to one example, if it has one."""
    row = db.conn.execute(
        "SELECT output FROM batch_results WHERE run_id = ? AND target = ? AND example_id = ? AND output IS NOT NULL",
        (run_id, target, example_id)).fetchone()
    return row[0] if row else None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


def example_summary(obj: Any) -> str:
    """The example as the grader sees it: the last question, then each field the grader may read."""
    if not isinstance(obj, dict):
        return Graders.tr("This example is not a JSON object.")
    lines = []
    users = [m for m in obj.get("messages", []) if isinstance(m, dict) and m.get("role") == "user"]
    if users:
        content = users[-1].get("content")
        lines.append(Graders.tr("Question: {text}").format(text=_short(content if isinstance(content, str)
                                                                else json.dumps(content, ensure_ascii=False))))
    for key, value in obj.items():
        if key not in ("messages", "tools", "parallel_tool_calls"):
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            lines.append(f"item.{key}: {_short(shown)}")
    if len(lines) <= 1:
        lines.append(Graders.tr("(no fields besides the conversation: {{item.…}} placeholders will be empty)"))
    return "\n".join(lines)


class GraderTrialPanel(QWidget):
    """Pick an example, type an answer, and score it here or on the connection."""

    scored = Signal()  # a result (or the reason there is none) is shown

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scope = TaskScope("grader trial", ctx.report_error if ctx is not None else None)
        self.grader: dict[str, Any] = {}
        self.dataset_id: int | None = None
        self.example_id: int | None = None
        self.item: dict[str, Any] = {}
        self.last_local: LocalScore | None = None
        self.last_remote: RemoteRun | None = None
        self.busy = False
        title = QLabel(Graders.tr("Try the grader"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.index = QSpinBox()
        self.index.setRange(1, 1)
        self.index.setAccessibleName(Graders.tr("Example number"))
        self.index.setToolTip(Graders.tr("Which example of the dataset to grade, numbered as in the Datasets view"))
        self.of_label = QLabel()
        self.example_text = QPlainTextEdit()
        self.example_text.setReadOnly(True)
        self.example_text.setAccessibleName(Graders.tr("The example the grader reads"))
        self.example_text.setFixedHeight(80)
        self.example_text.setTabChangesFocus(True)
        self.answer = QPlainTextEdit()
        self.answer.setPlaceholderText(Graders.tr("Type or paste an answer the model might give…"))
        self.answer.setAccessibleName(Graders.tr("Answer to grade"))
        self.answer.setTabChangesFocus(True)
        self.answer.setFixedHeight(72)
        self.use_run_answer = QPushButton(Graders.tr("Use the batch run's answer"))
        self.use_run_answer.setAutoDefault(False)
        self.use_run_answer.setToolTip(Graders.tr("Fill in the answer the model chosen below gave to this example"))
        self.use_run_answer.clicked.connect(lambda: self.scope.spawn(self._fill_run_answer()))
        self.score_button = QPushButton(Graders.tr("S&core here"))
        self.score_button.setAutoDefault(False)
        self.score_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.score_button.setToolTip(Graders.tr("Compute the score on this computer, offline (Ctrl+Return). Works "
                                                "for text comparisons, most similarity measures and combinations of "
                                                "them."))
        self.score_button.clicked.connect(self.score_here)
        self.remote_button = QPushButton()
        self.remote_button.setAutoDefault(False)
        self.remote_button.setToolTip(Graders.tr("Check and run the grader on the provider: the only way to try "
                                                 "model and Python graders. A model grader uses a few tokens."))
        self.remote_button.clicked.connect(self.try_remote)
        self.result_title = selectable_label(wrap=True)
        big = self.result_title.font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.2)
        self.result_title.setFont(big)
        self.result_text = selectable_label()
        self.preview = RewardPreviewBox(ctx, self.scope)
        example_row = QHBoxLayout()
        label = QLabel(Graders.tr("Exampl&e:"))
        label.setBuddy(self.index)
        example_row.addWidget(label)
        example_row.addWidget(self.index)
        example_row.addWidget(self.of_label, 1)
        answer_label = QLabel(Graders.tr("Ans&wer:"))
        answer_label.setBuddy(self.answer)
        answer_row = QHBoxLayout()
        answer_row.addWidget(answer_label, 1)
        answer_row.addWidget(self.use_run_answer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.score_button)
        buttons.addWidget(self.remote_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addLayout(example_row)
        lay.addWidget(self.example_text)
        lay.addLayout(answer_row)
        lay.addWidget(self.answer)
        lay.addLayout(buttons)
        lay.addWidget(self.result_title)
        lay.addWidget(self.result_text)
        lay.addWidget(self.preview)
        lay.addStretch(1)
        self.index.valueChanged.connect(lambda _v: self._load_example())
        self.preview.target_box.currentIndexChanged.connect(lambda _i: self._update_buttons())
        if ctx is not None:
            ctx.settings_changed.connect(self._update_buttons)
        self.set_dataset(None)

    # --- inputs ----------------------------------------------------------------------------------
    def set_grader(self, grader: dict[str, Any]) -> None:
        """The grader to try (the editor's current one)."""
        self.grader = copy.deepcopy(grader)
        self.preview.grader = self.grader

    def set_dataset(self, dataset_id: int | None) -> None:
        """Take the examples (and batch runs) of ``dataset_id``; None tries an example with no fields."""
        self.dataset_id = dataset_id
        self.example_id, self.item = None, {}
        self.index.blockSignals(True)
        self.index.setRange(1, 1)
        self.index.setValue(1)
        self.index.blockSignals(False)
        self.index.setEnabled(dataset_id is not None)
        if dataset_id is None:
            self.of_label.setText(Graders.tr("no dataset chosen"))
            self.example_text.setPlainText(Graders.tr("Choose a dataset above: the grader then reads its examples. "
                                                      "Without one, {{item.…}} placeholders are empty."))
        if self.ctx is not None and self.ctx.project is not None:
            if dataset_id is not None:
                self._load_example()
            self.scope.spawn(self.preview.load_runs(dataset_id))
        self._update_buttons()

    def _load_example(self) -> None:
        if self.dataset_id is not None and self.scope.alive:
            self.scope.spawn(self._read_example(self.dataset_id, self.index.value() - 1))

    async def _read_example(self, dataset_id: int, index: int) -> None:
        count, example_id, obj = await self.ctx.project.db.read(example_at, dataset_id, index)
        if not self.scope.alive or dataset_id != self.dataset_id or index != self.index.value() - 1:
            return
        self.index.blockSignals(True)
        self.index.setRange(1, max(1, count))
        self.index.blockSignals(False)
        self.of_label.setText(Graders.tr("of {n}").format(n=number(count)))
        self.example_id = example_id
        self.item = obj if isinstance(obj, dict) else {}
        self.example_text.setPlainText(example_summary(obj) if example_id is not None
                                       else Graders.tr("This dataset has no examples yet."))
        self._update_buttons()

    async def _fill_run_answer(self) -> None:
        run, target, example = self.preview.run_id(), self.preview.target(), self.example_id
        if run is None or target is None or example is None:
            return
        text = await self.ctx.project.db.read(run_answer, run, target, example)
        if not self.scope.alive:
            return
        if text is None:
            self._show(Graders.tr("ℹ No answer"),
                       Graders.tr("That model has no answer to this example in the batch run."))
        else:
            self.answer.setPlainText(text)

    def _update_buttons(self) -> None:
        profile = self.ctx.active_profile() if self.ctx is not None else None
        self.remote_button.setText(Graders.tr("Try &on “{name}”").format(name=profile.name.replace("&",
                                                                                                   "&&")) if profile
                                   else Graders.tr("Try &on a connection"))
        self.score_button.setEnabled(not self.busy)
        self.remote_button.setEnabled(not self.busy)
        self.use_run_answer.setEnabled(self.example_id is not None and self.preview.target() is not None)

    def _show(self, title: str, text: str = "") -> None:
        self.result_title.setText(title)
        self.result_text.setText(text)
        self.result_text.setVisible(bool(text))
        self.scored.emit()

    # --- scoring here ----------------------------------------------------------------------------
    def score_here(self) -> None:
        """Score the answer on this computer."""
        if not self.busy:
            self.scope.spawn(self._score_here())

    async def _score_here(self) -> None:
        # The first similarity score may import nltk (a second or more): never on the GUI thread.
        grader, item, answer = self.grader, self.item, self.answer.toPlainText()
        try:
            score = await run_blocking(score_locally, grader, item, answer)
        except Exception as exc:  # noqa: BLE001 - a broken grader is shown, not raised
            if self.scope.alive:
                self._show(Graders.tr("✖ Could not score here"),
                           Graders.tr("The grader could not be computed: {error}. Look at the "
                                                             "checks under the editor.").format(error=exc))
            return
        if not self.scope.alive:
            return
        self.last_local = score
        if score.score is None:
            self._show(Graders.tr("ℹ Not computed here"),
                       Graders.tr("{note} Use “Try on …” to score it on the provider.").format(
                note=score.note.strip()))
            return
        lines = [self._subs_line(score.sub_scores)] if score.sub_scores else []
        if score.note:
            lines.append(score.note)
        self._show(Graders.tr("Score: {score}").format(score=format_score(score.score)), "\n".join(lines))

    @staticmethod
    def _subs_line(subs: dict[str, float]) -> str:
        return Graders.tr("Sub-scores: {list}").format(list=" · ".join(f"{k} {format_score(v)}" for k,
                                                                       v in subs.items()))

    # --- on the connection -----------------------------------------------------------------------
    def try_remote(self) -> None:
        """Check and run the grader on the active connection."""
        if not self.busy:
            self.scope.spawn(self._try_remote())

    async def _try_remote(self) -> None:
        grader, item, answer = self.grader, self.item, self.answer.toPlainText()
        self.busy = True
        self._update_buttons()
        try:
            await self._remote(grader, item, answer)
        finally:
            if self.scope.alive:
                self.busy = False
                self._update_buttons()

    async def _remote(self, grader: dict[str, Any], item: dict[str, Any], answer: str) -> None:
        self._show(Graders.tr("… Checking the grader on the connection…"))
        try:
            client, profile = await self.ctx.client_for()
            check = await validate_remote(client, profile, grader)
            if not self.scope.alive:
                return
            if not check.ok:
                self._show(Graders.tr("✖ Not accepted"), check.message)
                return
            self._show(Graders.tr("… Running the grader on the connection…"), check.message)
            run = await run_remote(client, profile, grader, item, answer)
        except (NotConnected, ProviderError) as exc:
            if self.scope.alive:
                self._show(Graders.tr("✖ Could not try the grader"), str(exc))
            return
        if not self.scope.alive:
            return
        self.last_remote = run
        title = (Graders.tr("Score: {score}").format(score=format_score(run.reward)) if run.reward is not None
                 else Graders.tr("✖ No score came back"))
        lines = [check.message]
        if run.sub_rewards:
            lines.append(self._subs_line(run.sub_rewards))
        lines.extend(Graders.tr("✖ {error}").format(error=e) for e in run.errors)
        facts = []
        if run.execution_time is not None:
            facts.append(Graders.tr("took {s} s").format(s=decimal(run.execution_time, 1)))
        tokens = (run.token_usage or {}).get("total_tokens")
        if isinstance(tokens, int | float) and tokens:
            facts.append(Graders.tr("{n} tokens used by the grading model").format(n=number(int(tokens))))
        if facts:
            lines.append(" · ".join(facts))
        self._show(title, "\n".join(lines))

    def shutdown(self) -> None:
        """Stop every task of the panel (its dialog is closing)."""
        self.scope.cancel_all()
