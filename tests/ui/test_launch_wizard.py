"""The launch wizard against the stand-in: models, data, the estimate, the upload, exactly one job, the
refusal, a dropped connection, a failing model list; and the notifier's status-bar fallback."""

from __future__ import annotations

import asyncio
import dataclasses

from app.runtime.threads import run_blocking
from app.services.importing import ImportRequest, run_import
from app.services.provider_errors import WIND_DOWN_MESSAGE
from tests.core.datasets.conftest import sft, write_jsonl
from tests.ui.conftest import until
from tests.ui.jobs_support import MODEL, connect, jobs_view_fixture  # noqa: F401 - the "view" fixture
from ui.jobs.launch_wizard import CONFIRM, RESULT
from ui.jobs.model_choice import retirement_days, suits


async def import_dataset(ctx, tmp_path, name, objs):
    path = tmp_path / f"{name}.jsonl"
    write_jsonl(path, objs)
    result = await run_blocking(run_import, ctx.project, ImportRequest(path, name=name))
    return result.dataset_id


async def to_confirmation(view, dataset_id, model=MODEL):
    wiz = view.open_wizard()
    wiz.next()
    page = wiz.model_page
    await until(lambda: page.model_list.count() > 0 and not page.models_busy.isVisibleTo(wiz), what="models")
    ids = [page.model_list.item(i).data(256) for i in range(page.model_list.count())]
    page.model_list.setCurrentRow(ids.index(model))
    wiz.next()
    await until(lambda: wiz.dataset_combo.findData(dataset_id) >= 0, what="datasets")
    wiz.dataset_combo.setCurrentIndex(wiz.dataset_combo.findData(dataset_id))
    assert wiz.next_button.isEnabled()
    wiz.next()
    assert wiz.pages.currentIndex() == CONFIRM
    await until(lambda: wiz.plan is not None, what="plan")
    return wiz


def test_launch_end_to_end_then_notified_when_it_succeeds(window, view, ctx, arun, standin, tmp_path):
    async def scenario():
        await connect(ctx, standin)
        dataset_id = await import_dataset(ctx, tmp_path, "lease", [sft(i) for i in range(12)])
        wiz = await to_confirmation(view, dataset_id)
        ids = [wiz.model_page.model_list.item(i).data(256) for i in range(wiz.model_page.model_list.count())]
        assert ids[0] in {"gpt-4.1-2025-04-14", MODEL, "gpt-4o-mini-2024-07-18"}  # suited first
        assert ids.index("o4-mini-2025-04-16") > ids.index(MODEL)
        ft_row = ids.index("ft:gpt-4.1-mini-2025-04-14:acme::abc123")
        assert "2027-01-14" in wiz.model_page.model_list.item(ft_row).text()
        text = wiz.summary_page.summary.text()
        assert "12 examples" in text and "billable tokens" in text and "epochs" in text
        assert "about $" in text and "price of" in text
        assert wiz.start_button.isEnabled()
        got = []
        wiz.launched.connect(got.append)
        wiz.start()
        await until(lambda: wiz.pages.currentIndex() == RESULT, timeout=8, what="result")
        assert any(stage == "upload training file" for stage, _d, _t in wiz.progress_seen)
        assert len(standin.ft.jobs) == 1
        job_id = next(iter(standin.ft.jobs))
        assert got == [job_id]
        assert job_id in wiz.result_text.text() and "Jobs list" in wiz.result_text.text()
        await until(lambda: view.model.row_of(job_id) >= 0, what="listed")
        window.sidebar.setCurrentRow(2)
        await until(lambda: view.model.rows[view.model.row_of(job_id)].status == "succeeded", timeout=8,
                    what="succeeded")
        await until(lambda: window.statusBar().currentMessage().startswith("Training finished: ft:"),
                    what="notified")
        wiz.close()

    arun(scenario(), timeout=18)


def test_errors_block_on_the_confirmation_page(window, view, ctx, arun, standin, tmp_path):
    async def scenario():
        await connect(ctx, standin)
        bad = {"messages": [{"role": "user", "content": "hi"}]}
        dataset_id = await import_dataset(ctx, tmp_path, "broken", [sft(1), bad, sft(2)])
        wiz = await to_confirmation(view, dataset_id)
        assert wiz.plan.blocked and not wiz.start_button.isEnabled()
        texts = [wiz.summary_page.findings.item(i).text() for i in range(wiz.summary_page.findings.count())]
        assert any(t.startswith("Error:") and "errors in “broken”" in t for t in texts)
        wiz.start()  # disabled: nothing happens
        assert wiz.pages.currentIndex() == CONFIRM and not standin.ft.jobs
        wiz.close()

    arun(scenario())


