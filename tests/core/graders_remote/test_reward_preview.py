"""Reward preview over a Playground batch run (``app.services.reward_preview``) on a real project: an RFT
dataset answered by a model on the stand-in (half the answers right), then graders scored locally, on
the provider (the stand-in) or not at all without a connection; the spread figures, a flat grader
flagged, progress, the remote failures, and cancelling midway."""

from __future__ import annotations

import asyncio
import re

import pytest
import pytest_asyncio

from app.formats.model import Kind
from app.models.connection import ConnectionProfile
from app.services import batch_runs, providers
from app.services.batch_runs import BatchTarget
from app.services.importing import ImportRequest, run_import
from app.services.projects import open_project_sync
from app.services.provider_errors import ErrorKind, ProviderError
from app.services.reward_preview import preview_rewards
from app.store import batch_repo, batch_results_repo
from app.store.project_file import create_project
from tests.core.datasets.conftest import write_jsonl

MODEL = "gpt-4.1-mini-2025-04-14"
COUNT = 6
EXACT = {"type": "string_check", "name": "exact", "input": "{{sample.output_text}}",
         "reference": "{{item.answer}}", "operation": "eq"}
PYTHON = {"type": "python", "name": "py",
          "source": "def grade(sample, item):\n    return 1.0 if sample['output_text'] == item['answer'] else 0.25\n"}


def line(i: int) -> dict:
    return {"messages": [{"role": "user", "content": f"What is {i} + {i}?"}], "answer": str(2 * i)}


def half_right(request) -> str:
    """The model's answer: right for even questions, wrong for odd ones."""
    i = int(re.findall(r"\d+", request.json["messages"][-1]["content"])[0])
    return str(2 * i) if i % 2 == 0 else "I am not sure."


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "preview.ftproj"
    create_project(path)
    p = open_project_sync(path)
    yield p
    p._close_sync()


@pytest_asyncio.fixture
async def env(standin_shared):
    """(stand-in server, a profile to it, an SDK client without retries)."""
    profile = ConnectionProfile(name="Work", base_url=standin_shared.base_url)
    client = providers.build_client(profile, standin_shared.api_key, timeout=5.0, max_retries=0)
    yield standin_shared, profile, client
    await client.close()


@pytest_asyncio.fixture
async def answered(project, tmp_path, env) -> tuple[int, list[int]]:
    """(batch run id, example ids in order): COUNT RFT examples answered by MODEL, half of them right."""
    server, profile, client = env
    path = tmp_path / "sums.jsonl"
    write_jsonl(path, [line(i) for i in range(COUNT)])
    dataset = run_import(project, ImportRequest(path, name="sums", kind=Kind.RFT)).dataset_id
    run = await project.db.write(batch_repo.create_run, "sums", dataset, None,
                                 [BatchTarget("base", profile.id, MODEL)], 3)
    server.reply_text = half_right

    async def client_for(_profile_id: str):
        return client, profile

    final = await batch_runs.run_batch(project, run, client_for)
    assert final.done == COUNT
    outputs = await project.db.read(batch_results_repo.outputs, run, 0)
    ids = sorted(outputs)
    assert [outputs[i][1] for i in ids] == ["0", "I am not sure.", "4", "I am not sure.", "8", "I am not sure."]
    server.clear_requests()
    return run, ids


def grader_calls(server) -> int:
    return len(server.requests_to("/fine_tuning/alpha/graders/*"))


@pytest.mark.asyncio
async def test_local_scores_spread(project, env, answered):
    server, _profile, _client = env
    run, ids = answered
    seen: list[tuple[int, int]] = []
    spread, rows = await preview_rewards(project, EXACT, run, 0, on_progress=lambda d, t: seen.append((d, t)))
    assert [(r[0], r[1]) for r in rows] == [(i, 1.0 if n % 2 == 0 else 0.0) for n, i in enumerate(ids)]
    assert (spread.count, spread.mean, spread.minimum, spread.maximum, spread.flat) == (COUNT, 0.5, 0.0, 1.0, False)
    assert spread.histogram[0] == 3 and spread.histogram[-1] == 3
    assert seen == [(n, COUNT) for n in range(COUNT + 1)]
    assert grader_calls(server) == 0  # scored here, offline
    _spread, rows = await preview_rewards(project, EXACT, run, 0, limit=2)
    assert [r[0] for r in rows] == ids[:2]


