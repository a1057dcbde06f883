"""UI test bed: one qasync loop bound to the QApplication for the whole session.

Tests are plain functions that drive coroutines with ``arun`` (which runs the Qt event loop until
the coroutine ends, so widgets repaint and signals fire). The loop is never stopped between
tests — stopping it quits the application; leftover tasks are cancelled instead.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest


@pytest.fixture(scope="session")
def qloop(qapp):
    import qasync

    from ui import i18n
    from ui.application import install_asyncgen_hooks

    i18n.install("en", qapp)  # as the app does: English with its plural forms ("1 example", "2 examples")
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    install_asyncgen_hooks(loop)  # as the app does: stopped streams are closed on the loop
    yield loop
    loop.close()


@pytest.fixture
def arun(qloop):
    """Run a coroutine to completion on the qasync loop (10 s default limit)."""

    # Slots called directly by a test spawn tasks with no running loop: make them land here.
    asyncio.set_event_loop(qloop)

    def run(coro, timeout: float = 10.0):
        return qloop.run_until_complete(asyncio.wait_for(coro, timeout))

    yield run
    pending = [t for t in asyncio.all_tasks(qloop) if not t.done()]
    for t in pending:
        t.cancel()
    if pending:
        qloop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


async def until(predicate: Callable[[], object], timeout: float = 5.0, what: str = "condition") -> None:
    """Let the app run until ``predicate()`` is true (qtbot.waitUntil does not work inside the loop)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


@pytest.fixture
def ctx(arun, app_home):
    """A loaded application context on a temp home; shut down after the test."""
    from app.paths import app_dirs
    from ui.app_context import AppContext

    c = AppContext(app_dirs().ensure())
    arun(c.load_settings())
    yield c
    arun(c.shutdown())


@pytest.fixture
def window(ctx, arun, qtbot):
    """The main window with its start-up project open."""
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    arun(ctx.open_startup_project())
    yield w
    w.close()
    # Let the cancelled tasks unwind inside the loop (their cleanup may await).
    arun(asyncio.sleep(0.05))
