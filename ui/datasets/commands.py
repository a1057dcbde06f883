"""Undoable edits of the Datasets view. Every edit is committed to the project as it happens;
undo is another committed write that puts the old values back.

A command's ``do`` runs on the project's single writer thread and returns what its ``undo`` needs.
Writes run in submission order, so an undo submitted right after its redo still sees the redo's
result (``future.result()`` inside the writer thread never waits).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtGui import QUndoCommand

from app.services import dataset_admin as admin
from app.services import dataset_edits as edits
from app.services import dataset_organise as organise
from ui.i18n import TranslationContext

log = logging.getLogger(__name__)
Job = Callable[[Any], Any]  # fn(db) -> result


@dataclass
class Touched:
    """What an edit changed, so the view refreshes just that."""

    dataset_id: int
    example_ids: list[int] = field(default_factory=list)
    rows_moved: bool = False  # examples added, removed or reordered: reload the table
    select: int | None = None  # example to select afterwards
    reload: bool = True  # the editor must re-read the content (False: the edit came from the editor)


class DbCommand(QUndoCommand):
    """An edit whose redo/undo are writer-thread jobs; ``on_done(touched, error)`` runs on the GUI loop."""

    def __init__(
        self,
        text: str,
        project: Any,
        do: Job,
        undo: Callable[[Any], Job],
        touched: Callable[[Any, bool], Touched],
        on_done: Callable[[Touched | None, BaseException | None], None],
        again: Callable[[Any], Job] | None = None,
    ) -> None:
        super().__init__(text)
        self._project = project
        self._do, self._undo, self._touched, self._on_done = do, undo, touched, on_done
        # A redo after an undo, given what the undo returned: an add is redone by putting the very
        # rows back (same ids), so later commands that name those ids still find them.
        self._again = again
        self._result: Future | None = None
        self._undone: Future | None = None
        self.on_start: Callable[[str], None] | None = None  # e.g. a busy indicator

    def _submit(self, job: Job, undoing: bool) -> None:
        if self.on_start is not None:
            self.on_start(self.text())
        fut = self._project.db.submit_write(job)
        if undoing:
            self._undone = fut
        else:
            self._result = fut

        async def finish() -> None:
            try:
                result = await asyncio.wrap_future(fut)
            except Exception as exc:  # noqa: BLE001 - reported in the view
                log.exception("edit failed")
                self.setObsolete(True)
                self._on_done(None, exc)
                return
            redo_result = self._result.result() if self._result is not None and self._result.done() else result
            self._on_done(self._touched(redo_result if undoing else result, undoing), None)

        asyncio.ensure_future(finish())

    def redo(self) -> None:  # noqa: D102 - Qt override
        undone, again = self._undone, self._again
        if undone is None or again is None:
            self._submit(self._do, undoing=False)
            return

        def job(db: Any) -> Any:
            return again(undone.result())(db)

        self._submit(job, undoing=False)

    def undo(self) -> None:  # noqa: D102 - Qt override
        redo_future = self._result

        def job(db: Any) -> Any:
            return self._undo(redo_future.result())(db)  # type: ignore[union-attr]

        self._submit(job, undoing=True)


# --- factories: one per kind of edit -------------------------------------------------------------


DatasetEdits = TranslationContext("DatasetEdits")


def edit_example(project, dataset_id: int, example_id: int, data: dict, on_done) -> DbCommand:  # noqa: ANN001
    """Replace an example's content (from the editor)."""
    return DbCommand(
        DatasetEdits.tr("Edit example"), project,
        lambda db: edits.set_example_data(db, example_id, data),
        lambda old: (lambda db: edits.restore_data(db, {example_id: old})),
        lambda _r, undoing: Touched(dataset_id, [example_id], reload=undoing),
        on_done,
    )


def set_tags(project, dataset_id: int, ids: list[int], add: set[str], remove: set[str], on_done) -> DbCommand:  # noqa: ANN001
    """Add or remove tags on examples."""
    return DbCommand(
        DatasetEdits.tr("Change tags"), project,
        lambda db: organise.set_tags(db, ids, add=add, remove=remove),
        lambda prev: (lambda db: organise.restore_tags(db, prev)),
        lambda _r, undoing: Touched(dataset_id, list(ids), reload=undoing),
        on_done,
    )


def set_note(project, dataset_id: int, example_id: int, note: str, on_done) -> DbCommand:  # noqa: ANN001
    """Change an example's note."""
    return DbCommand(
        DatasetEdits.tr("Edit note"), project,
        lambda db: organise.set_note(db, example_id, note),
        lambda prev: (lambda db: organise.set_note(db, example_id, prev)),
        lambda _r, undoing: Touched(dataset_id, [example_id], reload=undoing),
        on_done,
    )


