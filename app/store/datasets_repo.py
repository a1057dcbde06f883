"""Datasets and examples in the project file: plain functions taking the database first.

Writers run on the project's single writer thread; readers on reader threads. Lists page by
keyset (``position`` after the last one seen), never OFFSET, and never parse JSON to paint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from app.formats.model import Kind
from app.formats.pipeline import SEARCH, ExampleRow
from app.store.examples_repo import claim_ids

# The order of pipeline.ExampleRow, after dataset and position.
EXAMPLE_COLUMNS = (
    "dataset_id, position, source_line, data, turns, tokens, assistant_tokens, estimated, images, "
    "has_system, has_user, exact_hash, norm_hash, status, findings, preview"
)


def now() -> str:
    """A UTC timestamp for created/updated columns."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class DatasetInfo:
    """A dataset as the datasets list shows it."""

    id: int
    name: str
    kind: Kind
    source: str
    model: str
    examples: int
    errors: int
    warnings: int
    tokens: int
    updated_at: str


def create_dataset(db: sqlite_utils.Database, name: str, kind: Kind, *, source: str = "", model: str = "") -> int:
    """Insert an empty dataset; returns its id (inside the caller's transaction, if any)."""
    stamp = now()
    cur = db.conn.execute(
        "INSERT INTO datasets (name, kind, source, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        (name, str(kind), source, model, stamp, stamp),
    )
    return int(cur.lastrowid)


def example_values(dataset_id: int, position: int, row: ExampleRow) -> tuple:
    """The column values of one checked example (order of ``EXAMPLE_COLUMNS``)."""
    return (dataset_id, position, *row[:SEARCH])


def insert_examples(db: sqlite_utils.Database, dataset_id: int, first_position: int, rows: list[ExampleRow]) -> int:
    """Append checked examples and index their text; returns the next free position."""
    conn = db.conn
    placeholders = ", ".join("?" * 16)
    start_id = claim_ids(conn, len(rows))
    ids = range(start_id, start_id + len(rows))
    values = [
        (i, *example_values(dataset_id, first_position + k, r)) for k, (i, r) in enumerate(zip(ids, rows, strict=True))
    ]
    conn.executemany(f"INSERT INTO examples (id, {EXAMPLE_COLUMNS}) VALUES (?, {placeholders})", values)
    conn.executemany(
        "INSERT INTO examples_fts (rowid, text) VALUES (?, ?)", [(i, r[SEARCH]) for i, r in zip(ids, rows, strict=True)]
    )
    return first_position + len(rows)


def touch_dataset(db: sqlite_utils.Database, dataset_id: int) -> None:
    """Mark a dataset changed now."""
    db.conn.execute("UPDATE datasets SET updated_at = ? WHERE id = ?", (now(), dataset_id))


def list_datasets(db: sqlite_utils.Database) -> list[DatasetInfo]:
    """Every dataset with its counts, newest change first."""
    rows = db.conn.execute(
        """
        SELECT d.id, d.name, d.kind, d.source, d.model, d.updated_at,
               COUNT(e.id), COALESCE(SUM(e.status = 'error'), 0), COALESCE(SUM(e.status = 'warning'), 0),
               COALESCE(SUM(e.tokens), 0)
        FROM datasets d LEFT JOIN examples e ON e.dataset_id = d.id
        GROUP BY d.id ORDER BY d.updated_at DESC, d.id DESC
        """
    ).fetchall()
    return [DatasetInfo(r[0], r[1], Kind(r[2]), r[3], r[4], r[6], r[7], r[8], r[9], r[5]) for r in rows]


def example_ids(db: sqlite_utils.Database, dataset_id: int) -> list[int]:
    """The example ids of a dataset in order."""
    return [
        r[0] for r in db.conn.execute("SELECT id FROM examples WHERE dataset_id = ? ORDER BY position", (dataset_id,))
    ]


def iter_example_data(db: sqlite_utils.Database, dataset_id: int) -> Iterable[str]:
    """The examples' JSON texts in order (for export)."""
    for (data,) in db.conn.execute("SELECT data FROM examples WHERE dataset_id = ? ORDER BY position", (dataset_id,)):
        yield data


def search(db: sqlite_utils.Database, dataset_id: int, query: str, limit: int = 200) -> list[int]:
    """Ids of the dataset's examples whose text matches every word of ``query``, in order."""
    words = [w.replace('"', '""') for w in query.split() if w]
    if not words:
        return []
    match = " ".join(f'"{w}"' for w in words)
    rows = db.conn.execute(
        "SELECT e.id FROM examples_fts f JOIN examples e ON e.id = f.rowid "
        "WHERE examples_fts MATCH ? AND e.dataset_id = ? ORDER BY e.position LIMIT ?",
        (match, dataset_id, limit),
    )
    return [r[0] for r in rows]


SUMMARY_COLUMNS = (
    "source_line, tokens, assistant_tokens, turns, images, has_system, has_user, estimated, exact_hash, norm_hash"
)


def iter_summaries(db: sqlite_utils.Database, dataset_id: int) -> Iterable[tuple]:
    """Each example's numbers (``ExampleSummary`` field order, hashes signed) in dataset order.

    Dataset-wide checks and statistics are rebuilt from these stored columns, without parsing JSON.
    """
    return db.conn.execute(
        f"SELECT {SUMMARY_COLUMNS} FROM examples WHERE dataset_id = ? ORDER BY position", (dataset_id,)
    )


def get_example(db: sqlite_utils.Database, example_id: int) -> tuple[int, str] | None:
    """(dataset id, JSON text) of one example."""
    return db.conn.execute("SELECT dataset_id, data FROM examples WHERE id = ?", (example_id,)).fetchone()


def replace_example(db: sqlite_utils.Database, example_id: int, row: ExampleRow, old_search: str) -> None:
    """Store a re-checked example in place and re-index its text (inside the caller's transaction)."""
    conn = db.conn
    conn.execute(
        "UPDATE examples SET data = ?, turns = ?, tokens = ?, assistant_tokens = ?, estimated = ?, images = ?, "
        "has_system = ?, has_user = ?, exact_hash = ?, norm_hash = ?, status = ?, findings = ?, preview = ? "
        "WHERE id = ?",
        (*row[1:SEARCH], example_id),
    )
    conn.execute(
        "INSERT INTO examples_fts (examples_fts, rowid, text) VALUES ('delete', ?, ?)", (example_id, old_search)
    )
    conn.execute("INSERT INTO examples_fts (rowid, text) VALUES (?, ?)", (example_id, row[SEARCH]))
