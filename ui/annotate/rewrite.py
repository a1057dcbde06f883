"""Rewriting the better answer: the editor that takes the place of the two answers, and the
session's part of it (E opens it for the comparison on screen, or for the one just judged; Ctrl+Enter
saves the text as the judgement's rewrite, optionally also as an SFT example; Esc goes back).

A rewrite becomes the preferred answer on export; after "both bad" the answer it started from
becomes the rejected one.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.formats.model import Kind
from app.services import annotation_judging as judging
from app.services.annotation_judging import Item
from app.store import datasets_repo
from ui.annotate.conversation_view import message_text


def save_rewrite(db: sqlite_utils.Database, comparison_id: int, annotator: str, verdict: str, side: str | None,
                 text: str, rationale: str, sft: int | str | None) -> tuple[Any, int | None]:
    """Writer job: the judgement with its rewrite, then (optionally) the rewrite as an SFT example in
    dataset ``sft`` (an id, or the name of a new SFT dataset). Returns (replaced judgement, dataset id)."""
    from app.services import annotation_export, dataset_admin

    previous = judging.judge(db, comparison_id, annotator, verdict, side, rewrite=text, rationale=rationale)
    if sft is None:
        return previous, None
    if isinstance(sft, str):
        sft = dataset_admin.create_empty_dataset(db, dataset_admin.unique_name(db, sft), Kind.SFT)
    annotation_export.save_rewrite_as_sft(db, comparison_id, annotator, sft)
    return previous, sft


class RewriteEditor(QWidget):
    """Writes the better answer anew: prefilled with it (with the left one after "both bad", and a
    choice of which to start from); Ctrl+Enter saves, Esc cancels. Optionally also saved as an SFT
    example in a chosen SFT dataset (or a new one)."""

    saved = Signal(str, str, object)  # text, side it replaces ("left"/"right"), SFT target (id, name or None)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = {"left": "", "right": ""}
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.start = QComboBox()
        self.start.addItem(self.tr("Start from answer A"), "left")
        self.start.addItem(self.tr("Start from answer B"), "right")
        self.start.currentIndexChanged.connect(self._start_changed)
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName(self.tr("Rewritten answer"))
        self.edit.setTabChangesFocus(True)  # Tab reaches the check box and buttons, keyboard only
        self.edit.installEventFilter(self)
        self.also_sft = QCheckBox(self.tr("&Also save as an SFT example in"))
        self.sft_target = QComboBox()
        self.sft_target.setEnabled(False)
        self.sft_target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.also_sft.toggled.connect(self.sft_target.setEnabled)
        self.save_button = QPushButton(self.tr("Save rewrite (Ctrl+Enter)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Cancel (Esc)"))
        cancel.clicked.connect(self.cancelled)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.start)
        bottom = QHBoxLayout()
        bottom.addWidget(self.also_sft)
        bottom.addWidget(self.sft_target)
        bottom.addStretch(1)
        bottom.addWidget(cancel)
        bottom.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.edit, 1)
        lay.addLayout(bottom)

    def open_for(self, left: str, right: str, side: str, choose: bool, targets: list[tuple[Any, str]],
                 heading: str) -> None:
        """Prefill with the answer on ``side``; ``choose`` shows the A/B choice (no single winner);
        ``targets`` are the SFT datasets offered, ``(id or new name, label)``."""
        self.texts = {"left": left, "right": right}
        self.heading.setText(heading)
        self.start.setVisible(choose)
        self.start.blockSignals(True)
        self.start.setCurrentIndex(0 if side == "left" else 1)
        self.start.blockSignals(False)
        self.edit.setPlainText(self.texts[side])
        keep = self.sft_target.currentText()
        self.sft_target.clear()
        for value, label in targets:
            self.sft_target.addItem(label, value)
        if (i := self.sft_target.findText(keep)) >= 0:
            self.sft_target.setCurrentIndex(i)
        self.edit.setFocus()

    def side(self) -> str:
        """The answer the rewrite replaces."""
        return self.start.currentData()

    def _start_changed(self) -> None:
        # Switch the starting text only while nothing was typed yet: never throw away a rewrite.
        if self.edit.toPlainText() in self.texts.values():
            self.edit.setPlainText(self.texts[self.side()])

    def save(self) -> None:
        """Emit ``saved`` (nothing happens for an empty text)."""
        text = self.edit.toPlainText().strip()
        if not text:
            self.edit.setFocus()
            return
        target = self.sft_target.currentData() if self.also_sft.isChecked() else None
        self.saved.emit(text, self.side(), target)

    def _key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.save()
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Ctrl+Enter saves, Esc cancels, while typing in the editor (before it takes the key)."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._key(event):
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """The same keys from the check box, the list and the buttons."""
        if not self._key(event):
            super().keyPressEvent(event)


class RewriteFlow:
    """The session's rewrite steps (mixed into ``JudgingSession``, whose state it uses)."""

    rewriting: Item | None
    return_to: Item | None

    # --- rewriting ------------------------------------------------------------------------
    def request_rewrite(self) -> None:
        """E: rewrite the better answer of the comparison on screen if judged, else of the last one."""
        target = None
        if self.item is not None and self.mine.get(self.item.comparison.id) not in (None, "skip"):
            target = self.item
        elif self.undo_stack and self.mine.get(self.undo_stack[-1].item.comparison.id) not in (None, "skip"):
            target = self.undo_stack[-1].item
        if target is None or self.project is None or self.project is not self.ctx.project:
            self.panel.last.setText(self.tr("Judge first, then press E to rewrite the better answer."))
            return
        self._spawn(self._open_rewrite(target))

    async def _open_rewrite(self, target: Item) -> None:
        project = self.project
        assert project is not None
        infos = await project.db.read(datasets_repo.list_datasets)
        if not self.tasks.alive or self.rewriting is not None:
            return
        targets: list[tuple[Any, str]] = [(d.id, d.name) for d in infos if d.kind is Kind.SFT]
        new_name = self.tr("{queue} rewrites").format(queue=self.queue_name)
        if all(name != new_name for _, name in targets):
            targets.append((new_name, self.tr("a new dataset “{name}”").format(name=new_name)))
        cid = target.comparison.id
        self.return_to, self.rewriting = self.item, target
        if self.item is not target:
            self._show(target, prefetch=False)
        verdict, side = self.mine[cid], self.sides.get(cid) or "left"
        letter = "A" if side == "left" else "B"
        headings = {
            "win": self.tr("Rewrite answer {letter}: your text becomes the preferred answer of this comparison; "
                           "the other answer stays the rejected one.").format(letter=letter),
            "both_bad": self.tr("Both answers are weak: your text becomes the preferred answer, and the answer "
                                "you start from the rejected one."),
            "tie": self.tr("A tie is not exported as a pair; your rewrite is kept with the judgement and can "
                           "be saved as an SFT example."),
        }
        lt, rt = message_text(target.left.content), message_text(target.right.content)
        self.panel.open_rewrite(lt, rt, side, verdict != "win", targets, headings.get(verdict, ""))
        if cid in self.rewrites:
            self.panel.rewrite.edit.setPlainText(self.rewrites[cid])
        if self.sft_choice is not None:
            i = self.panel.rewrite.sft_target.findData(self.sft_choice)
            if i >= 0:
                self.panel.rewrite.sft_target.setCurrentIndex(i)

    def _rewrite_saved(self, text: str, side: str, sft: Any) -> None:
        item = self.rewriting
        if item is None:
            return
        cid, who, note = item.comparison.id, self.annotator, self.panel.note.text().strip()
        verdict = self.mine[cid]
        side_used = self.sides.get(cid) if verdict == "win" else side
        write = self._write(lambda db: save_rewrite(db, cid, who, verdict, side_used, text, note, sft))
        if sft is not None:
            write.add_done_callback(lambda f: setattr(self, "sft_choice", f.result()[1])
                                    if not f.cancelled() and f.exception() is None else None)
        self.rewriting = self.return_to = None
        self.panel.close_rewrite()
        self._record(item, write, verdict, side_used, note, text)
        self._advance(cid)

    def _rewrite_cancelled(self) -> None:
        target, back = self.rewriting, self.return_to
        self.rewriting = self.return_to = None
        self.panel.close_rewrite()
        if back is not None:
            self._show(back)
        elif target is not None:
            self._advance(target.comparison.id)

