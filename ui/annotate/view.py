"""The Annotate view: blind side-by-side judging of answers, the expert's main workplace.

Toolbar: the queue (with "done / total"), Import…, Generate…, Export to DPO…, Merge a colleague's
copy…, and the name judgements are signed with. Tab "Judge": the judging panel beside the list of
judged comparisons; tab "Statistics": agreement, position bias and results per model. The judging
itself (keys, the item loaded ahead, background writes, undo) lives in ``session.JudgingSession``.
"""

from __future__ import annotations

import importlib
from typing import Any

import sqlite_utils
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.store import annotation_repo
from ui.annotate.items_list import ItemsListWidget
from ui.annotate.judge_panel import JudgePanel
from ui.annotate.session import JudgingSession
from ui.annotate.stats_panel import AnnotationStatsPanel, QueueStats
from ui.app_context import AppContext
from ui.tasks import TaskScope
from ui.widgets.empty_state import empty_state

# For the shortcuts sheet (F1), like ``ui.datasets.toolbar.SHORTCUTS``; the names are translated
# in the "AnnotateShortcuts" context.
SHORTCUTS = [  # (what, keys), translated in the AnnotateShortcuts context; keys only where they hold words
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Answer A is better"), QT_TRANSLATE_NOOP("AnnotateShortcuts", "1 or ←")),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Answer B is better"), QT_TRANSLATE_NOOP("AnnotateShortcuts", "2 or →")),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Tie"), "3"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Both answers are bad"), "4"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Skip for now"), QT_TRANSLATE_NOOP("AnnotateShortcuts", "Space")),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Undo the last judgement"), "Ctrl+Z"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Rewrite the better answer"), "E"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Save the rewrite"), "Ctrl+Enter"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Type a note on the judgement"), "N"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Back to judging (from the note or the list)"), "Esc"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Highlight the differences"), "D"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Reveal the sources after judging"), "R"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Scroll the answers / the conversation"), "↑ ↓ / Shift+↑ ↓"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Import comparisons"), "Ctrl+I"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Generate answers"), "Ctrl+G"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Export to DPO"), "Ctrl+E"),
    (QT_TRANSLATE_NOOP("AnnotateShortcuts", "Merge a colleague's copy"), "Ctrl+M"),
]


def read_stats(db: sqlite_utils.Database, queue_id: int, queue: str, annotator: str) -> QueueStats:
    """Everything the Statistics tab shows (a reader-thread job)."""
    from app.services import annotation_stats as stats

    return QueueStats(queue, stats.agreement(db, queue_id), stats.position_bias(db, queue_id),
                      stats.position_bias(db, queue_id, annotator), stats.model_stats(db, queue_id), annotator)


