"""Generating candidates for the annotator against the stand-in server with the real SDK: two
settings, a failing model beside working ones, two samples of one setting, the cost shown before
starting, cancel and resume without repeating calls, sending twice without duplicates, and prompt
lists read from text files."""

from __future__ import annotations

import asyncio
import codecs
import threading
import time

import pytest
import pytest_asyncio

from app.formats.chat_models import chat_cost
from app.formats.model import Kind
from app.models.chat import ChatParams
from app.models.connection import ConnectionProfile
from app.services import annotation_generate as gen
from app.services import dataset_edits, providers
from app.services.annotation_generate_queue import send_run_to_queue_all
from app.services.batch_runs import BatchProgress, BatchTarget
from app.services.importing import ImportRequest, run_import
from app.services.projects import open_project_sync
from app.store import annotation_repo, batch_prompts, batch_repo, batch_results_repo
from app.store.project_file import create_project
from tests.core.datasets.conftest import sft, write_jsonl

BASE = "gpt-4o-mini-2024-07-18"
OTHER = "gpt-4.1-mini-2025-04-14"
TUNED = "ft:gpt-4.1-mini-2025-04-14:acme::abc123"
MISSING = "gpt-nonexistent-2099"  # not in the stand-in's model list: 404 model_not_found
NO_USER = {"messages": [{"role": "system", "content": "Be brief."}, {"role": "assistant", "content": "Hello."}]}


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "generate.ftproj"
    create_project(path)
    p = open_project_sync(path)
    yield p
    p._close_sync()


@pytest_asyncio.fixture
async def env(standin):
    """(stand-in server, a profile to it, an SDK client for that profile); answers name the model,
    and the seed when one was sent."""
    standin.reply_text = Echo()
    profile = ConnectionProfile(name="Work", base_url=standin.base_url)
    client = providers.build_client(profile, standin.api_key, timeout=5.0)
    yield standin, profile, client
    await client.close()


