"""Batch runs on a real project against the stand-in server with the real SDK: the concurrency
limit, each answer from the model it names, a failing target beside a working one, cancel and
resume without redoing calls, and the trip to the annotator and back as a win-rate."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
import pytest_asyncio

from app.formats import winrate
from app.formats.model import Kind
from app.models.chat import ChatParams
from app.models.connection import ConnectionProfile
from app.services import batch_runs, dataset_edits, providers
from app.services.batch_runs import BatchProgress, BatchTarget
from app.services.importing import ImportRequest, run_import
from app.services.projects import open_project_sync
from app.store import annotation_repo, batch_prompts, batch_repo, batch_results_repo
from app.store.project_file import create_project
from tests.core.datasets.conftest import sft, write_jsonl

BASE = "gpt-4o-mini-2024-07-18"
TUNED = "ft:gpt-4.1-mini-2025-04-14:acme::abc123"
MISSING = "gpt-nonexistent-2099"
NO_USER = {"messages": [{"role": "system", "content": "Be brief."}, {"role": "assistant", "content": "Hello."}]}


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "batch.ftproj"
    create_project(path)
    p = open_project_sync(path)
    yield p
    p._close_sync()


@pytest_asyncio.fixture
async def env(standin):
    """(stand-in server, a profile to it, an SDK client for that profile)."""
    profile = ConnectionProfile(name="Work", base_url=standin.base_url)
    client = providers.build_client(profile, standin.api_key, timeout=5.0)
    yield standin, profile, client
    await client.close()


class Tracker:
    """A ``reply_text`` that answers "answer from <model>" after ``delay`` and records the most
    requests the stand-in was answering at once."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.lock = threading.Lock()
        self.active = 0
        self.peak = 0

    def __call__(self, request) -> str:
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        time.sleep(self.delay)
        with self.lock:
            self.active -= 1
        return f"answer from {request.model}"


def connector(profile, client, broken: dict[str, str] | None = None):
    async def client_for(profile_id: str):
        if broken and profile_id in broken:
            raise RuntimeError(broken[profile_id])
        return client, profile

    return client_for


def dataset(project, tmp_path, objs: list[dict], name: str = "lease") -> int:
    path = tmp_path / f"{name}.jsonl"
    write_jsonl(path, objs)
    return run_import(project, ImportRequest(path, name=name)).dataset_id


def chat_calls(server) -> list[tuple[str, str]]:
    """(last user message, model) of every chat request the stand-in got."""
    return [
        (r.json["messages"][-1]["content"], r.model)
        for r in server.requests
        if r.method == "POST" and r.endpoint == "/chat/completions"
    ]


def targets(profile, *models: str) -> list[BatchTarget]:
    return [BatchTarget(label=f"M{i}", profile_id=profile.id, model=m) for i, m in enumerate(models)]


async def new_run(project, ds: int, tgts: list[BatchTarget], concurrency: int = 2, split: str | None = None) -> int:
    return await project.db.write(batch_repo.create_run, "run", ds, split, tgts, concurrency)


# --- prompts and runs ---------------------------------------------------------------------------


def test_prompt_of_each_kind():
    convo = {
        "messages": [
            {"role": "system", "content": "S"},
            {"role": "user", "content": "Q1"},
            {"role": "assistant", "content": "A1", "weight": 0},
            {"role": "user", "content": "Q2"},
            {"role": "assistant", "content": "A2"},
        ]
    }
    assert batch_prompts.prompt_of(convo, Kind.SFT) == [
        {"role": "system", "content": "S"},
        {"role": "user", "content": "Q1"},
        {"role": "assistant", "content": "A1"},  # "weight" is for training only
        {"role": "user", "content": "Q2"},
    ]
    assert batch_prompts.reference_of(convo, Kind.SFT) == "A2"
    dpo = {
        "input": {"messages": [{"role": "user", "content": "Q"}]},
        "preferred_output": [{"role": "assistant", "content": "good"}],
        "non_preferred_output": [{"role": "assistant", "content": "bad"}],
    }
    assert batch_prompts.prompt_of(dpo, Kind.DPO) == [{"role": "user", "content": "Q"}]
    assert batch_prompts.reference_of(dpo, Kind.DPO) == "good"
    rft = {"messages": [{"role": "user", "content": "Q"}], "answer": "42"}
    assert batch_prompts.prompt_of(rft, Kind.RFT) == [{"role": "user", "content": "Q"}]
    assert batch_prompts.prompt_of(NO_USER, Kind.SFT) is None
    assert batch_prompts.prompt_of({"messages": "nope"}, Kind.SFT) is None


