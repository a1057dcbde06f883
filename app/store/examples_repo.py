"""Examples as whole rows: fetch, insert, delete, reorder, copy — and the search index kept in step.

Plain functions on a ``sqlite3.Connection``; they never open a transaction themselves (the services
in ``app.services.dataset_edits`` do, so several of these steps commit or roll back together).

Positions: within a dataset, ``position`` is always ``0 … n-1`` without gaps, so a list row is its
position. Every insert opens the gaps it needs and every delete closes them, each with at most one
range UPDATE per gap (a handful of index seeks, not one statement per row).

The search index is contentless: removing an example from it needs the exact text it was indexed
with, which :func:`app.formats.text.search_text` recomputes from the stored JSON.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass, fields

import orjson

from app.formats.model import Kind
from app.formats.pipeline import SEARCH
from app.formats.text import search_text

# SQLite allows 32766 variables per statement; smaller chunks keep statements cheap to prepare.
CHUNK = 500
# Rows read per batch when a whole dataset's search texts are recomputed.
BATCH = 5000
_END = 1 << 62  # "no upper bound" for position ranges


@dataclass(frozen=True, slots=True)
class StoredExample:
    """One example row with every column, so it can be put back exactly as it was."""

    id: int
    dataset_id: int
    position: int
    source_line: int | None
    data: str
    turns: int
    tokens: int
    assistant_tokens: int
    estimated: int
    images: int
    has_system: int
    has_user: int
    exact_hash: int
    norm_hash: int
    status: str
    findings: str
    preview: str
    split: str
    tags: str
    note: str


ALL_COLUMNS = ", ".join(f.name for f in fields(StoredExample))
# Every column but the id, for copies (INSERT … SELECT).
_COPY_COLUMNS = ", ".join(f.name for f in fields(StoredExample) if f.name not in ("id", "dataset_id"))


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    """``items`` in slices of ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(n: int) -> str:
    """``?, ?, …`` for ``n`` parameters."""
    return ", ".join("?" * n)


def dataset_kind(conn: sqlite3.Connection, dataset_id: int) -> Kind:
    """The kind of a dataset (``LookupError`` when there is no such dataset)."""
    row = conn.execute("SELECT kind FROM datasets WHERE id = ?", (dataset_id,)).fetchone()
    if row is None:
        raise LookupError(f"there is no dataset {dataset_id}")
    return Kind(row[0])


def dataset_model(conn: sqlite3.Connection, dataset_id: int) -> str | None:
    """The model a dataset was checked for (None when none was chosen)."""
    row = conn.execute("SELECT model FROM datasets WHERE id = ?", (dataset_id,)).fetchone()
    return (row[0] or None) if row else None


def count(conn: sqlite3.Connection, dataset_id: int) -> int:
    """How many examples a dataset holds."""
    return conn.execute("SELECT COUNT(*) FROM examples WHERE dataset_id = ?", (dataset_id,)).fetchone()[0]


def fetch(conn: sqlite3.Connection, ids: Iterable[int]) -> list[StoredExample]:
    """The rows of ``ids`` (unknown ids are skipped), ordered by dataset and position."""
    out: list[StoredExample] = []
    for part in chunks(list(dict.fromkeys(ids))):
        rows = conn.execute(f"SELECT {ALL_COLUMNS} FROM examples WHERE id IN ({marks(len(part))})", part)
        out.extend(StoredExample(*r) for r in rows)
    out.sort(key=lambda s: (s.dataset_id, s.position))
    return out


def column_values(conn: sqlite3.Connection, column: str, ids: Iterable[int]) -> dict[int, object]:
    """``{id: value}`` of one column (``column`` is a trusted name, never user input)."""
    out: dict[int, object] = {}
    for part in chunks(list(dict.fromkeys(ids))):
        out.update(conn.execute(f"SELECT id, {column} FROM examples WHERE id IN ({marks(len(part))})", part))
    return out


def datasets_of(conn: sqlite3.Connection, ids: Iterable[int]) -> set[int]:
    """The datasets the examples ``ids`` belong to."""
    out: set[int] = set()
    for part in chunks(list(ids)):
        out.update(
            r[0]
            for r in conn.execute(f"SELECT DISTINCT dataset_id FROM examples WHERE id IN ({marks(len(part))})", part)
        )
    return out


def next_id(conn: sqlite3.Connection) -> int:
    """An id above every example id there is or ever was (a deleted example's id is never given to
    another: the undo history may still bring it back). Take ids with :func:`claim_ids`."""
    return conn.execute(
        "SELECT MAX(COALESCE((SELECT MAX(id) FROM examples), 0), (SELECT high FROM example_id_high)) + 1"
    ).fetchone()[0]


