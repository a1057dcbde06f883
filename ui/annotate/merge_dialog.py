"""Merging a colleague's copy of the project: choose their file, bring in their queues,
comparisons and judgements, and read in one sentence what changed.

The merge runs on the project's writer thread as one transaction
(``annotation_merge.merge_project``); the other file is only read, never changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from app.services.annotation_merge import MergeResult, merge_project
from app.store.errors import ProjectError
from ui.annotate.import_dialog import AnnotateDialogs, FileRow, ResultBox, busy_row, plural
from ui.app_context import AppContext
from ui.tasks import TaskScope
from ui.widgets.labels import selectable_label


def merge_summary(result: MergeResult) -> str:
    """"Added 1 queue, 12 comparisons and 30 judgements; 2 judgements replaced by newer ones; 40 already here.\""""
    added = [
        plural(n, one, many)
        for n, one, many in (
            (result.queues, AnnotateDialogs.tr("{0} queue"), AnnotateDialogs.tr("{0} queues")),
            (result.comparisons, AnnotateDialogs.tr("{0} comparison"), AnnotateDialogs.tr("{0} comparisons")),
            (result.judgements, AnnotateDialogs.tr("{0} judgement"), AnnotateDialogs.tr("{0} judgements")),
        )
        if n
    ]
    parts = []
    if added:
        listed = added[0] if len(added) == 1 else AnnotateDialogs.tr("{0} and {1}").format(", ".join(added[:-1]),
                                                                                           added[-1])
        parts.append(AnnotateDialogs.tr("Added {0}").format(listed))
    if result.replaced:
        parts.append(plural(result.replaced, AnnotateDialogs.tr("{0} judgement replaced by a newer one"),
                            AnnotateDialogs.tr("{0} judgements replaced by newer ones")))
    if not parts:
        if not result.unchanged:
            return AnnotateDialogs.tr("There was nothing to merge: the other copy holds no judgements.")
        return plural(result.unchanged, AnnotateDialogs.tr("Nothing new: its {0} judgement is already here."),
                      AnnotateDialogs.tr("Nothing new: its {0} judgements are already here (or newer ones are)."))
    if result.unchanged:
        parts.append(AnnotateDialogs.tr("%Ln already here", None, result.unchanged))
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


class MergeDialog(QDialog):
    """Merge the judgements of another copy of the project; emits ``merged(summary)``. Non-modal."""

    merged = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskScope("merge-project", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.destroyed.connect(self.tasks.cancel_all)
        self.result: MergeResult | None = None
        self._busy = False
        self.setWindowTitle(self.tr("Merge a colleague's copy"))
        self.setModal(False)
        self.resize(620, 300)

        intro = selectable_label(self.tr(
            "Choose a copy of this project that a colleague (or you, on another computer) judged in. Their "
            "queues, comparisons and judgements are added here; nothing is duplicated, and where you both judged "
            "the same item under the same name the newer judgement is kept. Their file is only read, never "
            "changed."))
        self.file_row = FileRow(self.tr("Choose the other copy of the project"), [
            self.tr("Finetune Studio projects (*.ftproj)"), self.tr("All files (*)")],
            self.tr("The other copy's project file (.ftproj)"))
        self.file_row.edit.setAccessibleName(self.tr("Project file to merge from"))
        self.file_row.path_chosen.connect(self._update_state)
        self.file_row.edit.textChanged.connect(self._update_state)
        form = QFormLayout()
        form.addRow(self.tr("&Other copy:"), self.file_row)
        self.busy, _label = busy_row(self.tr("Merging… the rest of the app stays usable."))
        self.report = ResultBox()

        self.buttons = QDialogButtonBox()
        self.close_button = self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.merge_button = self.buttons.addButton(self.tr("&Merge"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.close_button.clicked.connect(self.reject)
        self.merge_button.clicked.connect(self.start_merge)

        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.busy)
        lay.addWidget(self.report, 1)
        lay.addStretch(0)
        lay.addWidget(self.buttons)
        self.merge_button.setDefault(True)  # once inside the dialog: before, Qt does not record it
        self._update_state()

    def open(self) -> None:  # noqa: A003 - QDialog's name; Qt's open() would make the dialog window-modal
        """Show the dialog without blocking the rest of the app."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.file_row.setFocus()

    def problem(self) -> str | None:
        """What stops the merge, in plain words, or None."""
        if self.ctx.project is None:
            return self.tr("No project is open.")
        if not self.file_row.path():
            return self.tr("Choose the other copy of the project.")
        return None

    def _update_state(self, *_args: object) -> None:
        problem = self.problem()
        self.merge_button.setEnabled(problem is None and not self._busy)
        self.merge_button.setToolTip(problem or self.tr("Bring in the other copy's judgements (Enter)"))

    def start_merge(self) -> None:
        """Merge the chosen file (Merge button)."""
        if self.problem() is None and not self._busy:
            self.tasks.spawn(self.run_merge(self.file_row.path()))

    async def run_merge(self, path: str) -> None:
        """Merge on the writer thread and say what changed, or why nothing did."""
        project = self.ctx.project
        if project is None:
            return
        self._busy = True
        self.busy.show()
        self.report.hide()
        self._update_state()
        failure: str | None = None
        result: MergeResult | None = None
        try:
            result = await project.db.write(merge_project, Path(path))
        except (ProjectError, ValueError) as exc:
            failure = str(exc)  # already a message for the user
        except OSError as exc:
            failure = self.tr("The file could not be read: {0}").format(exc.strerror or exc)
        finally:
            self._busy = False
        if not self.tasks.alive:
            return
        self.busy.hide()
        if result is None:
            self.report.show_result(
                (failure or "") + " " + self.tr("Nothing was changed."), ok=False)
        else:
            self.result = result
            summary = merge_summary(result)
            self.report.show_result(summary)
            self.close_button.setDefault(True)
            self.merged.emit(summary)
        self._update_state()

    def done(self, result: int) -> None:
        """Close. A merge under way still finishes (it is one transaction) and still reports."""
        if not self._busy:
            self.tasks.cancel_all()
        super().done(result)
