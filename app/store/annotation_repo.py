"""Annotation queues: named sets of comparisons (a conversation so far and 2+ candidate answers with
their hidden sources) and the judgements annotators make on them.

The Playground and batch runs fill queues; the annotator (issue 7) judges them. Plain functions
taking the database first; each write commits all of its statements at once — or joins the
caller's transaction when one is open, so a caller can combine several of them atomically.

Stored forms (see the v6 migration): a comparison's ``context`` is ``{"messages": [...]}`` (system
and conversation so far, ending with the user message); a candidate's ``content`` is the JSON of
an assistant message and ``params`` the JSON of its sampling parameters ("" when none); a
judgement names which candidate slots were shown left and right and, for a win, the winner's slot.
``uid`` columns are random ids that are the same in every copy of the project file.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

import orjson
import sqlite_utils

from app.i18n import _
from app.store.tx import transaction

VERDICTS = ("win", "tie", "both_bad", "skip")


def now() -> str:
    """A UTC ISO-8601 timestamp with microseconds (judgements and queue changes made within the same
    millisecond keep their order; "most recently changed first" depends on it)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def new_uid() -> str:
    """A random id that stays the same in every copy of the project file."""
    return uuid.uuid4().hex


@contextmanager
def _atomic(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A transaction of its own, or the caller's when one is already open."""
    with nullcontext(conn) if conn.in_transaction else transaction(conn):
        yield conn


# --- data ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueInfo:
    """A queue as a list shows it: how many comparisons it holds and how many are judged (by anyone;
    a skip does not count as judged)."""

    id: int
    name: str
    items: int
    judged: int


@dataclass(frozen=True)
class CandidateIn:
    """A candidate answer to store: the assistant message (``{"role": "assistant", "content": …}``),
    the model id or label it came from and the profile it was called through (both hidden from the
    judge), and the sampling parameters used (``ChatParams.to_dict()``), if any."""

    content: dict[str, Any]
    model: str = ""
    profile_id: str = ""
    params: dict[str, Any] | None = None


@dataclass(frozen=True)
class Candidate:
    """A stored candidate of a comparison; ``slot`` is its number within the comparison (0, 1, …)."""

    slot: int
    content: dict[str, Any]
    model: str
    profile_id: str
    params: dict[str, Any] | None


@dataclass(frozen=True)
class Judgement:
    """One annotator's judgement of a comparison (see the module docstring for the slots)."""

    id: int
    uid: str
    annotator: str
    verdict: str
    left_slot: int
    right_slot: int
    winner_slot: int | None
    rewrite: str | None
    rationale: str
    created_at: str


@dataclass(frozen=True)
class Comparison:
    """A comparison with everything needed to show and judge it: the conversation so far
    (``context``: messages, ending with the user message), its candidates by slot, and every
    annotator's judgement of it (oldest first)."""

    id: int
    uid: str
    queue_id: int
    position: int
    context: list[dict[str, Any]]
    source: str
    created_at: str
    candidates: list[Candidate]
    judgements: list[Judgement]


def _json(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")


def _loads(text: str | None) -> Any:
    if not text:
        return None
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return None


# --- queues --------------------------------------------------------------------------------------


def create_queue(db: sqlite_utils.Database, name: str, seed: int | None = None) -> int:
    """Create an empty queue; returns its id.

    ``seed`` drives the queue's left/right randomisation (stored so it is stable across restarts);
    a random one is chosen when none is given. ``ValueError`` when the name is blank or taken.
    """
    name = name.strip()
    if not name:
        raise ValueError(_("A queue needs a name."))
    if seed is None:
        seed = secrets.randbelow(2**31)
    stamp = now()
    try:
        cur = db.conn.execute(
            "INSERT INTO annotation_queues (uid, name, seed, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (new_uid(), name, seed, stamp, stamp),
        )
    except sqlite3.IntegrityError as exc:
        raise ValueError(_("There is already a queue named “{name}”.").format(name=name)) from exc
    return int(cur.lastrowid)


def queue_by_name(db: sqlite_utils.Database, name: str) -> int | None:
    """The id of the queue called ``name`` (surrounding spaces ignored), or None."""
    row = db.conn.execute("SELECT id FROM annotation_queues WHERE name = ?", (name.strip(),)).fetchone()
    return row[0] if row else None


def queue_seed(db: sqlite_utils.Database, queue_id: int) -> int:
    """The queue's randomisation seed (``LookupError`` when there is no such queue)."""
    row = db.conn.execute("SELECT seed FROM annotation_queues WHERE id = ?", (queue_id,)).fetchone()
    if row is None:
        raise LookupError(f"there is no annotation queue {queue_id}")
    return row[0]


def list_queues(db: sqlite_utils.Database) -> list[QueueInfo]:
    """Every queue with its counts, the most recently changed first."""
    rows = db.conn.execute(
        """
        SELECT q.id, q.name,
               (SELECT COUNT(*) FROM comparisons c WHERE c.queue_id = q.id),
               (SELECT COUNT(DISTINCT c.id) FROM comparisons c JOIN judgements j ON j.comparison_id = c.id
                 WHERE c.queue_id = q.id AND j.verdict != 'skip')
        FROM annotation_queues q ORDER BY q.updated_at DESC, q.id DESC
        """
    )
    return [QueueInfo(*r) for r in rows]


def _touch_queue(conn: sqlite3.Connection, queue_id: int) -> None:
    conn.execute("UPDATE annotation_queues SET updated_at = ? WHERE id = ?", (now(), queue_id))


# --- comparisons ---------------------------------------------------------------------------------


def add_comparison(
    db: sqlite_utils.Database, queue_id: int, context: list[dict[str, Any]], candidates: list[CandidateIn], source: str
) -> int:
    """Append a comparison to a queue (at the next position); returns its id.

    ``context`` is the conversation so far (system and messages, ending with the user message);
    candidates get slots 0, 1, … in the order given. ``source`` says where it came from, e.g.
    ``"playground"`` or ``"batch:<run id>"``. ``ValueError`` with fewer than two candidates or a
    candidate that is not a message object; ``LookupError`` when there is no such queue.
    """
    if len(candidates) < 2:
        raise ValueError(_("A comparison needs at least two answers."))
    if not all(isinstance(c.content, dict) for c in candidates):
        raise ValueError(_("Each answer must be a message object."))
    conn = db.conn
    with _atomic(conn):
        queue_seed(db, queue_id)  # raises LookupError for an unknown queue
        position = conn.execute(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM comparisons WHERE queue_id = ?", (queue_id,)
        ).fetchone()[0]
        cur = conn.execute(
            "INSERT INTO comparisons (queue_id, uid, position, context, source, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (queue_id, new_uid(), position, _json({"messages": context}), source, now()),
        )
        comparison_id = int(cur.lastrowid)
        conn.executemany(
            "INSERT INTO candidates (comparison_id, slot, content, model, profile_id, params)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (comparison_id, slot, _json(c.content), c.model, c.profile_id, _json(c.params) if c.params else "")
                for slot, c in enumerate(candidates)
            ],
        )
        _touch_queue(conn, queue_id)
    return comparison_id


def queue_items(db: sqlite_utils.Database, queue_id: int) -> list[int]:
    """The ids of a queue's comparisons in queue order."""
    rows = db.conn.execute("SELECT id FROM comparisons WHERE queue_id = ? ORDER BY position, id", (queue_id,))
    return [r[0] for r in rows]


def comparison(db: sqlite_utils.Database, comparison_id: int) -> Comparison | None:
    """One comparison with its candidates (by slot) and judgements (oldest first), or None."""
    conn = db.conn
    row = conn.execute(
        "SELECT id, uid, queue_id, position, context, source, created_at FROM comparisons WHERE id = ?",
        (comparison_id,),
    ).fetchone()
    if row is None:
        return None
    context = _loads(row[4])
    messages = context.get("messages") if isinstance(context, dict) else None
    candidates = [
        Candidate(r[0], _loads(r[1]) or {}, r[2], r[3], _loads(r[4]))
        for r in conn.execute(
            "SELECT slot, content, model, profile_id, params FROM candidates WHERE comparison_id = ? ORDER BY slot",
            (comparison_id,),
        )
    ]
    judgements = [
        Judgement(*r)
        for r in conn.execute(
            "SELECT id, uid, annotator, verdict, left_slot, right_slot, winner_slot, rewrite, rationale, created_at"
            " FROM judgements WHERE comparison_id = ? ORDER BY created_at, id",
            (comparison_id,),
        )
    ]
    context_messages = messages if isinstance(messages, list) else []
    return Comparison(row[0], row[1], row[2], row[3], context_messages, row[5], row[6], candidates, judgements)


# --- judgements ----------------------------------------------------------------------------------


def add_judgement(
    db: sqlite_utils.Database,
    comparison_id: int,
    annotator: str,
    verdict: str,
    left_slot: int,
    right_slot: int,
    winner_slot: int | None = None,
    rewrite: str | None = None,
    rationale: str = "",
) -> int:
    """Record ``annotator``'s judgement of a comparison, replacing their earlier one; returns its id.

    ``verdict`` is one of ``VERDICTS``; ``left_slot``/``right_slot`` are the two (different)
    candidate slots that were shown left and right; ``winner_slot`` is required for a "win" (and
    must be one of the two shown) and must be None otherwise. ``rewrite`` is the annotator's
    rewritten answer text, if any. A replacement is a new judgement (new id and uid).
    ``ValueError`` for anything inconsistent; ``LookupError`` when there is no such comparison.
    """
    annotator = annotator.strip()
    if not annotator:
        raise ValueError(_("A judgement needs the annotator's name."))
    if verdict not in VERDICTS:
        raise ValueError(f"Unknown verdict {verdict!r}; expected one of {', '.join(VERDICTS)}.")
    if left_slot == right_slot:
        raise ValueError("The left and right answers must be different candidates.")
    if verdict == "win" and winner_slot not in (left_slot, right_slot):
        raise ValueError("A win needs the winner: the left or the right answer.")
    if verdict != "win" and winner_slot is not None:
        raise ValueError("Only a win has a winner.")
    conn = db.conn
    with _atomic(conn):
        found = conn.execute("SELECT queue_id FROM comparisons WHERE id = ?", (comparison_id,)).fetchone()
        if found is None:
            raise LookupError(f"there is no comparison {comparison_id}")
        slots = {r[0] for r in conn.execute("SELECT slot FROM candidates WHERE comparison_id = ?", (comparison_id,))}
        if left_slot not in slots or right_slot not in slots:
            raise ValueError("The judged answers are not candidates of this comparison.")
        conn.execute("DELETE FROM judgements WHERE comparison_id = ? AND annotator = ?", (comparison_id, annotator))
        cur = conn.execute(
            "INSERT INTO judgements (uid, comparison_id, annotator, verdict, left_slot, right_slot, winner_slot,"
            " rewrite, rationale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new_uid(),
                comparison_id,
                annotator,
                verdict,
                left_slot,
                right_slot,
                winner_slot,
                rewrite,
                rationale,
                now(),
            ),
        )
        _touch_queue(conn, found[0])
    return int(cur.lastrowid)


