"""The Playground against the stand-in server: streamed 2- and 3-pane compares, Stop one and Stop all,
blind mode (and proof that each pane called its own model), a failing pane beside a working one,
save-to-SFT and send-pair through the real dialogs, history across a project reopen, open_model from
the Jobs view's signal, and closing the window mid-stream."""

from __future__ import annotations

import asyncio
import json
import logging
import random

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.formats.model import Kind
from app.models.connection import ConnectionProfile, ProviderKind
from app.secrets import keystore
from app.store import annotation_repo, datasets_repo, playground_repo
from tests.ui.conftest import until
from tests.ui.playground_support import (
    FOUR_O,
    FULL,
    MINI,
    TUNED,
    all_done,
    answer_of,
    playground_fixture,  # noqa: F401 - the "pg" fixture
    ready,
    say_who,
    set_models,
    type_and_send,
)


def chat_requests(standin):
    return standin.requests_to("/chat/completions", "POST")


def test_two_panes_stream_side_by_side_with_times_tokens_and_cost(pg, ctx, arun, standin_shared):
    standin_shared.reply_text = say_who
    standin_shared.stream_delay = 0.03

    async def scenario():
        profile = await ready(pg, ctx, standin_shared)
        set_models(pg, [MINI, FOUR_O], profile)
        assert not standin_shared.requests_to("/models")  # nothing listed before the user reaches for it
        QTest.mouseClick(pg.panes[0].picker.model_combo.lineEdit(), Qt.MouseButton.LeftButton)
        await until(lambda: MINI in pg.panes[0].picker.model_ids(), what="the model list")
        assert pg.panes[0].picker.model_ids()[0] == TUNED  # fine-tuned models first
        type_and_send(pg, "Who are you?")
        assert not pg.message_bar.send_button.isEnabled()  # no second turn while answering
        await until(lambda: "I am" in pg.panes[0].transcript.toPlainText(), what="the first pieces")
        first_seen = len(pg.panes[0].transcript.toPlainText())
        assert pg.streams.running
        await until(lambda: len(pg.panes[0].transcript.toPlainText()) > first_seen + 5, what="more text")
        assert "first token" in pg.panes[0].status.text() or "Waiting" in pg.panes[0].status.text()
        await all_done(pg)
        for i, model in enumerate([MINI, FOUR_O]):
            answer = answer_of(pg, i)
            assert answer.text == say_who(type("R", (), {"model": model})())
            assert answer.error is None and not answer.stopped
            status = pg.panes[i].status.text()
            assert status.startswith("✔ Done in") and "in / " in status and "$" in status
            assert answer.stats.first_token_s is not None and answer.stats.prompt_tokens
            assert pg.panes[i].save_button.isEnabled()
        requests = chat_requests(standin_shared)
        assert sorted(r.json["model"] for r in requests) == sorted([MINI, FOUR_O])
        assert all(r.json["stream"] is True and r.json["stream_options"] == {"include_usage": True}
                   for r in requests)
        assert pg.message_bar.send_button.isEnabled() and pg.message_bar.text() == ""
        assert pg.message_bar.history.item(0).text().startswith("1. Who are you?")

    arun(scenario())


