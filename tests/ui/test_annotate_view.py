"""The Annotate view driven from the keyboard: a whole judging session (undo, tie, both bad, skip,
note, rewrites) exported as DPO data and checked line by line; blindness (models hidden until
judged, left/right stable across reopening); the statistics tab against hand-computed figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import dataset_admin
from app.services.annotation_judging import judge
from app.store import datasets_repo
from tests.ui.annotate_support import MODELS, STYLE, fill_queue, key, make_queue, settle
from tests.ui.conftest import until

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def view(window):
    window.sidebar.setCurrentRow(1)
    return window.pages.widget(1)


async def open_queue(view, ctx, **kw) -> int:
    queue = make_queue(ctx.project, **kw)
    await view.reload_queues(select=queue)
    await until(lambda: view.session.item is not None, what="first comparison")
    await settle(view)
    view.panel.setFocus()
    return queue


def shown(view) -> tuple[int, str, str]:
    item = view.session.item
    return item.comparison.id, view.panel.left.text, view.panel.right.text


def visible_text(view) -> str:
    p = view.panel
    labels = [p.left.source, p.right.source, p.left.badge, p.right.badge, p.last, p.progress]
    texts = [w.text() for w in labels if w.isVisible()]
    return "\n".join(texts + [p.left.body.toPlainText(), p.right.body.toPlainText(), p.context.toPlainText()])


def test_keyboard_session_of_twenty_judgements_exports_the_right_pairs(view, ctx, arun, tmp_path):
    async def scenario():
        await open_queue(view, ctx, n=20)
        expected: dict[int, tuple[str, str]] = {}  # comparison id -> (preferred, rejected)
        question: dict[int, str] = {}

        async def press(k, expect=None, modifier=Qt.KeyboardModifier.NoModifier):
            cid, left, right = shown(view)
            question[cid] = view.session.item.comparison.context[-1]["content"]
            key(k, modifier)
            nxt = view.session.item  # the next comparison is on screen at once, no await in between
            assert (nxt is None and len(view.session.mine) == 20) or nxt.comparison.id != cid
            if expect == "left":
                expected[cid] = (left, right)
            elif expect == "right":
                expected[cid] = (right, left)
            elif expect == "none":
                expected.pop(cid, None)
            await settle(view)
            return cid, left, right

        await press(K.Key_1, "left")
        await press(K.Key_Right, "right")
        await press(K.Key_3, "none")  # tie: left out
        await press(K.Key_4, "none")  # both bad, no rewrite: listed for rewriting
        skipped, _, _ = await press(K.Key_Space, "none")
        # a change of mind: B, undo (the same comparison comes back), then A
        undone, _, _ = await press(K.Key_2, "right")
        key(K.Key_Z, CTRL)
        assert view.session.item.comparison.id == undone
        await settle(view)
        await press(K.Key_1, "left")
        # a rewrite of the better answer: E right after judging, Ctrl+Enter saves (+ an SFT example)
        rewritten, left, right = await press(K.Key_2)
        key(K.Key_E)
        await until(lambda: view.panel.rewriting, what="rewrite editor")
        editor = view.panel.rewrite
        assert QApplication.focusWidget() is editor.edit
        assert editor.edit.toPlainText() == right  # prefilled with the better answer (B)
        key(K.Key_A, CTRL)
        key("The tenant pays small repairs; the landlord pays the rest (clause 6).")
        key(K.Key_Tab)
        assert QApplication.focusWidget() is editor.also_sft
        key(K.Key_Space)
        key(K.Key_Return, CTRL)
        expected[rewritten] = ("The tenant pays small repairs; the landlord pays the rest (clause 6).", left)
        assert not view.panel.rewriting and view.panel.hasFocus()
        await settle(view)
        # both bad, then rewritten: the answer it started from (A) becomes the rejected one
        weak, left, _ = await press(K.Key_4)
        key(K.Key_E)
        await until(lambda: view.panel.rewriting, what="rewrite editor")
        assert editor.edit.toPlainText() == left and editor.start.isVisible()
        assert editor.also_sft.isChecked()  # the choice sticks, with the dataset made the first time
        key(K.Key_End, CTRL)
        key(" Small repairs only.")
        key(K.Key_Return, CTRL)
        expected[weak] = (left + " Small repairs only.", left)
        await settle(view)
        # a note: N, type (the digits must not judge), Esc, then the verdict
        key(K.Key_N)
        key("clause 1 and 2 are clearer in B")
        key(K.Key_Escape)
        noted, _, _ = await press(K.Key_2, "right")
        for i in range(11):
            await press(K.Key_1 if i % 3 else K.Key_Left, "left")
        assert view.panel.pages.currentWidget() is view.panel.message_page  # all judged
        assert "All 20 comparisons" in view.panel.message.text()
        assert view.panel.progress.text().endswith("Done 19 / 20 (you: 19) · 1 skipped")
        assert view.queue_combo.currentText() == "Leases — 19 / 20 done"
        assert [r[2] for r in view.items.model.rows].count("skip") == 1
        last = next(reversed(expected))
        key(K.Key_Z, CTRL)  # undo works from the "all judged" page too
        assert view.session.item.comparison.id == last and view.panel.pages.currentWidget() is not None
        await settle(view)
        assert view.panel.progress.text().endswith("Done 18 / 20 (you: 18) · 1 skipped")
        key(K.Key_1)
        await settle(view)
        assert view.panel.pages.currentWidget() is view.panel.message_page

        project = ctx.project
        stored = project.db.submit_read(lambda db: db.conn.execute(
            "SELECT comparison_id, verdict, rationale FROM judgements").fetchall()).result()
        assert len(stored) == 20
        assert {c: (v, r) for c, v, r in stored}[noted] == ("win", "clause 1 and 2 are clearer in B")
        assert {c: v for c, v, _ in stored}[skipped] == "skip"
        sft = [d for d in project.db.submit_read(datasets_repo.list_datasets).result() if d.name == "Leases rewrites"]
        assert len(sft) == 1 and sft[0].examples == 2

        # Export through the dialog, from the keyboard: Ctrl+E, the suggested name, Enter.
        key(K.Key_E, CTRL)
        dialog = view.dialogs.get("export_dialog")
        assert dialog is not None and dialog.isVisible() and not dialog.isModal()
        await until(lambda: dialog.export_button.isEnabled(), what="export ready")
        assert dialog.dataset_name() == "Leases preferences"
        exported = []
        dialog.exported.connect(exported.append)
        assert QApplication.focusWidget() is dialog.name_edit
        key(K.Key_Return)
        await until(lambda: exported, what="exported")
        result = dialog.result
        assert result.dataset_id == exported[0]
        dialog.close()
        out = tmp_path / "prefs.jsonl"
        project.db.submit_read(dataset_admin.export_dataset, result.dataset_id, str(out)).result()
        lines = Path(out).read_text(encoding="utf-8").splitlines()
        order = sorted(expected, key=lambda c: int(question[c].split()[1].rstrip(":")))
        assert len(lines) == len(order)
        for line, cid in zip(lines, order, strict=True):
            obj = json.loads(line)
            assert obj["input"]["messages"][-1]["content"] == question[cid]
            assert obj["preferred_output"] == [{"role": "assistant", "content": expected[cid][0]}]
            assert obj["non_preferred_output"] == [{"role": "assistant", "content": expected[cid][1]}]

    arun(scenario(), timeout=30)


def test_typing_in_the_note_never_judges(view, ctx, arun):
    async def scenario():
        await open_queue(view, ctx, n=3)
        first = view.session.item.comparison.id
        key(K.Key_N)
        assert QApplication.focusWidget() is view.panel.note
        key("1 2 3 4 e n d r")
        key(K.Key_Space)
        key(K.Key_Left)
        await settle(view)
        assert view.session.item.comparison.id == first and not view.session.mine
        assert not view.panel.diff_box.isChecked() and not view.panel.reveal_box.isChecked()
        key(K.Key_Escape)
        assert view.panel.hasFocus()
        key(K.Key_4)
        await settle(view)
        assert view.session.mine == {first: "both_bad"}

    arun(scenario())


def test_models_are_hidden_until_judged_and_shown_only_with_reveal(view, ctx, arun):
    async def scenario():
        await open_queue(view, ctx, n=3)
        key(K.Key_R)  # reveal on: still hidden before the judgement
        assert view.panel.reveal_box.isChecked()
        text = visible_text(view)
        assert not any(m in text for m in MODELS)
        cid, _, _ = shown(view)
        key(K.Key_1)
        await settle(view)
        assert "A was lease-model-" in view.panel.last.text()  # the one just judged
        assert not view.panel.left.source.isVisible()  # the next one: hidden
        assert not any(m in visible_text(view).replace(view.panel.last.text(), "") for m in MODELS)
        await view.session.jump_to(cid)  # back to the judged one: its sources show
        assert view.panel.left.source.isVisible() and view.panel.left.source.text().startswith("from lease-model-")
        key(K.Key_R)  # reveal off: hidden again
        assert not any(m in visible_text(view) for m in MODELS)

    arun(scenario())


def test_left_right_assignment_is_stable_across_closing_and_reopening(view, ctx, arun):
    async def scenario():
        await open_queue(view, ctx, n=12)
        seen = {}
        for _ in range(12):
            cid, left, right = shown(view)
            seen[cid] = (left, right)
            key(K.Key_Space)
            await settle(view)
        # both orders occur (it is random per comparison), and not by queue position alone
        assert {STYLE[MODELS[0]] in left for left, _ in seen.values()} == {True, False}
        path = ctx.project.path
        await ctx.new_project(path.with_name("other.ftproj"))  # the first project is closed
        await until(lambda: view.session.queue_id is None, what="other project shown")
        await ctx.open_project(path)
        await until(lambda: view.session.queue_id is not None, what="reopened")
        for cid in seen:
            await view.session.jump_to(cid)
            assert shown(view) == (cid, *seen[cid])

    arun(scenario(), timeout=20)


def test_statistics_tab_shows_hand_computed_figures(view, ctx, arun):
    """Two annotators on four comparisons (slot 0 = model x, slot 1 = model y).

    ann: x, x, tie, y     bob: x, y, tie, y (bob also both-bad on the 5th, ann skips it)
    overlap 4, agreement 3/4 = 75 %; labels ann (x,x,t,y) bob (x,y,t,y): p_o = .75,
    p_e = (2/4·1/4) + (1/4·2/4) + (1/4·1/4) = 5/16, kappa = (.75 − .3125)/(1 − .3125) = 0.636…
    Model x over 9 decided judgements: wins 3 (ann 2, bob 1), ties 2, losses 3, both bad 1;
    win-rate (3 + 1)/8 = 50 %.
    """
    async def scenario():
        project = ctx.project

        def setup(db):
            queue = fill_queue(db, n=5, name="Pairs", seed=3)
            ids = [r[0] for r in db.conn.execute(
                "SELECT id FROM comparisons WHERE queue_id = ? ORDER BY position", (queue,))]
            from app.services.annotation_judging import load_item

            def side_of(cid, slot, who):
                item = load_item(db, cid, who)
                return "left" if item.left.slot == slot else "right"

            plan = {"ann": [0, 0, "tie", 1, "skip"], "bob": [0, 1, "tie", 1, "both_bad"]}
            for who, verdicts in plan.items():
                for cid, v in zip(ids, verdicts, strict=True):
                    if isinstance(v, int):
                        judge(db, cid, who, "win", side_of(cid, v, who))
                    else:
                        judge(db, cid, who, v)
            return queue

        queue = project.db.submit_write(setup).result()
        ctx.settings.annotator = "ann"
        await view.reload_queues(select=queue)
        view.tabs.setCurrentWidget(view.stats)
        await until(lambda: view.stats.stats is not None and view.stats.stats.queue == "Pairs", what="stats")
        t = view.stats.agreement
        row = [t.item(0, c).text() for c in range(t.columnCount())]
        assert row == ["ann · bob", "4", "75 %", "0.64", "substantial"]
        m = view.stats.models
        rows = {m.item(r, 0).text(): [m.item(r, c).text() for c in range(1, m.columnCount())]
                for r in range(m.rowCount())}
        assert rows[MODELS[0]][:5] == ["3", "2", "3", "1", "50 %"]
        assert rows[MODELS[1]][:5] == ["3", "2", "3", "1", "50 %"]
        low, high = rows[MODELS[0]][5].split(" – ")
        assert low == "22 %" and high == "78 %"  # Wilson 95 % for 4 of 8
        bias = view.stats.bias.text()
        assert "Everyone: the left answer won" in bias and "You (ann)" in bias

    arun(scenario())


def test_diff_highlight_list_filter_and_jump_back(view, ctx, arun):
    from ui.annotate.conversation_view import colours

    async def scenario():
        await open_queue(view, ctx, n=6)
        mark = colours(view.panel.palette())["mark"]
        assert mark not in view.panel.left.body.toHtml()
        key(K.Key_D)
        await until(lambda: mark in view.panel.left.body.toHtml(), what="diff highlight")
        assert mark in view.panel.right.body.toHtml()
        judged = []
        for k in (K.Key_1, K.Key_3, K.Key_4, K.Key_Space):
            judged.append(view.session.item.comparison.id)
            key(k)
            await settle(view)
            assert mark in view.panel.left.body.toHtml()  # loaded ahead with its highlight
        model = view.items.model
        assert [r[2] for r in model.rows] == ["win", "tie", "both_bad", "skip"]
        assert model.data(model.index(0, 1)) == "✓ A better"
        view.items.filter.setCurrentIndex(view.items.filter.findData("tie"))
        assert [r[0] for r in model.rows] == [judged[1]]
        # keyboard: into the list, Enter jumps back to the tie, which can be judged anew
        view.items.list.setFocus()
        view.items.list.setCurrentIndex(model.index(0, 0))
        key(K.Key_Return)
        await until(lambda: view.session.item.comparison.id == judged[1] and view.panel.hasFocus(), what="jump")
        assert view.panel.left.badge.text() == "<b>= Tie</b>"
        key(K.Key_2)
        await settle(view)
        assert view.session.mine[judged[1]] == "win" and model.rows == []  # no tie left
        view.items.filter.setCurrentIndex(0)
        assert model.data(model.index(1, 1)) == "✓ B better"
        assert view.session.item.comparison.id not in judged  # on to the next unjudged one
        view.items.list.setFocus()
        key(K.Key_Escape)
        assert view.panel.hasFocus()

    arun(scenario())


def test_annotator_name_and_the_toolbar_dialogs(view, ctx, arun):
    async def scenario():
        await open_queue(view, ctx, n=4)
        key(K.Key_1)
        await settle(view)
        assert view.panel.progress.text().endswith("(you: 1)")
        # another name: the queue reopens for that annotator, and the name is saved
        view.annotator_edit.setText("Bea")
        view.annotator_edit.editingFinished.emit()
        await until(lambda: view.session.annotator == "Bea" and view.session.item is not None, what="reopened")
        await settle(view)
        assert view.panel.progress.text().endswith("Done 1 / 4 (you: 0)")
        assert ctx.settings.annotator == "Bea"

        def saved_name() -> str:
            return json.loads(ctx.dirs.settings_file.read_text(encoding="utf-8")).get("annotator", "")

        await until(lambda: saved_name() == "Bea", what="the name saved")  # written on a worker thread
        # the toolbar opens the other dialogs without blocking the app
        for name, opener in (("import_dialog", view.open_import), ("generate_dialog", view.open_generate),
                             ("merge_dialog", view.open_merge), ("export_dialog", view.open_export)):
            dialog = opener()
            assert dialog is view.dialogs[name] and dialog.isVisible() and not dialog.isModal(), name
            await settle(view)
            dialog.close()

    arun(scenario())