def delete_judgement(db: sqlite_utils.Database, comparison_id: int, annotator: str) -> Judgement | None:
    """Remove ``annotator``'s judgement of a comparison (undo); returns what was removed, or None."""
    conn = db.conn
    with _atomic(conn):
        row = conn.execute(
            "SELECT id, uid, annotator, verdict, left_slot, right_slot, winner_slot, rewrite, rationale, created_at"
            " FROM judgements WHERE comparison_id = ? AND annotator = ?",
            (comparison_id, annotator.strip()),
        ).fetchone()
        if row is None:
            return None
        conn.execute("DELETE FROM judgements WHERE id = ?", (row[0],))
    return Judgement(*row)


def model_results(
    db: sqlite_utils.Database, model_a: str, model_b: str, queue_id: int | None = None
) -> tuple[int, int, int]:
    """``(a wins, b wins, ties)`` of ``model_a`` against ``model_b`` (candidates' ``model`` column).

    Counts every judgement with verdict "win" or "tie" whose two shown answers (left and right
    slot) came one from each model — with two candidates per comparison, that is every judged
    comparison holding one answer of each. Several annotators' judgements of the same comparison
    each count; "both_bad" and "skip" are not counted. ``queue_id`` limits it to one queue.
    """
    if model_a == model_b:
        raise ValueError(_("Choose two different models to compare."))
    where = "AND c.queue_id = ?" if queue_id is not None else ""
    args: tuple[Any, ...] = (model_a, model_b, model_b, model_a) + ((queue_id,) if queue_id is not None else ())
    rows = db.conn.execute(
        f"""
        SELECT j.verdict, w.model
        FROM judgements j
        JOIN comparisons c ON c.id = j.comparison_id
        JOIN candidates l ON l.comparison_id = j.comparison_id AND l.slot = j.left_slot
        JOIN candidates r ON r.comparison_id = j.comparison_id AND r.slot = j.right_slot
        LEFT JOIN candidates w ON w.comparison_id = j.comparison_id AND w.slot = j.winner_slot
        WHERE j.verdict IN ('win', 'tie')
          AND ((l.model = ? AND r.model = ?) OR (l.model = ? AND r.model = ?)) {where}
        """,
        args,
    )
    a = b = ties = 0
    for verdict, winner in rows:
        if verdict == "tie":
            ties += 1
        elif winner == model_a:
            a += 1
        elif winner == model_b:
            b += 1
    return a, b, ties
