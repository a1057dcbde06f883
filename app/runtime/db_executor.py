"""The project database's executors: one writer thread for every write, a few reader threads.

A ``sqlite_utils.Database`` belongs to the thread that opened it, so each executor thread opens
its own connection in its initializer and every job receives it as its first argument. Jobs are
plain synchronous functions ``fn(db, *args)`` so repositories are tested without asyncio.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from app.store.project_file import connect

T = TypeVar("T")


class DbExecutor:
    """Runs database jobs on dedicated threads, each thread with its own connection.

    ``writer`` is the connection opened (and checked, locked, migrated) by ``open_project``; it
    is handed to the single writer thread. Readers open read-only connections lazily.
    """

    def __init__(self, path: Path, writer: sqlite_utils.Database, *, readers: int = 2) -> None:
        self.path = Path(path)
        self._writer_db = writer
        self._write_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-writer")
        self._read_pool = ThreadPoolExecutor(max_workers=readers, thread_name_prefix="db-reader")
        self._local = threading.local()
        self._reader_dbs: list[sqlite_utils.Database] = []
        self._lock = threading.Lock()
        self._closed = False

    def _reader(self) -> sqlite_utils.Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = connect(self.path, readonly=True)
            self._local.db = db
            with self._lock:
                self._reader_dbs.append(db)
        return db

    def submit_write(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Queue ``fn(writer_db, *args)`` on the writer thread."""
        if self._closed:
            raise RuntimeError("the project is closed")
        return self._write_pool.submit(fn, self._writer_db, *args)

    def submit_read(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Queue ``fn(reader_db, *args)`` on a reader thread."""
        if self._closed:
            raise RuntimeError("the project is closed")
        return self._read_pool.submit(lambda: fn(self._reader(), *args))

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        """Await ``fn(writer_db, *args)`` without blocking the event loop."""
        return await asyncio.wrap_future(self.submit_write(fn, *args))

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """Await ``fn(reader_db, *args)`` without blocking the event loop."""
        return await asyncio.wrap_future(self.submit_read(fn, *args))

    def close(self) -> None:
        """Finish queued jobs, then close every connection (blocking; call off the GUI thread)."""
        if self._closed:
            return
        self._closed = True
        self._read_pool.shutdown(wait=True)
        with self._lock:
            for db in self._reader_dbs:
                db.close()
        # The writer closes its own connection so nothing else touches it concurrently.
        self._write_pool.submit(self._writer_db.close).result()
        self._write_pool.shutdown(wait=True)