@pytest.mark.asyncio
async def test_a_flat_grader_is_flagged(project, answered):
    run, _ids = answered
    # Reads a field no line has (the public sample set's mistake): every answer scores 0.
    reads_missing = {**EXACT, "reference": "{{item.reference_answer}}"}
    spread, rows = await preview_rewards(project, reads_missing, run, 0)
    assert [r[1] for r in rows] == [0.0] * COUNT
    assert spread.flat and spread.count == COUNT and "nothing to learn from" in spread.message
    easy = {**EXACT, "operation": "ne", "reference": "never said"}
    spread, _rows = await preview_rewards(project, easy, run, 0)
    assert spread.flat and spread.minimum == spread.maximum == 1.0


@pytest.mark.asyncio
async def test_remote_only_graders_need_a_connection(project, env, answered):
    server, _profile, _client = env
    run, _ids = answered
    spread, rows = await preview_rewards(project, PYTHON, run, 0)
    assert all(score is None and note.startswith("Needs a connection to score (") for _, score, note in rows)
    assert spread.count == 0 and spread.mean is None and grader_calls(server) == 0


@pytest.mark.asyncio
async def test_remote_scores_through_the_provider(project, env, answered):
    server, profile, client = env
    run, _ids = answered
    seen: list[tuple[int, int]] = []
    spread, rows = await preview_rewards(project, PYTHON, run, 0, client=client, profile=profile,
                                         on_progress=lambda d, t: seen.append((d, t)))
    assert [r[1] for r in rows] == [1.0, 0.25] * (COUNT // 2) and all(r[2] == "" for r in rows)
    assert spread.mean == pytest.approx(0.625) and not spread.flat
    assert grader_calls(server) == COUNT and seen[-1] == (COUNT, COUNT)
    raising = {**PYTHON, "source": "def grade(sample, item):\n    return item['nope']\n"}
    spread, rows = await preview_rewards(project, raising, run, 0, limit=2, client=client, profile=profile)
    sentence = "Your Python grader raised an error: KeyError: 'nope' (line 2)"
    assert spread.flat and len(rows) == 2 and all(r[2] == sentence for r in rows)


@pytest.mark.asyncio
async def test_remote_failures(project, env, answered):
    server, profile, client = env
    run, _ids = answered
    server.inject(path="/fine_tuning/alpha/graders/run", status=500)  # one call fails: noted, the rest go on
    spread, rows = await preview_rewards(project, PYTHON, run, 0, client=client, profile=profile)
    failed = [r for r in rows if r[1] is None]
    assert len(failed) == 1 and "had a problem on its side" in failed[0][2] and spread.count == COUNT - 1
    wrong = providers.build_client(profile, "sk-wrong", timeout=5.0, max_retries=0)
    try:
        with pytest.raises(ProviderError) as info:  # every call would fail: stop and say why
            await preview_rewards(project, PYTHON, run, 0, client=wrong, profile=profile)
        assert info.value.kind is ErrorKind.AUTH
    finally:
        await wrong.close()


@pytest.mark.asyncio
async def test_cancel_midway(project, env, answered):
    server, profile, client = env
    run, _ids = answered
    server.inject(path="/fine_tuning/alpha/graders/run", delay=2.0, times=COUNT)
    task = asyncio.create_task(preview_rewards(project, PYTHON, run, 0, client=client, profile=profile))
    try:
        for _ in range(300):
            if grader_calls(server) >= 4:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)
        assert grader_calls(server) == 4  # a few at a time, all still waiting for their answer
    finally:
        task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 1.0)  # at once, without waiting for the slow answers
    server.clear_faults()


@pytest.mark.asyncio
async def test_bad_requests(project, answered):
    run, _ids = answered
    with pytest.raises(ValueError, match="not part of this batch run"):
        await preview_rewards(project, EXACT, run, 1)
    with pytest.raises(ValueError, match="Fix the grader first"):
        await preview_rewards(project, {**EXACT, "operation": "equals"}, run, 0)
    with pytest.raises(LookupError):
        await preview_rewards(project, EXACT, run + 99, 0)
