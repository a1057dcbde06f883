"""Save a Playground conversation with one answer (edited first if need be) as an SFT example.

The dialog is non-modal (the caller uses ``open()``); the database work runs through ``project.db``
in the dialog's own task scope. ``DatasetChooser`` and ``conversation_text`` are shared with the
send-pair dialog.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.formats.model import Finding, Kind, Severity
from app.services import playground_data
from app.store import datasets_repo
from app.store.datasets_repo import DatasetInfo
from ui.app_context import AppContext
from ui.i18n import TranslationContext
from ui.tasks import TaskScope

NEW_DATASET = -1  # the combo's data for "New dataset…"


Playground = TranslationContext("Playground")


def message_text(message: dict[str, Any]) -> str:
    """The readable text of one chat message (text parts joined; images and tool calls named)."""
    content = message.get("content")
    if isinstance(content, str):
        text = content
    elif isinstance(content, list):
        parts = []
        for p in content:
            if isinstance(p, dict) and isinstance(p.get("text"), str):
                parts.append(p["text"])
            elif isinstance(p, dict) and p.get("type") == "image_url":
                parts.append(Playground.tr("[image]"))
        text = " ".join(parts)
    else:
        text = ""
    if message.get("tool_calls"):
        text = (text + " " + Playground.tr("[tool call]")).strip()
    return text


def conversation_text(messages: list[dict[str, Any]]) -> str:
    """A compact plain-text view of a conversation: one paragraph per message, its role first."""
    roles = {"system": Playground.tr("System"), "developer": Playground.tr("System"), "user": Playground.tr("User"),
             "assistant": Playground.tr("Assistant"), "tool": Playground.tr("Tool")}
    return "\n\n".join(
        f"{roles.get(str(m.get('role')), str(m.get('role')))}: {message_text(m)}" for m in messages
    )


def findings_text(findings: list[Finding]) -> str:
    """Findings as plain lines, each with a word for its severity (never colour alone)."""
    lines = []
    for f in findings:
        word = Playground.tr("✖ Error") if f.severity is Severity.ERROR else Playground.tr("⚠ Warning")
        lines.append(f"{word}: {f.message}")
    return "\n".join(lines)


def create_and_save_sft(
    db: sqlite_utils.Database, dataset_id: int | None, new_name: str, messages: list[dict], answer: str
) -> tuple[int, int, list[Finding]]:
    """Create the dataset when ``dataset_id`` is None, then add the example (writer thread)."""
    if dataset_id is None:
        dataset_id = datasets_repo.create_dataset(db, new_name, Kind.SFT, source="playground")
    example_id, findings = playground_data.save_sft_example(db, dataset_id, messages, answer)
    return dataset_id, example_id, findings


class DatasetChooser(QWidget):
    """A combo of the project's datasets of one kind plus "New dataset…", which shows a name field."""

    def __init__(self, kind: Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.datasets: list[DatasetInfo] = []
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Dataset"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Name of the new dataset"))
        self.name_edit.setAccessibleName(self.tr("Name of the new dataset"))
        self.name_edit.setClearButtonEnabled(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.combo)
        lay.addWidget(self.name_edit)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(self._update)
        self._update()

    def set_datasets(self, infos: list[DatasetInfo], preferred: int | None = None) -> None:
        """List the datasets of this chooser's kind; select ``preferred`` when it is among them."""
        self.datasets = [d for d in infos if d.kind is self.kind]
        self.combo.blockSignals(True)
        self.combo.clear()
        for d in self.datasets:
            self.combo.addItem(self.tr("{name} (%Ln example(s))", None, d.examples).format(name=d.name), d.id)
        self.combo.addItem(self.tr("New dataset…"), NEW_DATASET)
        at = self.combo.findData(preferred) if preferred is not None else -1
        self.combo.setCurrentIndex(at if at >= 0 else 0)
        self.combo.blockSignals(False)
        self._update()

    def _update(self) -> None:
        new = self.is_new()
        self.name_edit.setVisible(new)
        if new and not self.name_edit.text():
            self.name_edit.setText(self.tr("Playground examples") if self.kind is Kind.SFT
                                   else self.tr("Playground preferences"))
            self.name_edit.selectAll()

    def is_new(self) -> bool:
        """True when "New dataset…" is chosen."""
        return self.combo.currentData() in (NEW_DATASET, None)

    def dataset_id(self) -> int | None:
        """The chosen existing dataset, or None for a new one."""
        return None if self.is_new() else int(self.combo.currentData())

    def new_name(self) -> str:
        """The name typed for a new dataset (trimmed)."""
        return self.name_edit.text().strip()

    def display_name(self) -> str:
        """The chosen dataset's name (the typed one for a new dataset)."""
        if self.is_new():
            return self.new_name()
        return next((d.name for d in self.datasets if d.id == self.dataset_id()), "")

    def problem(self) -> str | None:
        """What is wrong with the choice, in plain words, or None."""
        if not self.is_new():
            return None
        name = self.new_name()
        if not name:
            return self.tr("Type a name for the new dataset, or pick an existing dataset from the list.")
        if any(d.name.casefold() == name.casefold() for d in self.datasets):
            return self.tr("A dataset named “{name}” already exists. Pick it from the list or choose "
                           "another name.").format(name=name)
        return None


