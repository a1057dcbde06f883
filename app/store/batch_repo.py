"""Batch runs in the project file: a dataset sent through two or more models, one stored result
per (example, target) call.

A run keeps its targets as JSON (``targets``) and its results in ``batch_results`` keyed by
(run, example id, target index), with no foreign key to the examples so editing the data never
loses a result. A call counts as done when it has an output and as failed when it has only an
error; a run is resumed by calling again exactly the calls without an output. Plain
``fn(db, ...)`` functions; writes for the writer thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson
import sqlite_utils

from app.formats.model import Kind
from app.i18n import N_, _
from app.models.chat import ChatParams, ChatStats
from app.store.datasets_repo import now

STATUSES = ("new", "running", "stopped", "done")
SPLITS = ("train", "validation")
PREVIEW_CHARS = 160
NO_PROMPT_ERROR = N_("This example has no user message, so there is nothing to send to the model.")


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


@dataclass(frozen=True)
class TargetResult:
    """One stored call: the answer, or the plain reason it failed, and how it went."""

    output: str | None
    error: str | None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    first_token_ms: int | None = None
    total_ms: int | None = None
    cost_usd: float | None = None


@dataclass(frozen=True)
class ResultRow:
    """One example of a run for the results table: its prompt (shortened), the dataset's own answer
    when it has one, and per target (by index) the stored result or None when not run yet."""

    example_id: int
    position: int | None
    prompt: str
    reference: str | None
    results: list[TargetResult | None]


# --- prompts ------------------------------------------------------------------------------------


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(p["text"] for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    return ""


def _clean(messages: Iterable[Any]) -> list[dict] | None:
    out: list[dict] = []
    for m in messages:
        if not isinstance(m, dict):
            return None
        # "weight" only means something to training; the chat API rejects unknown message keys.
        out.append({k: v for k, v in m.items() if k != "weight"})
    return out


def prompt_of(obj: Any, kind: Kind) -> list[dict] | None:
    """The messages to send for an example: SFT up to (not including) the last assistant message,
    DPO ``input.messages``, RFT ``messages``. None when there is no user message to answer."""
    if not isinstance(obj, dict):
        return None
    if kind is Kind.DPO:
        inp = obj.get("input")
        messages = inp.get("messages") if isinstance(inp, dict) else None
    else:
        messages = obj.get("messages")
    if not isinstance(messages, list):
        return None
    if kind is Kind.SFT:
        last = max((i for i, m in enumerate(messages) if isinstance(m, dict) and m.get("role") == "assistant"),
                   default=None)
        if last is not None:
            messages = messages[:last]
    prompt = _clean(messages)
    if not prompt or not any(m.get("role") == "user" for m in prompt):
        return None
    return prompt


def reference_of(obj: Any, kind: Kind) -> str | None:
    """The answer the dataset itself gives (SFT: the last assistant message; DPO: the preferred one)."""
    if not isinstance(obj, dict):
        return None
    if kind is Kind.SFT:
        messages = obj.get("messages")
    elif kind is Kind.DPO:
        messages = obj.get("preferred_output")
    else:
        return None
    if not isinstance(messages, list):
        return None
    for m in reversed(messages):
        if isinstance(m, dict) and m.get("role") == "assistant":
            return _text(m.get("content"))
    return None


def prompt_preview(messages: Any) -> str:
    """The last user message on one line, shortened for a table cell."""
    text = ""
    if isinstance(messages, list):
        for m in reversed(messages):
            if isinstance(m, dict) and m.get("role") == "user":
                text = _text(m.get("content"))
                break
    line = " ".join(text.split())
    return line if len(line) <= PREVIEW_CHARS else line[: PREVIEW_CHARS - 1] + "…"


# --- runs ---------------------------------------------------------------------------------------


def _targets_json(targets: list[BatchTarget]) -> str:
    return orjson.dumps([t.to_dict() for t in targets]).decode("utf-8")


def _parse_targets(text: str) -> list[BatchTarget]:
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        return []
    return [BatchTarget.from_dict(d) for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def _example_filter(split: str | None) -> tuple[str, tuple]:
    return ("AND split = ?", (split,)) if split else ("", ())


def count_examples(db: sqlite_utils.Database, dataset_id: int, split: str | None) -> int:
    """How many examples a run over ``dataset_id`` (and ``split``) covers."""
    where, args = _example_filter(split)
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
        where, extra = _example_filter(split)
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


# --- examples and results -----------------------------------------------------------------------


def examples_page(
    db: sqlite_utils.Database, dataset_id: int, split: str | None, after_position: int, limit: int
) -> list[tuple[int, int, str]]:
    """(id, position, JSON text) of the examples after ``after_position``, in order (keyset paging)."""
    where, args = _example_filter(split)
    return db.conn.execute(
        f"SELECT id, position, data FROM examples WHERE dataset_id = ? AND position > ? {where}"
        " ORDER BY position LIMIT ?",
        (dataset_id, after_position, *args, limit),
    ).fetchall()


def call_states(db: sqlite_utils.Database, run_id: int) -> dict[tuple[int, int], bool]:
    """(example id, target) -> True when the call has an output, False when it only failed."""
    rows = db.conn.execute("SELECT example_id, target, output IS NOT NULL FROM batch_results WHERE run_id = ?",
                           (run_id,))
    return {(r[0], r[1]): bool(r[2]) for r in rows}


def _ms(seconds: float | None) -> int | None:
    return None if seconds is None else round(seconds * 1000)


def store_result(
    db: sqlite_utils.Database,
    run_id: int,
    example_id: int,
    target: int,
    prompt: list[dict] | None,
    output: str | None,
    error: str | None,
    stats: ChatStats | None = None,
) -> None:
    """Write (or overwrite) one call's result."""
    stats = stats or ChatStats()
    db.conn.execute(
        "INSERT INTO batch_results (run_id, example_id, target, prompt, output, error, prompt_tokens,"
        " completion_tokens, first_token_ms, total_ms, cost_usd, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (run_id, example_id, target) DO UPDATE SET prompt = excluded.prompt, output = excluded.output,"
        " error = excluded.error, prompt_tokens = excluded.prompt_tokens,"
        " completion_tokens = excluded.completion_tokens,"
        " first_token_ms = excluded.first_token_ms, total_ms = excluded.total_ms, cost_usd = excluded.cost_usd,"
        " created_at = excluded.created_at",
        (run_id, example_id, target, orjson.dumps(prompt or []).decode("utf-8"), output, error,
         stats.prompt_tokens, stats.completion_tokens, _ms(stats.first_token_s), _ms(stats.total_s),
         stats.cost_usd, now()),
    )


