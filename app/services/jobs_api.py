"""Fine-tuning on the provider's side: create and steer jobs, follow their progress (events,
checkpoints, result metrics). Training files are uploaded by ``uploads``.

Qt-free and SDK-free: every function receives an ``AsyncOpenAI`` client made by ``providers`` and calls its
methods by duck typing, so only ``providers`` imports ``openai``. Every failure that reaches a caller is a
``ProviderError`` with a plain message (SDK exceptions are mapped by ``providers.map_error``).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import random
import threading
import time
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, field
from typing import Any

from app.formats import result_csv
from app.models.connection import ConnectionProfile
from app.runtime.threads import run_blocking
from app.services import providers
from app.services.provider_errors import ErrorKind, ProviderError

log = logging.getLogger(__name__)

TERMINAL_STATUSES = frozenset({"succeeded", "failed", "cancelled"})
METHODS = ("supervised", "dpo", "reinforcement")
REQUEST_ID_KEY = "app_request_id"
# Kinds after which a create may or may not have reached the server: look before trying again.
_AMBIGUOUS = frozenset({ErrorKind.TIMEOUT, ErrorKind.UNREACHABLE, ErrorKind.RATE_LIMIT, ErrorKind.SERVER})
MAX_RETRY_AFTER = 60.0  # a server asking to wait longer than this is reported, not waited for
DEFAULT_BACKOFF = 1.0  # first pause (s) before looking for a job whose creation got no answer

# Creations whose answer was lost (the job may exist): what was asked -> (the request id it carried,
# when). A later create of exactly the same job (same connection, files, model, settings) within
# UNSURE_FOR seconds looks for that request's job first, so trying again after "did not answer in
# time" never makes a second job. Forgotten once the job is found (Refresh finds it too: after that,
# the same job started again is meant). In memory: after a restart ``jobs.recover_pending`` finds them.
UNSURE_FOR = 3600.0
_unsure_creates: dict[str, tuple[str, float]] = {}
_unsure_lock = threading.Lock()


def _forget_unsure(client_request_id: str) -> None:
    with _unsure_lock:
        for fingerprint in [f for f, (rid, _t) in _unsure_creates.items() if rid == client_request_id]:
            del _unsure_creates[fingerprint]


def _as_dict(obj: Any) -> dict[str, Any]:
    """A plain dict from an SDK model (extras included) or a dict."""
    if isinstance(obj, dict):
        return dict(obj)
    dump = getattr(obj, "model_dump", None)
    if callable(dump):
        return dict(dump())
    return dict(vars(obj))


async def _guard(profile: ConnectionProfile, operation: str, awaitable: Awaitable[Any]) -> Any:
    """Await one SDK call, turning any failure into a ``ProviderError`` (``uploads`` uses it too).

    The SDK does not check bodies: a server answering an HTML page (a captive portal, a proxy's login
    page) gives back a plain string, or fails with AttributeError/TypeError while a page is read. Both
    are a ``BAD_RESPONSE`` here, never an exception the caller does not expect.
    """
    try:
        result = await awaitable
    except ProviderError:
        raise
    except (AttributeError, TypeError, KeyError) as exc:
        raise providers.not_an_api(profile, f"{operation}: {type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - SDK errors cannot be named here (no openai import)
        raise providers.map_error(exc, profile, operation=operation) from exc
    if result is None or isinstance(result, str | bytes | bytearray):
        raise providers.not_an_api(profile, f"{operation}: the answer was not JSON: {str(result)[:200]!r}")
    return result


# --- jobs ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobInfo:
    """A fine-tuning job as the provider reports it; ``raw`` keeps every key, known or not."""

    id: str
    status: str
    model: str
    fine_tuned_model: str | None = None
    created_at: int | None = None
    finished_at: int | None = None
    trained_tokens: int | None = None
    method: str = "supervised"
    error_code: str | None = None
    error_message: str | None = None
    error_param: str | None = None
    estimated_finish: int | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    result_files: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_terminal(self) -> bool:
        """True once the job will not change any more (succeeded, failed or cancelled)."""
        return self.status in TERMINAL_STATUSES


def job_info(obj: Any) -> JobInfo:
    """A ``JobInfo`` from an SDK job object or dict; unknown statuses (``paused``) and extra keys are kept."""
    raw = _as_dict(obj)
    error = raw.get("error") if isinstance(raw.get("error"), dict) else {}
    method = raw.get("method") if isinstance(raw.get("method"), dict) else {}
    metadata = raw.get("metadata") if isinstance(raw.get("metadata"), dict) else {}
    return JobInfo(
        id=str(raw.get("id", "")),
        status=str(raw.get("status") or "unknown"),
        model=str(raw.get("model") or ""),
        fine_tuned_model=raw.get("fine_tuned_model"),
        created_at=raw.get("created_at"),
        finished_at=raw.get("finished_at"),
        trained_tokens=raw.get("trained_tokens"),
        method=str(method.get("type") or "supervised"),
        error_code=error.get("code"),
        error_message=error.get("message"),
        error_param=error.get("param"),
        estimated_finish=raw.get("estimated_finish"),
        metadata={str(k): str(v) for k, v in metadata.items()},
        result_files=tuple(str(f) for f in raw.get("result_files") or ()),
        raw=raw,
    )


def method_payload(
    method: str, hyperparameters: dict[str, Any] | None = None, grader: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The ``method`` object of a create request (API_NOTES §5.1)."""
    if method not in METHODS:
        raise ValueError(f"unknown fine-tuning method {method!r}")
    settings: dict[str, Any] = {}
    if hyperparameters:
        settings["hyperparameters"] = dict(hyperparameters)
    if method == "reinforcement":
        if grader is None:
            raise ValueError("reinforcement fine-tuning needs a grader")
        settings["grader"] = grader
    return {"type": method, method: settings}


