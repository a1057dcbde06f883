"""Which example the Datasets view is on: the table's selection, the editor and ``view.example_id``
kept in step, because the bulk actions (Delete, Duplicate, tags, split, system prompt) act on the
highlighted rows — or, with none highlighted, on the example in the editor.

Two things used to pull them apart:

- a reload of the table (after examples were added, removed or moved) clears Qt's selection
  without any signal, so the view kept its old current example — one an undo may just have
  deleted — while the editor showed another; ``keep_current`` highlights the current example
  again where it now is, or empties the editor if it no longer exists;
- a jump computed a row number, awaited, then selected whatever example had that row by then
  (an add undone before its jump landed); ``jump_to`` selects the example's own row or nothing.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView

from app.formats.model import Kind
from app.store.example_pages import ExampleFilter, position_of

if TYPE_CHECKING:
    from ui.datasets.view import DatasetsView

_SELECT_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


def _locate(db: Any, dataset_id: int, flt: ExampleFilter, example_id: int, sort: str,
            descending: bool) -> tuple[bool, int | None, int | None]:
    """Whether the example is in the dataset, its row under ``flt``, and (if ``flt`` hides it) its
    row with no filter."""
    found = db.conn.execute("SELECT 1 FROM examples WHERE id = ? AND dataset_id = ?", (example_id, dataset_id))
    if found.fetchone() is None:
        return False, None, None
    row = position_of(db, dataset_id, flt, example_id, sort, descending)
    bare = position_of(db, dataset_id, ExampleFilter(), example_id, sort, descending) if row is None else None
    return True, row, bare


async def _row_of(view: DatasetsView, example_id: int, *, reveal: bool) -> tuple[bool, int | None]:
    """Whether the example (still) exists, and its row once loaded (None: not in the list).

    ``reveal``: clear a filter that hides it. The row returned is the one the model holds the
    example in now, never a row number computed before an await (the list may have been reloaded).
    """
    project, ds, model = view.ctx.project, view.dataset_id, view.examples_model
    row = model.row_of(example_id)
    if row is not None:
        return True, row
    if project is None or ds is None:
        return True, None  # nothing known: not "gone"
    exists, row, bare = await project.db.read(
        _locate, ds, model.filter, example_id, model.sort_key, model.descending)
    if not exists or not view.tasks.alive or view.dataset_id != ds:
        return exists, None
    if row is None:
        if not reveal or bare is None:
            return True, None
        view.examples.search.clear()  # hidden by the filter: clear it so the example can be shown
        view.examples.status.setCurrentIndex(0)
        model.set_filter(ExampleFilter())
        row = bare
    await model.ensure_loaded(row)
    if not view.tasks.alive:
        return True, None
    return True, model.row_of(example_id)


def _select(view: DatasetsView, row: int) -> None:
    view.examples.table.selectionModel().setCurrentIndex(view.examples_model.index(row, 0), _SELECT_ROW)


def forget_current(view: DatasetsView) -> None:
    """The current example no longer exists: no current example, an empty editor."""
    view.example_id = None
    view.editor.set_example(None, view.dataset_kind or Kind.SFT, None)


async def jump_to(view: DatasetsView, example_id: int, path: str = "") -> None:
    """Select an example in the table (loading pages, clearing a filter that hides it) and focus
    ``path`` in the editor. Selects nothing if the example is gone by the time its row is known."""
    _exists, row = await _row_of(view, example_id, reveal=True)
    if row is None or not view.tasks.alive:
        return
    _select(view, row)
    view.examples.table.scrollTo(view.examples_model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
    view.side.setCurrentWidget(view.editor)
    if path:
        await asyncio.sleep(0)  # the editor fills itself when the selection lands
        for _ in range(50):
            if view.editor.example_id() == example_id:
                break
            await asyncio.sleep(0.02)
        view.editor.focus_path(path)


async def keep_current(view: DatasetsView) -> None:
    """After the table was reloaded: highlight the current example again, or, if it no longer
    exists, empty the editor. Does nothing if another example was chosen meanwhile."""
    example_id = view.example_id
    if example_id is None:
        return
    exists, row = await _row_of(view, example_id, reveal=False)
    if not view.tasks.alive or view.example_id != example_id or view.examples.table.currentIndex().isValid():
        return  # the user (or a jump) picked an example meanwhile
    if row is not None:
        _select(view, row)  # same example: the editor keeps its state (and any typing)
    elif not exists:
        forget_current(view)
    # else: hidden by the filter; the editor still shows it, and with no row highlighted that is
    # what the actions act on.
