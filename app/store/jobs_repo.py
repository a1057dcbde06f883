"""Training jobs as the project remembers them: requests, the provider's job objects, events
and checkpoints.

The tables are a cache of the provider's state (so the Jobs view paints offline at start-up) plus
what only the app knows: which frozen dataset versions a job trained on, and creation requests
written BEFORE the provider is asked, so a crash between request and answer can be recovered
(``pending_requests``). Plain ``fn(db, ...)`` functions; writes for the writer thread.
Job, event and checkpoint dicts have the provider's shapes (API_NOTES §5.4, §6.1, §6.2); every key
may be missing and unknown statuses (``paused``…) are kept as they come.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
import sqlite_utils

from app.store.datasets_repo import now
from app.store.tx import transaction

ACTIVE_STATUSES = ("validating_files", "queued", "running", "paused")
TERMINAL_STATUSES = ("succeeded", "failed", "cancelled")

# Metric keys plotted from "metrics" events: SFT/DPO losses and accuracies, RFT rewards.
METRIC_KEYS = (
    "train_loss",
    "valid_loss",
    "full_valid_loss",
    "train_mean_token_accuracy",
    "valid_mean_token_accuracy",
    "full_valid_mean_token_accuracy",
    "train_mean_reward",
    "full_valid_mean_reward",
    "full_valid_mean_parse_error",
)
SCORE_KEYS = ("train_reward_mean", "valid_reward_mean")  # inside data["scores"] (RFT)

# What only the app sees is kept as job events of its own types (no schema change): each status the
# app saw a job enter ("app.status", the status in ``message``) and the rows of the result file
# ("app.result_metrics", ids ``result-<step>``). ``events`` leaves them out, so they never show in the
# events log nor become the "newest event" the provider is asked about.
STATUS_EVENT = "app.status"
RESULT_EVENT = "app.result_metrics"
_PROVIDER_EVENTS = "(type IS NULL OR type NOT LIKE 'app.%')"
# Result-file columns named differently from the "metrics" event keys.
_RESULT_ALIASES = {"train_accuracy": "train_mean_token_accuracy", "valid_accuracy": "valid_mean_token_accuracy"}

_JOB_COLUMNS = (
    "id, profile_id, client_request_id, method, base_model, status, fine_tuned_model, created_at, finished_at, "
    "trained_tokens, estimated_finish, error_code, error_message, error_param, training_version_id, "
    "validation_version_id, raw, updated_at, (SELECT json_group_array(json_array(e.event_id, e.message, e.created_at))"
    f" FROM job_events e WHERE e.job_id = jobs.id AND e.type = '{STATUS_EVENT}') AS status_log"
)


@dataclass(frozen=True)
class JobRow:
    """One job as last seen from the provider, linked to the data it trained on."""

    id: str
    profile_id: str
    client_request_id: str | None
    method: str | None
    base_model: str | None
    status: str | None
    fine_tuned_model: str | None
    created_at: int | None
    finished_at: int | None
    trained_tokens: int | None
    estimated_finish: int | None
    error_code: str | None
    error_message: str | None
    error_param: str | None
    training_version_id: int | None
    validation_version_id: int | None
    raw: str | None  # the provider's job object as JSON
    updated_at: str | None
    status_log: str | None = None  # JSON [[event id, status, seen at], ...] of the statuses the app saw

    def timeline(self) -> list[tuple[str, int | None]]:
        """The statuses the app saw the job enter, oldest first, each with when it was first seen."""
        try:
            entries = orjson.loads(self.status_log) if self.status_log else []
        except orjson.JSONDecodeError:
            return []
        entries = [e for e in entries if isinstance(e, list) and len(e) == 3 and e[1]]
        return [(str(e[1]), _int(e[2])) for e in sorted(entries, key=lambda e: str(e[0]))]

    @property
    def active(self) -> bool:
        """Still worth polling (the provider may change it)."""
        return self.status in ACTIVE_STATUSES

    def job(self) -> dict[str, Any]:
        """The provider's job object as last stored (``{}`` if none)."""
        return orjson.loads(self.raw) if self.raw else {}


@dataclass(frozen=True)
class PendingRequest:
    """A job creation the app asked for but never saw answered."""

    client_request_id: str
    profile_id: str
    payload: dict[str, Any]
    training_version_id: int | None
    validation_version_id: int | None
    created_at: str


@dataclass(frozen=True)
class JobEvent:
    """One job event (``data`` is the parsed object or None)."""

    event_id: str
    created_at: int | None
    level: str | None
    type: str | None
    message: str | None
    data: Any


