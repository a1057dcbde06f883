"""Task scopes: every coroutine a view starts belongs to the view and dies with it.

A slot calls ``scope.spawn(coro)``; closing the view calls ``scope.cancel_all()``. Exceptions a
task did not handle are reported to the error banner rather than lost or fatal. Cancelling a
local task never cancels work on a server: that is always an explicit service call.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)

ErrorSink = Callable[[str, BaseException], None]


class TaskScope:
    """A set of running tasks owned by one view or dialog."""

    def __init__(self, name: str, on_error: ErrorSink | None = None) -> None:
        self.name = name
        self._tasks: set[asyncio.Task[Any]] = set()
        self._on_error = on_error
        self.alive = True

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Start ``coro`` on the running loop as a task of this scope."""
        if not self.alive:
            coro.close()
            raise RuntimeError(f"task scope {self.name} is closed")
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("unhandled error in %s", self.name, exc_info=exc)
            if self._on_error is not None and self.alive:
                self._on_error(self.name, exc)

    @property
    def running(self) -> int:
        """How many tasks are still running."""
        return len(self._tasks)

    def cancel_all(self) -> None:
        """Cancel every task and refuse new ones (the view is closing)."""
        self.alive = False
        for t in list(self._tasks):
            t.cancel()
