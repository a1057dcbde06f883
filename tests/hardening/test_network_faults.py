"""Network faults against the stand-in server, for every provider area, with the real SDK over real HTTP.

The table (``test_fault``) crosses 8 areas — list models, upload (small, in parts), create a job (the
whole launch), list jobs, poll a job, a streamed chat, a grader run — with 11 faults: 429 without
``retry-after``, with a short one, with one longer than the SDK waits (300 s); 500, 502, 503; a
timeout; a connection reset (mid-upload between parts, mid-stream after a few chunks); a TLS failure
(an https:// address on the stand-in's plain-HTTP port); a name that does not resolve
(``nonexistent.invalid``); an HTML page instead of the API. Each fault is kept up until the app gives
up, so the error reaches the caller. For every case:

* the caller gets a ``ProviderError`` (chat: ``ChatResult.error``) of the expected kind, with a plain
  message (no traceback, no exception class names, no HTML);
* once the fault is gone, trying again works;
* no duplicate: the stand-in holds exactly the files and jobs one success makes;
* nothing local is lost: the file to upload, the project's examples, the cached jobs and events, the
  part of a chat answer already received.

Then the targeted cases the table cannot show: answers lost after the server acted (upload, upload
completion, job creation) never duplicate, a stream that stalls midway keeps its text.

Speed: the SDK's backoff is shortened (the number of tries is not), and so are the app's pauses
before it looks for a file or job whose answer was lost.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openai._base_client as sdk_base
import pytest
import pytest_asyncio

from app.models.chat import ChatParams
from app.models.connection import ConnectionProfile
from app.runtime.threads import run_blocking
from app.services import chat, graders_api, jobs, jobs_api, providers, uploads
from app.services.importing import ImportRequest, run_import
from app.services.jobs import LaunchRequest
from app.services.projects import open_project_sync
from app.services.provider_errors import ErrorKind, ProviderError
from app.store import job_progress_repo, jobs_repo
from app.store.project_file import create_project
from tests.core.datasets.conftest import sft, write_jsonl

pytestmark = pytest.mark.asyncio(loop_scope="module")

MODEL = "gpt-4.1-mini-2025-04-14"
LINE = b'{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}\n'
CHECK = {"type": "string_check", "name": "exact", "input": "{{sample.output_text}}",
         "reference": "{{item.answer}}", "operation": "eq"}
MESSAGES = [{"role": "user", "content": "Say something."}]
ANSWER = "one two three four five six seven eight"
TIMEOUT = 0.1  # the client's timeout in the timeout cases
SERVER_DELAY = 0.3  # the server's delay then: it acts after the client gave up (a lost answer)
PERSISTENT = 60  # a fault outlasting every try of the SDK and of the app

# Words no message for a user may contain: tracebacks, exception names, library names, raw bodies.
NOT_PLAIN = ("Traceback", 'File "', "Errno", "_ssl.c", "httpx", "httpcore", "openai.", "<html", "{'", '{"', "None")
EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]+(Error|Exception)\b")


# --- the fixtures --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    """The SDK's and the app's pauses between tries, shortened; the number of tries stays."""
    monkeypatch.setattr(sdk_base, "INITIAL_RETRY_DELAY", 0.01)
    monkeypatch.setattr(sdk_base, "MAX_RETRY_DELAY", 0.05)
    monkeypatch.setattr(uploads, "BACKOFF", 0.01)
    monkeypatch.setattr(jobs_api, "DEFAULT_BACKOFF", 0.01)
    return monkeypatch


def wait_for_lost_requests(monkeypatch) -> None:  # noqa: ANN001
    """Before the app looks for what a request it gave up on made, that request has acted on the
    server (the app's first pause is longer than SERVER_DELAY - TIMEOUT)."""
    monkeypatch.setattr(uploads, "BACKOFF", 0.25)
    monkeypatch.setattr(jobs_api, "DEFAULT_BACKOFF", 0.25)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared_client(standin_session):
    """One SDK client (the app's settings, a 5 s timeout) on the session's stand-in, for the module."""
    client = providers.build_client(ConnectionProfile(name="Work", base_url=standin_session.base_url),
                                    standin_session.api_key, timeout=5.0)
    yield client
    await client.close()


@dataclass
class Ctx:
    """One case: the server, a fresh profile (so nothing remembered by profile carries over), the client."""

    server: Any
    profile: ConnectionProfile
    client: Any
    tmp: Path
    project: Any = None
    state: dict[str, Any] = field(default_factory=dict)


@pytest_asyncio.fixture(loop_scope="module")
async def ctx(standin_shared, shared_client, tmp_path):
    standin_shared.reply_text = ANSWER
    profile = ConnectionProfile(name="Work", base_url=standin_shared.base_url)
    c = Ctx(standin_shared, profile, shared_client, tmp_path)
    yield c
    if c.project is not None:
        await run_blocking(c.project._close_sync)


async def open_project(c: Ctx, *, dataset: bool = True) -> None:
    path = c.tmp / "faults.ftproj"
    await run_blocking(create_project, path)
    c.project = await run_blocking(open_project_sync, path)
    if not dataset:
        return
    data = c.tmp / "lease.jsonl"
    write_jsonl(data, [sft(i) for i in range(12)])
    result = await run_blocking(run_import, c.project, ImportRequest(data, name="lease"))
    c.state["dataset"] = result.dataset_id


async def count_examples(c: Ctx) -> int:
    return await c.project.db.read(lambda db: db.conn.execute("SELECT COUNT(*) FROM examples").fetchone()[0])


async def existing_job(c: Ctx) -> None:
    """A project with one job the provider made and the project cached (with its first events)."""
    await open_project(c, dataset=False)
    file_id = c.server.ft.add_file("lease.jsonl", "fine-tune", LINE * 5)["id"]
    info = await jobs_api.create_job(c.client, c.profile, model=MODEL, training_file=file_id, method="supervised",
                                     client_request_id=uuid.uuid4().hex)
    c.state["job"] = info.id
    await jobs.refresh_jobs(c.project, c.client, c.profile)
    await jobs.poll_job(c.project, c.client, c.profile, info.id)


async def cached(c: Ctx) -> tuple[list[tuple[str, str]], int]:
    """The cached jobs (id, status) and the number of cached events of the case's job."""
    def read(db):  # noqa: ANN001, ANN202
        return ([(j.id, j.status) for j in jobs_repo.list_jobs(db)],
                len(job_progress_repo.events(db, c.state["job"])))
    return await c.project.db.read(read)


# --- the areas -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """One provider area: what it calls, which endpoints a fault hits, what one success leaves."""

    globs: tuple[str, ...]
    setup: Callable[[Ctx], Awaitable[None]]
    call: Callable[[Ctx], Awaitable[Any]]
    local: Callable[[Ctx], Awaitable[Any]]  # a snapshot of what must not be lost
    retry: Callable[[Ctx], Awaitable[Any]] | None = None  # trying again (default: call)
    files: int | None = 0  # on the server after one success (None: not counted, a job's result adds one)
    jobs: int = 0


async def nothing(_c: Ctx) -> None:
    return None


async def small_file(c: Ctx) -> None:
    c.state["path"] = path = c.tmp / "lease-training-v1.jsonl"
    path.write_bytes(LINE * 8)


async def big_file(c: Ctx) -> None:
    c.state["path"] = path = c.tmp / "lease-training-v2.jsonl"
    path.write_bytes(bytes(range(256)) * 10)  # 2,560 bytes: three parts of 1,000


async def file_digest(c: Ctx) -> str:
    return hashlib.sha256(c.state["path"].read_bytes()).hexdigest()


async def launch(c: Ctx) -> Any:
    return await jobs.launch(c.project, c.client, c.profile, LaunchRequest(dataset_id=c.state["dataset"], model=MODEL))


async def launch_again(c: Ctx) -> Any:
    """What the user does next: Refresh in the Jobs view finds a job the provider made; else start again."""
    found = await jobs.recover_pending(c.project, c.client, c.profile)
    return found or await launch(c)


async def examples_and_jobs(c: Ctx) -> tuple[int, int]:
    rows = await c.project.db.read(jobs_repo.list_jobs)
    return await count_examples(c), len(rows)


async def stream(c: Ctx) -> chat.ChatResult:
    return await chat.stream_chat(c.client, chat.ChatTarget(c.profile, MODEL), MESSAGES, ChatParams())


async def grade(c: Ctx) -> graders_api.RemoteRun:
    return await graders_api.run_remote(c.client, c.profile, CHECK, {"answer": "Paris"}, "Paris")


AREAS: dict[str, Area] = {
    "list_models": Area(("/models",), nothing, lambda c: providers.list_models(c.client, c.profile), nothing),
    "upload_small": Area(
        ("/files",), small_file,
        lambda c: uploads.upload_training_file(c.client, c.profile, c.state["path"]), file_digest, files=1,
    ),
    "upload_parts": Area(
        ("/uploads*", "/files"), big_file,
        lambda c: uploads.upload_training_file(c.client, c.profile, c.state["path"], part_size=1000,
                                               direct_limit=500),
        file_digest, files=1,
    ),
    "create_job": Area(("/fine_tuning/jobs",), open_project, launch, examples_and_jobs, launch_again,
                       files=1, jobs=1),
    "list_jobs": Area(("/fine_tuning/jobs",), existing_job,
                      lambda c: jobs.refresh_jobs(c.project, c.client, c.profile), cached, files=None, jobs=1),
    "poll_job": Area(("/fine_tuning/jobs/*",), existing_job,
                     lambda c: jobs.poll_job(c.project, c.client, c.profile, c.state["job"]), cached,
                     files=None, jobs=1),
    "chat_stream": Area(("/chat/completions",), nothing, stream, nothing),
    "grader_run": Area(("/fine_tuning/alpha/graders/run",), nothing, grade, nothing),
}


# --- the faults ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """How to break the area's endpoints, and what the caller must then be told."""

    kind: ErrorKind
    words: str  # in the message
    inject: dict[str, Any] | None = None  # server.inject(**inject) on every glob of the area
    base_url: str | None = None  # instead: a broken address ("{port}" filled in)
    timeout: float | None = None  # the client's timeout in this case


FAULTS: dict[str, Fault] = {
    "429": Fault(ErrorKind.RATE_LIMIT, "Wait a minute and try again", {"status": 429}),
    "429_retry_after": Fault(ErrorKind.RATE_LIMIT, "try again in 1 second",
                             {"status": 429, "headers": {"retry-after": "0.1"}}),
    "429_retry_after_too_long": Fault(ErrorKind.RATE_LIMIT, "try again after",
                                      {"status": 429, "headers": {"retry-after": "300"}}),
    "500": Fault(ErrorKind.SERVER, "error 500", {"status": 500}),
    "502": Fault(ErrorKind.SERVER, "error 502", {"status": 502}),
    "503": Fault(ErrorKind.SERVER, "error 503", {"status": 503}),
    "timeout": Fault(ErrorKind.TIMEOUT, "did not answer in time", {"delay": SERVER_DELAY}, timeout=TIMEOUT),
    "reset": Fault(ErrorKind.UNREACHABLE, "broke off", {"drop": True}),
    "tls": Fault(ErrorKind.UNREACHABLE, "secure (https) connection could not be set up",
                 base_url="https://127.0.0.1:{port}/v1"),
    "dns": Fault(ErrorKind.UNREACHABLE, "“nonexistent.invalid” could not be found",
                 base_url="https://nonexistent.invalid/v1"),
    "garbage": Fault(ErrorKind.BAD_RESPONSE, "not like an OpenAI-compatible API", {"garbage": True}),
}


def break_server(c: Ctx, area_name: str, fault: Fault) -> None:
    if fault.inject is None:
        return
    if fault.inject.get("drop") and area_name == "upload_parts":
        # Mid-upload: the first part arrives, the connection breaks on the next ones.
        c.server.inject(path="/uploads/*/parts", times=1)  # a fault with no effect: this part passes
        c.server.inject(path="/uploads/*/parts", drop=True, times=PERSISTENT)
        return
    if fault.inject.get("drop") and area_name == "chat_stream":
        c.server.inject(path="/chat/completions", drop_after_chunks=3, times=PERSISTENT)  # mid-stream
        return
    for glob in AREAS[area_name].globs:
        c.server.inject(path=glob, times=PERSISTENT, **fault.inject)


def assert_plain(message: str) -> None:
    """A message a lawyer or a physician can read: sentences, no technical debris."""
    assert 40 < len(message) < 700, message
    for bad in NOT_PLAIN:
        assert bad not in message, f"{bad!r} in {message!r}"
    assert not EXCEPTION_NAME.search(message), message
    assert message.rstrip().endswith((".", ")")), message


async def outcome(call: Awaitable[Any]) -> tuple[Any, ProviderError | None]:
    """(result, error): a raised ProviderError, or a chat result's error."""
    try:
        result = await call
    except ProviderError as err:
        return None, err
    return result, getattr(result, "error", None)


@pytest.mark.parametrize("fault_name", list(FAULTS))
@pytest.mark.parametrize("area_name", list(AREAS))
async def test_fault(area_name, fault_name, ctx, quick_backoff):
    area, fault = AREAS[area_name], FAULTS[fault_name]
    c = ctx
    if fault_name == "timeout":
        wait_for_lost_requests(quick_backoff)
    await area.setup(c)
    before = await area.local(c)

    broken = c
    if fault.base_url is not None:
        profile = dataclasses.replace(c.profile, base_url=fault.base_url.format(port=c.server.port))
        broken = dataclasses.replace(c, profile=profile, client=providers.build_client(profile, c.server.api_key))
    elif fault.timeout is not None:
        broken = dataclasses.replace(c, client=c.client.with_options(timeout=fault.timeout))
    break_server(c, area_name, fault)
    try:
        result, error = await outcome(area.call(broken))
    finally:
        if broken.client is not c.client and fault.base_url is not None:
            await broken.client.close()

    # A plain message of the expected kind.
    assert error is not None, f"{area_name} under {fault_name} did not fail: {result!r}"
    assert error.kind is fault.kind, (error.kind, error.message, error.details)
    assert fault.words in error.message, error.message
    assert_plain(error.message)
    assert error.details  # the technical part is kept for "Show details"
    if fault_name == "429_retry_after_too_long":
        assert re.search(r"\b\d\d:\d\d\b", error.message) and "about 5 minutes" in error.message
    if area_name == "chat_stream" and fault_name == "reset":
        assert result.text == "one two" and "kept" in error.message  # the words received so far

    # Nothing local lost.
    assert await area.local(c) == before
    if area_name == "create_job":
        pending = await c.project.db.read(jobs_repo.pending_requests)
        assert len(pending) == 1  # the request is on record: a job made anyway is found later

    # Trying again works, and makes nothing twice.
    c.server.clear_faults()
    if fault_name == "timeout":
        await asyncio.sleep(SERVER_DELAY)  # let the requests the client gave up on finish on the server
    result, error = await outcome((area.retry or area.call)(c))
    assert error is None, (error.kind, error.message, error.details)
    assert len(c.server.ft.jobs) == area.jobs
    if area.files is not None:
        assert len(c.server.ft.files) == area.files
    if area_name in ("list_jobs", "poll_job"):
        (cached_jobs, events), (_, events_before) = await cached(c), before
        assert [j for j, _ in cached_jobs] == [c.state["job"]] and events >= events_before
    if area_name == "create_job":
        examples, rows = await area.local(c)
        assert (examples, rows) == (12, 1)
    if area_name == "chat_stream":
        assert result.text == ANSWER
    if area_name == "grader_run":
        assert result.reward == 1.0


# --- what the table cannot show ------------------------------------------------------------------


def slow_after_acting(server, route: tuple[str, str], seconds: float) -> list[int]:
    """Make ``route`` act at once but answer after ``seconds`` (the first time only): a lost answer."""
    original = server.routes[route]
    calls: list[int] = []

    def handler(rc):  # noqa: ANN001, ANN202
        reply = original(rc)
        calls.append(1)
        if len(calls) == 1:
            server.sleep(seconds)
        return reply

    server.routes[route] = handler
    return calls


@pytest.mark.parametrize("step", ["upload_small", "upload_complete", "create_job"])
async def test_an_answer_lost_after_the_server_acted_never_makes_a_second(step, ctx, quick_backoff):
    """The request worked but its answer never came (the client gave up): the app finds what was made."""
    c = ctx
    wait_for_lost_requests(quick_backoff)
    client = c.client.with_options(timeout=TIMEOUT)
    if step == "create_job":
        await open_project(c)
        calls = slow_after_acting(c.server, ("POST", "/fine_tuning/jobs"), SERVER_DELAY)
        row = await jobs.launch(c.project, client, c.profile, LaunchRequest(dataset_id=c.state["dataset"], model=MODEL))
        assert list(c.server.ft.jobs) == [row.id] and len(calls) == 1
        assert len(c.server.ft.files) == 1
        return
    if step == "upload_small":
        await small_file(c)
        calls = slow_after_acting(c.server, ("POST", "/files"), SERVER_DELAY)
        file_id = await uploads.upload_training_file(client, c.profile, c.state["path"])
    else:
        await big_file(c)
        calls = slow_after_acting(c.server, ("POST", "/uploads/{upload_id}/complete"), SERVER_DELAY)
        file_id = await uploads.upload_training_file(client, c.profile, c.state["path"], part_size=1000,
                                                     direct_limit=500)
    assert list(c.server.ft.files) == [file_id] and len(calls) == 1
    assert c.server.ft.contents[file_id] == c.state["path"].read_bytes()


async def test_starting_the_same_launch_again_after_a_lost_answer_reuses_the_job_and_the_file(ctx, quick_backoff):
    """The wizard's "Start training" pressed again after "did not answer in time": still one file, one job."""
    c = ctx
    wait_for_lost_requests(quick_backoff)
    await open_project(c)
    c.server.inject(path="/fine_tuning/jobs", delay=SERVER_DELAY, times=PERSISTENT)
    slow = c.client.with_options(timeout=TIMEOUT)
    with pytest.raises(ProviderError) as info:
        await jobs.launch(c.project, slow, c.profile, LaunchRequest(dataset_id=c.state["dataset"], model=MODEL))
    assert info.value.kind is ErrorKind.TIMEOUT
    c.server.clear_faults()
    await asyncio.sleep(SERVER_DELAY)
    assert len(c.server.ft.jobs) == 1  # made after the client gave up
    row = await jobs.launch(c.project, c.client, c.profile, LaunchRequest(dataset_id=c.state["dataset"], model=MODEL))
    assert list(c.server.ft.jobs) == [row.id] and len(c.server.ft.files) == 1


async def test_a_stream_that_stalls_midway_keeps_its_text_and_the_next_one_works(ctx, monkeypatch):
    c = ctx
    pauses = iter([0.0, 0.0, 0.0, 0.5])  # the role chunk and two words come at once, then nothing for a while
    plain_sleep = c.server.sleep
    monkeypatch.setattr(c.server, "sleep", lambda seconds: plain_sleep(next(pauses, seconds)))
    result = await chat.stream_chat(c.client.with_options(timeout=0.2), chat.ChatTarget(c.profile, MODEL), MESSAGES,
                                    ChatParams())
    assert result.error is not None and result.error.kind is ErrorKind.TIMEOUT
    assert "before the answer was complete" in result.error.message and "kept" in result.error.message
    assert_plain(result.error.message)
    assert result.text == "one two"
    assert (await stream(c)).text == ANSWER


async def test_a_connection_reset_before_the_answer_and_a_refused_port_are_plain(ctx):
    c = ctx
    c.server.inject(path="/chat/completions", drop=True, times=PERSISTENT)
    result = await stream(c)
    assert result.error.kind is ErrorKind.UNREACHABLE and "broke off" in result.error.message
    assert_plain(result.error.message)
    dead = ConnectionProfile(name="Local", base_url="http://127.0.0.1:9/v1")
    client = providers.build_client(dead, "key")
    try:
        with pytest.raises(ProviderError) as info:
            await providers.list_models(client, dead)
    finally:
        await client.close()
    assert info.value.kind is ErrorKind.UNREACHABLE and "refused" in info.value.message
    assert_plain(info.value.message)
