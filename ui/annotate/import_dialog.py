"""Importing comparisons for the annotator from a file: choose it and the queue, import, see what was
added and every line that could not be used.

The file is read and its comparisons stored on the project's writer thread, in one transaction
(``annotation_import.import_comparisons``): the dialog never blocks, and a file with some bad lines
still adds the good part. Also home of two small pieces the other annotator dialogs share: the
file row (a path field with Choose…) and the box that shows a result with its problems.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.formats.model import Finding
from app.services.annotation_import import ImportSummary, NothingToImport, import_comparisons
from app.store import annotation_repo
from ui.app_context import AppContext
from ui.datasets.import_report import FindingsTableModel, format_count
from ui.i18n import TranslationContext
from ui.tasks import TaskScope
from ui.widgets.labels import selectable_label

AnnotateDialogs = TranslationContext("AnnotateDialogs")


def plural(n: int, one: str, many: str, *more: object) -> str:
    """``one`` or ``many`` (already translated, ``{0}`` for the count, ``{1}``… for ``more``) filled in."""
    return (one if n == 1 else many).format(format_count(n), *more)


def import_summary_text(summary: ImportSummary, queue_name: str) -> str:
    """"Added 48 comparisons to “Contracts”. 2 lines skipped:" (the problems are listed below it)."""
    text = plural(summary.added, AnnotateDialogs.tr("Added {0} comparison to “{1}”."),
                  AnnotateDialogs.tr("Added {0} comparisons to “{1}”."),
                  queue_name)
    if summary.already_there:
        text += " " + plural(summary.already_there,
                             AnnotateDialogs.tr("{0} was already in the queue and was not added again."),
                             AnnotateDialogs.tr("{0} were already in the queue and were not added again."))
    if summary.skipped_lines:
        text += " " + plural(summary.skipped_lines, AnnotateDialogs.tr("{0} line skipped:"),
                             AnnotateDialogs.tr("{0} lines skipped:"))
    elif summary.findings:
        text += " " + AnnotateDialogs.tr("Notes on the file:")
    return text


class FileRow(QWidget):
    """A path field with a Choose… button that opens a non-modal file dialog."""

    path_chosen = Signal(str)

    def __init__(self, title: str, filters: list[str], placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title, self._filters = title, filters
        self.dialog: QFileDialog | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.editingFinished.connect(lambda: self.path_chosen.emit(self.path()))
        self.button = QPushButton(self.tr("C&hoose…"))
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.choose)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def path(self) -> str:
        """The path as typed or chosen (surrounding spaces removed)."""
        return self.edit.text().strip()

    def set_path(self, path: str) -> None:
        """Show ``path`` and announce it."""
        self.edit.setText(path)
        self.path_chosen.emit(self.path())

    def choose(self) -> None:
        """Open the file dialog without blocking; the chosen file fills the field."""
        dlg = QFileDialog(self, self._title)
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.setNameFilters(self._filters)
        dlg.setWindowModality(Qt.WindowModality.NonModal)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.path():
            dlg.setDirectory(str(Path(self.path()).parent))
        dlg.fileSelected.connect(self.set_path)
        self.dialog = dlg
        dlg.show()


class ResultBox(QWidget):
    """What an action did: an icon (never colour alone) and a sentence, then its problems by line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel()
        self.text = selectable_label()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # names typed by the user are not markup
        self.model = FindingsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Problems found"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FindingsTableModel.LINE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FindingsTableModel.SEVERITY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FindingsTableModel.MESSAGE, QHeaderView.ResizeMode.Stretch)
        row = QHBoxLayout()
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.table, 1)
        lay.addStretch(0)  # takes the room only while the table is hidden: the sentence stays by its icon
        self.hide()

    def show_result(self, text: str, findings: list[Finding] | None = None, *, ok: bool = True,
                    icon: QStyle.StandardPixmap | None = None) -> None:
        """Show ``text`` with a tick (``ok``, or a warning sign when there are findings), an error sign,
        or ``icon`` when given."""
        findings = findings or []
        pixmap = icon if icon is not None else (
            QStyle.StandardPixmap.SP_MessageBoxCritical if not ok
            else QStyle.StandardPixmap.SP_MessageBoxWarning if findings
            else QStyle.StandardPixmap.SP_DialogApplyButton)
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(24, 24))
        self.text.setText(text)
        self.model.set_findings(findings)
        self.table.setVisible(bool(findings))
        self.show()

    def messages(self) -> list[str]:
        """The listed problems' messages (tests, copying)."""
        return [f.message for f in self.model.findings()]


