"""The jobs use cases on a real project, against the stand-in server with the real SDK: planning,
launching without duplicates, recovering after a crash, polling into the cache, steering."""

from __future__ import annotations

import pytest

from app.models.connection import ConnectionProfile
from app.services import dataset_versions, jobs, jobs_api
from app.services.importing import ImportRequest, run_import
from app.services.provider_errors import ErrorKind, ProviderError
from app.store import job_progress_repo, jobs_repo
from tests.core.datasets.conftest import read, sft, write_jsonl

MODEL = "gpt-4.1-mini-2025-04-14"
BROKEN = {"messages": [{"role": "user", "content": "A question without any answer"}]}


def dataset(project, tmp_path, name: str, objs: list[dict]) -> int:
    path = tmp_path / f"{name}.jsonl"
    write_jsonl(path, objs)
    return run_import(project, ImportRequest(path, name=name)).dataset_id


def posts(server, endpoint: str) -> int:
    return sum(1 for r in server.requests if r.method == "POST" and r.endpoint == endpoint)


def good(project, tmp_path, n: int = 12) -> int:
    return dataset(project, tmp_path, "lease", [sft(i) for i in range(n)])


# --- planning ----------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_plan_of_clean_data_shows_size_and_cost(project, tmp_path):
    ds = good(project, tmp_path)
    plan = await jobs.plan_launch(project, jobs.LaunchRequest(dataset_id=ds, model=MODEL))
    assert not plan.blocked and not plan.errors
    assert plan.examples == 12 and plan.epochs == 8  # 100 // 12: the platform's default for small sets
    assert plan.billable_tokens > 0 and plan.cost.usd and plan.cost.usd > 0
    assert any(f.code == "few_examples" for f in plan.warnings)
    fixed = await jobs.plan_launch(
        project, jobs.LaunchRequest(dataset_id=ds, model=MODEL, hyperparameters={"n_epochs": 2})
    )
    assert fixed.epochs == 2 and fixed.billable_tokens * 4 == plan.billable_tokens


@pytest.mark.asyncio
async def test_plan_blocks_on_examples_with_errors(project, tmp_path):
    ds = dataset(project, tmp_path, "broken", [sft(i) for i in range(11)] + [BROKEN, BROKEN])
    plan = await jobs.plan_launch(project, jobs.LaunchRequest(dataset_id=ds, model=MODEL))
    assert plan.blocked
    assert any(f.code == "examples_with_errors" and "2 examples have errors" in f.message for f in plan.errors)
    assert plan.cost is not None  # the estimate is still shown


@pytest.mark.asyncio
async def test_plan_blocks_on_kind_method_mismatch_and_rft_needs(project, tmp_path):
    ds = good(project, tmp_path)
    plan = await jobs.plan_launch(project, jobs.LaunchRequest(dataset_id=ds, model=MODEL, method="dpo"))
    assert plan.blocked and [f.code for f in plan.errors] == ["method_mismatch"]
    rft = await jobs.plan_launch(project, jobs.LaunchRequest(dataset_id=ds, model=MODEL, method="reinforcement"))
    codes = {f.code for f in rft.errors}
    assert {"method_mismatch", "rft_needs_validation", "rft_needs_grader"} <= codes


def rft(i: int, **extra) -> dict:
    return {"messages": [{"role": "user", "content": f"What is clause {i} about?"}], **extra}


@pytest.mark.asyncio
async def test_rft_launch_is_refused_with_a_broken_grader(env, project, tmp_path):
    server, profile, client = env
    # Like a public sample set: the grader reads item.reference_answer, no line has that field.
    train = dataset(project, tmp_path, "rft-train", [rft(i, answer=f"a{i}") for i in range(12)])
    valid = dataset(project, tmp_path, "rft-valid", [rft(i, answer=f"a{i}") for i in range(4)])
    reads_missing = {"type": "string_check", "name": "exact", "operation": "eq",
                     "input": "{{sample.output_text}}", "reference": "{{item.reference_answer}}"}
    req = jobs.LaunchRequest(dataset_id=train, validation_dataset_id=valid, model="o4-mini-2025-04-16",
                             method="reinforcement", grader=reads_missing)
    plan = await jobs.plan_launch(project, req)
    missing = [f.message for f in plan.errors if f.code == "template_field_missing"]
    assert len(missing) == 2 and "item.reference_answer is missing in 12 of 12 examples" in missing[0]
    assert "training data" in missing[0] and "validation data" in missing[1]
    with pytest.raises(jobs.LaunchBlocked):
        await jobs.launch(project, client, profile, req)
    assert posts(server, "/files") == 0 and posts(server, "/fine_tuning/jobs") == 0

    bad_formula = {"type": "multi", "name": "both", "calculate_output": "exact + bogus",
                   "graders": {"exact": {**reads_missing, "reference": "{{item.answer}}"}}}
    plan = await jobs.plan_launch(project, jobs.LaunchRequest(
        dataset_id=train, validation_dataset_id=valid, model="o4-mini-2025-04-16", method="reinforcement",
        grader=bad_formula))
    assert plan.blocked and any("bogus" in f.message for f in plan.errors)
    fixed = {**reads_missing, "reference": "{{item.answer}}"}
    plan = await jobs.plan_launch(project, jobs.LaunchRequest(
        dataset_id=train, validation_dataset_id=valid, model="o4-mini-2025-04-16", method="reinforcement",
        grader=fixed))
    assert not [f for f in plan.errors if "grader" in f.message.lower() or f.code.startswith("template")]


