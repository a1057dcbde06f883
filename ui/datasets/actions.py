"""The Datasets view's commands: toolbar, shortcuts, and the dialogs behind them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolBar, QToolButton

from app.formats.writers import WriteError
from app.services import dataset_admin as admin
from app.services import dataset_edits as edits
from app.services import dataset_organise as organise
from ui.datasets import commands
from ui.datasets.dialogs import DuplicatesDialog, PricesDialog, SplitDialog, SystemPromptDialog, TextDialog
from ui.i18n import TranslationContext

if TYPE_CHECKING:
    from ui.datasets.view import DatasetsView


Datasets = TranslationContext("Datasets")  # texts of module-level code (ui.i18n)

EXPORT_FILTERS = {  # translated where shown
    "openai": QT_TRANSLATE_NOOP("Datasets", "OpenAI training file (*.jsonl)"),
    "messages": QT_TRANSLATE_NOOP("Datasets", "Messages JSONL for local trainers (*.jsonl)"),
    "pairs": QT_TRANSLATE_NOOP("Datasets", "Preference pairs JSONL, prompt/chosen/rejected (*.jsonl)"),
}


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
    from ui.datasets.view import new_dataset_actions

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


# --- datasets -------------------------------------------------------------------------------------


def open_import(view: DatasetsView, path: str | None = None) -> None:
    """The import dialog; on success the new dataset is selected."""
    from ui.datasets.import_dialog import ImportDialog

    dlg = ImportDialog(view.ctx, path, view)
    dlg.imported.connect(lambda ds: view.tasks.spawn(view.reload_datasets(select=ds)))
    dlg.finding_activated.connect(lambda ds, line: view.tasks.spawn(view.jump_to_line(ds, line)))
    dlg.open()


def open_prices(view: DatasetsView) -> None:
    """Edit the training prices; saved in the settings."""
    dlg = PricesDialog(view.ctx.price_table(), view)

    def save(table: Any) -> None:
        view.ctx.settings.prices = table.to_dict()
        view.tasks.spawn(view.ctx.save_settings())
        view._overview_timer.start()

    dlg.chosen.connect(save)
    dlg.open()


def export(view: DatasetsView) -> None:
    """Save the dataset as a file (atomic)."""
    if view.dataset_id is None:
        return
    info = next(r for r in view.datasets_model.rows if r.id == view.dataset_id)
    dlg = QFileDialog(view, Datasets.tr("Export dataset"), str(Path.home() / f"{info.name}.jsonl"))
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    filters = {key: Datasets.tr(text) for key, text in EXPORT_FILTERS.items()}
    dlg.setNameFilters(list(filters.values()))
    dlg.setDefaultSuffix("jsonl")
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    ds = view.dataset_id

    def chosen(path: str) -> None:
        fmt = next(k for k, v in filters.items() if v == dlg.selectedNameFilter())
        view.tasks.spawn(run_export(view, ds, path, fmt))

    dlg.fileSelected.connect(chosen)
    dlg.open()


async def run_export(view: DatasetsView, dataset_id: int, path: str, fmt: str) -> int:
    """Write the file off the GUI thread and say how it went."""
    view.busy.started(Datasets.tr("Exporting to {path}…").format(path=path))
    try:
        n = await view.ctx.project.db.read(admin.export_dataset, dataset_id, path, fmt)
    except OSError as exc:
        # WriteError's reason is plain ("the disk is full — free some space…"); strerror is the OS's.
        why = exc.reason if isinstance(exc, WriteError) else (exc.strerror or str(exc))
        view.ctx.report_error(
            Datasets.tr("Could not write {path}: {why}. The previous file, if any, is unchanged.").format(
                path=path, why=why
            )
        )
        return 0
    finally:
        view.busy.finished()
    view.window().statusBar().showMessage(
        Datasets.tr("Exported %Ln example(s) to {path}", None, n).format(path=path), 8000
    )
    return n


def rename(view: DatasetsView) -> None:
    """Rename the dataset (undoable)."""
    if view.dataset_id is None:
        return
    info = next(r for r in view.datasets_model.rows if r.id == view.dataset_id)
    dlg = TextDialog(Datasets.tr("Rename dataset"), Datasets.tr("&Name:"), info.name, view)
    ds = view.dataset_id
    dlg.chosen.connect(
        lambda name: name and view._push(commands.rename_dataset(view.ctx.project, ds, name, view._done))
    )
    dlg.open()


def duplicate_dataset(view: DatasetsView) -> None:
    """Copy the dataset under a new name."""
    if view.dataset_id is None:
        return
    ds = view.dataset_id

    async def run() -> None:
        view.busy.started(Datasets.tr("Copying the dataset…"))
        try:
            new = await view.ctx.project.db.write(admin.duplicate_dataset, ds, None)
        finally:
            view.busy.finished()
        await view.reload_datasets(select=new)

    view.tasks.spawn(run())


def delete_dataset(view: DatasetsView) -> None:
    """Delete the dataset after a confirmation (this one cannot be undone)."""
    if view.dataset_id is None:
        return
    info = next(r for r in view.datasets_model.rows if r.id == view.dataset_id)
    question = (Datasets.tr("Delete “{name}” and its %Ln example(s)? This cannot be undone.", None, info.examples)
                if info.examples else Datasets.tr("Delete the empty dataset “{name}”? This cannot be undone."))
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        Datasets.tr("Delete dataset"),
        question.format(name=info.name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        view,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    ds = info.id

    async def run() -> None:
        view.busy.started(Datasets.tr("Deleting “{name}”…").format(name=info.name))
        try:
            await view.ctx.project.db.write(admin.delete_dataset, ds)
        finally:
            view.busy.finished()
        view.undo_stack.clear()  # earlier edits of that dataset can no longer be undone
        view.dataset_id = None
        await view.reload_datasets()

    box.finished.connect(lambda r: view.tasks.spawn(run()) if r == QMessageBox.StandardButton.Yes else None)
    box.open()


# --- examples -------------------------------------------------------------------------------------


def _selection(view: DatasetsView) -> list[int]:
    """What the user sees: the highlighted rows, else the example in the editor (ui.datasets.selection)."""
    shown = view.editor.example_id()  # not view.example_id: the editor may still be loading that one
    return view.examples.selected_ids() or ([] if shown is None else [shown])


def add_example(view: DatasetsView) -> None:
    """A new, empty example after the current one (or at the end), selected for editing."""
    if view.dataset_id is None or view.dataset_kind is None:
        return
    cur = view.examples.table.currentIndex()
    position = None
    if cur.isValid() and view.examples_model.sort_key == "position" and not view.examples_model.descending:
        position = view.examples_model.rows[cur.row()].position + 1
    data = edits.new_example_template(view.dataset_kind)
    view._push(commands.add_example(view.ctx.project, view.dataset_id, data, position, view._done))


def duplicate_examples(view: DatasetsView) -> None:
    """Copy the selected examples."""
    ids = _selection(view)
    if ids and view.dataset_id is not None:
        view._push(commands.duplicate_examples(view.ctx.project, view.dataset_id, ids, view._done))


def delete_examples(view: DatasetsView) -> None:
    """Delete the selected examples (undo brings them back)."""
    ids = _selection(view)
    if ids and view.dataset_id is not None:
        view._push(commands.delete_examples(view.ctx.project, view.dataset_id, ids, view._done))
        view.window().statusBar().showMessage(
            Datasets.tr("Deleted %Ln example(s). Undo with Ctrl+Z.", None, len(ids)), 8000
        )


def set_split(view: DatasetsView, split: str) -> None:
    """Move the selected examples to training or validation."""
    ids = _selection(view)
    if ids and view.dataset_id is not None:
        view._push(commands.set_split(view.ctx.project, view.dataset_id, ids, split, view._done))


def tag(view: DatasetsView, *, add: bool) -> None:
    """Add or remove a tag on the selected examples."""
    ids = _selection(view)
    if not ids or view.dataset_id is None:
        return
    title = Datasets.tr("Add tag") if add else Datasets.tr("Remove tag")
    dlg = TextDialog(title, Datasets.tr("&Tag:"), "", view)
    ds = view.dataset_id

    def apply(text: str) -> None:
        tags = set(organise.normalise_tags(text))
        if tags:
            view._push(
                commands.set_tags(view.ctx.project, ds, ids, tags if add else set(), set() if add else tags, view._done)
            )

    dlg.chosen.connect(apply)
    dlg.open()


def system_prompt(view: DatasetsView) -> None:
    """Set, replace or remove the system prompt of the selected examples."""
    ids = _selection(view)
    if not ids or view.dataset_id is None:
        return
    dlg = SystemPromptDialog(len(ids), view)
    ds = view.dataset_id
    dlg.chosen.connect(
        lambda text, mode: view._push(commands.set_system_prompt(view.ctx.project, ds, ids, text, mode, view._done))
    )
    dlg.open()


def split(view: DatasetsView) -> None:
    """Seeded split into training and validation."""
    if view.dataset_id is None:
        return
    info = next(r for r in view.datasets_model.rows if r.id == view.dataset_id)
    dlg = SplitDialog(info.examples, view)
    ds = view.dataset_id
    dlg.chosen.connect(
        lambda frac, seed: view._push(commands.split_dataset(view.ctx.project, ds, frac, seed, view._done))
    )
    dlg.open()


def duplicates(view: DatasetsView) -> None:
    """Find exact or normalised duplicates and remove them in one click."""
    if view.dataset_id is None:
        return
    dlg = DuplicatesDialog(view)
    ds = view.dataset_id

    async def check(normalised: bool) -> None:
        groups = await view.ctx.project.db.read(lambda db: organise.find_duplicates(db, ds, normalised=normalised))
        if view.tasks.alive and dlg.isVisible():
            dlg.show_groups(groups)

    dlg.check_requested.connect(lambda n: view.tasks.spawn(check(n)))
    dlg.remove_requested.connect(lambda n: view._push(commands.remove_duplicates(view.ctx.project, ds, n, view._done)))
    dlg.open()
    view.tasks.spawn(check(False))
    view.duplicates_dialog = dlg


async def next_error(view: DatasetsView) -> None:
    """Jump to the next example with an error, after the current one (wrapping around)."""
    if view.dataset_id is None:
        return
    ds, cur = view.dataset_id, view.example_id

    def find(db: Any) -> int | None:
        pos = -1
        if cur is not None:
            row = db.conn.execute("SELECT position FROM examples WHERE id = ?", (cur,)).fetchone()
            pos = row[0] if row else -1
        q = (
            "SELECT id FROM examples WHERE dataset_id = ? AND status = 'error' AND position {} ? "
            "ORDER BY position LIMIT 1"
        )
        hit = (
            db.conn.execute(q.format(">"), (ds, pos)).fetchone() or db.conn.execute(q.format(">="), (ds, 0)).fetchone()
        )
        return hit[0] if hit else None

    ex = await view.ctx.project.db.read(find)
    if ex is None:
        view.window().statusBar().showMessage(Datasets.tr("No errors in this dataset."), 5000)
        return
    await view.jump_to(ex)


def move(view: DatasetsView, step: int) -> None:
    """J/K: the next or previous example."""
    table = view.examples.table
    row = table.currentIndex().row() + step if table.currentIndex().isValid() else 0
    if 0 <= row < view.examples_model.rowCount():
        table.selectRow(row)
        table.setFocus()