def _retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked to wait (``retry-after-ms`` / ``retry-after``), if it said."""
    return providers.retry_after_seconds(exc)


def _fingerprint(profile: ConnectionProfile, body: dict[str, Any]) -> str:
    """What identifies "the same job" across attempts: the connection and the body without the request id."""
    metadata = {k: v for k, v in (body.get("metadata") or {}).items() if k != REQUEST_ID_KEY}
    same = {**body, "metadata": metadata, "profile": profile.id}
    return hashlib.sha256(json.dumps(same, sort_keys=True, default=str).encode()).hexdigest()


async def find_job_by_request_id(client: Any, profile: ConnectionProfile, client_request_id: str) -> JobInfo | None:
    """The job created earlier with this ``client_request_id`` (in its metadata), if any."""
    page = await _guard(
        profile, "list_jobs", client.fine_tuning.jobs.list(metadata={REQUEST_ID_KEY: client_request_id}, limit=10)
    )
    for obj in page.data:
        info = job_info(obj)
        if info.metadata.get(REQUEST_ID_KEY) == client_request_id:
            _forget_unsure(client_request_id)
            return info
    return None


async def create_job(
    client: Any,
    profile: ConnectionProfile,
    *,
    model: str,
    training_file: str,
    method: str,
    client_request_id: str,
    validation_file: str | None = None,
    hyperparameters: dict[str, Any] | None = None,
    suffix: str | None = None,
    seed: int | None = None,
    metadata: dict[str, str] | None = None,
    grader: dict[str, Any] | None = None,
    max_attempts: int = 4,
    backoff: float | None = None,
) -> JobInfo:
    """Start a fine-tuning job, never twice for one ``client_request_id``.

    The id goes into the job's metadata. After a failure that leaves it unknown whether the server made
    the job (timeout, dropped connection, 429, 5xx), the jobs are searched by that id first and a found
    job is returned; only otherwise is the create tried again, up to ``max_attempts`` times with backoff
    (honouring ``retry-after`` up to a minute). A refusal (403) is an ``ENTITLEMENT`` error.

    When every attempt fails that way, the request id is remembered with what was asked: creating the
    same job again (a new request id, as after "Start training" once more) first looks for the earlier
    request's job and returns it if the provider made it after all.
    """
    pause = DEFAULT_BACKOFF if backoff is None else backoff
    body: dict[str, Any] = {
        "model": model,
        "training_file": training_file,
        "method": method_payload(method, hyperparameters, grader),
        "metadata": {**(metadata or {}), REQUEST_ID_KEY: client_request_id},
    }
    for key, value in (("validation_file", validation_file), ("suffix", suffix), ("seed", seed)):
        if value is not None:
            body[key] = value
    fingerprint = _fingerprint(profile, body)
    with _unsure_lock:
        earlier, since = _unsure_creates.get(fingerprint, (None, 0.0))
    if earlier is not None and time.monotonic() - since < UNSURE_FOR:
        # A lookup failure propagates: creating without knowing could make a second job.
        found = await find_job_by_request_id(client, profile, earlier)
        with _unsure_lock:
            _unsure_creates.pop(fingerprint, None)
        if found is not None:
            log.info("job of the earlier request %s found; not creating another", earlier)
            return found
    once = client.with_options(max_retries=0)
    last: ProviderError | None = None
    sent = False  # whether a create may have reached the server without its answer reaching us
    try:
        for attempt in range(max(1, max_attempts)):
            if last is not None:
                wait = _retry_after(last.__cause__)
                if wait is not None and wait > MAX_RETRY_AFTER:
                    raise last
                delay = wait if wait is not None else min(pause * 2 ** (attempt - 1), 8.0) * random.uniform(0.8, 1.0)
                await asyncio.sleep(delay)
                try:
                    found = await find_job_by_request_id(client, profile, client_request_id)
                except ProviderError as err:
                    # Without knowing whether the job exists, creating again could duplicate it.
                    log.info("looking up job %s failed: %s", client_request_id, err.kind)
                    last = err
                    continue
                if found is not None:
                    return found
            try:
                created = await _guard(profile, "create_job", once.fine_tuning.jobs.create(**body))
            except ProviderError as err:
                if err.kind not in _AMBIGUOUS:
                    raise
                log.info("create_job attempt %d failed: %s", attempt + 1, err.kind)
                sent = sent or err.kind in (ErrorKind.TIMEOUT, ErrorKind.UNREACHABLE, ErrorKind.SERVER)
                last = err
                continue
            return job_info(created)
        assert last is not None
        raise last
    except BaseException:
        if sent:
            with _unsure_lock:
                _unsure_creates[fingerprint] = (client_request_id, time.monotonic())
        raise


async def get_job(client: Any, profile: ConnectionProfile, job_id: str) -> JobInfo:
    """The job's current state."""
    return job_info(await _guard(profile, "get_job", client.fine_tuning.jobs.retrieve(job_id)))