def test_three_panes_stop_one_then_stop_all(pg, ctx, arun, standin_shared):
    standin_shared.reply_text = say_who
    standin_shared.stream_delay = 0.05

    async def scenario():
        profile = await ready(pg, ctx, standin_shared)
        set_models(pg, [MINI, FOUR_O, FULL], profile)
        assert len(pg.panes) == 3 and pg.pane_splitter.count() == 3
        type_and_send(pg, "Hello")
        await until(lambda: all(a.text for a in pg.session.turns[-1].answers), what="every pane streaming")
        pg.panes[1].stop_button.click()
        await until(lambda: not pg.streams.is_running(1), what="pane 2 stopped")
        assert pg.streams.is_running(0) and pg.streams.is_running(2)  # the others go on
        await all_done(pg)
        assert answer_of(pg, 1).stopped and answer_of(pg, 1).text
        assert pg.panes[1].status.text().startswith("■ Stopped after")
        assert "stopped here" in pg.panes[1].transcript.toPlainText()
        assert not answer_of(pg, 0).stopped and not answer_of(pg, 2).stopped

        type_and_send(pg, "And again")
        await until(lambda: any(a.text for a in pg.session.turns[-1].answers), what="second turn streaming")
        pg.message_bar.message.setFocus()
        QTest.keyClick(pg.message_bar.message, Qt.Key.Key_Escape)  # Stop all
        await all_done(pg)
        assert all(a.stopped for a in pg.session.turns[-1].answers)
        assert pg.message_bar.send_button.isEnabled()
        # The second turn carried each pane's own first answer (pane 2's partial one) in its history.
        second = [r for r in chat_requests(standin_shared) if len(r.json["messages"]) > 1]
        assert sorted(r.json["model"] for r in second) == sorted([MINI, FOUR_O, FULL])
        for r in second:
            earlier = r.json["messages"][1]["content"]
            assert earlier and say_who(type("R", (), {"model": r.json["model"]})()).startswith(earlier)
    arun(scenario())


