"""The Datasets view acts on what the user sees: after an added example is taken back with undo
(the table reloads), Delete — like every action on the selected examples — deletes the highlighted
row or the example in the editor, never an example the view remembered from before the reload.
And the editor never goes back to a text older than what the user typed."""

from __future__ import annotations

import asyncio

import pytest

from tests.ui.conftest import until
from tests.ui.test_datasets_view import data_of, import_through_dialog, make_file


@pytest.fixture
def view(window):
    v = window.pages.widget(0)
    window.sidebar.setCurrentRow(0)
    return v


def ids_in(ctx, dataset_id: int) -> list[int]:
    return ctx.project.db.submit_read(lambda db: [r[0] for r in db.conn.execute(
        "SELECT id FROM examples WHERE dataset_id = ? ORDER BY position", (dataset_id,))]).result()


def seen_and_acted_on(view) -> tuple:
    """(the editor's example, the view's current example, the highlighted rows' examples)."""
    return view.editor.example_id(), view.example_id, view.examples.selected_ids()


def consistent(view) -> bool:
    shown, current, highlighted = seen_and_acted_on(view)
    return shown == current and highlighted == ([] if current is None else [current])


async def settle(view) -> None:
    await view.examples_model.wait_idle()
    await until(lambda: view.tasks.running == 0 and view.busy.running == 0, what="the view idle")
    await view.examples_model.wait_idle()


async def show(view, example_id: int) -> None:
    """Click the example's row, as a user does, and wait until the editor shows it."""
    view.examples.table.selectRow(view.examples_model.row_of(example_id))
    await until(lambda: view.editor.example_id() == example_id, what=f"editor showing {example_id}")


async def add_undo_delete(view, ctx, ds: int, shown: int, victim: int, undo_when: str, resets: list) -> None:
    """Show ``shown``, add an example, undo the add, select ``victim``, delete it; then undo that."""
    from ui.datasets import example_actions

    await show(view, shown)
    before = ids_in(ctx, ds)
    saved = len(resets)
    example_actions.add_example(view)  # Ctrl+N: a new example after the current one, selected
    if undo_when == "saved":  # Ctrl+Z as soon as the add is saved (the table reloads)
        while len(resets) == saved:
            await asyncio.sleep(0)
    elif undo_when == "shown":
        await until(lambda: view.editor.example_id() not in (None, *before), what="the new example shown")
    # "queued": Ctrl+N Ctrl+Z in a row, the add's row selected only once the undo is under way
    view.undo_stack.undo()
    await until(lambda: ids_in(ctx, ds) == before, what="the add taken back")
    await settle(view)
    # The example gone is neither shown nor acted on; the editor and the highlight agree.
    assert consistent(view), seen_and_acted_on(view)
    assert set(seen_and_acted_on(view)[:2]) <= {None, *before}, seen_and_acted_on(view)

    await show(view, victim)
    assert seen_and_acted_on(view) == (victim, victim, [victim])
    example_actions.delete_examples(view)  # Del
    await until(lambda: victim not in ids_in(ctx, ds), what="the selected example deleted")
    await settle(view)
    assert ids_in(ctx, ds) == [i for i in before if i != victim]  # that one, and only that one
    assert consistent(view), seen_and_acted_on(view)  # nothing shows the deleted example
    view.undo_stack.undo()
    await until(lambda: ids_in(ctx, ds) == before, what="the delete undone")
    await settle(view)
    assert seen_and_acted_on(view) == (victim, victim, [victim])  # an undone delete selects it again


@pytest.mark.parametrize("undo_when", ["shown", "saved", "queued"])
def test_add_undo_then_delete_deletes_the_example_the_user_selected(view, ctx, arun, tmp_path, undo_when):
    async def scenario():
        dlg, ds = await import_through_dialog(view, make_file(tmp_path, n=12, bad=False))
        dlg.close()
        ids = ids_in(ctx, ds)
        resets: list[int] = []
        view.examples_model.modelReset.connect(lambda: resets.append(1))
        for shown, victim in ((0, 5), (7, 2), (11, 3), (4, 4)):
            await add_undo_delete(view, ctx, ds, ids[shown], ids[victim], undo_when, resets)

    arun(scenario(), timeout=60)


