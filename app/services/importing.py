"""Importing a file into a project as a new dataset: all of it, or — cancelled or failed — none.

The file is checked chunk by chunk in worker processes (``check_file``) while the project's
writer thread stores each chunk. The whole import is ONE transaction, run as one job on the writer
thread, so no other write can slip into it and a cancel, an error or even a crash leaves the
project exactly as it was.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from app.formats.column_mapping import ColumnMapping
from app.formats.model import Kind
from app.formats.pipeline import ChunkResult
from app.i18n import _
from app.runtime.gc_pause import gc_paused
from app.runtime.threads import run_blocking
from app.services.dataset_check import CheckCancelled, CheckReport, Progress, check_file, resolve_format
from app.services.projects import Project
from app.store import datasets_repo, project_file

_DONE = object()
_ABORT = object()


@dataclass
class ImportRequest:
    """What to import and how to read it."""

    path: Path
    name: str = ""
    fmt: str | None = None
    kind: Kind | None = None
    mapping: ColumnMapping | None = None
    model: str | None = None


@dataclass
class ImportResult:
    """The new dataset and the report of its file (every bad line, by number)."""

    dataset_id: int
    report: CheckReport


def _writer_job(db: sqlite_utils.Database, q: queue.Queue, name: str, kind: Kind, source: str, model: str) -> int:
    """Runs on the writer thread: one transaction for the whole import."""
    conn = db.conn
    # A big import writes a big WAL; copying it into the file (checkpoint) at COMMIT would add ~1 s
    # per 100k examples to the wait. The checkpoint runs as its own job right after instead.
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("BEGIN IMMEDIATE")
    try:
        dataset_id = datasets_repo.create_dataset(db, name, kind, source=source, model=model)
        position = 0
        while (item := q.get()) is not _DONE:
            if item is _ABORT:
                raise CheckCancelled
            position = datasets_repo.insert_examples(db, dataset_id, position, item)
        conn.execute("COMMIT")
        return dataset_id
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already (disk full)
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint = {project_file.WAL_AUTOCHECKPOINT}")


def _checkpoint(db: sqlite_utils.Database) -> None:
    db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


def run_import(
    project: Project,
    request: ImportRequest,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportResult:
    """Import synchronously (call from a worker thread). Raises ``CheckCancelled`` on cancel,
    ``OSError`` for an unreadable file, ``MappingError`` for a mapping that does not fit."""
    cancel = cancel or threading.Event()
    path = Path(request.path)
    fmt, kind = resolve_format(path, fmt=request.fmt, kind=request.kind, mapping=request.mapping)
    q: queue.Queue = queue.Queue(maxsize=6)  # bounded: a slow disk holds the checker back
    writer = project.db.submit_write(
        _writer_job, q, request.name or path.stem, kind, str(path.resolve()), request.model or ""
    )

    def put(item: object) -> None:
        # Never block forever on a writer that died (disk full…): its error wins.
        while True:
            if writer.done():
                writer.result()
                raise RuntimeError(_("the import's writer stopped unexpectedly"))
            try:
                q.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def on_chunk(chunk: ChunkResult) -> None:
        if chunk.examples:
            chunk.fill_texts()
            put(chunk.examples)
        if cancel.is_set():
            raise CheckCancelled

    try:
        report = check_file(
            path,
            fmt=fmt,
            kind=kind,
            model=request.model,
            mapping=request.mapping,
            on_chunk=on_chunk,
            progress=progress,
            cancel=cancel,
        )
        put(_DONE)
    except BaseException:
        # Make room, then tell the writer to roll back; it must always get a last word.
        with contextlib.suppress(queue.Empty):
            while True:
                q.get_nowait()
        q.put(_ABORT)
        with contextlib.suppress(BaseException):
            writer.result()  # the original error is the one to report
        raise
    dataset_id = writer.result()
    project.db.submit_write(_checkpoint)
    return ImportResult(dataset_id, report)


def run_import_paused(project: Project, request: ImportRequest, **kwargs) -> ImportResult:  # noqa: ANN003
    """``run_import`` with the garbage collector paused (see ``app.runtime.gc_pause``)."""
    with gc_paused():
        return run_import(project, request, **kwargs)


async def import_dataset(
    project: Project, request: ImportRequest, *, progress: Progress | None = None, cancel: threading.Event | None = None
) -> ImportResult:
    """Import without blocking the event loop (``progress`` is called from a worker thread)."""
    return await run_blocking(run_import_paused, project, request, progress=progress, cancel=cancel)