@dataclass(frozen=True)
class JobCheckpoint:
    """One checkpoint: ``model`` is the ``…:ckpt-step-N`` name usable for inference."""

    checkpoint_id: str
    step: int | None
    model: str | None
    metrics: dict[str, Any]
    created_at: int | None


def _json(value: Any) -> str | None:
    return None if value is None else orjson.dumps(value, default=str).decode("utf-8")


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


# --- creation requests --------------------------------------------------------------------------


def record_request(
    db: sqlite_utils.Database,
    client_request_id: str,
    profile_id: str,
    payload: dict[str, Any],
    training_version_id: int | None,
    validation_version_id: int | None = None,
) -> None:
    """Remember a job creation before asking the provider (recording the same id again is a no-op)."""
    db.conn.execute(
        "INSERT INTO job_requests (client_request_id, profile_id, payload, training_version_id,"
        " validation_version_id, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (client_request_id) DO NOTHING",
        (client_request_id, profile_id, _json(payload), training_version_id, validation_version_id, now()),
    )


def pending_requests(db: sqlite_utils.Database) -> list[PendingRequest]:
    """Requests that never got a job id (to resolve after a crash), oldest first."""
    rows = db.conn.execute(
        "SELECT client_request_id, profile_id, payload, training_version_id, validation_version_id, created_at"
        " FROM job_requests WHERE job_id IS NULL ORDER BY created_at, rowid"
    )
    return [PendingRequest(r[0], r[1], orjson.loads(r[2]) if r[2] else {}, r[3], r[4], r[5]) for r in rows]


def forget_request(db: sqlite_utils.Database, client_request_id: str) -> None:
    """Drop a request the provider never created a job for (creation failed for sure)."""
    db.conn.execute("DELETE FROM job_requests WHERE client_request_id = ? AND job_id IS NULL", (client_request_id,))


def attach_job(db: sqlite_utils.Database, client_request_id: str, job_id: str) -> None:
    """The provider created ``job_id`` for the request: link them (and an already cached job row)."""
    conn = db.conn
    with transaction(conn):
        row = conn.execute(
            "SELECT training_version_id, validation_version_id FROM job_requests WHERE client_request_id = ?",
            (client_request_id,),
        ).fetchone()
        if row is None:
            raise LookupError(f"there is no job request {client_request_id!r}")
        conn.execute("UPDATE job_requests SET job_id = ? WHERE client_request_id = ?", (job_id, client_request_id))
        _link_job(conn, job_id, client_request_id, row[0], row[1])


def _link_job(
    conn: sqlite3.Connection, job_id: str, client_request_id: str, training: int | None, validation: int | None
) -> None:
    # Never steal the request id from another job (UNIQUE): the first job keeps it.
    taken = conn.execute(
        "SELECT 1 FROM jobs WHERE client_request_id = ? AND id != ?", (client_request_id, job_id)
    ).fetchone()
    conn.execute(
        "UPDATE jobs SET client_request_id = COALESCE(client_request_id, ?),"
        " training_version_id = COALESCE(training_version_id, ?),"
        " validation_version_id = COALESCE(validation_version_id, ?) WHERE id = ?",
        (None if taken else client_request_id, training, validation, job_id),
    )


# --- jobs ---------------------------------------------------------------------------------------


