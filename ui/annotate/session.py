"""The judging session of one queue: what is on screen, the next comparison loaded ahead (so a key
switches to it at once), judgements written in the background on the project's writer thread (in
the order they were made, each committed on its own), and undo.

The counts and the list update at once from what the session knows; after the writes settle they
are read back from the project, so they never drift from what is stored.

This module opens a queue, shows a comparison and moves on to the next (loaded ahead); recording
a verdict, the background writes and undo are in ``judgement_flow``, rewriting an answer in ``rewrite``.
"""

from __future__ import annotations

import asyncio
from typing import Any

import sqlite_utils
from PySide6.QtCore import QObject, Signal

from app.formats.word_diff import word_diff
from app.runtime.threads import run_blocking
from app.services import annotation_judging as judging
from app.services.annotation_judging import Item
from app.store import annotation_repo
from ui.annotate.conversation_view import message_text, runs_to_ranges
from ui.annotate.items_list import ItemsListWidget
from ui.annotate.judge_panel import JudgePanel
from ui.annotate.judgement_flow import JudgementFlow, Undo, read_counts
from ui.annotate.rewrite import RewriteFlow
from ui.app_context import AppContext
from ui.tasks import TaskScope


def diff_ranges(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The changed character ranges of both answers (run on a worker thread)."""
    left, right = word_diff(a, b)
    return runs_to_ranges(left), runs_to_ranges(right)


class JudgingSession(JudgementFlow, RewriteFlow, QObject):
    """Drives ``panel`` and ``items`` for one queue at a time (see module docstring)."""

    counts_changed = Signal()

    def __init__(self, ctx: AppContext, tasks: TaskScope, panel: JudgePanel, items: ItemsListWidget,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks, self.panel, self.items = ctx, tasks, panel, items
        self.queue_id: int | None = None
        self.queue_name = ""
        self.project: Any = None  # the project the queue belongs to (writes go nowhere else)
        self.annotator = ""
        self.diff = self.reveal = False
        self.writes: set[asyncio.Future[Any]] = set()
        self.sft_choice: Any = None
        self._busy: set[asyncio.Task[Any]] = set()
        self._reset()
        panel.verdict_chosen.connect(self.judge)
        panel.undo_requested.connect(self.undo)
        panel.rewrite_requested.connect(self.request_rewrite)
        panel.rewrite.saved.connect(self._rewrite_saved)
        panel.rewrite.cancelled.connect(self._rewrite_cancelled)
        panel.diff_toggled.connect(self.set_diff)
        panel.reveal_toggled.connect(self.set_reveal)
        items.item_activated.connect(lambda cid: self._spawn(self.jump_to(cid)))

    def _spawn(self, coro: Any) -> asyncio.Task[Any]:
        task = self.tasks.spawn(coro)
        self._busy.add(task)
        task.add_done_callback(self._busy.discard)
        return task

    def _reset(self) -> None:
        self.order: list[int] = []
        self.mine: dict[int, str] = {}  # comparison id -> this annotator's verdict
        self.sides: dict[int, str | None] = {}
        self.notes: dict[int, str] = {}
        self.rewrites: dict[int, str] = {}
        self.others: dict[int, bool] = {}  # decided by another annotator (for the "done" count)
        self.total = self.done = self.my_count = self.skipped = 0
        self.item: Item | None = None
        self.ahead: tuple[int, asyncio.Task[Item]] | None = None
        self.diffs: dict[int, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
        self.undo_stack: list[Undo] = []
        self.rewriting: Item | None = None
        self.return_to: Item | None = None
        self.last_text = self.last_sources = ""

    # --- opening a queue ------------------------------------------------------------------
    async def open_queue(self, queue_id: int | None, name: str = "") -> None:
        """Show the first comparison this annotator has not judged (after pending writes land)."""
        await self.flush()
        project = self.ctx.project
        if self.ahead is not None:
            self.ahead[1].cancel()
        self._reset()
        self.queue_id, self.queue_name, self.project = queue_id, name, project
        self.annotator = self.ctx.settings.annotator_name
        self.items.model.set_rows([])
        if queue_id is None or project is None:
            self.panel.show_message(self.tr("Choose a queue to judge."))
            return
        self.panel.show_message(self.tr("Opening “{queue}”…").format(queue=name))
        state = await project.db.read(self._read_queue, queue_id, self.annotator)
        if not self.tasks.alive or queue_id != self.queue_id:
            return
        self.order, rows, counts, first = state
        self.total, self.done, self.my_count, self.skipped = counts
        self.mine = {r[0]: r[2] for r in rows}
        self.sides = {r[0]: r[5] for r in rows}
        self.items.model.set_rows(rows)
        self.counts_changed.emit()
        if first is None:
            self._show_done()
        else:
            self._show(first)

    @staticmethod
    def _read_queue(db: sqlite_utils.Database, queue_id: int, annotator: str) -> tuple[Any, ...]:
        order = annotation_repo.queue_items(db, queue_id)
        rewritten = {r[0] for r in judging.judged_list(db, queue_id, annotator, "rewrite")}
        # Which side won each of this annotator's wins, for the list ("✓ B better").
        sides = dict(db.conn.execute(
            "SELECT j.comparison_id, CASE j.winner_slot WHEN j.left_slot THEN 'left' WHEN j.right_slot THEN 'right'"
            " END FROM judgements j JOIN comparisons c ON c.id = j.comparison_id"
            " WHERE c.queue_id = ? AND j.annotator = ? AND j.verdict = 'win'", (queue_id, annotator.strip())))
        rows = [(*r, r[0] in rewritten, sides.get(r[0])) for r in judging.judged_list(db, queue_id, annotator)]
        first = judging.next_unjudged(db, queue_id, annotator)
        item = judging.load_item(db, first, annotator) if first is not None else None
        return order, rows, read_counts(db, queue_id, annotator), item

    # --- showing --------------------------------------------------------------------------
    def _show(self, item: Item, *, prefetch: bool = True) -> None:
        self.item = item
        cid = item.comparison.id
        if item.mine is not None and self.mine.get(cid) == item.mine.verdict:
            # A judgement stored before this session: take its note and rewrite (what this session
            # did itself is already known and wins).
            if item.mine.verdict == "win":
                self.sides.setdefault(cid, self._side_of(item, item.mine.winner_slot))
            self.notes.setdefault(cid, item.mine.rationale)
            if item.mine.rewrite:
                self.rewrites.setdefault(cid, item.mine.rewrite)
        self.others[cid] = any(j.annotator != self.annotator and j.verdict != "skip"
                               for j in item.comparison.judgements)
        p = self.panel
        p.show_judging()
        p.context.set_messages(item.comparison.context)
        self._render_answers()
        self._show_verdict()
        p.note.setText(self.notes.get(cid, ""))
        self.items.select(cid)
        self._update_progress()
        if prefetch:
            self._prefetch(self._next_after(cid))

    @staticmethod
    def _side_of(item: Item, slot: int | None) -> str | None:
        return "left" if slot == item.left.slot else "right" if slot == item.right.slot else None

    def _render_answers(self) -> None:
        item = self.item
        if item is None:
            return
        lt, rt = message_text(item.left.content), message_text(item.right.content)
        ranges = self.diffs.get(item.comparison.id) if self.diff else None
        self.panel.left.set_answer(lt, ranges[0] if ranges else ())
        self.panel.right.set_answer(rt, ranges[1] if ranges else ())
        if self.diff and ranges is None:
            self._spawn(self._diff_current(item.comparison.id, lt, rt))

    async def _diff_current(self, cid: int, lt: str, rt: str) -> None:
        self.diffs[cid] = await run_blocking(diff_ranges, lt, rt)
        if self.tasks.alive and self.item is not None and self.item.comparison.id == cid and self.diff:
            self._render_answers()

    def _show_verdict(self) -> None:
        item = self.item
        if item is not None:
            cid = item.comparison.id
            self.panel.show_verdict(self.mine.get(cid), self.sides.get(cid), cid in self.rewrites, self.reveal,
                                    item.left.model, item.right.model)

    def _update_progress(self) -> None:
        position = self.tr("Comparison #{n} · ").format(n=self.item.comparison.position + 1) if self.item else ""
        text = self.tr("{pos}Done {done} / {total} (you: {mine})").format(
            pos=position, done=self.done, total=self.total, mine=self.my_count)
        if self.skipped:
            text += self.tr(" · %Ln skipped", None, self.skipped)
        self.panel.progress.setText(text)

    def _show_done(self) -> None:
        self.item = None
        self._update_progress()
        self.panel.show_done(self.queue_name, len(self.order), self.skipped)

    # --- moving on ------------------------------------------------------------------------
    def _next_after(self, cid: int | None) -> int | None:
        """The next comparison (queue order, wrapping) this annotator has not judged, not ``cid``."""
        n = len(self.order)
        start = self.order.index(cid) + 1 if cid in self.order else 0
        for k in range(n):
            c = self.order[(start + k) % n]
            if c != cid and c not in self.mine:
                return c
        return None

    def _prefetch(self, cid: int | None) -> None:
        if cid is None or (self.ahead is not None and self.ahead[0] == cid):
            return
        self.ahead = (cid, self._spawn(self._load(cid)))

    async def _load(self, cid: int) -> Item:
        project = self.project
        assert project is not None
        item = await project.db.read(judging.load_item, cid, self.annotator)
        if self.diff and cid not in self.diffs:
            self.diffs[cid] = await run_blocking(
                diff_ranges, message_text(item.left.content), message_text(item.right.content))
        return item

    def _advance(self, after: int) -> None:
        nxt = self._next_after(after)
        if nxt is None:
            self._show_done()
            return
        ahead = self.ahead[1] if self.ahead is not None and self.ahead[0] == nxt else None
        if ahead is not None and ahead.done() and not ahead.cancelled() and ahead.exception() is None:
            self._show(ahead.result())  # loaded ahead: no visible delay
            return
        self.item = None
        self.panel.show_message(self.tr("Loading the next comparison…"))
        self._spawn(self._show_when_loaded(nxt))

    async def _show_when_loaded(self, cid: int) -> None:
        self._prefetch(cid)
        assert self.ahead is not None
        item = await self.ahead[1]
        if self.tasks.alive and self.item is None and self.rewriting is None and cid not in self.mine:
            self._show(item)

    async def jump_to(self, cid: int) -> None:
        """Show a comparison again (from the list) to look at it or judge it anew."""
        if self.rewriting is not None:
            self._rewrite_cancelled()
        await self.flush()
        project = self.project
        if project is None:
            return
        item = await project.db.read(judging.load_item, cid, self.annotator)
        if self.tasks.alive:
            self._show(item)
            self.panel.setFocus()

    # --- closing: forget the project, wait for the work in flight ---------------------------
    def forget(self) -> None:
        """The project is closing or changing: show nothing, so no key can judge into another
        project (writes already handed over are finished by the closing project)."""
        if self.ahead is not None:
            self.ahead[1].cancel()
        self._reset()
        self.project = self.queue_id = None
        self.items.model.set_rows([])
        self.panel.show_message(self.tr("Opening the project…"))

    async def idle(self) -> None:
        """Wait for the writes, the count refresh and the item loaded ahead (tests, shutdown)."""
        await self.flush()
        me = asyncio.current_task()
        while self.writes or any(not t.done() for t in self._busy if t is not me):
            await asyncio.sleep(0.01)

    # --- toggles --------------------------------------------------------------------------
    def set_diff(self, on: bool) -> None:
        """Highlight the words that differ between the answers (D)."""
        self.diff = on
        self._render_answers()

    def set_reveal(self, on: bool) -> None:
        """Show the source models of judged comparisons (R); never before the judgement."""
        self.reveal = on
        self._show_verdict()
        self._show_last()
