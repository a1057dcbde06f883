"""Merging judgements from another copy of the project file (a colleague's, or one's own from
another machine) into the open project.

Items are matched by their ``uid`` (the same in every copy): a queue or comparison the open
project lacks is added (with its candidates, keeping its seed so it is shown the same way), a
judgement already present is left alone. When both copies hold a judgement by the same annotator
of the same comparison, the newer one is kept. The other file is only read — opened read-only,
never migrated, its bytes unchanged — and the merge is one transaction: all of it or nothing.
Merging the same file again changes nothing.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from app.i18n import _
from app.services.annotation_judging import atomic
from app.store.annotation_repo import now
from app.store.backups import Reason, backup_before
from app.store.project_file import inspect_project

ANNOTATIONS_SCHEMA = 6  # the schema version that added annotation queues (migrations._v6)


@dataclass(frozen=True)
class MergeResult:
    """What a merge did: queues and comparisons added, judgements added, judgements that replaced
    an older one by the same annotator, and the other copy's judgements that changed nothing
    (already here, or older than the one here)."""

    queues: int
    comparisons: int
    judgements: int
    replaced: int
    unchanged: int


@dataclass
class _Other:
    queues: list[tuple[Any, ...]]  # uid, name, seed, created_at
    comparisons: list[tuple[Any, ...]]  # uid, queue uid, context, source, created_at (queue order)
    candidates: dict[str, list[tuple[Any, ...]]]  # comparison uid -> (slot, content, model, profile_id, params)
    judgements: list[tuple[Any, ...]]  # uid, comparison uid, annotator, verdict, left, right, winner,
    #                                    rewrite, rationale, created_at (oldest first)


def _open_other(path: Path) -> sqlite3.Connection:
    """A read-only connection to the other copy that leaves no file behind.

    A closed project has no write-ahead log; read-only SQLite would still create empty ``-wal``
    and ``-shm`` files next to it, so such a file is opened as immutable. A copy that is open
    elsewhere (its log exists) is read through the log, read-only.
    """
    uri = path.resolve().as_uri()
    wal = path.with_name(path.name + "-wal")
    mode = "?mode=ro" if wal.exists() else "?mode=ro&immutable=1"
    return sqlite3.connect(uri + mode, uri=True)


def _read_other(path: Path) -> _Other:
    conn = _open_other(path)
    try:
        queues = conn.execute("SELECT uid, name, seed, created_at FROM annotation_queues ORDER BY id").fetchall()
        comparisons = conn.execute(
            "SELECT c.uid, q.uid, c.context, c.source, c.created_at FROM comparisons c"
            " JOIN annotation_queues q ON q.id = c.queue_id ORDER BY q.id, c.position, c.id"
        ).fetchall()
        candidates: dict[str, list[tuple[Any, ...]]] = {}
        for uid, *rest in conn.execute(
            "SELECT c.uid, k.slot, k.content, k.model, k.profile_id, k.params FROM candidates k"
            " JOIN comparisons c ON c.id = k.comparison_id ORDER BY k.comparison_id, k.slot"
        ):
            candidates.setdefault(uid, []).append(tuple(rest))
        judgements = conn.execute(
            "SELECT j.uid, c.uid, j.annotator, j.verdict, j.left_slot, j.right_slot, j.winner_slot, j.rewrite,"
            " j.rationale, j.created_at FROM judgements j JOIN comparisons c ON c.id = j.comparison_id"
            " ORDER BY j.created_at, j.id"
        ).fetchall()
    finally:
        conn.close()
    return _Other(queues, comparisons, candidates, judgements)


def _free_name(conn: sqlite3.Connection, name: str) -> str:
    """``name``, or "name (2)", "name (3)"… when a queue already has it."""
    taken = {r[0] for r in conn.execute("SELECT name FROM annotation_queues")}
    if name not in taken:
        return name
    stem = re.sub(r" \(\d+\)$", "", name)
    n = 2
    while f"{stem} ({n})" in taken:
        n += 1
    return f"{stem} ({n})"


def _main_file(conn: sqlite3.Connection) -> str:
    return next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")


def merge_project(db: sqlite_utils.Database, other_path: Path) -> MergeResult:
    """Merge the queues, comparisons and judgements of the project file at ``other_path`` into
    this one (see the module docstring). ``ProjectError`` (with a message for the user) when the
    file is not a project this version can read; ``ValueError`` when it is this very project.
    """
    other_path = Path(other_path)
    version = inspect_project(other_path)
    mine = _main_file(db.conn)
    if mine and os.path.exists(mine) and os.path.samefile(mine, other_path):
        raise ValueError(_("This is the project that is open. Choose the other copy to merge from."))
    if version < ANNOTATIONS_SCHEMA:
        return MergeResult(0, 0, 0, 0, 0)  # saved before annotation queues existed: nothing to merge
    other = _read_other(other_path)
    if other.queues or other.judgements:
        backup_before(db, Reason.MERGE)  # raises BackupError (nothing merged) when no backup can be made
    with atomic(db.conn):
        return _merge(db.conn, other)


def _merge(conn: sqlite3.Connection, other: _Other) -> MergeResult:
    queues = comparisons = added = replaced = unchanged = 0
    changed_queues: set[int] = set()
    queue_ids = {uid: qid for uid, qid in conn.execute("SELECT uid, id FROM annotation_queues")}
    for uid, name, seed, created_at in other.queues:
        if uid in queue_ids:
            continue
        cur = conn.execute(
            "INSERT INTO annotation_queues (uid, name, seed, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (uid, _free_name(conn, name), seed, created_at, now()),
        )
        queue_ids[uid] = int(cur.lastrowid)
        queues += 1

    comparison_ids = {uid: cid for uid, cid in conn.execute("SELECT uid, id FROM comparisons")}
    for uid, queue_uid, context, source, created_at in other.comparisons:
        if uid in comparison_ids:
            continue
        queue_id = queue_ids[queue_uid]
        position = conn.execute(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM comparisons WHERE queue_id = ?", (queue_id,)
        ).fetchone()[0]
        cur = conn.execute(
            "INSERT INTO comparisons (queue_id, uid, position, context, source, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (queue_id, uid, position, context, source, created_at),
        )
        comparison_ids[uid] = cid = int(cur.lastrowid)
        conn.executemany(
            "INSERT INTO candidates (comparison_id, slot, content, model, profile_id, params)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(cid, *row) for row in other.candidates.get(uid, [])],
        )
        changed_queues.add(queue_id)
        comparisons += 1

    known = {r[0] for r in conn.execute("SELECT uid FROM judgements")}
    for row in other.judgements:
        uid, comparison_uid, annotator, *_rest, created_at = row
        if uid in known:
            unchanged += 1
            continue
        cid = comparison_ids[comparison_uid]
        here = conn.execute(
            "SELECT id, created_at FROM judgements WHERE comparison_id = ? AND annotator = ?", (cid, annotator)
        ).fetchone()
        if here is not None and here[1] >= created_at:
            unchanged += 1  # the judgement here is newer (or as new): it stands
            continue
        if here is not None:
            conn.execute("DELETE FROM judgements WHERE id = ?", (here[0],))
            replaced += 1
        else:
            added += 1
        _insert_judgement(conn, cid, row)
        known.add(uid)
        changed_queues.add(conn.execute("SELECT queue_id FROM comparisons WHERE id = ?", (cid,)).fetchone()[0])

    stamp = now()
    conn.executemany("UPDATE annotation_queues SET updated_at = ? WHERE id = ?", [(stamp, q) for q in changed_queues])
    return MergeResult(queues, comparisons, added, replaced, unchanged)


def _insert_judgement(conn: sqlite3.Connection, comparison_id: int, row: tuple[Any, ...]) -> None:
    """Store one of the other copy's judgements as it is (same uid and time)."""
    uid, _comparison_uid, annotator, verdict, left, right, winner, rewrite, rationale, created_at = row
    conn.execute(
        "INSERT INTO judgements (uid, comparison_id, annotator, verdict, left_slot, right_slot, winner_slot,"
        " rewrite, rationale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uid, comparison_id, annotator, verdict, left, right, winner, rewrite, rationale, created_at),
    )