class SaveExampleDialog(QDialog):
    """Save the conversation and an (editable) answer as an SFT example; emits ``example_saved``."""

    example_saved = Signal(int, int)  # dataset id, example id
    # The last dataset chosen, per project file, so the next save goes to the same place.
    last_dataset: dict[str, int] = {}

    def __init__(self, ctx: AppContext, messages: list[dict], answer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.messages = [dict(m) for m in messages]
        self.setWindowTitle(self.tr("Save as a training example"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.tasks = TaskScope("save-example", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.destroyed.connect(self.tasks.cancel_all)
        self.ready = False  # the dataset list has been read (tests wait for it)
        self.saved: tuple[int, int] | None = None

        intro = QLabel(self.tr("The conversation becomes one example; the answer below is what the model will "
                               "learn to say. Fix it first if it needs fixing."))
        intro.setWordWrap(True)
        self.conversation = QPlainTextEdit(conversation_text(self.messages))
        self.conversation.setReadOnly(True)
        self.conversation.setAccessibleName(self.tr("Conversation"))
        self.conversation.setMaximumHeight(160)
        self.answer = QPlainTextEdit(answer)
        self.answer.setAccessibleName(self.tr("Answer"))
        self.answer.setTabChangesFocus(True)
        self.answer.setMinimumHeight(140)
        self.chooser = DatasetChooser(Kind.SFT)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setToolTip(self.tr("Save the example (Ctrl+Enter)"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)

        form = QFormLayout()
        form.addRow(self.tr("Conversation:"), self.conversation)
        form.addRow(self.tr("&Answer:"), self.answer)
        form.addRow(self.tr("&Dataset:"), self.chooser)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form, 1)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.resize(620, 520)
        self.answer.setFocus()
        self.tasks.spawn(self._load())

    def _project_key(self) -> str:
        return str(self.ctx.project.path) if self.ctx.project is not None else ""

    async def _load(self) -> None:
        project = self.ctx.project
        if project is None:
            self._show_message(self.tr("No project is open, so there is nowhere to save the example."))
            return
        infos = await project.db.read(datasets_repo.list_datasets)
        if not self.tasks.alive:
            return
        self.chooser.set_datasets(infos, self.last_dataset.get(self._project_key()))
        self.ready = True
        self.save_button.setEnabled(True)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def problem(self) -> str | None:
        """What stops the save, in plain words, or None."""
        if not self.answer.toPlainText().strip():
            return self.tr("The answer is empty, so the model would learn nothing from this example. "
                           "Type the answer it should give.")
        return self.chooser.problem()

    def save(self) -> None:
        """Check the input, then save in the background (Save button, Enter)."""
        if not self.ready or self.saved is not None:
            return
        problem = self.problem()
        if problem:
            self._show_message(problem)
            (self.chooser.name_edit if self.chooser.is_new() and self.answer.toPlainText().strip()
             else self.answer).setFocus()
            return
        self._show_message("")
        self.save_button.setEnabled(False)
        self.tasks.spawn(self._save(self.chooser.dataset_id(), self.chooser.new_name(), self.answer.toPlainText()))

    async def _save(self, dataset_id: int | None, new_name: str, answer: str) -> None:
        project = self.ctx.project
        if project is None:
            return
        try:
            dataset_id, example_id, findings = await project.db.write(
                create_and_save_sft, dataset_id, new_name, self.messages, answer
            )
        except Exception as exc:  # noqa: BLE001 - told in the dialog; details in the banner
            if self.tasks.alive:
                self._show_message(self.tr("The example could not be saved: {e}").format(e=exc))
                self.save_button.setEnabled(True)
            self.ctx.report_error(self.tr("The example could not be saved."), exc)
            return
        SaveExampleDialog.last_dataset[self._project_key()] = dataset_id
        self.saved = (dataset_id, example_id)
        self.example_saved.emit(dataset_id, example_id)
        if not self.tasks.alive:
            return
        if not findings:
            self.accept()
            return
        # Saved, but worth a look before training: say what, and let the user close.
        self._show_message(
            self.tr("Saved in “{name}”, but it needs a look before training:").format(name=self.chooser.display_name())
            + "\n" + findings_text(findings)
        )
        self.save_button.hide()
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setFocus()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        self.tasks.cancel_all()
        super().closeEvent(event)