def outputs(db: sqlite_utils.Database, run_id: int, target: int) -> dict[int, tuple[list[dict], str]]:
    """example id -> (prompt messages, output) of the target's calls that have an output."""
    rows = db.conn.execute(
        "SELECT example_id, prompt, output FROM batch_results WHERE run_id = ? AND target = ? AND output IS NOT NULL",
        (run_id, target),
    )
    return {r[0]: (orjson.loads(r[1]), r[2]) for r in rows}


def results(db: sqlite_utils.Database, run_id: int, offset: int = 0, limit: int = 200) -> list[ResultRow]:
    """A page of the run's table: one row per example in dataset order (examples of a deleted
    dataset: by example id), with every target's result."""
    info = run_info(db, run_id)
    conn = db.conn
    if info.dataset_id is not None:
        kind = Kind(conn.execute("SELECT kind FROM datasets WHERE id = ?", (info.dataset_id,)).fetchone()[0])
        where, args = _example_filter(info.split)
        examples = conn.execute(
            f"SELECT id, position, data FROM examples WHERE dataset_id = ? {where} ORDER BY position LIMIT ? OFFSET ?",
            (info.dataset_id, *args, limit, offset),
        ).fetchall()
    else:
        kind = None
        examples = [
            (r[0], None, None)
            for r in conn.execute(
                "SELECT DISTINCT example_id FROM batch_results WHERE run_id = ? ORDER BY example_id LIMIT ? OFFSET ?",
                (run_id, limit, offset),
            )
        ]
    by_example: dict[int, dict[int, tuple]] = {}
    ids = [e[0] for e in examples]
    for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for r in conn.execute(
            "SELECT example_id, target, prompt, output, error, prompt_tokens, completion_tokens, first_token_ms,"
            f" total_ms, cost_usd FROM batch_results WHERE run_id = ? AND example_id IN ({marks})",
            (run_id, *chunk),
        ):
            by_example.setdefault(r[0], {})[r[1]] = r[2:]
    out: list[ResultRow] = []
    for example_id, position, data in examples:
        stored = by_example.get(example_id, {})
        obj = orjson.loads(data) if data is not None else None
        # What was sent (the example may have been edited since); else what would be sent.
        prompt = next((orjson.loads(s[0]) for s in stored.values() if s[0] not in ("", "[]")), None)
        if prompt is None and kind is not None:
            prompt = prompt_of(obj, kind)
        cells: list[TargetResult | None] = [
            TargetResult(*stored[t][1:]) if t in stored else None for t in range(len(info.targets))
        ]
        out.append(ResultRow(
            example_id=example_id,
            position=position,
            prompt=prompt_preview(prompt),
            reference=reference_of(obj, kind) if kind is not None else None,
            results=cells,
        ))
    return out
