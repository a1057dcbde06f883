"""Batch runs in the project file: a dataset sent through two or more models, one stored result
per (example, target) call.

This module holds the runs themselves (``batch_runs``: name, dataset, split, targets, status).
A run keeps its targets as JSON (``targets``); its per-call results are in
``batch_results_repo`` and what each example sends in ``batch_prompts``. A call counts as done
when it has an output and as failed when it has only an error. Plain ``fn(db, ...)`` functions;
writes for the writer thread.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

import orjson
import sqlite_utils

from app.i18n import _
from app.models.chat import ChatParams
from app.store.datasets_repo import now

STATUSES = ("new", "running", "stopped", "done")
SPLITS = ("train", "validation")


@dataclass(frozen=True)
class BatchTarget:
    """One model a run sends every example to; ``label`` names it in tables and in the annotator."""

    label: str
    profile_id: str
    model: str
    base_model: str | None = None
    params: ChatParams = field(default_factory=ChatParams)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (unset parameters left out)."""
        return {
            "label": self.label,
            "profile_id": self.profile_id,
            "model": self.model,
            "base_model": self.base_model,
            "params": self.params.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BatchTarget:
        """Read :meth:`to_dict` output."""
        return cls(
            label=str(data.get("label") or ""),
            profile_id=str(data.get("profile_id") or ""),
            model=str(data.get("model") or ""),
            base_model=data.get("base_model") or None,
            params=ChatParams.from_dict(data.get("params")),
        )


@dataclass(frozen=True)
class BatchProgress:
    """How far a run is, counted in (example, target) calls."""

    total: int
    done: int
    failed: int


@dataclass(frozen=True)
class RunInfo:
    """A run as the runs list shows it; ``done``/``failed`` count calls of the examples the run's
    dataset (and split) holds now."""

    id: int
    name: str
    dataset_id: int | None
    dataset_name: str
    split: str | None
    targets: list[BatchTarget]
    concurrency: int
    status: str
    total: int
    done: int
    failed: int
    queue_id: int | None
    created_at: str



# --- runs ---------------------------------------------------------------------------------------


def _targets_json(targets: list[BatchTarget]) -> str:
    return orjson.dumps([t.to_dict() for t in targets]).decode("utf-8")


def _parse_targets(text: str) -> list[BatchTarget]:
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        return []
    return [BatchTarget.from_dict(d) for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def example_filter(split: str | None) -> tuple[str, tuple]:
    """The SQL condition on ``examples`` (to follow ``AND``-joined conditions) and its arguments for
    a run's ``split``; empty for a run over the whole dataset."""
    return ("AND split = ?", (split,)) if split else ("", ())


def count_examples(db: sqlite_utils.Database, dataset_id: int, split: str | None) -> int:
    """How many examples a run over ``dataset_id`` (and ``split``) covers."""
    where, args = example_filter(split)
    sql = f"SELECT COUNT(*) FROM examples WHERE dataset_id = ? {where}"
    return db.conn.execute(sql, (dataset_id, *args)).fetchone()[0]


def create_run(
    db: sqlite_utils.Database,
    name: str,
    dataset_id: int,
    split: str | None,
    targets: list[BatchTarget],
    concurrency: int,
) -> int:
    """Insert a new run (status 'new'); returns its id. Raises ValueError with a plain message
    when the dataset is missing, no target is given, two targets share a label or the split or
    concurrency is invalid."""
    if not targets:
        raise ValueError(_("Choose at least one model to run."))
    labels = [t.label for t in targets]
    if len(set(labels)) != len(labels):
        raise ValueError(_("Give every model of the run a different label."))
    if concurrency < 1:
        raise ValueError(_("Run at least one request at a time."))
    if split is not None and split not in SPLITS:
        raise ValueError(_("Unknown split {split}: use 'train' or 'validation'.").format(split=repr(split)))
    row = db.conn.execute("SELECT name FROM datasets WHERE id = ?", (dataset_id,)).fetchone()
    if row is None:
        raise ValueError(_("That dataset does not exist any more."))
    stamp = now()
    cur = db.conn.execute(
        "INSERT INTO batch_runs (name, dataset_id, dataset_name, split, targets, concurrency, status, total,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)",
        (name, dataset_id, row[0], split, _targets_json(targets), concurrency,
         count_examples(db, dataset_id, split) * len(targets), stamp, stamp),
    )
    return int(cur.lastrowid)


_RUN_COLUMNS = (
    "r.id, r.name, r.dataset_id, COALESCE(d.name, r.dataset_name), r.split, r.targets, r.concurrency, r.status,"
    " r.total, r.queue_id, r.created_at"
)


def _counts(conn: sqlite3.Connection, run_id: int, dataset_id: int | None, split: str | None,
            targets: int) -> tuple[int, int]:
    if dataset_id is None:  # the dataset was deleted: every stored result counts
        scope, args = "", ()
    else:
        where, extra = example_filter(split)
        scope = f"AND example_id IN (SELECT id FROM examples WHERE dataset_id = ? {where})"
        args = (dataset_id, *extra)
    row = conn.execute(
        "SELECT COALESCE(SUM(output IS NOT NULL), 0), COALESCE(SUM(output IS NULL AND error IS NOT NULL), 0)"
        f" FROM batch_results WHERE run_id = ? AND target < ? {scope}",
        (run_id, targets, *args),
    ).fetchone()
    return int(row[0]), int(row[1])


def _run_info(db: sqlite_utils.Database, row: tuple) -> RunInfo:
    targets = _parse_targets(row[5])
    dataset_id, split = row[2], row[4]
    total = row[8] if dataset_id is None else count_examples(db, dataset_id, split) * len(targets)
    done, failed = _counts(db.conn, row[0], dataset_id, split, len(targets))
    return RunInfo(
        id=row[0], name=row[1], dataset_id=dataset_id, dataset_name=row[3], split=split, targets=targets,
        concurrency=row[6], status=row[7], total=total, done=done, failed=failed, queue_id=row[9],
        created_at=row[10],
    )


def list_runs(db: sqlite_utils.Database) -> list[RunInfo]:
    """Every run, newest first."""
    rows = db.conn.execute(
        f"SELECT {_RUN_COLUMNS} FROM batch_runs r LEFT JOIN datasets d ON d.id = r.dataset_id"
        " ORDER BY r.created_at DESC, r.id DESC"
    ).fetchall()
    return [_run_info(db, r) for r in rows]


def run_info(db: sqlite_utils.Database, run_id: int) -> RunInfo:
    """One run; raises LookupError when there is none with that id."""
    row = db.conn.execute(
        f"SELECT {_RUN_COLUMNS} FROM batch_runs r LEFT JOIN datasets d ON d.id = r.dataset_id WHERE r.id = ?",
        (run_id,),
    ).fetchone()
    if row is None:
        raise LookupError(f"there is no batch run {run_id}")
    return _run_info(db, row)


def set_status(db: sqlite_utils.Database, run_id: int, status: str, total: int | None = None) -> None:
    """Change a run's status (and, when given, the number of calls it covers)."""
    if status not in STATUSES:
        raise ValueError(f"unknown run status {status!r}")
    db.conn.execute(
        "UPDATE batch_runs SET status = ?, total = COALESCE(?, total), updated_at = ? WHERE id = ?",
        (status, total, now(), run_id),
    )


def set_queue(db: sqlite_utils.Database, run_id: int, queue_id: int) -> None:
    """Remember the annotation queue the run's comparisons went to."""
    db.conn.execute("UPDATE batch_runs SET queue_id = ?, updated_at = ? WHERE id = ?", (queue_id, now(), run_id))


def rename_run(db: sqlite_utils.Database, run_id: int, name: str) -> None:
    """Give a run another name."""
    db.conn.execute("UPDATE batch_runs SET name = ?, updated_at = ? WHERE id = ?", (name, now(), run_id))


def delete_run(db: sqlite_utils.Database, run_id: int) -> None:
    """Delete a run and its results (comparisons already sent stay in their queue)."""
    db.conn.execute("DELETE FROM batch_runs WHERE id = ?", (run_id,))


def stop_interrupted(db: sqlite_utils.Database) -> int:
    """Mark runs left 'running' by a crash or a closed app as 'stopped' (call when a project opens);
    returns how many."""
    return db.conn.execute(
        "UPDATE batch_runs SET status = 'stopped', updated_at = ? WHERE status = 'running'", (now(),)
    ).rowcount

