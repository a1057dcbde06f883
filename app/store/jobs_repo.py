"""Training jobs as the project remembers them: creation requests and the provider's job objects.

The tables are a cache of the provider's state (so the Jobs view paints offline at start-up) plus
what only the app knows: which frozen dataset versions a job trained on, and creation requests
written BEFORE the provider is asked, so a crash between request and answer can be recovered
(``pending_requests``). A job's events, metric curves and checkpoints are in ``job_progress_repo``.
Plain ``fn(db, ...)`` functions; writes for the writer thread. Job dicts have the provider's shape
(API_NOTES §5.4); every key may be missing and unknown statuses (``paused``…) are kept as they come.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
import sqlite_utils

from app.store.datasets_repo import now
from app.store.job_progress_repo import STATUS_EVENT
from app.store.provider_values import int_or_none, json_or_none, mapping_of, str_or_none
from app.store.tx import transaction

ACTIVE_STATUSES = ("validating_files", "queued", "running", "paused")
TERMINAL_STATUSES = ("succeeded", "failed", "cancelled")

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
        return [(str(e[1]), int_or_none(e[2])) for e in sorted(entries, key=lambda e: str(e[0]))]

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
        (client_request_id, profile_id, json_or_none(payload), training_version_id, validation_version_id, now()),
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
    error = mapping_of(job.get("error"))
    request_id = str_or_none(mapping_of(job.get("metadata")).get("app_request_id"))
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
            str_or_none(mapping_of(job.get("method")).get("type")),
            str_or_none(job.get("model")),
            str_or_none(job.get("status")),
            str_or_none(job.get("fine_tuned_model")),
            int_or_none(job.get("created_at")),
            int_or_none(job.get("finished_at")),
            int_or_none(job.get("trained_tokens")),
            int_or_none(job.get("estimated_finish")),
            str_or_none(error.get("code")),
            str_or_none(error.get("message")),
            str_or_none(error.get("param")),
            json_or_none(dict(job)),
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
        _log_status(conn, job_id, str_or_none(job.get("status")))
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