def test_a_reload_read_before_an_edit_was_saved_does_not_put_the_old_text_back(view, ctx, arun, tmp_path):
    """Selecting away and back quickly starts a second load of the example; if it read the example
    before the user's edit was saved, the editor must not show (and go on from) the old text."""
    import threading

    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    async def scenario():
        dlg, ds = await import_through_dialog(view, make_file(tmp_path, n=5, bad=False))
        dlg.close()
        ex = ids_in(ctx, ds)[1]
        await show(view, ex)
        gate = threading.Event()
        ctx.project.db.submit_write(lambda _db: gate.wait(10))  # the writer busy: the edit waits its turn
        try:
            reload = view.tasks.spawn(view.load_example(ex))  # a second load in flight
            await asyncio.sleep(0)  # it has read the example, as it is before the edit
            box = view.editor.conversation.cards[2].content_editor
            box.setFocus()
            box.moveCursor(QTextCursor.MoveOperation.End)
            QTest.keyClicks(box, " typed")
            view.editor.flush()  # leaving the field: the edit is reported (and queued)
            await reload
            assert view.editor.current_data()["messages"][2]["content"].endswith(" typed")
        finally:
            gate.set()
        await until(lambda: data_of(ctx, ex).endswith(' typed"}]}'), what="the edit saved")
        await settle(view)
        assert view.editor.current_data()["messages"][2]["content"].endswith(" typed")

    arun(scenario(), timeout=30)


def test_redo_after_another_example_was_made_meanwhile_changes_only_its_own_example(view, ctx, arun, tmp_path):
    """Ctrl+N, type, Ctrl+Z twice; meanwhile another example is made elsewhere (the Playground's
    "Save as example", an import). Redo brings back the added example under its own id with the text
    typed, and leaves the other example alone — ids freed by an undo are never given to another."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from app.formats.model import Kind
    from app.services import dataset_admin, dataset_edits
    from tests.core.datasets.conftest import sft
    from ui.datasets import example_actions

    async def scenario():
        dlg, ds = await import_through_dialog(view, make_file(tmp_path, n=5, bad=False))
        dlg.close()
        before = ids_in(ctx, ds)
        await show(view, before[1])
        example_actions.add_example(view)
        await until(lambda: view.editor.example_id() not in (None, *before), what="the new example shown")
        added = view.editor.example_id()
        box = view.editor.conversation.cards[-1].content_editor
        box.setFocus()
        box.moveCursor(QTextCursor.MoveOperation.End)
        QTest.keyClicks(box, "Prazo de 30 dias")
        view.editor.flush()
        await until(lambda: "Prazo de 30 dias" in data_of(ctx, added), what="the typing saved")
        await settle(view)
        view.undo_stack.undo()  # the typing
        view.undo_stack.undo()  # the add
        await until(lambda: ids_in(ctx, ds) == before, what="both undone")
        await settle(view)

        def made_elsewhere(db):
            other = dataset_admin.create_empty_dataset(db, "Saved from the Playground", Kind.SFT)
            return dataset_edits.add_example(db, other, sft(99))

        elsewhere = await ctx.project.db.write(made_elsewhere)
        kept = data_of(ctx, elsewhere)
        assert elsewhere != added

        view.undo_stack.redo()
        view.undo_stack.redo()
        await until(lambda: added in ids_in(ctx, ds) and "Prazo de 30 dias" in data_of(ctx, added),
                    what="the add and the typing redone")
        await settle(view)
        assert ids_in(ctx, ds) == [*before[:2], added, *before[2:]]  # back in its place, same id
        assert data_of(ctx, elsewhere) == kept  # the other example untouched

    arun(scenario(), timeout=40)