def busy_row(text: str) -> tuple[QWidget, QLabel]:
    """A hidden row with an indeterminate bar and a label saying what is happening."""
    box = QWidget()
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setMaximumWidth(160)
    bar.setTextVisible(False)
    label = QLabel(text)
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(bar)
    lay.addWidget(label, 1)
    box.hide()
    return box, label


def queue_combo() -> QComboBox:
    """An editable combo of the queue names: pick one to add to it, or type a new name."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.lineEdit().setPlaceholderText(AnnotateDialogs.tr("A new queue's name, or pick one to add to it"))
    combo.setAccessibleName(AnnotateDialogs.tr("Queue"))
    return combo


def fill_queues(combo: QComboBox, queues: list[annotation_repo.QueueInfo]) -> None:
    """List ``queues`` in ``combo`` (its typed text stays)."""
    text = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    for q in queues:
        combo.addItem(q.name, q.id)
        combo.setItemData(combo.count() - 1, plural(q.items, AnnotateDialogs.tr("{0} comparison"),
                                                    AnnotateDialogs.tr("{0} comparisons")),
                          Qt.ItemDataRole.ToolTipRole)
    combo.setEditText(text)
    combo.blockSignals(False)


class ImportComparisonsDialog(QDialog):
    """Import comparisons from a file into a queue; emits ``imported(queue_id)``. Non-modal."""

    imported = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskScope("import-comparisons", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.destroyed.connect(self.tasks.cancel_all)
        self.queues: list[annotation_repo.QueueInfo] = []
        self.summary: ImportSummary | None = None
        self._busy = False
        self._queue_edited = False
        self.setWindowTitle(self.tr("Import comparisons"))
        self.setModal(False)
        self.resize(720, 520)

        self.file_row = FileRow(self.tr("Choose a file of comparisons"), [
            self.tr("Comparisons (*.jsonl *.ndjson *.json *.csv *.tsv *.tab)"), self.tr("All files (*)")],
            self.tr("A JSONL, JSON, CSV or TSV file"))
        self.file_row.edit.setAccessibleName(self.tr("File"))
        self.file_row.path_chosen.connect(self._path_chosen)
        self.queue_combo = queue_combo()
        self.queue_combo.lineEdit().textEdited.connect(self._queue_typed)
        self.queue_combo.currentTextChanged.connect(self._update_state)
        form = QFormLayout()
        form.addRow(self.tr("&File:"), self.file_row)
        form.addRow(self.tr("&Queue:"), self.queue_combo)
        self.queue_hint = selectable_label()
        form.addRow("", self.queue_hint)
        self.formats = selectable_label(self.tr(
            "Accepted: preference pairs (a DPO JSONL file), a JSONL of prompts with several answers "
            "(“messages” or “prompt”, and “answers”), or a CSV/TSV table with a prompt column and answer "
            "columns. The judge never sees which answer was preferred or which model wrote it."))
        self.busy, self.busy_label = busy_row(self.tr("Reading the file and adding its comparisons…"))
        self.report = ResultBox()

        self.buttons = QDialogButtonBox()
        self.close_button = self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.close_button.clicked.connect(self.reject)
        self.import_button.clicked.connect(self.start_import)

        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.formats)
        lay.addWidget(self.busy)
        lay.addWidget(self.report, 1)
        lay.addStretch(0)
        lay.addWidget(self.buttons)
        self.import_button.setDefault(True)  # once inside the dialog: before, Qt does not record it
        self._update_state()

    def open(self) -> None:  # noqa: A003 - QDialog's name; Qt's open() would make the dialog window-modal
        """Show the dialog without blocking the rest of the app, and list the queues."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.file_row.setFocus()
        if self.tasks.alive:
            self.tasks.spawn(self.load_queues())

    async def load_queues(self) -> None:
        """Offer the project's queues in the queue combo."""
        project = self.ctx.project
        if project is None:
            return
        queues = await project.db.read(annotation_repo.list_queues)
        if not self.tasks.alive:
            return
        self.queues = queues
        fill_queues(self.queue_combo, queues)
        self._update_state()

    # --- inputs ---------------------------------------------------------------------------
    def _path_chosen(self, path: str) -> None:
        if path and not self._queue_edited:
            self.queue_combo.setEditText(Path(path).stem)
        self._update_state()

    def _queue_typed(self, _text: str) -> None:
        self._queue_edited = True

    def queue_name(self) -> str:
        """The queue to import into, as typed or picked."""
        return " ".join(self.queue_combo.currentText().split())

    def problem(self) -> str | None:
        """What stops the import, in plain words, or None."""
        if self.ctx.project is None:
            return self.tr("No project is open.")
        if not self.file_row.path():
            return self.tr("Choose the file to import.")
        if not self.queue_name():
            return self.tr("Give the queue a name.")
        return None

    def _update_state(self, *_args: object) -> None:
        name = self.queue_name()
        existing = next((q for q in self.queues if q.name == name), None)
        if existing is not None:
            self.queue_hint.setText(plural(existing.items, self.tr(
                "Adds to this queue ({0} comparison now). Comparisons it already holds are not added twice."),
                self.tr("Adds to this queue ({0} comparisons now). Comparisons it already holds are not added "
                        "twice.")))
        else:
            self.queue_hint.setText(self.tr("A new queue is made.") if name else "")
        problem = self.problem()
        self.import_button.setEnabled(problem is None and not self._busy)
        self.import_button.setToolTip(problem or self.tr("Add the file's comparisons to the queue (Enter)"))

    # --- importing ------------------------------------------------------------------------
    def start_import(self) -> None:
        """Import the file into the queue (Import button)."""
        if self.problem() is None and not self._busy:
            self.tasks.spawn(self.run_import(self.file_row.path(), self.queue_name()))

    async def run_import(self, path: str, queue_name: str) -> None:
        """Read and store the file's comparisons on the writer thread, then show the report."""
        project = self.ctx.project
        if project is None:
            return
        self._busy = True
        self.busy.show()
        self.report.hide()
        self._update_state()
        failure: str | None = None
        findings: list[Finding] = []
        summary: ImportSummary | None = None
        try:
            summary = await project.db.write(import_comparisons, queue_name, Path(path))
        except NothingToImport as exc:
            failure, findings = str(exc), exc.findings
        except FileNotFoundError:
            failure = self.tr("“{0}” does not exist. It may have been moved or renamed; choose it again.").format(path)
        except (OSError, ValueError) as exc:
            failure = self.tr("The file could not be imported: {0}").format(exc)
        finally:
            self._busy = False
        if not self.tasks.alive:
            return
        self.busy.hide()
        if summary is None:
            self.report.show_result(failure or "", findings, ok=False)
        else:
            self.summary = summary
            self.report.show_result(import_summary_text(summary, queue_name), summary.findings)
            self.imported.emit(summary.queue_id)
            self.close_button.setDefault(True)
            self.tasks.spawn(self.load_queues())
        self._update_state()

    def done(self, result: int) -> None:
        """Close. An import under way still finishes (it is one transaction) and still reports."""
        if not self._busy:
            self.tasks.cancel_all()
        super().done(result)