def set_split(project, dataset_id: int, ids: list[int], split: str, on_done) -> DbCommand:  # noqa: ANN001
    """Move examples to training or validation."""
    return DbCommand(
        DatasetEdits.tr("Set split"), project,
        lambda db: organise.set_split(db, ids, split),
        lambda prev: (lambda db: organise.restore_splits(db, prev)),
        lambda _r, _u: Touched(dataset_id, list(ids)),
        on_done,
    )


def delete_examples(project, dataset_id: int, ids: list[int], on_done) -> DbCommand:  # noqa: ANN001
    """Delete examples (undo restores them exactly, in place)."""
    return DbCommand(
        DatasetEdits.tr("Delete %Ln example(s)", None, len(ids)), project,
        lambda db: edits.delete_examples(db, ids),
        lambda stored: (lambda db: edits.restore_examples(db, stored)),
        lambda _r, undoing: Touched(dataset_id, list(ids), rows_moved=True, select=ids[0] if undoing else None),
        on_done,
    )


def add_example(project, dataset_id: int, data: dict, position: int | None, on_done) -> DbCommand:  # noqa: ANN001
    """Add an example (at ``position`` or at the end) and select it."""
    return DbCommand(
        DatasetEdits.tr("Add example"), project,
        lambda db: edits.add_example(db, dataset_id, data, position=position),
        lambda new_id: (lambda db: edits.delete_examples(db, [new_id])),
        lambda new_id, undoing: Touched(dataset_id, [new_id], rows_moved=True, select=None if undoing else new_id),
        on_done,
        again=lambda stored: (lambda db: _put_back(db, stored)[0]),
    )


def duplicate_examples(project, dataset_id: int, ids: list[int], on_done) -> DbCommand:  # noqa: ANN001
    """Copy examples (each copy right after its original)."""
    return DbCommand(
        DatasetEdits.tr("Duplicate %Ln example(s)", None, len(ids)), project,
        lambda db: edits.duplicate_examples(db, ids),
        lambda new_ids: (lambda db: edits.delete_examples(db, new_ids)),
        lambda new_ids, undoing: Touched(dataset_id, list(new_ids), rows_moved=True,
                                         select=None if undoing else new_ids[0]),
        on_done,
        again=lambda stored: (lambda db: _put_back(db, stored)),
    )


def _put_back(db: Any, stored: list) -> list[int]:
    """Redo of an add or a copy: the rows its undo removed, back with their ids (dataset order)."""
    edits.restore_examples(db, stored)
    return [s.id for s in sorted(stored, key=lambda s: (s.dataset_id, s.position))]


def set_system_prompt(project, dataset_id: int, ids: list[int], text: str | None, mode: str, on_done) -> DbCommand:  # noqa: ANN001
    """Set, replace or remove the system prompt of examples."""
    return DbCommand(
        DatasetEdits.tr("Change system prompt"), project,
        lambda db: edits.set_system_prompt(db, ids, text, mode=mode),
        lambda prev: (lambda db: edits.restore_data(db, prev)),
        lambda _r, _u: Touched(dataset_id, list(ids)),
        on_done,
    )


def split_dataset(project, dataset_id: int, fraction: float, seed: int, on_done) -> DbCommand:  # noqa: ANN001
    """Split into training and validation (seeded)."""
    return DbCommand(
        DatasetEdits.tr("Split into training and validation"), project,
        lambda db: organise.split_dataset(db, dataset_id, fraction, seed),
        lambda result: (lambda db: organise.restore_splits(db, result.previous)),
        lambda _r, _u: Touched(dataset_id, [], rows_moved=True),
        on_done,
    )


def remove_duplicates(project, dataset_id: int, normalised: bool, on_done) -> DbCommand:  # noqa: ANN001
    """Delete all but the first of each group of duplicates."""
    return DbCommand(
        DatasetEdits.tr("Remove duplicates"), project,
        lambda db: organise.remove_duplicates(db, dataset_id, normalised=normalised),
        lambda stored: (lambda db: edits.restore_examples(db, stored)),
        lambda _r, _u: Touched(dataset_id, [], rows_moved=True),
        on_done,
    )


def rename_dataset(project, dataset_id: int, name: str, on_done) -> DbCommand:  # noqa: ANN001
    """Rename a dataset."""
    return DbCommand(
        DatasetEdits.tr("Rename dataset"), project,
        lambda db: admin.rename_dataset(db, dataset_id, name),
        lambda prev: (lambda db: admin.rename_dataset(db, dataset_id, prev)),
        lambda _r, _u: Touched(dataset_id, []),
        on_done,
    )
