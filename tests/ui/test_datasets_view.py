"""The Datasets view driven through its real widgets: import, edit, undo/redo, weight, tool calls,
split, duplicates, export, and jumping from a finding to its example."""

from __future__ import annotations

import asyncio
import json

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from app.store import datasets_repo
from tests.core.datasets.conftest import sft
from tests.ui.conftest import until


def data_of(ctx, example_id: int) -> str:
    return ctx.project.db.submit_read(
        lambda db: db.conn.execute("SELECT data FROM examples WHERE id = ?", (example_id,)).fetchone()[0]
    ).result()


@pytest.fixture
def view(window):
    v = window.pages.widget(0)
    window.sidebar.setCurrentRow(0)
    return v


def make_file(tmp_path, n=30, bad=True, name="contracts.jsonl", extra=None):
    lines = [json.dumps(sft(i)) for i in range(n)]
    if extra:
        lines += [json.dumps(e) for e in extra]
    if bad:
        lines.insert(4, "{oops")
        lines.insert(9, "[1, 2]")
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def import_through_dialog(view, path):
    view.import_file(str(path))
    dlg = next(d for d in view.findChildren(QDialog) if d.__class__.__name__ == "ImportDialog" and d.isVisible())
    await until(lambda: dlg._inspection is not None and dlg.import_button.isEnabled(), what="file inspected")
    done = []
    dlg.imported.connect(done.append)
    dlg.start_import()
    await until(lambda: done, timeout=20, what="import")
    await until(lambda: view.dataset_id == done[0], what="dataset selected")
    await view.examples_model.wait_idle()
    return dlg, done[0]


def test_empty_state_then_import_with_bad_lines_reports_each_line(view, ctx, arun, tmp_path):
    async def scenario():
        await until(lambda: view.stack.currentWidget() is view.empty, what="empty state")
        dlg, ds = await import_through_dialog(view, make_file(tmp_path))
        assert view.stack.currentWidget() is view.upper
        text = dlg.report.report_text()
        assert "5\t" in text and "10\t" in text  # both bad lines, by number
        assert view.examples_model.total == 30
        assert view.datasets_model.rows[0].name == "contracts"
        dlg.close()

    arun(scenario(), timeout=30)


def test_edit_undo_redo_reach_the_database(view, ctx, arun, tmp_path):
    async def scenario():
        dlg, ds = await import_through_dialog(view, make_file(tmp_path, bad=False))
        dlg.close()
        view.examples.table.selectRow(2)
        await until(lambda: view.editor.example_id() is not None, what="editor filled")
        ex = view.editor.example_id()
        original = data_of(ctx, ex)
        box = view.editor.conversation.cards[2].content_editor
        box.setPlainText("The landlord pays, under clause 7.")
        view.editor.flush()
        await until(lambda: "clause 7" in data_of(ctx, ex), what="edit saved")
        assert view.undo_stack.canUndo()
        view.undo_stack.undo()
        await until(lambda: data_of(ctx, ex) == original, what="undo restores the exact text")
        await until(lambda: "clause 7" not in view.editor.current_data()["messages"][2]["content"], what="editor")
        view.undo_stack.redo()
        await until(lambda: "clause 7" in data_of(ctx, ex), what="redo")

    arun(scenario(), timeout=30)


def test_weight_toggle_and_invalid_tool_call_json(view, ctx, arun, tmp_path):
    async def scenario():
        dlg, ds = await import_through_dialog(view, make_file(tmp_path, bad=False))
        dlg.close()
        view.examples.table.selectRow(0)
        await until(lambda: view.editor.example_id() is not None, what="editor filled")
        ex = view.editor.example_id()
        card = view.editor.conversation.cards[2]
        card.weight.click()
        await until(lambda: '"weight":0' in data_of(ctx, ex).replace(" ", ""), what="weight saved")
        card.calls.add_call()
        row = card.calls.rows[-1]
        QTest.keyClicks(row.name, "lookup_clause")
        row.arguments.editor.setPlainText('{"clause": ')
        assert not row.arguments.error.isHidden()  # the error shows as you type
        view.editor.flush()
        await until(lambda: "lookup_clause" in data_of(ctx, ex), what="tool call saved")
        view.side.setCurrentWidget(view.validation)
        tree = view.validation.tree

        def groups():
            return [tree.topLevelItem(i).text(0).lower() for i in range(tree.topLevelItemCount())]

        await until(lambda: any("arguments not json" in g for g in groups()), what="finding listed")

    arun(scenario(), timeout=30)