async def list_jobs(client: Any, profile: ConnectionProfile, limit: int = 50) -> list[JobInfo]:
    """The newest ``limit`` jobs, newest first."""
    page = await _guard(profile, "list_jobs", client.fine_tuning.jobs.list(limit=limit))
    return [job_info(obj) for obj in page.data]


async def cancel_job(client: Any, profile: ConnectionProfile, job_id: str) -> JobInfo:
    """Stop a job for good."""
    return job_info(await _guard(profile, "cancel_job", client.fine_tuning.jobs.cancel(job_id)))


async def pause_job(client: Any, profile: ConnectionProfile, job_id: str) -> JobInfo:
    """Pause a running job (it can be resumed)."""
    return job_info(await _guard(profile, "pause_job", client.fine_tuning.jobs.pause(job_id)))


async def resume_job(client: Any, profile: ConnectionProfile, job_id: str) -> JobInfo:
    """Resume a paused job."""
    return job_info(await _guard(profile, "resume_job", client.fine_tuning.jobs.resume(job_id)))


@dataclass(frozen=True)
class JobEvent:
    """One line of a job's log; metrics events (``type == "metrics"``) carry their numbers in ``data``."""

    id: str
    created_at: int | None
    level: str
    message: str
    type: str = "message"
    data: dict[str, Any] = field(default_factory=dict)