def test_create_run_checks_its_input(project, tmp_path):
    ds = dataset(project, tmp_path, [sft(i) for i in range(3)])
    profile = ConnectionProfile(name="Work")
    write = project.db.submit_write
    twins = [BatchTarget("same", profile.id, BASE), BatchTarget("same", profile.id, TUNED)]
    for args, words in [
        ((ds, None, [], 2), "at least one model"),
        ((ds, None, twins, 2), "different label"),
        ((ds, None, targets(profile, BASE), 0), "at least one request"),
        ((ds, "test", targets(profile, BASE), 1), "split"),
        ((9999, None, targets(profile, BASE), 1), "does not exist"),
    ]:
        with pytest.raises(ValueError, match=words):
            write(batch_repo.create_run, "run", *args).result()
    params = ChatParams(temperature=0.2, seed=7)
    tgts = [BatchTarget("base", profile.id, BASE, params=params), BatchTarget("tuned", profile.id, TUNED, BASE)]
    first = write(batch_repo.create_run, "first", ds, None, tgts, 3).result()
    second = write(batch_repo.create_run, "second", ds, "validation", tgts, 3).result()
    runs = project.db.submit_read(batch_repo.list_runs).result()
    assert [r.id for r in runs] == [second, first]
    info = runs[1]
    assert (info.name, info.dataset_name, info.status, info.total, info.done, info.failed) == (
        "first",
        "lease",
        "new",
        6,
        0,
        0,
    )
    assert info.targets == tgts and info.concurrency == 3 and info.queue_id is None
    assert runs[0].total == 0  # nothing is in the validation split
    write(batch_repo.set_status, first, "running").result()
    assert write(batch_repo.stop_interrupted).result() == 1  # a run the app was closed on
    assert project.db.submit_read(batch_repo.run_info, first).result().status == "stopped"
    write(batch_repo.delete_run, second).result()
    assert [r.id for r in project.db.submit_read(batch_repo.list_runs).result()] == [first]


# --- running ------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_two_targets_run_with_a_concurrency_limit(project, tmp_path, env):
    server, profile, client = env
    tracker = Tracker(delay=0.05)
    server.reply_text = tracker
    ds = dataset(project, tmp_path, [sft(i) for i in range(6)])
    run = await new_run(project, ds, targets(profile, BASE, TUNED), concurrency=2)
    seen: list[BatchProgress] = []

    final = await batch_runs.run_batch(project, run, connector(profile, client), on_progress=seen.append)

    assert final == BatchProgress(12, 12, 0)
    assert seen[0] == BatchProgress(12, 0, 0) and seen[-1] == final and len(seen) == 13
    assert tracker.peak == 2  # never more than the limit, and the limit was used
    calls = chat_calls(server)
    assert sorted(calls) == sorted((f"Question number {i} about the lease", m) for i in range(6) for m in (BASE, TUNED))
    sent = [r.json["messages"] for r in server.requests if r.endpoint == "/chat/completions"]
    assert all([m["role"] for m in msgs] == ["system", "user"] for msgs in sent)  # the answer is not sent
    info = await project.db.read(batch_repo.run_info, run)
    assert (info.status, info.done, info.failed) == ("done", 12, 0)

    rows = await project.db.read(batch_results_repo.results, run)
    assert [r.position for r in rows] == list(range(6))
    for i, row in enumerate(rows):
        assert row.prompt == f"Question number {i} about the lease"
        assert row.reference == f"Answer number {i}: the tenant pays."
        for result, model in zip(row.results, (BASE, TUNED), strict=True):
            assert result.output == f"answer from {model}"  # each answer came from the model it names
            assert result.error is None
            assert result.prompt_tokens and result.completion_tokens and result.total_ms is not None
    page = await project.db.read(batch_results_repo.results, run, 4, 10)
    assert [r.position for r in page] == [4, 5]