@pytest.mark.asyncio
async def test_blocked_launch_sends_nothing(env, project, tmp_path):
    server, profile, client = env
    ds = good(project, tmp_path, n=3)  # too few to train
    with pytest.raises(jobs.LaunchBlocked) as info:
        await jobs.launch(project, client, profile, jobs.LaunchRequest(dataset_id=ds, model=MODEL))
    assert any(f.code == "too_few_examples" for f in info.value.plan.errors)
    assert not server.requests
    assert not read(project, jobs_repo.pending_requests)


# --- launching -----------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_launch_end_to_end(env, project, tmp_path):
    server, profile, client = env
    ds = good(project, tmp_path)
    val = dataset(project, tmp_path, "lease-check", [sft(100 + i) for i in range(3)])
    seen: list[tuple[str, int, int]] = []
    req = jobs.LaunchRequest(dataset_id=ds, validation_dataset_id=val, model=MODEL, suffix="law", seed=7,
                             hyperparameters={"n_epochs": 2}, metadata={"team": "legal"})
    row = await jobs.launch(project, client, profile, req, progress=lambda *a: seen.append(a))
    assert list(server.ft.jobs) == [row.id]
    assert row.profile_id == profile.id and row.status == "validating_files" and row.base_model == MODEL
    assert row.training_version_id and row.validation_version_id
    assert read(project, jobs_repo.list_jobs, profile.id) == [row]
    assert not read(project, jobs_repo.pending_requests)
    job = server.ft.jobs[row.id].obj
    assert job["metadata"]["team"] == "legal" and job["metadata"]["app_request_id"] == row.client_request_id
    sent = next(r.json for r in server.requests if r.method == "POST" and r.endpoint == "/fine_tuning/jobs")
    assert sent["suffix"] == "law" and sent["seed"] == 7
    assert sent["method"]["supervised"]["hyperparameters"] == {"n_epochs": 2}
    assert server.ft.contents[job["training_file"]] == read(project, dataset_versions.version_bytes,
                                                           row.training_version_id)
    assert server.ft.contents[job["validation_file"]] == read(project, dataset_versions.version_bytes,
                                                             row.validation_version_id)
    assert server.ft.files[job["training_file"]]["filename"].startswith("lease-training-v")
    stages = {s for s, _, _ in seen}
    assert stages == {"upload training file", "upload validation file"}
    assert not list(tmp_path.glob("ft-upload-*"))


@pytest.mark.asyncio
async def test_dropped_create_gives_one_job_and_one_row(env, project, tmp_path):
    server, profile, client = env
    ds = good(project, tmp_path)
    server.inject(path="/fine_tuning/jobs", method="POST", drop=True)
    row = await jobs.launch(project, client, profile, jobs.LaunchRequest(dataset_id=ds, model=MODEL))
    assert posts(server, "/fine_tuning/jobs") == 2
    assert list(server.ft.jobs) == [row.id]
    assert [r.id for r in read(project, jobs_repo.list_jobs, None)] == [row.id]


