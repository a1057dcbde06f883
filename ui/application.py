"""Starting the app: Qt, the qasync event loop, logging, error hooks, the main window."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app import __version__
from app.logs import setup_logging
from app.paths import app_dirs
from app.runtime.gc_pause import tune_for_interactive_use
from app.runtime.processes import shutdown_pool, warm_pool
from app.runtime.threads import run_blocking
from ui import i18n
from ui.app_context import AppContext
from ui.main_window import MainWindow
from ui.resources import icon

log = logging.getLogger(__name__)


def _install_error_hooks(ctx: AppContext, loop: asyncio.AbstractEventLoop) -> None:
    """Uncaught errors go to the log and the banner instead of killing the app."""

    def excepthook(t: type[BaseException], e: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught error", exc_info=(t, e, tb))
        if threading.current_thread() is threading.main_thread():
            ctx.report_error(MainWindow._plain(e), e)

    def loop_handler(_loop: asyncio.AbstractEventLoop, context: dict) -> None:
        exc = context.get("exception")
        log.error("event loop error: %s", context.get("message"), exc_info=exc)
        if exc is not None:
            ctx.report_error(MainWindow._plain(exc), exc)

    sys.excepthook = excepthook
    loop.set_exception_handler(loop_handler)


def install_asyncgen_hooks(loop: asyncio.AbstractEventLoop) -> None:
    """Let the loop close async generators left open (a stopped stream), as asyncio.run does;
    qasync does not, so the garbage collector would finish them outside the loop and log errors."""
    firstiter = getattr(loop, "_asyncgen_firstiter_hook", None)
    finalizer = getattr(loop, "_asyncgen_finalizer_hook", None)
    if firstiter is not None and finalizer is not None:
        sys.set_asyncgen_hooks(firstiter=firstiter, finalizer=finalizer)


async def amain(project: str | None) -> int:
    """The app's life: show the window, open the project, wait until the window closes."""
    dirs = app_dirs().ensure()
    log_path = setup_logging(dirs.logs)
    log.info("Finetune Studio %s starting; log at %s", __version__, log_path)
    ctx = AppContext(dirs)
    loop = asyncio.get_running_loop()
    _install_error_hooks(ctx, loop)
    install_asyncgen_hooks(loop)
    await ctx.load_settings()
    i18n.install(ctx.settings.language)  # before any widget exists: everything is built in that language
    window = MainWindow(ctx)
    done = asyncio.Event()
    window.closed.connect(done.set)
    # A polite "terminate" (logout, kill) closes the window, so the project and workers shut down.
    signal.signal(signal.SIGTERM, lambda *_: loop.call_soon_threadsafe(window.close))
    # Python runs signal handlers only between bytecodes; Qt's idle loop runs none, so tick.
    signal_tick = QTimer(window)
    signal_tick.start(300)
    signal_tick.timeout.connect(lambda: None)
    window.show()
    tune_for_interactive_use()
    window.tasks.spawn(ctx.open_startup_project(project))
    window.tasks.spawn(ctx.refresh_connection_state())
    # Start the worker processes now, so the first import or check does not wait for them.
    window.tasks.spawn(run_blocking(warm_pool))
    await done.wait()
    await ctx.shutdown()
    await run_blocking(shutdown_pool)
    log.info("Finetune Studio closed")
    return 0


def run_app(project: str | None = None) -> int:
    """Create the QApplication and run the app until its window closes."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Finetune Studio")
    app.setOrganizationName("FinetuneStudio")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    app.setQuitOnLastWindowClosed(False)  # amain decides when to stop, after cleanup
    import qasync  # after PySide6, so qasync binds to it

    return qasync.run(amain(project))