def upsert_job(db: sqlite_utils.Database, profile_id: str, job: Mapping[str, Any]) -> JobRow:
    """Store (or refresh) the provider's job object; returns the stored row.

    The job is linked to its request (``metadata.app_request_id``, or the request attached to this
    id) and so to the dataset versions it trained on.
    """
    job_id = job.get("id")
    if not job_id:
        raise ValueError("a job object needs an id")
    job_id = str(job_id)
    error = _dict(job.get("error"))
    request_id = _str(_dict(job.get("metadata")).get("app_request_id"))
    conn = db.conn
    with transaction(conn):
        request = None
        if request_id:
            request = conn.execute(
                "SELECT client_request_id, training_version_id, validation_version_id FROM job_requests"
                " WHERE client_request_id = ?",
                (request_id,),
            ).fetchone()
        if request is None:
            request = conn.execute(
                "SELECT client_request_id, training_version_id, validation_version_id FROM job_requests"
                " WHERE job_id = ?",
                (job_id,),
            ).fetchone()
        if request is not None:
            conn.execute(
                "UPDATE job_requests SET job_id = ? WHERE client_request_id = ? AND job_id IS NULL",
                (job_id, request[0]),
            )
        values = (
            job_id,
            profile_id,
            _str(_dict(job.get("method")).get("type")),
            _str(job.get("model")),
            _str(job.get("status")),
            _str(job.get("fine_tuned_model")),
            _int(job.get("created_at")),
            _int(job.get("finished_at")),
            _int(job.get("trained_tokens")),
            _int(job.get("estimated_finish")),
            _str(error.get("code")),
            _str(error.get("message")),
            _str(error.get("param")),
            _json(dict(job)),
            now(),
        )
        conn.execute(
            "INSERT INTO jobs (id, profile_id, method, base_model, status, fine_tuned_model, created_at, finished_at,"
            " trained_tokens, estimated_finish, error_code, error_message, error_param, raw, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            " method = COALESCE(excluded.method, method), base_model = COALESCE(excluded.base_model, base_model),"
            " status = COALESCE(excluded.status, status), fine_tuned_model = excluded.fine_tuned_model,"
            " created_at = COALESCE(excluded.created_at, created_at), finished_at = excluded.finished_at,"
            " trained_tokens = excluded.trained_tokens, estimated_finish = excluded.estimated_finish,"
            " error_code = excluded.error_code, error_message = excluded.error_message,"
            " error_param = excluded.error_param, raw = excluded.raw, updated_at = excluded.updated_at",
            values,
        )
        _log_status(conn, job_id, _str(job.get("status")))
        if request is not None:
            _link_job(conn, job_id, request[0], request[1], request[2])
        elif request_id:  # created by this app elsewhere (another project or machine): keep the id anyway
            _link_job(conn, job_id, request_id, None, None)
    found = get_job(db, job_id)
    assert found is not None
    return found


def _log_status(conn: sqlite3.Connection, job_id: str, status: str | None) -> None:
    """Write down ``status`` when it differs from the last status logged for the job."""
    if not status:
        return
    rows = conn.execute(
        f"SELECT event_id, message FROM job_events WHERE job_id = ? AND type = '{STATUS_EVENT}'", (job_id,)
    ).fetchall()
    last = max(rows)[1] if rows else None
    if last == status:
        return
    # The sequence number in the id keeps the order of changes seen within one second.
    conn.execute(
        "INSERT INTO job_events (job_id, event_id, created_at, level, type, message, data)"
        " VALUES (?, ?, ?, 'info', ?, ?, NULL) ON CONFLICT DO NOTHING",
        (job_id, f"status-{len(rows):05d}", int(time.time()), STATUS_EVENT, status),
    )


def status_log(db: sqlite_utils.Database, job_id: str) -> list[tuple[str, int | None]]:
    """The statuses the app saw the job enter, oldest first, with the Unix time each was first seen."""
    job = get_job(db, job_id)
    return job.timeline() if job else []


def get_job(db: sqlite_utils.Database, job_id: str) -> JobRow | None:
    """One cached job, or None."""
    row = db.conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
    return JobRow(*row) if row else None


def list_jobs(db: sqlite_utils.Database, profile_id: str | None = None) -> list[JobRow]:
    """Cached jobs (of one profile, or all), newest first."""
    where, args = ("WHERE profile_id = ?", (profile_id,)) if profile_id is not None else ("", ())
    rows = db.conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs {where} ORDER BY created_at DESC, rowid DESC", args)
    return [JobRow(*r) for r in rows]


def active_jobs(db: sqlite_utils.Database) -> list[JobRow]:
    """Jobs that may still change (re-poll them on start), newest first."""
    marks = ", ".join("?" * len(ACTIVE_STATUSES))
    rows = db.conn.execute(
        f"SELECT {_JOB_COLUMNS} FROM jobs WHERE status IN ({marks}) ORDER BY created_at DESC, rowid DESC",
        ACTIVE_STATUSES,
    )
    return [JobRow(*r) for r in rows]


# --- events and metrics -------------------------------------------------------------------------


def add_events(db: sqlite_utils.Database, job_id: str, events: list[Mapping[str, Any]]) -> int:
    """Store events of a (stored) job, ignoring those already known; returns how many were new."""
    rows = [
        (
            job_id,
            str(e["id"]),
            _int(e.get("created_at")),
            _str(e.get("level")),
            _str(e.get("type")),
            _str(e.get("message")),
            _json(e.get("data")),
        )
        for e in events
        if e.get("id")  # without an id an event cannot be told apart from a repeat
    ]
    if not rows:
        return 0
    conn = db.conn
    with transaction(conn):
        before = conn.total_changes
        conn.executemany(
            "INSERT INTO job_events (job_id, event_id, created_at, level, type, message, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            rows,
        )
        return conn.total_changes - before