class AnnotateView(QWidget):
    """Queues, judging and statistics of the open project."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = self.tr("Annotate")
        self.tasks = TaskScope("annotate", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.queues: list[annotation_repo.QueueInfo] = []
        self.dialogs: dict[str, QWidget] = {}
        self._ui_state = QSettings(str(ctx.dirs.config / "window.ini"), QSettings.Format.IniFormat)
        self._build()
        self.session = JudgingSession(ctx, self.tasks, self.panel, self.items, self)
        self.session.counts_changed.connect(self._update_queue_label)
        self.panel.diff_box.setChecked(self._ui_state.value("annotate/diff", False, type=bool))
        self.panel.reveal_box.setChecked(self._ui_state.value("annotate/reveal", False, type=bool))
        self.panel.diff_toggled.connect(lambda on: self._ui_state.setValue("annotate/diff", on))
        self.panel.reveal_toggled.connect(lambda on: self._ui_state.setValue("annotate/reveal", on))
        self.panel.export_requested.connect(self.open_export)
        ctx.project_changed.connect(self._on_project_changed)
        ctx.settings_changed.connect(self._on_settings_changed)
        if ctx.project is not None:
            self._on_project_changed(ctx.project)

    # --- layout ---------------------------------------------------------------------------
    def _action(self, text: str, shortcut: str, tip: str, slot: Any) -> QAction:
        act = QAction(text, self)
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        act.triggered.connect(lambda _=False: slot())
        self.addAction(act)
        return act

    def _build(self) -> None:
        self.toolbar = QToolBar(self.tr("Annotate"))
        self.queue_combo = QComboBox()
        self.queue_combo.setAccessibleName(self.tr("Queue"))
        self.queue_combo.setMinimumContentsLength(34)  # "name — 3 / 10 judged" whole in Portuguese at 1280 px
        self.queue_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.queue_combo.setToolTip(self.tr("The set of comparisons to judge, with how many are done"))
        self.queue_combo.currentIndexChanged.connect(self._on_queue_index)
        label = QLabel(self.tr("&Queue:"))
        label.setBuddy(self.queue_combo)
        self.toolbar.addWidget(label)
        self.toolbar.addWidget(self.queue_combo)
        self.import_action = self._action(self.tr("Import…"), "Ctrl+I", self.tr(
            "Add comparisons from a file: DPO pairs, prompts with several answers, or a CSV"), self.open_import)
        self.generate_action = self._action(self.tr("Generate…"), "Ctrl+G", self.tr(
            "Have two or more models answer the prompts of a dataset"), self.open_generate)
        self.export_action = self._action(self.tr("Export to DPO…"), "Ctrl+E", self.tr(
            "Turn the judgements into a DPO dataset"), self.open_export)
        self.merge_action = self._action(self.tr("Merge a colleague's copy…"), "Ctrl+M", self.tr(
            "Bring in the judgements from a copy of this project someone else worked on"), self.open_merge)
        for act in (self.import_action, self.generate_action, self.export_action, self.merge_action):
            self.toolbar.addAction(act)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.annotator_edit = QLineEdit()
        self.annotator_edit.setMaximumWidth(170)
        self.annotator_edit.setAccessibleName(self.tr("Your name as annotator"))
        self.annotator_edit.setToolTip(self.tr("Your judgements are signed with this name, so a team's work can "
                                               "be merged and compared"))
        self.annotator_edit.editingFinished.connect(self._on_annotator_edited)
        who = QLabel(self.tr("&Judging as:"))
        who.setBuddy(self.annotator_edit)
        self.toolbar.addWidget(who)
        self.toolbar.addWidget(self.annotator_edit)

        self.panel = JudgePanel()
        self.items = ItemsListWidget()
        for w in (self.items.list, self.items.filter):
            w.installEventFilter(self)  # Esc goes back to judging
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("annotate/split")
        self.split.addWidget(self.panel)
        self.split.addWidget(self.items)
        self.split.setStretchFactor(0, 4)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        self.items.setMinimumWidth(240)
        self.split.setSizes([820, 270])
        for splitter in (self.split, self.panel.splitter):
            state = self._ui_state.value(splitter.objectName())
            if state:
                splitter.restoreState(state)
            splitter.splitterMoved.connect(
                lambda *_a, s=splitter: self._ui_state.setValue(s.objectName(), s.saveState()))
        self.stats = AnnotationStatsPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.split, self.tr("&Judge"))
        self.tabs.addTab(self.stats, self.tr("&Statistics"))
        self.tabs.currentChanged.connect(self._on_tab)
        self.empty = self._empty_state()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.toolbar)
        lay.addWidget(self.stack, 1)
        self.setTabOrder(self.queue_combo, self.annotator_edit)
        self.setTabOrder(self.annotator_edit, self.tabs)
        self.setTabOrder(self.tabs, self.panel)
        self.setTabOrder(self.panel, self.panel.note)
        self.setTabOrder(self.panel.note, self.items.filter)
        self.setTabOrder(self.items.filter, self.items.list)

    def _empty_state(self) -> QWidget:
        imp = QPushButton(self.tr("Import a file…"))
        imp.setDefault(True)
        imp.clicked.connect(self.open_import)
        gen = QPushButton(self.tr("Generate answers…"))
        gen.clicked.connect(self.open_generate)
        return empty_state(self.tr("No comparisons to judge yet"), self.tr(
            "Here you compare two answers to the same question without knowing which model wrote which, and "
            "pick the better one from the keyboard. Your choices become preference (DPO) training data. "
            "Import answers you already have, or let two or more models answer the prompts of a dataset."), [imp, gen])

    # --- project, queues, annotator ---------------------------------------------------------
    def _on_project_changed(self, project: Any) -> None:
        self.session.forget()
        self.queues = []
        self.queue_combo.blockSignals(True)
        self.queue_combo.clear()
        self.queue_combo.blockSignals(False)
        self._on_settings_changed()
        if project is not None:
            self.tasks.spawn(self.reload_queues())

    def _on_settings_changed(self) -> None:
        if not self.annotator_edit.hasFocus():
            self.annotator_edit.setText(self.ctx.settings.annotator)
        self.annotator_edit.setPlaceholderText(self.ctx.settings.annotator_name)

    def _on_annotator_edited(self) -> None:
        name = self.annotator_edit.text().strip()
        if name == self.ctx.settings.annotator.strip():
            return
        self.ctx.settings.annotator = name
        self.tasks.spawn(self.ctx.save_settings())
        self.tasks.spawn(self.session.open_queue(self.session.queue_id, self.session.queue_name))

    async def reload_queues(self, select: int | None = None) -> None:
        """Re-read the queues; keep (or set) the selected one and open it when it changed."""
        project = self.ctx.project
        if project is None:
            return
        queues = await project.db.read(annotation_repo.list_queues)
        if not self.tasks.alive:
            return
        keep = select if select is not None else self.session.queue_id
        if keep is None:
            last = self._ui_state.value("annotate/queue", "")
            keep = next((q.id for q in queues if q.name == last), None)
        self.queues = queues
        self.queue_combo.blockSignals(True)
        self.queue_combo.clear()
        for q in queues:
            self.queue_combo.addItem(self._queue_text(q.name, q.judged, q.items), q.id)
        index = next((i for i, q in enumerate(queues) if q.id == keep), 0)
        self.queue_combo.setCurrentIndex(index if queues else -1)
        self.queue_combo.blockSignals(False)
        self.stack.setCurrentWidget(self.tabs if queues else self.empty)
        self.queue_combo.setEnabled(bool(queues))
        self.export_action.setEnabled(bool(queues))
        chosen = queues[index] if queues else None
        if chosen is None:
            await self.session.open_queue(None)
        elif chosen.id != self.session.queue_id or select is not None:
            await self.open_queue(chosen.id)
        self._refresh_stats()

    def _queue_text(self, name: str, judged: int, items: int) -> str:
        return self.tr("{name} — {judged} / {items} done").format(name=name, judged=judged, items=items)

    def _on_queue_index(self, index: int) -> None:
        if 0 <= index < len(self.queues):
            self.tasks.spawn(self.open_queue(self.queues[index].id))

    async def open_queue(self, queue_id: int) -> None:
        """Judge this queue (its first comparison not yet judged by this annotator)."""
        info = next((q for q in self.queues if q.id == queue_id), None)
        if info is None:
            return
        self._ui_state.setValue("annotate/queue", info.name)
        await self.session.open_queue(queue_id, info.name)
        if self.tasks.alive and self.isVisible():
            self.panel.setFocus()
        self._refresh_stats()

    def _update_queue_label(self) -> None:
        i = self.queue_combo.currentIndex()
        s = self.session
        if 0 <= i < len(self.queues) and self.queues[i].id == s.queue_id:
            self.queue_combo.setItemText(i, self._queue_text(s.queue_name, s.done, s.total))

    # --- statistics -------------------------------------------------------------------------
    def _on_tab(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.stats:
            self._refresh_stats()
        else:
            self.panel.setFocus()

    def _refresh_stats(self) -> None:
        if self.tabs.currentWidget() is self.stats and self.tasks.alive:
            self.tasks.spawn(self.load_stats())

    async def load_stats(self) -> None:
        """Read and show the statistics of the selected queue (after pending judgements are stored)."""
        project, queue = self.ctx.project, self.session.queue_id
        await self.session.flush()
        if project is None or queue is None:
            self.stats.show_stats(None)
            return
        figures = await project.db.read(read_stats, queue, self.session.queue_name, self.session.annotator)
        if self.tasks.alive and queue == self.session.queue_id:
            self.stats.show_stats(figures)

    # --- dialogs (engineer I's, opened non-modally) -------------------------------------------
    def _open(self, module: str, cls: str, signal: str, slot: Any, *args: Any) -> QWidget | None:
        try:
            dialog_class = getattr(importlib.import_module(f"ui.annotate.{module}"), cls)
        except (ImportError, AttributeError) as exc:
            self.ctx.report_error(self.tr("This part of the annotator is not available in this build."), exc)
            return None
        old = self.dialogs.get(module)
        if old is not None and old.isVisible():
            old.raise_()
            old.activateWindow()
            return old
        dialog = dialog_class(self.ctx, *args, self)
        getattr(dialog, signal).connect(slot)
        self.dialogs[module] = dialog
        dialog.open()
        return dialog

    def open_import(self) -> QWidget | None:
        """Import comparisons from a file."""
        return self._open("import_dialog", "ImportComparisonsDialog", "imported", self._on_queue_filled)

    def open_generate(self) -> QWidget | None:
        """Generate answers with two or more model settings."""
        return self._open("generate_dialog", "GenerateDialog", "generated", self._on_queue_filled)

    def open_export(self) -> QWidget | None:
        """Export the selected queue's judgements as a DPO dataset."""
        if self.session.queue_id is None:
            self.ctx.report_error(self.tr("Choose a queue to export first."))
            return None
        self.tasks.spawn(self.session.flush())
        return self._open("export_dialog", "ExportDialog", "exported", lambda _ds: self._refresh_stats(),
                          self.session.queue_id)

    def open_merge(self) -> QWidget | None:
        """Merge judgements from a colleague's copy of the project."""
        return self._open("merge_dialog", "MergeDialog", "merged", self._on_merged)

    def _on_queue_filled(self, queue_id: int) -> None:
        self.tasks.spawn(self.reload_queues(select=queue_id))

    def _on_merged(self, summary: str) -> None:
        self.panel.last.setText(summary)
        self.tasks.spawn(self.reload_queues(select=self.session.queue_id))

    # --- Qt ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Esc in the list of judged comparisons gives the keyboard back to the judging panel."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and watched in (self.items.list, self.items.filter)):
            self.panel.setFocus()
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        """Keys work at once when the view is shown."""
        super().showEvent(event)
        if self.tabs.currentWidget() is self.split:
            self.panel.setFocus()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        """Cancel the view's tasks (judgements already handed to the writer are still stored)."""
        self.tasks.cancel_all()
        super().closeEvent(event)
