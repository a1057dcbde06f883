"""A burst of edits in the real Datasets view (offscreen Qt), reported as they are committed.

    python edit_child.py PROJECT SEED

The view is driven as a user would: select a row, type into the assistant message, leave the
field (the editor reports the edit), undo, redo, add an example, delete one. Each step's expected
result is printed BEFORE it starts and its commit AFTER the view heard back from the writer thread:

    {"submit": SEQ, "op": "edit"|"undo"|"redo"|"add"|"delete", "id": ID|null, "value": TEXT|null}
    {"commit": SEQ, "id": ID}

``value`` is the example's assistant text afterwards, ``null`` for "no such example" (deleted).
An added example's id is only known at its commit (and a redo of an add makes a new id). The
parent kills this process at some random moment and checks the project against these lines.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WORDS = ["lease", "tenant", "clause", "repair", "landlord", "deposit", "notice"]
TEMPLATE_TEXT = ""  # dataset_edits.new_example_template: the new assistant message is empty


def say(obj: dict[str, Any]) -> None:
    print(json.dumps(obj), flush=True)


async def until(predicate: Any, timeout: float = 10.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            say({"error": f"timed out waiting for {what}"})
            raise SystemExit(3)
        await asyncio.sleep(0.003)


@dataclass
class Step:
    """One undoable command as the view's undo stack holds it."""

    op: str  # edit / add / delete
    id: int | None
    before: str | None
    after: str | None


class Driver:
    """Drives the view and mirrors its undo stack to know what each step should leave behind."""

    def __init__(self, view: Any, content: dict[int, str], rng: random.Random) -> None:
        self.view, self.content, self.rng = view, content, rng
        self.stack: list[Step] = []
        self.index = 0
        self.seq = 0
        self.done: list[Any] = []  # Touched of each finished command, in order
        original = view._done

        def on_done(touched: Any, error: BaseException | None) -> None:
            original(touched, error)
            if error is not None:
                say({"error": f"edit failed: {error}"})
            self.done.append(touched)

        view._done = on_done  # the commands are created with view._done at push time

    # --- helpers ----------------------------------------------------------------------------
    def _submit(self, op: str, ex: int | None, value: str | None) -> int:
        self.seq += 1
        say({"submit": self.seq, "op": op, "id": ex, "value": value})
        return self.seq

    async def _committed(self, seqs: list[int], ids: list[int | None]) -> list[Any]:
        first = len(self.done)
        await until(lambda: len(self.done) >= first + len(seqs), what="commit")
        touched = self.done[first:first + len(seqs)]
        for seq, ex in zip(seqs, ids, strict=True):
            say({"commit": seq, "id": ex})
        return touched

    async def _show(self, ex: int) -> Any:
        """Select ``ex`` in the table and wait until the editor shows its stored text."""
        view = self.view
        row: int | None = None

        def shown() -> bool:
            data = view.editor.current_data()
            return view.editor.example_id() == ex and data is not None and (
                data["messages"][2].get("content") == self.content[ex])

        def state() -> str:
            data = view.editor.current_data()
            text = data["messages"][2].get("content") if data else None
            return f"editor showing {ex}: it shows {view.editor.example_id()} {text!r}, row {row}"

        deadline = time.monotonic() + 10
        while not shown():
            # A jump still under way (to an example an undo brought back) may take the selection
            # after us: select again, as a user would click again.
            await view.examples_model.wait_idle()
            row = view.examples_model.row_of(ex)
            if row is None:
                await view.jump_to(ex)
            elif view.examples.table.currentIndex().row() != row:
                view.examples.table.selectRow(row)
            if time.monotonic() > deadline:
                say({"error": f"timed out waiting for {state()}"})
                raise SystemExit(3)
            await asyncio.sleep(0.01)
        return view.editor.conversation.cards[2].content_editor

    def _push(self, step: Step) -> None:
        del self.stack[self.index:]
        self.stack.append(step)
        self.index += 1

    # --- the user's actions -----------------------------------------------------------------
    async def edit(self, burst: int) -> None:
        from PySide6.QtGui import QTextCursor
        from PySide6.QtTest import QTest

        ex = self.rng.choice(sorted(self.content))
        box = await self._show(ex)
        seqs = []
        for _ in range(burst):  # several edits of one example in a row, before any is committed
            before = self.content[ex]
            word = f"{self.rng.choice(WORDS)}q{self.seq + 1}x"  # unique per edit: found in the index
            after = f"{before} {word}"
            seqs.append(self._submit("edit", ex, after))
            box.setFocus()
            box.moveCursor(QTextCursor.MoveOperation.End)
            QTest.keyClicks(box, f" {word}")
            self.view.editor.flush()  # as leaving the field does
            if self.view.editor.current_data()["messages"][2]["content"] != after:
                say({"error": "the editor did not take the typing"})
                raise SystemExit(3)
            self.content[ex] = after
            self._push(Step("edit", ex, before, after))
        await self._committed(seqs, [ex] * burst)

    async def undo(self) -> None:
        if self.index == 0 or not self.view.undo_stack.canUndo():
            return
        step = self.stack[self.index - 1]
        self.index -= 1
        seq = self._submit("undo", step.id, step.before)
        self.view.editor.flush()
        self.view.undo_stack.undo()
        self._apply(step.id, step.before)
        await self._committed([seq], [step.id])

    async def redo(self) -> None:
        if self.index == len(self.stack) or not self.view.undo_stack.canRedo():
            return
        step = self.stack[self.index]
        self.index += 1
        if step.op == "add":  # a redone add makes a new example (new id), known at its commit
            seq = self._submit("redo", None, step.after)
            self.view.undo_stack.redo()
            touched = (await self._new_id_commit(seq))
            step.id = touched
            self.content[touched] = step.after  # type: ignore[assignment]
            return
        seq = self._submit("redo", step.id, step.after)
        self.view.undo_stack.redo()
        self._apply(step.id, step.after)
        await self._committed([seq], [step.id])

    async def _new_id_commit(self, seq: int) -> int:
        first = len(self.done)
        await until(lambda: len(self.done) > first, what="add commit")
        new_id = self.done[first].example_ids[0]
        say({"commit": seq, "id": new_id})
        return new_id

    async def add(self) -> None:
        from ui.datasets import example_actions

        await self._show(self.rng.choice(sorted(self.content)))
        seq = self._submit("add", None, TEMPLATE_TEXT)
        example_actions.add_example(self.view)
        new_id = await self._new_id_commit(seq)
        self.content[new_id] = TEMPLATE_TEXT
        self._push(Step("add", new_id, None, TEMPLATE_TEXT))

    async def delete(self) -> None:
        from ui.datasets import example_actions

        if len(self.content) < 5:
            return
        ex = self.rng.choice(sorted(self.content))
        await self._show(ex)
        before = self.content[ex]
        seq = self._submit("delete", ex, None)
        example_actions.delete_examples(self.view)
        del self.content[ex]
        self._push(Step("delete", ex, before, None))
        await self._committed([seq], [ex])

    def _apply(self, ex: int | None, value: str | None) -> None:
        assert ex is not None
        if value is None:
            self.content.pop(ex, None)
        else:
            self.content[ex] = value