class Echo:
    """A ``reply_text`` echoing the request's model (and seed), optionally slowly."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.lock = threading.Lock()

    def __call__(self, request) -> str:
        time.sleep(self.delay)
        seed = request.json.get("seed")
        return f"answer from {request.model}" + (f" seed {seed}" if seed is not None else "")


def connector(profile, client):
    async def client_for(profile_id: str):
        return client, profile

    return client_for


def dataset(project, tmp_path, objs: list[dict], name: str = "lease") -> int:
    path = tmp_path / f"{name}.jsonl"
    write_jsonl(path, objs)
    return run_import(project, ImportRequest(path, name=name)).dataset_id


def chat_calls(server) -> list[tuple[str, str]]:
    """(last user message, model) of every chat request the stand-in got."""
    return [(r.json["messages"][-1]["content"], r.model) for r in server.requests_to("/chat/completions")]


async def comparisons(project, queue_id: int) -> list[annotation_repo.Comparison]:
    ids = await project.db.read(annotation_repo.queue_items, queue_id)
    return [await project.db.read(annotation_repo.comparison, i) for i in ids]


def question(i: int) -> str:
    return sft(i)["messages"][1]["content"]


# --- settings and plan (no server) ----------------------------------------------------------------


def test_generation_targets_labels_samples_and_limits():
    one = BatchTarget("", "p1", "gpt-4.1-mini", params=ChatParams(temperature=0.7, seed=7))
    targets = gen.generation_targets([one], 2)
    assert [t.label for t in targets] == ["gpt-4.1-mini · 0.7 · #1", "gpt-4.1-mini · 0.7 · #2"]
    assert [t.params.seed for t in targets] == [7, 8]  # a fixed seed would give the same answer twice
    assert all(t.model == "gpt-4.1-mini" and t.params.temperature == 0.7 for t in targets)
    same = [BatchTarget("", "p1", "gpt-4o"), BatchTarget("", "p2", "gpt-4o"), BatchTarget("Mine", "p1", "gpt-4o")]
    assert [t.label for t in gen.generation_targets(same, 1)] == ["gpt-4o", "gpt-4o (2)", "Mine"]
    for settings, samples, words in [([one], 1, "at least two answers"), ([], 2, "at least one"),
                                     ([one, one], 0, "at least one answer")]:
        with pytest.raises(ValueError, match=words):
            gen.generation_targets(settings, samples)


def test_plan_generation_on_a_hand_checked_case(project, tmp_path):
    path = tmp_path / "prompts.txt"
    path.write_text("Hello\nHello world\n", encoding="utf-8")
    ds = project.db.submit_write(gen.prompts_dataset_from_text, "Greetings", path).result()
    developer_only = {"messages": [{"role": "developer", "content": "x"}]}
    project.db.submit_write(dataset_edits.add_example, ds, developer_only).result()
    targets = [
        BatchTarget("a", "p", BASE),
        BatchTarget("b", "p", OTHER, params=ChatParams(max_completion_tokens=100)),
        BatchTarget("c", "p", "my-local-llama"),
        BatchTarget("d", "p", "deployment-7", base_model=BASE),
    ]
    plan = project.db.submit_read(gen.plan_generation, ds, None, targets).result()
    # Prompt tokens by the recipe: 3 (reply primer) + 3 (message) + 1 ("user") + the text:
    # "Hello" is 1 token, "Hello world" 2 -> 8 + 9 = 17 per setting; the developer-only example makes no call.
    assert (plan.prompts, plan.calls, plan.prompt_tokens, plan.unpriced) == (2, 8, 4 * 17, ["my-local-llama"])
    # gpt-4o-mini: $0.15 in / $0.60 out per 1M; gpt-4.1-mini: $0.40 / $1.60; answers guessed at 400
    # tokens each, or the setting's own limit (100) when smaller; "d" is priced as its base model.
    a = (17 * 0.15 + 2 * 400 * 0.60) / 1e6
    b = (17 * 0.40 + 2 * 100 * 1.60) / 1e6
    assert plan.cost_usd == pytest.approx(2 * a + b)
    assert plan.cost_usd == pytest.approx(2 * chat_cost(BASE, 17, 800) + chat_cost(OTHER, 17, 200))
    small = project.db.submit_read(
        lambda db: gen.plan_generation(db, ds, None, targets[:1], max_completion_tokens_guess=10)).result()
    assert small.cost_usd == pytest.approx((17 * 0.15 + 20 * 0.60) / 1e6) and small.unpriced == []
    nothing = project.db.submit_read(gen.plan_generation, ds, "validation", targets[2:3]).result()
    assert (nothing.prompts, nothing.calls, nothing.cost_usd) == (0, 0, 0.0)
    assert project.db.submit_read(gen.plan_generation, ds, None, targets[2:3]).result().cost_usd is None


def test_prompt_lists_from_text_files(project, tmp_path):
    write = project.db.submit_write
    lines = tmp_path / "lines.txt"
    lines.write_text("\n  What is a lease?  \nWho pays the rent?\n\n", encoding="utf-8")
    assert gen.read_prompts(lines) == ([(2, "What is a lease?"), (3, "Who pays the rent?")], [])
    blocks = tmp_path / "blocks.txt"
    blocks.write_bytes(codecs.BOM_UTF16_LE + "Summarise:\r\nThe tenant pays.\r\n\r\n\r\nTranslate: rent\r\n"
                       .encode("utf-16-le"))
    assert gen.read_prompts(blocks)[0] == [(1, "Summarise:\nThe tenant pays."), (5, "Translate: rent")]
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"first\ncaf\xe9\nthird\n")
    prompts, findings = gen.read_prompts(broken)
    assert prompts == [(1, "first"), (3, "third")] and [f.line for f in findings] == [2]

    ds = write(gen.prompts_dataset_from_text, "Prompts", lines).result()
    again = write(gen.prompts_dataset_from_text, "Prompts", lines).result()

    def rows(db, dataset_id):
        return db.conn.execute("SELECT kind, name FROM datasets WHERE id = ?", (dataset_id,)).fetchone(), [
            (r[0], r[1], r[2]) for r in db.conn.execute(
                "SELECT data, status, source_line FROM examples WHERE dataset_id = ? ORDER BY position", (dataset_id,))]

    (kind, name), examples = project.db.submit_read(rows, ds).result()
    assert (Kind(kind), name) == (Kind.RFT, "Prompts")
    assert examples == [('{"messages":[{"role":"user","content":"What is a lease?"}]}', "ok", 2),
                        ('{"messages":[{"role":"user","content":"Who pays the rent?"}]}', "ok", 3)]
    assert project.db.submit_read(rows, again).result()[0][1] == "Prompts (2)"
    empty = tmp_path / "empty.txt"
    empty.write_text("\n \n", encoding="utf-8")
    with pytest.raises(ValueError, match="No prompt was found in “empty.txt”"):
        write(gen.prompts_dataset_from_text, "Nothing", empty).result()


# --- against the stand-in -------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_two_settings_over_five_examples(project, tmp_path, env):
    server, profile, client = env
    ds = dataset(project, tmp_path, [sft(i) for i in range(5)])
    targets = gen.generation_targets(
        [BatchTarget("", profile.id, BASE, params=ChatParams(temperature=0.2)), BatchTarget("", profile.id, TUNED)], 1)
    seen: list[BatchProgress] = []

    run, added = await gen.generate(project, "Lease answers", ds, None, targets, connector(profile, client),
                                    concurrency=3, on_progress=seen.append)

    assert added == 5 and seen[-1] == BatchProgress(10, 10, 0)
    assert sorted(chat_calls(server)) == sorted((question(i), m) for i in range(5) for m in (BASE, TUNED))
    queue = await project.db.read(annotation_repo.queue_by_name, "Lease answers")
    assert (await project.db.read(batch_repo.run_info, run)).queue_id == queue
    items = await comparisons(project, queue)
    assert [c.context for c in items] == [sft(i)["messages"][:2] for i in range(5)]
    for item in items:
        assert item.source == f"generate:{run}"
        assert [(c.slot, c.model, c.content) for c in item.candidates] == [
            (0, f"{BASE} · 0.2", {"role": "assistant", "content": f"answer from {BASE}"}),
            (1, TUNED, {"role": "assistant", "content": f"answer from {TUNED}"}),
        ]
        assert item.candidates[0].params == {"temperature": 0.2} and item.candidates[1].params is None
        assert {c.profile_id for c in item.candidates} == {profile.id}
    assert await project.db.read(gen.failures, run) == []


@pytest.mark.asyncio
async def test_a_failing_model_leaves_comparisons_of_the_others(project, tmp_path, env):
    server, profile, client = env
    ds = dataset(project, tmp_path, [sft(i) for i in range(5)])
    await project.db.write(dataset_edits.add_example, ds, NO_USER)  # nothing to send: no comparison
    targets = [BatchTarget("base", profile.id, BASE), BatchTarget("missing", profile.id, MISSING),
               BatchTarget("other", profile.id, OTHER)]

    run, added = await gen.generate(project, "Mixed", ds, None, targets, connector(profile, client))

    assert added == 5
    queue = await project.db.read(annotation_repo.queue_by_name, "Mixed")
    items = await comparisons(project, queue)
    assert [[c.model for c in item.candidates] for item in items] == [["base", "other"]] * 5
    assert [c.content["content"] for c in items[0].candidates] == [f"answer from {BASE}", f"answer from {OTHER}"]
    failed = await project.db.read(gen.failures, run)
    assert [(f.label, f.model, f.failed) for f in failed] == [("base", BASE, 1), ("missing", MISSING, 6),
                                                              ("other", OTHER, 1)]
    assert MISSING in failed[1].message and "Traceback" not in failed[1].message
    assert failed[0].message == batch_prompts.NO_PROMPT_ERROR

    # The model appears; resuming makes only its calls, and its answers join the same comparisons.
    server.models.append({"id": MISSING, "object": "model", "created": 1, "owned_by": "system"})
    server.clear_requests()
    assert await gen.generate(project, "Mixed", ds, None, [], connector(profile, client), run_id=run) == (run, 0)
    assert sorted(chat_calls(server)) == sorted((question(i), MISSING) for i in range(5))
    items = await comparisons(project, queue)
    assert len(items) == 5
    assert [(c.slot, c.model) for c in items[0].candidates] == [(0, "base"), (1, "other"), (2, "missing")]
    assert items[0].candidates[2].content == {"role": "assistant", "content": f"answer from {MISSING}"}


@pytest.mark.asyncio
async def test_one_setting_with_two_samples(project, tmp_path, env):
    server, profile, client = env
    ds = dataset(project, tmp_path, [sft(i) for i in range(3)])
    targets = gen.generation_targets([BatchTarget("", profile.id, BASE, params=ChatParams(seed=11))], 2)

    run, added = await gen.generate(project, "Same model", ds, None, targets, connector(profile, client))

    assert added == 3
    assert sorted(r.json["seed"] for r in server.requests_to("/chat/completions")) == [11, 11, 11, 12, 12, 12]
    queue = await project.db.read(annotation_repo.queue_by_name, "Same model")
    for item in await comparisons(project, queue):
        assert [(c.model, c.content["content"]) for c in item.candidates] == [
            (f"{BASE} · #1", f"answer from {BASE} seed 11"), (f"{BASE} · #2", f"answer from {BASE} seed 12")]


@pytest.mark.asyncio
async def test_cancel_then_resume_does_not_repeat_finished_calls(project, tmp_path, env):
    server, profile, client = env
    server.reply_text = Echo(delay=0.05)
    ds = dataset(project, tmp_path, [sft(i) for i in range(6)])
    targets = [BatchTarget("base", profile.id, BASE), BatchTarget("tuned", profile.id, TUNED)]
    started: list[int] = []
    enough = asyncio.Event()

    def progress(p: BatchProgress) -> None:
        if p.done >= 4:
            enough.set()

    task = asyncio.create_task(gen.generate(project, "Resumed", ds, None, targets, connector(profile, client),
                                            concurrency=2, on_progress=progress, on_run=started.append))
    await asyncio.wait_for(enough.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    (run,) = started
    info = await project.db.read(batch_repo.run_info, run)
    assert info.status == "stopped" and 4 <= info.done < 12
    assert await project.db.read(annotation_repo.queue_by_name, "Resumed") is None  # nothing sent yet
    states = await project.db.read(batch_results_repo.call_states, run)
    models = (BASE, TUNED)
    examples = await project.db.read(batch_results_repo.examples_page, ds, None, -1, 100)
    prompt_of = {e[0]: question(e[1]) for e in examples}
    finished = {(prompt_of[e], models[t]) for (e, t), ok in states.items() if ok}
    server.clear_requests()

    again, added = await gen.generate(project, "Resumed", ds, None, [], connector(profile, client), run_id=run)

    assert (again, added) == (run, 6)
    calls = chat_calls(server)
    assert len(calls) == 12 - info.done and not finished & set(calls)  # no finished call was repeated
    assert len(set(calls)) == len(calls)
    queue = await project.db.read(annotation_repo.queue_by_name, "Resumed")
    assert [len(c.candidates) for c in await comparisons(project, queue)] == [2] * 6


@pytest.mark.asyncio
async def test_sending_twice_does_not_duplicate(project, tmp_path, env):
    server, profile, client = env
    ds = dataset(project, tmp_path, [sft(i) for i in range(4)] + [sft(1)])  # two examples ask the same
    targets = [BatchTarget("base", profile.id, BASE), BatchTarget("tuned", profile.id, TUNED)]
    run, added = await gen.generate(project, "Twice", ds, None, targets, connector(profile, client))
    assert added == 5
    queue = await project.db.read(annotation_repo.queue_by_name, "Twice")
    assert await project.db.write(send_run_to_queue_all, run, "Twice") == (queue, 0)
    server.clear_requests()
    assert await gen.generate(project, "Twice", ds, None, [], connector(profile, client), run_id=run) == (run, 0)
    assert chat_calls(server) == []  # every call was done already
    assert len(await project.db.read(annotation_repo.queue_items, queue)) == 5
    other_queue, sent = await project.db.write(send_run_to_queue_all, run, "Another queue")
    assert other_queue != queue and sent == 5  # a different queue gets its own copy
    with pytest.raises(ValueError, match="name"):
        await project.db.write(send_run_to_queue_all, run, " ")
    with pytest.raises(ValueError, match="at least two answers"):
        await gen.generate(project, "One", ds, None, targets[:1], connector(profile, client))
