"""Named RFT graders of a project: one row per grader, its JSON exactly as the API takes it.

Plain functions taking the database first: writes run on the project's writer thread, reads on a
reader thread. Names are unique (the schema says so); saving under a name another grader already has
raises :class:`GraderNameTaken` with a message for the user.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson
import sqlite_utils

from app.i18n import _
from app.store.tx import transaction


class GraderNameTaken(ValueError):
    """Another grader of the project already has this name. ``str(exc)`` is the user-facing message."""


@dataclass(frozen=True)
class StoredGrader:
    """A saved grader: its id, name, JSON (a dict) and last change (UTC ISO-8601)."""

    id: int
    name: str
    grader: dict[str, Any]
    updated_at: str


def now() -> str:
    """A UTC ISO-8601 timestamp with milliseconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _load(text: str) -> dict[str, Any]:
    """The stored grader; an unreadable one loads as {} (the editor then shows it as broken, not crash)."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _row(r: tuple) -> StoredGrader:
    return StoredGrader(r[0], r[1], _load(r[2]), r[3])


def save_grader(db: sqlite_utils.Database, name: str, grader: dict[str, Any], grader_id: int | None = None) -> int:
    """Store ``grader`` under ``name``: a new row when ``grader_id`` is None (or that grader was deleted
    meanwhile), else that row updated (renamed too when ``name`` changed). Returns its id.

    Raises :class:`GraderNameTaken` when another grader has ``name``, ``ValueError`` for an empty name.
    """
    name = name.strip()
    if not name:
        raise ValueError(_("A grader needs a name."))
    conn = db.conn
    text = orjson.dumps(grader).decode("utf-8")
    stamp = now()
    try:
        with transaction(conn):
            if grader_id is not None:
                cur = conn.execute(
                    "UPDATE graders SET name = ?, grader = ?, updated_at = ? WHERE id = ?",
                    (name, text, stamp, grader_id),
                )
                if cur.rowcount:
                    return grader_id
            cur = conn.execute(
                "INSERT INTO graders (name, grader, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (name, text, stamp, stamp),
            )
            return int(cur.lastrowid)
    except sqlite3.IntegrityError as exc:
        if "UNIQUE" not in str(exc):
            raise
        taken = _("There is already a grader named “{name}”. Choose another name.").format(name=name)
        raise GraderNameTaken(taken) from None


def list_graders(db: sqlite_utils.Database) -> list[StoredGrader]:
    """Every saved grader, by name (case-insensitive)."""
    rows = db.conn.execute("SELECT id, name, grader, updated_at FROM graders ORDER BY name COLLATE NOCASE, id")
    return [_row(r) for r in rows]


def get_grader(db: sqlite_utils.Database, grader_id: int) -> StoredGrader | None:
    """One saved grader, or None when there is no such grader."""
    r = db.conn.execute("SELECT id, name, grader, updated_at FROM graders WHERE id = ?", (grader_id,)).fetchone()
    return _row(r) if r else None


def find_grader(db: sqlite_utils.Database, name: str) -> StoredGrader | None:
    """The saved grader called ``name`` (exactly), or None."""
    r = db.conn.execute("SELECT id, name, grader, updated_at FROM graders WHERE name = ?", (name.strip(),)).fetchone()
    return _row(r) if r else None


def delete_grader(db: sqlite_utils.Database, grader_id: int) -> None:
    """Delete a saved grader (nothing happens when it is already gone)."""
    db.conn.execute("DELETE FROM graders WHERE id = ?", (grader_id,))


def example_items(db: sqlite_utils.Database, dataset_id: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line, example)`` for every example of a dataset in order, as
    :func:`app.graders.templates.check_against_examples` takes them. ``line`` is the example's line in
    the file it was imported from (its position, from 1, when it has none); unreadable rows are skipped.
    Consume it on the same (reader) thread."""
    rows = db.conn.execute(
        "SELECT position, source_line, data FROM examples WHERE dataset_id = ? ORDER BY position", (dataset_id,)
    )
    for position, source_line, data in rows:
        try:
            obj = orjson.loads(data)
        except orjson.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            yield (source_line if source_line else position + 1), obj
