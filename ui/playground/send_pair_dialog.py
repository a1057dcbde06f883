"""Send two Playground answers as a pair: to the annotator's queue for a blind judgement, or, when the
user already knows the better one, straight into a DPO dataset as a preference example.

The models behind the answers are stored with the comparison but never shown here (the labels the
caller passes are the blind ones in blind mode) nor to the annotator.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.formats.model import Finding, Kind, Severity
from app.services import playground_data
from app.store import annotation_repo, datasets_repo
from app.store.annotation_repo import CandidateIn
from ui.app_context import AppContext
from ui.locale_format import number
from ui.playground.save_example_dialog import DatasetChooser
from ui.tasks import TaskScope

DEFAULT_QUEUE = "Playground comparisons"


def send_pair_to_queue(
    db: sqlite_utils.Database, name: str, messages: list[dict], candidates: list[CandidateIn]
) -> tuple[int, int, int]:
    """Add the comparison (creating the queue when new); returns (queue id, comparison id, items in it)."""
    queue_id, comparison_id = playground_data.send_to_queue(db, name, messages, candidates)
    items = next((q.items for q in annotation_repo.list_queues(db) if q.id == queue_id), 0)
    return queue_id, comparison_id, items


def create_and_save_dpo(
    db: sqlite_utils.Database, dataset_id: int | None, new_name: str, messages: list[dict], preferred: str,
    non_preferred: str,
) -> tuple[int, int, list[Finding]]:
    """Create the DPO dataset when ``dataset_id`` is None, then add the preference example."""
    if dataset_id is None:
        dataset_id = datasets_repo.create_dataset(db, new_name, Kind.DPO, source="playground")
    example_id, findings = playground_data.save_dpo_example(db, dataset_id, messages, preferred, non_preferred)
    return dataset_id, example_id, findings


def _read_choices(db: sqlite_utils.Database) -> tuple[list, list]:
    return annotation_repo.list_queues(db), datasets_repo.list_datasets(db)


class SendPairDialog(QDialog):
    """Choose two answers and where they go; emits ``sent`` with a sentence saying where."""

    sent = Signal(str)
    last_queue: str = DEFAULT_QUEUE  # the queue chosen last time (this session)

    def __init__(
        self, ctx: AppContext, messages: list[dict], answers: list[tuple[str, str, str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.messages = [dict(m) for m in messages]
        self.answers = list(answers)
        self.setWindowTitle(self.tr("Send a pair of answers"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.tasks = TaskScope("send-pair", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.destroyed.connect(self.tasks.cancel_all)
        self.ready = False
        self.result_text = ""
        self._build()
        self.tasks.spawn(self._load())

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        pair_form = QFormLayout()
        self.first_combo = QComboBox()
        self.second_combo = QComboBox()
        for combo in (self.first_combo, self.second_combo):
            for i, (label, *_rest) in enumerate(self.answers):
                combo.addItem(label, i)
        self.second_combo.setCurrentIndex(min(1, len(self.answers) - 1))
        if len(self.answers) > 2:
            pair_form.addRow(self.tr("&First answer:"), self.first_combo)
            pair_form.addRow(self.tr("&Second answer:"), self.second_combo)
        else:
            self.first_combo.hide()
            self.second_combo.hide()
            names = " · ".join(a[0] for a in self.answers)
            pair_form.addRow(self.tr("Answers:"), QLabel(names))
        lay.addLayout(pair_form)

        self.destination = QButtonGroup(self)
        self.to_queue = QRadioButton(self.tr("Ask the &annotator which answer is better"))
        self.to_dpo = QRadioButton(self.tr("Add to a &DPO dataset — I already know the better answer"))
        self.destination.addButton(self.to_queue)
        self.destination.addButton(self.to_dpo)
        self.to_queue.setChecked(True)

        self.queue_part = QWidget()
        queue_form = QFormLayout(self.queue_part)
        queue_form.setContentsMargins(24, 0, 0, 8)
        self.queue_combo = QComboBox()
        self.queue_combo.setEditable(True)
        self.queue_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.queue_combo.setAccessibleName(self.tr("Annotator queue"))
        self.queue_combo.setToolTip(self.tr("Pick a queue or type the name of a new one."))
        self.queue_combo.setEditText(self.last_queue)
        queue_form.addRow(self.tr("&Queue:"), self.queue_combo)
        hint = QLabel(self.tr("The annotator sees both answers side by side in random order, without the model "
                              "names, so the judgement is blind."))
        hint.setWordWrap(True)
        queue_form.addRow(hint)

        self.dpo_part = QWidget()
        dpo_form = QFormLayout(self.dpo_part)
        dpo_form.setContentsMargins(24, 0, 0, 8)
        self.better_group = QButtonGroup(self)
        self.better_buttons = [QRadioButton(), QRadioButton()]
        better_row = QHBoxLayout()
        for i, b in enumerate(self.better_buttons):
            self.better_group.addButton(b, i)
            better_row.addWidget(b)
        better_row.addStretch(1)
        dpo_form.addRow(self.tr("Better answer:"), better_row)
        self.chooser = DatasetChooser(Kind.DPO)
        dpo_form.addRow(self.tr("D&PO dataset:"), self.chooser)

        lay.addWidget(self.to_queue)
        lay.addWidget(self.queue_part)
        lay.addWidget(self.to_dpo)
        lay.addWidget(self.dpo_part)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.send_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.send_button.setText(self.tr("&Send"))
        self.send_button.setDefault(True)
        self.send_button.setEnabled(False)
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.to_queue.toggled.connect(self._update_destination)
        self.first_combo.currentIndexChanged.connect(self._update_pair)
        self.second_combo.currentIndexChanged.connect(self._update_pair)
        self._update_pair()
        self._update_destination()
        # Tab follows what is seen: each destination's fields come right after its choice.
        chain = [self.first_combo, self.second_combo, self.to_queue, self.queue_combo, self.to_dpo,
                 *self.better_buttons, self.chooser.combo, self.chooser.name_edit, self.send_button]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.resize(560, 420)

    def _update_pair(self) -> None:
        first, second = self.pair()
        for button, index in zip(self.better_buttons, (first, second), strict=True):
            button.setText(self.answers[index][0] if 0 <= index < len(self.answers) else "")
        # The choice of the better answer belongs to a pair: a new pair asks again.
        self.better_group.setExclusive(False)
        for b in self.better_buttons:
            b.setChecked(False)
        self.better_group.setExclusive(True)

    def _update_destination(self) -> None:
        queue = self.to_queue.isChecked()
        self.queue_part.setEnabled(queue)
        self.dpo_part.setEnabled(not queue)

    async def _load(self) -> None:
        project = self.ctx.project
        if project is None:
            self._show_message(self.tr("No project is open, so there is nowhere to send the answers."))
            return
        queues, datasets = await project.db.read(_read_choices)
        if not self.tasks.alive:
            return
        text = self.queue_combo.currentText()
        for q in queues:
            self.queue_combo.addItem(q.name)
        self.queue_combo.setEditText(text)
        self.chooser.set_datasets(datasets)
        self.ready = True
        self.send_button.setEnabled(len(self.answers) >= 2)
        if len(self.answers) < 2:
            self._show_message(self.tr("A pair needs two answers; this conversation has fewer."))

    # --- sending --------------------------------------------------------------------------
    def pair(self) -> tuple[int, int]:
        """The indexes (into ``answers``) of the two chosen answers."""
        return int(self.first_combo.currentData() or 0), int(self.second_combo.currentData() or 0)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def problem(self) -> str | None:
        """What stops the sending, in plain words, or None."""
        first, second = self.pair()
        if first == second:
            return self.tr("Choose two different answers.")
        for i in (first, second):
            if not self.answers[i][1].strip():
                return self.tr("“{label}” is empty; there is nothing to compare.").format(label=self.answers[i][0])
        if self.to_queue.isChecked():
            if not self.queue_combo.currentText().strip():
                return self.tr("Type the name of the queue the annotator should judge the pair in.")
            return None
        if self.better_group.checkedId() < 0:
            return self.tr("Choose which answer is better.")
        return self.chooser.problem()

    def send(self) -> None:
        """Check the input, then store the pair in the background (Send button, Enter)."""
        if not self.ready or not self.send_button.isEnabled():
            return
        problem = self.problem()
        if problem:
            self._show_message(problem)
            return
        self._show_message("")
        self.send_button.setEnabled(False)
        first, second = self.pair()
        if self.to_queue.isChecked():
            self.tasks.spawn(self._to_queue(self.queue_combo.currentText().strip(), [first, second]))
        else:
            better = (first, second)[self.better_group.checkedId()]
            other = second if better == first else first
            self.tasks.spawn(self._to_dpo(better, other))

    async def _to_queue(self, name: str, indexes: list[int]) -> None:
        candidates = [
            CandidateIn(content={"role": "assistant", "content": self.answers[i][1]}, model=self.answers[i][2],
                        profile_id=self.answers[i][3])
            for i in indexes
        ]
        result = await self._write(send_pair_to_queue, name, self.messages, candidates)
        if result is None:
            return
        SendPairDialog.last_queue = name
        items = result[2]
        if items == 1:
            text = self.tr("Sent to the queue “{name}” (1 comparison in it).").format(name=name)
        else:
            text = self.tr("Sent to the queue “{name}” ({n} comparisons in it).").format(name=name, n=number(items))
        self._done(text)

    async def _to_dpo(self, better: int, other: int) -> None:
        name = self.chooser.display_name()
        result = await self._write(create_and_save_dpo, self.chooser.dataset_id(), self.chooser.new_name(),
                                   self.messages, self.answers[better][1], self.answers[other][1])
        if result is None:
            return
        text = self.tr("Added to the DPO dataset “{name}”.").format(name=name)
        errors = sum(f.severity is Severity.ERROR for f in result[2])
        if errors:
            text += " " + self.tr("It has %Ln problem(s) to fix in the Datasets view before training.", None, errors)
        self._done(text)

    async def _write(self, fn: Any, *args: Any) -> Any:
        project = self.ctx.project
        if project is None:
            return None
        try:
            return await project.db.write(fn, *args)
        except Exception as exc:  # noqa: BLE001 - told in the dialog; details in the banner
            if self.tasks.alive:
                self._show_message(self.tr("The pair could not be stored: {e}").format(e=exc))
                self.send_button.setEnabled(True)
            self.ctx.report_error(self.tr("The pair of answers could not be stored."), exc)
            return None

    def _done(self, text: str) -> None:
        self.result_text = text
        self.sent.emit(text)
        if self.tasks.alive:
            self.accept()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        self.tasks.cancel_all()
        super().closeEvent(event)
