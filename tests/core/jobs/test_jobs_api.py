"""The fine-tuning service against the stand-in server over real HTTP with the real SDK: uploads (direct
and in parts), duplicate-free job creation under faults, the wind-down refusal, watching, metrics."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import time
import uuid

import pytest
import pytest_asyncio

from app.formats.result_csv import parse_result_csv
from app.models.connection import ConnectionProfile
from app.services import jobs_api, providers, uploads
from app.services.provider_errors import ErrorKind, ProviderError

MODEL = "gpt-4.1-mini-2025-04-14"
LINE = b'{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}\n'


def profile_for(server) -> ConnectionProfile:
    return ConnectionProfile(name="Work", base_url=server.base_url)


@pytest_asyncio.fixture
async def env(standin):
    profile = profile_for(standin)
    client = providers.build_client(profile, standin.api_key, timeout=5.0)
    yield standin, profile, client
    await client.close()


def posts(server, endpoint: str) -> int:
    return sum(1 for r in server.requests if r.method == "POST" and r.endpoint == endpoint)


async def training_file(client, profile, tmp_path, lines: int = 5) -> str:
    path = tmp_path / "train.jsonl"
    path.write_bytes(LINE * lines)
    return await uploads.upload_training_file(client, profile, path)


async def new_job(client, profile, tmp_path, **kwargs) -> jobs_api.JobInfo:
    file_id = await training_file(client, profile, tmp_path)
    return await jobs_api.create_job(
        client,
        profile,
        model=MODEL,
        training_file=file_id,
        method="supervised",
        client_request_id=uuid.uuid4().hex,
        backoff=0.01,
        **kwargs,
    )


# --- uploads ---------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_small_upload_uses_the_files_api(env, tmp_path):
    server, profile, client = env
    path = tmp_path / "train.jsonl"
    path.write_bytes(LINE * 3)
    seen: list[tuple[int, int]] = []
    file_id = await uploads.upload_training_file(client, profile, path, progress=lambda d, t: seen.append((d, t)))
    total = len(LINE) * 3
    assert seen == [(0, total), (total, total)]
    assert posts(server, "/files") == 1 and posts(server, "/uploads") == 0
    assert (await client.files.content(file_id)).content == path.read_bytes()
    assert server.ft.files[file_id]["purpose"] == "fine-tune"


@pytest.mark.asyncio
async def test_large_upload_goes_in_parts_intact(env, tmp_path):
    server, profile, client = env
    path = tmp_path / "big.jsonl"
    data = bytes(range(256)) * 10  # 2560 bytes, every byte value
    path.write_bytes(data)
    seen: list[tuple[int, int]] = []
    file_id = await uploads.upload_training_file(
        client, profile, path, progress=lambda d, t: seen.append((d, t)), part_size=1000, direct_limit=100
    )
    assert seen == [(0, 2560), (1000, 2560), (2000, 2560), (2560, 2560)]
    assert posts(server, "/files") == 0
    parts = [r for r in server.requests if r.endpoint and r.endpoint.endswith("/parts")]
    assert len(parts) == 3
    complete = next(r for r in server.requests if r.endpoint and r.endpoint.endswith("/complete"))
    assert complete.json["md5"] == hashlib.md5(data).hexdigest()
    assert (await client.files.content(file_id)).content == data


@pytest.mark.asyncio
async def test_cancelled_upload_is_cancelled_on_the_server(env, tmp_path):
    server, profile, client = env
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"x" * 3000)
    cancel = asyncio.Event()

    def progress(done: int, total: int) -> None:
        if done >= 1000:
            cancel.set()

    with pytest.raises(asyncio.CancelledError):
        await uploads.upload_training_file(
            client, profile, path, progress=progress, cancel=cancel, part_size=1000, direct_limit=100
        )
    assert [u["status"] for u in server.ft.uploads.values()] == ["cancelled"]
    assert any(r.endpoint and r.endpoint.endswith("/cancel") for r in server.requests)
    assert not any(r.endpoint and r.endpoint.endswith("/complete") for r in server.requests)
    assert not server.ft.files


# --- creating jobs without duplicates ----------------------------------------------------------------


@pytest.mark.asyncio
async def test_dropped_create_makes_exactly_one_job(env, tmp_path):
    server, profile, client = env
    server.inject(path="/fine_tuning/jobs", method="POST", drop=True)
    job = await new_job(client, profile, tmp_path, suffix="law", metadata={"dataset": "d1"})
    assert len(server.ft.jobs) == 1 and job.id in server.ft.jobs
    assert posts(server, "/fine_tuning/jobs") == 2
    assert job.metadata["dataset"] == "d1" and jobs_api.REQUEST_ID_KEY in job.metadata
    sent = next(r.json for r in server.requests if r.method == "POST" and r.endpoint == "/fine_tuning/jobs")
    assert sent["method"] == {"type": "supervised", "supervised": {}}
    assert sent["suffix"] == "law"


@pytest.mark.asyncio
async def test_job_created_but_answer_lost_is_found_not_duplicated(standin, tmp_path):
    profile = profile_for(standin)
    client = providers.build_client(profile, standin.api_key, timeout=0.4)
    original = standin.routes[("POST", "/fine_tuning/jobs")]
    calls = []

    def slow_after_creating(ctx):
        reply = original(ctx)
        calls.append(1)
        if len(calls) == 1:
            time.sleep(1.0)  # the job exists now, but the client gives up before the answer
        return reply

    standin.routes[("POST", "/fine_tuning/jobs")] = slow_after_creating
    try:
        job = await new_job(client, profile, tmp_path)
    finally:
        await client.close()
    assert len(standin.ft.jobs) == 1 and job.id in standin.ft.jobs
    assert len(calls) == 1


@pytest.mark.asyncio
async def test_rate_limit_honours_retry_after_then_succeeds(env, tmp_path):
    server, profile, client = env
    file_id = await training_file(client, profile, tmp_path)
    server.inject(path="/fine_tuning/jobs", method="POST", status=429, headers={"retry-after": "1"})
    started = time.monotonic()
    job = await jobs_api.create_job(
        client,
        profile,
        model=MODEL,
        training_file=file_id,
        method="dpo",
        hyperparameters={"beta": 0.1},
        client_request_id="req-429",
        backoff=0.01,
    )
    assert time.monotonic() - started >= 0.9
    assert len(server.ft.jobs) == 1 and job.method == "dpo"
    assert posts(server, "/fine_tuning/jobs") == 2
    assert job.raw["method"]["dpo"]["hyperparameters"]["beta"] == 0.1


@pytest.mark.asyncio
async def test_server_error_then_success(env, tmp_path):
    server, profile, client = env
    server.inject(path="/fine_tuning/jobs", method="POST", status=500)
    job = await new_job(client, profile, tmp_path)
    assert len(server.ft.jobs) == 1 and job.status == "validating_files"


@pytest.mark.asyncio
async def test_persistent_server_errors_give_up_with_a_plain_error(env, tmp_path):
    server, profile, client = env
    server.inject(path="/fine_tuning/jobs", method="POST", status=503, times=10)
    with pytest.raises(ProviderError) as info:
        await new_job(client, profile, tmp_path, max_attempts=3)
    assert info.value.kind is ErrorKind.SERVER
    assert posts(server, "/fine_tuning/jobs") == 3 and not server.ft.jobs


@pytest.mark.asyncio
async def test_refusal_is_the_wind_down_entitlement_error(env, tmp_path):
    server, profile, client = env
    server.ft_refuse = {"status": 403, "message": "This organization is not entitled to create fine-tuning jobs."}
    with pytest.raises(ProviderError) as info:
        await new_job(client, profile, tmp_path)
    assert info.value.kind is ErrorKind.ENTITLEMENT
    assert "2027-01-06" in info.value.message
    assert posts(server, "/fine_tuning/jobs") == 1


@pytest.mark.asyncio
async def test_bad_request_is_not_retried(env, tmp_path):
    server, profile, client = env
    file_id = await training_file(client, profile, tmp_path)
    with pytest.raises(ProviderError) as info:
        await jobs_api.create_job(
            client, profile, model="no-such-model", training_file=file_id, method="supervised", client_request_id="x"
        )
    assert info.value.kind is ErrorKind.BAD_REQUEST
    assert posts(server, "/fine_tuning/jobs") == 1


# --- following jobs ----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_watch_job_to_success_with_metrics_and_results(env, tmp_path):
    server, profile, client = env
    job = await new_job(client, profile, tmp_path)
    server.inject(path="/fine_tuning/jobs/*", method="GET", status=500)  # one failed poll
    once = client.with_options(max_retries=0)  # the SDK's own retries would hide the failed poll
    updates = [u async for u in jobs_api.watch_job(once, profile, job.id, interval=0.01, max_interval=0.05)]
    assert updates[0].job is None and updates[0].exception.kind is ErrorKind.SERVER
    assert updates[0].error and "problem on its side" in updates[0].error
    good = [u for u in updates if u.error is None]
    assert good[-1].job.status == "succeeded" and good[-1].job.is_terminal
    statuses = [u.job.status for u in good]
    assert statuses[0] == "validating_files" or statuses[0] == "queued"
    assert "running" in statuses
    events = [e for u in good for e in u.events]
    assert len({e.id for e in events}) == len(events)  # no event twice
    metrics = [e.data for e in events if e.type == "metrics"]
    assert [m["step"] for m in metrics] == [1, 2, 3]
    assert events[-1].message == "The job has successfully completed"
    final = good[-1].job
    assert final.fine_tuned_model.startswith("ft:") and final.trained_tokens
    rows = await jobs_api.result_metrics(client, profile, final.result_files[0])
    assert [r["step"] for r in rows] == [1.0, 2.0, 3.0] and "valid_loss" not in rows[0]
    assert rows[0]["train_loss"] == metrics[0]["train_loss"]
    checkpoints = await jobs_api.job_checkpoints(client, profile, job.id)
    assert checkpoints and checkpoints[-1].step_number == 3 and ":ckpt-step-3" in checkpoints[-1].model


@pytest.mark.asyncio
async def test_failed_job_carries_its_error(env, tmp_path):
    server, profile, client = env
    server.ft_script = ["validating_files", "failed"]
    job = await new_job(client, profile, tmp_path)
    updates = [u async for u in jobs_api.watch_job(client, profile, job.id, interval=0.01)]
    final = updates[-1].job
    assert final.status == "failed"
    assert final.error_code == "invalid_training_file" and final.error_param == "training_file"
    assert "invalid training file" in final.error_message
    assert any(e.level == "error" for u in updates for e in u.events)


@pytest.mark.asyncio
async def test_result_metrics_decodes_base64(env, tmp_path):
    server, profile, client = env
    server.ft_result_base64 = True
    job = await new_job(client, profile, tmp_path)
    server.ft.run_to_end(job.id)
    done = await jobs_api.get_job(client, profile, job.id)
    raw = (await client.files.content(done.result_files[0])).content
    assert not raw.startswith(b"step")
    rows = await jobs_api.result_metrics(client, profile, done.result_files[0])
    assert [r["step"] for r in rows] == [1.0, 2.0, 3.0]


def test_parse_result_csv_plain_and_empty_cells():
    text = b"step,train_loss,valid_loss\n1,0.9,\n2,0.5,0.6\n"
    assert parse_result_csv(text) == [
        {"step": 1.0, "train_loss": 0.9},
        {"step": 2.0, "train_loss": 0.5, "valid_loss": 0.6},
    ]
    assert parse_result_csv(base64.b64encode(text)) == parse_result_csv(text)
    # Plain text that is not base64 stays as it is, even without a "step" header.
    assert parse_result_csv(b"epoch,loss\n1,0.5\n") == [{"epoch": 1.0, "loss": 0.5}]


@pytest.mark.asyncio
async def test_pause_resume_cancel_and_list(env, tmp_path):
    server, profile, client = env
    job = await new_job(client, profile, tmp_path)
    server.ft.advance(job.id, 2)
    paused = await jobs_api.pause_job(client, profile, job.id)
    assert paused.status == "paused" and not paused.is_terminal
    resumed = await jobs_api.resume_job(client, profile, job.id)
    assert resumed.status == "running"
    cancelled = await jobs_api.cancel_job(client, profile, job.id)
    assert cancelled.status == "cancelled" and cancelled.is_terminal
    with pytest.raises(ProviderError) as info:
        await jobs_api.pause_job(client, profile, job.id)
    assert info.value.kind is ErrorKind.BAD_REQUEST
    listed = await jobs_api.list_jobs(client, profile)
    assert [j.id for j in listed] == [job.id]
    events = await jobs_api.job_events(client, profile, job.id)
    assert events[0].message.startswith("Created fine-tuning job") and events[-1].message == "Fine-tuning job cancelled"


@pytest.mark.asyncio
async def test_missing_job_is_not_found(env):
    _, profile, client = env
    with pytest.raises(ProviderError) as info:
        await jobs_api.get_job(client, profile, "ftjob-nope")
    assert info.value.kind is ErrorKind.NOT_FOUND


def test_job_info_tolerates_unknown_status_and_extra_keys():
    info = jobs_api.job_info({"id": "ftjob-1", "status": "paused", "model": "m", "shared_with_openai": True})
    assert info.status == "paused" and not info.is_terminal
    assert info.raw["shared_with_openai"] is True and info.method == "supervised" and info.error_code is None


def test_method_payload():
    assert jobs_api.method_payload("supervised", {"n_epochs": 2}) == {
        "type": "supervised",
        "supervised": {"hyperparameters": {"n_epochs": 2}},
    }
    grader = {
        "type": "string_check",
        "name": "g",
        "input": "{{sample.output_text}}",
        "reference": "x",
        "operation": "eq",
    }
    assert jobs_api.method_payload("reinforcement", None, grader)["reinforcement"] == {"grader": grader}
    with pytest.raises(ValueError):
        jobs_api.method_payload("reinforcement")
    with pytest.raises(ValueError):
        jobs_api.method_payload("sft")
