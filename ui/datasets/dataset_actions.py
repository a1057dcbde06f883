"""The Datasets view's commands on a dataset as a whole: import, prices, export, rename, copy,
delete, split into training and validation, and finding duplicates, with the dialogs behind them.

The edits among them (rename, split, removing duplicates) are pushed as undoable commands
(``ui.datasets.commands``); deleting a dataset asks first, as it cannot be undone.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.formats.writers import WriteError
from app.services import dataset_admin as admin
from app.services import dataset_organise as organise
from ui.datasets import commands
from ui.datasets.dialogs import DuplicatesDialog, PricesDialog, SplitDialog, TextDialog
from ui.i18n import TranslationContext

if TYPE_CHECKING:
    from ui.datasets.view import DatasetsView


Datasets = TranslationContext("Datasets")  # texts of module-level code (ui.i18n)

EXPORT_FILTERS = {  # translated where shown
    "openai": QT_TRANSLATE_NOOP("Datasets", "OpenAI training file (*.jsonl)"),
    "messages": QT_TRANSLATE_NOOP("Datasets", "Messages JSONL for local trainers (*.jsonl)"),
    "pairs": QT_TRANSLATE_NOOP("Datasets", "Preference pairs JSONL, prompt/chosen/rejected (*.jsonl)"),
}


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
