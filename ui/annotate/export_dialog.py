"""Exporting a queue's judgements as a new DPO dataset: first what the export would give (pairs,
what is left out and why), then a name and whose judgements, then Export and the problems the new
examples have, if any.

The figures come from ``annotation_export.plan_export`` on a reader thread; the export itself is
``export_dpo`` on the writer thread (one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import sqlite_utils
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.services.annotation_export import ExportPlan, ExportResult, export_dpo, plan_export
from app.services.annotation_judging import progress
from app.store import annotation_repo, datasets_repo
from ui.annotate.import_dialog import AnnotateDialogs, ResultBox, busy_row, plural
from ui.app_context import AppContext
from ui.tasks import TaskScope
from ui.widgets.labels import selectable_label

MAX_LISTED = 8  # item numbers named in the figures; more are counted only


@dataclass(frozen=True)
class ExportFigures:
    """What the dialog shows before exporting: the queue's name, who judged in it, the plan, and
    each comparison's item number (its place in the queue, from 1)."""

    queue_name: str
    annotators: list[str]
    plan: ExportPlan
    numbers: dict[int, int]


def read_figures(db: sqlite_utils.Database, queue_id: int, annotator: str | None) -> ExportFigures:
    """The export's figures for ``annotator`` (None: everyone), for the reader thread."""
    name = next((q.name for q in annotation_repo.list_queues(db) if q.id == queue_id), "")
    who = progress(db, queue_id, "")
    numbers = {cid: i for i, cid in enumerate(annotation_repo.queue_items(db, queue_id), 1)}
    return ExportFigures(name, sorted(who.by_annotator), plan_export(db, queue_id, annotator=annotator), numbers)


def _items(ids: list[int], numbers: dict[int, int]) -> str:
    shown = sorted(numbers.get(i, 0) for i in ids)[:MAX_LISTED]
    text = ", ".join(str(n) for n in shown)
    return text + ("…" if len(ids) > MAX_LISTED else "")


def figures_text(fig: ExportFigures) -> str:
    """"38 pairs will be exported; 4 ties and 3 skips left out; 2 items judged both bad without a rewrite
    — rewrite them first to include them; 1 item where annotators disagree.\""""
    plan = fig.plan
    n = len(plan.pairs)
    parts = [plural(n, AnnotateDialogs.tr("{0} pair will be exported"),
                    AnnotateDialogs.tr("{0} pairs will be exported")) if n
             else AnnotateDialogs.tr("No pair can be exported yet")]
    left_out = [plural(k, one, many) for k, one, many in (
        (plan.ties, AnnotateDialogs.tr("{0} tie"), AnnotateDialogs.tr("{0} ties")),
        (plan.skips, AnnotateDialogs.tr("{0} skip"), AnnotateDialogs.tr("{0} skips"))) if k]
    if left_out:
        parts.append(AnnotateDialogs.tr("{0} left out").format(AnnotateDialogs.tr(" and ").join(left_out)))
    if plan.both_bad:
        parts.append(plural(len(plan.both_bad),
                            AnnotateDialogs.tr("{0} item judged both bad without a rewrite (item {1}) — rewrite it "
                                               "first to include it"),
                            AnnotateDialogs.tr("{0} items judged both bad without a rewrite (items {1}) — rewrite "
                                               "them first to include them"),
                            _items(plan.both_bad, fig.numbers)))
    if plan.conflicts:
        parts.append(plural(len(plan.conflicts),
                            AnnotateDialogs.tr("{0} item where annotators disagree (item {1}) — left out; settle "
                                               "it, or export one annotator's judgements"),
                            AnnotateDialogs.tr("{0} items where annotators disagree (items {1}) — left out; settle "
                                               "them, or export one annotator's judgements"),
                            _items(plan.conflicts, fig.numbers)))
    return "; ".join(parts) + "."


def result_text(result: ExportResult, name: str) -> str:
    """"Exported 38 pairs to the new dataset “Contracts preferences”." and, when some have problems, a lead-in."""
    text = plural(result.added, AnnotateDialogs.tr("Exported {0} pair to the new DPO dataset “{1}”."),
                  AnnotateDialogs.tr("Exported {0} pairs to the new DPO dataset “{1}”."), name)
    if result.findings:
        text += " " + AnnotateDialogs.tr("Some examples need a look (the number is the example's place in the new "
                                         "dataset):")
    return text


