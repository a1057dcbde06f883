"""Killing the app loses no judgement: a separate process opens the real Annotate view on a project,
judges comparisons by key presses, and kills itself (SIGKILL: no clean-up, no checkpoint, the
project left open) as soon as the last judgement is committed. The project then reopens with every
judgement in it and passes SQLite's integrity check."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.services.projects import open_project_sync
from app.store.project_file import create_project
from tests.ui.annotate_support import fill_queue

N = 12
ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, os, signal, sys, time
    from pathlib import Path

    import qasync
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.paths import app_dirs
    from ui.annotate.view import AnnotateView
    from ui.app_context import AppContext

    KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_Right, Qt.Key.Key_Left]
    VERDICTS = ["win", "win", "tie", "both_bad", "win", "win"]

    async def until(predicate, timeout=10.0):
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise SystemExit("timed out")
            await asyncio.sleep(0.005)

    async def main(path, n, wait):
        ctx = AppContext(app_dirs().ensure())
        await ctx.load_settings()
        ctx.settings.annotator = "crash test"
        await ctx.open_project(Path(path))
        view = AnnotateView(ctx)
        view.resize(1280, 800)
        view.show()
        view.activateWindow()
        await until(lambda: view.session.item is not None)
        for i in range(n):
            # Wait only for the comparison loaded ahead, as a fast annotator would.
            await until(lambda: view.session.item is not None and view.session.ahead is not None
                        and view.session.ahead[1].done())
            view.panel.setFocus()
            cid = view.session.item.comparison.id
            QTest.keyClick(QApplication.focusWidget(), KEYS[i % len(KEYS)])
            print(json.dumps([cid, VERDICTS[i % len(KEYS)]]), flush=True)
        # Right after the last key: as soon as the writer thread has committed it ("wait"), or at
        # once, maybe in the middle of that commit ("now"). Either way: die hard.
        if wait == "wait":
            await view.session.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    if __name__ == "__main__":
        app = QApplication(sys.argv[:1])
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        loop.run_until_complete(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
        print("not killed", flush=True)
    """
)


def make_project(path: Path) -> None:
    create_project(path)
    project = open_project_sync(path)
    try:
        project.db.submit_write(lambda db: fill_queue(db, n=N + 3, name="Kill test")).result()
    finally:
        project._close_sync()


def stored_and_integrity(path: Path) -> tuple[dict[int, str], str]:
    reopened = open_project_sync(path)
    try:
        def check(db):
            rows = db.conn.execute(
                "SELECT comparison_id, verdict FROM judgements WHERE annotator = 'crash test'").fetchall()
            return dict(rows), db.conn.execute("PRAGMA integrity_check").fetchone()[0]

        return reopened.db.submit_read(check).result()
    finally:
        reopened._close_sync()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_while_judging_loses_nothing(tmp_path, app_home):
    """Two processes at once, on two copies of a project. "wait": killed as soon as the last
    judgement is committed (a few milliseconds after its key) — every judgement is there. "now":
    killed in the same instant as the last key, while its write may still be under way — the
    project is intact and holds every earlier judgement (the last one whole or not at all)."""
    script = tmp_path / "judge_and_die.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FINETUNE_STUDIO_HOME": str(app_home),
           "PYTHONPATH": str(ROOT)}
    procs = {}
    for wait in ("wait", "now"):
        path = tmp_path / f"kill-{wait}.ftproj"
        make_project(path)
        procs[wait] = (path, subprocess.Popen([sys.executable, str(script), str(path), str(N), wait], env=env,
                                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for wait, (path, proc) in procs.items():
        out, err = proc.communicate(timeout=90)
        assert proc.returncode == -signal.SIGKILL, out + err
        pressed = dict(json.loads(line) for line in out.splitlines() if line.startswith("["))
        assert len(pressed) == N
        stored, integrity = stored_and_integrity(path)
        assert integrity == "ok"
        if wait == "wait":
            assert stored == pressed
        else:
            last = list(pressed)[-1]
            assert {c: v for c, v in stored.items() if c != last} == {c: v for c, v in pressed.items() if c != last}
            assert stored.get(last, pressed[last]) == pressed[last]
