"""What a training job reports as it runs, as the project remembers it: its events, the metric curves
drawn from them (and from its result file), and its checkpoints.

The job rows these belong to are in ``jobs_repo`` (store a job with ``upsert_job`` first). Plain
``fn(db, ...)`` functions; writes for the writer thread. Event and checkpoint dicts have the provider's
shapes (API_NOTES §6.1, §6.2); every key may be missing.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
import sqlite_utils

from app.store.provider_values import int_or_none, json_or_none, mapping_of, str_or_none
from app.store.tx import transaction

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
# app saw a job enter ("app.status", the status in ``message``, written by ``jobs_repo.upsert_job``)
# and the rows of the result file ("app.result_metrics", ids ``result-<step>``). ``events`` leaves them
# out, so they never show in the events log nor become the "newest event" the provider is asked about.
STATUS_EVENT = "app.status"
RESULT_EVENT = "app.result_metrics"
_PROVIDER_EVENTS = "(type IS NULL OR type NOT LIKE 'app.%')"
# Result-file columns named differently from the "metrics" event keys.
_RESULT_ALIASES = {"train_accuracy": "train_mean_token_accuracy", "valid_accuracy": "valid_mean_token_accuracy"}


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


# --- events and metrics -------------------------------------------------------------------------


def add_events(db: sqlite_utils.Database, job_id: str, events: list[Mapping[str, Any]]) -> int:
    """Store events of a (stored) job, ignoring those already known; returns how many were new."""
    rows = [
        (
            job_id,
            str(e["id"]),
            int_or_none(e.get("created_at")),
            str_or_none(e.get("level")),
            str_or_none(e.get("type")),
            str_or_none(e.get("message")),
            json_or_none(e.get("data")),
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
        if not isinstance(data, dict) or (step := int_or_none(data.get("step"))) is None:
            continue
        found = [(k, data.get(k)) for k in METRIC_KEYS]
        found += [(k, mapping_of(data.get("scores")).get(k)) for k in SCORE_KEYS]
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
        if (step := int_or_none(row.get("step"))) is None:
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
            int_or_none(c.get("step_number", mapping_of(c.get("metrics")).get("step"))),
            str_or_none(c.get("fine_tuned_model_checkpoint")),
            json_or_none(dict(mapping_of(c.get("metrics")))),
            int_or_none(c.get("created_at")),
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
