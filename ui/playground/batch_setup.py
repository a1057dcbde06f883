"""The "New run" form of the batch runs panel: dataset, split, the models (labels editable),
concurrency, and what the run will take (calls and, when prices are known, about what it costs)."""

from __future__ import annotations

from dataclasses import replace

import sqlite_utils
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.formats.chat_models import chat_cost
from app.store.batch_repo import BatchTarget
from app.store.datasets_repo import DatasetInfo
from ui.app_context import AppContext
from ui.cost_text import cost_amount
from ui.tasks import TaskScope


def plan_numbers(db: sqlite_utils.Database, dataset_id: int, split: str | None) -> tuple[int, int, int]:
    """(examples, prompt tokens, answer tokens) of a dataset part, from the stored token counts: the
    dataset's own answers stand in for the length of the models' answers."""
    where, args = ("AND split = ?", (split,)) if split else ("", ())
    row = db.conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(tokens - assistant_tokens), 0), COALESCE(SUM(assistant_tokens), 0)"
        f" FROM examples WHERE dataset_id = ? {where}", (dataset_id, *args),
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


class BatchSetupWidget(QGroupBox):
    """Set up a new batch run; the panel reads ``chosen_targets()`` etc. when Start is pressed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, tasks: TaskScope | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("New run"))
        self.ctx = ctx
        # The panel passes its own scope, so cancelling the panel's tasks stops this widget's too.
        self.tasks = tasks or TaskScope("batch-setup", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.destroyed.connect(self.tasks.cancel_all)
        self.targets: list[BatchTarget] = []
        self.has_datasets = False
        self._names: dict[int, str] = {}
        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.dataset_combo = QComboBox()
        self.dataset_combo.setAccessibleName(self.tr("Dataset"))
        self.split_combo = QComboBox()
        self.split_combo.addItem(self.tr("All examples"), None)
        self.split_combo.addItem(self.tr("Training part"), "train")
        self.split_combo.addItem(self.tr("Validation part"), "validation")
        self.split_combo.setToolTip(self.tr(
            "A dataset can be split into a training part and a validation part (Datasets → Split). Run the "
            "validation part to test the models on examples they did not learn from."))
        self.targets_table = QTableWidget(0, 3)
        self.targets_table.setHorizontalHeaderLabels([self.tr("Label"), self.tr("Model"), self.tr("Connection")])
        self.targets_table.setAccessibleName(self.tr("Models of the run"))
        self.targets_table.setToolTip(self.tr(
            "Tick the models to run (two or more). The label names each model in the results and in the "
            "annotator's statistics; the annotator never sees the model itself."))
        self.targets_table.verticalHeader().hide()
        header = self.targets_table.horizontalHeader()
        for col, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(col, mode)
        self.targets_table.setTabKeyNavigation(False)
        self.targets_table.setWordWrap(False)
        self.targets_table.setMinimumHeight(110)
        self.targets_table.setMaximumHeight(170)  # up to four panes; the form stays compact
        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 16)
        self.concurrency.setValue(4)
        self.concurrency.setToolTip(self.tr(
            "How many calls run at the same time. More is faster but may hit the provider's rate limit."))
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.start_button = QPushButton(self.tr("&Start run"))
        self.start_button.setDefault(True)
        form.addRow(self.tr("&Dataset:"), self.dataset_combo)
        form.addRow(self.tr("Sp&lit:"), self.split_combo)
        form.addRow(self.tr("&Models:"), self.targets_table)
        form.addRow(self.tr("At the same &time:"), self.concurrency)
        outer.addLayout(form)
        outer.addWidget(self.plan_label)
        outer.addWidget(self.start_button)
        outer.addStretch(1)
        self.dataset_combo.currentIndexChanged.connect(self._plan_later)
        self.split_combo.currentIndexChanged.connect(self._plan_later)
        self.targets_table.itemChanged.connect(self._plan_later)

    def _plan_later(self, *_args: object) -> None:
        if self.tasks.alive:
            self.tasks.spawn(self.update_plan())

    # --- inputs ---------------------------------------------------------------------------
    def set_datasets(self, infos: list[DatasetInfo]) -> None:
        """List the project's datasets (the chosen one stays chosen)."""
        current = self.dataset_combo.currentData()
        self.has_datasets = bool(infos)
        self.dataset_combo.blockSignals(True)
        self.dataset_combo.clear()
        for d in infos:
            self.dataset_combo.addItem(self.tr("{name} (%Ln example(s))", None, d.examples).format(name=d.name), d.id)
        self.dataset_combo.setCurrentIndex(max(0, self.dataset_combo.findData(current)))
        self.dataset_combo.blockSignals(False)
        self._names = {d.id: d.name for d in infos}
        self._plan_later()

    def set_targets(self, targets: list[BatchTarget]) -> None:
        """The models a new run would use; each ticked, its label editable."""
        self.targets = list(targets)
        table = self.targets_table
        table.blockSignals(True)
        table.setRowCount(len(self.targets))
        for i, t in enumerate(self.targets):
            label = QTableWidgetItem(t.label)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                           | Qt.ItemFlag.ItemIsUserCheckable)
            label.setCheckState(Qt.CheckState.Checked)
            table.setItem(i, 0, label)
            profile = self.ctx.settings.connection(t.profile_id)
            for col, text in ((1, t.model), (2, profile.name if profile else self.tr("(removed)"))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(text)
                table.setItem(i, col, item)
        table.blockSignals(False)
        self._plan_later()

    def dataset_id(self) -> int | None:
        """The chosen dataset."""
        return self.dataset_combo.currentData()

    def split(self) -> str | None:
        """None (all examples), "train" or "validation"."""
        return self.split_combo.currentData()

    def chosen_targets(self) -> list[BatchTarget]:
        """The ticked targets with their labels as edited."""
        out = []
        for i, t in enumerate(self.targets):
            item = self.targets_table.item(i, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(replace(t, label=item.text().strip()))
        return out

    def run_name(self) -> str:
        """A name for the new run: the dataset and the labels compared."""
        labels = self.tr(" vs ").join(t.label for t in self.chosen_targets())
        return self.tr("{dataset} · {labels}").format(dataset=self._names.get(self.dataset_id(), ""), labels=labels)

    def problem(self) -> str | None:
        """What stops a new run, in plain words, or None."""
        if self.ctx.project is None:
            return self.tr("No project is open.")
        if self.dataset_id() is None:
            return self.tr("Choose the dataset whose examples the models should answer (import one in the "
                           "Datasets view if there is none yet).")
        targets = self.chosen_targets()
        if len(targets) < 2:
            return self.tr("A run compares at least two models: add them as panes in the Playground and tick "
                           "two or more here.")
        labels = [t.label for t in targets]
        if not all(labels):
            return self.tr("Give every model a label; it names the model in the results and in the annotator's "
                           "statistics.")
        if len({x.casefold() for x in labels}) != len(labels):
            return self.tr("Give every model a different label.")
        return None

    # --- the estimate ---------------------------------------------------------------------
    async def update_plan(self) -> None:
        """Tell how many calls the run makes and, when every price is known, about what it costs."""
        project, dataset_id, targets = self.ctx.project, self.dataset_id(), self.chosen_targets()
        if project is None or dataset_id is None:
            self.plan_label.setText("" if self.has_datasets else self.tr(
                "No datasets yet — import one in the Datasets view to run its examples through your models."))
            return
        n, prompt, answer = await project.db.read(plan_numbers, dataset_id, self.split())
        if not self.tasks.alive:
            return
        if n == 0:
            self.plan_label.setText(self.tr("This part of the dataset has no examples; choose another split."))
            return
        text = self.tr("About {calls} ({examples} × {models}).").format(
            calls=self.tr("%Ln call(s)", None, n * len(targets)), examples=self.tr("%Ln example(s)", None, n),
            models=self.tr("%Ln model(s)", None, len(targets)))
        table = self.ctx.price_table()
        costs = [chat_cost(t.base_model or t.model, prompt, answer, table) for t in targets]
        if targets and all(c is not None for c in costs):
            text += " " + self.tr("About {cost} if the answers are as long as the dataset's own.").format(
                cost=cost_amount(sum(c or 0.0 for c in costs)))
        self.plan_label.setText(text)