def _event(obj: Any) -> JobEvent:
    raw = _as_dict(obj)
    data = raw.get("data")
    return JobEvent(
        id=str(raw.get("id", "")),
        created_at=raw.get("created_at"),
        level=str(raw.get("level") or "info"),
        message=str(raw.get("message") or ""),
        type=str(raw.get("type") or "message"),
        data=dict(data) if isinstance(data, dict) else {},
    )


async def job_events(
    client: Any, profile: ConnectionProfile, job_id: str, after: str | None = None, limit: int = 100
) -> list[JobEvent]:
    """One page of events, oldest first. ``after`` is the API's cursor: events older than that id."""
    kwargs: dict[str, Any] = {"limit": limit}
    if after:
        kwargs["after"] = after
    page = await _guard(profile, "job_events", client.fine_tuning.jobs.list_events(job_id, **kwargs))
    return [_event(e) for e in reversed(page.data)]


async def new_events(
    client: Any, profile: ConnectionProfile, job_id: str, last_seen: str | None, *, cap: int = 10_000
) -> list[JobEvent]:
    """The events newer than ``last_seen`` (all of them when ``None``), oldest first."""

    async def collect() -> list[JobEvent]:
        out: list[JobEvent] = []
        async for obj in client.fine_tuning.jobs.list_events(job_id, limit=100):
            event = _event(obj)
            if event.id == last_seen or len(out) >= cap:
                break
            out.append(event)
        return out

    newest_first = await _guard(profile, "job_events", collect())
    return newest_first[::-1]


@dataclass(frozen=True)
class JobCheckpoint:
    """A saved model of a job at one step; ``model`` is usable for inference."""

    id: str
    step_number: int
    model: str
    created_at: int | None = None
    metrics: dict[str, Any] = field(default_factory=dict)


async def job_checkpoints(client: Any, profile: ConnectionProfile, job_id: str, limit: int = 10) -> list[JobCheckpoint]:
    """The job's checkpoints, in step order."""
    page = await _guard(profile, "job_checkpoints", client.fine_tuning.jobs.checkpoints.list(job_id, limit=limit))
    out = []
    for obj in page.data:
        raw = _as_dict(obj)
        out.append(
            JobCheckpoint(
                id=str(raw.get("id", "")),
                step_number=int(raw.get("step_number") or 0),
                model=str(raw.get("fine_tuned_model_checkpoint") or ""),
                created_at=raw.get("created_at"),
                metrics=dict(raw.get("metrics") or {}),
            )
        )
    return sorted(out, key=lambda c: c.step_number)


async def result_metrics(client: Any, profile: ConnectionProfile, file_id: str) -> list[dict[str, float]]:
    """The per-step metrics of a job's result file (``JobInfo.result_files[0]``)."""
    response = await _guard(profile, "result_metrics", client.files.content(file_id))
    return await run_blocking(result_csv.parse_result_csv, bytes(response.content))


@dataclass(frozen=True)
class JobUpdate:
    """What one poll of ``watch_job`` learnt: the job (the last known one after an error), its new
    events (oldest first), or the plain message of a failed poll."""

    job: JobInfo | None
    events: tuple[JobEvent, ...] = ()
    error: str | None = None
    exception: ProviderError | None = None


async def watch_job(
    client: Any, profile: ConnectionProfile, job_id: str, *, interval: float = 15.0, max_interval: float = 120.0
) -> AsyncIterator[JobUpdate]:
    """Poll a job every ``interval`` seconds and yield what changed, until it reaches a terminal status.

    A failed poll yields an update with the error message and doubles the wait (up to ``max_interval``);
    the next good poll restores ``interval``. Stop early by leaving the ``async for`` (or cancelling).
    """
    delay = interval
    last_seen: str | None = None
    job: JobInfo | None = None
    while True:
        try:
            job = await get_job(client, profile, job_id)
            events = await new_events(client, profile, job_id, last_seen)
        except ProviderError as err:
            yield JobUpdate(job=job, error=err.message, exception=err)
            delay = min(delay * 2, max_interval)
            await asyncio.sleep(delay)
            continue
        delay = interval
        if events:
            last_seen = events[-1].id
        yield JobUpdate(job=job, events=tuple(events))
        if job.is_terminal:
            return
        await asyncio.sleep(delay)