@pytest.mark.asyncio
async def test_a_split_only_runs_its_examples(project, tmp_path, env):
    server, profile, client = env
    server.reply_text = Tracker()
    ds = dataset(project, tmp_path, [sft(i) for i in range(5)])
    sql = "UPDATE examples SET split = 'validation' WHERE dataset_id = ? AND position IN (1, 3)"
    await project.db.write(lambda db: db.conn.execute(sql, (ds,)))
    run = await new_run(project, ds, targets(profile, BASE), split="validation")
    assert await batch_runs.run_batch(project, run, connector(profile, client)) == BatchProgress(2, 2, 0)
    assert sorted(c[0] for c in chat_calls(server)) == [
        "Question number 1 about the lease",
        "Question number 3 about the lease",
    ]


@pytest.mark.asyncio
async def test_failing_targets_store_their_errors_and_the_others_go_on(project, tmp_path, env):
    server, profile, client = env
    server.reply_text = Tracker()
    ds = dataset(project, tmp_path, [sft(i) for i in range(3)])
    await project.db.write(dataset_edits.add_example, ds, NO_USER)
    away = ConnectionProfile(name="Away")
    tgts = [
        BatchTarget("ok", profile.id, BASE),
        BatchTarget("missing", profile.id, MISSING),
        BatchTarget("away", away.id, BASE),
    ]
    run = await new_run(project, ds, tgts, concurrency=3)
    broken = {away.id: "There is no API key for “Away”. Add it in Settings → Connections."}

    final = await batch_runs.run_batch(project, run, connector(profile, client, broken))

    assert final == BatchProgress(12, 3, 9)
    rows = await project.db.read(batch_results_repo.results, run)
    for row in rows[:3]:
        ok, missing, off = row.results
        assert ok.output == f"answer from {BASE}" and ok.error is None
        assert missing.output is None and MISSING in missing.error and "Traceback" not in missing.error
        assert off.output is None and off.error == broken[away.id]
    assert all(r.output is None and r.error == batch_prompts.NO_PROMPT_ERROR for r in rows[3].results)
    assert rows[3].prompt == "" and rows[3].reference == "Hello."
    info = await project.db.read(batch_repo.run_info, run)
    assert (info.status, info.done, info.failed) == ("stopped", 3, 9)  # not every call has an answer

    # Resume once the model exists and the key is there: only the failed calls go again.
    server.models.append({"id": MISSING, "object": "model", "created": 1, "owned_by": "system"})
    server.clear_requests()
    final = await batch_runs.run_batch(project, run, connector(profile, client))
    assert final == BatchProgress(12, 9, 3)  # the example without a user message still fails
    assert sorted(chat_calls(server)) == sorted(
        [(f"Question number {i} about the lease", m) for i in range(3) for m in (MISSING, BASE)]
    )
    rows = await project.db.read(batch_results_repo.results, run)
    assert [r.output for r in rows[0].results] == [f"answer from {m}" for m in (BASE, MISSING, BASE)]