@pytest.mark.asyncio
async def test_crash_after_create_is_recovered(env, project, tmp_path, monkeypatch):
    server, profile, client = env
    ds = good(project, tmp_path)
    real_create = jobs_api.create_job

    async def create_then_crash(*args, **kwargs):
        await real_create(*args, **kwargs)  # the provider made the job ...
        raise SystemExit("crash")  # ... but the app died before it heard the answer

    monkeypatch.setattr(jobs_api, "create_job", create_then_crash)
    with pytest.raises(SystemExit):
        await jobs.launch(project, client, profile, jobs.LaunchRequest(dataset_id=ds, model=MODEL))
    monkeypatch.setattr(jobs_api, "create_job", real_create)
    pending = read(project, jobs_repo.pending_requests)
    assert len(pending) == 1 and not read(project, jobs_repo.list_jobs, None)
    other = ConnectionProfile(name="Other", base_url=server.base_url)
    assert await jobs.recover_pending(project, client, other) == []  # not this connection's request
    recovered = await jobs.recover_pending(project, client, profile)
    assert [r.id for r in recovered] == list(server.ft.jobs)
    assert recovered[0].client_request_id == pending[0].client_request_id
    assert recovered[0].training_version_id == pending[0].training_version_id
    assert not read(project, jobs_repo.pending_requests)
    assert len(server.ft.jobs) == 1


@pytest.mark.asyncio
async def test_refusal_is_entitlement_and_never_duplicates(env, project, tmp_path):
    server, profile, client = env
    ds = good(project, tmp_path)
    server.ft_refuse = {"status": 403, "message": "This organization is not entitled to create fine-tuning jobs."}
    for _ in range(2):
        with pytest.raises(ProviderError) as info:
            await jobs.launch(project, client, profile, jobs.LaunchRequest(dataset_id=ds, model=MODEL))
        assert info.value.kind is ErrorKind.ENTITLEMENT and "2027-01-06" in info.value.message
    assert posts(server, "/fine_tuning/jobs") == 2 and not server.ft.jobs
    pending = read(project, jobs_repo.pending_requests)
    assert len(pending) == 2  # kept unattached: nothing the provider made is ever lost
    assert await jobs.recover_pending(project, client, profile) == []
    assert not read(project, jobs_repo.list_jobs, None)
    # The same content was frozen once, however often it was tried.
    assert len(read(project, dataset_versions.list_versions)) == 1


# --- following and steering ----------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_poll_through_the_script_stores_events_metrics_checkpoints(env, project, tmp_path):
    server, profile, client = env
    ds = good(project, tmp_path)
    row = await jobs.launch(project, client, profile, jobs.LaunchRequest(dataset_id=ds, model=MODEL))
    statuses = []
    for _ in range(10):
        row = await jobs.poll_job(project, client, profile, row.id)
        statuses.append(row.status)
        if not row.active:
            break
    assert statuses[0] == "queued" and "running" in statuses and statuses[-1] == "succeeded"
    assert row.fine_tuned_model.startswith("ft:") and row.trained_tokens
    stored = read(project, job_progress_repo.events, row.id)
    assert len({e.event_id for e in stored}) == len(stored)
    assert "The job has successfully completed" in {e.message for e in stored}
    series = read(project, job_progress_repo.metrics_series, row.id)
    assert [step for step, _ in series["train_loss"]] == [1, 2, 3]
    points = read(project, job_progress_repo.checkpoints, row.id)
    assert points and points[0].step == 3 and ":ckpt-step-3" in points[0].model
    again = await jobs.poll_job(project, client, profile, row.id)  # nothing new: nothing doubled
    assert len(read(project, job_progress_repo.events, row.id)) == len(stored) and again.status == "succeeded"


@pytest.mark.asyncio
async def test_refresh_and_actions(env, project, tmp_path):
    server, profile, client = env
    server.ft_script = ["queued", "running:5", "succeeded"]
    ds = good(project, tmp_path)
    row = await jobs.launch(project, client, profile, jobs.LaunchRequest(dataset_id=ds, model=MODEL))
    server.ft.advance(row.id, 2)
    assert (await jobs.poll_job(project, client, profile, row.id)).status == "running"
    assert (await jobs.job_action(project, client, profile, row.id, "pause")).status == "paused"
    assert read(project, jobs_repo.get_job, row.id).status == "paused"
    assert (await jobs.job_action(project, client, profile, row.id, "resume")).status == "running"
    assert (await jobs.job_action(project, client, profile, row.id, "cancel")).status == "cancelled"
    with pytest.raises(ProviderError):
        await jobs.job_action(project, client, profile, row.id, "pause")  # a cancelled job cannot pause
    with pytest.raises(ValueError):
        await jobs.job_action(project, client, profile, row.id, "delete")
    listed = await jobs.refresh_jobs(project, client, profile)
    assert [r.id for r in listed] == [row.id] and listed[0].status == "cancelled"
