"""Check a whole training-data file: read, validate, count tokens, gather statistics.

Synchronous and thread-safe, so the command line, the benchmark and the importer share it. All
reading, parsing and checking runs in the worker-process pool, in order-preserving chunks, with a
bounded number in flight so memory stays flat however big the file is: plain UTF-8 JSONL as byte
ranges each worker reads itself (``pipeline``), every other format as parts its reader finds in a
worker (``reader_parts``). The calling thread only plans, merges and counts, so a thread of the
app's process never holds the GIL through a long parse (the GUI thread would stall meanwhile).
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from app.formats.column_mapping import ColumnMapping
from app.formats.encoding import UnreadableFile, sniff
from app.formats.jsonl import detect_kind_of_file
from app.formats.model import Finding, Kind, Severity
from app.formats.pipeline import (
    FINDINGS,
    STATUS,
    ChunkResult,
    check_jsonl_range,
    findings_from_json,
    plan_jsonl_chunks,
    row_summary,
)
from app.formats.prices import PriceTable
from app.formats.reader_parts import PART_BYTES, check_part, plan_parts, release
from app.formats.readers import detect_format
from app.formats.stats import DatasetStats, StatsAccumulator
from app.formats.validate_dataset import DatasetChecker
from app.runtime.processes import process_pool, worker_count


class CheckCancelled(Exception):
    """The user cancelled the check (or the import it feeds)."""


@dataclass
class CheckReport:
    """Everything learnt about a file: what it is, what is wrong, and its numbers."""

    path: Path
    fmt: str
    kind: Kind
    model: str | None
    examples: int = 0
    lines_with_errors: int = 0
    examples_with_warnings: int = 0
    problems: list[Finding] = field(default_factory=list)  # line-level findings, in line order
    dataset_findings: list[Finding] = field(default_factory=list)
    stats: DatasetStats | None = None

    @property
    def findings(self) -> list[Finding]:
        """Every finding: lines first (in order), then the dataset-wide ones."""
        return [*self.problems, *self.dataset_findings]

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)


Progress = Callable[[int, int], None]  # (bytes done, bytes total)


def _is_utf8_jsonl(path: Path, fmt: str) -> bool:
    if fmt != "openai":
        return False
    with open(path, "rb") as f:
        head = f.read(4096)  # the raw bytes: BOMs and all
    try:
        codec, _bom = sniff(head)
    except UnreadableFile:
        return False
    return codec == "utf-8" and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def _jobs(
    path: Path, fmt: str, kind: Kind, model: str | None, mapping: ColumnMapping | None, store: bool,
    key: str = "",
) -> Iterator[tuple]:
    """(function, args) pairs, one per chunk, in file order; each returns a ``ChunkResult``.

    ``key`` names the check for the workers' open readers (see ``reader_parts``); a new one when empty.
    """
    if _is_utf8_jsonl(path, fmt):
        for offset, length, first in plan_jsonl_chunks(path):
            yield check_jsonl_range, (str(path), offset, length, first, kind, model, store)
        return
    key = key or uuid.uuid4().hex
    for start, end, size in plan_parts(path.stat().st_size):
        yield check_part, (str(path), fmt, kind, mapping, model, store, key, start, end, size)


def resolve_format(
    path: Path, *, fmt: str | None = None, kind: Kind | None = None, mapping: ColumnMapping | None = None
) -> tuple[str, Kind]:
    """The file's format and data kind: as given, else detected from its name and content."""
    fmt = fmt or detect_format(str(path))
    if kind is None:
        if mapping is not None:
            kind = mapping.resolve_kind()
        elif fmt == "openai":
            kind = detect_kind_of_file(str(path)) or Kind.SFT
        else:
            kind = Kind.DPO if fmt == "pairs" else Kind.SFT
    return fmt, kind


def check_file(
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    kind: Kind | None = None,
    model: str | None = None,
    mapping: ColumnMapping | None = None,
    prices: PriceTable | None = None,
    n_epochs: int | None = None,
    purpose: str = "training",
    workers: int | None = None,
    on_chunk: Callable[[ChunkResult], None] | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> CheckReport:
    """Check ``path`` and return its report; ``on_chunk`` sees every chunk in file order (with
    each example's text, preview and search text when given, for storing).

    Raises ``CheckCancelled`` when ``cancel`` is set, ``OSError`` when the file cannot be read,
    and ``MappingError`` when a table's column mapping does not fit.
    """
    path = Path(path)
    fmt, kind = resolve_format(path, fmt=fmt, kind=kind, mapping=mapping)
    report = CheckReport(path=path, fmt=fmt, kind=kind, model=model)
    checker = DatasetChecker(kind, model=model, purpose=purpose)  # type: ignore[arg-type]
    stats = StatsAccumulator(kind, model=model, n_epochs=n_epochs, prices=prices)
    total = path.stat().st_size
    done = 0
    pool = process_pool(workers)
    window = 2 * (workers or worker_count()) + 2  # chunks in flight: keeps workers busy, memory flat
    pending: deque[Future[ChunkResult]] = deque()
    key = uuid.uuid4().hex  # this check, for the workers that keep its file's reader open
    # Workers keep a reader open between parts of a file; with one part it is already closed.
    readers_open = total > PART_BYTES and not _is_utf8_jsonl(path, fmt)

    def take(result: ChunkResult) -> None:
        nonlocal done
        for row in result.examples:
            summary = row_summary(row)
            checker.add(summary)
            stats.add(summary)
            if row[FINDINGS]:
                report.problems.extend(findings_from_json(row[FINDINGS]))
                if row[STATUS] == "error":
                    report.lines_with_errors += 1
                else:
                    report.examples_with_warnings += 1
        report.examples += len(result.examples)
        report.problems.extend(result.problems)
        report.lines_with_errors += len({f.line for f in result.problems})
        if on_chunk is not None:
            on_chunk(result)
        done += result.size
        if progress is not None:
            progress(min(done, total), total)

    try:
        for fn, args in _jobs(path, fmt, kind, model, mapping, on_chunk is not None, key):
            if cancel is not None and cancel.is_set():
                raise CheckCancelled
            pending.append(pool.submit(fn, *args))
            while len(pending) >= window:
                take(pending.popleft().result())
        while pending:
            if cancel is not None and cancel.is_set():
                raise CheckCancelled
            take(pending.popleft().result())
    except BaseException:
        for f in pending:
            f.cancel()
        raise
    finally:
        if readers_open:
            # Let the workers close the file and drop their read-ahead now, not when idle (best
            # effort: a worker busy elsewhere closes it later). Nothing waits for these.
            with contextlib.suppress(RuntimeError):  # a pool shut down or broken meanwhile
                for _ in range(workers or worker_count()):
                    pool.submit(release, key)
    # Workers return chunks in order, and a reader's records arrive in order: only line-level
    # problems of one chunk can interleave with the examples' findings, so sort once.
    report.problems.sort(key=lambda f: f.line or 0)
    report.dataset_findings = checker.finish()
    report.stats = stats.result()
    return report