@pytest.mark.asyncio
async def test_cancel_then_resume_does_not_redo_finished_calls(project, tmp_path, env):
    server, profile, client = env
    server.reply_text = Tracker(delay=0.05)
    ds = dataset(project, tmp_path, [sft(i) for i in range(6)])
    run = await new_run(project, ds, targets(profile, BASE, TUNED), concurrency=2)
    enough = asyncio.Event()

    def progress(p: BatchProgress) -> None:
        if p.done >= 4:
            enough.set()

    task = asyncio.create_task(batch_runs.run_batch(project, run, connector(profile, client), on_progress=progress))
    await asyncio.wait_for(enough.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    info = await project.db.read(batch_repo.run_info, run)
    assert info.status == "stopped" and 4 <= info.done < 12 and info.failed == 0
    states = await project.db.read(batch_results_repo.call_states, run)
    finished = {k for k, ok in states.items() if ok}
    assert len(finished) == info.done
    rows = await project.db.read(batch_results_repo.results, run)
    models = (BASE, TUNED)
    done_calls = {
        (rows[p].prompt, models[t])
        for p in range(6)
        for t in range(2)
        if rows[p].results[t] and rows[p].results[t].output
    }
    server.clear_requests()

    seen: list[BatchProgress] = []
    final = await batch_runs.run_batch(project, run, connector(profile, client), on_progress=seen.append)

    assert seen[0] == BatchProgress(12, info.done, 0)
    assert final == BatchProgress(12, 12, 0)
    calls = chat_calls(server)
    assert len(calls) == 12 - info.done and not done_calls & set(calls)
    assert (await project.db.read(batch_repo.run_info, run)).status == "done"


# --- to the annotator and back ------------------------------------------------------------------


@pytest.mark.asyncio
async def test_send_to_queue_once_and_read_the_win_rate(project, tmp_path, env):
    server, profile, client = env
    server.reply_text = Tracker()
    ds = dataset(project, tmp_path, [sft(i) for i in range(3)])
    await project.db.write(dataset_edits.add_example, ds, NO_USER)  # no answers: nothing to compare
    tgts = [BatchTarget("base", profile.id, BASE), BatchTarget("tuned", profile.id, TUNED, params=ChatParams(seed=3))]
    run = await new_run(project, ds, tgts)
    await batch_runs.run_batch(project, run, connector(profile, client))
    assert await project.db.read(batch_runs.run_win_rate, run) is None  # never sent

    queue, added = await project.db.write(batch_runs.send_run_to_queue, run, 1, 0, "Lease answers")
    assert added == 3
    assert await project.db.write(batch_runs.send_run_to_queue, run, 1, 0, "Lease answers") == (queue, 0)
    assert (await project.db.read(batch_repo.run_info, run)).queue_id == queue
    items = await project.db.read(annotation_repo.queue_items, queue)
    assert len(items) == 3
    first = await project.db.read(annotation_repo.comparison, items[0])
    assert first.source == f"batch:{run}"
    assert first.context == [sft(0)["messages"][0], sft(0)["messages"][1]]
    assert [(c.model, c.content["content"]) for c in first.candidates] == [
        ("tuned", f"answer from {TUNED}"),
        ("base", f"answer from {BASE}"),
    ]
    assert first.candidates[0].params == {"seed": 3} and first.candidates[0].profile_id == profile.id

    # The judge sees the tuned answer on the right; it wins twice, then a tie.
    for item, verdict in zip(items, ("win", "win", "tie"), strict=True):
        comparison = await project.db.read(annotation_repo.comparison, item)
        tuned = next(c.slot for c in comparison.candidates if c.model == "tuned")
        base = next(c.slot for c in comparison.candidates if c.model == "base")
        winner = tuned if verdict == "win" else None
        await project.db.write(annotation_repo.add_judgement, item, "Ada", verdict, base, tuned, winner)

    assert await project.db.read(batch_runs.run_win_rate, run) == winrate.win_rate(2, 0, 1)
    assert await project.db.read(batch_runs.run_win_rate, run, 0, 1) == winrate.win_rate(0, 2, 1)


def test_a_run_cut_short_by_a_crash_shows_as_stopped_after_reopening(tmp_path):
    path = tmp_path / "crashed.ftproj"
    create_project(path)
    p = open_project_sync(path)
    ds = dataset(p, tmp_path, [sft(i) for i in range(2)])
    run = p.db.submit_write(batch_repo.create_run, "run", ds, None, targets(ConnectionProfile(name="W"), BASE), 1)
    run_id = run.result()
    p.db.submit_write(batch_repo.set_status, run_id, "running").result()
    p._close_sync()  # as if the app died mid-run: nothing marked it stopped
    again = open_project_sync(path)
    try:
        assert again.db.submit_read(batch_repo.run_info, run_id).result().status == "stopped"
    finally:
        again._close_sync()
