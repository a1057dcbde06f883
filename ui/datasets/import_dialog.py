"""Importing a file into the project: choose it, check how it will be read, import, see the report.

One non-modal dialog with three pages: the set-up (file, format, kind of data, name and, for
spreadsheets, the column mapping with a live preview), the progress of the import (with Cancel;
the rest of the app stays usable) and the report of every problem found. Reading the file to
detect its format runs off the GUI thread; the import itself runs on worker threads and processes
and is all-or-nothing, so a cancel or an error leaves the project exactly as it was. The formats'
names and descriptions in the user's language, and which dropped files it takes, are in ``import_formats``.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import sqlite_utils
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.formats.column_mapping import MappingError
from app.formats.model import Kind
from app.formats.readers import FORMATS
from app.runtime.threads import run_blocking
from app.services.dataset_check import CheckCancelled
from app.services.importing import ImportRequest, import_dataset
from app.store import datasets_repo
from ui.app_context import AppContext
from ui.datasets.column_mapping import ColumnMappingWidget, FileInspection, inspect_file
from ui.datasets.import_formats import file_filters, format_texts, kind_label
from ui.datasets.import_report import ImportProgressWidget, ImportReportWidget
from ui.tasks import TaskScope


def _examples_with_errors(db: sqlite_utils.Database, dataset_id: int) -> int:
    return next((d.errors for d in datasets_repo.list_datasets(db) if d.id == dataset_id), 0)


class ImportDialog(QDialog):
    """Import one file as a new dataset. Non-modal: ``open()`` only shows it."""

    imported = Signal(int)  # the new dataset's id
    finding_activated = Signal(int, int)  # dataset id, line

    def __init__(self, ctx: AppContext, path: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskScope("import", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.dataset_id: int | None = None
        self.file_dialog: QFileDialog | None = None
        self._inspection: FileInspection | None = None
        self._generation = 0  # a newer inspection makes older results stale
        self._cancel: threading.Event | None = None
        self._importing = False
        self._name_edited = False
        self.setWindowTitle(self.tr("Import a file"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.resize(760, 600)
        self._build()
        self._update_state()
        ctx.project_changed.connect(self._update_state)
        if path:
            self.set_path(path)

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("A JSONL, JSON, CSV or TSV file"))
        self.path_edit.setAccessibleName(self.tr("File"))
        self.path_edit.editingFinished.connect(self._path_edited)
        self.choose_button = QPushButton(self.tr("C&hoose…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        self.format_combo = QComboBox()
        for name in FORMATS:
            label, description = format_texts(name)
            self.format_combo.addItem(label, name)
            self.format_combo.setItemData(self.format_combo.count() - 1, description, Qt.ItemDataRole.ToolTipRole)
        self.format_combo.activated.connect(self._format_chosen)
        self.kind_combo = QComboBox()
        for kind in Kind:
            self.kind_combo.addItem(kind_label(kind), kind.value)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Dataset name"))
        self.name_edit.textEdited.connect(self._name_was_edited)
        self.format_hint = QLabel()
        self.format_hint.setWordWrap(True)

        grid = QGridLayout()
        grid.addWidget(self._buddy(self.tr("&File:"), self.path_edit), 0, 0)
        grid.addWidget(self.path_edit, 0, 1, 1, 3)
        grid.addWidget(self.choose_button, 0, 4)
        grid.addWidget(self._buddy(self.tr("F&ormat:"), self.format_combo), 1, 0)
        grid.addWidget(self.format_combo, 1, 1)
        grid.addWidget(self._buddy(self.tr("&Kind of data:"), self.kind_combo), 1, 2)
        grid.addWidget(self.kind_combo, 1, 3, 1, 2)
        grid.addWidget(self._buddy(self.tr("&Name:"), self.name_edit), 2, 0)
        grid.addWidget(self.name_edit, 2, 1, 1, 4)
        grid.addWidget(self.format_hint, 3, 1, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.mapping = ColumnMappingWidget()
        self.mapping.mapping_changed.connect(self._update_state)
        self.mapping_box = QGroupBox(self.tr("Which column holds what"))
        box = QVBoxLayout(self.mapping_box)
        box.addWidget(self.mapping)

        self.next_hint = QLabel(self.tr("Every example is checked as it is imported. Problems do not stop the "
                                        "import: afterwards you get a list of them, and can fix them in the dataset."))
        self.next_hint.setWordWrap(True)
        self.message_icon = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message_icon, 0, Qt.AlignmentFlag.AlignTop)
        message_row.addWidget(self.message, 1)

        setup = QWidget()
        lay = QVBoxLayout(setup)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(grid)
        lay.addWidget(self.mapping_box, 1)
        lay.addLayout(message_row)
        lay.addWidget(self.next_hint)
        lay.addStretch(0)  # takes the room only when the mapping is hidden: messages stay by the fields

        self.progress = ImportProgressWidget()
        self.progress.cancel_button.clicked.connect(self.cancel_import)
        self.progress_bar, self.progress_text, self.cancel_button = (
            self.progress.bar, self.progress.text, self.progress.cancel_button)

        self.report = ImportReportWidget()
        self.report.finding_activated.connect(self._finding_activated)

        self.pages = QStackedWidget()
        for page in (setup, self.progress, self.report):
            self.pages.addWidget(page)

        self.buttons = QDialogButtonBox()
        self.close_button = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.open_button = self.buttons.addButton(self.tr("&Open dataset"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.clicked.connect(self.reject)
        self.import_button.clicked.connect(self.start_import)
        self.open_button.clicked.connect(self.accept)
        self.open_button.hide()

        outer = QVBoxLayout(self)
        outer.addWidget(self.pages, 1)
        outer.addWidget(self.buttons)

    @staticmethod
    def _buddy(text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        return label

    # --- the file -------------------------------------------------------------------------
    def open(self) -> None:  # noqa: A003 - QDialog's name; Qt's open() would make the dialog window-modal
        """Show the dialog without blocking the rest of the app."""
        self.show()
        self.raise_()
        self.activateWindow()

    def choose_file(self) -> None:
        """Open a non-modal file dialog; the chosen file is inspected."""
        dlg = QFileDialog(self, self.tr("Choose a file to import"))
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.setNameFilters(file_filters())
        dlg.setWindowModality(Qt.WindowModality.NonModal)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.path_edit.text():
            dlg.setDirectory(str(Path(self.path_edit.text()).parent))
        dlg.fileSelected.connect(self.set_path)
        self.file_dialog = dlg
        dlg.show()

    def set_path(self, path: str) -> None:
        """Use ``path``: detect its format and kind (off the GUI thread) and prefill the rest."""
        self.path_edit.setText(path)
        if not self._name_edited:
            self.name_edit.setText(Path(path).stem)
        self._inspect(None)

    def _path_edited(self) -> None:
        path = self.path_edit.text().strip()
        if path and (self._inspection is None or self._inspection.path != path):
            self.set_path(path)

    def _format_chosen(self, _index: int) -> None:
        if self._inspection is not None and self.format_combo.currentData() != self._inspection.fmt:
            self._inspect(self.format_combo.currentData())  # a table needs its rows read with the new delimiter

    def _inspect(self, fmt: str | None) -> None:
        self._generation += 1
        self._inspection = None
        self._update_state()
        self.tasks.spawn(self._run_inspect(self.path_edit.text().strip(), fmt, self._generation))

    async def _run_inspect(self, path: str, fmt: str | None, generation: int) -> None:
        result = await run_blocking(inspect_file, path, fmt)
        if not self.tasks.alive or generation != self._generation:
            return
        self._inspection = result
        if not result.problem:
            self.format_combo.setCurrentIndex(self.format_combo.findData(result.fmt))
            allowed = FORMATS[result.fmt].kinds
            model = self.kind_combo.model()
            for i in range(self.kind_combo.count()):
                model.item(i).setEnabled(Kind(self.kind_combo.itemData(i)) in allowed)  # type: ignore[attr-defined]
            self.kind_combo.blockSignals(True)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(result.kind.value))
            self.kind_combo.blockSignals(False)
            if result.table is not None:
                self.mapping.set_table(result.table, result.kind)
        self._update_state()

    def _kind_changed(self, _index: int) -> None:
        if self._inspection is not None and self._inspection.table is not None:
            self.mapping.set_kind(Kind(self.kind_combo.currentData()))
        self._update_state()

    def _name_was_edited(self, _text: str) -> None:
        self._name_edited = True
        self._update_state()

    # --- state ----------------------------------------------------------------------------
    def _show_message(self, text: str, pixmap: QStyle.StandardPixmap | None = None) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message_icon.setVisible(bool(text) and pixmap is not None)
        if pixmap is not None:
            self.message_icon.setPixmap(self.style().standardIcon(pixmap).pixmap(20, 20))

    def _update_state(self, *_args: object) -> None:
        """Enable Import only when everything needed is there, and say what is missing."""
        ins = self._inspection
        fmt = ins.fmt if ins is not None and not ins.problem else self.format_combo.currentData()
        needs_mapping = ins is not None and not ins.problem and FORMATS[fmt].needs_mapping
        self.mapping_box.setVisible(needs_mapping)
        self.format_hint.setText(format_texts(fmt)[1] if ins is not None and not ins.problem else "")
        self.format_hint.setVisible(bool(ins is not None and not ins.problem and not needs_mapping))
        self.next_hint.setVisible(not needs_mapping)
        for w in (self.format_combo, self.kind_combo):
            w.setEnabled(ins is not None and not ins.problem)
        info = QStyle.StandardPixmap.SP_MessageBoxInformation
        ready = False
        if not self.path_edit.text().strip():
            self._show_message(self.tr("Choose a file to import, or drop one onto the datasets view."), info)
        elif ins is None:
            self._show_message(self.tr("Reading the file…"))
        elif ins.problem:
            self._show_message(ins.problem, QStyle.StandardPixmap.SP_MessageBoxCritical)
        elif self.ctx.project is None:
            self._show_message(self.tr("Open a project first: the dataset is added to it."), info)
        elif not self.name_edit.text().strip():
            self._show_message(self.tr("Give the dataset a name."), info)
        elif needs_mapping and self.mapping.mapping() is None:
            self._show_message("")  # the mapping widget says what is missing, right by the combos
        else:
            self._show_message("")
            ready = True
        self.import_button.setEnabled(ready)
        self.import_button.setDefault(ready)

    def _set_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.buttons.setVisible(page != 1)
        self.close_button.setText(self.tr("Close") if page == 2 else self.tr("Cancel"))
        self.import_button.setVisible(page == 0)
        self.open_button.setVisible(page == 2)
        if page == 2:
            self.open_button.setDefault(True)

    # --- importing ------------------------------------------------------------------------
    def start_import(self) -> None:
        """Import with the current choices (does nothing while Import is disabled)."""
        ins = self._inspection
        if not self.import_button.isEnabled() or ins is None or self.ctx.project is None:
            return
        fmt = ins.fmt
        mapping = self.mapping.mapping() if FORMATS[fmt].needs_mapping else None
        request = ImportRequest(Path(ins.path), name=self.name_edit.text().strip(), fmt=fmt,
                                kind=Kind(self.kind_combo.currentData()), mapping=mapping)
        cancel = self._cancel = threading.Event()
        # If the dialog is destroyed with its parent mid-import, the import must still stop.
        self.destroyed.connect(lambda *_a, c=cancel: c.set())
        self._importing = True
        self.progress.start(request.name)
        self._set_page(1)
        self.cancel_button.setFocus()
        self.tasks.spawn(self._run_import(request, cancel))

    def cancel_import(self) -> None:
        """Stop the running import; the project stays as it was."""
        if self._cancel is not None and self._importing:
            self._cancel.set()
            self.progress.cancelling()

    def _on_progress(self, done: int, total: int) -> None:
        if not self.tasks.alive or not self._importing or (self._cancel is not None and self._cancel.is_set()):
            return
        self.progress.set_progress(done, total)

    async def _run_import(self, request: ImportRequest, cancel: threading.Event) -> None:
        project = self.ctx.project
        assert project is not None
        loop = asyncio.get_running_loop()

        def progress(done: int, total: int) -> None:  # on a worker thread: hand over to the GUI thread
            loop.call_soon_threadsafe(self._on_progress, done, total)

        failure = ""
        try:
            result = await import_dataset(project, request, progress=progress, cancel=cancel)
        except CheckCancelled:
            failure = self.tr("Import cancelled — nothing was added.")
        except MappingError as exc:
            failure = str(exc)
        except OSError as exc:
            failure = self.tr("Could not read the file: {0}. Nothing was added.").format(exc.strerror or exc)
        except Exception as exc:  # noqa: BLE001 - shown plainly; details go to the error banner
            failure = self.tr("The import failed, so nothing was added. The details are in the banner.")
            self.ctx.report_error(failure, exc)
        if not self.tasks.alive:
            return
        self._importing = False
        if failure:
            self._set_page(0)
            icon = (QStyle.StandardPixmap.SP_MessageBoxInformation if cancel.is_set()
                    else QStyle.StandardPixmap.SP_MessageBoxCritical)
            self._update_state()
            self._show_message(failure, icon)
            return
        self.dataset_id = result.dataset_id
        self.progress.set_progress(1, 1)
        self.imported.emit(result.dataset_id)  # at once: the dataset exists even if the report never shows
        errors = await project.db.read(_examples_with_errors, result.dataset_id)
        if not self.tasks.alive:
            return
        self.report.set_report(result.report, request.name, errors)
        self._set_page(2)

    def _finding_activated(self, line: int) -> None:
        if self.dataset_id is not None:
            self.finding_activated.emit(self.dataset_id, line)

    def done(self, result: int) -> None:
        """Close, except during an import: then Esc and Close cancel the import first."""
        if self._importing:
            self.cancel_import()
            return
        self.tasks.cancel_all()
        super().done(result)
