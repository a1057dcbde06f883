"""The results of batch runs: one stored call per (example, target), and the results table.

Results live in ``batch_results`` keyed by (run, example id, target index), with no foreign key
to the examples so editing the data never loses a result. A call counts as done when it has an
output and as failed when it has only an error; a run is resumed by calling again exactly the
calls without an output (see :func:`call_states`). The runs themselves are in ``batch_repo``.
Plain ``fn(db, ...)`` functions; writes for the writer thread.
"""

from __future__ import annotations

from dataclasses import dataclass

import orjson
import sqlite_utils

from app.formats.model import Kind
from app.models.chat import ChatStats
from app.store.batch_prompts import prompt_of, prompt_preview, reference_of
from app.store.batch_repo import example_filter, run_info
from app.store.datasets_repo import now


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


# --- examples and results -----------------------------------------------------------------------


def examples_page(
    db: sqlite_utils.Database, dataset_id: int, split: str | None, after_position: int, limit: int
) -> list[tuple[int, int, str]]:
    """(id, position, JSON text) of the examples after ``after_position``, in order (keyset paging)."""
    where, args = example_filter(split)
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
        where, args = example_filter(info.split)
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
