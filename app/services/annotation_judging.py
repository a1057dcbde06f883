"""Judging an annotation queue: which answer is shown on which side, recording a judgement (and
undoing it), finding the next item to judge, and the annotator's progress.

Plain ``fn(db, …)`` functions for the project's writer (judge, restore) and reader threads (the
rest). Every judgement is committed as it is made (``annotation_repo.add_judgement``), so killing
the app loses nothing.

Blindness: which two candidates are shown, and on which side, is drawn per comparison from the
queue's stored seed and the comparison's uid (both the same in every copy of the project file),
so an item looks the same after a restart, on a colleague's copy, and for every annotator — and
the left/right choice carries no information about the source model.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

import orjson
import sqlite_utils

from app.formats.text import content_text
from app.i18n import _
from app.store import annotation_repo as repo
from app.store.annotation_repo import Candidate, Comparison, Judgement
from app.store.tx import transaction

SIDES = ("left", "right")
PREVIEW_CHARS = 120


@contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A transaction of its own, or the caller's when one is already open."""
    with nullcontext(conn) if conn.in_transaction else transaction(conn):
        yield conn


def display_slots(seed: int, uid: str, slots: list[int]) -> tuple[int, int]:
    """The two candidate slots shown for a comparison, as ``(left, right)``.

    Drawn from a SHA-256 of the queue's ``seed`` and the comparison's ``uid`` (never Python's
    ``hash`` or ``random``, whose results may change between runs or versions): the same inputs
    give the same pair on every machine and after every restart, and over many items each
    ordering is equally likely. ``slots`` are the comparison's candidate slots (2 or more).
    """
    ordered = sorted(set(slots))
    if len(ordered) < 2:
        raise ValueError(_("A comparison needs at least two answers."))
    digest = hashlib.sha256(f"{seed}:{uid}".encode()).digest()
    n = len(ordered)
    first = int.from_bytes(digest[:8], "big") % n
    second = int.from_bytes(digest[8:16], "big") % (n - 1)
    if second >= first:  # pick among the others, uniformly
        second += 1
    return ordered[first], ordered[second]


@dataclass(frozen=True)
class Item:
    """A comparison ready to show: the answers on the left and right, and this annotator's
    judgement of it (None when they have not judged it yet)."""

    comparison: Comparison
    left: Candidate
    right: Candidate
    mine: Judgement | None


def _mine(comp: Comparison, annotator: str) -> Judgement | None:
    name = annotator.strip()
    return next((j for j in comp.judgements if j.annotator == name), None)


def _shown(db: sqlite_utils.Database, comp: Comparison, mine: Judgement | None) -> tuple[int, int]:
    """The slots shown left and right: as the annotator saw them when they judged, else drawn."""
    if mine is not None:
        return mine.left_slot, mine.right_slot
    return display_slots(repo.queue_seed(db, comp.queue_id), comp.uid, [c.slot for c in comp.candidates])


def _comparison(db: sqlite_utils.Database, comparison_id: int) -> Comparison:
    comp = repo.comparison(db, comparison_id)
    if comp is None:
        raise LookupError(f"there is no comparison {comparison_id}")
    return comp


def load_item(db: sqlite_utils.Database, comparison_id: int, annotator: str) -> Item:
    """The comparison with its two shown answers and ``annotator``'s judgement (``LookupError``
    when it is gone)."""
    comp = _comparison(db, comparison_id)
    mine = _mine(comp, annotator)
    left, right = _shown(db, comp, mine)
    by_slot = {c.slot: c for c in comp.candidates}
    return Item(comp, by_slot[left], by_slot[right], mine)


