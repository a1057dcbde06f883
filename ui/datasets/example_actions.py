"""The Datasets view's commands on examples: add, copy, delete, move to training or validation,
tag, set the system prompt, and moving between examples (J/K, F8 for the next error).

The bulk commands act on what the user sees (``ui.datasets.selection``): the highlighted rows, or
with none highlighted the example in the editor. Each is pushed as an undoable command
(``ui.datasets.commands``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.services import dataset_edits as edits
from app.services import dataset_organise as organise
from ui.datasets import commands
from ui.datasets.dialogs import SystemPromptDialog, TextDialog
from ui.i18n import TranslationContext

if TYPE_CHECKING:
    from ui.datasets.view import DatasetsView


Datasets = TranslationContext("Datasets")  # texts of module-level code (ui.i18n)


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
