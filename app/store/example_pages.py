"""The examples table's rows: filtered, sorted and read one page at a time.

Pages are read by keyset (the sort key of the last row seen), never by OFFSET, so a page deep in
a 100k-example dataset costs what the first one does. Every sort order is served by an index
(migration v3): ``(dataset_id, tokens, position)``, ``(dataset_id, turns, position)`` and
``(dataset_id, <status rank>, position)``; ties always fall back to ``position``, which is unique
within a dataset, so keys are total and no row is skipped or repeated between pages.

Measured on 100,000 examples (bench/data/sft100000.jsonl), first page and a page 90% down alike:
1–4 ms for every sort order, unfiltered or filtered by status or tokens; counting 4–15 ms. A search
word found in 84% of the examples costs 16–30 ms per page (reading its match list), a rare one
~11 ms. Filters no index covers (split, tag, role) scan rows until a page is full: quick when
matches are common, up to a full scan (50–300 ms) when there are none; their counts always scan.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

import sqlite_utils

SORT_KEYS = ("position", "tokens", "turns", "status")
STATUSES = ("ok", "warning", "error")

# Status sorts by severity (ok < warning < error), not alphabetically. The expression must stay
# textually identical to the one indexed by migration v3, or SQLite will not use that index.
STATUS_RANK_SQL = "(CASE status WHEN 'error' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END)"
_RANK = {"ok": 0, "warning": 1, "error": 2}
_COLUMN = {"tokens": "tokens", "turns": "turns"}
_SELECT = "id, position, source_line, preview, turns, tokens, status, tags, split, estimated"
# A word as the search index (unicode61) cuts words: letters and digits; everything else separates.
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ExampleFilter:
    """Which examples the table shows; a field left empty lets every example through.

    ``text``: every word must occur in the example (full-text search; punctuation is ignored).
    ``statuses``: any of ``ok``, ``warning``, ``error``. ``role``: examples with at least one
    message of this role (``tool``, ``system``…). ``tag``: examples carrying this whole tag.
    ``min_tokens``/``max_tokens``: inclusive bounds. ``split``: ``train`` or ``validation``.
    """

    text: str = ""
    statuses: frozenset[str] = frozenset()
    role: str = ""
    tag: str = ""
    min_tokens: int | None = None
    max_tokens: int | None = None
    split: str = ""

    def __post_init__(self) -> None:
        # Callers may pass any iterable of statuses; keep the filter hashable and comparable.
        object.__setattr__(self, "statuses", frozenset(self.statuses))

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every example through."""
        return self == ExampleFilter()


@dataclass(frozen=True)
class DisplayRow:
    """What one row of the examples table shows (no example JSON: lists never parse it)."""

    id: int
    position: int
    source_line: int | None
    preview: str
    turns: int
    tokens: int
    status: str
    tags: str
    split: str
    estimated: bool


def search_words(text: str) -> list[str]:
    """The words of a search text, as the full-text index splits them."""
    return _WORD.findall(text)


def fts_query(text: str) -> str:
    """An FTS5 query matching every word of ``text``; each word quoted, so the user's quotes,
    operators (AND, NEAR, ``*``…) and punctuation are searched as plain words, never parsed."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in search_words(text))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# Role test. Measured on 100k examples: LIKE on the stored JSON text takes ~200 ms for the whole
# dataset, JSON1 (json_each over the message lists) ~550 ms per list path, ~1 s for all four. So
# LIKE handles the two spellings real files use (``"role":"x"`` as written by the app and orjson,
# ``"role": "x"`` as written by Python's json); JSON1 runs only for an example that uses neither
# spelling for any role (odd spacing), which the two cheap NOT LIKE tests rule out early.
_MESSAGE_LISTS = ("$.messages", "$.input.messages", "$.preferred_output", "$.non_preferred_output")
_ROLE_JSON = " UNION ALL ".join(
    f"SELECT 1 FROM json_each(data, '{path}') WHERE json_extract(value, '$.role') = ?" for path in _MESSAGE_LISTS
)
_ROLE_SQL = (
    "(data LIKE ? ESCAPE '\\' OR data LIKE ? ESCAPE '\\' OR ("
    """data NOT LIKE '%"role":"%' AND data NOT LIKE '%"role": "%' AND EXISTS (""" + _ROLE_JSON + ")))"
)


def _where(dataset_id: int, flt: ExampleFilter, sort: str | None = None) -> tuple[list[str], list[object]]:
    """The filter as AND-ed SQL conditions and their parameters.

    For a page (``sort`` given) the rows must come from the sort order's index, read in order
    until the page is full: a filter term SQLite chose to drive by instead (an index on tokens or
    status, the search matches by rowid) would make it fetch and sort every matching row first
    (22 ms instead of 1 ms for a token range on 100k). A leading ``+`` keeps a term off any index.
    For a count (``sort`` None) any index that narrows the scan is welcome.
    """
    plain = "" if sort is None else "+"
    sql: list[str] = ["dataset_id = ?"]
    args: list[object] = [dataset_id]
    match = fts_query(flt.text)
    if match:
        sql.append(f"{plain}id IN (SELECT rowid FROM examples_fts WHERE examples_fts MATCH ?)")
        args.append(match)
    unknown = set(flt.statuses) - set(STATUSES)
    if unknown:
        raise ValueError(f"unknown statuses: {sorted(unknown)}")
    # The status sort reads only the wanted statuses anyway (see _pieces).
    if flt.statuses and sort != "status":
        # As the indexed rank expression, so a count by status reads only the index.
        sql.append(f"{plain}{STATUS_RANK_SQL} IN ({', '.join('?' * len(flt.statuses))})")
        args.extend(sorted(_RANK[s] for s in flt.statuses))
    if flt.role:
        role = flt.role.strip()
        sql.append(_ROLE_SQL)
        args.extend([f'%"role":"{_like_escape(role)}"%', f'%"role": "{_like_escape(role)}"%'])
        args.extend([role] * len(_MESSAGE_LISTS))
    tag = " ".join(flt.tag.split())  # tags are stored trimmed, comma-joined without spaces
    if tag:
        sql.append("instr(',' || tags || ',', ?) > 0")
        args.append(f",{tag},")
    tokens = "tokens" if sort in (None, "tokens") else "+tokens"
    if flt.min_tokens is not None:
        sql.append(f"{tokens} >= ?")
        args.append(flt.min_tokens)
    if flt.max_tokens is not None:
        sql.append(f"{tokens} <= ?")
        args.append(flt.max_tokens)
    if flt.split:
        sql.append("split = ?")
        args.append(flt.split)
    return sql, args


def _check_sort(sort: str) -> None:
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}; expected one of {SORT_KEYS}")


def _pieces(
    sort: str, descending: bool, after: tuple | None, statuses: frozenset[str] = frozenset()
) -> Iterator[tuple[str, list[object], str]]:
    """The sorted list after ``after`` as disjoint (condition, parameters, ORDER BY) pieces, in order.

    One piece for column sorts (a row-value range on the sort index). The status sort runs one piece
    per status rank instead: SQLite cannot range-scan a row value over an indexed expression, but
    ``rank = ? AND position > ?`` is a plain index range.
    """
    _check_sort(sort)
    d = "DESC" if descending else "ASC"
    cmp = "<" if descending else ">"
    if sort == "position":
        if after is None:
            yield "1", [], f"position {d}"
        else:
            yield f"position {cmp} ?", [after[-1]], f"position {d}"
        return
    if sort in _COLUMN:
        col = _COLUMN[sort]
        if after is None:
            yield "1", [], f"{col} {d}, position {d}"
        else:
            yield f"({col}, position) {cmp} (?, ?)", [after[0], after[1]], f"{col} {d}, position {d}"
        return
    ranks = sorted(_RANK.values(), reverse=descending)
    wanted = {_RANK[s] for s in statuses} if statuses else set(ranks)
    if after is not None:
        first = int(after[0])
        ranks = [r for r in ranks if (r < first if descending else r > first)]
        if first in wanted:
            yield f"{STATUS_RANK_SQL} = ? AND position {cmp} ?", [first, after[1]], f"position {d}"
    for rank in ranks:
        if rank in wanted:
            yield f"{STATUS_RANK_SQL} = ?", [rank], f"position {d}"


def _row(r: tuple) -> DisplayRow:
    return DisplayRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]))


def _fts_failed(exc: sqlite3.OperationalError) -> bool:
    # A word the index cuts differently from search_words() (a letter newer than the index's
    # Unicode tables) would become a phrase query, which a position-less index refuses. Such a
    # search finds nothing rather than failing the view.
    return "fts5" in str(exc)


def page_examples(
    db: sqlite_utils.Database,
    dataset_id: int,
    flt: ExampleFilter,
    *,
    sort: str = "position",
    descending: bool = False,
    after: tuple | None = None,
    limit: int = 200,
) -> list[DisplayRow]:
    """Up to ``limit`` rows of the filtered, sorted list that come after the key ``after``
    (``sort_key`` of the last row already shown; None for the first page)."""
    where, args = _where(dataset_id, flt, sort)
    rows: list[DisplayRow] = []
    try:
        for cond, cond_args, order in _pieces(sort, descending, after, flt.statuses):
            sql = f"SELECT {_SELECT} FROM examples WHERE {' AND '.join(where)} AND {cond} ORDER BY {order} LIMIT ?"
            for r in db.conn.execute(sql, [*args, *cond_args, limit - len(rows)]):
                rows.append(_row(r))
            if len(rows) >= limit:
                break
    except sqlite3.OperationalError as exc:
        if not _fts_failed(exc):
            raise
        return []
    return rows


def count_examples(db: sqlite_utils.Database, dataset_id: int, flt: ExampleFilter) -> int:
    """How many examples of the dataset pass the filter."""
    where, args = _where(dataset_id, flt)
    try:
        return db.conn.execute(f"SELECT COUNT(*) FROM examples WHERE {' AND '.join(where)}", args).fetchone()[0]
    except sqlite3.OperationalError as exc:
        if not _fts_failed(exc):
            raise
        return 0


def sort_key(row: DisplayRow, sort: str) -> tuple:
    """The key of ``row`` in the ``sort`` order: what to pass as ``after`` for the next page."""
    _check_sort(sort)
    if sort == "position":
        return (row.position,)
    if sort == "status":
        return (_RANK[row.status], row.position)
    return (getattr(row, _COLUMN[sort]), row.position)


def position_of(
    db: sqlite_utils.Database,
    dataset_id: int,
    flt: ExampleFilter,
    example_id: int,
    sort: str = "position",
    descending: bool = False,
) -> int | None:
    """The 0-based row of an example in the filtered, sorted list; None if the filter hides it.

    Counts the rows before it (the rows "after" it in the reverse order), so it costs a count.
    """
    _check_sort(sort)
    where, args = _where(dataset_id, flt)
    cond = " AND ".join(where)
    try:
        found = db.conn.execute(f"SELECT {_SELECT} FROM examples WHERE id = ? AND {cond}", [example_id, *args])
        r = found.fetchone()
        if r is None:
            return None
        row = _row(r)
        before = 0
        for piece, piece_args, _order in _pieces(sort, not descending, sort_key(row, sort), flt.statuses):
            sql = f"SELECT COUNT(*) FROM examples WHERE {cond} AND {piece}"
            before += db.conn.execute(sql, [*args, *piece_args]).fetchone()[0]
    except sqlite3.OperationalError as exc:
        if not _fts_failed(exc):
            raise
        return None
    return before


def rows_by_id(db: sqlite_utils.Database, ids: list[int]) -> dict[int, DisplayRow]:
    """The display rows of these examples (ids that no longer exist are left out)."""
    out: dict[int, DisplayRow] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):  # well under SQLite's variable limit
        chunk = ids[start : start + 500]
        sql = f"SELECT {_SELECT} FROM examples WHERE id IN ({', '.join('?' * len(chunk))})"
        for r in db.conn.execute(sql, chunk):
            out[r[0]] = _row(r)
    return out
