"""What the app adds to a job while following it: the statuses it saw (the timeline) and the rows of
the result file, stored so the curves have every step even when the events list was partial."""

from __future__ import annotations

import pytest

from app.services import jobs
from app.services.importing import ImportRequest, run_import
from app.store import job_progress_repo, jobs_repo
from tests.core.datasets.conftest import read, sft, write_jsonl

MODEL = "gpt-4.1-mini-2025-04-14"


async def launch(project, tmp_path, client, profile):
    path = tmp_path / "lease.jsonl"
    write_jsonl(path, [sft(i) for i in range(12)])
    ds = run_import(project, ImportRequest(path, name="lease")).dataset_id
    return await jobs.launch(project, client, profile, jobs.LaunchRequest(dataset_id=ds, model=MODEL))


def delete_metrics_events(project, job_id):
    def run(db):
        db.conn.execute("DELETE FROM job_events WHERE job_id = ? AND type = 'metrics'", (job_id,))

    project.db.submit_write(run).result()


async def poll_to_end(project, client, profile, job_id):
    for _ in range(20):
        row = await jobs.poll_job(project, client, profile, job_id)
        if not row.active:
            return row
    raise AssertionError("the job did not finish")


@pytest.mark.asyncio
async def test_statuses_seen_while_polling_form_the_timeline(env, project, tmp_path):
    server, profile, client = env
    server.ft_script = ["validating_files", "queued", "running:2", "succeeded"]
    row = await launch(project, tmp_path, client, profile)
    done = await poll_to_end(project, client, profile, row.id)
    assert done.status == "succeeded"
    log = read(project, jobs_repo.status_log, row.id)
    assert [s for s, _ in log] == ["validating_files", "queued", "running", "succeeded"]
    assert all(isinstance(at, int) and at > 0 for _, at in log)
    assert [s for s, _ in done.timeline()] == [s for s, _ in log]
    await jobs.poll_job(project, client, profile, row.id)  # the same status again is not logged twice
    assert len(read(project, jobs_repo.status_log, row.id)) == 4
    # The app's own entries never show as provider events (nor steer which events are fetched next).
    assert all(not (e.type or "").startswith("app.") for e in read(project, job_progress_repo.events, row.id))


@pytest.mark.parametrize("base64", [False, True])
@pytest.mark.asyncio
async def test_result_file_fills_the_series_once(env, project, tmp_path, base64):
    server, profile, client = env
    server.ft_script = ["running:4", "succeeded"]
    server.ft_result_base64 = base64
    row = await launch(project, tmp_path, client, profile)
    await poll_to_end(project, client, profile, row.id)
    assert read(project, job_progress_repo.has_result_metrics, row.id)
    delete_metrics_events(project, row.id)  # as if the events list had been partial
    await jobs.poll_job(project, client, profile, row.id)
    series = read(project, job_progress_repo.metrics_series, row.id)
    assert [step for step, _ in series["train_loss"]] == [1, 2, 3, 4]
    assert [step for step, _ in series["train_mean_token_accuracy"]] == [1, 2, 3, 4]
    assert len(server.requests_to("/files/*/content", "GET")) == 1  # fetched once


def test_result_rows_are_stored_as_metrics(project):
    def run(db):
        jobs_repo.upsert_job(db, "p", {"id": "ftjob-x", "status": "succeeded", "model": MODEL})
        added = job_progress_repo.add_result_metrics(db, "ftjob-x", [
            {"step": 1.0, "train_loss": 0.9, "train_accuracy": 0.5},
            {"step": 2.0, "train_loss": 0.4, "train_accuracy": 0.7, "train_mean_reward": 0.3},
            {"train_loss": 1.0},  # no step: left out
        ])
        again = job_progress_repo.add_result_metrics(db, "ftjob-x", [{"step": 1.0, "train_loss": 0.9}])
        return added, again, job_progress_repo.metrics_series(db, "ftjob-x"), job_progress_repo.events(db, "ftjob-x")

    added, again, series, events = project.db.submit_write(run).result()
    assert (added, again) == (2, 0)
    assert series["train_loss"] == [(1, 0.9), (2, 0.4)]
    assert series["train_mean_token_accuracy"] == [(1, 0.5), (2, 0.7)]
    assert series["train_mean_reward"] == [(2, 0.3)]
    assert events == []
