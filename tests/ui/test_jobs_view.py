"""The Jobs view against the stand-in server: refresh, polling to the end, charts, a failed job's error,
pause/resume/cancel through the buttons, provider trouble in the banner, and the cache after a restart."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QMessageBox

from app.runtime.threads import run_blocking
from app.secrets import keystore
from app.services import jobs
from app.services.importing import ImportRequest, run_import
from app.services.jobs import LaunchRequest
from tests.core.datasets.conftest import sft, write_jsonl
from tests.ui.conftest import until
from tests.ui.jobs_support import MODEL, connect, jobs_view_fixture  # noqa: F401 - the "view" fixture
from ui.jobs.jobs_model import JobsTableModel


def show(window, view):
    window.sidebar.setCurrentRow(2)
    assert view.isVisible()


async def launch_job(ctx, profile, tmp_path):
    path = tmp_path / "train.jsonl"
    write_jsonl(path, [sft(i) for i in range(12)])
    result = await run_blocking(run_import, ctx.project, ImportRequest(path, name="lease"))
    client = ctx.clients.get(profile, keystore.get_key(profile.id))
    return await jobs.launch(ctx.project, client, profile, LaunchRequest(dataset_id=result.dataset_id, model=MODEL))


def status_of(view, job_id):
    row = view.model.row_of(job_id)
    return None if row < 0 else view.model.rows[row].status


def test_empty_state_then_refresh_lists_a_job_and_polling_runs_it_to_success(
    window, view, ctx, arun, standin, tmp_path, qtmodeltester
):
    async def scenario():
        await until(lambda: view.stack.currentWidget() is view.empty, what="empty state")
        assert "No training jobs yet" in view.empty_label.text()
        profile = await connect(ctx, standin)
        job = await launch_job(ctx, profile, tmp_path)
        view.model.set_rows([])
        await view.refresh()
        assert view.model.row_of(job.id) == 0
        assert view.stack.currentWidget() is view.splitter
        show(window, view)
        await until(lambda: status_of(view, job.id) == "succeeded", timeout=8, what="job succeeded")
        await until(lambda: view.detail.job is not None and view.detail.job.status == "succeeded", what="detail")
        await until(lambda: view.detail.loss_chart.point_count >= 3, what="loss points")
        assert view.detail.accuracy_chart.point_count >= 3
        assert view.detail.events_list.topLevelItemCount() > 0
        assert view.detail.checkpoints_list.topLevelItemCount() > 0
        assert view.detail.fields["tuned"].text().startswith("ft:")
        assert not view.detail.cancel_button.isEnabled()
        assert view.model.data(view.model.index(0, JobsTableModel.STATUS)) == "succeeded"
        assert view.model.data(view.model.index(0, 0), role=1) is not None  # an icon with the word
        qtmodeltester.check(view.model, force_py=True)

    arun(scenario(), timeout=15)


def test_failed_job_shows_its_error_verbatim(window, view, ctx, arun, standin, tmp_path):
    standin.ft_script = ["validating_files", "failed"]
    standin.ft_error = {
        "code": "invalid_training_file", "message": "Line 3 is not valid JSON.", "param": "training_file",
    }

    async def scenario():
        profile = await connect(ctx, standin)
        job = await launch_job(ctx, profile, tmp_path)
        show(window, view)
        await until(lambda: status_of(view, job.id) == "failed", what="job failed")
        await until(lambda: view.detail.error_label.isVisible(), what="error shown")
        text = view.detail.error_label.text()
        assert "Line 3 is not valid JSON." in text
        assert "invalid_training_file" in text and "training_file" in text

    arun(scenario())


async def answer(view, button=QMessageBox.StandardButton.Yes):
    await until(lambda: view.confirm_box is not None and view.confirm_box.isVisible(), what="confirmation")
    box, view.confirm_box = view.confirm_box, None
    box.button(button).click()


def test_pause_resume_cancel_through_the_buttons(window, view, ctx, arun, standin, tmp_path):
    standin.ft_script = ["validating_files", "queued", "running:50", "succeeded"]

    async def scenario():
        profile = await connect(ctx, standin)
        job = await launch_job(ctx, profile, tmp_path)
        view.poll_interval = view.backoff = 0.5  # slow enough not to finish the job meanwhile
        show(window, view)
        await until(lambda: status_of(view, job.id) in ("queued", "running"), what="job started")
        await until(lambda: view.detail.pause_button.isEnabled(), what="pause enabled")
        view.detail.pause_button.click()
        await answer(view, QMessageBox.StandardButton.No)
        await asyncio.sleep(0.1)
        assert status_of(view, job.id) != "paused"
        view.detail.pause_button.click()
        await answer(view)
        await until(lambda: status_of(view, job.id) == "paused", what="paused")
        await until(lambda: view.detail.resume_button.isEnabled(), what="resume enabled")
        view.detail.resume_button.click()
        await answer(view)
        await until(lambda: status_of(view, job.id) in ("running", "queued"), what="resumed")
        await until(lambda: view.detail.cancel_button.isEnabled(), what="cancel enabled")
        view.detail.cancel_button.click()
        await answer(view)
        await until(lambda: status_of(view, job.id) == "cancelled", what="cancelled")
        await until(lambda: not view.detail.cancel_button.isEnabled(), what="buttons off")

    arun(scenario(), timeout=15)


def test_server_errors_while_polling_show_in_the_banner_and_back_off(window, view, ctx, arun, standin, tmp_path):
    async def scenario():
        profile = await connect(ctx, standin)
        job = await launch_job(ctx, profile, tmp_path)
        standin.inject(path="/fine_tuning/jobs/*", method="GET", status=500, times=100)
        await view.reload()
        show(window, view)
        await until(lambda: view.banner.isVisible(), timeout=8, what="banner")
        assert "Could not check the running jobs" in view.banner.message.text()
        assert "Traceback" not in view.banner.message.text()
        assert view.backoff > view.poll_interval
        # The GUI thread stays free: a timer fires on time while the poll waits.
        t0 = asyncio.get_running_loop().time()
        await asyncio.sleep(0.05)
        assert asyncio.get_running_loop().time() - t0 < 0.5
        assert status_of(view, job.id) == "validating_files"
        standin.clear_faults()
        await until(lambda: status_of(view, job.id) == "succeeded", timeout=8, what="recovered")
        await until(lambda: not view.banner.isVisible(), what="banner gone")

    arun(scenario(), timeout=20)


def test_without_connection_cached_list_shows_and_refresh_explains(window, view, ctx, arun, standin, tmp_path):
    async def scenario():
        profile = await connect(ctx, standin)
        job = await launch_job(ctx, profile, tmp_path)
        ctx.settings.active_connection = None
        await view.reload()
        assert view.model.row_of(job.id) == 0
        await view.refresh()
        assert not view.banner.isHidden()
        assert "no connection" in view.banner.message.text().lower()
        assert view.model.row_of(job.id) == 0
        assert view.refresh_action.isEnabled()

    arun(scenario())


def test_hidden_view_stops_polling(window, view, ctx, arun):
    async def scenario():
        show(window, view)
        await until(lambda: view.polling, what="polling")
        window.sidebar.setCurrentRow(0)
        assert not view.polling

    arun(scenario())


def test_cached_jobs_show_after_a_restart(window, ctx, arun, standin, tmp_path):
    from app.paths import app_dirs
    from ui.app_context import AppContext
    from ui.jobs.view import JobsView

    async def scenario():
        profile = await connect(ctx, standin)
        job = await launch_job(ctx, profile, tmp_path)
        await ctx.save_settings()
        path = ctx.project.path
        await ctx.shutdown()
        standin.stop()  # offline after the restart
        again = AppContext(app_dirs().ensure())
        await again.load_settings()
        view = JobsView(again, poll_interval=0.05)
        try:
            await again.open_project(path)
            await until(lambda: view.model.row_of(job.id) == 0, what="cached job")
            assert view.stack.currentWidget() is view.splitter
            await until(lambda: view.detail.job is not None, what="detail")
        finally:
            view.tasks.cancel_all()
            await again.shutdown()
            view.deleteLater()

    arun(scenario())