def test_refusal_shows_the_wind_down_message(window, view, ctx, arun, standin, tmp_path):
    standin.ft_refuse = {"status": 403, "message": "This organization is not entitled to create fine-tuning jobs.",
                         "code": "not_entitled"}

    async def scenario():
        await connect(ctx, standin)
        dataset_id = await import_dataset(ctx, tmp_path, "lease", [sft(i) for i in range(10)])
        wiz = await to_confirmation(view, dataset_id)
        wiz.start()
        await until(lambda: wiz.pages.currentIndex() == RESULT, timeout=8, what="result")
        assert WIND_DOWN_MESSAGE in wiz.result_text.text()
        assert wiz.job_id is None and not standin.ft.jobs and wiz.back_button.isVisible()
        wiz.close()

    arun(scenario())


def test_dropped_connection_during_create_makes_exactly_one_job(window, view, ctx, arun, standin, tmp_path):
    async def scenario():
        await connect(ctx, standin)
        dataset_id = await import_dataset(ctx, tmp_path, "lease", [sft(i) for i in range(10)])
        wiz = await to_confirmation(view, dataset_id)
        standin.inject(path="/fine_tuning/jobs", method="POST", drop=True)
        wiz.start()
        await until(lambda: wiz.pages.currentIndex() == RESULT, timeout=12, what="result")
        assert len(standin.ft.jobs) == 1
        assert wiz.job_id == next(iter(standin.ft.jobs))
        wiz.close()

    arun(scenario(), timeout=15)


def test_model_list_failure_offers_the_known_models(window, view, ctx, arun, standin, tmp_path):
    async def scenario():
        await connect(ctx, standin)
        standin.inject(path="/models", status=500, times=10)
        wiz = view.open_wizard()
        wiz.method_group.button(2).setChecked(True)  # reinforcement: o4-mini first
        wiz.next()
        await until(lambda: wiz.model_page.models_message.isVisibleTo(wiz), timeout=8, what="message")
        assert "could not be listed" in wiz.model_page.models_message.text()
        assert wiz.model_page.model_list.item(0).data(256) == "o4-mini-2025-04-16"
        assert wiz.model_page.model_list.count() >= 5
        assert wiz.next_button.isEnabled()
        wiz.next()  # RFT: a validation set and a grader are required before going on
        await until(lambda: wiz.data_problem.text() != "", what="problems")
        assert not wiz.next_button.isEnabled()
        assert "needs a grader" in wiz.data_problem.text()
        wiz.training_settings.suffix.setText("x" * 65)
        assert "at most 64" in wiz.data_problem.text()
        wiz.training_settings.own_settings.setChecked(True)
        wiz.grab().save("/tmp/wizard_data.png")
        wiz.close()

    arun(scenario(), timeout=15)


def test_notifier_fallback_texts(window, view, ctx, arun, standin, tmp_path):
    from app.store.jobs_repo import JobRow

    job = JobRow(*([None] * len(dataclasses.fields(JobRow))))
    ok = dataclasses.replace(job, id="ftjob-1", status="succeeded", fine_tuned_model="ft:gpt-4.1:acme::x1")
    assert view.notifier.tray is None  # offscreen: no tray
    assert view.notifier.notify_job(ok) == "Training finished: ft:gpt-4.1:acme::x1"
    assert window.statusBar().currentMessage() == "Training finished: ft:gpt-4.1:acme::x1"
    failed = dataclasses.replace(ok, status="failed", error_message="Line 3 is not valid JSON.")
    assert view.notifier.notify_job(failed) == "Training failed: Line 3 is not valid JSON."
    assert view.notifier.notify_job(dataclasses.replace(ok, status="cancelled")) == "Training cancelled"
    assert view.notifier.notify_job(dataclasses.replace(ok, status="running")) is None
    assert window.statusBar().currentMessage() == "Training cancelled"


def test_helpers():
    assert suits("ft:gpt-4.1-mini-2025-04-14:acme::abc", "dpo")
    assert not suits("gpt-4.1-mini-2025-04-14", "reinforcement")
    import datetime as dt

    today = dt.date(2026, 11, 26)
    assert retirement_days("2027-01-14", today) == 49
    assert retirement_days("2026-01-01", today) < 0
    assert retirement_days(None, today) is None and retirement_days("soon", today) is None


def test_cancel_during_the_upload_starts_no_job(window, view, ctx, arun, standin, tmp_path):
    async def scenario():
        await connect(ctx, standin)
        dataset_id = await import_dataset(ctx, tmp_path, "slow", [sft(i) for i in range(12)])
        wiz = await to_confirmation(view, dataset_id)
        standin.inject(path="/files", method="POST", delay=1.0)  # a slow upload to cancel
        wiz.start()
        await until(lambda: wiz.cancel_event is not None and wiz.stage.text() != "", what="uploading")
        wiz.close_button.click()  # Cancel while the file is on its way
        await until(lambda: wiz.pages.currentIndex() == RESULT, timeout=8, what="result")
        assert "No training job was started" in wiz.result_text.text()
        await asyncio.sleep(1.2)  # the upload's answer arrives after the cancel
        assert standin.ft.jobs == {}
        wiz.close()

    arun(scenario(), timeout=18)