def next_unjudged(
    db: sqlite_utils.Database,
    queue_id: int,
    annotator: str,
    after: int | None = None,
    *,
    include_skipped: bool = False,
) -> int | None:
    """The first comparison of the queue (in queue order, after ``after``, wrapping round to the
    start) that ``annotator`` has not judged; None when there is none.

    A skipped item counts as dealt with (so skipping moves on and does not bring the same item
    back at once); ``include_skipped=True`` treats skipped items as still to judge, for a second
    pass over them. ``after`` itself comes last, when it is the only one left.
    """
    skip_clause = " AND j.verdict != 'skip'" if include_skipped else ""
    base = (
        "SELECT c.id FROM comparisons c WHERE c.queue_id = ? AND NOT EXISTS (SELECT 1 FROM judgements j"
        f" WHERE j.comparison_id = c.id AND j.annotator = ?{skip_clause})"
    )
    name = annotator.strip()
    conn = db.conn
    if after is not None:
        found = conn.execute("SELECT position, id FROM comparisons WHERE id = ? AND queue_id = ?", (after, queue_id))
        here = found.fetchone()
        if here is not None:
            row = conn.execute(
                f"{base} AND (c.position, c.id) > (?, ?) ORDER BY c.position, c.id LIMIT 1",
                (queue_id, name, here[0], here[1]),
            ).fetchone()
            if row is not None:
                return row[0]
    row = conn.execute(f"{base} ORDER BY c.position, c.id LIMIT 1", (queue_id, name)).fetchone()
    return row[0] if row else None


def _clean_rewrite(rewrite: str | None) -> str | None:
    return rewrite if rewrite is not None and rewrite.strip() else None


def judge(
    db: sqlite_utils.Database,
    comparison_id: int,
    annotator: str,
    verdict: str,
    side: str | None = None,
    *,
    rewrite: str | None = None,
    rationale: str = "",
) -> Judgement | None:
    """Record ``annotator``'s judgement of a comparison as shown to them; returns the judgement it
    replaced (for undo with :func:`restore`), or None when there was none.

    ``verdict``: "win" (``side`` "left" or "right" says which answer is better), "tie",
    "both_bad" or "skip". ``rewrite`` is the annotator's own better answer (plain text; blank
    counts as none): with a win it replaces the winner as the preferred answer; with "both_bad"
    ``side`` must say which of the two weak answers was rewritten (it becomes the non-preferred
    one on export and is stored as the judgement's ``winner_slot``). ``ValueError`` for anything
    inconsistent (nothing is stored then); ``LookupError`` when the comparison is gone.
    """
    if side is not None and side not in SIDES:
        raise ValueError(f"Unknown side {side!r}; expected 'left' or 'right'.")
    rewrite = _clean_rewrite(rewrite)
    if verdict == "win" and side is None:
        raise ValueError(_("Say which answer is better: the left or the right one."))
    if verdict == "both_bad" and rewrite is not None and side is None:
        raise ValueError(_("Say which of the two answers was rewritten: the left or the right one."))
    conn = db.conn
    with atomic(conn):
        comp = _comparison(db, comparison_id)
        previous = _mine(comp, annotator)
        left, right = _shown(db, comp, previous)
        chosen = None if side is None else (left if side == "left" else right)
        winner = chosen if verdict == "win" else None
        new_id = repo.add_judgement(db, comparison_id, annotator, verdict, left, right, winner, rewrite, rationale)
        if verdict == "both_bad" and rewrite is not None:
            # add_judgement only accepts a winner for a win; the rewritten weak answer is stored in
            # the same column so export knows which answer the rewrite improves on.
            conn.execute("UPDATE judgements SET winner_slot = ? WHERE id = ?", (chosen, new_id))
    return previous


