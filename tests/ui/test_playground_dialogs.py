"""The Playground's "into the data" dialogs: save an (edited) answer as an SFT example into an existing
or a new dataset, clear messages for wrong input, and send a pair of answers to the annotator's queue
(models stored, hidden) or straight into a DPO dataset with the better answer right."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from app.formats.model import Kind
from app.runtime.threads import run_blocking
from app.services.importing import ImportRequest, run_import
from app.store import annotation_repo, datasets_repo
from tests.core.datasets.conftest import sft, write_jsonl
from tests.ui.conftest import until
from ui.playground.save_example_dialog import NEW_DATASET, SaveExampleDialog
from ui.playground.send_pair_dialog import SendPairDialog

CONVERSATION = [
    {"role": "system", "content": "You are a careful clerk."},
    {"role": "user", "content": "Who pays for repairs?"},
]


@pytest.fixture
def project(ctx, arun, tmp_path):
    """The start-up project with one SFT dataset "lease" of three examples."""
    arun(ctx.open_startup_project())
    path = tmp_path / "lease.jsonl"
    write_jsonl(path, [sft(i) for i in range(3)])
    result = arun(run_blocking(run_import, ctx.project, ImportRequest(path, name="lease")))
    ctx.lease_id = result.dataset_id
    SaveExampleDialog.last_dataset.clear()
    return ctx.project


@pytest.fixture
def host(qtbot):
    """A shown window the dialogs belong to (closing the last window would quit the app)."""
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    return w


def example(project, example_id):
    dataset_id, text = project.db.submit_read(datasets_repo.get_example, example_id).result()
    return dataset_id, json.loads(text)


def datasets(project):
    return {d.name: d for d in project.db.submit_read(datasets_repo.list_datasets).result()}


def select(combo, data):
    combo.setCurrentIndex(combo.findData(data))


def test_save_an_edited_answer_into_an_existing_then_a_new_dataset(ctx, project, arun, host):
    saved = []

    async def scenario():
        dlg = SaveExampleDialog(ctx, CONVERSATION, "The tenant, mostly.", host)
        dlg.example_saved.connect(lambda d, e: saved.append((d, e)))
        closed = []
        dlg.finished.connect(closed.append)
        dlg.open()
        await until(lambda: dlg.ready, what="datasets listed")
        assert "User: Who pays for repairs?" in dlg.conversation.toPlainText()
        assert dlg.conversation.isReadOnly() and not dlg.answer.isReadOnly()
        assert dlg.chooser.combo.currentData() == ctx.lease_id  # the only SFT dataset comes first
        dlg.answer.setPlainText("The landlord pays for structural repairs.")  # fixed before saving
        dlg.save_button.click()
        await until(lambda: saved, what="saved")
        await until(lambda: closed, what="closed")

        # The next dialog remembers the dataset; this time into a new one.
        dlg2 = SaveExampleDialog(ctx, CONVERSATION, "Ask the landlord.", host)
        dlg2.example_saved.connect(lambda d, e: saved.append((d, e)))
        dlg2.open()
        await until(lambda: dlg2.ready, what="datasets listed")
        assert dlg2.chooser.combo.currentData() == ctx.lease_id
        assert not dlg2.chooser.name_edit.isVisible()
        select(dlg2.chooser.combo, NEW_DATASET)
        assert dlg2.chooser.name_edit.isVisible()
        dlg2.chooser.name_edit.setText("From the playground")
        dlg2.activateWindow()
        dlg2.answer.setFocus()
        QTest.keyClick(dlg2.answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # saves from the text
        assert dlg2.answer.toPlainText() == "Ask the landlord."
        await until(lambda: len(saved) == 2, what="second save")

    arun(scenario())
    (lease_id, first_id), (new_id, second_id) = saved
    assert lease_id == ctx.lease_id
    dataset_id, obj = example(project, first_id)
    assert dataset_id == ctx.lease_id
    fixed = {"role": "assistant", "content": "The landlord pays for structural repairs."}
    assert obj["messages"] == [*CONVERSATION, fixed]
    infos = datasets(project)
    assert infos["lease"].examples == 4
    assert infos["From the playground"].id == new_id and infos["From the playground"].kind is Kind.SFT
    assert infos["From the playground"].examples == 1
    assert example(project, second_id)[1]["messages"][-1]["content"] == "Ask the landlord."
    assert SaveExampleDialog.last_dataset[str(project.path)] == new_id


def test_wrong_input_gets_a_clear_message_and_findings_are_shown_after_saving(ctx, project, arun, host):
    saved = []

    async def scenario():
        dlg = SaveExampleDialog(ctx, CONVERSATION, "   ", host)
        dlg.example_saved.connect(lambda d, e: saved.append((d, e)))
        dlg.open()
        await until(lambda: dlg.ready, what="datasets listed")
        dlg.save_button.click()
        assert dlg.message.isVisible() and "answer is empty" in dlg.message.text()
        dlg.answer.setPlainText("An answer.")
        select(dlg.chooser.combo, NEW_DATASET)
        dlg.chooser.name_edit.setText("  ")
        dlg.save_button.click()
        assert "Type a name for the new dataset" in dlg.message.text()
        dlg.chooser.name_edit.setText("LEASE")  # taken (case aside)
        dlg.save_button.click()
        assert "already exists" in dlg.message.text()
        await until(lambda: True)
        assert not saved and dlg.isVisible()

        # An empty user message: saved, but the dialog says what needs a look, in words.
        dlg2 = SaveExampleDialog(ctx, [{"role": "user", "content": ""}], "Hello.", host)
        dlg2.example_saved.connect(lambda d, e: saved.append((d, e)))
        dlg2.open()
        await until(lambda: dlg2.ready, what="datasets listed")
        dlg2.save_button.click()
        await until(lambda: saved, what="saved")
        await until(lambda: dlg2.message.isVisible(), what="findings shown")
        assert "needs a look" in dlg2.message.text() and "⚠ Warning: Message 1 (user) is empty" in dlg2.message.text()
        assert dlg2.isVisible() and dlg2.cancel_button.text() == "Close"

    arun(scenario())
    assert datasets(project)["lease"].examples == 4
    assert "LEASE" not in datasets(project)


ANSWERS = [
    ("Answer 1", "The tenant pays.", "gpt-4.1-mini-2025-04-14", "p1"),
    ("Answer 2", "The landlord pays.", "ft:gpt-4.1-mini-2025-04-14:acme::abc123", "p1"),
    ("Answer 3", "It depends on the lease.", "gpt-4o-mini-2024-07-18", "p2"),
]


def test_send_a_pair_to_a_new_queue_keeps_the_models_hidden_but_stored(ctx, project, arun, host):
    sent = []

    async def scenario():
        dlg = SendPairDialog(ctx, CONVERSATION, ANSWERS, host)
        dlg.sent.connect(sent.append)
        dlg.open()
        await until(lambda: dlg.ready, what="queues listed")
        assert dlg.to_queue.isChecked() and dlg.queue_combo.currentText() == "Playground comparisons"
        shown = " ".join(w.text() for w in dlg.findChildren(type(dlg.message)))
        assert "gpt-" not in shown and "ft:" not in shown  # models never shown
        select(dlg.second_combo, 0)
        dlg.send_button.click()
        assert "two different answers" in dlg.message.text()
        select(dlg.second_combo, 2)
        dlg.send_button.click()
        await until(lambda: sent, what="sent")

    arun(scenario())
    assert sent == ["Sent to the queue “Playground comparisons” (1 comparison in it)."]
    queues = project.db.submit_read(annotation_repo.list_queues).result()
    assert [(q.name, q.items) for q in queues] == [("Playground comparisons", 1)]
    ids = project.db.submit_read(annotation_repo.queue_items, queues[0].id).result()
    comparison = project.db.submit_read(annotation_repo.comparison, ids[0]).result()
    assert comparison.context == CONVERSATION and comparison.source == "playground"
    got = sorted((c.content["content"], c.model, c.profile_id) for c in comparison.candidates)
    assert got == sorted([(ANSWERS[0][1], ANSWERS[0][2], "p1"), (ANSWERS[2][1], ANSWERS[2][2], "p2")])


def test_send_a_pair_into_a_new_dpo_dataset_with_the_better_answer_first(ctx, project, arun, host):
    sent = []

    async def scenario():
        dlg = SendPairDialog(ctx, CONVERSATION, ANSWERS[:2], host)
        dlg.sent.connect(sent.append)
        dlg.open()
        await until(lambda: dlg.ready, what="lists read")
        dlg.to_dpo.setChecked(True)
        assert dlg.dpo_part.isEnabled() and not dlg.queue_part.isEnabled()
        assert [b.text() for b in dlg.better_buttons] == ["Answer 1", "Answer 2"]
        assert dlg.chooser.is_new()  # no DPO dataset yet; "lease" is SFT
        dlg.send_button.click()
        assert "which answer is better" in dlg.message.text()
        dlg.better_buttons[1].setChecked(True)
        dlg.chooser.name_edit.setText("Preferences")
        dlg.send_button.click()
        await until(lambda: sent, what="sent")

    arun(scenario())
    assert sent == ["Added to the DPO dataset “Preferences”."]
    info = datasets(project)["Preferences"]
    assert info.kind is Kind.DPO and info.examples == 1
    (example_id,) = project.db.submit_read(datasets_repo.example_ids, info.id).result()
    obj = example(project, example_id)[1]
    assert obj["input"]["messages"] == CONVERSATION
    assert obj["preferred_output"] == [{"role": "assistant", "content": "The landlord pays."}]
    assert obj["non_preferred_output"] == [{"role": "assistant", "content": "The tenant pays."}]