def test_validation_finding_and_f8_jump_to_the_example(view, ctx, arun, tmp_path):
    broken = sft(99)
    broken["messages"].pop()
    async def scenario():
        dlg, ds = await import_through_dialog(view, make_file(tmp_path, bad=False, extra=[broken]))
        dlg.close()
        tree = view.validation.tree

        def groups():
            return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]

        await until(lambda: any("No assistant answer" in g for g in groups()), what="findings shown")
        head = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                    if "No assistant answer" in tree.topLevelItem(i).text(0))
        view.validation._activated(head.child(0), 0)
        await until(lambda: view.examples.table.currentIndex().row() == 30, what="jumped to the example")
        await until(lambda: view.editor.example_id() == view.example_id, what="editor shows it")
        view.examples.table.selectRow(0)
        from ui.datasets.example_actions import next_error

        await next_error(view)
        assert view.examples.table.currentIndex().row() == 30

    arun(scenario(), timeout=30)


def test_split_dedup_and_export(view, ctx, arun, tmp_path):
    async def scenario():
        dupes = [sft(3), sft(4)]
        dlg, ds = await import_through_dialog(view, make_file(tmp_path, bad=False, extra=dupes))
        dlg.close()
        from ui.datasets import dataset_actions

        dataset_actions.split(view)
        split_dlg = next(d for d in view.findChildren(QDialog) if d.__class__.__name__ == "SplitDialog")
        split_dlg.percent.setValue(25)
        assert "24 examples for training, 8 for validation" in split_dlg.sizes.text()
        split_dlg.accept()

        def splits(db):
            return db.conn.execute(
                "SELECT split, COUNT(*) FROM examples WHERE dataset_id=? GROUP BY split", (ds,)).fetchall()

        await until(lambda: dict(ctx.project.db.submit_read(splits).result()).get("validation") == 8, what="split")

        dataset_actions.duplicates(view)
        dd = view.duplicates_dialog
        await until(lambda: "groups of duplicates" in dd.result.text(), what="duplicates found")
        assert dd.result.text().startswith("2 groups of duplicates: 2 examples would be removed, keeping the first")
        dd.accept()
        await until(lambda: view.examples_model.total == 30, what="duplicates removed")
        view.undo_stack.undo()
        await until(lambda: view.examples_model.total == 32, what="undo restores them")
        view.undo_stack.redo()
        await until(lambda: view.examples_model.total == 30, what="redo")

        out = tmp_path / "out.jsonl"
        n = await dataset_actions.run_export(view, ds, str(out), "openai")
        expected = ctx.project.db.submit_read(lambda db: list(datasets_repo.iter_example_data(db, ds))).result()
        assert n == 30 and out.read_text(encoding="utf-8") == "".join(t + "\n" for t in expected)
        assert out.read_text(encoding="utf-8").splitlines()[0] == json.dumps(sft(0))  # byte-exact with the import

    arun(scenario(), timeout=40)


def test_new_example_and_delete_with_undo(view, ctx, arun, tmp_path):
    async def scenario():
        dlg, ds = await import_through_dialog(view, make_file(tmp_path, n=12, bad=False))
        dlg.close()
        from ui.datasets import example_actions

        view.examples.table.selectRow(0)
        await until(lambda: view.editor.example_id() is not None, what="selected")
        example_actions.add_example(view)
        await until(lambda: view.examples_model.total == 13, what="added")
        await until(lambda: view.examples.table.currentIndex().row() == 1, what="new example selected")
        view.examples.table.selectRow(5)
        await asyncio.sleep(0.05)
        example_actions.delete_examples(view)
        await until(lambda: view.examples_model.total == 12, what="deleted")
        view.undo_stack.undo()
        await until(lambda: view.examples_model.total == 13, what="undone")

    arun(scenario(), timeout=30)


def test_slow_work_shows_a_busy_strip_and_quick_work_does_not(view, ctx, arun, tmp_path):
    async def scenario():
        dlg, ds = await import_through_dialog(view, make_file(tmp_path, n=12, bad=False))
        dlg.close()
        view.busy.started("Deleting…")  # as a long write does
        await asyncio.sleep(0.1)
        assert not view.busy.isVisible()  # nothing flashes for quick work
        await until(lambda: view.busy.isVisible(), what="strip shown after 300 ms")
        assert view.busy.label.text() == "Deleting…"
        view.busy.finished()
        assert not view.busy.isVisible()
        # A real undoable edit starts and ends the count.
        from ui.datasets import example_actions

        view.examples.table.selectRow(0)
        example_actions.set_split(view, "validation")
        await until(lambda: view.busy.running == 0, what="edit finished")

    arun(scenario(), timeout=30)