def claim_ids(conn: sqlite3.Connection, n: int) -> int:
    """Take ``n`` new example ids (in the caller's transaction); returns the first of them."""
    first = next_id(conn)
    if n > 0:
        conn.execute("UPDATE example_id_high SET high = ?", (first + n - 1,))
    return first


def taken_ids(conn: sqlite3.Connection, ids: Iterable[int]) -> list[int]:
    """Which of ``ids`` already exist."""
    return sorted(column_values(conn, "id", ids))


# --- the search index ---------------------------------------------------------------------------


def text_of(data: str, kind: Kind) -> str:
    """The text an example was indexed with (its stored JSON → ``search_text``)."""
    return search_text(orjson.loads(data), kind)


def index(conn: sqlite3.Connection, pairs: Iterable[tuple[int, str]]) -> None:
    """Add ``(id, search text)`` pairs to the search index."""
    conn.executemany("INSERT INTO examples_fts (rowid, text) VALUES (?, ?)", pairs)


def unindex(conn: sqlite3.Connection, pairs: Iterable[tuple[int, str]]) -> None:
    """Remove ``(id, search text)`` pairs; the text must be exactly the one indexed."""
    conn.executemany("INSERT INTO examples_fts (examples_fts, rowid, text) VALUES ('delete', ?, ?)", pairs)


def text_batches(
    conn: sqlite3.Connection, dataset_id: int, kind: Kind, id_offset: int = 0
) -> Iterator[list[tuple[int, str]]]:
    """``(id + id_offset, search text)`` of every example of a dataset, in batches read by id.

    Batches (not one open cursor) so the caller may write to the index between them.
    """
    low, high = conn.execute("SELECT MIN(id), MAX(id) FROM examples WHERE dataset_id = ?", (dataset_id,)).fetchone()
    if low is None:
        return
    last = low - 1
    loads = orjson.loads
    while True:
        # "+dataset_id": scan the id range (rowid order, no sort); an index on dataset_id would
        # make SQLite sort the whole dataset again for every batch.
        rows = conn.execute(
            "SELECT id, data FROM examples WHERE id > ? AND id <= ? AND +dataset_id = ? ORDER BY id LIMIT ?",
            (last, high, dataset_id, BATCH),
        ).fetchall()
        if not rows:
            return
        yield [(i + id_offset, search_text(loads(d), kind)) for i, d in rows]
        last = rows[-1][0]


# --- positions ----------------------------------------------------------------------------------


def open_gaps(conn: sqlite3.Connection, dataset_id: int, final_positions: Sequence[int]) -> None:
    """Shift the examples so that ``final_positions`` (sorted, distinct) become free for new rows.

    The examples now at ``q`` move up by the number of new rows that will come before them:
    new row ``i`` goes before every example at ``q >= final_positions[i] - i``.
    """
    starts = [p - i for i, p in enumerate(final_positions)]
    bounds = [*starts[1:], _END]
    # From the top down, so a moved row never lands in a range still to be processed.
    params = [
        (i + 1, dataset_id, lo, hi)
        for i, (lo, hi) in reversed(list(enumerate(zip(starts, bounds, strict=True))))
        if lo < hi
    ]
    conn.executemany(
        "UPDATE examples SET position = position + ? WHERE dataset_id = ? AND position >= ? AND position < ?", params
    )


def close_gaps(conn: sqlite3.Connection, dataset_id: int, removed_positions: Sequence[int]) -> None:
    """After the rows at ``removed_positions`` (sorted, distinct) were deleted, move the rest down."""
    bounds = [*removed_positions[1:], _END]
    # From the bottom up: each range moves below itself, into ranges already processed.
    params = [
        (i + 1, dataset_id, lo, hi)
        for i, (lo, hi) in enumerate(zip(removed_positions, bounds, strict=True))
        if hi > lo + 1
    ]
    conn.executemany(
        "UPDATE examples SET position = position - ? WHERE dataset_id = ? AND position > ? AND position < ?", params
    )


def compact(conn: sqlite3.Connection, dataset_id: int) -> None:
    """Renumber positions ``0 … n-1`` in their current order, if they are not already.

    A safety net (one cheap query when nothing is wrong): undoing onto a dataset that was changed
    outside the undo history could otherwise leave a gap.
    """
    n, top = conn.execute("SELECT COUNT(*), MAX(position) FROM examples WHERE dataset_id = ?", (dataset_id,)).fetchone()
    distinct = conn.execute("SELECT COUNT(DISTINCT position) FROM examples WHERE dataset_id = ?", (dataset_id,))
    if n == 0 or (top == n - 1 and distinct.fetchone()[0] == n):
        return
    ids = [
        r[0] for r in conn.execute("SELECT id FROM examples WHERE dataset_id = ? ORDER BY position, id", (dataset_id,))
    ]
    conn.executemany("UPDATE examples SET position = ? WHERE id = ?", [(k, i) for k, i in enumerate(ids)])


