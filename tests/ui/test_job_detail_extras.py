"""The job detail's extras: the status history seen while polling, the actual cost once the tokens are
known, charts completed from the result file, and the RFT reward chart."""

from __future__ import annotations

import dataclasses

import pytest

from app.formats.prices import PriceTable
from app.services import jobs
from app.store import job_progress_repo
from app.store.jobs_repo import JobRow
from tests.ui.conftest import until
from tests.ui.jobs_support import MODEL, connect, jobs_view_fixture  # noqa: F401 - the "view" fixture
from tests.ui.test_jobs_view import launch_job, show, status_of
from ui.jobs.detail import JobDetail, JobDetailWidget


def job_row(**values) -> JobRow:
    blank = JobRow(*([None] * len(dataclasses.fields(JobRow))))
    return dataclasses.replace(blank, **{"id": "ftjob-1", "profile_id": "p", **values})


def test_timeline_and_cost_after_polling_a_scripted_job(window, view, ctx, arun, standin, tmp_path):
    standin.ft_script = ["validating_files", "queued", "running:3", "succeeded"]

    async def scenario():
        profile = await connect(ctx, standin)
        job = await launch_job(ctx, profile, tmp_path)
        show(window, view)
        await until(lambda: status_of(view, job.id) == "succeeded", timeout=8, what="job succeeded")
        await until(lambda: view.detail.job is not None and view.detail.job.status == "succeeded", what="detail")
        await until(lambda: view.detail.cost_usd is not None, what="cost")
        statuses = [status for status, _ in view.detail.timeline_entries]
        assert statuses == ["created", "validating_files", "queued", "running", "succeeded"]
        assert all(when for _, when in view.detail.timeline_entries)
        assert "validating files" in view.detail.timeline.accessibleDescription()
        done = view.detail.job
        row = PriceTable.default().lookup(MODEL)
        assert done.trained_tokens
        assert view.detail.cost_usd == pytest.approx(done.trained_tokens * row.training / 1_000_000)
        text = view.detail.cost_label.text()
        assert text.startswith(("Cost: about $", "Cost: less than $0.01")) and f"price of {row.date}" in text
        assert not view.detail.cost_label.isHidden()

    arun(scenario(), timeout=15)


@pytest.mark.parametrize("base64", [False, True])
def test_result_file_completes_the_chart(window, view, ctx, arun, standin, tmp_path, base64):
    standin.ft_script = ["running:4", "succeeded"]
    standin.ft_result_base64 = base64

    async def scenario():
        profile = await connect(ctx, standin)
        job = await launch_job(ctx, profile, tmp_path)
        show(window, view)
        await until(lambda: status_of(view, job.id) == "succeeded", timeout=8, what="job succeeded")
        await until(lambda: ctx.project.db.submit_read(job_progress_repo.has_result_metrics, job.id).result(),
                    what="result rows stored")

        def drop_metrics(db):
            db.conn.execute("DELETE FROM job_events WHERE job_id = ? AND type = 'metrics'", (job.id,))

        await ctx.project.db.write(drop_metrics)
        client = ctx.clients.get(profile, standin.api_key)
        await jobs.poll_job(ctx.project, client, profile, job.id)
        await view.load_detail()
        assert view.detail.loss_chart.point_count == 4
        assert view.detail.accuracy_chart.point_count == 4

    arun(scenario(), timeout=15)


def test_reward_series_draws_the_reward_chart(qtbot):
    widget = JobDetailWidget()
    qtbot.addWidget(widget)
    series = {
        "train_loss": [(1, 0.5), (2, 0.4)],
        "train_mean_reward": [(1, 0.2), (2, 0.6), (3, 0.7)],
        "full_valid_mean_reward": [(3, 0.65)],
        "train_reward_mean": [(1, 0.1)],
    }
    job = job_row(status="running", method="reinforcement", base_model="o4-mini-2025-04-16")
    widget.show_detail(JobDetail(job, series=series))
    assert not widget.reward_chart.isHidden()
    assert widget.reward_chart.point_count == 5
    assert widget.accuracy_chart.isHidden()  # RFT has no token accuracy: the reward takes its place
    assert widget.loss_chart.point_count == 2
    widget.show_detail(JobDetail(job_row(status="running"), series={"train_mean_token_accuracy": [(1, 0.5)]}))
    assert widget.reward_chart.isHidden() and not widget.accuracy_chart.isHidden()


def test_cost_wording_for_hourly_and_unknown_prices(qtbot):
    widget = JobDetailWidget()
    qtbot.addWidget(widget)
    widget.show_detail(JobDetail(job_row(status="running", base_model=MODEL)))
    assert widget.cost_label.isHidden()  # no trained tokens yet
    rft = job_row(status="succeeded", method="reinforcement", base_model="o4-mini-2025-04-16", trained_tokens=5000)
    widget.show_detail(JobDetail(rft))
    assert "billed by the hour" in widget.cost_label.text() and widget.cost_usd is None
    widget.prices = PriceTable.default().without(MODEL)
    widget.show_detail(JobDetail(job_row(status="succeeded", base_model=MODEL, trained_tokens=1000)))
    assert "not known" in widget.cost_label.text()
    widget.prices = PriceTable.default
    widget.show_detail(JobDetail(job_row(status="succeeded", base_model=MODEL, trained_tokens=2_000_000,
                                         created_at=1_700_000_000, finished_at=1_700_000_500)))
    price = PriceTable.default().lookup(MODEL)
    assert widget.cost_usd == pytest.approx(2 * price.training)
    assert widget.cost_label.text() == f"Cost: about ${2 * price.training:,.2f} USD (price of {price.date})"
    assert [s for s, _ in widget.timeline_entries] == ["created", "succeeded"]


def test_final_model_and_checkpoints_open_in_the_playground(window, view, ctx, arun, standin, tmp_path):
    standin.ft_script = ["running:3", "succeeded"]
    asked: list[tuple[str, str]] = []
    ctx.open_in_playground_requested.connect(lambda profile_id, model: asked.append((profile_id, model)))

    async def scenario():
        profile = await connect(ctx, standin)
        job = await launch_job(ctx, profile, tmp_path)
        show(window, view)
        await until(lambda: view.detail.job is not None and view.detail.job.status == "succeeded"
                    and view.detail.checkpoints_list.topLevelItemCount() > 0, timeout=8, what="checkpoints")
        tuned = view.detail.job.fine_tuned_model
        assert tuned and view.detail.try_button.isEnabled()
        assert not view.detail.try_checkpoint_button.isEnabled()  # nothing selected yet
        view.detail.try_button.click()
        assert asked[-1] == (profile.id, tuned)
        assert window.current_view() == "playground"
        playground = window.pages.widget(3)
        await until(lambda: any(c.model == tuned and c.profile_id == profile.id for c in playground.session.panes),
                    what="the fine-tuned model in a Playground pane")

        window.show_view("jobs")
        checkpoints = view.detail.checkpoints_list
        checkpoints.setCurrentItem(checkpoints.topLevelItem(0))
        checkpoint_model = checkpoints.topLevelItem(0).data(1, 0x0100)
        assert ":ckpt-step-" in checkpoint_model
        view.detail.try_checkpoint_button.click()
        assert asked[-1] == (profile.id, checkpoint_model)
        assert window.current_view() == "playground"
        await until(lambda: {tuned, checkpoint_model} <= {c.model for c in playground.session.panes},
                    what="final model and checkpoint side by side")
        assert job.id

    arun(scenario(), timeout=15)