def test_labels_travel_with_the_job_and_bad_ones_are_explained(window, view, ctx, arun, standin, tmp_path):
    async def scenario():
        await connect(ctx, standin)
        dataset_id = await import_dataset(ctx, tmp_path, "labelled", [sft(i) for i in range(12)])
        wiz = await to_confirmation(view, dataset_id)
        wiz.back()
        wiz.training_settings.metadata.setText("team=legal, no-equals-sign")
        assert any("key=value" in p for p in wiz.data_problems()) and not wiz.next_button.isEnabled()
        wiz.training_settings.metadata.setText("team=legal, review=Q4")
        assert wiz.data_problems() == [] and wiz.next_button.isEnabled()
        wiz.next()
        await until(lambda: wiz.plan is not None and wiz.start_button.isEnabled(), what="plan")
        wiz.start()
        await until(lambda: wiz.pages.currentIndex() == RESULT, timeout=8, what="result")
        job = next(iter(standin.ft.jobs.values()))
        meta = job.obj["metadata"]
        assert meta["team"] == "legal" and meta["review"] == "Q4" and "app_request_id" in meta
        wiz.close()

    arun(scenario(), timeout=18)


def rft(i: int) -> dict:
    return {"messages": [{"role": "user", "content": f"Which clause covers case {i}?"}], "answer": f"clause {i}"}


def test_rft_wizard_makes_a_grader_in_the_editor_and_refuses_a_broken_one(window, view, ctx, arun, standin, tmp_path):
    async def scenario():
        await connect(ctx, standin)
        train = await import_dataset(ctx, tmp_path, "rft-train", [rft(i) for i in range(12)])
        valid = await import_dataset(ctx, tmp_path, "rft-valid", [rft(i) for i in range(4)])
        wiz = view.open_wizard()
        wiz.method_group.button(2).setChecked(True)  # reinforcement
        wiz.next()
        page = wiz.model_page
        await until(lambda: page.model_list.count() > 0 and not page.models_busy.isVisibleTo(wiz), what="models")
        assert page.model_list.item(0).data(256) == "o4-mini-2025-04-16"
        page.model_list.setCurrentRow(0)
        wiz.next()
        await until(lambda: wiz.dataset_combo.findData(train) >= 0, what="datasets")
        wiz.dataset_combo.setCurrentIndex(wiz.dataset_combo.findData(train))
        wiz.validation_combo.setCurrentIndex(wiz.validation_combo.findData(valid))
        choice = wiz.training_settings.grader
        assert choice.combo.currentData() is None and "needs a grader" in wiz.data_problem.text()

        # Like a public sample set's grader: it reads item.reference_answer, which no line has.
        dialog = choice.new_button.click() or choice.dialog
        dialog.name.setText("Exact clause")
        dialog.editor.set_grader({"type": "string_check", "name": "Exact clause", "operation": "eq",
                                  "input": "{{sample.output_text}}", "reference": "{{item.reference_answer}}"})
        dialog.save()
        await until(lambda: choice.combo.currentText() == "Exact clause", what="the new grader chosen")
        assert wiz.next_button.isEnabled()
        wiz.next()
        await until(lambda: wiz.plan is not None, what="plan")
        assert wiz.plan.blocked and not wiz.start_button.isEnabled()
        assert "item.reference_answer is missing in 12 of 12 examples" in wiz.summary_page.summary.text() + "".join(
            f.message for f in wiz.plan.errors)

        refused = wiz.plan
        wiz.back()  # fix it in the editor: read the field the data has
        dialog = choice.open_editor(choice.combo.currentData())
        await until(lambda: dialog.name.text() == "Exact clause", what="the stored grader loaded")
        dialog.editor.set_grader({**dialog.editor.grader(), "reference": "{{item.answer}}"})
        dialog.save()
        await until(lambda: choice.grader_value()[0] and choice.grader_value()[0]["reference"] == "{{item.answer}}",
                    what="the edited grader")
        wiz.next()
        await until(lambda: wiz.plan is not None and wiz.plan is not refused, what="the new plan")
        assert not [f for f in wiz.plan.errors if f.code == "template_field_missing"]
        assert wiz.start_button.isEnabled() == (not wiz.plan.blocked)
        wiz.close()

    arun(scenario(), timeout=20)
