"""Whole-dataset use cases: create, name, copy, delete and export datasets, and read one example.

Like ``dataset_edits`` these are plain ``fn(db, ...)`` jobs for the project's writer (or reader)
thread, each in one transaction.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable
from typing import Any, Literal

import orjson
import sqlite_utils

from app.formats.model import Finding, Kind
from app.formats.pipeline import findings_from_json
from app.formats.writers import atomic_write, write_messages_jsonl, write_pairs_jsonl
from app.i18n import _
from app.services.dataset_organise import Split, normalise_tags
from app.store import datasets_repo
from app.store import examples_repo as repo
from app.store.backups import Reason, backup_before
from app.store.tx import transaction

# --- whole datasets -----------------------------------------------------------------------------


def dataset_names(db: sqlite_utils.Database) -> list[str]:
    """Every dataset's name, alphabetically."""
    return [r[0] for r in db.conn.execute("SELECT name FROM datasets ORDER BY name COLLATE NOCASE, id")]


def unique_name(db: sqlite_utils.Database, base: str) -> str:
    """``base`` if no dataset has that name yet, else ``"base (2)"``, ``"base (3)"``… ("Contracts (2)"
    gives "Contracts (3)", not "Contracts (2) (2)")."""
    names = set(dataset_names(db))
    base = " ".join(base.split()) or _("Dataset")
    if base not in names:
        return base
    stem = re.sub(r" \(\d+\)$", "", base)
    n = 2
    while f"{stem} ({n})" in names:
        n += 1
    return f"{stem} ({n})"


def create_empty_dataset(db: sqlite_utils.Database, name: str, kind: Kind | str, *, model: str = "") -> int:
    """A new dataset with no examples; returns its id."""
    with transaction(db.conn):
        return datasets_repo.create_dataset(db, _clean_name(name), Kind(kind), model=model)


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError(_("a dataset needs a name"))
    return cleaned


def rename_dataset(db: sqlite_utils.Database, dataset_id: int, name: str) -> str:
    """Rename a dataset; returns its previous name (undo: rename back)."""
    conn = db.conn
    row = conn.execute("SELECT name FROM datasets WHERE id = ?", (dataset_id,)).fetchone()
    if row is None:
        raise LookupError(_("there is no dataset {id}").format(id=dataset_id))
    with transaction(conn):
        conn.execute("UPDATE datasets SET name = ? WHERE id = ?", (_clean_name(name), dataset_id))
        datasets_repo.touch_dataset(db, dataset_id)
    return row[0]


def duplicate_dataset(db: sqlite_utils.Database, dataset_id: int, new_name: str | None = None) -> int:
    """Copy a dataset with all its examples (tags, notes, splits too); returns the copy's id.

    ``new_name`` defaults to a free "name (2)". One transaction; undo: ``delete_dataset``.
    """
    conn = db.conn
    row = conn.execute("SELECT name, kind, source, model FROM datasets WHERE id = ?", (dataset_id,)).fetchone()
    if row is None:
        raise LookupError(_("there is no dataset {id}").format(id=dataset_id))
    name, kind, source, model = row
    name = _clean_name(new_name) if new_name else unique_name(db, name)
    with transaction(conn):
        copy = datasets_repo.create_dataset(db, name, Kind(kind), source=source, model=model)
        repo.copy_dataset_rows(conn, dataset_id, copy, Kind(kind))
    return copy


def delete_dataset(db: sqlite_utils.Database, dataset_id: int) -> None:
    """Delete a dataset, its examples and their search entries (not undoable: ask first).

    A dataset with examples is backed up first (``backups.backup_before``); no backup, no delete.
    """
    conn = db.conn
    kind = repo.dataset_kind(conn, dataset_id)
    if conn.execute("SELECT 1 FROM examples WHERE dataset_id = ? LIMIT 1", (dataset_id,)).fetchone():
        backup_before(db, Reason.DELETE_DATASET)
    with transaction(conn):
        repo.delete_dataset_rows(conn, dataset_id, kind)
        conn.execute("DELETE FROM datasets WHERE id = ?", (dataset_id,))


# --- reading and exporting ----------------------------------------------------------------------

ExportFormat = Literal["openai", "messages", "pairs"]


def export_dataset(
    db: sqlite_utils.Database,
    dataset_id: int,
    path: str | os.PathLike[str],
    fmt: ExportFormat = "openai",
    *,
    split: Split | None = None,
) -> int:
    """Write a dataset (or one split of it) to ``path`` all-or-nothing; returns how many examples.

    ``openai``: each example's stored JSON as is, one per line (an imported JSONL file comes back
    byte for byte). ``messages`` (SFT/RFT) and ``pairs`` (DPO): the open formats of local trainers
    (see ``formats.writers``). A read: run it with ``project.db.read``.
    """
    kind = repo.dataset_kind(db.conn, dataset_id)
    if fmt not in ("openai", "messages", "pairs"):
        raise ValueError(f"unknown export format {fmt!r}")
    if (fmt == "pairs") != (kind is Kind.DPO) and fmt != "openai":
        raise ValueError(_("{kind} data cannot be written in the “{fmt}” format").format(kind=kind.name, fmt=fmt))
    sql = "SELECT data FROM examples WHERE dataset_id = ?" + (" AND split = ?" if split else "") + " ORDER BY position"
    rows = db.conn.execute(sql, (dataset_id, split) if split else (dataset_id,))
    if fmt == "openai":
        written = 0

        def blocks() -> Iterable[str]:
            nonlocal written
            while batch := rows.fetchmany(2000):  # ~2 MB per write: few system calls
                written += len(batch)
                yield "".join(f"{d}\n" for (d,) in batch)

        atomic_write(path, blocks())
        return written
    objects = (orjson.loads(d) for (d,) in rows)
    return write_pairs_jsonl(path, objects) if fmt == "pairs" else write_messages_jsonl(path, objects)


@dataclasses.dataclass(frozen=True)
class ExampleDetail:
    """One example as the editor shows it."""

    id: int
    dataset_id: int
    kind: Kind
    data: dict[str, Any]
    text: str  # the stored JSON, as is
    status: str
    findings: list[Finding]
    tags: list[str]
    note: str
    split: str
    source_line: int | None
    position: int
    tokens: int


def get_example_detail(db: sqlite_utils.Database, example_id: int) -> ExampleDetail:
    """Everything about one example (a read)."""
    row = db.conn.execute(
        "SELECT e.id, e.dataset_id, d.kind, e.data, e.status, e.findings, e.tags, e.note, e.split, e.source_line, "
        "e.position, e.tokens FROM examples e JOIN datasets d ON d.id = e.dataset_id WHERE e.id = ?",
        (example_id,),
    ).fetchone()
    if row is None:
        raise LookupError(_("there is no example {id}").format(id=example_id))
    i, ds, kind, text, status, findings, tags, note, split, line, position, tokens = row
    return ExampleDetail(
        i,
        ds,
        Kind(kind),
        orjson.loads(text),
        text,
        status,
        findings_from_json(findings),
        normalise_tags(tags),
        note,
        split,
        line,
        position,
        tokens,
    )
