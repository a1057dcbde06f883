"""The Datasets view's toolbar and keyboard shortcuts: which command sits where, and under which key.

The commands themselves live in ``dataset_actions`` (the dataset as a whole) and ``example_actions``
(the selected examples, moving between them). ``SHORTCUTS`` lists the keys for the shortcuts sheet (F1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

from app.formats.model import Kind
from app.services import dataset_admin as admin
from ui.datasets.dataset_actions import delete_dataset, duplicate_dataset, duplicates, export, rename, split
from ui.datasets.datasets_list import kind_label
from ui.datasets.example_actions import (
    add_example,
    delete_examples,
    duplicate_examples,
    move,
    next_error,
    set_split,
    system_prompt,
    tag,
)
from ui.i18n import TranslationContext

if TYPE_CHECKING:
    from ui.datasets.view import DatasetsView


Datasets = TranslationContext("Datasets")  # texts of module-level code (ui.i18n)


def _act(
    view: DatasetsView, text: str, slot: Any, shortcut: str | QKeySequence | None = None, tip: str = ""
) -> QAction:
    act = QAction(text, view)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shown = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(f"{tip or text.replace('&', '').rstrip('…')} ({shown})")
    elif tip:
        act.setToolTip(tip)
    act.triggered.connect(lambda _=False: slot())
    view.addAction(act)
    return act


def build_toolbar(view: DatasetsView) -> QToolBar:
    """The toolbar with the few actions that matter, and the view's keyboard shortcuts."""
    bar = QToolBar(Datasets.tr("Datasets"))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    view.new_menu = QMenu(Datasets.tr("New dataset"), view)
    for act in new_dataset_actions(view):
        view.new_menu.addAction(act)
    new_btn = QToolButton()
    new_btn.setText(Datasets.tr("New dataset"))
    new_btn.setMenu(view.new_menu)
    new_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    bar.addWidget(new_btn)
    bar.addAction(_act(view, Datasets.tr("&Import…"), view.import_file, "Ctrl+I",
                       Datasets.tr("Import a file as a new dataset")))
    view.export_action = _act(view, Datasets.tr("&Export…"), lambda: export(view), "Ctrl+E",
                              Datasets.tr("Write the dataset to a file"))
    bar.addAction(view.export_action)
    more = QMenu(Datasets.tr("Dataset"), view)
    more.addAction(_act(view, Datasets.tr("&Rename…"), lambda: rename(view), "F2"))
    more.addAction(_act(view, Datasets.tr("D&uplicate dataset"), lambda: duplicate_dataset(view)))
    more.addAction(_act(view, Datasets.tr("&Delete dataset…"), lambda: delete_dataset(view)))
    more.addSeparator()
    # In the menu rather than on the bar: with them the bar overflowed in Portuguese at 1280 px.
    more.addAction(_act(view, Datasets.tr("&Split…"), lambda: split(view),
                        tip=Datasets.tr("Split into training and validation")))
    more.addAction(_act(view, Datasets.tr("Find &duplicates…"), lambda: duplicates(view)))
    more_btn = QToolButton()
    more_btn.setText(Datasets.tr("Dataset"))
    more_btn.setMenu(more)
    more_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    bar.addWidget(more_btn)
    bar.addSeparator()

    undo = view.undo_stack.createUndoAction(view, Datasets.tr("Undo"))
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = view.undo_stack.createRedoAction(view, Datasets.tr("Redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    for a in (undo, redo):
        a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        view.addAction(a)
        bar.addAction(a)
    bar.addSeparator()
    bar.addAction(_act(view, Datasets.tr("New &example"), lambda: add_example(view), "Ctrl+N"))
    bulk = QMenu(Datasets.tr("Selected examples"), view)
    bulk.addAction(_act(view, Datasets.tr("Set &system prompt…"), lambda: system_prompt(view)))
    bulk.addAction(_act(view, Datasets.tr("Add &tag…"), lambda: tag(view, add=True)))
    bulk.addAction(_act(view, Datasets.tr("Remove t&ag…"), lambda: tag(view, add=False)))
    bulk.addAction(_act(view, Datasets.tr("Move to &training"), lambda: set_split(view, "train")))
    bulk.addAction(_act(view, Datasets.tr("Move to &validation"), lambda: set_split(view, "validation")))
    bulk.addAction(_act(view, Datasets.tr("D&uplicate"), lambda: duplicate_examples(view), "Ctrl+D"))
    bulk.addAction(_act(view, Datasets.tr("&Delete"), lambda: delete_examples(view), QKeySequence.StandardKey.Delete))
    bulk_btn = QToolButton()
    bulk_btn.setText(Datasets.tr("Selected examples"))
    bulk_btn.setMenu(bulk)
    bulk_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    bar.addWidget(bulk_btn)

    _act(view, Datasets.tr("Search"), lambda: (view.examples.search.setFocus(), view.examples.search.selectAll()),
         "Ctrl+F")
    _act(view, Datasets.tr("Next error"), lambda: view.tasks.spawn(next_error(view)), "F8")
    _act(view, Datasets.tr("Next example"), lambda: move(view, 1), "J")
    _act(view, Datasets.tr("Previous example"), lambda: move(view, -1), "K")
    return bar


SHORTCUTS = [  # (what, keys), translated in the DatasetsShortcuts context; keys only where they hold words
    (QT_TRANSLATE_NOOP("DatasetsShortcuts", "Import a file"), "Ctrl+I"),
    (QT_TRANSLATE_NOOP("DatasetsShortcuts", "Export"), "Ctrl+E"),
    (QT_TRANSLATE_NOOP("DatasetsShortcuts", "Rename dataset"), "F2"),
    (QT_TRANSLATE_NOOP("DatasetsShortcuts", "New example"), "Ctrl+N"),
    (QT_TRANSLATE_NOOP("DatasetsShortcuts", "Duplicate example"), "Ctrl+D"),
    (QT_TRANSLATE_NOOP("DatasetsShortcuts", "Delete examples"), "Del"),
    (QT_TRANSLATE_NOOP("DatasetsShortcuts", "Undo"), "Ctrl+Z"),
    (QT_TRANSLATE_NOOP("DatasetsShortcuts", "Redo"), "Ctrl+Shift+Z"),
    (QT_TRANSLATE_NOOP("DatasetsShortcuts", "Search"), "Ctrl+F"),
    (QT_TRANSLATE_NOOP("DatasetsShortcuts", "Next error"), "F8"),
    (QT_TRANSLATE_NOOP("DatasetsShortcuts", "Next / previous example"),
     QT_TRANSLATE_NOOP("DatasetsShortcuts", "J / K or ↓ / ↑")),
]



def new_dataset_actions(view: DatasetsView) -> list[QAction]:
    """"New dataset" entries, one per kind (the toolbar's menu and the empty state's button)."""
    out = []
    for kind in Kind:
        act = QAction(kind_label(kind), view)
        act.triggered.connect(lambda _=False, k=kind: view.tasks.spawn(_create(view, k)))
        out.append(act)
    return out


async def _create(view: DatasetsView, kind: Kind) -> None:
    project = view.ctx.project
    if project is None:
        return

    def make(db: Any) -> int:
        return admin.create_empty_dataset(db, admin.unique_name(db, Datasets.tr("New dataset")), kind)

    ds = await project.db.write(make)
    await view.reload_datasets(select=ds)
