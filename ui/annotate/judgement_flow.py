"""Recording judgements in a judging session: this annotator's verdict is applied to what the
session shows (list, counts, the "Last:" line) at once, and written in the background on the
project's writer thread, in the order the verdicts were made, each committed on its own. Once the
writes settle the counts are read back from the project, so they never drift from what is stored;
a write that fails shows the queue again as it is stored. Ctrl+Z takes the last judgement back.

``JudgementFlow`` is mixed into ``JudgingSession`` (``session.py``), whose state it uses.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlite_utils

from app.services import annotation_judging as judging
from app.services.annotation_judging import Item
from app.store import annotation_repo
from ui.annotate.judge_panel import verdict_words

if TYPE_CHECKING:
    from ui.annotate.items_list import ItemsListWidget
    from ui.annotate.judge_panel import JudgePanel
    from ui.app_context import AppContext
    from ui.tasks import TaskScope


def read_counts(db: sqlite_utils.Database, queue_id: int, annotator: str) -> tuple[int, int, int, int]:
    """(total, decided by anyone, decided by ``annotator``, skipped by ``annotator``)."""
    p = judging.progress(db, queue_id, annotator)
    info = next((q for q in annotation_repo.list_queues(db) if q.id == queue_id), None)
    return p.total, info.judged if info else 0, p.judged, p.skipped


@dataclass
class Undo:
    """A judgement that Ctrl+Z can take back: the item as it was shown, the pending write (its
    result holds the judgement it replaced) and the local state before it."""

    item: Item
    write: Awaitable[Any]
    verdict: str
    side: str | None
    before: tuple[Any, ...]
    deltas: tuple[int, int, int]
    note: str


class JudgementFlow:
    """The session's judging, writing and undo steps (mixed into ``JudgingSession``)."""

    ctx: AppContext
    tasks: TaskScope
    panel: JudgePanel
    items: ItemsListWidget
    project: Any
    queue_id: int | None
    annotator: str
    reveal: bool
    writes: set[asyncio.Future[Any]]
    item: Item | None
    rewriting: Item | None
    undo_stack: list[Undo]
    last_text: str
    last_sources: str

    # --- writing --------------------------------------------------------------------------
    def _write(self, job: Callable[[sqlite_utils.Database], Any]) -> asyncio.Future[Any]:
        assert self.project is not None
        fut = asyncio.wrap_future(self.project.db.submit_write(job))
        self._track(fut)
        return fut

    def _track(self, fut: asyncio.Future[Any]) -> None:
        self.writes.add(fut)
        fut.add_done_callback(self._write_done)

    def _write_done(self, fut: asyncio.Future[Any]) -> None:
        self.writes.discard(fut)
        exc = None if fut.cancelled() else fut.exception()
        if exc is not None and self.tasks.alive:
            self.ctx.report_error(self.tr(
                "A judgement could not be saved, so the queue is shown again as it is stored. "
                "Judge the comparison once more."), exc)
            self._spawn(self.open_queue(self.queue_id, self.queue_name))
        elif not self.writes and self.tasks.alive and self.queue_id is not None:
            self._spawn(self._sync_counts())
        self._show_last()

    async def _sync_counts(self) -> None:
        project, queue = self.project, self.queue_id
        if project is None or queue is None:
            return
        counts = await project.db.read(read_counts, queue, self.annotator)
        if self.tasks.alive and not self.writes and queue == self.queue_id:
            self.total, self.done, self.my_count, self.skipped = counts
            self._update_progress()
            self.counts_changed.emit()

    async def flush(self) -> None:
        """Wait until every judgement made so far is stored."""
        while self.writes:
            await asyncio.gather(*list(self.writes), return_exceptions=True)

    # --- judging --------------------------------------------------------------------------
    def _snapshot(self, cid: int) -> tuple[Any, ...]:
        return (self.mine.get(cid), self.sides.get(cid), self.notes.get(cid), self.rewrites.get(cid),
                self.items.model.all.get(cid))

    def _apply(self, cid: int, before: tuple[Any, ...]) -> None:
        for store, value in zip((self.mine, self.sides, self.notes, self.rewrites), before[:4], strict=True):
            if value is None:
                store.pop(cid, None)
            else:
                store[cid] = value
        if before[0] is None:
            self.items.model.remove(cid)
        else:
            self.items.model.upsert(before[4])

    def _count(self, cid: int, old: str | None, new: str | None) -> tuple[int, int, int]:
        """How the done / mine / skipped counts move when this annotator's verdict goes old -> new."""
        def decided(v: str | None) -> bool:
            return v is not None and v != "skip"
        others = self.others.get(cid, False)
        done = int(others or decided(new)) - int(others or decided(old))
        return done, int(decided(new)) - int(decided(old)), int(new == "skip") - int(old == "skip")

    def _move_counts(self, deltas: tuple[int, int, int], sign: int = 1) -> None:
        self.done += sign * deltas[0]
        self.my_count += sign * deltas[1]
        self.skipped += sign * deltas[2]
        self.counts_changed.emit()

    def _record(self, item: Item, write: Awaitable[Any], verdict: str, side: str | None, note: str,
                rewrite: str | None) -> None:
        cid = item.comparison.id
        before = self._snapshot(cid)
        deltas = self._count(cid, before[0], verdict)
        self.undo_stack.append(Undo(item, write, verdict, side, before, deltas, note))
        self.mine[cid], self.sides[cid], self.notes[cid] = verdict, side, note
        if rewrite:
            self.rewrites[cid] = rewrite
        else:
            self.rewrites.pop(cid, None)
        preview = judging.short_preview(judging.last_user_text(item.comparison.context))
        self.items.model.upsert((cid, item.comparison.position, verdict, preview, bool(rewrite), side))
        self._move_counts(deltas)
        words = verdict_words(verdict, side) + (self.tr(" · rewritten") if rewrite else "")
        self.last_text = self.tr("Last: #{pos} {words}").format(pos=item.comparison.position + 1, words=words)
        self.last_sources = "" if verdict == "skip" else self.tr(" · A was {a}, B was {b}").format(
            a=item.left.model or self.tr("(not recorded)"), b=item.right.model or self.tr("(not recorded)"))
        self._show_last()

    def _show_last(self) -> None:
        state = self.tr("saving…") if self.writes else self.tr("✓ saved")
        sources = self.last_sources if self.reveal else ""
        self.panel.last.setText(f"{self.last_text}{sources} · {state}" if self.last_text else "")

    def judge(self, verdict: str, side: str) -> None:
        """Record this annotator's verdict on the comparison on screen and show the next one."""
        item = self.item
        if item is None or self.rewriting is not None or self.project is None or self.project is not self.ctx.project:
            return
        cid, who, note = item.comparison.id, self.annotator, self.panel.note.text().strip()
        side_or_none = side or None
        keep = self.rewrites.get(cid) if (self.mine.get(cid), self.sides.get(cid)) == (verdict, side_or_none) else None
        write = self._write(lambda db: judging.judge(db, cid, who, verdict, side_or_none, rewrite=keep,
                                                     rationale=note))
        self._record(item, write, verdict, side_or_none, note, keep)
        self._advance(cid)

    def undo(self) -> None:
        """Take back the last judgement of this session and show its comparison again."""
        if self.rewriting is not None:
            return
        if not self.undo_stack:
            self.panel.last.setText(self.tr("Nothing to undo."))
            return
        entry = self.undo_stack.pop()
        cid, who = entry.item.comparison.id, self.annotator

        async def put_back() -> None:
            try:
                result = await entry.write
            except Exception:  # noqa: BLE001 - the judgement was never stored: nothing to put back
                return
            previous = result[0] if isinstance(result, tuple) else result
            await self._write(lambda db: judging.restore(db, cid, who, previous))

        task = asyncio.ensure_future(put_back())
        self._track(task)
        self._apply(cid, entry.before)
        self._move_counts(entry.deltas, -1)
        self.notes[cid] = entry.note  # what was typed is not lost
        self.last_text = self.tr("Undone: #{pos}").format(pos=entry.item.comparison.position + 1)
        self.last_sources = ""
        self._show(entry.item)
        self._show_last()
