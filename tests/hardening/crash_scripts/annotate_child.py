"""An annotation session in the real Annotate view (offscreen Qt), each judgement reported once committed.

    python annotate_child.py PROJECT SEED

Extends ``tests/ui/test_annotate_crash.py`` (which kills the app right after its last key): here
the parent kills at a random moment in the middle of a session that also takes judgements back
(Ctrl+Z). Keys go to the focused widget as a fast annotator types them, without waiting for the
previous judgement to be stored. Lines printed:

    {"submit": SEQ, "cid": COMPARISON, "value": VERDICT|null}   before the key (null: undone, no judgement)
    {"commit": SEQ}                                              once that write is committed
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ANNOTATOR = "crash test"


def say(obj: dict[str, Any]) -> None:
    print(json.dumps(obj), flush=True)


async def until(predicate: Any, timeout: float = 10.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            say({"error": f"timed out waiting for {what}"})
            raise SystemExit(3)
        await asyncio.sleep(0.003)


async def main(path: str, seed: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.paths import app_dirs
    from ui.annotate.view import AnnotateView
    from ui.app_context import AppContext

    keys = [(Qt.Key.Key_1, "win"), (Qt.Key.Key_2, "win"), (Qt.Key.Key_3, "tie"), (Qt.Key.Key_4, "both_bad"),
            (Qt.Key.Key_Left, "win"), (Qt.Key.Key_Right, "win"), (Qt.Key.Key_Space, "skip")]
    rng = random.Random(seed)
    ctx = AppContext(app_dirs().ensure())
    await ctx.load_settings()
    ctx.settings.annotator = ANNOTATOR
    await ctx.open_project(Path(path))
    view = AnnotateView(ctx)
    view.resize(1280, 800)
    view.show()
    view.activateWindow()
    session = view.session
    await until(lambda: session.item is not None, what="first comparison")
    mine: dict[int, str | None] = {}  # this annotator's verdict per comparison, as the session should store it
    history: list[tuple[int, str | None]] = []  # (comparison, verdict before) per judgement, for undo
    seq = 0
    say({"ready": True})

    def report_commit(n: int, fut: Any) -> None:
        if fut.cancelled() or fut.exception() is not None:
            say({"error": f"write {n} failed: {None if fut.cancelled() else fut.exception()}"})
        else:
            say({"commit": n})

    for _ in range(300):
        if history and rng.random() < 0.15:  # take the last judgement back
            cid, before = history.pop()
            seq += 1
            say({"submit": seq, "cid": cid, "value": before})
            writes = set(session.writes)
            view.panel.setFocus()
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            new = set(session.writes) - writes
            if len(new) != 1:
                say({"error": "undo started no write"})
                raise SystemExit(3)
            mine[cid] = before
            new.pop().add_done_callback(lambda f, n=seq: report_commit(n, f))
            await until(lambda c=cid: session.item is not None and session.item.comparison.id == c, what="undone")
            continue
        # Wait only for the comparison loaded ahead, as a fast annotator would.
        await until(lambda: session.item is not None and session.ahead is not None and session.ahead[1].done(),
                    what="next comparison")
        cid = session.item.comparison.id
        key, verdict = rng.choice(keys)
        seq += 1
        say({"submit": seq, "cid": cid, "value": verdict})
        view.panel.setFocus()
        depth = len(session.undo_stack)
        QTest.keyClick(QApplication.focusWidget(), key)
        if len(session.undo_stack) != depth + 1:
            say({"error": "the key recorded no judgement"})
            raise SystemExit(3)
        history.append((cid, mine.get(cid)))
        mine[cid] = verdict
        session.undo_stack[-1].write.add_done_callback(lambda f, n=seq: report_commit(n, f))
    say({"finished": True})
    await asyncio.sleep(120)


if __name__ == "__main__":
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    loop.run_until_complete(main(sys.argv[1], int(sys.argv[2])))