def restore(db: sqlite_utils.Database, comparison_id: int, annotator: str, previous: Judgement | None) -> None:
    """Undo :func:`judge`: put back exactly the judgement it replaced (same id where still free,
    same uid and time, so merged copies still match it), or none at all."""
    name = annotator.strip()
    conn = db.conn
    with atomic(conn):
        conn.execute("DELETE FROM judgements WHERE comparison_id = ? AND annotator = ?", (comparison_id, name))
        if previous is None:
            return
        taken = conn.execute("SELECT 1 FROM judgements WHERE id = ?", (previous.id,)).fetchone()
        conn.execute(
            "INSERT INTO judgements (id, uid, comparison_id, annotator, verdict, left_slot, right_slot, winner_slot,"
            " rewrite, rationale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                None if taken else previous.id,
                previous.uid,
                comparison_id,
                name,
                previous.verdict,
                previous.left_slot,
                previous.right_slot,
                previous.winner_slot,
                previous.rewrite,
                previous.rationale,
                previous.created_at,
            ),
        )


@dataclass(frozen=True)
class Progress:
    """How far a queue is judged: its size, how many this annotator has decided (skips not
    counted), the decided count of every annotator, and how many this annotator skipped."""

    total: int
    judged: int
    by_annotator: dict[str, int]
    skipped: int = 0


def progress(db: sqlite_utils.Database, queue_id: int, annotator: str) -> Progress:
    """The queue's progress for ``annotator`` and everyone else."""
    conn = db.conn
    total = conn.execute("SELECT COUNT(*) FROM comparisons WHERE queue_id = ?", (queue_id,)).fetchone()[0]
    by_annotator: dict[str, int] = {}
    skipped: dict[str, int] = {}
    rows = conn.execute(
        "SELECT j.annotator, j.verdict = 'skip', COUNT(*) FROM judgements j JOIN comparisons c"
        " ON c.id = j.comparison_id WHERE c.queue_id = ? GROUP BY j.annotator, j.verdict = 'skip'"
        " ORDER BY j.annotator",
        (queue_id,),
    )
    for name, is_skip, count in rows:
        by_annotator.setdefault(name, 0)
        if is_skip:
            skipped[name] = count
        else:
            by_annotator[name] = count
    name = annotator.strip()
    return Progress(total, by_annotator.get(name, 0), by_annotator, skipped.get(name, 0))



def context_messages(text: str | None) -> list[dict[str, Any]]:
    """The messages of a stored comparison context (``{"messages": [...]}``); [] when unreadable."""
    try:
        value = orjson.loads(text or "null")
    except orjson.JSONDecodeError:
        return []
    messages = value.get("messages") if isinstance(value, dict) else None
    return messages if isinstance(messages, list) else []


def last_user_text(context: list[dict[str, Any]]) -> str:
    """The text of the last user message of a conversation ("" when there is none)."""
    for message in reversed(context):
        if isinstance(message, dict) and message.get("role") == "user":
            return content_text(message.get("content"))
    return ""


def short_preview(text: str, limit: int = PREVIEW_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def judged_list(
    db: sqlite_utils.Database, queue_id: int, annotator: str, verdict: str | None = None
) -> list[tuple[int, int, str, str]]:
    """``annotator``'s judged items of the queue in queue order, as ``(comparison id, position,
    verdict, preview of the last user message)``, for jumping back.

    ``verdict`` filters: one of the verdicts ("win", "tie", "both_bad", "skip"), or "rewrite"
    for the items they rewrote; None lists all (skips included).
    """
    sql = (
        "SELECT c.id, c.position, j.verdict, c.context FROM judgements j JOIN comparisons c ON c.id = j.comparison_id"
        " WHERE c.queue_id = ? AND j.annotator = ?"
    )
    args: list[Any] = [queue_id, annotator.strip()]
    if verdict == "rewrite":
        sql += " AND j.rewrite IS NOT NULL AND j.rewrite != ''"
    elif verdict is not None:
        if verdict not in repo.VERDICTS:
            raise ValueError(f"Unknown verdict {verdict!r}.")
        sql += " AND j.verdict = ?"
        args.append(verdict)
    out = []
    for cid, position, kind, context in db.conn.execute(sql + " ORDER BY c.position, c.id", args):
        out.append((cid, position, kind, short_preview(last_user_text(context_messages(context)))))
    return out
