"""Helpers for the Annotate view tests: a queue of comparisons in a project, and key presses."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.store import annotation_repo
from app.store.annotation_repo import CandidateIn

MODELS = ("lease-model-x", "lease-model-y")


def context(i: int) -> list[dict]:
    return [
        {"role": "system", "content": "You are a careful clerk."},
        {"role": "user", "content": f"Question {i}: who pays for repairs under clause {i}?"},
    ]


STYLE = {MODELS[0]: "the tenant pays the small repairs", MODELS[1]: "the landlord pays every repair"}


def answer(i: int, model: str) -> str:
    """Model ``model``'s answer to question ``i`` (its wording tells the models apart, never its name)."""
    return f"Answer {i}: {STYLE[model]} under clause {i}."


def fill_queue(db, n: int = 20, name: str = "Leases", seed: int = 7, models=MODELS) -> int:
    """A queue of ``n`` comparisons, candidate 0 from models[0], candidate 1 from models[1]."""
    queue = annotation_repo.create_queue(db, name, seed=seed)
    for i in range(n):
        annotation_repo.add_comparison(
            db, queue, context(i),
            [CandidateIn({"role": "assistant", "content": answer(i, m)}, m) for m in models], "test")
    return queue


def make_queue(project, **kw) -> int:
    return project.db.submit_write(lambda db: fill_queue(db, **kw)).result()


def key(k: Qt.Key | str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key on whatever widget has the keyboard focus (as a user would)."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    if isinstance(k, str):
        QTest.keyClicks(target, k, modifier)
    else:
        QTest.keyClick(target, k, modifier)


async def settle(view) -> None:
    """Let pending writes, the count refresh and the item loaded ahead finish."""
    await view.session.idle()
    await asyncio.sleep(0)
