"""Reading and checking a file of a reader-driven format in worker processes, one *part* per job.

Reader-driven: CSV/TSV, JSON lists, Alpaca, ShareGPT, pairs and JSONL that is not plain UTF-8 (UTF-16).
Why in workers: a thread of the app's process holds the GIL through a long C call (``json`` parsing a
50 MB item, transcoding UTF-16), and the GUI thread stalls for as long (measured 0.4 s).

Why parts, not byte ranges: plain UTF-8 JSONL is cut at line ends and each worker reads its own range
(``pipeline.check_jsonl_range``). These formats cannot be cut that way: a quoted CSV cell or a JSON
list item spans lines, one JSON list may be a single line, UTF-16 is decoded from the start. Only a
reader that goes through the file from its start knows where each record begins.

So a record belongs to the part of the file its reader had read up to when it produced the record
(``encoding.TrackedPath.reached``, cut into ``PART_BYTES`` steps). A reader reads the same way in every
process, so all agree on which record is in which part. A part is one independent job for the pool —
``check_part`` returns its checked records in order, as a ``ChunkResult`` — so the caller keeps its
bounded window of jobs in flight and takes results in file order: progress (bytes), cancellation,
memory and ordering behave as for JSONL ranges, and no job ever waits for another (no deadlock, whatever
else runs in the pool, with one worker or eight). The app's process only receives checked chunks.

A job must still read the file from its start up to its part. So each worker keeps its reader open
between the parts of one check (a *cursor*): parts are handed out in order, so a worker's next part
is further on and it reads on from where it stopped, parsing but not checking the records of the parts
that other workers check. Every worker thus parses the file once and checks its share: with 2 workers
that is one parse more than reading in the app's process did, paid for by no longer pickling every
record there and unpickling it in a worker (measured on a CSV: 2/3 of a parse), and by the app's
process no longer sharing its GIL between parsing and storing. Measured on 2 cores, a 200,000-row CSV
(119 MB): imported in 16 s instead of 20-21 s, checked alone (``validate``) in 9-10 s instead of 11.5 s
(``bench/bench_gui_stall.py --case csv``). The cursor is only a cache: without it (a new worker, a
part handed out of order, a cursor dropped when idle) the part is read from the start of the file,
with the same result, only slower.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from app.formats.column_mapping import ColumnMapping
from app.formats.encoding import TrackedPath
from app.formats.model import Kind, Record
from app.formats.pipeline import CHUNK_BYTES, ChunkResult, check_records
from app.formats.readers import read_file

PART_BYTES = CHUNK_BYTES  # as a JSONL range: ~1,000 examples, smooth progress, small results
IDLE_SECONDS = 30.0  # a cursor unused this long is closed (its file and read-ahead let go)
MAX_CURSORS = 4  # per worker: more checks at once than this only cost re-reading
NO_START = -1  # the first part starts before any position (an empty file's records are at 0)
_PAST_END = 1 << 62  # where a cursor stops after the last part: past any position in any file


def plan_parts(size: int, part_bytes: int = PART_BYTES) -> list[tuple[int, int | None, int]]:
    """``(start, end, size)`` of each part of a file of ``size`` bytes, in order.

    A part holds the records found at a position in ``(start, end]``; the first starts at
    ``NO_START``, the last has no end (``None``: whatever the reader reads past the planned size).
    ``size`` is the part's share of the file, for progress; the shares add up to the file's size.
    """
    n = max(1, -(-size // part_bytes))
    return [(i * part_bytes if i else NO_START, (i + 1) * part_bytes if i < n - 1 else None,
             part_bytes if i < n - 1 else size - i * part_bytes) for i in range(n)]


@dataclass(eq=False)
class _Cursor:
    """A reader open on one check's file, stopped at the end of the last part it was asked for."""

    source: TrackedPath
    records: Iterator[Record]
    stop: int = NO_START  # every record read so far was found at a position <= stop
    ahead: Record | None = None  # read but not taken: the first record of a later part
    ahead_at: int = 0
    done: bool = False
    used: float = field(default_factory=time.monotonic)

    def take(self, start: int, end: int | None) -> list[Record]:
        """The records of the part ``(start, end]``, skipping those before it."""
        out: list[Record] = []
        while not self.done:
            if self.ahead is None:
                record = next(self.records, None)
                if record is None:
                    self.done = True
                    self.close()  # the file is read: let it go now
                    break
                self.ahead, self.ahead_at = record, self.source.reached
            if end is not None and self.ahead_at > end:
                break
            if self.ahead_at > start:
                out.append(self.ahead)
            self.ahead = None  # taken, or a part before this one (another worker checks it)
        self.stop = end if end is not None else _PAST_END  # asked for an earlier part, it must start over
        return out

    def close(self) -> None:
        """Close the reader now (and its file), rather than at garbage collection."""
        self.ahead = None
        close = getattr(self.records, "close", None)
        if close is not None:
            close()


_lock = threading.Lock()
_cursors: dict[str, _Cursor] = {}  # this process's cursors, by check; a cursor in use is not here
_reaper: threading.Thread | None = None


def _reap() -> None:
    """Close cursors left idle: those of checks that ended (or were cancelled) here without a release."""
    while True:
        time.sleep(IDLE_SECONDS / 3)
        now = time.monotonic()
        with _lock:
            stale = [key for key, c in _cursors.items() if now - c.used > IDLE_SECONDS]
            closing = [_cursors.pop(key) for key in stale]
        for cursor in closing:
            cursor.close()


def _checkout(key: str, path: str, fmt: str, kind: Kind, mapping: ColumnMapping | None, start: int) -> _Cursor:
    """This process's cursor for check ``key`` when it has not read past ``start``, else a new one."""
    with _lock:
        cursor = _cursors.pop(key, None)
    if cursor is not None:
        if cursor.stop <= start:
            return cursor
        cursor.close()  # it has read records of this part already (parts came out of order): start over
    source = TrackedPath(path)
    return _Cursor(source, read_file(source, fmt=fmt, kind=kind, mapping=mapping))


def _checkin(key: str, cursor: _Cursor) -> None:
    global _reaper
    cursor.used = time.monotonic()
    with _lock:
        _cursors[key] = cursor
        evicted = sorted(_cursors, key=lambda k: _cursors[k].used)[:-MAX_CURSORS]
        closing = [_cursors.pop(k) for k in evicted]
        if _reaper is None:
            _reaper = threading.Thread(target=_reap, name="reader-parts-reaper", daemon=True)
            _reaper.start()
    for old in closing:
        old.close()


def check_part(
    path: str,
    fmt: str,
    kind: Kind,
    mapping: ColumnMapping | None,
    model: str | None,
    store: bool,
    key: str,
    start: int,
    end: int | None,
    size: int,
) -> ChunkResult:
    """Read and check one part of a file (runs in a worker process); ``key`` names the check, so
    the worker's next part of it reads on. See the module docstring; raises what ``read_file``
    raises (``MappingError``, ``OSError``, ``ValueError``)."""
    cursor = _checkout(key, path, fmt, kind, mapping, start)
    try:
        records = cursor.take(start, end)
    except BaseException:
        cursor.close()
        raise
    _checkin(key, cursor)  # also when done: this worker's later parts of the check are then empty at once
    return check_records(records, kind, model, size, store)


def release(key: str, hold: float = 0.05) -> None:
    """Close this worker's cursor of check ``key`` (sent once per worker when the check ends).

    ``hold`` keeps the worker a moment, so that the other workers take the other releases."""
    with _lock:
        cursor = _cursors.pop(key, None)
    if cursor is not None:
        cursor.close()
    time.sleep(hold)
