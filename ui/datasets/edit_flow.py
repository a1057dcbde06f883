"""The Datasets view's part in editing examples: the example chosen in the table goes into the
editor, every edit made there (content, tags, note) is pushed as an undoable command, and once a
command is committed (or undone) the view refreshes just what it touched.

``ExampleEditFlow`` is mixed into ``DatasetsView``, whose state it uses; the toolbar's commands
(``example_actions``, ``dataset_actions``) push their edits through the same ``_push`` / ``_done``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.formats.model import Kind
from app.services import dataset_admin as admin
from ui.datasets import commands, selection

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex

    from ui.app_context import AppContext
    from ui.datasets.editor import ExampleEditorWidget
    from ui.datasets.examples_model import ExamplesTableModel
    from ui.tasks import TaskScope
    from ui.widgets.busy_bar import BusyBar


class ExampleEditFlow:
    """Loading the current example and committing its edits (mixed into ``DatasetsView``)."""

    ctx: AppContext
    tasks: TaskScope
    busy: BusyBar
    editor: ExampleEditorWidget
    examples_model: ExamplesTableModel
    dataset_id: int | None
    dataset_kind: Kind | None
    example_id: int | None
    _typed: int  # edits reported by the editor so far (see load_example)

    def _on_example_row(self, current: QModelIndex, _prev: QModelIndex) -> None:
        ex = self.examples_model.example_id(current.row()) if current.isValid() else None
        if ex != self.example_id:
            self.example_id = ex
            self.tasks.spawn(self.load_example(ex))

    async def load_example(self, example_id: int | None, *, keep_text: bool = False) -> None:
        """Show an example in the editor (``keep_text``: only refresh its findings)."""
        project = self.ctx.project
        if example_id is None or project is None:
            self.editor.set_example(None, self.dataset_kind or Kind.SFT, None)
            return
        typed = self._typed
        try:
            d = await project.db.read(admin.get_example_detail, example_id)
        except LookupError:  # deleted meanwhile (an undone add): the editor must not show another one
            if self.tasks.alive and example_id == self.example_id:
                selection.forget_current(self)
            return
        if not self.tasks.alive or example_id != self.example_id:
            return
        if typed != self._typed and self.editor.example_id() == example_id:
            return  # read before the user's edit was saved: it would put the old text back (its save reloads)
        if keep_text:
            self.editor.show_findings(d.findings)
        else:
            self.editor.set_example(d.id, d.kind, d.data, d.findings, d.tags, d.note)

    def _push(self, command: commands.DbCommand) -> None:
        command.on_start = lambda what: self.busy.started(self.tr("Saving: {what}…").format(what=what))
        self.undo_stack.push(command)

    def _done(self, touched: commands.Touched | None, error: BaseException | None) -> None:
        """After any edit is committed (or failed): refresh what it touched."""
        self.busy.finished()
        if error is not None:
            self.ctx.report_error(self.tr("The change could not be saved: {e}").format(e=error), error)
            return
        if touched is None or not self.tasks.alive:
            return
        self._list_timer.start()
        self._overview_timer.start()
        if touched.dataset_id != self.dataset_id:
            return
        if touched.rows_moved:
            self.examples_model.refresh()  # clears the table's selection (silently)
            if touched.select is not None:
                self.tasks.spawn(self.jump_to(touched.select, ""))
            else:
                self.tasks.spawn(selection.keep_current(self))
        else:
            self.examples_model.refresh_rows(touched.example_ids)
            if self.example_id in touched.example_ids:
                # An edit typed in the editor only needs fresh findings; undo and bulk edits reload the text.
                self.tasks.spawn(self.load_example(self.example_id, keep_text=not touched.reload))

    def _on_example_edited(self, example_id: int, data: dict) -> None:
        self._typed += 1
        if self.ctx.project is None or self.dataset_id is None:
            return
        self._push(commands.edit_example(self.ctx.project, self.dataset_id, example_id, data, self._done))

    def _on_tags_edited(self, example_id: int, tags: list) -> None:
        if self.ctx.project is None or self.dataset_id is None:
            return
        self.tasks.spawn(self._retag(example_id, [t.strip() for t in tags if t.strip()]))

    async def _retag(self, example_id: int, tags: list[str]) -> None:
        d = await self.ctx.project.db.read(admin.get_example_detail, example_id)
        add, remove = set(tags) - set(d.tags), set(d.tags) - set(tags)
        if add or remove:
            self._push(commands.set_tags(self.ctx.project, self.dataset_id, [example_id], add, remove, self._done))

    def _on_note_edited(self, example_id: int, note: str) -> None:
        if self.ctx.project is not None and self.dataset_id is not None:
            self._push(commands.set_note(self.ctx.project, self.dataset_id, example_id, note, self._done))
