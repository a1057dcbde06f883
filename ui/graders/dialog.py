"""The grader dialog: name a grader, edit it, check it against an RFT dataset, try it, import or export
it as a JSON file, and save it in the project (the launch wizard then offers it by name)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.formats.encoding import iter_lines
from app.formats.jsonl import json_problem_text, storable_problem
from app.formats.model import Kind, Severity
from app.formats.writers import atomic_write
from app.runtime.threads import run_blocking
from app.store import datasets_repo, graders_repo
from ui.graders.editor import GraderEditor
from ui.graders.json_view import grader_text
from ui.graders.trial import GraderTrialPanel
from ui.graders.words import Graders
from ui.tasks import TaskScope

FILE_FILTERS = [QT_TRANSLATE_NOOP("Graders", "Grader files (*.json)"), QT_TRANSLATE_NOOP("Graders", "All files (*)")]


# A grader is a few KB (a python grader's code or a model grader's prompts at most a few hundred; one
# embedded image of the 10 MB maximum is 13.3 MB in base64): a bigger file is not a grader, and is
# refused before it is read whole.
GRADER_FILE_LIMIT = 16 << 20


def read_grader_file(path: str | Path) -> dict[str, Any]:
    """The grader in a JSON file: a grader object, or an object holding one under ``grader`` (as a job's
    ``method.reinforcement`` does). Raises ValueError with a plain reason.

    Read like a dataset line: UTF-8 with or without BOM or UTF-16 with a BOM (Notepad's "Unicode"), parsed
    by orjson (no NaN, no lone surrogates, at most ``jsonl.MAX_DEPTH`` levels), so whatever it returns can
    be stored and sent as it is."""
    name = Path(path).name
    unreadable = Graders.tr("“{name}” could not be read: {why}")
    try:
        with open(path, "rb") as f:
            data = f.read(GRADER_FILE_LIMIT + 1)
    except OSError as exc:
        raise ValueError(unreadable.format(name=name, why=exc.strerror or exc)) from exc
    if len(data) > GRADER_FILE_LIMIT:
        raise ValueError(Graders.tr("“{name}” is larger than {mb} MB, far more than a grader takes: it is probably "
                                    "not a grader file.").format(name=name, mb=GRADER_FILE_LIMIT >> 20))
    lines: list[str] = []
    for _number, line, finding in iter_lines(data, keepends=True):
        if finding is not None:  # UTF-32, a ZIP file, invalid UTF-8, a NUL byte…: said with its line
            raise ValueError(unreadable.format(name=name, why=finding.message))
        lines.append(line or "")
    if not "".join(lines).strip():
        raise ValueError(Graders.tr("“{name}” is empty: it holds no grader.").format(name=name))
    try:
        value = orjson.loads("".join(lines))
    except orjson.JSONDecodeError as exc:
        raise ValueError(Graders.tr("“{name}” is not valid JSON (line {line}, column {col}): {what}").format(
            name=name, line=exc.lineno, col=exc.colno, what=json_problem_text(exc.msg))) from exc
    if (why := storable_problem(value)) is not None:
        raise ValueError(unreadable.format(name=name, why=json_problem_text(why)))
    for candidate in (value, _get(value, "grader"), _get(_get(_get(value, "method"), "reinforcement"), "grader")):
        if isinstance(candidate, dict) and isinstance(candidate.get("type"), str):
            return candidate
    raise ValueError(Graders.tr("“{name}” holds no grader: a grader is a JSON object with a “type”, such as "
                                "string_check.").format(name=name))


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def write_grader_file(path: str | Path, grader: dict[str, Any]) -> None:
    """Write ``grader`` as indented JSON, all or nothing."""
    atomic_write(path, grader_text(grader) + "\n")


class GraderEditorDialog(QDialog):
    """Edit and save one named grader of the project (non-modal: open it with ``open()`` or ``show()``)."""

    saved = Signal(int)  # the grader's id

    def __init__(self, ctx: Any, grader_id: int | None = None, *, grader: dict[str, Any] | None = None,
                 dataset_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.grader_id = ctx, grader_id
        self.scope = TaskScope("grader dialog", ctx.report_error)
        self.dirty = False
        self._discard_ok = False
        self.file_dialog: QFileDialog | None = None
        self.setWindowTitle(Graders.tr("Grader"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1220, 760)
        self.name = QLineEdit()
        self.name.setPlaceholderText(Graders.tr("for example: Exact diagnosis code"))
        self.name.setToolTip(Graders.tr("The name the launch wizard lists this grader under; training results show "
                                        "it too"))
        self.dataset_box = QComboBox()
        self.dataset_box.setAccessibleName(Graders.tr("Dataset to check against"))
        self.dataset_box.setToolTip(Graders.tr("A reinforcement (RFT) dataset: the grader is checked against its "
                                               "examples and tried on them"))
        self.dataset_box.addItem(Graders.tr("No dataset"), None)
        self.editor = GraderEditor(ctx, show_name=False)
        self.trial = GraderTrialPanel(ctx)
        trial_scroll = QScrollArea()
        trial_scroll.setWidgetResizable(True)
        trial_scroll.setWidget(self.trial)
        trial_scroll.setMinimumWidth(380)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(trial_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([700, 500])
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(Graders.tr("&Import…"))
        self.import_button.setToolTip(Graders.tr("Read a grader from a JSON file"))
        self.export_button = QPushButton(Graders.tr("E&xport…"))
        self.export_button.setToolTip(Graders.tr("Write this grader to a JSON file, for a colleague or another "
                                                 "project"))
        for b in (self.import_button, self.export_button):
            b.setAutoDefault(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(Graders.tr("Keep the grader in this project (Ctrl+S)"))
        self.save_button.setShortcut("Ctrl+S")
        self.import_button.clicked.connect(lambda: self._choose_file(save=False))
        self.export_button.clicked.connect(lambda: self._choose_file(save=True))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        name_label = QLabel(Graders.tr("&Name:"))
        name_label.setBuddy(self.name)
        data_label = QLabel(Graders.tr("Chec&k against:"))
        data_label.setBuddy(self.dataset_box)
        top.addWidget(name_label)
        top.addWidget(self.name, 2)
        top.addSpacing(16)
        top.addWidget(data_label)
        top.addWidget(self.dataset_box, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.splitter, 1)
        lay.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)  # file actions on the left, away from Save and Cancel
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        lay.addLayout(bottom)
        self.setTabOrder(self.name, self.dataset_box)
        self.editor.changed.connect(self._grader_changed)
        self.name.textEdited.connect(self._name_edited)
        self.dataset_box.currentIndexChanged.connect(self._dataset_chosen)
        if grader is not None:
            self.editor.set_grader(grader)
            self.name.setText(str(grader.get("name", "")))
        self.trial.set_grader(self.editor.grader())
        self.scope.spawn(self._load(grader_id, dataset_id))

    # --- loading ----------------------------------------------------------------------------------
    async def _load(self, grader_id: int | None, dataset_id: int | None) -> None:
        db = self.ctx.project.db
        infos = await db.read(datasets_repo.list_datasets)
        stored = await db.read(graders_repo.get_grader, grader_id) if grader_id is not None else None
        if not self.scope.alive:
            return
        if stored is not None:
            self.name.setText(stored.name)
            self.editor.set_grader(stored.grader)
            self.trial.set_grader(stored.grader)
            self.setWindowTitle(Graders.tr("Grader “{name}”").format(name=stored.name))
        rft = [d for d in infos if d.kind is Kind.RFT]
        self.dataset_box.blockSignals(True)
        for d in rft:
            self.dataset_box.addItem(Graders.tr("{name} (%Ln example(s))", None, d.examples).format(name=d.name), d.id)
        at = self.dataset_box.findData(dataset_id) if dataset_id is not None else (1 if rft else 0)
        self.dataset_box.setCurrentIndex(max(0, at))
        self.dataset_box.blockSignals(False)
        self._dataset_chosen()
        if not rft:
            self._say(Graders.tr("ℹ This project has no reinforcement (RFT) dataset yet, so the grader cannot be "
                                 "checked against data. Import one in the Datasets view."))

    def _dataset_chosen(self, *_args: object) -> None:
        dataset_id = self.dataset_box.currentData()
        self.editor.set_dataset(dataset_id)
        self.trial.set_dataset(dataset_id)

    def _grader_changed(self) -> None:
        self.trial.set_grader(self.editor.grader())
        self._mark_dirty()

    def _name_edited(self, text: str) -> None:
        self.editor.set_grader_name(text.strip())
        self._mark_dirty()

    def _mark_dirty(self, *_args: object) -> None:
        self.dirty = True

    def _say(self, text: str) -> None:
        self.message.setText(text)

    # --- files ------------------------------------------------------------------------------------
    def _choose_file(self, save: bool) -> None:
        dlg = QFileDialog(self, Graders.tr("Export the grader") if save else Graders.tr("Import a grader"))
        dlg.setNameFilters([Graders.tr(f) for f in FILE_FILTERS])
        dlg.setWindowModality(Qt.WindowModality.NonModal)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if save:
            dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dlg.setDefaultSuffix("json")
            dlg.selectFile((self.name.text().strip() or "grader") + ".json")
            dlg.fileSelected.connect(lambda p: self.scope.spawn(self.export_file(p)))
        else:
            dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
            dlg.fileSelected.connect(lambda p: self.scope.spawn(self.import_file(p)))
        self.file_dialog = dlg
        dlg.show()

    async def import_file(self, path: str) -> bool:
        """Replace the grader with the one in ``path``; a problem is said under the editor."""
        try:
            grader = await run_blocking(read_grader_file, path)
        except ValueError as exc:
            if self.scope.alive:
                self._say(Graders.tr("✖ {why}").format(why=exc))
            return False
        if not self.scope.alive:
            return False
        self.editor.set_grader(grader)
        self.trial.set_grader(grader)
        if not self.name.text().strip():
            self.name.setText(str(grader.get("name", "")))
        self.dirty = True
        self._say(Graders.tr("✔ Imported the grader from “{name}”. Save it to keep it in the project.").format(
            name=Path(path).name))
        return True

    async def export_file(self, path: str) -> bool:
        """Write the grader to ``path`` (all or nothing)."""
        try:
            await run_blocking(write_grader_file, path, self.editor.grader())
        except (OSError, ValueError) as exc:
            if self.scope.alive:
                self._say(Graders.tr("✖ The grader could not be written to “{name}”: "
                                     "{why}").format(name=Path(path).name,
                                                                                           why=exc))
            return False
        if self.scope.alive:
            self._say(Graders.tr("✔ Wrote the grader to “{path}”.").format(path=path))
        return True

    # --- saving -----------------------------------------------------------------------------------
    def save(self) -> None:
        """Save to the project, then close (the ``saved`` signal carries the grader's id)."""
        self.scope.spawn(self.save_now(close=True))

    async def save_now(self, close: bool = False) -> int | None:
        """Store the grader under its name; returns its id (None when it could not be saved)."""
        name = self.name.text().strip()
        if not name:
            self._say(Graders.tr("✖ Give the grader a name first: the launch wizard lists graders by name."))
            self.name.setFocus()
            return None
        grader = self.editor.grader()
        try:
            grader_id = await self.ctx.project.db.write(graders_repo.save_grader, name, grader, self.grader_id)
        except ValueError as exc:  # the name is taken (or empty): the message says so
            if self.scope.alive:
                self._say(Graders.tr("✖ The grader was not saved: {why}").format(why=exc))
            return None
        if not self.scope.alive:
            return grader_id
        self.grader_id, self.dirty = grader_id, False
        errors = sum(1 for p in self.editor.problems() if p.severity is Severity.ERROR)
        self._say(Graders.tr("✔ Saved “{name}”.").format(name=name) + (
            " " + Graders.tr("It still has %Ln error(s): fix them before training.", None, errors) if errors else ""))
        self.saved.emit(grader_id)
        if close:
            self._discard_ok = True
            self.accept()
        return grader_id

    # --- closing ----------------------------------------------------------------------------------
    def reject(self) -> None:  # noqa: D102 - asks before throwing edits away
        if self.dirty and not self._discard_ok:
            box = QMessageBox(QMessageBox.Icon.Question, Graders.tr("Discard the changes?"),
                              Graders.tr("The grader has changes that are not saved. Discard them?"),
                              QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.buttonClicked.connect(lambda b: self._discard() if box.buttonRole(b)
                                      == QMessageBox.ButtonRole.DestructiveRole else None)
            self.confirm_box = box
            box.open()
            return
        super().reject()

    def _discard(self) -> None:
        self._discard_ok = True
        self.reject()

    def done(self, result: int) -> None:  # noqa: D102 - stop the tasks with the dialog
        self._shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        super().closeEvent(event)  # a hidden dialog closes without done(): stop its tasks here too
        if event.isAccepted():
            self._shutdown()

    def _shutdown(self) -> None:
        self.editor.shutdown()
        self.trial.shutdown()
        self.scope.cancel_all()