def events(db: sqlite_utils.Database, job_id: str, limit: int = 500) -> list[JobEvent]:
    """A job's events, newest first."""
    rows = db.conn.execute(
        "SELECT event_id, created_at, level, type, message, data FROM job_events"
        f" WHERE job_id = ? AND {_PROVIDER_EVENTS}"
        " ORDER BY created_at DESC, event_id DESC LIMIT ?",
        (job_id, limit),
    )
    return [JobEvent(r[0], r[1], r[2], r[3], r[4], orjson.loads(r[5]) if r[5] else None) for r in rows]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def metrics_series(db: sqlite_utils.Database, job_id: str) -> dict[str, list[tuple[int, float]]]:
    """Curves from the job's "metrics" events and its stored result-file rows: key → [(step, value)] by
    step (a repeated step keeps its latest value). Only keys that occur are present."""
    rows = db.conn.execute(
        "SELECT data FROM job_events WHERE job_id = ? AND type IN ('metrics', ?) AND data IS NOT NULL"
        " ORDER BY created_at, event_id",
        (job_id, RESULT_EVENT),
    )
    by_key: dict[str, dict[int, float]] = {}
    for (text,) in rows:
        try:
            data = orjson.loads(text)
        except orjson.JSONDecodeError:
            continue
        if not isinstance(data, dict) or (step := _int(data.get("step"))) is None:
            continue
        found = [(k, data.get(k)) for k in METRIC_KEYS]
        found += [(k, _dict(data.get("scores")).get(k)) for k in SCORE_KEYS]
        for key, raw in found:
            if (value := _number(raw)) is not None:
                by_key.setdefault(key, {})[step] = value
    return {key: sorted(points.items()) for key, points in by_key.items()}


def has_result_metrics(db: sqlite_utils.Database, job_id: str) -> bool:
    """True once the rows of the job's result file are stored."""
    found = db.conn.execute(
        "SELECT 1 FROM job_events WHERE job_id = ? AND type = ? LIMIT 1", (job_id, RESULT_EVENT)
    ).fetchone()
    return found is not None


def add_result_metrics(
    db: sqlite_utils.Database, job_id: str, rows: list[Mapping[str, float]], seen_at: int | None = None
) -> int:
    """Store the per-step rows of a (stored) job's result file so ``metrics_series`` includes them
    even when the events list was partial; returns how many steps were new."""
    at = seen_at if seen_at is not None else int(time.time())
    events: list[dict[str, Any]] = []
    for row in rows:
        if (step := _int(row.get("step"))) is None:
            continue
        data = {_RESULT_ALIASES.get(k, k): v for k, v in row.items()}
        data["step"] = step
        events.append({"id": f"result-{step:07d}", "created_at": at, "level": "info", "type": RESULT_EVENT,
                       "message": None, "data": data})
    return add_events(db, job_id, events)


# --- checkpoints --------------------------------------------------------------------------------


def upsert_checkpoints(db: sqlite_utils.Database, job_id: str, checkpoints: list[Mapping[str, Any]]) -> None:
    """Store or refresh a (stored) job's checkpoints (the provider keeps only a few)."""
    rows = [
        (
            job_id,
            str(c["id"]),
            _int(c.get("step_number", _dict(c.get("metrics")).get("step"))),
            _str(c.get("fine_tuned_model_checkpoint")),
            _json(dict(_dict(c.get("metrics")))),
            _int(c.get("created_at")),
        )
        for c in checkpoints
        if c.get("id")
    ]
    with transaction(db.conn):
        db.conn.executemany(
            "INSERT INTO job_checkpoints (job_id, checkpoint_id, step, model, metrics, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job_id, checkpoint_id) DO UPDATE SET step = excluded.step,"
            " model = excluded.model, metrics = excluded.metrics, created_at = excluded.created_at",
            rows,
        )


def checkpoints(db: sqlite_utils.Database, job_id: str) -> list[JobCheckpoint]:
    """A job's checkpoints, latest step first."""
    rows = db.conn.execute(
        "SELECT checkpoint_id, step, model, metrics, created_at FROM job_checkpoints WHERE job_id = ?"
        " ORDER BY step DESC, created_at DESC",
        (job_id,),
    )
    return [JobCheckpoint(r[0], r[1], r[2], orjson.loads(r[3]) if r[3] else {}, r[4]) for r in rows]