def test_blind_mode_hides_shuffles_and_each_pane_calls_its_own_model(pg, ctx, arun, standin_shared):
    standin_shared.reply_text = lambda req: f"I am {req.model}"
    pg.rng = random.Random(3)

    async def scenario():
        profile = await ready(pg, ctx, standin_shared)
        models = [MINI, FOUR_O, FULL]
        set_models(pg, models, profile)
        pg.blind_action.trigger()  # Ctrl+B
        order = pg.session.display_order()
        assert order != [0, 1, 2]
        assert [pg.pane_splitter.widget(pos) for pos in range(3)] == [pg.panes[i] for i in order]
        for pos, i in enumerate(order):
            pane = pg.panes[i]
            assert pane.title_text() == f"Model {pos + 1}"
            assert not pane.picker.isVisible()
            assert all(m not in pane.title_text() for m in models)
        assert pg.reveal_action.isEnabled()
        pg.message_bar.message.setFocus()
        QTest.keyClicks(pg.message_bar.message, "Which model are you?")
        QTest.keyClick(pg.message_bar.message, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Send
        assert pg.session.turns and pg.session.turns[-1].user == "Which model are you?"
        await all_done(pg)
        assert "cost shown after Reveal" in pg.panes[0].status.text()
        pg.reveal_action.trigger()
        assert pg.session.display_order() == order  # the order stays
        for pos, i in enumerate(order):
            pane = pg.panes[i]
            shown_model = pane.title_text().split(": ", 1)[1]
            assert pane.title_text().startswith(f"Model {pos + 1}: ")
            assert answer_of(pg, i).text == f"I am {shown_model}"
            assert f"I am {shown_model}" in pane.transcript.toPlainText()
            assert pane.picker.isVisible() and pane.picker.model() == shown_model
        asked = sorted(r.json["model"] for r in chat_requests(standin_shared))
        assert asked == sorted(models)  # one call per model, none twice
        assert not pg.reveal_action.isEnabled()

    arun(scenario())


def test_a_failing_pane_shows_its_error_while_the_other_completes(pg, ctx, arun, standin_shared):
    async def scenario():
        profile = await ready(pg, ctx, standin_shared)
        set_models(pg, [MINI, "gpt-nonexistent"], profile)
        type_and_send(pg, "Hello")
        await all_done(pg)
        assert answer_of(pg, 0).error is None and answer_of(pg, 0).text
        bad = answer_of(pg, 1)
        assert bad.error and "gpt-nonexistent" in bad.error
        assert pg.panes[1].error.isVisible() and pg.panes[1].error.text().startswith("✖ Error:")
        assert pg.panes[1].status.text().startswith("✖ Failed")
        assert not pg.panes[0].error.isVisible() and pg.panes[0].status.text().startswith("✔ Done")
        assert not pg.panes[1].save_button.isEnabled()
        pg.blind_action.trigger()  # blind: the error no longer names the model
        assert "gpt-nonexistent" not in pg.panes[1].error.text() + pg.panes[1].transcript.toPlainText()
        pg.blind_action.trigger()
        assert "gpt-nonexistent" in pg.panes[1].error.text()

        # A stream that breaks midway keeps its text and says so; the view is ready for the next turn.
        standin_shared.stream_error_after = 3
        type_and_send(pg, "Again")
        await all_done(pg)
        broken = answer_of(pg, 0)
        assert broken.error and broken.text and "partway" in broken.error
        assert pg.message_bar.send_button.isEnabled()

    arun(scenario())


def test_a_new_fine_tune_that_is_not_ready_yet_gets_a_waiting_note_then_answers(pg, ctx, arun, standin_shared):
    standin_shared.not_ready = {TUNED: 2}
    pg.not_ready_wait, pg.not_ready_backoff = 5.0, 0.1

    async def scenario():
        profile = await ready(pg, ctx, standin_shared)
        set_models(pg, [TUNED, MINI], profile)
        type_and_send(pg, "Hello")
        await until(lambda: "not ready yet" in pg.panes[0].status.text(), what="the waiting note")
        assert pg.panes[0].status.text().startswith("⏳")
        await all_done(pg)
        assert answer_of(pg, 0).error is None and answer_of(pg, 0).text
        assert pg.panes[0].status.text().startswith("✔ Done")

    arun(scenario())


def test_save_as_sft_example_and_send_pair_through_the_dialogs(pg, ctx, arun, standin_shared, monkeypatch):
    from ui.playground.save_example_dialog import SaveExampleDialog
    from ui.playground.send_pair_dialog import SendPairDialog

    # The dialogs remember the last queue and dataset for the session: keep that from other tests.
    monkeypatch.setattr(SendPairDialog, "last_queue", SendPairDialog.last_queue)
    monkeypatch.setattr(SaveExampleDialog, "last_dataset", {})
    standin_shared.reply_text = say_who

    async def scenario():
        profile = await ready(pg, ctx, standin_shared)
        dataset_id = await ctx.project.db.write(datasets_repo.create_dataset, "Support answers", Kind.SFT)
        set_models(pg, [MINI, FOUR_O], profile)
        pg.system.edit.setPlainText("Be brief.")
        type_and_send(pg, "Where is my parcel?")
        await all_done(pg)
        # Ctrl+S saves the selected pane's answer: select the second pane by focusing it.
        pg.panes[1].transcript.setFocus()
        await until(lambda: pg.current == 1, what="pane 2 selected")
        QTest.keyClick(pg.panes[1].transcript, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        dlg = pg.dialogs.save_dialog
        assert dlg is not None
        await until(lambda: dlg.ready, what="the datasets listed")
        dlg.chooser.combo.setCurrentIndex(dlg.chooser.combo.findData(dataset_id))
        dlg.answer.setPlainText("It is on its way.")
        saved = []
        dlg.example_saved.connect(lambda ds, ex: saved.append((ds, ex)))
        dlg.save_button.click()
        await until(lambda: saved, what="the example saved")
        stored_in, text = await ctx.project.db.read(datasets_repo.get_example, saved[0][1])
        assert stored_in == dataset_id
        messages = json.loads(text)["messages"]
        assert [m["role"] for m in messages] == ["system", "user", "assistant"]
        assert messages[-1]["content"] == "It is on its way."
        assert "Saved as a training example" in pg.info.text()
        await until(lambda: not shiboken6.isValid(dlg) or not dlg.isVisible(), what="the save dialog closed")

        pg.window().activateWindow()  # a window manager would do this when the dialog closes
        await until(lambda: QApplication.activeWindow() is pg.window(), what="the window active again")
        pg.message_bar.message.setFocus()
        QTest.keyClick(pg.message_bar.message, Qt.Key.Key_P,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        pair = pg.dialogs.pair_dialog
        assert pair is not None
        assert [a[0] for a in pair.answers] == [pg.label_of(0), pg.label_of(1)]
        await until(lambda: pair.ready, what="the queues listed")
        pair.queue_combo.setEditText("Parcel answers")
        sent = []
        pair.sent.connect(sent.append)
        pair.send_button.click()
        await until(lambda: sent, what="the pair sent")
        queues = await ctx.project.db.read(annotation_repo.list_queues)
        assert [(q.name, q.items) for q in queues] == [("Parcel answers", 1)]
        items = await ctx.project.db.read(annotation_repo.queue_items, queues[0].id)
        comparison = await ctx.project.db.read(annotation_repo.comparison, items[0])
        assert sorted(c.model for c in comparison.candidates) == sorted([MINI, FOUR_O])
        assert comparison.context[-1] == {"role": "user", "content": "Where is my parcel?"}
        assert "Parcel answers" in pg.info.text()

    arun(scenario())


def test_history_is_saved_and_reopens_with_the_project(pg, ctx, arun, standin_shared, tmp_path):
    standin_shared.reply_text = say_who

    async def scenario():
        profile = await ready(pg, ctx, standin_shared)
        first_path = ctx.project.path
        set_models(pg, [MINI, FOUR_O], profile)
        type_and_send(pg, "Remember me please")
        await all_done(pg)
        await until(lambda: pg.session.id is not None, what="the session saved")
        pg.history_action.trigger()
        await until(lambda: pg.session_list.list.count() == 1, what="the history listed")
        assert "Remember me please" in pg.session_list.list.item(0).text()

        await ctx.new_project(tmp_path / "other.ftproj")
        await until(lambda: pg.project is ctx.project and not pg.session.turns, what="the other project")
        await ctx.open_project(first_path)
        await until(lambda: pg.project is ctx.project and pg.session.turns, what="the session reopened")
        assert pg.session.title == "Remember me please"
        assert [p.model for p in pg.session.panes] == [MINI, FOUR_O]
        assert f"I am {FOUR_O}" in pg.panes[1].transcript.toPlainText()
        assert pg.panes[0].picker.model() == MINI

        # A new session keeps the models; the history then lists both; rename and delete work.
        pg.new_action.trigger()
        assert not pg.session.turns and [p.model for p in pg.session.panes] == [MINI, FOUR_O]
        type_and_send(pg, "Second conversation")
        await all_done(pg)
        await until(lambda: pg.session_list.list.count() == 2, what="two sessions listed")
        sl = pg.session_list
        sl.list.setCurrentRow(1)
        old_id = sl.selected_id()
        sl.title_edit.setText("The first one")
        sl.title_edit.editingFinished.emit()
        await until(lambda: any(s.title == "The first one" for s in sl.sessions), what="renamed")
        sl.list.setCurrentRow([s.id for s in sl.sessions].index(old_id))
        sl.open_button.click()
        await until(lambda: pg.session.id == old_id and sl.current_id == old_id, what="the old session reopened")
        assert pg.session.turns[0].user == "Remember me please"
        sl.delete_button.click()
        sl.confirm_box.button(sl.confirm_box.StandardButton.Yes).click()
        await until(lambda: len(sl.sessions) == 1, what="deleted")
        listed = await ctx.project.db.read(playground_repo.list_sessions)
        assert [s.title for s in listed] == ["Second conversation"]
        assert pg.session.id is None and not pg.session.turns  # the open one was deleted: a fresh one

    arun(scenario())


def test_open_model_from_the_jobs_signal_and_azure_deployments(window, pg, ctx, arun, standin_shared):
    async def scenario():
        profile = await ready(pg, ctx, standin_shared)
        window.show_view("datasets")
        ctx.open_in_playground_requested.emit(profile.id, TUNED)
        assert window.current_view() == "playground"
        assert pg.session.panes[0].model == TUNED and pg.panes[0].picker.model() == TUNED
        assert pg.current == 0
        assert pg.panes[0].title_text() == "1. abc123 · fine-tune of gpt-4.1-mini"
        assert pg.panes[0].title.toolTip() == TUNED
        ctx.open_in_playground_requested.emit(profile.id, TUNED)  # already there: reused
        assert [p.model for p in pg.session.panes] == [TUNED, ""]
        for model in (MINI, FOUR_O, FULL):
            pg.open_model(profile.id, model)
        assert [p.model for p in pg.session.panes] == [TUNED, MINI, FOUR_O, FULL]
        assert not pg.add_action.isEnabled()
        pg.panes[3].remove_button.click()
        pg.panes[2].remove_button.click()
        assert len(pg.panes) == 2 and not pg.panes[0].remove_button.isEnabled()  # never below two

        azure = ConnectionProfile(name="Azure", kind=ProviderKind.AZURE, azure_endpoint=standin_shared.azure_endpoint)
        ctx.settings.upsert_connection(azure)
        keystore.set_key(azure.id, standin_shared.api_key)
        ctx.settings_changed.emit()
        pg.open_model(azure.id, "gpt-4o-mini")
        pane = pg.panes[pg.current]
        assert pane.picker.model_label.text() == "&Deployment name:"
        assert pane.picker.base_edit.text() == "gpt-4o-mini" and pane.picker.model() == ""
        assert pane.picker.azure_hint.isVisible()
        type_and_send(pg, "Hi")
        assert "deployment name" in pg.message_bar.hint.text()

    arun(scenario())


def test_closing_the_window_mid_stream_cancels_cleanly_and_keeps_the_text(
    window, pg, ctx, arun, standin_shared, caplog
):
    standin_shared.reply_text = say_who
    standin_shared.stream_delay = 0.2
    errors: list[str] = []
    ctx.error_reported.connect(lambda message, _d: errors.append(message))

    app = QApplication.instance()
    app.setQuitOnLastWindowClosed(False)  # as in the app: closing the window must not stop the loop here

    async def scenario():
        profile = await ready(pg, ctx, standin_shared)
        set_models(pg, [MINI, FOUR_O], profile)
        type_and_send(pg, "Tell me a long story")
        await until(lambda: answer_of(pg, 0).text, what="the first piece")
        project = ctx.project
        with caplog.at_level(logging.ERROR):
            window.close()
            await asyncio.sleep(0.3)
        assert not pg.tasks.alive and not pg.streams.running
        listed = await project.db.read(playground_repo.list_sessions)
        title, state = await project.db.read(playground_repo.load_session, listed[0].id)
        answers = state["turns"][0]["answers"]
        assert all(a["stopped"] for a in answers)
        assert answers[0]["text"] and f"I am {MINI}".startswith(answers[0]["text"].strip()[:20])

    try:
        arun(scenario())
    finally:
        app.setQuitOnLastWindowClosed(True)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert not errors


def test_rejected_parameters_are_not_sent_and_batch_runs_get_the_panes_models(pg, ctx, arun, standin_shared):
    reasoning = "o4-mini-2025-04-16"

    async def scenario():
        profile = await ready(pg, ctx, standin_shared)
        set_models(pg, [MINI, reasoning], profile)
        pg.shared_params.temperature.setValue(0.3)  # shared: every pane
        assert pg.session.params.temperature == 0.3
        assert "default temperature" in pg.panes[1].params_note.text() and pg.panes[1].params_note.isVisible()
        assert not pg.panes[0].params_note.isVisible()
        type_and_send(pg, "Hi")
        await all_done(pg)
        sent = {r.json["model"]: r.json for r in chat_requests(standin_shared)}
        assert sent[MINI]["temperature"] == 0.3 and "temperature" not in sent[reasoning]

        pg.shared_action.trigger()  # each pane its own parameters, starting from the shared ones
        assert not pg.shared_row.isVisible() and pg.panes[1].params_button.isVisible()
        assert pg.panes[1].params_button.text() == "Parameters: temperature 0.3"
        pg.panes[1].params_button.click()
        assert not pg.panes[1].params.temperature.isEnabled()
        assert "default temperature" in pg.panes[1].params.temperature.toolTip()
        assert not pg.panes[0].params.effort.isEnabled() and pg.panes[1].params.effort.isEnabled()
        pg.panes[1].params.effort.setCurrentIndex(pg.panes[1].params.effort.findData("low"))
        assert pg.session.panes[1].params.reasoning_effort == "low"

        pg.blind_action.trigger()
        panel = pg.dialogs.open_batch()
        labels = [t.label for t in panel.setup.targets]
        assert sorted(labels) == ["Model 1", "Model 2"]  # blind: the batch run does not name them either
        assert sorted(t.model for t in panel.setup.targets) == sorted([MINI, reasoning])
        assert pg.dialogs.batch_dialog.isVisible()

    arun(scenario())
