"""Saved Playground sessions: one row per session, its whole state kept as one JSON document.

The document is built and read by :mod:`app.services.playground_session`; this module only stores
it. It is small, read whole and written whole on every change (see the v6 migration), so there is
nothing to gain from splitting it into columns. Plain functions taking the database first: writes
run on the project's writer thread, reads on a reader thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import orjson
import sqlite_utils

from app.store.tx import transaction


def now() -> str:
    """A UTC ISO-8601 timestamp with milliseconds, so sessions saved within one second still sort."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class SessionSummary:
    """A saved session as the history list shows it: its title, last change and pane models."""

    id: int
    title: str
    updated_at: str
    models: list[str]


def _dump(state: dict[str, Any]) -> str:
    return orjson.dumps(state).decode("utf-8")


def _load(text: str) -> dict[str, Any]:
    """The stored document; an unreadable one loads as empty (the session opens blank, not crash)."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _models(state: dict[str, Any]) -> list[str]:
    panes = state.get("panes")
    if not isinstance(panes, list):
        return []
    return [str(p["model"]) for p in panes if isinstance(p, dict) and p.get("model")]


def save_session(db: sqlite_utils.Database, session_id: int | None, title: str, state: dict[str, Any]) -> int:
    """Store a session: a new row when ``session_id`` is None, else that row updated. Returns its id.

    A session deleted meanwhile (e.g. from the history list while still open) is stored again as a
    new row, so the open work is not lost; the caller keeps the returned id. Note that SQLite may
    give a new session the id of the most recently deleted one (the table has no AUTOINCREMENT), so
    a view whose open session is deleted should forget its id (set it to None) at that moment.
    """
    conn = db.conn
    text = _dump(state)
    stamp = now()
    with transaction(conn):
        if session_id is not None:
            cur = conn.execute(
                "UPDATE playground_sessions SET title = ?, state = ?, updated_at = ? WHERE id = ?",
                (title, text, stamp, session_id),
            )
            if cur.rowcount:
                return session_id
        cur = conn.execute(
            "INSERT INTO playground_sessions (title, state, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (title, text, stamp, stamp),
        )
        return int(cur.lastrowid)


def load_session(db: sqlite_utils.Database, session_id: int) -> tuple[str, dict[str, Any]] | None:
    """``(title, state)`` of a saved session, or None when there is no such session."""
    row = db.conn.execute("SELECT title, state FROM playground_sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        return None
    return row[0], _load(row[1])


def list_sessions(db: sqlite_utils.Database) -> list[SessionSummary]:
    """Every saved session, the most recently changed first."""
    rows = db.conn.execute(
        "SELECT id, title, updated_at, state FROM playground_sessions ORDER BY updated_at DESC, id DESC"
    )
    return [SessionSummary(r[0], r[1], r[2], _models(_load(r[3]))) for r in rows]


def rename_session(db: sqlite_utils.Database, session_id: int, title: str) -> None:
    """Give a session a new title (``LookupError`` when there is no such session)."""
    cur = db.conn.execute(
        "UPDATE playground_sessions SET title = ?, updated_at = ? WHERE id = ?", (title, now(), session_id)
    )
    if not cur.rowcount:
        raise LookupError(f"there is no Playground session {session_id}")


def delete_session(db: sqlite_utils.Database, session_id: int) -> None:
    """Delete a saved session (nothing happens when it is already gone)."""
    db.conn.execute("DELETE FROM playground_sessions WHERE id = ?", (session_id,))