def move(conn: sqlite3.Connection, example_id: int, dataset_id: int, old: int, new: int) -> None:
    """Move one example from position ``old`` to ``new``, shifting those in between."""
    if new < old:
        conn.execute(
            "UPDATE examples SET position = position + 1 WHERE dataset_id = ? AND position >= ? AND position < ?",
            (dataset_id, new, old),
        )
    elif new > old:
        conn.execute(
            "UPDATE examples SET position = position - 1 WHERE dataset_id = ? AND position > ? AND position <= ?",
            (dataset_id, old, new),
        )
    conn.execute("UPDATE examples SET position = ? WHERE id = ?", (new, example_id))


# --- whole rows ---------------------------------------------------------------------------------


def insert_rows(conn: sqlite3.Connection, rows: Iterable[StoredExample]) -> None:
    """Insert rows exactly as given (ids and positions included; no shifting, no indexing)."""
    conn.executemany(
        f"INSERT INTO examples ({ALL_COLUMNS}) VALUES ({marks(len(fields(StoredExample)))})",
        [astuple(r) for r in rows],
    )


def delete_rows(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Delete rows by id (no closing of gaps, no unindexing)."""
    for part in chunks(list(ids)):
        conn.execute(f"DELETE FROM examples WHERE id IN ({marks(len(part))})", part)


def copy_dataset_rows(conn: sqlite3.Connection, source_id: int, target_id: int, kind: Kind) -> int:
    """Copy every example of ``source_id`` into ``target_id`` (same order, new ids) and index them.

    Ids are shifted by one offset above every existing id, so the copy is one INSERT … SELECT and
    each copy's search text is recomputed from the source row. Returns the number copied.
    """
    low = conn.execute("SELECT MIN(id) FROM examples WHERE dataset_id = ?", (source_id,)).fetchone()[0]
    if low is None:
        return 0
    high = conn.execute("SELECT MAX(id) FROM examples WHERE dataset_id = ?", (source_id,)).fetchone()[0]
    offset = claim_ids(conn, high - low + 1) - low
    cur = conn.execute(
        f"INSERT INTO examples (id, dataset_id, {_COPY_COLUMNS}) "
        f"SELECT id + ?, ?, {_COPY_COLUMNS} FROM examples WHERE dataset_id = ? ORDER BY id",
        (offset, target_id, source_id),
    )
    for batch in text_batches(conn, source_id, kind, offset):
        index(conn, batch)
    return cur.rowcount


def delete_dataset_rows(conn: sqlite3.Connection, dataset_id: int, kind: Kind) -> int:
    """Delete every example of a dataset and its search entries; returns how many.

    Removing an entry from the contentless index needs its text, so each costs a JSON parse.
    When the other datasets hold fewer examples than this one, it is cheaper to empty the whole
    index ('delete-all') and index the others again.
    """
    mine = count(conn, dataset_id)
    others = conn.execute("SELECT COUNT(*) FROM examples WHERE dataset_id != ?", (dataset_id,)).fetchone()[0]
    if others < mine:
        conn.execute("INSERT INTO examples_fts (examples_fts) VALUES ('delete-all')")
        kinds = conn.execute(
            "SELECT DISTINCT d.id, d.kind FROM datasets d JOIN examples e ON e.dataset_id = d.id WHERE d.id != ?",
            (dataset_id,),
        ).fetchall()
        for other, other_kind in kinds:
            for batch in text_batches(conn, other, Kind(other_kind)):
                index(conn, batch)
    else:
        for batch in text_batches(conn, dataset_id, kind):
            unindex(conn, batch)
    conn.execute("DELETE FROM examples WHERE dataset_id = ?", (dataset_id,))
    return mine


def replace_contents(conn: sqlite3.Connection, items: Sequence[tuple[int, tuple, str]]) -> None:
    """Store re-checked examples ``(id, pipeline row, old search text)`` in place and re-index them.

    The batched form of ``datasets_repo.replace_example`` (three statements for the lot, not per row).
    """
    conn.executemany(
        "UPDATE examples SET data = ?, turns = ?, tokens = ?, assistant_tokens = ?, estimated = ?, images = ?, "
        "has_system = ?, has_user = ?, exact_hash = ?, norm_hash = ?, status = ?, findings = ?, preview = ? "
        "WHERE id = ?",
        [(*row[1:SEARCH], i) for i, row, _ in items],
    )
    unindex(conn, [(i, old) for i, _, old in items])
    index(conn, [(i, row[SEARCH]) for i, row, _ in items])