async def main(path: str, seed: int) -> None:
    from app.paths import app_dirs
    from app.services import dataset_admin
    from ui.app_context import AppContext
    from ui.main_window import MainWindow

    ctx = AppContext(app_dirs().ensure())
    await ctx.load_settings()
    window = MainWindow(ctx)  # the whole window: the view reports in its status bar
    window.resize(1400, 900)
    window.show()
    await ctx.open_project(Path(path))
    view = window.pages.widget(0)
    window.sidebar.setCurrentRow(0)
    await until(lambda: view.dataset_id is not None, what="dataset selected")
    await view.examples_model.wait_idle()
    ds = view.dataset_id
    # The starting point (nothing edited yet): each example's assistant text.
    ids = await ctx.project.db.read(lambda db: [r[0] for r in db.conn.execute(
        "SELECT id FROM examples WHERE dataset_id = ? ORDER BY position", (ds,))])
    content = {}
    for ex in ids:
        detail = await ctx.project.db.read(dataset_admin.get_example_detail, ex)
        content[ex] = detail.data["messages"][2]["content"]
    driver = Driver(view, content, random.Random(seed))
    say({"ready": ds})
    actions = [("edit", 5), ("undo", 2), ("redo", 1), ("add", 1), ("delete", 1)]
    names = [a for a, _ in actions]
    weights = [w for _, w in actions]
    for _ in range(400):
        action = driver.rng.choices(names, weights)[0]
        if action == "edit":
            await driver.edit(burst=driver.rng.choice((1, 1, 2, 3)))
        else:
            await getattr(driver, action)()
    say({"finished": True})
    await asyncio.sleep(120)


if __name__ == "__main__":
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    loop.run_until_complete(main(sys.argv[1], int(sys.argv[2])))
