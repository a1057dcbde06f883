"""Checking a whole file in chunks, so the work can be spread over worker processes.

A chunk is checked by a pure function (``check_jsonl_range`` or ``check_records``) that returns a
``ChunkResult``: one compact row per example (its JSON text, numbers, findings, preview and search
text) plus the findings of lines that are not examples at all. The caller merges chunks in order.

Plain UTF-8 JSONL (the common, large case) is cut into byte ranges at line ends; each worker reads
its own range, so the file's bytes cross no process boundary on the way in. Other formats are read
by their reader in the workers too, part by part (``reader_parts``), and each part's records are
checked by ``check_records`` there.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import orjson

from app.formats import encoding
from app.formats.encoding import line_place, oversized
from app.formats.jsonl import NOT_JSON, json_error_message, parse_line, storable_problem
from app.formats.model import Finding, Kind, Record, Severity
from app.formats.summary import ExampleSummary, check_example
from app.formats.text import preview, search_text

CHUNK_BYTES = 1 << 20  # ~900 examples of the benchmark data: small enough for smooth progress
_ERROR = Severity.ERROR
_UTF8_BOM = b"\xef\xbb\xbf"


# A checked example crosses from a worker as a plain tuple (measured: 4× faster to pickle than a
# dataclass or NamedTuple), in this column order. Hashes are already signed for SQLite.
ExampleRow = tuple
LINE, DATA, MESSAGES, TOKENS, ASSISTANT_TOKENS, ESTIMATED, IMAGES, HAS_SYSTEM, HAS_USER = range(9)
EXACT_HASH, NORM_HASH, STATUS, FINDINGS, PREVIEW, SEARCH = range(9, 15)


def _signed(h: int) -> int:
    return h - (1 << 64) if h >= 1 << 63 else h


def unsigned(h: int) -> int:
    """A hash as stored (signed 64-bit) back to the unsigned value the checks compare."""
    return h + (1 << 64) if h < 0 else h


def row_summary(row: ExampleRow) -> ExampleSummary:
    """The numbers of a checked example, for dataset checks and statistics."""
    return ExampleSummary(
        row[LINE],
        row[TOKENS],
        row[ASSISTANT_TOKENS],
        row[MESSAGES],
        row[IMAGES],
        row[HAS_SYSTEM],
        row[HAS_USER],
        row[ESTIMATED],
        unsigned(row[EXACT_HASH]),
        unsigned(row[NORM_HASH]),
    )


def findings_to_json(findings: list[Finding]) -> str:
    """Findings as stored with an example ("" for none)."""
    return orjson.dumps([f.to_dict() for f in findings]).decode() if findings else ""


def findings_from_json(text: str) -> list[Finding]:
    """The inverse of :func:`findings_to_json`."""
    if not text:
        return []
    return [
        Finding(d["code"], Severity(d["severity"]), d["message"], d.get("line"), d.get("path", ""))
        for d in orjson.loads(text)
    ]


@dataclass(slots=True)
class ChunkResult:
    """What one chunk of a file yielded."""

    examples: list[ExampleRow] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)  # lines that are not examples
    size: int = 0  # bytes of the source this chunk covered (for progress)
    # For a byte range of a file: the examples' DATA is a (start, end) pair within that range, and
    # ``fill_texts`` reads the text in the receiving process — the bytes never cross a pipe twice.
    path: str = ""
    offset: int = 0

    def fill_texts(self) -> None:
        """Replace (start, end) DATA pairs by the examples' text, read from the source file.

        Only the bytes from the first example's start to the last one's end are read, so a line
        skipped as too long is never read into this process."""
        if not self.path or not self.examples:
            return
        first, last = self.examples[0][DATA][0], self.examples[-1][DATA][1]
        with open(self.path, "rb") as f:
            f.seek(self.offset + first)
            buf = f.read(last - first)
        view = memoryview(buf)  # decoded straight from the buffer: a 50 MB line is not copied first
        self.examples = [(r[0], str(view[r[1][0] - first : r[1][1] - first], "utf-8"), *r[2:])
                         for r in self.examples]


def status_of(findings: list[Finding]) -> str:
    """``error`` when any finding is an error, "warning" when there are only warnings, else "ok"."""
    if not findings:
        return "ok"
    return "error" if any(f.severity is _ERROR for f in findings) else "warning"


def _row(
    obj: dict,
    kind: Kind,
    model: str | None,
    line: int,
    raw: bytes,
    before: list[Finding],
    store: bool,
    span: tuple[int, int] | None = None,
) -> ExampleRow:
    # Line 0 is an example made in the app (no source line): its messages get no "Line N:" prefix.
    findings, summary = check_example(obj, kind, line=line or None, model=model, raw=raw)
    if before:
        findings[:0] = before
    if store:
        text = span if span is not None else raw.decode("utf-8")
        short, words = preview(obj, kind), search_text(obj, kind)
    else:  # only checking: nothing to carry back but numbers and findings
        text = short = words = ""
    return (
        line,
        text,
        summary.messages,
        summary.tokens,
        summary.assistant_tokens,
        summary.estimated,
        summary.images,
        summary.has_system,
        summary.has_user,
        _signed(summary.exact_hash),
        _signed(summary.norm_hash),
        status_of(findings),
        findings_to_json(findings),
        short,
        words,
    )


def _line_ends(block: bytes, end: int | None = None) -> int:
    """How many lines end in ``block[:end]`` (at LF, CRLF or a lone CR, as ``bytes.splitlines``)."""
    return block.count(b"\n", 0, end) + block.count(b"\r", 0, end) - block.count(b"\r\n", 0, end)


def plan_jsonl_chunks(path: str | os.PathLike[str], chunk_bytes: int = CHUNK_BYTES) -> Iterator[tuple[int, int, int]]:
    """Cut a JSONL file into ``(offset, length, first_line)`` ranges that end at line ends.

    Lines end at LF, CRLF or a lone CR, as everywhere else (``encoding.iter_raw_lines``). Reads
    the file once, sequentially (counting line ends runs at memory speed), one block at a time: a
    line that spans many blocks (a 100 MB line) costs neither memory nor repeated scans. A range
    ends at the last line end of a block, so a line spanning blocks always starts its range.
    """
    with open(path, "rb") as f:
        offset = 3 if f.read(3) == _UTF8_BOM else 0
        f.seek(offset)
        pos, line, first = offset, 1, 1  # line: the number of the line at ``pos``; first: at ``offset``
        after_cr = False  # the previous block ended with a CR (already counted as a line end)
        while block := f.read(chunk_bytes):
            lf_of_crlf = 1 if after_cr and block[:1] == b"\n" else 0
            # A CR as the very last byte may be the first half of a CRLF: never cut there.
            cut = max(block.rfind(b"\n"), block.rfind(b"\r", 0, len(block) - 1))
            if cut >= 0:
                end = pos + cut + 1
                yield offset, end - offset, first
                first = line + _line_ends(block, cut + 1) - lf_of_crlf
                offset = end
            line += _line_ends(block) - lf_of_crlf
            after_cr = block.endswith(b"\r")
            pos += len(block)
        if pos > offset:
            yield offset, pos - offset, first


def _split_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """``(start, line)`` for each line of ``data`` (without its line end)."""
    pos, size = 0, len(data)
    for raw in data.splitlines():
        yield pos, raw
        pos += len(raw)
        pos += 2 if data.startswith(b"\r\n", pos) else 1 if pos < size else 0


def _read_line(f: BinaryIO, at: int, size: int) -> bytes:
    """The ``size`` bytes at ``at``, or an ``OversizedLine`` (its first bytes) when over the limit."""
    f.seek(at)
    if size > encoding.MAX_LINE_BYTES:
        return oversized(f.read(64), size)
    return f.read(size)


def _range_lines(f: BinaryIO, length: int) -> Iterator[tuple[int, bytes]]:
    """``(start, line)`` for each line of the next ``length`` bytes of ``f`` (start relative to the
    range), as :func:`_split_lines` would give them, holding one block at a time.

    A line that spans blocks is measured first, then read in one piece when it is not longer than
    ``encoding.MAX_LINE_BYTES``; a longer one comes as an ``OversizedLine`` and is never held.
    """
    base = f.tell()
    pos = 0  # where the block starts, within the range
    start = -1  # where an unfinished line started (-1: none)
    skip_lf = False  # the previous block ended with a CR: a LF next completes that CRLF
    while pos < length and (block := f.read(min(CHUNK_BYTES, length - pos))):
        resume = f.tell()
        i = 1 if skip_lf and block[:1] == b"\n" else 0
        skip_lf = False
        if start >= 0:
            cr, lf = block.find(b"\r", i), block.find(b"\n", i)
            end = lf if cr < 0 else cr if lf < 0 else min(cr, lf)
            if end < 0:
                pos += len(block)
                continue
            yield start, _read_line(f, base + start, pos + end - start)
            f.seek(resume)
            start = -1
            i = end + (2 if block.startswith(b"\r\n", end) else 1)
            skip_lf = i == len(block) and block[end] == 13  # 13: CR
        parts = block[i:].splitlines(keepends=True)
        at = pos + i
        for n, part in enumerate(parts):
            if part[-1:] == b"\n":
                line = part[:-2] if part[-2:-1] == b"\r" else part[:-1]
            elif part[-1:] == b"\r":
                line = part[:-1]
                skip_lf = n == len(parts) - 1
            else:  # the last part, unfinished: measured on the next blocks
                start = at
                break
            yield at, oversized(line, len(line)) if len(line) > encoding.MAX_LINE_BYTES else line
            at += len(part)
        pos += len(block)
    if start >= 0:
        yield start, _read_line(f, base + start, pos - start)


def check_jsonl_range(
    path: str, offset: int, length: int, first_line: int, kind: Kind, model: str | None, store: bool = True
) -> ChunkResult:
    """Read and check one byte range of a UTF-8 JSONL file (runs in a worker process).

    ``store`` also returns each example's text, preview and search text (for an import). A range
    longer than ``encoding.MAX_LINE_BYTES`` (one holding a giant line) is read line by line, and
    lines over that limit are reported without being read.
    """
    out = ChunkResult(size=length, path=path if store else "", offset=offset)
    examples, problems = out.examples, out.problems
    gc_was = gc.isenabled()
    gc.disable()  # parsing builds no cycles; the collector's scans would only cost time
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            if length > encoding.MAX_LINE_BYTES:
                lines = _range_lines(f, length)
            else:
                lines = _split_lines(f.read(length))
            for number, (start, raw) in enumerate(lines, first_line):
                if not raw or raw.isspace():
                    continue
                record = parse_line(raw, number)
                if record.data is None:
                    problems.extend(record.findings)
                    continue
                span = (start, start + len(raw)) if store else None
                examples.append(_row(record.data, kind, model, number, raw, record.findings, store, span))
    finally:
        if gc_was:
            gc.enable()
    return out


def check_records(
    records: list[Record], kind: Kind, model: str | None, size: int = 0, store: bool = True
) -> ChunkResult:
    """Check records already parsed by a reader (CSV, Alpaca, ShareGPT, pairs…)."""
    out = ChunkResult(size=size)
    for record in records:
        if record.data is None:
            out.problems.extend(record.findings)
            continue
        try:
            raw = orjson.dumps(record.data)
        except orjson.JSONEncodeError:
            # The readers only hand over data orjson can write; this guards records made elsewhere.
            why = storable_problem(record.data) or "value"
            out.problems.append(Finding(NOT_JSON, _ERROR, json_error_message(line_place(record.line), why, None),
                                        record.line))
            continue
        out.examples.append(_row(record.data, kind, model, record.line, raw, record.findings, store))
    return out


def batched(records: Iterable[Record], n: int) -> Iterator[list[Record]]:
    """Group records into lists of ``n``."""
    batch: list[Record] = []
    for r in records:
        batch.append(r)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch
