"""Frozen dataset versions: the exact JSONL bytes a training job was given.

A job must always show which data trained its model, even after the dataset is edited or deleted,
so the bytes uploaded are stored in the project (``dataset_versions``), once per distinct content
(keyed by sha256). The bytes are built exactly as ``dataset_admin.export_dataset(..., "openai")``
writes them: each example's stored JSON plus ``"\\n"``, in position order.

Plain ``fn(db, ...)`` jobs: ``freeze_dataset`` for the writer thread, the others for a reader.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

import sqlite_utils

from app.formats.writers import atomic_write
from app.i18n import _
from app.store.datasets_repo import now
from app.store.tx import transaction

_COLUMNS = "id, sha256, examples, bytes, dataset_id, dataset_name, kind, created_at"


@dataclass(frozen=True)
class VersionInfo:
    """One frozen version (without its content)."""

    id: int
    sha256: str
    examples: int
    bytes: int
    dataset_id: int | None  # None once the dataset was deleted
    dataset_name: str  # the dataset's name when it was frozen first
    kind: str
    created_at: str


def _info(row: tuple) -> VersionInfo:
    return VersionInfo(*row)


def dataset_bytes(db: sqlite_utils.Database, dataset_id: int, *, split: str | None = None) -> tuple[bytes, int]:
    """The dataset's (or one split's) OpenAI JSONL bytes and how many examples they hold."""
    sql = "SELECT data FROM examples WHERE dataset_id = ?" + (" AND split = ?" if split else "") + " ORDER BY position"
    rows = db.conn.execute(sql, (dataset_id, split) if split else (dataset_id,)).fetchall()
    return "".join(f"{d}\n" for (d,) in rows).encode("utf-8"), len(rows)


def freeze_dataset(db: sqlite_utils.Database, dataset_id: int, *, split: str | None = None) -> VersionInfo:
    """Store the dataset's current JSONL bytes (or those of one split) as a version; returns it.

    The same content frozen again (from any dataset) returns the existing version. Raises
    ``LookupError`` for an unknown dataset and ``ValueError`` when there is nothing to freeze (an
    empty file cannot train anything). A write: run it with ``project.db.write``.
    """
    if split not in (None, "train", "validation"):
        raise ValueError(f"unknown split {split!r}")
    conn = db.conn
    with transaction(conn):  # one snapshot: the bytes and the dataset's name agree
        row = conn.execute("SELECT name, kind FROM datasets WHERE id = ?", (dataset_id,)).fetchone()
        if row is None:
            raise LookupError(_("there is no dataset {id}").format(id=dataset_id))
        content, count = dataset_bytes(db, dataset_id, split=split)
        if not count:
            raise ValueError(_("there are no examples to freeze"))
        sha = hashlib.sha256(content).hexdigest()
        conn.execute(
            "INSERT INTO dataset_versions (dataset_id, dataset_name, kind, sha256, examples, bytes, content,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            (dataset_id, row[0], row[1], sha, count, len(content), content, now()),
        )
        found = conn.execute(f"SELECT {_COLUMNS} FROM dataset_versions WHERE sha256 = ?", (sha,)).fetchone()
    return _info(found)


def get_version(db: sqlite_utils.Database, version_id: int) -> VersionInfo | None:
    """One version's description, or None."""
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM dataset_versions WHERE id = ?", (version_id,)).fetchone()
    return _info(row) if row else None


def version_bytes(db: sqlite_utils.Database, version_id: int) -> bytes:
    """The frozen JSONL bytes of a version (``LookupError`` if there is none)."""
    row = db.conn.execute("SELECT content FROM dataset_versions WHERE id = ?", (version_id,)).fetchone()
    if row is None:
        raise LookupError(_("there is no dataset version {id}").format(id=version_id))
    return bytes(row[0])


def write_version(db: sqlite_utils.Database, version_id: int, path: str | os.PathLike[str]) -> int:
    """Write a version's bytes to ``path`` all-or-nothing; returns how many bytes."""
    return atomic_write(path, version_bytes(db, version_id))


def list_versions(db: sqlite_utils.Database) -> list[VersionInfo]:
    """Every frozen version, newest first."""
    return [_info(r) for r in db.conn.execute(f"SELECT {_COLUMNS} FROM dataset_versions ORDER BY id DESC")]
