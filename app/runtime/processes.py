"""The worker-process pool for CPU work (parsing, validating, counting tokens).

Spawned, not forked: forking a process that runs Qt and threads is unsafe, and spawn behaves the
same on every OS (and in a frozen build, with ``multiprocessing.freeze_support()``). Workers
load the tokenizer once when they start, so the first chunk is not slow.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_size = 0
_language = ""  # the language workers write their messages in ("" = as the environment says)


def _warm_up(parent_pid: int, language: str = "") -> None:
    """Worker start-up: speak the app's language, load the tokenizer, and leave if the app process
    goes away.

    A killed app (SIGKILL, a crash) cannot shut its pool down; without this, its idle workers
    (~180 MB each) stayed behind, measured after killed screenshot runs.
    """
    import threading
    import time

    def watch_parent() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=watch_parent, name="parent-watch", daemon=True).start()
    # Lower priority than the app: the app's own threads (GUI, database writer) are what a user
    # waits on; workers fill the remaining CPU. Measured on 2 cores: imports finish sooner too,
    # since the writer thread is the import's slowest stage.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(5)
    from app import i18n

    i18n.setup(language or None)
    from app.formats.tokens import get_encoding

    get_encoding()


def worker_count() -> int:
    """How many workers to use: one per core (the parent mostly waits and stores)."""
    return max(1, min(os.cpu_count() or 2, 8))


def process_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """The shared pool, created on first use."""
    global _pool, _size
    n = workers or worker_count()
    with _lock:
        if _pool is None or _size != n:
            if _pool is not None:
                _pool.shutdown(wait=False, cancel_futures=True)
            _pool = ProcessPoolExecutor(
                n, mp_context=multiprocessing.get_context("spawn"), initializer=_warm_up,
                initargs=(os.getpid(), _language),
            )
            _size = n
        return _pool


def set_language(language: str) -> None:
    """Make workers write their messages (validation findings, read errors) in ``language``.

    Workers learn the language when they start, so a running pool is let go: the work already
    given to it finishes there, new work goes to a pool that speaks the new language.
    """
    global _pool, _language
    with _lock:
        if language == _language:
            return
        _language = language
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=False)
            _pool = None


def shutdown_pool() -> None:
    """Stop the workers (at exit)."""
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


def _pause(seconds: float) -> None:
    import time

    time.sleep(seconds)


def warm_pool() -> None:
    """Start every worker now (the pool otherwise starts them one by one as work arrives)."""
    pool = process_pool()
    # Workers are started on demand while none is idle: busy them all at once to start them all.
    for f in [pool.submit(_pause, 0.3) for _ in range(worker_count())]:
        f.result()
