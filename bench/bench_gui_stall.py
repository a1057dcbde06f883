"""The GUI thread while importing through the real Import dialog: how long can the event loop go
without turning? A 10 ms heartbeat timer records every gap.

    .venv/bin/python bench/bench_gui_stall.py [--case jsonl|csv|utf16|list50] [--n N] [--file PATH]

Cases (files made once into bench/data/, see ``bench/reader_data.py``):

* ``jsonl`` (default): N (100,000) UTF-8 JSONL examples — the byte-range path — then showing the
  dataset and scrolling through it;
* ``csv``: a CSV of N (200,000) rows; ``utf16``: N (50,000) JSONL examples in UTF-16;
* ``list50``: a single-line JSON list holding a 50 MB item.

The last three go through the format readers (reading and parsing included), so they measure that
path: only the import itself. Runs offscreen (QT_QPA_PLATFORM=offscreen) in a temporary app home.
Target: no gap above 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class Heartbeat:
    """Records the time between ticks of a 10 ms timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self.last) * 1000)
        self.last = now

    def watch(self) -> None:
        """Debugging aid: print the GUI thread's stack whenever it has not ticked for 100 ms."""
        import threading
        import traceback

        main = threading.main_thread().ident

        def run() -> None:
            while True:
                time.sleep(0.01)
                try:
                    active = self.timer.isActive()
                except RuntimeError:  # the timer is gone: the benchmark has ended
                    return
                if active and time.perf_counter() - self.last > 0.045:
                    for ident, frame in sys._current_frames().items():
                        who = "GUI" if ident == main else str(ident)
                        print(f"--- {who}:", "".join(traceback.format_stack(frame)[-3:]), flush=True)
                    time.sleep(0.2)

        threading.Thread(target=run, daemon=True).start()

    def start(self) -> None:
        self.gaps.clear()
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return list(self.gaps)


def report(name: str, gaps: list[float], seconds: float) -> bool:
    worst = max(gaps) if gaps else 0.0
    if os.environ.get("STALL_DEBUG"):
        print("  gaps over 50 ms at heartbeat", [(i, round(g)) for i, g in enumerate(gaps) if g > 50])
    over = sum(1 for g in gaps if g > 50)
    p99 = statistics.quantiles(gaps, n=100)[98] if len(gaps) > 100 else worst
    print(f"{name}: {seconds:.1f} s, {len(gaps)} heartbeats, longest gap {worst:.0f} ms, p99 {p99:.0f} ms, "
          f"{over} gap(s) over 50 ms")
    return worst <= 50


CASES = {"jsonl": 100_000, "csv": 200_000, "utf16": 50_000, "list50": 50}  # case: default size


def case_file(case: str, n: int, path: str | None = None) -> tuple[Path, str]:
    """The file of a case (or ``path``) and how to name it in the results."""
    from bench import reader_data
    from bench.bench_datasets import dataset

    if path:
        return Path(path), f"import of {Path(path).name}"
    if case == "csv":
        return reader_data.table(n), f"import of a {n:,}-row CSV"
    if case == "utf16":
        return reader_data.utf16_jsonl(n), f"import of {n:,} examples in UTF-16 JSONL"
    if case == "list50":
        return reader_data.big_item_list(n), f"import of a single-line JSON list with a {n} MB item"
    return dataset(n), f"import of {n:,} examples (dialog, progress bar)"


async def scenario(case: str, n: int, path: str | None = None) -> int:
    from app.paths import app_dirs
    from app.runtime.processes import warm_pool
    from ui.app_context import AppContext
    from ui.datasets.import_dialog import ImportDialog
    from ui.main_window import MainWindow

    data, title = case_file(case, n, path)
    ctx = AppContext(app_dirs().ensure())
    await ctx.load_settings()
    window = MainWindow(ctx)
    window.show()
    await ctx.open_startup_project()
    # The app starts all its workers at start-up (warm_pool); do the same so the figure is the
    # import's (a worker spawned during the import costs the GUI thread and the import ~1 s).
    await asyncio.get_running_loop().run_in_executor(None, warm_pool)
    from app.runtime.gc_pause import tune_for_interactive_use

    tune_for_interactive_use()  # as the app does once its window is up
    beat = Heartbeat()
    if os.environ.get("STALL_DEBUG"):
        beat.watch()
    ok = True

    dlg = ImportDialog(ctx, str(data), window)
    dlg.open()
    beat.start()  # the dialog inspects the file (format, kind, a table's first rows) as it opens
    t = time.perf_counter()
    while dlg._inspection is None or not dlg.import_button.isEnabled():
        await asyncio.sleep(0.02)
    if case != "jsonl":  # a figure only: the inspection is not the import
        report(f"  (inspecting the file first: {data.name})", beat.stop(), time.perf_counter() - t)
    done = asyncio.Event()
    dlg.imported.connect(lambda _ds: done.set())
    beat.start()
    t = time.perf_counter()
    dlg.start_import()
    await done.wait()
    ok &= report(title, beat.stop(), time.perf_counter() - t)
    if case != "jsonl":
        dlg.close()
        window.close()
        await ctx.shutdown()
        return 0 if ok else 1

    # The Datasets view then shows the new dataset: list, first page, findings and statistics.
    view = window.pages.widget(0)
    beat.start()
    t = time.perf_counter()
    dlg.close()
    await view.reload_datasets()
    await view.refresh_overview()
    await view.examples_model.wait_idle()
    ok &= report("showing the dataset (table page, validation, statistics)", beat.stop(), time.perf_counter() - t)

    # Scrolling through the table: pages load as the view asks for them.
    beat.start()
    t = time.perf_counter()
    table = view.examples.table
    for _ in range(40):
        t0 = time.perf_counter()
        table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
        if os.environ.get("STALL_DEBUG"):
            print(f"  setValue took {(time.perf_counter() - t0) * 1000:.0f} ms", flush=True)
        await asyncio.sleep(0.03)
        await view.examples_model.wait_idle()
    rows = view.examples_model.rowCount()
    ok &= report(f"scrolling to row {rows:,}", beat.stop(), time.perf_counter() - t)
    window.close()
    await ctx.shutdown()
    return 0 if ok else 1


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--case", choices=list(CASES), default="jsonl")
    p.add_argument("--n", type=int, help="examples, rows or MB (the default depends on the case)")
    p.add_argument("--file", help="import this file instead (with the case's steps; e.g. --case csv)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["FINETUNE_STUDIO_HOME"] = home
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        app.setQuitOnLastWindowClosed(False)
        import qasync

        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        if os.environ.get("STALL_DEBUG"):
            import logging

            logging.basicConfig(level=logging.WARNING)
            loop.set_debug(True)
            loop.slow_callback_duration = 0.05
        with loop:
            rc = loop.run_until_complete(scenario(args.case, args.n or CASES[args.case], args.file))
        from app.runtime.processes import shutdown_pool

        shutdown_pool()
    return rc


if __name__ == "__main__":
    sys.exit(main())