class ExportDialog(QDialog):
    """Export a queue's judgements as a new DPO dataset; emits ``exported(dataset_id)``. Non-modal."""

    exported = Signal(int)

    def __init__(self, ctx: AppContext, queue_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.queue_id = queue_id
        self.tasks = TaskScope("export-dpo", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.destroyed.connect(self.tasks.cancel_all)
        self.figures: ExportFigures | None = None
        self.result: ExportResult | None = None
        self._busy = False
        self._name_edited = False
        self._generation = 0
        self.setWindowTitle(self.tr("Export to a DPO dataset"))
        self.setModal(False)
        self.resize(680, 460)

        self.figures_icon = QLabel()
        self.figures_label = selectable_label(self.tr("Counting the judgements…"))
        self.figures_label.setAccessibleName(self.tr("What the export gives"))
        self.figures_label.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(self.figures_icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.figures_label, 1)
        explain = selectable_label(self.tr(
            "Each pair holds the conversation, the better answer (or your rewrite of it) as the preferred one, "
            "and the other as the non-preferred one. The new examples are checked like imported ones."))
        self.annotator_combo = QComboBox()
        self.annotator_combo.addItem(self.tr("Everyone"), None)
        self.annotator_combo.setAccessibleName(self.tr("Whose judgements"))
        self.annotator_combo.currentIndexChanged.connect(self._annotator_changed)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Name of the new dataset"))
        self.name_edit.textEdited.connect(self._name_typed)
        form = QFormLayout()
        form.addRow(self.tr("&Whose judgements:"), self.annotator_combo)
        form.addRow(self.tr("&New dataset:"), self.name_edit)
        self.busy, _label = busy_row(self.tr("Exporting…"))
        self.report = ResultBox()

        self.buttons = QDialogButtonBox()
        self.close_button = self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button = self.buttons.addButton(self.tr("&Export"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.close_button.clicked.connect(self.reject)
        self.export_button.clicked.connect(self.start_export)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(explain)
        lay.addLayout(form)
        lay.addWidget(self.busy)
        lay.addWidget(self.report, 1)
        lay.addStretch(0)
        lay.addWidget(self.buttons)
        self.export_button.setDefault(True)  # once inside the dialog: before, Qt does not record it
        self._update_state()

    def open(self) -> None:  # noqa: A003 - QDialog's name; Qt's open() would make the dialog window-modal
        """Show the dialog without blocking the rest of the app, and count what the export gives."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.name_edit.setFocus()
        if self.tasks.alive:
            self.tasks.spawn(self.load_figures())

    def annotator(self) -> str | None:
        """The annotator whose judgements are exported, or None for everyone's."""
        return self.annotator_combo.currentData()

    def dataset_name(self) -> str:
        """The new dataset's name as typed."""
        return " ".join(self.name_edit.text().split())

    async def load_figures(self) -> None:
        """Read the plan for the chosen annotator and show its figures."""
        project = self.ctx.project
        if project is None:
            return
        self._generation += 1
        generation, annotator = self._generation, self.annotator()
        self.figures = None
        self._update_state()
        fig = await project.db.read(read_figures, self.queue_id, annotator)
        if not self.tasks.alive or generation != self._generation:
            return
        self.figures = fig
        if self.annotator_combo.count() == 1:
            self.annotator_combo.blockSignals(True)
            for name in fig.annotators:
                self.annotator_combo.addItem(self.tr("Only {0}").format(name), name)
            self.annotator_combo.blockSignals(False)
        if not self._name_edited:
            self.name_edit.setText(self.tr("{0} preferences").format(fig.queue_name))
        pixmap = (QStyle.StandardPixmap.SP_MessageBoxInformation if fig.plan.pairs
                  else QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.figures_icon.setPixmap(self.style().standardIcon(pixmap).pixmap(24, 24))
        self.figures_label.setText(figures_text(fig))
        self._update_state()

    def _annotator_changed(self, _index: int) -> None:
        if self.tasks.alive:
            self.tasks.spawn(self.load_figures())

    def _name_typed(self, _text: str) -> None:
        self._name_edited = True
        self._update_state()

    def problem(self) -> str | None:
        """What stops the export, in plain words, or None."""
        if self.ctx.project is None:
            return self.tr("No project is open.")
        if self.figures is None:
            return self.tr("Counting the judgements…")
        if not self.figures.plan.pairs:
            return self.tr("No judged item has a better answer yet: judge some items (or rewrite the both-bad "
                           "ones) first.")
        if not self.dataset_name():
            return self.tr("Give the new dataset a name.")
        return None

    def _update_state(self, *_args: object) -> None:
        problem = self.problem()
        self.export_button.setEnabled(problem is None and not self._busy)
        self.export_button.setToolTip(problem or self.tr("Make the new DPO dataset (Enter)"))

    def start_export(self) -> None:
        """Export (Export button)."""
        if self.problem() is None and not self._busy:
            self.tasks.spawn(self.run_export(self.dataset_name(), self.annotator()))

    async def run_export(self, name: str, annotator: str | None) -> None:
        """Make the dataset on the writer thread, then say what went into it."""
        project = self.ctx.project
        if project is None:
            return
        self._busy = True
        self.busy.show()
        self.report.hide()
        self._update_state()
        result: ExportResult | None = None
        failure = ""
        try:
            result = await project.db.write(partial(export_dpo, annotator=annotator), self.queue_id, name)
        except ValueError as exc:
            failure = str(exc)
        except LookupError:
            failure = self.tr("This queue no longer exists, so there is nothing to export.")
        finally:
            self._busy = False
        if not self.tasks.alive:
            return
        self.busy.hide()
        if result is None:
            self.report.show_result(failure, ok=False)
            self._update_state()
            return
        self.result = result
        stored = await project.db.read(_dataset_name, result.dataset_id)
        if not self.tasks.alive:
            return
        self.report.show_result(result_text(result, stored or name), result.findings)
        self.close_button.setDefault(True)
        self.exported.emit(result.dataset_id)
        self._update_state()

    def done(self, result: int) -> None:
        """Close. An export under way still finishes (it is one transaction) and still reports."""
        if not self._busy:
            self.tasks.cancel_all()
        super().done(result)


def _dataset_name(db: sqlite_utils.Database, dataset_id: int) -> str | None:
    return next((d.name for d in datasets_repo.list_datasets(db) if d.id == dataset_id), None)
